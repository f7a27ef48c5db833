#!/usr/bin/env python3
"""proxy_transparency.py - the transparency test of issue 12: every recorded client
session of tests/proxy/sessions/ (real clients, tests/proxy/record.sh) is replayed
against Dovecot directly and against another port (`imapguard proxy` in front of the
same Dovecot), each time on a fresh copy of the fixture Maildir; the normalised
transcripts (tests/imapreplay.py names each normalisation and why) must be equal.

usage: proxy_transparency.py DOVECOT_DIR FRESH_MAILDIR SESSIONS_DIR DIRECT_PORT
                             NAME=PORT[:CASE,...]... [--expect-differ NAME]...

Each NAME=PORT is a way to the same Dovecot compared with the direct one ("proxy",
"trickle", ...), for every case or only the CASEs named. A NAME given with
--expect-differ is a planted bug (a relay that changes a response) and must make
every case it runs differ: the check's own check.
Prints TAP lines ("ok - what" / "not ok - what"), with a diff on a difference.
"""
import difflib
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clientlib  # noqa: E402
import imapreplay  # noqa: E402

differ = set()
argv = sys.argv[1:]
for k, a in enumerate(argv):
    if a == "--expect-differ":
        differ.add(argv[k + 1])
args = [a for k, a in enumerate(argv) if a != "--expect-differ" and
        (k == 0 or argv[k - 1] != "--expect-differ")]
dovecot_dir, fresh, sessions, direct = args[0], args[1], args[2], int(args[3])
ways = []
for w in args[4:]:
    name, _, rest = w.partition("=")
    port, _, only = rest.partition(":")
    ways.append((name, int(port), only.split(",") if only else None))


def imap_children():
    """The imap processes of the Dovecot master of dovecot_dir (one per logged-in
    connection, service_count = 1), read from /proc (ps is slow on a loaded machine)."""
    with open(os.path.join(dovecot_dir, "run", "master.pid")) as f:
        master = f.read().strip()
    found = []
    try:
        with open("/proc/%s/task/%s/children" % (master, master)) as f:
            kids = f.read().split()
    except OSError:
        return found
    for pid in kids:
        try:
            with open("/proc/%s/comm" % pid) as f:
                if f.read().strip() == "imap":
                    found.append(pid)
        except OSError:
            pass
    return found


def reset():
    """A fresh copy of the fixture Maildir, once no imap process uses the old one."""
    end = time.time() + 5
    while imap_children() and time.time() < end:
        time.sleep(0.05)
    mail = os.path.join(dovecot_dir, "Maildir")
    shutil.rmtree(mail)
    subprocess.run(["cp", "-a", fresh, mail], check=True)


def run_case(case, port):
    reset()
    lines = []
    d = os.path.join(sessions, case)
    for name in sorted(os.listdir(d), key=lambda n: int(n.split(".")[0])):
        with open(os.path.join(d, name), "rb") as f:
            data = f.read()
        lines.append("== connection " + name)
        lines += imapreplay.normalise(imapreplay.replay("127.0.0.1", port, data))
    return lines


def show_diff(a, b, name):
    for line in list(difflib.unified_diff(a, b, "direct", name, lineterm="", n=1))[:40]:
        print("#   " + line[:200])


cases = sorted(os.listdir(sessions))
print("# " + imapreplay.RULES.replace("\n", "\n# "))
for case in cases:
    want = run_case(case, direct)
    for name, port, only in ways:
        if only and case not in only:
            continue
        got = run_case(case, port)
        if name in differ:
            clientlib.check(got != want, "planted: %s makes session %s differ" % (name, case))
        else:
            ok = got == want
            clientlib.check(ok, "transparency: %s, direct and through %s" % (case, name))
            if not ok:
                show_diff(want, got, name)
    # Normalisation is enough and the fixture is fresh each time: a second direct run
    # gives the same transcript (else a difference above could be noise).
    if case == cases[0]:
        clientlib.check(run_case(case, direct) == want,
                        "control: session %s twice directly gives the same transcript" % case)
sys.exit(clientlib.status())
