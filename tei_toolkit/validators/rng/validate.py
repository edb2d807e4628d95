"""The derivative validator with jing-style recovery, fed one element event at a time.

After an error the state is resynchronised as jing does: an element not allowed here
is reported once and its content is checked against what that element allows
elsewhere; a missing required element is reported at the end tag and the parent
goes on; a bad attribute is reported and ignored; text not allowed is ignored.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from lxml import etree

from ...diagnostics import Diagnostic, error
from .derive import CLOSE, END, FINISH, FINISH_TEXT, TEXT_ANY, Deriver, split_tag
from .ids import IdChecker
from .messages import Messages
from .patterns import AFTER, Pattern, alternatives
from .positions import FileLines, SourceLines, before_on_line, end_line, tag_end_column
from .schema import Schema

if sys.getrecursionlimit() < 20000:
    sys.setrecursionlimit(20000)


class _Frame:
    __slots__ = ("el", "saved", "recovering", "has_children")

    def __init__(self, el, saved: Pattern, recovering: bool):
        self.el = el
        self.saved = saved  # the parent's state to restore after a recovered element
        self.recovering = recovering
        self.has_children = False


class Validator:
    """One document's walk: ``start`` and ``end`` take lxml elements in document order,
    with the text before the start tag and the text before the end tag."""

    def __init__(
        self,
        schema: Schema,
        filename: str | None = None,
        source: bytes | None = None,
        lines: SourceLines | FileLines | None = None,
    ):
        self.schema = schema
        self.d: Deriver = schema.deriver
        self.na = schema.pats.not_allowed
        self.msg = Messages(schema)
        self.filename = filename
        self.state: Pattern = schema.start
        self.frames: list[_Frame] = []
        self.skip = 0  # depth inside an element the schema does not know at all
        self.out: list[Diagnostic] = []
        self.qnames = schema.has_qnames
        self.source = source
        self.lines = lines  # the document's lines, read only to find an error's column
        self.ids = IdChecker(schema.id_types, self.d) if schema.id_types else None

    def _error(
        self, code: str, message: str, line: int | None, el=None, *, end: bool = False, text=False
    ) -> None:
        column = self._column(el, line, end, text) if el is not None and line else None
        self.out.append(error(code, message, file=self.filename, line=line or None, column=column))

    def _column(self, el, line: int, end: bool, text: bool) -> int | None:
        """jing's column: just after the '>' of the start (or end) tag, found in the source."""
        if self.lines is None:
            if self.source is None:
                return None
            self.lines = SourceLines(self.source)
        text_of_line = self.lines.line(line)
        if text_of_line is None:
            return None
        skip = 0 if end else before_on_line(el)
        return tag_end_column(text_of_line, el, end, skip, opening=text)

    # ------------------------------------------------------------ events
    def start(self, el, before: str) -> None:
        if self.skip:
            self.skip += 1
            return
        frames = self.frames
        if frames:
            if before and before.strip(_WS):
                self._chunk(before, el.sourceline, el, False)
            frames[-1].has_children = True
        state = self.state
        d = self.d
        p = d.open(state, el.tag)
        if p is not self.na:
            q = d.start_tag(p, el.items(), el.nsmap if self.qnames else None)
            if q is not None:
                if d.typed and self.ids is not None:  # an ID or IDREF: the memo knows
                    for message, which, line in self.ids.record(d.typed, el.attrib, el.sourceline):
                        self._error(
                            "rng:duplicate-id", message, line, el if which == "here" else None
                        )
                frames.append(_Frame(el, state, False))
                self.state = q
                return
            self._check_ids(el, p)
            self.state = self._start_slowly(el, state, p, False)
            return
        p = d.open(d.skip_required(state), el.tag)
        if p is not self.na:
            self._error("rng:missing-element", self.msg.not_yet(el, state), el.sourceline, el)
            self._check_ids(el, p)
            self.state = self._start_slowly(el, state, p, False)
            return
        recovered = self._recover(el, state, el.sourceline)
        if recovered is None:
            self.skip = 1
            return
        self._check_ids(el, recovered)
        self.state = self._start_slowly(el, state, recovered, True)

    def _check_ids(self, el, p: Pattern) -> None:
        if self.ids is None or not el.attrib:
            return
        for message, which, line in self.ids.check(p, el.attrib, el.sourceline):
            self._error("rng:duplicate-id", message, line, el if which == "here" else None)

    def finish(self) -> None:
        """After the root's end tag: references to IDs the document lacks."""
        if self.ids is not None:
            for message, line in self.ids.finish():
                self._error("rng:unresolved-idref", message, line)

    def _start_slowly(self, el, state: Pattern, p: Pattern, recovering: bool) -> Pattern:
        """The attributes one by one, reporting each bad one and ignoring it."""
        line = el.sourceline
        ctx = el.nsmap if self.qnames else None
        for key, value in el.attrib.items():
            q = self.d.attribute(p, key, value, ctx)
            if q is self.na:
                code, message = self.msg.attribute(el, p, key, value)
                self._error(code, message, line, el)
            else:
                p = q
        q = self.d.close(p)
        if q is self.na:
            self._error("rng:missing-attribute", self.msg.missing_attributes(el, p), line, el)
            q = self.d.close(p, lenient=True)
        self.frames.append(_Frame(el, state, recovering))
        return q

    def _recover(self, el, state: Pattern, line: int) -> Pattern | None:
        ns, local = split_tag(el.tag)
        contents = self.schema.contents_of(ns, local)
        if not contents:
            code, message = self.msg.unknown(el, state, root=not self.frames)
            self._error(code, message, line, el)
            return None
        self._error(
            "rng:unexpected-element", self.msg.not_here(el, state, not self.frames), line, el
        )
        P = self.d.p
        return P.after(P.choices(contents), P.empty)

    def _chunk(self, text: str, line: int | None, at, end: bool) -> None:
        """Text between two child elements (whitespace only is ignored there)."""
        p = self.d.text(self.state, text, self._ctx())
        if p is self.na:
            where = end_line(at) if end else line  # jing: at the tag after the text
            message = self.msg.text(self.frames[-1].el, self.state)
            self._error("rng:unexpected-text", message, where, at, end=end, text=True)
        else:
            self.state = p

    def _ctx(self):
        return self.frames[-1].el.nsmap if self.qnames and self.frames else None

    def end(self, el, after: str) -> None:
        if self.skip:
            self.skip -= 1
            if self.skip == 0 and self.frames:
                self.frames[-1].has_children = True
            return
        frame = self.frames.pop()
        state = self.state
        d = self.d
        if frame.has_children:
            if after and after.strip(_WS):
                self.frames.append(frame)
                self._chunk(after, None, el, True)
                self.frames.pop()
                state = self.state
            done = d.end(state)
        else:
            done = d.finish(state, after, el.nsmap if self.qnames else None)
        if done is self.na:
            done = self._end_slowly(el, frame, state, after)
        self.state = frame.saved if frame.recovering else done

    def _ctx_of(self, el):
        return el.nsmap if self.qnames else None

    def _end_slowly(self, el, frame: _Frame, state: Pattern, after: str) -> Pattern:
        line = end_line(el)
        if not frame.has_children:
            t = self.d.text(state, after, self._ctx_of(el))
            then = self.d.p.choice(state, t) if not after.strip(_WS) else t
            if then is self.na:
                self._error(*self.msg.bad_text(el, state, after), line, el, end=True)
            else:
                state = then
        done = self.d.end(state)
        if done is self.na:
            self._error("rng:missing-element", self.msg.incomplete(el, state), line, el, end=True)
            done = self.d.p.choices([a.args[1] for a in alternatives(state) if a.kind == AFTER])
        return done


_WS = " \t\r\n"


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
    if len(el) == 0:
        return el.text or ""
    parts = []
    for child in reversed(el):
        parts.append(child.tail or "")
        if isinstance(child.tag, str):
            break
    return "".join(reversed(parts))


def validate_tree(
    schema: Schema, tree, filename: str | None = None, source: bytes | None = None
) -> Iterator[Diagnostic]:
    """Every RELAX NG error in an lxml tree, in document order (``source``: the
    document's bytes, for columns)."""
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    v = Validator(schema, filename, source)
    with _no_cycle_collection():
        _walk(v, root)
    v.finish()
    return iter(v.out)


@contextmanager
def _no_cycle_collection():
    """The walk allocates a tuple, a list and an iterator per element and frees them at
    once (no cycles): the cycle collector's passes over the young objects cost an eighth
    of the walk (measured on the plays and novels) and find nothing."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _walk(v: Validator, root) -> None:
    """``v.start`` and ``v.end`` for every element of the tree, the common case inlined:
    a start tag whose memoised derivative succeeds, an end tag that closes cleanly, no
    text to check between children. Anything else (an error, an ID to record, text,
    an element being skipped) goes to ``v.start`` / ``v.end``, which see the same state.
    (``v.start``'s fast path is the same; the stream reader goes through it.)
    A quarter of the time on real plays and novels (docs/VALIDATE.md)."""
    d, na, frames, ids, qnames = v.d, v.na, v.frames, v.ids, v.qnames
    start_tag, finish, end, open_, close = d.start_tag, d.finish, d.end, d.open, d.close
    v.start(root, "")
    stack = [(root, iter(root))]
    # The text since the last child of the innermost open element (its text, then each
    # child's tail): an element's children are all read before its parent goes on, so
    # one string serves every level.
    pending = root.text or ""
    while stack:
        el, kids = stack[-1]
        for child in kids:
            tag = child.tag
            if tag.__class__ is not str:  # a comment or processing instruction
                pending += child.tail or ""
                continue
            before = pending
            state = v.state
            if before and before.strip(_WS):  # mixed content: the text's memoised derivative
                state = state.memo.get(TEXT_ANY) or na  # (kept where any text is alike)
            if v.skip or not frames or state is na:
                stack.append((child, iter(child)))
                pending = child.text or ""
                v.start(child, before)
                break
            p = state.memo.get(tag)
            if p is None:
                p = open_(state, tag)
            items = child.items()
            if items:
                q = start_tag(p, items, child.nsmap if qnames else None) if p is not na else None
                typed = d.typed
            else:  # no attributes: the start tag's close alone
                q = p.memo.get(CLOSE) or close(p)
                if q is na:
                    q = None
                typed = ()
            if q is None:
                stack.append((child, iter(child)))
                pending = child.text or ""
                v.start(child, before)
                break
            if typed and ids is not None:
                one = d.one_id
                if one is not None and (token := child.get(one).strip()) not in ids.ids:
                    ids.ids[token] = child.sourceline  # one new ID: the common case
                else:
                    for message, which, line in ids.record(typed, child.attrib, child.sourceline):
                        v._error(
                            "rng:duplicate-id", message, line, child if which == "here" else None
                        )
            frames[-1].has_children = True
            if not len(child):  # a leaf: its text and its end tag at once, no frame
                text = child.text
                # finish's memo (kept for states where any text is alike), else finish
                done = q.memo.get(FINISH_TEXT if text and text.strip(_WS) else FINISH)
                if done is None:
                    done = finish(q, text or "", child.nsmap if qnames else None)
                if done is not na:
                    v.state = done
                    pending = child.tail or ""
                    continue
            frames.append(_Frame(child, state, False))
            v.state = q
            stack.append((child, iter(child)))
            pending = child.text or ""
            break
        else:
            stack.pop()
            after = pending
            pending = el.tail or ""
            if not v.skip:
                frame = frames[-1]
                state = v.state
                if frame.has_children:
                    if after and after.strip(_WS):  # text after the last child
                        state = state.memo.get(TEXT_ANY) or na
                    done = na if state is na else state.memo.get(END) or end(state)
                else:
                    done = finish(state, after, el.nsmap if qnames else None)
                if done is not na:
                    frames.pop()
                    v.state = frame.saved if frame.recovering else done
                    continue
            v.end(el, after)


def validate_file(schema: Schema, path: str, filename: str | None = None) -> Iterator[Diagnostic]:
    """Stream a file through the validator: finished elements are freed as it goes, so
    memory holds the open elements, the IDs and the schema, not the document.

    Parsed as ``xmlparse`` parses (no DTD, no entities, no network, libxml2's size
    limits), except that a repeated xml:id is left to the schema to judge (IDs inside
    egXML are not IDs). A document that is not well-formed raises etree.XMLSyntaxError
    (the diagnostics yielded before it are then incomplete).
    """
    v = Validator(schema, filename or path, lines=FileLines(path))
    events = etree.iterparse(
        path,
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        collect_ids=False,
        remove_blank_text=False,
    )
    for event, el in events:
        if event == "start":
            v.start(el, _text_before(el))
        else:
            v.end(el, _text_after(el))
            # Everything before this element is done with (its text was read when this
            # element started): free it, comments and PIs included -- but for a few
            # siblings on this element's line, which jing's columns count.
            parent = el.getparent()
            if parent is not None:
                prev, kept = el.getprevious(), 0
                while prev is not None and prev.sourceline == el.sourceline and kept < 16:
                    prev, kept = prev.getprevious(), kept + 1
                while prev is not None:
                    older = prev.getprevious()
                    parent.remove(prev)
                    prev = older
        if v.out:
            yield from v.out
            v.out.clear()
    v.finish()
    yield from v.out


__all__ = ["FileLines", "SourceLines", "Validator", "end_line", "validate_file", "validate_tree"]
