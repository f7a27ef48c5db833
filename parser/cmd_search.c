/*
 * cmd_search.c - SEARCH and UID SEARCH with every key of both RFCs (RFC 9051 §6.4.4,
 * RFC 3501 §6.4.4) and of CONDSTORE (MODSEQ, RFC 7162) and OBJECTID (EMAILID, THREADID,
 * RFC 8474), RETURN options (ESEARCH RFC 4731, SAVE RFC 5182), SORT and THREAD and
 * their UID forms (RFC 5256) and the ESEARCH command (RFC 7377). The search program is
 * one parser shared by all of them. Parsing, the canonical form and equality of these
 * commands live together here; the keyword DFAs are in grammar/lex_search.re.
 *
 * The key tree lives in the per-command arena: the top-level keys and the keys of a
 * "(" list are vectors (built on the scratch end, then moved down in one copy), the
 * operand of NOT is one key and the operands of OR a pair, allocated before they are
 * parsed. NOT, OR and "(" each count one level against max_depth, so the C recursion is
 * bounded by the limits whatever the input.
 *
 * Judgment calls (where the RFCs leave room or disagree):
 *  - SEARCH "CHARSET" takes an astring, as RFC 3501 §9 wrote it (RFC 4466 and RFC 9051
 *    narrowed it to atom / quoted): a literal, or an atom with "]", is accepted and
 *    marks the command IG_EXT_REV1. The charset of SORT and THREAD (RFC 5256
 *    search-criteria) is the strict atom / quoted, and 7-bit (charset names are
 *    US-ASCII, RFC 2978), so that its canonical form is never a literal.
 *  - ESEARCH follows RFC 7377 §4: "selected-delayed" is refused (the RFC forbids it),
 *    there is no UID ESEARCH (the parser core refuses "UID ESEARCH"), one SP before
 *    RETURN (the RFC's [SP search-return-opts] doubles the SP of search-return-opts).
 *    "Each scope option may appear once" is left to the server (no option is defined).
 *  - SORT RETURN (ESORT, RFC 5267) is not part of this grammar and is refused with its
 *    own reason.
 *  - RETURN options MIN MAX ALL COUNT SAVE are a set (enum ig_search_return bits): a
 *    repeated option is accepted and written once; other options keep their order.
 *  - MODSEQ entry-name is checked after quoted-string decoding: "/flags/" (any case),
 *    then an optional "\" and an atom, which is exactly what the ABNF allows on the wire
 *    ("/flags/\\draft"); a literal is refused (the ABNF says DQUOTE ... DQUOTE).
 */
#include "internal.h"

/* ---- interface of the keyword lexers (grammar/lex_search.re declares it identically) */

enum {
    IG__SK_CHARSET = IG_SK__COUNT, /* "CHARSET" (search-program) */
    IG__SK_RETURN,                 /* "RETURN" (search-return-opts) */
    IG__SK_IN,                     /* "IN" (esearch-source-opts) */
    IG__SK_UNKNOWN = -2,           /* an atom that is no keyword (consumed) */
    IG__SK_ERR = -1                /* no atom starts here (nothing consumed) */
};
enum { IG__SORT_REVERSE = IG_SORT__COUNT };

int ig__lex_search_key(struct ig__ps *ps);
int ig__lex_sort_key(struct ig__ps *ps);
int ig__lex_search_ret(struct ig__ps *ps);
int ig__lex_entry_type(struct ig__ps *ps);
int ig__lex_filter(struct ig__ps *ps);

/* emit and equality walk trees that the caller may have built: a parsed tree is at most
 * max_depth deep, anything deeper than this is refused (it guards against cycles). */
#define TREE_MAX 1000u

/* ---- helpers ---- */

static int nomem(struct ig__ps *ps, const unsigned char *at)
{
    return ig__fail(ps, IG_E_NOMEM, at, "command too complex (arena full)");
}

/* One level deeper (NOT, OR, "("); the caller decrements when the level is done. */
static int enter(struct ig__ps *ps, const unsigned char *at)
{
    if (++ps->depth > ps->p->_lim.max_depth)
        return ig__fail(ps, IG_E_LIMIT, at, "nesting too deep");
    return 0;
}

/* After an item of a parenthesized list: 1 at ")" (not consumed), 0 after a SP
 * (consumed) when another item follows, -1 on error. */
static int list_next(struct ig__ps *ps)
{
    const unsigned char *s = ps->cur;
    if (*s == ')')
        return 1;
    if (*s != ' ')
        return ig__at_end(ps) ? ig__fail_syntax(ps, s, "unbalanced parenthesis")
                              : ig__bad_byte(ps, s, "expected space or ')'");
    if (s[1] == ')')
        return ig__fail_syntax(ps, s, "unexpected space");
    ps->cur++;
    return 0;
}

/* SP before an argument; "reason" says what is missing when the line or the list ends
 * instead. */
static int arg_sp(struct ig__ps *ps, const char *reason)
{
    if (*ps->cur == ')')
        return ig__fail_syntax(ps, ps->cur, reason);
    return ig__sp(ps, reason);
}

static int expect_open(struct ig__ps *ps)
{
    if (*ps->cur != '(')
        return ig__bad_token_at(ps, ps->cur, "expected '('");
    ps->cur++;
    return 0;
}

static int days_in(unsigned year, unsigned month)
{
    static const uint8_t days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
        return 29;
    return days[month - 1];
}

/* entry-flag-name without its quotes, as decoded: "/flags/" ["\"] atom (RFC 7162 §7). */
static int entry_ok(struct ig_span v)
{
    if (v.len < 8 || ig__ascii_casecmp(v.ptr, "/flags/", 7) != 0)
        return 0;
    struct ig_span f = {v.ptr + 7, v.len - 7};
    if (f.ptr[0] == '\\') {
        f.ptr++;
        f.len--;
    }
    return f.len > 0 && ig__all_class(f, IG__C_ATOM);
}

/* objectid = 1*255(ALPHA / DIGIT / "_" / "-") (RFC 8474 §7). */
static int oid_char(unsigned char c)
{
    return ((c | 32) >= 'a' && (c | 32) <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
}

static int objectid_ok(struct ig_span v)
{
    if (v.len == 0 || v.len > 255)
        return 0;
    for (size_t i = 0; i < v.len; i++)
        if (!oid_char(v.ptr[i]))
            return 0;
    return 1;
}

/* tagged-ext-label (RFC 4466 §2.1). */
static int label_ok(struct ig_span v)
{
    if (v.len == 0 || v.ptr == NULL)
        return 0;
    for (size_t i = 0; i < v.len; i++) {
        unsigned char c = v.ptr[i];
        int alpha = (c | 32) >= 'a' && (c | 32) <= 'z';
        if (!(alpha || c == '-' || c == '_' || c == '.' ||
              (i > 0 && ((c >= '0' && c <= '9') || c == ':'))))
            return 0;
    }
    return 1;
}

/* ---- search keys ---- */

static int key_at(struct ig__ps *ps, struct ig_search_key *k, int kind);

static int key_next(struct ig__ps *ps, struct ig_search_key *k)
{
    return key_at(ps, k, ig__lex_search_key(ps));
}

/* The lexer found no search key at ps->tok. */
static int no_key(struct ig__ps *ps, int kind)
{
    const unsigned char *at = ps->tok;
    if (kind != IG__SK_ERR)
        return ig__fail_syntax(ps, at, "unknown search key");
    if (*at == '\r')
        return ig__fail_syntax(ps, at, "search key missing");
    return ig__bad_token_at(ps, at, "invalid search key");
}

/* NOT SP search-key */
static int key_not(struct ig__ps *ps, struct ig_search_key *k, const unsigned char *at)
{
    struct ig_search_key *c;
    if (enter(ps, at) || arg_sp(ps, "search key missing"))
        return -1;
    if ((c = ig__arena_alloc(ps->p, sizeof(*c))) == NULL)
        return nomem(ps, ps->cur);
    memset(c, 0, sizeof(*c));
    if (key_next(ps, c))
        return -1;
    k->u.not_key = c;
    ps->depth--;
    return 0;
}

/* OR SP search-key SP search-key */
static int key_or(struct ig__ps *ps, struct ig_search_key *k, const unsigned char *at)
{
    struct ig_search_key *c;
    if (enter(ps, at) || arg_sp(ps, "search key missing"))
        return -1;
    if ((c = ig__arena_alloc(ps->p, 2 * sizeof(*c))) == NULL)
        return nomem(ps, ps->cur);
    memset(c, 0, 2 * sizeof(*c));
    if (key_next(ps, &c[0]) || arg_sp(ps, "second search key missing") || key_next(ps, &c[1]))
        return -1;
    k->u.or_keys.a = &c[0];
    k->u.or_keys.b = &c[1];
    ps->depth--;
    return 0;
}

/* "(" search-key *(SP search-key) ")", the "(" already consumed */
static int key_and(struct ig__ps *ps, struct ig_search_key *k, const unsigned char *at)
{
    struct ig__vec v;
    int r;
    if (enter(ps, at))
        return -1;
    if (*ps->cur == ')')
        return ig__fail_syntax(ps, ps->cur, "empty parentheses");
    ig__vec_begin(ps->p, &v, sizeof(struct ig_search_key));
    do {
        struct ig_search_key *c = ig__vec_push(ps->p, &v, sizeof(struct ig_search_key));
        if (c == NULL)
            return nomem(ps, ps->cur);
        if (key_next(ps, c))
            return -1;
    } while ((r = list_next(ps)) == 0);
    if (r < 0)
        return -1;
    ps->cur++; /* ")" */
    k->u.and_keys.n = v.n;
    k->u.and_keys.v = ig__vec_finish(ps->p, &v);
    ps->depth--;
    return 0;
}

/* entry-name = DQUOTE "/flags/" attr-flag DQUOTE, a quoted string (RFC 7162 §7). */
static int entry_name(struct ig__ps *ps, struct ig_str *out)
{
    struct ig__lit lit;
    const unsigned char *at = ps->cur;
    enum ig__tok t = ig__lex_astring(ps, &lit);
    if (t == IG__T_ERR)
        return ig__bad_token_at(ps, at, "invalid entry name");
    if (t != IG__T_QUOTED)
        return ig__fail_syntax(ps, at, "invalid entry name");
    if (ig__count_item(ps) || ig__quoted_value(ps, &out->v))
        return -1;
    out->form = IG_FORM_QUOTED;
    out->nil = 0;
    if (!entry_ok(out->v))
        return ig__fail_syntax(ps, at, "invalid entry name");
    return 0;
}

/* search-modsequence = "MODSEQ" [SP entry-name SP entry-type-req] SP mod-sequence-valzer */
static int key_modseq(struct ig__ps *ps, struct ig_search_key *k)
{
    ps->cmd->ext |= IG_EXT_CONDSTORE;
    if (arg_sp(ps, "mod-sequence missing"))
        return -1;
    if (*ps->cur == '{' || (ps->cur[0] == '~' && ps->cur[1] == '{'))
        return ig__fail_syntax(ps, ps->cur, "entry name must be a quoted string");
    if (*ps->cur == '"') {
        int t;
        if (entry_name(ps, &k->u.modseq.entry) || arg_sp(ps, "entry type missing"))
            return -1;
        if ((t = ig__lex_entry_type(ps)) < 0)
            return ig__bad_token_at(ps, ps->tok, "invalid entry type");
        k->u.modseq.has_entry = 1;
        k->u.modseq.entry_type = (uint8_t)t;
        if (arg_sp(ps, "mod-sequence missing"))
            return -1;
    }
    /* mod-sequence-valzer = "0" / mod-sequence-value: 0 .. 2^63-1 */
    return ig__number(ps, IG__NUMBER64, 0, &k->u.modseq.value, "mod-sequence expected");
}

/* EMAILID / THREADID SP objectid */
static int key_objectid(struct ig__ps *ps, struct ig_str *out)
{
    const unsigned char *s;
    if (arg_sp(ps, "object id missing"))
        return -1;
    s = ps->cur;
    while (oid_char(*s))
        s++;
    ps->tok = ps->cur;
    if (s == ps->cur)
        return ig__bad_token_at(ps, s, "invalid object id");
    if (ig__cclass[*s] & IG__C_ATOM)
        return ig__bad_byte(ps, s, "invalid object id");
    if (s - ps->cur > 255)
        return ig__fail_syntax(ps, ps->cur + 255, "object id too long");
    out->v.ptr = ps->cur;
    out->v.len = (size_t)(s - ps->cur);
    out->form = IG_FORM_ATOM;
    out->nil = 0;
    ps->cur = s;
    ps->cmd->ext |= IG_EXT_OBJECTID;
    return ig__count_item(ps);
}

/* One search-key whose first token the lexer returned as kind (ps->tok at its start). */
static int key_at(struct ig__ps *ps, struct ig_search_key *k, int kind)
{
    const unsigned char *at = ps->tok;
    if (kind < 0 || kind >= IG_SK__COUNT)
        return no_key(ps, kind);
    k->kind = (uint8_t)kind;
    if (kind != IG_SK_SET && ig__count_item(ps)) /* ig__seqset() counts the set */
        return -1;
    switch (kind) {
    case IG_SK_NEW: case IG_SK_OLD: case IG_SK_RECENT:
        ps->cmd->ext |= IG_EXT_REV1; /* RFC 3501 only: RFC 9051 removed \Recent */
        return 0;
    case IG_SK_BCC: case IG_SK_BODY: case IG_SK_CC: case IG_SK_FROM: case IG_SK_SUBJECT:
    case IG_SK_TEXT: case IG_SK_TO:
        if (arg_sp(ps, "string missing") || ig__astring(ps, &k->u.str))
            return -1;
        return 0;
    case IG_SK_KEYWORD: case IG_SK_UNKEYWORD:
        if (arg_sp(ps, "flag keyword missing") ||
            ig__atom(ps, &k->u.keyword, "invalid flag keyword"))
            return -1;
        return 0;
    case IG_SK_BEFORE: case IG_SK_ON: case IG_SK_SINCE: case IG_SK_SENTBEFORE:
    case IG_SK_SENTON: case IG_SK_SENTSINCE:
        if (arg_sp(ps, "date missing"))
            return -1;
        at = ps->cur;
        if (ig__date(ps, &k->u.date))
            return -1;
        if (ig__cclass[*ps->cur] & IG__C_ATOM) /* "1-Jan-20245" */
            return ig__fail_syntax(ps, at, "invalid date");
        return 0;
    case IG_SK_LARGER: case IG_SK_SMALLER:
        /* RFC 9051 number64; RFC 3501 had number, which this includes */
        if (arg_sp(ps, "number missing") ||
            ig__number(ps, IG__NUMBER64, 0, &k->u.number, "number expected"))
            return -1;
        return 0;
    case IG_SK_UID:
        if (arg_sp(ps, "sequence set missing") || ig__seqset(ps, &k->u.set))
            return -1;
        return 0;
    case IG_SK_SET:
        return ig__seqset(ps, &k->u.set);
    case IG_SK_HEADER:
        if (arg_sp(ps, "header name missing") || ig__astring(ps, &k->u.header.field) ||
            arg_sp(ps, "string missing") || ig__astring(ps, &k->u.header.value))
            return -1;
        return 0;
    case IG_SK_NOT:
        return key_not(ps, k, at);
    case IG_SK_OR:
        return key_or(ps, k, at);
    case IG_SK_AND:
        return key_and(ps, k, at);
    case IG_SK_MODSEQ:
        return key_modseq(ps, k);
    case IG_SK_EMAILID: case IG_SK_THREADID:
        return key_objectid(ps, &k->u.str);
    default:
        return 0; /* a key without arguments */
    }
}

/* ---- search program ---- */

/* "CHARSET" SP charset: an astring (RFC 3501; see the top of the file). */
static int search_charset(struct ig__ps *ps, struct ig_str *out)
{
    if (ig__sp(ps, "charset missing") || ig__astring(ps, out))
        return -1;
    if (out->form == IG_FORM_LITERAL ||
        (out->form == IG_FORM_ATOM && !ig__all_class(out->v, IG__C_ATOM)))
        ps->cmd->ext |= IG_EXT_REV1; /* a literal, or an atom with "]" */
    return 0;
}

/* charset = atom / quoted (RFC 5256 search-criteria), 7-bit. */
static int criteria_charset(struct ig__ps *ps, struct ig_str *out)
{
    const unsigned char *at = ps->cur;
    out->nil = 0;
    if (*at == '"') {
        struct ig__lit lit;
        enum ig__tok t = ig__lex_astring(ps, &lit);
        if (t == IG__T_QUOTED_UTF8) {
            while (*at < 0x80)
                at++;
            return ig__fail_syntax(ps, at, "8-bit character in charset");
        }
        if (t != IG__T_QUOTED)
            return ig__bad_token_at(ps, at, "invalid charset");
        out->form = IG_FORM_QUOTED;
        return ig__count_item(ps) || ig__quoted_value(ps, &out->v) ? -1 : 0;
    }
    /* "~" alone is an atom character; only "~{" opens a literal8 */
    if (*at == '{' || (at[0] == '~' && at[1] == '{'))
        return ig__fail_syntax(ps, at, "charset must be an atom or a quoted string");
    out->form = IG_FORM_ATOM;
    return ig__atom(ps, &out->v, "invalid charset");
}

/* search-program = ["CHARSET" SP charset SP] search-key *(SP search-key), the first
 * token already lexed as k. With charset_kw 0 (SORT / THREAD, whose charset was read
 * before), CHARSET is not allowed. Stops before the CRLF. */
static int program(struct ig__ps *ps, struct ig_search_program *prog, int k, int charset_kw)
{
    struct ig__vec v;
    if (k == IG__SK_CHARSET && charset_kw) {
        if (search_charset(ps, &prog->charset) || ig__sp(ps, "search key missing"))
            return -1;
        prog->has_charset = 1;
        k = ig__lex_search_key(ps);
    }
    ig__vec_begin(ps->p, &v, sizeof(struct ig_search_key));
    for (;;) {
        struct ig_search_key *key = ig__vec_push(ps->p, &v, sizeof(struct ig_search_key));
        if (key == NULL)
            return nomem(ps, ps->tok);
        if (key_at(ps, key, k))
            return -1;
        if (*ps->cur != ' ')
            break;
        ps->cur++;
        if (ig__at_end(ps))
            return ig__fail_syntax(ps, ps->cur - 1, "unexpected space");
        k = ig__lex_search_key(ps);
    }
    if (*ps->cur == ')')
        return ig__fail_syntax(ps, ps->cur, "unbalanced parenthesis");
    if (!ig__at_end(ps))
        return ig__bad_byte(ps, ps->cur, "expected space");
    prog->n = v.n;
    prog->keys = ig__vec_finish(ps->p, &v);
    return 0;
}

/* search-criteria = charset 1*(SP search-key) (RFC 5256 §5) */
static int criteria(struct ig__ps *ps, struct ig_search_program *prog)
{
    if (ig__sp(ps, "charset missing") || criteria_charset(ps, &prog->charset) ||
        ig__sp(ps, "search key missing"))
        return -1;
    prog->has_charset = 1;
    return program(ps, prog, ig__lex_search_key(ps), 0);
}

/* search-ret-opt-ext / scope-option value: [SP tagged-ext-val] */
static int ext_value_opt(struct ig__ps *ps, struct ig_param *pm)
{
    if (ps->cur[0] != ' ')
        return 0;
    ps->cur++;
    if (!ig__ext_value_follows(ps)) {
        ps->cur--;
        return 0;
    }
    pm->has_value = 1;
    return ig__ext_value(ps, &pm->value);
}

/* search-return-opts = SP "RETURN" SP "(" [search-return-opt *(SP search-return-opt)]
 * ")", after "RETURN" */
static int search_return(struct ig__ps *ps, struct ig_search_ret *ret)
{
    struct ig__vec v;
    int r = 1;
    ps->cmd->ext |= IG_EXT_ESEARCH;
    if (ig__sp(ps, "return options missing") || expect_open(ps))
        return -1;
    ret->present = 1;
    ig__vec_begin(ps->p, &v, sizeof(struct ig_param));
    if (*ps->cur != ')') {
        do {
            int o = ig__lex_search_ret(ps);
            if (o > 0) {
                ret->opts |= (uint32_t)o;
                if (o == IG_RET_SAVE)
                    ps->cmd->ext |= IG_EXT_SEARCHRES;
                if (ig__count_item(ps))
                    return -1;
            } else if (o == 0) {
                struct ig_param *pm = ig__vec_push(ps->p, &v, sizeof(struct ig_param));
                if (pm == NULL)
                    return nomem(ps, ps->cur);
                if (ig__label(ps, &pm->name, "invalid return option") ||
                    ext_value_opt(ps, pm))
                    return -1;
            } else {
                return ig__bad_token_at(ps, ps->tok, "invalid return option");
            }
        } while ((r = list_next(ps)) == 0);
        if (r < 0)
            return -1;
    }
    ps->cur++; /* ")" */
    ret->other.n = v.n;
    ret->other.v = ig__vec_finish(ps->p, &v);
    return 0;
}

/* ---- the commands ---- */

/* search = "SEARCH" [search-return-opts] SP search-program; UID SEARCH likewise */
static int parse_search(struct ig__ps *ps)
{
    struct ig_search *s = &ps->cmd->u.search;
    int k;
    if (ig__sp(ps, "search key missing"))
        return -1;
    k = ig__lex_search_key(ps);
    if (k == IG__SK_RETURN) {
        if (search_return(ps, &s->ret) || ig__sp(ps, "search key missing"))
            return -1;
        k = ig__lex_search_key(ps);
    }
    return program(ps, &s->prog, k, 1);
}

/* sort = ["UID" SP] "SORT" SP sort-criteria SP search-criteria
 * sort-criteria = "(" sort-criterion *(SP sort-criterion) ")"
 * sort-criterion = ["REVERSE" SP] sort-key */
static int parse_sort(struct ig__ps *ps)
{
    struct ig_sort *s = &ps->cmd->u.sort;
    struct ig__vec v;
    int r;
    if (ig__sp(ps, "sort criteria missing"))
        return -1;
    if (*ps->cur != '(' && ig__ascii_casecmp(ps->cur, "RETURN ", 7) == 0)
        return ig__fail_syntax(ps, ps->cur, "SORT RETURN (ESORT) is not supported");
    if (expect_open(ps))
        return -1;
    if (*ps->cur == ')')
        return ig__fail_syntax(ps, ps->cur, "empty parentheses");
    ig__vec_begin(ps->p, &v, sizeof(struct ig_sort_criterion));
    do {
        struct ig_sort_criterion *c = ig__vec_push(ps->p, &v, sizeof(struct ig_sort_criterion));
        int key;
        if (c == NULL)
            return nomem(ps, ps->cur);
        key = ig__lex_sort_key(ps);
        if (key == IG__SORT_REVERSE) {
            c->reverse = 1;
            if (arg_sp(ps, "sort key missing"))
                return -1;
            key = ig__lex_sort_key(ps);
        }
        if (key < 0 || key == IG__SORT_REVERSE)
            return ig__bad_token_at(ps, ps->tok, "invalid sort key");
        c->key = (uint8_t)key;
        if (ig__count_item(ps))
            return -1;
    } while ((r = list_next(ps)) == 0);
    if (r < 0)
        return -1;
    ps->cur++; /* ")" */
    s->n = v.n;
    s->criteria = ig__vec_finish(ps->p, &v);
    return criteria(ps, &s->prog);
}

/* thread = ["UID" SP] "THREAD" SP thread-alg SP search-criteria
 * thread-alg = "ORDEREDSUBJECT" / "REFERENCES" / atom */
static int parse_thread(struct ig__ps *ps)
{
    struct ig_thread *t = &ps->cmd->u.thread;
    if (ig__sp(ps, "thread algorithm missing") ||
        ig__atom(ps, &t->algorithm, "invalid thread algorithm"))
        return -1;
    return criteria(ps, &t->prog);
}

/* filter-mailboxes (RFC 5465 §8 with RFC 7377 §4):
 *   "selected" / "inboxes" / "personal" / "subscribed" /
 *   ("subtree" / "subtree-one" / "mailboxes") SP one-or-more-mailbox
 * one-or-more-mailbox = mailbox / "(" mailbox *(SP mailbox) ")" */
static int filter(struct ig__ps *ps, struct ig_filter *f)
{
    struct ig__vec v;
    int k = ig__lex_filter(ps), r;
    if (k < 0)
        return ig__bad_token_at(ps, ps->tok, "invalid mailbox filter");
    if (k == IG_FILTER_SELECTED_DELAYED)
        return ig__fail_syntax(ps, ps->tok, "selected-delayed is not allowed in ESEARCH");
    f->kind = (uint8_t)k;
    if (ig__count_item(ps))
        return -1;
    if (k != IG_FILTER_SUBTREE && k != IG_FILTER_SUBTREE_ONE && k != IG_FILTER_MAILBOXES)
        return 0;
    if (arg_sp(ps, "mailbox missing"))
        return -1;
    if (*ps->cur != '(') {
        struct ig_str *m = ig__arena_alloc(ps->p, sizeof(*m));
        if (m == NULL)
            return nomem(ps, ps->cur);
        if (ig__mailbox(ps, m))
            return -1;
        f->mailboxes.n = 1;
        f->mailboxes.v = m;
        return 0;
    }
    ps->cur++;
    f->list = 1;
    if (*ps->cur == ')')
        return ig__fail_syntax(ps, ps->cur, "empty parentheses");
    ig__vec_begin(ps->p, &v, sizeof(struct ig_str));
    do {
        struct ig_str *m = ig__vec_push(ps->p, &v, sizeof(struct ig_str));
        if (m == NULL)
            return nomem(ps, ps->cur);
        if (ig__mailbox(ps, m))
            return -1;
    } while ((r = list_next(ps)) == 0);
    if (r < 0)
        return -1;
    ps->cur++; /* ")" */
    f->mailboxes.n = v.n;
    f->mailboxes.v = ig__vec_finish(ps->p, &v);
    return 0;
}

/* "(" scope-option *(SP scope-option) ")", scope-option = tagged-ext-label
 * [SP tagged-ext-val] (RFC 7377 §4) */
static int scope_options(struct ig__ps *ps, struct ig_esearch *e)
{
    struct ig__vec v;
    int r;
    ps->cur++; /* "(" */
    e->has_scope = 1;
    if (*ps->cur == ')')
        return ig__fail_syntax(ps, ps->cur, "empty parentheses");
    ig__vec_begin(ps->p, &v, sizeof(struct ig_param));
    do {
        struct ig_param *pm = ig__vec_push(ps->p, &v, sizeof(struct ig_param));
        if (pm == NULL)
            return nomem(ps, ps->cur);
        if (ig__label(ps, &pm->name, "invalid scope option") || ext_value_opt(ps, pm))
            return -1;
    } while ((r = list_next(ps)) == 0);
    if (r < 0)
        return -1;
    ps->cur++; /* ")" */
    e->scope.n = v.n;
    e->scope.v = ig__vec_finish(ps->p, &v);
    return 0;
}

/* esearch-source-opts = "IN" SP "(" source-mbox [SP "(" scope-options ")"] ")",
 * source-mbox = filter-mailboxes *(SP filter-mailboxes); after "IN" */
static int esearch_in(struct ig__ps *ps, struct ig_esearch *e)
{
    struct ig__vec v;
    if (ig__sp(ps, "source options missing") || expect_open(ps))
        return -1;
    e->has_in = 1;
    ig__vec_begin(ps->p, &v, sizeof(struct ig_filter));
    for (;;) {
        struct ig_filter *f = ig__vec_push(ps->p, &v, sizeof(struct ig_filter));
        int r;
        if (f == NULL)
            return nomem(ps, ps->cur);
        if (filter(ps, f) || (r = list_next(ps)) < 0)
            return -1;
        if (r)
            break;
        if (*ps->cur == '(') {
            /* the scope options end the list */
            if (scope_options(ps, e))
                return -1;
            if (*ps->cur != ')')
                return ig__at_end(ps) ? ig__fail_syntax(ps, ps->cur, "unbalanced parenthesis")
                                      : ig__bad_byte(ps, ps->cur, "expected ')'");
            break;
        }
    }
    ps->cur++; /* ")" */
    e->nfilters = v.n;
    e->filters = ig__vec_finish(ps->p, &v);
    return 0;
}

/* esearch = "ESEARCH" [SP esearch-source-opts] [search-return-opts] SP search-program */
static int parse_esearch(struct ig__ps *ps)
{
    struct ig_esearch *e = &ps->cmd->u.esearch;
    int k;
    if (ig__sp(ps, "search key missing"))
        return -1;
    k = ig__lex_search_key(ps);
    if (k == IG__SK_IN) {
        if (esearch_in(ps, e) || ig__sp(ps, "search key missing"))
            return -1;
        k = ig__lex_search_key(ps);
    }
    if (k == IG__SK_RETURN) {
        if (search_return(ps, &e->ret) || ig__sp(ps, "search key missing"))
            return -1;
        k = ig__lex_search_key(ps);
    }
    return program(ps, &e->prog, k, 1);
}

int ig__parse_search_family(struct ig__ps *ps)
{
    int r;
    switch (ps->cmd->cmd) {
    case IG_CMD_SEARCH: case IG_CMD_UID_SEARCH:
        r = parse_search(ps);
        break;
    case IG_CMD_SORT: case IG_CMD_UID_SORT:
        r = parse_sort(ps);
        break;
    case IG_CMD_THREAD: case IG_CMD_UID_THREAD:
        r = parse_thread(ps);
        break;
    case IG_CMD_ESEARCH:
        r = parse_esearch(ps);
        break;
    default:
        return ig__generic_args(ps, &ps->cmd->u.generic);
    }
    if (r)
        return -1;
    ps->cmd->typed = 1;
    return ig__end(ps);
}

/* ---- canonical form ---- */

static const char *const key_names[IG_SK__COUNT] = {
    "ALL", "ANSWERED", "BCC", "BEFORE", "BODY", "CC", "DELETED", "FLAGGED", "FROM",
    "KEYWORD", "NEW", "OLD", "ON", "RECENT", "SEEN", "SINCE", "SUBJECT", "TEXT", "TO",
    "UNANSWERED", "UNDELETED", "UNFLAGGED", "UNKEYWORD", "UNSEEN", "DRAFT", "HEADER",
    "LARGER", "NOT", "OR", "SENTBEFORE", "SENTON", "SENTSINCE", "SMALLER", "UID", "UNDRAFT",
    NULL /* SET */, NULL /* AND */, "MODSEQ", "EMAILID", "THREADID"};

static const char *const entry_types[] = {NULL, "PRIV", "SHARED", "ALL"};

static const char *const sort_keys[IG_SORT__COUNT] = {"ARRIVAL", "CC",      "DATE", "FROM",
                                                      "SIZE",    "SUBJECT", "TO"};

static const char *const filter_names[] = {"SELECTED", NULL /* selected-delayed */,
                                           "INBOXES",  "PERSONAL", "SUBSCRIBED", "SUBTREE",
                                           "SUBTREE-ONE", "MAILBOXES"};

static const char *const return_names[] = {"MIN", "MAX", "ALL", "COUNT", "SAVE"};

static void put_date_checked(struct ig__writer *w, const struct ig_date *d)
{
    if (d->month < 1 || d->month > 12 || d->day < 1 || d->day > days_in(d->year, d->month) ||
        d->year > 9999)
        w->bad = 1;
    else
        ig__put_date(w, d);
}

static void put_number64(struct ig__writer *w, uint64_t v)
{
    if (v > IG__NUMBER64)
        w->bad = 1;
    ig__put_u64(w, v);
}

static void put_key(struct ig__writer *w, const struct ig_search_key *k, uint32_t depth)
{
    if (depth > TREE_MAX || k == NULL || k->kind >= IG_SK__COUNT) {
        w->bad = 1;
        return;
    }
    if (k->kind == IG_SK_SET) {
        ig__put_seqset(w, &k->u.set);
        return;
    }
    if (k->kind == IG_SK_AND) {
        if (k->u.and_keys.n == 0 || k->u.and_keys.v == NULL) {
            w->bad = 1;
            return;
        }
        ig__putc(w, '(');
        for (uint32_t i = 0; i < k->u.and_keys.n && !w->bad; i++) {
            if (i)
                ig__putc(w, ' ');
            put_key(w, &k->u.and_keys.v[i], depth + 1);
        }
        ig__putc(w, ')');
        return;
    }
    ig__puts(w, key_names[k->kind]);
    switch (k->kind) {
    case IG_SK_BCC: case IG_SK_BODY: case IG_SK_CC: case IG_SK_FROM: case IG_SK_SUBJECT:
    case IG_SK_TEXT: case IG_SK_TO:
        ig__putc(w, ' ');
        ig__put_astring(w, k->u.str.v);
        break;
    case IG_SK_KEYWORD: case IG_SK_UNKEYWORD:
        ig__putc(w, ' ');
        ig__put_atom(w, k->u.keyword);
        break;
    case IG_SK_BEFORE: case IG_SK_ON: case IG_SK_SINCE: case IG_SK_SENTBEFORE:
    case IG_SK_SENTON: case IG_SK_SENTSINCE:
        ig__putc(w, ' ');
        put_date_checked(w, &k->u.date);
        break;
    case IG_SK_LARGER: case IG_SK_SMALLER:
        ig__putc(w, ' ');
        put_number64(w, k->u.number);
        break;
    case IG_SK_UID:
        ig__putc(w, ' ');
        ig__put_seqset(w, &k->u.set);
        break;
    case IG_SK_HEADER:
        ig__putc(w, ' ');
        ig__put_astring(w, k->u.header.field.v);
        ig__putc(w, ' ');
        ig__put_astring(w, k->u.header.value.v);
        break;
    case IG_SK_NOT:
        ig__putc(w, ' ');
        put_key(w, k->u.not_key, depth + 1);
        break;
    case IG_SK_OR:
        ig__putc(w, ' ');
        put_key(w, k->u.or_keys.a, depth + 1);
        ig__putc(w, ' ');
        put_key(w, k->u.or_keys.b, depth + 1);
        break;
    case IG_SK_MODSEQ:
        if (k->u.modseq.has_entry) {
            uint8_t t = k->u.modseq.entry_type;
            if (!entry_ok(k->u.modseq.entry.v) || t < IG_ENTRY_PRIV || t > IG_ENTRY_ALL) {
                w->bad = 1;
                return;
            }
            ig__putc(w, ' ');
            ig__put_string(w, k->u.modseq.entry.v, 0); /* quoted: entry_ok() makes sure */
            ig__putc(w, ' ');
            ig__puts(w, entry_types[t]);
        }
        ig__putc(w, ' ');
        put_number64(w, k->u.modseq.value);
        break;
    case IG_SK_EMAILID: case IG_SK_THREADID:
        if (!objectid_ok(k->u.str.v))
            w->bad = 1;
        ig__putc(w, ' ');
        ig__put(w, k->u.str.v.ptr, k->u.str.v.len);
        break;
    default:
        break;
    }
}

/* An atom, upper case (keywords the grammar reads as atoms: thread algorithms). */
static void put_atom_upper(struct ig__writer *w, struct ig_span v)
{
    if (v.len == 0 || !ig__all_class(v, IG__C_ATOM)) {
        w->bad = 1;
        return;
    }
    for (size_t i = 0; i < v.len; i++) {
        unsigned char c = v.ptr[i];
        ig__putc(w, (char)(c >= 'a' && c <= 'z' ? c - 32 : c));
    }
}

/* charset = atom / quoted, 7-bit (SORT, THREAD) */
static void put_criteria_charset(struct ig__writer *w, struct ig_span v)
{
    if (v.len > 0 && ig__all_class(v, IG__C_ATOM)) {
        ig__put(w, v.ptr, v.len);
        return;
    }
    for (size_t i = 0; i < v.len; i++)
        if (!(ig__cclass[v.ptr[i]] & IG__C_QUOTED) && v.ptr[i] != '"' && v.ptr[i] != '\\')
            w->bad = 1;
    if (!w->bad)
        ig__put_string(w, v, 0); /* quotable, so quoted */
}

/* The program after the SP that precedes it. criteria: SORT / THREAD form. */
static void put_program(struct ig__writer *w, const struct ig_search_program *prog,
                        int criteria_form)
{
    if (criteria_form) {
        if (!prog->has_charset)
            w->bad = 1;
        put_criteria_charset(w, prog->charset.v);
        ig__putc(w, ' ');
    } else if (prog->has_charset) {
        ig__puts(w, "CHARSET ");
        ig__put_astring(w, prog->charset.v);
        ig__putc(w, ' ');
    }
    if (prog->n == 0 || prog->keys == NULL)
        w->bad = 1;
    for (uint32_t i = 0; i < prog->n && !w->bad; i++) {
        if (i)
            ig__putc(w, ' ');
        put_key(w, &prog->keys[i], 0);
    }
}

/* Extension parameters: every name a tagged-ext-label that is not one of `reserved`
 * (which the parser would read as keywords), each [SP value]. */
static void put_ext_params(struct ig__writer *w, const struct ig_params *ps, int lead_space,
                           const char *const *reserved, size_t nreserved)
{
    if (ps->n > 0 && ps->v == NULL) {
        w->bad = 1;
        return;
    }
    for (uint32_t i = 0; i < ps->n && !w->bad; i++) {
        const struct ig_param *pm = &ps->v[i];
        if (!label_ok(pm->name)) {
            w->bad = 1; /* not written: its span may be NULL */
            return;
        }
        for (size_t j = 0; j < nreserved; j++)
            if (ig__span_is(pm->name, reserved[j]))
                w->bad = 1;
        if (i || lead_space)
            ig__putc(w, ' ');
        ig__put(w, pm->name.ptr, pm->name.len);
        if (pm->has_value) {
            ig__putc(w, ' ');
            ig__put_ext_value(w, &pm->value, 0);
        }
    }
}

static void put_return(struct ig__writer *w, const struct ig_search_ret *ret)
{
    int n = 0;
    if (!ret->present)
        return;
    if (ret->opts & ~(uint32_t)(IG_RET_MIN | IG_RET_MAX | IG_RET_ALL | IG_RET_COUNT |
                                IG_RET_SAVE))
        w->bad = 1;
    ig__puts(w, " RETURN (");
    for (unsigned i = 0; i < IG__ARRAY_LEN(return_names); i++) {
        if (ret->opts & (1u << i)) {
            if (n++)
                ig__putc(w, ' ');
            ig__puts(w, return_names[i]);
        }
    }
    put_ext_params(w, &ret->other, n > 0, return_names, IG__ARRAY_LEN(return_names));
    ig__putc(w, ')');
}

static void put_filter(struct ig__writer *w, const struct ig_filter *f)
{
    int takes = f->kind == IG_FILTER_SUBTREE || f->kind == IG_FILTER_SUBTREE_ONE ||
                f->kind == IG_FILTER_MAILBOXES;
    if (f->kind >= IG__ARRAY_LEN(filter_names) || filter_names[f->kind] == NULL) {
        w->bad = 1;
        return;
    }
    ig__puts(w, filter_names[f->kind]);
    if (!takes) {
        if (f->mailboxes.n != 0)
            w->bad = 1;
        return;
    }
    if (f->mailboxes.n == 0 || f->mailboxes.v == NULL || (!f->list && f->mailboxes.n != 1)) {
        w->bad = 1;
        return;
    }
    ig__putc(w, ' ');
    if (f->list)
        ig__putc(w, '(');
    for (uint32_t i = 0; i < f->mailboxes.n; i++) {
        if (i)
            ig__putc(w, ' ');
        ig__put_astring(w, f->mailboxes.v[i].v);
    }
    if (f->list)
        ig__putc(w, ')');
}

static void put_esearch(struct ig__writer *w, const struct ig_esearch *e)
{
    if (e->has_in) {
        if (e->nfilters == 0 || e->filters == NULL) {
            w->bad = 1;
            return;
        }
        ig__puts(w, " IN (");
        for (uint32_t i = 0; i < e->nfilters; i++) {
            if (i)
                ig__putc(w, ' ');
            put_filter(w, &e->filters[i]);
        }
        if (e->has_scope) {
            if (e->scope.n == 0)
                w->bad = 1;
            ig__puts(w, " (");
            put_ext_params(w, &e->scope, 0, NULL, 0);
            ig__putc(w, ')');
        }
        ig__putc(w, ')');
    } else if (e->has_scope) {
        w->bad = 1;
    }
    put_return(w, &e->ret);
    ig__putc(w, ' ');
    put_program(w, &e->prog, 0);
}

void ig__emit_search_family(struct ig__writer *w, const struct ig_command *cmd)
{
    switch (cmd->cmd) {
    case IG_CMD_SEARCH: case IG_CMD_UID_SEARCH:
        put_return(w, &cmd->u.search.ret);
        ig__putc(w, ' ');
        put_program(w, &cmd->u.search.prog, 0);
        break;
    case IG_CMD_SORT: case IG_CMD_UID_SORT: {
        const struct ig_sort *s = &cmd->u.sort;
        if (s->n == 0 || s->criteria == NULL) {
            w->bad = 1;
            break;
        }
        ig__puts(w, " (");
        for (uint32_t i = 0; i < s->n; i++) {
            if (s->criteria[i].key >= IG_SORT__COUNT) {
                w->bad = 1;
                break;
            }
            if (i)
                ig__putc(w, ' ');
            if (s->criteria[i].reverse)
                ig__puts(w, "REVERSE ");
            ig__puts(w, sort_keys[s->criteria[i].key]);
        }
        ig__puts(w, ") ");
        put_program(w, &s->prog, 1);
        break;
    }
    case IG_CMD_THREAD: case IG_CMD_UID_THREAD:
        ig__putc(w, ' ');
        put_atom_upper(w, cmd->u.thread.algorithm);
        ig__putc(w, ' ');
        put_program(w, &cmd->u.thread.prog, 1);
        break;
    case IG_CMD_ESEARCH:
        put_esearch(w, &cmd->u.esearch);
        break;
    default:
        w->bad = 1;
    }
}

/* ---- equality ---- */

static int key_eq(const struct ig_search_key *a, const struct ig_search_key *b, uint32_t depth)
{
    if (a == NULL || b == NULL)
        return a == b;
    if (depth > TREE_MAX || a->kind != b->kind)
        return 0;
    switch (a->kind) {
    case IG_SK_BCC: case IG_SK_BODY: case IG_SK_CC: case IG_SK_FROM: case IG_SK_SUBJECT:
    case IG_SK_TEXT: case IG_SK_TO:
    case IG_SK_EMAILID: case IG_SK_THREADID: /* object ids are case-sensitive */
        return ig__str_eq(&a->u.str, &b->u.str);
    case IG_SK_KEYWORD: case IG_SK_UNKEYWORD: /* flag names are case-insensitive */
        return ig__span_caseeq(a->u.keyword, b->u.keyword);
    case IG_SK_BEFORE: case IG_SK_ON: case IG_SK_SINCE: case IG_SK_SENTBEFORE:
    case IG_SK_SENTON: case IG_SK_SENTSINCE:
        return ig__date_eq(&a->u.date, &b->u.date);
    case IG_SK_LARGER: case IG_SK_SMALLER:
        return a->u.number == b->u.number;
    case IG_SK_UID: case IG_SK_SET:
        return ig__seqset_eq(&a->u.set, &b->u.set);
    case IG_SK_HEADER: /* header field names are case-insensitive (RFC 5322) */
        return ig__span_caseeq(a->u.header.field.v, b->u.header.field.v) &&
               ig__str_eq(&a->u.header.value, &b->u.header.value);
    case IG_SK_NOT:
        return key_eq(a->u.not_key, b->u.not_key, depth + 1);
    case IG_SK_OR:
        return key_eq(a->u.or_keys.a, b->u.or_keys.a, depth + 1) &&
               key_eq(a->u.or_keys.b, b->u.or_keys.b, depth + 1);
    case IG_SK_AND:
        if (a->u.and_keys.n != b->u.and_keys.n)
            return 0;
        for (uint32_t i = 0; i < a->u.and_keys.n; i++)
            if (!key_eq(&a->u.and_keys.v[i], &b->u.and_keys.v[i], depth + 1))
                return 0;
        return 1;
    case IG_SK_MODSEQ:
        if (a->u.modseq.value != b->u.modseq.value ||
            a->u.modseq.has_entry != b->u.modseq.has_entry)
            return 0;
        /* "/flags/" and flag names are case-insensitive */
        return !a->u.modseq.has_entry ||
               (a->u.modseq.entry_type == b->u.modseq.entry_type &&
                ig__span_caseeq(a->u.modseq.entry.v, b->u.modseq.entry.v));
    default:
        return 1;
    }
}

static int program_eq(const struct ig_search_program *a, const struct ig_search_program *b)
{
    if (a->has_charset != b->has_charset || a->n != b->n)
        return 0;
    /* charset names are case-insensitive (RFC 2978) */
    if (a->has_charset && !ig__span_caseeq(a->charset.v, b->charset.v))
        return 0;
    for (uint32_t i = 0; i < a->n; i++)
        if (!key_eq(&a->keys[i], &b->keys[i], 0))
            return 0;
    return 1;
}

static int return_eq(const struct ig_search_ret *a, const struct ig_search_ret *b)
{
    return a->present == b->present && a->opts == b->opts &&
           ig__params_eq(&a->other, &b->other);
}

/* The parentheses around a single mailbox are spelling, not value. */
static int filter_eq(const struct ig_filter *a, const struct ig_filter *b)
{
    if (a->kind != b->kind || a->mailboxes.n != b->mailboxes.n)
        return 0;
    for (uint32_t i = 0; i < a->mailboxes.n; i++)
        if (!ig__mailbox_eq(&a->mailboxes.v[i], &b->mailboxes.v[i]))
            return 0;
    return 1;
}

static int esearch_eq(const struct ig_esearch *a, const struct ig_esearch *b)
{
    if (a->has_in != b->has_in || a->nfilters != b->nfilters || a->has_scope != b->has_scope)
        return 0;
    for (uint32_t i = 0; i < a->nfilters; i++)
        if (!filter_eq(&a->filters[i], &b->filters[i]))
            return 0;
    return ig__params_eq(&a->scope, &b->scope) && return_eq(&a->ret, &b->ret) &&
           program_eq(&a->prog, &b->prog);
}

int ig__equal_search_family(const struct ig_command *a, const struct ig_command *b)
{
    switch (a->cmd) {
    case IG_CMD_SEARCH: case IG_CMD_UID_SEARCH:
        return return_eq(&a->u.search.ret, &b->u.search.ret) &&
               program_eq(&a->u.search.prog, &b->u.search.prog);
    case IG_CMD_SORT: case IG_CMD_UID_SORT:
        if (a->u.sort.n != b->u.sort.n)
            return 0;
        for (uint32_t i = 0; i < a->u.sort.n; i++)
            if (a->u.sort.criteria[i].key != b->u.sort.criteria[i].key ||
                a->u.sort.criteria[i].reverse != b->u.sort.criteria[i].reverse)
                return 0;
        return program_eq(&a->u.sort.prog, &b->u.sort.prog);
    case IG_CMD_THREAD: case IG_CMD_UID_THREAD:
        return ig__span_caseeq(a->u.thread.algorithm, b->u.thread.algorithm) &&
               program_eq(&a->u.thread.prog, &b->u.thread.prog);
    case IG_CMD_ESEARCH:
        return esearch_eq(&a->u.esearch, &b->u.esearch);
    default:
        return 0;
    }
}
