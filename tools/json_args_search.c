/* json_args_search.c - the "args" object of the commands of parser/cmd_search.c. */
#include "json_args.h"

int json_args_search(FILE *f, const struct ig_command *cmd)
{
    (void)f;
    (void)cmd;
    return 0;
}
