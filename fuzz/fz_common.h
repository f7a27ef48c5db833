/*
 * fz_common.h - helpers shared by the fuzz targets (this file and fz_common.c are not
 * targets: their names do not match fuzz_*). A target reads its configuration from
 * leading input bytes (libxml2 / llhttp style), never from the environment, the clock
 * or rand(), and keeps no state between inputs.
 */
#ifndef IG_FZ_COMMON_H
#define IG_FZ_COMMON_H

#include "imapguard.h"

#include <stddef.h>
#include <stdint.h>

/* Aborts with a message (and the property that failed) when cond is false. */
#define FZ_CHECK(cond, what)                                                               \
    do {                                                                                   \
        if (!(cond))                                                                       \
            fz_fail(__FILE__, __LINE__, what);                                             \
    } while (0)

void fz_fail(const char *file, int line, const char *what);

struct fz_config {
    uint32_t options;       /* IG_OPT_* */
    int expect;             /* enum ig_expect before the first line */
    int follow;             /* DONE after IDLE, SASL after AUTHENTICATE (like the CLI) */
    int small;              /* tight limits, so that every limit is reached */
    struct ig_limits lim;
};

/* Memory for a parser or a session, one block of each kind for the life of the process:
 * allocating ~200 KB per input would dominate the run time under ASan (the literal
 * target ran 5x slower). Nothing survives between inputs, as init starts from scratch;
 * under MSan the block is marked uninitialized each time it is handed out, so reuse
 * cannot hide a read of memory that the current input never wrote. */
enum fz_block { FZ_BLOCK_RUN, FZ_BLOCK_ROUNDTRIP, FZ_BLOCK_SESSION, FZ_BLOCK__COUNT };
void *fz_block(enum fz_block which, size_t need);

/* Takes the configuration from byte 0; returns the number of bytes used (1, or 0 when
 * size is 0). */
size_t fz_config_from(const uint8_t *data, size_t size, struct fz_config *cfg);

/* What a run produced, independent of how the input was chunked. */
struct fz_digest {
    uint64_t hash;       /* FNV-1a over the normalized events (DATA merged) */
    uint64_t commands;   /* IG_OK events */
    uint64_t errors;
    uint64_t data;       /* APPEND octets delivered */
    int idle;            /* parser between lines at the end */
};

/* Feeds data[0..size) in chunks: chunks[i] (1..255, cycled; NULL or n == 0: one feed)
 * gives the size of each feed. Accepts every literal. Every IG_OK command must
 * serialize, and re-parse to an equal command (the round-trip property); this aborts
 * otherwise. */
struct fz_digest fz_run(const struct fz_config *cfg, const uint8_t *data, size_t size,
                        const uint8_t *chunks, size_t nchunks);

/* The round-trip check of one command alone: emit (with the given APPEND octets, one
 * span per message, may be NULL when there are none), re-parse, compare. Returns 0 when
 * it holds, 1 when it cannot be checked (the canonical form exceeds the limits), and
 * aborts when it fails. */
int fz_roundtrip(const struct fz_config *cfg, const struct ig_command *cmd,
                 const struct ig_span *msgdata, uint32_t nmsg);

/* The same, and with the command's own input bytes in[0..inlen) (the whole line,
 * literals included; NULL: not known) also the number oracle: fz_numbers_same() of the
 * input and the canonical form, which aborts when it fails. */
int fz_roundtrip_in(const struct fz_config *cfg, const struct ig_command *cmd,
                    const struct ig_span *msgdata, uint32_t nmsg, const uint8_t *in,
                    size_t inlen);

/* The number oracle (issue 9; the rule in fuzz/README.md "The number oracle"): the
 * multiset of maximal digit runs, leading zeros stripped, of the command's input bytes
 * equals that of its canonical form. Quoted strings are read decoded and literal octets
 * raw, literal headers ({n}, {n+}, ~{n}) are skipped; AUTHENTICATE, SASL response lines
 * (base64, re-encoded by emit) and generic argument lists (!cmd->typed) are not
 * compared. Independent of the parser: of cmd it reads only which kind of line it is,
 * then only the two byte strings. Returns 1 when the numbers are the same; otherwise 0,
 * after printing both lists to stderr. */
int fz_numbers_same(const struct ig_command *cmd, const uint8_t *in, size_t inlen,
                    const uint8_t *canon, size_t canonlen);

#endif
