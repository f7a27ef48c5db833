/*
 * alloc_count.h - counts the heap allocations of the benchmark process (malloc, calloc,
 * realloc, posix_memalign, aligned_alloc, from any library) while counting is on, so a
 * parse pass can be said to allocate nothing, or how often it does.
 */
#ifndef BENCH_ALLOC_COUNT_H
#define BENCH_ALLOC_COUNT_H

void alloc_count_start(void);
unsigned long alloc_count_stop(void); /* allocations since alloc_count_start() */

#endif
