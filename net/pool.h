/*
 * pool.h - a per-process pool of equal memory blocks for the sans-I/O objects of the
 * network loop (issue 12, "Load and faults"). A session, parser or response reader
 * needs its block (a few hundred KiB with the default limits) only while a command or
 * response is in progress (ig_session_detach / ig_parser_detach / ig_response_detach):
 * a connection takes a block when bytes arrive and gives it back when it goes quiet,
 * so 10,000 idle connections hold their small structs and only the busy ones a block.
 *
 * Use (one pool per block size, made at start-up, single-threaded like the loop):
 *
 *   pool = net_pool_new("session", ig_session_memsize(&cfg), max_blocks, 32);
 *   when bytes arrive:   if (ig_session_detached(s)) {
 *                            void *b = net_pool_get(pool);      NULL: none left
 *                            ig_session_attach(s, b, net_pool_block_size(pool));
 *                        }
 *                        ... feed, send the output ...
 *   when quiet again:    void *b = ig_session_detach(s); if (b) net_pool_put(pool, b);
 *   connection gone:     the same detach (or, mid-command, the block the connection
 *                        holds) goes back with net_pool_put()
 *   SIGUSR1 status line: net_pool_status(pool, f) appends ,"pool_<name>_...":N fields
 *
 * Blocks are malloc'd (aligned for any type) on demand up to max_blocks in use; up to
 * keep_free returned blocks are kept for reuse, the rest freed, so memory falls back
 * after a burst. Nothing here is part of libimapguard.
 */
#ifndef IG_NET_POOL_H
#define IG_NET_POOL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct net_pool;

struct net_pool_stats {
    size_t block_size;
    unsigned max_blocks;  /* blocks in use at most (0: no bound) */
    unsigned in_use;      /* handed out now */
    unsigned peak;        /* most ever handed out at once */
    unsigned cached;      /* returned blocks kept for reuse */
    uint64_t gets;        /* blocks handed out */
    uint64_t allocs;      /* of those, freshly allocated (not from the cache) */
    uint64_t refused;     /* net_pool_get() that returned NULL */
};

/* name: a short word for the status line ("session", "parser", "response"). NULL when
 * out of memory or block_size is 0. */
struct net_pool *net_pool_new(const char *name, size_t block_size, unsigned max_blocks,
                              unsigned keep_free);
void net_pool_free(struct net_pool *p);

/* A block of net_pool_block_size() bytes, or NULL when max_blocks are in use or memory
 * ran out (counted as refused). Its contents are whatever the last user left. */
void *net_pool_get(struct net_pool *p);
/* Gives a block from net_pool_get() back (NULL is ignored). */
void net_pool_put(struct net_pool *p, void *block);

size_t net_pool_block_size(const struct net_pool *p);
void net_pool_stats(const struct net_pool *p, struct net_pool_stats *st);
/* Appends the counters as JSON members to a status line: ,"pool_NAME_in_use":N,... */
void net_pool_status(const struct net_pool *p, FILE *f);

#endif
