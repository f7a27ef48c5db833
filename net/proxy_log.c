/*
 * proxy_log.c - one JSON line per command (`--log`) and the counters of SIGUSR1. Only
 * the tag, the command's name, states, the verdict and the parser's fixed reason are
 * written: never an argument, so never a password or mail.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime, strncasecmp, getaddrinfo */

#include "proxy_int.h"

#include "json.h"

#include <string.h>

#define PX_REASONS 64
static struct {
    const char *reason;
    uint64_t n;
} refusals[PX_REASONS];

void px_count_refusal(const char *reason)
{
    px.refused++;
    for (unsigned i = 0; i < PX_REASONS; i++) {
        /* reasons are the library's or this program's fixed strings: equal text, one entry */
        if (refusals[i].reason == NULL)
            refusals[i].reason = reason;
        if (strcmp(refusals[i].reason, reason) == 0) {
            refusals[i].n++;
            return;
        }
    }
}

void px_log(const struct pconn *pc, struct ig_span tag, enum ig_cmd cmd, struct ig_span name,
            enum ig_state st, const char *verdict, const char *reason, const char *upstream,
            const struct timespec *t0)
{
    FILE *f = px.log;
    if (f == NULL)
        return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    fprintf(f, "{\"time\":%lld,\"conn\":%llu,\"tag\":", (long long)time(NULL),
            (unsigned long long)pc->c->id);
    if (tag.len)
        json_string(f, tag.ptr, tag.len);
    else
        fputs("null", f);
    fputs(",\"command\":", f);
    if (cmd == IG_CMD_OTHER && name.len)
        json_string(f, name.ptr, name.len);
    else if (cmd == IG_CMD_OTHER)
        fputs("null", f);
    else
        json_cstring(f, ig_cmd_name(cmd));
    fprintf(f, ",\"state\":\"%s\",\"verdict\":\"%s\"", ig_state_name(st), verdict);
    if (reason) {
        fputs(",\"reason\":", f);
        json_cstring(f, reason);
    }
    fputs(",\"upstream\":", f);
    if (upstream)
        fprintf(f, "\"%s\"", upstream);
    else
        fputs("null", f);
    if (t0) {
        double ms = (double)(now.tv_sec - t0->tv_sec) * 1e3 +
                    (double)(now.tv_nsec - t0->tv_nsec) / 1e6;
        fprintf(f, ",\"ms\":%.1f", ms);
    }
    fputs("}\n", f);
    fflush(f);
}

void px_log_event(const struct pconn *pc, const char *event, const char *reason)
{
    if (px.log == NULL)
        return;
    fprintf(px.log, "{\"time\":%lld,\"conn\":%llu,\"event\":\"%s\"", (long long)time(NULL),
            (unsigned long long)pc->c->id, event);
    if (reason) {
        fputs(",\"reason\":", px.log);
        json_cstring(px.log, reason);
    }
    fputs("}\n", px.log);
    fflush(px.log);
}

void px_status(FILE *f)
{
    fprintf(f, ",\"commands\":%llu,\"forwarded\":%llu,\"answered\":%llu,\"refused\":%llu,"
               "\"upstream_errors\":%llu,\"refused_by_reason\":{",
            (unsigned long long)px.commands, (unsigned long long)px.forwarded,
            (unsigned long long)px.answered, (unsigned long long)px.refused,
            (unsigned long long)px.upstream_errors);
    for (unsigned i = 0; i < PX_REASONS && refusals[i].reason; i++) {
        if (i)
            fputc(',', f);
        json_cstring(f, refusals[i].reason);
        fprintf(f, ":%llu", (unsigned long long)refusals[i].n);
    }
    fputc('}', f);
}
