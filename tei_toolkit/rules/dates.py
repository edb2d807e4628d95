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

from ..model import Mark
from . import dates_i18n
from ._date_values import (
    MONTH_ABBR,
    MONTHS,
    Attrs,
    _cable_month_day,
    _cjk,
    _day_month_year,
    _decade,
    _fiscal_year,
    _german_day_month,
    _german_day_month_range,
    _holiday,
    _iso_date,
    _month_year,
    _next_day,
    _numeric_dmy,
    _numeric_us,
    _quarter,
    _range_dates,
    _range_days,
    _relative_month,
    _same_month,
    _year,
    _year_range,
    _year_to_month,
)
from ._spans import SpanIndex
from .base import Context

WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
WEEKDAY = rf"(?:{'|'.join(WEEKDAYS)})"

_MONTH_FULL = "|".join(m.capitalize() for m in MONTHS) + "|" + "|".join(m.upper() for m in MONTHS)
_MONTH_SHORT = (
    "|".join(a.capitalize() for a in MONTH_ABBR) + "|" + "|".join(a.upper() for a in MONTH_ABBR)
)
# a full month name may carry a footnote number glued to it ("the 16th July1", "May2")
MON = rf"(?P<mon>(?:{_MONTH_FULL})(?![^\W\d_])|(?:{_MONTH_SHORT})\.)"
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
    r"article|paragraph|para|point|doc|dok|per)\.?\s*|[#№$£€]\s*|\d\s*,\s*)$",
    re.I,
)


# "the 1967 party plans", "the 1956 events": a year before a noun, after the article
YEAR_OK_BEFORE = re.compile(r"\b[Tt]he\s$")


def _check_year(text: str, m: re.Match, year_range: bool = False) -> bool:
    """A bare year (or a range of them) is a date where what stands around it says so; a
    range ("of 1945–50 period") needs only not to be a page or file number."""
    before = text[max(0, m.start() - 12) : m.start()]
    if YEAR_BAD_BEFORE.search(before):
        return False
    return year_range or bool(
        YEAR_OK_AFTER.match(text[m.end() : m.end() + 16]) or YEAR_OK_BEFORE.search(before)
    )


# holidays on a fixed day (rules/_date_values.HOLIDAYS)
HOLIDAY = re.compile(
    r"\b(?P<holiday>New\s+Year['’]s(?:\s+(?:Day|Eve))?|Christmas(?:\s+(?:Day|Eve))?|May\s+Day"
    r"|Bastille\s+Day|Armistice\s+Day)(?![^\W\d_])"
)
HOLIDAY_HINT = re.compile(r"Christmas|Year|Day")
# not "December 1944 January 5, 1945": a month's year, then another date
_NO_MONTH_BEFORE = "".join(
    f"(?<!{m[-3:] if len(m) > 3 else m.capitalize()} )(?<!{m[-3:].upper()} )" for m in MONTHS
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
        # December 19 and 24 / April 3-5, 1950
        (
            "month-days",
            rf"\b{MON}\s+{DAY}(?:{DASH}|\s+and\s+|\s+to\s+){DAY2}(?![\d:])(?:,?\s+{YEAR})?",
            lambda g, c: _range_days({**g, "mon2": g["mon"]}, c),
        ),
        # 1946-February 1950
        ("year-month-range", rf"{NOT_NUM_BEFORE}\b{YEAR}{DASH}{MON2}\s+{YEAR2}", _year_to_month),
        # 1972 July 1 / 1979 May 10: the year first (Hungarian and East Asian order, kept in
        # translations' datelines)
        (
            "year-month-day",
            rf"{NOT_NUM_BEFORE}{_NO_MONTH_BEFORE}(?<![\w-]){YEAR}\s+{MON}\s+{DAY}"
            r"(?![\d:]|,?\s+[12]\d{3})",
            _day_month_year,
        ),
        # Monday, January 22, 1944 / February 12th 1955 / August 13,1968
        (
            "month-day-year",
            rf"\b{WD}{MON}\s+{DAY}(?![\d:])(?:(?:,\s*|\s+){YEAR}|{OF_THIS_YEAR})?",
            _day_month_year,
        ),
        # 22 January 1944 / (the) 14th of January 1944 / 18 October / 14. August 1961 (German);
        # the article is not part of the span, as for names
        (
            "day-month-year",
            rf"{NOT_NUM_BEFORE}\b{WD}{DAY}(?:\.|\s+of)?\s+{MON}"
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
        # Christmas / New Year's Day / May Day (holidays on a fixed day)
        ("holiday", HOLIDAY.pattern, _holiday),
        # last January / next March (a month named from the record's date)
        (
            "relative-month",
            rf"\b(?P<rel>[Ll]ast|[Nn]ext)\s+(?P<mon>{_MONTH_FULL})(?![^\W\d_]|\s+Day)",
            _relative_month,
        ),
        # fiscal year 1958 / FY 1958 (the United States government's)
        (
            "fiscal-year",
            r"\b(?:[Ff]iscal\s+[Yy]ear|FY)\s?(?P<year>[12]\d{3})(?![\d\w-])",
            _fiscal_year,
        ),
        # August 1949 / March of this year
        ("month-year", rf"\b{MON}(?:,?\s+{YEAR}|{OF_THIS_YEAR})", _month_year),
        # 24 Mar 1943: a day, a short month without its point, a year
        (
            "day-short-month-year",
            rf"(?<![\w.]){DAY}\s+(?P<mon>{_MONTH_SHORT})\s+{YEAR}",
            _day_month_year,
        ),
        # Mar 1943 / Sept 1944: a short month without its point, before a year only
        ("short-month-year", rf"\b(?P<mon>{_MONTH_SHORT})\s+{YEAR}", _month_year),
        # 24.III.50 / 1.XI 62 / 31.X 1962 / 15/VII. 1920
        (
            "roman",
            r"(?<![\w./])(?P<day>[0-3]?\d)[./]\s?(?P<mon>XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)"
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
        # 26.2. bis 1.3. / 14.2.: German day and month without the year (the record's), in
        # a German text only ("Section 14.2." elsewhere)
        (
            "dotted-days",
            r"(?<![\w.])(?P<day>[0-3]?\d)\.(?P<mon>[01]?\d)\.\s?(?:bis|–|-)\s?"
            r"(?P<day2>[0-3]?\d)\.(?P<mon2>[01]?\d)\.(?![\d.]?\d)",
            _german_day_month_range,
        ),
        (
            "dotted-day",
            r"(?<![\w.])(?P<day>[0-3]?\d)\.\s?(?P<mon>[01]?\d)\.(?![\d.]?\d)",
            _german_day_month,
        ),
        # 2013/05/23 (release stamps)
        (
            "ymd-slashed",
            r"(?<![\w/.])(?P<year>[12]\d{3})/(?P<m>[01]\d)/(?P<d>[0-3]\d)(?![\d/])",
            _iso_date,
        ),
        # "KABUL 6844, 9/21": a cable cited by its post and number, then its month/day (a
        # cable's summary of others); the year is the record's
        (
            "cable-month-day",
            r"(?<=\d\d\d,\s)(?P<a>1[0-2]|0?[1-9])/(?P<b>3[01]|[12]\d|0?[1-9])(?![\d/])",
            _cable_month_day,
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
        ("year", rf"{NOT_NUM_BEFORE}(?<![\w-]){YEAR}(?![\w\-–—]|,\d|\.\d)", _year),
    )
)
# German, French, Spanish, Russian and Chinese formats (rules/dates_i18n.py), tried after
# the English ones with a month name and before the numeric ones
_CONVERTERS: dict[str, Callable] = {
    "dmy": _day_month_year,
    "my": _month_year,
    "rel": _next_day,
    "cjk": _cjk,
}
_AT = next(i for i, f in enumerate(FORMATS) if f[0] == "roman")
FORMATS = (
    FORMATS[:_AT]
    + tuple((name, re.compile(rx), _CONVERTERS[kind]) for name, rx, kind, _ in dates_i18n.FORMATS)
    + FORMATS[_AT:]
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
FISCAL = re.compile(r"\b(?:[Ff]iscal\s+[Yy]ear|FY)\b")
RELATIVE = re.compile(r"\b(?:[Ll]ast|[Nn]ext)\s+(?=[A-Z])")
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
    "month-days": "m",
    "year-month-range": "4",
    "month-day-year": "m",
    "year-month-day": "4",
    "cable-month-day": "2",
    "day-month-year": "2mt",
    "same-month": "t",
    "next-day": "t",
    "quarter": "t",
    "fiscal-year": "f",
    "relative-month": "r",
    "holiday": "h",
    "month-year": "m",
    "short-month-year": "m",
    "day-short-month-year": "2",
    "roman": "2",
    "dotted": "2",
    "dotted-days": "2",
    "dotted-day": "2",
    "slashed": "2",
    "ymd-slashed": "4",
    "iso": "4",
    "decade": "4",
    "year-range": "4",
    "year": "4",
    **{name: start for name, _, _, start in dates_i18n.FORMATS},
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
        "f": [m.start() for m in FISCAL.finditer(text)] if "iscal" in text or "FY" in text else [],
        "r": [m.start() for m in RELATIVE.finditer(text)]
        if "ast " in text or "ext " in text
        else [],
        "h": [m.start() for m in HOLIDAY.finditer(text)] if HOLIDAY_HINT.search(text) else [],
        **dates_i18n.starts(text),
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
            if name in GUARDED and not _check_year(text, m, name == "year-range"):
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
        last = LAST_NEXT.match(text, e)
        if last and not re.search(r"\d{4}", text[s:e]) and len(attrs.get("when", "")) == 10:
            e, attrs = last.end(), _shifted(attrs, last.group(1), ctx.record_date)
        yield Mark(s, e, "date", tuple(attrs.items()), f"dates:{name}")


# "the 21st January last", "on 3 March next": the word fixes the year, and is in the span
LAST_NEXT = re.compile(r" (last|next)\b")


def _shifted(attrs: Attrs, word: str, anchor: str | None) -> Attrs:
    """The year of a month-day date with "last" (the one before the record's date) or
    "next" (the one after it)."""
    when = attrs["when"]
    if not anchor or len(anchor) < 10 or not when[:4].isdigit():
        return attrs
    year = int(anchor[:4])
    if word == "last" and when[5:] > anchor[5:10]:
        year -= 1
    elif word == "next" and when[5:] < anchor[5:10]:
        year += 1
    return {**attrs, "when": f"{year:04d}{when[4:]}"}


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
