/*
 * harness.h - drives a parser over an input and writes every event into a text log,
 * so that one expected log checks a whole stream, and so that the same input fed
 * whole, one byte at a time and split at every offset can be compared.
 *
 * Log lines (one per event, '\n'-terminated):
 *   OK <canonical form, CRLF and other bytes escaped> @<offset>+<length>
 *   LIT <tag> <size>[+][8] <arg|msg> @<offset of the header>
 *   DATA <octets>                      (consecutive pieces merged)
 *   ERR <tag or *> <SYNTAX|LIMIT|NOMEM|FATAL> @<offset> <reason>
 *   END idle | END inside              (was the parser between lines at the end?)
 */
#ifndef IG_HARNESS_H
#define IG_HARNESS_H

#include "imapguard.h"

#include <stddef.h>

/* A growable, NUL-terminated byte log (test helpers only; aborts when out of memory). */
struct sb {
    char *p;
    size_t len, cap;
};
void sb_add(struct sb *b, const void *s, size_t n);
void sb_printf(struct sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int sb_eq(const struct sb *a, const struct sb *b);

struct run_cfg {
    const struct ig_limits *limits; /* NULL: defaults */
    uint32_t options;
    int reject_literal;   /* reject the n-th announced literal (1-based); 0: accept all */
    int expect_first;     /* ig_parser_expect() before the first byte (0: commands) */
    int follow;           /* like `imapguard parse`: DONE after IDLE, SASL after
                             AUTHENTICATE without initial response */
};

/* Feeds in[0..len) in chunks: chunk 0 = all at once; otherwise chunk bytes at a time;
 * split > 0 (with chunk 0) = two feeds, cut at split. Each chunk is placed against a
 * guard page. Returns a malloc'd log. */
char *run_log(const struct run_cfg *cfg, const void *in, size_t len, size_t chunk,
              size_t split);

/* Runs whole, byte by byte and split at every offset (all offsets up to 300 bytes,
 * then a sample); returns the whole-feed log, or a log starting "MISMATCH" that names
 * the first chunking that differed. */
char *run_all_ways(const struct run_cfg *cfg, const void *in, size_t len);

/* Writes the input of a test case as fuzz seeds, in the formats of the targets
 * (fuzz/fz_common.h): DIR/command/NAME (a configuration byte, then the stream) and
 * DIR/split/NAME (configuration, three chunk sizes, the stream). The configuration
 * byte carries the options and line kind of cfg; custom limits map to the fuzzers'
 * tight limits. This is how the test suite becomes the seed corpus. */
void dump_seed(const char *dir, const char *name, const struct run_cfg *cfg, const void *in,
               size_t len);

/* Parses the first command of in[0..len) (default limits, caller memory
 * mem[0..memsize), every literal accepted, APPEND octets skipped); NULL on an error.
 * The command lives in p until p is used again. For the C checks of typed values. */
const struct ig_command *parse_first_n(struct ig_parser *p, void *mem, size_t memsize,
                                       const char *in, size_t len, uint32_t opts);
/* The same for the string in. */
const struct ig_command *parse_first(struct ig_parser *p, void *mem, size_t memsize,
                                     const char *in, uint32_t opts);

/* s holds exactly the bytes of want. */
int span_is(struct ig_span s, const char *want);

/* For a test's main(): "--dump-seeds DIR" returns DIR, else NULL. */
const char *seed_dir_arg(int argc, char **argv);

#endif
