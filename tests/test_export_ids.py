"""The id policy: xml:id values are the page's ids (prefixed only on a clash with the
page's own), links resolve, notes link both ways, a repeated xml:id is exported."""

from __future__ import annotations

import subprocess
import sys

import lxml.html
from export_helpers import tei_body

from tei_toolkit.exporters import to_html

CLI = [sys.executable, "-m", "tei_toolkit", "export"]


def page(fragment: str):
    return lxml.html.fromstring(to_html(tei_body(fragment)))


def ids(doc) -> list[str]:
    return [e.get("id") for e in doc.iter() if isinstance(e.tag, str) and e.get("id")]


def test_xml_ids_are_kept_and_links_resolve():
    doc = page(
        '<p xml:id="p1">See <ref target="#N1">the note</ref> and <ptr target="#p1"/>.'
        '<note xml:id="N1">A note.</note></p><p>Unknown <ref target="#nowhere">x</ref>.</p>'
    )
    assert doc.get_element_by_id("p1").tag == "p"
    note = doc.get_element_by_id("N1")  # the endnote keeps the note's xml:id
    assert note.tag == "li" and "A note." in note.text_content()
    assert doc.xpath("//a[@class='tei-ref']/@href") == ["#N1"]
    assert doc.xpath("//a[@class='tei-ptr']/@href") == ["#p1"]
    assert not doc.xpath("//a[@href='#nowhere']")  # not in the document: not a link
    marker = doc.xpath("//a[@class='noteref']")[0]
    assert marker.get("href") == "#N1"
    backs = {a.get("href") for a in note.xpath("a[@class='backref']")}
    assert backs == {"#" + marker.get("id"), "#ref-1"}  # the marker and the ref
    assert doc.get_element_by_id("ref-1").get("href") == "#N1"


def test_an_xml_id_the_page_uses_for_itself_gets_the_prefix():
    doc = page('<p xml:id="text">One <ref target="#text">up</ref>.</p><p xml:id="note-1">two</p>')
    assert doc.get_element_by_id("text").tag == "section"  # the page's own section
    assert doc.get_element_by_id("tei-text").tag == "p"
    assert doc.xpath("//a[@class='tei-ref']/@href") == ["#tei-text"]
    assert doc.get_element_by_id("tei-note-1").tag == "p"


def test_an_id_on_an_element_without_its_own_html_element_stays_in_place():
    doc = page('<p>before <anchor/><lb xml:id="l5"/>after <ref target="#l5">line</ref></p>')
    span = doc.get_element_by_id("l5")
    assert span.tag == "span" and span.getnext().tag == "br"  # where the lb was
    assert span.getnext().tail.startswith("after")


def test_notes_in_a_notes_section_are_read_in_place_and_link_back():
    doc = page(
        '<div><p>Text.<ref target="#n1" n="*"/> More.<ref target="#n2">[2]</ref></p></div>'
        '<div type="notes"><note xml:id="n1" n="*">First.</note><note xml:id="n2">Second.</note>'
        "</div>"
    )
    first = doc.get_element_by_id("n1")
    assert "block-note" in first.get("class") and "First." in first.text_content()
    ref = doc.xpath("//a[@href='#n1']")[0]
    assert ref.text_content() == "*"
    assert first.xpath("a[@class='backref']/@href") == ["#" + ref.get("id")]
    assert not doc.xpath("//ol[@class='notes']")


def test_a_repeated_xml_id_is_exported_with_a_warning(tmp_path):
    src = tmp_path / "dup.xml"
    src.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t'
        "</title></titleStmt></fileDesc></teiHeader><text><body>"
        '<p xml:id="a">one</p><p xml:id="a">two</p><p><ref target="#a">up</ref></p>'
        "</body></text></TEI>",
        encoding="utf-8",
    )
    done = subprocess.run(CLI + ["html", str(src)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "xml:duplicate-id" in done.stderr and "warning" in done.stderr
    doc = lxml.html.fromstring(done.stdout)
    assert doc.get_element_by_id("a").text == "one"
    assert doc.get_element_by_id("a-2").text == "two"
    assert doc.xpath("//a[@class='tei-ref']/@href") == ["#a"]
    assert len(ids(doc)) == len(set(ids(doc)))
    for fmt in ("text", "json"):
        assert subprocess.run(CLI + [fmt, str(src)], capture_output=True).returncode == 0


STANDOFF = (
    '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>'
    '<title xml:id="t1">Card</title></titleStmt></fileDesc></teiHeader>'
    '<facsimile><surface xml:id="s1"/></facsimile><text><body>'
    '<p>Dear <rs>Sis</rs>,<ptr target="#n1"/> come at eight<ptr target="#n2"/>; see '
    '<ref target="#n2">the concert</ref>, <ref target="#s1">the card</ref>, '
    '<ref target="#t1">the title</ref>.<ptr target="#n1"/></p></body></text>'
    "<standOff><listAnnotation>"
    '<note xml:id="n1">Her family name for her.</note>'
    '<note xml:id="n2">A concert on <hi>Wednesday</hi>, see <ptr target="#n3"/>.</note>'
    '<note xml:id="n3">The hall.</note>'
    '<note xml:id="n4">Written in pencil.</note>'
    "</listAnnotation></standOff></TEI>"
)


def test_notes_kept_in_standoff_are_endnotes_at_their_pointers():
    """The letter-edition pattern: ptr in the text, the note in standOff/listAnnotation."""
    from tei_toolkit.exporters import to_text
    from tei_toolkit.tei import parse_bytes

    tree = parse_bytes(STANDOFF.encode())
    doc = lxml.html.fromstring(to_html(tree))
    page_ids = set(ids(doc))
    links = [a.get("href") for a in doc.iter("a") if (a.get("href") or "").startswith("#")]
    assert all(href[1:] in page_ids for href in links)  # nothing dangles
    assert "#s1" not in links and "#t1" not in links  # not shown on the page: not links
    markers = doc.xpath("//section[@id='text']//a[@class='noteref']")
    assert [(m.get("href"), m.text_content()) for m in markers] == [
        ("#n1", "1"), ("#n2", "2"), ("#n1", "1"),
    ]  # fmt: skip
    notes = doc.xpath("//ol[@class='notes']/li")
    assert [n.get("id") for n in notes] == ["n1", "n2", "n3", "n4"]
    for note in notes[:3]:  # every pointed note links back to each of its pointers
        backs = [a.get("href")[1:] for a in note.xpath("a[@class='backref']")]
        assert backs and all(
            doc.get_element_by_id(b).get("href") == "#" + note.get("id") for b in backs
        )
    assert len(notes[0].xpath("a[@class='backref']")) == 2  # pointed at twice
    assert notes[3].get("class") == "annotation" and not notes[3].xpath("a[@class='backref']")
    assert notes[1].find(".//i") is not None  # a note's markup is rendered
    text = to_text(tree)
    assert "Dear Sis,[1] come at eight[2]; see the concert, the card, the title.[1]" in text
    assert text.endswith(
        "Notes\n\n[1] Her family name for her.\n\n[2] A concert on Wednesday, see [3].\n\n"
        "[3] The hall.\n\n[4] Written in pencil."
    )
