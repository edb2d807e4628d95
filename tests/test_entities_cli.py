"""tei-toolkit entities (the worklist) and tei-toolkit register export."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from lxml import etree

from tei_toolkit.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "stalin-choibalsan-1944.txt"


def test_worklist_table_counts_names():
    result = CliRunner().invoke(cli, ["entities", str(SEED)])
    assert result.exit_code == 0, result.output
    assert "stalin" in result.output and "not in the register" in result.output


def test_worklist_tsv_unknown_only_is_pasteable(tmp_path):
    empty = tmp_path / "empty.tsv"
    empty.write_text("id\ttype\tname\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["entities", str(SEED), "--register", str(empty), "--unknown-only", "--format", "tsv"]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split("\t") == [
        "id",
        "type",
        "name",
        "variants",
        "wikidata",
        "viaf",
        "geonames",
        "note",
    ]
    rows = {line.split("\t")[0]: line.split("\t") for line in lines[1:]}
    assert rows["stalin"][1] == "person" and "J. Stalin" in rows["stalin"][3]
    assert rows["moscow"][6] == "524901"  # GeoNames id from the shipped gazetteer
    # the rows load back as a register
    (tmp_path / "new.tsv").write_text(result.output, encoding="utf-8")
    from tei_toolkit.register import Register

    assert Register.load(tmp_path / "new.tsv").lookup("Stalin").id == "stalin"


def test_register_export_writes_tei(tmp_path):
    out = tmp_path / "register.xml"
    result = CliRunner().invoke(cli, ["register", "export", "-o", str(out)])
    assert result.exit_code == 0, result.output
    root = etree.parse(str(out)).getroot()
    assert etree.QName(root).localname == "TEI"
    assert root.find(".//{http://www.tei-c.org/ns/1.0}listPerson") is not None
