#!/bin/sh
# live-servers (starts Dovecot, the proxy or serve: skipped when IG_CHECK_SKIP_LIVE=1, see tests/run.sh)
# t_proxy_clients.sh - issue 12 "Real components in tests": real clients against
# `imapguard proxy` in front of a throwaway Dovecot (tools/dovecot.sh, the fixture mail)
# and against `imapguard serve`: curl (imap:// with STARTTLS --ssl-reqd, imaps://) and
# mbsync from tests/clients.sh, Python's imaplib and raw sockets from
# tests/proxy_clients.py (tests/clientlib.py). The curl and mbsync checks against serve
# run in tests/t_serve.sh (the same functions); here serve gets the imaplib sessions,
# the proxy everything. Results are checked, not only exit codes. Without the proxy
# subcommand (branch proxy not merged) its lines are skipped, visibly.
cd "$(dirname "$0")/.." || exit 1
. tests/proxy/lib.sh
. tests/clients.sh
for tool in curl python3; do
    command -v $tool >/dev/null || { echo "ok 1 # skip $tool missing"; exit 0; }
done
login_timeout=2
per_addr=4

# imapguard serve: the imaplib sessions, in the background while the proxy's run (both
# mostly wait: the login timeout, IDLE); their lines are counted at the end
"$bin" serve --listen 127.0.0.1:0 --listen-tls 127.0.0.1:0 --state-dir "$tmp/serve.state" \
    --log "$tmp/serve.log" --login-timeout $login_timeout --max-per-address $per_addr \
    2>"$tmp/serve.err" &
pids="$pids $!"
serve_py=
if wait_listening "$tmp/serve.err" 2; then
    python3 tests/proxy_clients.py 127.0.0.1 "$(port_of "$tmp/serve.err" plain)" \
        "$(port_of "$tmp/serve.err" tls)" "$tmp/serve.log" $per_addr $login_timeout \
        >"$tmp/serve.py" 2>&1 &
    serve_py=$!
fi
serve_results() {
    if [ -n "$serve_py" ]; then
        wait "$serve_py"
        rc=$?
        sed 's/^\(\(not \)\{0,1\}ok - \)/\1serve: /' "$tmp/serve.py" >"$tmp/py2"
        tap_from "$tmp/py2"
        t $rc "serve: proxy_clients.py exits 0"
    elif grep -q 'built without libevent' "$tmp/serve.err"; then
        skip "imapguard serve not built (needs libevent-dev, libssl-dev)"
    else
        t 1 "imapguard serve starts"
    fi
}

# imapguard proxy -> Dovecot: everything
if ! have_proxy; then
    skip "real clients through imapguard proxy: this imapguard has no proxy subcommand (branch proxy not merged)"
    serve_results
    exit 0
fi
command -v dovecot >/dev/null || { skip "proxy: needs dovecot (dovecot-imapd)"; serve_results; exit 0; }
start_dovecot
# The proxy's login timeout is a deadline from the connect (not silence, as serve's):
# 2 s would also cut the TLS handshakes and logins of a busy machine under ASan.
login_timeout=6
start_proxy proxy "$dport" --login-timeout $login_timeout --max-per-address $per_addr
who="proxy: "
curl_suite "$pport" "$ptls"
python3 tests/proxy_clients.py 127.0.0.1 "$pport" "$ptls" "$tmp/proxy.log" $per_addr \
    $login_timeout "$dport" >"$tmp/py" 2>&1
rc=$?
sed 's/^\(\(not \)\{0,1\}ok - \)/\1proxy: /' "$tmp/py" >"$tmp/py2"
tap_from "$tmp/py2"
t $rc "proxy: proxy_clients.py exits 0"
cert=$(ls "$tmp/proxy.state/"*cert*.pem 2>/dev/null | head -1)
mbsync_suite "$pport" "$ptls" "$cert"
kill -TERM "$proxy_pid"
wait "$proxy_pid"
t $? "proxy: SIGTERM, exit status 0 (ASan: no leak)"
serve_results
