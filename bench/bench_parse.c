/*
 * bench_parse.c - `build/bench_parse [--workload W] [--mb N] [--runs R] [--chunk C]
 * [--baseline | --dovecot]`: parses a generated workload (workload.h; webmail by
 * default) R times, C bytes per feed as from a socket, and prints MB/s (best run),
 * commands/s, bytes, commands, errors and heap allocations per command. Every generated
 * command must parse OK, so it is also a correctness check (exit 1 otherwise).
 * --baseline times a bare byte-by-byte line-end DFA over the same bytes instead;
 * --dovecot runs Dovecot's imap_parser (dovecot_driver.c) over them, where it was built
 * in (BENCH_DOVECOT; exit 3 when it was not). --dump writes the workload's bytes to
 * standard output instead (to replay them through `imapguard parse`, for instance).
 * --input FILE parses FILE instead of a workload and only counts its errors (the
 * regression inputs of bench/regress/: exit 1 when one was refused, never a crash).
 */
#define _POSIX_C_SOURCE 200809L

#include "imapguard.h"
#include "alloc_count.h"
#include "workload.h"
#ifdef BENCH_DOVECOT
#include "dovecot_driver.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Kept out of line (and unspecialized) so callgrind can count exactly one pass:
 * --toggle-collect=bench_parse_pass. */
#if defined(__clang__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE __attribute__((noinline, noclone))
#endif

struct result {
    unsigned long ok;       /* tagged commands parsed OK */
    unsigned long done;     /* DONE lines after IDLE */
    unsigned long errors;
    size_t data_octets;     /* APPEND message octets handed out as IG_LITERAL_DATA */
    size_t copied_octets;   /* ... of them in a span that is not inside the fed chunk */
    int idle_at_end;
    /* the first error */
    enum ig_status code;
    const char *reason;
    uint64_t err_offset, err_line;
};

/* One pass over the whole stream, as a server reads one connection after another:
 * every literal accepted, DONE expected after IDLE, a fresh connection after LOGOUT. */
NOINLINE void bench_parse_pass(struct ig_parser *p, const unsigned char *in, size_t len,
                               size_t chunk, struct result *r);
NOINLINE void bench_parse_pass(struct ig_parser *p, const unsigned char *in, size_t len,
                               size_t chunk, struct result *r)
{
    memset(r, 0, sizeof(*r));
    for (size_t pos = 0; pos < len;) {
        size_t n = len - pos < chunk ? len - pos : chunk, off = 0;
        for (;;) {
            size_t used = 0;
            enum ig_status st = ig_parser_feed(p, in + pos + off, n - off, &used);
            off += used;
            if (st == IG_NEED_MORE)
                break;
            if (st == IG_OK) {
                const struct ig_command *c = ig_parser_command(p);
                if (c->cmd == IG_CMD_DONE) {
                    r->done++;
                    continue;
                }
                r->ok++;
                if (c->cmd == IG_CMD_IDLE)
                    ig_parser_expect(p, IG_EXPECT_DONE);
                else if (c->cmd == IG_CMD_LOGOUT)
                    ig_parser_reset(p);
            } else if (st == IG_NEED_LITERAL) {
                ig_parser_literal_accept(p);
            } else if (st == IG_LITERAL_DATA) {
                /* RFC 3501 §4.3 literal octets are never copied: the span must lie in
                 * the bytes just fed (pointer comparison across one buffer). */
                struct ig_span d = ig_parser_data(p, NULL);
                r->data_octets += d.len;
                if (d.ptr < in + pos || d.ptr + d.len > in + pos + n)
                    r->copied_octets += d.len;
            } else {
                const struct ig_error *e = ig_parser_error(p);
                if (r->errors++ == 0) {
                    r->code = st;
                    r->reason = e->reason;
                    r->err_offset = e->offset;
                    r->err_line = e->command_offset;
                }
                if (st == IG_E_FATAL || st == IG_E_USAGE)
                    return;
            }
        }
        pos += n;
    }
    r->idle_at_end = ig_parser_idle(p);
}

/* The reference point: a byte-at-a-time state machine that only finds CRLF line ends
 * (no memchr, no vector tricks), fed in the same chunks. Returns the lines found. */
NOINLINE unsigned long bench_baseline_pass(const unsigned char *in, size_t len, size_t chunk);
NOINLINE unsigned long bench_baseline_pass(const unsigned char *in, size_t len, size_t chunk)
{
    enum { TEXT, CR } state = TEXT;
    unsigned long lines = 0;
    for (size_t pos = 0; pos < len;) {
        size_t n = len - pos < chunk ? len - pos : chunk;
        for (const unsigned char *s = in + pos, *e = s + n; s < e; s++) {
            switch (state) {
            case TEXT:
                if (*s == '\r')
                    state = CR;
                break;
            case CR:
                if (*s == '\n')
                    lines++;
                if (*s != '\r')
                    state = TEXT;
                break;
            }
        }
        pos += n;
    }
    return lines;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int arg_num(const char *s, unsigned long *out)
{
    char *end;
    unsigned long v = strtoul(s, &end, 10);
    if (*s < '0' || *s > '9' || *end != '\0' || v == 0)
        return -1;
    *out = v;
    return 0;
}

/* The failing line, printable, for the error report. */
static void show_line(const unsigned char *in, size_t len, uint64_t at)
{
    fputs("  line: ", stderr);
    for (size_t i = (size_t)at, k = 0; i < len && in[i] != '\n' && k < 300; i++, k++) {
        unsigned char c = in[i];
        if (c >= 0x20 && c < 0x7f)
            fputc(c, stderr);
        else
            fprintf(stderr, "\\x%02x", c);
    }
    fputc('\n', stderr);
}

static void usage(void)
{
    fprintf(stderr, "usage: bench_parse [--workload webmail|sync|mobile|append|hostile] "
                    "[--input FILE] [--mb N] [--runs R] [--chunk C] [--baseline | --dovecot | --dump]\n");
}

/* Prints the common figures of a run; best is the fastest pass in seconds. */
static void report(const char *engine, int w, size_t len, unsigned long units,
                   const char *unit, size_t chunk, unsigned long runs, double best)
{
    printf("engine: %s (chunk %lu, best of %lu runs)\n", engine, (unsigned long)chunk, runs);
    printf("workload: %s\n", workload_name((enum workload)w));
    printf("bytes: %zu\n", len);
    printf("%s: %lu\n", unit, units);
    printf("throughput: %.1f MB/s\n", (double)len / best / 1e6);
    printf("%s/s: %.0f\n", unit, (double)units / best);
}

static void allocs(unsigned long n, unsigned long commands)
{
    printf("heap allocations: %lu (%.3f per command)\n", n,
           (double)n / (double)(commands ? commands : 1));
}

#ifdef BENCH_DOVECOT
static int run_dovecot(int w, const unsigned char *in, size_t len,
                       const struct workload_stats *st, unsigned long runs, int from_file)
{
    if (dovecot_driver_init() != 0) {
        fprintf(stderr, "bench_parse: Dovecot's library did not start\n");
        return 2;
    }
    struct dovecot_result r;
    double best = 1e30;
    unsigned long nalloc = 0;
    for (unsigned long run = 0; run < runs; run++) {
        alloc_count_start();
        double t0 = now();
        dovecot_parse_pass(in, len, &r);
        double t = now() - t0;
        nalloc = alloc_count_stop();
        if (t < best)
            best = t;
    }
    report("dovecot", w, len, st->commands, "commands", len, runs, best);
    printf("message octets: %zu\n", st->octets);
    printf("errors: %lu\n", r.errors);
    allocs(nalloc, st->commands);
    int bad = r.errors != 0 || (!from_file && (r.ok != st->commands || r.done != st->dones ||
                                               r.data_octets != st->octets));
    if (bad) {
        fprintf(stderr,
                "bench_parse: dovecot FAILED: %lu of %lu commands read, %lu errors, %lu/%lu "
                "DONE, %zu/%zu message octets\n",
                r.ok, st->commands, r.errors, r.done, st->dones, r.data_octets, st->octets);
        if (r.errors) {
            fprintf(stderr, "  first error: %s at offset %zu\n", r.first_error, r.err_offset);
            show_line(in, len, r.err_offset);
        }
    }
    return bad;
}
#endif

int main(int argc, char **argv)
{
    unsigned long mb = 8, runs = 5, chunk = 16384;
    int baseline = 0, dovecot = 0, dump = 0, w = WL_WEBMAIL;
    const char *input = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        unsigned long *dst = strcmp(a, "--mb") == 0      ? &mb
                             : strcmp(a, "--runs") == 0  ? &runs
                             : strcmp(a, "--chunk") == 0 ? &chunk
                                                         : NULL;
        if (strcmp(a, "--baseline") == 0) {
            baseline = 1;
        } else if (strcmp(a, "--dovecot") == 0) {
            dovecot = 1;
        } else if (strcmp(a, "--dump") == 0) {
            dump = 1;
        } else if (strcmp(a, "--input") == 0 && i + 1 < argc) {
            input = argv[++i];
        } else if (strcmp(a, "--workload") == 0 && i + 1 < argc) {
            if ((w = workload_by_name(argv[++i])) < 0) {
                usage();
                return 2;
            }
        } else if (dst == NULL || i + 1 >= argc || arg_num(argv[++i], dst) || mb > 4096) {
            usage();
            return 2;
        }
    }
    if (baseline && dovecot) {
        usage();
        return 2;
    }
#ifndef BENCH_DOVECOT
    if (dovecot) {
        printf("dovecot: not built in (dovecot-dev is not installed)\n");
        return 3;
    }
#endif

    size_t cap = (size_t)mb << 20;
    if (cap < WORKLOAD_MIN_CAP)
        cap = WORKLOAD_MIN_CAP;
    unsigned char *in = malloc(cap);
    if (in == NULL) {
        fprintf(stderr, "bench_parse: out of memory\n");
        return 2;
    }
    struct workload_stats st;
    size_t len;
    if (input != NULL) {
        FILE *f = fopen(input, "rb");
        len = f != NULL ? fread(in, 1, cap, f) : 0;
        memset(&st, 0, sizeof(st));
        if (f == NULL || ferror(f) || !feof(f)) {
            fprintf(stderr, "bench_parse: cannot read %s (or it is over %lu MB)\n", input, mb);
            return 2;
        }
        fclose(f);
    } else {
        len = workload_generate((enum workload)w, in, cap, &st);
    }
    unsigned long commands = st.commands;
    if (dump) {
        int rc = fwrite(in, 1, len, stdout) == len && fflush(stdout) == 0 ? 0 : 2;
        free(in);
        return rc;
    }

#ifdef BENCH_DOVECOT
    if (dovecot) {
        int rc = run_dovecot(w, in, len, &st, runs, input != NULL);
        free(in);
        return rc;
    }
#endif

    /* A server that advertises LITERAL+ (RFC 7888), so {n+} APPEND messages may be
     * larger than the LITERAL- default of 4096. */
    struct ig_limits lim;
    ig_limits_default(&lim);
    lim.max_nonsync_literal = lim.max_append_literal;
    size_t memsize = ig_parser_memsize(&lim);
    void *mem = malloc(memsize);
    struct ig_parser p;
    if (mem == NULL || ig_parser_init(&p, &lim, mem, memsize) != IG_OK) {
        fprintf(stderr, "bench_parse: cannot set up the parser\n");
        return 2;
    }

    double best = 1e30;
    unsigned long lines = 0, nalloc = 0;
    struct result r;
    memset(&r, 0, sizeof(r));
    for (unsigned long run = 0; run < runs; run++) {
        ig_parser_init(&p, &lim, mem, memsize); /* stream offsets from 0 again */
        alloc_count_start();
        double t0 = now();
        if (baseline)
            lines = bench_baseline_pass(in, len, chunk);
        else
            bench_parse_pass(&p, in, len, chunk, &r);
        double t = now() - t0;
        nalloc = alloc_count_stop();
        if (t < best)
            best = t;
    }

    report(baseline ? "baseline" : "imapguard", w, len, baseline ? lines : commands,
           baseline ? "lines" : "commands", chunk, runs, best);
    if (!baseline) {
        printf("message octets: %zu (%.1f%% of bytes)\n", st.octets,
               100.0 * (double)st.octets / (double)len);
        printf("errors: %lu\n", r.errors);
        allocs(nalloc, commands);
        printf("literal octets copied: %zu\n", r.copied_octets);
    }

    int bad = !baseline && (r.errors != 0 ||
                            (input == NULL && (r.ok != commands || r.done != st.dones ||
                                               r.data_octets != st.octets || !r.idle_at_end)));
    if (bad) {
        fprintf(stderr,
                "bench_parse: FAILED: %lu of %lu commands OK, %lu errors, %lu/%lu DONE, "
                "%zu/%zu message octets%s\n",
                r.ok, commands, r.errors, r.done, st.dones, r.data_octets, st.octets,
                r.idle_at_end ? "" : ", stream ended inside a command");
        if (r.errors) {
            fprintf(stderr, "  first error: %s \"%s\" at offset %llu\n",
                    ig_status_name(r.code), r.reason, (unsigned long long)r.err_offset);
            show_line(in, len, r.err_line);
        }
    }
    free(mem);
    free(in);
    return bad ? 1 : 0;
}
