/*
 * fuzz_split.c - chunking must not matter. Byte 0 chooses the configuration, byte 1
 * the number n of chunk-size bytes that follow (1..16); the rest is the stream, fed once
 * whole and once in chunks of those sizes (cycled). Property: the same events (merged
 * APPEND data compared by content), the same offsets, errors and final state.
 */
#include "fz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fz_config cfg;
    size_t k = fz_config_from(data, size, &cfg);
    if (size < k + 2)
        return 0;
    size_t n = 1 + data[k] % 16;
    if (size < k + 1 + n)
        return 0;
    const uint8_t *chunks = data + k + 1;
    const uint8_t *in = chunks + n;
    size_t len = size - k - 1 - n;

    struct fz_digest whole = fz_run(&cfg, in, len, NULL, 0);
    struct fz_digest split = fz_run(&cfg, in, len, chunks, n);
    FZ_CHECK(whole.commands == split.commands, "split: a different number of commands");
    FZ_CHECK(whole.errors == split.errors, "split: a different number of errors");
    FZ_CHECK(whole.idle == split.idle, "split: a different final state");
    FZ_CHECK(whole.hash == split.hash, "split: different events");
    return 0;
}
