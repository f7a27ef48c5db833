/*
 * cmd_mailbox.c - mailbox commands (RFC 9051 §6.3): SELECT, EXAMINE (CONDSTORE / QRESYNC
 * parameters, RFC 7162), CREATE (SPECIAL-USE, RFC 6154), RENAME, STATUS, LIST
 * (LIST-EXTENDED RFC 5258, LIST-STATUS RFC 5819) and LSUB (rev1).
 * Parsing, the canonical form and equality of these commands live together here.
 * (Until the typed grammar of a command lands, it is parsed generically: typed = 0.)
 */
#include "internal.h"

int ig__parse_mailbox_family(struct ig__ps *ps)
{
    return ig__generic_args(ps, &ps->cmd->u.generic);
}

void ig__emit_mailbox_family(struct ig__writer *w, const struct ig_command *cmd)
{
    (void)cmd;
    w->bad = 1;
}

int ig__equal_mailbox_family(const struct ig_command *a, const struct ig_command *b)
{
    (void)a;
    (void)b;
    return 0;
}
