/*
 * fuzz_differential.c - imapguard against a second, independent implementation:
 * Dovecot's IMAP tokenizer (libdovecot, driven like imapd / imap-login in
 * differential/dovecot.c). Both read the same client stream; every literal is
 * accepted (a server that sends "+"). Properties, each a finding unless it is one of the
 * named classes of differential/known-differences.md:
 *   FRAMING  both cut the stream into the same lines at the same offsets, literals
 *            included, and end in the same state (between lines or inside one);
 *   VERDICT  a line Dovecot's tokenizer refuses, imapguard refuses too;
 *   VALUES   for a command both accept, Dovecot's argument tree of the original bytes
 *            equals Dovecot's tree of imapguard's canonical form of its parsed command
 *            (strings compared decoded, atoms case-insensitively, numbers as numbers).
 * Why the value oracle goes through Dovecot twice: the judge of "same arguments" is
 * Dovecot's tokenizer on both sides, never our own lexer; what it checks is
 * emit(parse(x)), so a value imapguard reads wrongly (a number wrapped, a string cut,
 * an escape lost, an item dropped) shows as a different tree. Its blind spot: a value
 * that imapguard keeps as text and writes back unchanged (a sequence set is kept as
 * its text) is not re-read by it; for sequence sets the harness adds a projection of
 * the typed struct (ig_seqset_next numbers against the numbers in Dovecot's atom).
 * Byte 0: bit 0 imapguard's lenient LF option, bit 1 UTF-8, bit 2 start after login
 * (Dovecot's imapd; else imap-login until a LOGIN or AUTHENTICATE, then imapd).
 */
#include "imapguard.h"

#include "differential/dovecot.h"
#include "fz_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* ---- imapguard's side: the same events ---- */
struct ig_ev {
    uint8_t kind;          /* enum dv_kind */
    uint8_t ok;            /* IG_OK */
    uint8_t incomplete;    /* the stream ended inside this line */
    uint8_t has_set;       /* set: the command's first sequence set (projection) */
    int status;
    enum ig_cmd cmd;
    uint64_t start, end;   /* end: for ok lines only */
    uint32_t continuations; /* synchronizing literals accepted (a "+" sent) */
    const char *reason;
    unsigned char *canon;  /* the canonical form (ok commands) */
    size_t canon_len;
    unsigned char tag[72];
    size_t tag_len;
    struct ig_range set[16];
    uint32_t nset;         /* elements of the set (at most 16 kept) */
    uint8_t set_saved;
    uint8_t login;         /* read before login (as the session's not-authenticated
                              state would): the server model's state for this line */
};

struct ig_events {
    struct ig_ev *v;
    size_t n, cap;
};

static struct ig_ev *ig_ev_new(struct ig_events *e)
{
    if (e->n == e->cap) {
        e->cap = e->cap ? e->cap * 2 : 16;
        e->v = realloc(e->v, e->cap * sizeof(*e->v));
        FZ_CHECK(e->v != NULL, "out of memory");
    }
    struct ig_ev *ev = &e->v[e->n++];
    memset(ev, 0, sizeof(*ev));
    return ev;
}

static void ig_events_free(struct ig_events *e)
{
    for (size_t i = 0; i < e->n; i++)
        free(e->v[i].canon);
    free(e->v);
}

/* The typed command's first sequence set, for the number projection. */
static const struct ig_seqset *first_set(const struct ig_command *c)
{
    if (!c->typed)
        return NULL;
    switch (c->cmd) {
    case IG_CMD_FETCH: case IG_CMD_UID_FETCH: return &c->u.fetch.set;
    case IG_CMD_STORE: case IG_CMD_UID_STORE: return &c->u.store.set;
    case IG_CMD_COPY: case IG_CMD_UID_COPY: case IG_CMD_MOVE: case IG_CMD_UID_MOVE:
        return &c->u.copy.set;
    case IG_CMD_UID_EXPUNGE: return &c->u.uid_expunge;
    default: return NULL;
    }
}

struct msgbuf {
    unsigned char *buf;
    size_t len, cap;
    size_t start[64];
    uint32_t n;
};

static void msg_add(struct msgbuf *m, const unsigned char *s, size_t n)
{
    if (m->len + n > m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 1024;
        while (cap < m->len + n)
            cap *= 2;
        m->buf = realloc(m->buf, cap);
        FZ_CHECK(m->buf != NULL, "out of memory");
        m->cap = cap;
    }
    memcpy(m->buf + m->len, s, n);
    m->len += n;
}

static void canonical(struct ig_ev *ev, const struct ig_command *c, uint32_t options,
                      const struct msgbuf *m)
{
    struct ig_command copy = *c;
    struct ig_append_msg msgs[64];
    if (c->cmd == IG_CMD_APPEND && c->typed) {
        if (c->u.append.n != m->n || m->n > 64)
            return;
        for (uint32_t i = 0; i < m->n; i++) {
            msgs[i] = c->u.append.msgs[i];
            size_t end = i + 1 < m->n ? m->start[i + 1] : m->len;
            msgs[i].data.ptr = m->buf ? m->buf + m->start[i] : (const unsigned char *)"";
            msgs[i].data.len = end - m->start[i];
        }
        copy.u.append.msgs = msgs;
    }
    size_t n = ig_command_emit(&copy, options, NULL, 0);
    FZ_CHECK(n != (size_t)-1, "an accepted command cannot be serialized");
    ev->canon = malloc(n ? n : 1);
    FZ_CHECK(ev->canon != NULL, "out of memory");
    FZ_CHECK(ig_command_emit(&copy, options, ev->canon, n) == n, "emit length changed");
    ev->canon_len = n;
}

static void ig_side(const uint8_t *data, size_t size, uint32_t options, int login,
                    struct ig_events *out)
{
    struct ig_limits lim;
    ig_limits_default(&lim);
    size_t ms = ig_parser_memsize(&lim);
    void *mem = fz_block(FZ_BLOCK_RUN, ms);
    struct ig_parser p;
    FZ_CHECK(ig_parser_init(&p, &lim, mem, ms) == IG_OK, "parser init");
    ig_parser_set_options(&p, options);
    struct msgbuf m = {0};
    uint32_t conts = 0;
    uint8_t kind = DV_COMMAND, next = DV_COMMAND;
    size_t pos = 0;
    while (pos < size) {
        size_t used = 0;
        enum ig_status st = ig_parser_feed(&p, data + pos, size - pos, &used);
        pos += used;
        if (st == IG_NEED_MORE)
            break;
        if (st == IG_LITERAL_DATA) {
            struct ig_span s = ig_parser_data(&p, NULL);
            msg_add(&m, s.ptr, s.len);
            continue;
        }
        if (st == IG_NEED_LITERAL) {
            const struct ig_literal *l = ig_parser_literal(&p);
            if (l->kind == IG_LIT_SYNC || l->kind == IG_LIT_SYNC8)
                conts++;
            if (l->message && m.n < 64)
                m.start[m.n++] = m.len;
            FZ_CHECK(ig_parser_literal_accept(&p) == IG_OK, "accept failed");
            continue;
        }
        struct ig_ev *ev = ig_ev_new(out);
        ev->kind = kind;
        ev->login = (uint8_t)login;
        ev->status = st;
        ev->continuations = conts;
        if (st == IG_OK) {
            const struct ig_command *c = ig_parser_command(&p);
            ev->ok = 1;
            ev->cmd = c->cmd;
            ev->start = c->offset;
            ev->end = c->offset + c->length;
            if (kind == DV_COMMAND)
                canonical(ev, c, options, &m);
            ev->tag_len = c->tag.len < sizeof(ev->tag) ? c->tag.len : sizeof(ev->tag);
            if (ev->tag_len)
                memcpy(ev->tag, c->tag.ptr, ev->tag_len);
            const struct ig_seqset *set = first_set(c);
            if (set != NULL) {
                size_t it = 0;
                struct ig_range r;
                ev->has_set = 1;
                ev->set_saved = set->saved;
                while (ig_seqset_next(set, &it, &r))
                    if (ev->nset < 16)
                        ev->set[ev->nset++] = r;
                    else
                        ev->has_set = 0;
            }
            /* What follows, as the server this models decides (dovecot.c): the DONE
             * of IDLE after login (RFC 9051 §6.3.13: IDLE is not valid before), one
             * SASL line after AUTHENTICATE without an initial response before login
             * (PLAIN's one round; RFC 9051 §6.2.2: not valid after). */
            next = DV_COMMAND;
            if (kind == DV_COMMAND && c->cmd == IG_CMD_IDLE && !login)
                next = DV_DONE;
            if (kind == DV_COMMAND && c->cmd == IG_CMD_AUTHENTICATE && login &&
                !c->u.authenticate.has_initial)
                next = DV_SASL;
            /* a login ends the pre-login phase (taken as successful, like dovecot.c) */
            if (login && ((kind == DV_COMMAND && c->cmd == IG_CMD_LOGIN) ||
                          (kind == DV_COMMAND && c->cmd == IG_CMD_AUTHENTICATE &&
                           c->u.authenticate.has_initial) ||
                          (kind == DV_SASL && !c->u.sasl.cancel)))
                login = 0;
        } else {
            const struct ig_error *e = ig_parser_error(&p);
            ev->start = e->command_offset;
            ev->reason = e->reason;
            ev->cmd = e->cmd;
            ev->tag_len = e->tag.len < sizeof(ev->tag) ? e->tag.len : sizeof(ev->tag);
            if (ev->tag_len)
                memcpy(ev->tag, e->tag.ptr, ev->tag_len);
            next = DV_COMMAND;
            if (st == IG_E_FATAL)
                break;
        }
        m.len = 0;
        m.n = 0;
        conts = 0;
        kind = next;
        if (next == DV_DONE)
            ig_parser_expect(&p, IG_EXPECT_DONE);
        else if (next == DV_SASL)
            ig_parser_expect(&p, IG_EXPECT_SASL);
    }
    if (!ig_parser_idle(&p) && (out->n == 0 || out->v[out->n - 1].status != IG_E_FATAL)) {
        /* The stream ends inside a line: a refused one still being skipped (its
         * non-synchronizing literal's octets), or one not complete yet. */
        uint64_t at = ig_parser_line_offset(&p);
        if (out->n > 0 && !out->v[out->n - 1].ok && out->v[out->n - 1].start == at) {
            out->v[out->n - 1].incomplete = 1;
        } else {
            struct ig_ev *ev = ig_ev_new(out);
            ev->kind = kind;
            ev->incomplete = 1;
            ev->start = at;
            ev->continuations = conts;
        }
    }
    free(m.buf);
}

/* ---- the known classes (fuzz/differential/known-differences.md) ---- */
enum known {
    K_NONE = 0,
    K_BARE_LF,          /* strict imapguard: a bare LF ends no line (RFC 9051 §2.2) */
    K_SKIPPED_NONSYNC,  /* Dovecot skipped an unread tail that announced {n+} */
    K_CONTINUATION,     /* the two sent "+" for different literals: the conversations
                           differ from there (RFC 9051 §4.3, §7.5) */
    K_DISCONNECT,       /* Dovecot closed the connection (literal too big) */
    K_LITERAL8,         /* Dovecot's tokenizer takes ~{n} only where the command's
                           handler asks for it */
    K_OPTION_ORDER,     /* the canonical form orders and merges option sets */
    K_TAG_BRACKET,      /* Dovecot refuses "]" in a tag; RFC 9051 §9 allows it */
    K_BRACKET_ATOM,     /* imapguard reads "[...]" with parentheses, CTLs inside */
    K_IG_FATAL,         /* imapguard closes the connection (IG_E_FATAL) */
    K_DIGITLESS_LITERAL, /* Dovecot reads "{}" / "{+}" as a literal of 0 octets */
    K_MODE_DIVERGED,    /* an IDLE / AUTHENTICATE / LOGIN one side accepted and the
                           other refused: the servers are in different states */
    K__COUNT
};

static const char *const known_name[K__COUNT] = {
    "none", "bare-lf", "skipped-nonsync-literal", "continuation-diverged", "disconnect",
    "literal8-where-dovecot-reads-none", "option-order", "tag-with-bracket",
    "special-byte-inside-brackets", "imapguard-closes", "literal-header-without-digits",
    "login-idle-or-authenticate-verdicts-differ",
};

struct cmp {
    const uint8_t *data;
    size_t size;
    uint32_t options;
    int login;
    int verbose;          /* print each difference (the survey build) */
    unsigned long filtered[K__COUNT];
};

static void report(const struct cmp *c, const char *what, const struct dv_event *d,
                   const struct ig_ev *g)
{
    fprintf(stderr, "differential: %s\n", what);
    if (d)
        fprintf(stderr, "  dovecot:   line %llu..%llu (stopped at %llu) verdict %d %s%s%s\n",
                (unsigned long long)d->start, (unsigned long long)d->end,
                (unsigned long long)d->stop, d->verdict, d->name,
                d->error ? " error: " : "", d->error ? d->error : "");
    if (g)
        fprintf(stderr, "  imapguard: line %llu..%llu %s %s %s%s\n",
                (unsigned long long)g->start, (unsigned long long)g->end,
                g->ok ? "OK" : g->incomplete ? "incomplete" : ig_status_name(g->status),
                ig_cmd_name(g->cmd), g->reason ? "reason: " : "", g->reason ? g->reason : "");
    (void)c;
}

/* An unexplained difference: abort (a finding), or in the survey build (-DDIFF_SURVEY,
 * used to list every difference of a corpus at once) print it and go on. */
static void finding(const struct cmp *c, const char *what)
{
#ifdef DIFF_SURVEY
    fprintf(stderr, "FINDING %s: ", what);
    for (size_t i = 0; i < c->size && i < 60; i++)
        fprintf(stderr, c->data[i] >= 32 && c->data[i] < 127 ? "%c" : "\\x%02x", c->data[i]);
    fprintf(stderr, "\n");
#else
    (void)c;
    FZ_CHECK(0, what);
#endif
}

/* A line Dovecot's tokenizer refused (not a table or argument-count decision). */
static int dv_refused(const struct dv_event *d)
{
    return d->verdict == DV_PARSE || d->verdict == DV_BAD_TAG || d->verdict == DV_BAD_NAME ||
           d->verdict == DV_FATAL;
}

/* 1 when the segment of the line that begins at from (up to its CR or LF) has a
 * "[" followed, before its "]", by a byte Dovecot refuses in an atom. */
static int bracket_special(const struct cmp *c, uint64_t from)
{
    int open = 0;
    for (uint64_t i = from; i < c->size && c->data[i] != '\r' && c->data[i] != '\n'; i++) {
        unsigned char ch = c->data[i];
        if (!open && ch == '[')
            open = 1;
        else if (open && ch == ']')
            open = 0;
        else if (open && (ch == '(' || ch == ')' || ch == '{' || ch == '"' || ch < 32 || ch == 127))
            return 1;
    }
    return 0;
}

/* Where the text of the segment the tokenizer stopped in begins: after the last LF
 * before the stop and after the octets of the literal whose header "{n}" / "{n+}" ends
 * there (literal octets are data, never scanned: RFC 9051 §4.3). */
static uint64_t stop_segment(const struct cmp *c, const struct dv_event *d)
{
    uint64_t seg = d->start;
    for (uint64_t i = d->start; i < d->stop && i < c->size; i++)
        if (c->data[i] == '\n')
            seg = i + 1;
    if (seg == d->start || seg < 4 || c->data[seg - 2] != '\r')
        return seg;
    uint64_t j = seg - 3; /* at the "}" */
    if (c->data[j] != '}')
        return seg;
    if (j > 0 && c->data[j - 1] == '+')
        j--;
    uint64_t n = 0, mul = 1;
    int digits = 0;
    while (j > 0 && c->data[j - 1] >= '0' && c->data[j - 1] <= '9' && digits < 19) {
        n += (uint64_t)(c->data[j - 1] - '0') * mul;
        mul *= 10;
        digits++;
        j--;
    }
    if (digits == 0 || j == 0 || c->data[j - 1] != '{' || n > c->size - seg)
        return c->size; /* not a literal we can skip: scan nothing */
    return seg + n;
}

/* Which class explains a line Dovecot's tokenizer refused and imapguard accepted. */
static enum known explain_verdict(const struct cmp *c, const struct dv_event *d,
                                  const struct ig_ev *g)
{
    /* Dovecot refuses "(", ")", "{", DQUOTE and CTLs in an atom even inside "[...]"
     * ("Invalid characters in atom"; a "{" there starts a literal header for it:
     * "Invalid literal size" when digits and "}" do not follow); imapguard's generic
     * arguments read a bracketed section as part of the atom, with any CHAR but CR, LF and "]" inside (its
     * grammar's deviation D8, grammar/imap.abnf: BODY[HEADER.FIELDS (A B)] needs SP and
     * parentheses there). The class: the refused atom has such a byte after its "[". */
    if (d->verdict == DV_PARSE && d->error != NULL &&
        (strcmp(d->error, "Invalid characters in atom") == 0 ||
         strcmp(d->error, "Missing ')'") == 0 || strcmp(d->error, "Unexpected ')'") == 0 ||
         strcmp(d->error, "Missing '\"'") == 0 ||
         strcmp(d->error, "Invalid literal size") == 0)) {
        /* The refused atom is in the line's first segment or, for a line with
         * literals, in the segment where the tokenizer stopped. */
        if (bracket_special(c, d->start) || bracket_special(c, stop_segment(c, d)))
            return K_BRACKET_ATOM;
    }
    /* tag = 1*<any ASTRING-CHAR except "+">, ASTRING-CHAR = ATOM-CHAR / resp-specials
     * (RFC 9051 §9): "]" may be in a tag; Dovecot's imap_parser_read_tag refuses it. */
    if (d->verdict == DV_BAD_TAG && memchr(g->tag, ']', g->tag_len) != NULL)
        return K_TAG_BRACKET;
    /* Dovecot: "literal8 not allowed here" unless the caller passed
     * IMAP_PARSE_FLAG_LITERAL8 (its APPEND, its own SETMETADATA parser); imapguard takes
     * ~{n} wherever RFC 3516 §4.2 / RFC 5464 §4.3 / RFC 4466 §2.1 grammar allows. */
    if (d->verdict == DV_PARSE && d->error != NULL &&
        strcmp(d->error, "literal8 not allowed here") == 0)
        return K_LITERAL8;
    return K_NONE;
}

/* Is the byte at i the first one after the octets of a literal announced in [from, i)?
 * ("{" digits ["+"] "}" CRLF, RFC 9051 §9; read here from the bytes, as a peer that
 * frames by CRLF would.) */
static int ends_literal(const struct cmp *c, uint64_t from, uint64_t i)
{
    for (uint64_t j = from; j < i; j++) {
        if (c->data[j] != '{')
            continue;
        uint64_t k = j + 1, n = 0;
        int digits = 0, big = 0;
        while (k < i && c->data[k] >= '0' && c->data[k] <= '9') {
            if (n > UINT64_MAX / 16)
                big = 1; /* far past any octet count of this input: not its literal */
            else
                n = n * 10 + (uint64_t)(c->data[k] - '0');
            k++;
            digits++;
        }
        if (digits == 0 || big)
            continue;
        if (k < i && c->data[k] == '+')
            k++;
        if (k + 2 < i && c->data[k] == '}' && c->data[k + 1] == '\r' && c->data[k + 2] == '\n' &&
            n > 0 && k + 3 + n == i)
            return 1;
    }
    return 0;
}

/* Is there, from the line start on, a literal header no server can size: more
 * significant digits than a 64-bit size has (leading zeros carry no value: RFC 9051 §9
 * number64 = 1*DIGIT), or a line longer than imapguard's line limit (its header is cut
 * off)? Only there may imapguard close the connection (K_IG_FATAL). */
static int unsizable_header(const struct cmp *c, uint64_t from)
{
    uint64_t line = from;
    for (uint64_t i = from; i < c->size; i++) {
        if (c->data[i] == '\n') {
            if (i - line > IG_DEFAULT_MAX_LINE)
                return 1;
            line = i + 1;
            continue;
        }
        if (c->data[i] != '{')
            continue;
        uint64_t k = i + 1;
        while (k < c->size && c->data[k] == '0')
            k++;
        uint64_t sig = k;
        while (k < c->size && c->data[k] >= '0' && c->data[k] <= '9')
            k++;
        if (k - sig > 20)
            return 1;
    }
    return c->size - line > IG_DEFAULT_MAX_LINE;
}

/* Does [from, to) hold an LF without a CR before it, or one whose CR before it is the
 * last octet of a literal (that CR is content, not a line end)? */
static int has_bare_lf(const struct cmp *c, uint64_t from, uint64_t to)
{
    if (to > c->size)
        to = c->size;
    for (uint64_t i = from; i < to; i++)
        if (c->data[i] == '\n' &&
            (i == 0 || c->data[i - 1] != '\r' || ends_literal(c, from, i)))
            return 1;
    return 0;
}

/* Why the line that began at the same offset on both sides ended at different places
 * (or was complete on one side only); K_NONE when no class explains it. */
static enum known explain_framing(const struct cmp *c, const struct dv_event *d,
                                  const struct ig_ev *g, uint64_t dv_next, uint64_t ig_next)
{
    uint64_t hi = dv_next > ig_next ? dv_next : ig_next;
    if (!(c->options & IG_OPT_LENIENT_LF) && has_bare_lf(c, d->start, hi))
        return K_BARE_LF;
    if (d->continuations != g->continuations)
        return K_CONTINUATION;
    /* literal = "{" number64 ["+"] "}" CRLF (RFC 9051 §9, RFC 7888 §8): a number has a
     * digit. Dovecot's tokenizer takes "{}" and "{+}" as an empty literal and reads on
     * in the same command; imapguard refuses the header, and the next line starts
     * after its CRLF. */
    for (uint64_t i = d->start; i + 2 < hi && i + 2 < c->size; i++)
        if (c->data[i] == '{' && (c->data[i + 1] == '}' ||
                                  (c->data[i + 1] == '+' && c->data[i + 2] == '}')))
            return K_DIGITLESS_LITERAL;
    if (d->tail_nonsync && ig_next > dv_next)
        return K_SKIPPED_NONSYNC;
    return K_NONE;
}

/* ---- value comparison of two Dovecot trees ---- */

/* Atoms equal as the grammar reads them: letters in any case (keywords, flags, INBOX),
 * digit runs as numbers ("<007.10>" is "<7.10>"). */
static int atom_eq(const unsigned char *a, size_t an, const unsigned char *b, size_t bn)
{
    size_t i = 0, j = 0;
    while (i < an && j < bn) {
        if (a[i] >= '0' && a[i] <= '9' && b[j] >= '0' && b[j] <= '9') {
            size_t i2 = i, j2 = j;
            while (i2 < an && a[i2] == '0' && i2 + 1 < an && a[i2 + 1] >= '0' && a[i2 + 1] <= '9')
                i2++;
            while (j2 < bn && b[j2] == '0' && j2 + 1 < bn && b[j2 + 1] >= '0' && b[j2 + 1] <= '9')
                j2++;
            size_t ie = i2, je = j2;
            while (ie < an && a[ie] >= '0' && a[ie] <= '9')
                ie++;
            while (je < bn && b[je] >= '0' && b[je] <= '9')
                je++;
            if (ie - i2 != je - j2 || memcmp(a + i2, b + j2, ie - i2) != 0)
                return 0;
            i = ie;
            j = je;
            continue;
        }
        unsigned char x = a[i], y = b[j];
        if (x >= 'a' && x <= 'z')
            x = (unsigned char)(x - 32);
        if (y >= 'a' && y <= 'z')
            y = (unsigned char)(y - 32);
        if (x != y)
            return 0;
        i++;
        j++;
    }
    return i == an && j == bn;
}

/* date / date-time (RFC 9051 §9), read here from the text: day, month, year and for a
 * date-time the time and zone, as numbers. Returns 0 when the text is not one. */
static int read_date(const unsigned char *s, size_t n, long v[7])
{
    static const char months[] = "JANFEBMARAPRMAYJUNJULAUGSEPOCTNOVDEC";
    size_t i = 0;
    memset(v, 0, 7 * sizeof(long));
    if (i < n && s[i] == ' ')
        i++;
    size_t st = i;
    while (i < n && i - st < 2 && s[i] >= '0' && s[i] <= '9')
        v[0] = v[0] * 10 + (s[i++] - '0');
    if (i == st || i + 9 > n || s[i] != '-' || s[i + 4] != '-')
        return 0;
    int m = -1;
    for (int k = 0; k < 12; k++)
        if (strncasecmp((const char *)s + i + 1, months + 3 * k, 3) == 0)
            m = k;
    if (m < 0)
        return 0;
    v[1] = m;
    i += 5;
    for (int k = 0; k < 4; k++, i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v[2] = v[2] * 10 + (s[i] - '0');
    }
    if (i == n)
        return 1;
    /* SP time SP zone */
    if (n - i != 15 || s[i] != ' ' || s[i + 3] != ':' || s[i + 6] != ':' || s[i + 9] != ' ' ||
        (s[i + 10] != '+' && s[i + 10] != '-'))
        return 0;
    const int at[4] = {1, 4, 7, 11};
    for (int k = 0; k < 4; k++) {
        int w = k == 3 ? 4 : 2;
        for (int q = 0; q < w; q++) {
            unsigned char ch = s[i + (size_t)at[k] + (size_t)q];
            if (ch < '0' || ch > '9')
                return 0;
            v[3 + k] = v[3 + k] * 10 + (ch - '0');
        }
    }
    if (s[i + 10] == '-')
        v[6] = -v[6]; /* an offset in minutes (RFC 9051 §9 zone): -0000 is +0000 */
    return 1;
}

static int read_set(const unsigned char *s, size_t n, struct ig_range *out, int max,
                    int *saved);

/* Two sequence sets with the same ranges, each read low to high ("2:2" is "2", "4:2"
 * is "2:4": RFC 9051 §9 seq-range). */
static int set_eq(const struct dv_arg *a, const struct dv_arg *b)
{
    struct ig_range x[64], y[64];
    int sx, sy;
    int nx = read_set(a->s, a->len, x, 64, &sx), ny = read_set(b->s, b->len, y, 64, &sy);
    if (nx < 0 || nx != ny || sx != sy || (nx == 0 && !sx))
        return 0;
    for (int i = 0; i < nx; i++) {
        uint32_t xl = x[i].first, xh = x[i].last, yl = y[i].first, yh = y[i].last;
        /* "*" (0) is the largest number */
        if ((xl == 0 ? UINT32_MAX : xl) > (xh == 0 ? UINT32_MAX : xh)) {
            uint32_t t = xl; xl = xh; xh = t;
        }
        if ((yl == 0 ? UINT32_MAX : yl) > (yh == 0 ? UINT32_MAX : yh)) {
            uint32_t t = yl; yl = yh; yh = t;
        }
        if (xl != yl || xh != yh)
            return 0;
    }
    return 1;
}

static int str_eq(const struct dv_arg *a, const struct dv_arg *b)
{
    if (a->len == b->len && memcmp(a->s, b->s, a->len) == 0)
        return 1;
    if (a->type == DV_ATOM && b->type == DV_ATOM)
        return atom_eq(a->s, a->len, b->s, b->len) || set_eq(a, b);
    /* a date written as atom or quoted, with or without a leading zero or space, month
     * in any case (RFC 9051 §9 date, date-time: the same date) */
    long x[7], y[7];
    if (read_date(a->s, a->len, x) && read_date(b->s, b->len, y))
        return memcmp(x, y, sizeof(x)) == 0;
    return 0;
}

static int arg_eq(const struct dv_arg *a, const struct dv_arg *b);

static int args_eq(const struct dv_arg *a, uint32_t an, const struct dv_arg *b, uint32_t bn)
{
    if (an != bn)
        return 0;
    for (uint32_t i = 0; i < an; i++)
        if (!arg_eq(&a[i], &b[i]))
            return 0;
    return 1;
}

static int arg_eq(const struct dv_arg *a, const struct dv_arg *b)
{
    int as = a->type == DV_ATOM || a->type == DV_STRING;
    int bs = b->type == DV_ATOM || b->type == DV_STRING;
    if (as && bs)
        return str_eq(a, b);
    if (a->type != b->type)
        return 0;
    switch (a->type) {
    case DV_NIL: return 1;
    case DV_LIST: return args_eq(a->items, a->n, b->items, b->n);
    case DV_LITSIZE: return a->size == b->size && a->literal8 == b->literal8;
    default: return 0;
    }
}

/* Every item of a has an equal item in b. */
static int subset(const struct dv_arg *a, const struct dv_arg *b)
{
    for (uint32_t i = 0; i < a->n; i++) {
        int found = 0;
        for (uint32_t j = 0; j < b->n && !found; j++)
            found = arg_eq(&a->items[i], &b->items[j]);
        if (!found)
            return 0;
    }
    return 1;
}

static int is_atom(const struct dv_arg *a, const char *w)
{
    return a->type == DV_ATOM && a->len == strlen(w) && strncasecmp((const char *)a->s, w, a->len) == 0;
}

/* The argument positions that hold option sets, whose order and repetition carry no
 * meaning, so that the serializer writes them in its own order, each once: LIST
 * selection and return options (RFC 5258 §3), SEARCH RETURN options (RFC 4731 §3.1),
 * FETCH and STORE modifiers (RFC 4466 §2.4, RFC 7162 §3.1), SELECT / EXAMINE parameters
 * (RFC 4466 §2.1), GETMETADATA options (RFC 5464 §4.2), CREATE / RENAME parameters. */
static int option_set(const char *name, const struct dv_arg *args, uint32_t i)
{
    if (args[i].type != DV_LIST)
        return 0;
    if (!strcmp(name, "LIST") || !strcmp(name, "XLIST"))
        return i == 0 || is_atom(&args[i - 1], "RETURN");
    if (!strcmp(name, "SEARCH") || !strcmp(name, "UID SEARCH"))
        return i > 0 && is_atom(&args[i - 1], "RETURN");
    if (!strcmp(name, "FETCH") || !strcmp(name, "UID FETCH"))
        return i == 2;
    if (!strcmp(name, "STORE") || !strcmp(name, "UID STORE") || !strcmp(name, "SELECT") ||
        !strcmp(name, "EXAMINE"))
        return i == 1;
    if (!strcmp(name, "GETMETADATA"))
        return i == 0;
    if (!strcmp(name, "CREATE")) /* create-params (RFC 4466 §2.2, RFC 6154 §3) */
        return i == 1;
    if (!strcmp(name, "RENAME")) /* rename-params (RFC 4466 §2.2) */
        return i == 2;
    return 0;
}

/* base64 (RFC 4648 §4) decoded here, low bits of the last group ignored as RFC 4648
 * §3.5 lets a decoder do; -1 when it is not base64. */
static long b64_decode(const unsigned char *s, size_t n, unsigned char *out, size_t cap)
{
    static const char al[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    uint32_t acc = 0;
    int bits = 0;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '=')
            break;
        const char *q = memchr(al, s[i], 64);
        if (q == NULL)
            return -1;
        acc = (acc << 6) | (uint32_t)(q - al);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            if (o == cap)
                return -1;
            out[o++] = (unsigned char)(acc >> bits);
        }
    }
    return (long)o;
}

static int b64_eq(const struct dv_arg *a, const struct dv_arg *b)
{
    static unsigned char x[16384], y[16384];
    if (a->type == DV_LIST || b->type == DV_LIST || a->type == DV_NIL || b->type == DV_NIL)
        return 0;
    long nx = b64_decode(a->s, a->len, x, sizeof(x)), ny = b64_decode(b->s, b->len, y, sizeof(y));
    return nx >= 0 && nx == ny && memcmp(x, y, (size_t)nx) == 0;
}

/* The arguments of the original and of the canonical form: equal, or equal once the
 * option sets are read as sets (K_OPTION_ORDER). Returns 1, 2 (equal as sets) or 0. */
static int cmd_args_eq(const char *name, const struct dv_arg *a, uint32_t an,
                       const struct dv_arg *b, uint32_t bn)
{
    if (args_eq(a, an, b, bn))
        return 1;
    if (an != bn)
        return 0;
    for (uint32_t i = 0; i < an; i++) {
        if (arg_eq(&a[i], &b[i]))
            continue;
        /* AUTHENTICATE's initial response: the same octets in base64 (RFC 4959 §3) */
        if (!strcmp(name, "AUTHENTICATE") && i == 1 && b64_eq(&a[i], &b[i]))
            continue;
        if (!option_set(name, a, i) || b[i].type != DV_LIST || !subset(&a[i], &b[i]) ||
            !subset(&b[i], &a[i]))
            return 0;
    }
    return 2;
}

/* The numbers of a sequence-set atom, read here (RFC 9051 §9 sequence-set). Returns
 * the number of elements, -1 when it is not one. 0 stands for "*". */
static int read_set(const unsigned char *s, size_t n, struct ig_range *out, int max, int *saved)
{
    int k = 0;
    size_t i = 0;
    *saved = 0;
    while (i < n) {
        uint64_t v[2] = {0, 0};
        for (int h = 0; h < 2; h++) {
            if (i < n && s[i] == '*') {
                v[h] = 0;
                i++;
            } else if (i < n && s[i] == '$' && h == 0) {
                *saved = 1;
                i++;
                v[0] = v[1] = UINT64_MAX;
                break;
            } else {
                size_t st = i;
                while (i < n && s[i] >= '0' && s[i] <= '9' && v[h] <= 0xffffffffull)
                    v[h] = v[h] * 10 + (uint64_t)(s[i++] - '0');
                if (i == st || v[h] > 0xffffffffull)
                    return -1;
            }
            if (h == 0) {
                if (i < n && s[i] == ':') {
                    i++;
                    continue;
                }
                v[1] = v[0];
                break;
            }
        }
        if (v[0] != UINT64_MAX) {
            if (k == max)
                return -1;
            out[k].first = (uint32_t)v[0];
            out[k].last = (uint32_t)v[1];
            k++;
        }
        if (i < n) {
            if (s[i] != ',')
                return -1;
            i++;
        }
    }
    return k;
}

static void compare_values(struct cmp *c, const struct dv_event *d, const struct ig_ev *g)
{
    if (g->canon == NULL)
        return;
    struct dv_result e;
    dv_run(g->canon, g->canon_len, d->login, &e);
    if (e.n != 1 || e.ev[0].verdict != d->verdict) {
        report(c, "VALUES: Dovecot does not accept imapguard's canonical form", d, g);
        fprintf(stderr, "  canonical: %.*s\n", (int)g->canon_len, (const char *)g->canon);
        finding(c, "differential VALUES: canonical form refused by Dovecot");
        dv_result_free(&e);
        return;
    }
    int eq = cmd_args_eq(d->name, d->args, d->nargs, e.ev[0].args, e.ev[0].nargs);
    if (eq == 2)
        c->filtered[K_OPTION_ORDER]++;
    if (eq == 0) {
        report(c, "VALUES: Dovecot reads other arguments in the canonical form", d, g);
        fprintf(stderr, "  canonical: %.*s\n", (int)g->canon_len, (const char *)g->canon);
        finding(c, "differential VALUES: arguments differ");
    }
    dv_result_free(&e);
    /* The projection of the typed sequence set: its numbers, as imapguard holds them,
     * against the numbers written in the input (Dovecot's first argument, as text). */
    if (g->has_set && d->nargs > 0 && d->args[0].type != DV_LIST && d->args[0].type != DV_NIL &&
        d->args[0].type != DV_LITSIZE) {
        struct ig_range want[16];
        int saved;
        int k = read_set(d->args[0].s, d->args[0].len, want, 16, &saved);
        if (k >= 0) {
            int same = (uint32_t)k == g->nset && saved == g->set_saved;
            for (int i = 0; same && i < k; i++)
                same = want[i].first == g->set[i].first && want[i].last == g->set[i].last;
            if (!same) {
                report(c, "VALUES: the sequence set's numbers differ from the input's", d, g);
                finding(c, "differential VALUES: sequence set");
            }
        }
    }
}

static void compare(struct cmp *c, const struct dv_result *dv, const struct ig_events *ig)
{
    size_t i = 0, j = 0;
    while (i < dv->n && j < ig->n) {
        const struct dv_event *d = &dv->ev[i];
        const struct ig_ev *g = &ig->v[j];
        if (d->start != g->start) {
            /* The previous line ended at different places (the first line always
             * starts at 0 on both sides). */
            const struct dv_event *pd = &dv->ev[i - 1];
            const struct ig_ev *pg = &ig->v[j - 1];
            /* imapguard may answer one line more than once while it skips the rest of
             * a refused one: a bare LF inside it ends nothing (RFC 9051 §2.2) and is an
             * error of its own, then a literal header it cannot size closes the
             * connection. Its next line starts after all of those. */
            size_t k2 = j;
            uint64_t ig_next = g->start;
            while (k2 < ig->n && !ig->v[k2].ok && ig->v[k2].start == pg->start) {
                if (ig->v[k2].status == IG_E_FATAL && unsizable_header(c, pg->start)) {
                    c->filtered[K_IG_FATAL]++;
                    return;
                }
                k2++;
            }
            if (k2 > j)
                ig_next = k2 < ig->n ? ig->v[k2].start : c->size;
            enum known k = explain_framing(c, pd, pg, d->start, ig_next);
            if (k != K_NONE) {
                c->filtered[k]++;
                return;
            }
            report(c, "FRAMING: the next line starts at different offsets", pd, pg);
            fprintf(stderr, "  next line: dovecot at %llu, imapguard at %llu\n",
                    (unsigned long long)d->start, (unsigned long long)g->start);
            finding(c, "differential FRAMING");
            return;
        }
        if (d->login != g->login) {
            /* One server model is past the login and the other is not: a LOGIN,
             * AUTHENTICATE or SASL response only one side accepted (the cases below
             * name the usual ones). From here each reads the stream in another state
             * (imap-login / imapd; the session's not-authenticated / authenticated
             * state): an IDLE is a command before login and opens a DONE line after. */
            c->filtered[K_MODE_DIVERGED]++;
            return;
        }
        if (i > 0 && j > 0 && dv->ev[i - 1].login &&
            (dv->ev[i - 1].verdict == DV_OK) != ig->v[j - 1].ok &&
            (!strcmp(dv->ev[i - 1].name, "LOGIN") || !strcmp(dv->ev[i - 1].name, "AUTHENTICATE"))) {
            /* A LOGIN or AUTHENTICATE only one side accepted: one server is past the
             * login and reads the rest as imapd, the other as imap-login. */
            c->filtered[K_MODE_DIVERGED]++;
            return;
        }
        if (d->kind != g->kind && i > 0 && j > 0 && (dv->ev[i - 1].verdict == DV_OK) != ig->v[j - 1].ok) {
            /* The line before was an IDLE or AUTHENTICATE that only one side accepted:
             * that side now reads a DONE or SASL line, the other a command. The two
             * servers are in different states from here on. */
            c->filtered[K_MODE_DIVERGED]++;
            return;
        }
        if (d->open || g->incomplete) {
            if (d->open && g->incomplete)
                return;
            /* One side saw the whole line, the other waits for more. */
            uint64_t dn = d->open ? c->size + 1 : d->end;
            uint64_t gn = g->incomplete ? c->size + 1 : (g->ok ? g->end : c->size + 1);
            enum known k = explain_framing(c, d, g, dn, gn);
            if (k == K_NONE && d->verdict == DV_FATAL)
                k = K_DISCONNECT;
            if (k == K_NONE && !g->incomplete && g->status == IG_E_FATAL &&
                unsizable_header(c, g->start))
                k = K_IG_FATAL; /* imapguard closed at a header it cannot size */
            if (k != K_NONE) {
                c->filtered[k]++;
                return;
            }
            report(c, "FRAMING: the stream ends inside a line on one side only", d, g);
            finding(c, "differential FRAMING (end of stream)");
            return;
        }
        if (dv_refused(d) && g->ok) {
            enum known k = explain_verdict(c, d, g);
            if (k != K_NONE) {
                c->filtered[k]++;
            } else {
                report(c, "VERDICT: Dovecot's tokenizer refuses a line imapguard accepts", d, g);
                finding(c, "differential VERDICT");
                return;
            }
        }
        if (d->verdict == DV_FATAL) {
            c->filtered[K_DISCONNECT]++;
            return;
        }
        if (g->ok && !d->open && d->end != g->end) {
            /* Both took the line whole but end it at different bytes. */
            enum known k = explain_framing(c, d, g, d->end, g->end);
            if (k != K_NONE) {
                c->filtered[k]++;
                return;
            }
            report(c, "FRAMING: the line ends at different offsets", d, g);
            finding(c, "differential FRAMING (line end)");
            return;
        }
        /* values wherever Dovecot's tokenizer read the arguments: a command it runs,
         * or one imap-login read whole before answering that it does not know it */
        if ((d->verdict == DV_OK || (d->verdict == DV_UNKNOWN && d->fully_read)) && g->ok &&
            d->kind == DV_COMMAND && g->kind == DV_COMMAND)
            compare_values(c, d, g);
        i++;
        j++;
    }
    if (i < dv->n || j < ig->n) {
        /* One side has lines the other has not: the last common line ended
         * differently (the other side took the rest of the stream into it). */
        const struct dv_event *pd = i > 0 ? &dv->ev[i - 1] : NULL;
        const struct ig_ev *pg = j > 0 ? &ig->v[j - 1] : NULL;
        if (pg != NULL && pg->status == IG_E_FATAL && unsizable_header(c, pg->start)) {
            /* imapguard closed the connection: a literal header it cannot size (more
             * significant digits than any size has) leaves no way to find the
             * command's end */
            c->filtered[K_IG_FATAL]++;
            return;
        }
        if (pd != NULL && pg != NULL) {
            uint64_t dn = i < dv->n ? dv->ev[i].start : c->size;
            uint64_t gn = j < ig->n ? ig->v[j].start : c->size;
            enum known k = explain_framing(c, pd, pg, dn, gn);
            if (k == K_NONE && dv->disconnected)
                k = K_DISCONNECT;
            if (k != K_NONE) {
                c->filtered[k]++;
                return;
            }
        }
        report(c, "FRAMING: one side has more lines", i < dv->n ? &dv->ev[i] : NULL,
                j < ig->n ? &ig->v[j] : NULL);
        finding(c, "differential FRAMING (line count)");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    struct cmp c;
    memset(&c, 0, sizeof(c));
    if (data[0] & 1)
        c.options |= IG_OPT_LENIENT_LF;
    if (data[0] & 2)
        c.options |= IG_OPT_UTF8;
    c.login = !((data[0] >> 2) & 1);
    c.data = data + 1;
    c.size = size - 1;

    struct dv_result dv;
    dv_run(c.data, c.size, c.login, &dv);
    struct ig_events ig = {0};
    ig_side(c.data, c.size, c.options, c.login, &ig);
    compare(&c, &dv, &ig);
#ifdef DIFF_SURVEY
    for (int k = 1; k < K__COUNT; k++)
        if (c.filtered[k])
            fprintf(stderr, "FILTERED %s\n", known_name[k]);
#endif
    ig_events_free(&ig);
    dv_result_free(&dv);
    (void)known_name;
    return 0;
}
