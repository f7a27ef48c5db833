/*
 * imapguard.c - the command-line tool: dispatches to the subcommands. Each subcommand
 * lives in its own file (cmd_<name>.c) and documents itself with --help.
 */
#include "cli.h"
#include "imapguard.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
    "usage: imapguard <command> [options]\n"
    "       imapguard --version\n"
    "\n"
    "commands:\n"
    "  parse    parse a client->server IMAP byte stream, one line per command\n"
    "  replay   run one server session (reference backend) over a client byte stream\n"
    "  serve    an IMAP server on loopback: the session and the reference backend\n"
    "  proxy    the parser in front of a real IMAP server: refuses bad commands\n"
    "\n"
    "options:\n"
    "  --help     print this text\n"
    "  --version  print the version of imapguard (and of the library it runs with)\n"
    "\n"
    "Run 'imapguard <command> --help' for the options of a command.\n";

int main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        /* The library's run-time version; the same as the header's unless a shared
         * library other than the one built against is loaded. */
        if (strcmp(ig_version(), IG_VERSION_STRING) == 0)
            printf("imapguard %s\n", IG_VERSION_STRING);
        else
            printf("imapguard %s (libimapguard %s)\n", IG_VERSION_STRING, ig_version());
        return 0;
    }
    if (strcmp(argv[1], "parse") == 0)
        return cmd_parse(argc - 1, argv + 1);
    if (strcmp(argv[1], "replay") == 0)
        return cmd_replay(argc - 1, argv + 1);
    if (strcmp(argv[1], "serve") == 0)
        return cmd_serve(argc - 1, argv + 1);
    if (strcmp(argv[1], "proxy") == 0)
        return cmd_proxy(argc - 1, argv + 1);
    fprintf(stderr, "imapguard: unknown command '%s'\n%s", argv[1], usage);
    return EXIT_USAGE;
}
