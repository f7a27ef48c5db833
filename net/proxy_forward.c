/*
 * proxy_forward.c - commands on their way to the server. A command goes up exactly as
 * ig_command_emit() writes it. Its string literals are synchronizing ({n}); where the
 * server takes LITERAL+ (or LITERAL- up to 4096 octets, RFC 7888 §5) the header gets
 * its "+", else the proxy sends the header, waits for the server's "+" (RFC 9051
 * §7.5) and only then the octets. The headers are found by reading the emitted bytes
 * back with a second parser (the offsets it reports), never by searching the text.
 * APPEND messages are not held: the head is written by ig_append_emit_head() and the
 * octets follow piece by piece as the client sends them.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime, strncasecmp, getaddrinfo */

#include "proxy_int.h"

#include <stdlib.h>
#include <string.h>

#define PX_EMIT_MAX (1024u * 1024u) /* emitted command: max_line + literal bytes, quoted */

static unsigned char *scratch;
static size_t scratch_cap;

int px_blocking_cmd(enum ig_cmd cmd, enum ig_state st)
{
    const struct ig_cmd_rule *r = ig_cmd_rule(cmd);
    if (r->next_ok[st] != IG_NEXT_SAME || r->next_fail[st] != IG_NEXT_SAME)
        return 1;
    /* AUTHENTICATE and IDLE change what the next client line is; ENABLE may change how
     * the server writes (RFC 5161); LOGOUT ends everything. */
    return cmd == IG_CMD_AUTHENTICATE || cmd == IG_CMD_IDLE || cmd == IG_CMD_ENABLE ||
           cmd == IG_CMD_LOGOUT;
}

struct px_inflight *px_push(struct pconn *pc, struct ig_span tag, enum ig_cmd cmd,
                           struct ig_span name, int blocking)
{
    if (pc->nq >= PX_QMAX || tag.len > IG_DEFAULT_MAX_TAG)
        return NULL;
    struct px_inflight *f = &pc->q[pc->nq++];
    memcpy(f->tag, tag.ptr, tag.len);
    f->taglen = (uint8_t)tag.len;
    f->cmd = cmd;
    f->namelen = (uint8_t)(cmd == IG_CMD_OTHER && name.len <= sizeof(f->name) ? name.len : 0);
    if (f->namelen)
        memcpy(f->name, name.ptr, f->namelen);
    f->before = pc->state;
    f->blocking = (uint8_t)blocking;
    clock_gettime(CLOCK_MONOTONIC, &f->t0);
    px.forwarded++;
    return f;
}

void px_write_up(struct pconn *pc, const void *data, size_t n)
{
    if (pc->up && n > 0 && bufferevent_write(pc->up->bev, data, n) != 0)
        px_bye(pc, "* BYE proxy out of memory\r\n");
}

int px_up_full(const struct pconn *pc)
{
    return pc->up && evbuffer_get_length(bufferevent_get_output(pc->up->bev)) >= NET_OUTPUT_HIGH;
}

/* Whether a literal of size octets may go up as {n+}. */
static int nonsync_ok(const struct pconn *pc, uint64_t size)
{
    if (pc->up == NULL)
        return 0;
    if (upstream_has(pc->up->caps, "LITERAL+", 0))
        return 1;
    return size <= 4096 && upstream_has(pc->up->caps, "LITERAL-", 0); /* RFC 7888 §5 */
}

static int grow(unsigned char **buf, size_t *cap, size_t need)
{
    if (need <= *cap)
        return 0;
    if (need > PX_EMIT_MAX)
        return -1;
    size_t n = *cap ? *cap : 4096;
    while (n < need)
        n *= 2;
    unsigned char *b = realloc(*buf, n);
    if (b == NULL)
        return -1;
    *buf = b;
    *cap = n;
    return 0;
}

static size_t digits(uint64_t v)
{
    size_t n = 1;
    while (v >= 10) {
        v /= 10;
        n++;
    }
    return n;
}

/* Copies the n emitted bytes into pc->ebuf, marking a pause after each header of a
 * literal that must wait for the server's "+", and adding "+" to the others. */
static int segment(struct pconn *pc, const unsigned char *s, size_t n)
{
    struct ig_parser *p = &px.seg;
    ig_parser_reset(p);
    uint64_t base = ig_parser_offset(p);
    size_t pos = 0, copied = 0, out = 0;
    pc->npause = pc->ipause = 0;
    /* one "+" per literal at most: the emitted length plus max_literals */
    if (grow(&pc->ebuf, &pc->ecap, n + IG_DEFAULT_MAX_LITERALS + 2) != 0)
        return -1;
    while (pos < n) {
        size_t used = 0;
        enum ig_status st = ig_parser_feed(p, s + pos, n - pos, &used);
        pos += used;
        if (st == IG_OK)
            break;
        if (st == IG_NEED_MORE)
            return -1; /* the emitted command did not end: cannot happen */
        if (st < 0 || st != IG_NEED_LITERAL)
            return -1;
        const struct ig_literal *lit = ig_parser_literal(p);
        size_t brace = (size_t)(lit->offset - base) + ((lit->kind & 2) ? 1u : 0u);
        size_t close = brace + 1 + digits(lit->size);
        if (close + 3 > n || s[brace] != '{' || s[close] != '}' || close < copied ||
            pc->npause >= PX_MAX_PAUSE)
            return -1;
        int ns = nonsync_ok(pc, lit->size);
        memcpy(pc->ebuf + out, s + copied, close - copied);
        out += close - copied;
        if (ns)
            pc->ebuf[out++] = '+';
        memcpy(pc->ebuf + out, "}\r\n", 3);
        out += 3;
        copied = close + 3;
        if (!ns)
            pc->pause[pc->npause++] = out;
        if (ig_parser_literal_accept(p) != IG_OK)
            return -1;
    }
    memcpy(pc->ebuf + out, s + copied, n - copied);
    out += n - copied;
    pc->elen = out;
    pc->esent = 0;
    return 0;
}

int px_forward(struct pconn *pc, const struct ig_command *cmd, int push)
{
    size_t n = ig_command_emit(cmd, 0, scratch, scratch_cap);
    if (n != (size_t)-1 && n > scratch_cap) {
        if (grow(&scratch, &scratch_cap, n) != 0)
            return -1;
        n = ig_command_emit(cmd, 0, scratch, scratch_cap);
    }
    if (n == (size_t)-1 || n > scratch_cap)
        return -1;
    if (cmd->cmd == IG_CMD_SASL || cmd->cmd == IG_CMD_DONE) {
        /* Lines inside AUTHENTICATE / IDLE: no tag, no literal (RFC 9051 §6.2.2). */
        px_write_up(pc, scratch, n);
        return 0;
    }
    if (segment(pc, scratch, n) != 0)
        return -1;
    if (push && px_push(pc, cmd->tag, cmd->cmd, cmd->name, px_blocking_cmd(cmd->cmd, pc->state)) == NULL)
        return -1;
    px_send(pc);
    return 0;
}

void px_send(struct pconn *pc)
{
    if (!pc->up_ready)
        return;
    while (pc->esent < pc->elen && !pc->wait_plus) {
        size_t stop = pc->ipause < pc->npause ? pc->pause[pc->ipause] : pc->elen;
        px_write_up(pc, pc->ebuf + pc->esent, stop - pc->esent);
        pc->esent = stop;
        if (pc->ipause < pc->npause && stop == pc->pause[pc->ipause]) {
            pc->ipause++;
            pc->wait_plus = 1; /* the server's "+" sends the rest (proxy_relay.c) */
        }
    }
    if (pc->esent >= pc->elen)
        pc->elen = pc->esent = 0;
}

int px_append_head(struct pconn *pc, const struct ig_literal *lit)
{
    int ns = nonsync_ok(pc, lit->size);
    size_t n = ig_append_emit_head(lit, ns, pc->ebuf, pc->ecap);
    if (n != (size_t)-1 && n > pc->ecap) {
        if (grow(&pc->ebuf, &pc->ecap, n) != 0)
            return -1;
        n = ig_append_emit_head(lit, ns, pc->ebuf, pc->ecap);
    }
    if (n == (size_t)-1 || n > pc->ecap)
        return -1;
    px_write_up(pc, pc->ebuf, n);
    if (!ns)
        pc->wait_plus = 1;
    return 0;
}
