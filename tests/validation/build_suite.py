"""Writes the verdict suite: base documents (valid) and mutations (invalid).

Run once and commit the output; the manifest records, for each document, the
verdict and for invalid ones the diagnostic code and line a reader should expect
(the line of the ``anchor`` text in the mutated document). ``make`` never runs this.
    .venv/bin/python tests/validation/build_suite.py
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent
HEADER = """<teiHeader>
    <fileDesc>
      <titleStmt><title>{title}</title></titleStmt>
      <publicationStmt><p>Unpublished</p></publicationStmt>
      <sourceDesc><p>Born digital</p></sourceDesc>
    </fileDesc>
  </teiHeader>"""


def doc(body: str, title: str = "A test", pi: str = "", header: str | None = None) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{pi}'
        f'<TEI xmlns="http://www.tei-c.org/ns/1.0">\n  {header or HEADER.format(title=title)}\n'
        f"  <text>\n    <body>\n{body}\n    </body>\n  </text>\n</TEI>\n"
    )


BASES = {
    "minimal": doc(
        '      <p xml:id="p1">Dear <persName ref="#jw">John</persName>, on '
        '<date when="1820-03-01">1 March</date> at <time when="12:30:00">noon</time>.</p>'
    ),
    "letter": doc(
        """      <opener><dateline><placeName>Dublin</placeName>, <date when="1820-03-01">1 March 1820</date></dateline>
        <salute>Dear Sir,</salute></opener>
      <p>I received <title level="m">your book</title> with thanks.</p>
      <closer><salute>Yours,</salute> <signed>J. W.</signed></closer>
      <postscript><p>P.S. <hi rend="italic">Soon</hi>.</p></postscript>""",
        "A letter",
    ),
    "drama": doc(
        """      <div type="act" n="1">
        <head>Act I</head>
        <castList><castItem><role xml:id="ham">Hamlet</role></castItem></castList>
        <sp who="#ham"><speaker>Hamlet</speaker>
          <l part="I">To be, or not to be,</l>
          <stage type="delivery">aside</stage>
          <p>that is the question.</p>
        </sp>
      </div>""",
        "A play",
    ),
    "verse": doc(
        """      <lg type="stanza" met="-+|-+|-+|-+">
        <l n="1">Shall I compare thee to a summer's day?</l>
        <l n="2">Thou art more <choice><sic>lovly</sic><corr>lovely</corr></choice> and more temperate</l>
      </lg>""",
        "Verse",
    ),
    "transcription": doc(
        """      <div>
        <p><pb n="1"/>The <choice><abbr>Bp.</abbr><expan>Bishop</expan></choice> <del rend="strike">said</del><add place="above">wrote</add>
          <unclear reason="faded">that</unclear> <gap reason="illegible" quantity="2" unit="words"/> <lb/>and
          <foreign xml:lang="la">et cetera</foreign>.</p>
        <note place="foot" n="1">A note with a <ref target="http://example.org/a b">link</ref>.</note>
      </div>""",
        "A transcription",
    ),
    "apparatus": doc(
        """      <p>The <app><lem wit="#A">quick</lem><rdg wit="#B">quicke</rdg></app> fox.</p>
      <listWit><witness xml:id="A">Ms A</witness><witness xml:id="B">Ms B</witness></listWit>""",
        "Apparatus",
    ),
    "lists": doc(
        """      <list type="ordered"><head>Items</head><item n="1">one</item><item n="2">two</item></list>
      <table rows="1" cols="2"><row><cell>a</cell><cell role="data">b</cell></row></table>
      <figure><graphic url="fig1.png" width="10cm"/><figDesc>A picture</figDesc></figure>
      <quote xml:lang="en-GB">A quote</quote>
      <p>Numbers: <num value="3">three</num>, <measure quantity="2.5" unit="kg">2.5 kg</measure>.</p>""",
        "Lists and tables",
    ),
    "dates": doc(
        """      <p><date when="2020">2020</date> <date when="2020-05">May 2020</date> <date when="--05-01">May Day</date>
        <date notBefore="1800-01-01" notAfter="1820-12-31">early C19</date>
        <date when="2020-01-01T10:00:00Z">ten</date> <date when="-0044-03-15">Ides</date>
        <date when="2000-02-29">leap</date> <time when="23:59:59.5">late</time>
        <date from="1900" to="1901">1900-1</date> <date dur="P1Y2M">a while</date></p>""",
        "Dates",
    ),
    "people": doc(
        """      <p>See <persName ref="#p1 #p2">them</persName> in <placeName ref="#pl1">Rome</placeName>.</p>""",
        "People",
    )
    .replace(
        "    </body>\n  </text>",
        """    </body>
  </text>""",
    )
    .replace(
        "<text>",
        """<standOff>
    <listPerson><person xml:id="p1" sex="M"><persName><forename>Ann</forename><surname>Lee</surname></persName>
      <birth when="1801-01-01"/></person><person xml:id="p2"><persName>Bob</persName></person></listPerson>
    <listPlace><place xml:id="pl1"><placeName>Rome</placeName><location><geo>41.9 12.5</geo></location></place></listPlace>
  </standOff>
  <text>""",
    ),
    "fullheader": doc(
        "      <p>Body.</p>",
        header="""<teiHeader xml:lang="en">
    <fileDesc>
      <titleStmt><title type="main">Full</title><author>Me</author><respStmt><resp>encoded by</resp><name>Me</name></respStmt></titleStmt>
      <editionStmt><edition n="2">Second</edition></editionStmt>
      <publicationStmt><publisher>Us</publisher><pubPlace>Here</pubPlace><date when="2024">2024</date>
        <availability status="free"><licence target="https://creativecommons.org/licenses/by/4.0/">CC-BY</licence></availability></publicationStmt>
      <sourceDesc><msDesc><msIdentifier><settlement>Dublin</settlement><repository>TCD</repository><idno>MS 1</idno></msIdentifier>
        <physDesc><objectDesc form="codex"><supportDesc material="paper"><support>Paper</support></supportDesc></objectDesc></physDesc></msDesc></sourceDesc>
    </fileDesc>
    <encodingDesc><projectDesc><p>A project</p></projectDesc></encodingDesc>
    <profileDesc><langUsage><language ident="en">English</language><language ident="ga">Irish</language></langUsage>
      <textClass><keywords><term>test</term></keywords></textClass></profileDesc>
    <revisionDesc><change when="2024-01-02" who="#me">created</change></revisionDesc>
  </teiHeader>""",
    ),
    "xmlmodel": doc(
        "      <p>With a schema PI.</p>",
        pi='<?xml-model href="http://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>\n',
    ),
    "egxml": doc(
        """      <div><head>Example</head>
        <egXML xmlns="http://www.tei-c.org/ns/Examples"><p>An <hi>example</hi> <foo>anything</foo></p></egXML>
      </div>""",
        "Examples",
    ),
    "facsimile": doc('      <p facs="#z1">Text on a zone.</p>').replace(
        "<text>",
        """<facsimile>
    <surface ulx="0" uly="0" lrx="100" lry="200"><graphic url="page1.jpg"/><zone xml:id="z1" ulx="10" uly="10" lrx="50" lry="50"/></surface>
  </facsimile>
  <text>""",
    ),
    "corpus": """<?xml version="1.0" encoding="UTF-8"?>
<teiCorpus xmlns="http://www.tei-c.org/ns/1.0">
  """
    + HEADER.format(title="A corpus")
    + """
  <TEI>
    """
    + HEADER.format(title="One")
    + """
    <text><body><p>One</p></body></text>
  </TEI>
  <TEI>
    """
    + HEADER.format(title="Two")
    + """
    <text><body><p>Two</p></body></text>
  </TEI>
</teiCorpus>
""",
    "xenodata": doc(
        "      <p>Body.</p>",
        header="""<teiHeader>
    <fileDesc>
      <titleStmt><title>Xeno</title></titleStmt>
      <publicationStmt><p>Unpublished</p></publicationStmt>
      <sourceDesc><p>Born digital</p></sourceDesc>
    </fileDesc>
    <xenoData><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="x"/></rdf:RDF></xenoData>
  </teiHeader>""",
    ),
    "front_back": doc("      <div><p>Main</p></div>")
    .replace(
        "<body>",
        """<front><titlePage><docTitle><titlePart type="main">Title</titlePart></docTitle></titlePage></front>
    <body>""",
    )
    .replace(
        "</body>",
        """</body>
    <back><div type="appendix"><p>Appendix</p></div></back>""",
    ),
}

# (name, base, old text, new text, expected code, anchor whose line is expected)
MUTATIONS = [
    (
        "missing-titlestmt",
        "minimal",
        "<titleStmt><title>A test</title></titleStmt>",
        "",
        "rng:missing-element",
        "<publicationStmt>",
    ),
    (
        "missing-publicationstmt",
        "minimal",
        "<publicationStmt><p>Unpublished</p></publicationStmt>",
        "",
        "rng:missing-element",
        "<sourceDesc>",
    ),
    (
        "missing-sourcedesc",
        "minimal",
        "<sourceDesc><p>Born digital</p></sourceDesc>",
        "",
        "rng:missing-element",
        "<fileDesc>",
    ),
    ("missing-title", "minimal", "<title>A test</title>", "", "rng:missing-element", "<titleStmt>"),
    ("missing-text", "lists", "<text>", "<!--", "rng:missing-element", "<TEI "),
    ("missing-header", "minimal", "<teiHeader>", "<!--", "rng:missing-element", "<text>"),
    ("empty-body", "minimal", '<p xml:id="p1">', "<!--", "rng:missing-element", "<body>"),
    ("empty-teiheader", "minimal", "<fileDesc>", "<!--", "rng:missing-element", "<teiHeader>"),
    (
        "order-pubstmt-first",
        "minimal",
        "<titleStmt><title>A test</title></titleStmt>\n      <publicationStmt><p>Unpublished</p></publicationStmt>",
        "<publicationStmt><p>Unpublished</p></publicationStmt>\n      <titleStmt><title>A test</title></titleStmt>",
        "rng:missing-element",
        "<publicationStmt>",
    ),
    (
        "order-text-before-header",
        "minimal",
        "<teiHeader>",
        "<text><body><p/></body></text><teiHeader>",
        "rng:missing-element",
        "<text><body><p/>",
    ),
    (
        "order-head-after-p",
        "drama",
        "<head>Act I</head>",
        "<p>x</p><head>Act I</head>",
        "rng:unexpected-element",
        "<head>Act I",
    ),
    (
        "two-headers",
        "minimal",
        "</teiHeader>",
        "</teiHeader>\n  <teiHeader><fileDesc><titleStmt><title>B</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>",
        "rng:unexpected-element",
        "<teiHeader><fileDesc>",
    ),
    (
        "unknown-element-body",
        "minimal",
        '<p xml:id="p1">',
        '<paragraph>x</paragraph><p xml:id="p1">',
        "rng:unknown-element",
        "<paragraph>",
    ),
    (
        "unknown-element-inline",
        "letter",
        '<hi rend="italic">Soon</hi>',
        "<bold>Soon</bold>",
        "rng:unknown-element",
        "<bold>",
    ),
    (
        "unknown-element-header",
        "fullheader",
        "<editionStmt>",
        "<version>1</version><editionStmt>",
        "rng:unknown-element",
        "<version>",
    ),
    (
        "misplaced-persname-in-body",
        "minimal",
        '<p xml:id="p1">',
        '<persName>X</persName><p xml:id="p1">',
        "rng:unexpected-element",
        "<persName>X",
    ),
    (
        "misplaced-div-in-p",
        "transcription",
        "<lb/>and",
        "<div><p>x</p></div>and",
        "rng:unexpected-element",
        "<div><p>x",
    ),
    (
        "misplaced-p-in-head",
        "drama",
        "<head>Act I</head>",
        "<head><p>Act I</p></head>",
        "rng:unexpected-element",
        "<head><p>",
    ),
    (
        "misplaced-item-in-p",
        "lists",
        '<num value="3">',
        '<item>i</item><num value="3">',
        "rng:unexpected-element",
        "<item>i",
    ),
    (
        "text-in-body",
        "minimal",
        '<p xml:id="p1">',
        'loose text <p xml:id="p1">',
        "rng:unexpected-text",
        "loose text",
    ),
    (
        "text-in-filedesc",
        "minimal",
        "<titleStmt>",
        "stray<titleStmt>",
        "rng:unexpected-text",
        "stray",
    ),
    (
        "text-in-listperson",
        "people",
        "<listPerson>",
        "<listPerson>people",
        "rng:unexpected-text",
        "<listPerson>",
    ),
    (
        "unknown-attr-p",
        "minimal",
        '<p xml:id="p1">',
        '<p xml:id="p1" color="red">',
        "rng:unknown-attribute",
        "color=",
    ),
    (
        "unknown-attr-xml",
        "minimal",
        '<p xml:id="p1">',
        '<p xml:id="p1" xml:color="red">',
        "rng:unknown-attribute",
        "xml:color=",
    ),
    (
        "unknown-attr-tei-ns",
        "letter",
        "<salute>Dear",
        '<salute xmlns:t="http://www.tei-c.org/ns/1.0" t:rend="x">Dear',
        "rng:unknown-attribute",
        "t:rend",
    ),
    (
        "unknown-attr-title",
        "letter",
        '<title level="m">',
        '<title level="m" size="big">',
        "rng:unknown-attribute",
        "size=",
    ),
    (
        "when-month-13",
        "minimal",
        "1820-03-01",
        "1820-13-01",
        "rng:bad-attribute-value",
        "1820-13-01",
    ),
    ("when-feb-30", "minimal", "1820-03-01", "1820-02-30", "rng:bad-attribute-value", "1820-02-30"),
    ("when-not-leap", "dates", "2000-02-29", "1900-02-29", "rng:bad-attribute-value", "1900-02-29"),
    ("when-compact", "minimal", "1820-03-01", "1820-0301", "rng:bad-attribute-value", "1820-0301"),
    (
        "when-short-month",
        "minimal",
        "1820-03-01",
        "1820-3-1",
        "rng:bad-attribute-value",
        "1820-3-1",
    ),
    (
        "when-words",
        "minimal",
        'when="1820-03-01"',
        'when="March 1820"',
        "rng:bad-attribute-value",
        "March 1820",
    ),
    ("time-24", "minimal", "12:30:00", "24:00:00", "rng:bad-attribute-value", "24:00:00"),
    ("time-minute-60", "minimal", "12:30:00", "12:60:00", "rng:bad-attribute-value", "12:60:00"),
    (
        "datetime-hour-25",
        "dates",
        "2020-01-01T10:00:00Z",
        "2020-01-01T25:00:00Z",
        "rng:bad-attribute-value",
        "T25:00",
    ),
    (
        "datetime-24",
        "dates",
        "2020-01-01T10:00:00Z",
        "2020-01-01T24:00:00",
        "rng:bad-attribute-value",
        "T24:00",
    ),
    ("year-zero", "dates", 'when="2020"', 'when="0000"', "rng:bad-attribute-value", 'when="0000"'),
    (
        "year-two-digits",
        "dates",
        'when="2020"',
        'when="20"',
        "rng:bad-attribute-value",
        'when="20"',
    ),
    (
        "tz-bad",
        "dates",
        "2020-01-01T10:00:00Z",
        "2020-01-01T10:00:00+15:00",
        "rng:bad-attribute-value",
        "+15:00",
    ),
    (
        "notbefore-bad",
        "dates",
        'notBefore="1800-01-01"',
        'notBefore="1800-01-32"',
        "rng:bad-attribute-value",
        "1800-01-32",
    ),
    ("dur-bad", "dates", 'dur="P1Y2M"', 'dur="1 year"', "rng:bad-attribute-value", 'dur="1 year"'),
    ("dur-empty-p", "dates", 'dur="P1Y2M"', 'dur="P"', "rng:bad-attribute-value", 'dur="P"'),
    (
        "xmlid-digit",
        "minimal",
        'xml:id="p1"',
        'xml:id="1p"',
        "rng:bad-attribute-value",
        'xml:id="1p"',
    ),
    (
        "xmlid-space",
        "minimal",
        'xml:id="p1"',
        'xml:id="p 1"',
        "rng:bad-attribute-value",
        'xml:id="p 1"',
    ),
    (
        "xmlid-colon",
        "minimal",
        'xml:id="p1"',
        'xml:id="a:b"',
        "rng:bad-attribute-value",
        'xml:id="a:b"',
    ),
    ("xmlid-empty", "minimal", 'xml:id="p1"', 'xml:id=""', "rng:bad-attribute-value", 'xml:id=""'),
    (
        "xmlid-duplicate",
        "minimal",
        '<persName ref="#jw">',
        '<persName xml:id="p1" ref="#jw">',
        "rng:duplicate-id",
        "<persName xml:id",
    ),
    (
        "xmllang-space",
        "lists",
        'xml:lang="en-GB"',
        'xml:lang="en GB"',
        "rng:bad-attribute-value",
        'xml:lang="en GB"',
    ),
    (
        "xmllang-underscore",
        "lists",
        'xml:lang="en-GB"',
        'xml:lang="en_GB"',
        "rng:bad-attribute-value",
        'xml:lang="en_GB"',
    ),
    (
        "xmllang-long",
        "lists",
        'xml:lang="en-GB"',
        'xml:lang="englishlanguage"',
        "rng:bad-attribute-value",
        "englishlanguage",
    ),
    (
        "title-level-closed",
        "letter",
        'level="m"',
        'level="book"',
        "rng:bad-attribute-value",
        'level="book"',
    ),
    (
        "l-part-closed",
        "drama",
        'part="I"',
        'part="start"',
        "rng:bad-attribute-value",
        'part="start"',
    ),
    ("table-cols-nan", "lists", 'cols="2"', 'cols="two"', "rng:bad-attribute-value", 'cols="two"'),
    (
        "table-cols-negative",
        "lists",
        'cols="2"',
        'cols="-2"',
        "rng:bad-attribute-value",
        'cols="-2"',
    ),
    (
        "num-value-nan",
        "lists",
        'value="3"',
        'value="three"',
        "rng:bad-attribute-value",
        'value="three"',
    ),
    (
        "objectdesc-bad-token",
        "fullheader",
        'status="free"',
        'status="gratis"',
        "rng:bad-attribute-value",
        'status="gratis"',
    ),
    (
        "missing-graphic-url",
        "lists",
        '<graphic url="fig1.png" width="10cm"/>',
        '<graphic width="10cm"/>',
        "rng:missing-attribute",
        "<graphic width",
    ),
    (
        "missing-language-ident",
        "fullheader",
        '<language ident="ga">',
        "<language>",
        "rng:missing-attribute",
        "<language>Irish",
    ),
    (
        "ns-none",
        "minimal",
        '<TEI xmlns="http://www.tei-c.org/ns/1.0">',
        "<TEI>",
        "rng:unknown-element",
        "<TEI>",
    ),
    (
        "ns-wrong",
        "minimal",
        'xmlns="http://www.tei-c.org/ns/1.0"',
        'xmlns="http://www.tei-c.org/ns/2.0"',
        "rng:unknown-element",
        "<TEI ",
    ),
    (
        "ns-child-none",
        "minimal",
        '<p xml:id="p1">Dear',
        '<p xmlns="" xml:id="p1">Dear',
        "rng:unknown-element",
        "<p xmlns",
    ),
    (
        "ns-root-tei-corpus-child",
        "corpus",
        "<TEI>",
        '<TEI xmlns="urn:x">',
        "rng:unknown-element",
        '<TEI xmlns="urn:x">',
    ),
    ("corpus-missing-header", "corpus", "<teiHeader>", "<!--", "rng:missing-element", "  <TEI>"),
    (
        "root-is-p",
        "minimal",
        None,
        '<?xml version="1.0"?>\n<p xmlns="http://www.tei-c.org/ns/1.0">x</p>\n',
        "rng:unknown-element",
        "<p xmlns",
    ),
    (
        "facs-zone-bad-coord",
        "facsimile",
        'ulx="10"',
        'ulx="ten"',
        "rng:bad-attribute-value",
        'ulx="ten"',
    ),
    (
        "xenodata-tei-inside",
        "xenodata",
        '<rdf:Description rdf:about="x"/>',
        '<rdf:Description rdf:about="x"/></rdf:RDF><p>x</p><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
        "rng:unexpected-element",
        "<p>x</p><rdf",
    ),
    ("app-no-lem-text", "apparatus", "<app>", "<app>loose", "rng:unexpected-text", "<app>loose"),
    (
        "titlepart-type-ok-but-docTitle-empty",
        "front_back",
        '<titlePart type="main">Title</titlePart>',
        "",
        "rng:missing-element",
        "<docTitle>",
    ),
    (
        "sp-inside-l",
        "drama",
        '<l part="I">To be,',
        '<l part="I"><sp><p>x</p></sp>To be,',
        "rng:unexpected-element",
        "<sp><p>x",
    ),
]

MALFORMED = [
    ("malformed-unclosed", "minimal", "</body>", "", "xml:syntax", None),
    ("malformed-mismatch", "minimal", "</persName>", "</persname>", "xml:syntax", None),
    ("malformed-entity", "minimal", "Dear", "Dear &nbsp;", "xml:syntax", None),
    ("malformed-attr-quotes", "minimal", 'xml:id="p1"', "xml:id=p1", "xml:syntax", None),
    ("malformed-two-roots", "minimal", "</TEI>\n", "</TEI>\n<TEI/>\n", "xml:syntax", None),
    ("malformed-empty-file", "minimal", None, "", "xml:syntax", None),
]


def main() -> None:
    out_lines = [
        "# name\tverdict\tcode\tline   (written by build_suite.py; line = line of the anchor)"
    ]
    for name, text in BASES.items():
        (HERE / "valid").mkdir(exist_ok=True)
        (HERE / "valid" / f"{name}.xml").write_text(text, encoding="utf-8")
        out_lines.append(f"valid/{name}.xml\tvalid\t-\t-")
    for group, items in (("invalid", MUTATIONS), ("malformed", MALFORMED)):
        (HERE / group).mkdir(exist_ok=True)
        for name, base, old, new, code, anchor in items:
            if old is None:
                text = new
            else:
                src = BASES[base]
                if old not in src:
                    raise SystemExit(f"{name}: {old!r} not in base {base}")
                if new == "<!--":  # comment out the element that starts with ``old``
                    at = src.index(old)
                    end = _element_end(src, at)
                    text = src[:at] + "<!--" + src[at:end] + "-->" + src[end:]
                else:
                    text = src.replace(old, new, 1)
            line = "-"
            if anchor is not None:
                if anchor not in text:
                    raise SystemExit(f"{name}: anchor {anchor!r} missing")
                line = str(text[: text.index(anchor)].count("\n") + 1)
            (HERE / group / f"{name}.xml").write_text(text, encoding="utf-8")
            out_lines.append(f"{group}/{name}.xml\tinvalid\t{code}\t{line}")
    (HERE / "manifest.tsv").write_text("\n".join(out_lines) + "\n", encoding="utf-8")


def _element_end(text: str, start: int) -> int:
    """End offset of the element whose start tag begins at ``start``."""
    tag = text[start + 1 :].split(">", 1)[0].split()[0].rstrip("/")
    depth, i = 0, start
    while True:
        j = text.index("<", i)
        if text.startswith("</" + tag + ">", j):
            depth -= 1
            if depth == 0:
                return j + len(tag) + 3
        elif text.startswith("<" + tag, j) and text[j + 1 + len(tag)] in " >/":
            if not text[j:].split(">", 1)[0].endswith("/"):
                depth += 1
            elif depth == 0:
                return text.index(">", j) + 1
        i = j + 1


if __name__ == "__main__":
    main()
