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

static int fk_login(void *ctx, struct ig_span authzid, struct ig_span user, struct ig_span pass)
{
    (void)ctx;
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
    r.after_tls = data + 2;
    r.after_tls_len = size - 2;
    fz_session_run(&r);
    return 0;
}
