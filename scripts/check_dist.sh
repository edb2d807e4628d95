#!/bin/sh
# Build the sdist and wheel, install the sdist in a fresh venv, and run the CLI from
# another folder: what `pip install tei-toolkit` does on a user's machine.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$ROOT/.venv/bin/python" -m build -q --outdir "$WORK/dist" "$ROOT" >"$WORK/build.log" 2>&1 || {
    cat "$WORK/build.log"; exit 1; }
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install -q --disable-pip-version-check -c "$ROOT/constraints.txt" \
    "$WORK"/dist/*.tar.gz
cd "$WORK"
cp "$ROOT/tests/export/letter.xml" "$WORK/letter.xml"
"$WORK/venv/bin/tei-toolkit" validate letter.xml
"$WORK/venv/bin/tei-toolkit" convert "$ROOT/corpus/stalin-choibalsan-1944.txt" -o "$WORK/out.xml"
"$WORK/venv/bin/tei-toolkit" export text "$WORK/out.xml" >/dev/null
echo "dist-check: sdist and wheel build; the installed sdist validates, converts, exports"
