"""The plain Schematron rules run by libxml2 (schematron_plain.py) against Saxon.

Saxon runs the whole compiled stylesheet; the plain path runs the rules that mean the
same in XPath 1.0 on lxml's tree. Wherever the plain path answers, its diagnostics must
be Saxon's, in the same order: on the TEI rules (fixtures, generated documents, real
TEI from ../shared), and on a schema written to use every form the plain path accepts.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from tei_toolkit.tei import E, parse
from tei_toolkit.validators import schematron as engine
from tei_toolkit.validators.schematron_plain import plain
from tests.test_schematron_oracle import _BODY

pytestmark = pytest.mark.skipif(not engine.schematron_available(), reason="saxonche not installed")

HERE = Path(__file__).parent
SHARED = HERE.parent.parent / "shared"
PLAIN = HERE / "schematron" / "plain"


def _both(schema_path=None):
    ours = engine.compile_schematron(schema_path)
    saxon = engine.Schematron(ours.compiled, ours.schema_file, plain=False)
    return ours, saxon


@pytest.fixture(scope="module")
def tei_all():
    return _both()


def _agree(pair, tree) -> bool | None:
    """True when the plain path answered and its diagnostics are Saxon's (code,
    message, line, column, path, in order); None when it left the document to Saxon."""
    ours, saxon = pair
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    if ours.plain.run(root) is None:
        return None
    assert list(ours.iter_errors(root)) == list(saxon.iter_errors(root))
    return True


def test_the_plain_schema_agrees_with_saxon_and_fires_every_rule():
    pair = _both(PLAIN / "plain.sch")
    ours, saxon = pair
    # every rule there is plain but x:thing's (a regular expression)
    plain_rules = [r.checks is not None for p in ours.plain.patterns for r in p.rules]
    assert plain_rules == [True] * (len(plain_rules) - 1) + [False]
    tree = parse(PLAIN / "plain.xml")
    assert _agree(pair, tree)
    codes = {d.code for d in ours.iter_errors(tree)}
    assert {
        "sch:rend-x-numbered",
        "sch:p-empty",
        "sch:p-many-hi",
        "sch:nested-note",
        "sch:short",
        "sch:target-form",
        "sch:when-from",
        "sch:seg-repeated",
        "sch:from-and-to",
    } <= codes
    # the first matching rule only: the numbered rend-x paragraph is not "empty"
    messages = [d.message for d in ours.iter_errors(tree)]
    assert any("numbered 4" in m for m in messages)
    assert any("(id e1)" in m for m in messages)  # diagnostics appended
    assert any("Too many hi: a b c d (3)" in m for m in messages)  # a sequence, spaced
    # a pattern keyed on two attributes, both on one element: one finding, not two
    assert [d.code for d in ours.iter_errors(tree)].count("sch:from-and-to") == 1


def test_a_rule_that_is_not_plain_sends_the_document_to_saxon():
    pair = _both(PLAIN / "plain.sch")
    thing = E("TEI", E("text", E("body", E("p", "x"))))
    thing.append(etree.Element("{urn:example:other}thing", kind="c"))
    # x:thing's rule uses matches(): not plain, so Saxon answers
    assert pair[0].plain.run(thing) is None
    assert [d.code for d in pair[0].iter_errors(thing)] == ["sch:kind"]
    # without an x:thing the rule cannot fire, and the plain path answers alone
    assert pair[0].plain.run(E("TEI", E("text", E("body", E("p", "x"))))) == []


def test_a_tree_with_entity_references_goes_to_saxon(tei_all):
    parser = etree.XMLParser(resolve_entities=False)
    doc = (
        b'<!DOCTYPE TEI [<!ENTITY e "x">]><TEI xmlns="http://www.tei-c.org/ns/1.0"><p>&e;</p></TEI>'
    )
    tree = etree.ElementTree(etree.fromstring(doc, parser))
    assert tei_all[0].plain.run(tree.getroot()) is None
    assert list(tei_all[0].iter_errors(tree)) == list(tei_all[1].iter_errors(tree))


@pytest.mark.parametrize(
    "expression",
    [
        "@a",
        "not(@a) or @b = 'x'",
        "count(tei:p) > 1",
        "count(tei:p) gt 1",
        "string-length(normalize-space(.)) ge 2",
        "@type eq 'closed'",
        "normalize-space(@a) ne ''",
        "ancestor::tei:l[not(.//tei:note//tei:l[. = current()])]",
        "starts-with(@target, '#')",
        "not(@a) or (not(//tei:x) and not(//tei:y))",  # "or (": not a call
        "@mode = ('add', 'replace') or not(@mode)",  # a list of strings
    ],
)
def test_plain_accepts(expression):
    assert plain(expression) is not None


@pytest.mark.parametrize(
    "expression",
    [
        "$max ge $min",  # variables
        "@n > 3",  # a number from a node: an error in XPath 2.0 when not numeric
        "@from < @to",  # strings compared as strings in 2.0, as numbers in 1.0
        "contains(tei:p, 'x')",  # several p: an error in 2.0, the first p in 1.0
        "matches(@a, '\\s')",  # not in XPath 1.0
        "@a cast as xs:integer lt 2",
        "tei:p = ('add', 'change')",  # a sequence, but for one attribute
        "@a or (1, 2)",
        "position() = 1",
        "id(@ref)",
        "count(x) + 1 = 2",
        "tei:p eq 'x'",  # a value comparison of a sequence
        "for $x in @a return $x",
    ],
)
def test_plain_refuses(expression):
    assert plain(expression) is None


def test_tei_fixtures_agree_with_saxon(tei_all):
    files = sorted((HERE / "schematron" / "tei_all").glob("*.xml"))
    files += sorted((HERE / "validation").glob("*/*.xml"))
    answered = 0
    for path in files:
        try:
            tree = parse(path)
        except Exception:
            continue  # the malformed ones
        answered += bool(_agree(tei_all, tree))
    assert answered >= len(files) // 2  # the plain path does answer most TEI


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_BODY, min_size=1, max_size=5))
def test_generated_documents_agree_with_saxon(tei_all, parts):
    _agree(tei_all, etree.ElementTree(E("TEI", E("text", E("body", *parts)))))


def _shared(*globs):
    return [p for g in globs for p in sorted(SHARED.glob(g))]


@pytest.mark.skipif(not (SHARED / "corpora").is_dir(), reason="../shared/corpora absent")
def test_real_tei_agrees_with_saxon(tei_all):
    files = _shared(
        "corpora/shakespeare/*.xml",
        "corpora/eltec-eng/*.xml",
        "tei/4.8.0/exemplars/*.odd",
    )
    parser = etree.XMLParser(collect_ids=False)  # ids repeated inside egXML
    answered = [p.name for p in files if _agree(tei_all, etree.parse(str(p), parser))]
    assert len(answered) >= 59  # the plays and novels at least
