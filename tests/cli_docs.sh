#!/usr/bin/env bash
# The documents hold together: every relative link in README.md and
# docs/*.md leads to a file that exists (and, with #anchor, to a heading of
# that file, as GitHub spells anchors), and every docs/*.md has a row in the
# README's table of documents. Links to http(s) and mailto are not followed.
set -euo pipefail
src=$2
command -v python3 >/dev/null || { echo "skip: no python3"; exit 77; }
python3 - "$src" <<'PY'
import glob, os, re, sys

src = sys.argv[1]
passed = failed = 0

def fail(msg):
    global failed
    failed += 1
    print("FAIL: " + msg)

def prose(path):
    """(line number, line) outside fenced code blocks, inline code removed."""
    fence = False
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.lstrip().startswith("```"):
                fence = not fence
                continue
            if not fence:
                yield n, re.sub(r"`[^`]*`", "", line)

def anchors(path):
    """The anchors GitHub makes for a file's headings (inline code kept as text)."""
    seen, out, fence = {}, set(), False
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.lstrip().startswith("```"):
                fence = not fence
                continue
            m = None if fence else re.match(r"#{1,6}\s+(.*?)\s*$", line)
            if not m:
                continue
            slug = re.sub(r"[^\w\- ]", "", m.group(1).lower()).replace(" ", "-")
            k = seen.get(slug, 0)
            seen[slug] = k + 1
            out.add(slug if k == 0 else "%s-%d" % (slug, k))
    return out

docs = sorted(glob.glob(os.path.join(src, "docs", "*.md")))
files = [os.path.join(src, "README.md")] + docs
link = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
readme_targets = set()
for path in files:
    rel = os.path.relpath(path, src)
    for n, line in prose(path):
        for target in link.findall(line):
            if re.match(r"[a-z]+:", target):
                continue
            where = "%s:%d: %s" % (rel, n, target)
            name, _, frag = target.partition("#")
            dest = os.path.normpath(os.path.join(os.path.dirname(path), name)) if name else path
            if not os.path.exists(dest):
                fail(where + ": no such file")
                continue
            if path.endswith("README.md") and os.path.dirname(path) == src:
                readme_targets.add(os.path.relpath(dest, src))
            if frag and dest.endswith(".md") and frag not in anchors(dest):
                fail(where + ": no heading #" + frag)
                continue
            passed += 1

for path in docs:
    rel = os.path.relpath(path, src)
    if rel == os.path.join("docs", "README.md"):
        continue
    if rel in readme_targets:
        passed += 1
    else:
        fail("%s is not linked from README.md's table of documents" % rel)

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
