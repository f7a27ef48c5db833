/*
 * workload.c - names the workloads and runs one: connections of the chosen kind until
 * the buffer has no room for another command, then LOGOUT. The webmail mix keeps its
 * own generator (mix.c), whose bytes the earlier `make bench` figures were taken on.
 */
#include "workload.h"

#include "gen.h"
#include "mix.h"

#include <string.h>

static const char *const names[WL__COUNT] = {"webmail", "sync", "mobile", "append", "hostile"};

const char *workload_name(enum workload w)
{
    return (unsigned)w < WL__COUNT ? names[w] : "?";
}

int workload_by_name(const char *name)
{
    for (int i = 0; i < WL__COUNT; i++)
        if (strcmp(name, names[i]) == 0)
            return i;
    return -1;
}

size_t workload_generate(enum workload w, unsigned char *buf, size_t cap,
                         struct workload_stats *st)
{
    static void (*const session[WL__COUNT])(struct gen *) = {
        NULL, wl_sync_session, wl_mobile_session, wl_append_session, wl_hostile_session};
    memset(st, 0, sizeof(*st));
    if (buf == NULL || cap < WORKLOAD_MIN_CAP || (unsigned)w >= WL__COUNT)
        return 0;
    if (w == WL_WEBMAIL) {
        size_t n = mix_generate(buf, cap);
        st->commands = mix_command_count();
        st->dones = mix_done_count();
        st->octets = mix_message_octets();
        return n;
    }
    struct gen g;
    memset(&g, 0, sizeof(g));
    g.rng = 0x5eedb0a7u + (uint64_t)w * 0x9e3779b97f4a7c15u; /* one seed per workload */
    g.p = buf;
    g.cap = cap - 64; /* room for the final LOGOUT */
    while (!g.full)
        session[w](&g);
    g.cap = cap;
    gen_logout(&g);
    st->commands = g.commands;
    st->dones = g.dones;
    st->octets = g.octets;
    return g.len;
}
