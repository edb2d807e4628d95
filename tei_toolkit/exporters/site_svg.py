"""Pictures for the corpus index, drawn at export time as inline SVG (no script, no
network): a timeline of the records by year, and who wrote to whom (correspDesc)."""

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


def timeline_svg(records) -> etree._Element:
    """A dot per record at its year (stacked when several share one), each a link."""
    years = sorted({int(r.year) for r in records})
    first, last = years[0], years[-1]
    span = max(last - first, 1)
    per_year: dict[int, int] = {}
    for r in records:
        per_year[int(r.year)] = per_year.get(int(r.year), 0) + 1
    stack = max(per_year.values())
    step = min(12, 90 // stack) if stack else 12
    height = 50 + step * stack
    svg = _svg(height, f"Timeline of {len(records)} records, {first}–{last}")
    base = height - 25

    def x(year: int) -> float:
        return 30 + (WIDTH - 60) * (year - first) / span

    _sub(svg, "line", None, x1=30, y1=base, x2=WIDTH - 30, y2=base, **{"class": "axis"})
    tick = next(t for t in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000) if span / t <= 10)
    for year in range(first - first % tick, last + 1, tick):
        if year >= first:
            _sub(svg, "line", None, x1=x(year), y1=base, x2=x(year), y2=base + 5,
                 **{"class": "axis"})  # fmt: skip
            _sub(svg, "text", str(year), x=x(year), y=base + 18, text_anchor="middle")
    seen: dict[int, int] = {}
    for r in sorted(records, key=lambda r: (r.year, r.href)):
        year = int(r.year)
        k = seen[year] = seen.get(year, 0) + 1
        link = _sub(svg, "a", None, href=_relative(r.href))
        dot = _sub(link, "circle", None, cx=round(x(year), 1), cy=base - 6 - step * (k - 1), r=4)
        _sub(dot, "title", f"{r.page.title or r.href} ({r.year})")
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
