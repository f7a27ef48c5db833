#!/bin/sh
# ci-dovecot.sh - CI step: tools/dovecot.sh starts a throwaway Dovecot with the fixture
# mail (tests/dovecot/), curl (a real client) reads the same INBOX from it that
# `imapguard replay --maildir tests/dovecot/Maildir` serves, and it stops again.
set -u
cd "$(dirname "$0")/.."
sh tools/dovecot.sh start || exit 1
port=$(sh tools/dovecot.sh port)
dv=$(curl -s --max-time 10 -u demo:demo "imap://127.0.0.1:$port/INBOX" -X "STATUS INBOX (MESSAGES UNSEEN)" | tr -d '\r')
sh tools/dovecot.sh stop
ig=$(printf 'a LOGIN demo demo\r\nb STATUS INBOX (MESSAGES UNSEEN)\r\n' |
    build/imapguard replay --maildir tests/dovecot/Maildir --plaintext-login --user demo:demo |
    grep '^\* STATUS' | tr -d '\r')
echo "dovecot:   $dv"
echo "imapguard: $ig"
[ -n "$dv" ] && [ "$dv" = "$ig" ]
