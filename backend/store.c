/*
 * store.c - the reference backend's in-memory store: users, mailboxes (UIDVALIDITY,
 * UIDNEXT, highest modseq, special use), refcounted messages over shared blobs,
 * subscriptions, the keyword table, a connection's view of its selected mailbox, and
 * deferred freeing (what pending output may still point to waits for ig_ref_reclaim).
 * It does no protocol work: the commands live in ops.c, mailbox.c, fetch.c, search.c.
 */
#include "store.h"

#include <time.h>

void ig_ref_config_default(struct ig_ref_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->uidvalidity = IG_REF_FIXED_UIDVALIDITY;
    cfg->clock = IG_REF_FIXED_CLOCK;
    cfg->max_message = 64u << 20;
    cfg->max_bytes = (uint64_t)1 << 30;
    cfg->max_messages = 100000;
    cfg->max_mailboxes = 1000;
    cfg->max_subscriptions = 1000;
}

/* ---- bytes ---- */

unsigned char ig_ref__lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

int ig_ref__ci_eq(const unsigned char *a, size_t alen, const void *b, size_t blen)
{
    const unsigned char *bb = b;
    if (alen != blen)
        return 0;
    for (size_t i = 0; i < alen; i++)
        if (ig_ref__lower(a[i]) != ig_ref__lower(bb[i]))
            return 0;
    return 1;
}

int ig_ref__ci_prefix(const unsigned char *a, size_t alen, const char *prefix)
{
    size_t n = strlen(prefix);
    return alen >= n && ig_ref__ci_eq(a, n, prefix, n);
}

int ig_ref__ci_find(const unsigned char *hay, size_t hlen, const unsigned char *needle,
                    size_t nlen)
{
    if (nlen == 0)
        return 1;
    for (size_t i = 0; i < hlen; i++) {
        if (hay[i] == '\r' || hay[i] == '\n')
            continue;
        size_t h = i, k = 0;
        while (k < nlen && h < hlen) {
            if (hay[h] == '\r' || hay[h] == '\n') {
                h++;
                continue;
            }
            if (ig_ref__lower(hay[h]) != ig_ref__lower(needle[k]))
                break;
            h++;
            k++;
        }
        if (k == nlen)
            return 1;
    }
    return 0;
}

static int is_inbox_level(const unsigned char *p, size_t len)
{
    return len >= 5 && ig_ref__ci_eq(p, 5, "INBOX", 5) && (len == 5 || p[5] == '/');
}

int ig_ref__name_cmp(const unsigned char *a, size_t alen, const unsigned char *b, size_t blen)
{
    int ai = alen == 5 && memcmp(a, "INBOX", 5) == 0;
    int bi = blen == 5 && memcmp(b, "INBOX", 5) == 0;
    if (ai || bi)
        return bi - ai;
    size_t n = alen < blen ? alen : blen;
    int c = n ? memcmp(a, b, n) : 0;
    if (c)
        return c;
    return alen < blen ? -1 : alen > blen;
}

size_t ig_ref__canon_lookup(struct ig_span in, unsigned char *out)
{
    if (in.len == 0 || in.len > REF_MAX_NAME)
        return 0;
    memcpy(out, in.ptr, in.len);
    if (is_inbox_level(out, in.len))
        memcpy(out, "INBOX", 5);
    return in.len;
}

/* RFC 9051 §5.1 leaves mailbox naming to the server. These rules keep every name this
 * store creates usable as a path under the store's folder: in the Maildir++ layout
 * (maildir.c) mailbox "A/B" is the folder DIR/.A.B, so a "." inside a level would read
 * back as a hierarchy separator, and "", "." and ".." levels are what path traversal
 * ("../../etc") is made of. Limits: IG_REF_MAX_LEVEL per level (NAME_MAX of common file
 * systems), IG_REF_MAX_NAME in all. */
const char *ig_ref__name_problem(const unsigned char *p, size_t len)
{
    if (len == 0)
        return "empty mailbox name";
    if (len > IG_REF_MAX_NAME)
        return "mailbox name too long";
    int dots = 0;
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && p[i] != '/') {
            unsigned char ch = p[i];
            if (ch < 0x20 || ch == 0x7f)
                return "control character in mailbox name";
            if (ch == '*' || ch == '%')
                return "wildcard in mailbox name";
            dots |= ch == '.';
            continue;
        }
        size_t n = i - start;
        if (n == 0)
            return "empty hierarchy level in mailbox name";
        if ((n == 1 && p[start] == '.') || (n == 2 && p[start] == '.' && p[start + 1] == '.'))
            return "\".\" or \"..\" as a hierarchy level";
        if (n > IG_REF_MAX_LEVEL)
            return "hierarchy level too long";
        start = i + 1;
    }
    if (dots)
        return "\".\" in a mailbox name (the hierarchy separator on disk)";
    return NULL;
}

size_t ig_ref__canon_name(struct ig_span in, unsigned char *out, int strip_trailing,
                          const char **why)
{
    size_t len = in.len;
    if (strip_trailing)
        while (len > 0 && in.ptr[len - 1] == '/')
            len--;
    const char *problem = ig_ref__name_problem(in.ptr, len);
    if (why)
        *why = problem;
    if (problem)
        return 0;
    struct ig_span s = {in.ptr, len};
    return ig_ref__canon_lookup(s, out);
}

/* ---- dates ---- */

int64_t ig_ref__days(int y, unsigned m, unsigned d)
{
    /* days from 1970-01-01 (H. Hinnant's days_from_civil) */
    int64_t yy = (int64_t)y - (m <= 2);
    int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
    int64_t yoe = yy - era * 400;
    int64_t mp = m > 2 ? (int64_t)m - 3 : (int64_t)m + 9;
    int64_t doy = (153 * mp + 2) / 5 + (int64_t)d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void ig_ref__epoch_to_dt(int64_t t, struct ig_datetime *dt)
{
    int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    int64_t secs = t - days * 86400;
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    if (y < 1)
        y = 1;
    if (y > 9999)
        y = 9999;
    memset(dt, 0, sizeof(*dt));
    dt->year = (uint16_t)y;
    dt->month = (uint8_t)m;
    dt->day = (uint8_t)d;
    dt->hour = (uint8_t)(secs / 3600);
    dt->minute = (uint8_t)(secs / 60 % 60);
    dt->second = (uint8_t)(secs % 60);
    dt->zone = 0;
}

void ig_ref__now(const struct ig_ref_store *st, struct ig_datetime *dt)
{
    ig_ref__epoch_to_dt(st->cfg.deterministic ? st->cfg.clock : (int64_t)time(NULL), dt);
}

/* ---- memory ---- */

int ig_ref__grow(void **arr, uint32_t *cap, uint32_t need, size_t el)
{
    if (need <= *cap)
        return 0;
    uint64_t nc = *cap ? (uint64_t)*cap * 2 : 8;
    while (nc < need)
        nc *= 2;
    if (nc > UINT32_MAX || nc * el > SIZE_MAX / 2)
        return -1;
    void *p = realloc(*arr, (size_t)nc * el);
    if (p == NULL)
        return -1;
    *arr = p;
    *cap = (uint32_t)nc;
    return 0;
}

void *ig_ref__scratch(struct ig_ref_store *st, size_t n)
{
    if (n > SIZE_MAX - sizeof(struct ig_ref_scratch)) {
        st->oom = 1;
        return NULL;
    }
    struct ig_ref_scratch *s = malloc(sizeof(*s) + (n ? n : 1));
    if (s == NULL) {
        st->oom = 1;
        return NULL;
    }
    s->next = st->scratch;
    st->scratch = s;
    return s->data;
}

/* Names live in scratch-shaped blocks, so that freeing one can be deferred (a LIST
 * response may refer to it) without allocating. */
static int name_set(struct ig_ref_name *n, const void *p, size_t len)
{
    struct ig_ref_scratch *s = malloc(sizeof(*s) + len + 1);
    if (s == NULL)
        return -1;
    s->next = NULL;
    if (len)
        memcpy(s->data, p, len);
    s->data[len] = 0;
    n->p = s->data;
    n->len = len;
    return 0;
}

static struct ig_ref_scratch *name_block(struct ig_ref_name *n)
{
    return (struct ig_ref_scratch *)(void *)(n->p - offsetof(struct ig_ref_scratch, data));
}

static void name_free_now(struct ig_ref_name *n)
{
    if (n->p)
        free(name_block(n));
    n->p = NULL;
    n->len = 0;
}

static void name_defer(struct ig_ref_store *st, struct ig_ref_name *n)
{
    if (n->p) {
        struct ig_ref_scratch *s = name_block(n);
        s->next = st->scratch;
        st->scratch = s;
    }
    n->p = NULL;
    n->len = 0;
}

/* ---- blobs and messages ---- */

struct ig_ref_blob *ig_ref__blob_new(struct ig_ref_store *st, const void *data, size_t len)
{
    if (len > st->cfg.max_bytes || st->bytes > st->cfg.max_bytes - len ||
        len > SIZE_MAX - sizeof(struct ig_ref_blob))
        return NULL;
    int nul = len > 0 && memchr(data, 0, len) != NULL;
    if (nul && (len > st->cfg.max_bytes - len || st->bytes > st->cfg.max_bytes - 2 * len))
        return NULL;
    struct ig_ref_blob *b = malloc(sizeof(*b) + (len ? len : 1) * (nul ? 2 : 1));
    if (b == NULL)
        return NULL;
    b->refs = 1;
    b->id = ++st->next_blob_id;
    b->len = len;
    b->shadow = NULL;
    if (len)
        memcpy(b->data, data, len);
    if (nul) {
        unsigned char *sh = b->data + len;
        for (size_t i = 0; i < len; i++)
            sh[i] = b->data[i] ? b->data[i] : 0x80;
        b->shadow = sh;
    }
    st->bytes += nul ? 2 * len : len;
    return b;
}

void ig_ref__blob_unref(struct ig_ref_store *st, struct ig_ref_blob *b)
{
    if (b && --b->refs == 0) {
        st->bytes -= b->shadow ? 2 * b->len : b->len;
        free(b);
    }
}

struct ig_span ig_ref__nul_free(const struct ig_ref_blob *b, struct ig_span s)
{
    if (b->shadow != NULL && s.len > 0 && s.ptr >= b->data && s.ptr + s.len <= b->data + b->len)
        s.ptr = b->shadow + (s.ptr - b->data);
    return s;
}

void ig_ref__msg_unref(struct ig_ref_store *st, struct ig_ref_msg *m)
{
    if (m && --m->refs == 0) {
        m->next_dead = st->dead;
        st->dead = m;
    }
}

uint64_t ig_ref__next_modseq(struct ig_ref_mbox *b)
{
    return ++b->highestmodseq;
}

struct ig_ref_msg *ig_ref__add_msg(struct ig_ref_store *st, struct ig_ref_mbox *b,
                                   struct ig_ref_blob *blob, uint32_t flags, uint64_t kw,
                                   const struct ig_datetime *date)
{
    if (st->messages >= st->cfg.max_messages || b->uidnext == UINT32_MAX || b->n == UINT32_MAX)
        return NULL;
    if (ig_ref__grow((void **)&b->msgs, &b->cap, b->n + 1, sizeof(*b->msgs)) != 0)
        return NULL;
    struct ig_ref_msg *m = calloc(1, sizeof(*m));
    if (m == NULL)
        return NULL;
    m->refs = 1;
    m->uid = b->uidnext++;
    m->flags = flags & REF_F_ALL;
    m->keywords = kw;
    m->modseq = ig_ref__next_modseq(b);
    m->recent = 1;
    m->date = *date;
    m->blob = blob;
    blob->refs++;
    b->msgs[b->n++] = m;
    st->messages++;
    return m;
}

void ig_ref__expunge_at(struct ig_ref_store *st, struct ig_ref_mbox *b, uint32_t i)
{
    struct ig_ref_msg *m = b->msgs[i];
    m->expunged = 1;
    memmove(b->msgs + i, b->msgs + i + 1, (size_t)(b->n - i - 1) * sizeof(*b->msgs));
    b->n--;
    st->messages--;
    ig_ref__next_modseq(b);
    ig_ref__msg_unref(st, m);
}

int ig_ref__keyword(struct ig_ref_store *st, struct ig_span name, int create)
{
    for (uint32_t i = 0; i < st->nkw; i++)
        if (ig_ref__ci_eq(st->kw[i].p, st->kw[i].len, name.ptr, name.len))
            return (int)i;
    if (!create || st->nkw >= REF_MAX_KEYWORDS || name.len == 0 || name.len > 256)
        return -1;
    if (name_set(&st->kw[st->nkw], name.ptr, name.len) != 0)
        return -1;
    return (int)st->nkw++;
}

/* ---- store, users ---- */

struct ig_ref_store *ig_ref_store_new(const struct ig_ref_config *cfg)
{
    struct ig_ref_store *st = calloc(1, sizeof(*st));
    if (st == NULL)
        return NULL;
    if (cfg)
        st->cfg = *cfg;
    else
        ig_ref_config_default(&st->cfg);
    if (st->cfg.deterministic) {
        st->next_uidvalidity = st->cfg.uidvalidity ? st->cfg.uidvalidity : 1;
    } else {
        time_t now = time(NULL);
        st->next_uidvalidity = now > 0 && (uint64_t)now < UINT32_MAX ? (uint32_t)now : 1;
    }
    return st;
}

static void box_free(struct ig_ref_store *st, struct ig_ref_mbox *b, int now)
{
    for (uint32_t i = 0; i < b->n; i++) {
        b->msgs[i]->expunged = 1;
        ig_ref__msg_unref(st, b->msgs[i]);
    }
    if (!b->deleted)
        st->messages -= b->n;
    free(b->msgs);
    if (now)
        name_free_now(&b->name);
    else
        name_defer(st, &b->name);
    free(b);
}

static void free_dead(struct ig_ref_store *st, int all)
{
    while (st->dead) {
        struct ig_ref_msg *m = st->dead;
        st->dead = m->next_dead;
        ig_ref__blob_unref(st, m->blob);
        free(m);
    }
    while (st->scratch) {
        struct ig_ref_scratch *s = st->scratch;
        st->scratch = s->next;
        free(s);
    }
    struct ig_ref_mbox **pp = &st->dead_boxes;
    while (*pp) {
        struct ig_ref_mbox *b = *pp;
        if (all || b->selected == 0) {
            *pp = b->next_dead;
            free(b->msgs);
            name_free_now(&b->name);
            free(b);
        } else {
            pp = &b->next_dead;
        }
    }
}

void ig_ref_reclaim(struct ig_ref_store *st)
{
    if (st)
        free_dead(st, 0);
}

void ig_ref_store_free(struct ig_ref_store *st)
{
    if (st == NULL)
        return;
    for (uint32_t i = 0; i < st->nusers; i++) {
        struct ig_ref_user *u = st->users[i];
        for (uint32_t j = 0; j < u->n; j++)
            box_free(st, u->boxes[j], 1);
        for (uint32_t j = 0; j < u->nsubs; j++)
            name_free_now(&u->subs[j]);
        free(u->boxes);
        free(u->subs);
        name_free_now(&u->name);
        name_free_now(&u->pass);
        free(u);
    }
    free(st->users);
    for (uint32_t i = 0; i < st->nkw; i++)
        name_free_now(&st->kw[i]);
    free_dead(st, 1);
    free(st);
}

struct ig_ref_user *ig_ref_add_user(struct ig_ref_store *st, const void *name, size_t nlen,
                                    const void *pass, size_t plen)
{
    if (st == NULL || nlen == 0 || nlen > 256 || plen > 256)
        return NULL;
    for (uint32_t i = 0; i < st->nusers; i++)
        if (st->users[i]->name.len == nlen && memcmp(st->users[i]->name.p, name, nlen) == 0)
            return NULL;
    if (ig_ref__grow((void **)&st->users, &st->capusers, st->nusers + 1, sizeof(*st->users)))
        return NULL;
    struct ig_ref_user *u = calloc(1, sizeof(*u));
    if (u == NULL)
        return NULL;
    if (name_set(&u->name, name, nlen) || name_set(&u->pass, pass, plen)) {
        name_free_now(&u->name);
        free(u);
        return NULL;
    }
    st->users[st->nusers++] = u;
    int created;
    if (ig_ref__create(st, u, (const unsigned char *)"INBOX", 5, &created) == NULL) {
        st->nusers--;
        name_free_now(&u->name);
        name_free_now(&u->pass);
        free(u->boxes);
        free(u);
        return NULL;
    }
    return u;
}

/* ---- mailboxes ---- */

struct ig_ref_mbox *ig_ref__find(struct ig_ref_user *u, const unsigned char *name, size_t len)
{
    for (uint32_t i = 0; i < u->n; i++)
        if (u->boxes[i]->name.len == len && memcmp(u->boxes[i]->name.p, name, len) == 0)
            return u->boxes[i];
    return NULL;
}

struct ig_ref_mbox *ig_ref__find_span(struct ig_ref_user *u, struct ig_span name)
{
    unsigned char buf[REF_MAX_NAME];
    size_t n = ig_ref__canon_lookup(name, buf);
    return n ? ig_ref__find(u, buf, n) : NULL;
}

static int box_cmp(const void *a, const void *b)
{
    const struct ig_ref_mbox *x = *(struct ig_ref_mbox *const *)a;
    const struct ig_ref_mbox *y = *(struct ig_ref_mbox *const *)b;
    return ig_ref__name_cmp(x->name.p, x->name.len, y->name.p, y->name.len);
}

void ig_ref__sort_boxes(struct ig_ref_user *u)
{
    if (u->n > 1)
        qsort(u->boxes, u->n, sizeof(*u->boxes), box_cmp);
}

static struct ig_ref_mbox *create_one(struct ig_ref_store *st, struct ig_ref_user *u,
                                      const unsigned char *name, size_t len)
{
    if (u->n >= st->cfg.max_mailboxes)
        return NULL;
    if (ig_ref__grow((void **)&u->boxes, &u->cap, u->n + 1, sizeof(*u->boxes)))
        return NULL;
    struct ig_ref_mbox *b = calloc(1, sizeof(*b));
    if (b == NULL)
        return NULL;
    if (name_set(&b->name, name, len)) {
        free(b);
        return NULL;
    }
    if (!st->cfg.deterministic) {
        time_t now = time(NULL);
        if (now > 0 && (uint64_t)now < UINT32_MAX && (uint32_t)now > st->next_uidvalidity)
            st->next_uidvalidity = (uint32_t)now;
    }
    b->uidvalidity = st->next_uidvalidity;
    st->next_uidvalidity = st->next_uidvalidity == UINT32_MAX ? 1 : st->next_uidvalidity + 1;
    b->uidnext = 1;
    u->boxes[u->n++] = b;
    ig_ref__sort_boxes(u);
    return b;
}

struct ig_ref_mbox *ig_ref__create(struct ig_ref_store *st, struct ig_ref_user *u,
                                   const unsigned char *name, size_t len, int *created)
{
    *created = 0;
    if (ig_ref__name_problem(name, len))
        return NULL;
    for (size_t i = 1; i < len; i++) {
        if (name[i] == '/' && ig_ref__find(u, name, i) == NULL)
            if (create_one(st, u, name, i) == NULL)
                return NULL;
    }
    struct ig_ref_mbox *b = ig_ref__find(u, name, len);
    if (b)
        return b;
    b = create_one(st, u, name, len);
    if (b)
        *created = 1;
    return b;
}

int ig_ref__has_children(const struct ig_ref_user *u, const struct ig_ref_mbox *b)
{
    for (uint32_t i = 0; i < u->n; i++) {
        const struct ig_ref_name *n = &u->boxes[i]->name;
        if (n->len > b->name.len + 1 && n->p[b->name.len] == '/' &&
            memcmp(n->p, b->name.p, b->name.len) == 0)
            return 1;
    }
    return 0;
}

void ig_ref__delete_box(struct ig_ref_store *st, struct ig_ref_user *u, struct ig_ref_mbox *b)
{
    for (uint32_t i = 0; i < u->n; i++) {
        if (u->boxes[i] == b) {
            memmove(u->boxes + i, u->boxes + i + 1, (size_t)(u->n - i - 1) * sizeof(*u->boxes));
            u->n--;
            break;
        }
    }
    if (b->selected == 0) {
        box_free(st, b, 0);
        return;
    }
    /* A connection has it selected: its view keeps the messages; the mailbox waits. */
    for (uint32_t i = 0; i < b->n; i++) {
        b->msgs[i]->expunged = 1;
        ig_ref__msg_unref(st, b->msgs[i]);
    }
    st->messages -= b->n;
    b->n = 0;
    b->deleted = 1;
    name_defer(st, &b->name);
    b->next_dead = st->dead_boxes;
    st->dead_boxes = b;
}

int ig_ref__rename(struct ig_ref_store *st, struct ig_ref_user *u, struct ig_ref_mbox *b,
                   const unsigned char *to, size_t tolen)
{
    size_t flen = b->name.len;
    if (ig_ref__name_problem(to, tolen))
        return -2;
    unsigned char *from = malloc(flen ? flen : 1);
    if (from == NULL)
        return -1;
    memcpy(from, b->name.p, flen);
    /* the mailbox and its inferiors; every new name is checked for length first */
    for (uint32_t i = 0; i < u->n; i++) {
        struct ig_ref_name *n = &u->boxes[i]->name;
        int self = n->len == flen && memcmp(n->p, from, flen) == 0;
        int child = n->len > flen + 1 && n->p[flen] == '/' && memcmp(n->p, from, flen) == 0;
        if ((self || child) && n->len - flen + tolen > REF_MAX_NAME) {
            free(from);
            return -2;
        }
    }
    /* superiors of the new name (after the length check: a refused RENAME
     * creates nothing) */
    for (size_t i = 1; i < tolen; i++)
        if (to[i] == '/' && ig_ref__find(u, to, i) == NULL && create_one(st, u, to, i) == NULL) {
            free(from);
            return -1;
        }
    for (uint32_t i = 0; i < u->n; i++) {
        struct ig_ref_name *n = &u->boxes[i]->name;
        int self = n->len == flen && memcmp(n->p, from, flen) == 0;
        int child = n->len > flen + 1 && n->p[flen] == '/' && memcmp(n->p, from, flen) == 0;
        if (!self && !child)
            continue;
        unsigned char buf[REF_MAX_NAME];
        size_t nl = tolen + (n->len - flen);
        memcpy(buf, to, tolen);
        memcpy(buf + tolen, n->p + flen, n->len - flen);
        struct ig_ref_name nn;
        if (name_set(&nn, buf, nl)) {
            free(from);
            ig_ref__sort_boxes(u);
            return -1;
        }
        name_defer(st, n);
        *n = nn;
    }
    free(from);
    ig_ref__sort_boxes(u);
    return 0;
}

/* ---- subscriptions ---- */

static int sub_index(const struct ig_ref_user *u, const unsigned char *name, size_t len,
                     uint32_t *at)
{
    uint32_t i = 0;
    for (; i < u->nsubs; i++) {
        int c = ig_ref__name_cmp(u->subs[i].p, u->subs[i].len, name, len);
        if (c == 0) {
            *at = i;
            return 1;
        }
        if (c > 0)
            break;
    }
    *at = i;
    return 0;
}

int ig_ref__subscribed(const struct ig_ref_user *u, const unsigned char *name, size_t len)
{
    uint32_t at;
    return sub_index(u, name, len, &at);
}

int ig_ref__subscribe(struct ig_ref_store *st, struct ig_ref_user *u, const unsigned char *name,
                      size_t len, int on)
{
    uint32_t at;
    int have = sub_index(u, name, len, &at);
    if (on) {
        if (have)
            return 0;
        if (u->nsubs >= st->cfg.max_subscriptions ||
            ig_ref__grow((void **)&u->subs, &u->capsubs, u->nsubs + 1, sizeof(*u->subs)))
            return -1;
        struct ig_ref_name nn;
        if (name_set(&nn, name, len))
            return -1;
        memmove(u->subs + at + 1, u->subs + at, (size_t)(u->nsubs - at) * sizeof(*u->subs));
        u->subs[at] = nn;
        u->nsubs++;
        return 0;
    }
    if (have) {
        name_defer(st, &u->subs[at]);
        memmove(u->subs + at, u->subs + at + 1, (size_t)(u->nsubs - at - 1) * sizeof(*u->subs));
        u->nsubs--;
    }
    return 0;
}

/* ---- connections and views ---- */

struct ig_ref_conn *ig_ref_conn_new(struct ig_ref_store *st)
{
    if (st == NULL)
        return NULL;
    struct ig_ref_conn *c = calloc(1, sizeof(*c));
    if (c)
        c->st = st;
    return c;
}

static void append_reset(struct ig_ref_conn *c)
{
    for (uint32_t i = 0; i < c->app_n; i++)
        free(c->app[i].data);
    c->app_n = 0;
    c->app_bytes = 0;
    c->app_active = 0;
    c->app_failed = 0;
    c->app_namelen = 0;
}

void ig_ref__append_reset(struct ig_ref_conn *c)
{
    append_reset(c);
}

void ig_ref_conn_free(struct ig_ref_conn *c)
{
    if (c == NULL)
        return;
    ig_ref__view_clear(c);
    append_reset(c);
    free(c->app);
    free(c->v);
    free(c->saved);
    free(c->res);
    free(c);
}

void ig_ref__view_clear(struct ig_ref_conn *c)
{
    for (uint32_t i = 0; i < c->n; i++)
        ig_ref__msg_unref(c->st, c->v[i].m);
    c->n = 0;
    if (c->sel) {
        c->sel->selected--;
        c->sel = NULL;
    }
    c->has_saved = 0;
    c->nsaved = 0;
}

int ig_ref__view_load(struct ig_ref_conn *c, struct ig_ref_mbox *b, int read_only)
{
    ig_ref__view_clear(c);
    if (ig_ref__grow((void **)&c->v, &c->cap, b->n, sizeof(*c->v)))
        return -1;
    for (uint32_t i = 0; i < b->n; i++) {
        struct ig_ref_msg *m = b->msgs[i];
        m->refs++;
        c->v[i].m = m;
        c->v[i].modseq = m->modseq;
        c->v[i].recent = m->recent;
        if (!read_only)
            m->recent = 0; /* RFC 3501 §2.3.2: only one session sees \Recent */
    }
    c->n = b->n;
    c->sel = b;
    c->read_only = (uint8_t)read_only;
    b->selected++;
    return 0;
}

uint32_t ig_ref__seq_of_uid(const struct ig_ref_conn *c, uint32_t uid)
{
    uint32_t lo = 0, hi = c->n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (c->v[mid].m->uid < uid)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < c->n && c->v[lo].m->uid == uid ? lo + 1 : 0;
}

static int saved_has(const struct ig_ref_conn *c, uint32_t uid)
{
    uint32_t lo = 0, hi = c->nsaved;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (c->saved[mid] < uid)
            lo = mid + 1;
        else
            hi = mid;
    }
    return c->has_saved && lo < c->nsaved && c->saved[lo] == uid;
}

int ig_ref__in_set(const struct ig_ref_conn *c, const struct ig_seqset *set, uint32_t seq,
                   int uid)
{
    if (seq == 0 || seq > c->n)
        return 0;
    uint32_t val = uid ? c->v[seq - 1].m->uid : seq;
    uint32_t star = uid ? c->v[c->n - 1].m->uid : c->n;
    size_t pos = 0;
    struct ig_range r;
    while (ig_seqset_next(set, &pos, &r)) {
        uint32_t a = r.first ? r.first : star, b = r.last ? r.last : star;
        uint32_t lo = a < b ? a : b, hi = a < b ? b : a;
        if (val >= lo && val <= hi)
            return 1;
    }
    return set->saved && saved_has(c, c->v[seq - 1].m->uid);
}

int ig_ref__set_valid(const struct ig_ref_conn *c, const struct ig_seqset *set, int uid)
{
    if (uid)
        return 1;
    size_t pos = 0;
    struct ig_range r;
    while (ig_seqset_next(set, &pos, &r)) {
        if ((r.first == 0 || r.last == 0) && c->n == 0)
            return 0;
        if (r.first > c->n || r.last > c->n)
            return 0;
    }
    return 1;
}

size_t ig_ref__format_set(const uint32_t *v, uint32_t n, char *out, size_t cap)
{
    size_t len = 0;
    for (uint32_t i = 0; i < n;) {
        uint32_t j = i;
        while (j + 1 < n && v[j + 1] == v[j] + 1)
            j++;
        char tmp[32];
        int k = j > i ? snprintf(tmp, sizeof(tmp), "%s%u:%u", i ? "," : "", (unsigned)v[i],
                                 (unsigned)v[j])
                      : snprintf(tmp, sizeof(tmp), "%s%u", i ? "," : "", (unsigned)v[i]);
        if (k < 0 || len + (size_t)k + 1 > cap)
            return 0;
        memcpy(out + len, tmp, (size_t)k);
        len += (size_t)k;
        i = j + 1;
    }
    if (len < cap)
        out[len] = 0;
    return len;
}

void ig_ref__w_flags(struct ig_ref_conn *c, struct ig_writer *w, const struct ig_ref_msg *m)
{
    static const char *const sys[] = {"\\Answered", "\\Flagged", "\\Deleted", "\\Seen",
                                      "\\Draft"};
    ig_w_open(w);
    for (unsigned i = 0; i < 5; i++)
        if (m->flags & (1u << i))
            ig_w_atom(w, sys[i]);
    for (uint32_t i = 0; i < c->st->nkw; i++)
        if (m->keywords & ((uint64_t)1 << i)) {
            struct ig_span k = {c->st->kw[i].p, c->st->kw[i].len};
            ig_w_atom_span(w, k);
        }
    ig_w_close(w);
}

int ig_ref__res_push(struct ig_ref_conn *c, uint32_t v)
{
    if (ig_ref__grow((void **)&c->res, &c->capres, c->nres + 1, sizeof(*c->res)))
        return -1;
    c->res[c->nres++] = v;
    return 0;
}
