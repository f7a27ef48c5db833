/*
 * resp_emit.c - the canonical form of a response (ig_response_emit) and equality by value
 * (ig_response_equal), for the round-trip property of the response fuzz target and for
 * tools that rewrite responses. Strings are written quoted when every byte may stand
 * in a quoted string (no CR, LF or NUL, 8-bit only as well-formed UTF-8; RFC 9051 §4.3
 * and QUOTED-CHAR in §9), else as a literal, a literal8 when it holds a NUL or came as
 * one (RFC 3516). Status text and response-code text are written as read: the reader
 * validated them.
 */
#include "resp_internal.h"

struct out {
    unsigned char *p;
    size_t cap, len;
};

static void put(struct out *o, const void *s, size_t n)
{
    if (o->len < o->cap && n)
        memcpy(o->p + o->len, s, n <= o->cap - o->len ? n : o->cap - o->len);
    o->len += n;
}

static void puts_(struct out *o, const char *s)
{
    put(o, s, strlen(s));
}

static void put_num(struct out *o, uint64_t v)
{
    char b[24];
    size_t i = sizeof b;
    do {
        b[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    put(o, b + i, sizeof b - i);
}

/* Octets of the well-formed UTF-8 sequence (RFC 3629 §4, UTF8-2 / UTF8-3 / UTF8-4) that
 * starts at p[0] of the n there, or 0 when none does. */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
    unsigned char c = p[0], lo = 0x80, hi = 0xbf;
    size_t k;
    if (c >= 0xc2 && c <= 0xdf)
        k = 2;
    else if (c >= 0xe0 && c <= 0xef)
        k = 3, lo = c == 0xe0 ? 0xa0 : 0x80, hi = c == 0xed ? 0x9f : 0xbf;
    else if (c >= 0xf0 && c <= 0xf4)
        k = 4, lo = c == 0xf0 ? 0x90 : 0x80, hi = c == 0xf4 ? 0x8f : 0xbf;
    else
        return 0;
    if (n < k || p[1] < lo || p[1] > hi)
        return 0;
    for (size_t i = 2; i < k; i++)
        if (p[i] < 0x80 || p[i] > 0xbf)
            return 0;
    return k;
}

/* Whether s can be a quoted string: QUOTED-CHAR is TEXT-CHAR (no NUL, CR or LF) or
 * UTF8-2 / UTF8-3 / UTF8-4 (RFC 9051 §9). UTF-8 stays quoted: written as a literal, a
 * quoted string longer than max_inline_literal would read back as a streamed literal,
 * not equal to the kept string it was (a CI finding of the response target:
 * corpus/regress/response/2026-12-05-utf8-quoted-string-over-inline-limit). */
static int quotable(struct ig_span s)
{
    for (size_t i = 0; i < s.len;) {
        unsigned char c = s.ptr[i];
        if (c >= 0x80) {
            size_t k = utf8_seq(s.ptr + i, s.len - i);
            if (k == 0)
                return 0;
            i += k;
            continue;
        }
        if (c == 0 || c == '\r' || c == '\n')
            return 0;
        i++;
    }
    return 1;
}

static void put_literal(struct out *o, int lit8, struct ig_span v)
{
    puts_(o, lit8 ? "~{" : "{");
    put_num(o, v.len);
    puts_(o, "}\r\n");
    put(o, v.ptr, v.len);
}

static int put_arg(struct out *o, const struct ig_rarg *a, const struct ig_span *lits,
                   uint32_t nlits)
{
    switch (a->type) {
    case IG_RARG_ATOM:
        put(o, a->v.ptr, a->v.len);
        return 0;
    case IG_RARG_NIL:
        puts_(o, "NIL");
        return 0;
    case IG_RARG_LIST:
        puts_(o, "(");
        for (uint32_t i = 0; i < a->n; i++) {
            /* lists side by side without SP, as RFC 9051 writes address lists,
             * multipart bodies and namespaces */
            if (i && !(a->items[i - 1].type == IG_RARG_LIST && a->items[i].type == IG_RARG_LIST))
                puts_(o, " ");
            if (put_arg(o, &a->items[i], lits, nlits) < 0)
                return -1;
        }
        puts_(o, ")");
        return 0;
    default:
        break;
    }
    struct ig_span v = a->v;
    if (a->streamed) {
        if (!lits || a->lit >= nlits || lits[a->lit].len != a->size)
            return -1;
        v = lits[a->lit];
    }
    int lit8 = a->form == IG_FORM_LITERAL8 || memchr(v.ptr ? v.ptr : (const unsigned char *)"", 0, v.len);
    if (!a->streamed && !lit8 && quotable(v)) {
        puts_(o, "\"");
        for (size_t i = 0; i < v.len; i++) {
            if (v.ptr[i] == '"' || v.ptr[i] == '\\')
                puts_(o, "\\");
            put(o, v.ptr + i, 1);
        }
        puts_(o, "\"");
        return 0;
    }
    put_literal(o, lit8, v);
    return 0;
}

static void put_text(struct out *o, const struct ig_response *r)
{
    if (r->code.code != IG_RCODE_NONE) {
        puts_(o, "[");
        put(o, r->code.name.ptr, r->code.name.len);
        if (r->code.text.len) {
            puts_(o, " ");
            put(o, r->code.text.ptr, r->code.text.len);
        }
        puts_(o, "] ");
    }
    put(o, r->text.ptr, r->text.len);
}

size_t ig_response_emit(const struct ig_response *r, const struct ig_span *lits, uint32_t nlits,
                        void *out, size_t cap)
{
    struct out o = {out, out ? cap : 0, 0};
    if (!r)
        return (size_t)-1;
    switch (r->kind) {
    case IG_RESP_CONTINUE:
        puts_(&o, "+ ");
        put_text(&o, r);
        break;
    case IG_RESP_TAGGED:
    case IG_RESP_STATUS:
        if (r->kind == IG_RESP_TAGGED)
            put(&o, r->tag.ptr, r->tag.len);
        else
            puts_(&o, "*");
        puts_(&o, " ");
        puts_(&o, ig_resp_cond_name((enum ig_resp_cond)r->cond));
        puts_(&o, " ");
        put_text(&o, r);
        break;
    case IG_RESP_DATA:
        puts_(&o, "* ");
        if (r->has_number) {
            put_num(&o, r->number);
            puts_(&o, " ");
        }
        put(&o, r->name.ptr, r->name.len);
        for (uint32_t i = 0; i < r->args.n; i++) {
            puts_(&o, " ");
            if (put_arg(&o, &r->args.v[i], lits, nlits) < 0)
                return (size_t)-1;
        }
        break;
    default:
        return (size_t)-1;
    }
    puts_(&o, "\r\n");
    return o.len;
}

static int span_eq(struct ig_span a, struct ig_span b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

static int arg_eq(const struct ig_rarg *a, const struct ig_rarg *b)
{
    if (a->type != b->type)
        return 0;
    switch (a->type) {
    case IG_RARG_NIL:
        return 1;
    case IG_RARG_ATOM:
        return span_eq(a->v, b->v);
    case IG_RARG_STRING:
        if (a->streamed != b->streamed)
            return 0;
        return a->streamed ? a->size == b->size : span_eq(a->v, b->v);
    default:
        if (a->n != b->n)
            return 0;
        for (uint32_t i = 0; i < a->n; i++)
            if (!arg_eq(&a->items[i], &b->items[i]))
                return 0;
        return 1;
    }
}

int ig_response_equal(const struct ig_response *a, const struct ig_response *b)
{
    if (!a || !b || a->kind != b->kind)
        return 0;
    if (a->kind == IG_RESP_DATA) {
        if (a->data != b->data || a->has_number != b->has_number || a->number != b->number ||
            !span_eq(a->name, b->name) || a->args.n != b->args.n)
            return 0;
        for (uint32_t i = 0; i < a->args.n; i++)
            if (!arg_eq(&a->args.v[i], &b->args.v[i]))
                return 0;
        return 1;
    }
    return a->cond == b->cond && span_eq(a->tag, b->tag) && a->code.code == b->code.code &&
           span_eq(a->code.name, b->code.name) && span_eq(a->code.text, b->code.text) &&
           a->code.num == b->code.num && span_eq(a->text, b->text);
}
