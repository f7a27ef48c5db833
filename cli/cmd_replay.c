/*
 * cmd_replay.c - `imapguard replay`: one server session (the sans-I/O session of
 * imapguard_session.h with the reference backend of backend/ref.h) over a recorded
 * client->server byte stream; writes exactly the bytes the server sends. The output is
 * a contract (tests and scripts compare it): it is deterministic (fixed UIDVALIDITY and
 * clock) and never depends on --chunk or --output-buffer.
 */
#include "cli.h"
#include "imapguard_session.h"
#include "json.h"
#include "accounts.h"
#include "ref.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: imapguard replay [--user NAME:PASS]... [--maildir DIR] [--chunk N]\n"
    "                        [--after-tls FILE] [--tls] [--plaintext-login] [--trace]\n"
    "                        [--output-buffer N] [--appendlimit N] [FILE]\n"
    "\n"
    "Runs one IMAP server session with the reference backend over a client->server byte\n"
    "stream (FILE, or standard input when FILE is missing or '-') and writes to standard\n"
    "output exactly the bytes the server sends, the greeting first. Everything is\n"
    "deterministic: UIDVALIDITY values start at 1700000000 and the clock that dates\n"
    "APPENDed messages is fixed at 14-Nov-2023 22:13:20 +0000.\n"
    "\n"
    "Mail and accounts:\n"
    "  (default)   the bundled sample mail and the demo account: user \"demo\", password\n"
    "              \"demo\". Mailboxes: INBOX (4 messages: plain text, multipart/alternative,\n"
    "              multipart/mixed with an attachment and a forwarded message/rfc822, one\n"
    "              with encoded words), Sent (\\Sent), Drafts (\\Drafts), Lists, Lists/imap.\n"
    "  --user NAME:PASS  an account (repeatable); the accounts given replace the demo\n"
    "              account. Each gets its own copy of the mail (samples or --maildir).\n"
    "  --maildir DIR  load a Maildir++ folder instead of the samples, for every account:\n"
    "              DIR is INBOX, DIR/.A.B is the mailbox \"A/B\"; flags from the \":2,\"\n"
    "              suffix of cur/ files (D Draft, F Flagged, R Answered, S Seen,\n"
    "              T Deleted; a-z keywords via dovecot-keywords); UIDs in file-name\n"
    "              order; internal dates are the fixed clock. Nothing is written back,\n"
    "              nothing outside DIR is read: symbolic links below DIR are skipped, and\n"
    "              so are folders whose names the store refuses (below).\n"
    "  Mailbox names: CREATE and RENAME refuse with NO [CANNOT] a name with an empty,\n"
    "              \".\" or \"..\" level, a \".\" (the Maildir++ separator on disk), a\n"
    "              control character or wildcard, a level over 255 bytes or a name over\n"
    "              1024 bytes. STORE and APPEND refuse \\Recent and unknown system flags\n"
    "              (BAD).\n"
    "\n"
    "Connection:\n"
    "  (default)   a plaintext connection (port 143) offering STARTTLS, with LOGIN and\n"
    "              AUTHENTICATE PLAIN/LOGIN refused until TLS is active (LOGINDISABLED)\n"
    "  --plaintext-login  allow LOGIN and AUTHENTICATE PLAIN/LOGIN without TLS\n"
    "  --tls       the stream starts on a TLS connection (port 993): no STARTTLS,\n"
    "              login allowed\n"
    "  --after-tls FILE  the bytes the client sends once TLS is up. When the session\n"
    "              accepts STARTTLS, the rest of the plaintext input is fed and\n"
    "              discarded (never executed), the handshake is taken as done, and FILE\n"
    "              is fed as if it arrived over TLS. Without it, input ends at STARTTLS.\n"
    "\n"; /* continued in help2 */

/* Two strings: C11 compilers need only support 4095 bytes in one. */
static const char help2[] =
    "Feeding and output:\n"
    "  --chunk N   feed the session at most N bytes at a time (default: as they are\n"
    "              read, up to 65536). The input is read in pieces and each response is\n"
    "              written as soon as the session has it: memory does not grow with\n"
    "              the stream (only with what the commands store, such as APPENDs)\n"
    "  --output-buffer N  the session's output buffer (default 65536, at least 256);\n"
    "              small values make long responses pause and resume\n"
    "  --appendlimit N  advertise APPENDLIMIT=N and refuse larger APPENDs with TOOBIG\n"
    "  --trace     write one JSON object per line to standard error:\n"
    "                {\"event\":\"command\",\"tag\":T,\"command\":C,\"state_before\":S,\n"
    "                 \"state_after\":S,\"status\":R}\n"
    "              for every tagged response (also a BAD for an unparsable line), where\n"
    "              T is the tag or null, C the command name (\"UID FETCH\", \"OTHER\" for\n"
    "              an unknown word), S one of NOT_AUTH AUTH SELECTED LOGOUT, and R \"OK\",\n"
    "              \"NO\", \"BAD\" or null; and per action\n"
    "                {\"event\":\"starttls\",\"discarded\":N}  N plaintext bytes thrown away\n"
    "                {\"event\":\"close\"}                       the server closes\n"
    "              T is written losslessly: valid UTF-8 as it is, other bytes 80-FF as\n"
    "              \\udcXX ('surrogateescape'), control bytes as \\u00XX (or \\n \\r \\t),\n"
    "              as in 'imapguard parse --json'\n"
    "\n"
    "Exit status: 0 when the stream was processed (whatever the server answered), 2 on\n"
    "usage or I/O errors (an unreadable file, a Maildir that cannot be loaded).\n";

static void trace_cb(void *ctx, const struct ig_trace *ev)
{
    (void)ctx;
    if (ev->is_action)
        return; /* actions are reported once, by the replay loop (chunk-independent) */
    fputs("{\"event\":\"command\",\"tag\":", stderr);
    if (ev->tag.len)
        json_string(stderr, ev->tag.ptr, ev->tag.len);
    else
        fputs("null", stderr);
    fputs(",\"command\":", stderr);
    json_cstring(stderr, ig_cmd_name(ev->cmd));
    fputs(",\"state_before\":", stderr);
    json_cstring(stderr, ig_state_name(ev->before));
    fputs(",\"state_after\":", stderr);
    json_cstring(stderr, ig_state_name(ev->after));
    fputs(",\"status\":", stderr);
    if (ev->status == IG_BK_OK || ev->status == IG_BK_NO || ev->status == IG_BK_BAD)
        json_cstring(stderr, ev->status == IG_BK_OK ? "OK" : ev->status == IG_BK_NO ? "NO" : "BAD");
    else
        fputs("null", stderr);
    fputs("}\n", stderr);
}

struct replay {
    struct ig_session s;
    struct ig_ref_store *st;
    int failed;
};

/* Sends everything buffered to stdout; then nothing can refer to expunged data. */
static void drain(struct replay *r)
{
    for (;;) {
        struct ig_span o = ig_session_output(&r->s);
        if (o.len == 0)
            break;
        if (fwrite(o.ptr, 1, o.len, stdout) != o.len)
            r->failed = 1;
        ig_session_sent(&r->s, o.len);
    }
    ig_ref_reclaim(r->st);
}

/* Feeds data[0..len) chunk bytes at a time; stops early at an action. */
static void feed(struct replay *r, const unsigned char *data, size_t len, size_t chunk,
                 size_t *pos)
{
    int pending = 0;
    while (*pos < len || pending) {
        if (ig_session_action(&r->s) != IG_ACT_NONE)
            return;
        size_t n = len - *pos;
        if (chunk && n > chunk)
            n = chunk;
        size_t used = 0;
        static const unsigned char none[1] = {0};
        enum ig_status st = ig_session_feed(&r->s, n ? data + *pos : none, n, &used);
        *pos += used;
        pending = st == IG_NEED_OUTPUT;
        int had_output = ig_session_output(&r->s).len > 0;
        drain(r);
        if (st < 0 || (pending && used == 0 && !had_output)) {
            r->failed = 1; /* the session made no progress: never spin */
            return;
        }
    }
}

/* Feeds a whole input stream piece by piece as it is read, printing the responses as
 * they come; stops at an action (the rest stays unread) or at the end. */
static void feed_stream(struct replay *r, struct input *in, size_t chunk)
{
    while (!r->failed && ig_session_action(&r->s) == IG_ACT_NONE) {
        if (in->start == in->end && input_more(in) == 0)
            return;
        size_t pos = 0;
        feed(r, in->buf + in->start, in->end - in->start, chunk, &pos);
        in->start += pos;
    }
}

int cmd_replay(int argc, char **argv)
{
    const char *path = NULL, *maildir = NULL, *after = NULL;
    const char **users = calloc((size_t)argc + 1, sizeof(*users));
    size_t nusers = 0, chunk = 0, outbuf = IG_DEFAULT_OUTPUT_BUFFER, appendlimit = 0;
    int trace = 0, plaintext = 0, tls = 0, rc = EXIT_USAGE;
    struct input in, in2;
    int have_in = 0, have_in2 = 0;
    struct ig_ref_store *st = NULL;
    struct ig_ref_conn *conn = NULL;
    void *mem = NULL;
    struct replay *r = NULL;
    if (users == NULL)
        return EXIT_USAGE;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(help, stdout);
            fputs(help2, stdout);
            free(users);
            return 0;
        } else if (strcmp(a, "--user") == 0 && i + 1 < argc) {
            users[nusers++] = argv[++i];
        } else if (strcmp(a, "--maildir") == 0 && i + 1 < argc && maildir == NULL) {
            maildir = argv[++i];
        } else if (strcmp(a, "--after-tls") == 0 && i + 1 < argc && after == NULL) {
            after = argv[++i];
        } else if (strcmp(a, "--chunk") == 0 && i + 1 < argc) {
            if ((chunk = parse_size(argv[++i])) == 0)
                goto usage;
        } else if (strcmp(a, "--output-buffer") == 0 && i + 1 < argc) {
            outbuf = parse_size(argv[++i]);
            if (outbuf < 256 || outbuf > (1u << 30))
                goto usage;
        } else if (strcmp(a, "--appendlimit") == 0 && i + 1 < argc) {
            if ((appendlimit = parse_size(argv[++i])) == 0)
                goto usage;
        } else if (strcmp(a, "--trace") == 0) {
            trace = 1;
        } else if (strcmp(a, "--plaintext-login") == 0) {
            plaintext = 1;
        } else if (strcmp(a, "--tls") == 0) {
            tls = 1;
        } else if ((a[0] != '-' || strcmp(a, "-") == 0) && path == NULL) {
            path = a;
        } else {
            goto usage;
        }
    }
    if (input_open(&in, path, INPUT_READ) != 0)
        goto out;
    have_in = 1;
    if (after) {
        if (input_open(&in2, after, INPUT_READ) != 0)
            goto out;
        have_in2 = 1;
    }

    struct ig_ref_config bcfg;
    ig_ref_config_default(&bcfg);
    bcfg.deterministic = 1;
    bcfg.appendlimit = appendlimit;
    st = ig_ref_store_new(&bcfg);
    if (st == NULL)
        goto nomem;
    if (nusers == 0) {
        if (cli_add_account(st, IG_REF_DEMO_USER ":" IG_REF_DEMO_PASS, maildir,
                            "imapguard replay"))
            goto out;
    }
    for (size_t i = 0; i < nusers; i++)
        if (cli_add_account(st, users[i], maildir, "imapguard replay"))
            goto out;
    conn = ig_ref_conn_new(st);
    r = calloc(1, sizeof(*r));
    if (conn == NULL || r == NULL)
        goto nomem;
    r->st = st;

    struct ig_session_config cfg;
    ig_session_config_default(&cfg);
    cfg.output_buffer = (uint32_t)outbuf;
    cfg.tls_active = (uint8_t)tls;
    cfg.starttls = 1;
    cfg.plaintext_login = (uint8_t)plaintext;
    cfg.appendlimit = appendlimit;
    size_t ms = ig_session_memsize(&cfg);
    mem = malloc(ms);
    if (mem == NULL)
        goto nomem;
    if (ig_session_init(&r->s, &cfg, &ig_ref_backend, conn, mem, ms) != IG_OK) {
        fprintf(stderr, "imapguard replay: session setup failed\n");
        goto out;
    }
    if (trace)
        ig_session_set_trace(&r->s, trace_cb, NULL);
    drain(r);

    int tls_done = 0;
    feed_stream(r, &in, chunk);
    while (!r->failed) {
        enum ig_action act = ig_session_action(&r->s);
        if (act == IG_ACT_CLOSE) {
            if (trace)
                fputs("{\"event\":\"close\"}\n", stderr);
            break;
        }
        if (act != IG_ACT_STARTTLS || tls_done)
            break;
        /* The rest of the plaintext arrives before the handshake: fed and discarded
         * (RFC 9051 §6.2.1 forbids acting on it), as it is read. */
        do {
            size_t used = 0;
            if (in.end > in.start)
                ig_session_feed(&r->s, in.buf + in.start, in.end - in.start, &used);
            in.start = in.end;
            drain(r);
        } while (input_more(&in) > 0);
        if (trace)
            fprintf(stderr, "{\"event\":\"starttls\",\"discarded\":%llu}\n",
                    (unsigned long long)ig_session_discarded(&r->s));
        ig_session_tls_started(&r->s);
        tls_done = 1;
        if (!have_in2)
            break;
        feed_stream(r, &in2, chunk);
    }
    if (in.err || (have_in2 && in2.err))
        goto out;
    drain(r);
    if (fflush(stdout) != 0 || r->failed) {
        fprintf(stderr, "imapguard replay: %s\n", r->failed ? "the session stalled or output failed"
                                                              : "write error");
        goto out;
    }
    rc = 0;
    goto out;
usage:
    fputs(help, stderr);
    fputs(help2, stderr);
    goto out;
nomem:
    fprintf(stderr, "imapguard replay: out of memory\n");
out:
    free(r);
    free(mem);
    ig_ref_conn_free(conn);
    ig_ref_store_free(st);
    if (have_in)
        input_close(&in);
    if (have_in2)
        input_close(&in2);
    free(users);
    return rc;
}
