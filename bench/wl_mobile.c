/*
 * wl_mobile.c - one connection of a phone client: a short login and SELECT, then mostly
 * IDLE ... DONE (RFC 2177) with the small fetches and flag changes that follow a push:
 * new message headers, a preview <0.2048>, a flag or two.
 */
#include "gen.h"
#include "workload.h"

#define ROOM 2048u

static void fetch_new(struct gen *g)
{
    static const char *const items[] = {
        "(UID FLAGS)", "(UID FLAGS RFC822.SIZE INTERNALDATE)",
        "(UID FLAGS RFC822.SIZE BODY.PEEK[HEADER.FIELDS (FROM SUBJECT DATE)])",
        "(UID BODYSTRUCTURE)", "(BODY.PEEK[1]<0.2048>)", "(UID BODY.PEEK[TEXT]<0.1024>)"};
    if (!gen_begin(g, ROOM))
        return;
    unsigned uid = g->uidnext++;
    if (gen_chance(g, 70))
        gen_putf(g, "UID FETCH %u %s\r\n", uid, GEN_PICK(g, items));
    else
        gen_putf(g, "UID FETCH %u:* (UID FLAGS) (CHANGEDSINCE %lu)\r\n", uid - gen_below(g, 20),
                 g->modseq++);
}

static void idle(struct gen *g)
{
    if (!gen_begin(g, ROOM))
        return;
    gen_put(g, "IDLE\r\nDONE\r\n");
    g->dones++;
}

void wl_mobile_session(struct gen *g)
{
    g->tag = 0;
    g->uidnext = 100 + gen_below(g, 50000);
    g->modseq = 1000 + gen_below(g, 1000000);
    if (gen_begin(g, ROOM))
        gen_put(g, gen_chance(g, 50) ? "LOGIN mobile@example.com hunter2hunter2\r\n"
                                     : "AUTHENTICATE PLAIN AG1vYmlsZUBleGFtcGxlLmNvbQBodW50ZXIy\r\n");
    if (gen_chance(g, 50) && gen_begin(g, ROOM))
        gen_put(g, "ENABLE CONDSTORE\r\n");
    if (gen_begin(g, ROOM))
        gen_put(g, "SELECT INBOX (CONDSTORE)\r\n");
    for (unsigned i = 10 + gen_below(g, 40); i > 0 && !g->full; i--) {
        unsigned r = gen_below(g, 100);
        if (r < 45) {
            idle(g);
        } else if (r < 60) {
            if (gen_begin(g, ROOM))
                gen_put(g, "NOOP\r\n");
        } else if (r < 85) {
            fetch_new(g);
        } else if (r < 93) {
            if (gen_begin(g, ROOM))
                gen_putf(g, "UID STORE %u +FLAGS.SILENT (\\Seen)\r\n", g->uidnext - 1);
        } else if (gen_begin(g, ROOM)) {
            gen_put(g, "STATUS INBOX (MESSAGES UNSEEN UIDNEXT)\r\n");
        }
    }
    if (gen_begin(g, ROOM))
        gen_put(g, "LOGOUT\r\n");
}
