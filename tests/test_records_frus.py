"""FRUS pages (history.state.gov, cut to size; addresses in truth.tsv): footnotes at
their markers, ``[Page N]`` page breaks, file numbers of every shape."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from tei_toolkit.convert import convert_text
from tei_toolkit.records import read_record
from tei_toolkit.tei import NS

FIXTURES = Path(__file__).parent / "fixtures" / "records"
NOTE_LINE = re.compile(r"^[ \t]+\d{1,3}\.\s+(.+)$", re.M)


def tei_of(name: str):
    text = (FIXTURES / name).read_text("utf-8")
    return text, convert_text(text, name, date="2026-01-01").tree


def words(el) -> str:
    return " ".join("".join(el.itertext()).split())


def running_text(el) -> str:
    """The words of ``el`` without its notes' (the text as read, notes aside)."""
    kept = el.xpath(".//text()[not(ancestor::tei:note)]", namespaces=NS)
    return " ".join("".join(kept).split())


def xp(tree, path):
    return tree.xpath(path, namespaces=NS)


PAGES = [
    "frus-1941v01-d848.txt",
    "frus-1940v02-d514.txt",
    "frus-1945v01-d59.txt",
    "frus-1945v03-d261.txt",
    "frus-1917supp01v01-d739.txt",
]


@pytest.mark.parametrize("name", PAGES)
def test_every_footnote_is_kept_once_and_no_page_marker_stays_text(name):
    text, tree = tei_of(name)
    everywhere = [words(n) for n in xp(tree, "//tei:note[@type='footnote']")]
    for note in NOTE_LINE.findall(text):
        assert everywhere.count(" ".join(note.split())) == 1, note
    body = words(xp(tree, "//tei:body")[0])
    assert "[Page" not in body
    pages = re.findall(r"\[Page (\d+)\]", text)
    assert xp(tree, "//tei:body//tei:pb/@n") == pages
    assert not [p for p in xp(tree, "//tei:body//tei:p") if not words(p)]  # no empty p


def test_a_note_sits_where_its_marker_was_and_the_marker_leaves_the_word():
    _, tree = tei_of("frus-1941v01-d848.txt")
    note = xp(tree, "//tei:body//tei:note[@n='17']")[0]
    assert words(note).startswith("Andrey Yanuaryevich Vyshinsky")
    before = note.getprevious()
    assert words(before) == "Vyshinski" and before.tail == ","  # "Vyshinski,17 or"
    assert note.tail.startswith(" or ")
    assert "Vyshinski,17" not in etree.tostring(tree, encoding="unicode")


def test_markers_glued_to_words_after_a_comma_and_on_names():
    _, tree = tei_of("frus-1945v03-d261.txt")
    body = xp(tree, "//tei:body")[0]
    assert [n.get("n") for n in xp(body, ".//tei:note")] == ["3", "4"]
    assert "Dep’s 2351, May 28" in running_text(body)
    assert "Chauvel this afternoon" in running_text(body)
    _, tree = tei_of("frus-1917supp01v01-d739.txt")
    note = xp(tree, "//tei:body//tei:note[@type='footnote']")[0]
    assert (note.get("n"), words(note)) == ("1", "Not printed.")
    assert note.tail.startswith(" stating")
    assert "in copy and translation, stating that" in running_text(note.getparent())


def test_the_headings_marker_gives_the_first_note_to_the_header():
    _, tree = tei_of("frus-1945v01-d59.txt")
    title = words(xp(tree, "//tei:titleStmt/tei:title[@type='main']")[0])
    assert title == "The Acting Secretary of State to the Ambassador in France (Caffery)"
    header_note = xp(tree, "//tei:notesStmt/tei:note[@type='footnote']")[0]
    assert header_note.get("n") == "23" and words(header_note).startswith("Repeated on")
    body_note = xp(tree, "//tei:body//tei:note[@type='footnote']")[0]
    assert (body_note.get("n"), words(body_note)) == ("24", "Not printed.")
    # the page number alone between two paragraphs: a break at the start of the next one
    pb = xp(tree, "//tei:body//tei:pb")[0]
    assert pb.get("n") == "111" and pb.getparent().text is None
    assert words(pb.getparent()).startswith("This is the last")


@pytest.mark.parametrize(
    "name,number,when",
    [
        ("frus-1940v02-d514.txt", "123 Bullitt, William C./617", None),
        ("frus-1945v03-d261.txt", "740.00119 Control (Germany)/5–2945", "1945-05-29"),
        ("frus-1917supp01v01-d739.txt", "841.711/2074", None),
    ],
)
def test_file_numbers_with_names_and_brackets(name, number, when):
    record = read_record((FIXTURES / name).read_text("utf-8"), name)[0]
    assert record.layout == "frus" and ("file", number) in record.idnos
    assert record.title is not None and record.title.startswith("The ")
    _, tree = tei_of(name)
    assert (xp(tree, "//tei:creation/@when | //tei:creation/tei:date/@when") or [None])[0] == when


def test_a_repeated_marker_points_to_its_note():
    text = (
        "840.20/1–3049: Telegram\n\nThe Chargé in the Soviet Union (Kohler) to the Secretary"
        " of State\n\n233. The questions1 came. The same questions1 again; then the reply2 came.\n"
        "\nKohler\n  1. Infra.\n  2. Not printed.\n"
    )
    tree = convert_text(text, "k.txt", date="2026-01-01").tree
    notes = xp(tree, "//tei:body//tei:note")
    assert [n.get("n") for n in notes] == ["1", "2"]
    ptr = xp(tree, "//tei:body//tei:ptr")[0]
    assert ptr.get("target") == "#" + notes[0].get("{http://www.w3.org/XML/1998/namespace}id")


def test_the_words_of_a_placed_note_are_marked_up_like_the_text():
    _, tree = tei_of("frus-1945v03-d261.txt")
    note = xp(tree, "//tei:body//tei:note[@n='4']")[0]
    assert [words(p) for p in xp(note, "tei:persName")] == ["Jean Chauvel"]
    assert xp(note, "tei:orgName") and words(note).startswith("Jean Chauvel, Secretary General")


# A FRUS page that starts with its source line and a heading without an addressee, and ends
# with numbered notes (a made-up text in FRUS's shape): the notes are no document heading,
# and every paragraph of the body stays in the body.
SOURCE_FIRST = """Conference files, lot 12 D 34, CF 56

Memorandum of Conversation, by the Secretary of State

We lunched with Mr. Eden and Ambassador Gifford. The talk was of the weather.1

[Page 12]

Afterwards I gave Mr. Eden the paper he had asked for, which he read at once.2

  1. The paper mentioned here has not been found in the Department's files; on the talks of Feb. 3 see the next document.
  2. Supra.
"""


def test_numbered_notes_after_the_body_are_not_the_documents_heading():
    tree = convert_text(SOURCE_FIRST, "source-first.txt", date="2026-01-01").tree
    body = running_text(xp(tree, "//tei:body")[0])
    assert "We lunched with Mr. Eden" in body and "which he read at once." in body
    title = xp(tree, "string(//tei:titleStmt/tei:title)")
    assert title == "Memorandum of Conversation, by the Secretary of State"
    notes = [words(n) for n in xp(tree, "//tei:body//tei:note[@type='footnote']")]
    assert notes[1] == "Supra." and notes[0].startswith("The paper mentioned here")


# The OCR text of a printed FRUS volume (a made-up text in its shape): the file number with
# a space before its slash, a heading wrapped over two lines, lines cut at the page's width.
PRINTED = """611.00 Canada (E) /3-1250
  Memorandum of Conversation, by the First Secretary of the
            Embassy in Canada (Moore)

SECRET                               [OTTAWA,] March 12, 1950.
Participants: Mr. Paul A. Moore, American Embassy, Ottawa
              Mr. J. B. Hale, Head, Economic Division, De-
                partment of External Affairs
  Mr. Hale said that he and his colleagues were glad of the talk
and would write to the Department about it before the end of the
month, when the figures would be known.
"""


def test_a_printed_volumes_wrapped_lines_are_one_text_and_its_file_number_is_read():
    record = read_record(PRINTED, "printed.txt")[0]
    assert record.layout == "frus" and ("file", "611.00 Canada (E) /3-1250") in record.idnos
    assert record.title == (
        "Memorandum of Conversation, by the First Secretary of the Embassy in Canada (Moore)"
    )
    texts = [b.text for b in record.body]
    assert any("glad of the talk\nand would write" in t for t in texts)  # not a line each
    tree = convert_text(PRINTED, "printed.txt", date="2026-01-01").tree
    orgs = [words(o) for o in xp(tree, "//tei:body//tei:orgName")]
    assert "De- partment of External Affairs" in orgs


def test_a_datelines_clock_time_is_marked_its_date_is_the_headers():
    # Nazi-Soviet Relations 1939-1941 (Avalon Project; tests/gold/heldout6): the date and
    # place of the dateline are the header's; its time would otherwise be said nowhere
    text = (
        "The Reich Foreign Minister to the German Ambassador in the Soviet Union (Schulenburg)\n\n"
        "BERLIN, August 3, 1939-3:47 p. m.\n"
        "Received Moscow, August 4, 1939-4:30 a. m.\n\n"
        "For the Ambassador personally!\n\n"
        "Last evening I received the Russian Chargé, who had previously called at the office.\n"
    )
    tree = convert_text(text, "d.txt", check=False).tree
    dateline = tree.xpath("//tei:note[@type='dateline']", namespaces=NS)[0]
    assert dateline.xpath("tei:time/@when", namespaces=NS) == ["15:47:00"]
    assert not dateline.xpath("tei:date|tei:placeName", namespaces=NS)
    assert tree.xpath("string(//tei:creation/tei:date/@when)", namespaces=NS) == "1939-08-03"
