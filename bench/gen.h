/*
 * gen.h - the pieces every benchmark workload is written with: a fixed-seed splitmix64
 * PRNG (no rand(), no clock: same size in, same bytes out) and appenders into the
 * output buffer. A workload checks its room with gen_begin() before each command, so
 * no command is ever cut off.
 */
#ifndef BENCH_GEN_H
#define BENCH_GEN_H

#include <stddef.h>
#include <stdint.h>

struct gen {
    unsigned char *p;
    size_t len, cap;
    uint64_t rng;
    int full;          /* no room for another command: the stream ends */
    int client;        /* 0 Thunderbird, 1 iOS Mail, 2 Outlook */
    int qresync;       /* ENABLE QRESYNC was sent in this session */
    unsigned tag;
    unsigned uidnext;  /* the selected mailbox: UIDs 1 .. uidnext - 1 */
    unsigned long modseq;
    unsigned long commands, dones;
    size_t octets;     /* APPEND message octets (literal data) */
};

uint64_t gen_next(struct gen *g);
unsigned gen_below(struct gen *g, unsigned n); /* 0 .. n-1 */
int gen_chance(struct gen *g, unsigned percent);
#define GEN_PICK(g, arr) ((arr)[gen_below((g), (unsigned)(sizeof(arr) / sizeof((arr)[0])))])

void gen_putn(struct gen *g, const void *s, size_t n);
void gen_put(struct gen *g, const char *s);
__attribute__((format(printf, 2, 3))) void gen_putf(struct gen *g, const char *fmt, ...);

/* Starts a tagged command that needs at most `room` bytes: 0 (and the stream ends)
 * when there is no room for it. */
int gen_begin(struct gen *g, size_t room);

/* A quoted string with '"' and '\' escaped as a client must send them. */
void gen_quoted(struct gen *g, const char *s);
/* A string as a literal: {n} (the client waits for "+") or {n+} (LITERAL+). */
void gen_literal(struct gen *g, const char *s, int nonsync);
/* Increasing UIDs "4,7:9,12,..." from `first`, at least minlen bytes, at most
 * max_elems elements (imapguard's max_set_ranges bounds a set). */
void gen_uid_set(struct gen *g, unsigned first, size_t minlen, unsigned max_elems);

/* Ends the stream with a LOGOUT (room for it is kept by the caller's cap - 64). */
void gen_logout(struct gen *g);

#endif
