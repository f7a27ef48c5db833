/*
 * fz_response.h - drives the server-response reader over a byte stream for the
 * `response` fuzz target, the `session` target (the session's own output read back)
 * and tests/test_response.c, and checks on the way the properties that hold for every
 * input (each aborts through FZ_CHECK when it fails):
 *   - every literal's octets are handed out exactly: the IG_LITERAL_DATA spans lie in
 *     the buffer just fed, are the input's bytes at the reader's stream offset, and
 *     add up to the size announced; responses and literals tile the stream, so literal
 *     octets are never read as responses;
 *   - canonical re-emission: each response, emitted with its literal octets and read
 *     back by a fresh reader, gives an equal response and the same canonical bytes.
 * The result is an event log (text), identical for every chunking of the same input.
 */
#ifndef IG_FZ_RESPONSE_H
#define IG_FZ_RESPONSE_H

#include "imapguard_response.h"

#include <stddef.h>
#include <stdint.h>

/* Places a chunk somewhere (tests: flush against a guard page); NULL: used in place. */
typedef const unsigned char *(*fzr_place_fn)(const void *s, size_t n);

struct fzr_result {
    uint64_t hash;        /* FNV-1a of the log */
    uint64_t responses;   /* IG_OK events */
    uint64_t errors;      /* 0 or 1 (errors are sticky) */
    uint64_t octets;      /* literal octets handed out */
    int idle;             /* reader between responses at the end */
};

/* Log lines:
 *   OK <kind> <canonical form, escaped> @<offset>+<length> [TLS]
 *   LIT <index> <size> [lit8] <kept|streamed> [<item>] @<offset>
 *   DATA <octets, escaped>                 (the pieces of one literal merged)
 *   ERR <status name> @<offset> <reason>
 *   END idle | END inside
 * feeds data[0..size) in chunks of chunks[i] bytes (cycled; NULL or 0: one feed).
 * starttls: the tag of a STARTTLS command (NULL: none). log: if not NULL, receives a
 * malloc'd copy of the log. */
struct fzr_result fzr_run(const struct ig_response_limits *lim, const uint8_t *data,
                          size_t size, const uint8_t *chunks, size_t nchunks,
                          const char *starttls, fzr_place_fn place, char **log);

/* Tight limits (every limit is reachable by a short input), chosen by byte b. */
void fzr_small_limits(struct ig_response_limits *lim, uint8_t b);

#endif
