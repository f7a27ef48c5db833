/*
 * cmd_ext.c - extension commands: ENABLE (RFC 5161), ID (RFC 2971), COMPRESS (RFC 4978),
 * GETQUOTA / SETQUOTA (RFC 9208), SETACL / DELETEACL / LISTRIGHTS (RFC 4314),
 * GETMETADATA / SETMETADATA (RFC 5464).
 * Parsing, the canonical form and equality of these commands live together here.
 * (Until the typed grammar of a command lands, it is parsed generically: typed = 0.)
 */
#include "internal.h"

int ig__parse_ext_family(struct ig__ps *ps)
{
    return ig__generic_args(ps, &ps->cmd->u.generic);
}

void ig__emit_ext_family(struct ig__writer *w, const struct ig_command *cmd)
{
    (void)cmd;
    w->bad = 1;
}

int ig__equal_ext_family(const struct ig_command *a, const struct ig_command *b)
{
    (void)a;
    (void)b;
    return 0;
}
