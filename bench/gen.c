/*
 * gen.c - the benchmark generators' PRNG and appenders (see gen.h). Nothing here knows
 * a workload: mix.c and workloads.c decide what is written.
 */
#include "gen.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

uint64_t gen_next(struct gen *g)
{
    uint64_t z = (g->rng += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

unsigned gen_below(struct gen *g, unsigned n)
{
    return (unsigned)(gen_next(g) % n);
}

int gen_chance(struct gen *g, unsigned percent)
{
    return gen_below(g, 100) < percent;
}

void gen_putn(struct gen *g, const void *s, size_t n)
{
    if (n > g->cap - g->len) { /* cannot happen: every command checked its room first */
        g->full = 1;
        return;
    }
    memcpy(g->p + g->len, s, n);
    g->len += n;
}

void gen_put(struct gen *g, const char *s)
{
    gen_putn(g, s, strlen(s));
}

void gen_putf(struct gen *g, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
    va_end(ap);
    if (n > 0)
        gen_putn(g, tmp, (size_t)n < sizeof(tmp) ? (size_t)n : sizeof(tmp) - 1);
}

int gen_begin(struct gen *g, size_t room)
{
    if (g->full || g->cap - g->len < room) {
        g->full = 1;
        return 0;
    }
    g->commands++;
    gen_putf(g, "A%03u ", ++g->tag);
    return 1;
}

void gen_quoted(struct gen *g, const char *s)
{
    gen_put(g, "\"");
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            gen_put(g, "\\");
        gen_putn(g, s, 1);
    }
    gen_put(g, "\"");
}

void gen_literal(struct gen *g, const char *s, int nonsync)
{
    size_t n = strlen(s);
    gen_putf(g, "{%zu%s}\r\n", n, nonsync ? "+" : "");
    gen_putn(g, s, n);
}

void gen_uid_set(struct gen *g, unsigned first, size_t minlen, unsigned max_elems)
{
    size_t start = g->len;
    unsigned uid = first, elems = 0;
    while (g->len - start < minlen && elems++ < max_elems) {
        if (g->len > start)
            gen_put(g, ",");
        unsigned run = gen_chance(g, 40) ? 1 + gen_below(g, 12) : 0;
        if (run)
            gen_putf(g, "%u:%u", uid, uid + run);
        else
            gen_putf(g, "%u", uid);
        uid += run + 2 + gen_below(g, 6);
    }
}

void gen_logout(struct gen *g)
{
    g->commands++;
    gen_putf(g, "A%03u LOGOUT\r\n", ++g->tag);
}
