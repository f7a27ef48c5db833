#!/usr/bin/env bash
# fuzz.sh - the `make fuzz` campaign: every target (or TARGETS) for a total budget of
# FUZZ_TIME seconds, JOBS at a time, with libFuzzer (default) or AFL++, starting from
# corpus/<target>/ and corpus/regress/<target>/. Prints live progress, then a summary
# table, and writes a report folder fuzz-out/<timestamp>/ (report.md, summary.json,
# coverage-over-time plot, crashes with their reproduction commands). New corpus
# entries stay in the report folder; `make fuzz-merge` minimizes them into corpus/.
# Exit status: 0 when nothing was found, 1 when a target crashed, 2 on setup errors.
set -u
cd "$(dirname "$0")/.."
# shellcheck source=tools/fuzz-lib.sh
. tools/fuzz-lib.sh

FUZZ_TIME=${FUZZ_TIME:-300}
ENGINE=${ENGINE:-libfuzzer}
JOBS=${JOBS:-2}
SANITIZER=${SANITIZER:-address,undefined}
FUZZ_DIR=${FUZZ_DIR:-build/fuzz/${SANITIZER//,/-}}
read -r -a targets <<<"${TARGETS:-$(ls fuzz/fuzz_*.c | sed 's|fuzz/fuzz_||; s|\.c$||' | tr '\n' ' ')}"
ntargets=${#targets[@]}
[ "$ntargets" -gt 0 ] || { echo "fuzz: no targets"; exit 2; }
[ "$JOBS" -ge 1 ] 2>/dev/null || JOBS=1

stamp=$(date +%Y%m%d-%H%M%S)
out=fuzz-out/$stamp
mkdir -p "$out/logs" "$out/corpus" "$out/crashes" "$out/plot"
ln -sfn "$stamp" fuzz-out/latest

# Each round runs JOBS targets side by side; the budget is split over the rounds.
rounds=$(((ntargets + JOBS - 1) / JOBS))
per=$((FUZZ_TIME / rounds))
[ "$per" -ge 5 ] || per=5

echo "fuzz: ${ntargets} target(s) [${targets[*]}], engine $ENGINE, sanitizer $SANITIZER,"
echo "      $JOBS at a time, ${per}s each (total budget ${FUZZ_TIME}s); report in $out"

start_target() { # target -> runs in the background, pid in pids[target]
    local t=$1
    mkdir -p "$out/corpus/$t" "$out/crashes/$t"
    cp -r "corpus/$t/." "$out/corpus/$t/" 2>/dev/null
    local extra=()
    [ -d "corpus/regress/$t" ] && extra+=("corpus/regress/$t")
    # The run time of the target itself (ms), for the summary's exec/s: written by the
    # background shell when the engine exits, however early.
    local t_start
    t_start=$(date +%s%N)
    if [ "$ENGINE" = afl ]; then
        local seeds=$out/afl-in/$t
        mkdir -p "$seeds"
        cp -r "corpus/$t/." "$seeds/" 2>/dev/null
        [ -d "corpus/regress/$t" ] && cp -r "corpus/regress/$t/." "$seeds/" 2>/dev/null
        [ -n "$(ls -A "$seeds")" ] || printf 'a NOOP\r\n' >"$seeds/seed"
        local cmd=(afl-fuzz -i "$seeds" -o "$out/afl/$t" -x fuzz/imap.dict -V "$per"
                   -c "build/afl-cmplog/$t" -- "build/afl/$t")
        echo "${cmd[*]}" >"$out/logs/$t.cmd"
        (
            AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_ALLOW_TMP=1 \
                AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 "${cmd[@]}" >"$out/logs/$t.log" 2>&1
            rc=$?
            echo $((($(date +%s%N) - t_start) / 1000000)) >"$out/logs/$t.ms"
            exit $rc
        ) &
    else
        # The target's own options (fuzz/fuzz_<t>.options: max_len, dict, timeout) come
        # after the defaults, so they win; the shared dictionary only when they name none.
        local opts
        read -r -a opts <<<"$(fz_options "$(fz_options_file "$t")")"
        local dict=(-dict=fuzz/imap.dict)
        case " ${opts[*]-} " in *" -dict="*) dict=() ;; esac
        local cmd=("$FUZZ_DIR/$t" -max_total_time="$per" -print_final_stats=1 -timeout=10
                   -rss_limit_mb=2048 "${dict[@]+"${dict[@]}"}" -artifact_prefix="$out/crashes/$t/"
                   "${opts[@]+"${opts[@]}"}" "$out/corpus/$t" "${extra[@]+"${extra[@]}"}")
        echo "${cmd[*]}" >"$out/logs/$t.cmd"
        (
            "${cmd[@]}" >"$out/logs/$t.log" 2>&1
            rc=$?
            echo $((($(date +%s%N) - t_start) / 1000000)) >"$out/logs/$t.ms"
            exit $rc
        ) &
    fi
    pids[$t]=$!
    started[$t]=$(date +%s)
    shown[$t]=${started[$t]}
}

stats_of() { # target -> "execs exec/s cov corpus" from the engine's own output (cov "-": none)
    if [ "$ENGINE" = afl ]; then
        fz_sample afl "$out/afl/$1/default/fuzzer_stats"
    else
        fz_sample libfuzzer "$out/logs/$1.log"
    fi
}

crashes_of() {
    local t=$1
    if [ "$ENGINE" = afl ]; then
        find "$out/afl/$t" -path '*crashes/id:*' -type f 2>/dev/null | wc -l
    else
        find "$out/crashes/$t" -type f 2>/dev/null | wc -l
    fi
}

declare -A pids started shown final
queue=("${targets[@]}")
running=()
t0=$(date +%s)
while [ ${#queue[@]} -gt 0 ] || [ ${#running[@]} -gt 0 ]; do
    while [ ${#running[@]} -lt "$JOBS" ] && [ ${#queue[@]} -gt 0 ]; do
        start_target "${queue[0]}"
        running+=("${queue[0]}")
        queue=("${queue[@]:1}")
    done
    # Poll every second (a finished target frees its slot at once), report every 5.
    sleep 1
    now=$(date +%s)
    still=()
    for t in "${running[@]}"; do
        alive=1
        kill -0 "${pids[$t]}" 2>/dev/null || alive=0
        el=$((now - started[$t]))
        if [ "$alive" = 0 ] || [ $((now - shown[$t])) -ge 5 ]; then
            shown[$t]=$now
            read -r execs rate cov corp <<<"$(stats_of "$t")"
            cr=$(crashes_of "$t")
            fz_plot_sample "$out/plot/$t.dat" "$el" "$cov" "$corp" "$execs"
            printf '  %-10s %4ds/%ds  exec/s %7s  cov %6s  corpus %6s  crashes %s\n' \
                "$t" "$el" "$per" "$rate" "$cov" "$corp" "$cr"
        fi
        if [ "$alive" = 1 ]; then
            still+=("$t")
        else
            wait "${pids[$t]}"
            final[$t]=$?
        fi
    done
    running=("${still[@]+"${still[@]}"}")
done
total=$(($(date +%s) - t0))

# ---- summary ----
found=0
printf '\n%-10s %10s %9s %8s %8s %8s  %s\n' target execs exec/s cov corpus crashes result
json="{\"engine\":\"$ENGINE\",\"sanitizer\":\"$SANITIZER\",\"seconds\":$total,\"targets\":["
sep=""
{
    echo "# Fuzz campaign $stamp"
    echo
    echo "Engine $ENGINE, sanitizer $SANITIZER, ${per}s per target, $JOBS at a time, ${total}s in all."
    echo
    echo "| target | execs | exec/s | coverage | corpus | crashes |"
    echo "|---|---:|---:|---:|---:|---:|"
} >"$out/report.md"
for t in "${targets[@]}"; do
    # exact executions where the engine gives them, over the time the target ran
    read -r execs rate cov corp <<<"$(fz_summary "$ENGINE" "$out" "$t")"
    cr=$(crashes_of "$t")
    res=ok
    [ "$cr" -gt 0 ] && res=FOUND && found=$((found + cr))
    printf '%-10s %10s %9s %8s %8s %8s  %s\n' "$t" "$execs" "$rate" "$cov" "$corp" "$cr" "$res"
    echo "| $t | $execs | $rate | $cov | $corp | $cr |" >>"$out/report.md"
    covj=$cov
    [ "$cov" = - ] && covj=null
    json+="$sep{\"name\":\"$t\",\"execs\":$execs,\"exec_per_sec\":$rate,\"coverage\":$covj,\"corpus\":$corp,\"crashes\":$cr}"
    sep=","
done
json+="],\"crashes\":$found}"
echo "$json" >"$out/summary.json"

if [ "$found" -gt 0 ]; then
    {
        echo
        echo "## Crashes"
        echo
    } >>"$out/report.md"
    echo
    echo "Crashes (reproduce with the command shown; file it with make triage):"
    for t in "${targets[@]}"; do
        if [ "$ENGINE" = afl ]; then
            files=$(find "$out/afl/$t" -path '*crashes/id:*' -type f 2>/dev/null)
        else
            files=$(find "$out/crashes/$t" -type f 2>/dev/null)
        fi
        for f in $files; do
            echo "  make repro TARGET=$t CRASH=$f"
            echo "- \`make repro TARGET=$t CRASH=$f\`" >>"$out/report.md"
        done
    done
fi

# State-pair coverage: which (state, command) pairs the session corpus reaches.
if [ -d "$out/corpus/session" ] && [ -x build/session_corpus ] || make -s build/session_corpus >/dev/null 2>&1; then
    if [ -d "$out/corpus/session" ]; then
        build/session_corpus matrix "$out/corpus/session" >"$out/state-pairs.txt" 2>&1
        {
            echo
            echo "## State-pair coverage (session target)"
            echo
            echo '```'
            cat "$out/state-pairs.txt"
            echo '```'
        } >>"$out/report.md"
        echo "state-pair coverage: $out/state-pairs.txt"
    fi
fi

# Coverage over time, one line per target.
if command -v gnuplot >/dev/null; then
    plots=""
    for t in "${targets[@]}"; do
        [ -s "$out/plot/$t.dat" ] && plots+="${plots:+, }'$out/plot/$t.dat' using 1:2 with lines title '$t'"
    done
    if [ -n "$plots" ]; then
        gnuplot -e "set terminal png size 900,500; set output '$out/coverage.png';
                    set xlabel 'seconds'; set ylabel 'coverage (edges)'; set key bottom right;
                    plot $plots" 2>/dev/null &&
            printf '\n![coverage over time](coverage.png)\n' >>"$out/report.md"
    fi
fi
echo
echo "report: $out/report.md  summary: $out/summary.json"
[ "$found" -eq 0 ] || exit 1
exit 0
