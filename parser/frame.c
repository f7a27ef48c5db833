/*
 * frame.c - the streaming framer and the public parser API. Bytes arrive in chunks of
 * any size; the framer finds line ends (memchr) and literal headers at line ends
 * (RFC 9051 §4.3, RFC 7888 §3: "{n}", "{n+}", "~{n}" just before CRLF), copies the
 * command text and string-literal octets into the parser's buffer, streams APPEND
 * message octets to the caller without copying, and runs the grammar (parse.c) on the
 * buffered text when a line ends. After an error it skips the rest of the command,
 * consuming the octets of any non-synchronizing literal in it, so literal bytes are
 * never read as commands. It keeps no state outside struct ig_parser and its memory.
 *
 * Where a line ends (RFC 9051 §2.2, §4.3; DEVIATION D4 in grammar/imap.abnf). Strict
 * (the default): only CRLF ends a line, and a literal header is "{n}", "{n+}" or
 * "~{n}" right before a CRLF. A bare LF ends nothing: the command it is in is bad at
 * once (the error is returned at the LF), and everything after it up to the next CRLF
 * belongs to that command and is skipped, never parsed. A peer that frames by CRLF, as
 * the RFC does (the server behind a proxy, or a proxy in front of this one), sees the
 * same single line, so the two agree on where every command starts: "a NOOP
z NOOP"
 * CRLF is one bad command, never two (request smuggling). The skipped line keeps the
 * literal rule of every rejected command: when it ends in a "{n+}" header before a
 * CRLF, its n octets are consumed as literal octets and the line goes on after them
 * (to the next CRLF again); after a "{n}" header the client waits for a "+" that never
 * comes, so the next line is a new command. A "{n+}" before a bare LF is no header
 * (no CRLF follows it). A bare CR is no line end either: it is a bad byte inside the
 * line. IG_OPT_LENIENT_LF: a LF ends a line with or without a CR before it, for
 * reading and for skipping alike (so "{n}" LF is a header); the two peers then agree
 * only when the other one is as lenient, the risk that option states.
 */
#include "internal.h"

enum {
    ST_LINE = 0,      /* reading command text up to LF */
    ST_LITERAL,       /* reading string-literal octets into the buffer */
    ST_DECIDE,        /* a literal was announced; waiting for accept / reject */
    ST_DATA,          /* handing out APPEND message octets */
    ST_SKIP_LITERAL,  /* discarding the octets of a literal of a rejected command */
    ST_SKIP_LINE,     /* discarding the rest of a rejected command's line (to CRLF) */
    ST_FATAL          /* the stream position is lost; sticky until reset */
};

enum { KIND_ARG = 1, KIND_MSG = 2 };

/* Not a status: "keep going" inside the feed loop. */
#define CONTINUE 100

void ig_limits_default(struct ig_limits *lim)
{
    lim->max_line = IG_DEFAULT_MAX_LINE;
    lim->max_string_literal = IG_DEFAULT_MAX_STRING_LITERAL;
    lim->max_literal_bytes = IG_DEFAULT_MAX_LITERAL_BYTES;
    lim->max_literals = IG_DEFAULT_MAX_LITERALS;
    lim->max_append_literal = IG_DEFAULT_MAX_APPEND_LITERAL;
    lim->max_nonsync_literal = IG_DEFAULT_MAX_NONSYNC_LITERAL;
    lim->max_depth = IG_DEFAULT_MAX_DEPTH;
    lim->max_items = IG_DEFAULT_MAX_ITEMS;
    lim->max_set_ranges = IG_DEFAULT_MAX_SET_RANGES;
    lim->max_tag = IG_DEFAULT_MAX_TAG;
    lim->max_sasl_line = IG_DEFAULT_MAX_SASL_LINE;
    lim->arena = IG_DEFAULT_ARENA;
}

static size_t align8(size_t n)
{
    return (n + 7u) & ~(size_t)7u;
}

/* The command buffer holds the text outside literals (max_line, inserted CRs counted)
 * plus the string-literal octets; a SASL line may be longer than a command line. */
static size_t buffer_size(const struct ig_limits *l)
{
    size_t cmd = (size_t)l->max_line + l->max_literal_bytes;
    size_t sasl = l->max_sasl_line;
    return align8((cmd > sasl ? cmd : sasl) + 8);
}

static size_t crpos_count(const struct ig_limits *l)
{
    return (size_t)l->max_literals + 2;
}

size_t ig_parser_memsize(const struct ig_limits *lim)
{
    struct ig_limits def;
    if (lim == NULL) {
        ig_limits_default(&def);
        lim = &def;
    }
    return buffer_size(lim) + align8(lim->arena) + align8(crpos_count(lim) * sizeof(uint32_t));
}

static int limits_ok(const struct ig_limits *l)
{
    const uint32_t *f = &l->max_line;
    for (size_t i = 0; i < sizeof(*l) / sizeof(uint32_t); i++)
        if (f[i] == 0)
            return 0;
    /* One string literal must fit in the per-command literal budget; a SASL response
     * is decoded into the arena; a tag must fit on a line. */
    return l->max_string_literal <= l->max_literal_bytes && l->arena >= l->max_sasl_line &&
           l->max_tag < l->max_line && l->max_line >= 8 && l->max_sasl_line >= 8 &&
           l->max_literals < 1u << 20;
}

/* Values of _fresh: the next byte starts a new line, and the line state must be set
 * up first. After a line parsed in place (feed_in_place) only the stream offsets and
 * the arena marks moved, so the cheaper next_line() does. */
enum { FRESH_NONE = 0, FRESH_ALL = 1, FRESH_IN_PLACE = 2 };

static void start_line(struct ig_parser *p)
{
    p->_fresh = FRESH_NONE;
    p->_state = ST_LINE;
    p->_len = p->_seg = p->_check = 0;
    p->_textlen = p->_litbytes = p->_nlit = p->_nmsg = p->_ncr = 0;
    p->_cmd_off = p->_check_off = p->_off;
    p->_seg_lo = 0;
    p->_seg_hi = p->_arenacap;
    p->_skipped = 0;
    p->_remain = 0;
    ig__arena_reset(p, 0, p->_arenacap);
    /* _cmd is cleared by the grammar pass that fills it (ig__parse). */
    p->_cmd.offset = p->_off;
}

/* start_line() after a line parsed in place: that took the fast path of
 * ig_parser_feed only from the state start_line() leaves (ST_LINE, nothing buffered,
 * no literal, no APPEND message), and a pass that completes a line in place changes
 * none of those fields; what moved are the offsets and the arena marks. */
static void next_line(struct ig_parser *p)
{
    p->_fresh = FRESH_NONE;
    p->_cmd_off = p->_check_off = p->_off;
    ig__arena_reset(p, 0, p->_arenacap);
    p->_cmd.offset = p->_off;
}

/* The command buffer, the arena and the CR positions, in that order, over mem. */
static void lay_out(struct ig_parser *p, void *mem, size_t memsize)
{
    p->_memsize = memsize;
    p->_buf = mem;
    p->_bufcap = buffer_size(&p->_lim);
    p->_arena = (unsigned char *)mem + p->_bufcap;
    p->_arenacap = align8(p->_lim.arena);
    p->_crpos = (uint32_t *)(void *)(p->_arena + p->_arenacap);
}

enum ig_status ig_parser_init(struct ig_parser *p, const struct ig_limits *lim, void *mem,
                              size_t memsize)
{
    struct ig_limits def;
    if (p == NULL || mem == NULL)
        return IG_E_USAGE;
    if (lim == NULL) {
        ig_limits_default(&def);
        lim = &def;
    }
    if (!limits_ok(lim) || memsize < ig_parser_memsize(lim) || ((uintptr_t)mem & 7u) != 0)
        return IG_E_USAGE;
    memset(p, 0, sizeof(*p));
    p->_lim = *lim;
    lay_out(p, mem, memsize);
    start_line(p);
    return IG_OK;
}

/* Lending the block (ig_parser_detach / ig_parser_attach). Between lines nothing in
 * the block is needed again: the next line starts with start_line() or next_line(),
 * which reset every mark into it, and everything the framer carries from line to line
 * (offsets, options, what the next line is, _fresh) lives in the struct. A parser that
 * has taken any byte of a line (a command, a literal, a SASL response, APPEND data), a
 * literal waiting for a decision, a command being skipped or a fatal stream holds that
 * state in the block or needs it for what comes next, so it keeps its block. */
void *ig_parser_detach(struct ig_parser *p)
{
    if (p == NULL || p->_buf == NULL || !ig_parser_idle(p))
        return NULL;
    void *mem = p->_buf;
    p->_buf = NULL;
    p->_arena = NULL;
    p->_crpos = NULL;
    /* The last event's spans may point into the block: none survives it, so a stale
     * read finds empty spans instead of memory another connection now uses. */
    memset(&p->_cmd, 0, sizeof(p->_cmd));
    memset(&p->_lit, 0, sizeof(p->_lit));
    memset(&p->_err.tag, 0, sizeof(p->_err.tag));
    memset(&p->_err.name, 0, sizeof(p->_err.name));
    return mem;
}

enum ig_status ig_parser_attach(struct ig_parser *p, void *mem, size_t memsize)
{
    if (p == NULL || mem == NULL || p->_buf != NULL || ((uintptr_t)mem & 7u) != 0 ||
        memsize < ig_parser_memsize(&p->_lim))
        return IG_E_USAGE;
    lay_out(p, mem, memsize);
    return IG_OK;
}

/* Between lines the layout of the block may change: the next line starts with
 * start_line() (FRESH_ALL), which sets every mark from the new sizes. */
enum ig_status ig_parser_set_limits(struct ig_parser *p, const struct ig_limits *lim)
{
    if (p == NULL || lim == NULL || !limits_ok(lim))
        return IG_E_USAGE;
    if (p->_buf != NULL && (!ig_parser_idle(p) || p->_memsize < ig_parser_memsize(lim)))
        return IG_E_USAGE;
    p->_lim = *lim;
    if (p->_buf != NULL)
        lay_out(p, p->_buf, p->_memsize);
    p->_fresh = FRESH_ALL;
    return IG_OK;
}

int ig_parser_detached(const struct ig_parser *p)
{
    return p != NULL && p->_buf == NULL;
}

void ig_parser_set_options(struct ig_parser *p, uint32_t options)
{
    if (p != NULL)
        p->_opts = options;
}

void ig_parser_reset(struct ig_parser *p)
{
    if (p == NULL)
        return;
    p->_expect = IG_EXPECT_COMMAND;
    start_line(p);
}

int ig_parser_idle(const struct ig_parser *p)
{
    return p != NULL && (p->_fresh || (p->_state == ST_LINE && p->_len == 0));
}

uint64_t ig_parser_offset(const struct ig_parser *p)
{
    return p ? p->_off : 0;
}

uint64_t ig_parser_line_offset(const struct ig_parser *p)
{
    if (p == NULL)
        return 0;
    return ig_parser_idle(p) ? p->_off : p->_cmd_off;
}

enum ig_status ig_parser_expect(struct ig_parser *p, enum ig_expect what)
{
    if (p == NULL || (unsigned)what > IG_EXPECT_DONE || !ig_parser_idle(p))
        return IG_E_USAGE;
    p->_expect = (int)what;
    return IG_OK;
}

const struct ig_command *ig_parser_command(const struct ig_parser *p)
{
    return p ? &p->_cmd : NULL;
}

const struct ig_literal *ig_parser_literal(const struct ig_parser *p)
{
    return p ? &p->_lit : NULL;
}

const struct ig_error *ig_parser_error(const struct ig_parser *p)
{
    return p ? &p->_err : NULL;
}

struct ig_span ig_parser_data(const struct ig_parser *p, uint64_t *remaining)
{
    struct ig_span none = {NULL, 0};
    if (p == NULL)
        return none;
    if (remaining != NULL)
        *remaining = p->_remain;
    return p->_data;
}

/* ---- positions and tags ---- */

/* Stream offset of _buf[pos], for pos at or after _check: undo the CRs inserted in
 * lenient-LF mode. */
static uint64_t stream_offset(const struct ig_parser *p, size_t pos)
{
    uint64_t off = p->_check_off + (pos - p->_check);
    for (uint32_t i = 0; i < p->_ncr; i++)
        if (p->_crpos[i] < pos)
            off--;
    return off;
}

/* The tag at the start of the buffered command, if a valid one is there. */
static struct ig_span find_tag(const struct ig_parser *p)
{
    struct ig_span t = {NULL, 0};
    size_t i = 0;
    if (p->_expect != IG_EXPECT_COMMAND)
        return t;
    while (i < p->_len && i <= p->_lim.max_tag && (ig__cclass[p->_buf[i]] & IG__C_TAG))
        i++;
    /* "tag SP": or a tag alone on its line, so that "a1\r\n" is answered "a1 BAD". */
    if (i > 0 && i <= p->_lim.max_tag && i < p->_len &&
        (p->_buf[i] == ' ' || (p->_buf[i] == '\r' && i + 2 == p->_len))) {
        t.ptr = p->_buf;
        t.len = i;
    }
    return t;
}

static int is_append(const struct ig_parser *p)
{
    struct ig_span t = find_tag(p);
    size_t w = t.len + 1;
    return t.len > 0 && p->_len >= w + 7 && ig__ascii_casecmp(p->_buf + w, "APPEND", 6) == 0 &&
           (p->_buf[w + 6] == ' ' || p->_buf[w + 6] == '\r');
}

/* The command word after the tag, read from the buffer without a grammar pass (the
 * buffer need not end in LF here, so the word is copied out with its own CRLF). */
static void error_command(const struct ig_parser *p, struct ig_error *e)
{
    e->name.ptr = NULL;
    e->name.len = 0;
    e->cmd = IG_CMD_OTHER;
    if (p->_expect != IG_EXPECT_COMMAND) {
        e->cmd = p->_expect == IG_EXPECT_SASL ? IG_CMD_SASL : IG_CMD_DONE;
        return;
    }
    if (e->tag.len == 0 || e->tag.len + 1 >= p->_len || p->_buf[e->tag.len] != ' ')
        return;
    const unsigned char *w = p->_buf + e->tag.len + 1;
    size_t avail = p->_len - e->tag.len - 1, n = 0;
    while (n < avail && n < 32 && (ig__cclass[w[n]] & IG__C_ATOM))
        n++;
    /* n == avail: the word runs to the end of what was kept of a line cut at max_line,
     * and may go on ("NOOP" of "NOOPXYZ"): it names nothing. */
    if (n == 0 || n == 32 || n == avail)
        return;
    unsigned char word[40];
    size_t len;
    memcpy(word, w, n);
    memcpy(word + n, "\r\n", 2);
    int c = ig__lex_command(word, &len, 0);
    if (c < 0 || len != n)
        return;
    e->name.ptr = w;
    e->name.len = n;
    if (c == IG_CMD__COUNT) { /* UID: name the UID command when it is there */
        size_t m = 0;
        if (n + 1 < avail && w[n] == ' ') {
            while (n + 1 + m < avail && m < 16 && (ig__cclass[w[n + 1 + m]] & IG__C_ATOM))
                m++;
        }
        memcpy(word, w + n + 1, m);
        memcpy(word + m, "\r\n", 2);
        c = m ? ig__lex_command(word, &len, 1) : IG_CMD_OTHER;
        if (m == 0 || n + 1 + m == avail || len != m || c <= IG_CMD_OTHER || c == IG_CMD__COUNT)
            c = IG_CMD_OTHER;
        else
            e->name.len = n + 1 + m;
    }
    e->cmd = (enum ig_cmd)c;
}

static enum ig_status set_error(struct ig_parser *p, enum ig_status code, uint64_t off,
                                const char *reason)
{
    p->_err.code = code;
    p->_err.offset = off;
    p->_err.reason = reason;
    p->_err.resp_code = NULL;
    p->_err.tag = find_tag(p);
    p->_err.command_offset = p->_cmd_off;
    error_command(p, &p->_err);
    return code;
}

/* ---- literal headers at line ends ---- */

struct header {
    int found;
    int bad;          /* 1: size out of range but known; 2: size unknown */
    int nonsync;
    int lit8;
    uint64_t size;
    size_t start;     /* index of "{" or "~" in the line */
};

/* Looks for a literal header ending the line s[0..n) (n includes the LF; the CR is
 * optional: with IG_OPT_LENIENT_LF a bare LF ends a line, also one being discarded; in
 * strict mode it is only called on lines that end in CRLF). truncated: s is only the
 * tail of a longer line, so a digit run reaching s[0] may be longer. */
static struct header line_literal(const unsigned char *s, size_t n, int truncated)
{
    struct header h;
    h.found = 0;
    /* Most lines do not end in "}" CRLF: decide that from the last bytes alone. */
    if (n == 0 || s[n - 1] != '\n')
        return h;
    n--;
    if (n > 0 && s[n - 1] == '\r')
        n--;
    if (n == 0 || s[n - 1] != '}')
        return h;
    memset(&h, 0, sizeof(h));
    size_t i = n - 1;
    if (i > 0 && s[i - 1] == '+') {
        h.nonsync = 1;
        i--;
    }
    size_t j = i;
    while (j > 0 && s[j - 1] >= '0' && s[j - 1] <= '9')
        j--;
    if (j == i)
        return h;
    if (j == 0) {
        if (truncated) {
            h.found = 1;
            h.bad = 2;
        }
        return h;
    }
    if (s[j - 1] != '{')
        return h;
    h.found = 1;
    h.start = j - 1;
    if (h.start > 0 && s[h.start - 1] == '~') {
        h.lit8 = 1;
        h.start--;
    }
    /* number64 = 1*DIGIT (RFC 9051 §9): leading zeros are allowed and carry no value,
     * so they do not count against the digits a size may have ({0000000000000000000005+}
     * is 5 octets to skip, not a size lost). */
    while (i - j > 1 && s[j] == '0')
        j++;
    if (i - j > IG__MAX_LITERAL_DIGITS) {
        h.bad = 2;
        return h;
    }
    uint64_t v = 0;
    for (size_t k = j; k < i; k++) {
        unsigned d = (unsigned)(s[k] - '0');
        if (v > (UINT64_MAX - d) / 10) {
            h.bad = 2;
            return h;
        }
        v = v * 10 + d;
    }
    h.size = v;
    if (v > IG__MAX_LITERAL_SIZE)
        h.bad = 1;
    return h;
}

static void enter_fatal(struct ig_parser *p)
{
    p->_state = ST_FATAL;
    p->_err.code = IG_E_FATAL;
}

/* Arranges to skip what is left of a rejected command whose line (or header) ended
 * with h: the octets of a non-synchronizing literal are consumed, then the rest of
 * its line; after a synchronizing one the client sends nothing more for the command. */
static void skip_rest(struct ig_parser *p, const struct header *h)
{
    p->_expect = IG_EXPECT_COMMAND;
    if (h != NULL && h->found && h->nonsync) {
        if (h->bad == 2) {
            enter_fatal(p);
            return;
        }
        p->_state = ST_SKIP_LITERAL;
        p->_remain = h->size;
        return;
    }
    p->_fresh = FRESH_ALL;
}

static enum ig_status literal_error(struct ig_parser *p, const struct header *h,
                                    enum ig_status code, uint64_t off, const char *reason)
{
    set_error(p, code, off, reason);
    skip_rest(p, h);
    if (p->_state == ST_FATAL) {
        p->_err.reason = "literal size out of range; the stream cannot be resynchronized";
        p->_err.resp_code = "TOOBIG";
        return IG_E_FATAL;
    }
    return code;
}

/* A literal over a size limit: the refusal carries TOOBIG (RFC 7888 §4-5, RFC 4469). */
static enum ig_status too_big(struct ig_parser *p, const struct header *h, uint64_t off,
                              const char *reason)
{
    enum ig_status st = literal_error(p, h, IG_E_LIMIT, off, reason);
    p->_err.resp_code = "TOOBIG";
    return st;
}

static enum ig_status pass_error(struct ig_parser *p, const struct ig__ps *ps,
                                 const struct header *h)
{
    uint64_t off = stream_offset(p, (size_t)(ps->errpos - p->_buf));
    return literal_error(p, h, ps->code, off, ps->reason);
}

/* A line ended without a literal header: the command (or SASL / DONE line) is whole. */
static enum ig_status complete_line(struct ig_parser *p)
{
    struct ig__ps ps;
    p->_cmd.offset = p->_cmd_off;
    enum ig__result r = ig__parse(p, &ps, p->_check, 0);
    if (r != IG__DONE)
        return pass_error(p, &ps, NULL);
    p->_cmd.offset = p->_cmd_off;
    p->_cmd.length = p->_off - p->_cmd_off;
    p->_expect = IG_EXPECT_COMMAND;
    p->_fresh = FRESH_ALL;
    return IG_OK;
}

/* A line ended with a literal header h. Decides, with a grammar pass where needed,
 * whether the literal is a string argument (octets kept in the buffer) or APPEND
 * message data (streamed), checks the limits, and announces it. */
static enum ig_status literal_header(struct ig_parser *p, const struct header *h)
{
    uint64_t hdr_off = stream_offset(p, p->_seg + h->start);
    int kind = KIND_ARG;

    if (h->bad)
        return too_big(p, h, hdr_off, "literal size out of range");
    if (++p->_nlit > p->_lim.max_literals)
        return literal_error(p, h, IG_E_LIMIT, hdr_off, "too many literals in one command");
    if (h->nonsync && h->size > p->_lim.max_nonsync_literal)
        return too_big(p, h, hdr_off, "non-synchronizing literal too large");
    /* A synchronizing literal is offered only on a line that is valid so far; APPEND
     * needs the grammar to tell a mailbox literal from message data. Other
     * non-synchronizing literals are simply taken: nothing is sent for them, and the
     * pass at the end of the command judges the whole. */
    if (!h->nonsync || p->_expect != IG_EXPECT_COMMAND || is_append(p)) {
        struct ig__ps ps;
        p->_cmd.offset = p->_cmd_off;
        enum ig__result r = ig__parse(p, &ps, p->_check, 1);
        if (r == IG__FAIL)
            return pass_error(p, &ps, h);
        if (r == IG__DONE) /* cannot happen: the pending header stops every pass */
            return literal_error(p, h, IG_E_SYNTAX, hdr_off, "unexpected literal");
        kind = r == IG__PENDING_MSG ? KIND_MSG : KIND_ARG;
    }
    if (kind == KIND_ARG) {
        if (h->size > p->_lim.max_string_literal)
            return too_big(p, h, hdr_off, "literal too large");
        if (p->_litbytes + h->size > p->_lim.max_literal_bytes)
            return too_big(p, h, hdr_off, "literals too large for one command");
        if (h->nonsync) {
            p->_litbytes += (uint32_t)h->size;
            p->_remain = h->size;
            p->_state = h->size ? ST_LITERAL : ST_LINE;
            p->_seg = p->_len;
            return CONTINUE;
        }
    } else if (h->size > p->_lim.max_append_literal) {
        return too_big(p, h, hdr_off, "message too large");
    }
    struct ig_literal *l = &p->_lit;
    const struct ig_append_msg *msg = l->msg;
    memset(l, 0, sizeof(*l));
    l->tag = find_tag(p);
    l->cmd = p->_cmd.cmd;
    l->size = h->size;
    l->kind = (uint8_t)((h->lit8 ? 2 : 0) | (h->nonsync ? 1 : 0));
    l->offset = hdr_off;
    if (kind == KIND_MSG) {
        l->message = 1;
        l->index = p->_nmsg - 1;
        l->mailbox = p->_cmd.u.append.mailbox;
        l->msg = msg;
    }
    p->_litkind = kind;
    p->_lit8 = (uint8_t)h->lit8;
    p->_state = ST_DECIDE;
    return IG_NEED_LITERAL;
}

/* Strict mode, a LF without CR in the command text: the command is bad now, and the
 * line it is in goes on to the next CRLF (see the top of this file). What was read
 * before the LF is no literal header ("{n+}" LF announces nothing), so skipping starts
 * afresh after the LF, looking for the CRLF and for a header just before it. */
static enum ig_status bare_lf(struct ig_parser *p)
{
    set_error(p, IG_E_SYNTAX, p->_off - 1, "bare LF (lines end in CRLF)");
    p->_expect = IG_EXPECT_COMMAND;
    p->_state = ST_SKIP_LINE;
    p->_taillen = 0;
    p->_tailtrunc = 0;
    return IG_E_SYNTAX;
}

/* The skipped text in _tail has just received a LF: does it end the line? Strict
 * mode: only with a CR right before it (a CR in the octets of a skipped literal does
 * not count: _tail starts afresh after them). */
static int skip_line_ends(const struct ig_parser *p)
{
    if (p->_opts & IG_OPT_LENIENT_LF)
        return 1;
    return p->_taillen >= 2 && p->_tail[p->_taillen - 2] == '\r';
}

/* The buffer ends with a LF at _len - 1: judge the line. */
static enum ig_status end_of_line(struct ig_parser *p)
{
    size_t n = p->_len - p->_seg;
    struct header h = line_literal(p->_buf + p->_seg, n, 0);

    if (n < 2 || p->_buf[p->_len - 2] != '\r') {
        if (!(p->_opts & IG_OPT_LENIENT_LF))
            return bare_lf(p);
        /* IG_OPT_LENIENT_LF: make it CRLF so the grammar sees one line ending. The CR
         * counts toward max_line (the buffer has room for it; see buffer_size). */
        uint32_t limit = p->_expect == IG_EXPECT_SASL ? p->_lim.max_sasl_line
                                                      : p->_lim.max_line;
        if (p->_textlen >= limit || p->_ncr >= crpos_count(&p->_lim))
            return literal_error(p, &h, IG_E_LIMIT, p->_off - 1, "command line too long");
        p->_buf[p->_len - 1] = '\r';
        p->_buf[p->_len++] = '\n';
        p->_crpos[p->_ncr++] = (uint32_t)(p->_len - 2);
        p->_textlen++;
        if (h.found)
            h = line_literal(p->_buf + p->_seg, p->_len - p->_seg, 0);
    }
    if (!h.found)
        return complete_line(p);
    return literal_header(p, &h);
}

static void append_bytes(struct ig_parser *p, const unsigned char *s, size_t n)
{
    assert(p->_len + n <= p->_bufcap);
    memcpy(p->_buf + p->_len, s, n);
    p->_len += n;
}

static void tail_add(struct ig_parser *p, const unsigned char *s, size_t n)
{
    size_t cap = sizeof(p->_tail);
    if (p->_taillen + n > cap)
        p->_tailtrunc = 1;
    if (n >= cap) {
        memcpy(p->_tail, s + n - cap, cap);
        p->_taillen = (uint8_t)cap;
        return;
    }
    size_t keep = p->_taillen + n > cap ? cap - n : p->_taillen;
    memmove(p->_tail, p->_tail + p->_taillen - keep, keep);
    memcpy(p->_tail + keep, s, n);
    p->_taillen = (uint8_t)(keep + n);
}

/* The zero-copy fast path: a whole command line (or the DONE line of IDLE) with no
 * literal lies at s in the caller's buffer, nl being its LF: parse it there, without
 * copying. 1 when it parsed; 0 when the general path must take the line (anything
 * unusual: an error, a literal header, a bare LF, a SASL line), which copies it,
 * parses it again and reports it. Only called at the start of a line (ST_LINE,
 * nothing buffered). */
static inline int line_in_place(struct ig_parser *p, const unsigned char *s, const unsigned char *nl)
{
    size_t n = (size_t)(nl - s) + 1;
    struct ig__ps ps;

    if (p->_expect == IG_EXPECT_SASL || n < 3 || n > p->_lim.max_line || s[n - 2] != '\r' ||
        s[n - 3] == '}')
        return 0;
    p->_cmd.offset = p->_cmd_off;
    if (ig__parse_in_place(p, &ps, s, n) != IG__DONE)
        return 0;
    /* What complete_line() does for a buffered line. */
    p->_off += n;
    p->_cmd.length = n;
    p->_expect = IG_EXPECT_COMMAND;
    p->_fresh = FRESH_IN_PLACE;
    return 1;
}

/* The framing loop: every state, any chunking. in_place: the fast path may still be
 * tried on the first line (ig_parser_feed has not tried it). */
static enum ig_status feed_loop(struct ig_parser *p, const unsigned char *in, size_t len,
                                size_t *used, int in_place)
{
    size_t pos = 0;

    for (;;) {
        if (pos == len) {
            *used = pos;
            return IG_NEED_MORE;
        }
        if (p->_fresh == FRESH_IN_PLACE)
            next_line(p);
        else if (p->_fresh)
            start_line(p);
        size_t avail = len - pos;
        const unsigned char *s = in + pos;
        int st = CONTINUE;

        switch (p->_state) {
        case ST_LINE: {
            const unsigned char *nl = memchr(s, '\n', avail);
            if (nl != NULL && p->_len == 0 && in_place && line_in_place(p, s, nl)) {
                *used = pos + (size_t)(nl - s) + 1;
                return IG_OK;
            }
            in_place = 1;
            size_t n = nl ? (size_t)(nl - s) + 1 : avail;
            uint32_t limit = p->_expect == IG_EXPECT_SASL ? p->_lim.max_sasl_line
                                                          : p->_lim.max_line;
            if (n > limit - p->_textlen) {
                /* Keep what fits (the tag is there for the error), skip the rest. */
                size_t fit = limit - p->_textlen;
                append_bytes(p, s, fit);
                p->_textlen += (uint32_t)fit;
                p->_off += fit;
                pos += fit;
                p->_taillen = 0;
                p->_tailtrunc = 0;
                tail_add(p, p->_buf + p->_seg, p->_len - p->_seg);
                set_error(p, IG_E_LIMIT, p->_off, "command line too long");
                p->_state = ST_SKIP_LINE;
                p->_expect = IG_EXPECT_COMMAND;
                st = IG_E_LIMIT;
                break;
            }
            append_bytes(p, s, n);
            p->_textlen += (uint32_t)n;
            p->_off += n;
            pos += n;
            if (nl != NULL)
                st = end_of_line(p);
            break;
        }
        case ST_LITERAL: {
            size_t k = avail < p->_remain ? avail : (size_t)p->_remain;
            append_bytes(p, s, k);
            p->_off += k;
            pos += k;
            p->_remain -= k;
            if (p->_remain == 0) {
                p->_state = ST_LINE;
                p->_seg = p->_len;
            }
            break;
        }
        case ST_DATA: {
            size_t k = avail < p->_remain ? avail : (size_t)p->_remain;
            const unsigned char *z = p->_lit8 ? NULL : memchr(s, 0, k);
            if (z == s) {
                /* RFC 9051 §4.3: a literal carries CHAR8, never NUL (literal8 may). The
                 * octets before the NUL went out as data first, whatever the chunking. */
                set_error(p, IG_E_SYNTAX, p->_off,
                          "NUL in literal (only literal8 may carry NUL)");
                p->_state = ST_SKIP_LITERAL;
                p->_expect = IG_EXPECT_COMMAND;
                st = IG_E_SYNTAX;
                break;
            }
            if (z != NULL)
                k = (size_t)(z - s);
            p->_data.ptr = s;
            p->_data.len = k;
            p->_off += k;
            pos += k;
            p->_remain -= k;
            if (p->_remain == 0) {
                p->_state = ST_LINE;
                p->_seg = p->_len;
            }
            st = IG_LITERAL_DATA;
            break;
        }
        case ST_SKIP_LITERAL: {
            size_t k = avail < p->_remain ? avail : (size_t)p->_remain;
            p->_off += k;
            pos += k;
            p->_remain -= k;
            p->_skipped += k;
            if (p->_remain == 0) {
                p->_state = ST_SKIP_LINE;
                p->_taillen = 0;
                p->_tailtrunc = 0;
            }
            break;
        }
        case ST_SKIP_LINE: {
            const unsigned char *nl = memchr(s, '\n', avail);
            size_t n = nl ? (size_t)(nl - s) + 1 : avail;
            tail_add(p, s, n);
            p->_off += n;
            pos += n;
            p->_skipped += n;
            if (nl != NULL && skip_line_ends(p)) {
                struct header h = line_literal(p->_tail, p->_taillen, p->_tailtrunc);
                skip_rest(p, &h);
                if (p->_state == ST_FATAL) {
                    set_error(p, IG_E_FATAL, p->_off,
                              "literal size out of range; the stream cannot be resynchronized");
                    p->_err.resp_code = "TOOBIG";
                    p->_err.tag.len = 0;
                    p->_err.tag.ptr = NULL;
                    st = IG_E_FATAL;
                }
            }
            break;
        }
        default:
            return IG_E_USAGE;
        }
        if (st != CONTINUE) {
            *used = pos;
            return (enum ig_status)st;
        }
    }
}

enum ig_status ig_parser_feed(struct ig_parser *p, const void *buf, size_t len, size_t *used)
{
    const unsigned char *in = buf, *nl;

    if (p == NULL || used == NULL || (buf == NULL && len > 0))
        return IG_E_USAGE;
    *used = 0;
    if (p->_buf == NULL) {
        p->_err.code = IG_E_USAGE;
        p->_err.reason = "no memory attached (ig_parser_attach)";
        p->_err.resp_code = NULL;
        return IG_E_USAGE;
    }
    /* Most calls start a line after one parsed in place (so in ST_LINE, not FATAL or
     * DECIDE) and the line is whole in buf: the fast path, without the loop. */
    if (p->_fresh == FRESH_IN_PLACE && len > 0) {
        next_line(p);
        nl = memchr(in, '\n', len);
        if (nl != NULL && line_in_place(p, in, nl)) {
            *used = (size_t)(nl - in) + 1;
            return IG_OK;
        }
        return feed_loop(p, in, len, used, 0);
    }
    if (p->_state == ST_FATAL)
        return IG_E_FATAL;
    if (p->_state == ST_DECIDE) {
        p->_err.code = IG_E_USAGE;
        p->_err.reason = "a literal is waiting for accept or reject";
        p->_err.resp_code = NULL;
        return IG_E_USAGE;
    }
    return feed_loop(p, in, len, used, 1);
}

enum ig_status ig_parser_literal_accept(struct ig_parser *p)
{
    if (p == NULL || p->_state != ST_DECIDE)
        return IG_E_USAGE;
    uint64_t size = p->_lit.size;
    if (p->_litkind == KIND_ARG) {
        p->_litbytes += (uint32_t)size;
        p->_state = ST_LITERAL;
        p->_remain = size;
        if (size == 0) {
            p->_state = ST_LINE;
            p->_seg = p->_len;
        }
        return IG_OK;
    }
    /* Message data: it never enters the buffer, so the grammar resumes right after
     * the header; keep the arena as the pass left it (the message record is on it). */
    p->_seg_lo = p->_lo;
    p->_seg_hi = p->_hi;
    p->_check = p->_len;
    p->_check_off = p->_off + size;
    p->_seg = p->_len;
    p->_ncr = 0;
    p->_nlit = 0;
    p->_remain = size;
    p->_state = size ? ST_DATA : ST_LINE;
    return IG_OK;
}

enum ig_status ig_parser_literal_reject(struct ig_parser *p)
{
    if (p == NULL || p->_state != ST_DECIDE)
        return IG_E_USAGE;
    struct header h;
    memset(&h, 0, sizeof(h));
    h.found = 1;
    h.nonsync = p->_lit.kind & 1;
    h.size = p->_lit.size;
    p->_state = ST_LINE;
    skip_rest(p, &h);
    return IG_OK;
}
