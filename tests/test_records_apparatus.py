"""Lines of a record's apparatus that readers keep as notes, so that the names and dates in
them are marked (issue 15: they were only in correspDesc, or dropped)."""

from __future__ import annotations

from pathlib import Path

from tei_toolkit.convert import convert_text
from tei_toolkit.register import Register

FIXTURES = Path(__file__).parent / "fixtures" / "records"
NS = {"tei": "http://www.tei-c.org/ns/1.0"}


def convert(name: str):
    path = FIXTURES / name
    return convert_text(path.read_text("utf-8"), name, register=Register(), check=False).tree


def words(el) -> str:
    return " ".join("".join(el.itertext()).split())


def test_a_cables_address_lines_are_marked_notes():
    tree = convert("cable-1978moscow30317.txt")
    notes = tree.xpath("//tei:notesStmt/tei:note[@type='cable-header']", namespaces=NS)
    posts = [words(o) for n in notes for o in n.xpath("tei:orgName", namespaces=NS)]
    assert "AMEMBASSY MOSCOW" in posts and "SECSTATE WASHDC" in posts
    sent = tree.xpath("//tei:correspAction[@type='sent']/tei:name", namespaces=NS)
    assert [words(n) for n in sent] == ["AMEMBASSY MOSCOW"]  # correspDesc as before


def test_the_reading_rooms_dates_and_release_stamps_are_marked():
    tree = convert("crest-rdp80r01284a001800040058-1.txt")
    meta = tree.xpath("//tei:note[@type='archive-metadata']/tei:date/@when", namespaces=NS)
    assert meta == ["2016-12-19", "2005-10-24"]
    stamps = tree.xpath("//tei:note[@type='release-stamp']/tei:date/@when", namespaces=NS)
    assert stamps and set(stamps) == {"2005-11-23"}


def test_a_marxists_pages_publication_note_is_kept_and_marked():
    tree = convert("mia-lenin-1915-02-01.txt")
    note = tree.xpath("//tei:note[@type='publication']", namespaces=NS)
    assert note and "Sent from Berne to Copenhagen" in words(note[0])
    places = [words(p) for p in note[0].xpath("tei:placeName", namespaces=NS)]
    assert places == ["Berne", "Copenhagen"]
    created = tree.xpath("//tei:creation/tei:date", namespaces=NS)[0]
    assert words(created).startswith("between January 20")  # without "Written"


def test_the_datelines_place_is_kept_without_a_sender():
    text = "No. 383 NAI DFA ES Box 22 File 250\nDUBLIN, 12 March 1926\nA Chara,\nWe realise it.\n"
    tree = convert_text(text, "difp.txt", register=Register(), check=False).tree
    place = tree.xpath("//tei:correspAction[@type='sent']/tei:placeName", namespaces=NS)
    assert [words(p) for p in place] == ["DUBLIN"]
