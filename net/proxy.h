/* proxy.h - `imapguard proxy`: the parser in front of a real IMAP server (issue 12). */
#ifndef IG_NET_PROXY_H
#define IG_NET_PROXY_H

#include "net.h"

#define PROXY_MAX_ALLOW 64

struct proxy_opts {
    const char *upstream;        /* HOST:PORT */
    int upstream_mode;           /* UP_PLAIN, UP_TLS, UP_STARTTLS (upstream.h) */
    const char *upstream_ca;     /* CA file; NULL: the system's */
    int upstream_insecure;       /* no certificate verification (tests only) */
    const char *upstream_name;   /* name the certificate must match; NULL: HOST */
    int plaintext_login;         /* LOGIN / AUTHENTICATE before TLS */
    const char *allow[PROXY_MAX_ALLOW]; /* unknown command words passed on */
    unsigned nallow;
    unsigned max_bad;            /* refused commands before BYE */
};

void proxy_opts_default(struct proxy_opts *po);

/* Probes the upstream, then runs until SIGTERM/SIGINT. 0, or -1 when it could not
 * start (the reason is on stderr). */
int net_proxy(const struct net_opts *o, const struct proxy_opts *po);

#endif
