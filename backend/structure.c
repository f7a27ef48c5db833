/*
 * structure.c - the computed FETCH items ENVELOPE and BODY / BODYSTRUCTURE (RFC 9051
 * §7.5.2): RFC 5322 address lists parsed into (name adl mailbox host) with group
 * markers, header values unfolded (encoded words are left as they are, as the RFC
 * says), and the MIME tree walked with bounded depth and part count. Strings built
 * here live in store scratch memory until ig_ref_reclaim().
 */
#include "store.h"

/* A header value with its line breaks removed (zero-copy when it has none). */
static struct ig_span unfold(struct ig_ref_store *st, struct ig_span v)
{
    if (memchr(v.ptr, '\n', v.len) == NULL && memchr(v.ptr, '\r', v.len) == NULL)
        return v;
    unsigned char *buf = ig_ref__scratch(st, v.len);
    struct ig_span out = {buf, 0};
    if (buf == NULL)
        return out;
    for (size_t i = 0; i < v.len; i++)
        if (v.ptr[i] != '\r' && v.ptr[i] != '\n')
            buf[out.len++] = v.ptr[i];
    return out;
}

static void w_header_nstring(struct ig_ref_store *st, struct ig_writer *w, struct ig_span header,
                             const char *name)
{
    struct ig_span v;
    if (ig_ref__header_get(header, name, &v)) {
        struct ig_span u = unfold(st, v);
        ig_w_nstring(w, &u);
    } else {
        ig_w_nstring(w, NULL);
    }
}

/* ---- addresses (RFC 5322 §3.4) ---- */

enum { TK_ATOM, TK_QUOTED, TK_COMMENT, TK_SPECIAL };

struct tok {
    uint8_t kind;
    unsigned char ch;        /* TK_SPECIAL */
    struct ig_span v;        /* text; quoted strings and comments unescaped */
};

struct addr_ctx {
    struct ig_ref_store *st;
    struct ig_writer *w;
    struct tok *t;
    size_t n;
    unsigned char *out;      /* decoded text, appended */
    size_t outlen;
    int any;
};

static int addr_special(unsigned char c)
{
    return c == '<' || c == '>' || c == '@' || c == ',' || c == ':' || c == ';' || c == '.';
}

static size_t tokenize(struct addr_ctx *a, struct ig_span v)
{
    size_t i = 0, n = 0;
    while (i < v.len) {
        unsigned char c = v.ptr[i];
        if (c == ' ' || c == '\t') {
            i++;
            continue;
        }
        struct tok *t = &a->t[n];
        if (c == '"' || c == '(') {
            unsigned depth = 0;
            t->kind = c == '"' ? TK_QUOTED : TK_COMMENT;
            t->v.ptr = a->out + a->outlen;
            i++;
            for (; i < v.len; i++) {
                unsigned char x = v.ptr[i];
                if (x == '\\' && i + 1 < v.len) {
                    a->out[a->outlen++] = v.ptr[++i];
                    continue;
                }
                if (c == '"' && x == '"')
                    break;
                if (c == '(' && x == '(')
                    depth++;
                if (c == '(' && x == ')' && depth-- == 0)
                    break;
                a->out[a->outlen++] = x;
            }
            i++;
            t->v.len = (size_t)(a->out + a->outlen - t->v.ptr);
        } else if (addr_special(c)) {
            t->kind = TK_SPECIAL;
            t->ch = c;
            t->v.ptr = v.ptr + i;
            t->v.len = 1;
            i++;
        } else {
            size_t s = i;
            if (c == '[') { /* domain literal */
                while (i < v.len && v.ptr[i] != ']')
                    i++;
                if (i < v.len)
                    i++;
            } else {
                while (i < v.len && v.ptr[i] != ' ' && v.ptr[i] != '\t' && v.ptr[i] != '"' &&
                       v.ptr[i] != '(' && !addr_special(v.ptr[i]))
                    i++;
            }
            t->kind = TK_ATOM;
            t->v.ptr = v.ptr + s;
            t->v.len = i - s;
        }
        n++;
    }
    return n;
}

static int is_sp(const struct tok *t, unsigned char ch)
{
    return t->kind == TK_SPECIAL && t->ch == ch;
}

/* Joins tokens [from, to) that are words (atoms, quoted strings, dots); spaced: a
 * phrase (words separated by one space), else a dot-atom (no spaces). Comments are
 * skipped. Returns an empty span when there is no word. */
static struct ig_span join(struct addr_ctx *a, size_t from, size_t to, int spaced)
{
    struct ig_span s = {a->out + a->outlen, 0};
    int first = 1;
    for (size_t i = from; i < to; i++) {
        const struct tok *t = &a->t[i];
        if (t->kind == TK_COMMENT)
            continue;
        if (spaced && !first && !is_sp(t, '.'))
            a->out[a->outlen++] = ' ';
        memcpy(a->out + a->outlen, t->v.ptr, t->v.len);
        a->outlen += t->v.len;
        first = 0;
    }
    s.len = (size_t)(a->out + a->outlen - s.ptr);
    return s;
}

static void w_addr(struct addr_ctx *a, const struct ig_span *name, const struct ig_span *mbox,
                   const struct ig_span *host)
{
    struct ig_writer *w = a->w;
    if (!a->any) {
        ig_w_open(w);
        a->any = 1;
    }
    ig_w_open(w);
    ig_w_nstring(w, name && name->len ? name : NULL);
    ig_w_nstring(w, NULL);
    ig_w_nstring(w, mbox);
    ig_w_nstring(w, host);
    ig_w_close(w);
    ig_w_tight(w); /* RFC 9051 §9: address lists are 1*address, without spaces */
}

/* One mailbox: tokens [from, to) without a group prefix. */
static void one_mailbox(struct addr_ctx *a, size_t from, size_t to)
{
    static const unsigned char empty[1] = {0};
    size_t lt = to, gt = to, at = to;
    for (size_t i = from; i < to; i++)
        if (is_sp(&a->t[i], '<')) {
            lt = i;
            break;
        }
    if (lt < to) {
        for (size_t i = lt + 1; i < to; i++)
            if (is_sp(&a->t[i], '>')) {
                gt = i;
                break;
            }
        /* skip an obsolete route "@a,@b:" */
        size_t s = lt + 1;
        for (size_t i = s; i < gt; i++)
            if (is_sp(&a->t[i], ':')) {
                s = i + 1;
                break;
            }
        for (size_t i = gt; i > s; i--)
            if (is_sp(&a->t[i - 1], '@')) {
                at = i - 1;
                break;
            }
        struct ig_span name = join(a, from, lt, 1);
        struct ig_span mbox = join(a, s, at < gt ? at : gt, 0);
        struct ig_span host = at < gt ? join(a, at + 1, gt, 0) : (struct ig_span){empty, 0};
        w_addr(a, &name, &mbox, &host);
        return;
    }
    for (size_t i = to; i > from; i--)
        if (is_sp(&a->t[i - 1], '@')) {
            at = i - 1;
            break;
        }
    int words = 0;
    for (size_t i = from; i < to; i++)
        words |= a->t[i].kind != TK_COMMENT;
    if (!words)
        return; /* nothing but comments */
    struct ig_span name = {NULL, 0};
    for (size_t i = from; i < to; i++)
        if (a->t[i].kind == TK_COMMENT) {
            name = a->t[i].v; /* "user@host (Full Name)" */
            break;
        }
    struct ig_span mbox = join(a, from, at < to ? at : to, 0);
    struct ig_span host = at < to ? join(a, at + 1, to, 0) : (struct ig_span){empty, 0};
    w_addr(a, &name, &mbox, &host);
}

static void w_addresses(struct ig_ref_store *st, struct ig_writer *w, struct ig_span header,
                        const char *field, const char *fallback)
{
    struct ig_span v;
    if (!ig_ref__header_get(header, field, &v) &&
        (fallback == NULL || !ig_ref__header_get(header, fallback, &v))) {
        ig_w_nstring(w, NULL);
        return;
    }
    struct addr_ctx a;
    memset(&a, 0, sizeof(a));
    a.st = st;
    a.w = w;
    a.t = malloc((v.len + 1) * sizeof(*a.t));
    a.out = ig_ref__scratch(st, 3 * v.len + 16);
    if (a.t == NULL || a.out == NULL) {
        free(a.t);
        st->oom = 1; /* NIL here is not the message's: the command ends NO */
        ig_w_nstring(w, NULL);
        return;
    }
    a.n = tokenize(&a, v);
    size_t start = 0;
    int in_group = 0, angle = 0;
    for (size_t i = 0; i <= a.n; i++) {
        if (i < a.n) {
            const struct tok *t = &a.t[i];
            if (is_sp(t, '<')) {
                angle++;
                continue;
            }
            if (is_sp(t, '>')) {
                angle -= angle > 0;
                continue;
            }
            if (angle)
                continue;
            if (is_sp(t, ':') && !in_group) {
                /* "display-name:" starts a group */
                struct ig_span name = join(&a, start, i, 1);
                w_addr(&a, NULL, &name, NULL);
                in_group = 1;
                start = i + 1;
                continue;
            }
            if (!is_sp(t, ',') && !is_sp(t, ';'))
                continue;
        }
        if (i > start)
            one_mailbox(&a, start, i);
        if (i < a.n && is_sp(&a.t[i], ';') && in_group) {
            w_addr(&a, NULL, NULL, NULL);
            in_group = 0;
        }
        start = i + 1;
    }
    if (in_group)
        w_addr(&a, NULL, NULL, NULL);
    free(a.t);
    if (a.any) {
        ig_w_close(w);
    } else {
        ig_w_nstring(w, NULL);
    }
}

void ig_ref__w_envelope(struct ig_ref_store *st, struct ig_writer *w, struct ig_span header)
{
    ig_w_open(w);
    w_header_nstring(st, w, header, "Date");
    w_header_nstring(st, w, header, "Subject");
    w_addresses(st, w, header, "From", NULL);
    w_addresses(st, w, header, "Sender", "From");
    w_addresses(st, w, header, "Reply-To", "From");
    w_addresses(st, w, header, "To", NULL);
    w_addresses(st, w, header, "Cc", NULL);
    w_addresses(st, w, header, "Bcc", NULL);
    w_header_nstring(st, w, header, "In-Reply-To");
    w_header_nstring(st, w, header, "Message-ID");
    ig_w_close(w);
}

/* ---- body structure ---- */

static uint64_t count_lines(struct ig_span s)
{
    uint64_t n = 0;
    for (size_t i = 0; i < s.len; i++)
        n += s.ptr[i] == '\n';
    if (s.len && s.ptr[s.len - 1] != '\n')
        n++;
    return n;
}

static void w_str(struct ig_writer *w, const char *s)
{
    struct ig_span v = {(const unsigned char *)s, strlen(s)};
    ig_w_string(w, v);
}

/* body-fld-param: ("attr" "value" ...) or NIL. */
static void w_params(struct ig_ref_store *st, struct ig_writer *w, struct ig_span params)
{
    size_t pos = 0, len;
    struct ig_span attr;
    unsigned char *buf = ig_ref__scratch(st, params.len);
    int any = 0;
    if (buf == NULL) {
        ig_w_nstring(w, NULL);
        return;
    }
    size_t used = 0;
    while (ig_ref__param_next(params, &pos, &attr, buf + used, params.len - used, &len)) {
        struct ig_span val = {buf + used, len};
        used += len;
        if (!any)
            ig_w_open(w);
        any = 1;
        ig_w_string(w, attr);
        ig_w_string(w, val);
    }
    if (any)
        ig_w_close(w);
    else
        ig_w_nstring(w, NULL);
}

/* body-ext-1part / body-ext-mpart after the md5 or params: disposition, language,
 * location. */
static void w_ext_tail(struct ig_ref_store *st, struct ig_writer *w, const struct ig_ref_entity *e)
{
    struct ig_span v, u = {NULL, 0};
    if (ig_ref__header_get(e->header, "Content-Disposition", &v))
        u = unfold(st, v);
    /* NULL: no Content-Disposition, or unfolding it ran out of memory (then the
     * command ends NO) */
    if (u.ptr != NULL) {
        size_t i = 0;
        while (i < u.len && u.ptr[i] != ';' && u.ptr[i] != ' ' && u.ptr[i] != '\t')
            i++;
        struct ig_span type = {u.ptr, i}, params = {u.ptr + i, u.len - i};
        const unsigned char *semi = memchr(params.ptr, ';', params.len);
        if (semi) {
            params.len -= (size_t)(semi + 1 - params.ptr);
            params.ptr = semi + 1;
        } else {
            params.len = 0;
        }
        ig_w_open(w);
        ig_w_string(w, type);
        w_params(st, w, params);
        ig_w_close(w);
    } else {
        ig_w_nstring(w, NULL);
    }
    w_header_nstring(st, w, e->header, "Content-Language");
    w_header_nstring(st, w, e->header, "Content-Location");
}

static void w_body(struct ig_ref_store *st, struct ig_writer *w, const struct ig_ref_entity *e,
                   int digest, int ext, unsigned depth);

static void w_leaf(struct ig_ref_store *st, struct ig_writer *w, const struct ig_ref_entity *e,
                   const struct ig_ref_ctype *ct, int ext, unsigned depth, int defaulted)
{
    struct ig_span v;
    int msg = ig_ref__ctype_is(ct, "message", "rfc822") || ig_ref__ctype_is(ct, "message", "global");
    if (depth >= REF_MAX_MIME_DEPTH) {
        /* too deep to follow: an opaque part */
        ig_w_open(w);
        w_str(w, "APPLICATION");
        w_str(w, "OCTET-STREAM");
        ig_w_nstring(w, NULL);
        ig_w_nstring(w, NULL);
        ig_w_nstring(w, NULL);
        w_str(w, "7BIT");
        ig_w_number(w, e->body.len);
        ig_w_close(w);
        return;
    }
    ig_w_open(w);
    ig_w_string(w, ct->type);
    ig_w_string(w, ct->subtype);
    if (defaulted && ig_ref__ctype_is(ct, "text", NULL)) {
        ig_w_open(w);
        w_str(w, "CHARSET");
        w_str(w, "US-ASCII");
        ig_w_close(w);
    } else {
        w_params(st, w, ct->params);
    }
    w_header_nstring(st, w, e->header, "Content-ID");
    w_header_nstring(st, w, e->header, "Content-Description");
    if (ig_ref__header_get(e->header, "Content-Transfer-Encoding", &v)) {
        size_t i = 0;
        while (i < v.len && v.ptr[i] != ' ' && v.ptr[i] != '\t' && v.ptr[i] != '\r' &&
               v.ptr[i] != '\n' && v.ptr[i] != ';' && v.ptr[i] != '(')
            i++;
        struct ig_span t = {v.ptr, i};
        ig_w_string(w, t);
    } else {
        w_str(w, "7BIT");
    }
    ig_w_number(w, e->body.len);
    if (msg) {
        struct ig_ref_entity inner;
        ig_ref__entity(e->body, 1, &inner);
        ig_ref__w_envelope(st, w, inner.header);
        w_body(st, w, &inner, 0, ext, depth + 1);
        ig_w_number(w, count_lines(e->body));
    } else if (ig_ref__ctype_is(ct, "text", NULL)) {
        ig_w_number(w, count_lines(e->body));
    }
    if (ext) {
        w_header_nstring(st, w, e->header, "Content-MD5");
        w_ext_tail(st, w, e);
    }
    ig_w_close(w);
}

static void w_body(struct ig_ref_store *st, struct ig_writer *w, const struct ig_ref_entity *e,
                   int digest, int ext, unsigned depth)
{
    struct ig_ref_ctype ct;
    struct ig_span v;
    int defaulted = !ig_ref__header_get(e->header, "Content-Type", &v);
    ig_ref__ctype(e, digest, &ct);
    if (!ig_ref__ctype_is(&ct, "multipart", NULL) || depth >= REF_MAX_MIME_DEPTH) {
        w_leaf(st, w, e, &ct, ext, depth, defaulted);
        return;
    }
    struct ig_ref_piter it;
    struct ig_ref_entity part;
    int sub_digest = ig_ref__ctype_is(&ct, "multipart", "digest");
    ig_w_open(w);
    uint32_t n = 0;
    if (ig_ref__piter_init(&it, e, &ct)) {
        while (ig_ref__piter_next(&it, &part)) {
            if (n++)
                ig_w_tight(w); /* RFC 9051 §9: body-type-mpart = 1*body, no SP between */
            w_body(st, w, &part, sub_digest, ext, depth + 1);
        }
    }
    if (n == 0) {
        /* a multipart needs at least one body: an empty text part stands in */
        static const unsigned char none[1] = {0};
        struct ig_ref_entity empty;
        struct ig_span s = {none, 0};
        ig_ref__entity(s, 0, &empty);
        w_body(st, w, &empty, 0, ext, depth + 1);
    }
    ig_w_string(w, ct.subtype);
    if (ext) {
        w_params(st, w, ct.params);
        w_ext_tail(st, w, e);
    }
    ig_w_close(w);
}

void ig_ref__w_bodystructure(struct ig_ref_store *st, struct ig_writer *w, struct ig_span msg,
                             int extended)
{
    struct ig_ref_entity e;
    ig_ref__entity(msg, 1, &e);
    w_body(st, w, &e, 0, extended, 0);
}
