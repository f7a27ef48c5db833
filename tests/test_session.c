/*
 * test_session.c - the session state machine against a tiny scripted backend: the
 * greeting and capabilities, LOGIN / LOGINDISABLED, the SASL exchange (PLAIN with and
 * without initial response, LOGIN, cancel, bad base64), STARTTLS discarding pipelined
 * plaintext, LOGOUT ordering and nothing after it, IDLE, APPEND acceptance and refusal
 * without a continuation, wrong-state commands, the bad-command limit, resumable
 * output. Every transcript is checked fed whole and one byte at a time.
 */
#include "imapguard_session.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>

struct fake {
    int logged_in;
    int selected;
    int appended;
    uint64_t append_octets;
    char log[512];
};

static int fk_login(void *ctx, struct ig_span authzid, struct ig_span user, struct ig_span pass)
{
    struct fake *f = ctx;
    (void)authzid;
    f->logged_in = user.len == 3 && memcmp(user.ptr, "bob", 3) == 0 && pass.len == 2 &&
                   memcmp(pass.ptr, "pw", 2) == 0;
    return f->logged_in;
}

static enum ig_bk_status fk_select(void *ctx, const struct ig_command *cmd, int ro,
                                   struct ig_mailbox_info *info, struct ig_bk_reply *reply)
{
    struct fake *f = ctx;
    (void)ro;
    if (!ig_is_inbox(cmd->u.select.mailbox.v)) {
        reply->text = "no such mailbox";
        f->selected = 0;
        return IG_BK_NO;
    }
    static const struct ig_flag fl[2] = {{IG_FLAG_SEEN, {(const unsigned char *)"\\Seen", 5}},
                                         {IG_FLAG_DELETED, {(const unsigned char *)"\\Deleted", 8}}};
    info->exists = 3;
    info->uidvalidity = 42;
    info->uidnext = 4;
    info->flags.n = 2;
    info->flags.v = fl;
    info->permanent = info->flags;
    f->selected = 1;
    return IG_BK_OK;
}

static void fk_unselect(void *ctx, int expunge)
{
    struct fake *f = ctx;
    (void)expunge;
    f->selected = 0;
}

/* FETCH writes one response per message of 1:3, pausing after each (IG_BK_MORE). */
static enum ig_bk_status fk_command(void *ctx, const struct ig_command *cmd, struct ig_writer *w,
                                    uint64_t *cursor, struct ig_bk_reply *reply)
{
    (void)ctx;
    if (cmd->cmd == IG_CMD_FETCH) {
        ig_w_untagged(w);
        ig_w_number(w, *cursor + 1);
        ig_w_atom(w, "FETCH");
        ig_w_open(w);
        ig_w_atom(w, "UID");
        ig_w_number(w, *cursor + 100);
        ig_w_close(w);
        ig_w_end(w);
        if (++*cursor < 3)
            return IG_BK_MORE;
        return IG_BK_OK;
    }
    if (cmd->cmd == IG_CMD_LIST) {
        struct ig_span name = {(const unsigned char *)"a \"quoted\"\r\nname", 16};
        ig_w_untagged(w);
        ig_w_atom(w, "LIST");
        ig_w_open(w);
        ig_w_close(w);
        ig_w_string(w, (struct ig_span){(const unsigned char *)"/", 1});
        ig_w_mailbox(w, name);
        ig_w_end(w);
        return IG_BK_OK;
    }
    reply->text = "not here";
    return IG_BK_NO;
}

static enum ig_bk_status fk_append_begin(void *ctx, const struct ig_str *mailbox,
                                         const struct ig_append_msg *msg, struct ig_bk_reply *reply)
{
    struct fake *f = ctx;
    (void)msg;
    if (!ig_is_inbox(mailbox->v)) {
        reply->code = "TRYCREATE";
        reply->text = "no such mailbox";
        return IG_BK_NO;
    }
    f->appended++;
    return IG_BK_OK;
}

static void fk_append_data(void *ctx, struct ig_span d)
{
    ((struct fake *)ctx)->append_octets += d.len;
}

static enum ig_bk_status fk_append_end(void *ctx, int ok, struct ig_bk_reply *reply)
{
    (void)ctx;
    if (ok) {
        reply->code = "APPENDUID 42 4";
        return IG_BK_OK;
    }
    return IG_BK_NO;
}

static const struct ig_backend fake_backend = {
    "UIDPLUS MOVE", fk_login, NULL, fk_select, fk_unselect, fk_command,
    fk_append_begin, fk_append_data, fk_append_end, NULL,
};

struct result {
    char out[8192];
    size_t len;
    enum ig_action action;
    uint64_t discarded;
    enum ig_state state;
};

static void drain(struct ig_session *s, struct result *r)
{
    for (;;) {
        struct ig_span o = ig_session_output(s);
        if (o.len == 0)
            break;
        size_t k = o.len < sizeof(r->out) - 1 - r->len ? o.len : sizeof(r->out) - 1 - r->len;
        memcpy(r->out + r->len, o.ptr, k);
        r->len += k;
        /* send in two pieces to exercise partial sends */
        size_t half = o.len / 2 ? o.len / 2 : o.len;
        ig_session_sent(s, half);
        if (half < o.len)
            ig_session_sent(s, o.len - half);
    }
    r->out[r->len] = 0;
}

/* Runs input through a session, chunk bytes at a time (0: all at once); tls_after: the
 * bytes fed after a STARTTLS action completes. */
static void run(const struct ig_session_config *cfg, const char *in, size_t chunk,
                const char *tls_after, struct result *r, struct fake *f)
{
    struct ig_session s;
    size_t ms = ig_session_memsize(cfg);
    void *mem = malloc(ms);
    memset(r, 0, sizeof(*r));
    memset(f, 0, sizeof(*f));
    if (ig_session_init(&s, cfg, &fake_backend, f, mem, ms) != IG_OK) {
        strcpy(r->out, "INIT FAILED");
        free(mem);
        return;
    }
    size_t len = strlen(in), pos = 0;
    int tls_done = 0;
    drain(&s, r);
    while (pos < len || (tls_after && !tls_done && ig_session_action(&s) == IG_ACT_STARTTLS)) {
        enum ig_action a = ig_session_action(&s);
        if (a == IG_ACT_CLOSE)
            break;
        if (a == IG_ACT_STARTTLS) {
            /* the rest of the plaintext arrives before the handshake: discarded */
            size_t used;
            if (pos < len)
                ig_session_feed(&s, in + pos, len - pos, &used);
            ig_session_tls_started(&s);
            tls_done = 1;
            in = tls_after;
            len = strlen(tls_after);
            pos = 0;
            continue;
        }
        size_t n = chunk && len - pos > chunk ? chunk : len - pos, used = 0;
        enum ig_status st = ig_session_feed(&s, in + pos, n, &used);
        pos += used;
        drain(&s, r);
        if (st != IG_OK && st != IG_NEED_OUTPUT)
            break;
    }
    drain(&s, r);
    r->action = ig_session_action(&s);
    r->discarded = ig_session_discarded(&s);
    r->state = ig_session_state(&s);
    free(mem);
}

#define CAPS_PRE "IMAP4rev1 IMAP4rev2 LITERAL- STARTTLS AUTH=PLAIN AUTH=LOGIN SASL-IR ENABLE IDLE ID UNSELECT MULTIAPPEND"
#define CAPS_NOTLS "IMAP4rev1 IMAP4rev2 LITERAL- STARTTLS LOGINDISABLED SASL-IR ENABLE IDLE ID UNSELECT MULTIAPPEND"
#define CAPS_POST "IMAP4rev1 IMAP4rev2 LITERAL- ENABLE IDLE ID UNSELECT MULTIAPPEND UIDPLUS MOVE"
#define GREET "* OK [CAPABILITY " CAPS_PRE "] ready\r\n"

struct scase {
    const char *name;
    const char *in;
    const char *want;
    int plaintext; /* allow LOGIN without TLS */
    const char *tls_after;
};

static const struct scase cases[] = {
    {"greeting and capability", "a CAPABILITY\r\n",
     GREET "* CAPABILITY " CAPS_PRE "\r\na OK CAPABILITY completed\r\n", 1},
    {"login, capability after, logout ordering", "a LOGIN bob pw\r\nb CAPABILITY\r\nc LOGOUT\r\nd NOOP\r\n",
     GREET "a OK authenticated\r\n* CAPABILITY " CAPS_POST "\r\nb OK CAPABILITY completed\r\n"
     "* BYE logging out\r\nc OK LOGOUT completed\r\n", 1},
    {"wrong password", "a LOGIN bob nope\r\nb SELECT INBOX\r\n",
     GREET "a NO [AUTHENTICATIONFAILED] authentication failed\r\nb BAD command not valid in this state\r\n", 1},
    {"login with NUL-free control char never authenticates", "a LOGIN \"bo\tb\" pw\r\n",
     GREET "a NO [AUTHENTICATIONFAILED] authentication failed\r\n", 1},
    {"LOGINDISABLED without TLS", "a LOGIN bob pw\r\nb CAPABILITY\r\n",
     "* OK [CAPABILITY " CAPS_NOTLS "] ready\r\na NO [PRIVACYREQUIRED] LOGIN needs TLS (LOGINDISABLED)\r\n"
     "* CAPABILITY " CAPS_NOTLS "\r\nb OK CAPABILITY completed\r\n", 0},
    {"LOGIN literal refused before TLS, no continuation", "a LOGIN {3}\r\nb NOOP\r\n",
     "* OK [CAPABILITY " CAPS_NOTLS "] ready\r\na NO [PRIVACYREQUIRED] LOGIN needs TLS (LOGINDISABLED)\r\n"
     "b OK NOOP completed\r\n", 0},
    {"login with literals", "a LOGIN {3}\r\nbob {2}\r\npw\r\n",
     GREET "+ ready for literal data\r\n+ ready for literal data\r\na OK authenticated\r\n", 1},
    {"AUTHENTICATE PLAIN with SASL-IR", "a AUTHENTICATE PLAIN AGJvYgBwdw==\r\n",
     GREET "a OK authenticated\r\n", 1},
    {"AUTHENTICATE PLAIN exchange", "a AUTHENTICATE PLAIN\r\nAGJvYgBwdw==\r\nb NOOP\r\n",
     GREET "+ \r\na OK authenticated\r\nb OK NOOP completed\r\n", 1},
    {"AUTHENTICATE PLAIN bad password", "a AUTHENTICATE PLAIN AGJvYgB4eA==\r\n",
     GREET "a NO [AUTHENTICATIONFAILED] authentication failed\r\n", 1},
    {"AUTHENTICATE LOGIN", "a AUTHENTICATE LOGIN\r\nYm9i\r\ncHc=\r\n",
     GREET "+ VXNlcm5hbWU6\r\n+ UGFzc3dvcmQ6\r\na OK authenticated\r\n", 1},
    /* Regression (fuzz, corpus/regress/session/2026-11-26-undefined-behavior-ig__sasl_plain):
     * an empty PLAIN response. */
    {"AUTHENTICATE PLAIN empty response", "a AUTHENTICATE PLAIN\r\n\r\nb NOOP\r\n",
     GREET "+ \r\na BAD malformed PLAIN response\r\nb OK NOOP completed\r\n", 1},
    {"AUTHENTICATE cancelled", "a AUTHENTICATE PLAIN\r\n*\r\nb NOOP\r\n",
     GREET "+ \r\na BAD AUTHENTICATE cancelled\r\nb OK NOOP completed\r\n", 1},
    {"AUTHENTICATE bad base64", "a AUTHENTICATE PLAIN\r\nAG!v\r\nb NOOP\r\n",
     GREET "+ \r\na BAD invalid base64\r\nb OK NOOP completed\r\n", 1},
    {"AUTHENTICATE unknown mechanism", "a AUTHENTICATE X-FOO\r\n",
     GREET "a NO unsupported authentication mechanism\r\n", 1},
    {"AUTHENTICATE PLAIN without TLS", "a AUTHENTICATE PLAIN AGJvYgBwdw==\r\n",
     "* OK [CAPABILITY " CAPS_NOTLS "] ready\r\na NO [PRIVACYREQUIRED] plaintext authentication needs TLS\r\n", 0},
    {"STARTTLS discards pipelined plaintext", "a STARTTLS\r\nb LOGIN bob pw\r\nc NOOP\r\n",
     "* OK [CAPABILITY " CAPS_NOTLS "] ready\r\na OK begin TLS negotiation now\r\nz OK NOOP completed\r\n", 0, "z NOOP\r\n"},
    {"STARTTLS twice", "a STARTTLS\r\n",
     "* OK [CAPABILITY " CAPS_NOTLS "] ready\r\na OK begin TLS negotiation now\r\nb BAD TLS is already active\r\n", 0, "b STARTTLS\r\n"},
    {"no second LOGIN", "a LOGIN bob pw\r\nb LOGIN bob pw\r\nc AUTHENTICATE PLAIN\r\n",
     GREET "a OK authenticated\r\nb BAD command not valid in this state\r\nc BAD command not valid in this state\r\n", 1},
    {"SELECT, failed SELECT deselects, CLOSE",
     "a LOGIN bob pw\r\nb SELECT INBOX\r\nc FETCH 1 UID\r\nd SELECT nope\r\ne FETCH 1 UID\r\n",
     GREET "a OK authenticated\r\n* FLAGS (\\Seen \\Deleted)\r\n* 3 EXISTS\r\n* 0 RECENT\r\n"
     "* OK [UIDVALIDITY 42] UIDs valid\r\n* OK [UIDNEXT 4] predicted next UID\r\n"
     "* OK [PERMANENTFLAGS (\\Seen \\Deleted)] limited\r\nb OK [READ-WRITE] SELECT completed\r\n"
     "* 1 FETCH (UID 100)\r\n* 2 FETCH (UID 101)\r\n* 3 FETCH (UID 102)\r\nc OK completed\r\n"
     "* OK [CLOSED] previous mailbox closed\r\n"
     "d NO no such mailbox\r\ne BAD command not valid in this state\r\n", 1},
    {"response strings are quoted or literal, never raw", "a LOGIN bob pw\r\nb LIST \"\" *\r\n",
     GREET "a OK authenticated\r\n* LIST () \"/\" {16}\r\na \"quoted\"\r\nname\r\nb OK completed\r\n", 1},
    {"IDLE and DONE", "a LOGIN bob pw\r\nb IDLE\r\nDONE\r\nc NOOP\r\n",
     GREET "a OK authenticated\r\n+ idling\r\nb OK IDLE terminated\r\nc OK NOOP completed\r\n", 1},
    {"IDLE ended by something else", "a LOGIN bob pw\r\nb IDLE\r\nc NOOP\r\nd NOOP\r\n",
     GREET "a OK authenticated\r\n+ idling\r\nb BAD expected DONE\r\nd OK NOOP completed\r\n", 1},
    {"APPEND accepted", "a LOGIN bob pw\r\nb APPEND INBOX {5}\r\nhello\r\n",
     GREET "a OK authenticated\r\n+ ready for literal data\r\nb OK [APPENDUID 42 4] APPEND completed\r\n", 1},
    {"APPEND refused without continuation", "a LOGIN bob pw\r\nb APPEND nope {5}\r\nc NOOP\r\n",
     GREET "a OK authenticated\r\nb NO [TRYCREATE] no such mailbox\r\nc OK NOOP completed\r\n", 1},
    {"APPEND before login: no continuation", "b APPEND INBOX {5}\r\nc NOOP\r\n",
     GREET "b BAD command not valid in this state\r\nc OK NOOP completed\r\n", 1},
    {"unknown command with literal: no continuation", "b XYZ {5}\r\nc NOOP\r\n",
     GREET "b BAD unknown command\r\nc OK NOOP completed\r\n", 1},
    {"bad command limit before login",
     "1 x\r\n2 x\r\n3 x\r\n4 x\r\n5 x\r\n6 x\r\n7 x\r\n8 x\r\n9 x\r\n10 x\r\n11 NOOP\r\n",
     GREET "1 BAD unknown command\r\n2 BAD unknown command\r\n3 BAD unknown command\r\n"
     "4 BAD unknown command\r\n5 BAD unknown command\r\n6 BAD unknown command\r\n"
     "7 BAD unknown command\r\n8 BAD unknown command\r\n9 BAD unknown command\r\n"
     "10 BAD unknown command\r\n* BYE too many invalid commands\r\n", 1},
    {"syntax error gets tagged BAD", "a NOOP x\r\nb NOOP\r\n",
     GREET "a BAD unexpected argument\r\nb OK NOOP completed\r\n", 1},
    {"GET over IMAP (cross-protocol)", "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
     GREET "GET BAD unknown command\r\nHost: BAD unknown command\r\n* BAD empty line\r\n", 1},
    {"ENABLE", "a LOGIN bob pw\r\nb ENABLE UTF8=ACCEPT CONDSTORE X-UNKNOWN\r\n",
     GREET "a OK authenticated\r\n* ENABLED UTF8=ACCEPT\r\nb OK enabled\r\n", 1},
};

int main(void)
{
    struct ig_session_config cfg;
    struct result whole, bytewise;
    struct fake f;
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const struct scase *c = &cases[i];
        ig_session_config_default(&cfg);
        cfg.plaintext_login = (uint8_t)c->plaintext;
        run(&cfg, c->in, 0, c->tls_after, &whole, &f);
        run(&cfg, c->in, 1, c->tls_after, &bytewise, &f);
        char what[160];
        snprintf(what, sizeof(what), "%s (whole)", c->name);
        is_str(whole.out, c->want, what);
        snprintf(what, sizeof(what), "%s (byte by byte)", c->name);
        is_str(bytewise.out, c->want, what);
    }
    /* LOGOUT: nothing after it runs, the close action follows the output. */
    ig_session_config_default(&cfg);
    cfg.plaintext_login = 1;
    run(&cfg, "a LOGOUT\r\nb LOGIN bob pw\r\n", 0, NULL, &whole, &f);
    ok(whole.action == IG_ACT_CLOSE && whole.state == IG_STATE_LOGOUT && !f.logged_in &&
           whole.discarded == 16, "LOGOUT: close action, later bytes discarded, never executed");
    run(&cfg, "a STARTTLS\r\nb LOGIN bob pw\r\n", 0, "", &whole, &f);
    ok(!f.logged_in && whole.discarded == 16, "STARTTLS: pipelined LOGIN discarded and counted");
    cfg.greeting = IG_GREET_PREAUTH;
    run(&cfg, "a SELECT INBOX\r\n", 0, NULL, &whole, &f);
    ok(strncmp(whole.out, "* PREAUTH [CAPABILITY", 21) == 0 && f.selected, "PREAUTH greeting");
    cfg.greeting = IG_GREET_BYE;
    run(&cfg, "a NOOP\r\n", 0, NULL, &whole, &f);
    ok(strcmp(whole.out, "* BYE server unavailable\r\n") == 0 && whole.action == IG_ACT_CLOSE,
       "BYE greeting closes");
    return done();
}
