/*
 * cmd_serve.c - `imapguard serve`: a real IMAP server on loopback, the session and the
 * reference backend of `replay` behind the network loop of net/ (libevent + OpenSSL).
 * Mail lives in memory only. Built when libevent and OpenSSL are there (IG_HAVE_NET);
 * otherwise the subcommand says how to get it.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: imapguard serve [--listen HOST:PORT]... [--listen-tls HOST:PORT]...\n"
    "                       [--user NAME:PASS]... [--maildir DIR] [--cert FILE --key FILE]\n"
    "                       [--state-dir DIR] [--plaintext-login] [--max-connections N]\n"
    "                       [--max-per-address N] [--login-timeout S] [--idle-timeout S]\n"
    "                       [--log FILE] [--status-file FILE]\n"
    "\n"
    "Runs an IMAP server (IMAP4rev2/rev1) with the imapguard session and the reference\n"
    "backend, so a mail client can be pointed at it with nothing else installed. Mail is\n"
    "held in memory and never written back: every change (APPEND, STORE, EXPUNGE,\n"
    "CREATE, ...) is lost when the server stops. Writing a real store is the job of a\n"
    "real server such as Dovecot, which `imapguard proxy` fronts.\n"
    "\n"
    "  --listen HOST:PORT      plaintext listener offering STARTTLS (default\n"
    "                          127.0.0.1:1143 when no listener is given; port 0: any)\n"
    "  --listen-tls HOST:PORT  implicit-TLS listener (the port 993 kind)\n"
    "  --user NAME:PASS        an account (repeatable); default: user \"demo\",\n"
    "                          password \"demo\". Each account gets its own copy of the\n"
    "                          mail, shared by all of its connections.\n"
    "  --maildir DIR           load a Maildir++ folder instead of the bundled sample\n"
    "                          mail (the same folder layout as imapguard replay)\n"
    "  --cert FILE --key FILE  the TLS certificate chain and key (PEM). Without them a\n"
    "                          self-signed certificate for localhost is made on first\n"
    "                          run and kept in the state directory\n"
    "  --state-dir DIR         default $XDG_STATE_HOME/imapguard, or\n"
    "                          ~/.local/state/imapguard\n"
    "  --plaintext-login       allow LOGIN and AUTHENTICATE PLAIN/LOGIN before TLS\n"
    "                          (default: LOGINDISABLED until STARTTLS)\n"
    "  --max-connections N     connections in all (default 1000); more get\n"
    "                          \"* BYE too many connections\"\n"
    "  --max-per-address N     connections from one client address (default 50)\n"
    "  --login-timeout S       seconds of silence before login (default 60)\n"
    "  --idle-timeout S        seconds of silence after login (default 1800, RFC 9051\n"
    "                          §5.4); then \"* BYE autologout\" and close\n"
    "  --log FILE              one JSON line per command (time, conn, tag, command,\n"
    "                          state, state_after, status) and per connection open and\n"
    "                          close; never an argument, so never a password\n"
    "  --status-file FILE      on SIGUSR1, write the counters there as one JSON line\n"
    "                          (default: standard error)\n"
    "\n"
    "Signals: SIGTERM or SIGINT stop accepting, let every command in progress finish,\n"
    "send \"* BYE server shutting down\" and exit once all output is sent (at most 10 s).\n"
    "On start it prints one line per listener on standard error:\n"
    "  imapguard: listening on 127.0.0.1:1143 (plain)\n"
    "Exit status: 0 after a clean stop, 2 on usage errors or when it cannot start.\n";

#ifdef IG_HAVE_NET
#include "accounts.h"
#include "serve.h"

static int number_arg(const char *s, unsigned *out)
{
    size_t v = parse_size(s);
    if (v == 0 || v > 100000000u)
        return -1;
    *out = (unsigned)v;
    return 0;
}

int cmd_serve(int argc, char **argv)
{
    struct net_opts o;
    net_opts_default(&o);
    const char *maildir = NULL, *logpath = NULL;
    const char **users = calloc((size_t)argc + 1, sizeof(*users));
    size_t nusers = 0;
    int plaintext = 0, rc = EXIT_USAGE;
    struct ig_ref_store *st = NULL;
    if (users == NULL)
        return EXIT_USAGE;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(help, stdout);
            free(users);
            return 0;
        } else if (strcmp(a, "--listen") == 0 && v && o.nlisten < NET_MAX_LISTEN) {
            o.listen[o.nlisten++] = v;
        } else if (strcmp(a, "--listen-tls") == 0 && v && o.nlisten_tls < NET_MAX_LISTEN) {
            o.listen_tls[o.nlisten_tls++] = v;
        } else if (strcmp(a, "--user") == 0 && v) {
            users[nusers++] = v;
        } else if (strcmp(a, "--maildir") == 0 && v) {
            maildir = v;
        } else if (strcmp(a, "--cert") == 0 && v) {
            o.cert = v;
        } else if (strcmp(a, "--key") == 0 && v) {
            o.key = v;
        } else if (strcmp(a, "--state-dir") == 0 && v) {
            o.state_dir = v;
        } else if (strcmp(a, "--log") == 0 && v) {
            logpath = v;
        } else if (strcmp(a, "--status-file") == 0 && v) {
            o.status_file = v;
        } else if (strcmp(a, "--max-connections") == 0 && v) {
            if (number_arg(v, &o.max_conns))
                goto usage;
        } else if (strcmp(a, "--max-per-address") == 0 && v) {
            if (number_arg(v, &o.max_per_addr))
                goto usage;
        } else if (strcmp(a, "--login-timeout") == 0 && v) {
            if (number_arg(v, &o.login_timeout))
                goto usage;
        } else if (strcmp(a, "--idle-timeout") == 0 && v) {
            if (number_arg(v, &o.idle_timeout))
                goto usage;
        } else if (strcmp(a, "--plaintext-login") == 0) {
            plaintext = 1;
            continue;
        } else {
            goto usage;
        }
        i++; /* every other option takes a value */
    }
    if (o.nlisten + o.nlisten_tls == 0)
        o.listen[o.nlisten++] = "127.0.0.1:1143";
    if (logpath) {
        o.log = strcmp(logpath, "-") == 0 ? stdout : fopen(logpath, "a");
        if (o.log == NULL) {
            fprintf(stderr, "imapguard serve: cannot open %s\n", logpath);
            goto out;
        }
    }
    struct ig_ref_config bcfg;
    ig_ref_config_default(&bcfg);
    st = ig_ref_store_new(&bcfg);
    if (st == NULL) {
        fprintf(stderr, "imapguard serve: out of memory\n");
        goto out;
    }
    if (nusers == 0 &&
        cli_add_account(st, IG_REF_DEMO_USER ":" IG_REF_DEMO_PASS, maildir, "imapguard serve"))
        goto out;
    for (size_t i = 0; i < nusers; i++)
        if (cli_add_account(st, users[i], maildir, "imapguard serve"))
            goto out;
    struct ig_session_config cfg;
    ig_session_config_default(&cfg);
    cfg.starttls = 1;
    cfg.plaintext_login = (uint8_t)plaintext;
    cfg.literal_plus = 1;
    cfg.imap4rev2 = 1;
    cfg.server_name = "imapguard serve";
    rc = net_serve(&o, st, &cfg) == 0 ? 0 : EXIT_USAGE;
    goto out;
usage:
    fputs(help, stderr);
out:
    if (o.log && o.log != stdout)
        fclose(o.log);
    ig_ref_store_free(st);
    free(users);
    return rc;
}
#else
int cmd_serve(int argc, char **argv)
{
    if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        fputs(help, stdout);
        return 0;
    }
    fputs("imapguard serve: this imapguard was built without libevent and OpenSSL;\n"
          "install libevent-dev and libssl-dev (Debian) and run make again\n",
          stderr);
    return EXIT_USAGE;
}
#endif
