/*
 * seqset.c - sequence sets (RFC 9051 §9 "sequence-set", RFC 5182 "$"): validated in
 * one pass while parsing, kept as text, and walked on demand by ig_seqset_next(), so a
 * set of thousands of ranges costs no arena memory. Numbers are checked for range
 * (nz-number: 1..4294967295) without ever overflowing.
 */
#include "internal.h"

#if IG__SWAR
/* Bit 7 of each lane of x (eight text bytes) that is not an ASCII digit. Bit 7 is
 * cleared first so that no lane's sum carries into the next: b + 0x46 reaches 0x80
 * from b = ':' up, b + 0x50 stays below 0x80 under '0'; bytes from 0x80 up are not
 * digits either. */
static inline uint64_t non_digits(uint64_t x)
{
    uint64_t low = x & IG__LANES(0x7f);
    return (x | (low + IG__LANES(0x46)) | ~(low + IG__LANES(0x50))) & IG__LANES(0x80);
}
#endif

/* The end of the seq-number (nz-number / "*") at s, or NULL when there is none or it
 * is out of range; lim is the end of the text. Parsing only checks the number, it does
 * not compute it: a run of digits not starting with 0 is an nz-number when it has at
 * most 9 digits, or 10 digits not above "4294967295" (compared as text); nothing ever
 * wraps. UID sets are a large part of what clients send (bench/mix.c) and a UID has
 * 4 to 6 digits: with IG__SWAR, one read of eight bytes from s usually finds the
 * whole run, and a run that ends there (at most 7 digits) is in range. Otherwise a byte
 * at a time (the text ends with a LF, so the scan always stops). */
static inline const unsigned char *seq_end(const unsigned char *s, const unsigned char *lim)
{
#if IG__SWAR
    if (lim - s >= 8) {
        uint64_t x = ig__load8(s), m = non_digits(x);
        if ((unsigned)(x & 0xff) - '1' <= 8 && m != 0)
            return s + ig__first_lane(m);
    }
#else
    (void)lim;
#endif
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

#if IG__SWAR
/* The end of a seq-number of one to seven digits at s, or NULL when there is none (or
 * the eight bytes at s are not all text: s above safe, the end of the text less eight).
 * With t = x ^ '0' in each lane, digits are 0..9: t + 0x76 sets bit 7 from 10 up, and
 * t - 1 sets it in lane 0 when that is '0' (0 - 1 borrows from lane 1, but lane 0 is
 * then flagged and the number refused); one or the other sets it in every lane from
 * 0x80 up. A carry or borrow only ever starts at a flagged lane, so the lowest flagged
 * lane is exact: lane 0 flagged means no nz-number starts at s, no lane flagged means
 * eight digits or more. A run of at most 7 digits not starting with 0 is always in
 * range. */
static inline const unsigned char *short_number_end(const unsigned char *s, uintptr_t safe)
{
    if ((uintptr_t)s > safe)
        return NULL;
    uint64_t t = ig__load8(s) ^ IG__LANES('0');
    uint64_t m = ((t + IG__LANES(0x76)) | (t - 1)) & IG__LANES(0x80);
    if ((m & 0x80) != 0 || m == 0)
        return NULL;
    return s + ig__first_lane(m);
}
#endif

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

/* The set holds more than max_set_ranges elements. */
static int too_many_ranges(struct ig__ps *ps)
{
    return ig__fail(ps, IG_E_LIMIT, ps->cur, "too many ranges in sequence set");
}

int ig__seqset(struct ig__ps *ps, struct ig_seqset *out)
{
    const unsigned char *s = ps->cur, *e;
    uint32_t n = 0, max = ps->p->_lim.max_set_ranges;

    /* n > max is checked where the scan stops rather than after every element: n only
     * grows, so the set fails there exactly as at the element that went over max (an
     * error after it never shows). */
    out->saved = 0;
#if IG__SWAR
    /* The usual set: elements "a" and "a:b" of numbers of one to seven digits, joined
     * by ",". This loop reads them with one test per number, and does for them exactly
     * what the general loop below does; that loop takes over, from the start of the
     * element, at anything else ("*", "$", a long number, an error, the last eight
     * bytes of the text), so every error is found and reported by it. */
    for (uintptr_t safe = (uintptr_t)ps->lim - 8;;) {
        if ((e = short_number_end(s, safe)) == NULL)
            break;
        if (*e == ':') {
            const unsigned char *last = short_number_end(e + 1, safe);
            if (last == NULL)
                break;
            e = last;
        }
        n++;
        if (*e != ',') {
            s = e;
            goto end;
        }
        s = e + 1;
    }
#endif
    for (;;) {
        if ((e = seq_end(s, ps->lim)) == NULL) {
            if (n > max)
                return too_many_ranges(ps);
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
            if ((e = seq_end(s + 1, ps->lim)) == NULL)
                return n > max ? too_many_ranges(ps) : number_error(ps, s + 1);
            s = e;
        }
        n++;
        if (*s != ',')
            break;
        s++;
    }
#if IG__SWAR
end:
#endif
    if (n > max)
        return too_many_ranges(ps);
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


