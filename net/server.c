/*
 * server.c - listeners, the connection registry and its caps, timers and signals. One
 * process, one libevent loop, non-blocking sockets; per connection one bufferevent
 * (plain, implicit TLS, or a TLS filter put on top by STARTTLS).
 */
#include "net.h"

#include <event2/bufferevent_ssl.h>
#include <event2/buffer.h>
#include <event2/listener.h>
#include <event2/util.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct net_server {
    struct event_base *base;
    struct net_opts o;
    const struct net_conn_ops *ops;
    SSL_CTX *tls;
    struct evconnlistener *ls[2 * NET_MAX_LISTEN];
    unsigned nls;
    struct event *sigterm, *sigint, *sigusr1, *tick, *grace;
    struct net_conn *conns;
    unsigned nconns;
    uint64_t next_id;
    int stopping;
    /* counters (status line) */
    uint64_t accepted, refused_total_cap, refused_addr_cap, timeouts, tls_failed;
};

void net_opts_default(struct net_opts *o)
{
    memset(o, 0, sizeof(*o));
    o->max_conns = 1000;
    o->max_per_addr = 50;
    o->login_timeout = 60;
    o->idle_timeout = 30 * 60;
    o->shutdown_grace = 10;
}

struct event_base *net_server_base(struct net_server *srv)
{
    return srv->base;
}

const struct net_opts *net_server_opts(struct net_server *srv)
{
    return &srv->o;
}

static void log_conn(struct net_conn *c, const char *event)
{
    FILE *f = c->srv->o.log;
    if (f == NULL)
        return;
    fprintf(f, "{\"time\":%lld,\"conn\":%llu,\"event\":\"%s\",\"client\":\"%s\"}\n",
            (long long)time(NULL), (unsigned long long)c->id, event, c->addr);
    fflush(f);
}

static void conn_free(struct net_conn *c)
{
    struct net_server *srv = c->srv;
    if (srv->ops->free)
        srv->ops->free(c);
    log_conn(c, "close");
    if (c->prev)
        c->prev->next = c->next;
    else
        srv->conns = c->next;
    if (c->next)
        c->next->prev = c->prev;
    srv->nconns--;
    if (c->reaper)
        event_free(c->reaper);
    if (c->bev)
        bufferevent_free(c->bev);
    free(c);
    if (srv->stopping && srv->nconns == 0)
        event_base_loopexit(srv->base, NULL);
}

static void on_read(struct bufferevent *bev, void *arg)
{
    (void)bev;
    struct net_conn *c = arg;
    if (!c->closing)
        c->srv->ops->readable(c);
}

static void on_write(struct bufferevent *bev, void *arg)
{
    struct net_conn *c = arg;
    size_t left = evbuffer_get_length(bufferevent_get_output(bev));
    if (c->closing)
        return; /* the reaper frees it once everything is out */
    /* The output drained below the low mark: reading resumes where it stopped. */
    if (!(bufferevent_get_enabled(bev) & EV_READ) && left < NET_OUTPUT_HIGH / 2) {
        bufferevent_enable(bev, EV_READ);
        c->srv->ops->readable(c);
    }
}

static void on_event(struct bufferevent *bev, short what, void *arg)
{
    (void)bev;
    struct net_conn *c = arg;
    if (what & BEV_EVENT_CONNECTED) { /* a STARTTLS handshake is done */
        c->tls = 1;
        if (c->srv->ops->tls_ready)
            c->srv->ops->tls_ready(c);
        return;
    }
    if ((what & BEV_EVENT_TIMEOUT) && !c->closing) {
        c->srv->timeouts++;
        if (what & BEV_EVENT_READING) {
            if (c->srv->ops->timeout)
                c->srv->ops->timeout(c);
            else
                net_conn_close(c);
            return;
        }
        conn_free(c); /* a client that does not read its output */
        return;
    }
    if ((what & BEV_EVENT_ERROR) && !c->tls && bufferevent_openssl_get_ssl(c->bev))
        c->srv->tls_failed++;
    conn_free(c); /* EOF or error */
}

static void set_callbacks(struct net_conn *c)
{
    bufferevent_setcb(c->bev, on_read, on_write, on_event, c);
    /* write callback when the output falls to half the high mark (backpressure) */
    bufferevent_setwatermark(c->bev, EV_WRITE, NET_OUTPUT_HIGH / 2, 0);
    struct timeval wt = {c->srv->o.idle_timeout, 0};
    struct timeval rt = {c->srv->o.login_timeout, 0};
    bufferevent_set_timeouts(c->bev, &rt, &wt);
    bufferevent_enable(c->bev, EV_READ | EV_WRITE);
}

void net_conn_set_timeout(struct net_conn *c, unsigned seconds)
{
    struct timeval rt = {seconds, 0}, wt = {c->srv->o.idle_timeout, 0};
    bufferevent_set_timeouts(c->bev, &rt, &wt);
}

int net_conn_throttle(struct net_conn *c)
{
    if (evbuffer_get_length(bufferevent_get_output(c->bev)) < NET_OUTPUT_HIGH)
        return 0;
    bufferevent_disable(c->bev, EV_READ);
    return 1;
}

/* Output not yet on the wire: a STARTTLS filter's records wait in the bufferevent
 * below it. */
static size_t pending_output(struct net_conn *c)
{
    size_t n = evbuffer_get_length(bufferevent_get_output(c->bev));
    struct bufferevent *under = bufferevent_get_underlying(c->bev);
    if (under)
        n += evbuffer_get_length(bufferevent_get_output(under));
    return n;
}

/* A closed connection is freed once its output is out (LOGOUT's tagged OK, a BYE), or
 * after shutdown_grace seconds of a client that does not read. */
static void on_reap(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct net_conn *c = arg;
    if (pending_output(c) > 0 && c->reap_tries++ < 100u * c->srv->o.shutdown_grace) {
        static const struct timeval tick = {0, 10000};
        evtimer_add(c->reaper, &tick);
        return;
    }
    conn_free(c);
}

void net_conn_close(struct net_conn *c)
{
    if (c->closing)
        return;
    c->closing = 1;
    bufferevent_disable(c->bev, EV_READ);
    static const struct timeval now = {0, 0};
    evtimer_add(c->reaper, &now);
}

int net_conn_starttls(struct net_conn *c)
{
    SSL *ssl = SSL_new(c->srv->tls);
    if (ssl == NULL)
        return -1;
    /* The filter writes its records after what is already queued (the tagged OK of
     * STARTTLS, in plaintext, as RFC 9051 §6.2.1 wants) and reads the handshake from the
     * socket; the plain bufferevent is freed with it. */
    struct bufferevent *tls = bufferevent_openssl_filter_new(
        c->srv->base, c->bev, ssl, BUFFEREVENT_SSL_ACCEPTING, BEV_OPT_CLOSE_ON_FREE);
    if (tls == NULL) {
        SSL_free(ssl);
        return -1;
    }
    c->bev = tls;
    set_callbacks(c);
    return 0;
}

static int addr_count(struct net_server *srv, const char *addr)
{
    int n = 0;
    for (struct net_conn *c = srv->conns; c; c = c->next)
        n += strcmp(c->addr, addr) == 0;
    return n;
}

static void on_accept(struct evconnlistener *l, evutil_socket_t fd, struct sockaddr *sa,
                      int salen, void *arg)
{
    (void)salen;
    struct net_server *srv = arg;
    int tls = 0;
    for (unsigned i = 0; i < srv->nls; i++)
        if (srv->ls[i] == l)
            tls = i >= srv->o.nlisten; /* plain listeners come first */
    char addr[64] = "?";
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((struct sockaddr_in *)sa)->sin_addr, addr, sizeof(addr));
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((struct sockaddr_in6 *)sa)->sin6_addr, addr, sizeof(addr));
    if (srv->stopping || srv->nconns >= srv->o.max_conns ||
        (int)srv->o.max_per_addr <= addr_count(srv, addr)) {
        /* Over a cap: a fixed BYE (RFC 9051 §7.1.5 allows it as the greeting), then close. */
        static const char bye[] = "* BYE too many connections\r\n";
        if (srv->nconns >= srv->o.max_conns || srv->stopping)
            srv->refused_total_cap++;
        else
            srv->refused_addr_cap++;
        if (!tls && send(fd, bye, sizeof(bye) - 1, MSG_DONTWAIT | MSG_NOSIGNAL) < 0) {
            /* nothing to do: the connection is dropped either way */
        }
        evutil_closesocket(fd);
        return;
    }
    struct net_conn *c = calloc(1, sizeof(*c));
    if (c == NULL) {
        evutil_closesocket(fd);
        return;
    }
    c->srv = srv;
    c->id = ++srv->next_id;
    c->reaper = evtimer_new(srv->base, on_reap, c);
    if (c->reaper == NULL) {
        evutil_closesocket(fd);
        free(c);
        return;
    }
    memcpy(c->addr, addr, sizeof(addr));
    /* IMAP is request/response in small segments: with Nagle on, a response written
     * in two pieces waits for the client's delayed ACK (up to 40 ms on Linux) before its
     * second piece leaves (RFC 1122 §4.2.3.4 allows turning it off for such traffic).
     * A failure only costs latency. */
    int one = 1;
    if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)) != 0) {
        /* not a TCP socket or refused: keep going with Nagle */
    }
    if (tls) {
        SSL *ssl = SSL_new(srv->tls);
        c->bev = ssl ? bufferevent_openssl_socket_new(srv->base, fd, ssl, BUFFEREVENT_SSL_ACCEPTING,
                                                       BEV_OPT_CLOSE_ON_FREE)
                     : NULL;
        if (c->bev == NULL)
            SSL_free(ssl);
        c->tls = 1;
    } else {
        c->bev = bufferevent_socket_new(srv->base, fd, BEV_OPT_CLOSE_ON_FREE);
    }
    if (c->bev == NULL) {
        evutil_closesocket(fd);
        event_free(c->reaper);
        free(c);
        return;
    }
    c->next = srv->conns;
    if (srv->conns)
        srv->conns->prev = c;
    srv->conns = c;
    srv->nconns++;
    srv->accepted++;
    set_callbacks(c);
    log_conn(c, tls ? "open-tls" : "open");
    if (srv->ops->open(c) != 0)
        conn_free(c);
}

static void write_status(struct net_server *srv)
{
    FILE *f = srv->o.status_file ? fopen(srv->o.status_file, "w") : stderr;
    if (f == NULL)
        return;
    fprintf(f, "{\"time\":%lld,\"connections\":%u,\"accepted\":%llu,\"refused_max_conns\":%llu,"
               "\"refused_max_per_addr\":%llu,\"timeouts\":%llu,\"tls_failed\":%llu",
            (long long)time(NULL), srv->nconns, (unsigned long long)srv->accepted,
            (unsigned long long)srv->refused_total_cap, (unsigned long long)srv->refused_addr_cap,
            (unsigned long long)srv->timeouts, (unsigned long long)srv->tls_failed);
    if (srv->ops->status)
        srv->ops->status(f);
    fputs("}\n", f);
    if (f != stderr)
        fclose(f);
    else
        fflush(f);
}

static void on_grace(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct net_server *srv = arg;
    fprintf(stderr, "imapguard: shutdown grace over, %u connection(s) dropped\n", srv->nconns);
    event_base_loopexit(srv->base, NULL);
}

static void on_signal(evutil_socket_t sig, short what, void *arg)
{
    (void)what;
    struct net_server *srv = arg;
    if (sig == SIGUSR1) {
        write_status(srv);
        return;
    }
    if (srv->stopping)
        return;
    /* Stop accepting; each connection finishes what it is doing and says BYE. */
    srv->stopping = 1;
    for (unsigned i = 0; i < srv->nls; i++)
        evconnlistener_disable(srv->ls[i]);
    for (struct net_conn *c = srv->conns, *next; c; c = next) {
        next = c->next;
        if (srv->ops->shutdown)
            srv->ops->shutdown(c);
        else
            net_conn_close(c);
    }
    if (srv->nconns == 0) {
        event_base_loopexit(srv->base, NULL);
        return;
    }
    struct timeval g = {srv->o.shutdown_grace, 0};
    srv->grace = evtimer_new(srv->base, on_grace, srv);
    if (srv->grace)
        evtimer_add(srv->grace, &g);
}

static void on_tick(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    struct net_server *srv = arg;
    if (srv->ops->tick == NULL)
        return;
    for (struct net_conn *c = srv->conns, *next; c; c = next) {
        next = c->next; /* tick may close c */
        if (!c->closing)
            srv->ops->tick(c);
    }
}

static int add_listener(struct net_server *srv, const char *spec, int tls)
{
    struct sockaddr_storage ss;
    int len = (int)sizeof(ss);
    /* libevent's parser refuses port 0, which tests use to get a free port: parse the
     * address with port 1, then set 0. */
    char buf[128];
    size_t sl = strlen(spec);
    int any_port = sl >= 2 && sl < sizeof(buf) && strcmp(spec + sl - 2, ":0") == 0;
    if (any_port) {
        memcpy(buf, spec, sl + 1);
        buf[sl - 1] = '1';
    }
    if (evutil_parse_sockaddr_port(any_port ? buf : spec, (struct sockaddr *)&ss, &len) != 0) {
        fprintf(stderr, "imapguard: cannot read the address %s (want HOST:PORT)\n", spec);
        return -1;
    }
    if (any_port && ss.ss_family == AF_INET)
        ((struct sockaddr_in *)&ss)->sin_port = 0;
    else if (any_port && ss.ss_family == AF_INET6)
        ((struct sockaddr_in6 *)&ss)->sin6_port = 0;
    struct evconnlistener *l = evconnlistener_new_bind(
        srv->base, on_accept, srv, LEV_OPT_CLOSE_ON_FREE | LEV_OPT_REUSEABLE, 128,
        (struct sockaddr *)&ss, len);
    if (l == NULL) {
        fprintf(stderr, "imapguard: cannot listen on %s\n", spec);
        return -1;
    }
    srv->ls[srv->nls++] = l;
    struct sockaddr_storage bound;
    socklen_t blen = sizeof(bound);
    char host[64] = "?";
    int port = 0;
    if (getsockname(evconnlistener_get_fd(l), (struct sockaddr *)&bound, &blen) == 0) {
        if (bound.ss_family == AF_INET) {
            struct sockaddr_in *in = (struct sockaddr_in *)&bound;
            inet_ntop(AF_INET, &in->sin_addr, host, sizeof(host));
            port = ntohs(in->sin_port);
        } else if (bound.ss_family == AF_INET6) {
            struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&bound;
            inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof(host));
            port = ntohs(in6->sin6_port);
        }
    }
    fprintf(stderr, "imapguard: listening on %s%s%s:%d (%s)\n", bound.ss_family == AF_INET6 ? "[" : "",
            host, bound.ss_family == AF_INET6 ? "]" : "", port, tls ? "tls" : "plain");
    return 0;
}

struct net_server *net_server_new(const struct net_opts *o, const struct net_conn_ops *ops)
{
    struct net_server *srv = calloc(1, sizeof(*srv));
    if (srv == NULL)
        return NULL;
    srv->o = *o;
    srv->ops = ops;
    srv->base = event_base_new();
    if (srv->base == NULL)
        goto fail;
    /* Both listener kinds get TLS: implicit TLS, and STARTTLS on the plain ones. */
    srv->tls = net_tls_server_ctx(o);
    if (srv->tls == NULL)
        goto fail;
    if (o->nlisten + o->nlisten_tls == 0) {
        fprintf(stderr, "imapguard: nothing to listen on\n");
        goto fail;
    }
    /* Plain listeners first, so index < nlisten tells a plain one from a TLS one. */
    for (unsigned i = 0; i < o->nlisten; i++)
        if (add_listener(srv, o->listen[i], 0) != 0)
            goto fail;
    for (unsigned i = 0; i < o->nlisten_tls; i++)
        if (add_listener(srv, o->listen_tls[i], 1) != 0)
            goto fail;
    srv->sigterm = evsignal_new(srv->base, SIGTERM, on_signal, srv);
    srv->sigint = evsignal_new(srv->base, SIGINT, on_signal, srv);
    srv->sigusr1 = evsignal_new(srv->base, SIGUSR1, on_signal, srv);
    srv->tick = event_new(srv->base, -1, EV_PERSIST, on_tick, srv);
    struct timeval one = {1, 0};
    if (!srv->sigterm || !srv->sigint || !srv->sigusr1 || !srv->tick ||
        evsignal_add(srv->sigterm, NULL) || evsignal_add(srv->sigint, NULL) ||
        evsignal_add(srv->sigusr1, NULL) || evtimer_add(srv->tick, &one))
        goto fail;
    signal(SIGPIPE, SIG_IGN);
    return srv;
fail:
    net_server_free(srv);
    return NULL;
}

int net_server_run(struct net_server *srv)
{
    return event_base_dispatch(srv->base) < 0 ? -1 : 0;
}

void net_server_free(struct net_server *srv)
{
    if (srv == NULL)
        return;
    while (srv->conns)
        conn_free(srv->conns);
    for (unsigned i = 0; i < srv->nls; i++)
        evconnlistener_free(srv->ls[i]);
    struct event *evs[] = {srv->sigterm, srv->sigint, srv->sigusr1, srv->tick, srv->grace};
    for (size_t i = 0; i < sizeof(evs) / sizeof(evs[0]); i++)
        if (evs[i])
            event_free(evs[i]);
    if (srv->tls)
        SSL_CTX_free(srv->tls);
    if (srv->base)
        event_base_free(srv->base);
    free(srv);
}
