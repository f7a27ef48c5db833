#!/bin/sh
# t_stream.sh - `imapguard parse` and `imapguard replay` stream (issue 9 item 3): a
# generated stream of STREAM_MB MiB (default 1024) through a pipe into `parse --count`
# (STREAM_MB/32 into `parse --json`, STREAM_MB/8 into `replay`) under a 256 MiB limit
# on the tool's address space, with the counts written into the stream and a flat peak
# RSS; and the output of each command read back while the input is still open. The
# checks are in tests/stream_check.py. Prints TAP.
#
# Run from the repository root: sh tests/t_stream.sh (make check does), or for a
# multi-GB run: STREAM_MB=3072 sh tests/t_stream.sh. Needs build/imapguard, the plain
# build: ASan reserves terabytes of address space, so no limit can be set on it.

if [ ! -d tests/cases ]; then
    cd "$(dirname "$0")/.." || exit 1
fi

BIN=build/imapguard
if [ ! -x "$BIN" ]; then
    echo "not ok 1 - no build/imapguard (run make check or make first)"
    echo "1..1"
    exit 1
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "ok 1 - streaming # SKIP python3 missing"
    echo "1..1"
    exit 0
fi
exec python3 tests/stream_check.py "$BIN" "${STREAM_MB:-1024}"
