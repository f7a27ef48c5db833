#!/bin/sh
# run.sh - `make bench`: wall-clock figures of build/bench_parse (parser and baseline),
# then, when valgrind is installed, instructions per input byte of one parse pass and
# of the baseline line-end DFA (callgrind Ir over a 2 MB run; outputs in build/bench/).
# Figures are printed, never asserted: the exit status is 1 only when a command of the
# generated mix did not parse (bench_parse says which) or a run failed.
bin=build/bench_parse
dir=build/bench
mkdir -p "$dir"

# field FILE KEY: the first number after "KEY:" in FILE
field() {
    sed -n "s|^$2: *\([0-9.]*\).*|\1|p" "$1" | head -n 1
}

echo "== wall clock (build/bench_parse, 8 MB, best of 5) =="
"$bin" >"$dir/wall.txt" || { cat "$dir/wall.txt"; exit 1; }
cat "$dir/wall.txt"
"$bin" --baseline >"$dir/wall-baseline.txt" || exit 1
echo "baseline throughput: $(field "$dir/wall-baseline.txt" throughput) MB/s"
mbs=$(field "$dir/wall.txt" throughput)
cps=$(field "$dir/wall.txt" commands/s)

if ! command -v valgrind >/dev/null 2>&1; then
    echo "valgrind is not installed: no instruction counts (wall-clock figures only)"
    exit 0
fi

# callgrind NAME FUNCTION [ARG]: counts FUNCTION (and its callees) over one 2 MB pass;
# prints the Ir total.
callgrind() {
    valgrind --tool=callgrind --toggle-collect="$2" --callgrind-out-file="$dir/callgrind.$1.out" \
        "$bin" --mb 2 --runs 1 $3 >"$dir/callgrind.$1.log" 2>&1 || return 1
    sed -n 's/^summary: *//p' "$dir/callgrind.$1.out"
}

echo
echo "== callgrind (2 MB, one pass; $dir/callgrind.*.out) =="
ir_parse=$(callgrind parse bench_parse_pass) || { cat "$dir/callgrind.parse.log"; exit 1; }
ir_base=$(callgrind baseline bench_baseline_pass --baseline) ||
    { cat "$dir/callgrind.baseline.log"; exit 1; }
bytes=$(field "$dir/callgrind.parse.log" bytes)
msg=$(field "$dir/callgrind.parse.log" "message octets")
echo "top functions of the parse pass (self Ir):"
callgrind_annotate --inclusive=no "$dir/callgrind.parse.out" 2>/dev/null |
    grep -E '^ *[0-9,]+ +\( *[0-9.]+%\) ' | grep -v 'PROGRAM TOTALS' | head -n 8 |
    sed -e 's/ \[[^]]*\]$//' -e 's/^/  /'

echo
awk -v ip="$ir_parse" -v ib="$ir_base" -v b="$bytes" -v m="$msg" -v mbs="$mbs" -v cps="$cps" '
BEGIN {
    printf "%-34s %12s\n", "metric", "value"
    printf "%-34s %12.2f\n", "parser Ir/byte", ip / b
    printf "%-34s %12.2f\n", "parser Ir/byte of command text", ip / (b - m)
    printf "%-34s %12.2f\n", "baseline Ir/byte", ib / b
    printf "%-34s %12.2f\n", "ratio parser/baseline", ip / ib
    printf "%-34s %12.1f\n", "parser MB/s (wall)", mbs
    printf "%-34s %12.0f\n", "parser commands/s (wall)", cps
}'
