#!/bin/sh
# t_triage.sh - `make triage` end to end on a target with a planted bug
# (tests/triage_selftest.c, built with libFuzzer + ASan under the name "command" in a
# scratch FUZZ_DIR): a crash file is replayed, given a stack signature, minimized and
# filed under REGRESS_DIR/command/; a second crash with the same stack is recognised as
# already filed; a file that does not crash is left alone.
n=0
t() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }
if ! command -v clang-14 >/dev/null; then
    echo "ok 1 - triage self-test # SKIP clang-14 missing"
    echo "1..1"
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/fz"
clang-14 -g -O1 -fsanitize=fuzzer,address tests/triage_selftest.c -o "$tmp/fz/command" 2>"$tmp/cc.log"
t $? "planted-bug target builds"
printf 'BOOMxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' >"$tmp/crash-1"
printf 'BOOMyy' >"$tmp/crash-2"
printf 'harmless' >"$tmp/fine"
FUZZ_DIR="$tmp/fz" REGRESS_DIR="$tmp/regress" sh tools/triage.sh "$tmp/crash-1" command >"$tmp/out1" 2>&1
t $? "triage runs on a crash file"
f=$(ls "$tmp/regress/command/" 2>/dev/null | head -n 1)
case "$f" in *-heap-buffer-overflow-ig__planted_overread) r=0 ;; *) r=1 ;; esac
t $r "filed as <date>-heap-buffer-overflow-<function> (got: ${f:-nothing})"
sz=$(wc -c <"$tmp/regress/command/$f" 2>/dev/null || echo 999)
[ "$sz" -lt 20 ]
t $? "the filed input is minimized ($sz bytes)"
[ -s "$tmp/regress/command/.sig/$f" ] && [ -s "$tmp/regress/command/.sig/$f.report" ]
t $? "signature and sanitizer report are kept beside it"
FUZZ_DIR="$tmp/fz" REGRESS_DIR="$tmp/regress" sh tools/triage.sh "$tmp/crash-2" command >"$tmp/out2" 2>&1
grep -q "already filed" "$tmp/out2" && [ "$(ls "$tmp/regress/command" | wc -l)" -eq 1 ]
t $? "a second crash with the same stack is deduplicated"
FUZZ_DIR="$tmp/fz" REGRESS_DIR="$tmp/regress" sh tools/triage.sh "$tmp/fine" command >"$tmp/out3" 2>&1
grep -q "does not crash" "$tmp/out3"
t $? "an input that does not crash is not filed"
sh tools/target-of.sh "x/clusterfuzz-testcase-minimized-split-5712345" | grep -qx split
t $? "an OSS-Fuzz testcase name maps to its target"
sh tools/target-of.sh "fuzz-out/x/afl/literal/default/crashes/id:000000,sig:06" | grep -qx literal
t $? "an AFL++ crash path maps to its target"
echo "1..$n"
