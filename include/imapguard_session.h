/*
 * imapguard_session.h - the server side of one IMAP connection as a sans-I/O state
 * machine (RFC 9051 §3, §6): bytes in; bytes to send and actions (start TLS, close)
 * out. No sockets, threads, clock or randomness: what the session needs of the world it
 * gets from the backend the caller plugs in. The same code runs in a fuzzer, a test and
 * a real server.
 *
 * Driving a session:
 *
 *   ig_session_init(&s, &cfg, &backend, ctx, mem, memsize);   greeting queued
 *   loop:
 *     while ((out = ig_session_output(&s)).len) { send(out); ig_session_sent(&s, n); }
 *     switch (ig_session_action(&s)) {          after the output is sent:
 *       IG_ACT_STARTTLS: handshake; ig_session_tls_started(&s); break;
 *       IG_ACT_CLOSE: close the connection; done.
 *     }
 *     n = read(); st = ig_session_feed(&s, buf, n, &used);   repeat with buf + used
 *                                                            when st == IG_NEED_OUTPUT
 *
 * Memory: fixed at init (ig_session_memsize): the parser's memory, the output buffer
 * (cfg.output_buffer plus a fixed headroom of IG_OUTPUT_HEADROOM bytes), and
 * sizeof(struct ig_session). Output never grows beyond that: a command whose responses
 * do not fit is resumed after the caller has sent what is buffered.
 */
#ifndef IMAPGUARD_SESSION_H
#define IMAPGUARD_SESSION_H

#include "imapguard.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- states (RFC 9051 §3) ---- */
enum ig_state {
    IG_STATE_NOT_AUTH = 0,  /* Not Authenticated */
    IG_STATE_AUTH = 1,      /* Authenticated */
    IG_STATE_SELECTED = 2,  /* Selected (read-write after SELECT, read-only after EXAMINE) */
    IG_STATE_LOGOUT = 3,    /* Logout: nothing more is read */
    IG_STATE__COUNT = 4
};

IG_EXPORT const char *ig_state_name(enum ig_state st); /* "NOT_AUTH", "AUTH", ... */

/* ---- the command x state table: the single source of truth ---- */
enum { IG_NEXT_SAME = 0xff }; /* the state does not change */

struct ig_cmd_rule {
    uint8_t valid;                     /* bit (1 << state) for every state it is valid in */
    uint8_t next_ok[IG_STATE__COUNT];  /* state after a tagged OK, or IG_NEXT_SAME */
    uint8_t next_fail[IG_STATE__COUNT];/* state after a tagged NO / BAD, or IG_NEXT_SAME */
};

/* The rule of a command; the row of IG_CMD_OTHER is valid in no state. */
IG_EXPORT const struct ig_cmd_rule *ig_cmd_rule(enum ig_cmd cmd);

/* ---- configuration ---- */
#define IG_DEFAULT_OUTPUT_BUFFER 65536u
#define IG_OUTPUT_HEADROOM 4096u      /* room for one response item beyond the buffer */
#define IG_DEFAULT_MAX_BAD_COMMANDS 10u /* BAD responses before login, then BYE + close */
#define IG_MAX_INLINE_STRING 1024u    /* longer backend strings go out as literals */
#define IG_OUTPUT_REFS 16u            /* long strings referenced, not copied, at a time */

enum ig_greeting {
    IG_GREET_OK = 0,      /* * OK [CAPABILITY ...] ready */
    IG_GREET_PREAUTH = 1, /* * PREAUTH: the connection starts authenticated */
    IG_GREET_BYE = 2      /* * BYE: refused; the session closes at once */
};

struct ig_session_config {
    struct ig_limits limits;    /* parser limits (ig_limits_default) */
    uint32_t output_buffer;     /* bytes buffered before a command pauses */
    uint32_t max_bad_commands;  /* before authentication (cross-protocol defence) */
    uint8_t greeting;           /* enum ig_greeting */
    uint8_t tls_active;         /* the connection is already TLS (port 993) */
    uint8_t starttls;           /* offer STARTTLS while not on TLS */
    uint8_t plaintext_login;    /* allow LOGIN / PLAIN without TLS (else LOGINDISABLED) */
    uint8_t literal_plus;       /* advertise LITERAL+ (else LITERAL-, 4096) */
    uint8_t imap4rev2;          /* advertise IMAP4rev2 besides IMAP4rev1 */
    uint64_t appendlimit;       /* APPENDLIMIT=n (0: no limit advertised) */
    const char *server_name;    /* ID response "name" (fixed text, no CR/LF) */
};

IG_EXPORT void ig_session_config_default(struct ig_session_config *cfg);

/* ---- the response writer given to the backend ---- */

/* A writer produces one response at a time, always well-formed: every item is
 * separated by one SP, strings are quoted or written as literals as their content
 * needs (never raw), and text is only ever fixed text. Spans handed to the writer must
 * stay valid until the output is sent (the writer may reference long ones instead of
 * copying them). */
struct ig_session;
struct ig_writer {
    struct ig_session *_s;
    uint8_t _first;           /* the next item needs no SP before it */
    uint8_t _open;            /* a response is being written */
    uint8_t _overflow;        /* 1: the hard capacity was hit, the response is dropped;
                                 2: its BYE is written, everything after is dropped */
    size_t _start;            /* output offset where the current response began */
    uint32_t _start_ext;
};

IG_EXPORT void ig_w_untagged(struct ig_writer *w);             /* "* " */
IG_EXPORT void ig_w_number(struct ig_writer *w, uint64_t v);
IG_EXPORT void ig_w_atom(struct ig_writer *w, const char *atom); /* fixed keyword */
IG_EXPORT void ig_w_atom_span(struct ig_writer *w, struct ig_span atom); /* flag, keyword */
IG_EXPORT void ig_w_string(struct ig_writer *w, struct ig_span s);   /* quoted or literal */
IG_EXPORT void ig_w_nstring(struct ig_writer *w, const struct ig_span *s); /* NULL: NIL */
IG_EXPORT void ig_w_astring(struct ig_writer *w, struct ig_span s);  /* atom if possible */
IG_EXPORT void ig_w_mailbox(struct ig_writer *w, struct ig_span name);
/* Always {n}. A NUL in data goes out as 0x80: RFC 9051 §4.3 excludes NUL from
 * literals (ig_w_literal8 is for BINARY content). Only runs of over 64 octets between
 * NULs are referenced, the rest is copied into the output buffer: hand over large
 * content with many NULs already replaced (the reference backend keeps such a copy). */
IG_EXPORT void ig_w_literal(struct ig_writer *w, struct ig_span data);
/* ~{n} (RFC 3516 literal8): BINARY content, which may hold NUL. */
IG_EXPORT void ig_w_literal8(struct ig_writer *w, struct ig_span data);
IG_EXPORT void ig_w_open(struct ig_writer *w);                 /* "(" */
/* The next item follows without the separating SP: 1*body and 1*address, where
 * RFC 9051 §9 puts lists side by side, ")(". ig_w_open_tight: that, then "(". */
IG_EXPORT void ig_w_tight(struct ig_writer *w);
IG_EXPORT void ig_w_open_tight(struct ig_writer *w);
IG_EXPORT void ig_w_close(struct ig_writer *w);                /* ")" */
IG_EXPORT void ig_w_code(struct ig_writer *w, const char *code); /* "[CODE" ... */
IG_EXPORT void ig_w_code_end(struct ig_writer *w);             /* "]" */
IG_EXPORT void ig_w_text(struct ig_writer *w, const char *text); /* fixed resp-text */
IG_EXPORT void ig_w_seqset(struct ig_writer *w, const struct ig_seqset *set);
IG_EXPORT void ig_w_flags(struct ig_writer *w, const struct ig_flags *flags);
IG_EXPORT void ig_w_datetime(struct ig_writer *w, const struct ig_datetime *dt);
/* The name of a FETCH item as a response repeats it: "BODY[HEADER.FIELDS (FROM)]<0>". */
IG_EXPORT void ig_w_fetch_name(struct ig_writer *w, const struct ig_fetch_att *att);
IG_EXPORT void ig_w_end(struct ig_writer *w);                  /* CRLF */
/* 1 when the buffer is past cfg.output_buffer: finish the current response item, then
 * return IG_BK_MORE so the session resumes the command once the output is sent. */
IG_EXPORT int ig_w_full(const struct ig_writer *w);

/* ---- the backend ---- */

enum ig_bk_status {
    IG_BK_OK = 0,    /* done: tagged OK */
    IG_BK_NO = 1,    /* done: tagged NO */
    IG_BK_BAD = 2,   /* done: tagged BAD */
    IG_BK_MORE = 3   /* the output is full: call again with the same cursor */
};

/* What the backend says about the tagged response: an optional response code (fixed
 * text such as "TRYCREATE", or built into code_buf as "APPENDUID 38505 3955") and an
 * optional fixed human-readable text. */
struct ig_bk_reply {
    const char *code;
    const char *text;
    char code_buf[1024];     /* room for COPYUID with scattered UID sets */
};

/* Mailbox facts for SELECT / EXAMINE responses (RFC 9051 §6.3.2). */
struct ig_mailbox_info {
    uint32_t exists;
    uint32_t recent;           /* rev1 only */
    uint32_t uidvalidity;
    uint32_t uidnext;
    uint32_t first_unseen;     /* 0: none */
    uint64_t highestmodseq;    /* 0: no CONDSTORE */
    uint8_t read_only;         /* the backend may refuse write access */
    struct ig_flags flags;     /* defined flags */
    struct ig_flags permanent; /* flags the client may change (\* allowed) */
    uint8_t permanent_any;     /* \* in PERMANENTFLAGS */
    /* The LIST response IMAP4rev2 requires in SELECT (RFC 9051 §6.3.2): the mailbox's
     * name as the server spells it, its attributes ("\HasNoChildren", ...) and the
     * hierarchy delimiter (0: NIL). When name is empty the session writes no LIST. */
    struct ig_span list_name;
    struct ig_atoms list_attrs;
    char delimiter;
};

/* Extensions a client ENABLEd (RFC 5161), told to the backend (struct ig_backend
 * enabled) because they change responses: MODSEQ in FETCH, no RECENT under rev2. */
enum ig_enabled {
    IG_ENABLED_CONDSTORE = 1u << 0,
    IG_ENABLED_QRESYNC = 1u << 1,
    IG_ENABLED_UTF8 = 1u << 2,      /* UTF8=ACCEPT */
    IG_ENABLED_IMAP4REV2 = 1u << 3
};

/* A SASL mechanism step, for mechanisms other than PLAIN and LOGIN. */
struct ig_sasl_step {
    struct ig_span mechanism;
    uint32_t round;            /* 0 for the initial response */
    uint8_t has_data;          /* 0: no initial response was sent */
    struct ig_span data;       /* decoded client data; a secret */
    uint8_t challenge[512];    /* out: the next challenge (raw bytes, base64'd by the session) */
    size_t challenge_len;
};

enum ig_sasl_result { IG_SASL_DONE_OK = 0, IG_SASL_DONE_NO = 1, IG_SASL_CONTINUE = 2,
                      IG_SASL_UNSUPPORTED = 3 };

struct ig_backend {
    /* Capabilities the backend implements, advertised after login: atoms separated by
     * single spaces, e.g. "UIDPLUS MOVE CONDSTORE ESEARCH" (NULL: none). The commands
     * of QUOTA, ACL, METADATA (or METADATA-SERVER), SORT, THREAD=... and MULTISEARCH
     * reach command() only when their capability is listed here; otherwise the session
     * answers them BAD "command not supported" (RFC 9051 §2.2.2). MULTIAPPEND and
     * APPENDLIMIT are advertised only when append_begin is set. */
    const char *capabilities;
    /* LOGIN, and PLAIN / LOGIN mechanisms: 1 when the credentials are good. authzid is
     * empty unless the client gave one (PLAIN). Secrets: never log them. */
    int (*login)(void *ctx, struct ig_span authzid, struct ig_span user, struct ig_span password);
    /* Other SASL mechanisms (NULL: only PLAIN and LOGIN). */
    enum ig_sasl_result (*sasl)(void *ctx, struct ig_sasl_step *step);
    /* SELECT / EXAMINE: fill info; IG_BK_OK or IG_BK_NO (with a reply code). */
    enum ig_bk_status (*select)(void *ctx, const struct ig_command *cmd, int read_only,
                                struct ig_mailbox_info *info, struct ig_bk_reply *reply);
    /* CLOSE (expunge: 1) or UNSELECT (0), and leaving a mailbox by a failed SELECT. */
    void (*unselect)(void *ctx, int expunge);
    /* Every other command valid in the current state (LIST, STATUS, CREATE, FETCH,
     * SEARCH, STORE, COPY, ...). Writes untagged responses with w; *cursor is 0 on the
     * first call and kept across IG_BK_MORE calls for resuming. */
    enum ig_bk_status (*command)(void *ctx, const struct ig_command *cmd, struct ig_writer *w,
                                 uint64_t *cursor, struct ig_bk_reply *reply);
    /* APPEND: before each message literal (msg->size octets into mailbox): IG_BK_OK to
     * accept it, IG_BK_NO to refuse (reply code TRYCREATE, TOOBIG, ...) — the session
     * then sends no continuation. */
    enum ig_bk_status (*append_begin)(void *ctx, const struct ig_str *mailbox,
                                      const struct ig_append_msg *msg,
                                      struct ig_bk_reply *reply);
    void (*append_data)(void *ctx, struct ig_span data);
    /* After the whole command: commit every message (ok = 1) or drop them (ok = 0). */
    enum ig_bk_status (*append_end)(void *ctx, int ok, struct ig_bk_reply *reply);
    /* IDLE and NOOP: write pending untagged updates (EXISTS, EXPUNGE, FETCH FLAGS). */
    enum ig_bk_status (*poll)(void *ctx, struct ig_writer *w, uint64_t *cursor);
    /* After ENABLE: every extension enabled so far (enum ig_enabled bits). NULL: the
     * session advertises CONDSTORE / QRESYNC only if the backend lists them anyway. */
    void (*enabled)(void *ctx, uint32_t exts);
    /* The mechanisms sasl() implements, advertised as AUTH=<name> before login (RFC 9051
     * §6.1.1): atoms separated by single spaces, e.g. "SCRAM-SHA-256 EXTERNAL". With a
     * list, AUTHENTICATE with any other name is refused without calling sasl(); NULL
     * advertises nothing and hands sasl() every name but PLAIN and LOGIN. Unlike those
     * two, these are offered without TLS: their exchange is the backend's to protect. */
    const char *sasl_mechanisms;
};

/* ---- actions ---- */
enum ig_action {
    IG_ACT_NONE = 0,
    IG_ACT_STARTTLS = 1, /* start the TLS handshake now, then ig_session_tls_started() */
    IG_ACT_CLOSE = 2     /* close the connection (after LOGOUT, BYE, or a fatal error) */
};

/* ---- trace: one event per command and per action, for logs and tests ---- */
struct ig_trace {
    int is_action;              /* 0: a command, 1: an action */
    struct ig_span tag;         /* the command's tag (empty for DONE / SASL lines) */
    enum ig_cmd cmd;
    enum ig_state before;
    enum ig_state after;
    int status;                 /* enum ig_bk_status of the tagged response; -1: none */
    enum ig_action action;
    uint64_t discarded;         /* IG_ACT_STARTTLS: plaintext bytes thrown away so far */
    uint64_t offset;            /* a command: stream offset where the client line that
                                   completed it began (its own line, or the SASL response
                                   or DONE line; a rejected line's start). Counts the bytes
                                   read as commands, not those discarded after STARTTLS */
};

/* ---- the session ---- */
struct ig_session {
    struct ig_parser _p;
    struct ig_session_config _cfg;
    const struct ig_backend *_bk;
    void *_ctx;
    void (*_trace)(void *, const struct ig_trace *);
    void *_trace_ctx;
    int _state;
    int _sub;                 /* exchange in progress (AUTHENTICATE, IDLE, APPEND, ...) */
    uint8_t _read_only;
    uint8_t _tls;
    uint8_t _enabled;         /* ENABLEd extensions (bits) */
    uint8_t _action;
    uint8_t _closing;
    uint32_t _bad;            /* BAD responses before authentication */
    uint64_t _discarded;      /* bytes thrown away after STARTTLS / LOGOUT / BYE */
    uint64_t _cursor;         /* resumable backend call */
    int _pending;             /* a command waits for output room */
    uint64_t _line_off;       /* stream offset of the line of the last parser event */
    struct ig_bk_reply _reply;
    /* SASL exchange */
    uint8_t _sasl_mech;
    uint32_t _sasl_round;
    unsigned char _sasl_user[256];
    size_t _sasl_user_len;
    struct ig_span _sasl_name;
    unsigned char _sasl_name_buf[64];
    /* APPEND */
    uint8_t _append_failed;
    /* output */
    unsigned char *_out;
    size_t _outcap, _outlen, _outsent;
    struct ig_span _ext[IG_OUTPUT_REFS]; /* referenced (zero-copy) spans, in order */
    size_t _extat[IG_OUTPUT_REFS];       /* output offset each one follows */
    uint32_t _next, _next_sent;
    struct ig_writer _w;
    struct ig_span _tag;
    unsigned char _tagbuf[IG_DEFAULT_MAX_TAG + 1];
    uint8_t _has_prelogin;    /* _prelogin applies while Not Authenticated */
    struct ig_limits _prelogin;
    /* ABI: room for private fields added later without changing sizeof(struct
     * ig_session); a new field takes its bytes from here. session/abi.c asserts the size
     * stays IG_SESSION_ABI_SIZE. */
    unsigned char _reserved[916];
};
/* sizeof(struct ig_session) on LP64 platforms (x86_64, aarch64) for this MAJOR. */
#define IG_SESSION_ABI_SIZE 4096u

/* Memory ig_session_init() needs for cfg (NULL: defaults). */
IG_EXPORT size_t ig_session_memsize(const struct ig_session_config *cfg);

/* Prepares s and queues the greeting. cfg NULL: defaults. backend and ctx: see struct
 * ig_backend. Returns IG_OK or IG_E_USAGE. */
IG_EXPORT enum ig_status ig_session_init(struct ig_session *s, const struct ig_session_config *cfg,
                                         const struct ig_backend *backend, void *ctx,
                                         void *mem, size_t memsize);

/* A trace callback (NULL: none). Secrets are never in a trace. */
IG_EXPORT void ig_session_set_trace(struct ig_session *s,
                                    void (*trace)(void *ctx, const struct ig_trace *ev),
                                    void *ctx);

/* Feeds client bytes. Returns IG_OK when every byte was consumed (or thrown away: after
 * STARTTLS, LOGOUT or BYE; see ig_session_discarded), or IG_NEED_OUTPUT when the output
 * buffer is full: send the output, then call again with buf + *used. */
IG_EXPORT enum ig_status ig_session_feed(struct ig_session *s, const void *buf, size_t len,
                                         size_t *used);

/* Output waiting to be sent (len 0: none). After sending n of its bytes, call
 * ig_session_sent(s, n). */
IG_EXPORT struct ig_span ig_session_output(const struct ig_session *s);
IG_EXPORT void ig_session_sent(struct ig_session *s, size_t n);

/* An action to take once the output is sent (IG_ACT_NONE: keep reading). */
IG_EXPORT enum ig_action ig_session_action(const struct ig_session *s);

/* The TLS handshake is done: the session reads on, as if from a fresh connection
 * state for the parser (nothing pipelined before the handshake is ever executed). */
IG_EXPORT void ig_session_tls_started(struct ig_session *s);

/* IDLE, or between commands: ask the backend for updates now (a timer, a new message).
 * IG_E_USAGE on a detached session (attach a block first). */
IG_EXPORT enum ig_status ig_session_poll(struct ig_session *s);

/* Lending the memory block (ig_session_memsize() bytes: the parser's memory and the
 * output buffer). A session between commands keeps everything it needs in the struct,
 * so a server with many quiet connections can hold one block per busy connection
 * instead of one per connection: detach when the connection goes quiet, attach a block
 * (from a pool) when bytes arrive.
 *
 * ig_session_detach: takes the block away and returns it (the mem of ig_session_init
 * or of the last attach) when the session is between commands: the parser holds no
 * byte of a line (ig_parser_idle), no command waits for output room (IG_NEED_OUTPUT)
 * and all output has been sent (ig_session_output() is empty). That includes IDLE
 * waiting for DONE and AUTHENTICATE waiting for a response line; not APPEND, nor a
 * command whose line has only partly arrived. Else returns NULL and changes nothing.
 *
 * ig_session_attach: gives a detached session a block of memsize bytes, at least
 * ig_session_memsize() of its configuration, 8-byte aligned, contents irrelevant.
 * IG_OK, or IG_E_USAGE when one is attached already or it is too small.
 *
 * While detached, ig_session_feed() and ig_session_poll() return IG_E_USAGE (nothing
 * consumed); ig_session_output() is empty; the state accessors, ig_session_action()
 * and ig_session_tls_started() work. The responses are the same as without detaching.
 * ig_session_detached: 1 while no block is attached. */
/* Smaller parser limits before login. A client that has not authenticated needs short
 * lines only (LOGIN, AUTHENTICATE, CAPABILITY, STARTTLS, ...): with e.g. max_line 8192
 * and literals of 4096 an unauthenticated peer can make the parser hold and scan far less
 * than the full limits allow (RFC 9051 §11: limit what an unauthenticated client can
 * make the server do). The session parses with lim while Not Authenticated and switches
 * to cfg.limits when authentication succeeds (the parser is then between lines).
 * Call it after ig_session_init(), before the first byte. lim must need no more parser
 * memory than cfg.limits (ig_parser_memsize), and lim->max_tag <= IG_DEFAULT_MAX_TAG;
 * the block stays ig_session_memsize(cfg) bytes. IG_OK, or IG_E_USAGE (bad limits, not
 * Not Authenticated, bytes already fed into a line) with nothing changed. */
IG_EXPORT enum ig_status ig_session_set_prelogin_limits(struct ig_session *s,
                                                        const struct ig_limits *lim);

IG_EXPORT void *ig_session_detach(struct ig_session *s);
IG_EXPORT enum ig_status ig_session_attach(struct ig_session *s, void *mem, size_t memsize);
IG_EXPORT int ig_session_detached(const struct ig_session *s);

IG_EXPORT enum ig_state ig_session_state(const struct ig_session *s);
IG_EXPORT int ig_session_read_only(const struct ig_session *s);
IG_EXPORT uint64_t ig_session_discarded(const struct ig_session *s);
/* 1 while an IDLE command waits for DONE: the moment a server loop may call
 * ig_session_poll() on a timer. Between commands an EXPUNGE must not be sent (RFC 9051
 * §7.5.1: never when no command is in progress), so a timer polls only then. */
IG_EXPORT int ig_session_idling(const struct ig_session *s);

#ifdef __cplusplus
}
#endif
#endif
