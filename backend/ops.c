/*
 * ops.c - struct ig_backend for the reference store: LOGIN, SELECT / EXAMINE facts,
 * CLOSE / UNSELECT, the command dispatcher (mailbox commands, FETCH, SEARCH, STORE,
 * COPY / MOVE with COPYUID, EXPUNGE / UID EXPUNGE, CHECK), APPEND / MULTIAPPEND
 * committed atomically with APPENDUID, and poll (EXPUNGE, FLAGS and EXISTS updates
 * made by other connections). Protocol framing stays in the session.
 */
#include "store.h"

#include <stdio.h>

void ig_ref_conn_set_user(struct ig_ref_conn *c, struct ig_ref_user *u)
{
    if (c)
        c->user = u;
}

/* ---- LOGIN ---- */

static int secret_eq(const struct ig_ref_name *a, struct ig_span b)
{
    unsigned char d = 0;
    if (a->len != b.len)
        return 0;
    for (size_t i = 0; i < b.len; i++)
        d |= (unsigned char)(a->p[i] ^ b.ptr[i]);
    return d == 0;
}

static int ref_login(void *ctx, struct ig_span authzid, struct ig_span user, struct ig_span pass)
{
    struct ig_ref_conn *c = ctx;
    /* No proxy authorization: an authzid must name the user itself. */
    if (authzid.len && (authzid.len != user.len || memcmp(authzid.ptr, user.ptr, user.len)))
        return 0;
    for (uint32_t i = 0; i < c->st->nusers; i++) {
        struct ig_ref_user *u = c->st->users[i];
        /* lengths compared first: "demo\0x" never matches "demo" */
        if (u->name.len == user.len && memcmp(u->name.p, user.ptr, user.len) == 0) {
            if (!secret_eq(&u->pass, pass))
                return 0;
            c->user = u;
            return 1;
        }
    }
    return 0;
}

/* ---- SELECT / EXAMINE ---- */

static const char *const sysflags[5] = {"\\Answered", "\\Flagged", "\\Deleted", "\\Seen",
                                        "\\Draft"};

static enum ig_bk_status ref_select(void *ctx, const struct ig_command *cmd, int read_only,
                                    struct ig_mailbox_info *info, struct ig_bk_reply *r)
{
    struct ig_ref_conn *c = ctx;
    const struct ig_select *sel = &cmd->u.select;
    ig_ref__view_clear(c);
    if (c->user == NULL) {
        r->text = "not logged in";
        return IG_BK_NO;
    }
    if (sel->has_params && (sel->qresync || sel->other.n)) {
        r->text = sel->qresync ? "QRESYNC is not offered" : "unknown SELECT parameter";
        return IG_BK_BAD;
    }
    struct ig_ref_mbox *b = ig_ref__find_span(c->user, sel->mailbox.v);
    if (b == NULL) {
        r->code = "NONEXISTENT";
        r->text = "no such mailbox";
        return IG_BK_NO;
    }
    if (ig_ref__view_load(c, b, read_only)) {
        r->text = "out of memory";
        return IG_BK_NO;
    }
    uint64_t kw = 0;
    memset(info, 0, sizeof(*info));
    info->exists = c->n;
    for (uint32_t i = 0; i < c->n; i++) {
        info->recent += c->v[i].recent;
        kw |= c->v[i].m->keywords;
        if (info->first_unseen == 0 && !(c->v[i].m->flags & REF_F_SEEN))
            info->first_unseen = i + 1;
    }
    info->uidvalidity = b->uidvalidity;
    info->uidnext = b->uidnext;
    info->highestmodseq = b->highestmodseq ? b->highestmodseq : 1;
    info->read_only = 0;
    /* FLAGS: the system flags and the keywords in use; PERMANENTFLAGS the same and \*
       while the keyword table has room */
    uint32_t n = 0;
    for (unsigned i = 0; i < 5; i++) {
        c->flagbuf[n].kind = (uint8_t)(i == 0 ? IG_FLAG_ANSWERED : i == 1 ? IG_FLAG_FLAGGED
                                       : i == 2 ? IG_FLAG_DELETED : i == 3 ? IG_FLAG_SEEN
                                                                           : IG_FLAG_DRAFT);
        c->flagbuf[n].name.ptr = (const unsigned char *)sysflags[i];
        c->flagbuf[n].name.len = strlen(sysflags[i]);
        n++;
    }
    for (uint32_t i = 0; i < c->st->nkw; i++)
        if (kw & ((uint64_t)1 << i)) {
            c->flagbuf[n].kind = IG_FLAG_KEYWORD;
            c->flagbuf[n].name.ptr = c->st->kw[i].p;
            c->flagbuf[n].name.len = c->st->kw[i].len;
            n++;
        }
    info->flags.n = n;
    info->flags.v = c->flagbuf;
    info->permanent = info->flags;
    info->permanent_any = c->st->nkw < REF_MAX_KEYWORDS;
    /* RFC 9051 §6.3.2: the LIST response (written under IMAP4rev2 only), with the
     * name as the server spells it (INBOX in upper case) */
    info->list_name = (struct ig_span){b->name.p, b->name.len};
    info->list_attrs.n = ig_ref__list_attrs(c->user, b, c->attrbuf);
    info->list_attrs.v = c->attrbuf;
    info->delimiter = '/';
    return IG_BK_OK;
}

/* Expunges, without responses, the \Deleted messages of b (CLOSE). */
static void expunge_silently(struct ig_ref_store *st, struct ig_ref_mbox *b)
{
    for (uint32_t i = b->n; i > 0; i--)
        if (b->msgs[i - 1]->flags & REF_F_DELETED)
            ig_ref__expunge_at(st, b, i - 1);
}

static void ref_unselect(void *ctx, int expunge)
{
    struct ig_ref_conn *c = ctx;
    if (expunge && c->sel && !c->read_only && !c->sel->deleted)
        expunge_silently(c->st, c->sel);
    ig_ref__view_clear(c);
}

/* ---- flags of STORE and APPEND ---- */

enum { FLAGS_OK = 0, FLAGS_UNKNOWN = -1, FLAGS_FULL = -2, FLAGS_RECENT = -3 };

/* The flags of a STORE or APPEND as store bits. The parser accepts any "\" atom (the
 * ABNF's flag-extension); the store refuses, before changing anything:
 *  - \Recent: RFC 3501 §2.3.2, "\Recent can not be used as an argument in a STORE or
 *    APPEND command" (RFC 9051 removed it; its flag rule "Does not include \Recent");
 *  - any other system flag it does not know: RFC 9051 §9, servers "MUST NOT generate
 *    flag-extension flags" beyond the standard ones, and a stored flag would come back
 *    in FETCH FLAGS.
 * Both are an invalid argument, answered BAD ("command unknown or arguments invalid",
 * the result lists of RFC 9051 §6.3.12 APPEND and §6.4.6 STORE).
 * FLAGS_OK, FLAGS_UNKNOWN, FLAGS_RECENT, or FLAGS_FULL when create is set and the
 * keyword table is full (NO [LIMIT]). */
static int parse_flags(struct ig_ref_store *st, const struct ig_flags *f, int create,
                       uint32_t *sys, uint64_t *kw)
{
    *sys = 0;
    *kw = 0;
    for (uint32_t i = 0; i < f->n; i++) {
        if (f->v[i].kind == IG_FLAG_RECENT)
            return FLAGS_RECENT;
        if (f->v[i].kind > IG_FLAG_DRAFT && f->v[i].kind != IG_FLAG_KEYWORD)
            return FLAGS_UNKNOWN;
    }
    for (uint32_t i = 0; i < f->n; i++) {
        switch (f->v[i].kind) {
        case IG_FLAG_ANSWERED:
            *sys |= REF_F_ANSWERED;
            break;
        case IG_FLAG_FLAGGED:
            *sys |= REF_F_FLAGGED;
            break;
        case IG_FLAG_DELETED:
            *sys |= REF_F_DELETED;
            break;
        case IG_FLAG_SEEN:
            *sys |= REF_F_SEEN;
            break;
        case IG_FLAG_DRAFT:
            *sys |= REF_F_DRAFT;
            break;
        default: { /* IG_FLAG_KEYWORD */
            int k = ig_ref__keyword(st, f->v[i].name, create);
            if (k >= 0)
                *kw |= (uint64_t)1 << k;
            else if (create)
                return FLAGS_FULL;
            break;
        }
        }
    }
    return FLAGS_OK;
}

static const char *flags_problem(int pf)
{
    return pf == FLAGS_RECENT ? "\\Recent cannot be set or cleared by a client"
                              : "invalid system flag";
}

/* ---- STORE ---- */

static enum ig_bk_status cmd_store(struct ig_ref_conn *c, const struct ig_command *cmd,
                                   struct ig_writer *w, uint64_t *cursor, struct ig_bk_reply *r)
{
    const struct ig_store *s = &cmd->u.store;
    int uid = cmd->cmd == IG_CMD_UID_STORE;
    int unchanged = s->has_modifiers && (s->mods & IG_MOD_UNCHANGEDSINCE);
    uint32_t sys;
    uint64_t kw;
    if (*cursor == 0) {
        if (!ig_ref__set_valid(c, &s->set, uid)) {
            r->text = "invalid message sequence number";
            return IG_BK_BAD;
        }
        if (s->has_modifiers && s->other.n) {
            r->text = "unknown STORE modifier";
            return IG_BK_BAD;
        }
        c->nres = 0;
    }
    int pf = parse_flags(c->st, &s->flags, s->op >= 0, &sys, &kw);
    if (pf == FLAGS_UNKNOWN || pf == FLAGS_RECENT) {
        r->text = flags_problem(pf);
        return IG_BK_BAD;
    }
    if (pf == FLAGS_FULL) {
        r->code = "LIMIT";
        r->text = "too many keywords";
        return IG_BK_NO;
    }
    for (uint64_t i = *cursor; i < c->n; i++) {
        uint32_t k = (uint32_t)i;
        struct ig_ref_ent *ent = &c->v[k];
        struct ig_ref_msg *m = ent->m;
        if (!ig_ref__in_set(c, &s->set, k + 1, uid))
            continue;
        if (unchanged && m->modseq > s->unchangedsince) {
            /* RFC 7162 §3.2: not changed, reported in MODIFIED */
            if (ig_ref__res_push(c, uid ? m->uid : k + 1)) {
                r->text = "out of memory";
                return IG_BK_NO;
            }
            continue;
        }
        uint32_t nf = s->op > 0 ? m->flags | sys : s->op < 0 ? m->flags & ~sys : sys;
        uint64_t nk = s->op > 0 ? m->keywords | kw : s->op < 0 ? m->keywords & ~kw : kw;
        if (nf != m->flags || nk != m->keywords) {
            m->flags = nf;
            m->keywords = nk;
            m->modseq = c->sel && !c->sel->deleted ? ig_ref__next_modseq(c->sel) : m->modseq + 1;
            ent->modseq = m->modseq;
        }
        if (s->silent)
            continue;
        ig_w_untagged(w);
        ig_w_number(w, k + 1);
        ig_w_atom(w, "FETCH");
        ig_w_open(w);
        if (uid) {
            ig_w_atom(w, "UID");
            ig_w_number(w, m->uid);
        }
        ig_w_atom(w, "FLAGS");
        ig_ref__w_flags(c, w, m);
        if (unchanged) {
            ig_w_atom(w, "MODSEQ");
            ig_w_open(w);
            ig_w_number(w, m->modseq);
            ig_w_close(w);
        }
        ig_w_close(w);
        ig_w_end(w);
        if (ig_w_full(w) && k + 1 < c->n) {
            *cursor = k + 1;
            return IG_BK_MORE;
        }
    }
    if (c->nres) {
        int n = snprintf(r->code_buf, sizeof(r->code_buf), "MODIFIED ");
        if (n > 0 && ig_ref__format_set(c->res, c->nres, r->code_buf + n,
                                        sizeof(r->code_buf) - (size_t)n)) {
            r->code = r->code_buf;
        }
        r->text = "conditional STORE failed";
        return IG_BK_OK;
    }
    r->text = "STORE completed";
    return IG_BK_OK;
}

/* ---- EXPUNGE reporting ---- */

/* Writes "* n EXPUNGE" for every view entry whose message is gone, highest first (each
 * number stays valid, as the entries below it are untouched), then drops them from
 * the view in one pass; IG_BK_MORE when the output fills. */
static enum ig_bk_status report_expunged(struct ig_ref_conn *c, struct ig_writer *w)
{
    enum ig_bk_status st = IG_BK_OK;
    uint32_t gone = 0;
    for (uint32_t i = c->n; i > 0; i--) {
        struct ig_ref_ent *e = &c->v[i - 1];
        if (!e->m->expunged)
            continue;
        ig_ref__msg_unref(c->st, e->m);
        e->m = NULL;
        gone++;
        ig_w_untagged(w);
        ig_w_number(w, i);
        ig_w_atom(w, "EXPUNGE");
        ig_w_end(w);
        if (ig_w_full(w) && i > 1) {
            st = IG_BK_MORE;
            break;
        }
    }
    if (gone) {
        uint32_t j = 0;
        for (uint32_t k = 0; k < c->n; k++)
            if (c->v[k].m)
                c->v[j++] = c->v[k];
        c->n = j;
    }
    return st;
}

/* The mailbox index of message m (messages are in UID order), or b->n. */
static uint32_t index_in(const struct ig_ref_mbox *b, const struct ig_ref_msg *m)
{
    uint32_t lo = 0, hi = b->n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (b->msgs[mid]->uid < m->uid)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < b->n && b->msgs[lo] == m ? lo : b->n;
}

static void expunge_msg(struct ig_ref_conn *c, struct ig_ref_msg *m)
{
    if (m->expunged || c->sel == NULL || c->sel->deleted)
        return;
    uint32_t at = index_in(c->sel, m);
    if (at < c->sel->n)
        ig_ref__expunge_at(c->st, c->sel, at);
}

static enum ig_bk_status cmd_expunge(struct ig_ref_conn *c, const struct ig_command *cmd,
                                     struct ig_writer *w, uint64_t *cursor, struct ig_bk_reply *r)
{
    int uid = cmd->cmd == IG_CMD_UID_EXPUNGE;
    if (*cursor == 0) {
        for (uint32_t i = 0; i < c->n; i++) {
            struct ig_ref_msg *m = c->v[i].m;
            if ((m->flags & REF_F_DELETED) && (!uid || ig_ref__in_set(c, &cmd->u.uid_expunge, i + 1, 1)))
                expunge_msg(c, m);
        }
        *cursor = 1;
    }
    enum ig_bk_status st = report_expunged(c, w);
    if (st == IG_BK_OK)
        r->text = "EXPUNGE completed";
    return st;
}

/* ---- COPY / MOVE ---- */

/* A destination that does not exist (COPY, MOVE, APPEND). RFC 9051 §6.4.7 and §6.3.12:
 * TRYCREATE "unless it is certain that the destination mailbox can not be created"; a
 * name CREATE would refuse is certain never to exist, so CANNOT (RFC 5530 §3) instead,
 * and the client is not invited to try a CREATE that must fail. */
static void no_destination(struct ig_span name, struct ig_bk_reply *r)
{
    unsigned char tmp[REF_MAX_NAME];
    const char *why = NULL;
    if (ig_ref__canon_name(name, tmp, 1, &why) == 0) {
        r->code = "CANNOT";
        r->text = why ? why : "invalid mailbox name";
    } else {
        r->code = "TRYCREATE";
        r->text = "no such mailbox";
    }
}

static enum ig_bk_status cmd_copy(struct ig_ref_conn *c, const struct ig_command *cmd,
                                  struct ig_writer *w, uint64_t *cursor, struct ig_bk_reply *r)
{
    const struct ig_copy *cp = &cmd->u.copy;
    int uid = cmd->cmd == IG_CMD_UID_COPY || cmd->cmd == IG_CMD_UID_MOVE;
    int move = cmd->cmd == IG_CMD_MOVE || cmd->cmd == IG_CMD_UID_MOVE;
    if (*cursor != 0)
        return report_expunged(c, w); /* MOVE, resumed */
    if (!ig_ref__set_valid(c, &cp->set, uid)) {
        r->text = "invalid message sequence number";
        return IG_BK_BAD;
    }
    struct ig_ref_mbox *dst = ig_ref__find_span(c->user, cp->mailbox.v);
    if (dst == NULL) {
        no_destination(cp->mailbox.v, r);
        return IG_BK_NO;
    }
    c->nres = 0;
    for (uint32_t i = 0; i < c->n; i++)
        if (ig_ref__in_set(c, &cp->set, i + 1, uid) && ig_ref__res_push(c, i)) {
            r->text = "out of memory";
            return IG_BK_NO;
        }
    uint32_t n = c->nres;
    if (n == 0) {
        /* RFC 9051 §6.4.9: a UID set matching nothing is not an error */
        r->text = move ? "MOVE completed (nothing to move)" : "COPY completed (nothing to copy)";
        return IG_BK_OK;
    }
    if ((uint64_t)c->st->messages + n > c->st->cfg.max_messages ||
        (uint64_t)dst->uidnext + n >= UINT32_MAX) {
        r->code = "LIMIT";
        r->text = "too many messages";
        return IG_BK_NO;
    }
    uint32_t first = dst->uidnext, *src = malloc((size_t)n * sizeof(*src)),
             *dstu = malloc((size_t)n * sizeof(*dstu));
    if (src == NULL || dstu == NULL) {
        free(src);
        free(dstu);
        r->text = "out of memory";
        return IG_BK_NO;
    }
    for (uint32_t k = 0; k < n; k++) {
        struct ig_ref_msg *m = c->v[c->res[k]].m;
        if (ig_ref__add_msg(c->st, dst, m->blob, m->flags, m->keywords, &m->date) == NULL) {
            /* COPY is all or nothing: take back what was added */
            while (k-- > 0)
                ig_ref__expunge_at(c->st, dst, dst->n - 1);
            free(src);
            free(dstu);
            r->text = "out of memory";
            return IG_BK_NO;
        }
        src[k] = m->uid;
        dstu[k] = first + k;
    }
    /* COPYUID uidvalidity source-uids destination-uids (RFC 4315 §3). When this
     * allocation fails the messages are copied all the same, so the command still ends
     * OK, without the code: a NO would tell the client to copy them again. */
    char *buf = malloc((size_t)n * 24 + 64);
    size_t slen = 0, dlen = 0;
    if (buf) {
        slen = ig_ref__format_set(src, n, buf, (size_t)n * 12 + 32);
        dlen = ig_ref__format_set(dstu, n, buf + slen + 1, (size_t)n * 12 + 31);
    }
    if (move) {
        if (buf && slen && dlen) {
            struct ig_span a = {(const unsigned char *)buf, slen};
            struct ig_span b = {(const unsigned char *)buf + slen + 1, dlen};
            ig_w_untagged(w);
            ig_w_atom(w, "OK");
            ig_w_code(w, "COPYUID");
            ig_w_number(w, dst->uidvalidity);
            ig_w_atom_span(w, a);
            ig_w_atom_span(w, b);
            ig_w_code_end(w);
            ig_w_text(w, "moved");
            ig_w_end(w);
        }
        for (uint32_t k = 0; k < n; k++)
            expunge_msg(c, c->v[c->res[k]].m);
    } else if (buf && slen && dlen) {
        int k = snprintf(r->code_buf, sizeof(r->code_buf), "COPYUID %u %s ",
                         (unsigned)dst->uidvalidity, buf);
        if (k > 0 && (size_t)k + dlen < sizeof(r->code_buf)) {
            memcpy(r->code_buf + k, buf + slen + 1, dlen + 1);
            r->code = r->code_buf;
        } /* else: too long for the tagged response; COPYUID is left out */
    }
    free(buf);
    free(src);
    free(dstu);
    r->text = move ? "MOVE completed" : "COPY completed";
    if (!move)
        return IG_BK_OK;
    *cursor = 1;
    return report_expunged(c, w);
}

/* ---- the dispatcher ---- */

static enum ig_bk_status run_command(struct ig_ref_conn *c, const struct ig_command *cmd,
                                     struct ig_writer *w, uint64_t *cursor,
                                     struct ig_bk_reply *r)
{
    if (c->user == NULL) {
        r->text = "not logged in";
        return IG_BK_NO;
    }
    switch (cmd->cmd) {
    case IG_CMD_LIST:
    case IG_CMD_LSUB:
    case IG_CMD_STATUS:
    case IG_CMD_CREATE:
    case IG_CMD_DELETE:
    case IG_CMD_RENAME:
    case IG_CMD_SUBSCRIBE:
    case IG_CMD_UNSUBSCRIBE:
    case IG_CMD_NAMESPACE:
        return ig_ref__mailbox_cmd(c, cmd, w, cursor, r);
    case IG_CMD_CHECK:
    case IG_CMD_FETCH:
    case IG_CMD_UID_FETCH:
    case IG_CMD_SEARCH:
    case IG_CMD_UID_SEARCH:
    case IG_CMD_STORE:
    case IG_CMD_UID_STORE:
    case IG_CMD_COPY:
    case IG_CMD_UID_COPY:
    case IG_CMD_MOVE:
    case IG_CMD_UID_MOVE:
    case IG_CMD_EXPUNGE:
    case IG_CMD_UID_EXPUNGE:
        break;
    default:
        /* Not implemented here (QUOTA, ACL, METADATA, SORT, THREAD, ...): RFC 9051 §2.2.2,
         * BAD for "unrecognized command", said before any mailbox check so that it is
         * never "no mailbox selected" in the Authenticated state. The session does not
         * pass on the commands of extensions not in .capabilities; this is for those
         * it does pass. */
        r->text = "command not supported";
        return IG_BK_BAD;
    }
    if (c->sel == NULL) {
        r->text = "no mailbox selected";
        return IG_BK_BAD;
    }
    enum ig_bk_status st;
    switch (cmd->cmd) {
    case IG_CMD_CHECK:
        r->text = "CHECK completed";
        return IG_BK_OK;
    case IG_CMD_FETCH:
    case IG_CMD_UID_FETCH:
        st = ig_ref__fetch(c, cmd, w, cursor, r);
        if (st == IG_BK_OK && r->text == NULL)
            r->text = "FETCH completed";
        return st;
    case IG_CMD_SEARCH:
    case IG_CMD_UID_SEARCH:
        st = ig_ref__search(c, cmd, w, r);
        if (st == IG_BK_OK)
            r->text = "SEARCH completed";
        return st;
    case IG_CMD_STORE:
    case IG_CMD_UID_STORE:
        return cmd_store(c, cmd, w, cursor, r);
    case IG_CMD_COPY:
    case IG_CMD_UID_COPY:
    case IG_CMD_MOVE:
    case IG_CMD_UID_MOVE:
        return cmd_copy(c, cmd, w, cursor, r);
    case IG_CMD_EXPUNGE:
    case IG_CMD_UID_EXPUNGE:
        return cmd_expunge(c, cmd, w, cursor, r);
    default:
        r->text = "command not supported";
        return IG_BK_BAD;
    }
}

/* A command whose output an allocation failure degraded (st->oom) ends NO, never OK
 * with data that is silently incomplete or wrong. A resumed call (cursor not 0) keeps
 * the flag; a first call, or a restart from 0 after the output filled up (what was
 * written is discarded then), clears it. */
static enum ig_bk_status ref_command(void *ctx, const struct ig_command *cmd, struct ig_writer *w,
                                     uint64_t *cursor, struct ig_bk_reply *r)
{
    struct ig_ref_conn *c = ctx;
    if (*cursor == 0)
        c->st->oom = 0;
    enum ig_bk_status st = run_command(c, cmd, w, cursor, r);
    if (st == IG_BK_OK && c->st->oom) {
        r->code = NULL;
        r->text = "out of memory";
        st = IG_BK_NO;
    }
    return st;
}

/* ---- APPEND ---- */

static enum ig_bk_status append_refuse(struct ig_ref_conn *c, struct ig_bk_reply *r,
                                       const char *code, const char *text)
{
    ig_ref__append_reset(c);
    r->code = code;
    r->text = text;
    return IG_BK_NO;
}

static enum ig_bk_status ref_append_begin(void *ctx, const struct ig_str *mailbox,
                                          const struct ig_append_msg *msg,
                                          struct ig_bk_reply *r)
{
    struct ig_ref_conn *c = ctx;
    struct ig_ref_store *st = c->st;
    if (c->user == NULL)
        return append_refuse(c, r, NULL, "not logged in");
    if (!c->app_active) {
        struct ig_ref_mbox *b = ig_ref__find_span(c->user, mailbox->v);
        if (b == NULL) { /* RFC 9051 §6.3.12: no continuation; TRYCREATE or CANNOT */
            struct ig_bk_reply why;
            memset(&why, 0, sizeof(why));
            no_destination(mailbox->v, &why);
            return append_refuse(c, r, why.code, why.text);
        }
        memcpy(c->app_name, b->name.p, b->name.len);
        c->app_namelen = b->name.len;
        c->app_active = 1;
    }
    if (msg->size > st->cfg.max_message)
        return append_refuse(c, r, "TOOBIG", "message too large");
    if (msg->size > st->cfg.max_bytes - st->bytes ||
        c->app_bytes + msg->size > st->cfg.max_bytes - st->bytes)
        return append_refuse(c, r, "OVERQUOTA", "the store is full");
    if ((uint64_t)st->messages + c->app_n + 1 > st->cfg.max_messages)
        return append_refuse(c, r, "LIMIT", "too many messages");
    struct ig_ref_pending p;
    memset(&p, 0, sizeof(p));
    int pf = msg->has_flags ? parse_flags(st, &msg->flags, 1, &p.flags, &p.keywords) : FLAGS_OK;
    if (pf == FLAGS_UNKNOWN || pf == FLAGS_RECENT) {
        append_refuse(c, r, NULL, flags_problem(pf));
        return IG_BK_BAD;
    }
    if (pf == FLAGS_FULL)
        return append_refuse(c, r, "LIMIT", "too many keywords");
    if (msg->has_date)
        p.date = msg->date;
    else
        ig_ref__now(st, &p.date);
    p.size = (size_t)msg->size;
    if (ig_ref__grow((void **)&c->app, &c->app_cap, c->app_n + 1, sizeof(*c->app)))
        return append_refuse(c, r, NULL, "out of memory");
    c->app[c->app_n++] = p;
    c->app_bytes += msg->size;
    return IG_BK_OK;
}

static void ref_append_data(void *ctx, struct ig_span data)
{
    struct ig_ref_conn *c = ctx;
    if (!c->app_active || c->app_n == 0 || c->app_failed)
        return;
    struct ig_ref_pending *p = &c->app[c->app_n - 1];
    size_t n = data.len;
    if (n > p->size - p->len)
        n = p->size - p->len;
    if (p->data == NULL && p->size > 0) {
        p->data = malloc(p->size);
        if (p->data == NULL) {
            c->app_failed = 1;
            return;
        }
    }
    if (n)
        memcpy(p->data + p->len, data.ptr, n);
    p->len += n;
}

static enum ig_bk_status ref_append_end(void *ctx, int ok, struct ig_bk_reply *r)
{
    struct ig_ref_conn *c = ctx;
    struct ig_ref_store *st = c->st;
    if (!ok || !c->app_active) {
        ig_ref__append_reset(c);
        return IG_BK_NO;
    }
    if (c->app_failed)
        return append_refuse(c, r, NULL, "out of memory");
    struct ig_ref_mbox *b = ig_ref__find(c->user, c->app_name, c->app_namelen);
    if (b == NULL)
        return append_refuse(c, r, "TRYCREATE", "the mailbox is gone");
    if ((uint64_t)b->uidnext + c->app_n >= UINT32_MAX ||
        (uint64_t)st->messages + c->app_n > st->cfg.max_messages)
        return append_refuse(c, r, "LIMIT", "too many messages");
    uint32_t first = b->uidnext;
    for (uint32_t i = 0; i < c->app_n; i++) {
        struct ig_ref_pending *p = &c->app[i];
        struct ig_ref_blob *blob = ig_ref__blob_new(st, p->data, p->len);
        struct ig_ref_msg *m = blob ? ig_ref__add_msg(st, b, blob, p->flags, p->keywords, &p->date)
                                    : NULL;
        ig_ref__blob_unref(st, blob);
        if (m == NULL) {
            /* all messages of a MULTIAPPEND or none (RFC 3502 §6.3.11) */
            for (uint32_t k = 0; k < i; k++)
                ig_ref__expunge_at(st, b, b->n - 1);
            return append_refuse(c, r, "OVERQUOTA", "cannot store the message");
        }
    }
    if (c->app_n > 1)
        snprintf(r->code_buf, sizeof(r->code_buf), "APPENDUID %u %u:%u", (unsigned)b->uidvalidity,
                 (unsigned)first, (unsigned)(first + c->app_n - 1));
    else
        snprintf(r->code_buf, sizeof(r->code_buf), "APPENDUID %u %u", (unsigned)b->uidvalidity,
                 (unsigned)first);
    r->code = r->code_buf;
    r->text = "APPEND completed";
    ig_ref__append_reset(c);
    return IG_BK_OK;
}

/* ---- poll: what other connections changed ---- */

static enum ig_bk_status ref_poll(void *ctx, struct ig_writer *w, uint64_t *cursor)
{
    struct ig_ref_conn *c = ctx;
    (void)cursor;
    if (c->sel == NULL)
        return IG_BK_OK;
    if (report_expunged(c, w) == IG_BK_MORE)
        return IG_BK_MORE;
    for (uint32_t i = 0; i < c->n; i++) {
        struct ig_ref_ent *e = &c->v[i];
        if (e->modseq == e->m->modseq)
            continue;
        e->modseq = e->m->modseq;
        ig_w_untagged(w);
        ig_w_number(w, i + 1);
        ig_w_atom(w, "FETCH");
        ig_w_open(w);
        ig_w_atom(w, "FLAGS");
        ig_ref__w_flags(c, w, e->m);
        ig_w_close(w);
        ig_w_end(w);
        if (ig_w_full(w))
            return IG_BK_MORE;
    }
    struct ig_ref_mbox *b = c->sel;
    if (b->deleted)
        return IG_BK_OK;
    uint32_t last = c->n ? c->v[c->n - 1].m->uid : 0, added = 0;
    for (uint32_t i = 0; i < b->n; i++) {
        struct ig_ref_msg *m = b->msgs[i];
        if (m->uid <= last)
            continue;
        if (ig_ref__grow((void **)&c->v, &c->cap, c->n + 1, sizeof(*c->v)))
            break;
        m->refs++;
        c->v[c->n].m = m;
        c->v[c->n].modseq = m->modseq;
        c->v[c->n].recent = m->recent;
        if (!c->read_only)
            m->recent = 0;
        c->n++;
        added++;
    }
    if (added) {
        ig_w_untagged(w);
        ig_w_number(w, c->n);
        ig_w_atom(w, "EXISTS");
        ig_w_end(w);
    }
    return IG_BK_OK;
}

const struct ig_backend ig_ref_backend = {
    "UIDPLUS MOVE NAMESPACE ESEARCH SEARCHRES LIST-EXTENDED LIST-STATUS SPECIAL-USE "
    "CREATE-SPECIAL-USE CHILDREN STATUS=SIZE BINARY",
    ref_login,
    NULL,
    ref_select,
    ref_unselect,
    ref_command,
    ref_append_begin,
    ref_append_data,
    ref_append_end,
    ref_poll,
    NULL, /* enabled: CONDSTORE is not advertised yet (see the notes) */
    NULL, /* sasl_mechanisms: only the session's own PLAIN and LOGIN */
};
