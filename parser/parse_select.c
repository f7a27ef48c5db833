/*
 * parse_select.c - selected-state commands that act on a message set (RFC 9051 §6.4):
 * COPY, MOVE (RFC 6851) and their UID forms, UID EXPUNGE (RFC 4315); and the commands
 * whose only argument is a mailbox (DELETE, SUBSCRIBE, UNSUBSCRIBE, GETQUOTAROOT,
 * GETACL, MYRIGHTS).
 */
#include "internal.h"

/* copy = "COPY" SP sequence-set SP mailbox; move likewise. */
int ig__parse_copy(struct ig__ps *ps)
{
    struct ig_copy *c = &ps->cmd->u.copy;
    if (ig__sp(ps, "sequence set missing") || ig__seqset(ps, &c->set) ||
        ig__sp(ps, "mailbox missing") || ig__mailbox(ps, &c->mailbox))
        return -1;
    ps->cmd->typed = 1;
    return ig__end(ps);
}

/* uid-expunge = "UID" SP "EXPUNGE" SP sequence-set */
int ig__parse_uid_expunge(struct ig__ps *ps)
{
    if (ig__sp(ps, "sequence set missing") || ig__seqset(ps, &ps->cmd->u.uid_expunge))
        return -1;
    ps->cmd->typed = 1;
    return ig__end(ps);
}

/* delete = "DELETE" SP mailbox; likewise SUBSCRIBE, UNSUBSCRIBE (RFC 9051 §6.3),
 * GETQUOTAROOT (RFC 9208 §4.3), GETACL, MYRIGHTS (RFC 4314 §3). */
int ig__parse_mailbox_only(struct ig__ps *ps)
{
    if (ig__sp(ps, "mailbox missing") || ig__mailbox(ps, &ps->cmd->u.mailbox.mailbox))
        return -1;
    ps->cmd->typed = 1;
    return ig__end(ps);
}
