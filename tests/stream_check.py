#!/usr/bin/env python3
"""stream_check.py - `imapguard parse` and `replay` stream their input (issue 9 item 3).

Usage: stream_check.py BIN [MB]. Prints TAP.

  memory  A generated stream of valid and invalid commands goes through a pipe into the
          tool under a limit on its address space (RLIMIT_AS, as `ulimit -v` sets it):
          MB MiB (default 1024) into `parse --count`, MB/32 into `parse --json`, MB/8
          into `replay`. The run must succeed, its counts must be those written into
          the stream (so every byte was parsed), and its peak RSS must be that of a
          1 MiB run of the same stream plus at most 8 MiB: flat, whatever the size.
          A tool that read its whole input first needs more than the limit.
  prompt  The result of a command is printed before the input ends: each line is
          written, then its output is read (with a timeout) while the pipe is still
          open; a rejected line is printed without waiting for the next command.

BIN must be a plain build (no ASan: its shadow memory defeats RLIMIT_AS).
"""
import os
import resource
import select
import subprocess
import sys
import threading
import time

LIMIT = 256 << 20  # address space of the tool: far below any of the stream sizes
SLACK = 8 << 20    # peak RSS over that of a 1 MiB stream

# One block of the generated stream, and what `parse --count` says of each block.
PARSE_BLOCK = (
    b"a1 NOOP\r\n"
    b"a2 LOGIN {4}\r\nfred {6+}\r\nsecret\r\n"
    b"a3 UID FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (FROM SUBJECT)] INTERNALDATE)\r\n"
    b"a4 SEARCH UNSEEN SINCE 1-Feb-2024 SUBJECT {5}\r\ncaf\xc3\xa9 OR FROM bob TO alice\r\n"
    b"a5 APPEND INBOX (\\Seen) {13+}\r\nHi there.\r\n\r\n\r\n"
    b"a6 STORE 1:3 +FLAGS.SILENT (\\Deleted $Junk)\r\n"
    b"a7 BAD COMMAND \xff\r\n"
    b"a8 AUTHENTICATE PLAIN\r\nAGZyZWQAc2VjcmV0\r\n"
)
PARSE_OK, PARSE_BAD = 7, 1  # tagged commands accepted and rejected per block
PARSE_ENTRIES = 9           # --json lines per block (the SASL line is one more)

# replay: logged in and INBOX selected once, then commands that store nothing new.
REPLAY_HEAD = b"h1 LOGIN demo demo\r\nh2 SELECT INBOX\r\n"
REPLAY_BLOCK = (
    b"a1 NOOP\r\n"
    b"a2 UID FETCH 1:* (FLAGS)\r\n"
    b"a3 SEARCH UNSEEN SUBJECT {4+}\r\ncaf\xc3\r\n"
    b"a4 STORE 1:3 FLAGS.SILENT (\\Seen $Junk)\r\n"
    b"a5 BAD COMMAND \xff\r\n"
)
REPLAY_TAGGED = 5  # tagged responses per block (four OK, one BAD)

n = 0
failed = 0


def report(good, what, *diag):
    global n, failed
    n += 1
    if not good:
        failed += 1
    print("%s %d - %s" % ("ok" if good else "not ok", n, what))
    for d in diag if not good else ():
        print("#   %s" % d)
    sys.stdout.flush()


def limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))


def run_stream(argv, head, block, size):
    """Pipes head + block * k (about size bytes) into argv under the memory limit.
    Returns (exit status, blocks sent, bytes, counts of b"\\n" and of marker bytes in
    the output, last output line, peak RSS in bytes)."""
    reps = max(1, (1 << 16) // len(block))
    chunk = block * reps
    k = max(1, size // len(chunk)) * reps
    p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, preexec_fn=limit_memory)
    res = {"lines": 0, "bytes": 0, "last": b"", "ok": 0, "bad": 0}

    def reader():
        tail = b""
        while True:
            buf = p.stdout.read(1 << 20)
            if not buf:
                break
            res["bytes"] += len(buf)
            res["lines"] += buf.count(b"\n")
            both = tail + buf
            res["ok"] += both.count(b" OK ") - tail.count(b" OK ")
            res["bad"] += both.count(b" BAD ") - tail.count(b" BAD ")
            tail = both[-8:]
            res["last"] = (res["last"] + buf)[-4096:]

    t = threading.Thread(target=reader)
    t.start()
    try:
        p.stdin.write(head)
        for _ in range(k // reps):
            p.stdin.write(chunk)
        p.stdin.close()
    except BrokenPipeError:
        pass
    t.join()
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    last = res["last"].rstrip(b"\n").split(b"\n")[-1]
    return p.returncode, k, res, last, usage.ru_maxrss * 1024, err


def memory_checks(binary, mb):
    mib = 1 << 20
    cases = [
        ("parse --count", [binary, "parse", "--count"], b"", PARSE_BLOCK, mb * mib),
        ("parse --json", [binary, "parse", "--json"], b"", PARSE_BLOCK, mb * mib // 32),
        ("replay", [binary, "replay", "--plaintext-login"], REPLAY_HEAD, REPLAY_BLOCK,
         mb * mib // 8),
    ]
    for name, argv, head, block, size in cases:
        base = run_stream(argv, head, block, mib)
        t0 = time.time()
        rc, k, res, last, rss, err = run_stream(argv, head, block, size)
        secs = time.time() - t0
        sent = len(head) + k * len(block)
        if name == "parse --count":
            want = "%d ok, %d rejected" % (k * PARSE_OK, k * PARSE_BAD)
            counted = last.decode("ascii", "replace") == want
            what = "'%s'" % want
        elif name == "parse --json":
            counted = res["lines"] == k * PARSE_ENTRIES
            what = "%d lines" % (k * PARSE_ENTRIES)
        else:
            # greeting, SELECT's untagged lines and the two tagged OKs come first
            counted = res["ok"] >= 4 * k + 2 and res["bad"] == k
            what = "%d tagged OK and %d BAD" % (4 * k + 2, k)
        flat = rss <= base[4] + SLACK
        report(rc == 0 and not err and counted and flat,
               "%s over %d MiB through a pipe with %d MiB of address space: %s, peak "
               "RSS %.1f MiB (%.1f MiB for 1 MiB), %.0f s"
               % (name, sent >> 20, LIMIT >> 20, what, rss / mib, base[4] / mib, secs),
               "exit %d, stderr %r, %d output lines, last %r"
               % (rc, err[:200], res["lines"], last[:120]))


def read_line(p, timeout=20.0):
    """One line of p's stdout, or None when none arrives in time."""
    buf = b""
    end = time.time() + timeout
    while not buf.endswith(b"\n"):
        left = end - time.time()
        if left <= 0 or not select.select([p.stdout], [], [], left)[0]:
            return None
        c = os.read(p.stdout.fileno(), 1)
        if not c:
            return None
        buf += c
    return buf


def prompt_checks(binary):
    steps = [
        (b"a1 NOOP\r\n", [b"a1 NOOP"], "a command"),
        (b"a2 NOOP x\r\n", [b"a2 BAD unexpected argument"], "a rejected line"),
        (b"a3 AUTHENTICATE PLAIN\r\n", [b"a3 AUTHENTICATE PLAIN"], "an AUTHENTICATE"),
        (b"AGZyZWQAc2VjcmV0\r\n", [b"AGZyZWQAc2VjcmV0"], "its SASL response"),
        (b"a4 LOGIN {4}\r\n", [], None),
        (b"fred pw\r\n", [b"a4 LOGIN fred pw"], "a LOGIN with a literal"),
    ]
    for args, lines in ((["parse"], steps),
                        (["replay", "--plaintext-login"], None)):
        p = subprocess.Popen([binary] + args, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        if lines is None:  # replay: the greeting, then each response
            lines = [(b"", [b"* OK [CAPABILITY"], "the greeting"),
                     (b"a1 NOOP\r\n", [b"a1 OK NOOP completed"], "a NOOP's response"),
                     (b"a2 LOGIN {4}\r\n", [b"+ "], "a literal's continuation"),
                     (b"demo demo\r\n", [b"a2 OK"], "a LOGIN's response")]
        for send, want, what in lines:
            if send:
                p.stdin.write(send)
                p.stdin.flush()
            for w in want:
                got = read_line(p)
                report(got is not None and got.startswith(w),
                       "%s: the output of %s comes before the input ends"
                       % (" ".join(args[:1]), what), "want %r, got %r" % (w, got))
        p.stdin.close()
        rest = p.stdout.read()
        rc = p.wait()
        report(rc == 0, "%s: exit 0 once the input is closed" % args[0],
               "exit %d, rest %r" % (rc, rest[:200]))


def main():
    binary = sys.argv[1]
    mb = int(sys.argv[2]) if len(sys.argv) > 2 else 1024
    prompt_checks(binary)
    memory_checks(binary, mb)
    print("1..%d" % n)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
