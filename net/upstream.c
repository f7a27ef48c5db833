/*
 * upstream.c - opening the connection to the real server, up to the point where the
 * proxy can send commands: TCP connect, implicit TLS or STARTTLS (RFC 9051 §6.2.1), the
 * greeting (RFC 9051 §7.1.1), and the capability list (from the greeting's code, else
 * from a CAPABILITY command; after STARTTLS always again, §6.2.1: the list may change).
 * The proxy's own commands here carry tags no client command can be sent with before
 * ready, so their tagged answers cannot be mistaken.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime, strncasecmp, getaddrinfo */

#include "upstream.h"

#include <event2/buffer.h>
#include <event2/bufferevent_ssl.h>

#include <openssl/err.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { PH_CONNECT, PH_GREETING, PH_STARTTLS, PH_HANDSHAKE, PH_CAPS, PH_READY };

static void on_read(struct bufferevent *bev, void *arg);
static void on_write(struct bufferevent *bev, void *arg);
static void on_event(struct bufferevent *bev, short what, void *arg);

static void fail(struct upstream *u, const char *why)
{
    if (u->failed)
        return;
    u->failed = 1;
    bufferevent_disable(u->bev, EV_READ | EV_WRITE);
    u->ops->failed(u, why);
}

int upstream_has(const char *caps, const char *cap, int prefix)
{
    size_t n = strlen(cap);
    for (const char *p = caps; *p;) {
        while (*p == ' ')
            p++;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        size_t len = (size_t)(e - p);
        if (len > 0 && (prefix ? len >= n : len == n) && strncasecmp(p, cap, n) == 0)
            return 1;
        p = e;
    }
    return 0;
}

void upstream_set_caps(struct upstream *u, const struct ig_rwords *w)
{
    size_t len = 0;
    for (uint32_t i = 0; i < w->n; i++) {
        if (len + w->v[i].len + 2 > sizeof(u->caps))
            break; /* a list this long is cut; what is cut is not offered */
        if (len)
            u->caps[len++] = ' ';
        memcpy(u->caps + len, w->v[i].ptr, w->v[i].len);
        len += w->v[i].len;
    }
    u->caps[len] = 0;
    u->have_caps = 1;
}

static void send_line(struct upstream *u, const char *line)
{
    bufferevent_write(u->bev, line, strlen(line));
}

static void become_ready(struct upstream *u)
{
    u->phase = PH_READY;
    /* No read timeout once ready: an IDLE may last 29 minutes (RFC 2177); the client
     * side's timeouts govern the connection. */
    bufferevent_set_timeouts(u->bev, NULL, NULL);
    u->ops->ready(u);
}

static void after_greeting(struct upstream *u)
{
    if (u->cfg->mode == UP_STARTTLS) {
        u->phase = PH_STARTTLS;
        ig_response_starttls(&u->rd, "ig0", 3);
        send_line(u, "ig0 STARTTLS\r\n");
    } else if (!u->have_caps) {
        u->phase = PH_CAPS;
        send_line(u, "ig1 CAPABILITY\r\n");
    } else {
        become_ready(u);
    }
}

static void start_tls_filter(struct upstream *u)
{
    SSL *ssl = upstream_tls_new(u->cfg);
    struct bufferevent *f = ssl ? bufferevent_openssl_filter_new(u->base, u->bev, ssl,
                                                                  BUFFEREVENT_SSL_CONNECTING,
                                                                  BEV_OPT_CLOSE_ON_FREE)
                                : NULL;
    if (f == NULL) {
        if (ssl)
            SSL_free(ssl);
        fail(u, "cannot start TLS to the server");
        return;
    }
    u->bev = f;
    u->phase = PH_HANDSHAKE;
    bufferevent_setcb(f, on_read, on_write, on_event, u);
    bufferevent_setwatermark(f, EV_WRITE, 64u * 1024u, 0);
    bufferevent_setwatermark(f, EV_READ, 0, UP_INPUT_HIGH);
    struct timeval t = {u->cfg->setup_timeout, 0};
    bufferevent_set_timeouts(f, &t, &t);
    bufferevent_enable(f, EV_READ | EV_WRITE);
}

/* One response during the setup. */
static void setup_response(struct upstream *u, const struct ig_response *r)
{
    switch (u->phase) {
    case PH_GREETING:
        if (r->kind != IG_RESP_STATUS || (r->cond != IG_COND_OK && r->cond != IG_COND_PREAUTH)) {
            fail(u, "the server refused the connection");
            return;
        }
        if (r->code.code == IG_RCODE_CAPABILITY)
            upstream_set_caps(u, &r->code.words);
        after_greeting(u);
        return;
    case PH_STARTTLS:
        if (r->kind == IG_RESP_TAGGED) {
            if (r->cond != IG_COND_OK || !r->tls_boundary) {
                fail(u, "the server refused STARTTLS");
                return;
            }
            /* Plaintext the server sent after its OK is not trusted (RFC 9051 §6.2.1). */
            struct evbuffer *in = bufferevent_get_input(u->bev);
            evbuffer_drain(in, evbuffer_get_length(in));
            ig_response_reset(&u->rd);
            u->have_caps = 0;
            start_tls_filter(u);
        }
        return;
    case PH_CAPS:
        if (r->kind == IG_RESP_DATA && r->data == IG_RDATA_CAPABILITY)
            upstream_set_caps(u, &r->u.words);
        else if (r->kind == IG_RESP_TAGGED) {
            if (r->cond != IG_COND_OK || !u->have_caps)
                fail(u, "the server gave no capability list");
            else
                become_ready(u);
        }
        return;
    default:
        return;
    }
}

static void on_read(struct bufferevent *bev, void *arg)
{
    struct upstream *u = arg;
    struct evbuffer *in = bufferevent_get_input(bev);
    if (u->phase == PH_READY) {
        u->ops->readable(u);
        return;
    }
    while (!u->failed && u->phase != PH_READY && u->phase != PH_HANDSHAKE &&
           evbuffer_get_length(in) > 0) {
        struct evbuffer_iovec v;
        evbuffer_peek(in, -1, NULL, &v, 1);
        size_t used = 0;
        enum ig_status st = ig_response_feed(&u->rd, v.iov_base, v.iov_len, &used);
        if (st < 0) {
            fail(u, "the server's response is unreadable");
            return;
        }
        /* Drained before the response is acted on: ready() may read what follows. */
        evbuffer_drain(in, used);
        if (st == IG_OK) {
            int was = u->phase;
            setup_response(u, ig_response_get(&u->rd));
            if (was != u->phase && (u->phase == PH_HANDSHAKE || u->phase == PH_READY))
                return; /* a new bufferevent, or the proxy reads from here on */
        }
    }
}

static void on_write(struct bufferevent *bev, void *arg)
{
    (void)bev;
    struct upstream *u = arg;
    if (u->phase == PH_READY && !u->failed && u->ops->writable)
        u->ops->writable(u);
}

static void on_event(struct bufferevent *bev, short what, void *arg)
{
    struct upstream *u = arg;
    if (what & BEV_EVENT_CONNECTED) {
        if (u->phase == PH_CONNECT) {
            u->phase = PH_GREETING;
        } else if (u->phase == PH_HANDSHAKE) {
            u->phase = PH_CAPS;
            send_line(u, "ig1 CAPABILITY\r\n");
        }
        return;
    }
    if (what & BEV_EVENT_TIMEOUT) {
        fail(u, "the server did not answer in time");
        return;
    }
    if (what & BEV_EVENT_ERROR) {
        unsigned long e = bufferevent_get_openssl_error(bev);
        if (e == 0)
            e = ERR_get_error();
        fail(u, e ? "TLS to the server failed (certificate not verified?)"
                  : "cannot connect to the server");
        return;
    }
    fail(u, u->phase == PH_READY ? "the server closed the connection"
                                 : "the server closed the connection during the setup");
}

struct upstream *upstream_open(struct event_base *base, const struct upstream_cfg *cfg,
                               const struct upstream_ops *ops, void *arg)
{
    struct upstream *u = calloc(1, sizeof(*u));
    if (u == NULL)
        return NULL;
    u->base = base;
    u->cfg = cfg;
    u->ops = ops;
    u->arg = arg;
    /* A server writes some answers as one long line (SEARCH over a large mailbox: one
     * number per message), which the reader holds whole: the limits are generous.
     * The block is never written ahead of use, so untouched pages cost no memory. */
    struct ig_response_limits lim;
    ig_response_limits_default(&lim);
    lim.max_line = 16u << 20;
    lim.max_items = 4u << 20;
    lim.arena = 64u << 20;
    size_t msz = ig_response_memsize(&lim);
    u->rdmem = malloc(msz);
    if (u->rdmem == NULL || ig_response_init(&u->rd, &lim, u->rdmem, msz) != IG_OK)
        goto fail;
    if (cfg->mode == UP_TLS) {
        SSL *ssl = upstream_tls_new(cfg);
        u->bev = ssl ? bufferevent_openssl_socket_new(base, -1, ssl, BUFFEREVENT_SSL_CONNECTING,
                                                       BEV_OPT_CLOSE_ON_FREE)
                     : NULL;
        if (u->bev == NULL && ssl)
            SSL_free(ssl);
    } else {
        u->bev = bufferevent_socket_new(base, -1, BEV_OPT_CLOSE_ON_FREE);
    }
    if (u->bev == NULL)
        goto fail;
    bufferevent_setcb(u->bev, on_read, on_write, on_event, u);
    bufferevent_setwatermark(u->bev, EV_WRITE, 64u * 1024u, 0);
    /* The server's bytes wait in its socket while the client reads slowly: the proxy
     * holds at most this much of them (backpressure). */
    bufferevent_setwatermark(u->bev, EV_READ, 0, UP_INPUT_HIGH);
    struct timeval t = {cfg->setup_timeout, 0};
    bufferevent_set_timeouts(u->bev, &t, &t);
    bufferevent_enable(u->bev, EV_READ | EV_WRITE);
    if (bufferevent_socket_connect(u->bev, (const struct sockaddr *)&cfg->addr, cfg->addrlen) != 0)
        goto fail;
    {
        /* Each forwarded command is one small write the server must see at once: Nagle
         * would hold it while an earlier segment waits for the server's delayed ACK
         * (RFC 1122 §4.2.3.4). A failure only costs latency. */
        int one = 1;
        evutil_socket_t fd = bufferevent_getfd(u->bev);
        if (fd >= 0 && setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)) != 0) {
            /* keep going with Nagle */
        }
    }
    return u;
fail:
    upstream_free(u);
    return NULL;
}

void upstream_free(struct upstream *u)
{
    if (u == NULL)
        return;
    if (u->bev)
        bufferevent_free(u->bev);
    free(u->rdmem);
    free(u);
}
