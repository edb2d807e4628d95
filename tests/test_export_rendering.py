"""Real TEI rendered as its encoders meant: hi, renditions, contents, plays, apparatus,
transcription, figures, tables, languages, the work's date, the text header."""

from __future__ import annotations

import lxml.html
from export_helpers import tei_body

from tei_toolkit.exporters import to_html, to_text
from tei_toolkit.tei import TEI_NS, parse_bytes


def page(fragment: str, lang: str = "en", **options):
    return lxml.html.fromstring(to_html(tei_body(fragment, lang), **options))


def main_text(doc) -> str:
    return " ".join(doc.get_element_by_id("text").text_content().split())


def test_hi_is_italic_unless_rend_says_otherwise():
    doc = page(
        "<p><hi>plain</hi> <hi rend='bold'>bold</hi> <hi rend='smcap'>Caps</hi> "
        "<hi rend='sup'>st</hi> <hi rend='gothic'>old</hi> <hi rend='wobbly'>odd</hi></p>"
    )
    got = {e.text: (e.tag, e.get("class")) for e in doc.find_class("hi")}
    assert got["plain"] == ("i", "hi")
    assert got["bold"][0] == "b" and got["st"][0] == "sup"
    assert got["Caps"] == ("span", "hi smcap") and got["old"] == ("span", "hi gothic")
    assert got["odd"][0] == "i"  # a value we do not know: still emphasised


def test_rendition_css_from_the_header_is_kept_safe():
    xml = (
        f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt>'
        "</fileDesc><encodingDesc><tagsDecl>"
        '<rendition xml:id="sc" scheme="css">font-variant: small-caps; color: red</rendition>'
        '<rendition xml:id="bad" scheme="css">background: url(http://x/y.png); '
        "font-weight: bold</rendition></tagsDecl></encodingDesc></teiHeader><text><body>"
        '<p><hi rendition="#sc">Small</hi> <seg rendition="#bad #none">b</seg></p>'
        "</body></text></TEI>"
    )
    html = to_html(parse_bytes(xml.encode()))
    doc = lxml.html.fromstring(html)
    style = doc.find(".//style").text
    assert ".rend-sc { font-variant: small-caps; color: red }" in style
    assert ".rend-bad { font-weight: bold }" in style and "url(" not in style
    assert doc.find_class("rend-sc")[0].text == "Small"
    assert doc.find_class("rend-bad")[0].get("class") == "tei-seg rend-bad"


def test_a_table_of_contents_for_more_than_five_headed_divisions():
    divs = "".join(f"<div><head>Chapter {i}</head><p>t{i}</p></div>" for i in range(1, 7))
    doc = page(f"<div><head>Part</head>{divs}</div>")
    nav = doc.get_element_by_id("toc")
    links = nav.xpath(".//a")
    assert [a.text for a in links] == ["Part"] + [f"Chapter {i}" for i in range(1, 7)]
    assert len(nav.xpath("./ol/li/ol/li")) == 6  # chapters nested under the part
    for a in links:
        assert doc.get_element_by_id(a.get("href")[1:]).tag == "section"
    few = page("".join(f"<div><head>C{i}</head><p>t</p></div>" for i in range(5)))
    assert not few.xpath("//nav")


def test_plays_cast_speech_stage_and_verse():
    doc = page(
        "<div><castList><castItem><role>Othello</role><roleDesc>a Moor</roleDesc></castItem>"
        "</castList><sp><speaker>IAGO</speaker><p><lb/>Prose <lb/>goes on.</p></sp>"
        "<stage>Enter Roderigo.</stage><sp><speaker>RODERIGO</speaker>"
        + "".join(f"<l n='1.1.{i}'>line {i}</l>" for i in range(1, 11))
        + "</sp></div>"
    )
    cast = doc.find_class("tei-castItem")[0]
    assert " ".join(cast.text_content().split()) == "Othello, a Moor"
    prose = doc.xpath("//div[@class='sp']/p[@class='tei-p']")[0]
    assert prose.text.startswith("Prose") and len(prose.xpath("br")) == 1  # no leading br
    assert doc.find_class("tei-stage")[0].tag == "p"
    assert [n.text for n in doc.find_class("lineno")] == ["5", "10"]


def test_apparatus_lemma_in_the_text_readings_on_demand():
    doc = page("<p>The <app><lem>master</lem><rdg wit='#B'>mate</rdg></app> came.</p>")
    app = doc.find_class("app")[0]
    assert app.text_content().startswith("master")
    readings = app.find_class("readings")[0]
    assert readings.get("tabindex") == "0" and "mate" in readings.text_content()
    assert readings.find_class("wit")[0].text == "B"


def test_transcription_is_marked():
    fragment = (
        "<p>He came <subst><del>yesterday</del><add>today</add></subst>, "
        "<unclear reason='faded'>perhaps</unclear> <gap reason='illegible'/>.</p>"
    )
    doc = page(fragment)
    assert doc.xpath("//del[@class='tei-del']")[0].text == "yesterday"
    assert doc.xpath("//ins[@class='tei-add']")[0].text == "today"
    assert doc.find_class("unclear")[0].get("title") == "unclear in the source (faded)"
    assert doc.find_class("gap")
    assert to_text(tei_body(fragment)) == "He came ⟦yesterday⟧today, perhaps […]."


def test_figures_local_images_shown_remote_only_on_request():
    fragment = (
        "<figure><graphic url='img/quay.png'/><figDesc>The quay.</figDesc></figure>"
        "<figure><graphic url='https://example.org/a.png'/><figDesc>Remote.</figDesc></figure>"
        "<figure><graphic url='../../secret.png'/></figure>"
    )
    doc = page(fragment)
    imgs = doc.xpath("//img")
    assert [(i.get("src"), i.get("alt")) for i in imgs] == [("img/quay.png", "The quay.")]
    assert doc.xpath("//a[@class='tei-graphic']/@href") == [
        "https://example.org/a.png",
        "../../secret.png",
    ]
    remote = page(fragment, remote_images=True)
    assert remote.xpath("//img/@src") == ["img/quay.png", "https://example.org/a.png"]


def test_label_rows_are_header_cells():
    doc = page(
        "<table><row role='label'><cell>Name</cell><cell>Age</cell></row>"
        "<row><cell role='label'>Ann</cell><cell>3</cell></row></table>"
    )
    assert [c.tag for c in doc.xpath("//tr[1]/*")] == ["th", "th"]
    assert [c.tag for c in doc.xpath("//tr[2]/*")] == ["th", "td"]


def test_language_codes_become_bcp47():
    doc = page(
        "<p xml:lang='fre'>oui</p><p xml:lang='lat'>sic</p><p xml:lang='el-grc'>λόγος</p>"
        "<p xml:lang='en-GB'>colour</p><p xml:lang='not a code'>x</p><p xml:lang='esp'>sí</p>"
        "<p xml:lang='spa'>no</p>",
        lang="gre",
    )
    assert doc.get("lang") == "el"
    assert [p.get("lang") for p in doc.xpath("//section[@id='text']//p")] == [
        "fr",
        "la",
        "grc",
        "en-GB",
        "",  # not a language tag: unknown, not the page's language
        "",  # shaped like one, but no language has that code (ELTeC-fra writes it)
        "es",
    ]


HEADER = (
    f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>Novel</title>'
    "<funder>The Trust</funder></titleStmt><publicationStmt><date when='2000'>2000</date>"
    "</publicationStmt><sourceDesc><bibl type='digitalSource'><date>2001</date></bibl>"
    "<bibl type='firstEdition'><date>1867</date></bibl></sourceDesc></fileDesc>"
    "<profileDesc><abstract><p>What it is about.</p></abstract></profileDesc></teiHeader>"
    "<text><body><p>Words.</p></body></text></TEI>"
)


def test_a_work_is_dated_by_its_source_not_its_digital_edition():
    doc = lxml.html.fromstring(to_html(parse_bytes(HEADER.encode())))
    assert doc.find_class("date")[0].text_content() == "1867"


def test_text_header_has_the_summary_and_the_funder():
    text = to_text(parse_bytes(HEADER.encode()), with_header=True)
    assert "Funder: The Trust" in text and "Summary: What it is about." in text
    assert text.index("Summary") < text.index("----") < text.index("Words.")


STRUCTURED = (
    f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>Play</title>'
    "<author><persName>Ann Writer</persName><idno type='wikidata'>Q42</idno></author>"
    "</titleStmt><publicationStmt><p>Here.</p></publicationStmt><sourceDesc><biblFull>\n"
    "  <titleStmt>\n    <title>Play</title>\n    <author>Ann Writer</author>\n"
    "    <editor>Bo Editor</editor>\n    <respStmt>\n      <resp>Encoded by</resp>\n"
    "      <name>Cy Coder</name>\n      <name>Di Coder</name>\n    </respStmt>\n"
    "  </titleStmt>\n  <publicationStmt>\n    <publisher>A Library</publisher>\n"
    "    <address>\n      <addrLine>1 Street</addrLine>\n      <addrLine>Town</addrLine>\n"
    "    </address>\n  </publicationStmt>\n</biblFull></sourceDesc></fileDesc></teiHeader>"
    "<text><body><p>Words <idno type='record'>R-1</idno>.</p></body></text></TEI>"
)
SOURCE_READ = (
    "Play, Ann Writer, Bo Editor, Encoded by Cy Coder, Di Coder. A Library, 1 Street, Town"
)


def test_a_structured_source_reads_part_by_part():
    """A biblFull (Folger, DraCor) is not one run of words: its parts are separated."""
    tree = parse_bytes(STRUCTURED.encode())
    doc = lxml.html.fromstring(to_html(tree))
    fields = dict(zip(doc.xpath("//dl/dt/text()"), doc.xpath("//dl/dd")))
    assert " ".join(fields["Source"].text_content().split()) == SOURCE_READ
    assert fields["Source"].find(".//cite").text == "Play"  # a title is still a title
    assert f"Source: {SOURCE_READ}" in to_text(tree, with_header=True).splitlines()


def test_an_authority_idno_is_a_link_and_other_ids_stay_text():
    doc = lxml.html.fromstring(to_html(parse_bytes(STRUCTURED.encode())))
    author = dict(zip(doc.xpath("//dl/dt/text()"), doc.xpath("//dl/dd")))["Author"]
    link = author.find_class("tei-idno")[0]
    assert link.tag == "a" and link.get("href") == "https://www.wikidata.org/wiki/Q42"
    assert link.text == "Q42" and link.get("title") == "Wikidata"
    body = doc.get_element_by_id("text").find_class("tei-idno")[0]
    assert body.tag == "span" and body.text == "R-1"  # no authority: text, not a link


def test_a_letter_is_dated_by_its_sending():
    letter = (
        f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>Letter</title>'
        "</titleStmt><publicationStmt><date when='2023'>2023</date></publicationStmt>"
        "<sourceDesc><p>A card.</p></sourceDesc></fileDesc><profileDesc><correspDesc>"
        "<correspAction type='received'><name>B</name><date when='1909-03-01'>1 March</date>"
        "</correspAction><correspAction type='sent'><name>A</name>"
        "<date when='1909-02-16'>dinsdag 16 februari 1909</date></correspAction>"
        "</correspDesc></profileDesc></teiHeader><text><body><p>Hi.</p></body></text></TEI>"
    )
    doc = lxml.html.fromstring(to_html(parse_bytes(letter.encode())))
    date = doc.find_class("date")[0]
    assert date.text_content() == "dinsdag 16 februari 1909"
    assert date.find(".//time").get("datetime") == "1909-02-16"
