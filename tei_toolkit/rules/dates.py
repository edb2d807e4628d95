"""Calendar dates -> ``date`` marks with normalised ``@when`` / ``@from`` + ``@to``.

One scanner with a table of formats, tried in order (longest forms first); a span
taken by an earlier format is not offered again, so the rule never overlaps itself.
Relative dates ("the 14th of the same month", "the next day", "of this year") are
resolved from the previous date of the record section (``ctx.memory.last_date``) or the
record's own date. Numbers that only look like years (counts, page, issue and file
numbers) are refused by the guards of ``_year``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date as _date
from datetime import timedelta

from ..model import Mark
from ._spans import SpanIndex
from .base import Context

MONTHS = {
    m.lower(): i
    for i, m in enumerate(
        "January February March April May June July August September October November "
        "December".split(),
        1,
    )
}
MONTH_ABBR = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
ROMAN = {
    "I": 1,
    "II": 2,
    "III": 3,
    "IV": 4,
    "V": 5,
    "VI": 6,
    "VII": 7,
    "VIII": 8,
    "IX": 9,
    "X": 10,
    "XI": 11,
    "XII": 12,
}
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
WEEKDAY = rf"(?:{'|'.join(WEEKDAYS)})"

_MONTH_FULL = "|".join(m.capitalize() for m in MONTHS) + "|" + "|".join(m.upper() for m in MONTHS)
_MONTH_SHORT = (
    "|".join(a.capitalize() for a in MONTH_ABBR) + "|" + "|".join(a.upper() for a in MONTH_ABBR)
)
MON = rf"(?P<mon>(?:{_MONTH_FULL})\b|(?:{_MONTH_SHORT})\.)"
MON2 = MON.replace("?P<mon>", "?P<mon2>")
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
DAY2 = DAY.replace("?P<day>", "?P<day2>")
YEAR = r"(?P<year>[12]\d{3})(?![\d/])"
YEAR2 = YEAR.replace("?P<year>", "?P<year2>")
WD = rf"(?:{WEEKDAY},?\s+)?"
NOT_NUM_BEFORE = r"(?<![\d.,/\-–#№])"
DASH = r"\s*[-–—]\s*"
OF_THIS_YEAR = r"(?P<rel>\s+of\s+(?:this|the\s+same|that)\s+year)"

# Words after a bare four-digit number that show it is a count, not a year.
YEAR_OK_AFTER = re.compile(
    r"^(?:[\s]*$|[\s]*[^\w\s]|\s+(?:the|and|or|to|in|on|at|by|for|was|were|when|with|as|after|"
    r"before|until|till|he|she|it|they|we|i|a|an|of|from|is|are|had|has|but|there|this|that|"
    r"which|while|during|onwards?|onward|through|edition|session|elections?|plan|budget|"
    r"report|census|campaign|agreement|treaty|protocol)\b)"
)
YEAR_BAD_BEFORE = re.compile(
    r"(?:\b(?:No|Nos|Nº|nr|p|pp|page|pages|vol|fond|f|opis|op|delo|d|list|l|papka|file|"
    r"tel|Embtel|Deptel|despatch|telegram|number|numbers|code|room|box|folder|item|ll|art|"
    r"article|paragraph|para|point|doc|dok|per)\.?\s*|[#№$£€]\s*|,\s*)$",
    re.I,
)


def _iso(y: int, m: int | None = None, d: int | None = None) -> str | None:
    try:
        if d is not None and m is not None:
            return _date(y, m, d).isoformat()
    except ValueError:
        return None
    if m is not None:
        return f"{y:04d}-{m:02d}" if 1 <= m <= 12 else None
    return f"{y:04d}"


def _month(s: str) -> int:
    s = s.rstrip(".").lower()
    return MONTHS.get(s) or MONTH_ABBR[s[:4] if s[:4] == "sept" else s[:3]]


def _anchor(ctx: Context | None) -> str | None:
    if ctx is None:
        return None
    return ctx.memory.last_date or ctx.record_date


def _anchor_year(ctx: Context | None) -> int | None:
    a = _anchor(ctx)
    return int(a[:4]) if a and a[:4].isdigit() else None


def _record_year(ctx: Context | None) -> int | None:
    a = ctx.record_date if ctx else None
    return int(a[:4]) if a and a[:4].isdigit() else _anchor_year(ctx)


def _two_digit_year(yy: str, ctx: Context | None) -> int:
    base = _record_year(ctx) or 1950
    return min((c + int(yy) for c in (1800, 1900, 2000)), key=lambda y: abs(y - base))


def _year_of(g: dict, ctx: Context | None, key: str = "year") -> int | None:
    if g.get(key):
        return int(g[key])
    if g.get("rel"):
        return _record_year(ctx)
    return _anchor_year(ctx)


# --- converters: match groups + context -> attrs (or None to refuse) ---------------
Attrs = dict[str, str]


def _day_month_year(g: dict, ctx) -> Attrs | None:
    y = _year_of(g, ctx)
    guessed = ctx.year_hint if y is None and ctx is not None else None
    if guessed:  # the year the record's own full dates give, flagged as a guess
        v = _iso(guessed, _month(g["mon"]), int(g["day"]))
        return {"when": v, "cert": "medium"} if v else None
    if y is None:  # no year anywhere: a month and day (xsd:gMonthDay)
        return _month_day(_month(g["mon"]), int(g["day"]))
    v = _iso(y, _month(g["mon"]), int(g["day"]))
    return {"when": v} if v else None


def _month_day(m: int, d: int) -> Attrs | None:
    # 2000 is a leap year, so 29 February passes as a month-day without a year
    return {"when": f"--{m:02d}-{d:02d}"} if _iso(2000, m, d) else None


def _range_days(g: dict, ctx) -> Attrs | None:
    y = _year_of(g, ctx)
    if not y:
        return None
    m2 = _month(g["mon2"])
    m1 = _month(g["mon"]) if g.get("mon") else m2
    a, b = _iso(y, m1, int(g["day"])), _iso(y, m2, int(g["day2"]))
    return {"from": a, "to": b} if a and b and a < b else None


def _range_dates(g: dict, ctx) -> Attrs | None:
    y2 = int(g["year2"])
    y1 = int(g["year"]) if g.get("year") else y2
    a = _iso(y1, _month(g["mon"]), int(g["day"]) if g.get("day") else None)
    b = _iso(y2, _month(g["mon2"]), int(g["day2"]) if g.get("day2") else None)
    return {"from": a, "to": b} if a and b and a < b else None


def _year_to_month(g: dict, ctx) -> Attrs | None:
    a, b = _iso(int(g["year"])), _iso(int(g["year2"]), _month(g["mon2"]))
    return {"from": a, "to": b} if a and b and a < b else None


def _year_range(g: dict, ctx) -> Attrs | None:
    a, y2 = int(g["year"]), g["year2"]
    b = int(y2) if len(y2) == 4 else a // 100 * 100 + int(y2)
    first, last = _iso(a), _iso(b)
    return {"from": first, "to": last} if first and last and a < b <= a + 100 else None


def _month_year(g: dict, ctx) -> Attrs | None:
    y = _year_of(g, ctx)
    v = _iso(y, _month(g["mon"])) if y else None
    return {"when": v} if v else None


def _numeric_dmy(g: dict, ctx) -> Attrs | None:
    y = int(g["year"]) if len(g["year"]) == 4 else _two_digit_year(g["year"], ctx)
    m = ROMAN[g["mon"]] if g["mon"] in ROMAN else int(g["mon"])
    v = _iso(y, m, int(g["day"]))
    return {"when": v} if v else None


def _numeric_us(g: dict, ctx) -> Attrs | None:
    a, b = int(g["a"]), int(g["b"])
    y = int(g["year"]) if len(g["year"]) == 4 else _two_digit_year(g["year"], ctx)
    m, d = (a, b) if a <= 12 else (b, a)
    v = _iso(y, m, d)
    return {"when": v} if v else None


def _iso_date(g: dict, ctx) -> Attrs | None:
    v = _iso(int(g["year"]), int(g["m"]), int(g["d"]))
    return {"when": v} if v else None


def _same_month(g: dict, ctx) -> Attrs | None:
    a = _anchor(ctx)
    if not a or len(a) < 7:
        return None
    v = _iso(int(a[:4]), int(a[5:7]), int(g["day"]))
    return {"when": v} if v else None


def _next_day(g: dict, ctx) -> Attrs | None:
    a = _anchor(ctx)
    if not a or len(a) != 10:
        return None
    step = {"next": 1, "following": 1, "same": 0, "previous": -1, "preceding": -1}
    d = _date.fromisoformat(a) + timedelta(days=step[g["rel"].lower()])
    return {"when": d.isoformat()}


QUARTERS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "last": 4,
}


def _quarter(g: dict, ctx) -> Attrs | None:
    q, y = QUARTERS[g["q"].lower()], int(g["year"])
    end = _date(y, 3 * q, 31 if q in (1, 4) else 30)
    return {"from": _date(y, 3 * q - 2, 1).isoformat(), "to": end.isoformat()}


def _decade(g: dict, ctx) -> Attrs | None:
    y = int(g["year"])
    if y % 10:
        return None
    return {"from": f"{y:04d}", "to": f"{y + 9:04d}"}


def _year(g: dict, ctx) -> Attrs | None:
    y, v = int(g["year"]), _iso(int(g["year"]))
    return {"when": v} if v and 1500 <= y <= 2099 else None


def _check_year(text: str, m: re.Match) -> bool:
    return bool(YEAR_OK_AFTER.match(text[m.end() : m.end() + 16])) and not YEAR_BAD_BEFORE.search(
        text[max(0, m.start() - 12) : m.start()]
    )


FORMATS: tuple[tuple[str, re.Pattern, Callable], ...] = tuple(
    (name, re.compile(rx), fn)
    for name, rx, fn in (
        # 31 October – 3 November 1989 / 27 and 30 November of this year
        (
            "day-range",
            rf"{NOT_NUM_BEFORE}\b{DAY}(?:\s+{MON})?(?:{DASH}|\s+and\s+|\s+to\s+)"
            rf"{DAY2}\s+{MON2}(?:,?\s+{YEAR}|{OF_THIS_YEAR})?",
            _range_days,
        ),
        # January 7 – February 3, 1944
        (
            "month-day-range",
            rf"\b{MON}\s+{DAY}(?:{DASH}|\s+to\s+){MON2}\s+{DAY2},?\s+{YEAR2}",
            lambda g, c: _range_dates({**g, "year": None}, c),
        ),
        # 1946-February 1950
        ("year-month-range", rf"{NOT_NUM_BEFORE}\b{YEAR}{DASH}{MON2}\s+{YEAR2}", _year_to_month),
        # Monday, January 22, 1944 / February 12th 1955 / August 13,1968
        (
            "month-day-year",
            rf"\b{WD}{MON}\s+{DAY}(?![\d:])(?:(?:,\s*|\s+){YEAR}|{OF_THIS_YEAR})?",
            _day_month_year,
        ),
        # 22 January 1944 / the 14th of January 1944 / 18 October
        (
            "day-month-year",
            rf"{NOT_NUM_BEFORE}\b{WD}(?:the\s+)?{DAY}(?:\s+of)?\s+{MON}"
            rf"(?:,?\s+{YEAR}|{OF_THIS_YEAR})?",
            _day_month_year,
        ),
        # the 14th of the same month
        ("same-month", rf"\bthe\s+{DAY}\s+of\s+(?:the\s+same|this|that)\s+month\b", _same_month),
        # the next day
        (
            "next-day",
            r"\b(?:the|that)\s+(?P<rel>next|following|same|previous|preceding)\s+day\b",
            _next_day,
        ),
        # the first quarter of 1990
        (
            "quarter",
            rf"\b(?:the\s+)?(?P<q>first|second|third|fourth|last|1st|2nd|3rd|4th)\s+"
            rf"quarter\s+of\s+{YEAR}",
            _quarter,
        ),
        # August 1949 / March of this year
        ("month-year", rf"\b{MON}(?:,?\s+{YEAR}|{OF_THIS_YEAR})", _month_year),
        # 24.III.50 / 1.XI 62 / 31.X 1962
        (
            "roman",
            r"(?<![\w.])(?P<day>[0-3]?\d)\.\s?(?P<mon>XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)"
            r"(?:\.\s?|\s)(?P<year>\d{4}|\d{2})(?!\d)",
            _numeric_dmy,
        ),
        # 24.03.1950
        (
            "dotted",
            r"(?<![\w.])(?P<day>[0-3]?\d)\.(?P<mon>[01]?\d)\.(?P<year>\d{4}|\d{2})"
            r"(?![\d.]\d)",
            _numeric_dmy,
        ),
        # 10/14/50
        (
            "slashed",
            r"(?<![\w/.])(?P<a>[01]?\d|[23]\d)/(?P<b>[0-3]?\d)/(?P<year>\d{4}|\d{2})"
            r"(?![\d/])",
            _numeric_us,
        ),
        # 1949-10-20
        ("iso", r"(?<![\w-])(?P<year>[12]\d{3})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\w-])", _iso_date),
        # 1940s / 1940-uud (Mongolian plural)
        ("decade", r"(?<![\w-])(?P<year>[12]\d{2}0)(?:s|['’]s|-uud|-ies)\b", _decade),
        # 1946-1950 / 1946–50
        (
            "year-range",
            rf"{NOT_NUM_BEFORE}(?<![\w-]){YEAR}(?:[-–—]|\s+to\s+)"
            r"(?P<year2>[12]\d{3}|\d{2})"
            r"(?![\d\w-])",
            _year_range,
        ),
        ("year", rf"{NOT_NUM_BEFORE}(?<![\w-]){YEAR}(?![\w-]|,\d|\.\d)", _year),
    )
)
GUARDED = {"year", "year-range"}


# Every date expression starts at a number, a month or weekday name, or "the"/"that"/
# an ordinal word: each format is tried only at its kind of start (speed: no full-text
# scan per format).
START_DIGIT = re.compile(r"\d+")
START_NAME = re.compile(
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|"
    r"JUN|JUL|AUG|SEP|OCT|NOV|DEC|Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
)
# The whole words a month format can start with: START_NAME also stops at "Mongolia" or
# "Marshal", and each such start would cost a failed try of four formats (speed).
NAME_WORDS = frozenset(
    [m.capitalize() for m in MONTHS]
    + [m.upper() for m in MONTHS]
    + [a.capitalize() for a in MONTH_ABBR]
    + [a.upper() for a in MONTH_ABBR]
    + WEEKDAYS
)
LETTERS = re.compile(r"[A-Za-z]+")
START_THE = re.compile(
    r"(?:[Tt]he|[Tt]hat|first|second|third|fourth|last|1st|2nd|3rd|4th)\s+"
    r"(?=\d|(?:next|following|same|previous|preceding)\s+day|"
    r"(?:first|second|third|fourth|last|1st|2nd|3rd|4th)\s+quarter|quarter)"
)
# Start kinds: "2" a number of one or two digits, "4" of four digits, "m" a month or
# weekday name, "t" "the"/"that"/an ordinal word.
START_KINDS = {
    "day-range": "2",
    "month-day-range": "m",
    "year-month-range": "4",
    "month-day-year": "m",
    "day-month-year": "2mt",
    "same-month": "t",
    "next-day": "t",
    "quarter": "t",
    "month-year": "m",
    "roman": "2",
    "dotted": "2",
    "slashed": "2",
    "iso": "4",
    "decade": "4",
    "year-range": "4",
    "year": "4",
}


def _word_at(text: str, i: int) -> str:
    m = LETTERS.match(text, i)
    return m.group() if m else ""


def _starts(text: str) -> dict[str, list[int]]:
    def ok(i: int) -> bool:
        return i == 0 or not text[i - 1].isalnum()

    digits = [m for m in START_DIGIT.finditer(text) if ok(m.start())]
    # START_THE only matches before a number, "... day" or "quarter"; most blocks have
    # none of them, and this is the slowest of the three scans (speed)
    the = START_THE.finditer(text) if digits or "day" in text or "quarter" in text else ()
    return {
        "2": [m.start() for m in digits if m.end() - m.start() <= 2],
        "4": [m.start() for m in digits if m.end() - m.start() == 4],
        "m": [
            m.start()
            for m in START_NAME.finditer(text)
            if ok(m.start()) and _word_at(text, m.start()) in NAME_WORDS
        ],
        "t": [m.start() for m in the if ok(m.start())],
    }


def scan(text: str, ctx: Context | None = None) -> list[tuple[int, int, Attrs, str]]:
    """All date expressions in ``text`` as (start, end, attrs, format), in text order.

    Spans are claimed by format priority, then resolved in text order so that a
    relative date sees the date just before it (kept in ``ctx.memory.last_date``)."""
    claimed: SpanIndex[tuple[int, int, re.Match, str, Callable]] = SpanIndex()
    kinds = _starts(text)
    if not any(kinds.values()):
        return []
    for name, rx, convert in FORMATS:
        new: SpanIndex[tuple[int, int, re.Match, str, Callable]] = SpanIndex()
        for start in sorted(p for k in START_KINDS[name] for p in kinds[k]):  # text order
            m = rx.match(text, start)
            if m is None:
                continue
            s, e = m.start(), m.end()
            if claimed.overlaps(s, e) or new.overlaps(s, e):
                continue
            if name in GUARDED and not _check_year(text, m):
                continue
            new.add(s, e, (s, e, m, name, convert))
        claimed = claimed.merged(new)
    found = []
    for s, e, m, name, convert in claimed:
        attrs = convert(m.groupdict(), ctx)
        if not attrs:
            continue
        found.append((s, e, attrs, name))
        last = attrs.get("when") or attrs.get("to")
        if ctx is not None and last and len(last) >= 7:
            ctx.memory.last_date = last
    return found


def dates(text: str, ctx: Context) -> Iterator[Mark]:
    """Every date expression, with its normalised value."""
    for s, e, attrs, name in scan(text, ctx):
        yield Mark(s, e, "date", tuple(attrs.items()), f"dates:{name}")


APPROX = re.compile(r"^(?:c\.|ca\.|circa|about|approx\.)\s*", re.I)


def year_hint(text: str) -> int | None:
    """For a record without a date line: the year of the first date in ``text`` that
    states one ("February 10, 1949" in a footnote dates "January 15" in the text)."""
    for _, _, attrs, _ in scan(text):
        value = attrs.get("when") or attrs.get("from") or ""
        if value[:4].isdigit():
            return int(value[:4])
    return None


def normalize(text: str, anchor: str | None = None) -> dict[str, str] | None:
    """The TEI attributes of a date written alone ("January 22, 1944" -> {"when":
    "1944-01-22"}; "1950s" -> {"from": "1950", "to": "1959"}); None when ``text`` is
    not one date. ``anchor`` (ISO) resolves a missing year or a relative date."""
    s = re.sub(r"^the\s+", "", " ".join(text.split()).strip(" .[]()"), flags=re.I)
    approx = APPROX.match(s)
    if approx:
        s = s[approx.end() :]
    ctx = Context(record_date=anchor)
    hits = scan(s, ctx)
    if len(hits) != 1 or hits[0][0] != 0 or hits[0][1] != len(s):
        return None
    attrs = dict(hits[0][2])
    if approx:
        attrs["cert"] = "medium"
    return attrs
