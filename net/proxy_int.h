/*
 * proxy_int.h - what the files of `imapguard proxy` share: the per-client state and the
 * process-wide settings. One job per file:
 *   proxy.c          start-up (probe), the net_conn_ops, shutdown, the parser's memory
 *   proxy_client.c   the client's bytes: parser events, decisions, local answers
 *   proxy_forward.c  commands to the server: emit, literal pacing, APPEND streaming
 *   proxy_relay.c    the server's responses to the client; state from tagged answers
 *   proxy_caps.c     which capabilities the proxy can police; extensions allowed
 *   proxy_log.c      the JSON log line per command and the SIGUSR1 counters
 */
#ifndef IG_NET_PROXY_INT_H
#define IG_NET_PROXY_INT_H

#include "imapguard.h"
#include "imapguard_session.h"
#include "proxy.h"
#include "upstream.h"

#include <event2/buffer.h>

#include <stdint.h>
#include <time.h>

#define PX_QMAX 32          /* commands in flight upstream before reading pauses */
#define PX_MAX_PAUSE 66     /* literal pauses in one emitted command (max_literals + 2) */

struct px_inflight {
    char tag[IG_DEFAULT_MAX_TAG + 1];
    uint8_t taglen;
    uint8_t blocking;        /* changes the state or the line kind: reading waits */
    enum ig_cmd cmd;
    char name[32];           /* IG_CMD_OTHER (--allow): the word, for the log */
    uint8_t namelen;
    enum ig_state before;
    struct timespec t0;
};

struct pconn {
    struct net_conn *c;
    struct ig_parser p;
    void *pmem;
    enum ig_state state;
    struct upstream *up;
    int up_ready;
    uint32_t ext_ok;         /* enum ig_ext bits the upstream (and the proxy) allow */
    struct px_inflight q[PX_QMAX];
    unsigned nq;
    int line_ok;             /* a SASL or DONE line may be read while blocked */
    int idling;              /* the server's "+" for IDLE was passed on */
    int want_expect;         /* enum ig_expect for the next client line, set once the
                                parser is between lines (0: a command) */
    /* a command on its way up (emitted bytes, paused after sync literal headers) */
    unsigned char *ebuf;
    size_t ecap, elen, esent;
    size_t pause[PX_MAX_PAUSE];
    unsigned npause, ipause;
    int wait_plus;           /* our literal waits for the server's "+" */
    /* APPEND being streamed */
    int app_active;
    int swallow;             /* the server refused it: the client's octets are dropped */
    /* server -> client */
    struct evbuffer *held;   /* bytes of the server's response being read */
    struct evbuffer *local;  /* the proxy's own lines, waiting for a response boundary */
    int pass;                /* a response with literals is being passed on as it comes */
    int bye_seen;            /* the server said BYE */
    unsigned nbad;
    int stopping, upgrading, closing;
    int last_state;
    struct event *login_deadline; /* the whole login phase, not only silence */
};

struct px_app {
    struct proxy_opts po;
    struct upstream_cfg ucfg;
    char probe_caps[UP_CAPS_MAX];
    FILE *log;
    struct event_base *base;
    struct ig_parser seg;     /* re-reads emitted commands to find literal headers */
    void *segmem;
    /* counters */
    uint64_t commands, forwarded, answered, refused, upstream_errors;
};
extern struct px_app px;

/* proxy.c */
void *px_parser_take(size_t size);
void px_parser_give(void *mem);
void px_close(struct pconn *pc);
void px_bye(struct pconn *pc, const char *text);
int px_open_upstream(struct pconn *pc);
void px_check_done(struct pconn *pc);

/* proxy_client.c */
void px_pump_client(struct pconn *pc);
void px_local(struct pconn *pc, const char *s);
void px_local_tagged(struct pconn *pc, struct ig_span tag, const char *cond, const char *code,
                     const char *text);
void px_flush_local(struct pconn *pc);

/* proxy_forward.c */
int px_forward(struct pconn *pc, const struct ig_command *cmd, int push);
void px_send(struct pconn *pc);
int px_append_head(struct pconn *pc, const struct ig_literal *lit);
void px_write_up(struct pconn *pc, const void *data, size_t n);
int px_up_full(const struct pconn *pc);
struct px_inflight *px_push(struct pconn *pc, struct ig_span tag, enum ig_cmd cmd,
                           struct ig_span name, int blocking);
int px_blocking_cmd(enum ig_cmd cmd, enum ig_state st);

/* proxy_relay.c */
void px_pump_upstream(struct pconn *pc);

/* proxy_caps.c */
void px_caps_filter(const char *caps, const struct pconn *pc, int notauth, char *out, size_t cap);
uint32_t px_ext_allowed(const char *caps);
int px_login_allowed(const struct pconn *pc);
int px_allowed_other(struct ig_span name);

/* proxy_log.c */
void px_log(const struct pconn *pc, struct ig_span tag, enum ig_cmd cmd, struct ig_span name,
            enum ig_state st, const char *verdict, const char *reason, const char *upstream,
            const struct timespec *t0);
void px_log_event(const struct pconn *pc, const char *event, const char *reason);
void px_count_refusal(const char *reason);
void px_status(FILE *f);

#endif
