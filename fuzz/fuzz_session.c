/*
 * fuzz_session.c - a client byte stream through the whole server side: the session
 * state machine with the reference backend (bundled sample mail, the demo account,
 * deterministic clock). Byte 0: bit 0 plaintext login allowed, bit 1 TLS already
 * active, bit 2 LITERAL+, bit 3 a small output buffer (so commands pause and resume),
 * bit 4 PREAUTH greeting, bit 5 a bad-command limit of 3 (else 50). Byte 1: feed size (0: one feed). The rest is the stream; the
 * bytes after a "\xffTLS" marker are what arrives after a STARTTLS handshake.
 * Properties (fz_session.c): one tagged response per command with its tag; state
 * changes only as the command x state table allows; BYE before the tagged OK of
 * LOGOUT and nothing after a close; plaintext after STARTTLS never executed;
 * well-formed output; bounded memory. Each (state, command, outcome) is a coverage
 * feature, so the fuzzer is rewarded for new state/command pairs.
 */
#include "fz_session.h"
#include "ref.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    struct ig_ref_config rc;
    ig_ref_config_default(&rc);
    rc.deterministic = 1;
    rc.max_messages = 200;
    rc.max_mailboxes = 50;
    rc.max_bytes = 1u << 20;
    struct ig_ref_store *st = ig_ref_store_new(&rc);
    FZ_CHECK(st != NULL, "out of memory");
    struct ig_ref_user *u = ig_ref_add_user(st, IG_REF_DEMO_USER, strlen(IG_REF_DEMO_USER),
                                            IG_REF_DEMO_PASS, strlen(IG_REF_DEMO_PASS));
    FZ_CHECK(u != NULL && ig_ref_load_samples(st, u) == 0, "sample mail");
    struct ig_ref_conn *conn = ig_ref_conn_new(st);
    FZ_CHECK(conn != NULL, "out of memory");

    struct fz_session_run r;
    memset(&r, 0, sizeof(r));
    ig_session_config_default(&r.cfg);
    r.cfg.plaintext_login = data[0] & 1;
    r.cfg.tls_active = (data[0] >> 1) & 1;
    r.cfg.literal_plus = (data[0] >> 2) & 1;
    if (data[0] & 8)
        r.cfg.output_buffer = 256;
    if (data[0] & 16) {
        r.cfg.greeting = IG_GREET_PREAUTH;
        ig_ref_conn_set_user(conn, u);
    }
    r.cfg.max_bad_commands = data[0] & 32 ? 3 : 50;
    r.backend = &ig_ref_backend;
    r.ctx = conn;
    r.chunks = data[1] ? &data[1] : NULL;
    r.nchunks = data[1] ? 1 : 0;
    const uint8_t *in = data + 2;
    size_t len = size - 2;
    const uint8_t *mark = NULL;
    for (size_t i = 0; i + 4 <= len; i++)
        if (in[i] == 0xff && memcmp(in + i + 1, "TLS", 3) == 0) {
            mark = in + i;
            break;
        }
    r.in = in;
    r.len = mark ? (size_t)(mark - in) : len;
    r.after_tls = mark ? mark + 4 : in + len;
    r.after_tls_len = mark ? len - (size_t)(mark - in) - 4 : 0;
    fz_session_run(&r);

    ig_ref_conn_free(conn);
    ig_ref_store_free(st);
    return 0;
}
