/*
 * cmd_responses.c - `imapguard parse --responses`: reads a server->client byte stream
 * the way a client receives it (include/imapguard_response.h) and prints one entry per
 * response: its canonical form, or the error that stopped the reader (errors are
 * sticky: a client closes the connection). Same conventions as `imapguard parse`: the
 * output must not depend on --chunk, and its fields only grow.
 */
#include "cli.h"
#include "imapguard_response.h"
#include "json.h"
#include "json_args.h"
#include "window.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: imapguard parse --responses [--json] [--chunk N] [--starttls TAG] [FILE]\n"
    "\n"
    "Reads a server->client IMAP byte stream (FILE, or standard input when FILE is\n"
    "missing or '-') the way a client receives it, and prints one line per response,\n"
    "in stream order: its canonical form (literal octets printed as they are), or\n"
    "'ERROR <code> @<offset> <reason>' for the error that stopped the reader.\n"
    "\n"
    "  --json      one JSON object per line instead, with the members\n"
    "                ok         true or false\n"
    "                kind       \"CONTINUE\", \"TAGGED\", \"STATUS\" (untagged OK / NO /\n"
    "                           BAD / PREAUTH / BYE) or \"DATA\"\n"
    "                tag        the tag (TAGGED), else null\n"
    "                status     \"OK\", \"NO\", \"BAD\", \"PREAUTH\" or \"BYE\" (TAGGED,\n"
    "                           STATUS), else null\n"
    "                code       the response code, or null: {\"code\": \"UIDNEXT\" (\"OTHER\"\n"
    "                           for an unknown one), \"name\": as sent, \"text\": what\n"
    "                           follows it, and the typed values: \"value\" (UIDNEXT,\n"
    "                           UIDVALIDITY, UNSEEN, HIGHESTMODSEQ, APPENDUID and COPYUID\n"
    "                           UIDVALIDITY), \"uids\" / \"destination\" (APPENDUID,\n"
    "                           COPYUID, MODIFIED), \"list\" (CAPABILITY, PERMANENTFLAGS,\n"
    "                           BADCHARSET)}\n"
    "                text       the human-readable text (or base64 of a continuation)\n"
    "                data       DATA: \"CAPABILITY\", \"FETCH\", ... or \"OTHER\"\n"
    "                name       DATA: the response word as sent\n"
    "                number     DATA: the number before EXISTS, EXPUNGE, FETCH, or null\n"
    "                args       DATA: the generic tree after the name: {\"atom\": ...},\n"
    "                           {\"string\": ...}, null for NIL, nested arrays\n"
    "                typed      DATA: the typed form, or null (see README.md)\n"
    "                canonical  the canonical form without the final CRLF\n"
    "                offset     stream offset of the first byte\n"
    "                length     bytes of the response in the stream (literals included)\n"
    "                raw        the exact bytes of the response in the stream: all of its\n"
    "                           length, CRLF and literal octets included; when not ok,\n"
    "                           its bytes from offset up to and including the offending\n"
    "                           byte (strings as in imapguard parse --json: lossless,\n"
    "                           8-bit bytes that are not UTF-8 as \\udcXX)\n"
    "                tls        true for the tagged OK of the --starttls command\n"
    "                error      {\"code\": \"IG_E_SYNTAX\", \"reason\": \"...\", \"offset\": N}\n"
    "                           when not ok (offset: the offending byte)\n"
    "  --chunk N   feed the reader N bytes at a time (default: all at once); the output\n"
    "              is the same for every N\n"
    "  --starttls TAG  the command tagged TAG is STARTTLS: bytes after its tagged OK are\n"
    "              refused (plaintext injected before the TLS handshake)\n"
    "\n"
    "Exit status: 0 when the input was read to its end at a response boundary, 1 when\n"
    "it ended inside a response or an error stopped the reader, 2 on usage or I/O\n"
    "errors.\n";

struct lits {
    unsigned char *p;
    size_t len, cap;
    struct ig_span *span;
    size_t *start;
    uint32_t n, capn;
};

static int lits_add(struct lits *l, const unsigned char *s, size_t n)
{
    if (l->len + n > l->cap) {
        size_t cap = l->cap ? l->cap : 4096;
        while (cap < l->len + n)
            cap *= 2;
        unsigned char *p = realloc(l->p, cap);
        if (!p)
            return -1;
        l->p = p;
        l->cap = cap;
    }
    if (n)
        memcpy(l->p + l->len, s, n);
    l->len += n;
    return 0;
}

static int lits_new(struct lits *l, uint64_t size)
{
    if (l->n == l->capn) {
        uint32_t cap = l->capn ? l->capn * 2 : 16;
        struct ig_span *s = realloc(l->span, cap * sizeof *s);
        if (!s)
            return -1;
        l->span = s;
        size_t *st = realloc(l->start, cap * sizeof *st);
        if (!st)
            return -1;
        l->start = st;
        l->capn = cap;
    }
    l->start[l->n] = l->len;
    l->span[l->n].len = (size_t)size;
    l->n++;
    return 0;
}

static void j_words(FILE *f, struct ig_rwords w)
{
    fputc('[', f);
    for (uint32_t i = 0; i < w.n; i++) {
        if (i)
            fputc(',', f);
        json_span(f, w.v[i]);
    }
    fputc(']', f);
}

static void j_rarg(FILE *f, const struct ig_rarg *a, const struct lits *l)
{
    switch (a->type) {
    case IG_RARG_NIL:
        fputs("null", f);
        break;
    case IG_RARG_ATOM:
        fputs("{\"atom\":", f);
        json_span(f, a->v);
        fputc('}', f);
        break;
    case IG_RARG_STRING:
        fputs("{\"string\":", f);
        if (a->streamed && a->lit < l->n)
            json_span(f, l->span[a->lit]);
        else
            json_span(f, a->v);
        fputc('}', f);
        break;
    default:
        fputc('[', f);
        for (uint32_t i = 0; i < a->n; i++) {
            if (i)
                fputc(',', f);
            j_rarg(f, &a->items[i], l);
        }
        fputc(']', f);
    }
}

static void j_rargs(FILE *f, struct ig_rargs a, const struct lits *l)
{
    fputc('[', f);
    for (uint32_t i = 0; i < a.n; i++) {
        if (i)
            fputc(',', f);
        j_rarg(f, &a.v[i], l);
    }
    fputc(']', f);
}

static void j_code(FILE *f, const struct ig_resp_code *c)
{
    int first = 1;
    if (c->code == IG_RCODE_NONE) {
        fputs("null", f);
        return;
    }
    fputc('{', f);
    json_key(f, &first, "code");
    json_cstring(f, ig_rcode_name((enum ig_rcode)c->code));
    json_key(f, &first, "name");
    json_span(f, c->name);
    json_key(f, &first, "text");
    json_span(f, c->text);
    switch (c->code) {
    case IG_RCODE_UIDNEXT: case IG_RCODE_UIDVALIDITY: case IG_RCODE_UNSEEN:
    case IG_RCODE_HIGHESTMODSEQ: case IG_RCODE_APPENDUID: case IG_RCODE_COPYUID:
        json_key(f, &first, "value");
        json_u64(f, c->num);
        break;
    default:
        break;
    }
    if (c->code == IG_RCODE_APPENDUID || c->code == IG_RCODE_COPYUID || c->code == IG_RCODE_MODIFIED) {
        json_key(f, &first, "uids");
        json_span(f, c->set_a);
    }
    if (c->code == IG_RCODE_COPYUID) {
        json_key(f, &first, "destination");
        json_span(f, c->set_b);
    }
    if (c->code == IG_RCODE_CAPABILITY || c->code == IG_RCODE_PERMANENTFLAGS ||
        c->code == IG_RCODE_BADCHARSET) {
        json_key(f, &first, "list");
        j_words(f, c->words);
    }
    fputc('}', f);
}

static void j_typed(FILE *f, const struct ig_response *r, const struct lits *l)
{
    int first = 1;
    switch (r->data) {
    case IG_RDATA_CAPABILITY: case IG_RDATA_ENABLED: case IG_RDATA_FLAGS:
        j_words(f, r->u.words);
        return;
    case IG_RDATA_EXISTS: case IG_RDATA_EXPUNGE: case IG_RDATA_RECENT:
        json_u64(f, r->number);
        return;
    case IG_RDATA_VANISHED:
        fputs("{\"earlier\":", f);
        json_bool(f, r->u.vanished.earlier);
        fputs(",\"uids\":", f);
        json_span(f, r->u.vanished.uids);
        fputc('}', f);
        return;
    case IG_RDATA_LIST: case IG_RDATA_LSUB:
        fputs("{\"attributes\":", f);
        j_words(f, r->u.list.attrs);
        fputs(",\"delimiter\":", f);
        if (r->u.list.has_delim)
            json_string(f, &r->u.list.delim, 1);
        else
            fputs("null", f);
        fputs(",\"mailbox\":", f);
        json_span(f, r->u.list.mailbox);
        if (r->u.list.has_ext) {
            fputs(",\"extended\":", f);
            j_rargs(f, r->u.list.ext, l);
        }
        fputc('}', f);
        return;
    case IG_RDATA_STATUS:
        fputs("{\"mailbox\":", f);
        json_span(f, r->u.status.mailbox);
        fputs(",\"items\":[", f);
        for (uint32_t i = 0; i < r->u.status.n; i++) {
            const struct ig_rstatus_item *it = &r->u.status.v[i];
            fputs(i ? ",{\"name\":" : "{\"name\":", f);
            json_span(f, it->name);
            fputs(",\"value\":", f);
            if (it->nil)
                fputs("null", f);
            else if (r->args.v[1].items[2 * i + 1].type == IG_RARG_LIST)
                j_rarg(f, &r->args.v[1].items[2 * i + 1], l);
            else
                json_u64(f, it->value);
            fputc('}', f);
        }
        fputs("]}", f);
        return;
    case IG_RDATA_SEARCH:
        fputs("{\"numbers\":[", f);
        for (uint32_t i = 0; i < r->u.search.n; i++) {
            if (i)
                fputc(',', f);
            json_u64(f, r->u.search.v[i]);
        }
        fputc(']', f);
        if (r->u.search.has_modseq) {
            fputs(",\"modseq\":", f);
            json_u64(f, r->u.search.modseq);
        }
        fputc('}', f);
        return;
    case IG_RDATA_ESEARCH: {
        const struct ig_research *e = &r->u.esearch;
        fputc('{', f);
        json_key(f, &first, "tag");
        if (e->has_tag)
            json_span(f, e->tag);
        else
            fputs("null", f);
        json_key(f, &first, "uid");
        json_bool(f, e->uid);
        if (e->has_min) { json_key(f, &first, "min"); json_u64(f, e->min); }
        if (e->has_max) { json_key(f, &first, "max"); json_u64(f, e->max); }
        if (e->has_count) { json_key(f, &first, "count"); json_u64(f, e->count); }
        if (e->has_all) { json_key(f, &first, "all"); json_span(f, e->all); }
        if (e->has_modseq) { json_key(f, &first, "modseq"); json_u64(f, e->modseq); }
        fputc('}', f);
        return;
    }
    case IG_RDATA_FETCH: {
        const struct ig_rfetch *x = &r->u.fetch;
        fputc('{', f);
        if (x->has_flags) { json_key(f, &first, "flags"); j_words(f, x->flags); }
        if (x->has_uid) { json_key(f, &first, "uid"); json_u64(f, x->uid); }
        if (x->has_modseq) { json_key(f, &first, "modseq"); json_u64(f, x->modseq); }
        if (x->has_size) { json_key(f, &first, "rfc822.size"); json_u64(f, x->size); }
        if (x->has_date) { json_key(f, &first, "internaldate"); json_datetime(f, &x->date); }
        fputc('}', f);
        return;
    }
    default:
        fputs("null", f);
    }
}

/* The "raw" member: the kept bytes of [from, to), then forgets what is before to.
 * -1 (and null printed) when the window does not hold them, never expected. */
static int print_raw(struct window *w, uint64_t from, uint64_t to)
{
    const unsigned char *p;
    size_t n;
    uint64_t omitted;
    int rc = 0;
    fputs(",\"raw\":", stdout);
    if (window_get(w, from, to, &p, &n, &omitted) != 0 || omitted) {
        fputs("null", stdout);
        fprintf(stderr, "imapguard parse --responses: internal error: bytes of %llu..%llu not kept\n",
                (unsigned long long)from, (unsigned long long)to);
        rc = -1;
    } else {
        json_string(stdout, p, n);
    }
    window_drop(w, to);
    return rc;
}

static int print_response(int json, const struct ig_response *r, struct lits *l,
                          unsigned char **out, size_t *outcap, struct window *win)
{
    for (uint32_t i = 0; i < l->n; i++)
        l->span[i].ptr = l->p ? l->p + l->start[i] : (const unsigned char *)"";
    size_t n = ig_response_emit(r, l->span, l->n, *out, *outcap);
    if (n != (size_t)-1 && n > *outcap) {
        unsigned char *p = realloc(*out, n);
        if (!p)
            return -1;
        *out = p;
        *outcap = n;
        n = ig_response_emit(r, l->span, l->n, *out, *outcap);
    }
    if (n == (size_t)-1) {
        fprintf(stderr, "imapguard: internal error: response cannot be written\n");
        return -1;
    }
    size_t body = n >= 2 ? n - 2 : 0;
    if (!json) {
        fwrite(*out, 1, body, stdout);
        fputc('\n', stdout);
        return 0;
    }
    int tagged = r->kind == IG_RESP_TAGGED, status = tagged || r->kind == IG_RESP_STATUS;
    fputs("{\"ok\":true,\"kind\":", stdout);
    json_cstring(stdout, ig_resp_kind_name((enum ig_resp_kind)r->kind));
    fputs(",\"tag\":", stdout);
    if (tagged)
        json_span(stdout, r->tag);
    else
        fputs("null", stdout);
    fputs(",\"status\":", stdout);
    if (status)
        json_cstring(stdout, ig_resp_cond_name((enum ig_resp_cond)r->cond));
    else
        fputs("null", stdout);
    if (r->kind == IG_RESP_DATA) {
        fputs(",\"data\":", stdout);
        json_cstring(stdout, ig_rdata_name((enum ig_rdata)r->data));
        fputs(",\"name\":", stdout);
        json_span(stdout, r->name);
        fputs(",\"number\":", stdout);
        if (r->has_number)
            json_u64(stdout, r->number);
        else
            fputs("null", stdout);
        fputs(",\"args\":", stdout);
        j_rargs(stdout, r->args, l);
        fputs(",\"typed\":", stdout);
        j_typed(stdout, r, l);
    } else {
        fputs(",\"code\":", stdout);
        j_code(stdout, &r->code);
        fputs(",\"text\":", stdout);
        json_span(stdout, r->text);
    }
    fputs(",\"canonical\":", stdout);
    json_string(stdout, *out, body);
    printf(",\"offset\":%llu,\"length\":%llu", (unsigned long long)r->offset,
           (unsigned long long)r->length);
    int rc = print_raw(win, r->offset, r->offset + r->length);
    printf(",\"tls\":%s}\n", r->tls_boundary ? "true" : "false");
    return rc;
}

int cmd_parse_responses(int argc, char **argv)
{
    const char *path = NULL, *tls = NULL;
    size_t chunk = 0;
    int json = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(help, stdout);
            return 0;
        } else if (strcmp(a, "--responses") == 0) {
            continue;
        } else if (strcmp(a, "--json") == 0) {
            json = 1;
        } else if (strcmp(a, "--chunk") == 0 && i + 1 < argc) {
            chunk = parse_size(argv[++i]);
            if (chunk == 0) {
                fprintf(stderr, "imapguard parse: --chunk needs a positive number\n");
                return EXIT_USAGE;
            }
        } else if (strcmp(a, "--starttls") == 0 && i + 1 < argc) {
            tls = argv[++i];
        } else if ((a[0] != '-' || strcmp(a, "-") == 0) && path == NULL) {
            path = a;
        } else {
            fprintf(stderr, "imapguard parse --responses: bad argument '%s'\n%s", a, help);
            return EXIT_USAGE;
        }
    }
    /* Read and fed in pieces as it arrives, printed as it is read: memory stays flat
     * however long the stream (literal octets are gathered only to print them). */
    struct input in;
    if (input_open(&in, path, INPUT_READ) != 0)
        return EXIT_USAGE;
    struct ig_response_reader rd;
    size_t msize = ig_response_memsize(NULL);
    void *mem = malloc(msize);
    if (!mem || ig_response_init(&rd, NULL, mem, msize) != IG_OK ||
        (tls && ig_response_starttls(&rd, tls, strlen(tls)) != IG_OK)) {
        fprintf(stderr, "imapguard parse --responses: cannot set up the reader\n");
        free(mem);
        input_close(&in);
        return EXIT_USAGE;
    }
    struct lits l;
    memset(&l, 0, sizeof l);
    unsigned char *out = NULL;
    size_t outcap = 0;
    /* --json: the bytes of the response being read, for its "raw" member (issue 11). */
    struct window win;
    memset(&win, 0, sizeof win);
    int rc = EXIT_CONSUMED, stopped = 0;
    while (!stopped) {
        if (in.start == in.end && input_more(&in) == 0)
            break;
        const unsigned char *piece = in.buf + in.start;
        size_t n = in.end - in.start;
        if (chunk && n > chunk)
            n = chunk;
        /* The whole piece goes in: the reader takes all of it unless it stops, and an
         * error's raw runs to the offending byte, which may lie past what it took. */
        if (json && window_add(&win, piece, n) < 0) {
            fprintf(stderr, "imapguard parse --responses: out of memory\n");
            rc = EXIT_USAGE;
            break;
        }
        size_t off = 0;
        while (off < n) {
            size_t used;
            enum ig_status st = ig_response_feed(&rd, piece + off, n - off, &used);
            if (st == IG_LITERAL_DATA) {
                struct ig_span d = ig_response_data(&rd, NULL);
                if (lits_add(&l, d.ptr, d.len) < 0)
                    st = IG_E_NOMEM;
            } else if (st == IG_NEED_LITERAL) {
                if (lits_new(&l, ig_response_literal(&rd)->size) < 0)
                    st = IG_E_NOMEM;
            } else if (st == IG_OK) {
                if (print_response(json, ig_response_get(&rd), &l, &out, &outcap, &win) < 0)
                    rc = EXIT_USAGE;
                l.len = 0;
                l.n = 0;
            }
            off += used;
            if (st < 0) {
                const struct ig_error *e = ig_response_error(&rd);
                if (json) {
                    fputs("{\"ok\":false,\"offset\":", stdout);
                    json_u64(stdout, e->command_offset);
                    /* Up to and including the offending byte: the same whatever the
                     * pieces (bytes after it may or may not have been fed). */
                    uint64_t fed = win.off + win.len, to = e->offset + 1;
                    if (to > fed)
                        to = fed;
                    if (to < e->command_offset)
                        to = e->command_offset;
                    if (print_raw(&win, e->command_offset, to) < 0)
                        rc = EXIT_USAGE;
                    fputs(",\"error\":{\"code\":", stdout);
                    json_cstring(stdout, ig_status_name(st));
                    fputs(",\"reason\":", stdout);
                    json_cstring(stdout, e->reason ? e->reason : "out of memory");
                    printf(",\"offset\":%llu}}\n", (unsigned long long)e->offset);
                } else {
                    printf("ERROR %s @%llu %s\n", ig_status_name(st),
                           (unsigned long long)e->offset, e->reason ? e->reason : "out of memory");
                }
                stopped = 1;
                break;
            }
        }
        in.start += n;
    }
    if (in.err)
        rc = EXIT_USAGE;
    else if (rc == EXIT_CONSUMED && (stopped || !ig_response_idle(&rd)))
        rc = EXIT_INSIDE;
    free(l.p);
    free(l.span);
    free(l.start);
    free(out);
    window_free(&win);
    free(mem);
    input_close(&in);
    return rc;
}
