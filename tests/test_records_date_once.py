"""The document mentions its date once (docs/ENCODING.md): a date whose words stay in the
body or the title is marked there, and the header's creation carries only its value; a
date read from a file number is no date mention at all."""

from __future__ import annotations

from tei_toolkit.convert import convert_text
from tei_toolkit.tei import NS


def _dates(tree) -> list[str]:
    return ["".join(d.itertext()) for d in tree.xpath("//tei:date", namespaces=NS)]


def _creation(tree):
    return tree.xpath("//tei:profileDesc/tei:creation", namespaces=NS)[0]


def test_a_dateline_left_in_the_first_paragraph_is_marked_there_only():
    text = (
        "12 Ministry of Things to Jones\n\n"
        "Cablegram 77 SYDNEY, 3 March 1951, 4 p.m.\n\n"
        "Your message received. We agree with the proposal and will reply in full later.\n"
    )
    tree = convert_text(text, "dateline.txt", date="2026-01-01").tree
    assert _dates(tree).count("3 March 1951") == 1
    creation = _creation(tree)
    assert creation.get("when") == "1951-03-03" and not len(creation)
    assert creation.text == "3 March 1951"


def test_a_file_numbers_date_is_a_value_not_a_mention():
    text = (
        "711.00/7–1452: Telegram\n\n"
        "The Secretary of State to the Embassy in France\n\n"
        "Please report on the talks at once.\n"
    )
    tree = convert_text(text, "file-number.txt", date="2026-01-01").tree
    creation = _creation(tree)
    assert (creation.get("when"), creation.get("cert")) == ("1952-07-14", "medium")
    assert "7–1452" not in _dates(tree)


def test_a_date_line_apart_from_the_text_stays_a_date_element():
    text = "Skip to content\n\nJune 2, 1950\n\nA title\n\nOn June 2, 1950 they met.\n"
    tree = convert_text(text, "apart.txt", date="2026-01-01").tree
    date = _creation(tree).find("tei:date", NS)
    assert date is not None and date.get("when") == "1950-06-02"
    assert _dates(tree).count("June 2, 1950") == 2  # the page's date line and the text's
