/*
 * pool.c - the block pool of pool.h: a bounded count of blocks handed out, a small
 * cache of returned blocks (a free list threaded through the blocks themselves), and
 * counters. It only hands out memory; which object may give its block back, and when,
 * is the library's rule (ig_*_detach refuses while anything is in progress).
 */
#include "pool.h"

#include <stdlib.h>
#include <string.h>

struct net_pool {
    char name[24];
    size_t block_size;
    unsigned max_blocks, keep_free;
    void *free_list;  /* cached blocks; the first word of each points to the next */
    struct net_pool_stats st;
};

struct net_pool *net_pool_new(const char *name, size_t block_size, unsigned max_blocks,
                              unsigned keep_free)
{
    if (block_size < sizeof(void *))
        return NULL;
    struct net_pool *p = calloc(1, sizeof(*p));
    if (p == NULL)
        return NULL;
    snprintf(p->name, sizeof(p->name), "%s", name ? name : "blocks");
    p->block_size = block_size;
    p->max_blocks = max_blocks;
    p->keep_free = keep_free;
    p->st.block_size = block_size;
    p->st.max_blocks = max_blocks;
    return p;
}

void net_pool_free(struct net_pool *p)
{
    if (p == NULL)
        return;
    while (p->free_list != NULL) {
        void *b = p->free_list;
        memcpy(&p->free_list, b, sizeof(void *));
        free(b);
    }
    free(p);
}

void *net_pool_get(struct net_pool *p)
{
    if (p == NULL)
        return NULL;
    if (p->max_blocks && p->st.in_use >= p->max_blocks) {
        p->st.refused++;
        return NULL;
    }
    void *b = p->free_list;
    if (b != NULL) {
        memcpy(&p->free_list, b, sizeof(void *));
        p->st.cached--;
    } else {
        b = malloc(p->block_size); /* malloc's alignment suits every object */
        if (b == NULL) {
            p->st.refused++;
            return NULL;
        }
        p->st.allocs++;
    }
    p->st.gets++;
    if (++p->st.in_use > p->st.peak)
        p->st.peak = p->st.in_use;
    return b;
}

void net_pool_put(struct net_pool *p, void *block)
{
    if (p == NULL || block == NULL)
        return;
    p->st.in_use--;
    if (p->st.cached >= p->keep_free) {
        free(block); /* memory falls back after a burst */
        return;
    }
    memcpy(block, &p->free_list, sizeof(void *));
    p->free_list = block;
    p->st.cached++;
}

size_t net_pool_block_size(const struct net_pool *p)
{
    return p ? p->block_size : 0;
}

void net_pool_stats(const struct net_pool *p, struct net_pool_stats *st)
{
    if (p != NULL)
        *st = p->st;
    else
        memset(st, 0, sizeof(*st));
}

void net_pool_status(const struct net_pool *p, FILE *f)
{
    if (p == NULL)
        return;
    const struct net_pool_stats *s = &p->st;
    fprintf(f,
            ",\"pool_%s_block\":%zu,\"pool_%s_max\":%u,\"pool_%s_in_use\":%u,"
            "\"pool_%s_peak\":%u,\"pool_%s_cached\":%u,\"pool_%s_gets\":%llu,"
            "\"pool_%s_allocs\":%llu,\"pool_%s_refused\":%llu",
            p->name, s->block_size, p->name, s->max_blocks, p->name, s->in_use, p->name,
            s->peak, p->name, s->cached, p->name, (unsigned long long)s->gets, p->name,
            (unsigned long long)s->allocs, p->name, (unsigned long long)s->refused);
}
