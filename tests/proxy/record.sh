#!/bin/sh
# record.sh - records the client sessions of the transparency test (issue 12): real
# clients (curl, Python's imaplib, mbsync) talk to a throwaway Dovecot with the fixture
# mail (tools/dovecot.sh) through tools/recorder.py, and every byte each client sent is
# kept as tests/proxy/sessions/CASE/N.up (N = the connection's order within the case).
# tests/t_proxy_transparency.sh replays each case against Dovecot directly and through
# `imapguard proxy`, each on a fresh copy of the fixture, and compares the responses.
# The recordings are the data; this script is how they were made. Plaintext (the
# fixture Dovecot has no TLS), so the proxy side runs with --plaintext-login.
# Run by hand from the repository root: sh tests/proxy/record.sh (needs root for
# Dovecot's mail user, like tools/dovecot.sh; nothing leaves 127.0.0.1).
set -eu
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d /tmp/igrecord.XXXXXX)
chmod 755 "$tmp"
rpid=
cleanup() {
    [ -n "$rpid" ] && kill "$rpid" 2>/dev/null
    sh tools/dovecot.sh stop "$tmp/dovecot"
    rm -rf "$tmp"
}
trap cleanup EXIT
sh tools/dovecot.sh start "$tmp/dovecot" >/dev/null
dport=$(sh tools/dovecot.sh port "$tmp/dovecot")
out=tests/proxy/sessions
rm -rf "$out"
mkdir -p "$out"

# case NAME CMD...: one recorder for the case, the commands run one after the other
case_() {
    name=$1
    shift
    rm -rf "$tmp/rec" "$tmp/err"
    python3 tools/recorder.py --upstream "127.0.0.1:$dport" --out "$tmp/rec" 2>"$tmp/err" &
    rpid=$!
    until grep -q listening "$tmp/err" 2>/dev/null; do sleep 0.05; done
    port=$(sed -n 's/.*listening on 127.0.0.1:\([0-9]*\)/\1/p' "$tmp/err")
    for cmd in "$@"; do
        eval "$cmd" >>"$tmp/client.log" 2>&1 || { echo "record.sh: $name: '$cmd' failed" >&2; cat "$tmp/client.log" >&2; exit 1; }
    done
    sleep 0.3
    kill "$rpid"
    wait "$rpid" 2>/dev/null || true
    rpid=
    mkdir -p "$out/$name"
    for f in "$tmp/rec"/*.up; do cp "$f" "$out/$name/"; done
    echo "recorded $out/$name ($(ls "$out/$name" | wc -l) connections)"
}

c() { curl -sS --max-time 10 -u demo:demo "$@"; }
printf 'From: curl@example.org\r\nSubject: sent with curl\r\n\r\nbody\r\n' >"$tmp/m.eml"
case_ curl-list 'c "imap://127.0.0.1:$port/"'
case_ curl-fetch-uid 'c "imap://127.0.0.1:$port/INBOX;UID=2"' \
    'c "imap://127.0.0.1:$port/INBOX;UID=2;SECTION=HEADER.FIELDS%20(SUBJECT)"'
case_ curl-search 'c "imap://127.0.0.1:$port/INBOX" -X "SEARCH FROM \"alice\""'
case_ curl-append 'c "imap://127.0.0.1:$port/Lists" -T "$tmp/m.eml"' \
    'c "imap://127.0.0.1:$port/Lists" -X "SEARCH SUBJECT \"sent with curl\""'
case_ curl-uid-store 'c "imap://127.0.0.1:$port/INBOX" -X "UID STORE 3 +FLAGS (\\Answered)"'
case_ imaplib-life 'python3 tests/proxy/record_imaplib.py 127.0.0.1 $port life'
case_ imaplib-authenticate 'python3 tests/proxy/record_imaplib.py 127.0.0.1 $port authenticate'

mkdir -p "$tmp/mail"
cat >"$tmp/mbsyncrc" <<EOR
IMAPAccount dovecot
Host 127.0.0.1
Port @PORT@
User demo
Pass demo
SSLType None
AuthMechs LOGIN

IMAPStore remote
Account dovecot

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
EOR
mb() {
    sed "s/@PORT@/$port/" "$tmp/mbsyncrc" >"$tmp/mbsyncrc.p"
    timeout 60 mbsync -c "$tmp/mbsyncrc.p" sync
}
upload() {
    printf 'From: local@example.org\r\nSubject: made locally\r\n\r\nhi\r\n' \
        >"$tmp/mail/INBOX/new/1700000000.local1.host:2,F"
}
case_ mbsync 'mb' 'upload' 'mb' 'mb'
