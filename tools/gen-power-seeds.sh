#!/bin/sh
# gen-power-seeds.sh - seeds for the LIMIT oracle and the literal sizes (issue 10 item
# 4), called by gen-corpus.sh. command: byte 0 = 16 selects the tight limits of
# fz_config_from (max_depth 3, 3 literals, string literal 16, all literals 24,
# non-synchronizing 12): each seed sits one step over or at a limit. literal: records
# (selector, length, decision, octets; see fuzz/fuzz_literal.c) whose size is a
# number near an integer boundary (selector bits 5-7 = 7, decision bits 2-5 its index
# in the table there), len + 2^32 (decision bit 1), or one more / one less than sent.
set -eu
out=${1:-corpus}
c() { f_=$1; shift; printf "$@" > "$out/command/$f_"; }
c limit-generic-depth-3-tight        '\020a X (((a)))\r\n'
c limit-generic-depth-4-tight        '\020a X ((((a))))\r\n'
c limit-search-depth-4-tight         '\020a SEARCH ((((ALL))))\r\n'
c limit-search-depth-5-tight         '\020a SEARCH (((((ALL)))))\r\n'
c limit-search-return-depth-3-tight  '\020a SEARCH RETURN (X (((a)))) ((ALL))\r\n'
c limit-literals-4-tight             '\020a X {1+}\r\na {1+}\r\nb {1+}\r\nc {1+}\r\nd\r\n'
c limit-string-literal-17-tight      '\020a X {17}\r\nxxxxxxxxxxxxxxxxx\r\n'
c limit-nonsync-13-append-tight      '\020a APPEND b {13+}\r\nyyyyyyyyyyyyy\r\n'
c limit-literal-2p32-plus-1          '\000a X {4294967297+}\r\nzz NOOP\r\n'
c limit-literal-2p64-plus-1          '\000a LOGIN {18446744073709551617}\r\n'

l() { f_=$1; shift; printf "$@" > "$out/literal/$f_"; }
i=0
for n in 2147483647 2147483648 2147483649 4294967295 4294967296 4294967297 4294967298 \
    9223372036854775807 9223372036854775808 9223372036854775809 18446744073709551615 \
    18446744073709551616 18446744073709551617 99999999999999999999 00000000004294967297 0; do
    d=$(printf '%03o' $((i * 4 + 1)))
    l "size-$n-login"          "\\000\\000\\002\\001ab\\340\\003\\${d}xyz"
    l "size-$n-login-nonsync"  "\\000\\000\\002\\001ab\\350\\003\\${d}xyz"
    l "size-$n-append"         "\\000\\002\\002\\001ab\\342\\003\\${d}xyz"
    l "size-$n-append-nonsync" "\\000\\002\\002\\001ab\\352\\003\\${d}xyz"
    i=$((i + 1))
done
for f in 0:login 1:xlit 2:append; do
    form=${f%%:*} name=${f#*:}
    for ns in 0 8; do
        sfx=; [ "$ns" = 8 ] && sfx=-nonsync
        s=$(printf '%03o' $((224 + ns + form))) more=$(printf '%03o' $((160 + ns + form)))
        less=$(printf '%03o' $((192 + ns + form))) plain=$(printf '%03o' "$form")
        l "size-2p32-plus-len-$name$sfx"       "\\000\\${s}\\005\\003hello"
        l "size-2p32-plus-len-tight-$name$sfx" "\\020\\${s}\\005\\003hello"
        l "size-one-more-$name$sfx"            "\\000\\${more}\\005\\001hello\\${plain}\\002\\001ab"
        l "size-one-less-$name$sfx"            "\\000\\${less}\\005\\001hello\\${plain}\\002\\001ab"
    done
done
# A refused non-synchronizing literal of one octet, a CR (refused: its line holds a
# bare LF): after it the LF ends nothing, so "z2 NOOP" is the rest of the refused line.
# A skip one octet short takes that CR LF as the line end and runs "z2 NOOP", which the
# LINE oracle sees (mutant framer-skip-nonsync-one-short: the input the fuzzer wrote
# after 27 s).
c nonsync-refused-octet-is-cr '\000a1 NOOP\nz1 X {1+}\r\n\r\nz2 NOOP\r\nb1 NOOP\r\n'
