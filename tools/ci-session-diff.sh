#!/bin/sh
# ci-session-diff.sh - CI step (issue 10 item 2): the session differential against a
# real Dovecot. tools/dovecot.sh starts a throwaway Dovecot with the fixture mail in
# build/session-diff, tools/session_diff.py replays every corpus/session stream against
# it (fresh mail per connection) and through `imapguard replay --maildir` with the same
# mail, prints the (state, command) table and fails on a difference that
# tests/dovecot/session-diff.expected does not explain; Dovecot is stopped again.
set -u
cd "$(dirname "$0")/.."
dir=build/session-diff
sh tools/dovecot.sh start "$dir" || exit 1
python3 tools/session_diff.py --jobs "${JOBS:-4}" --table build/session-diff.txt "$dir" \
    build/imapguard tests/dovecot/Maildir tests/dovecot/session-diff.expected corpus/session/*
rc=$?
sh tools/dovecot.sh stop "$dir"
exit $rc
