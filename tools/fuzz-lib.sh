# fuzz-lib.sh - the parts of tools/fuzz.sh that read a campaign's files: a target's
# libFuzzer flags from its .options file, the figures of a progress sample, the summary
# row, and the coverage-plot samples. Sourced by tools/fuzz.sh and by
# tests/t_fuzz_lib.sh, which feeds these functions canned logs. POSIX sh (dash runs the
# test); no state besides the arguments.

# fz_options FILE: the [libfuzzer] section of an OSS-Fuzz .options file as flags
# ("-max_len=8192 -dict=fuzz/imap.dict "). A dict path is relative to the file's folder,
# as OSS-Fuzz reads it next to the binary. Nothing when FILE does not exist.
fz_options() {
    [ -f "$1" ] || return 0
    awk -v dir="$(dirname "$1")" '
        /^[ \t]*\[/ { s = $0; gsub(/[ \t]/, "", s); next }
        s == "[libfuzzer]" && index($0, "=") > 0 {
            k = substr($0, 1, index($0, "=") - 1); v = substr($0, index($0, "=") + 1)
            gsub(/^[ \t]+|[ \t]+$/, "", k); gsub(/^[ \t]+|[ \t]+$/, "", v)
            if (k == "" || v == "") next
            if (k == "dict" && v !~ /^\//) v = dir "/" v
            printf "-%s=%s ", k, v
        }' "$1"
}

# fz_options_file TARGET: where a target's options live (fuzz/fuzz_<target>.options,
# beside fuzz/fuzz_<target>.c; fuzz/build.sh copies it to $OUT/<target>.options).
fz_options_file() {
    echo "fuzz/fuzz_$1.options"
}

# fz_sample ENGINE LOG_OR_STATS: "execs exec/s cov corpus" of the newest progress
# report. cov is "-" when that report has no coverage figure (a libFuzzer line without
# "cov:", AFL++ before its first fuzzer_stats): unknown, not 0.
fz_sample() {
    if [ "$1" = afl ]; then
        if [ -f "$2" ]; then
            awk -F' *: *' '$1=="execs_done"{e=$2} $1=="execs_per_sec"{r=$2}
                 $1=="edges_found"{c=$2} $1=="corpus_count"{k=$2}
                 END{if (c == "") c = "-"; printf "%d %d %s %d\n", e, r, c, k}' "$2"
        else
            echo "0 0 - 0"
        fi
        return
    fi
    grep -aE '^#[0-9]+' "$2" 2>/dev/null | tail -n 1 |
        awk 'BEGIN{line = 0}
             {line = 1; e=substr($1,2); r=0; c="-"; k=0
              for (i=1;i<=NF;i++) { if ($i=="exec/s:") r=$(i+1); if ($i=="cov:") c=$(i+1);
                                     if ($i=="corp:") { split($(i+1),a,"/"); k=a[1] } }
              printf "%d %d %s %d\n", e, r, c, k}
             END{if (!line) print "0 0 - 0"}'
}

# fz_plot_sample FILE SECONDS COV CORPUS EXECS: appends one coverage-over-time point,
# unless COV is not a number (a sample without a coverage figure is left out rather
# than drawn as a drop to 0).
fz_plot_sample() {
    case $3 in
    '' | *[!0-9]*) return 0 ;;
    esac
    echo "$2 $3 $4 $5" >>"$1"
}

# fz_rate EXECS MS: executions per second over the MS milliseconds the target ran (its
# own run time, not the budget: a target that crashed after 150 ms ran 150 ms).
fz_rate() {
    ms=$2
    case $ms in
    '' | *[!0-9]*) ms=0 ;;
    esac
    [ "$ms" -gt 0 ] || ms=1
    echo $(($1 * 1000 / ms))
}

# fz_summary ENGINE OUT TARGET: "execs exec/s cov corpus" for the summary table. execs
# are exact where the engine says so (libFuzzer's final stat line), exec/s are those
# over OUT/logs/TARGET.ms, the run time fuzz.sh measured.
fz_summary() {
    if [ "$1" = afl ]; then
        set -- "$1" "$2" "$3" "$2/afl/$3/default/fuzzer_stats"
    else
        set -- "$1" "$2" "$3" "$2/logs/$3.log"
    fi
    s=$(fz_sample "$1" "$4")
    execs=${s%% *}
    rest=${s#* }
    rest=${rest#* }
    if [ "$1" != afl ]; then
        e=$(grep -a 'stat::number_of_executed_units' "$4" 2>/dev/null | awk '{print $2}' | tail -n 1)
        [ -n "$e" ] && execs=$e
    fi
    ms=$(cat "$2/logs/$3.ms" 2>/dev/null)
    echo "$execs $(fz_rate "$execs" "$ms") $rest"
}
