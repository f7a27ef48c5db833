/*
 * fz_common.c - see fz_common.h. The run loop is written for speed (no guard pages,
 * one parser per input) but checks the same properties as tests/harness.c.
 */
#include "fz_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__has_feature)
#if __has_feature(memory_sanitizer)
#include <sanitizer/msan_interface.h>
#define FZ_MSAN 1
#endif
#endif

void fz_fail(const char *file, int line, const char *what)
{
    fprintf(stderr, "\nFUZZ PROPERTY VIOLATED at %s:%d: %s\n", file, line, what);
    fflush(stderr);
    abort();
}

size_t fz_config_from(const uint8_t *data, size_t size, struct fz_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    ig_limits_default(&cfg->lim);
    if (size == 0)
        return 0;
    uint8_t b = data[0];
    if (b & 1)
        cfg->options |= IG_OPT_LENIENT_LF;
    if (b & 2)
        cfg->options |= IG_OPT_UTF8;
    switch ((b >> 2) & 3) {
    case 1: cfg->expect = IG_EXPECT_SASL; break;
    case 2: cfg->expect = IG_EXPECT_DONE; break;
    case 3: cfg->follow = 1; break;
    default: break;
    }
    if (b & 16) {
        /* Tight limits: every one of them is within reach of a small input. */
        cfg->small = 1;
        cfg->lim.max_line = 64;
        cfg->lim.max_string_literal = 16;
        cfg->lim.max_literal_bytes = 24;
        cfg->lim.max_literals = 3;
        cfg->lim.max_append_literal = 32;
        cfg->lim.max_nonsync_literal = 12;
        cfg->lim.max_depth = 3;
        cfg->lim.max_items = 8;
        cfg->lim.max_set_ranges = 4;
        cfg->lim.max_tag = 6;
        cfg->lim.max_sasl_line = 20;
        cfg->lim.arena = 512;
    }
    return 1;
}

struct msgs {
    uint8_t *buf;     /* octets of all messages of the current APPEND, back to back */
    size_t len, cap;
    size_t start[64];
    uint32_t n;
};

static void msgs_add(struct msgs *m, const void *s, size_t n)
{
    if (m->len + n > m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 1024;
        while (cap < m->len + n)
            cap *= 2;
        m->buf = realloc(m->buf, cap);
        FZ_CHECK(m->buf != NULL, "out of memory");
        m->cap = cap;
    }
    if (n)
        memcpy(m->buf + m->len, s, n);
    m->len += n;
}

static void hash_bytes(uint64_t *h, const void *s, size_t n)
{
    const uint8_t *p = s;
    for (size_t i = 0; i < n; i++) {
        *h ^= p[i];
        *h *= 1099511628211ull;
    }
}

static void hash_u64(uint64_t *h, uint64_t v)
{
    hash_bytes(h, &v, sizeof(v));
}

void *fz_block(enum fz_block which, size_t need)
{
    static void *block[FZ_BLOCK__COUNT];
    static size_t size[FZ_BLOCK__COUNT];
    if (size[which] < need) {
        free(block[which]);
        block[which] = malloc(need);
        FZ_CHECK(block[which] != NULL, "out of memory");
        size[which] = need;
    }
#ifdef FZ_MSAN
    __msan_allocated_memory(block[which], need);
#endif
    return block[which];
}

static void parser_new(const struct fz_config *cfg, struct ig_parser *p, enum fz_block which)
{
    size_t ms = ig_parser_memsize(&cfg->lim);
    void *mem = fz_block(which, ms);
    FZ_CHECK(ig_parser_init(p, &cfg->lim, mem, ms) == IG_OK, "parser init");
    ig_parser_set_options(p, cfg->options);
}

/* ---- the number oracle (fz_numbers_same) ---- */

/* Digit runs, each stored without its leading zeros ("0" for a run of zeros only). */
struct numbers {
    char *text;          /* the runs, back to back */
    size_t len, cap;
    size_t *at;          /* start of run i in text; its end is at[i + 1] (or len) */
    size_t n, ncap;
    int open;            /* a run is being read */
    size_t open_at;      /* where it starts in text */
    int zeros;           /* it had only zeros so far */
};

static void *grow(void *p, size_t *cap, size_t need, size_t elsize)
{
    if (need <= *cap)
        return p;
    size_t c = *cap ? *cap : 64;
    while (c < need)
        c *= 2;
    p = realloc(p, c * elsize);
    FZ_CHECK(p != NULL, "out of memory");
    *cap = c;
    return p;
}

static void run_end(struct numbers *v)
{
    if (!v->open)
        return;
    if (v->zeros) {
        v->text = grow(v->text, &v->cap, v->len + 1, 1);
        v->text[v->len++] = '0';
    }
    v->at = grow(v->at, &v->ncap, v->n + 1, sizeof(size_t));
    v->at[v->n++] = v->open_at;
    v->open = 0;
}

/* One byte of content: a digit extends the run (a leading zero is dropped), anything
 * else ends it. */
static void run_byte(struct numbers *v, uint8_t c)
{
    if (c < '0' || c > '9') {
        run_end(v);
        return;
    }
    if (!v->open) {
        v->open = 1;
        v->open_at = v->len;
        v->zeros = 1;
    }
    if (c == '0' && v->zeros)
        return;
    v->zeros = 0;
    v->text = grow(v->text, &v->cap, v->len + 1, 1);
    v->text[v->len++] = (char)c;
}

/* "{" digits ["+"] "}" CRLF (or LF: lenient mode) at s: the header's length, and the
 * announced size in *size (saturating, never wrapping: this scanner must not share the
 * bug it looks for); 0 when s holds no literal header. */
static size_t literal_header(const uint8_t *s, size_t n, size_t *size)
{
    size_t i = 1, v = 0;
    if (n < 4 || s[0] != '{' || s[1] < '0' || s[1] > '9')
        return 0;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
        v = v > (SIZE_MAX - 9) / 10 ? SIZE_MAX : v * 10 + (size_t)(s[i] - '0');
    if (i < n && s[i] == '+')
        i++;
    if (i >= n || s[i] != '}')
        return 0;
    i++;
    if (i < n && s[i] == '\r')
        i++;
    if (i >= n || s[i] != '\n')
        return 0;
    *size = v;
    return i + 1;
}

/* Reads the digit runs of s[0..n) into v. */
static void scan_numbers(struct numbers *v, const uint8_t *s, size_t n)
{
    v->len = v->n = 0;
    v->open = 0;
    for (size_t i = 0; i < n;) {
        size_t hdr, size;
        if (s[i] == '"') {
            /* A quoted string, decoded: an escaped byte is content. */
            run_end(v);
            for (i++; i < n && s[i] != '"'; i++) {
                if (s[i] == '\\' && i + 1 < n)
                    i++;
                run_byte(v, s[i]);
            }
            run_end(v);
            i++;
        } else if ((hdr = literal_header(s + i, n - i, &size)) != 0) {
            /* The size is the length of what follows, not a number of the command; the
             * octets are content, their runs end with them. */
            run_end(v);
            i += hdr;
            size_t k = size < n - i ? size : n - i;
            for (size_t j = 0; j < k; j++)
                run_byte(v, s[i + j]);
            run_end(v);
            i += k;
        } else {
            run_byte(v, s[i++]);
        }
    }
    run_end(v);
}

static const struct numbers *sort_base;

static size_t run_len(const struct numbers *v, size_t i)
{
    return (i + 1 < v->n ? v->at[i + 1] : v->len) - v->at[i];
}

/* By length, then by text: numeric order for digit strings without leading zeros. */
static int run_cmp(const void *a, const void *b)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    size_t li = run_len(sort_base, i), lj = run_len(sort_base, j);
    if (li != lj)
        return li < lj ? -1 : 1;
    return memcmp(sort_base->text + sort_base->at[i], sort_base->text + sort_base->at[j], li);
}

/* The run indices of v in sorted order, in *idx (grown as needed). */
static void sort_runs(const struct numbers *v, size_t **idx, size_t *cap)
{
    *idx = grow(*idx, cap, v->n + 1, sizeof(size_t));
    for (size_t i = 0; i < v->n; i++)
        (*idx)[i] = i;
    sort_base = v;
    qsort(*idx, v->n, sizeof(size_t), run_cmp);
}

/* Drops repeated runs from a sorted index; returns how many are left. */
static size_t distinct_runs(const struct numbers *v, size_t *idx)
{
    size_t n = 0;
    for (size_t i = 0; i < v->n; i++) {
        if (n > 0 && run_len(v, idx[n - 1]) == run_len(v, idx[i]) &&
            memcmp(v->text + v->at[idx[n - 1]], v->text + v->at[idx[i]], run_len(v, idx[i])) == 0)
            continue;
        idx[n++] = idx[i];
    }
    return n;
}

static void print_runs(const char *what, const struct numbers *v, const size_t *idx, size_t n)
{
    fprintf(stderr, "%s:", what);
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, " %.*s", (int)run_len(v, idx[i]), v->text + v->at[idx[i]]);
    fprintf(stderr, "\n");
}

int fz_numbers_same(const struct ig_command *cmd, const uint8_t *in, size_t inlen,
                    const uint8_t *canon, size_t canonlen)
{
    static struct numbers a, b;
    static size_t *ia, *ib, capa, capb;
    /* base64 is decoded and written again in its canonical form, whose digit
     * characters may differ (non-zero padding bits); neither line holds a number. A
     * generic argument list (an unknown command) holds no number of the grammar, and
     * its atoms may hold a bracketed run with a '"' that opens no string ("[a"1]"). */
    if (cmd->cmd == IG_CMD_AUTHENTICATE || cmd->cmd == IG_CMD_SASL || !cmd->typed)
        return 1;
    scan_numbers(&a, in, inlen);
    scan_numbers(&b, canon, canonlen);
    sort_runs(&a, &ia, &capa);
    sort_runs(&b, &ib, &capb);
    /* Sets, not multisets: the canonical form may write a value fewer times than the
     * input (a sequence set's "1:1" is "1", regression input
     * corpus/regress/command/2026-12-05-number-oracle-range-of-one). A wrapped value is
     * still a value the input does not hold. */
    size_t na = distinct_runs(&a, ia), nb = distinct_runs(&b, ib);
    int same = na == nb;
    for (size_t i = 0; same && i < na; i++) {
        size_t k = run_len(&a, ia[i]);
        same = k == run_len(&b, ib[i]) && memcmp(a.text + a.at[ia[i]], b.text + b.at[ib[i]], k) == 0;
    }
    if (!same) {
        print_runs("numbers in the input", &a, ia, na);
        print_runs("numbers in the canonical form", &b, ib, nb);
    }
    return same;
}

int fz_roundtrip(const struct fz_config *cfg, const struct ig_command *cmd,
                 const struct ig_span *msgdata, uint32_t nmsg)
{
    return fz_roundtrip_in(cfg, cmd, msgdata, nmsg, NULL, 0);
}

int fz_roundtrip_in(const struct fz_config *cfg, const struct ig_command *cmd,
                    const struct ig_span *msgdata, uint32_t nmsg, const uint8_t *in,
                    size_t inlen)
{
    struct ig_command copy = *cmd;
    struct ig_append_msg *msgs = NULL;
    if (cmd->cmd == IG_CMD_APPEND && cmd->typed) {
        FZ_CHECK(cmd->u.append.n == nmsg, "APPEND message count differs from announcements");
        msgs = malloc((nmsg ? nmsg : 1) * sizeof(*msgs));
        for (uint32_t i = 0; i < nmsg; i++) {
            msgs[i] = cmd->u.append.msgs[i];
            msgs[i].data = msgdata[i];
            FZ_CHECK(msgs[i].size == msgdata[i].len, "APPEND octets delivered != announced size");
        }
        copy.u.append.msgs = msgs;
    }
    static uint8_t *out;
    static size_t outcap;
    size_t n = ig_command_emit(&copy, cfg->options, out, outcap);
    if (n == (size_t)-1)
        fprintf(stderr, "command %s, tag %.*s, typed %d\n", ig_cmd_name(cmd->cmd),
                (int)cmd->tag.len, cmd->tag.ptr ? (const char *)cmd->tag.ptr : "", cmd->typed);
    FZ_CHECK(n != (size_t)-1, "a parsed command cannot be serialized");
    if (n > outcap) {
        free(out);
        outcap = n * 2;
        out = malloc(outcap);
        FZ_CHECK(out != NULL, "out of memory");
        FZ_CHECK(ig_command_emit(&copy, cfg->options, out, outcap) == n, "emit length changed");
    }
    if (in != NULL)
        FZ_CHECK(fz_numbers_same(cmd, in, inlen, out, n),
                 "numbers: the canonical form does not hold the numbers written in the input");

    struct ig_parser p;
    parser_new(cfg, &p, FZ_BLOCK_ROUNDTRIP);
    if (cmd->cmd == IG_CMD_DONE)
        ig_parser_expect(&p, IG_EXPECT_DONE);
    else if (cmd->cmd == IG_CMD_SASL)
        ig_parser_expect(&p, IG_EXPECT_SASL);
    int result = -1, oks = 0;
    size_t pos = 0;
    while (pos < n) {
        size_t used;
        enum ig_status st = ig_parser_feed(&p, out + pos, n - pos, &used);
        pos += used;
        if (st == IG_NEED_MORE)
            break;
        if (st == IG_NEED_LITERAL) {
            ig_parser_literal_accept(&p);
        } else if (st == IG_OK) {
            oks++;
            /* Offsets and spelling differ; the value must not. */
            FZ_CHECK(ig_command_equal(ig_parser_command(&p), cmd),
                     "round trip: parse(emit(x)) != x");
            result = 0;
        } else if (st < 0) {
            /* The canonical form may be longer than the input (escapes, literals):
             * under tight limits that is a limit, not a bug. */
            FZ_CHECK(cfg->small && (st == IG_E_LIMIT || st == IG_E_NOMEM),
                     "round trip: the canonical form does not parse");
            result = 1;
            break;
        }
    }
    FZ_CHECK(result != -1 || oks == 1, "round trip: canonical form gave no command");
    FZ_CHECK(oks <= 1, "round trip: canonical form gave more than one command");
    free(msgs);
    return result < 0 ? 0 : result;
}

/* Issue 9 item 2: every command, and every rejected line, starts where the input says
 * a line starts, read from the input bytes and not from the parser: at 0, or right
 * after a CRLF (strict: a bare LF ends no line, so "a NOOP" LF "z NOOP" CRLF is one
 * line for a peer that frames by CRLF and must be one here), or with IG_OPT_LENIENT_LF
 * after any LF. A tag reported with it must be written there. */
static int line_starts_at(const struct fz_config *cfg, const uint8_t *data, size_t size,
                          uint64_t off, struct ig_span tag)
{
    if (off > size || (tag.len > 0 && (tag.len > size - off || memcmp(data + off, tag.ptr,
                                                                        tag.len) != 0)))
        return 0;
    if (off == 0)
        return 1;
    if (data[off - 1] != '\n')
        return 0;
    return (cfg->options & IG_OPT_LENIENT_LF) || (off >= 2 && data[off - 2] == '\r');
}

/* ---- the LIMIT oracle (issue 10 item 4) ----
 * What a command's own bytes say, counted by a scan that shares nothing with the
 * parser: the deepest nesting of parentheses outside quoted strings and literals, and
 * every literal announced at a line end ({n}, {n+}, ~{n}, ~{n+}; RFC 9051 §4.3,
 * RFC 7888), whose octets are skipped. The number is read with saturation, so that
 * 20 digits stay larger than any limit instead of wrapping. */
struct fz_scan {
    uint32_t depth;      /* deepest "(" nesting */
    uint32_t literals;   /* literal headers */
    uint32_t nonsync;    /* of which non-synchronizing */
    uint64_t largest;    /* largest size announced */
    uint64_t largest_nonsync;
    uint64_t sum;        /* sizes announced, saturating */
};

static uint64_t sat_add(uint64_t a, uint64_t b)
{
    return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

/* The literal header that ends the line s[0..e) (e is the index of its CR), if any. */
static int scan_header(const uint8_t *s, size_t start, size_t e, uint64_t *size, int *nonsync)
{
    if (e == start || s[e - 1] != '}')
        return 0;
    size_t i = e - 1;
    *nonsync = i > start && s[i - 1] == '+';
    if (*nonsync)
        i--;
    size_t j = i;
    while (j > start && s[j - 1] >= '0' && s[j - 1] <= '9')
        j--;
    if (j == i || j == start || s[j - 1] != '{')
        return 0;
    uint64_t v = 0;
    for (size_t k = j; k < i; k++) {
        uint64_t d = (uint64_t)(s[k] - '0');
        v = v > (UINT64_MAX - d) / 10 ? UINT64_MAX : v * 10 + d;
    }
    *size = v;
    return 1;
}

/* 1 when s[i] is the "(" of "SP RETURN SP (" (any case): the list of SEARCH return
 * options (RFC 4731, RFC 9051 §6.4.4), whose own parentheses count no level. */
static int return_list(const uint8_t *s, size_t start, size_t i)
{
    static const char kw[] = " RETURN ";
    if (i - start < sizeof(kw) - 1)
        return 0;
    for (size_t k = 0; k < sizeof(kw) - 1; k++) {
        uint8_t b = s[i - (sizeof(kw) - 1) + k];
        if ((b >= 'a' && b <= 'z' ? b - 32 : b) != (uint8_t)kw[k])
            return 0;
    }
    return 1;
}

static struct fz_scan scan_command(const uint8_t *s, size_t start, size_t end, int lenient_lf,
                                   int search)
{
    struct fz_scan r;
    memset(&r, 0, sizeof(r));
    uint32_t depth = 0;
    int in_return = 0;
    size_t line = start, i = start;
    while (i < end) {
        uint8_t b = s[i];
        if (b == '"') {
            /* quoted = DQUOTE *QUOTED-CHAR DQUOTE, "\" escapes the next octet */
            for (i++; i < end && s[i] != '"' && s[i] != '\n'; i++)
                if (s[i] == '\\' && i + 1 < end)
                    i++;
            if (i < end && s[i] == '"')
                i++;
            continue;
        }
        if (b == '\n' && (lenient_lf || (i > line && s[i - 1] == '\r'))) {
            /* strict: only CRLF ends a line (RFC 9051 §2.2) */
            uint64_t size;
            int ns;
            size_t e = i > line && s[i - 1] == '\r' ? i - 1 : i;
            i++;
            if (scan_header(s, line, e, &size, &ns)) {
                r.literals++;
                r.nonsync += (uint32_t)ns;
                if (size > r.largest)
                    r.largest = size;
                if (ns && size > r.largest_nonsync)
                    r.largest_nonsync = size;
                r.sum = sat_add(r.sum, size);
                i = size > end - i ? end : i + (size_t)size;
            }
            line = i;
            continue;
        }
        if (b == '(' && search && depth == 0 && !in_return && return_list(s, start, i))
            in_return = 1;
        else if (b == '(' && ++depth > r.depth)
            r.depth = depth;
        else if (b == ')' && depth > 0)
            depth--;
        else if (b == ')')
            in_return = 0;
        i++;
    }
    return r;
}

/* An accepted command must be within every limit its own bytes can be measured
 * against. max_depth is exact where every "(" counts a level (generic arguments of an
 * unknown command; SEARCH keys, where NOT and OR count too, once the RETURN list
 * around the options is left out: its parentheses count no level); other commands have lists
 * that cannot nest and do not count (FETCH items, header lists, modifiers:
 * cmd_fetch.c), so two levels more are allowed there. Literal limits: every literal of a command other than APPEND is a string
 * argument (max_string_literal, together max_literal_bytes, at most max_literals);
 * any literal at most the larger of the string and message limits; a
 * non-synchronizing one at most max_nonsync_literal. */
static void check_limits(const struct fz_config *cfg, const uint8_t *data,
                         const struct ig_command *c)
{
    if (c->cmd == IG_CMD_DONE || c->cmd == IG_CMD_SASL)
        return;
    const struct ig_limits *l = &cfg->lim;
    int search = c->cmd == IG_CMD_SEARCH || c->cmd == IG_CMD_UID_SEARCH;
    struct fz_scan r = scan_command(data, (size_t)c->offset, (size_t)(c->offset + c->length),
                                    (cfg->options & IG_OPT_LENIENT_LF) != 0, search);
    uint32_t slack = c->cmd == IG_CMD_OTHER || search ? 0 : 2;
    FZ_CHECK(r.depth <= l->max_depth + slack, "LIMIT: accepted a command nested deeper than max_depth");
    uint64_t any = l->max_string_literal > l->max_append_literal ? l->max_string_literal
                                                                 : l->max_append_literal;
    FZ_CHECK(r.largest <= any, "LIMIT: accepted a literal larger than every literal limit");
    FZ_CHECK(r.largest_nonsync <= l->max_nonsync_literal,
             "LIMIT: accepted a non-synchronizing literal over max_nonsync_literal");
    if (c->cmd != IG_CMD_APPEND) {
        FZ_CHECK(r.largest <= l->max_string_literal,
                 "LIMIT: accepted a string literal over max_string_literal");
        FZ_CHECK(r.sum <= l->max_literal_bytes, "LIMIT: accepted literals over max_literal_bytes");
        FZ_CHECK(r.literals <= l->max_literals, "LIMIT: accepted more literals than max_literals");
    }
}

/* ---- the LINE oracle (issue 10 item 4) ----
 * An independent framer of the client's bytes, run in step with the parser's results:
 * a client unit is one CRLF-terminated line (any LF with IG_OPT_LENIENT_LF), continued
 * after a literal header at its end ({n}, {n+}, ~{n}; RFC 9051 §4.3, RFC 7888) past
 * the n octets, except after a synchronizing literal the parser did not ask for (then
 * the client sends nothing more of that command, and the next line is a new one; a
 * SASL response or DONE line is never asked for octets either, so a header there only
 * carries the octets of a non-synchronizing literal). Every unit gets exactly one result, which
 * starts where the unit starts (and, for an accepted command, ends where it ends): a
 * line skipped by a resync shows as a result that starts too late, literal octets read
 * as a command as one that starts inside them. It builds on line_starts_at above (the
 * line starts) by checking that no line is left out and none is invented. */
struct fz_framer {
    const uint8_t *s;
    size_t n;
    size_t pos;          /* where the next unit starts */
    uint32_t sync;       /* synchronizing literals the parser asked for in this unit */
    int lenient;
    int off;             /* 1: no longer comparable (fatal error) */
};

/* The line that starts at i: returns the index after its terminator (n when there is
 * none), and in *e where its CRLF (or LF) begins. */
static size_t framer_line(const struct fz_framer *f, size_t i, size_t *e)
{
    for (size_t k = i; k < f->n; k++) {
        if (f->s[k] != '\n')
            continue;
        int cr = k > i && f->s[k - 1] == '\r';
        if (cr || f->lenient) {
            *e = cr ? k - 1 : k;
            return k + 1;
        }
    }
    *e = f->n;
    return f->n;
}

/* Where the unit at f->pos ends; *complete: its last line has its terminator. */
static size_t framer_unit(const struct fz_framer *f, int *complete)
{
    size_t i = f->pos;
    uint32_t sync = 0;
    for (;;) {
        size_t e, next = framer_line(f, i, &e);
        uint64_t size;
        int ns;
        *complete = e < f->n;
        if (!*complete || !scan_header(f->s, i, e, &size, &ns))
            return next;
        if (!ns && sync++ >= f->sync)
            return next; /* not asked for: the client sends no octets */
        if (size >= f->n - next) {
            *complete = 0;
            return f->n;
        }
        i = next + (size_t)size;
    }
}

/* A result (IG_OK with its extent, or an error with its line start) for the unit at
 * f->pos; moves to the next unit. */
static void framer_result(struct fz_framer *f, uint64_t start, uint64_t end, int ok)
{
    if (f->off)
        return;
    int complete;
    size_t unit = framer_unit(f, &complete);
    FZ_CHECK(start == f->pos, start > f->pos
                                  ? "LINE: a client line got no result (skipped by a resync?)"
                                  : "LINE: a result for bytes the client framer gave no line (literal octets read as a command?)");
    if (ok)
        FZ_CHECK(end == unit, "LINE: a command does not end where the client framer ends it");
    f->pos = unit;
    f->sync = 0;
}

/* At the end of the input: a complete line no result answered is a finding. */
static void framer_end(struct fz_framer *f)
{
    if (f->off || f->pos >= f->n)
        return;
    int complete;
    framer_unit(f, &complete);
    FZ_CHECK(!complete, "LINE: a complete client line at the end got no result");
}

struct fz_digest fz_run(const struct fz_config *cfg, const uint8_t *data, size_t size,
                        const uint8_t *chunks, size_t nchunks)
{
    struct fz_digest d = {14695981039346656037ull, 0, 0, 0, 0};
    struct ig_parser p;
    struct msgs m = {0};
    int sasl_mode = 0, in_data = 0;
    struct fz_framer fr = {data, size, 0, 0, (cfg->options & IG_OPT_LENIENT_LF) != 0, 0};
    parser_new(cfg, &p, FZ_BLOCK_RUN);
    if (cfg->expect)
        ig_parser_expect(&p, (enum ig_expect)cfg->expect);

    size_t pos = 0, ci = 0;
    int dead = 0;
    while (pos < size && !dead) {
        size_t n = size - pos;
        if (nchunks > 0) {
            size_t c = chunks[ci++ % nchunks];
            if (c == 0)
                c = 1;
            if (n > c)
                n = c;
        }
        size_t off = 0;
        for (;;) {
            size_t used = 0;
            enum ig_status st = ig_parser_feed(&p, data + pos + off, n - off, &used);
            FZ_CHECK(used <= n - off, "feed consumed more than it was given");
            off += used;
            if (st == IG_NEED_MORE) {
                FZ_CHECK(off == n, "IG_NEED_MORE with bytes left");
                break;
            }
            if (st != IG_LITERAL_DATA && in_data) {
                hash_u64(&d.hash, d.data);
                in_data = 0;
            }
            if (st == IG_LITERAL_DATA) {
                uint64_t rem;
                struct ig_span s = ig_parser_data(&p, &rem);
                uint64_t at = ig_parser_offset(&p) - s.len;
                FZ_CHECK(s.len > 0, "empty data event");
                /* Zero-copy: the span is the input itself, at its stream offset. */
                FZ_CHECK(s.ptr == data + at, "APPEND data span is not the input bytes");
                if (!in_data)
                    hash_u64(&d.hash, at);
                d.data += s.len;
                msgs_add(&m, s.ptr, s.len);
                in_data = 1;
                continue; /* data events are cut by the chunking: only the run counts */
            }
            hash_u64(&d.hash, (uint64_t)(st + 16));
            if (st == IG_NEED_LITERAL) {
                const struct ig_literal *l = ig_parser_literal(&p);
                if (!(l->kind & 1))
                    fr.sync++;
                hash_u64(&d.hash, l->size);
                hash_u64(&d.hash, l->offset);
                hash_u64(&d.hash, (uint64_t)l->kind * 2 + l->message);
                if (l->message) {
                    FZ_CHECK(l->index == m.n, "APPEND message index out of order");
                    if (m.n < 64)
                        m.start[m.n++] = m.len;
                }
                FZ_CHECK(ig_parser_literal_accept(&p) == IG_OK, "accept failed");
            } else if (st == IG_OK) {
                const struct ig_command *c = ig_parser_command(&p);
                d.commands++;
                hash_u64(&d.hash, c->offset);
                hash_u64(&d.hash, c->length);
                hash_u64(&d.hash, (uint64_t)c->cmd);
                FZ_CHECK(c->offset + c->length == ig_parser_offset(&p),
                         "command does not end where the parser stands");
                FZ_CHECK(line_starts_at(cfg, data, size, c->offset, c->tag),
                         "a command does not start, with its tag, where a line starts (bare LF?)");
                check_limits(cfg, data, c);
                framer_result(&fr, c->offset, c->offset + c->length, 1);
                struct ig_span md[64];
                uint32_t nm = m.n < 64 ? m.n : 64;
                for (uint32_t i = 0; i < nm; i++) {
                    size_t end = i + 1 < nm ? m.start[i + 1] : m.len;
                    md[i].ptr = m.buf ? m.buf + m.start[i] : (const uint8_t *)"";
                    md[i].len = end - m.start[i];
                }
                if (m.n <= 64)
                    fz_roundtrip_in(cfg, c, md, nm, data + c->offset, (size_t)c->length);
                m.len = 0;
                m.n = 0;
                if (cfg->follow) {
                    if (c->cmd == IG_CMD_IDLE) {
                        ig_parser_expect(&p, IG_EXPECT_DONE);
                        sasl_mode = 0;
                    } else {
                        if (c->cmd == IG_CMD_AUTHENTICATE)
                            sasl_mode = 1;
                        else if (c->cmd != IG_CMD_SASL || c->u.sasl.cancel)
                            sasl_mode = 0;
                        /* Like the CLI: a following line without a space is a SASL
                         * response (peek at the whole input: chunking-independent). */
                        if (sasl_mode) {
                            uint64_t at = ig_parser_offset(&p);
                            const uint8_t *nl = memchr(data + at, '\n', size - at);
                            size_t ll = nl ? (size_t)(nl - (data + at)) : size - at;
                            if (at < size && memchr(data + at, ' ', ll) == NULL)
                                ig_parser_expect(&p, IG_EXPECT_SASL);
                            else
                                sasl_mode = 0;
                        }
                    }
                }
            } else {
                const struct ig_error *e = ig_parser_error(&p);
                d.errors++;
                FZ_CHECK(st < 0 && e->code == st, "error status without its error");
                FZ_CHECK(e->reason != NULL && e->reason[0] != 0, "error without a reason");
                FZ_CHECK(e->offset < ig_parser_offset(&p) + 1 || st == IG_E_FATAL,
                         "error offset beyond the bytes consumed");
                FZ_CHECK(line_starts_at(cfg, data, size, e->command_offset, e->tag),
                         "a rejected line does not start, with its tag, where a line starts (bare LF?)");
                /* After a fatal error (a size too long to read) the stream is lost. */
                if (st == IG_E_FATAL)
                    fr.off = 1;
                framer_result(&fr, e->command_offset, 0, 0);
                hash_u64(&d.hash, e->offset);
                hash_bytes(&d.hash, e->reason, strlen(e->reason));
                hash_bytes(&d.hash, e->tag.ptr ? e->tag.ptr : (const uint8_t *)"", e->tag.len);
                m.len = 0;
                m.n = 0;
                sasl_mode = 0;
                if (st == IG_E_FATAL) {
                    dead = 1;
                    break;
                }
                FZ_CHECK(st != IG_E_USAGE, "IG_E_USAGE from a well-driven parser");
            }
        }
        pos += n;
    }
    framer_end(&fr);
    d.idle = ig_parser_idle(&p);
    hash_u64(&d.hash, (uint64_t)d.idle);
    free(m.buf);
    return d;
}
