"""clientlib.py - the real-client checks shared by tests/serve_clients.py (against
`imapguard serve`) and tests/proxy_clients.py (against `imapguard proxy` in front of
Dovecot): TAP output, a TLS context for the self-signed test certificates, a raw-socket
reader, and the client sessions both servers must pass with the same sample mail
(tests/dovecot/Maildir is the reference backend's sample mail, so the expected values
written here hold for both).

Each session function catches its own exceptions: a failure of the server must be a
test failure, not a crash of the test.
"""
import imaplib
import socket
import ssl
import time

failures = 0


def check(cond, what, detail="", todo=None):
    """Print one TAP line ("ok - what" / "not ok - what: detail"). With todo (a known
    bug of the code under test, named in the reason), a failure is printed as
    "not ok - what: detail # TODO todo": visible in every run, counted apart by
    tests/run.sh, and not a failure of the test program (TAP's TODO)."""
    global failures
    if cond:
        print("ok - " + what + (" # TODO " + todo if todo else ""), flush=True)
    else:
        if not todo:
            failures += 1
        detail = (": " + str(detail).replace("\n", " ")[:600]) if detail else ""
        print("not ok - " + what + detail + (" # TODO " + todo if todo else ""), flush=True)


def status():
    """The exit status of a test program: 1 when any check failed."""
    return 1 if failures else 0


def tls_context():
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE  # the self-signed certificate of the first run
    return ctx


def read_until(sock, needle, limit=5.0):
    """Read until needle is in what came, the peer closes, or limit seconds pass."""
    sock.settimeout(limit)
    buf = b""
    end = time.time() + limit
    while needle not in buf and time.time() < end:
        try:
            chunk = sock.recv(4096)
        except socket.timeout:
            break
        except OSError:
            break
        if not chunk:
            break
        buf += chunk
    return buf


def read_to_close(sock, limit=5.0):
    """Everything until the peer closes; None when it is still open after limit seconds."""
    sock.settimeout(limit)
    buf = b""
    end = time.time() + limit
    while time.time() < end:
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            return None
        except OSError:
            return buf
        if not chunk:
            return buf
        buf += chunk
    return None


def imaplib_life(host, plain, tls_port):
    """The usual life of a client with imaplib: STARTTLS, LOGIN, SELECT, SEARCH, FETCH,
    STORE, COPY, MOVE, EXPUNGE, APPEND, IDLE (another connection appends), LOGOUT."""
    try:
        m = imaplib.IMAP4(host, plain)
        caps = m.capabilities
        check("STARTTLS" in caps and "LOGINDISABLED" in caps,
              "plaintext greeting offers STARTTLS and says LOGINDISABLED", caps)
        try:
            m.login("demo", "demo")
            check(False, "LOGIN before STARTTLS is refused")
        except imaplib.IMAP4.error:
            check(True, "LOGIN before STARTTLS is refused")
        m.starttls(ssl_context=tls_context())
        check("LOGINDISABLED" not in m.capabilities and "AUTH=PLAIN" in m.capabilities,
              "after STARTTLS: login allowed, AUTH=PLAIN offered", m.capabilities)
        typ, _ = m.login("demo", "demo")
        check(typ == "OK", "LOGIN over STARTTLS")
        typ, data = m.select("INBOX")
        check(typ == "OK" and data == [b"4"], "SELECT INBOX: 4 messages", data)
        typ, data = m.search(None, "ALL")
        check(typ == "OK" and data == [b"1 2 3 4"], "SEARCH ALL", data)
        typ, data = m.uid("SEARCH", None, "SUBJECT", '"Lunch"')
        check(typ == "OK" and data[0].split() != [], "UID SEARCH SUBJECT", data)
        typ, data = m.fetch("2", "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
        check(typ == "OK" and b"Subject: Lunch on Friday?" in data[0][1], "FETCH a header field", data)
        typ, data = m.store("1", "+FLAGS", "(\\Flagged)")
        check(typ == "OK" and b"\\Flagged" in data[0], "STORE +FLAGS", data)
        typ, data = m.copy("1", "Sent")
        check(typ == "OK", "COPY to Sent", data)
        typ, data = m._simple_command("MOVE", "2", "Drafts")
        check(typ == "OK", "MOVE to Drafts", data)
        typ, data = m.select("INBOX")
        check(typ == "OK" and data == [b"3"], "INBOX has 3 messages after MOVE", data)
        typ, data = m.store("1", "+FLAGS", "(\\Deleted)")
        typ, data = m.expunge()
        check(typ == "OK" and data == [b"1"], "EXPUNGE removes message 1", data)
        msg = b"From: a@example.org\r\nSubject: appended by imaplib\r\n\r\nhello\r\n"
        typ, data = m.append("INBOX", "(\\Seen)", None, msg)
        check(typ == "OK", "APPEND", data)
        typ, data = m.search(None, "SUBJECT", '"appended by imaplib"')
        check(typ == "OK" and data[0] != b"", "the APPENDed message is found", data)

        # IDLE: another connection appends; the idling one hears EXISTS (RFC 2177).
        tag = m._new_tag()
        m.send(tag + b" IDLE\r\n")
        cont = m.readline()
        check(cont.startswith(b"+"), "IDLE continuation", cont)
        other = imaplib.IMAP4_SSL(host, tls_port, ssl_context=tls_context())
        other.login("demo", "demo")
        other.append("INBOX", None, None, b"Subject: while idling\r\n\r\nx\r\n")
        other.logout()
        m.sock.settimeout(5)
        line = m.readline()
        check(line.endswith(b"EXISTS\r\n"), "an idling client hears of new mail", line)
        m.send(b"DONE\r\n")
        while True:
            line = m.readline()
            if line.startswith(tag):
                break
        check(b"OK" in line, "DONE ends IDLE", line)
        typ, data = m.logout()
        check(typ == "BYE", "LOGOUT", (typ, data))
    except Exception as e:  # a failure of the server must be a test failure, not a crash
        check(False, "imaplib session over STARTTLS", repr(e))


def implicit_tls_auth(host, tls_port):
    """Implicit TLS and AUTHENTICATE PLAIN, right and wrong password."""
    try:
        m = imaplib.IMAP4_SSL(host, tls_port, ssl_context=tls_context())
        typ, _ = m.authenticate("PLAIN", lambda _: b"\0demo\0demo")
        check(typ == "OK", "AUTHENTICATE PLAIN over implicit TLS")
        typ, data = m.list()
        check(typ == "OK" and any(b"Lists/imap" in d for d in data), "LIST", data)
        m.logout()
        m = imaplib.IMAP4_SSL(host, tls_port, ssl_context=tls_context())
        try:
            m.authenticate("PLAIN", lambda _: b"\0demo\0wrong")
            check(False, "AUTHENTICATE PLAIN with a wrong password is refused")
        except imaplib.IMAP4.error:
            check(True, "AUTHENTICATE PLAIN with a wrong password is refused")
        m.logout()
    except Exception as e:
        check(False, "imaplib over implicit TLS", repr(e))


def starttls_injection(host, plain, log_file):
    """Plaintext pipelined after STARTTLS in the same segment is never executed."""
    try:
        s = socket.create_connection((host, plain))
        read_until(s, b"\r\n")
        s.sendall(b"s1 STARTTLS\r\ns2 LOGIN demo demo\r\ns3 CREATE injected\r\n")
        got = read_until(s, b"s1 OK")
        check(b"s1 OK" in got and b"s2" not in got, "STARTTLS OK, the pipelined lines unanswered", got)
        t = tls_context().wrap_socket(s)
        t.sendall(b"s4 CAPABILITY\r\n")
        got = read_until(t, b"s4 ")
        check(b"s4 OK" in got, "the session goes on over TLS", got)
        t.sendall(b"s5 LOGIN demo demo\r\ns6 LIST \"\" injected\r\ns7 LOGOUT\r\n")
        got = read_until(t, b"s7 OK")
        check(b"s6 OK" in got and b"* LIST" not in got,
              "nothing pipelined after STARTTLS ran (no mailbox 'injected')", got)
        t.close()
        with open(log_file, "rb") as f:
            log = f.read()
        check(b'"tag":"s2"' not in log and b'"tag":"s3"' not in log,
              "the log has no command s2 or s3", log[-400:])
    except Exception as e:
        check(False, "STARTTLS injection", repr(e))


def connection_caps(host, plain, max_per_addr):
    """The cap on connections per client address."""
    try:
        socks = [socket.create_connection((host, plain)) for _ in range(max_per_addr)]
        for s in socks:
            read_until(s, b"\r\n")
        extra = socket.create_connection((host, plain))
        got = read_until(extra, b"\r\n")
        check(got.startswith(b"* BYE"), "one connection over --max-per-address gets BYE", got)
        extra.close()
        for s in socks:
            s.close()
        time.sleep(0.3)
        again = socket.create_connection((host, plain))
        got = read_until(again, b"\r\n")
        check(got.startswith(b"* OK"), "a slot freed by a close is usable again", got)
        again.close()
    except Exception as e:
        check(False, "connection caps", repr(e))


def login_timeout(host, plain, seconds):
    """A client that never finishes its line is logged out when the login timeout
    strikes (slowloris)."""
    try:
        s = socket.create_connection((host, plain))
        read_until(s, b"\r\n")
        s.sendall(b"a LOGIN dem")  # and nothing more (slowloris)
        got = read_until(s, b"BYE", seconds + 5)
        check(b"* BYE" in got, "an unfinished line before login ends in BYE at the timeout", got)
        s.settimeout(3)
        check(s.recv(100) == b"", "and the connection is closed")
        s.close()
    except Exception as e:
        check(False, "login timeout", repr(e))
