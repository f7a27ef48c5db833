/*
 * fuzz_literal.c - literal headers, bodies and resynchronization, through a simulated
 * client that behaves as RFC 9051 §4.3 / RFC 7888 say: after a synchronizing literal it
 * sends the octets only when the server accepted it, and nothing more of the command
 * otherwise; non-synchronizing octets always follow. The input drives a sequence of
 * commands (tag t<k>) whose literal octets are raw fuzz bytes, so they may look like
 * commands ("t9 NOOP\r\n"). Properties: every event while command k is sent carries
 * tag t<k> (literal octets are never parsed as commands); at most one result per
 * command; the parser is between lines after each command; accepted APPEND octets
 * arrive exactly as announced.
 *
 * Issue 10 item 4: some records announce a size that is not the number of octets sent
 * (selector bits 5-7: larger or smaller by a little, or a number near an integer
 * boundary, up to 20 digits, from a table below). The size is written in the input,
 * so it is its own oracle: every announcement (IG_NEED_LITERAL) must carry exactly the
 * number written, and a command with a literal larger than every literal limit must
 * never be accepted (a size that wraps at 32 or 64 bits is both). After such a record
 * the client model no longer holds (the octets that follow are wrong on purpose), so
 * it is the last record of the input.
 */
#include "fz_common.h"

#include <stdio.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct client {
    struct ig_parser p;
    char tag[16];
    size_t taglen;
    int results;        /* OK or error events of the current command */
    int announced;      /* the last event was IG_NEED_LITERAL (and was decided) */
    int accepted;
    uint64_t data;      /* APPEND octets received for the current message */
    int in_message;
    int data_error;
    uint8_t decide;     /* accept (bit 0 set) or reject */
    uint64_t size;      /* the size written in the header of the current command */
    int size_known;     /* the number fits in 64 bits */
    int lying;          /* the size is not the number of octets sent */
    int in_head;        /* the header line the client wrote is being sent */
    int swallowed;      /* the octets and the tail sent after this header are all
                           within the non-synchronizing literal it announced */
    uint64_t line_off;  /* stream offset where the current command's line starts */
    int fatal;          /* the parser returned IG_E_FATAL (the stream is closed) */
    uint64_t limit;     /* the largest literal any limit allows */
};

/* Numbers near every integer boundary a size could be held in (2^31, 2^32, 2^63,
 * 2^64, each +-1), written as text: the last ones do not fit in 64 bits. */
static const char *const boundary[] = {
    "2147483647", "2147483648", "2147483649", "4294967295", "4294967296",
    "4294967297", "4294967298", "9223372036854775807", "9223372036854775808",
    "9223372036854775809", "18446744073709551615", "18446744073709551616",
    "18446744073709551617", "99999999999999999999", "00000000004294967297", "0",
};

static void check_tag(const struct client *c, struct ig_span tag)
{
    FZ_CHECK(tag.len == c->taglen && memcmp(tag.ptr, c->tag, c->taglen) == 0,
             "an event carries another command's tag: literal octets parsed as a command?");
}

static void send(struct client *c, const void *buf, size_t n)
{
    const uint8_t *s = buf;
    size_t off = 0;
    for (;;) {
        size_t used;
        enum ig_status st = ig_parser_feed(&c->p, s + off, n - off, &used);
        off += used;
        if (st == IG_NEED_MORE)
            return;
        if (st == IG_E_FATAL)
            c->fatal = 1;
        /* The client announced a non-synchronizing literal of N octets and has sent
         * no more than N since its header (RFC 7888 §4: the octets follow whatever the
         * server says): those bytes are literal octets, so nothing may come from them
         * as a line of its own: no command, no announcement, no error of a line that
         * starts in them. An error of the command itself (octets refused, such as a
         * NUL in a message) and a stream already closed (the sticky IG_E_FATAL) are
         * fine; the parser's place after them is checked by the caller. */
        if (c->swallowed && st != IG_LITERAL_DATA && st != IG_E_FATAL)
            FZ_CHECK(st < 0 && ig_parser_error(&c->p)->command_offset == c->line_off,
                     "LITERAL: bytes within an announced non-synchronizing literal read as a line");
        if (st == IG_LITERAL_DATA) {
            struct ig_span d = ig_parser_data(&c->p, NULL);
            FZ_CHECK(c->in_message, "data outside an accepted message literal");
            c->data += d.len;
            continue;
        }
        if (st == IG_NEED_LITERAL) {
            const struct ig_literal *l = ig_parser_literal(&c->p);
            /* An announcement while the client's header line is being sent is of the
             * header it wrote: the number read from the input (a wrapped size
             * differs). Later ones come from the octets: after a lie, read as a new
             * command, or as the rest of the line after a literal of 0 octets, which
             * is not announced (regression inputs corpus/regress/literal/2026-12-05-*). */
            if (c->in_head && !c->announced) {
                FZ_CHECK(c->size_known && l->size == c->size,
                         "a literal announced with another size than the one written");
                FZ_CHECK(l->size <= c->limit, "a literal over every limit was announced");
            }
            if (!c->lying)
                check_tag(c, l->tag);
            c->announced = 1;
            c->accepted = c->decide & 1;
            if (c->accepted) {
                ig_parser_literal_accept(&c->p);
                c->in_message = l->message;
                c->data = 0;
            } else {
                ig_parser_literal_reject(&c->p);
                c->results++; /* the caller answers the rejection itself */
            }
            continue;
        }
        c->results++;
        if (st == IG_OK && c->lying && c->results == 1)
            FZ_CHECK(c->size_known && c->size <= c->limit,
                     "a command with a literal over every limit was accepted");
        if (c->lying) {
            /* after a wrong size, bytes of the lie may be read as commands */
            if (st == IG_E_FATAL)
                return;
            continue;
        }
        if (st == IG_OK) {
            check_tag(c, ig_parser_command(&c->p)->tag);
        } else {
            const struct ig_error *e = ig_parser_error(&c->p);
            FZ_CHECK(st != IG_E_USAGE && st != IG_E_FATAL, "unexpected usage or fatal error");
            check_tag(c, e->tag);
            if (c->in_message)
                c->data_error = 1;
        }
        FZ_CHECK(c->results <= 1, "more than one result for one command");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const forms[] = {"LOGIN ", "X-LIT (a ", "APPEND box (\\Seen) ",
                                        "LOGIN a b ", "NOOP ", "APPEND "};
    struct fz_config cfg;
    struct client c;
    size_t k = fz_config_from(data, size, &cfg);
    size_t memsize = ig_parser_memsize(&cfg.lim);
    void *mem = fz_block(FZ_BLOCK_RUN, memsize);

    memset(&c, 0, sizeof(c));
    FZ_CHECK(ig_parser_init(&c.p, &cfg.lim, mem, memsize) == IG_OK, "init");
    ig_parser_set_options(&c.p, cfg.options & IG_OPT_UTF8);
    c.limit = cfg.lim.max_string_literal > cfg.lim.max_append_literal ? cfg.lim.max_string_literal
                                                                      : cfg.lim.max_append_literal;
    for (unsigned n = 0; k + 3 <= size && n < 64; n++) {
        uint8_t sel = data[k], len = data[k + 1] & 63;
        c.decide = data[k + 2];
        k += 3;
        if (len > size - k)
            len = (uint8_t)(size - k);
        const uint8_t *octets = data + k;
        k += len;

        const char *form = forms[(sel & 7) % 6];
        int nonsync = (sel >> 3) & 1, lit8 = (sel >> 4) & 1;
        char head[96], num[24];
        c.taglen = (size_t)snprintf(c.tag, sizeof(c.tag), "t%u", n);
        /* The size written: mostly the truth; else a little more or less, or a number
         * near an integer boundary (or len beyond 2^32, which a 32-bit size wraps to). */
        unsigned how = sel >> 5;
        if (how == 5)
            snprintf(num, sizeof(num), "%u", (unsigned)len + 1u + (c.decide >> 7));
        else if (how == 6 && len > 0)
            snprintf(num, sizeof(num), "%u", (unsigned)len - 1u);
        else if (how == 7 && (c.decide & 2))
            snprintf(num, sizeof(num), "%llu", 4294967296ull + len);
        else if (how == 7)
            snprintf(num, sizeof(num), "%s", boundary[(c.decide >> 2) & 15]);
        else
            snprintf(num, sizeof(num), "%u", len);
        c.size = 0;
        c.size_known = 1;
        for (const char *q = num; *q; q++) {
            uint64_t d = (uint64_t)(*q - '0');
            if (c.size > (UINT64_MAX - d) / 10)
                c.size_known = 0;
            c.size = c.size * 10 + d;
        }
        c.lying = !c.size_known || c.size != len;
        int hl = snprintf(head, sizeof(head), "%s %s%s{%s%s}\r\n", c.tag, form, lit8 ? "~" : "",
                          num, nonsync ? "+" : "");
        c.results = c.announced = c.accepted = c.in_message = c.data_error = 0;
        c.data = 0;
        /* After the literal: close the list of the X-LIT form, end the line. */
        const char *tail = (sel & 7) % 6 == 1 ? ")\r\n" : (sel & 7) % 6 == 0 ? " pw\r\n" : "\r\n";

        c.line_off = ig_parser_offset(&c.p);
        c.in_head = 1;
        send(&c, head, (size_t)hl);
        c.in_head = 0;
        /* The octets of a non-synchronizing literal whose size covers them, and then
         * the tail too when the size covers that as well (a lie larger than the truth). */
        c.swallowed = nonsync && c.size_known && c.size >= len;
        if (!nonsync && !(c.announced && c.accepted)) {
            /* Synchronizing: no continuation (error or rejection), so the client sends
             * nothing more of this command. */
        } else {
            /* Accepted, or non-synchronizing: a LITERAL+ client sends its octets even
             * when the server already answered, and the parser must skip them. */
            send(&c, octets, len);
            if (c.swallowed && !c.fatal)
                FZ_CHECK(!ig_parser_idle(&c.p),
                         "LITERAL: between lines right after the octets of a non-synchronizing literal");
            c.swallowed = c.swallowed && c.size >= (uint64_t)len + strlen(tail);
            send(&c, tail, strlen(tail));
        }
        /* ...and after them the parser is still inside that literal (or skipping
         * it, or the rest of its line): never between lines. The N is the number
         * written in the input (mutant frame-literal-size-wraps-32: a size wrapped to
         * the octets sent took them and the tail as the whole command, and the
         * parser stood between lines 2^32 octets early). */
        if (c.swallowed && !c.fatal)
            FZ_CHECK(!ig_parser_idle(&c.p),
                     "LITERAL: between lines inside the octets of an announced non-synchronizing literal");
        c.swallowed = 0;
        if (c.lying)
            break; /* the client model no longer holds: this is the last record */
        if (c.in_message && c.accepted && !c.data_error)
            FZ_CHECK(c.data == len, "APPEND octets delivered != announced size");
        FZ_CHECK(ig_parser_idle(&c.p), "parser not between lines after a whole command");
        FZ_CHECK(c.results <= 1, "more than one result for one command");
    }
    return 0;
}
