#!/usr/bin/env bash
# fuzz-power.sh - `make fuzz-power`: how strong are the fuzz oracles? Each patch in
# fuzz/mutants/ is one small, realistic bug. For each, a scratch copy of the tree gets
# the patch, the targets its header names ("# targets: a b") are built (libFuzzer,
# ASan + UBSan) and each runs a short campaign from its corpus; the first finding ends
# the mutant. Prints a table: found (with the seconds to the first finding and the
# property that fired), missed, "does not apply" or "does not build".
#   FUZZ_POWER_TIME  seconds per mutant, split over its targets (default 120)
#   MUTANTS          names (without .patch) to run; default every patch
# Exit status: 0 when every mutant was found, 1 when one was missed or did not
# apply / build, 2 on setup errors. The copy is of the tracked files as they are in
# the work tree (modifications included), with their times, plus the unmutated fuzz
# objects, so that each mutant recompiles only the files its patch touches.
set -u
cd "$(dirname "$0")/.." || exit 2
top=$(pwd)

BUDGET=${FUZZ_POWER_TIME:-120}
SAN_DIR=build/fuzz/address-undefined
read -r -a mutants <<<"${MUTANTS:-$(ls fuzz/mutants/*.patch 2>/dev/null | sed 's|.*/||; s|\.patch$||' | tr '\n' ' ')}"
[ "${#mutants[@]}" -gt 0 ] || { echo "fuzz-power: no mutants"; exit 2; }

stamp=$(date +%Y%m%d-%H%M%S)
out=$top/fuzz-out/power-$stamp
work=$(mktemp -d "${TMPDIR:-/tmp}/fuzz-power.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

targets_of() { sed -n 's/^# targets: *//p' "fuzz/mutants/$1.patch" | head -n 1; }

# The base copy: tracked files with their modification times, then the unmutated
# fuzz build of every target any mutant names.
all_targets=$(for m in "${mutants[@]}"; do [ -f "fuzz/mutants/$m.patch" ] && targets_of "$m"; done |
    tr ' ' '\n' | sed '/^$/d' | sort -u | tr '\n' ' ')
echo "fuzz-power: ${#mutants[@]} mutant(s), ${BUDGET}s each; targets: $all_targets"
mkdir -p "$work/base"
git ls-files -z | tar --null -T - -cf - | tar -xf - -C "$work/base" || exit 2
if [ -d "$SAN_DIR" ]; then
    mkdir -p "$work/base/$SAN_DIR"
    cp -a "$SAN_DIR/." "$work/base/$SAN_DIR/"
fi
# shellcheck disable=SC2046
make -s -C "$work/base" $(for t in $all_targets; do echo "$SAN_DIR/$t"; done) \
    >"$out/base-build.log" 2>&1 || { echo "fuzz-power: the unmutated tree does not build (see $out/base-build.log)"; exit 2; }

options_of() { # libFuzzer flags from fuzz/<target>.options ([libfuzzer] key = value)
    local f=fuzz/$1.options
    [ -f "$f" ] || return 0
    awk -F' *= *' '/^\[/{s=$0; next} s=="[libfuzzer]" && NF==2 {printf "-%s=%s ", $1, $2}' "$f"
}

now() { date +%s.%N; }

rows=()
found_n=0
status=0
for m in "${mutants[@]}"; do
    patch=$top/fuzz/mutants/$m.patch
    if [ ! -f "$patch" ]; then
        rows+=("$m|-|no such mutant|-|-|-")
        status=1
        continue
    fi
    read -r -a ts <<<"$(targets_of "$m")"
    dir=$work/m
    rm -rf "$dir"
    cp -a "$work/base" "$dir"
    if ! (cd "$dir" && git apply "$patch") >"$out/$m.apply.log" 2>&1; then
        rows+=("$m|${ts[*]}|does not apply|-|-|see $m.apply.log")
        echo "  $m: does not apply"
        status=1
        continue
    fi
    # shellcheck disable=SC2046
    if ! make -s -C "$dir" $(for t in "${ts[@]}"; do echo "$SAN_DIR/$t"; done) >"$out/$m.build.log" 2>&1; then
        rows+=("$m|${ts[*]}|does not build|-|-|see $m.build.log")
        echo "  $m: does not build"
        status=1
        continue
    fi
    per=$((BUDGET / ${#ts[@]}))
    [ "$per" -ge 1 ] || per=1
    start=$(now)
    result=missed secs=- by=- what=-
    for t in "${ts[@]}"; do
        mkdir -p "$dir/run/$t/corpus" "$dir/run/$t/crash"
        cp -r "$top/corpus/$t/." "$dir/run/$t/corpus/" 2>/dev/null
        extra=()
        [ -d "$top/corpus/regress/$t" ] && extra+=("$top/corpus/regress/$t")
        # shellcheck disable=SC2046
        (cd "$top" && "$dir/$SAN_DIR/$t" -max_total_time="$per" -timeout=10 -rss_limit_mb=2048 \
            -dict=fuzz/imap.dict -artifact_prefix="$dir/run/$t/crash/" $(options_of "$t") \
            "$dir/run/$t/corpus" "${extra[@]}") >"$out/$m.$t.log" 2>&1
        art=$(ls "$dir/run/$t/crash/" 2>/dev/null | head -n 1)
        if [ -n "$art" ]; then
            result=found
            secs=$(awk -v a="$start" -v b="$(now)" 'BEGIN{printf "%.0f", b - a}')
            by=$t
            what=$(grep -m1 -oE 'FUZZ PROPERTY VIOLATED at [^ ]+ .*|ERROR: (AddressSanitizer|UndefinedBehaviorSanitizer|libFuzzer): [a-z-]+' \
                "$out/$m.$t.log" | sed 's/FUZZ PROPERTY VIOLATED at [^ ]* //; s/|/\//g')
            [ -n "$what" ] || what=${art%%-*}
            mkdir -p "$out/crashes/$m"
            cp "$dir/run/$t/crash/$art" "$out/crashes/$m/$t-$art"
            break
        fi
    done
    [ "$result" = found ] && found_n=$((found_n + 1)) || status=1
    rows+=("$m|${ts[*]}|$result|$secs|$by|$what")
    echo "  $m: $result${secs:+ }$([ "$result" = found ] && echo "after ${secs}s by $by: $what")"
done

{
    echo "fuzz-power: $found_n of ${#mutants[@]} mutants found, ${BUDGET}s budget per mutant ($(date -u +%Y-%m-%d))"
    echo
    echo "| mutant | targets | result | s to first finding | found by | property that fired |"
    echo "|---|---|---|---:|---|---|"
    for r in "${rows[@]}"; do echo "| ${r//|/ | } |"; done
} | tee "$out/table.md"
echo "fuzz-power: report in $out"
exit $status
