/*
 * json.c - JSON string escaping for the CLI's machine-readable output. The encoding is
 * lossless: every byte string maps to one JSON string, and the bytes can be recovered
 * from it (Python: json.loads(s).encode("utf-8", "surrogateescape")). It does not
 * write numbers or structure; the callers do.
 */
#include "json.h"

#include <string.h>

/* Length of the well-formed UTF-8 sequence at s (RFC 3629 §4), or 0. The second-byte
 * ranges refuse overlong forms (C0, C1, E0 80-9F, F0 80-8F), UTF-16 surrogates encoded
 * in UTF-8 (ED A0-BF: U+D800-U+DFFF are not characters) and code points above U+10FFFF
 * (F4 90-BF, F5-FF). Refusing the surrogates is what keeps the \udcXX escapes
 * unambiguous: a surrogate in the output always stands for one stray byte. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    size_t k;
    unsigned char lo = 0x80, hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf)
        k = 2;
    else if (c >= 0xe0 && c <= 0xef) {
        k = 3;
        lo = c == 0xe0 ? 0xa0 : 0x80;
        hi = c == 0xed ? 0x9f : 0xbf;
    } else if (c >= 0xf0 && c <= 0xf4) {
        k = 4;
        lo = c == 0xf0 ? 0x90 : 0x80;
        hi = c == 0xf4 ? 0x8f : 0xbf;
    } else
        return 0;
    if (n < k || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < k; i++)
        if (s[i] < 0x80 || s[i] > 0xbf)
            return 0;
    return k;
}

void json_string(FILE *f, const void *p, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *s = p;
    fputc('"', f);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        switch (c) {
        case '"': fputs("\\\"", f); continue;
        case '\\': fputs("\\\\", f); continue;
        case '\n': fputs("\\n", f); continue;
        case '\r': fputs("\\r", f); continue;
        case '\t': fputs("\\t", f); continue;
        default: break;
        }
        if (c < 0x20 || c == 0x7f) {
            /* RFC 8259 §7: control characters must be escaped; DEL is escaped too so
             * that the output has no control byte at all. */
            fputs("\\u00", f);
            fputc(hex[c >> 4], f);
            fputc(hex[c & 15], f);
        } else if (c < 0x80) {
            fputc(c, f);
        } else {
            size_t k = utf8_seq(s + i, n - i);
            if (k == 0) {
                /* A byte that starts no valid sequence: the lone low surrogate
                 * U+DC00 + byte (PEP 383 "surrogateescape"). It cannot be confused
                 * with a character sent as UTF-8, since surrogates never are one. */
                fputs("\\udc", f);
                fputc(hex[c >> 4], f);
                fputc(hex[c & 15], f);
            } else {
                fwrite(s + i, 1, k, f);
                i += k - 1;
            }
        }
    }
    fputc('"', f);
}

void json_cstring(FILE *f, const char *s)
{
    json_string(f, s, strlen(s));
}
