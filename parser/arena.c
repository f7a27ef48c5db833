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

void *ig__arena_alloc(struct ig_parser *p, size_t size)
{
    size = align_up(size);
    if (size > p->_hi - p->_lo)
        return NULL;
    void *r = p->_arena + p->_lo;
    p->_lo += size;
    return r;
}

/* The rest of ig__vec_finish (internal.h) when the two areas overlap (a nearly full
 * arena): reverse the elements in place, then move them down in increasing order;
 * element i never lands beyond element i + 1's old place (_lo <= src and
 * size <= stride), so nothing is overwritten before it moves. v is passed by value
 * so that the caller's vector never escapes: the compiler then keeps its element size
 * a constant. */
void *ig__vec_finish_overlapping(struct ig_parser *p, struct ig__vec v)
{
    size_t stride = v.elsize, size = v.size;
    size_t src = v.mark - v.n * stride;
    unsigned char *base = p->_arena, *dst = base + p->_lo;
    unsigned char tmp[64];
    for (uint32_t i = 0, j = v.n - 1; i < j; i++, j--) {
        unsigned char *x = base + src + i * stride, *y = base + src + j * stride;
        for (size_t k = 0; k < stride; k += sizeof(tmp)) {
            size_t c = stride - k < sizeof(tmp) ? stride - k : sizeof(tmp);
            memcpy(tmp, x + k, c);
            memcpy(x + k, y + k, c);
            memcpy(y + k, tmp, c);
        }
    }
    for (uint32_t i = 0; i < v.n; i++)
        memmove(dst + i * size, base + src + i * stride, size);
    p->_lo = align_up(p->_lo + v.n * size);
    p->_hi = v.mark;
    return dst;
}
