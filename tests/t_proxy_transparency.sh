#!/bin/sh
# live-servers (starts Dovecot, the proxy or serve: skipped when IG_CHECK_SKIP_LIVE=1, see tests/run.sh)
# t_proxy_transparency.sh - issue 12 "Transparency": the client sessions recorded from
# real clients (tests/proxy/sessions/, made by tests/proxy/record.sh) are replayed
# against a throwaway Dovecot directly and through `imapguard proxy --plaintext-login`,
# each on a fresh copy of the fixture Maildir; the normalised responses must be equal
# (tests/imapreplay.py names every normalisation and why). Also:
#  - fault "Dovecot slow": a proxy whose upstream is tools/recorder.py --trickle
#    (Dovecot's bytes one per segment): the same responses;
#  - the check's own checks: a relay that changes one response ("Logged in" becomes
#    "Logged on") must make the comparison fail, and the same session twice directly
#    must compare equal (the normalisations are enough).
# Without the proxy subcommand (branch proxy not merged) its lines are skipped, visibly.
cd "$(dirname "$0")/.." || exit 1
. tests/proxy/lib.sh
needs_dovecot
start_dovecot
start_recorder mutant "$dport" --replace 'Logged in=Logged on'
ways="mutant=$rport:imaplib-life"
if have_proxy; then
    start_proxy proxy "$dport" --plaintext-login
    ways="$ways proxy=$pport"
    start_recorder slow "$dport" --trickle 0.0002
    start_proxy trickle "$rport" --plaintext-login
    ways="$ways trickle=$pport:curl-fetch-uid"
else
    skip "transparency through imapguard proxy: this imapguard has no proxy subcommand (branch proxy not merged)"
fi
python3 tests/proxy_transparency.py "$dovecot_dir" "$fresh" tests/proxy/sessions "$dport" \
    $ways --expect-differ mutant >"$tmp/out" 2>&1
rc=$?
tap_from "$tmp/out"
t $rc "proxy_transparency.py exits 0"
