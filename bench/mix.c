/*
 * mix.c - the benchmark's input: a deterministic (splitmix64, fixed seed), realistic
 * client->server IMAP stream. Each session is one connection of a Thunderbird-, iOS
 * Mail- or Outlook-like client: login and discovery, SELECT, an initial sync, then a
 * weighted mix of the commands a client sends while it stays connected.
 */
#include "mix.h"

#include "gen.h"

#include <limits.h>
#include <string.h>

#define UNIT_MAX 40000u /* room one command needs at most (a 20 KB APPEND and slack) */
#define MSG_MAX 24000u  /* largest APPEND message */

static struct gen last;
static unsigned char msgbuf[MSG_MAX];

/* ---- argument shapes ---- */

static const char *const users[] = {"alice@example.com", "bob.smith@example.org",
                                    "carol", "d.jones@mail.example.net",
                                    "eve.martinez@corp.example.com", "frank42"};
static const char *const folders[] = {"Sent",     "Drafts",         "\"Sent Items\"",
                                      "Junk",     "Trash",          "\"Deleted Items\"",
                                      "Archive",  "\"INBOX/Projects/Q3 Planning\"",
                                      "\"Entw&APw-rfe\"", "\"[Gmail]/All Mail\"",
                                      "INBOX.Receipts",   "\"Lists/linux-kernel\""};
static const char *const words[] = {
    "the",     "quarterly", "report",  "meeting", "please", "review", "attached", "budget",
    "thanks",  "for",       "your",    "update",  "we",     "should", "schedule", "call",
    "next",    "week",      "about",   "release", "notes",  "invoice", "customer", "and",
    "project", "timeline",  "is",      "on",      "track",  "let",    "me",       "know"};
static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

static const char *folder(struct gen *g)
{
    return GEN_PICK(g, folders);
}

/* A UID set as clients send it for a selection or a sparse sync: "4,7:9,12,...",
 * increasing UIDs, at least minlen bytes. */
static void long_set(struct gen *g, size_t minlen)
{
    gen_uid_set(g, 1 + gen_below(g, g->uidnext / 2 + 1), minlen, UINT_MAX);
}

/* A UID range near the top of the mailbox, or a single UID. */
static void short_set(struct gen *g)
{
    unsigned hi = g->uidnext - 1, lo = hi - gen_below(g, 40);
    switch (gen_below(g, 4)) {
    case 0: gen_putf(g, "%u", hi - gen_below(g, 200)); break;
    case 1: gen_putf(g, "%u:%u", lo, hi); break;
    case 2: gen_putf(g, "%u:*", lo); break;
    default: gen_putf(g, "%u,%u,%u:%u", lo - 50, lo - 20, lo, lo + gen_below(g, 5)); break;
    }
}

/* "d-Mon-yyyy" (sep '-', "dd" when fixed) or "d Mon yyyy" (RFC 5322), "hh:mm:ss": one
 * draw per statement, as compilers evaluate arguments in different orders. */
static void put_date(struct gen *g, char sep, int fixed)
{
    unsigned day = 1 + gen_below(g, 28);
    const char *mon = GEN_PICK(g, months);
    gen_putf(g, fixed ? "%02u%c%s%c%u" : "%u%c%s%c%u", day, sep, mon, sep, 2023 + gen_below(g, 2));
}

static void put_time(struct gen *g)
{
    unsigned h = gen_below(g, 24), m = gen_below(g, 60);
    gen_putf(g, "%02u:%02u:%02u", h, m, gen_below(g, 60));
}

/* ---- commands ---- */

static void simple(struct gen *g, const char *cmd)
{
    if (gen_begin(g, UNIT_MAX))
        gen_putf(g, "%s\r\n", cmd);
}

static void login(struct gen *g)
{
    static const char *const plain[] = {"S3cretPass", "hunter2hunter2", "Tr0ub4dor&3",
                                        "correct-horse-battery"};
    static const char *const special[] = {"pa ss\"word\\1", "x(y)z {a} 99%"};
    static const char *const utf8[] = {"\xc3\xa4rger-\xc3\xbc\x62\x65r-2024", "pa ss\"word\\1",
                                       "\xd0\xbf\xd0\xb0\xd1\x80\xd0\xbe\xd0\xbb\xd1\x8c!"};
    if (!gen_begin(g, UNIT_MAX))
        return;
    const char *user = GEN_PICK(g, users);
    unsigned form = gen_below(g, 100);
    if (form < 45) { /* plain atoms */
        gen_putf(g, "LOGIN %s %s\r\n", user, GEN_PICK(g, plain));
    } else if (form < 85) { /* quoted, with escapes now and then */
        gen_put(g, "LOGIN ");
        gen_quoted(g, user);
        gen_put(g, " ");
        gen_quoted(g, gen_chance(g, 50) ? GEN_PICK(g, plain) : GEN_PICK(g, special));
        gen_put(g, "\r\n");
    } else { /* the password as a literal (UTF-8, specials), sync or LITERAL+ */
        gen_put(g, "LOGIN ");
        gen_quoted(g, user);
        gen_put(g, " ");
        const char *pw = GEN_PICK(g, utf8);
        gen_literal(g, pw, gen_chance(g, 50));
        gen_put(g, "\r\n");
    }
}

static void id(struct gen *g)
{
    static const char *const ids[] = {
        "(\"name\" \"Thunderbird\" \"version\" \"115.5.2\")",
        ("(\"name\" \"iPhone Mail\" \"version\" \"21B101\" \"os\" \"iOS\" \"os-version\" "
         "\"17.1.2 (21B101)\")"),
        "(\"name\" \"Microsoft Outlook\" \"version\" \"16.0.17126\")"};
    if (gen_begin(g, UNIT_MAX))
        gen_putf(g, "ID %s\r\n", ids[g->client]);
}

static void list(struct gen *g)
{
    if (!gen_begin(g, UNIT_MAX))
        return;
    switch (gen_below(g, 4)) {
    case 0: gen_put(g, "LIST \"\" \"*\"\r\n"); break;
    case 1: gen_put(g, "LIST (SUBSCRIBED) \"\" \"*\" RETURN (CHILDREN SPECIAL-USE)\r\n"); break;
    case 2: gen_put(g, "LIST \"\" \"*\" RETURN (SPECIAL-USE SUBSCRIBED)\r\n"); break;
    default: gen_put(g, "LIST \"\" \"INBOX/%\"\r\n"); break;
    }
}

static void status(struct gen *g, const char *box)
{
    static const char *const items[] = {
        "(MESSAGES UNSEEN)", "(UIDNEXT MESSAGES UNSEEN RECENT)",
        "(MESSAGES UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ)",
        "(UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ)"};
    if (gen_begin(g, UNIT_MAX))
        gen_putf(g, "STATUS %s %s\r\n", box, GEN_PICK(g, items));
}

static void select_box(struct gen *g, const char *box)
{
    if (!gen_begin(g, UNIT_MAX))
        return;
    g->uidnext = 500 + gen_below(g, 60000);
    g->modseq = 10000 + gen_next(g) % 5000000u;
    if (g->qresync && gen_chance(g, 60)) {
        unsigned uidvalidity = 1600000000u + gen_below(g, 100000000);
        gen_putf(g, "SELECT %s (QRESYNC (%u %lu ", box, uidvalidity, g->modseq - gen_below(g, 500));
        long_set(g, 20 + gen_below(g, 60));
        gen_put(g, "))\r\n");
    } else {
        gen_putf(g, "SELECT %s (CONDSTORE)\r\n", box);
    }
}

static void fetch_changed(struct gen *g)
{
    if (gen_begin(g, UNIT_MAX))
        gen_putf(g, "UID FETCH 1:%u (FLAGS) (CHANGEDSINCE %lu)\r\n", g->uidnext - 1,
             g->modseq - gen_below(g, 3000));
}

static void fetch_headers(struct gen *g)
{
    static const char *const items[] = {
        "(UID RFC822.SIZE FLAGS BODY.PEEK[HEADER.FIELDS (From To Cc Bcc Subject Date "
        "Message-ID Priority X-Priority References Newsgroups In-Reply-To Content-Type "
        "Reply-To)])",
        "(UID FLAGS RFC822.SIZE INTERNALDATE BODYSTRUCTURE BODY.PEEK[HEADER.FIELDS (DATE "
        "FROM SUBJECT TO CC MESSAGE-ID REFERENCES CONTENT-TYPE IN-REPLY-TO LIST-ID)] "
        "MODSEQ)",
        "(UID FLAGS ENVELOPE RFC822.SIZE INTERNALDATE BODY.PEEK[HEADER])"};
    if (!gen_begin(g, UNIT_MAX))
        return;
    gen_put(g, "UID FETCH ");
    unsigned shape = gen_below(g, 3);
    if (shape == 0)
        long_set(g, 150 + gen_below(g, 700));
    else if (shape == 1)
        gen_putf(g, "%u:*", g->uidnext - 1 - gen_below(g, 300));
    else
        short_set(g);
    gen_putf(g, " %s\r\n", items[g->client]);
}

static void fetch_body(struct gen *g)
{
    static const char *const parts[] = {"1", "1.1", "1.2", "2", "TEXT", "1.MIME", "2.1"};
    if (!gen_begin(g, UNIT_MAX))
        return;
    unsigned uid = g->uidnext - 1 - gen_below(g, 500);
    switch (gen_below(g, 4)) {
    case 0:
        gen_putf(g, "UID FETCH %u (BODY.PEEK[%s]", uid, GEN_PICK(g, parts));
        gen_putf(g, "<0.%u>)\r\n", gen_chance(g, 50) ? 2048u : 16384u);
        break;
    case 1: gen_putf(g, "UID FETCH %u (UID BODY.PEEK[%s])\r\n", uid, GEN_PICK(g, parts)); break;
    case 2: gen_putf(g, "UID FETCH %u (UID RFC822.SIZE BODY.PEEK[])\r\n", uid); break;
    default:
        gen_putf(g, "UID FETCH %u (BODYSTRUCTURE BODY.PEEK[HEADER] BODY.PEEK[1]<0.4096>)\r\n",
             uid);
        break;
    }
}

static void search(struct gen *g)
{
    static const char *const who[] = {"alice", "bob@example.org", "Carol Smith",
                                      "noreply@github.com"};
    static const char *const what[] = {"re: q3", "invoice", "Meeting notes (draft)",
                                       "[PATCH v2] fix \"quotes\""};
    if (!gen_begin(g, UNIT_MAX))
        return;
    gen_put(g, "UID SEARCH ");
    switch (gen_below(g, 5)) {
    case 0:
        gen_put(g, "(OR (FROM ");
        gen_quoted(g, GEN_PICK(g, who));
        gen_put(g, ") (SUBJECT ");
        gen_quoted(g, GEN_PICK(g, what));
        gen_put(g, ")) SINCE ");
        put_date(g, '-', 0);
        gen_put(g, " NOT DELETED\r\n");
        break;
    case 1: gen_putf(g, "UID %u:* NOT SEEN\r\n", g->uidnext - gen_below(g, g->uidnext / 2)); break;
    case 2: gen_put(g, "UNSEEN UNDELETED\r\n"); break;
    case 3:
        gen_put(g, "CHARSET UTF-8 OR SUBJECT ");
        gen_quoted(g, GEN_PICK(g, what));
        gen_put(g, " BODY ");
        if (gen_chance(g, 30))
            gen_literal(g, "\xc3\xa4nderung", 0);
        else
            gen_quoted(g, GEN_PICK(g, words));
        gen_put(g, "\r\n");
        break;
    default:
        gen_put(g, "RETURN (MIN MAX COUNT) UID ");
        long_set(g, 40 + gen_below(g, 200));
        gen_put(g, " FLAGGED\r\n");
        break;
    }
}

static void store(struct gen *g)
{
    static const char *const ops[] = {"+FLAGS.SILENT (\\Seen)", "-FLAGS.SILENT (\\Seen)",
                                      "+FLAGS (\\Deleted)", "+FLAGS.SILENT (\\Flagged)",
                                      "+FLAGS ($Junk)", "-FLAGS.SILENT ($Junk)",
                                      "+FLAGS.SILENT (\\Answered $Forwarded)"};
    if (!gen_begin(g, UNIT_MAX))
        return;
    gen_put(g, "UID STORE ");
    unsigned shape = gen_below(g, 10);
    if (shape < 2)
        long_set(g, 60 + gen_below(g, 300));
    else
        short_set(g);
    if (shape == 9)
        gen_putf(g, " (UNCHANGEDSINCE %lu)", g->modseq);
    gen_putf(g, " %s\r\n", GEN_PICK(g, ops));
}

/* An RFC 5322 message of about `target` bytes into msgbuf; returns its length. */
static size_t message(struct gen *g, size_t target)
{
    static const char *const wdays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char *const agents[] = {"Mozilla Thunderbird", "iPhone Mail (21B101)",
                                         "Microsoft Outlook 16.0"};
    unsigned char *out = g->p;
    size_t outlen = g->len, outcap = g->cap;
    g->p = msgbuf, g->len = 0, g->cap = sizeof(msgbuf);

    gen_putf(g, "Date: %s, ", GEN_PICK(g, wdays));
    put_date(g, ' ', 0);
    gen_put(g, " ");
    put_time(g);
    gen_putf(g, " +0100\r\nFrom: Alice Example <%s>\r\n", GEN_PICK(g, users));
    gen_putf(g, "To: %s\r\nCc: team@example.com\r\n", GEN_PICK(g, users));
    gen_putf(g, "Subject: Re: %s", GEN_PICK(g, words));
    gen_putf(g, " %s", GEN_PICK(g, words));
    gen_putf(g, " %s\r\n", GEN_PICK(g, words));
    gen_putf(g, "Message-ID: <%08x.", (unsigned)gen_next(g));
    gen_putf(g, "%04x@mail.example.com>\r\n", gen_below(g, 65536));
    gen_putf(g, "In-Reply-To: <%08x@example.org>\r\n", (unsigned)gen_next(g));
    gen_putf(g, "References: <%08x@example.org>\r\n", (unsigned)gen_next(g));
    gen_putf(g, "MIME-Version: 1.0\r\nUser-Agent: %s\r\n", agents[g->client]);
    gen_put(g, "Content-Type: text/plain; charset=UTF-8; format=flowed\r\n"
           "Content-Transfer-Encoding: 7bit\r\n\r\n");
    if (target > MSG_MAX - 200)
        target = MSG_MAX - 200;
    while (g->len < target) { /* lines of about 72 bytes, quoted now and then */
        size_t line = g->len;
        if (gen_chance(g, 15))
            gen_put(g, "> ");
        while (g->len - line < 64) {
            gen_put(g, GEN_PICK(g, words));
            gen_put(g, " ");
        }
        g->len--;
        gen_put(g, gen_chance(g, 20) ? ".\r\n" : ",\r\n");
    }
    size_t n = g->len;
    g->p = out, g->len = outlen, g->cap = outcap;
    return n;
}

static void append(struct gen *g)
{
    static const char *const boxes[] = {"Sent", "\"Sent Items\"", "Drafts",
                                        "\"Sent Messages\""};
    if (!gen_begin(g, UNIT_MAX))
        return;
    unsigned r = gen_below(g, 100);
    size_t target = r < 60 ? 1000 + gen_below(g, 3000) : r < 90 ? 4000 + gen_below(g, 8000)
                                                            : 12000 + gen_below(g, 8000);
    size_t n = message(g, target);
    int nonsync = gen_chance(g, 40);
    gen_putf(g, "APPEND %s (\\Seen", GEN_PICK(g, boxes));
    gen_put(g, gen_chance(g, 20) ? " \\Draft)" : ")");
    if (gen_chance(g, 50)) { /* an internal date, as Outlook sends for Sent Items */
        gen_put(g, " \"");
        put_date(g, '-', 1);
        gen_put(g, " ");
        put_time(g);
        gen_put(g, " +0100\"");
    }
    gen_putf(g, " {%zu%s}\r\n", n, nonsync ? "+" : "");
    gen_putn(g, msgbuf, n);
    gen_put(g, "\r\n");
    g->octets += n;
}

static void uid_expunge(struct gen *g)
{
    if (!gen_begin(g, UNIT_MAX))
        return;
    gen_put(g, "UID EXPUNGE ");
    short_set(g);
    gen_put(g, "\r\n");
}

static void idle(struct gen *g)
{
    if (!gen_begin(g, UNIT_MAX))
        return;
    gen_put(g, "IDLE\r\nDONE\r\n");
    g->dones++;
}

/* One connection: discovery, SELECT, initial sync, then what a connected client does.
 *
 * Shares of the 75,338 tagged commands of the default 8 MB stream (measured):
 *   UID FETCH 24.5% (a third each: FLAGS (CHANGEDSINCE n); header fields, 30% of them
 *   with a 150-850 byte UID set; a body part, often partial <0.n>)  IDLE+DONE 16.6%
 *   STATUS 12.6%  NOOP 9.9%  UID STORE 9.0%  UID SEARCH 6.0%  SELECT 5.2% (CONDSTORE or
 *   QRESYNC)  EXPUNGE 2.9%  UID EXPUNGE 1.5%  LOGIN, LIST, LOGOUT 2.2% each (LOGIN:
 *   atoms 45%, quoted 40%, literal 15%)  CLOSE 1.3%  CAPABILITY, ENABLE, NAMESPACE,
 *   ID 3.3%  APPEND 0.8% (1-20 KB messages; {n} 60%, {n+} 40%).
 *   By bytes, APPEND message octets are 40% of the stream, command text the rest.
 */
static void session(struct gen *g)
{
    g->tag = 0;
    g->client = (int)gen_below(g, 3);
    g->qresync = 0;
    g->uidnext = 1000;
    login(g);
    if (gen_chance(g, 50))
        simple(g, "CAPABILITY");
    if (gen_chance(g, 30))
        id(g);
    if (gen_chance(g, 40)) {
        g->qresync = g->client == 1;
        simple(g, g->qresync ? "ENABLE QRESYNC" : "ENABLE CONDSTORE");
    }
    if (gen_chance(g, 30))
        simple(g, "NAMESPACE");
    list(g);
    for (unsigned i = 2 + gen_below(g, 5); i > 0; i--)
        status(g, folder(g));
    select_box(g, "INBOX");
    if (gen_chance(g, 50))
        fetch_changed(g);
    else
        fetch_headers(g);
    for (unsigned i = 10 + gen_below(g, 50); i > 0 && !g->full; i--) {
        unsigned r = gen_below(g, 100);
        if (r < 22) idle(g);
        else if (r < 35) simple(g, "NOOP");
        else if (r < 44) fetch_changed(g);
        else if (r < 53) fetch_headers(g);
        else if (r < 64) fetch_body(g);
        else if (r < 72) search(g);
        else if (r < 84) store(g);
        else if (r < 89) status(g, folder(g));
        else if (r < 93) select_box(g, gen_chance(g, 50) ? "INBOX" : folder(g));
        else if (r < 94) append(g);
        else if (r < 96) uid_expunge(g);
        else simple(g, "EXPUNGE");
    }
    if (gen_chance(g, 60))
        simple(g, "CLOSE");
    simple(g, "LOGOUT");
}

size_t mix_generate(unsigned char *buf, size_t cap)
{
    struct gen g;
    memset(&g, 0, sizeof(g));
    g.rng = 0x1badb002cafef00du;
    g.p = buf;
    g.cap = cap;
    if (buf == NULL || cap < MIX_MIN_CAP) {
        last = g;
        return 0;
    }
    g.cap = cap - 64; /* room for the final LOGOUT */
    while (!g.full)
        session(&g);
    /* The stream stopped inside a session (never inside IDLE ... DONE): log out. */
    g.cap = cap;
    gen_logout(&g);
    last = g;
    return g.len;
}

unsigned long mix_command_count(void)
{
    return last.commands;
}

unsigned long mix_done_count(void)
{
    return last.dones;
}

size_t mix_message_octets(void)
{
    return last.octets;
}
