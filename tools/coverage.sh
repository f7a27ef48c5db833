#!/usr/bin/env bash
# coverage.sh - source-based coverage of the library (parser/*.c, session/*.c) with clang-14 and
# llvm-cov-14: every fuzz target's replay binary over corpus/<t> and corpus/regress/<t>,
# and every unit test, each writing its own profile; merged into one report. Generated
# lexers (parser/*.gen.c) are reported apart: re2c emits DFA states and bitmap tests that
# no input of the grammar can reach, so they are not held to the bar.
set -u
cd "$(dirname "$0")/.."
CC=${COV_CC:-clang-14}
PROFDATA=${PROFDATA:-llvm-profdata-14}
COV=${LLVM_COV:-llvm-cov-14}
out=${COV_OUT:-build/coverage}   # COV_OUT: for concurrent runs
rm -rf "$out"
mkdir -p "$out/bin" "$out/prof"
flags="-O0 -g -fprofile-instr-generate -fcoverage-mapping -std=c11 -Iinclude -Iparser -Isession -Iresponse -Ifuzz -Itests -Ibackend"
lib=$(ls parser/*.c session/*.c response/*.c) # response/ is linked, not held to the bar
# Every source is compiled once (two at a time), then each binary is only linked: the
# old way compiled the whole library again for each of ~30 binaries, minutes of CI.
mkdir -p "$out/obj"
common="fuzz/fz_common.c fuzz/fz_session.c fuzz/fz_response.c"
printf '%s\n' $lib backend/*.c $common fuzz/standalone.c tests/harness.c tests/guard.c |
    xargs -P 2 -I{} sh -c 'o="$1/obj/$(echo "$2" | tr / _).o"; '"$CC $flags"' -c -o "$o" "$2"' _ "$out" {} ||
    exit 2
obj() { for f in "$@"; do printf '%s ' "$out/obj/$(echo "$f" | tr / _).o"; done; }
libobjs=$(obj $lib backend/*.c $common)
bins=()
for f in fuzz/fuzz_*.c; do
    t=$(basename "$f" .c); t=${t#fuzz_}
    # The differential target links Dovecot (fuzz/differential/dovecot.c, libdovecot)
    # and reaches no parser/ or session/ code that the command target does not.
    [ "$t" = differential ] && continue
    $CC $flags -o "$out/bin/replay_$t" "$f" $(obj fuzz/standalone.c) $libobjs || exit 2
    bins+=("$out/bin/replay_$t")
    dirs=()
    for d in "corpus/$t" "corpus/regress/$t"; do [ -d "$d" ] && dirs+=("$d"); done
    LLVM_PROFILE_FILE="$out/prof/$t-%p.profraw" "$out/bin/replay_$t" "${dirs[@]}" 2>/dev/null
done
for f in tests/test_*.c; do
    t=$(basename "$f" .c)
    # These wrap the allocator at link time (see their Makefile rules), and measure no
    # parser/ code that the others do not reach.
    case $t in test_nomalloc | test_backend_oom) continue ;; esac
    $CC $flags -o "$out/bin/$t" "$f" $(obj tests/harness.c tests/guard.c) $libobjs || exit 2
    bins+=("$out/bin/$t")
    LLVM_PROFILE_FILE="$out/prof/$t-%p.profraw" "$out/bin/$t" >/dev/null 2>&1
done
$PROFDATA merge -sparse "$out"/prof/*.profraw -o "$out/all.profdata" || exit 2
objs=()
for b in "${bins[@]:1}"; do objs+=(-object "$b"); done
hand=$(ls parser/*.c session/*.c | grep -v '\.gen\.c$')
$COV report "${bins[0]}" "${objs[@]}" -instr-profile="$out/all.profdata" $hand >"$out/report.txt"
$COV report "${bins[0]}" "${objs[@]}" -instr-profile="$out/all.profdata" parser/*.gen.c >"$out/report-generated.txt"
$COV show "${bins[0]}" "${objs[@]}" -instr-profile="$out/all.profdata" -format=html \
    -show-branches=count -output-dir="$out/html" $lib >/dev/null
cat "$out/report.txt"
total=$(grep '^TOTAL' "$out/report.txt")
lines=$(echo "$total" | awk '{print $10}' | tr -d '%')
branches=$(echo "$total" | awk '{print $13}' | tr -d '%')
echo
echo "parser/ and session/ (hand-written): lines ${lines}%, branches ${branches}% (bar: ${COV_LINES:-95}% / ${COV_BRANCHES:-90}%)"
echo "generated lexers: $(grep '^TOTAL' "$out/report-generated.txt" | awk '{print "lines " $10 ", branches " $13}')"
echo "HTML: $out/html/index.html"
awk -v l="$lines" -v b="$branches" -v ml="${COV_LINES:-95}" -v mb="${COV_BRANCHES:-90}" \
    'BEGIN { exit !(l + 0 >= ml && b + 0 >= mb) }'
