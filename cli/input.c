/* input.c - reading a whole input file or stdin for the CLI. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int read_input(const char *path, unsigned char **data, size_t *len)
{
    FILE *f = stdin;
    if (path != NULL && strcmp(path, "-") != 0) {
        f = fopen(path, "rb");
        if (f == NULL) {
            fprintf(stderr, "imapguard: %s: %s\n", path, strerror(errno));
            return -1;
        }
    }
    size_t cap = 1 << 16, n = 0;
    unsigned char *buf = malloc(cap);
    for (;;) {
        if (buf == NULL) {
            fprintf(stderr, "imapguard: out of memory\n");
            if (f != stdin)
                fclose(f);
            return -1;
        }
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        cap *= 2;
        unsigned char *nb = realloc(buf, cap);
        if (nb == NULL)
            free(buf);
        buf = nb;
    }
    int err = ferror(f);
    if (f != stdin)
        fclose(f);
    if (err) {
        fprintf(stderr, "imapguard: %s: read error\n", path ? path : "stdin");
        free(buf);
        return -1;
    }
    *data = buf;
    *len = n;
    return 0;
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
