/* cli.h - what the subcommands of the imapguard tool share. */
#ifndef IG_TOOLS_CLI_H
#define IG_TOOLS_CLI_H

#include <stddef.h>
#include <stdint.h>

/* Exit codes of every subcommand. */
enum { EXIT_CONSUMED = 0, EXIT_INSIDE = 1, EXIT_USAGE = 2 };

/* An input stream read in pieces (input.c). Unconsumed bytes are buf[start..end); the
 * caller consumes by moving start. total counts every byte read so far. */
struct input {
    int fd;
    const char *name;
    unsigned char *buf;
    size_t cap, start, end;
    uint64_t total;
    int eof, err;
    int own; /* fd was opened here (not standard input) */
};

/* Opens path ("-" or NULL: stdin) with a buffer of cap bytes (the most that can be
 * looked at unconsumed). 0 on success, -1 with a message on stderr otherwise. */
int input_open(struct input *in, const char *path, size_t cap);

/* Reads what is available (blocking until something is, after flushing stdout) behind
 * the unconsumed bytes, moving them to the front of buf first when needed. Returns the
 * bytes added; 0 at the end of the input, on a read error (err set, message printed)
 * or when buf is full of unconsumed bytes. */
size_t input_more(struct input *in);
void input_close(struct input *in);

/* Read size of the tools: big enough for few system calls, small next to any limit. */
#define INPUT_READ 65536u

/* Parses a positive decimal size; 0 when s is not one. */
size_t parse_size(const char *s);

int cmd_parse(int argc, char **argv);
/* `imapguard parse --responses` (cmd_responses.c): the server->client direction. */
int cmd_parse_responses(int argc, char **argv);
int cmd_replay(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_proxy(int argc, char **argv);

#endif
