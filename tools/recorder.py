#!/usr/bin/env python3
"""recorder.py - a TCP relay that keeps every byte: put it between a client (or
`imapguard proxy`) and an IMAP server to see exactly what reaches the server.

usage: recorder.py --upstream HOST:PORT --out DIR [--listen HOST:PORT]
                   [--trickle SECONDS] [--replace OLD=NEW]

For each accepted connection N (1, 2, ...) it opens one to the upstream and writes
DIR/N.up (every byte sent upstream, in order) and DIR/N.down (every byte the upstream
sent back). Files are flushed as bytes pass, so a test can read them while the
connection is open. On start it prints "recorder: listening on HOST:PORT" on standard
error (port 0 = a free one). Loopback only: HOST must be in 127.0.0.0/8.

--trickle S  the slow server of issue 12's fault cases: the upstream's bytes go on to
             the client one byte per send(), S seconds apart (0 still sends them one
             by one), with Nagle off, so the reader downstream sees 1-byte segments.

An end of stream on one side is passed on as a half-close, a reset closes both (a
killed server becomes a close the proxy sees at once). SIGTERM ends it. Used by tests/t_proxy_*.sh and
tests/proxy/record.sh.
"""
import argparse
import os
import signal
import socket
import sys
import threading
import time


def hostport(text):
    host, _, port = text.rpartition(":")
    if not host.startswith("127."):
        raise argparse.ArgumentTypeError("loopback addresses only (127.0.0.0/8)")
    return host, int(port)


def pump(src, dst, log, trickle, done, replace=None):
    """Copy src to dst until EOF or an error, appending every byte to log."""
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            log.write(data)
            log.flush()
            if replace:
                data = data.replace(*replace)
            if trickle is None:
                dst.sendall(data)
                continue
            for i in range(len(data)):
                dst.sendall(data[i:i + 1])
                if trickle:
                    time.sleep(trickle)
    except OSError:
        # a reset: nothing more will pass either way
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
    else:
        # an orderly end (FIN, also what a killed server's kernel sends): pass it on as
        # a half-close, so the other direction still drains
        try:
            dst.shutdown(socket.SHUT_WR)
        except OSError:
            pass
    finally:
        done.set()


def serve_one(client, n, args):
    try:
        up = socket.create_connection(args.upstream, timeout=10)
    except OSError as e:
        print("recorder: connection %d: upstream: %s" % (n, e), file=sys.stderr, flush=True)
        client.close()
        return
    up.settimeout(None)
    for s in (client, up):
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    base = os.path.join(args.out, str(n))
    with open(base + ".up", "wb") as upl, open(base + ".down", "wb") as downl:
        d1, d2 = threading.Event(), threading.Event()
        t1 = threading.Thread(target=pump, args=(client, up, upl, None, d1), daemon=True)
        t2 = threading.Thread(target=pump, args=(up, client, downl, args.trickle, d2, args.replace),
                              daemon=True)
        t1.start()
        t2.start()
        t1.join()
        t2.join()
    client.close()
    up.close()


def main():
    ap = argparse.ArgumentParser(description="TCP relay that records both directions")
    ap.add_argument("--upstream", type=hostport, required=True)
    ap.add_argument("--listen", type=hostport, default=("127.0.0.1", 0))
    ap.add_argument("--out", required=True)
    ap.add_argument("--trickle", type=float, default=None)
    ap.add_argument("--replace", type=lambda t: tuple(x.encode() for x in t.split("=", 1)))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    lsock = socket.socket()
    lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lsock.bind(args.listen)
    lsock.listen(128)
    print("recorder: listening on %s:%d" % lsock.getsockname(), file=sys.stderr, flush=True)
    n = 0
    while True:
        client, _ = lsock.accept()
        n += 1
        threading.Thread(target=serve_one, args=(client, n, args), daemon=True).start()


if __name__ == "__main__":
    main()
