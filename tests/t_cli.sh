#!/bin/sh
# t_cli.sh - contract tests of `imapguard parse`: its text, --json and --count output
# formats, exit statuses and options, which scripts and CI depend on. Prints TAP.
#
# Golden files (tests/cases/, see tests/cases/README.md): for every NAME.imap (raw
# client->server bytes), NAME.txt is the expected text output and NAME.json the expected
# --json output; NAME.opts, when present, holds extra options for every run of the case.
# A case whose name starts with "incomplete" ends inside a command (exit status 1); every
# other case ends between commands (exit status 0).
#
# Run from the repository root: sh tests/t_cli.sh (tests/run.sh does; so does make check).
# Uses build/asan/imapguard (built by make check), else build/imapguard.
#
# UPDATE=1 sh tests/t_cli.sh rewrites every NAME.txt and NAME.json from the current tool
# output (default feeding), then runs the checks. The golden files are hand-checked
# expectations, not recordings: review every regenerated line by hand (git diff
# tests/cases) against the RFC grammar and `imapguard parse --help` before keeping it,
# and never accept a change to a line listed under "Known discrepancies" in
# tests/cases/README.md without fixing the tool first.

if [ ! -d tests/cases ]; then
    cd "$(dirname "$0")/.." || exit 1
fi

BIN=build/asan/imapguard
[ -x "$BIN" ] || BIN=build/imapguard
CASES=tests/cases
CHUNKS="1 2 3 7 64"
# Cases whose standard-input reading is checked (NUL and 8-bit bytes, an incomplete end).
STDIN_CASES="errors literals incomplete"

n=0
failed=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/t_cli.XXXXXX") || exit 1
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

skip() {
    n=$((n + 1))
    echo "ok $n - $1 # SKIP $2"
}

diag() {
    sed 's/^/#   /' | tr -d '\r'
}

# Shows how file $2 (got) differs from file $1 (expected), as TAP comments. GNU diff
# needs -a for outputs holding NUL or 8-bit bytes.
DIFF="diff"
diff -a /dev/null /dev/null >/dev/null 2>&1 && DIFF="diff -a"
show_diff() {
    echo "< expected ($1), > got" | diag
    $DIFF "$1" "$2" | head -n 20 | diag
}

if [ ! -x "$BIN" ]; then
    echo "not ok 1 - no imapguard binary (run make check or make first)"
    echo "1..1"
    exit 1
fi

have_python=0
command -v python3 >/dev/null 2>&1 && have_python=1

# ASan's leak check at exit costs half of a run: it runs for the default feeding of
# every case, and is skipped for the repeated runs (--chunk, --count, standard input),
# whose allocations are the same.
ASAN_QUICK="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

# ---- golden cases ------------------------------------------------------------------

if [ "${UPDATE:-0}" = 1 ]; then
    for f in "$CASES"/*.imap; do
        name=${f%.imap}
        opts=
        [ -f "$name.opts" ] && opts=$(cat "$name.opts")
        # shellcheck disable=SC2086
        "$BIN" parse $opts "$f" >"$name.txt"
        # shellcheck disable=SC2086
        "$BIN" parse $opts --json "$f" >"$name.json"
        echo "# UPDATE=1: rewrote $name.txt and $name.json: review them by hand (git diff)"
    done
fi

# The checks of one case print unnumbered results ("ok - what", "not ok - what", "# ...")
# into $tmp/BASE.res; the cases run in two parallel groups, and the results are numbered
# in case order at the end.
pass() { echo "ok - $1"; }
fail() { echo "not ok - $1"; }

# Runs the tool: run OUT ARGS...; sets rc and records it in $w.rcs. stderr goes to
# $w.stderr (a sanitizer report, or a message on a good run).
run() {
    out=$1
    shift
    "$BIN" parse "$@" >"$out" 2>"$w.stderr"
    rc=$?
    echo "$rc" >>"$w.rcs"
}

run_quick() {
    out=$1
    shift
    ASAN_OPTIONS=$ASAN_QUICK "$BIN" parse "$@" >"$out" 2>"$w.stderr"
    rc=$?
    echo "$rc" >>"$w.rcs"
}

case_checks() {
    f=$1
    name=${f%.imap}
    base=${name##*/}
    w=$tmp/$base
    opts=
    [ -f "$name.opts" ] && opts=$(cat "$name.opts")
    case $base in
    incomplete*) want_rc=1 ;;
    *) want_rc=0 ;;
    esac
    : >"$w.rcs"

    # Text and --json output, fed whole and in chunks: always the golden file.
    for mode in txt json; do
        flag=
        [ "$mode" = json ] && flag=--json
        for chunk in default $CHUNKS; do
            if [ "$chunk" = default ]; then
                # shellcheck disable=SC2086
                run "$w.out" $opts $flag "$f"
                what="$base: $mode output"
            else
                # shellcheck disable=SC2086
                run_quick "$w.out" $opts $flag --chunk "$chunk" "$f"
                what="$base: $mode output with --chunk $chunk"
            fi
            if [ ! -f "$name.$mode" ]; then
                fail "$what (no $name.$mode)"
            elif cmp -s "$name.$mode" "$w.out" && [ ! -s "$w.stderr" ]; then
                pass "$what"
            else
                fail "$what"
                if [ "$chunk" != default ] && cmp -s "$w.out" "$w.file.$mode" &&
                    [ ! -s "$w.stderr" ]; then
                    echo "the same output as the default feeding" | diag
                else
                    show_diff "$name.$mode" "$w.out"
                    diag <"$w.stderr"
                fi
            fi
            [ "$chunk" = default ] && cp "$w.out" "$w.file.$mode"
        done
    done

    # --count: "N ok, M rejected" from the golden JSON: ok entries with a tag, and
    # rejected entries that are not DONE or SASL lines.
    if [ -f "$name.json" ]; then
        nok=$(grep -c '^{"ok":true,"tag":"' "$name.json")
        nbad=$(grep '^{"ok":false,' "$name.json" | grep -v '"command":"DONE"' |
            grep -c -v '"command":"SASL"')
        # shellcheck disable=SC2086
        run_quick "$w.count" $opts --count "$f"
        if [ "$(cat "$w.count")" = "$nok ok, $nbad rejected" ] && [ ! -s "$w.stderr" ]; then
            pass "$base: --count says '$nok ok, $nbad rejected'"
        else
            fail "$base: --count says '$nok ok, $nbad rejected'"
            echo "got '$(cat "$w.count")'" | diag
            diag <"$w.stderr"
        fi
    fi

    # Standard input: no FILE, and "-", read like the file.
    case " $STDIN_CASES " in
    *" $base "*)
        # shellcheck disable=SC2086
        ASAN_OPTIONS=$ASAN_QUICK "$BIN" parse $opts <"$f" >"$w.stdin.txt" 2>/dev/null
        echo $? >>"$w.rcs"
        # shellcheck disable=SC2086
        ASAN_OPTIONS=$ASAN_QUICK "$BIN" parse $opts --json - <"$f" >"$w.stdin.json" 2>/dev/null
        echo $? >>"$w.rcs"
        if cmp -s "$w.stdin.txt" "$w.file.txt"; then
            pass "$base: standard input (no FILE) reads like the file"
        else
            fail "$base: standard input (no FILE) reads like the file"
        fi
        if cmp -s "$w.stdin.json" "$w.file.json"; then
            pass "$base: standard input ('-') reads like the file"
        else
            fail "$base: standard input ('-') reads like the file"
        fi
        ;;
    esac

    # Exit status of every run above.
    if ! grep -q -v "^$want_rc\$" "$w.rcs"; then
        pass "$base: exit status $want_rc"
    else
        fail "$base: exit status $want_rc"
        echo "got: $(sort -u "$w.rcs" | tr '\n' ' ')" | diag
    fi

    # The --json output (default feeding) is checked at the end, with all the others.
    complete=1
    [ "$want_rc" = 0 ] || complete=0
    printf '%s\t%s\t%s\t%s\n' "$base" "$w.file.json" "$(wc -c <"$f" | tr -d ' ')" \
        "$complete" >"$w.jsonspec"
}

group() {
    i=0
    for f in "$CASES"/*.imap; do
        i=$((i + 1))
        [ $((i % 2)) -eq "$1" ] || continue
        b=${f%.imap}
        case_checks "$f" >"$tmp/${b##*/}.res" 2>&1
    done
}

group 0 &
group 1
wait

for f in "$CASES"/*.imap; do
    b=${f%.imap}
    b=${b##*/}
    if [ ! -f "$tmp/$b.res" ]; then
        not_ok "$b: the checks ran"
        continue
    fi
    while IFS= read -r line; do
        case $line in
        "ok - "*) ok "${line#ok - }" ;;
        "not ok - "*) not_ok "${line#not ok - }" ;;
        *) echo "$line" ;;
        esac
    done <"$tmp/$b.res"
    [ -f "$tmp/$b.jsonspec" ] && cat "$tmp/$b.jsonspec" >>"$tmp/jsonlist"
done

# JSON checks of the --json outputs, all in one python3 run: for every line of
# tab-separated "name file size complete" on stdin, every output line must be an object
# with the documented members and types, and the entries must tile the stream (each
# starts where the one before ended, the first at 0, the last ending at the end of the
# stream unless it ended inside a command). That "raw" decodes to the entry's bytes is
# checked over every case and the corpus by tests/t_json_lossless.sh. Prints "PASS name" or "FAIL name", each
# followed by its problems.
json_check() {
    python3 -c '
import json, sys

def check(path, size, complete):
    want = 0
    errors = []
    with open(path, "rb") as f:
        lines = f.read().split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    else:
        errors.append("output does not end in a newline")
    isint = lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0
    isstr = lambda v: v is None or isinstance(v, str)
    for i, raw in enumerate(lines, 1):
        try:
            o = json.loads(raw.decode("utf-8"))
        except Exception as e:
            errors.append("line %d: not JSON (%s)" % (i, e))
            continue
        if not isinstance(o, dict):
            errors.append("line %d: not an object" % i)
            continue
        keys = {"ok", "tag", "command", "offset", "length", "raw"}
        keys |= {"canonical", "args"} if o.get("ok") is True else {"error"}
        if o.get("ok") is False and "raw_omitted" in o:
            keys.add("raw_omitted")
        if set(o) != keys:
            errors.append("line %d: members %s, want %s" % (i, sorted(o), sorted(keys)))
            continue
        if not isinstance(o["ok"], bool) or not isstr(o["tag"]) or not isstr(o["command"]) \
                or not isint(o["offset"]) or not isint(o["length"]) or o["length"] == 0 \
                or not isinstance(o["raw"], str) \
                or not isint(o.get("raw_omitted", 0)):
            errors.append("line %d: bad member types" % i)
            continue
        if o["ok"]:
            if not isinstance(o["canonical"], str):
                errors.append("line %d: canonical is not a string" % i)
            if not isinstance(o["args"], (dict, list)):
                errors.append("line %d: args is neither an object nor an array" % i)
        else:
            e = o["error"]
            if not isinstance(e, dict) or set(e) != {"code", "reason", "offset"} \
                    or not isinstance(e["code"], str) or not e["code"].startswith("IG_E_") \
                    or not isinstance(e["reason"], str) or not e["reason"] \
                    or not isint(e["offset"]):
                errors.append("line %d: bad error member" % i)
            elif not o["offset"] <= e["offset"] < o["offset"] + o["length"]:
                errors.append("line %d: error offset %d outside the entry" % (i, e["offset"]))
        if o["offset"] != want:
            errors.append("line %d: offset %d, want %d (the end of the entry before)"
                          % (i, o["offset"], want))
        want = o["offset"] + o["length"]
    if want > size or (complete and want != size):
        errors.append("entries end at %d, the stream at %d" % (want, size))
    return errors

for spec in sys.stdin.read().splitlines():
    name, path, size, complete = spec.split("\t")
    errors = check(path, int(size), complete == "1")
    print(("FAIL " if errors else "PASS ") + name)
    for e in errors[:5]:
        print(e)
'
}

what="--json lines are JSON objects with the documented members, tiling the stream"
if [ "$have_python" = 1 ] && [ -s "$tmp/jsonlist" ]; then
    json_check <"$tmp/jsonlist" >"$tmp/jsonres" 2>&1
    while IFS= read -r line; do
        case $line in
        "PASS "*) ok "${line#PASS }: $what" ;;
        "FAIL "*) not_ok "${line#FAIL }: $what" ;;
        *) echo "$line" | diag ;;
        esac
    done <"$tmp/jsonres"
elif [ -s "$tmp/jsonlist" ]; then
    while IFS= read -r line; do
        skip "${line%%	*}: $what" "python3 missing"
    done <"$tmp/jsonlist"
fi

# ---- options and usage -------------------------------------------------------------

if "$BIN" parse --help >"$tmp/help" 2>"$tmp/stderr" && [ -s "$tmp/help" ]; then
    ok "--help exits 0"
else
    not_ok "--help exits 0"
fi
for opt in --json --count --chunk --lenient-lf --utf8; do
    if grep -q -e "$opt" "$tmp/help"; then
        ok "--help mentions $opt"
    else
        not_ok "--help mentions $opt"
    fi
done
if grep -q 'raw  ' "$tmp/help" && grep -q 'raw_omitted' "$tmp/help" &&
    grep -q 'udcXX' "$tmp/help" && grep -q 'surrogateescape' "$tmp/help"; then
    ok "--help documents raw, raw_omitted and the lossless string encoding"
else
    not_ok "--help documents raw, raw_omitted and the lossless string encoding"
fi
if grep -q 'Exit status' "$tmp/help" && grep -q '0 when' "$tmp/help" &&
    grep -q '1 when' "$tmp/help" && grep -q '2 on' "$tmp/help"; then
    ok "--help documents the exit statuses 0, 1 and 2"
else
    not_ok "--help documents the exit statuses 0, 1 and 2"
fi

any=$CASES/literals.imap
usage() {
    what=$1
    shift
    ASAN_OPTIONS=$ASAN_QUICK "$BIN" parse "$@" >/dev/null 2>"$tmp/stderr"
    rc=$?
    if [ "$rc" -eq 2 ] && [ -s "$tmp/stderr" ]; then
        ok "$what exits 2 with a message"
    else
        not_ok "$what exits 2 with a message (exit $rc)"
    fi
}
usage "a bad option" --no-such-option "$any"
usage "--chunk 0" --chunk 0 "$any"
usage "--chunk x" --chunk x "$any"
usage "--chunk without a number" --chunk
usage "a missing file" "$tmp/no-such-file.imap"
usage "two files" "$any" "$any"

printf '' | "$BIN" parse >"$tmp/out" 2>&1
rc=$?
if [ "$rc" -eq 0 ] && [ ! -s "$tmp/out" ]; then
    ok "an empty stream gives no output and exit status 0"
else
    not_ok "an empty stream gives no output and exit status 0 (exit $rc)"
fi

echo "1..$n"
[ "$failed" -eq 0 ]
