/*
 * alloc_count.c - the allocator entry points, defined in the executable so they stand
 * in for glibc's in every library the process loads (libdovecot included), each
 * counting a call and handing it on to glibc's own (__libc_*). Only the benchmark links
 * this; memory is never changed, only counted.
 */
#include "alloc_count.h"

#include <errno.h>
#include <stddef.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *ptr, size_t size);
extern void *__libc_memalign(size_t align, size_t size);
extern void __libc_free(void *ptr);

static int counting;
static unsigned long count;

void alloc_count_start(void)
{
    count = 0;
    counting = 1;
}

unsigned long alloc_count_stop(void)
{
    counting = 0;
    return count;
}

void *malloc(size_t size)
{
    count += (unsigned long)counting;
    return __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
    count += (unsigned long)counting;
    return __libc_calloc(n, size);
}

void *realloc(void *ptr, size_t size)
{
    count += (unsigned long)counting;
    return __libc_realloc(ptr, size);
}

void free(void *ptr)
{
    __libc_free(ptr);
}

int posix_memalign(void **out, size_t align, size_t size)
{
    count += (unsigned long)counting;
    if (align < sizeof(void *) || (align & (align - 1)) != 0)
        return EINVAL;
    void *p = __libc_memalign(align, size);
    if (p == NULL)
        return ENOMEM;
    *out = p;
    return 0;
}

void *aligned_alloc(size_t align, size_t size)
{
    count += (unsigned long)counting;
    return __libc_memalign(align, size);
}
