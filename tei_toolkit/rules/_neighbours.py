"""What a name's neighbours say of it: a list of places, a title before it, a side after a
city ("Berlin (West)"), a body named in lower case."""

from __future__ import annotations

import re

from ._lexindex import Lexicon
from ._people import SURNAME_TITLES
from ._reader import LOWER_TITLE_BEFORE, Found


def _lower_bodies(text: str, found: list[Found], lex: Lexicon) -> list[Found]:
    """ "others in the politburo": a single body's name is its name in lower case too (the
    id the capitalised name has: the register's, or the provisional one)."""
    taken = [(f.start, f.end) for f in found]
    for m in LOWER_BODY.finditer(text):
        if not any(s < m.end() and m.start() < e for s, e in taken):
            hit = lex.find(m.group(1).title())
            known = bool(hit) and hit[0] == "register" and hit[1].type == "org"
            ident = hit[1].id if known and hit else "prov-" + m.group(1)
            found.append(Found(m.start(), m.end(), "org", ident, known, "names:body"))
    return sorted(found, key=lambda f: f.start)


def _sided(text: str, f: Found, lex: Lexicon) -> Found:
    """ "Berlin (West)", "Berlin (Ost)": one place, West Berlin's id when the lexicon has it."""
    m = SIDE.match(text, f.end) if f.type == "place" else None
    if m is None:
        return f
    side = SIDES.get(m.group(1), m.group(1))
    hit = lex.find(f"{side} {text[f.start : f.end]}")
    ident = f.id
    if hit and (hit[0] == "gazetteer" or hit[1].type == "place"):
        ident = hit[1].id if hit[0] == "register" else "prov-" + hit[1].key
    return f._replace(end=m.end(), id=ident, known=bool(hit) and hit[0] == "register")


SIDES = {"Ost": "East", "Est": "East", "Ouest": "West", "Oeste": "West"}
SIDE = re.compile(r" ?\((West|East|Ost|Ouest|Est|Oeste|North|South)\)")
LOWER_BODY = re.compile(r"\b(politburo|comintern|cominform|orgburo|sovnarkom)\b")


def _listed_places(text: str, found: list[Found]) -> list[Found]:
    """ "to Sanchez, La Vega, Moca, and Santiago": in a list whose named items are places
    (two or more, no person the lexicon knows), a one-word name the rules read as a person
    for want of evidence is a place too."""
    out = list(found)
    k = 0
    while k < len(out):
        j = k
        while j + 1 < len(out) and LIST_GAP.fullmatch(text[out[j].end : out[j + 1].start]):
            j += 1
        items = out[k : j + 1]
        places = sum(f.type == "place" for f in items)
        if places >= 2 and not any(f.type == "person" and f.known for f in items):
            for m in range(k, j + 1):
                f = out[m]
                if (
                    f.type == "person"
                    and f.rule == "names:person"
                    and " " not in text[f.start : f.end]
                ):
                    if not _titled(text, f.start):
                        out[m] = f._replace(type="place", rule="names:listed-place")
        k = j + 1
    return out


LIST_GAP = re.compile(r",\s+(?:and\s+|or\s+)?|\s+and\s+")


def _titled(text: str, start: int) -> bool:
    """An abbreviated title just before ``start`` ("Mrs. Harrow", "Mr. Hill"): the common
    word after it is a surname."""
    m = LOWER_TITLE_BEFORE.search(text, max(0, start - 8), start)
    return bool(m and m.group(1).lower() in SURNAME_TITLES)
