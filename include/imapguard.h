/*
 * imapguard.h - the public interface of imapguard, a hardened IMAP4 client-command
 * parser for servers and proxies (RFC 9051, RFC 3501 and extensions).
 *
 * The parser is push-based and sans-I/O: hand it bytes in chunks of any size and it
 * yields one event at a time (a command, a literal announcement, a piece of APPEND data,
 * or an error). It never calls malloc: the caller gives it one block of memory at
 * init (ig_parser_memsize() says how much), and every limit is in struct ig_limits.
 *
 * Lifetimes: every span in a command, literal announcement or error points into the
 * parser's memory or into the buffer the caller passed to the feed call that returned
 * it (a command that arrived whole in one buffer is parsed in place, without a copy),
 * and stays valid until the next call of ig_parser_feed(), ig_parser_expect() or
 * ig_parser_reset(), as long as the caller leaves that buffer unchanged. APPEND data
 * spans (IG_LITERAL_DATA) always point into the caller's buffer.
 */
#ifndef IMAPGUARD_H
#define IMAPGUARD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* IG_EXPORT marks the public API. The library is compiled with -fvisibility=hidden, so
 * only what is marked here is exported from libimapguard.so (internal ig__ symbols stay
 * hidden); imapguard.map then binds every export to the version node IMAPGUARD_<MAJOR>. */
#ifndef IG_EXPORT
#if defined(__GNUC__) && __GNUC__ >= 4
#define IG_EXPORT __attribute__((visibility("default")))
#else
#define IG_EXPORT
#endif
#endif

/* ------------------------------------------------------------------------------------
 * Version. These three numbers are the one place the version is set: the Makefile reads
 * them for the SONAME (libimapguard.so.MAJOR), the pkg-config file and `make dist`.
 * MAJOR changes on every ABI break (README, "Building and installing"); MINOR when the
 * API grows; PATCH for fixes only.
 * ---------------------------------------------------------------------------------- */
#define IG_VERSION_MAJOR 0
#define IG_VERSION_MINOR 10
#define IG_VERSION_PATCH 0
/* One number that orders versions: 0x00MMmmpp (0.9.0 is 0x000900). */
#define IG_VERSION_NUMBER ((IG_VERSION_MAJOR << 16) | (IG_VERSION_MINOR << 8) | IG_VERSION_PATCH)
#define IG__STR2(x) #x
#define IG__STR(x) IG__STR2(x)
#define IG_VERSION_STRING                                                                   \
    IG__STR(IG_VERSION_MAJOR) "." IG__STR(IG_VERSION_MINOR) "." IG__STR(IG_VERSION_PATCH)

/* The version of the library the program runs with (with the shared library, possibly
 * not the one it was compiled against): "0.9.0", and the same as IG_VERSION_NUMBER. */
IG_EXPORT const char *ig_version(void);
IG_EXPORT unsigned long ig_version_number(void);

/* Nonzero when the library the program runs with can serve a program compiled with this
 * header: the same MAJOR (the same ABI) and at least this MINOR.PATCH (every function the
 * program may call exists). Call it once at start-up:
 *     if (!IG_VERSION_CHECK()) { fprintf(stderr, "libimapguard %s too old\n", ig_version()); exit(1); }
 */
#define IG_VERSION_CHECK()                                                                  \
    ((ig_version_number() >> 16) == (unsigned long)IG_VERSION_MAJOR &&                      \
     ig_version_number() >= (unsigned long)IG_VERSION_NUMBER)

/* ------------------------------------------------------------------------------------
 * Limits. Every bound the parser enforces, with its default. Going over one gives
 * IG_E_LIMIT with the tag (when one was read), and the rest of that command is skipped.
 * ---------------------------------------------------------------------------------- */
#define IG_DEFAULT_MAX_LINE 65536u             /* bytes of one command outside literals */
#define IG_DEFAULT_MAX_STRING_LITERAL 16384u   /* one literal used as a string argument */
#define IG_DEFAULT_MAX_LITERAL_BYTES 65536u    /* all string-argument literals of a command */
#define IG_DEFAULT_MAX_LITERALS 64u            /* literals in one command (APPEND: per message) */
#define IG_DEFAULT_MAX_APPEND_LITERAL 67108864u /* one APPEND message, streamed (64 MiB) */
#define IG_DEFAULT_MAX_NONSYNC_LITERAL 4096u   /* {n+}: RFC 7888 LITERAL- maximum */
#define IG_DEFAULT_MAX_DEPTH 32u               /* nesting of lists and search keys */
#define IG_DEFAULT_MAX_ITEMS 4096u             /* arguments + list items in one command */
#define IG_DEFAULT_MAX_SET_RANGES 8192u        /* ranges in one sequence set */
#define IG_DEFAULT_MAX_TAG 64u                 /* bytes of a tag */
#define IG_DEFAULT_MAX_SASL_LINE 16384u        /* one AUTHENTICATE client response line */
#define IG_DEFAULT_ARENA 65536u                /* per-command arena: parsed tree, decoded strings */

struct ig_limits {
    uint32_t max_line;
    uint32_t max_string_literal;
    uint32_t max_literal_bytes;
    uint32_t max_literals;
    uint32_t max_append_literal;
    uint32_t max_nonsync_literal;
    uint32_t max_depth;
    uint32_t max_items;
    uint32_t max_set_ranges;
    uint32_t max_tag;
    uint32_t max_sasl_line;
    uint32_t arena;
};

/* Fills *lim with the IG_DEFAULT_* values. */
IG_EXPORT void ig_limits_default(struct ig_limits *lim);

/* ------------------------------------------------------------------------------------
 * Status codes. Zero and positive values are events; negative values are errors.
 * ---------------------------------------------------------------------------------- */
enum ig_status {
    IG_OK = 0,            /* a complete line is ready: ig_parser_command() */
    IG_NEED_MORE = 1,     /* every byte given was consumed; feed more */
    IG_NEED_LITERAL = 2,  /* a literal was announced: ig_parser_literal(), then decide */
    IG_LITERAL_DATA = 3,  /* a piece of an accepted APPEND message: ig_parser_data() */
    IG_NEED_OUTPUT = 4,   /* session: send the buffered output, then feed again */
    IG_E_SYNTAX = -1,     /* the command does not match the grammar */
    IG_E_LIMIT = -2,      /* a bound in struct ig_limits was exceeded */
    IG_E_NOMEM = -3,      /* the per-command arena is full (command too complex) */
    IG_E_STATE = -4,      /* the command is not valid in the current state (session) */
    IG_E_USAGE = -5,      /* the API was misused (NULL pointer, wrong call order) */
    IG_E_FATAL = -6,      /* the stream cannot be resynchronized; close the connection */
    IG_STATUS__COUNT = 10
};

/* "IG_OK", "IG_E_SYNTAX", ... for logs and tests; never NULL. */
IG_EXPORT const char *ig_status_name(enum ig_status st);

/* ------------------------------------------------------------------------------------
 * Basic values.
 * ---------------------------------------------------------------------------------- */

/* Bytes, not NUL-terminated. */
struct ig_span {
    const unsigned char *ptr;
    size_t len;
};

/* How a string arrived on the wire. Informational only: two strings are equal when
 * their values are, whatever the form (the serializer picks the form). */
enum ig_strform {
    IG_FORM_ATOM = 0,   /* 1*ASTRING-CHAR (or atom, where the grammar says atom) */
    IG_FORM_QUOTED = 1, /* DQUOTE ... DQUOTE, escapes decoded */
    IG_FORM_LITERAL = 2, /* {n} or {n+} */
    IG_FORM_LITERAL8 = 3 /* ~{n} (RFC 3516), may contain NUL */
};

/* A string value: astring, string, nstring (nil = 1 for NIL), mailbox names. */
struct ig_str {
    struct ig_span v;
    uint8_t form; /* enum ig_strform */
    uint8_t nil;  /* nstring: NIL was sent; v is empty */
};

/* The generic argument tree, used for commands the typed grammar does not know and for
 * the extension values (tagged-ext-val, RFC 4466) of the typed commands. */
enum ig_arg_type {
    IG_ARG_ATOM = 0,    /* atom-like run (may contain [...] sections, \, %, *) */
    IG_ARG_STRING = 1,  /* quoted or literal */
    IG_ARG_NIL = 2,     /* the atom NIL (case-insensitive) */
    IG_ARG_LIST = 3,    /* "(" ... ")" */
    IG_ARG__COUNT = 4
};

struct ig_arg {
    uint8_t type;  /* enum ig_arg_type */
    uint8_t form;  /* enum ig_strform, for IG_ARG_STRING */
    struct ig_span v;            /* atom text or string value */
    uint32_t n;                  /* IG_ARG_LIST: number of items */
    const struct ig_arg *items;  /* IG_ARG_LIST: the items */
};

struct ig_args {
    uint32_t n;
    const struct ig_arg *v;
};

/* ------------------------------------------------------------------------------------
 * Commands.
 * ---------------------------------------------------------------------------------- */
enum ig_cmd {
    IG_CMD_OTHER = 0,     /* a command word the parser does not know: generic arguments */
    /* RFC 9051 §6.1: any state */
    IG_CMD_CAPABILITY, IG_CMD_NOOP, IG_CMD_LOGOUT,
    /* RFC 9051 §6.2: not authenticated */
    IG_CMD_STARTTLS, IG_CMD_AUTHENTICATE, IG_CMD_LOGIN,
    /* RFC 9051 §6.3: authenticated */
    IG_CMD_ENABLE, IG_CMD_SELECT, IG_CMD_EXAMINE, IG_CMD_CREATE, IG_CMD_DELETE,
    IG_CMD_RENAME, IG_CMD_SUBSCRIBE, IG_CMD_UNSUBSCRIBE, IG_CMD_LIST, IG_CMD_LSUB,
    IG_CMD_NAMESPACE, IG_CMD_STATUS, IG_CMD_APPEND, IG_CMD_IDLE,
    /* RFC 9051 §6.4: selected */
    IG_CMD_CHECK, IG_CMD_CLOSE, IG_CMD_UNSELECT, IG_CMD_EXPUNGE, IG_CMD_SEARCH,
    IG_CMD_FETCH, IG_CMD_STORE, IG_CMD_COPY, IG_CMD_MOVE,
    IG_CMD_UID_FETCH, IG_CMD_UID_STORE, IG_CMD_UID_COPY, IG_CMD_UID_MOVE,
    IG_CMD_UID_SEARCH, IG_CMD_UID_EXPUNGE,
    /* extensions */
    IG_CMD_ID,            /* RFC 2971 */
    IG_CMD_COMPRESS,      /* RFC 4978 */
    IG_CMD_GETQUOTA, IG_CMD_GETQUOTAROOT, IG_CMD_SETQUOTA,        /* RFC 9208 */
    IG_CMD_SETACL, IG_CMD_DELETEACL, IG_CMD_GETACL, IG_CMD_LISTRIGHTS,
    IG_CMD_MYRIGHTS,      /* RFC 4314 */
    IG_CMD_GETMETADATA, IG_CMD_SETMETADATA,                       /* RFC 5464 */
    IG_CMD_SORT, IG_CMD_UID_SORT, IG_CMD_THREAD, IG_CMD_UID_THREAD, /* RFC 5256 */
    IG_CMD_ESEARCH,       /* RFC 7377 */
    /* lines that are not commands (see ig_parser_expect) */
    IG_CMD_DONE,          /* the DONE that ends IDLE (RFC 2177) */
    IG_CMD_SASL,          /* a client response during AUTHENTICATE */
    IG_CMD__COUNT
};

/* Upper-case wire name: "LOGIN", "UID FETCH", "DONE", "SASL"; "OTHER" for IG_CMD_OTHER. */
IG_EXPORT const char *ig_cmd_name(enum ig_cmd cmd);

/* Extensions a command uses (bit mask in struct ig_command.ext), so that a server can
 * reject what it did not advertise. */
enum ig_ext {
    IG_EXT_LITERALPLUS = 1u << 0,  /* {n+} (RFC 7888 LITERAL+ / LITERAL-) */
    IG_EXT_BINARY = 1u << 1,       /* ~{n}, BINARY[...] (RFC 3516) */
    IG_EXT_SASL_IR = 1u << 2,      /* AUTHENTICATE initial response (RFC 4959) */
    IG_EXT_IDLE = 1u << 3,         /* RFC 2177 */
    IG_EXT_ENABLE = 1u << 4,       /* RFC 5161 */
    IG_EXT_ID = 1u << 5,           /* RFC 2971 */
    IG_EXT_MOVE = 1u << 6,         /* RFC 6851 */
    IG_EXT_UIDPLUS = 1u << 7,      /* UID EXPUNGE (RFC 4315) */
    IG_EXT_NAMESPACE = 1u << 8,    /* RFC 2342 */
    IG_EXT_UNSELECT = 1u << 9,     /* RFC 3691 */
    IG_EXT_CONDSTORE = 1u << 10,   /* RFC 7162 */
    IG_EXT_QRESYNC = 1u << 11,     /* RFC 7162 */
    IG_EXT_ESEARCH = 1u << 12,     /* SEARCH RETURN (RFC 4731) */
    IG_EXT_SEARCHRES = 1u << 13,   /* SAVE and $ (RFC 5182) */
    IG_EXT_LIST_EXTENDED = 1u << 14, /* RFC 5258 */
    IG_EXT_LIST_STATUS = 1u << 15, /* RFC 5819 */
    IG_EXT_SPECIAL_USE = 1u << 16, /* RFC 6154 */
    IG_EXT_COMPRESS = 1u << 17,    /* RFC 4978 */
    IG_EXT_QUOTA = 1u << 18,       /* RFC 9208 */
    IG_EXT_ACL = 1u << 19,         /* RFC 4314 */
    IG_EXT_METADATA = 1u << 20,    /* RFC 5464 */
    IG_EXT_MULTIAPPEND = 1u << 21, /* RFC 3502 */
    IG_EXT_SORT = 1u << 22,        /* RFC 5256 */
    IG_EXT_THREAD = 1u << 23,      /* RFC 5256 */
    IG_EXT_MULTISEARCH = 1u << 24, /* ESEARCH command (RFC 7377) */
    IG_EXT_APPENDLIMIT = 1u << 25, /* STATUS APPENDLIMIT (RFC 7889) */
    IG_EXT_OBJECTID = 1u << 26,    /* RFC 8474 */
    IG_EXT_STATUS_SIZE = 1u << 27, /* STATUS SIZE (RFC 8438) */
    IG_EXT_UTF8 = 1u << 28,        /* 8-bit UTF-8 in a quoted string (RFC 9051, RFC 6855) */
    IG_EXT_REV1 = 1u << 29         /* IMAP4rev1-only syntax (LSUB, CHECK, RECENT, ...) */
};

/* sequence-set (RFC 9051 §9), e.g. "1:4,7,9:*" or "$". Kept as its text (zero-copy) and
 * validated: numbers are nz-number (1..4294967295, never 0, never wrapped), "*" is the
 * largest number in use. Walk it with ig_seqset_next(). */
struct ig_seqset {
    struct ig_span text;
    uint32_t nranges;   /* number of seq-number / seq-range elements */
    uint8_t saved;      /* ends in "$": the saved search result (RFC 5182 / RFC 9051
                           §6.4.4.1), by itself or after explicit elements */
};

/* One element of a sequence set, as written (4:2 stays first=4, last=2; a single
 * number has first == last). 0 stands for "*". */
struct ig_range {
    uint32_t first;
    uint32_t last;
};

/* Iterates a parsed set: start with *pos = 0; each call stores the next element in *r
 * and returns 1, or returns 0 at the end (the "$" element is not a range: see saved). */
IG_EXPORT int ig_seqset_next(const struct ig_seqset *set, size_t *pos, struct ig_range *r);

/* 1 when name is INBOX in any case (RFC 9051 §5.1: "INBOX" is case-insensitive). */
IG_EXPORT int ig_is_inbox(struct ig_span name);

/* A message flag (RFC 9051 §2.3.2; flag names are case-insensitive). */
enum ig_flag_kind {
    IG_FLAG_ANSWERED = 0, IG_FLAG_FLAGGED, IG_FLAG_DELETED, IG_FLAG_SEEN, IG_FLAG_DRAFT,
    IG_FLAG_RECENT,       /* \Recent: RFC 3501 only, never settable by a client */
    IG_FLAG_EXTENSION,    /* another "\" atom */
    IG_FLAG_KEYWORD,      /* an atom without "\" ($Junk, NonJunk, ...) */
    IG_FLAG__COUNT
};

struct ig_flag {
    uint8_t kind;         /* enum ig_flag_kind */
    struct ig_span name;  /* as sent, "\" included for system and extension flags */
};

struct ig_flags {
    uint32_t n;
    const struct ig_flag *v;
};

/* date-time (RFC 9051 §9), validated against the calendar. */
struct ig_datetime {
    uint16_t year;
    uint8_t month;  /* 1-12 */
    uint8_t day;    /* 1-31, valid for the month and year */
    uint8_t hour, minute, second;
    int16_t zone;   /* minutes east of UTC, -1439..1439 */
};

/* One message of APPEND (RFC 9051 §6.3.12, MULTIAPPEND RFC 3502, RFC 4466 append-opts).
 * The octets are not kept by the parser: they are streamed as IG_LITERAL_DATA. A caller
 * that collected them may set data before ig_command_emit(). */
struct ig_append_msg {
    uint8_t has_flags;
    uint8_t has_date;
    uint8_t kind;            /* enum ig_literal_kind of the message literal */
    struct ig_flags flags;
    struct ig_datetime date;
    uint64_t size;           /* octets announced */
    struct ig_span data;     /* empty unless the caller filled it */
};

struct ig_append {
    struct ig_str mailbox;
    uint32_t n;              /* messages; more than one is MULTIAPPEND */
    const struct ig_append_msg *msgs;
};

/* COPY / MOVE / UID COPY / UID MOVE sequence-set SP mailbox (RFC 9051 §6.4.7, §6.4.8). */
struct ig_copy {
    struct ig_seqset set;
    struct ig_str mailbox;
};

/* LOGIN userid password (RFC 9051 §6.2.3). The password is a secret: never log it. */
struct ig_login {
    struct ig_str user;
    struct ig_str password;
};

/* AUTHENTICATE mechanism [SP initial-response] (RFC 9051 §6.2.2, RFC 4959). */
struct ig_authenticate {
    struct ig_span mechanism;   /* auth-type (an atom), as sent */
    uint8_t has_initial;        /* an initial response was given (SASL-IR) */
    struct ig_span initial;     /* its decoded bytes (empty for "="); a secret */
};

/* A client line during an AUTHENTICATE exchange: base64 or "*". */
struct ig_sasl {
    uint8_t cancel;          /* the client sent "*" */
    struct ig_span data;     /* decoded bytes; a secret */
};

/* ---- values shared by several commands ---- */

/* A list of strings: header field names, LIST patterns, metadata entries, ... */
struct ig_strs {
    uint32_t n;
    const struct ig_str *v;
};

/* A list of atoms as sent (ENABLE capabilities, SPECIAL-USE attributes with their "\"). */
struct ig_atoms {
    uint32_t n;
    const struct ig_span *v;
};

/* date (RFC 9051 §9, SEARCH): date-text, optionally quoted; checked against the
 * calendar. */
struct ig_date {
    uint16_t year;
    uint8_t month;  /* 1-12 */
    uint8_t day;
};

/* An extension parameter (RFC 4466 tagged-ext): label [SP tagged-ext-val]. The value is
 * a generic argument: an atom for tagged-ext-simple (sequence set or number), a list
 * for "(" [tagged-ext-comp] ")". Used for the parameters the typed grammar does not
 * know, beside the ones it decodes. */
struct ig_param {
    struct ig_span name;
    uint8_t has_value;
    struct ig_arg value;
};

struct ig_params {
    uint32_t n;
    const struct ig_param *v;
};

/* ---- mailbox commands (RFC 9051 §6.3) ---- */

/* DELETE, SUBSCRIBE, UNSUBSCRIBE, GETQUOTAROOT (RFC 9208), GETACL, MYRIGHTS (RFC 4314):
 * one mailbox. */
struct ig_mailbox_arg {
    struct ig_str mailbox;
};

/* SELECT / EXAMINE mailbox [select-params] (RFC 4466, CONDSTORE / QRESYNC RFC 7162). */
struct ig_select {
    struct ig_str mailbox;
    uint8_t has_params;      /* "(" ... ")" was sent */
    uint8_t condstore;       /* CONDSTORE */
    uint8_t qresync;         /* QRESYNC (...) */
    uint32_t uidvalidity;    /* QRESYNC: nz-number */
    uint64_t modseq;         /* QRESYNC: mod-sequence-value */
    uint8_t has_known_uids;
    struct ig_seqset known_uids;
    uint8_t has_seq_match;   /* "(" known-sequence-set SP known-uid-set ")" */
    struct ig_seqset known_seqs;
    struct ig_seqset known_seq_uids;
    struct ig_params other;  /* other select-param, in order */
};

/* CREATE mailbox [create-params] (RFC 4466; USE from SPECIAL-USE RFC 6154). */
struct ig_create {
    struct ig_str mailbox;
    uint8_t has_params;
    uint8_t has_use;
    struct ig_atoms use;     /* "\Sent", "\Drafts", ... as sent */
    struct ig_params other;
};

/* RENAME mailbox SP mailbox [rename-params] (RFC 4466). */
struct ig_rename {
    struct ig_str from;
    struct ig_str to;
    uint8_t has_params;
    struct ig_params params;
};

/* STATUS items (RFC 9051 §6.3.11 and extensions). */
enum ig_status_att {
    IG_SATT_MESSAGES = 0, IG_SATT_RECENT /* rev1 */, IG_SATT_UIDNEXT, IG_SATT_UIDVALIDITY,
    IG_SATT_UNSEEN, IG_SATT_DELETED, IG_SATT_SIZE /* RFC 8438 */,
    IG_SATT_HIGHESTMODSEQ /* RFC 7162 */, IG_SATT_APPENDLIMIT /* RFC 7889 */,
    IG_SATT_MAILBOXID /* RFC 8474 */, IG_SATT_DELETED_STORAGE /* RFC 9208 */,
    IG_SATT__COUNT
};

struct ig_status_atts {
    uint32_t n;
    const uint8_t *v;        /* enum ig_status_att, in the order sent */
};

/* STATUS mailbox SP "(" status-att *(SP status-att) ")" */
struct ig_status_cmd {
    struct ig_str mailbox;
    struct ig_status_atts atts;
};

/* LIST (RFC 9051 §6.3.9 with LIST-EXTENDED RFC 5258, LIST-STATUS RFC 5819,
 * SPECIAL-USE RFC 6154) and LSUB (rev1: reference and one pattern). */
enum ig_list_opt {
    IG_LIST_SUBSCRIBED = 1u << 0,     /* selection and return option */
    IG_LIST_REMOTE = 1u << 1,         /* selection */
    IG_LIST_RECURSIVEMATCH = 1u << 2, /* selection */
    IG_LIST_SPECIAL_USE = 1u << 3,    /* selection and return option */
    IG_LIST_CHILDREN = 1u << 4,       /* return option */
    IG_LIST_STATUS = 1u << 5,         /* return option STATUS (...) */
    IG_LIST_MYRIGHTS = 1u << 6        /* return option (RFC 8440) */
};

struct ig_list {
    uint8_t has_select;      /* "(" selection options ")" was sent */
    uint32_t select;         /* enum ig_list_opt bits */
    struct ig_params select_other;
    struct ig_str reference;
    uint8_t patterns_list;   /* patterns in parentheses (LIST-EXTENDED) */
    struct ig_strs patterns; /* list-mailbox: may hold % and * */
    uint8_t has_return;      /* RETURN (...) was sent */
    uint32_t ret;            /* enum ig_list_opt bits */
    struct ig_status_atts status; /* RETURN (STATUS (...)) */
    struct ig_params return_other;
};

/* ENABLE capability *(SP capability) (RFC 5161). */
struct ig_enable {
    struct ig_atoms caps;
};

/* ID ("(" *(string SP nstring) ")" / NIL) (RFC 2971). */
struct ig_id_pair {
    struct ig_str field;
    struct ig_str value;     /* nil = 1 for NIL */
};

struct ig_id {
    uint8_t nil;             /* ID NIL */
    uint32_t n;
    const struct ig_id_pair *v;
};

/* ---- message commands (RFC 9051 §6.4) ---- */

/* FETCH items (RFC 9051 §6.4.5, rev1 RFC822.*, BINARY RFC 3516, MODSEQ RFC 7162,
 * EMAILID / THREADID RFC 8474). */
enum ig_fetch_kind {
    IG_FETCH_ENVELOPE = 0, IG_FETCH_FLAGS, IG_FETCH_INTERNALDATE, IG_FETCH_RFC822_SIZE,
    IG_FETCH_BODY,           /* BODY without a section: the structure */
    IG_FETCH_BODYSTRUCTURE, IG_FETCH_UID,
    IG_FETCH_BODY_SECTION,   /* BODY[section]<partial>, BODY.PEEK[...] (peek = 1) */
    IG_FETCH_BINARY,         /* BINARY[part]<partial>, BINARY.PEEK[...] (peek = 1) */
    IG_FETCH_BINARY_SIZE,    /* BINARY.SIZE[part] */
    IG_FETCH_RFC822, IG_FETCH_RFC822_HEADER, IG_FETCH_RFC822_TEXT, /* rev1 */
    IG_FETCH_MODSEQ, IG_FETCH_EMAILID, IG_FETCH_THREADID,
    IG_FETCH__COUNT
};

enum ig_fetch_macro {
    IG_FETCH_NO_MACRO = 0, IG_FETCH_ALL, IG_FETCH_FAST, IG_FETCH_FULL
};

enum ig_section_text {
    IG_SECTION_NONE = 0,          /* only part numbers, or [] (the whole message) */
    IG_SECTION_HEADER, IG_SECTION_HEADER_FIELDS, IG_SECTION_HEADER_FIELDS_NOT,
    IG_SECTION_TEXT, IG_SECTION_MIME
};

/* section / section-binary. "[]" has nparts = 0 and text = IG_SECTION_NONE. Members
 * are ordered so that a struct ig_fetch_att fills one 64-byte cache line. */
struct ig_section {
    const uint32_t *parts;   /* section-part: 1.2.3 -> {1, 2, 3}, each nz-number */
    struct ig_strs fields;   /* HEADER.FIELDS(.NOT) header-list (at least one name) */
    uint32_t nparts;
    uint8_t text;            /* enum ig_section_text; MIME only after a part number */
};

struct ig_partial {
    uint8_t present;         /* "<" offset "." count ">" */
    uint64_t offset;         /* number64 */
    uint64_t count;          /* nz-number64 */
};

/* One fetch-att. section and partial are used by IG_FETCH_BODY_SECTION, IG_FETCH_BINARY
 * (section-binary: parts only) and IG_FETCH_BINARY_SIZE (section-binary, no partial);
 * they are zero for the other kinds. */
struct ig_fetch_att {
    uint8_t kind;            /* enum ig_fetch_kind */
    uint8_t peek;            /* BODY.PEEK / BINARY.PEEK */
    struct ig_section section;
    struct ig_partial partial;
};

/* Modifier and parameter kinds that the typed grammar decodes. */
enum ig_modifier {
    IG_MOD_CHANGEDSINCE = 1u << 0,   /* FETCH (RFC 7162) */
    IG_MOD_VANISHED = 1u << 1,       /* UID FETCH (RFC 7162 QRESYNC) */
    IG_MOD_UNCHANGEDSINCE = 1u << 2  /* STORE (RFC 7162) */
};

/* FETCH sequence-set SP (macro / fetch-att / "(" fetch-att *(SP fetch-att) ")")
 * [fetch-modifiers]; UID FETCH likewise. */
struct ig_fetch {
    struct ig_seqset set;
    uint8_t macro;           /* enum ig_fetch_macro; when set, n == 0 */
    uint8_t list;            /* the items were in parentheses */
    uint32_t n;
    const struct ig_fetch_att *atts;
    uint8_t has_modifiers;   /* " (" fetch-modifier ... ")" was sent */
    uint32_t mods;           /* IG_MOD_CHANGEDSINCE, IG_MOD_VANISHED (UID FETCH only,
                                and only with CHANGEDSINCE: RFC 7162 §3.2.6) */
    uint64_t changedsince;   /* mod-sequence-value: 1..2^63-1 */
    struct ig_params other;  /* other fetch-modifier, in order */
};

/* STORE sequence-set [store-modifiers] SP store-att-flags; UID STORE likewise. */
struct ig_store {
    struct ig_seqset set;
    uint8_t has_modifiers;   /* " (" store-modifier ... ")" was sent */
    uint32_t mods;           /* IG_MOD_UNCHANGEDSINCE */
    uint64_t unchangedsince; /* mod-sequence-valzer: 0..2^63-1 */
    struct ig_params other;  /* other store-modifier, in order */
    int8_t op;               /* +1 "+FLAGS", -1 "-FLAGS", 0 "FLAGS" */
    uint8_t silent;          /* ".SILENT" */
    uint8_t list;            /* flags in parentheses (else a bare flag sequence) */
    struct ig_flags flags;
};

/* SEARCH keys (RFC 9051 §6.4.4, rev1 RFC 3501 §6.4.4, MODSEQ RFC 7162, EMAILID /
 * THREADID RFC 8474). */
enum ig_search_kind {
    IG_SK_ALL = 0, IG_SK_ANSWERED, IG_SK_BCC, IG_SK_BEFORE, IG_SK_BODY, IG_SK_CC,
    IG_SK_DELETED, IG_SK_FLAGGED, IG_SK_FROM, IG_SK_KEYWORD, IG_SK_NEW /* rev1 */,
    IG_SK_OLD /* rev1 */, IG_SK_ON, IG_SK_RECENT /* rev1 */, IG_SK_SEEN, IG_SK_SINCE,
    IG_SK_SUBJECT, IG_SK_TEXT, IG_SK_TO, IG_SK_UNANSWERED, IG_SK_UNDELETED,
    IG_SK_UNFLAGGED, IG_SK_UNKEYWORD, IG_SK_UNSEEN, IG_SK_DRAFT, IG_SK_HEADER,
    IG_SK_LARGER, IG_SK_NOT, IG_SK_OR, IG_SK_SENTBEFORE, IG_SK_SENTON, IG_SK_SENTSINCE,
    IG_SK_SMALLER, IG_SK_UID, IG_SK_UNDRAFT,
    IG_SK_SET,               /* a bare sequence-set */
    IG_SK_AND,               /* "(" search-key *(SP search-key) ")" */
    IG_SK_MODSEQ, IG_SK_EMAILID, IG_SK_THREADID,
    IG_SK__COUNT
};

enum ig_entry_type { IG_ENTRY_NONE = 0, IG_ENTRY_PRIV, IG_ENTRY_SHARED, IG_ENTRY_ALL };

struct ig_search_key {
    uint8_t kind;            /* enum ig_search_kind */
    union {
        struct ig_str str;   /* BCC BODY CC FROM SUBJECT TEXT TO; objectid of EMAILID /
                                THREADID (as an atom) */
        struct ig_span keyword; /* KEYWORD, UNKEYWORD: flag-keyword */
        struct ig_date date; /* BEFORE ON SINCE SENTBEFORE SENTON SENTSINCE */
        uint64_t number;     /* LARGER SMALLER (number64) */
        struct ig_seqset set; /* UID, SET */
        struct {
            struct ig_str field;
            struct ig_str value;
        } header;            /* HEADER */
        const struct ig_search_key *not_key; /* NOT */
        struct {
            const struct ig_search_key *a;
            const struct ig_search_key *b;
        } or_keys;           /* OR */
        struct {
            uint32_t n;
            const struct ig_search_key *v;
        } and_keys;          /* "(" ... ")" */
        struct {
            uint64_t value;          /* mod-sequence-valzer */
            uint8_t has_entry;
            struct ig_str entry;     /* entry-name: "/flags/\\Seen" as decoded */
            uint8_t entry_type;      /* enum ig_entry_type */
        } modseq;            /* MODSEQ */
    } u;
};

/* search-program = ["CHARSET" SP charset SP] search-key *(SP search-key) */
struct ig_search_program {
    uint8_t has_charset;
    struct ig_str charset;
    uint32_t n;              /* top-level keys, all of which must match */
    const struct ig_search_key *keys;
};

/* RETURN (...) of SEARCH (ESEARCH RFC 4731, SAVE RFC 5182) and of the ESEARCH command. */
enum ig_search_return {
    IG_RET_MIN = 1u << 0, IG_RET_MAX = 1u << 1, IG_RET_ALL = 1u << 2,
    IG_RET_COUNT = 1u << 3, IG_RET_SAVE = 1u << 4
};

struct ig_search_ret {
    uint8_t present;         /* RETURN was sent (RETURN () is present with no option) */
    uint32_t opts;           /* enum ig_search_return bits */
    struct ig_params other;  /* search-ret-opt-ext, in order */
};

/* SEARCH [search-return-opts] SP search-program; UID SEARCH likewise. */
struct ig_search {
    struct ig_search_ret ret;
    struct ig_search_program prog;
};

/* SORT (RFC 5256). */
enum ig_sort_key {
    IG_SORT_ARRIVAL = 0, IG_SORT_CC, IG_SORT_DATE, IG_SORT_FROM, IG_SORT_SIZE,
    IG_SORT_SUBJECT, IG_SORT_TO, IG_SORT__COUNT
};

struct ig_sort_criterion {
    uint8_t reverse;
    uint8_t key;             /* enum ig_sort_key */
};

/* SORT sort-criteria SP charset 1*(SP search-key); UID SORT likewise. The program's
 * charset is mandatory here (has_charset = 1). */
struct ig_sort {
    uint32_t n;
    const struct ig_sort_criterion *criteria;
    struct ig_search_program prog;
};

/* THREAD thread-alg SP charset 1*(SP search-key); UID THREAD likewise. */
struct ig_thread {
    struct ig_span algorithm; /* ORDEREDSUBJECT, REFERENCES or another atom */
    struct ig_search_program prog;
};

/* ESEARCH [SP "IN" SP "(" source-mbox [SP "(" scope-options ")"] ")"]
 * [search-return-opts] SP search-program (RFC 7377). */
enum ig_filter_kind {
    IG_FILTER_SELECTED = 0, IG_FILTER_SELECTED_DELAYED, IG_FILTER_INBOXES,
    IG_FILTER_PERSONAL, IG_FILTER_SUBSCRIBED, IG_FILTER_SUBTREE, IG_FILTER_SUBTREE_ONE,
    IG_FILTER_MAILBOXES
};

struct ig_filter {
    uint8_t kind;                /* enum ig_filter_kind */
    uint8_t list;                /* the mailboxes were in parentheses */
    struct ig_strs mailboxes;    /* SUBTREE, SUBTREE-ONE, MAILBOXES */
};

struct ig_esearch {
    uint8_t has_in;
    uint32_t nfilters;
    const struct ig_filter *filters;
    uint8_t has_scope;
    struct ig_params scope;
    struct ig_search_ret ret;
    struct ig_search_program prog;
};

/* ---- extension commands ---- */

/* GETQUOTA quota-root-name (RFC 9208). */
struct ig_getquota {
    struct ig_str root;
};

struct ig_quota_limit {
    struct ig_span resource;  /* STORAGE, MESSAGE, MAILBOX, ANNOTATION-STORAGE or atom */
    uint64_t limit;           /* number64 */
};

/* SETQUOTA quota-root-name SP "(" [resource limit *(SP resource limit)] ")" */
struct ig_setquota {
    struct ig_str root;
    uint32_t n;
    const struct ig_quota_limit *v;
};

/* SETACL / DELETEACL / LISTRIGHTS mailbox SP identifier [SP mod-rights] (RFC 4314). */
struct ig_acl {
    struct ig_str mailbox;
    struct ig_str identifier; /* valid UTF-8 (RFC 4314 §2) */
    int8_t op;                /* SETACL: +1 "+" adds, -1 "-" removes, 0 replaces */
    struct ig_str rights;     /* SETACL: the rights after the "+" / "-" (lower-case
                                 letters and digits, may be empty) */
};

/* GETMETADATA [SP "(" options ")"] SP mailbox SP entries (RFC 5464). */
struct ig_getmetadata {
    uint8_t has_options;
    uint8_t has_maxsize;
    uint32_t maxsize;
    uint8_t has_depth;
    uint8_t depth;            /* 0, 1, or 2 for "infinity" */
    struct ig_params other;
    struct ig_str mailbox;
    uint8_t entries_list;     /* the entries were in parentheses */
    struct ig_strs entries;
};

struct ig_metadata_value {
    struct ig_str entry;
    struct ig_str value;      /* nstring (nil = 1 removes the entry) or literal8 */
};

/* SETMETADATA mailbox SP "(" entry SP value *(SP entry SP value) ")" */
struct ig_setmetadata {
    struct ig_str mailbox;
    uint32_t n;
    const struct ig_metadata_value *v;
};

/* COMPRESS algorithm (RFC 4978). */
struct ig_compress {
    struct ig_span algorithm; /* DEFLATE, or another atom */
};

/* Every command of RFC 9051 §6 and RFC 3501 §6 and of the extensions above has a
 * member here; `typed` says whether it was filled (commands that take no arguments
 * use none). A command word the parser does not know arrives as IG_CMD_OTHER with
 * generic arguments. */

struct ig_command {
    enum ig_cmd cmd;
    uint8_t typed;          /* 1: the member of u for cmd is filled; 0: use u.generic */
    uint32_t ext;           /* enum ig_ext bits of the constructs used */
    struct ig_span tag;     /* empty for DONE and SASL lines */
    struct ig_span name;    /* the command word(s) as sent, e.g. "uid fetch" */
    uint64_t offset;        /* stream offset of the first byte of the command */
    uint64_t length;        /* bytes of the command in the stream, CRLF and literals included */
    union {
        struct ig_login login;
        struct ig_authenticate authenticate;
        struct ig_sasl sasl;
        struct ig_append append;
        struct ig_copy copy;          /* COPY, MOVE, UID COPY, UID MOVE */
        struct ig_seqset uid_expunge; /* UID EXPUNGE sequence-set (RFC 4315) */
        struct ig_mailbox_arg mailbox; /* DELETE SUBSCRIBE UNSUBSCRIBE GETQUOTAROOT
                                          GETACL MYRIGHTS */
        struct ig_select select;      /* SELECT, EXAMINE */
        struct ig_create create;
        struct ig_rename rename;
        struct ig_status_cmd status;
        struct ig_list list;          /* LIST, LSUB */
        struct ig_enable enable;
        struct ig_id id;
        struct ig_fetch fetch;        /* FETCH, UID FETCH */
        struct ig_store store;        /* STORE, UID STORE */
        struct ig_search search;      /* SEARCH, UID SEARCH */
        struct ig_sort sort;          /* SORT, UID SORT */
        struct ig_thread thread;      /* THREAD, UID THREAD */
        struct ig_esearch esearch;
        struct ig_getquota getquota;
        struct ig_setquota setquota;
        struct ig_acl acl;            /* SETACL, DELETEACL, LISTRIGHTS */
        struct ig_getmetadata getmetadata;
        struct ig_setmetadata setmetadata;
        struct ig_compress compress;
        struct ig_args generic;       /* IG_CMD_OTHER */
    } u;
};

/* ------------------------------------------------------------------------------------
 * Literal announcements (IG_NEED_LITERAL).
 * ---------------------------------------------------------------------------------- */
enum ig_literal_kind {
    IG_LIT_SYNC = 0,     /* {n}: the client waits for "+ ..." before sending the octets */
    IG_LIT_NONSYNC = 1,  /* {n+}: the octets follow at once (LITERAL+ / LITERAL-) */
    IG_LIT_SYNC8 = 2,    /* ~{n}: literal8 (RFC 3516), waits for "+" */
    IG_LIT_NONSYNC8 = 3  /* ~{n+}: literal8, non-synchronizing (RFC 4466 + RFC 7888) */
};

struct ig_literal {
    struct ig_span tag;     /* tag of the command the literal belongs to */
    enum ig_cmd cmd;        /* its command */
    uint64_t size;          /* announced octets */
    uint8_t kind;           /* enum ig_literal_kind */
    uint8_t message;        /* 1: APPEND message data, streamed as IG_LITERAL_DATA
                               0: a string argument, kept in the command */
    uint32_t index;         /* 0-based number of this message in the APPEND (message=1) */
    struct ig_str mailbox;  /* APPEND: the target mailbox */
    const struct ig_append_msg *msg; /* APPEND: flags and date of this message; valid
                                        until the command completes */
    uint64_t offset;        /* stream offset of the literal header's "{" (or "~") */
};

/* ------------------------------------------------------------------------------------
 * Errors.
 * ---------------------------------------------------------------------------------- */
struct ig_error {
    enum ig_status code;   /* the negative status that was returned */
    uint64_t offset;       /* stream offset of the offending byte */
    const char *reason;    /* fixed text, never input bytes; safe to log and to send */
    struct ig_span tag;    /* the command's tag if one was read, else empty: answer
                              "tag BAD reason", or "* BAD" / BYE when there is none */
    uint64_t command_offset; /* stream offset where the rejected line began */
    struct ig_span name;   /* the command word(s) as sent, when read; else empty */
    enum ig_cmd cmd;       /* the command when name is not empty (IG_CMD_OTHER for an
                              unknown word); IG_CMD_SASL / IG_CMD_DONE for those lines */
    const char *resp_code; /* a response code that fits the refusal, or NULL: "TOOBIG"
                              when a literal is over a size limit (RFC 7888 §4-5 wants it
                              in the BAD to an over-size non-synchronizing literal) */
};

/* ------------------------------------------------------------------------------------
 * The parser.
 * ---------------------------------------------------------------------------------- */

/* Options (ig_parser_set_options). All off by default: strict RFC grammar. */
enum ig_option {
    /* Accept a bare LF as a line end. Without it only CRLF ends a line: a bare LF makes
     * its command bad, and the rest of the line up to the next CRLF is skipped with it.
     * Risk: a peer and this parser may disagree on where a command ends (request
     * smuggling through a proxy). */
    IG_OPT_LENIENT_LF = 1u << 0,
    /* Accept UTF-8 in quoted strings (IMAP4rev2 after ENABLE IMAP4rev2, or
     * UTF8=ACCEPT). Without it quoted strings are 7-bit, as in RFC 3501. */
    IG_OPT_UTF8 = 1u << 1
};

/* What the next line is (ig_parser_expect). */
enum ig_expect {
    IG_EXPECT_COMMAND = 0, /* a tagged command (the default) */
    IG_EXPECT_SASL = 1,    /* one AUTHENTICATE client response: base64 or "*" */
    IG_EXPECT_DONE = 2     /* the DONE that ends IDLE */
};

/* The parser object. Its fields are private (leading underscore): they are in the
 * header only so that callers can embed the struct. */
struct ig_parser {
    struct ig_limits _lim;
    uint32_t _opts;
    int _state;              /* framing state */
    int _expect;             /* enum ig_expect for the current line */
    unsigned char *_buf;     /* command buffer: text of the current command */
    size_t _bufcap;
    size_t _len;             /* bytes in _buf */
    size_t _seg;             /* start of the current line segment in _buf */
    size_t _check;           /* where the grammar resumes in _buf (APPEND messages) */
    unsigned char *_arena;
    size_t _arenacap;
    size_t _lo, _hi;         /* arena: low (result) and high (scratch) marks */
    uint64_t _off;           /* stream offset of the next byte */
    uint64_t _cmd_off;       /* stream offset of the current command */
    uint64_t _remain;        /* octets left in the current literal */
    uint64_t _skipped;       /* octets of the current command not kept (discarded) */
    uint32_t _textlen;       /* bytes of the command outside literals */
    uint32_t _litbytes;      /* string-literal octets kept for the command */
    uint32_t _nlit;          /* literals seen in this command (or APPEND message) */
    uint32_t _nmsg;          /* APPEND messages seen */
    uint32_t _ncr;           /* CRs inserted in lenient LF mode (offset fix-up) */
    uint32_t *_crpos;        /* their positions in _buf (max_literals + 2) */
    uint64_t _check_off;     /* stream offset of _buf[_check] */
    size_t _seg_lo, _seg_hi; /* arena marks kept across APPEND messages */
    size_t _msg_mark;        /* arena scratch mark of the APPEND message vector */
    int _litkind;            /* announced literal: 1 string argument, 2 message */
    uint8_t _fresh;          /* the next byte starts a new line */
    uint8_t _lit8;           /* current literal is literal8 */
    uint8_t _tailtrunc;      /* _tail lost bytes of the line (a long digit run) */
    unsigned char _tail[32]; /* last bytes of a discarded line (literal header check) */
    uint8_t _taillen;
    struct ig_command _cmd;
    struct ig_literal _lit;
    struct ig_error _err;
    struct ig_span _data;
    size_t _memsize;         /* bytes of the attached block (ig_parser_set_limits) */
    /* ABI: room for private fields added later without changing sizeof(struct
     * ig_parser), which callers compile into their own structs. A new field takes its
     * bytes from here; parser/version.c asserts the size stays IG_PARSER_ABI_SIZE. */
    unsigned char _reserved[360];
};
/* sizeof(struct ig_parser) on LP64 platforms (x86_64, aarch64) for this MAJOR. */
#define IG_PARSER_ABI_SIZE 1024u

/* Bytes of memory ig_parser_init() needs for these limits (NULL: defaults). The total
 * memory of one parser is sizeof(struct ig_parser) plus this. */
IG_EXPORT size_t ig_parser_memsize(const struct ig_limits *lim);

/* Prepares p. lim NULL means defaults. mem/memsize: caller memory of at least
 * ig_parser_memsize(lim) bytes, aligned for any type (malloc'd memory is); the parser
 * uses only this memory, never malloc. Returns IG_OK, or IG_E_USAGE for bad arguments
 * or inconsistent limits (e.g. a zero limit). */
IG_EXPORT enum ig_status ig_parser_init(struct ig_parser *p, const struct ig_limits *lim,
                                        void *mem, size_t memsize);

/* Options: a mask of enum ig_option. Takes effect at the next line. */
IG_EXPORT void ig_parser_set_options(struct ig_parser *p, uint32_t options);

/* Says what the next line is: a SASL response during AUTHENTICATE, or the DONE of IDLE.
 * Applies to one line; afterwards the parser expects commands again. Call it after
 * the event that started the exchange and before feeding the bytes of the line. */
IG_EXPORT enum ig_status ig_parser_expect(struct ig_parser *p, enum ig_expect what);

/* Feeds bytes. Consumes a prefix of buf, stores its length in *used, and returns:
 *   IG_OK            a line is complete: ig_parser_command()
 *   IG_NEED_MORE     all of buf was consumed (*used == len) and no event is pending
 *   IG_NEED_LITERAL  a literal was announced: ig_parser_literal(), then call
 *                    ig_parser_literal_accept() or ig_parser_literal_reject()
 *   IG_LITERAL_DATA  part of an accepted APPEND message: ig_parser_data()
 *   < 0              an error: ig_parser_error(). The parser has already arranged to
 *                    skip the rest of the bad command (consuming the octets of any
 *                    non-synchronizing literal in it), so the caller answers and goes
 *                    on feeding. Only IG_E_FATAL is sticky (until ig_parser_reset()).
 * Call again with the unconsumed rest (buf + *used). Every chunking of the same bytes
 * gives the same events. */
IG_EXPORT enum ig_status ig_parser_feed(struct ig_parser *p, const void *buf, size_t len,
                                        size_t *used);

/* The line completed by the last IG_OK. */
IG_EXPORT const struct ig_command *ig_parser_command(const struct ig_parser *p);

/* The literal announced by the last IG_NEED_LITERAL. */
IG_EXPORT const struct ig_literal *ig_parser_literal(const struct ig_parser *p);

/* Decisions on an announced literal. accept: the parser takes the octets (for a
 * synchronizing literal the caller sends the "+ " continuation itself). reject: the
 * command is dropped; the caller sends the tagged NO/BAD. For a synchronizing literal
 * the client sends nothing more for that command, so the parser goes to the next line;
 * for a non-synchronizing one it discards the octets and the rest of the command.
 * Both return IG_E_USAGE when no literal is waiting for a decision. */
IG_EXPORT enum ig_status ig_parser_literal_accept(struct ig_parser *p);
IG_EXPORT enum ig_status ig_parser_literal_reject(struct ig_parser *p);

/* The piece of APPEND message data of the last IG_LITERAL_DATA; *remaining (if not
 * NULL) receives the octets of the message still to come after it. */
IG_EXPORT struct ig_span ig_parser_data(const struct ig_parser *p, uint64_t *remaining);

/* The error of the last negative status. */
IG_EXPORT const struct ig_error *ig_parser_error(const struct ig_parser *p);

/* 1 when the parser is between lines: nothing of a command is buffered, and it is not
 * inside a literal or skipping a rejected command. A stream that ends while this is 0
 * ended inside a command. */
IG_EXPORT int ig_parser_idle(const struct ig_parser *p);

/* Stream offset of the next byte the parser will consume. */
IG_EXPORT uint64_t ig_parser_offset(const struct ig_parser *p);

/* Stream offset where the line in progress began (a command being read, or a rejected
 * one being skipped); equal to ig_parser_offset() when the parser is idle. */
IG_EXPORT uint64_t ig_parser_line_offset(const struct ig_parser *p);

/* Forgets the current command and any sticky error; the next byte fed starts a line.
 * Stream offsets keep counting. */
IG_EXPORT void ig_parser_reset(struct ig_parser *p);

/* Lending the memory block. A server with many idle connections need not keep a
 * block per connection: between lines the parser needs none (its state between lines
 * is in the struct), so the block can go back to a pool and another one (of at least
 * ig_parser_memsize() bytes for the same limits, any block of the pool) can be
 * attached before the next bytes are fed.
 *
 * ig_parser_detach: when the parser is idle (ig_parser_idle(): between lines, also
 * when the next line is a SASL response or the DONE of IDLE), takes the block away and
 * returns it (the mem given to ig_parser_init or ig_parser_attach); else, or when no
 * block is attached, returns NULL and changes nothing. It refuses while any byte of a
 * line is held, a literal is announced or being read, APPEND data is streaming, a bad
 * command is being skipped or the stream is lost (IG_E_FATAL). Every span of the last
 * event ends with the detach, as with the next feed (the command, literal and error
 * spans are cleared).
 *
 * ig_parser_attach: gives a detached parser a block of memsize bytes (at least
 * ig_parser_memsize() for its limits, 8-byte aligned; the contents do not matter).
 * IG_OK, or IG_E_USAGE when a block is attached already or the block does not fit.
 *
 * A detached parser refuses ig_parser_feed() with IG_E_USAGE (nothing consumed);
 * ig_parser_expect(), ig_parser_set_options(), ig_parser_reset() and the accessors work.
 * Detaching and attaching between lines changes no event: the same bytes give the same
 * events as without. ig_parser_detached: 1 while no block is attached. */
IG_EXPORT void *ig_parser_detach(struct ig_parser *p);
IG_EXPORT enum ig_status ig_parser_attach(struct ig_parser *p, void *mem, size_t memsize);
IG_EXPORT int ig_parser_detached(const struct ig_parser *p);

/* New limits from the next line on, e.g. small ones before login and the full ones
 * after (ig_session_set_prelogin_limits). Only while the parser is idle (between lines,
 * or detached); the attached block, if any, must be at least ig_parser_memsize(lim)
 * bytes (a block for the larger limits serves the smaller ones). IG_OK, or IG_E_USAGE
 * (not idle, bad limits, the block too small) with nothing changed. */
IG_EXPORT enum ig_status ig_parser_set_limits(struct ig_parser *p, const struct ig_limits *lim);

/* ------------------------------------------------------------------------------------
 * Serializer and equality.
 * ---------------------------------------------------------------------------------- */

/* Writes the canonical wire form of cmd (CRLF included) into out (capacity cap) and
 * returns its length; when that is more than cap, nothing useful was written and the
 * caller retries with a bigger buffer. Strings are written as atoms when the grammar
 * allows, else quoted, else as {n+} literals; re-parsing the output gives a command
 * equal to cmd. options: IG_OPT_UTF8 allows UTF-8 in quoted strings. Returns
 * (size_t)-1 when cmd cannot be written (it violates the grammar, e.g. a NUL in a
 * string or an empty atom). */
IG_EXPORT size_t ig_command_emit(const struct ig_command *cmd, uint32_t options, void *out,
                                 size_t cap);

/* For a proxy that streams APPEND messages (IG_LITERAL_DATA) instead of holding them:
 * writes the canonical bytes that precede the octets of the message lit announces (an
 * IG_NEED_LITERAL with lit->message = 1). For the first message (lit->index 0) that is
 * "tag APPEND mailbox [flags] [date-time] {n}" CRLF, for each further one (MULTIAPPEND,
 * RFC 3502) " [flags] [date-time] {n}" CRLF; nonsync writes {n+} (RFC 7888), and a
 * literal8 message ~{n}. After the last message's octets the command ends with CRLF.
 * The pieces together equal ig_command_emit() of the command with the octets filled
 * in. Returns the length (more than cap: nothing useful written, retry bigger), or
 * (size_t)-1 when lit is not an APPEND message or cannot be written. */
IG_EXPORT size_t ig_append_emit_head(const struct ig_literal *lit, int nonsync, void *out,
                                     size_t cap);

/* 1 when a and b are the same command: same tag, command and argument values
 * (string forms, offsets and lengths are not compared), else 0. */
IG_EXPORT int ig_command_equal(const struct ig_command *a, const struct ig_command *b);

#ifdef __cplusplus
}
#endif
#endif /* IMAPGUARD_H */
