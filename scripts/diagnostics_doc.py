"""Write docs/DIAGNOSTICS.md from the code catalogue in tei_toolkit/diagnostics.py.

    python scripts/diagnostics_doc.py > docs/DIAGNOSTICS.md   (make docs)

tests/test_diagnostic_codes.py fails when the page and the catalogue disagree.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tei_toolkit.diagnostics import CODES, FAMILIES  # noqa: E402

HEAD = """# Diagnostic codes

Every message tei-toolkit prints ends with a stable code in brackets
(`file:line:col: error: message [code]`); `--format json|sarif|junit|github` carries the
same code. A code is `family:name`; the family says which stage spoke. This page is
written from the catalogue in `tei_toolkit/diagnostics.py` (`make docs`), and a test
checks that every code in the source is in the catalogue.

Severity is given by each message (error, warning or info), not by the code: a missing
local schema is a warning, a refused one an error. Exit codes are in the README.
"""


def render() -> str:
    out = [HEAD]
    family = None
    for code in sorted(CODES, key=lambda c: (c.split(":")[0], c)):
        head = code.split(":")[0]
        if head != family:
            family = head
            out.append(f"\n## {family}\n\n| code | meaning |\n|---|---|")
        out.append(f"| `{code}` | {CODES[code]} |")
    out.append("\n## Families whose names come from a schema\n")
    out.extend(f"- `{fam}:<id>`: {text}" for fam, text in sorted(FAMILIES.items()))
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:  # pre-commit: the committed page is the rendered one
        page = Path(__file__).resolve().parent.parent / "docs" / "DIAGNOSTICS.md"
        if page.read_text(encoding="utf-8") != render():
            sys.exit("docs/DIAGNOSTICS.md is out of date: run `make docs`")
    else:
        sys.stdout.write(render())
