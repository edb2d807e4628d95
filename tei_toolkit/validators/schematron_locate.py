"""From an XPath 3.1 ``fn:path()`` string back to the lxml node, its line and column.

Saxon-HE has no ``saxon:line-number()``, so the compiled Schematron reports
where a rule fired as ``fn:path()`` (``/Q{uri}TEI[1]/Q{uri}text[1]/@type``).
This module walks that path in the lxml tree (which knows ``sourceline``),
finds the start tag's column in the source text when the text is at hand,
and renders a readable path (``/TEI/text/body/div[2]/@type``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

XML_NS = "http://www.w3.org/XML/1998/namespace"
TEI_NS = "http://www.tei-c.org/ns/1.0"

_STEP = re.compile(
    r"/(?:Q\{(?P<ns>[^}]*)\}(?P<local>[^\[/]+)\[(?P<pos>\d+)\]"
    r"|@(?:Q\{(?P<ans>[^}]*)\})?(?P<attr>[^/\[]+)"
    r"|(?P<kind>text|comment)\(\)\[(?P<kpos>\d+)\]"
    r"|processing-instruction\((?P<target>[^)]*)\)\[(?P<ppos>\d+)\]"
    r"|namespace::[^/]*)"
)


@dataclass(frozen=True)
class Location:
    line: int | None
    column: int | None
    path: str | None


class Locator:
    """Resolves fn:path() strings against one lxml document."""

    def __init__(self, root: etree._Element, source: str | None = None):
        self.root = root
        self._lines = source.split("\n") if source is not None else None
        self._same_line: dict | None = None
        self._positions: dict = {}  # (parent, tag) -> {child: position}: see readable_path
        self._children: dict = {}  # (parent, tag) -> [child, ...]
        self._starts: dict = {}  # (line, qname) -> columns of '<qname' on that line

    def locate(self, xpath: str) -> Location:
        node, attr = self._resolve(xpath)
        return self.locate_node(node, attr)

    def locate_node(self, node, attr: str | None = None) -> Location:
        """The line, column and readable path of an element (or of its attribute)."""
        if node is None:
            return Location(None, None, None)
        path = readable_path(node, attr, self._positions)
        line = node.sourceline
        if not isinstance(node.tag, str) or line is None:
            return Location(line, None, path)
        start = self._start_tag(node)
        if start is None:
            return Location(line, None, path)
        return Location(start[0], start[1], path)

    def _resolve(self, xpath: str):
        """(element or comment/PI, attribute name or None); (None, None) if lost."""
        node = None
        pos = 0
        attr = None
        if xpath == "/":
            return self.root, None
        while pos < len(xpath):
            m = _STEP.match(xpath, pos)
            if m is None:
                return None, None
            pos = m.end()
            if m.group("local") is not None:
                tag = (
                    f"{{{m.group('ns')}}}{m.group('local')}" if m.group("ns") else m.group("local")
                )
                if node is None:
                    node = self.root if self.root.tag == tag else None
                else:
                    node = self._child(node, tag, int(m.group("pos")))
            elif m.group("attr") is not None and node is not None:
                ns = m.group("ans")
                attr = f"{{{ns}}}{m.group('attr')}" if ns else m.group("attr")
            elif m.group("kind") == "comment" and node is not None:
                node = _nth(node.iterchildren(etree.Comment), int(m.group("kpos")))
            elif m.group("target") is not None and node is not None:
                node = _nth(node.iterchildren(etree.ProcessingInstruction), int(m.group("ppos")))
            # text() and namespace:: nodes report their parent element
            if node is None:
                return None, None
        return node, attr

    def _child(self, parent, tag: str, n: int):
        """The n-th child so named (1-based), from a list made once per parent and
        name: many findings under one parent stay linear."""
        children = self._children.get((parent, tag))
        if children is None:
            children = self._children[(parent, tag)] = list(parent.iterchildren(tag))
        return children[n - 1] if 0 < n <= len(children) else None

    def _start_tag(self, el: etree._Element) -> tuple[int, int] | None:
        """Line and 1-based column of the element's '<', or None if not found.

        libxml2's ``sourceline`` is the line where the start tag *ends*; the tag
        usually begins on that line, else on an earlier one.
        """
        if self._lines is None:
            return None
        line = el.sourceline
        if not 0 < line <= len(self._lines):
            return None
        qname = (
            f"{el.prefix}:{etree.QName(el).localname}" if el.prefix else etree.QName(el).localname
        )
        tag_rx = re.compile("<" + re.escape(qname) + r"(?=[\s/>]|$)")
        starts = self._starts.get((line, qname))
        if starts is None:  # once per line and name: a long line with many findings
            starts = [m.start() for m in tag_rx.finditer(self._lines[line - 1])]
            self._starts[(line, qname)] = starts
        peers = self._peers(el)
        k = peers[el]
        if len(starts) >= len(peers):
            return line, starts[k] + 1
        if len(starts) == len(peers) - 1:  # the first peer's tag began on an earlier line
            if k > 0:
                return line, starts[k - 1] + 1
            for back in range(line - 2, max(line - 200, -1), -1):
                found = [m.start() for m in tag_rx.finditer(self._lines[back])]
                if found:
                    return back + 1, found[-1] + 1
        return None

    def _peers(self, el: etree._Element) -> dict:
        """Elements with the same tag whose start tag ends on the same line, each with
        its rank among them."""
        if self._same_line is None:
            table: dict = {}
            for node in self.root.iter(etree.Element):
                peers = table.setdefault((node.sourceline, node.tag, node.prefix), {})
                peers[node] = len(peers)
            self._same_line = table
        return self._same_line.get((el.sourceline, el.tag, el.prefix), {el: 0})


def _nth(iterator, n: int):
    for i, item in enumerate(iterator, 1):
        if i == n:
            return item
    return None


def readable_path(
    node: etree._Element, attr: str | None = None, positions: dict | None = None
) -> str:
    """``/TEI/text/body/div[2]/p``: positions only where a name repeats among siblings.

    ``positions``: a table of children's positions kept across calls (Locator's), so
    that many paths under one parent cost one pass over its children."""
    steps = []
    el = node
    while el is not None:
        if isinstance(el.tag, str):
            name = _display_name(el.tag, el.prefix)
            parent = el.getparent()
            if parent is not None:
                table = None if positions is None else positions.get((parent, el.tag))
                if table is None:
                    table = {c: i for i, c in enumerate(parent.iterchildren(el.tag), 1)}
                    if positions is not None:
                        positions[(parent, el.tag)] = table
                if len(table) > 1:
                    name += f"[{table[el]}]"
        elif el.tag is etree.Comment:
            name = "comment()"
        else:
            name = f"processing-instruction({el.target})"
        steps.append(name)
        el = el.getparent()
    path = "/" + "/".join(reversed(steps))
    if attr is not None:
        path += "/@" + _display_name(attr, None)
    return path


def _display_name(clark: str, prefix: str | None) -> str:
    q = etree.QName(clark)
    if q.namespace in (None, TEI_NS):
        return q.localname
    if q.namespace == XML_NS:
        return f"xml:{q.localname}"
    return f"{prefix}:{q.localname}" if prefix else f"Q{{{q.namespace}}}{q.localname}"
