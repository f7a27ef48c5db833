#!/usr/bin/env python3
"""serve_clients.py - real clients against a running `imapguard serve` (or anything that
speaks IMAP with the demo account and sample mail): Python's imaplib over STARTTLS and
implicit TLS, and raw sockets for what no client library does on purpose (plaintext
pipelined after STARTTLS, connection caps, the login timeout). Prints TAP lines
("ok - what" / "not ok - what"); tests/t_serve.sh starts the server and counts them.
The sessions themselves are in tests/clientlib.py, shared with tests/proxy_clients.py.

usage: serve_clients.py HOST PLAIN_PORT TLS_PORT LOG_FILE MAX_PER_ADDRESS LOGIN_TIMEOUT
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clientlib  # noqa: E402

host, plain, tls_port, log_file = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
max_per_addr, login_timeout = int(sys.argv[5]), int(sys.argv[6])

clientlib.imaplib_life(host, plain, tls_port)
clientlib.implicit_tls_auth(host, tls_port)
clientlib.starttls_injection(host, plain, log_file)
clientlib.connection_caps(host, plain, max_per_addr)
clientlib.login_timeout(host, plain, login_timeout)
sys.exit(clientlib.status())
