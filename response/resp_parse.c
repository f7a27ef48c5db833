/*
 * resp_parse.c - the response grammar (RFC 9051 §7 and §9: continue-req, response-tagged,
 * response-data, response-fatal) over one buffered response. Status responses are read
 * as resp-text (a response code, then text: never literals); untagged data is read
 * into the generic argument tree (atoms, strings, NIL, lists, literals), from which
 * resp_typed.c derives the typed forms. In prefix mode (the buffer ends in a literal header
 * not framed yet) the pass stops with IG__R_PENDING exactly when that header stands
 * where a value may: the framer's only way to tell a literal from text ending in "{5}".
 */
#include "resp_internal.h"

int ig__rfail(struct ig__rps *ps, enum ig_status code, const unsigned char *pos,
              const char *reason)
{
    if (!ps->reason) {
        ps->code = code;
        ps->errpos = pos;
        ps->reason = reason;
    }
    return -1;
}

static int syntax(struct ig__rps *ps, const unsigned char *pos, const char *reason)
{
    return ig__rfail(ps, IG_E_SYNTAX, pos, reason);
}

void *ig__ralloc(struct ig__rps *ps, size_t size)
{
    size = (size + 7u) & ~(size_t)7u;
    if (size > ps->hi - ps->lo)
        return NULL;
    void *p = ps->r->_arena + ps->lo;
    ps->lo += size;
    return p;
}

static int nomem(struct ig__rps *ps)
{
    return ig__rfail(ps, IG_E_NOMEM, ps->cur, "response too complex for the arena");
}

static int count_item(struct ig__rps *ps)
{
    if (++ps->items > ps->r->_lim.max_items)
        return ig__rfail(ps, IG_E_LIMIT, ps->cur, "more than max_items values in a response");
    return 0;
}

static int expect_sp(struct ig__rps *ps, const char *reason)
{
    if (*ps->cur != ' ')
        return syntax(ps, ps->cur, reason);
    ps->cur++;
    return 0;
}

/* CRLF ends the response: the LF is the last byte in the buffer. */
static int expect_end(struct ig__rps *ps, const char *reason)
{
    if (ps->cur[0] != '\r' || ps->cur[1] != '\n')
        return syntax(ps, ps->cur, reason);
    ps->cur += 2;
    if (ps->cur != ps->buf + ps->r->_len)
        return syntax(ps, ps->cur, "bytes after the end of the response");
    return 0;
}

/* resp-text = ["[" resp-text-code "]" SP] [text] (RFC 9051 §9; RFC 3501 wanted text). */
static int resp_text(struct ig__rps *ps, struct ig_response *resp)
{
    const unsigned char *c = ps->cur;
    if (*c == '[') {
        size_t n;
        int code = ig__rlex_code(c + 1, &n);
        if (code == IG_RCODE_NONE)
            return syntax(ps, c + 1, "response code expected after '['");
        resp->code.code = (uint8_t)code;
        resp->code.name.ptr = c + 1;
        resp->code.name.len = n;
        c += 1 + n;
        if (*c == ' ') {
            size_t m = ig__rlex_codetext(c + 1);
            if (m == 0)
                return syntax(ps, c + 1, "response code text expected after SP");
            resp->code.text.ptr = c + 1;
            resp->code.text.len = m;
            c += 1 + m;
        }
        if (*c != ']')
            return syntax(ps, c, "']' expected after the response code");
        c++;
        /* RFC 9051 §9: "]" SP, even when no text follows */
        if (*c != ' ')
            return syntax(ps, c, "SP expected after the response code");
        c++;
        ps->cur = c;
        if (ig__rtyped_code(ps, &resp->code) < 0)
            return -1;
    }
    size_t m = ig__rlex_text(c);
    resp->text.ptr = c;
    resp->text.len = m;
    c += m;
    ps->cur = c;
    if (c[0] == '\r' && c[1] == '\n')
        return expect_end(ps, "CRLF expected");
    if (*c == 0)
        return syntax(ps, c, "NUL in text");
    if (*c >= 0x80)
        return syntax(ps, c, "text is not UTF-8");
    return syntax(ps, c, "bare CR in text");
}

static int value(struct ig__rps *ps, uint32_t depth, struct ig_rarg *out);

/* Items of a list (after its "(") or of the top level (after the response word),
 * finished into a C array in the arena. */
static int items(struct ig__rps *ps, uint32_t depth, int top, struct ig_rargs *out)
{
    size_t mark = ps->hi;
    uint32_t n = 0;
    const size_t sz = sizeof(struct ig_rarg);
    for (;;) {
        if (top) {
            if (*ps->cur != ' ')
                break;
            ps->cur++;
        } else if (*ps->cur == ')') {
            if (n > 0)
                return syntax(ps, ps->cur, "value expected after SP");
            break;
        }
        struct ig_rarg v;
        int rc = value(ps, depth, &v);
        if (rc < 0)
            return rc;
        if (sz > ps->hi - ps->lo)
            return nomem(ps);
        ps->hi -= sz;
        memcpy(ps->r->_arena + ps->hi, &v, sz);
        n++;
        if (!top) {
            if (*ps->cur == ')')
                break;
            /* RFC 9051 §9: address lists ("(" 1*address ")"), multipart bodies
             * (1*body SP media-subtype) and NAMESPACE (1*Namespace-Descr) put lists
             * side by side without SP. */
            if (*ps->cur == '(' && v.type == IG_RARG_LIST)
                continue;
            if (*ps->cur != ' ')
                return syntax(ps, ps->cur, "SP or ')' expected in a list");
            ps->cur++;
            if (*ps->cur == ')')
                return syntax(ps, ps->cur, "value expected after SP");
        }
    }
    out->n = n;
    out->v = NULL;
    if (n) {
        if (ps->lo + n * sz > ps->hi)
            return nomem(ps);
        struct ig_rarg *dst = (struct ig_rarg *)(void *)(ps->r->_arena + ps->lo);
        for (uint32_t i = 0; i < n; i++)
            memcpy(&dst[i], ps->r->_arena + mark - (i + 1) * sz, sz);
        ps->lo += n * sz;
        out->v = dst;
    }
    ps->hi = mark;
    return 0;
}

static int quoted(struct ig__rps *ps, size_t len, struct ig_rarg *out)
{
    const unsigned char *s = ps->cur + 1;
    size_t n = len - 2;
    out->type = IG_RARG_STRING;
    out->form = IG_FORM_QUOTED;
    if (!memchr(s, '\\', n)) {
        out->v.ptr = s;
        out->v.len = n;
        return 0;
    }
    unsigned char *d = ig__ralloc(ps, n);
    if (!d)
        return nomem(ps);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\')
            i++;
        d[k++] = s[i];
    }
    out->v.ptr = d;
    out->v.len = k;
    return 0;
}

static int literal(struct ig__rps *ps, int lit8, struct ig_rarg *out)
{
    struct ig_response_reader *r = ps->r;
    const struct ig__rlit *recs = r->_lits;
    size_t at = (size_t)(ps->cur - ps->buf);
    if (ps->lit == r->_nlit) {
        if (ps->prefix)
            return -2; /* the literal being framed: stop here */
        return syntax(ps, ps->cur, "literal header without its octets");
    }
    const struct ig__rlit *rec = &recs[ps->lit];
    if (rec->hdr != at)
        return syntax(ps, ps->cur, "literal header out of place");
    out->type = IG_RARG_STRING;
    out->form = lit8 ? IG_FORM_LITERAL8 : IG_FORM_LITERAL;
    out->lit = ps->lit;
    out->size = rec->size;
    if (rec->kept) {
        out->v.ptr = ps->buf + rec->hdr_end;
        out->v.len = (size_t)rec->size;
    } else {
        out->streamed = 1;
    }
    ps->lit++;
    ps->cur = ps->buf + rec->resume;
    return 0;
}

static int value(struct ig__rps *ps, uint32_t depth, struct ig_rarg *out)
{
    size_t len;
    memset(out, 0, sizeof *out);
    if (count_item(ps) < 0)
        return -1;
    int t = ig__rlex_token(ps->cur, &len);
    const unsigned char *at = ps->cur;
    int atom = 0, rc = 0;
    switch (t) {
    case IG__T_LPAR:
        if (depth + 1 > ps->r->_lim.max_depth)
            return ig__rfail(ps, IG_E_LIMIT, at, "lists nested deeper than max_depth");
        ps->cur++;
        out->type = IG_RARG_LIST;
        {
            struct ig_rargs l;
            int lrc = items(ps, depth + 1, 0, &l);
            if (lrc < 0)
                return lrc;
            out->n = l.n;
            out->items = l.v;
        }
        ps->cur++; /* ")" */
        break;
    case IG__T_ATOM:
        out->type = IG_RARG_ATOM;
        out->v.ptr = at;
        out->v.len = len;
        ps->cur += len;
        atom = 1;
        break;
    case IG__T_NIL:
        out->type = IG_RARG_NIL;
        out->v.ptr = at;
        out->v.len = len;
        ps->cur += len;
        break;
    case IG__T_QUOTED:
        rc = quoted(ps, len, out);
        ps->cur += len;
        break;
    case IG__T_QNUL:
        return syntax(ps, at + len - 1, "NUL in a quoted string");
    case IG__T_LITERAL:
    case IG__T_LITERAL8:
        rc = literal(ps, t == IG__T_LITERAL8, out);
        break;
    default:
        if (*at == '"')
            return syntax(ps, at, "bad byte or unterminated quoted string");
        if (*at == '{' || *at == '~')
            return syntax(ps, at, "bad literal header");
        return syntax(ps, at, "value expected");
    }
    if (rc < 0)
        return rc;
    if (atom) {
        ps->last_atom = at;
        ps->last_atom_len = len;
    } else {
        ps->last_atom = NULL;
    }
    return 0;
}

/* response-data after "* ": a status, or data with its generic arguments. */
static int untagged(struct ig__rps *ps, struct ig_response *resp)
{
    size_t n;
    const unsigned char *at = ps->cur;
    int w = ig__rlex_word(at, &n);
    if (w == IG__W_NUMBER) {
        uint64_t num;
        struct ig_span s = {at, n};
        if (!ig__rnumber(s, 4294967295u, 0, &num))
            return syntax(ps, at, "number out of range");
        resp->has_number = 1;
        resp->number = (uint32_t)num;
        ps->cur += n;
        if (expect_sp(ps, "SP expected after the number") < 0)
            return -1;
        at = ps->cur;
        w = ig__rlex_word(at, &n);
        switch (w) {
        case IG__W_EXPUNGE:
        case IG__W_FETCH:
            /* message-data = nz-number SP ("EXPUNGE" / ("FETCH" SP msg-att)) */
            if (num == 0)
                return syntax(ps, at - 2, "message number 0");
            break;
        case IG__W_EXISTS:
        case IG__W_RECENT:
        case IG__W_ATOM:
            break;
        default:
            return syntax(ps, at, "EXISTS, EXPUNGE, RECENT or FETCH expected after a number");
        }
    } else {
        switch (w) {
        case IG__W_OK: case IG__W_NO: case IG__W_BAD: case IG__W_PREAUTH: case IG__W_BYE:
            resp->kind = IG_RESP_STATUS;
            resp->cond = (uint8_t)(w == IG__W_OK ? IG_COND_OK : w == IG__W_NO ? IG_COND_NO
                                   : w == IG__W_BAD ? IG_COND_BAD
                                   : w == IG__W_PREAUTH ? IG_COND_PREAUTH : IG_COND_BYE);
            ps->cur += n;
            if (expect_sp(ps, "SP expected after the status") < 0)
                return -1;
            return resp_text(ps, resp);
        case IG__W_EXISTS: case IG__W_EXPUNGE: case IG__W_RECENT: case IG__W_FETCH:
            return syntax(ps, at, "a number must come before this response");
        case IG__W_NONE: case IG__W_NUMBER:
            return syntax(ps, at, "response name expected");
        default:
            break;
        }
    }
    resp->kind = IG_RESP_DATA;
    resp->name.ptr = at;
    resp->name.len = n;
    ps->cur += n;
    int rc = items(ps, 0, 1, &resp->args);
    if (rc < 0)
        return rc;
    if (expect_end(ps, "SP or CRLF expected") < 0)
        return -1;
    if (!ps->prefix && ig__rtyped_data(ps, resp, w) < 0)
        return -1;
    return 0;
}

static int response(struct ig__rps *ps, struct ig_response *resp)
{
    const unsigned char *c = ps->cur;
    if (*c == '+') {
        /* continue-req = "+" SP (resp-text / base64) CRLF */
        resp->kind = IG_RESP_CONTINUE;
        ps->cur++;
        if (expect_sp(ps, "SP expected after '+'") < 0)
            return -1;
        return resp_text(ps, resp);
    }
    if (*c == '*') {
        ps->cur++;
        if (expect_sp(ps, "SP expected after '*'") < 0)
            return -1;
        return untagged(ps, resp);
    }
    size_t n;
    if (!ig__rlex_tag(c, &n))
        return syntax(ps, c, "tag, '*' or '+' expected");
    if (n > ps->r->_lim.max_tag)
        return ig__rfail(ps, IG_E_LIMIT, c + ps->r->_lim.max_tag, "tag longer than max_tag");
    resp->kind = IG_RESP_TAGGED;
    resp->tag.ptr = c;
    resp->tag.len = n;
    ps->cur += n;
    if (expect_sp(ps, "SP expected after the tag") < 0)
        return -1;
    int w = ig__rlex_word(ps->cur, &n);
    if (w != IG__W_OK && w != IG__W_NO && w != IG__W_BAD)
        return syntax(ps, ps->cur, "OK, NO or BAD expected after the tag");
    resp->cond = (uint8_t)(w == IG__W_OK ? IG_COND_OK : w == IG__W_NO ? IG_COND_NO : IG_COND_BAD);
    ps->cur += n;
    if (expect_sp(ps, "SP expected after the status") < 0)
        return -1;
    return resp_text(ps, resp);
}

enum ig__rres ig__rparse(struct ig_response_reader *r, struct ig__rps *ps, int prefix)
{
    memset(ps, 0, sizeof *ps);
    ps->r = r;
    ps->buf = ps->cur = r->_buf;
    ps->prefix = prefix;
    ps->resp = &r->_resp;
    ps->lo = 0;
    ps->hi = r->_arenacap;
    memset(&r->_resp, 0, sizeof r->_resp);
    int rc = response(ps, &r->_resp);
    if (rc == -2)
        return IG__R_PENDING;
    if (rc < 0) {
        assert(ps->reason);
        return IG__R_FAIL;
    }
    return IG__R_DONE;
}
