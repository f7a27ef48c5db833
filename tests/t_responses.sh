#!/bin/sh
# t_responses.sh - contract tests of `imapguard parse --responses`: text and --json
# output, independence from --chunk, exit statuses, --starttls. Expected values are
# written from the input bytes below; the JSON is read back by python3's json module
# (an independent reader) when python3 is there. Prints TAP.
if [ ! -d tests ]; then
    cd "$(dirname "$0")/.." || exit 1
fi
BIN=build/asan/imapguard
[ -x "$BIN" ] || BIN=build/imapguard
n=0
check() {
    n=$((n + 1))
    if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

printf '* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n+ go\r\n* 2 FETCH (UID 9 BODY[] {5}\r\nhello)\r\n* LIST (\\Noselect) "/" foo\r\na1 OK [UIDNEXT 44] done\r\n' >"$tmp/in"
cat >"$tmp/want.txt" <<'TXT'
* OK [CAPABILITY IMAP4rev1 STARTTLS] ready
+ go
* 2 FETCH (UID 9 BODY[] "hello")
* LIST (\Noselect) "/" foo
a1 OK [UIDNEXT 44] done
TXT
"$BIN" parse --responses "$tmp/in" >"$tmp/got.txt"
rc=$?
cmp -s "$tmp/got.txt" "$tmp/want.txt"
check $? "text output: one canonical line per response"
[ "$rc" = 0 ]
check $? "exit status 0 at a response boundary"

same=0
"$BIN" parse --responses --json "$tmp/in" >"$tmp/whole.json"
for c in 1 2 3 7; do
    "$BIN" parse --responses --json --chunk $c "$tmp/in" >"$tmp/c.json"
    cmp -s "$tmp/whole.json" "$tmp/c.json" || same=1
done
check $same "--json output is the same for --chunk 1, 2, 3, 7"

if command -v python3 >/dev/null; then
    python3 - "$tmp/whole.json" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert len(rows) == 5, rows
assert rows[0]["kind"] == "STATUS" and rows[0]["status"] == "OK"
assert rows[0]["code"]["code"] == "CAPABILITY" and rows[0]["code"]["list"] == ["IMAP4rev1", "STARTTLS"]
assert rows[1]["kind"] == "CONTINUE" and rows[1]["text"] == "go"
f = rows[2]
assert f["data"] == "FETCH" and f["number"] == 2 and f["typed"]["uid"] == 9
assert f["args"][0][3] == {"string": "hello"} and f["offset"] == 50 and f["length"] == 37
l = rows[3]["typed"]
assert l == {"attributes": ["\\Noselect"], "delimiter": "/", "mailbox": "foo"}, l
t = rows[4]
assert t["tag"] == "a1" and t["code"]["code"] == "UIDNEXT" and t["code"]["value"] == 44
assert t["text"] == "done" and t["offset"] + t["length"] == 140
assert f["raw"] == "* 2 FETCH (UID 9 BODY[] {5}\r\nhello)\r\n", f["raw"]
PY
    check $? "--json members hold the values written in the input (read back by python3)"
else
    echo "ok $((n = n + 1)) - --json members # SKIP no python3"
fi

printf '* OK hi\r\n* 1 FETCH (BODY[] {5}\r\nhe' | "$BIN" parse --responses >"$tmp/o" 2>&1
[ $? = 1 ] && [ "$(cat "$tmp/o")" = "* OK hi" ]
check $? "a stream ending inside a response: the responses before it, exit status 1"

printf '* OK hi\r\n* OK a\0b\r\n* OK later\r\n' | "$BIN" parse --responses >"$tmp/o" 2>&1
[ $? = 1 ] && [ "$(sed -n 2p "$tmp/o")" = "ERROR IG_E_SYNTAX @15 NUL in text" ] && [ "$(wc -l <"$tmp/o")" = 2 ]
check $? "an error stops the reader: ERROR line with offset and reason, exit status 1"

printf 'S1 OK begin TLS\r\n* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] injected\r\n' |
    "$BIN" parse --responses --json --starttls S1 >"$tmp/o" 2>&1
[ $? = 1 ] && grep -q '"tls":true' "$tmp/o" && grep -q '"code":"IG_E_FATAL"' "$tmp/o" &&
    ! grep -q injected "$tmp/o"
check $? "--starttls: the injected response after the OK is refused, never printed"

# Lossless (issue 11): the "raw" member of every entry gives back the exact bytes of
# the stream over the whole response corpus (the fuzz inputs without their 3 leading
# configuration bytes), its regression inputs and the Dovecot transcripts; the checks
# are in tests/responses_lossless.py. A process per input: the plain build when there.
if command -v python3 >/dev/null; then
    LBIN=build/imapguard
    [ -x "$LBIN" ] || LBIN=$BIN
    python3 tests/responses_lossless.py "$LBIN" "corpus/response=3:corpus/response" \
        "corpus/regress/response=3:corpus/regress/response" \
        "Dovecot transcripts=0:tests/dovecot/session.s:tests/dovecot/errors.s" >"$tmp/lossless"
    while read -r line; do
        case $line in
        "ok "*) check 0 "--json raw: ${line#ok [0-9]* - }" ;;
        "not ok "*) check 1 "--json raw: ${line#not ok [0-9]* - }" ;;
        "#"*) echo "$line" ;;
        esac
    done <"$tmp/lossless"
else
    echo "ok $((n = n + 1)) - --json raw # SKIP no python3"
fi

"$BIN" parse --responses --bogus </dev/null >/dev/null 2>&1
[ $? = 2 ]
check $? "a bad option: exit status 2"
echo "1..$n"
