/*
 * cmd_ext.c - extension commands: ENABLE (RFC 5161), ID (RFC 2971), COMPRESS (RFC 4978),
 * GETQUOTA / SETQUOTA (RFC 9208), SETACL / DELETEACL / LISTRIGHTS (RFC 4314),
 * GETMETADATA / SETMETADATA (RFC 5464). Parsing, the canonical form and equality of
 * these commands live together here; the keyword DFAs are in grammar/lex_ext.re.
 * (GETQUOTAROOT, GETACL and MYRIGHTS take one mailbox: parser/parse_select.c.)
 *
 *   enable          = "ENABLE" 1*(SP capability)
 *   capability      = ("AUTH=" auth-type) / atom
 *   id              = "ID" SP id-params-list
 *   id-params-list  = "(" [string SP nstring *(SP string SP nstring)] ")" / nil
 *   compress        = "COMPRESS" SP algorithm          ; algorithm: any atom
 *   getquota        = "GETQUOTA" SP quota-root-name    ; quota-root-name = astring
 *   setquota        = "SETQUOTA" SP quota-root-name SP setquota-list
 *   setquota-list   = "(" [setquota-resource *(SP setquota-resource)] ")"
 *   setquota-resource = resource-name SP resource-limit ; atom SP number64
 *   setacl          = "SETACL" SP mailbox SP identifier SP mod-rights
 *   deleteacl       = "DELETEACL" SP mailbox SP identifier
 *   listrights      = "LISTRIGHTS" SP mailbox SP identifier
 *   getmetadata     = "GETMETADATA" [SP getmetadata-options] SP mailbox SP entries
 *   getmetadata-options = "(" getmetadata-option *(SP getmetadata-option) ")"
 *   getmetadata-option  = tagged-ext-label [SP tagged-ext-val]
 *                         ; MAXSIZE SP number, DEPTH SP ("0" / "1" / "infinity")
 *   entries         = entry / "(" entry *(SP entry) ")"
 *   setmetadata     = "SETMETADATA" SP mailbox SP entry-values
 *   entry-values    = "(" entry-value *(SP entry-value) ")"
 *   entry-value     = entry SP value                   ; value = nstring / literal8
 *
 * Judgment calls (each one is tested in tests/test_ext.c):
 * - ENABLE: every capability is an atom ("AUTH=" auth-type is one too), kept and written
 *   as sent; capability names compare case-insensitively. No capability sets other
 *   IG_EXT_* bits: ENABLE CONDSTORE uses no CONDSTORE syntax.
 * - ID: RFC 2971 writes the list as "#(string SPACE nstring)" (RFC 822 list notation);
 *   like every implementation and the RFC's own examples, items are separated by single
 *   spaces, never commas. "#" allows zero items, so "()" is accepted and kept apart from
 *   NIL (nil = 1) in emit and equality. Fields must be strings (quoted or literal, not
 *   atoms, not NIL). The RFC 2971 §3.3 bounds (fields <= 30 octets, values <= 1024,
 *   <= 30 pairs, no repeated field) are client MUST NOTs that the grammar does not
 *   enforce: §3.3 also says a server MUST NOT refuse service because of ID data, the
 *   typed values let a server apply its own policy, and max_items / max_string_literal
 *   already bound the cost. Field names compare case-insensitively (§3.3: "Strings are
 *   not case-sensitive"), values exactly.
 * - COMPRESS: any atom is accepted so that future algorithms parse; "DEFLATE" (the one
 *   keyword of RFC 4978) is written in upper case, other atoms as sent; compared
 *   case-insensitively.
 * - GETQUOTA / SETQUOTA: quota roots are astrings compared byte for byte (they are not
 *   mailbox names). Resource names are atoms: STORAGE, MESSAGE, MAILBOX and
 *   ANNOTATION-STORAGE are written in upper case, others as sent; compared
 *   case-insensitively. Limits are number64 (at most 2^63-1). "()" (remove every limit)
 *   is accepted; repeated resources are the server's business.
 * - ACL: the identifier must be valid UTF-8 (RFC 4314 §2; a literal could carry any
 *   byte): "identifier is not valid UTF-8". mod-rights is validated: an optional "+" or
 *   "-", then only lower-case letters and digits (RFC 4314 §2 and the "rights" rule:
 *   "only lowercase ASCII letters and digits are allowed"; §3.1's example answers
 *   "lrQswicda" with BAD). Upper case gives "uppercase rights are not allowed", anything
 *   else "invalid character in rights". Zero rights ("", "+", "-") are allowed (§3.1:
 *   "zero or more rights characters"). Whether a right is supported is the server's
 *   business. The prefix goes to ig_acl.op, the letters to ig_acl.rights.
 * - METADATA entry names (RFC 5464 §3.2) are validated wherever an entry stands: "/"
 *   then "private" or "shared" (any case), then one or more non-empty "/" components
 *   (at least 2 components; no "//", no trailing "/"); only %x20-7E except "*" and "%".
 *   This is stricter than §3.2's literal text in two places: it bans all of
 *   %x00-1F and %x7F (the RFC says 0x00 to 0x19, which looks like a slip for 0x1F, and
 *   "strongly discourages" controls), and it accepts no prefix other than /private and
 *   /shared ("Currently, only the prefixes ... are defined"). The vendor rule (at
 *   least 4 components under /shared/vendor/) is not checked: §3.2.1.1 itself defines
 *   the 3-component /shared/vendor/<vendor-token>. Entry names compare
 *   case-insensitively (§3.2) and are written as sent.
 * - GETMETADATA: the options come before the mailbox, as the ABNF says; RFC 5464's
 *   examples in §4.2.2 and §4.2.3 put them after the mailbox, and those lines are
 *   rejected (they also violate the ABNF). So are the §4.4.1 examples that list two
 *   entries without parentheses. An empty option list "()" is refused (the ABNF needs
 *   one option), so is a repeated MAXSIZE or DEPTH. MAXSIZE is a 32-bit number. Other
 *   options are RFC 4466 tagged-ext (label [SP value]) kept in `other`. Canonical
 *   order: MAXSIZE, DEPTH, then the others in the order sent; "infinity" is written in
 *   the RFC's spelling. has_options is not compared (it follows from the options).
 *   entries_list (parentheses around a single entry) is kept, written and compared.
 * - SETMETADATA values are NIL, a string or a literal8 (which may carry NUL and sets
 *   IG_EXT_BINARY). An atom other than NIL is not a value. A value holding NUL is
 *   written as literal8, other values as quoted strings or {n} literals.
 * - Every parenthesized list counts one level against max_depth.
 */
#include "internal.h"

/* grammar/lex_ext.re */
int ig__lex_ext_option(const unsigned char *cur, size_t *len);
int ig__lex_ext_depth(const unsigned char *cur, size_t *len);

enum { OPT_NONE = 0, OPT_MAXSIZE = 1, OPT_DEPTH = 2, OPT_OTHER = 3 };

/* ---- validation shared by parse and emit ---- */

/* Valid UTF-8 (RFC 3629 §4): 1 or 0. */
static int utf8_ok(struct ig_span v)
{
    const unsigned char *s = v.ptr;
    size_t n = v.len;
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t k = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3
                 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
        unsigned char lo = c == 0xe0 ? 0xa0 : c == 0xf0 ? 0x90 : 0x80;
        unsigned char hi = c == 0xed ? 0x9f : c == 0xf4 ? 0x8f : 0xbf;
        if (k == 0 || i + k > n || s[i + 1] < lo || s[i + 1] > hi)
            return 0;
        for (size_t j = 2; j < k; j++)
            if (s[i + j] < 0x80 || s[i + j] > 0xbf)
                return 0;
        i += k;
    }
    return 1;
}

/* RFC 5464 §3.2 entry name; NULL when valid, else the reason. */
static const char *entry_problem(struct ig_span v)
{
    const unsigned char *s = v.ptr;
    size_t n = v.len, first = 0;
    if (n == 0 || s[0] != '/')
        return "entry name must start with /private/ or /shared/";
    while (1 + first < n && s[1 + first] != '/')
        first++;
    if (!((first == 7 && ig__ascii_casecmp(s + 1, "private", 7) == 0) ||
          (first == 6 && ig__ascii_casecmp(s + 1, "shared", 6) == 0)))
        return "entry name must start with /private/ or /shared/";
    if (1 + first == n)
        return "entry name needs a component after its prefix";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        if (c == '/' && (i + 1 == n || s[i + 1] == '/'))
            return "empty component in entry name";
        if (c < 0x20 || c > 0x7e || c == '*' || c == '%')
            return "invalid character in entry name";
    }
    return NULL;
}

/* mod-rights without its prefix: index of the first bad byte, or n. */
static size_t rights_bad(struct ig_span v)
{
    for (size_t i = 0; i < v.len; i++) {
        unsigned char c = v.ptr[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
            return i;
    }
    return v.len;
}

/* ---- parsing helpers ---- */

static int nomem(struct ig__ps *ps, const unsigned char *at)
{
    return ig__fail(ps, IG_E_NOMEM, at, "command too complex (arena full)");
}

/* Counts a value that no lexer call marked (a number, a keyword value). */
static int count_at(struct ig__ps *ps, const unsigned char *at)
{
    ps->tok = at;
    return ig__count_item(ps);
}

/* At "(": one more nesting level. */
static int open_list(struct ig__ps *ps)
{
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

/* After an item of a parenthesized list: 1 at ")", 0 after the SP that precedes the
 * next item, -1 on error. Exactly one SP separates items, none stands before ")". */
static int list_next(struct ig__ps *ps)
{
    const unsigned char *s = ps->cur;
    if (*s == ')')
        return 1;
    if (*s == ' ') {
        if (s[1] == ')' || s[1] == ' ')
            return ig__fail_syntax(ps, s, "unexpected space");
        ps->cur++;
        return 0;
    }
    if (ig__at_end(ps))
        return ig__fail_syntax(ps, s, "unbalanced parenthesis");
    return ig__bad_byte(ps, s, "expected space or ')'");
}

/* "(" that must open a list with at least one item. */
static int open_nonempty(struct ig__ps *ps, const char *what)
{
    if (*ps->cur != '(')
        return ig__bad_token_at(ps, ps->cur, what);
    if (open_list(ps))
        return -1;
    if (*ps->cur == ')')
        return ig__fail_syntax(ps, ps->cur, "empty parentheses");
    return 0;
}

static int is_nil(const unsigned char *s)
{
    return (s[0] | 32) == 'n' && (s[1] | 32) == 'i' && (s[2] | 32) == 'l' &&
           !(ig__cclass[s[3]] & IG__C_ASTRING);
}

/* ---- ENABLE (RFC 5161 §4, RFC 9051 §6.3.1) ---- */

static int parse_enable(struct ig__ps *ps)
{
    struct ig_enable *en = &ps->cmd->u.enable;
    struct ig__vec v;

    if (ig__sp(ps, "capability missing"))
        return -1;
    ig__vec_begin(ps->p, &v, sizeof(struct ig_span));
    for (;;) {
        struct ig_span *cap = ig__vec_push(ps->p, &v, sizeof(struct ig_span));
        if (cap == NULL)
            return nomem(ps, ps->cur);
        if (ig__atom(ps, cap, "invalid capability"))
            return -1;
        if (*ps->cur != ' ')
            break;
        ps->cur++;
    }
    en->caps.n = v.n;
    en->caps.v = ig__vec_finish(ps->p, &v);
    return 0;
}

/* ---- ID (RFC 2971 §3.1, §4) ---- */

static int parse_id(struct ig__ps *ps)
{
    struct ig_id *id = &ps->cmd->u.id;
    struct ig__vec v;

    if (ig__sp(ps, "parameter list missing"))
        return -1;
    if (*ps->cur != '(') {
        if (!is_nil(ps->cur))
            return ig__bad_token_at(ps, ps->cur, "expected '(' or NIL");
        id->nil = 1;
        ps->cur += 3;
        return count_at(ps, ps->cur - 3);
    }
    if (open_list(ps))
        return -1;
    ig__vec_begin(ps->p, &v, sizeof(struct ig_id_pair));
    if (*ps->cur != ')') {
        for (;;) {
            struct ig_id_pair *pair = ig__vec_push(ps->p, &v, sizeof(struct ig_id_pair));
            if (pair == NULL)
                return nomem(ps, ps->cur);
            if (ig__string(ps, &pair->field))
                return -1;
            if (*ps->cur == ')')
                return ig__fail_syntax(ps, ps->cur, "field without a value");
            if (ig__sp(ps, "unbalanced parenthesis") || ig__nstring(ps, &pair->value))
                return -1;
            int r = list_next(ps);
            if (r < 0)
                return -1;
            if (r)
                break;
        }
    }
    close_list(ps);
    id->n = v.n;
    id->v = ig__vec_finish(ps->p, &v);
    return 0;
}

/* ---- COMPRESS (RFC 4978 §3, §5) ---- */

static int parse_compress(struct ig__ps *ps)
{
    return ig__sp(ps, "algorithm missing") ||
                   ig__atom(ps, &ps->cmd->u.compress.algorithm, "invalid algorithm")
               ? -1
               : 0;
}

/* ---- GETQUOTA, SETQUOTA (RFC 9208 §4.1.1, §4.1.3, §7) ---- */

static int parse_getquota(struct ig__ps *ps)
{
    return ig__sp(ps, "quota root missing") || ig__astring(ps, &ps->cmd->u.getquota.root)
               ? -1
               : 0;
}

static int parse_setquota(struct ig__ps *ps)
{
    struct ig_setquota *sq = &ps->cmd->u.setquota;
    struct ig__vec v;

    if (ig__sp(ps, "quota root missing") || ig__astring(ps, &sq->root) ||
        ig__sp(ps, "resource list missing"))
        return -1;
    if (*ps->cur != '(')
        return ig__bad_token_at(ps, ps->cur, "resource list expected");
    if (open_list(ps))
        return -1;
    ig__vec_begin(ps->p, &v, sizeof(struct ig_quota_limit));
    if (*ps->cur != ')') {
        for (;;) {
            struct ig_quota_limit *ql = ig__vec_push(ps->p, &v, sizeof(struct ig_quota_limit));
            if (ql == NULL)
                return nomem(ps, ps->cur);
            if (ig__atom(ps, &ql->resource, "invalid resource name"))
                return -1;
            if (*ps->cur == ')')
                return ig__fail_syntax(ps, ps->cur, "resource limit missing");
            if (ig__sp(ps, "unbalanced parenthesis"))
                return -1;
            const unsigned char *num = ps->cur;
            if (ig__number(ps, IG__NUMBER64, 0, &ql->limit, "resource limit expected") ||
                count_at(ps, num))
                return -1;
            int r = list_next(ps);
            if (r < 0)
                return -1;
            if (r)
                break;
        }
    }
    close_list(ps);
    sq->n = v.n;
    sq->v = ig__vec_finish(ps->p, &v);
    return 0;
}

/* ---- SETACL, DELETEACL, LISTRIGHTS (RFC 4314 §3.1, §3.2, §3.4, §7) ---- */

static int parse_acl(struct ig__ps *ps, int with_rights)
{
    struct ig_acl *acl = &ps->cmd->u.acl;

    if (ig__sp(ps, "mailbox missing") || ig__mailbox(ps, &acl->mailbox) ||
        ig__sp(ps, "identifier missing"))
        return -1;
    const unsigned char *at = ps->cur;
    if (ig__astring(ps, &acl->identifier))
        return -1;
    if (!utf8_ok(acl->identifier.v))
        return ig__fail_syntax(ps, at, "identifier is not valid UTF-8");
    if (!with_rights)
        return 0;
    if (ig__sp(ps, "rights missing"))
        return -1;
    at = ps->cur;
    struct ig_str mod;
    if (ig__astring(ps, &mod))
        return -1;
    acl->rights = mod;
    if (mod.v.len > 0 && (mod.v.ptr[0] == '+' || mod.v.ptr[0] == '-')) {
        acl->op = mod.v.ptr[0] == '+' ? 1 : -1;
        acl->rights.v.ptr++;
        acl->rights.v.len--;
    }
    size_t bad = rights_bad(acl->rights.v);
    if (bad < acl->rights.v.len) {
        unsigned char c = acl->rights.v.ptr[bad];
        /* An atom is in place: point at the byte; a decoded string at its start. */
        const unsigned char *pos = mod.form == IG_FORM_ATOM ? acl->rights.v.ptr + bad : at;
        return ig__fail_syntax(ps, pos, c >= 'A' && c <= 'Z' ? "uppercase rights are not allowed"
                                                             : "invalid character in rights");
    }
    return 0;
}

/* ---- GETMETADATA, SETMETADATA (RFC 5464 §4.2, §4.3, §5) ---- */

static int metadata_entry(struct ig__ps *ps, struct ig_str *out)
{
    const unsigned char *at = ps->cur;
    if (ig__astring(ps, out))
        return -1;
    const char *why = entry_problem(out->v);
    return why ? ig__fail_syntax(ps, at, why) : 0;
}

/* value = nstring / literal8 (ig__astring refuses literal8, so the token is read here;
 * a literal8 whose octets have not arrived stops the pass like any string literal). */
static int metadata_value(struct ig__ps *ps, struct ig_str *out)
{
    unsigned char c = *ps->cur;
    struct ig__lit lit;

    if (c != '"' && c != '{' && c != '~')
        return ig__nstring(ps, out); /* NIL, or "string expected" */
    enum ig__tok t = ig__lex_astring(ps, &lit);
    if (t == IG__T_ERR)
        return ps->reason ? -1 : ig__bad_token(ps, "invalid value");
    if (t == IG__T_ATOM) /* "~..." that is no literal8 header */
        return ig__fail_syntax(ps, ps->tok, "string expected");
    if (t == IG__T_LITERAL && lit.pending)
        return ig__pending(ps, IG__PENDING_ARG);
    if (ig__count_item(ps))
        return -1;
    return ig__string_value(ps, t, &lit, out);
}

static int getmetadata_options(struct ig__ps *ps, struct ig_getmetadata *g)
{
    struct ig__vec v;

    if (open_nonempty(ps, "option list expected"))
        return -1;
    ig__vec_begin(ps->p, &v, sizeof(struct ig_param));
    for (;;) {
        const unsigned char *at = ps->cur;
        size_t n;
        int k = ig__lex_ext_option(at, &n);
        if (k == OPT_NONE)
            return ig__bad_token_at(ps, at, "invalid option name");
        if (ig__cclass[at[n]] & IG__C_ATOM) /* a label is a whole atom */
            return ig__bad_byte(ps, at + n, "invalid option name");
        ps->cur = at + n;
        if (count_at(ps, at))
            return -1;
        if (k == OPT_MAXSIZE) {
            if (g->has_maxsize)
                return ig__fail_syntax(ps, at, "duplicate MAXSIZE option");
            if (*ps->cur != ' ')
                return ig__fail_syntax(ps, ps->cur, "MAXSIZE needs a number");
            const unsigned char *num = ++ps->cur;
            uint64_t size;
            if (ig__number(ps, IG__NUMBER32, 0, &size, "MAXSIZE needs a number") ||
                count_at(ps, num))
                return -1;
            g->has_maxsize = 1;
            g->maxsize = (uint32_t)size;
        } else if (k == OPT_DEPTH) {
            if (g->has_depth)
                return ig__fail_syntax(ps, at, "duplicate DEPTH option");
            if (*ps->cur != ' ')
                return ig__fail_syntax(ps, ps->cur, "DEPTH must be 0, 1 or infinity");
            const unsigned char *val = ++ps->cur;
            int d = ig__lex_ext_depth(val, &n);
            if (d < 0 || (ig__cclass[val[n]] & IG__C_ATOM))
                return ig__fail_syntax(ps, val, "DEPTH must be 0, 1 or infinity");
            ps->cur = val + n;
            if (count_at(ps, val))
                return -1;
            g->has_depth = 1;
            g->depth = (uint8_t)d;
        } else {
            struct ig_param *prm = ig__vec_push(ps->p, &v, sizeof(struct ig_param));
            if (prm == NULL)
                return nomem(ps, at);
            prm->name.ptr = at;
            prm->name.len = n;
            if (*ps->cur == ' ') {
                ps->cur++;
                if (ig__ext_value_follows(ps)) {
                    prm->has_value = 1;
                    if (ig__ext_value(ps, &prm->value))
                        return -1;
                } else {
                    ps->cur--; /* the SP before the next option */
                }
            }
        }
        int r = list_next(ps);
        if (r < 0)
            return -1;
        if (r)
            break;
    }
    close_list(ps);
    g->has_options = 1;
    g->other.n = v.n;
    g->other.v = ig__vec_finish(ps->p, &v);
    return 0;
}

static int parse_getmetadata(struct ig__ps *ps)
{
    struct ig_getmetadata *g = &ps->cmd->u.getmetadata;
    struct ig__vec v;

    if (ig__sp(ps, "mailbox missing"))
        return -1;
    if (*ps->cur == '(' && (getmetadata_options(ps, g) || ig__sp(ps, "mailbox missing")))
        return -1;
    if (ig__mailbox(ps, &g->mailbox) || ig__sp(ps, "entry missing"))
        return -1;
    ig__vec_begin(ps->p, &v, sizeof(struct ig_str));
    if (*ps->cur == '(') {
        if (open_nonempty(ps, "entry expected"))
            return -1;
        g->entries_list = 1;
        /* RFC 5464's own examples (§4.2.2, §4.2.3) put the options after the mailbox,
         * against its ABNF: say so rather than "invalid entry name". */
        size_t n;
        int k = ig__lex_ext_option(ps->cur, &n);
        if ((k == OPT_MAXSIZE || k == OPT_DEPTH) && ps->cur[n] == ' ')
            return ig__fail_syntax(ps, ps->cur - 1, "options must come before the mailbox");
        for (;;) {
            struct ig_str *e = ig__vec_push(ps->p, &v, sizeof(struct ig_str));
            if (e == NULL)
                return nomem(ps, ps->cur);
            if (metadata_entry(ps, e))
                return -1;
            int r = list_next(ps);
            if (r < 0)
                return -1;
            if (r)
                break;
        }
        close_list(ps);
    } else {
        struct ig_str *e = ig__vec_push(ps->p, &v, sizeof(struct ig_str));
        if (e == NULL)
            return nomem(ps, ps->cur);
        if (metadata_entry(ps, e))
            return -1;
    }
    g->entries.n = v.n;
    g->entries.v = ig__vec_finish(ps->p, &v);
    return 0;
}

static int parse_setmetadata(struct ig__ps *ps)
{
    struct ig_setmetadata *sm = &ps->cmd->u.setmetadata;
    struct ig__vec v;

    if (ig__sp(ps, "mailbox missing") || ig__mailbox(ps, &sm->mailbox) ||
        ig__sp(ps, "entry list missing") || open_nonempty(ps, "entry list expected"))
        return -1;
    ig__vec_begin(ps->p, &v, sizeof(struct ig_metadata_value));
    for (;;) {
        struct ig_metadata_value *mv = ig__vec_push(ps->p, &v, sizeof(struct ig_metadata_value));
        if (mv == NULL)
            return nomem(ps, ps->cur);
        if (metadata_entry(ps, &mv->entry))
            return -1;
        if (*ps->cur == ')')
            return ig__fail_syntax(ps, ps->cur, "entry without a value");
        if (ig__sp(ps, "unbalanced parenthesis") || metadata_value(ps, &mv->value))
            return -1;
        int r = list_next(ps);
        if (r < 0)
            return -1;
        if (r)
            break;
    }
    close_list(ps);
    sm->n = v.n;
    sm->v = ig__vec_finish(ps->p, &v);
    return 0;
}

int ig__parse_ext_family(struct ig__ps *ps)
{
    int r;
    switch (ps->cmd->cmd) {
    case IG_CMD_ENABLE: r = parse_enable(ps); break;
    case IG_CMD_ID: r = parse_id(ps); break;
    case IG_CMD_COMPRESS: r = parse_compress(ps); break;
    case IG_CMD_GETQUOTA: r = parse_getquota(ps); break;
    case IG_CMD_SETQUOTA: r = parse_setquota(ps); break;
    case IG_CMD_SETACL: r = parse_acl(ps, 1); break;
    case IG_CMD_DELETEACL: case IG_CMD_LISTRIGHTS: r = parse_acl(ps, 0); break;
    case IG_CMD_GETMETADATA: r = parse_getmetadata(ps); break;
    case IG_CMD_SETMETADATA: r = parse_setmetadata(ps); break;
    default: return ig__generic_args(ps, &ps->cmd->u.generic);
    }
    if (r)
        return -1;
    ps->cmd->typed = 1;
    return ig__end(ps);
}

/* ---- the canonical form ---- */

/* A keyword of kws in its canonical spelling, else the atom as sent. */
static void put_word(struct ig__writer *w, struct ig_span v, const char *const *kws, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (ig__span_is(v, kws[i])) {
            ig__puts(w, kws[i]);
            return;
        }
    }
    ig__put_atom(w, v);
}

static void put_entry(struct ig__writer *w, const struct ig_str *e)
{
    if (e->nil || entry_problem(e->v) != NULL)
        w->bad = 1;
    ig__put_astring(w, e->v);
}

/* A string position (never an atom, never literal8). */
static void put_string(struct ig__writer *w, const struct ig_str *s)
{
    if (s->nil)
        w->bad = 1;
    ig__put_string(w, s->v, 0);
}

static void emit_id(struct ig__writer *w, const struct ig_id *id)
{
    if (id->nil) {
        ig__puts(w, " NIL");
        if (id->n)
            w->bad = 1;
        return;
    }
    ig__puts(w, " (");
    for (uint32_t i = 0; i < id->n; i++) {
        if (i)
            ig__putc(w, ' ');
        put_string(w, &id->v[i].field);
        ig__putc(w, ' ');
        if (id->v[i].value.nil)
            ig__puts(w, "NIL");
        else
            ig__put_string(w, id->v[i].value.v, 0);
    }
    ig__putc(w, ')');
}

static void emit_setquota(struct ig__writer *w, const struct ig_setquota *sq)
{
    static const char *const resources[] = {"STORAGE", "MESSAGE", "MAILBOX",
                                            "ANNOTATION-STORAGE"};
    ig__putc(w, ' ');
    ig__put_astring(w, sq->root.v);
    ig__puts(w, " (");
    for (uint32_t i = 0; i < sq->n; i++) {
        if (i)
            ig__putc(w, ' ');
        put_word(w, sq->v[i].resource, resources, IG__ARRAY_LEN(resources));
        ig__putc(w, ' ');
        if (sq->v[i].limit > IG__NUMBER64)
            w->bad = 1;
        ig__put_u64(w, sq->v[i].limit);
    }
    ig__putc(w, ')');
}

static void emit_acl(struct ig__writer *w, const struct ig_command *cmd)
{
    const struct ig_acl *acl = &cmd->u.acl;
    ig__putc(w, ' ');
    ig__put_astring(w, acl->mailbox.v);
    ig__putc(w, ' ');
    if (!utf8_ok(acl->identifier.v))
        w->bad = 1;
    ig__put_astring(w, acl->identifier.v);
    if (cmd->cmd != IG_CMD_SETACL)
        return;
    ig__putc(w, ' ');
    if (acl->op < -1 || acl->op > 1 || rights_bad(acl->rights.v) < acl->rights.v.len)
        w->bad = 1;
    if (acl->op == 0 && acl->rights.v.len == 0) {
        ig__puts(w, "\"\"");
        return;
    }
    /* "+", "-", letters and digits are all ATOM-CHARs: always an atom. */
    if (acl->op)
        ig__putc(w, acl->op > 0 ? '+' : '-');
    ig__put(w, acl->rights.v.ptr, acl->rights.v.len);
}

/* tagged-ext-label (RFC 4466 §2.1), for a span. */
static int label_ok(struct ig_span v)
{
    if (v.len == 0)
        return 0;
    for (size_t i = 0; i < v.len; i++) {
        unsigned char c = v.ptr[i], l = (unsigned char)(c | 32);
        if (!((l >= 'a' && l <= 'z') || c == '-' || c == '_' || c == '.' ||
              (i > 0 && ((c >= '0' && c <= '9') || c == ':'))))
            return 0;
    }
    return 1;
}

static void emit_getmetadata(struct ig__writer *w, const struct ig_getmetadata *g)
{
    static const char *const depths[] = {"0", "1", "infinity"};
    int n = 0;
    if (g->has_maxsize || g->has_depth || g->other.n) {
        ig__puts(w, " (");
        if (g->has_maxsize) {
            ig__puts(w, "MAXSIZE ");
            ig__put_u64(w, g->maxsize);
            n++;
        }
        if (g->has_depth) {
            ig__puts(w, n++ ? " DEPTH " : "DEPTH ");
            if (g->depth > 2)
                w->bad = 1;
            else
                ig__puts(w, depths[g->depth]);
        }
        for (uint32_t i = 0; i < g->other.n; i++) {
            const struct ig_param *prm = &g->other.v[i];
            /* Only a label that reads back as the same other option. */
            if (!label_ok(prm->name) || ig__span_is(prm->name, "MAXSIZE") ||
                ig__span_is(prm->name, "DEPTH"))
                w->bad = 1;
            if (n++)
                ig__putc(w, ' ');
            ig__put(w, prm->name.ptr, prm->name.len);
            if (prm->has_value) {
                ig__putc(w, ' ');
                ig__put_ext_value(w, &prm->value, 0);
            }
        }
        ig__putc(w, ')');
    }
    ig__putc(w, ' ');
    ig__put_astring(w, g->mailbox.v);
    ig__putc(w, ' ');
    if (g->entries.n == 0 || (!g->entries_list && g->entries.n > 1))
        w->bad = 1;
    if (g->entries_list)
        ig__putc(w, '(');
    for (uint32_t i = 0; i < g->entries.n; i++) {
        if (i)
            ig__putc(w, ' ');
        put_entry(w, &g->entries.v[i]);
    }
    if (g->entries_list)
        ig__putc(w, ')');
}

static void emit_setmetadata(struct ig__writer *w, const struct ig_setmetadata *sm)
{
    ig__putc(w, ' ');
    ig__put_astring(w, sm->mailbox.v);
    ig__puts(w, " (");
    if (sm->n == 0)
        w->bad = 1;
    for (uint32_t i = 0; i < sm->n; i++) {
        if (i)
            ig__putc(w, ' ');
        put_entry(w, &sm->v[i].entry);
        ig__putc(w, ' ');
        if (sm->v[i].value.nil)
            ig__puts(w, "NIL");
        else
            ig__put_string(w, sm->v[i].value.v, 1); /* literal8 when it holds NUL */
    }
    ig__putc(w, ')');
}

void ig__emit_ext_family(struct ig__writer *w, const struct ig_command *cmd)
{
    static const char *const deflate[] = {"DEFLATE"};
    switch (cmd->cmd) {
    case IG_CMD_ENABLE:
        if (cmd->u.enable.caps.n == 0)
            w->bad = 1;
        for (uint32_t i = 0; i < cmd->u.enable.caps.n; i++) {
            ig__putc(w, ' ');
            ig__put_atom(w, cmd->u.enable.caps.v[i]);
        }
        break;
    case IG_CMD_ID:
        emit_id(w, &cmd->u.id);
        break;
    case IG_CMD_COMPRESS:
        ig__putc(w, ' ');
        put_word(w, cmd->u.compress.algorithm, deflate, 1);
        break;
    case IG_CMD_GETQUOTA:
        ig__putc(w, ' ');
        ig__put_astring(w, cmd->u.getquota.root.v);
        break;
    case IG_CMD_SETQUOTA:
        emit_setquota(w, &cmd->u.setquota);
        break;
    case IG_CMD_SETACL: case IG_CMD_DELETEACL: case IG_CMD_LISTRIGHTS:
        emit_acl(w, cmd);
        break;
    case IG_CMD_GETMETADATA:
        emit_getmetadata(w, &cmd->u.getmetadata);
        break;
    case IG_CMD_SETMETADATA:
        emit_setmetadata(w, &cmd->u.setmetadata);
        break;
    default:
        w->bad = 1;
    }
}

/* ---- equality: values, not spellings ---- */

static int entries_eq(const struct ig_str *a, const struct ig_str *b)
{
    return a->nil == b->nil && ig__span_caseeq(a->v, b->v);
}

static int id_eq(const struct ig_id *a, const struct ig_id *b)
{
    if (a->nil != b->nil || a->n != b->n)
        return 0;
    for (uint32_t i = 0; i < a->n; i++)
        if (!ig__span_caseeq(a->v[i].field.v, b->v[i].field.v) ||
            !ig__str_eq(&a->v[i].value, &b->v[i].value))
            return 0;
    return 1;
}

static int setquota_eq(const struct ig_setquota *a, const struct ig_setquota *b)
{
    if (!ig__str_eq(&a->root, &b->root) || a->n != b->n)
        return 0;
    for (uint32_t i = 0; i < a->n; i++)
        if (!ig__span_caseeq(a->v[i].resource, b->v[i].resource) ||
            a->v[i].limit != b->v[i].limit)
            return 0;
    return 1;
}

static int getmetadata_eq(const struct ig_getmetadata *a, const struct ig_getmetadata *b)
{
    if (a->has_maxsize != b->has_maxsize || (a->has_maxsize && a->maxsize != b->maxsize) ||
        a->has_depth != b->has_depth || (a->has_depth && a->depth != b->depth) ||
        !ig__params_eq(&a->other, &b->other) || !ig__mailbox_eq(&a->mailbox, &b->mailbox) ||
        a->entries_list != b->entries_list || a->entries.n != b->entries.n)
        return 0;
    for (uint32_t i = 0; i < a->entries.n; i++)
        if (!entries_eq(&a->entries.v[i], &b->entries.v[i]))
            return 0;
    return 1;
}

static int setmetadata_eq(const struct ig_setmetadata *a, const struct ig_setmetadata *b)
{
    if (!ig__mailbox_eq(&a->mailbox, &b->mailbox) || a->n != b->n)
        return 0;
    for (uint32_t i = 0; i < a->n; i++)
        if (!entries_eq(&a->v[i].entry, &b->v[i].entry) ||
            !ig__str_eq(&a->v[i].value, &b->v[i].value))
            return 0;
    return 1;
}

int ig__equal_ext_family(const struct ig_command *a, const struct ig_command *b)
{
    switch (a->cmd) {
    case IG_CMD_ENABLE:
        return ig__atoms_caseeq(&a->u.enable.caps, &b->u.enable.caps);
    case IG_CMD_ID:
        return id_eq(&a->u.id, &b->u.id);
    case IG_CMD_COMPRESS:
        return ig__span_caseeq(a->u.compress.algorithm, b->u.compress.algorithm);
    case IG_CMD_GETQUOTA:
        return ig__str_eq(&a->u.getquota.root, &b->u.getquota.root);
    case IG_CMD_SETQUOTA:
        return setquota_eq(&a->u.setquota, &b->u.setquota);
    case IG_CMD_SETACL:
        if (a->u.acl.op != b->u.acl.op || !ig__str_eq(&a->u.acl.rights, &b->u.acl.rights))
            return 0;
        /* fall through */
    case IG_CMD_DELETEACL: case IG_CMD_LISTRIGHTS:
        return ig__mailbox_eq(&a->u.acl.mailbox, &b->u.acl.mailbox) &&
               ig__str_eq(&a->u.acl.identifier, &b->u.acl.identifier);
    case IG_CMD_GETMETADATA:
        return getmetadata_eq(&a->u.getmetadata, &b->u.getmetadata);
    case IG_CMD_SETMETADATA:
        return setmetadata_eq(&a->u.setmetadata, &b->u.setmetadata);
    default:
        return 0;
    }
}
