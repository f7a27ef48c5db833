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

/* Element i of a vector lives at mark - (i + 1) * elsize: the stack grows down. */
void *ig__vec_push(struct ig_parser *p, struct ig__vec *v)
{
    /* Only the newest vector may grow: nested vectors are finished first. */
    assert(p->_hi == v->mark - v->n * v->elsize);
    if (v->elsize > p->_hi - p->_lo)
        return NULL;
    p->_hi -= v->elsize;
    v->n++;
    void *r = p->_arena + p->_hi;
    memset(r, 0, v->elsize);
    return r;
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
        for (uint32_t i = 0; i < v->n; i++)
            memcpy(dst + i * size, base + v->mark - (i + 1) * stride, size);
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
