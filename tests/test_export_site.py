"""The corpus site of `export html DIR -o site/`: the index, the name pages with every
mention in context, the per-record companions; on corpus/ (what `make demo` builds)."""

from __future__ import annotations

import json
from collections import Counter

import lxml.html
import pytest
from conftest import CORPUS
from export_helpers import HERE

from tei_toolkit.exporters import export_files
from tei_toolkit.pipeline import convert_files
from tei_toolkit.tei import TEI_NS


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("demo")
    results = convert_files(sorted(CORPUS.glob("*.txt")), tmp / "tei", check=False)
    tei = [r.target for r in results if r.error is None]
    done, notes = export_files("html", tei, f"{tmp / 'site'}/", title="Demo corpus")
    assert not [r.diagnostic for r in done if r.diagnostic] and not notes
    return tmp / "site", tei


def read(path):
    return lxml.html.fromstring(path.read_text(encoding="utf-8"))


def test_the_index_has_title_counts_years_and_a_timeline(site):
    folder, tei = site
    doc = read(folder / "index.html")
    assert doc.findtext(".//h1") == "Demo corpus" and doc.findtext(".//title") == "Demo corpus"
    assert doc.find_class("counts")[0].text_content().startswith(f"{len(tei)} records, ")
    years = [h.text.split()[0] for h in doc.xpath("//section[@class='year']/h2")]
    assert years == sorted(years) and all(y.isdigit() or y == "Undated" for y in years)
    assert len(doc.xpath("//ol[@class='records']/li")) == len(tei)
    dots = doc.xpath("//figure[@class='chart'][1]//svg//a")
    assert len(dots) == len(doc.xpath("//section[@class='year' and not(@id='y-Undated')]//li"))


def test_the_people_page_lists_every_mention_across_records(site):
    folder, _ = site
    expected: Counter = Counter()
    for page in folder.glob("*.html"):
        if page.name in ("index.html", "people.html", "places.html", "organisations.html"):
            continue
        doc = read(page)
        mentions = "//section[@id='text' or @id='summary']//*[contains(@class, 'entity person')]"
        for a in doc.xpath(mentions):
            expected[(page.name, a.get("id"))] += 1
    people = read(folder / "people.html")
    listed = Counter()
    for a in people.xpath("//ol[@class='mentions']/li/a"):
        name, _, anchor = a.get("href").partition("#")
        listed[(name, anchor)] += 1
        target = read(folder / name).get_element_by_id(anchor)  # lands on the mention
        assert "person" in target.get("class")
        mark = a.getparent().find(".//mark").text
        assert " ".join(target.text_content().split()) == " ".join(mark.split())
    assert listed == expected and len(listed) > 20
    contexts = people.xpath("//span[@class='context']")
    assert sum(len(c.text_content().split()) > 4 for c in contexts) > len(contexts) / 2


def test_each_record_links_its_tei_text_and_json(site):
    folder, tei = site
    for source in tei:
        page = read(folder / f"{source.stem}.html")
        links = dict((a.text, a.get("href")) for a in page.xpath("//nav[@class='site-nav']/a"))
        assert links == {
            "Index": "index.html",
            "TEI source": f"{source.stem}.xml",
            "Text": f"{source.stem}.txt",
            "JSON": f"{source.stem}.json",
        }
        assert (folder / links["TEI source"]).read_bytes() == source.read_bytes()
        assert json.loads((folder / links["JSON"]).read_text())["format"]
        style = page.findtext(".//style")
        assert "prefers-color-scheme: dark" in style and "@media print" in style


def test_search_index_holds_every_body_word(site):
    folder, tei = site
    script = (folder / "search-index.js").read_text(encoding="utf-8")
    data = json.loads(script.removeprefix("window.TEI_SEARCH = ").rstrip().rstrip(";"))
    assert len(data["docs"]) == len(tei)
    text = (folder / f"{tei[0].stem}.txt").read_text(encoding="utf-8").split("\n\n", 1)[-1]
    first = data["docs"].index(next(d for d in data["docs"] if d[0] == f"{tei[0].stem}.html"))
    for word in {w.casefold() for w in text.split() if w.isalpha()}:
        assert first in data["words"][word], word


def test_a_correspondence_network_from_corresp_desc(tmp_path):
    def letter(n, sender, addressee):
        path = tmp_path / f"l{n}.xml"
        path.write_text(
            f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>Letter {n}</title>'
            "</titleStmt></fileDesc><profileDesc><correspDesc>"
            f'<correspAction type="sent"><persName>{sender}</persName></correspAction>'
            f'<correspAction type="received"><persName>{addressee}</persName></correspAction>'
            "</correspDesc></profileDesc></teiHeader><text><body><p>Dear friend.</p></body>"
            "</text></TEI>",
            encoding="utf-8",
        )
        return path

    inputs = [
        letter(1, "Ann", "Bob"),
        letter(2, "Bob", "Ann"),
        letter(3, "Ann", "Cy"),
        HERE / "letter.xml",
    ]
    export_files("html", inputs, f"{tmp_path / 'site'}/")
    doc = read(tmp_path / "site" / "index.html")
    svg = doc.xpath("//figure[@class='chart']//svg[contains(@aria-label, 'Correspondence')]")
    assert svg and sorted(t.text for t in svg[0].xpath(".//text")) == ["Ann", "Bob", "Cy"]
    assert len(svg[0].xpath(".//line[@class='edge']")) == 3
