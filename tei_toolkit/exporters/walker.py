"""The one walker every exporter uses: a table of behaviours per output, a safe fallback.

A behaviour is ``f(walker, element)``. It writes to ``walker.out`` (the output's sink) and
calls ``walker.contents(element)`` to render the element's text, children and their tails.
An element missing from a table gets the table's fallback, which always keeps its text:
nothing is dropped because an exporter does not know it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from lxml import etree

from ..tei import TEI_NS, XML_NS

Behaviour = Callable[["Walker", etree._Element], None]

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
    """Dispatches each element to its behaviour; keeps text and tails in document order."""

    def __init__(self, table: Mapping[str, Behaviour], fallback: Behaviour, out):
        self.table = table
        self.fallback = fallback
        self.out = out
        self.state: dict = {}
        self._mixed: dict = {}

    def in_running_text(self, el) -> bool:
        """Is ``el`` part of a sentence (its parent has text around it)? Cached per parent."""
        parent = el.getparent()
        if parent is None:
            return False
        if parent not in self._mixed:
            self._mixed[parent] = running_text(parent)
        return self._mixed[parent]

    def walk(self, el) -> None:
        if not isinstance(el.tag, str):
            return  # comments and processing instructions: their tail is the parent's job
        self.table.get(name_of(el), self.fallback)(self, el)

    def contents(self, el, skip: Callable[[etree._Element], bool] | None = None) -> None:
        """The text of ``el``, each child through its behaviour, each tail in place."""
        if el.text:
            self.out.text(el.text)
        for child in el:
            if skip is None or not skip(child):
                self.walk(child)
            if child.tail:
                self.out.text(child.tail)

    def walk_each(self, elements) -> None:
        for el in elements:
            self.walk(el)
