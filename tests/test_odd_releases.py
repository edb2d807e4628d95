"""Which TEI release validates a document: the default, ``--tei``, and ``<?xml-model?>``.

TEI 4.8.0 (compiled by tei_toolkit.odd) is the default; 4.3.0 stays shipped. An
``xml-model`` URL on a tei-c.org host that names a shipped release picks it; one that
names another release says which release was used instead; any other host is never
replaced silently. A local ``.odd`` named by ``xml-model`` is compiled and used, under
the same project rules as any schema a document names.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tei_toolkit.cli import cli
from tei_toolkit.odd import p5subset_path
from tei_toolkit.validators import cache
from tei_toolkit.validators.batch import validate_paths
from tei_toolkit.validators.models import named_release, plan_models
from tei_toolkit.xmlparse import parse_bytes

TEI = "http://www.tei-c.org/ns/1.0"
RNG_NS = "http://relaxng.org/ns/structure/1.0"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"
HEADER = (
    "<teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p>p</p>"
    "</publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>"
)
VAULT = "https://tei-c.org/Vault/P5/{}/xml/tei/custom/schema/relaxng/tei_all.rng"
CURRENT = "https://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng"
# eventName is new in TEI 4.8.0: invalid against 4.3.0, valid against 4.8.0
NEW_IN_480 = "<listEvent><event><eventName>Coronation</eventName></event></listEvent>"

pytestmark = pytest.mark.skipif(
    cache.release_schema("4.8.0") is None or cache.release_schema("4.3.0") is None,
    reason="the shipped schemas are not here",
)


def document(folder: Path, name: str, body: str, *models: tuple[str, str | None]) -> Path:
    pis = "".join(
        f'<?xml-model href="{href}"'
        + (f' schematypens="{ns}"' if ns else "")
        + ' type="application/xml"?>\n'
        for href, ns in models
    )
    path = folder / name
    path.write_text(
        f'<?xml version="1.0"?>\n{pis}<TEI xmlns="{TEI}">{HEADER}'
        f"<text><body>{body}</body></text></TEI>\n",
        encoding="utf-8",
    )
    return path


def plan(path: Path, engine: str | None = None):
    return plan_models(parse_bytes(path.read_bytes(), str(path)), path, "project", engine)


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    (root / ".git").mkdir(parents=True)
    return root


def test_the_default_release_is_480_for_every_engine():
    assert cache.DEFAULT_RELEASE == "4.8.0"
    for kind in ("rng", "sch", "xsd"):
        assert cache.default_schema(kind).name == f"tei_all-4.8.0.{kind}"
        assert cache.default_release(kind) == "4.8.0"
    assert cache.shipped_releases() == ["4.8.0", "4.3.0"]
    assert cache.release_schema("4.3.0", "xsd").name == "tei_all.xsd"
    assert cache.release_schema("4.5.0") is None


@pytest.mark.parametrize(
    "path, release",
    [
        ("/Vault/P5/4.3.0/xml/tei/custom/schema/relaxng/tei_all.rng", "4.3.0"),
        ("/P5/4.8.0/xml/tei/custom/schema/relaxng/tei_all.rng", "4.8.0"),
        ("/release/xml/tei/custom/schema/relaxng/tei_all.rng", "4.8.0"),
        ("/schemas/tei_all.rng", None),
    ],
)
def test_release_named_by_a_consortium_url(path, release):
    assert named_release(path) == release


def test_a_vault_url_picks_that_shipped_release(project):
    doc = document(
        project,
        "old.xml",
        "<p>x</p>",
        (VAULT.format("4.3.0"), RNG_NS),
        (VAULT.format("4.3.0"), SCH_NS),
    )
    uses, notes = plan(doc)
    assert [(u.engine, u.schema.name, u.trusted) for u in uses] == [
        ("relaxng", "tei_all.rng", True),
        ("schematron", "tei_all.sch", True),
    ]
    assert notes == []


def test_the_current_release_url_picks_the_newest_shipped(project):
    doc = document(project, "new.xml", "<p>x</p>", (CURRENT, RNG_NS))
    uses, notes = plan(doc)
    assert [u.schema.name for u in uses] == ["tei_all-4.8.0.rng"] and notes == []


def test_a_release_not_shipped_says_which_one_was_used(project):
    doc = document(project, "mid.xml", "<p>x</p>", (VAULT.format("4.5.0"), RNG_NS))
    uses, notes = plan(doc)
    assert [u.schema.name for u in uses] == ["tei_all-4.8.0.rng"]
    assert [n.code for n in notes] == ["validate:xml-model"]
    assert "4.5.0 is not shipped" in notes[0].message
    assert "using release 4.8.0" in notes[0].message
    assert notes[0].line == 2


def test_the_xsd_of_a_named_release(project):
    doc = document(
        project,
        "x.xml",
        "<p>x</p>",
        (VAULT.format("4.3.0").replace("relaxng/tei_all.rng", "xsd/tei_all.xsd"), None),
    )
    uses, _ = plan(doc, engine="xsd")
    assert [u.schema.name for u in uses] == ["tei_all.xsd"]


@pytest.mark.parametrize(
    "host", ["teic.github.io", "tei-c.org.example.net", "example.org", "nottei-c.org"]
)
def test_other_hosts_are_never_replaced_silently(project, host):
    href = f"https://{host}/release/xml/tei/custom/schema/relaxng/tei_all.rng"
    uses, notes = plan(document(project, "h.xml", "<p>x</p>", (href, RNG_NS)))
    assert uses == []
    assert [n.code for n in notes] == ["validate:xml-model"]
    assert href in notes[0].message and "4.8.0" in notes[0].message


def _error_codes(found, name):
    return sorted({d.code for d in found if d.file.endswith(name) and str(d.severity) == "error"})


def test_documents_are_judged_by_the_release_they_name(project):
    old = document(project, "old.xml", NEW_IN_480, (VAULT.format("4.3.0"), RNG_NS))
    new = document(project, "new.xml", NEW_IN_480, (CURRENT, RNG_NS))
    plain = document(project, "plain.xml", NEW_IN_480)
    found = validate_paths([old, new, plain])
    assert "rng:unknown-element" in _error_codes(found, "old.xml")  # eventName
    assert _error_codes(found, "new.xml") == []
    assert _error_codes(found, "plain.xml") == []  # the default: 4.8.0
    again = validate_paths([plain], use_xml_model=False, schema=cache.release_schema("4.3.0"))
    assert "rng:unknown-element" in _error_codes(again, "plain.xml")


def test_cli_tei_option_picks_the_release(project):
    doc = document(project, "d.xml", NEW_IN_480)
    runner = CliRunner()
    old = runner.invoke(cli, ["validate", str(doc), "--tei", "4.3.0", "--no-cache"])
    new = runner.invoke(cli, ["validate", str(doc), "--tei", "4.8.0", "--no-cache"])
    default = runner.invoke(cli, ["validate", str(doc), "--no-cache"])
    assert old.exit_code == 1 and "eventName" in old.output
    assert new.exit_code == 0 and default.exit_code == 0, new.output + default.output


# --- a local ODD named by <?xml-model?> ---------------------------------------------------
ODD_BODY = """<moduleRef key="tei"/><moduleRef key="header"/><moduleRef key="core"/>
<moduleRef key="textstructure"/>
<elementSpec ident="ptr" mode="delete"/>
<elementSpec ident="p" mode="change"><constraintSpec ident="no-draft" scheme="schematron">
<constraint><sch:rule context="tei:p"><sch:report test="contains(., 'DRAFT')">No drafts
in this edition.</sch:report></sch:rule></constraint></constraintSpec></elementSpec>"""


def write_odd(folder: Path, body: str = ODD_BODY, attrs: str = "", name="project.odd") -> Path:
    path = folder / name
    path.write_text(
        f'<TEI xmlns="{TEI}" xmlns:sch="{SCH_NS}">{HEADER}<text><body>'
        f'<schemaSpec ident="project" start="TEI"{attrs}>{body}</schemaSpec>'
        "</body></text></TEI>",
        encoding="utf-8",
    )
    return path


needs_p5 = pytest.mark.skipif(not p5subset_path().is_file(), reason="no schemas/p5subset.xml")


@needs_p5
def test_a_local_odd_named_by_xml_model_is_compiled_and_used(project):
    write_odd(project)
    ok = document(project, "ok.xml", "<p>fine</p>", ("project.odd", None))
    bad = document(project, "bad.xml", '<p>DRAFT <ptr target="#x"/></p>', ("project.odd", TEI))
    uses, notes = plan(bad)
    assert [(u.engine, u.trusted, u.origin) for u in uses] == [
        ("relaxng", False, project / "project.odd"),
        ("schematron", False, project / "project.odd"),
    ]
    found = validate_paths([ok, bad])
    assert _error_codes(found, "ok.xml") == []
    messages = [d.message for d in found if d.file.endswith("bad.xml")]
    assert any("ptr" in m for m in messages), messages  # deleted by the ODD
    assert any("No drafts" in m for m in messages), messages  # the ODD's constraint
    only_rng = validate_paths([bad], engine="relaxng")
    assert not any("No drafts" in d.message for d in only_rng)


@needs_p5
def test_an_odd_reading_outside_the_project_is_refused(project, tmp_path):
    (tmp_path / "elsewhere.odd").write_text("<TEI/>")
    write_odd(project, attrs=' source="../elsewhere.odd"', name="chained.odd")
    doc = document(project, "c.xml", "<p>x</p>", ("chained.odd", None))
    found = validate_paths([doc])
    assert [d.code for d in found] == ["validate:xml-model-refused"]
    assert "elsewhere.odd" in found[0].message


@needs_p5
def test_a_broken_odd_is_that_documents_error_and_the_batch_goes_on(project):
    write_odd(project, body='<moduleRef key="no-such-module"/>', name="broken.odd")
    doc = document(project, "b.xml", "<p>x</p>", ("broken.odd", None))
    plain = document(project, "plain.xml", "<p>x</p>")
    found = validate_paths([doc, plain])
    assert [(Path(d.file).name, d.code) for d in found] == [("b.xml", "validate:schema")]
    assert "no-such-module" in found[0].message


@needs_p5
def test_editing_the_odd_invalidates_cached_results(project, tmp_path, monkeypatch):
    monkeypatch.setenv("TEI_TOOLKIT_CACHE", str(tmp_path / "cache"))
    odd = write_odd(project)
    doc = document(project, "d.xml", '<p><ptr target="#x"/></p>', ("project.odd", None))
    first = validate_paths([doc], use_cache=True)
    assert _error_codes(first, "d.xml")
    odd.write_text(odd.read_text().replace('<elementSpec ident="ptr" mode="delete"/>', ""))
    assert _error_codes(validate_paths([doc], use_cache=True), "d.xml") == []


@needs_p5
def test_an_odd_named_by_a_document_is_still_sandboxed(project, tmp_path):
    (tmp_path / "secret.txt").write_text("TOP-SECRET")
    leak = ODD_BODY.replace(
        "contains(., 'DRAFT')", "contains(unparsed-text('../secret.txt'), 'TOP')"
    )
    write_odd(project, body=leak)
    doc = document(project, "s.xml", "<p>x</p>", ("project.odd", None))
    found = validate_paths([doc])
    assert [d.code for d in found] == ["sch:refused"]
    assert not any("TOP-SECRET" in d.message for d in found)
