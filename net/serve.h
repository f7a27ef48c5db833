/* serve.h - `imapguard serve`: sessions on the reference backend behind net/server.c. */
#ifndef IG_NET_SERVE_H
#define IG_NET_SERVE_H

#include "imapguard_session.h"
#include "net.h"
#include "ref.h"

/* Runs the server until SIGTERM/SIGINT: one session (cfg) per connection on store st.
 * 0, or -1 when it could not start (the reason is on stderr). */
int net_serve(const struct net_opts *o, struct ig_ref_store *st,
              const struct ig_session_config *cfg);

#endif
