/* json_args_mailbox.c - the "args" object of the commands of parser/cmd_mailbox.c. */
#include "json_args.h"

int json_args_mailbox(FILE *f, const struct ig_command *cmd)
{
    (void)f;
    (void)cmd;
    return 0;
}
