#!/usr/bin/env python3
"""session_diff.py PORT IMAPGUARD MAILDIR EXPECTED FILE... - replays the client streams
of session corpus files (fuzz/fz_session.c format: flags byte, feed-size byte, stream; a
"\\xffTLS" marker and everything after it, and everything from a STARTTLS command on,
are left out: this plaintext client does no TLS) against a running Dovecot on
127.0.0.1:PORT (tools/dovecot.sh) and through `imapguard replay` with the same Maildir,
pairs the tagged responses by tag, and prints per (state, command) how often the status
agreed and where it differs (OK vs NO/BAD). A difference not listed in EXPECTED
("STATE COMMAND IMAPGUARD DOVECOT reason...") makes the exit status 1."""
import json, re, socket, subprocess, sys, time
from collections import defaultdict

port, imapguard, maildir, expected_path = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
files = sys.argv[5:]

def stream_of(path):
    data = open(path, 'rb').read()[2:]
    i = data.find(b'\xffTLS')
    if i >= 0:
        data = data[:i]
    m = re.search(rb'(^|\n)[^ \r\n]+ STARTTLS', data, re.I)
    if m:
        data = data[:m.start() + len(m.group(1))]
    return data

def status_of(line):
    parts = line.split(b' ', 2)
    return parts[1].decode('latin-1').upper() if len(parts) > 1 else '?'

def dovecot(data):
    """Sends the stream like a client: a synchronizing literal's octets only after a
    continuation; waits for each command's tagged response. Returns [(tag, status)]."""
    s = socket.create_connection(('127.0.0.1', int(port)), 5)
    f = s.makefile('rb')
    f.readline()  # greeting
    out, pos = [], 0
    def read_until(tag):
        s.settimeout(2)
        while True:
            try:
                line = f.readline()
            except socket.timeout:
                return None
            if not line:
                return None
            if line.startswith(b'+'):
                return '+'
            if tag is not None and line.startswith(tag + b' '):
                out.append((tag.decode('latin-1'), status_of(line)))
                return 'tagged'
            if line.startswith(b'* BYE'):
                return 'bye'
    while pos < len(data):
        nl = data.find(b'\n', pos)
        end = len(data) if nl < 0 else nl + 1
        line = data[pos:end]
        tag = line.split(b' ', 1)[0] if b' ' in line else None
        # the whole command: lines joined by literals
        cmd_tag = tag
        while True:
            m = re.search(rb'~?\{(\d+)(\+?)\}\r?\n$', line)
            s.sendall(line)
            pos = end
            if not m:
                break
            n = int(m.group(1))
            if m.group(2) != b'+':
                r = read_until(cmd_tag)
                if r != '+':
                    cmd_tag = None  # refused: its tagged response is in
                    break
            s.sendall(data[pos:pos + n])
            pos += n
            nl = data.find(b'\n', pos)
            end = len(data) if nl < 0 else nl + 1
            line = data[pos:end]
        if cmd_tag is not None:
            r = read_until(cmd_tag)
            if r == 'bye':
                break
            if r == '+':  # IDLE or AUTHENTICATE continue on the next lines
                continue
    s.close()
    return out

def imapguard_trace(data):
    p = subprocess.run([imapguard, 'replay', '--maildir', maildir, '--plaintext-login',
                        '--user', 'demo:demo', '--trace', '-'], input=data,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=30)
    ev = []
    for line in p.stderr.decode('utf-8', 'replace').splitlines():
        try:
            j = json.loads(line)
        except ValueError:
            continue
        if j.get('event') == 'command' and j.get('tag') is not None:
            ev.append(j)
    return ev

def verdict(st):
    return 'OK' if st == 'OK' else 'NO/BAD' if st in ('NO', 'BAD') else str(st)

expected = {}
for line in open(expected_path):
    line = line.strip()
    if line and not line.startswith('#'):
        k = line.split(None, 4)
        expected[tuple(k[:4])] = k[4] if len(k) > 4 else ''

table = defaultdict(lambda: [0, 0])
diffs = defaultdict(list)
for path in files:
    data = stream_of(path)
    if not data:
        continue
    ig = imapguard_trace(data)
    dv = dovecot(data)
    seen = defaultdict(int)
    for e in ig:
        tag = e['tag']
        k = seen[tag]
        seen[tag] += 1
        dvs = [st for t, st in dv if t == tag]
        if k >= len(dvs):
            continue  # Dovecot gave no tagged answer (closed, or the client stopped)
        key = (e['state_before'], e['command'])
        a, b = verdict(e['status']), verdict(dvs[k])
        if a == b:
            table[key][0] += 1
        else:
            table[key][1] += 1
            diffs[key + (a, b)].append(path.rsplit('/', 1)[-1])

print('%-10s %-14s %6s %6s' % ('state', 'command', 'same', 'differ'))
for key in sorted(table):
    print('%-10s %-14s %6d %6d' % (key[0], key[1], table[key][0], table[key][1]))
bad = 0
print()
for key in sorted(diffs):
    why = expected.get(key)
    mark = 'expected' if why is not None else 'UNEXPLAINED'
    if why is None:
        bad += 1
    print('%s: %s %s imapguard %s, dovecot %s (%d): %s  e.g. %s' % (
        mark, key[0], key[1], key[2], key[3], len(diffs[key]), why or '', diffs[key][0]))
print('%d unexplained difference(s)' % bad)
sys.exit(1 if bad else 0)
