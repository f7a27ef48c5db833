#!/usr/bin/env python3
"""client.py HOST PORT SCRIPT - sends the commands of SCRIPT (one per line; a line
"<<N" sends N octets of "x", the octets of the literal the previous line announced,
then the CRLF that ends that command)
to an IMAP server, waits for each command's tagged response (or a "+" continuation),
and writes every byte the server sent to stdout, unchanged."""
import socket
import sys

host, port, script = sys.argv[1], int(sys.argv[2]), sys.argv[3]
s = socket.create_connection((host, port), timeout=10)
got = bytearray()
last_tag = b""

def read_until(pred):
    while not pred(bytes(got)):
        b = s.recv(65536)
        if not b:
            return
        got.extend(b)

read_until(lambda g: g.endswith(b"\r\n"))
for raw in open(script, encoding="utf-8").read().splitlines():
    if not raw or raw.startswith("#"):
        continue
    if raw.startswith("<<"):
        line = b"x" * int(raw[2:]) + b"\r\n"
    else:
        line = raw.encode() + b"\r\n"
    tag = line.split(b" ", 1)[0]
    if raw.startswith("<<") or raw in ("*", "DONE"):
        tag = last_tag  # the rest of the previous command
    last_tag = tag
    mark = len(got)
    s.sendall(line)

    def done(g, tag=tag, mark=mark):
        new = b"\r\n" + g[mark:]
        # the tagged response, or a continuation request ("+ ...") for a literal,
        # an AUTHENTICATE challenge or IDLE
        return g.endswith(b"\r\n") and (b"\r\n" + tag + b" " in new or b"\r\n+ " in new)

    read_until(done)
s.close()
sys.stdout.buffer.write(bytes(got))
