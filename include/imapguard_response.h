/*
 * imapguard_response.h - the reader of the other direction: server responses
 * (RFC 9051 §7, the response half of §9, and the extensions the command side knows).
 * For clients and for a proxy that must know where each response ends.
 *
 * Same shape as the command parser (imapguard.h): push-based and sans-I/O, caller's
 * memory fixed at init (ig_response_memsize()), every bound in struct
 * ig_response_limits, ig_response_feed() in chunks of any size with the same events as
 * one feed, errors with a code, a stream offset and a fixed reason. It never calls
 * malloc.
 *
 * Events: a complete response (IG_OK: continuation request, tagged status, untagged
 * status, untagged data), a literal announcement (IG_NEED_LITERAL: which response, item
 * and size; the caller does not answer it), and literal octets (IG_LITERAL_DATA: a span
 * into the caller's buffer, handed out as it arrives; a 50 MB BODY[] is never
 * buffered). Literals up to max_inline_literal octets are also kept in the response, so
 * a mailbox name or an ENVELOPE subject sent as a literal reads like any string.
 *
 * Errors are sticky until ig_response_reset(): a client cannot trust the rest of a
 * server stream it failed to frame, so the answer to an error is to close the
 * connection.
 *
 * STARTTLS (the libetpan / mutt response-injection class): tell the reader the tag of
 * a STARTTLS command with ig_response_starttls(). The tagged OK for it is reported with
 * tls_boundary = 1, and the reader refuses every byte after it (IG_E_FATAL) until
 * ig_response_reset(); feed stops right after that OK, so the caller's unconsumed bytes
 * (buf + *used .. buf + len) are exactly the plaintext the server sent after it:
 * discard them, then start TLS.
 *
 * Lifetimes: spans in a response point into the reader's memory and stay valid until
 * the next ig_response_feed() or ig_response_reset(); IG_LITERAL_DATA spans point into
 * the buffer given to the feed call that returned them.
 */
#ifndef IMAPGUARD_RESPONSE_H
#define IMAPGUARD_RESPONSE_H

#include "imapguard.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------------------
 * Limits. Going over one gives IG_E_LIMIT (sticky).
 * ---------------------------------------------------------------------------------- */
#define IG_RESP_DEFAULT_MAX_LINE 65536u          /* text of one response outside literals */
#define IG_RESP_DEFAULT_MAX_LITERAL 1073741824u  /* octets of one literal (streamed), 1 GiB */
#define IG_RESP_DEFAULT_MAX_INLINE_LITERAL 4096u /* literals up to this are kept too */
#define IG_RESP_DEFAULT_MAX_INLINE_BYTES 65536u  /* kept literal octets of one response */
#define IG_RESP_DEFAULT_MAX_LITERALS 256u        /* literals in one response */
#define IG_RESP_DEFAULT_MAX_DEPTH 64u            /* nesting of lists (BODYSTRUCTURE) */
#define IG_RESP_DEFAULT_MAX_ITEMS 16384u         /* values in one response's tree */
#define IG_RESP_DEFAULT_MAX_TAG 64u              /* bytes of a tag */
#define IG_RESP_DEFAULT_ARENA 524288u            /* per-response tree and typed values */

struct ig_response_limits {
    uint32_t max_line;
    uint32_t max_literal;
    uint32_t max_inline_literal;
    uint32_t max_inline_bytes;
    uint32_t max_literals;
    uint32_t max_depth;
    uint32_t max_items;
    uint32_t max_tag;
    uint32_t arena;
};

/* Fills *lim with the IG_RESP_DEFAULT_* values. */
IG_EXPORT void ig_response_limits_default(struct ig_response_limits *lim);

/* ------------------------------------------------------------------------------------
 * Values.
 * ---------------------------------------------------------------------------------- */

/* The generic argument tree of untagged data (everything after the response word). */
enum ig_rarg_type {
    IG_RARG_ATOM = 0,    /* atom, number, flag, or an atom with a [section] and <n> */
    IG_RARG_STRING = 1,  /* quoted or literal; a streamed literal has streamed = 1 */
    IG_RARG_NIL = 2,     /* NIL (any case) */
    IG_RARG_LIST = 3,    /* "(" ... ")" */
    IG_RARG__COUNT = 4
};

struct ig_rarg {
    uint8_t type;      /* enum ig_rarg_type */
    uint8_t form;      /* IG_RARG_STRING: enum ig_strform (QUOTED, LITERAL, LITERAL8) */
    uint8_t streamed;  /* a literal over max_inline_literal: v is empty, its octets were
                          handed out as IG_LITERAL_DATA of literal number `lit` */
    uint32_t lit;      /* literal: its 0-based number in the response */
    uint64_t size;     /* literal: octets announced */
    struct ig_span v;  /* atom text, or the decoded string value */
    uint32_t n;        /* IG_RARG_LIST: items */
    const struct ig_rarg *items;
};

struct ig_rargs {
    uint32_t n;
    const struct ig_rarg *v;
};

/* Response codes: "[" resp-text-code "]" (RFC 9051 §7.1, RFC 5530 and extensions). */
enum ig_rcode {
    IG_RCODE_NONE = 0,      /* no response code */
    IG_RCODE_OTHER,         /* an atom this reader does not know: name and text */
    IG_RCODE_ALERT, IG_RCODE_ALREADYEXISTS, IG_RCODE_APPENDUID,
    IG_RCODE_AUTHENTICATIONFAILED, IG_RCODE_AUTHORIZATIONFAILED, IG_RCODE_BADCHARSET,
    IG_RCODE_CANNOT, IG_RCODE_CAPABILITY, IG_RCODE_CLIENTBUG, IG_RCODE_CLOSED,
    IG_RCODE_COMPRESSIONACTIVE, IG_RCODE_CONTACTADMIN, IG_RCODE_COPYUID,
    IG_RCODE_CORRUPTION, IG_RCODE_EXPIRED, IG_RCODE_EXPUNGEISSUED, IG_RCODE_HASCHILDREN,
    IG_RCODE_HIGHESTMODSEQ, IG_RCODE_INUSE, IG_RCODE_LIMIT, IG_RCODE_MAILBOXID,
    IG_RCODE_METADATA, IG_RCODE_MODIFIED, IG_RCODE_NOMODSEQ, IG_RCODE_NONEXISTENT,
    IG_RCODE_NOPERM, IG_RCODE_NOTSAVED, IG_RCODE_OVERQUOTA, IG_RCODE_PARSE,
    IG_RCODE_PERMANENTFLAGS, IG_RCODE_PRIVACYREQUIRED, IG_RCODE_READ_ONLY,
    IG_RCODE_READ_WRITE, IG_RCODE_SERVERBUG, IG_RCODE_TOOBIG, IG_RCODE_TRYCREATE,
    IG_RCODE_UIDNEXT, IG_RCODE_UIDNOTSTICKY, IG_RCODE_UIDVALIDITY, IG_RCODE_UNAVAILABLE,
    IG_RCODE_UNKNOWN_CTE, IG_RCODE_UNSEEN, IG_RCODE_USEATTR,
    IG_RCODE__COUNT
};

/* Wire name ("READ-ONLY", "UNKNOWN-CTE"); "" for NONE, "OTHER" for OTHER. */
IG_EXPORT const char *ig_rcode_name(enum ig_rcode code);

/* A list of atoms or strings as sent (capabilities, flags, charsets). */
struct ig_rwords {
    uint32_t n;
    const struct ig_span *v;
};

struct ig_resp_code {
    uint8_t code;          /* enum ig_rcode */
    struct ig_span name;   /* the code word as sent */
    struct ig_span text;   /* what follows the name and its SP, up to "]" (raw) */
    /* typed, by code:
     *   UIDNEXT, UIDVALIDITY, UNSEEN: num (nz-number)
     *   HIGHESTMODSEQ: num (mod-sequence-value)
     *   APPENDUID: num = UIDVALIDITY, set_a = the UIDs (uid-set, RFC 4315)
     *   COPYUID: num = UIDVALIDITY, set_a = source UIDs, set_b = destination UIDs
     *   MODIFIED: set_a (RFC 7162)
     *   CAPABILITY, PERMANENTFLAGS, BADCHARSET: words (decoded charsets)
     *   the others: text only */
    uint64_t num;
    struct ig_span set_a, set_b;
    struct ig_rwords words;
};

enum ig_resp_kind {
    IG_RESP_CONTINUE = 0,   /* "+" SP (resp-text / base64) */
    IG_RESP_TAGGED = 1,     /* tag SP (OK / NO / BAD) SP resp-text */
    IG_RESP_STATUS = 2,     /* "*" SP (OK / NO / BAD / PREAUTH / BYE) SP resp-text */
    IG_RESP_DATA = 3,       /* "*" SP untagged data */
    IG_RESP__COUNT = 4
};

enum ig_resp_cond {
    IG_COND_OK = 0, IG_COND_NO, IG_COND_BAD, IG_COND_PREAUTH, IG_COND_BYE, IG_COND__COUNT
};

enum ig_rdata {
    IG_RDATA_OTHER = 0,     /* generic tree only (NAMESPACE, ID, QUOTA, ACL, SORT, ...) */
    IG_RDATA_CAPABILITY, IG_RDATA_ENABLED, IG_RDATA_EXISTS, IG_RDATA_EXPUNGE,
    IG_RDATA_RECENT, IG_RDATA_VANISHED, IG_RDATA_FLAGS, IG_RDATA_LIST, IG_RDATA_LSUB,
    IG_RDATA_STATUS, IG_RDATA_SEARCH, IG_RDATA_ESEARCH, IG_RDATA_FETCH,
    IG_RDATA__COUNT
};

/* Upper-case names for logs, tests and JSON. */
IG_EXPORT const char *ig_resp_kind_name(enum ig_resp_kind k);
IG_EXPORT const char *ig_resp_cond_name(enum ig_resp_cond c);
IG_EXPORT const char *ig_rdata_name(enum ig_rdata d);

/* LIST / LSUB mailbox-list (RFC 9051 §7.3.1, RFC 5258). */
struct ig_rlist {
    struct ig_rwords attrs;       /* "\Noselect", "\HasChildren", ... as sent */
    uint8_t has_delim;            /* 0: NIL */
    unsigned char delim;
    struct ig_span mailbox;       /* decoded */
    uint8_t has_ext;
    struct ig_rargs ext;          /* mbox-list-extended items, generic */
};

struct ig_rstatus_item {
    struct ig_span name;          /* MESSAGES, UIDNEXT, ... as sent */
    uint8_t nil;                  /* APPENDLIMIT NIL (RFC 7889) */
    uint64_t value;
};

/* STATUS mailbox (att value ...) (RFC 9051 §7.3.2). */
struct ig_rstatus {
    struct ig_span mailbox;
    uint32_t n;
    const struct ig_rstatus_item *v;
};

/* SEARCH *(SP nz-number) [SP "(" "MODSEQ" SP n ")"] (RFC 3501, RFC 7162 §3.1.5). */
struct ig_rsearch {
    uint32_t n;
    const uint32_t *v;
    uint8_t has_modseq;
    uint64_t modseq;
};

/* ESEARCH [(TAG "t")] [UID] *(name value) (RFC 4731, RFC 9051 §7.3.4). */
struct ig_research {
    uint8_t has_tag;
    struct ig_span tag;
    uint8_t uid;
    uint8_t has_min, has_max, has_count, has_all, has_modseq;
    uint32_t min, max, count;
    struct ig_span all;           /* sequence-set */
    uint64_t modseq;
    struct ig_rargs data;         /* every return item, name then value, generic */
};

/* VANISHED [(EARLIER)] known-uids (RFC 7162 §3.2.10). */
struct ig_rvanished {
    uint8_t earlier;
    struct ig_span uids;          /* sequence-set, validated */
};

enum ig_fitem {
    IG_FITEM_OTHER = 0,           /* value generic: ENVELOPE, BODY[...], BODYSTRUCTURE ... */
    IG_FITEM_FLAGS, IG_FITEM_UID, IG_FITEM_MODSEQ, IG_FITEM_RFC822_SIZE,
    IG_FITEM_INTERNALDATE,
    IG_FITEM__COUNT
};

struct ig_rfetch_item {
    uint8_t item;                 /* enum ig_fitem */
    struct ig_span name;          /* as sent: "UID", "BODY[1.2]<0>", "ENVELOPE" */
    const struct ig_rarg *value;  /* generic value (always) */
};

/* nz-number FETCH msg-att (RFC 9051 §7.5.2); the typed items are also decoded here. */
struct ig_rfetch {
    uint32_t n;
    const struct ig_rfetch_item *v;
    uint8_t has_flags, has_uid, has_modseq, has_size, has_date;
    struct ig_rwords flags;
    uint32_t uid;
    uint64_t modseq;
    uint64_t size;                /* RFC822.SIZE (number64 in RFC 9051) */
    struct ig_datetime date;      /* INTERNALDATE */
};

struct ig_response {
    uint8_t kind;                 /* enum ig_resp_kind */
    uint8_t cond;                 /* TAGGED, STATUS: enum ig_resp_cond */
    uint8_t data;                 /* DATA: enum ig_rdata */
    uint8_t tls_boundary;         /* the tagged OK of the STARTTLS command (see top) */
    struct ig_span tag;           /* TAGGED */
    struct ig_span name;          /* DATA: the response word as sent ("fetch") */
    uint8_t has_number;
    uint32_t number;              /* DATA: the number before EXISTS, EXPUNGE, FETCH, ... */
    struct ig_resp_code code;     /* TAGGED, STATUS, CONTINUE: the response code */
    struct ig_span text;          /* TAGGED, STATUS, CONTINUE: the text (or base64) */
    struct ig_rargs args;         /* DATA: everything after the name, generic */
    uint32_t nliterals;           /* literals in the response */
    uint64_t offset;              /* stream offset of the first byte */
    uint64_t length;              /* bytes in the stream, literals and CRLF included */
    union {
        struct ig_rwords words;   /* CAPABILITY, ENABLED, FLAGS */
        struct ig_rlist list;     /* LIST, LSUB */
        struct ig_rstatus status;
        struct ig_rsearch search;
        struct ig_research esearch;
        struct ig_rvanished vanished;
        struct ig_rfetch fetch;
    } u;                          /* EXISTS, EXPUNGE, RECENT: number only */
};

/* A literal announcement (IG_NEED_LITERAL). */
struct ig_rliteral {
    uint32_t index;               /* 0-based number in the response */
    uint64_t size;
    uint8_t lit8;                 /* ~{n} (RFC 3516 BINARY) */
    uint8_t kept;                 /* also kept in the response (size <= max_inline_literal) */
    uint64_t offset;              /* stream offset of the "{" (or "~") */
    struct ig_span prefix;        /* the response text so far, e.g. "* 3 FETCH (BODY[] " */
    struct ig_span item;          /* the word before the literal ("BODY[]"), or empty */
};

/* ------------------------------------------------------------------------------------
 * The reader.
 * ---------------------------------------------------------------------------------- */
struct ig_response_reader {
    struct ig_response_limits _lim;
    int _state;
    unsigned char *_buf;          /* response text (and kept literal octets) */
    size_t _bufcap, _len;
    unsigned char *_arena;
    size_t _arenacap, _lo, _hi;
    void *_lits;                  /* literal records (max_literals) */
    uint32_t _nlit;
    uint32_t _kept;               /* kept literal octets of this response */
    uint32_t _text;               /* text bytes of this response outside literals */
    uint64_t _off;                /* stream offset of the next byte */
    uint64_t _resp_off;           /* stream offset of the current response */
    uint64_t _remain;             /* octets left in the current literal */
    uint64_t _litpos;             /* octets of the current literal handed out */
    unsigned char _tls_tag[256];
    size_t _tls_taglen;
    uint8_t _tls_set;
    struct ig_response _resp;
    struct ig_rliteral _lit;
    struct ig_error _err;
    struct ig_span _data;
};

/* Bytes of memory ig_response_init() needs for these limits (NULL: defaults). */
IG_EXPORT size_t ig_response_memsize(const struct ig_response_limits *lim);

/* Prepares r over mem[0..memsize) (at least ig_response_memsize(lim), aligned for any
 * type). lim NULL: defaults. IG_E_USAGE for NULL pointers, too little memory, a zero
 * limit, max_inline_literal > max_inline_bytes or max_tag > 255. */
IG_EXPORT enum ig_status ig_response_init(struct ig_response_reader *r,
                                          const struct ig_response_limits *lim, void *mem,
                                          size_t memsize);

/* Feeds bytes. Consumes a prefix of buf, stores its length in *used, and returns:
 *   IG_OK            a response is complete: ig_response_get(); *used ends right after
 *                    its CRLF (nothing after it was consumed)
 *   IG_NEED_MORE     all of buf was consumed and no event is pending
 *   IG_NEED_LITERAL  a literal was announced: ig_response_literal(); feed on
 *   IG_LITERAL_DATA  literal octets: ig_response_data() (a span into buf)
 *   < 0              an error: ig_response_error(); sticky until ig_response_reset()
 * Call again with buf + *used. Every chunking of the same bytes gives the same events
 * (IG_LITERAL_DATA pieces aside, which follow the chunks). */
IG_EXPORT enum ig_status ig_response_feed(struct ig_response_reader *r, const void *buf,
                                          size_t len, size_t *used);

/* The response of the last IG_OK. */
IG_EXPORT const struct ig_response *ig_response_get(const struct ig_response_reader *r);
/* The literal of the last IG_NEED_LITERAL (and of IG_LITERAL_DATA after it). */
IG_EXPORT const struct ig_rliteral *ig_response_literal(const struct ig_response_reader *r);
/* The octets of the last IG_LITERAL_DATA; *remaining (if not NULL) gets the octets of
 * the literal still to come. */
IG_EXPORT struct ig_span ig_response_data(const struct ig_response_reader *r,
                                          uint64_t *remaining);
/* The error of the last negative status. */
IG_EXPORT const struct ig_error *ig_response_error(const struct ig_response_reader *r);

/* The command tagged `tag` is STARTTLS: its tagged OK ends the plaintext stream (see
 * the top of this file). IG_E_USAGE when tag is empty or longer than max_tag. */
IG_EXPORT enum ig_status ig_response_starttls(struct ig_response_reader *r, const void *tag,
                                              size_t len);

/* Bytes of an unfinished response the reader holds (text and kept literal octets,
 * counted from its first byte): 0 between responses. After the tls_boundary response
 * it is 0 as well, because feed stops there. */
IG_EXPORT uint64_t ig_response_held(const struct ig_response_reader *r);

/* 1 between responses (nothing buffered, not inside a literal). */
IG_EXPORT int ig_response_idle(const struct ig_response_reader *r);
/* Stream offset of the next byte the reader will consume. */
IG_EXPORT uint64_t ig_response_offset(const struct ig_response_reader *r);

/* Forgets the response in progress, the STARTTLS tag and any error; the next byte fed
 * starts a response (after a TLS handshake, or to resynchronize). Offsets keep counting. */
IG_EXPORT void ig_response_reset(struct ig_response_reader *r);

/* Lending the memory block, as ig_parser_detach() / ig_parser_attach() do for the
 * command parser: a proxy's upstream connection between responses needs no block.
 * ig_response_detach: when the reader is idle (ig_response_idle(): between responses,
 * or stopped at a STARTTLS boundary), takes the block away and returns it; else (a
 * response or a literal in progress, a sticky error, no block) returns NULL and changes
 * nothing. The last response's spans end with it (they are cleared).
 * ig_response_attach: gives a detached reader a block of memsize bytes (at least
 * ig_response_memsize() for its limits, 8-byte aligned; its contents do not matter):
 * IG_OK, or IG_E_USAGE when one is attached already or it does not fit. A detached
 * reader refuses ig_response_feed() with IG_E_USAGE (nothing consumed); detaching and
 * attaching between responses changes no event. ig_response_detached: 1 while no block
 * is attached. */
IG_EXPORT void *ig_response_detach(struct ig_response_reader *r);
IG_EXPORT enum ig_status ig_response_attach(struct ig_response_reader *r, void *mem,
                                            size_t memsize);
IG_EXPORT int ig_response_detached(const struct ig_response_reader *r);

/* Writes the canonical form of resp into out (capacity cap), CRLF included, and returns
 * its length (more than cap: retry with a bigger buffer). Strings are quoted when they
 * can be, else written as literals; lits[i] gives the octets of streamed literal i
 * (nlits of them; may be NULL when none was streamed). Reading the output back gives a
 * response equal to resp (ig_response_equal). (size_t)-1 when it cannot be written (a
 * streamed literal without its octets). */
IG_EXPORT size_t ig_response_emit(const struct ig_response *resp, const struct ig_span *lits,
                                  uint32_t nlits, void *out, size_t cap);

/* 1 when a and b are the same response: kind, condition, tag, code, text, data and the
 * generic tree by value (string forms, offsets and lengths are not compared; a streamed
 * literal equals another of the same size). */
IG_EXPORT int ig_response_equal(const struct ig_response *a, const struct ig_response *b);

#ifdef __cplusplus
}
#endif
#endif /* IMAPGUARD_RESPONSE_H */
