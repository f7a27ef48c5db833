/*
 * fz_response.c - see fz_response.h. The checks here are independent of the reader's
 * own bookkeeping: literal octets are compared with the input bytes, sizes with the
 * digits the input wrote, and the round trip compares two readings by value.
 */
#include "fz_response.h"
#include "fz_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct logbuf {
    char *p;
    size_t len, cap;
};

static void lput(struct logbuf *l, const void *s, size_t n)
{
    if (l->len + n + 1 > l->cap) {
        size_t cap = l->cap ? l->cap : 256;
        while (cap < l->len + n + 1)
            cap *= 2;
        char *p = realloc(l->p, cap);
        FZ_CHECK(p != NULL, "out of memory");
        l->p = p;
        l->cap = cap;
    }
    memcpy(l->p + l->len, s, n);
    l->len += n;
    l->p[l->len] = 0;
}

static void lputs(struct logbuf *l, const char *s)
{
    lput(l, s, strlen(s));
}

static void lesc(struct logbuf *l, const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char b[8];
        if (s[i] == '\\')
            lputs(l, "\\\\");
        else if (s[i] >= 0x20 && s[i] < 0x7f)
            lput(l, s + i, 1);
        else if (s[i] == '\r')
            lputs(l, "\\r");
        else if (s[i] == '\n')
            lputs(l, "\\n");
        else {
            snprintf(b, sizeof b, "\\x%02x", s[i]);
            lputs(l, b);
        }
    }
}

static void lnum(struct logbuf *l, uint64_t v)
{
    char b[24];
    snprintf(b, sizeof b, "%llu", (unsigned long long)v);
    lputs(l, b);
}

void fzr_small_limits(struct ig_response_limits *lim, uint8_t b)
{
    ig_response_limits_default(lim);
    lim->max_line = 64u + (b & 0x3fu) * 8u;
    lim->max_literal = 32u + (b & 0x0fu) * 16u;
    lim->max_inline_literal = 8u + (b >> 6) * 8u;
    lim->max_inline_bytes = 64;
    lim->max_literals = 2u + (b & 3u);
    lim->max_depth = 2u + (b >> 5 & 3u);
    lim->max_items = 24u + (b & 7u) * 4u;
    lim->max_tag = 4u + (b & 7u);
    lim->arena = 4096;
}

/* Memory for the readers, kept for the life of the process (see fz_block). */
static void *mem_for(int which, size_t need)
{
    static void *blk[2];
    static size_t cap[2];
    if (cap[which] < need) {
        free(blk[which]);
        blk[which] = malloc(need);
        FZ_CHECK(blk[which] != NULL, "out of memory");
        cap[which] = need;
    }
    return blk[which];
}

/* Literal octets of the response in progress, for the round trip. */
struct lits {
    unsigned char *buf;
    size_t len, cap;
    struct ig_span span[1024];
    size_t start[1024];
    uint32_t n;
    int overflow;
};

static void lits_add(struct lits *L, const unsigned char *p, size_t n)
{
    if (L->overflow || n == 0)
        return;
    if (L->len + n > (1u << 20)) { /* the round trip skips responses over 1 MiB */
        L->overflow = 1;
        return;
    }
    if (L->len + n > L->cap) {
        size_t cap = L->cap ? L->cap : 4096;
        while (cap < L->len + n)
            cap *= 2;
        unsigned char *b = realloc(L->buf, cap);
        FZ_CHECK(b != NULL, "out of memory");
        L->buf = b;
        L->cap = cap;
    }
    memcpy(L->buf + L->len, p, n);
    L->len += n;
}

/* Emit resp with its literals, read it back whole, compare. */
static void roundtrip(const struct ig_response_limits *lim, const struct ig_response *resp,
                      struct lits *L, struct logbuf *log)
{
    if (L->overflow || L->n > 1024)
        return;
    for (uint32_t i = 0; i < L->n; i++)
        L->span[i].ptr = L->buf ? L->buf + L->start[i] : NULL;
    size_t need = ig_response_emit(resp, L->span, L->n, NULL, 0);
    FZ_CHECK(need != (size_t)-1, "a response read cannot be emitted");
    unsigned char *a = malloc(need + 1), *b = malloc(need + 1);
    FZ_CHECK(a && b, "out of memory");
    FZ_CHECK(ig_response_emit(resp, L->span, L->n, a, need) == need, "emit length differs");
    lputs(log, "OK ");
    lputs(log, ig_resp_kind_name((enum ig_resp_kind)resp->kind));
    lputs(log, " ");
    lesc(log, a, need);

    struct ig_response_reader rd;
    void *mem = mem_for(1, ig_response_memsize(lim));
    FZ_CHECK(ig_response_init(&rd, lim, mem, ig_response_memsize(lim)) == IG_OK, "init");
    size_t pos = 0, used;
    enum ig_status st;
    for (;;) {
        st = ig_response_feed(&rd, a + pos, need - pos, &used);
        pos += used;
        if (st != IG_NEED_LITERAL && st != IG_LITERAL_DATA)
            break;
    }
    if (st == IG_E_LIMIT || st == IG_E_NOMEM) {
        /* the canonical form may be longer than the original (a kept literal written
         * quoted with escapes): cannot be checked within these limits */
        free(a);
        free(b);
        return;
    }
    if (st != IG_OK)
        fprintf(stderr, "re-read: %s at %llu: %s\n", ig_status_name(st),
                (unsigned long long)ig_response_error(&rd)->offset,
                ig_response_error(&rd)->reason);
    FZ_CHECK(st == IG_OK && pos == need, "the canonical form does not read back as one response");
    const struct ig_response *again = ig_response_get(&rd);
    FZ_CHECK(ig_response_equal(resp, again), "the canonical form reads back different");
    size_t n2 = ig_response_emit(again, L->span, L->n, b, need);
    FZ_CHECK(n2 == need && memcmp(a, b, need) == 0, "the canonical form is not stable");
    free(a);
    free(b);
}

struct fzr_result fzr_run(const struct ig_response_limits *lim, const uint8_t *data,
                          size_t size, const uint8_t *chunks, size_t nchunks,
                          const char *starttls, fzr_place_fn place, char **logp)
{
    struct fzr_result res;
    struct logbuf log = {0};
    struct lits L;
    struct ig_response_reader rd;
    memset(&res, 0, sizeof res);
    memset(&L, 0, sizeof L);
    size_t msize = ig_response_memsize(lim);
    void *mem = mem_for(0, msize);
    FZ_CHECK(ig_response_init(&rd, lim, mem, msize) == IG_OK, "init");
    if (starttls)
        FZ_CHECK(ig_response_starttls(&rd, starttls, strlen(starttls)) == IG_OK, "starttls");
    size_t off = 0, ci = 0;
    uint64_t resp_end = 0;          /* where the next response must begin */
    uint64_t lit_left = 0;          /* octets of the announced literal still to come */
    int in_data = 0, stop = 0;
    while (!stop) {
        size_t n = size - off;
        if (nchunks && chunks) {
            size_t c = chunks[ci++ % nchunks];
            if (c == 0)
                c = 1;
            if (n > c)
                n = c;
        }
        const unsigned char *chunk = place ? place(data + off, n) : data + off;
        size_t pos = 0;
        do {
            size_t used;
            uint64_t at = ig_response_offset(&rd);
            enum ig_status st = ig_response_feed(&rd, chunk + pos, n - pos, &used);
            FZ_CHECK(used <= n - pos, "used past the chunk");
            if (in_data && st != IG_LITERAL_DATA) {
                lputs(&log, "\n");
                in_data = 0;
            }
            if (st == IG_LITERAL_DATA) {
                uint64_t rem;
                struct ig_span d = ig_response_data(&rd, &rem);
                FZ_CHECK(d.ptr == chunk + pos && d.len == used && d.len > 0,
                         "literal data is not the bytes just fed");
                FZ_CHECK(memcmp(d.ptr, data + at, d.len) == 0, "literal data differs from the input");
                FZ_CHECK(d.len <= lit_left && rem == lit_left - d.len, "literal data over its size");
                lit_left -= d.len;
                res.octets += d.len;
                lits_add(&L, d.ptr, d.len);
                if (!in_data)
                    lputs(&log, "DATA ");
                in_data = 1;
                lesc(&log, d.ptr, d.len);
            } else if (st == IG_NEED_LITERAL) {
                const struct ig_rliteral *lt = ig_response_literal(&rd);
                FZ_CHECK(lit_left == 0, "a literal announced inside a literal");
                /* the size the input wrote, read from the input itself */
                const uint8_t *h = data + lt->offset + (lt->lit8 ? 2 : 1);
                uint64_t sz = 0;
                while (*h >= '0' && *h <= '9')
                    sz = sz * 10 + (uint64_t)(*h++ - '0');
                FZ_CHECK(sz == lt->size, "announced size differs from the header");
                FZ_CHECK(lt->index == L.n, "literal index out of order");
                lit_left = lt->size;
                if (L.n < 1024)
                    L.start[L.n] = L.len;
                if (L.n < 1024)
                    L.span[L.n].len = (size_t)lt->size;
                L.n++;
                lputs(&log, "LIT ");
                lnum(&log, lt->index);
                lputs(&log, " ");
                lnum(&log, lt->size);
                lputs(&log, lt->lit8 ? " lit8 " : " ");
                lputs(&log, lt->kept ? "kept" : "streamed");
                if (lt->item.len) {
                    lputs(&log, " ");
                    lesc(&log, lt->item.ptr, lt->item.len);
                }
                lputs(&log, " @");
                lnum(&log, lt->offset);
                lputs(&log, "\n");
            } else if (st == IG_OK) {
                const struct ig_response *r = ig_response_get(&rd);
                FZ_CHECK(lit_left == 0, "a response ended inside a literal");
                FZ_CHECK(r->offset == resp_end, "responses do not tile the stream");
                FZ_CHECK(r->offset + r->length == at + used, "response length is off");
                FZ_CHECK(r->nliterals == L.n, "literal count differs");
                resp_end = r->offset + r->length;
                res.responses++;
                roundtrip(lim, r, &L, &log);
                lputs(&log, " @");
                lnum(&log, r->offset);
                lputs(&log, "+");
                lnum(&log, r->length);
                if (r->tls_boundary)
                    lputs(&log, " TLS");
                lputs(&log, "\n");
                L.len = 0;
                L.n = 0;
                L.overflow = 0;
            } else if (st < 0) {
                const struct ig_error *e = ig_response_error(&rd);
                res.errors++;
                lputs(&log, "ERR ");
                lputs(&log, ig_status_name(st));
                lputs(&log, " @");
                lnum(&log, e->offset);
                lputs(&log, " ");
                lputs(&log, e->reason);
                lputs(&log, "\n");
                stop = 1;
                break;
            }
            pos += used;
        } while (pos < n);
        off += n;
        if (off >= size)
            break;
    }
    if (in_data)
        lputs(&log, "\n");
    res.idle = ig_response_idle(&rd);
    lputs(&log, res.errors ? "END error\n" : res.idle ? "END idle\n" : "END inside\n");
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < log.len; i++)
        h = (h ^ (unsigned char)log.p[i]) * 1099511628211u;
    res.hash = h;
    if (logp)
        *logp = log.p ? log.p : calloc(1, 1);
    else
        free(log.p);
    free(L.buf);
    return res;
}
