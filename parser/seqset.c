/*
 * seqset.c - sequence sets (RFC 9051 §9 "sequence-set", RFC 5182 "$"): validated in
 * one pass while parsing, kept as text, and walked on demand by ig_seqset_next(), so a
 * set of thousands of ranges costs no arena memory. Numbers are checked for range
 * (nz-number: 1..4294967295) without ever overflowing.
 */
#include "internal.h"

/* The end of the seq-number (nz-number / "*") at s, or NULL when there is none or it
 * is out of range. Parsing only checks the number, it does not compute it: a run of
 * digits not starting with 0 is an nz-number when it has at most 9 digits, or 10 digits
 * not above "4294967295" (compared as text); nothing ever wraps. The line ends with a
 * LF, so the digit scan always stops. UID sets are a large part of what clients send
 * (bench/mix.c), hence the one test per byte and no per-number bookkeeping. */
static inline const unsigned char *seq_end(const unsigned char *s)
{
    if ((unsigned)(*s - '1') <= 8) {
        const unsigned char *p = s + 1;
        while ((unsigned)(*p - '0') <= 9)
            p++;
        if (p - s >= 10 && (p - s > 10 || memcmp(s, "4294967295", 10) > 0))
            return NULL;
        return p;
    }
    return *s == '*' ? s + 1 : NULL;
}

/* The value of the seq-number at s, ending at most at e (0 for "*"); returns its
 * length, or 0 when there is none: a caller may hand ig_seqset_next() any text, and a
 * 0, a leading zero or a number above 4294967295 must not pass for "*". */
static size_t seq_number(const unsigned char *s, const unsigned char *e, uint32_t *v)
{
    uint64_t x = 0;
    size_t n = 0;
    if (s < e && *s == '*') {
        *v = 0;
        return 1;
    }
    if (s == e || (unsigned)(*s - '1') > 8)
        return 0;
    while (s + n < e && (unsigned)(s[n] - '0') <= 9 && x <= 4294967295u)
        x = x * 10 + (uint64_t)(s[n++] - '0');
    if (x > 4294967295u)
        return 0;
    *v = (uint32_t)x;
    return n;
}

/* Why there is no seq-number at s: too many digits, a 0, or not a number at all. */
static int number_error(struct ig__ps *ps, const unsigned char *at)
{
    if ((unsigned)(*at - '1') <= 8)
        return ig__fail_syntax(ps, at, "number out of range");
    if (*at == '0')
        return ig__fail_syntax(ps, at, "message number 0 is not valid");
    return ig__bad_byte(ps, at, "sequence set expected");
}

int ig__seqset(struct ig__ps *ps, struct ig_seqset *out)
{
    const unsigned char *s = ps->cur, *e;
    uint32_t n = 0, max = ps->p->_lim.max_set_ranges;

    out->saved = 0;
    for (;;) {
        if ((e = seq_end(s)) == NULL) {
            if (*s != '$')
                return number_error(ps, s);
            /* sequence-set =/ seq-last-command: the whole set, or the last element. */
            out->saved = 1;
            ps->cmd->ext |= IG_EXT_SEARCHRES;
            s++;
            break;
        }
        s = e;
        if (*s == ':') {
            if ((e = seq_end(s + 1)) == NULL)
                return number_error(ps, s + 1);
            s = e;
        }
        if (++n > max)
            return ig__fail(ps, IG_E_LIMIT, ps->cur, "too many ranges in sequence set");
        if (*s != ',')
            break;
        s++;
    }
    out->text.ptr = ps->cur;
    out->text.len = (size_t)(s - ps->cur);
    out->nranges = n;
    ps->cur = s;
    return ig__count_item(ps);
}

int ig_seqset_next(const struct ig_seqset *set, size_t *pos, struct ig_range *r)
{
    const unsigned char *s, *e;
    if (set == NULL || pos == NULL || r == NULL || *pos >= set->text.len)
        return 0;
    s = set->text.ptr + *pos;
    e = set->text.ptr + set->text.len;
    /* Text that is not a set (the "$" element included) ends the walk: the caller sees
     * fewer elements than nranges rather than elements the text does not hold. */
    size_t k = seq_number(s, e, &r->first);
    if (k == 0)
        return 0;
    s += k;
    r->last = r->first;
    if (s < e && *s == ':') {
        k = seq_number(s + 1, e, &r->last);
        if (k == 0)
            return 0;
        s += 1 + k;
    }
    if (s < e) {
        if (*s != ',' || s + 1 == e)
            return 0;
        s++;
    }
    *pos = (size_t)(s - set->text.ptr);
    return 1;
}

int ig_is_inbox(struct ig_span name)
{
    return name.len == 5 && ig__ascii_casecmp(name.ptr, "INBOX", 5) == 0;
}


