#!/usr/bin/env bash
# Check the EPUB with Ace by DAISY, the accessibility checker of the EPUB world.
#   scripts/check-accessibility.sh [BOOK.epub]    (default: the one in _build/editions)
# Installs Ace into .cache/ace on first use (npm, about 400 packages) and runs it with
# Debian's chromium (the plain `ace` binary needs Electron, which does not run here).
# Prints every violation with its impact and page; fails if there is one.
set -euo pipefail
epub=${1:-$(ls _build/editions/*.epub 2>/dev/null | head -1)}
[ -n "$epub" ] && [ -f "$epub" ] || { echo "no EPUB: run \`make epub\` first" >&2; exit 1; }
tools=${ACE_DIR:-.cache/ace}
if [ ! -x "$tools/node_modules/.bin/ace-puppeteer" ]; then
  command -v npm >/dev/null || { echo "Ace needs npm: sudo apt-get install -y npm" >&2; exit 1; }
  mkdir -p "$tools"
  (cd "$tools" && npm init -y >/dev/null && npm install --ignore-scripts --silent @daisy/ace)
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
PUPPETEER_EXECUTABLE_PATH=${CHROMIUM:-/usr/bin/chromium} \
  "$tools/node_modules/.bin/ace-puppeteer" --force --outdir "$out" "$epub" >/dev/null
python3 - "$out/report.json" "$epub" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
found = [
    (test["earl:test"]["earl:impact"], test["earl:test"]["dct:title"],
     test["earl:result"].get("earl:pointer", {}).get("cfi", [""])[0] if isinstance(
         test["earl:result"].get("earl:pointer"), dict) else "", page["earl:testSubject"]["url"])
    for page in report["assertions"] for test in page["assertions"]
]
for impact, title, _, url in found:
    print(f"{url}: {impact}: {title}")
print(f"Ace: {len(found)} violation(s) in {sys.argv[2]} ({report['earl:result']['earl:outcome']})")
sys.exit(1 if found else 0)
PY
