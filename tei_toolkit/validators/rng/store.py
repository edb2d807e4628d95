"""A compiled schema kept on disk as JSON (never pickle: data, not code), so that a
fresh process validates without reading and simplifying tei_all again (~1 s)."""

from __future__ import annotations

import json
from collections.abc import Callable

from .patterns import (
    ATTRIBUTE,
    CHOICE,
    DATA,
    ELEMENT,
    EMPTY,
    GROUP,
    INTERLEAVE,
    ONE_OR_MORE,
    TEXT,
    ElementDef,
    Pattern,
    Patterns,
)  # fmt: skip

FORMAT = 1


def _nc(nc):
    return tuple(_nc(x) if isinstance(x, list) else x for x in nc) if nc is not None else None


def dump(pats: Patterns, start: Pattern, files: dict[str, str]) -> bytes:
    """``files``: every schema file read, with its sha256 (checked again on load)."""
    rows = []
    for p in sorted(pats._table.values(), key=lambda q: q.id):
        args = []
        for a in p.args:
            if isinstance(a, Pattern):
                args.append(["p", a.id])
            elif isinstance(a, ElementDef):
                args.append(["e", a.name, a.content.id if a.content else None])
            else:
                args.append(a)
        rows.append([p.kind, args])
    doc = {"format": FORMAT, "files": files, "start": start.id, "patterns": rows}
    return json.dumps(doc, separators=(",", ":")).encode("utf-8")


def load(data: bytes, fresh: Callable[[dict], bool]) -> tuple[Patterns, Pattern] | None:
    """The patterns back, or None when the data is stale (``fresh`` says whether the
    schema files it was made from are unchanged), damaged or of another format."""
    try:
        doc = json.loads(data)
        if doc.get("format") != FORMAT or not fresh(doc.get("files") or {}):
            return None
        return _rebuild(doc)
    except (ValueError, KeyError, TypeError, IndexError):
        return None


def _rebuild(doc: dict) -> tuple[Patterns, Pattern]:
    pats = Patterns()
    table = pats._table
    made: list[Pattern] = list(sorted(table.values(), key=lambda q: q.id))
    fill: list[tuple[ElementDef, int]] = []
    for i, (kind, raw) in enumerate(doc["patterns"]):
        if i < len(made):
            continue  # empty, notAllowed, text: made by Patterns()
        args: list = []
        for a in raw:
            if isinstance(a, list) and a and a[0] == "p":
                args.append(made[a[1]])
            elif isinstance(a, list) and a and a[0] == "e":
                edef = ElementDef(a[1])
                if a[2] is not None:
                    fill.append((edef, a[2]))
                args.append(edef)
            elif kind in (ATTRIBUTE, ELEMENT) and not args:
                args.append(_nc(a))
            elif kind == DATA and len(args) == 2:
                args.append(tuple(tuple(x) for x in a))
            else:
                args.append(a)
        nullable = _nullable(kind, args)
        p = Pattern(kind, tuple(args), nullable, i)
        key = (kind, *[x.id if isinstance(x, Pattern) else x for x in args])
        table[key] = p
        made.append(p)
    for edef, target in fill:
        edef.content = made[target]
    return pats, made[doc["start"]]


def _nullable(kind: int, args: list) -> bool:
    if kind in (EMPTY, TEXT):
        return True
    if kind == CHOICE:
        return args[0].nullable or args[1].nullable
    if kind in (GROUP, INTERLEAVE):
        return args[0].nullable and args[1].nullable
    if kind == ONE_OR_MORE:
        return args[0].nullable
    return False  # notAllowed, list, data, value, attribute, element, after
