/*
 * search.c - SEARCH and UID SEARCH (RFC 9051 §6.4.4, rev1 keys of RFC 3501, ESEARCH
 * RETURN options of RFC 4731, SAVE and "$" of RFC 5182, MODSEQ of RFC 7162, EMAILID of
 * RFC 8474) evaluated over a connection's view: flags, keywords, internal date (BEFORE,
 * ON, SINCE) and Date header (SENT*), header and body substrings (ASCII
 * case-insensitive, unfolded; no charset or MIME decoding), sizes, sets, AND/OR/NOT.
 */
#include "store.h"

struct msgctx {
    struct ig_ref_conn *c;
    uint32_t i;                 /* 0-based view index */
    int split;
    struct ig_ref_entity e;
};

static const struct ig_ref_entity *entity(struct msgctx *x)
{
    if (!x->split) {
        struct ig_span s = {x->c->v[x->i].m->blob->data, x->c->v[x->i].m->blob->len};
        ig_ref__entity(s, 1, &x->e);
        x->split = 1;
    }
    return &x->e;
}

static int header_has(struct msgctx *x, const unsigned char *field, size_t flen,
                      struct ig_span needle)
{
    size_t pos = 0;
    struct ig_span n, f, v;
    struct ig_span h = entity(x)->header;
    while (ig_ref__field_next(h, &pos, &n, &f, &v))
        if (ig_ref__ci_eq(n.ptr, n.len, field, flen) && ig_ref__ci_find(v.ptr, v.len, needle.ptr, needle.len))
            return 1;
    return 0;
}

static int named_header_has(struct msgctx *x, const char *field, struct ig_span needle)
{
    return header_has(x, (const unsigned char *)field, strlen(field), needle);
}

static uint32_t ymd(unsigned y, unsigned m, unsigned d)
{
    return (uint32_t)(y * 10000u + m * 100u + d);
}

/* The date of an RFC 5322 Date header: [day-name ","] day month year ... */
static int sent_date(struct ig_span v, uint32_t *out)
{
    static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
    size_t i = 0;
    while (i < v.len && !(v.ptr[i] >= '0' && v.ptr[i] <= '9')) {
        if (v.ptr[i] == ',' || v.ptr[i] == ' ' || v.ptr[i] == '\t' ||
            ((v.ptr[i] | 0x20) >= 'a' && (v.ptr[i] | 0x20) <= 'z'))
            i++;
        else
            return 0;
    }
    unsigned d = 0, y = 0, m = 0, k = 0;
    for (; i < v.len && v.ptr[i] >= '0' && v.ptr[i] <= '9' && k < 2; i++, k++)
        d = d * 10 + (unsigned)(v.ptr[i] - '0');
    while (i < v.len && (v.ptr[i] == ' ' || v.ptr[i] == '\t' || v.ptr[i] == '-'))
        i++;
    if (i + 3 > v.len)
        return 0;
    for (unsigned mm = 0; mm < 12; mm++)
        if (ig_ref__lower(v.ptr[i]) == (unsigned char)months[3 * mm] &&
            ig_ref__lower(v.ptr[i + 1]) == (unsigned char)months[3 * mm + 1] &&
            ig_ref__lower(v.ptr[i + 2]) == (unsigned char)months[3 * mm + 2])
            m = mm + 1;
    i += 3;
    while (i < v.len && (v.ptr[i] == ' ' || v.ptr[i] == '\t' || v.ptr[i] == '-'))
        i++;
    for (k = 0; i < v.len && v.ptr[i] >= '0' && v.ptr[i] <= '9' && k < 4; i++, k++)
        y = y * 10 + (unsigned)(v.ptr[i] - '0');
    if (k == 2)
        y += y < 50 ? 2000 : 1900; /* RFC 5322 §4.3 */
    else if (k == 3)
        y += 1900;
    else if (k != 4)
        return 0;
    if (m == 0 || d == 0 || d > 31)
        return 0;
    *out = ymd(y, m, d);
    return 1;
}

static int match(struct msgctx *x, const struct ig_search_key *k);

static int match_all(struct msgctx *x, const struct ig_search_key *v, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        if (!match(x, &v[i]))
            return 0;
    return 1;
}

static int match(struct msgctx *x, const struct ig_search_key *k)
{
    struct ig_ref_conn *c = x->c;
    const struct ig_ref_ent *ent = &c->v[x->i];
    const struct ig_ref_msg *m = ent->m;
    uint32_t d;
    switch (k->kind) {
    case IG_SK_ALL:
        return 1;
    case IG_SK_ANSWERED:
        return (m->flags & REF_F_ANSWERED) != 0;
    case IG_SK_UNANSWERED:
        return !(m->flags & REF_F_ANSWERED);
    case IG_SK_DELETED:
        return (m->flags & REF_F_DELETED) != 0;
    case IG_SK_UNDELETED:
        return !(m->flags & REF_F_DELETED);
    case IG_SK_FLAGGED:
        return (m->flags & REF_F_FLAGGED) != 0;
    case IG_SK_UNFLAGGED:
        return !(m->flags & REF_F_FLAGGED);
    case IG_SK_SEEN:
        return (m->flags & REF_F_SEEN) != 0;
    case IG_SK_UNSEEN:
        return !(m->flags & REF_F_SEEN);
    case IG_SK_DRAFT:
        return (m->flags & REF_F_DRAFT) != 0;
    case IG_SK_UNDRAFT:
        return !(m->flags & REF_F_DRAFT);
    case IG_SK_KEYWORD:
    case IG_SK_UNKEYWORD: {
        int idx = ig_ref__keyword(c->st, k->u.keyword, 0);
        int has = idx >= 0 && (m->keywords & ((uint64_t)1 << idx));
        return k->kind == IG_SK_KEYWORD ? has : !has;
    }
    case IG_SK_NEW:
        return ent->recent && !(m->flags & REF_F_SEEN);
    case IG_SK_OLD:
        return !ent->recent;
    case IG_SK_RECENT:
        return ent->recent;
    case IG_SK_BCC:
        return named_header_has(x, "Bcc", k->u.str.v);
    case IG_SK_CC:
        return named_header_has(x, "Cc", k->u.str.v);
    case IG_SK_FROM:
        return named_header_has(x, "From", k->u.str.v);
    case IG_SK_TO:
        return named_header_has(x, "To", k->u.str.v);
    case IG_SK_SUBJECT:
        return named_header_has(x, "Subject", k->u.str.v);
    case IG_SK_HEADER:
        return header_has(x, k->u.header.field.v.ptr, k->u.header.field.v.len, k->u.header.value.v);
    case IG_SK_BODY: {
        struct ig_span b = entity(x)->body;
        return ig_ref__ci_find(b.ptr, b.len, k->u.str.v.ptr, k->u.str.v.len);
    }
    case IG_SK_TEXT:
        return ig_ref__ci_find(m->blob->data, m->blob->len, k->u.str.v.ptr, k->u.str.v.len);
    case IG_SK_BEFORE:
    case IG_SK_ON:
    case IG_SK_SINCE:
    case IG_SK_SENTBEFORE:
    case IG_SK_SENTON:
    case IG_SK_SENTSINCE: {
        /* RFC 9051 §6.4.4: dates disregard time and timezone */
        uint32_t want = ymd(k->u.date.year, k->u.date.month, k->u.date.day);
        struct ig_span v;
        d = ymd(m->date.year, m->date.month, m->date.day);
        if (k->kind >= IG_SK_SENTBEFORE) {
            uint32_t sd;
            if (ig_ref__header_get(entity(x)->header, "Date", &v) && sent_date(v, &sd))
                d = sd;
        }
        if (k->kind == IG_SK_BEFORE || k->kind == IG_SK_SENTBEFORE)
            return d < want;
        if (k->kind == IG_SK_ON || k->kind == IG_SK_SENTON)
            return d == want;
        return d >= want;
    }
    case IG_SK_LARGER:
        return m->blob->len > k->u.number;
    case IG_SK_SMALLER:
        return m->blob->len < k->u.number;
    case IG_SK_UID:
        return ig_ref__in_set(c, &k->u.set, x->i + 1, 1);
    case IG_SK_SET:
        return ig_ref__in_set(c, &k->u.set, x->i + 1, 0);
    case IG_SK_NOT:
        return !match(x, k->u.not_key);
    case IG_SK_OR:
        return match(x, k->u.or_keys.a) || match(x, k->u.or_keys.b);
    case IG_SK_AND:
        return match_all(x, k->u.and_keys.v, k->u.and_keys.n);
    case IG_SK_MODSEQ:
        return m->modseq >= k->u.modseq.value;
    case IG_SK_EMAILID: {
        char id[32];
        int n = snprintf(id, sizeof(id), "M%llu", (unsigned long long)m->blob->id);
        return n > 0 && ig_ref__ci_eq(k->u.str.v.ptr, k->u.str.v.len, id, (size_t)n);
    }
    case IG_SK_THREADID:
    default:
        return 0; /* no thread ids are assigned */
    }
}

static int uses_modseq(const struct ig_search_key *k, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        const struct ig_search_key *x = &k[i];
        if (x->kind == IG_SK_MODSEQ)
            return 1;
        if (x->kind == IG_SK_NOT && uses_modseq(x->u.not_key, 1))
            return 1;
        if (x->kind == IG_SK_OR && (uses_modseq(x->u.or_keys.a, 1) || uses_modseq(x->u.or_keys.b, 1)))
            return 1;
        if (x->kind == IG_SK_AND && uses_modseq(x->u.and_keys.v, x->u.and_keys.n))
            return 1;
    }
    return 0;
}

/* Saves the result (as UIDs) for "$" (RFC 5182). */
static int save(struct ig_ref_conn *c, const uint32_t *seqs, uint32_t n)
{
    uint32_t *v = malloc((n ? n : 1) * sizeof(*v));
    if (v == NULL)
        return -1;
    for (uint32_t i = 0; i < n; i++)
        v[i] = c->v[seqs[i] - 1].m->uid;
    free(c->saved);
    c->saved = v;
    c->nsaved = n;
    c->has_saved = 1;
    return 0;
}

enum ig_bk_status ig_ref__search(struct ig_ref_conn *c, const struct ig_command *cmd,
                                 struct ig_writer *w, struct ig_bk_reply *r)
{
    const struct ig_search *s = &cmd->u.search;
    const struct ig_search_program *p = &s->prog;
    int uid = cmd->cmd == IG_CMD_UID_SEARCH;
    if (p->has_charset && !ig_ref__ci_eq(p->charset.v.ptr, p->charset.v.len, "US-ASCII", 8) &&
        !ig_ref__ci_eq(p->charset.v.ptr, p->charset.v.len, "UTF-8", 5)) {
        r->code = "BADCHARSET (US-ASCII UTF-8)";
        r->text = "unsupported charset";
        return IG_BK_NO;
    }
    if (s->ret.present && s->ret.other.n) {
        r->text = "unknown RETURN option";
        return IG_BK_BAD;
    }
    /* matching sequence numbers, ascending */
    c->nres = 0;
    uint64_t maxmod = 0;
    for (uint32_t i = 0; i < c->n; i++) {
        struct msgctx x = {c, i, 0, {{0}, {0}, {0}, 0, 0}};
        if (!match_all(&x, p->keys, p->n))
            continue;
        if (ig_ref__res_push(c, i + 1)) {
            r->text = "out of memory";
            return IG_BK_NO;
        }
        if (c->v[i].m->modseq > maxmod)
            maxmod = c->v[i].m->modseq;
    }
    int modseq = uses_modseq(p->keys, p->n) && c->nres > 0;
    uint32_t n = c->nres, *seqs = c->res;
    uint32_t opts = s->ret.present ? s->ret.opts : 0;
    if (s->ret.present && opts == 0)
        opts = IG_RET_ALL; /* RFC 4731 §3.1: RETURN () is RETURN (ALL) */
    if (opts & IG_RET_SAVE) {
        int saved;
        if ((opts & (IG_RET_ALL | IG_RET_COUNT)) || !(opts & (IG_RET_MIN | IG_RET_MAX))) {
            saved = save(c, seqs, n);
        } else {
            /* RFC 5182 §2.4: SAVE with only MIN and/or MAX saves those */
            uint32_t mm[2], k = 0;
            if (n && (opts & IG_RET_MIN))
                mm[k++] = seqs[0];
            if (n && (opts & IG_RET_MAX) && !(k && seqs[n - 1] == mm[0]))
                mm[k++] = seqs[n - 1];
            saved = save(c, mm, k);
        }
        if (saved) {
            r->text = "out of memory";
            return IG_BK_NO;
        }
    }
    /* results as UIDs for UID SEARCH (ascending, since the view is in UID order) */
    if (uid)
        for (uint32_t i = 0; i < n; i++)
            seqs[i] = c->v[seqs[i] - 1].m->uid;
    if (!s->ret.present) {
        ig_w_untagged(w);
        ig_w_atom(w, "SEARCH");
        for (uint32_t i = 0; i < n; i++)
            ig_w_number(w, seqs[i]);
        if (modseq) {
            ig_w_open(w);
            ig_w_atom(w, "MODSEQ");
            ig_w_number(w, maxmod);
            ig_w_close(w);
        }
        ig_w_end(w);
        return IG_BK_OK;
    }
    if ((opts & ~(uint32_t)IG_RET_SAVE) == 0)
        return IG_BK_OK; /* SAVE alone: no ESEARCH response (RFC 5182 §2.4) */
    ig_w_untagged(w);
    ig_w_atom(w, "ESEARCH");
    ig_w_open(w);
    ig_w_atom(w, "TAG");
    ig_w_string(w, cmd->tag);
    ig_w_close(w);
    if (uid)
        ig_w_atom(w, "UID");
    if ((opts & IG_RET_MIN) && n) {
        ig_w_atom(w, "MIN");
        ig_w_number(w, seqs[0]);
    }
    if ((opts & IG_RET_MAX) && n) {
        ig_w_atom(w, "MAX");
        ig_w_number(w, seqs[n - 1]);
    }
    if (opts & IG_RET_COUNT) {
        ig_w_atom(w, "COUNT");
        ig_w_number(w, n);
    }
    if ((opts & IG_RET_ALL) && n) {
        size_t cap = (size_t)n * 22 + 1;
        char *set = malloc(cap);
        size_t len = set ? ig_ref__format_set(seqs, n, set, cap) : 0;
        if (len == 0) {
            free(set);
            ig_w_end(w);
            r->text = "out of memory";
            return IG_BK_NO;
        }
        struct ig_span a = {(const unsigned char *)set, len};
        ig_w_atom(w, "ALL");
        ig_w_atom_span(w, a);
        free(set);
    }
    if (modseq) {
        ig_w_atom(w, "MODSEQ");
        ig_w_number(w, maxmod);
    }
    ig_w_end(w);
    return IG_BK_OK;
}
