"""Which attribute patterns accept a value: planned once per (state, attribute name).

A start tag's derivative depends on each value only through which of the candidate
attribute patterns accept it (derive.Deriver.start_tag). The plan lists the candidates
that accept anything (text, string, token) and, for the others, a quick test.
"""

from __future__ import annotations

from collections.abc import Callable

from .. import datatypes as D
from .names import Memo
from .patterns import DATA, TEXT, Pattern

_ANY_STRING = {"string", "normalizedString", "token"}


class ValuePlans(Memo):
    """(state id, attribute name) -> (ids accepting any value, ((id, check), ...))."""

    def __init__(self, candidates: Callable, value_matches: Callable, values: Memo):
        super().__init__()
        self.candidates = candidates  # Deriver.candidates
        self.value_matches = value_matches  # Deriver.value_matches
        self.verdicts = values  # the deriver's memo of datatype verdicts

    def make(self, p: Pattern, key: str) -> tuple[tuple[int, ...], tuple]:
        """How to tell which attribute patterns of ``p`` named ``key`` accept a value:
        (the ids of those that accept any value, ((id, check(value, ctx)), ...))."""
        fixed: list[int] = []
        checks: list[tuple[int, Callable]] = []
        for a in self.candidates(p, key):
            check = self._checker(a.args[1])
            if check is None:
                fixed.append(a.id)
            else:
                checks.append((a.id, check))
        return tuple(fixed), tuple(checks)

    def _checker(self, v: Pattern) -> Callable | None:
        """A quick test of a value against ``v``; None when every value matches."""
        if v.kind == TEXT:
            return None
        if v.kind == DATA and v.args[3] is None:
            lib, type_, params, _ = v.args
            if lib == "" or (not params and type_ in _ANY_STRING):
                return None
            if lib == D.XSD_DT and type_ in ("QName", "NOTATION"):
                return lambda value, ctx: self.value_matches(v, value, ctx)
            values = self.verdicts

            def check(value: str, ctx, key=(type_, params)) -> bool:
                hit = values.get((*key, value))
                if hit is None:
                    hit = values.put((*key, value), D.data_ok(lib, type_, params, value))
                return hit

            return check
        return lambda value, ctx: self.value_matches(v, value, ctx)
