/*
 * fz_session.c - see fz_session.h. The oracles read two independent records of what
 * happened: the session's own trace (command, tag, state before and after, status)
 * and the bytes it wrote, re-split into response lines here (honouring {n} literals).
 */
#include "fz_session.h"
#include "fz_response.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libFuzzer reads this section as extra coverage counters (one byte each). */
#if defined(__linux__) && defined(__clang__)
__attribute__((used, section("__libfuzzer_extra_counters")))
#endif
static unsigned char extra_counters[IG_STATE__COUNT * IG_CMD__COUNT * FZ_OUT__COUNT];

unsigned char fz_state_pairs[IG_STATE__COUNT * IG_CMD__COUNT * FZ_OUT__COUNT];

void fz_state_pair(enum ig_state st, enum ig_cmd cmd, int outcome)
{
    size_t i = ((size_t)st * IG_CMD__COUNT + (size_t)cmd) * FZ_OUT__COUNT + (size_t)outcome;
    if (i < sizeof(extra_counters)) {
        if (extra_counters[i] < 255)
            extra_counters[i]++;
        fz_state_pairs[i] = 1;
    }
}

#define MAX_EVENTS 4096

static int strncasecmp_ascii(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int x = (unsigned char)a[i], y = (unsigned char)b[i];
        x = x >= 'a' && x <= 'z' ? x - 32 : x;
        y = y >= 'a' && y <= 'z' ? y - 32 : y;
        if (x != y)
            return x - y;
    }
    return 0;
}

struct event {
    char tag[IG_DEFAULT_MAX_TAG + 1];
    size_t taglen;
    enum ig_cmd cmd;
    enum ig_state before, after;
    int status;
};

/* ---- a backend that counts the calls of the real one ---- */

struct counted {
    const struct ig_backend *bk;
    void *ctx;
    uint64_t calls;
};

static int c_login(void *ctx, struct ig_span z, struct ig_span u, struct ig_span pw)
{
    struct counted *c = ctx;
    c->calls++;
    return c->bk->login(c->ctx, z, u, pw);
}

static enum ig_sasl_result c_sasl(void *ctx, struct ig_sasl_step *step)
{
    struct counted *c = ctx;
    c->calls++;
    return c->bk->sasl(c->ctx, step);
}

static enum ig_bk_status c_select(void *ctx, const struct ig_command *cmd, int read_only,
                                  struct ig_mailbox_info *info, struct ig_bk_reply *reply)
{
    struct counted *c = ctx;
    c->calls++;
    return c->bk->select(c->ctx, cmd, read_only, info, reply);
}

static void c_unselect(void *ctx, int expunge)
{
    struct counted *c = ctx;
    c->calls++;
    c->bk->unselect(c->ctx, expunge);
}

static enum ig_bk_status c_command(void *ctx, const struct ig_command *cmd, struct ig_writer *w,
                                   uint64_t *cursor, struct ig_bk_reply *reply)
{
    struct counted *c = ctx;
    c->calls++;
    return c->bk->command(c->ctx, cmd, w, cursor, reply);
}

static enum ig_bk_status c_append_begin(void *ctx, const struct ig_str *mailbox,
                                        const struct ig_append_msg *msg, struct ig_bk_reply *reply)
{
    struct counted *c = ctx;
    c->calls++;
    return c->bk->append_begin(c->ctx, mailbox, msg, reply);
}

static void c_append_data(void *ctx, struct ig_span data)
{
    struct counted *c = ctx;
    c->calls++;
    c->bk->append_data(c->ctx, data);
}

static enum ig_bk_status c_append_end(void *ctx, int ok, struct ig_bk_reply *reply)
{
    struct counted *c = ctx;
    c->calls++;
    return c->bk->append_end(c->ctx, ok, reply);
}

static enum ig_bk_status c_poll(void *ctx, struct ig_writer *w, uint64_t *cursor)
{
    struct counted *c = ctx;
    c->calls++;
    return c->bk->poll(c->ctx, w, cursor);
}

static void c_enabled(void *ctx, uint32_t exts)
{
    struct counted *c = ctx;
    c->calls++;
    c->bk->enabled(c->ctx, exts);
}

/* The same backend with every call counted; a NULL entry stays NULL (the session
 * behaves differently without it). */
static void counting_backend(const struct ig_backend *real, struct ig_backend *out)
{
    *out = *real;
    out->login = real->login ? c_login : NULL;
    out->sasl = real->sasl ? c_sasl : NULL;
    out->select = real->select ? c_select : NULL;
    out->unselect = real->unselect ? c_unselect : NULL;
    out->command = real->command ? c_command : NULL;
    out->append_begin = real->append_begin ? c_append_begin : NULL;
    out->append_data = real->append_data ? c_append_data : NULL;
    out->append_end = real->append_end ? c_append_end : NULL;
    out->poll = real->poll ? c_poll : NULL;
    out->enabled = real->enabled ? c_enabled : NULL;
}

/* ---- the trace ---- */

struct recorder {
    struct event ev[MAX_EVENTS];
    size_t n;
    int overflow;
    int starttls_pending; /* STARTTLS accepted, handshake not done: nothing may run */
    const struct counted *backend;
    uint64_t calls_seen;  /* backend calls up to the previous command's end */
    /* The client bytes, to check where each command's line starts (t->offset): in[]
     * up to the STARTTLS handshake, then after_tls[] from parser offset tls_base. */
    const uint8_t *in, *after_tls;
    size_t len, after_tls_len;
    int tls;
    uint64_t tls_base;
    int check_lines;      /* 0 once the oracle feeds bytes of its own (liveness) */
};

/* Issue 9 item 2: the line a command came on starts where the client bytes say a line
 * starts (the parser is strict here: the session sets no IG_OPT_LENIENT_LF): at the
 * start of the stream (or of the TLS stream), or right after a CRLF, never after a
 * bare LF, which a peer framing by CRLF would not take as a line end. A command's tag
 * is written at that offset, except for AUTHENTICATE and IDLE ended by a later line
 * (a SASL response, DONE). Read from the input bytes, not from the parser. */
static void check_line_start(const struct recorder *r, const struct ig_trace *t)
{
    const uint8_t *d = r->in;
    size_t n = r->len;
    uint64_t off = t->offset;
    if (r->tls) {
        FZ_CHECK(off >= r->tls_base, "a command after STARTTLS on a line from before it");
        d = r->after_tls;
        n = r->after_tls_len;
        off -= r->tls_base;
    }
    FZ_CHECK(off < n, "a command on a line beyond the input");
    FZ_CHECK(off == 0 || (off >= 2 && d[off - 2] == '\r' && d[off - 1] == '\n'),
             "a command runs from a line that no CRLF started (a bare LF ended a line)");
    if (t->tag.len > 0 && t->cmd != IG_CMD_AUTHENTICATE && t->cmd != IG_CMD_IDLE)
        FZ_CHECK(t->tag.len <= n - off && memcmp(d + off, t->tag.ptr, t->tag.len) == 0,
                 "a command's tag is not where its line starts");
}

/* Issue 9 item 4: the capability a command of an extension needs, from each RFC's
 * own "the server advertises X" rule (written here again, not read from the
 * session). NULL for the base protocol and what the session does itself. */
static const char *extension_of(enum ig_cmd cmd)
{
    switch (cmd) {
    case IG_CMD_GETQUOTA: case IG_CMD_GETQUOTAROOT: case IG_CMD_SETQUOTA:
        return "QUOTA"; /* RFC 9208 */
    case IG_CMD_SETACL: case IG_CMD_DELETEACL: case IG_CMD_GETACL: case IG_CMD_LISTRIGHTS:
    case IG_CMD_MYRIGHTS:
        return "ACL"; /* RFC 4314 */
    case IG_CMD_GETMETADATA: case IG_CMD_SETMETADATA:
        return "METADATA"; /* RFC 5464 (or METADATA-SERVER) */
    case IG_CMD_SORT: case IG_CMD_UID_SORT:
        return "SORT"; /* RFC 5256 */
    case IG_CMD_THREAD: case IG_CMD_UID_THREAD:
        return "THREAD="; /* RFC 5256: THREAD=<algorithm> */
    case IG_CMD_ESEARCH:
        return "MULTISEARCH"; /* RFC 7377 */
    default:
        return NULL;
    }
}

/* Whether a capability list holds cap as a word (a prefix ending in "=" matches any
 * THREAD=... word; METADATA also as METADATA-SERVER). */
static int caps_have(const char *list, const char *cap)
{
    size_t n = strlen(cap);
    for (const char *p = list; p && *p;) {
        while (*p == ' ')
            p++;
        size_t w = strcspn(p, " ");
        if (w >= n && strncasecmp_ascii(p, cap, n) == 0 &&
            (w == n || cap[n - 1] == '=' || (w == n + 7 && strncasecmp_ascii(p + n, "-SERVER", 7) == 0)))
            return 1;
        p += w;
    }
    return 0;
}

static void on_trace(void *ctx, const struct ig_trace *t)
{
    struct recorder *r = ctx;
    if (t->is_action)
        return;
    FZ_CHECK(!r->starttls_pending, "a command ran between STARTTLS and the handshake");
    /* RFC 9051 §6.2.1: after the tagged OK of STARTTLS the client starts the handshake
     * and the server reads nothing more until it is done (CVE-2011-0411: bytes
     * pipelined behind STARTTLS must not run). Set from this response itself, not
     * from ig_session_action(): a command behind STARTTLS in the same feed runs
     * before the driver can ask for the action, so waiting for the action missed it
     * (mutant session-starttls-keeps-reading). */
    if (t->cmd == IG_CMD_STARTTLS && t->status == IG_BK_OK)
        r->starttls_pending = 1;
    /* Issue 4: a command refused in its state (or unknown) has no side effect. */
    if (!(ig_cmd_rule(t->cmd)->valid & (1u << t->before)))
        FZ_CHECK(r->backend->calls == r->calls_seen,
                 "the backend was called for a command not valid in its state");
    /* Issue 9 item 4: a command of an extension the backend does not advertise is an
     * unknown command to this server (RFC 9051 §2.2.2): BAD, and no backend call. */
    const char *ext = extension_of(t->cmd);
    if (ext && !caps_have(r->backend->bk->capabilities, ext)) {
        FZ_CHECK(r->backend->calls == r->calls_seen,
                 "the backend was called for a command of an extension it does not offer");
        FZ_CHECK(t->status == IG_BK_BAD, "a command of an extension not offered was not BAD");
    }
    r->calls_seen = r->backend->calls;
    if (r->check_lines)
        check_line_start(r, t);
    if (r->n >= MAX_EVENTS) {
        r->overflow = 1;
        return;
    }
    struct event *e = &r->ev[r->n++];
    e->taglen = t->tag.len < IG_DEFAULT_MAX_TAG ? t->tag.len : IG_DEFAULT_MAX_TAG;
    memcpy(e->tag, t->tag.ptr ? (const char *)t->tag.ptr : "", e->taglen);
    e->cmd = t->cmd;
    e->before = t->before;
    e->after = t->after;
    e->status = t->status;
    if (t->status >= 0 && t->status <= IG_BK_BAD)
        fz_state_pair(t->before, t->cmd, t->status);
}

/* ---- the STATE oracle's own table (issue 10 item 4) ----
 * The "valid in" lists of RFC 9051 §6 and of each extension's RFC, written out here
 * once more from the RFC texts and never read from session/session_table.c, so that a
 * flipped cell of that table is seen: a command run in a state this table calls
 * invalid, or refused as "not valid in this state" where it is valid, is a finding. */
#define RFC_N (1u << IG_STATE_NOT_AUTH)
#define RFC_A (1u << IG_STATE_AUTH)
#define RFC_S (1u << IG_STATE_SELECTED)
static unsigned rfc_valid_in(enum ig_cmd c)
{
    switch (c) {
    /* §6.1 and RFC 2971 §3.1: any state */
    case IG_CMD_CAPABILITY: case IG_CMD_NOOP: case IG_CMD_LOGOUT: case IG_CMD_ID:
        return RFC_N | RFC_A | RFC_S;
    /* §6.2: not authenticated only */
    case IG_CMD_STARTTLS: case IG_CMD_AUTHENTICATE: case IG_CMD_LOGIN:
        return RFC_N;
    /* RFC 5161 §3.1: ENABLE is only valid in the authenticated state */
    case IG_CMD_ENABLE:
        return RFC_A;
    /* §6.3 (valid in Selected as well, §6.4), RFC 2177 IDLE, RFC 2342 NAMESPACE,
     * RFC 4978 COMPRESS (command-auth), RFC 9208 quota, RFC 4314 ACL, RFC 5464
     * metadata, RFC 7377 ESEARCH: authenticated or selected */
    case IG_CMD_SELECT: case IG_CMD_EXAMINE: case IG_CMD_CREATE: case IG_CMD_DELETE:
    case IG_CMD_RENAME: case IG_CMD_SUBSCRIBE: case IG_CMD_UNSUBSCRIBE: case IG_CMD_LIST:
    case IG_CMD_LSUB: case IG_CMD_NAMESPACE: case IG_CMD_STATUS: case IG_CMD_APPEND:
    case IG_CMD_IDLE: case IG_CMD_COMPRESS: case IG_CMD_GETQUOTA: case IG_CMD_GETQUOTAROOT:
    case IG_CMD_SETQUOTA: case IG_CMD_SETACL: case IG_CMD_DELETEACL: case IG_CMD_GETACL:
    case IG_CMD_LISTRIGHTS: case IG_CMD_MYRIGHTS: case IG_CMD_GETMETADATA:
    case IG_CMD_SETMETADATA: case IG_CMD_ESEARCH:
        return RFC_A | RFC_S;
    /* §6.4, RFC 3691 UNSELECT, RFC 6851 MOVE, RFC 4315 UID EXPUNGE, RFC 5256 SORT and
     * THREAD (command-select): selected only */
    case IG_CMD_CHECK: case IG_CMD_CLOSE: case IG_CMD_UNSELECT: case IG_CMD_EXPUNGE:
    case IG_CMD_SEARCH: case IG_CMD_FETCH: case IG_CMD_STORE: case IG_CMD_COPY:
    case IG_CMD_MOVE: case IG_CMD_UID_FETCH: case IG_CMD_UID_STORE: case IG_CMD_UID_COPY:
    case IG_CMD_UID_MOVE: case IG_CMD_UID_SEARCH: case IG_CMD_UID_EXPUNGE: case IG_CMD_SORT:
    case IG_CMD_UID_SORT: case IG_CMD_THREAD: case IG_CMD_UID_THREAD:
        return RFC_S;
    default: /* unknown commands, DONE and SASL lines: not judged here */
        return 0;
    }
}

/* The verdict of one command against the RFC table: its tagged status and the text of
 * its response line. */
static void check_rfc_state(const struct event *e, int st, const char *text, size_t len)
{
    unsigned v = rfc_valid_in(e->cmd);
    if (v == 0 || e->before == IG_STATE_LOGOUT)
        return;
    static const char refusal[] = "command not valid in this state";
    int refused = st == IG_BK_BAD && len >= sizeof(refusal) - 1 &&
                  memcmp(text + len - (sizeof(refusal) - 1), refusal, sizeof(refusal) - 1) == 0;
    if (!(v & (1u << e->before)))
        FZ_CHECK(st == IG_BK_BAD, "RFC state table: a command ran in a state it is not valid in");
    else
        FZ_CHECK(!refused, "RFC state table: a command refused in a state it is valid in");
}

struct out {
    uint8_t *p;
    size_t len, cap;
};

static void out_add(struct out *o, const uint8_t *s, size_t n)
{
    if (o->len + n > o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 4096;
        while (cap < o->len + n)
            cap *= 2;
        o->p = realloc(o->p, cap);
        FZ_CHECK(o->p != NULL, "out of memory");
        o->cap = cap;
    }
    memcpy(o->p + o->len, s, n);
    o->len += n;
}

static void drain(struct ig_session *s, struct out *o)
{
    for (int guard = 0; guard < 1000000; guard++) {
        struct ig_span sp = ig_session_output(s);
        if (sp.len == 0)
            return;
        out_add(o, sp.ptr, sp.len);
        ig_session_sent(s, sp.len);
    }
    FZ_CHECK(0, "output never drains");
}

/* Response lines of the output, literals skipped; checks the framing on the way. */
struct line {
    size_t start, end; /* [start, end) without CRLF; literal octets excluded */
};

static size_t split_lines(const struct out *o, struct line *lines, size_t max)
{
    size_t n = 0, i = 0;
    while (i < o->len) {
        size_t start = i;
        for (;;) {
            const uint8_t *lf = memchr(o->p + i, '\n', o->len - i);
            FZ_CHECK(lf != NULL, "output ends inside a line");
            size_t e = (size_t)(lf - o->p);
            FZ_CHECK(e > i && o->p[e - 1] == '\r', "output line not ended by CRLF");
            /* RFC 9051 §4.3, §9: NUL is no TEXT-CHAR and no CHAR8; only literal8 carries it. */
            FZ_CHECK(memchr(o->p + i, 0, e - i) == NULL, "NUL in a response line");
            i = e + 1;
            /* A literal header "{n}" just before CRLF: skip its octets. */
            size_t k = e - 1;
            if (k > start && o->p[k - 1] == '}') {
                size_t d = k - 1;
                uint64_t v = 0, mul = 1;
                while (d > start && o->p[d - 1] >= '0' && o->p[d - 1] <= '9') {
                    v += (uint64_t)(o->p[d - 1] - '0') * mul;
                    mul *= 10;
                    d--;
                }
                if (d > start && o->p[d - 1] == '{' && d < k - 1) {
                    FZ_CHECK(v <= o->len - i, "literal in the output runs past its end");
                    int lit8 = d - 1 > start && o->p[d - 2] == '~';
                    FZ_CHECK(lit8 || memchr(o->p + i, 0, (size_t)v) == NULL,
                             "NUL inside a {n} literal (only ~{n} may carry one)");
                    i += (size_t)v;
                    continue;
                }
            }
            break;
        }
        if (n < max) {
            lines[n].start = start;
            lines[n].end = i - 2;
            n++;
        }
    }
    return n;
}

static int line_is(const struct out *o, const struct line *l, const char *prefix)
{
    size_t n = strlen(prefix);
    return l->end - l->start >= n && memcmp(o->p + l->start, prefix, n) == 0;
}

/* Issue 9 item 4: the mailbox name of a "* LIST (attrs) delim name" line for a
 * mailbox that exists (no \Noselect or \NonExistent: those may name a reference root
 * such as "Lists/") has no empty, "." or ".." level, the stuff of paths that leave the
 * store. Names written as atoms or quoted strings are looked at; literals are not. */
static void check_list_name(const uint8_t *s, size_t len)
{
    static const char pre[] = "* LIST (";
    if (len < sizeof(pre) - 1 || memcmp(s, pre, sizeof(pre) - 1) != 0)
        return;
    const uint8_t *close = memchr(s, ')', len);
    if (close == NULL)
        return;
    size_t alen = (size_t)(close - s);
    for (size_t i = 0; i + 9 <= alen; i++)
        if (strncasecmp_ascii((const char *)s + i, "\\Noselect", 9) == 0 ||
            (i + 12 <= alen && strncasecmp_ascii((const char *)s + i, "\\NonExistent", 12) == 0))
            return;
    size_t i = alen + 1;
    if (i + 1 >= len || s[i] != ' ')
        return;
    i++;
    uint8_t delim = 0;
    if (i + 3 <= len && s[i] == '"' && s[i + 2] == '"' && s[i + 1] != '\\') {
        delim = s[i + 1];
        i += 3;
    } else if (i + 5 <= len && s[i + 1] == '\\' && s[i] == '"' && s[i + 3] == '"') {
        delim = s[i + 2];
        i += 4;
    } else {
        return; /* NIL: a flat name has no levels */
    }
    if (i >= len || s[i] != ' ')
        return;
    i++;
    uint8_t name[1100];
    size_t n = 0;
    if (s[i] == '"') {
        for (i++; i < len && s[i] != '"' && n < sizeof(name); i++) {
            if (s[i] == '\\' && i + 1 < len)
                i++;
            name[n++] = s[i];
        }
    } else if (s[i] == '{') {
        return;
    } else {
        while (i < len && s[i] != ' ' && n < sizeof(name))
            name[n++] = s[i++];
    }
    size_t start = 0;
    for (size_t k = 0; k <= n; k++) {
        if (k < n && name[k] != delim)
            continue;
        size_t l = k - start;
        FZ_CHECK(l > 0, "LIST shows a mailbox with an empty hierarchy level");
        FZ_CHECK(!(l == 1 && name[start] == '.') && !(l == 2 && name[start] == '.' && name[start + 1] == '.'),
                 "LIST shows a mailbox with a \".\" or \"..\" hierarchy level");
        start = k + 1;
    }
}

/* RFC 9051 §9 flag-extension: servers "MUST NOT generate flag-extension flags" beyond
 * the standard ones, so a FLAGS list in a FETCH response holds no system flag other
 * than \Answered \Flagged \Deleted \Seen \Draft and (rev1) \Recent. Only the part of
 * the line before the first literal is looked at (a body may contain any text). */
static void check_fetch_flags(const uint8_t *s, size_t len)
{
    static const char *const known[] = {"\\Answered", "\\Flagged", "\\Deleted", "\\Seen",
                                        "\\Draft", "\\Recent"};
    if (len < 4 || s[0] != '*' || s[1] != ' ')
        return;
    const uint8_t *lit = memchr(s, '{', len);
    size_t end = lit ? (size_t)(lit - s) : len;
    for (size_t i = 2; i + 7 <= end; i++) {
        if (memcmp(s + i, "FLAGS (", 7) != 0 || (s[i - 1] != ' ' && s[i - 1] != '('))
            continue;
        for (size_t k = i + 7; k < end && s[k] != ')'; k++) {
            if (s[k] != '\\' || (s[k - 1] != '(' && s[k - 1] != ' '))
                continue;
            size_t w = k;
            while (w < end && s[w] != ' ' && s[w] != ')')
                w++;
            int ok = 0;
            for (size_t f = 0; f < sizeof(known) / sizeof(known[0]); f++)
                ok |= w - k == strlen(known[f]) && strncasecmp_ascii((const char *)s + k, known[f], w - k) == 0;
            FZ_CHECK(ok, "a FETCH FLAGS list holds a system flag no RFC defines");
        }
    }
}

static void check_transcript(const struct recorder *rec, const struct out *o, uint32_t max_bad)
{
    static struct line lines[65536];
    size_t nl = split_lines(o, lines, sizeof(lines) / sizeof(lines[0]));
    size_t ev = 0;
    int offered = 0; /* "+ ready for literal data" since the last completion */
    uint32_t bad_before_login = 0;
    if (rec->overflow || nl >= sizeof(lines) / sizeof(lines[0]))
        return; /* too long to pair up; the framing was still checked */
    for (size_t i = 0; i < nl; i++)
        if (line_is(o, &lines[i], "* BYE too many invalid commands")) {
            uint32_t bads = 0;
            for (size_t k = 0; k < rec->n; k++)
                bads += rec->ev[k].before == IG_STATE_NOT_AUTH && rec->ev[k].status == IG_BK_BAD;
            FZ_CHECK(bads == max_bad, "the bad-command BYE came before the limit was reached");
        }
    for (size_t i = 0; i < nl; i++) {
        const uint8_t *s = o->p + lines[i].start;
        size_t len = lines[i].end - lines[i].start;
        if (len >= 2 && s[0] == '+' && s[1] == ' ') {
            /* continuation request: for a literal, or SASL and IDLE */
            offered |= line_is(o, &lines[i], "+ ready for literal data");
            continue;
        }
        check_list_name(s, len);
        check_fetch_flags(s, len);
        int untagged = len >= 2 && s[0] == '*' && s[1] == ' ';
        /* A status response that ends a command: tagged, or "* BAD" for a line
         * without a tag. */
        const uint8_t *sp = memchr(s, ' ', len);
        if (sp == NULL)
            continue;
        size_t taglen = (size_t)(sp - s);
        const char *rest = (const char *)sp + 1;
        size_t restlen = len - taglen - 1;
        int st = restlen >= 3 && memcmp(rest, "OK ", 3) == 0 ? IG_BK_OK
               : restlen >= 3 && memcmp(rest, "NO ", 3) == 0 ? IG_BK_NO
               : restlen >= 4 && memcmp(rest, "BAD ", 4) == 0 ? IG_BK_BAD : -1;
        if (untagged && st != IG_BK_BAD)
            continue; /* untagged OK/NO are data, only an untagged BAD ends a line */
        if (st < 0)
            continue;
        FZ_CHECK(ev < rec->n, "a tagged response without a command");
        const struct event *e = &rec->ev[ev++];
        if (untagged)
            FZ_CHECK(e->taglen == 0, "an untagged BAD answers a tagged command");
        else
            FZ_CHECK(e->taglen == taglen && memcmp(e->tag, s, taglen) == 0,
                     "a tagged response carries another command's tag");
        FZ_CHECK(e->status == st, "the response status differs from the trace");
        check_rfc_state(e, st, rest, restlen);
        /* The state moved only as the table allows. */
        const struct ig_cmd_rule *rule = ig_cmd_rule(e->cmd);
        enum ig_state want = e->before;
        if (rule->valid & (1u << e->before)) {
            uint8_t next = st == IG_BK_OK ? rule->next_ok[e->before] : rule->next_fail[e->before];
            if (next != IG_NEXT_SAME)
                want = (enum ig_state)next;
        } else {
            FZ_CHECK(st == IG_BK_BAD || e->cmd == IG_CMD_OTHER,
                     "a command not valid in its state was not refused with BAD");
            /* Issue 4: no "+" for a literal the server refuses anyway (the client
             * would send octets that are thrown away, or parsed as commands). */
            FZ_CHECK(!offered, "a literal continuation for a command refused in its state");
        }
        if (e->cmd == IG_CMD_OTHER)
            FZ_CHECK(!offered, "a literal continuation for an unknown command");
        offered = 0;
        FZ_CHECK(e->after == want, "a state change the command x state table does not allow");
        /* Issue 4: the BYE comes right after the BAD that reaches the limit, and
         * nothing runs after it. */
        if (e->before == IG_STATE_NOT_AUTH && st == IG_BK_BAD && ++bad_before_login == max_bad) {
            FZ_CHECK(i + 1 < nl && line_is(o, &lines[i + 1], "* BYE too many invalid commands"),
                     "no BYE right after the BAD that reached the bad-command limit");
            FZ_CHECK(ev == rec->n, "a command ran after the bad-command limit");
        }
        if (e->cmd == IG_CMD_LOGOUT && st == IG_BK_OK)
            FZ_CHECK(i > 0 && line_is(o, &lines[i - 1], "* BYE "),
                     "LOGOUT: the tagged OK is not right after the untagged BYE");
    }
    FZ_CHECK(ev == rec->n, "a command without its tagged response");
}

/* Issue 11: the session's whole output, read back by the response reader, is
 * well-formed by the response grammar (RFC 9051 §7, §9), literal by literal, and each
 * response survives the reader's round trip (fz_response.h). The limits are wide: this
 * checks the grammar, not the reader's defaults. */
static void check_responses(const struct out *o)
{
    struct ig_response_limits lim;
    ig_response_limits_default(&lim);
    lim.max_line = 1u << 22;
    lim.max_inline_bytes = 1u << 20;
    lim.max_literals = 1u << 16;
    lim.max_items = 1u << 20;
    lim.arena = 1u << 24;
    struct fzr_result res = fzr_run(&lim, o->p, o->len, NULL, 0, NULL, NULL, NULL);
    FZ_CHECK(res.errors == 0, "the session wrote a response the response grammar refuses");
    FZ_CHECK(res.idle, "the session's output ends inside a response");
}

/* Feeds bytes whole, sending output whenever the session pauses for it. */
static void feed_all(struct ig_session *s, struct out *o, const char *bytes)
{
    size_t len = strlen(bytes), pos = 0;
    for (int spins = 0; spins < 1000000 && ig_session_action(s) == IG_ACT_NONE; spins++) {
        size_t used = 0;
        enum ig_status st = ig_session_feed(s, bytes + pos, len - pos, &used);
        FZ_CHECK(st == IG_OK || st == IG_NEED_OUTPUT, "session feed failed");
        pos += used;
        drain(s, o);
        if (st == IG_OK && pos == len)
            return;
    }
}

/* Liveness: a stream that ended between lines leaves a session that still answers.
 * An AUTHENTICATE exchange is cancelled and an IDLE ended first; then a NOOP must get
 * its tagged response, unless the session closed on the way (the cancel was the
 * last BAD allowed before login). */
static void check_liveness(struct ig_session *s, struct out *o, struct recorder *rec)
{
    if (s->_p._expect == IG_EXPECT_SASL)
        feed_all(s, o, "*\r\n");
    else if (s->_p._expect == IG_EXPECT_DONE)
        feed_all(s, o, "DONE\r\n");
    if (ig_session_action(s) != IG_ACT_NONE || rec->overflow)
        return;
    size_t n = rec->n;
    feed_all(s, o, "zz9 NOOP\r\n");
    if (rec->overflow)
        return;
    FZ_CHECK(rec->n == n + 1 && rec->ev[n].cmd == IG_CMD_NOOP && rec->ev[n].taglen == 3 &&
                 memcmp(rec->ev[n].tag, "zz9", 3) == 0,
             "the session does not answer a NOOP after the stream ended between lines");
}

void fz_session_run(struct fz_session_run *r)
{
    static struct recorder rec;
    struct ig_session s;
    struct out o = {0};
    size_t ms = ig_session_memsize(&r->cfg);
    void *mem = fz_block(FZ_BLOCK_SESSION, ms);
    struct ig_backend bk;
    struct counted counted = {r->backend, r->ctx, 0};

    /* Only the header: ev[] is written before it is read (ev[0..n)), and clearing its
     * 400 KB for every input was 7% of the target's time. */
    rec.n = 0;
    rec.overflow = 0;
    rec.starttls_pending = 0;
    rec.calls_seen = 0;
    rec.in = r->in;
    rec.len = r->len;
    rec.after_tls = r->after_tls;
    rec.after_tls_len = r->after_tls_len;
    rec.tls = 0;
    rec.tls_base = 0;
    rec.check_lines = 1;
    counting_backend(r->backend, &bk);
    rec.backend = &counted;
    FZ_CHECK(ig_session_init(&s, &r->cfg, &bk, &counted, mem, ms) == IG_OK, "session init");
    ig_session_set_trace(&s, on_trace, &rec);
    drain(&s, &o);

    const uint8_t *in = r->in;
    size_t len = r->len, pos = 0, ci = 0;
    int tls_done = 0;
    size_t closed_at = (size_t)-1;
    for (int spins = 0; spins < 1000000; spins++) {
        enum ig_action a = ig_session_action(&s);
        if (a == IG_ACT_CLOSE) {
            closed_at = o.len;
            break;
        }
        if (a == IG_ACT_STARTTLS) {
            rec.starttls_pending = 1;
            size_t used;
            if (pos < len) {
                FZ_CHECK(ig_session_feed(&s, in + pos, len - pos, &used) == IG_OK,
                         "plaintext after STARTTLS was not simply discarded");
                FZ_CHECK(ig_session_output(&s).len == 0, "output for plaintext after STARTTLS");
            }
            rec.starttls_pending = 0;
            ig_session_tls_started(&s);
            rec.tls = 1;
            rec.tls_base = ig_parser_offset(&s._p);
            if (tls_done)
                break;
            tls_done = 1;
            in = r->after_tls;
            len = r->after_tls_len;
            pos = 0;
            continue;
        }
        if (pos >= len) {
            /* A command paused for output room resumes on a feed, even an empty one. */
            size_t used0 = 0;
            if (ig_session_feed(&s, in + len, 0, &used0) != IG_NEED_OUTPUT) {
                drain(&s, &o);
                break;
            }
            drain(&s, &o);
            continue;
        }
        size_t n = len - pos;
        if (r->nchunks) {
            size_t c = r->chunks[ci++ % r->nchunks];
            if (c && n > c)
                n = c;
        }
        size_t used = 0;
        enum ig_status st = ig_session_feed(&s, in + pos, n, &used);
        FZ_CHECK(st == IG_OK || st == IG_NEED_OUTPUT, "session feed failed");
        FZ_CHECK(used <= n, "session consumed more than it was given");
        FZ_CHECK(st == IG_NEED_OUTPUT || used == n, "IG_OK with bytes left");
        pos += used;
        drain(&s, &o);
        FZ_CHECK(o.len < (64u << 20), "unbounded output");
    }
    drain(&s, &o);
    rec.check_lines = 0; /* the liveness bytes are not in the input */
    if (closed_at == (size_t)-1 && ig_session_action(&s) == IG_ACT_NONE && ig_parser_idle(&s._p))
        check_liveness(&s, &o, &rec);
    if (closed_at != (size_t)-1 || ig_session_action(&s) == IG_ACT_CLOSE) {
        /* Nothing follows a close, whatever the client still sends. */
        size_t used;
        static const uint8_t more[] = "z NOOP\r\nz LOGOUT\r\n";
        ig_session_feed(&s, more, sizeof(more) - 1, &used);
        FZ_CHECK(ig_session_output(&s).len == 0, "output after the session closed");
        r->closed = 1;
    }
    check_transcript(&rec, &o, r->cfg.max_bad_commands);
    check_responses(&o);
    r->responses = rec.n;
    r->commands = rec.n;
    free(o.p);
}
