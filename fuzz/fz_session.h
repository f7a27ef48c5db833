/*
 * fz_session.h - drives a session over fuzz input and checks the protocol oracles
 * (shared by the session targets; not a target itself):
 *   - every tagged command gets exactly one tagged response, with its tag;
 *   - state changes only as the command x state table allows (ig_cmd_rule);
 *   - the untagged BYE precedes the tagged OK of LOGOUT, and nothing follows a close;
 *   - bytes after STARTTLS are never executed (no response, no trace event);
 *   - the output is well-formed: every line ends in CRLF, literals {n} carry n octets;
 *   - memory stays bounded (the session never allocates; output respects its buffer);
 *   - no NUL in the output outside literal8 ~{n} (RFC 9051 §4.3);
 *   - every response is well-formed by the response grammar: the whole output is read
 *     back by the response reader (include/imapguard_response.h), without an error;
 *   - a command not valid in its state, or unknown, makes no backend call;
 *   - the BAD that reaches the bad-command limit before login is followed by the BYE,
 *     and by nothing else; no such BYE before the limit;
 *   - liveness: a stream that ends between lines leaves a session that answers a NOOP
 *     (after cancelling an AUTHENTICATE or ending an IDLE);
 *   - a command of an extension the backend does not advertise is BAD and makes no
 *     backend call; LIST shows no mailbox with an empty, "." or ".." level; FETCH FLAGS
 *     hold no system flag no RFC defines (issue 9 item 4).
 * It also reports each (state, command, outcome) reached to libFuzzer as an extra
 * coverage feature, so new state/command pairs count as progress.
 */
#ifndef IG_FZ_SESSION_H
#define IG_FZ_SESSION_H

#include "fz_common.h"
#include "imapguard_session.h"

/* Outcomes in the state-pair feature map. */
enum { FZ_OUT_OK = 0, FZ_OUT_NO, FZ_OUT_BAD, FZ_OUT__COUNT };

/* Marks (state, command, outcome) as reached: a libFuzzer extra counter, and a bit in
 * fz_state_pairs for campaign reports. */
void fz_state_pair(enum ig_state st, enum ig_cmd cmd, int outcome);
/* The pairs reached in this process (bit per state * IG_CMD__COUNT * 3 + ...). */
extern unsigned char fz_state_pairs[IG_STATE__COUNT * IG_CMD__COUNT * FZ_OUT__COUNT];

struct fz_session_run {
    const struct ig_backend *backend;
    void *ctx;
    struct ig_session_config cfg;
    const uint8_t *in;         /* client bytes */
    size_t len;
    const uint8_t *after_tls;  /* bytes that arrive after a STARTTLS handshake */
    size_t after_tls_len;
    const uint8_t *chunks;     /* feed sizes (cycled); NULL: one feed */
    size_t nchunks;
    /* results */
    uint64_t responses;        /* tagged responses seen */
    uint64_t commands;         /* command trace events */
    int closed;
};

/* Runs the session and checks every oracle (aborts on a violation). */
void fz_session_run(struct fz_session_run *r);

#endif
