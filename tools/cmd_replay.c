/* cmd_replay.c - `imapguard replay`: one session with the reference backend over a
 * client->server byte stream (see issue #4). Not written yet. */
#include "cli.h"

#include <stdio.h>

int cmd_replay(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "imapguard replay: not implemented yet\n");
    return EXIT_USAGE;
}
