#!/bin/sh
# t_replay.sh - contract tests of `imapguard replay` (its output is what scripts and CI
# compare): golden transcripts at several --chunk and --output-buffer settings, the
# --trace JSON lines, STARTTLS with --after-tls (pipelined plaintext discarded and
# counted), --maildir with a Maildir++ built here, --user, exit statuses, --help.
# Prints TAP.
#
# Golden files (tests/replay/): NAME.imap is the client->server stream, NAME.out the
# exact server bytes; NAME.opts holds the options of every run of the case, NAME.tls
# the bytes sent after STARTTLS (--after-tls). The .out files are hand-checked
# transcripts (RFC 9051 and the sample mail of backend/samples.c), not recordings to
# refresh blindly: review every changed line before committing it.
#
# Run from the repository root: sh tests/t_replay.sh (make check does). Uses
# build/asan/imapguard when it exists, else build/imapguard.

if [ ! -d tests/replay ]; then
    cd "$(dirname "$0")/.." || exit 1
fi

BIN=build/asan/imapguard
[ -x "$BIN" ] || BIN=build/imapguard
CASES=tests/replay

n=0
failed=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/t_replay.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'rm -rf "$tmp"; exit 1' HUP INT TERM

ok() {
    n=$((n + 1))
    echo "ok $n - $1"
}

not_ok() {
    n=$((n + 1))
    failed=$((failed + 1))
    echo "not ok $n - $1"
}

check() {
    if [ "$1" -eq 0 ]; then ok "$2"; else not_ok "$2"; fi
}

show_diff() {
    echo "< expected, > got" | sed 's/^/#   /'
    diff "$1" "$2" | head -n 20 | tr -d '\r' | sed 's/^/#   /'
}

if [ ! -x "$BIN" ]; then
    echo "not ok 1 - no imapguard binary (run make check or make first)"
    echo "1..1"
    exit 1
fi

have_python=0
command -v python3 >/dev/null 2>&1 && have_python=1
# The leak check at exit runs once per case (the default feeding); the repeated runs
# allocate the same.
ASAN_QUICK="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

# ---- golden transcripts, at every feeding ----
for in in "$CASES"/*.imap; do
    name=$(basename "$in" .imap)
    base="$CASES/$name"
    opts=""
    [ -f "$base.opts" ] && opts=$(cat "$base.opts")
    tls=""
    [ -f "$base.tls" ] && tls="--after-tls $base.tls"
    # shellcheck disable=SC2086
    "$BIN" replay $opts $tls "$in" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ $rc -eq 0 ] && cmp -s "$base.out" "$tmp/out"; then
        ok "$name: transcript"
    else
        not_ok "$name: transcript (exit $rc)"
        show_diff "$base.out" "$tmp/out"
        sed 's/^/#   /' "$tmp/err" | head -n 5
    fi
    for feed in "--chunk 1" "--chunk 3" "--chunk 7" "--chunk 64" "--output-buffer 256" \
                "--chunk 5 --output-buffer 300"; do
        # shellcheck disable=SC2086
        ASAN_OPTIONS=$ASAN_QUICK "$BIN" replay $opts $tls $feed "$in" >"$tmp/out" 2>/dev/null
        if cmp -s "$base.out" "$tmp/out"; then
            ok "$name: same transcript with $feed"
        else
            not_ok "$name: same transcript with $feed"
            show_diff "$base.out" "$tmp/out"
        fi
    done
done

# ---- standard input ----
ASAN_OPTIONS=$ASAN_QUICK "$BIN" replay --plaintext-login - <"$CASES/tour.imap" >"$tmp/out" 2>/dev/null
cmp -s "$CASES/tour.out" "$tmp/out"
check $? "reads standard input ('-')"
ASAN_OPTIONS=$ASAN_QUICK "$BIN" replay --plaintext-login <"$CASES/tour.imap" >"$tmp/out" 2>/dev/null
cmp -s "$CASES/tour.out" "$tmp/out"
check $? "reads standard input (no FILE)"

# ---- --trace ----
"$BIN" replay --user mrc:secret --after-tls "$CASES/rfc9051-sample.tls" --trace \
    "$CASES/rfc9051-sample.imap" >"$tmp/out" 2>"$tmp/trace"
check $? "--trace: exit 0"
cmp -s "$CASES/rfc9051-sample.out" "$tmp/out"
check $? "--trace does not change standard output"
# after "a000 starttls", the 42 bytes of pipelined plaintext (A001 LOGIN, a002 select) are
# discarded
if grep -q '^{"event":"starttls","discarded":42}$' "$tmp/trace"; then
    ok "--trace: one starttls event with the discarded plaintext bytes (42)"
else
    not_ok "--trace: one starttls event with the discarded plaintext bytes (42)"
    sed 's/^/#   /' "$tmp/trace" | head -n 5
fi
[ "$(grep -c '"event":"starttls"' "$tmp/trace")" = 1 ]
check $? "--trace: exactly one starttls event"
! grep -q '"tag":"A001","command":"LOGIN"' "$tmp/trace"
check $? "--trace: the pipelined plaintext LOGIN never ran"
tail -n 1 "$tmp/trace" | grep -q '^{"event":"close"}$'
check $? "--trace: the close event comes last"
grep -q '^{"event":"command","tag":"babc","command":"ENABLE","state_before":"AUTH","state_after":"AUTH","status":"OK"}$' "$tmp/trace"
check $? "--trace: a command line has tag, command, states and status"
grep -q '"tag":"a002","command":"SELECT","state_before":"AUTH","state_after":"SELECTED","status":"OK"' "$tmp/trace"
check $? "--trace: SELECT moves AUTH -> SELECTED"
! grep -q 'secret' "$tmp/trace"
check $? "--trace: the LOGIN password never appears"
printf 'a AUTHENTICATE PLAIN AG1yYwBzZWNyZXQ=\r\n' |
    "$BIN" replay --tls --user mrc:secret --trace >"$tmp/out3" 2>"$tmp/trace3"
printf 'a AUTHENTICATE LOGIN\r\nbXJj\r\nc2VjcmV0\r\n' |
    "$BIN" replay --tls --user mrc:secret --trace >>"$tmp/out3" 2>>"$tmp/trace3"
[ "$(grep -c '^a OK' "$tmp/out3")" = 2 ] && ! grep -q 'secret\|AG1yYwBzZWNyZXQ\|c2VjcmV0\|bXJj' "$tmp/trace3"
check $? "--trace: AUTHENTICATE PLAIN / LOGIN credentials (raw or base64) never appear"
for c in 1 2 13; do
    ASAN_OPTIONS=$ASAN_QUICK "$BIN" replay --user mrc:secret --after-tls "$CASES/rfc9051-sample.tls" \
        --trace --chunk $c "$CASES/rfc9051-sample.imap" >/dev/null 2>"$tmp/trace$c"
    cmp -s "$tmp/trace" "$tmp/trace$c"
    check $? "--trace output is the same with --chunk $c"
done
"$BIN" replay --trace "$CASES/logindisabled.imap" >/dev/null 2>"$tmp/trace2"
grep -q '^{"event":"command","tag":"b","command":"LOGIN","state_before":"NOT_AUTH","state_after":"NOT_AUTH","status":"NO"}$' "$tmp/trace2"
check $? "--trace: a refused LOGIN (status NO)"
grep -q '^{"event":"starttls","discarded":19}$' "$tmp/trace2"
check $? "--trace: STARTTLS without --after-tls reports the discarded bytes (19)"
printf 'x\r\n1 NOOP extra\r\n\r\n' | "$BIN" replay --trace >/dev/null 2>"$tmp/trace3"
grep -q '^{"event":"command","tag":"1","command":"NOOP","state_before":"NOT_AUTH","state_after":"NOT_AUTH","status":"BAD"}$' "$tmp/trace3" &&
    grep -q '"tag":null' "$tmp/trace3"
check $? "--trace: a syntax error (BAD) and an empty line (tag null)"
if [ $have_python = 1 ]; then
    cat "$tmp/trace" "$tmp/trace2" "$tmp/trace3" >"$tmp/all"
    "$BIN" replay --plaintext-login --trace "$CASES/tour.imap" >/dev/null 2>>"$tmp/all"
    python3 - "$tmp/all" <<'EOF'
import json, sys
states = {"NOT_AUTH", "AUTH", "SELECTED", "LOGOUT"}
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
assert len(lines) > 40, len(lines)
for line in lines:
    ev = json.loads(line)
    if ev["event"] == "command":
        assert set(ev) == {"event", "tag", "command", "state_before", "state_after", "status"}, ev
        assert ev["tag"] is None or isinstance(ev["tag"], str), ev
        assert isinstance(ev["command"], str) and ev["command"], ev
        assert ev["state_before"] in states and ev["state_after"] in states, ev
        assert ev["status"] in ("OK", "NO", "BAD", None), ev
    elif ev["event"] == "starttls":
        assert set(ev) == {"event", "discarded"} and isinstance(ev["discarded"], int), ev
    else:
        assert ev == {"event": "close"}, ev
EOF
    check $? "--trace: every line is JSON with the documented members (python3)"
else
    ok "--trace JSON validation # SKIP no python3"
fi

# ---- --maildir, --user ----
md="$tmp/Maildir"
mkdir -p "$md/cur" "$md/new" "$md/tmp" "$md/.Work.2024/cur" "$md/.Work.2024/new" "$md/.Trash/cur"
printf 'Subject: old\nFrom: a@example.org\n\nread me\n' >"$md/cur/100.M1.host:2,S"
printf 'Subject: flagged\n\nimportant\n' >"$md/cur/200.M2.host:2,FRa"
printf 'Subject: fresh\n\nnew mail\n' >"$md/new/300.M3.host"
printf '0 $Label1\n' >"$md/dovecot-keywords"
printf 'Subject: project\n\nwork\n' >"$md/.Work.2024/new/400.M4.host"
printf 'a LOGIN alice pw\r\nb LIST "" *\r\nc SELECT INBOX\r\nd FETCH 1:* (UID FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])\r\ne STATUS Work/2024 (MESSAGES UNSEEN)\r\nf LOGIN demo demo\r\ng LOGOUT\r\n' >"$tmp/md.imap"
printf '%s\r\n' \
    '* OK [CAPABILITY IMAP4rev1 IMAP4rev2 LITERAL- STARTTLS AUTH=PLAIN AUTH=LOGIN SASL-IR ENABLE IDLE ID UNSELECT MULTIAPPEND] ready' \
    'a OK authenticated' \
    '* LIST (\HasNoChildren) "/" INBOX' \
    '* LIST (\HasNoChildren \Trash) "/" Trash' \
    '* LIST (\HasChildren) "/" Work' \
    '* LIST (\HasNoChildren) "/" Work/2024' \
    'b OK LIST completed' \
    '* FLAGS (\Answered \Flagged \Deleted \Seen \Draft $Label1)' \
    '* 3 EXISTS' \
    '* OK [UNSEEN 2] first unseen' \
    '* 3 RECENT' \
    '* OK [UIDVALIDITY 1700000000] UIDs valid' \
    '* OK [UIDNEXT 4] predicted next UID' \
    '* OK [PERMANENTFLAGS (\Answered \Flagged \Deleted \Seen \Draft $Label1 \*)] limited' \
    'c OK [READ-WRITE] SELECT completed' \
    '* 1 FETCH (UID 1 FLAGS (\Seen) BODY[HEADER.FIELDS (SUBJECT)] {16}' \
    'Subject: old' \
    '' \
    ')' \
    '* 2 FETCH (UID 2 FLAGS (\Answered \Flagged $Label1) BODY[HEADER.FIELDS (SUBJECT)] {20}' \
    'Subject: flagged' \
    '' \
    ')' \
    '* 3 FETCH (UID 3 FLAGS () BODY[HEADER.FIELDS (SUBJECT)] {18}' \
    'Subject: fresh' \
    '' \
    ')' \
    'd OK FETCH completed' \
    '* STATUS Work/2024 (MESSAGES 1 UNSEEN 1)' \
    'e OK STATUS completed' \
    'f BAD command not valid in this state' \
    '* BYE logging out' \
    'g OK LOGOUT completed' >"$tmp/md.want"
"$BIN" replay --maildir "$md" --user alice:pw --user bob:x --plaintext-login "$tmp/md.imap" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 0 ] && cmp -s "$tmp/md.want" "$tmp/out"; then
    ok "--maildir: Maildir++ folders, flags, keywords, UID order, LF made CRLF"
else
    not_ok "--maildir: Maildir++ folders, flags, keywords, UID order, LF made CRLF (exit $rc)"
    show_diff "$tmp/md.want" "$tmp/out"
fi
printf 'a LOGIN bob x\r\nb STATUS INBOX (MESSAGES)\r\n' |
    "$BIN" replay --maildir "$md" --user alice:pw --user bob:x --plaintext-login >"$tmp/out" 2>&1
grep -q '^\* STATUS INBOX (MESSAGES 3)' "$tmp/out"
check $? "--maildir is loaded for every --user account"
printf 'a LOGIN demo demo\r\n' | "$BIN" replay --user alice:pw --plaintext-login >"$tmp/out" 2>&1
grep -q '^a NO \[AUTHENTICATIONFAILED\]' "$tmp/out"
check $? "--user replaces the demo account"
printf 'a LOGIN alice pw\r\nb STATUS INBOX (MESSAGES)\r\n' | "$BIN" replay --user alice:pw --plaintext-login >"$tmp/out" 2>&1
grep -q '^\* STATUS INBOX (MESSAGES 4)' "$tmp/out"
check $? "--user without --maildir gets the sample mail"
printf 'a LOGIN demo demo\r\nb LIST "" *\r\n' | "$BIN" replay --tls >"$tmp/out" 2>&1
grep -q '^\* LIST (\\HasNoChildren) "/" Lists/imap' "$tmp/out" && ! grep -q STARTTLS "$tmp/out"
check $? "--tls: no STARTTLS offered, login allowed; the demo account and sample mailboxes"

# ---- exit statuses, --help ----
"$BIN" replay --help >"$tmp/help" 2>&1
rc=$?
[ $rc -eq 0 ]
check $? "--help exits 0"
missing=""
for word in --user --maildir --chunk --after-tls --tls --plaintext-login --trace --output-buffer \
    --appendlimit demo LOGINDISABLED '"event":"starttls"' '"discarded"' state_before Exit \
    surrogateescape; do
    grep -q -e "$word" "$tmp/help" || missing="$missing $word"
done
[ -z "$missing" ]
check $? "--help documents every option, the demo account and the trace${missing:+ (missing:$missing)}"
"$BIN" replay "$tmp/does-not-exist" >/dev/null 2>&1
[ $? -eq 2 ]
check $? "an unreadable FILE exits 2"
"$BIN" replay --bogus </dev/null >/dev/null 2>&1
[ $? -eq 2 ]
check $? "an unknown option exits 2"
"$BIN" replay --chunk 0 </dev/null >/dev/null 2>&1
[ $? -eq 2 ]
check $? "--chunk 0 exits 2"
"$BIN" replay --user nocolon </dev/null >/dev/null 2>&1
[ $? -eq 2 ]
check $? "--user without a colon exits 2"
"$BIN" replay --maildir "$tmp/none" </dev/null >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "not a Maildir" "$tmp/err"
check $? "--maildir on a non-Maildir exits 2 with a message"
"$BIN" replay --after-tls "$tmp/none" </dev/null >/dev/null 2>&1
[ $? -eq 2 ]
check $? "an unreadable --after-tls FILE exits 2"
printf 'a LOGIN demo' | "$BIN" replay --plaintext-login >"$tmp/out" 2>/dev/null
[ $? -eq 0 ] && [ "$(wc -l <"$tmp/out")" -eq 1 ]
check $? "a stream ending inside a command exits 0 (only the greeting was sent)"

echo "1..$n"
[ $failed -eq 0 ]
