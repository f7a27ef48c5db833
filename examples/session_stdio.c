/*
 * session_stdio.c - the server session driven over real file descriptors: an IMAP
 * server on stdin/stdout (run it under inetd, socat or `ssh -T`) with the smallest
 * backend that is still a backend: one account, one empty INBOX, LIST. It shows the
 * loop of README "The server session": send what is queued, act on close, feed what
 * was read, and go back to sending whenever the session pauses (IG_NEED_OUTPUT).
 * Built and run by tests/t_examples.sh.
 *
 *   cc -Iinclude examples/session_stdio.c build/libimapguard.a -o session_stdio
 *
 * No TLS here, so STARTTLS is not offered and LOGIN is allowed in plaintext: do that
 * only on a loopback or an already encrypted channel.
 */
#define _POSIX_C_SOURCE 200809L /* read(), write() */
#include "imapguard_session.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int span_is(struct ig_span s, const char *text)
{
    return s.len == strlen(text) && memcmp(s.ptr, text, s.len) == 0;
}

/* ---- the backend ---- */

static int my_login(void *ctx, struct ig_span authzid, struct ig_span user, struct ig_span pass)
{
    (void)ctx;
    /* The spans are exact: "demo\0x" is not "demo". Never log the password. */
    return authzid.len == 0 && span_is(user, "demo") && span_is(pass, "demo");
}

static enum ig_bk_status my_select(void *ctx, const struct ig_command *cmd, int read_only,
                                   struct ig_mailbox_info *info, struct ig_bk_reply *reply)
{
    (void)ctx, (void)read_only;
    struct ig_span name = cmd->u.select.mailbox.v;
    /* RFC 9051 §5.1: INBOX in any case is INBOX; this backend has nothing else. */
    static const char inbox[] = "INBOX";
    int is_inbox = name.len == 5;
    for (size_t i = 0; is_inbox && i < 5; i++)
        is_inbox = (name.ptr[i] & ~0x20) == inbox[i];
    if (!is_inbox) {
        reply->text = "no such mailbox";
        return IG_BK_NO;
    }
    info->uidvalidity = 1;   /* an empty mailbox: everything else stays 0 */
    info->uidnext = 1;
    return IG_BK_OK;
}

static enum ig_bk_status my_command(void *ctx, const struct ig_command *cmd, struct ig_writer *w,
                                    uint64_t *cursor, struct ig_bk_reply *reply)
{
    (void)ctx, (void)cursor;
    if (cmd->cmd == IG_CMD_LIST) {
        /* Every pattern matches INBOX here; a real backend filters by the patterns. */
        static const struct ig_span inbox = {(const unsigned char *)"INBOX", 5};
        static const struct ig_span delim = {(const unsigned char *)"/", 1};
        ig_w_untagged(w);
        ig_w_atom(w, "LIST");
        ig_w_open(w);
        ig_w_atom(w, "\\HasNoChildren");
        ig_w_close(w);
        ig_w_nstring(w, &delim);
        ig_w_mailbox(w, inbox);
        ig_w_end(w);
        return IG_BK_OK;
    }
    reply->text = "not supported by this example";
    return IG_BK_NO;
}

static const struct ig_backend backend = {
    .login = my_login,
    .select = my_select,
    .command = my_command,
};

/* ---- the loop ---- */

static int send_output(struct ig_session *s)
{
    struct ig_span out;
    while ((out = ig_session_output(s)).len > 0) {
        ssize_t k = write(STDOUT_FILENO, out.ptr, out.len);
        if (k <= 0)
            return -1;
        ig_session_sent(s, (size_t)k);   /* a partial write is fine: the rest comes next */
    }
    return 0;
}

int main(void)
{
    struct ig_session_config cfg;
    ig_session_config_default(&cfg);
    cfg.starttls = 0;
    cfg.plaintext_login = 1;

    struct ig_session s;
    size_t memsize = ig_session_memsize(&cfg);
    void *mem = malloc(memsize);   /* all the memory the session will ever use */
    if (mem == NULL || ig_session_init(&s, &cfg, &backend, NULL, mem, memsize) != IG_OK)
        return 1;

    unsigned char buf[4096];
    for (;;) {
        if (send_output(&s) != 0 || ig_session_action(&s) == IG_ACT_CLOSE)
            break;
        ssize_t n = read(STDIN_FILENO, buf, sizeof(buf));
        if (n <= 0)
            break;   /* the client went away */
        size_t off = 0;
        for (;;) {
            size_t used = 0;
            enum ig_status st = ig_session_feed(&s, buf + off, (size_t)n - off, &used);
            off += used;
            if (st == IG_OK)
                break;                    /* every byte taken */
            if (st != IG_NEED_OUTPUT || send_output(&s) != 0)
                goto done;
            /* A long response filled the buffer: with it sent, feed on (even with no
             * bytes left: that resumes the paused command). */
        }
    }
done:
    send_output(&s);
    free(mem);
    return 0;
}
