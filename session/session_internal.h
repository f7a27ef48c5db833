/*
 * session_internal.h - what the session's .c files share (never installed): the byte
 * queue, tagged and continuation responses, the built-in SASL mechanisms.
 */
#ifndef IG_SESSION_INTERNAL_H
#define IG_SESSION_INTERNAL_H

#include "imapguard_session.h"
#include "internal.h"

/* output queue (session_out.c) */
void ig__out_reset(struct ig_session *s);
int ig__out_pending(const struct ig_session *s);
void ig__w_tagged(struct ig_writer *w, struct ig_span tag);
void ig__w_continuation(struct ig_writer *w);

/* FETCH item names as a request (partial <o.n>) or a response (partial <o>) spells
 * them (fetch_name.c). */
void ig__put_fetch_att_name(struct ig__writer *w, const struct ig_fetch_att *att, int response);

/* Sub-exchanges in progress (struct ig_session._sub). */
enum {
    IG__SUB_NONE = 0,
    IG__SUB_SASL,       /* AUTHENTICATE: waiting for a client response line */
    IG__SUB_IDLE,       /* IDLE: waiting for DONE */
    IG__SUB_APPEND      /* APPEND: message literals being streamed */
};

/* Built-in SASL mechanisms (session_sasl.c). */
enum { IG__MECH_NONE = 0, IG__MECH_PLAIN, IG__MECH_LOGIN, IG__MECH_BACKEND };
int ig__sasl_plain(const struct ig_span *data, struct ig_span *authzid, struct ig_span *user,
                   struct ig_span *pass);
int ig__credential_ok(struct ig_span s);

#endif
