/*
 * tls.c - the server's TLS context: the certificate and key given with --cert/--key,
 * or a self-signed pair made on first run and kept in the state directory, so that a
 * person can try `imapguard serve` with a mail client and nothing else. Everything
 * cryptographic is OpenSSL's; this file only chooses settings.
 */
#include "net.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void ssl_error(const char *what)
{
    unsigned long e = ERR_get_error();
    char buf[256];
    ERR_error_string_n(e, buf, sizeof(buf));
    fprintf(stderr, "imapguard: %s: %s\n", what, e ? buf : "failed");
}

/* mkdir -p with mode 0700 for the parts it creates. */
static int make_dirs(const char *path)
{
    char tmp[PATH_MAX];
    size_t n = strlen(path);
    if (n == 0 || n >= sizeof(tmp))
        return -1;
    memcpy(tmp, path, n + 1);
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = 0;
        if (mkdir(tmp, 0700) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return mkdir(tmp, 0700) == 0 || errno == EEXIST ? 0 : -1;
}

static int state_dir(const struct net_opts *o, char *out, size_t outlen)
{
    const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
    int n;
    if (o->state_dir)
        n = snprintf(out, outlen, "%s", o->state_dir);
    else if (xdg && *xdg)
        n = snprintf(out, outlen, "%s/imapguard", xdg);
    else if (home && *home)
        n = snprintf(out, outlen, "%s/.local/state/imapguard", home);
    else
        return -1;
    return n > 0 && (size_t)n < outlen ? 0 : -1;
}

/* A P-256 key and a certificate for CN=localhost (SAN DNS:localhost, IP:127.0.0.1,
 * IP:::1), valid for a year from now, signed by itself. */
static int make_selfsigned(const char *certpath, const char *keypath)
{
    EVP_PKEY *key = EVP_EC_gen("P-256");
    X509 *x = X509_new();
    int rc = -1, fd = -1;
    FILE *f = NULL;
    unsigned char serial[16];
    if (key == NULL || x == NULL || RAND_bytes(serial, sizeof(serial)) != 1)
        goto out;
    serial[0] &= 0x7f; /* a positive serial number (RFC 5280 §4.1.2.2) */
    BIGNUM *bn = BN_bin2bn(serial, sizeof(serial), NULL);
    if (bn == NULL || BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x)) == NULL) {
        BN_free(bn);
        goto out;
    }
    BN_free(bn);
    X509_NAME *name = X509_get_subject_name(x);
    if (X509_set_version(x, 2) != 1 || X509_gmtime_adj(X509_getm_notBefore(x), -60) == NULL ||
        X509_gmtime_adj(X509_getm_notAfter(x), 365L * 24 * 3600) == NULL ||
        X509_set_pubkey(x, key) != 1 ||
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                   (const unsigned char *)"localhost", -1, -1, 0) != 1 ||
        X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                                   (const unsigned char *)"imapguard self-signed", -1, -1, 0) != 1 ||
        X509_set_issuer_name(x, name) != 1)
        goto out;
    X509V3_CTX v3;
    X509V3_set_ctx_nodb(&v3);
    X509V3_set_ctx(&v3, x, x, NULL, NULL, 0);
    X509_EXTENSION *san = X509V3_EXT_conf_nid(NULL, &v3, NID_subject_alt_name,
                                              "DNS:localhost,IP:127.0.0.1,IP:::1");
    if (san == NULL || X509_add_ext(x, san, -1) != 1) {
        X509_EXTENSION_free(san);
        goto out;
    }
    X509_EXTENSION_free(san);
    if (X509_sign(x, key, EVP_sha256()) == 0)
        goto out;
    /* The key file is created 0600 and never replaced behind our back. */
    fd = open(keypath, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0 || (f = fdopen(fd, "w")) == NULL)
        goto out;
    fd = -1;
    if (PEM_write_PrivateKey(f, key, NULL, NULL, 0, NULL, NULL) != 1)
        goto out;
    if (fclose(f) != 0) {
        f = NULL;
        goto out;
    }
    f = fopen(certpath, "w");
    if (f == NULL || PEM_write_X509(f, x) != 1)
        goto out;
    if (fclose(f) != 0) {
        f = NULL;
        goto out;
    }
    f = NULL;
    rc = 0;
out:
    if (f)
        fclose(f);
    if (fd >= 0)
        close(fd);
    if (rc != 0) {
        unlink(keypath);
        unlink(certpath);
    }
    X509_free(x);
    EVP_PKEY_free(key);
    return rc;
}

static void print_fingerprint(const char *certpath)
{
    FILE *f = fopen(certpath, "r");
    X509 *x = f ? PEM_read_X509(f, NULL, NULL, NULL) : NULL;
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    if (x && X509_digest(x, EVP_sha256(), md, &n) == 1) {
        fprintf(stderr, "imapguard: self-signed certificate %s, SHA-256 ", certpath);
        for (unsigned i = 0; i < n; i++)
            fprintf(stderr, "%02X%s", md[i], i + 1 < n ? ":" : "\n");
    }
    X509_free(x);
    if (f)
        fclose(f);
}

SSL_CTX *net_tls_server_ctx(const struct net_opts *o)
{
    char dir[PATH_MAX - 32], certbuf[PATH_MAX], keybuf[PATH_MAX];
    const char *cert = o->cert, *key = o->key;
    if ((cert == NULL) != (key == NULL)) {
        fprintf(stderr, "imapguard: --cert and --key go together\n");
        return NULL;
    }
    if (cert == NULL) {
        if (state_dir(o, dir, sizeof(dir)) != 0 || make_dirs(dir) != 0) {
            fprintf(stderr, "imapguard: no state directory for the self-signed certificate "
                            "(set --state-dir, or give --cert and --key)\n");
            return NULL;
        }
        snprintf(certbuf, sizeof(certbuf), "%s/selfsigned-cert.pem", dir);
        snprintf(keybuf, sizeof(keybuf), "%s/selfsigned-key.pem", dir);
        cert = certbuf;
        key = keybuf;
        if (access(cert, R_OK) != 0 || access(key, R_OK) != 0) {
            unlink(certbuf);
            unlink(keybuf);
            if (make_selfsigned(cert, key) != 0) {
                ssl_error("cannot make a self-signed certificate");
                return NULL;
            }
            fprintf(stderr, "imapguard: made a self-signed certificate (first run)\n");
        }
        print_fingerprint(cert);
    }
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    if (ctx == NULL) {
        ssl_error("SSL_CTX_new");
        return NULL;
    }
    /* TLS 1.2 at least (RFC 8996 retired 1.0 and 1.1; RFC 8314 for mail). */
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
    if (SSL_CTX_use_certificate_chain_file(ctx, cert) != 1) {
        ssl_error(cert);
        SSL_CTX_free(ctx);
        return NULL;
    }
    if (SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1 ||
        SSL_CTX_check_private_key(ctx) != 1) {
        ssl_error(key);
        SSL_CTX_free(ctx);
        return NULL;
    }
    return ctx;
}
