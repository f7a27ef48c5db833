/* json_args_ext.c - the "args" object of the commands of parser/cmd_ext.c. */
#include "json_args.h"

int json_args_ext(FILE *f, const struct ig_command *cmd)
{
    (void)f;
    (void)cmd;
    return 0;
}
