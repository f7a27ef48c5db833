/* window.h - the stream bytes of the entries `imapguard parse --json` has not printed
 * yet, kept for their "raw" member (window.c). */
#ifndef IG_TOOLS_WINDOW_H
#define IG_TOOLS_WINDOW_H

#include <stddef.h>
#include <stdint.h>

/* The consumed bytes from stream offset off on, with at most one gap: the bytes of a
 * rejected entry past its first `keep` bytes, dropped by window_cap(). */
struct window {
    unsigned char *p;
    size_t start, len, cap; /* stored bytes: p[start..start+len) */
    uint64_t off;           /* stream offset of p[start] */
    uint64_t gap_off;       /* stream offset where the dropped bytes begin */
    uint64_t gap_len;       /* dropped bytes (0: no gap) */
};

/* Appends the next n consumed bytes. -1 when out of memory. */
int window_add(struct window *w, const void *s, size_t n);

/* The entry that starts at stream offset from is rejected and runs at least to to:
 * keep only its first `keep` bytes (the rest of such a line may be any length). */
void window_cap(struct window *w, uint64_t from, uint64_t to, size_t keep);

/* The kept bytes of the entry [from, to) into *p and *n, and how many of its bytes were
 * dropped at its end into *omitted. -1 when the window does not hold that entry. */
int window_get(const struct window *w, uint64_t from, uint64_t to, const unsigned char **p,
               size_t *n, uint64_t *omitted);

/* Forgets everything before stream offset to (an entry ending there was printed). */
void window_drop(struct window *w, uint64_t to);

void window_free(struct window *w);

#endif
