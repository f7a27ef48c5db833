/*
 * upstream_tls.c - TLS towards the real server: OpenSSL's client context with peer
 * verification on by default (RFC 8314 §4.1; RFC 9525 host name checks), against the
 * system CAs or a given CA file, and the upstream address parsed once at start-up.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime, strncasecmp, getaddrinfo */

#include "upstream.h"

#include <openssl/x509v3.h>

#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>

int upstream_cfg_addr(struct upstream_cfg *cfg, const char *hostport)
{
    char host[256];
    const char *colon = strrchr(hostport, ':');
    size_t hl = colon ? (size_t)(colon - hostport) : 0;
    if (colon == NULL || hl == 0 || hl >= sizeof(host) || colon[1] == 0) {
        fprintf(stderr, "imapguard proxy: --upstream wants HOST:PORT, not %s\n", hostport);
        return -1;
    }
    memcpy(host, hostport, hl);
    host[hl] = 0;
    if (host[0] == '[' && hl > 2 && host[hl - 1] == ']') { /* [::1]:143 */
        memmove(host, host + 1, hl - 2);
        host[hl - 2] = 0;
    }
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof(hints));
    hints.ai_socktype = SOCK_STREAM;
    int rc = getaddrinfo(host, colon + 1, &hints, &res);
    if (rc != 0 || res == NULL || res->ai_addrlen > sizeof(cfg->addr)) {
        fprintf(stderr, "imapguard proxy: cannot resolve %s: %s\n", hostport,
                rc ? gai_strerror(rc) : "no address");
        if (res)
            freeaddrinfo(res);
        return -1;
    }
    memcpy(&cfg->addr, res->ai_addr, res->ai_addrlen);
    cfg->addrlen = (int)res->ai_addrlen;
    freeaddrinfo(res);
    return 0;
}

SSL_CTX *upstream_tls_ctx(const char *cafile, int insecure)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    if (ctx == NULL)
        return NULL;
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION); /* RFC 8996 */
    SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
    if (insecure) {
        SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
        return ctx;
    }
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    int ok = cafile ? SSL_CTX_load_verify_locations(ctx, cafile, NULL)
                    : SSL_CTX_set_default_verify_paths(ctx);
    if (ok != 1) {
        fprintf(stderr, "imapguard proxy: cannot load the CA certificates%s%s\n",
                cafile ? " from " : "", cafile ? cafile : "");
        SSL_CTX_free(ctx);
        return NULL;
    }
    return ctx;
}

SSL *upstream_tls_new(const struct upstream_cfg *cfg)
{
    SSL *ssl = SSL_new(cfg->tls);
    if (ssl == NULL)
        return NULL;
    unsigned char ip[16];
    int is_ip = inet_pton(AF_INET, cfg->name, ip) == 1 || inet_pton(AF_INET6, cfg->name, ip) == 1;
    X509_VERIFY_PARAM *vp = SSL_get0_param(ssl);
    /* An address is checked against the certificate's IP entries, a name against its
     * DNS entries; SNI carries names only (RFC 6066 §3). */
    int ok = is_ip ? X509_VERIFY_PARAM_set1_ip_asc(vp, cfg->name)
                   : SSL_set_tlsext_host_name(ssl, cfg->name) == 1 &&
                         SSL_set1_host(ssl, cfg->name) == 1;
    if (!ok) {
        SSL_free(ssl);
        return NULL;
    }
    return ssl;
}
