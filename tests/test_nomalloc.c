/*
 * test_nomalloc.c - proves "no malloc after init": the allocator is wrapped at link
 * time (-Wl,--wrap=malloc,...; see the Makefile), and every call made while a parser
 * function runs is counted. A varied stream (literals, APPEND data, errors, limits,
 * SASL, generic commands) is fed whole and one byte at a time; the count must stay 0.
 * tests/t_symbols.sh adds the static proof: the library references no allocator.
 */
#include "imapguard.h"
#include "tap.h"

#include <stdlib.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);

/* volatile: the compiler treats malloc as a builtin that touches no globals, and would
 * otherwise drop the stores around it. */
static volatile int armed;
static volatile unsigned long calls;

void *__wrap_malloc(size_t n)
{
    calls += armed;
    return __real_malloc(n);
}
void *__wrap_calloc(size_t n, size_t m)
{
    calls += armed;
    return __real_calloc(n, m);
}
void *__wrap_realloc(void *p, size_t n)
{
    calls += armed;
    return __real_realloc(p, n);
}
void __wrap_free(void *p)
{
    calls += armed;
    __real_free(p);
}

static const char stream[] =
    "a1 CAPABILITY\r\n"
    "a2 LOGIN {3}\r\nbob \"p\\\"w\"\r\n"
    "a3 X (a (b \"c\" NIL) {2+}\r\nxy) BODY[HEADER.FIELDS (A B)]<0.5>\r\n"
    "a4 APPEND INBOX (\\Seen $Junk) \"01-Feb-2024 10:00:00 +0100\" {5}\r\nhello {2+}\r\nab\r\n"
    "a5 NOOP extra\r\n"
    "a6 LOGIN {99999}\r\n"
    "a7 AUTHENTICATE PLAIN AGJvYgBwdw==\r\n"
    "a8 COPY 1:*,5 Trash\r\n"
    "bad\tline\r\n"
    "a9 UID EXPUNGE 0\r\n";

static void feed_all(size_t chunk)
{
    struct ig_parser p;
    size_t ms = ig_parser_memsize(NULL);
    void *mem = malloc(ms);
    size_t len = sizeof(stream) - 1;
    unsigned long events = 0;

    armed = 1;
    ig_parser_init(&p, NULL, mem, ms);
    for (size_t pos = 0; pos < len;) {
        size_t n = chunk && len - pos > chunk ? chunk : len - pos, off = 0;
        for (;;) {
            size_t used;
            enum ig_status st = ig_parser_feed(&p, stream + pos + off, n - off, &used);
            off += used;
            if (st == IG_NEED_MORE)
                break;
            events++;
            if (st == IG_NEED_LITERAL)
                ig_parser_literal_accept(&p);
            else if (st == IG_OK) {
                const struct ig_command *c = ig_parser_command(&p);
                char out[512];
                ig_command_emit(c, 0, out, sizeof(out));
                ig_command_equal(c, c);
            } else if (st < 0) {
                ig_parser_error(&p);
            }
        }
        pos += n;
    }
    armed = 0;
    free(mem);
    char what[80];
    snprintf(what, sizeof(what), "no allocator call while parsing (chunk %zu, %lu events)",
             chunk, events);
    ok(calls == 0 && events > 10, what);
    calls = 0;
}

int main(void)
{
    /* The wrapper itself must see calls, or the test could not fail. */
    static void *volatile sink;
    armed = 1;
    sink = malloc(1); /* volatile: the compiler may not drop the pair */
    free(sink);
    armed = 0;
    printf("# wrapper saw %lu calls\n", calls);
    ok(calls == 2, "the allocator wrapper counts calls");
    calls = 0;
    feed_all(0);
    feed_all(1);
    feed_all(7);
    return done();
}
