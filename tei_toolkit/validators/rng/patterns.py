"""RELAX NG patterns after simplification: hash-consed, so equal patterns are one object.

Hash-consing is what keeps the derivative validator linear: the state after each of
100,000 siblings is the same object, so every derivative is a memo hit. Choices are
flattened, deduplicated and sorted; ``notAllowed`` and ``empty`` are folded away as
the specification's sections 4.20 and 4.21 say.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

# pattern kinds
EMPTY, NOT_ALLOWED, TEXT, CHOICE, INTERLEAVE, GROUP = range(6)
ONE_OR_MORE, LIST, DATA, VALUE, ATTRIBUTE, ELEMENT, AFTER = range(6, 13)

# name-class kinds (tuples): ("any", except|None) ("ns", uri, except|None)
# ("name", uri, local) ("choice", a, b)
NameClass = tuple


class Pattern:
    """One node. ``args`` depend on ``kind``; ``nullable`` is computed once."""

    __slots__ = ("kind", "args", "nullable", "id", "memo", "plans", "__weakref__")

    def __init__(self, kind: int, args: tuple, nullable: bool, id_: int):
        self.kind = kind
        self.args = args
        self.nullable = nullable
        self.id = id_
        self.memo: dict[Any, Any] = {}
        self.plans: dict[str, tuple] = {}  # attribute name -> values.ValuePlans.make's plan

    def __repr__(self) -> str:
        return f"<P{self.kind} #{self.id}>"


class ElementDef:
    """The content of an element pattern, filled in after every define is read."""

    __slots__ = ("name", "content", "where")

    def __init__(self, name: str, where: tuple = ()):
        self.name = name
        self.content: Pattern | None = None
        self.where = where


class Patterns:
    """A factory that hash-conses patterns (one per schema)."""

    def __init__(self) -> None:
        self._table: dict[tuple, Pattern] = {}
        self.empty = self._make(EMPTY, (), True)
        self.not_allowed = self._make(NOT_ALLOWED, (), False)
        self.text = self._make(TEXT, (), True)

    def __len__(self) -> int:
        return len(self._table)

    def _make(self, kind: int, args: tuple, nullable: bool) -> Pattern:
        key = (kind, *[a.id if isinstance(a, Pattern) else a for a in args])
        found = self._table.get(key)
        if found is None:
            found = self._table[key] = Pattern(kind, args, nullable, len(self._table))
        return found

    def choice(self, a: Pattern, b: Pattern) -> Pattern:
        if a is b or b.kind == NOT_ALLOWED:
            return a
        if a.kind == NOT_ALLOWED:
            return b
        return self.choices((a, b))

    def choices(self, items) -> Pattern:
        """One choice of ``items``: flattened, without duplicates or notAllowed, sorted."""
        found: dict[int, Pattern] = {}
        for item in items:
            for p in _alts(item):
                if p.kind != NOT_ALLOWED:
                    found[p.id] = p
        if not found:
            return self.not_allowed
        ordered = sorted(found.values(), key=_by_id)
        out = ordered[-1]
        for p in reversed(ordered[:-1]):
            out = self._make(CHOICE, (p, out), p.nullable or out.nullable)
        return out

    def group(self, a: Pattern, b: Pattern) -> Pattern:
        if a.kind == NOT_ALLOWED or b.kind == NOT_ALLOWED:
            return self.not_allowed
        if a.kind == EMPTY:
            return b
        if b.kind == EMPTY:
            return a
        return self._make(GROUP, (a, b), a.nullable and b.nullable)

    def interleave(self, a: Pattern, b: Pattern) -> Pattern:
        if a.kind == NOT_ALLOWED or b.kind == NOT_ALLOWED:
            return self.not_allowed
        if a.kind == EMPTY:
            return b
        if b.kind == EMPTY:
            return a
        if b.id < a.id:
            a, b = b, a
        return self._make(INTERLEAVE, (a, b), a.nullable and b.nullable)

    def after(self, a: Pattern, b: Pattern) -> Pattern:
        if a.kind == NOT_ALLOWED or b.kind == NOT_ALLOWED:
            return self.not_allowed
        return self._make(AFTER, (a, b), False)

    def one_or_more(self, p: Pattern) -> Pattern:
        if p.kind in (NOT_ALLOWED, EMPTY, ONE_OR_MORE):
            return p
        return self._make(ONE_OR_MORE, (p,), p.nullable)

    def list_(self, p: Pattern) -> Pattern:
        if p.kind == NOT_ALLOWED:
            return p
        return self._make(LIST, (p,), False)

    def data(self, lib: str, type_: str, params: tuple, except_: Pattern | None) -> Pattern:
        if except_ is not None and except_.kind == NOT_ALLOWED:
            except_ = None
        return self._make(DATA, (lib, type_, params, except_), False)

    def value(self, lib: str, type_: str, value: str, ns: str) -> Pattern:
        return self._make(VALUE, (lib, type_, value, ns), False)

    def attribute(self, nc: NameClass, p: Pattern) -> Pattern:
        if p.kind == NOT_ALLOWED:
            return p
        return self._make(ATTRIBUTE, (nc, p), False)

    def element(self, nc: NameClass, content: ElementDef) -> Pattern:
        return self._make(ELEMENT, (nc, content.name, content), False)

    def apply_after(self, f: Callable[[Pattern], Pattern], p: Pattern) -> Pattern:
        """Replace the second part ``b`` of each after(a, b) alternative by f(b)."""
        if p.kind == AFTER:
            return self.after(p.args[0], f(p.args[1]))
        if p.kind == CHOICE:
            return self.choice(self.apply_after(f, p.args[0]), self.apply_after(f, p.args[1]))
        return self.not_allowed


def _by_id(p: Pattern) -> int:
    return p.id


def _alts(p: Pattern) -> Iterator[Pattern]:
    while p.kind == CHOICE:
        yield p.args[0]
        p = p.args[1]
    yield p


alternatives = _alts


def children(p: Pattern) -> tuple[Pattern, ...]:
    """The sub-patterns of ``p`` (an element's content is not a child: it is a reference)."""
    if p.kind in (CHOICE, INTERLEAVE, GROUP, AFTER):
        return p.args[:2]
    if p.kind in (ONE_OR_MORE, LIST):
        return p.args
    if p.kind == ATTRIBUTE:
        return (p.args[1],)
    if p.kind == DATA and p.args[3] is not None:
        return (p.args[3],)
    return ()


def walk(roots: list[Pattern], *, into_elements: bool = True) -> Iterator[Pattern]:
    """Every pattern reachable from ``roots``, each once (the one traversal helper)."""
    seen: set[int] = set()
    stack = list(roots)
    while stack:
        p = stack.pop()
        if p.id in seen:
            continue
        seen.add(p.id)
        yield p
        stack.extend(children(p))
        if into_elements and p.kind == ELEMENT and p.args[2].content is not None:
            stack.append(p.args[2].content)


# ---------------------------------------------------------------- name classes
def nc_contains(nc: NameClass, ns: str, local: str) -> bool:
    kind = nc[0]
    if kind == "name":
        return nc[1] == ns and nc[2] == local
    if kind == "any":
        return nc[1] is None or not nc_contains(nc[1], ns, local)
    if kind == "ns":
        return nc[1] == ns and (nc[2] is None or not nc_contains(nc[2], ns, local))
    return nc_contains(nc[1], ns, local) or nc_contains(nc[2], ns, local)


def nc_names(nc: NameClass) -> list[tuple[str, str]]:
    """The plain names a name class lists (not those of its wildcards)."""
    if nc[0] == "name":
        return [(nc[1], nc[2])]
    if nc[0] == "choice":
        return nc_names(nc[1]) + nc_names(nc[2])
    return []


def nc_wild(nc: NameClass) -> bool:
    if nc[0] == "choice":
        return nc_wild(nc[1]) or nc_wild(nc[2])
    return nc[0] in ("any", "ns")


def nc_overlap(a: NameClass, b: NameClass) -> bool:
    """Do two name classes share a name? (spec 7.3/7.4: test representative names)"""
    for ns, local in _representatives(a) + _representatives(b):
        if nc_contains(a, ns, local) and nc_contains(b, ns, local):
            return True
    return False


_ILLEGAL = "\x01"  # a local name no document can use: stands for "any other name"


def _representatives(nc: NameClass) -> list[tuple[str, str]]:
    kind = nc[0]
    if kind == "name":
        return [(nc[1], nc[2])]
    if kind == "any":
        return [("\x01", _ILLEGAL)] + (_representatives(nc[1]) if nc[1] else [])
    if kind == "ns":
        return [(nc[1], _ILLEGAL)] + (_representatives(nc[2]) if nc[2] else [])
    return _representatives(nc[1]) + _representatives(nc[2])
