#!/bin/sh
# run.sh - runs every test program given as an argument and every tests/t_*.sh script,
# each of which prints TAP ("ok N - what" / "not ok N - what"), and adds them up. The
# last line is "N passed, N failed" (the CI contract); the exit status is 1 on any
# failure or crash. A "not ok ... # TODO reason" line (TAP's TODO: a known bug, marked
# where it is checked) is not a failure; it is shown and counted as "todo" every run.
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
    f=$(grep '^not ok ' "$out" | grep -vc '# TODO')
    todo=$(grep '^not ok ' "$out" | grep -c '# TODO')
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
    elif [ "$todo" -ne 0 ]; then
        echo "pass $name ($p, $todo known failures marked TODO)"
        grep '^not ok .*# TODO' "$out"
    else
        echo "pass $name ($p)"
    fi
}

for t in "$@"; do
    run "$(basename "$t")" "$t"
done
# IG_CHECK_SKIP_LIVE=1 skips the scripts marked "# live-servers" (they start Dovecot,
# the proxy or serve and drive real clients: minutes of waiting). tools/ci-dist.sh sets
# it for the second make check it runs in the release tarball, where the same files
# already passed these scripts in the tree's make check.
for s in tests/t_*.sh; do
    [ -f "$s" ] || continue
    if [ "${IG_CHECK_SKIP_LIVE:-0}" = 1 ] && grep -q '^# live-servers' "$s"; then
        echo "skip $(basename "$s") (live servers; IG_CHECK_SKIP_LIVE=1)"
        continue
    fi
    run "$(basename "$s")" sh "$s"
done
echo "$passed passed, $failed failed"
exit $status
