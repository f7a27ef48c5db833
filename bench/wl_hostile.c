/*
 * wl_hostile.c - input that is valid but as heavy as the default limits allow: UID sets
 * of 20-50 KB (under max_line 65536 and max_set_ranges 8192), search keys nested 28-31
 * levels deep (max_depth is 32), and quoted strings of 2-16 KB where every few bytes
 * are an escaped '"' or '\' (RFC 3501 §4.3 quoted-specials).
 */
#include "gen.h"
#include "workload.h"

#define ROOM 60000u
#define MAX_ELEMS 8000u
#define DEPTH_MIN 28u
#define DEPTH_SPAN 4u /* 28..31: one below the limit at most */

static void huge_set(struct gen *g)
{
    gen_uid_set(g, 1 + gen_below(g, 1000), 20000 + gen_below(g, 30000), MAX_ELEMS);
}

static void fetch_or_store(struct gen *g)
{
    if (!gen_begin(g, ROOM))
        return;
    unsigned r = gen_below(g, 3);
    gen_put(g, r == 0 ? "UID FETCH " : r == 1 ? "UID STORE " : "UID COPY ");
    huge_set(g);
    gen_put(g, r == 0 ? " (UID FLAGS)\r\n" : r == 1 ? " +FLAGS.SILENT (\\Deleted)\r\n"
                                                    : " \"Archive/2026\"\r\n");
}

/* Search keys nested DEPTH_MIN.. levels: each level is a parenthesised list, a NOT or
 * an OR whose second operand is the rest (RFC 3501 §6.4.4 search-key). */
static void deep_search(struct gen *g)
{
    static const char *const leaves[] = {"SEEN", "FROM \"alice\"", "SUBJECT \"re: q3\"",
                                         "LARGER 4096", "UID 1:500"};
    if (!gen_begin(g, ROOM))
        return;
    gen_put(g, "UID SEARCH ");
    unsigned depth = DEPTH_MIN + gen_below(g, DEPTH_SPAN), parens = 0;
    char close[64];
    for (unsigned i = 0; i < depth; i++) {
        switch (gen_below(g, 3)) {
        case 0: gen_put(g, "("); close[parens++] = ')'; break;
        case 1: gen_put(g, "NOT "); break;
        default: gen_putf(g, "OR %s ", GEN_PICK(g, leaves)); break;
        }
    }
    gen_put(g, GEN_PICK(g, leaves));
    while (parens > 0)
        gen_putn(g, &close[--parens], 1);
    gen_put(g, " UNDELETED\r\n");
}

/* A quoted string of 2-16 KB: words, with '"' or '\' (each sent escaped) every few. */
static void long_quoted(struct gen *g)
{
    static const char *const words[] = {"quote", "back\\slash", "say \"hi\"", "plain",
                                        "\\\\server\\share", "x"};
    char text[16384 + 64];
    size_t n = 0, want = 2048 + gen_below(g, 14000);
    while (n < want) {
        const char *w = GEN_PICK(g, words);
        while (*w && n < sizeof(text) - 2)
            text[n++] = *w++;
        text[n++] = ' ';
    }
    text[n] = '\0';
    if (!gen_begin(g, ROOM))
        return;
    gen_put(g, gen_chance(g, 50) ? "UID SEARCH CHARSET UTF-8 SUBJECT " : "UID SEARCH TEXT ");
    gen_quoted(g, text);
    gen_put(g, "\r\n");
}

void wl_hostile_session(struct gen *g)
{
    g->tag = 0;
    if (gen_begin(g, ROOM))
        gen_put(g, "LOGIN heavy \"p\\\\a\\\"ss\"\r\n");
    if (gen_begin(g, ROOM))
        gen_put(g, "SELECT INBOX\r\n");
    for (unsigned i = 5 + gen_below(g, 20); i > 0 && !g->full; i--) {
        unsigned r = gen_below(g, 3);
        if (r == 0) fetch_or_store(g);
        else if (r == 1) deep_search(g);
        else long_quoted(g);
    }
    if (gen_begin(g, ROOM))
        gen_put(g, "LOGOUT\r\n");
}
