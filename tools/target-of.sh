#!/bin/sh
# target-of.sh FILE - prints the fuzz target a crash file belongs to, from its path or
# name: fuzz-out/<ts>/crashes/<target>/..., fuzz-out/<ts>/afl/<target>/...,
# corpus[/regress]/<target>/..., or an OSS-Fuzz / ClusterFuzzLite testcase named
# clusterfuzz-testcase-[minimized-]<target>-<id>. Prints nothing when it cannot tell.
f=$1
for t in $(ls fuzz/fuzz_*.c 2>/dev/null | sed 's|fuzz/fuzz_||; s|\.c$||'); do
    case "$f" in
    */crashes/"$t"/* | */afl/"$t"/* | corpus/"$t"/* | corpus/regress/"$t"/* | \
        */clusterfuzz-testcase-"$t"-* | */clusterfuzz-testcase-minimized-"$t"-* | \
        clusterfuzz-testcase-"$t"-* | clusterfuzz-testcase-minimized-"$t"-*)
        echo "$t"
        exit 0
        ;;
    esac
done
