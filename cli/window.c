/*
 * window.c - the bytes behind the "raw" member of `imapguard parse --json`: every
 * consumed byte of the entries not printed yet, so that each entry can show its exact
 * bytes (literals included) while the input streams through. Memory is the largest
 * entry the parser accepts plus a fixed cap per rejected one; it never holds the
 * whole stream. It knows nothing of IMAP.
 */
#include "window.h"

#include <stdlib.h>
#include <string.h>

/* Index in p[start..] of stream offset o (o is never inside the gap). */
static size_t idx(const struct window *w, uint64_t o)
{
    uint64_t d = o - w->off;
    if (w->gap_len && o >= w->gap_off + w->gap_len)
        d -= w->gap_len;
    return (size_t)d;
}

/* Stream offset just past the last stored byte. */
static uint64_t end_off(const struct window *w)
{
    return w->off + w->len + w->gap_len;
}

int window_add(struct window *w, const void *s, size_t n)
{
    if (n == 0)
        return 0;
    if (w->start + w->len + n > w->cap) {
        if (w->start) { /* room at the front first: entries are printed in order */
            memmove(w->p, w->p + w->start, w->len);
            w->start = 0;
        }
        if (w->len + n > w->cap) {
            size_t cap = w->cap ? w->cap : 4096;
            while (cap < w->len + n)
                cap *= 2;
            unsigned char *np = realloc(w->p, cap);
            if (np == NULL)
                return -1;
            w->p = np;
            w->cap = cap;
        }
    }
    memcpy(w->p + w->start + w->len, s, n);
    w->len += n;
    return 0;
}

void window_cap(struct window *w, uint64_t from, uint64_t to, size_t keep)
{
    uint64_t limit = from + keep;
    if (to <= limit || from < w->off || to > end_off(w))
        return;
    /* The gap, when there is one, is this entry's and begins at limit. */
    uint64_t drop_from = w->gap_len ? w->gap_off + w->gap_len : limit;
    if (to <= drop_from)
        return;
    size_t i0 = idx(w, drop_from), i1 = idx(w, to);
    memmove(w->p + w->start + i0, w->p + w->start + i1, w->len - i1);
    w->len -= i1 - i0;
    if (w->gap_len == 0)
        w->gap_off = limit;
    w->gap_len += to - drop_from;
}

int window_get(const struct window *w, uint64_t from, uint64_t to, const unsigned char **p,
               size_t *n, uint64_t *omitted)
{
    if (from < w->off || to < from || to > end_off(w))
        return -1;
    uint64_t gap = 0;
    if (w->gap_len && w->gap_off >= from && w->gap_off < to) {
        if (w->gap_off + w->gap_len != to)
            return -1; /* a gap is always the tail of its entry */
        gap = w->gap_len;
    }
    *p = w->p + w->start + idx(w, from);
    *n = (size_t)(to - from - gap);
    *omitted = gap;
    return 0;
}

void window_drop(struct window *w, uint64_t to)
{
    if (to <= w->off)
        return;
    if (to > end_off(w))
        to = end_off(w);
    size_t k = idx(w, to);
    if (w->gap_len && w->gap_off < to)
        w->gap_len = 0; /* the gap ended at or before to */
    w->start += k;
    w->len -= k;
    w->off = to;
    if (w->len == 0)
        w->start = 0;
}

void window_free(struct window *w)
{
    free(w->p);
    memset(w, 0, sizeof(*w));
}
