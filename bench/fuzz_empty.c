/*
 * fuzz_empty.c - a libFuzzer target that does nothing, linked with the same
 * instrumented library as the real targets (bench/fuzz_throughput.sh). Its exec/s is the
 * engine's own cost per execution on this machine (mutation, running the callback,
 * collecting features over the library's coverage counters): the ceiling that no
 * harness can exceed.
 */
#include "imapguard.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* Reference the library so that the linker keeps it, as in a real target. */
    if (size == 1 && data[0] == 0xff) {
        struct ig_limits lim;
        ig_limits_default(&lim);
    }
    return 0;
}
