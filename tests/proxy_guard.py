#!/usr/bin/env python3
"""proxy_guard.py - the guarding test of issue 12. `imapguard proxy` runs with
tools/recorder.py between it and Dovecot, which keeps every byte sent upstream. This
script sends the proxy streams of malformed, out-of-state and over-limit commands
(corpus/ and corpus/regress/, and hand-written ones whose tags say what must happen),
then checks every recorded upstream connection:
  - `imapguard parse --json --literal-plus` accepts every command in it, and each
    command's bytes are its canonical form (only difference allowed: the proxy may
    send a literal as {n+} where the canonical form writes {n}, issue 12's LITERAL+);
  - no tag starting with "zOOS" (out of state), "zBAD" (malformed or over a limit) or
    "zTLS2"/"zTLS3" (plaintext pipelined after STARTTLS) and no mailbox "injected" ever
    reaches the server; every "zFWD" tag does (the proxy is not just refusing all).
The check's own check: a connection straight to the recorder (not through the proxy)
sends a non-canonical command and the STARTTLS injection; the same checks must flag it.

usage: proxy_guard.py PROXY_PORT RECORDER_PORT RECORD_DIR IMAPGUARD [MAX_STREAMS]
(PROXY_PORT 0: no proxy, only the check's own check)
Prints TAP lines ("ok - what" / "not ok - what").
"""
import concurrent.futures
import json
import os
import re
import socket
import ssl
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clientlib  # noqa: E402
from clientlib import check, read_to_close, read_until, tls_context  # noqa: E402

proxy, recorder, record_dir, imapguard = (int(sys.argv[1]), int(sys.argv[2]), sys.argv[3],
                                          sys.argv[4])
max_streams = int(sys.argv[5]) if len(sys.argv) > 5 else 80
HOST = "127.0.0.1"
NEVER = re.compile(rb"(?:^|\n)(zOOS|zBAD|zTLS2|zTLS3)[^ \r\n]* ")

# --- the streams ------------------------------------------------------------------------
LOGIN = b"zFWD0 LOGIN demo demo\r\n"


def corpus_streams():
    """(name, bytes) of corpus inputs that are client streams, header bytes removed:
    every named regression input of those targets, then an even sample of the seeds."""
    header = {"command": 1, "sasl": 1, "differential": 1, "session": 2}
    picked = []
    for target, skip in header.items():
        d = os.path.join("corpus", "regress", target)
        for f in sorted(os.listdir(d)) if os.path.isdir(d) else []:
            if f.startswith("."):
                continue
            picked.append(("regress/%s/%s" % (target, f), os.path.join(d, f), skip))
    rest = max(0, max_streams - len(picked))
    seeds = []
    for target, skip in header.items():
        d = os.path.join("corpus", target)
        files = sorted(f for f in os.listdir(d) if not f.startswith("."))
        step = max(1, len(files) * len(header) // max(1, rest))
        seeds += [("%s/%s" % (target, f), os.path.join(d, f), skip) for f in files[::step]]
    picked += seeds[:rest]
    out = []
    for name, path, skip in picked:
        with open(path, "rb") as f:
            data = f.read()[skip:]
        data = data.split(b"\xffTLS")[0]  # the session target's after-STARTTLS marker
        # Session seeds log in themselves; the others are parser inputs that mean more
        # after a login and a SELECT (then their valid commands do go upstream).
        if not name.split("/")[-2] == "session":
            data = LOGIN + b"zFWD1 SELECT INBOX\r\n" + data
        out.append((name, data + b"\r\nzz LOGOUT\r\n"))
    return out


# hand-written: the tag says what must happen (values written in the input)
HAND = [
    ("out of state", b"zOOS1 SELECT INBOX\r\nzOOS2 FETCH 1 (FLAGS)\r\nzOOS3 IDLE\r\n" +
     LOGIN + b"zOOS4 FETCH 1 (FLAGS)\r\nzOOS5 EXPUNGE\r\nzOOS6 CLOSE\r\n"
     b"zOOS7 UID STORE 1 +FLAGS (\\Seen)\r\nzFWD2 SELECT INBOX\r\nzFWD3 FETCH 1 (FLAGS)\r\n"
     b"zOOS8 LOGIN demo demo\r\nzOOS9 AUTHENTICATE PLAIN\r\nzz LOGOUT\r\n"),
    ("malformed", LOGIN + b"zFWD4 SELECT INBOX\r\nzBAD1 FETCH 1 (FLAGS\r\nzBAD2 SELECT\r\n"
     b"zBAD3 FETCH 0 FLAGS\r\nzBAD4 STORE 1 FLAGS \\Seen)\r\nzBAD5 NOOP\x00x\r\n"
     b"zBAD6 SEARCH UNDELETED (\r\nzBAD7 FETCH 1 BODY[HEADER.FIELDS ()]\r\n"
     b"zBAD8 NOOP\nzBAD9 NOOP\r\nzBAD10 LIST \"\" \"a\rb\"\r\nzBAD11 EXAMINE {3}x\r\n"
     b"zBAD12 XYZZY INBOX\r\nzFWD5 NOOP\r\nzz LOGOUT\r\n"),
    ("over limits", LOGIN + b"zBAD20 SELECT " + b"a" * 70000 + b"\r\n"
     b"zBAD21 FETCH 1 " + b"(" * 300 + b"FLAGS" + b")" * 300 + b"\r\n"
     b"zBAD22 APPEND INBOX {99999999999}\r\n"
     b"zBAD23 FETCH " + b",".join(b"%d" % i for i in range(1, 30000)) + b" FLAGS\r\n"
     b"zFWD6 NOOP\r\nzz LOGOUT\r\n"),
    # 2026-12-05: a line other than DONE inside IDLE was refused by the proxy, which
    # then ended IDLE on its side only: the next command went to a Dovecot still idling
    ("2026-12-05-idle-then-a-command", LOGIN + b"zFWD9 SELECT INBOX\r\nzFWD10 IDLE\r\n"
     b"zBAD30 NOOP\r\nDONE\r\nzFWD11 NOOP\r\nzz LOGOUT\r\n"),
]

# Known bugs of the proxy, found by these checks and not yet fixed (the proxy is
# another branch's code): a problem matching one is reported in its own check, marked
# TODO with the reason, so it is seen in every run and the other checks stay strict.
KNOWN = [
    # (re.compile(r"..."), "proxy bug: ..."): none open. The last one, a line other than
    # DONE inside IDLE ending IDLE on the proxy's side only, was fixed on branch proxy
    # (b809980) and is checked strictly by case 2026-12-05-idle-then-a-command.
]


def send_stream(item, port=proxy, limit=2.0):
    name, data = item
    try:
        s = socket.create_connection((HOST, port), timeout=limit)
        read_until(s, b"\r\n", limit)
        # in pieces of varied size, as a hostile client would
        i, k = 0, 0
        while i < len(data):
            size = (1, 7, 4096, 65536)[k % 4]
            s.sendall(data[i:i + size])
            i, k = i + size, k + 1
        got = read_to_close(s, limit)
        s.close()
        return name, got
    except OSError as e:
        return name, repr(e).encode()


def starttls_injection():
    """The segment "STARTTLS, LOGIN, CREATE" in one send: only STARTTLS may act."""
    s = socket.create_connection((HOST, proxy), timeout=5)
    read_until(s, b"\r\n")
    s.sendall(b"zTLS1 STARTTLS\r\nzTLS2 LOGIN demo demo\r\nzTLS3 CREATE injected\r\n")
    got = read_until(s, b"zTLS1 ")
    t = tls_context().wrap_socket(s)
    t.sendall(b"zFWD7 LOGIN demo demo\r\nzFWD8 LIST \"\" *\r\nzz LOGOUT\r\n")
    got2 = read_to_close(t, 5) or b""
    t.close()
    return got, got2


# --- the checks of an upstream stream ------------------------------------------------------
def canonical_equal(canon, raw):
    """raw is canon, except that a literal's "{n}" may be sent as "{n+}" (LITERAL+)."""
    i = j = 0
    while i < len(canon) and j < len(raw):
        if canon[i] == raw[j]:
            i, j = i + 1, j + 1
        elif (raw[j:j + 1] == b"+" and canon[i:i + 3] == b"}\r\n" and
              re.search(rb"\{[0-9]+$", canon[:i])):
            j += 1
        else:
            return False
    return i == len(canon) and j == len(raw)


def upstream_problems(data):
    """What is wrong with one connection's upstream bytes (empty when nothing)."""
    problems = []
    p = subprocess.run([imapguard, "parse", "--json", "--literal-plus"], input=data,
                       capture_output=True)
    end = 0
    for line in p.stdout.decode("utf-8", "surrogateescape").split("\n"):
        if not line:
            continue
        e = json.loads(line)
        raw = e["raw"].encode("utf-8", "surrogateescape")
        end = e["offset"] + e["length"]
        if not e["ok"]:
            problems.append("refused by imapguard parse (%s): %r" % (e["error"]["reason"], raw[:80]))
            continue
        canon = e["canonical"].encode("utf-8", "surrogateescape") + b"\r\n"
        if not canonical_equal(canon, raw):
            problems.append("not canonical: %r, canonical %r" % (raw[:80], canon[:80]))
    if p.returncode == 1 and not re.match(rb"[^ ]+ APPEND ", data[end:]):
        # an APPEND streamed upstream may be cut by the client's close; nothing else
        problems.append("ends inside a command: %r" % data[end:end + 80])
    elif p.returncode not in (0, 1):
        problems.append("imapguard parse exit %d" % p.returncode)
    for m in NEVER.finditer(data):
        problems.append("forwarded a command that must be refused: %r" % m.group(0))
    if b"injected" in data:
        problems.append("the mailbox of a command pipelined after STARTTLS went upstream")
    return problems


def main():
    if proxy:
        proxy_streams()
    planted_check()
    if proxy:
        upstream_checks()
    sys.exit(clientlib.status())


def proxy_streams():
    streams = corpus_streams() + HAND
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        results = list(pool.map(send_stream, streams))
    stuck = [name for name, got in results if got is None]
    print("# %d streams sent; %d still open after 2 s (closed by us)" % (len(results), len(stuck)))
    try:
        before, after = starttls_injection()
        check(b"zTLS1 OK" in before and b"zTLS2" not in before + after,
              "STARTTLS with plaintext pipelined in the same segment: only STARTTLS answered",
              before + after)
        check(b"zFWD8 OK" in after, "the session goes on over TLS", after)
    except Exception as e:
        check(False, "STARTTLS injection", repr(e))


def planted_check():
    """The connection straight to the recorder: the checks must flag it."""
    plant = (b"zFWDp1 login demo demo\r\nzFWDp2 SELECT \"INBOX\"\r\n"
             b"zTLS1 STARTTLS\r\nzTLS2 LOGIN demo demo\r\nzTLS3 CREATE injected\r\nzz LOGOUT\r\n")
    send_stream(("plant", plant), recorder)
    time.sleep(0.5)
    for f in os.listdir(record_dir):
        with open(os.path.join(record_dir, f), "rb") as fh:
            data = fh.read()
        if data.startswith(b"zFWDp1 login"):
            planted = upstream_problems(data)
            break
    else:
        planted = None
    check(planted is not None and any("not canonical" in p for p in planted) and
          any("must be refused" in p for p in planted) and
          any("STARTTLS" in p for p in planted),
          "planted: a non-canonical command and the STARTTLS injection sent straight to "
          "the recorder are found", planted)


def upstream_checks():
    files = sorted(f for f in os.listdir(record_dir) if f.endswith(".up"))
    bad, known, seen = [], {}, b""
    for f in files:
        with open(os.path.join(record_dir, f), "rb") as fh:
            data = fh.read()
        if data.startswith(b"zFWDp1 login"):
            continue
        probs = upstream_problems(data)
        seen += data
        for rx, why in KNOWN:
            known.setdefault(why, []).extend((f, p) for p in probs if rx.search(p))
            probs = [p for p in probs if not rx.search(p)]
        if probs:
            bad.append((f, probs))
    check(not bad, "every upstream command of %d connections is accepted by imapguard "
          "parse, canonical, and none of the refused ones" % (len(files) - 1), bad[:5])
    for f, probs in bad[:10]:
        for p in probs[:3]:
            print("#   %s: %s" % (f, p[:200]))
    for why, found in known.items():
        check(not found, "no upstream stream has a known proxy bug's trace", found[:3], todo=why)
    want = {b"zFWD%d " % i for i in range(0, 12)}
    missing = [w for w in sorted(want) if w not in seen]
    check(not missing, "the valid commands (zFWD0-11) did reach the server", missing)


main()
