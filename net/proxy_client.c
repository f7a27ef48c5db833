/*
 * proxy_client.c - the client's bytes. Every command goes through the parser; what is
 * malformed, over a limit, not valid in the state the server's answers put the
 * connection in (ig_cmd_rule), an extension the proxy does not offer, or an unknown
 * command not allowed by --allow is answered here (tagged BAD with the parser's fixed
 * reason) and never reaches the server. Before login the proxy answers CAPABILITY,
 * NOOP, LOGOUT and STARTTLS itself; the server is connected when a command must go
 * there. While a command that changes the state (or the kind of the next line) is in
 * flight, the client is not read: simple, and nothing can overtake it.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime, strncasecmp, getaddrinfo */

#include "proxy_int.h"

#include <string.h>

static const struct ig_span no_span = {NULL, 0};

void px_flush_local(struct pconn *pc)
{
    /* The proxy's own lines go out only between two of the server's responses. */
    if (!pc->pass && evbuffer_get_length(pc->local) > 0 && !pc->c->closing)
        bufferevent_write_buffer(pc->c->bev, pc->local);
}

void px_local(struct pconn *pc, const char *s)
{
    evbuffer_add(pc->local, s, strlen(s));
    px_flush_local(pc);
}

void px_local_tagged(struct pconn *pc, struct ig_span tag, const char *cond, const char *code,
                     const char *text)
{
    if (tag.len)
        evbuffer_add(pc->local, tag.ptr, tag.len);
    else
        evbuffer_add(pc->local, "*", 1);
    evbuffer_add_printf(pc->local, " %s %s%s%s%s\r\n", cond, code ? "[" : "", code ? code : "",
                        code ? "] " : "", text);
    px_flush_local(pc);
}

/* A refusal: answered here, logged, counted; too many and the client is sent away. */
static void refuse(struct pconn *pc, struct ig_span tag, enum ig_cmd cmd, struct ig_span name,
                   const char *cond, const char *code, const char *reason)
{
    px_local_tagged(pc, tag, cond, code, reason);
    px_log(pc, tag, cmd, name, pc->state, "refused", reason, NULL, NULL);
    px_count_refusal(reason);
    if (++pc->nbad >= px.po.max_bad)
        px_bye(pc, "* BYE too many bad commands\r\n");
}

static void answered(struct pconn *pc, const struct ig_command *cmd)
{
    px.answered++;
    px_log(pc, cmd->tag, cmd->cmd, cmd->name, pc->state, "answered", NULL, NULL, NULL);
}

static void greeting_caps(struct pconn *pc, char *out, size_t cap)
{
    px_caps_filter(pc->up && pc->up_ready ? pc->up->caps : px.probe_caps, pc,
                   pc->state == IG_STATE_NOT_AUTH, out, cap);
}

/* STARTTLS (RFC 9051 §6.2.1): the OK in plaintext, then every byte the client sent
 * after the command line is thrown away (the CVE-2011-0411 class), then the handshake. */
static int starttls(struct pconn *pc, const struct ig_command *cmd)
{
    if (pc->c->tls) {
        refuse(pc, cmd->tag, cmd->cmd, cmd->name, "BAD", NULL, "TLS is already active");
        return 0;
    }
    if (pc->nq > 0 || pc->elen > 0) {
        refuse(pc, cmd->tag, cmd->cmd, cmd->name, "BAD", NULL, "commands are in progress");
        return 0;
    }
    answered(pc, cmd);
    px_local_tagged(pc, cmd->tag, "OK", NULL, "begin TLS negotiation now");
    struct evbuffer *in = bufferevent_get_input(pc->c->bev);
    evbuffer_drain(in, evbuffer_get_length(in));
    ig_parser_reset(&pc->p);
    pc->upgrading = 1;
    if (net_conn_starttls(pc->c) != 0)
        px_close(pc);
    return 1;
}

/* Answers the commands the proxy owns before login. 1: answered (or refused). */
static int local_command(struct pconn *pc, const struct ig_command *cmd)
{
    char caps[UP_CAPS_MAX + 64];
    switch (cmd->cmd) {
    case IG_CMD_CAPABILITY:
        greeting_caps(pc, caps, sizeof(caps));
        px_local(pc, "* CAPABILITY ");
        px_local(pc, caps);
        px_local(pc, "\r\n");
        px_local_tagged(pc, cmd->tag, "OK", NULL, "CAPABILITY completed");
        answered(pc, cmd);
        return 1;
    case IG_CMD_NOOP:
        px_local_tagged(pc, cmd->tag, "OK", NULL, "NOOP completed");
        answered(pc, cmd);
        return 1;
    case IG_CMD_LOGOUT:
        answered(pc, cmd);
        px_local(pc, "* BYE imapguard proxy logging out\r\n");
        px_local_tagged(pc, cmd->tag, "OK", NULL, "LOGOUT completed");
        pc->state = IG_STATE_LOGOUT;
        px_close(pc);
        return 1;
    case IG_CMD_LOGIN:
    case IG_CMD_AUTHENTICATE:
        if (px_login_allowed(pc))
            return 0;
        /* LOGINDISABLED was advertised (RFC 9051 §6.2.3, §7.1: PRIVACYREQUIRED). */
        px_local_tagged(pc, cmd->tag, "NO", "PRIVACYREQUIRED", "plaintext authentication needs TLS");
        px_log(pc, cmd->tag, cmd->cmd, cmd->name, pc->state, "refused",
               "plaintext authentication needs TLS", NULL, NULL);
        px_count_refusal("plaintext authentication needs TLS");
        return 1;
    default:
        return 0;
    }
}

/* 1 when the loop must stop (STARTTLS took over the input). */
static int on_command(struct pconn *pc, const struct ig_command *cmd)
{
    if (cmd->cmd == IG_CMD_SASL || cmd->cmd == IG_CMD_DONE) {
        /* A line of the AUTHENTICATE or IDLE exchange in flight, parsed like any. */
        pc->line_ok = 0;
        if (px_forward(pc, cmd, 0) != 0)
            px_bye(pc, "* BYE proxy cannot forward the line\r\n");
        return 0;
    }
    px.commands++;
    if (cmd->cmd == IG_CMD_APPEND && pc->app_active) {
        /* The streamed APPEND is complete: its last octets went up, now its CRLF. */
        if (!pc->swallow)
            px_write_up(pc, "\r\n", 2);
        pc->app_active = pc->swallow = 0;
        return 0;
    }
    const struct ig_cmd_rule *rule = ig_cmd_rule(cmd->cmd);
    if (cmd->cmd == IG_CMD_OTHER) {
        if (!px_allowed_other(cmd->name)) {
            refuse(pc, cmd->tag, cmd->cmd, cmd->name, "BAD", NULL, "unknown command");
            return 0;
        }
        if (pc->state != IG_STATE_AUTH && pc->state != IG_STATE_SELECTED) {
            refuse(pc, cmd->tag, cmd->cmd, cmd->name, "BAD", NULL, "command not valid in this state");
            return 0;
        }
    } else if (!(rule->valid & (1u << pc->state))) {
        refuse(pc, cmd->tag, cmd->cmd, cmd->name, "BAD", NULL, "command not valid in this state");
        return 0;
    }
    if (cmd->ext & ~pc->ext_ok) {
        refuse(pc, cmd->tag, cmd->cmd, cmd->name, "BAD", NULL, "extension not advertised");
        return 0;
    }
    if (pc->state == IG_STATE_NOT_AUTH) {
        if (cmd->cmd == IG_CMD_STARTTLS)
            return starttls(pc, cmd);
        if (local_command(pc, cmd))
            return 0;
    }
    if (pc->up == NULL && px_open_upstream(pc) != 0) {
        px_bye(pc, "* BYE the server is unavailable\r\n");
        return 0;
    }
    if (px_forward(pc, cmd, 1) != 0)
        refuse(pc, cmd->tag, cmd->cmd, cmd->name, "BAD", NULL, "command cannot be forwarded");
    return 0;
}

/* A literal's kind is an extension too: {n+} needs LITERAL+, ~{n} BINARY. */
static const char *literal_refusal(const struct pconn *pc, const struct ig_literal *lit)
{
    if ((lit->kind & 1) && !(pc->ext_ok & IG_EXT_LITERALPLUS))
        return "extension not advertised";
    if ((lit->kind & 2) && !(pc->ext_ok & IG_EXT_BINARY))
        return "extension not advertised";
    return NULL;
}

static void reject_literal(struct pconn *pc, const struct ig_literal *lit, const char *reason)
{
    struct ig_span tag = lit->tag;
    enum ig_cmd cmd = lit->cmd;
    ig_parser_literal_reject(&pc->p);
    refuse(pc, tag, cmd, no_span, "BAD", NULL, reason);
}

static void accept_literal(struct pconn *pc, const struct ig_literal *lit)
{
    int sync = !(lit->kind & 1);
    ig_parser_literal_accept(&pc->p);
    if (sync)
        px_local(pc, "+ go ahead\r\n"); /* RFC 9051 §7.5 */
}

static void on_literal(struct pconn *pc, const struct ig_literal *lit)
{
    const struct ig_cmd_rule *rule = ig_cmd_rule(lit->cmd);
    int valid = lit->cmd == IG_CMD_OTHER
                    ? (pc->state == IG_STATE_AUTH || pc->state == IG_STATE_SELECTED)
                    : (rule->valid & (1u << pc->state)) != 0;
    const char *why = literal_refusal(pc, lit);
    if (lit->message && lit->index > 0) {
        if (pc->swallow || !pc->app_active) {
            /* The server already answered this APPEND: the rest is not sent. */
            ig_parser_literal_reject(&pc->p);
            pc->app_active = pc->swallow = 0;
            return;
        }
        if (why || !(pc->ext_ok & IG_EXT_MULTIAPPEND)) {
            /* Part of the command is at the server already and cannot be taken back. */
            px_bye(pc, "* BYE APPEND message not allowed after the first\r\n");
            return;
        }
        accept_literal(pc, lit);
        if (px_append_head(pc, lit) != 0)
            px_bye(pc, "* BYE proxy cannot forward the message\r\n");
        return;
    }
    /* An unknown command word is judged at its end (on_command): its literals are
     * read, never sent anywhere before that. */
    if (!valid) {
        reject_literal(pc, lit, "command not valid in this state");
        return;
    }
    if (why) {
        reject_literal(pc, lit, why);
        return;
    }
    if (!lit->message) {
        accept_literal(pc, lit);
        return;
    }
    if (pc->up == NULL || !pc->up_ready) {
        reject_literal(pc, lit, "command cannot be forwarded");
        return;
    }
    struct ig_span tag = lit->tag;
    accept_literal(pc, lit);
    px.commands++;
    if (px_push(pc, tag, IG_CMD_APPEND, no_span, 0) == NULL || px_append_head(pc, lit) != 0) {
        px_bye(pc, "* BYE proxy cannot forward the message\r\n");
        return;
    }
    pc->app_active = 1;
    pc->swallow = 0;
}

static void on_error(struct pconn *pc, const struct ig_error *e)
{
    if (pc->line_ok && pc->idling) {
        /* Not DONE during IDLE: answered here, and the next line must be DONE again
         * (RFC 2177 §3); the server, still idling, never sees it. */
        px_count_refusal(e->reason);
        evbuffer_add_printf(pc->local, "* BAD %s\r\n", e->reason);
        px_flush_local(pc);
        pc->want_expect = IG_EXPECT_DONE;
        return;
    }
    if (pc->line_ok) {
        /* A malformed AUTHENTICATE response: cancel the exchange upstream (RFC 9051
         * §6.2.2), whose tagged BAD then reaches the client under the right tag. */
        px_count_refusal(e->reason);
        pc->line_ok = 0;
        px_write_up(pc, "*\r\n", 3);
        return;
    }
    if (pc->app_active) {
        int answered_already = pc->swallow;
        pc->app_active = pc->swallow = 0;
        if (!answered_already)
            px_bye(pc, "* BYE APPEND broken after its message went to the server\r\n");
        return;
    }
    if (e->code == IG_E_FATAL) {
        px_count_refusal(e->reason);
        px_log(pc, e->tag, e->cmd, e->name, pc->state, "refused", e->reason, NULL, NULL);
        evbuffer_add_printf(pc->local, "* BYE %s\r\n", e->reason);
        px_flush_local(pc);
        px_close(pc);
        return;
    }
    refuse(pc, e->tag, e->name.len ? e->cmd : IG_CMD_OTHER, e->name, "BAD", e->resp_code,
           e->reason);
}

static int blocked(struct pconn *pc)
{
    if (pc->closing || pc->upgrading || pc->c->closing)
        return 1;
    if (pc->elen > 0 || pc->wait_plus || pc->nq >= PX_QMAX || px_up_full(pc))
        return 1;
    if (net_conn_throttle(pc->c))
        return 1; /* the client's output is backed up: resumed by readable() */
    if (pc->stopping && !pc->app_active && ig_parser_idle(&pc->p))
        return 1;
    if (pc->line_ok)
        return 0;
    for (unsigned i = 0; i < pc->nq; i++)
        if (pc->q[i].blocking)
            return 1;
    return 0;
}

void px_pump_client(struct pconn *pc)
{
    while (!blocked(pc)) {
        struct evbuffer *in = bufferevent_get_input(pc->c->bev);
        if (evbuffer_get_length(in) == 0)
            break;
        if (pc->want_expect && ig_parser_idle(&pc->p)) {
            ig_parser_expect(&pc->p, (enum ig_expect)pc->want_expect);
            pc->want_expect = 0;
        }
        struct evbuffer_iovec v;
        evbuffer_peek(in, -1, NULL, &v, 1);
        size_t used = 0;
        enum ig_status st = ig_parser_feed(&pc->p, v.iov_base, v.iov_len, &used);
        /* Spans point into v until the drain: every event is handled first. */
        int stop = 0;
        if (st == IG_OK)
            stop = on_command(pc, ig_parser_command(&pc->p));
        else if (st == IG_NEED_LITERAL)
            on_literal(pc, ig_parser_literal(&pc->p));
        else if (st == IG_LITERAL_DATA) {
            struct ig_span d = ig_parser_data(&pc->p, NULL);
            if (pc->app_active && !pc->swallow)
                px_write_up(pc, d.ptr, d.len);
        } else if (st < 0)
            on_error(pc, ig_parser_error(&pc->p));
        if (stop)
            return; /* STARTTLS drained the input and replaced the bufferevent */
        evbuffer_drain(in, used);
    }
    px_check_done(pc);
}
