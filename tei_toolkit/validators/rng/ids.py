"""ID, IDREF and IDREFS as jing checks them (RELAX NG DTD compatibility, section 6).

An attribute is an ID (or IDREF) only where the schema types it so: TEI's ``xml:id``
on TEI elements is ``data type="ID"``, but inside an ``egXML`` example the same
attribute matches ``attribute * { text }`` and is not an ID, so two examples may
both say ``xml:id="a1"`` (jing: valid). Only the values and their lines are kept,
never the elements, so a streamed document stays streamed.
"""

from __future__ import annotations

from .derive import Deriver
from .patterns import ATTRIBUTE, DATA, Pattern, nc_names, nc_wild

_KINDS = {"ID": 1, "IDREF": 2, "IDREFS": 3}


class IdTypes:
    """Which attribute patterns of a schema are typed ID, IDREF or IDREFS."""

    def __init__(self, patterns: list[Pattern]):
        """``patterns``: every pattern of the schema (patterns.walk from its start)."""
        self.kind: dict[int, int] = {}  # attribute pattern id -> 1 ID, 2 IDREF, 3 IDREFS
        names: set[str] = set()
        wild = False
        for p in patterns:
            if p.kind != ATTRIBUTE:
                continue
            value = p.args[1]
            if value.kind != DATA or value.args[1] not in _KINDS:
                continue
            self.kind[p.id] = _KINDS[value.args[1]]
            wild = wild or nc_wild(p.args[0])
            names.update(f"{{{ns}}}{local}" if ns else local for ns, local in nc_names(p.args[0]))
        # None: a wildcard is typed, every attribute must be looked at
        self.names: tuple[str, ...] | None = None if wild else tuple(sorted(names))

    def __bool__(self) -> bool:
        return bool(self.kind)


class IdChecker:
    """One document's IDs and references; ``check`` per element, ``finish`` at the end."""

    def __init__(self, types: IdTypes, deriver: Deriver):
        self.types = types
        self.d = deriver
        self.ids: dict[str, int] = {}  # value -> line of its first occurrence
        self.refs: list[tuple[str, int]] = []

    def _kind(self, p: Pattern, key: str) -> int:
        memo_key = "#" + key
        hit = p.memo.get(memo_key)
        if hit is None:
            kinds = self.types.kind
            hit = max((kinds.get(a.id, 0) for a in self.d.candidates(p, key)), default=0)
            p.memo[memo_key] = hit
        return hit

    def check(self, p: Pattern, attrib, line: int) -> list[tuple[str, str, int | None]]:
        """(message, which, line) for each duplicate ID of this element's attributes;
        ``which`` is "here" (this element) or "first" (the first occurrence)."""
        names = self.types.names
        keys = attrib.keys() if names is None else [k for k in names if k in attrib]
        return self.record([(k, self._kind(p, k)) for k in keys], attrib, line)

    def record(self, typed, attrib, line: int) -> list[tuple[str, str, int | None]]:
        """``check`` for the (attribute name, kind) pairs the deriver found typed."""
        out: list[tuple[str, str, int | None]] = []
        for key, kind in typed:
            if not kind:
                continue
            value = attrib[key]
            if kind == 1:
                token = value.strip()
                first = self.ids.get(token)
                if first is None:
                    self.ids[token] = line
                else:
                    out.append((f'ID "{token}" has already been defined', "here", line))
                    out.append((f'first occurrence of ID "{token}"', "first", first))
            else:
                self.refs.extend((token, line) for token in value.split())
        return out

    def finish(self) -> list[tuple[str, int]]:
        """(message, line) for each reference to an ID the document does not define."""
        return [
            (f'IDREF "{token}" without matching ID', line)
            for token, line in self.refs
            if token not in self.ids
        ]
