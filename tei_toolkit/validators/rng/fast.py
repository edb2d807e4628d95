"""The verdict for a valid document, without a tree: the engine fed by lxml's parser target.

Most documents a CI run checks are valid, and for them the verdict needs only the
derivatives (memoised per pattern and event), not the elements: the parser target
interface hands the engine each start tag (its name and attributes), the text and
each end tag, and no element is made. That is about three times faster than walking
a tree. The first error stops the parse; the document then goes the ordinary way
(validate.validate_tree), which reports every error with its line, column and
jing's recovery. So this path never writes a report, it only says there is none.
"""

from __future__ import annotations

from lxml import etree

from .ids import IdChecker
from .patterns import Pattern
from .schema import Schema

_WS = " \t\r\n"


class _Invalid(Exception):
    """Raised from a parser callback: lxml stops the parse and raises it again."""


class _Target:
    """Validator.start/end as they run when nothing is wrong (see validate.py)."""

    def __init__(self, schema: Schema):
        self.d = schema.deriver
        self.na = schema.pats.not_allowed
        self.state: Pattern = schema.start
        self.depth = 0
        self.parts: list[str] = []
        self.has_children = False  # the current element's
        self.ids = IdChecker(schema.id_types, self.d) if schema.id_types else None

    def start(self, tag: str, attrib: dict) -> None:
        d, parts = self.d, self.parts
        if parts:
            text = "".join(parts) if len(parts) > 1 else parts[0]
            parts.clear()
            if self.depth and text.strip(_WS):
                self.state = d.text(self.state, text, None)
                if self.state is self.na:
                    raise _Invalid
        p = d.open(self.state, tag)
        if p is self.na:
            raise _Invalid
        q = d.start_tag(p, attrib, None)
        if q is None:
            raise _Invalid
        if d.typed and self.ids is not None and self.ids.record(d.typed, attrib, 0):
            raise _Invalid  # a repeated ID
        self.state = q
        self.depth += 1
        self.has_children = False

    def end(self, tag: str) -> None:
        d, parts = self.d, self.parts
        text = ("".join(parts) if len(parts) > 1 else parts[0]) if parts else ""
        parts.clear()
        state = self.state
        if self.has_children:
            if text.strip(_WS):
                state = d.text(state, text, None)
                if state is self.na:
                    raise _Invalid
            state = d.end(state)
        else:
            state = d.finish(state, text, None)
        if state is self.na:
            raise _Invalid
        self.state = state
        self.depth -= 1
        self.has_children = True

    def data(self, text: str) -> None:
        self.parts.append(text)

    def doctype(self, *_: object) -> None:
        raise _Invalid  # entities and DTD defaults: the ordinary way (xmlparse) judges them

    def close(self) -> bool:
        return self.ids is None or not self.ids.finish()


def is_valid(schema: Schema, source: bytes) -> bool:
    """True when ``source`` is valid against ``schema`` (the ordinary walk would report
    nothing); False when it is not, or may not be (a DOCTYPE, a QName-typed value, a
    document that is not well-formed): ask validate_tree. Parsed as xmlparse parses
    (no DTD, no entities, no network, libxml2's size limits)."""
    if schema.has_qnames:  # a QName's value depends on the namespaces in scope
        return False
    target = _Target(schema)
    parser = etree.XMLParser(
        target=target,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        collect_ids=False,
        remove_blank_text=False,
    )
    try:
        return bool(etree.fromstring(source, parser))
    except (_Invalid, etree.LxmlError, ValueError):
        return False
