"""The two small types of conversion: a Record read from text and a Mark a rule proposes."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Record:
    """What a reader found in a plain-text record. Absent fields stay None / empty."""

    title: str | None = None
    date: str | None = None  # the date line as written ("January 22, 1944")
    body: list[Block] = field(default_factory=list)
    summary: str | None = None
    citation: str | None = None
    rights: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)  # labelled fields: "Record ID" -> "112103"
    funder: str | None = None
    layout: str = "generic"  # which reader produced it
    source_name: str | None = None
    # What the document says about itself (readers fill what they find; header.py encodes):
    sender: str | None = None  # correspDesc/correspAction[@type="sent"]
    addressee: str | None = None  # correspAction[@type="received"]
    place: str | None = None  # where it was written (the dateline's place)
    classification: str | None = None  # "SECRET", "Совершенно секретно", ...
    idnos: list[tuple[str, str]] = field(default_factory=list)  # ("file", "840.20/1–3049")
    # The document's apparatus, kept out of the body: (kind, n, text); kind is the note's
    # @type ("footnote", "distribution", "cable-header", "release-stamp", "trailer", ...).
    apparatus: list[tuple[str, str | None, str]] = field(default_factory=list)
    language: str | None = None  # main language of the body, detected (records/language.py)


@dataclass(frozen=True)
class Mark:
    """A span [start, end) of a text that a rule proposes to wrap in a TEI element.

    ``attrs`` uses TEI attribute names ("when", "ref", "xml:id"...); ``rule`` names the
    rule for diagnostics. ``strip`` counts delimiter characters at each end of the span
    that the element replaces (the brackets of ``[text]`` -> ``<supplied>text</supplied>``).
    ``empty`` drops the covered text (an element such as ``gap`` that records it in an
    attribute) and writes ``text`` instead. ``append`` adds child elements after the content: ((tag, text), ...).
    """

    start: int
    end: int
    tag: str
    attrs: tuple[tuple[str, str], ...] = ()
    rule: str = ""
    strip: tuple[int, int] = (0, 0)
    empty: bool = False
    append: tuple[tuple[str, str], ...] = ()
    text: str = ""  # an empty mark's own words (a footnote placed at its marker)
    inner: tuple[Mark, ...] = ()  # the marks of those words

    def attr_dict(self) -> dict[str, str]:
        return dict(self.attrs)


@dataclass
class Block:
    """A blank-line separated block of the record body, with its first source line (1-based).

    ``marks``: what the reader itself knows about the text (a FRUS footnote at its
    marker, a ``[Page 564]`` page break); they win over the rules' marks."""

    text: str
    line: int
    marks: tuple[Mark, ...] = ()
