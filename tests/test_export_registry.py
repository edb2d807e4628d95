"""One exporter registry (CLI, files, tests read it), user behaviour tables, and depth:
the walk is iterative, so the parser's 256 levels export like 2."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from export_helpers import HERE

from tei_toolkit.exporters import (
    EXPORTERS,
    Exporter,
    Options,
    export_files,
    register,
    to_html,
    to_json,
    to_text,
)
from tei_toolkit.tei import parse

CLI = [sys.executable, "-m", "tei_toolkit", "export"]
DRAMA = HERE / "drama-and-verse.xml"
TEI_NS = "http://www.tei-c.org/ns/1.0"


def run(*args):
    return subprocess.run(CLI + [str(a) for a in args], capture_output=True, text=True)


def nested(tmp_path, levels: int):
    """TEI with ``levels`` nested headed divs; TEI/text/body/p and hi bring it to 256."""
    body = "<div><head>h</head>" * levels + "<p>deep <hi>word</hi> end</p>" + "</div>" * levels
    xml = (
        f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt>'
        "<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>"
        f"</teiHeader><text><body>{body}</body></text></TEI>"
    )
    path = tmp_path / "deep.xml"
    path.write_text(xml, encoding="utf-8")
    return path


def test_the_documented_256_levels_export_in_every_format(tmp_path):
    path = nested(tmp_path, 251)  # TEI, text, body, 251 div, p, hi: 256 levels
    tree = parse(path)
    assert "deep word end" in to_text(tree)
    page = to_html(tree)
    assert page.count('<section class="tei-div"') == 251 and "deep" in page
    assert to_json(tree)["text"].endswith("deep word end")
    for fmt in EXPORTERS:
        done = run(fmt, path, "-o", tmp_path / f"out{EXPORTERS[fmt].suffix}")
        assert done.returncode == 0, done.stderr


def test_the_cli_formats_and_suffixes_are_the_registry(tmp_path):
    help_text = run("--help").stdout
    assert all(name in help_text for name in EXPORTERS)
    for exporter in EXPORTERS.values():
        out = tmp_path / f"drama{exporter.suffix}"
        assert run(DRAMA, "-o", out).returncode == 0  # the suffix picks the format
        assert out.read_text(encoding="utf-8") == exporter.render(parse(DRAMA), Options())


def test_a_new_exporter_is_one_registry_line(tmp_path):
    words = register(Exporter("words", ".words", lambda t, o: str(len(to_text(t).split())), "n"))
    try:
        results, _ = export_files("words", [DRAMA], f"{tmp_path / 'site'}/")
        assert results[0].output == tmp_path / "site" / "drama-and-verse.words"
        assert int(results[0].output.read_text()) == len(to_text(parse(DRAMA)).split())
    finally:
        del EXPORTERS[words.name]


def test_a_user_table_replaces_only_its_elements():
    tree = parse(DRAMA)
    calls = []

    def stage(w, el):  # a Python behaviour: a generator, as the built-in ones
        calls.append(el)
        w.out.open("aside", "my-stage", el)
        yield from w.inside(el)
        w.out.close()

    page = to_html(tree, behaviours={"stage": stage, "persName": "strong"})
    assert calls and page.count('class="my-stage"') == len(calls)
    assert "<strong" in page
    assert to_html(tree) != page and 'class="my-stage"' not in to_html(tree)


def test_a_json_table_from_the_cli(tmp_path):
    table = tmp_path / "b.json"
    table.write_text(json.dumps({"speaker": ["<<", ">>"], "stage": None}), encoding="utf-8")
    done = run("text", DRAMA, "--behaviours", table)
    assert done.returncode == 0, done.stderr
    plain = to_text(parse(DRAMA))
    assert "<<" in done.stdout and "<<" not in plain
    assert "Flourish of trumpets." in plain and "Flourish" not in done.stdout
    assert done.stdout.replace("<<", "").replace(">>", "").split()[:3] == plain.split()[:3]


@pytest.mark.parametrize("bad", [{"hi": "script"}, {"hi": 3}, ["hi"]])
def test_a_bad_table_is_refused_before_any_file(tmp_path, bad):
    table = tmp_path / "b.json"
    table.write_text(json.dumps(bad), encoding="utf-8")
    done = run("html", DRAMA, "--behaviours", table, "-o", tmp_path / "x.html")
    assert done.returncode == 2 and "behaviour" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "x.html").exists()
