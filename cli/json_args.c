/* json_args.c - see json_args.h: the shared building blocks, the dispatch, and the
 * commands of the parser core (LOGIN, AUTHENTICATE, SASL, APPEND, COPY / MOVE,
 * UID EXPUNGE, the one-mailbox commands) and the generic tree. */
#include "json_args.h"

#include "json.h"

void json_key(FILE *f, int *first, const char *name)
{
    if (!*first)
        fputc(',', f);
    *first = 0;
    json_cstring(f, name);
    fputc(':', f);
}

void json_span(FILE *f, struct ig_span s)
{
    json_string(f, s.ptr ? s.ptr : (const unsigned char *)"", s.len);
}

void json_str(FILE *f, const struct ig_str *s)
{
    if (s->nil)
        fputs("null", f);
    else
        json_span(f, s->v);
}

void json_u64(FILE *f, uint64_t v)
{
    fprintf(f, "%llu", (unsigned long long)v);
}

void json_bool(FILE *f, int v)
{
    fputs(v ? "true" : "false", f);
}

void json_seqset(FILE *f, const struct ig_seqset *set)
{
    json_span(f, set->text);
}

void json_flags(FILE *f, const struct ig_flags *fl)
{
    fputc('[', f);
    for (uint32_t i = 0; i < fl->n; i++) {
        if (i)
            fputc(',', f);
        json_span(f, fl->v[i].name);
    }
    fputc(']', f);
}

void json_date(FILE *f, const struct ig_date *d)
{
    fprintf(f, "\"%04u-%02u-%02u\"", d->year, d->month, d->day);
}

void json_datetime(FILE *f, const struct ig_datetime *d)
{
    int z = d->zone < 0 ? -d->zone : d->zone;
    fprintf(f, "\"%04u-%02u-%02uT%02u:%02u:%02u%c%02d:%02d\"", d->year, d->month, d->day,
            d->hour, d->minute, d->second, d->zone < 0 ? '-' : '+', z / 60, z % 60);
}

void json_arg(FILE *f, const struct ig_arg *a)
{
    switch (a->type) {
    case IG_ARG_NIL:
        fputs("null", f);
        break;
    case IG_ARG_LIST:
        fputc('[', f);
        for (uint32_t i = 0; i < a->n; i++) {
            if (i)
                fputc(',', f);
            json_arg(f, &a->items[i]);
        }
        fputc(']', f);
        break;
    default:
        fputs(a->type == IG_ARG_ATOM ? "{\"atom\":" : "{\"string\":", f);
        json_span(f, a->v);
        fputc('}', f);
    }
}

void json_params(FILE *f, const struct ig_params *ps)
{
    fputc('[', f);
    for (uint32_t i = 0; i < ps->n; i++) {
        int first = 1;
        fputs(i ? ",{" : "{", f);
        json_key(f, &first, "name");
        json_span(f, ps->v[i].name);
        if (ps->v[i].has_value) {
            json_key(f, &first, "value");
            json_arg(f, &ps->v[i].value);
        }
        fputc('}', f);
    }
    fputc(']', f);
}

void json_strs(FILE *f, const struct ig_strs *ss)
{
    fputc('[', f);
    for (uint32_t i = 0; i < ss->n; i++) {
        if (i)
            fputc(',', f);
        json_str(f, &ss->v[i]);
    }
    fputc(']', f);
}

void json_atoms(FILE *f, const struct ig_atoms *as)
{
    fputc('[', f);
    for (uint32_t i = 0; i < as->n; i++) {
        if (i)
            fputc(',', f);
        json_span(f, as->v[i]);
    }
    fputc(']', f);
}

static void core_args(FILE *f, const struct ig_command *cmd)
{
    int first = 1;
    fputc('{', f);
    switch (cmd->cmd) {
    case IG_CMD_LOGIN:
        json_key(f, &first, "user");
        json_str(f, &cmd->u.login.user);
        json_key(f, &first, "password");
        json_str(f, &cmd->u.login.password);
        break;
    case IG_CMD_AUTHENTICATE:
        json_key(f, &first, "mechanism");
        json_span(f, cmd->u.authenticate.mechanism);
        if (cmd->u.authenticate.has_initial) {
            json_key(f, &first, "initial_response");
            json_span(f, cmd->u.authenticate.initial);
        }
        break;
    case IG_CMD_SASL:
        json_key(f, &first, "cancel");
        json_bool(f, cmd->u.sasl.cancel);
        if (!cmd->u.sasl.cancel) {
            json_key(f, &first, "data");
            json_span(f, cmd->u.sasl.data);
        }
        break;
    case IG_CMD_APPEND:
        json_key(f, &first, "mailbox");
        json_str(f, &cmd->u.append.mailbox);
        json_key(f, &first, "messages");
        fputc('[', f);
        for (uint32_t i = 0; i < cmd->u.append.n; i++) {
            const struct ig_append_msg *m = &cmd->u.append.msgs[i];
            int mf = 1;
            fputs(i ? ",{" : "{", f);
            if (m->has_flags) {
                json_key(f, &mf, "flags");
                json_flags(f, &m->flags);
            }
            if (m->has_date) {
                json_key(f, &mf, "date");
                json_datetime(f, &m->date);
            }
            json_key(f, &mf, "size");
            json_u64(f, m->size);
            json_key(f, &mf, "binary");
            json_bool(f, (m->kind & 2) != 0);
            fputc('}', f);
        }
        fputc(']', f);
        break;
    case IG_CMD_COPY: case IG_CMD_MOVE: case IG_CMD_UID_COPY: case IG_CMD_UID_MOVE:
        json_key(f, &first, "set");
        json_seqset(f, &cmd->u.copy.set);
        json_key(f, &first, "mailbox");
        json_str(f, &cmd->u.copy.mailbox);
        break;
    case IG_CMD_UID_EXPUNGE:
        json_key(f, &first, "set");
        json_seqset(f, &cmd->u.uid_expunge);
        break;
    case IG_CMD_DELETE: case IG_CMD_SUBSCRIBE: case IG_CMD_UNSUBSCRIBE:
    case IG_CMD_GETQUOTAROOT: case IG_CMD_GETACL: case IG_CMD_MYRIGHTS:
        json_key(f, &first, "mailbox");
        json_str(f, &cmd->u.mailbox.mailbox);
        break;
    default:
        break; /* commands without arguments: {} */
    }
    fputc('}', f);
}

void json_args(FILE *f, const struct ig_command *cmd)
{
    if (!cmd->typed) {
        fputc('[', f);
        for (uint32_t i = 0; i < cmd->u.generic.n; i++) {
            if (i)
                fputc(',', f);
            json_arg(f, &cmd->u.generic.v[i]);
        }
        fputc(']', f);
        return;
    }
    if (json_args_mailbox(f, cmd) || json_args_fetch(f, cmd) || json_args_search(f, cmd) ||
        json_args_ext(f, cmd))
        return;
    core_args(f, cmd);
}
