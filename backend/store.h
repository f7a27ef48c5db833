/*
 * store.h - what the reference backend's .c files share (never installed): the store's
 * data model (users, mailboxes, refcounted messages over shared byte blobs), a
 * connection's view of its selected mailbox, the MIME locator, and the helpers for
 * names, flags, dates and sets. Internal symbols are prefixed ig_ref__.
 */
#ifndef IG_REF_STORE_H
#define IG_REF_STORE_H

#include "ref.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* System flags a message can carry (bits of struct ig_ref_msg.flags). */
enum {
    REF_F_ANSWERED = 1u << 0,
    REF_F_FLAGGED = 1u << 1,
    REF_F_DELETED = 1u << 2,
    REF_F_SEEN = 1u << 3,
    REF_F_DRAFT = 1u << 4,
    REF_F_ALL = 31u
};

/* Special-use attributes of a mailbox (RFC 6154). */
enum {
    REF_USE_ALL = 1u << 0, REF_USE_ARCHIVE = 1u << 1, REF_USE_DRAFTS = 1u << 2,
    REF_USE_FLAGGED = 1u << 3, REF_USE_JUNK = 1u << 4, REF_USE_SENT = 1u << 5,
    REF_USE_TRASH = 1u << 6
};

#define REF_MAX_KEYWORDS 64u    /* keywords the store knows (one bit each) */
#define REF_MAX_NAME IG_REF_MAX_NAME /* bytes of a mailbox name (ref.h) */
#define REF_MAX_MIME_DEPTH 24u  /* nesting of multipart / message parts followed */
#define REF_MAX_MIME_PARTS 500u /* parts of one multipart that are looked at */

struct ig_ref_name {
    unsigned char *p;
    size_t len;
};

/* The octets of a message; COPY shares them. id is the EMAILID (RFC 8474). */
struct ig_ref_blob {
    uint32_t refs;
    uint64_t id;
    size_t len;
    /* When data holds a NUL: the same octets with every NUL as 0x80, right after data.
     * A {n} literal may not carry NUL (RFC 9051 §4.3); BODY[] and RFC822 are written
     * from here so that the writer can reference them instead of copying. */
    const unsigned char *shadow;
    unsigned char data[];
};

/* The octets s (inside b->data) as they may go into a {n} literal. */
struct ig_span ig_ref__nul_free(const struct ig_ref_blob *b, struct ig_span s);

struct ig_ref_msg {
    uint32_t refs;            /* the mailbox and every view that holds it */
    uint32_t uid;
    uint32_t flags;           /* REF_F_* */
    uint64_t keywords;        /* bits into the store's keyword table */
    uint64_t modseq;
    uint8_t expunged;         /* gone from its mailbox; views still hold it */
    uint8_t recent;           /* no session has selected the mailbox since it arrived */
    struct ig_datetime date;  /* internal date */
    struct ig_ref_blob *blob;
    struct ig_ref_msg *next_dead;
};

struct ig_ref_mbox {
    struct ig_ref_name name;
    uint32_t uidvalidity;
    uint32_t uidnext;
    uint64_t highestmodseq;
    struct ig_ref_msg **msgs;
    uint32_t n, cap;
    uint32_t use;             /* REF_USE_* */
    uint32_t selected;        /* connections that have it selected */
    uint8_t deleted;
    struct ig_ref_mbox *next_dead;
};

struct ig_ref_user {
    struct ig_ref_name name, pass;
    struct ig_ref_mbox **boxes; /* INBOX first, then in byte order */
    uint32_t n, cap;
    struct ig_ref_name *subs;   /* subscribed names, in byte order */
    uint32_t nsubs, capsubs;
};

struct ig_ref_scratch {
    struct ig_ref_scratch *next;
    unsigned char data[];
};

struct ig_ref_store {
    struct ig_ref_config cfg;
    struct ig_ref_user **users;
    uint32_t nusers, capusers;
    struct ig_ref_name kw[REF_MAX_KEYWORDS];
    uint32_t nkw;
    uint32_t next_uidvalidity;
    uint64_t next_blob_id;
    uint64_t bytes;           /* octets of all live blobs */
    uint32_t messages;        /* live messages in all mailboxes */
    struct ig_ref_msg *dead;  /* waiting for ig_ref_reclaim() */
    struct ig_ref_mbox *dead_boxes;
    struct ig_ref_scratch *scratch;
    /* An allocation failed during the current command and what it wrote is degraded (an
     * address list as NIL, a mailbox left out of LIST): the command ends NO instead of
     * OK (ops.c). Set by ig_ref__scratch() and the writers that allocate. */
    uint8_t oom;
};

/* One message as a connection sees it. */
struct ig_ref_ent {
    struct ig_ref_msg *m;
    uint64_t modseq;          /* the modseq whose flags this connection last saw */
    uint8_t recent;
};

struct ig_ref_pending {
    unsigned char *data;
    size_t len, size;
    uint32_t flags;
    uint64_t keywords;
    struct ig_datetime date;
};

struct ig_ref_conn {
    struct ig_ref_store *st;
    struct ig_ref_user *user;
    struct ig_ref_mbox *sel;
    uint8_t read_only;
    struct ig_ref_ent *v;     /* sequence number i is v[i - 1] */
    uint32_t n, cap;
    uint8_t has_saved;        /* SEARCH ... RETURN (SAVE) result, as UIDs */
    uint32_t *saved;
    uint32_t nsaved;
    /* SELECT / EXAMINE: the flag lists of struct ig_mailbox_info */
    struct ig_flag flagbuf[5 + REF_MAX_KEYWORDS];
    struct ig_span attrbuf[8]; /* the LIST attributes of the selected mailbox */
    /* APPEND in progress */
    uint8_t app_active;
    uint8_t app_failed;
    unsigned char app_name[REF_MAX_NAME]; /* looked up again at the end */
    size_t app_namelen;
    struct ig_ref_pending *app;
    uint32_t app_n, app_cap;
    uint64_t app_bytes;
    /* results kept across IG_BK_MORE calls of one command */
    uint32_t *res;
    uint32_t nres, capres;
};

/* ---- bytes and names (store.c) ---- */
int ig_ref__ci_eq(const unsigned char *a, size_t alen, const void *b, size_t blen);
int ig_ref__ci_prefix(const unsigned char *a, size_t alen, const char *prefix);
unsigned char ig_ref__lower(unsigned char c);
/* Case-insensitive (ASCII) substring search; CR and LF in hay are skipped (unfolding). */
int ig_ref__ci_find(const unsigned char *hay, size_t hlen, const unsigned char *needle,
                    size_t nlen);
int ig_ref__name_cmp(const unsigned char *a, size_t alen, const unsigned char *b, size_t blen);
/* Why the store cannot create a mailbox of this name (a fixed reason for NO [CANNOT]),
 * or NULL when it can: the rules and limits of IG_REF_MAX_NAME in ref.h. */
const char *ig_ref__name_problem(const unsigned char *p, size_t len);
/* Canonical mailbox name: INBOX in any case becomes "INBOX" (also as the first level).
 * Writes into out (REF_MAX_NAME bytes); returns the length, or 0 when the name cannot
 * be created (ig_ref__name_problem; the reason in *why when why is not NULL). A
 * trailing "/" is dropped when strip_trailing is set. */
size_t ig_ref__canon_name(struct ig_span in, unsigned char *out, int strip_trailing,
                          const char **why);
/* Like ig_ref__canon_name but only for looking up: any bytes, INBOX folded. */
size_t ig_ref__canon_lookup(struct ig_span in, unsigned char *out);

/* ---- dates (store.c) ---- */
void ig_ref__epoch_to_dt(int64_t t, struct ig_datetime *dt);
int64_t ig_ref__days(int y, unsigned m, unsigned d);
void ig_ref__now(const struct ig_ref_store *st, struct ig_datetime *dt);

/* ---- store (store.c) ---- */
void *ig_ref__scratch(struct ig_ref_store *st, size_t n);
struct ig_ref_mbox *ig_ref__find(struct ig_ref_user *u, const unsigned char *name, size_t len);
struct ig_ref_mbox *ig_ref__find_span(struct ig_ref_user *u, struct ig_span name);
/* Creates name (canonical) and every missing superior; NULL when out of memory, over
 * the mailbox limit, or when the name is one the store must not create
 * (ig_ref__name_problem: checked here too, whoever the caller). *created: 1 when name
 * itself was new. */
struct ig_ref_mbox *ig_ref__create(struct ig_ref_store *st, struct ig_ref_user *u,
                                   const unsigned char *name, size_t len, int *created);
void ig_ref__delete_box(struct ig_ref_store *st, struct ig_ref_user *u, struct ig_ref_mbox *b);
/* Renames b and its inferiors to `to` (canonical). 0; -1 out of memory or over the
 * mailbox limit; -2 `to` is a name the store must not create (ig_ref__name_problem) or
 * an inferior's new name would be longer than REF_MAX_NAME (nothing is renamed then). */
int ig_ref__rename(struct ig_ref_store *st, struct ig_ref_user *u, struct ig_ref_mbox *b,
                   const unsigned char *to, size_t tolen);
void ig_ref__sort_boxes(struct ig_ref_user *u);
int ig_ref__has_children(const struct ig_ref_user *u, const struct ig_ref_mbox *b);
/* The LIST attributes of b (child info and SPECIAL-USE) into out (room for 8). */
uint32_t ig_ref__list_attrs(const struct ig_ref_user *u, const struct ig_ref_mbox *b,
                            struct ig_span *out);
/* A new message in b (takes a reference on blob); NULL at the message limit or when out
 * of memory. */
struct ig_ref_msg *ig_ref__add_msg(struct ig_ref_store *st, struct ig_ref_mbox *b,
                                   struct ig_ref_blob *blob, uint32_t flags, uint64_t kw,
                                   const struct ig_datetime *date);
struct ig_ref_blob *ig_ref__blob_new(struct ig_ref_store *st, const void *data, size_t len);
void ig_ref__blob_unref(struct ig_ref_store *st, struct ig_ref_blob *b);
void ig_ref__msg_unref(struct ig_ref_store *st, struct ig_ref_msg *m);
/* Removes message index i from b (it becomes expunged). */
void ig_ref__expunge_at(struct ig_ref_store *st, struct ig_ref_mbox *b, uint32_t i);
/* Store-wide keyword index of name (case-insensitive); -1 when not known and create is
 * 0 or the table is full. */
int ig_ref__keyword(struct ig_ref_store *st, struct ig_span name, int create);
uint64_t ig_ref__next_modseq(struct ig_ref_mbox *b);
int ig_ref__subscribed(const struct ig_ref_user *u, const unsigned char *name, size_t len);
int ig_ref__subscribe(struct ig_ref_store *st, struct ig_ref_user *u, const unsigned char *name,
                      size_t len, int on);
/* Grows *arr (elements of size el) to hold at least need; 0 or -1. */
int ig_ref__grow(void **arr, uint32_t *cap, uint32_t need, size_t el);

/* LF line ends made CRLF (bare LF only); malloc'd, NULL when out of memory. */
unsigned char *ig_ref__crlf(const void *data, size_t len, size_t *outlen);
/* Adds a message given with any line ends (Maildir files). 0 or -1. */
int ig_ref__add_raw(struct ig_ref_store *st, struct ig_ref_mbox *b, const void *data, size_t len,
                    uint32_t flags, uint64_t kw, const struct ig_datetime *date);
/* The same for a text that already has CRLF line ends (the samples): no conversion. */
int ig_ref__add_crlf(struct ig_ref_store *st, struct ig_ref_mbox *b, const void *data,
                     size_t len, uint32_t flags, uint64_t kw, const struct ig_datetime *date);

/* ---- a connection's view (store.c) ---- */
int ig_ref__view_load(struct ig_ref_conn *c, struct ig_ref_mbox *b, int read_only);
void ig_ref__view_clear(struct ig_ref_conn *c);
/* Sequence number of uid in the view, 0 when not there. */
uint32_t ig_ref__seq_of_uid(const struct ig_ref_conn *c, uint32_t uid);
/* Whether message seq (1-based) is in set: a sequence set (uid = 0) or a UID set. */
int ig_ref__in_set(const struct ig_ref_conn *c, const struct ig_seqset *set, uint32_t seq,
                   int uid);
/* A sequence set whose numbers all name messages: 1, else 0 (BAD). */
int ig_ref__set_valid(const struct ig_ref_conn *c, const struct ig_seqset *set, int uid);
/* Writes the sorted numbers v[0..n) as a sequence set ("1:3,7") into out; returns the
 * length, or 0 when it does not fit in cap. */
size_t ig_ref__format_set(const uint32_t *v, uint32_t n, char *out, size_t cap);
/* Writes flags as a list: "(\Seen $Junk)". */
void ig_ref__w_flags(struct ig_ref_conn *c, struct ig_writer *w, const struct ig_ref_msg *m);
int ig_ref__res_push(struct ig_ref_conn *c, uint32_t v);
/* Drops an APPEND in progress (its collected messages). */
void ig_ref__append_reset(struct ig_ref_conn *c);

/* ---- MIME (mime.c) ---- */
struct ig_ref_entity {
    struct ig_span all;       /* header + body (a message), or MIME header + content */
    struct ig_span header;    /* up to and including the blank line */
    struct ig_span body;      /* after the blank line */
    uint8_t is_message;       /* header is an RFC 5322 message header */
    uint8_t depth;
};

/* Splits data into header and body. */
void ig_ref__entity(struct ig_span data, int is_message, struct ig_ref_entity *e);
/* The value of the first header field called name (folded, as in the message). */
int ig_ref__header_get(struct ig_span header, const char *name, struct ig_span *value);
/* Iterates the fields of a header (start with *pos = 0): name, the whole field with its
 * continuation lines and line break, and the value (leading blanks and the final line
 * break removed). 0 at the end. */
int ig_ref__field_next(struct ig_span header, size_t *pos, struct ig_span *name,
                       struct ig_span *field, struct ig_span *value);
/* Content type of an entity: lower-case compare helpers over the type and subtype. */
struct ig_ref_ctype {
    struct ig_span type, subtype;   /* empty: defaulted (text/plain) */
    struct ig_span params;          /* the text after the first ';' */
};
void ig_ref__ctype(const struct ig_ref_entity *e, int digest_parent, struct ig_ref_ctype *ct);
int ig_ref__ctype_is(const struct ig_ref_ctype *ct, const char *type, const char *subtype);
/* Parameter value (quoted-string undone into out, at most cap bytes). */
int ig_ref__param(struct ig_span params, const char *name, unsigned char *out, size_t cap,
                  size_t *len);
/* Iterates "; attr=value" parameters (start with *pos = 0); the value is unquoted into
 * out (at most cap bytes kept). 0 at the end. */
int ig_ref__param_next(struct ig_span params, size_t *pos, struct ig_span *attr,
                       unsigned char *out, size_t cap, size_t *len);
/* Iterates the sub-entities of a multipart body. */
struct ig_ref_piter {
    struct ig_span body;
    unsigned char boundary[256];
    size_t blen;
    size_t pos;     /* where the next part starts (just after its delimiter line) */
    int done;
    uint32_t count;
};
/* 0 when the multipart has no usable boundary. */
int ig_ref__piter_init(struct ig_ref_piter *it, const struct ig_ref_entity *mp,
                       const struct ig_ref_ctype *ct);
/* The next part (at most REF_MAX_MIME_PARTS); 0 at the end. */
int ig_ref__piter_next(struct ig_ref_piter *it, struct ig_ref_entity *part);
/* Sub-entity number k (1-based) of a multipart body; 0 when there is none. */
int ig_ref__subpart(const struct ig_ref_entity *multipart, const struct ig_ref_ctype *ct,
                    uint32_t k, struct ig_ref_entity *part);
/* Counts the sub-entities of a multipart (at most REF_MAX_MIME_PARTS). */
uint32_t ig_ref__nparts(const struct ig_ref_entity *multipart, const struct ig_ref_ctype *ct);

/* Resolves a FETCH section to its octets. Returns 1 with *out set, 0 when the section
 * does not exist (NIL), -1 when out of memory; *out is the empty span at NULL unless 1. */
int ig_ref__section(struct ig_ref_store *st, const struct ig_ref_blob *blob,
                    const struct ig_section *sec, struct ig_span *out);
/* The leaf part named by parts (for BINARY): 1 found (with its entity and content
 * type), 0 not found. */
int ig_ref__locate(struct ig_span msg, const uint32_t *parts, uint32_t nparts,
                   struct ig_ref_entity *e, struct ig_ref_ctype *ct, int *is_leaf);
/* Decodes the content transfer encoding of a leaf: 1 done, 0 unknown encoding, -1 out
 * of memory. */
int ig_ref__decode(struct ig_ref_store *st, const struct ig_ref_entity *e, struct ig_span *out);

/* ---- FETCH, SEARCH, structures (fetch.c, search.c, structure.c) ---- */
enum ig_bk_status ig_ref__fetch(struct ig_ref_conn *c, const struct ig_command *cmd,
                                struct ig_writer *w, uint64_t *cursor, struct ig_bk_reply *r);
enum ig_bk_status ig_ref__search(struct ig_ref_conn *c, const struct ig_command *cmd,
                                 struct ig_writer *w, struct ig_bk_reply *r);
/* Evaluates one search program on view entry i (0-based); used by search.c only. */
void ig_ref__w_envelope(struct ig_ref_store *st, struct ig_writer *w, struct ig_span header);
void ig_ref__w_bodystructure(struct ig_ref_store *st, struct ig_writer *w, struct ig_span msg,
                             int extended);

/* ---- mailbox commands (mailbox.c) ---- */
enum ig_bk_status ig_ref__mailbox_cmd(struct ig_ref_conn *c, const struct ig_command *cmd,
                                      struct ig_writer *w, uint64_t *cursor,
                                      struct ig_bk_reply *r);

#endif
