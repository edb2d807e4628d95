"""tei-toolkit export: outputs, folders, the index page, errors and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

from export_helpers import HERE

from tei_toolkit.exporters import to_html
from tei_toolkit.tei import parse

CLI = [sys.executable, "-m", "tei_toolkit", "export"]
OURS, LETTER = HERE / "ourstyle-entities.xml", HERE / "letter.xml"


def run(*args):
    return subprocess.run(CLI + [str(a) for a in args], capture_output=True, text=True)


def test_one_file_to_a_file(tmp_path):
    out = tmp_path / "page.html"
    done = run("html", OURS, "-o", out)
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8") == to_html(parse(OURS))


def test_several_files_to_a_folder_with_an_index(tmp_path):
    done = run("html", OURS, LETTER, "-o", tmp_path / "site")
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in (tmp_path / "site").iterdir())
    records = [f"{stem}{suffix}" for stem in ("letter", "ourstyle-entities")
               for suffix in (".html", ".json", ".txt", ".xml")]  # fmt: skip
    site = ["index.html", "organisations.html", "people.html", "places.html"]
    assert names == sorted(records + site + ["search-index.js", "search.js"])
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert index.index('href="letter.html"') < index.index('href="ourstyle-entities.html"')


def test_a_folder_as_input(tmp_path):
    done = run("text", HERE, "-o", tmp_path, "--with-header")
    assert done.returncode == 0, done.stderr
    assert (
        (tmp_path / "letter.txt").read_text(encoding="utf-8").startswith("Letter from A. to B.\n")
    )
    assert not (tmp_path / "index.html").exists()


def test_json_to_stdout():
    done = run("json", OURS)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["entities"]


def test_several_inputs_need_a_folder():
    done = run("text", OURS, LETTER)
    assert done.returncode == 2
    assert "-o DIR" in done.stderr


def test_bad_inputs_are_reported_and_the_others_exported(tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text("<TEI><text>", encoding="utf-8")
    done = run("text", broken, tmp_path / "missing.xml", LETTER, "-o", tmp_path / "out")
    assert done.returncode == 2
    assert "broken.xml:1" in done.stderr and "[xml:syntax]" in done.stderr
    assert "missing.xml: error: no such file" in done.stderr
    assert (tmp_path / "out" / "letter.txt").exists()
    assert not (tmp_path / "out" / "broken.txt").exists()


def test_never_overwrites_an_input(tmp_path):
    src = tmp_path / "a.xml"
    src.write_bytes(LETTER.read_bytes())
    done = run("text", src, "-o", src)
    assert done.returncode == 2
    assert src.read_bytes() == LETTER.read_bytes()


def test_unknown_format():
    assert run("pdf", OURS).returncode == 2


def test_format_from_the_output_suffix(tmp_path):
    out = tmp_path / "letter.json"
    done = run(LETTER, "-o", out)
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == "tei-toolkit/entities"


def test_text_with_header_has_the_summary_and_the_funder(tmp_path):
    """`export text --with-header` as a user runs it: the record's abstract and funder are
    in the citation block, before the separator."""
    record = tmp_path / "funded.xml"
    record.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>'
        "<title>A letter</title><funder>The Wellcome Trust</funder><funder>A Council</funder>"
        "</titleStmt><publicationStmt><p>Here.</p></publicationStmt><sourceDesc><p>There.</p>"
        "</sourceDesc></fileDesc><profileDesc><abstract><p>Two friends on the weather.</p>"
        "</abstract></profileDesc></teiHeader><text><body><p>It rained.</p></body></text></TEI>",
        encoding="utf-8",
    )
    done = run("text", record, "--with-header")
    assert done.returncode == 0, done.stderr
    head, sep, body = done.stdout.partition("\n\n----\n\n")
    assert sep and body.strip() == "It rained."
    assert "Funder: The Wellcome Trust; A Council" in head.splitlines()
    assert "Summary: Two friends on the weather." in head.splitlines()
    assert run("text", record).stdout.strip() == "It rained."
