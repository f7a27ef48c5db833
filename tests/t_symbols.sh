#!/bin/sh
# t_symbols.sh - the static side of "no malloc" and of the naming rule: the library
# references no allocator at all, and every symbol it defines starts with ig_ (public)
# or ig__ (internal), so it can be linked beside Dovecot and c-client (imap_*).
lib=build/libimapguard.a
n=0
check() {
    n=$((n + 1))
    if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
if [ ! -f "$lib" ] || ! command -v nm >/dev/null; then
    echo "ok 1 - symbols # SKIP no $lib or nm"
    exit 0
fi
alloc=$(nm -u "$lib" | grep -E ' U (malloc|calloc|realloc|free|strdup|strndup|aligned_alloc|posix_memalign)$')
[ -z "$alloc" ]
check $? "libimapguard.a references no allocator${alloc:+: $alloc}"
bad=$(nm -g --defined-only "$lib" | awk 'NF == 3 { print $3 }' | grep -v '^ig_')
[ -z "$bad" ]
check $? "every defined global symbol starts with ig_${bad:+ (not: $bad)}"
imap=$(nm -g --defined-only "$lib" | awk 'NF == 3 { print $3 }' | grep -i '^imap_')
[ -z "$imap" ]
check $? "no imap_ symbols (they collide with Dovecot and c-client)"
echo "1..$n"
