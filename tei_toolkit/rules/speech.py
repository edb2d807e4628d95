"""Speaker labels at the start of a block: ``Stalin: “...”``, ``BREZHNEV. We ...``,
``Kohl. I am glad ...``. The label becomes a ``speaker`` mark; the converter turns the
block into ``sp``."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Mark
from ._lexicon import common_words
from .base import Context

_WORD = r"(?:[A-Z]\.|[A-Z][\w’'\-]*[\w’'])"
COLON_LABEL = re.compile(
    rf"^(?P<name>{_WORD}(?:\s+{_WORD}){{0,3}})(?P<aside>,\s+[a-z][^:“\"\n]{{0,40}})?:"
    r"(?=\s+\S|\s*[“\"])"
)
CAPS_LABEL = re.compile(r"^(?P<name>[A-Z][A-Z’'\-]{2,}(?:\s+[A-Z][A-Z’'\-]{2,})?)\.(?=\s+[A-Z“\"])")
TITLE_LABEL = re.compile(r"^(?P<name>[A-Z][a-z’'\-]{2,})\.(?=\s+[A-Z“\"])")
# Labels of memo and telegram forms, not people.
NOT_SPEAKERS = {
    "to",
    "from",
    "date",
    "sending",
    "received",
    "completed",
    "subject",
    "source",
    "note",
    "notes",
    "copy",
    "re",
    "cc",
    "attachment",
    "enclosure",
    "place",
    "time",
    "present",
    "agenda",
    "question",
    "answer",
    "summary",
    "translation",
    "secret",
    "top secret",
    "reference",
    "ref",
    "taken into process",
    "sent",
    "addressee",
    "attention",
    "memo",
    "memorandum",
    "telegram",
    "priority",
    "urgent",
    "classification",
    "distribution",
    "location",
    "participants",
    "chairman",
    "chaired",
    "resolution",
    "decision",
    "item",
    "p.s",
    "ps",
    "nb",
    "n.b",
    "comment",
    "comments",
    "remark",
    "remarks",
    "topic",
    "theme",
    "title",
    "author",
    "document",
    "file",
    "no",
    "number",
    "tel",
    "telephone",
    "fax",
    "total",
    "result",
    "results",
    "conclusion",
    "conclusions",
    "proposal",
    "proposals",
    # cables and memo forms (FM/TO/INFO, SUBJECT/TAGS/REF, precedence, status)
    "status",
    "precedence",
    "fm",
    "info",
    "subj",
    "tags",
    "drafted",
    "cleared",
    "approved",
    "released",
    "distributed",
    "typed",
    "copies",
    "enclosures",
    "dated",
    "origin",
    "action",
    "office",
    "via",
    "reply",
    "pages",
    "page count",
    "document type",
    "document number",
    "publication date",
    "release decision",
    "original classification",
}
_VOWELS = re.compile(r"[AEIOUY]")


def speaker(text: str, ctx: Context) -> Iterator[Mark]:
    if ctx.section != "body":
        return
    m = COLON_LABEL.match(text)
    if m and m.group("name").lower().rstrip(".") not in NOT_SPEAKERS and not _field(m, text, ctx):
        yield Mark(0, m.end(), "speaker", (), "speaker.colon")
        return
    m = CAPS_LABEL.match(text)
    if (
        m
        and len(_VOWELS.findall(m.group("name"))) >= 2
        and m.group("name").lower() not in NOT_SPEAKERS
    ):
        yield Mark(0, m.end(), "speaker", (), "speaker.caps")
        return
    m = TITLE_LABEL.match(text)
    if m and _known_person(m.group("name"), ctx):
        yield Mark(0, m.end(), "speaker", (), "speaker.name")


def _field(m: re.Match, text: str, ctx: Context) -> bool:
    """ "Precedence: Immediate": a common word, then a value that is no sentence (one
    line, no closing punctuation), is a labelled field of a form, not a turn."""
    name = m.group("name")
    if " " in name or name.lower() not in common_words() or _known_person(name, ctx):
        return False
    rest = text[m.end() :].strip()
    return "\n" not in rest and not re.search(r"[.!?…”\"]$", rest)


def _known_person(name: str, ctx: Context) -> bool:
    """A bare capitalised word opens a turn only if the record's title names it or the
    register knows it as a person (a name, a variant or a surname: "Kohl")."""
    if re.search(rf"\b{re.escape(name)}\b", ctx.title):
        return True
    return ctx.register is not None and ctx.register.is_person_name(name)
