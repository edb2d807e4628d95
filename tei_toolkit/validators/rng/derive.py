"""James Clark's derivative algorithm for RELAX NG, memoised per (pattern, event).

"An algorithm for RELAX NG validation" (2002): startTagOpenDeriv, attDeriv,
startTagCloseDeriv, textDeriv, endTagDeriv. Patterns are hash-consed, so a memo hit
is a dict lookup and the validator's work per element is bounded by the schema.
"""

from __future__ import annotations

import re

from .. import datatypes as D
from .names import Memo
from .patterns import (
    AFTER,
    ATTRIBUTE,
    CHOICE,
    DATA,
    ELEMENT,
    GROUP,
    INTERLEAVE,
    LIST,
    ONE_OR_MORE,
    TEXT,
    VALUE,
    Pattern,
    Patterns,
    alternatives,
    children,
    nc_contains,
)  # fmt: skip
from .values import ValuePlans

# keys of Pattern.memo besides element tags and "@" + attribute names
_CLOSE, _END, _TEXT_ANY, _LENIENT, _FINISH, _SKIP, _FINISH_TEXT = 1, 2, 3, 4, 5, 6, 7
CLOSE, END, FINISH, FINISH_TEXT, TEXT_ANY = _CLOSE, _END, _FINISH, _FINISH_TEXT, _TEXT_ANY
_ANY_STRING = {"string", "normalizedString", "token"}
_WS = re.compile(r"[ \t\r\n]*\Z")


def is_ws(s: str) -> bool:
    return _WS.match(s) is not None


def split_tag(tag: str) -> tuple[str, str]:
    if tag[:1] == "{":
        ns, _, local = tag[1:].partition("}")
        return ns, local
    return "", tag


class Deriver:
    def __init__(self, pats: Patterns):
        self.p = pats
        self._att: Memo = Memo()
        self._tags: Memo = Memo()
        self._has_att: dict[int, bool] = {}
        self._text: Memo = Memo()
        self._dataful: dict[int, bool] = {}
        self._values: Memo = Memo()
        self._plans = ValuePlans(self.candidates, self.value_matches, self._values)
        # attribute pattern id -> 1 ID, 2 IDREF, 3 IDREFS (ids.IdTypes); after start_tag,
        # ``typed`` holds (attribute name, kind) of the start tag's typed attributes
        self.id_kinds: dict[int, int] = {}
        self.typed: tuple[tuple[str, int], ...] = ()
        self.one_id: str | None = None  # when ``typed`` is a single ID: its name
        self.has_qnames = False

    # ------------------------------------------------------------ start tag
    def open(self, p: Pattern, tag: str) -> Pattern:
        hit = p.memo.get(tag)
        if hit is None:
            hit = p.memo[tag] = self._open(p, tag)
        return hit

    def _open(self, p: Pattern, tag: str) -> Pattern:
        P = self.p
        k = p.kind
        if k == CHOICE:
            return P.choices([self.open(a, tag) for a in alternatives(p)])
        if k == ELEMENT:
            ns, local = split_tag(tag)
            if nc_contains(p.args[0], ns, local):
                return P.after(p.args[2].content or P.not_allowed, P.empty)
            return P.not_allowed
        if k == GROUP:
            a, b = p.args
            x = P.apply_after(lambda r: P.group(r, b), self.open(a, tag))
            return P.choice(x, self.open(b, tag)) if a.nullable else x
        if k == INTERLEAVE:
            a, b = p.args
            return P.choice(
                P.apply_after(lambda r: P.interleave(r, b), self.open(a, tag)),
                P.apply_after(lambda r: P.interleave(a, r), self.open(b, tag)),
            )
        if k == ONE_OR_MORE:
            rest = P.choice(p, P.empty)
            return P.apply_after(lambda r: P.group(r, rest), self.open(p.args[0], tag))
        if k == AFTER:
            a, b = p.args
            return P.apply_after(lambda r: P.after(r, b), self.open(a, tag))
        return P.not_allowed

    def attribute(self, p: Pattern, tag: str, value: str, ctx: dict | None) -> Pattern:
        # The derivative depends on the value only through which attribute patterns of
        # that name accept it: memoise on that, not on the value (ids are all different).
        cands = self.candidates(p, tag)
        if not cands:
            return self.p.not_allowed
        ok = tuple(a.id for a in cands if self.value_matches(a.args[1], value, ctx))
        return self._attribute(p, tag, ok)

    def start_tag(self, p: Pattern, items: list, ctx: dict | None) -> Pattern | None:
        """The state after all attributes (``items``: the element's (name, value) pairs)
        and the start tag's close, or None on any error."""
        self.typed = ()
        if not items:
            q = self.close(p)
            return None if q is self.p.not_allowed else q
        sig = []
        plans = p.plans  # per state: a dict keyed by the name alone is the fastest lookup
        for key, value in items:
            plan = plans.get(key)
            if plan is None:
                plan = self._plans.plan(p, key)
            fixed, checks, single = plan
            if single is not None:
                quick, check, ok = single
                if not ((quick is not None and quick(value) is not None) or check(value, ctx)):
                    ok = fixed
                    if not ok:
                        return None
            elif checks:
                ok = fixed + tuple(
                    a
                    for a, quick, check in checks
                    if (quick is not None and quick(value) is not None) or check(value, ctx)
                )
                if not ok:
                    return None
            elif not fixed:
                return None
            else:
                ok = fixed
            sig.append((key, ok))
        pid = p.id
        mkey = (pid, *sig)
        hit = self._tags.get(mkey)
        if hit is None:
            r = p
            for key, ok in sig:
                r = self._attribute(r, key, ok)
                if r is self.p.not_allowed:
                    break
            else:
                r = self.close(r)
            kinds = self.id_kinds
            typed = tuple(
                (key, max(kinds.get(a, 0) for a in ok))
                for key, ok in sig
                if kinds and any(a in kinds for a in ok)
            )
            one = typed[0][0] if len(typed) == 1 and typed[0][1] == 1 else None
            hit = self._tags.put(mkey, (r, typed, one))
        state, self.typed, self.one_id = hit
        return None if state is self.p.not_allowed else state

    def finish(self, p: Pattern, text: str, ctx: dict | None) -> Pattern:
        """The state after an element's only text (maybe empty) and its end tag."""
        ws = not text.strip(" \t\r\n")
        # Stored only for a state whose text is any text alike (whitespace or not): a hit
        # needs no further test.
        hit = p.memo.get(_FINISH if ws else _FINISH_TEXT)
        if hit is not None:
            return hit
        if not self.dataful(p):
            t = self.text(p, text, ctx)
            hit = p.memo[_FINISH if ws else _FINISH_TEXT] = self.end(
                self.p.choice(p, t) if ws else t
            )
            return hit
        t = self.text(p, text, ctx)
        return self.end(self.p.choice(p, t) if ws else t)

    def candidates(self, p: Pattern, tag: str) -> tuple[Pattern, ...]:
        key = "@" + tag
        hit = p.memo.get(key)
        if hit is None:
            ns, local = split_tag(tag)
            found: dict[int, Pattern] = {}
            seen: set[int] = set()
            stack = [p]
            while stack:
                q = stack.pop()
                if q.id in seen or not self.has_attributes(q):
                    continue
                seen.add(q.id)
                if q.kind == ATTRIBUTE:
                    if nc_contains(q.args[0], ns, local):
                        found[q.id] = q
                elif q.kind in (CHOICE, GROUP, INTERLEAVE):
                    stack.extend(q.args[:2])
                elif q.kind in (ONE_OR_MORE, AFTER):
                    stack.append(q.args[0])
            hit = p.memo[key] = tuple(found.values())
        return hit

    def has_attributes(self, p: Pattern) -> bool:
        hit = self._has_att.get(p.id)
        if hit is None:
            k = p.kind
            if k == ATTRIBUTE:
                hit = True
            elif k in (CHOICE, GROUP, INTERLEAVE):
                hit = self.has_attributes(p.args[0]) or self.has_attributes(p.args[1])
            elif k in (ONE_OR_MORE, AFTER):
                hit = self.has_attributes(p.args[0])
            else:
                hit = False
            self._has_att[p.id] = hit
        return hit

    def _attribute(self, p: Pattern, tag: str, ok: tuple) -> Pattern:
        P = self.p
        if not self.has_attributes(p):
            return P.not_allowed
        key = (p.id, tag, ok)
        hit = self._att.get(key)
        if hit is not None:
            return hit
        k = p.kind
        if k == CHOICE:
            out = P.choices([self._attribute(a, tag, ok) for a in alternatives(p)])
        elif k == AFTER:
            out = P.after(self._attribute(p.args[0], tag, ok), p.args[1])
        elif k in (GROUP, INTERLEAVE):
            a, b = p.args
            join = P.group if k == GROUP else P.interleave
            out = P.choice(
                join(self._attribute(a, tag, ok), b), join(a, self._attribute(b, tag, ok))
            )
        elif k == ONE_OR_MORE:
            out = P.group(self._attribute(p.args[0], tag, ok), P.choice(p, P.empty))
        elif k == ATTRIBUTE and p.id in ok:
            out = P.empty
        else:
            out = P.not_allowed
        return self._att.put(key, out)

    def value_matches(self, p: Pattern, value: str, ctx) -> bool:
        k = p.kind
        if k == TEXT:
            return True
        if k == DATA and p.args[3] is None:  # the usual attribute: one datatype
            return self._data_ok(p.args[0], p.args[1], p.args[2], value, ctx)
        if k == VALUE:
            return self._value_ok(p, value, ctx)
        return (p.nullable and is_ws(value)) or self.text(p, value, ctx).nullable

    def close(self, p: Pattern, lenient: bool = False) -> Pattern:
        key = _LENIENT if lenient else _CLOSE
        hit = p.memo.get(key)
        if hit is None:
            hit = p.memo[key] = self._close(p, lenient)
        return hit

    def _close(self, p: Pattern, lenient: bool) -> Pattern:
        P = self.p
        k = p.kind
        if k == CHOICE:
            return P.choices([self.close(a, lenient) for a in alternatives(p)])
        if k == AFTER:
            return P.after(self.close(p.args[0], lenient), p.args[1])
        if k == GROUP:
            return P.group(self.close(p.args[0], lenient), self.close(p.args[1], lenient))
        if k == INTERLEAVE:
            return P.interleave(self.close(p.args[0], lenient), self.close(p.args[1], lenient))
        if k == ONE_OR_MORE:
            return P.one_or_more(self.close(p.args[0], lenient))
        if k == ATTRIBUTE:
            return P.empty if lenient else P.not_allowed
        return p

    # ------------------------------------------------------------ text and end tag
    def dataful(self, p: Pattern) -> bool:
        """Does the text matched by ``p`` (outside elements) depend on its value?"""
        hit = self._dataful.get(p.id)
        if hit is None:
            if p.kind in (DATA, VALUE, LIST):
                hit = True
            else:
                self._dataful[p.id] = False  # cycles cannot occur outside elements
                hit = any(self.dataful(c) for c in children(p) if p.kind != ATTRIBUTE)
            self._dataful[p.id] = hit
        return hit

    def text(self, p: Pattern, s: str, ctx: dict | None) -> Pattern:
        if not self.dataful(p):
            hit = p.memo.get(_TEXT_ANY)
            if hit is None:
                hit = p.memo[_TEXT_ANY] = self._text_of(p, s, ctx)
            return hit
        key = (p.id, s)
        if self.has_qnames and ctx is not None:
            return self._text_of(p, s, ctx)  # the answer depends on the namespaces in scope
        hit = self._text.get(key)
        if hit is None:
            hit = self._text.put(key, self._text_of(p, s, ctx))
        return hit

    def _text_of(self, p: Pattern, s: str, ctx) -> Pattern:
        P = self.p
        k = p.kind
        if k == CHOICE:
            return P.choices([self.text(a, s, ctx) for a in alternatives(p)])
        if k in (GROUP, INTERLEAVE):
            a, b = p.args
            if k == INTERLEAVE:
                return P.choice(
                    P.interleave(self.text(a, s, ctx), b), P.interleave(a, self.text(b, s, ctx))
                )
            x = P.group(self.text(a, s, ctx), b)
            return P.choice(x, self.text(b, s, ctx)) if a.nullable else x
        if k == AFTER:
            return P.after(self.text(p.args[0], s, ctx), p.args[1])
        if k == ONE_OR_MORE:
            return P.group(self.text(p.args[0], s, ctx), P.choice(p, P.empty))
        if k == TEXT:
            return p
        if k == VALUE:
            return P.empty if self._value_ok(p, s, ctx) else P.not_allowed
        if k == DATA:
            lib, type_, params, except_ = p.args
            if not self._data_ok(lib, type_, params, s, ctx):
                return P.not_allowed
            if except_ is not None and self.value_matches(except_, s, ctx):
                return P.not_allowed
            return P.empty
        if k == LIST:
            q = p.args[0]
            for token in s.split():
                q = self.text(q, token, ctx)
            return P.empty if q.nullable else P.not_allowed
        return P.not_allowed

    def _value_ok(self, p: Pattern, s: str, ctx) -> bool:
        lib, type_, value, ns = p.args
        if lib == D.XSD_DT and type_ in ("QName", "NOTATION"):
            return _qname(s, ctx, ns) == value
        return D.value_ok(lib, type_, value, s)

    def _data_ok(self, lib, type_, params, s, ctx) -> bool:
        if lib == "":
            return True  # the built-in string and token accept anything
        if not params and type_ in _ANY_STRING:
            return True
        key = (type_, params, s)
        hit = self._values.get(key)
        if hit is None:
            hit = self._values.put(key, D.data_ok(lib, type_, params, s))
        if hit and lib == D.XSD_DT and type_ in ("QName", "NOTATION"):
            return _qname(s, ctx, None) is not None
        return hit

    def skip_required(self, p: Pattern) -> Pattern:
        """``p`` with every element it requires next made optional (jing's "not allowed
        yet; missing required element" recovery); the parent's continuation is kept."""
        hit = p.memo.get(_SKIP)
        if hit is None:
            P = self.p
            k = p.kind
            if k == ELEMENT:
                hit = P.choice(p, P.empty)
            elif k == CHOICE:
                hit = P.choices([self.skip_required(a) for a in alternatives(p)])
            elif k == GROUP:
                hit = P.group(self.skip_required(p.args[0]), self.skip_required(p.args[1]))
            elif k == INTERLEAVE:
                a, b = p.args
                hit = P.interleave(self.skip_required(a), self.skip_required(b))
            elif k == ONE_OR_MORE:
                hit = P.one_or_more(self.skip_required(p.args[0]))
            elif k == AFTER:
                hit = P.after(self.skip_required(p.args[0]), p.args[1])
            else:
                hit = p
            p.memo[_SKIP] = hit
        return hit

    def end(self, p: Pattern) -> Pattern:
        hit = p.memo.get(_END)
        if hit is None:
            P = self.p
            if p.kind == CHOICE:
                hit = P.choices([self.end(a) for a in alternatives(p)])
            elif p.kind == AFTER:
                hit = p.args[1] if p.args[0].nullable else P.not_allowed
            else:
                hit = P.not_allowed
            p.memo[_END] = hit
        return hit


def _qname(s: str, ctx: dict | None, default_ns: str | None) -> str | None:
    s = s.strip()
    prefix, colon, local = s.partition(":")
    nsmap = ctx or {}
    if not colon:
        return "{{{}}}{}".format(nsmap.get(None) or "", s)
    uri = nsmap.get(prefix)
    if uri is None:
        return None
    return f"{{{uri}}}{local}"
