/*
 * test_bare_lf.c - a bare LF never ends a command in strict mode (issue 9 item 2). A
 * peer that frames by CRLF (RFC 9051 §2.2) sees "a1 NOOP" LF "z1 NOOP" CRLF as one
 * line; the parser must too: one error for a1 and z1 never parsed, however the bytes
 * arrive. Each case is fed whole, one byte at a time and split at every offset (all
 * must give the expected log), for commands, literals around the LF, SASL response
 * lines and the DONE of IDLE; then the same inputs with IG_OPT_LENIENT_LF, where a LF
 * ends a line for both peers. The z-tagged commands are the ones that must never run.
 */
#include "harness.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>

struct tcase {
    const char *name;
    const char *in;
    size_t inlen;
    const char *want;
    uint32_t options;
    int expect;  /* ig_parser_expect() before the first line */
    int follow;  /* DONE after IDLE, SASL after AUTHENTICATE */
    int reject;  /* reject the n-th announced literal */
    const struct ig_limits *limits;
};

/* An input with its length, so that inputs may hold NUL. */
#define S(x) x, sizeof(x) - 1
#define LF IG_OPT_LENIENT_LF

/* max_line 32, max_tag 7 (the rest as the defaults). */
static struct ig_limits small;

static const struct tcase cases[] = {
    /* ---- the two inputs of the issue ---- */
    {"a1 NOOP LF z1 NOOP CRLF is one bad command", S("a1 NOOP\nz1 NOOP\r\nb1 NOOP\r\n"),
     "ERR a1 SYNTAX @7 bare LF (lines end in CRLF)\n"
     "OK b1 NOOP @17+9\n"
     "END idle\n"},
    {"bare LF after a sync literal's octets", S("a1 LOGIN {3}\r\nabc\nz1 NOOP\r\nb1 NOOP\r\n"),
     "LIT a1 3 arg @9\n"
     "ERR a1 SYNTAX @17 bare LF (lines end in CRLF)\n"
     "OK b1 NOOP @27+9\n"
     "END idle\n"},
    {"bare LF after a nonsync literal's octets", S("a1 LOGIN {3+}\r\nabc\nz1 NOOP\r\nb1 NOOP\r\n"),
     "ERR a1 SYNTAX @18 bare LF (lines end in CRLF)\n"
     "OK b1 NOOP @28+9\n"
     "END idle\n"},
    /* ---- the skipped line runs to the next CRLF ---- */
    {"several bare LFs: still one command", S("a1 NOOP\nz1 NOOP\nz2 NOOP\n\nz3 NOOP\r\nb1 NOOP\r\n"),
     "ERR a1 SYNTAX @7 bare LF (lines end in CRLF)\n"
     "OK b1 NOOP @34+9\n"
     "END idle\n"},
    {"bare LF first on a line", S("\nz1 NOOP\r\nb1 NOOP\r\n"),
     "ERR * SYNTAX @0 bare LF (lines end in CRLF)\n"
     "OK b1 NOOP @10+9\n"
     "END idle\n"},
    {"bare LF then a bare CR: the CRLF after them ends the line",
     S("a1 NOOP\nz1\rz2 NOOP\r\nb1 NOOP\r\n"),
     "ERR a1 SYNTAX @7 bare LF (lines end in CRLF)\n"
     "OK b1 NOOP @20+9\n"
     "END idle\n"},
    {"LF CR LF: the CR pairs with the second LF only", S("a1 NOOP\n\r\nb1 NOOP\r\n"),
     "ERR a1 SYNTAX @7 bare LF (lines end in CRLF)\n"
     "OK b1 NOOP @10+9\n"
     "END idle\n"},
    {"bare LF at the end of the stream: inside the command", S("a1 NOOP\nz1 NOOP"),
     "ERR a1 SYNTAX @7 bare LF (lines end in CRLF)\n"
     "END inside\n"},
    /* ---- literal headers around the LF: what a CRLF peer reads ---- */
    {"{n+} before a bare LF announces nothing", S("a1 X {12+}\nz1\r\nb1 NOOP\r\nb2 NOOP\r\n"),
     "ERR a1 SYNTAX @10 bare LF (lines end in CRLF)\n"
     "OK b1 NOOP @15+9\n"
     "OK b2 NOOP @24+9\n"
     "END idle\n"},
    {"{n+} of unknown size before a bare LF: no header, nothing lost",
     S("a1 X {999999999999999999999+}\nz1\r\nb1 NOOP\r\n"),
     "ERR a1 SYNTAX @29 bare LF (lines end in CRLF)\n"
     "OK b1 NOOP @34+9\n"
     "END idle\n"},
    {"{n+} CRLF after the LF: its octets are literal octets",
     S("a1 NOOP\nz1 LOGIN {9+}\r\nb9 NOOP\r\n x\r\nb1 NOOP\r\n"),
     "ERR a1 SYNTAX @7 bare LF (lines end in CRLF)\n"
     "OK b1 NOOP @36+9\n"
     "END idle\n"},
    {"{n} CRLF after the LF: no + comes, so the next line is a command",
     S("a1 NOOP\nz1 LOGIN {3}\r\nb1 NOOP\r\n"),
     "ERR a1 SYNTAX @7 bare LF (lines end in CRLF)\n"
     "OK b1 NOOP @22+9\n"
     "END idle\n"},
    {"bare LF after a skipped literal's octets: still the same line",
     S("a1 NOOP\nz1 X {2+}\r\nab\nz2 NOOP\r\nb1 NOOP\r\n"),
     "ERR a1 SYNTAX @7 bare LF (lines end in CRLF)\n"
     "OK b1 NOOP @31+9\n"
     "END idle\n"},
    {"a CR as a skipped literal's last octet does not pair with the LF after it",
     S("a1 NOOP\nz1 X {1+}\r\n\r\nz2 NOOP\r\nb1 NOOP\r\n"),
     "ERR a1 SYNTAX @7 bare LF (lines end in CRLF)\n"
     "OK b1 NOOP @30+9\n"
     "END idle\n"},
    {"a CR as a literal's last octet, then LF: a bare LF",
     S("a1 LOGIN {1+}\r\n\r\nz1 NOOP\r\nb1 NOOP\r\n"),
     "ERR a1 SYNTAX @16 bare LF (lines end in CRLF)\n"
     "OK b1 NOOP @26+9\n"
     "END idle\n"},
    /* ---- a line skipped for another reason also ends only at CRLF ---- */
    {"rejected nonsync APPEND message, then a bare LF in the rest of its line",
     S("a1 APPEND INBOX {3+}\r\nabc x\nz1 NOOP\r\nb1 NOOP\r\n"),
     "LIT a1 3+ msg @16\n"
     "REJECTED\n"
     "OK b1 NOOP @37+9\n"
     "END idle\n", 0, 0, 0, 1},
    {"NUL in an APPEND message, then a bare LF", S("a1 APPEND INBOX {3+}\r\nab\0\nz1 NOOP\r\nb1 NOOP\r\n"),
     "LIT a1 3+ msg @16\n"
     "DATA 2\n"
     "ERR a1 SYNTAX @24 NUL in literal (only literal8 may carry NUL)\n"
     "OK b1 NOOP @35+9\n"
     "END idle\n"},
    {"syntax error with a nonsync literal, then a bare LF in the rest of its line",
     S("a1 NOOP {2+}\r\nxy\nz1 NOOP\r\nb1 NOOP\r\n"),
     "ERR a1 SYNTAX @16 bare LF (lines end in CRLF)\n"
     "OK b1 NOOP @26+9\n"
     "END idle\n"},
    {"line too long, then a bare LF in what is skipped",
     S("a1 LOGIN 12345678901234567890123456789 x\nz1 NOOP\r\nb1 NOOP\r\n"),
     "ERR a1 LIMIT @32 command line too long\n"
     "OK b1 NOOP @50+9\n"
     "END idle\n", 0, 0, 0, 0, &small},
    /* ---- SASL response lines and the DONE of IDLE ---- */
    {"SASL line with a bare LF", S("dGVzdA==\nz1 NOOP\r\nb1 NOOP\r\n"),
     "ERR * SYNTAX @8 bare LF (lines end in CRLF)\n"
     "OK b1 NOOP @18+9\n"
     "END idle\n", 0, IG_EXPECT_SASL},
    {"AUTHENTICATE then a SASL line with a bare LF",
     S("a1 AUTHENTICATE PLAIN\r\ndGVzdA==\nz1 NOOP\r\nb1 NOOP\r\n"),
     "OK a1 AUTHENTICATE PLAIN @0+23\n"
     "ERR * SYNTAX @31 bare LF (lines end in CRLF)\n"
     "OK b1 NOOP @41+9\n"
     "END idle\n", 0, 0, 1},
    {"DONE with a bare LF", S("DONE\nz1 NOOP\r\nb1 NOOP\r\n"),
     "ERR * SYNTAX @4 bare LF (lines end in CRLF)\n"
     "OK b1 NOOP @14+9\n"
     "END idle\n", 0, IG_EXPECT_DONE},
    {"IDLE then DONE with a bare LF", S("a1 IDLE\r\nDONE\nz1 NOOP\r\nb1 NOOP\r\n"),
     "OK a1 IDLE @0+9\n"
     "ERR * SYNTAX @13 bare LF (lines end in CRLF)\n"
     "OK b1 NOOP @23+9\n"
     "END idle\n", 0, 0, 1},
    /* ---- IG_OPT_LENIENT_LF: a LF ends a line, for reading and skipping alike ---- */
    {"lenient: a1 NOOP LF z1 NOOP CRLF is two commands", S("a1 NOOP\nz1 NOOP\r\nb1 NOOP\r\n"),
     "OK a1 NOOP @0+8\n"
     "OK z1 NOOP @8+9\n"
     "OK b1 NOOP @17+9\n"
     "END idle\n", LF},
    {"lenient: {n+} LF is a header", S("a1 X {3+}\nz1\n\nb1 NOOP\r\n"),
     "OK a1 X {3}\\r\\nz1\\n @0+14\n"
     "OK b1 NOOP @14+9\n"
     "END idle\n", LF},
    {"lenient: a skipped line ends at a LF", S("a1 NOOP x\nb1 NOOP\n"),
     "ERR a1 SYNTAX @7 unexpected argument\n"
     "OK b1 NOOP @10+8\n"
     "END idle\n", LF},
    {"lenient: DONE LF", S("a1 IDLE\nDONE\nb1 NOOP\n"),
     "OK a1 IDLE @0+8\n"
     "OK DONE @8+5\n"
     "OK b1 NOOP @13+8\n"
     "END idle\n", LF, 0, 1},
};

int main(int argc, char **argv)
{
    const char *seeds = seed_dir_arg(argc, argv);
    ig_limits_default(&small);
    small.max_line = 32;
    small.max_tag = 7;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct tcase *c = &cases[i];
        struct run_cfg cfg = {c->limits, c->options, c->reject, c->expect, c->follow};
        if (seeds) {
            char name[200];
            snprintf(name, sizeof(name), "bare lf %s", c->name);
            dump_seed(seeds, name, &cfg, c->in, c->inlen);
            continue;
        }
        char *got = run_all_ways(&cfg, c->in, c->inlen);
        is_str(got, c->want, c->name);
        free(got);
    }
    return done();
}
