#!/bin/sh
# live-servers (starts Dovecot, the proxy or serve: skipped when IG_CHECK_SKIP_LIVE=1, see tests/run.sh)
# t_dovecot_store.sh - the reference backend's refusals (issue 9 item 4) against a real
# store: the same commands go to a throwaway Dovecot (Debian dovecot-imapd, Maildir++
# with "/" as separator, started by tools/dovecot.sh on 127.0.0.1, mail processes as
# nobody) and to `imapguard replay` with the same mail; for each command the tagged status (OK / NO / BAD) and the first
# word of its response code must be the same. Dovecot is the oracle: mailbox names with
# "." / ".." / empty levels or a ".", \Recent and unknown system flags in STORE and
# APPEND, COPY / MOVE / APPEND to a name that can never exist (CANNOT, not TRYCREATE),
# and commands of extensions neither server offers (QUOTA, ACL, MULTISEARCH: BAD).
n=0
t() { n=$((n + 1)); if [ "$1" = 0 ]; then printf 'ok %s - %s\n' "$n" "$2"; else printf 'not ok %s - %s\n' "$n" "$2"; fi; }
if ! command -v dovecot >/dev/null || ! command -v python3 >/dev/null || [ "$(id -u)" != 0 ] ||
    ! id nobody >/dev/null 2>&1; then
    echo "ok 1 - Dovecot comparison # SKIP needs dovecot, python3, root (mail runs as nobody)"
    echo "1..1"
    exit 0
fi
BIN=build/asan/imapguard
[ -x "$BIN" ] || BIN=build/imapguard
tmp=$(mktemp -d)
chmod 755 "$tmp" # the mail processes (nobody) go through it to the Maildir
dv=$tmp/dovecot
cleanup() {
    # tools/dovecot.sh stops the master it started in $dv (by its pid file) and waits
    sh tools/dovecot.sh stop "$dv"
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP PIPE # so that cleanup runs (and stops Dovecot) then too
# the one Dovecot starter (tools/dovecot.sh): a free loopback port, the fixture mail
# (tests/dovecot/Maildir, the reference backend's sample mail), user demo / demo
sh tools/dovecot.sh start "$dv" >"$tmp/start.log" 2>&1
t $? "a throwaway Dovecot starts (tools/dovecot.sh)"
port=$(sh tools/dovecot.sh port "$dv")

# One command per line; "\r\n" inside a line is written out (literal data). Both
# servers hold the same mail (replay reads the same Maildir) and start with an APPEND.
cat >"$tmp/cmds" <<'EOF'
a LOGIN demo demo
b APPEND INBOX (\Seen) {5+}\r\nhello
c1 CREATE ../../etc
c2 CREATE "a/../b"
c3 CREATE "a/./b"
c4 CREATE a//b
c5 CREATE .hidden
c6 CREATE "Dr. Who"
c7 CREATE okbox
c8 RENAME okbox ../x
c9 RENAME okbox "new/.."
d1 APPEND ../x (\Seen) {5+}\r\nhello
d2 APPEND nosuch {5+}\r\nhello
d3 APPEND INBOX (\Bogus) {5+}\r\nhello
d4 APPEND INBOX (\Recent) {5+}\r\nhello
d5 APPEND INBOX (\Recent) {5}
e1 GETQUOTAROOT INBOX
e2 GETQUOTA ""
e3 GETACL INBOX
e4 MYRIGHTS INBOX
e5 LISTRIGHTS INBOX bob
e6 ESEARCH IN (personal) ALL
f SELECT INBOX
g1 STORE 1 +FLAGS (\Recent)
g2 STORE 1 -FLAGS (\Recent)
g3 STORE 1 FLAGS (\Recent \Seen)
g4 STORE 1 +FLAGS (\Bogus)
g5 STORE 1 +FLAGS (\Flagged)
h1 COPY 1 ../x
h2 COPY 1 nosuch
h3 MOVE 1 "a/."
h4 UID MOVE 1 a//b
h5 COPY 1 okbox
z LOGOUT
EOF
# tag -> "STATUS CODE" lines of the tagged responses to the commands above
cat >"$tmp/client.py" <<'EOF'
import re, socket, sys

def cmds(path):
    out = []
    for line in open(path, encoding="latin-1"):
        line = line.rstrip("\n")
        if line:
            out.append(line.replace("\\r\\n", "\r\n").encode("latin-1") + b"\r\n")
    return out

def verdict(line):
    m = re.match(rb"(\S+) (OK|NO|BAD)(?: \[([^\] ]+))?", line)
    return (m.group(1), m.group(2) + b" " + (m.group(3) or b"-")) if m else (None, None)

def talk(port, commands):
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    buf = b""
    def line():
        nonlocal buf
        while b"\r\n" not in buf:
            data = s.recv(65536)
            if not data:
                raise SystemExit("connection closed")
            buf += data
        l, buf = buf.split(b"\r\n", 1)
        return l
    line()  # greeting
    res = {}
    for c in commands:
        tag = c.split(b" ", 1)[0]
        head = c.split(b"\r\n", 1)[0] + b"\r\n"
        sync = re.search(rb"\{\d+\}\r\n$", head) is not None
        s.sendall(head if sync else c)
        while True:
            l = line()
            if sync and l.startswith(b"+"):
                s.sendall(c[len(head):] or b"\r\n")
                sync = False
                continue
            t, v = verdict(l)
            if t == tag:
                res[tag] = v
                break
    return res

def replayed(path, commands):
    res = {}
    tags = {c.split(b" ", 1)[0] for c in commands}
    for l in open(path, "rb").read().split(b"\r\n"):
        t, v = verdict(l)
        if t in tags and t not in res:
            res[t] = v
    return res

commands = cmds(sys.argv[2])
if sys.argv[1] == "stream":  # the client stream for imapguard replay (no "+" for {5})
    sys.stdout.buffer.write(b"".join(c.split(b"\r\n", 1)[0] + b"\r\n" if re.search(rb"\{\d+\}\r\n", c) else c
                                     for c in commands))
    sys.exit(0)
res = talk(int(sys.argv[1]), commands) if sys.argv[1] != "replay" else replayed(sys.argv[3], commands)
for c in commands:
    tag = c.split(b" ", 1)[0]
    sys.stdout.buffer.write(tag + b" " + res.get(tag, b"(none)") + b"\n")
EOF
python3 "$tmp/client.py" "$port" "$tmp/cmds" >"$tmp/dovecot.out" 2>"$tmp/client.err"
t $? "the command list runs against Dovecot"
python3 "$tmp/client.py" stream "$tmp/cmds" >"$tmp/stream"
"$BIN" replay --plaintext-login --maildir tests/dovecot/Maildir "$tmp/stream" >"$tmp/replay.raw" 2>&1
python3 "$tmp/client.py" replay "$tmp/cmds" "$tmp/replay.raw" >"$tmp/ours.out"
# the answers that matter must be refusals on the Dovecot side too (the oracle is alive)
grep -q '^c1 NO CANNOT$' "$tmp/dovecot.out" && grep -q '^g1 BAD -$' "$tmp/dovecot.out" &&
    grep -q '^e1 BAD -$' "$tmp/dovecot.out" && grep -q '^h2 NO TRYCREATE$' "$tmp/dovecot.out"
t $? "Dovecot refuses ../../etc (NO [CANNOT]), STORE \\Recent and GETQUOTAROOT (BAD)"
while read -r tag want; do
    [ "$tag" = a ] && continue # LOGIN: Dovecot adds its CAPABILITY code, not compared
    got=$(sed -n "s/^$tag //p" "$tmp/ours.out")
    [ "$got" = "$want" ]
    t $? "$(grep "^$tag " "$tmp/cmds" | cut -c1-60): Dovecot '$want', imapguard '$got'"
done <"$tmp/dovecot.out"
echo "1..$n"
