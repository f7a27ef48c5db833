/*
 * test_model.c - the machinery every command shares: value equality (parser/equal.c),
 * the serializer's choices and refusals (parser/emit.c), enum names (parser/names.c),
 * FETCH item spellings (parser/fetch_name.c), value decoding (parser/values.c), the
 * arena (parser/arena.c) and sequence-set walking (parser/seqset.c).
 *
 * Equality is checked on pairs of commands that differ in exactly one value (or only
 * in spelling), in both orders; emit on the exact bytes, each output parsed back and
 * compared to the command it came from; refusals on (size_t)-1. Commands that no parse
 * can produce (a caller may build any struct ig_command) are built by hand.
 */
#include "harness.h"
#include "internal.h"
#include "session_internal.h"
#include "tap.h"

#include <stdlib.h>

/* An input with its length, so that inputs may hold NUL. */
#define S(x) x, sizeof(x) - 1

/* ---- parsing into one of a few parsers, so that several results live at once ---- */

struct slot {
    struct ig_parser p;
    unsigned char *mem;
};
static struct slot slots[4];

/* Feeds in[0..len) whole to parser k (accepting every literal) until the first event
 * that is not a literal or APPEND data; returns it (IG_NEED_MORE: the input ended). */
static enum ig_status feed_slot(int k, const struct ig_limits *lim, uint32_t opts, int expect,
                                const char *in, size_t len)
{
    struct slot *s = &slots[k];
    size_t need = ig_parser_memsize(lim);
    free(s->mem);
    s->mem = malloc(need);
    if (s->mem == NULL || ig_parser_init(&s->p, lim, s->mem, need) != IG_OK)
        return IG_E_USAGE;
    ig_parser_set_options(&s->p, opts);
    if (expect != IG_EXPECT_COMMAND)
        ig_parser_expect(&s->p, (enum ig_expect)expect);
    size_t pos = 0;
    while (pos < len) {
        size_t used;
        enum ig_status st = ig_parser_feed(&s->p, in + pos, len - pos, &used);
        pos += used;
        if (st == IG_NEED_LITERAL)
            ig_parser_literal_accept(&s->p);
        else if (st != IG_NEED_MORE && st != IG_LITERAL_DATA)
            return st;
    }
    return IG_NEED_MORE;
}

static const struct ig_command *parse_in(int k, uint32_t opts, int expect, const char *in,
                                         size_t len)
{
    if (feed_slot(k, NULL, opts, expect, in, len) != IG_OK)
        return NULL;
    return ig_parser_command(&slots[k].p);
}

static const struct ig_command *parse_cmd(int k, const char *in)
{
    return parse_in(k, 0, IG_EXPECT_COMMAND, in, strlen(in));
}

static struct ig_span sp(const char *s)
{
    struct ig_span v = {(const unsigned char *)s, strlen(s)};
    return v;
}

static struct ig_span spn(const char *s, size_t n)
{
    struct ig_span v = {(const unsigned char *)s, n};
    return v;
}

/* Prints bytes with CR, LF, backslash and non-printables escaped (TAP diagnostics). */
static void show(const char *label, const unsigned char *s, size_t n)
{
    printf("#   %s: ", label);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\r')
            printf("\\r");
        else if (s[i] == '\n')
            printf("\\n");
        else if (s[i] == '\\')
            printf("\\\\");
        else if (s[i] < 0x20 || s[i] >= 0x7f)
            printf("\\x%02x", s[i]);
        else
            putchar(s[i]);
    }
    putchar('\n');
}

/* ==== names.c ==== */

static void test_status_names(void)
{
    static const struct {
        enum ig_status st;
        const char *name;
    } t[] = {
        {IG_OK, "IG_OK"},
        {IG_NEED_MORE, "IG_NEED_MORE"},
        {IG_NEED_LITERAL, "IG_NEED_LITERAL"},
        {IG_LITERAL_DATA, "IG_LITERAL_DATA"},
        {IG_NEED_OUTPUT, "IG_NEED_OUTPUT"},
        {IG_E_SYNTAX, "IG_E_SYNTAX"},
        {IG_E_LIMIT, "IG_E_LIMIT"},
        {IG_E_NOMEM, "IG_E_NOMEM"},
        {IG_E_STATE, "IG_E_STATE"},
        {IG_E_USAGE, "IG_E_USAGE"},
        {IG_E_FATAL, "IG_E_FATAL"},
        {(enum ig_status)5, "IG_STATUS_UNKNOWN"},
        {(enum ig_status)-7, "IG_STATUS_UNKNOWN"},
        {IG_STATUS__COUNT, "IG_STATUS_UNKNOWN"},
    };
    for (size_t i = 0; i < IG__ARRAY_LEN(t); i++) {
        char what[80];
        snprintf(what, sizeof(what), "ig_status_name(%d) is %s", (int)t[i].st, t[i].name);
        is_str(ig_status_name(t[i].st), t[i].name, what);
    }
}

static const char *const cmd_wire[IG_CMD__COUNT] = {
    "OTHER", "CAPABILITY", "NOOP", "LOGOUT", "STARTTLS", "AUTHENTICATE", "LOGIN", "ENABLE",
    "SELECT", "EXAMINE", "CREATE", "DELETE", "RENAME", "SUBSCRIBE", "UNSUBSCRIBE", "LIST",
    "LSUB", "NAMESPACE", "STATUS", "APPEND", "IDLE", "CHECK", "CLOSE", "UNSELECT", "EXPUNGE",
    "SEARCH", "FETCH", "STORE", "COPY", "MOVE", "UID FETCH", "UID STORE", "UID COPY",
    "UID MOVE", "UID SEARCH", "UID EXPUNGE", "ID", "COMPRESS", "GETQUOTA", "GETQUOTAROOT",
    "SETQUOTA", "SETACL", "DELETEACL", "GETACL", "LISTRIGHTS", "MYRIGHTS", "GETMETADATA",
    "SETMETADATA", "SORT", "UID SORT", "THREAD", "UID THREAD", "ESEARCH", "DONE", "SASL",
};

static void test_cmd_names(void)
{
    int bad = 0;
    for (int c = 0; c < IG_CMD__COUNT; c++) {
        if (strcmp(ig_cmd_name((enum ig_cmd)c), cmd_wire[c]) != 0) {
            printf("# ig_cmd_name(%d) = %s, want %s\n", c, ig_cmd_name((enum ig_cmd)c), cmd_wire[c]);
            bad++;
        }
    }
    ok(bad == 0, "ig_cmd_name: the upper-case wire name of every command");
    is_str(ig_cmd_name(IG_CMD__COUNT), "OTHER", "ig_cmd_name: IG_CMD__COUNT is OTHER");
    is_str(ig_cmd_name((enum ig_cmd)-1), "OTHER", "ig_cmd_name: a negative value is OTHER");
    is_str(ig_cmd_name((enum ig_cmd)1000), "OTHER", "ig_cmd_name: a large value is OTHER");

    /* The parser reads every name back as its command (the serializer writes the
     * command word with ig_cmd_name, so a name it cannot read would break re-parsing).
     * A command without its arguments fails, but the error still names the command. */
    bad = 0;
    for (int c = 1; c < IG_CMD_DONE; c++) {
        char line[64];
        int n = snprintf(line, sizeof(line), "t %s\r\n", cmd_wire[c]);
        enum ig_status st = feed_slot(0, NULL, 0, IG_EXPECT_COMMAND, line, (size_t)n);
        int got = st == IG_OK ? (int)ig_parser_command(&slots[0].p)->cmd
                              : (int)ig_parser_error(&slots[0].p)->cmd;
        if (got != c) {
            printf("# \"%s\" parsed as command %d\n", cmd_wire[c], got);
            bad++;
        }
    }
    ok(bad == 0, "every command name parses back as that command");

    /* The tables beside the names: the extension bit of a command word, the family. */
    const struct ig_command *c = parse_cmd(0, "a uid move 1 x\r\n");
    ok(c && c->cmd == IG_CMD_UID_MOVE && c->ext == IG_EXT_MOVE,
       "UID MOVE: the command word alone sets IG_EXT_MOVE");
    c = parse_cmd(0, "a CHECK\r\n");
    ok(c && c->cmd == IG_CMD_CHECK && c->ext == IG_EXT_REV1, "CHECK: the word is rev1 only");
    c = parse_cmd(0, "a COPY 1 x\r\n");
    ok(c && c->cmd == IG_CMD_COPY && c->ext == 0, "COPY: base protocol, no extension bit");
}

/* ==== equal.c: pairs that differ in one value, or only in spelling ==== */

struct pair {
    const char *a, *b;
    int eq;
    const char *what;
    uint32_t opts;
    int expect;
};

#define DT(s) "\"" s "\""
#define APPEND_BASE "a APPEND x (\\Seen) " DT("01-Jan-2020 10:00:00 +0000") " {1+}\r\nA\r\n"
#define APPEND_DATE(d) "a APPEND x (\\Seen) " DT(d) " {1+}\r\nA\r\n"
#define APPEND_FLAGS(f) "a APPEND x " f " {1+}\r\nA\r\n"

static const struct pair pairs[] = {
    /* the command header */
    {"a NOOP\r\n", "b NOOP\r\n", 0, "tag differs", 0, 0},
    {"a NOOP\r\n", "ab NOOP\r\n", 0, "tag of another length", 0, 0},
    {"a NOOP\r\n", "A NOOP\r\n", 0, "tag case counts", 0, 0},
    {"a NOOP\r\n", "a CHECK\r\n", 0, "command differs", 0, 0},
    {"a NOOP\r\n", "a noop\r\n", 1, "command word case does not count", 0, 0},
    {"a CAPABILITY\r\n", "a capability\r\n", 1, "CAPABILITY: no arguments to compare", 0, 0},
    {"a XFOO\r\n", "a xfoo\r\n", 1, "unknown command word: case does not count", 0, 0},
    {"a XFOO\r\n", "a XBAR\r\n", 0, "unknown command word differs", 0, 0},
    {"a XFOO\r\n", "a XFOOX\r\n", 0, "unknown command word of another length", 0, 0},
    /* generic arguments (IG_CMD_OTHER) */
    {"a XFOO 1\r\n", "a XFOO 1 2\r\n", 0, "generic: argument count", 0, 0},
    {"a XFOO 1\r\n", "a XFOO 2\r\n", 0, "generic: atom value", 0, 0},
    {"a XFOO x\r\n", "a XFOO \"x\"\r\n", 0, "generic: an atom is not a string", 0, 0},
    {"a XFOO \"x\"\r\n", "a XFOO {1+}\r\nx\r\n", 1, "generic: string forms do not count", 0, 0},
    {"a XFOO NIL\r\n", "a XFOO nil\r\n", 1, "generic: NIL in any case", 0, 0},
    {"a XFOO NIL\r\n", "a XFOO \"NIL\"\r\n", 0, "generic: NIL is not the string \"NIL\"", 0, 0},
    {"a XFOO (1)\r\n", "a XFOO (1 2)\r\n", 0, "generic: list length", 0, 0},
    {"a XFOO (1 (2))\r\n", "a XFOO (1 (3))\r\n", 0, "generic: nested list item", 0, 0},
    {"a XFOO (1 (2))\r\n", "a XFOO (1 (\"2\"))\r\n", 0, "generic: nested atom is not a string", 0, 0},
    {"a XFOO (1 (2) NIL)\r\n", "a XFOO (1 (2) nil)\r\n", 1, "generic: nested lists equal", 0, 0},
    /* LOGIN */
    {"a LOGIN u p\r\n", "a LOGIN v p\r\n", 0, "LOGIN: user", 0, 0},
    {"a LOGIN u p\r\n", "a LOGIN u q\r\n", 0, "LOGIN: password", 0, 0},
    {"a LOGIN u p\r\n", "a LOGIN U p\r\n", 0, "LOGIN: user case counts", 0, 0},
    {"a LOGIN u \"\"\r\n", "a LOGIN u {0+}\r\n\r\n", 1, "LOGIN: empty quoted and empty literal", 0, 0},
    {"a LOGIN u \"p\"\r\n", "a LOGIN {1+}\r\nu p\r\n", 1, "LOGIN: string forms do not count", 0, 0},
    /* AUTHENTICATE */
    {"a AUTHENTICATE PLAIN\r\n", "a authenticate plain\r\n", 1, "AUTHENTICATE: mechanism case", 0, 0},
    {"a AUTHENTICATE PLAIN\r\n", "a AUTHENTICATE LOGIN\r\n", 0, "AUTHENTICATE: mechanism", 0, 0},
    {"a AUTHENTICATE PLAIN\r\n", "a AUTHENTICATE PLAIN =\r\n", 0,
     "AUTHENTICATE: no initial response is not an empty one", 0, 0},
    {"a AUTHENTICATE PLAIN =\r\n", "a AUTHENTICATE PLAIN AA==\r\n", 0,
     "AUTHENTICATE: empty response is not one NUL byte", 0, 0},
    {"a AUTHENTICATE PLAIN YQ==\r\n", "a AUTHENTICATE PLAIN Yg==\r\n", 0,
     "AUTHENTICATE: initial response bytes", 0, 0},
    {"a AUTHENTICATE PLAIN YWI=\r\n", "a AUTHENTICATE PLAIN YWI=\r\n", 1,
     "AUTHENTICATE: same initial response", 0, 0},
    /* SASL response lines */
    {"YQ==\r\n", "Yg==\r\n", 0, "SASL: response bytes", 0, IG_EXPECT_SASL},
    {"*\r\n", "YQ==\r\n", 0, "SASL: cancel is not a response", 0, IG_EXPECT_SASL},
    {"*\r\n", "*\r\n", 1, "SASL: cancel equals cancel", 0, IG_EXPECT_SASL},
    {"DONE\r\n", "done\r\n", 1, "DONE in any case", 0, IG_EXPECT_DONE},
    /* APPEND */
    {APPEND_BASE, "a APPEND y (\\Seen) " DT("01-Jan-2020 10:00:00 +0000") " {1+}\r\nA\r\n", 0,
     "APPEND: mailbox", 0, 0},
    {"a APPEND INBOX {1+}\r\nA\r\n", "a APPEND inbox {1+}\r\nA\r\n", 1,
     "APPEND: INBOX in any case", 0, 0},
    {"a APPEND x {1+}\r\nA\r\n", "a APPEND x {1+}\r\nA {1+}\r\nB\r\n", 0,
     "APPEND: one message is not two (MULTIAPPEND)", 0, 0},
    {"a APPEND x {1+}\r\nA {1+}\r\nB\r\n", "a APPEND x {1+}\r\nA {2+}\r\nBC\r\n", 0,
     "APPEND: size of the second message", 0, 0},
    {"a APPEND x {1+}\r\nA\r\n", APPEND_FLAGS("()"), 0, "APPEND: no flag list is not an empty one", 0, 0},
    {APPEND_FLAGS("()"), APPEND_FLAGS("(\\Seen)"), 0, "APPEND: flag count", 0, 0},
    {APPEND_FLAGS("(\\Seen)"), APPEND_FLAGS("(\\Deleted)"), 0, "APPEND: system flag", 0, 0},
    {APPEND_FLAGS("(\\Seen)"), APPEND_FLAGS("(\\seen)"), 1, "APPEND: system flag case", 0, 0},
    {APPEND_FLAGS("($a)"), APPEND_FLAGS("($b)"), 0, "APPEND: keyword", 0, 0},
    {APPEND_FLAGS("($a)"), APPEND_FLAGS("($A)"), 1, "APPEND: keyword case", 0, 0},
    {APPEND_FLAGS("(\\X-a)"), APPEND_FLAGS("(\\x-A)"), 1, "APPEND: extension flag case", 0, 0},
    {APPEND_FLAGS("(\\X-a)"), APPEND_FLAGS("(\\X-b)"), 0, "APPEND: extension flag", 0, 0},
    {APPEND_FLAGS("(\\X-a)"), APPEND_FLAGS("(X-a)"), 0, "APPEND: extension flag is no keyword", 0, 0},
    {APPEND_FLAGS("(\\Seen)"), APPEND_BASE, 0, "APPEND: a date is not no date", 0, 0},
    {APPEND_BASE, APPEND_DATE("02-Jan-2020 10:00:00 +0000"), 0, "APPEND: date day", 0, 0},
    {APPEND_BASE, APPEND_DATE("01-Feb-2020 10:00:00 +0000"), 0, "APPEND: date month", 0, 0},
    {APPEND_BASE, APPEND_DATE("01-Jan-2021 10:00:00 +0000"), 0, "APPEND: date year", 0, 0},
    {APPEND_BASE, APPEND_DATE("01-Jan-2020 11:00:00 +0000"), 0, "APPEND: date hour", 0, 0},
    {APPEND_BASE, APPEND_DATE("01-Jan-2020 10:01:00 +0000"), 0, "APPEND: date minute", 0, 0},
    {APPEND_BASE, APPEND_DATE("01-Jan-2020 10:00:01 +0000"), 0, "APPEND: date second", 0, 0},
    {APPEND_BASE, APPEND_DATE("01-Jan-2020 10:00:00 +0100"), 0, "APPEND: date zone", 0, 0},
    {APPEND_BASE, APPEND_DATE("01-jan-2020 10:00:00 +0000"), 1, "APPEND: month case", 0, 0},
    {"a APPEND x {1+}\r\nA\r\n", "a APPEND x {2+}\r\nAB\r\n", 0, "APPEND: message size", 0, 0},
    {"a APPEND x {1+}\r\nA\r\n", "a APPEND x ~{1+}\r\nA\r\n", 0,
     "APPEND: a literal8 message is not a literal", 0, 0},
    {"a APPEND x {1}\r\nA\r\n", "a APPEND x {1+}\r\nA\r\n", 1,
     "APPEND: synchronizing or not does not count", 0, 0},
    /* COPY, MOVE and their UID forms: a sequence set and a mailbox */
    {"a COPY 1 x\r\n", "a COPY 2 x\r\n", 0, "COPY: set element", 0, 0},
    {"a COPY 1:2 x\r\n", "a COPY 1:3 x\r\n", 0, "COPY: range end", 0, 0},
    {"a COPY 1:2 x\r\n", "a COPY 2:1 x\r\n", 0, "COPY: ranges compare as written", 0, 0},
    {"a COPY 1 x\r\n", "a COPY 1,2 x\r\n", 0, "COPY: element count", 0, 0},
    {"a COPY $ x\r\n", "a COPY 1 x\r\n", 0, "COPY: $ is not a number", 0, 0},
    {"a COPY 1,$ x\r\n", "a COPY 1,2 x\r\n", 0, "COPY: a trailing $ counts", 0, 0},
    {"a COPY 1:* x\r\n", "a COPY 1:4294967295 x\r\n", 0, "COPY: * is not the largest number", 0, 0},
    {"a COPY 1 x\r\n", "a COPY 1 y\r\n", 0, "COPY: mailbox", 0, 0},
    {"a COPY 1 x\r\n", "a COPY 1 INBOX\r\n", 0, "COPY: a name is not INBOX", 0, 0},
    {"a COPY 1 Inbox\r\n", "a COPY 1 \"INBOX\"\r\n", 1, "COPY: INBOX in any case and form", 0, 0},
    {"a MOVE 1:3 x\r\n", "a move 1:3 \"x\"\r\n", 1, "MOVE: same set and mailbox", 0, 0},
    {"a MOVE 1:3 x\r\n", "a MOVE 1:4 x\r\n", 0, "MOVE: set", 0, 0},
    {"a MOVE 1 x\r\n", "a COPY 1 x\r\n", 0, "MOVE is not COPY", 0, 0},
    {"a UID COPY 5 x\r\n", "a UID COPY 5 y\r\n", 0, "UID COPY: mailbox", 0, 0},
    {"a UID COPY 5 x\r\n", "a uid copy 5 x\r\n", 1, "UID COPY: case", 0, 0},
    {"a UID MOVE 5,7 x\r\n", "a UID MOVE 5,8 x\r\n", 0, "UID MOVE: set", 0, 0},
    {"a UID MOVE 5,7 x\r\n", "a UID MOVE 5,7 x\r\n", 1, "UID MOVE: same", 0, 0},
    {"a UID EXPUNGE 1:3\r\n", "a UID EXPUNGE 1:4\r\n", 0, "UID EXPUNGE: set", 0, 0},
    {"a UID EXPUNGE 1:3,9\r\n", "a uid expunge 1:3,9\r\n", 1, "UID EXPUNGE: same set", 0, 0},
    /* commands of one mailbox */
    {"a DELETE x\r\n", "a DELETE y\r\n", 0, "DELETE: mailbox", 0, 0},
    {"a DELETE x\r\n", "a DELETE INBOX\r\n", 0, "DELETE: a name is not INBOX", 0, 0},
    {"a DELETE inbox\r\n", "a DELETE {5+}\r\nINBOX\r\n", 1, "DELETE: INBOX in any case", 0, 0},
    {"a SUBSCRIBE x\r\n", "a SUBSCRIBE X\r\n", 0, "SUBSCRIBE: name case counts", 0, 0},
    {"a SUBSCRIBE x\r\n", "a SUBSCRIBE \"x\"\r\n", 1, "SUBSCRIBE: forms do not count", 0, 0},
    {"a UNSUBSCRIBE x\r\n", "a UNSUBSCRIBE y\r\n", 0, "UNSUBSCRIBE: mailbox", 0, 0},
    {"a UNSUBSCRIBE x\r\n", "a SUBSCRIBE x\r\n", 0, "UNSUBSCRIBE is not SUBSCRIBE", 0, 0},
    {"a GETQUOTAROOT x\r\n", "a GETQUOTAROOT y\r\n", 0, "GETQUOTAROOT: mailbox", 0, 0},
    {"a GETACL INBOX\r\n", "a GETACL inbox\r\n", 1, "GETACL: INBOX in any case", 0, 0},
    {"a MYRIGHTS x\r\n", "a MYRIGHTS y\r\n", 0, "MYRIGHTS: mailbox", 0, 0},
    /* shared value helpers, through the typed commands that use them */
    {"a SELECT x (X-A 1)\r\n", "a SELECT x (X-A 2)\r\n", 0, "params: value", 0, 0},
    {"a SELECT x (X-A 1)\r\n", "a SELECT x (x-a 1)\r\n", 1, "params: label case", 0, 0},
    {"a SELECT x (X-A)\r\n", "a SELECT x (X-A 1)\r\n", 0, "params: a value is not none", 0, 0},
    {"a SELECT x (X-A)\r\n", "a SELECT x (X-B)\r\n", 0, "params: label", 0, 0},
    {"a SELECT x (X-A)\r\n", "a SELECT x (X-A X-B)\r\n", 0, "params: count", 0, 0},
    {"a SELECT x (X-A 1)\r\n", "a SELECT x (X-A (1))\r\n", 0, "params: number is not a list", 0, 0},
    {"a SELECT x (X-A (1 2))\r\n", "a SELECT x (X-A (1))\r\n", 0, "params: list length", 0, 0},
    {"a SELECT x (X-A (1 (b)))\r\n", "a SELECT x (X-A (1 (c)))\r\n", 0, "params: nested value", 0, 0},
    {"a SELECT x (X-A (1 \"b\"))\r\n", "a SELECT x (X-A (1 {1+}\r\nb))\r\n", 1,
     "params: nested string forms", 0, 0},
    {"a LIST \"\" (a b)\r\n", "a LIST \"\" (a)\r\n", 0, "strings: count", 0, 0},
    {"a LIST \"\" (a b)\r\n", "a LIST \"\" (a c)\r\n", 0, "strings: value", 0, 0},
    {"a LIST \"\" (a b)\r\n", "a LIST {0+}\r\n (\"a\" b)\r\n", 1, "strings: forms", 0, 0},
    {"a ENABLE A\r\n", "a ENABLE A B\r\n", 0, "atoms: count", 0, 0},
    {"a ENABLE A B\r\n", "a enable a b\r\n", 1, "atoms: case", 0, 0},
    {"a SEARCH BEFORE 1-Jan-2020\r\n", "a SEARCH BEFORE 1-Jan-2021\r\n", 0, "date: year", 0, 0},
    {"a SEARCH BEFORE 1-Jan-2020\r\n", "a SEARCH BEFORE 1-Feb-2020\r\n", 0, "date: month", 0, 0},
    {"a SEARCH BEFORE 1-Jan-2020\r\n", "a SEARCH BEFORE 2-Jan-2020\r\n", 0, "date: day", 0, 0},
    {"a SEARCH BEFORE 1-Jan-2020\r\n", "a SEARCH BEFORE \"01-JAN-2020\"\r\n", 1,
     "date: quoted, leading zero, month case", 0, 0},
    {"a STORE 1 FLAGS (\\Seen)\r\n", "a STORE 1 FLAGS (\\Seen \\Draft)\r\n", 0, "flags: count", 0, 0},
    {"a STORE 1 FLAGS (\\Seen $x)\r\n", "a STORE 1 FLAGS (\\SEEN $X)\r\n", 1, "flags: case", 0, 0},
};

static const char *seeds; /* --dump-seeds DIR */

static void test_pairs(void)
{
    for (size_t i = 0; i < IG__ARRAY_LEN(pairs); i++) {
        const struct pair *t = &pairs[i];
        if (seeds) {
            char name[200];
            struct run_cfg cfg = {NULL, t->opts, 0, t->expect, 0};
            snprintf(name, sizeof(name), "model equal %s a", t->what);
            dump_seed(seeds, name, &cfg, t->a, strlen(t->a));
            snprintf(name, sizeof(name), "model equal %s b", t->what);
            dump_seed(seeds, name, &cfg, t->b, strlen(t->b));
            continue;
        }
        const struct ig_command *x = parse_in(0, t->opts, t->expect, t->a, strlen(t->a));
        const struct ig_command *y = parse_in(1, t->opts, t->expect, t->b, strlen(t->b));
        char what[200];
        snprintf(what, sizeof(what), "equal: %s", t->what);
        int good = x && y && ig_command_equal(x, y) == t->eq && ig_command_equal(y, x) == t->eq &&
                   ig_command_equal(x, x) && ig_command_equal(y, y);
        ok(good, what);
        if (!good)
            printf("#   parsed: %s / %s\n", x ? "yes" : "no", y ? "yes" : "no");
    }
}

/* Equality on commands a caller built (any struct ig_command may be compared). */
static void test_equal_built(void)
{
    const struct ig_command *c = parse_cmd(0, "a NOOP\r\n");
    ok(ig_command_equal(NULL, NULL) == 1, "equal: NULL and NULL");
    ok(c && ig_command_equal(c, NULL) == 0 && ig_command_equal(NULL, c) == 0,
       "equal: a command is not NULL");

    struct ig_command t = *c;
    t.typed = 0;
    ok(ig_command_equal(c, &t) == 0 && ig_command_equal(&t, c) == 0,
       "equal: typed is not generic");

    /* Two sets that claim the same element count but walk differently. */
    c = parse_cmd(0, "a COPY 1,2 x\r\n");
    struct ig_command u = *c;
    u.u.copy.set.text = sp("1");
    ok(ig_command_equal(c, &u) == 0 && ig_command_equal(&u, c) == 0,
       "equal: sets walk to different lengths");
    u.u.copy.set.text = sp("1,2");
    ok(ig_command_equal(c, &u) == 1, "equal: a set built as text equals the parsed one");

    /* APPEND octets are compared when both sides hold them, else only the size. */
    c = parse_cmd(0, "a APPEND x {3+}\r\nabc\r\n");
    ok(c && c->u.append.n == 1 && c->u.append.msgs[0].data.ptr == NULL,
       "APPEND: the parser does not keep the message octets");
    if (c == NULL || c->u.append.n != 1)
        return;
    struct ig_append_msg m1 = c->u.append.msgs[0], m2 = m1;
    struct ig_command a1 = *c, a2 = *c;
    a1.u.append.msgs = &m1;
    a2.u.append.msgs = &m2;
    m1.data = sp("abc");
    ok(ig_command_equal(&a1, &a2) == 1 && ig_command_equal(&a2, &a1) == 1,
       "equal: APPEND octets held on one side only are not compared");
    m2.data = sp("abd");
    ok(ig_command_equal(&a1, &a2) == 0 && ig_command_equal(&a2, &a1) == 0,
       "equal: APPEND octets differ");
    m2.data = sp("abc");
    ok(ig_command_equal(&a1, &a2) == 1, "equal: APPEND octets the same");
}

/* ==== emit.c ==== */

static unsigned char outbuf[16384];

static struct ig_command mk(enum ig_cmd cmd)
{
    struct ig_command c;
    memset(&c, 0, sizeof(c));
    c.cmd = cmd;
    c.typed = 1;
    c.tag = sp("a");
    return c;
}

/* c is written exactly as want, with nothing past it, and the output parses back to a
 * command equal to c (unless rt is 0: a command the parser refuses in that state). */
static void emit_is_rt(const struct ig_command *c, uint32_t opts, const char *want, size_t wantlen,
                       int rt, const char *what)
{
    memset(outbuf, 'Z', sizeof(outbuf));
    size_t n = ig_command_emit(c, opts, outbuf, sizeof(outbuf));
    int good = n == wantlen && memcmp(outbuf, want, wantlen) == 0 && outbuf[wantlen] == 'Z';
    if (good && rt) {
        int expect = c->cmd == IG_CMD_SASL   ? IG_EXPECT_SASL
                     : c->cmd == IG_CMD_DONE ? IG_EXPECT_DONE
                                             : IG_EXPECT_COMMAND;
        const struct ig_command *back = parse_in(3, opts, expect, (const char *)outbuf, n);
        good = back != NULL && ig_command_equal(back, c) && ig_command_equal(c, back);
        if (!good)
            printf("#   the output did not parse back to an equal command\n");
    }
    ok(good, what);
    if (!good) {
        show("want", (const unsigned char *)want, wantlen);
        if (n != (size_t)-1 && n <= sizeof(outbuf))
            show("got ", outbuf, n);
        else
            printf("#   got: %s\n", n == (size_t)-1 ? "(size_t)-1" : "too long");
    }
}

#define EMIT_IS(c, opts, want, what) emit_is_rt(c, opts, S(want), 1, what)

static void emit_bad(const struct ig_command *c, uint32_t opts, const char *what)
{
    size_t n = ig_command_emit(c, opts, outbuf, sizeof(outbuf));
    ok(n == (size_t)-1, what);
    if (n != (size_t)-1)
        show("got", outbuf, n < sizeof(outbuf) ? n : sizeof(outbuf));
}

static struct ig_command login(struct ig_span user, const char *pw)
{
    struct ig_command c = mk(IG_CMD_LOGIN);
    c.u.login.user.v = user;
    c.u.login.password.v = sp(pw);
    return c;
}

/* astring: atom when every byte is an ASTRING-CHAR, else quoted, else a literal. */
static void test_emit_strings(void)
{
    struct ig_command c = login(sp("bob"), "pw");
    EMIT_IS(&c, 0, "a LOGIN bob pw\r\n", "emit: astrings as atoms");
    c = login(sp("a]b"), "x");
    EMIT_IS(&c, 0, "a LOGIN a]b x\r\n", "emit: ']' is an ASTRING-CHAR");
    c = login(sp("a b"), "(p)");
    EMIT_IS(&c, 0, "a LOGIN \"a b\" \"(p)\"\r\n", "emit: space and parentheses force quoting");
    c = login(sp(""), "");
    EMIT_IS(&c, 0, "a LOGIN \"\" \"\"\r\n", "emit: empty strings are quoted");
    c = login(sp("q\"b\\s"), "{3}");
    EMIT_IS(&c, 0, "a LOGIN \"q\\\"b\\\\s\" \"{3}\"\r\n", "emit: quote and backslash escaped");
    c = login(sp("x\r\ny"), "p");
    EMIT_IS(&c, 0, "a LOGIN {4}\r\nx\r\ny p\r\n", "emit: CR LF force a literal");
    EMIT_IS(&c, IG_OPT_UTF8, "a LOGIN {4}\r\nx\r\ny p\r\n", "emit: CR LF force a literal with UTF-8 too");
    c = login(sp("\x01\x7f"), "p");
    EMIT_IS(&c, 0, "a LOGIN \"\x01\x7f\" p\r\n", "emit: other controls stay quoted");
    c = login(spn("a\0b", 3), "p");
    emit_bad(&c, 0, "emit: NUL in an astring is refused (literal8 is not allowed there)");
    c = login(sp("caf\xc3\xa9"), "p");
    EMIT_IS(&c, 0, "a LOGIN {5}\r\ncaf\xc3\xa9 p\r\n", "emit: 8-bit without IG_OPT_UTF8 is a literal");
    EMIT_IS(&c, IG_OPT_UTF8, "a LOGIN \"caf\xc3\xa9\" p\r\n", "emit: UTF-8 quoted with IG_OPT_UTF8");

    /* With IG_OPT_UTF8 only well-formed UTF-8 (RFC 3629) may be quoted. */
    static const struct {
        const char *s;
        int valid;
        const char *what;
    } u8[] = {
        {"\xc2\x80", 1, "U+0080, the first 2-byte sequence"},
        {"\xdf\xbf", 1, "U+07FF, the last 2-byte sequence"},
        {"\xc1\xbf", 0, "0xC1: an overlong lead byte"},
        {"\x80", 0, "a lone continuation byte"},
        {"\xe0\xa0\x80", 1, "U+0800, E0 needs A0..BF"},
        {"\xe0\x9f\xbf", 0, "E0 9F: overlong 3-byte sequence"},
        {"\xe2\x82\xac", 1, "U+20AC"},
        {"\xed\x9f\xbf", 1, "U+D7FF, ED needs 80..9F"},
        {"\xed\xa0\x80", 0, "ED A0: a UTF-16 surrogate"},
        {"\xef\xbf\xbf", 1, "U+FFFF"},
        {"\xf0\x90\x80\x80", 1, "U+10000, F0 needs 90..BF"},
        {"\xf0\x8f\xbf\xbf", 0, "F0 8F: overlong 4-byte sequence"},
        {"\xf4\x8f\xbf\xbf", 1, "U+10FFFF, F4 needs 80..8F"},
        {"\xf4\x90\x80\x80", 0, "F4 90: above U+10FFFF"},
        {"\xf3\xbf\xbf\xbf", 1, "U+FFFFF"},
        {"\xf5\x80\x80\x80", 0, "0xF5: no such lead byte"},
        {"\xe2\x82", 0, "a 3-byte sequence cut short"},
        {"\xf0\x90\x80", 0, "a 4-byte sequence cut short"},
        {"\xe2\x28\xa1", 0, "a continuation byte below 0x80"},
        {"\xe2\x82\xc0", 0, "a continuation byte above 0xBF"},
        {"\xf0\x90\x80\x7f", 0, "a last continuation byte below 0x80"},
    };
    for (size_t i = 0; i < IG__ARRAY_LEN(u8); i++) {
        char want[64], what[120];
        size_t n = strlen(u8[i].s), wl;
        if (u8[i].valid)
            wl = (size_t)snprintf(want, sizeof(want), "a LOGIN \"x%s\" p\r\n", u8[i].s);
        else
            wl = (size_t)snprintf(want, sizeof(want), "a LOGIN {%zu}\r\nx%s p\r\n", n + 1, u8[i].s);
        char user[16];
        snprintf(user, sizeof(user), "x%s", u8[i].s);
        c = login(sp(user), "p");
        snprintf(what, sizeof(what), "emit UTF-8: %s %s", u8[i].what,
                 u8[i].valid ? "is quoted" : "needs a literal");
        emit_is_rt(&c, IG_OPT_UTF8, want, wl, 1, what);
    }
}

static struct ig_arg atom(const char *s)
{
    struct ig_arg a;
    memset(&a, 0, sizeof(a));
    a.type = IG_ARG_ATOM;
    a.v = sp(s);
    return a;
}

static struct ig_arg string(const char *s, size_t n)
{
    struct ig_arg a;
    memset(&a, 0, sizeof(a));
    a.type = IG_ARG_STRING;
    a.form = IG_FORM_QUOTED;
    a.v = spn(s, n);
    return a;
}

static struct ig_arg list(const struct ig_arg *items, uint32_t n)
{
    struct ig_arg a;
    memset(&a, 0, sizeof(a));
    a.type = IG_ARG_LIST;
    a.n = n;
    a.items = items;
    return a;
}

static struct ig_command other(const char *name, const struct ig_arg *args, uint32_t n)
{
    struct ig_command c = mk(IG_CMD_OTHER);
    c.typed = 0;
    c.name = sp(name);
    c.u.generic.n = n;
    c.u.generic.v = args;
    return c;
}

/* A chain of n nested one-item lists around the atom x. */
static struct ig_arg deep[1100];

static const struct ig_arg *nest(uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        deep[i] = list(&deep[i + 1], 1);
    deep[n] = atom("x");
    return deep;
}

/* Generic arguments (IG_CMD_OTHER) as grammar/lex.re reads them back. */
static void test_emit_generic(void)
{
    struct ig_arg nil_arg;
    memset(&nil_arg, 0, sizeof(nil_arg));
    nil_arg.type = IG_ARG_NIL;
    struct ig_arg inner[2] = {atom("2"), nil_arg};
    struct ig_arg args[6] = {atom("BODY[HEADER.FIELDS (A B)]"), nil_arg, string(S("a\0b")),
                             string(S("x y")), list(inner, 2), atom("\\Seen%*")};
    struct ig_command c = other("XFOO", args, 6);
    EMIT_IS(&c, 0, "a XFOO BODY[HEADER.FIELDS (A B)] NIL ~{3}\r\na\0b \"x y\" (2 NIL) \\Seen%*\r\n",
            "emit generic: section atom, NIL, literal8 for NUL, quoted, list, wildcards");
    c = other("XFOO", NULL, 0);
    EMIT_IS(&c, 0, "a XFOO\r\n", "emit generic: no arguments");
    struct ig_arg empty_list = list(NULL, 0);
    c = other("xfoo", &empty_list, 1);
    EMIT_IS(&c, 0, "a xfoo ()\r\n", "emit generic: empty list, command word as given");

    static const struct {
        const char *atom;
        size_t n;
        const char *what;
    } bad_atoms[] = {
        {S(""), "an empty atom"},
        {S("NIL"), "the atom NIL (it would read back as NIL)"},
        {S("nIl"), "the atom nil in any case"},
        {S("a\0b"), "NUL in an atom"},
        {S("a\rb"), "CR in an atom"},
        {S("a\nb"), "LF in an atom"},
        {S("a\xe9"), "an 8-bit byte in an atom"},
        {S("a b"), "a space outside a section"},
        {S("x[a b"), "a space in a section that never closes"},
        {S("x]a b"), "a space after the section closed"},
        {S("a\"b"), "a quote outside a section"},
    };
    for (size_t i = 0; i < IG__ARRAY_LEN(bad_atoms); i++) {
        char what[120];
        struct ig_arg a = atom("");
        a.v = spn(bad_atoms[i].atom, bad_atoms[i].n);
        c = other("XFOO", &a, 1);
        snprintf(what, sizeof(what), "emit generic refuses %s", bad_atoms[i].what);
        emit_bad(&c, 0, what);
    }
    struct ig_arg ok_atoms[3] = {atom("NILS"), atom("NI"), atom("x[a b]y[(c)]")};
    c = other("XFOO", ok_atoms, 3);
    EMIT_IS(&c, 0, "a XFOO NILS NI x[a b]y[(c)]\r\n",
            "emit generic: atoms that only look like NIL, spaces in closed sections");

    struct ig_arg bad_type = atom("x");
    bad_type.type = IG_ARG__COUNT;
    c = other("XFOO", &bad_type, 1);
    emit_bad(&c, 0, "emit generic refuses an unknown argument type");
    struct ig_arg in_list = list(&bad_type, 1);
    c = other("XFOO", &in_list, 1);
    emit_bad(&c, 0, "emit generic refuses an unknown type inside a list");

    c = other("XFOO", nest(1001), 1);
    emit_bad(&c, 0, "emit generic refuses lists nested over 1000 deep");
    c = other("XFOO", nest(5), 1);
    EMIT_IS(&c, 0, "a XFOO (((((x)))))\r\n", "emit generic: nested lists");

    c = other("", NULL, 0);
    emit_bad(&c, 0, "emit refuses an empty command word");
    c = other("X Y", NULL, 0);
    emit_bad(&c, 0, "emit refuses a command word that is no atom");
    c = other("X(", NULL, 0);
    emit_bad(&c, 0, "emit refuses '(' in a command word");
}

/* The lines that are not commands, the command header, and the buffer contract. */
static void test_emit_lines(void)
{
    struct ig_command c = mk(IG_CMD_DONE);
    c.tag = sp("");
    EMIT_IS(&c, 0, "DONE\r\n", "emit: DONE");

    c = mk(IG_CMD_SASL);
    c.tag = sp("");
    c.u.sasl.cancel = 1;
    EMIT_IS(&c, 0, "*\r\n", "emit SASL: cancel");
    c.u.sasl.cancel = 0;
    c.u.sasl.data = sp("abcd");
    EMIT_IS(&c, 0, "YWJjZA==\r\n", "emit SASL: base64 with two pad characters");
    c.u.sasl.data = sp("abcde");
    EMIT_IS(&c, 0, "YWJjZGU=\r\n", "emit SASL: base64 with one pad character");
    c.u.sasl.data = spn("\0\xff\xfe", 3);
    EMIT_IS(&c, 0, "AP/+\r\n", "emit SASL: NUL and 8-bit bytes, the + and / digits");
    c.u.sasl.data = sp("");
    EMIT_IS(&c, 0, "\r\n", "emit SASL: an empty response is an empty line");

    c = mk(IG_CMD_AUTHENTICATE);
    c.u.authenticate.mechanism = sp("PLAIN");
    EMIT_IS(&c, 0, "a AUTHENTICATE PLAIN\r\n", "emit AUTHENTICATE: no initial response");
    c.u.authenticate.has_initial = 1;
    EMIT_IS(&c, 0, "a AUTHENTICATE PLAIN =\r\n", "emit AUTHENTICATE: empty initial response is =");
    c.u.authenticate.initial = spn("\0bob\0pw", 7);
    EMIT_IS(&c, 0, "a AUTHENTICATE PLAIN AGJvYgBwdw==\r\n", "emit AUTHENTICATE: initial response");
    c.u.authenticate.mechanism = sp("");
    emit_bad(&c, 0, "emit AUTHENTICATE refuses an empty mechanism");
    c.u.authenticate.mechanism = sp("X(");
    emit_bad(&c, 0, "emit AUTHENTICATE refuses a mechanism that is no atom");

    c = mk(IG_CMD_NOOP);
    EMIT_IS(&c, 0, "a NOOP\r\n", "emit: a command without arguments");
    c.tag = sp("A.1-x");
    EMIT_IS(&c, 0, "A.1-x NOOP\r\n", "emit: tag as given");
    ok(ig_command_emit(NULL, 0, outbuf, sizeof(outbuf)) == (size_t)-1, "emit refuses NULL");
    c.tag = sp("");
    emit_bad(&c, 0, "emit refuses an empty tag");
    c.tag = sp("a+b");
    emit_bad(&c, 0, "emit refuses '+' in a tag");
    c.tag = sp("a b");
    emit_bad(&c, 0, "emit refuses a space in a tag");
    c.tag = sp("a");
    c.cmd = IG_CMD__COUNT;
    emit_bad(&c, 0, "emit refuses IG_CMD__COUNT");
    c.cmd = (enum ig_cmd)-1;
    emit_bad(&c, 0, "emit refuses a negative command");

    /* Too small a buffer: the length needed comes back, nothing is written past cap. */
    c = mk(IG_CMD_NOOP);
    ok(ig_command_emit(&c, 0, NULL, 0) == 8, "emit: NULL buffer gives the length needed");
    ok(ig_command_emit(&c, 0, NULL, 100) == 8, "emit: NULL buffer with a capacity too");
    for (size_t cap = 0; cap <= 8; cap++) {
        unsigned char small[16];
        memset(small, 'Z', sizeof(small));
        size_t n = ig_command_emit(&c, 0, small, cap);
        int untouched = 1;
        for (size_t i = cap; i < sizeof(small); i++)
            untouched &= small[i] == 'Z';
        char what[80];
        snprintf(what, sizeof(what), "emit into %zu bytes: returns 8, writes nothing past cap", cap);
        ok(n == 8 && untouched && (cap < 8 || memcmp(small, "a NOOP\r\n", 8) == 0), what);
    }
    c = login(sp("u"), "p");
    c.u.login.user.v = sp("x\r\n");
    unsigned char small[8];
    memset(small, 'Z', sizeof(small));
    size_t n = ig_command_emit(&c, 0, small, 6);
    ok(n == sizeof("a LOGIN {3}\r\nx\r\n p\r\n") - 1 && small[6] == 'Z' && small[7] == 'Z',
       "emit: a literal that does not fit is not written in part");
}

/* COPY / MOVE / UID EXPUNGE / one-mailbox commands, and sequence sets built by hand. */
static void test_emit_core_typed(void)
{
    static const struct {
        const char *in, *want;
    } t[] = {
        {"a copy 1:*,5 inbox\r\n", "a COPY 1:*,5 inbox\r\n"},
        {"a MOVE 4:2 \"a b\"\r\n", "a MOVE 4:2 \"a b\"\r\n"},
        {"a uid copy $ x\r\n", "a UID COPY $ x\r\n"},
        {"a uid move 1,$ {1+}\r\nx\r\n", "a UID MOVE 1,$ x\r\n"},
        {"a UID EXPUNGE *:3,4294967295\r\n", "a UID EXPUNGE *:3,4294967295\r\n"},
        {"a delete \"x\"\r\n", "a DELETE x\r\n"},
        {"a SUBSCRIBE {3+}\r\na b\r\n", "a SUBSCRIBE \"a b\"\r\n"},
        {"a UNSUBSCRIBE \"\"\r\n", "a UNSUBSCRIBE \"\"\r\n"},
        {"a GETQUOTAROOT INBOX\r\n", "a GETQUOTAROOT INBOX\r\n"},
        {"a GETACL \"%\"\r\n", "a GETACL \"%\"\r\n"},
        {"a MYRIGHTS x\r\n", "a MYRIGHTS x\r\n"},
    };
    for (size_t i = 0; i < IG__ARRAY_LEN(t); i++) {
        const struct ig_command *c = parse_cmd(0, t[i].in);
        char what[120];
        snprintf(what, sizeof(what), "emit %s", ig_cmd_name(c ? c->cmd : IG_CMD_OTHER));
        if (c == NULL) {
            ok(0, what);
            continue;
        }
        emit_is_rt(c, 0, t[i].want, strlen(t[i].want), 1, what);
    }

    struct ig_command c = mk(IG_CMD_UID_EXPUNGE);
    c.u.uid_expunge.text = sp("1,2");
    c.u.uid_expunge.nranges = 3;
    emit_bad(&c, 0, "emit refuses a set whose element count is wrong");
    c.u.uid_expunge.text = sp("");
    c.u.uid_expunge.nranges = 0;
    emit_bad(&c, 0, "emit refuses an empty set");
    c.u.uid_expunge.saved = 1;
    EMIT_IS(&c, 0, "a UID EXPUNGE $\r\n", "emit: a set of $ alone, from the flag");
    c.u.uid_expunge.text = sp("7");
    c.u.uid_expunge.nranges = 1;
    EMIT_IS(&c, 0, "a UID EXPUNGE 7,$\r\n", "emit: a set with $ last, from the flag");
    c.u.uid_expunge.saved = 0;
    c.u.uid_expunge.text = sp("x");
    emit_bad(&c, 0, "emit refuses set text that is no set");
    /* Were bugs: ig_seqset_next walked a number above 4294967295, or a range without
     * its end, as "*", so emit wrote "UID EXPUNGE *" (the last message) for a set that
     * no parse accepts, instead of refusing it. */
    c.u.uid_expunge.text = sp("4294967296");
    emit_bad(&c, 0, "emit refuses set number 4294967296 (was written as *)");
    c.u.uid_expunge.text = sp("99999999999");
    c.u.uid_expunge.nranges = 2;
    emit_bad(&c, 0, "emit refuses set number 99999999999 (was written as *,9)");
    c.u.uid_expunge.text = sp("0");
    c.u.uid_expunge.nranges = 1;
    emit_bad(&c, 0, "emit refuses set number 0 (was written as *)");
    c.u.uid_expunge.text = sp("3:");
    emit_bad(&c, 0, "emit refuses a range without its end (was written as 3:*)");
    c.u.uid_expunge.text = sp("3:x");
    emit_bad(&c, 0, "emit refuses a range ending in junk (was written as 3:*)");
    c.u.uid_expunge.text = sp("3,,4");
    c.u.uid_expunge.nranges = 2;
    emit_bad(&c, 0, "emit refuses an empty set element");
    c.u.uid_expunge.text = sp("3x");
    c.u.uid_expunge.nranges = 1;
    emit_bad(&c, 0, "emit refuses junk after the last element (was written without it)");
    c.u.uid_expunge.text = sp("3,x");
    emit_bad(&c, 0, "emit refuses a comma and junk after the last element");
    c.u.uid_expunge.text = sp("3,$");
    emit_bad(&c, 0, "emit refuses $ in the text when saved is not set");
    c.u.uid_expunge.saved = 1;
    EMIT_IS(&c, 0, "a UID EXPUNGE 3,$\r\n", "emit: $ in the text and saved set");
    c.u.uid_expunge.text = sp("3,$x");
    emit_bad(&c, 0, "emit refuses junk after $");
    c.u.uid_expunge.saved = 0;

    c = mk(IG_CMD_COPY);
    c.u.copy.set.text = sp("1");
    c.u.copy.set.nranges = 1;
    c.u.copy.mailbox.v = spn("a\0b", 3);
    emit_bad(&c, 0, "emit refuses NUL in a mailbox name");
}

static struct ig_flag flag(uint8_t kind, const char *name)
{
    struct ig_flag f = {kind, {(const unsigned char *)name, strlen(name)}};
    return f;
}

static void test_emit_append(void)
{
    struct ig_flag fl[8] = {
        flag(IG_FLAG_ANSWERED, "\\answered"), flag(IG_FLAG_FLAGGED, "\\FLAGGED"),
        flag(IG_FLAG_DELETED, "\\Deleted"),   flag(IG_FLAG_SEEN, "\\seen"),
        flag(IG_FLAG_DRAFT, "\\Draft"),       flag(IG_FLAG_EXTENSION, "\\X-Ext"),
        flag(IG_FLAG_KEYWORD, "$Junk"),       flag(IG_FLAG_RECENT, "\\Recent"),
    };
    struct ig_append_msg m[2];
    memset(m, 0, sizeof(m));
    m[0].has_flags = 1;
    m[0].flags.n = 7;
    m[0].flags.v = fl;
    m[0].has_date = 1;
    struct ig_datetime dt = {2024, 2, 29, 23, 59, 58, -90};
    m[0].date = dt;
    m[0].size = 3;
    m[0].data = sp("abc");
    m[1].kind = IG_LIT_SYNC8;
    m[1].size = 3;
    m[1].data = spn("a\0c", 3);
    struct ig_command c = mk(IG_CMD_APPEND);
    c.u.append.mailbox.v = sp("Sent Items");
    c.u.append.n = 1;
    c.u.append.msgs = m;
    EMIT_IS(&c, 0,
            "a APPEND \"Sent Items\" (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\X-Ext $Junk) "
            "\"29-Feb-2024 23:59:58 -0130\" {3}\r\nabc\r\n",
            "emit APPEND: system flags spelled canonically, extension and keyword as sent, "
            "date-time with a negative zone");
    c.u.append.n = 2;
    EMIT_IS(&c, 0,
            "a APPEND \"Sent Items\" (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\X-Ext $Junk) "
            "\"29-Feb-2024 23:59:58 -0130\" {3}\r\nabc ~{3}\r\na\0c\r\n",
            "emit APPEND: MULTIAPPEND, the second message a literal8");
    m[0].flags.n = 8;
    c.u.append.n = 1;
    emit_is_rt(&c, 0,
               S("a APPEND \"Sent Items\" (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\X-Ext "
                 "$Junk \\Recent) \"29-Feb-2024 23:59:58 -0130\" {3}\r\nabc\r\n"),
               0, "emit APPEND: \\Recent is written as it is (the parser may refuse it)");
    m[0].flags.n = 0;
    m[0].date.zone = 0;
    m[0].date.month = 12;
    m[0].date.day = 1;
    m[0].date.year = 999;
    m[0].date.hour = 0;
    EMIT_IS(&c, 0, "a APPEND \"Sent Items\" () \"01-Dec-0999 00:59:58 +0000\" {3}\r\nabc\r\n",
            "emit APPEND: empty flag list, padded date-time");

    struct ig_command bad = c;
    bad.u.append.n = 0;
    emit_bad(&bad, 0, "emit APPEND refuses no message");
    m[0].date.month = 13;
    emit_bad(&c, 0, "emit APPEND refuses month 13");
    m[0].date.month = 0;
    emit_bad(&c, 0, "emit APPEND refuses month 0");
    m[0].date.month = 1;
    m[0].data = sp("ab");
    emit_bad(&c, 0, "emit APPEND refuses octets that do not match the size");
    m[0].data.ptr = NULL;
    m[0].data.len = 3;
    /* Was a bug: the size was flagged, then size octets were copied from NULL. */
    emit_bad(&c, 0, "emit APPEND refuses size octets at NULL (was a read from NULL)");
    m[0].size = 0;
    m[0].data.len = 0;
    m[0].has_date = 0;
    m[0].has_flags = 0;
    EMIT_IS(&c, 0, "a APPEND \"Sent Items\" {0}\r\n\r\n", "emit APPEND: an empty message");
    m[0].data = sp("abc");
    m[0].size = 3;

    static const struct {
        uint8_t kind;
        const char *name;
        const char *what;
    } bad_flags[] = {
        {IG_FLAG_EXTENSION, "X", "an extension flag of one byte"},
        {IG_FLAG_EXTENSION, "XY", "an extension flag without backslash"},
        {IG_FLAG_EXTENSION, "\\", "a lone backslash"},
        {IG_FLAG_EXTENSION, "", "an empty extension flag"},
        {IG_FLAG_EXTENSION, "\\a b", "a space in an extension flag"},
        {IG_FLAG_KEYWORD, "", "an empty keyword"},
        {IG_FLAG_KEYWORD, "a(", "'(' in a keyword"},
        {IG_FLAG__COUNT, "x", "an unknown flag kind"},
    };
    m[0].has_flags = 1;
    m[0].flags.n = 1;
    for (size_t i = 0; i < IG__ARRAY_LEN(bad_flags); i++) {
        struct ig_flag f = flag(bad_flags[i].kind, bad_flags[i].name);
        m[0].flags.v = &f;
        char what[120];
        snprintf(what, sizeof(what), "emit APPEND refuses %s", bad_flags[i].what);
        emit_bad(&c, 0, what);
    }
}

/* Extension values (RFC 4466 tagged-ext-val), through SELECT's other parameters. */
static struct ig_command select_with(struct ig_param *pm)
{
    struct ig_command c = mk(IG_CMD_SELECT);
    c.u.select.mailbox.v = sp("x");
    c.u.select.has_params = 1;
    c.u.select.other.n = 1;
    c.u.select.other.v = pm;
    return c;
}

static void test_emit_ext_values(void)
{
    struct ig_param pm;
    memset(&pm, 0, sizeof(pm));
    pm.name = sp("X-A");
    struct ig_command c = select_with(&pm);
    EMIT_IS(&c, 0, "a SELECT x (X-A)\r\n", "emit ext: a parameter without a value");
    pm.has_value = 1;

    static const struct {
        const char *v;
        int good;
        const char *what;
    } simple[] = {
        {"1", 1, "a number"},
        {"9223372036854775807", 1, "the largest number64"},
        {"9223372036854775808", 0, "a number above number64"},
        {"99999999999999999999", 0, "twenty nines"},
        {"4294967296", 1, "a number that is no nz-number (number64)"},
        {"1:*", 1, "a range to *"},
        {"*", 1, "* alone"},
        {"$", 1, "$ alone"},
        {"1,$", 1, "$ last"},
        {"1:2,4,6:*,$", 1, "a long set"},
        {"4294967295:1", 1, "the largest nz-number in a range"},
        {"4294967296:1", 0, "a range from above nz-number"},
        {"1:4294967296", 0, "a range to above nz-number"},
        {"12345678901:1", 0, "eleven digits in a range"},
        {"123456789012:1", 0, "twelve digits in a range"},
        {"$,1", 0, "$ not last"},
        {"", 0, "an empty value"},
        {"0:1", 0, "0 in a set"},
        {"1:", 0, "a range without its end"},
        {"1,", 0, "a set ending in a comma"},
        {"1;2", 0, "a wrong separator"},
        {"1:2x", 0, "junk after a range"},
        {"a", 0, "a letter"},
        {"1:$", 0, "$ as a range end"},
    };
    for (size_t i = 0; i < IG__ARRAY_LEN(simple); i++) {
        pm.value = atom(simple[i].v);
        char what[120], want[80];
        snprintf(what, sizeof(what), "emit ext: %s %s", simple[i].what,
                 simple[i].good ? "is written" : "is refused");
        if (simple[i].good) {
            int n = snprintf(want, sizeof(want), "a SELECT x (X-A %s)\r\n", simple[i].v);
            emit_is_rt(&c, 0, want, (size_t)n, 1, what);
        } else {
            emit_bad(&c, 0, what);
        }
    }

    struct ig_arg nil_arg;
    memset(&nil_arg, 0, sizeof(nil_arg));
    nil_arg.type = IG_ARG_NIL;
    struct ig_arg items[4] = {atom("a"), string(S("b c")), nil_arg, atom("1")};
    struct ig_arg sub = list(items, 4);
    struct ig_arg outer[2] = {atom("z"), sub};
    pm.value = list(outer, 2);
    EMIT_IS(&c, 0, "a SELECT x (X-A (z (a \"b c\" NIL 1)))\r\n",
            "emit ext: nested list of atom, string, NIL");
    pm.value = list(NULL, 0);
    EMIT_IS(&c, 0, "a SELECT x (X-A ())\r\n", "emit ext: an empty list at the top");

    struct ig_arg empty = list(NULL, 0);
    pm.value = list(&empty, 1);
    emit_bad(&c, 0, "emit ext refuses an empty nested list");
    pm.value = nil_arg;
    emit_bad(&c, 0, "emit ext refuses NIL at the top");
    pm.value = string(S("s"));
    emit_bad(&c, 0, "emit ext refuses a string at the top");
    struct ig_arg one = atom("a b");
    pm.value = list(&one, 1);
    emit_bad(&c, 0, "emit ext refuses a nested atom that is no astring");
    one = atom("nil");
    emit_bad(&c, 0, "emit ext refuses a nested atom NIL (it reads back as NIL)");
    one = atom("");
    emit_bad(&c, 0, "emit ext refuses an empty nested atom");
    one = string(S("a\0b"));
    emit_bad(&c, 0, "emit ext refuses NUL in a nested string");
    one = atom("x");
    one.type = IG_ARG__COUNT;
    emit_bad(&c, 0, "emit ext refuses an unknown nested type");
    pm.value = one;
    emit_bad(&c, 0, "emit ext refuses an unknown type at the top");
    pm.value = *nest(1002);
    emit_bad(&c, 0, "emit ext refuses lists nested over 1000 deep");
    pm.name = sp("");
    pm.has_value = 0;
    emit_bad(&c, 0, "emit ext refuses an empty label");

    /* FETCH writes its unknown modifiers with ig__put_params: SP-separated, after the
     * decoded ones. */
    const struct ig_command *f = parse_cmd(0, "a FETCH 1 FLAGS (CHANGEDSINCE 5 X-A X-B (1 2))\r\n");
    ok(f && f->u.fetch.other.n == 2, "FETCH: two unknown modifiers kept");
    if (f)
        EMIT_IS(f, 0, "a FETCH 1 FLAGS (CHANGEDSINCE 5 X-A X-B (1 2))\r\n",
                "emit FETCH: unknown modifiers after the known one");
    f = parse_cmd(0, "a FETCH 1 FLAGS (X-A 1:* X-B)\r\n");
    if (f)
        EMIT_IS(f, 0, "a FETCH 1 FLAGS (X-A 1:* X-B)\r\n", "emit FETCH: unknown modifiers only");
    ok(f != NULL, "FETCH: unknown modifiers only");
}

/* SEARCH dates, written by ig__put_date. */
static void test_emit_dates(void)
{
    const struct ig_command *p = parse_cmd(0, "a SEARCH SINCE 7-Jul-2021\r\n");
    ok(p && p->u.search.prog.n == 1 && p->u.search.prog.keys[0].kind == IG_SK_SINCE,
       "SEARCH SINCE parsed");
    if (p == NULL || p->u.search.prog.n != 1)
        return;
    struct ig_command c = *p;
    struct ig_search_key k = p->u.search.prog.keys[0];
    c.u.search.prog.keys = &k;
    EMIT_IS(&c, 0, "a SEARCH SINCE 7-Jul-2021\r\n", "emit date: day without padding");
    k.u.date.year = 987;
    k.u.date.month = 12;
    k.u.date.day = 31;
    EMIT_IS(&c, 0, "a SEARCH SINCE 31-Dec-0987\r\n", "emit date: four-digit year");
    k.u.date.month = 0;
    emit_bad(&c, 0, "emit date refuses month 0");
    k.u.date.month = 13;
    emit_bad(&c, 0, "emit date refuses month 13");
    k.u.date.month = 1;
    k.u.date.day = 0;
    emit_bad(&c, 0, "emit date refuses day 0");
}

/* ==== fetch_name.c ==== */

static const char *fetch_name(const struct ig_fetch_att *a, int response)
{
    static char buf[256];
    struct ig__writer w = {(unsigned char *)buf, sizeof(buf) - 1, 0, 0, 0};
    ig__put_fetch_att_name(&w, a, response);
    if (w.bad)
        return "<bad>";
    if (w.len > w.cap)
        return "<overflow>";
    buf[w.len] = 0;
    return buf;
}

static void test_fetch_names(void)
{
    /* Request and response spellings of parsed items; the request spelling must be
     * the one the serializer writes for the same item. */
    static const char *const resp[] = {
        "BODY[1.2.HEADER.FIELDS (from \"A B\")]<0>",
        "BINARY[1]<5>",
        "BINARY.SIZE[3]",
        "BODY[2.MIME]",
        "BODY[HEADER.FIELDS.NOT (X)]",
        "BODY[]",
        "BODY[TEXT]",
        "BODY[1.HEADER]",
        "BINARY[]",
        "ENVELOPE",
        "FLAGS",
        "INTERNALDATE",
        "RFC822.SIZE",
        "BODY",
        "BODYSTRUCTURE",
        "UID",
        "RFC822",
        "RFC822.HEADER",
        "RFC822.TEXT",
        "MODSEQ",
        "EMAILID",
        "THREADID",
        "BODY[3]<7>",
    };
    const char *line = "a FETCH 1 (body.peek[1.2.header.fields (from \"A B\")]<0.100> "
                       "BINARY.PEEK[1]<5.10> BINARY.SIZE[3] BODY[2.MIME] "
                       "BODY.PEEK[HEADER.FIELDS.NOT (X)] BODY[] BODY[TEXT] BODY[1.HEADER] "
                       "BINARY[] ENVELOPE FLAGS INTERNALDATE RFC822.SIZE BODY BODYSTRUCTURE UID "
                       "RFC822 RFC822.HEADER RFC822.TEXT MODSEQ EMAILID THREADID BODY[3]<7.1>)\r\n";
    const struct ig_command *c = parse_cmd(0, line);
    ok(c && c->u.fetch.n == IG__ARRAY_LEN(resp), "FETCH with every kind of item parsed");
    if (c == NULL || c->u.fetch.n != IG__ARRAY_LEN(resp))
        return;
    char request[2048] = "a FETCH 1 (";
    for (uint32_t i = 0; i < c->u.fetch.n; i++) {
        char what[160];
        snprintf(what, sizeof(what), "fetch name as a response repeats it: %s", resp[i]);
        is_str(fetch_name(&c->u.fetch.atts[i], 1), resp[i], what);
        if (i)
            strcat(request, " ");
        strcat(request, fetch_name(&c->u.fetch.atts[i], 0));
    }
    strcat(request, ")\r\n");
    size_t n = ig_command_emit(c, 0, outbuf, sizeof(outbuf) - 1);
    outbuf[n < sizeof(outbuf) ? n : 0] = 0;
    is_str((const char *)outbuf, request,
           "fetch names as a request spells them are what the serializer writes");
    ok(strstr(request, "BODY.PEEK[1.2.HEADER.FIELDS (from \"A B\")]<0.100>") != NULL,
       "fetch name request form keeps .PEEK and the partial count");

    /* Items no parse produces. */
    struct ig_fetch_att a;
    uint32_t parts[2] = {1, 0};
    struct ig_str field = {{(const unsigned char *)"FROM", 4}, IG_FORM_ATOM, 0};
    memset(&a, 0, sizeof(a));
    a.kind = IG_FETCH_BODY_SECTION;
    a.section.parts = parts;
    a.section.nparts = 2;
    is_str(fetch_name(&a, 1), "<bad>", "fetch name refuses part number 0");
    a.section.nparts = 1;
    a.section.text = IG_SECTION_MIME + 1;
    is_str(fetch_name(&a, 1), "<bad>", "fetch name refuses an unknown section text");
    a.section.text = IG_SECTION_MIME;
    a.section.nparts = 0;
    is_str(fetch_name(&a, 1), "<bad>", "fetch name refuses MIME without a part");
    a.section.text = IG_SECTION_HEADER_FIELDS;
    is_str(fetch_name(&a, 1), "<bad>", "fetch name refuses HEADER.FIELDS without names");
    a.section.fields.n = 1;
    a.section.fields.v = &field;
    is_str(fetch_name(&a, 1), "BODY[HEADER.FIELDS (FROM)]", "fetch name: HEADER.FIELDS built");
    a.kind = IG_FETCH_BINARY;
    is_str(fetch_name(&a, 1), "<bad>", "fetch name refuses a section text for BINARY");
    a.kind = IG_FETCH_BINARY_SIZE;
    a.section.text = IG_SECTION_TEXT;
    is_str(fetch_name(&a, 0), "<bad>", "fetch name refuses a section text for BINARY.SIZE");
    a.section.text = IG_SECTION_NONE;
    a.partial.present = 1;
    a.partial.offset = 3;
    is_str(fetch_name(&a, 0), "BINARY.SIZE[]", "fetch name: BINARY.SIZE never has a partial");
    a.kind = IG_FETCH_BINARY;
    a.peek = 1;
    is_str(fetch_name(&a, 0), "<bad>", "fetch name refuses a request partial of 0 octets");
    is_str(fetch_name(&a, 1), "BINARY[]<3>", "fetch name: a response partial has no count");
    a.kind = IG_FETCH__COUNT;
    is_str(fetch_name(&a, 1), "<bad>", "fetch name refuses an unknown kind");
    a.kind = 200;
    is_str(fetch_name(&a, 0), "<bad>", "fetch name refuses a kind far out of range");
}

/* ==== values.c ==== */

static void test_values(void)
{
    /* The first failure of a pass is the one reported. */
    struct ig__ps ps;
    const unsigned char text[] = "abc";
    memset(&ps, 0, sizeof(ps));
    ok(ig__fail_syntax(&ps, text + 1, "first") == -1 &&
           ig__fail(&ps, IG_E_LIMIT, text + 2, "second") == -1 && ps.code == IG_E_SYNTAX &&
           ps.errpos == text + 1 && strcmp(ps.reason, "first") == 0,
       "ig__fail: the first failure wins");

    static const struct {
        const char *a, *b;
        int sign;
    } cmp[] = {
        {"abc", "ABC", 0}, {"ABC", "abc", 0}, {"a{|}~", "A{|}~", 0}, {"@[`", "@[`", 0},
        {"a", "b", -1},    {"b", "A", 1},     {"Z", "[", -1},       {"z", "{", -1},
        {"`", "a", 1},    {"@", "A", -1},
    };
    int bad = 0;
    for (size_t i = 0; i < IG__ARRAY_LEN(cmp); i++) {
        int r = ig__ascii_casecmp((const unsigned char *)cmp[i].a, cmp[i].b, strlen(cmp[i].b));
        if ((r > 0) - (r < 0) != cmp[i].sign) {
            printf("# casecmp(%s, %s) = %d\n", cmp[i].a, cmp[i].b, r);
            bad++;
        }
    }
    ok(bad == 0, "ig__ascii_casecmp: only ASCII letters fold; order as upper case");

    /* A full arena while decoding values: IG_E_NOMEM with the position of the value. */
    struct ig_limits lim;
    ig_limits_default(&lim);
    lim.arena = 16;
    lim.max_sasl_line = 16;
    const char q[] = "a LOGIN \"0123456789abcdef\\\\\" pw\r\n";
    enum ig_status st = feed_slot(0, &lim, 0, IG_EXPECT_COMMAND, S(q));
    const struct ig_error *e = ig_parser_error(&slots[0].p);
    ok(st == IG_E_NOMEM && e->code == IG_E_NOMEM && e->offset == 8 &&
           strcmp(e->reason, "command too complex (arena full)") == 0,
       "quoted string with an escape that does not fit the arena: NOMEM at the string");
    const char q2[] = "a LOGIN \"0123456789\\\\\" pw\r\n";
    st = feed_slot(0, &lim, 0, IG_EXPECT_COMMAND, S(q2));
    ok(st == IG_OK && ig_parser_command(&slots[0].p)->u.login.user.v.len == 11,
       "quoted string with an escape that fits the arena");
    const char b64[] = "a AUTHENTICATE PLAIN MDEyMzQ1Njc4OWFiY2RlZmdoaWo=\r\n";
    st = feed_slot(0, &lim, 0, IG_EXPECT_COMMAND, S(b64));
    e = ig_parser_error(&slots[0].p);
    ok(st == IG_E_NOMEM && e->offset == 21 && e->cmd == IG_CMD_AUTHENTICATE,
       "initial response that does not fit the arena: NOMEM at the base64");
    const char b64ok[] = "a AUTHENTICATE PLAIN MDEyMzQ1Njc4OWFi\r\n";
    st = feed_slot(0, &lim, 0, IG_EXPECT_COMMAND, S(b64ok));
    ok(st == IG_OK && ig_parser_command(&slots[0].p)->u.authenticate.initial.len == 12,
       "initial response that fits the arena");
}

/* ==== arena.c ==== */

static struct ig_parser arena_p;
static unsigned char *arena_mem;

static void arena_window(size_t lo, size_t hi)
{
    ig__arena_reset(&arena_p, lo, hi);
}

/* Pushes n elements of size bytes, element i filled with byte i + 1, and finishes. */
static const unsigned char *push_n(struct ig__vec *v, size_t size, uint32_t n)
{
    ig__vec_begin(&arena_p, v, size);
    for (uint32_t i = 0; i < n; i++) {
        unsigned char *e = ig__vec_push(&arena_p, v, size);
        if (e == NULL)
            return NULL;
        memset(e, (int)(i + 1), size);
    }
    return ig__vec_finish(&arena_p, v);
}

static int in_order(const unsigned char *r, size_t size, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        for (size_t k = 0; k < size; k++)
            if (r[i * size + k] != (unsigned char)(i + 1))
                return 0;
    return 1;
}

static void test_arena(void)
{
    size_t need = ig_parser_memsize(NULL);
    arena_mem = malloc(need);
    ok(arena_mem && ig_parser_init(&arena_p, NULL, arena_mem, need) == IG_OK, "arena: parser init");
    if (arena_mem == NULL)
        return;
    size_t cap = arena_p._arenacap;
    struct ig__vec v;

    /* Every element size the copy loop has a case for, and some it does not. */
    static const size_t sizes[] = {1, 2, 8, 12, 16, 24, 32, 40, 48, 56, 64, 100, 200};
    for (size_t i = 0; i < IG__ARRAY_LEN(sizes); i++) {
        arena_window(0, cap);
        const unsigned char *r = push_n(&v, sizes[i], 5);
        char what[100];
        snprintf(what, sizeof(what), "arena: 5 elements of %zu bytes come out in push order",
                 sizes[i]);
        ok(r == arena_p._arena && in_order(r, sizes[i], 5) &&
               arena_p._lo == ((5 * sizes[i] + 7) & ~(size_t)7) && arena_p._hi == cap,
           what);
    }

    /* A nearly full arena: the vector is moved down over its own place. */
    static const size_t tight[] = {2, 8, 24, 100, 200};
    for (size_t i = 0; i < IG__ARRAY_LEN(tight); i++) {
        size_t stride = (tight[i] + 7) & ~(size_t)7;
        arena_window(8, 8 + 4 * stride);
        const unsigned char *r = push_n(&v, tight[i], 4);
        char what[100];
        snprintf(what, sizeof(what), "arena: 4 elements of %zu bytes in a full arena, in order",
                 tight[i]);
        ok(r == arena_p._arena + 8 && in_order(r, tight[i], 4) &&
               arena_p._hi == 8 + 4 * stride,
           what);
    }
    arena_window(8, 8 + 3 * 104);
    const unsigned char *r = push_n(&v, 100, 3);
    ok(r == arena_p._arena + 8 && in_order(r, 100, 3), "arena: odd count moved in place");

    arena_window(0, 64);
    ig__vec_begin(&arena_p, &v, 24);
    ok(ig__vec_push(&arena_p, &v, 24) && ig__vec_push(&arena_p, &v, 24) &&
           !ig__vec_push(&arena_p, &v, 24) && v.n == 2,
       "arena: a push that does not fit returns NULL");
    ig__vec_abandon(&arena_p, &v);
    ok(arena_p._hi == 64 && arena_p._lo == 0, "arena: an abandoned vector frees its space");
    ig__vec_begin(&arena_p, &v, 24);
    ok(ig__vec_finish(&arena_p, &v) == NULL && arena_p._lo == 0 && arena_p._hi == 64,
       "arena: an empty vector finishes as NULL");
    ok(ig__arena_alloc(&arena_p, 60) == arena_p._arena && arena_p._lo == 64 &&
           ig__arena_alloc(&arena_p, 1) == NULL && ig__arena_alloc(&arena_p, 0) != NULL,
       "arena: allocations round up to 8 and fail when full");
    free(arena_mem);
}

/* ==== seqset.c: walking sets, including sets a caller wrote ==== */

/* Walks text (copied into an exact-size heap block, so ASan sees any over-read) and
 * writes the elements as "first:last," ("*" for 0); stops after 16. */
static const char *walk(const char *text, uint32_t *count)
{
    static char out[256];
    size_t n = strlen(text);
    unsigned char *copy = malloc(n ? n : 1);
    memcpy(copy, text, n);
    struct ig_seqset set = {{copy, n}, 0, 0};
    struct ig_range r;
    size_t pos = 0, k = 0;
    uint32_t m = 0;
    out[0] = 0;
    while (m < 16 && ig_seqset_next(&set, &pos, &r)) {
        m++;
        char one[32];
        if (r.first == 0)
            strcpy(one, "*");
        else
            snprintf(one, sizeof(one), "%u", r.first);
        k += (size_t)snprintf(out + k, sizeof(out) - k, "%s:", one);
        if (r.last == 0)
            strcpy(one, "*");
        else
            snprintf(one, sizeof(one), "%u", r.last);
        k += (size_t)snprintf(out + k, sizeof(out) - k, "%s,", one);
    }
    free(copy);
    if (count)
        *count = m;
    return out;
}

static void test_seqset(void)
{
    is_str(walk("1:4,7,9:*", NULL), "1:4,7:7,9:*,", "seqset walk: ranges, a number, *");
    is_str(walk("4:2,*:1", NULL), "4:2,*:1,", "seqset walk: ranges as written");
    is_str(walk("4294967295", NULL), "4294967295:4294967295,", "seqset walk: the largest number");
    is_str(walk("$", NULL), "", "seqset walk: $ is no element");
    is_str(walk("5,$", NULL), "5:5,", "seqset walk: $ after an element");
    is_str(walk("", NULL), "", "seqset walk: empty text");
    /* Text no parse produces: the walk stays inside the text and ends. */
    is_str(walk("x1", NULL), "", "seqset walk: stops at a non-number");
    is_str(walk("3:", NULL), "", "seqset walk: a range without its end is no element");
    is_str(walk("3:x,4", NULL), "", "seqset walk: a range ending in junk is no element");
    is_str(walk("4294967296", NULL), "", "seqset walk: a number above 4294967295 is no element");
    is_str(walk("1,99999999999", NULL), "1:1,", "seqset walk: stops at an overlong number");
    uint32_t m;
    walk("1x2", &m);
    ok(m == 0, "seqset walk: an element followed by junk is no element");
    is_str(walk("1,2,", NULL), "1:1,", "seqset walk: a trailing comma ends the walk early");
    is_str(walk("0", NULL), "", "seqset walk: 0 is no element (it is not *)");
    is_str(walk("2:01", NULL), "", "seqset walk: a leading zero is no element");
    is_str(walk("2,*:4294967295", NULL), "2:2,*:4294967295,", "seqset walk: * and the largest");

    struct ig_seqset set = {{(const unsigned char *)"1", 1}, 1, 0};
    struct ig_range r;
    size_t pos = 0;
    ok(!ig_seqset_next(NULL, &pos, &r) && !ig_seqset_next(&set, NULL, &r) &&
           !ig_seqset_next(&set, &pos, NULL),
       "ig_seqset_next: NULL arguments end the walk");
    pos = 5;
    ok(!ig_seqset_next(&set, &pos, &r), "ig_seqset_next: a position past the end ends the walk");

    /* Parsed sets: out-of-range numbers are refused with their offset. */
    static const struct {
        const char *in;
        uint64_t at;
        const char *reason;
    } bad[] = {
        {"a UID EXPUNGE 4294967296\r\n", 14, "number out of range"},
        {"a UID EXPUNGE 12345678901\r\n", 14, "number out of range"},
        {"a UID EXPUNGE 1:99999999999\r\n", 16, "number out of range"},
        {"a UID EXPUNGE 0\r\n", 14, "message number 0 is not valid"},
        {"a UID EXPUNGE 1:0\r\n", 16, "message number 0 is not valid"},
    };
    for (size_t i = 0; i < IG__ARRAY_LEN(bad); i++) {
        enum ig_status st = feed_slot(0, NULL, 0, IG_EXPECT_COMMAND, bad[i].in, strlen(bad[i].in));
        const struct ig_error *e = ig_parser_error(&slots[0].p);
        char what[120];
        snprintf(what, sizeof(what), "seqset: %.*s refused", (int)strlen(bad[i].in) - 2, bad[i].in);
        ok(st == IG_E_SYNTAX && e->offset == bad[i].at && strcmp(e->reason, bad[i].reason) == 0,
           what);
        if (st == IG_E_SYNTAX && (e->offset != bad[i].at || strcmp(e->reason, bad[i].reason)))
            printf("#   got @%llu %s\n", (unsigned long long)e->offset, e->reason);
    }
    const struct ig_command *c = parse_cmd(0, "a UID EXPUNGE 4294967295:1\r\n");
    ok(c && c->u.uid_expunge.nranges == 1, "seqset: 4294967295 is the largest nz-number");
}

int main(int argc, char **argv)
{
    seeds = seed_dir_arg(argc, argv);
    if (seeds) {
        test_pairs();
        return 0;
    }
    test_status_names();
    test_cmd_names();
    test_pairs();
    test_equal_built();
    test_emit_strings();
    test_emit_generic();
    test_emit_lines();
    test_emit_core_typed();
    test_emit_append();
    test_emit_ext_values();
    test_emit_dates();
    test_fetch_names();
    test_values();
    test_arena();
    test_seqset();
    for (size_t i = 0; i < IG__ARRAY_LEN(slots); i++)
        free(slots[i].mem);
    return done();
}
