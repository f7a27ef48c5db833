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

# Every class of byte sequence the encoding tells apart, as a LOGIN user name sent as
# a literal (so it is in "args" and in "raw"): valid UTF-8 of 2, 3 and 4 bytes (U+0080,
# U+07FF, U+0800, U+FFFD, U+10000, U+10FFFF), overlong forms (C0 AF, C1 BF, E0 80 AF,
# E0 9F BF, F0 80 80 AF, F0 8F BF BF), UTF-8-encoded surrogates (ED A0 80, ED BF BF),
# code points above U+10FFFF (F4 90 80 80, F5 80 80 80), lone continuation bytes,
# truncated sequences, FE, FF, every control byte but NUL (refused in a literal), DEL,
# quote and backslash.
python3 -c '
import sys
name = (b"\xc2\x80 \xdf\xbf \xe0\xa0\x80 \xef\xbf\xbd \xf0\x90\x80\x80 \xf4\x8f\xbf\xbf "
        b"\xc0\xaf \xc1\xbf \xe0\x80\xaf \xe0\x9f\xbf \xf0\x80\x80\xaf \xf0\x8f\xbf\xbf "
        b"\xed\xa0\x80 \xed\xbf\xbf \xf4\x90\x80\x80 \xf5\x80\x80\x80 \x80 \xbf "
        b"\xe2\x82 \xf0\x9f\x98 \xfe \xff \x7f \" \\ " + bytes(range(1, 32)) + b" \xe2\x82")
sys.stdout.buffer.write(b"t1 LOGIN {%d}\r\n" % len(name) + name + b" pw\r\n")
sys.stdout.buffer.write(b"t2 NOOP\r\n")
' >"$tmp/encoding-classes.imap"

python3 tests/json_lossless.py "$BIN" \
    "cases=$(ls tests/cases/*.imap | tr '\n' ':')" \
    "replay=$(ls tests/replay/*.imap tests/replay/*.tls | tr '\n' ':')" \
    "corpus/command@plain=corpus/command" "corpus/command@cat=corpus/command" \
    "corpus/regress=corpus/regress" \
    "corpus/split@cat=corpus/split" "corpus/session@cat=corpus/session" \
    "corpus/generate+literal+sasl@cat=corpus/generate:corpus/literal:corpus/sasl" \
    "long rejected line=$tmp/long-rejected.imap" \
    "encoding classes=$tmp/encoding-classes.imap" >"$tmp/tap"
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

# The same bytes in "args": the user name decodes to the literal's octets, and its JSON
# text is the documented one (the raw check above covers the encoder on the whole line).
n=$((n + 1))
if "$BIN" parse --json "$tmp/encoding-classes.imap" | python3 -c '
import json, sys
sys.path.insert(0, "tests")
from json_lossless import expected_json
data = open(sys.argv[1], "rb").read()
name = data[data.index(b"\n") + 1:data.rindex(b" pw\r\nt2")]
line = sys.stdin.readline()
user = json.loads(line)["args"]["user"]
sys.exit(not (user.encode("utf-8", "surrogateescape") == name and
              "\"user\":" + expected_json(name) + "," in line))
' "$tmp/encoding-classes.imap"; then
    echo "ok $n - every byte class (valid, overlong, surrogate, > U+10FFFF, stray, control) in args decodes back"
else
    echo "not ok $n - every byte class (valid, overlong, surrogate, > U+10FFFF, stray, control) in args decodes back"
    rc=1
fi
echo "1..$n"
exit $rc
