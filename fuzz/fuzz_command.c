/*
 * fuzz_command.c - arbitrary bytes as a client stream, fed in one piece. Property: no
 * crash, no sanitizer report, every accepted command serializes and re-parses to an
 * equal command (emit -> parse -> equal), every error has a fixed reason and an offset
 * inside what was consumed. Byte 0 chooses options, expected line kind and limits.
 */
#include "fz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fz_config cfg;
    size_t k = fz_config_from(data, size, &cfg);
    fz_run(&cfg, data + k, size - k, NULL, 0);
    return 0;
}
