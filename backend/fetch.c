/*
 * fetch.c - FETCH and UID FETCH (RFC 9051 §6.4.5) over a connection's view: FLAGS, UID,
 * INTERNALDATE, RFC822.SIZE, ENVELOPE, BODY, BODYSTRUCTURE, BODY[section]<partial> and
 * BODY.PEEK, BINARY[part], BINARY.SIZE, the rev1 RFC822 items, MODSEQ, EMAILID; the
 * CHANGEDSINCE modifier. One FETCH response per message; when the output is full the
 * command pauses (IG_BK_MORE) and resumes at the next message. Bodies are zero-copy.
 */
#include "store.h"

#include <stdio.h>

static int sets_seen(const struct ig_fetch_att *a)
{
    return ((a->kind == IG_FETCH_BODY_SECTION || a->kind == IG_FETCH_BINARY) && !a->peek) ||
           a->kind == IG_FETCH_RFC822 || a->kind == IG_FETCH_RFC822_TEXT;
}

static struct ig_span partial(struct ig_span s, const struct ig_partial *p)
{
    /* a section the message does not have is an empty span at NULL: nothing to cut
     * (and no offset may be added to NULL) */
    if (!p->present || s.ptr == NULL)
        return s;
    if (p->offset >= s.len) {
        s.ptr += s.len;
        s.len = 0;
        return s;
    }
    size_t off = (size_t)p->offset, left = s.len - off;
    s.ptr += off;
    s.len = p->count < left ? (size_t)p->count : left;
    return s;
}

/* The items of a macro (RFC 9051 §6.4.5). */
static const struct ig_fetch_att macro_atts[] = {
    {IG_FETCH_FLAGS, 0, {0}, {0}},       {IG_FETCH_INTERNALDATE, 0, {0}, {0}},
    {IG_FETCH_RFC822_SIZE, 0, {0}, {0}}, {IG_FETCH_ENVELOPE, 0, {0}, {0}},
    {IG_FETCH_BODY, 0, {0}, {0}},
};

static void atts_of(const struct ig_fetch *f, const struct ig_fetch_att **atts, uint32_t *n)
{
    switch (f->macro) {
    case IG_FETCH_ALL:
        *atts = macro_atts;
        *n = 4;
        return;
    case IG_FETCH_FAST:
        *atts = macro_atts;
        *n = 3;
        return;
    case IG_FETCH_FULL:
        *atts = macro_atts;
        *n = 5;
        return;
    default:
        *atts = f->atts;
        *n = f->n;
    }
}

/* BINARY / BINARY.SIZE: the decoded octets of a leaf part. 1 found, 0 NIL, -1 out of
 * memory, -2 unknown encoding. */
static int binary_of(struct ig_ref_store *st, const struct ig_ref_blob *blob,
                     const struct ig_section *sec, struct ig_span *out)
{
    struct ig_span msg = {blob->data, blob->len};
    struct ig_ref_entity e;
    struct ig_ref_ctype ct;
    int leaf;
    if (sec->nparts == 0) {
        *out = msg;
        return 1;
    }
    if (!ig_ref__locate(msg, sec->parts, sec->nparts, &e, &ct, &leaf) || !leaf)
        return 0;
    int r = ig_ref__decode(st, &e, out);
    return r == 0 ? -2 : r;
}

static void w_span(struct ig_writer *w, int found, struct ig_span s)
{
    if (found)
        ig_w_literal(w, s);
    else
        ig_w_nstring(w, NULL);
}

static enum ig_bk_status fetch_one(struct ig_ref_conn *c, const struct ig_command *cmd,
                                   struct ig_writer *w, uint32_t i, struct ig_bk_reply *r)
{
    const struct ig_fetch *f = &cmd->u.fetch;
    struct ig_ref_ent *ent = &c->v[i];
    struct ig_ref_msg *m = ent->m;
    const struct ig_fetch_att *atts;
    uint32_t n;
    int uid = cmd->cmd == IG_CMD_UID_FETCH, seen = 0, flags_written = 0, modseq_written = 0;
    atts_of(f, &atts, &n);

    /* BINARY items first: they can fail (unknown encoding) before anything is written
       for this message. */
    struct ig_span *bin = NULL;
    int *binfound = NULL;
    for (uint32_t k = 0; k < n; k++) {
        if (atts[k].kind != IG_FETCH_BINARY && atts[k].kind != IG_FETCH_BINARY_SIZE)
            continue;
        if (bin == NULL) {
            bin = calloc(n, sizeof(*bin));
            binfound = calloc(n, sizeof(*binfound));
            if (bin == NULL || binfound == NULL) {
                free(bin);
                free(binfound);
                r->text = "out of memory";
                return IG_BK_NO;
            }
        }
        int x = binary_of(c->st, m->blob, &atts[k].section, &bin[k]);
        if (x == -2 || x == -1) {
            free(bin);
            free(binfound);
            r->code = x == -2 ? "UNKNOWN-CTE" : NULL;
            r->text = x == -2 ? "unknown content transfer encoding" : "out of memory";
            return IG_BK_NO;
        }
        binfound[k] = x;
    }

    for (uint32_t k = 0; k < n; k++)
        seen |= sets_seen(&atts[k]);
    int seen_changed = 0;
    if (seen && !c->read_only && !(m->flags & REF_F_SEEN)) {
        m->flags |= REF_F_SEEN;
        m->modseq = c->sel && !c->sel->deleted ? ig_ref__next_modseq(c->sel) : m->modseq + 1;
        ent->modseq = m->modseq;
        seen_changed = 1;
    }

    ig_w_untagged(w);
    ig_w_number(w, i + 1);
    ig_w_atom(w, "FETCH");
    ig_w_open(w);
    if (uid) {
        /* RFC 9051 §6.4.9: UID FETCH responses always carry the UID */
        ig_w_atom(w, "UID");
        ig_w_number(w, m->uid);
    }
    struct ig_span msg = {m->blob->data, m->blob->len};
    for (uint32_t k = 0; k < n; k++) {
        const struct ig_fetch_att *a = &atts[k];
        struct ig_span s = {NULL, 0};
        int found;
        switch (a->kind) {
        case IG_FETCH_FLAGS:
            ig_w_atom(w, "FLAGS");
            ig_ref__w_flags(c, w, m);
            flags_written = 1;
            break;
        case IG_FETCH_UID:
            if (!uid) {
                ig_w_atom(w, "UID");
                ig_w_number(w, m->uid);
            }
            break;
        case IG_FETCH_INTERNALDATE:
            ig_w_atom(w, "INTERNALDATE");
            ig_w_datetime(w, &m->date);
            break;
        case IG_FETCH_RFC822_SIZE:
            ig_w_atom(w, "RFC822.SIZE");
            ig_w_number(w, m->blob->len);
            break;
        case IG_FETCH_ENVELOPE: {
            struct ig_ref_entity e;
            ig_ref__entity(msg, 1, &e);
            ig_w_atom(w, "ENVELOPE");
            ig_ref__w_envelope(c->st, w, e.header);
            break;
        }
        case IG_FETCH_BODY:
        case IG_FETCH_BODYSTRUCTURE:
            ig_w_atom(w, a->kind == IG_FETCH_BODY ? "BODY" : "BODYSTRUCTURE");
            ig_ref__w_bodystructure(c->st, w, msg, a->kind == IG_FETCH_BODYSTRUCTURE);
            break;
        case IG_FETCH_BODY_SECTION:
            found = ig_ref__section(c->st, m->blob, &a->section, &s);
            ig_w_fetch_name(w, a);
            w_span(w, found == 1, ig_ref__nul_free(m->blob, partial(s, &a->partial)));
            break;
        case IG_FETCH_BINARY: {
            /* RFC 3516 §4.3, RFC 9051 §7.5.2: decoded content with NUL goes out as
               literal8; without NUL as a string (SHOULD), which tells the client so. */
            struct ig_span d = partial(bin[k], &a->partial);
            ig_w_fetch_name(w, a);
            if (binfound[k] == 1 && d.len && memchr(d.ptr, 0, d.len))
                ig_w_literal8(w, d);
            else
                w_span(w, binfound[k] == 1, d);
            break;
        }
        case IG_FETCH_BINARY_SIZE:
            ig_w_fetch_name(w, a);
            ig_w_number(w, binfound[k] == 1 ? bin[k].len : 0);
            break;
        case IG_FETCH_RFC822:
        case IG_FETCH_RFC822_HEADER:
        case IG_FETCH_RFC822_TEXT: {
            struct ig_ref_entity e;
            ig_ref__entity(msg, 1, &e);
            ig_w_fetch_name(w, a);
            ig_w_literal(w, ig_ref__nul_free(m->blob, a->kind == IG_FETCH_RFC822 ? msg
                                             : a->kind == IG_FETCH_RFC822_HEADER ? e.header
                                                                                 : e.body));
            break;
        }
        case IG_FETCH_MODSEQ:
            ig_w_atom(w, "MODSEQ");
            ig_w_open(w);
            ig_w_number(w, m->modseq);
            ig_w_close(w);
            modseq_written = 1;
            break;
        case IG_FETCH_EMAILID: {
            char id[32];
            snprintf(id, sizeof(id), "M%llu", (unsigned long long)m->blob->id);
            ig_w_atom(w, "EMAILID");
            ig_w_open(w);
            ig_w_atom(w, id);
            ig_w_close(w);
            break;
        }
        case IG_FETCH_THREADID:
            ig_w_atom(w, "THREADID");
            ig_w_nstring(w, NULL);
            break;
        default:
            break;
        }
    }
    if (seen_changed && !flags_written) {
        /* RFC 9051 §6.4.5: the implicit \Seen is reported with the data */
        ig_w_atom(w, "FLAGS");
        ig_ref__w_flags(c, w, m);
    }
    if (f->has_modifiers && (f->mods & IG_MOD_CHANGEDSINCE) && !modseq_written) {
        ig_w_atom(w, "MODSEQ");
        ig_w_open(w);
        ig_w_number(w, m->modseq);
        ig_w_close(w);
    }
    ig_w_close(w);
    ig_w_end(w);
    free(bin);
    free(binfound);
    return IG_BK_OK;
}

enum ig_bk_status ig_ref__fetch(struct ig_ref_conn *c, const struct ig_command *cmd,
                                struct ig_writer *w, uint64_t *cursor, struct ig_bk_reply *r)
{
    const struct ig_fetch *f = &cmd->u.fetch;
    int uid = cmd->cmd == IG_CMD_UID_FETCH;
    if (*cursor == 0) {
        if (!ig_ref__set_valid(c, &f->set, uid)) {
            r->text = "invalid message sequence number";
            return IG_BK_BAD;
        }
        if (f->has_modifiers && (f->mods & IG_MOD_VANISHED)) {
            r->text = "VANISHED needs QRESYNC, which is not offered";
            return IG_BK_BAD;
        }
        if (f->has_modifiers && f->other.n) {
            r->text = "unknown FETCH modifier";
            return IG_BK_BAD;
        }
    }
    for (uint64_t i = *cursor; i < c->n; i++) {
        uint32_t k = (uint32_t)i;
        if (!ig_ref__in_set(c, &f->set, k + 1, uid))
            continue;
        if (f->has_modifiers && (f->mods & IG_MOD_CHANGEDSINCE) &&
            c->v[k].m->modseq <= f->changedsince)
            continue;
        enum ig_bk_status st = fetch_one(c, cmd, w, k, r);
        if (st != IG_BK_OK)
            return st;
        if (ig_w_full(w) && k + 1 < c->n) {
            *cursor = k + 1;
            return IG_BK_MORE;
        }
    }
    return IG_BK_OK;
}
