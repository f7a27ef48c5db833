/*
 * test_limits.c - every bound of struct ig_limits at N (accepted) and N+1 (a clean
 * IG_E_LIMIT with the tag when one was read, the rest of the command skipped, the next
 * command parsed). Small limits keep the inputs readable. Each case runs whole, byte by
 * byte and split at every offset.
 */
#include "harness.h"
#include "tap.h"

#include <stdlib.h>

#define S(x) x, sizeof(x) - 1

struct lcase {
    const char *name;
    const char *in;
    size_t inlen;
    const char *want;
    int expect; /* ig_parser_expect() before the first line */
};

static const struct lcase cases[] = {
    /* max_line = 40, counted over the command's bytes outside literals, CRLF included */
    {"max_line N", S("a LOGIN 1234567890123456789012345678 x\r\n"),
     "OK a LOGIN 1234567890123456789012345678 x @0+40\nEND idle\n"},
    {"max_line N+1", S("a LOGIN 12345678901234567890123456789 x\r\nb NOOP\r\n"),
     "ERR a LIMIT @40 command line too long\nOK b NOOP @41+8\nEND idle\n"},
    {"max_line N+1 before a tag", S("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\nb NOOP\r\n"),
     "ERR * LIMIT @40 command line too long\nOK b NOOP @43+8\nEND idle\n"},
    {"max_line counts all lines of a command",
     S("a LOGIN {3+}\r\nabc 12345678901234567890123\r\n"),
     "OK a LOGIN abc 12345678901234567890123 @0+43\nEND idle\n"},
    {"max_line N+1 over two lines", S("a LOGIN {3+}\r\nabc 1234567890123456789012345\r\nb NOOP\r\n"),
     "ERR a LIMIT @43 command line too long\nOK b NOOP @45+8\nEND idle\n"},
    {"max_line N+1 ending in a nonsync literal",
     S("a X 12345678901234567890123456789012 {5+}\r\nb NOOPc NOOP\r\nd NOOP\r\n"),
     "ERR a LIMIT @40 command line too long\nOK d NOOP @57+8\nEND idle\n"},
    /* max_tag = 5 */
    {"max_tag N", S("abcde NOOP\r\n"), "OK abcde NOOP @0+12\nEND idle\n"},
    {"max_tag N+1", S("abcdef NOOP\r\nb NOOP\r\n"),
     "ERR * LIMIT @5 tag too long\nOK b NOOP @13+8\nEND idle\n"},
    /* max_string_literal = 10 */
    {"max_string_literal N", S("a LOGIN {10}\r\n0123456789 x\r\n"),
     "LIT a 10 arg @8\nOK a LOGIN 0123456789 x @0+28\nEND idle\n"},
    {"max_string_literal N+1 (no continuation)", S("a LOGIN {11}\r\nb NOOP\r\n"),
     "ERR a LIMIT @8 [TOOBIG] literal too large\nOK b NOOP @14+8\nEND idle\n"},
    /* max_literal_bytes = 16 */
    {"max_literal_bytes N", S("a LOGIN {10}\r\n0123456789 {6}\r\nabcdef\r\n"),
     "LIT a 10 arg @8\nLIT a 6 arg @25\nOK a LOGIN 0123456789 abcdef @0+38\nEND idle\n"},
    {"max_literal_bytes N+1", S("a LOGIN {10}\r\n0123456789 {7}\r\nb NOOP\r\n"),
     "LIT a 10 arg @8\nERR a LIMIT @25 [TOOBIG] literals too large for one command\nOK b NOOP @30+8\n"
     "END idle\n"},
    /* max_literals = 3 */
    {"max_literals N", S("a X {1+}\r\na {1+}\r\nb {1+}\r\nc\r\n"),
     "OK a X \"a\" \"b\" \"c\" @0+29\nEND idle\n"},
    {"max_literals N+1", S("a X {1+}\r\na {1+}\r\nb {1+}\r\nc {1+}\r\nd\r\nb NOOP\r\n"),
     "ERR a LIMIT @28 too many literals in one command\nOK b NOOP @37+8\nEND idle\n"},
    {"max_literals counts per APPEND message",
     S("a APPEND {1+}\r\nx {1+}\r\n1 {1+}\r\n2 {1+}\r\n3\r\n"),
     "LIT a 1+ msg @17\nDATA 1\nLIT a 1+ msg @25\nDATA 1\nLIT a 1+ msg @33\nDATA 1\n"
     "OK a APPEND x {1}\\r\\n1 {1}\\r\\n2 {1}\\r\\n3 @0+42\nEND idle\n"},
    /* max_append_literal = 20 */
    {"max_append_literal N", S("a APPEND x {20}\r\n01234567890123456789\r\n"),
     "LIT a 20 msg @11\nDATA 20\nOK a APPEND x {20}\\r\\n01234567890123456789 @0+39\nEND idle\n"},
    {"max_append_literal N+1", S("a APPEND x {21}\r\nb NOOP\r\n"),
     "ERR a LIMIT @11 [TOOBIG] message too large\nOK b NOOP @17+8\nEND idle\n"},
    /* max_nonsync_literal = 8 (LITERAL-: 4096 by default) */
    {"max_nonsync_literal N", S("a LOGIN {8+}\r\n12345678 x\r\n"),
     "OK a LOGIN 12345678 x @0+26\nEND idle\n"},
    {"max_nonsync_literal N+1 (octets skipped)", S("a LOGIN {9+}\r\nb NOOP\r\nx\r\nc NOOP\r\n"),
     "ERR a LIMIT @8 [TOOBIG] non-synchronizing literal too large\nOK c NOOP @25+8\nEND idle\n"},
    {"max_nonsync_literal N+1 in APPEND", S("a APPEND x {9+}\r\n123456789\r\nc NOOP\r\n"),
     "ERR a LIMIT @11 [TOOBIG] non-synchronizing literal too large\nOK c NOOP @28+8\nEND idle\n"},
    /* max_depth = 3 */
    {"max_depth N", S("a X (((a)))\r\n"), "OK a X (((a))) @0+13\nEND idle\n"},
    {"max_depth N+1", S("a X ((((a))))\r\nb NOOP\r\n"),
     "ERR a LIMIT @7 nesting too deep\nOK b NOOP @15+8\nEND idle\n"},
    /* max_items = 6 */
    {"max_items N", S("a X 1 2 (3 4) 5\r\n"), "OK a X 1 2 (3 4) 5 @0+17\nEND idle\n"},
    {"max_items N+1", S("a X 1 2 (3 4) 5 6\r\nb NOOP\r\n"),
     "ERR a LIMIT @16 too many arguments\nOK b NOOP @19+8\nEND idle\n"},
    /* max_set_ranges = 3 */
    {"max_set_ranges N", S("a COPY 1,2:4,* x\r\n"), "OK a COPY 1,2:4,* x @0+18\nEND idle\n"},
    {"max_set_ranges N+1", S("a COPY 1,2:4,*,9 x\r\nb NOOP\r\n"),
     "ERR a LIMIT @7 too many ranges in sequence set\nOK b NOOP @20+8\nEND idle\n"},
    /* max_sasl_line = 14 */
    {"max_sasl_line N", S("AAAAAAAAAA==\r\n"), "OK AAAAAAAAAA== @0+14\nEND idle\n",
     IG_EXPECT_SASL},
    {"max_sasl_line N+1", S("AAAAAAAAAAAA=\r\nb NOOP\r\n"),
     "ERR * LIMIT @14 command line too long\nOK b NOOP @15+8\nEND idle\n", IG_EXPECT_SASL},
};

/* The arena: a command whose tree does not fit gets IG_E_NOMEM, and the next works. */
static void test_arena(void)
{
    struct ig_limits lim;
    ig_limits_default(&lim);
    lim.arena = 256;
    lim.max_sasl_line = 64;
    struct run_cfg cfg = {&lim, 0, 0, 0, 0};
    /* A generic argument node takes 40 bytes on 64-bit targets: 6 fit, 7 do not. */
    char *got = run_all_ways(&cfg, S("a X 1 2 3 4 5 6\r\nb NOOP\r\n"));
    is_str(got, "OK a X 1 2 3 4 5 6 @0+17\nOK b NOOP @17+8\nEND idle\n", "arena N");
    free(got);
    got = run_all_ways(&cfg, S("a X 1 2 3 4 5 6 7\r\nb NOOP\r\n"));
    is_str(got, "ERR a NOMEM @16 command too complex (arena full)\nOK b NOOP @19+8\nEND idle\n",
           "arena N+1");
    free(got);
}

/* Inconsistent limits are refused at init, never silently adjusted. */
static void test_bad_limits(void)
{
    struct ig_limits lim;
    struct ig_parser p;
    static unsigned char mem[1 << 20] __attribute__((aligned(8)));
    ig_limits_default(&lim);
    ok(ig_parser_init(&p, &lim, mem, sizeof(mem)) == IG_OK, "default limits accepted");
    ok(ig_parser_init(&p, &lim, mem, ig_parser_memsize(&lim) - 1) == IG_E_USAGE,
       "memory one byte short refused");
    lim.max_depth = 0;
    ok(ig_parser_init(&p, &lim, mem, sizeof(mem)) == IG_E_USAGE, "zero limit refused");
    ig_limits_default(&lim);
    lim.max_string_literal = lim.max_literal_bytes + 1;
    ok(ig_parser_init(&p, &lim, mem, sizeof(mem)) == IG_E_USAGE,
       "string literal above the per-command literal budget refused");
    ig_limits_default(&lim);
    ok(ig_parser_init(&p, &lim, mem + 1, sizeof(mem) - 1) == IG_E_USAGE, "unaligned memory refused");
    ok(ig_parser_init(NULL, &lim, mem, sizeof(mem)) == IG_E_USAGE, "NULL parser refused");
}

int main(int argc, char **argv)
{
    const char *seeds = seed_dir_arg(argc, argv);
    struct ig_limits lim;
    ig_limits_default(&lim);
    lim.max_line = 40;
    lim.max_string_literal = 10;
    lim.max_literal_bytes = 16;
    lim.max_literals = 3;
    lim.max_append_literal = 20;
    lim.max_nonsync_literal = 8;
    lim.max_depth = 3;
    lim.max_items = 6;
    lim.max_set_ranges = 3;
    lim.max_tag = 5;
    lim.max_sasl_line = 14;
    lim.arena = 4096;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct lcase *c = &cases[i];
        struct run_cfg cfg = {&lim, 0, 0, c->expect, 0};
        if (seeds) {
            dump_seed(seeds, c->name, &cfg, c->in, c->inlen);
            continue;
        }
        char *got = run_all_ways(&cfg, c->in, c->inlen);
        is_str(got, c->want, c->name);
        free(got);
    }
    if (seeds)
        return 0;
    test_arena();
    test_bad_limits();
    return done();
}
