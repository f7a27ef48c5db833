# clients.sh - the real-client checks in shell, shared by tests/t_serve.sh (against
# `imapguard serve`) and tests/t_proxy_clients.sh (against `imapguard proxy` in front of
# Dovecot, and serve again): curl and mbsync, with the demo account and the sample mail
# (tests/dovecot/Maildir holds the same mail as the reference backend), checking the
# results, not only exit codes. The caller defines t (one TAP line: t STATUS WHAT) and
# $tmp (a private temporary directory). Check names get the prefix $who when set.

c() { curl -sS -k --max-time 10 "$@" 2>&1; }

# curl_suite PLAIN_PORT TLS_PORT: imap:// with STARTTLS (--ssl-reqd) and imaps://: list
# mailboxes, fetch by UID, search, append a file, -X 'UID STORE ...'; and no login
# without TLS (LOGINDISABLED, the default of serve and proxy)
curl_suite() {
    plain=$1 tls=$2
    out=$(c --ssl-reqd "imap://demo:demo@127.0.0.1:$plain/")
    echo "$out" | grep -q '"/" Lists/imap' && echo "$out" | grep -q ' INBOX'
    t $? "${who:-}curl imap:// STARTTLS: LIST shows the sample mailboxes"
    out=$(c "imaps://demo:demo@127.0.0.1:$tls/INBOX;UID=2;SECTION=HEADER.FIELDS%20(SUBJECT)")
    echo "$out" | grep -q 'Subject: Lunch on Friday?'
    t $? "${who:-}curl imaps://: fetch a header field by UID"
    out=$(c "imaps://demo:demo@127.0.0.1:$tls/INBOX" -X 'SEARCH FROM "alice"')
    echo "$out" | grep -q '^\* SEARCH [0-9]'
    t $? "${who:-}curl: SEARCH FROM finds mail"
    printf 'From: curl@example.org\r\nSubject: sent with curl\r\n\r\nbody\r\n' >"$tmp/m.eml"
    c --ssl-reqd "imap://demo:demo@127.0.0.1:$plain/Lists" -T "$tmp/m.eml" >/dev/null
    out=$(c "imaps://demo:demo@127.0.0.1:$tls/Lists" -X 'SEARCH SUBJECT "sent with curl"')
    echo "$out" | grep -q '^\* SEARCH [0-9]'
    t $? "${who:-}curl: APPEND a file, then SEARCH finds it"
    out=$(c "imaps://demo:demo@127.0.0.1:$tls/INBOX" -X 'UID STORE 3 +FLAGS (\Answered)')
    echo "$out" | grep -q 'UID 3 FLAGS (.*\\Answered'
    t $? "${who:-}curl -X 'UID STORE ...': the new flags come back"
    out=$(c "imap://demo:demo@127.0.0.1:$plain/")
    [ -z "$(echo "$out" | grep INBOX)" ]
    t $? "${who:-}curl without TLS cannot log in (LOGINDISABLED)"
}

# mbsync_suite PLAIN_PORT TLS_PORT CERT_FILE: a two-way sync of a Maildir (isync) over
# STARTTLS, then a second run that changes nothing on either side
mbsync_suite() {
    plain=$1 tls=$2 cert=$3
    if ! command -v mbsync >/dev/null; then
        n=$((n + 1))
        echo "ok $n # skip mbsync missing (apt install isync)"
        return
    fi
    rm -rf "$tmp/mail"
    mkdir -p "$tmp/mail"
    cat >"$tmp/mbsyncrc" <<EOR
IMAPAccount server
Host 127.0.0.1
Port $plain
User demo
Pass demo
SSLType STARTTLS
CertificateFile $cert

IMAPStore remote
Account server

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
    timeout 60 mbsync -c "$tmp/mbsyncrc" sync >"$tmp/mbsync.out" 2>&1
    rc=$?
    [ $rc = 0 ] && [ "$(ls "$tmp/mail/Lists/imap/cur" "$tmp/mail/Lists/imap/new" | grep -c ',U=')" -ge 1 ] &&
        [ "$(ls "$tmp/mail/INBOX/cur" "$tmp/mail/INBOX/new" | grep -c ',U=')" -ge 3 ]
    t $? "${who:-}mbsync: the server's mailboxes arrive in the local Maildir"
    printf 'From: local@example.org\r\nSubject: made locally\r\n\r\nhi\r\n' \
        >"$tmp/mail/INBOX/new/1700000000.local1.host:2,F"
    timeout 60 mbsync -c "$tmp/mbsyncrc" sync >>"$tmp/mbsync.out" 2>&1
    out=$(c "imaps://demo:demo@127.0.0.1:$tls/INBOX" -X 'SEARCH SUBJECT "made locally" FLAGGED')
    echo "$out" | grep -q '^\* SEARCH [0-9]'
    t $? "${who:-}mbsync: a local message (flagged) is uploaded to the server"
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
    t $? "${who:-}mbsync: a second run changes nothing on either side"
}
