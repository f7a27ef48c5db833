/* cli.h - what the subcommands of the imapguard tool share. */
#ifndef IG_TOOLS_CLI_H
#define IG_TOOLS_CLI_H

#include <stddef.h>

/* Exit codes of every subcommand. */
enum { EXIT_CONSUMED = 0, EXIT_INSIDE = 1, EXIT_USAGE = 2 };

/* Reads all of path ("-" or NULL: stdin) into a malloc'd buffer. 0 on success, -1 with
 * a message on stderr otherwise. */
int read_input(const char *path, unsigned char **data, size_t *len);

/* Parses a positive decimal size; 0 when s is not one. */
size_t parse_size(const char *s);

int cmd_parse(int argc, char **argv);
/* `imapguard parse --responses` (cmd_responses.c): the server->client direction. */
int cmd_parse_responses(int argc, char **argv);
int cmd_replay(int argc, char **argv);

#endif
