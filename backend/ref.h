/*
 * ref.h - the reference backend of imapguard: an in-memory mail store (users,
 * mailboxes, messages) behind struct ig_backend, loaded from a Maildir++ folder or
 * from bundled sample mail. It is what `imapguard replay`, the session tests and the
 * session fuzz target run against. It allocates (malloc), so it is not part of
 * libimapguard.a; every allocation is checked.
 *
 * Use:
 *   struct ig_ref_config cfg; ig_ref_config_default(&cfg); cfg.deterministic = 1;
 *   struct ig_ref_store *st = ig_ref_store_new(&cfg);
 *   struct ig_ref_user *u = ig_ref_add_user(st, "demo", 4, "demo", 4);
 *   ig_ref_load_samples(st, u);                 or ig_ref_load_maildir(st, u, dir, ...)
 *   struct ig_ref_conn *c = ig_ref_conn_new(st);   one per connection
 *   ig_session_init(&s, &scfg, &ig_ref_backend, c, mem, size);
 *   ... after the session's output has been sent: ig_ref_reclaim(st);
 *   ig_ref_conn_free(c); ig_ref_store_free(st);
 *
 * Memory handed to the response writer (message bodies, built header subsets) must stay
 * valid until the output is sent, so nothing of that kind is freed at once: it waits in
 * the store until ig_ref_reclaim(), which the caller calls when every connection's
 * output has been sent (or never: ig_ref_store_free() frees it all).
 */
#ifndef IG_REF_H
#define IG_REF_H

#include "imapguard_session.h"

#include <stddef.h>
#include <stdint.h>

/* The documented demo account of `imapguard replay` (bundled sample mail). */
#define IG_REF_DEMO_USER "demo"
#define IG_REF_DEMO_PASS "demo"

/* Deterministic defaults: the first UIDVALIDITY and the clock (14-Nov-2023 22:13:20
 * +0000) used for APPEND internal dates, so transcripts are reproducible. */
#define IG_REF_FIXED_UIDVALIDITY 1700000000u
#define IG_REF_FIXED_CLOCK 1700000000

/* Mailbox names the store creates (CREATE, RENAME, folders loaded from a Maildir):
 * at most IG_REF_MAX_NAME bytes in all and IG_REF_MAX_LEVEL bytes per hierarchy level
 * (the level limit is NAME_MAX of common file systems, where a level may become a
 * directory). A name is refused with NO [CANNOT] (RFC 5530) when a level is empty, "."
 * or "..", holds a control character, a wildcard ("*", "%") or, because the on-disk
 * layout is Maildir++ where "." separates the levels, a "." at all. */
#define IG_REF_MAX_NAME 1024u
#define IG_REF_MAX_LEVEL 255u

struct ig_ref_config {
    uint8_t deterministic;     /* fixed UIDVALIDITY and clock (tests, fuzzing, replay) */
    uint32_t uidvalidity;      /* deterministic: UIDVALIDITY of the first mailbox; each
                                  mailbox created later gets the next number */
    int64_t clock;             /* deterministic: seconds since 1970 for internal dates */
    uint64_t appendlimit;      /* STATUS APPENDLIMIT (0: NIL, no limit) */
    uint64_t max_message;      /* largest message APPEND accepts (TOOBIG) */
    uint64_t max_bytes;        /* message octets the whole store may hold (OVERQUOTA) */
    uint32_t max_messages;     /* messages the whole store may hold (LIMIT) */
    uint32_t max_mailboxes;    /* mailboxes per user (LIMIT) */
    uint32_t max_subscriptions; /* subscribed names per user (LIMIT) */
};

/* Defaults: not deterministic, 64 MiB messages, 1 GiB, 100000 messages, 1000 mailboxes
 * and subscriptions per user. */
void ig_ref_config_default(struct ig_ref_config *cfg);

struct ig_ref_store;
struct ig_ref_user;
struct ig_ref_conn;

/* A new empty store (NULL: out of memory). cfg NULL: defaults. */
struct ig_ref_store *ig_ref_store_new(const struct ig_ref_config *cfg);
void ig_ref_store_free(struct ig_ref_store *st);

/* Adds an account with an INBOX. Names and passwords are bytes (compared by length and
 * content, never as C strings). NULL: out of memory, or the name exists. */
struct ig_ref_user *ig_ref_add_user(struct ig_ref_store *st, const void *name, size_t nlen,
                                    const void *pass, size_t plen);

/* Loads the bundled sample mail into u (INBOX with four messages, Sent, Drafts, Lists,
 * Lists/imap; see samples.c). 0, or -1 when out of memory. */
int ig_ref_load_samples(struct ig_ref_store *st, struct ig_ref_user *u);

/* Loads a Maildir++ folder into u: DIR is INBOX, DIR/.A.B is mailbox "A/B"; flags from
 * ":2,FRS" suffixes, UIDs in file-name order, internal date from the mtime (or the
 * fixed clock when deterministic). 0, or -1 with a message in err. */
int ig_ref_load_maildir(struct ig_ref_store *st, struct ig_ref_user *u, const char *dir,
                        char *err, size_t errlen);

/* One connection's view (selected mailbox, sequence numbers, saved search). This is
 * the ctx of ig_ref_backend. NULL: out of memory. */
struct ig_ref_conn *ig_ref_conn_new(struct ig_ref_store *st);
void ig_ref_conn_free(struct ig_ref_conn *c);

/* Makes the connection authenticated as u without LOGIN (a PREAUTH greeting). */
void ig_ref_conn_set_user(struct ig_ref_conn *c, struct ig_ref_user *u);

/* Frees what only pending output could still refer to (expunged messages, built
 * response strings). Call it when every connection's output has been sent. */
void ig_ref_reclaim(struct ig_ref_store *st);

/* The backend (ctx: a struct ig_ref_conn). */
extern const struct ig_backend ig_ref_backend;

#endif
