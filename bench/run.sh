#!/bin/sh
# run.sh - `make bench`: every workload (bench/workload.h) through imapguard and, where
# it was built in (dovecot-dev installed), Dovecot's imap_parser, side by side in one
# table: wall-clock MB/s and commands/s of both and their ratio, instructions per byte
# and per command of the parse loop alone (callgrind --toggle-collect on the pass
# function, deterministic), heap allocations per command and errors of both.
# Figures are printed, never asserted. The exit status is 1 when a generated command
# was refused by either parser, a run failed, or a row lacks a figure it should have.
# BENCH_QUICK=1: best of 3 passes over 2 MB instead of 5 over 8 MB (for CI).
bin=build/bench_parse
dir=build/bench
mkdir -p "$dir"
if [ "${BENCH_QUICK:-0}" = 1 ]; then
    wall="--mb 2 --runs 3"
else
    wall="--mb 8 --runs 5"
fi
cg_mb=2 # callgrind input size (instruction counts do not need more)
workloads="webmail sync mobile append hostile"

# orq: its input, or "?" when empty (so a missing figure keeps its column)
orq() {
    awk '{ print } END { if (NR == 0) print "?" }' | head -n 1
}

# field FILE KEY: the first number after "KEY:" in FILE
field() {
    sed -n "s|^$2: *\([0-9.][0-9.]*\).*|\1|p" "$1" | orq
}

# allocs FILE: heap allocations per command
allocs() {
    sed -n 's|^heap allocations: [0-9]* (\([0-9.]*\) per command)|\1|p' "$1" | orq
}

"$bin" --dovecot --workload webmail --mb 2 --runs 1 >"$dir/probe.txt" 2>&1
case $? in
0) dovecot=1 ;;
3) dovecot=0 ;;
*) cat "$dir/probe.txt"; exit 1 ;;
esac
have_vg=0
command -v valgrind >/dev/null 2>&1 && have_vg=1

# callgrind OUT FUNCTION ARGS...: Ir of FUNCTION and its callees over one pass.
callgrind() {
    out=$1 fn=$2
    shift 2
    valgrind --tool=callgrind --toggle-collect="$fn" --callgrind-out-file="$out.out" \
        "$bin" --mb $cg_mb --runs 1 "$@" >"$out.log" 2>&1 || { cat "$out.log"; return 1; }
    sed -n 's/^summary: *//p' "$out.out"
}

fail=0
# The regression inputs (bench/regress/): each may be refused, never crash a driver.
for f in bench/regress/*; do
    [ -f "$f" ] || continue
    for e in imapguard dovecot; do
        [ $e = dovecot ] && [ $dovecot = 0 ] && continue
        opt=
        [ $e = dovecot ] && opt=--dovecot
        "$bin" --input "$f" --runs 1 $opt >"$dir/regress.txt" 2>&1
        rc=$?
        [ $rc -le 1 ] || { echo "bench: $e on $f: exit $rc"; cat "$dir/regress.txt"; fail=1; }
    done
done

rows=$dir/rows.txt
: >"$rows"
for w in $workloads; do
    "$bin" --workload "$w" $wall >"$dir/wall.ig.$w.txt" 2>&1 || { cat "$dir/wall.ig.$w.txt"; fail=1; }
    ig_mbs=$(field "$dir/wall.ig.$w.txt" throughput)
    ig_cps=$(field "$dir/wall.ig.$w.txt" commands/s)
    ig_err=$(field "$dir/wall.ig.$w.txt" errors)
    ig_al=$(allocs "$dir/wall.ig.$w.txt")
    ig_copy=$(field "$dir/wall.ig.$w.txt" "literal octets copied")
    dc_mbs=- dc_cps=- dc_err=- dc_al=- dc_ir=- ig_ir=- dc_irc=- ig_irc=-
    if [ $dovecot = 1 ]; then
        "$bin" --dovecot --workload "$w" $wall >"$dir/wall.dc.$w.txt" 2>&1 ||
            { cat "$dir/wall.dc.$w.txt"; fail=1; }
        dc_mbs=$(field "$dir/wall.dc.$w.txt" throughput)
        dc_cps=$(field "$dir/wall.dc.$w.txt" commands/s)
        dc_err=$(field "$dir/wall.dc.$w.txt" errors)
        dc_al=$(allocs "$dir/wall.dc.$w.txt")
    fi
    if [ $have_vg = 1 ]; then
        ig=$(callgrind "$dir/callgrind.ig.$w" bench_parse_pass --workload "$w") || fail=1
        bytes=$(field "$dir/callgrind.ig.$w.log" bytes)
        cmds=$(field "$dir/callgrind.ig.$w.log" commands)
        ig_ir=$(awk -v i="$ig" -v b="$bytes" 'BEGIN { if (i > 0) printf "%.2f", i / b }')
        ig_irc=$(awk -v i="$ig" -v c="$cmds" 'BEGIN { if (i > 0) printf "%.0f", i / c }')
        if [ $dovecot = 1 ]; then
            dc=$(callgrind "$dir/callgrind.dc.$w" dovecot_parse_pass --dovecot --workload "$w") ||
                fail=1
            dc_ir=$(awk -v i="$dc" -v b="$bytes" 'BEGIN { if (i > 0) printf "%.2f", i / b }')
            dc_irc=$(awk -v i="$dc" -v c="$cmds" 'BEGIN { if (i > 0) printf "%.0f", i / c }')
        fi
    fi
    echo "$w $ig_mbs $dc_mbs $ig_cps $dc_cps $ig_ir $dc_ir $ig_irc $dc_irc $ig_al $dc_al $ig_err $dc_err $ig_copy" >>"$rows"
done

echo "== imapguard vs Dovecot's imap_parser ($(nproc) cores, $(sed -n 's/^model name[^:]*: *//p' /proc/cpuinfo | head -n 1))"
echo "   wall clock: $wall (imapguard fed 16 KiB at a time; Dovecot reads one in-memory istream)"
echo "   callgrind: $cg_mb MB, the parse pass only ($dir/callgrind.*.out)"
awk '
function ratio(a, b) { return (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b > 0) ? sprintf("%.1fx", a / b) : "-" }
BEGIN {
    printf "%-8s %9s %9s %6s %10s %10s %7s %7s %9s %9s %7s %7s %6s %6s\n", "workload",
        "MB/s ig", "MB/s dc", "ig/dc", "kcmd/s ig", "kcmd/s dc", "Ir/B ig", "Ir/B dc",
        "Ir/cmd ig", "Ir/cmd dc", "mal ig", "mal dc", "err ig", "err dc"
}
{
    kig = $4 ~ /^[0-9.]+$/ ? sprintf("%.0f", $4 / 1000) : "-"
    kdc = $5 ~ /^[0-9.]+$/ ? sprintf("%.0f", $5 / 1000) : "-"
    printf "%-8s %9s %9s %6s %10s %10s %7s %7s %9s %9s %7s %7s %6s %6s\n", $1, $2, $3,
        ratio($2, $3), kig, kdc, $6, $7, $8, $9, $10, $11, $12, $13
}' "$rows" | tee "$dir/table.txt"
echo "(mal = heap allocations per command; ig/dc = throughput ratio of the wall-clock MB/s)"
echo "APPEND: literal octets copied by imapguard: $(awk '$1 == "append" { print $14 }' "$rows")"

# APPEND outside the literal: the whole stream in one feed (one IG_LITERAL_DATA per
# message) and memchr left out of the count (--toggle-collect on it switches counting
# off inside it): that is the NUL scan of the octets (RFC 3501 §4.3 CHAR8), plus the
# line-end search of the command lines, a few dozen Ir a command.
if [ $have_vg = 1 ]; then
    out=$dir/callgrind.ig.append-outside
    valgrind --tool=callgrind --toggle-collect=bench_parse_pass '--toggle-collect=*memchr*' \
        --callgrind-out-file="$out.out" "$bin" --workload append --mb $cg_mb --runs 1 \
        --chunk 1073741824 >"$out.log" 2>&1 || { cat "$out.log"; fail=1; }
    awk -v i="$(sed -n 's/^summary: *//p' "$out.out")" -v c="$(field "$out.log" commands)" \
        'BEGIN { printf "APPEND: imapguard Ir per command outside the literal: %.0f\n", i / c }' |
        tee -a "$dir/table.txt"
fi

[ $dovecot = 1 ] || echo "note: Dovecot's parser is not built in (dovecot-dev is not installed:" \
    "apt-get install dovecot-dev, then rm build/bench_parse && make bench); imapguard only"
[ $have_vg = 1 ] || echo "note: valgrind is not installed: no instruction counts"

# Every row must have its figures: numbers where the tool is there, no errors.
awk -v dc=$dovecot -v vg=$have_vg '
function num(x) { return x ~ /^[0-9.]+$/ }
{
    ok = num($2) && num($4) && num($10) && $12 == 0 && num($14)
    if (dc) ok = ok && num($3) && num($5) && num($11) && $13 == 0
    if (vg) ok = ok && num($6) && num($8)
    if (dc && vg) ok = ok && num($7) && num($9)
    if (!ok) { print "bench: row without all its figures, or with errors: " $0; bad = 1 }
}
END { exit bad }' "$rows" || fail=1
exit $fail
