#!/bin/sh
# t_ci_finding.sh - tools/ci-finding.sh, which prints a CI fuzzing finding so that it
# can be reproduced from the CI log alone (issue 10: a response-target finding of CI was
# lost with its machine). Checks, on a log and artifacts made here (every byte value, and
# one artifact over the 1024 bytes shown in hex): the harness message is printed; every
# line is a TAP comment; the base64 of each artifact gives it back byte for byte; the
# hex gives back its first 1024 bytes; each artifact is kept under $CI_FINDINGS.
cd "$(dirname "$0")/.." || exit 1
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 -c 'import sys; sys.stdout.buffer.write(bytes(range(256)))' >"$tmp/crash-all-bytes"
python3 -c 'import sys; sys.stdout.buffer.write(b"a1 FETCH 1 (BODY[] {5000}\r\n" + bytes((i * 7) % 256 for i in range(5000)))' \
    >"$tmp/timeout-long"
printf '%s\n' 'INFO: Seed: 1' '#2 INITED cov: 9' \
    'FUZZ PROPERTY VIOLATED at fuzz/fz_response.c:166: the canonical form reads back different' \
    '==7== ERROR: libFuzzer: deadly signal' >"$tmp/log"

CI_FINDINGS="$tmp/kept" sh tools/ci-finding.sh response "$tmp/log" "$tmp/crash-all-bytes" \
    "$tmp/timeout-long" "$tmp/no-such-file" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" = 0 ] && [ ! -s "$tmp/err" ]; then ok "exit status 0, nothing on stderr"; else notok "exit $rc"; fi
if ! grep -vq '^# ' "$tmp/out"; then
    ok "every line printed is a TAP comment"
else
    notok "a line is not a TAP comment"; grep -v '^# ' "$tmp/out" | head -3 | sed 's/^/# /'
fi
if grep -qx '# FUZZ PROPERTY VIOLATED at fuzz/fz_response.c:166: the canonical form reads back different' "$tmp/out" &&
    grep -qx '# ==7== ERROR: libFuzzer: deadly signal' "$tmp/out"; then
    ok "the harness message is printed as written"
else
    notok "the harness message is missing"
fi
for a in crash-all-bytes timeout-long; do
    if sed -n "s/^# b64:$a //p" "$tmp/out" | base64 -d | cmp -s - "$tmp/$a"; then
        ok "$a: the base64 in the log gives the artifact back byte for byte"
    else
        notok "$a: the base64 in the log does not give the artifact back"
    fi
    # The hex block: the lines between "# hex:" and the base64 header of this artifact.
    sed -n "/^# artifact $a /,/^# base64/p" "$tmp/out" | sed -n '/^# hex:/,/^# base64/p' |
        grep -E '^# ( [0-9a-f]{2})+$' | python3 -c 'import sys; sys.stdout.buffer.write(bytes.fromhex(sys.stdin.read().replace("#", "")))' \
        >"$tmp/$a.hex"
    if head -c 1024 "$tmp/$a" | cmp -s - "$tmp/$a.hex"; then
        ok "$a: the hex in the log is its first $(wc -c <"$tmp/$a.hex" | tr -d ' ') bytes"
    else
        notok "$a: the hex in the log is not its first bytes"
    fi
    if cmp -s "$tmp/kept/response/$a" "$tmp/$a"; then
        ok "$a: kept as \$CI_FINDINGS/response/$a"
    else
        notok "$a: not kept"
    fi
done
if grep -q '^# (hex of the first 1024 bytes only; the base64 below is whole)$' "$tmp/out" &&
    ! grep -q 'no-such-file' "$tmp/out"; then
    ok "a long artifact says its hex is cut; a missing file is left out"
else
    notok "the cut hex is not said, or a missing file is listed"
fi

# No artifact at all (a sanitizer report in a replay): the message and the log's end.
printf 'x\n==9==ERROR: AddressSanitizer: heap-buffer-overflow\nSUMMARY: AddressSanitizer: heap-buffer-overflow a.c:1\n' >"$tmp/log2"
CI_FINDINGS="$tmp/kept" sh tools/ci-finding.sh command "$tmp/log2" >"$tmp/out2"
if grep -qx '# ==9==ERROR: AddressSanitizer: heap-buffer-overflow' "$tmp/out2" &&
    grep -qx '# no artifact was written' "$tmp/out2" && ! grep -vq '^# ' "$tmp/out2"; then
    ok "without an artifact: the sanitizer's message and 'no artifact was written'"
else
    notok "without an artifact"; sed 's/^/# /' "$tmp/out2"
fi
echo "1..$n"
