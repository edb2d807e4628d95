"""Large files that only RELAX NG checks are streamed: the same diagnostics as the tree."""

from __future__ import annotations

from pathlib import Path

import pytest

from tei_toolkit.validators import stream, validate_paths

SUITE = Path(__file__).resolve().parent / "validation"
FILES = sorted(SUITE.glob("*/*.xml"))


@pytest.fixture
def streamed(monkeypatch):
    """Stream every file, and count the files that really were streamed."""
    seen: list[str] = []
    real = stream.validate_file

    def spy(schema, path, name=None):
        seen.append(path)
        return real(schema, path, name)

    monkeypatch.setattr(stream, "STREAM_ABOVE", -1)
    monkeypatch.setattr(stream, "validate_file", spy)
    return seen


def test_streamed_diagnostics_equal_the_trees(streamed, monkeypatch):
    kwargs = dict(engine="relaxng", use_xml_model=False, jobs=1)
    monkeypatch.setattr(stream, "STREAM_ABOVE", 1 << 40)
    tree = validate_paths(FILES, **kwargs)
    assert streamed == []
    monkeypatch.setattr(stream, "STREAM_ABOVE", -1)
    assert validate_paths(FILES, **kwargs) == tree
    malformed = [f for f in FILES if f.parent.name == "malformed"]
    assert len(streamed) >= len(FILES) - len(malformed) - 2  # (a DOCTYPE is not streamed)
    assert any(d.code.startswith("rng:") and d.column for d in tree)


def _tei(body: str, prolog: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{prolog}<TEI xmlns="http://www.tei-c.org/ns/1.0">'
        "<teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p>p"
        "</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>"
        f"<text><body>\n{body}\n</body></text></TEI>\n"
    )


def test_a_late_syntax_error_is_reported_as_for_any_file(tmp_path, streamed):
    doc = tmp_path / "broken.xml"
    doc.write_text(_tei('<p bogus="1">x</p>\n<p>unclosed\n'), encoding="utf-8")
    found = validate_paths([doc], engine="relaxng", use_xml_model=False)
    assert [d.code for d in found] == ["xml:syntax"]
    assert streamed == [str(doc)]  # tried, then given to the tree path


def test_only_relax_ng_plans_are_streamed(tmp_path, streamed):
    doc = tmp_path / "plain.xml"
    doc.write_text(_tei('<p bogus="1">x</p>'), encoding="utf-8")
    validate_paths([doc], engine="relaxng")
    assert streamed == [str(doc)]
    streamed.clear()
    validate_paths([doc], engine="schematron")
    assert streamed == []


def test_an_xml_model_in_the_prolog_is_honoured(tmp_path, streamed):
    (tmp_path / "tiny.rng").write_text(
        '<element name="TEI" ns="http://www.tei-c.org/ns/1.0" '
        'xmlns="http://relaxng.org/ns/structure/1.0"><empty/></element>',
        encoding="utf-8",
    )
    doc = tmp_path / "named.xml"
    pi = '<?xml-model href="tiny.rng" type="application/xml"?>\n<!-- a comment -->\n'
    doc.write_text(_tei("<p>x</p>", prolog=pi), encoding="utf-8")
    found = validate_paths([doc], engine="relaxng")
    assert streamed == [str(doc)]
    # tiny.rng knows only an empty TEI: its children are unknown to it
    assert [d.code for d in found] == ["rng:unknown-element", "rng:unknown-element"]


def test_a_doctype_is_never_streamed(tmp_path, streamed):
    doc = tmp_path / "dtd.xml"
    doc.write_text(_tei("<p>&x;</p>", prolog='<!DOCTYPE TEI [<!ENTITY x "y">]>\n'), "utf-8")
    validate_paths([doc], engine="relaxng", use_xml_model=False)
    assert streamed == []
