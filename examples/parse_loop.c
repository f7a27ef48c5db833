/*
 * parse_loop.c - the README's API example: read a client stream from stdin the way a
 * server reads a socket, answer "+ Ready" to every synchronizing literal, stream APPEND
 * data, and print one line per command or error. Built and run by tests/t_examples.sh.
 *
 *   cc examples/parse_loop.c $(pkg-config --cflags --libs imapguard) -o parse_loop
 *   cc -Iinclude examples/parse_loop.c build/libimapguard.a -o parse_loop   (uninstalled)
 */
#include "imapguard.h"

#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    /* With the shared library: is the one loaded able to serve this program? */
    if (!IG_VERSION_CHECK()) {
        fprintf(stderr, "needs libimapguard %s, found %s\n", IG_VERSION_STRING, ig_version());
        return 1;
    }
    struct ig_parser p;                          /* its size is fixed per MAJOR version */
    size_t memsize = ig_parser_memsize(NULL);   /* default limits */
    void *mem = malloc(memsize);                /* the parser's only memory */
    if (mem == NULL || ig_parser_init(&p, NULL, mem, memsize) != IG_OK)
        return 1;

    unsigned char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0) {
        size_t off = 0;
        for (;;) {
            size_t used;
            enum ig_status st = ig_parser_feed(&p, buf + off, n - off, &used);
            off += used;
            if (st == IG_NEED_MORE)
                break;                           /* read more from the socket */
            if (st == IG_OK) {
                const struct ig_command *cmd = ig_parser_command(&p);
                printf("command %s tag=%.*s\n", ig_cmd_name(cmd->cmd), (int)cmd->tag.len,
                       (const char *)cmd->tag.ptr);
                if (cmd->cmd == IG_CMD_IDLE)
                    ig_parser_expect(&p, IG_EXPECT_DONE);
            } else if (st == IG_NEED_LITERAL) {
                const struct ig_literal *lit = ig_parser_literal(&p);
                if (lit->kind == IG_LIT_SYNC || lit->kind == IG_LIT_SYNC8)
                    printf("+ Ready for %llu octets\n", (unsigned long long)lit->size);
                ig_parser_literal_accept(&p);    /* or _reject(): then send tag NO/BAD */
            } else if (st == IG_LITERAL_DATA) {
                uint64_t left;
                struct ig_span piece = ig_parser_data(&p, &left);
                printf("data %zu octets (%llu to come)\n", piece.len, (unsigned long long)left);
            } else {                             /* an error: answer it, keep reading */
                const struct ig_error *e = ig_parser_error(&p);
                printf("%.*s BAD %s\n", e->tag.len ? (int)e->tag.len : 1,
                       e->tag.len ? (const char *)e->tag.ptr : "*", e->reason);
                if (st == IG_E_FATAL)
                    return 1;                    /* the stream is lost: close */
            }
        }
    }
    free(mem);
    return 0;
}
