"""James Clark's RELAX NG conformance suite against our engine (validators/rng).

Every incorrect schema must be rejected with a diagnostic, every correct one
accepted, and every instance given the suite's verdict. Skipped without ../shared.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from rng_spectest import Case, read_cases

from tei_toolkit.validators.rng.names import SchemaError
from tei_toolkit.validators.rng.schema import load
from tei_toolkit.validators.rng.validate import validate_tree

ROOT = Path(__file__).resolve().parent.parent
_CANDIDATES = [ROOT.parent / "shared", ROOT.parent.parent / "shared"]
SUITE = next(
    (p / "corpora/relaxng-spectest/spectest.xml" for p in _CANDIDATES if p.is_dir()),
    _CANDIDATES[0] / "corpora/relaxng-spectest/spectest.xml",
)
CASES: list[Case] = read_cases(SUITE) if SUITE.exists() else []
pytestmark = pytest.mark.skipif(not CASES, reason="../shared/corpora/relaxng-spectest absent")


def _id(case: Case) -> str:
    return f"case{case.number}-s{case.section or 'x'}-line{case.line}"


INCORRECT = [c for c in CASES if not c.correct]
CORRECT = [c for c in CASES if c.correct]


def test_suite_size():
    assert len(INCORRECT) == 213
    assert sum(len(c.valid) + len(c.invalid) for c in CORRECT) == 580


@pytest.mark.parametrize("case", INCORRECT, ids=_id)
def test_incorrect_schema_rejected(case: Case):
    with pytest.raises(SchemaError) as info:
        load(case.location, case.loader)
    message, (file, _line, _col) = info.value.problems[0]
    assert message and file.startswith(f"/spectest/case{case.number}/")


@pytest.mark.parametrize("case", CORRECT, ids=_id)
def test_correct_schema_verdicts(case: Case):
    schema = load(case.location, case.loader)
    for doc in case.valid:
        assert list(validate_tree(schema, etree.fromstring(doc))) == [], doc
    for doc in case.invalid:
        found = list(validate_tree(schema, etree.fromstring(doc)))
        assert found, doc
        assert all(d.code.startswith("rng:") and d.line for d in found)


def test_compiled_schema_cache_round_trip(tmp_path, monkeypatch):
    """The JSON cache gives back a schema that decides as the freshly read one."""
    from tei_toolkit.validators.rng.schema import load_cached

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("TEI_TOOLKIT_CACHE", raising=False)
    schema = tmp_path / "s.rng"
    schema.write_text(
        '<element name="a" xmlns="http://relaxng.org/ns/structure/1.0">'
        '<attribute name="n"><data type="integer" '
        'datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes"/></attribute>'
        "<oneOrMore><element name='b'><text/></element></oneOrMore></element>"
    )
    first, second = load_cached(str(schema)), load_cached(str(schema))
    for doc, ok in ((b'<a n="1"><b/></a>', True), (b'<a n="x"><b/></a>', False), (b"<a/>", False)):
        for s in (first, second):
            assert (list(validate_tree(s, etree.fromstring(doc))) == []) is ok
