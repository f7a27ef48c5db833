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

void ig__put(struct ig__writer *w, const void *s, size_t n)
{
    if (n > 0 && w->len <= w->cap && n <= w->cap - w->len)
        memcpy(w->out + w->len, s, n);
    w->len += n;
}

void ig__puts(struct ig__writer *w, const char *s)
{
    ig__put(w, s, strlen(s));
}

void ig__putc(struct ig__writer *w, char c)
{
    ig__put(w, &c, 1);
}

void ig__put_u64(struct ig__writer *w, uint64_t v)
{
    char tmp[24];
    int n = snprintf(tmp, sizeof(tmp), "%llu", (unsigned long long)v);
    ig__put(w, tmp, (size_t)n);
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

int ig__all_class(struct ig_span v, uint8_t cls)
{
    for (size_t i = 0; i < v.len; i++)
        if (!(ig__cclass[v.ptr[i]] & cls))
            return 0;
    return 1;
}

/* Can v be written as a quoted string? */
static int quotable(const struct ig__writer *w, struct ig_span v)
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

static void put_quoted(struct ig__writer *w, struct ig_span v)
{
    ig__putc(w, '"');
    for (size_t i = 0; i < v.len; i++) {
        if (v.ptr[i] == '"' || v.ptr[i] == '\\')
            ig__putc(w, '\\');
        ig__putc(w, (char)v.ptr[i]);
    }
    ig__putc(w, '"');
}

/* {n}, or ~{n} (RFC 3516 literal8) when v holds NUL: a literal may not. v is not empty
 * (an empty string is always quotable). */
static void put_literal(struct ig__writer *w, struct ig_span v)
{
    ig__puts(w, memchr(v.ptr, 0, v.len) != NULL ? "~{" : "{");
    ig__put_u64(w, v.len);
    ig__puts(w, "}\r\n");
    ig__put(w, v.ptr, v.len);
}

/* A string where the grammar says string (quoted / literal), never an atom. */
void ig__put_string(struct ig__writer *w, struct ig_span v, int allow_lit8)
{
    if (quotable(w, v))
        put_quoted(w, v);
    else if (allow_lit8 || memchr(v.ptr, 0, v.len) == NULL)
        put_literal(w, v);
    else
        w->bad = 1;
}

/* astring = 1*ASTRING-CHAR / string */
void ig__put_astring(struct ig__writer *w, struct ig_span v)
{
    /* The string "NIL" is quoted: the atom NIL is a valid astring (RFC 9051 §9), but a
     * server's generic tokenizer reads it as nil, and Dovecot then refuses the argument
     * (found by the differential target: LIST "NIL" ... forwarded as LIST NIL ...). */
    int nil = v.len == 3 && ig__ascii_casecmp(v.ptr, "NIL", 3) == 0;
    if (v.len > 0 && !nil && ig__all_class(v, IG__C_ASTRING))
        ig__put(w, v.ptr, v.len);
    else
        ig__put_string(w, v, 0);
}

void ig__put_atom(struct ig__writer *w, struct ig_span v)
{
    if (v.len == 0 || !ig__all_class(v, IG__C_ATOM))
        w->bad = 1;
    ig__put(w, v.ptr, v.len);
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

void ig__put_arg(struct ig__writer *w, const struct ig_arg *a, uint32_t depth)
{
    if (depth > 1000) {
        w->bad = 1;
        return;
    }
    switch (a->type) {
    case IG_ARG_ATOM:
        if (!generic_atom_ok(a->v))
            w->bad = 1;
        ig__put(w, a->v.ptr, a->v.len);
        break;
    case IG_ARG_NIL:
        ig__puts(w, "NIL");
        break;
    case IG_ARG_STRING:
        ig__put_string(w, a->v, 1);
        break;
    case IG_ARG_LIST:
        ig__putc(w, '(');
        for (uint32_t i = 0; i < a->n; i++) {
            if (i)
                ig__putc(w, ' ');
            ig__put_arg(w, &a->items[i], depth + 1);
        }
        ig__putc(w, ')');
        break;
    default:
        w->bad = 1;
    }
}

void ig__put_date(struct ig__writer *w, const struct ig_date *d)
{
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    if (d->month < 1 || d->month > 12 || d->day < 1) {
        w->bad = 1;
        return;
    }
    ig__put_u64(w, d->day);
    ig__putc(w, '-');
    ig__put(w, months + 3 * (d->month - 1), 3);
    ig__putc(w, '-');
    char y[5] = {(char)('0' + d->year / 1000 % 10), (char)('0' + d->year / 100 % 10),
                 (char)('0' + d->year / 10 % 10), (char)('0' + d->year % 10), 0};
    ig__puts(w, y);
}

/* seq-number in text, bounded by e: nz-number (at most 4294967295) or "*". */
static const unsigned char *seq_number_ok(const unsigned char *s, const unsigned char *e)
{
    if (s < e && *s == '*')
        return s + 1;
    if (s >= e || *s < '1' || *s > '9')
        return NULL;
    uint64_t v = 0;
    const unsigned char *start = s;
    while (s < e && *s >= '0' && *s <= '9' && s - start < 11)
        v = v * 10 + (uint64_t)(*s++ - '0');
    /* A run cut at 11 digits (the first not 0) is already above 4294967295. */
    return v <= 4294967295u ? s : NULL;
}

/* tagged-ext-simple as ig__ext_value() reads it: digits alone are a number64, anything
 * else must be a sequence set ("$" alone or last). */
static int ext_simple_ok(struct ig_span v)
{
    const unsigned char *s = v.ptr, *e = v.ptr + v.len;
    size_t digits = 0;
    uint64_t x = 0;
    while (digits < v.len && s[digits] >= '0' && s[digits] <= '9') {
        if (x > (IG__NUMBER64 - (uint64_t)(s[digits] - '0')) / 10)
            return 0;
        x = x * 10 + (uint64_t)(s[digits++] - '0');
    }
    if (v.len > 0 && digits == v.len)
        return 1;
    for (;;) {
        if (s < e && *s == '$')
            return s + 1 == e;
        s = seq_number_ok(s, e);
        if (s && s < e && *s == ':')
            s = seq_number_ok(s + 1, e);
        if (s == NULL)
            return 0;
        if (s == e)
            return 1;
        if (*s++ != ',')
            return 0;
    }
}

/* tagged-ext-val as ig__ext_value() reads it (RFC 4466): at the top, a sequence set or
 * number (an atom of digits, ":", ",", "*", "$") or a list; inside lists, astrings, NIL
 * and non-empty nested lists. */
void ig__put_ext_value(struct ig__writer *w, const struct ig_arg *a, uint32_t depth)
{
    if (depth > 1000) {
        w->bad = 1;
        return;
    }
    switch (a->type) {
    case IG_ARG_ATOM:
        if (a->v.len == 0 || (depth > 0 && !ig__all_class(a->v, IG__C_ASTRING)) ||
            (depth > 0 && ig__span_is(a->v, "NIL")))
            w->bad = 1;
        if (depth == 0 && !ext_simple_ok(a->v))
            w->bad = 1;
        ig__put(w, a->v.ptr, a->v.len);
        break;
    case IG_ARG_NIL:
        if (depth == 0)
            w->bad = 1;
        ig__puts(w, "NIL");
        break;
    case IG_ARG_STRING:
        if (depth == 0)
            w->bad = 1;
        ig__put_string(w, a->v, 0);
        break;
    case IG_ARG_LIST:
        if (depth > 0 && a->n == 0)
            w->bad = 1;
        ig__putc(w, '(');
        for (uint32_t i = 0; i < a->n; i++) {
            if (i)
                ig__putc(w, ' ');
            ig__put_ext_value(w, &a->items[i], depth + 1);
        }
        ig__putc(w, ')');
        break;
    default:
        w->bad = 1;
    }
}

void ig__put_params(struct ig__writer *w, const struct ig_params *ps, int lead_space)
{
    for (uint32_t i = 0; i < ps->n; i++) {
        if (i || lead_space)
            ig__putc(w, ' ');
        ig__put_atom(w, ps->v[i].name);
        if (ps->v[i].has_value) {
            ig__putc(w, ' ');
            ig__put_ext_value(w, &ps->v[i].value, 0);
        }
    }
}

/* A set is written from its elements, so a set built by a caller is checked too. */
void ig__put_seqset(struct ig__writer *w, const struct ig_seqset *set)
{
    struct ig_range r;
    size_t pos = 0;
    uint32_t n = 0;
    while (ig_seqset_next(set, &pos, &r)) {
        if (n++)
            ig__putc(w, ',');
        if (r.first == 0)
            ig__putc(w, '*');
        else
            ig__put_u64(w, r.first);
        if (r.last != r.first) {
            ig__putc(w, ':');
            if (r.last == 0)
                ig__putc(w, '*');
            else
                ig__put_u64(w, r.last);
        }
    }
    if (set->saved)
        ig__puts(w, n ? ",$" : "$");
    /* The walk stops at the first thing that is not an element: it must have reached
     * the end of the text, or a final "$" when saved says there is one. */
    size_t rest = set->text.len - pos;
    if (n != set->nranges || (n == 0 && !set->saved) ||
        (rest > 0 && (rest > 1 || set->text.ptr[pos] != '$' || !set->saved)))
        w->bad = 1;
}

static const char *const system_flags[] = {"\\Answered", "\\Flagged", "\\Deleted", "\\Seen",
                                           "\\Draft", "\\Recent"};

void ig__put_flag(struct ig__writer *w, const struct ig_flag *f)
{
    if (f->kind < IG__ARRAY_LEN(system_flags)) {
        ig__puts(w, system_flags[f->kind]);
    } else if (f->kind == IG_FLAG_EXTENSION) {
        struct ig_span rest = {f->name.ptr + 1, f->name.len ? f->name.len - 1 : 0};
        if (f->name.len < 2 || f->name.ptr[0] != '\\')
            w->bad = 1;
        ig__putc(w, '\\');
        ig__put_atom(w, rest);
    } else if (f->kind == IG_FLAG_KEYWORD) {
        ig__put_atom(w, f->name);
    } else {
        w->bad = 1;
    }
}

void ig__put_flags(struct ig__writer *w, const struct ig_flags *fl)
{
    ig__putc(w, '(');
    for (uint32_t i = 0; i < fl->n; i++) {
        if (i)
            ig__putc(w, ' ');
        ig__put_flag(w, &fl->v[i]);
    }
    ig__putc(w, ')');
}

void ig__put_datetime(struct ig__writer *w, const struct ig_datetime *d)
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
    ig__put(w, tmp, (size_t)n);
}

static const char b64chars[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void put_base64(struct ig__writer *w, struct ig_span v)
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
        ig__put(w, q, 4);
    }
}

static void put_append(struct ig__writer *w, const struct ig_append *ap)
{
    ig__putc(w, ' ');
    ig__put_astring(w, ap->mailbox.v);
    if (ap->n == 0)
        w->bad = 1;
    for (uint32_t i = 0; i < ap->n; i++) {
        const struct ig_append_msg *m = &ap->msgs[i];
        if (m->has_flags) {
            ig__putc(w, ' ');
            ig__put_flags(w, &m->flags);
        }
        if (m->has_date) {
            ig__putc(w, ' ');
            ig__put_datetime(w, &m->date);
        }
        /* The octets are the caller's: without them the command cannot be re-read. Stop
         * here, before copying: a span of size octets at NULL must not be read. */
        if (m->data.len != m->size || (m->size > 0 && m->data.ptr == NULL)) {
            w->bad = 1;
            return;
        }
        ig__putc(w, ' ');
        ig__puts(w, (m->kind & 2) ? "~{" : "{");
        ig__put_u64(w, m->size);
        ig__puts(w, "}\r\n");
        ig__put(w, m->data.ptr, m->data.len);
    }
}

/* The APPEND head for a proxy that streams the message (RFC 9051 §6.3.12, MULTIAPPEND
 * RFC 3502 §6.3.11): everything before the octets, in the canonical spelling put_append
 * uses, so that head + octets + ... + CRLF equals ig_command_emit() of the whole command. */
size_t ig_append_emit_head(const struct ig_literal *lit, int nonsync, void *out, size_t cap)
{
    struct ig__writer w = {out, out ? cap : 0, 0, 0, 0};
    if (lit == NULL || !lit->message || lit->cmd != IG_CMD_APPEND || lit->msg == NULL)
        return (size_t)-1;
    if (lit->index == 0) {
        if (lit->tag.len == 0 || !ig__all_class(lit->tag, IG__C_TAG))
            return (size_t)-1;
        ig__put(&w, lit->tag.ptr, lit->tag.len);
        ig__puts(&w, " APPEND ");
        ig__put_astring(&w, lit->mailbox.v);
    }
    const struct ig_append_msg *m = lit->msg;
    if (m->has_flags) {
        ig__putc(&w, ' ');
        ig__put_flags(&w, &m->flags);
    }
    if (m->has_date) {
        ig__putc(&w, ' ');
        ig__put_datetime(&w, &m->date);
    }
    ig__putc(&w, ' ');
    ig__puts(&w, (lit->kind & 2) ? "~{" : "{");
    ig__put_u64(&w, lit->size);
    /* {n+}: RFC 7888 §3; the caller knows whether the server takes it. */
    ig__puts(&w, nonsync ? "+}\r\n" : "}\r\n");
    return w.bad ? (size_t)-1 : w.len;
}

size_t ig_command_emit(const struct ig_command *cmd, uint32_t options, void *out, size_t cap)
{
    struct ig__writer w = {out, out ? cap : 0, 0, 0, options};
    if (cmd == NULL || (unsigned)cmd->cmd >= IG_CMD__COUNT)
        return (size_t)-1;

    if (cmd->cmd == IG_CMD_DONE) {
        ig__puts(&w, "DONE\r\n");
        return w.len;
    }
    if (cmd->cmd == IG_CMD_SASL) {
        if (cmd->u.sasl.cancel)
            ig__putc(&w, '*');
        else
            put_base64(&w, cmd->u.sasl.data);
        ig__puts(&w, "\r\n");
        return w.len; /* any bytes have a base64 form */
    }
    if (cmd->tag.len == 0 || !ig__all_class(cmd->tag, IG__C_TAG))
        return (size_t)-1;
    ig__put(&w, cmd->tag.ptr, cmd->tag.len);
    ig__putc(&w, ' ');
    if (cmd->cmd == IG_CMD_OTHER)
        ig__put_atom(&w, cmd->name);
    else
        ig__puts(&w, ig_cmd_name(cmd->cmd));

    if (!cmd->typed) {
        for (uint32_t i = 0; i < cmd->u.generic.n; i++) {
            ig__putc(&w, ' ');
            ig__put_arg(&w, &cmd->u.generic.v[i], 0);
        }
    } else {
        switch (cmd->cmd) {
        case IG_CMD_LOGIN:
            ig__putc(&w, ' ');
            ig__put_astring(&w, cmd->u.login.user.v);
            ig__putc(&w, ' ');
            ig__put_astring(&w, cmd->u.login.password.v);
            break;
        case IG_CMD_AUTHENTICATE:
            ig__putc(&w, ' ');
            ig__put_atom(&w, cmd->u.authenticate.mechanism);
            if (cmd->u.authenticate.has_initial) {
                ig__putc(&w, ' ');
                if (cmd->u.authenticate.initial.len == 0)
                    ig__putc(&w, '=');
                else
                    put_base64(&w, cmd->u.authenticate.initial);
            }
            break;
        case IG_CMD_APPEND:
            put_append(&w, &cmd->u.append);
            break;
        case IG_CMD_COPY: case IG_CMD_MOVE: case IG_CMD_UID_COPY: case IG_CMD_UID_MOVE:
            ig__putc(&w, ' ');
            ig__put_seqset(&w, &cmd->u.copy.set);
            ig__putc(&w, ' ');
            ig__put_astring(&w, cmd->u.copy.mailbox.v);
            break;
        case IG_CMD_UID_EXPUNGE:
            ig__putc(&w, ' ');
            ig__put_seqset(&w, &cmd->u.uid_expunge);
            break;
        case IG_CMD_DELETE: case IG_CMD_SUBSCRIBE: case IG_CMD_UNSUBSCRIBE:
        case IG_CMD_GETQUOTAROOT: case IG_CMD_GETACL: case IG_CMD_MYRIGHTS:
            ig__putc(&w, ' ');
            ig__put_astring(&w, cmd->u.mailbox.mailbox.v);
            break;
        default:
            switch (ig__cmd_family[cmd->cmd]) {
            case IG__FAM_MAILBOX: ig__emit_mailbox_family(&w, cmd); break;
            case IG__FAM_FETCH: ig__emit_fetch_family(&w, cmd); break;
            case IG__FAM_SEARCH: ig__emit_search_family(&w, cmd); break;
            case IG__FAM_EXT: ig__emit_ext_family(&w, cmd); break;
            default: break; /* commands without arguments */
            }
        }
    }
    ig__puts(&w, "\r\n");
    return w.bad ? (size_t)-1 : w.len;
}
