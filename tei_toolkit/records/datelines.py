"""Finding and normalising the dates that records state about themselves, in the languages
editors meet: English, German, French, Spanish, Russian and Chinese, plus cable date-time
groups ("281530Z OCT 62") and the M–DYY part of FRUS decimal file numbers ("1–3049").

Readers use ``find_dates`` on the top of a record (datelines, labelled date lines) and store
the date as written in ``Record.date``; ``normalize`` turns that text back into TEI
attributes (header.record_date_attrs). Body dates are the rules' business, not this module's.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator

# English, German, French, Spanish, Russian, Italian and Portuguese month names
_MONTH_NAMES = {
    1: "january jan janv januar jänner janvier enero ene января январь январе gennaio janeiro",
    2: "february feb febr februar février fevrier febrero февраля февраль феврале febbraio fevereiro",
    3: "march mar märz maerz mars marzo марта март марте março marco",
    4: "april apr avril abril апреля апрель апреле aprile",
    5: "may mai mayo мая май мае maggio maio",
    6: "june jun juni juin junio июня июнь июне giugno junho",
    7: "july jul juli juillet julio июля июль июле luglio julho",
    8: "august aug août aout agosto августа август августе",
    9: "september sep sept septembre septiembre setiembre сентября сентябрь сентябре settembre setembro",
    10: "october oct okt oktober octobre octubre октября октябрь октябре ottobre outubro",
    11: "november nov novembre noviembre ноября ноябрь ноябре",
    12: "december dec dez dezember décembre decembre diciembre dic декабря декабрь декабре dicembre dezembro",
}
MONTHS = {name: n for n, names in _MONTH_NAMES.items() for name in names.split()}
_MONTH = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_YEAR = r"(?P<y>1[5-9]\d\d|20\d\d)"

# "18. März 1991", "14 Octobre 1918", "26 de octubre de 1962", "11 мая 1959 г.", "1er mai"
DMY = re.compile(
    rf"(?<![\w/.])(?P<d>[0-3]?\d)(?:\.|er|º|°|th|st|nd|rd)?\s*(?:de\s+)?"
    rf"(?P<m>{_MONTH})\.?,?\s*(?:de\s+|del\s+)?{_YEAR}(?!\d)",
    re.I,
)
# "January 22, 1944", "Octubre 25, 1962", "Sept. 8, 1932", "August 13,1968",
# "diciembre 9 de 1957"
MDY = re.compile(
    rf"(?<![\w])(?P<m>{_MONTH})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:,|\s+de\s+)?\s*{_YEAR}"
    r"(?!\d)",
    re.I,
)
# "15/VII. 1920", "24.III.1950", "1.XI 1962": a day and a Roman month (Russian letters)
ROMAN_MONTHS = {r: n for n, r in enumerate("I II III IV V VI VII VIII IX X XI XII".split(), 1)}
ROMAN = re.compile(
    r"(?<![\w./])(?P<d>[0-3]?\d)[./]\s?(?P<m>XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)(?:\.\s?|\s)"
    + _YEAR
    + r"(?!\d)"
)
ISO = re.compile(r"(?<![\d/.-])(?P<y>1[5-9]\d\d|20\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d-])")
# Cable date-time group: day, hour, minute, Z, month, two-digit year.
DTG = re.compile(
    r"\b(?P<d>[0-3]\d)(?P<H>[0-2]\d)(?P<M>[0-5]\d)Z\s+(?P<m>JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT"
    r"|NOV|DEC)\s+(?P<y>\d\d)\b"
)
# FRUS decimal file number ("840.20/1–3049: Telegram"): month, day and two-digit year.
FILE_DATE = re.compile(r"^(?P<m>1[0-2]|0?[1-9])[–-](?P<d>[0-3]?\d)(?P<y>\d\d)$")
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0, "０": 0}
CJK = re.compile(
    r"(?P<y>[〇○零一二三四五六七八九\d]{4})\s*[、,]?\s*年\s*(?P<m>[一二三四五六七八九十\d]{1,3})\s*月"
    r"\s*(?P<d>[一二三四五六七八九十\d]{1,3})\s*[日号]"
)
# "between January 20 and February 1, 1915", "vom 3. bis 5. Mai 1975" is left to the rules
RANGE = re.compile(
    rf"\bbetween\s+(?P<m1>{_MONTH})\.?\s+(?P<d1>[0-3]?\d)\s+and\s+(?:(?P<m2>{_MONTH})\.?\s+)?"
    rf"(?P<d2>[0-3]?\d),?\s*{_YEAR}",
    re.I,
)
_LEADS = re.compile(
    r"^(?:(?:written|dated?|datum|date|fecha|дата|日期|publication date|written on)\s*[:：]\s*)+"
    r"|^written\s+(?:on\s+)?",
    re.I,
)


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _cn_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (
            _CN_DIGITS.get(units, 0) if units else 0
        )
    value = 0
    for c in text:
        value = value * 10 + _CN_DIGITS.get(c, 0)
    return value


def _attrs(m: re.Match, kind: str) -> dict[str, str] | None:
    g = m.groupdict()
    if kind == "dtg":
        year = 1900 + int(g["y"]) if int(g["y"]) > 30 else 2000 + int(g["y"])
        day = _iso(year, MONTHS[g["m"].lower()], int(g["d"]))
        if day is None or int(g["H"]) > 23:
            return None
        return {"when": f"{day}T{g['H']}:{g['M']}:00Z"}
    if kind == "cjk":
        day = _iso(_cn_number(g["y"]), _cn_number(g["m"]), _cn_number(g["d"]))
    elif kind == "range":
        start = _iso(int(g["y"]), MONTHS[g["m1"].lower()], int(g["d1"]))
        end = _iso(int(g["y"]), MONTHS[(g["m2"] or g["m1"]).lower()], int(g["d2"]))
        return {"from": start, "to": end} if start and end and start <= end else None
    elif kind == "iso":
        day = _iso(int(g["y"]), int(g["m"]), int(g["d"]))
    elif kind == "roman":
        day = _iso(int(g["y"]), ROMAN_MONTHS[g["m"]], int(g["d"]))
    else:
        day = _iso(int(g["y"]), MONTHS[g["m"].lower().rstrip(".")], int(g["d"]))
    return {"when": day} if day else None


_PATTERNS = (
    ("range", RANGE),
    ("dtg", DTG),
    ("cjk", CJK),
    ("dmy", DMY),
    ("mdy", MDY),
    ("iso", ISO),
    ("roman", ROMAN),
)


def find_dates(text: str) -> Iterator[tuple[int, int, dict[str, str]]]:
    """(start, end, TEI attributes) of each full date in ``text``, in text order."""
    hits: list[tuple[int, int, dict[str, str]]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e, _ in hits):
                continue
            attrs = _attrs(m, kind)
            if attrs:
                hits.append((m.start(), m.end(), attrs))
    yield from sorted(hits, key=lambda h: h[0])


def first_date(text: str) -> tuple[str, dict[str, str]] | None:
    """The first full date in ``text``: (as written, attributes)."""
    for start, end, attrs in find_dates(text):
        return text[start:end], attrs
    return None


def normalize(text: str) -> dict[str, str] | None:
    """TEI attributes of a text that is one date as a reader stored it (a dateline's
    date, a date-time group, a FRUS file number's M–DYY part); None otherwise."""
    s = " ".join(text.split()).strip(" .,;()[]（）")
    while (stripped := _LEADS.sub("", s)) != s:
        s = stripped
    s = re.sub(r"\s*(?:г\.|года|гг\.)$", "", s)
    if m := FILE_DATE.match(s):
        day = _iso(1900 + int(m["y"]), int(m["m"]), int(m["d"]))
        return {"when": day, "cert": "medium"} if day else None
    hits = list(find_dates(s))
    if len(hits) == 1 and hits[0][0] <= 2 and hits[0][1] >= len(s) - 2:
        return hits[0][2]
    return None


__all__ = ["find_dates", "first_date", "normalize", "MONTHS"]
