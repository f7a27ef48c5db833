#!/bin/sh
# live-servers (starts Dovecot, the proxy or serve: skipped when IG_CHECK_SKIP_LIVE=1, see tests/run.sh)
# t_proxy.sh - `imapguard proxy` (the ASan+UBSan build) in front of a real Dovecot
# (tools/dovecot.sh, started here on loopback, unprivileged), end to end: curl lists,
# fetches, searches, appends and stores through it and the results are checked; raw
# exchanges check that a malformed and an out-of-state command are answered by the
# proxy (the log's verdict, and their effect absent on Dovecot's side), that plaintext
# pipelined after STARTTLS is never executed, the LOGOUT order, upstream TLS and
# STARTTLS with certificate verification, SIGUSR1 counters and a clean SIGTERM stop.
# Skips (one "ok # skip" line) without libevent/OpenSSL in the build, Dovecot, curl,
# python3 or openssl.
n=0
t() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }
bin=${IMAPGUARD:-build/asan/imapguard}
if "$bin" proxy --upstream 127.0.0.1:1 2>&1 | grep -q 'built without libevent'; then
    echo "ok 1 # skip imapguard proxy not built (needs libevent-dev, libssl-dev)"
    exit 0
fi
for tool in dovecot curl python3 openssl; do
    command -v $tool >/dev/null || { echo "ok 1 # skip $tool missing"; exit 0; }
done
tmp=$(mktemp -d)
[ "$(id -u)" = 0 ] && chmod 755 "$tmp" # Dovecot's own users read the Maildir below
pids=
cleanup() {
    for p in $pids; do kill "$p" 2>/dev/null; done
    sh tools/dovecot.sh stop "$tmp/dv" >/dev/null 2>&1
    rm -rf "$tmp"
}
trap cleanup EXIT
sh tools/dovecot.sh start "$tmp/dv" --tls >"$tmp/dv.out" 2>&1 ||
    { echo "not ok 1 - Dovecot starts (tools/dovecot.sh --tls)"; cat "$tmp/dv.out"; exit 1; }
dport=$(cat "$tmp/dv/port")
dtls=$(cat "$tmp/dv/tlsport")
ca=$tmp/dv/tls-cert.pem

# start_proxy NAME ARGS...: runs the proxy, waits for its listeners; sets $plain, $tls, $pid
start_proxy() {
    name=$1
    shift
    "$bin" proxy --listen 127.0.0.1:0 --listen-tls 127.0.0.1:0 --state-dir "$tmp/state" \
        "$@" 2>"$tmp/$name.err" &
    pid=$!
    pids="$pids $pid"
    i=0
    while [ $i -lt 100 ] && [ "$(cat "$tmp/$name.err" 2>/dev/null | grep -c 'listening on')" -lt 2 ]; do
        sleep 0.1
        i=$((i + 1))
    done
    plain=$(sed -n 's/.*listening on 127.0.0.1:\([0-9]*\) (plain)/\1/p' "$tmp/$name.err")
    tls=$(sed -n 's/.*listening on 127.0.0.1:\([0-9]*\) (tls)/\1/p' "$tmp/$name.err")
}
stop_proxy() {
    kill -TERM "$1" 2>/dev/null
    wait "$1"
}

start_proxy main --upstream "127.0.0.1:$dport" --log "$tmp/log" --status-file "$tmp/status"
main=$pid
main_plain=$plain
[ -n "$plain" ] && [ -n "$tls" ]
t $? "proxy probes Dovecot and listens on a plain and a TLS port"

c() { curl -sS -k --max-time 10 "$@" 2>&1; }
out=$(c --ssl-reqd "imap://demo:demo@127.0.0.1:$plain/")
echo "$out" | grep -q '"/" Lists/imap' && echo "$out" | grep -q ' INBOX'
t $? "curl imap:// STARTTLS through the proxy: LIST shows Dovecot's mailboxes"
out=$(c "imaps://demo:demo@127.0.0.1:$tls/INBOX;UID=2;SECTION=HEADER.FIELDS%20(SUBJECT)")
echo "$out" | grep -q 'Subject: Lunch on Friday?'
t $? "curl imaps://: fetch a header field by UID"
out=$(c "imaps://demo:demo@127.0.0.1:$tls/INBOX" -X 'SEARCH FROM "alice"')
echo "$out" | grep -q '^\* SEARCH [0-9]'
t $? "curl: SEARCH FROM finds mail"
printf 'From: curl@example.org\r\nSubject: sent through the proxy\r\n\r\nbody\r\n' >"$tmp/m.eml"
c --ssl-reqd "imap://demo:demo@127.0.0.1:$plain/Lists" -T "$tmp/m.eml" >/dev/null
out=$(curl -sS --max-time 10 "imap://demo:demo@127.0.0.1:$dport/Lists" -X 'SEARCH SUBJECT "sent through the proxy"')
echo "$out" | grep -q '^\* SEARCH [0-9]'
t $? "curl: APPEND a file through the proxy; Dovecot (asked directly) has it"
out=$(c "imaps://demo:demo@127.0.0.1:$tls/INBOX" -X 'UID STORE 3 +FLAGS (\Answered)')
echo "$out" | grep -q 'UID 3 FLAGS (.*\\Answered'
t $? "curl -X 'UID STORE ...': the new flags come back"
out=$(c "imap://demo:demo@127.0.0.1:$plain/")
[ -z "$(echo "$out" | grep INBOX)" ]
t $? "curl without TLS cannot log in (LOGINDISABLED by default)"

# Raw exchanges (python3): each check prints "ok - ..." or "not ok - ...".
python3 - "$plain" "$dport" >"$tmp/raw" 2>&1 <<'PY'
import socket, ssl, sys, time
port, dport = int(sys.argv[1]), int(sys.argv[2])
def check(ok, what):
    print(("ok - " if ok else "not ok - ") + what, flush=True)
class Conn:
    def __init__(self, port):
        self.s = socket.create_connection(("127.0.0.1", port), 10)
        self.buf = b""
    def until(self, pred):
        end = time.time() + 10
        while not pred(self.buf) and time.time() < end:
            self.s.settimeout(max(0.01, end - time.time()))
            try:
                d = self.s.recv(65536)
            except socket.timeout:
                break
            if not d:
                break
            self.buf += d
        out, self.buf = self.buf, b""
        return out
    def cmd(self, line, tag):
        # up to the end of the line that starts with tag (a tagged answer, or "+")
        def done(b):
            i = (b"\r\n" + b).find(b"\r\n" + tag + b" ")
            return i >= 0 and b.find(b"\r\n", i) >= 0
        self.s.sendall(line)
        return self.until(done)
c = Conn(port)
g = c.until(lambda b: b.endswith(b"\r\n"))
check(g.startswith(b"* OK [CAPABILITY ") and b"imapguard proxy ready" in g and b"COMPRESS" not in g,
      "the proxy greets with its own capability list (no COMPRESS)")
# Dovecot's greeting has LOGIN-REFERRALS (not policed: dropped) and AUTH=PLAIN, which
# the proxy must not offer before TLS without --plaintext-login.
check(b"LOGIN-REFERRALS" not in g and b" IDLE" in g, "an extension the proxy does not police is not offered")
check(b"LOGINDISABLED" in g and b"AUTH=" not in g and b"STARTTLS" in g,
      "before TLS: STARTTLS and LOGINDISABLED, no AUTH= (the proxy's own TLS state)")
# STARTTLS with a LOGIN pipelined behind it in the same segment: never executed.
c.s.sendall(b"s1 STARTTLS\r\ns2 LOGIN demo demo\r\n")
r = c.until(lambda b: b"s1 " in b and b.endswith(b"\r\n"))
check(r.startswith(b"s1 OK"), "STARTTLS is answered by the proxy")
ctx = ssl.create_default_context()
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE
c.s = ctx.wrap_socket(c.s)
r = c.cmd(b"s3 SELECT INBOX\r\n", b"s3")
check(b"s2" not in r and r.startswith(b"s3 BAD"), "plaintext pipelined after STARTTLS was discarded (still not logged in)")
r = c.cmd(b"a0 SELECT INBOX\r\n", b"a0")
check(r == b"a0 BAD command not valid in this state\r\n", "an out-of-state command (SELECT before login) is refused by the proxy")
r = c.cmd(b"a1 LOGIN demo demo\r\n", b"a1")
check(b"a1 OK" in r and b"COMPRESS" not in r and b"MOVE" in r, "LOGIN goes to Dovecot; the capability code is the filtered one")
# regression 2026-12-05 upstream-greeting-relayed: the server's own greeting was read
# by the proxy's relay instead of the setup and reached the client after LOGIN.
check(r.startswith(b"a1 OK"), "the server's greeting is the proxy's, never passed on (regression upstream-greeting-relayed)")
r = c.cmd(b'a2 CREATE "Broken\r\n', b"a2")
check(r.startswith(b"a2 BAD"), "a malformed CREATE is refused by the proxy")
r = c.cmd(b"a3 FETCH 1 FLAGS\r\n", b"a3")
check(r == b"a3 BAD command not valid in this state\r\n", "an out-of-state command (FETCH in Authenticated) is refused")
r = c.cmd(b"a4 XFOO bar\r\n", b"a4")
check(r == b"a4 BAD unknown command\r\n", "an unknown command is refused")
r = c.cmd(b"a5 SELECT {5}\r\n", b"+")
check(r == b"+ go ahead\r\n", "a synchronizing literal is accepted by the proxy")
r = c.cmd(b"INBOX\r\n", b"a5")
check(b"a5 OK" in r and b"EXISTS" in r, "SELECT with a literal mailbox name reaches Dovecot")
r = c.cmd(b"a6 APPEND INBOX (\\Seen) {5+}\r\nhello {5+}\r\nworld\r\n", b"a6")
check(b"a6 OK" in r and b"APPENDUID" in r, "MULTIAPPEND with non-synchronizing literals streams through")
r = c.cmd(b"a7 LIST \"\" *\r\n", b"a7")
check(b"Broken" not in r and b"a7 OK" in r, "the refused CREATE never reached Dovecot (no such mailbox)")
# regression 2026-12-05 done-line-segmented: DONE (no tag) was re-read as a command
# to find literal headers, failed, and the client was sent away.
r = c.cmd(b"a9 IDLE\r\n", b"+")
check(r.startswith(b"+ "), "IDLE: the server's continuation is passed on")
r = c.cmd(b"a9b FETCH 1 FLAGS\r\n", b"*")
check(r.startswith(b"* BAD"), "IDLE: a line that is not DONE is answered by the proxy, never sent")
r = c.cmd(b"DONE\r\n", b"a9")
check(r.startswith(b"a9 OK"), "IDLE: DONE is parsed and forwarded, the server ends the IDLE (regression done-line-segmented)")
c.s.sendall(b"a8 LOGOUT\r\n")
r = c.until(lambda b: b"a8 " in b and b.endswith(b"\r\n"))
check(r.find(b"* BYE") >= 0 and r.find(b"* BYE") < r.find(b"a8 OK"), "LOGOUT: BYE, then the tagged OK")
PY
rc=$?
while IFS= read -r line; do
    case $line in
    "ok - "*) t 0 "${line#ok - }" ;;
    "not ok - "*) t 1 "${line#not ok - }" ;;
    *) echo "# $line" ;;
    esac
done <"$tmp/raw"
t $rc "raw exchanges run to the end"

grep -q '"tag":"a2","command":"CREATE","state":"AUTH","verdict":"refused","reason":"[^"]*","upstream":null' "$tmp/log" &&
    grep -q '"tag":"a0","command":"SELECT","state":"NOT_AUTH","verdict":"refused"' "$tmp/log" &&
    grep -q '"tag":"a5","command":"SELECT","state":"AUTH","verdict":"forwarded","upstream":"OK"' "$tmp/log"
t $? "the log has the verdict of each command (refused ones with a reason, upstream null)"
! grep -q 'demo' "$tmp/log" && ! grep -q 'hello' "$tmp/log"
t $? "the log has no argument (no user name, password or message)"
kill -USR1 "$main"
i=0
while [ $i -lt 50 ] && ! [ -s "$tmp/status" ]; do sleep 0.1; i=$((i + 1)); done
grep -q '"forwarded":[1-9]' "$tmp/status" && grep -q '"refused":[1-9]' "$tmp/status" &&
    grep -q '"command not valid in this state":[1-9]' "$tmp/status"
t $? "SIGUSR1 writes the counters (forwarded, refused by reason)"

# The parser block is lent only while a command is in progress (net/pool.h): three
# clients quiet after the greeting hold none, one inside a half-sent line holds one.
rm -f "$tmp/status"
python3 - "$main_plain" "$main" "$tmp/status" <<'PY' >"$tmp/pool.out" 2>&1
import os, signal, socket, sys, time
port, pid, status = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
conns = []
for i in range(4):
    s = socket.create_connection(("127.0.0.1", port), 5)
    s.settimeout(5)
    assert s.recv(4096).startswith(b"* OK")
    conns.append(s)
conns[3].sendall(b"p1 NOOP")  # no CRLF: the command is in progress
time.sleep(0.5)
os.kill(pid, signal.SIGUSR1)
for _ in range(50):
    if os.path.exists(status) and os.path.getsize(status) > 0:
        break
    time.sleep(0.1)
time.sleep(0.2)
print(open(status).read())
PY
grep -q '"pool_parser_in_use":1[,}]' "$tmp/pool.out"
t $? "parser blocks: 4 connected clients, only the one inside a line holds a block"

# Upstream TLS (implicit, then STARTTLS), verified against Dovecot's certificate.
start_proxy up-tls --upstream "127.0.0.1:$dtls" --upstream-tls --upstream-ca "$ca" --plaintext-login
out=$(curl -sS --max-time 10 "imap://demo:demo@127.0.0.1:$plain/INBOX" -X 'SEARCH ALL' 2>&1)
echo "$out" | grep -q '^\* SEARCH 1 2'
t $? "--upstream-tls: curl searches through the proxy over TLS to Dovecot"
stop_proxy "$pid"
start_proxy up-starttls --upstream "localhost:$dport" --upstream-starttls --upstream-ca "$ca" --plaintext-login
out=$(curl -sS --max-time 10 "imap://demo:demo@127.0.0.1:$plain/INBOX;UID=1;SECTION=HEADER.FIELDS%20(SUBJECT)" 2>&1)
echo "$out" | grep -q '^Subject: '
t $? "--upstream-starttls: curl fetches through the proxy (name localhost verified)"
stop_proxy "$pid"
"$bin" proxy --upstream "127.0.0.1:$dtls" --upstream-tls --listen 127.0.0.1:0 \
    --state-dir "$tmp/state" >"$tmp/noverify.out" 2>&1
rc=$?
[ $rc = 2 ] && grep -q 'certificate' "$tmp/noverify.out"
t $? "an upstream certificate that does not verify: the proxy does not start (exit 2)"
"$bin" proxy --upstream "127.0.0.1:$dport" --upstream-starttls --upstream-ca "$ca" \
    --upstream-name wrong.example --listen 127.0.0.1:0 --state-dir "$tmp/state" >/dev/null 2>&1
[ $? = 2 ]
t $? "an upstream certificate for another name: the proxy does not start (exit 2)"

# A server with LITERAL- (RFC 7888) instead of LITERAL+: a literal over 4096 octets
# must wait for the server's "+"; an APPEND the server refuses before its "+" has its
# octets swallowed by the proxy (the client was told "+" by the proxy already).
# --config gives the options (and --allow an unknown command word).
echo "imap_literal_minus = yes" >>"$tmp/dv/dovecot.conf"
doveadm -c "$tmp/dv/dovecot.conf" reload >/dev/null 2>&1
sleep 0.5
printf '# proxy options\nplaintext-login\nallow XFOO\nmax-bad 3   # refusals\nlog %s\n' \
    "$tmp/log2" >"$tmp/proxy.conf"
start_proxy minus --upstream "127.0.0.1:$dport" --config "$tmp/proxy.conf" --login-timeout 1 --idle-timeout 2
python3 - "$plain" >"$tmp/raw2" 2>&1 <<'PY'
import socket, sys, time
def check(ok, what):
    print(("ok - " if ok else "not ok - ") + what, flush=True)
q = socket.create_connection(("127.0.0.1", int(sys.argv[1])), 10)
q.settimeout(10)
t0, silent = time.time(), b""
while True:
    try:
        d = q.recv(4096)
    except socket.timeout:
        break
    if not d:
        break
    silent += d
check(b"* BYE autologout" in silent and time.time() - t0 < 5,
      "--login-timeout 1: a silent client gets BYE autologout and is closed")
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), 10)
def until(tag):
    buf, end = b"", time.time() + 10
    while time.time() < end:
        i = (b"\r\n" + buf).find(b"\r\n" + tag + b" ")
        if i >= 0 and buf.find(b"\r\n", i) >= 0:
            break
        s.settimeout(max(0.01, end - time.time()))
        try:
            d = s.recv(65536)
        except socket.timeout:
            break
        if not d:
            break
        buf += d
    return buf
def cmd(line, tag):
    s.sendall(line)
    return until(tag)
g = until(b"*")
check(b"LITERAL-" in g and b"LITERAL+" not in g, "the proxy offers LITERAL- as the server does")
r = cmd(b"z1 AUTHENTICATE PLAIN\r\n", b"+")
check(r.startswith(b"+"), "AUTHENTICATE: the server's continuation is passed on")
r = cmd(b"not base64!\r\n", b"z1")
check(r.startswith(b"z1 BAD"), "a malformed SASL response: the proxy cancels, the server's BAD ends AUTHENTICATE")
r = cmd(b"a1 LOGIN demo demo\r\n", b"a1")
check(r.startswith(b"a1 OK"), "... and LOGIN works after it")
cmd(b"a2 SELECT INBOX\r\n", b"a2")
r = cmd(b"p1 SEARCH CHARSET UTF-8 SUBJECT {5000}\r\n", b"+")
check(r == b"+ go ahead\r\n", "a 5000-octet literal: the proxy says go ahead")
r = cmd(b"\xc3\xa9" * 2500 + b"\r\n", b"p1")
check(b"p1 OK" in r and b"* SEARCH" in r and b"+ OK" not in r,
      "... it waits for the server's + (not passed on) and the SEARCH runs")
body = b"x" * 3000 + b"\r\np4 CREATE Smuggled\r\n" + b"y" * 2978
r = cmd(b"p2 APPEND NoSuchBox {6000}\r\n", b"p2")
check(r.startswith(b"+ go ahead\r\n") and b"p2 NO [TRYCREATE]" in r,
      "APPEND to a missing mailbox: the server's NO comes under the APPEND's tag")
r = cmd(body + b"\r\np3 NOOP\r\n", b"p3")
check(r.startswith(b"p3 OK") and b"p4" not in r, "the refused APPEND's octets are swallowed, the next command runs")
r = cmd(b'p5 LIST "" *\r\n', b"p5")
check(b"Smuggled" not in r and b"p5 OK" in r, "nothing in the swallowed octets ran as a command")
r = cmd(b"p6 XFOO\r\n", b"p6")
check(r.startswith(b"p6 BAD") and b"Unknown command" in r,
      "--allow XFOO (from --config): the unknown word goes to the server, which refuses it")
for t in (b"b1", b"b2"):
    cmd(t + b" FETCH 1 (FLAGS\r\n", t)
s.sendall(b"b3 FETCH 1 (FLAGS\r\n")
r = until(b"* BYE")
check(b"b3 BAD" in r and b"* BYE too many bad commands" in r, "--max-bad 3 (from --config): the third refusal ends with BYE")
# Two stalls side by side (threads): a slowloris trickling a byte every 0.3 s before
# login, and a client silent inside an APPEND literal after login; each must be cut.
import threading
res = {}
def slowloris():
    k = socket.create_connection(("127.0.0.1", int(sys.argv[1])), 10)
    t0 = time.time()
    try:
        k.recv(4096)
        for ch in b"a1 LOGIN demo demo" * 4:
            k.sendall(bytes([ch]))
            time.sleep(0.3)
            if time.time() - t0 > 6:
                break
        res["loris"] = None
    except OSError:
        res["loris"] = time.time() - t0
def stalled_append():
    k = socket.create_connection(("127.0.0.1", int(sys.argv[1])), 10)
    k.settimeout(10)
    k.recv(4096)
    k.sendall(b"l1 LOGIN demo demo\r\nl2 SELECT INBOX\r\n")
    b = b""
    while b"l2 " not in b:
        b += k.recv(4096)
    k.sendall(b"l3 APPEND INBOX {100}\r\n")
    time.sleep(0.3)
    k.sendall(b"From: half@example.org\r\n")
    t0, got = time.time(), b""
    try:
        while True:
            d = k.recv(4096)
            if not d:
                break
            got += d
    except OSError:
        pass
    res["append"] = (time.time() - t0, got)
ths = [threading.Thread(target=f) for f in (slowloris, stalled_append)]
for th in ths:
    th.start()
for th in ths:
    th.join()
check(res.get("loris") is not None and res["loris"] < 4,
      "slowloris (a byte every 0.3 s): cut at the login deadline (--login-timeout 1)")
d, got = res.get("append", (99, b""))
check(d < 5 and b"+ go ahead" in got and b"* BYE autologout" in got,
      "a client silent inside an APPEND literal: cut at --idle-timeout 2")
PY
rc=$?
while IFS= read -r line; do
    case $line in
    "ok - "*) t 0 "${line#ok - }" ;;
    "not ok - "*) t 1 "${line#not ok - }" ;;
    *) echo "# $line" ;;
    esac
done <"$tmp/raw2"
t $rc "LITERAL- exchanges run to the end"
grep -q '"tag":"p6","command":"XFOO","state":"SELECTED","verdict":"forwarded","upstream":"BAD"' "$tmp/log2" &&
    grep -q '"tag":"p2","command":"APPEND","state":"SELECTED","verdict":"forwarded","upstream":"NO"' "$tmp/log2"
t $? "--config log: the allowed word and the refused APPEND are logged with the server's answer"
stop_proxy "$pid"

# An upstream that sends something unreadable (issue 12: "closes both sides"): a relay
# in front of Dovecot turns its "* FLAGS (" into "* FLAGS ((", a list the response
# reader must refuse. The client gets * BYE and a close after its SELECT, the proxy
# closes the upstream too (its descriptors fall back to where they were) and logs an
# upstream-error.
python3 tools/recorder.py --upstream "127.0.0.1:$dport" --out "$tmp/garble" \
    --replace '* FLAGS (=* FLAGS ((' 2>"$tmp/garble.err" &
garble=$!
pids="$pids $garble"
mkdir -p "$tmp/garble"
i=0
while [ $i -lt 100 ] && ! grep -q 'listening on' "$tmp/garble.err" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
gport=$(sed -n 's/.*listening on 127.0.0.1:\([0-9]*\).*/\1/p' "$tmp/garble.err")
start_proxy garble --upstream "127.0.0.1:$gport" --plaintext-login --log "$tmp/log3"
gpid=$pid
python3 - "$plain" "$gpid" >"$tmp/garble.out" 2>&1 <<'PY'
import os, socket, sys, time
port, pid = int(sys.argv[1]), int(sys.argv[2])
def fds():
    return len(os.listdir("/proc/%d/fd" % pid))
time.sleep(0.3)
fd0 = fds()
q = socket.create_connection(("127.0.0.1", port), 10)
q.settimeout(10)
got = q.recv(4096)
q.sendall(b"g1 LOGIN demo demo\r\n")
while b"g1 " not in got:
    got += q.recv(4096)
q.sendall(b"g2 SELECT INBOX\r\n")
closed = False
try:
    while True:
        d = q.recv(4096)
        if not d:
            closed = True
            break
        got += d
except OSError:
    pass
# counted while this client's socket is still open here: only the proxy's own closes
# of its client and upstream sockets bring its descriptors back
for _ in range(50):
    if fds() <= fd0:
        break
    time.sleep(0.1)
fd1 = fds()
q.close()
print("g1-ok" if b"g1 OK" in got else "g1-missing")
print("bye" if b"* BYE" in got.split(b"g1 OK", 1)[-1] else "no-bye")
print("closed" if closed else "open")
print("g2-not-answered" if b"g2 OK" not in got else "g2-answered")
print("fds %d %d" % (fd0, fd1))
PY
grep -qx g1-ok "$tmp/garble.out" && grep -qx bye "$tmp/garble.out" &&
    grep -qx closed "$tmp/garble.out" && grep -qx g2-not-answered "$tmp/garble.out"
t $? "an unreadable server response: the client gets * BYE and a close, no answer is made up"
fd=$(sed -n 's/^fds //p' "$tmp/garble.out")
[ -n "$fd" ] && [ "${fd#* }" -le "${fd% *}" ] && grep -q '"event":"upstream-error"' "$tmp/log3"
t $? "... the proxy closes its upstream side too (descriptors back to $fd) and logs an upstream-error"
stop_proxy "$gpid"
kill "$garble" 2>/dev/null

# SIGTERM with a client connected and another in IDLE (logged in over STARTTLS): each
# gets BYE; the IDLE is ended (DONE from the proxy) and its tagged OK comes first; the
# proxy exits 0 (ASan: no leak).
python3 - "$main_plain" >"$tmp/bye" 2>&1 <<'PY' &
import socket, ssl, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.settimeout(10)
buf = s.recv(4096)
t = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
t.settimeout(10)
def upto(sock, want):
    b = b""
    while want not in b:
        d = sock.recv(4096)
        if not d:
            break
        b += d
    return b
upto(t, b"\r\n")
t.sendall(b"i0 STARTTLS\r\n")
upto(t, b"i0 OK")
ctx = ssl.create_default_context()
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE
t = ctx.wrap_socket(t)
t.sendall(b"i1 LOGIN demo demo\r\ni2 SELECT INBOX\r\ni3 IDLE\r\n")
upto(t, b"+ ")
print("ready", flush=True)
while True:
    d = s.recv(4096)
    if not d:
        break
    buf += d
print(buf.decode(errors="replace"))
idle = upto(t, b"server shutting down")
i, j = idle.find(b"i3 OK"), idle.find(b"* BYE server shutting down")
print("idle-order", "ok" if 0 <= i < j else "wrong", flush=True)
PY
client=$!
i=0
while [ $i -lt 50 ] && ! grep -q ready "$tmp/bye"; do sleep 0.1; i=$((i + 1)); done
stop_proxy "$main"
t $? "SIGTERM: the proxy exits 0 (ASan: nothing leaked)"
wait "$client"
grep -q '\* BYE server shutting down' "$tmp/bye"
t $? "SIGTERM: a connected client gets BYE before the close"
grep -q 'idle-order ok' "$tmp/bye"
t $? "SIGTERM: a client in IDLE gets its IDLE's tagged OK, then BYE"
