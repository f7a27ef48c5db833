#!/bin/sh
# t_corpus.sh - replays every fuzz target (built without a fuzzing engine, with ASan and
# UBSan) over its seed corpus and its regression inputs: corpus/<target>/ and
# corpus/regress/<target>/. A finding filed under corpus/regress/ is replayed forever.
# Then the session seeds are checked to cover every cell of the command x state table.
n=0
for bin in build/replay/*; do
    [ -x "$bin" ] || continue
    t=$(basename "$bin")
    dirs=""
    for d in "corpus/$t" "corpus/regress/$t"; do
        [ -d "$d" ] && [ -n "$(ls -A "$d" 2>/dev/null)" ] && dirs="$dirs $d"
    done
    n=$((n + 1))
    if [ -z "$dirs" ]; then
        echo "not ok $n - $t: no corpus"
        continue
    fi
    count=$(find $dirs -type f | wc -l)
    if out=$("$bin" $dirs 2>&1); then
        echo "ok $n - $t replays $count corpus inputs"
    else
        echo "not ok $n - $t replay failed"
        echo "$out" | tail -30 | sed 's/^/# /'
    fi
done
# The session seeds cover the whole command x state table: every (state, command)
# cell has at least one seed (the replay above checks each against the table).
if [ -x build/session_corpus ]; then
    n=$((n + 1))
    if out=$(build/session_corpus matrix corpus/session 2>&1); then
        echo "ok $n - session seeds cover every (state, command) cell of the table"
    else
        echo "not ok $n - session seeds leave cells of the table empty"
        echo "$out" | grep -v " [1-9][0-9]* *[0-9]* *[0-9]* *[0-9]*$" | tail -30 | sed 's/^/# /'
    fi
fi
echo "1..$n"
