/*
 * cmd_search.c - SEARCH and UID SEARCH with every key of both RFCs (RFC 9051 §6.4.4,
 * RFC 3501 §6.4.4), RETURN options (ESEARCH RFC 4731, SAVE RFC 5182), SORT and THREAD
 * (RFC 5256) and the ESEARCH command (RFC 7377).
 * Parsing, the canonical form and equality of these commands live together here.
 * (Until the typed grammar of a command lands, it is parsed generically: typed = 0.)
 */
#include "internal.h"

int ig__parse_search_family(struct ig__ps *ps)
{
    return ig__generic_args(ps, &ps->cmd->u.generic);
}

void ig__emit_search_family(struct ig__writer *w, const struct ig_command *cmd)
{
    (void)cmd;
    w->bad = 1;
}

int ig__equal_search_family(const struct ig_command *a, const struct ig_command *b)
{
    (void)a;
    (void)b;
    return 0;
}
