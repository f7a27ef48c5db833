/*
 * proxy.c - `imapguard proxy`: start-up (the upstream probe that learns the server's
 * capabilities), the net_conn_ops that net/server.c drives (listeners, TLS, caps,
 * timeouts and signals are all there), one struct pconn per client, and the clean
 * stop. The other proxy_*.c files each do one part of a connection's work
 * (proxy_int.h lists them).
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime, strncasecmp, getaddrinfo */

#include "proxy_int.h"

#include <stdlib.h>
#include <string.h>

struct px_app px;

void proxy_opts_default(struct proxy_opts *po)
{
    memset(po, 0, sizeof(*po));
    po->max_bad = 10;
}

/* The parser's memory block. One place, so that a pool lending the block only while a
 * command is in progress can replace it. */
void *px_parser_take(size_t size)
{
    return malloc(size);
}

void px_parser_give(void *mem)
{
    free(mem);
}

void px_close(struct pconn *pc)
{
    if (pc->closing)
        return;
    pc->closing = 1;
    if (pc->up)
        bufferevent_disable(pc->up->bev, EV_READ);
    net_conn_close(pc->c);
}

void px_bye(struct pconn *pc, const char *line)
{
    if (pc->closing || pc->c->closing)
        return;
    /* A BYE in the middle of a response passed on would be read as its octets. */
    if (!pc->pass)
        bufferevent_write(pc->c->bev, line, strlen(line));
    px_close(pc);
}

/* SIGTERM: once nothing is in flight, BYE (RFC 9051 §7.1.5) and close. */
void px_check_done(struct pconn *pc)
{
    if (!pc->stopping || pc->closing || pc->c->closing)
        return;
    if (pc->nq == 0 && pc->elen == 0 && !pc->app_active && !pc->pass && ig_parser_idle(&pc->p))
        px_bye(pc, "* BYE server shutting down\r\n");
}

static void update_timeout(struct pconn *pc)
{
    if ((int)pc->state == pc->last_state || pc->closing)
        return;
    pc->last_state = (int)pc->state;
    const struct net_opts *o = net_server_opts(pc->c->srv);
    net_conn_set_timeout(pc->c, pc->state == IG_STATE_NOT_AUTH ? o->login_timeout : o->idle_timeout);
}

static void pump(struct pconn *pc)
{
    px_pump_upstream(pc);
    px_pump_client(pc);
    update_timeout(pc);
}

/* ---- the upstream connection of one client ---- */

static void up_ready(struct upstream *u)
{
    struct pconn *pc = u->arg;
    pc->up_ready = 1;
    pc->ext_ok = px_ext_allowed(u->caps);
    px_send(pc);
    pump(pc);
}

static void up_readable(struct upstream *u)
{
    pump(u->arg);
}

static void up_writable(struct upstream *u)
{
    pump(u->arg);
}

static void up_failed(struct upstream *u, const char *why)
{
    struct pconn *pc = u->arg;
    if (pc->closing || pc->c->closing)
        return;
    if (!pc->bye_seen) {
        px.upstream_errors++;
        px_log_event(pc, "upstream-error", why);
    }
    /* Whatever was in flight gets no answer: the client hears why (RFC 9051 §7.1.5). */
    px_bye(pc, "* BYE the server is unavailable\r\n");
}

static const struct upstream_ops up_ops = {
    .ready = up_ready,
    .readable = up_readable,
    .writable = up_writable,
    .failed = up_failed,
};

int px_open_upstream(struct pconn *pc)
{
    pc->up = upstream_open(px.base, &px.ucfg, &up_ops, pc);
    pc->up_ready = 0;
    return pc->up ? 0 : -1;
}

/* ---- net_conn_ops ---- */

/* A client still not logged in when login_timeout has passed since it connected is
 * sent away, however it trickles its bytes (slowloris): the read timeout only counts
 * silence. RFC 9051 §5.4 allows the server to end an idle session. */
static void on_login_deadline(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct pconn *pc = arg;
    if (pc->state == IG_STATE_NOT_AUTH && !pc->closing)
        px_bye(pc, "* BYE autologout: login took too long\r\n");
}

static int px_conn_open(struct net_conn *c)
{
    struct pconn *pc = calloc(1, sizeof(*pc));
    if (pc == NULL)
        return -1;
    c->app = pc;
    pc->c = c;
    size_t msz = ig_parser_memsize(NULL);
    pc->pmem = px_parser_take(msz);
    pc->held = evbuffer_new();
    pc->local = evbuffer_new();
    if (pc->pmem == NULL || pc->held == NULL || pc->local == NULL ||
        ig_parser_init(&pc->p, NULL, pc->pmem, msz) != IG_OK)
        return -1;
    pc->state = IG_STATE_NOT_AUTH;
    pc->last_state = IG_STATE_NOT_AUTH;
    struct timeval lt = {(time_t)net_server_opts(c->srv)->login_timeout, 0};
    pc->login_deadline = evtimer_new(px.base, on_login_deadline, pc);
    if (pc->login_deadline == NULL || evtimer_add(pc->login_deadline, &lt) != 0)
        return -1;
    pc->ext_ok = px_ext_allowed(px.probe_caps);
    /* The client's bytes wait in the socket, not here, while the proxy is busy. */
    bufferevent_setwatermark(c->bev, EV_READ, 0, NET_OUTPUT_HIGH);
    char caps[UP_CAPS_MAX];
    px_caps_filter(px.probe_caps, pc, 1, caps, sizeof(caps));
    evbuffer_add_printf(bufferevent_get_output(c->bev),
                        "* OK [CAPABILITY %s] imapguard proxy ready\r\n", caps);
    return 0;
}

static void px_conn_readable(struct net_conn *c)
{
    pump(c->app);
}

static void px_conn_tls_ready(struct net_conn *c)
{
    struct pconn *pc = c->app;
    bufferevent_setwatermark(c->bev, EV_READ, 0, NET_OUTPUT_HIGH);
    pc->upgrading = 0;
    pump(pc);
}

static void px_conn_timeout(struct net_conn *c)
{
    struct pconn *pc = c->app;
    if (pc->nq > 0 && !pc->app_active && !pc->line_ok && ig_parser_idle(&pc->p)) {
        /* The client waits for the server (a long SEARCH): not idle. A client silent
         * inside its own command (an APPEND's octets, a SASL or DONE line, half a
         * line) is. */
        bufferevent_enable(c->bev, EV_READ);
        return;
    }
    px_bye(pc, "* BYE autologout: idle for too long\r\n"); /* RFC 9051 §5.4 */
}

static void px_conn_shutdown(struct net_conn *c)
{
    struct pconn *pc = c->app;
    pc->stopping = 1;
    if (pc->idling && pc->line_ok) {
        /* End the IDLE for the client; the server's OK then lets the BYE go out. */
        pc->line_ok = 0;
        px_write_up(pc, "DONE\r\n", 6);
    }
    pump(pc);
    px_check_done(pc);
}

static void px_conn_free(struct net_conn *c)
{
    struct pconn *pc = c->app;
    if (pc == NULL)
        return;
    upstream_free(pc->up);
    if (pc->login_deadline)
        event_free(pc->login_deadline);
    if (pc->pmem)
        px_parser_give(pc->pmem);
    if (pc->held)
        evbuffer_free(pc->held);
    if (pc->local)
        evbuffer_free(pc->local);
    free(pc->ebuf);
    free(pc);
    c->app = NULL;
}

static const struct net_conn_ops px_ops = {
    .open = px_conn_open,
    .readable = px_conn_readable,
    .tls_ready = px_conn_tls_ready,
    .timeout = px_conn_timeout,
    .shutdown = px_conn_shutdown,
    .free = px_conn_free,
    .status = px_status,
};

/* ---- start-up: the probe ---- */

static struct {
    int done;
    const char *why;
} probe;

static void probe_ready(struct upstream *u)
{
    memcpy(px.probe_caps, u->caps, sizeof(px.probe_caps));
    probe.done = 1;
    event_base_loopbreak(u->base);
}

static void probe_failed(struct upstream *u, const char *why)
{
    probe.why = why;
    event_base_loopbreak(u->base);
}

static void probe_nop(struct upstream *u)
{
    (void)u;
}

static const struct upstream_ops probe_ops = {
    .ready = probe_ready,
    .readable = probe_nop,
    .writable = probe_nop,
    .failed = probe_failed,
};

static int run_probe(void)
{
    struct event_base *b = event_base_new();
    if (b == NULL)
        return -1;
    struct upstream *u = upstream_open(b, &px.ucfg, &probe_ops, NULL);
    if (u == NULL)
        probe.why = "cannot connect to the server";
    else
        event_base_dispatch(b);
    upstream_free(u);
    event_base_free(b);
    if (!probe.done) {
        fprintf(stderr, "imapguard proxy: upstream %s: %s\n", px.po.upstream,
                probe.why ? probe.why : "no answer");
        return -1;
    }
    return 0;
}

int net_proxy(const struct net_opts *o, const struct proxy_opts *po)
{
    int rc = -1;
    struct net_server *srv = NULL;
    px.po = *po;
    px.log = o->log;
    if (upstream_cfg_addr(&px.ucfg, po->upstream) != 0)
        return -1;
    px.ucfg.mode = po->upstream_mode;
    px.ucfg.setup_timeout = 10;
    if (po->upstream_name)
        px.ucfg.name = po->upstream_name;
    else {
        /* HOST of HOST:PORT, without IPv6 brackets */
        static char host[256];
        const char *colon = strrchr(po->upstream, ':');
        size_t n = (size_t)(colon - po->upstream);
        if (n >= sizeof(host))
            n = sizeof(host) - 1;
        memcpy(host, po->upstream, n);
        host[n] = 0;
        if (host[0] == '[' && n > 2) {
            memmove(host, host + 1, n - 2);
            host[n - 2] = 0;
        }
        px.ucfg.name = host;
    }
    if (po->upstream_mode != UP_PLAIN) {
        px.ucfg.tls = upstream_tls_ctx(po->upstream_ca, po->upstream_insecure);
        if (px.ucfg.tls == NULL)
            return -1;
    }
    /* The re-reader of emitted commands: room for a line grown by quoting. */
    struct ig_limits lim;
    ig_limits_default(&lim);
    lim.max_line = 4u * IG_DEFAULT_MAX_LINE;
    size_t msz = ig_parser_memsize(&lim);
    px.segmem = malloc(msz);
    if (px.segmem == NULL || ig_parser_init(&px.seg, &lim, px.segmem, msz) != IG_OK)
        goto out;
    if (run_probe() != 0)
        goto out;
    srv = net_server_new(o, &px_ops);
    if (srv == NULL)
        goto out;
    px.base = net_server_base(srv);
    rc = net_server_run(srv);
out:
    net_server_free(srv);
    free(px.segmem);
    if (px.ucfg.tls)
        SSL_CTX_free(px.ucfg.tls);
    return rc;
}
