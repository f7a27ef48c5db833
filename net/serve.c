/*
 * serve.c - `imapguard serve`: the network loop of net/server.c around one sans-I/O
 * session (imapguard_session.h) per connection, on the reference backend (backend/ref.h),
 * all in memory. The session decides everything IMAP; this file moves bytes, turns the
 * session's actions into TLS upgrades and closes, and keeps memory bounded: input stays
 * in the socket's buffer until the session takes it, and reading stops while more than
 * NET_OUTPUT_HIGH bytes of output wait for a slow client.
 */
#include "serve.h"

#include "json.h"
#include "pool.h"

#include <event2/buffer.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

struct serve_conn {
    struct ig_session *s;
    void *block;            /* the session's block while it holds one (pool.h) */
    struct ig_ref_conn *rc;
    int pending;            /* a command waits for output room */
    int stopping;           /* SIGTERM: BYE once the command in progress is done */
    int upgrading;          /* STARTTLS handshake under way: nothing to feed */
    int last_state;         /* to switch the read timeout when authentication happens */
};

static struct {
    struct ig_ref_store *st;
    struct ig_session_config cfg;
    struct net_pool *pool;  /* session blocks, lent while a command is in progress */
    FILE *log;
    uint64_t commands, ok, no, bad, starttls, idle_polls;
} app;

static void trace_cb(void *ctx, const struct ig_trace *ev)
{
    struct net_conn *c = ctx;
    if (ev->is_action) {
        if (ev->action == IG_ACT_STARTTLS)
            app.starttls++;
        return;
    }
    app.commands++;
    app.ok += ev->status == IG_BK_OK;
    app.no += ev->status == IG_BK_NO;
    app.bad += ev->status == IG_BK_BAD;
    if (app.log == NULL)
        return;
    /* Tag, command name, states and the verdict: never an argument (passwords). */
    fprintf(app.log, "{\"time\":%lld,\"conn\":%llu,\"tag\":", (long long)time(NULL),
            (unsigned long long)c->id);
    if (ev->tag.len)
        json_string(app.log, ev->tag.ptr, ev->tag.len);
    else
        fputs("null", app.log);
    fputs(",\"command\":", app.log);
    json_cstring(app.log, ig_cmd_name(ev->cmd));
    fprintf(app.log, ",\"state\":\"%s\",\"state_after\":\"%s\",\"status\":%s}\n",
            ig_state_name(ev->before), ig_state_name(ev->after),
            ev->status == IG_BK_OK    ? "\"OK\""
            : ev->status == IG_BK_NO  ? "\"NO\""
            : ev->status == IG_BK_BAD ? "\"BAD\""
                                      : "null");
    fflush(app.log);
}

/* Copies the session's output into the socket's buffer. After this nothing the session
 * wrote refers to the store any more, so the store may reclaim. */
static void drain(struct net_conn *c, struct serve_conn *sc)
{
    for (;;) {
        struct ig_span o = ig_session_output(sc->s);
        if (o.len == 0)
            break;
        if (bufferevent_write(c->bev, o.ptr, o.len) != 0) {
            net_conn_close(c);
            return;
        }
        ig_session_sent(sc->s, o.len);
    }
}

/* The session's memory block comes from the pool only while it is needed: bytes to
 * feed, an IDLE poll. Between commands the session keeps its state in its struct
 * (ig_session_detach), so a quiet connection holds about 5 KiB instead of ~260 KiB. */
static int have_block(struct serve_conn *sc)
{
    if (sc->block != NULL)
        return 1;
    void *b = net_pool_get(app.pool);
    if (b == NULL)
        return 0;
    if (ig_session_attach(sc->s, b, net_pool_block_size(app.pool)) != IG_OK) {
        net_pool_put(app.pool, b);
        return 0;
    }
    sc->block = b;
    return 1;
}

/* Gives the block back when the session is between commands with all output handed
 * to the socket; keeps it otherwise (a half-read line, a paused command, APPEND). */
static void give_back(struct serve_conn *sc)
{
    if (sc->block != NULL && ig_session_detach(sc->s) != NULL) {
        net_pool_put(app.pool, sc->block);
        sc->block = NULL;
    }
}

static void say_bye(struct net_conn *c, const char *line)
{
    bufferevent_write(c->bev, line, strlen(line));
    net_conn_close(c);
}

/* Feeds what has arrived to the session until it is all taken, the session asks for an
 * action, or the client's output is backed up. */
static void pump(struct net_conn *c)
{
    struct serve_conn *sc = c->app;
    struct evbuffer *in = bufferevent_get_input(c->bev);
    if (sc->upgrading)
        return;
    while (!c->closing) {
        drain(c, sc);
        if (c->closing)
            break;
        enum ig_action act = ig_session_action(sc->s);
        if (act == IG_ACT_CLOSE) {
            net_conn_close(c);
            break;
        }
        if (act == IG_ACT_STARTTLS) {
            /* Plaintext pipelined behind STARTTLS is fed to the session, which throws
             * it away (RFC 9051 §6.2.1, CVE-2011-0411 class), then the handshake. */
            size_t n;
            if (evbuffer_get_length(in) > 0 && !have_block(sc)) {
                net_conn_close(c);
                return;
            }
            while ((n = evbuffer_get_length(in)) > 0) {
                struct evbuffer_iovec v;
                evbuffer_peek(in, -1, NULL, &v, 1);
                size_t used = 0;
                ig_session_feed(sc->s, v.iov_base, v.iov_len, &used);
                evbuffer_drain(in, v.iov_len);
            }
            drain(c, sc);
            sc->upgrading = 1;
            if (net_conn_starttls(c) != 0)
                net_conn_close(c);
            return;
        }
        if (sc->stopping && !sc->pending) {
            say_bye(c, "* BYE server shutting down\r\n");
            break;
        }
        if (net_conn_throttle(c))
            break; /* resumed by the write callback once the client has read */
        struct evbuffer_iovec v = {NULL, 0};
        if (!sc->stopping && evbuffer_get_length(in) > 0)
            evbuffer_peek(in, -1, NULL, &v, 1);
        if (v.iov_len == 0 && !sc->pending)
            break;
        if (!have_block(sc)) {
            say_bye(c, "* BYE server busy, try again later\r\n");
            break;
        }
        static const unsigned char none[1] = {0};
        size_t used = 0;
        enum ig_status st = ig_session_feed(sc->s, v.iov_len ? v.iov_base : none, v.iov_len, &used);
        evbuffer_drain(in, used);
        int had_output = ig_session_output(sc->s).len > 0;
        sc->pending = st == IG_NEED_OUTPUT;
        if (st < 0 || (sc->pending && used == 0 && !had_output)) {
            net_conn_close(c); /* the session made no progress: never spin */
            break;
        }
    }
    if (!c->closing)
        give_back(sc);
    ig_ref_reclaim(app.st);
    if (c->closing)
        return;
    int state = (int)ig_session_state(sc->s);
    if (state != sc->last_state) {
        sc->last_state = state;
        const struct net_opts *o = net_server_opts(c->srv);
        net_conn_set_timeout(c, state == IG_STATE_NOT_AUTH ? o->login_timeout : o->idle_timeout);
    }
}

static int serve_open(struct net_conn *c)
{
    struct serve_conn *sc = calloc(1, sizeof(*sc));
    if (sc == NULL)
        return -1;
    struct ig_session_config cfg = app.cfg;
    cfg.tls_active = (uint8_t)c->tls;
    sc->s = malloc(sizeof(*sc->s));
    sc->block = net_pool_get(app.pool);
    sc->rc = ig_ref_conn_new(app.st);
    c->app = sc;
    if (sc->s == NULL || sc->block == NULL || sc->rc == NULL ||
        ig_session_init(sc->s, &cfg, &ig_ref_backend, sc->rc, sc->block,
                        net_pool_block_size(app.pool)) != IG_OK)
        return -1;
    ig_session_set_trace(sc->s, trace_cb, c);
    sc->last_state = IG_STATE_NOT_AUTH;
    pump(c); /* the greeting */
    return 0;
}

static void serve_readable(struct net_conn *c)
{
    pump(c);
}

static void serve_tls_ready(struct net_conn *c)
{
    struct serve_conn *sc = c->app;
    /* An implicit-TLS connection reports its handshake too; the session was made for
     * TLS then, and must not be told again. */
    if (sc->upgrading) {
        sc->upgrading = 0;
        ig_session_tls_started(sc->s);
    }
    pump(c);
}

static void serve_timeout(struct net_conn *c)
{
    struct serve_conn *sc = c->app;
    /* RFC 9051 §5.4: the autologout timer; an untagged BYE says why (§7.1.5). */
    if (!sc->pending)
        say_bye(c, "* BYE autologout: idle for too long\r\n");
    else
        net_conn_close(c);
}

static void serve_tick(struct net_conn *c)
{
    struct serve_conn *sc = c->app;
    /* Other connections may have added or removed mail: an idling client hears of it
     * (RFC 2177). Only during IDLE, never between commands (RFC 9051 §7.5.1). */
    if (sc->pending || !ig_session_idling(sc->s))
        return;
    if (!have_block(sc))
        return; /* the next tick tries again */
    app.idle_polls++;
    sc->pending = ig_session_poll(sc->s) == IG_NEED_OUTPUT;
    pump(c);
}

static void serve_shutdown(struct net_conn *c)
{
    struct serve_conn *sc = c->app;
    sc->stopping = 1;
    pump(c);
}

static void serve_free(struct net_conn *c)
{
    struct serve_conn *sc = c->app;
    if (sc == NULL)
        return;
    ig_ref_conn_free(sc->rc);
    net_pool_put(app.pool, sc->block); /* a connection closed mid-command holds one */
    free(sc->s);
    free(sc);
    c->app = NULL;
}

static void serve_status(FILE *f)
{
    fprintf(f, ",\"commands\":%llu,\"ok\":%llu,\"no\":%llu,\"bad\":%llu,\"starttls\":%llu,"
               "\"idle_polls\":%llu",
            (unsigned long long)app.commands, (unsigned long long)app.ok,
            (unsigned long long)app.no, (unsigned long long)app.bad,
            (unsigned long long)app.starttls, (unsigned long long)app.idle_polls);
    net_pool_status(app.pool, f);
}

static const struct net_conn_ops serve_ops = {
    .open = serve_open,
    .readable = serve_readable,
    .tls_ready = serve_tls_ready,
    .timeout = serve_timeout,
    .tick = serve_tick,
    .shutdown = serve_shutdown,
    .free = serve_free,
    .status = serve_status,
};

int net_serve(const struct net_opts *o, struct ig_ref_store *st,
              const struct ig_session_config *cfg)
{
    app.st = st;
    app.cfg = *cfg;
    app.log = o->log;
    /* One block per connection at most (max_conns bounds it: a connection holds one
     * block at a time), so no connection ever waits for one; 32 returned blocks are
     * kept for reuse. */
    app.pool = net_pool_new("session", ig_session_memsize(cfg), o->max_conns, 32);
    if (app.pool == NULL) {
        fprintf(stderr, "imapguard: out of memory\n");
        return -1;
    }
    struct net_server *srv = net_server_new(o, &serve_ops);
    if (srv == NULL) {
        net_pool_free(app.pool);
        return -1;
    }
    int rc = net_server_run(srv);
    net_server_free(srv);
    net_pool_free(app.pool);
    app.pool = NULL;
    return rc;
}
