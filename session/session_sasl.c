/*
 * session_sasl.c - the AUTHENTICATE exchange (RFC 9051 §6.2.2) with the two built-in
 * mechanisms, PLAIN (RFC 4616) and LOGIN (the de-facto "Username:" / "Password:"
 * exchange), and the hook for the backend's own mechanisms. Credentials are checked
 * only by the backend; a user name or password holding NUL or another control byte is
 * refused here, never passed on truncated. Secrets are never copied anywhere but the
 * one buffer the LOGIN mechanism needs between its two steps, which is wiped.
 */
#include "session_internal.h"

/* PLAIN: message = [authzid] UTF8NUL authcid UTF8NUL passwd (RFC 4616 §2), each part
 * 1..255 octets of UTF-8 without NUL. */
int ig__sasl_plain(const struct ig_span *data, struct ig_span *authzid, struct ig_span *user,
                   struct ig_span *pass)
{
    /* An empty response has no buffer at all (ptr may be NULL): no arithmetic on it
     * (fuzz finding corpus/regress/session/2026-11-26-undefined-behavior-ig__sasl_plain). */
    if (data->len == 0 || data->ptr == NULL)
        return 0;
    const unsigned char *p = data->ptr, *e = data->ptr + data->len;
    const unsigned char *n1 = memchr(p, 0, data->len);
    if (n1 == NULL)
        return 0;
    const unsigned char *n2 = memchr(n1 + 1, 0, (size_t)(e - n1 - 1));
    if (n2 == NULL || memchr(n2 + 1, 0, (size_t)(e - n2 - 1)) != NULL)
        return 0;
    authzid->ptr = p;
    authzid->len = (size_t)(n1 - p);
    user->ptr = n1 + 1;
    user->len = (size_t)(n2 - n1 - 1);
    pass->ptr = n2 + 1;
    pass->len = (size_t)(e - n2 - 1);
    return authzid->len <= 255 && user->len >= 1 && user->len <= 255 && pass->len >= 1 &&
           pass->len <= 255;
}

/* A credential must not smuggle control bytes: "bob\0evil" is not "bob". */
int ig__credential_ok(struct ig_span s)
{
    if (s.len == 0)
        return 0;
    for (size_t i = 0; i < s.len; i++)
        if (s.ptr[i] < 0x20 || s.ptr[i] == 0x7f)
            return 0;
    return 1;
}
