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

_CLOSE, _END, _TEXT_ANY, _LENIENT = 1, 2, 3, 4
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
        self._text: Memo = Memo()
        self._dataful: dict[int, bool] = {}
        self._values: Memo = Memo()
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
        key = (p.id, tag, value)
        hit = self._att.get(key)
        if hit is None:
            hit = self._att.put(key, self._attribute(p, tag, value, ctx))
        return hit

    def _attribute(self, p: Pattern, tag: str, value: str, ctx) -> Pattern:
        P = self.p
        k = p.kind
        if k == CHOICE:
            return P.choices([self._attribute(a, tag, value, ctx) for a in alternatives(p)])
        if k == AFTER:
            return P.after(self._attribute(p.args[0], tag, value, ctx), p.args[1])
        if k in (GROUP, INTERLEAVE):
            a, b = p.args
            join = P.group if k == GROUP else P.interleave
            return P.choice(
                join(self._attribute(a, tag, value, ctx), b),
                join(a, self._attribute(b, tag, value, ctx)),
            )
        if k == ONE_OR_MORE:
            rest = P.choice(p, P.empty)
            return P.group(self._attribute(p.args[0], tag, value, ctx), rest)
        if k == ATTRIBUTE:
            ns, local = split_tag(tag)
            if nc_contains(p.args[0], ns, local) and self.value_matches(p.args[1], value, ctx):
                return P.empty
        return P.not_allowed

    def value_matches(self, p: Pattern, value: str, ctx) -> bool:
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
        key = (lib, type_, params, s)
        hit = self._values.get(key)
        if hit is None:
            hit = self._values.put(key, D.data_ok(lib, type_, params, s))
        if hit and lib == D.XSD_DT and type_ in ("QName", "NOTATION"):
            return _qname(s, ctx, None) is not None
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
