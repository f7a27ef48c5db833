/*
 * equal.c - value equality of two parsed commands, the oracle of the round-trip
 * property parse(emit(parse(x))) == parse(x). Compares what a command means (tag,
 * command, argument values), not how it was spelled (string forms, keyword case,
 * offsets).
 */
#include "internal.h"

int ig__span_eq(struct ig_span a, struct ig_span b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

int ig__span_caseeq(struct ig_span a, struct ig_span b)
{
    if (a.len != b.len)
        return 0;
    for (size_t i = 0; i < a.len; i++) {
        unsigned char x = a.ptr[i], y = b.ptr[i];
        if (x >= 'a' && x <= 'z')
            x = (unsigned char)(x - 32);
        if (y >= 'a' && y <= 'z')
            y = (unsigned char)(y - 32);
        if (x != y)
            return 0;
    }
    return 1;
}

int ig__str_eq(const struct ig_str *a, const struct ig_str *b)
{
    return a->nil == b->nil && ig__span_eq(a->v, b->v);
}

/* Mailbox names: INBOX in any case is INBOX (RFC 9051 §5.1); others are exact. */
int ig__mailbox_eq(const struct ig_str *a, const struct ig_str *b)
{
    if (ig_is_inbox(a->v) || ig_is_inbox(b->v))
        return ig_is_inbox(a->v) && ig_is_inbox(b->v);
    return ig__span_eq(a->v, b->v);
}

/* Sets are compared element by element, as written ("2:4" is not "4:2"). */
int ig__seqset_eq(const struct ig_seqset *a, const struct ig_seqset *b)
{
    struct ig_range x, y;
    size_t pa = 0, pb = 0;
    if (a->saved != b->saved || a->nranges != b->nranges)
        return 0;
    for (;;) {
        int ma = ig_seqset_next(a, &pa, &x), mb = ig_seqset_next(b, &pb, &y);
        if (ma != mb)
            return 0;
        if (!ma)
            return 1;
        if (x.first != y.first || x.last != y.last)
            return 0;
    }
}

int ig__arg_eq(const struct ig_arg *a, const struct ig_arg *b)
{
    if (a->type != b->type)
        return 0;
    switch (a->type) {
    case IG_ARG_NIL:
        return 1;
    case IG_ARG_LIST:
        if (a->n != b->n)
            return 0;
        for (uint32_t i = 0; i < a->n; i++)
            if (!ig__arg_eq(&a->items[i], &b->items[i]))
                return 0;
        return 1;
    default:
        return ig__span_eq(a->v, b->v);
    }
}

int ig__args_eq(const struct ig_args *a, const struct ig_args *b)
{
    if (a->n != b->n)
        return 0;
    for (uint32_t i = 0; i < a->n; i++)
        if (!ig__arg_eq(&a->v[i], &b->v[i]))
            return 0;
    return 1;
}

/* Flag names are case-insensitive (RFC 9051 §2.3.2). */
int ig__flags_eq(const struct ig_flags *a, const struct ig_flags *b)
{
    if (a->n != b->n)
        return 0;
    for (uint32_t i = 0; i < a->n; i++) {
        if (a->v[i].kind != b->v[i].kind)
            return 0;
        if (a->v[i].kind >= IG_FLAG_EXTENSION && !ig__span_caseeq(a->v[i].name, b->v[i].name))
            return 0;
    }
    return 1;
}

int ig__datetime_eq(const struct ig_datetime *a, const struct ig_datetime *b)
{
    return a->year == b->year && a->month == b->month && a->day == b->day &&
           a->hour == b->hour && a->minute == b->minute && a->second == b->second &&
           a->zone == b->zone;
}

int ig__date_eq(const struct ig_date *a, const struct ig_date *b)
{
    return a->year == b->year && a->month == b->month && a->day == b->day;
}

/* Extension parameter labels are case-insensitive like every keyword. */
int ig__params_eq(const struct ig_params *a, const struct ig_params *b)
{
    if (a->n != b->n)
        return 0;
    for (uint32_t i = 0; i < a->n; i++) {
        const struct ig_param *x = &a->v[i], *y = &b->v[i];
        if (!ig__span_caseeq(x->name, y->name) || x->has_value != y->has_value)
            return 0;
        if (x->has_value && !ig__arg_eq(&x->value, &y->value))
            return 0;
    }
    return 1;
}

int ig__strs_eq(const struct ig_strs *a, const struct ig_strs *b)
{
    if (a->n != b->n)
        return 0;
    for (uint32_t i = 0; i < a->n; i++)
        if (!ig__str_eq(&a->v[i], &b->v[i]))
            return 0;
    return 1;
}

int ig__atoms_caseeq(const struct ig_atoms *a, const struct ig_atoms *b)
{
    if (a->n != b->n)
        return 0;
    for (uint32_t i = 0; i < a->n; i++)
        if (!ig__span_caseeq(a->v[i], b->v[i]))
            return 0;
    return 1;
}

static int append_eq(const struct ig_append *a, const struct ig_append *b)
{
    if (!ig__mailbox_eq(&a->mailbox, &b->mailbox) || a->n != b->n)
        return 0;
    for (uint32_t i = 0; i < a->n; i++) {
        const struct ig_append_msg *x = &a->msgs[i], *y = &b->msgs[i];
        if (x->has_flags != y->has_flags || x->has_date != y->has_date ||
            x->size != y->size || (x->kind & 2) != (y->kind & 2))
            return 0;
        if (x->has_flags && !ig__flags_eq(&x->flags, &y->flags))
            return 0;
        if (x->has_date && !ig__datetime_eq(&x->date, &y->date))
            return 0;
        if (x->data.ptr && y->data.ptr && !ig__span_eq(x->data, y->data))
            return 0;
    }
    return 1;
}

int ig_command_equal(const struct ig_command *a, const struct ig_command *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    if (a->cmd != b->cmd || a->typed != b->typed || !ig__span_eq(a->tag, b->tag))
        return 0;
    if (a->cmd == IG_CMD_OTHER && !ig__span_caseeq(a->name, b->name))
        return 0;
    if (!a->typed)
        return ig__args_eq(&a->u.generic, &b->u.generic);
    switch (a->cmd) {
    case IG_CMD_LOGIN:
        return ig__str_eq(&a->u.login.user, &b->u.login.user) &&
               ig__str_eq(&a->u.login.password, &b->u.login.password);
    case IG_CMD_AUTHENTICATE:
        return ig__span_caseeq(a->u.authenticate.mechanism, b->u.authenticate.mechanism) &&
               a->u.authenticate.has_initial == b->u.authenticate.has_initial &&
               ig__span_eq(a->u.authenticate.initial, b->u.authenticate.initial);
    case IG_CMD_SASL:
        return a->u.sasl.cancel == b->u.sasl.cancel && ig__span_eq(a->u.sasl.data, b->u.sasl.data);
    case IG_CMD_APPEND:
        return append_eq(&a->u.append, &b->u.append);
    case IG_CMD_COPY: case IG_CMD_MOVE: case IG_CMD_UID_COPY: case IG_CMD_UID_MOVE:
        return ig__seqset_eq(&a->u.copy.set, &b->u.copy.set) &&
               ig__mailbox_eq(&a->u.copy.mailbox, &b->u.copy.mailbox);
    case IG_CMD_UID_EXPUNGE:
        return ig__seqset_eq(&a->u.uid_expunge, &b->u.uid_expunge);
    case IG_CMD_DELETE: case IG_CMD_SUBSCRIBE: case IG_CMD_UNSUBSCRIBE:
    case IG_CMD_GETQUOTAROOT: case IG_CMD_GETACL: case IG_CMD_MYRIGHTS:
        return ig__mailbox_eq(&a->u.mailbox.mailbox, &b->u.mailbox.mailbox);
    default:
        switch (ig__cmd_family[a->cmd]) {
        case IG__FAM_MAILBOX: return ig__equal_mailbox_family(a, b);
        case IG__FAM_FETCH: return ig__equal_fetch_family(a, b);
        case IG__FAM_SEARCH: return ig__equal_search_family(a, b);
        case IG__FAM_EXT: return ig__equal_ext_family(a, b);
        default: return 1; /* commands without arguments */
        }
    }
}
