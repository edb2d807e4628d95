"""United Nations documents (the Official Document System, the UN Digital Library): the
document's masthead, then its title and text.

Letter dated 20 January 2011 from ... (A/65/695–S/2011/31)   a page title with the symbol
United Nations                               the masthead (kept in the text: the organs
A/65/695–S/2011/31                           and agenda lines are read as written)
General Assembly / Security Council          the organs
Distr.: General                              distribution (a note)
25 January 2011                              the date of issue: the document's date
Original: English                            the original language (a note)
Sixty-fifth session / Agenda item 43 ...     session, agenda item and its title
Letter dated ... from X addressed to Y       the title: sender and addressee
"""

from __future__ import annotations

import re

from ..diagnostics import Diagnostic
from ..model import Record
from . import datelines
from .blocks import body_lines, lines_of, split_numbered
from .endmatter import read_bottom

NAME = "un"
# A/65/695, S/2011/31, E/CN.4/2005/L.10, A/RES/60/1, ST/SGB/2004/11; two joined by a dash
_ONE = r"(?:A|S|E|ST|CRC|CCPR|CERD|CEDAW|UNEP|TD|DP|HRC|CAT|ICCPR|[A-Z]{2,6})/(?:[A-Z0-9.()-]+/)*[A-Z0-9.()-]*\d[A-Z0-9.()-]*"
SYMBOL = re.compile(rf"^(?P<symbols>{_ONE}(?:\s*[–—-]\s*{_ONE})*)$")
TITLE_SYMBOL = re.compile(
    rf"^(?P<title>.{{10,}}?)\s*\((?P<symbols>{_ONE}(?:\s*[–—-]\s*{_ONE})*)\)$"
)
DISTR = re.compile(
    r"^(?:Distr\.?|Distribution)\s*:?\s*(?P<kind>(?:General|Limited|Restricted)\b.*)?$", re.I
)
KIND = re.compile(r"^(?:General|Limited|Restricted)$", re.I)  # "Distr." on the line above
ORIGINAL = re.compile(r"^Original\s*:\s*(?P<lang>[A-Z][a-z]+(?:/[A-Z][a-z]+)*)$")
MASTHEAD = re.compile(r"^(?:United\s+Nations|Nations\s+Unies|Naciones\s+Unidas)$", re.I)
# the imprint of a printed report: its year, when the document gives no other date
IMPRINT = re.compile(r"^United Nations\s*[•·,]\s*(?P<place>[A-Z][\w .]+?),\s*(?P<year>\d{4})$")
SIGNED = re.compile(r"^\(\s*Signed\s*\)\s*(?P<name>\S.{2,60})$")
# "Letter dated ... from the Permanent Representative of Cyprus ... addressed to the
# Secretary-General", "Note verbale dated ... from the Permanent Mission of ..."
LETTER = re.compile(
    r"^(?:Identical\s+)?(?:[Ll]etters?|[Nn]ote verbale|[Nn]ote)\s+dated\s+(?P<date>.+?\d{4})"
    r"\s+from\s+(?P<from>.+?)\s+addressed\s+to\s+(?P<to>.+?)\.?$"
)
# a title of another kind: short, no full stop at its end, not a sentence of the text
TITLE_WORDS = re.compile(
    r"^(?:Letter|Identical letters|Note|Report|Resolution|Decision|Draft|Statement|Provisional"
    r"|Summary record|Verbatim record|Annex|Memorandum|Message|Communication)\b"
)


def _symbols(text: str) -> list[str]:
    return [
        s.strip() for s in re.split(r"\s*[–—]\s*|\s+-\s+|(?<=\d)-(?=[A-Z]/)", text) if s.strip()
    ]


def detect(text: str) -> float:
    lines = [line for _, line in lines_of(text[:5000])][:30]
    distr = any(DISTR.match(line) for line in lines)
    symbol = any(SYMBOL.match(line) or TITLE_SYMBOL.match(line) for line in lines)
    masthead = any(MASTHEAD.match(line) for line in lines) or any(
        a.upper() == "UNITED" and b.upper() == "NATIONS" for a, b in zip(lines, lines[1:])
    )
    original = any(ORIGINAL.match(line) for line in lines)
    if distr and (symbol or original):
        return 0.9
    if symbol and (masthead or original):
        return 0.7
    return 0.0


def read(text: str, name: str) -> tuple[Record, list[Diagnostic]]:
    record = Record(layout=NAME, source_name=name)
    lines = lines_of(text)
    drop: set[int] = set()
    head = lines[:30]
    if head and (m := TITLE_SYMBOL.match(head[0][1])):  # the page's title, its symbol after it
        record.title = m["title"]
        _add_symbols(record, m["symbols"])
        drop.add(head[0][0])
    title_at = None
    for k, (n, line) in enumerate(head):
        if n in drop:
            continue
        if m := SYMBOL.match(line):
            _add_symbols(record, m["symbols"])
            drop.add(n)
        elif DISTR.match(line) or ORIGINAL.match(line):
            note = line
            if DISTR.match(line) and k + 1 < len(head) and KIND.match(head[k + 1][1]):
                note = f"{line} {head[k + 1][1]}"  # "Distr." / "GENERAL"
                drop.add(head[k + 1][0])
            record.apparatus.append(("metadata", None, note))
            drop.add(n)
        elif title_at is None and record.date is None and _date_only(line):
            record.date = line  # the date of issue, in the masthead above the title
            drop.add(n)
        elif (
            title_at is None and (LETTER.match(line) or TITLE_WORDS.match(line)) and len(line) < 300
        ):
            title_at = k
    if title_at is not None:
        heading = head[title_at][1]
        if record.title is None:
            record.title = heading
            drop.add(head[title_at][0])  # (a page title above it keeps the heading as text)
        if m := LETTER.match(heading):
            record.sender = _bare(m["from"])
            record.addressee = _bare(m["to"])
            if record.date is None:
                record.date = m["date"]
    if record.date is None:
        for _n, line in head:
            if m := IMPRINT.match(line):
                record.date, record.place = m["year"], m["place"]
                break
    sender = record.sender or next(
        (m["name"] for _, line in lines[-12:] if (m := SIGNED.match(line))), None
    )
    drop |= read_bottom(lines, record, lines[0][0] if lines else 1)
    record.sender = sender  # not a short last line taken for a signature (a cut copy)
    record.body = split_numbered(body_lines(text, 1, drop))
    return record, []


def _date_only(line: str) -> bool:
    """A line that is one date and nothing else ("1 February 2010"), not a period."""
    found = datelines.normalize(line)
    return found is not None and "when" in found and len(line) <= 30


def _add_symbols(record: Record, text: str) -> None:
    for symbol in _symbols(text):
        if ("UN-symbol", symbol) not in record.idnos:
            record.idnos.append(("UN-symbol", symbol))


def _bare(text: str) -> str:
    """The sender or addressee without the article or a trailing symbol."""
    text = re.sub(r"\s*\([^)]*\)$", "", text.strip())
    return re.sub(r"^(?:the|The)\s+", "", text)
