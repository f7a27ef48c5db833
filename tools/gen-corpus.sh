#!/bin/sh
# gen-corpus.sh - (re)generates the seed corpus in corpus/<target>/ from the test suite
# (every test case's input becomes a seed, in the format of each target) and, for the
# literal target, from the table below. Run by `make corpus`; the result is committed.
# corpus/regress/ is never touched: it holds minimized findings, replayed forever.
set -eu
out=${1:-corpus}
for t in command split literal sasl session; do
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
# session: every (state, command) pair in a valid and an invalid form, from the
# command x state table (tools/gen/session_corpus.c).
build/session_corpus gen "$out/session" >/dev/null
echo "corpus: $(find "$out" -type f | wc -l) files"
