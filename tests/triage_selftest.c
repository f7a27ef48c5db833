/* triage_selftest.c - a fuzz target with a planted bug, for tests/t_triage.sh only: it
 * reads one byte past its input when the input starts with "BOOM", so the triage tool
 * can be checked end to end (replay, signature, minimization, filing, deduplication). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

__attribute__((noinline)) static int ig__planted_overread(const uint8_t *data, size_t size)
{
    return data[size]; /* one past the end: ASan reports heap-buffer-overflow */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static volatile int sink;
    if (size >= 4 && memcmp(data, "BOOM", 4) == 0)
        sink = ig__planted_overread(data, size);
    return 0;
}
