#!/usr/bin/env python3
"""Run PyRASP 0.8.2 and libinjection on the same validation values as `rasp eval` and print
the same table, side by side with rasp-rs.

Creates a scratch venv under target/baselines-venv, pip-installs the baselines there (never a
dependency of the product), selects the validation side of the shared hash split (the Rust
`split_of`: seeded FNV-1a 64 + avalanche, one value in five), and calls each detector in
process, one value at a time, as the products do.

Usage: scripts/compare_baselines.py CORPUS.jsonl... [--max-per-label N] [--json OUT]
"""
import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / "target" / "baselines-venv"
# PyRASP 0.8.2 pickles its models with scikit-learn 1.3.0 (spec section 7.1).
PIP = ["pyrasp==0.8.2", "scikit-learn==1.3.0", "numpy<2", "flask", "libinjection-python"]

SPLIT_SEED = 0x5241_5350_2D72_7321
MASK = (1 << 64) - 1


def fnv1a64(seed, data):
    h = 0xCBF29CE484222325 ^ seed
    for b in data:
        h ^= b
        h = (h * 0x100000001B3) & MASK
    return h


def is_validation(payload):
    h = fnv1a64(SPLIT_SEED, payload.encode("utf-8"))
    h ^= h >> 33
    h = (h * 0xFF51AFD7ED558CCD) & MASK
    h ^= h >> 33
    return h % 5 == 0


def ensure_venv():
    py = VENV / "bin" / "python"
    if not py.exists():
        subprocess.check_call([sys.executable, "-m", "venv", str(VENV)])
    subprocess.call([str(py), "-m", "pip", "install", "-q", *PIP])
    return py


WORKER = r'''
import json, sys, time, io, contextlib
rows = json.load(open(sys.argv[1]))
out = {}

def bench(name, fn):
    res = []
    for payload, label in rows:
        t = time.perf_counter()
        try:
            hit = bool(fn(payload))
            err = False
        except Exception:
            hit, err = False, True
        res.append((hit, err, time.perf_counter() - t))
    out[name] = res

# libinjection (the C library through its Python binding): SQLi and XSS only.
try:
    import libinjection
    def li(v):
        s = libinjection.is_sql_injection(v)
        x = libinjection.is_xss(v)
        s = s.get("is_sqli") if isinstance(s, dict) else s
        x = x.get("is_xss") if isinstance(x, dict) else x
        return bool(s) or bool(x)
    bench("libinjection", li)
except Exception as e:
    out["libinjection_error"] = repr(e)

# PyRASP 0.8.2: its own check functions on one query-string value, as FlaskRASP calls them.
try:
    with contextlib.redirect_stdout(io.StringIO()):
        from flask import Flask
        from pyrasp import pyrasp
        app = Flask(__name__)
        rasp = pyrasp.FlaskRASP(app, conf=None, key=None, verbose_level=0)
    from pyrasp import pyrasp_data as D
    keys = set(D.SQL_INJECTIONS_VECTORS) | set(D.XSS_VECTORS) | set(D.COMMAND_INJECTIONS_VECTORS)
    def pr(v):
        vectors = {k: [] for k in keys}
        vectors["qs_values"] = [v]
        with contextlib.redirect_stdout(io.StringIO()):
            # PyRASP 0.8.2's own order: command injection, XSS, SQLi (first hit wins).
            for check in (rasp.check_cmdi, rasp.check_xss, rasp.check_sqli):
                if check(vectors):
                    return True
        return False
    bench("pyrasp", pr)
except Exception as e:
    out["pyrasp_error"] = repr(e)

json.dump(out, sys.stdout)
'''


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpora", nargs="+")
    ap.add_argument("--max-per-label", type=int, default=1000,
                    help="cap per label (PyRASP takes ~10 ms a value)")
    ap.add_argument("--json")
    args = ap.parse_args()

    rows = []
    for path in args.corpora:
        for line in open(path, encoding="utf-8"):
            if line.strip():
                r = json.loads(line)
                if is_validation(r["payload"]):
                    rows.append((r["payload"], r["label"]))
    # A fixed-seed shuffle so the capped sample mixes every source of each label.
    random.Random(20261125).shuffle(rows)
    per = {}
    sample = []
    for p, l in rows:
        if per.get(l, 0) < args.max_per_label:
            per[l] = per.get(l, 0) + 1
            sample.append((p, l))

    py = ensure_venv()
    tmp = ROOT / "target" / "baselines-values.json"
    tmp.write_text(json.dumps(sample))
    worker = ROOT / "target" / "baselines-worker.py"
    worker.write_text(WORKER)
    res = json.loads(subprocess.check_output([str(py), str(worker), str(tmp)]))

    # rasp-rs on the same values, through `rasp eval --json` over a temporary corpus file.
    tmp_corpus = ROOT / "target" / "baselines-values.jsonl"
    with open(tmp_corpus, "w", encoding="utf-8") as f:
        for p, l in sample:
            f.write(json.dumps({"payload": p, "label": l, "source": "sample"}) + "\n")
    rasp = os.environ.get("RASP_BIN") or str(ROOT / "target" / "release" / "rasp")
    ours = json.loads(subprocess.check_output([rasp, "eval", "--split", "all", "--json", str(tmp_corpus)]))

    labels = ["sqli", "xss", "cmdi", "path_traversal", "benign"]
    table = {}
    for name in ("pyrasp", "libinjection"):
        if name not in res:
            print(f"{name}: not measured: {res.get(name + '_error')}", file=sys.stderr)
            continue
        t = {}
        for l in labels:
            idx = [i for i, (_, lab) in enumerate(sample) if lab == l]
            if idx:
                t[l] = 100.0 * sum(res[name][i][0] for i in idx) / len(idx)
        times = sorted(r[2] for r in res[name])
        t["mean_us"] = 1e6 * sum(times) / len(times)
        t["p99_us"] = 1e6 * times[int(len(times) * 0.99)]
        t["errors"] = sum(r[1] for r in res[name])
        table[name] = t
    table["rasp-rs"] = {l: ours["by_label"][l]["rate_any"] for l in labels if l in ours["by_label"]}
    table["rasp-rs"]["mean_us"] = ours["time_ns"]["mean"] / 1e3
    table["rasp-rs"]["p99_us"] = ours["time_ns"]["p99"] / 1e3

    print(f"values: {len(sample)} ({', '.join(f'{l} {per.get(l, 0)}' for l in labels)})")
    print(f"{'':22}" + "".join(f"{n:>14}" for n in table))
    for l in labels + ["mean_us", "p99_us"]:
        name = {"benign": "benign flagged %", "mean_us": "mean µs/value", "p99_us": "p99 µs/value"}.get(l, l + " caught %")
        print(f"{name:22}" + "".join(f"{table[n].get(l, float('nan')):>14.2f}" for n in table))
    if args.json:
        Path(args.json).write_text(json.dumps(table, indent=2))


if __name__ == "__main__":
    main()
