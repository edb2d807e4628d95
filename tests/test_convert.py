"""convert: header fields from the record's own metadata, body structure, editorial marks."""

from __future__ import annotations

import pytest
from lxml import etree

from tei_toolkit.convert import XML_ID, convert_text
from tei_toolkit.diagnostics import Severity
from tei_toolkit.pipeline import convert_files
from tei_toolkit.records import read_text
from tei_toolkit.tei import NS
from tei_toolkit.validators.batch import iter_validate
from tests.conftest import CORPUS, SEED

FIXTURES = CORPUS.parent / "tests" / "fixtures" / "records"


def convert(text: str, name: str = "t.txt"):
    return convert_text(text, name, date="2026-01-01", check=False)


def xp(tree, path):
    return tree.xpath(path, namespaces=NS)


def text_of(tree, path):
    found = xp(tree, path)
    assert found, f"nothing at {path}"
    return " ".join("".join(found[0].itertext()).split())


@pytest.fixture(scope="module")
def seed():
    text, _ = read_text(SEED)
    return convert_text(text, str(SEED), date="2026-01-01", check=False).tree


def test_seed_title_statement(seed):
    assert text_of(seed, "//tei:titleStmt/tei:title") == "Stalin’s Conversation with Choibalsan"
    assert (
        text_of(seed, "//tei:titleStmt/tei:respStmt[tei:resp='Translated by']/tei:persName")
        == "Sergey Radchenko"
    )


def test_seed_publication_statement(seed):
    assert (
        text_of(seed, "//tei:publicationStmt/tei:publisher") == "History and Public Policy Program"
    )
    licence = xp(seed, "//tei:availability/tei:licence/tei:p")
    assert len(licence) == 2
    assert "welcomes reuse of Digital Archive materials" in "".join(licence[0].itertext())
    # the seed's Record ID field is empty: omitted, never invented
    assert not xp(seed, "//tei:publicationStmt/tei:idno")


def test_seed_source_description(seed):
    verbatim = text_of(seed, "//tei:sourceDesc/tei:bibl[@type='citation']")
    assert verbatim.startswith("Lkhamsurengiin Bat Ochir, “Stalin, Choibalsan")
    parsed = xp(seed, "//tei:sourceDesc/tei:bibl[@type='parsed']")[0]
    assert text_of(parsed, "tei:author") == "Lkhamsurengiin Bat Ochir"
    assert text_of(parsed, "tei:title[@level='j']") == "Khudulmur"
    assert text_of(parsed, "tei:biblScope[@unit='issue']") == "148"
    page = xp(parsed, "tei:biblScope[@unit='page']")[0]
    assert (page.get("from"), page.get("to")) == ("166", "167")


def test_seed_profile(seed):
    assert text_of(seed, "//tei:abstract/tei:p").startswith("Conversations between Joseph")
    assert xp(seed, "//tei:creation/tei:date/@when") == ["1944-01-22"]
    assert xp(seed, "//tei:langUsage/tei:language/@ident") == ["en"]


def test_seed_provenance(seed):
    app = xp(seed, "//tei:appInfo/tei:application")[0]
    assert app.get("ident") == "tei-toolkit" and app.get("version")
    assert xp(seed, "//tei:editorialDecl/tei:p")
    change = xp(seed, "//tei:revisionDesc/tei:change")[0]
    assert change.get("when") == "2026-01-01" and change.get("who") == "#" + app.get(XML_ID)


def test_seed_body_structure(seed):
    body = xp(seed, "//tei:body/tei:div")[0]
    speakers = [" ".join("".join(s.itertext()).split()) for s in xp(body, ".//tei:speaker")]
    assert speakers[:4] == ["Choibalsan:", "Choibalsan:", "Stalin:", "Ivanov, from the side:"]
    assert "J. Stalin:" in speakers and "A. Mikoyan:" in speakers
    supplied = ["".join(s.itertext()) for s in xp(body, ".//tei:supplied")]
    assert supplied == ["January 22, 1944", "Stalin said:", "the cough"]
    note = xp(body, ".//tei:note[@type='editorial']")
    assert ["".join(n.itertext()) for n in note] == ["sic, also Qinghai"]


def test_site_artefacts_are_flagged(seed):
    orig = xp(seed, "//tei:choice/tei:orig")
    assert [o.text for o in orig] == ["?Khudulmur?"]
    assert xp(seed, "//tei:choice/tei:reg")[0].text == "“Khudulmur”"
    assert xp(seed, "//tei:seg[@subtype='email-protected']")


@pytest.mark.parametrize(
    "source, tag, content, attrs",
    [
        ("He said [I] will go.", "supplied", "I", {}),
        ("Com[rade] Filippov.", "supplied", "rade", {}),
        ("Text [...] more.", "gap", None, {"reason": "omitted", "rend": "[...]"}),
        ("Text [ … ] more.", "gap", None, {"reason": "omitted", "rend": "[ … ]"}),
        ("Text […] more.", "gap", None, {"reason": "omitted", "rend": "[…]"}),
        (
            "Copy [handwritten: A-O 1649] here.",
            "note",
            "handwritten: A-O 1649",
            {"place": "inline"},
        ),
        ("Khukh Nuur [sic, also Qinghai] and.", "note", "sic, also Qinghai", {"type": "editorial"}),
    ],
)
def test_editorial_brackets(source, tag, content, attrs):
    tree = convert(f"Title\n\n{source}\n").tree
    found = xp(tree, f"//tei:body//tei:{tag}")
    assert len(found) == 1
    if content is not None:
        assert "".join(found[0].itertext()) == content
    for key, value in attrs.items():
        assert found[0].get(key) == value


def test_unbalanced_marks_are_kept_and_reported():
    conv = convert("Title\n\nHe said: “yes [and then.\n")
    p = conv.tree.xpath("//tei:body//tei:p", namespaces=NS)[0]
    assert "".join(p.itertext()) == "He said: “yes [and then."
    codes = {d.code for d in conv.diagnostics}
    assert {"convert:unbalanced-bracket", "convert:unclosed-quote"} <= codes


def test_source_line_breaks_become_lb():
    tree = convert("Title\n\nTop secret\nonly copy\n").tree
    p = xp(tree, "//tei:body//tei:p")[0]
    assert p.text == "Top secret" and p[0].tag.endswith("lb") and p[0].tail == "only copy"


def test_generic_layout_warns_and_uses_first_line_as_title():
    conv = convert("Some notes\n\nFirst paragraph.\n\nSecond paragraph.\n")
    assert "convert:generic-layout" in {d.code for d in conv.diagnostics}
    assert text_of(conv.tree, "//tei:titleStmt/tei:title") == "Some notes"
    assert len(xp(conv.tree, "//tei:body//tei:p")) == 2


@pytest.mark.parametrize(
    "label, is_turn",
    [
        ("Stalin: “Correct.”", True),
        ("J. Stalin: “One should not.”", True),
        ("BREZHNEV. We reviewed the issues.", True),
        ("To: Minister Duk Shin Choi", False),
        ("Received: 1.XI 62. at 15.00", False),
        ("In attendance: Comrades Andropov", False),
        ("USSR. The Soviet side agreed.", False),
    ],
)
def test_speaker_turns(label, is_turn):
    tree = convert(f"Title\n\n{label}\n").tree
    assert bool(xp(tree, "//tei:body//tei:sp")) is is_turn


def test_same_date_gives_identical_bytes(monkeypatch):
    from tei_toolkit.tei import serialize

    text, _ = read_text(SEED)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    a = serialize(convert_text(text, "seed.txt", check=False).tree)
    b = serialize(convert_text(text, "seed.txt", check=False).tree)
    assert a == b and b'when="2026-01-01"' in a


def test_output_is_well_formed_tei(seed):
    root = seed.getroot()
    assert etree.QName(root).localname == "TEI"
    assert [etree.QName(c).localname for c in root][:2] == ["teiHeader", "text"]


def test_serialization_never_adds_whitespace_to_mixed_content():
    from tei_toolkit.tei import serialize

    xml = serialize(convert("Title\n\n[Excerpt]\n").tree).decode("utf-8")
    assert "<p><supplied>Excerpt</supplied></p>" in xml


def test_donors_field_gives_the_funder_when_there_is_no_funding_line():
    record = (
        "Skip to content\n\nJuly 14, 1958\n\nA cable\n\nBody text.\n\nSummary.\n\n"
        "Document Information\n\nSource\n\nAn archive.\n\nDonors\n\nHenry Luce Foundation\n"
    )
    tree = convert(record).tree
    assert text_of(tree, "//tei:titleStmt/tei:funder") == "Henry Luce Foundation"


@pytest.mark.parametrize(
    "line, attrs",
    [
        ("January 22, 1944", {"when": "1944-01-22"}),
        ("March 1953", {"when": "1953-03"}),
        ("1962-10-31", {"when": "1962-10-31"}),
        ("1945-1946", {"from": "1945", "to": "1946"}),
        ("c. 1950", {"when": "1950", "cert": "medium"}),
    ],
)
def test_date_line_forms(line, attrs):
    tree = convert(f"Skip to content\n\n{line}\n\nA title\n\nBody text.\n").tree
    date = xp(tree, "//tei:creation/tei:date")[0]
    assert date.text == line and dict(date.attrib) == attrs
    assert text_of(tree, "//tei:titleStmt/tei:title") == "A title"


def test_record_id_without_a_publisher_stays_valid():
    """TEI wants a publisher before an idno; a record naming none gets paragraphs."""
    record = (
        "Skip to content\n\nJanuary 22, 1944\n\nTitle\n\nBody.\n\nSummary.\n\n"
        "Document Information\n\nSource\n\nRights\n\nRecord ID\n\n123\n"
    )
    conv = convert_text(record, "t.txt", date="2026-01-01", check=True)
    assert [d for d in conv.diagnostics if d.severity.name == "ERROR"] == []
    assert xp(conv.tree, "//tei:publicationStmt/tei:p/tei:idno[@type='record']")[0].text == "123"


def test_library_api_converts_validates_and_exports():
    import tei_toolkit

    text, _ = read_text(SEED)
    conversion = tei_toolkit.convert_text(text, "seed.txt", date="2026-01-01")
    assert tei_toolkit.check_tree(conversion.tree) == []
    assert "Choibalsan departed Ulaanbaatar" in tei_toolkit.to_text(conversion.tree)
    with pytest.raises(AttributeError):
        tei_toolkit.no_such_function  # noqa: B018


def test_labels_on_the_value_line_and_in_any_case():
    record = (
        "Skip to content\n\nJuly 14, 1958\n\nA cable\n\nBody text.\n\nSummary.\n\n"
        "Author(s):\n\nZhou, Enlai, 1898-1976\n\nDocument Information\n\n"
        "Source: PRC FMA 107-00129-03.\n\nTranslated by\n\nStephen Mercado\n\n"
        "RECORD ID: 114512\n\nOriginal Uploaded Date 2013-04-22\n\n"
        "Rights holders have been contacted where possible.\n"
    )
    tree = convert(record).tree
    assert text_of(tree, "//tei:titleStmt/tei:author") == "Zhou, Enlai, 1898-1976"
    assert text_of(tree, "//tei:titleStmt/tei:respStmt/tei:persName") == "Stephen Mercado"
    assert text_of(tree, "//tei:publicationStmt//tei:idno[@type='record']") == "114512"
    assert xp(tree, "//tei:publicationStmt//tei:date/@when") == ["2013-04-22"]
    assert text_of(tree, "//tei:sourceDesc/tei:bibl[@type='citation']") == "PRC FMA 107-00129-03."
    assert text_of(tree, "//tei:abstract/tei:p") == "Summary."


@pytest.mark.parametrize(
    "text, when, cert",
    [
        (
            "Notes\n\nEmbtel of January 15 came.\n\n1. See the letter of February 10, 1949.\n",
            "1949-01-15",
            "medium",
        ),
        ("Notes\n\nEmbtel of January 15 came.\n", "--01-15", None),
    ],
)
def test_month_day_without_a_year(text, when, cert):
    """No date line: the year the record's own dates give (flagged), else month-day."""
    conv = convert_text(text, "t.txt", date="2026-01-01", check=True)
    assert not [d for d in conv.diagnostics if d.severity.name == "ERROR"]
    date = xp(conv.tree, "//tei:body//tei:date")[0]
    assert (date.text, date.get("when"), date.get("cert")) == ("January 15", when, cert)


def test_a_converted_folder_passes_its_own_corpus_checks(tmp_path):
    """convert corpus/ -o DIR, then validate DIR --check-ids --check-refs: no duplicate
    xml:id across the records, every #pointer resolves, and a person named in several
    records is tied to one register id in each."""
    sources = sorted(CORPUS.glob("*.txt")) + sorted(FIXTURES.glob("frus-*.txt"))[:3]
    results = convert_files(sources, tmp_path, date="2026-01-01", check=False)
    assert all(r.error is None for r in results)
    found = list(iter_validate([tmp_path], check_ids=True, check_refs=True))
    assert [d for d in found if d.severity is Severity.ERROR] == []
    owners: dict[str, set[str]] = {}
    for xml in tmp_path.glob("*.xml"):
        tree = etree.parse(str(xml))
        for key in xp(tree, "//tei:standOff//tei:idno[@type='register']"):
            owners.setdefault(key.text, set()).add(key.getparent().get(XML_ID))
    shared = {k: ids for k, ids in owners.items() if len(ids) > 1}
    assert "stalin" in shared and len(shared["stalin"]) >= 3
