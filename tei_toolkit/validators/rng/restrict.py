"""The restrictions of RELAX NG section 7, checked on the simplified patterns."""

from __future__ import annotations

from .names import Where
from .patterns import (
    ATTRIBUTE,
    CHOICE,
    DATA,
    ELEMENT,
    EMPTY,
    GROUP,
    INTERLEAVE,
    LIST,
    NOT_ALLOWED,
    ONE_OR_MORE,
    TEXT,
    VALUE,
    NameClass,
    Pattern,
    nc_names,
    nc_overlap,
    nc_wild,
)  # fmt: skip

# contexts (bits): inside attribute, list, data/except, start, oneOrMore, oneOrMore//group
_ATT, _LIST, _EXC, _START, _MORE, _MORE_GROUP = 1, 2, 4, 8, 16, 32
_CTX_NAME = {_ATT: "attribute", _LIST: "list", _EXC: "data/except", _START: "start"}
_WHAT = {
    ATTRIBUTE: "attribute", ELEMENT: "element", TEXT: "text", LIST: "list", GROUP: "group",
    INTERLEAVE: "interleave", ONE_OR_MORE: "oneOrMore", EMPTY: "empty", DATA: "data",
    VALUE: "value",
}  # fmt: skip
_FORBIDDEN = {
    ATTRIBUTE: _ATT | _LIST | _EXC | _START | _MORE_GROUP,
    ELEMENT: _ATT | _LIST | _EXC,
    TEXT: _LIST | _EXC | _START,
    LIST: _LIST | _EXC | _START,
    GROUP: _EXC | _START,
    INTERLEAVE: _LIST | _EXC | _START,
    ONE_OR_MORE: _EXC | _START,
    EMPTY: _EXC | _START,
    DATA: _START,
    VALUE: _START,
}
_E, _C, _S = 0, 1, 2  # content types: empty, complex, simple


class Checker:
    def __init__(self, where: dict[int, Where], default: Where):
        self.where = where
        self.default = default
        self.problems: list[tuple[str, Where]] = []
        self._attrs: dict[int, tuple[NameClass, ...]] = {}
        self._elems: dict[int, tuple[tuple[NameClass, ...], bool]] = {}
        self._ct: dict[int, int | None] = {}
        self._seen_pairs: set[int] = set()

    def _fail(self, message: str, p: Pattern, fallback: Where | None = None) -> None:
        self.problems.append((message, self.where.get(p.id) or fallback or self.default))

    def check(self, start: Pattern) -> list[tuple[str, Where]]:
        seen: set[tuple[int, int]] = set()
        done_elements: set[int] = set()
        stack: list[tuple[Pattern, int, Where]] = [(start, _START, self.default)]
        while stack:
            p, ctx, near = stack.pop()
            if (p.id, ctx) in seen:
                continue
            seen.add((p.id, ctx))
            near = self.where.get(p.id) or near
            bad = _FORBIDDEN.get(p.kind, 0) & ctx
            if bad:
                inside = (
                    next(n for b, n in _CTX_NAME.items() if b & ctx and b & bad)
                    if (bad & ~_MORE_GROUP)
                    else "oneOrMore//group or oneOrMore//interleave"
                )
                self._fail(f'bad pattern: "{_WHAT[p.kind]}" not allowed inside "{inside}"', p, near)
                continue
            k = p.kind
            if k == ELEMENT:
                edef = p.args[2]
                if edef.name not in done_elements and edef.content is not None:
                    done_elements.add(edef.name)
                    self._element(edef.content, edef.where)
                    stack.append((edef.content, 0, edef.where))
                continue
            if k == ATTRIBUTE:
                if nc_wild(p.args[0]) and not ctx & _MORE:
                    self._fail("an attribute with a wildcard name must be repeated (oneOrMore)", p)
                stack.append((p.args[1], ctx | _ATT, near))
            elif k == LIST:
                stack.append((p.args[0], ctx | _LIST, near))
            elif k == DATA:
                if p.args[3] is not None:
                    stack.append((p.args[3], ctx | _EXC, near))
            elif k == ONE_OR_MORE:
                stack.append((p.args[0], ctx | _MORE, near))
            elif k in (GROUP, INTERLEAVE, CHOICE):
                sub = ctx | _MORE_GROUP if k != CHOICE and ctx & _MORE else ctx
                if k != CHOICE:
                    self._pair(p, near)
                stack.extend((c, sub, near) for c in p.args[:2])
        return self.problems

    def _element(self, content: Pattern, where: Where) -> None:
        if self._content_type(content) is None:
            self.problems.append(("element content mixes data and elements or text", where))

    def _content_type(self, p: Pattern) -> int | None:
        if p.id in self._ct:
            return self._ct[p.id]
        k = p.kind
        ct: int | None
        if k in (VALUE, DATA, LIST):
            ct = _S
        elif k in (TEXT, ELEMENT):
            ct = _C
        elif k in (EMPTY, NOT_ALLOWED):
            ct = _E
        elif k == ATTRIBUTE:
            ct = _E if self._content_type(p.args[1]) is not None else None
        elif k == ONE_OR_MORE:
            a = self._content_type(p.args[0])
            ct = a if a is not None and _groupable(a, a) else None
        else:
            a, b = self._content_type(p.args[0]), self._content_type(p.args[1])
            if a is None or b is None:
                ct = None
            elif k == CHOICE or _groupable(a, b):
                ct = max(a, b)
            else:
                ct = None
        self._ct[p.id] = ct
        return ct

    def _pair(self, p: Pattern, near: Where) -> None:
        if p.id in self._seen_pairs:
            return
        self._seen_pairs.add(p.id)
        a, b = p.args[0], p.args[1]
        if _overlap(self.attributes(a), self.attributes(b)):
            self._fail("duplicate attribute", p, near)
        if p.kind == INTERLEAVE:
            ea, ta = self.elements(a)
            eb, tb = self.elements(b)
            if _overlap(ea, eb):
                self._fail("the same element may occur on both sides of interleave", p, near)
            if ta and tb:
                self._fail("text may occur on both sides of interleave", p, near)

    def attributes(self, p: Pattern) -> tuple[NameClass, ...]:
        hit = self._attrs.get(p.id)
        if hit is None:
            if p.kind == ATTRIBUTE:
                hit = (p.args[0],)
            elif p.kind in (GROUP, INTERLEAVE, CHOICE):
                hit = self.attributes(p.args[0]) + self.attributes(p.args[1])
            elif p.kind == ONE_OR_MORE:
                hit = self.attributes(p.args[0])
            else:
                hit = ()
            self._attrs[p.id] = hit
        return hit

    def elements(self, p: Pattern) -> tuple[tuple[NameClass, ...], bool]:
        hit = self._elems.get(p.id)
        if hit is None:
            if p.kind == ELEMENT:
                hit = ((p.args[0],), False)
            elif p.kind == TEXT:
                hit = ((), True)
            elif p.kind in (GROUP, INTERLEAVE, CHOICE):
                (x, tx), (y, ty) = self.elements(p.args[0]), self.elements(p.args[1])
                hit = (x + y, tx or ty)
            elif p.kind in (ONE_OR_MORE, LIST):
                hit = self.elements(p.args[0])
            else:
                hit = ((), False)
            self._elems[p.id] = hit
        return hit


def _groupable(a: int, b: int) -> bool:
    return a == _E or b == _E or (a == _C and b == _C)


def _overlap(xs: tuple[NameClass, ...], ys: tuple[NameClass, ...]) -> bool:
    if not xs or not ys:
        return False
    plain_x = {n for nc in xs if not nc_wild(nc) for n in nc_names(nc)}
    plain_y = {n for nc in ys if not nc_wild(nc) for n in nc_names(nc)}
    if plain_x & plain_y:
        return True
    wild_x = [nc for nc in xs if nc_wild(nc)]
    wild_y = [nc for nc in ys if nc_wild(nc)]
    if not wild_x and not wild_y:
        return False
    return any(nc_overlap(a, b) for a in wild_x or xs for b in ys) or any(
        nc_overlap(a, b) for a in xs for b in wild_y
    )
