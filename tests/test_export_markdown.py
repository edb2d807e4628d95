"""export markdown: read back by a CommonMark parser, every word of the reading text is
there in order, the document's own punctuation stays text, and the structure shows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from export_helpers import HERE
from lxml import html as lxml_html

from tei_toolkit.exporters import to_text
from tei_toolkit.exporters.markdown import to_markdown
from tei_toolkit.tei import parse

markdown_it = pytest.importorskip("markdown_it", reason="markdown-it-py is a test extra")

ROOT = Path(__file__).resolve().parent
CORPORA = ROOT.parent.parent / "shared" / "corpora"
SAMPLES = [
    *sorted(HERE.glob("*.xml")),
    ROOT / "golden" / "stalin-choibalsan-1944" / "expected.xml",
    *sorted((CORPORA / "shakespeare").glob("*.xml"))[:3],
    *sorted((CORPORA / "eltec-eng").glob("*.xml"))[:3],
]
_MARKER = re.compile(r"\[\^?\d+\]:?")


def rendered(md: str) -> str:
    """What a reader sees: the text of the HTML a CommonMark renderer makes."""
    page = markdown_it.MarkdownIt("commonmark").render(md)
    return lxml_html.fromstring(f"<div>{page}</div>").text_content()


def words(text: str) -> list[str]:
    return re.findall(r"\w+", _MARKER.sub(" ", text))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_every_word_of_the_reading_text_in_order(path: Path):
    tree = parse(path, duplicate_ids=True)
    text = to_text(tree)
    body, _, notes = text.rpartition("\n\nNotes\n\n[1] ")  # the text's notes heading
    text = f"{body} {notes}" if body else text
    assert words(rendered(to_markdown(tree))) == words(text)


def test_the_documents_punctuation_is_text_not_markup(tmp_path: Path):
    tei = tmp_path / "stars.xml"
    tei.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t'
        "</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/>"
        "</sourceDesc></fileDesc></teiHeader><text><body>"
        "<p># not a heading, *not emphasis*, a_b_c, [not](a link) &lt;b&gt;raw&lt;/b&gt;</p>"
        "</body></text></TEI>",
        encoding="utf-8",
    )
    md = to_markdown(parse(tei))
    page = markdown_it.MarkdownIt("commonmark").render(md)
    assert "<h1>" not in page and "<em>" not in page and "<a " not in page and "<b>" not in page
    assert rendered(md).strip() == (
        "# not a heading, *not emphasis*, a_b_c, [not](a link) <b>raw</b>"
    )


def test_headings_speakers_emphasis_links_and_footnotes():
    md = to_markdown(parse(HERE / "drama-and-verse.xml"))
    page = markdown_it.MarkdownIt("commonmark").render(md)
    assert "<h2>Act One</h2>" in page and "<h3>Scene i. Elsinore.</h3>" in page
    assert "<strong>HAMLET</strong>" in page and "<em>nipping</em>" in page
    assert '<a href="https://example.org/one">a link</a>' in page
    assert "<br />" in page  # verse lines keep their line ends
    assert "javascript" not in md.lower()  # a link the page would run is text only
    marks = re.findall(r"\[\^(\d+)\](?!:)", md)
    definitions = re.findall(r"^\[\^(\d+)\]: ", md, re.M)
    assert marks and sorted(set(marks)) == definitions  # every footnote defined once


def test_adjacent_emphases_stay_two(tmp_path: Path):
    tei = tmp_path / "hi.xml"
    tei.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t'
        "</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/>"
        "</sourceDesc></fileDesc></teiHeader><text><body>"
        "<p><hi>First Edition 1919</hi><hi>Reprinted 1920</hi></p></body></text></TEI>",
        encoding="utf-8",
    )
    page = markdown_it.MarkdownIt("commonmark").render(to_markdown(parse(tei)))
    assert page.count("<em>") == 2 and "*" not in page and "_" not in page


def test_notes_kept_in_standoff_are_footnotes():
    from test_export_ids import STANDOFF

    from tei_toolkit.tei import parse_bytes

    md = to_markdown(parse_bytes(STANDOFF.encode()))
    assert "#n1" not in md and "#n2" not in md  # pointers are markers, not their targets
    marks = re.findall(r"\[\^(\d+)\](?!:)", md)
    definitions = re.findall(r"^\[\^(\d+)\]: ", md, re.M)
    assert marks[:3] == ["1", "2", "1"] and definitions == ["1", "2", "3", "4"]
    assert "Written in pencil." in md  # an annotation nothing points at is kept
    text = to_text(parse_bytes(STANDOFF.encode()))
    body, _, notes = text.rpartition("\n\nNotes\n\n[1] ")
    assert words(rendered(md)) == words(f"{body} {notes}")
