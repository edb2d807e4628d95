"""Which attribute patterns accept a value: planned once per (state, attribute name).

A start tag's derivative depends on each value only through which of the candidate
attribute patterns accept it (derive.Deriver.start_tag). The plan lists the candidates
that accept anything (text, string, token) and, for the others, a quick test.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .. import datatypes as D
from .names import Memo
from .patterns import DATA, TEXT, Pattern

_ANY_STRING = {"string", "normalizedString", "token"}
# Values almost always ASCII and of a simple shape, and often all different (an ID per
# element): a regex says yes at once, and only what it does not accept is checked in
# full. No memo for them: a miss and a store cost more than the check (~1.2 us).
_WS = "[ \t\n\r]*"
_NAME = "[A-Za-z_][A-Za-z0-9._-]*"
_URI = '[!"$-~]*'  # printable ASCII but the space and '#'
_QUICK = {
    "ID": re.compile(f"{_WS}{_NAME}{_WS}\\Z"),
    "IDREF": re.compile(f"{_WS}{_NAME}{_WS}\\Z"),
    "NCName": re.compile(f"{_WS}{_NAME}{_WS}\\Z"),
    "anyURI": re.compile(f"{_WS}{_URI}(?:#{_URI})?{_WS}\\Z"),
}


class ValuePlans:
    """Plans per (state, attribute name), kept on the state (``Pattern.plans``): (ids
    accepting any value, ((id, check), ...), single), where ``single`` is (check, the ids
    with it) when there is exactly one check (the common case, taken without building a
    tuple), else None."""

    PER_STATE = 1_000  # names planned per state before its plans are forgotten

    def __init__(self, candidates: Callable, value_matches: Callable, values: Memo):
        self.candidates = candidates  # Deriver.candidates
        self.value_matches = value_matches  # Deriver.value_matches
        self.verdicts = values  # the deriver's memo of datatype verdicts

    def plan(self, p: Pattern, key: str) -> tuple:
        """``make``'s plan, kept in ``p.plans`` (bounded: the names come from documents)."""
        if len(p.plans) >= self.PER_STATE:
            p.plans.clear()
        plan = p.plans[key] = self.make(p, key)
        return plan

    def make(self, p: Pattern, key: str) -> tuple[tuple[int, ...], tuple, tuple | None]:
        """How to tell which attribute patterns of ``p`` named ``key`` accept a value:
        (the ids of those that accept any value, ((id, quick, check), ...), single).
        A value is accepted by a checked pattern when ``quick`` (a regex's match, or
        None) matches it or else ``check(value, ctx)`` says yes."""
        fixed: list[int] = []
        checks: list[tuple[int, Callable | None, Callable]] = []
        for a in self.candidates(p, key):
            test = self._checker(a.args[1])
            if test is None:
                fixed.append(a.id)
            else:
                checks.append((a.id, *test))
        single = None
        if len(checks) == 1:
            _id, quick, check = checks[0]
            single = (quick, check, (*fixed, _id))
        return tuple(fixed), tuple(checks), single

    def _checker(self, v: Pattern) -> tuple[Callable | None, Callable] | None:
        """(a quick match or None, the full check) of a value against ``v``; None when
        every value matches."""
        if v.kind == TEXT:
            return None
        if v.kind == DATA and v.args[3] is None:
            lib, type_, params, _ = v.args
            if lib == "" or (not params and type_ in _ANY_STRING):
                return None
            if lib == D.XSD_DT and type_ in ("QName", "NOTATION"):
                return None, lambda value, ctx: self.value_matches(v, value, ctx)
            quick = _QUICK.get(type_) if lib == D.XSD_DT and not params else None
            if quick is not None:
                # the regex in C first (no Python call); only what it refuses in full
                return quick.match, lambda value, ctx: D.data_ok(lib, type_, params, value)
            values = self.verdicts

            def check(value: str, ctx, key=(type_, params)) -> bool:
                hit = values.get((*key, value))
                if hit is None:
                    hit = values.put((*key, value), D.data_ok(lib, type_, params, value))
                return hit

            return None, check
        return None, self._any_check(v)

    def _any_check(self, v: Pattern) -> Callable:
        """A list, a choice of values, ...: the full derivative, its verdict kept per value
        (tokens such as ``rend="italic"`` repeat) unless namespaces in scope matter."""
        values, matches, vid = self.verdicts, self.value_matches, v.id

        def check(value: str, ctx) -> bool:
            if ctx is not None:  # a QName somewhere in the schema: the context counts
                return matches(v, value, ctx)
            hit = values.get((vid, value))
            if hit is None:
                hit = values.put((vid, value), matches(v, value, ctx))
            return hit

        return check
