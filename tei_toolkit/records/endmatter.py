"""The apparatus at the foot of a document: a notes section, distribution lists ("Copy
Nº 9 to Bulganin"), cipher groups, typing trailers ("Typed on ... Distributed at ..."),
and the signature, which names the sender when no From: line did."""

from __future__ import annotations

import re

from ..model import Record
from . import datelines
from .common import is_navigation

TRAILER = re.compile(
    r"^(?:copy\s+n[º°o]?\.?\s*\d+|экз\.?\s*№?\s*\d+|typed\s+(?:on|in|by)\b|printed\s+in\b"
    r"|distributed\s+(?:at|to|on)\b|distribution\s*:|dispatched\b|отп\.|разослано|"
    r"sent\s+(?:department|to)\b.*\brepeated\b|rec(?:eive)?'?d\b.{0,40}\d)",
    re.I,
)
COPYRIGHT = re.compile(
    r"^(?:.{0,60}(?:©|\(c\)|copyright)\s*(?:\d{4}[–-]?)+.{0,40}|.{0,60}©)$", re.I
)
CIPHER_GROUPS = re.compile(r"^\d{3,6}(?:\s+\d{3,6}){2,}$")
NOTES_HEADING = re.compile(
    r"^(?:注\s?释|注|notes|endnotes|footnotes|примечания|anmerkungen|notas)[:：]?$", re.I
)
NOTE_LINE = re.compile(r"^[〔\[(（]?(\d{1,3})[〕\])）.]")
SIGNATURE = re.compile(
    r"^(?:(?:[A-ZА-Я][\w’'.-]*|[A-ZА-Я]\.)(?:\s+(?:[A-ZА-Я][\w’'.-]*|[A-ZА-Я]\.)){0,3}"
    r"|[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){1,3})$"
)


def closing_dateline(last: list[tuple[int, str]], record: Record, drop: set[int]) -> None:
    """A letter dated at its foot, under the signature ("Sierra Maestra, diciembre 9 de
    1957."): a short line that is a place and one date, and nothing else."""
    for n, line in reversed(last):
        hits = list(datelines.find_dates(line))
        if len(hits) != 1 or len(line) > 80:
            continue
        s, e, _ = hits[0]
        place, rest = line[:s].strip(" ,-–—"), line[e:].strip(" .,")
        if len(place.split()) <= 4 and not rest and not re.search(r"[.;:!?]", place):
            record.date, record.place = line[s:e], place or None
            record.apparatus.append(("dateline", None, line))
            drop.add(n)
            return


def read_bottom(lines: list[tuple[int, str]], record: Record, start: int) -> set[int]:
    """Distribution lists, cipher groups and typing trailers at the end -> apparatus; a
    signature -> the sender when no From: line named one."""
    drop: set[int] = set()
    body = [(n, s) for n, s in lines if n >= start]
    heading = next((k for k, (_, s) in enumerate(body) if NOTES_HEADING.match(s)), None)
    if heading is not None and len(body) - heading <= 30:
        drop.update(n for n, _ in body[heading:])
        for _n, line in body[heading + 1 :]:
            m = NOTE_LINE.match(line)
            record.apparatus.append(("footnote", m.group(1) if m else None, line))
        body = body[:heading]
    if record.date is None:
        closing_dateline(body[-4:], record, drop)
    for n, line in body[-12:]:
        if n in drop:
            continue
        if is_navigation(line):  # the page's footer, not the document's
            drop.add(n)
        elif COPYRIGHT.match(line):  # "National Archives of Ireland © 2005": the site's rights
            record.rights.append(line)
            drop.add(n)
        elif TRAILER.match(line):
            kind = (
                "distribution"
                if re.match(r"(?i)copy|экз|distribut|разосл|sent", line)
                else "trailer"
            )
            record.apparatus.append((kind, None, line))
            drop.add(n)
        elif CIPHER_GROUPS.match(line):
            record.apparatus.append(("cipher-groups", None, line))
            drop.add(n)
    if record.sender is None:
        for n, line in reversed(body[-5:]):
            dated = re.search(r"\d|[年月日时]", line)
            if (
                n not in drop
                and SIGNATURE.match(line)
                and len(line) < 40
                and n != start
                and not dated
            ):
                record.sender = line
                break
    return drop


def addressee_of(salutation: str) -> str | None:
    rest = re.sub(
        r"^(?:my\s+)?(?:dear(?:est)?|estimad[oa]|querid[oa]|sehr geehrte[rn]?|liebe[rs]?|"
        r"cher|chère|уважаем\w*|дорог\w*)\s+",
        "",
        salutation,
        flags=re.I,
    )
    rest = rest.strip(" ,:!：，")
    return rest or None
