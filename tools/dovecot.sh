#!/bin/sh
# dovecot.sh start|stop|port|tlsport [DIR] [--tls] - a throwaway Dovecot (dovecot-imapd) on
# a loopback port, for the differential tests and the proxy work. `start` copies tests/dovecot/
# (config template, passwd-file user demo/demo, the Maildir with the reference backend's
# sample mail) into DIR (default build/dovecot), picks a free port, starts Dovecot and
# waits until it answers; `port` prints the port; `stop` stops it and leaves DIR.
# `start DIR --tls` also makes a throwaway certificate (openssl; CN=localhost, SAN
# localhost and 127.0.0.1) in DIR/tls-cert.pem, turns on STARTTLS on the port and adds
# an implicit-TLS listener whose port `tlsport` prints (the proxy's upstream TLS tests).
# Unprivileged: as a normal user everything runs as that user; as root (CI) the mail
# belongs to "nobody" and Dovecot's own dovecot / dovenull users run it.
set -eu
cd "$(dirname "$0")/.."
cmd=${1:-}
dir=${2:-build/dovecot}
tls=${3:-}
case "$dir" in /*) ;; *) dir=$(pwd)/$dir ;; esac

stop() {
    if [ -f "$dir/dovecot.conf" ] && [ -f "$dir/run/master.pid" ]; then
        pid=$(cat "$dir/run/master.pid")
        doveadm -c "$dir/dovecot.conf" stop >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
        i=0
        while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
    fi
}

case "$cmd" in
start)
    command -v dovecot >/dev/null || { echo "dovecot.sh: dovecot is not installed (apt install dovecot-imapd)" >&2; exit 2; }
    stop
    rm -rf "$dir"
    mkdir -p "$dir/run" "$dir/state"
    cp -r tests/dovecot/Maildir "$dir/Maildir"
    find "$dir/Maildir" -name .keep -delete
    if [ "$(id -u)" = 0 ]; then
        iu=dovecot; ig=dovecot; lu=dovenull
        mu=$(id -u nobody); mg=$(id -g nobody)
        chown -R "$mu:$mg" "$dir/Maildir"
        chmod 755 "$dir"
    else
        iu=$(id -un); ig=$(id -gn); lu=$iu; mu=$(id -u); mg=$(id -g)
    fi
    # a free loopback port (the kernel picks one; the race until Dovecot binds is benign)
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    for f in dovecot.conf users; do
        sed -e "s|@DIR@|$dir|g" -e "s|@PORT@|$port|g" -e "s|@INTERNAL_USER@|$iu|g" \
            -e "s|@INTERNAL_GROUP@|$ig|g" -e "s|@LOGIN_USER@|$lu|g" -e "s|@MAIL_UID@|$mu|g" \
            -e "s|@MAIL_GID@|$mg|g" "tests/dovecot/$f.in" >"$dir/$f"
    done
    echo "$port" >"$dir/port"
    if [ "$tls" = --tls ]; then
        command -v openssl >/dev/null || { echo "dovecot.sh: --tls needs openssl" >&2; exit 2; }
        openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 -subj /CN=localhost \
            -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
            -keyout "$dir/tls-key.pem" -out "$dir/tls-cert.pem" >/dev/null 2>&1 ||
            { echo "dovecot.sh: openssl could not make a certificate" >&2; exit 1; }
        tlsport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
        echo "$tlsport" >"$dir/tlsport"
        # Later settings win over the template's "ssl = no"; the service block merges.
        cat >>"$dir/dovecot.conf" <<EOF
ssl = yes
ssl_cert = <$dir/tls-cert.pem
ssl_key = <$dir/tls-key.pem
service imap-login {
  inet_listener imaps {
    address = 127.0.0.1
    port = $tlsport
  }
}
EOF
    fi
    dovecot -c "$dir/dovecot.conf" </dev/null >>"$dir/dovecot.log" 2>&1
    i=0
    until python3 -c "import socket,sys; s=socket.create_connection(('127.0.0.1',$port),1); sys.exit(0 if b'ready' in s.recv(300) else 1)" 2>/dev/null; do
        i=$((i + 1))
        [ $i -lt 100 ] || { echo "dovecot.sh: Dovecot did not start; see $dir/dovecot.log" >&2; tail -5 "$dir/dovecot.log" >&2; exit 1; }
        sleep 0.1
    done
    echo "dovecot on 127.0.0.1:$port (dir $dir)"
    ;;
stop)
    stop
    ;;
port)
    cat "$dir/port"
    ;;
tlsport)
    cat "$dir/tlsport"
    ;;
*)
    echo "usage: tools/dovecot.sh start|stop|port|tlsport [DIR] [--tls]" >&2
    exit 2
    ;;
esac
