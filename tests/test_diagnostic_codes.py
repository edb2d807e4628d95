"""The code catalogue: every code in the source is listed, documented and really emitted
with that meaning; codes seen on real runs are all in the catalogue."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from tei_toolkit.diagnostics import CODES, FAMILIES, describe

SOURCE = ROOT / "tei_toolkit"
CODE_LIKE = re.compile(r"^([a-z]+):[a-z][a-z0-9-]*$")
MAKERS = {"error": 0, "warning": 0, "info": 0, "Diagnostic": 1}


def _is_catalogue(node: ast.stmt) -> bool:
    target = getattr(node, "target", None) or (getattr(node, "targets", None) or [None])[0]
    return getattr(target, "id", None) in ("CODES", "FAMILIES")


def _literal_codes() -> dict[str, list[str]]:
    """Codes written in the source: arguments of the diagnostic makers, ``code=``
    keywords, and any "family:name" string of a catalogued family."""
    families = {c.split(":")[0] for c in CODES} | set(FAMILIES)
    found: dict[str, list[str]] = {}

    def add(value: str, where: str) -> None:
        found.setdefault(value, []).append(where)

    for path in sorted(SOURCE.rglob("*.py")):
        rel = str(path.relative_to(ROOT))
        tree = ast.parse(path.read_text(encoding="utf-8"))
        tree.body = [n for n in tree.body if not _is_catalogue(n)]
        for node in ast.walk(tree):
            where = f"{rel}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                m = CODE_LIKE.match(node.value)
                if m and m.group(1) in families:
                    add(node.value, where)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):  # code="input"
                a = node.args
                named = list(zip(a.args[len(a.args) - len(a.defaults) :], a.defaults))
                named += [(k, d) for k, d in zip(a.kwonlyargs, a.kw_defaults) if d is not None]
                for arg, default in named:
                    if arg.arg == "code" and isinstance(default, ast.Constant):
                        add(str(default.value), where)
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            pos = MAKERS.get(name or "")
            args = node.args
            if pos is not None and len(args) > pos:
                arg = args[pos]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    add(arg.value, where)
            for kw in node.keywords:
                if kw.arg == "code" and isinstance(kw.value, ast.Constant):
                    if isinstance(kw.value.value, str):
                        add(kw.value.value, where)
    return found


def test_every_code_in_the_source_is_in_the_catalogue():
    found = _literal_codes()
    assert len(found) > 40, "the scanner found almost no codes: it is broken"
    missing = {code: places[:3] for code, places in found.items() if code not in CODES}
    assert not missing, f"codes not in diagnostics.CODES: {missing}"


def test_the_catalogue_has_no_dead_entries():
    """A code listed but written nowhere is stale documentation."""
    found = _literal_codes()
    dead = sorted(set(CODES) - set(found))
    assert not dead, f"catalogued but never emitted: {dead}"


def test_the_page_is_the_catalogue():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import diagnostics_doc
    finally:
        sys.path.pop(0)
    page = (ROOT / "docs" / "DIAGNOSTICS.md").read_text(encoding="utf-8")
    assert page == diagnostics_doc.render(), "run `make docs` to rewrite docs/DIAGNOSTICS.md"
    for code in CODES:
        assert f"`{code}`" in page


def test_describe_knows_schema_families():
    assert describe("sch:att-datable-w3c-when") == FAMILIES["sch"]
    assert describe("rng:missing-element") == CODES["rng:missing-element"]
    assert describe("nobody:knows") == "nobody:knows"


def _codes_of(stdout: str) -> set[str]:
    data = json.loads(stdout)
    files = data["files"] if isinstance(data, dict) and "files" in data else data
    codes = set()
    for entry in files:
        for diag in entry.get("diagnostics", []):
            codes.add(diag["code"])
    return codes


def _cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tei_toolkit", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=600,
    )


def _known(code: str) -> bool:
    return code in CODES or code.split(":")[0] in FAMILIES


def test_codes_from_validating_real_and_hostile_documents_are_catalogued(tmp_path):
    """Validate the suite's valid/invalid/malformed and hostile documents: every code
    that comes out is catalogued (so the static scan missed nothing that runs)."""
    inputs = [ROOT / "tests" / "validation", ROOT / "tests" / "hostile"]
    run = _cli("validate", *map(str, inputs), "--format", "json", "--no-cache", "-j", "1")
    assert run.returncode == 1, run.stderr[-500:]
    codes = _codes_of(run.stdout)
    assert {"xml:syntax", "rng:unexpected-element"} <= codes
    assert not {c for c in codes if not _known(c)}


def test_codes_from_converting_collected_records_are_catalogued(tmp_path):
    records = sorted((ROOT / "tests" / "fixtures" / "records").glob("*.txt"))
    damaged = sorted((ROOT / "tests" / "damaged").glob("*.txt"))
    if not records:
        pytest.skip("no record fixtures")
    out = tmp_path / "out"
    run = _cli("convert", *map(str, records + damaged), "-o", str(out), "-v")
    assert run.returncode in (0, 2), run.stderr[-800:]
    codes = set(re.findall(r"\[([a-z]+(?::[a-z0-9-]+)?)\]\s*$", run.stderr, re.M))
    assert "convert:reader" in codes, run.stderr[-800:]
    assert not {c for c in codes if not _known(c)}, codes
