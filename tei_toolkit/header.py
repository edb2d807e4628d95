"""The teiHeader, built only from what the record says about itself."""

from __future__ import annotations

import re

from lxml import etree

from .inline import fill
from .model import Record
from .records.citation import parse_citation
from .records.language import NAMES
from .records.language import detect as detect_language
from .register import Entry
from .rules import Context, find_marks
from .rules._lexicon import common_words
from .rules._tokens import slug
from .tei import E

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
_LETTER = re.compile(r"[^\W\d_]")
FILE_DATE = re.compile(r"/\d{1,2}[–-]\d{3,4}[a-h]?$")  # the M–DYY part of a file number
PUBLISHER = re.compile(r"^The (?P<name>.+?) welcomes reuse of")
LANGUAGES = {
    "english": "en",
    "russian": "ru",
    "chinese": "zh",
    "mongolian": "mn",
    "korean": "ko",
    "german": "de",
    "czech": "cs",
    "slovak": "sk",
    "polish": "pl",
    "hungarian": "hu",
    "japanese": "ja",
    "french": "fr",
    "vietnamese": "vi",
    "spanish": "es",
    "bulgarian": "bg",
    "romanian": "ro",
    "albanian": "sq",
    "arabic": "ar",
    "persian": "fa",
    "italian": "it",
    "serbo-croatian": "sh",
    "serbian": "sr",
    "croatian": "hr",
    "ukrainian": "uk",
    "georgian": "ka",
    "hebrew": "he",
    "turkish": "tr",
    "portuguese": "pt",
    "dutch": "nl",
    "greek": "el",
    "finnish": "fi",
    "swedish": "sv",
    "norwegian": "no",
    "danish": "da",
    "hindi": "hi",
    "urdu": "ur",
    "farsi": "fa",
    "pashto": "ps",
    "dari": "prs",
    "macedonian": "mk",
    "slovenian": "sl",
    "lithuanian": "lt",
    "latvian": "lv",
    "estonian": "et",
    "armenian": "hy",
    "azerbaijani": "az",
    "kazakh": "kk",
    "uzbek": "uz",
}
PLAIN_NOTES = {"precedence", "heading"}  # a release stamp is marked (its date)
# The marks a dateline keeps: its date and place are the header's creation date and
# correspAction place already; its clock time is said nowhere else ("August 3, 1939-3:47 p. m.")
DATELINE_MARKS = {"time"}
KEYWORD_FIELDS = {
    "Type": "type",
    "Associated Topics": "topic",
    "Associated People & Organizations": "people-organizations",
    "Associated Places": "place",
    "Subjects Discussed": "subject",
    "Theme": "theme",
    "Collection": "collection",
}
EDITORIAL = (
    "Converted automatically from a plain-text copy of the web page by tei-toolkit. "
    "Paragraphs follow the blank-line blocks of the text; source line breaks inside a block "
    "are kept as lb.",
    "Speaker turns (a name and a colon, or a capitalised name and a full stop, at the start "
    "of a paragraph) are encoded as sp/speaker.",
    "Editorial brackets are kept: insertions as supplied, descriptions and sic notes as "
    "inline notes, omission marks as gap with the source characters in @rend. Site "
    "artefacts (question marks for lost quotation marks, hidden e-mail addresses) are "
    "flagged as choice/orig+reg and seg[@type='site-artefact'].",
    "Names of people, places and organisations, dates and clock times were marked up by "
    "rules and linked (@ref) to the editor's register; names not in the register carry "
    "@cert='low'. Quotation marks are kept as characters.",
)


def _marked(
    tag: str, text: str, ctx: Context, section: str, only: set[str] | None = None, **attrs
) -> etree._Element:
    ctx.section, ctx.line = section, None
    marks = find_marks(text, ctx)
    if only is not None:
        marks = [m for m in marks if m.tag in only]
    return fill(E(tag, **attrs), text, marks)


def build_header(
    record: Record,
    ctx: Context,
    *,
    version: str,
    date: str,
    source_name: str,
    created: dict[str, str],
) -> etree._Element:
    """``created``: the normalised value of the record's date line (record_date_attrs)."""
    citation = parse_citation(record.citation) if record.citation else None
    return E(
        "teiHeader",
        E(
            "fileDesc",
            _title_stmt(record, ctx, citation),
            _publication_stmt(record, ctx),
            _notes_stmt(record, ctx),
            _source_desc(record, ctx, citation, source_name),
        ),
        _encoding_desc(version),
        _profile_desc(record, ctx, created),
        E(
            "revisionDesc",
            E(
                "change",
                f"Converted from the plain-text file {source_name} "
                f"({record.layout} layout) by tei-toolkit {version}.",
                when=date,
                who="#tei-toolkit",
            ),
        ),
    )


def record_date_attrs(date_line: str | None) -> dict[str, str]:
    """The normalised value of the record's date line: {"when": ...} or {"from", "to"}.
    English date lines are the rules' (rules.dates); datelines in other languages, cable
    date-time groups and FRUS file-number dates are the readers' (records.datelines)."""
    if not date_line:
        return {}
    from .records.datelines import normalize as normalize_dateline
    from .rules.dates import normalize

    return normalize(date_line) or normalize_dateline(date_line) or {}


def _title_stmt(record: Record, ctx: Context, citation) -> etree._Element:
    title = record.title or source_title(record)
    stmt = E("titleStmt", _marked("title", title, ctx, "title", type="main"))
    for author in _listed(record.fields.get("Author(s)")):
        stmt.append(E("author", author))
    funders = (
        [record.funder]
        if record.funder
        else _listed(record.fields.get("Donors") or record.fields.get("Funders"))
    )
    for funder in funders:  # the funder's name marked ("Carnegie Corporation of New York (CCNY)")
        stmt.append(_marked("funder", funder, ctx, "funder"))
    translators = list(citation.translators if citation else [])
    translators += [t for t in _listed(record.fields.get("Translated by")) if t not in translators]
    for name in translators:
        stmt.append(E("respStmt", E("resp", "Translated by"), *_person_names(name, ctx)))
    for name in _listed(record.fields.get("Transcribed by")):
        stmt.append(E("respStmt", E("resp", "Transcribed by"), *_person_names(name, ctx)))
    for name in citation.obtained_by if citation else []:
        stmt.append(E("respStmt", E("resp", "Obtained by"), E("name", name, type="person")))
    return stmt


def _person_names(names: str, ctx: Context) -> list[etree._Element]:
    """ "Martin Parker and Bernard Isaacs": one persName each."""
    return [person_name(n, ctx) for n in re.split(r"\s+(?:and|&)\s+", names) if n.strip()]


def person_name(name: str, ctx: Context) -> etree._Element:
    """A person the record names in a labelled line (its translator, its transcriber): a
    ``persName`` linked to the register, or given the provisional id the name rules give
    (the surname's: "#prov-dutt"), so that the body's mentions share it."""
    return E("persName", name, ref="#" + _person_id(name, ctx)[0], **_cert(name, ctx))


def _person_id(name: str, ctx: Context) -> tuple[str, bool]:
    """(id, known): the register's person of that name, else the name rules' reading of
    it as a person, else the provisional id of its last word."""
    ctx.section, ctx.line = "header-person", None
    whole = [m for m in find_marks(name, ctx) if (m.start, m.end) == (0, len(name))]
    if whole and whole[0].tag == "persName":
        attrs = whole[0].attr_dict()
        return attrs["ref"][1:], "cert" not in attrs
    surname = re.sub(r"[^\w’'-]+$", "", name.split()[-1]) if name.split() else name
    pid = "prov-" + slug(surname or name)
    if pid not in ctx.entities:
        note = "Not in the register: named in a labelled line of the record's header."
        ctx.entities[pid] = Entry(pid, "person", name, note=note, provisional=True)
    return pid, False


def _cert(name: str, ctx: Context) -> dict[str, str]:
    return {} if _person_id(name, ctx)[1] else {"cert": "low", "resp": "#tei-toolkit"}


def _listed(value: str | None) -> list[str]:
    """A labelled field's values (value blocks are joined with "; " by the reader)."""
    return [v for v in re.split(r"\s*;\s*", value or "") if v]


def source_title(record: Record) -> str:
    return f"Untitled record ({record.source_name or 'plain text'})"


def _publication_stmt(record: Record, ctx: Context) -> etree._Element:
    """publisher, idno, date, availability/licence — or, when the record names no
    publisher (TEI wants one before the details), the same facts as paragraphs."""
    publisher = next((m.group("name") for r in record.rights if (m := PUBLISHER.match(r))), None)
    details = []
    if record.fields.get("Record ID"):
        details.append(("Record ID: ", E("idno", record.fields["Record ID"], type="record")))
    uploaded = record.fields.get("Original Uploaded Date")
    if uploaded and re.fullmatch(r"\d{4}-\d{2}-\d{2}", uploaded):
        details.append(("Uploaded: ", E("date", uploaded, type="uploaded", when=uploaded)))
    rights = []
    for para in record.rights:
        ctx.section, ctx.line = "rights", None
        rights.append(fill(E("p"), para, find_marks(para, ctx)))
    if publisher:
        licence = [E("availability", E("licence", *rights))] if rights else []
        return E(
            "publicationStmt",
            E("publisher", publisher),
            *[element for _, element in details],
            *licence,
        )
    paras = [E("p", label, element) for label, element in details] + rights
    return E(
        "publicationStmt",
        *paras
        or [
            E(
                "p",
                "The source page gives no publication or rights statement (the copy may be "
                "cut off).",
            )
        ],
    )


def _notes_stmt(record: Record, ctx: Context):
    """Unlabelled footer text, and the document's apparatus the reader kept out of the
    body: footnotes (@n = the marker), distribution lists, cable headers, stamps."""
    notes = [
        E("note", v, type="unlabelled-footer") for k, v in record.fields.items() if k == "Note"
    ]
    for kind, n, text in record.apparatus:
        if kind in PLAIN_NOTES:  # codes, not prose to mark up (a cable header, a stamp are marked)
            notes.append(E("note", text, type=kind, n=n))
        else:
            only = DATELINE_MARKS if kind == "dateline" else None
            notes.append(_marked("note", text, ctx, "summary", only, type=kind, n=n))
    return E("notesStmt", *notes) if notes else None


def _source_desc(record: Record, ctx: Context, citation, source_name: str) -> etree._Element:
    desc = E("sourceDesc")
    if record.idnos:
        desc.append(
            E(
                "bibl",
                *[_archive(value, ctx) for kind, value in record.idnos if kind == "archive"],
                *[E("idno", value, type=kind) for kind, value in record.idnos],
                type="document",
            )
        )
    if record.citation:
        desc.append(_marked("bibl", record.citation, ctx, "citation", type="citation"))
        desc.append(_parsed_bibl(citation, record))
    elif not record.idnos:
        desc.append(
            E(
                "p",
                f"Converted from the plain-text file {source_name}; the record "
                "carries no source citation.",
            )
        )
    return desc


def _archive(reference: str, ctx: Context) -> etree._Element:
    """The archive a document-number line names ("No. 440 NAI DFA/6/417/128/1"): the
    reference marked, so that the archive is an orgName (the idno keeps the reference)."""
    return _marked("note", reference, ctx, "citation", type="archive")


def _parsed_bibl(c, record: Record) -> etree._Element:
    bibl = E("bibl", type="parsed")
    if c.author:
        bibl.append(E("author", c.author))
    if c.title:
        bibl.append(E("title", c.title, level="a" if c.periodical else "m"))
    if c.periodical:
        bibl.append(E("title", c.periodical, level="j"))
    if c.volume:
        bibl.append(E("biblScope", c.volume, unit="volume"))
    if c.issue:
        bibl.append(E("biblScope", c.issue, unit="issue"))
    if c.pages:
        start, end, written = c.pages
        bibl.append(E("biblScope", written, unit="page", **{"from": start, "to": end or start}))
    for ref in c.archive_refs:
        bibl.append(E("idno", ref, type="archive"))
    for name in c.translators:
        bibl.append(E("respStmt", E("resp", "translation"), E("name", name, type="person")))
    for label, kind in (
        ("Original Archive", "archive"),
        ("Original Classification", "classification"),
    ):
        if record.fields.get(label):
            bibl.append(E("note", record.fields[label], type=kind))
    if not len(bibl):
        bibl.append(
            E("note", "No bibliographic parts could be recognised in the citation.", type="parser")
        )
    return bibl


def _encoding_desc(version: str) -> etree._Element:
    return E(
        "encodingDesc",
        E(
            "appInfo",
            E(
                "application",
                E("label", "tei-toolkit"),
                E("desc", "Plain-text record to TEI P5 converter"),
                ident="tei-toolkit",
                version=version,
                xml_id="tei-toolkit",
            ),
        ),
        E("editorialDecl", *[E("p", p) for p in EDITORIAL]),
    )


def _profile_desc(record: Record, ctx: Context, created: dict[str, str]) -> etree._Element:
    profile = E("profileDesc")
    if record.summary:
        profile.append(E("abstract", _marked("p", record.summary, ctx, "summary")))
    if record.date:
        profile.append(_creation(record, created))
    profile.append(_lang_usage(record))
    corresp = _corresp_desc(record, ctx)
    if corresp is not None:
        profile.append(corresp)
    keywords = _keywords(record)
    if keywords is not None:
        profile.append(E("textClass", keywords))
    return profile


def _creation(record: Record, created: dict[str, str]) -> etree._Element:
    """The document's date. A ``date`` element when the header is where the date is
    written (the page's date line, a dateline the reader took out of the text); when its
    words stay in the title or the body (marked there), or the date is read from a file
    number ("840.20/1–3049"), ``creation`` carries the value itself (@when), so that the
    document mentions the date once (docs/ENCODING.md)."""
    if _written_elsewhere(record):
        return E("creation", record.date or "", **created)
    return E("creation", E("date", record.date, **created))


def _written_elsewhere(record: Record) -> bool:
    date = record.date or ""
    if any(
        kind == "file" and FILE_DATE.search(value) and value.rstrip("abcdefgh").endswith(date)
        for kind, value in record.idnos
    ):
        return True
    if record.layout == "digital-archive":  # the page's own date line, apart from the text
        return False
    if date in (record.title or ""):
        return True
    if record.citation and date in record.citation:  # "HL Deb 30 July 1956 vol 199 ..."
        return True
    first_line = record.body[0].text.split("\n", 1)[0] if record.body else ""
    return record.layout == "generic" and len(first_line) < 120 and date in first_line


def _lang_usage(record: Record) -> etree._Element:
    main = record.language or "en"
    usage = E("langUsage", E("language", NAMES.get(main, main), ident=main))
    if main != "en":
        usage.append(E("language", "English", ident="en"))
    original = record.fields.get("Original Language") or record.fields.get("Language")
    for name in re.split(r"\s*[;,]\s*", original or ""):
        code = LANGUAGES.get(name.strip().lower())
        if code and code != "en":
            usage.append(E("language", f"{name.strip()} (language of the original)", ident=code))
    for code in dict.fromkeys(block_language(b.text) for b in record.body):
        if code and not usage.xpath(f"*[@ident='{code}']"):
            usage.append(E("language", NAMES.get(code, code), ident=code))
    return usage


def block_language(text: str) -> str | None:
    """The language of a block when it is not English: "zh" for a block written mostly in
    Chinese characters (the notes some pages carry), "de", "ru", ... for a block long
    enough to tell (records/language.py); None: the record's language (English) applies."""
    letters = len(_LETTER.findall(text))
    if _CJK.search(text):
        return "zh" if letters and len(_CJK.findall(text)) * 2 > letters else None
    if letters < 60:
        return None
    code = detect_language(text, margin=2.0)
    return code if code and code != "en" else None


def _corresp_name(text: str, ctx: Context) -> etree._Element:
    """The sender or addressee as the document names them ("The Chargé in the Soviet Union
    (Kohler)"): a ``name`` with the words as written, and @ref to the one person or
    organisation the name rules find in it (the words are marked where the text has them,
    so this is no second mention)."""
    ctx.section, ctx.line = "header-person", None
    marks = find_marks(text, ctx)
    for tag in ("persName", "orgName"):  # the office-holder, else the office's body
        refs = {m.attr_dict().get("ref") for m in marks if m.tag == tag}
        if len(refs) == 1 and None not in refs:
            return E("name", text, ref=refs.pop() or "", type=NAME_TYPES[tag])
    if re.fullmatch(r"[A-Z][^\W\d_]+", text) and text.lower() not in common_words():
        return E("name", text, ref="#" + _person_id(text, ctx)[0], type="person")  # "Evatt"
    return E("name", text)


NAME_TYPES = {"persName": "person", "orgName": "org", "placeName": "place"}


def _corresp_desc(record: Record, ctx: Context):
    """Sender and addressee as the document names them (From:/To:, FM/TO, a heading
    "X to Y", a salutation or signature): plain names, not entity guesses."""
    if not (record.sender or record.addressee or record.place):
        return None
    actions = []
    if record.sender or record.place:  # the dateline's place is where it was sent from
        sent = E(
            "correspAction",
            *([_corresp_name(record.sender, ctx)] if record.sender else []),
            type="sent",
        )
        if record.place:
            sent.append(E("placeName", record.place))
        actions.append(sent)
    if record.addressee:
        actions.append(E("correspAction", _corresp_name(record.addressee, ctx), type="received"))
    return E("correspDesc", *actions)


def _keywords(record: Record):
    terms = []
    if record.classification:
        terms.append(E("term", record.classification, type="classification"))
    for label, kind in KEYWORD_FIELDS.items():
        for value in re.split(r"\s*;\s*", record.fields.get(label, "")):
            if value:
                terms.append(E("term", value, type=kind))
    return E("keywords", *terms) if terms else None


__all__ = ["build_header", "block_language", "record_date_attrs"]
