#!/bin/sh
# live-servers (starts Dovecot, the proxy or serve: skipped when IG_CHECK_SKIP_LIVE=1, see tests/run.sh)
# t_proxy_guard.sh - issue 12 "Guarding": `imapguard proxy` (--plaintext-login, a high
# --max-bad so that one connection can carry many bad commands) in front of Dovecot,
# with tools/recorder.py between them keeping every byte sent upstream. Streams of
# malformed, out-of-state and over-limit commands (corpus/, corpus/regress/ and
# hand-written ones whose tags say what must happen) go to the proxy; then every
# upstream command must be accepted by `imapguard parse`, be in canonical form, and
# none of the refused ones or of those pipelined after a client's STARTTLS may be there
# (tests/proxy_guard.py). The check's own check (a connection straight to the recorder
# with a non-canonical command and a STARTTLS injection must be flagged) runs always;
# the rest is skipped, visibly, while this imapguard has no proxy subcommand.
cd "$(dirname "$0")/.." || exit 1
. tests/proxy/lib.sh
needs_dovecot
parse=build/imapguard # the plain build: one process per upstream connection
[ -x "$parse" ] || parse=$bin
start_dovecot
start_recorder up "$dport"
if have_proxy; then
    start_proxy guard "$rport" --plaintext-login --max-bad 1000
    pp=$pport
else
    skip "guarding: this imapguard has no proxy subcommand (branch proxy not merged)"
    pp=0
fi
python3 tests/proxy_guard.py "$pp" "$rport" "$tmp/up" "$parse" ${GUARD_STREAMS:-60} \
    >"$tmp/out" 2>&1
rc=$?
tap_from "$tmp/out"
t $rc "proxy_guard.py exits 0"
