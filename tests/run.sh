#!/bin/sh
# run.sh - runs every test program given as an argument and every tests/t_*.sh script,
# each of which prints TAP ("ok N - what" / "not ok N - what"), and adds them up. The
# last line is "N passed, N failed" (the CI contract); the exit status is 1 on any
# failure or crash.
passed=0
failed=0
status=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT

run() {
    name=$1
    shift
    "$@" >"$out" 2>&1
    rc=$?
    p=$(grep -c '^ok ' "$out")
    f=$(grep -c '^not ok ' "$out")
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        # A crash or a sanitizer report outside any check counts as a failure.
        f=1
    fi
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$f" -ne 0 ]; then
        status=1
        echo "FAIL $name ($p passed, $f failed, exit $rc)"
        grep -v '^ok ' "$out" | head -60
    else
        echo "pass $name ($p)"
    fi
}

for t in "$@"; do
    run "$(basename "$t")" "$t"
done
for s in tests/t_*.sh; do
    [ -f "$s" ] || continue
    run "$(basename "$s")" sh "$s"
done
echo "$passed passed, $failed failed"
exit $status
