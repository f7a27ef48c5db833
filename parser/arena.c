/*
 * arena.c - the per-command arena over caller memory. Results (argument arrays,
 * decoded strings) grow up from the bottom; vectors under construction grow down from
 * the top, so a list of unknown length is built without a second pass and then moved
 * down in one copy. Nothing here calls malloc; a full arena is reported, not grown.
 */
#include "internal.h"

#define ALIGN 8u

static size_t align_up(size_t n)
{
    return (n + (ALIGN - 1)) & ~(size_t)(ALIGN - 1);
}

void ig__arena_reset(struct ig_parser *p, size_t lo, size_t hi)
{
    p->_lo = lo;
    p->_hi = hi;
}

void *ig__arena_alloc(struct ig_parser *p, size_t size)
{
    size = align_up(size);
    if (size > p->_hi - p->_lo)
        return NULL;
    void *r = p->_arena + p->_lo;
    p->_lo += size;
    return r;
}

void ig__vec_begin(struct ig_parser *p, struct ig__vec *v, size_t elsize)
{
    v->mark = p->_hi;
    v->elsize = align_up(elsize);
    v->size = elsize;
    v->n = 0;
}

void *ig__vec_finish(struct ig_parser *p, struct ig__vec *v)
{
    assert(p->_hi == v->mark - v->n * v->elsize);
    if (v->n == 0)
        return NULL;
    size_t stride = v->elsize, size = v->size;
    size_t src = v->mark - v->n * stride;
    unsigned char *base = p->_arena, *dst = base + p->_lo;
    /* The elements sit in reverse order at [src, mark), stride apart; the result is a
     * C array (size apart) at _lo. Usually the two areas are apart and each element is
     * copied once, into place. */
    if (p->_lo + v->n * size <= src) {
        const unsigned char *from = base + v->mark - stride;
        /* Constant-size copies for the common element sizes compile to a few moves. */
#define COPY_ALL(N)                                                                        \
    for (uint32_t i = 0; i < v->n; i++, from -= stride)                                    \
        memcpy(dst + i * (N), from, (N));                                                  \
    break
        switch (size) {
        case 8: COPY_ALL(8);
        case 16: COPY_ALL(16);
        case 24: COPY_ALL(24);
        case 32: COPY_ALL(32);
        case 40: COPY_ALL(40);
        case 48: COPY_ALL(48);
        case 56: COPY_ALL(56);
        case 64: COPY_ALL(64);
        default: COPY_ALL(size);
        }
#undef COPY_ALL
    } else {
        /* Nearly full arena: reverse the elements in place, then move them down in
         * increasing order; element i never lands beyond element i + 1's old place
         * (_lo <= src and size <= stride), so nothing is overwritten before it moves. */
        unsigned char tmp[64];
        for (uint32_t i = 0, j = v->n - 1; i < j; i++, j--) {
            unsigned char *x = base + src + i * stride, *y = base + src + j * stride;
            for (size_t k = 0; k < stride; k += sizeof(tmp)) {
                size_t c = stride - k < sizeof(tmp) ? stride - k : sizeof(tmp);
                memcpy(tmp, x + k, c);
                memcpy(x + k, y + k, c);
                memcpy(y + k, tmp, c);
            }
        }
        for (uint32_t i = 0; i < v->n; i++)
            memmove(dst + i * size, base + src + i * stride, size);
    }
    p->_lo = align_up(p->_lo + v->n * size);
    p->_hi = v->mark;
    return dst;
}

void ig__vec_abandon(struct ig_parser *p, struct ig__vec *v)
{
    p->_hi = v->mark;
}
