#!/bin/sh
# t_generate.sh - smoke check of the structure-aware fuzz target `generate`
# (fuzz/fuzz_generate.c) without a fuzzing engine: its replay binary (built by make check)
# runs 880 fixed pseudo-random decision streams, 16 for each command choice and 8 option
# mixes (UTF-8, lenient LF, byte-at-a-time feeding), and every generated command must
# serialize and read back equal. Prints TAP. The inputs come from a fixed linear
# congruential generator in awk, so every run checks the same commands.

if [ ! -d fuzz ]; then
    cd "$(dirname "$0")/.." || exit 1
fi

BIN=build/replay/generate
if [ ! -x "$BIN" ]; then
    echo "ok 1 - # SKIP $BIN not built (make check builds it)"
    echo "1..1"
    exit 0
fi

dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
# Byte 0: options i % 8; byte 1: the command i % 55 (enum ig_cmd); then 160 decisions.
LC_ALL=C awk -v dir="$dir" 'BEGIN {
    x = 1
    for (i = 0; i < 880; i++) {
        f = sprintf("%s/in-%03d", dir, i)
        printf "%c%c", i % 8, i % 55 > f
        for (k = 0; k < 160; k++) {
            x = (x * 75 + 74) % 65537
            printf "%c", x % 256 > f
        }
        close(f)
    }
}'

n=$(find "$dir" -type f | wc -l)
if out=$("$BIN" "$dir" 2>&1); then
    echo "ok 1 - generate: $n generated commands round-trip"
else
    echo "not ok 1 - generate: a generated command does not round-trip"
    echo "$out" | grep -v '^    #' | tail -20 | sed 's/^/# /'
fi
echo "1..1"
