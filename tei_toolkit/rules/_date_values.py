"""Date values: month tables, the anchors of a section, and the converters from a
date format's match groups to TEI attributes (``when`` / ``from`` + ``to``)."""

from __future__ import annotations

from datetime import date as _date
from datetime import timedelta

from . import dates_i18n
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
    found = MONTHS.get(s) or dates_i18n.MONTHS.get(s)
    return found or MONTH_ABBR[s[:4] if s[:4] == "sept" else s[:3]]


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


def _german_day_month(g: dict, ctx) -> Attrs | None:
    year = _anchor_year(ctx) if ctx is not None and ctx.language == "de" else None
    v = _iso(year, int(g["mon"]), int(g["day"])) if year else None
    return {"when": v} if v else None


def _german_day_month_range(g: dict, ctx) -> Attrs | None:
    year = _anchor_year(ctx) if ctx is not None and ctx.language == "de" else None
    if not year:
        return None
    a, b = _iso(year, int(g["mon"]), int(g["day"])), _iso(year, int(g["mon2"]), int(g["day2"]))
    return {"from": a, "to": b} if a and b and a < b else None


def _numeric_us(g: dict, ctx) -> Attrs | None:
    a, b = int(g["a"]), int(g["b"])
    y = int(g["year"]) if len(g["year"]) == 4 else _two_digit_year(g["year"], ctx)
    m, d = (a, b) if a <= 12 else (b, a)
    v = _iso(y, m, d)
    return {"when": v} if v else None


def _cable_month_day(g: dict, ctx) -> Attrs | None:
    m, d = int(g["a"]), int(g["b"])
    year = _anchor_year(ctx)
    if year:  # the record's year (a cable cites those of the days before)
        v = _iso(year, m, d)
        return {"when": v} if v else None
    year = ctx.year_hint if ctx is not None else None
    if year:  # the year of the record's own dates, flagged as a guess
        v = _iso(year, m, d)
        return {"when": v, "cert": "medium"} if v else None
    return _month_day(m, d)


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
    step = STEPS.get(g["rel"].lower())
    if step is None:
        step = dates_i18n.relative_step(g["rel"])
    if step is None:
        return None
    return {"when": (_date.fromisoformat(a) + timedelta(days=step)).isoformat()}


STEPS = {"next": 1, "following": 1, "same": 0, "previous": -1, "preceding": -1}


def _cjk(g: dict, ctx) -> Attrs | None:
    """1975年3月12日, 一九七五年三月十二日, 3月12日 (the year of the section's dates)."""
    n = dates_i18n.cjk_number
    y = n(g["year"]) if g.get("year") else _anchor_year(ctx)
    m = n(g["mon"]) if g.get("mon") else None
    d = n(g["day"]) if g.get("day") else None
    if y is None:
        return _month_day(m, d) if m and d else None
    v = _iso(y, m, d)
    return {"when": v} if v else None


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


# Holidays on a fixed day: (month, day); "New Year's" is the coming one late in the year
HOLIDAYS = {
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "new year's": (1, 1),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "christmas": (12, 25),
    "may day": (5, 1),
    "bastille day": (7, 14),
    "armistice day": (11, 11),
}


def _holiday(g: dict, ctx) -> Attrs | None:
    """A holiday on a fixed day, in the record's year (its month and day alone without a
    record date): "Christmas", "New Year's" (the next one from October on), "May Day"."""
    name = " ".join(g["holiday"].replace("’", "'").lower().split())
    mon, day = HOLIDAYS[name]
    anchor = ctx.record_date if ctx is not None else None
    if not anchor or not anchor[:4].isdigit():
        return {"when": f"--{mon:02d}-{day:02d}"}
    year = int(anchor[:4])
    if name == "new year's" and len(anchor) >= 7 and int(anchor[5:7]) >= 10:
        year += 1
    return {"when": f"{year:04d}-{mon:02d}-{day:02d}"}


def _relative_month(g: dict, ctx) -> Attrs | None:
    """ "last January", "next March": the month before (after) the record's date; without
    one, the month alone (xsd:gMonth "--01")."""
    mon = _month(g["mon"])
    anchor = ctx.record_date if ctx is not None else None
    if not anchor or len(anchor) < 7 or not anchor[:4].isdigit():
        return {"when": f"--{mon:02d}"}
    year, at = int(anchor[:4]), int(anchor[5:7])
    if g["rel"].lower() == "last":
        year -= mon >= at
    else:
        year += mon <= at
    return {"when": f"{year:04d}-{mon:02d}"}


def _fiscal_year(g: dict, ctx) -> Attrs | None:
    """The United States government's fiscal year N: 1 July N-1 to 30 June N until 1976,
    1 October N-1 to 30 September N from 1977 (the Congressional Budget Act of 1974)."""
    y = int(g["year"])
    if not 1900 <= y <= 2099:
        return None
    if y <= 1976:
        return {"from": f"{y - 1:04d}-07-01", "to": f"{y:04d}-06-30"}
    return {"from": f"{y - 1:04d}-10-01", "to": f"{y:04d}-09-30"}


def _decade(g: dict, ctx) -> Attrs | None:
    y = int(g["year"])
    if y % 10:
        return None
    return {"from": f"{y:04d}", "to": f"{y + 9:04d}"}


def _year(g: dict, ctx) -> Attrs | None:
    y, v = int(g["year"]), _iso(int(g["year"]))
    return {"when": v} if v and 1500 <= y <= 2099 else None
