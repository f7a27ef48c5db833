/*
 * upstream.h - the proxy's connection to the real IMAP server: TCP, then plain, implicit
 * TLS or STARTTLS (OpenSSL through bufferevent_openssl, certificate verified by
 * default), the server's greeting, and its capability list. Once ready the proxy reads
 * the server's responses itself with the response reader kept here.
 */
#ifndef IG_NET_UPSTREAM_H
#define IG_NET_UPSTREAM_H

#include "imapguard_response.h"

#include <event2/bufferevent.h>
#include <event2/event.h>
#include <openssl/ssl.h>

#include <sys/socket.h>

enum { UP_PLAIN = 0, UP_TLS = 1, UP_STARTTLS = 2 };

struct upstream_cfg {
    struct sockaddr_storage addr;
    int addrlen;
    int mode;                 /* UP_PLAIN, UP_TLS, UP_STARTTLS */
    SSL_CTX *tls;             /* client context (upstream_tls.c); NULL for UP_PLAIN */
    const char *name;         /* host name (or address) the certificate must match */
    unsigned setup_timeout;   /* seconds for connect + TLS + greeting + CAPABILITY */
};

/* Reads HOST:PORT (a name is resolved once, here). 0, or -1 with a message. */
int upstream_cfg_addr(struct upstream_cfg *cfg, const char *hostport);
/* The TLS client context: verification on unless insecure; CA file or system CAs. */
SSL_CTX *upstream_tls_ctx(const char *cafile, int insecure);
/* A new SSL for one connection, bound to the expected name (SNI + host check). */
SSL *upstream_tls_new(const struct upstream_cfg *cfg);

struct upstream;
struct upstream_ops {
    void (*ready)(struct upstream *u);     /* greeting, TLS and capabilities done */
    void (*readable)(struct upstream *u);  /* (ready only) responses arrived */
    void (*writable)(struct upstream *u);  /* output drained below the low mark */
    void (*failed)(struct upstream *u, const char *why); /* gone; free it */
};

#define UP_CAPS_MAX 4096
#define UP_INPUT_HIGH (256u * 1024u) /* server bytes read ahead of the client */

struct upstream {
    struct event_base *base;
    const struct upstream_cfg *cfg;
    const struct upstream_ops *ops;
    void *arg;                 /* the layer above */
    struct bufferevent *bev;   /* changes when STARTTLS puts a TLS filter on top */
    int phase;
    struct ig_response_reader rd;
    void *rdmem;
    char caps[UP_CAPS_MAX];    /* the server's capabilities, space separated */
    int have_caps;
    int failed;
};

/* Connects and starts the setup; ops->ready or ops->failed follows. NULL: no memory. */
struct upstream *upstream_open(struct event_base *base, const struct upstream_cfg *cfg,
                               const struct upstream_ops *ops, void *arg);
void upstream_free(struct upstream *u);
/* Records a CAPABILITY list (a response's words) as the server's current one. */
void upstream_set_caps(struct upstream *u, const struct ig_rwords *w);
/* 1 when the server's list holds cap (any case); prefix: a word starting with cap. */
int upstream_has(const char *caps, const char *cap, int prefix);

#endif
