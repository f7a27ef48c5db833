# lib.sh - shell helpers of the proxy tests (tests/t_proxy_*.sh source it): TAP lines,
# a throwaway Dovecot with the fixture mail (tools/dovecot.sh), `imapguard proxy` or
# `imapguard serve` and tools/recorder.py relays started on free loopback ports, and
# a cleanup that stops exactly the processes started here, by their pids.
# Set before sourcing: nothing. After: $tmp (a private temporary directory), $bin.
n=0
t() { n=$((n + 1)); if [ "$1" = 0 ]; then printf 'ok %s - %s\n' "$n" "$2"; else printf 'not ok %s - %s\n' "$n" "$2"; fi; }
skip() { n=$((n + 1)); printf 'ok %s # skip %s\n' "$n" "$1"; }
# tap_from FILE: counts the "ok - " / "not ok - " lines of a Python helper as ours;
# "# ..." lines stay comments
tap_from() {
    while IFS= read -r line; do
        case $line in
        "ok - "*) t 0 "${line#ok - }" ;;
        "not ok - "*) t 1 "${line#not ok - }" ;;
        *) printf '# %s\n' "${line#\# }" ;;
        esac
    done <"$1"
}

bin=${IMAPGUARD:-build/asan/imapguard}
[ -x "$bin" ] || bin=build/imapguard
tmp=$(mktemp -d)
chmod 755 "$tmp" # Dovecot's mail user (nobody when root) reads the Maildir under it
pids=
dovecot_dir=
cleanup() {
    for p in $pids; do kill "$p" 2>/dev/null; done
    # the Dovecot master started here, by the pid it wrote; it stops its children
    # (not tools/dovecot.sh stop, which waits for that: seconds on a busy machine)
    [ -n "$dovecot_dir" ] && [ -f "$dovecot_dir/run/master.pid" ] &&
        kill "$(cat "$dovecot_dir/run/master.pid")" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP PIPE

# needs_dovecot: exits with one skip line when Dovecot cannot run here
needs_dovecot() {
    if ! command -v dovecot >/dev/null || ! command -v python3 >/dev/null; then
        echo "ok 1 # skip needs dovecot (dovecot-imapd) and python3"
        exit 0
    fi
}

# have_proxy: true when this imapguard has the proxy subcommand with its network loop
have_proxy() {
    out=$("$bin" proxy --help 2>&1)
    case $out in *"--upstream"*) ;; *) return 1 ;; esac
    ! "$bin" proxy --upstream 127.0.0.1:1 --listen 127.0.0.1:0 2>&1 | grep -q 'built without libevent'
}

# start_dovecot: a fresh Dovecot in $tmp/dovecot; sets $dport and $fresh (a pristine
# copy of its Maildir, taken before any login made index files)
start_dovecot() {
    dovecot_dir=$tmp/dovecot
    sh tools/dovecot.sh start "$dovecot_dir" >/dev/null || { t 1 "Dovecot starts"; exit 1; }
    dport=$(sh tools/dovecot.sh port "$dovecot_dir")
    fresh=$tmp/fresh-maildir
    cp -a "$dovecot_dir/Maildir" "$fresh"
}

# reset_maildir: the fixture Maildir as it was at the start (no connection may be open)
reset_maildir() {
    rm -rf "$dovecot_dir/Maildir"
    cp -a "$fresh" "$dovecot_dir/Maildir"
}

# wait_listening FILE COUNT: until FILE has COUNT "listening on" lines (10 s at most)
wait_listening() {
    i=0
    while [ $i -lt 100 ] && [ "$(cat "$1" 2>/dev/null | grep -c 'listening on')" -lt "$2" ]; do
        sleep 0.1
        i=$((i + 1))
    done
    [ "$(cat "$1" 2>/dev/null | grep -c 'listening on')" -ge "$2" ]
}

# port_of FILE [plain|tls]: the port of the listener line of that kind
port_of() {
    case ${2:-} in
    "") sed -n 's/.*listening on 127.0.0.1:\([0-9]*\).*/\1/p' "$1" | head -1 ;;
    *) sed -n "s/.*listening on 127.0.0.1:\([0-9]*\) ($2).*/\1/p" "$1" | head -1 ;;
    esac
}

# start_recorder NAME UPSTREAM_PORT [recorder options]: a relay to 127.0.0.1:UPSTREAM_PORT
# recording into $tmp/NAME/; sets $rport, adds the pid to $pids
start_recorder() {
    name=$1 up=$2
    shift 2
    python3 tools/recorder.py --upstream "127.0.0.1:$up" --out "$tmp/$name" "$@" \
        2>"$tmp/$name.err" &
    pids="$pids $!"
    wait_listening "$tmp/$name.err" 1 || { t 1 "recorder $name starts"; exit 1; }
    rport=$(port_of "$tmp/$name.err")
}

# start_proxy NAME UPSTREAM_PORT [proxy options]: imapguard proxy with a plain and a TLS
# listener, its state (the self-signed certificate), log and status in $tmp/NAME.*;
# sets $pport (plain), $ptls, $proxy_pid
start_proxy() {
    name=$1 up=$2
    shift 2
    "$bin" proxy --upstream "127.0.0.1:$up" --listen 127.0.0.1:0 --listen-tls 127.0.0.1:0 \
        --state-dir "$tmp/$name.state" --log "$tmp/$name.log" \
        --status-file "$tmp/$name.status" "$@" 2>"$tmp/$name.err" &
    proxy_pid=$!
    pids="$pids $proxy_pid"
    wait_listening "$tmp/$name.err" 2 || { t 1 "proxy $name starts"; cat "$tmp/$name.err"; exit 1; }
    pport=$(port_of "$tmp/$name.err" plain)
    ptls=$(port_of "$tmp/$name.err" tls)
}
