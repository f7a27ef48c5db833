#!/usr/bin/env python3
"""json_lossless.py - `imapguard parse --json` gives back the exact input bytes.

Usage: json_lossless.py BIN NAME=PATH[:PATH...]... (a PATH is a file or a folder of
inputs; NAME@cat=PATH... instead concatenates all those inputs into one stream, which is
cheaper than a process per input and still checks every byte; NAME@plain=PATH... runs
with the default options only). Prints TAP, one check
per NAME and option set, over every input in it (files of the same content once):

  decode    each line is JSON; its "raw" member, decoded with Python's own
            json.loads(...).encode("utf-8", "surrogateescape"), is the entry's bytes
            of the input file (input[offset:offset+length]; with "raw_omitted", a
            prefix of them, raw_omitted bytes short); the entries tile the input.
  encoding  the JSON text of "raw" is exactly what the documented encoding gives
            for those bytes, written here from Python's UTF-8 decoder (RFC 3629:
            no overlong forms, surrogates or code points above U+10FFFF): valid UTF-8
            as it is, other bytes 80-FF as \\udcXX, \\" \\\\ \\n \\r \\t, other bytes
            below 20 and 7F as \\u00XX; and every other string of the line decodes to
            bytes (no escape outside those forms).
  framing   every accepted command ends where an independent framer, written here,
            ends it: lines end at CRLF (also at a bare LF with --lenient-lf), and a
            line that ends with {N} or {N+} continues after N octets.

The oracles are the input files and Python's UTF-8 codec, never the tool's code.
"""
import concurrent.futures
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

OPTION_SETS = [[], ["--lenient-lf", "--utf8", "--literal-plus"]]
LITERAL = re.compile(rb"\{([0-9]+)\+?\}$")


def expected_json(data):
    """The documented encoding of data, from Python's decoder (not the tool's)."""
    out = ['"']
    for ch in data.decode("utf-8", "surrogateescape"):
        o = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif o < 0x20 or o == 0x7F:
            out.append("\\u%04x" % o)
        elif 0xDC80 <= o <= 0xDCFF:
            out.append("\\u%04x" % o)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def frame_end(data, pos, lenient):
    """Where the command starting at pos ends, by IMAP framing alone (RFC 9051 §2.2)."""
    while True:
        nl = data.find(b"\n", pos)
        if nl < 0:
            return None
        if data[nl - 1:nl] == b"\r" and nl - 1 >= pos:
            line = data[pos:nl - 1]
        elif lenient:
            line = data[pos:nl]
        else:  # a bare LF never ends an accepted command in strict mode
            pos = nl + 1
            continue
        m = LITERAL.search(line)
        if m is None:
            return nl + 1
        pos = nl + 1 + int(m.group(1))


def strings(v):
    if isinstance(v, str):
        yield v
    elif isinstance(v, list):
        for x in v:
            yield from strings(x)
    elif isinstance(v, dict):
        for k, x in v.items():
            yield k
            yield from strings(x)


def check_one(binary, path, opts):
    """Problems of one input under one option set (a list of strings)."""
    with open(path, "rb") as f:
        data = f.read()
    r = subprocess.run([binary, "parse", "--json"] + opts + [path], capture_output=True)
    errs = []
    if r.returncode not in (0, 1) or r.stderr:
        errs.append("exit %d, stderr %r" % (r.returncode, r.stderr[:200]))
    lenient = "--lenient-lf" in opts
    want = 0
    for i, line in enumerate(r.stdout.split(b"\n")[:-1], 1):
        where = "%s %s line %d" % (path, " ".join(opts), i)
        try:
            text = line.decode("utf-8")  # strict: the output is valid UTF-8
            o = json.loads(text)
        except ValueError as e:
            errs.append("%s: not UTF-8 JSON (%s)" % (where, e))
            continue
        off, length = o.get("offset"), o.get("length")
        if not isinstance(off, int) or not isinstance(length, int) or "raw" not in o:
            errs.append("%s: no offset, length or raw" % where)
            continue
        if off != want:
            errs.append("%s: offset %d, want %d" % (where, off, want))
        want = off + length
        whole = data[off:off + length]
        try:
            raw = o["raw"].encode("utf-8", "surrogateescape")
            for s in strings(o):
                s.encode("utf-8", "surrogateescape")
        except (UnicodeError, AttributeError) as e:
            errs.append("%s: a string is not a surrogateescape byte string (%s)" % (where, e))
            continue
        omitted = o.get("raw_omitted", 0)
        if len(whole) != length or whole[:len(raw)] != raw or len(raw) + omitted != length \
                or (omitted and o.get("ok") is not False):
            errs.append("%s: decode: raw is not the entry's %d input bytes" % (where, length))
        if '"raw":' + expected_json(whole[:len(raw)]) + "," not in text:
            errs.append("%s: encoding: raw is not written as documented" % where)
        if o.get("ok") is True:
            end = frame_end(data, off, lenient)
            if end != off + length:
                errs.append("%s: framing: the framer ends the command at %s, the tool at %d"
                            % (where, end, off + length))
    if r.returncode == 0 and want != len(data):
        errs.append("%s %s: entries end at %d, the input at %d"
                    % (path, " ".join(opts), want, len(data)))
    return errs


def inputs(path):
    if os.path.isdir(path):
        for root, _, files in sorted(os.walk(path)):
            for f in sorted(files):
                if not f.startswith(".") and not f.endswith(".md"):
                    yield os.path.join(root, f)
    elif os.path.isfile(path):
        yield path


def main():
    binary = sys.argv[1]
    seen = set()
    groups = []
    tmp = tempfile.mkdtemp(prefix="json_lossless.")
    for spec in sys.argv[2:]:
        name, _, paths = spec.partition("=")
        files = []
        opts_sets = OPTION_SETS
        if name.endswith("@plain"):  # default options only
            name = name[:-6]
            opts_sets = OPTION_SETS[:1]
        cat = name.endswith("@cat")
        for p in paths.split(":"):
            for f in inputs(p):
                with open(f, "rb") as fh:
                    h = hashlib.sha1(fh.read()).digest()
                if cat or h not in seen:
                    seen.add(h)
                    files.append(f)
        if cat and files:
            name = name[:-4] + " concatenated"
            whole = os.path.join(tmp, "%d.imap" % len(groups))
            with open(whole, "wb") as out:
                for f in files:
                    with open(f, "rb") as fh:
                        out.write(fh.read())
            files = [whole]
        groups.append((name, files, opts_sets))
    n = 0
    failed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for name, files, opts_sets in groups:
            for opts in opts_sets:
                jobs = [pool.submit(check_one, binary, f, opts) for f in files]
                errs = [e for j in jobs for e in j.result()]
                n += 1
                what = "%s (%d inputs%s): raw decodes to the input bytes, encoded as " \
                       "documented; accepted commands framed as an independent framer does" \
                       % (name, len(files), ", " + " ".join(opts) if opts else "")
                if errs or not files:
                    failed += 1
                    print("not ok %d - %s" % (n, what))
                    for e in errs[:8]:
                        print("#   " + e)
                    if not files:
                        print("#   no inputs")
                else:
                    print("ok %d - %s" % (n, what))
    print("1..%d" % n)
    shutil.rmtree(tmp)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
