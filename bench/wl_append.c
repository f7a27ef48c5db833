/*
 * wl_append.c - one connection that uploads messages: APPEND (RFC 3501 §6.3.11) with
 * sizes spread evenly over the ten octaves from 1 KiB to 1 MiB, as a synchronizing literal
 * {n} or a LITERAL+ one {n+} (RFC 7888), with flags and an internal date now and then.
 * The message is written straight into the output, so its size is known first.
 */
#include "gen.h"
#include "workload.h"

#include <string.h>

#define MSG_MIN 1024u

static const char *const words[] = {"the", "quarterly", "report", "meeting", "please",
                                    "review", "attached", "budget", "thanks", "for", "your",
                                    "update", "release", "notes", "invoice", "customer"};

/* Exactly n octets of an RFC 5322 message (n >= MSG_MIN): headers, then body lines of
 * about 72 octets, the last one cut to fit and ended by CRLF. */
static void message(struct gen *g, size_t n)
{
    size_t start = g->len;
    gen_putf(g, "Date: Mon, %u Mar 2026 10:%02u:00 +0100\r\n", 1 + gen_below(g, 28),
             gen_below(g, 60));
    gen_putf(g, "From: Alice <alice@example.com>\r\nTo: bob@example.org\r\n"
                "Subject: upload %08x\r\n", (unsigned)gen_next(g));
    gen_put(g, "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n");
    while (g->len - start < n) {
        size_t line = g->len;
        while (g->len - line < 70)
            gen_putf(g, "%s ", GEN_PICK(g, words));
        gen_put(g, "\r\n");
    }
    g->len = start + n; /* cut the last line and end it with CRLF */
    memcpy(g->p + g->len - 2, "\r\n", 2);
    g->octets += n;
}

static void append(struct gen *g)
{
    static const char *const boxes[] = {"Sent", "\"Sent Items\"", "Drafts", "Archive"};
    /* an octave 1 KiB << k (k = 0..9), then a size inside it: 1024 .. 1048575 */
    size_t octave = (size_t)MSG_MIN << gen_below(g, 10);
    size_t n = octave + gen_below(g, (unsigned)octave);
    if (!gen_begin(g, n + 512))
        return;
    gen_putf(g, "APPEND %s", GEN_PICK(g, boxes));
    if (gen_chance(g, 70))
        gen_put(g, gen_chance(g, 50) ? " (\\Seen)" : " (\\Seen \\Draft $Label1)");
    if (gen_chance(g, 50))
        gen_putf(g, " \"%02u-Mar-2026 10:%02u:00 +0100\"", 1 + gen_below(g, 28),
                 gen_below(g, 60));
    gen_putf(g, " {%zu%s}\r\n", n, gen_chance(g, 50) ? "+" : "");
    message(g, n);
    gen_put(g, "\r\n");
}

void wl_append_session(struct gen *g)
{
    g->tag = 0;
    if (gen_begin(g, 512))
        gen_put(g, "LOGIN uploader \"pass word\"\r\n");
    for (unsigned i = 3 + gen_below(g, 10); i > 0 && !g->full; i--)
        append(g);
    if (gen_begin(g, 64))
        gen_put(g, "LOGOUT\r\n");
}
