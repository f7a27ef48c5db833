#!/bin/sh
# fuzz-merge.sh [TARGETS] - minimizes what the last campaign found (fuzz-out/latest)
# into corpus/<target>/ with libFuzzer -merge=1: only inputs that add coverage are
# kept, named by their sha1 (the generated seeds keep their descriptive names).
set -eu
latest=fuzz-out/latest
[ -d "$latest/corpus" ] || { echo "fuzz-merge: no campaign in fuzz-out/latest (make fuzz first)"; exit 2; }
targets=${1:-$(ls "$latest/corpus")}
for t in $targets; do
    [ -d "$latest/corpus/$t" ] || continue
    before=$(ls corpus/"$t" | wc -l)
    "$FUZZ_DIR/$t" -merge=1 "corpus/$t" "$latest/corpus/$t" >/dev/null 2>&1
    echo "fuzz-merge: $t: $before -> $(ls corpus/"$t" | wc -l) inputs"
done
