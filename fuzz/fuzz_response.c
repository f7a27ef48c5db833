/*
 * fuzz_response.c - the server-response reader. Byte 0 chooses the configuration (bit 0:
 * tight limits chosen by byte 1, so every limit is reachable; bit 1: tag "T1" is a
 * STARTTLS command), byte 2 the chunk sizes; the rest is a server->client stream.
 * Properties (fuzz/fz_response.h): no crash or sanitizer report; every literal's
 * octets handed out exactly and never read as responses; each response's canonical
 * form reads back equal; and the stream fed whole and in chunks gives the same events.
 */
#include "fz_common.h"
#include "fz_response.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 3)
        return 0;
    uint8_t cfg = data[0], lb = data[1], step = data[2];
    data += 3;
    size -= 3;
    struct ig_response_limits lim;
    if (cfg & 1)
        fzr_small_limits(&lim, lb);
    else
        ig_response_limits_default(&lim);
    const char *tls = (cfg & 2) ? "T1" : NULL;
    const uint8_t chunks[3] = {(uint8_t)(1 + step % 32), (uint8_t)(1 + (step >> 3)),
                               (uint8_t)(1 + (step >> 5))};

    struct fzr_result whole = fzr_run(&lim, data, size, NULL, 0, tls, NULL, NULL);
    struct fzr_result split = fzr_run(&lim, data, size, chunks, 3, tls, NULL, NULL);
    FZ_CHECK(whole.responses == split.responses, "split: a different number of responses");
    FZ_CHECK(whole.errors == split.errors, "split: a different number of errors");
    FZ_CHECK(whole.octets == split.octets, "split: different literal octets");
    FZ_CHECK(whole.idle == split.idle, "split: a different final state");
    FZ_CHECK(whole.hash == split.hash, "split: different events");
    return 0;
}
