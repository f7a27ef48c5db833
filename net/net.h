/*
 * net.h - the network loop of the imapguard CLI (`imapguard serve`, later `proxy`):
 * listeners, TLS, connection caps, timers and signals on libevent 2 with OpenSSL
 * through bufferevent_openssl. Nothing here is part of libimapguard: the library stays
 * libc-only and sans-I/O; this layer only moves bytes between sockets and a session.
 *
 * The layer above (net/serve.c) plugs in what a connection does through struct
 * net_conn_ops; everything a server must get right whatever it serves lives here:
 * loopback defaults, a cap on connections in all and per client address, idle
 * timeouts (RFC 9051 §5.4), clean shutdown on SIGTERM, counters on SIGUSR1.
 */
#ifndef IG_NET_H
#define IG_NET_H

#include <event2/bufferevent.h>
#include <event2/event.h>
#include <openssl/ssl.h>

#include <stdint.h>
#include <stdio.h>
#include <sys/socket.h>

#define NET_MAX_LISTEN 8

struct net_opts {
    const char *listen[NET_MAX_LISTEN];     /* "127.0.0.1:1143": plaintext (STARTTLS) */
    unsigned nlisten;
    const char *listen_tls[NET_MAX_LISTEN]; /* implicit TLS (port 993 style) */
    unsigned nlisten_tls;
    const char *cert, *key;      /* PEM files; NULL: the self-signed pair in state_dir */
    const char *state_dir;       /* NULL: $XDG_STATE_HOME/imapguard or ~/.local/state/... */
    unsigned max_conns;          /* connections in all */
    unsigned max_per_addr;       /* connections from one client address */
    unsigned login_timeout;      /* seconds of silence before authentication */
    unsigned idle_timeout;       /* seconds of silence after (RFC 9051 §5.4: >= 30 min) */
    unsigned shutdown_grace;     /* seconds SIGTERM waits for output to drain */
    const char *status_file;     /* counters written here on SIGUSR1 (NULL: stderr) */
    FILE *log;                   /* one JSON line per command and per connection event */
};

void net_opts_default(struct net_opts *o);

struct net_server;

/* One client connection. bev changes when STARTTLS puts a TLS filter on top. */
struct net_conn {
    struct net_server *srv;
    struct bufferevent *bev;
    uint64_t id;
    int tls;                     /* the client side is TLS now */
    int closing;                 /* close once the output is flushed */
    char addr[64];               /* the client's address, for caps and logs */
    struct net_conn *prev, *next;
    struct event *reaper;        /* frees a closed connection from the loop, never
                                    under the feet of the callback that closed it */
    unsigned reap_tries;
    void *app;                   /* the layer above */
};

/* What the layer above does with a connection. Each returns nothing: a connection
 * that must end calls net_conn_close(). */
struct net_conn_ops {
    int (*open)(struct net_conn *c);      /* a new connection: 0, or -1 to drop it */
    void (*readable)(struct net_conn *c); /* input arrived, or output drained below the mark */
    void (*tls_ready)(struct net_conn *c);/* a STARTTLS handshake finished */
    void (*timeout)(struct net_conn *c);  /* the idle timeout struck */
    void (*tick)(struct net_conn *c);     /* once a second (IDLE polling) */
    void (*shutdown)(struct net_conn *c); /* SIGTERM: finish and close */
    void (*free)(struct net_conn *c);     /* the connection is gone */
    void (*status)(FILE *f);              /* extra counters for the status line */
};

/* Sets up listeners and TLS; prints "listening on ADDR (plain|tls)" per listener on
 * stderr (port 0 gives the bound port). 0, or -1 with a message on stderr. */
struct net_server *net_server_new(const struct net_opts *o, const struct net_conn_ops *ops);
/* Runs until SIGTERM/SIGINT and every connection is gone (or the grace ran out). */
int net_server_run(struct net_server *srv);
void net_server_free(struct net_server *srv);
struct event_base *net_server_base(struct net_server *srv);
const struct net_opts *net_server_opts(struct net_server *srv);

/* Output above this many bytes: stop reading the client until it drains (backpressure:
 * a client that does not read cannot make the server buffer without bound). */
#define NET_OUTPUT_HIGH (256u * 1024u)

/* Starts the TLS handshake on the client side (after the session's STARTTLS OK was
 * written). Pending input must have been consumed by the caller. 0 or -1. */
int net_conn_starttls(struct net_conn *c);
/* Stops reading; frees the connection once its output is flushed, always later from
 * the event loop: c stays valid until the calling callback returns. */
void net_conn_close(struct net_conn *c);
/* Read timeout for the next read (seconds). */
void net_conn_set_timeout(struct net_conn *c, unsigned seconds);
/* Backpressure: 1 when output is above NET_OUTPUT_HIGH; reading is then off until the
 * output drains, and readable() is called again. */
int net_conn_throttle(struct net_conn *c);


/* The self-signed certificate made on first run (tls.c). */
SSL_CTX *net_tls_server_ctx(const struct net_opts *o);

#endif
