#!/bin/sh
# t_json_lossless.sh - `imapguard parse --json` is lossless (issue 9 item 3): the "raw"
# member of every entry decodes (json.loads, then .encode("utf-8", "surrogateescape"))
# to the exact bytes of the input, literals included; every string is written in the
# documented encoding; accepted commands end where an independent framer ends them.
# Over the golden cases, the replay transcripts and the whole fuzz corpus (a process
# per input for corpus/command (default options) and corpus/regress; each folder also
# as one stream with and without --lenient-lf --utf8 --literal-plus), plus a rejected
# line of 2 MB (raw keeps 1 MiB and says how much it left out).
# The checks are in tests/json_lossless.py. Prints TAP.
#
# Run from the repository root: sh tests/t_json_lossless.sh (make check does). Uses
# build/imapguard (plain build: a process per corpus input), else build/asan/imapguard.

if [ ! -d tests/cases ]; then
    cd "$(dirname "$0")/.." || exit 1
fi

BIN=build/imapguard
[ -x "$BIN" ] || BIN=build/asan/imapguard
if [ ! -x "$BIN" ]; then
    echo "not ok 1 - no imapguard binary (run make check or make first)"
    echo "1..1"
    exit 1
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "ok 1 - lossless JSON # SKIP python3 missing"
    echo "1..1"
    exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/t_json_lossless.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'rm -rf "$tmp"; exit 1' HUP INT TERM

# A LOGIN whose {2000000+} is over the LITERAL- limit: the line is rejected and its
# 2000000 octets (every byte value, stray 8-bit bytes, CR, LF) are skipped with it.
python3 -c '
import sys
octets = (bytes(range(256)) * 7813)[:2000000]
sys.stdout.buffer.write(b"x1 LOGIN {2000000+}\r\n" + octets + b"\r\nx2 NOOP\r\n")
' >"$tmp/long-rejected.imap"

python3 tests/json_lossless.py "$BIN" \
    "cases=$(ls tests/cases/*.imap | tr '\n' ':')" \
    "replay=$(ls tests/replay/*.imap tests/replay/*.tls | tr '\n' ':')" \
    "corpus/command@plain=corpus/command" "corpus/command@cat=corpus/command" \
    "corpus/regress=corpus/regress" \
    "corpus/split@cat=corpus/split" "corpus/session@cat=corpus/session" \
    "corpus/generate+literal+sasl@cat=corpus/generate:corpus/literal:corpus/sasl" \
    "long rejected line=$tmp/long-rejected.imap" >"$tmp/tap"
rc=$?
n=$(grep -c '^ok \|^not ok ' "$tmp/tap")
grep -v '^1\.\.' "$tmp/tap"

# The 1 MiB cap of a rejected line's raw is reached (the check above would pass
# vacuously without it).
n=$((n + 1))
if "$BIN" parse --json "$tmp/long-rejected.imap" | grep -q '"raw_omitted":951447,'; then
    echo "ok $n - a 2 MB rejected line: raw keeps 1048576 bytes, raw_omitted 951447"
else
    echo "not ok $n - a 2 MB rejected line: raw keeps 1048576 bytes, raw_omitted 951447"
    rc=1
fi
echo "1..$n"
exit $rc
