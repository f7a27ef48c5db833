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
        if (st == IG_LITERAL_DATA) {
            struct ig_span d = ig_parser_data(&c->p, NULL);
            FZ_CHECK(c->in_message, "data outside an accepted message literal");
            c->data += d.len;
            continue;
        }
        if (st == IG_NEED_LITERAL) {
            const struct ig_literal *l = ig_parser_literal(&c->p);
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
        char head[96];
        c.taglen = (size_t)snprintf(c.tag, sizeof(c.tag), "t%u", n);
        int hl = snprintf(head, sizeof(head), "%s %s%s{%u%s}\r\n", c.tag, form, lit8 ? "~" : "",
                          len, nonsync ? "+" : "");
        c.results = c.announced = c.accepted = c.in_message = c.data_error = 0;
        c.data = 0;
        /* After the literal: close the list of the X-LIT form, end the line. */
        const char *tail = (sel & 7) % 6 == 1 ? ")\r\n" : (sel & 7) % 6 == 0 ? " pw\r\n" : "\r\n";

        send(&c, head, (size_t)hl);
        if (!nonsync && !(c.announced && c.accepted)) {
            /* Synchronizing: no continuation (error or rejection), so the client sends
             * nothing more of this command. */
        } else if (nonsync && c.results > 0 && !c.announced) {
            /* The server already answered; a LITERAL+ client still sends its octets,
             * and the parser must skip them. */
            send(&c, octets, len);
            send(&c, tail, strlen(tail));
        } else {
            send(&c, octets, len);
            send(&c, tail, strlen(tail));
        }
        if (c.in_message && c.accepted && !c.data_error)
            FZ_CHECK(c.data == len, "APPEND octets delivered != announced size");
        FZ_CHECK(ig_parser_idle(&c.p), "parser not between lines after a whole command");
        FZ_CHECK(c.results <= 1, "more than one result for one command");
    }
    return 0;
}
