"""Parse a source citation into bibliographic parts. Only what is clearly there is taken."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A name: capitalised words and initials ("James F. Person", "Sergey Radchenko").
_NAME = r"(?:[A-Z]\.|[A-Z][\w’'\-]+)(?:\s+(?:[A-Z]\.|[A-Z][\w’'\-]+|de|van|von|der|la))*"
TRANSLATED = re.compile(
    r"(?:Original(?:ly)?\s+)?[Tt]ranslated(?:\s+(?:for|from|into)\s+[\w ]+?)*\s+by\s+"
    rf"(?P<names>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)"
)
OBTAINED = re.compile(
    rf"\b(?:Obtained|Contributed|Donated)\s+by\s+(?P<names>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)"
)
ARCHIVE_REF = re.compile(
    r"\b(?P<ref>(?=[A-Za-z]*[A-Z][a-z]*[A-Z])[A-Z][A-Za-z]{1,9}(?: [A-Z]{1,3})?[:,]?\s+(?:F\.|f\.|[Ff]ond|[Ff]\b)\s*[\w-]+"
    r"(?:,\s*(?:Op\.|op\.|[Oo]pis|per\.|D\.|d\.|[Dd]elo|dok\.|L\.|l\.|ll\.|[Ll]ist|[Pp]apka|"
    r"[Pp]\.|[Ll]l\.)\s*[\w./-]+)*)"
)
QUOTED_TITLE = re.compile(r"[“\"](?P<title>[^”\"]+?)[,.]?[”\"]")
PAGES = re.compile(r"\bpp?\.\s*(?P<from>\d+)(?:\s*[-–]\s*(?P<to>\d+))?")
ISSUE = re.compile(r"(?:\bNo\.?\s*|#)(?P<n>\d+)")
VOLUME = re.compile(r"\bVol\.\s*(?P<n>[\w]+)")


@dataclass
class Citation:
    author: str | None = None
    title: str | None = None
    periodical: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: tuple[str, str | None, str] | None = None  # (from, to, as written)
    archive_refs: list[str] = field(default_factory=list)
    translators: list[str] = field(default_factory=list)
    obtained_by: list[str] = field(default_factory=list)


def _clean_name(name: str) -> str:
    # "Person." at the end of a sentence: the final period is punctuation, unless initial
    name = name.strip()
    if name.endswith(".") and not re.search(r"(?:^|\s)[A-Z]\.$", name):
        name = name[:-1]
    return name


def parse_citation(text: str) -> Citation:
    cit = Citation()
    for m in TRANSLATED.finditer(text):
        cit.translators += [_clean_name(n) for n in _split_names(m.group("names"))]
    for m in OBTAINED.finditer(text):
        cit.obtained_by += [_clean_name(n) for n in _split_names(m.group("names"))]
    cit.archive_refs = [m.group("ref").rstrip(".,") for m in ARCHIVE_REF.finditer(text)]
    q = QUOTED_TITLE.search(text)
    if q:
        cit.title = q.group("title").strip()
        before = text[: q.start()].strip().rstrip(",").strip()
        if before and len(before) < 80 and not ARCHIVE_REF.search(before):
            cit.author = before
        after = text[q.end() :].lstrip(" ,")
        per = re.match(
            r"^(?:\?(?P<a>[^?]+)\?|[“\"](?P<b>[^”\"]+)[”\"]|(?P<c>[A-Z][^,.\d]{2,60}))", after
        )
        if per:
            cit.periodical = (per.group("a") or per.group("b") or per.group("c")).strip()
            if re.match(
                r"^(?:January|February|March|April|May|June|July|August|September|"
                r"October|November|December|History and Public Policy)",
                cit.periodical,
            ):
                cit.periodical = None
    if p := PAGES.search(text):
        cit.pages = (p.group("from"), p.group("to"), p.group(0))
    if cit.periodical and (i := ISSUE.search(text)):
        cit.issue = i.group("n")
    if cit.periodical and (v := VOLUME.search(text)):
        cit.volume = v.group("n")
    return cit


def _split_names(group: str) -> list[str]:
    return [p for p in re.split(r"\s*(?:,|\band\b|&)\s*", group) if p.strip()]
