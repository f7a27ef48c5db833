#!/usr/bin/env python3
"""record_imaplib.py HOST PORT life|authenticate - the imaplib sessions recorded by
tests/proxy/record.sh (plaintext: the fixture Dovecot has no TLS). "life" is the usual
life of a client (LOGIN, SELECT, SEARCH, FETCH, STORE, COPY, MOVE, EXPUNGE, APPEND,
IDLE, LOGOUT); "authenticate" logs in with AUTHENTICATE PLAIN and lists the mailboxes.
Every command must succeed: a recording of a failing session is no valid session."""
import imaplib
import sys

host, port, what = sys.argv[1], int(sys.argv[2]), sys.argv[3]


def ok(res):
    typ, data = res
    if typ not in ("OK", "BYE"):
        sys.exit("record_imaplib: %s %r" % (typ, data))
    return data


m = imaplib.IMAP4(host, port)
if what == "life":
    ok(m.login("demo", "demo"))
    ok(m.select("INBOX"))
    ok(m.search(None, "ALL"))
    ok(m.uid("SEARCH", None, "SUBJECT", '"Lunch"'))
    ok(m.fetch("2", "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])"))
    ok(m.fetch("1:*", "(UID FLAGS RFC822.SIZE ENVELOPE)"))
    ok(m.uid("FETCH", "3", "(BODY[])"))
    ok(m.store("1", "+FLAGS", "(\\Flagged)"))
    ok(m.copy("1", "Sent"))
    ok(m._simple_command("MOVE", "2", "Drafts"))
    ok(m.select("INBOX"))
    ok(m.store("1", "+FLAGS", "(\\Deleted)"))
    ok(m.expunge())
    ok(m.append("INBOX", "(\\Seen)", None,
                b"From: a@example.org\r\nSubject: appended by imaplib\r\n\r\nhello\r\n"))
    ok(m.search(None, "SUBJECT", '"appended by imaplib"'))
    tag = m._new_tag()
    m.send(tag + b" IDLE\r\n")
    if not m.readline().startswith(b"+"):
        sys.exit("record_imaplib: no IDLE continuation")
    m.send(b"DONE\r\n")
    while not m.readline().startswith(tag):
        pass
    ok(m.status("Drafts", "(MESSAGES UNSEEN)"))
    ok(m.close())
else:
    ok(m.authenticate("PLAIN", lambda _: b"\0demo\0demo"))
    ok(m.list())
    ok(m.lsub())
ok(m.logout())
