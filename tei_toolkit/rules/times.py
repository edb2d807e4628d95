"""Clock times -> ``time`` marks with ``@when`` (xsd:time, "23:00:00").

"11pm", "5:35 P.M.", "21:10", "23 o’clock", "3 o’clock in the morning", "six o'clock" (the
qualifier is part of the span: it fixes the half of the day), "12 noon", and
"15.00" / "16.50" only after a preposition ("at 15.00"), since a dotted pair of
numbers is otherwise too often a decimal or a reference; the cables' "AT 1230 ON
NOVEMBER 9" only after "at" and before a day, "local" or "hours".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Mark
from ._spans import SpanIndex
from .base import Context

AMPM = r"(?P<ampm>[ap]\.?\s?m\b\.?|[AP]\.?\s?M\b\.?)"
QUALIFIER = (
    r"(?P<qual>\s+(?:in\s+the\s+(?:morning|afternoon|evening)|at\s+night|"
    r"(?:at|around)\s+(?:noon|midnight)))"
)
PREP = (
    r"(?:\b(?:at|from|to|until|till|by|before|after|about|around|approximately|since"
    r"|um|von|bis|gegen|ab)\s+)"  # (German: "von 22.00 bis 23.15 Uhr")
)
HOUR_WORDS = "one two three four five six seven eight nine ten eleven twelve".split()

FORMATS = tuple(
    (name, re.compile(rx))
    for name, rx in (
        (
            "oclock",
            rf"(?<![\d.:])\b(?P<h>[012]?\d)(?:[.:](?P<m>[0-5]\d))?\s?o[’']\s?clock{QUALIFIER}?",
        ),
        # "six o'clock", "three o’clock in the morning"
        ("oclock-word", rf"\b(?P<hw>(?i:{'|'.join(HOUR_WORDS)}))\s?o[’']\s?clock{QUALIFIER}?"),
        ("ampm", rf"(?<![\d.:])\b(?P<h>1[0-2]|0?\d)(?:[.:](?P<m>[0-5]\d))?\s?{AMPM}"),
        ("noon", r"(?<![\d.:])\b(?P<h>12)(?:[.:](?P<m>00))?\s(?P<word>noon|midnight)\b"),
        # "23.15 Uhr", "10 Uhr" (German: "Uhr" is part of the time)
        ("uhr", r"(?<![\d.:])\b(?P<h>[01]?\d|2[0-3])(?:[.:](?P<m>[0-5]\d))?\s?Uhr\b"),
        # cables: "12:00N." (noon)
        ("noon-mark", r"(?<![\d.:])\b(?P<h>12):(?P<m>00)N\b\.?"),
        (
            "colon",
            r"(?<![\d.:])\b(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?(?![\d:])"
            rf"{QUALIFIER}?",
        ),
        ("dotted", rf"{PREP}(?P<t>(?P<h>[01]?\d|2[0-3])\.(?P<m>[0-5]\d))(?![\d.]\d)"),
        ("hours", r"(?<![\d.:])\b(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)\s(?:hours|hrs)\b"),
        # cables: "AT 1230 ON NOVEMBER 9", "at 0900 local" (a four-digit clock after "at",
        # then a day or "local": a year is not read so)
        (
            "military",
            r"\b(?:at|AT)\s(?P<t>(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d))"
            r"(?=\s(?:on|ON|local|LOCAL|today|TODAY|hours|HOURS)\b|Z\b)",
        ),
    )
)


def _value(g: dict) -> str | None:
    word = (g.get("hw") or "").lower()
    h = HOUR_WORDS.index(word) + 1 if word else int(g["h"])
    m = int(g.get("m") or 0)
    ampm = (g.get("ampm") or "").lower().replace(".", "").replace(" ", "")
    qual = (g.get("qual") or "").lower()
    if ampm:
        if h == 0 or h > 12:
            return None
        h = h % 12 + (12 if ampm.startswith("p") else 0)
    elif g.get("word") == "midnight":
        h = 0
    elif qual and h <= 12:
        if "afternoon" in qual or "evening" in qual or "night" in qual:
            h = h % 12 + 12 if not ("night" in qual and h <= 4) else h % 12
        elif "morning" in qual:
            h = h % 12
    if h > 23:
        return None
    return f"{h:02d}:{m:02d}:{int(g.get('s') or 0):02d}"


# Where a clock time can start: a number followed by what makes it a time.
CANDIDATE = re.compile(
    r"\d{1,2}(?=(?:[.:]\d\d)?\s?(?:o[’']\s?clock|[ap]\.?\s?m\b|[AP]\.?\s?M\b|noon|midnight|Uhr\b)"
    r"|:\d\d|\d\d\s(?:hours|hrs)\b)"
)
PREP_BEFORE = re.compile(PREP + r"(?=\d{1,2}\.\d\d)")
AT_FOUR_DIGITS = re.compile(r"\b(?:at|AT)\s(?=\d{4}(?:\s|Z\b))")
WORD_CLOCK = re.compile(rf"(?i)\b(?:{'|'.join(HOUR_WORDS)})(?=\s?o[’']\s?clock)")
# Quick tests before the scans above (speed): every time has a digit, and most blocks
# have none; the slow preposition scan is needed only where "15.00" could be.
DIGIT = re.compile(r"\d")
DOTTED_NUMBER = re.compile(r"\d\.\d\d")


def scan(text: str) -> list[tuple[int, int, str, str]]:
    """Formats are tried only where a number (or a preposition before one) starts."""
    words = [m.start() for m in WORD_CLOCK.finditer(text)] if "clock" in text else []
    if not DIGIT.search(text) and not words:
        return []
    starts = words + [
        m.start()
        for m in CANDIDATE.finditer(text)
        if not m.start() or text[m.start() - 1] not in "0123456789.:"
    ]
    starts += [m.start() for m in PREP_BEFORE.finditer(text)] if DOTTED_NUMBER.search(text) else []
    starts += [m.start() for m in AT_FOUR_DIGITS.finditer(text)]
    if not starts:
        return []
    starts.sort()
    found: SpanIndex[tuple[int, int, str, str]] = SpanIndex()
    for name, rx in FORMATS:
        new: SpanIndex[tuple[int, int, str, str]] = SpanIndex()  # in text order: appends
        for m in filter(None, (rx.match(text, p) for p in starts)):
            s, e = m.span("t") if "t" in rx.groupindex else m.span()
            if found.overlaps(s, e) or new.overlaps(s, e):
                continue
            value = _value(m.groupdict())
            if value:
                new.add(s, e, (s, e, value, name))
        found = found.merged(new)
    return sorted(found)


def times(text: str, ctx: Context) -> Iterator[Mark]:
    """Every clock time, normalised to hh:mm:ss."""
    for s, e, value, name in scan(text):
        yield Mark(s, e, "time", (("when", value),), f"times:{name}")
