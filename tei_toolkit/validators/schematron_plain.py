"""Schematron rules that mean the same in XPath 1.0, run by libxml2 on the parsed tree.

Saxon parses every document again into its own tree, and that parse is most of what
the TEI Schematron costs (0.7 s of CPU for the 59 plays and novels of
../shared/corpora, against 0.3 s for running the rules). Most of TEI's rules are
*plain*: their contexts and tests are XPath 1.0 expressions whose value is the same
under XPath 2.0 (no numbers but counts and lengths, no order comparisons of strings,
string functions only on single nodes, no variables, no ``current()``). For a document
in which no other rule can fire, the plain rules are run here, on the tree lxml has
already built, with one pass of libxml2's XPath over the document; otherwise Saxon runs
the whole schema as before (``schematron.py``). The answers are the same either way:
tests/test_schematron_plain.py runs both on real TEI and on generated documents.

A rule fires here exactly as in the compiled stylesheet: a node takes the first rule
of a pattern whose context it matches; an assert fires when its test is false, a
report when it is true; messages are the assertion's text with ``sch:name`` and
``sch:value-of`` evaluated (a node sequence joined by spaces) and whitespace
normalised; findings come pattern by pattern, in document order.
"""

from __future__ import annotations

import re
import threading

from lxml import etree

from .schematron_compile import OWN_PREFIX, CompiledSchema
from .schematron_index import ContextIndex, _predicates, _split
from .schematron_plain_xslt import Check, Pattern, Rule, Stylesheet, axis
from .schematron_preprocess import SCH_NS
from .xpath1 import _CALL, _STRING, needed, plain

_S = f"{{{SCH_NS}}}"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_NAME_TEST = re.compile(r"\s*(?:([A-Za-z_][\w.-]*):)?(\*|[A-Za-z_][\w.-]*)\s*\Z")
_ATTRIBUTE_STEP = re.compile(r"\s*@(?:([A-Za-z_][\w.-]*):)?(\*|[A-Za-z_][\w.-]*)")
_ELEMENT_STEP = re.compile(r"\s*(?:([A-Za-z_][\w.-]*):)?(\*|[A-Za-z_][\w.-]*)")


class PlainRules:
    """The plain rules of one compiled schema as one XSLT 1.0 stylesheet; ``run``
    gives the stylesheet's output for one tree as Saxon would, or None when Saxon must
    run instead."""

    def __init__(self, compiled: CompiledSchema, namespaces: dict[str, str]):
        self.ns = {k: v for k, v in namespaces.items() if k and k not in ("xsl", OWN_PREFIX)}
        self.ns.setdefault("xml", XML_NS)
        self.patterns: list[Pattern] = []
        self._index = ContextIndex(etree.Element("keys", nsmap=self.ns), str)
        diagnostics = {d.get("id"): d for d in compiled.schema.iter(f"{_S}diagnostic")}
        index = 0
        for pattern in compiled.patterns:
            rules = [r for r in pattern.findall(f"{_S}rule") if r.get("context")]
            if not rules:
                continue
            lets = pattern.find(f"{_S}let") is not None
            made = []
            for rule in rules:
                checks = [c for c in rule if c.tag in (f"{_S}assert", f"{_S}report")]
                made.append(self._rule(rule, checks, index, diagnostics, lets))
                index += len(checks)
            if len(made) > 1 and any(r.attribute for r in made):
                made = [Rule(None, None, None)] * len(made)  # mixed: not modelled
            elements, attributes = self._names([r.get("context") for r in rules])
            self.patterns.append(Pattern(elements, attributes, made))
        # schema variables, and a rule that could be anywhere and is not understood
        usable = compiled.schema.find(f"{_S}let") is None and index == len(compiled.checks)
        usable = usable and not any(k.startswith(("tkp", "tkn")) for k in self.ns)  # ours
        if any(
            not p.elements and not p.attributes and any(r.match is None for r in p.rules)
            for p in self.patterns
        ):
            usable = False
        self.stylesheet = None
        self._nodes: list = []  # the nodes of the run under way (``_node``)
        self._numbers: dict = {}
        self._lock = threading.Lock()
        if usable:
            try:
                self.stylesheet = Stylesheet(self.ns, self.patterns).build(self._node)
            except etree.XSLTParseError:  # an expression libxslt reads otherwise: Saxon
                self.stylesheet = None
        # every rule plain: Saxon is needed only if the stylesheet fails on a document
        self.complete = self.stylesheet is not None and all(
            r.checks is not None for p in self.patterns for r in p.rules
        )

    # ------------------------------------------------------------ building
    def _names(self, contexts: list[str]) -> tuple[frozenset[str], frozenset[str]]:
        """The element names and attribute names, one of which a node matching the
        contexts has (as the stylesheet's keys: schematron_index.py); none: any."""
        keys = [self._index._context_keys(c) for c in contexts]
        if not all(keys):
            return frozenset(), frozenset()
        elements: set[str] = set()
        attributes: set[str] = set()
        for (kind, _nodes), name in (k for ks in keys for k in ks or []):
            (elements if kind == "elements" else attributes).add(name)
        return frozenset(elements), frozenset(attributes)

    def _rule(self, rule, checks, first: int, diagnostics, lets: bool) -> Rule:
        found = [self._branch(b) for b in _split(rule.get("context"), "|")]
        branches = [b for b in found if b is not None]
        if len(branches) < len(found) or len({b[1] is None for b in branches}) > 1:
            return Rule(None, None, None)
        attribute = branches[0][1]
        if attribute is not None and len(branches) > 1:
            return Rule(None, None, None)
        match = " or ".join(f"({b[0]})" for b in branches)
        if not self._compiles(match):
            return Rule(None, None, None)
        made: list[Check] | None = []
        if lets or rule.find(f"{_S}let") is not None:
            made = None
        for n, node in enumerate(checks):
            check = self._check(first + n, node, rule, diagnostics)
            if check is None or made is None:
                made = None
                break
            made.append(check)
        if made is not None:
            return Rule(match, attribute, made)
        wider = [needed(c) for c in checks] if not lets and attribute is None else ["true()"]
        return Rule(match, attribute, None, " or ".join(wider) or "false()")

    def _check(self, index: int, node, rule, diagnostics) -> Check | None:
        test = plain(node.get("test") or "false()")
        if test is None or not self._compiles(test):
            return None
        condition = f"not({test})" if etree.QName(node).localname == "assert" else f"({test})"
        message = self._message(node)
        for ref in (node.get("diagnostics") or "").split():
            if ref in diagnostics and message is not None:
                extra = self._message(diagnostics[ref])
                message = None if extra is None else [*message, " ", *extra]
        subject = node.get("subject") or rule.get("subject")
        if subject:
            subject = plain(subject)
            if subject is None or not self._compiles(subject):
                return None
        if message is None:
            return None
        return Check(index, condition, message, subject)

    def _message(self, node) -> list | None:
        parts: list = [node.text] if node.text else []
        for child in node:
            if child.tag == f"{_S}name":
                target = plain(child.get("path") or ".")
                if target is None or not self._compiles(target):
                    return None
                parts.append(("name", f"name({target})"))
            elif child.tag == f"{_S}value-of":
                select = plain(child.get("select") or "''")
                if select is None or not self._compiles(select):
                    return None
                if _CALL.match(select.strip()) or _STRING.fullmatch(select.strip()):
                    if _CALL.match(select.strip()).group(1) in ("text", "node"):  # type: ignore[union-attr]
                        parts.append(("nodes", select))
                    else:
                        parts.append(("value", select))
                elif re.match(r"\s*[@./A-Za-z_*]", select) and not re.search(
                    r"[=<>]|\s(?:and|or)\s", _STRING.sub("''", select)
                ):
                    parts.append(("nodes", select))  # a sequence: its items, spaced
                else:
                    return None
            elif isinstance(child.tag, str):
                inner = self._message(child)
                if inner is None:
                    return None
                parts.extend(inner)
            if child.tail:
                parts.append(child.tail)
        return parts

    def _compiles(self, expression: str) -> bool:
        try:
            etree.XPath(expression.replace("current()", "."), namespaces=self.ns)
        except (etree.XPathSyntaxError, etree.XPathError):
            return False
        return True

    def _branch(self, branch: str) -> tuple[str, str | None] | None:
        """(a boolean expression on an element: does ``branch`` match it, or for an
        attribute branch its element; the attribute's name or None), or None."""
        parts = _split(branch.strip(), "/")
        anchored = parts[0].strip() == "" and len(parts) > 1
        steps: list[tuple[str, str, list[str]]] = []  # (separator, name test, predicates)
        separator = "/" if anchored else ""
        for part in parts[1:] if anchored else parts:
            if part.strip() == "":
                if separator == "//":
                    return None
                separator = "//"
                continue
            step = self._step(part)
            if step is None:
                return None
            steps.append((separator, *step))
            separator = "/"
        if not steps or any(s[1].startswith("@") for s in steps[:-1]):
            return None
        last = steps[-1]
        if not last[1].startswith("@"):
            return self._self_test(steps), None
        name = last[1][1:]
        if name.endswith("*") or last[2] or len(steps) < 2:
            return None  # one attribute of a named element, without predicates
        return self._self_test(steps[:-1]), name

    def _step(self, part: str) -> tuple[str, list[str]] | None:
        text = part.strip()
        if text.startswith("("):  # (a | b | c) as one step
            close = text.find(")")
            alternatives = text[1:close].split("|") if close > 0 else []
            if not alternatives or not all(_NAME_TEST.match(a) for a in alternatives):
                return None
            test, rest = "(" + "|".join(a.strip() for a in alternatives) + ")", text[close + 1 :]
        else:
            m = _ATTRIBUTE_STEP.match(text) or _ELEMENT_STEP.match(text)
            if m is None:
                return None
            test, rest = text[: m.end()], text[m.end() :]
            if rest.lstrip().startswith(("(", "::")):
                return None  # a function or an axis
        predicates = _predicates(rest)
        if predicates is None:
            return None
        made = []
        for p in predicates:
            q = plain(p)
            if q is not None and "current()" in q:
                return None  # in a pattern, current() is the node being matched
            if q is None or re.match(r"\s*(?:\d|\(|-|count|string-length)", q):
                return None  # a number would be a position
            made.append(q)
        return test, made

    def _self_test(self, steps) -> str:
        """A boolean expression, on an element, for a path of element steps: the last
        step on ``self::``, each earlier one on ``parent::`` (after ``/``) or
        ``ancestor::`` (after ``//``) of the step after it."""
        expression = ""
        for n, (separator, test, preds) in enumerate(steps):
            here = axis(test, "self") + "".join(f"[{p}]" for p in preds)
            if n == 0 and separator == "/":
                here += "[not(parent::*)]"  # /a: the root element
            expression = f"{here}[{expression}]" if expression else here
            if n < len(steps) - 1:
                up = "parent" if steps[n + 1][0] == "/" else "ancestor"
                expression = f"{up}::*[{expression}]"
        return expression

    # ------------------------------------------------------------ running
    def run(self, root: etree._Element) -> list[tuple[str, object, str | None, str]] | None:
        """Every firing as (check index, element or None, attribute name or None,
        message), in the order of Saxon's output; None when a rule that is not plain
        may fire here (or the stylesheet fails): then Saxon must run."""
        if self.stylesheet is None:
            return None
        if (
            root.getroottree().docinfo.internalDTD is not None
            and next(root.iter(etree.Entity), None) is not None
        ):
            return None  # entity references left in the tree: Saxon says what it makes of them
        with self._lock:
            self._nodes, self._numbers = [], {}
            try:
                text = str(self.stylesheet(root))
            except etree.XSLTApplyError:
                return None
            finally:
                nodes, self._nodes, self._numbers = self._nodes, [], {}
        lines = text.splitlines()
        if "X" in lines:
            return None
        found = []
        # pattern by pattern, as Saxon prints (a node may print a firing twice: once)
        for line in sorted(dict.fromkeys(lines), key=lambda r: int(r.split("\t", 1)[0])):
            _pattern, index, where, message = line.split("\t", 3)
            node, attribute = nodes[int(where)] if where else (None, None)
            found.append((index, node, attribute, message))
        return found

    def _node(self, _context, nodes) -> str:
        """``tkp:node``: the firing's node, as its number in this run's list of
        (element, attribute name or None); the same node, the same number."""
        if not nodes:
            return ""
        node, attribute = nodes[0], getattr(nodes[0], "attrname", None)
        if not isinstance(node, etree._Element) or attribute is not None:
            node = node.getparent()  # an attribute (or a text node): its element
        key = (node, attribute)
        number = self._numbers.get(key)
        if number is None:
            number = self._numbers[key] = len(self._nodes)
            self._nodes.append(key)
        return str(number)
