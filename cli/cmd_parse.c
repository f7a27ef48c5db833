/*
 * cmd_parse.c - `imapguard parse`: reads a client->server byte stream as a server
 * receives it (every literal accepted, APPEND data collected) and prints one entry per
 * line: the canonical form of each command, or its error. The output is a contract
 * (scripts and CI read it): it must not depend on --chunk, and its fields only grow.
 * The input streams through in pieces: each entry is printed as soon as its end is
 * known, and memory is bounded by the largest command, not by the stream.
 */
#include "cli.h"
#include "imapguard.h"
#include "json.h"
#include "json_args.h"
#include "window.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: imapguard parse [--json | --count] [--chunk N] [--lenient-lf] [--utf8]\n"
    "                       [--literal-plus] [FILE]\n"
    "\n"
    "Parses a client->server IMAP byte stream (FILE, or standard input when FILE is\n"
    "missing or '-') the way a server receives it: every literal is accepted, and\n"
    "prints one line per command, in stream order. The input is read and parsed in\n"
    "pieces, and each line is printed as soon as its command is complete (a rejected\n"
    "one as soon as its end is seen), so output flows while the input still arrives\n"
    "and memory does not grow with the size of the stream.\n"
    "\n"
    "Output (text, the default): the canonical form of each command (keywords in upper\n"
    "case, strings as atom, quoted or {n} literal; a literal's CRLF and octets are\n"
    "printed as they are), or 'TAG BAD reason' for a rejected command ('* BAD reason'\n"
    "when no tag could be read).\n"
    "\n"
    "  --json      one JSON object per line instead, with the members\n"
    "                ok         true or false\n"
    "                tag        the tag, or null (none read, or a DONE / SASL line)\n"
    "                command    upper-case name (\"LOGIN\", \"UID FETCH\", \"DONE\", \"SASL\",\n"
    "                           \"OTHER\" for an unknown command word), or null\n"
    "                canonical  the canonical form without the final CRLF (when ok)\n"
    "                offset     stream offset of the first byte of the line\n"
    "                length     bytes of the line in the stream (literals included)\n"
    "                raw        the exact bytes of the line in the stream: all of its\n"
    "                           length, CRLF and literal octets included\n"
    "                raw_omitted  only on a rejected line longer than 1048576 bytes:\n"
    "                           raw holds its first 1048576 bytes, and this many more\n"
    "                           bytes were left out\n"
    "                error      {\"code\": \"IG_E_SYNTAX\", \"reason\": \"...\", \"offset\": N}\n"
    "                           when not ok; offset is the offending byte\n"
    "                args       the arguments (when ok): for a command the typed grammar\n"
    "                           knows, an object with one member per argument (strings,\n"
    "                           numbers, sets as text, flags as arrays, dates as\n"
    "                           \"YYYY-MM-DD\", date-times as ISO 8601; NIL is null; every\n"
    "                           shape in docs/json-args.md); for others an array of\n"
    "                           generic values:\n"
    "                           {\"atom\": ...}, {\"string\": ...}, null, nested arrays\n"
    "              Strings are lossless byte strings: valid UTF-8 (RFC 3629; no\n"
    "              overlong forms, surrogates or code points above U+10FFFF) is written\n"
    "              as it is; every other byte 80-FF as \\udcXX (XX its value: the\n"
    "              'surrogateescape' convention; Python gets the bytes back with\n"
    "              json.loads(line)[...].encode('utf-8', 'surrogateescape')); the bytes\n"
    "              0A, 0D, 09, '\"' and '\\' as \\n, \\r, \\t, \\\" and \\\\; every other\n"
    "              byte below 20, and 7F, as \\u00XX. Everything else is as it is.\n";

/* The rest of the help (ISO C guarantees string literals up to 4095 bytes only). */
static const char help_more[] =
    "  --count     print only 'N ok, M rejected', counting tagged commands\n"
    "  --chunk N   feed the parser at most N bytes at a time (default: as they are\n"
    "              read, up to 65536); the output is the same for every N\n"
    "  --lenient-lf  accept a bare LF as a line end (IG_OPT_LENIENT_LF)\n"
    "  --utf8      accept UTF-8 in quoted strings (IMAP4rev2 / UTF8=ACCEPT)\n"
    "  --literal-plus  read as a LITERAL+ server (RFC 7888): non-synchronizing literals\n"
    "              up to the APPEND limit; by default they are held to the LITERAL- 4096\n"
    "\n"
    "Lines that are not commands: the line after an accepted IDLE is read as its DONE,\n"
    "and after an AUTHENTICATE (with or without initial response) every following line\n"
    "without a space is read as a SASL client response (until a '*' cancel); only the\n"
    "first 65538 bytes of a line are looked at for that space. Each is reported as its\n"
    "own entry, with command \"DONE\" or \"SASL\".\n"
    "\n"
    "Memory: one command at a time (an APPEND's messages are held to print its\n"
    "canonical form; each is at most 64 MiB), plus 1 MiB of a rejected line for --json.\n"
    "\n"
    "Exit status: 0 when the input was consumed to its end (rejected commands\n"
    "included), 1 when it ended inside a command, 2 on usage or I/O errors.\n"
    "\n"
    "imapguard parse --responses reads the other direction, server responses: see\n"
    "imapguard parse --responses --help.\n";

/* A rejected line keeps this many bytes for its "raw" member: a line is at most
 * IG_DEFAULT_MAX_LINE bytes of text plus its literals, but the octets a rejected
 * non-synchronizing literal announces are skipped whatever their number. */
#define RAW_KEEP 1048576u

enum { MODE_TEXT, MODE_JSON, MODE_COUNT };

struct buf {
    unsigned char *p;
    size_t len, cap;
};

struct ctx {
    int mode;
    uint32_t opts;
    unsigned long ok, rejected;
    int sasl_mode;
    int choose;            /* the next line may be a SASL response: look at it first */
    /* a rejected line is printed once its end is known (where the next line starts) */
    int have_err;
    struct ig_error err;
    unsigned char errtag[256];
    /* APPEND message octets, collected to print the canonical form */
    struct buf *msgs;
    size_t nmsgs, capmsgs;
    long cur_msg;
    struct buf out;
    struct window win;     /* --json: bytes of the entries not printed yet */
    int nomem;
};

static int buf_add(struct buf *b, const void *s, size_t n)
{
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n)
            cap *= 2;
        unsigned char *np = realloc(b->p, cap);
        if (np == NULL)
            return -1;
        b->p = np;
        b->cap = cap;
    }
    if (n)
        memcpy(b->p + b->len, s, n);
    b->len += n;
    return 0;
}

/* The "raw" member of the entry [from, to), then forgets its bytes. */
static void print_raw(struct ctx *c, uint64_t from, uint64_t to)
{
    const unsigned char *p;
    size_t n;
    uint64_t omitted;
    fputs(",\"raw\":", stdout);
    if (window_get(&c->win, from, to, &p, &n, &omitted) != 0) {
        fputs("null", stdout); /* never expected; the lossless test would see it */
        fprintf(stderr, "imapguard parse: internal error: bytes of %llu..%llu not kept\n",
                (unsigned long long)from, (unsigned long long)to);
        c->nomem = 1;
    } else {
        json_string(stdout, p, n);
        if (omitted)
            printf(",\"raw_omitted\":%llu", (unsigned long long)omitted);
    }
    window_drop(&c->win, to);
}

static void print_error(struct ctx *c, uint64_t end)
{
    const struct ig_error *e = &c->err;
    int counted = e->cmd != IG_CMD_DONE && e->cmd != IG_CMD_SASL;
    if (!c->have_err)
        return;
    c->have_err = 0;
    if (counted)
        c->rejected++;
    if (c->mode == MODE_TEXT) {
        if (e->tag.len)
            fwrite(e->tag.ptr, 1, e->tag.len, stdout);
        else
            fputc('*', stdout);
        printf(" BAD %s\n", e->reason);
    } else if (c->mode == MODE_JSON) {
        fputs("{\"ok\":false,\"tag\":", stdout);
        if (e->tag.len)
            json_string(stdout, e->tag.ptr, e->tag.len);
        else
            fputs("null", stdout);
        fputs(",\"command\":", stdout);
        if (e->name.len > 0 || e->cmd == IG_CMD_SASL || e->cmd == IG_CMD_DONE)
            json_cstring(stdout, ig_cmd_name(e->cmd));
        else
            fputs("null", stdout);
        printf(",\"offset\":%llu,\"length\":%llu", (unsigned long long)e->command_offset,
               (unsigned long long)(end - e->command_offset));
        window_cap(&c->win, e->command_offset, end, RAW_KEEP);
        print_raw(c, e->command_offset, end);
        fputs(",\"error\":{\"code\":", stdout);
        json_cstring(stdout, ig_status_name(e->code));
        fputs(",\"reason\":", stdout);
        json_cstring(stdout, e->reason);
        printf(",\"offset\":%llu}}\n", (unsigned long long)e->offset);
    }
}

static void keep_error(struct ctx *c, const struct ig_error *e)
{
    c->have_err = 1;
    c->err = *e;
    c->err.name.ptr = NULL; /* only its length is used after this point */
    /* The tag points into parser memory that the next feed reuses. */
    size_t n = e->tag.len < sizeof(c->errtag) ? e->tag.len : sizeof(c->errtag);
    memcpy(c->errtag, e->tag.ptr ? e->tag.ptr : c->errtag, n);
    c->err.tag.ptr = c->errtag;
    c->err.tag.len = n;
}

/* After each feed: print the pending rejected line as soon as its end is known (the
 * parser is between lines, or a new line began), so that a consumer sees it without
 * waiting for the next command. While its bytes are still being skipped, only its
 * first RAW_KEEP bytes are kept. */
static void settle_error(struct ctx *c, const struct ig_parser *p)
{
    if (!c->have_err)
        return;
    uint64_t at = ig_parser_offset(p), line = ig_parser_line_offset(p);
    uint64_t end = ig_parser_idle(p) ? at : line;
    if (end <= c->err.command_offset) {
        if (c->mode == MODE_JSON)
            window_cap(&c->win, c->err.command_offset, at, RAW_KEEP);
        return;
    }
    print_error(c, end);
}

static int print_command(struct ctx *c, const struct ig_command *cmd)
{
    struct ig_command copy = *cmd;
    struct ig_append_msg *msgs = NULL;
    int rc = 0;

    if (cmd->cmd == IG_CMD_APPEND && cmd->typed) {
        msgs = calloc(cmd->u.append.n ? cmd->u.append.n : 1, sizeof(*msgs));
        if (msgs == NULL)
            return -1;
        for (uint32_t i = 0; i < cmd->u.append.n; i++) {
            msgs[i] = cmd->u.append.msgs[i];
            if (i < c->nmsgs) {
                msgs[i].data.ptr = c->msgs[i].p ? c->msgs[i].p : (const unsigned char *)"";
                msgs[i].data.len = c->msgs[i].len;
            }
        }
        copy.u.append.msgs = msgs;
    }
    if (cmd->cmd != IG_CMD_DONE && cmd->cmd != IG_CMD_SASL)
        c->ok++;
    if (c->mode != MODE_COUNT) {
        size_t n = ig_command_emit(&copy, c->opts, c->out.p, c->out.cap);
        if (n != (size_t)-1 && n > c->out.cap) {
            unsigned char *np = realloc(c->out.p, n);
            if (np == NULL) {
                free(msgs);
                return -1;
            }
            c->out.p = np;
            c->out.cap = n;
            n = ig_command_emit(&copy, c->opts, c->out.p, c->out.cap);
        }
        if (n == (size_t)-1) {
            fprintf(stderr, "imapguard: internal error: command cannot be serialized\n");
            rc = -1;
            n = 0;
        }
        size_t body = n >= 2 ? n - 2 : 0; /* without the final CRLF */
        if (c->mode == MODE_TEXT) {
            fwrite(c->out.p, 1, body, stdout);
            fputc('\n', stdout);
        } else {
            fputs("{\"ok\":true,\"tag\":", stdout);
            if (cmd->tag.len)
                json_string(stdout, cmd->tag.ptr, cmd->tag.len);
            else
                fputs("null", stdout);
            fputs(",\"command\":", stdout);
            json_cstring(stdout, ig_cmd_name(cmd->cmd));
            fputs(",\"canonical\":", stdout);
            json_string(stdout, c->out.p, body);
            printf(",\"offset\":%llu,\"length\":%llu", (unsigned long long)cmd->offset,
                   (unsigned long long)cmd->length);
            print_raw(c, cmd->offset, cmd->offset + cmd->length);
            fputs(",\"args\":", stdout);
            json_args(stdout, &copy);
            fputs("}\n", stdout);
        }
    }
    free(msgs);
    return rc;
}

static void drop_messages(struct ctx *c)
{
    for (size_t i = 0; i < c->nmsgs; i++)
        c->msgs[i].len = 0;
    c->nmsgs = 0;
    c->cur_msg = -1;
}

/* How far ahead a possible SASL response is looked at for a space: a longer line is
 * over every line limit of the parser anyway (IG_DEFAULT_MAX_LINE, max_sasl_line). */
#define SASL_LOOK (IG_DEFAULT_MAX_LINE + 2u)

/* After an AUTHENTICATE or a SASL line, at a line boundary: is the next line another
 * client response? A SASL response is a line without a space (base64 or "*"). Reads
 * ahead (without consuming) until a space, an LF, SASL_LOOK bytes or the end. */
static void choose_next(struct ctx *c, struct ig_parser *p, struct input *in)
{
    for (;;) {
        const unsigned char *s = in->buf + in->start;
        size_t n = in->end - in->start, look = n < SASL_LOOK ? n : SASL_LOOK;
        for (size_t i = 0; i < look; i++) {
            if (s[i] == ' ') {
                c->sasl_mode = 0;
                return;
            }
            if (s[i] == '\n')
                break;
        }
        if ((look > 0 && memchr(s, '\n', look) != NULL) || n >= SASL_LOOK) {
            ig_parser_expect(p, IG_EXPECT_SASL);
            return;
        }
        if (input_more(in) == 0) {
            if (in->end > in->start)
                ig_parser_expect(p, IG_EXPECT_SASL);
            else
                c->sasl_mode = 0;
            return;
        }
    }
}

static int on_command(struct ctx *c, struct ig_parser *p)
{
    const struct ig_command *cmd = ig_parser_command(p);
    print_error(c, cmd->offset);
    int rc = print_command(c, cmd);
    drop_messages(c);
    if (cmd->cmd == IG_CMD_IDLE) {
        ig_parser_expect(p, IG_EXPECT_DONE);
        c->sasl_mode = 0;
        return rc;
    }
    /* RFC 9051 §6.2.2: client responses follow an AUTHENTICATE, with or without an
     * initial response (SCRAM sends more after one). */
    if (cmd->cmd == IG_CMD_AUTHENTICATE)
        c->sasl_mode = 1;
    else if (cmd->cmd != IG_CMD_SASL || cmd->u.sasl.cancel)
        c->sasl_mode = 0;
    c->choose = c->sasl_mode; /* decided before the next byte is fed */
    return rc;
}

static int on_literal(struct ctx *c, struct ig_parser *p)
{
    const struct ig_literal *l = ig_parser_literal(p);
    if (l->message) {
        if (c->nmsgs == c->capmsgs) {
            size_t cap = c->capmsgs ? c->capmsgs * 2 : 4;
            struct buf *nb = realloc(c->msgs, cap * sizeof(*nb));
            if (nb == NULL)
                return -1;
            memset(nb + c->capmsgs, 0, (cap - c->capmsgs) * sizeof(*nb));
            c->msgs = nb;
            c->capmsgs = cap;
        }
        c->cur_msg = (long)c->nmsgs++;
        c->msgs[c->cur_msg].len = 0;
    }
    ig_parser_literal_accept(p);
    return 0;
}

/* Handles one event of the parser; 0, or EXIT_USAGE on an internal or memory error. */
static int on_event(struct ctx *c, struct ig_parser *p, enum ig_status st)
{
    if (st == IG_OK)
        return on_command(c, p) ? EXIT_USAGE : 0;
    if (st == IG_NEED_LITERAL)
        return on_literal(c, p) ? EXIT_USAGE : 0;
    if (st == IG_LITERAL_DATA) {
        struct ig_span d = ig_parser_data(p, NULL);
        if (c->cur_msg >= 0 && buf_add(&c->msgs[c->cur_msg], d.ptr, d.len))
            return EXIT_USAGE;
        return 0;
    }
    if (st == IG_E_USAGE) {
        fprintf(stderr, "imapguard parse: internal error (%s)\n", ig_parser_error(p)->reason);
        return EXIT_USAGE;
    }
    const struct ig_error *e = ig_parser_error(p);
    print_error(c, e->command_offset);
    keep_error(c, e);
    drop_messages(c);
    c->sasl_mode = 0;
    return 0;
}

int cmd_parse(int argc, char **argv)
{
    struct ctx c;
    const char *path = NULL;
    size_t chunk = 0;
    int literal_plus = 0;
    memset(&c, 0, sizeof(c));
    c.cur_msg = -1;
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--responses") == 0)
            return cmd_parse_responses(argc, argv);

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(help, stdout);
            fputs(help_more, stdout);
            return 0;
        } else if (strcmp(a, "--json") == 0 && c.mode != MODE_COUNT) {
            c.mode = MODE_JSON;
        } else if (strcmp(a, "--count") == 0 && c.mode != MODE_JSON) {
            c.mode = MODE_COUNT;
        } else if (strcmp(a, "--chunk") == 0 && i + 1 < argc) {
            chunk = parse_size(argv[++i]);
            if (chunk == 0) {
                fprintf(stderr, "imapguard parse: --chunk needs a positive number\n");
                return EXIT_USAGE;
            }
        } else if (strcmp(a, "--lenient-lf") == 0) {
            c.opts |= IG_OPT_LENIENT_LF;
        } else if (strcmp(a, "--utf8") == 0) {
            c.opts |= IG_OPT_UTF8;
        } else if (strcmp(a, "--literal-plus") == 0) {
            literal_plus = 1;
        } else if ((a[0] != '-' || strcmp(a, "-") == 0) && path == NULL) {
            path = a;
        } else {
            fprintf(stderr, "imapguard parse: bad argument '%s'\n%s%s", a, help, help_more);
            return EXIT_USAGE;
        }
    }

    struct input in;
    if (input_open(&in, path, SASL_LOOK + INPUT_READ))
        return EXIT_USAGE;

    struct ig_parser p;
    struct ig_limits lim;
    ig_limits_default(&lim);
    if (literal_plus) /* RFC 7888 LITERAL+: {n+} as large as any literal */
        lim.max_nonsync_literal = lim.max_append_literal;
    size_t memsize = ig_parser_memsize(&lim);
    void *mem = malloc(memsize);
    if (mem == NULL || ig_parser_init(&p, &lim, mem, memsize) != IG_OK) {
        fprintf(stderr, "imapguard parse: cannot set up the parser\n");
        free(mem);
        input_close(&in);
        return EXIT_USAGE;
    }
    ig_parser_set_options(&p, c.opts);

    int rc = EXIT_CONSUMED, fatal = 0;
    while (rc == EXIT_CONSUMED) {
        if (c.choose) {
            c.choose = 0;
            choose_next(&c, &p, &in);
        }
        size_t n = in.end - in.start;
        if (n == 0) {
            if (input_more(&in) == 0)
                break;
            continue;
        }
        if (chunk && n > chunk)
            n = chunk;
        const unsigned char *b = in.buf + in.start;
        size_t used = 0;
        enum ig_status st = ig_parser_feed(&p, b, n, &used);
        if (c.mode == MODE_JSON && window_add(&c.win, b, used))
            c.nomem = 1;
        /* The event's spans point into b: handled before b is consumed. */
        if (st != IG_NEED_MORE)
            rc = on_event(&c, &p, st);
        in.start += used;
        if (c.nomem)
            rc = EXIT_USAGE;
        if (st == IG_E_FATAL) {
            fatal = 1;
            break;
        }
        settle_error(&c, &p);
    }
    /* IG_E_FATAL: the rejected line takes the rest of the stream, which is read (not
     * parsed) to know its length; only RAW_KEEP bytes of it are kept. */
    while (fatal && rc == EXIT_CONSUMED) {
        if (c.mode == MODE_JSON) {
            if (window_add(&c.win, in.buf + in.start, in.end - in.start)) {
                rc = EXIT_USAGE;
                break;
            }
            window_cap(&c.win, c.err.command_offset, in.total, RAW_KEEP);
        }
        in.start = in.end;
        if (input_more(&in) == 0)
            break;
    }
    if (in.err && rc == EXIT_CONSUMED)
        rc = EXIT_USAGE;
    /* A rejected line ends where the line in progress (if any) began. */
    uint64_t end = ig_parser_idle(&p) ? in.total : ig_parser_line_offset(&p);
    if (fatal || end <= c.err.command_offset)
        end = in.total;
    if (rc != EXIT_USAGE)
        print_error(&c, end);
    if (rc == EXIT_CONSUMED && (fatal || !ig_parser_idle(&p)))
        rc = EXIT_INSIDE;
    if (c.mode == MODE_COUNT)
        printf("%lu ok, %lu rejected\n", c.ok, c.rejected);
    if (fflush(stdout) != 0 && rc != EXIT_USAGE) {
        fprintf(stderr, "imapguard parse: write error\n");
        rc = EXIT_USAGE;
    }
    for (size_t i = 0; i < c.capmsgs; i++)
        free(c.msgs[i].p);
    free(c.msgs);
    free(c.out.p);
    window_free(&c.win);
    free(mem);
    input_close(&in);
    return rc;
}
