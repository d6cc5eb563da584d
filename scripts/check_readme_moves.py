#!/usr/bin/env python3
"""Check that no text of the old README was lost when it was split into README.md and docs/.

Usage: scripts/check_readme_moves.py [BASE]   (BASE defaults to 80e2437, the last commit
with the long README; it equalled `main` when the split was made)

Every non-empty line of the old README must appear verbatim (whitespace normalised) in
README.md or docs/*.md. Lines that do not are split into sentences, and each sentence is
looked for in the whitespace-normalised text of the new files, so that re-flowed
paragraphs pass. What is left is printed: each must be a rewrite whose facts survive."""
import glob, re, subprocess, sys

def norm(s):
    return re.sub(r'\s+', ' ', s).strip()

base = sys.argv[1] if len(sys.argv) > 1 else '80e2437'
old = subprocess.run(['git', 'show', base + ':README.md'], capture_output=True, text=True,
                     check=True).stdout
files = ['README.md'] + sorted(glob.glob('docs/*.md'))
new_lines, new_text = set(), []
for f in files:
    t = open(f, encoding='utf-8').read()
    new_lines.update(norm(l) for l in t.split('\n') if l.strip())
    new_text.append(norm(t))
blob = ' '.join(new_text)

missing_lines, missing_sentences = [], []
for i, line in enumerate(old.split('\n'), 1):
    n = norm(line)
    if not n or n in new_lines or n in blob:
        continue
    missing_lines.append((i, line))
# sentence check over the whole old text, by paragraph
for para in re.split(r'\n\s*\n', old):
    # section markers are checked as lines above; leave them out of the sentences
    p = norm('\n'.join(l for l in para.split('\n') if not l.startswith('<!-- section:')))
    if not p or p in blob:
        continue
    for s in re.split(r'(?<=[.;:!?])\s+(?=[A-Z`(*"])', p):
        if s and s not in blob:
            missing_sentences.append(s)
print(f'old README: {sum(1 for l in old.splitlines() if l.strip())} non-empty lines')
print(f'lines not found verbatim (after whitespace normalisation): {len(missing_lines)}')
for i, l in missing_lines:
    print(f'  {i}: {l[:110]}')
print(f'sentences not found (re-flow tolerant): {len(missing_sentences)}')
for s in missing_sentences:
    print('  -', s[:160])
