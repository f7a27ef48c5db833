#!/usr/bin/env python3
"""proxy_clients.py - real clients against `imapguard proxy` in front of Dovecot, or
against `imapguard serve` (the same demo account and sample mail): the imaplib sessions
of tests/clientlib.py (LOGIN and AUTHENTICATE PLAIN, STARTTLS, SELECT, SEARCH, FETCH,
STORE, COPY/MOVE, EXPUNGE, APPEND, IDLE, LOGOUT; plaintext pipelined after STARTTLS,
connection caps, the login timeout), then, with DOVECOT_PORT (proxy only), what is the
proxy's own: its greeting, capabilities that are Dovecot's (after login) or its own,
a refused command answered by the proxy and logged with its verdict, no secret in the
log. Prints TAP lines ("ok - what" / "not ok - what"); tests/t_proxy_clients.sh starts
the servers and counts them.

usage: proxy_clients.py HOST PLAIN_PORT TLS_PORT LOG_FILE MAX_PER_ADDRESS LOGIN_TIMEOUT
                        [DOVECOT_PORT]
"""
import imaplib
import json
import os
import socket
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clientlib  # noqa: E402
from clientlib import check, read_until, tls_context  # noqa: E402

host, plain, tls_port, log_file = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
max_per_addr, login_timeout = int(sys.argv[5]), int(sys.argv[6])
dovecot = int(sys.argv[7]) if len(sys.argv) > 7 else None

clientlib.imaplib_life(host, plain, tls_port)
clientlib.implicit_tls_auth(host, tls_port)
clientlib.starttls_injection(host, plain, log_file)
clientlib.connection_caps(host, plain, max_per_addr)
clientlib.login_timeout(host, plain, login_timeout)


def caps_of(m):
    typ, data = m.capability()
    return set(data[0].decode().upper().split())


if dovecot:
    # The oracle for capabilities is Dovecot itself, asked directly.
    try:
        d = imaplib.IMAP4(host, dovecot)
        dove_pre = caps_of(d)
        d.login("demo", "demo")
        dove_post = caps_of(d)
        d.logout()
        # what the proxy may add as its own TLS and login state says (issue 12)
        own = {"STARTTLS", "LOGINDISABLED"}
        s = socket.create_connection((host, plain))
        greeting = read_until(s, b"\r\n")
        s.close()
        check(greeting.startswith(b"* OK") and b"imapguard proxy ready" in greeting,
              "the greeting is the proxy's own", greeting)
        m = imaplib.IMAP4(host, plain)
        pre = caps_of(m)
        extra = {c for c in pre - dove_pre - own if not c.startswith("AUTH=")}
        check(not extra, "before login: no capability Dovecot lacks", extra)
        check(not any(c.startswith("COMPRESS") for c in pre), "no COMPRESS offered", pre)
        m.starttls(ssl_context=tls_context())
        m.login("demo", "demo")
        post = caps_of(m)
        extra = {c for c in post - dove_post - own if not c.startswith("AUTH=")}
        check(not extra and "IMAP4REV1" in post,
              "after login: only capabilities Dovecot has", (extra, post))
        # A command not valid in this state (FETCH with no mailbox selected) is answered
        # by the proxy and logged as refused, never forwarded.
        tag = m._new_tag()
        m.send(tag + b" FETCH 1 (FLAGS)\r\n")
        line = m.readline()
        while not line.startswith(tag):
            line = m.readline()
        check(line.split()[1] in (b"BAD", b"NO"), "FETCH in the authenticated state refused", line)
        m.logout()
        entries = []
        with open(log_file, "rb") as f:
            raw = f.read()
        for ln in raw.splitlines():
            try:
                entries.append(json.loads(ln))
            except ValueError:
                check(False, "every log line is JSON", ln[:200])
                break
        mine = [e for e in entries if e.get("tag") == tag.decode()]
        check(len(mine) == 1 and mine[0].get("verdict") == "refused" and
              mine[0].get("upstream") is None and mine[0].get("reason"),
              "the log says refused, with a reason and no upstream status", mine)
        fw = [e for e in entries if e.get("command") == "SELECT" and e.get("verdict") == "forwarded"]
        check(fw and fw[0].get("upstream") == "OK" and "ms" in fw[0] and "conn" in fw[0],
              "a forwarded SELECT is logged with Dovecot's OK and a duration", fw[:1])
        check(b"demo" not in raw and b"ZGVtbw" not in raw,
              "no user name, password or SASL response in the log")
    except Exception as e:
        check(False, "the proxy's own greeting, capabilities and log", repr(e))

sys.exit(clientlib.status())
