/*
 * dovecot.h - Dovecot's IMAP command tokenizer (lib-imap imap_parser, linked from
 * libdovecot) driven the way Dovecot 2.3's imapd and imap-login drive it, behind a plain
 * C interface: no Dovecot type appears here, so fuzz_differential.c includes only this
 * and imapguard.h (Dovecot's headers need its config.h first and clash with ours).
 * Only dovecot.c includes Dovecot's headers. Nothing here is copied from Dovecot: the
 * driving loop is written from reading its imap-client.c and cmd-*.c (2.3.19.1).
 */
#ifndef IG_FZ_DOVECOT_H
#define IG_FZ_DOVECOT_H

#include <stddef.h>
#include <stdint.h>

/* One argument of Dovecot's generic tree (struct imap_arg, copied out). */
enum dv_arg_type {
    DV_ATOM = 0,    /* IMAP_ARG_ATOM */
    DV_STRING = 1,  /* IMAP_ARG_STRING: quoted (escapes removed) or literal */
    DV_NIL = 2,     /* IMAP_ARG_NIL: the atom NIL in any case */
    DV_LIST = 3,    /* IMAP_ARG_LIST */
    DV_LITSIZE = 4  /* IMAP_ARG_LITERAL_SIZE(_NONSYNC): APPEND's message literal */
};

struct dv_arg {
    uint8_t type;              /* enum dv_arg_type */
    uint8_t literal8;          /* ~{n} */
    const unsigned char *s;    /* DV_ATOM, DV_STRING: the value (not NUL-terminated) */
    size_t len;
    uint64_t size;             /* DV_LITSIZE: octets announced */
    uint32_t n;                /* DV_LIST: items */
    const struct dv_arg *items;
};

/* What Dovecot made of one line (or one command with its literals). */
enum dv_verdict {
    DV_OK = 0,        /* tokenized: the arguments the command reads are in args */
    DV_PARSE = 1,     /* the tokenizer refused (imap_parser_read_args returned -1) */
    DV_BAD_TAG = 2,   /* imap_parser_read_tag refused: "Invalid tag." */
    DV_BAD_NAME = 3,  /* imap_parser_read_command_name refused */
    DV_UNKNOWN = 4,   /* not in the command table: "Unknown command." (line skipped) */
    DV_MISSING = 5,   /* fewer arguments than the command reads: "Missing arguments" */
    DV_FATAL = 6,     /* literal too big: Dovecot disconnects (nothing after counts) */
    DV_INCOMPLETE = 7 /* the stream ended inside the line */
};

enum dv_kind {
    DV_COMMAND = 0, /* a tagged command */
    DV_DONE = 1,    /* the line after IDLE (DONE expected) */
    DV_SASL = 2     /* a client response line after AUTHENTICATE */
};

struct dv_event {
    uint8_t kind;             /* enum dv_kind */
    uint8_t verdict;          /* enum dv_verdict */
    uint8_t bare_lf;          /* the line (its last segment) ended at an LF without CR */
    uint8_t tail_nonsync;     /* the tail Dovecot skipped unread ended in a {n+} header */
    uint8_t tail_sync;        /* the tail Dovecot skipped unread ended in a {n} header */
    uint8_t fully_read;       /* the tokenizer read the line to its end (count 0) */
    uint8_t login;            /* read the way imap-login reads (before login) */
    uint8_t open;             /* the stream ended before the line did (DV_INCOMPLETE, or
                                 a refused line whose rest had no LF to skip to) */
    uint64_t start;           /* stream offset of the first byte of the line */
    uint64_t stop;            /* where the tokenizer stopped, before skipping to LF */
    uint64_t end;             /* where the next line starts (after the LF) */
    uint32_t continuations;   /* "+ OK" sent for synchronizing literals */
    char name[24];            /* upper-case command name ("UID FETCH"), "" if none */
    const char *error;        /* Dovecot's error text for DV_PARSE / DV_FATAL, or NULL */
    uint32_t nargs;
    const struct dv_arg *args;
};

struct dv_result {
    struct dv_event *ev;
    size_t n, cap;
    int disconnected;         /* a DV_FATAL ended the connection */
    void *arena;              /* private: copies of the arguments */
};

/* Initializes libdovecot once per process (lib_init). */
void dv_init(void);

/* Tokenizes a client stream. Every line is one event; nothing after DV_FATAL or
 * DV_INCOMPLETE. login: start like imap-login (before authentication) and go on like
 * imapd after a LOGIN or AUTHENTICATE that tokenized (taken as successful); else imapd
 * from the start (PREAUTH). Free with dv_result_free(). */
void dv_run(const unsigned char *data, size_t len, int login, struct dv_result *out);
void dv_result_free(struct dv_result *out);

#endif
