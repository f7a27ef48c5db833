/* harness.c - see harness.h. */
#define _DEFAULT_SOURCE
#include "harness.h"

#include "fz_common.h"
#include "guard.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sb_add(struct sb *b, const void *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        b->p = realloc(b->p, cap);
        if (b->p == NULL)
            abort();
        b->cap = cap;
    }
    if (n)
        memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = 0;
}

void sb_printf(struct sb *b, const char *fmt, ...)
{
    char tmp[600];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
    va_end(ap);
    sb_add(b, tmp, n < 0 ? 0 : (size_t)n < sizeof(tmp) ? (size_t)n : sizeof(tmp) - 1);
}

int sb_eq(const struct sb *a, const struct sb *b)
{
    return a->len == b->len && (a->len == 0 || memcmp(a->p, b->p, a->len) == 0);
}

static void sb_escaped(struct sb *b, const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        if (c == '\r')
            sb_add(b, "\\r", 2);
        else if (c == '\n')
            sb_add(b, "\\n", 2);
        else if (c == '\\')
            sb_add(b, "\\\\", 2);
        else if (c < 0x20 || c >= 0x7f)
            sb_printf(b, "\\x%02x", c);
        else
            sb_add(b, (const char *)&c, 1);
    }
}

struct state {
    struct sb log;
    struct sb data[64];   /* APPEND message octets, to emit the canonical form */
    int nmsg;
    size_t pending_data;  /* merged DATA octets not yet logged */
    int nlit;
    int sasl_mode;
    const struct run_cfg *cfg;
    const unsigned char *whole;
    size_t wholelen;
};

static void flush_data(struct state *st)
{
    if (st->pending_data) {
        sb_printf(&st->log, "DATA %zu\n", st->pending_data);
        st->pending_data = 0;
    }
}

static const char *code_name(enum ig_status s)
{
    switch (s) {
    case IG_E_SYNTAX: return "SYNTAX";
    case IG_E_LIMIT: return "LIMIT";
    case IG_E_NOMEM: return "NOMEM";
    case IG_E_FATAL: return "FATAL";
    case IG_E_USAGE: return "USAGE";
    default: return "?";
    }
}

static void on_ok(struct state *st, struct ig_parser *p)
{
    const struct ig_command *cmd = ig_parser_command(p);
    struct ig_command copy = *cmd;
    struct ig_append_msg msgs[64];
    if (cmd->cmd == IG_CMD_APPEND && cmd->typed && cmd->u.append.n <= 64) {
        for (uint32_t i = 0; i < cmd->u.append.n; i++) {
            msgs[i] = cmd->u.append.msgs[i];
            msgs[i].data.ptr = st->data[i].p ? (const unsigned char *)st->data[i].p
                                             : (const unsigned char *)"";
            msgs[i].data.len = st->data[i].len;
        }
        copy.u.append.msgs = msgs;
    }
    /* Every accepted command of every test must survive emit -> parse -> equal ... */
    struct fz_config fc;
    memset(&fc, 0, sizeof(fc));
    fc.options = st->cfg->options;
    if (st->cfg->limits)
        fc.lim = *st->cfg->limits;
    else
        ig_limits_default(&fc.lim);
    fc.small = st->cfg->limits != NULL; /* custom limits: a longer canonical form may not fit */
    struct ig_span md[64];
    uint32_t nmd = 0;
    if (cmd->cmd == IG_CMD_APPEND && cmd->typed)
        for (; nmd < cmd->u.append.n && nmd < 64; nmd++)
            md[nmd] = copy.u.append.msgs[nmd].data;
    /* ... and hold the numbers written in its input (the number oracle, issue 9). */
    fz_roundtrip_in(&fc, cmd, md, nmd, st->whole + cmd->offset, (size_t)cmd->length);

    char small[4096];
    size_t n = ig_command_emit(&copy, st->cfg->options, small, sizeof(small));
    sb_add(&st->log, "OK ", 3);
    if (n == (size_t)-1) {
        sb_add(&st->log, "<unserializable>", 16);
    } else if (n > sizeof(small)) {
        char *big = malloc(n);
        ig_command_emit(&copy, st->cfg->options, big, n);
        sb_escaped(&st->log, (unsigned char *)big, n - 2);
        free(big);
    } else {
        sb_escaped(&st->log, (unsigned char *)small, n - 2);
    }
    sb_printf(&st->log, " @%llu+%llu\n", (unsigned long long)cmd->offset,
              (unsigned long long)cmd->length);
    for (int i = 0; i < st->nmsg; i++)
        st->data[i].len = 0;
    st->nmsg = 0;

    if (st->cfg->follow) {
        if (cmd->cmd == IG_CMD_IDLE) {
            ig_parser_expect(p, IG_EXPECT_DONE);
            st->sasl_mode = 0;
            return;
        }
        if (cmd->cmd == IG_CMD_AUTHENTICATE)
            st->sasl_mode = 1;
        else if (cmd->cmd != IG_CMD_SASL || cmd->u.sasl.cancel)
            st->sasl_mode = 0;
        if (st->sasl_mode) {
            uint64_t at = ig_parser_offset(p);
            const unsigned char *s = st->whole + at, *e = st->whole + st->wholelen;
            const unsigned char *nl = memchr(s, '\n', (size_t)(e - s));
            if (nl == NULL)
                nl = e;
            if (s < e && memchr(s, ' ', (size_t)(nl - s)) == NULL)
                ig_parser_expect(p, IG_EXPECT_SASL);
            else
                st->sasl_mode = 0;
        }
    }
}

static void on_event(struct state *st, struct ig_parser *p, enum ig_status s)
{
    if (s != IG_LITERAL_DATA)
        flush_data(st);
    if (s == IG_OK) {
        on_ok(st, p);
    } else if (s == IG_NEED_LITERAL) {
        const struct ig_literal *l = ig_parser_literal(p);
        sb_add(&st->log, "LIT ", 4);
        sb_escaped(&st->log, l->tag.ptr ? l->tag.ptr : (const unsigned char *)"", l->tag.len);
        sb_printf(&st->log, " %llu%s%s %s @%llu\n", (unsigned long long)l->size,
                  (l->kind & 1) ? "+" : "", (l->kind & 2) ? "8" : "", l->message ? "msg" : "arg",
                  (unsigned long long)l->offset);
        st->nlit++;
        if (st->cfg->reject_literal == st->nlit) {
            ig_parser_literal_reject(p);
            sb_add(&st->log, "REJECTED\n", 9);
            st->nmsg = 0;
        } else {
            if (l->message && st->nmsg < 64)
                st->data[st->nmsg++].len = 0;
            ig_parser_literal_accept(p);
        }
    } else if (s == IG_LITERAL_DATA) {
        uint64_t rem;
        struct ig_span d = ig_parser_data(p, &rem);
        st->pending_data += d.len;
        if (st->nmsg > 0)
            sb_add(&st->data[st->nmsg - 1], (const char *)d.ptr, d.len);
    } else {
        const struct ig_error *e = ig_parser_error(p);
        sb_add(&st->log, "ERR ", 4);
        if (e->tag.len)
            sb_escaped(&st->log, e->tag.ptr, e->tag.len);
        else
            sb_add(&st->log, "*", 1);
        sb_printf(&st->log, " %s @%llu %s%s%s%s\n", code_name(s), (unsigned long long)e->offset,
                  e->resp_code ? "[" : "", e->resp_code ? e->resp_code : "",
                  e->resp_code ? "] " : "", e->reason);
        for (int i = 0; i < st->nmsg; i++)
            st->data[i].len = 0;
        st->nmsg = 0;
        st->sasl_mode = 0;
    }
}

char *run_log(const struct run_cfg *cfg, const void *in, size_t len, size_t chunk, size_t split)
{
    struct state st;
    memset(&st, 0, sizeof(st));
    st.cfg = cfg;
    st.whole = in;
    st.wholelen = len;
    struct ig_parser p;
    size_t ms = ig_parser_memsize(cfg->limits);
    void *mem = malloc(ms);
    if (ig_parser_init(&p, cfg->limits, mem, ms) != IG_OK) {
        free(mem);
        return strdup("INIT FAILED\n");
    }
    ig_parser_set_options(&p, cfg->options);
    if (cfg->expect_first)
        ig_parser_expect(&p, (enum ig_expect)cfg->expect_first);

    const unsigned char *src = in;
    size_t pos = 0;
    int dead = 0;
    while (pos < len && !dead) {
        size_t n = len - pos;
        if (chunk && n > chunk)
            n = chunk;
        if (!chunk && split && pos < split)
            n = split - pos;
        const unsigned char *g = guard_place(src + pos, n);
        size_t off = 0;
        for (;;) {
            size_t used = 0;
            enum ig_status s = ig_parser_feed(&p, g + off, n - off, &used);
            off += used;
            if (s == IG_NEED_MORE)
                break;
            on_event(&st, &p, s);
            if (s == IG_E_FATAL || s == IG_E_USAGE) {
                dead = 1;
                break;
            }
        }
        pos += n;
    }
    flush_data(&st);
    sb_printf(&st.log, "END %s\n", ig_parser_idle(&p) ? "idle" : "inside");
    for (int i = 0; i < 64; i++)
        free(st.data[i].p);
    free(mem);
    return st.log.p;
}

char *run_all_ways(const struct run_cfg *cfg, const void *in, size_t len)
{
    char *whole = run_log(cfg, in, len, 0, 0);
    char *other = run_log(cfg, in, len, 1, 0);
    char label[64] = "byte by byte";
    int bad = strcmp(whole, other) != 0;
    size_t step = len <= 300 ? 1 : len / 97 + 1;
    for (size_t cut = 1; !bad && cut < len; cut += step) {
        free(other);
        other = run_log(cfg, in, len, 0, cut);
        if (strcmp(whole, other) != 0) {
            bad = 1;
            snprintf(label, sizeof(label), "split at %zu", cut);
        }
    }
    for (size_t ch = 2; !bad && ch <= 7; ch++) {
        free(other);
        other = run_log(cfg, in, len, ch, 0);
        if (strcmp(whole, other) != 0) {
            bad = 1;
            snprintf(label, sizeof(label), "chunks of %zu", ch);
        }
    }
    if (bad) {
        size_t n = strlen(whole) + strlen(other) + 128;
        char *r = malloc(n);
        snprintf(r, n, "MISMATCH (%s)\n--- whole:\n%s--- %s:\n%s", label, whole, label, other);
        free(whole);
        free(other);
        return r;
    }
    free(other);
    return whole;
}

static void write_file(const char *dir, const char *sub, const char *name, const void *head,
                       size_t hl, const void *in, size_t len)
{
    char path[1024], clean[200];
    size_t k = 0;
    for (const char *c = name; *c && k + 1 < sizeof(clean); c++) {
        char x = *c;
        if (x >= 'A' && x <= 'Z')
            x = (char)(x - 'A' + 'a');
        if (!((x >= 'a' && x <= 'z') || (x >= '0' && x <= '9')))
            x = '-';
        if (x == '-' && (k == 0 || clean[k - 1] == '-'))
            continue;
        clean[k++] = x;
    }
    while (k > 0 && clean[k - 1] == '-')
        k--;
    clean[k] = 0;
    snprintf(path, sizeof(path), "%s/%s/%s", dir, sub, clean);
    FILE *f = fopen(path, "wb");
    if (f == NULL) {
        perror(path);
        return;
    }
    fwrite(head, 1, hl, f);
    fwrite(in, 1, len, f);
    fclose(f);
}

void dump_seed(const char *dir, const char *name, const struct run_cfg *cfg, const void *in,
               size_t len)
{
    unsigned char b = 0;
    if (cfg->options & IG_OPT_LENIENT_LF)
        b |= 1;
    if (cfg->options & IG_OPT_UTF8)
        b |= 2;
    if (cfg->follow)
        b |= 12;
    else if (cfg->expect_first == IG_EXPECT_SASL)
        b |= 4;
    else if (cfg->expect_first == IG_EXPECT_DONE)
        b |= 8;
    if (cfg->limits != NULL)
        b |= 16;
    unsigned char split[5] = {b, 2, 1, 7, 0};
    write_file(dir, "command", name, &b, 1, in, len);
    write_file(dir, "split", name, split, 4, in, len);
}

const char *seed_dir_arg(int argc, char **argv)
{
    return argc == 3 && strcmp(argv[1], "--dump-seeds") == 0 ? argv[2] : NULL;
}

const struct ig_command *parse_first_n(struct ig_parser *p, void *mem, size_t memsize,
                                       const char *in, size_t len, uint32_t opts)
{
    size_t pos = 0;
    if (ig_parser_init(p, NULL, mem, memsize) != IG_OK)
        return NULL;
    ig_parser_set_options(p, opts);
    while (pos < len) {
        size_t used = 0;
        enum ig_status st = ig_parser_feed(p, in + pos, len - pos, &used);
        pos += used;
        if (st == IG_OK)
            return ig_parser_command(p);
        if (st == IG_NEED_LITERAL)
            ig_parser_literal_accept(p);
        else if (st != IG_NEED_MORE && st != IG_LITERAL_DATA)
            return NULL;
    }
    return NULL;
}

const struct ig_command *parse_first(struct ig_parser *p, void *mem, size_t memsize,
                                     const char *in, uint32_t opts)
{
    return parse_first_n(p, mem, memsize, in, strlen(in), opts);
}

int span_is(struct ig_span s, const char *want)
{
    return s.len == strlen(want) && (s.len == 0 || memcmp(s.ptr, want, s.len) == 0);
}
