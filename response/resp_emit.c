/*
 * resp_emit.c - the canonical form of a response (ig_response_emit) and equality by value
 * (ig_response_equal), for the round-trip property of the response fuzz target and for
 * tools that rewrite responses. Strings are written quoted when every byte may stand
 * in a quoted string (7-bit, no CR, LF or NUL; RFC 9051 §4.3), else as a literal, a
 * literal8 when it holds a NUL or came as one (RFC 3516). Status text and response-code
 * text are written as read: the reader validated them.
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

static int quotable(struct ig_span s)
{
    for (size_t i = 0; i < s.len; i++)
        if (s.ptr[i] == 0 || s.ptr[i] == '\r' || s.ptr[i] == '\n' || s.ptr[i] >= 0x80)
            return 0;
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
