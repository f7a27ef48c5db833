/*
 * dovecot.c - drives Dovecot's imap_parser (libdovecot, Debian dovecot-dev 2.3.19.1)
 * over a whole client stream the way its servers do, and copies what it read out into
 * plain structs (dovecot.h). The loop models Dovecot 2.3 from reading imap-client.c,
 * cmd-*.c and imap-login-client.c (nothing is copied):
 *   - a line starts with imap_parser_read_tag, then imap_parser_read_command_name ("UID"
 *     reads one more word); a refusal answers BAD and skips to the next LF;
 *   - imapd (after login) looks the name up in its command table; an unknown command is
 *     refused without reading its arguments, and the rest of its line is skipped to LF;
 *     imap-login reads all arguments of every command before looking at the name;
 *   - a known command reads the number of arguments its handler reads (0: all), with
 *     flags 0, then the rest of the line is skipped to the next LF (so arguments it does
 *     not read are never tokenized); APPEND reads its mailbox, then each message's
 *     arguments with IMAP_PARSE_FLAG_LITERAL_SIZE | IMAP_PARSE_FLAG_LITERAL8 and skips
 *     the message octets itself;
 *   - after IDLE, the rest of its line is skipped and the next line is the DONE line;
 *     after AUTHENTICATE without an initial response, the next line is one SASL
 *     response (the PLAIN mechanism's single round);
 *   - "Literal size too large" (IMAP_PARSE_ERROR_LITERAL_TOO_BIG) disconnects.
 * It does not model command semantics (argument checks after tokenizing, "Invalid
 * arguments"), the 20-bad-commands disconnect, nor the input buffer's size.
 */
#include "config.h"
#include "lib.h"
#include "base64.h"
#include "buffer.h"
#include "istream.h"
#include "ostream.h"
#include "imap-parser.h"

#include "dovecot.h"

#include <ctype.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* imap_max_line_length's default (Dovecot 2.3): the parser's max_line_size. */
#define DV_MAX_LINE 65536
/* imap-login refuses longer tags (IMAP_TAG_MAX_LEN = LOGIN_MAX_MASTER_PREFIX_LEN - 2). */
#define DV_LOGIN_MAX_TAG 126

/* ---- a bump arena for the copied trees (freed with the result) ---- */
struct chunk {
    struct chunk *next;
    size_t used, cap;
    unsigned char mem[];
};

static void *arena_alloc(struct dv_result *r, size_t n)
{
    struct chunk *c = r->arena;
    n = (n + 15) & ~(size_t)15;
    if (c == NULL || c->cap - c->used < n) {
        size_t cap = n > 65536 ? n : 65536;
        struct chunk *nc = malloc(sizeof(*nc) + cap);
        if (nc == NULL)
            abort();
        nc->next = c;
        nc->used = 0;
        nc->cap = cap;
        r->arena = c = nc;
    }
    void *p = c->mem + c->used;
    c->used += n;
    return p;
}

static const struct dv_arg *copy_args(struct dv_result *r, const struct imap_arg *a,
                                      uint32_t *n_r)
{
    uint32_t n = 0;
    while (a[n].type != IMAP_ARG_EOL)
        n++;
    *n_r = n;
    struct dv_arg *v = arena_alloc(r, (n ? n : 1) * sizeof(*v));
    memset(v, 0, (n ? n : 1) * sizeof(*v));
    for (uint32_t i = 0; i < n; i++) {
        switch (a[i].type) {
        case IMAP_ARG_NIL:
            v[i].type = DV_NIL;
            break;
        case IMAP_ARG_ATOM:
        case IMAP_ARG_STRING:
        case IMAP_ARG_LITERAL: {
            v[i].type = a[i].type == IMAP_ARG_ATOM ? DV_ATOM : DV_STRING;
            unsigned char *s = arena_alloc(r, a[i].str_len + 1);
            memcpy(s, a[i]._data.str, a[i].str_len);
            v[i].s = s;
            v[i].len = a[i].str_len;
            v[i].literal8 = a[i].literal8 ? 1 : 0;
            break;
        }
        case IMAP_ARG_LIST: {
            unsigned int cnt;
            const struct imap_arg *items = array_get(&a[i]._data.list, &cnt);
            v[i].type = DV_LIST;
            if (cnt == 0) {
                v[i].n = 0;
                v[i].items = NULL;
            } else {
                v[i].items = copy_args(r, items, &v[i].n);
            }
            break;
        }
        case IMAP_ARG_LITERAL_SIZE:
        case IMAP_ARG_LITERAL_SIZE_NONSYNC:
            v[i].type = DV_LITSIZE;
            v[i].size = a[i]._data.literal_size;
            v[i].literal8 = a[i].literal8 ? 1 : 0;
            break;
        default:
            abort();
        }
    }
    return v;
}

/* Appends src's items after those of the arguments already in ev. */
static void append_args(struct dv_result *r, struct dv_event *ev, const struct imap_arg *a)
{
    uint32_t n;
    const struct dv_arg *more = copy_args(r, a, &n);
    if (n == 0)
        return;
    struct dv_arg *all = arena_alloc(r, (ev->nargs + n) * sizeof(*all));
    if (ev->nargs)
        memcpy(all, ev->args, ev->nargs * sizeof(*all));
    memcpy(all + ev->nargs, more, n * sizeof(*all));
    ev->args = all;
    ev->nargs += n;
}

/* ---- the command table ---- */
enum reads {
    R_NONE = -1, /* the handler reads no arguments */
    R_ALL = 0,   /* client_read_args(cmd, 0, 0, ...) */
    R_APPEND = -2,
    R_IDLE = -3,
    R_AUTH = -4
};

struct dv_cmd {
    const char *name;
    int reads; /* enum reads, or the count of arguments read (1, 2) */
};

/* imapd 2.3.19 (imap-commands.c: the commands after login; LOGIN, AUTHENTICATE and
 * STARTTLS are imap-login's, so imapd answers them "Unknown command."). */
static const struct dv_cmd imapd_cmds[] = {
    {"APPEND", R_APPEND},       {"CANCELUPDATE", R_ALL},
    {"CAPABILITY", R_NONE},     {"CHECK", R_NONE},        {"CLOSE", R_NONE},
    {"COPY", 2},                {"CREATE", 1},            {"DELETE", 1},
    {"ENABLE", R_ALL},          {"EXAMINE", R_ALL},       {"EXPUNGE", R_NONE},
    {"FETCH", R_ALL},           {"GENURLAUTH", R_ALL},    {"GETMETADATA", R_ALL},
    {"ID", R_ALL},              {"IDLE", R_IDLE},         {"LIST", R_ALL},
    {"LOGOUT", R_NONE},         {"LSUB", R_ALL},
    {"MOVE", 2},                {"NAMESPACE", R_NONE},    {"NOOP", R_NONE},
    {"NOTIFY", R_ALL},          {"RENAME", 2},            {"RESETKEY", R_ALL},
    {"SEARCH", R_ALL},          {"SELECT", R_ALL},        {"SETMETADATA", R_ALL},
    {"SORT", R_ALL},            {"STATUS", 2},
    {"STORE", R_ALL},           {"SUBSCRIBE", 1},         {"THREAD", R_ALL},
    {"UID COPY", 2},            {"UID EXPUNGE", 1},       {"UID FETCH", R_ALL},
    {"UID MOVE", 2},            {"UID SEARCH", R_ALL},    {"UID SORT", R_ALL},
    {"UID STORE", R_ALL},       {"UID THREAD", R_ALL},    {"UNSELECT", R_NONE},
    {"UNSUBSCRIBE", 1},         {"URLFETCH", R_ALL},      {"X-CANCEL", 1},
    {"X-STATE", R_ALL},         {"XLIST", R_ALL},
};

/* imap-login's commands (imap-login-client.c); it answers any other name BAD after
 * reading the line. */
static int login_cmd(const char *name)
{
    static const char *const names[] = {"LOGIN",  "CAPABILITY", "STARTTLS",    "NOOP",
                                        "LOGOUT", "ENABLE",     "AUTHENTICATE", "ID"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (strcasecmp(names[i], name) == 0)
            return 1;
    return 0;
}

static const struct dv_cmd *find_cmd(const char *name)
{
    for (size_t i = 0; i < sizeof(imapd_cmds) / sizeof(imapd_cmds[0]); i++)
        if (strcasecmp(imapd_cmds[i].name, name) == 0)
            return &imapd_cmds[i];
    return NULL;
}

/* ---- the driving loop ---- */
struct drive {
    struct istream *in;
    struct ostream *out;
    buffer_t *outbuf;
    const unsigned char *data;
    size_t len;
    struct dv_result *r;
    int line_taken; /* the command's line end was consumed already: no skip to LF */
};

static uint64_t pos(const struct drive *d)
{
    return d->in->v_offset;
}

static struct dv_event *new_event(struct drive *d, uint8_t kind)
{
    struct dv_result *r = d->r;
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 16;
        r->ev = realloc(r->ev, r->cap * sizeof(*r->ev));
        if (r->ev == NULL)
            abort();
    }
    struct dv_event *ev = &r->ev[r->n++];
    memset(ev, 0, sizeof(*ev));
    ev->kind = kind;
    ev->start = ev->stop = pos(d);
    return ev;
}

/* 1 when the bytes before an LF at data[lf] end a literal header "{digits[+]}" (CR
 * optional): the tail skipped to that LF announced a literal Dovecot never read. */
static int header_before(const unsigned char *data, size_t from, size_t lf, int *nonsync)
{
    size_t e = lf;
    if (e > from && data[e - 1] == '\r')
        e--;
    if (e == from || data[e - 1] != '}')
        return 0;
    e--;
    *nonsync = 0;
    if (e > from && data[e - 1] == '+') {
        *nonsync = 1;
        e--;
    }
    size_t digits = 0;
    while (e > from && data[e - 1] >= '0' && data[e - 1] <= '9') {
        e--;
        digits++;
    }
    return digits > 0 && e > from && data[e - 1] == '{';
}

/* Skips to just after the next LF (imapd's client_skip_line). Returns 0 when the
 * stream ends first. */
static int skip_line(struct drive *d, struct dv_event *ev)
{
    size_t at = (size_t)pos(d);
    const unsigned char *lf = at < d->len ? memchr(d->data + at, '\n', d->len - at) : NULL;
    if (lf == NULL) {
        i_stream_skip(d->in, d->len - at);
        ev->end = d->len;
        ev->open = 1;
        return 0;
    }
    size_t l = (size_t)(lf - d->data);
    int nonsync;
    if (header_before(d->data, at, l, &nonsync)) {
        if (nonsync)
            ev->tail_nonsync = 1;
        else
            ev->tail_sync = 1;
    }
    ev->bare_lf = l == 0 || d->data[l - 1] != '\r';
    i_stream_skip(d->in, l + 1 - at);
    ev->end = l + 1;
    return 1;
}

static uint32_t continuations(const struct drive *d)
{
    return (uint32_t)(d->outbuf->used / 6); /* "+ OK\r\n" */
}

/* Reads arguments like client_read_args; returns 1 done, 0 stream ended, -1 refused
 * (ev->verdict set). */
static int read_args(struct drive *d, struct imap_parser *p, struct dv_event *ev,
                     unsigned int count, enum imap_parser_flags flags)
{
    const struct imap_arg *args;
    int ret = imap_parser_read_args(p, count, flags, &args);
    ev->stop = pos(d);
    if (ret == -2) {
        ev->verdict = DV_INCOMPLETE;
        return 0;
    }
    if (ret == -1) {
        enum imap_parser_error err;
        const char *msg = imap_parser_get_error(p, &err);
        size_t ml = strlen(msg);
        char *copy = arena_alloc(d->r, ml + 1);
        memcpy(copy, msg, ml + 1);
        ev->error = copy;
        ev->verdict = err == IMAP_PARSE_ERROR_LITERAL_TOO_BIG ? DV_FATAL : DV_PARSE;
        return -1;
    }
    append_args(d->r, ev, args);
    if (count > 0 && ret < (int)count) {
        ev->verdict = DV_MISSING;
        return -1;
    }
    return 1;
}

/* APPEND after its mailbox: [flags] [date] literal, repeated (MULTIAPPEND), then CRLF.
 * Returns like read_args. */
static int read_append(struct drive *d, struct dv_event *ev)
{
    struct imap_parser *sp = imap_parser_create(d->in, d->out, DV_MAX_LINE, NULL);
    int rc = 1;
    for (;;) {
        const struct imap_arg *args;
        int ret = imap_parser_read_args(sp, 0,
                                        IMAP_PARSE_FLAG_LITERAL_SIZE | IMAP_PARSE_FLAG_LITERAL8,
                                        &args);
        ev->stop = pos(d);
        if (ret == -2) {
            ev->verdict = DV_INCOMPLETE;
            rc = 0;
            break;
        }
        if (ret == -1) {
            enum imap_parser_error err;
            const char *msg = imap_parser_get_error(sp, &err);
            size_t ml = strlen(msg);
            char *copy = arena_alloc(d->r, ml + 1);
            memcpy(copy, msg, ml + 1);
            ev->error = copy;
            ev->verdict = err == IMAP_PARSE_ERROR_LITERAL_TOO_BIG ? DV_FATAL : DV_PARSE;
            rc = -1;
            break;
        }
        if (args[0].type == IMAP_ARG_EOL) {
            /* no more messages: the line ends here */
            break;
        }
        uoff_t size;
        const struct imap_arg *last = args;
        while (last[1].type != IMAP_ARG_EOL)
            last++;
        append_args(d->r, ev, args);
        if (!imap_parser_get_literal_size(sp, &size)) {
            /* arguments without a message literal: "Invalid arguments" (after
             * tokenizing; the line is skipped) */
            ev->verdict = DV_MISSING;
            rc = -1;
            break;
        }
        if (last->type != IMAP_ARG_LITERAL_SIZE && last->type != IMAP_ARG_LITERAL_SIZE_NONSYNC) {
            /* the literal is inside a list, not a message: cmd-append refuses the
             * arguments before any "+ OK"; the tokenizer already took the header's
             * CRLF, so the next line starts here */
            ev->verdict = DV_MISSING;
            d->line_taken = 1;
            int nonsync = 0;
            size_t at = (size_t)pos(d);
            if (at > 0 && d->data[at - 1] == '\n' &&
                header_before(d->data, (size_t)ev->start, at - 1, &nonsync) && nonsync)
                ev->tail_nonsync = 1; /* its octets are read as the next line */
            rc = -1;
            break;
        }
        int sync = last->type == IMAP_ARG_LITERAL_SIZE;
        /* The message octets: cmd-append sends "+ OK" for a synchronizing one and
         * streams the octets itself. */
        if (sync)
            o_stream_nsend(d->out, "+ OK\r\n", 6);
        size_t at = (size_t)pos(d);
        if (size > d->len - at) {
            i_stream_skip(d->in, d->len - at);
            ev->stop = d->len;
            ev->verdict = DV_INCOMPLETE;
            rc = 0;
            break;
        }
        i_stream_skip(d->in, size);
        imap_parser_reset(sp);
    }
    imap_parser_unref(&sp);
    return rc;
}

/* One line after IDLE or AUTHENTICATE: up to the next LF (i_stream_next_line). */
static int read_plain_line(struct drive *d, uint8_t kind, int login)
{
    struct dv_event *ev = new_event(d, kind);
    ev->login = (uint8_t)login;
    size_t at = (size_t)pos(d);
    const unsigned char *lf = memchr(d->data + at, '\n', d->len - at);
    if (lf == NULL) {
        ev->verdict = DV_INCOMPLETE;
        ev->stop = ev->end = d->len;
        ev->open = 1;
        return 0;
    }
    size_t l = (size_t)(lf - d->data), e = l;
    if (e > at && d->data[e - 1] == '\r')
        e--;
    ev->verdict = DV_OK;
    if (kind == DV_DONE && !(e - at == 4 && strncasecmp((const char *)d->data + at, "DONE", 4) == 0))
        ev->verdict = DV_PARSE; /* "BAD Expected DONE." */
    ev->fully_read = 1;
    ev->stop = e;
    skip_line(d, ev);
    return 1;
}

void dv_init(void)
{
    static int done;
    if (!done) {
        lib_init();
        done = 1;
    }
}

static void run(struct drive *d, int login)
{
    uint8_t next = DV_COMMAND;
    int login_done = 0;
    while (pos(d) < d->len) {
        if (next != DV_COMMAND) {
            uint8_t k = next;
            next = DV_COMMAND;
            if (!read_plain_line(d, k, login))
                return;
            /* A SASL response other than "*" (cancel) completes the login when the
             * server can read it: it base64-decodes it and fails the exchange otherwise
             * ("NO [ALERT] Invalid base64 in response"; RFC 9051 §6.2.2: the client
             * response is BASE64). The model takes every readable login as successful,
             * like LOGIN. */
            struct dv_event *sl = &d->r->ev[d->r->n - 1];
            if (k == DV_SASL && !(sl->stop == sl->start + 1 && d->data[sl->start] == '*')) {
                buffer_t *raw = t_buffer_create(64);
                if (base64_decode(d->data + sl->start, sl->stop - sl->start, NULL, raw) < 0)
                    sl->verdict = DV_PARSE;
                else
                    login = 0;
            }
            continue;
        }
        struct dv_event *ev = new_event(d, DV_COMMAND);
        ev->login = (uint8_t)login;
        buffer_set_used_size(d->outbuf, 0);
        struct imap_parser *p = imap_parser_create(d->in, d->out, DV_MAX_LINE, NULL);
        const char *tag, *name;
        int ok = 1, ret = imap_parser_read_tag(p, &tag);
        if (ret == 0) {
            ev->verdict = DV_INCOMPLETE;
            ok = 0;
        } else if (ret < 0 || (login && strlen(tag) > DV_LOGIN_MAX_TAG)) {
            ev->verdict = DV_BAD_TAG;
        } else {
            ret = imap_parser_read_command_name(p, &name);
            if (ret > 0 && strcasecmp(name, "UID") == 0) {
                ret = imap_parser_read_command_name(p, &name);
                if (ret > 0)
                    name = t_strconcat("UID ", name, NULL);
            }
            if (ret == 0) {
                ev->verdict = DV_INCOMPLETE;
                ok = 0;
            } else if (ret < 0) {
                ev->verdict = DV_BAD_NAME;
            } else {
                size_t nl = strlen(name);
                if (nl >= sizeof(ev->name))
                    nl = sizeof(ev->name) - 1;
                for (size_t i = 0; i < nl; i++)
                    ev->name[i] = i_toupper(name[i]);
                ev->name[nl] = 0;
                const struct dv_cmd *c = find_cmd(name);
                int reads, unknown_after = 0;
                if (login) {
                    /* imap-login: AUTHENTICATE is its own parser; every other
                     * command has all its arguments read before the name counts */
                    reads = strcasecmp(name, "AUTHENTICATE") == 0 ? R_AUTH : R_ALL;
                    unknown_after = !login_cmd(name);
                } else if (c == NULL) {
                    reads = R_NONE;
                    ev->verdict = DV_UNKNOWN;
                } else {
                    reads = c->reads;
                }
                if (ev->verdict == DV_OK) {
                    int rc = 1;
                    if (reads == R_APPEND) {
                        rc = read_args(d, p, ev, 1, 0);
                        if (rc > 0)
                            rc = read_append(d, ev);
                    } else if (reads == R_ALL || reads == R_AUTH) {
                        rc = read_args(d, p, ev, 0, 0);
                        ev->fully_read = rc > 0;
                    } else if (reads > 0) {
                        rc = read_args(d, p, ev, (unsigned int)reads, 0);
                    } else {
                        ev->stop = pos(d);
                    }
                    if (rc == 0)
                        ok = 0;
                    if (rc > 0 && reads == R_IDLE)
                        next = DV_DONE;
                    if (rc > 0 && reads == R_AUTH && ev->nargs == 1)
                        next = DV_SASL;
                    if (rc > 0 && unknown_after)
                        ev->verdict = DV_UNKNOWN;
                    /* after a LOGIN (or AUTHENTICATE with an initial response) that
                     * tokenized, imapd takes over: the model takes it as successful */
                    if (rc > 0 && login && ev->verdict == DV_OK &&
                        (strcasecmp(name, "LOGIN") == 0 || (reads == R_AUTH && ev->nargs == 2)))
                        login_done = 1;
                }
            }
        }
        ev->continuations = continuations(d);
        imap_parser_unref(&p);
        if (login_done) {
            login = 0;
            login_done = 0;
        }
        if (ev->stop < pos(d))
            ev->stop = pos(d);
        if (!ok) {
            ev->end = d->len;
            ev->open = 1;
            return;
        }
        if (ev->verdict == DV_FATAL) {
            ev->end = pos(d);
            d->r->disconnected = 1;
            return;
        }
        if (d->line_taken) {
            d->line_taken = 0;
            ev->end = pos(d);
            continue;
        }
        if (!skip_line(d, ev)) {
            /* the stream ended in the tail of the line */
            if (ev->verdict == DV_OK)
                ev->verdict = DV_INCOMPLETE;
            return;
        }
    }
}

void dv_run(const unsigned char *data, size_t len, int login, struct dv_result *out)
{
    memset(out, 0, sizeof(*out));
    dv_init();
    struct drive d = {0};
    d.data = data;
    d.len = len;
    d.r = out;
    T_BEGIN {
        d.in = i_stream_create_from_data(data, len);
        d.outbuf = buffer_create_dynamic(default_pool, 64);
        d.out = o_stream_create_buffer(d.outbuf);
        run(&d, login);
        o_stream_ignore_last_errors(d.out);
        o_stream_unref(&d.out);
        buffer_free(&d.outbuf);
        i_stream_unref(&d.in);
    } T_END;
}

void dv_result_free(struct dv_result *out)
{
    struct chunk *c = out->arena;
    while (c != NULL) {
        struct chunk *n = c->next;
        free(c);
        c = n;
    }
    free(out->ev);
    memset(out, 0, sizeof(*out));
}
