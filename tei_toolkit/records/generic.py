"""The generic reader: any memo, letter, cable or minutes. It looks for the document's own
metadata at the top (title, dateline, From/To, classification, file numbers) and its
apparatus at the bottom (distribution lists, cipher groups, typing trailers), and keeps
both out of the body."""

from __future__ import annotations

import re

from ..diagnostics import Diagnostic, info
from ..model import Block, Record
from . import datelines, language
from .blocks import body_lines, lines_of, split_numbered
from .common import (
    CLASSIFICATION_FIRST,
    FILE_NUMBER,
    PRECEDENCE,
    SALUTATION,
    add_classification,
    heading_like,
    is_classification,
    is_navigation,
    label_of,
)
from .endmatter import SIGNATURE, addressee_of, read_bottom
from .labels import metadata_label, take_label

NAME = "generic"
TOP = 40  # lines searched for the document's own metadata
CLASS_SUFFIX = re.compile(
    r"^(?P<number>(?:К|No\.?|Nr\.?|N[º°]|№)\s*№?\s*[\w/.-]+)\s+(?P<marking>\D{6,40})$"
)


def detect(text: str) -> float:
    return 0.1  # the fallback: any text


def read(text: str, name: str) -> tuple[Record, list[Diagnostic]]:
    record = Record(layout=NAME, source_name=name)
    lines = lines_of(text)
    drop, start = read_top(lines, record, alone_lines(text))
    sentences = record.fields.pop("_sentences", "")
    if record.title is None:
        first_line_title(record, text, drop)
    if record.title is None and sentences:
        pairs = [line.split("\t", 1) for line in sentences.split("\n")]
        titles = [(int(n), t) for n, t in pairs if one_phrase(t)]
        choose_title(record, titles, drop)
    if len(lines) == 1 and len(lines[0][1]) > 150:  # one run-on line: no heading of its own
        if record.title == lines[0][1]:
            record.title = None
            drop.discard(lines[0][0])
        dateline = run_on_top(record, lines[0][1])
    else:
        dateline = None
    tail = read_bottom(lines, record, start)
    drop |= tail
    record.body = split_numbered(body_lines(text, 1, drop))
    if dateline and record.body and record.body[0].text.startswith(dateline):
        first = record.body[0]  # the date it opens with is the dateline, moved to the header
        record.body[0] = Block(first.text[len(dateline) :].lstrip(), first.line)
        record.apparatus.append(("dateline", None, dateline))
    if record.date is None and record.body:
        record.date = described_date(record.body[0].text)
    notes = [
        info(
            "convert:generic-layout",
            "no archive layout recognised; read with the generic reader "
            f"(title: {record.title!r}, date: {record.date!r})",
            file=name,
            line=1,
        )
    ]
    return record, notes


DESCRIBED = re.compile(r"\b(?:dated|datiert(?:\s+vom)?|datée?\s+du|fechad[oa](?:\s+el)?)\s+", re.I)


def described_date(text: str) -> str | None:
    """A catalogue's description of the document: "... dated 15 May 1945." """
    for m in DESCRIBED.finditer(text[:1500]):
        found = datelines.first_date(text[m.end() : m.end() + 40])
        if found and text[m.end() :].startswith(found[0]):
            return found[0]
    return None


def one_phrase(line: str) -> bool:
    """A title may end in a full stop, but is not two sentences ("... telegram.1 It was")."""
    return not re.search(r"\w[.!?]\d{0,2}\s+[A-ZА-Я]", line)


def alone_lines(text: str) -> set[int]:
    """Line numbers of lines that are a block by themselves (blank lines around)."""
    raw = text.split("\n")
    return {
        i + 1
        for i, line in enumerate(raw)
        if line.strip()
        and (i == 0 or not raw[i - 1].strip())
        and (i + 1 == len(raw) or not raw[i + 1].strip())
    }


# a heading in capitals inside a run-on line: three words or more
CAPS_HEADING = re.compile(
    r"(?<![\w’'])(?P<h>[A-Z][A-Z’'-]+(?:\s+(?:[A-Z][A-Z’'-]+|OF|THE|WITH|AND|ON|TO|FOR|BY|IN)){2,11})"
    r"(?![\w’'])"
)


def run_on_top(record: Record, line: str) -> str | None:
    """A record that is one long line (OCR that lost its line breaks: "May 15, 1957
    MEMORANDUM OF CONFERENCE WITH THE PRESIDENT May 15, 1957 Others present: ..."): the
    date it opens with (its dateline: returned, for the reader to move to the header), and
    the heading in capitals near its start (which stays text)."""
    found = datelines.first_date(line[:80])
    taken = None
    if record.date is None and found and line.startswith(found[0]):
        record.date = taken = found[0]
    m = CAPS_HEADING.search(line[:300])
    if record.title is None and m and not datelines.first_date(m["h"]):
        record.title = m["h"]
    return taken  # the dateline it opens with, or None


def first_line_title(record: Record, text: str, drop: set[int]) -> None:
    """The old rule, last: a short first block of one line that ends in no full stop."""
    raw = text.split("\n")
    first = next((i for i, line in enumerate(raw, 1) if line.strip() and i not in drop), None)
    if first is None or first in drop:
        return
    line = raw[first - 1].strip()
    alone = first == len(raw) or not raw[first].strip()
    if alone and len(line) < 120 and not line.endswith(".") and not body_like(line):
        record.title = line
        drop.add(first)


def read_top(lines: list[tuple[int, str]], record: Record, alone: set[int]) -> tuple[set[int], int]:
    """Read the metadata lines at the top into ``record``; return the line numbers taken
    out of the body and the line where the body starts."""
    drop: set[int] = set()
    candidates: list[tuple[int, str]] = []
    start: int | None = None
    wrapped = wrapped_lines(lines)
    seen_label = False
    dateline_at = 0
    number = "-"  # a series' number on a line of its own, for the heading after it
    for idx, (n, line) in enumerate(lines[:TOP]):
        clean = line.strip(" #*")
        if is_navigation(clean) or not clean:
            drop.add(n)
        elif is_classification(clean) and (clean.isupper() or n in alone):
            add_classification(record, clean)
            drop.add(n)
        elif PRECEDENCE.match(clean):
            record.apparatus.append(("precedence", None, clean))
            drop.add(n)
        elif fm := FILE_NUMBER.match(clean):
            record.idnos.append(("file", fm["number"]))
            drop.add(n)
        elif (
            record.title is None
            and idx < 4
            and (dh := NUMBERED_HEADING.match(clean) or NUMBERED_HEADING.match(f"{number} {clean}"))
        ):
            record.title = clean  # "147 Evatt to Officer": a documents series' heading
            if ("document", dh["n"]) not in record.idnos:
                record.idnos.append(("document", dh["n"]))
            record.sender = record.sender or dh["from"]
            record.addressee = record.addressee or dh["to"]
            drop.add(n)
        elif SALUTATION.match(clean):
            start = n
            record.addressee = record.addressee or addressee_of(clean)
            break
        elif (
            (lab := label_of(clean))
            and metadata_label(lab, idx, lines)
            and take_label(record, *lab)
        ):
            drop.add(n)
            seen_label = seen_label or bool(lab[1])
        elif (marked := CLASS_SUFFIX.match(clean)) and is_classification(marked["marking"]):
            add_classification(record, marked["marking"])
            record.idnos.append(("number", marked["number"]))
            drop.add(n)
        elif (numbered := DOC_NUMBER.match(clean)) and not (
            numbered["n3"] and numbered["ref"] and any(datelines.find_dates(clean))
        ):  # "No. 24 NAI DFA/10/P/215", "618. DEA/12447-40" (not "20 January 1940")
            record.idnos.append(("document", numbered["n"] or numbered["n2"] or numbered["n3"]))
            if numbered["n3"] and not numbered["ref"]:
                number = numbered["n3"]  # "27" / "D'Alton to Evatt": the series' heading follows
            if numbered["ref"]:
                record.idnos.append(("archive", numbered["ref"]))
            drop.add(n)
        elif BOOK_PART.match(clean) and len(clean) < 160:
            record.apparatus.append(("book-part", None, clean))  # marked: it names things
            drop.add(n)
        elif (hansard := HANSARD.match(clean)) and record.citation is None:
            record.citation = clean  # "HC Deb 10 February 1960 vol 617 cc444-5"
            record.date = record.date or hansard["date"]
            drop.add(n)
        elif IDENTIFIER.match(clean):  # "dodis.ch/44005": the edition's own address
            record.idnos.append(("URI", clean))
            drop.add(n)
        elif (bracketed := MARKINGS.match(clean)) and is_classification(bracketed["first"]):
            add_classification(record, bracketed["first"])  # "(Confidential) (Copy)"
            record.apparatus.append(("heading", None, clean))
            drop.add(n)
        elif take_dateline(record, clean):
            drop.add(n)
            dateline_at = dateline_at or n
        elif idx < 3 and CORRESPONDENCE.match(clean) and len(clean) < 200:
            candidates.append((n, clean.rstrip(".")))  # "Mr. Hay to Mr. Clayton."
        elif body_like(clean) or seen_label:
            start = n
            break
        elif n in wrapped or UNTITLED.match(clean):
            if n in wrapped and candidates and prose(clean):
                start = n
                break  # a hard-wrapped paragraph: the text has begun
        elif candidates and DANGLING.search(candidates[-1][1]) and n == candidates[-1][0] + 1:
            candidates.append((n, clean))  # the rest of a wrapped heading ("Paris 1")
        elif heading_like(clean) or (
            not candidates and n in alone and len(clean) < 60 and not label_of(clean)
        ):
            candidates.append((n, clean))
        elif idx >= 3 and candidates and prose(clean):
            start = n
            break
    before = [c for c in candidates if c[0] < dateline_at] or candidates
    before = join_wrapped(before, drop)
    corresp = [c for c in before if CORRESPONDENCE.match(c[1])]
    if corresp and record.title is None:
        n, title = corresp[0]
        record.title = title
        heading = CORRESPONDENCE.match(title)
        assert heading is not None
        sender, addressee = sides(heading)
        record.sender = record.sender or sender
        record.addressee = record.addressee or addressee
        drop.add(n)
    headings = [c for c in before if not c[1].endswith((".", "!", "?"))]
    standing = [c for c in headings if c[0] in alone and not foreign_heading(c[1], lines)]
    named = [c for c in standing if not (SIGNATURE.match(c[1]) and len(standing) > 1)]
    dated = [c for c in before if ends_with_date(c[1])]
    choose_title(record, dated[:1] or named[:1] or headings, drop)
    record.fields["_sentences"] = "\n".join(
        f"{n}\t{t}" for n, t in before if (n, t) not in headings
    )
    if start is None:
        start = next((n for n, _ in lines if n not in drop), lines[-1][0] if lines else 1)
    for n, line in candidates:
        if (
            n not in drop
            and record.sender is None
            and SIGNATURE.match(line)
            and len(line) < 40
            and not MARKING_WORDS & set(line.upper().split())  # "IMPORTANT CONFIDENTIAL"
        ):
            if _inside_address(lines, n):
                # "Mr. Lech Walesa / Chairman of NSZZ / in Gdansk / Dear Chief:": the
                # addressee by name (not the salutation's "Chief"); the text keeps it
                record.addressee = line
                continue
            record.sender = line  # a bare name above the title: the author
            drop.add(n)
    if record.date is None:
        first_date_near_top(record, [(n, t) for n, t in lines if n < start] + candidates)
    return drop, start


def _inside_address(lines: list[tuple[int, str]], n: int) -> bool:
    """Line ``n`` opens a letter's inside address: a salutation follows within four
    lines. The name is the addressee's (the text keeps it), not the author's."""
    at = next((k for k, (m, _) in enumerate(lines) if m == n), None)
    return at is not None and any(SALUTATION.match(t) for _, t in lines[at + 1 : at + 5])


# words of the markings a cablegram carries above its text, which no sender's name has
MARKING_WORDS = frozenset(
    "IMPORTANT CONFIDENTIAL SECRET URGENT PRIORITY IMMEDIATE RESTRICTED PERSONAL CLEAR"
    " UNCLASSIFIED".split()
)
# A documents series' numbered heading "N Sender to Addressee" ("147 Evatt to Officer",
# "468 Department of External Affairs to Hodgson"): short, capitalised sides, no full stop
NUMBERED_HEADING = re.compile(
    r"^(?P<n>\d{1,4})\s+(?P<from>[A-Z][\w.’'-]*(?:\s+[\w.’'-]+){0,8}?)\s+to\s+"
    r"(?P<to>[A-Z][\w.’'-]*(?:\s+[\w.’'-]+){0,8})$"
)
CORRESPONDENCE = re.compile(
    r"^(?P<from>(?:The|Mr\.|Mrs\.|President|Secretary|Ambassador|Chancellor|Prime Minister|Chairman"
    r"|Comrade|Marshal|General)(?:\b|(?<=\.)).{3,200}?)\s+to\s+(?P<to>(?:the|Mr\.|Mrs\.|President|Secretary"
    r"|Ambassador|Chancellor|Prime Minister|Chairman|Comrade|Marshal|General|Senator)(?:\b|(?<=\.)).{3,200}?)"
    r"\.?$"  # "Mr. Hay to Mr. Clayton." (older volumes end the heading with a full stop)
    # the same heading in French, German and Spanish: "La Division ... à la Légation ...",
    # "Der Botschafter ... an den ...", "El Embajador ... al Ministro ..."
    r"|^(?P<fr_from>(?:Le|La|Les|L[’'])\s?\w.{3,200}?)\s+(?:à|aux?)\s+(?P<fr_to>(?:la|le|les|l[’'])\s?\w.{3,200})$"
    r"|^(?P<de_from>(?:Der|Die|Das)\s.{3,200}?)\s+an\s+(?P<de_to>(?:den|die|das)\s.{3,200})$"
    r"|^(?P<es_from>(?:El|La|Los|Las)\s.{3,200}?)\s+(?:al?)\s+(?P<es_to>(?:la|el|los|las)?\s?[A-ZÁÉÍÓÚ].{3,200})$"
)
DANGLING = re.compile(
    r"\b(?:by|of|to|from|the|and|with|between|in|on|for|at|de|du|des|der|die|des|и|в|на"
    r"|à|au|aux|la|le|an|zu|von|für|den|al|del|el)$"
)
TRAILING_MARKER = re.compile(r"(?<=[^\W\d_])\s\d{1,2}$")  # "... à Paris 1": a footnote's marker
DOC_NUMBER = re.compile(
    r"^(?:(?:Doc(?:ument)?\.?\s*)?No\.\s*(?P<n>\d{1,5})"
    r"|(?:N[º°]|№|Nr\.?)\s*(?P<n2>\d{1,5})"  # "Nº 3"
    r"|(?!(?:1[5-9]|20)\d\d\b)(?P<n3>\d{1,4})\.?)"  # "16", "618.": a series' number
    r"(?:\s+(?P<ref>[A-Z][^.!?]{1,60}))?$"
)
# The parts of the book a document is printed in ("Chapter V - Western Europe", "Part 2",
# "Section A - Visit of ..."): kept in the header, no title
BOOK_PART = re.compile(
    r"^(?:Chapter|Part|Section|Book|Volume|Kapitel|Teil|Abschnitt|Capítulo|Parte|Sección"
    r"|Chapitre|Partie)\s+(?:[IVXLC]+|\d+|[A-Z])\b(?:\s*[-–—:.]\s*.*)?$"
)
# Hansard's citation of a sitting: "HL Deb 30 July 1956 vol 199 cc380-4"
HANSARD = re.compile(
    r"^(?:HC|HL) Deb (?P<date>[0-3]?\d \w+ \d{4}) vol \d+ (?:cc?|col{1,2}s?\.?)\s?[\d–-]+\w*$"
)
IDENTIFIER = re.compile(
    r"^(?:https?://)?(?:www\.)?[a-z][\w-]*(?:\.[a-z][\w-]*)+/[\w./?=&-]*\d[\w./-]*$"
)
MARKINGS = re.compile(r"^\((?P<first>[^()]{3,30})\)(?:\s*\([^()]{2,30}\))*$")


def sides(heading: re.Match) -> tuple[str, str]:
    """The sender and the addressee of a CORRESPONDENCE heading, whatever its language."""
    for lang in ("", "fr_", "de_", "es_"):
        if heading[lang + "from"]:
            return heading[lang + "from"], heading[lang + "to"]
    raise ValueError("not a correspondence heading")


def join_wrapped(candidates: list[tuple[int, str]], drop: set[int]) -> list[tuple[int, str]]:
    """Heading lines wrapped in the middle ("... Ambassador in the" / "Soviet Union
    (Schulenburg)"): one candidate, on the first line (the second is dropped)."""
    out: list[tuple[int, str]] = []
    for n, line in candidates:
        if out and DANGLING.search(out[-1][1]) and n == out[-1][0] + 1 + out[-1][1].count("\n"):
            out[-1] = (out[-1][0], out[-1][1] + " " + TRAILING_MARKER.sub("", line))
            drop.add(n)
        else:
            out.append((n, line))
    return out


def foreign_heading(line: str, lines: list[tuple[int, str]]) -> bool:
    """A heading in another language than the text: the site's navigation ("Briefe und
    Mitteilungen" over a Spanish letter)."""
    words = set(re.findall(r"[^\W\d_]+", line.lower()))
    text_lang = language.detect(" ".join(t for _, t in lines[:60]))
    for lang, stop in language.STOPWORDS.items():
        if (
            lang != text_lang
            and text_lang in language.STOPWORDS
            and words & stop - language.STOPWORDS[text_lang]
        ):
            return True
    return False


UNTITLED = re.compile(
    r"^[(\[]?(?:untitled|no title|ohne titel|sans titre|sin título|без названия|无题)[)\]]?$", re.I
)


def ends_with_date(line: str) -> bool:
    """ "Tagebuchnotiz Dr. Koppe, 28. Juli 1971": a heading that carries the date."""
    hits = list(datelines.find_dates(line))
    return bool(hits) and hits[-1][1] >= len(line) - 2 and hits[-1][0] > 3


def wrapped_lines(lines: list[tuple[int, str]]) -> set[int]:
    """Lines of hard-wrapped paragraphs: in a run of three or more adjacent lines, the
    long ones (a typewriter's or a web copy's line width) and those ending mid-phrase."""
    out: set[int] = set()
    run: list[tuple[int, str]] = []
    for n, line in [*lines, (-9, "")]:
        if run and n == run[-1][0] + 1:
            run.append((n, line))
            continue
        if len(run) >= 3:
            long = [m for m, t in run if 50 <= len(t) <= 90]
            if len(long) >= 2:
                out.update(long)
                out.update(m for m, t in run if t.endswith((",", ";", "-", "–")))
        run = [(n, line)]
    return out


def prose(line: str) -> bool:
    """A line of running text (not a short heading such as "Telegram" or "V e r m e r k")."""
    return len(line.split()) >= 6 or (len(line) > 30 and line.endswith((".", ":", ";")))


def body_like(line: str) -> bool:
    if len(line) > 250 or (len(re.findall(r"[\u3400-\u9fff]", line)) > 60):
        return True
    numbered = re.match(r"^(?:\d{1,3}|[a-z])[.)]\s+\S|^[（(][一二三四五六七八九十]+[）)]", line)
    return bool(numbered) and len(line) > 25


def take_dateline(record: Record, line: str) -> bool:
    """A line that is a date, or a place and a date ("Bonn, den 18. März 1991",
    "La Habana, 26 de Octubre. 1962", "Arkhangel-14 Octobre 1918 – 2C.3C")."""
    hits = list(datelines.find_dates(line))
    if len(hits) != 1 or len(line) > 90:
        return False
    s, e, _ = hits[0]
    before, after = line[:s].strip(" ,-–—(（"), line[e:].strip(" .,)）")
    words = before.split()
    joined = re.search(r"\b(?:den|le|el|am|de|à|в|г\.)$", before)
    if len(words) > (4 if joined else 2) or len(after.split()) > 3:
        return False
    if record.date is None:
        record.date = line[s:e]
        place = re.sub(r",?\s*(?:den|le|el|am)$", "", before).strip(" ,-–")
        marked = CLASSIFICATION_FIRST.match(place)
        if marked:  # "CONFIDENTIAL [Ottawa]": the marking, then the place the editor supplied
            add_classification(record, marked["marking"])
            place = place[marked.end() :]
        if not place and after.startswith("(") and not is_classification(after.strip("()")):
            place = after  # "22. Februar 1946 (Rhöndorf)": the place after the date
        record.place = re.sub(r"^\[([^\[\]]+)\]$", r"\1", place).strip(" ,()") or None
    record.apparatus.append(("dateline", None, " ".join(line.split())))  # as written: kept
    return True


def choose_title(record: Record, candidates: list[tuple[int, str]], drop: set[int]) -> None:
    """The longest heading-like line before the text (a bare name line is the author's);
    a date at its end is the document's date."""
    if not candidates:
        return
    n, title = max(candidates, key=lambda c: len(c[1]))
    hits = list(datelines.find_dates(title))
    if hits and hits[-1][1] >= len(title) - 3 and hits[-1][0] > len(title) / 2:
        s, e, _ = hits[-1]
        if record.date is None:
            record.date = title[s:e]
        if not re.search(r"[(,]\s*$", title[:s]):
            title = title[:s].rstrip(" .,;–-")
    if record.title is None:
        record.title = title
        drop.add(n)


def first_date_near_top(record: Record, lines: list[tuple[int, str]]) -> None:
    for _, line in lines[:12]:
        found = datelines.first_date(line)
        if found:
            record.date = found[0]
            return
