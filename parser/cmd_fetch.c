/*
 * cmd_fetch.c - FETCH and STORE with their UID forms (RFC 9051 §6.4.5, §6.4.6; BINARY
 * RFC 3516; CONDSTORE / QRESYNC modifiers RFC 7162; OBJECTID RFC 8474).
 * Parsing, the canonical form and equality of these commands live together here.
 * (Until the typed grammar of a command lands, it is parsed generically: typed = 0.)
 */
#include "internal.h"

int ig__parse_fetch_family(struct ig__ps *ps)
{
    return ig__generic_args(ps, &ps->cmd->u.generic);
}

void ig__emit_fetch_family(struct ig__writer *w, const struct ig_command *cmd)
{
    (void)cmd;
    w->bad = 1;
}

int ig__equal_fetch_family(const struct ig_command *a, const struct ig_command *b)
{
    (void)a;
    (void)b;
    return 0;
}
