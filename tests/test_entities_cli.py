"""tei-toolkit entities (the worklist) and tei-toolkit register export."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from lxml import etree

from tei_toolkit.cli import cli
from tei_toolkit.cli.errors import exit_code_for

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


def test_appending_with_the_shell_keeps_the_register_readable(tmp_path):
    """The README's `>> register.tsv`: a second header row is skipped when read."""
    reg = tmp_path / "register.tsv"
    reg.write_text("id\ttype\tname\nkim\tperson\tKim Il Sung\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["entities", str(SEED), "--register", str(reg), "--unknown-only", "--format", "tsv"]
    )
    assert result.exit_code == 0, result.output
    with reg.open("a", encoding="utf-8") as f:
        f.write(result.output)
    from tei_toolkit.register import Register

    loaded = Register.load(reg)
    assert loaded.lookup("Kim Il Sung").id == "kim" and loaded.lookup("Stalin").id == "stalin"


def test_no_header_rows(tmp_path):
    empty = tmp_path / "empty.tsv"
    empty.write_text("id\ttype\tname\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        ["entities", str(SEED), "--register", str(empty), "--unknown-only", "--format", "tsv"]
        + ["--no-header"],
    )
    assert result.exit_code == 0, result.output
    assert result.output and not result.output.startswith("id\ttype")


def test_append_to_adds_each_id_once(tmp_path):
    reg = tmp_path / "register.tsv"
    reg.write_text("id\ttype\tname\nstalin\tperson\tJoseph Stalin\n", encoding="utf-8")
    args = [
        "entities",
        str(SEED),
        "--register",
        str(reg),
        "--unknown-only",
        "--append-to",
        str(reg),
    ]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    text = reg.read_text(encoding="utf-8")
    assert text.count("id\ttype\tname") == 1
    ids = [line.split("\t")[0] for line in text.splitlines()[1:]]
    assert len(ids) == len(set(ids)) > 2 and "moscow" in ids
    empty = tmp_path / "empty.tsv"
    empty.write_text("id\ttype\tname\n", encoding="utf-8")
    second = CliRunner().invoke(cli, [*args[:3], str(empty), *args[4:]])  # all unknown again
    assert second.exit_code == 0, second.output
    assert reg.read_text(encoding="utf-8").count("\nmoscow\t") == 1  # not added twice


def test_append_to_refuses_a_record(tmp_path):
    record = tmp_path / "r.txt"
    record.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["entities", str(record), "--append-to", str(record)])
    assert "one of the records" in str(result.exception)
    assert int(exit_code_for(result.exception)) == 2
    assert record.read_text(encoding="utf-8") == SEED.read_text(encoding="utf-8")
