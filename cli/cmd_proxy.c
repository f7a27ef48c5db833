/*
 * cmd_proxy.c - `imapguard proxy`: the hardened parser in front of a real IMAP server
 * (net/proxy.c). The options are those of `imapguard serve` where they mean the same
 * (listeners, TLS, caps, timeouts, log), plus the upstream's. --config FILE reads the
 * same options from a file, one "name value" (or "name") per line, without the dashes.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: imapguard proxy --upstream HOST:PORT [--upstream-tls | --upstream-starttls]\n"
    "                       [--upstream-ca FILE] [--upstream-insecure] [--upstream-name NAME]\n"
    "                       [--listen HOST:PORT]... [--listen-tls HOST:PORT]...\n"
    "                       [--cert FILE --key FILE] [--state-dir DIR] [--plaintext-login]\n"
    "                       [--allow COMMAND]... [--config FILE] [--max-connections N]\n"
    "                       [--max-per-address N] [--login-timeout S] [--idle-timeout S]\n"
    "                       [--max-bad N] [--log FILE] [--status-file FILE]\n"
    "\n"
    "Runs in front of a real IMAP server (Dovecot, Cyrus, ...) as an IMAP application\n"
    "firewall: every client command is parsed with imapguard; what is malformed, over a\n"
    "limit, not valid in the connection's state, an extension not offered or an unknown\n"
    "command is answered by the proxy and never reaches the server; the rest goes to the\n"
    "server in canonical form. The server's responses come back as they are, apart from\n"
    "the greeting and the capability lists (only what the proxy can police).\n"
    "\n"
    "  --upstream HOST:PORT    the server (required); probed at start-up\n"
    "  --upstream-tls          implicit TLS to the server (port 993 kind)\n"
    "  --upstream-starttls     STARTTLS to the server\n"
    "  --upstream-ca FILE      CA certificates (PEM) to verify the server with (default:\n"
    "                          the system's)\n"
    "  --upstream-insecure     do not verify the server's certificate (tests only)\n"
    "  --upstream-name NAME    the name the server's certificate must carry (default:\n"
    "                          HOST)\n"
    "  --listen HOST:PORT      plaintext listener offering STARTTLS (default\n"
    "                          127.0.0.1:1143 when no listener is given; port 0: any)\n"
    "  --listen-tls HOST:PORT  implicit-TLS listener (the port 993 kind)\n"
    "  --cert FILE --key FILE  the TLS certificate chain and key (PEM). Without them a\n"
    "                          self-signed certificate for localhost is made on first\n"
    "                          run and kept in the state directory\n"
    "  --state-dir DIR         default $XDG_STATE_HOME/imapguard, or\n"
    "                          ~/.local/state/imapguard\n"
    "  --plaintext-login       allow LOGIN and AUTHENTICATE before TLS (default:\n"
    "                          LOGINDISABLED until STARTTLS)\n"
    "  --allow COMMAND         pass this unknown command word on (repeatable; after\n"
    "                          login only, arguments still parsed)\n"
    "  --config FILE           read options from FILE: one per line, \"name value\" or\n"
    "                          \"name\", without the leading dashes; # starts a comment\n"
    "  --max-connections N     connections in all (default 1000)\n"
    "  --max-per-address N     connections from one client address (default 50)\n"
    "  --login-timeout S       seconds of silence before login, and the most the whole\n"
    "                          login may take from the connect (default 60)\n"
    "  --idle-timeout S        seconds of silence after login (default 1800, RFC 9051\n"
    "                          §5.4); then \"* BYE autologout\" and close\n"
    "  --max-bad N             refused commands before \"* BYE\" (default 10)\n"
    "  --log FILE              one JSON line per command (time, conn, tag, command,\n"
    "                          state, verdict forwarded/answered/refused, reason,\n"
    "                          upstream status, ms) and per connection event; never an\n"
    "                          argument, so never a password\n"
    "  --status-file FILE      on SIGUSR1, write the counters there as one JSON line\n"
    "                          (default: standard error)\n"
    "\n"
    "Signals: SIGTERM or SIGINT stop accepting, let every command in flight finish,\n"
    "send \"* BYE server shutting down\" and exit once all output is sent (at most 10 s).\n"
    "On start it prints one line per listener on standard error:\n"
    "  imapguard: listening on 127.0.0.1:1143 (plain)\n"
    "Exit status: 0 after a clean stop, 2 on usage errors or when it cannot start (for\n"
    "example when the upstream does not answer the probe).\n";

#ifdef IG_HAVE_NET
#include "proxy.h"
#include "upstream.h"

#define MAX_CONFIG_ARGS 512

struct popts {
    struct net_opts o;
    struct proxy_opts po;
    const char *logpath;
    char *cfgtext[4];     /* config files read (kept: the options point into them) */
    unsigned ncfg;
};

static int number_arg(const char *s, unsigned *out)
{
    size_t v = parse_size(s);
    if (v == 0 || v > 100000000u)
        return -1;
    *out = (unsigned)v;
    return 0;
}

static int parse_args(struct popts *p, int argc, char **argv, int depth);

/* "name value" lines become "--name value" arguments. */
static int read_config(struct popts *p, const char *path, int depth)
{
    if (depth > 0 || p->ncfg >= sizeof(p->cfgtext) / sizeof(p->cfgtext[0])) {
        fprintf(stderr, "imapguard proxy: --config inside a config file is not allowed\n");
        return -1;
    }
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        fprintf(stderr, "imapguard proxy: cannot open %s\n", path);
        return -1;
    }
    char *text = calloc(1, 65536);
    size_t n = text ? fread(text, 1, 65535, f) : 0;
    fclose(f);
    if (text == NULL)
        return -1;
    p->cfgtext[p->ncfg++] = text;
    (void)n;
    static char *args[MAX_CONFIG_ARGS];
    static char names[MAX_CONFIG_ARGS / 2][64];
    int na = 1, nn = 0;
    args[0] = "config";
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        char *hash = strchr(line, '#');
        if (hash)
            *hash = 0;
        char *name = line + strspn(line, " \t\r");
        if (*name == 0)
            continue;
        char *end = name + strcspn(name, " \t\r");
        char *val = end + strspn(end, " \t\r");
        *end = 0;
        val[strcspn(val, "\r")] = 0;
        size_t vl = strlen(val);
        while (vl > 0 && (val[vl - 1] == ' ' || val[vl - 1] == '\t'))
            val[--vl] = 0;
        if (nn >= MAX_CONFIG_ARGS / 2 || na + 2 >= MAX_CONFIG_ARGS || strlen(name) > 60)
            return -1;
        snprintf(names[nn], sizeof(names[nn]), "--%s", name);
        args[na++] = names[nn++];
        if (*val)
            args[na++] = val;
    }
    return parse_args(p, na, args, depth + 1);
}

static int parse_args(struct popts *p, int argc, char **argv, int depth)
{
    struct net_opts *o = &p->o;
    struct proxy_opts *po = &p->po;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--upstream-tls") == 0) {
            po->upstream_mode = UP_TLS;
            continue;
        } else if (strcmp(a, "--upstream-starttls") == 0) {
            po->upstream_mode = UP_STARTTLS;
            continue;
        } else if (strcmp(a, "--upstream-insecure") == 0) {
            po->upstream_insecure = 1;
            continue;
        } else if (strcmp(a, "--plaintext-login") == 0) {
            po->plaintext_login = 1;
            continue;
        } else if (v == NULL) {
            return -1;
        } else if (strcmp(a, "--upstream") == 0) {
            po->upstream = v;
        } else if (strcmp(a, "--upstream-ca") == 0) {
            po->upstream_ca = v;
        } else if (strcmp(a, "--upstream-name") == 0) {
            po->upstream_name = v;
        } else if (strcmp(a, "--listen") == 0 && o->nlisten < NET_MAX_LISTEN) {
            o->listen[o->nlisten++] = v;
        } else if (strcmp(a, "--listen-tls") == 0 && o->nlisten_tls < NET_MAX_LISTEN) {
            o->listen_tls[o->nlisten_tls++] = v;
        } else if (strcmp(a, "--cert") == 0) {
            o->cert = v;
        } else if (strcmp(a, "--key") == 0) {
            o->key = v;
        } else if (strcmp(a, "--state-dir") == 0) {
            o->state_dir = v;
        } else if (strcmp(a, "--log") == 0) {
            p->logpath = v;
        } else if (strcmp(a, "--status-file") == 0) {
            o->status_file = v;
        } else if (strcmp(a, "--allow") == 0 && po->nallow < PROXY_MAX_ALLOW) {
            po->allow[po->nallow++] = v;
        } else if (strcmp(a, "--config") == 0) {
            if (read_config(p, v, depth) != 0)
                return -1;
        } else if (strcmp(a, "--max-connections") == 0) {
            if (number_arg(v, &o->max_conns))
                return -1;
        } else if (strcmp(a, "--max-per-address") == 0) {
            if (number_arg(v, &o->max_per_addr))
                return -1;
        } else if (strcmp(a, "--login-timeout") == 0) {
            if (number_arg(v, &o->login_timeout))
                return -1;
        } else if (strcmp(a, "--idle-timeout") == 0) {
            if (number_arg(v, &o->idle_timeout))
                return -1;
        } else if (strcmp(a, "--max-bad") == 0) {
            if (number_arg(v, &po->max_bad))
                return -1;
        } else {
            return -1;
        }
        i++; /* the option's value */
    }
    return 0;
}

int cmd_proxy(int argc, char **argv)
{
    static struct popts p;
    int rc = EXIT_USAGE;
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(help, stdout);
            return 0;
        }
    net_opts_default(&p.o);
    proxy_opts_default(&p.po);
    if (parse_args(&p, argc, argv, 0) != 0 || p.po.upstream == NULL) {
        fputs(help, stderr);
        goto out;
    }
    if (p.o.nlisten + p.o.nlisten_tls == 0)
        p.o.listen[p.o.nlisten++] = "127.0.0.1:1143";
    if (p.logpath) {
        p.o.log = strcmp(p.logpath, "-") == 0 ? stdout : fopen(p.logpath, "a");
        if (p.o.log == NULL) {
            fprintf(stderr, "imapguard proxy: cannot open %s\n", p.logpath);
            goto out;
        }
    }
    rc = net_proxy(&p.o, &p.po) == 0 ? 0 : EXIT_USAGE;
out:
    if (p.o.log && p.o.log != stdout)
        fclose(p.o.log);
    for (unsigned i = 0; i < p.ncfg; i++)
        free(p.cfgtext[i]);
    return rc;
}
#else
int cmd_proxy(int argc, char **argv)
{
    if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        fputs(help, stdout);
        return 0;
    }
    fputs("imapguard proxy: this imapguard was built without libevent and OpenSSL;\n"
          "install libevent-dev and libssl-dev (Debian) and run make again\n",
          stderr);
    return EXIT_USAGE;
}
#endif
