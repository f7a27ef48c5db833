#!/bin/sh
# live-servers (starts Dovecot, the proxy or serve: skipped when IG_CHECK_SKIP_LIVE=1, see tests/run.sh)
# t_serve.sh - `imapguard serve` (the ASan+UBSan build) on loopback, driven by real
# clients: curl (imap:// with STARTTLS and imaps://) and Python's imaplib and raw sockets
# (tests/serve_clients.py); then SIGUSR1 counters and a clean SIGTERM stop. Checks the
# results, not only exit codes. The curl and mbsync checks are in tests/clients.sh,
# the imaplib sessions in tests/clientlib.py (both shared with the proxy's tests).
# Skips (one "ok # skip" line) when the CLI was built without libevent/OpenSSL or curl
# / python3 are missing.
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
while [ $i -lt 100 ] && [ "$(cat "$tmp/err" 2>/dev/null | grep -c 'listening on')" -lt 2 ]; do
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

# curl and mbsync: tests/clients.sh (shared with tests/t_proxy_clients.sh)
. tests/clients.sh
curl_suite "$plain" "$tls"

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
mbsync_suite "$plain" "$tls" "$tmp/state/selfsigned-cert.pem"

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
