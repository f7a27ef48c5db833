/*
 * test_session_paths.c - the session's less travelled paths, each checked by the exact
 * bytes the server sends (and the calls the backend sees): the response writer's
 * quoting and literals for every kind of string, the command x state table, SASL
 * corners (every PLAIN shape RFC 4616 §2 refuses, LOGIN with SASL-IR, backend
 * mechanisms and their challenges), ENABLE, SELECT answers, read-only mailboxes, APPEND
 * refusals and failures, a backend that answers NO / BAD / nothing, output that
 * overflows, zero-copy literals, resumable commands and the NULL-safe API.
 *
 * The backend here is scripted per case (struct tb): every callback logs what it was
 * given, so a case checks both what the client saw and what the store was asked.
 * Every transcript is run fed whole and one byte at a time (sent one byte at a time).
 */
#include "harness.h"
#include "imapguard_session.h"
#include "tap.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* ---- a scriptable backend ---- */

struct tb;
typedef enum ig_bk_status (*tb_cmd_fn)(struct tb *t, const struct ig_command *cmd,
                                       struct ig_writer *w, uint64_t *cursor,
                                       struct ig_bk_reply *reply);

struct tb {
    char log[4096];
    size_t loglen;
    /* SASL: the answer and challenge of each round */
    enum ig_sasl_result sasl_res[4];
    const char *sasl_chal[4];
    size_t sasl_chal_len[4];
    /* SELECT */
    enum ig_bk_status select_st;
    struct ig_mailbox_info info;
    const char *select_code, *select_text;
    /* other commands */
    tb_cmd_fn command;
    int mode;                 /* for the command functions */
    /* APPEND */
    enum ig_bk_status begin_st[4];
    unsigned nbegin;
    uint64_t octets;
    enum ig_bk_status end_st;
    const char *end_code, *end_text;
    /* poll: EXISTS responses to write */
    int poll_lines;
};

static void tb_log(struct tb *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(t->log + t->loglen, sizeof(t->log) - t->loglen, fmt, ap);
    va_end(ap);
    if (n > 0)
        t->loglen += (size_t)n < sizeof(t->log) - t->loglen ? (size_t)n : sizeof(t->log) - t->loglen - 1;
}

/* A span in the log: printable ASCII as is, anything else as \xHH. */
static void tb_log_span(struct tb *t, struct ig_span v)
{
    for (size_t i = 0; i < v.len; i++) {
        unsigned char c = v.ptr[i];
        if (c >= 0x21 && c < 0x7f && c != '\\')
            tb_log(t, "%c", c);
        else
            tb_log(t, "\\x%02x", c);
    }
}


static int tb_login(void *ctx, struct ig_span authzid, struct ig_span user, struct ig_span pass)
{
    struct tb *t = ctx;
    tb_log(t, "login(");
    tb_log_span(t, authzid);
    tb_log(t, ",");
    tb_log_span(t, user);
    tb_log(t, ",");
    tb_log_span(t, pass);
    tb_log(t, ") ");
    return span_is(user, "bob") && span_is(pass, "pw");
}

static enum ig_sasl_result tb_sasl(void *ctx, struct ig_sasl_step *step)
{
    struct tb *t = ctx;
    uint32_t r = step->round < 4 ? step->round : 3;
    tb_log(t, "sasl(");
    tb_log_span(t, step->mechanism);
    tb_log(t, ",%u,%u,", (unsigned)step->round, (unsigned)step->has_data);
    tb_log_span(t, step->data);
    tb_log(t, ") ");
    if (t->sasl_chal[r] != NULL) {
        size_t n = t->sasl_chal_len[r];
        memcpy(step->challenge, t->sasl_chal[r], n < sizeof(step->challenge) ? n : sizeof(step->challenge));
        step->challenge_len = n;
    }
    return t->sasl_res[r];
}

static enum ig_bk_status tb_select(void *ctx, const struct ig_command *cmd, int read_only,
                                   struct ig_mailbox_info *info, struct ig_bk_reply *reply)
{
    struct tb *t = ctx;
    tb_log(t, "select(");
    tb_log_span(t, cmd->u.select.mailbox.v);
    tb_log(t, ",%d) ", read_only);
    *info = t->info;
    reply->code = t->select_code;
    reply->text = t->select_text;
    return t->select_st;
}

static void tb_unselect(void *ctx, int expunge)
{
    tb_log(ctx, "unselect(%d) ", expunge);
}

static enum ig_bk_status tb_command(void *ctx, const struct ig_command *cmd, struct ig_writer *w,
                                    uint64_t *cursor, struct ig_bk_reply *reply)
{
    struct tb *t = ctx;
    tb_log(t, "%s@%llu ", ig_cmd_name(cmd->cmd), (unsigned long long)*cursor);
    if (t->command)
        return t->command(t, cmd, w, cursor, reply);
    return IG_BK_OK;
}

static enum ig_bk_status tb_append_begin(void *ctx, const struct ig_str *mailbox,
                                         const struct ig_append_msg *msg, struct ig_bk_reply *reply)
{
    struct tb *t = ctx;
    (void)msg;
    unsigned i = t->nbegin < 4 ? t->nbegin : 3;
    t->nbegin++;
    tb_log(t, "begin(");
    tb_log_span(t, mailbox->v);
    tb_log(t, ") ");
    if (t->begin_st[i] != IG_BK_OK) {
        reply->code = "TRYCREATE";
        reply->text = t->begin_st[i] == IG_BK_BAD ? "bad message" : NULL;
    }
    return t->begin_st[i];
}

static void tb_append_data(void *ctx, struct ig_span data)
{
    ((struct tb *)ctx)->octets += data.len;
}

static enum ig_bk_status tb_append_end(void *ctx, int ok, struct ig_bk_reply *reply)
{
    struct tb *t = ctx;
    tb_log(t, "end(%d,%llu) ", ok, (unsigned long long)t->octets);
    reply->code = t->end_code;
    reply->text = t->end_text;
    return ok ? t->end_st : IG_BK_NO;
}

static enum ig_bk_status tb_poll(void *ctx, struct ig_writer *w, uint64_t *cursor)
{
    struct tb *t = ctx;
    (void)cursor;
    tb_log(t, "poll ");
    for (int i = 0; i < t->poll_lines; i++) {
        ig_w_untagged(w);
        ig_w_number(w, (uint64_t)(4 + i));
        ig_w_atom(w, "EXISTS");
        ig_w_end(w);
    }
    return IG_BK_OK;
}

static void tb_enabled(void *ctx, uint32_t exts)
{
    tb_log(ctx, "enabled(%u) ", (unsigned)exts);
}

static const struct ig_backend tb_backend = {
    "UIDPLUS MOVE", tb_login, tb_sasl, tb_select, tb_unselect, tb_command,
    tb_append_begin, tb_append_data, tb_append_end, tb_poll, tb_enabled,
};

static const struct ig_flag tb_flags[2] = {{IG_FLAG_SEEN, {(const unsigned char *)"\\Seen", 5}},
                                           {IG_FLAG_DELETED, {(const unsigned char *)"\\Deleted", 8}}};

static void tb_reset(struct tb *t)
{
    memset(t, 0, sizeof(*t));
    t->info.exists = 3;
    t->info.recent = 1;
    t->info.uidvalidity = 42;
    t->info.uidnext = 4;
    t->info.flags.n = 2;
    t->info.flags.v = tb_flags;
    t->info.permanent = t->info.flags;
    t->end_st = IG_BK_OK;
    t->end_code = "APPENDUID 42 4";
}

/* ---- driving a session ---- */

struct out {
    unsigned char greeting[1024];
    size_t glen;
    unsigned char text[65536];
    size_t len;
    unsigned refs;            /* output spans that were not in the session's memory */
    char trace[2048];
    size_t tlen;
    enum ig_action action;
    enum ig_state state;
    uint64_t discarded;
};

static void on_trace(void *ctx, const struct ig_trace *ev)
{
    struct out *o = ctx;
    char line[200];
    if (ev->is_action)
        snprintf(line, sizeof(line), "action %d discarded %llu; ", (int)ev->action,
                 (unsigned long long)ev->discarded);
    else
        snprintf(line, sizeof(line), "%.*s %s %s>%s %d; ", (int)ev->tag.len,
                 ev->tag.ptr ? (const char *)ev->tag.ptr : "", ig_cmd_name(ev->cmd),
                 ig_state_name(ev->before), ig_state_name(ev->after), ev->status);
    size_t n = strlen(line);
    if (o->tlen + n < sizeof(o->trace)) {
        memcpy(o->trace + o->tlen, line, n + 1);
        o->tlen += n;
    }
}

/* Takes every output byte; sends it whole or one byte at a time. */
static void drain(struct ig_session *s, const unsigned char *mem, size_t ms, unsigned char *buf,
                  size_t cap, size_t *len, unsigned *refs, int bytewise)
{
    for (;;) {
        struct ig_span o = ig_session_output(s);
        if (o.len == 0)
            return;
        if (refs && (o.ptr < mem || o.ptr >= mem + ms))
            (*refs)++;
        size_t k = o.len < cap - *len ? o.len : cap - *len;
        memcpy(buf + *len, o.ptr, k);
        *len += k;
        if (bytewise) {
            for (size_t i = 0; i < o.len; i++)
                ig_session_sent(s, 1);
        } else {
            ig_session_sent(s, o.len);
        }
    }
}

/* Runs in[0..len) through a session: whole (chunk 0) or chunk bytes at a time. After a
 * STARTTLS action the rest of the plaintext is fed (it is discarded), the handshake is
 * declared, and after_tls follows. */
static void drive(const struct ig_session_config *cfg, const struct ig_backend *bk, struct tb *t,
                  const char *in, size_t len, size_t chunk, const char *after_tls, struct out *o)
{
    struct ig_session s;
    size_t ms = ig_session_memsize(cfg);
    unsigned char *mem = malloc(ms);
    memset(o, 0, sizeof(*o));
    if (mem == NULL || ig_session_init(&s, cfg, bk, t, mem, ms) != IG_OK) {
        strcpy((char *)o->text, "INIT FAILED");
        o->len = strlen((char *)o->text);
        free(mem);
        return;
    }
    ig_session_set_trace(&s, on_trace, o);
    drain(&s, mem, ms, o->greeting, sizeof(o->greeting), &o->glen, NULL, 0);
    size_t pos = 0;
    int tls_done = 0;
    enum ig_status st = IG_OK;
    for (;;) {
        enum ig_action a = ig_session_action(&s);
        if (a == IG_ACT_CLOSE)
            break;
        if (a == IG_ACT_STARTTLS && !tls_done) {
            size_t used;
            if (pos < len)
                ig_session_feed(&s, in + pos, len - pos, &used);
            ig_session_tls_started(&s);
            tls_done = 1;
            in = after_tls ? after_tls : "";
            len = strlen(in);
            pos = 0;
            continue;
        }
        if (pos >= len && st != IG_NEED_OUTPUT) /* a paused command resumes on a feed */
            break;
        size_t n = chunk && len - pos > chunk ? chunk : len - pos, used = 0;
        st = ig_session_feed(&s, in + pos, n, &used);
        pos += used;
        drain(&s, mem, ms, o->text, sizeof(o->text) - 1, &o->len, &o->refs, chunk != 0);
        if (st != IG_OK && st != IG_NEED_OUTPUT)
            break;
    }
    drain(&s, mem, ms, o->text, sizeof(o->text) - 1, &o->len, &o->refs, chunk != 0);
    o->text[o->len] = 0;
    o->action = ig_session_action(&s);
    o->discarded = ig_session_discarded(&s);
    o->state = ig_session_state(&s);
    free(mem);
}

typedef void (*setup_fn)(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t);

static void is_bytes(const unsigned char *got, size_t glen, const char *want, size_t wlen,
                     const char *what)
{
    int cond = glen == wlen && memcmp(got, want, wlen) == 0;
    ok(cond, what);
    if (!cond) {
        printf("#   got (%zu):\n", glen);
        fwrite(got, 1, glen, stdout);
        printf("\n#   want (%zu):\n", wlen);
        fwrite(want, 1, wlen, stdout);
        printf("\n");
    }
}

static struct out last, last_bw; /* the runs of the last check: whole, byte by byte */

/* Runs a case fed whole and byte by byte: the output after the greeting must be want
 * (wlen bytes) both times, and the backend's log want_log (NULL: not checked). */
static void check_n(const char *name, setup_fn setup, const char *in, size_t inlen,
                    const char *want, size_t wlen, const char *want_log, const char *after_tls)
{
    struct ig_session_config cfg;
    struct ig_backend bk;
    struct tb t;
    char what[200];
    for (int pass = 0; pass < 2; pass++) {
        struct out *o = pass ? &last_bw : &last;
        ig_session_config_default(&cfg);
        cfg.plaintext_login = 1;
        bk = tb_backend;
        tb_reset(&t);
        if (setup)
            setup(&cfg, &bk, &t);
        drive(&cfg, &bk, &t, in, inlen, pass ? 1 : 0, after_tls, o);
        snprintf(what, sizeof(what), "%s (%s)", name, pass ? "byte by byte" : "whole");
        is_bytes(o->text, o->len, want, wlen, what);
        if (want_log) {
            snprintf(what, sizeof(what), "%s: backend calls (%s)", name,
                     pass ? "byte by byte" : "whole");
            is_str(t.log, want_log, what);
        }
    }
}

static void check(const char *name, setup_fn setup, const char *in, const char *want,
                  const char *want_log)
{
    check_n(name, setup, in, strlen(in), want, strlen(want), want_log, NULL);
}

/* The default session's responses. */
#define CAPS_RW "IMAP4rev1 IMAP4rev2 LITERAL- ENABLE IDLE ID UNSELECT MULTIAPPEND"
#define LOGIN "a LOGIN bob pw\r\n"
#define LOGGED "a OK authenticated\r\n"
#define SELECT_RW                                                                          \
    "* FLAGS (\\Seen \\Deleted)\r\n* 3 EXISTS\r\n* 1 RECENT\r\n"                           \
    "* OK [UIDVALIDITY 42] UIDs valid\r\n* OK [UIDNEXT 4] predicted next UID\r\n"          \
    "* OK [PERMANENTFLAGS (\\Seen \\Deleted)] limited\r\nb OK [READ-WRITE] SELECT completed\r\n"
#define SELECT_RW_E                                                                        \
    "* FLAGS (\\Seen \\Deleted)\r\n* 3 EXISTS\r\n* 1 RECENT\r\n"                           \
    "* OK [UIDVALIDITY 42] UIDs valid\r\n* OK [UIDNEXT 4] predicted next UID\r\n"          \
    "* OK [PERMANENTFLAGS (\\Seen \\Deleted)] limited\r\ne OK [READ-WRITE] SELECT completed\r\n"
#define SELECTED LOGIN "b SELECT INBOX\r\n"
#define SELECTED_OUT LOGGED SELECT_RW


static void b64(const void *in, size_t n, char *out)
{
    static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const unsigned char *p = in;
    size_t k = 0;
    for (size_t i = 0; i < n; i += 3) {
        uint32_t x = (uint32_t)p[i] << 16 | (i + 1 < n ? (uint32_t)p[i + 1] << 8 : 0) |
                     (i + 2 < n ? p[i + 2] : 0);
        out[k++] = a[x >> 18 & 63];
        out[k++] = a[x >> 12 & 63];
        out[k++] = i + 1 < n ? a[x >> 6 & 63] : '=';
        out[k++] = i + 2 < n ? a[x & 63] : '=';
    }
    out[k] = 0;
}

/* ---- the command x state table (session_table.c) ---- */

static void test_table(void)
{
    ok(strcmp(ig_state_name(IG_STATE_NOT_AUTH), "NOT_AUTH") == 0 &&
           strcmp(ig_state_name(IG_STATE_AUTH), "AUTH") == 0 &&
           strcmp(ig_state_name(IG_STATE_SELECTED), "SELECTED") == 0 &&
           strcmp(ig_state_name(IG_STATE_LOGOUT), "LOGOUT") == 0,
       "state names");
    ok(strcmp(ig_state_name(IG_STATE__COUNT), "UNKNOWN") == 0 &&
           strcmp(ig_state_name((enum ig_state)77), "UNKNOWN") == 0,
       "a state out of range is UNKNOWN");
    const struct ig_cmd_rule *other = ig_cmd_rule(IG_CMD_OTHER);
    ok(other->valid == 0 && ig_cmd_rule(IG_CMD__COUNT) == other &&
           ig_cmd_rule((enum ig_cmd)1000) == other,
       "a command out of range has the rule of IG_CMD_OTHER: valid nowhere");
    const struct ig_cmd_rule *login = ig_cmd_rule(IG_CMD_LOGIN);
    ok(login->valid == 1u << IG_STATE_NOT_AUTH && login->next_ok[IG_STATE_NOT_AUTH] == IG_STATE_AUTH &&
           login->next_fail[IG_STATE_NOT_AUTH] == IG_NEXT_SAME,
       "LOGIN: Not Authenticated only; OK leads to Authenticated, NO stays");
    const struct ig_cmd_rule *sel = ig_cmd_rule(IG_CMD_SELECT);
    ok(sel->next_fail[IG_STATE_SELECTED] == IG_STATE_AUTH && sel->next_ok[IG_STATE_AUTH] == IG_STATE_SELECTED,
       "SELECT: a failure while selected leaves no mailbox selected");
    ok(ig_cmd_rule(IG_CMD_DONE)->valid == 0 && ig_cmd_rule(IG_CMD_SASL)->valid == 0,
       "DONE and SASL lines are never valid as commands");
    /* RFC 9051 §3: once authenticated there is no way back (no UNAUTHENTICATE here). */
    int back = 0, from_logout = 0;
    for (int c = 0; c < IG_CMD__COUNT; c++) {
        const struct ig_cmd_rule *r = ig_cmd_rule((enum ig_cmd)c);
        for (int st = IG_STATE_AUTH; st < IG_STATE__COUNT; st++) {
            back += r->next_ok[st] == IG_STATE_NOT_AUTH || r->next_fail[st] == IG_STATE_NOT_AUTH;
            if (st == IG_STATE_LOGOUT)
                from_logout += (r->valid >> st & 1) != 0;
        }
    }
    ok(back == 0, "no command leads from Authenticated, Selected or Logout back to Not Authenticated");
    ok(from_logout == 0, "no command is valid in the Logout state");
    int logout_everywhere = 1;
    for (int st = IG_STATE_NOT_AUTH; st < IG_STATE_LOGOUT; st++)
        logout_everywhere &= (ig_cmd_rule(IG_CMD_LOGOUT)->valid >> st & 1) &&
                             ig_cmd_rule(IG_CMD_LOGOUT)->next_ok[st] == IG_STATE_LOGOUT;
    ok(logout_everywhere, "LOGOUT is valid in every state before Logout and leads there");
}

/* ---- the API with bad arguments and between commands ---- */

static void drain_plain(struct ig_session *s, char *buf, size_t cap)
{
    size_t len = 0;
    for (;;) {
        struct ig_span o = ig_session_output(s);
        if (o.len == 0)
            break;
        size_t k = o.len < cap - 1 - len ? o.len : cap - 1 - len;
        memcpy(buf + len, o.ptr, k);
        len += k;
        ig_session_sent(s, o.len);
    }
    buf[len] = 0;
}

static void test_api(void)
{
    struct ig_session_config cfg;
    struct ig_session s;
    struct tb t;
    char out[1024];
    size_t used = 99;
    ig_session_config_default(&cfg);
    tb_reset(&t);
    size_t ms = ig_session_memsize(NULL);
    unsigned char *mem = malloc(ms + 16);
    ok(ms == ig_session_memsize(&cfg), "memsize(NULL) is the memsize of the defaults");
    ok(ig_session_init(NULL, &cfg, &tb_backend, &t, mem, ms) == IG_E_USAGE, "init: no session");
    ok(ig_session_init(&s, &cfg, NULL, &t, mem, ms) == IG_E_USAGE, "init: no backend");
    ok(ig_session_init(&s, &cfg, &tb_backend, &t, NULL, ms) == IG_E_USAGE, "init: no memory");
    ok(ig_session_init(&s, &cfg, &tb_backend, &t, mem, ms - 1) == IG_E_USAGE, "init: memory too small");
    cfg.output_buffer = 255;
    ok(ig_session_init(&s, &cfg, &tb_backend, &t, mem, ms) == IG_E_USAGE, "init: output buffer under 256");
    ig_session_config_default(&cfg);
    cfg.max_bad_commands = 0;
    ok(ig_session_init(&s, &cfg, &tb_backend, &t, mem, ms) == IG_E_USAGE, "init: no bad command allowed");
    ig_session_config_default(&cfg);
    cfg.limits.max_tag = IG_DEFAULT_MAX_TAG + 1;
    ok(ig_session_init(&s, &cfg, &tb_backend, &t, mem, ms + 16) == IG_E_USAGE,
       "init: tags longer than the session keeps");
    ok(ig_session_init(&s, NULL, &tb_backend, &t, mem + 1, ms) == IG_E_USAGE,
       "init: memory that is not 8-byte aligned (the parser refuses it)");
    ok(ig_session_init(&s, NULL, &tb_backend, &t, mem, ms) == IG_OK, "init with the default configuration");
    ok(ig_session_action(&s) == IG_ACT_NONE, "no action while the greeting is unsent");
    drain_plain(&s, out, sizeof(out));
    is_str(out, "* OK [CAPABILITY IMAP4rev1 IMAP4rev2 LITERAL- STARTTLS LOGINDISABLED SASL-IR ENABLE "
                "IDLE ID UNSELECT MULTIAPPEND] ready\r\n",
           "default configuration: STARTTLS offered, LOGIN disabled before TLS");

    /* NULL everywhere */
    struct ig_span none = ig_session_output(NULL);
    ok(none.ptr == NULL && none.len == 0, "output(NULL) is empty");
    ok(ig_session_state(NULL) == IG_STATE_LOGOUT && ig_session_read_only(NULL) == 0 &&
           ig_session_discarded(NULL) == 0 && ig_session_action(NULL) == IG_ACT_CLOSE,
       "accessors of NULL: Logout, not read-only, nothing discarded, close");
    ok(ig_session_poll(NULL) == IG_E_USAGE, "poll(NULL)");
    ok(ig_session_feed(NULL, "x", 1, &used) == IG_E_USAGE, "feed: no session");
    ok(ig_session_feed(&s, "x", 1, NULL) == IG_E_USAGE, "feed: no used");
    ok(ig_session_feed(&s, NULL, 1, &used) == IG_E_USAGE, "feed: no buffer with a length");
    /* Fixed: feed(s, NULL, 0), which the API allows, did arithmetic on the NULL
     * pointer (UBSan: applying zero offset to null pointer). */
    ok(ig_session_feed(&s, NULL, 0, &used) == IG_OK && used == 0,
       "feed(NULL, 0): no input is no error (was pointer arithmetic on NULL)");
    ig_session_set_trace(NULL, on_trace, NULL);
    ig_session_tls_started(NULL);
    ig_session_sent(NULL, 5);

    /* tls_started without a STARTTLS: ignored, the half-read line survives */
    ok(ig_session_feed(&s, "a NO", 4, &used) == IG_OK && used == 4, "half a line");
    ig_session_tls_started(&s);
    ok(ig_session_feed(&s, "OP\r\n", 4, &used) == IG_OK && used == 4, "the rest of the line");
    drain_plain(&s, out, sizeof(out));
    is_str(out, "a OK NOOP completed\r\n", "tls_started() with no STARTTLS pending changes nothing");

    /* sent() with more than is pending: everything is sent, nothing breaks */
    ok(ig_session_feed(&s, "b NOOP\r\n", 8, &used) == IG_OK, "feed b NOOP");
    struct ig_span o = ig_session_output(&s);
    ok(o.len == 21 && memcmp(o.ptr, "b OK NOOP completed\r\n", 21) == 0, "b NOOP answered");
    ig_session_sent(&s, o.len + 100);
    ok(ig_session_output(&s).len == 0 && ig_session_action(&s) == IG_ACT_NONE &&
           ig_session_read_only(&s) == 0 && ig_session_state(&s) == IG_STATE_NOT_AUTH,
       "sent() past the end: the queue is empty, the session reads on");
    ok(ig_session_poll(&s) == IG_OK && ig_session_output(&s).len == 0 && t.loglen == 0,
       "poll outside Selected: no backend call, no output");
    free(mem);
}

/* ---- capabilities and the greeting ---- */

static void su_caps(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    (void)bk;
    (void)t;
    cfg->imap4rev2 = 0;
    cfg->literal_plus = 1;
    cfg->tls_active = 1;
    cfg->plaintext_login = 0;
    cfg->appendlimit = 12345;
}

static void su_no_starttls(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    (void)bk;
    (void)t;
    cfg->starttls = 0;
    cfg->plaintext_login = 0;
}

static void su_odd_caps(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    (void)cfg;
    (void)t;
    bk->capabilities = "  UIDPLUS   BAD\"CAP X]Y (Z) MOVE  ";
}

static void su_null_caps(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    (void)t;
    cfg->server_name = NULL;
    bk->capabilities = NULL;
}

static void test_capabilities(void)
{
    check("TLS active, rev1 only, LITERAL+, APPENDLIMIT", su_caps,
          "s STARTTLS\r\n" LOGIN "c CAPABILITY\r\nd ENABLE IMAP4rev2\r\n",
          "s BAD TLS is already active\r\n" LOGGED
          "* CAPABILITY IMAP4rev1 LITERAL+ ENABLE IDLE ID UNSELECT MULTIAPPEND APPENDLIMIT=12345 UIDPLUS MOVE\r\n"
          "c OK CAPABILITY completed\r\n* ENABLED\r\nd OK enabled\r\n",
          "login(,bob,pw) enabled(0) ");
    is_str((const char *)last.greeting,
           "* OK [CAPABILITY IMAP4rev1 LITERAL+ AUTH=PLAIN AUTH=LOGIN SASL-IR ENABLE IDLE ID UNSELECT "
           "MULTIAPPEND APPENDLIMIT=12345] ready\r\n",
           "greeting on TLS: no STARTTLS, authentication offered");
    check("STARTTLS not offered", su_no_starttls, "a STARTTLS\r\nb LOGIN bob pw\r\n",
          "a BAD STARTTLS not offered\r\nb NO [PRIVACYREQUIRED] LOGIN needs TLS (LOGINDISABLED)\r\n", "");
    is_str((const char *)last.greeting,
           "* OK [CAPABILITY IMAP4rev1 IMAP4rev2 LITERAL- LOGINDISABLED SASL-IR ENABLE IDLE ID UNSELECT "
           "MULTIAPPEND] ready\r\n",
           "greeting without TLS or STARTTLS: LOGINDISABLED");
    check("backend capabilities: extra spaces, words that are not atoms left out", su_odd_caps,
          LOGIN "c CAPABILITY\r\n",
          LOGGED "* CAPABILITY " CAPS_RW " UIDPLUS MOVE\r\nc OK CAPABILITY completed\r\n", NULL);
    check("no backend capabilities; ID with the default server name", su_null_caps,
          LOGIN "c CAPABILITY\r\nd ID NIL\r\ne ENABLE CONDSTORE\r\n",
          LOGGED "* CAPABILITY " CAPS_RW "\r\nc OK CAPABILITY completed\r\n"
          "* ID (\"name\" \"imapguard\")\r\nd OK ID completed\r\n* ENABLED\r\ne OK enabled\r\n",
          "login(,bob,pw) enabled(0) ");
}

/* Issue 9 item 4: the commands of an extension the backend does not list are unknown
 * to this server: BAD (RFC 9051 §2.2.2), in any state, no backend call, no "+" for a
 * literal. Listed, they reach the backend. A backend without APPEND is offered no
 * MULTIAPPEND or APPENDLIMIT. */
static void su_all_ext(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    (void)cfg;
    (void)t;
    bk->capabilities = "quota ACL METADATA-SERVER SORT THREAD=REFERENCES MULTISEARCH";
}

static void su_no_append(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    (void)t;
    cfg->appendlimit = 100;
    bk->append_begin = NULL;
}

static void test_unoffered_extensions(void)
{
    check("extension commands the backend does not list: BAD, no backend call", NULL,
          LOGIN "c GETQUOTAROOT INBOX\r\nd GETACL {5}\r\ne SETMETADATA INBOX (/private/x NIL)\r\n"
          "f ESEARCH IN (personal) ALL\r\nb SELECT INBOX\r\ng UID SORT (DATE) UTF-8 ALL\r\n"
          "h THREAD REFERENCES UTF-8 ALL\r\ni MYRIGHTS INBOX\r\n",
          LOGGED "c BAD command not supported\r\nd BAD command not supported\r\n"
          "e BAD command not supported\r\nf BAD command not supported\r\n" SELECT_RW
          "g BAD command not supported\r\nh BAD command not supported\r\n"
          "i BAD command not supported\r\n",
          "login(,bob,pw) select(INBOX,0) ");
    check("extension commands the backend lists reach it", su_all_ext,
          LOGIN "c GETQUOTAROOT INBOX\r\nd GETACL INBOX\r\ne GETMETADATA \"\" /shared/x\r\n"
          "f ESEARCH IN (personal) ALL\r\nb SELECT INBOX\r\ng UID SORT (DATE) UTF-8 ALL\r\n"
          "h THREAD REFERENCES UTF-8 ALL\r\n",
          LOGGED "c OK completed\r\nd OK completed\r\ne OK completed\r\nf OK completed\r\n" SELECT_RW
          "g OK completed\r\nh OK completed\r\n",
          "login(,bob,pw) GETQUOTAROOT@0 GETACL@0 GETMETADATA@0 ESEARCH@0 select(INBOX,0) "
          "UID SORT@0 THREAD@0 ");
    check("a backend without APPEND: no MULTIAPPEND or APPENDLIMIT offered", su_no_append,
          LOGIN "c CAPABILITY\r\n",
          LOGGED "* CAPABILITY IMAP4rev1 IMAP4rev2 LITERAL- ENABLE IDLE ID UNSELECT UIDPLUS MOVE\r\n"
          "c OK CAPABILITY completed\r\n", NULL);
}

/* Backend mechanisms: odd spacing, a built-in name, a word that is no atom and one over
 * 64 octets are not advertised; LOGIN stays disabled without TLS. */
static void su_mechs(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    cfg->plaintext_login = 0;
    bk->sasl_mechanisms = " X-STEPS  scram-sha-256 PLAIN x\"y "
                          "X-0123456789012345678901234567890123456789012345678901234567890123 ";
    t->sasl_res[0] = IG_SASL_DONE_OK;
}

static void su_mechs_no_sasl(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    su_mechs(cfg, bk, t);
    bk->sasl = NULL;
}

#define CAPS_TAIL " SASL-IR ENABLE IDLE ID UNSELECT MULTIAPPEND"

static void test_mechanisms(void)
{
    check("backend mechanisms advertised as AUTH= before login (RFC 9051 §6.1.1)", su_mechs,
          "a CAPABILITY\r\n",
          "* CAPABILITY IMAP4rev1 IMAP4rev2 LITERAL- STARTTLS LOGINDISABLED AUTH=X-STEPS "
          "AUTH=scram-sha-256" CAPS_TAIL "\r\na OK CAPABILITY completed\r\n", "");
    is_str((const char *)last.greeting,
           "* OK [CAPABILITY IMAP4rev1 IMAP4rev2 LITERAL- STARTTLS LOGINDISABLED AUTH=X-STEPS "
           "AUTH=scram-sha-256" CAPS_TAIL "] ready\r\n",
           "the greeting lists them too");
    check("a listed mechanism (any case) goes to sasl(); an unlisted one is refused unasked",
          su_mechs, "a AUTHENTICATE X-OTHER\r\nb AUTHENTICATE SCRAM-SHA-256 =\r\n",
          "a NO unsupported authentication mechanism\r\nb OK authenticated\r\n",
          "sasl(SCRAM-SHA-256,0,1,) ");
    check("a list without sasl(): nothing advertised, nothing accepted", su_mechs_no_sasl,
          "a CAPABILITY\r\nb AUTHENTICATE X-STEPS\r\n",
          "* CAPABILITY IMAP4rev1 IMAP4rev2 LITERAL- STARTTLS LOGINDISABLED" CAPS_TAIL
          "\r\na OK CAPABILITY completed\r\nb NO unsupported authentication mechanism\r\n", "");
    check("after login: no AUTH= at all", su_mechs, "a AUTHENTICATE X-STEPS =\r\nb CAPABILITY\r\n",
          "a OK authenticated\r\n* CAPABILITY " CAPS_RW " UIDPLUS MOVE\r\nb OK CAPABILITY completed\r\n",
          "sasl(X-STEPS,0,1,) ");
}

static void test_connection_commands(void)
{
    check("STARTTLS after login: BAD, no handshake, nothing discarded (RFC 9051 §6.2.1)", NULL,
          LOGIN "c STARTTLS\r\nd NOOP\r\n",
          LOGGED "c BAD command not valid in this state\r\nd OK NOOP completed\r\n", "login(,bob,pw) ");
    ok(last.action == IG_ACT_NONE && last.discarded == 0 && last_bw.action == IG_ACT_NONE,
       "STARTTLS after login: no action, no byte discarded");
    check("ID before login (RFC 2971: valid in every state)", NULL,
          "a ID (\"name\" \"client\")\r\nb ID NIL\r\n",
          "* ID (\"name\" \"imapguard\")\r\na OK ID completed\r\n"
          "* ID (\"name\" \"imapguard\")\r\nb OK ID completed\r\n", "");
    is_str(last.trace, "a ID NOT_AUTH>NOT_AUTH 0; b ID NOT_AUTH>NOT_AUTH 0; ", "trace: ID keeps the state");
}

/* ---- the bad-command limit and wrong-state commands ---- */

static void su_two_bad(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    (void)bk;
    (void)t;
    cfg->max_bad_commands = 2;
}

static void test_bad_commands(void)
{
    check("bad-command limit 2: BYE after the second, the rest discarded", su_two_bad,
          "1 x\r\n2 FETCH 1 UID\r\n3 NOOP\r\n4 NOOP\r\n",
          "1 BAD unknown command\r\n2 BAD command not valid in this state\r\n"
          "* BYE too many invalid commands\r\n", "");
    ok(last.action == IG_ACT_CLOSE && last.discarded == 16 && last_bw.action == IG_ACT_CLOSE,
       "bad-command limit: close; the 16 bytes fed with it discarded");
    check("BAD after login is not counted", su_two_bad,
          LOGIN "1 x\r\n2 x\r\n3 x\r\n4 LOGIN bob pw\r\n5 NOOP x\r\n6 NOOP\r\n",
          LOGGED "1 BAD unknown command\r\n2 BAD unknown command\r\n3 BAD unknown command\r\n"
                 "4 BAD command not valid in this state\r\n5 BAD unexpected argument\r\n"
                 "6 OK NOOP completed\r\n", "login(,bob,pw) ");
    check("wrong state: ENABLE while selected, IDLE before login, SELECT before login", NULL,
          "0 IDLE\r\n1 SELECT INBOX\r\n" SELECTED "c ENABLE UTF8=ACCEPT\r\nd LOGIN bob pw\r\n",
          "0 BAD command not valid in this state\r\n1 BAD command not valid in this state\r\n"
          SELECTED_OUT "c BAD command not valid in this state\r\nd BAD command not valid in this state\r\n",
          "login(,bob,pw) select(INBOX,0) ");
    check("COMPRESS is refused", NULL, LOGIN "c COMPRESS DEFLATE\r\n",
          LOGGED "c NO compression is not offered\r\n", NULL);
}

/* ---- SASL ---- */

/* AUTHENTICATE PLAIN with the message raw[0..n) as initial response. */
static void plain_case(const char *name, const char *raw, size_t n, const char *want,
                       const char *want_log)
{
    static char in[2048];
    memcpy(in, "a AUTHENTICATE PLAIN ", 21);
    b64(raw, n, in + 21);
    strcat(in, "\r\n");
    check(name, NULL, in, want, want_log);
}

#define MALFORMED "a BAD malformed PLAIN response\r\n"
#define AUTHFAIL "a NO [AUTHENTICATIONFAILED] authentication failed\r\n"

static void test_plain(void)
{
    char raw[700], log[800];
    plain_case("PLAIN without NUL", "bob", 3, MALFORMED, "");
    plain_case("PLAIN with one NUL", "\0bob", 4, MALFORMED, "");
    plain_case("PLAIN with three NULs", "\0bob\0pw\0x", 9, MALFORMED, "");
    plain_case("PLAIN with an empty user", "\0\0pw", 4, MALFORMED, "");
    plain_case("PLAIN with an empty password", "\0bob\0", 5, MALFORMED, "");
    /* RFC 4616 §2: each part at most 255 octets */
    memset(raw, 'z', 256);
    memcpy(raw + 256, "\0bob\0pw", 7);
    plain_case("PLAIN authzid of 256 octets", raw, 263, MALFORMED, "");
    memcpy(raw + 255, "\0bob\0pw", 7);
    snprintf(log, sizeof(log), "login(%.255s,bob,pw) ", raw);
    plain_case("PLAIN authzid of 255 octets", raw, 262, "a OK authenticated\r\n", log);
    raw[0] = 0;
    memset(raw + 1, 'u', 256);
    memcpy(raw + 257, "\0pw", 3);
    plain_case("PLAIN user of 256 octets", raw, 260, MALFORMED, "");
    memcpy(raw, "\0bob\0", 5);
    memset(raw + 5, 'p', 256);
    plain_case("PLAIN password of 256 octets", raw, 261, MALFORMED, "");
    snprintf(log, sizeof(log), "login(,bob,%.255s) ", raw + 5);
    plain_case("PLAIN password of 255 octets, wrong", raw, 260, AUTHFAIL, log);
    plain_case("PLAIN authzid with a control byte: never reaches the backend", "\001x\0bob\0pw", 9,
               AUTHFAIL, "");
    plain_case("PLAIN password with DEL: never reaches the backend", "\0bob\0p\177", 7, AUTHFAIL, "");
    plain_case("PLAIN with an authzid", "admin\0bob\0pw", 12, "a OK authenticated\r\n",
               "login(admin,bob,pw) ");
}

static void su_no_login(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    (void)cfg;
    (void)t;
    bk->login = NULL;
}

static void su_no_tls(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    (void)bk;
    (void)t;
    cfg->plaintext_login = 0;
}

/* X-STEPS: challenges of 1, 2 and 3 octets (every base64 padding), then success. */
static void su_steps(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    (void)bk;
    cfg->plaintext_login = 0; /* the backend's mechanisms decide about TLS themselves */
    t->sasl_res[0] = t->sasl_res[1] = t->sasl_res[2] = IG_SASL_CONTINUE;
    t->sasl_chal[0] = "a";
    t->sasl_chal_len[0] = 1;
    t->sasl_chal[1] = "ab";
    t->sasl_chal_len[1] = 2;
    t->sasl_chal[2] = "abc";
    t->sasl_chal_len[2] = 3;
    t->sasl_res[3] = IG_SASL_DONE_OK;
}

/* An empty challenge, then a refusal. */
static void su_empty_chal(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    (void)cfg;
    (void)bk;
    t->sasl_res[0] = IG_SASL_CONTINUE;
    t->sasl_chal[0] = "";
    t->sasl_chal_len[0] = 0;
    t->sasl_res[1] = IG_SASL_DONE_NO;
}

static void su_unsupported(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    (void)cfg;
    (void)bk;
    t->sasl_res[0] = IG_SASL_UNSUPPORTED;
}

static char big_chal[600];

static void su_big_chal(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    (void)cfg;
    (void)bk;
    t->sasl_res[0] = IG_SASL_CONTINUE;
    t->sasl_chal[0] = big_chal;
    t->sasl_chal_len[0] = 512;
}

static void su_huge_chal(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    su_big_chal(cfg, bk, t);
    t->sasl_chal_len[0] = 513; /* more than struct ig_sasl_step holds */
}

static void su_short_sasl(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    (void)bk;
    (void)t;
    cfg->limits.max_sasl_line = 16;
}

static void test_sasl(void)
{
    char in[800], want[1000], log[800];
    check("LOGIN with a backend that has no login()", su_no_login, LOGIN, AUTHFAIL, "");
    check("LOGIN with an empty user name", NULL, "a LOGIN \"\" pw\r\n", AUTHFAIL, "");
    check("LOGIN with a control byte in a literal password", NULL, "a LOGIN bob {3}\r\np\001w\r\n",
          "+ ready for literal data\r\n" AUTHFAIL, "");
    check("AUTHENTICATE LOGIN with SASL-IR: the user name in the initial response", NULL,
          "a AUTHENTICATE LOGIN Ym9i\r\ncHc=\r\n", "+ UGFzc3dvcmQ6\r\na OK authenticated\r\n",
          "login(,bob,pw) ");
    check("AUTHENTICATE LOGIN without TLS", su_no_tls, "a AUTHENTICATE LOGIN\r\n",
          "a NO [PRIVACYREQUIRED] plaintext authentication needs TLS\r\n", "");
    check("AUTHENTICATE LOGIN cancelled at the password", NULL,
          "a AUTHENTICATE LOGIN\r\nYm9i\r\n*\r\nb LOGIN bob pw\r\n",
          "+ VXNlcm5hbWU6\r\n+ UGFzc3dvcmQ6\r\na BAD AUTHENTICATE cancelled\r\nb OK authenticated\r\n",
          "login(,bob,pw) ");
    /* Fixed: the cancel was traced as command OTHER; an invalid response line was
     * traced as AUTHENTICATE. Both are the end of the AUTHENTICATE command now. */
    is_str(last.trace, "a AUTHENTICATE NOT_AUTH>NOT_AUTH 2; b LOGIN NOT_AUTH>AUTH 0; ",
           "trace: the cancelled exchange is the AUTHENTICATE command, under its tag");
    /* a user name of 256 octets fits, 257 does not */
    char user[300];
    memset(user, 'u', 257);
    strcpy(in, "a AUTHENTICATE LOGIN ");
    b64(user, 256, in + strlen(in));
    strcat(in, "\r\ncHc=\r\n");
    snprintf(log, sizeof(log), "login(,%.256s,pw) ", user);
    check("AUTHENTICATE LOGIN with a 256-octet user name", NULL, in, "+ UGFzc3dvcmQ6\r\n" AUTHFAIL, log);
    strcpy(in, "a AUTHENTICATE LOGIN ");
    b64(user, 257, in + strlen(in));
    strcat(in, "\r\nb NOOP\r\n");
    check("AUTHENTICATE LOGIN with a 257-octet user name", NULL, in, AUTHFAIL "b OK NOOP completed\r\n", "");

    check("backend mechanism: challenges of 1, 2, 3 and 0 octets, no TLS needed", su_steps,
          "a AUTHENTICATE X-STEPS\r\neA==\r\neHk=\r\n\r\nb CAPABILITY\r\n",
          "+ YQ==\r\n+ YWI=\r\n+ YWJj\r\na OK authenticated\r\n* CAPABILITY " CAPS_RW
          " UIDPLUS MOVE\r\nb OK CAPABILITY completed\r\n",
          "sasl(X-STEPS,0,0,) sasl(X-STEPS,1,1,x) sasl(X-STEPS,2,1,xy) sasl(X-STEPS,3,1,) ");
    check("backend mechanism: initial response, empty challenge, refused", su_empty_chal,
          "a AUTHENTICATE X-TWO AQID\r\n\r\n", "+ \r\n" AUTHFAIL,
          "sasl(X-TWO,0,1,\\x01\\x02\\x03) sasl(X-TWO,1,1,) ");
    check("backend mechanism it does not support after all", su_unsupported,
          "a AUTHENTICATE X-NOPE\r\n", "a NO unsupported authentication mechanism\r\n",
          "sasl(X-NOPE,0,0,) ");
    /* the longest challenge: 512 octets, 684 base64 characters */
    memset(big_chal, 0xff, sizeof(big_chal));
    strcpy(want, "+ ");
    for (int i = 0; i < 170; i++)
        strcat(want, "////");
    strcat(want, "//8=\r\na BAD AUTHENTICATE cancelled\r\n");
    check("backend mechanism: a 512-octet challenge, then cancelled", su_big_chal,
          "a AUTHENTICATE X-BIG\r\n*\r\n", want, "sasl(X-BIG,0,0,) ");
    check("backend mechanism: a challenge longer than the step holds fails", su_huge_chal,
          "a AUTHENTICATE X-BIG\r\n", AUTHFAIL, "sasl(X-BIG,0,0,) ");
    /* mechanism names: 64 octets are kept, 65 are refused without asking the backend */
    char mech[70];
    memset(mech, 'M', 65);
    mech[65] = 0;
    snprintf(in, sizeof(in), "a AUTHENTICATE %s\r\n", mech);
    check("a 65-octet mechanism name", su_unsupported, in,
          "a NO unsupported authentication mechanism\r\n", "");
    mech[64] = 0;
    snprintf(in, sizeof(in), "a AUTHENTICATE %s\r\n", mech);
    snprintf(log, sizeof(log), "sasl(%s,0,0,) ", mech);
    check("a 64-octet mechanism name", su_unsupported, in,
          "a NO unsupported authentication mechanism\r\n", log);
    check("a SASL response line over max_sasl_line", su_short_sasl,
          "a AUTHENTICATE PLAIN\r\nAGJvYgBwdwAAAAAAAAAAAAAA\r\nb NOOP\r\n",
          "+ \r\na BAD command line too long\r\nb OK NOOP completed\r\n", "");
}

/* ---- ENABLE ---- */

static void su_condstore(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    (void)cfg;
    (void)t;
    bk->capabilities = "UIDPLUS CONDSTORE QRESYNC";
}

static void su_lookalike(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    (void)cfg;
    (void)t;
    bk->capabilities = "XCONDSTORE QRESYNC-LIKE";
    bk->enabled = NULL;
}

static void test_enable(void)
{
    check("ENABLE everything, twice over", su_condstore,
          LOGIN "b ENABLE CONDSTORE QRESYNC CONDSTORE UTF8=ACCEPT IMAP4rev2 X-OTHER\r\n"
                "c ENABLE QRESYNC\r\n",
          LOGGED "* ENABLED CONDSTORE QRESYNC UTF8=ACCEPT IMAP4rev2\r\nb OK enabled\r\n"
                 "* ENABLED\r\nc OK enabled\r\n",
          "login(,bob,pw) enabled(15) enabled(15) ");
    /* Fixed: the backend's list was searched with strstr, so "XCONDSTORE" enabled
     * CONDSTORE; only a whole capability word counts. */
    check("ENABLE CONDSTORE needs the whole word in the backend's list", su_lookalike,
          LOGIN "b ENABLE CONDSTORE QRESYNC\r\n", LOGGED "* ENABLED\r\nb OK enabled\r\n",
          "login(,bob,pw) ");
}

/* ---- SELECT / EXAMINE ---- */

static const struct ig_span list_attrs[2] = {{(const unsigned char *)"\\HasNoChildren", 14},
                                             {(const unsigned char *)"\\Marked", 7}};

static void su_rev2_list(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    (void)cfg;
    (void)bk;
    t->info.list_name.ptr = (const unsigned char *)"INBOX";
    t->info.list_name.len = 5;
    t->info.list_attrs.n = 2;
    t->info.list_attrs.v = list_attrs;
    t->info.delimiter = '/';
    t->info.first_unseen = 2; /* rev2 has no UNSEEN */
}

static void su_rev2_bare(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    (void)cfg;
    (void)bk;
    t->info.list_name.ptr = (const unsigned char *)"Sent Items";
    t->info.list_name.len = 10;
}

static void su_rev1_extras(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    (void)cfg;
    (void)bk;
    t->info.first_unseen = 2;
    t->info.permanent_any = 1;
    t->info.highestmodseq = 77; /* not asked for: not sent */
    t->info.list_name.ptr = (const unsigned char *)"INBOX"; /* rev1: no LIST */
    t->info.list_name.len = 5;
}

static void su_modseq(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    su_condstore(cfg, bk, t);
    t->info.highestmodseq = 77;
}

static void su_ro(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    (void)cfg;
    (void)bk;
    t->info.read_only = 1;
    t->info.permanent_any = 1;
}

static void su_no_select(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    (void)cfg;
    (void)t;
    bk->select = NULL;
}

static void su_select_bad(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    (void)cfg;
    (void)bk;
    t->select_st = IG_BK_BAD;
    t->select_text = "bad mailbox name";
}

static void su_select_no(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    (void)cfg;
    (void)bk;
    t->select_st = IG_BK_NO;
    t->select_code = "NONEXISTENT";
}

static void su_no_unselect(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    (void)cfg;
    (void)t;
    bk->unselect = NULL;
    bk->poll = NULL;
}

#define UIDS "* OK [UIDVALIDITY 42] UIDs valid\r\n* OK [UIDNEXT 4] predicted next UID\r\n"
#define READ_ONLY_FLAGS "* OK [PERMANENTFLAGS ()] no permanent flags permitted\r\n"

static void test_select(void)
{
    /* Fixed: a malformed SELECT while Selected left the state (the table says a failed
     * SELECT selects nothing) without telling the backend or sending [CLOSED]. */
    check("a malformed SELECT / EXAMINE while selected: unselect(0), [CLOSED], then BAD", NULL,
          SELECTED "c SELECT\r\nd FETCH 1 UID\r\ne SELECT INBOX\r\nf EXAMINE INBOX (x\r\n",
          SELECTED_OUT "* OK [CLOSED] previous mailbox closed\r\nc BAD mailbox missing\r\n"
          "d BAD command not valid in this state\r\n" SELECT_RW_E
          "* OK [CLOSED] previous mailbox closed\r\nf BAD unbalanced parenthesis\r\n",
          "login(,bob,pw) select(INBOX,0) unselect(0) select(INBOX,0) unselect(0) ");
    is_str(last.trace, "a LOGIN NOT_AUTH>AUTH 0; b SELECT AUTH>SELECTED 0; c SELECT SELECTED>AUTH 2; "
           "d FETCH AUTH>AUTH 2; e SELECT AUTH>SELECTED 0; f EXAMINE SELECTED>AUTH 2; ",
           "trace: each malformed SELECT / EXAMINE leaves Selected");
    check("IMAP4rev2 SELECT: LIST with attributes and delimiter, no RECENT, no UNSEEN", su_rev2_list,
          LOGIN "b ENABLE IMAP4rev2\r\nc SELECT INBOX\r\n",
          LOGGED "* ENABLED IMAP4rev2\r\nb OK enabled\r\n* FLAGS (\\Seen \\Deleted)\r\n"
          "* LIST (\\HasNoChildren \\Marked) \"/\" INBOX\r\n* 3 EXISTS\r\n" UIDS
          "* OK [PERMANENTFLAGS (\\Seen \\Deleted)] limited\r\nc OK [READ-WRITE] SELECT completed\r\n",
          "login(,bob,pw) enabled(8) select(INBOX,0) ");
    check("IMAP4rev2 SELECT: LIST without attributes or delimiter", su_rev2_bare,
          LOGIN "b ENABLE IMAP4rev2\r\nc EXAMINE \"Sent Items\"\r\n",
          LOGGED "* ENABLED IMAP4rev2\r\nb OK enabled\r\n* FLAGS (\\Seen \\Deleted)\r\n"
          "* LIST () NIL \"Sent Items\"\r\n* 3 EXISTS\r\n" UIDS READ_ONLY_FLAGS
          "c OK [READ-ONLY] EXAMINE completed\r\n",
          "login(,bob,pw) enabled(8) select(Sent\\x20Items,1) ");
    check("IMAP4rev2 SELECT without a LIST name: no LIST", NULL,
          LOGIN "b ENABLE IMAP4rev2\r\nc SELECT INBOX\r\n",
          LOGGED "* ENABLED IMAP4rev2\r\nb OK enabled\r\n* FLAGS (\\Seen \\Deleted)\r\n* 3 EXISTS\r\n" UIDS
          "* OK [PERMANENTFLAGS (\\Seen \\Deleted)] limited\r\nc OK [READ-WRITE] SELECT completed\r\n",
          NULL);
    check("rev1 SELECT: UNSEEN, \\* in PERMANENTFLAGS, no HIGHESTMODSEQ unasked", su_rev1_extras,
          SELECTED,
          LOGGED "* FLAGS (\\Seen \\Deleted)\r\n* 3 EXISTS\r\n* OK [UNSEEN 2] first unseen\r\n"
          "* 1 RECENT\r\n" UIDS "* OK [PERMANENTFLAGS (\\Seen \\Deleted \\*)] limited\r\n"
          "b OK [READ-WRITE] SELECT completed\r\n", NULL);
    check("HIGHESTMODSEQ after ENABLE CONDSTORE", su_modseq,
          LOGIN "b ENABLE CONDSTORE\r\nc SELECT INBOX\r\n",
          LOGGED "* ENABLED CONDSTORE\r\nb OK enabled\r\n* FLAGS (\\Seen \\Deleted)\r\n* 3 EXISTS\r\n"
          "* 1 RECENT\r\n" UIDS "* OK [PERMANENTFLAGS (\\Seen \\Deleted)] limited\r\n"
          "* OK [HIGHESTMODSEQ 77] highest\r\nc OK [READ-WRITE] SELECT completed\r\n", NULL);
    check("HIGHESTMODSEQ after SELECT (CONDSTORE), not after another parameter", su_modseq,
          LOGIN "b SELECT INBOX (CONDSTORE)\r\nc SELECT INBOX (X-FOO)\r\n",
          LOGGED "* FLAGS (\\Seen \\Deleted)\r\n* 3 EXISTS\r\n"
          "* 1 RECENT\r\n" UIDS "* OK [PERMANENTFLAGS (\\Seen \\Deleted)] limited\r\n"
          "* OK [HIGHESTMODSEQ 77] highest\r\nb OK [READ-WRITE] SELECT completed\r\n"
          "* OK [CLOSED] previous mailbox closed\r\n* FLAGS (\\Seen \\Deleted)\r\n* 3 EXISTS\r\n"
          "* 1 RECENT\r\n" UIDS "* OK [PERMANENTFLAGS (\\Seen \\Deleted)] limited\r\n"
          "c OK [READ-WRITE] SELECT completed\r\n",
          "login(,bob,pw) select(INBOX,0) unselect(0) select(INBOX,0) ");
    check("the backend makes SELECT read-only: every write refused, CLOSE does not expunge", su_ro,
          SELECTED "c STORE 1 +FLAGS (\\Seen)\r\nd EXPUNGE\r\ne UID STORE 1 FLAGS ()\r\n"
                   "f UID EXPUNGE 1\r\ng MOVE 1 Trash\r\nh UID MOVE 1 Trash\r\ni FETCH 1 UID\r\n"
                   "j CLOSE\r\nk FETCH 1 UID\r\n",
          LOGGED "* FLAGS (\\Seen \\Deleted)\r\n* 3 EXISTS\r\n* 1 RECENT\r\n" UIDS READ_ONLY_FLAGS
          "b OK [READ-ONLY] SELECT completed\r\n"
          "c NO [READ-ONLY] mailbox is read-only\r\nd NO [READ-ONLY] mailbox is read-only\r\n"
          "e NO [READ-ONLY] mailbox is read-only\r\nf NO [READ-ONLY] mailbox is read-only\r\n"
          "g NO [READ-ONLY] mailbox is read-only\r\nh NO [READ-ONLY] mailbox is read-only\r\n"
          "i OK completed\r\nj OK CLOSE completed\r\nk BAD command not valid in this state\r\n",
          "login(,bob,pw) select(INBOX,0) FETCH@0 unselect(0) ");
    check("read-write CLOSE expunges; UNSELECT does not", NULL,
          SELECTED "c CLOSE\r\nd SELECT INBOX\r\ne UNSELECT\r\n",
          SELECTED_OUT "c OK CLOSE completed\r\n" "* FLAGS (\\Seen \\Deleted)\r\n* 3 EXISTS\r\n"
          "* 1 RECENT\r\n" UIDS "* OK [PERMANENTFLAGS (\\Seen \\Deleted)] limited\r\n"
          "d OK [READ-WRITE] SELECT completed\r\ne OK UNSELECT completed\r\n",
          "login(,bob,pw) select(INBOX,0) unselect(1) select(INBOX,0) unselect(0) ");
    check("a backend without select()", su_no_select, SELECTED "c FETCH 1 UID\r\n",
          LOGGED "b NO no such mailbox\r\nc BAD command not valid in this state\r\n", "login(,bob,pw) ");
    check("select() answers BAD with a text", su_select_bad, SELECTED,
          LOGGED "b BAD bad mailbox name\r\n", "login(,bob,pw) select(INBOX,0) ");
    check("select() answers NO with a code and no text", su_select_no, SELECTED,
          LOGGED "b NO [NONEXISTENT] no such mailbox\r\n", "login(,bob,pw) select(INBOX,0) ");
    check("no unselect(), no poll(): SELECT twice, NOOP, CLOSE, SELECT, LOGOUT", su_no_unselect,
          SELECTED "c SELECT INBOX\r\nd NOOP\r\ne CLOSE\r\nf SELECT INBOX\r\ng LOGOUT\r\n",
          SELECTED_OUT "* OK [CLOSED] previous mailbox closed\r\n* FLAGS (\\Seen \\Deleted)\r\n* 3 EXISTS\r\n"
          "* 1 RECENT\r\n" UIDS "* OK [PERMANENTFLAGS (\\Seen \\Deleted)] limited\r\n"
          "c OK [READ-WRITE] SELECT completed\r\nd OK NOOP completed\r\ne OK CLOSE completed\r\n"
          "* FLAGS (\\Seen \\Deleted)\r\n* 3 EXISTS\r\n"
          "* 1 RECENT\r\n" UIDS "* OK [PERMANENTFLAGS (\\Seen \\Deleted)] limited\r\n"
          "f OK [READ-WRITE] SELECT completed\r\n* BYE logging out\r\ng OK LOGOUT completed\r\n",
          "login(,bob,pw) select(INBOX,0) select(INBOX,0) select(INBOX,0) ");
}

/* ---- backend answers ---- */

static enum ig_bk_status cmd_answers(struct tb *t, const struct ig_command *cmd, struct ig_writer *w,
                                     uint64_t *cursor, struct ig_bk_reply *reply)
{
    (void)t;
    (void)w;
    (void)cursor;
    switch (cmd->cmd) {
    case IG_CMD_CREATE: /* BAD, no text */
        return IG_BK_BAD;
    case IG_CMD_DELETE: /* NO with an empty code and an empty text */
        reply->code = "";
        reply->text = "";
        return IG_BK_NO;
    case IG_CMD_RENAME: /* OK with a built code, no text */
        snprintf(reply->code_buf, sizeof(reply->code_buf), "X-CODE %d", 5);
        reply->code = reply->code_buf;
        return IG_BK_OK;
    default: /* a code holding "]" and a control byte: masked */
        reply->code = "ALERT]\001";
        reply->text = "line\r\nbreak";
        return IG_BK_NO;
    }
}

static void su_answers(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    (void)cfg;
    (void)bk;
    t->command = cmd_answers;
    t->poll_lines = 1;
}

static void su_no_command(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    (void)cfg;
    (void)t;
    bk->command = NULL;
}

static void test_answers(void)
{
    check("backend answers: BAD, NO with empty code and text, OK with a code, masked code and text",
          su_answers, LOGIN "c CREATE x\r\nd DELETE x\r\ne RENAME x y\r\nf LIST \"\" *\r\n",
          LOGGED "c BAD failed\r\nd NO done\r\ne OK [X-CODE 5] completed\r\nf NO [ALERT??] line??break\r\n",
          "login(,bob,pw) CREATE@0 DELETE@0 RENAME@0 LIST@0 ");
    check("a backend without command()", su_no_command, LOGIN "c LIST \"\" *\r\n", LOGGED "c NO failed\r\n",
          "login(,bob,pw) ");
    check("NOOP polls only in Selected; LOGOUT leaves the mailbox", su_answers,
          LOGIN "c NOOP\r\nb SELECT INBOX\r\nd NOOP\r\ne LOGOUT\r\nf NOOP\r\n",
          LOGGED "c OK NOOP completed\r\n" SELECT_RW "* 4 EXISTS\r\nd OK NOOP completed\r\n"
          "* BYE logging out\r\ne OK LOGOUT completed\r\n",
          "login(,bob,pw) select(INBOX,0) poll unselect(0) ");
    ok(last.action == IG_ACT_CLOSE && last.state == IG_STATE_LOGOUT && last.discarded == 8 &&
           last_bw.action == IG_ACT_CLOSE,
       "LOGOUT: close, the NOOP after it discarded");
}

/* ---- APPEND ---- */

static void su_no_begin(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    (void)cfg;
    (void)t;
    bk->append_begin = NULL;
}

static void su_begin_bad(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    (void)cfg;
    (void)bk;
    t->begin_st[0] = IG_BK_BAD;
}

static void su_second_no(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    (void)cfg;
    (void)bk;
    t->begin_st[1] = IG_BK_NO;
}

static void su_second_no_noend(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    su_second_no(cfg, bk, t);
    bk->append_end = NULL;
}

static void su_no_end(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    (void)cfg;
    (void)t;
    bk->append_end = NULL;
}

static void su_no_data(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    (void)cfg;
    (void)t;
    bk->append_data = NULL;
}

static void su_end_more(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    (void)cfg;
    (void)bk;
    t->end_st = IG_BK_MORE; /* not an answer append_end() may give: taken as NO */
    t->end_code = NULL;
}

static void su_end_text(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    (void)cfg;
    (void)bk;
    t->end_text = "stored";
    t->poll_lines = 1;
}

static void su_end_nopoll(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    (void)cfg;
    (void)t;
    bk->poll = NULL;
}

#define CONT "+ ready for literal data\r\n"

static void test_append(void)
{
    check("APPEND with a backend without append_begin(): refused, no continuation", su_no_begin,
          LOGIN "b APPEND INBOX {5}\r\nc NOOP\r\n", LOGGED "b NO APPEND refused\r\nc OK NOOP completed\r\n",
          "login(,bob,pw) ");
    check("APPEND refused with BAD by the backend", su_begin_bad, LOGIN "b APPEND INBOX {5}\r\nc NOOP\r\n",
          LOGGED "b BAD [TRYCREATE] bad message\r\nc OK NOOP completed\r\n", "login(,bob,pw) begin(INBOX) ");
    /* Fixed: append_end(0) was handed the reply of the refusal, so whatever it set
     * (here APPENDUID) replaced the refusal's code (TRYCREATE). */
    check("MULTIAPPEND: the second message refused, the first dropped; the refusal's code kept",
          su_second_no,
          LOGIN "b APPEND INBOX {1}\r\nx {1}\r\nc NOOP\r\n",
          LOGGED CONT "b NO [TRYCREATE] APPEND refused\r\nc OK NOOP completed\r\n",
          "login(,bob,pw) begin(INBOX) begin(INBOX) end(0,1) ");
    check("MULTIAPPEND refused, backend without append_end()", su_second_no_noend,
          LOGIN "b APPEND INBOX {1}\r\nx {1}\r\nc NOOP\r\n",
          LOGGED CONT "b NO [TRYCREATE] APPEND refused\r\nc OK NOOP completed\r\n",
          "login(,bob,pw) begin(INBOX) begin(INBOX) ");
    check("MULTIAPPEND of two messages, the second non-synchronizing", NULL,
          LOGIN "b APPEND INBOX (\\Seen) {1}\r\nx {3+}\r\nyyy\r\n",
          LOGGED CONT "b OK [APPENDUID 42 4] APPEND completed\r\n",
          "login(,bob,pw) begin(INBOX) begin(INBOX) end(1,4) ");
    check("APPEND without append_end(): it cannot complete", su_no_end, LOGIN "b APPEND INBOX {2}\r\nhi\r\n",
          LOGGED CONT "b NO APPEND failed\r\n", "login(,bob,pw) begin(INBOX) ");
    check("APPEND to a backend without append_data(): the octets are consumed, not passed on", su_no_data,
          LOGIN "b APPEND INBOX {2}\r\nhi\r\nc NOOP\r\n",
          LOGGED CONT "b OK [APPENDUID 42 4] APPEND completed\r\nc OK NOOP completed\r\n",
          "login(,bob,pw) begin(INBOX) end(1,0) ");
    check("append_end() answering MORE is a failure", su_end_more, LOGIN "b APPEND INBOX {2}\r\nhi\r\n",
          LOGGED CONT "b NO APPEND failed\r\n", "login(,bob,pw) begin(INBOX) end(1,2) ");
    check("APPEND to the selected mailbox: EXISTS at once, the backend's text", su_end_text,
          SELECTED "c APPEND INBOX {2}\r\nhi\r\n",
          SELECTED_OUT CONT "* 4 EXISTS\r\nc OK [APPENDUID 42 4] stored\r\n",
          "login(,bob,pw) select(INBOX,0) begin(INBOX) end(1,2) poll ");
    check("APPEND while selected, backend without poll()", su_end_nopoll, SELECTED "c APPEND INBOX {2}\r\nhi\r\n",
          SELECTED_OUT CONT "c OK [APPENDUID 42 4] APPEND completed\r\n",
          "login(,bob,pw) select(INBOX,0) begin(INBOX) end(1,2) ");
    static const char nul_in[] = LOGIN "b APPEND INBOX {3}\r\na\0b\r\nc NOOP\r\n";
    static const char nul_out[] = LOGGED CONT "b BAD NUL in literal (only literal8 may carry NUL)\r\n"
                                  "c OK NOOP completed\r\n";
    check_n("APPEND message with a NUL: the append is dropped", NULL, nul_in, sizeof(nul_in) - 1, nul_out,
            sizeof(nul_out) - 1, "login(,bob,pw) begin(INBOX) end(0,1) ", NULL);
    check_n("APPEND message with a NUL, backend without append_end()", su_no_end, nul_in, sizeof(nul_in) - 1,
            nul_out, sizeof(nul_out) - 1, "login(,bob,pw) begin(INBOX) ", NULL);
}

/* ---- parser errors, STARTTLS, IDLE ---- */

static void test_errors(void)
{
    check("a literal size that cannot be skipped: BYE, nothing more read", NULL,
          "a NOOP {99999999999999999999+}\r\nb NOOP\r\n",
          "* BYE [TOOBIG] literal size out of range; the stream cannot be resynchronized\r\n", "");
    ok(last.action == IG_ACT_CLOSE, "fatal parser error: close");
    char in[200], want[200];
    memset(in, 't', 70);
    strcpy(in + 70, " NOOP\r\nb NOOP\r\n");
    snprintf(want, sizeof(want), "* BAD tag too long\r\nb OK NOOP completed\r\n");
    check("a tag longer than max_tag", NULL, in, want, "");
    /* RFC 7888 §4-5: an over-size non-synchronizing literal is refused with TOOBIG. The
     * octets are skipped, the next command runs. */
    static char big[8400];
    snprintf(big, sizeof(big), "a APPEND INBOX {4097+}\r\n%4097d\r\nb LOGIN {4097+}\r\n%4097d pw\r\nc NOOP\r\n", 1, 2);
    check("non-synchronizing literals over 4096 octets (LITERAL-): BAD [TOOBIG]", NULL, big,
          "a BAD [TOOBIG] non-synchronizing literal too large\r\n"
          "b BAD [TOOBIG] non-synchronizing literal too large\r\nc OK NOOP completed\r\n", "");
    check("a string literal over max_string_literal: BAD [TOOBIG], no continuation", NULL,
          "a LOGIN {99999}\r\nb NOOP\r\n", "a BAD [TOOBIG] literal too large\r\nb OK NOOP completed\r\n", "");
    check("STARTTLS: pipelined plaintext discarded and counted once in the trace", su_no_tls,
          "a STARTTLS\r\nb LOGIN bob pw\r\n", "a OK begin TLS negotiation now\r\n", "");
    ok(last.discarded == 16 && last_bw.discarded == 16, "STARTTLS: 16 plaintext bytes discarded");
    check_n("after the handshake: a fresh parser, authentication offered", su_no_tls,
            "a STARTTLS\r\nb LOG", 17,
            "a OK begin TLS negotiation now\r\n* CAPABILITY IMAP4rev1 IMAP4rev2 LITERAL- AUTH=PLAIN "
            "AUTH=LOGIN SASL-IR ENABLE IDLE ID UNSELECT MULTIAPPEND\r\nc OK CAPABILITY completed\r\n",
            strlen("a OK begin TLS negotiation now\r\n* CAPABILITY IMAP4rev1 IMAP4rev2 LITERAL- "
                   "AUTH=PLAIN AUTH=LOGIN SASL-IR ENABLE IDLE ID UNSELECT MULTIAPPEND\r\nc OK "
                   "CAPABILITY completed\r\n"),
            "", "c CAPABILITY\r\n");
    is_str(last.trace, "a STARTTLS NOT_AUTH>NOT_AUTH 0; action 1 discarded 5; c CAPABILITY NOT_AUTH>NOT_AUTH 0; ",
           "trace: one STARTTLS event with the discarded count (whole)");
    is_str(last_bw.trace, last.trace, "trace: the same byte by byte");
    check("IDLE: a syntax error inside ends it under the IDLE tag", NULL,
          LOGIN "b IDLE\r\nDONE x\r\nc NOOP\r\n",
          LOGGED "+ idling\r\nb BAD expected DONE\r\nc OK NOOP completed\r\n", NULL);
    is_str(last.trace, "a LOGIN NOT_AUTH>AUTH 0; b IDLE AUTH>AUTH 2; c NOOP AUTH>AUTH 0; ",
           "trace: the failed IDLE");
}

/* ---- the response writer ---- */

static unsigned char body[1100]; /* 'x' octets for long strings and literals */

static struct ig_span sp(const char *s)
{
    struct ig_span v = {(const unsigned char *)s, strlen(s)};
    return v;
}

static struct ig_span sp_n(const void *p, size_t n)
{
    struct ig_span v = {p, n};
    return v;
}

enum {
    W_STRINGS, W_NUL, W_LONG, W_ASTRING, W_ATOMS, W_LISTS, W_CODE_TEXT, W_LITERALS, W_DATES,
    W_SETS, W_BAD_SET, W_BAD_NAME, W_OVERFLOW, W_OVERFLOW_MORE, W_FILL, W_REFS17, W_FULL_REFS,
    W_SPLIT
};

static const struct ig_str from_field = {{(const unsigned char *)"FROM", 4}, 0, 0};

static void w_items(struct tb *t, struct ig_writer *w, uint64_t cursor)
{
    switch (t->mode) {
    case W_STRINGS:
        ig_w_string(w, sp(""));
        ig_w_string(w, sp("plain"));
        ig_w_string(w, sp("a\"b\\c"));
        ig_w_string(w, sp("a\r\nb"));
        ig_w_string(w, sp("a\nb"));
        ig_w_string(w, sp("caf\xc3\xa9"));
        ig_w_nstring(w, NULL);
        {
            struct ig_span x = sp("x");
            ig_w_nstring(w, &x);
        }
        break;
    case W_NUL: {
        /* 70 'x', two NULs, 70 'x', a NUL: the runs are referenced, each NUL is 0x80 */
        static unsigned char runs[143];
        memset(runs, 'x', sizeof(runs));
        runs[70] = runs[71] = runs[142] = 0;
        ig_w_string(w, sp_n("x\0y", 3));
        ig_w_literal(w, sp_n("\0", 1));
        ig_w_literal(w, sp_n(runs, sizeof(runs)));
        ig_w_literal8(w, sp_n("a\0b", 3));
        break;
    }
    case W_LONG:
        ig_w_string(w, sp_n(body, 1024));
        ig_w_string(w, sp_n(body, 1025));
        ig_w_astring(w, sp_n(body, 1025));
        break;
    case W_ASTRING:
        ig_w_astring(w, sp("INBOX"));
        ig_w_astring(w, sp(""));
        ig_w_astring(w, sp("NIL"));
        ig_w_astring(w, sp("nil"));
        ig_w_astring(w, sp("nil2"));
        ig_w_astring(w, sp("a b"));
        ig_w_astring(w, sp("a]b"));
        ig_w_mailbox(w, sp("Sent Items"));
        ig_w_mailbox(w, sp("Entw\xc3\xbcrfe"));
        break;
    case W_ATOMS:
        ig_w_atom(w, "\\Seen");
        ig_w_atom(w, "\\*");
        ig_w_atom(w, "a\\b");
        ig_w_atom(w, "");
        ig_w_atom(w, "a b");
        ig_w_atom(w, "*");
        ig_w_atom(w, "\\**");
        ig_w_atom(w, "\\"); /* fixed: a lone backslash was written as is */
        ig_w_atom(w, "a*");
        ig_w_atom(w, "caf\xc3\xa9");
        ig_w_atom(w, "$Junk");
        ig_w_number(w, 0);
        ig_w_number(w, UINT64_MAX);
        break;
    case W_LISTS: {
        struct ig_flags none = {0, NULL}, two = {2, tb_flags};
        ig_w_open(w);
        ig_w_open(w);
        ig_w_atom(w, "a");
        ig_w_close(w);
        ig_w_open_tight(w);
        ig_w_atom(w, "b");
        ig_w_close(w);
        ig_w_atom(w, "MIXED");
        ig_w_close(w);
        ig_w_atom(w, "x");
        ig_w_tight(w);
        ig_w_atom(w, "y");
        ig_w_flags(w, &none);
        ig_w_flags(w, &two);
        break;
    }
    case W_CODE_TEXT:
        ig_w_atom(w, "OK");
        ig_w_code(w, "A]B\001C\177");
        ig_w_code_end(w);
        ig_w_text(w, "a\tb\177c");
        break;
    case W_LITERALS:
        ig_w_literal(w, sp(""));
        ig_w_literal(w, sp("abc"));
        ig_w_literal(w, sp_n(body, 65));
        ig_w_literal8(w, sp_n(body, 100));
        break;
    case W_DATES: {
        struct ig_datetime d1 = {2023, 11, 14, 22, 13, 20, 60};
        struct ig_datetime d2 = {1999, 1, 1, 0, 0, 0, -330};
        struct ig_datetime d3 = {2000, 0, 2, 1, 2, 3, 0};  /* month out of range */
        struct ig_datetime d4 = {2000, 13, 2, 1, 2, 3, 0};
        ig_w_datetime(w, &d1);
        ig_w_datetime(w, &d2);
        ig_w_datetime(w, &d3);
        ig_w_datetime(w, &d4);
        break;
    }
    case W_SETS: {
        struct ig_seqset a = {{(const unsigned char *)"1:3,5,7:*", 9}, 3, 0};
        struct ig_seqset b = {{(const unsigned char *)"$", 1}, 0, 1};
        struct ig_seqset c = {{(const unsigned char *)"2,$", 3}, 1, 1};
        struct ig_fetch_att hdr;
        memset(&hdr, 0, sizeof(hdr));
        hdr.kind = IG_FETCH_BODY_SECTION;
        hdr.peek = 1;
        hdr.section.text = IG_SECTION_HEADER_FIELDS;
        hdr.section.fields.n = 1;
        hdr.section.fields.v = &from_field;
        hdr.partial.present = 1;
        hdr.partial.offset = 0;
        hdr.partial.count = 100;
        struct ig_fetch_att uid;
        memset(&uid, 0, sizeof(uid));
        uid.kind = IG_FETCH_UID;
        ig_w_seqset(w, &a);
        ig_w_seqset(w, &b);
        ig_w_seqset(w, &c);
        ig_w_fetch_name(w, &hdr);
        ig_w_fetch_name(w, &uid);
        break;
    }
    case W_BAD_SET: {
        struct ig_seqset bad = {{(const unsigned char *)"1", 1}, 2, 0}; /* 2 ranges claimed */
        ig_w_atom(w, "X");
        ig_w_seqset(w, &bad);
        break;
    }
    case W_BAD_NAME: {
        struct ig_fetch_att bad;
        memset(&bad, 0, sizeof(bad));
        bad.kind = 200;
        ig_w_atom(w, "X");
        ig_w_fetch_name(w, &bad);
        break;
    }
    case W_OVERFLOW:
    case W_OVERFLOW_MORE: {
        /* far more than buffer and headroom, then every kind of item after the
         * overflow: all dropped */
        struct ig_seqset a = {{(const unsigned char *)"1", 1}, 1, 0};
        struct ig_fetch_att uid;
        memset(&uid, 0, sizeof(uid));
        uid.kind = IG_FETCH_UID;
        for (int i = 0; i < 1000; i++)
            ig_w_atom(w, "abcdefghi");
        ig_w_seqset(w, &a);
        ig_w_fetch_name(w, &uid);
        ig_w_literal(w, sp_n(body, 100));
        ig_w_string(w, sp("s"));
        break;
    }
    case W_REFS17:
        for (int i = 0; i < 17; i++)
            ig_w_literal(w, sp_n(body, 100));
        break;
    default:
        (void)cursor;
        break;
    }
}

static enum ig_bk_status cmd_writer(struct tb *t, const struct ig_command *cmd, struct ig_writer *w,
                                    uint64_t *cursor, struct ig_bk_reply *reply)
{
    (void)cmd;
    (void)reply;
    if (t->mode == W_FILL) {
        /* a backend that never looks at ig_w_full(): 900 short lines */
        for (int i = 0; i < 900; i++) {
            ig_w_untagged(w);
            ig_w_atom(w, "X");
            ig_w_end(w);
        }
        return IG_BK_OK;
    }
    if (t->mode == W_FULL_REFS) {
        /* one literal per message until the writer is full (zero-copy slots run out) */
        while (*cursor < 20 && !ig_w_full(w)) {
            ig_w_untagged(w);
            ig_w_number(w, *cursor + 1);
            ig_w_atom(w, "FETCH");
            ig_w_open(w);
            ig_w_atom(w, "RFC822");
            ig_w_literal(w, sp_n(body, 100));
            ig_w_close(w);
            ig_w_end(w);
            ++*cursor;
        }
        return *cursor < 20 ? IG_BK_MORE : IG_BK_OK;
    }
    if (t->mode == W_SPLIT) {
        /* a response left open across IG_BK_MORE, ending in a referenced literal */
        if (*cursor == 0) {
            ig_w_untagged(w);
            ig_w_number(w, 1);
            ig_w_atom(w, "FETCH");
            ig_w_open(w);
            ig_w_atom(w, "RFC822");
            ig_w_literal(w, sp_n(body, 100));
            *cursor = 1;
            return IG_BK_MORE;
        }
        ig_w_close(w);
        ig_w_end(w);
        return IG_BK_OK;
    }
    ig_w_untagged(w);
    w_items(t, w, *cursor);
    ig_w_end(w);
    if (t->mode == W_OVERFLOW_MORE)
        tb_log(t, "full(%d) ", ig_w_full(w)); /* the writer stays full after an overflow */
    return t->mode == W_OVERFLOW_MORE ? IG_BK_MORE : IG_BK_OK;
}

static int writer_mode;
static int writer_small;

static void su_writer(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    (void)bk;
    cfg->greeting = IG_GREET_PREAUTH;
    if (writer_small)
        cfg->output_buffer = 256;
    t->command = cmd_writer;
    t->mode = writer_mode;
}

static void wcheck_log(const char *name, int mode, int small, const char *in, const char *want,
                       size_t wlen, const char *want_log)
{
    writer_mode = mode;
    writer_small = small;
    check_n(name, su_writer, in, strlen(in), want, wlen, want_log, NULL);
}

static void wcheck_n(const char *name, int mode, int small, const char *in, const char *want, size_t wlen)
{
    wcheck_log(name, mode, small, in, want, wlen, NULL);
}

static void wcheck(const char *name, int mode, const char *want)
{
    wcheck_n(name, mode, 0, "c NAMESPACE\r\n", want, strlen(want));
}

#define DONE_C "c OK completed\r\n"
#define BYE_BIG "* BYE response too large\r\n"

static void test_writer(void)
{
    static char want[8192];
    memset(body, 'x', sizeof(body));
    wcheck("strings: empty, plain, quoted-specials, CR/LF, 8-bit, NIL", W_STRINGS,
           "* \"\" \"plain\" \"a\\\"b\\\\c\" {4}\r\na\r\nb {3}\r\na\nb {5}\r\ncaf\xc3\xa9 NIL \"x\"\r\n" DONE_C);
    wcheck_n("strings after ENABLE UTF8=ACCEPT: 8-bit is quoted", W_STRINGS, 0,
             "e ENABLE UTF8=ACCEPT\r\nc NAMESPACE\r\n",
             "* ENABLED UTF8=ACCEPT\r\ne OK enabled\r\n"
             "* \"\" \"plain\" \"a\\\"b\\\\c\" {4}\r\na\r\nb {3}\r\na\nb \"caf\xc3\xa9\" NIL \"x\"\r\n" DONE_C,
             strlen("* ENABLED UTF8=ACCEPT\r\ne OK enabled\r\n"
                    "* \"\" \"plain\" \"a\\\"b\\\\c\" {4}\r\na\r\nb {3}\r\na\nb \"caf\xc3\xa9\" NIL \"x\"\r\n" DONE_C));
    /* Fixed: a NUL went out inside {n}, which RFC 9051 §4.3 forbids (CHAR8 is %x01-ff). */
    size_t nw = (size_t)snprintf(want, sizeof(want), "* {3}\r\nx\x80y {1}\r\n\x80 {143}\r\n%.70s\x80\x80%.70s\x80 ~{3}\r\na",
                                 body, body);
    memcpy(want + nw, "\0b\r\n" DONE_C, sizeof("\0b\r\n" DONE_C));
    nw += sizeof("\0b\r\n" DONE_C) - 1;
    wcheck_n("a NUL in a string or {n} literal goes out as 0x80; literal8 carries NUL", W_NUL, 0,
             "c NAMESPACE\r\n", want, nw);
    ok(last.refs == 2, "the two 70-octet runs between NULs are referenced, not copied");
    snprintf(want, sizeof(want), "* \"%.1024s\" {1025}\r\n%.1025s {1025}\r\n%.1025s\r\n" DONE_C, body, body,
             body);
    wcheck("strings: 1024 octets quoted, 1025 a literal (astring too)", W_LONG, want);
    ok(last.refs == 2, "the two long literals are referenced, not copied");
    wcheck("astrings and mailboxes: atoms when possible, NIL and spaces quoted, 8-bit literal", W_ASTRING,
           "* INBOX \"\" \"NIL\" \"nil\" nil2 \"a b\" a]b \"Sent Items\" {9}\r\nEntw\xc3\xbcrfe\r\n" DONE_C);
    wcheck("atoms: system flags and \\*; anything else that is no atom (a lone \\ too) becomes NIL; numbers", W_ATOMS,
           "* \\Seen \\* NIL NIL NIL NIL NIL NIL NIL NIL $Junk 0 18446744073709551615\r\n" DONE_C);
    wcheck("lists: nested, side by side, tight, flags", W_LISTS,
           "* ((a)(b) MIXED) xy () (\\Seen \\Deleted)\r\n" DONE_C);
    wcheck("a response code with ] and a control byte, text with TAB and DEL: masked", W_CODE_TEXT,
           "* OK [A?B?C?] a?b?c\r\n" DONE_C);
    snprintf(want, sizeof(want), "* {0}\r\n {3}\r\nabc {65}\r\n%.65s ~{100}\r\n%.100s\r\n" DONE_C, body, body);
    wcheck("literals: empty, short (copied), long (referenced), literal8", W_LITERALS, want);
    ok(last.refs == 2, "literals over 64 octets are referenced");
    wcheck("date-times: zones east and west, a month out of range written as Jan", W_DATES,
           "* \"14-Nov-2023 22:13:20 +0100\" \"01-Jan-1999 00:00:00 -0530\" \"02-Jan-2000 01:02:03 +0000\" "
           "\"02-Jan-2000 01:02:03 +0000\"\r\n" DONE_C);
    wcheck("sequence sets and FETCH item names as a response repeats them", W_SETS,
           "* 1:3,5,7:* $ 2,$ BODY[HEADER.FIELDS (FROM)]<0> UID\r\n" DONE_C);
    wcheck_n("a sequence set that cannot be written: response dropped, BYE", W_BAD_SET, 0,
             "c NAMESPACE\r\nd NOOP\r\n", BYE_BIG, strlen(BYE_BIG));
    ok(last.action == IG_ACT_CLOSE && last.discarded == 8, "bad sequence set: close");
    wcheck_n("a FETCH item that cannot be named: response dropped, BYE", W_BAD_NAME, 0, "c NAMESPACE\r\n",
             BYE_BIG, strlen(BYE_BIG));
    /* Fixed: after an overflow every later ig_w_end() (the tagged response, more
     * untagged ones) wrote the BYE again, past the end of the buffer when the overflow
     * happened near it. The BYE is written once; everything after it is dropped. */
    wcheck_n("a response larger than buffer and headroom: one BYE, nothing after it", W_OVERFLOW, 1,
             "c NAMESPACE\r\nd NOOP\r\n", BYE_BIG, strlen(BYE_BIG));
    ok(last.action == IG_ACT_CLOSE && last.discarded == 8 && last_bw.action == IG_ACT_CLOSE,
       "overflow: close, the rest discarded");
    wcheck_log("overflow and then IG_BK_MORE: the command ends, one BYE", W_OVERFLOW_MORE, 1,
               "c NAMESPACE\r\n", BYE_BIG, strlen(BYE_BIG), "NAMESPACE@0 full(1) ");
    ok(last.action == IG_ACT_CLOSE, "overflow with MORE: close");
    want[0] = 0;
    for (int i = 0; i < 877; i++)
        strcat(want, "* X\r\n");
    strcat(want, BYE_BIG);
    wcheck_n("a backend ignoring ig_w_full() until the last byte: one BYE, within the buffer", W_FILL, 1,
             "c NAMESPACE\r\n", want, strlen(want));
    want[0] = 0;
    strcat(want, "*");
    for (int i = 0; i < 17; i++) {
        strcat(want, " {100}\r\n");
        strncat(want, (const char *)body, 100);
    }
    strcat(want, "\r\n" DONE_C);
    wcheck("17 long literals in one response: 16 referenced, the 17th copied", W_REFS17, want);
    ok(last.refs == 16, "16 zero-copy spans");
    want[0] = 0;
    for (int i = 1; i <= 20; i++) {
        char line[64];
        snprintf(line, sizeof(line), "* %d FETCH (RFC822 {100}\r\n", i);
        strcat(want, line);
        strncat(want, (const char *)body, 100);
        strcat(want, ")\r\n");
    }
    strcat(want, DONE_C);
    wcheck_log("the writer is full when the zero-copy slots run out: the command resumes", W_FULL_REFS, 0,
               "c NAMESPACE\r\n", want, strlen(want), "NAMESPACE@0 NAMESPACE@13 ");
    snprintf(want, sizeof(want), "* 1 FETCH (RFC822 {100}\r\n%.100s)\r\n" DONE_C, body);
    wcheck("a response left open across IG_BK_MORE, a literal last", W_SPLIT, want);
}

/* ---- driving by hand: poll, a paused command, IDLE ---- */

struct hand {
    struct ig_session s;
    struct ig_session_config cfg;
    struct ig_backend bk;
    struct tb t;
    unsigned char *mem;
    char out[8192];
};

static int hand_open(struct hand *h, setup_fn setup)
{
    ig_session_config_default(&h->cfg);
    h->cfg.greeting = IG_GREET_PREAUTH;
    h->bk = tb_backend;
    tb_reset(&h->t);
    if (setup)
        setup(&h->cfg, &h->bk, &h->t);
    size_t ms = ig_session_memsize(&h->cfg);
    h->mem = malloc(ms);
    if (h->mem == NULL || ig_session_init(&h->s, &h->cfg, &h->bk, &h->t, h->mem, ms) != IG_OK)
        return 0;
    drain_plain(&h->s, h->out, sizeof(h->out));
    return 1;
}

static enum ig_status hand_feed(struct hand *h, const char *in)
{
    size_t used = 0;
    return ig_session_feed(&h->s, in, strlen(in), &used);
}

static void su_poll2(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    (void)cfg;
    (void)bk;
    t->poll_lines = 2;
}

static void su_poll_many(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    (void)bk;
    cfg->output_buffer = 256;
    t->poll_lines = 40;
}

static void su_fetch_pages(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    (void)cfg;
    (void)bk;
    t->command = cmd_writer;
    t->mode = W_FULL_REFS;
}

static void su_overflow_small(struct ig_session_config *cfg, struct ig_backend *bk, struct tb *t)
{
    (void)bk;
    cfg->output_buffer = 256;
    t->command = cmd_writer;
    t->mode = W_OVERFLOW;
    t->poll_lines = 1;
}

static void test_by_hand(void)
{
    struct hand h;
    size_t used;
    ok(hand_open(&h, su_poll2), "open");
    ok(hand_feed(&h, "b SELECT INBOX\r\n") == IG_OK, "SELECT");
    drain_plain(&h.s, h.out, sizeof(h.out));
    ok(!ig_session_idling(&h.s) && !ig_session_idling(NULL), "not idling after SELECT");
    ok(ig_session_poll(&h.s) == IG_OK, "poll in Selected");
    drain_plain(&h.s, h.out, sizeof(h.out));
    is_str(h.out, "* 4 EXISTS\r\n* 5 EXISTS\r\n", "poll writes the backend's updates");
    ok(hand_feed(&h, "c IDLE\r\n") == IG_OK, "IDLE");
    drain_plain(&h.s, h.out, sizeof(h.out));
    ok(ig_session_idling(&h.s), "idling after IDLE");
    ok(ig_session_poll(&h.s) == IG_OK, "poll while idling");
    ok(hand_feed(&h, "DONE\r\n") == IG_OK, "DONE");
    ok(!ig_session_idling(&h.s), "not idling after DONE");
    drain_plain(&h.s, h.out, sizeof(h.out));
    is_str(h.out, "* 4 EXISTS\r\n* 5 EXISTS\r\nc OK IDLE terminated\r\n", "updates during IDLE, then DONE");
    is_str(h.t.log, "select(INBOX,0) poll poll ", "backend calls: select, two polls");
    free(h.mem);

    ok(hand_open(&h, su_no_unselect), "open without poll()");
    ok(hand_feed(&h, "b SELECT INBOX\r\n") == IG_OK, "SELECT");
    drain_plain(&h.s, h.out, sizeof(h.out));
    ok(ig_session_poll(&h.s) == IG_OK && ig_session_output(&h.s).len == 0, "poll without poll(): nothing");
    free(h.mem);

    ok(hand_open(&h, su_poll_many), "open with a 256-octet buffer");
    ok(hand_feed(&h, "b SELECT INBOX\r\n") == IG_OK, "SELECT");
    drain_plain(&h.s, h.out, sizeof(h.out));
    ok(ig_session_poll(&h.s) == IG_NEED_OUTPUT, "poll past the buffer asks for the output to be sent");
    drain_plain(&h.s, h.out, sizeof(h.out));
    char want[1024] = "";
    for (int i = 4; i < 44; i++)
        snprintf(want + strlen(want), sizeof(want) - strlen(want), "* %d EXISTS\r\n", i);
    is_str(h.out, want, "the 40 updates were all written");
    free(h.mem);

    ok(hand_open(&h, su_overflow_small), "open: a backend that overflows");
    ok(hand_feed(&h, "b SELECT INBOX\r\n") == IG_OK, "SELECT");
    drain_plain(&h.s, h.out, sizeof(h.out));
    ok(hand_feed(&h, "c NAMESPACE\r\n") == IG_OK, "the overflowing command");
    drain_plain(&h.s, h.out, sizeof(h.out));
    is_str(h.out, BYE_BIG, "BYE");
    ok(ig_session_poll(&h.s) == IG_OK && ig_session_output(&h.s).len == 0 &&
           strcmp(h.t.log, "select(INBOX,0) NAMESPACE@0 ") == 0,
       "no poll once closing");
    free(h.mem);

    /* A paused command: feeding again before the output is sent changes nothing. */
    ok(hand_open(&h, su_fetch_pages), "open: a paging backend");
    ok(ig_session_feed(&h.s, "c NAMESPACE\r\nd NOOP\r\n", 21, &used) == IG_NEED_OUTPUT && used == 13,
       "the command pauses after its first page; the next command waits");
    ok(ig_session_feed(&h.s, "d NOOP\r\n", 8, &used) == IG_NEED_OUTPUT && used == 0,
       "feeding again without sending: nothing consumed");
    is_str(h.t.log, "NAMESPACE@0 ", "the backend was not called again");
    drain_plain(&h.s, h.out, sizeof(h.out));
    ok(ig_session_feed(&h.s, "d NOOP\r\n", 8, &used) == IG_OK && used == 8, "after sending: resumed, then NOOP");
    drain_plain(&h.s, h.out, sizeof(h.out));
    ok(strstr(h.out, "* 20 FETCH") != NULL && strstr(h.out, "c OK completed\r\nd OK NOOP completed\r\n") != NULL,
       "the rest of the pages, the tagged OK, then the NOOP");
    is_str(h.t.log, "NAMESPACE@0 NAMESPACE@13 ", "two backend calls in all");
    free(h.mem);

    /* An action waits for a referenced literal too, not only for buffered bytes. */
    ok(hand_open(&h, su_fetch_pages), "open: a paging backend");
    h.t.mode = W_SPLIT;
    ok(ig_session_feed(&h.s, "c NAMESPACE\r\nz LOGOUT\r\n", 23, &used) == IG_NEED_OUTPUT && used == 13,
       "the response paused after its literal");
    struct ig_span o = ig_session_output(&h.s);
    ok(o.len == 25 && memcmp(o.ptr, "* 1 FETCH (RFC822 {100}\r\n", 25) == 0, "the buffered part first");
    ig_session_sent(&h.s, o.len);
    o = ig_session_output(&h.s);
    ok(o.len == 100 && o.ptr == body, "then the literal itself, in place");
    ok(ig_session_action(&h.s) == IG_ACT_NONE, "no action while the literal is unsent");
    ig_session_sent(&h.s, 40);
    o = ig_session_output(&h.s);
    ok(o.len == 60 && o.ptr == body + 40, "a partly sent literal resumes where it stopped");
    ig_session_sent(&h.s, 60);
    ok(ig_session_output(&h.s).len == 0, "all sent");
    ok(ig_session_feed(&h.s, "z LOGOUT\r\n", 10, &used) == IG_OK && used == 10, "resume, then LOGOUT");
    drain_plain(&h.s, h.out, sizeof(h.out));
    is_str(h.out, ")\r\nc OK completed\r\n* BYE logging out\r\nz OK LOGOUT completed\r\n",
           "the rest of the response, then LOGOUT");
    ok(ig_session_action(&h.s) == IG_ACT_CLOSE, "close once everything is sent");
    free(h.mem);

    /* LOGOUT: the close action waits for the BYE and the OK to be sent */
    ok(hand_open(&h, NULL), "open");
    ok(hand_feed(&h, "z LOGOUT\r\n") == IG_OK && ig_session_action(&h.s) == IG_ACT_NONE,
       "LOGOUT: no action while its responses are unsent");
    drain_plain(&h.s, h.out, sizeof(h.out));
    ok(ig_session_action(&h.s) == IG_ACT_CLOSE && ig_session_state(&h.s) == IG_STATE_LOGOUT,
       "then close");
    free(h.mem);
}

int main(void)
{
    test_table();
    test_api();
    test_capabilities();
    test_unoffered_extensions();
    test_mechanisms();
    test_connection_commands();
    test_bad_commands();
    test_plain();
    test_sasl();
    test_enable();
    test_select();
    test_answers();
    test_append();
    test_errors();
    test_writer();
    test_by_hand();
    return done();
}
