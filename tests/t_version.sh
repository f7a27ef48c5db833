#!/bin/sh
# t_version.sh - the version is set in one place (the IG_VERSION_* lines of
# include/imapguard.h) and everything else agrees with it: IG_VERSION_STRING and
# IG_VERSION_NUMBER, ig_version() and ig_version_number() of the shared library at run
# time, the file name, SONAME and symbol version node of the shared library,
# `imapguard --version`, `make version` and the installed imapguard.pc. Also checks
# what IG_VERSION_CHECK() accepts, with programs compiled against headers that claim
# other versions. The expected string is read from the header's three #defines as text.
n=0
t() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }
num() { sed -n "s/^#define IG_VERSION_$1 \\([0-9][0-9]*\\)\$/\\1/p" include/imapguard.h; }
major=$(num MAJOR)
minor=$(num MINOR)
patch=$(num PATCH)
v="$major.$minor.$patch"
case "$v" in
[0-9]*.[0-9]*.[0-9]*) t 0 "include/imapguard.h sets the version: $v" ;;
*) t 1 "include/imapguard.h sets the version (got '$v')"; echo "1..$n"; exit 0 ;;
esac
so=build/libimapguard.so
if [ ! -f "$so" ] || [ ! -x build/imapguard ]; then
    echo "ok $((n + 1)) - # SKIP $so or build/imapguard not built (make all)"
    echo "1..$((n + 1))"
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The shared library's names.
[ -f "build/libimapguard.so.$v" ] && [ ! -L "build/libimapguard.so.$v" ]
t $? "the shared library is the file build/libimapguard.so.$v"
soname=$(readelf -d "$so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ "$soname" = "libimapguard.so.$major" ]
t $? "its SONAME is libimapguard.so.$major (got $soname)"
[ "$(readlink build/libimapguard.so.$major)" = "libimapguard.so.$v" ] &&
    [ "$(readlink "$so")" = "libimapguard.so.$major" ]
t $? "libimapguard.so -> libimapguard.so.$major -> libimapguard.so.$v"
nodes=$(nm -D --defined-only "$so" | awk '$2 == "A" { print $3 }' | tr '\n' ' ')
[ "$nodes" = "IMAPGUARD_$major " ]
t $? "its only symbol version node is IMAPGUARD_$major (got $nodes)"

# The header's macros and the library at run time.
cat >"$tmp/v.c" <<'PROG'
#include "imapguard.h"
#include <stdio.h>
int main(void)
{
    printf("%s %lu %s %lu %d\n", IG_VERSION_STRING, (unsigned long)IG_VERSION_NUMBER,
           ig_version(), ig_version_number(), IG_VERSION_CHECK() ? 1 : 0);
    return 0;
}
PROG
packed=$((major * 65536 + minor * 256 + patch))
cc -std=c11 -Wall -Wextra -Werror -Iinclude "$tmp/v.c" -Lbuild -limapguard -o "$tmp/v" 2>"$tmp/err"
t $? "a program builds against include/ and the shared library"
out=$(LD_LIBRARY_PATH=build "$tmp/v" 2>&1)
[ "$out" = "$v $packed $v $packed 1" ]
t $? "IG_VERSION_STRING, IG_VERSION_NUMBER, ig_version(), ig_version_number(): $v ($packed); IG_VERSION_CHECK() holds (got: $out)"
lib=$(LD_LIBRARY_PATH=build ldd "$tmp/v" | awk '/libimapguard/ { print $3 }')
case "$lib" in
*build/libimapguard.so.$major) t 0 "it runs with build/libimapguard.so.$major" ;;
*) t 1 "it runs with build/libimapguard.so.$major (got '$lib')" ;;
esac

# IG_VERSION_CHECK(): a program built against header version H runs with this library
# only when H has the same MAJOR and is not newer. The header copies claim H.
check_as() { # major minor patch -> prints the program's IG_VERSION_CHECK() result
    mkdir -p "$tmp/h$1.$2.$3"
    sed -e "s/^#define IG_VERSION_MAJOR .*/#define IG_VERSION_MAJOR $1/" \
        -e "s/^#define IG_VERSION_MINOR .*/#define IG_VERSION_MINOR $2/" \
        -e "s/^#define IG_VERSION_PATCH .*/#define IG_VERSION_PATCH $3/" \
        include/imapguard.h >"$tmp/h$1.$2.$3/imapguard.h"
    cc -std=c11 -I"$tmp/h$1.$2.$3" "$tmp/v.c" -Lbuild -limapguard -o "$tmp/v$1.$2.$3" &&
        LD_LIBRARY_PATH=build "$tmp/v$1.$2.$3" | awk '{ print $5 }'
}
older_minor=$minor older_patch=$patch
if [ "$patch" -gt 0 ]; then older_patch=$((patch - 1));
elif [ "$minor" -gt 0 ]; then older_minor=$((minor - 1)); fi
for c in "$major $minor $patch 1 the same version" \
    "$major $older_minor $older_patch 1 an older MINOR.PATCH of the same MAJOR" \
    "$major $minor $((patch + 1)) 0 a newer PATCH" \
    "$major $((minor + 1)) 0 0 a newer MINOR" \
    "$((major + 1)) 0 0 0 the next MAJOR" ; do
    set -- $c
    got=$(check_as "$1" "$2" "$3")
    want=$4
    shift 4
    if [ "$want" = 1 ]; then w="accepts"; else w="refuses"; fi
    [ "$got" = "$want" ]
    t $? "IG_VERSION_CHECK() $w a program built for $*"
done

# And a program built for this version, run with the next MAJOR's library (its own
# ig_version_number() stands in for that library's).
cat >"$tmp/next.c" <<PROG
#include "imapguard.h"
#include <stdio.h>
unsigned long ig_version_number(void) { return (unsigned long)$((major + 1)) << 16; }
int main(void) { printf("%d\\n", IG_VERSION_CHECK() ? 1 : 0); return 0; }
PROG
cc -std=c11 -Iinclude "$tmp/next.c" -o "$tmp/next" && [ "$("$tmp/next")" = 0 ]
t $? "IG_VERSION_CHECK() refuses to run a program built for $v with a $((major + 1)).0.0 library"

# The command-line tool and the Makefile.
out=$(build/imapguard --version)
[ "$out" = "imapguard $v" ]
t $? "imapguard --version prints 'imapguard $v' (got '$out')"
out=$(make -s version)
[ "$out" = "$v" ]
t $? "make version prints $v (got '$out')"

# The pkg-config file, installed.
make -s install DESTDIR="$tmp/root" PREFIX=/usr >"$tmp/install.log" 2>&1
t $? "make install DESTDIR=... PREFIX=/usr works"
pc="$tmp/root/usr/lib/pkgconfig/imapguard.pc"
got=$(sed -n 's/^Version: //p' "$pc")
[ "$got" = "$v" ]
t $? "the installed imapguard.pc says Version: $v (got '$got')"
[ -f "$tmp/root/usr/lib/libimapguard.so.$v" ] &&
    [ "$(readlink "$tmp/root/usr/lib/libimapguard.so.$major")" = "libimapguard.so.$v" ]
t $? "installed: libimapguard.so.$v and its SONAME link libimapguard.so.$major"
got=$(sed -n 's/^\.TH .*"imapguard \([0-9.]*\)".*/\1/p' "$tmp/root/usr/share/man/man1/imapguard.1")
[ "$got" = "$v" ]
t $? "the installed man page's header says imapguard $v (got '$got')"
echo "1..$n"
