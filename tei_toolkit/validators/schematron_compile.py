"""Compile an ISO Schematron schema into one XSLT 3.0 stylesheet.

The stylesheet is run by SaxonC-HE (see ``schematron.py``).  Its output is
plain text, one line per failed assert or successful report::

    <check index> TAB <fn:path() of the context node> TAB <message>

so that reading the result costs one ``str.split``.  A check whose XPath
raises a dynamic error (``"abc" cast as xs:integer``) prints ``E<index>``
and Saxon's description instead of aborting the whole document.

How Schematron maps onto XSLT here:

* each pattern is an ``xsl:mode``; its rules are templates in that mode with
  descending priorities, so a node fires only the first rule that matches it
  (ISO Schematron's rule-firing semantics);
* the root template applies each mode to the nodes its rules can match: taken
  from an index when the contexts name them (``schematron_index.py``; 236 of
  tei_all's 237 patterns), else ``//(context1 | context2 ...)``, which by the
  XSLT 3.0 definition of a pattern contains every such node (a context that calls
  ``current()`` falls back to all nodes, since ``current()`` means something else
  in an expression);
* ``sch:let`` becomes a global variable (schema), a tunnel parameter bound
  with the document as context (pattern), or a local variable (rule). As in the ISO
  skeleton, a pattern's ``sch:let`` whose name no other let takes is a global variable,
  and an ``xsl:key`` in a pattern a global key (TEI's jTEI ODD relies on both).

Preprocessing (``schematron_preprocess.py``) follows the standard order:
``sch:include``, abstract rules (``sch:extends``), abstract patterns (``is-a`` with
``sch:param``), phases.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..diagnostics import SchemaError
from .sandbox import Policy, check_schema, check_stylesheet
from .schematron_index import ContextIndex
from .schematron_preprocess import (
    SCH_NS,
    active_patterns,
    expand_abstract_patterns,
    expand_abstract_rules,
    load,
)

XSL_NS = "http://www.w3.org/1999/XSL/Transform"
ERR_NS = "http://www.w3.org/2005/xqt-errors"
XSD_NS = "http://www.w3.org/2001/XMLSchema"
# Prefix of the compiler's own names (modes, variables) in the stylesheet.
OWN_PREFIX = "tkx"
OWN_NS = "urn:x-tei-toolkit:schematron"

_S = f"{{{SCH_NS}}}"
_X = f"{{{XSL_NS}}}"
# Foreign top-level elements that a schema may carry for its XPaths to use (never
# xsl:include or xsl:import: a schema may not pull in stylesheets; see sandbox.py).
_XSL_DECLARATIONS = {f"{_X}key", f"{_X}function"}
_XPATH_BINDINGS = {
    None,
    "",
    "xslt",
    "xslt1",
    "xslt2",
    "xslt3",
    "xpath",
    "xpath2",
    "xpath3",
    "xpath31",
    "xslt2.0",
    "xslt3.0",
}


@dataclass(frozen=True)
class Check:
    """One sch:assert or sch:report, as the compiled stylesheet numbers it."""

    index: int
    kind: str  # "assert" | "report"
    code: str  # the assert's, rule's or pattern's @id
    role: str | None
    flag: str | None
    pattern: str | None
    context: str
    test: str


@dataclass(frozen=True)
class CompiledSchema:
    xslt: str
    checks: tuple[Check, ...]
    title: str | None
    # The preprocessed schema and its active patterns, kept to explain a failure.
    schema: etree._Element = field(repr=False, compare=False)
    patterns: tuple = field(repr=False, compare=False)

    policy: Policy = field(default=Policy(trusted=False), repr=False, compare=False)
    # the prefixes the schema's expressions use
    namespaces: dict = field(default_factory=dict, repr=False, compare=False)

    def pattern_xslt(self, number: int) -> str:
        """A stylesheet with only the ``number``-th pattern (0-based)."""
        return _Generator(self.schema, [self.patterns[number]], self.policy).run().xslt

    def pattern_label(self, number: int) -> str:
        pattern = self.patterns[number]
        return pattern.get("id") or f"pattern {number + 1}"


def compile_schema(
    path: str | Path, *, phase: str | None = None, policy: Policy | None = None
) -> CompiledSchema:
    """Read a .sch file and return the XSLT text plus the table of its checks.

    ``policy`` says who named the schema (default: the user, trusted); the schema is
    refused (``Refused``) if it asks for what the policy forbids -- see sandbox.py."""
    policy = policy or Policy.user(Path(path))
    root = load(Path(path), policy=policy)
    return compile_tree(root, phase=phase, base=Path(path), policy=policy)


def compile_tree(
    root: etree._Element,
    *,
    phase: str | None = None,
    base: Path | None = None,
    policy: Policy | None = None,
) -> CompiledSchema:
    where = str(base) if base else None
    policy = policy or Policy.user(base)
    if root.tag != f"{_S}schema":
        raise SchemaError(
            f"not an ISO Schematron schema (expected sch:schema in {SCH_NS})",
            code="sch:schema",
            file=where,
        )
    binding = (root.get("queryBinding") or "").strip().lower() or None
    if binding not in _XPATH_BINDINGS:
        raise SchemaError(
            f"unsupported Schematron queryBinding {binding!r}; "
            "tei-toolkit runs XPath/XSLT bindings",
            code="sch:schema",
            file=where,
        )
    root = copy.deepcopy(root)
    expand_abstract_rules(root)
    expand_abstract_patterns(root)
    generator = _Generator(root, active_patterns(root, phase), policy, where)
    return generator.run()


# -- code generation -----------------------------------------------------------------------


def _x(parent, instruction: str, **attrs) -> etree._Element:
    """Append an XSL element; attribute names use "_" for "-" (on_no_match)."""
    el = etree.SubElement(parent, f"{_X}{instruction}")
    for key, value in attrs.items():
        el.set(key.rstrip("_").replace("_", "-"), value)
    return el


def _own(name: str) -> str:
    return f"{OWN_PREFIX}:{name}"


def _unshared_pattern_lets(schema: etree._Element, patterns: list) -> list:
    """Pattern-level lets whose name no other schema- or pattern-level let uses."""
    lets = [let for p in patterns for let in p.findall(f"{_S}let")]
    names = [let.get("name") for let in (*schema.findall(f"{_S}let"), *lets)]
    return [let for let in lets if names.count(let.get("name")) == 1]


class _Generator:
    """Builds the stylesheet tree; one instance per compilation."""

    def __init__(
        self,
        schema: etree._Element,
        patterns: list,
        policy: Policy | None = None,
        where: str | None = None,
    ):
        self.schema = schema
        self.patterns = patterns
        self.policy = policy or Policy(trusted=False)
        self.where = where
        self.checks: list[Check] = []
        self.diagnostics = {d.get("id"): d for d in schema.iter(f"{_S}diagnostic")}
        self.global_lets = _unshared_pattern_lets(schema, patterns)
        # sch:ns is the standard; the schema element's own declarations and xs are
        # honoured too, as schemas written for other processors rely on them.
        nsmap = {"xs": XSD_NS}
        nsmap.update((k, v) for k, v in schema.nsmap.items() if k and v != SCH_NS)
        reserved = {"xsl": XSL_NS, OWN_PREFIX: OWN_NS}
        for ns in schema.iter(f"{_S}ns"):
            prefix, uri = ns.get("prefix"), ns.get("uri")
            if reserved.get(prefix, uri) != uri:
                raise SchemaError(
                    f"sch:ns prefix {prefix!r} is reserved by the compiler", code="sch:schema"
                )
            nsmap[prefix] = uri
        nsmap.update(reserved)
        self.out = etree.Element(f"{_X}stylesheet", nsmap=nsmap)
        self.index = ContextIndex(self.out, _own)
        self.out.set("version", "3.0")
        self.out.set("exclude-result-prefixes", "#all")
        if where:  # relative URIs in the schema's expressions resolve beside the schema
            self.out.set(
                "{http://www.w3.org/XML/1998/namespace}base", Path(where).resolve().as_uri()
            )

    def run(self) -> CompiledSchema:
        # Checked twice: the schema (for a message with its line), then what Saxon will run.
        check_schema(self.schema, dict(self.out.nsmap), self.policy, file=self.where)
        _x(self.out, "output", method="text", encoding="UTF-8")
        for child in self.schema:
            if child.tag in _XSL_DECLARATIONS:
                self.out.append(copy.deepcopy(child))
        for let in self.schema.findall(f"{_S}let"):
            self._variable(self.out, let)
        for pattern in self.patterns:
            self.out.extend(copy.deepcopy(c) for c in pattern if c.tag in _XSL_DECLARATIONS)
        for let in self.global_lets:
            self._variable(self.out, let)
        _x(self.out, "variable", name=_own("all"), select="/ | //node() | //@*")
        main = _x(self.out, "template", match="/")
        for number, pattern in enumerate(self.patterns, 1):
            self._pattern(main, pattern, number)
        title = self.schema.findtext(f"{_S}title")
        check_stylesheet(self.out, self.policy, file=self.where)
        xslt = etree.tostring(self.out, encoding="unicode", pretty_print=True)
        return CompiledSchema(
            xslt,
            tuple(self.checks),
            title and " ".join(title.split()),
            self.schema,
            tuple(self.patterns),
            self.policy,
            {k: v for k, v in self.out.nsmap.items() if k},
        )

    def _pattern(self, main, pattern, number: int) -> None:
        mode = _own(f"p{number}")
        rules = [r for r in pattern.findall(f"{_S}rule") if r.get("context")]
        if not rules:
            return
        _x(self.out, "mode", name=mode, on_no_match="deep-skip")
        contexts = [r.get("context") for r in rules]
        if any("current(" in c for c in contexts):
            select = f"${_own('all')}"
        elif (keyed := self.index.select(contexts)) is not None:  # no walk per pattern
            select = keyed
        else:
            select = (
                "//(" + " | ".join(f"({c})" for c in contexts) + ")"
                if len(contexts) > 1
                else f"//({contexts[0]})"
            )
        apply = _x(main, "apply-templates", select=select, mode=mode)
        lets = [let for let in pattern.findall(f"{_S}let") if let not in self.global_lets]
        for let in lets:
            self._variable(apply, let, element="with-param", tunnel="yes")
        for rank, rule in enumerate(rules):
            template = _x(
                self.out,
                "template",
                match=rule.get("context"),
                mode=mode,
                priority=str(len(rules) - rank),
            )
            for let in lets:
                _x(template, "param", name=let.get("name"), tunnel="yes")
            self._rule(template, rule, pattern)

    def _rule(self, template, rule, pattern) -> None:
        first = len(self.checks)
        body = _x(template, "try")
        for child in rule:
            if child.tag == f"{_S}let":
                self._variable(body, child)
            elif child.tag in (f"{_S}assert", f"{_S}report"):
                self._check(body, child, rule, pattern)
        if len(self.checks) == first:
            template.remove(body)
            return
        # A dynamic error (a bad cast, say) reports against the rule's first check
        # instead of aborting the whole document.
        catch = _x(body, "catch")
        _x(
            catch,
            "value-of",
            separator="\t",
            select=f"'E{first}', path(.), $Q{{{ERR_NS}}}description",
        )
        _x(catch, "text").text = "\n"

    def _check(self, parent, node, rule, pattern) -> None:
        index = len(self.checks)
        kind = etree.QName(node).localname
        test = node.get("test") or "false()"
        self.checks.append(
            Check(
                index=index,
                kind=kind,
                code=node.get("id")
                or rule.get("id")
                or pattern.get("id")
                or f"pattern-{self.patterns.index(pattern) + 1}",
                role=node.get("role") or rule.get("role") or pattern.get("role"),
                flag=node.get("flag") or rule.get("flag"),
                pattern=pattern.get("id"),
                context=rule.get("context"),
                test=test,
            )
        )
        cond = f"not({test})" if kind == "assert" else f"({test})"
        fire = _x(parent, "if", test=cond)
        message = _x(fire, "variable", name=_own("m"), as_=f"Q{{{XSD_NS}}}string")
        inner = _x(message, "value-of", separator="")
        self._text(inner, node)
        for ref in (node.get("diagnostics") or "").split():
            if ref in self.diagnostics:
                _x(inner, "text").text = " "
                self._text(inner, self.diagnostics[ref])
        subject = node.get("subject") or rule.get("subject")
        where = f"path(({subject})[1])" if subject else "path(.)"
        _x(
            fire,
            "value-of",
            separator="\t",
            select=f"'{index}', {where}, normalize-space(${_own('m')})",
        )
        _x(fire, "text").text = "\n"

    def _text(self, out, node) -> None:
        """Translate mixed content: text, sch:name, sch:value-of, inline markup."""
        if node.text:
            _x(out, "text").text = node.text
        for child in node:
            if child.tag == f"{_S}name":
                target = child.get("path")
                _x(out, "value-of", select=f"name({target})" if target else "name(.)")
            elif child.tag == f"{_S}value-of":
                _x(out, "value-of", select=child.get("select") or "''")
            elif isinstance(child.tag, str):
                self._text(out, child)  # sch:emph, sch:dir, sch:span, foreign: keep the text
            if child.tail:
                _x(out, "text").text = child.tail

    def _variable(self, parent, let, element: str = "variable", **extra) -> None:
        name = let.get("name")
        if not name:
            raise SchemaError("sch:let without a name", code="sch:schema")
        var = _x(parent, element, name=name, **extra)
        if let.get("value") is not None:
            var.set("select", let.get("value"))
        else:  # ISO 2016: the value is the let's content, a document fragment
            for child in let:
                var.append(copy.deepcopy(child))
            var.text = let.text
