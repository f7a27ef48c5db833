/*
 * fuzz_sasl.c - the AUTHENTICATE exchange (RFC 9051 §6.2.2, SASL-IR RFC 4959) through
 * the session, with PLAIN, LOGIN and a two-round backend mechanism (X-TWO). Byte 0:
 * bit 0 plaintext login allowed, bit 1 TLS active, bit 2 LITERAL+, bit 3 the backend
 * lists its mechanisms (ig_backend.sasl_mechanisms = "X-TWO": then sasl() must never
 * see another name); byte 1: feed size (0: one feed). Properties (fz_session.c): one tagged response per command, with its
 * tag, and no response for a line inside the exchange (a SASL line "a2 NOOP" is data,
 * not a command); states only as the table allows; well-formed output; and the secret
 * never authenticates when mangled: only the exact credentials log in.
 */
#include "fz_session.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* ---- the CREDENTIAL oracle (issue 10 item 4) ----
 * Every credential the backend is handed must be one the client wrote, read from the
 * input bytes by this file's own small scanner, which shares nothing with the parser
 * or the session: a PLAIN message (RFC 4616 §2: authzid NUL authcid NUL passwd) must
 * be the exact decoding of one base64 run of the input; any other login (LOGIN
 * command, the LOGIN mechanism) needs no authzid and a user name and a password that
 * are each written somewhere in the input as an atom, a quoted string, a literal's
 * octets or a base64 run. Every reading of every position counts (the scanner knows
 * no grammar), so a value the session read correctly is always among them; a span one
 * octet short or long, or cut at the wrong NUL, is not (the mutant
 * sasl-plain-password-one-short: "s3cret-pw" plus any octet logged in, and no input
 * the fuzzer found held that password in base64). */
static const uint8_t *cred_in;
static size_t cred_len;

/* memcmp for spans: an empty span may have no buffer at all (ptr NULL). */
static int same(const uint8_t *a, const uint8_t *b, size_t n)
{
    return n == 0 || memcmp(a, b, n) == 0;
}

static int b64_value(uint8_t c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' : c >= 'a' && c <= 'z' ? c - 'a' + 26
         : c >= '0' && c <= '9' ? c - '0' + 52 : c == '+' ? 62 : c == '/' ? 63 : -1;
}

/* Decodes the base64 run at in[i..] (its '=' padding included) into out (at most cap
 * octets); returns the decoded length, or -1 if it does not fit. *end: past the run. */
static long b64_run(size_t i, uint8_t *out, size_t cap, size_t *end)
{
    uint32_t acc = 0;
    int bits = 0;
    size_t n = 0, j = i;
    for (; j < cred_len && b64_value(cred_in[j]) >= 0; j++) {
        acc = acc << 6 | (uint32_t)b64_value(cred_in[j]);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            if (n == cap)
                return -1;
            out[n++] = (uint8_t)(acc >> bits);
        }
    }
    while (j < cred_len && cred_in[j] == '=')
        j++;
    *end = j;
    return (long)n;
}

static int atom_byte(uint8_t c)
{
    return c > 0x20 && c != 0x7f && c != '(' && c != ')' && c != '{' && c != '"' && c != '\\';
}

/* Whether v is written in the input as an atom, quoted string, literal or base64. */
static int written(struct ig_span v)
{
    const uint8_t *d = cred_in;
    size_t n = cred_len;
    uint8_t buf[1024];
    for (size_t i = 0; i < n; i++) {
        if (atom_byte(d[i]) && (i == 0 || !atom_byte(d[i - 1]))) {
            size_t j = i;
            while (j < n && atom_byte(d[j]))
                j++;
            if (j - i == v.len && same(d + i, v.ptr, v.len))
                return 1;
        }
        if (d[i] == '"') { /* a quoted string from here: a backslash takes the next byte */
            size_t k = 0, j = i + 1;
            for (; j < n && d[j] != '"' && d[j] != '\r' && d[j] != '\n' && k <= v.len; j++) {
                if (d[j] == '\\' && ++j == n)
                    break;
                if (k < v.len && d[j] != v.ptr[k])
                    break;
                k++;
            }
            if (j < n && d[j] == '"' && k == v.len)
                return 1;
        }
        if (d[i] == '{') { /* a literal: {n} or {n+}, CRLF, n octets */
            uint64_t size = 0;
            size_t j = i + 1;
            while (j < n && j < i + 21 && d[j] >= '0' && d[j] <= '9')
                size = size * 10 + (uint64_t)(d[j++] - '0');
            if (j < n && d[j] == '+')
                j++;
            if (j + 2 < n && d[j] == '}' && d[j + 1] == '\r' && d[j + 2] == '\n' && size == v.len &&
                v.len <= n - (j + 3) && same(d + j + 3, v.ptr, v.len))
                return 1;
        }
        if (b64_value(d[i]) >= 0 && (i == 0 || b64_value(d[i - 1]) < 0)) {
            size_t end;
            long k = b64_run(i, buf, sizeof(buf), &end);
            if (k == (long)v.len && same(buf, v.ptr, v.len))
                return 1;
        }
    }
    return 0;
}

/* Whether authzid NUL user NUL pass is the decoding of one base64 run of the input. */
static int written_plain(struct ig_span z, struct ig_span u, struct ig_span p)
{
    uint8_t buf[1024];
    for (size_t i = 0; i < cred_len; i++) {
        if (b64_value(cred_in[i]) < 0 || (i > 0 && b64_value(cred_in[i - 1]) >= 0))
            continue;
        size_t end;
        long k = b64_run(i, buf, sizeof(buf), &end);
        if (k == (long)(z.len + u.len + p.len + 2) && same(buf, z.ptr, z.len) &&
            buf[z.len] == 0 && same(buf + z.len + 1, u.ptr, u.len) &&
            buf[z.len + 1 + u.len] == 0 && same(buf + z.len + 2 + u.len, p.ptr, p.len))
            return 1;
    }
    return 0;
}

static int fk_login(void *ctx, struct ig_span authzid, struct ig_span user, struct ig_span pass)
{
    (void)ctx;
    FZ_CHECK(written_plain(authzid, user, pass) ||
                 (authzid.len == 0 && written(user) && written(pass)),
             "CREDENTIAL: the backend was handed a user or password the client did not write");
    /* Exact lengths: "bob\0x" must never log in as "bob". */
    return authzid.len == 0 && user.len == 3 && memcmp(user.ptr, "bob", 3) == 0 &&
           pass.len == 9 && memcmp(pass.ptr, "s3cret-pw", 9) == 0;
}

static int is_x_two(struct ig_span m)
{
    static const char x[] = "X-TWO";
    if (m.len != 5)
        return 0;
    for (size_t i = 0; i < 5; i++)
        if ((m.ptr[i] >= 'a' && m.ptr[i] <= 'z' ? m.ptr[i] - 32 : m.ptr[i]) != x[i])
            return 0;
    return 1;
}

static enum ig_sasl_result fk_sasl(void *ctx, struct ig_sasl_step *step)
{
    const int *listed = ctx;
    FZ_CHECK(!*listed || is_x_two(step->mechanism),
             "sasl() was handed a mechanism the backend does not list");
    if (!(step->mechanism.len == 5 && memcmp(step->mechanism.ptr, "X-TWO", 5) == 0))
        return IG_SASL_UNSUPPORTED;
    if (step->round == 0) {
        memcpy(step->challenge, "nonce", 5);
        step->challenge_len = 5;
        return IG_SASL_CONTINUE;
    }
    return step->data.len == 4 && memcmp(step->data.ptr, "pass", 4) == 0 ? IG_SASL_DONE_OK
                                                                         : IG_SASL_DONE_NO;
}

static enum ig_bk_status fk_command(void *ctx, const struct ig_command *cmd, struct ig_writer *w,
                                    uint64_t *cursor, struct ig_bk_reply *reply)
{
    (void)ctx, (void)cmd, (void)w, (void)cursor;
    reply->text = "not here";
    return IG_BK_NO;
}

static const struct ig_backend backend = {
    NULL, fk_login, fk_sasl, NULL, NULL, fk_command, NULL, NULL, NULL, NULL, NULL,
    NULL, /* sasl_mechanisms: every name but PLAIN and LOGIN goes to fk_sasl() */
};

static const struct ig_backend backend_listed = {
    NULL, fk_login, fk_sasl, NULL, NULL, fk_command, NULL, NULL, NULL, NULL, NULL, "X-TWO",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    struct fz_session_run r;
    memset(&r, 0, sizeof(r));
    ig_session_config_default(&r.cfg);
    r.cfg.plaintext_login = data[0] & 1;
    r.cfg.tls_active = (data[0] >> 1) & 1;
    r.cfg.literal_plus = (data[0] >> 2) & 1;
    r.cfg.max_bad_commands = 1000;
    static int listed;
    listed = (data[0] >> 3) & 1;
    r.backend = listed ? &backend_listed : &backend;
    r.ctx = &listed;
    uint8_t chunk = data[1];
    r.chunks = chunk ? &data[1] : NULL;
    r.nchunks = chunk ? 1 : 0;
    r.in = data + 2;
    r.len = size - 2;
    cred_in = r.in;
    cred_len = r.len;
    r.after_tls = data + 2;
    r.after_tls_len = size - 2;
    fz_session_run(&r);
    return 0;
}
