"""imapreplay.py - replays a recorded client->server IMAP byte stream (a tests/proxy/
sessions/CASE/N.up file) against a server, one command at a time, and normalises the
server's answers so that two servers' transcripts can be compared (the transparency
test of issue 12: Dovecot directly against `imapguard proxy` in front of it).

The replay sends the recording exactly as recorded, cut where a client waits: after
each line that ends a command (it waits for that command's tagged response, or a "+"
continuation, after which the next line belongs to the same command: a SASL response,
IDLE's DONE), and after a synchronizing literal's {n} (it waits for the "+", then sends
the octets). A non-synchronizing {n+} literal is sent at once (RFC 7888). The server's
bytes are cut into responses with their literals (RFC 9051 §4.3: "{n}" CRLF then n
octets belong to the same response), so octets of a message never pass for a response.
"""
import re
import socket
import time

LITERAL = re.compile(rb"\{(\d+)(\+?)\}\r\n$")


class Conn:
    def __init__(self, host, port, timeout):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.buf = b""
        self.pos = 0          # start of the first response not yet returned
        self.closed = False
        self.timeout = timeout

    def _fill(self, deadline):
        if self.closed:
            return False
        self.sock.settimeout(max(0.01, deadline - time.time()))
        try:
            data = self.sock.recv(65536)
        except socket.timeout:
            return False
        except OSError:
            data = b""
        if not data:
            self.closed = True
            return False
        self.buf += data
        return True

    def _next_response(self):
        """One complete response from self.pos (literals included), or None."""
        i = self.pos
        while True:
            eol = self.buf.find(b"\r\n", i)
            if eol < 0:
                return None
            m = LITERAL.search(self.buf, max(i, eol - 24), eol + 2)
            if m and m.end() == eol + 2:
                i = eol + 2 + int(m.group(1))
                if i > len(self.buf):
                    return None
                continue
            r = self.buf[self.pos:eol + 2]
            self.pos = eol + 2
            return r

    def responses_until(self, tag):
        """Responses up to and including the tagged one of tag or a '+' continuation.
        Returns (responses, how): how is 'tagged', 'cont', 'closed' or 'timeout'."""
        out = []
        deadline = time.time() + self.timeout
        while True:
            r = self._next_response()
            if r is not None:
                out.append(r)
                if r.startswith(b"+"):
                    return out, "cont"
                if tag is not None and r.startswith(tag + b" "):
                    return out, "tagged"
                continue
            if tag is None and out:
                return out, "tagged"  # the greeting
            if not self._fill(deadline):
                if self.closed:
                    if self.pos < len(self.buf):
                        out.append(self.buf[self.pos:])
                        self.pos = len(self.buf)
                    return out, "closed"
                if time.time() >= deadline:
                    return out, "timeout"

    def send(self, data):
        try:
            self.sock.sendall(data)
        except OSError:
            self.closed = True

    def close(self):
        self.sock.close()


def replay(host, port, data, timeout=10.0):
    """Replay one recorded connection. Returns the transcript: a list of
    (kind, client_bytes, [responses]) with kind 'greeting', 'line' (a command or the
    rest of one), 'literal' (a line ending in a synchronizing literal's {n}), 'end'."""
    c = Conn(host, port, timeout)
    rs, _ = c.responses_until(None)
    transcript = [("greeting", b"", rs)]
    i, tag, cont, skip = 0, b"", False, 0
    while i < len(data) and not c.closed:
        if not cont:
            tag = data[i:data.find(b" ", i) if data.find(b" ", i) >= 0 else len(data)]
        j = i + skip  # after a synchronizing literal's "+": its octets come first
        skip = 0
        while True:
            eol = data.find(b"\r\n", j)
            if eol < 0:
                seg, kind, nxt = data[i:], "line", len(data)
                break
            m = LITERAL.search(data, max(j, eol - 24), eol + 2)
            if m and m.end() == eol + 2:
                n = int(m.group(1))
                if m.group(2):      # {n+}: the octets follow without a wait
                    j = eol + 2 + n
                    continue
                seg, kind, nxt = data[i:eol + 2], "literal", eol + 2
                break
            seg, kind, nxt = data[i:eol + 2], "line", eol + 2
            break
        c.send(seg)
        rs, how = c.responses_until(tag)
        transcript.append((kind, seg, rs))
        if kind == "literal":
            if how != "cont":
                break  # refused literal: a real client would not send its octets
            # the octets and the rest of the command come with the next segment
            cont, skip = True, int(LITERAL.search(seg).group(1))
        else:
            cont = how == "cont"
        i = nxt
    # what comes after the last command (LOGOUT's close, or nothing)
    rest = []
    if not c.closed:
        c.timeout = 0.3
        rest, _ = c.responses_until(b"\0never")
    transcript.append(("end", b"", rest))
    c.close()
    return transcript


# --- normalisation: each rule named, with why it may differ between two runs --------
CAPS_CODE = re.compile(rb"\[CAPABILITY [^\]]*\]")
TIMING = re.compile(rb" \([0-9.]+(?: \+ [0-9.]+)* secs\)")
UIDVALIDITY = re.compile(rb"(UIDVALIDITY |APPENDUID |COPYUID )[0-9]+")
INTERNALDATE = re.compile(rb'INTERNALDATE "[^"]*"')

RULES = """normalised, each for a reason:
  greeting      the first response: the proxy greets the client itself (issue 12)
  capability    * CAPABILITY responses and [CAPABILITY ...] codes are left out: the
                proxy advertises only what it can police (issue 12), and where a
                list comes is the server's choice (RFC 9051 §7.1: untagged or as the
                code of the tagged OK; Dovecot sends it untagged after login when the
                client had asked CAPABILITY before, which the proxy answers itself)
  capability-text  the text of the tagged OK of a CAPABILITY command: the proxy
                answers it itself before login (issue 12)
  literal-plus  the text of a '+' answering a client's {n}: the proxy answers literals
                itself (issue 12)
  timing        Dovecot's ' (0.001 + 0.000 secs)' in tagged answers: wall-clock time
  uidvalidity   UIDVALIDITY / APPENDUID / COPYUID values: the fixture has no
                dovecot-uidlist, so Dovecot takes them from the clock on first use
                (RFC 9051 §2.3.1.1 lets any value do)
  internaldate  INTERNALDATE values: a message's arrival time, the copy time of the
                fixture or the moment of an APPEND"""


def normalise(transcript):
    """The transcript as text lines, normalised by the rules above."""
    lines = []
    command = b""
    for kind, sent, rs in transcript:
        if sent:
            lines.append("C: " + sent.decode("latin-1").rstrip("\r\n").replace("\r\n", "\\r\\n"))
            words = sent.split(None, 2)
            if kind != "literal" and len(words) > 1:
                command = words[1].upper()
        for r in rs:
            if r.startswith(b"* CAPABILITY "):
                continue
            if command == b"CAPABILITY" and re.match(rb"[^ +*]+ OK ", r):
                r = r.split(b" OK ")[0] + b" OK <capability-text>"
            if kind == "greeting":
                r = b"<greeting>"
            elif kind == "literal" and r.startswith(b"+"):
                r = b"+ <literal continuation>"
            r = r.rstrip(b"\r\n")
            r = CAPS_CODE.sub(b"", r).replace(b"OK  ", b"OK ")
            r = TIMING.sub(b" (<secs>)", r)
            r = UIDVALIDITY.sub(rb"\1<n>", r)
            r = INTERNALDATE.sub(b'INTERNALDATE "<date>"', r)
            lines.append("S: " + r.decode("latin-1").replace("\r\n", "\\r\\n"))
        if kind == "end":
            lines.append("-- end")
    return lines
