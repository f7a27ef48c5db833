/*
 * test_lend.c - lending the memory block (issue 12, "Load and faults"): the parser, the
 * response reader and the session give their block back between lines / responses /
 * commands (ig_*_detach) and take any other block before the next bytes (ig_*_attach).
 *
 * Two oracles. (1) Sameness: every input of the corpora (corpus/command, corpus/response,
 * corpus/session) is run twice, without lending and with a detach attempted after every
 * event and every feed (each time it succeeds, the old block is scribbled over and the
 * other of two blocks attached), fed whole and one byte at a time; the event logs (and
 * for the session the output bytes and the trace) must be equal, and every complete
 * command must have allowed a detach. (2) Refusal: a table of inputs whose expected
 * answer is written beside them (a line, a literal, a SASL response, APPEND data in
 * progress: refused; between lines: allowed), not read from ig_parser_idle().
 */
#define _DEFAULT_SOURCE
#include "fz_common.h"
#include "guard.h"
#include "harness.h"
#include "imapguard_response.h"
#include "imapguard_session.h"
#include "ref.h"
#include "tap.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The growable log (struct sb) is the harness's (tests/harness.h). */

/* ---- the lender: two blocks, swapped at every successful detach ---- */

struct lender {
    int on;
    void *blk[2];
    size_t size;
    int cur;
    uint64_t detaches;
    int wrong_block; /* a detach returned something else than the attached block */
};

/* Two blocks for the whole process, grown when a run needs more: allocating (and
 * ASan-poisoning) a few hundred KiB per run would dominate the test's time. */
static void *blocks[2];
static size_t blocks_size;

static void lender_init(struct lender *l, int on, size_t size)
{
    memset(l, 0, sizeof(*l));
    l->on = on;
    l->size = size;
    if (size > blocks_size) {
        for (int i = 0; i < 2; i++) {
            free(blocks[i]);
            blocks[i] = malloc(size); /* 8-byte aligned */
            if (blocks[i] == NULL)
                abort();
        }
        blocks_size = size;
    }
    l->blk[0] = blocks[0];
    l->blk[1] = blocks[1];
    memset(l->blk[0], 0x5a, size); /* garbage, as a block from a pool may hold */
}

static void lender_free(struct lender *l)
{
    (void)l;
}

/* Called with what a detach returned: scribble on it (another connection uses it now)
 * and hand back the other block. */
static void *lender_swap(struct lender *l, void *got)
{
    if (got != l->blk[l->cur])
        l->wrong_block = 1;
    memset(got, 0xa5, l->size);
    l->cur ^= 1;
    l->detaches++;
    return l->blk[l->cur];
}

/* ---- parser runs ---- */

struct prun {
    struct sb log;
    uint64_t commands;
    uint64_t ok_not_lendable; /* IG_OK after which a detach was refused */
    uint64_t detaches;
};

static void plog_event(struct prun *r, struct ig_parser *p, enum ig_status s,
                       const struct fz_config *cfg)
{
    if (s == IG_OK) {
        const struct ig_command *c = ig_parser_command(p);
        char out[8192];
        size_t n = ig_command_emit(c, cfg->options, out, sizeof(out));
        sb_printf(&r->log, "OK %s @%llu+%llu ", ig_cmd_name(c->cmd),
                  (unsigned long long)c->offset, (unsigned long long)c->length);
        if (n <= sizeof(out))
            sb_add(&r->log, out, n);
        else
            sb_printf(&r->log, "[%zu bytes]\n", n);
        r->commands++;
    } else if (s == IG_NEED_LITERAL) {
        const struct ig_literal *l = ig_parser_literal(p);
        sb_printf(&r->log, "LIT %.*s %llu k%u m%u @%llu\n", (int)l->tag.len,
                  l->tag.ptr ? (const char *)l->tag.ptr : "", (unsigned long long)l->size,
                  l->kind, l->message, (unsigned long long)l->offset);
    } else if (s == IG_LITERAL_DATA) {
        struct ig_span d = ig_parser_data(p, NULL);
        sb_add(&r->log, "D", 1);
        sb_add(&r->log, d.ptr, d.len); /* pieces follow the chunks: compare per chunking */
        sb_add(&r->log, "\n", 1);
    } else {
        const struct ig_error *e = ig_parser_error(p);
        sb_printf(&r->log, "ERR %s @%llu %.*s %s\n", ig_status_name(s),
                  (unsigned long long)e->offset, (int)e->tag.len,
                  e->tag.ptr ? (const char *)e->tag.ptr : "", e->reason);
    }
}

/* The next line after a command, as `imapguard parse --follow` decides it. */
static void follow(struct ig_parser *p, enum ig_status s)
{
    if (s != IG_OK)
        return;
    const struct ig_command *c = ig_parser_command(p);
    if (c->cmd == IG_CMD_IDLE)
        ig_parser_expect(p, IG_EXPECT_DONE);
    else if (c->cmd == IG_CMD_AUTHENTICATE && c->typed && !c->u.authenticate.has_initial)
        ig_parser_expect(p, IG_EXPECT_SASL);
}

static void parser_lend(struct ig_parser *p, struct lender *l)
{
    if (!l->on)
        return;
    void *m = ig_parser_detach(p);
    if (m != NULL && ig_parser_attach(p, lender_swap(l, m), l->size) != IG_OK)
        abort();
}

static void parser_run(struct prun *r, const struct fz_config *cfg, const uint8_t *in,
                       size_t len, size_t chunk, int lend)
{
    struct lender l;
    struct ig_parser p;
    memset(r, 0, sizeof(*r));
    lender_init(&l, lend, ig_parser_memsize(&cfg->lim));
    if (ig_parser_init(&p, &cfg->lim, l.blk[0], l.size) != IG_OK)
        abort();
    ig_parser_set_options(&p, cfg->options);
    if (cfg->expect)
        ig_parser_expect(&p, (enum ig_expect)cfg->expect);
    parser_lend(&p, &l);
    int dead = 0;
    for (size_t pos = 0; pos < len && !dead;) {
        size_t n = chunk && len - pos > chunk ? chunk : len - pos;
        /* whole: flush against a guard page; byte by byte: the exact-size heap copy */
        const unsigned char *g = chunk ? in + pos : guard_place(in + pos, n);
        size_t off = 0;
        for (;;) {
            size_t used = 0;
            enum ig_status s = ig_parser_feed(&p, g + off, n - off, &used);
            off += used;
            if (s == IG_NEED_MORE) {
                parser_lend(&p, &l);
                break;
            }
            plog_event(r, &p, s, cfg);
            if (s == IG_NEED_LITERAL)
                ig_parser_literal_accept(&p);
            if (cfg->follow)
                follow(&p, s);
            if (s == IG_E_FATAL || s == IG_E_USAGE) {
                dead = 1;
                break;
            }
            uint64_t before = l.detaches;
            parser_lend(&p, &l);
            if (lend && s == IG_OK && l.detaches == before)
                r->ok_not_lendable++;
        }
        pos += n;
    }
    sb_printf(&r->log, "END %s\n", ig_parser_idle(&p) ? "idle" : "inside");
    if (l.wrong_block)
        sb_add(&r->log, "WRONG BLOCK\n", 12);
    r->detaches = l.detaches;
    lender_free(&l);
}

typedef int (*file_fn)(const char *path, const uint8_t *data, size_t size);

static uint8_t *read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *d = malloc(n > 0 ? (size_t)n : 1);
    *size = n > 0 && fread(d, 1, (size_t)n, f) == (size_t)n ? (size_t)n : 0;
    fclose(f);
    return d;
}

/* Runs fn over every file of dir; returns the number of files, or -1 when a file
 * failed (fn printed why). */
static long each_file(const char *dir, file_fn fn, long *failed)
{
    DIR *d = opendir(dir);
    long n = 0;
    *failed = 0;
    if (d == NULL)
        return 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char path[1024];
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        size_t size = 0;
        uint8_t *data = read_file(path, &size);
        if (data == NULL)
            continue;
        n++;
        if (!fn(path, data, size))
            (*failed)++;
        free(data);
    }
    closedir(d);
    return n;
}

static uint64_t total_detaches;

static int parser_file(const char *path, const uint8_t *data, size_t size)
{
    struct fz_config cfg;
    size_t k = fz_config_from(data, size, &cfg);
    data += k;
    size -= k;
    int good = 1;
    for (size_t chunk = 0; chunk <= 1; chunk++) {
        struct prun plain, lent;
        parser_run(&plain, &cfg, data, size, chunk, 0);
        parser_run(&lent, &cfg, data, size, chunk, 1);
        if (!sb_eq(&plain.log, &lent.log) || lent.ok_not_lendable) {
            printf("# %s (%s): %s\n", path, chunk ? "byte by byte" : "whole",
                   lent.ok_not_lendable ? "a detach was refused after a command"
                                        : "events differ with lending");
            printf("# --- without:\n%.2000s# --- with:\n%.2000s", plain.log.p, lent.log.p);
            good = 0;
        }
        total_detaches += lent.detaches;
        free(plain.log.p);
        free(lent.log.p);
        if (!good)
            break;
    }
    return good;
}

/* ---- the response reader ---- */

static void reader_lend(struct ig_response_reader *r, struct lender *l)
{
    if (!l->on)
        return;
    void *m = ig_response_detach(r);
    if (m != NULL && ig_response_attach(r, lender_swap(l, m), l->size) != IG_OK)
        abort();
}

static void reader_run(struct sb *log, const struct ig_response_limits *lim, const char *tls,
                       const uint8_t *in, size_t len, size_t chunk, int lend)
{
    struct lender l;
    struct ig_response_reader r;
    lender_init(&l, lend, ig_response_memsize(lim));
    if (ig_response_init(&r, lim, l.blk[0], l.size) != IG_OK)
        abort();
    if (tls)
        ig_response_starttls(&r, tls, strlen(tls));
    int dead = 0;
    for (size_t pos = 0; pos < len && !dead;) {
        size_t n = chunk && len - pos > chunk ? chunk : len - pos;
        /* whole: flush against a guard page; byte by byte: the exact-size heap copy */
        const unsigned char *g = chunk ? in + pos : guard_place(in + pos, n);
        size_t off = 0;
        for (;;) {
            size_t used = 0;
            enum ig_status s = ig_response_feed(&r, g + off, n - off, &used);
            off += used;
            if (s == IG_NEED_MORE)
                break;
            if (s == IG_OK) {
                const struct ig_response *resp = ig_response_get(&r);
                char out[8192];
                size_t m = ig_response_emit(resp, NULL, 0, out, sizeof(out));
                sb_printf(log, "OK %u @%llu+%llu%s ", resp->kind,
                          (unsigned long long)resp->offset, (unsigned long long)resp->length,
                          resp->tls_boundary ? " TLS" : "");
                if (m <= sizeof(out))
                    sb_add(log, out, m);
                else
                    sb_printf(log, "[%zu]\n", m);
            } else if (s == IG_NEED_LITERAL) {
                const struct ig_rliteral *lit = ig_response_literal(&r);
                sb_printf(log, "LIT %u %llu %u @%llu\n", lit->index,
                          (unsigned long long)lit->size, lit->kept,
                          (unsigned long long)lit->offset);
            } else if (s == IG_LITERAL_DATA) {
                struct ig_span d = ig_response_data(&r, NULL);
                sb_add(log, "D", 1);
                sb_add(log, d.ptr, d.len);
                sb_add(log, "\n", 1);
            } else {
                const struct ig_error *e = ig_response_error(&r);
                sb_printf(log, "ERR %s @%llu %s\n", ig_status_name(s),
                          (unsigned long long)e->offset, e->reason);
                dead = 1;
                break;
            }
            if (s == IG_OK && ig_response_get(&r)->tls_boundary) {
                dead = 1; /* the rest is plaintext injection: stop, as a client does */
                break;
            }
            reader_lend(&r, &l);
        }
        reader_lend(&r, &l);
        pos += n;
    }
    sb_printf(log, "END %s\n", ig_response_idle(&r) ? "idle" : "inside");
    if (l.wrong_block)
        sb_add(log, "WRONG BLOCK\n", 12);
    total_detaches += l.detaches;
    lender_free(&l);
}

/* fuzz/fuzz_response.c's format: byte 0 configuration, byte 1 limits, byte 2 chunks. */
static int reader_file(const char *path, const uint8_t *data, size_t size)
{
    if (size < 3)
        return 1;
    /* Default limits whatever byte 0 asks (lending does not depend on them), but a
     * smaller arena: the block is scribbled over at every swap. */
    struct ig_response_limits lim;
    ig_response_limits_default(&lim);
    lim.arena = 65536;
    const char *tls = (data[0] & 2) ? "T1" : NULL;
    for (size_t chunk = 0; chunk <= 1; chunk++) {
        struct sb a = {0}, b = {0};
        reader_run(&a, &lim, tls, data + 3, size - 3, chunk, 0);
        reader_run(&b, &lim, tls, data + 3, size - 3, chunk, 1);
        int same = sb_eq(&a, &b);
        if (!same)
            printf("# %s (%s): events differ with lending\n# --- without:\n%.2000s"
                   "# --- with:\n%.2000s",
                   path, chunk ? "byte by byte" : "whole", a.p, b.p);
        free(a.p);
        free(b.p);
        if (!same)
            return 0;
    }
    return 1;
}

/* ---- the session ---- */

struct srun {
    struct sb log;      /* output bytes, trace events and actions, in order */
    struct lender l;
};

static void trace_cb(void *ctx, const struct ig_trace *ev)
{
    struct srun *r = ctx;
    if (ev->is_action)
        sb_printf(&r->log, "\n[action %d]\n", (int)ev->action);
    else
        sb_printf(&r->log, "\n[%.*s %s %s>%s %d @%llu]\n", (int)ev->tag.len,
                  ev->tag.ptr ? (const char *)ev->tag.ptr : "", ig_cmd_name(ev->cmd),
                  ig_state_name(ev->before), ig_state_name(ev->after), ev->status,
                  (unsigned long long)ev->offset);
}

static void session_lend(struct ig_session *s, struct lender *l)
{
    if (!l->on)
        return;
    void *m = ig_session_detach(s);
    if (m != NULL && ig_session_attach(s, lender_swap(l, m), l->size) != IG_OK)
        abort();
}

static void drain(struct ig_session *s, struct sb *log)
{
    struct ig_span o;
    while ((o = ig_session_output(s)).len > 0) {
        sb_add(log, o.ptr, o.len);
        ig_session_sent(s, o.len);
    }
}

/* fuzz/fuzz_session.c's format: byte 0 configuration, byte 1 feed size (ignored: the
 * test feeds whole and byte by byte), then the stream up to a "\xffTLS" marker. */
static void session_run(struct srun *r, const uint8_t *data, size_t size, size_t chunk,
                        int lend)
{
    struct ig_ref_config rc;
    ig_ref_config_default(&rc);
    rc.deterministic = 1;
    rc.max_messages = 200;
    rc.max_mailboxes = 50;
    rc.max_bytes = 1u << 20;
    struct ig_ref_store *st = ig_ref_store_new(&rc);
    struct ig_ref_user *u = ig_ref_add_user(st, IG_REF_DEMO_USER, strlen(IG_REF_DEMO_USER),
                                            IG_REF_DEMO_PASS, strlen(IG_REF_DEMO_PASS));
    if (u == NULL || ig_ref_load_samples(st, u) != 0)
        abort();
    struct ig_ref_conn *conn = ig_ref_conn_new(st);
    struct ig_session_config cfg;
    ig_session_config_default(&cfg);
    cfg.plaintext_login = data[0] & 1;
    cfg.tls_active = (data[0] >> 1) & 1;
    cfg.literal_plus = (data[0] >> 2) & 1;
    if (data[0] & 8)
        cfg.output_buffer = 256;
    if (data[0] & 16) {
        cfg.greeting = IG_GREET_PREAUTH;
        ig_ref_conn_set_user(conn, u);
    }
    cfg.max_bad_commands = data[0] & 32 ? 3 : 50;
    const uint8_t *in = data + 2;
    size_t len = size - 2;
    for (size_t i = 0; i + 4 <= len; i++)
        if (in[i] == 0xff && memcmp(in + i + 1, "TLS", 3) == 0) {
            len = i;
            break;
        }

    struct ig_session s;
    memset(&r->log, 0, sizeof(r->log));
    lender_init(&r->l, lend, ig_session_memsize(&cfg));
    if (ig_session_init(&s, &cfg, &ig_ref_backend, conn, r->l.blk[0], r->l.size) != IG_OK)
        abort();
    ig_session_set_trace(&s, trace_cb, r);
    drain(&s, &r->log);
    session_lend(&s, &r->l);
    int dead = 0;
    for (size_t pos = 0; pos < len && !dead;) {
        size_t n = chunk && len - pos > chunk ? chunk : len - pos;
        /* whole: flush against a guard page; byte by byte: the exact-size heap copy */
        const unsigned char *g = chunk ? in + pos : guard_place(in + pos, n);
        size_t off = 0;
        for (;;) {
            size_t used = 0;
            enum ig_status st2 = ig_session_feed(&s, g + off, n - off, &used);
            off += used;
            drain(&s, &r->log);
            enum ig_action act = ig_session_action(&s);
            if (act == IG_ACT_CLOSE) {
                sb_add(&r->log, "\n[close]\n", 9);
                dead = 1;
                break;
            }
            if (act == IG_ACT_STARTTLS)
                ig_session_tls_started(&s);
            session_lend(&s, &r->l);
            if (st2 < 0) {
                sb_printf(&r->log, "\n[feed %s]\n", ig_status_name(st2));
                dead = 1;
                break;
            }
            if (st2 == IG_OK && off == n)
                break;
        }
        pos += n;
    }
    sb_printf(&r->log, "\n[end %s]\n", ig_state_name(ig_session_state(&s)));
    if (r->l.wrong_block)
        sb_add(&r->log, "WRONG BLOCK\n", 12);
    total_detaches += r->l.detaches;
    lender_free(&r->l);
    ig_ref_conn_free(conn);
    ig_ref_store_free(st);
}

static int session_file(const char *path, const uint8_t *data, size_t size)
{
    if (size < 2)
        return 1;
    for (size_t chunk = 0; chunk <= 1; chunk++) {
        struct srun a, b;
        session_run(&a, data, size, chunk, 0);
        session_run(&b, data, size, chunk, 1);
        int same = sb_eq(&a.log, &b.log);
        if (!same)
            printf("# %s (%s): the session differs with lending\n# --- without:\n%.3000s"
                   "# --- with:\n%.3000s",
                   path, chunk ? "byte by byte" : "whole", a.log.p, b.log.p);
        free(a.log.p);
        free(b.log.p);
        if (!same)
            return 0;
    }
    return 1;
}

/* ---- refusal: the expected answer is written beside each input ---- */

struct refusal {
    const char *in;   /* fed whole (literals accepted as announced) */
    int expect;       /* ig_parser_expect() before it */
    int lendable;     /* 1: a detach must succeed after it; 0: it must be refused */
    const char *what;
};

static const struct refusal refusals[] = {
    {"", 0, 1, "a fresh parser"},
    {"a1 NOOP\r\n", 0, 1, "after a complete command"},
    {"a1 NOOP\r\nb2 LOG", 0, 0, "a command line half read"},
    {"a1 NOOP\r", 0, 0, "a line without its LF"},
    {"a1 LOGIN {5}\r\n", 0, 0, "a literal announced (waiting for accept)"},
    {"a1 LOGIN {5}\r\nab", 0, 0, "inside a string literal"},
    {"a1 LOGIN {5}\r\nabcde", 0, 0, "after a literal, the line goes on"},
    {"a1 LOGIN {5}\r\nabcde x\r\n", 0, 1, "the literal's command complete"},
    {"a1 APPEND INBOX {3}\r\nab", 0, 0, "APPEND data streaming"},
    {"a1 APPEND INBOX {3}\r\nabc", 0, 0, "APPEND data done, the command's CRLF missing"},
    {"a1 APPEND INBOX {3}\r\nabc\r\n", 0, 1, "APPEND complete"},
    {"dGVzdA", 1, 0, "a SASL response half read"},
    {"", 1, 1, "a SASL response expected, none of it arrived"},
    {"dGVzdA==\r\n", 1, 1, "a SASL response complete"},
    {"DO", 2, 0, "the DONE of IDLE half read"},
    {"", 2, 1, "IDLE: DONE expected, none of it arrived"},
    {"a1 FOO {4+}\r\nab", 0, 0, "skipping the literal of a bad command"},
    {"a1 NOOP\nb2 NOOP", 0, 0, "skipping a line after a bare LF"},
    {"a1 NOOP\nb2 NOOP\r\n", 0, 1, "the bad line skipped to its CRLF"},
    {"a1 X {99999999999999999999999+}\r\n", 0, 0, "a lost stream (IG_E_FATAL)"},
};

static void test_refusals(void)
{
    size_t ms = ig_parser_memsize(NULL);
    void *mem = malloc(ms);
    for (size_t i = 0; i < sizeof(refusals) / sizeof(refusals[0]); i++) {
        const struct refusal *c = &refusals[i];
        struct ig_parser p;
        ig_parser_init(&p, NULL, mem, ms);
        if (c->expect)
            ig_parser_expect(&p, (enum ig_expect)c->expect);
        size_t len = strlen(c->in), off = 0;
        while (off < len) {
            size_t used = 0;
            enum ig_status s = ig_parser_feed(&p, c->in + off, len - off, &used);
            off += used;
            if (s == IG_NEED_LITERAL)
                ig_parser_literal_accept(&p);
            if (s == IG_NEED_MORE || s == IG_E_FATAL)
                break;
        }
        /* Stop right at a literal announcement when the case ends there. */
        void *got = ig_parser_detach(&p);
        char what[200];
        snprintf(what, sizeof(what), "parser detach %s: %s", c->lendable ? "allowed" : "refused",
                 c->what);
        ok(c->lendable ? got == mem : got == NULL, what);
        if (got == NULL && !c->lendable) {
            /* refused: nothing changed, the parser still reads on from its block */
            ok(!ig_parser_detached(&p), "  ... and the block stays attached");
        }
    }
    free(mem);
}

static void test_literal_waiting(void)
{
    /* Stopped at IG_NEED_LITERAL, before accept or reject. */
    size_t ms = ig_parser_memsize(NULL);
    void *mem = malloc(ms);
    struct ig_parser p;
    ig_parser_init(&p, NULL, mem, ms);
    size_t used = 0;
    enum ig_status s = ig_parser_feed(&p, "a1 LOGIN {5}\r\n", 14, &used);
    ok(s == IG_NEED_LITERAL && ig_parser_detach(&p) == NULL,
       "parser detach refused: a literal waits for accept / reject");
    free(mem);
}

static void test_api(void)
{
    size_t ms = ig_parser_memsize(NULL);
    unsigned char *mem = malloc(ms + 8), *other = malloc(ms + 8);
    struct ig_parser p;
    size_t used = 7;
    ig_parser_init(&p, NULL, mem, ms);
    ok(ig_parser_attach(&p, other, ms) == IG_E_USAGE, "attach while attached: IG_E_USAGE");
    ok(ig_parser_detach(&p) == mem && ig_parser_detached(&p), "detach gives the block back");
    ok(ig_parser_detach(&p) == NULL, "a second detach: NULL");
    ok(ig_parser_feed(&p, "a NOOP\r\n", 8, &used) == IG_E_USAGE && used == 0,
       "feed while detached: IG_E_USAGE, nothing consumed");
    ok(ig_parser_attach(&p, other, ms - 1) == IG_E_USAGE, "attach a block too small: IG_E_USAGE");
    ok(ig_parser_attach(&p, other + 4, ms) == IG_E_USAGE, "attach a misaligned block: IG_E_USAGE");
    ok(ig_parser_attach(&p, other, ms) == IG_OK && !ig_parser_detached(&p), "attach another block");
    ok(ig_parser_feed(&p, "a NOOP\r\n", 8, &used) == IG_OK && used == 8,
       "and the parser reads on");
    struct ig_limits lim;
    ig_limits_default(&lim);
    lim.max_line = 16;
    lim.max_tag = 8;
    ok(ig_parser_feed(&p, "a NOO", 5, &used) == IG_NEED_MORE &&
           ig_parser_set_limits(&p, &lim) == IG_E_USAGE,
       "set_limits refused in the middle of a line");
    ok(ig_parser_feed(&p, "P\r\n", 3, &used) == IG_OK && ig_parser_set_limits(&p, &lim) == IG_OK,
       "set_limits between lines");
    ok(ig_parser_feed(&p, "a NOOP NOOP NOOP NOOP\r\n", 23, &used) == IG_E_LIMIT,
       "  ... the next line obeys them (23 bytes over max_line 16)");
    struct ig_parser q;
    size_t qs = ig_parser_memsize(&lim);
    ig_parser_init(&q, &lim, other, qs);
    ok(ig_parser_set_limits(&q, NULL) == IG_E_USAGE, "set_limits(NULL): IG_E_USAGE");
    ig_limits_default(&lim);
    ok(ig_parser_set_limits(&q, &lim) == IG_E_USAGE,
       "set_limits needing more than the attached block: IG_E_USAGE");

    struct ig_response_reader r;
    size_t rs = ig_response_memsize(NULL);
    void *rm = malloc(rs);
    ig_response_init(&r, NULL, rm, rs);
    ok(ig_response_feed(&r, "* OK hi\r\n* 3 FETCH (BODY[] {4}\r\nab", 35, &used) == IG_OK &&
           ig_response_detach(&r) == rm,
       "reader detach allowed between responses");
    ig_response_attach(&r, rm, rs);
    static const char fetch[] = "* 3 FETCH (BODY[] {4}\r\nab", rest[] = "cd)\r\n";
    size_t u2 = 0;
    enum ig_status s;
    do
        s = ig_response_feed(&r, fetch + u2, 25 - u2, &used), u2 += used;
    while (s != IG_NEED_MORE && u2 < 25);
    ok(ig_response_detach(&r) == NULL, "reader detach refused inside a literal");
    ok(ig_response_feed(&r, rest, 5, &used) == IG_LITERAL_DATA, "  ... and it reads on");
    ig_response_feed(&r, rest + used, 5 - used, &used);
    ok(ig_response_detach(&r) == rm && ig_response_detached(&r),
       "reader detach allowed after the response");
    ok(ig_response_feed(&r, "* OK\r\n", 6, &used) == IG_E_USAGE && used == 0,
       "reader feed while detached: IG_E_USAGE");
    ok(ig_response_attach(&r, rm, rs - 1) == IG_E_USAGE, "reader attach too small: IG_E_USAGE");
    free(rm);

    /* Session: detached only with all output sent. */
    struct ig_session_config cfg;
    ig_session_config_default(&cfg);
    size_t ss = ig_session_memsize(&cfg);
    void *sm = malloc(ss);
    struct ig_ref_config rc;
    ig_ref_config_default(&rc);
    rc.deterministic = 1;
    struct ig_ref_store *st = ig_ref_store_new(&rc);
    struct ig_ref_conn *conn = ig_ref_conn_new(st);
    struct ig_session *ses = malloc(sizeof(*ses));
    ig_session_init(ses, &cfg, &ig_ref_backend, conn, sm, ss);
    ok(ig_session_detach(ses) == NULL, "session detach refused while the greeting is unsent");
    struct sb out = {0};
    drain(ses, &out);
    ok(ig_session_detach(ses) == sm && ig_session_detached(ses),
       "session detach allowed once the output is sent");
    ok(ig_session_output(ses).len == 0, "a detached session has no output");
    ok(ig_session_feed(ses, "a NOOP\r\n", 8, &used) == IG_E_USAGE && used == 0,
       "session feed while detached: IG_E_USAGE");
    ok(ig_session_poll(ses) == IG_E_USAGE, "session poll while detached: IG_E_USAGE");
    ok(ig_session_attach(ses, sm, ss - 1) == IG_E_USAGE, "session attach too small: IG_E_USAGE");
    ok(ig_session_attach(ses, sm, ss) == IG_OK, "session attach");
    ok(ig_session_feed(ses, "a NOOP\r\nb NO", 12, &used) == IG_OK && used == 12 &&
           ig_session_detach(ses) == NULL,
       "session detach refused with output and half a command");
    drain(ses, &out);
    ok(ig_session_detach(ses) == NULL, "session detach refused with half a command");
    ig_session_feed(ses, "OP\r\n", 4, &used);
    drain(ses, &out);
    ok(ig_session_detach(ses) == sm, "session detach allowed after the command");
    /* A command whose responses do not fit the output buffer pauses (IG_NEED_OUTPUT)
     * and resumes from the parser's copy of it: the block must stay. */
    cfg.output_buffer = 256;
    cfg.plaintext_login = 1;
    size_t ss2 = ig_session_memsize(&cfg);
    void *sm2 = malloc(ss2);
    ig_ref_conn_set_user(conn, NULL);
    struct ig_ref_user *u = ig_ref_add_user(st, IG_REF_DEMO_USER, strlen(IG_REF_DEMO_USER),
                                            IG_REF_DEMO_PASS, strlen(IG_REF_DEMO_PASS));
    ig_ref_load_samples(st, u);
    ig_session_init(ses, &cfg, &ig_ref_backend, conn, sm2, ss2);
    static const char script[] = "a LOGIN demo demo\r\nb SELECT INBOX\r\nc FETCH 1:* (FLAGS ENVELOPE BODYSTRUCTURE)\r\n";
    size_t at = 0, pauses = 0, refused = 0;
    out.len = 0;
    enum ig_status fs = IG_OK;
    for (int guard = 0; guard < 10000; guard++) {
        fs = ig_session_feed(ses, script + at, sizeof(script) - 1 - at, &used);
        at += used;
        drain(ses, &out);
        if (fs != IG_NEED_OUTPUT && at == sizeof(script) - 1)
            break;
        /* Paused inside the FETCH: its first response is out, its tagged OK is not
         * (read from the output, not from the session's fields). */
        int mid_fetch = strstr(out.p, "* 1 FETCH") != NULL && strstr(out.p, "c OK") == NULL;
        void *m = ig_session_detach(ses);
        if (mid_fetch) {
            pauses++;
            refused += m == NULL;
        }
        if (m != NULL)
            ig_session_attach(ses, m, ss2);
    }
    ok(pauses > 0 && refused == pauses,
       "session detach refused while a command is paused for output room (IG_NEED_OUTPUT)");
    ok(fs == IG_OK && strstr(out.p, "c OK") != NULL && ig_session_detach(ses) == sm2,
       "  ... and allowed once the FETCH is answered");
    free(sm2);
    free(out.p);
    free(ses);
    free(sm);
    ig_ref_conn_free(conn);
    ig_ref_store_free(st);
    free(mem);
    free(other);
}

/* Smaller limits before login (ig_session_set_prelogin_limits). The oracle is the
 * lengths written in the lines: 1,500 bytes is over the pre-login max_line of 1,024
 * and under the full 65,536; a 600-octet literal is over the pre-login 512. */
static void test_prelogin(void)
{
    struct ig_ref_config rc;
    ig_ref_config_default(&rc);
    rc.deterministic = 1;
    struct ig_ref_store *st = ig_ref_store_new(&rc);
    struct ig_ref_user *u = ig_ref_add_user(st, IG_REF_DEMO_USER, strlen(IG_REF_DEMO_USER),
                                            IG_REF_DEMO_PASS, strlen(IG_REF_DEMO_PASS));
    ig_ref_load_samples(st, u);
    struct ig_ref_conn *conn = ig_ref_conn_new(st);
    struct ig_session_config cfg;
    ig_session_config_default(&cfg);
    cfg.plaintext_login = 1;
    size_t ss = ig_session_memsize(&cfg);
    void *blk[2] = {malloc(ss), malloc(ss)};
    struct ig_session *s = malloc(sizeof(*s));
    ig_session_init(s, &cfg, &ig_ref_backend, conn, blk[0], ss);

    struct ig_limits big = cfg.limits, small = cfg.limits;
    big.max_line = 2 * cfg.limits.max_line;
    ok(ig_session_set_prelogin_limits(s, &big) == IG_E_USAGE,
       "prelogin limits that need a bigger block than cfg.limits: IG_E_USAGE");
    small.max_line = 1024;
    small.max_literal_bytes = 1024;
    small.max_string_literal = 512;
    small.max_sasl_line = 1024;
    small.arena = 4096;
    ok(ig_session_set_prelogin_limits(s, &small) == IG_OK, "prelogin limits set");

    char id[1600];
    memcpy(id, "aN ID (\"x\" \"", 12);
    memset(id + 12, 'x', 1500 - 12 - 4);
    memcpy(id + 1500 - 4, "\")\r\n", 4); /* 1,500 bytes with its CRLF */
    struct sb out = {0};
    int cur = 0;
    size_t used;
    /* Each line fed alone, the block swapped between lines (lending keeps the limits). */
    const char *lines[] = {"a1", "a2 LOGIN {600}\r\n", "a3 LOGIN demo demo\r\n", "a4"};
    for (int i = 0; i < 4; i++) {
        char *line = (char *)lines[i];
        size_t n = strlen(line);
        if (i == 0 || i == 3) {
            id[0] = 'a';
            id[1] = (char)('0' + i + 1);
            line = id;
            n = 1500;
        }
        drain(s, &out);
        void *m = ig_session_detach(s);
        if (m != NULL) {
            cur ^= 1;
            ig_session_attach(s, blk[cur], ss);
        }
        ig_session_feed(s, line, n, &used);
        drain(s, &out);
    }
    ok(strstr(out.p, "\r\na1 BAD") != NULL && strstr(out.p, "too long") != NULL,
       "before login a 1,500-byte line is over the pre-login max_line (1,024): BAD");
    ok(strstr(out.p, "\r\na2 BAD [TOOBIG]") != NULL,
       "before login a 600-octet literal is over the pre-login 512: BAD [TOOBIG]");
    ok(strstr(out.p, "\r\na3 OK") != NULL, "LOGIN succeeds");
    ok(strstr(out.p, "\r\na4 OK") != NULL,
       "after login the same 1,500-byte line is within the full limits: OK");
    free(out.p);
    free(s);
    free(blk[0]);
    free(blk[1]);
    ig_ref_conn_free(conn);
    ig_ref_store_free(st);
}

int main(void)
{
    test_prelogin();
    test_refusals();
    test_literal_waiting();
    test_api();

    static const struct {
        const char *dir;
        file_fn fn;
    } corpora[] = {
        {"corpus/command", parser_file},
        {"corpus/regress/command", parser_file},
        {"corpus/response", reader_file},
        {"corpus/session", session_file},
    };
    for (size_t i = 0; i < sizeof(corpora) / sizeof(corpora[0]); i++) {
        long failed = 0;
        total_detaches = 0;
        long n = each_file(corpora[i].dir, corpora[i].fn, &failed);
        char what[200];
        snprintf(what, sizeof(what),
                 "%s: %ld inputs, whole and byte by byte, same events with lending "
                 "(%ld differ; %llu detaches)",
                 corpora[i].dir, n, failed, (unsigned long long)total_detaches);
        ok(n > 0 && failed == 0 && total_detaches > 0, what);
    }
    return done();
}
