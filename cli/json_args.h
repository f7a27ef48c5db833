/*
 * json_args.h - the "args" member of `imapguard parse --json`: the typed arguments of
 * a command in a documented shape (see `imapguard parse --help` and README.md):
 *   strings   JSON strings (NIL is null); bytes that are not UTF-8 as \udcXX
 *   numbers   JSON numbers
 *   sets      sequence sets as their canonical text, e.g. "1:4,7,*"
 *   flags     arrays of flag names as sent, e.g. ["\\Seen", "$Junk"]
 *   dates     "YYYY-MM-DD"; date-times "YYYY-MM-DDThh:mm:ss+hh:mm"
 *   generic   for untyped commands an array: atoms {"atom": "..."}, strings
 *             {"string": "..."}, NIL null, lists nested arrays
 * Each command family writes its own members (json_args_<family>.c).
 */
#ifndef IG_TOOLS_JSON_ARGS_H
#define IG_TOOLS_JSON_ARGS_H

#include "imapguard.h"

#include <stdio.h>

/* Writes the value of "args" (an object or, for untyped commands, an array). */
void json_args(FILE *f, const struct ig_command *cmd);

/* Building blocks shared by the family writers. */
void json_key(FILE *f, int *first, const char *name);
void json_str(FILE *f, const struct ig_str *s);     /* string, or null for NIL */
void json_span(FILE *f, struct ig_span s);
void json_u64(FILE *f, uint64_t v);
void json_bool(FILE *f, int v);
void json_seqset(FILE *f, const struct ig_seqset *set);
void json_flags(FILE *f, const struct ig_flags *fl);
void json_date(FILE *f, const struct ig_date *d);
void json_datetime(FILE *f, const struct ig_datetime *d);
void json_arg(FILE *f, const struct ig_arg *a);
void json_params(FILE *f, const struct ig_params *ps); /* [{"name": .., "value": ..}] */
void json_strs(FILE *f, const struct ig_strs *ss);
void json_atoms(FILE *f, const struct ig_atoms *as);

/* Family writers: return 1 when they wrote the object for cmd, else 0. */
int json_args_mailbox(FILE *f, const struct ig_command *cmd);
int json_args_fetch(FILE *f, const struct ig_command *cmd);
int json_args_search(FILE *f, const struct ig_command *cmd);
int json_args_ext(FILE *f, const struct ig_command *cmd);

#endif
