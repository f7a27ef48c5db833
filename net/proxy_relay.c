/*
 * proxy_relay.c - the server's responses, read with the response reader, go to the
 * client byte for byte, except what the proxy owns: CAPABILITY responses and
 * [CAPABILITY ...] codes (rewritten to what the proxy polices, proxy_caps.c) and the
 * "+" continuations for literals the proxy itself is sending (RFC 9051 §7.5). The
 * connection's state follows the tagged answers through ig_cmd_rule (RFC 9051 §3:
 * LOGIN/AUTHENTICATE OK -> Authenticated, SELECT/EXAMINE OK -> Selected, a failed one
 * -> Authenticated, CLOSE/UNSELECT -> Authenticated); BYE ends the connection. A
 * response that cannot be read ends both sides: the client must never get bytes the
 * proxy could not frame.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime, strncasecmp, getaddrinfo */

#include "proxy_int.h"

#include <string.h>

static struct px_inflight *find(struct pconn *pc, struct ig_span tag, unsigned *idx)
{
    for (unsigned i = 0; i < pc->nq; i++)
        if (pc->q[i].taglen == tag.len && memcmp(pc->q[i].tag, tag.ptr, tag.len) == 0) {
            *idx = i;
            return &pc->q[i];
        }
    return NULL;
}

static void pass_held(struct pconn *pc)
{
    bufferevent_write_buffer(pc->c->bev, pc->held);
}

static void drop_held(struct pconn *pc)
{
    evbuffer_drain(pc->held, evbuffer_get_length(pc->held));
}

static void caps_changed(struct pconn *pc, const struct ig_rwords *w)
{
    upstream_set_caps(pc->up, w);
    pc->ext_ok = px_ext_allowed(pc->up->caps);
}

/* "tag COND [CAPABILITY filtered] text": the status line with the proxy's list. */
static void rewrite_status(struct pconn *pc, const struct ig_response *r)
{
    char caps[UP_CAPS_MAX];
    caps_changed(pc, &r->code.words);
    px_caps_filter(pc->up->caps, pc, pc->state == IG_STATE_NOT_AUTH, caps, sizeof(caps));
    drop_held(pc);
    struct evbuffer *o = bufferevent_get_output(pc->c->bev);
    if (r->kind == IG_RESP_TAGGED)
        evbuffer_add(o, r->tag.ptr, r->tag.len);
    else
        evbuffer_add(o, "*", 1);
    evbuffer_add_printf(o, " %s [CAPABILITY %s]", ig_resp_cond_name((enum ig_resp_cond)r->cond), caps);
    if (r->text.len) {
        evbuffer_add(o, " ", 1);
        evbuffer_add(o, r->text.ptr, r->text.len);
    }
    evbuffer_add(o, "\r\n", 2);
}

static void on_continue(struct pconn *pc)
{
    if (pc->wait_plus) {
        /* The "+" for a literal the proxy is sending: the rest goes now. */
        drop_held(pc);
        pc->wait_plus = 0;
        px_send(pc);
        return;
    }
    pass_held(pc);
    for (unsigned i = pc->nq; i-- > 0;) {
        if (pc->q[i].cmd == IG_CMD_AUTHENTICATE) {
            pc->want_expect = IG_EXPECT_SASL; /* RFC 9051 §6.2.2 */
            pc->line_ok = 1;
            return;
        }
        if (pc->q[i].cmd == IG_CMD_IDLE) {
            pc->want_expect = IG_EXPECT_DONE; /* RFC 2177 §3 */
            pc->line_ok = 1;
            pc->idling = 1;
            return;
        }
    }
}

static void on_tagged(struct pconn *pc, const struct ig_response *r, int passed)
{
    unsigned idx = 0;
    struct px_inflight *f = find(pc, r->tag, &idx);
    int logout = 0;
    if (f) {
        if (f->cmd == IG_CMD_APPEND && pc->app_active && idx == pc->nq - 1) {
            /* Answered before the client finished sending it (the server refused the
             * literal): the client's remaining octets are swallowed, never sent. */
            pc->swallow = 1;
            pc->wait_plus = 0;
        } else if (pc->elen > 0 && idx == pc->nq - 1) {
            /* The command being sent was refused while we waited for its "+". */
            pc->elen = pc->esent = 0;
            pc->wait_plus = 0;
        }
        const struct ig_cmd_rule *rule = ig_cmd_rule(f->cmd);
        unsigned next = r->cond == IG_COND_OK ? rule->next_ok[pc->state] : rule->next_fail[pc->state];
        if (next != IG_NEXT_SAME && next < IG_STATE__COUNT)
            pc->state = (enum ig_state)next;
        if (f->cmd == IG_CMD_AUTHENTICATE || f->cmd == IG_CMD_IDLE) {
            if (pc->line_ok && ig_parser_idle(&pc->p))
                ig_parser_expect(&pc->p, IG_EXPECT_COMMAND);
            pc->want_expect = 0;
            pc->line_ok = 0;
            pc->idling = 0;
        }
        logout = f->cmd == IG_CMD_LOGOUT;
        px_log(pc, r->tag, f->cmd, (struct ig_span){(const unsigned char *)f->name, f->namelen},
               f->before, "forwarded", NULL,
               ig_resp_cond_name((enum ig_resp_cond)r->cond), &f->t0);
        memmove(&pc->q[idx], &pc->q[idx + 1], (pc->nq - idx - 1) * sizeof(pc->q[0]));
        pc->nq--;
    }
    if (!passed && r->code.code == IG_RCODE_CAPABILITY)
        rewrite_status(pc, r);
    else if (!passed)
        pass_held(pc);
    if (logout || pc->state == IG_STATE_LOGOUT)
        px_close(pc);
}

static void on_response(struct pconn *pc, const struct ig_response *r, int passed)
{
    switch (r->kind) {
    case IG_RESP_CONTINUE:
        on_continue(pc);
        return;
    case IG_RESP_TAGGED:
        on_tagged(pc, r, passed);
        return;
    case IG_RESP_STATUS:
        if (r->cond == IG_COND_BYE) {
            pass_held(pc);
            pc->bye_seen = 1;
            int logout = 0;
            for (unsigned i = 0; i < pc->nq; i++)
                logout |= pc->q[i].cmd == IG_CMD_LOGOUT;
            if (!logout) /* the server ends the connection: so does the proxy */
                px_close(pc);
            return;
        }
        if (!passed && r->code.code == IG_RCODE_CAPABILITY)
            rewrite_status(pc, r);
        else if (!passed)
            pass_held(pc);
        return;
    default:
        if (!passed && r->data == IG_RDATA_CAPABILITY) {
            char caps[UP_CAPS_MAX];
            caps_changed(pc, &r->u.words);
            px_caps_filter(pc->up->caps, pc, pc->state == IG_STATE_NOT_AUTH, caps, sizeof(caps));
            drop_held(pc);
            evbuffer_add_printf(bufferevent_get_output(pc->c->bev), "* CAPABILITY %s\r\n", caps);
        } else if (!passed) {
            pass_held(pc);
        }
        return;
    }
}

void px_pump_upstream(struct pconn *pc)
{
    if (pc->up == NULL || !pc->up_ready)
        return;
    while (!pc->closing && !pc->c->closing) {
        if (net_conn_throttle(pc->c))
            break; /* the client reads slowly: resumed by readable() once it drained */
        struct evbuffer *in = bufferevent_get_input(pc->up->bev);
        if (evbuffer_get_length(in) == 0)
            break;
        struct evbuffer_iovec v;
        evbuffer_peek(in, -1, NULL, &v, 1);
        size_t used = 0;
        enum ig_status st = ig_response_feed(&pc->up->rd, v.iov_base, v.iov_len, &used);
        evbuffer_remove_buffer(in, pc->held, used);
        if (st < 0) {
            px.upstream_errors++;
            /* The reader's reason is fixed text, never the server's bytes: safe to log. */
            px_log_event(pc, "upstream-error", ig_response_error(&pc->up->rd)->reason);
            drop_held(pc);
            px_bye(pc, "* BYE the server sent a response the proxy cannot read\r\n");
            return;
        }
        if (st == IG_NEED_LITERAL)
            pc->pass = 1; /* responses with literals are data: passed on as they come */
        if (pc->pass)
            pass_held(pc);
        if (st == IG_OK) {
            int passed = pc->pass;
            pc->pass = 0;
            on_response(pc, ig_response_get(&pc->up->rd), passed);
            px_flush_local(pc);
        }
    }
    px_check_done(pc);
}
