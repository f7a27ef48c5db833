#!/bin/sh
# record.sh - records real Dovecot server->client transcripts for the response reader
# (issue 11): tools/dovecot.sh (the one Dovecot starter) starts a throwaway dovecot
# (dovecot-imapd) on a loopback port; this script adds its own user "tester" / "pw"
# with an empty Maildir (mail user "nobody" as root: unprivileged), fills its INBOX
# with two messages and creates Sent, runs the client scripts of tests/dovecot/*.cmd
# through tests/dovecot/client.py and writes each server byte stream to
# tests/dovecot/NAME.s (committed; the seeds in corpus/response/dovecot-NAME are those
# files with the target's config bytes).
# Run by hand: sh tests/dovecot/record.sh (nothing leaves 127.0.0.1). The transcripts
# are the data: this script is how they were made.
set -eu
cd "$(dirname "$0")/../.."
T=$(mktemp -d /tmp/igdove.XXXXXX)
chmod 755 "$T"
D=$T/dovecot
stop() { sh tools/dovecot.sh stop "$D"; rm -rf "$T"; }
trap stop EXIT
sh tools/dovecot.sh start "$D"
PORT=$(sh tools/dovecot.sh port "$D")
# the user of the transcripts, next to the fixture's demo user: its own home and mail
# (userdb_mail overrides the fixture's mail_location); passwd-file is read again when
# it changes
ids=$(sed -n 's/^demo:[^:]*:\([0-9]*\):\([0-9]*\):.*/\1:\2/p' "$D/users")
mkdir -p "$T/home/Maildir"
chown -R "$ids" "$T/home"
echo "tester:{PLAIN}pw:$ids::$T/home::userdb_mail=maildir:~/Maildir" >>"$D/users"
for m in tests/dovecot/msg*.eml; do
    doveadm -c "$D/dovecot.conf" save -u tester -m INBOX <"$m"
done
doveadm -c "$D/dovecot.conf" mailbox create -u tester Sent
for c in tests/dovecot/*.cmd; do
    name=$(basename "$c" .cmd)
    python3 tests/dovecot/client.py 127.0.0.1 "$PORT" "$c" >"tests/dovecot/$name.s"
    echo "recorded tests/dovecot/$name.s ($(wc -c <"tests/dovecot/$name.s") bytes)"
done
