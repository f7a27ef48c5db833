#!/bin/sh
# record.sh - records real Dovecot server->client transcripts for the response reader
# (issue 11): starts a throwaway dovecot (dovecot-imapd) on a loopback port with a temp
# config, mail user "nobody" (unprivileged), fills INBOX with two messages, runs the
# client scripts of tests/dovecot/*.cmd through tests/dovecot/client.py and writes each
# server byte stream to tests/dovecot/NAME.s (committed; the seeds in
# corpus/response/dovecot-NAME are those files with the target's config bytes).
# Run by hand: sh tests/dovecot/record.sh (needs root to start dovecot; nothing leaves
# 127.0.0.1). The transcripts are the data: this script is how they were made.
set -eu
cd "$(dirname "$0")/../.."
T=$(mktemp -d /tmp/igdove.XXXXXX)
PORT=${PORT:-$((20000 + $$ % 20000))}
chmod 755 "$T"
mkdir -p "$T/home/Maildir" "$T/run" "$T/state"
chown -R nobody:nogroup "$T/home"
echo "tester:{PLAIN}pw:$(id -u nobody):$(id -g nobody)::$T/home::" >"$T/users"
cat >"$T/dovecot.conf" <<CONF
base_dir = $T/run
state_dir = $T/state
log_path = $T/log
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
mail_location = maildir:~/Maildir
passdb {
  driver = passwd-file
  args = $T/users
}
userdb {
  driver = passwd-file
  args = $T/users
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $PORT
  }
  inet_listener imaps {
    port = 0
  }
}
service stats {
  unix_listener stats-writer {
    mode = 0666
  }
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox Sent {
    special_use = \Sent
    auto = create
  }
}
CONF
stop() { doveadm -c "$T/dovecot.conf" stop >/dev/null 2>&1 || true; rm -rf "$T"; }
trap stop EXIT
dovecot -c "$T/dovecot.conf" </dev/null >>"$T/log" 2>&1
for i in $(seq 1 50); do [ -S "$T/run/auth-userdb" ] && break; sleep 0.1; done
for m in tests/dovecot/msg*.eml; do
    doveadm -c "$T/dovecot.conf" save -u tester -m INBOX <"$m"
done
for c in tests/dovecot/*.cmd; do
    name=$(basename "$c" .cmd)
    python3 tests/dovecot/client.py 127.0.0.1 "$PORT" "$c" >"tests/dovecot/$name.s"
    echo "recorded tests/dovecot/$name.s ($(wc -c <"tests/dovecot/$name.s") bytes)"
done
