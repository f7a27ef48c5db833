#!/bin/sh
# t_fuzz_lib.sh - `make fuzz` without a fuzzer (issue 9 item 5): tools/fuzz.sh is run in
# a scratch copy of the tree on stand-in targets, shell scripts that write down the
# command line they were given and print a canned libFuzzer log. Checked: each target
# runs with the flags of its own fuzz/fuzz_<target>.options (max_len, dict, timeout);
# the summary's exec/s divide the executions by the time the target ran, not by the
# budget; a progress sample without a coverage figure is left out of the plot instead
# of drawn as 0. Also: `make fuzz-build TARGETS=x` (and ENGINE=afl) builds only x, and
# the helper functions of tools/fuzz-lib.sh on canned input.
n=0
t() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }
if ! command -v bash >/dev/null; then
    echo "ok 1 - fuzz.sh checks # SKIP bash missing"
    echo "1..1"
    exit 0
fi
root=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ---- the helpers on canned input ----
. tools/fuzz-lib.sh
# the values below are read from the options files here, independently of fz_options
bad=""
for f in fuzz/fuzz_*.c; do
    tg=$(basename "$f" .c)
    tg=${tg#fuzz_}
    want=$(sed -n 's/^max_len *= *//p' "fuzz/fuzz_$tg.options")
    got=" $(fz_options "$(fz_options_file "$tg")")"
    case $got in *" -max_len=$want "*) ;; *) bad="$bad $tg" ;; esac
    case $got in *" -dict=fuzz/imap.dict "*) ;; *) bad="$bad $tg" ;; esac
done
[ -n "$want" ] && [ -z "$bad" ]
t $? "every target's fuzz/fuzz_<target>.options gives -max_len and -dict (failed:${bad:- none})"

printf '#2\tINITED cov: 40 ft: 50 corp: 3/30b exec/s: 0 rss: 30Mb\n#900\tDONE   corp: 3/30b lim: 4 exec/s: 900 rss: 31Mb\n' >"$tmp/nocov.log"
[ "$(fz_sample libfuzzer "$tmp/nocov.log")" = "900 900 - 3" ]
t $? "a progress line without cov: the sample's coverage is unknown (-), not 0"
fz_plot_sample "$tmp/p.dat" 5 40 3 2
fz_plot_sample "$tmp/p.dat" 10 - 3 900
fz_plot_sample "$tmp/p.dat" 15 "" 3 900
[ "$(cat "$tmp/p.dat")" = "5 40 3 2" ]
t $? "plot samples without a coverage figure are left out"
[ "$(fz_rate 1500 150)" = 10000 ] && [ "$(fz_rate 0 0)" = 0 ]
t $? "exec/s: 1500 executions in 150 ms are 10000/s"

# ---- fuzz.sh end to end, stand-in targets ----
mkdir -p "$tmp/tree/tools" "$tmp/tree/fuzz" "$tmp/tree/corpus/alpha" "$tmp/tree/corpus/beta" "$tmp/fake"
cp tools/fuzz.sh tools/fuzz-lib.sh "$tmp/tree/tools/"
cp fuzz/imap.dict "$tmp/tree/fuzz/"
printf 'a NOOP\r\n' >"$tmp/tree/corpus/alpha/seed"
printf 'a NOOP\r\n' >"$tmp/tree/corpus/beta/seed"
: >"$tmp/tree/fuzz/fuzz_alpha.c"
: >"$tmp/tree/fuzz/fuzz_beta.c"
# values no default has, so that finding them proves the options file was read
printf '[libfuzzer]\ndict = imap.dict\nmax_len = 1234\ntimeout = 7\n' >"$tmp/tree/fuzz/fuzz_alpha.options"
printf '[libfuzzer]\nmax_len = 4321\n' >"$tmp/tree/fuzz/fuzz_beta.options"
# alpha: 3000 executions, then gone after about 0.3 s of a 10 s budget (as after a
# crash); its last progress line has no coverage figure
cat >"$tmp/fake/alpha" <<EOF
#!/bin/sh
echo "\$@" >"$tmp/alpha.args"
printf '#2\tINITED cov: 40 ft: 50 corp: 1/9b exec/s: 0 rss: 30Mb\n'
sleep 0.3
printf '#3000\tDONE   corp: 1/9b lim: 4 exec/s: 3000 rss: 31Mb\n'
printf 'stat::number_of_executed_units: 3000\n'
EOF
cat >"$tmp/fake/beta" <<EOF
#!/bin/sh
echo "\$@" >"$tmp/beta.args"
printf '#2\tINITED cov: 41 ft: 50 corp: 1/9b exec/s: 0 rss: 30Mb\n#10\tDONE   cov: 41 ft: 50 corp: 1/9b exec/s: 10 rss: 30Mb\n'
printf 'stat::number_of_executed_units: 10\n'
EOF
chmod +x "$tmp/fake/alpha" "$tmp/fake/beta"
(cd "$tmp/tree" && FUZZ_DIR="$tmp/fake" FUZZ_TIME=20 JOBS=2 TARGETS="alpha beta" \
    bash tools/fuzz.sh >"$tmp/campaign.log" 2>&1)
t $? "fuzz.sh runs a campaign of two stand-in targets"
a=" $(cat "$tmp/alpha.args" 2>/dev/null) "
case $a in
*" -max_len=1234 "*) r=0 ;;
*) r=1 ;;
esac
case $a in *" -dict=fuzz/imap.dict "*) ;; *) r=1 ;; esac
case $a in *" -timeout=10 "*" -timeout=7 "*) ;; *) r=1 ;; esac
t $r "alpha ran with its options: -max_len=1234, -dict=fuzz/imap.dict, -timeout=7 after the default"
b=" $(cat "$tmp/beta.args" 2>/dev/null) "
r=0
case $b in *" -max_len=4321 "*) ;; *) r=1 ;; esac
case $b in *" -dict=fuzz/imap.dict "*) ;; *) r=1 ;; esac
t $r "beta ran with its max_len and, naming no dictionary, the shared one"
grep -q -- '-max_len=1234' "$tmp/tree/fuzz-out/latest/logs/alpha.cmd" 2>/dev/null
t $? "the report folder keeps each target's command line (logs/<target>.cmd)"
# 3000 executions in about 0.3 s: thousands per second. Divided by the 10 s budget it
# would be 150 (one round of two: 20 s each).
rate=$(sed -n 's/.*"name":"alpha","execs":3000,"exec_per_sec":\([0-9]*\),.*/\1/p' \
    "$tmp/tree/fuzz-out/latest/summary.json" 2>/dev/null)
[ -n "$rate" ] && [ "$rate" -ge 1500 ] && [ "$rate" -le 10000 ]
t $? "exec/s over the time alpha ran (${rate:-none}/s for 3000 executions in ~0.3 s; the 20 s budget would give 150)"
! grep -q '^[0-9]* 0 ' "$tmp/tree/fuzz-out/latest/plot/alpha.dat" 2>/dev/null
t $? "alpha's last sample (no cov: figure) is not plotted as coverage 0"
grep -q '^[0-9]* 41 ' "$tmp/tree/fuzz-out/latest/plot/beta.dat" 2>/dev/null
t $? "beta's samples with a coverage figure are plotted"
grep -q '"name":"alpha","execs":3000,"exec_per_sec":[0-9]*,"coverage":null' "$tmp/tree/fuzz-out/latest/summary.json"
t $? "summary.json: an unknown coverage is null"

# ---- make fuzz-build builds only TARGETS ----
built() { # engine -> the fuzz/fuzz_*.c sources `make -n -B fuzz-build TARGETS=command` compiles
    (cd "$root" && env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -n -B fuzz-build ENGINE="$1" TARGETS=command 2>/dev/null) |
        grep -o 'fuzz/fuzz_[a-z]*\.c' | sort -u | tr '\n' ' '
}
[ "$(built libfuzzer)" = "fuzz/fuzz_command.c " ]
t $? "make fuzz-build TARGETS=command builds only the command target (libFuzzer)"
[ "$(built afl)" = "fuzz/fuzz_command.c " ]
t $? "make fuzz-build ENGINE=afl TARGETS=command builds only the command target (AFL++, cmplog)"
echo "1..$n"
