/*
 * resp_reader.c - the streaming framer and the public API of the response reader. Bytes
 * arrive in chunks of any size; the framer copies response text into the reader's
 * buffer up to each LF, and at a line that ends in a literal header ("{n}" or "~{n}"
 * before CRLF, RFC 9051 §4.3, RFC 3516) asks the grammar whether that header stands
 * where a string may (resp_parse.c, prefix mode): only then is it a literal. So a "{5}" at
 * the end of resp-text never swallows the next response (a framing desync a hostile
 * server could use). Literal octets are handed out as spans of the caller's buffer as
 * they arrive, and copied only when small enough to keep (max_inline_literal).
 */
#include "resp_internal.h"

enum { ST_LINE = 0, ST_LITERAL, ST_TLS, ST_ERROR };

/* Not a status: "keep going" inside the feed loop. */
#define CONTINUE 100

void ig_response_limits_default(struct ig_response_limits *lim)
{
    lim->max_line = IG_RESP_DEFAULT_MAX_LINE;
    lim->max_literal = IG_RESP_DEFAULT_MAX_LITERAL;
    lim->max_inline_literal = IG_RESP_DEFAULT_MAX_INLINE_LITERAL;
    lim->max_inline_bytes = IG_RESP_DEFAULT_MAX_INLINE_BYTES;
    lim->max_literals = IG_RESP_DEFAULT_MAX_LITERALS;
    lim->max_depth = IG_RESP_DEFAULT_MAX_DEPTH;
    lim->max_items = IG_RESP_DEFAULT_MAX_ITEMS;
    lim->max_tag = IG_RESP_DEFAULT_MAX_TAG;
    lim->arena = IG_RESP_DEFAULT_ARENA;
}

static size_t align8(size_t n)
{
    return (n + 7u) & ~(size_t)7u;
}

/* Text outside literals, the kept literal octets, and slack for the sentinel. */
static size_t buffer_size(const struct ig_response_limits *l)
{
    return align8((size_t)l->max_line + l->max_inline_bytes + 8);
}

size_t ig_response_memsize(const struct ig_response_limits *lim)
{
    struct ig_response_limits d;
    if (!lim) {
        ig_response_limits_default(&d);
        lim = &d;
    }
    return buffer_size(lim) + align8((size_t)lim->max_literals * sizeof(struct ig__rlit)) +
           align8(lim->arena);
}

/* The text buffer, the literal records and the arena, in that order, over mem. */
static void lay_out(struct ig_response_reader *r, void *mem)
{
    unsigned char *m = mem;
    r->_buf = m;
    r->_bufcap = buffer_size(&r->_lim);
    r->_lits = m + r->_bufcap;
    r->_arena = m + r->_bufcap + align8((size_t)r->_lim.max_literals * sizeof(struct ig__rlit));
    r->_arenacap = align8(r->_lim.arena);
}

enum ig_status ig_response_init(struct ig_response_reader *r,
                                const struct ig_response_limits *lim, void *mem,
                                size_t memsize)
{
    struct ig_response_limits d;
    if (!r || !mem)
        return IG_E_USAGE;
    if (!lim) {
        ig_response_limits_default(&d);
        lim = &d;
    }
    if (!lim->max_line || !lim->max_literal || !lim->max_inline_bytes ||
        !lim->max_literals || !lim->max_depth || !lim->max_items || !lim->max_tag ||
        !lim->arena || lim->max_inline_literal > lim->max_inline_bytes ||
        lim->max_tag > 255 || lim->max_line < 8)
        return IG_E_USAGE;
    if (memsize < ig_response_memsize(lim))
        return IG_E_USAGE;
    memset(r, 0, sizeof *r);
    r->_lim = *lim;
    lay_out(r, mem);
    ig_response_reset(r);
    return IG_OK;
}

/* Lending the block (ig_response_detach / ig_response_attach): between responses the
 * reader keeps nothing in it (offsets, the STARTTLS tag and the state are in the
 * struct; the literal records and the arena start afresh with each response), so an
 * idle upstream connection of a proxy need not hold one. */
void *ig_response_detach(struct ig_response_reader *r)
{
    if (!r || !r->_buf || !ig_response_idle(r))
        return NULL;
    void *mem = r->_buf;
    r->_buf = NULL;
    r->_lits = NULL;
    r->_arena = NULL;
    /* The last response's spans point into the block: clear them with it. */
    memset(&r->_resp, 0, sizeof r->_resp);
    memset(&r->_lit, 0, sizeof r->_lit);
    return mem;
}

enum ig_status ig_response_attach(struct ig_response_reader *r, void *mem, size_t memsize)
{
    if (!r || !mem || r->_buf || ((uintptr_t)mem & 7u) != 0 ||
        memsize < ig_response_memsize(&r->_lim))
        return IG_E_USAGE;
    lay_out(r, mem);
    return IG_OK;
}

int ig_response_detached(const struct ig_response_reader *r)
{
    return r && !r->_buf;
}

void ig_response_reset(struct ig_response_reader *r)
{
    if (!r)
        return;
    r->_state = ST_LINE;
    r->_len = r->_text = r->_kept = 0;
    r->_nlit = 0;
    r->_remain = r->_litpos = 0;
    r->_tls_set = 0;
    r->_tls_taglen = 0;
    r->_resp_off = r->_off;
    memset(&r->_err, 0, sizeof r->_err);
}

enum ig_status ig_response_starttls(struct ig_response_reader *r, const void *tag, size_t len)
{
    if (!r || !tag || len == 0 || len > r->_lim.max_tag || len > sizeof r->_tls_tag)
        return IG_E_USAGE;
    memcpy(r->_tls_tag, tag, len);
    r->_tls_taglen = len;
    r->_tls_set = 1;
    return IG_OK;
}

static struct ig__rlit *lits(const struct ig_response_reader *r)
{
    return r->_lits;
}

/* Stream offset of buffer index pos of the response in progress: the buffer lacks the
 * octets of streamed literals, so count from the last text segment that starts at or
 * before pos. */
static uint64_t offset_of(const struct ig_response_reader *r, size_t pos)
{
    for (uint32_t i = r->_nlit; i-- > 0;) {
        const struct ig__rlit *l = &lits(r)[i];
        if (l->resume <= pos)
            return l->resume_off + (pos - l->resume);
    }
    return r->_resp_off + pos;
}

static enum ig_status fail(struct ig_response_reader *r, enum ig_status code, uint64_t off,
                           const char *reason)
{
    r->_err.code = code;
    r->_err.offset = off;
    r->_err.reason = reason;
    r->_err.tag.ptr = NULL;
    r->_err.tag.len = 0;
    r->_err.command_offset = r->_resp_off;
    r->_err.cmd = IG_CMD_OTHER;
    r->_err.resp_code = NULL;
    r->_state = ST_ERROR;
    return code;
}

/* Where the text segment in progress starts in the buffer. */
static size_t segment_start(const struct ig_response_reader *r)
{
    return r->_nlit ? lits(r)[r->_nlit - 1].resume : 0;
}

/* The line in _buf ends in CRLF; 1 and the header position when a literal header
 * ("{" 1*DIGIT "}" or "~{" ... "}") stands right before it. */
static int trailing_header(const struct ig_response_reader *r, size_t *hdr, int *lit8)
{
    size_t start = segment_start(r), end = r->_len - 2;
    if (end < start + 3 || r->_buf[end - 1] != '}')
        return 0;
    size_t j = end - 1;
    while (j > start && r->_buf[j - 1] >= '0' && r->_buf[j - 1] <= '9')
        j--;
    if (j == end - 1 || j == start || r->_buf[j - 1] != '{')
        return 0;
    *hdr = j - 1;
    *lit8 = 0;
    if (*hdr > start && r->_buf[*hdr - 1] == '~') {
        (*hdr)--;
        *lit8 = 1;
    }
    return 1;
}

static enum ig_status parse_error(struct ig_response_reader *r, const struct ig__rps *ps)
{
    return fail(r, ps->code, offset_of(r, (size_t)(ps->errpos - r->_buf)), ps->reason);
}

/* A literal header ends the line and the grammar says a string stands there. */
static enum ig_status announce(struct ig_response_reader *r, const struct ig__rps *ps,
                               size_t hdr, int lit8)
{
    const struct ig_response_limits *l = &r->_lim;
    size_t d = hdr + (lit8 ? 2u : 1u);
    uint64_t size = 0;
    for (; r->_buf[d] != '}'; d++) {
        if (size > (UINT64_MAX - 9) / 10)
            return fail(r, IG_E_LIMIT, offset_of(r, hdr), "literal larger than max_literal");
        size = size * 10 + (uint64_t)(r->_buf[d] - '0');
    }
    if (size > l->max_literal)
        return fail(r, IG_E_LIMIT, offset_of(r, hdr), "literal larger than max_literal");
    if (r->_nlit >= l->max_literals)
        return fail(r, IG_E_LIMIT, offset_of(r, hdr), "more than max_literals literals");
    int kept = size <= l->max_inline_literal;
    if (kept && r->_kept + size > l->max_inline_bytes)
        return fail(r, IG_E_LIMIT, offset_of(r, hdr),
                    "kept literal octets over max_inline_bytes");
    struct ig__rlit *rec = &lits(r)[r->_nlit];
    rec->hdr = hdr;
    rec->hdr_end = r->_len;
    rec->size = size;
    rec->kept = (uint8_t)kept;
    rec->lit8 = (uint8_t)lit8;
    r->_lit.index = r->_nlit;
    r->_lit.size = size;
    r->_lit.lit8 = (uint8_t)lit8;
    r->_lit.kept = (uint8_t)kept;
    r->_lit.offset = offset_of(r, hdr);
    r->_lit.prefix.ptr = r->_buf;
    r->_lit.prefix.len = hdr;
    r->_lit.item.ptr = ps->last_atom;
    r->_lit.item.len = ps->last_atom ? ps->last_atom_len : 0;
    r->_nlit++;
    if (kept)
        r->_kept += (uint32_t)size;
    r->_remain = size;
    r->_litpos = 0;
    if (size == 0) {
        rec->resume = r->_len;
        rec->resume_off = r->_off;
    } else {
        r->_state = ST_LITERAL;
    }
    return IG_NEED_LITERAL;
}

static void finish_response(struct ig_response_reader *r)
{
    struct ig_response *resp = &r->_resp;
    resp->offset = r->_resp_off;
    resp->length = r->_off - r->_resp_off;
    resp->nliterals = r->_nlit;
    if (r->_tls_set && resp->kind == IG_RESP_TAGGED && resp->tag.len == r->_tls_taglen &&
        memcmp(resp->tag.ptr, r->_tls_tag, r->_tls_taglen) == 0) {
        r->_tls_set = 0;
        if (resp->cond == IG_COND_OK) {
            /* RFC 9051 §6.2.1: the TLS negotiation begins right after the CRLF of this
             * OK; anything the server wrote before the handshake is plaintext an
             * attacker could have injected (CVE class of libetpan, mutt). */
            resp->tls_boundary = 1;
            r->_state = ST_TLS;
        }
    }
    r->_len = 0;
    r->_text = r->_kept = 0;
    r->_nlit = 0;
    r->_resp_off = r->_off;
}

/* A line ended (the LF is the last byte in _buf). */
static enum ig_status line_done(struct ig_response_reader *r)
{
    struct ig__rps ps;
    if (r->_len - segment_start(r) < 2 || r->_buf[r->_len - 2] != '\r')
        return fail(r, IG_E_SYNTAX, r->_off - 1, "line ends in a bare LF");
    size_t hdr;
    int lit8;
    if (trailing_header(r, &hdr, &lit8)) {
        enum ig__rres res = ig__rparse(r, &ps, 1);
        if (res == IG__R_PENDING)
            return announce(r, &ps, hdr, lit8);
        if (res == IG__R_FAIL)
            return parse_error(r, &ps);
        /* the header was inside text: an ordinary line end */
    }
    enum ig__rres res = ig__rparse(r, &ps, 0);
    if (res != IG__R_DONE)
        return parse_error(r, &ps);
    finish_response(r);
    return IG_OK;
}

enum ig_status ig_response_feed(struct ig_response_reader *r, const void *buf, size_t len,
                                size_t *used)
{
    if (used)
        *used = 0;
    if (!r || !used || (!buf && len) || !r->_buf)
        return IG_E_USAGE;
    if (r->_state == ST_ERROR)
        return r->_err.code;
    const unsigned char *in = buf;
    size_t pos = 0;
    if (r->_state == ST_TLS) {
        if (len == 0)
            return IG_NEED_MORE;
        return fail(r, IG_E_FATAL, r->_off,
                    "bytes after the tagged OK of STARTTLS (plaintext injection)");
    }
    for (;;) {
        if (pos == len) {
            *used = len;
            return IG_NEED_MORE;
        }
        if (r->_state == ST_LITERAL) {
            size_t n = len - pos;
            if (n > r->_remain)
                n = (size_t)r->_remain;
            const struct ig__rlit *rec = &lits(r)[r->_nlit - 1];
            /* RFC 9051 §4.3: a literal is CHAR8 (no NUL); only literal8 may hold one. */
            const unsigned char *nul = rec->lit8 ? NULL : memchr(in + pos, 0, n);
            if (nul == in + pos) {
                *used = pos;
                return fail(r, IG_E_SYNTAX, r->_off, "NUL in a literal (only literal8 may hold one)");
            }
            if (nul) /* hand out the octets before it first, whatever the chunking */
                n = (size_t)(nul - (in + pos));
            if (rec->kept)
                memcpy(r->_buf + r->_len, in + pos, n);
            if (rec->kept)
                r->_len += n;
            r->_data.ptr = in + pos;
            r->_data.len = n;
            r->_remain -= n;
            r->_litpos += n;
            r->_off += n;
            pos += n;
            if (r->_remain == 0) {
                struct ig__rlit *w = &lits(r)[r->_nlit - 1];
                w->resume = r->_len;
                w->resume_off = r->_off;
                r->_state = ST_LINE;
            }
            *used = pos;
            return IG_LITERAL_DATA;
        }
        /* ST_LINE: copy up to and including the next LF */
        const unsigned char *lf = memchr(in + pos, '\n', len - pos);
        size_t take = lf ? (size_t)(lf - (in + pos)) + 1 : len - pos;
        if ((uint64_t)r->_text + take > r->_lim.max_line) {
            *used = pos;
            return fail(r, IG_E_LIMIT, r->_off + (r->_lim.max_line - r->_text),
                        "response text longer than max_line");
        }
        memcpy(r->_buf + r->_len, in + pos, take);
        r->_len += take;
        r->_text += (uint32_t)take;
        r->_off += take;
        pos += take;
        if (!lf)
            continue;
        enum ig_status st = line_done(r);
        *used = pos;
        if (st != CONTINUE)
            return st;
    }
}

const struct ig_response *ig_response_get(const struct ig_response_reader *r)
{
    return r ? &r->_resp : NULL;
}

const struct ig_rliteral *ig_response_literal(const struct ig_response_reader *r)
{
    return r ? &r->_lit : NULL;
}

struct ig_span ig_response_data(const struct ig_response_reader *r, uint64_t *remaining)
{
    struct ig_span none = {NULL, 0};
    if (!r)
        return none;
    if (remaining)
        *remaining = r->_remain;
    return r->_data;
}

const struct ig_error *ig_response_error(const struct ig_response_reader *r)
{
    return r ? &r->_err : NULL;
}

uint64_t ig_response_held(const struct ig_response_reader *r)
{
    if (!r || r->_state == ST_TLS || r->_state == ST_ERROR)
        return 0;
    return r->_off - r->_resp_off;
}

int ig_response_idle(const struct ig_response_reader *r)
{
    return r && (r->_state == ST_TLS || (r->_state == ST_LINE && r->_len == 0 && r->_nlit == 0));
}

uint64_t ig_response_offset(const struct ig_response_reader *r)
{
    return r ? r->_off : 0;
}
