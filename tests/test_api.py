"""The public library API: explicit, typed, and errors a caller can catch as stdlib types."""

from __future__ import annotations

import subprocess
import sys

import pytest
from lxml import etree

import tei_toolkit
from tei_toolkit.cli.errors import exit_code_for
from tei_toolkit.diagnostics import ExitCode

TEI = (
    '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t</title>'
    "</titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc>"
    "</fileDesc></teiHeader><text><body><p>x</p></body></text></TEI>"
)


def test_every_public_name_resolves_and_dir_lists_them():
    assert set(dir(tei_toolkit)) == set(tei_toolkit.__all__)
    for name in tei_toolkit.__all__:
        assert getattr(tei_toolkit, name) is not None


def test_import_is_cheap():
    code = "import sys, tei_toolkit; print(sorted(m for m in sys.modules if 'lxml' in m))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert out.strip() == "[]"


def test_tree_level_validation_like_xmlschema(tmp_path):
    good = etree.fromstring(TEI)
    assert tei_toolkit.is_valid(good)
    assert list(tei_toolkit.iter_errors(good)) == []
    bad = etree.fromstring(TEI.replace("<p>x</p>", "<p><bogus/></p>"))
    assert not tei_toolkit.is_valid(bad)
    with pytest.raises(tei_toolkit.ValidationError) as caught:
        tei_toolkit.validate(bad)
    assert isinstance(caught.value, ValueError)
    assert any(d.code.startswith("rng") for d in caught.value.diagnostics)
    schema = tmp_path / "s.sch"
    schema.write_text(
        '<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">'
        '<ns prefix="t" uri="http://www.tei-c.org/ns/1.0"/><pattern><rule context="t:p">'
        '<report test="true()" role="warning">a p</report></rule></pattern></schema>'
    )
    found = list(tei_toolkit.iter_errors(good, schema=schema))
    assert [d.message for d in found] == ["a p", "a p", "a p"]
    assert tei_toolkit.is_valid(good, schema=schema)  # warnings are not errors


def test_errors_are_one_tree_with_stdlib_mixins_and_exit_codes_at_the_edge():
    assert issubclass(tei_toolkit.InputError, ValueError)
    assert issubclass(tei_toolkit.OutputError, OSError)
    assert issubclass(tei_toolkit.InternalError, RuntimeError)
    for cls in (tei_toolkit.InputError, tei_toolkit.SchemaError, tei_toolkit.OutputError):
        assert issubclass(cls, tei_toolkit.ToolkitError)
        assert exit_code_for(cls("x")) is ExitCode.USAGE
    assert exit_code_for(tei_toolkit.InternalError("x")) is ExitCode.INTERNAL


def test_convert_then_export(tmp_path):
    text = "Letter to the Minister\n\nMoscow, 1 May 1950\n\nA letter.\n\nIt ends here.\n"
    conversion = tei_toolkit.convert_text(text)
    assert tei_toolkit.is_valid(conversion.tree)
    assert "A letter." in tei_toolkit.to_text(conversion.tree)
