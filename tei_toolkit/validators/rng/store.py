"""A compiled schema kept on disk as JSON (never pickle: data, not code), so that a
fresh process validates without reading and simplifying tei_all again (~1 s)."""

from __future__ import annotations

import json
from collections.abc import Callable

from .patterns import (
    AFTER,
    ATTRIBUTE,
    CHOICE,
    DATA,
    ELEMENT,
    EMPTY,
    GROUP,
    INTERLEAVE,
    LIST,
    ONE_OR_MORE,
    TEXT,
    ElementDef,
    Pattern,
    Patterns,
    walk,
)  # fmt: skip

FORMAT = 2
# Kinds whose arguments are all patterns: a row is [kind, id, id] (or [kind, id]).
_STRUCTURAL = frozenset((CHOICE, GROUP, INTERLEAVE, AFTER, ONE_OR_MORE, LIST))


def _nc(nc):
    return tuple(_nc(x) if isinstance(x, list) else x for x in nc) if nc is not None else None


def dump(pats: Patterns, start: Pattern, files: dict[str, str]) -> bytes:
    """``files``: every schema file read, with its sha256 (checked again on load).

    Only the patterns reachable from ``start`` are kept (simplification leaves a third
    of tei_all's behind), renumbered in their order, so a child still comes before its
    parent and choices keep their order."""
    reach = {q.id for q in walk([start])}
    keep = [
        q for q in sorted(pats._table.values(), key=lambda q: q.id) if q.id < 3 or q.id in reach
    ]
    new = {q.id: i for i, q in enumerate(keep)}
    rows: list[list] = []
    for q in keep:
        if q.kind in _STRUCTURAL:
            rows.append([q.kind, *(new[a.id] for a in q.args)])
            continue
        args: list = []
        for a in q.args:
            if isinstance(a, Pattern):
                args.append(["p", new[a.id]])
            elif isinstance(a, ElementDef):
                args.append(["e", a.name, new[a.content.id] if a.content else None])
            else:
                args.append(a)
        rows.append([q.kind, args])
    doc = {"format": FORMAT, "files": files, "start": new[start.id], "patterns": rows}
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
    structural = _STRUCTURAL
    for i, row in enumerate(doc["patterns"]):
        if i < len(made):
            continue  # empty, notAllowed, text: made by Patterns()
        kind = row[0]
        if kind in structural:
            args = tuple(made[j] for j in row[1:])
            key: tuple = (kind, *row[1:])
        else:
            args = tuple(_arg(kind, n, a, made, fill) for n, a in enumerate(row[1]))
            key = (kind, *[x.id if isinstance(x, Pattern) else x for x in args])
        p = Pattern(kind, args, _nullable(kind, args), i)
        table[key] = p
        made.append(p)
    for edef, target in fill:
        edef.content = made[target]
    return pats, made[doc["start"]]


def _arg(kind: int, n: int, a, made: list[Pattern], fill: list):
    if isinstance(a, list) and a and a[0] == "p":
        return made[a[1]]
    if isinstance(a, list) and a and a[0] == "e":
        edef = ElementDef(a[1])
        if a[2] is not None:
            fill.append((edef, a[2]))
        return edef
    if kind in (ATTRIBUTE, ELEMENT) and n == 0:
        return _nc(a)
    if kind == DATA and n == 2:
        return tuple(tuple(x) for x in a)
    return a


def _nullable(kind: int, args: tuple) -> bool:
    if kind in (EMPTY, TEXT):
        return True
    if kind == CHOICE:
        return args[0].nullable or args[1].nullable
    if kind in (GROUP, INTERLEAVE):
        return args[0].nullable and args[1].nullable
    if kind == ONE_OR_MORE:
        return args[0].nullable
    return False  # notAllowed, list, data, value, attribute, element, after
