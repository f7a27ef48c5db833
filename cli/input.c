/*
 * input.c - the CLI's input stream: FILE or standard input read in pieces with
 * read(2), never whole, so that memory stays flat whatever the input size and results
 * can be printed while the input is still arriving. It does not parse anything.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int input_open(struct input *in, const char *path, size_t cap)
{
    memset(in, 0, sizeof(*in));
    in->fd = 0;
    in->name = "stdin";
    if (path != NULL && strcmp(path, "-") != 0) {
        in->name = path;
        in->fd = open(path, O_RDONLY);
        in->own = in->fd >= 0;
        if (in->fd < 0) {
            fprintf(stderr, "imapguard: %s: %s\n", path, strerror(errno));
            return -1;
        }
    }
    in->buf = malloc(cap);
    if (in->buf == NULL) {
        fprintf(stderr, "imapguard: out of memory\n");
        input_close(in);
        return -1;
    }
    in->cap = cap;
    return 0;
}

size_t input_more(struct input *in)
{
    if (in->eof || in->err)
        return 0;
    if (in->start == in->end)
        in->start = in->end = 0;
    if (in->end == in->cap && in->start > 0) {
        memmove(in->buf, in->buf + in->start, in->end - in->start);
        in->end -= in->start;
        in->start = 0;
    }
    if (in->end == in->cap)
        return 0; /* the caller asked for more lookahead than it allowed for */
    /* Whatever is printed so far goes out before a read that may block: a consumer
     * sees the result of each command while the client is still sending. */
    fflush(stdout);
    for (;;) {
        ssize_t r = read(in->fd, in->buf + in->end, in->cap - in->end);
        if (r > 0) {
            in->end += (size_t)r;
            in->total += (uint64_t)r;
            return (size_t)r;
        }
        if (r == 0) {
            in->eof = 1;
            return 0;
        }
        if (errno != EINTR) {
            fprintf(stderr, "imapguard: %s: %s\n", in->name, strerror(errno));
            in->err = 1;
            return 0;
        }
    }
}

void input_close(struct input *in)
{
    if (in->own)
        close(in->fd);
    in->own = 0;
    in->fd = -1;
    free(in->buf);
    in->buf = NULL;
}

size_t parse_size(const char *s)
{
    size_t v = 0;
    if (s == NULL || *s == 0)
        return 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > ((size_t)-1) / 10 - 10)
            return 0;
        v = v * 10 + (size_t)(*s - '0');
    }
    return v;
}
