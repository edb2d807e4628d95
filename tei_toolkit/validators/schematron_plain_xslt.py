"""The plain Schematron rules written as one XSLT 1.0 stylesheet (for libxslt).

One template per element name that some pattern names, one for every other element;
each runs, in schema order, the patterns that can apply to its element and goes on to
the children. A pattern keyed on an attribute (``tei:*[@calendar]``) runs from a
template for that attribute (mode ``tkp:a``), on its element. A rule is an
``xsl:when`` of the pattern's ``xsl:choose`` (a node takes the first rule it matches),
a check an ``xsl:if``. A firing prints ``pattern TAB check TAB node TAB message``
(``node``: what the caller's ``tkp:node`` function made of the node);
a rule that is not plain prints ``X`` wherever it may fire.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree


@dataclass
class Check:
    index: int
    condition: str  # XPath 1.0, on the context node: does this check fire?
    message: list  # the assertion's text: str, ("name", XPath) or ("value", XPath)
    subject: str | None


@dataclass
class Rule:
    match: str | None  # on an element: does the context match it (or its attribute's)?
    attribute: str | None  # an attribute context: the attribute's name
    checks: list[Check] | None  # None: some check is not plain
    needed: str = "true()"  # not plain: what holds on a node where one of them fires


@dataclass
class Pattern:
    elements: frozenset[str]  # a node for it has one of these names, or one of
    attributes: frozenset[str]  # these attributes; both empty: any element
    rules: list[Rule]


XSL = "http://www.w3.org/1999/XSL/Transform"
_X = f"{{{XSL}}}"
OWN = "urn:x-tei-toolkit:schematron-plain"


class Stylesheet:
    """Writes the stylesheet for a list of patterns (see the module's docstring)."""

    def __init__(self, ns: dict[str, str], patterns: list[Pattern]):
        self.ns = dict(ns)
        self.patterns = patterns

    def build(self, node) -> etree.XSLT:
        """``node(context, nodes)``: the extension function ``tkp:node``, which names a
        firing's node in the output (a number the caller maps back to the node)."""
        nsmap = {**self.ns, "xsl": XSL, "tkp": OWN}
        self.out = etree.Element(f"{_X}stylesheet", nsmap=nsmap, version="1.0")
        self._x(self.out, "output", method="text", encoding="UTF-8")
        top = self._x(self.out, "template", match="/")
        self._x(top, "apply-templates", select="*")
        anywhere = [i for i, p in enumerate(self.patterns) if not p.elements and not p.attributes]
        for name in sorted({n for p in self.patterns for n in p.elements}):
            test = self._qname(name)
            if test is not None:
                mine = [i for i, p in enumerate(self.patterns) if name in p.elements]
                self._template(test, sorted(mine + anywhere))
        self._template("*", anywhere)
        # An attribute that some pattern keys on runs that pattern on its element
        # (an element with two such attributes prints a firing twice: run() keeps one).
        self._x(self.out, "template", match="@*", mode="tkp:a", priority="-10")
        for name in sorted({n for p in self.patterns for n in p.attributes}):
            template = self._new_template(f"@{self._attribute(name)}", mode="tkp:a")
            owner = self._x(template, "for-each", select="..")
            for i, pattern in enumerate(self.patterns):
                if name in pattern.attributes:
                    self._pattern(owner, i, pattern)
        access = etree.XSLTAccessControl.DENY_ALL
        return etree.XSLT(self.out, access_control=access, extensions={(OWN, "node"): node})

    def _qname(self, clark: str) -> str | None:
        uri, _, local = clark[1:].partition("}")
        if not uri:
            return local
        prefix = next((k for k, v in self.ns.items() if v == uri), None)
        if prefix is None:
            prefix = f"tkn{len(self.ns)}"
            self.ns[prefix] = uri  # declared on the template that uses it
        return f"{prefix}:{local}"

    def _new_template(self, match: str, **attrs) -> etree._Element:
        nsmap = {k: v for k, v in self.ns.items() if k not in self.out.nsmap}
        return etree.SubElement(
            self.out, f"{_X}template", nsmap=nsmap or None, match=match, **attrs
        )

    def _template(self, match: str, patterns: list[int]) -> None:
        template = self._new_template(match)
        for i in patterns:
            self._pattern(template, i, self.patterns[i])
        self._x(template, "apply-templates", select="@*", mode="tkp:a")
        self._x(template, "apply-templates", select="*")

    def _attribute(self, name: str) -> str:
        if name.startswith("{"):
            qname = self._qname(name)
            return qname or "tkp:none"
        return name

    def _pattern(self, parent, number: int, pattern: Pattern) -> None:
        if any(r.match is None for r in pattern.rules):
            self._x(parent, "text").text = "X\n"
            return
        choose = self._x(parent, "choose")
        for rule in pattern.rules:
            when = self._x(choose, "when", test=rule.match)
            body = when
            if rule.attribute is not None:
                body = self._x(when, "for-each", select=f"@{rule.attribute}")
            if rule.checks is None:
                fire = self._x(body, "if", test=rule.needed if rule.attribute is None else "true()")
                self._x(fire, "text").text = "X\n"
                continue
            for check in rule.checks:
                self._check(self._x(body, "if", test=check.condition), number, check)

    def _check(self, fire, number: int, check: Check) -> None:
        message = self._x(fire, "variable", name="tkp:m")
        for part in check.message:
            if isinstance(part, str):
                self._x(message, "text").text = part
            elif part[0] == "nodes":
                each = self._x(message, "for-each", select=part[1])
                space = self._x(each, "if", test="position() > 1")
                self._x(space, "text").text = " "
                self._x(each, "value-of", select=".")
            else:
                self._x(message, "value-of", select=part[1])
        self._x(fire, "text").text = f"{number}\t{check.index}\t"
        where = f"({check.subject})[1]" if check.subject else "."
        self._x(fire, "value-of", select=f"tkp:node({where})")
        self._x(fire, "text").text = "\t"
        self._x(fire, "value-of", select="normalize-space($tkp:m)")
        self._x(fire, "text").text = "\n"

    @staticmethod
    def _x(parent, instruction: str, **attrs) -> etree._Element:
        return etree.SubElement(parent, f"{_X}{instruction}", **attrs)


def axis(test: str, axis: str) -> str:
    if test.startswith("("):
        return f"{axis}::*[" + " or ".join(f"self::{n}" for n in test[1:-1].split("|")) + "]"
    return f"{axis}::{test}"
