/*
 * session.c - the server side of an IMAP connection as a state machine (RFC 9051 §3,
 * §6): the parser's events in, responses and actions out. It owns everything the
 * protocol decides (states, tags, continuations, the SASL, IDLE and APPEND exchanges,
 * STARTTLS, LOGOUT, the bad-command limit) and asks the backend for everything the
 * mailbox store decides. What it never does: execute a byte that arrived after
 * STARTTLS or LOGOUT, offer a continuation for a literal it will refuse, or echo client
 * bytes in a response text.
 */
#include "session_internal.h"

#include <stdio.h>

/* ENABLEd extensions (RFC 5161). */
enum { EN_CONDSTORE = 1, EN_QRESYNC = 2, EN_UTF8 = 4, EN_REV2 = 8 };

static size_t align8(size_t n)
{
    return (n + 7u) & ~(size_t)7u;
}

static size_t out_size(const struct ig_session_config *cfg)
{
    return align8((size_t)cfg->output_buffer + IG_OUTPUT_HEADROOM + 64);
}

void ig_session_config_default(struct ig_session_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    ig_limits_default(&cfg->limits);
    cfg->output_buffer = IG_DEFAULT_OUTPUT_BUFFER;
    cfg->max_bad_commands = IG_DEFAULT_MAX_BAD_COMMANDS;
    cfg->greeting = IG_GREET_OK;
    cfg->starttls = 1;
    cfg->imap4rev2 = 1;
    cfg->server_name = "imapguard";
}

size_t ig_session_memsize(const struct ig_session_config *cfg)
{
    struct ig_session_config def;
    if (cfg == NULL) {
        ig_session_config_default(&def);
        cfg = &def;
    }
    return align8(ig_parser_memsize(&cfg->limits)) + out_size(cfg);
}

static void trace_cmd(struct ig_session *s, const struct ig_command *cmd, enum ig_state before,
                      int status)
{
    if (s->_trace == NULL)
        return;
    struct ig_trace ev;
    memset(&ev, 0, sizeof(ev));
    ev.tag = s->_tag;
    ev.cmd = cmd->cmd;
    ev.before = before;
    ev.after = (enum ig_state)s->_state;
    ev.status = status;
    ev.offset = s->_line_off;
    s->_trace(s->_trace_ctx, &ev);
}

static void trace_action(struct ig_session *s, enum ig_action a)
{
    if (s->_trace == NULL)
        return;
    struct ig_trace ev;
    memset(&ev, 0, sizeof(ev));
    ev.is_action = 1;
    ev.action = a;
    ev.before = ev.after = (enum ig_state)s->_state;
    ev.status = -1;
    ev.discarded = s->_discarded;
    s->_trace(s->_trace_ctx, &ev);
}

/* ---- capabilities ---- */

static int tls_or_plaintext_ok(const struct ig_session *s)
{
    return s->_tls || s->_cfg.plaintext_login;
}

/* The next space-separated word of a capability list; 0 at its end. */
static int next_word(const char **list, struct ig_span *word)
{
    const char *c = *list;
    while (*c == ' ')
        c++;
    const char *e = c;
    while (*e && *e != ' ')
        e++;
    word->ptr = (const unsigned char *)c;
    word->len = (size_t)(e - c);
    *list = e;
    return e > c;
}

/* Whether a space-separated list holds a name: a whole word, as capability and
 * mechanism names are atoms compared case-insensitively ("XCONDSTORE" is not CONDSTORE). */
static int list_has(const char *list, struct ig_span name)
{
    struct ig_span word;
    if (list == NULL)
        return 0;
    while (next_word(&list, &word))
        if (ig__span_caseeq(word, name))
            return 1;
    return 0;
}

static int backend_has(const struct ig_session *s, const char *cap)
{
    struct ig_span c = {(const unsigned char *)cap, strlen(cap)};
    return list_has(s->_bk->capabilities, c);
}

/* Whether a space-separated list holds a word that starts with prefix ("THREAD="). */
static int list_has_prefix(const char *list, const char *prefix)
{
    struct ig_span word;
    size_t n = strlen(prefix);
    if (list == NULL)
        return 0;
    while (next_word(&list, &word))
        if (word.len > n && ig__span_caseeq((struct ig_span){word.ptr, n},
                                            (struct ig_span){(const unsigned char *)prefix, n}))
            return 1;
    return 0;
}

/* Whether the backend implements cmd. The commands of extensions that live wholly in the
 * backend count as implemented only when the backend lists their capability: a client
 * uses an extension only once it is advertised (RFC 9051 §6.1.1), and to a server
 * without it the command is an unknown one, answered BAD (RFC 9051 §2.2.2: "BAD
 * (indicating a protocol error such as unrecognized command ...)"). The IMAP4rev2 base
 * commands (MOVE, UID EXPUNGE, NAMESPACE among them) are always passed on. */
static int backend_offers(const struct ig_session *s, enum ig_cmd cmd)
{
    switch (cmd) {
    case IG_CMD_GETQUOTA:
    case IG_CMD_GETQUOTAROOT:
    case IG_CMD_SETQUOTA:
        return backend_has(s, "QUOTA"); /* RFC 9208 §2 */
    case IG_CMD_SETACL:
    case IG_CMD_DELETEACL:
    case IG_CMD_GETACL:
    case IG_CMD_LISTRIGHTS:
    case IG_CMD_MYRIGHTS:
        return backend_has(s, "ACL"); /* RFC 4314 §2 */
    case IG_CMD_GETMETADATA:
    case IG_CMD_SETMETADATA:
        return backend_has(s, "METADATA") || backend_has(s, "METADATA-SERVER"); /* RFC 5464 §1 */
    case IG_CMD_SORT:
    case IG_CMD_UID_SORT:
        return backend_has(s, "SORT"); /* RFC 5256 §3 */
    case IG_CMD_THREAD:
    case IG_CMD_UID_THREAD:
        return list_has_prefix(s->_bk->capabilities, "THREAD="); /* RFC 5256 §3 */
    case IG_CMD_ESEARCH:
        return backend_has(s, "MULTISEARCH"); /* RFC 7377 §2 */
    default:
        return 1;
    }
}

/* AUTH=<name> for each mechanism the backend's sasl() implements (not PLAIN / LOGIN:
 * those are the session's own and follow the TLS policy). */
static void write_backend_mechanisms(struct ig_session *s)
{
    const char *c = s->_bk->sasl_mechanisms;
    struct ig_span m;
    char tmp[5 + sizeof(s->_sasl_name_buf) + 1];
    if (s->_bk->sasl == NULL || c == NULL)
        return;
    while (next_word(&c, &m)) {
        if (m.len > sizeof(s->_sasl_name_buf) || !ig__all_class(m, IG__C_ATOM) ||
            ig__span_is(m, "PLAIN") || ig__span_is(m, "LOGIN"))
            continue;
        snprintf(tmp, sizeof(tmp), "AUTH=%.*s", (int)m.len, (const char *)m.ptr);
        ig_w_atom(&s->_w, tmp);
    }
}

static void write_capabilities(struct ig_session *s)
{
    struct ig_writer *w = &s->_w;
    ig_w_atom(w, "IMAP4rev1");
    if (s->_cfg.imap4rev2)
        ig_w_atom(w, "IMAP4rev2");
    ig_w_atom(w, s->_cfg.literal_plus ? "LITERAL+" : "LITERAL-");
    if (s->_state == IG_STATE_NOT_AUTH) {
        if (!s->_tls && s->_cfg.starttls)
            ig_w_atom(w, "STARTTLS");
        if (tls_or_plaintext_ok(s)) {
            ig_w_atom(w, "AUTH=PLAIN");
            ig_w_atom(w, "AUTH=LOGIN");
        } else {
            ig_w_atom(w, "LOGINDISABLED");
        }
        write_backend_mechanisms(s);
        ig_w_atom(w, "SASL-IR");
    }
    ig_w_atom(w, "ENABLE");
    ig_w_atom(w, "IDLE");
    ig_w_atom(w, "ID");
    ig_w_atom(w, "UNSELECT");
    /* MULTIAPPEND (RFC 3502) and APPENDLIMIT (RFC 7889) extend APPEND: neither is
     * offered when the backend has no APPEND (append_begin NULL). */
    if (s->_bk->append_begin != NULL) {
        ig_w_atom(w, "MULTIAPPEND");
        if (s->_cfg.appendlimit) {
            char tmp[40];
            snprintf(tmp, sizeof(tmp), "APPENDLIMIT=%llu",
                     (unsigned long long)s->_cfg.appendlimit);
            ig_w_atom(w, tmp);
        }
    }
    if (s->_state != IG_STATE_NOT_AUTH && s->_bk->capabilities != NULL) {
        /* The backend's list: each word must be an atom, or it is left out (the
         * writer would put NIL in its place, a capability nobody has). */
        const char *c = s->_bk->capabilities;
        struct ig_span a;
        while (next_word(&c, &a))
            if (ig__all_class(a, IG__C_ATOM))
                ig_w_atom_span(w, a);
    }
}

/* ---- tagged responses ---- */

static const char *status_word(int st)
{
    return st == IG_BK_OK ? "OK" : st == IG_BK_NO ? "NO" : "BAD";
}

static void keep_tag(struct ig_session *s, struct ig_span tag)
{
    size_t n = tag.len < sizeof(s->_tagbuf) ? tag.len : sizeof(s->_tagbuf);
    if (n)
        memcpy(s->_tagbuf, tag.ptr, n);
    s->_tag.ptr = s->_tagbuf;
    s->_tag.len = n;
}

/* "tag OK|NO|BAD [code] text" CRLF; an empty tag becomes "*" (untagged BAD). */
static void respond(struct ig_session *s, int st, const char *code, const char *text)
{
    struct ig_writer *w = &s->_w;
    if (s->_tag.len)
        ig__w_tagged(w, s->_tag);
    else
        ig_w_untagged(w);
    ig_w_atom(w, status_word(st));
    if (code && *code) {
        ig_w_code(w, code);
        ig_w_code_end(w);
    }
    ig_w_text(w, text && *text ? text : "done");
    ig_w_end(w);
}

static void bye_code(struct ig_session *s, const char *code, const char *text)
{
    ig_w_untagged(&s->_w);
    ig_w_atom(&s->_w, "BYE");
    if (code != NULL) {
        ig_w_code(&s->_w, code);
        ig_w_code_end(&s->_w);
    }
    ig_w_text(&s->_w, text);
    ig_w_end(&s->_w);
    s->_closing = 1;
}

static void bye(struct ig_session *s, const char *text)
{
    bye_code(s, NULL, text);
}

/* A BAD before authentication counts toward the cross-protocol limit: a client that
 * is not speaking IMAP (an HTTP request sent to port 143) is cut off. */
static void count_bad(struct ig_session *s)
{
    if (s->_state != IG_STATE_NOT_AUTH)
        return;
    if (++s->_bad >= s->_cfg.max_bad_commands)
        bye(s, "too many invalid commands");
}

/* Ends a command: response, state transition from the table, trace, bad count. */
static void finish(struct ig_session *s, const struct ig_command *cmd, int st, const char *code,
                   const char *text)
{
    enum ig_state before = (enum ig_state)s->_state;
    const struct ig_cmd_rule *rule = ig_cmd_rule(cmd->cmd);
    respond(s, st, code, text);
    if (rule->valid & (1u << before)) {
        uint8_t next = st == IG_BK_OK ? rule->next_ok[before] : rule->next_fail[before];
        if (next != IG_NEXT_SAME)
            s->_state = next;
    }
    /* Authenticated now: the full limits from the next line on (the line that did it
     * is complete, so the parser is between lines). */
    if (before == IG_STATE_NOT_AUTH && s->_state != IG_STATE_NOT_AUTH && s->_has_prelogin) {
        s->_has_prelogin = 0;
        enum ig_status r = ig_parser_set_limits(&s->_p, &s->_cfg.limits);
        assert(r == IG_OK);
        (void)r;
    }
    trace_cmd(s, cmd, before, st);
    if (st == IG_BK_BAD)
        count_bad(s);
}

/* ---- init ---- */

static void greet(struct ig_session *s)
{
    struct ig_writer *w = &s->_w;
    ig_w_untagged(w);
    if (s->_cfg.greeting == IG_GREET_BYE) {
        ig_w_atom(w, "BYE");
        ig_w_text(w, "server unavailable");
        ig_w_end(w);
        s->_closing = 1;
        return;
    }
    if (s->_cfg.greeting == IG_GREET_PREAUTH)
        s->_state = IG_STATE_AUTH;
    ig_w_atom(w, s->_cfg.greeting == IG_GREET_PREAUTH ? "PREAUTH" : "OK");
    ig_w_code(w, "CAPABILITY");
    write_capabilities(s);
    ig_w_code_end(w);
    ig_w_text(w, s->_cfg.greeting == IG_GREET_PREAUTH ? "logged in" : "ready");
    ig_w_end(w);
}

enum ig_status ig_session_init(struct ig_session *s, const struct ig_session_config *cfg,
                               const struct ig_backend *backend, void *ctx, void *mem,
                               size_t memsize)
{
    struct ig_session_config def;
    if (cfg == NULL) {
        ig_session_config_default(&def);
        cfg = &def;
    }
    if (s == NULL || backend == NULL || mem == NULL || memsize < ig_session_memsize(cfg) ||
        cfg->output_buffer < 256 || cfg->max_bad_commands == 0 ||
        cfg->limits.max_tag > IG_DEFAULT_MAX_TAG)
        return IG_E_USAGE;
    memset(s, 0, sizeof(*s));
    size_t pm = align8(ig_parser_memsize(&cfg->limits));
    if (ig_parser_init(&s->_p, &cfg->limits, mem, pm) != IG_OK)
        return IG_E_USAGE;
    s->_cfg = *cfg;
    if (s->_cfg.server_name == NULL)
        s->_cfg.server_name = "imapguard";
    s->_bk = backend;
    s->_ctx = ctx;
    s->_tls = cfg->tls_active;
    s->_out = (unsigned char *)mem + pm;
    s->_outcap = out_size(cfg);
    s->_w._s = s;
    s->_state = IG_STATE_NOT_AUTH;
    greet(s);
    return IG_OK;
}

enum ig_status ig_session_set_prelogin_limits(struct ig_session *s, const struct ig_limits *lim)
{
    if (s == NULL || lim == NULL || s->_state != IG_STATE_NOT_AUTH ||
        lim->max_tag > IG_DEFAULT_MAX_TAG ||
        ig_parser_memsize(lim) > ig_parser_memsize(&s->_cfg.limits))
        return IG_E_USAGE;
    if (ig_parser_set_limits(&s->_p, lim) != IG_OK)
        return IG_E_USAGE;
    s->_prelogin = *lim;
    s->_has_prelogin = 1;
    return IG_OK;
}

/* Lending the block (ig_session_detach / ig_session_attach). What a session keeps from
 * one command to the next is all in the struct: the state, the tag of the command in
 * progress (_tagbuf), the SASL exchange (_sasl_user, _sasl_name_buf), the enabled
 * extensions, the bad-command count, the parser's offsets and what its next line is.
 * The block holds only bytes in flight: the parser's line, arena and literals, and the
 * output queue. So it can go once the parser is between lines (also while IDLE waits
 * for DONE or AUTHENTICATE for a response line: the parser expects that line, nothing
 * of it has arrived), no command waits for output room (that command is still in the
 * parser's arena) and every byte of output has been handed over (the queue may refer
 * to the command's spans). APPEND keeps it: the parser is inside the command until its
 * final CRLF. */
void *ig_session_detach(struct ig_session *s)
{
    if (s == NULL || s->_out == NULL || s->_pending || ig__out_pending(s) ||
        !ig_parser_idle(&s->_p))
        return NULL;
    void *mem = ig_parser_detach(&s->_p);
    if (mem == NULL)
        return NULL;
    ig__out_reset(s);
    s->_out = NULL;
    return mem;
}

enum ig_status ig_session_attach(struct ig_session *s, void *mem, size_t memsize)
{
    if (s == NULL || mem == NULL || s->_out != NULL || memsize < ig_session_memsize(&s->_cfg))
        return IG_E_USAGE;
    size_t pm = align8(ig_parser_memsize(&s->_cfg.limits));
    if (ig_parser_attach(&s->_p, mem, pm) != IG_OK)
        return IG_E_USAGE;
    s->_out = (unsigned char *)mem + pm;
    return IG_OK;
}

int ig_session_detached(const struct ig_session *s)
{
    return s != NULL && s->_out == NULL;
}

void ig_session_set_trace(struct ig_session *s, void (*trace)(void *, const struct ig_trace *),
                          void *ctx)
{
    if (s) {
        s->_trace = trace;
        s->_trace_ctx = ctx;
    }
}

enum ig_state ig_session_state(const struct ig_session *s)
{
    return s ? (enum ig_state)s->_state : IG_STATE_LOGOUT;
}

int ig_session_read_only(const struct ig_session *s)
{
    return s ? s->_read_only : 0;
}

uint64_t ig_session_discarded(const struct ig_session *s)
{
    return s ? s->_discarded : 0;
}

int ig_session_idling(const struct ig_session *s)
{
    return s != NULL && s->_sub == IG__SUB_IDLE && !s->_closing;
}

enum ig_action ig_session_action(const struct ig_session *s)
{
    if (s == NULL)
        return IG_ACT_CLOSE;
    /* An action waits until every byte before it has been sent. */
    if (ig__out_pending(s))
        return IG_ACT_NONE;
    if (s->_closing || s->_state == IG_STATE_LOGOUT)
        return IG_ACT_CLOSE;
    return (enum ig_action)s->_action;
}

void ig_session_tls_started(struct ig_session *s)
{
    if (s == NULL || s->_action != IG_ACT_STARTTLS)
        return;
    /* One trace event per handshake, with every plaintext byte thrown away before it
     * (whatever the chunking). */
    trace_action(s, IG_ACT_STARTTLS);
    s->_action = IG_ACT_NONE;
    s->_tls = 1;
    /* RFC 9051 §6.2.1: nothing the client sent before the handshake counts. */
    ig_parser_reset(&s->_p);
}

/* ---- SASL ---- */

static void sasl_end(struct ig_session *s)
{
    memset(s->_sasl_user, 0, sizeof(s->_sasl_user)); /* a secret: wipe it */
    s->_sasl_user_len = 0;
    s->_sasl_mech = IG__MECH_NONE;
    s->_sub = IG__SUB_NONE;
}

static void challenge(struct ig_session *s, const unsigned char *raw, size_t n)
{
    static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    struct ig_writer *w = &s->_w;
    ig__w_continuation(w);
    /* base64 of the challenge, written as resp-text (it is all base64 chars). */
    char tmp[4];
    char line[700];
    size_t k = 0;
    for (size_t i = 0; i < n && k + 4 < sizeof(line); i += 3) {
        uint32_t x = (uint32_t)raw[i] << 16;
        if (i + 1 < n)
            x |= (uint32_t)raw[i + 1] << 8;
        if (i + 2 < n)
            x |= raw[i + 2];
        tmp[0] = b64[(x >> 18) & 63];
        tmp[1] = b64[(x >> 12) & 63];
        tmp[2] = i + 1 < n ? b64[(x >> 6) & 63] : '=';
        tmp[3] = i + 2 < n ? b64[x & 63] : '=';
        memcpy(line + k, tmp, 4);
        k += 4;
    }
    line[k] = 0;
    if (k)
        ig_w_text(w, line);
    else
        w->_first = 1; /* "+ " alone: an empty challenge */
    ig_w_end(w);
    s->_sub = IG__SUB_SASL;
    ig_parser_expect(&s->_p, IG_EXPECT_SASL);
}

static void login_result(struct ig_session *s, const struct ig_command *cmd, struct ig_span authzid,
                         struct ig_span user, struct ig_span pass)
{
    int ok = ig__credential_ok(user) && ig__credential_ok(pass) &&
             (authzid.len == 0 || ig__credential_ok(authzid)) && s->_bk->login != NULL &&
             s->_bk->login(s->_ctx, authzid, user, pass);
    if (!ok) {
        finish(s, cmd, IG_BK_NO, "AUTHENTICATIONFAILED", "authentication failed");
        return;
    }
    finish(s, cmd, IG_BK_OK, NULL, "authenticated");
}

/* One SASL step with the client's data (initial response or a response line). */
static void sasl_step(struct ig_session *s, const struct ig_command *auth, struct ig_span data,
                      int has_data)
{
    struct ig_span z, u, pw;
    switch (s->_sasl_mech) {
    case IG__MECH_PLAIN:
        if (!has_data) {
            challenge(s, NULL, 0);
            return;
        }
        sasl_end(s);
        if (!ig__sasl_plain(&data, &z, &u, &pw)) {
            finish(s, auth, IG_BK_BAD, NULL, "malformed PLAIN response");
            return;
        }
        login_result(s, auth, z, u, pw);
        return;
    case IG__MECH_LOGIN:
        if (!has_data) { /* round 0 without SASL-IR: every response line has data */
            challenge(s, (const unsigned char *)"Username:", 9);
            return;
        }
        if (s->_sasl_round == 0) {
            if (data.len > sizeof(s->_sasl_user)) {
                sasl_end(s);
                finish(s, auth, IG_BK_NO, "AUTHENTICATIONFAILED", "authentication failed");
                return;
            }
            if (data.len) /* an empty line decodes to {NULL, 0} */
                memcpy(s->_sasl_user, data.ptr, data.len);
            s->_sasl_user_len = data.len;
            s->_sasl_round = 1;
            challenge(s, (const unsigned char *)"Password:", 9);
            return;
        } else {
            struct ig_span user = {s->_sasl_user, s->_sasl_user_len}, none = {NULL, 0};
            login_result(s, auth, none, user, data);
            sasl_end(s);
            return;
        }
    default: {
        struct ig_sasl_step step;
        memset(&step, 0, sizeof(step));
        step.mechanism.ptr = s->_sasl_name_buf;
        step.mechanism.len = s->_sasl_name.len;
        step.round = s->_sasl_round++;
        step.has_data = (uint8_t)has_data;
        step.data = data;
        /* cmd_authenticate() picks a backend mechanism only when there is sasl(). */
        enum ig_sasl_result r = s->_bk->sasl(s->_ctx, &step);
        if (r == IG_SASL_CONTINUE && step.challenge_len <= sizeof(step.challenge)) {
            challenge(s, step.challenge, step.challenge_len);
            return;
        }
        sasl_end(s);
        if (r == IG_SASL_DONE_OK)
            finish(s, auth, IG_BK_OK, NULL, "authenticated");
        else if (r == IG_SASL_UNSUPPORTED)
            finish(s, auth, IG_BK_NO, NULL, "unsupported authentication mechanism");
        else
            finish(s, auth, IG_BK_NO, "AUTHENTICATIONFAILED", "authentication failed");
    }
    }
}

static void cmd_authenticate(struct ig_session *s, const struct ig_command *cmd)
{
    const struct ig_authenticate *a = &cmd->u.authenticate;
    s->_sasl_round = 0;
    if (ig__span_is(a->mechanism, "PLAIN"))
        s->_sasl_mech = IG__MECH_PLAIN;
    else if (ig__span_is(a->mechanism, "LOGIN"))
        s->_sasl_mech = IG__MECH_LOGIN;
    else if (s->_bk->sasl != NULL && a->mechanism.len <= sizeof(s->_sasl_name_buf) &&
             (s->_bk->sasl_mechanisms == NULL ||
              list_has(s->_bk->sasl_mechanisms, a->mechanism))) {
        s->_sasl_mech = IG__MECH_BACKEND;
        memcpy(s->_sasl_name_buf, a->mechanism.ptr, a->mechanism.len);
        s->_sasl_name.ptr = s->_sasl_name_buf;
        s->_sasl_name.len = a->mechanism.len;
    } else {
        finish(s, cmd, IG_BK_NO, NULL, "unsupported authentication mechanism");
        return;
    }
    if (s->_sasl_mech != IG__MECH_BACKEND && !tls_or_plaintext_ok(s)) {
        s->_sasl_mech = IG__MECH_NONE;
        finish(s, cmd, IG_BK_NO, "PRIVACYREQUIRED", "plaintext authentication needs TLS");
        return;
    }
    sasl_step(s, cmd, a->initial, a->has_initial);
}

/* ---- the other session-level commands ---- */

static void cmd_login(struct ig_session *s, const struct ig_command *cmd)
{
    if (!tls_or_plaintext_ok(s)) {
        finish(s, cmd, IG_BK_NO, "PRIVACYREQUIRED", "LOGIN needs TLS (LOGINDISABLED)");
        return;
    }
    struct ig_span none = {NULL, 0};
    login_result(s, cmd, none, cmd->u.login.user.v, cmd->u.login.password.v);
}

static void cmd_enable(struct ig_session *s, const struct ig_command *cmd)
{
    struct ig_writer *w = &s->_w;
    ig_w_untagged(w);
    ig_w_atom(w, "ENABLED");
    for (uint32_t i = 0; i < cmd->u.enable.caps.n; i++) {
        struct ig_span c = cmd->u.enable.caps.v[i];
        int bit = ig__span_is(c, "CONDSTORE") ? EN_CONDSTORE
                : ig__span_is(c, "QRESYNC") ? EN_QRESYNC
                : ig__span_is(c, "UTF8=ACCEPT") ? EN_UTF8
                : (ig__span_is(c, "IMAP4rev2") && s->_cfg.imap4rev2) ? EN_REV2 : 0;
        /* Only what the backend supports besides what the session handles itself. */
        if ((bit == EN_CONDSTORE || bit == EN_QRESYNC) &&
            !backend_has(s, bit == EN_QRESYNC ? "QRESYNC" : "CONDSTORE"))
            bit = 0;
        if (bit && !(s->_enabled & bit)) {
            s->_enabled |= (uint8_t)bit;
            ig_w_atom(w, bit == EN_CONDSTORE ? "CONDSTORE" : bit == EN_QRESYNC ? "QRESYNC"
                         : bit == EN_UTF8 ? "UTF8=ACCEPT" : "IMAP4rev2");
        }
    }
    ig_w_end(w);
    if (s->_enabled & (EN_UTF8 | EN_REV2))
        ig_parser_set_options(&s->_p, s->_p._opts | IG_OPT_UTF8);
    if (s->_bk->enabled)
        s->_bk->enabled(s->_ctx, s->_enabled); /* EN_* match enum ig_enabled */
    finish(s, cmd, IG_BK_OK, NULL, "enabled");
}

static void cmd_id(struct ig_session *s, const struct ig_command *cmd)
{
    struct ig_writer *w = &s->_w;
    struct ig_span k = {(const unsigned char *)"name", 4};
    struct ig_span v = {(const unsigned char *)s->_cfg.server_name, strlen(s->_cfg.server_name)};
    ig_w_untagged(w);
    ig_w_atom(w, "ID");
    ig_w_open(w);
    ig_w_string(w, k);
    ig_w_string(w, v);
    ig_w_close(w);
    ig_w_end(w);
    finish(s, cmd, IG_BK_OK, NULL, "ID completed");
}

/* SELECT / EXAMINE while Selected: the old mailbox is left first, whatever follows
 * (RFC 9051 §6.3.2: after a failed SELECT no mailbox is selected). */
static void leave_mailbox(struct ig_session *s)
{
    struct ig_writer *w = &s->_w;
    if (s->_bk->unselect)
        s->_bk->unselect(s->_ctx, 0);
    /* RFC 9051 §7.1 (RFC 7162 §3.2.11 for a rev1 server that offers CONDSTORE or
     * QRESYNC): the boundary between the old mailbox's responses and what follows. */
    ig_w_untagged(w);
    ig_w_atom(w, "OK");
    ig_w_code(w, "CLOSED");
    ig_w_code_end(w);
    ig_w_text(w, "previous mailbox closed");
    ig_w_end(w);
}

static void cmd_select(struct ig_session *s, const struct ig_command *cmd)
{
    struct ig_mailbox_info info;
    struct ig_writer *w = &s->_w;
    int read_only = cmd->cmd == IG_CMD_EXAMINE;
    memset(&info, 0, sizeof(info));
    memset(&s->_reply, 0, sizeof(s->_reply));
    /* RFC 9051 §6.3.2: SELECT while selected leaves the old mailbox first, and a failed
     * SELECT leaves none selected. */
    if (s->_state == IG_STATE_SELECTED)
        leave_mailbox(s);
    enum ig_bk_status st = s->_bk->select
                               ? s->_bk->select(s->_ctx, cmd, read_only, &info, &s->_reply)
                               : IG_BK_NO;
    if (st != IG_BK_OK) {
        finish(s, cmd, st == IG_BK_BAD ? IG_BK_BAD : IG_BK_NO, s->_reply.code,
               s->_reply.text ? s->_reply.text : "no such mailbox");
        return;
    }
    read_only |= info.read_only;
    s->_read_only = (uint8_t)read_only;
    ig_w_untagged(w);
    ig_w_atom(w, "FLAGS");
    ig_w_flags(w, &info.flags);
    ig_w_end(w);
    if ((s->_enabled & EN_REV2) && info.list_name.len) {
        /* RFC 9051 §6.3.2: a LIST response with the mailbox name. */
        ig_w_untagged(w);
        ig_w_atom(w, "LIST");
        ig_w_open(w);
        for (uint32_t i = 0; i < info.list_attrs.n; i++)
            ig_w_atom_span(w, info.list_attrs.v[i]);
        ig_w_close(w);
        struct ig_span d = {(const unsigned char *)&info.delimiter, 1};
        ig_w_nstring(w, info.delimiter ? &d : NULL);
        ig_w_mailbox(w, info.list_name);
        ig_w_end(w);
    }
    ig_w_untagged(w);
    ig_w_number(w, info.exists);
    ig_w_atom(w, "EXISTS");
    ig_w_end(w);
    if (!(s->_enabled & EN_REV2) && info.first_unseen) { /* RFC 3501 §6.3.1 */
        ig_w_untagged(w);
        ig_w_atom(w, "OK");
        ig_w_code(w, "UNSEEN");
        ig_w_number(w, info.first_unseen);
        ig_w_code_end(w);
        ig_w_text(w, "first unseen");
        ig_w_end(w);
    }
    if (!(s->_enabled & EN_REV2)) { /* rev1 clients expect RECENT */
        ig_w_untagged(w);
        ig_w_number(w, info.recent);
        ig_w_atom(w, "RECENT");
        ig_w_end(w);
    }
    ig_w_untagged(w);
    ig_w_atom(w, "OK");
    ig_w_code(w, "UIDVALIDITY");
    ig_w_number(w, info.uidvalidity);
    ig_w_code_end(w);
    ig_w_text(w, "UIDs valid");
    ig_w_end(w);
    ig_w_untagged(w);
    ig_w_atom(w, "OK");
    ig_w_code(w, "UIDNEXT");
    ig_w_number(w, info.uidnext);
    ig_w_code_end(w);
    ig_w_text(w, "predicted next UID");
    ig_w_end(w);
    ig_w_untagged(w);
    ig_w_atom(w, "OK");
    ig_w_code(w, "PERMANENTFLAGS");
    ig_w_open(w);
    if (!read_only) {
        for (uint32_t i = 0; i < info.permanent.n; i++)
            ig_w_atom_span(w, info.permanent.v[i].name);
        if (info.permanent_any)
            ig_w_atom(w, "\\*");
    }
    ig_w_close(w);
    ig_w_code_end(w);
    ig_w_text(w, read_only ? "no permanent flags permitted" : "limited");
    ig_w_end(w);
    if (info.highestmodseq && (s->_enabled & (EN_CONDSTORE | EN_QRESYNC) ||
                               (cmd->u.select.has_params && cmd->u.select.condstore))) {
        ig_w_untagged(w);
        ig_w_atom(w, "OK");
        ig_w_code(w, "HIGHESTMODSEQ");
        ig_w_number(w, info.highestmodseq);
        ig_w_code_end(w);
        ig_w_text(w, "highest");
        ig_w_end(w);
    }
    finish(s, cmd, IG_BK_OK, read_only ? "READ-ONLY" : "READ-WRITE",
           cmd->cmd == IG_CMD_EXAMINE ? "EXAMINE completed" : "SELECT completed");
}

/* Runs (or resumes) a backend command. */
static void backend_command(struct ig_session *s, const struct ig_command *cmd)
{
    if (!s->_pending) {
        s->_cursor = 0;
        memset(&s->_reply, 0, sizeof(s->_reply));
    }
    enum ig_bk_status st = s->_bk->command ? s->_bk->command(s->_ctx, cmd, &s->_w, &s->_cursor,
                                                              &s->_reply)
                                           : IG_BK_NO;
    if (st == IG_BK_MORE && !s->_closing) {
        s->_pending = 1;
        return;
    }
    s->_pending = 0;
    if (st == IG_BK_MORE)
        st = IG_BK_NO;
    finish(s, cmd, (int)st, s->_reply.code,
           s->_reply.text ? s->_reply.text : st == IG_BK_OK ? "completed" : "failed");
}

static void dispatch(struct ig_session *s, const struct ig_command *cmd)
{
    switch (cmd->cmd) {
    case IG_CMD_CAPABILITY:
        ig_w_untagged(&s->_w);
        ig_w_atom(&s->_w, "CAPABILITY");
        write_capabilities(s);
        ig_w_end(&s->_w);
        finish(s, cmd, IG_BK_OK, NULL, "CAPABILITY completed");
        return;
    case IG_CMD_NOOP:
        if (s->_state == IG_STATE_SELECTED && s->_bk->poll) {
            uint64_t cur = 0;
            s->_bk->poll(s->_ctx, &s->_w, &cur);
        }
        finish(s, cmd, IG_BK_OK, NULL, "NOOP completed");
        return;
    case IG_CMD_LOGOUT:
        /* RFC 9051 §6.1.3: the untagged BYE strictly before the tagged OK. */
        ig_w_untagged(&s->_w);
        ig_w_atom(&s->_w, "BYE");
        ig_w_text(&s->_w, "logging out");
        ig_w_end(&s->_w);
        if (s->_state == IG_STATE_SELECTED && s->_bk->unselect)
            s->_bk->unselect(s->_ctx, 0);
        finish(s, cmd, IG_BK_OK, NULL, "LOGOUT completed");
        return;
    case IG_CMD_STARTTLS:
        if (s->_tls || !s->_cfg.starttls) {
            finish(s, cmd, IG_BK_BAD, NULL, s->_tls ? "TLS is already active" : "STARTTLS not offered");
            return;
        }
        finish(s, cmd, IG_BK_OK, NULL, "begin TLS negotiation now");
        s->_action = IG_ACT_STARTTLS;
        return;
    case IG_CMD_LOGIN:
        cmd_login(s, cmd);
        return;
    case IG_CMD_AUTHENTICATE:
        cmd_authenticate(s, cmd);
        return;
    case IG_CMD_ENABLE:
        cmd_enable(s, cmd);
        return;
    case IG_CMD_ID:
        cmd_id(s, cmd);
        return;
    case IG_CMD_IDLE:
        ig__w_continuation(&s->_w);
        ig_w_text(&s->_w, "idling");
        ig_w_end(&s->_w);
        s->_sub = IG__SUB_IDLE;
        ig_parser_expect(&s->_p, IG_EXPECT_DONE);
        return;
    case IG_CMD_SELECT:
    case IG_CMD_EXAMINE:
        cmd_select(s, cmd);
        return;
    case IG_CMD_CLOSE:
    case IG_CMD_UNSELECT:
        if (s->_bk->unselect)
            s->_bk->unselect(s->_ctx, cmd->cmd == IG_CMD_CLOSE && !s->_read_only);
        finish(s, cmd, IG_BK_OK, NULL, cmd->cmd == IG_CMD_CLOSE ? "CLOSE completed"
                                                                 : "UNSELECT completed");
        return;
    case IG_CMD_COMPRESS:
        finish(s, cmd, IG_BK_NO, NULL, "compression is not offered");
        return;
    default:
        if ((cmd->cmd == IG_CMD_STORE || cmd->cmd == IG_CMD_UID_STORE ||
             cmd->cmd == IG_CMD_EXPUNGE || cmd->cmd == IG_CMD_UID_EXPUNGE ||
             cmd->cmd == IG_CMD_MOVE || cmd->cmd == IG_CMD_UID_MOVE) && s->_read_only) {
            finish(s, cmd, IG_BK_NO, "READ-ONLY", "mailbox is read-only");
            return;
        }
        backend_command(s, cmd);
        return;
    }
}

/* Whether a command may run now; answers it (BAD) when not. */
static int admissible(struct ig_session *s, const struct ig_command *cmd)
{
    const struct ig_cmd_rule *rule = ig_cmd_rule(cmd->cmd);
    if (cmd->cmd == IG_CMD_OTHER) {
        finish(s, cmd, IG_BK_BAD, NULL, "unknown command");
        return 0;
    }
    if (!(rule->valid & (1u << s->_state))) {
        finish(s, cmd, IG_BK_BAD, NULL, "command not valid in this state");
        return 0;
    }
    if (!backend_offers(s, cmd->cmd)) {
        finish(s, cmd, IG_BK_BAD, NULL, "command not supported");
        return 0;
    }
    if (!cmd->typed) {
        finish(s, cmd, IG_BK_BAD, NULL, "command not implemented");
        return 0;
    }
    return 1;
}

/* ---- parser events ---- */

static void on_command(struct ig_session *s, const struct ig_command *cmd)
{
    if (s->_sub == IG__SUB_SASL) {
        if (cmd->cmd != IG_CMD_SASL)
            return;
        /* The response line continues the AUTHENTICATE command (its tag is in _tag). */
        struct ig_command auth;
        memset(&auth, 0, sizeof(auth));
        auth.cmd = IG_CMD_AUTHENTICATE;
        if (cmd->u.sasl.cancel) {
            sasl_end(s);
            finish(s, &auth, IG_BK_BAD, NULL, "AUTHENTICATE cancelled");
            return;
        }
        sasl_step(s, &auth, cmd->u.sasl.data, 1);
        return;
    }
    if (s->_sub == IG__SUB_IDLE) {
        struct ig_command idle;
        memset(&idle, 0, sizeof(idle));
        idle.cmd = IG_CMD_IDLE;
        s->_sub = IG__SUB_NONE;
        finish(s, &idle, IG_BK_OK, NULL, "IDLE terminated");
        return;
    }
    keep_tag(s, cmd->tag);
    if (s->_sub == IG__SUB_APPEND) {
        s->_sub = IG__SUB_NONE;
        memset(&s->_reply, 0, sizeof(s->_reply));
        enum ig_bk_status st = s->_bk->append_end ? s->_bk->append_end(s->_ctx, 1, &s->_reply)
                                                   : IG_BK_NO;
        /* RFC 9051 §6.3.12: appending to the selected mailbox SHOULD send EXISTS at
         * once; the backend reports it as an update. */
        if (st == IG_BK_OK && s->_state == IG_STATE_SELECTED && s->_bk->poll) {
            uint64_t cur = 0;
            s->_bk->poll(s->_ctx, &s->_w, &cur);
        }
        finish(s, cmd, st == IG_BK_MORE ? (int)IG_BK_NO : (int)st, s->_reply.code,
               s->_reply.text ? s->_reply.text : st == IG_BK_OK ? "APPEND completed"
                                                                : "APPEND failed");
        return;
    }
    if (admissible(s, cmd))
        dispatch(s, cmd);
}

static void on_literal(struct ig_session *s)
{
    const struct ig_literal *lit = ig_parser_literal(&s->_p);
    struct ig_command c;
    memset(&c, 0, sizeof(c));
    c.cmd = lit->cmd;
    c.typed = 1;
    keep_tag(s, lit->tag);
    /* No continuation for a literal the server will refuse anyway. */
    const struct ig_cmd_rule *rule = ig_cmd_rule(lit->cmd);
    if (lit->cmd == IG_CMD_OTHER || !(rule->valid & (1u << s->_state)) ||
        !backend_offers(s, lit->cmd)) {
        ig_parser_literal_reject(&s->_p);
        if (s->_sub == IG__SUB_APPEND && s->_bk->append_end) {
            s->_sub = IG__SUB_NONE;
            s->_bk->append_end(s->_ctx, 0, &s->_reply);
        }
        finish(s, &c, IG_BK_BAD, NULL, lit->cmd == IG_CMD_OTHER ? "unknown command"
                                       : !(rule->valid & (1u << s->_state))
                                           ? "command not valid in this state"
                                           : "command not supported");
        return;
    }
    if (lit->cmd == IG_CMD_LOGIN && !tls_or_plaintext_ok(s)) {
        ig_parser_literal_reject(&s->_p);
        finish(s, &c, IG_BK_NO, "PRIVACYREQUIRED", "LOGIN needs TLS (LOGINDISABLED)");
        return;
    }
    if (lit->message) {
        memset(&s->_reply, 0, sizeof(s->_reply));
        enum ig_bk_status st = IG_BK_OK;
        if (s->_cfg.appendlimit && lit->size > s->_cfg.appendlimit) {
            st = IG_BK_NO;
            s->_reply.code = "TOOBIG";
            s->_reply.text = "message exceeds APPENDLIMIT";
        } else if (s->_bk->append_begin == NULL) {
            st = IG_BK_NO;
        } else {
            st = s->_bk->append_begin(s->_ctx, &lit->mailbox, lit->msg, &s->_reply);
        }
        if (st != IG_BK_OK) {
            ig_parser_literal_reject(&s->_p);
            if (s->_sub == IG__SUB_APPEND && s->_bk->append_end) {
                /* Drop the messages accepted so far; the answer is the refusal's
                 * (TRYCREATE, TOOBIG, ...), not whatever append_end() says. */
                struct ig_bk_reply scratch;
                memset(&scratch, 0, sizeof(scratch));
                s->_bk->append_end(s->_ctx, 0, &scratch);
            }
            s->_sub = IG__SUB_NONE;
            finish(s, &c, st == IG_BK_BAD ? IG_BK_BAD : IG_BK_NO, s->_reply.code,
                   s->_reply.text ? s->_reply.text : "APPEND refused");
            return;
        }
        s->_sub = IG__SUB_APPEND;
    }
    ig_parser_literal_accept(&s->_p);
    if (!(lit->kind & 1)) { /* synchronizing: the client waits for this */
        ig__w_continuation(&s->_w);
        ig_w_text(&s->_w, "ready for literal data");
        ig_w_end(&s->_w);
    }
}

static void on_error(struct ig_session *s, enum ig_status st)
{
    const struct ig_error *e = ig_parser_error(&s->_p);
    int sub = s->_sub;
    if (sub == IG__SUB_SASL) {
        sasl_end(s); /* the AUTHENTICATE tag is still in _tag */
    } else if (sub == IG__SUB_IDLE) {
        s->_sub = IG__SUB_NONE;
    } else if (sub == IG__SUB_APPEND) {
        s->_sub = IG__SUB_NONE;
        if (s->_bk->append_end)
            s->_bk->append_end(s->_ctx, 0, &s->_reply);
        keep_tag(s, e->tag);
    } else {
        keep_tag(s, e->tag);
    }
    if (st == IG_E_FATAL) {
        bye_code(s, e->resp_code, e->reason);
        return;
    }
    struct ig_command c;
    memset(&c, 0, sizeof(c));
    c.cmd = sub == IG__SUB_SASL ? IG_CMD_AUTHENTICATE : sub == IG__SUB_IDLE ? IG_CMD_IDLE : e->cmd;
    /* A malformed SELECT / EXAMINE is a failed one too: the table leaves Selected, so
     * the backend is told and the client sees the boundary, as in cmd_select(). */
    if (s->_state == IG_STATE_SELECTED && (c.cmd == IG_CMD_SELECT || c.cmd == IG_CMD_EXAMINE))
        leave_mailbox(s);
    finish(s, &c, IG_BK_BAD, e->resp_code, e->reason);
}

/* Throws away bytes that must never be executed (after STARTTLS, LOGOUT, BYE). */
static int discarding(const struct ig_session *s)
{
    return s->_closing || s->_state == IG_STATE_LOGOUT || s->_action == IG_ACT_STARTTLS;
}

enum ig_status ig_session_feed(struct ig_session *s, const void *buf, size_t len, size_t *used)
{
    const unsigned char *in = buf;
    size_t off = 0;
    if (s == NULL || used == NULL || (buf == NULL && len > 0) || s->_out == NULL)
        return IG_E_USAGE;
    /* No input at all may come as (NULL, 0): no arithmetic on a NULL pointer below. */
    static const unsigned char no_input[1];
    if (in == NULL)
        in = no_input;
    *used = 0;
    if (s->_pending) {
        if (ig_w_full(&s->_w))
            return IG_NEED_OUTPUT;
        backend_command(s, ig_parser_command(&s->_p));
        if (s->_pending)
            return IG_NEED_OUTPUT;
    }
    for (;;) {
        if (discarding(s)) {
            s->_discarded += len - off;
            *used = len;
            return IG_OK;
        }
        if (ig_w_full(&s->_w)) {
            *used = off;
            return IG_NEED_OUTPUT;
        }
        size_t u = 0;
        enum ig_status st = ig_parser_feed(&s->_p, in + off, len - off, &u);
        off += u;
        switch (st) {
        case IG_NEED_MORE:
            *used = len;
            return IG_OK;
        case IG_OK:
            s->_line_off = ig_parser_command(&s->_p)->offset;
            on_command(s, ig_parser_command(&s->_p));
            break;
        case IG_NEED_LITERAL:
            s->_line_off = ig_parser_line_offset(&s->_p);
            on_literal(s);
            break;
        case IG_LITERAL_DATA:
            s->_line_off = ig_parser_line_offset(&s->_p);
            if (s->_sub == IG__SUB_APPEND && s->_bk->append_data)
                s->_bk->append_data(s->_ctx, ig_parser_data(&s->_p, NULL));
            break;
        default:
            s->_line_off = ig_parser_error(&s->_p)->command_offset;
            on_error(s, st);
            break;
        }
        if (s->_pending) {
            *used = off;
            return IG_NEED_OUTPUT;
        }
        if (s->_action == IG_ACT_STARTTLS) {
            /* Plaintext pipelined after STARTTLS is never executed (CVE-2011-0411). */
            s->_discarded += len - off;
            *used = len;
            return IG_OK;
        }
    }
}

enum ig_status ig_session_poll(struct ig_session *s)
{
    if (s == NULL || s->_out == NULL)
        return IG_E_USAGE;
    if (s->_state != IG_STATE_SELECTED || s->_bk->poll == NULL || s->_closing)
        return IG_OK;
    uint64_t cur = 0;
    s->_bk->poll(s->_ctx, &s->_w, &cur);
    return ig_w_full(&s->_w) ? IG_NEED_OUTPUT : IG_OK;
}
