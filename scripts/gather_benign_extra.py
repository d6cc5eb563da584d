#!/usr/bin/env python3
"""Second stage of scripts/gather_benign.sh: benign values from text nobody on the team wrote.

Reads what gather_benign.sh fetched (Debian description translations, pinned PyPI wheels and npm
tarballs) and the pinned Python packages in its venv (faker, markdown, docutils, pyjwt, sympy), and writes
target/benign/*.jsonl in the corpus format {"payload", "label": "benign", "source"}.

Each source has a cap, is deduplicated and shuffled with a fixed seed, so the same pinned inputs
give the same files. Third-party data: the output stays under target/ and is never committed.

Usage (from gather_benign.sh): python gather_benign_extra.py OUT_DIR APT_LISTS PYPI_DIR NPM_DIR
"""
import base64
import hashlib
import io
import json
import random
import re
import subprocess
import sys
import tarfile
import uuid
import zipfile
from pathlib import Path

out, apt_lists, pypi_dir, npm_dir = (Path(a) for a in sys.argv[1:5])
SEED = 20261126
rng = random.Random(SEED)


def write(name, source, values, cap):
    """Strip, bound the length, deduplicate, shuffle with the fixed seed, cap, write JSONL."""
    seen, rows = set(), []
    for v in values:
        v = v.strip()
        if 2 <= len(v) <= 2000 and v not in seen:
            seen.add(v)
            rows.append(v)
    random.Random(f"{SEED}:{name}").shuffle(rows)
    rows = rows[:cap]
    with open(out / f"{name}.jsonl", "w", encoding="utf-8") as f:
        for v in rows:
            f.write(json.dumps({"payload": v, "label": "benign", "source": source}, ensure_ascii=False) + "\n")
    print(f"{name}: {len(rows)} values")


def take(values, cap, key):
    """A fixed-seed sample of at most `cap` distinct values, so no single input dominates a file."""
    vals = sorted(set(v.strip() for v in values if v and v.strip()))
    random.Random(f"{SEED}:{key}").shuffle(vals)
    return vals[:cap]


# --- Debian package descriptions: technical prose full of command, SQL and markup words, in
# English and in the translations the Debian mirror carries (Translation-*). ---------------------
def apt_cat(path):
    return subprocess.run(["/usr/lib/apt/apt-helper", "cat-file", str(path)], capture_output=True,
                          text=True, check=True).stdout


def descriptions(text, lang):
    """Short description, each paragraph of the long one, and the whole description."""
    field = f"Description-{lang}:"
    for stanza in text.split("\n\n"):
        lines = stanza.splitlines()
        for i, line in enumerate(lines):
            if not line.startswith(field):
                continue
            short = line[len(field):].strip()
            body = []
            for cont in lines[i + 1:]:
                if not cont.startswith(" "):
                    break
                body.append(cont[1:])
            yield short
            paras, cur = [], []
            for b in body:
                if b.strip() == ".":
                    paras.append(cur)
                    cur = []
                else:
                    cur.append(b)
            paras.append(cur)
            for p in paras:
                if p:
                    # Indented lines are verbatim (lists, code); others are filled text.
                    yield "\n".join(p) if any(l.startswith(" ") for l in p) else " ".join(l.strip() for l in p)
            whole = short + "\n" + "\n".join("" if b.strip() == "." else b for b in body)
            yield whole


def translations():
    found = {}
    for p in sorted(apt_lists.glob("*_main_i18n_Translation-*")):
        lang = p.name.split("Translation-", 1)[1].split(".")[0].replace("%5f", "_")
        found.setdefault(lang, []).append(p)
    return found


trans = translations()
en = []
for p in trans.pop("en", []):
    en += list(descriptions(apt_cat(p), "en"))
write("debian_desc", "debian:bookworm main Translation-en (package descriptions)", take(en, 15000, "en"), 15000)
world = []
for lang, paths in sorted(trans.items()):
    vals = []
    for p in paths:
        vals += list(descriptions(apt_cat(p), lang))
    world += take(vals, 1500, lang)
write("debian_i18n", "debian:bookworm main Translation-" + ",".join(sorted(trans)), world, 20000)


# --- READMEs of pinned PyPI and npm packages: Markdown as people type it into a comment box, and
# the same documents rendered to HTML with a pinned Markdown library (rich text). -----------------
def pypi_readmes():
    for whl in sorted(pypi_dir.glob("*.whl")):
        with zipfile.ZipFile(whl) as z:
            meta = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
            text = z.read(meta).decode("utf-8", "replace")
        head, _, body = text.partition("\n\n")
        ctype = re.search(r"^Description-Content-Type:\s*(\S+)", head, re.M)
        # PyPI renders a description without a content type as reStructuredText.
        fmt = "md" if ctype is not None and "markdown" in ctype.group(1) else "rst"
        if body.strip():
            yield whl.name, body, fmt


def npm_members(pattern):
    for tgz in sorted(npm_dir.glob("*.tgz")):
        with tarfile.open(tgz) as t:
            for m in t.getmembers():
                if m.isfile() and re.fullmatch(pattern, m.name, re.I):
                    yield tgz.name, m.name, t.extractfile(m).read().decode("utf-8", "replace")


readmes = list(pypi_readmes()) + [(f"{n}:{m}", t, "md") for n, m, t in npm_members(r"package/readme\.md")]


def md_blocks(text):
    """Markdown split into blocks (paragraphs, lists, fenced code), as a comment would hold."""
    blocks, cur, fenced = [], [], False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
            cur.append(line)
            if not fenced:
                blocks.append("\n".join(cur))
                cur = []
            continue
        if not fenced and not line.strip():
            if cur:
                blocks.append("\n".join(cur))
            cur = []
        else:
            cur.append(line)
    if cur:
        blocks.append("\n".join(cur))
    return blocks


md_vals = []
for name, text, _ in readmes:
    md_vals += take(md_blocks(text), 1200, name)
write("readme_text", "pypi+npm: README Markdown/reStructuredText of pinned packages (see gather_benign.sh)",
      md_vals, 15000)

import markdown  # noqa: E402  (pinned in the venv)
from docutils.core import publish_parts  # noqa: E402  (pinned in the venv)


def render(text, fmt):
    """HTML as the registry shows the README: Markdown, or reStructuredText through docutils."""
    if fmt == "md":
        return markdown.markdown(text, extensions=["tables", "fenced_code", "sane_lists"])
    settings = {"report_level": 5, "halt_level": 5, "raw_enabled": False, "file_insertion_enabled": False}
    return publish_parts(text, writer_name="html5", settings_overrides=settings)["body"]


block = re.compile(r"<(p|li|h[1-6]|pre|blockquote|table|dl)\b[^>]*>.*?</\1>", re.S | re.I)
html_vals = []
for name, text, fmt in readmes:
    rendered = render(text, fmt)
    frags = [m.group(0) for m in block.finditer(rendered)]
    # Whole sections (a heading with what follows it) as an editor submits a short document.
    frags += [s for s in re.split(r"(?=<h[1-3]\b)", rendered) if 40 <= len(s) <= 2000]
    html_vals += take(frags, 1200, name)
# READMEs are benign content; a rich-text editor strips script, so drop fragments with script
# (some READMEs embed raw HTML), as gather_benign.sh does for the documentation HTML.
html_vals = [h for h in html_vals if not re.search(r"<script|\son\w+\s*=|javascript:", h, re.I)]
write("readme_html", "pypi+npm: README rendered with pypi:markdown==3.11.3 or docutils==0.21.2", html_vals,
      15000)


# --- JSON documents: package.json files (without `scripts`, which are shell commands) whole and
# in parts, and the country-name tables of an i18n package (many languages and scripts). ---------
def json_values(node, depth=0):
    if depth > 8:
        return
    if isinstance(node, dict):
        for k, v in node.items():
            yield k
            yield from json_values(v, depth + 1)
    elif isinstance(node, list):
        for v in node:
            yield from json_values(v, depth + 1)
    elif isinstance(node, str):
        yield node


json_vals = []
for name, member, text in npm_members(r"package/(.*/)?package\.json"):
    try:
        doc = json.loads(text)
    except ValueError:
        continue
    if not isinstance(doc, dict):
        continue
    doc.pop("scripts", None)
    json_vals.append(json.dumps(doc, ensure_ascii=False))
    json_vals.append(json.dumps(doc, ensure_ascii=False, indent=2))
    json_vals += [json.dumps(v, ensure_ascii=False) for v in doc.values() if isinstance(v, (dict, list))]
    json_vals += take(json_values(doc), 150, f"{name}:{member}")
countries = []
for name, member, text in npm_members(r"package/langs/[a-z_]+\.json"):
    doc = json.loads(text)
    names = doc.get("countries", {})
    countries += take(json_values(names), 40, member)
    small = dict(list(names.items())[rng.randrange(0, max(1, len(names) - 5)):][:5])
    countries.append(json.dumps({"locale": doc.get("locale"), "countries": small}, ensure_ascii=False))
write("json_docs", "npm: package.json of pinned packages, i18n-iso-countries@7.13.0 langs",
      take(json_vals, 5000, "pkg") + countries, 9000)

# --- Faker locales the corpus does not use: names (with apostrophes, particles, many scripts),
# addresses, companies, jobs, phone numbers, sentences. --------------------------------------------
from faker import Faker  # noqa: E402

used = {"en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "pt_BR", "nl_NL", "pl_PL", "ru_RU", "ja_JP",
        "zh_CN"}
locales = ["ar_EG", "ar_SA", "he_IL", "fa_IR", "hi_IN", "bn_BD", "ta_IN", "ko_KR", "zh_TW", "th_TH",
           "vi_VN", "id_ID", "tr_TR", "el_GR", "bg_BG", "uk_UA", "cs_CZ", "sk_SK", "hu_HU", "ro_RO",
           "hr_HR", "sl_SI", "lt_LT", "lv_LV", "et_EE", "fi_FI", "sv_SE", "no_NO", "da_DK", "ga_IE",
           "en_IE", "en_AU", "en_CA", "en_IN", "en_NZ", "fr_CA", "fr_BE", "de_AT", "de_CH", "es_MX",
           "es_AR", "pt_PT", "it_CH", "ka_GE", "hy_AM", "az_AZ", "fil_PH", "sw", "zu_ZA", "mt_MT"]
assert not used & set(locales)
kinds = ["name", "first_name", "last_name", "address", "street_address", "city", "company", "job",
         "phone_number", "email", "sentence", "catch_phrase", "postcode"]
fk_vals = []
for i, loc in enumerate(locales):
    fk = Faker(loc)
    fk.seed_instance(SEED + i)
    for kind in kinds:
        for _ in range(25):
            try:
                fk_vals.append(str(getattr(fk, kind)()))
            except (AttributeError, ValueError):
                break
write("faker_world", f"pypi:faker==40.63.0#seed={SEED},locales={len(locales)} not in faker_benign", fk_vals, 15000)

# --- Tokens and header values: cookies, JWTs, UUIDs, base64/base64url/hex secrets, bearer and
# basic credentials, the way browsers and API clients send them. -----------------------------------
import jwt  # noqa: E402  (pinned pyjwt)

fk = Faker(["en_US", "de_DE", "ja_JP", "pt_BR"])
fk.seed_instance(SEED)


def rand_bytes(n):
    return bytes(rng.randrange(256) for _ in range(n))


def b64(n, url=False):
    raw = rand_bytes(n)
    return (base64.urlsafe_b64encode(raw).rstrip(b"=") if url else base64.b64encode(raw)).decode()


def a_jwt():
    claims = {"sub": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "name": fk.name(),
              "email": fk.email(), "iat": 1_700_000_000 + rng.randrange(10**7), "scope": "read write",
              "roles": rng.sample(["admin", "user", "editor", "viewer"], 2)}
    return jwt.encode(claims, rand_bytes(64), algorithm=rng.choice(["HS256", "HS384", "HS512"]))


def cookie_pair():
    kind = rng.randrange(9)
    if kind == 0:
        return f"_ga=GA1.{rng.randint(1, 3)}.{rng.randrange(10**9, 10**10)}.{rng.randrange(10**9, 2 * 10**9)}"
    if kind == 1:
        return f"PHPSESSID={rand_bytes(13).hex()}"
    if kind == 2:
        return f"JSESSIONID={rand_bytes(16).hex().upper()}.node{rng.randint(0, 9)}"
    if kind == 3:
        return f"csrftoken={b64(24, url=True)}"
    if kind == 4:
        return f"session={a_jwt()}"
    if kind == 5:
        return f"lang={fk.locale()}"
    if kind == 6:
        return f"remember_token={rng.randrange(10**5)}|{rand_bytes(30).hex()}"
    if kind == 7:
        return f"__Secure-next-auth.session-token={b64(48, url=True)}"
    return f"prefs={base64.b64encode(json.dumps({'theme': rng.choice(['dark', 'light']), 'tz': fk.timezone()}).encode()).decode()}"


tok_vals = []
for _ in range(1500):
    tok_vals.append("; ".join(cookie_pair() for _ in range(rng.randint(1, 6))))
    tok_vals.append(a_jwt())
    tok_vals.append("Bearer " + a_jwt())
    tok_vals.append("Basic " + base64.b64encode(f"{fk.user_name()}:{fk.password()}".encode()).decode())
    tok_vals.append(str(uuid.UUID(int=rng.getrandbits(128), version=4)))
    tok_vals.append(b64(rng.choice([16, 24, 32, 48, 64, 96])))
    tok_vals.append(b64(rng.choice([16, 32, 64]), url=True))
    tok_vals.append(hashlib.sha256(rand_bytes(16)).hexdigest())
write("tokens", f"generated: cookies, pyjwt==2.15.1 JWTs, UUIDs, base64 (seed={SEED})", tok_vals, 9000)

# --- Math: LaTeX and plain formulas with <, =, >=, from sympy's docstrings (:math: roles, math
# blocks) and random relations printed by sympy itself; and, as a source of its own, the Python
# lines of sympy's doctests that hold <, > or = (code pasted into a form, not formulas). ----------
math_vals, code_vals = [], []
whl = next(iter(sorted(pypi_dir.glob("sympy-*.whl"))), None)
if whl is not None:
    with zipfile.ZipFile(whl) as z:
        names = sorted(n for n in z.namelist() if n.endswith(".py") and "/tests/" not in n)
        for n in names:
            src = z.read(n).decode("utf-8", "replace")
            math_vals += re.findall(r":math:`([^`\n]{3,300})`", src)
            math_vals += [m.strip() for m in re.findall(r"\.\. math::\s*\n((?:[ \t]+\S.*\n)+)", src)]
            code_vals += [l.strip()[4:] for l in src.splitlines()
                          if l.strip().startswith(">>> ") and re.search(r"[<>=]", l)]
math_vals = take(math_vals, 4000, "sympy-doc")
try:
    import sympy  # noqa: E402
    from sympy import Eq, Ge, Gt, Le, Lt, Ne, symbols  # noqa: E402
    xs = symbols("x y z a b n t")
    rels = [Eq, Ne, Lt, Le, Gt, Ge]
    for _ in range(1500):
        lhs = sum(rng.randint(-9, 9) * rng.choice(xs) ** rng.randint(1, 3) for _ in range(rng.randint(1, 3)))
        rhs = rng.randint(-99, 99) + rng.choice([0, 1]) * rng.choice(xs)
        r = rng.choice(rels)(lhs, rhs)
        if r in (sympy.true, sympy.false):
            continue
        math_vals += [str(r), sympy.latex(r)]
except ImportError:
    pass
write("math", "pypi:sympy==1.13.3 docstrings and printed relations", math_vals, 6000)
write("pycode", "pypi:sympy==1.13.3 doctest lines with <, > or =", code_vals, 4000)
