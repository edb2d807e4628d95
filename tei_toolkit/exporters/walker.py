"""The one walker every exporter uses: a table of behaviours per output, a safe fallback.

A behaviour is ``f(walker, element)``. It writes to ``walker.out`` (the output's sink) and
calls ``walker.contents(element)`` to render the element's text, children and their tails.
An element missing from a table gets the table's fallback, which always keeps its text:
nothing is dropped because an exporter does not know it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping

from lxml import etree

from ..tei import TEI_NS, XML_NS

# A behaviour returns None (done) or an iterator of the children to walk (see Walker).
Behaviour = Callable[["Walker", etree._Element], "Iterator | None"]

# Elements whose content is not part of the reading text (metadata, the register,
# images). The header is rendered on its own (header.py); the register feeds the index.
NOT_TEXT = frozenset({"teiHeader", "standOff", "facsimile"})

# Children of `choice` that give the form the source shows, in order of preference.
SOURCE_FORMS = ("orig", "sic", "abbr", "seg", "unclear")
_WORDS = re.compile(r"[^\W_]+")


def name_of(el) -> str:
    """TEI local name; elements of other vocabularies get "*" (the fallback)."""
    if not isinstance(el.tag, str):
        return ""
    qname = etree.QName(el)
    if qname.namespace in (TEI_NS, None):
        return qname.localname
    return "*"


def xml_id(el) -> str | None:
    return el.get(f"{{{XML_NS}}}id")


def xml_lang(el) -> str | None:
    return el.get(f"{{{XML_NS}}}lang")


def children_named(el, *names: str) -> list:
    return [c for c in el if name_of(c) in names]


def same_words(a: str, b: str) -> bool:
    """True when two readings differ only in punctuation and spacing (“X” vs ?X?)."""
    return _WORDS.findall(a.casefold()) == _WORDS.findall(b.casefold())


def split_choice(el) -> tuple[etree._Element | None, list]:
    """The source form of a `choice` and its other readings.

    The source form is orig, sic or abbr when present (what the document shows); without
    one, the first child. Every other child is an alternative reading.
    """
    kids = [c for c in el if isinstance(c.tag, str)]
    if not kids:
        return None, []
    primary = next((c for form in SOURCE_FORMS for c in kids if name_of(c) == form), kids[0])
    return primary, [c for c in kids if c is not primary]


def running_text(parent) -> bool:
    """True when ``parent`` has text of its own between its children (mixed content)."""
    if parent is None:
        return False
    return bool((parent.text or "").strip()) or any((c.tail or "").strip() for c in parent)


class Walker:
    """Dispatches each element to its behaviour; keeps text and tails in document order.

    The walk is iterative: a behaviour that is a generator yields the children it wants
    walked (``yield child``, or ``yield from w.inside(el)`` for all of them), and the
    walker keeps the open behaviours on its own stack, not Python's. So the depth of a
    document costs no recursion: 256 nested levels (the parser's limit) walk like 2.
    A behaviour that is a plain function may call ``w.walk`` / ``w.contents`` itself.
    """

    def __init__(self, table: Mapping[str, Behaviour], fallback: Behaviour, out):
        self.table = table
        self.fallback = fallback
        self.out = out
        self.state: dict = {}
        self._mixed: dict = {}
        # Called as each element's behaviour starts and when it is done (HTML: ids).
        self.enter: Callable[[etree._Element], None] | None = None
        self.leave: Callable[[etree._Element], None] | None = None

    def in_running_text(self, el) -> bool:
        """Is ``el`` part of a sentence (its parent has text around it)? Cached per parent."""
        parent = el.getparent()
        if parent is None:
            return False
        if parent not in self._mixed:
            self._mixed[parent] = running_text(parent)
        return self._mixed[parent]

    def behaviour(self, el) -> Behaviour:
        return self.table.get(name_of(el), self.fallback)

    def walk(self, el) -> None:
        """Render ``el`` (and everything in it) through the table."""
        stack: list[tuple[Iterator, etree._Element]] = []
        self._start(el, stack)
        while stack:
            try:
                child = next(stack[-1][0])
            except StopIteration:
                done = stack.pop()[1]
                if self.leave is not None:
                    self.leave(done)
                continue
            self._start(child, stack)

    def _start(self, el, stack: list[tuple[Iterator, etree._Element]]) -> None:
        if not isinstance(el.tag, str):
            return  # comments and processing instructions: their tail is the parent's job
        if self.enter is not None:
            self.enter(el)
        result = self.behaviour(el)(self, el)
        if result is not None:
            stack.append((iter(result), el))
        elif self.leave is not None:
            self.leave(el)

    def inside(self, el, skip: Callable[[etree._Element], bool] | None = None) -> Iterator:
        """For generator behaviours: the text of ``el`` written, each child yielded (to
        be walked), each tail written in place."""
        if el.text:
            self.out.text(el.text)
        for child in el:
            if skip is None or not skip(child):
                yield child
            if child.tail:
                self.out.text(child.tail)

    def contents(self, el, skip: Callable[[etree._Element], bool] | None = None) -> None:
        """The text of ``el``, each child through its behaviour, each tail in place."""
        for child in self.inside(el, skip):
            self.walk(child)

    def walk_each(self, elements) -> None:
        for el in elements:
            self.walk(el)


def delegate(result) -> Iterator:
    """``yield from delegate(other(w, el))``: run another behaviour, generator or not."""
    if result is not None:
        yield from result
