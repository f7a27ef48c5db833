#!/usr/bin/env python3
"""gen-response-seeds.py - the response side of the session corpus as seeds of the
`response` fuzz target (issue 11): every corpus/session input is replayed through the
real session and reference backend (`imapguard replay`), and each distinct output (all
the responses that session wrote) becomes corpus/response/session-<name>, after the
target's three configuration bytes (default limits, no STARTTLS tag, byte 2 = 5: chunks
of 6, 1 and 1 bytes). Run by tools/gen-corpus.sh (`make corpus`).

usage: gen-response-seeds.py IMAPGUARD SESSION_DIR OUT_DIR
"""
import hashlib
import os
import subprocess
import sys
import tempfile

def main():
    tool, src, out = sys.argv[1:4]
    seen = set()
    written = 0
    for name in sorted(os.listdir(src)):
        data = open(os.path.join(src, name), "rb").read()
        if len(data) < 2:
            continue
        flags, stream = data[0], data[2:]
        # fuzz/fuzz_session.c: bit 0 plaintext login, bit 1 TLS active; "\xffTLS"
        # separates what arrives after a STARTTLS handshake.
        args = [tool, "replay"]
        if flags & 1:
            args.append("--plaintext-login")
        if flags & 2:
            args.append("--tls")
        plain, sep, after = stream.partition(b"\xffTLS")
        with tempfile.NamedTemporaryFile() as t:
            if sep:
                t.write(after)
                t.flush()
                args += ["--after-tls", t.name]
            r = subprocess.run(args, input=plain, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, timeout=60)
        resp = r.stdout
        digest = hashlib.sha1(resp).hexdigest()
        if not resp or digest in seen:
            continue
        seen.add(digest)
        with open(os.path.join(out, "session-" + name), "wb") as f:
            f.write(b"\x00\x00\x05" + resp)
        written += 1
    print("gen-response-seeds: %d distinct session transcripts" % written)

main()
