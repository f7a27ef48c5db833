#!/usr/bin/env python3
"""responses_lossless.py - `imapguard parse --responses --json` gives back the input bytes.

Usage: responses_lossless.py BIN NAME=SKIP:PATH[:PATH...]... (a PATH is a file or a
folder of inputs; SKIP leading bytes of each file are not part of the server stream: 3
for the response fuzz target's inputs, config, limits and chunk bytes). Prints TAP, one
check per NAME, over every input in it (files of the same stream once):

  decode    each line is JSON; its "raw" member, decoded with Python's own
            json.loads(...).encode("utf-8", "surrogateescape"), is the entry's bytes of
            the stream: stream[offset:offset+length] for a response, and for the error
            that stopped the reader stream[offset:error.offset+1] (its bytes up to and
            including the offending one); the entries tile the stream from 0, an error
            is the last entry, and when the exit status is 0 the responses cover the
            whole stream.
  encoding  the JSON text of "raw" is what the documented encoding gives for those
            bytes (json_lossless.expected_json: Python's UTF-8 decoder, not the tool's).
  chunks    for every 64th input, the output with --chunk 1 and --chunk 7 is the same
            as with one feed.

The oracles are the input files and Python's codecs, never the tool's code.
"""
import concurrent.futures
import hashlib
import json
import os
import subprocess
import sys
import tempfile

from json_lossless import expected_json


def run(binary, path, extra=()):
    return subprocess.run([binary, "parse", "--responses", "--json", *extra, path],
                          capture_output=True)


def check_one(binary, path, data, chunks):
    """Problems of one stream (its bytes are data, written to path)."""
    r = run(binary, path)
    errs = []
    if r.returncode not in (0, 1) or r.stderr:
        return ["%s: exit %d, stderr %r" % (path, r.returncode, r.stderr[:200])]
    want = 0
    lines = r.stdout.split(b"\n")[:-1]
    for i, line in enumerate(lines, 1):
        where = "%s line %d" % (path, i)
        try:
            text = line.decode("utf-8")
            o = json.loads(text)
        except ValueError as e:
            errs.append("%s: not UTF-8 JSON (%s)" % (where, e))
            continue
        off = o.get("offset")
        if not isinstance(off, int) or "raw" not in o or not isinstance(o["raw"], str):
            errs.append("%s: no offset or raw" % where)
            continue
        if off != want:
            errs.append("%s: offset %d, want %d (entries do not tile)" % (where, off, want))
        if o.get("ok"):
            end = off + o["length"]
        else:
            if i != len(lines):
                errs.append("%s: an error that is not the last entry" % where)
            end = min(o["error"]["offset"] + 1, len(data))
        whole = data[off:end]
        raw = o["raw"].encode("utf-8", "surrogateescape")
        if raw != whole:
            errs.append("%s: raw %r != stream[%d:%d] %r" % (where, raw[:60], off, end, whole[:60]))
        elif ('"raw":' + expected_json(whole)) not in text:
            errs.append("%s: raw is not in the documented encoding" % where)
        want = end
    if r.returncode == 0 and want != len(data):
        errs.append("%s: exit 0 but the responses end at %d of %d bytes" % (path, want, len(data)))
    if chunks:
        for c in ("1", "7"):
            if run(binary, path, ("--chunk", c)).stdout != r.stdout:
                errs.append("%s: --chunk %s gives another output" % (path, c))
    return errs


def main():
    binary = sys.argv[1]
    tmp = tempfile.mkdtemp(prefix="responses_lossless.")
    n = failed = 0
    try:
        for arg in sys.argv[2:]:
            name, _, spec = arg.partition("=")
            skip, _, paths = spec.partition(":")
            skip = int(skip)
            files = []
            for p in paths.split(":"):
                if os.path.isdir(p):
                    files += sorted(os.path.join(p, f) for f in os.listdir(p))
                elif p:
                    files.append(p)
            streams, seen = [], set()
            for f in files:
                with open(f, "rb") as fh:
                    data = fh.read()[skip:]
                h = hashlib.sha1(data).hexdigest()
                if h in seen:
                    continue
                seen.add(h)
                s = os.path.join(tmp, h)
                with open(s, "wb") as fh:
                    fh.write(data)
                streams.append((s, data))
            errs = []
            with concurrent.futures.ThreadPoolExecutor(max_workers=2) as ex:
                jobs = [ex.submit(check_one, binary, s, d, k % 64 == 0)
                        for k, (s, d) in enumerate(streams)]
                for j in jobs:
                    errs += j.result()
            n += 1
            what = "%s: raw gives back the stream, entries tile it (%d streams)" % (name, len(streams))
            if errs or not streams:
                failed += 1
                print("not ok %d - %s" % (n, what))
                for e in errs[:8]:
                    print("#   " + e)
                if not streams:
                    print("#   no inputs")
            else:
                print("ok %d - %s" % (n, what))
    finally:
        for f in os.listdir(tmp):
            os.unlink(os.path.join(tmp, f))
        os.rmdir(tmp)
    print("1..%d" % n)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
