/*
 * cmd_mailbox.c - mailbox commands (RFC 9051 §6.3): SELECT, EXAMINE (CONDSTORE / QRESYNC
 * parameters, RFC 7162), CREATE (USE, SPECIAL-USE RFC 6154), RENAME, STATUS, LIST
 * (LIST-EXTENDED RFC 5258, LIST-STATUS RFC 5819, SPECIAL-USE, MYRIGHTS RFC 8440) and
 * LSUB (rev1). Parsing, the canonical form and equality of these commands live together
 * here; the keywords are recognized by the DFAs of grammar/lex_mailbox.re. DELETE,
 * SUBSCRIBE and UNSUBSCRIBE are parsed in parse_select.c.
 *
 * Decisions where the RFCs leave room (each is tested in tests/test_mailbox.c):
 * - Parameters that the typed grammar decodes (CONDSTORE, QRESYNC, USE, LIST STATUS)
 *   may appear once; a second one is an error, since the command model holds one.
 *   Repeated LIST options are accepted and count once (RFC 5258 §3 says a server
 *   "MUST act as if it received the option only once").
 * - CONDSTORE takes no value, QRESYNC and USE must have their lists: the generic
 *   "label [SP value]" alternative of RFC 4466 is not used for these names.
 * - QRESYNC sets must not contain "*" (RFC 7162 §7, comments on known-uids,
 *   known-sequence-set and known-uid-set). mod-sequence-value is 1*DIGIT from 1 to
 *   2^63-1, so leading zeros are accepted (the canonical form drops them).
 * - RECURSIVEMATCH needs a base selection option beside it: SUBSCRIBED or an
 *   option-extension (which may be a base option); "(RECURSIVEMATCH)" and
 *   "(REMOTE RECURSIVEMATCH)" are rejected (RFC 5258 §3, RFC 9051 §6.3.9).
 * - option-vendor-tag is read as an atom, like option-standard-tag ("vendor." and the
 *   name-component are atom characters in every registered use).
 * - STATUS ext bits: RECENT sets IG_EXT_REV1; SIZE sets IG_EXT_STATUS_SIZE although
 *   RFC 9051 made it part of IMAP4rev2 (the same convention as MOVE, UNSELECT and IDLE,
 *   whose bits are set although IMAP4rev2 includes them: a rev2 server treats the bit
 *   as granted); DELETED sets none (IMAP4rev2 base; on a rev1 server it needs
 *   QUOTA=RES-MESSAGE, which a caller can see in the attribute list).
 * - The canonical form writes the decoded parameters first, in a fixed order, then the
 *   others in the order sent (RFC 5258: the order of LIST options is not significant).
 */
#include "internal.h"

/* The keyword DFAs (lex_mailbox.gen.c, generated from grammar/lex_mailbox.re). */
int ig__lexmb_select_param(const unsigned char *cur, size_t *len);
int ig__lexmb_create_param(const unsigned char *cur, size_t *len);
int ig__lexmb_status_att(const unsigned char *cur, size_t *len);
int ig__lexmb_list_select(const unsigned char *cur, size_t *len);
int ig__lexmb_list_return(const unsigned char *cur, size_t *len);
int ig__lexmb_return(const unsigned char *cur, size_t *len);

enum { KW_CONDSTORE = 1, KW_QRESYNC = 2, KW_USE = 1 };

#define MAX_MODSEQ 9223372036854775807u /* RFC 7162 §7: 63-bit */

static int nomem(struct ig__ps *ps, const unsigned char *at)
{
    return ig__fail(ps, IG_E_NOMEM, at, "command too complex (arena full)");
}

/* Counts one value that starts at `at` (the position a limit error points to). */
static int count_at(struct ig__ps *ps, const unsigned char *at)
{
    ps->tok = at;
    return ig__count_item(ps);
}

/* "(" of a parenthesized list: one level of nesting against max_depth. */
static int open_list(struct ig__ps *ps, const char *reason)
{
    if (*ps->cur != '(')
        return ig__bad_token_at(ps, ps->cur, reason);
    if (++ps->depth > ps->p->_lim.max_depth)
        return ig__fail(ps, IG_E_LIMIT, ps->cur, "nesting too deep");
    ps->cur++;
    return 0;
}

static void close_list(struct ig__ps *ps)
{
    ps->cur++;
    ps->depth--;
}

/* The error half of list_more(): neither ")" nor SP and another item. */
static int list_more_failed(struct ig__ps *ps)
{
    const unsigned char *s = ps->cur;
    if (*s == ' ')
        return ig__fail_syntax(ps, s, "unexpected space");
    if (ig__at_end(ps))
        return ig__fail_syntax(ps, s, "unbalanced parenthesis");
    return ig__bad_byte(ps, s, "expected space or ')'");
}

/* After an item of a list: 1 when SP and another item follow, 0 at ")", -1 on error.
 * SP is only ever between two items. Inline (the errors are not): once per item. */
static inline int list_more(struct ig__ps *ps)
{
    const unsigned char *s = ps->cur;
    if (*s == ')')
        return 0;
    if (*s == ' ' && s[1] != ')') {
        ps->cur++;
        return 1;
    }
    return list_more_failed(ps);
}

/* SP before an item that must follow; at ")" or the line end the item is missing. */
static int sp_need(struct ig__ps *ps, const char *reason)
{
    if (*ps->cur == ')')
        return ig__fail_syntax(ps, ps->cur, reason);
    return ig__sp(ps, reason);
}

/* The ")" that must close a list of fixed shape. */
static int expect_close(struct ig__ps *ps)
{
    if (*ps->cur == ')') {
        close_list(ps);
        return 0;
    }
    if (ig__at_end(ps))
        return ig__fail_syntax(ps, ps->cur, "unbalanced parenthesis");
    if (*ps->cur == ' ')
        return ig__fail_syntax(ps, ps->cur, "unexpected argument");
    return ig__bad_byte(ps, ps->cur, "expected ')'");
}

/* The first byte of a tagged-ext-val (RFC 4466): sequence set, number or "(". */
static int ext_value_at(const unsigned char *s)
{
    return (*s >= '0' && *s <= '9') || *s == '*' || *s == '$' || *s == '(';
}

/* select-param / create-param / rename-param (RFC 4466 §2.1):
 * tagged-ext-label [SP tagged-ext-val]. A value follows when the byte after SP can
 * start one; otherwise SP separates the next parameter. */
static int ext_param(struct ig__ps *ps, struct ig_param *pm)
{
    if (ig__label(ps, &pm->name, "invalid parameter"))
        return -1;
    if (ps->cur[0] == ' ' && ext_value_at(ps->cur + 1)) {
        ps->cur++;
        pm->has_value = 1;
        return ig__ext_value(ps, &pm->value);
    }
    return 0;
}

/* option-extension = (option-standard-tag / option-vendor-tag) [SP option-value]
 * option-value = "(" option-val-comp ")" (RFC 5258 §6): the tag is the atom of len bytes
 * at the cursor; a value is never empty. */
static int option_ext(struct ig__ps *ps, size_t len, struct ig_param *pm)
{
    pm->name.ptr = ps->cur;
    pm->name.len = len;
    if (count_at(ps, ps->cur))
        return -1;
    ps->cur += len;
    if (ps->cur[0] == ' ' && ps->cur[1] == '(') {
        ps->cur++;
        if (ps->cur[1] == ')')
            return ig__fail_syntax(ps, ps->cur, "empty option value");
        pm->has_value = 1;
        return ig__ext_value(ps, &pm->value);
    }
    return 0;
}

/* rename-params (and the tail of the others): "(" param *(SP param) ")" where every
 * param is label [SP value]. */
static int ext_params(struct ig__ps *ps, struct ig_params *out)
{
    struct ig__vec v;
    if (open_list(ps, "parameter list expected"))
        return -1;
    if (*ps->cur == ')')
        return ig__fail_syntax(ps, ps->cur, "empty parameter list");
    ig__vec_begin(ps->p, &v, sizeof(struct ig_param));
    for (;;) {
        struct ig_param *pm = ig__vec_push(ps->p, &v, sizeof(struct ig_param));
        if (pm == NULL)
            return nomem(ps, ps->cur);
        if (ext_param(ps, pm))
            return -1;
        int more = list_more(ps);
        if (more <= 0) {
            if (more < 0)
                return -1;
            break;
        }
    }
    close_list(ps);
    out->n = v.n;
    out->v = ig__vec_finish(ps->p, &v);
    return 0;
}

/* known-uids, known-sequence-set, known-uid-set = sequence-set without "*" (RFC 7162 §7). */
static int known_set(struct ig__ps *ps, struct ig_seqset *set)
{
    const unsigned char *at = ps->cur;
    if (ig__seqset(ps, set))
        return -1;
    const unsigned char *star = memchr(at, '*', set->text.len);
    if (star != NULL)
        return ig__fail_syntax(ps, star, "'*' is not allowed in a QRESYNC set");
    return 0;
}

/* "QRESYNC" SP "(" uidvalidity SP mod-sequence-value [SP known-uids]
 *     [SP seq-match-data] ")"
 * seq-match-data = "(" known-sequence-set SP known-uid-set ")"      (RFC 7162 §7)
 * The cursor is after "QRESYNC". known-uids and seq-match-data are told apart by the
 * "(" that starts seq-match-data. */
static int qresync(struct ig__ps *ps, struct ig_select *s)
{
    uint64_t v;
    const unsigned char *at;

    if (sp_need(ps, "QRESYNC parameters missing") ||
        open_list(ps, "QRESYNC parameters missing"))
        return -1;
    at = ps->cur;
    if (ig__number(ps, IG__NUMBER32, 1, &v, "UIDVALIDITY expected") || count_at(ps, at))
        return -1;
    s->uidvalidity = (uint32_t)v;
    if (sp_need(ps, "mod-sequence missing"))
        return -1;
    at = ps->cur;
    if (ig__number(ps, MAX_MODSEQ, 0, &v, "mod-sequence expected") || count_at(ps, at))
        return -1;
    if (v == 0)
        return ig__fail_syntax(ps, at, "mod-sequence must not be 0");
    s->modseq = v;
    if (ps->cur[0] == ' ' && ps->cur[1] == ')')
        return ig__fail_syntax(ps, ps->cur, "unexpected space");
    if (ps->cur[0] == ' ' && ps->cur[1] != '(') {
        ps->cur++;
        if (known_set(ps, &s->known_uids))
            return -1;
        s->has_known_uids = 1;
    }
    if (ps->cur[0] == ' ') {
        ps->cur++;
        if (open_list(ps, "invalid QRESYNC parameter") || known_set(ps, &s->known_seqs) ||
            sp_need(ps, "known UIDs missing") || known_set(ps, &s->known_seq_uids) ||
            expect_close(ps))
            return -1;
        s->has_seq_match = 1;
    }
    s->qresync = 1;
    ps->cmd->ext |= IG_EXT_QRESYNC;
    return expect_close(ps);
}

/* select-params = SP "(" select-param *(SP select-param) ")" (RFC 4466 §2.1)
 * select-param  = "CONDSTORE" / "QRESYNC" ... / label [SP value]      (RFC 7162 §7) */
static int select_params(struct ig__ps *ps, struct ig_select *s)
{
    struct ig__vec v;
    if (open_list(ps, "parameter list expected"))
        return -1;
    if (*ps->cur == ')')
        return ig__fail_syntax(ps, ps->cur, "empty parameter list");
    ig__vec_begin(ps->p, &v, sizeof(struct ig_param));
    for (;;) {
        const unsigned char *at = ps->cur;
        size_t len;
        int k = ig__lexmb_select_param(at, &len);
        if (k == KW_CONDSTORE) {
            if (s->condstore)
                return ig__fail_syntax(ps, at, "duplicate CONDSTORE parameter");
            if (count_at(ps, at))
                return -1;
            ps->cur += len;
            if (ps->cur[0] == ' ' && ext_value_at(ps->cur + 1))
                return ig__fail_syntax(ps, ps->cur + 1, "CONDSTORE takes no value");
            s->condstore = 1;
            ps->cmd->ext |= IG_EXT_CONDSTORE;
        } else if (k == KW_QRESYNC) {
            if (s->qresync)
                return ig__fail_syntax(ps, at, "duplicate QRESYNC parameter");
            if (count_at(ps, at))
                return -1;
            ps->cur += len;
            if (qresync(ps, s))
                return -1;
        } else {
            struct ig_param *pm = ig__vec_push(ps->p, &v, sizeof(struct ig_param));
            if (pm == NULL)
                return nomem(ps, at);
            if (ext_param(ps, pm))
                return -1;
        }
        int more = list_more(ps);
        if (more <= 0) {
            if (more < 0)
                return -1;
            break;
        }
    }
    close_list(ps);
    s->has_params = 1;
    s->other.n = v.n;
    s->other.v = ig__vec_finish(ps->p, &v);
    return 0;
}

/* select / examine = ("SELECT" / "EXAMINE") SP mailbox [select-params] */
static int parse_select(struct ig__ps *ps)
{
    struct ig_select *s = &ps->cmd->u.select;
    if (ig__sp(ps, "mailbox missing") || ig__mailbox(ps, &s->mailbox))
        return -1;
    if (ps->cur[0] == ' ' && ps->cur[1] == '(') {
        ps->cur++;
        if (select_params(ps, s))
            return -1;
    }
    ps->cmd->typed = 1;
    return ig__end(ps);
}

/* "USE" SP "(" [use-attr *(SP use-attr)] ")"; use-attr = "\All" / ... / "\" atom
 * (RFC 6154 §6). The attributes are kept as sent, backslash included. */
static int use_list(struct ig__ps *ps, struct ig_atoms *out)
{
    struct ig__vec v;
    if (open_list(ps, "special-use attribute list missing"))
        return -1;
    ig__vec_begin(ps->p, &v, sizeof(struct ig_span));
    if (*ps->cur != ')') {
        for (;;) {
            const unsigned char *at = ps->cur, *e = at + 1;
            if (*at != '\\')
                return ig__bad_token_at(ps, at, "invalid special-use attribute");
            while (ig__cclass[*e] & IG__C_ATOM)
                e++;
            if (e == at + 1)
                return ig__bad_byte(ps, e, "invalid special-use attribute");
            struct ig_span *a = ig__vec_push(ps->p, &v, sizeof(struct ig_span));
            if (a == NULL)
                return nomem(ps, at);
            a->ptr = at;
            a->len = (size_t)(e - at);
            if (count_at(ps, at))
                return -1;
            ps->cur = e;
            int more = list_more(ps);
            if (more <= 0) {
                if (more < 0)
                    return -1;
                break;
            }
        }
    }
    close_list(ps);
    out->n = v.n;
    out->v = ig__vec_finish(ps->p, &v);
    return 0;
}

/* create-params = SP "(" create-param *(SP create-param) ")" (RFC 4466 §2.2)
 * create-param = "USE" SP "(" [use-attr *(SP use-attr)] ")" / label [SP value] */
static int create_params(struct ig__ps *ps, struct ig_create *c)
{
    struct ig__vec v;
    if (open_list(ps, "parameter list expected"))
        return -1;
    if (*ps->cur == ')')
        return ig__fail_syntax(ps, ps->cur, "empty parameter list");
    ig__vec_begin(ps->p, &v, sizeof(struct ig_param));
    for (;;) {
        const unsigned char *at = ps->cur;
        size_t len;
        if (ig__lexmb_create_param(at, &len) == KW_USE) {
            if (c->has_use)
                return ig__fail_syntax(ps, at, "duplicate USE parameter");
            if (count_at(ps, at))
                return -1;
            ps->cur += len;
            if (sp_need(ps, "special-use attribute list missing") || use_list(ps, &c->use))
                return -1;
            c->has_use = 1;
            ps->cmd->ext |= IG_EXT_SPECIAL_USE;
        } else {
            struct ig_param *pm = ig__vec_push(ps->p, &v, sizeof(struct ig_param));
            if (pm == NULL)
                return nomem(ps, at);
            if (ext_param(ps, pm))
                return -1;
        }
        int more = list_more(ps);
        if (more <= 0) {
            if (more < 0)
                return -1;
            break;
        }
    }
    close_list(ps);
    c->has_params = 1;
    c->other.n = v.n;
    c->other.v = ig__vec_finish(ps->p, &v);
    return 0;
}

/* create = "CREATE" SP mailbox [create-params] */
static int parse_create(struct ig__ps *ps)
{
    struct ig_create *c = &ps->cmd->u.create;
    if (ig__sp(ps, "mailbox missing") || ig__mailbox(ps, &c->mailbox))
        return -1;
    if (ps->cur[0] == ' ' && ps->cur[1] == '(') {
        ps->cur++;
        if (create_params(ps, c))
            return -1;
    }
    ps->cmd->typed = 1;
    return ig__end(ps);
}

/* rename = "RENAME" SP mailbox SP mailbox [rename-params] */
static int parse_rename(struct ig__ps *ps)
{
    struct ig_rename *r = &ps->cmd->u.rename;
    if (ig__sp(ps, "mailbox missing") || ig__mailbox(ps, &r->from) ||
        ig__sp(ps, "new mailbox name missing") || ig__mailbox(ps, &r->to))
        return -1;
    if (ps->cur[0] == ' ' && ps->cur[1] == '(') {
        ps->cur++;
        if (ext_params(ps, &r->params))
            return -1;
        r->has_params = 1;
    }
    ps->cmd->typed = 1;
    return ig__end(ps);
}

/* The extension each status-att belongs to (see the header comment for SIZE). */
static const uint32_t satt_ext[IG_SATT__COUNT] = {
    [IG_SATT_RECENT] = IG_EXT_REV1,
    [IG_SATT_SIZE] = IG_EXT_STATUS_SIZE,
    [IG_SATT_HIGHESTMODSEQ] = IG_EXT_CONDSTORE,
    [IG_SATT_APPENDLIMIT] = IG_EXT_APPENDLIMIT,
    [IG_SATT_MAILBOXID] = IG_EXT_OBJECTID,
    [IG_SATT_DELETED_STORAGE] = IG_EXT_QUOTA,
};

/* "(" status-att *(SP status-att) ")" of STATUS (RFC 9051 §6.3.11) and of the LIST
 * return option STATUS (RFC 5819 §4). */
#if IG__SWAR
/* The status attributes clients send most, upper case and followed by SP or ")", read
 * sixteen text bytes at once: the attribute, with its length in *len, or -1 when it is
 * not one of them. For these, ig__lexmb_status_att matches the same keyword (SP and
 * ")" are not atom characters, so no longer atom goes on), and returns the same. The
 * caller has checked that sixteen bytes are there. */
static int simple_status_att(const unsigned char *s, size_t *len)
{
    uint64_t x = ig__load8(s), y = ig__load8(s + 8);
    size_t n = 0;
    int k = -1;
    switch (s[0]) {
    case 'M':
        if (x == IG__WORD("MESSAGES"))
            k = IG_SATT_MESSAGES, n = 8;
        break;
    case 'U':
        if (IG__STARTS(x, "UIDNEXT"))
            k = IG_SATT_UIDNEXT, n = 7;
        else if (IG__STARTS(x, "UNSEEN"))
            k = IG_SATT_UNSEEN, n = 6;
        else if (x == IG__WORD("UIDVALID") && IG__STARTS(y, "ITY"))
            k = IG_SATT_UIDVALIDITY, n = 11;
        break;
    case 'H':
        if (x == IG__WORD("HIGHESTM") && IG__STARTS(y, "ODSEQ"))
            k = IG_SATT_HIGHESTMODSEQ, n = 13;
        break;
    case 'R':
        if (IG__STARTS(x, "RECENT"))
            k = IG_SATT_RECENT, n = 6;
        break;
    default: break;
    }
    if (k < 0 || (s[n] != ' ' && s[n] != ')'))
        return -1;
    *len = n;
    return k;
}
#endif

static int status_atts(struct ig__ps *ps, struct ig_status_atts *out)
{
    struct ig__vec v;
    if (open_list(ps, "status attribute list expected"))
        return -1;
    if (*ps->cur == ')')
        return ig__fail_syntax(ps, ps->cur, "empty status attribute list");
    ig__vec_begin(ps->p, &v, 1);
    for (;;) {
        const unsigned char *at = ps->cur;
        size_t len;
        int k = -1;
#if IG__SWAR
        if (ps->lim - at >= 16)
            k = simple_status_att(at, &len);
        if (k < 0)
#endif
            k = ig__lexmb_status_att(at, &len);
        if (k < 0)
            return ig__bad_token_at(ps, at, "invalid status attribute");
        uint8_t *a = ig__vec_push(ps->p, &v, sizeof(uint8_t));
        if (a == NULL)
            return nomem(ps, at);
        *a = (uint8_t)k;
        if (count_at(ps, at))
            return -1;
        ps->cur += len;
        ps->cmd->ext |= satt_ext[k];
        int more = list_more(ps);
        if (more <= 0) {
            if (more < 0)
                return -1;
            break;
        }
    }
    close_list(ps);
    out->n = v.n;
    out->v = ig__vec_finish(ps->p, &v);
    return 0;
}

/* status = "STATUS" SP mailbox SP "(" status-att *(SP status-att) ")" */
static int parse_status(struct ig__ps *ps)
{
    struct ig_status_cmd *st = &ps->cmd->u.status;
    if (ig__sp(ps, "mailbox missing") || ig__mailbox(ps, &st->mailbox) ||
        ig__sp(ps, "status attribute list missing") || status_atts(ps, &st->atts))
        return -1;
    ps->cmd->typed = 1;
    return ig__end(ps);
}

/* list-mailbox = 1*list-char / string (RFC 9051 §9); list-char = ATOM-CHAR /
 * list-wildcards / resp-specials, so "%", "*" and "]" stand unquoted. The name rule of
 * mailboxes applies (modified UTF-7, or Net-Unicode with IG_OPT_UTF8). */
static int list_mailbox(struct ig__ps *ps, struct ig_str *out)
{
    const unsigned char *at = ps->cur;
    unsigned char c = *at;
    if (c == '"' || c == '{' || (c == '~' && at[1] == '{')) {
        if (ig__string(ps, out))
            return -1;
    } else {
        const unsigned char *e = at;
        while (ig__cclass[*e] & IG__C_LISTCHAR)
            e++;
        if (e == at)
            return ig__bad_token_at(ps, at, "mailbox pattern expected");
        out->v.ptr = at;
        out->v.len = (size_t)(e - at);
        out->form = IG_FORM_ATOM;
        out->nil = 0;
        if (count_at(ps, at))
            return -1;
        ps->cur = e;
    }
    if (!ig__mailbox_name_ok(ps, out->v))
        return ig__fail_syntax(ps, at, (ps->p->_opts & IG_OPT_UTF8)
                                           ? "mailbox name is not valid UTF-8 (Net-Unicode)"
                                           : "mailbox name is not valid modified UTF-7");
    return 0;
}

/* One list-mailbox as a vector of one, for LSUB and the plain LIST form. */
static int one_pattern(struct ig__ps *ps, struct ig_strs *out)
{
    struct ig_str *s = ig__arena_alloc(ps->p, sizeof(*s));
    if (s == NULL)
        return nomem(ps, ps->cur);
    memset(s, 0, sizeof(*s));
    if (list_mailbox(ps, s))
        return -1;
    out->n = 1;
    out->v = s;
    return 0;
}

/* patterns = "(" list-mailbox *(SP list-mailbox) ")" (RFC 5258 §6) */
static int patterns(struct ig__ps *ps, struct ig_strs *out)
{
    struct ig__vec v;
    if (open_list(ps, "mailbox pattern expected"))
        return -1;
    if (*ps->cur == ')')
        return ig__fail_syntax(ps, ps->cur, "empty pattern list");
    ig__vec_begin(ps->p, &v, sizeof(struct ig_str));
    for (;;) {
        struct ig_str *s = ig__vec_push(ps->p, &v, sizeof(struct ig_str));
        if (s == NULL)
            return nomem(ps, ps->cur);
        if (list_mailbox(ps, s))
            return -1;
        int more = list_more(ps);
        if (more <= 0) {
            if (more < 0)
                return -1;
            break;
        }
    }
    close_list(ps);
    out->n = v.n;
    out->v = ig__vec_finish(ps->p, &v);
    return 0;
}

/* list-select-opts = "(" [ (*(list-select-opt SP) list-select-base-opt
 *     *(SP list-select-opt)) / (list-select-independent-opt
 *     *(SP list-select-independent-opt)) ] ")"                      (RFC 5258 §6)
 * In words: any options in any order, but a list-select-mod-opt (RECURSIVEMATCH) needs
 * a list-select-base-opt (SUBSCRIBED, or an option-extension, which may be one). */
static int list_select(struct ig__ps *ps, struct ig_list *l)
{
    struct ig__vec v;
    const unsigned char *rmatch = NULL;
    if (open_list(ps, "selection options expected"))
        return -1;
    ig__vec_begin(ps->p, &v, sizeof(struct ig_param));
    if (*ps->cur != ')') {
        for (;;) {
            const unsigned char *at = ps->cur;
            size_t len;
            int k = ig__lexmb_list_select(at, &len);
            if (k > 0) {
                if (count_at(ps, at))
                    return -1;
                ps->cur += len;
                l->select |= (uint32_t)k;
                if (k == IG_LIST_RECURSIVEMATCH && rmatch == NULL)
                    rmatch = at;
                if (k == IG_LIST_SPECIAL_USE)
                    ps->cmd->ext |= IG_EXT_SPECIAL_USE;
            } else if (k == 0) {
                struct ig_param *pm = ig__vec_push(ps->p, &v, sizeof(struct ig_param));
                if (pm == NULL)
                    return nomem(ps, at);
                if (option_ext(ps, len, pm))
                    return -1;
            } else {
                return ig__bad_token_at(ps, at, "invalid selection option");
            }
            int more = list_more(ps);
            if (more <= 0) {
                if (more < 0)
                    return -1;
                break;
            }
        }
    }
    close_list(ps);
    l->has_select = 1;
    l->select_other.n = v.n;
    l->select_other.v = ig__vec_finish(ps->p, &v);
    if (rmatch && !(l->select & IG_LIST_SUBSCRIBED) && l->select_other.n == 0)
        return ig__fail_syntax(ps, rmatch, "RECURSIVEMATCH needs a base selection option");
    ps->cmd->ext |= IG_EXT_LIST_EXTENDED;
    return 0;
}

/* list-return-opts = "RETURN" SP "(" [return-option *(SP return-option)] ")"
 * return-option = "SUBSCRIBED" / "CHILDREN" / status-option / "SPECIAL-USE" /
 *                 "MYRIGHTS" / option-extension
 * status-option = "STATUS" SP "(" status-att *(SP status-att) ")"
 * (RFC 5258 §6, RFC 5819 §4, RFC 6154 §6, RFC 8440 §3). The cursor is after "RETURN". */
static int list_return(struct ig__ps *ps, struct ig_list *l)
{
    struct ig__vec v;
    if (ig__sp(ps, "return options missing") || open_list(ps, "return options expected"))
        return -1;
    ig__vec_begin(ps->p, &v, sizeof(struct ig_param));
    if (*ps->cur != ')') {
        for (;;) {
            const unsigned char *at = ps->cur;
            size_t len;
            int k = ig__lexmb_list_return(at, &len);
            if (k > 0) {
                if (k == IG_LIST_STATUS && (l->ret & IG_LIST_STATUS))
                    return ig__fail_syntax(ps, at, "duplicate STATUS return option");
                if (count_at(ps, at))
                    return -1;
                ps->cur += len;
                l->ret |= (uint32_t)k;
                if (k == IG_LIST_STATUS) {
                    if (sp_need(ps, "status attribute list missing") ||
                        status_atts(ps, &l->status))
                        return -1;
                    ps->cmd->ext |= IG_EXT_LIST_STATUS;
                } else if (k == IG_LIST_SPECIAL_USE) {
                    ps->cmd->ext |= IG_EXT_SPECIAL_USE;
                } else if (k == IG_LIST_MYRIGHTS) {
                    ps->cmd->ext |= IG_EXT_ACL; /* LIST-MYRIGHTS builds on ACL */
                }
            } else if (k == 0) {
                struct ig_param *pm = ig__vec_push(ps->p, &v, sizeof(struct ig_param));
                if (pm == NULL)
                    return nomem(ps, at);
                if (option_ext(ps, len, pm))
                    return -1;
            } else {
                return ig__bad_token_at(ps, at, "invalid return option");
            }
            int more = list_more(ps);
            if (more <= 0) {
                if (more < 0)
                    return -1;
                break;
            }
        }
    }
    close_list(ps);
    l->has_return = 1;
    l->return_other.n = v.n;
    l->return_other.v = ig__vec_finish(ps->p, &v);
    ps->cmd->ext |= IG_EXT_LIST_EXTENDED;
    return 0;
}

/* list = "LIST" [SP list-select-opts] SP mailbox SP mbox-or-pat [SP list-return-opts]
 * mbox-or-pat = list-mailbox / patterns                          (RFC 5258 §6) */
static int parse_list(struct ig__ps *ps)
{
    struct ig_list *l = &ps->cmd->u.list;
    if (ig__sp(ps, "mailbox missing"))
        return -1;
    if (*ps->cur == '(' && (list_select(ps, l) || ig__sp(ps, "mailbox missing")))
        return -1;
    if (ig__mailbox(ps, &l->reference) || ig__sp(ps, "mailbox pattern missing"))
        return -1;
    if (*ps->cur == '(') {
        if (patterns(ps, &l->patterns))
            return -1;
        l->patterns_list = 1;
        ps->cmd->ext |= IG_EXT_LIST_EXTENDED;
    } else if (one_pattern(ps, &l->patterns)) {
        return -1;
    }
    if (ps->cur[0] == ' ') {
        size_t len;
        const unsigned char *at = ps->cur + 1;
        if (ig__lexmb_return(at, &len) == 1) {
            if (count_at(ps, at))
                return -1;
            ps->cur = at + len;
            if (list_return(ps, l))
                return -1;
        }
    }
    ps->cmd->typed = 1;
    return ig__end(ps);
}

/* lsub = "LSUB" SP mailbox SP list-mailbox (RFC 3501 §6.3.9; rev1 only, the command word
 * already set IG_EXT_REV1). Stored in u.list with one pattern. */
static int parse_lsub(struct ig__ps *ps)
{
    struct ig_list *l = &ps->cmd->u.list;
    if (ig__sp(ps, "mailbox missing") || ig__mailbox(ps, &l->reference) ||
        ig__sp(ps, "mailbox pattern missing") || one_pattern(ps, &l->patterns))
        return -1;
    ps->cmd->typed = 1;
    return ig__end(ps);
}

int ig__parse_mailbox_family(struct ig__ps *ps)
{
    switch (ps->cmd->cmd) {
    case IG_CMD_SELECT: case IG_CMD_EXAMINE:
        return parse_select(ps);
    case IG_CMD_CREATE:
        return parse_create(ps);
    case IG_CMD_RENAME:
        return parse_rename(ps);
    case IG_CMD_STATUS:
        return parse_status(ps);
    case IG_CMD_LIST:
        return parse_list(ps);
    case IG_CMD_LSUB:
        return parse_lsub(ps);
    default:
        return ig__generic_args(ps, &ps->cmd->u.generic);
    }
}

/* ---- the canonical form ---- */

static const char *const satt_names[IG_SATT__COUNT] = {
    [IG_SATT_MESSAGES] = "MESSAGES", [IG_SATT_RECENT] = "RECENT",
    [IG_SATT_UIDNEXT] = "UIDNEXT", [IG_SATT_UIDVALIDITY] = "UIDVALIDITY",
    [IG_SATT_UNSEEN] = "UNSEEN", [IG_SATT_DELETED] = "DELETED", [IG_SATT_SIZE] = "SIZE",
    [IG_SATT_HIGHESTMODSEQ] = "HIGHESTMODSEQ", [IG_SATT_APPENDLIMIT] = "APPENDLIMIT",
    [IG_SATT_MAILBOXID] = "MAILBOXID", [IG_SATT_DELETED_STORAGE] = "DELETED-STORAGE",
};

static void put_status_atts(struct ig__writer *w, const struct ig_status_atts *a)
{
    if (a->n == 0 || a->v == NULL) {
        w->bad = 1;
        return;
    }
    ig__putc(w, '(');
    for (uint32_t i = 0; i < a->n; i++) {
        if (i)
            ig__putc(w, ' ');
        if (a->v[i] >= IG_SATT__COUNT)
            w->bad = 1;
        else
            ig__puts(w, satt_names[a->v[i]]);
    }
    ig__putc(w, ')');
}

/* tagged-ext-label (RFC 4466 §2.1) */
static int label_ok(struct ig_span s)
{
    for (size_t i = 0; i < s.len; i++) {
        unsigned char c = s.ptr[i], l = (unsigned char)(c | 32);
        if (!((l >= 'a' && l <= 'z') || c == '-' || c == '_' || c == '.' ||
              (i > 0 && ((c >= '0' && c <= '9') || c == ':'))))
            return 0;
    }
    return s.len > 0;
}


/* A tagged-ext-comp / option-val-comp item (astring or a non-empty list). */
static void put_comp(struct ig__writer *w, const struct ig_arg *a, uint32_t depth)
{
    if (depth > 1000) {
        w->bad = 1;
        return;
    }
    switch (a->type) {
    case IG_ARG_ATOM:
        if (a->v.len == 0 || !ig__all_class(a->v, IG__C_ASTRING))
            w->bad = 1;
        ig__put(w, a->v.ptr, a->v.len);
        break;
    case IG_ARG_STRING:
        ig__put_string(w, a->v, 0);
        break;
    case IG_ARG_LIST:
        if (a->n == 0 || a->items == NULL) {
            w->bad = 1;
            break;
        }
        ig__putc(w, '(');
        for (uint32_t i = 0; i < a->n; i++) {
            if (i)
                ig__putc(w, ' ');
            put_comp(w, &a->items[i], depth + 1);
        }
        ig__putc(w, ')');
        break;
    case IG_ARG_NIL: /* ig__ext_value() reads the atom NIL as NIL */
        ig__puts(w, "NIL");
        break;
    default:
        w->bad = 1;
    }
}

/* tagged-ext-val (ig__put_ext_value, shared with every family), or for LIST options
 * option-value = "(" option-val-comp ")", never empty (option = 1). */
static void put_value(struct ig__writer *w, const struct ig_arg *a, int option)
{
    if (!option) {
        ig__put_ext_value(w, a, 0);
    } else if (a->type == IG_ARG_LIST && a->n > 0) {
        ig__putc(w, '(');
        for (uint32_t i = 0; i < a->n; i++) {
            if (i)
                ig__putc(w, ' ');
            put_comp(w, &a->items[i], 1);
        }
        ig__putc(w, ')');
    } else {
        w->bad = 1;
    }
}

/* Parameters the typed grammar did not decode, each preceded by SP unless it is the
 * first item of the list (*first). Their names must not be one the parser decodes
 * (kw, NULL-terminated), or the command would not read back the same. */
static void put_params(struct ig__writer *w, const struct ig_params *ps, int *first,
                       int option, const char *const *kw)
{
    for (uint32_t i = 0; i < ps->n; i++) {
        const struct ig_param *pm = &ps->v[i];
        if (!*first)
            ig__putc(w, ' ');
        *first = 0;
        for (const char *const *k = kw; *k; k++)
            if (ig__span_is(pm->name, *k))
                w->bad = 1;
        if (option)
            ig__put_atom(w, pm->name);
        else if (label_ok(pm->name))
            ig__put(w, pm->name.ptr, pm->name.len);
        else
            w->bad = 1;
        if (pm->has_value) {
            ig__putc(w, ' ');
            put_value(w, &pm->value, option);
        }
    }
}

static void sep(struct ig__writer *w, int *first)
{
    if (!*first)
        ig__putc(w, ' ');
    *first = 0;
}

static int has_star(const struct ig_seqset *set)
{
    struct ig_range r;
    size_t pos = 0;
    while (ig_seqset_next(set, &pos, &r))
        if (r.first == 0 || r.last == 0)
            return 1;
    return 0;
}

static void put_known_set(struct ig__writer *w, const struct ig_seqset *set)
{
    if (has_star(set))
        w->bad = 1;
    ig__put_seqset(w, set);
}

static void put_select(struct ig__writer *w, const struct ig_select *s)
{
    static const char *const kw[] = {"CONDSTORE", "QRESYNC", NULL};
    int first = 1;
    ig__putc(w, ' ');
    ig__put_astring(w, s->mailbox.v);
    if (!s->has_params) {
        if (s->condstore || s->qresync || s->other.n)
            w->bad = 1;
        return;
    }
    ig__puts(w, " (");
    if (s->condstore) {
        sep(w, &first);
        ig__puts(w, "CONDSTORE");
    }
    if (s->qresync) {
        sep(w, &first);
        if (s->uidvalidity == 0 || s->modseq == 0 || s->modseq > MAX_MODSEQ)
            w->bad = 1;
        ig__puts(w, "QRESYNC (");
        ig__put_u64(w, s->uidvalidity);
        ig__putc(w, ' ');
        ig__put_u64(w, s->modseq);
        if (s->has_known_uids) {
            ig__putc(w, ' ');
            put_known_set(w, &s->known_uids);
        }
        if (s->has_seq_match) {
            ig__puts(w, " (");
            put_known_set(w, &s->known_seqs);
            ig__putc(w, ' ');
            put_known_set(w, &s->known_seq_uids);
            ig__putc(w, ')');
        }
        ig__putc(w, ')');
    }
    put_params(w, &s->other, &first, 0, kw);
    if (first)
        w->bad = 1; /* "()" is not a select-params */
    ig__putc(w, ')');
}

static void put_create(struct ig__writer *w, const struct ig_create *c)
{
    static const char *const kw[] = {"USE", NULL};
    int first = 1;
    ig__putc(w, ' ');
    ig__put_astring(w, c->mailbox.v);
    if (!c->has_params) {
        if (c->has_use || c->other.n)
            w->bad = 1;
        return;
    }
    ig__puts(w, " (");
    if (c->has_use) {
        first = 0;
        ig__puts(w, "USE (");
        for (uint32_t i = 0; i < c->use.n; i++) {
            struct ig_span a = c->use.v[i];
            struct ig_span rest = {a.ptr + 1, a.len ? a.len - 1 : 0};
            if (i)
                ig__putc(w, ' ');
            if (a.len < 2 || a.ptr[0] != '\\') {
                w->bad = 1;
                continue;
            }
            ig__putc(w, '\\');
            ig__put_atom(w, rest);
        }
        ig__putc(w, ')');
    }
    put_params(w, &c->other, &first, 0, kw);
    if (first)
        w->bad = 1;
    ig__putc(w, ')');
}

static void put_rename(struct ig__writer *w, const struct ig_rename *r)
{
    static const char *const kw[] = {NULL};
    int first = 1;
    ig__putc(w, ' ');
    ig__put_astring(w, r->from.v);
    ig__putc(w, ' ');
    ig__put_astring(w, r->to.v);
    if (!r->has_params) {
        if (r->params.n)
            w->bad = 1;
        return;
    }
    ig__puts(w, " (");
    put_params(w, &r->params, &first, 0, kw);
    if (first)
        w->bad = 1;
    ig__putc(w, ')');
}

/* list-mailbox: 1*list-char when it can be, else a string. */
static void put_pattern(struct ig__writer *w, struct ig_span v)
{
    if (v.len > 0 && ig__all_class(v, IG__C_LISTCHAR))
        ig__put(w, v.ptr, v.len);
    else
        ig__put_string(w, v, 0);
}

static void put_list(struct ig__writer *w, const struct ig_list *l, int lsub)
{
    static const char *const sel_kw[] = {"SUBSCRIBED", "REMOTE", "RECURSIVEMATCH",
                                         "SPECIAL-USE", NULL};
    static const char *const ret_kw[] = {"SUBSCRIBED", "CHILDREN", "SPECIAL-USE", "STATUS",
                                         "MYRIGHTS", NULL};
    static const struct {
        uint32_t bit;
        const char *name;
    } sel[] = {{IG_LIST_SUBSCRIBED, "SUBSCRIBED"}, {IG_LIST_REMOTE, "REMOTE"},
               {IG_LIST_RECURSIVEMATCH, "RECURSIVEMATCH"}, {IG_LIST_SPECIAL_USE, "SPECIAL-USE"}},
      ret[] = {{IG_LIST_SUBSCRIBED, "SUBSCRIBED"}, {IG_LIST_CHILDREN, "CHILDREN"},
               {IG_LIST_SPECIAL_USE, "SPECIAL-USE"}, {IG_LIST_STATUS, "STATUS"},
               {IG_LIST_MYRIGHTS, "MYRIGHTS"}};
    const uint32_t sel_all = IG_LIST_SUBSCRIBED | IG_LIST_REMOTE | IG_LIST_RECURSIVEMATCH |
                             IG_LIST_SPECIAL_USE;
    const uint32_t ret_all = IG_LIST_SUBSCRIBED | IG_LIST_CHILDREN | IG_LIST_SPECIAL_USE |
                             IG_LIST_STATUS | IG_LIST_MYRIGHTS;
    int first;

    if (lsub && (l->has_select || l->has_return || l->patterns_list || l->patterns.n != 1))
        w->bad = 1;
    if ((l->select & ~sel_all) || (l->ret & ~ret_all) ||
        (!l->has_select && (l->select || l->select_other.n)) ||
        (!l->has_return && (l->ret || l->return_other.n || l->status.n)) ||
        (!(l->ret & IG_LIST_STATUS) && l->status.n) || l->patterns.n == 0 ||
        (!l->patterns_list && l->patterns.n != 1))
        w->bad = 1;
    /* RFC 5258 §3: RECURSIVEMATCH needs a base option beside it. */
    if ((l->select & IG_LIST_RECURSIVEMATCH) && !(l->select & IG_LIST_SUBSCRIBED) &&
        l->select_other.n == 0)
        w->bad = 1;
    if (l->has_select) {
        ig__puts(w, " (");
        first = 1;
        for (size_t i = 0; i < IG__ARRAY_LEN(sel); i++) {
            if (l->select & sel[i].bit) {
                sep(w, &first);
                ig__puts(w, sel[i].name);
            }
        }
        put_params(w, &l->select_other, &first, 1, sel_kw);
        ig__putc(w, ')');
    }
    ig__putc(w, ' ');
    ig__put_astring(w, l->reference.v);
    ig__putc(w, ' ');
    if (l->patterns_list)
        ig__putc(w, '(');
    for (uint32_t i = 0; i < l->patterns.n; i++) {
        if (i)
            ig__putc(w, ' ');
        put_pattern(w, l->patterns.v[i].v);
    }
    if (l->patterns_list)
        ig__putc(w, ')');
    if (l->has_return) {
        ig__puts(w, " RETURN (");
        first = 1;
        for (size_t i = 0; i < IG__ARRAY_LEN(ret); i++) {
            if (l->ret & ret[i].bit) {
                sep(w, &first);
                ig__puts(w, ret[i].name);
                if (ret[i].bit == IG_LIST_STATUS) {
                    ig__putc(w, ' ');
                    put_status_atts(w, &l->status);
                }
            }
        }
        put_params(w, &l->return_other, &first, 1, ret_kw);
        ig__putc(w, ')');
    }
}

void ig__emit_mailbox_family(struct ig__writer *w, const struct ig_command *cmd)
{
    switch (cmd->cmd) {
    case IG_CMD_SELECT: case IG_CMD_EXAMINE:
        put_select(w, &cmd->u.select);
        break;
    case IG_CMD_CREATE:
        put_create(w, &cmd->u.create);
        break;
    case IG_CMD_RENAME:
        put_rename(w, &cmd->u.rename);
        break;
    case IG_CMD_STATUS:
        ig__putc(w, ' ');
        ig__put_astring(w, cmd->u.status.mailbox.v);
        ig__putc(w, ' ');
        put_status_atts(w, &cmd->u.status.atts);
        break;
    case IG_CMD_LIST: case IG_CMD_LSUB:
        put_list(w, &cmd->u.list, cmd->cmd == IG_CMD_LSUB);
        break;
    default:
        w->bad = 1;
    }
}

/* ---- equality: values, as the canonical form preserves them ---- */

static int atts_eq(const struct ig_status_atts *a, const struct ig_status_atts *b)
{
    return a->n == b->n && (a->n == 0 || memcmp(a->v, b->v, a->n) == 0);
}

static int select_eq(const struct ig_select *a, const struct ig_select *b)
{
    if (!ig__mailbox_eq(&a->mailbox, &b->mailbox) || a->has_params != b->has_params ||
        a->condstore != b->condstore || a->qresync != b->qresync ||
        !ig__params_eq(&a->other, &b->other))
        return 0;
    if (!a->qresync)
        return 1;
    if (a->uidvalidity != b->uidvalidity || a->modseq != b->modseq ||
        a->has_known_uids != b->has_known_uids || a->has_seq_match != b->has_seq_match)
        return 0;
    if (a->has_known_uids && !ig__seqset_eq(&a->known_uids, &b->known_uids))
        return 0;
    return !a->has_seq_match || (ig__seqset_eq(&a->known_seqs, &b->known_seqs) &&
                                 ig__seqset_eq(&a->known_seq_uids, &b->known_seq_uids));
}

static int create_eq(const struct ig_create *a, const struct ig_create *b)
{
    return ig__mailbox_eq(&a->mailbox, &b->mailbox) && a->has_params == b->has_params &&
           a->has_use == b->has_use && (!a->has_use || ig__atoms_caseeq(&a->use, &b->use)) &&
           ig__params_eq(&a->other, &b->other);
}

static int list_eq(const struct ig_list *a, const struct ig_list *b)
{
    return a->has_select == b->has_select && a->select == b->select &&
           ig__params_eq(&a->select_other, &b->select_other) &&
           ig__mailbox_eq(&a->reference, &b->reference) &&
           a->patterns_list == b->patterns_list && ig__strs_eq(&a->patterns, &b->patterns) &&
           a->has_return == b->has_return && a->ret == b->ret &&
           atts_eq(&a->status, &b->status) && ig__params_eq(&a->return_other, &b->return_other);
}

int ig__equal_mailbox_family(const struct ig_command *a, const struct ig_command *b)
{
    switch (a->cmd) {
    case IG_CMD_SELECT: case IG_CMD_EXAMINE:
        return select_eq(&a->u.select, &b->u.select);
    case IG_CMD_CREATE:
        return create_eq(&a->u.create, &b->u.create);
    case IG_CMD_RENAME:
        return ig__mailbox_eq(&a->u.rename.from, &b->u.rename.from) &&
               ig__mailbox_eq(&a->u.rename.to, &b->u.rename.to) &&
               a->u.rename.has_params == b->u.rename.has_params &&
               ig__params_eq(&a->u.rename.params, &b->u.rename.params);
    case IG_CMD_STATUS:
        return ig__mailbox_eq(&a->u.status.mailbox, &b->u.status.mailbox) &&
               atts_eq(&a->u.status.atts, &b->u.status.atts);
    case IG_CMD_LIST: case IG_CMD_LSUB:
        return list_eq(&a->u.list, &b->u.list);
    default:
        return 0;
    }
}
