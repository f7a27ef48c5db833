/*
 * resp_typed.c - the typed forms a client or proxy acts on, derived from the generic tree
 * of untagged data (RFC 9051 §7.2-7.5, RFC 5161 ENABLED, RFC 7162 VANISHED / MODSEQ,
 * RFC 4731 ESEARCH) and from the text of response codes (RFC 9051 §7.1, RFC 4315,
 * RFC 7162). A typed response whose values do not fit its grammar is an error, not a
 * generic response: a client must not act on a malformed UIDVALIDITY or EXISTS.
 */
#include "resp_internal.h"

int ig__rspan_ieq(struct ig_span s, const char *word)
{
    size_t n = strlen(word);
    if (s.len != n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char a = s.ptr[i], b = (unsigned char)word[i];
        if (a >= 'a' && a <= 'z')
            a = (unsigned char)(a - 32);
        if (a != b)
            return 0;
    }
    return 1;
}

/* number (nz = 0) or nz-number (nz = 1: no leading zero, RFC 9051 §9 digit-nz), <= max. */
int ig__rnumber(struct ig_span s, uint64_t max, int nz, uint64_t *out)
{
    uint64_t v = 0;
    if (s.len == 0 || s.len > 20 || (nz && s.ptr[0] == '0'))
        return 0;
    for (size_t i = 0; i < s.len; i++) {
        if (s.ptr[i] < '0' || s.ptr[i] > '9')
            return 0;
        unsigned d = (unsigned)(s.ptr[i] - '0');
        if (v > (max - d) / 10)
            return 0;
        v = v * 10 + d;
    }
    *out = v;
    return 1;
}

/* sequence-set (allow_star) or uid-set: elements nz-number / "*" [":" ...], "," apart
 * ("$" is not allowed in responses, RFC 9051 §9 search-return-data). */
int ig__rseqset(struct ig_span s, int allow_star)
{
    size_t i = 0;
    if (s.len == 0)
        return 0;
    for (;;) {
        for (int side = 0; side < 2; side++) {
            size_t st = i;
            if (i < s.len && s.ptr[i] == '*' && allow_star) {
                i++;
            } else {
                while (i < s.len && s.ptr[i] >= '0' && s.ptr[i] <= '9')
                    i++;
                uint64_t v;
                struct ig_span num = {s.ptr + st, i - st};
                if (!ig__rnumber(num, 4294967295u, 1, &v))
                    return 0;
            }
            if (side == 0 && i < s.len && s.ptr[i] == ':')
                i++;
            else
                break;
        }
        if (i == s.len)
            return 1;
        if (s.ptr[i] != ',')
            return 0;
        i++;
    }
}

static int two(const unsigned char *p, unsigned *v)
{
    if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9')
        return 0;
    *v = (unsigned)(p[0] - '0') * 10 + (unsigned)(p[1] - '0');
    return 1;
}

/* date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE
 * (RFC 9051 §9), here the string value without its quotes: "dd-Mon-yyyy hh:mm:ss +zzzz". */
int ig__rdatetime(struct ig_span s, struct ig_datetime *out)
{
    static const char months[] = "JANFEBMARAPRMAYJUNJULAUGSEPOCTNOVDEC";
    static const unsigned char mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const unsigned char *p = s.ptr;
    unsigned day, mon = 0, y1, y2, hh, mm, ss, zh, zm;
    if (s.len != 26)
        return 0;
    if (p[0] == ' ') {
        if (p[1] < '1' || p[1] > '9')
            return 0;
        day = (unsigned)(p[1] - '0');
    } else if (!two(p, &day)) {
        return 0;
    }
    if (p[2] != '-' || p[6] != '-' || p[11] != ' ' || p[14] != ':' || p[17] != ':' ||
        p[20] != ' ' || (p[21] != '+' && p[21] != '-'))
        return 0;
    for (unsigned m = 0; m < 12; m++) {
        struct ig_span w = {p + 3, 3};
        char name[4] = {months[3 * m], months[3 * m + 1], months[3 * m + 2], 0};
        if (ig__rspan_ieq(w, name))
            mon = m + 1;
    }
    if (!mon || !two(p + 7, &y1) || !two(p + 9, &y2) || !two(p + 12, &hh) ||
        !two(p + 15, &mm) || !two(p + 18, &ss) || !two(p + 22, &zh) || !two(p + 24, &zm))
        return 0;
    unsigned year = y1 * 100 + y2;
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (day < 1 || day > mdays[mon - 1] || (mon == 2 && day == 29 && !leap) || hh > 23 ||
        mm > 59 || ss > 60 || zm > 59)
        return 0;
    out->year = (uint16_t)year;
    out->month = (uint8_t)mon;
    out->day = (uint8_t)day;
    out->hour = (uint8_t)hh;
    out->minute = (uint8_t)mm;
    out->second = (uint8_t)ss;
    int z = (int)(zh * 60 + zm);
    out->zone = (int16_t)(p[21] == '-' ? -z : z);
    return 1;
}

/* ---- response codes ---- */

/* Splits text at single SPs into an arena array of words; -1 on an empty word. */
static int split_words(struct ig__rps *ps, struct ig_span text, struct ig_rwords *out)
{
    uint32_t n = 1;
    out->n = 0;
    out->v = NULL;
    if (text.len == 0)
        return 0;
    for (size_t i = 0; i < text.len; i++)
        n += text.ptr[i] == ' ';
    struct ig_span *v = ig__ralloc(ps, n * sizeof *v);
    if (!v)
        return ig__rfail(ps, IG_E_NOMEM, ps->cur, "response too complex for the arena");
    size_t st = 0;
    uint32_t k = 0;
    for (size_t i = 0; i <= text.len; i++) {
        if (i == text.len || text.ptr[i] == ' ') {
            if (i == st)
                return -1;
            v[k].ptr = text.ptr + st;
            v[k].len = i - st;
            k++;
            st = i + 1;
        }
    }
    out->n = k;
    out->v = v;
    return 0;
}

/* "(" [word *(SP word)] ")" */
static int paren_words(struct ig__rps *ps, struct ig_span text, struct ig_rwords *out)
{
    if (text.len < 2 || text.ptr[0] != '(' || text.ptr[text.len - 1] != ')')
        return -1;
    struct ig_span in = {text.ptr + 1, text.len - 2};
    if (split_words(ps, in, out) < 0)
        return -1;
    for (uint32_t i = 0; i < out->n; i++)
        if (memchr(out->v[i].ptr, '(', out->v[i].len) || memchr(out->v[i].ptr, ')', out->v[i].len))
            return -1;
    return 0;
}

static int take_number(struct ig_span *t, uint64_t max, int nz, uint64_t *v, int last)
{
    size_t i = 0;
    while (i < t->len && t->ptr[i] != ' ')
        i++;
    struct ig_span num = {t->ptr, i};
    if (!ig__rnumber(num, max, nz, v) || (last ? i != t->len : i == t->len))
        return 0;
    t->ptr += last ? i : i + 1;
    t->len -= last ? i : i + 1;
    return 1;
}

static int take_set(struct ig_span *t, struct ig_span *set, int allow_star, int last)
{
    size_t i = 0;
    while (i < t->len && t->ptr[i] != ' ')
        i++;
    set->ptr = t->ptr;
    set->len = i;
    if (!ig__rseqset(*set, allow_star) || (last ? i != t->len : i == t->len))
        return 0;
    t->ptr += last ? i : i + 1;
    t->len -= last ? i : i + 1;
    return 1;
}

int ig__rtyped_code(struct ig__rps *ps, struct ig_resp_code *c)
{
    struct ig_span t = c->text;
    int ok = 1;
    switch (c->code) {
    case IG_RCODE_UIDNEXT:
    case IG_RCODE_UIDVALIDITY:
    case IG_RCODE_UNSEEN:
        ok = take_number(&t, 4294967295u, 1, &c->num, 1);
        break;
    case IG_RCODE_HIGHESTMODSEQ:
        /* mod-sequence-value = 1*DIGIT, 1 .. 2^63-1 (RFC 7162 §7) */
        ok = take_number(&t, 9223372036854775807u, 0, &c->num, 1) && c->num > 0;
        break;
    case IG_RCODE_APPENDUID:
        /* resp-code-apnd = "APPENDUID" SP nz-number SP append-uid (RFC 4315 §4) */
        ok = take_number(&t, 4294967295u, 1, &c->num, 0) && take_set(&t, &c->set_a, 0, 1);
        break;
    case IG_RCODE_COPYUID:
        ok = take_number(&t, 4294967295u, 1, &c->num, 0) && take_set(&t, &c->set_a, 0, 0) &&
             take_set(&t, &c->set_b, 0, 1);
        break;
    case IG_RCODE_MODIFIED:
        ok = take_set(&t, &c->set_a, 1, 1);
        break;
    case IG_RCODE_CAPABILITY:
        ok = t.len > 0 && split_words(ps, t, &c->words) == 0;
        break;
    case IG_RCODE_PERMANENTFLAGS:
        ok = paren_words(ps, t, &c->words) == 0;
        break;
    case IG_RCODE_BADCHARSET:
        ok = t.len == 0 || paren_words(ps, t, &c->words) == 0;
        break;
    default:
        break;
    }
    if (ps->reason)
        return -1;
    if (!ok)
        return ig__rfail(ps, IG_E_SYNTAX, c->name.ptr, "malformed arguments of a response code");
    return 0;
}

/* ---- untagged data ---- */

static int bad(struct ig__rps *ps, struct ig_response *resp, const char *reason)
{
    return ig__rfail(ps, IG_E_SYNTAX, resp->name.ptr, reason);
}

/* An atom or a string whose value is here (not streamed). */
static int string_value(struct ig__rps *ps, struct ig_response *resp, const struct ig_rarg *a,
                        struct ig_span *out)
{
    if (a->type != IG_RARG_ATOM && a->type != IG_RARG_STRING)
        return bad(ps, resp, "string expected");
    if (a->streamed)
        return ig__rfail(ps, IG_E_LIMIT, resp->name.ptr,
                         "literal over max_inline_literal where a short string is needed");
    *out = a->v;
    return 0;
}

static int atom_words(struct ig__rps *ps, const struct ig_rarg *v, uint32_t n,
                      struct ig_rwords *out)
{
    out->n = n;
    out->v = NULL;
    if (!n)
        return 0;
    struct ig_span *w = ig__ralloc(ps, n * sizeof *w);
    if (!w)
        return ig__rfail(ps, IG_E_NOMEM, ps->cur, "response too complex for the arena");
    for (uint32_t i = 0; i < n; i++) {
        if (v[i].type != IG_RARG_ATOM)
            return -2;
        w[i] = v[i].v;
    }
    out->v = w;
    return 0;
}

static int number_arg(const struct ig_rarg *a, uint64_t max, int nz, uint64_t *v)
{
    return a->type == IG_RARG_ATOM && ig__rnumber(a->v, max, nz, v);
}

static int typed_list(struct ig__rps *ps, struct ig_response *resp)
{
    const struct ig_rarg *a = resp->args.v;
    struct ig_rlist *l = &resp->u.list;
    /* mailbox-list = "(" [mbx-list-flags] ")" SP (DQUOTE QUOTED-CHAR DQUOTE / nil) SP
     *                mailbox [SP mbox-list-extended] (RFC 9051 §9, RFC 5258) */
    if (resp->args.n < 3 || resp->args.n > 4 || a[0].type != IG_RARG_LIST)
        return bad(ps, resp, "malformed LIST response");
    int rc = atom_words(ps, a[0].items, a[0].n, &l->attrs);
    if (rc == -2)
        return bad(ps, resp, "LIST attributes must be atoms");
    if (rc < 0)
        return -1;
    if (a[1].type == IG_RARG_STRING && a[1].form == IG_FORM_QUOTED && a[1].v.len == 1) {
        l->has_delim = 1;
        l->delim = a[1].v.ptr[0];
    } else if (a[1].type != IG_RARG_NIL) {
        return bad(ps, resp, "LIST delimiter must be one quoted character or NIL");
    }
    if (string_value(ps, resp, &a[2], &l->mailbox) < 0)
        return -1;
    if (resp->args.n == 4) {
        if (a[3].type != IG_RARG_LIST)
            return bad(ps, resp, "malformed LIST extended data");
        l->has_ext = 1;
        l->ext.n = a[3].n;
        l->ext.v = a[3].items;
    }
    return 0;
}

static int typed_status(struct ig__rps *ps, struct ig_response *resp)
{
    const struct ig_rarg *a = resp->args.v;
    struct ig_rstatus *s = &resp->u.status;
    if (resp->args.n != 2 || a[1].type != IG_RARG_LIST || a[1].n % 2)
        return bad(ps, resp, "malformed STATUS response");
    if (string_value(ps, resp, &a[0], &s->mailbox) < 0)
        return -1;
    s->n = a[1].n / 2;
    struct ig_rstatus_item *v = s->n ? ig__ralloc(ps, s->n * sizeof *v) : NULL;
    if (s->n && !v)
        return ig__rfail(ps, IG_E_NOMEM, ps->cur, "response too complex for the arena");
    for (uint32_t i = 0; i < s->n; i++) {
        const struct ig_rarg *name = &a[1].items[2 * i], *val = &a[1].items[2 * i + 1];
        memset(&v[i], 0, sizeof v[i]);
        if (name->type != IG_RARG_ATOM)
            return bad(ps, resp, "STATUS item name must be an atom");
        v[i].name = name->v;
        if (val->type == IG_RARG_NIL)
            v[i].nil = 1; /* APPENDLIMIT NIL (RFC 7889) */
        else if (val->type == IG_RARG_LIST)
            ; /* MAILBOXID (objectid) (RFC 8474): see the generic tree */
        else if (!number_arg(val, 9223372036854775807u, 0, &v[i].value))
            return bad(ps, resp, "STATUS value must be a number");
    }
    s->v = v;
    return 0;
}

static int typed_search(struct ig__rps *ps, struct ig_response *resp)
{
    const struct ig_rarg *a = resp->args.v;
    struct ig_rsearch *s = &resp->u.search;
    uint32_t n = resp->args.n;
    /* RFC 7162 §3.1.5: SEARCH ... SP "(" "MODSEQ" SP mod-sequence-value ")" */
    if (n && a[n - 1].type == IG_RARG_LIST) {
        const struct ig_rarg *m = &a[n - 1];
        if (n < 2 || m->n != 2 || m->items[0].type != IG_RARG_ATOM ||
            !ig__rspan_ieq(m->items[0].v, "MODSEQ") ||
            !number_arg(&m->items[1], 9223372036854775807u, 0, &s->modseq) || s->modseq == 0)
            return bad(ps, resp, "malformed SEARCH MODSEQ");
        s->has_modseq = 1;
        n--;
    }
    uint32_t *v = n ? ig__ralloc(ps, n * sizeof *v) : NULL;
    if (n && !v)
        return ig__rfail(ps, IG_E_NOMEM, ps->cur, "response too complex for the arena");
    for (uint32_t i = 0; i < n; i++) {
        uint64_t x;
        if (!number_arg(&a[i], 4294967295u, 1, &x))
            return bad(ps, resp, "SEARCH results must be nz-numbers");
        v[i] = (uint32_t)x;
    }
    s->n = n;
    s->v = v;
    return 0;
}

static int typed_esearch(struct ig__rps *ps, struct ig_response *resp)
{
    const struct ig_rarg *a = resp->args.v;
    struct ig_research *e = &resp->u.esearch;
    uint32_t i = 0, n = resp->args.n;
    /* esearch-response = "ESEARCH" [search-correlator] [SP "UID"] *(SP search-return-data) */
    if (i < n && a[i].type == IG_RARG_LIST) {
        const struct ig_rarg *c = &a[i];
        if (c->n != 2 || c->items[0].type != IG_RARG_ATOM || !ig__rspan_ieq(c->items[0].v, "TAG"))
            return bad(ps, resp, "malformed ESEARCH correlator");
        if (string_value(ps, resp, &c->items[1], &e->tag) < 0)
            return -1;
        e->has_tag = 1;
        i++;
    }
    if (i < n && a[i].type == IG_RARG_ATOM && ig__rspan_ieq(a[i].v, "UID")) {
        e->uid = 1;
        i++;
    }
    if ((n - i) % 2)
        return bad(ps, resp, "ESEARCH return data come in pairs");
    e->data.n = n - i;
    e->data.v = n > i ? a + i : NULL;
    for (; i < n; i += 2) {
        const struct ig_rarg *name = &a[i], *val = &a[i + 1];
        uint64_t x;
        if (name->type != IG_RARG_ATOM)
            return bad(ps, resp, "ESEARCH return item must be an atom");
        if (ig__rspan_ieq(name->v, "MIN") || ig__rspan_ieq(name->v, "MAX")) {
            if (!number_arg(val, 4294967295u, 1, &x))
                return bad(ps, resp, "ESEARCH MIN / MAX must be an nz-number");
            if (ig__rspan_ieq(name->v, "MIN"))
                e->has_min = 1, e->min = (uint32_t)x;
            else
                e->has_max = 1, e->max = (uint32_t)x;
        } else if (ig__rspan_ieq(name->v, "COUNT")) {
            if (!number_arg(val, 4294967295u, 0, &x))
                return bad(ps, resp, "ESEARCH COUNT must be a number");
            e->has_count = 1;
            e->count = (uint32_t)x;
        } else if (ig__rspan_ieq(name->v, "ALL")) {
            if (val->type != IG_RARG_ATOM || !ig__rseqset(val->v, 1))
                return bad(ps, resp, "ESEARCH ALL must be a sequence set");
            e->has_all = 1;
            e->all = val->v;
        } else if (ig__rspan_ieq(name->v, "MODSEQ")) {
            if (!number_arg(val, 9223372036854775807u, 0, &e->modseq) || e->modseq == 0)
                return bad(ps, resp, "ESEARCH MODSEQ must be a mod-sequence-value");
            e->has_modseq = 1;
        }
    }
    return 0;
}

static int typed_fetch(struct ig__rps *ps, struct ig_response *resp)
{
    const struct ig_rarg *a = resp->args.v;
    struct ig_rfetch *f = &resp->u.fetch;
    /* msg-att = "(" (msg-att-dynamic / msg-att-static) *(SP ...) ")": never empty */
    if (resp->args.n != 1 || a[0].type != IG_RARG_LIST || a[0].n == 0 || a[0].n % 2)
        return bad(ps, resp, "malformed FETCH response");
    f->n = a[0].n / 2;
    struct ig_rfetch_item *v = ig__ralloc(ps, f->n * sizeof *v);
    if (!v)
        return ig__rfail(ps, IG_E_NOMEM, ps->cur, "response too complex for the arena");
    for (uint32_t i = 0; i < f->n; i++) {
        const struct ig_rarg *name = &a[0].items[2 * i], *val = &a[0].items[2 * i + 1];
        uint64_t x;
        memset(&v[i], 0, sizeof v[i]);
        if (name->type != IG_RARG_ATOM)
            return bad(ps, resp, "FETCH item name must be an atom");
        v[i].name = name->v;
        v[i].value = val;
        if (ig__rspan_ieq(name->v, "FLAGS")) {
            if (val->type != IG_RARG_LIST || atom_words(ps, val->items, val->n, &f->flags) != 0)
                return ps->reason ? -1 : bad(ps, resp, "FETCH FLAGS must be a list of flags");
            v[i].item = IG_FITEM_FLAGS;
            f->has_flags = 1;
        } else if (ig__rspan_ieq(name->v, "UID")) {
            if (!number_arg(val, 4294967295u, 1, &x))
                return bad(ps, resp, "FETCH UID must be an nz-number");
            v[i].item = IG_FITEM_UID;
            f->has_uid = 1;
            f->uid = (uint32_t)x;
        } else if (ig__rspan_ieq(name->v, "MODSEQ")) {
            /* fetch-mod-resp = "MODSEQ" SP "(" permsg-modsequence ")" (RFC 7162 §7) */
            if (val->type != IG_RARG_LIST || val->n != 1 ||
                !number_arg(&val->items[0], 9223372036854775807u, 0, &f->modseq) ||
                f->modseq == 0)
                return bad(ps, resp, "FETCH MODSEQ must be (mod-sequence-value)");
            v[i].item = IG_FITEM_MODSEQ;
            f->has_modseq = 1;
        } else if (ig__rspan_ieq(name->v, "RFC822.SIZE")) {
            if (!number_arg(val, 9223372036854775807u, 0, &f->size))
                return bad(ps, resp, "FETCH RFC822.SIZE must be a number");
            v[i].item = IG_FITEM_RFC822_SIZE;
            f->has_size = 1;
        } else if (ig__rspan_ieq(name->v, "INTERNALDATE")) {
            if (val->type != IG_RARG_STRING || val->form != IG_FORM_QUOTED ||
                !ig__rdatetime(val->v, &f->date))
                return bad(ps, resp, "FETCH INTERNALDATE must be a quoted date-time");
            v[i].item = IG_FITEM_INTERNALDATE;
            f->has_date = 1;
        }
    }
    f->v = v;
    return 0;
}

int ig__rtyped_data(struct ig__rps *ps, struct ig_response *resp, int word)
{
    const struct ig_rarg *a = resp->args.v;
    int rc;
    switch (word) {
    case IG__W_CAPABILITY:
    case IG__W_ENABLED:
        resp->data = word == IG__W_CAPABILITY ? IG_RDATA_CAPABILITY : IG_RDATA_ENABLED;
        if (word == IG__W_CAPABILITY && resp->args.n == 0)
            return bad(ps, resp, "CAPABILITY lists no capability");
        rc = atom_words(ps, a, resp->args.n, &resp->u.words);
        return rc == -2 ? bad(ps, resp, "capabilities must be atoms") : rc;
    case IG__W_FLAGS:
        resp->data = IG_RDATA_FLAGS;
        if (resp->args.n != 1 || a[0].type != IG_RARG_LIST)
            return bad(ps, resp, "FLAGS needs one flag list");
        rc = atom_words(ps, a[0].items, a[0].n, &resp->u.words);
        return rc == -2 ? bad(ps, resp, "flags must be atoms") : rc;
    case IG__W_EXISTS:
    case IG__W_EXPUNGE:
    case IG__W_RECENT:
        resp->data = word == IG__W_EXISTS ? IG_RDATA_EXISTS
                     : word == IG__W_EXPUNGE ? IG_RDATA_EXPUNGE : IG_RDATA_RECENT;
        return resp->args.n ? bad(ps, resp, "no arguments may follow") : 0;
    case IG__W_VANISHED: {
        uint32_t i = 0;
        resp->data = IG_RDATA_VANISHED;
        if (resp->args.n == 2 && a[0].type == IG_RARG_LIST && a[0].n == 1 &&
            a[0].items[0].type == IG_RARG_ATOM && ig__rspan_ieq(a[0].items[0].v, "EARLIER")) {
            resp->u.vanished.earlier = 1;
            i = 1;
        }
        if (resp->args.n != i + 1 || a[i].type != IG_RARG_ATOM || !ig__rseqset(a[i].v, 1))
            return bad(ps, resp, "malformed VANISHED response");
        resp->u.vanished.uids = a[i].v;
        return 0;
    }
    case IG__W_LIST:
    case IG__W_LSUB:
        resp->data = word == IG__W_LIST ? IG_RDATA_LIST : IG_RDATA_LSUB;
        return typed_list(ps, resp);
    case IG__W_STATUS:
        resp->data = IG_RDATA_STATUS;
        return typed_status(ps, resp);
    case IG__W_SEARCH:
        resp->data = IG_RDATA_SEARCH;
        return typed_search(ps, resp);
    case IG__W_ESEARCH:
        resp->data = IG_RDATA_ESEARCH;
        return typed_esearch(ps, resp);
    case IG__W_FETCH:
        resp->data = IG_RDATA_FETCH;
        return typed_fetch(ps, resp);
    default:
        resp->data = IG_RDATA_OTHER;
        return 0;
    }
}
