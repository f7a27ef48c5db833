/*
 * test_session_bare_lf.c - the server session never runs a command smuggled behind a
 * bare LF (issue 9 item 2). "a1 NOOP" LF "z1 LOGOUT" CRLF is one line for a peer that
 * frames by CRLF (RFC 9051 §2.2): the session answers a1 with exactly one tagged BAD
 * and never executes z1, for plain commands, after literal octets, in a SASL response
 * line and in the DONE line of IDLE. The smuggled commands (tags z...) are chosen to
 * leave a mark if they ran: LOGOUT closes, LOGIN authenticates, CREATE makes a mailbox.
 * Every input runs fed whole, one byte at a time and split in two at every offset, on
 * the reference backend; all must send the same bytes and pass the same checks.
 */
#include "imapguard_session.h"
#include "ref.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>

struct scase {
    const char *name;
    const char *in;
    /* The lines that are not untagged ("* ..."), in order, '|' between them; each is
     * a prefix of the line sent. */
    const char *want;
    enum ig_state state; /* the state at the end */
};

static const struct scase cases[] = {
    {"a1 NOOP LF z1 LOGOUT CRLF", "a1 NOOP\nz1 LOGOUT\r\nb1 NOOP\r\n",
     "a1 BAD bare LF (lines end in CRLF)|b1 OK NOOP", IG_STATE_NOT_AUTH},
    {"sync literal, then a bare LF", "a1 LOGIN {4}\r\ndemo\nz1 LOGOUT\r\nb1 NOOP\r\n",
     "+ ready for literal data|a1 BAD bare LF (lines end in CRLF)|b1 OK NOOP", IG_STATE_NOT_AUTH},
    {"nonsync literal, then a bare LF", "a1 LOGIN {4+}\r\ndemo\nz1 LOGOUT\r\nb1 NOOP\r\n",
     "a1 BAD bare LF (lines end in CRLF)|b1 OK NOOP", IG_STATE_NOT_AUTH},
    {"the smuggled command would log in", "a1 NOOP\nz1 LOGIN demo demo\r\nb1 NOOP\r\n",
     "a1 BAD bare LF (lines end in CRLF)|b1 OK NOOP", IG_STATE_NOT_AUTH},
    {"the smuggled command would create a mailbox",
     "a0 LOGIN demo demo\r\na1 NOOP\nz1 CREATE smuggled\r\nb1 LIST \"\" smuggled\r\n",
     "a0 OK|a1 BAD bare LF (lines end in CRLF)|b1 OK", IG_STATE_AUTH},
    {"a {n+} header after the LF: its octets belong to the bad line",
     "a1 NOOP\nz1 X {11+}\r\nz2 LOGOUT\r\n x\r\nb1 NOOP\r\n",
     "a1 BAD bare LF (lines end in CRLF)|b1 OK NOOP", IG_STATE_NOT_AUTH},
    {"a {n} header after the LF: no continuation, the next line is a command",
     "a1 NOOP\nz1 LOGIN {4}\r\nb1 NOOP\r\n",
     "a1 BAD bare LF (lines end in CRLF)|b1 OK NOOP", IG_STATE_NOT_AUTH},
    {"SASL response with a bare LF: not authenticated, z1 not run",
     "a1 AUTHENTICATE PLAIN\r\nAGRlbW8AZGVtbw==\nz1 LOGOUT\r\nb1 NOOP\r\n",
     "+ |a1 BAD bare LF (lines end in CRLF)|b1 OK NOOP", IG_STATE_NOT_AUTH},
    {"DONE with a bare LF", "a0 LOGIN demo demo\r\na1 IDLE\r\nDONE\nz1 LOGOUT\r\nb1 NOOP\r\n",
     "a0 OK|+ idling|a1 BAD bare LF (lines end in CRLF)|b1 OK NOOP", IG_STATE_AUTH},
};

struct run {
    char out[16384];
    size_t len;
    int closed;
    enum ig_state state;
    int traced_z;       /* trace events of z-tagged commands (must stay 0) */
    unsigned traced;    /* command trace events */
};

static void on_trace(void *ctx, const struct ig_trace *t)
{
    struct run *r = ctx;
    if (t->is_action)
        return;
    r->traced++;
    if (t->tag.len > 0 && t->tag.ptr[0] == 'z')
        r->traced_z++;
}

static void drain(struct ig_session *s, struct run *r)
{
    for (;;) {
        struct ig_span o = ig_session_output(s);
        if (o.len == 0)
            return;
        size_t k = o.len < sizeof(r->out) - 1 - r->len ? o.len : sizeof(r->out) - 1 - r->len;
        memcpy(r->out + r->len, o.ptr, k);
        r->len += k;
        r->out[r->len] = 0;
        ig_session_sent(s, o.len);
    }
}

/* Feeds in: whole (chunk 0, split 0), chunk bytes at a time, or in two feeds cut at
 * split. The greeting is left out of r->out. */
static void run(const char *in, size_t chunk, size_t split, struct run *r)
{
    struct ig_ref_config rc;
    ig_ref_config_default(&rc);
    rc.deterministic = 1;
    struct ig_ref_store *st = ig_ref_store_new(&rc);
    struct ig_ref_user *u = st ? ig_ref_add_user(st, IG_REF_DEMO_USER, strlen(IG_REF_DEMO_USER),
                                                 IG_REF_DEMO_PASS, strlen(IG_REF_DEMO_PASS))
                               : NULL;
    struct ig_ref_conn *c = u && ig_ref_load_samples(st, u) == 0 ? ig_ref_conn_new(st) : NULL;
    struct ig_session_config cfg;
    ig_session_config_default(&cfg);
    cfg.plaintext_login = 1;
    struct ig_session s;
    size_t ms = ig_session_memsize(&cfg);
    void *mem = malloc(ms);
    memset(r, 0, sizeof(*r));
    if (c == NULL || mem == NULL || ig_session_init(&s, &cfg, &ig_ref_backend, c, mem, ms) != IG_OK) {
        strcpy(r->out, "INIT FAILED");
        goto out;
    }
    ig_session_set_trace(&s, on_trace, r);
    drain(&s, r);
    r->len = 0;
    r->out[0] = 0;
    size_t len = strlen(in), pos = 0;
    while (pos < len && ig_session_action(&s) == IG_ACT_NONE) {
        size_t n = len - pos;
        if (chunk && n > chunk)
            n = chunk;
        if (split && pos < split && n > split - pos)
            n = split - pos;
        size_t used = 0;
        enum ig_status fs = ig_session_feed(&s, in + pos, n, &used);
        pos += used;
        drain(&s, r);
        if (fs != IG_OK && fs != IG_NEED_OUTPUT)
            break;
    }
    r->closed = ig_session_action(&s) == IG_ACT_CLOSE;
    r->state = ig_session_state(&s);
out:
    free(mem);
    if (c)
        ig_ref_conn_free(c);
    if (st)
        ig_ref_store_free(st);
}

/* The lines of out that are not untagged, each checked against its prefix in want. */
static int lines_match(const char *out, const char *want, char *why, size_t whylen)
{
    const char *o = out, *w = want;
    for (;;) {
        const char *eol = strstr(o, "\r\n");
        if (eol == NULL)
            break;
        if (!(o[0] == '*' && o[1] == ' ')) {
            size_t wl = strcspn(w, "|");
            if (*w == 0 || (size_t)(eol - o) < wl || memcmp(o, w, wl) != 0) {
                snprintf(why, whylen, "line \"%.*s\" where \"%.*s\" was expected",
                         (int)(eol - o), o, (int)wl, w);
                return 0;
            }
            w += wl + (w[wl] == '|');
        }
        o = eol + 2;
    }
    if (*w != 0 || *o != 0) {
        snprintf(why, whylen, "missing \"%s\" (or output not ending in CRLF)", w);
        return 0;
    }
    return 1;
}

/* Tagged lines of out that start with tag and a space. */
static unsigned count_tagged(const char *out, const char *tag)
{
    unsigned n = 0;
    size_t tl = strlen(tag);
    for (const char *o = out; *o; ) {
        if (strncmp(o, tag, tl) == 0 && o[tl] == ' ')
            n++;
        const char *eol = strstr(o, "\r\n");
        if (eol == NULL)
            break;
        o = eol + 2;
    }
    return n;
}

static int check(const struct scase *c, const struct run *r, const struct run *whole,
                 const char *how, size_t at)
{
    char why[512] = "";
    int good = lines_match(r->out, c->want, why, sizeof(why));
    if (good && whole != NULL && strcmp(r->out, whole->out) != 0)
        good = 0, snprintf(why, sizeof(why), "output differs from the whole feed");
    if (good && count_tagged(r->out, "a1") != 1)
        good = 0, snprintf(why, sizeof(why), "not exactly one response tagged a1");
    if (good && (strstr(r->out, "\r\nz") != NULL || strncmp(r->out, "z", 1) == 0 ||
                 strstr(r->out, "smuggled") != NULL || r->traced_z != 0))
        good = 0, snprintf(why, sizeof(why), "a z-tagged command was answered or traced");
    if (good && (r->closed || r->state != c->state))
        good = 0, snprintf(why, sizeof(why), "closed %d, state %s (a smuggled command ran)",
                           r->closed, ig_state_name(r->state));
    if (!good) {
        char what[1024];
        snprintf(what, sizeof(what), "%s (%s %zu): %s", c->name, how, at, why);
        ok(0, what);
        printf("# output:\n# %s\n", r->out);
    }
    return good;
}

int main(void)
{
    static struct run whole, r;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct scase *c = &cases[i];
        char what[300];
        run(c->in, 0, 0, &whole);
        snprintf(what, sizeof(what), "%s: one BAD for a1, z never runs (whole)", c->name);
        if (check(c, &whole, NULL, "whole", 0))
            ok(1, what);
        run(c->in, 1, 0, &r);
        snprintf(what, sizeof(what), "%s (byte by byte)", c->name);
        if (check(c, &r, &whole, "byte by byte", 1))
            ok(1, what);
        int all = 1;
        for (size_t k = 1; k < strlen(c->in) && all; k++) {
            run(c->in, 0, k, &r);
            all = check(c, &r, &whole, "split at", k);
        }
        snprintf(what, sizeof(what), "%s (split at every offset)", c->name);
        if (all)
            ok(1, what);
    }
    return done();
}
