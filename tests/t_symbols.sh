#!/bin/sh
# t_symbols.sh - what the libraries export. The static side of "no malloc" and of the
# naming rule: neither library references an allocator, and each exports exactly the
# public API: names starting ig_ (never ig__, the internal prefix, and never imap_,
# which Dovecot and c-client export), so it links beside them. The oracle for the
# exported set is the headers read as text (every function declared in include/*.h),
# against what nm sees in build/libimapguard.so and build/libimapguard.a.
lib=build/libimapguard.a
so=build/libimapguard.so
n=0
check() {
    n=$((n + 1))
    if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
if [ ! -f "$lib" ] || ! command -v nm >/dev/null; then
    echo "ok 1 - symbols # SKIP no $lib or nm"
    echo "1..1"
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
alloc_re=' U (malloc|calloc|realloc|free|strdup|strndup|aligned_alloc|posix_memalign)(@.*)?$'
# The public API as the headers declare it: every function declaration at the start
# of a line (its name is the ig_ word before the first '('), marked or not.
grep -hE '^[A-Za-z_][A-Za-z0-9_ ]*[ *]ig_[a-z0-9_]+\(' include/*.h >"$tmp/decl"
sed 's/(.*//; s/.*[ *]//' "$tmp/decl" | sort -u >"$tmp/api"
[ -s "$tmp/api" ]
check $? "include/*.h declare a public API ($(wc -l <"$tmp/api") functions)"
bad=$(grep -v '^IG_EXPORT ' "$tmp/decl" | sed 's/(.*//; s/.*[ *]//' | tr '\n' ' ')
[ -z "$bad" ]
check $? "every public function is declared IG_EXPORT (else it is hidden)${bad:+ (not: $bad)}"

# ---- the static library: global defined symbols ----
alloc=$(nm -u "$lib" | grep -E "$alloc_re")
[ -z "$alloc" ]
check $? "libimapguard.a references no allocator${alloc:+: $alloc}"
nm -g --defined-only "$lib" | awk 'NF == 3 { print $3 }' | sort -u >"$tmp/a"
bad=$(grep -v '^ig_' "$tmp/a" | tr '\n' ' ')
[ -z "$bad" ]
check $? "libimapguard.a: every defined global symbol starts with ig_${bad:+ (not: $bad)}"
bad=$(grep '^ig__' "$tmp/a" | head -5 | tr '\n' ' ')
[ -z "$bad" ]
check $? "libimapguard.a: no internal ig__ symbol is global${bad:+ (e.g. $bad)}"
imap=$(grep -i '^imap_' "$tmp/a")
[ -z "$imap" ]
check $? "libimapguard.a: no imap_ symbols (they collide with Dovecot and c-client)"
cmp -s "$tmp/a" "$tmp/api"
check $? "libimapguard.a defines exactly the functions of include/*.h"
cmp -s "$tmp/a" "$tmp/api" || diff "$tmp/api" "$tmp/a" | grep '^[<>]' | head -10 | sed 's/^/# /'

# ---- the shared library: the dynamic symbol table ----
if [ ! -f "$so" ]; then
    check 1 "$so exists (make builds it)"
    echo "1..$n"
    exit 0
fi
major=$(sed -n 's/^#define IG_VERSION_MAJOR \([0-9]*\)$/\1/p' include/imapguard.h)
alloc=$(nm -D -u "$so" | grep -E "$alloc_re")
[ -z "$alloc" ]
check $? "libimapguard.so references no allocator${alloc:+: $alloc}"
# Defined dynamic symbols, without the version node itself (type A).
nm -D --defined-only "$so" | awk 'NF == 3 && $2 != "A" { print $3 }' >"$tmp/so.ver"
sed 's/@.*//' "$tmp/so.ver" | sort -u >"$tmp/so"
bad=$(grep -v '^ig_' "$tmp/so" | tr '\n' ' ')
[ -z "$bad" ]
check $? "libimapguard.so: every exported symbol starts with ig_${bad:+ (not: $bad)}"
bad=$(grep '^ig__' "$tmp/so" | head -5 | tr '\n' ' ')
[ -z "$bad" ]
check $? "libimapguard.so: no internal ig__ symbol is exported${bad:+ (e.g. $bad)}"
cmp -s "$tmp/so" "$tmp/api"
check $? "libimapguard.so exports exactly the functions of include/*.h"
cmp -s "$tmp/so" "$tmp/api" || diff "$tmp/api" "$tmp/so" | grep '^[<>]' | head -10 | sed 's/^/# /'
bad=$(grep -v "@@IMAPGUARD_$major\$" "$tmp/so.ver" | head -5 | tr '\n' ' ')
[ -z "$bad" ] && [ -s "$tmp/so.ver" ]
check $? "every export has the symbol version IMAPGUARD_$major${bad:+ (not: $bad)}"
# Only libc: the library links nothing else (Libs.private stays empty).
needed=$(readelf -d "$so" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')
[ "$needed" = "libc.so.6 " ]
check $? "libimapguard.so needs only libc (NEEDED: $needed)"
echo "1..$n"
