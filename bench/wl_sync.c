/*
 * wl_sync.c - one connection of a synchronising client (an offline sync engine or a
 * desktop client's full resync): QRESYNC or CONDSTORE (RFC 7162), long UID sets, FETCH
 * with many items, flag changes and expunges by UID set, mailbox names in every form
 * (atom, quoted with escapes, modified UTF-7, LITERAL+ literal).
 */
#include "gen.h"
#include "workload.h"

#define ROOM 20000u         /* one command at most (a 12 KB UID set and slack) */
#define MAX_ELEMS 6000u     /* below imapguard's max_set_ranges (8192) */

static const char *const items[] = {
    "(UID FLAGS MODSEQ)",
    "(UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE MODSEQ)",
    "(UID FLAGS INTERNALDATE RFC822.SIZE MODSEQ BODY.PEEK[HEADER.FIELDS (DATE FROM TO CC "
    "SUBJECT MESSAGE-ID IN-REPLY-TO REFERENCES LIST-ID CONTENT-TYPE X-PRIORITY)])",
    "(UID RFC822.SIZE FLAGS INTERNALDATE BODYSTRUCTURE ENVELOPE MODSEQ BODY.PEEK[HEADER] "
    "BODY.PEEK[1]<0.2048> BODY.PEEK[1.MIME])",
    "(UID FLAGS RFC822.SIZE BODY.PEEK[])"};

/* A mailbox name: atom, quoted (with an escape now and then), modified UTF-7 (RFC 3501
 * §5.1.3) or a LITERAL+ literal (RFC 7888), as sync clients send whatever LIST gave. */
static void mailbox(struct gen *g)
{
    static const char *const atoms[] = {"INBOX", "Archive", "Lists.dev", "Work/2025"};
    static const char *const spaced[] = {"Sent Items", "Projects/Q3 \"Apollo\"",
                                         "Team\\Shared", "[Gmail]/All Mail"};
    static const char *const utf7[] = {"\"Entw&APw-rfe\"", "\"&BB4EQgQ,BEAEMAQyBDsENQQ9BD0ESwQ1-\"",
                                       "\"Ko&AWE-\""};
    switch (gen_below(g, 4)) {
    case 0: gen_put(g, GEN_PICK(g, atoms)); break;
    case 1: gen_quoted(g, GEN_PICK(g, spaced)); break;
    case 2: gen_put(g, GEN_PICK(g, utf7)); break;
    default: gen_literal(g, GEN_PICK(g, spaced), 1); break;
    }
}

static void uid_set(struct gen *g, size_t minlen)
{
    gen_uid_set(g, 1 + gen_below(g, g->uidnext / 4 + 1), minlen, MAX_ELEMS);
}

static void select_box(struct gen *g)
{
    if (!gen_begin(g, ROOM))
        return;
    g->uidnext = 2000 + gen_below(g, 200000);
    g->modseq = 100000 + gen_next(g) % 90000000u;
    gen_put(g, gen_chance(g, 30) ? "EXAMINE " : "SELECT ");
    mailbox(g);
    if (g->qresync) { /* RFC 7162 §3.2.5: known UIDs and sequence match data */
        unsigned uidvalidity = 1600000000u + gen_below(g, 100000000);
        gen_putf(g, " (QRESYNC (%u %lu 1:%u", uidvalidity, g->modseq - gen_below(g, 5000),
                 g->uidnext - 1);
        if (gen_chance(g, 50)) {
            unsigned a = g->uidnext / 3, b = g->uidnext / 2;
            gen_putf(g, " (1,%u,%u %u,%u,%u)", a / 2, a, a, a + 100, b);
        }
        gen_put(g, "))\r\n");
    } else {
        gen_put(g, " (CONDSTORE)\r\n");
    }
}

static void fetch(struct gen *g)
{
    if (!gen_begin(g, ROOM))
        return;
    gen_put(g, "UID FETCH ");
    switch (gen_below(g, 3)) {
    case 0: /* the changes since the last sync */
        gen_putf(g, "1:* (UID FLAGS MODSEQ) (CHANGEDSINCE %lu%s)\r\n",
                 g->modseq - gen_below(g, 3000), g->qresync ? " VANISHED" : "");
        return;
    case 1: uid_set(g, 500 + gen_below(g, 4000)); break;
    default: gen_putf(g, "%u:%u", g->uidnext - 500 - gen_below(g, 500), g->uidnext - 1); break;
    }
    gen_putf(g, " %s\r\n", GEN_PICK(g, items));
}

static void store(struct gen *g)
{
    static const char *const ops[] = {"+FLAGS.SILENT (\\Seen)", "-FLAGS.SILENT (\\Seen)",
                                      "FLAGS.SILENT (\\Seen \\Answered $Forwarded)",
                                      "+FLAGS.SILENT (\\Deleted)", "+FLAGS ($Junk $Label3)"};
    if (!gen_begin(g, ROOM))
        return;
    gen_put(g, "UID STORE ");
    uid_set(g, 100 + gen_below(g, 3000));
    if (gen_chance(g, 60))
        gen_putf(g, " (UNCHANGEDSINCE %lu)", g->modseq);
    gen_putf(g, " %s\r\n", GEN_PICK(g, ops));
}

static void expunge_or_move(struct gen *g)
{
    if (!gen_begin(g, ROOM))
        return;
    unsigned r = gen_below(g, 3);
    gen_put(g, r == 0 ? "UID EXPUNGE " : r == 1 ? "UID MOVE " : "UID COPY ");
    uid_set(g, 50 + gen_below(g, 2000));
    if (r != 0) {
        gen_put(g, " ");
        mailbox(g);
    }
    gen_put(g, "\r\n");
}

static void search(struct gen *g)
{
    if (!gen_begin(g, ROOM))
        return;
    switch (gen_below(g, 3)) {
    case 0: gen_putf(g, "UID SEARCH RETURN (ALL) MODSEQ %lu\r\n", g->modseq - 100); break;
    case 1:
        gen_put(g, "UID SEARCH RETURN (MIN MAX COUNT ALL) UID ");
        uid_set(g, 200 + gen_below(g, 2000));
        gen_put(g, " NOT DELETED\r\n");
        break;
    default: gen_putf(g, "UID SEARCH UID %u:* UNDELETED\r\n", g->uidnext / 2); break;
    }
}

static void status(struct gen *g)
{
    static const char *const atts[] = {"(MESSAGES UIDNEXT UIDVALIDITY HIGHESTMODSEQ)",
                                       "(UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ SIZE)",
                                       "(MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN)"};
    if (!gen_begin(g, ROOM))
        return;
    gen_put(g, "STATUS ");
    mailbox(g);
    gen_putf(g, " %s\r\n", GEN_PICK(g, atts));
}

void wl_sync_session(struct gen *g)
{
    g->tag = 0;
    g->uidnext = 5000;
    g->qresync = gen_chance(g, 70);
    if (gen_begin(g, ROOM))
        gen_put(g, "LOGIN sync-user@example.com \"s3cret pass\"\r\n");
    if (gen_begin(g, ROOM))
        gen_put(g, g->qresync ? "ENABLE QRESYNC\r\n" : "ENABLE CONDSTORE\r\n");
    if (gen_begin(g, ROOM))
        gen_put(g, "LIST (SUBSCRIBED) \"\" \"*\" RETURN (CHILDREN SPECIAL-USE)\r\n");
    for (unsigned box = 2 + gen_below(g, 6); box > 0 && !g->full; box--) {
        status(g);
        select_box(g);
        for (unsigned i = 4 + gen_below(g, 12); i > 0 && !g->full; i--) {
            unsigned r = gen_below(g, 100);
            if (r < 45) fetch(g);
            else if (r < 70) store(g);
            else if (r < 85) expunge_or_move(g);
            else search(g);
        }
    }
    if (gen_begin(g, ROOM))
        gen_put(g, "LOGOUT\r\n");
}
