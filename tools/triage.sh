#!/bin/sh
# triage.sh CRASH [TARGET] - turns a crash file (libFuzzer crash-*, AFL++ crashes/id:*,
# or an OSS-Fuzz / ClusterFuzzLite testcase) into a named regression input:
#   1. replays it on the sanitizer build to get the report and a stack signature
#      (the sanitizer's error kind and the first three frames in our code);
#   2. minimizes it (libFuzzer -minimize_crash);
#   3. if no regression with the same signature exists, files it as
#      corpus/regress/<target>/<yyyy-mm-dd>-<kind>-<function> (REGRESS_DIR overrides
#      corpus/regress, for the self-test), with the signature and
#      the report beside it in corpus/regress/<target>/.sig/, so `make check` replays it
#      forever. Commit the new file together with the fix.
set -eu
crash=$1
target=${2:-}
[ -n "$target" ] || target=$(sh tools/target-of.sh "$crash")
[ -n "$target" ] || { echo "triage: cannot tell the target of $crash; give TARGET=" >&2; exit 2; }
bin=$FUZZ_DIR/$target
[ -x "$bin" ] || { echo "triage: $bin is missing (make fuzz-build)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1} "$bin" -runs=1 "$crash" >"$work/report" 2>&1 && {
    echo "triage: $crash does not crash $target (fixed already?)"
    exit 0
}
kind=$(grep -aoE 'ERROR: (AddressSanitizer|UndefinedBehaviorSanitizer|LeakSanitizer|MemorySanitizer|libFuzzer): [a-z-]+' "$work/report" |
    head -n 1 | awk '{print $NF}')
if [ -z "$kind" ] && grep -aq 'runtime error' "$work/report"; then
    kind=undefined-behavior
fi
[ -n "$kind" ] || kind=$(grep -aoE 'FUZZ PROPERTY VIOLATED|deadly signal|timeout' "$work/report" | head -n 1 | tr ' ' '-')
[ -n "$kind" ] || kind=crash
frames=$(grep -aE '^ +#[0-9]+ 0x[0-9a-f]+ in (ig_|ig__|fz_|LLVMFuzzer)' "$work/report" | head -n 3 |
    awk '{print $4}')
func=$(echo "$frames" | head -n 1)
if [ -z "$func" ]; then
    # No frame of ours in the stack (a UBSan report without one): use the location.
    func=$(grep -aoE '[A-Za-z0-9_]+\.c:[0-9]+' "$work/report" | head -n 1 | tr ':.' '--')
fi
sig="$kind $(echo "$frames" | tr '\n' ' ')"
echo "triage: $target: $sig"

dir=${REGRESS_DIR:-corpus/regress}/$target
mkdir -p "$dir/.sig"
if grep -rqxF "$sig" "$dir/.sig" 2>/dev/null; then
    echo "triage: already filed as $(grep -rlxF "$sig" "$dir/.sig" | head -n 1 | xargs basename)"
    exit 0
fi
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1} "$bin" -minimize_crash=1 -runs=20000 \
    -exact_artifact_path="$work/min" "$crash" >/dev/null 2>&1 || true
[ -s "$work/min" ] || cp "$crash" "$work/min"
name=$(date +%Y-%m-%d)-$(echo "$kind-${func:-unknown}" | tr -c 'A-Za-z0-9_.\n-' '-' | cut -c1-60)
cp "$work/min" "$dir/$name"
echo "$sig" >"$dir/.sig/$name"
cp "$work/report" "$dir/.sig/$name.report"
echo "triage: filed $dir/$name ($(wc -c <"$dir/$name") bytes); make check now replays it"
