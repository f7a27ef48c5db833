#!/usr/bin/env python3
"""session_diff.py [--table FILE] [--jobs N] DIR IMAPGUARD MAILDIR EXPECTED FILE...

The session differential (issue 10 item 2): replays the client stream of each session
corpus file (fuzz/fz_session.c format: flags byte, feed-size byte, stream) against a
real Dovecot started by `tools/dovecot.sh start DIR`, and through `IMAPGUARD replay
--maildir MAILDIR --trace` with the same mail, pairs the tagged responses, and prints per
(state, command) how often the tagged status agreed (OK vs NO/BAD) and every difference.

The Dovecot client paces the stream the way a client must (RFC 9051 §2.2.1, §7.5): it
sends a synchronizing literal's octets only after "+", and after each command line it
reads responses until the command's tagged response, a "+" or the end of the connection;
it never sleeps. After IDLE's "+" the next line is the DONE line (RFC 2177 §3) and after
AUTHENTICATE's "+" every line is a SASL response until the tagged answer (RFC 9051
§6.2.2), as a server reads them; imapguard's session decides the same things itself
from the same bytes. The greeting, a "\\xffTLS" marker and everything after it, and
everything from a STARTTLS command on are left out (this plaintext client does no TLS).

Each connection gets fresh mail: DIR/users is rewritten so that Dovecot's userdb puts the
mail of a connection in DIR/conn/<client port> (%{rport}), and the client copies MAILDIR
there before it connects. A difference is explained when a line of EXPECTED matches it:
  GLOB STATE COMMAND IMAPGUARD DOVECOT REASON   (tab-separated)
(GLOB, STATE fnmatch patterns of corpus file names and states, IMAPGUARD / DOVECOT one of
OK, NO/BAD, none: no tagged answer). Any other difference makes the exit status 1."""
import argparse
import fnmatch
import json
import os
import re
import shutil
import socket
import subprocess
import sys
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

ap = argparse.ArgumentParser()
ap.add_argument('--table', help='also write the table and the differences to this file')
ap.add_argument('--jobs', type=int, default=2)
ap.add_argument('--show', action='store_true',
                help='print what each server answered (to find the reason of a difference)')
ap.add_argument('--timeout', type=float, default=10.0,
                help='a safety net: seconds to wait for an answer that must come')
ap.add_argument('dir')
ap.add_argument('imapguard')
ap.add_argument('maildir')
ap.add_argument('expected')
ap.add_argument('files', nargs='+')
args = ap.parse_args()

DIR = os.path.abspath(args.dir)
PORT = int(open(os.path.join(DIR, 'port')).read())
# users: "demo:{PLAIN}demo:UID:GID::HOME::" (tools/dovecot.sh); the mail of each
# connection in its own folder (userdb_mail overrides mail_location)
user_line = open(os.path.join(DIR, 'users')).read().split('\n')[0]
fields = user_line.split(':')
MAIL_UID, MAIL_GID = int(fields[2]), int(fields[3])
CONN = os.path.join(DIR, 'conn')
os.makedirs(CONN, exist_ok=True)
os.chown(CONN, MAIL_UID, MAIL_GID)
with open(os.path.join(DIR, 'users'), 'w') as f:
    f.write(':'.join(fields[:7]) + ':userdb_mail=maildir:' + CONN + '/%{rport}\n')


def stream_of(path):
    data = open(path, 'rb').read()[2:]
    i = data.find(b'\xffTLS')
    if i >= 0:
        data = data[:i]
    m = re.search(rb'(^|\n)[^ \r\n]+ STARTTLS', data, re.I)
    if m:
        data = data[:m.start() + len(m.group(1))]
    return data


def verdict(st):
    if st is None:
        return 'none'
    return 'OK' if st == 'OK' else 'NO/BAD' if st in ('NO', 'BAD') else '?'


LITERAL = re.compile(rb'~?\{(\d+)(\+?)\}\r?\n$')


class Conn:
    def __init__(self):
        self.s = socket.socket()
        self.s.bind(('127.0.0.1', 0))
        port = self.s.getsockname()[1]
        home = os.path.join(CONN, str(port))
        shutil.rmtree(home, ignore_errors=True)
        shutil.copytree(args.maildir, home, ignore=shutil.ignore_patterns('.keep'))
        for root, dirs, files in os.walk(home):
            for n in [root] + [os.path.join(root, x) for x in files]:
                os.chown(n, MAIL_UID, MAIL_GID)
        self.home = home
        self.s.settimeout(args.timeout)
        self.s.connect(('127.0.0.1', PORT))
        self.buf = b''
        self.closed = False
        self.timeouts = 0
        self.answers = []  # (tag, status) in order
        self.log = []  # the lines Dovecot sent (--show)

    def line(self):
        while b'\n' not in self.buf:
            try:
                b = self.s.recv(65536)
            except socket.timeout:
                self.timeouts += 1
                self.closed = True
                return None
            except OSError:
                b = b''
            if not b:
                self.closed = True
                return None
            self.buf += b
        l, self.buf = self.buf.split(b'\n', 1)
        self.log.append(l)
        # a literal in a response (FETCH BODY[]): its octets are not lines
        m = re.search(rb'\{(\d+)\}\r$', l)
        if m:
            n = int(m.group(1))
            while len(self.buf) < n and not self.closed:
                try:
                    b = self.s.recv(65536)
                except (socket.timeout, OSError):
                    b = b''
                if not b:
                    self.closed = True
                    break
                self.buf += b
            self.buf = self.buf[n:]
            rest = self.line()
            return l + b'...' + (rest or b'')
        return l

    def send(self, b):
        if self.closed:
            return
        try:
            self.s.sendall(b)
        except OSError:
            self.closed = True

    def wait(self, tag):
        """Reads until the tagged response of tag ('tagged'), a continuation ('+'),
        an untagged BAD for a line Dovecot could not read a tag from ('bad') or the
        end of the connection ('closed')."""
        while not self.closed:
            l = self.line()
            if l is None:
                return 'closed'
            if l.startswith(b'+'):
                return '+'
            if tag is not None and l.startswith(tag + b' '):
                parts = l.split(b' ', 2)
                st = parts[1].decode('latin-1').upper() if len(parts) > 1 else '?'
                self.answers.append((tag.decode('latin-1'), st))
                return 'tagged'
            if l.startswith(b'* BAD Error in IMAP command received by server') or \
                    l.startswith(b'* BAD Error in IMAP tag'):
                return 'bad'  # no tag read: the answer to this line
        return 'closed'

    def close(self):
        try:
            self.s.close()
        except OSError:
            pass


def next_line(data, pos):
    nl = data.find(b'\n', pos)
    return len(data) if nl < 0 else nl + 1


def dovecot(data):
    """The stream through a real Dovecot. Returns ([(tag, status)], timeouts)."""
    c = Conn()
    try:
        if c.line() is None:  # the greeting
            return [], 1
        pos, mode, mode_tag = 0, 'cmd', None
        while pos < len(data) and not c.closed:
            end = next_line(data, pos)
            line = data[pos:end]
            if mode != 'cmd':
                # the DONE line of IDLE, or a SASL response: one line, no literals
                c.send(line)
                pos = end
                if not line.endswith(b'\n'):
                    break  # the stream ends inside the line: nothing to wait for
                r = c.wait(mode_tag)
                if r != '+':
                    mode = 'cmd'
                continue
            tag = line.split(b' ', 1)[0].rstrip(b'\r\n') or None
            # one command: its lines joined by literals
            refused = False
            while True:
                c.send(line)
                pos = end
                m = LITERAL.search(line)
                if not m:
                    break
                n = int(m.group(1))
                if m.group(2) != b'+' and c.wait(tag) != '+':
                    refused = True  # what the client wrote next is read as lines
                    break
                c.send(data[pos:pos + n])
                pos = min(pos + n, len(data))
                end = next_line(data, pos)
                line = data[pos:end]
            if refused:
                continue
            if not line.endswith(b'\n'):
                break  # the stream ends inside a line: nothing to wait for
            if c.wait(tag) == '+':
                mode, mode_tag = 'cont', tag
        if args.show:
            sys.stdout.write('--- Dovecot\n' + '\n'.join(
                l.decode('latin-1').rstrip('\r')[:160] for l in c.log) + '\n')
        return c.answers, c.timeouts
    finally:
        c.close()
        shutil.rmtree(c.home, ignore_errors=True)


def imapguard(data):
    p = subprocess.run([args.imapguard, 'replay', '--maildir', args.maildir, '--plaintext-login',
                        '--user', 'demo:demo', '--trace', '-'], input=data,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=60)
    ev = []
    for line in p.stderr.decode('utf-8', 'surrogateescape').splitlines():
        try:
            j = json.loads(line)
        except ValueError:
            continue
        if j.get('event') == 'command' and j.get('tag') is not None:
            ev.append(j)
    return ev


def one(path):
    data = stream_of(path)
    if not data:
        return path, [], [], 0
    ig = imapguard(data)
    if args.show:
        sys.stdout.write('=== %s\n%s--- imapguard\n%s\n' % (
            path, data.decode('latin-1'), '\n'.join(
                '%s %s %s %s' % (e['tag'], e['command'], e['state_before'], e['status'])
                for e in ig)))
    dv, timeouts = dovecot(data)
    return path, ig, dv, timeouts


expected = []
for line in open(args.expected):
    line = line.rstrip('\n')
    if line.strip() and not line.startswith('#'):
        k = line.split('\t')
        if len(k) != 6:
            sys.exit('%s: not 6 tab-separated fields: %s' % (args.expected, line))
        expected.append(k)


def explain(name, key):
    """The reason of the first line of EXPECTED that matches, or None."""
    for glob, state, command, a, b, why in expected:
        if fnmatch.fnmatchcase(name, glob) and fnmatch.fnmatchcase(key[0], state) and \
                (command, a, b) == key[1:]:
            return why
    return None


table = defaultdict(lambda: [0, 0])
diffs = defaultdict(list)
timeouts = 0
# files whose client streams are the same (the TLS-less copies of a state, streams cut
# at STARTTLS) run once
first = {}
for path in args.files:
    first.setdefault(stream_of(path), path)
with ThreadPoolExecutor(max_workers=args.jobs) as pool:
    ran = dict((r[0], r) for r in pool.map(one, sorted(set(first.values()))))
results = [(path,) + ran[first[stream_of(path)]][1:] for path in args.files]
for path, ig, dv, to in results:
    name = path.rsplit('/', 1)[-1]
    timeouts += to
    # pair by tag and occurrence: the k-th answer to tag T on each side
    igs, dvs = defaultdict(list), defaultdict(list)
    for e in ig:
        igs[e['tag']].append(e)
    for t, st in dv:
        dvs[t].append(st)
    for tag in igs:
        for k, e in enumerate(igs[tag]):
            key = (e['state_before'], e['command'])
            a = verdict(e['status'])
            b = verdict(dvs[tag][k] if k < len(dvs[tag]) else None)
            if a == b:
                table[key][0] += 1
            else:
                table[key][1] += 1
                diffs[key + (a, b)].append(name)
    for tag in dvs:
        for k in range(len(igs.get(tag, [])), len(dvs[tag])):
            # Dovecot answered a command imapguard did not (no state known)
            key = ('?', '?')
            table[key][1] += 1
            diffs[key + ('none', verdict(dvs[tag][k]))].append(name + ':' + tag)

out = []
out.append('| state | command | same | differ |')
out.append('|---|---|---:|---:|')
for key in sorted(table):
    out.append('| %s | %s | %d | %d |' % (key[0], key[1], table[key][0], table[key][1]))
out.append('')
bad = 0
for key in sorted(diffs):
    names = sorted(set(n.split(':')[0] for n in diffs[key]))
    unexplained = [n for n in names if explain(n, key) is None]
    for group, why in ([(unexplained, None)] if unexplained else []) + \
            [([n for n in names if explain(n, key) == w], w)
             for w in sorted(set(explain(n, key) for n in names if explain(n, key) is not None))]:
        if not group:
            continue
        if why is None:
            bad += len(group)
        out.append('- %s: %s %s: imapguard %s, Dovecot %s (%d): %s  e.g. %s' % (
            'UNEXPLAINED' if why is None else 'expected', key[0], key[1], key[2], key[3],
            len(group), why or '', ' '.join(group[:3])))
out.append('')
out.append('%d files, %d commands paired, %d differences, %d unexplained, %d answer(s) waited for '
           'in vain' % (len(results), sum(a + b for a, b in table.values()),
                        sum(b for a, b in table.values()), bad, timeouts))
text = '\n'.join(out) + '\n'
sys.stdout.write(text)
if args.table:
    open(args.table, 'w').write(text)
sys.exit(1 if bad or timeouts else 0)
