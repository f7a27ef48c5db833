/*
 * parse_values.c - the value rules several command families share (RFC 9051 §9):
 * string / nstring, numbers with their ranges (number, number64, nz-number), date,
 * and the collected extension syntax of RFC 4466 (tagged-ext-label, tagged-ext-val)
 * used by every parameter list a server may meet from a newer client.
 */
#include "internal.h"

int ig__span_is(struct ig_span s, const char *kw)
{
    size_t n = strlen(kw);
    return s.len == n && ig__ascii_casecmp(s.ptr, kw, n) == 0;
}

/* string = quoted / literal: an astring token that is not an atom. */
int ig__string(struct ig__ps *ps, struct ig_str *out)
{
    /* "~" only as the start of a literal8 header ("~{"), never of an atom. */
    if (*ps->cur != '"' && *ps->cur != '{' && !(ps->cur[0] == '~' && ps->cur[1] == '{'))
        return ig__bad_token_at(ps, ps->cur, "string expected");
    return ig__astring(ps, out);
}

/* nstring = string / nil */
int ig__nstring(struct ig__ps *ps, struct ig_str *out)
{
    const unsigned char *s = ps->cur;
    if ((s[0] | 32) == 'n' && (s[1] | 32) == 'i' && (s[2] | 32) == 'l' &&
        !(ig__cclass[s[3]] & IG__C_ASTRING)) {
        out->v.ptr = s;
        out->v.len = 0;
        out->form = IG_FORM_ATOM;
        out->nil = 1;
        ps->cur += 3;
        return ig__count_item(ps);
    }
    return ig__string(ps, out);
}

int ig__number(struct ig__ps *ps, uint64_t max, int nz, uint64_t *out, const char *what)
{
    const unsigned char *s = ps->cur;
    uint64_t v = 0;
    int over = 0;
    if (*s < '0' || *s > '9')
        return ig__bad_byte(ps, s, what);
    if (nz && *s == '0')
        return ig__fail_syntax(ps, s, "number must not be 0");
    for (; *s >= '0' && *s <= '9'; s++) {
        unsigned d = (unsigned)(*s - '0');
        if (v > (max - d) / 10)
            over = 1; /* keep scanning the digits, never wrap */
        else
            v = v * 10 + d;
    }
    if (over)
        return ig__fail_syntax(ps, ps->cur, "number out of range");
    *out = v;
    ps->cur = s;
    return 0;
}

static int days_in(unsigned year, unsigned month)
{
    static const uint8_t days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
        return 29;
    return days[month - 1];
}

/* date = date-text / DQUOTE date-text DQUOTE; date-text = date-day "-" date-month "-"
 * date-year; date-day = 1*2DIGIT. Checked against the calendar. */
int ig__date(struct ig__ps *ps, struct ig_date *out)
{
    static const char months[] = "JANFEBMARAPRMAYJUNJULAUGSEPOCTNOVDEC";
    const unsigned char *s = ps->cur, *start = s;
    int quoted = *s == '"';
    unsigned day = 0, year = 0, month = 0;
    s += quoted;
    if (!(*s >= '0' && *s <= '9'))
        return ig__bad_token_at(ps, start, "invalid date");
    day = (unsigned)(*s++ - '0');
    if (*s >= '0' && *s <= '9')
        day = day * 10 + (unsigned)(*s++ - '0');
    if (*s++ != '-')
        return ig__fail_syntax(ps, start, "invalid date");
    for (unsigned m = 0; m < 12; m++) /* the names differ: stop at the one found */
        if (ig__ascii_casecmp(s, months + 3 * m, 3) == 0) {
            month = m + 1;
            break;
        }
    if (month == 0 || s[3] != '-')
        return ig__fail_syntax(ps, start, "invalid date");
    s += 4;
    for (int i = 0; i < 4; i++, s++) {
        if (*s < '0' || *s > '9')
            return ig__fail_syntax(ps, start, "invalid date");
        year = year * 10 + (unsigned)(*s - '0');
    }
    if (quoted && *s++ != '"')
        return ig__fail_syntax(ps, start, "invalid date");
    if (day < 1 || (int)day > days_in(year, month))
        return ig__fail_syntax(ps, start + quoted, "invalid day of month");
    out->day = (uint8_t)day;
    out->month = (uint8_t)month;
    out->year = (uint16_t)year;
    ps->cur = s;
    return ig__count_item(ps);
}

/* tagged-ext-label = tagged-label-fchar *tagged-label-char
 * tagged-label-fchar = ALPHA / "-" / "_" / "."; tagged-label-char adds DIGIT / ":" */
static int label_fchar(unsigned char c)
{
    return ((c | 32) >= 'a' && (c | 32) <= 'z') || c == '-' || c == '_' || c == '.';
}

int ig__label(struct ig__ps *ps, struct ig_span *out, const char *reason)
{
    const unsigned char *s = ps->cur;
    if (!label_fchar(*s))
        return ig__bad_token_at(ps, s, reason);
    while (label_fchar(*s) || (*s >= '0' && *s <= '9') || *s == ':')
        s++;
    /* A label is an atom: whatever follows must end it. */
    if (ig__cclass[*s] & IG__C_ATOM)
        return ig__bad_byte(ps, s, reason);
    out->ptr = ps->cur;
    out->len = (size_t)(s - ps->cur);
    ps->cur = s;
    return ig__count_item(ps);
}

int ig__ext_value_follows(const struct ig__ps *ps)
{
    unsigned char c = *ps->cur;
    return (c >= '0' && c <= '9') || c == '*' || c == '$' || c == '(';
}

/* tagged-ext-comp = astring / tagged-ext-comp *(SP tagged-ext-comp) /
 *                   "(" tagged-ext-comp ")"
 * Read as a list of items, each an astring or a parenthesized comp. */
static int ext_comp_list(struct ig__ps *ps, struct ig_arg *out, int allow_empty)
{
    struct ig__vec v;
    const unsigned char *open = ps->cur;
    if (++ps->depth > ps->p->_lim.max_depth)
        return ig__fail(ps, IG_E_LIMIT, open, "nesting too deep");
    ps->cur++; /* "(" */
    ig__vec_begin(ps->p, &v, sizeof(struct ig_arg));
    if (*ps->cur == ')') {
        if (!allow_empty)
            return ig__fail_syntax(ps, ps->cur, "empty parentheses");
    } else {
        for (;;) {
            struct ig_arg *a = ig__vec_push(ps->p, &v, sizeof(struct ig_arg));
            if (a == NULL)
                return ig__fail(ps, IG_E_NOMEM, ps->cur, "command too complex (arena full)");
            if (*ps->cur == '(') {
                if (ext_comp_list(ps, a, 0))
                    return -1;
            } else {
                struct ig_str s;
                if (ig__astring(ps, &s))
                    return -1;
                a->type = s.form == IG_FORM_ATOM ? IG_ARG_ATOM : IG_ARG_STRING;
                a->form = s.form;
                a->v = s.v;
                /* The atom NIL is NIL here too (RFC 4466 advises nstring in values). */
                if (a->type == IG_ARG_ATOM && ig__span_is(s.v, "NIL"))
                    a->type = IG_ARG_NIL;
            }
            if (*ps->cur == ')')
                break;
            if (ig__sp(ps, "unbalanced parenthesis"))
                return -1;
        }
    }
    ps->cur++; /* ")" */
    out->type = IG_ARG_LIST;
    out->n = v.n;
    out->items = ig__vec_finish(ps->p, &v);
    ps->depth--;
    return ig__count_item(ps);
}

/* tagged-ext-val = tagged-ext-simple / "(" [tagged-ext-comp] ")"
 * tagged-ext-simple = sequence-set / number / number64 (all atoms on the wire): a run
 * of digits alone is a number (0 included, up to number64), else a sequence set. */
int ig__ext_value(struct ig__ps *ps, struct ig_arg *out)
{
    memset(out, 0, sizeof(*out));
    if (*ps->cur == '(')
        return ext_comp_list(ps, out, 1);
    const unsigned char *s = ps->cur;
    while (*s >= '0' && *s <= '9')
        s++;
    if (s > ps->cur && *s != ':' && *s != ',') {
        uint64_t v;
        const unsigned char *start = ps->cur;
        if (ig__number(ps, IG__NUMBER64, 0, &v, "number expected"))
            return -1;
        out->type = IG_ARG_ATOM;
        out->v.ptr = start;
        out->v.len = (size_t)(ps->cur - start);
        return ig__count_item(ps);
    }
    struct ig_seqset set;
    if (ig__seqset(ps, &set))
        return -1;
    out->type = IG_ARG_ATOM;
    out->v = set.text;
    return 0;
}

static int b64m_value(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    return c == '+' ? 62 : c == ',' ? 63 : -1;
}

/* Modified UTF-7 (RFC 3501 §5.1.3): printable US-ASCII stands for itself, "&-" is
 * "&", and "&" modified-BASE64 "-" encodes UTF-16 (with "," for "/"), which must
 * decode to whole, well-paired code units and never to a character that could have
 * stood for itself. Returns the offset of the first bad byte, or n when valid. */
static size_t mutf7_check(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        if (s[i] < 0x20 || s[i] > 0x7e)
            return i;
        if (s[i++] != '&')
            continue;
        if (i < n && s[i] == '-') {
            i++;
            continue;
        }
        size_t start = i;
        uint32_t bits = 0, nbits = 0, units = 0, high = 0;
        while (i < n && s[i] != '-') {
            int v = b64m_value(s[i]);
            if (v < 0)
                return i;
            bits = (bits << 6) | (uint32_t)v;
            nbits += 6;
            if (nbits >= 16) {
                uint32_t u = (bits >> (nbits - 16)) & 0xffff;
                nbits -= 16;
                units++;
                if (high) {
                    if (u < 0xdc00 || u > 0xdfff)
                        return i;
                    high = 0;
                } else if (u >= 0xd800 && u <= 0xdbff) {
                    high = 1;
                } else if ((u >= 0xdc00 && u <= 0xdfff) || u <= 0x9f) {
                    /* A lone low surrogate, or up to U+009F: printable US-ASCII, which
                     * stands for itself, and the C0, DEL and C1 controls, which are not
                     * in a name (as in UTF-8 mode). */
                    return i;
                }
            }
            i++;
        }
        /* Unterminated, empty, a dangling surrogate or non-zero padding bits. */
        if (i == n || units == 0 || high || nbits >= 6 || (bits & ((1u << nbits) - 1)))
            return i == n ? start - 1 : i;
        i++; /* "-" */
    }
    return n;
}

/* Net-Unicode (RFC 5198, RFC 9051 §5.1): valid UTF-8 without C0 / C1 controls or DEL. */
static size_t netunicode_check(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        if (c < 0x80) {
            if (c < 0x20 || c == 0x7f)
                return i;
            i++;
            continue;
        }
        size_t k = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3
                 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
        unsigned char lo = c == 0xe0 ? 0xa0 : c == 0xf0 ? 0x90 : 0x80;
        unsigned char hi = c == 0xed ? 0x9f : c == 0xf4 ? 0x8f : 0xbf;
        if (k == 0 || i + k > n || s[i + 1] < lo || s[i + 1] > hi)
            return i;
        for (size_t j = 2; j < k; j++)
            if (s[i + j] < 0x80 || s[i + j] > 0xbf)
                return i;
        if (c == 0xc2 && s[i + 1] <= 0x9f) /* U+0080..U+009F: C1 controls */
            return i;
        i += k;
    }
    return n;
}

#if IG__SWAR
/* Bit 7 of each lane of x (eight name bytes) that is not printable US-ASCII
 * (0x20-0x7e) or is "&". Bit 7 is cleared first so that no lane's sum carries into the
 * next: b + 0x60 stays below 0x80 under 0x20, b + 1 reaches it at 0x7f, and
 * (b ^ '&') + 0x7f stays below it only for "&". */
static inline uint64_t not_plain(uint64_t x)
{
    uint64_t low = x & IG__LANES(0x7f);
    return (x | ~(low + IG__LANES(0x60)) | (low + IG__LANES(0x01)) |
            ~((low ^ IG__LANES('&')) + IG__LANES(0x7f))) &
           IG__LANES(0x80);
}
#endif

int ig__mailbox_name_ok(const struct ig__ps *ps, struct ig_span name)
{
    /* Most names are printable US-ASCII without "&": valid in both conventions. */
    size_t i = 0;
#if IG__SWAR
    while (name.len - i >= 8 && not_plain(ig__load8(name.ptr + i)) == 0)
        i += 8;
#endif
    while (i < name.len && (unsigned)(name.ptr[i] - 0x20) < 0x5f && name.ptr[i] != '&')
        i++;
    if (i == name.len)
        return 1;
    size_t bad = (ps->p->_opts & IG_OPT_UTF8) ? netunicode_check(name.ptr, name.len)
                                              : mutf7_check(name.ptr, name.len);
    return bad == name.len;
}

/* mailbox = "INBOX" / astring (RFC 9051 §5.1: INBOX in any case is INBOX). The name
 * must be modified UTF-7 (RFC 3501 §5.1.3), or Net-Unicode UTF-8 once the session
 * accepts UTF-8 (IG_OPT_UTF8: IMAP4rev2, UTF8=ACCEPT). */
int ig__mailbox(struct ig__ps *ps, struct ig_str *out)
{
    const unsigned char *at = ps->cur;
    if (ig__astring(ps, out))
        return -1;
    if (!ig__mailbox_name_ok(ps, out->v))
        return ig__fail_syntax(ps, at, (ps->p->_opts & IG_OPT_UTF8)
                                           ? "mailbox name is not valid UTF-8 (Net-Unicode)"
                                           : "mailbox name is not valid modified UTF-7");
    return 0;
}
