#!/bin/sh
# fuzz_throughput.sh - `make bench-fuzz`: executions per second of the `command` fuzz
# target on one core, taken apart so that each figure says where the time goes:
#
#   harness, no sanitizer          LLVMFuzzerTestOneInput in a loop over corpus/command
#   harness, ASan+UBSan            the same, with the sanitizers of a campaign
#   harness, ASan+UBSan+sancov     the same objects libFuzzer runs (coverage counters,
#                                  comparison hooks as the sanitizer runtime's no-ops)
#   libFuzzer, empty target        a target that does nothing, same instrumented library:
#                                  the engine's own cost per execution (the ceiling)
#   libFuzzer, command             the real target from corpus/command, inputs <= 64
#                                  bytes, default options and -entropic=0
#
# then, for every target, its harness alone (the libFuzzer objects in the loop) over its
# own seed corpus: the figure that shows a harness doing needless work per input.
#
# Figures are printed, never asserted (the machine is shared). BENCH_FUZZ_TIME seconds
# per figure (default 10). Outputs and logs in build/bench-fuzz/.
set -u
dir=build/bench-fuzz
fz=${FUZZ_DIR:-build/fuzz/address-undefined}
t=${BENCH_FUZZ_TIME:-10}
export ASAN_OPTIONS=detect_leaks=0
out="$dir/report.txt"
: >"$out"

row() { printf '%-44s %10s %s\n' "$1" "$2" "$3" | tee -a "$out"; }

# loop NAME [CORPUS]: exec/s of build/bench-fuzz/NAME over a seed corpus (command's)
loop() {
    "$dir/$1" "$t" "${2:-corpus/command}" >"$dir/$1.log" 2>&1 || { cat "$dir/$1.log"; exit 1; }
    sed -n 's/.*exec\/s \([0-9]*\).*/\1/p' "$dir/$1.log"
}

# libfuzzer NAME BINARY [OPTIONS...]: average exec/s of a libFuzzer run of t seconds in a
# fresh work folder (seeded from corpus/command unless NAME is "empty")
libfuzzer() {
    name=$1 bin=$2
    shift 2
    rm -rf "$dir/work-$name"
    mkdir -p "$dir/work-$name"
    seeds=corpus/command
    [ "$name" = empty ] && seeds=
    "$bin" -max_total_time="$t" -print_final_stats=1 -max_len=64 "$@" \
        "$dir/work-$name" $seeds >"$dir/libfuzzer-$name.log" 2>&1 ||
        { tail -n 30 "$dir/libfuzzer-$name.log"; exit 1; }
    sed -n 's/^stat::average_exec_per_sec: *\([0-9]*\).*/\1/p' "$dir/libfuzzer-$name.log"
}

echo "== command target, one core, $t s per figure (make bench-fuzz; $dir/) =="
row "what" "exec/s" "us/exec"
us() { awk -v r="$1" 'BEGIN { if (r > 0) printf "%.2f", 1e6 / r }'; }
r=$(loop loop-plain);      row "harness, no sanitizer" "$r" "$(us "$r")"
r=$(loop loop-san);        row "harness, ASan+UBSan" "$r" "$(us "$r")"
r=$(loop harness-command); row "harness, ASan+UBSan+libFuzzer instrumentation" "$r" "$(us "$r")"
empty=$(libfuzzer empty "$dir/empty")
row "libFuzzer, empty target (the ceiling)" "$empty" "$(us "$empty")"
r=$(libfuzzer command "$fz/command" -dict=fuzz/imap.dict)
row "libFuzzer, command, max_len 64" "$r" "$(us "$r")"
r=$(libfuzzer command-e0 "$fz/command" -dict=fuzz/imap.dict -entropic=0)
row "libFuzzer, command, max_len 64, -entropic=0" "$r" "$(us "$r")"
awk -v e="$empty" -v r="$r" 'BEGIN { if (e > 0 && r > 0)
    printf "engine cost per execution %.2f us; the command target adds %.2f us\n", 1e6 / e, 1e6 / r - 1e6 / e }' | tee -a "$out"

echo | tee -a "$out"
echo "== every target's harness alone (libFuzzer objects, its own seed corpus) ==" | tee -a "$out"
row "target" "exec/s" "us/exec"
for target in ${FUZZ_TARGETS:-command}; do
    r=$(loop "harness-$target" "corpus/$target")
    row "$target" "$r" "$(us "$r")"
done
