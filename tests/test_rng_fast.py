"""rng.fast: the tree-less verdict agrees with the full walk on every document we have.

It may only ever say "valid" where validate_tree reports nothing; anything else sends
the document the ordinary way. Checked on the verdict suite, James Clark's conformance
suite (user schemas) and the real plays and novels of ../shared/corpora.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from rng_spectest import read_cases

from tei_toolkit.validators.relaxng import schema as tei_schema
from tei_toolkit.validators.rng.fast import is_valid
from tei_toolkit.validators.rng.schema import load
from tei_toolkit.validators.rng.validate import validate_tree

ROOT = Path(__file__).resolve().parent.parent
SUITE = Path(__file__).resolve().parent / "validation"
SHARED = next(
    (p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()),
    ROOT.parent / "shared",
)
SPECTEST = SHARED / "corpora/relaxng-spectest/spectest.xml"
CORPORA = [SHARED / "corpora" / name for name in ("shakespeare", "eltec-eng")]
TEI = "http://www.tei-c.org/ns/1.0"


def _tree_verdict(schema, data: bytes) -> bool:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, collect_ids=False)
    tree = etree.fromstring(data, parser).getroottree()
    return not list(validate_tree(schema, tree))


def _agree(schema, files) -> int:
    checked = 0
    for path in files:
        data = path.read_bytes()
        assert is_valid(schema, data) == _tree_verdict(schema, data), path
        checked += 1
    return checked


def test_verdict_suite_agrees_with_the_walk():
    files = sorted((SUITE / "valid").glob("*.xml")) + sorted((SUITE / "invalid").glob("*.xml"))
    engine = tei_schema().engine
    assert _agree(engine, files) == len(files) > 40
    assert sum(is_valid(engine, f.read_bytes()) for f in files) == len(
        list((SUITE / "valid").glob("*.xml"))
    )


@pytest.mark.skipif(not all(p.is_dir() for p in CORPORA), reason="../shared/corpora absent")
def test_real_plays_and_novels_agree_with_the_walk():
    files = sorted(f for folder in CORPORA for f in folder.rglob("*.xml"))
    assert _agree(tei_schema().engine, files) == len(files) > 50


@pytest.mark.skipif(not SPECTEST.exists(), reason="../shared/corpora/relaxng-spectest absent")
def test_conformance_suite_instances():
    checked = 0
    for case in read_cases(SPECTEST):
        if not case.correct:
            continue
        schema = load(case.location, case.loader)
        for doc in case.valid:
            # a QName's value depends on the namespaces in scope: always the ordinary way
            expected = _tree_verdict(schema, doc) and not schema.has_qnames
            assert is_valid(schema, doc) == expected, (case.number, doc)
            checked += 1
        for doc in case.invalid:
            assert not is_valid(schema, doc), (case.number, doc)
            checked += 1
    assert checked == 580


def _doc(body: str, prolog: str = "") -> bytes:
    return (
        f'{prolog}<TEI xmlns="{TEI}"><teiHeader><fileDesc><titleStmt><title>t</title>'
        "</titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p>"
        f"</sourceDesc></fileDesc></teiHeader><text><body>{body}</body></text></TEI>"
    ).encode()


@pytest.mark.parametrize(
    ("body", "prolog", "valid"),
    [
        ('<p xml:id="a">x</p><p><ref target="#a">y</ref></p>', "", True),
        ("<p>x<!-- a comment --> y<?pi z?></p><p><![CDATA[<not a tag>]]></p>", "", True),
        ('<p xml:id="a">x</p><p xml:id="a">y</p>', "", False),  # a repeated ID
        ("<p><div><p>a div in a p</p></div></p>", "", False),
        ('<p rend="x" bogus="1">x</p>', "", False),
        ("<p>x</p>", "", True),
        ("<p>x</p>", "<!DOCTYPE TEI>", False),  # the ordinary way judges DTDs
        ("<p>x<p>", "", False),  # not well-formed
        ("text not in a p", "", False),
    ],
)
def test_small_documents(body, prolog, valid):
    data = _doc(body, prolog)
    assert is_valid(tei_schema().engine, data) is valid


def test_a_dangling_idref_is_not_valid():
    schema_text = b"""<element name="doc" xmlns="http://relaxng.org/ns/structure/1.0"
        datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes"><zeroOrMore>
        <element name="a"><optional><attribute name="id"><data type="ID"/></attribute>
        </optional><optional><attribute name="ref"><data type="IDREF"/></attribute></optional>
        </element></zeroOrMore></element>"""
    schema = load("/s.rng", lambda location: schema_text)
    assert is_valid(schema, b'<doc><a id="x"/><a ref="x"/></doc>')
    assert not is_valid(schema, b'<doc><a id="x"/><a ref="y"/></doc>')
