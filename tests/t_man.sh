#!/bin/sh
# t_man.sh - docs/imapguard.1 documents the tool as its --help texts describe it: every
# command listed by `imapguard --help` has its own subsection (.SS imapguard CMD) that
# names every option of `imapguard CMD --help`, the global options are in OPTIONS, the
# conventional sections are all there, and groff reads the page without a warning.
# The oracle is the binary's own --help output, not a list kept beside the page.
n=0
t() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }
man=docs/imapguard.1
bin=build/imapguard
[ -x "$bin" ] || bin=build/asan/imapguard
if [ ! -x "$bin" ] || [ ! -f "$man" ]; then
    echo "ok 1 - # SKIP no $man or imapguard binary"
    echo "1..1"
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The page as plain words: roff's \- is a -, font changes and the .B-style macros go.
sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\&//g' "$man" >"$tmp/page"
section() { # the text of a .SH/.SS section, up to the next one
    awk -v h="$1" '$0 == h { on = 1; next } on && /^\.S[HS] / { exit } on' "$tmp/page"
}
opts() { grep -o -- '--[a-z][a-z0-9-]*' | sort -u; }
has() { grep -qE -- "$1([^a-z0-9-]|\$)" "$2"; } # the whole option, not a prefix

printf '%s\n' NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS 'EXIT STATUS' FILES EXAMPLES \
    'SEE ALSO' >"$tmp/sections"
while read -r s; do
    grep -qx ".SH $s" "$tmp/page"
    t $? "the page has the section $s"
done <"$tmp/sections"
groff -v >/dev/null 2>&1 && {
    warn=$(groff -man -ww -z "$man" 2>&1)
    [ -z "$warn" ]
    t $? "groff -man -ww reads it without a warning${warn:+: $warn}"
}

"$bin" --help >"$tmp/help"
cmds=$(awk '/^commands:/ { on = 1; next } on && /^$/ { exit } on && /^  [a-z]/ { print $1 }' "$tmp/help")
[ -n "$cmds" ]
t $? "imapguard --help lists commands: $(echo $cmds)"
section .SH\ OPTIONS >"$tmp/global"
for o in $(opts <"$tmp/help"); do
    has "$o" "$tmp/global"
    t $? "global option $o is in OPTIONS"
done
for c in $cmds; do
    section ".SS imapguard $c" >"$tmp/sec"
    [ -s "$tmp/sec" ]
    t $? "command $c has its subsection (.SS imapguard $c)"
    section .SH\ SYNOPSIS | grep -q "^\\.B imapguard $c\$"
    t $? "command $c is in the SYNOPSIS"
    "$bin" "$c" --help >"$tmp/chelp" 2>&1
    missing=
    for o in $(opts <"$tmp/chelp"); do
        has "$o" "$tmp/sec" || missing="$missing $o"
    done
    [ -z "$missing" ] && [ -s "$tmp/chelp" ]
    t $? "every option of imapguard $c --help ($(opts <"$tmp/chelp" | wc -l)) is in its subsection${missing:+ (missing:$missing)}"
done
echo "1..$n"
