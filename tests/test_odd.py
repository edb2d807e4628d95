"""The ODD processor on small customizations of the shipped TEI P5 4.8.0 source.

Each ODD below is compiled by tei_toolkit.odd and the result is checked by validating
real TEI documents with the project's own RELAX NG and Schematron engines.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from tei_toolkit.odd import OddError, compile_odd, p5subset_path, schema_for
from tei_toolkit.validators.batch import validate_paths

ROOT = Path(__file__).resolve().parent.parent
TEI = "http://www.tei-c.org/ns/1.0"
HEADER = (
    "<teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p>p</p>"
    "</publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>"
)


def odd(tmp: Path, body: str, name: str = "project.odd", attrs: str = "") -> Path:
    path = tmp / name
    path.write_text(
        f'<TEI xmlns="{TEI}" xmlns:sch="http://purl.oclc.org/dsdl/schematron">{HEADER}'
        f'<text><body><schemaSpec ident="project" start="TEI"{attrs}>\n{body}\n'
        "</schemaSpec></body></text></TEI>",
        encoding="utf-8",
    )
    return path


BASE = """<moduleRef key="tei"/><moduleRef key="header"/><moduleRef key="core"/>
<moduleRef key="textstructure"/>"""


def doc(tmp: Path, body: str, name: str = "doc.xml") -> Path:
    path = tmp / name
    path.write_text(f'<TEI xmlns="{TEI}">{HEADER}<text><body>{body}</body></text></TEI>')
    return path


def errors(rng: Path, *docs: Path, engine: str = "relaxng") -> list[str]:
    found = validate_paths([str(d) for d in docs], schema=rng, engine=engine)
    return [f"{d.code}: {d.message}" for d in found if str(d.severity) == "error"]


def compiled(tmp: Path, body: str, **kw) -> tuple[Path, Path]:
    c = compile_odd(odd(tmp, body, **kw))
    (tmp / "out.rng").write_bytes(c.rng)
    (tmp / "out.sch").write_bytes(c.sch)
    return tmp / "out.rng", tmp / "out.sch"


pytestmark = pytest.mark.skipif(not p5subset_path().is_file(), reason="no schemas/p5subset.xml")


def test_module_include_and_element_delete(tmp_path):
    rng, _ = compiled(
        tmp_path,
        BASE.replace('key="core"/>', 'key="core" include="p hi title list item"/>')
        + '<elementSpec ident="hi" mode="delete"/>',
    )
    assert errors(rng, doc(tmp_path, "<p>a <list><item>i</item></list></p>")) == []
    assert any("hi" in e for e in errors(rng, doc(tmp_path, "<p><hi>x</hi></p>", "b.xml")))
    # an element of core that the include list leaves out
    assert any("unknown-element" in e for e in errors(rng, doc(tmp_path, "<p><name>n</name></p>")))


def test_closed_vallist_and_attribute_delete(tmp_path):
    rng, _ = compiled(
        tmp_path,
        BASE
        + """<elementSpec ident="hi" mode="change"><attList>
  <attDef ident="rend" mode="change"><valList type="closed" mode="replace">
    <valItem ident="italic"/><valItem ident="bold"/></valList></attDef>
  <attDef ident="n" mode="delete"/></attList></elementSpec>""",
    )
    assert errors(rng, doc(tmp_path, '<p><hi rend="italic">x</hi><name n="1">y</name></p>')) == []
    assert errors(rng, doc(tmp_path, '<p><hi rend="small-caps">x</hi></p>', "b.xml"))
    assert errors(rng, doc(tmp_path, '<p><hi n="1">x</hi></p>', "c.xml"))


def test_new_element_with_content_model_and_required_attribute(tmp_path):
    rng, _ = compiled(
        tmp_path,
        BASE
        + """<elementSpec ident="verdict" mode="add" module="core">
  <classes><memberOf key="model.pPart.edit"/><memberOf key="att.global"/></classes>
  <content><sequence><elementRef key="label" minOccurs="1" maxOccurs="2"/>
    <alternate minOccurs="0"><textNode/><elementRef key="hi"/></alternate></sequence></content>
  <attList><attDef ident="kind" usage="req"><datatype><dataRef key="teidata.enumerated"/>
  </datatype></attDef></attList></elementSpec>""",
    )
    good = '<p><verdict kind="final" xml:id="v1"><label>a</label><label>b</label>x</verdict></p>'
    assert errors(rng, doc(tmp_path, good)) == []
    three = '<p><verdict kind="k"><label>a</label><label>b</label><label>c</label></verdict></p>'
    for i, bad in enumerate(("<p><verdict><label>a</label></verdict></p>", three)):
        assert errors(rng, doc(tmp_path, bad, f"bad{i}.xml")), bad


def test_class_membership_removed(tmp_path):
    rng, _ = compiled(
        tmp_path,
        BASE
        + """<elementSpec ident="hi" mode="change"><classes mode="change">
  <memberOf key="model.hiLike" mode="delete"/></classes></elementSpec>""",
    )
    assert errors(rng, doc(tmp_path, "<p><hi>x</hi></p>"))
    assert errors(rng, doc(tmp_path, "<p><emph>x</emph></p>", "ok.xml")) == []


def test_constraint_spec_becomes_schematron(tmp_path):
    pytest.importorskip("saxonche")
    _, sch = compiled(
        tmp_path,
        BASE
        + """<elementSpec ident="hi" mode="change"><constraintSpec ident="hi-rend" scheme="schematron">
  <constraint><sch:rule context="tei:hi"><sch:assert test="@rend">hi needs @rend</sch:assert>
  </sch:rule></constraint></constraintSpec></elementSpec>""",
    )
    found = errors(sch, doc(tmp_path, '<p><hi>x</hi><hi rend="b">y</hi></p>'), engine="schematron")
    assert found == ["sch:schematron-constraint-project-hi-hi-rend-1: hi needs @rend"] or (
        len(found) == 1 and found[0].endswith("hi needs @rend")
    )


def test_specgrp_ref_and_chained_source(tmp_path):
    first = odd(
        tmp_path,
        BASE + '<specGrpRef target="#g"/>',
        name="first.odd",
    )
    text = first.read_text().replace(
        "</body>", '<specGrp xml:id="g"><elementSpec ident="hi" mode="delete"/></specGrp></body>'
    )
    first.write_text(text)
    second = odd(tmp_path, BASE, name="second.odd", attrs=' source="first.odd"')
    c = compile_odd(second)
    assert "hi" not in c.schema.specs and "p" in c.schema.specs


def test_odd_errors_name_the_line(tmp_path):
    path = odd(tmp_path, BASE + '\n<moduleRef key="no-such-module"/>')
    line = path.read_text().splitlines().index('<moduleRef key="no-such-module"/>') + 1
    with pytest.raises(OddError) as info:
        compile_odd(path)
    assert f"line {line}:" in str(info.value) and "no-such-module" in str(info.value)
    bad = odd(tmp_path, BASE + '<elementSpec ident="hi" mode="frobnicate"/>', name="b.odd")
    with pytest.raises(OddError, match="unknown mode"):
        compile_odd(bad)
    net = odd(tmp_path, BASE, name="n.odd", attrs=' source="https://example.org/p5subset.xml"')
    with pytest.raises(OddError, match="no network"):
        compile_odd(net)


def test_change_to_unselected_spec_is_a_note_with_its_line(tmp_path):
    path = odd(tmp_path, BASE + '\n<elementSpec ident="castList" mode="change"/>')
    line = path.read_text().splitlines().index('<elementSpec ident="castList" mode="change"/>')
    c = compile_odd(path)
    assert [(n.code, n.line) for n in c.notes] == [("odd:change-unselected", line + 1)]


def test_schema_for_caches_by_content(tmp_path, monkeypatch):
    monkeypatch.setenv("TEI_TOOLKIT_CACHE", str(tmp_path / "cache"))
    path = odd(tmp_path, BASE)
    rng, sch = schema_for(path)
    assert rng.is_file() and sch.is_file() and rng.parent == tmp_path / "cache" / "odd"
    import tei_toolkit.odd as odd_pkg

    odd_pkg._schema_for.cache_clear()
    monkeypatch.setattr(odd_pkg, "compile_odd", lambda p: pytest.fail("compiled again"))
    assert schema_for(path) == (rng, sch)


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "TEI_TOOLKIT_CACHE": str(cwd)}
    return subprocess.run(
        [sys.executable, "-m", "tei_toolkit", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=600,
    )


def test_cli_compile_and_validate_with_odd(tmp_path):
    path = odd(tmp_path, BASE + '<elementSpec ident="hi" mode="delete"/>')
    out = tmp_path / "schema" / "project.rng"
    proc = _cli("odd", "compile", str(path), "-o", str(out), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert out.is_file() and out.with_suffix(".sch").is_file()
    assert etree.parse(str(out)).getroot().tag == "{http://relaxng.org/ns/structure/1.0}grammar"
    good, bad = doc(tmp_path, "<p>x</p>"), doc(tmp_path, "<p><hi>x</hi></p>", "bad.xml")
    assert _cli("validate", "--odd", str(path), str(good), cwd=tmp_path).returncode == 0
    proc = _cli("validate", "--odd", str(path), str(bad), cwd=tmp_path)
    assert proc.returncode == 1 and "hi" in proc.stdout
    assert _cli("odd", "compile", str(good), cwd=tmp_path).returncode == 2  # not an ODD
    assert "Traceback" not in proc.stderr


def test_tei_release_option_picks_the_release(tmp_path):
    d = doc(tmp_path, "<p>A <eventName>Congress</eventName> met.</p>")
    new = _cli("validate", "--tei", "4.8.0", "--engine", "relaxng", str(d), cwd=tmp_path)
    old = _cli("validate", "--tei", "4.3.0", "--engine", "relaxng", str(d), cwd=tmp_path)
    assert (new.returncode, old.returncode) == (0, 1), (new.stdout, old.stdout)
    assert "eventName" in old.stdout


def test_shipped_tei_all_480_is_what_build_odd_makes():
    sys.path.insert(0, str(ROOT / "schemas"))
    try:
        import build_odd
    finally:
        sys.path.pop(0)
    assert build_odd.main(["--check"]) == 0


def test_variables_of_one_pattern_serve_the_others_as_in_jtei(tmp_path):
    # jTEI's ODD declares its variables in a pattern of their own (with an xsl:key), and
    # its rules elsewhere use them: the ISO skeleton makes both global, and so do we.
    pytest.importorskip("saxonche")
    _, sch = compiled(
        tmp_path,
        BASE
        + """<constraintSpec ident="vars" scheme="schematron"><constraint><sch:pattern>
  <xsl:key xmlns:xsl="http://www.w3.org/1999/XSL/Transform" name="ids" match="*[@xml:id]"
    use="@xml:id"/>
  <sch:let name="banned" value="'DRAFT'"/></sch:pattern></constraint></constraintSpec>
<elementSpec ident="p" mode="change"><constraintSpec ident="no-draft" scheme="schematron">
  <constraint><sch:rule context="tei:p"><sch:report test="contains(., $banned)">no
  drafts</sch:report><sch:report test="@corresp and not(key('ids', substring(@corresp, 2)))"
  >dangling corresp</sch:report></sch:rule></constraint></constraintSpec></elementSpec>""",
    )
    bad = doc(tmp_path, '<p>DRAFT</p><p corresp="#nowhere">x</p><p xml:id="a" corresp="#a">y</p>')
    assert [e.split(": ", 1)[1] for e in errors(sch, bad, engine="schematron")] == [
        "no drafts",
        "dangling corresp",
    ]


def test_deprecated_attributes_and_elements_warn_as_the_stylesheets_do(tmp_path):
    pytest.importorskip("saxonche")
    _, sch = compiled(tmp_path, BASE)
    found = validate_paths(
        [str(doc(tmp_path, '<p><title calendar="#julian">x</title></p>'))],
        schema=sch,
        engine="schematron",
    )
    assert [(str(d.severity), d.message) for d in found] == [
        (
            "warning",
            "WARNING: use of deprecated attribute — @calendar of the title element will be "
            "removed from the TEI on 2024-11-11.",
        )
    ]
