#!/bin/sh
# t_pool.sh - `imapguard serve` lends each session's memory block from a pool only while
# a command is in progress (net/pool.h, issue 12 "Load and faults"). Real sockets on
# loopback: 20 clients idle after the greeting, 5 logged in and in IDLE, 5 with half a
# command line sent. The oracle is those numbers, written here: the SIGUSR1 status line
# must show exactly 5 blocks in use (the half lines), then 0 once the lines are finished
# and every IDLE has ended with DONE, and every client must still get its answers.
n=0
t() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }
bin=${IMAPGUARD:-build/asan/imapguard}
if "$bin" serve --listen 127.0.0.1:0 --cert /nonexistent --key /nonexistent 2>&1 |
    grep -q 'built without libevent'; then
    echo "ok 1 # skip imapguard serve not built (needs libevent-dev, libssl-dev)"
    exit 0
fi
command -v python3 >/dev/null || { echo "ok 1 # skip python3 missing"; exit 0; }
tmp=$(mktemp -d)
pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
"$bin" serve --listen 127.0.0.1:0 --state-dir "$tmp/state" --plaintext-login \
    --status-file "$tmp/status" --max-per-address 100 2>"$tmp/err" &
pid=$!
i=0
while [ $i -lt 100 ] && ! grep -q 'listening on' "$tmp/err"; do sleep 0.1; i=$((i + 1)); done
port=$(sed -n 's/.*listening on 127.0.0.1:\([0-9]*\) (plain)/\1/p' "$tmp/err")
[ -n "$port" ]
t $? "serve listens"
python3 - "$port" "$pid" "$tmp/status" >"$tmp/py" 2>&1 <<'PY'
import os, re, signal, socket, sys, time
port, pid, status = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]

def conn():
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    f = s.makefile("rb")
    return s, f

def until(f, pat):
    while True:
        line = f.readline()
        if not line:
            raise SystemExit("connection closed waiting for %r" % pat)
        if re.search(pat, line):
            return line

def counters():
    before = os.path.getmtime(status) if os.path.exists(status) else 0
    open(status, "w").close()
    os.kill(pid, signal.SIGUSR1)
    for _ in range(100):
        time.sleep(0.05)
        txt = open(status).read()
        if txt.endswith("\n"):
            return {k: int(v) for k, v in re.findall(r'"(pool_session_[a-z_]+)":(\d+)', txt)}
    raise SystemExit("no status line")

idle, idlers, half = [], [], []
for _ in range(20):
    s, f = conn(); until(f, rb"^\* OK"); idle.append((s, f))
for k in range(5):
    s, f = conn(); until(f, rb"^\* OK")
    s.sendall(b"a LOGIN demo demo\r\nb SELECT INBOX\r\nc IDLE\r\n")
    until(f, rb"^\+ ")
    idlers.append((s, f))
for k in range(5):
    s, f = conn(); until(f, rb"^\* OK")
    s.sendall(b"h%d NOO" % k)
    half.append((s, f))
time.sleep(0.3)
c1 = counters()
print("half", c1.get("pool_session_in_use"), c1.get("pool_session_peak"))
for k, (s, f) in enumerate(half):
    s.sendall(b"P\r\n")
    until(f, rb"^h%d OK" % k)
for s, f in idlers:
    s.sendall(b"DONE\r\n")
    until(f, rb"^c OK")
for s, f in idle:
    s.sendall(b"z NOOP\r\n")
    until(f, rb"^z OK")
time.sleep(0.2)
c2 = counters()
print("after", c2.get("pool_session_in_use"), c2.get("pool_session_gets"))
for s, f in idle + idlers + half:
    f.close()  # the socket closes only when its file object does too
    s.close()
# Dropped in the middle: 6 clients send half a line or half a literal, then vanish.
gone = []
for k in range(6):
    s, f = conn(); until(f, rb"^\* OK")
    s.sendall(b"d%d LOGIN {10}\r\n" % k if k % 2 else b"d%d CAPABIL" % k)
    if k % 2:
        until(f, rb"^\+ ")
        s.sendall(b"dem")
    gone.append((s, f))
time.sleep(0.3)
c3 = counters()
for s, f in gone:
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    f.close()  # linger 0: a reset, as from a client that vanished
    s.close()
time.sleep(0.5)
c4 = counters()
print("dropped", c3.get("pool_session_in_use"), c4.get("pool_session_in_use"))
PY
cat "$tmp/py" | sed 's/^/# /'
grep -q '^half 5 ' "$tmp/py"
t $? "30 connections (20 idle, 5 in IDLE, 5 with half a line): 5 session blocks in use"
grep -q '^after 0 [1-9]' "$tmp/py"
t $? "every line answered, IDLE ended: 0 blocks in use, and every client got its answers"
grep -q '^dropped 6 0$' "$tmp/py"
t $? "6 clients dropped mid-line or mid-literal: their 6 blocks go back to the pool"
kill -TERM "$pid"
wait "$pid"
t $? "serve stops cleanly (exit 0; ASan's leak check sees no block lost)"
pid=
echo "1..$n"
