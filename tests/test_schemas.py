"""Checks on the bundled TEI P5 schemas in schemas/ (fast: tei_all is never compiled)."""

from __future__ import annotations

import hashlib
import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
RNG = SCHEMAS / "tei_all.rng"
XSD = SCHEMAS / "tei_all.xsd"
SCH = SCHEMAS / "tei_all.sch"

PINNED_SHA256 = "facc222ce0c2d3647f772bc9e8b584722bf2d71e65a4f73b26d41a7ed869d4a1"
PINNED_SIZE = 1_002_605

SCH_NS = "http://purl.oclc.org/dsdl/schematron"
XSD_NS = "http://www.w3.org/2001/XMLSchema"
S = {"sch": SCH_NS, "xs": XSD_NS}


def _load_build():
    spec = importlib.util.spec_from_file_location("tei_schemas_build", SCHEMAS / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    return module


build = _load_build()


@pytest.fixture(scope="module")
def rng_tree():
    return etree.parse(str(RNG), etree.XMLParser(huge_tree=True))


@pytest.fixture(scope="module")
def sch_root():
    return etree.parse(str(SCH)).getroot()


def test_rng_is_the_pinned_file():
    data = RNG.read_bytes()
    assert len(data) == PINNED_SIZE
    assert hashlib.sha256(data).hexdigest() == PINNED_SHA256
    # the build script pins the same file
    assert build.RNG_SHA256 == PINNED_SHA256
    assert build.RNG_SIZE == PINNED_SIZE


def test_rng_is_tei_p5_4_3_0(rng_tree):
    header = " ".join(c.text for c in rng_tree.getroot() if isinstance(c, etree._Comment))
    # the edition statement has a no-break space: "Version\u00a04.3.0"
    assert re.search(r"TEI Edition: Version\s4\.3\.0", header)
    assert "CC+BY and BSD-2" in header


def test_licence_notice_travels_with_the_schemas(rng_tree):
    notice = (SCHEMAS / "LICENSE-TEI.txt").read_text(encoding="utf-8")
    comments = [c.text for c in rng_tree.getroot() if isinstance(c, etree._Comment)]
    licence = next(c for c in comments if "licensed" in c)
    assert licence in notice  # the RNG's own statement, verbatim
    assert "Copyright 2021 TEI Consortium." in notice
    assert PINNED_SHA256 in (SCHEMAS / "README.md").read_text(encoding="utf-8")


def test_build_rejects_a_wrong_rng(tmp_path):
    fake = tmp_path / "tei_all.rng"
    fake.write_bytes(RNG.read_bytes()[:-1] + b" ")
    with pytest.raises(build.BuildError, match="not the pinned"):
        build.check_rng(fake)


def test_sch_is_iso_schematron_xslt2(sch_root):
    assert sch_root.tag == f"{{{SCH_NS}}}schema"
    assert sch_root.get("queryBinding") == "xslt2"
    prefixes = {ns.get("prefix"): ns.get("uri") for ns in sch_root.findall("sch:ns", S)}
    assert prefixes["tei"] == "http://www.tei-c.org/ns/1.0"
    assert prefixes["xs"] == XSD_NS
    assert prefixes["rng"] == "http://relaxng.org/ns/structure/1.0"


def test_sch_patterns_have_unique_ids_and_contexts(sch_root):
    patterns = sch_root.findall("sch:pattern", S)
    assert len(patterns) >= 80
    ids = [p.get("id") for p in patterns]
    assert all(ids), "every pattern needs an id"
    assert len(ids) == len(set(ids))
    for pattern in patterns:
        rules = pattern.findall("sch:rule", S)
        assert rules, pattern.get("id")
        for rule in rules:
            assert rule.get("context"), pattern.get("id")
            assert rule.findall("sch:assert", S) + rule.findall("sch:report", S)


def test_every_rng_pattern_is_in_the_sch(rng_tree, sch_root):
    rng_ids = [p.get("id") for p in rng_tree.iter(f"{{{SCH_NS}}}pattern")]
    sch_ids = {p.get("id") for p in sch_root.findall("sch:pattern", S)}
    assert len(rng_ids) >= 80
    missing = [i for i in rng_ids if i not in sch_ids]
    assert not missing
    # TEI 4.3.0 has no bare rules, so nothing beyond the RNG's own patterns
    assert len(sch_ids) == len(rng_ids)


def test_sch_xpath_prefixes_are_declared(sch_root):
    declared = {ns.get("prefix") for ns in sch_root.findall("sch:ns", S)} | {"xml"}
    for el in sch_root.iter(f"{{{SCH_NS}}}*"):
        for attr in build.XPATH_ATTRS:
            if el.get(attr):
                assert build.xpath_prefixes(el.get(attr)) <= declared, el.get(attr)


def test_sch_is_up_to_date(rng_tree):
    expected = build.serialise(build.extract_schematron(rng_tree.getroot()))
    assert SCH.read_bytes() == expected, "rerun: python schemas/build.py"


def test_xsd_parses_and_imports_resolve():
    seen: dict[str, str | None] = {}
    todo = [(XSD.name, "http://www.tei-c.org/ns/1.0")]
    while todo:
        name, namespace = todo.pop()
        if name in seen:
            continue
        path = SCHEMAS / name
        assert path.is_file(), f"{name} is imported but not in schemas/"
        root = etree.parse(str(path)).getroot()
        assert root.tag == f"{{{XSD_NS}}}schema"
        assert root.get("targetNamespace") == namespace
        seen[name] = namespace
        for imp in root.findall("xs:import", S):
            loc = imp.get("schemaLocation")
            assert loc and "/" not in loc, loc
            todo.append((loc, imp.get("namespace")))
        assert not root.findall("xs:include", S)
    assert set(seen) == {"tei_all.xsd", "xml.xsd", "teix.xsd", "dcr.xsd"}


def test_xsd_is_up_to_date(tmp_path):
    try:
        cmd = build.find_trang()
        build.trang_version(cmd)
    except build.BuildError as exc:
        pytest.skip(f"trang unavailable: {exc}")
    files = {n: build.postprocess_xsd(n, d) for n, d in build.run_trang(cmd, RNG).items()}
    for name, data in files.items():
        assert (SCHEMAS / name).read_bytes() == data, f"{name} stale: rerun schemas/build.py"


# -- the extractor on a small synthetic grammar -------------------------------

SYNTHETIC = b"""<?xml version="1.0"?>
<grammar xmlns="http://relaxng.org/ns/structure/1.0"
         xmlns:sch="http://purl.oclc.org/dsdl/schematron"
         ns="http://www.tei-c.org/ns/1.0">
  <!--edition-->
  <start><ref name="doc"/></start>
  <define name="doc">
    <element name="doc">
      <sch:ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>
      <sch:pattern id="given-id">
        <sch:rule context="tei:doc"><sch:assert test="tei:p">needs a p</sch:assert></sch:rule>
      </sch:pattern>
      <sch:pattern>
        <sch:rule><sch:report test="@x">no @x on <sch:name/></sch:report></sch:rule>
      </sch:pattern>
      <sch:rule><sch:assert test="true()">bare rule</sch:assert></sch:rule>
      <sch:report test="false()">bare report</sch:report>
      <zeroOrMore><ref name="p"/></zeroOrMore>
    </element>
  </define>
  <define name="p"><element name="p"><text/></element></define>
</grammar>"""


def test_extractor_wraps_bare_rules_and_derives_ids_and_contexts():
    root = build.extract_schematron(etree.fromstring(SYNTHETIC))
    patterns = root.findall("sch:pattern", S)
    assert [p.get("id") for p in patterns] == [
        "given-id",
        "tei_all-embedded-doc-1",
        "tei_all-embedded-doc-2",
        "tei_all-embedded-doc-3",
    ]
    contexts = [p.find("sch:rule", S).get("context") for p in patterns]
    assert contexts == ["tei:doc"] * 4
    assert patterns[3].find("sch:rule/sch:report", S).text == "bare report"
    # mixed content in messages survives
    report = patterns[1].find("sch:rule/sch:report", S)
    assert report.text == "no @x on " and report.find("sch:name", S) is not None
    # deterministic
    again = build.extract_schematron(etree.fromstring(SYNTHETIC))
    assert build.serialise(again) == build.serialise(root)


def test_extractor_refuses_undeclared_prefix():
    bad = SYNTHETIC.replace(b'test="tei:p"', b'test="foo:p"')
    with pytest.raises(build.BuildError, match="undeclared prefix"):
        build.extract_schematron(etree.fromstring(bad))


@pytest.mark.skipif(shutil.which("java") is None, reason="needs Java")
def test_build_check_mode_passes():
    proc = subprocess.run(
        [sys.executable, str(SCHEMAS / "build.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if "trang not found" in proc.stderr:
        pytest.skip(proc.stderr)
    assert proc.returncode == 0, proc.stdout + proc.stderr
