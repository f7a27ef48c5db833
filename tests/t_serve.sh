#!/bin/sh
# t_serve.sh - `imapguard serve` (the ASan+UBSan build) on loopback, driven by real
# clients: curl (imap:// with STARTTLS and imaps://) and Python's imaplib and raw sockets
# (tests/serve_clients.py); then SIGUSR1 counters and a clean SIGTERM stop. Checks the
# results, not only exit codes. Skips (one "ok # skip" line) when the CLI was built
# without libevent/OpenSSL or curl / python3 are missing.
n=0
t() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }
bin=${IMAPGUARD:-build/asan/imapguard}
if "$bin" serve --listen 127.0.0.1:0 --cert /nonexistent --key /nonexistent 2>&1 |
    grep -q 'built without libevent'; then
    echo "ok 1 # skip imapguard serve not built (needs libevent-dev, libssl-dev)"
    exit 0
fi
for tool in curl python3; do
    command -v $tool >/dev/null || { echo "ok 1 # skip $tool missing"; exit 0; }
done
tmp=$(mktemp -d)
pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
login_timeout=2
per_addr=4
"$bin" serve --listen 127.0.0.1:0 --listen-tls 127.0.0.1:0 --state-dir "$tmp/state" \
    --log "$tmp/log" --status-file "$tmp/status" --login-timeout $login_timeout \
    --max-per-address $per_addr 2>"$tmp/err" &
pid=$!
i=0
while [ $i -lt 100 ] && [ "$(grep -c 'listening on' "$tmp/err")" -lt 2 ]; do
    sleep 0.1
    i=$((i + 1))
done
plain=$(sed -n 's/.*listening on 127.0.0.1:\([0-9]*\) (plain)/\1/p' "$tmp/err")
tls=$(sed -n 's/.*listening on 127.0.0.1:\([0-9]*\) (tls)/\1/p' "$tmp/err")
[ -n "$plain" ] && [ -n "$tls" ]
t $? "serve listens on a plain and a TLS port (port 0: a free one)"
grep -q 'made a self-signed certificate' "$tmp/err" && [ -f "$tmp/state/selfsigned-cert.pem" ] &&
    [ "$(stat -c %a "$tmp/state/selfsigned-key.pem")" = 600 ]
t $? "first run makes a self-signed certificate (key file 0600)"

c() { curl -sS -k --max-time 10 "$@" 2>&1; }
out=$(c --ssl-reqd "imap://demo:demo@127.0.0.1:$plain/")
echo "$out" | grep -q '"/" Lists/imap' && echo "$out" | grep -q ' INBOX'
t $? "curl imap:// STARTTLS: LIST shows the sample mailboxes"
out=$(c "imaps://demo:demo@127.0.0.1:$tls/INBOX;UID=2;SECTION=HEADER.FIELDS%20(SUBJECT)")
echo "$out" | grep -q 'Subject: Lunch on Friday?'
t $? "curl imaps://: fetch a header field by UID"
out=$(c "imaps://demo:demo@127.0.0.1:$tls/INBOX" -X 'SEARCH FROM "alice"')
echo "$out" | grep -q '^\* SEARCH [0-9]'
t $? "curl: SEARCH FROM finds mail"
printf 'From: curl@example.org\r\nSubject: sent with curl\r\n\r\nbody\r\n' >"$tmp/m.eml"
c --ssl-reqd "imap://demo:demo@127.0.0.1:$plain/Lists" -T "$tmp/m.eml" >/dev/null
out=$(c "imaps://demo:demo@127.0.0.1:$tls/Lists" -X 'SEARCH SUBJECT "sent with curl"')
echo "$out" | grep -q '^\* SEARCH [0-9]'
t $? "curl: APPEND a file, then SEARCH finds it"
out=$(c "imaps://demo:demo@127.0.0.1:$tls/INBOX" -X 'UID STORE 3 +FLAGS (\Answered)')
echo "$out" | grep -q 'UID 3 FLAGS (.*\\Answered'
t $? "curl -X 'UID STORE ...': the new flags come back"
out=$(c "imap://demo:demo@127.0.0.1:$plain/")
[ -z "$(echo "$out" | grep INBOX)" ]
t $? "curl without TLS cannot log in (LOGINDISABLED)"

python3 tests/serve_clients.py 127.0.0.1 "$plain" "$tls" "$tmp/log" $per_addr $login_timeout \
    >"$tmp/py" 2>&1
rc=$?
while IFS= read -r line; do
    case $line in
    "ok - "*) t 0 "${line#ok - }" ;;
    "not ok - "*) t 1 "${line#not ok - }" ;;
    *) echo "# $line" ;;
    esac
done <"$tmp/py"
t $rc "serve_clients.py exits 0"

# mbsync (isync): a two-way sync of a Maildir, then a run that changes nothing.
if command -v mbsync >/dev/null; then
    mkdir -p "$tmp/mail"
    cat >"$tmp/mbsyncrc" <<EOF
IMAPAccount serve
Host 127.0.0.1
Port $plain
User demo
Pass demo
SSLType STARTTLS
CertificateFile $tmp/state/selfsigned-cert.pem

IMAPStore remote
Account serve

MaildirStore local
Path $tmp/mail/
Inbox $tmp/mail/INBOX
SubFolders Verbatim

Channel sync
Far :remote:
Near :local:
Patterns *
Create Both
Expunge Both
SyncState *
EOF
    timeout 60 mbsync -c "$tmp/mbsyncrc" sync >"$tmp/mbsync.out" 2>&1
    rc=$?
    [ $rc = 0 ] && [ "$(ls "$tmp/mail/Lists/imap/cur" "$tmp/mail/Lists/imap/new" | grep -c ',U=')" -ge 1 ] &&
        [ "$(ls "$tmp/mail/INBOX/cur" "$tmp/mail/INBOX/new" | grep -c ',U=')" -ge 3 ]
    t $? "mbsync: the server's mailboxes arrive in the local Maildir"
    printf 'From: local@example.org\r\nSubject: made locally\r\n\r\nhi\r\n' \
        >"$tmp/mail/INBOX/new/1700000000.local1.host:2,F"
    timeout 60 mbsync -c "$tmp/mbsyncrc" sync >>"$tmp/mbsync.out" 2>&1
    out=$(c "imaps://demo:demo@127.0.0.1:$tls/INBOX" -X 'SEARCH SUBJECT "made locally" FLAGGED')
    echo "$out" | grep -q '^\* SEARCH [0-9]'
    t $? "mbsync: a local message (flagged) is uploaded to the server"
    snap() {
        (cd "$tmp/mail" && find . -type f ! -name '.mbsync*' ! -name '.uidvalidity' | sort)
        for b in INBOX Sent Drafts Lists Lists/imap; do
            c "imaps://demo:demo@127.0.0.1:$tls/$b" -X 'UID FETCH 1:* FLAGS' | tr -d '\r'
        done
    }
    snap >"$tmp/before"
    timeout 60 mbsync -c "$tmp/mbsyncrc" sync >>"$tmp/mbsync.out" 2>&1
    rc=$?
    snap >"$tmp/after"
    [ $rc = 0 ] && cmp -s "$tmp/before" "$tmp/after" && [ -s "$tmp/before" ]
    t $? "mbsync: a second run changes nothing on either side"
else
    n=$((n + 1))
    echo "ok $n # skip mbsync missing (apt install isync)"
fi

grep -q '"command":"LOGIN"' "$tmp/log" && ! grep -q 'demo"' "$tmp/log"
t $? "the log has one line per command and no argument (no user name, no password)"
kill -USR1 "$pid"
i=0
while [ $i -lt 50 ] && ! [ -s "$tmp/status" ]; do sleep 0.1; i=$((i + 1)); done
grep -q '"accepted":[1-9]' "$tmp/status" && grep -q '"commands":[1-9]' "$tmp/status" &&
    grep -q '"refused_max_per_addr":[1-9]' "$tmp/status"
t $? "SIGUSR1 writes the counters (connections, commands, refusals) to the status file"

# SIGTERM with a client connected: it gets BYE, the server exits 0 (and under ASan:
# nothing leaked).
python3 - "$plain" >"$tmp/bye" 2>&1 <<'EOF' &
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.settimeout(10)
buf = s.recv(4096)
print("ready", flush=True)
while True:
    d = s.recv(4096)
    if not d:
        break
    buf += d
print(buf.decode(errors="replace"))
EOF
client=$!
i=0
while [ $i -lt 50 ] && ! grep -q ready "$tmp/bye"; do sleep 0.1; i=$((i + 1)); done
kill -TERM "$pid"
wait "$pid"
rc=$?
pid=
wait "$client"
t $rc "SIGTERM: serve exits 0 (ASan: no leak)"
grep -q '\* BYE server shutting down' "$tmp/bye"
t $? "SIGTERM: a connected client gets BYE before the close"
