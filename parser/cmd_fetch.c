/*
 * cmd_fetch.c - FETCH and STORE with their UID forms (RFC 9051 §6.4.5, §6.4.6, §6.4.9;
 * the rev1 items of RFC 3501; BINARY RFC 3516; fetch and store modifiers RFC 4466;
 * CONDSTORE / QRESYNC RFC 7162; OBJECTID RFC 8474): parsing, the canonical form and
 * equality. Each fetch-att is recognized in one DFA pass (grammar/lex_fetch.re); this
 * file converts the numbers, reads header lists, partials and modifiers, and finds the
 * reason only when a DFA did not match (the slow path).
 *
 *   fetch     = "FETCH" SP sequence-set SP ("ALL" / "FULL" / "FAST" / fetch-att /
 *               "(" fetch-att *(SP fetch-att) ")") [fetch-modifiers]
 *   store     = "STORE" SP sequence-set [store-modifiers] SP store-att-flags
 *   fetch-modifiers = SP "(" fetch-modifier *(SP fetch-modifier) ")"    (RFC 4466)
 *   store-modifiers = SP "(" store-modifier *(SP store-modifier) ")"
 *
 * Judgment calls (the RFCs leave them open; each is deliberate):
 * - VANISHED (RFC 7162 §3.2.6) is checked here, not left to the server: it is refused
 *   in FETCH (only UID FETCH may carry it), without CHANGEDSINCE, and with a value. The
 *   RFC makes each a tagged BAD, and all three follow from the command alone. Whether
 *   QRESYNC was enabled is session state, so that check stays with the server
 *   (IG_EXT_QRESYNC tells it to look).
 * - CHANGEDSINCE, VANISHED and UNCHANGEDSINCE may appear once per command (RFC 7162 §7
 *   says so for UNCHANGEDSINCE; two CHANGEDSINCE values would have no meaning).
 *   CHANGEDSINCE takes a mod-sequence-value (1..2^63-1, so 0 is refused), UNCHANGEDSINCE
 *   a mod-sequence-valzer (0 allowed); both are 1*DIGIT, so leading zeros are accepted.
 *   A modifier the grammar does not decode is kept in `other` (tagged-ext-label
 *   [SP tagged-ext-val]); a FETCH modifier named UNCHANGEDSINCE or a STORE modifier
 *   named CHANGEDSINCE / VANISHED is such a generic one. Emit writes the decoded
 *   modifiers first, so equality does not compare their order against `other`.
 * - "\Recent" in STORE is accepted: it has the flag-extension shape in both RFCs. It is
 *   named IG_FLAG_RECENT so that a server can refuse it (RFC 3501 §2.3.2: a client
 *   cannot alter it), exactly as in APPEND. "\*" is never a flag (it is not an atom).
 * - partial takes the RFC 9051 range (number64 "." nz-number64) in both revisions;
 *   BINARY.SIZE takes no partial (RFC 3516 §7).
 * - ALL, FAST and FULL stand alone; inside a list they are refused.
 * - The parentheses of the item list, a header-list and the modifier list cannot nest,
 *   so they do not count toward max_depth; the lists inside a tagged-ext-val do (from
 *   depth 1). Toward max_items count: the set, the macro or each fetch-att, each part
 *   number of a section, each header field name, each modifier name and value, and
 *   each flag.
 * - header-fld-name is an astring (atom, quoted or literal, "" included); names are
 *   compared exactly, since emit keeps their spelling.
 */
#include "internal.h"

/* grammar/lex_fetch.re */
int ig__lex_fetch_att(struct ig__ps *ps, struct ig_fetch_att *att);
int ig__lex_fetch_mod(struct ig__ps *ps);
int ig__lex_store_att(struct ig__ps *ps, struct ig_store *st);

static int nomem(struct ig__ps *ps, const unsigned char *at)
{
    return ig__fail(ps, IG_E_NOMEM, at, "command too complex (arena full)");
}

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* Extensions implied by each fetch-att kind. */
static const uint32_t kind_ext[IG_FETCH__COUNT] = {
    [IG_FETCH_BINARY] = IG_EXT_BINARY,
    [IG_FETCH_BINARY_SIZE] = IG_EXT_BINARY,
    [IG_FETCH_RFC822] = IG_EXT_REV1,
    [IG_FETCH_RFC822_HEADER] = IG_EXT_REV1,
    [IG_FETCH_RFC822_TEXT] = IG_EXT_REV1,
    [IG_FETCH_MODSEQ] = IG_EXT_CONDSTORE,
    [IG_FETCH_EMAILID] = IG_EXT_OBJECTID,
    [IG_FETCH_THREADID] = IG_EXT_OBJECTID,
};

/* ---- the slow path: why a fetch-att did not match ---- */

static int keyword_at(const unsigned char *s, const char *kw)
{
    return ig__ascii_casecmp(s, kw, strlen(kw)) == 0;
}

/* s is just after the "[" of a section (binary = section-binary). */
static int section_error(struct ig__ps *ps, const unsigned char *s, int binary)
{
    static const char *const texts[] = {"HEADER.FIELDS.NOT", "HEADER.FIELDS", "HEADER", "TEXT",
                                        "MIME"};
    int parts = 0;
    while (is_digit(*s)) {
        if (*s == '0')
            return ig__fail_syntax(ps, s, "section part must not be 0");
        while (is_digit(*s))
            s++;
        parts = 1;
        if (*s != '.')
            return ig__bad_byte(ps, s, "expected ']'");
        s++;
    }
    if (binary)
        return ig__bad_byte(ps, s, "invalid binary section");
    for (size_t i = 0; i < IG__ARRAY_LEN(texts); i++) {
        size_t n = strlen(texts[i]);
        if (!keyword_at(s, texts[i]))
            continue;
        if (i == 4 && !parts)
            return ig__fail_syntax(ps, s, "MIME needs a part number");
        if (i < 2)
            return ig__fail_syntax(ps, s + n, "header list expected");
        return ig__bad_byte(ps, s + n, "expected ']'");
    }
    return ig__bad_byte(ps, s, "invalid section");
}

/* The item at s did not match (or a keyword ran on into more characters). */
static int att_error(struct ig__ps *ps, const unsigned char *s)
{
    static const struct {
        const char *kw;
        uint8_t binary;
    } sections[] = {{"BODY.PEEK[", 0}, {"BODY[", 0}, {"BINARY.PEEK[", 1}, {"BINARY.SIZE[", 1},
                    {"BINARY[", 1}};
    for (size_t i = 0; i < IG__ARRAY_LEN(sections); i++)
        if (keyword_at(s, sections[i].kw))
            return section_error(ps, s + strlen(sections[i].kw), sections[i].binary);
    if (keyword_at(s, "BODY.PEEK"))
        return ig__fail_syntax(ps, s + 9, "BODY.PEEK needs a section");
    if (keyword_at(s, "BINARY"))
        return ig__fail_syntax(ps, s + 6, "BINARY needs a section");
    if (*s == '(')
        return ig__fail_syntax(ps, s, "fetch attributes cannot nest");
    return ig__bad_token_at(ps, s, "invalid fetch attribute");
}

/* ---- fetch-att ---- */

/* section-part = nz-number *("." nz-number) at s (already matched by the DFA). The
 * parts are counted first so that the array is one arena block of uint32_t (arena
 * vectors have 8-byte elements). */
static int section_parts(struct ig__ps *ps, const unsigned char *s, struct ig_section *sec)
{
    uint32_t n = 1;
    for (const unsigned char *e = s;; e++) {
        while (is_digit(*e))
            e++;
        /* "." then a digit is the next part; "." then a letter starts section-text. */
        if (*e != '.' || !is_digit(e[1]))
            break;
        n++;
    }
    uint32_t *parts = ig__arena_alloc(ps->p, (size_t)n * sizeof(uint32_t));
    if (parts == NULL)
        return nomem(ps, s);
    for (uint32_t i = 0; i < n; i++, s++) {
        const unsigned char *at = s;
        uint64_t x = 0;
        do {
            x = x * 10 + (uint64_t)(*s++ - '0');
            if (x > IG__NUMBER32)
                return ig__fail_syntax(ps, at, "number out of range");
        } while (is_digit(*s));
        ps->tok = at;
        if (ig__count_item(ps))
            return -1;
        parts[i] = (uint32_t)x;
    }
    sec->nparts = n;
    sec->parts = parts;
    return 0;
}

/* header-list = "(" header-fld-name *(SP header-fld-name) ")", then the "]" of the
 * section; the cursor is after the "(" (the DFA took it). */
static int header_list(struct ig__ps *ps, struct ig_section *sec)
{
    struct ig__vec v;
    if (*ps->cur == ')')
        return ig__fail_syntax(ps, ps->cur, "header list is empty");
    ig__vec_begin(ps->p, &v, sizeof(struct ig_str));
    for (;;) {
        struct ig_str *f = ig__vec_push(ps->p, &v, sizeof(struct ig_str));
        if (f == NULL)
            return nomem(ps, ps->cur);
        const unsigned char *s = ps->cur;
        if ((ig__cclass[*s] & IG__C_ASTRING) && *s != '~') {
            /* The usual case, a name in atom form (1*ASTRING-CHAR, the class of
             * lex.re's astring_char): read it with the class table, which is what the
             * DFA of ig__astring does, without its token and string dispatch. "~" may
             * start a literal8 header (longest match there), so it takes the DFA. */
            do
                s++;
            while (ig__cclass[*s] & IG__C_ASTRING);
            ps->tok = ps->cur;
            if (ig__count_item(ps))
                return -1;
            f->v.ptr = ps->cur;
            f->v.len = (size_t)(s - ps->cur);
            ps->cur = s; /* form IG_FORM_ATOM and nil 0: vec_push zeroed them */
        } else if (ig__astring(ps, f)) {
            return -1;
        }
        if (*ps->cur == ')')
            break;
        if (ig__sp(ps, "unbalanced parenthesis"))
            return -1;
        if (*ps->cur == ')')
            return ig__fail_syntax(ps, ps->cur - 1, "unexpected space");
    }
    ps->cur++;
    sec->fields.n = v.n;
    sec->fields.v = ig__vec_finish(ps->p, &v);
    if (*ps->cur != ']')
        return ig__bad_byte(ps, ps->cur, "expected ']'");
    ps->cur++;
    return 0;
}

/* number64 (RFC 9051 §9: 0 to 2^63-1) at the cursor; what is the reason when no digit
 * is there. ig__number() checks each digit before it is added, so a value past 2^64
 * (20 digits) is "number out of range" rather than the value it would wrap to (issue 9:
 * UNCHANGEDSINCE 18446744073709551616 was read as 0). */
static int number64(struct ig__ps *ps, uint64_t *out, const char *what)
{
    return ig__number(ps, IG__NUMBER64, 0, out, what);
}

/* partial = "<" number64 "." nz-number64 ">" at the cursor ("<"). */
static int partial(struct ig__ps *ps, struct ig_partial *pt)
{
    ps->cur++;
    if (number64(ps, &pt->offset, "invalid partial"))
        return -1;
    if (*ps->cur != '.')
        return ig__bad_byte(ps, ps->cur, "invalid partial");
    ps->cur++;
    if (*ps->cur == '0')
        return ig__fail_syntax(ps, ps->cur, "partial length must not be 0");
    if (number64(ps, &pt->count, "invalid partial"))
        return -1;
    if (*ps->cur != '>')
        return ig__bad_byte(ps, ps->cur, "invalid partial");
    ps->cur++;
    pt->present = 1;
    return 0;
}

#if IG__SWAR
/* The item keywords clients send most, upper case and followed by SP or ")", read
 * sixteen text bytes at once: the kind and length of the keyword at s, or 0 when it is
 * not one of them. For these, the DFA's longest match is the same keyword (no rule goes
 * on with SP or ")"), so the item is what ig__lex_fetch_att would make of it. The
 * caller has checked that sixteen bytes are there. */
static size_t simple_att(const unsigned char *s, uint8_t *kind)
{
    uint64_t x = ig__load8(s), y = ig__load8(s + 8);
    size_t n;
    switch (s[0]) {
    case 'F': n = IG__STARTS(x, "FLAGS") ? 5 : 0; *kind = IG_FETCH_FLAGS; break;
    case 'U': n = IG__STARTS(x, "UID") ? 3 : 0; *kind = IG_FETCH_UID; break;
    case 'M': n = IG__STARTS(x, "MODSEQ") ? 6 : 0; *kind = IG_FETCH_MODSEQ; break;
    case 'E': n = x == IG__WORD("ENVELOPE") ? 8 : 0; *kind = IG_FETCH_ENVELOPE; break;
    case 'R':
        n = x == IG__WORD("RFC822.S") && IG__STARTS(y, "IZE") ? 11 : 0;
        *kind = IG_FETCH_RFC822_SIZE;
        break;
    case 'I':
        n = x == IG__WORD("INTERNAL") && IG__STARTS(y, "DATE") ? 12 : 0;
        *kind = IG_FETCH_INTERNALDATE;
        break;
    case 'B':
        n = x == IG__WORD("BODYSTRU") && IG__STARTS(y, "CTURE") ? 13 : 0;
        *kind = IG_FETCH_BODYSTRUCTURE;
        break;
    default: return 0;
    }
    return n != 0 && (s[n] == ' ' || s[n] == ')') ? n : 0;
}
#endif

/* One fetch-att (or, where allowed, a macro) into *a, which the caller zeroed. Returns
 * the macro (> 0), 0 for an item, -1 on error. */
static int fetch_att(struct ig__ps *ps, struct ig_fetch_att *a)
{
    const unsigned char *start = ps->cur;
#if IG__SWAR
    /* The usual keyword items: what the DFA path below does for them, without it. */
    if (ps->lim - start >= 16) {
        size_t n = simple_att(start, &a->kind);
        if (n != 0) {
            ps->cur = start + n;
            ps->tok = start;
            if (ig__count_item(ps))
                return -1;
            ps->cmd->ext |= kind_ext[a->kind];
            return 0;
        }
        a->kind = 0; /* as the caller zeroed it */
    }
#endif
    int m = ig__lex_fetch_att(ps, a);
    ps->tok = start;
    if (m < 0)
        return att_error(ps, start);
    if (ig__count_item(ps))
        return -1;
    if (m > 0) {
        if (*ps->cur != ' ' && *ps->cur != ')' && *ps->cur != '\r')
            return att_error(ps, start);
        return m;
    }
    if (a->kind >= IG_FETCH_BODY_SECTION && a->kind <= IG_FETCH_BINARY_SIZE) {
        /* The section starts after "BODY[" / "BODY.PEEK[" / "BINARY[" / "BINARY.PEEK[" /
         * "BINARY.SIZE[". */
        const unsigned char *sec = start + (a->kind == IG_FETCH_BODY_SECTION ? 5 : 7) +
                                   (a->peek || a->kind == IG_FETCH_BINARY_SIZE ? 5 : 0);
        if (is_digit(*sec) && section_parts(ps, sec, &a->section))
            return -1;
        if (a->section.text >= IG_SECTION_HEADER_FIELDS &&
            a->section.text <= IG_SECTION_HEADER_FIELDS_NOT && header_list(ps, &a->section))
            return -1;
        if (*ps->cur == '<') {
            if (a->kind == IG_FETCH_BINARY_SIZE)
                return ig__fail_syntax(ps, ps->cur, "BINARY.SIZE takes no partial");
            if (partial(ps, &a->partial))
                return -1;
        }
        if (*ps->cur != ' ' && *ps->cur != ')' && *ps->cur != '\r')
            return ig__bad_byte(ps, ps->cur, "unexpected character");
    } else if (*ps->cur != ' ' && *ps->cur != ')' && *ps->cur != '\r') {
        if (*ps->cur == '<')
            return ig__fail_syntax(ps, ps->cur, "partial needs a section");
        return att_error(ps, start);
    }
    ps->cmd->ext |= kind_ext[a->kind];
    return 0;
}

/* ---- modifiers (RFC 4466), shared by FETCH and STORE ---- */

/* The label the DFA matched must end there, as an atom does. */
static int label_end(struct ig__ps *ps)
{
    if (ig__cclass[*ps->cur] & IG__C_ATOM)
        return ig__bad_byte(ps, ps->cur, "invalid modifier");
    return 0;
}

/* mod-sequence-value / mod-sequence-valzer after the keyword; SP first. */
static int modseq_value(struct ig__ps *ps, uint64_t *out, int nz, const char *missing)
{
    if (*ps->cur != ' ')
        return ig__fail_syntax(ps, ps->cur, missing);
    ps->cur++;
    const unsigned char *at = ps->tok = ps->cur;
    if (number64(ps, out, missing) || ig__count_item(ps))
        return -1;
    if (nz && *out == 0)
        return ig__fail_syntax(ps, at, "mod-sequence value must not be 0");
    return 0;
}

/* Reads "(" modifier *(SP modifier) ")" at the cursor. known: the IG_MOD_* bits this
 * command decodes (each command decodes one modifier with a value, which goes to
 * *value); *vanished receives the position of VANISHED. */
static int modifiers(struct ig__ps *ps, uint32_t known, uint32_t *mods, uint64_t *value,
                     struct ig_params *other, const unsigned char **vanished)
{
    struct ig__vec v;
    ps->cur++;
    if (*ps->cur == ')')
        return ig__fail_syntax(ps, ps->cur, "modifier list is empty");
    ig__vec_begin(ps->p, &v, sizeof(struct ig_param));
    for (;;) {
        const unsigned char *name = ps->tok = ps->cur;
        int k = ig__lex_fetch_mod(ps);
        if (k < 0)
            return ig__bad_token_at(ps, name, "invalid modifier");
        if (label_end(ps) || ig__count_item(ps))
            return -1;
        if ((uint32_t)k & known) {
            if (*mods & (uint32_t)k)
                return ig__fail_syntax(ps, name, "modifier given twice");
            *mods |= (uint32_t)k;
            if (k == IG_MOD_CHANGEDSINCE) {
                ps->cmd->ext |= IG_EXT_CONDSTORE;
                if (modseq_value(ps, value, 1, "CHANGEDSINCE needs a mod-sequence value"))
                    return -1;
            } else if (k == IG_MOD_UNCHANGEDSINCE) {
                ps->cmd->ext |= IG_EXT_CONDSTORE;
                if (modseq_value(ps, value, 0, "UNCHANGEDSINCE needs a mod-sequence value"))
                    return -1;
            } else { /* VANISHED: the label alone */
                ps->cmd->ext |= IG_EXT_QRESYNC;
                *vanished = name;
                if (ps->cmd->cmd != IG_CMD_UID_FETCH)
                    return ig__fail_syntax(ps, name, "VANISHED is only valid in UID FETCH");
                if (ps->cur[0] == ' ' && ps->cur[1] != ')') {
                    ps->cur++;
                    int val = ig__ext_value_follows(ps);
                    ps->cur--;
                    if (val)
                        return ig__fail_syntax(ps, ps->cur + 1, "VANISHED takes no value");
                }
            }
        } else {
            struct ig_param *pm = ig__vec_push(ps->p, &v, sizeof(struct ig_param));
            if (pm == NULL)
                return nomem(ps, name);
            pm->name.ptr = name;
            pm->name.len = (size_t)(ps->cur - name);
            if (ps->cur[0] == ' ') {
                ps->cur++;
                if (ig__ext_value_follows(ps)) {
                    if (ig__ext_value(ps, &pm->value))
                        return -1;
                    pm->has_value = 1;
                } else {
                    ps->cur--;
                }
            }
        }
        if (*ps->cur == ')')
            break;
        if (ig__sp(ps, "unbalanced parenthesis"))
            return -1;
        if (*ps->cur == ')')
            return ig__fail_syntax(ps, ps->cur - 1, "unexpected space");
    }
    ps->cur++;
    other->n = v.n;
    other->v = ig__vec_finish(ps->p, &v);
    return 0;
}

/* ---- FETCH ---- */

static int parse_fetch(struct ig__ps *ps)
{
    struct ig_fetch *f = &ps->cmd->u.fetch;
    struct ig__vec v;

    if (ig__sp(ps, "sequence set missing") || ig__seqset(ps, &f->set) ||
        ig__sp(ps, "fetch attributes missing"))
        return -1;
    ig__vec_begin(ps->p, &v, sizeof(struct ig_fetch_att));
    if (*ps->cur == '(') {
        f->list = 1;
        ps->cur++;
        if (*ps->cur == ')')
            return ig__fail_syntax(ps, ps->cur, "fetch attribute list is empty");
        for (;;) {
            const unsigned char *at = ps->cur;
            struct ig_fetch_att *a = ig__vec_push(ps->p, &v, sizeof(struct ig_fetch_att));
            if (a == NULL)
                return nomem(ps, at);
            int m = fetch_att(ps, a);
            if (m < 0)
                return -1;
            if (m > 0)
                return ig__fail_syntax(ps, at, "ALL, FAST and FULL cannot be in a list");
            if (*ps->cur == ')')
                break;
            if (*ps->cur == '\r')
                return ig__fail_syntax(ps, ps->cur, "unbalanced parenthesis");
            ps->cur++; /* SP: fetch_att stops only at SP, ")" or CR */
            if (*ps->cur == ')')
                return ig__fail_syntax(ps, ps->cur - 1, "unexpected space");
        }
        ps->cur++;
    } else {
        struct ig_fetch_att *a = ig__vec_push(ps->p, &v, sizeof(struct ig_fetch_att));
        if (a == NULL)
            return nomem(ps, ps->cur);
        int m = fetch_att(ps, a);
        if (m < 0)
            return -1;
        if (m > 0) {
            ig__vec_abandon(ps->p, &v);
            v.n = 0;
            f->macro = (uint8_t)m;
        }
    }
    f->n = v.n;
    f->atts = ig__vec_finish(ps->p, &v);
    if (ps->cur[0] == ' ' && ps->cur[1] == '(') {
        ps->cur++;
        f->has_modifiers = 1;
        const unsigned char *vanished = NULL;
        if (modifiers(ps, IG_MOD_CHANGEDSINCE | IG_MOD_VANISHED, &f->mods, &f->changedsince,
                      &f->other, &vanished))
            return -1;
        /* RFC 7162 §3.2.6: VANISHED only in UID FETCH (checked where it stands), and only
         * together with CHANGEDSINCE, which may come after it. */
        if ((f->mods & IG_MOD_VANISHED) && !(f->mods & IG_MOD_CHANGEDSINCE))
            return ig__fail_syntax(ps, vanished, "VANISHED needs CHANGEDSINCE");
    }
    ps->cmd->typed = 1;
    return ig__end(ps);
}

/* ---- STORE ---- */

static int parse_store(struct ig__ps *ps)
{
    struct ig_store *st = &ps->cmd->u.store;

    if (ig__sp(ps, "sequence set missing") || ig__seqset(ps, &st->set))
        return -1;
    if (ps->cur[0] == ' ' && ps->cur[1] == '(') {
        ps->cur++;
        st->has_modifiers = 1;
        const unsigned char *unused = NULL;
        if (modifiers(ps, IG_MOD_UNCHANGEDSINCE, &st->mods, &st->unchangedsince, &st->other,
                      &unused))
            return -1;
    }
    if (ig__sp(ps, "store attribute missing"))
        return -1;
    const unsigned char *at = ps->cur;
    if (ig__lex_store_att(ps, st) || (ig__cclass[*ps->cur] & IG__C_ATOM))
        return ig__bad_token_at(ps, at, "expected FLAGS, +FLAGS or -FLAGS");
    if (ig__sp(ps, "flags missing"))
        return -1;
    if (*ps->cur == '(') {
        st->list = 1;
        if (ig__flag_list(ps, &st->flags))
            return -1;
    } else {
        /* flag *(SP flag) up to the end of the command */
        struct ig__vec v;
        ig__vec_begin(ps->p, &v, sizeof(struct ig_flag));
        for (;;) {
            int kind = ig__lex_flag(ps);
            if (kind < 0)
                return ig__bad_token(ps, "invalid flag");
            struct ig_flag *fl = ig__vec_push(ps->p, &v, sizeof(struct ig_flag));
            if (fl == NULL)
                return nomem(ps, ps->tok);
            if (ig__count_item(ps))
                return -1;
            fl->kind = (uint8_t)kind;
            fl->name.ptr = ps->tok;
            fl->name.len = (size_t)(ps->cur - ps->tok);
            if (ig__at_end(ps))
                break;
            if (ig__sp(ps, "invalid flag"))
                return -1;
        }
        st->flags.n = v.n;
        st->flags.v = ig__vec_finish(ps->p, &v);
    }
    ps->cmd->typed = 1;
    return ig__end(ps);
}

int ig__parse_fetch_family(struct ig__ps *ps)
{
    if (ps->cmd->cmd == IG_CMD_FETCH || ps->cmd->cmd == IG_CMD_UID_FETCH)
        return parse_fetch(ps);
    return parse_store(ps);
}

/* ---- the canonical form ---- */

static const char *const kind_name[IG_FETCH__COUNT] = {
    [IG_FETCH_ENVELOPE] = "ENVELOPE",
    [IG_FETCH_FLAGS] = "FLAGS",
    [IG_FETCH_INTERNALDATE] = "INTERNALDATE",
    [IG_FETCH_RFC822_SIZE] = "RFC822.SIZE",
    [IG_FETCH_BODY] = "BODY",
    [IG_FETCH_BODYSTRUCTURE] = "BODYSTRUCTURE",
    [IG_FETCH_UID] = "UID",
    [IG_FETCH_BODY_SECTION] = "BODY",
    [IG_FETCH_BINARY] = "BINARY",
    [IG_FETCH_BINARY_SIZE] = "BINARY.SIZE",
    [IG_FETCH_RFC822] = "RFC822",
    [IG_FETCH_RFC822_HEADER] = "RFC822.HEADER",
    [IG_FETCH_RFC822_TEXT] = "RFC822.TEXT",
    [IG_FETCH_MODSEQ] = "MODSEQ",
    [IG_FETCH_EMAILID] = "EMAILID",
    [IG_FETCH_THREADID] = "THREADID",
};

static const char *const text_name[] = {
    [IG_SECTION_NONE] = "",
    [IG_SECTION_HEADER] = "HEADER",
    [IG_SECTION_HEADER_FIELDS] = "HEADER.FIELDS",
    [IG_SECTION_HEADER_FIELDS_NOT] = "HEADER.FIELDS.NOT",
    [IG_SECTION_TEXT] = "TEXT",
    [IG_SECTION_MIME] = "MIME",
};

static void put_section(struct ig__writer *w, const struct ig_section *s, int binary)
{
    int fields = s->text == IG_SECTION_HEADER_FIELDS || s->text == IG_SECTION_HEADER_FIELDS_NOT;
    if (s->text > IG_SECTION_MIME || (binary && s->text != IG_SECTION_NONE) ||
        (s->text == IG_SECTION_MIME && s->nparts == 0) || (fields != (s->fields.n > 0)) ||
        (s->nparts > 0 && s->parts == NULL) || (s->fields.n > 0 && s->fields.v == NULL)) {
        w->bad = 1;
        return;
    }
    ig__putc(w, '[');
    for (uint32_t i = 0; i < s->nparts; i++) {
        if (i)
            ig__putc(w, '.');
        if (s->parts[i] == 0)
            w->bad = 1;
        ig__put_u64(w, s->parts[i]);
    }
    if (s->text != IG_SECTION_NONE) {
        if (s->nparts)
            ig__putc(w, '.');
        ig__puts(w, text_name[s->text]);
    }
    if (fields) {
        ig__puts(w, " (");
        for (uint32_t i = 0; i < s->fields.n; i++) {
            if (i)
                ig__putc(w, ' ');
            if (s->fields.v[i].nil)
                w->bad = 1;
            ig__put_astring(w, s->fields.v[i].v);
        }
        ig__putc(w, ')');
    }
    ig__putc(w, ']');
}

static int section_empty(const struct ig_section *s)
{
    return s->nparts == 0 && s->text == IG_SECTION_NONE && s->fields.n == 0;
}

static void put_att(struct ig__writer *w, const struct ig_fetch_att *a)
{
    if (a->kind >= IG_FETCH__COUNT) {
        w->bad = 1;
        return;
    }
    int sectioned = a->kind >= IG_FETCH_BODY_SECTION && a->kind <= IG_FETCH_BINARY_SIZE;
    int peekable = a->kind == IG_FETCH_BODY_SECTION || a->kind == IG_FETCH_BINARY;
    if ((a->peek && !peekable) || a->peek > 1 || (!sectioned && !section_empty(&a->section)) ||
        (a->partial.present && !peekable) || a->partial.present > 1 ||
        (a->partial.present && (a->partial.count == 0 || a->partial.count > IG__NUMBER64 ||
                                a->partial.offset > IG__NUMBER64)))
        w->bad = 1;
    ig__puts(w, kind_name[a->kind]);
    if (!sectioned)
        return;
    if (a->peek)
        ig__puts(w, ".PEEK");
    put_section(w, &a->section, a->kind != IG_FETCH_BODY_SECTION);
    if (a->partial.present) {
        ig__putc(w, '<');
        ig__put_u64(w, a->partial.offset);
        ig__putc(w, '.');
        ig__put_u64(w, a->partial.count);
        ig__putc(w, '>');
    }
}

/* tagged-ext-label, and not a name this command decodes (it would read back as that). */
static int other_names_ok(const struct ig_params *ps, int store)
{
    for (uint32_t i = 0; i < ps->n; i++) {
        struct ig_span s = ps->v[i].name;
        if (s.len == 0 || s.ptr == NULL || is_digit(s.ptr[0]) || s.ptr[0] == ':')
            return 0;
        for (size_t k = 0; k < s.len; k++) {
            unsigned char c = s.ptr[k];
            if (!(((c | 32) >= 'a' && (c | 32) <= 'z') || is_digit(c) || c == '-' ||
                  c == '_' || c == '.' || c == ':'))
                return 0;
        }
        if (store ? ig__span_is(s, "UNCHANGEDSINCE")
                  : (ig__span_is(s, "CHANGEDSINCE") || ig__span_is(s, "VANISHED")))
            return 0;
    }
    return 1;
}

static void put_modifiers(struct ig__writer *w, const struct ig_command *cmd)
{
    int store = cmd->cmd == IG_CMD_STORE || cmd->cmd == IG_CMD_UID_STORE;
    uint32_t mods = store ? cmd->u.store.mods : cmd->u.fetch.mods;
    const struct ig_params *other = store ? &cmd->u.store.other : &cmd->u.fetch.other;
    int first = 1;

    /* The array first: other_names_ok() reads it. A name that is no label is not
     * written either (its span may be NULL). */
    if ((other->n > 0 && other->v == NULL) || !other_names_ok(other, store)) {
        w->bad = 1;
        return;
    }
    if (mods == 0 && other->n == 0)
        w->bad = 1;
    ig__puts(w, " (");
    if (store) {
        if (mods & ~(uint32_t)IG_MOD_UNCHANGEDSINCE || cmd->u.store.unchangedsince > IG__NUMBER64)
            w->bad = 1;
        if (mods & IG_MOD_UNCHANGEDSINCE) {
            ig__puts(w, "UNCHANGEDSINCE ");
            ig__put_u64(w, cmd->u.store.unchangedsince);
            first = 0;
        }
    } else {
        const struct ig_fetch *f = &cmd->u.fetch;
        if (mods & ~(uint32_t)(IG_MOD_CHANGEDSINCE | IG_MOD_VANISHED) ||
            ((mods & IG_MOD_CHANGEDSINCE) &&
             (f->changedsince == 0 || f->changedsince > IG__NUMBER64)) ||
            ((mods & IG_MOD_VANISHED) &&
             (cmd->cmd != IG_CMD_UID_FETCH || !(mods & IG_MOD_CHANGEDSINCE))))
            w->bad = 1;
        if (mods & IG_MOD_CHANGEDSINCE) {
            ig__puts(w, "CHANGEDSINCE ");
            ig__put_u64(w, f->changedsince);
            first = 0;
        }
        if (mods & IG_MOD_VANISHED) {
            ig__puts(w, first ? "VANISHED" : " VANISHED");
            first = 0;
        }
    }
    ig__put_params(w, other, !first);
    ig__putc(w, ')');
}

static void emit_fetch(struct ig__writer *w, const struct ig_command *cmd)
{
    static const char *const macro_name[] = {"", "ALL", "FAST", "FULL"};
    const struct ig_fetch *f = &cmd->u.fetch;

    ig__putc(w, ' ');
    ig__put_seqset(w, &f->set);
    ig__putc(w, ' ');
    if (f->macro != IG_FETCH_NO_MACRO) {
        if (f->macro > IG_FETCH_FULL || f->n != 0 || f->list)
            w->bad = 1;
        else
            ig__puts(w, macro_name[f->macro]);
    } else {
        if (f->n == 0 || f->atts == NULL || (!f->list && f->n != 1) || f->list > 1)
            w->bad = 1;
        if (f->list)
            ig__putc(w, '(');
        for (uint32_t i = 0; i < f->n && f->atts; i++) {
            if (i)
                ig__putc(w, ' ');
            put_att(w, &f->atts[i]);
        }
        if (f->list)
            ig__putc(w, ')');
    }
    if (f->has_modifiers)
        put_modifiers(w, cmd);
    else if (f->mods || f->other.n)
        w->bad = 1;
}

static void emit_store(struct ig__writer *w, const struct ig_command *cmd)
{
    const struct ig_store *st = &cmd->u.store;

    ig__putc(w, ' ');
    ig__put_seqset(w, &st->set);
    if (st->has_modifiers)
        put_modifiers(w, cmd);
    else if (st->mods || st->other.n)
        w->bad = 1;
    if (st->op < -1 || st->op > 1 || st->silent > 1 || st->list > 1 ||
        (!st->list && st->flags.n == 0) || (st->flags.n > 0 && st->flags.v == NULL)) {
        w->bad = 1;
        return;
    }
    ig__puts(w, st->op > 0 ? " +FLAGS" : st->op < 0 ? " -FLAGS" : " FLAGS");
    if (st->silent)
        ig__puts(w, ".SILENT");
    ig__putc(w, ' ');
    if (st->list) {
        ig__put_flags(w, &st->flags);
    } else {
        for (uint32_t i = 0; i < st->flags.n; i++) {
            if (i)
                ig__putc(w, ' ');
            ig__put_flag(w, &st->flags.v[i]);
        }
    }
}

void ig__emit_fetch_family(struct ig__writer *w, const struct ig_command *cmd)
{
    if (cmd->cmd == IG_CMD_FETCH || cmd->cmd == IG_CMD_UID_FETCH)
        emit_fetch(w, cmd);
    else
        emit_store(w, cmd);
}

/* ---- equality: the values emit keeps ---- */

static int section_eq(const struct ig_section *a, const struct ig_section *b)
{
    if (a->nparts != b->nparts || a->text != b->text || !ig__strs_eq(&a->fields, &b->fields))
        return 0;
    return a->nparts == 0 || memcmp(a->parts, b->parts, a->nparts * sizeof(uint32_t)) == 0;
}

static int att_eq(const struct ig_fetch_att *a, const struct ig_fetch_att *b)
{
    if (a->kind != b->kind || a->peek != b->peek || a->partial.present != b->partial.present)
        return 0;
    if (a->partial.present &&
        (a->partial.offset != b->partial.offset || a->partial.count != b->partial.count))
        return 0;
    return section_eq(&a->section, &b->section);
}

static int fetch_eq(const struct ig_fetch *a, const struct ig_fetch *b)
{
    if (!ig__seqset_eq(&a->set, &b->set) || a->macro != b->macro || a->list != b->list ||
        a->n != b->n || a->has_modifiers != b->has_modifiers || a->mods != b->mods ||
        !ig__params_eq(&a->other, &b->other))
        return 0;
    if ((a->mods & IG_MOD_CHANGEDSINCE) && a->changedsince != b->changedsince)
        return 0;
    for (uint32_t i = 0; i < a->n; i++)
        if (!att_eq(&a->atts[i], &b->atts[i]))
            return 0;
    return 1;
}

static int store_eq(const struct ig_store *a, const struct ig_store *b)
{
    if (!ig__seqset_eq(&a->set, &b->set) || a->has_modifiers != b->has_modifiers ||
        a->mods != b->mods || !ig__params_eq(&a->other, &b->other) || a->op != b->op ||
        a->silent != b->silent || a->list != b->list || !ig__flags_eq(&a->flags, &b->flags))
        return 0;
    return !(a->mods & IG_MOD_UNCHANGEDSINCE) || a->unchangedsince == b->unchangedsince;
}

int ig__equal_fetch_family(const struct ig_command *a, const struct ig_command *b)
{
    if (a->cmd == IG_CMD_FETCH || a->cmd == IG_CMD_UID_FETCH)
        return fetch_eq(&a->u.fetch, &b->u.fetch);
    return store_eq(&a->u.store, &b->u.store);
}
