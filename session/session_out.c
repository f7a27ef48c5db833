/*
 * session_out.c - the session's output: a fixed buffer of response bytes, with long
 * strings referenced in place (zero-copy literals) rather than copied, and the response
 * writer that is the only way bytes get into it. The writer never writes raw client
 * data: strings are quoted with escapes or sent as literals, atoms and text are checked,
 * so no backend value can forge a response line (CR, LF, a literal header in a quoted
 * reason). Memory is bounded: past cfg.output_buffer the writer reports "full"; past
 * the headroom a response is dropped whole and the connection is closed with BYE.
 */
#include "session_internal.h"

#include <stdio.h>

static const char bye_overflow[] = "* BYE response too large\r\n";

/* ---- the byte queue ---- */

void ig__out_reset(struct ig_session *s)
{
    s->_outlen = s->_outsent = 0;
    s->_next = s->_next_sent = 0;
}

static int room(struct ig_session *s, size_t n)
{
    /* The last bytes of the buffer are kept for the overflow BYE. */
    return s->_outlen + n + sizeof(bye_overflow) <= s->_outcap;
}

static void w_put(struct ig_writer *w, const void *p, size_t n)
{
    struct ig_session *s = w->_s;
    if (w->_overflow)
        return;
    if (!room(s, n)) {
        w->_overflow = 1;
        return;
    }
    if (n)
        memcpy(s->_out + s->_outlen, p, n);
    s->_outlen += n;
}

static void w_putc(struct ig_writer *w, char c)
{
    w_put(w, &c, 1);
}

static void w_puts(struct ig_writer *w, const char *str)
{
    w_put(w, str, strlen(str));
}

/* Refer to data instead of copying it; falls back to a copy when no slot is free.
 * Only for long data (the literal writers pass over 64 octets): an empty span in the
 * queue would read as "no output" in ig_session_output(). */
static void w_ref(struct ig_writer *w, struct ig_span data)
{
    struct ig_session *s = w->_s;
    if (w->_overflow)
        return;
    if (s->_next < IG_OUTPUT_REFS) {
        s->_ext[s->_next] = data;
        s->_extat[s->_next] = s->_outlen;
        s->_next++;
        return;
    }
    w_put(w, data.ptr, data.len);
}

struct ig_span ig_session_output(const struct ig_session *s)
{
    struct ig_span r = {NULL, 0};
    if (s == NULL || s->_out == NULL) /* detached: its output was all sent */
        return r;
    /* Buffer bytes up to the next referenced span, then that span. */
    size_t end = s->_outlen;
    if (s->_next_sent < s->_next) {
        end = s->_extat[s->_next_sent];
        if (s->_outsent == end) {
            return s->_ext[s->_next_sent];
        }
    }
    r.ptr = s->_out + s->_outsent;
    r.len = end - s->_outsent;
    return r;
}

void ig_session_sent(struct ig_session *s, size_t n)
{
    if (s == NULL)
        return;
    while (n > 0) {
        if (s->_next_sent < s->_next && s->_outsent == s->_extat[s->_next_sent]) {
            struct ig_span *e = &s->_ext[s->_next_sent];
            size_t k = n < e->len ? n : e->len;
            e->ptr += k;
            e->len -= k;
            n -= k;
            if (e->len == 0)
                s->_next_sent++;
            continue;
        }
        size_t end = s->_next_sent < s->_next ? s->_extat[s->_next_sent] : s->_outlen;
        size_t k = n < end - s->_outsent ? n : end - s->_outsent;
        if (k == 0)
            break;
        s->_outsent += k;
        n -= k;
    }
    if (s->_outsent == s->_outlen && s->_next_sent == s->_next)
        ig__out_reset(s);
}

int ig__out_pending(const struct ig_session *s)
{
    return s->_outsent < s->_outlen || s->_next_sent < s->_next;
}

int ig_w_full(const struct ig_writer *w)
{
    const struct ig_session *s = w->_s;
    return w->_overflow || s->_outlen > s->_cfg.output_buffer ||
           s->_next + 4 > IG_OUTPUT_REFS;
}

/* ---- responses ---- */

static void begin(struct ig_writer *w)
{
    w->_open = 1;
    w->_first = 1;
    w->_start = w->_s->_outlen;
    w->_start_ext = w->_s->_next;
}

static void item(struct ig_writer *w)
{
    if (!w->_first)
        w_putc(w, ' ');
    w->_first = 0;
}

void ig_w_untagged(struct ig_writer *w)
{
    begin(w);
    w_puts(w, "* ");
    w->_first = 1;
}

void ig__w_tagged(struct ig_writer *w, struct ig_span tag)
{
    begin(w);
    w_put(w, tag.ptr, tag.len);
    w_putc(w, ' ');
    w->_first = 1;
}

void ig__w_continuation(struct ig_writer *w)
{
    begin(w);
    w_puts(w, "+ ");
    w->_first = 1;
}

void ig_w_number(struct ig_writer *w, uint64_t v)
{
    char tmp[24];
    item(w);
    int n = snprintf(tmp, sizeof(tmp), "%llu", (unsigned long long)v);
    w_put(w, tmp, (size_t)n);
}

/* An atom, or a flag: "\" then an atom (\Seen), or "\*" (RFC 9051 §9 flag-perm). */
static int atom_ok(struct ig_span a)
{
    if (a.len == 0 || (a.len == 1 && a.ptr[0] == '\\')) /* "\" alone is neither */
        return 0;
    for (size_t i = 0; i < a.len; i++) {
        unsigned char c = a.ptr[i];
        if (!(ig__cclass[c] & IG__C_ATOM) && !(i == 0 && c == '\\') &&
            !(c == '*' && i == 1 && a.len == 2 && a.ptr[0] == '\\'))
            return 0;
    }
    return 1;
}

void ig_w_atom(struct ig_writer *w, const char *atom)
{
    struct ig_span a = {(const unsigned char *)atom, strlen(atom)};
    ig_w_atom_span(w, a);
}

void ig_w_atom_span(struct ig_writer *w, struct ig_span a)
{
    item(w);
    /* An atom from the backend that is not one would break the response: refuse it. */
    if (!atom_ok(a)) {
        w_puts(w, "NIL");
        return;
    }
    w_put(w, a.ptr, a.len);
}

static int quotable(struct ig_span v, int utf8)
{
    for (size_t i = 0; i < v.len; i++) {
        unsigned char c = v.ptr[i];
        if (c == 0 || c == '\r' || c == '\n')
            return 0;
        if (c >= 0x80 && !utf8)
            return 0;
    }
    return 1;
}

/* Literal content: long runs are referenced, not copied. */
static void w_data(struct ig_writer *w, const unsigned char *p, size_t n)
{
    struct ig_span run = {p, n};
    if (n > 64)
        w_ref(w, run);
    else
        w_put(w, p, n);
}

void ig_w_literal(struct ig_writer *w, struct ig_span data)
{
    char tmp[32];
    item(w);
    int n = snprintf(tmp, sizeof(tmp), "{%zu}\r\n", data.len);
    w_put(w, tmp, (size_t)n);
    /* RFC 9051 §4.3: a literal is CHAR8, NUL excluded (only literal8 may carry one). A
     * NUL in the data (a Maildir file can hold any byte) goes out as 0x80, as Dovecot
     * does, so the length stays right and the client's parser is never handed a NUL. */
    const unsigned char *p = data.ptr, *end = data.ptr + data.len;
    while (p < end) {
        const unsigned char *nul = memchr(p, 0, (size_t)(end - p));
        if (nul == NULL) {
            w_data(w, p, (size_t)(end - p));
            break;
        }
        w_data(w, p, (size_t)(nul - p));
        w_putc(w, (char)0x80);
        p = nul + 1;
    }
}

void ig_w_literal8(struct ig_writer *w, struct ig_span data)
{
    char tmp[32];
    item(w);
    int n = snprintf(tmp, sizeof(tmp), "~{%zu}\r\n", data.len);
    w_put(w, tmp, (size_t)n);
    w_data(w, data.ptr, data.len);
}

void ig_w_string(struct ig_writer *w, struct ig_span v)
{
    int utf8 = w->_s->_p._opts & IG_OPT_UTF8;
    if (v.len > IG_MAX_INLINE_STRING || !quotable(v, utf8)) {
        ig_w_literal(w, v);
        return;
    }
    item(w);
    w_putc(w, '"');
    size_t run = 0;
    for (size_t i = 0; i < v.len; i++) {
        if (v.ptr[i] == '"' || v.ptr[i] == '\\') {
            w_put(w, v.ptr + run, i - run);
            w_putc(w, '\\');
            run = i;
        }
    }
    w_put(w, v.ptr + run, v.len - run);
    w_putc(w, '"');
}

void ig_w_nstring(struct ig_writer *w, const struct ig_span *s)
{
    if (s == NULL) {
        item(w);
        w_puts(w, "NIL");
        return;
    }
    ig_w_string(w, *s);
}

void ig_w_astring(struct ig_writer *w, struct ig_span s)
{
    if (s.len > 0 && s.len <= IG_MAX_INLINE_STRING && ig__all_class(s, IG__C_ASTRING) &&
        !(s.len == 3 && ig__ascii_casecmp(s.ptr, "NIL", 3) == 0)) {
        item(w);
        w_put(w, s.ptr, s.len);
        return;
    }
    ig_w_string(w, s);
}

void ig_w_mailbox(struct ig_writer *w, struct ig_span name)
{
    ig_w_astring(w, name);
}

void ig_w_open(struct ig_writer *w)
{
    item(w);
    w_putc(w, '(');
    w->_first = 1;
}

void ig_w_tight(struct ig_writer *w)
{
    w->_first = 1;
}

void ig_w_open_tight(struct ig_writer *w)
{
    ig_w_tight(w);
    ig_w_open(w);
}

void ig_w_close(struct ig_writer *w)
{
    w_putc(w, ')');
    w->_first = 0;
}

void ig_w_code(struct ig_writer *w, const char *code)
{
    struct ig_span c = {(const unsigned char *)code, strlen(code)};
    item(w);
    w_putc(w, '[');
    /* A code is an atom, optionally followed by arguments the session formats. */
    for (size_t i = 0; i < c.len; i++) {
        unsigned char ch = c.ptr[i];
        w_putc(w, (ch >= 0x20 && ch < 0x7f && ch != ']') ? (char)ch : '?');
    }
    w->_first = 0;
}

void ig_w_code_end(struct ig_writer *w)
{
    w_putc(w, ']');
    w->_first = 0;
}

void ig_w_text(struct ig_writer *w, const char *text)
{
    item(w);
    /* resp-text: TEXT-CHAR only; anything else in a fixed text is a bug, masked. */
    for (const char *t = text; *t; t++) {
        unsigned char ch = (unsigned char)*t;
        w_putc(w, (ch >= 0x20 && ch != 0x7f) ? (char)ch : '?');
    }
}

void ig_w_seqset(struct ig_writer *w, const struct ig_seqset *set)
{
    item(w);
    struct ig__writer ew = {w->_s->_out + w->_s->_outlen, 0, 0, 0, 0};
    size_t avail = w->_s->_outcap - w->_s->_outlen - sizeof(bye_overflow);
    ew.cap = w->_overflow ? 0 : avail;
    ig__put_seqset(&ew, set);
    if (ew.len > ew.cap || ew.bad)
        w->_overflow = 1;
    else
        w->_s->_outlen += ew.len;
}

void ig_w_flags(struct ig_writer *w, const struct ig_flags *flags)
{
    ig_w_open(w);
    for (uint32_t i = 0; i < flags->n; i++)
        ig_w_atom_span(w, flags->v[i].name);
    ig_w_close(w);
}

void ig_w_datetime(struct ig_writer *w, const struct ig_datetime *dt)
{
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    char tmp[40];
    int z = dt->zone < 0 ? -dt->zone : dt->zone;
    unsigned m = dt->month >= 1 && dt->month <= 12 ? dt->month : 1;
    item(w);
    int n = snprintf(tmp, sizeof(tmp), "\"%02u-%.3s-%04u %02u:%02u:%02u %c%02d%02d\"",
                     (unsigned)dt->day, months + 3 * (m - 1), (unsigned)dt->year,
                     (unsigned)dt->hour, (unsigned)dt->minute, (unsigned)dt->second,
                     dt->zone < 0 ? '-' : '+', z / 60, z % 60);
    w_put(w, tmp, (size_t)n);
}

void ig_w_fetch_name(struct ig_writer *w, const struct ig_fetch_att *att)
{
    item(w);
    struct ig__writer ew = {w->_s->_out + w->_s->_outlen, 0, 0, 0, w->_s->_p._opts};
    size_t avail = w->_s->_outcap - w->_s->_outlen - sizeof(bye_overflow);
    ew.cap = w->_overflow ? 0 : avail;
    ig__put_fetch_att_name(&ew, att, 1);
    if (ew.len > ew.cap || ew.bad)
        w->_overflow = 1;
    else
        w->_s->_outlen += ew.len;
}

void ig_w_end(struct ig_writer *w)
{
    w_puts(w, "\r\n");
    w->_open = 0;
    if (w->_overflow) {
        /* The response did not fit: drop it whole, say BYE, close. The writer stays
         * overflowed, so every later response (the tagged one, more from the backend)
         * is dropped too; the BYE goes out once (_overflow 2), into the bytes room()
         * kept for it: a second one would be written past the buffer. */
        struct ig_session *s = w->_s;
        s->_outlen = w->_start;
        s->_next = w->_start_ext;
        if (w->_overflow == 1) {
            memcpy(s->_out + s->_outlen, bye_overflow, sizeof(bye_overflow) - 1);
            s->_outlen += sizeof(bye_overflow) - 1;
            w->_overflow = 2;
        }
        s->_closing = 1;
    }
}
