"""Schematron engine: TEI fixtures with the diagnostics they must produce, and features.

Each file in tests/schematron/tei_all/ is a TEI document whose leading comment lists
what tei_all's Schematron rules must report, in order::

    <!-- title: ptr with both @target and @cRef
         expect: error sch:tei_all-ptr-ptrAtts-constraint-report-8 14:14 -->

``expect: none`` marks a document that breaks no rule. The codes are those of the default
release (TEI 4.8.0: the pattern ids the TEI Stylesheets give). A trailing comment lists,
as ``expect 4.3.0:``, what the older shipped release (schemas/tei_all.sch) reports.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from tei_toolkit.diagnostics import Severity, ToolkitError
from tei_toolkit.tei import E, parse, parse_bytes
from tei_toolkit.validators.schematron import (
    compile_schematron,
    iter_schematron,
    schematron_available,
    severity_of,
)
from tei_toolkit.validators.schematron_locate import readable_path

HERE = Path(__file__).parent / "schematron"
TEI_FIXTURES = sorted((HERE / "tei_all").glob("*.xml"))
CUSTOM = HERE / "custom"

pytestmark = pytest.mark.skipif(not schematron_available(), reason="saxonche not installed")

_EXPECT = re.compile(r"expect: (?:none|(\w+) (\S+) (\d+):(\d+|None))")
# the same fixtures against the older shipped release (schemas/tei_all.sch, TEI 4.3.0)
_EXPECT_430 = re.compile(r"expect 4\.3\.0: (?:none|(\w+) (\S+) (\d+):(\d+|None))")
TEI_430 = Path(__file__).parent.parent / "schemas" / "tei_all.sch"


def expectations(path: Path, pattern: re.Pattern = _EXPECT) -> list[tuple]:
    """The (severity, code, line, column) tuples a fixture's comment asks for."""
    found = []
    for m in pattern.finditer(path.read_text(encoding="utf-8")):
        if m.group(1):
            col = None if m.group(4) == "None" else int(m.group(4))
            found.append((m.group(1), m.group(2), int(m.group(3)), col))
    return found


def produced(path: Path, schema: Path | None = None) -> list[tuple]:
    return [
        (str(d.severity), d.code, d.line, d.column)
        for d in iter_schematron(parse(path), filename=str(path), schema_path=schema)
    ]


def test_fixtures_cover_at_least_ten_rule_families():
    codes = {e[1] for f in TEI_FIXTURES for e in expectations(f)}
    assert len(TEI_FIXTURES) >= 12 and len(codes) >= 25


@pytest.mark.parametrize("path", TEI_FIXTURES, ids=lambda p: p.stem)
def test_tei_fixture(path):
    assert produced(path) == expectations(path)


@pytest.mark.parametrize("path", TEI_FIXTURES, ids=lambda p: p.stem)
def test_tei_fixture_release_430(path):
    assert _EXPECT_430.search(path.read_text(encoding="utf-8")), "no 4.3.0 expectation"
    assert produced(path, TEI_430) == expectations(path, _EXPECT_430)


def test_messages_are_evaluated_and_normalised():
    ds = list(iter_schematron(parse(HERE / "tei_all" / "spans.xml")))
    assert ds[0].message == (
        "The element indicated by @spanTo (#before) must follow the current element addSpan"
    )
    assert ds[0].path == "/TEI/text/body/p[1]/addSpan"
    assert ds[0].file.endswith("spans.xml")


def test_line_is_where_a_multiline_start_tag_begins():
    ds = list(iter_schematron(parse(HERE / "tei_all" / "facsimile.xml")))
    assert [(d.line, d.column, d.path) for d in ds] == [
        (15, 7, "/TEI/facsimile/surface/path[1]"),
        (17, 7, "/TEI/facsimile/surface/path[3]"),
    ]


def test_first_matching_rule_only_fires_within_a_pattern():
    ds = list(
        iter_schematron(parse(CUSTOM / "first-match.xml"), schema_path=CUSTOM / "first-match.sch")
    )
    assert [(d.code, d.line, d.message) for d in ds] == [
        ("sch:first", 5, "rule one: p with rend bold"),
        ("sch:second", 5, "second pattern sees the same p"),
        ("sch:first", 6, "rule two: plain p"),
    ]


def test_schematron_features_beyond_tei():
    ds = list(iter_schematron(parse(CUSTOM / "features.xml"), schema_path=CUSTOM / "features.sch"))
    got = [(str(d.severity), d.code, d.line, d.path, d.message) for d in ds]
    div2 = "/TEI/text/body/div[2]"
    assert got == [
        # xsl:key and xsl:function declared in the schema
        ("error", "sch:keys", 7, "/TEI/text/body/div[1]/p/ptr[2]", "No element has the id NOPE."),
        # abstract rule + sch:extends; diagnostics= appends the diagnostic's text
        (
            "error",
            "sch:abstract-rules",
            9,
            div2,
            "The div has no xml:id. (element /Q{http://www.tei-c.org/ns/1.0}TEI[1]"
            "/Q{http://www.tei-c.org/ns/1.0}text[1]/Q{http://www.tei-c.org/ns/1.0}body[1]"
            "/Q{http://www.tei-c.org/ns/1.0}div[2])",
        ),
        # schema, pattern and rule lets; an assert's own @id is its code
        (
            "error",
            "sch:head-too-long",
            10,
            f"{div2}/head",
            "A head has at most 3 words; this one (A head that is far too long) has 7 of 2 heads.",
        ),
        ("error", "sch:included", 11, f"{div2}/p[1]", "Empty paragraph."),  # sch:include
        # @role, @subject, sch:name/@path
        ("warning", "sch:roles", 12, f"{div2}/note[1]/@type", "A note still to do: div."),
        ("info", "sch:roles", 12, f"{div2}/note[2]", "For information."),
        # a dynamic error is reported, and the rest of the document still checked
        (
            "warning",
            "sch:broken-cast",
            13,
            f"{div2}/p[2]/measure[1]",
            "rule for 'tei:measure[@quantity]' could not be evaluated here: "
            "Cannot convert string \"many\" to xs:decimal: invalid character 'm'",
        ),
        # abstract pattern with sch:param; inline sch:emph keeps its text
        (
            "error",
            "sch:person-needs-name",
            17,
            "/TEI/text/body/listPerson/person[2]",
            "A person lacks a required child.",
        ),
    ]  # the pattern of the inactive phase never fires


def test_phase_can_be_chosen():
    schema = compile_schematron(CUSTOM / "features.sch", phase="other")
    ds = list(schema.iter_errors(parse(CUSTOM / "features.xml")))
    assert ds and {d.code for d in ds} == {"sch:inactive"}


def test_valid_tree_in_memory_without_positions():
    tree = E("TEI", E("text", E("body", E("p", "one"), E("p", E("ptr", target="#a", cRef="x")))))
    ds = list(iter_schematron(tree))
    assert [(d.code, d.line, d.column, d.path, d.file) for d in ds] == [
        (
            "sch:schematron-constraint-tei_all-ptr-ptrAtts-19",
            None,
            None,
            "/TEI/text/body/p[2]/ptr",
            None,
        )
    ]


def test_parsed_from_bytes_has_lines_but_no_column():
    data = (HERE / "tei_all" / "pointers.xml").read_bytes()
    ds = list(iter_schematron(parse_bytes(data), filename="mem.xml"))
    assert [(d.line, d.column, d.file) for d in ds][0] == (16, None, "mem.xml")


def test_doctype_with_external_dtd_is_not_fetched(tmp_path):
    doc = tmp_path / "dtd.xml"
    doc.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE TEI SYSTEM "http://example.invalid/tei.dtd">\n'
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>\n'
        '<p><ptr target="#a" cRef="b"/></p></body></text></TEI>\n'
    )
    ds = list(iter_schematron(parse(doc)))
    assert [(d.line, d.column) for d in ds] == [(4, 4)]


def test_element_or_tree_accepted_and_schema_cached():
    tree = parse(HERE / "tei_all" / "typed.xml")
    assert list(iter_schematron(tree)) == list(iter_schematron(tree.getroot()))
    assert compile_schematron() is compile_schematron()
    p = tree.getroot().find(".//{http://www.tei-c.org/ns/1.0}body/{*}p")  # a subtree, with tail
    assert [d.path for d in iter_schematron(p)] == [
        "/TEI/text/body/p/seg[1]",
        "/TEI/text/body/p/ref",
    ]


def test_severity_from_role():
    assert severity_of(None) is Severity.ERROR
    assert severity_of("fatal") is Severity.ERROR
    assert severity_of("Warning") is Severity.WARNING
    assert severity_of("nonfatal") is Severity.WARNING
    assert severity_of("info") is Severity.INFO
    assert severity_of("something-else") is Severity.ERROR


def test_bad_xpath_in_schema_names_the_pattern(tmp_path):
    sch = tmp_path / "bad.sch"
    sch.write_text(
        '<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">'
        '<sch:pattern id="fine"><sch:rule context="*"><sch:assert test="1">x</sch:assert>'
        '</sch:rule></sch:pattern><sch:pattern id="broken"><sch:rule context="*">'
        '<sch:assert test="count(">x</sch:assert></sch:rule></sch:pattern></sch:schema>'
    )
    with pytest.raises(ToolkitError, match="in pattern 'broken'"):
        compile_schematron(sch)


@pytest.mark.parametrize(
    "text, problem",
    [
        ("<schema/>", "not an ISO Schematron schema"),
        (
            "<sch:schema xmlns:sch='http://purl.oclc.org/dsdl/schematron' queryBinding='exslt'/>",
            "unsupported Schematron queryBinding",
        ),
        ("<sch:schema", "not well-formed"),
    ],
)
def test_unusable_schema_is_a_toolkit_error(tmp_path, text, problem):
    sch = tmp_path / "x.sch"
    sch.write_text(text)
    with pytest.raises(ToolkitError, match=problem):
        compile_schematron(sch)


def test_missing_schema_is_a_toolkit_error(tmp_path):
    with pytest.raises(ToolkitError, match="cannot read"):
        compile_schematron(tmp_path / "nope.sch")


def test_readable_path_positions_only_where_names_repeat():
    root = etree.fromstring(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:x="urn:x"><p/><p><x:a b="1"/></p></TEI>'
    )
    a = root[1][0]
    assert readable_path(a) == "/TEI/p[2]/x:a"
    assert readable_path(a, "b") == "/TEI/p[2]/x:a/@b"
    assert readable_path(root[0], "{http://www.w3.org/XML/1998/namespace}id") == "/TEI/p[1]/@xml:id"


CONTEXTS_SCH = """<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">
  <sch:ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>
  <sch:let name="wanted" value="'b'"/>
  <sch:pattern id="root"><sch:rule context="/">
    <sch:report test="tei:TEI">document node</sch:report></sch:rule></sch:pattern>
  <sch:pattern id="attr"><sch:rule context="@rend">
    <sch:report test=". = $wanted">rend <sch:value-of select="."/></sch:report></sch:rule></sch:pattern>
  <sch:pattern id="text"><sch:rule context="text()[normalize-space() = 'x']">
    <sch:report test="true()">text x in <sch:value-of select="local-name(..)"/></sch:report>
  </sch:rule></sch:pattern>
  <sch:pattern id="current"><sch:rule context="tei:p[@n = current()/@n]">
    <sch:report test="@n = '2'">p n=2 via current()</sch:report></sch:rule></sch:pattern>
  <sch:pattern id="descendant"><sch:rule context="tei:body//tei:hi[@rend = $wanted]">
    <sch:report test="true()">deep hi</sch:report></sch:rule></sch:pattern>
</sch:schema>"""


def test_rule_contexts_of_every_kind(tmp_path):
    sch = tmp_path / "contexts.sch"
    sch.write_text(CONTEXTS_SCH)
    doc = tmp_path / "doc.xml"
    doc.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>\n'
        '<p n="1" rend="a">x</p>\n'
        '<p n="2"><hi rend="b">y</hi></p>\n'
        "</body></text></TEI>\n"
    )
    got = [
        (d.code, d.line, d.path, d.message) for d in iter_schematron(parse(doc), schema_path=sch)
    ]
    assert got == [
        ("sch:root", 1, "/TEI", "document node"),
        ("sch:text", 2, "/TEI/text/body/p[1]", "text x in p"),
        ("sch:current", 3, "/TEI/text/body/p[2]", "p n=2 via current()"),
        ("sch:attr", 3, "/TEI/text/body/p[2]/hi/@rend", "rend b"),
        ("sch:descendant", 3, "/TEI/text/body/p[2]/hi", "deep hi"),
    ]


INDEXED_SCH = """<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">
  <sch:ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>
  <sch:pattern id="union"><sch:rule context="tei:hi | tei:note[@place]">
    <sch:report test="true()">u <sch:value-of select="local-name()"/></sch:report>
  </sch:rule></sch:pattern>
  <sch:pattern id="with-attribute"><sch:rule context="tei:*[not(self::tei:hi)][@rend]">
    <sch:report test="true()">r <sch:value-of select="local-name()"/></sch:report>
  </sch:rule></sch:pattern>
  <sch:pattern id="path"><sch:rule context="tei:body/tei:p[not(parent::tei:q | self::x)]/@n">
    <sch:report test=". = '2'">n <sch:value-of select="."/></sch:report>
  </sch:rule></sch:pattern>
  <sch:pattern id="walked"><sch:rule context="*[@n = '1']">
    <sch:report test="true()">any namespace</sch:report></sch:rule></sch:pattern>
</sch:schema>"""


def test_rule_contexts_found_by_index_fire_as_when_walked(tmp_path, monkeypatch):
    """Contexts naming elements or attributes are found through an index (one walk of
    the document, not one per pattern); every firing is the one a full walk gives."""
    from tei_toolkit.validators import schematron_compile as SC
    from tei_toolkit.validators.schematron import Schematron
    from tei_toolkit.validators.schematron_index import ContextIndex

    sch = tmp_path / "indexed.sch"
    sch.write_text(INDEXED_SCH)
    doc = parse_bytes(
        b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>\n'
        b'<p n="1" rend="a">x<note place="foot">n</note><note>m</note></p>\n'
        b'<p n="2"><hi rend="b">y</hi></p>\n'
        b"</body></text></TEI>\n"
    )

    def firings() -> tuple[str, list]:
        compiled = SC.compile_schema(sch)
        found = Schematron(compiled, str(sch)).iter_errors(doc, filename="d.xml")
        return compiled.xslt, [(d.code, d.line, d.path, d.message) for d in found]

    xslt, indexed = firings()
    assert xslt.count("key('tkx:") == 4 and xslt.count('select="//(') == 1
    monkeypatch.setattr(ContextIndex, "select", lambda self, contexts: None)
    xslt, walked = firings()
    assert "key('tkx:" not in xslt
    assert indexed == walked
    assert [m for *_, m in indexed] == ["u note", "r p", "any namespace", "u hi", "n 2"]
