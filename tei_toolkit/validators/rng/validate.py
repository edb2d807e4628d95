"""The derivative validator with jing-style recovery, fed one element event at a time.

After an error the state is resynchronised as jing does: an element not allowed here
is reported once and its content is checked against what that element allows
elsewhere; a missing required element is reported at the end tag and the parent
goes on; a bad attribute is reported and ignored; text not allowed is ignored.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from lxml import etree

from ...diagnostics import Diagnostic, error
from .derive import Deriver, is_ws, split_tag
from .messages import Messages
from .patterns import AFTER, ELEMENT, Pattern, alternatives, nc_contains, walk
from .schema import Schema

if sys.getrecursionlimit() < 20000:
    sys.setrecursionlimit(20000)


class _Frame:
    __slots__ = ("el", "saved", "recovering", "has_children", "last_end")

    def __init__(self, el, saved: Pattern, recovering: bool):
        self.el = el
        self.saved = saved  # the parent's state to restore after a recovered element
        self.recovering = recovering
        self.has_children = False
        self.last_end = 0


class Validator:
    """One document's walk; ``start`` and ``end`` take lxml elements in document order."""

    def __init__(self, schema: Schema, filename: str | None = None):
        self.schema = schema
        self.d: Deriver = schema.deriver
        self.msg = Messages(schema)
        self.filename = filename
        self.state: Pattern = schema.start
        self.frames: list[_Frame] = []
        self.skip = 0  # depth inside an element the schema does not know at all
        self.out: list[Diagnostic] = []

    def _error(self, code: str, message: str, line: int | None) -> None:
        self.out.append(error(code, message, file=self.filename, line=line or None))

    # ------------------------------------------------------------ events
    def start(self, el) -> None:
        if self.skip:
            self.skip += 1
            return
        tag = el.tag
        line = el.sourceline
        if self.frames:
            frame = self.frames[-1]
            self._chunk(_text_before(el), line)
            frame.has_children = True
        state = self.state
        p = self.d.open(state, tag)
        recovering = False
        if p is self.d.p.not_allowed:
            recovering = True
            recovered = self._recover(el, state, line)
            if recovered is None:
                self.skip = 1
                return
            p = recovered
        p = self._attributes(el, p, line)
        q = self.d.close(p)
        if q is self.d.p.not_allowed:
            self._error("rng:missing-attribute", self.msg.missing_attributes(el, p), line)
            q = self.d.close(p, lenient=True)
        self.frames.append(_Frame(el, state, recovering))
        self.state = q

    def _recover(self, el, state: Pattern, line: int) -> Pattern | None:
        ns, local = split_tag(el.tag)
        contents = self.schema.contents_of(ns, local)
        if not contents:
            code, message = self.msg.unknown(el, state, root=not self.frames)
            self._error(code, message, line)
            return None
        self._error("rng:unexpected-element", self.msg.not_here(el, state, not self.frames), line)
        P = self.d.p
        return P.after(P.choices(contents), P.empty)

    def _attributes(self, el, p: Pattern, line: int) -> Pattern:
        for key, value in el.attrib.items():
            q = self.d.attribute(p, key, value, el.nsmap if self.schema.has_qnames else None)
            if q is self.d.p.not_allowed:
                code, message = self.msg.attribute(el, p, key, value)
                self._error(code, message, line)
            else:
                p = q
        return p

    def _chunk(self, text: str, line: int | None) -> None:
        """Text between two child elements (whitespace is ignored there)."""
        if not text or is_ws(text):
            return
        p = self.d.text(self.state, text, self._ctx())
        if p is self.d.p.not_allowed:
            self._error("rng:unexpected-text", self.msg.text(self.frames[-1].el, self.state), line)
        else:
            self.state = p

    def _ctx(self):
        return self.frames[-1].el.nsmap if self.schema.has_qnames and self.frames else None

    def end(self, el) -> None:
        if self.skip:
            self.skip -= 1
            if self.skip == 0 and self.frames:
                self.frames[-1].has_children = True
                self.frames[-1].last_end = _end_line(el, el.sourceline)
            return
        frame = self.frames[-1]
        line = _end_line(el, frame.last_end)
        state = self.state
        if frame.has_children:
            self._chunk(_text_after(el), line)
            state = self.state
        else:
            text = el.text or ""
            t = self.d.text(state, text, self._ctx())
            after = self.d.p.choice(state, t) if is_ws(text) else t
            if after is self.d.p.not_allowed:
                self._error(*self.msg.bad_text(el, state, text), line)
            else:
                state = after
        done = self.d.end(state)
        if done is self.d.p.not_allowed:
            self._error("rng:missing-element", self.msg.incomplete(el, state), line)
            done = self.d.p.choices([a.args[1] for a in alternatives(state) if a.kind == AFTER])
        self.frames.pop()
        self.state = frame.saved if frame.recovering else done
        if self.frames:
            self.frames[-1].last_end = line


def _text_before(el) -> str:
    parts = []
    prev = el.getprevious()
    while prev is not None:
        parts.append(prev.tail or "")
        if isinstance(prev.tag, str):
            break
        prev = prev.getprevious()
    else:
        parent = el.getparent()
        parts.append(parent.text or "" if parent is not None else "")
    return "".join(reversed(parts))


def _text_after(el) -> str:
    parts = []
    for child in reversed(el):
        parts.append(child.tail or "")
        if isinstance(child.tag, str):
            break
    return "".join(reversed(parts))


def _end_line(el, last_child_end: int) -> int:
    if len(el) == 0:
        return (el.sourceline or 0) + (el.text or "").count("\n")
    last = el[-1]
    base = last_child_end if isinstance(last.tag, str) else (last.sourceline or 0)
    return base + (last.tail or "").count("\n")


def validate_tree(schema: Schema, tree, filename: str | None = None) -> Iterator[Diagnostic]:
    """Every RELAX NG error in an lxml tree, in document order."""
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    v = Validator(schema, filename)
    stack = [(root, False)]
    while stack:
        el, done = stack.pop()
        if done:
            v.end(el)
            continue
        v.start(el)
        stack.append((el, True))
        stack.extend((c, False) for c in reversed(el) if isinstance(c.tag, str))
    return iter(v.out)


def validate_file(schema: Schema, path: str, filename: str | None = None) -> Iterator[Diagnostic]:
    """Stream a file through the validator: finished elements are freed as it goes."""
    v = Validator(schema, filename or path)
    parser_events = etree.iterparse(
        path, events=("start", "end"), resolve_entities=False, no_network=True, huge_tree=True
    )
    for event, el in parser_events:
        if event == "start":
            v.start(el)
        else:
            v.end(el)
            if v.frames or v.skip:
                prev = el.getprevious()
                if prev is not None:
                    parent = el.getparent()
                    if parent is not None:
                        parent.remove(prev)
        yield from v.out
        v.out.clear()


__all__ = ["Validator", "validate_tree", "validate_file", "ELEMENT", "nc_contains", "walk"]
