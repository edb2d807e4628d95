"""The result cache never turns an invalid file valid: edit the file, its schema or the
tool's version, and the file is validated again."""

from __future__ import annotations

import pytest

from tei_toolkit.diagnostics import ToolkitError
from tei_toolkit.validators import check, validate_paths

TEI = (
    '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t</title>'
    "</titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc>"
    "</fileDesc></teiHeader><text><body><p>x</p></body></text></TEI>"
)
RNG = """<grammar xmlns="http://relaxng.org/ns/structure/1.0"
 ns="http://www.tei-c.org/ns/1.0"><start><element><anyName/><ref name="any"/></element></start>
 <define name="any"><zeroOrMore><choice><attribute><anyName/></attribute><text/>
 <element><anyName/><ref name="any"/></element></choice></zeroOrMore></define></grammar>"""


@pytest.fixture
def counted(monkeypatch, tmp_path):
    monkeypatch.setenv("TEI_TOOLKIT_CACHE", str(tmp_path / "cache"))
    runs = []
    real = check.run_engine

    def run_engine(engine, tree, **kw):
        runs.append(engine)
        return real(engine, tree, **kw)

    monkeypatch.setattr(check, "run_engine", run_engine)
    return runs


def _codes(path, **kw):
    return [d.code for d in validate_paths([path], use_cache=True, engine="relaxng", **kw)]


def test_unchanged_file_is_not_validated_again_and_gives_the_same_report(tmp_path, counted):
    doc = tmp_path / "d.xml"
    doc.write_text(TEI.replace("<p>x</p>", "<p><bogus/></p>"))
    first = validate_paths([doc], use_cache=True)
    assert counted and any(d.severity >= 2 for d in first)
    counted.clear()
    assert validate_paths([doc], use_cache=True) == first
    assert counted == []


def test_editing_the_file_validates_it_again(tmp_path, counted):
    doc = tmp_path / "d.xml"
    doc.write_text(TEI)
    assert _codes(doc) == []
    doc.write_text(TEI.replace("<p>x</p>", "<p><bogus/></p>"))
    assert _codes(doc) and counted.count("relaxng") == 2


def test_changing_a_schema_validates_again(tmp_path, counted):
    doc = tmp_path / "d.xml"
    doc.write_text(TEI.replace("<p>x</p>", "<p><bogus/></p>"))
    schema = tmp_path / "s.rng"
    schema.write_text(RNG)  # anything goes
    assert _codes(doc, schema=schema) == []
    schema.write_text(TEI)  # not a grammar any more
    with pytest.raises(ToolkitError):
        _codes(doc, schema=schema)
    # a schema named by the document itself, changed behind the document's back
    (tmp_path / ".git").mkdir()
    named = tmp_path / "named.xml"
    named.write_text(
        '<?xml-model href="s.rng" schematypens="http://relaxng.org/ns/structure/1.0"?>'
        + TEI.replace("<p>x</p>", "<p><bogus/></p>")
    )
    schema.write_text(RNG)
    assert _codes(named) == []
    schema.write_text(
        RNG.replace("<element><anyName/><ref", "<element><name>p</name><ref", 1).replace(
            "<start><element><anyName/>", "<start><element><name>TEI</name>"
        )
    )
    assert "validate:schema" not in _codes(named)
    assert _codes(named), "the stricter schema must be applied, not the cached verdict"


def test_a_new_version_validates_again(tmp_path, counted, monkeypatch):
    doc = tmp_path / "d.xml"
    doc.write_text(TEI)
    _codes(doc)
    from tei_toolkit.validators import results

    monkeypatch.setattr(results, "__version__", "99.0")
    counted.clear()
    _codes(doc)
    assert counted == ["relaxng"]


def test_off_switch(tmp_path, counted, monkeypatch):
    doc = tmp_path / "d.xml"
    doc.write_text(TEI)
    _codes(doc)
    monkeypatch.setenv("TEI_TOOLKIT_CACHE", "off")
    counted.clear()
    _codes(doc)
    assert counted == ["relaxng"]


def test_a_remembered_digest_holds_only_while_the_file_is_untouched(tmp_path, counted, monkeypatch):
    """A re-run trusts a file's status (results.digest_of); a write changes the change
    time even when the size and the modification time are put back."""
    import os
    import time

    from tei_toolkit.validators import results

    real = time.time_ns
    monkeypatch.setattr(results.time, "time_ns", lambda: real() + 10**10)  # "old" files
    doc = tmp_path / "d.xml"
    doc.write_text(TEI)
    assert _codes(doc) == [] and counted == ["relaxng"]
    assert list((tmp_path / "cache").rglob("digests/*.json"))  # remembered
    assert _codes(doc) == [] and counted == ["relaxng"]  # not read again, not validated
    before = doc.stat()
    time.sleep(0.05)
    doc.write_text(TEI.replace("<p>x</p>", "<x>x</x>"))  # same size, invalid
    os.utime(doc, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert doc.stat().st_size == before.st_size
    assert "rng:unknown-element" in _codes(doc)  # validated again
    assert counted == ["relaxng", "relaxng"]
