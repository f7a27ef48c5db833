/*
 * mailbox.c - the mailbox commands of the reference backend (RFC 9051 §6.3): LIST (with
 * LIST-EXTENDED selection and return options: SUBSCRIBED, RECURSIVEMATCH, SPECIAL-USE,
 * CHILDREN, STATUS), LSUB, STATUS, CREATE (USE), DELETE, RENAME (INBOX included),
 * SUBSCRIBE, UNSUBSCRIBE, NAMESPACE. The hierarchy separator is "/"; "INBOX" matches in
 * any case. Long listings pause when the output is full and resume where they stopped.
 */
#include "store.h"

#include <stdio.h>

static struct ig_span cspan(const char *s)
{
    struct ig_span v = {(const unsigned char *)s, strlen(s)};
    return v;
}

/* ---- patterns (RFC 9051 §6.3.9: "*" matches anything, "%" anything but "/") ---- */

struct pattern {
    unsigned char *p;
    size_t len;
    size_t literals;        /* non-wildcard bytes: a shorter name cannot match */
};

/* reference + pattern, with runs of wildcards reduced ("*%" is "*"). */
static int pattern_make(struct pattern *pt, struct ig_span ref, struct ig_span pat)
{
    size_t n = ref.len + pat.len;
    pt->p = malloc(n ? n : 1);
    pt->len = pt->literals = 0;
    if (pt->p == NULL)
        return -1;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = i < ref.len ? ref.ptr[i] : pat.ptr[i - ref.len];
        if (ch == '*' || ch == '%') {
            unsigned char *last = pt->len ? &pt->p[pt->len - 1] : NULL;
            if (last && (*last == '*' || *last == '%')) {
                if (ch == '*')
                    *last = '*';
                continue;
            }
        } else {
            pt->literals++;
        }
        pt->p[pt->len++] = ch;
    }
    return 0;
}

/* 1 when name matches, 0 when not, -1 when out of memory. */
static int pattern_match(const struct pattern *pt, const unsigned char *name, size_t nlen)
{
    if (pt->literals > nlen)
        return 0;
    /* "INBOX" is case-insensitive, also as the first level of a name */
    size_t ci = nlen >= 5 && memcmp(name, "INBOX", 5) == 0 && (nlen == 5 || name[5] == '/') ? 5 : 0;
    unsigned char *dp = calloc(nlen + 1, 1), *nd = malloc(nlen + 1);
    int r = 0;
    if (dp == NULL || nd == NULL) {
        r = -1;
        goto out;
    }
    dp[0] = 1;
    for (size_t i = 0; i < pt->len; i++) {
        unsigned char pc = pt->p[i];
        int any = 0;
        if (pc == '*') {
            unsigned char run = 0;
            for (size_t j = 0; j <= nlen; j++)
                nd[j] = run |= dp[j];
        } else if (pc == '%') {
            nd[0] = dp[0];
            for (size_t j = 1; j <= nlen; j++)
                nd[j] = (unsigned char)(dp[j] | (nd[j - 1] && name[j - 1] != '/'));
        } else {
            nd[0] = 0;
            for (size_t j = 1; j <= nlen; j++) {
                unsigned char a = name[j - 1], b = pc;
                if (j - 1 < ci) {
                    a = ig_ref__lower(a);
                    b = ig_ref__lower(b);
                }
                nd[j] = (unsigned char)(dp[j - 1] && a == b);
            }
        }
        for (size_t j = 0; j <= nlen; j++)
            any |= (dp[j] = nd[j]);
        if (!any)
            goto out;
    }
    r = dp[nlen];
out:
    free(dp);
    free(nd);
    return r;
}

struct patterns {
    struct pattern *v;
    uint32_t n;
    struct ig_ref_store *st; /* flags a match that could not be computed (oom) */
};

static void patterns_free(struct patterns *ps)
{
    for (uint32_t i = 0; i < ps->n; i++)
        free(ps->v[i].p);
    free(ps->v);
    ps->v = NULL;
    ps->n = 0;
}

static int patterns_make(struct patterns *ps, const struct ig_list *l)
{
    ps->n = 0;
    ps->v = calloc(l->patterns.n ? l->patterns.n : 1, sizeof(*ps->v));
    if (ps->v == NULL)
        return -1;
    for (uint32_t i = 0; i < l->patterns.n; i++) {
        if (pattern_make(&ps->v[i], l->reference.v, l->patterns.v[i].v)) {
            patterns_free(ps);
            return -1;
        }
        ps->n++;
    }
    return 0;
}

static int patterns_match(const struct patterns *ps, const unsigned char *name, size_t len)
{
    for (uint32_t i = 0; i < ps->n; i++) {
        int m = pattern_match(&ps->v[i], name, len);
        if (m < 0)
            ps->st->oom = 1; /* not listed: the command ends NO */
        if (m > 0)
            return 1;
    }
    return 0;
}

/* ---- STATUS ---- */

static const char *const status_names[IG_SATT__COUNT] = {
    [IG_SATT_MESSAGES] = "MESSAGES", [IG_SATT_RECENT] = "RECENT",
    [IG_SATT_UIDNEXT] = "UIDNEXT", [IG_SATT_UIDVALIDITY] = "UIDVALIDITY",
    [IG_SATT_UNSEEN] = "UNSEEN", [IG_SATT_DELETED] = "DELETED", [IG_SATT_SIZE] = "SIZE",
    [IG_SATT_HIGHESTMODSEQ] = "HIGHESTMODSEQ", [IG_SATT_APPENDLIMIT] = "APPENDLIMIT",
    [IG_SATT_MAILBOXID] = "MAILBOXID", [IG_SATT_DELETED_STORAGE] = "DELETED-STORAGE",
};

static void w_status(struct ig_ref_conn *c, struct ig_writer *w, const struct ig_ref_mbox *b,
                     const struct ig_status_atts *atts)
{
    uint64_t recent = 0, unseen = 0, deleted = 0, size = 0, dsize = 0;
    for (uint32_t i = 0; i < b->n; i++) {
        const struct ig_ref_msg *m = b->msgs[i];
        recent += m->recent;
        unseen += !(m->flags & REF_F_SEEN);
        deleted += (m->flags & REF_F_DELETED) != 0;
        size += m->blob->len;
        if (m->flags & REF_F_DELETED)
            dsize += m->blob->len;
    }
    ig_w_untagged(w);
    ig_w_atom(w, "STATUS");
    ig_w_mailbox(w, (struct ig_span){b->name.p, b->name.len});
    ig_w_open(w);
    for (uint32_t i = 0; i < atts->n; i++) {
        uint8_t a = atts->v[i];
        if (a >= IG_SATT__COUNT)
            continue;
        ig_w_atom(w, status_names[a]);
        switch (a) {
        case IG_SATT_MESSAGES:
            ig_w_number(w, b->n);
            break;
        case IG_SATT_RECENT:
            ig_w_number(w, recent);
            break;
        case IG_SATT_UIDNEXT:
            ig_w_number(w, b->uidnext);
            break;
        case IG_SATT_UIDVALIDITY:
            ig_w_number(w, b->uidvalidity);
            break;
        case IG_SATT_UNSEEN:
            ig_w_number(w, unseen);
            break;
        case IG_SATT_DELETED:
            ig_w_number(w, deleted);
            break;
        case IG_SATT_SIZE:
            ig_w_number(w, size);
            break;
        case IG_SATT_HIGHESTMODSEQ:
            ig_w_number(w, b->highestmodseq ? b->highestmodseq : 1);
            break;
        case IG_SATT_APPENDLIMIT:
            if (c->st->cfg.appendlimit)
                ig_w_number(w, c->st->cfg.appendlimit);
            else
                ig_w_nstring(w, NULL);
            break;
        case IG_SATT_MAILBOXID: {
            char id[24];
            snprintf(id, sizeof(id), "F%u", (unsigned)b->uidvalidity);
            ig_w_open(w);
            ig_w_atom(w, id);
            ig_w_close(w);
            break;
        }
        case IG_SATT_DELETED_STORAGE:
            ig_w_number(w, dsize);
            break;
        default:
            break;
        }
    }
    ig_w_close(w);
    ig_w_end(w);
}

static enum ig_bk_status cmd_status(struct ig_ref_conn *c, const struct ig_command *cmd,
                                    struct ig_writer *w, struct ig_bk_reply *r)
{
    struct ig_ref_mbox *b = ig_ref__find_span(c->user, cmd->u.status.mailbox.v);
    if (b == NULL) {
        r->code = "NONEXISTENT";
        r->text = "no such mailbox";
        return IG_BK_NO;
    }
    w_status(c, w, b, &cmd->u.status.atts);
    r->text = "STATUS completed";
    return IG_BK_OK;
}

/* ---- LIST / LSUB ---- */

static const struct {
    uint32_t bit;
    const char *name;
} uses[] = {
    {REF_USE_ALL, "\\All"},         {REF_USE_ARCHIVE, "\\Archive"}, {REF_USE_DRAFTS, "\\Drafts"},
    {REF_USE_FLAGGED, "\\Flagged"}, {REF_USE_JUNK, "\\Junk"},       {REF_USE_SENT, "\\Sent"},
    {REF_USE_TRASH, "\\Trash"},
};

uint32_t ig_ref__list_attrs(const struct ig_ref_user *u, const struct ig_ref_mbox *b,
                            struct ig_span *out)
{
    uint32_t n = 0;
    out[n++] = cspan(ig_ref__has_children(u, b) ? "\\HasChildren" : "\\HasNoChildren");
    for (size_t i = 0; i < sizeof(uses) / sizeof(uses[0]); i++)
        if (b->use & uses[i].bit)
            out[n++] = cspan(uses[i].name);
    return n;
}

/* One LIST line (and its STATUS line for RETURN (STATUS ...)). */
static void w_list(struct ig_ref_conn *c, struct ig_writer *w, const struct ig_list *l,
                   const unsigned char *name, size_t len, int childinfo)
{
    struct ig_ref_mbox *b = ig_ref__find(c->user, name, len);
    int subs_wanted = ((l->has_select && (l->select & IG_LIST_SUBSCRIBED)) ||
                       (l->has_return && (l->ret & IG_LIST_SUBSCRIBED)));
    ig_w_untagged(w);
    ig_w_atom(w, "LIST");
    ig_w_open(w);
    if (b == NULL) {
        ig_w_atom(w, "\\NonExistent");
    } else {
        struct ig_span attrs[8];
        uint32_t n = ig_ref__list_attrs(c->user, b, attrs);
        for (uint32_t i = 0; i < n; i++)
            ig_w_atom_span(w, attrs[i]);
    }
    if (subs_wanted && ig_ref__subscribed(c->user, name, len))
        ig_w_atom(w, "\\Subscribed");
    ig_w_close(w);
    ig_w_string(w, cspan("/"));
    ig_w_mailbox(w, (struct ig_span){name, len});
    if (childinfo) {
        /* RFC 5258 §3.5: a parent listed for its subscribed children */
        ig_w_open(w);
        ig_w_string(w, cspan("CHILDINFO"));
        ig_w_open(w);
        ig_w_string(w, cspan("SUBSCRIBED"));
        ig_w_close(w);
        ig_w_close(w);
    }
    ig_w_end(w);
    if (b && l->has_return && (l->ret & IG_LIST_STATUS))
        w_status(c, w, b, &l->status);
}

static int has_prefix_level(const struct ig_ref_name *n, const unsigned char *p, size_t len)
{
    return n->len > len + 1 && n->p[len] == '/' && memcmp(n->p, p, len) == 0;
}

enum { PH_BOXES = 0, PH_SUBS = 1, PH_PARENTS = 2 };

static enum ig_bk_status cmd_list(struct ig_ref_conn *c, const struct ig_command *cmd,
                                  struct ig_writer *w, uint64_t *cursor, struct ig_bk_reply *r)
{
    const struct ig_list *l = &cmd->u.list;
    struct ig_ref_user *u = c->user;
    int lsub = cmd->cmd == IG_CMD_LSUB;
    if (l->has_select && l->select_other.n) {
        r->text = "unknown LIST selection option";
        return IG_BK_BAD;
    }
    if (l->has_return && l->return_other.n) {
        r->text = "unknown LIST return option";
        return IG_BK_BAD;
    }
    if (!lsub && l->patterns.n == 1 && l->patterns.v[0].v.len == 0 && !l->has_select) {
        /* RFC 9051 §6.3.9: the hierarchy delimiter and the root of the reference */
        struct ig_span ref = l->reference.v, root = {ref.ptr, 0};
        const unsigned char *slash = ref.len ? memchr(ref.ptr, '/', ref.len) : NULL;
        if (slash)
            root.len = (size_t)(slash - ref.ptr) + 1;
        ig_w_untagged(w);
        ig_w_atom(w, "LIST");
        ig_w_open(w);
        ig_w_atom(w, "\\Noselect");
        ig_w_close(w);
        ig_w_string(w, cspan("/"));
        ig_w_string(w, root);
        ig_w_end(w);
        r->text = "LIST completed";
        return IG_BK_OK;
    }
    struct patterns ps;
    if (patterns_make(&ps, l)) {
        r->text = "out of memory";
        return IG_BK_NO;
    }
    ps.st = c->st;
    int subscribed = lsub || (l->has_select && (l->select & IG_LIST_SUBSCRIBED));
    int recursive = !lsub && l->has_select && (l->select & IG_LIST_RECURSIVEMATCH);
    int special = !lsub && l->has_select && (l->select & IG_LIST_SPECIAL_USE);
    uint32_t phase = (uint32_t)(*cursor >> 32);
    uint32_t i = (uint32_t)*cursor;
    if (*cursor == 0)
        phase = subscribed ? PH_SUBS : PH_BOXES;
    enum ig_bk_status st = IG_BK_OK;
    for (;;) {
        uint32_t n = phase == PH_BOXES ? u->n : u->nsubs;
        if (i >= n) {
            if (phase == PH_SUBS && recursive) {
                phase = PH_PARENTS;
                i = 0;
                continue;
            }
            break;
        }
        uint32_t at = i++;
        if (phase == PH_BOXES) {
            struct ig_ref_mbox *b = u->boxes[at];
            if ((special && b->use == 0) || !patterns_match(&ps, b->name.p, b->name.len))
                continue;
            w_list(c, w, l, b->name.p, b->name.len, 0);
        } else if (phase == PH_SUBS) {
            struct ig_ref_name *s = &u->subs[at];
            if (!patterns_match(&ps, s->p, s->len))
                continue;
            if (lsub) {
                ig_w_untagged(w);
                ig_w_atom(w, "LSUB");
                ig_w_open(w);
                if (ig_ref__find(u, s->p, s->len) == NULL)
                    ig_w_atom(w, "\\Noselect");
                ig_w_close(w);
                ig_w_string(w, cspan("/"));
                ig_w_mailbox(w, (struct ig_span){s->p, s->len});
                ig_w_end(w);
            } else {
                w_list(c, w, l, s->p, s->len, 0);
            }
        } else {
            /* ancestors of subscription `at` that are not subscribed themselves; names
               sharing a prefix are adjacent in sorted order, so each is listed once */
            struct ig_ref_name *s = &u->subs[at];
            for (size_t k = 1; k < s->len; k++) {
                if (s->p[k] != '/')
                    continue;
                if (at > 0 && has_prefix_level(&u->subs[at - 1], s->p, k))
                    continue;
                if (ig_ref__subscribed(u, s->p, k) || !patterns_match(&ps, s->p, k))
                    continue;
                w_list(c, w, l, s->p, k, 1);
            }
        }
        if (ig_w_full(w)) {
            *cursor = ((uint64_t)phase << 32) | i;
            if (*cursor == 0)
                *cursor = 1; /* never 0: that is the first call */
            st = IG_BK_MORE;
            break;
        }
    }
    patterns_free(&ps);
    if (st == IG_BK_OK)
        r->text = lsub ? "LSUB completed" : "LIST completed";
    return st;
}

/* ---- CREATE, DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE ---- */

static uint32_t use_bit(struct ig_span a)
{
    for (size_t i = 0; i < sizeof(uses) / sizeof(uses[0]); i++)
        if (ig_ref__ci_eq(a.ptr, a.len, uses[i].name, strlen(uses[i].name)))
            return uses[i].bit;
    return 0;
}

static enum ig_bk_status cmd_create(struct ig_ref_conn *c, const struct ig_command *cmd,
                                    struct ig_bk_reply *r)
{
    const struct ig_create *cr = &cmd->u.create;
    unsigned char name[REF_MAX_NAME];
    uint32_t use = 0;
    if (cr->has_params && cr->other.n) {
        r->text = "unknown CREATE parameter";
        return IG_BK_BAD;
    }
    const char *why = NULL;
    size_t len = ig_ref__canon_name(cr->mailbox.v, name, 1, &why);
    if (len == 0) {
        /* RFC 5530 §3: CANNOT, the name can never be created (ref.h, IG_REF_MAX_NAME) */
        r->code = "CANNOT";
        r->text = why ? why : "invalid mailbox name";
        return IG_BK_NO;
    }
    if (cr->has_use) {
        for (uint32_t i = 0; i < cr->use.n; i++) {
            uint32_t bit = use_bit(cr->use.v[i]);
            if (bit == 0) {
                r->code = "USEATTR";
                r->text = "unsupported special-use attribute";
                return IG_BK_NO;
            }
            use |= bit;
        }
    }
    if (ig_ref__find(c->user, name, len)) {
        r->code = "ALREADYEXISTS";
        r->text = "mailbox already exists";
        return IG_BK_NO;
    }
    int created;
    struct ig_ref_mbox *b = ig_ref__create(c->st, c->user, name, len, &created);
    if (b == NULL) {
        r->code = "LIMIT";
        r->text = "too many mailboxes";
        return IG_BK_NO;
    }
    b->use = use;
    r->text = "CREATE completed";
    return IG_BK_OK;
}

static enum ig_bk_status cmd_delete(struct ig_ref_conn *c, const struct ig_command *cmd,
                                    struct ig_bk_reply *r)
{
    struct ig_ref_mbox *b = ig_ref__find_span(c->user, cmd->u.mailbox.mailbox.v);
    if (b == NULL) {
        r->code = "NONEXISTENT";
        r->text = "no such mailbox";
        return IG_BK_NO;
    }
    if (b->name.len == 5 && memcmp(b->name.p, "INBOX", 5) == 0) {
        r->code = "CANNOT";
        r->text = "INBOX cannot be deleted";
        return IG_BK_NO;
    }
    if (ig_ref__has_children(c->user, b)) {
        r->code = "HASCHILDREN";
        r->text = "mailbox has inferior mailboxes";
        return IG_BK_NO;
    }
    ig_ref__delete_box(c->st, c->user, b);
    r->text = "DELETE completed";
    return IG_BK_OK;
}

/* RFC 9051 §6.3.6: renaming INBOX moves its messages to a new mailbox; INBOX stays. */
static enum ig_bk_status rename_inbox(struct ig_ref_conn *c, struct ig_ref_mbox *inbox,
                                      const unsigned char *to, size_t tolen,
                                      struct ig_bk_reply *r)
{
    int created;
    struct ig_ref_mbox *b = ig_ref__create(c->st, c->user, to, tolen, &created);
    if (b == NULL) {
        r->code = "LIMIT";
        r->text = "too many mailboxes";
        return IG_BK_NO;
    }
    while (inbox->n > 0) {
        struct ig_ref_msg *m = inbox->msgs[0];
        if (ig_ref__add_msg(c->st, b, m->blob, m->flags, m->keywords, &m->date) == NULL) {
            r->code = "LIMIT";
            r->text = "too many messages";
            return IG_BK_NO;
        }
        b->msgs[b->n - 1]->recent = m->recent;
        ig_ref__expunge_at(c->st, inbox, 0);
    }
    r->text = "RENAME completed";
    return IG_BK_OK;
}

static enum ig_bk_status cmd_rename(struct ig_ref_conn *c, const struct ig_command *cmd,
                                    struct ig_bk_reply *r)
{
    const struct ig_rename *rn = &cmd->u.rename;
    unsigned char to[REF_MAX_NAME];
    if (rn->has_params && rn->params.n) {
        r->text = "unknown RENAME parameter";
        return IG_BK_BAD;
    }
    struct ig_ref_mbox *b = ig_ref__find_span(c->user, rn->from.v);
    if (b == NULL) {
        r->code = "NONEXISTENT";
        r->text = "no such mailbox";
        return IG_BK_NO;
    }
    const char *why = NULL;
    size_t tolen = ig_ref__canon_name(rn->to.v, to, 1, &why);
    if (tolen == 0) {
        /* RFC 5530 §3: CANNOT, the new name can never be created */
        r->code = "CANNOT";
        r->text = why ? why : "invalid mailbox name";
        return IG_BK_NO;
    }
    if (ig_ref__find(c->user, to, tolen)) {
        r->code = "ALREADYEXISTS";
        r->text = "mailbox already exists";
        return IG_BK_NO;
    }
    if (tolen > b->name.len && to[b->name.len] == '/' && memcmp(to, b->name.p, b->name.len) == 0) {
        r->code = "CANNOT";
        r->text = "cannot rename a mailbox into itself";
        return IG_BK_NO;
    }
    if (b->name.len == 5 && memcmp(b->name.p, "INBOX", 5) == 0)
        return rename_inbox(c, b, to, tolen, r);
    int rc = ig_ref__rename(c->st, c->user, b, to, tolen);
    if (rc == -2) {
        r->code = "CANNOT";
        r->text = "an inferior mailbox's new name would be too long";
        return IG_BK_NO;
    }
    if (rc) {
        r->code = "LIMIT";
        r->text = "cannot rename";
        return IG_BK_NO;
    }
    r->text = "RENAME completed";
    return IG_BK_OK;
}

static enum ig_bk_status cmd_subscribe(struct ig_ref_conn *c, const struct ig_command *cmd,
                                       struct ig_bk_reply *r)
{
    unsigned char name[REF_MAX_NAME];
    int on = cmd->cmd == IG_CMD_SUBSCRIBE;
    size_t len = on ? ig_ref__canon_name(cmd->u.mailbox.mailbox.v, name, 0, NULL)
                    : ig_ref__canon_lookup(cmd->u.mailbox.mailbox.v, name);
    if (!on) {
        /* RFC 9051 §6.3.8: OK also when the name was not subscribed */
        if (len)
            ig_ref__subscribe(c->st, c->user, name, len, 0);
        r->text = "UNSUBSCRIBE completed";
        return IG_BK_OK;
    }
    if (len == 0 || ig_ref__find(c->user, name, len) == NULL) {
        r->code = "NONEXISTENT";
        r->text = "no such mailbox";
        return IG_BK_NO;
    }
    if (ig_ref__subscribe(c->st, c->user, name, len, 1)) {
        r->code = "LIMIT";
        r->text = "too many subscriptions";
        return IG_BK_NO;
    }
    r->text = "SUBSCRIBE completed";
    return IG_BK_OK;
}

enum ig_bk_status ig_ref__mailbox_cmd(struct ig_ref_conn *c, const struct ig_command *cmd,
                                      struct ig_writer *w, uint64_t *cursor,
                                      struct ig_bk_reply *r)
{
    switch (cmd->cmd) {
    case IG_CMD_LIST:
    case IG_CMD_LSUB:
        return cmd_list(c, cmd, w, cursor, r);
    case IG_CMD_STATUS:
        return cmd_status(c, cmd, w, r);
    case IG_CMD_CREATE:
        return cmd_create(c, cmd, r);
    case IG_CMD_DELETE:
        return cmd_delete(c, cmd, r);
    case IG_CMD_RENAME:
        return cmd_rename(c, cmd, r);
    case IG_CMD_SUBSCRIBE:
    case IG_CMD_UNSUBSCRIBE:
        return cmd_subscribe(c, cmd, r);
    case IG_CMD_NAMESPACE:
        /* RFC 2342: one personal namespace, no others */
        ig_w_untagged(w);
        ig_w_atom(w, "NAMESPACE");
        ig_w_open(w);
        ig_w_open(w);
        ig_w_string(w, cspan(""));
        ig_w_string(w, cspan("/"));
        ig_w_close(w);
        ig_w_close(w);
        ig_w_nstring(w, NULL);
        ig_w_nstring(w, NULL);
        ig_w_end(w);
        r->text = "NAMESPACE completed";
        return IG_BK_OK;
    default:
        r->text = "command not supported";
        return IG_BK_BAD;
    }
}
