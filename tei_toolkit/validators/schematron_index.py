"""Where a Schematron pattern's nodes are found: an index instead of a walk per pattern.

A pattern is applied to every node its rules can match. Written as ``//(context | ...)``
that is one walk of the whole document per pattern, and TEI's tei_all has ~240
patterns. When every rule context names what it matches -- elements of one name
(``tei:ptr[...]``), attributes of one name (``tei:rt/@target``), elements with a named
attribute (``tei:*[@calendar]``), a union of those, or a path ending in one -- the
nodes come from ``xsl:key`` indexes instead, built in one walk (Saxon builds a key on
first use). What a key gives is a superset of what the rules match; the templates still
decide which rule fires, so the firings are those of the walk (tests/test_schematron.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree

XSL_NS = "http://www.w3.org/1999/XSL/Transform"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_STEP = re.compile(r"\s*([A-Za-z_][\w.-]*):(\*|[A-Za-z_][\w.-]*)")
_ATTRIBUTE_TEST = re.compile(r"\s*@([A-Za-z_][\w.-]*)(?::([A-Za-z_][\w.-]*))?\s*\Z")


def _predicates(rest: str) -> list[str] | None:
    """The contents of the predicates that make up ``rest`` (``[...]`` groups, brackets
    and quotes balanced, spaces between), or None when ``rest`` is anything else."""
    found: list[str] = []
    depth, quote, start = 0, "", 0
    for i, ch in enumerate(rest):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            if depth == 0:
                return None
            quote = ch
        elif ch in "[(":
            if depth == 0:
                if ch == "(":
                    return None
                start = i + 1
            depth += 1
        elif ch in "])":
            depth -= 1
            if depth < 0:
                return None
            if depth == 0:
                found.append(rest[start:i])
        elif depth == 0 and not ch.isspace():
            return None
    return found if depth == 0 and not quote else None


def _split(expression: str, separator: str) -> list[str]:
    """``expression`` cut at each ``separator`` (a character or a word such as
    `` and ``) outside brackets, parentheses and quotes (a ``//`` cut at ``/`` gives an
    empty part, harmless for the last step)."""
    parts, depth, quote, start = [], 0, "", 0
    for i, ch in enumerate(expression):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch in "[(":
            depth += 1
        elif ch in "])":
            depth -= 1
        elif depth == 0 and expression.startswith(separator, i) and i >= start:
            parts.append(expression[start:i])
            start = i + len(separator)
    parts.append(expression[start:])
    return parts


def _first_conjunct(predicate: str) -> str:
    """``@a`` of ``@a and ...`` (outside brackets and quotes), else the predicate."""
    return _split(predicate, " and ")[0]


def _qname(expanded: str) -> str:
    """``{uri}local`` as an XPath expression for that xs:QName (what the keys index)."""
    uri, _, local = expanded[1:].partition("}")
    return f"QName('{uri}', '{local}')"


def _grouped(keys) -> list[tuple[tuple[str, str], set[str]]]:
    by: dict[tuple[str, str], set[str]] = {}
    for index, name in keys:
        by.setdefault(index, set()).add(name)
    return sorted(by.items())


class ContextIndex:
    """The keys of one stylesheet (``out``), declared as patterns need them."""

    def __init__(self, out: etree._Element, own: Callable[[str], str]):
        self.out = out
        self.own = own  # the compiler's own QName for a name
        self.declared: set[str] = set()

    def select(self, contexts: list[str]) -> str | None:
        """An expression giving every node the ``contexts`` match, from the keys; None
        when one of them is not of a form known here (then: walk the document)."""
        keys = [self._context_keys(c) for c in contexts]
        if not all(keys):
            return None
        return " | ".join(
            f"key('{self.own(index)}', ({', '.join(sorted(_qname(n) for n in names))}))"
            + ("/@*" if nodes == "attributes" else "")
            for (index, nodes), names in _grouped(k for ks in keys if ks for k in ks)
        )

    def _context_keys(self, context: str) -> list[tuple[tuple[str, str], str]] | None:
        """Where the indexes hold every node ``context`` matches, one entry per branch
        of a union: ((index, what is selected), expanded name); None when one branch
        is not of a form known here. The last step of a path decides what it matches."""
        found = []
        for branch in _split(context, "|"):
            last = _split(branch, "/")[-1]
            key = self._step_key(last)
            if key is None:
                return None
            found.append(key)
        return found

    def _step_key(self, step: str) -> tuple[tuple[str, str], str] | None:
        a = _ATTRIBUTE_TEST.match(step)
        if a is not None:  # an attribute: those of the elements that have one so named
            name = self._attribute_name(a)
            return None if name is None else (("attributes", "attributes"), name)
        m = _STEP.match(step)
        predicates = _predicates(step[m.end() :]) if m else None
        if m is None or predicates is None:
            return None
        for predicate in predicates:  # [@name], [@name and ...]: elements with one
            a = _ATTRIBUTE_TEST.match(_first_conjunct(predicate))
            name = self._attribute_name(a) if a is not None else None
            if name is not None:
                return ("attributes", "elements"), name
        if m.group(2) == "*":
            return None
        name = self._expanded(m.group(1), m.group(2))
        if name is None:
            return None
        self._declare("elements", ".")
        return ("elements", "elements"), name

    def _attribute_name(self, a: re.Match) -> str | None:
        self._declare("attributes", "@*")
        return self._expanded(a.group(1), a.group(2)) if a.group(2) else "{}" + a.group(1)

    def _expanded(self, prefix: str, local: str) -> str | None:
        uri = XML_NS if prefix == "xml" else self.out.nsmap.get(prefix)
        if uri is None or "'" in uri or "}" in uri:
            return None
        return f"{{{uri}}}{local}"

    def _declare(self, name: str, nodes: str) -> None:
        """Declare the key ``name``: each element under the expanded names of ``nodes``."""
        if name in self.declared:
            return
        self.declared.add(name)
        key = etree.Element(
            f"{{{XSL_NS}}}key",
            name=self.own(name),
            match="*",
            use=f"{nodes} ! node-name()",
        )
        self.out.insert(1, key)  # after xsl:output
