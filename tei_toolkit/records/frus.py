"""Foreign Relations of the United States (history.state.gov) documents.

840.20/1–3049: Telegram                      decimal file number (M–DYY: the date)
The Chargé in the Soviet Union (Kohler) to the Secretary of State    title, sender, addressee
Moscow, January 30, 1949—6 p.m.              dateline (when the page gives one)
us urgent / secret / [Telegram]              precedence, classification, kind
233. Stalin reply to ... questions1 ...      telegram number; footnote markers glued on
Sent Department 233, repeated London 25.     distribution
  1. Infra.                                  the numbered footnotes
"""

from __future__ import annotations

import re

from ..diagnostics import Diagnostic, info
from ..model import Block, Mark, Record
from ..tei import xml_attr
from . import datelines
from .blocks import body_lines, lines_of, split_numbered
from .common import (
    FILE_NUMBER,
    PRECEDENCE,
    add_classification,
    is_classification,
    is_navigation,
)

NAME = "frus"
XML_ID = xml_attr("id")
HEADING = re.compile(
    r"^(?P<from>(?:The|Mr\.|Mrs\.|President|Secretary|Ambassador|Memorandum|Letter|Telegram)"
    r"(?:\b|(?<=\.)).{3,200}?)\s+to\s+(?P<to>(?:the|Mr\.|President|Secretary|Ambassador|Senator)(?:\b|(?<=\.)).{3,200}?)"
    r"\.?$"  # "Mr. Hay to Mr. Clayton." (the older volumes end the heading with a full stop)
)
DATELINE = re.compile(r"^(?P<place>[A-Z][\w .’'-]{1,40}),\s+(?P<date>.+?\d{4})\.?(?:[—–-].*)?$")
NOTE = re.compile(r"^\s*(?P<n>\d{1,3})\.\s+(?P<text>\S.*)$")
ARROW_NOTE = re.compile(r"^\s*[-•]\s+(?P<text>\S.*?)\s*↩$")
DISTRIBUTION = re.compile(r"^(?:Sent|Repeated)\s+(?:to\s+)?(?:Department|\w+)\b.*\d", re.I)
TELEGRAM_NO = re.compile(r"^(?P<n>\d{1,5})\.\s")
# Footnote markers: glued to a word ("questions1"), after punctuation before a capital
# ("30.3 Our", "Vyshinski,17 or" is glued to the comma), or run into a day ("January 292").
GLUED = re.compile(r"(?<=[^\W\d_’”)])(?P<n>\d{1,3})(?=[\s,;:.)”’]|$)")
AFTER_PUNCT = re.compile(r"(?<=[.,;:])(?P<n>\d{1,3})(?=\s+[A-Z“‘(]|\s*$|\s+or\b|\s+and\b)")
# after a word's comma before a lower-case word ("translation,1 stating"); not "No.5 of"
AFTER_WORD_PUNCT = re.compile(r"(?<=[^\W\d_][,;:.])(?P<n>\d{1,3})(?=\s+[a-z])")
NOT_MARKED = re.compile(r"\b(?:No|Nos|p|pp|par|para|art|vol|ch|sec|n|fig)[.,]$", re.I)
IN_DAY = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December) (?P<day>[0-3]?\d)(?P<n>\d{1,2})(?=\D|$)"
)
PAGE = re.compile(r"\[Page [\dIVXLCivxlc]+\]")
PAGE_N = re.compile(r"\[Page (?P<n>[\dIVXLCivxlc]+)\]")


# "136. Memorandum of Conversation0", "67. Message From ... Johnson/1/", "No. 443"
DOC_HEADING = re.compile(
    r"^(?:No\.\s*)?(?P<n>\d{1,4})\.?(?:\s+(?P<title>[A-Z][^\n]{4,250}?))?(?P<mark>/\d{1,2}/|(?<=[a-z)])\d{1,2})?$"
)
SIGNALS = re.compile(
    r"^/1/\s*Source:|^Source:\s+(?:Department of State|National Archives|[A-Z][\w ]+ Library)"
    r"|↩$|^(?:Conference|Central|Lot|Presidential|Secretary’s Memoranda)[\w ’']*[Ff]iles?\b"
    r"|Foreign Relations of the United States|^\[Page [\dIVXL]+\]|\[Page \d+\]|^(?:SUBJECT|PARTICIPANTS)$",
    re.M,
)
UNDATED = re.compile(r"^(?P<place>[A-Z][\w .’'-]{1,40}),\s+(?:undated|no date|n\.d\.)\.?$", re.I)
SERIES_REF = re.compile(r"^(?P<kind>Frames?|Serial)\s+[\d–-]+(?:,\s*serial\s+\w+)?$", re.I)
NUMBER_OF = re.compile(r"^No\.\s*(?P<n>\d{1,5}) of [A-Z][a-z]+ \d{1,2}\.?$")
RECEIVED = re.compile(r"^Received\b.{0,60}\d{4}", re.I)
DATED_HEADING = re.compile(r"^(?P<heading>.{10,}?);\s+(?P<date>[^;]{6,30}\d{4})$")
# a heading naming the document's kind, without an addressee ("Memorandum of Conversation,
# by the Secretary of State", "Memorandum for the Record"): short, no full stop at its end
KIND_HEADING = re.compile(
    r"^(?:Memorandum|Minutes|Record|Notes?|Position Paper|Paper|Report|Aide-Mémoire|Letter)"
    r"\b[^.\n]{0,160}[^.:;\s]$"
)
TRAILING_MARK = re.compile(r"(?:/\d{1,2}/|(?<=[a-z)])\d{1,2})$")
DANGLING = re.compile(r"\b(?:by|of|to|from|the|and|with|between)$")


def _doc_heading(lines: list[tuple[int, str]]) -> int | None:
    """Index of the document's numbered heading when the page shows FRUS's apparatus.
    A numbered sentence ("1. The memorandum under reference ... p. 39.", "2. Supra.") is a
    footnote or a list item: a heading's title does not end with a full stop."""
    for k, (_, line) in enumerate(lines[:40]):
        m = DOC_HEADING.match(line)
        if m and m["title"] and m["title"].rstrip()[-1:] in ".;:":
            continue
        if m and (m["title"] or (k + 1 < len(lines) and lines[k + 1][1][:1].isupper())):
            if m["mark"] or not re.fullmatch(r"\d{1,4}\.?", line.strip()) or line.startswith("No."):
                return k
    return None


def detect(text: str) -> float:
    all_lines = lines_of(text)
    lines = [line for _, line in all_lines[:8]]
    if not lines:
        return 0.0
    score = 0.0
    if SIGNALS.search(text[:20_000]) and _doc_heading(all_lines) is not None:
        score += 0.7
    if FILE_NUMBER.match(lines[0]):
        score += 0.6
    if any(HEADING.match(line) and len(line) <= 180 for line in lines[:4]):  # not a sentence
        score += 0.35
    if PAGE.search(text):
        score += 0.1
    return min(score, 0.95)


def _read_doc_heading(lines: list[tuple[int, str]], record: Record, drop: set[int]) -> int:
    """The numbered heading (site chrome above it dropped); its title may run over two
    lines ("Memorandum of Conversation, by the" / "Counselor ... (MacArthur)1"). Returns
    the index of the first line after it."""
    k = _doc_heading(lines)
    if k is None or FILE_NUMBER.match(lines[0][1]):
        return 0
    drop.update(n for n, _ in lines[: k + 1])
    m = DOC_HEADING.match(lines[k][1])
    assert m is not None
    record.idnos.append(("document", m["n"]))
    title, k = (m["title"] or ""), k + 1
    if not title and k < len(lines):
        title, k = TRAILING_MARK.sub("", lines[k][1]), k + 1
        drop.add(lines[k - 1][0])
    while DANGLING.search(title) and k < len(lines):
        title = title + " " + TRAILING_MARK.sub("", lines[k][1])
        drop.add(lines[k][0])
        k += 1
    record.title = title.strip()
    if h := HEADING.match(record.title):
        record.sender, record.addressee = h["from"], h["to"]
    return k


def read(text: str, name: str) -> tuple[Record, list[Diagnostic]]:
    record = Record(layout=NAME, source_name=name)
    lines = lines_of(text)
    drop: set[int] = set()
    file_date = None
    heading_note: int | None = None
    start = _read_doc_heading(lines, record, drop)
    for k, (n, line) in enumerate(lines[start : start + 10], start):
        clean = line.strip()
        if n in drop:
            continue  # the second line of a wrapped heading
        if is_navigation(clean):
            pass
        elif m := SERIES_REF.match(clean):  # "Frames 210963-210964, serial 384"
            record.idnos.append((m["kind"].lower(), clean))
        elif m := NUMBER_OF.match(clean):  # "No. 166 of August 3"
            record.idnos.append(("telegram", m["n"]))
        elif RECEIVED.match(clean):
            record.apparatus.append(("received", None, clean))
        elif UNDATED.match(clean):
            record.place = UNDATED.match(clean)["place"]  # type: ignore[index]
            record.apparatus.append(("dateline", None, clean))
        elif clean.startswith("/1/") or re.match(r"^Source:\s", clean):
            record.apparatus.append(
                ("source", "1" if clean.startswith("/1/") else None, clean.removeprefix("/1/"))
            )
        elif re.match(
            r"^(?:Conference|Central|Department of State|Lot|Secretary.s Memoranda)[\w ,.]*files?\b",
            clean,
            re.I,
        ):
            record.idnos.append(("file", clean))
        elif fm := FILE_NUMBER.match(clean):
            record.idnos.append(("file", fm["number"]))
            if fm["kind"]:
                record.fields["Type"] = fm["kind"]
            if m := re.search(r"/(\d{1,2}[–-]\d{3,4})\w?$", fm["number"]):
                file_date = m.group(1)
        elif record.title is None and (h := HEADING.match(clean)):
            # "... to the Ambassador in France (Caffery)23": the heading's own footnote
            if (mark := TRAILING_MARK.search(clean)) and mark.group(0).isdigit():
                heading_note = int(mark.group(0))
                clean = clean[: mark.start()]
                h = HEADING.match(clean) or h
            if (dated := DATED_HEADING.match(clean)) and datelines.first_date(dated["date"]):
                clean = dated["heading"]  # "... to the German Foreign Office; May 29, 1940"
                h = HEADING.match(clean) or h
            clean = re.sub(r"\(\s+([^()]*?)\s*\)", r"(\1)", clean)  # the site's "( Wright )"
            h = HEADING.match(clean) or h
            record.title = clean.removesuffix(".")
            record.sender, record.addressee = h["from"], h["to"]
        elif record.title is None and KIND_HEADING.match(clean):
            title = clean  # "Memorandum of Conversation, by ..." (wrapped: "... of the" / "...")
            while DANGLING.search(title) and k + 1 < len(lines):
                k += 1
                title = f"{title} {lines[k][1].strip()}"
                drop.add(lines[k][0])
            record.title = TRAILING_MARK.sub("", title)
        elif is_classification(clean):
            add_classification(record, clean)
        elif PRECEDENCE.match(clean):
            record.apparatus.append(("precedence", None, clean))
        elif re.fullmatch(r"\[(?:Telegram|Paraphrase|Extract|Unnumbered\.?)\]", clean):
            record.apparatus.append(("heading", None, clean))
        elif (d := DATELINE.match(clean)) and datelines.first_date(d["date"]):
            if record.date is None:
                record.date = datelines.first_date(d["date"])[0]  # type: ignore[index]
                record.place = d["place"]
            record.apparatus.append(("dateline", None, clean))
        else:
            break
        drop.add(n)
    if record.date is None and file_date:
        record.date = file_date
    notes_at = _footnotes(lines, record, drop)
    for n, line in lines:
        if n not in drop and DISTRIBUTION.match(line):
            record.apparatus.append(("distribution", None, line))
            drop.add(n)
    record.body = split_numbered(body_lines(text, 1, drop))
    if record.body and (t := TELEGRAM_NO.match(record.body[0].text)):
        record.idnos.append(("telegram", t["n"]))
    if heading_note is not None and notes_at:  # it is the first note; the header keeps it
        record.apparatus.append(("footnote", str(heading_note), notes_at.pop(0)))
    moved = _unglue_markers(record, notes_at, heading_note)
    _page_breaks(record)
    diags = []
    if moved:
        diags.append(
            info(
                "convert:footnotes",
                f"{moved} footnote marker(s) glued to words were taken off the text; each "
                "note is placed at its marker (note[@type='footnote'][@n])",
                file=name,
            )
        )
    return record, diags


def _footnotes(lines: list[tuple[int, str]], record: Record, drop: set[int]) -> list[str]:
    """The numbered notes that end the page (after the signature): their texts. The
    current site lists them as "- text↩", the older ones as "1. text"."""
    found: list[tuple[int, str, int | None]] = []
    for n, line in reversed(lines):
        m = NOTE.match(line) or ARROW_NOTE.match(line)
        if not m or len(found) > 60:
            break
        found.append((n, m["text"], int(m["n"]) if "n" in m.groupdict() else None))
    found.reverse()
    if not found or NOTE.match(lines[0][1]):
        return []
    numbers = [number for _, _, number in found]
    if None in numbers or numbers == list(range(numbers[0] or 0, (numbers[0] or 0) + len(numbers))):
        drop.update(n for n, _, _ in found)
        return [t for _, t, _ in found]
    return []


def _markers(text: str) -> list[tuple[int, int, int]]:
    """(start, end, number) of the possible footnote markers of ``text``, in order."""
    found = {m.start("n"): (m.start("n"), m.end("n"), int(m["n"])) for m in GLUED.finditer(text)}
    for m in (*AFTER_PUNCT.finditer(text), *AFTER_WORD_PUNCT.finditer(text)):
        if not NOT_MARKED.search(text[max(0, m.start("n") - 6) : m.start("n")]):
            found.setdefault(m.start("n"), (m.start("n"), m.end("n"), int(m["n"])))
    for m in IN_DAY.finditer(text):
        if int(m["day"] + m["n"]) > 31 and 1 <= int(m["day"]) <= 31:
            found[m.start("n")] = (m.start("n"), m.end("n"), int(m["n"]))
    return sorted(found.values())


def _unglue_markers(record: Record, notes: list[str], after: int | None = None) -> int:
    """Take the markers off the text, in order and numbered consecutively (a number may
    repeat), and put each note at its marker: a zero-width ``note`` mark of the block
    (a repeated marker points to the note with ``ptr``). Notes whose marker the text
    lacks stay in the header's notesStmt. ``after``: the heading's marker (its note is
    the header's; the body's markers go on from it)."""
    if not notes:
        return 0
    expected: int | None = None if after is None else after + 1
    placed: set[int] = set()
    index = moved = 0
    blocks: list[Block] = []
    for block in record.body:
        text, out, last, marks, pos = block.text, [], 0, list(block.marks), 0
        for start, end, number in _markers(text):
            repeat = number in placed and number == (expected or 0) - 1
            if not repeat and (
                index >= len(notes) or (expected is not None and number != expected)
            ):
                continue
            out.append(text[last:start])
            pos += start - last
            last = end
            moved += 1
            if repeat:
                target = (("target", f"#fn{number}"),)
                marks.append(Mark(pos, pos, "ptr", target, "frus.footnote", empty=True))
            else:
                attrs: tuple[tuple[str, str], ...] = (("type", "footnote"), ("n", str(number)))
                attrs += (("place", "foot"), (XML_ID, f"fn{number}"))
                marks.append(
                    Mark(pos, pos, "note", attrs, "frus.footnote", empty=True, text=notes[index])
                )
                index += 1
                expected = number + 1
                placed.add(number)
        out.append(text[last:])
        blocks.append(Block("".join(out), block.line, tuple(marks)))
    record.body = blocks
    for extra in notes[index:]:
        record.apparatus.append(("footnote", None, extra))
    return moved


def _page_breaks(record: Record) -> None:
    """``[Page 564]`` -> a ``pb`` mark over it; a block that is only the page number
    gives its break to the next block (a page break is not a paragraph)."""
    carry: Mark | None = None
    blocks: list[Block] = []
    for block in record.body:
        marks = [*block.marks, *([carry] if carry else [])]
        found = list(PAGE_N.finditer(block.text))
        alone = len(found) == 1 and found[0].group(0) == block.text.strip()
        if alone and block is not record.body[-1]:
            carry = Mark(0, 0, "pb", (("n", found[0]["n"]),), "frus.page", empty=True)
            continue
        carry = None
        for m in found:
            marks.append(Mark(m.start(), m.end(), "pb", (("n", m["n"]),), "frus.page", empty=True))
        blocks.append(Block(block.text, block.line, tuple(marks)))
    record.body = blocks
