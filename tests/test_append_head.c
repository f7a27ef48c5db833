/*
 * test_append_head.c - ig_append_emit_head(), the APPEND head a proxy writes before it
 * streams a message's octets. Each case is an APPEND as a client sends it and the bytes
 * a server must receive, written out by hand (the oracle): head + octets per message,
 * then CRLF. Fed whole and one byte at a time (the pieces of IG_LITERAL_DATA differ,
 * the bytes must not).
 */
#include "imapguard.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

struct acase {
    const char *name;
    const char *in;
    int nonsync;
    const char *want;
};

static const struct acase cases[] = {
    {"one message, sync", "a1 append INBOX {5}\r\nhello\r\n", 0, "a1 APPEND INBOX {5}\r\nhello\r\n"},
    {"one message, nonsync upstream", "a1 APPEND INBOX {5}\r\nhello\r\n", 1,
     "a1 APPEND INBOX {5+}\r\nhello\r\n"},
    {"client {n+}, server sync", "t APPEND Drafts {3+}\r\nabc\r\n", 0, "t APPEND Drafts {3}\r\nabc\r\n"},
    {"flags and date", "x APPEND INBOX (\\Seen $Junk) \"05-Dec-2026 12:00:00 +0100\" {2}\r\nhi\r\n", 0,
     "x APPEND INBOX (\\Seen $Junk) \"05-Dec-2026 12:00:00 +0100\" {2}\r\nhi\r\n"},
    {"quoted mailbox", "q APPEND \"My Box\" {1}\r\nz\r\n", 0, "q APPEND \"My Box\" {1}\r\nz\r\n"},
    {"MULTIAPPEND", "m APPEND INBOX {3}\r\none (\\Flagged) {3}\r\ntwo\r\n", 1,
     "m APPEND INBOX {3+}\r\none (\\Flagged) {3+}\r\ntwo\r\n"},
    {"empty message", "e APPEND INBOX {0}\r\n\r\n", 0, "e APPEND INBOX {0}\r\n\r\n"},
};

/* Runs in through a parser, writing what a streaming proxy writes. */
static size_t stream(const char *in, size_t chunk, int nonsync, char *out, size_t cap)
{
    struct ig_limits lim;
    ig_limits_default(&lim);
    size_t msz = ig_parser_memsize(&lim), len = 0, n = strlen(in), pos = 0;
    void *mem = malloc(msz);
    struct ig_parser p;
    if (mem == NULL || ig_parser_init(&p, &lim, mem, msz) != IG_OK)
        return 0;
    while (pos < n) {
        size_t k = n - pos < chunk ? n - pos : chunk, used = 0;
        enum ig_status st = ig_parser_feed(&p, in + pos, k, &used);
        pos += used;
        if (st == IG_NEED_LITERAL) {
            const struct ig_literal *lit = ig_parser_literal(&p);
            size_t h = ig_append_emit_head(lit, nonsync, out + len, cap - len);
            if (h == (size_t)-1 || h > cap - len)
                break;
            len += h;
            ig_parser_literal_accept(&p);
        } else if (st == IG_LITERAL_DATA) {
            struct ig_span d = ig_parser_data(&p, NULL);
            memcpy(out + len, d.ptr, d.len);
            len += d.len;
        } else if (st == IG_OK) {
            memcpy(out + len, "\r\n", 2);
            len += 2;
        } else if (st < 0) {
            break;
        }
    }
    out[len] = 0;
    free(mem);
    return len;
}

int main(void)
{
    char out[1024], what[160];
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct acase *c = &cases[i];
        stream(c->in, 1u << 20, c->nonsync, out, sizeof(out) - 1);
        snprintf(what, sizeof(what), "%s: whole", c->name);
        is_str(out, c->want, what);
        stream(c->in, 1, c->nonsync, out, sizeof(out) - 1);
        snprintf(what, sizeof(what), "%s: byte by byte", c->name);
        is_str(out, c->want, what);
    }

    /* Too small a buffer: the length needed, as ig_command_emit() does. */
    struct ig_limits lim;
    ig_limits_default(&lim);
    size_t msz = ig_parser_memsize(&lim), used = 0;
    void *mem = malloc(msz);
    struct ig_parser p;
    ig_parser_init(&p, &lim, mem, msz);
    const char *a = "a1 APPEND INBOX {5}\r\n";
    ok(ig_parser_feed(&p, a, strlen(a), &used) == IG_NEED_LITERAL, "APPEND announces its literal");
    char small[4];
    ok(ig_append_emit_head(ig_parser_literal(&p), 0, small, sizeof(small)) ==
           strlen("a1 APPEND INBOX {5}\r\n"),
       "a short buffer: the length needed is returned");
    ok(ig_append_emit_head(ig_parser_literal(&p), 0, NULL, 0) == strlen("a1 APPEND INBOX {5}\r\n"),
       "no buffer: the length needed is returned");
    ig_parser_reset(&p);
    const char *l = "b LOGIN {4}\r\n";
    ok(ig_parser_feed(&p, l, strlen(l), &used) == IG_NEED_LITERAL, "LOGIN announces a string literal");
    ok(ig_append_emit_head(ig_parser_literal(&p), 0, out, sizeof(out)) == (size_t)-1,
       "a literal that is not an APPEND message: refused");
    ok(ig_append_emit_head(NULL, 0, out, sizeof(out)) == (size_t)-1, "NULL: refused");
    free(mem);
    return done();
}
