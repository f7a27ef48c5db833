#!/bin/sh
# ci-finding.sh TARGET LOG [ARTIFACT...] - prints a fuzzing finding of a CI run so that
# it can be reproduced from the CI log alone, and keeps its artifacts.
# A CI machine and its temporary folders are gone when the run ends: once, the
# `response` smoke run reported "the canonical form reads back different" and the
# input that did it was lost with the machine (issue 10). So, for each artifact:
#   - the harness's own message (the FUZZ PROPERTY VIOLATED line, or the sanitizer's
#     or libFuzzer's ERROR / SUMMARY line) from LOG;
#   - the artifact copied to $CI_FINDINGS/TARGET/ (default fuzz-out/ci-findings), which
#     a CI system can upload;
#   - its bytes in hex (od, at most the first 1024) and all of them in base64, with the
#     command that writes them back to a file and replays it with build/replay/TARGET.
# Every line printed is a TAP comment ("# ..."), so the TAP counts around it stay right.
# Exit status: 0 (it only reports; the caller has already counted the failure).
target=$1
log=$2
shift 2
keep=${CI_FINDINGS:-fuzz-out/ci-findings}/$target
{
    msg=$(grep -a -m 3 -E 'FUZZ PROPERTY VIOLATED|ERROR: [A-Za-z]+Sanitizer|ERROR: libFuzzer|SUMMARY: [A-Za-z]+Sanitizer|runtime error:' \
        "$log" 2>/dev/null)
    if [ -n "$msg" ]; then
        echo "harness message of $target:"
        printf "%s\n" "$msg"
    else
        echo "no harness message in the log of $target; its last lines:"
        tail -n 5 "$log" 2>/dev/null
    fi
    found=0
    for a in "$@"; do
        [ -f "$a" ] || continue
        found=1
        name=$(basename "$a")
        mkdir -p "$keep" && cp "$a" "$keep/$name"
        size=$(wc -c <"$a" | tr -d ' ')
        echo "artifact $name ($size bytes), kept as $keep/$name"
        echo "hex:"
        head -c 1024 "$a" | od -An -tx1 -v
        [ "$size" -le 1024 ] || echo "(hex of the first 1024 bytes only; the base64 below is whole)"
        echo "base64 (reproduce: sed -n 's/^# b64:$name //p' LOG | base64 -d > $name; build/replay/$target $name):"
        base64 -w 76 "$a" | sed "s/^/b64:$name /"
        echo "end of artifact $name"
    done
    [ "$found" = 1 ] || echo "no artifact was written"
} | sed 's/^/# /'
exit 0
