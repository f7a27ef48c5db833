/*
 * workload.h - the benchmark's inputs: deterministic client->server IMAP streams, one
 * per workload, each a concatenation of whole connections ending with LOGOUT. Same
 * workload and size in, same bytes out (a fixed seed per workload; see gen.h).
 */
#ifndef BENCH_WORKLOAD_H
#define BENCH_WORKLOAD_H

#include <stddef.h>

enum workload {
    WL_WEBMAIL, /* the webmail-like mix of mix.c */
    WL_SYNC,    /* a sync client: long UID sets, CONDSTORE/QRESYNC, many FETCH items */
    WL_MOBILE,  /* a phone: IDLE/DONE, NOOP, small fetches */
    WL_APPEND,  /* APPEND of 1 KiB..1 MiB messages, {n} and {n+} */
    WL_HOSTILE, /* valid but heavy: huge sets, deep search keys, long escaped strings */
    WL__COUNT
};

struct workload_stats {
    unsigned long commands; /* tagged commands (DONE lines not counted) */
    unsigned long dones;    /* IDLE ... DONE pairs */
    size_t octets;          /* octets of APPEND messages (literal data) */
};

/* Smallest buffer a workload is written into (the largest APPEND fits in it). */
#define WORKLOAD_MIN_CAP ((size_t)2 << 20)

const char *workload_name(enum workload w);
int workload_by_name(const char *name); /* -1 when unknown */

/* Writes whole commands of workload w into buf (cap >= WORKLOAD_MIN_CAP), ends with a
 * LOGOUT, fills *st and returns the number of bytes written (0 when cap is too small). */
size_t workload_generate(enum workload w, unsigned char *buf, size_t cap,
                         struct workload_stats *st);

/* One connection of each generated workload (wl_*.c); mix.c has the webmail one. */
struct gen;
void wl_sync_session(struct gen *g);
void wl_mobile_session(struct gen *g);
void wl_append_session(struct gen *g);
void wl_hostile_session(struct gen *g);

#endif
