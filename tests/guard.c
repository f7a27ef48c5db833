/* guard.c - see guard.h. One mapping is reused and grown as needed. */
#define _DEFAULT_SOURCE
#include "guard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static unsigned char *region;
static size_t region_pages;

const unsigned char *guard_place(const void *s, size_t n)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t need = (n + page - 1) / page + 1;
    if (need > region_pages) {
        if (region)
            munmap(region, region_pages * page);
        region = mmap(NULL, need * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                      -1, 0);
        if (region == MAP_FAILED) {
            perror("mmap");
            abort();
        }
        region_pages = need;
        if (mprotect(region + (need - 1) * page, page, PROT_NONE) != 0) {
            perror("mprotect");
            abort();
        }
    }
    unsigned char *end = region + (region_pages - 1) * page;
    memcpy(end - n, s, n);
    return end - n;
}
