"""Pictures for the corpus index, drawn at export time as inline SVG (no script, no
network): a timeline of the records by date, and who wrote to whom (correspDesc)."""

from __future__ import annotations

import math
from typing import Any

from lxml import etree

from .page import _relative

WIDTH = 800


def _svg(height: int, label: str):
    return etree.Element(
        "svg",
        {"viewBox": f"0 0 {WIDTH} {height}", "role": "img", "aria-label": label},
    )


def _sub(parent, tag: str, text: str | None = None, **attrs: Any):
    el = etree.SubElement(parent, tag, {k.replace("_", "-"): str(v) for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def when_of(record) -> float:
    """A record's date as a fractional year (a year alone: its middle)."""
    when = record.when or ""
    year, month, day = int(when[:4]), when[5:7], when[8:10]
    if not month.isdigit():
        return year + 0.5
    return year + (int(month) - 1 + ((int(day) - 1) / 31 if day.isdigit() else 0.5)) / 12


def timeline_svg(records) -> etree._Element:
    """A dot per record at its date (stacked when dots would touch), each a link; years
    on the axis, or months when the records span less than three years."""
    dates = [when_of(r) for r in records]
    first, last = math.floor(min(dates)), math.floor(max(dates)) + 1
    span = last - first
    stacks: dict[int, int] = {}
    placed = []
    for r, when in sorted(zip(records, dates), key=lambda p: (p[1], p[0].href)):
        column = round((WIDTH - 60) * (when - first) / span / 9)  # dots 9 px apart
        stacks[column] = k = stacks.get(column, 0) + 1
        placed.append((r, when, k))
    stack = max(stacks.values())
    step = min(12, 90 // stack)
    height = 50 + step * stack
    svg = _svg(height, f"Timeline of {len(records)} records, {first}–{last - 1}")
    base = height - 25

    def x(when: float) -> float:
        return 30 + (WIDTH - 60) * (when - first) / span

    _sub(svg, "line", None, x1=30, y1=base, x2=WIDTH - 30, y2=base, **{"class": "axis"})
    if span >= 3:
        tick = next(t for t in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000) if span / t <= 10)
        ticks: list[tuple[float, str]] = [
            (y, str(y)) for y in range(first - first % tick, last + 1, tick) if y >= first
        ]
    else:
        months = next(m for m in (1, 2, 3, 6, 12) if span * 12 / m <= 10)
        ticks = [(first + m / 12, f"{first + m // 12}-{m % 12 + 1:02d}")
                 for m in range(0, span * 12 + 1, months)]  # fmt: skip
    for when, label in ticks:
        _sub(svg, "line", None, x1=round(x(when), 1), y1=base, x2=round(x(when), 1),
             y2=base + 5, **{"class": "axis"})  # fmt: skip
        _sub(svg, "text", label, x=round(x(when), 1), y=base + 18, text_anchor="middle")
    for r, when, k in placed:
        link = _sub(svg, "a", None, href=_relative(r.href))
        dot = _sub(link, "circle", None, cx=round(x(when), 1), cy=base - 6 - step * (k - 1), r=4)
        _sub(dot, "title", f"{r.page.title or r.href} ({r.date or r.when})")
    return svg


def network_svg(records) -> etree._Element:
    """Senders and addressees on a circle, a line for each letter's pair (thicker: more)."""
    pairs: dict[tuple[str, str], int] = {}
    for r in records:
        for s in r.senders:
            for a in r.addressees:
                if s != a:
                    pairs[(s, a)] = pairs.get((s, a), 0) + 1
    people = sorted({p for pair in pairs for p in pair})[:60]
    height = 420
    svg = _svg(height, f"Correspondence between {len(people)} people")
    cx, cy, radius = WIDTH / 2, height / 2, height / 2 - 50
    where = {
        p: (cx + radius * math.cos(2 * math.pi * i / len(people)),
            cy + radius * math.sin(2 * math.pi * i / len(people)))
        for i, p in enumerate(people)
    }  # fmt: skip
    for (s, a), n in sorted(pairs.items()):
        if s in where and a in where:
            (x1, y1), (x2, y2) = where[s], where[a]
            line = _sub(svg, "line", None, x1=round(x1), y1=round(y1), x2=round(x2),
                        y2=round(y2), stroke_width=min(1 + n, 6), **{"class": "edge"})  # fmt: skip
            _sub(line, "title", f"{s} → {a}: {n}")
    for p, (px, py) in where.items():
        _sub(svg, "circle", None, cx=round(px), cy=round(py), r=5, **{"class": "node"})
        anchor = "start" if px >= cx else "end"
        _sub(svg, "text", p, x=round(px + (8 if px >= cx else -8)), y=round(py + 4),
             text_anchor=anchor)  # fmt: skip
    return svg
