/*
 * proxy_caps.c - the capabilities the proxy advertises: only what its parser and its
 * state tracking can police (RFC 9051 §7.2.2: a client uses only what is advertised),
 * intersected with the server's list. COMPRESS is never offered (the proxy could no
 * longer read the stream, RFC 4978), unknown extensions are dropped, and STARTTLS,
 * LOGINDISABLED and AUTH= follow the proxy's own TLS state on the client side, not the
 * server's (RFC 9051 §6.2.1, §6.2.3).
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime, strncasecmp, getaddrinfo */

#include "proxy_int.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Extension capabilities the parser knows, each with the construct bits it allows.
 * prefix: the capability takes a value ("THREAD=REFERENCES", "APPENDLIMIT=1000"). */
static const struct {
    const char *name;
    int prefix;
    uint32_t ext;
} known[] = {
    {"IMAP4rev1", 0, IG_EXT_REV1},
    {"IMAP4rev2", 0, 0},
    {"LITERAL+", 0, IG_EXT_LITERALPLUS},   /* RFC 7888 */
    {"LITERAL-", 0, IG_EXT_LITERALPLUS},   /* up to 4096 octets: the parser's limit */
    {"SASL-IR", 0, IG_EXT_SASL_IR},        /* RFC 4959 */
    {"IDLE", 0, IG_EXT_IDLE},              /* RFC 2177 */
    {"ENABLE", 0, IG_EXT_ENABLE},          /* RFC 5161 */
    {"ID", 0, IG_EXT_ID},                  /* RFC 2971 */
    {"MOVE", 0, IG_EXT_MOVE},              /* RFC 6851 */
    {"UIDPLUS", 0, IG_EXT_UIDPLUS},        /* RFC 4315 */
    {"NAMESPACE", 0, IG_EXT_NAMESPACE},    /* RFC 2342 */
    {"UNSELECT", 0, IG_EXT_UNSELECT},      /* RFC 3691 */
    {"CONDSTORE", 0, IG_EXT_CONDSTORE},    /* RFC 7162 */
    {"QRESYNC", 0, IG_EXT_QRESYNC | IG_EXT_CONDSTORE},
    {"ESEARCH", 0, IG_EXT_ESEARCH},        /* RFC 4731 */
    {"SEARCHRES", 0, IG_EXT_SEARCHRES},    /* RFC 5182 */
    {"LIST-EXTENDED", 0, IG_EXT_LIST_EXTENDED}, /* RFC 5258 */
    {"LIST-STATUS", 0, IG_EXT_LIST_STATUS},     /* RFC 5819 */
    {"SPECIAL-USE", 0, IG_EXT_SPECIAL_USE},     /* RFC 6154 */
    {"CREATE-SPECIAL-USE", 0, IG_EXT_SPECIAL_USE},
    {"QUOTA", 0, IG_EXT_QUOTA},            /* RFC 9208 */
    {"ACL", 0, IG_EXT_ACL},                /* RFC 4314 */
    {"METADATA", 0, IG_EXT_METADATA},      /* RFC 5464 */
    {"METADATA-SERVER", 0, IG_EXT_METADATA},
    {"MULTIAPPEND", 0, IG_EXT_MULTIAPPEND}, /* RFC 3502 */
    {"SORT", 0, IG_EXT_SORT},              /* RFC 5256 */
    {"THREAD=", 1, IG_EXT_THREAD},
    {"MULTISEARCH", 0, IG_EXT_MULTISEARCH}, /* RFC 7377 */
    {"APPENDLIMIT", 0, IG_EXT_APPENDLIMIT}, /* RFC 7889 */
    {"APPENDLIMIT=", 1, IG_EXT_APPENDLIMIT},
    {"OBJECTID", 0, IG_EXT_OBJECTID},      /* RFC 8474 */
    {"STATUS=SIZE", 0, IG_EXT_STATUS_SIZE}, /* RFC 8438 */
    {"BINARY", 0, IG_EXT_BINARY},          /* RFC 3516 */
    {"CHILDREN", 0, 0},                    /* response data only (RFC 3348) */
};

static int word_known(const char *w, size_t n, uint32_t *ext)
{
    for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
        size_t kl = strlen(known[i].name);
        if ((known[i].prefix ? n > kl : n == kl) && strncasecmp(w, known[i].name, kl) == 0) {
            if (ext)
                *ext = known[i].ext;
            return 1;
        }
    }
    return 0;
}

int px_login_allowed(const struct pconn *pc)
{
    return pc->c->tls || px.po.plaintext_login;
}

static void add(char *out, size_t cap, size_t *len, const char *w, size_t n)
{
    if (*len + n + 2 > cap)
        return;
    if (*len)
        out[(*len)++] = ' ';
    memcpy(out + *len, w, n);
    *len += n;
    out[*len] = 0;
}

void px_caps_filter(const char *caps, const struct pconn *pc, int notauth, char *out, size_t cap)
{
    size_t len = 0;
    out[0] = 0;
    for (const char *p = caps; *p;) {
        while (*p == ' ')
            p++;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        size_t n = (size_t)(e - p);
        if (n && word_known(p, n, NULL))
            add(out, cap, &len, p, n);
        /* AUTH=X is passed on only where the proxy lets LOGIN through (its TLS state). */
        else if (n > 5 && strncasecmp(p, "AUTH=", 5) == 0 && notauth && px_login_allowed(pc))
            add(out, cap, &len, p, n);
        p = e;
    }
    if (notauth && !pc->c->tls)
        add(out, cap, &len, "STARTTLS", 8);
    if (notauth && !px_login_allowed(pc))
        add(out, cap, &len, "LOGINDISABLED", 13);
}

uint32_t px_ext_allowed(const char *caps)
{
    uint32_t ext = 0;
    for (const char *p = caps; *p;) {
        while (*p == ' ')
            p++;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        uint32_t bits = 0;
        if (e > p && word_known(p, (size_t)(e - p), &bits))
            ext |= bits;
        p = e;
    }
    return ext;
}

int px_allowed_other(struct ig_span name)
{
    for (unsigned i = 0; i < px.po.nallow; i++)
        if (strlen(px.po.allow[i]) == name.len &&
            strncasecmp(px.po.allow[i], (const char *)name.ptr, name.len) == 0)
            return 1;
    return 0;
}
