#!/usr/bin/env bash
# ci-dist.sh - the release tarball checks of CI (.ci/run), each printed as a TAP line:
#   - `make dist` writes build/imapguard-X.Y.Z.tar.gz (X.Y.Z from include/imapguard.h)
#     holding exactly the tracked files, the committed generated lexers among them;
#   - unpacked in a temporary folder it builds with only a C compiler (no re2c: RE2C
#     points nowhere) and leaves the generated lexers as they were;
#   - `make check` passes there;
#   - tests/t_examples.sh there installs into a DESTDIR with a multiarch LIBDIR, builds
#     examples/ against the shared and the static library via pkg-config, runs them,
#     and uninstalls without leftovers (its TAP lines are repeated here, prefixed).
# Run it on a clean checkout: the tarball packs HEAD, not the working tree.
set -u
cd "$(dirname "$0")/.."
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
CC=${CC:-cc}
nore2c=/nonexistent/re2c

v=$(make -s version)
tarball=build/imapguard-$v.tar.gz
rm -f "$tarball"
if make -s dist >"$tmp/dist.log" 2>&1 && [ -f "$tarball" ]; then
    ok "make dist writes $tarball"
else
    notok "make dist writes $tarball"
    sed 's/^/# /' "$tmp/dist.log"
    echo "1..$n"
    exit 1
fi

tar -tzf "$tarball" | sed -n "s|^imapguard-$v/||p" | grep -v '/$' | grep -v '^$' | sort >"$tmp/in-tar"
git ls-files | sort >"$tmp/tracked"
if cmp -s "$tmp/in-tar" "$tmp/tracked"; then
    ok "the tarball holds exactly the $(wc -l <"$tmp/tracked") tracked files, under imapguard-$v/"
else
    notok "the tarball holds exactly the tracked files"
    diff "$tmp/tracked" "$tmp/in-tar" | grep '^[<>]' | head -10 | sed 's/^/# /'
fi
gens=$(ls grammar/*.re | sed 's|grammar/\(.*\)\.re|parser/\1.gen.c|')
missing=
for g in $gens; do grep -qx "$g" "$tmp/in-tar" || missing="$missing $g"; done
if [ -z "$missing" ]; then
    ok "the tarball has the generated lexers ($(echo $gens))"
else
    notok "the tarball lacks generated lexers:$missing"
fi

tar -xzf "$tarball" -C "$tmp"
src="$tmp/imapguard-$v"
if (cd "$src" && make -s -j2 all CC="$CC" RE2C=$nore2c) >"$tmp/build.log" 2>&1; then
    ok "the unpacked tarball builds with only a C compiler ($CC, no re2c)"
else
    notok "the unpacked tarball builds with only a C compiler ($CC, no re2c)"
    tail -20 "$tmp/build.log" | sed 's/^/# /'
fi
changed=
for g in $gens; do cmp -s "$g" "$src/$g" || changed="$changed $g"; done
if [ -z "$changed" ]; then
    ok "the build used the committed lexers unchanged"
else
    notok "the generated lexers differ from the committed ones or are missing:$changed"
fi

# The test suite in the tarball (the test binaries are built in parallel first). The
# scripts that start live servers (Dovecot, the proxy, serve; marked "# live-servers")
# are skipped here: the same files passed them in the tree's make check minutes before,
# and running them twice does not fit CI's 30 minutes. Every other test runs.
(cd "$src" && make -j2 test-bins RE2C=$nore2c >/dev/null 2>&1
    IG_CHECK_SKIP_LIVE=1 make check RE2C=$nore2c) >"$tmp/check.log" 2>&1
rc=$?
last=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$tmp/check.log" | tail -n 1)
if [ "$rc" -eq 0 ] && [ -n "$last" ]; then
    ok "make check passes in the unpacked tarball ($last; $(grep -c '^skip ' "$tmp/check.log") live-server scripts skipped)"
else
    notok "make check in the unpacked tarball (exit $rc${last:+, $last})"
    grep -E '^FAIL|^not ok' "$tmp/check.log" | head -20 | sed 's/^/# /'
fi

# Install, build the examples from the DESTDIR, uninstall: t_examples.sh, in the tarball.
(cd "$src" && CC="$CC" RE2C=$nore2c sh tests/t_examples.sh) >"$tmp/examples.log" 2>&1
grep -E '^(ok|not ok) ' "$tmp/examples.log" | while IFS= read -r line; do
    case "$line" in
    "not ok "*) echo "not ok - tarball: ${line#not ok * - }" ;;
    *) echo "ok - tarball: ${line#ok * - }" ;;
    esac
done >"$tmp/examples.tap"
if [ -s "$tmp/examples.tap" ]; then
    while IFS= read -r line; do
        case "$line" in
        "not ok - "*) notok "${line#not ok - }" ;;
        *) ok "${line#ok - }" ;;
        esac
    done <"$tmp/examples.tap"
else
    notok "tests/t_examples.sh ran in the unpacked tarball"
    tail -20 "$tmp/examples.log" | sed 's/^/# /'
fi
echo "1..$n"
