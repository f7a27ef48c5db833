#!/bin/sh
# gen-corpus.sh - (re)generates the seed corpus in corpus/<target>/ from the test suite
# (every test case's input becomes a seed, in the format of each target) and, for the
# literal target, from the table below. Run by `make corpus`; the result is committed.
# corpus/regress/ is never touched: it holds minimized findings, replayed forever.
set -eu
out=${1:-corpus}
for t in command split literal sasl session generate response; do
    mkdir -p "$out/$t" "$out/regress/$t"
    find "$out/$t" -maxdepth 1 -type f -delete
done
# Every test program that knows --dump-seeds (grep for seed_dir_arg in tests/).
for src in $(grep -l seed_dir_arg tests/test_*.c); do
    t=build/test/$(basename "$src" .c)
    [ -x "$t" ] || { echo "gen-corpus: $t is missing (make test-bins)" >&2; exit 1; }
    "$t" --dump-seeds "$out" >/dev/null
done

# The CLI's golden cases too: a configuration byte from NAME.opts, then the stream.
for f in tests/cases/*.imap; do
    [ -f "$f" ] || continue
    name=$(basename "$f" .imap)
    opts=$(cat "tests/cases/$name.opts" 2>/dev/null || true)
    b=0
    case "$opts" in *--lenient-lf*) b=$((b + 1)) ;; esac
    case "$opts" in *--utf8*) b=$((b + 2)) ;; esac
    b=$((b + 12)) # follow: DONE after IDLE, SASL after AUTHENTICATE, like the CLI
    { printf "\\$(printf '%03o' "$b")"; cat "$f"; } > "$out/command/case-$name"
    { printf "\\$(printf '%03o' "$b")\\002\\001\\007"; cat "$f"; } > "$out/split/case-$name"
done

# literal: records of (selector, length, decision) + octets; see fuzz/fuzz_literal.c.
# selector: bits 0-2 form (0 LOGIN, 1 X-LIT list, 2 APPEND with flags, 3 LOGIN with an
# extra argument (invalid), 4 NOOP (invalid), 5 APPEND), bit 3 non-synchronizing,
# bit 4 literal8. decision: bit 0 accept.
lit() { name=$1; shift; printf "$@" > "$out/literal/$name"; }
lit login-sync-accept       '\000\000\003\001bob'
lit login-sync-reject       '\000\000\003\000t1 NOOP\r\n'
lit login-nonsync-command-inside '\000\010\016\001t1 NOOP\r\nt2 X\r\n'
lit append-sync-accept      '\000\002\005\001hello\002\005\001world'
lit append-nonsync-reject   '\000\012\013\000t1 NOOP\r\n\r\n'
lit append-literal8-nul     '\000\032\003\001a\000b'
lit append-nul-in-literal   '\000\012\003\001a\000b'
lit invalid-line-sync       '\000\003\010\001t1 NOOP\r\n'
lit invalid-line-nonsync    '\000\014\010\001t1 NOOP\r\n\004\000\000\001'
lit list-with-literal       '\000\001\004\001(x)'
lit small-limits-over       '\020\000\077\001aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'
lit small-limits-nonsync-over '\020\010\040\001t1 NOOP\r\nt2 NOOP\r\nt3 NOOP\r\nt4 NOOP\r\n'
# sasl: byte 0 flags (1 plaintext login, 2 TLS active, 4 LITERAL+), byte 1 feed size,
# then the client stream (see fuzz/fuzz_sasl.c; the good credentials are bob / s3cret-pw).
sasl() { name=$1; shift; printf "$@" > "$out/sasl/$name"; }
sasl plain-initial-response '\001\000a AUTHENTICATE PLAIN AGJvYgBzM2NyZXQtcHc=\r\nb NOOP\r\n'
sasl plain-exchange         '\001\000a AUTHENTICATE PLAIN\r\nAGJvYgBzM2NyZXQtcHc=\r\nb CAPABILITY\r\n'
sasl plain-bytewise         '\001\001a AUTHENTICATE PLAIN\r\nAGJvYgBzM2NyZXQtcHc=\r\nb LOGOUT\r\n'
sasl login-mechanism        '\001\000a AUTHENTICATE LOGIN\r\nYm9i\r\nczNjcmV0LXB3\r\n'
sasl cancel                 '\001\000a AUTHENTICATE PLAIN\r\n*\r\nb NOOP\r\n'
sasl command-as-response    '\001\000a AUTHENTICATE PLAIN\r\na2 NOOP\r\nb NOOP\r\n'
sasl bad-base64             '\001\000a AUTHENTICATE PLAIN\r\nAG!v\r\nb NOOP\r\n'
sasl nul-in-user            '\001\000a AUTHENTICATE PLAIN AGJvYgB4AHMzY3JldC1wdw==\r\n'
sasl two-rounds             '\001\000a AUTHENTICATE X-TWO\r\ncGFzcw==\r\nb NOOP\r\n'
sasl no-tls-refused         '\000\000a AUTHENTICATE PLAIN AGJvYgBzM2NyZXQtcHc=\r\nb LOGIN bob s3cret-pw\r\n'
sasl starttls-pipelined     '\000\000a STARTTLS\r\nb AUTHENTICATE PLAIN AGJvYgBzM2NyZXQtcHc=\r\n'
sasl login-then-logout      '\003\000a LOGIN bob s3cret-pw\r\nb AUTHENTICATE PLAIN\r\nc LOGOUT\r\nd NOOP\r\n'
# generate: byte 0 options (bit 0 IG_OPT_UTF8, bit 1 IG_OPT_LENIENT_LF, bit 2 feed byte by
# byte), byte 1 the command (enum ig_cmd), then decisions; see fuzz/fuzz_generate.c.
gen() { name=$1; shift; printf "$@" > "$out/generate/$name"; }
gen other        '\000\000\245\304\325\131\055\145\267\331\221\142\334\022\036\227\175\036\041\257\240\242\066\205\106\206\117\076\127\162\203\043\116\007\234\077\244\342\137\274\376\121'
gen authenticate '\000\005\377\364\343\062\145\073\167\246\264\270\314\337\333\241\161\143\272\010\003\135\220\325\176\364\050\205\107\151\303\244\365\363\304\013\343\132\036\332\166\125'
gen login        '\001\006\135\275\113\007\152\243\342\310\306\237\375\254\206\362\022\164\240\134\245\364\356\065\056\221\001\114\311\173\253\203\240\253\113\046\030\234\326\020\276\311'
gen select       '\000\010\150\266\031\226\106\223\167\331\103\017\214\022\320\314\077\167\034\153\217\110\371\022\140\252\216\237\005\106\302\251\221\241\143\073\335\071\032\117\131\145'
gen create       '\000\012\352\002\107\024\255\134\115\204\272\330\255\022\107\357\026\135\302\351\057\266\172\032\033\302\016\337\316\324\226\130\023\007\223\342\131\036\227\133\101\035'
gen list         '\001\017\007\075\167\367\272\174\227\331\352\271\064\022\167\261\336\112\236\215\030\165\027\314\323\230\357\356\256\134\043\346\360\124\000\075\101\016\075\006\053\333'
gen status       '\000\022\104\062\124\355\345\062\015\121\335\056\235\337\005\371\012\242\133\102\222\160\324\152\123\057\347\046\276\313\326\331\272\363\272\256\227\226\126\171\271\041'
gen append       '\002\023\025\316\240\202\143\376\327\100\125\272\004\171\257\321\271\031\150\230\101\245\046\272\174\341\173\302\175\102\342\151\344\027\167\241\375\165\172\136\225\347'
gen search       '\000\031\321\167\120\372\050\353\167\014\322\146\115\106\306\366\016\213\175\317\033\062\141\117\101\140\364\271\303\043\300\256\055\117\003\152\330\031\026\304\074\165'
gen fetch        '\000\032\167\107\102\041\357\025\267\100\256\021\135\171\010\353\032\106\345\166\270\167\007\000\010\363\033\163\324\054\201\055\206\143\333\237\231\241\127\247\303\161'
gen store        '\004\033\123\303\175\170\216\264\115\267\110\057\155\106\075\031\345\160\044\114\273\240\343\130\374\170\164\372\214\261\225\134\257\265\062\022\123\376\223\321\043\054'
gen uid-fetch    '\000\036\123\303\175\170\216\264\115\267\110\057\155\106\075\031\345\160\044\114\273\240\343\130\374\170\164\372\214\261\225\134\257\265\062\022\123\376\223\321\043\054'
gen id           '\001\044\270\355\131\340\242\171\242\225\351\365\355\171\104\375\006\271\070\265\010\256\110\204\146\377\332\223\270\163\353\004\107\227\162\362\127\023\225\055\067\314'
gen setquota     '\000\050\211\211\245\165\040\105\155\204\141\201\124\022\356\324\265\060\105\013\267\343\231\324\216\260\156\057\167\351\367\225\161\272\057\345\274\363\271\022\023\223'
gen setacl       '\001\051\233\313\007\312\121\166\042\310\023\362\114\254\324\276\120\033\246\240\266\117\053\250\025\155\302\353\033\247\155\375\135\021\204\053\337\104\033\175\143\265'
gen getmetadata  '\000\056\053\250\135\323\140\300\067\331\365\274\075\022\203\000\002\320\026\050\176\355\273\237\171\316\316\000\263\032\000\057\324\072\052\066\026\221\325\341\264\170'
gen setmetadata  '\000\057\374\104\251\150\335\214\002\310\155\111\244\254\055\330\261\107\043\176\055\041\014\357\241\177\141\234\162\221\014\300\376\136\347\051\174\160\371\306\220\077'
gen sort         '\000\060\214\072\336\077\250\364\342\142\250\361\174\105\234\236\165\114\334\225\215\037\035\272\154\045\065\030\114\301\256\171\150\117\014\307\043\335\336\045\371\251'
gen esearch      '\001\064\315\340\365\376\133\130\314\267\344\325\014\105\327\257\140\277\060\324\334\126\136\077\311\061\365\070\061\010\030\120\051\202\244\033\341\117\035\253\155\005'
gen sasl         '\000\066\311\057\273\064\323\252\127\331\234\146\344\022\052\346\241\243\231\111\007\032\332\130\354\274\056\117\134\060\141\154\062\356\307\071\172\145\370\230\207\357'
# session: every (state, command) pair in a valid and an invalid form, from the
# command x state table (tools/gen/session_corpus.c).
build/session_corpus gen "$out/session" >/dev/null
# Seeds of the LIMIT oracle and the literal sizes near integer boundaries (issue 10 item 4).
sh tools/gen-power-seeds.sh "$out"
echo "corpus: $(find "$out" -type f | wc -l) files"

# response: the response side of the session corpus (every distinct output of the
# session + reference backend over corpus/session) and the real Dovecot transcripts of
# tests/dovecot/ (tests/dovecot/record.sh), after the target's configuration bytes.
tool=build/imapguard
[ -x "$tool" ] || tool=build/asan/imapguard
if [ -x "$tool" ] && command -v python3 >/dev/null; then
    python3 tools/gen-response-seeds.py "$tool" "$out/session" "$out/response"
fi
for f in tests/dovecot/*.s; do
    [ -f "$f" ] || continue
    { printf '\000\000\005'; cat "$f"; } > "$out/response/dovecot-$(basename "$f" .s)"
done
