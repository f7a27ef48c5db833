/* json_args_fetch.c - the "args" object of the commands of parser/cmd_fetch.c. */
#include "json_args.h"

int json_args_fetch(FILE *f, const struct ig_command *cmd)
{
    (void)f;
    (void)cmd;
    return 0;
}
