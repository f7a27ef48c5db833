/*
 * emit.c - the serializer: a command back to canonical wire bytes. Canonical means one
 * fixed spelling per value: keywords in upper case, strings as an atom where the
 * grammar position allows one, else quoted, else a synchronizing literal {n}
 * (the base-protocol form every server accepts), literal8 only where a value holds NUL.
 * Re-parsing the output yields a command ig_command_equal() to the input; the fuzz
 * target `command` checks exactly that. Output that would not re-parse is refused.
 */
#include "internal.h"

#include <stdio.h>

struct writer {
    unsigned char *out;
    size_t cap;
    size_t len;
    int bad;          /* the command cannot be written */
    uint32_t opts;
};

static void put(struct writer *w, const void *s, size_t n)
{
    if (n > 0 && w->len <= w->cap && n <= w->cap - w->len)
        memcpy(w->out + w->len, s, n);
    w->len += n;
}

static void puts_(struct writer *w, const char *s)
{
    put(w, s, strlen(s));
}

static void putc_(struct writer *w, char c)
{
    put(w, &c, 1);
}

static void put_u64(struct writer *w, uint64_t v)
{
    char tmp[24];
    int n = snprintf(tmp, sizeof(tmp), "%llu", (unsigned long long)v);
    put(w, tmp, (size_t)n);
}

/* Length of the valid UTF-8 sequence (2-4 bytes, RFC 3629) at s, 0 if none. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    size_t k;
    unsigned char lo = 0x80, hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf)
        k = 2;
    else if (c >= 0xe0 && c <= 0xef) {
        k = 3;
        if (c == 0xe0)
            lo = 0xa0;
        if (c == 0xed)
            hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        k = 4;
        if (c == 0xf0)
            lo = 0x90;
        if (c == 0xf4)
            hi = 0x8f;
    } else
        return 0;
    if (n < k || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < k; i++)
        if (s[i] < 0x80 || s[i] > 0xbf)
            return 0;
    return k;
}

static int all_class(struct ig_span v, uint8_t cls)
{
    for (size_t i = 0; i < v.len; i++)
        if (!(ig__cclass[v.ptr[i]] & cls))
            return 0;
    return 1;
}

/* Can v be written as a quoted string? */
static int quotable(const struct writer *w, struct ig_span v)
{
    for (size_t i = 0; i < v.len;) {
        unsigned char c = v.ptr[i];
        if (c == '"' || c == '\\' || (ig__cclass[c] & IG__C_QUOTED)) {
            i++;
            continue;
        }
        size_t k = (w->opts & IG_OPT_UTF8) && c >= 0x80 ? utf8_len(v.ptr + i, v.len - i) : 0;
        if (k == 0)
            return 0;
        i += k;
    }
    return 1;
}

static void put_quoted(struct writer *w, struct ig_span v)
{
    putc_(w, '"');
    for (size_t i = 0; i < v.len; i++) {
        if (v.ptr[i] == '"' || v.ptr[i] == '\\')
            putc_(w, '\\');
        putc_(w, (char)v.ptr[i]);
    }
    putc_(w, '"');
}

static void put_literal(struct writer *w, struct ig_span v, int lit8)
{
    if (!lit8 && v.len > 0 && memchr(v.ptr, 0, v.len) != NULL)
        lit8 = 1;
    puts_(w, lit8 ? "~{" : "{");
    put_u64(w, v.len);
    puts_(w, "}\r\n");
    put(w, v.ptr, v.len);
}

/* A string where the grammar says string (quoted / literal), never an atom. */
static void put_string(struct writer *w, struct ig_span v, int allow_lit8)
{
    if (quotable(w, v))
        put_quoted(w, v);
    else if (allow_lit8 || v.len == 0 || memchr(v.ptr, 0, v.len) == NULL)
        put_literal(w, v, 0);
    else
        w->bad = 1;
}

/* astring = 1*ASTRING-CHAR / string */
static void put_astring(struct writer *w, struct ig_span v)
{
    if (v.len > 0 && all_class(v, IG__C_ASTRING))
        put(w, v.ptr, v.len);
    else
        put_string(w, v, 0);
}

static void put_atom(struct writer *w, struct ig_span v)
{
    if (v.len == 0 || !all_class(v, IG__C_ATOM))
        w->bad = 1;
    put(w, v.ptr, v.len);
}

/* The atom of a generic argument as grammar/lex.re's gen_atom reads it: gen_char
 * runs, and "[...]" sections that may also hold spaces and parentheses. */
static int generic_atom_ok(struct ig_span v)
{
    int open = 0;
    if (v.len == 0 || (v.len == 3 && ig__ascii_casecmp(v.ptr, "NIL", 3) == 0))
        return 0;
    for (size_t i = 0; i < v.len; i++) {
        unsigned char c = v.ptr[i];
        if (c == 0 || c == '\r' || c == '\n' || c >= 0x80)
            return 0;
        if (c == '[') {
            open = 1;
            continue;
        }
        if (c == ']') {
            open = 0;
            continue;
        }
        if ((ig__cclass[c] & IG__C_ATOM) || c == '%' || c == '*' || c == '\\')
            continue;
        /* Anything else must sit inside a section that closes later. */
        if (!open || memchr(v.ptr + i, ']', v.len - i) == NULL)
            return 0;
    }
    return 1;
}

static void put_generic(struct writer *w, const struct ig_arg *a, uint32_t depth)
{
    if (depth > 1000) {
        w->bad = 1;
        return;
    }
    switch (a->type) {
    case IG_ARG_ATOM:
        if (!generic_atom_ok(a->v))
            w->bad = 1;
        put(w, a->v.ptr, a->v.len);
        break;
    case IG_ARG_NIL:
        puts_(w, "NIL");
        break;
    case IG_ARG_STRING:
        put_string(w, a->v, 1);
        break;
    case IG_ARG_LIST:
        putc_(w, '(');
        for (uint32_t i = 0; i < a->n; i++) {
            if (i)
                putc_(w, ' ');
            put_generic(w, &a->items[i], depth + 1);
        }
        putc_(w, ')');
        break;
    default:
        w->bad = 1;
    }
}

/* A set is written from its elements, so a set built by a caller is checked too. */
static void put_seqset(struct writer *w, const struct ig_seqset *set)
{
    struct ig_range r;
    size_t pos = 0;
    uint32_t n = 0;
    while (ig_seqset_next(set, &pos, &r)) {
        if (n++)
            putc_(w, ',');
        if (r.first == 0)
            putc_(w, '*');
        else
            put_u64(w, r.first);
        if (r.last != r.first) {
            putc_(w, ':');
            if (r.last == 0)
                putc_(w, '*');
            else
                put_u64(w, r.last);
        }
    }
    if (set->saved)
        puts_(w, n ? ",$" : "$");
    if (n != set->nranges || (n == 0 && !set->saved))
        w->bad = 1;
}

static const char *const system_flags[] = {"\\Answered", "\\Flagged", "\\Deleted", "\\Seen",
                                           "\\Draft", "\\Recent"};

static void put_flag(struct writer *w, const struct ig_flag *f)
{
    if (f->kind < IG__ARRAY_LEN(system_flags)) {
        puts_(w, system_flags[f->kind]);
    } else if (f->kind == IG_FLAG_EXTENSION) {
        struct ig_span rest = {f->name.ptr + 1, f->name.len ? f->name.len - 1 : 0};
        if (f->name.len < 2 || f->name.ptr[0] != '\\')
            w->bad = 1;
        putc_(w, '\\');
        put_atom(w, rest);
    } else if (f->kind == IG_FLAG_KEYWORD) {
        put_atom(w, f->name);
    } else {
        w->bad = 1;
    }
}

static void put_flag_list(struct writer *w, const struct ig_flags *fl)
{
    putc_(w, '(');
    for (uint32_t i = 0; i < fl->n; i++) {
        if (i)
            putc_(w, ' ');
        put_flag(w, &fl->v[i]);
    }
    putc_(w, ')');
}

static void put_datetime(struct writer *w, const struct ig_datetime *d)
{
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    char tmp[40];
    int z = d->zone < 0 ? -d->zone : d->zone;
    if (d->month < 1 || d->month > 12) {
        w->bad = 1;
        return;
    }
    int n = snprintf(tmp, sizeof(tmp), "\"%02u-%.3s-%04u %02u:%02u:%02u %c%02d%02d\"",
                     (unsigned)d->day, months + 3 * (d->month - 1), (unsigned)d->year,
                     (unsigned)d->hour, (unsigned)d->minute, (unsigned)d->second,
                     d->zone < 0 ? '-' : '+', z / 60, z % 60);
    put(w, tmp, (size_t)n);
}

static const char b64chars[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void put_base64(struct writer *w, struct ig_span v)
{
    for (size_t i = 0; i < v.len; i += 3) {
        uint32_t x = (uint32_t)v.ptr[i] << 16;
        size_t k = v.len - i;
        if (k > 1)
            x |= (uint32_t)v.ptr[i + 1] << 8;
        if (k > 2)
            x |= v.ptr[i + 2];
        char q[4] = {b64chars[(x >> 18) & 63], b64chars[(x >> 12) & 63],
                     k > 1 ? b64chars[(x >> 6) & 63] : '=', k > 2 ? b64chars[x & 63] : '='};
        put(w, q, 4);
    }
}

static void put_append(struct writer *w, const struct ig_append *ap)
{
    putc_(w, ' ');
    put_astring(w, ap->mailbox.v);
    if (ap->n == 0)
        w->bad = 1;
    for (uint32_t i = 0; i < ap->n; i++) {
        const struct ig_append_msg *m = &ap->msgs[i];
        if (m->has_flags) {
            putc_(w, ' ');
            put_flag_list(w, &m->flags);
        }
        if (m->has_date) {
            putc_(w, ' ');
            put_datetime(w, &m->date);
        }
        /* The octets are the caller's: without them the command cannot be re-read. */
        if (m->data.len != m->size || (m->size > 0 && m->data.ptr == NULL))
            w->bad = 1;
        putc_(w, ' ');
        puts_(w, (m->kind & 2) ? "~{" : "{");
        put_u64(w, m->size);
        puts_(w, "}\r\n");
        put(w, m->data.ptr, m->data.len);
    }
}

size_t ig_command_emit(const struct ig_command *cmd, uint32_t options, void *out, size_t cap)
{
    struct writer w = {out, out ? cap : 0, 0, 0, options};
    if (cmd == NULL || (unsigned)cmd->cmd >= IG_CMD__COUNT)
        return (size_t)-1;

    if (cmd->cmd == IG_CMD_DONE) {
        puts_(&w, "DONE\r\n");
        return w.len;
    }
    if (cmd->cmd == IG_CMD_SASL) {
        if (cmd->u.sasl.cancel)
            putc_(&w, '*');
        else
            put_base64(&w, cmd->u.sasl.data);
        puts_(&w, "\r\n");
        return w.bad ? (size_t)-1 : w.len;
    }
    if (cmd->tag.len == 0 || !all_class(cmd->tag, IG__C_TAG))
        return (size_t)-1;
    put(&w, cmd->tag.ptr, cmd->tag.len);
    putc_(&w, ' ');
    if (cmd->cmd == IG_CMD_OTHER)
        put_atom(&w, cmd->name);
    else
        puts_(&w, ig_cmd_name(cmd->cmd));

    if (!cmd->typed) {
        for (uint32_t i = 0; i < cmd->u.generic.n; i++) {
            putc_(&w, ' ');
            put_generic(&w, &cmd->u.generic.v[i], 0);
        }
    } else {
        switch (cmd->cmd) {
        case IG_CMD_LOGIN:
            putc_(&w, ' ');
            put_astring(&w, cmd->u.login.user.v);
            putc_(&w, ' ');
            put_astring(&w, cmd->u.login.password.v);
            break;
        case IG_CMD_AUTHENTICATE:
            putc_(&w, ' ');
            put_atom(&w, cmd->u.authenticate.mechanism);
            if (cmd->u.authenticate.has_initial) {
                putc_(&w, ' ');
                if (cmd->u.authenticate.initial.len == 0)
                    putc_(&w, '=');
                else
                    put_base64(&w, cmd->u.authenticate.initial);
            }
            break;
        case IG_CMD_APPEND:
            put_append(&w, &cmd->u.append);
            break;
        case IG_CMD_COPY: case IG_CMD_MOVE: case IG_CMD_UID_COPY: case IG_CMD_UID_MOVE:
            putc_(&w, ' ');
            put_seqset(&w, &cmd->u.copy.set);
            putc_(&w, ' ');
            put_astring(&w, cmd->u.copy.mailbox.v);
            break;
        case IG_CMD_UID_EXPUNGE:
            putc_(&w, ' ');
            put_seqset(&w, &cmd->u.uid_expunge);
            break;
        default:
            break; /* commands without arguments */
        }
    }
    puts_(&w, "\r\n");
    return w.bad ? (size_t)-1 : w.len;
}
