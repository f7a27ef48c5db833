/*
 * mime.c - just enough MIME (RFC 2045, RFC 2046) to serve FETCH BODY[section] and
 * BINARY[section]: split an entity into header and body, read header fields and the
 * Content-Type, walk multipart bodies by boundary, follow nested message/rfc822 parts
 * by part number (RFC 9051 §6.4.5.1), build HEADER.FIELDS subsets, and undo base64 and
 * quoted-printable. Bare LF line ends are tolerated; nesting and part counts are bounded.
 */
#include "store.h"

/* Length of the line break at p (CRLF or LF), 0 when none. */
static size_t eol_at(const unsigned char *p, size_t left)
{
    if (left >= 1 && p[0] == '\n')
        return 1;
    if (left >= 2 && p[0] == '\r' && p[1] == '\n')
        return 2;
    return 0;
}

/* Offset just past the next '\n' at or after pos (or len). */
static size_t next_line(const unsigned char *p, size_t len, size_t pos)
{
    const unsigned char *nl = pos < len ? memchr(p + pos, '\n', len - pos) : NULL;
    return nl ? (size_t)(nl - p) + 1 : len;
}

void ig_ref__entity(struct ig_span data, int is_message, struct ig_ref_entity *e)
{
    size_t pos = 0;
    memset(e, 0, sizeof(*e));
    e->all = data;
    e->is_message = (uint8_t)is_message;
    while (pos < data.len) {
        size_t eol = eol_at(data.ptr + pos, data.len - pos);
        if (eol) {
            e->header.ptr = data.ptr;
            e->header.len = pos + eol;
            e->body.ptr = data.ptr + pos + eol;
            e->body.len = data.len - pos - eol;
            return;
        }
        pos = next_line(data.ptr, data.len, pos);
    }
    /* no blank line: all header, no body */
    e->header = data;
    e->body.ptr = data.ptr + data.len;
    e->body.len = 0;
}

int ig_ref__field_next(struct ig_span header, size_t *pos, struct ig_span *name,
                       struct ig_span *field, struct ig_span *value)
{
    const unsigned char *h = header.ptr;
    size_t len = header.len;
    while (*pos < len) {
        size_t start = *pos;
        if (eol_at(h + start, len - start))
            return 0; /* the blank line */
        size_t end = next_line(h, len, start);
        while (end < len && (h[end] == ' ' || h[end] == '\t'))
            end = next_line(h, len, end);
        *pos = end;
        if (h[start] == ' ' || h[start] == '\t')
            continue; /* a stray continuation line */
        const unsigned char *colon = memchr(h + start, ':', end - start);
        if (colon == NULL)
            continue;
        size_t nend = (size_t)(colon - h);
        while (nend > start && (h[nend - 1] == ' ' || h[nend - 1] == '\t'))
            nend--;
        name->ptr = h + start;
        name->len = nend - start;
        field->ptr = h + start;
        field->len = end - start;
        size_t v = (size_t)(colon - h) + 1, ve = end;
        while (ve > v && (h[ve - 1] == '\n' || h[ve - 1] == '\r'))
            ve--;
        while (v < ve && (h[v] == ' ' || h[v] == '\t' || h[v] == '\r' || h[v] == '\n'))
            v++;
        value->ptr = h + v;
        value->len = ve - v;
        return 1;
    }
    return 0;
}

int ig_ref__header_get(struct ig_span header, const char *name, struct ig_span *value)
{
    size_t pos = 0, nl = strlen(name);
    struct ig_span n, f;
    while (ig_ref__field_next(header, &pos, &n, &f, value))
        if (ig_ref__ci_eq(n.ptr, n.len, name, nl))
            return 1;
    return 0;
}

/* ---- Content-Type ---- */

/* Skips whitespace, line breaks and (nested) comments. */
static size_t skip_cfws(const unsigned char *p, size_t len, size_t i)
{
    while (i < len) {
        if (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n') {
            i++;
        } else if (p[i] == '(') {
            unsigned depth = 0;
            while (i < len) {
                if (p[i] == '\\' && i + 1 < len) {
                    i += 2;
                    continue;
                }
                if (p[i] == '(')
                    depth++;
                else if (p[i] == ')' && --depth == 0) {
                    i++;
                    break;
                }
                i++;
            }
        } else {
            break;
        }
    }
    return i;
}

static int tspecial(unsigned char c)
{
    return c <= ' ' || c >= 0x7f || strchr("()<>@,;:\\\"/[]?=", c) != NULL;
}

static size_t token_end(const unsigned char *p, size_t len, size_t i)
{
    while (i < len && !tspecial(p[i]))
        i++;
    return i;
}

void ig_ref__ctype(const struct ig_ref_entity *e, int digest_parent, struct ig_ref_ctype *ct)
{
    static const unsigned char text[] = "text", plain[] = "plain", message[] = "message",
                               rfc822[] = "rfc822";
    struct ig_span v;
    memset(ct, 0, sizeof(*ct));
    if (ig_ref__header_get(e->header, "Content-Type", &v)) {
        size_t i = skip_cfws(v.ptr, v.len, 0), t0 = i, t1 = token_end(v.ptr, v.len, i);
        i = skip_cfws(v.ptr, v.len, t1);
        if (t1 > t0 && i < v.len && v.ptr[i] == '/') {
            size_t s0 = skip_cfws(v.ptr, v.len, i + 1), s1 = token_end(v.ptr, v.len, s0);
            if (s1 > s0) {
                ct->type.ptr = v.ptr + t0;
                ct->type.len = t1 - t0;
                ct->subtype.ptr = v.ptr + s0;
                ct->subtype.len = s1 - s0;
                const unsigned char *semi = memchr(v.ptr + s1, ';', v.len - s1);
                if (semi) {
                    ct->params.ptr = semi + 1;
                    ct->params.len = v.len - (size_t)(semi + 1 - v.ptr);
                }
                return;
            }
        }
    }
    /* RFC 2045 §5.2 / RFC 2046 §5.1.5: the defaults */
    if (digest_parent) {
        ct->type = (struct ig_span){message, 7};
        ct->subtype = (struct ig_span){rfc822, 6};
    } else {
        ct->type = (struct ig_span){text, 4};
        ct->subtype = (struct ig_span){plain, 5};
    }
}

int ig_ref__ctype_is(const struct ig_ref_ctype *ct, const char *type, const char *subtype)
{
    if (!ig_ref__ci_eq(ct->type.ptr, ct->type.len, type, strlen(type)))
        return 0;
    return subtype == NULL || ig_ref__ci_eq(ct->subtype.ptr, ct->subtype.len, subtype,
                                            strlen(subtype));
}

int ig_ref__param_next(struct ig_span params, size_t *pos, struct ig_span *attr,
                       unsigned char *out, size_t cap, size_t *len)
{
    const unsigned char *p = params.ptr;
    size_t n = params.len, i = *pos;
    while (i < n) {
        i = skip_cfws(p, n, i);
        if (i < n && p[i] == ';') {
            i++;
            continue;
        }
        size_t a0 = i, a1 = token_end(p, n, i);
        i = skip_cfws(p, n, a1);
        if (a1 == a0 || i >= n || p[i] != '=') {
            /* not a parameter: skip to the next ';' */
            while (i < n && p[i] != ';')
                i++;
            continue;
        }
        i = skip_cfws(p, n, i + 1);
        size_t k = 0;
        if (i < n && p[i] == '"') {
            i++;
            while (i < n && p[i] != '"') {
                if (p[i] == '\\' && i + 1 < n)
                    i++;
                if (p[i] != '\r' && p[i] != '\n' && k < cap)
                    out[k++] = p[i];
                i++;
            }
            if (i < n)
                i++;
        } else {
            size_t v1 = token_end(p, n, i);
            for (; i < v1; i++)
                if (k < cap)
                    out[k++] = p[i];
        }
        attr->ptr = p + a0;
        attr->len = a1 - a0;
        *len = k;
        *pos = i;
        return 1;
    }
    *pos = n;
    return 0;
}

int ig_ref__param(struct ig_span params, const char *name, unsigned char *out, size_t cap,
                  size_t *len)
{
    size_t pos = 0;
    struct ig_span attr;
    while (ig_ref__param_next(params, &pos, &attr, out, cap, len))
        if (ig_ref__ci_eq(attr.ptr, attr.len, name, strlen(name)))
            return 1;
    return 0;
}

/* ---- multipart ---- */

/* The next delimiter line at or after *from: returns its line start, sets *after (just
 * past the line) and *close; (size_t)-1 when none. */
static size_t find_delim(const struct ig_ref_piter *it, size_t from, size_t *after, int *close)
{
    const unsigned char *b = it->body.ptr;
    size_t len = it->body.len, i = from;
    while (i < len) {
        if ((i == 0 || b[i - 1] == '\n') && len - i >= it->blen + 2 && b[i] == '-' &&
            b[i + 1] == '-' && memcmp(b + i + 2, it->boundary, it->blen) == 0) {
            size_t e = i + 2 + it->blen;
            *close = len - e >= 2 && b[e] == '-' && b[e + 1] == '-';
            *after = next_line(b, len, e);
            return i;
        }
        const unsigned char *nl = memchr(b + i, '\n', len - i);
        if (nl == NULL)
            break;
        i = (size_t)(nl - b) + 1;
    }
    return (size_t)-1;
}

int ig_ref__piter_init(struct ig_ref_piter *it, const struct ig_ref_entity *mp,
                      const struct ig_ref_ctype *ct)
{
    memset(it, 0, sizeof(*it));
    it->body = mp->body;
    if (!ig_ref__param(ct->params, "boundary", it->boundary, sizeof(it->boundary), &it->blen) ||
        it->blen == 0 || it->blen > 200)
        return 0;
    size_t after;
    int close;
    size_t d = find_delim(it, 0, &after, &close);
    if (d == (size_t)-1 || close) {
        it->done = 1;
        return 1;
    }
    it->pos = after;
    return 1;
}

int ig_ref__piter_next(struct ig_ref_piter *it, struct ig_ref_entity *part)
{
    if (it->done || it->count >= REF_MAX_MIME_PARTS)
        return 0;
    it->count++;
    size_t after;
    int close;
    size_t start = it->pos;
    size_t d = find_delim(it, start, &after, &close);
    size_t end;
    if (d == (size_t)-1) {
        end = it->body.len;
        it->done = 1;
    } else {
        end = d;
        /* the line break before the delimiter belongs to it */
        if (end > start && it->body.ptr[end - 1] == '\n')
            end--;
        if (end > start && it->body.ptr[end - 1] == '\r')
            end--;
        if (close)
            it->done = 1;
        it->pos = after;
    }
    struct ig_span s = {it->body.ptr + start, end >= start ? end - start : 0};
    ig_ref__entity(s, 0, part);
    part->depth = 0;
    return 1;
}

int ig_ref__subpart(const struct ig_ref_entity *multipart, const struct ig_ref_ctype *ct,
                    uint32_t k, struct ig_ref_entity *part)
{
    struct ig_ref_piter it;
    if (k == 0 || k > REF_MAX_MIME_PARTS || !ig_ref__piter_init(&it, multipart, ct))
        return 0;
    for (uint32_t i = 1; i <= k; i++)
        if (!ig_ref__piter_next(&it, part))
            return 0;
    part->depth = (uint8_t)(multipart->depth + 1);
    return 1;
}

uint32_t ig_ref__nparts(const struct ig_ref_entity *multipart, const struct ig_ref_ctype *ct)
{
    struct ig_ref_piter it;
    struct ig_ref_entity e;
    uint32_t n = 0;
    if (!ig_ref__piter_init(&it, multipart, ct))
        return 0;
    while (ig_ref__piter_next(&it, &e))
        n++;
    return n;
}

static int is_message_type(const struct ig_ref_ctype *ct)
{
    return ig_ref__ctype_is(ct, "message", "rfc822") || ig_ref__ctype_is(ct, "message", "global");
}

int ig_ref__locate(struct ig_span msg, const uint32_t *parts, uint32_t nparts,
                   struct ig_ref_entity *e, struct ig_ref_ctype *ct, int *is_leaf)
{
    struct ig_ref_entity cur, next;
    struct ig_ref_ctype cct;
    ig_ref__entity(msg, 1, &cur);
    ig_ref__ctype(&cur, 0, &cct);
    if (nparts > REF_MAX_MIME_DEPTH)
        return 0;
    for (uint32_t i = 0; i < nparts; i++) {
        if (!cur.is_message && is_message_type(&cct)) {
            /* RFC 9051 §6.4.5.1: a MESSAGE/RFC822 part's numbers are its body's */
            uint8_t d = cur.depth;
            ig_ref__entity(cur.body, 1, &cur);
            cur.depth = (uint8_t)(d + 1);
            ig_ref__ctype(&cur, 0, &cct);
        }
        if (ig_ref__ctype_is(&cct, "multipart", NULL)) {
            int digest = ig_ref__ctype_is(&cct, "multipart", "digest");
            if (!ig_ref__subpart(&cur, &cct, parts[i], &next))
                return 0;
            cur = next;
            ig_ref__ctype(&cur, digest, &cct);
        } else if (cur.is_message && parts[i] == 1) {
            /* a non-multipart message has a part 1: its body, with the message header
               as its MIME header */
            cur.is_message = 0;
        } else {
            return 0;
        }
        if (cur.depth > REF_MAX_MIME_DEPTH)
            return 0;
    }
    *e = cur;
    *ct = cct;
    *is_leaf = !ig_ref__ctype_is(&cct, "multipart", NULL) && !is_message_type(&cct);
    return 1;
}

/* ---- sections ---- */

static int header_subset(struct ig_ref_store *st, struct ig_span header, const struct ig_strs *f,
                         int not, struct ig_span *out)
{
    unsigned char *buf = ig_ref__scratch(st, header.len);
    size_t len = 0, pos = 0;
    struct ig_span n, field, v;
    if (buf == NULL)
        return -1;
    while (ig_ref__field_next(header, &pos, &n, &field, &v)) {
        int match = 0;
        for (uint32_t i = 0; i < f->n && !match; i++)
            match = ig_ref__ci_eq(n.ptr, n.len, f->v[i].v.ptr, f->v[i].v.len);
        if (match != not) {
            memcpy(buf + len, field.ptr, field.len);
            len += field.len;
        }
    }
    /* the blank line, when the header has one */
    size_t eol = 0;
    if (header.len >= 2 && header.ptr[header.len - 2] == '\r' && header.ptr[header.len - 1] == '\n')
        eol = 2;
    else if (header.len >= 1 && header.ptr[header.len - 1] == '\n')
        eol = 1;
    if (eol && pos < header.len && eol_at(header.ptr + pos, header.len - pos)) {
        memcpy(buf + len, header.ptr + header.len - eol, eol);
        len += eol;
    }
    out->ptr = buf;
    out->len = len;
    return 1;
}

static int message_section(struct ig_ref_store *st, struct ig_span msg, const struct ig_section *sec,
                           struct ig_span *out)
{
    struct ig_ref_entity m;
    ig_ref__entity(msg, 1, &m);
    switch (sec->text) {
    case IG_SECTION_HEADER:
        *out = m.header;
        return 1;
    case IG_SECTION_TEXT:
        *out = m.body;
        return 1;
    case IG_SECTION_HEADER_FIELDS:
    case IG_SECTION_HEADER_FIELDS_NOT:
        return header_subset(st, m.header, &sec->fields, sec->text == IG_SECTION_HEADER_FIELDS_NOT,
                             out);
    case IG_SECTION_NONE:
        *out = msg;
        return 1;
    default:
        return 0;
    }
}

int ig_ref__section(struct ig_ref_store *st, const struct ig_ref_blob *blob,
                    const struct ig_section *sec, struct ig_span *out)
{
    struct ig_span msg = {blob->data, blob->len};
    struct ig_ref_entity e;
    struct ig_ref_ctype ct;
    int leaf;
    /* Set on every path: the caller cuts a <partial> from *out before it knows whether
     * the section exists (it was left unset when it did not; found by MSan). */
    out->ptr = NULL;
    out->len = 0;
    if (sec->nparts == 0)
        return sec->text == IG_SECTION_MIME ? 0 : message_section(st, msg, sec, out);
    if (!ig_ref__locate(msg, sec->parts, sec->nparts, &e, &ct, &leaf))
        return 0;
    switch (sec->text) {
    case IG_SECTION_NONE:
        *out = e.body;
        return 1;
    case IG_SECTION_MIME:
        *out = e.header;
        return 1;
    default:
        if (!is_message_type(&ct))
            return 0;
        return message_section(st, e.body, sec, out);
    }
}

/* ---- Content-Transfer-Encoding ---- */

static int b64val(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = ig_ref__lower(c);
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

int ig_ref__decode(struct ig_ref_store *st, const struct ig_ref_entity *e, struct ig_span *out)
{
    struct ig_span v, body = e->body;
    int b64 = 0, qp = 0;
    if (ig_ref__header_get(e->header, "Content-Transfer-Encoding", &v)) {
        size_t i = skip_cfws(v.ptr, v.len, 0), j = token_end(v.ptr, v.len, i);
        struct ig_span t = {v.ptr + i, j - i};
        b64 = ig_ref__ci_eq(t.ptr, t.len, "base64", 6);
        qp = ig_ref__ci_eq(t.ptr, t.len, "quoted-printable", 16);
        if (!b64 && !qp && !ig_ref__ci_eq(t.ptr, t.len, "7bit", 4) &&
            !ig_ref__ci_eq(t.ptr, t.len, "8bit", 4) && !ig_ref__ci_eq(t.ptr, t.len, "binary", 6))
            return 0;
    }
    if (!b64 && !qp) {
        *out = body;
        return 1;
    }
    unsigned char *buf = ig_ref__scratch(st, body.len);
    size_t n = 0;
    if (buf == NULL)
        return -1;
    if (b64) {
        uint32_t acc = 0;
        unsigned bits = 0;
        for (size_t i = 0; i < body.len; i++) {
            if (body.ptr[i] == '=')
                break;
            int x = b64val(body.ptr[i]);
            if (x < 0)
                continue;
            acc = (acc << 6) | (uint32_t)x;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                buf[n++] = (unsigned char)(acc >> bits);
                acc &= (1u << bits) - 1;
            }
        }
    } else {
        for (size_t i = 0; i < body.len; i++) {
            unsigned char ch = body.ptr[i];
            if (ch == '=') {
                size_t eol = eol_at(body.ptr + i + 1, body.len - i - 1);
                if (eol) {
                    i += eol; /* soft line break */
                    continue;
                }
                if (i + 2 < body.len && hexval(body.ptr[i + 1]) >= 0 && hexval(body.ptr[i + 2]) >= 0) {
                    buf[n++] = (unsigned char)(hexval(body.ptr[i + 1]) * 16 + hexval(body.ptr[i + 2]));
                    i += 2;
                    continue;
                }
            }
            buf[n++] = ch;
        }
    }
    out->ptr = buf;
    out->len = n;
    return 1;
}
