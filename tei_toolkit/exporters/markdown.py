"""TEI -> Markdown (CommonMark, with footnotes as pandoc and GitHub write them).

The reading text of text.py, with its policy (every word, in order; editorial brackets;
notes), written as Markdown: headings from ``div/head`` by depth, emphasis from ``hi``
and its kin, speakers in bold, links, footnotes ``[^1]``, and a hard line break wherever
the text has a line of its own (verse, list items, the citation block). The document's
own punctuation is escaped, so a ``*`` or ``#`` in the text stays a character.

This module and one ``register()`` line in registry.py are the whole exporter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import standoff
from .header import plain
from .text import TEXT, bracketed, citation_block, inline
from .text_sink import TextSink
from .walker import Walker, name_of

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_LINE_START = re.compile(r"^(\s*\d*)([.)+=-])(?=\s|$)")
_DIVS = {"div", *(f"div{n}" for n in range(8))}
_PLAIN_RENDS = ("sup", "sub", "smallcaps", "small-caps", "caps", "normal", "roman", "upright")


class MarkdownSink(TextSink):
    """The text sink, escaping the document's text; a line break is a hard break."""

    SEPARATORS = {1: " ", 2: "  \n", 3: "\n\n"}

    def text(self, s: str) -> None:
        s = _SPECIAL.sub(r"\\\1", s)
        if self.length == 0 or self.pending >= 2 or self.last == "\n":  # a line starts
            s = _LINE_START.sub(r"\1\\\2", s, count=1)  # "1849." is not a list item
        super().text(s)

    def delimiter(self, mark: str) -> str:
        """``mark`` (``*``, ``**``), or ``_`` where an emphasis just closed: ``*a**b*``
        would read as one strong run, ``*a*_b_`` reads as two emphases."""
        return mark.replace("*", "_") if self.last == "*" and not self.pending else mark


def _wrapped(w: Walker, el, mark: str) -> Iterator:
    if not mark or not plain(el).strip():
        yield from w.inside(el)
        return
    mark = w.out.delimiter(mark)
    w.out.open_bracket(mark)
    yield from w.inside(el)
    w.out.close_bracket(mark)


def emphasis(w: Walker, el) -> Iterator:
    """``*text*``; ``**text**`` for a bold rendition; none where the rendition is not
    emphasis (superscript, small capitals, upright)."""
    rend = (el.get("rend") or "").lower()
    if "bold" in rend:
        mark = "**"
    elif any(r in rend for r in _PLAIN_RENDS):
        mark = ""
    else:
        mark = "*"
    yield from _wrapped(w, el, mark)


def strong(w: Walker, el) -> Iterator:
    yield from _wrapped(w, el, "**")


def heading(w: Walker, el) -> Iterator:
    """``#`` for a head of the text, one more per enclosing division (at most six)."""
    if w.in_running_text(el):
        yield from w.inside(el)
        return
    depth = sum(1 for a in el.iterancestors() if name_of(a) in _DIVS)
    w.out.block()
    w.out.open_bracket("#" * min(6, 1 + depth) + " ")
    w.out.enter_inline()  # a heading is one line
    yield from w.inside(el)
    w.out.leave_inline()
    w.out.block()


def link(w: Walker, el) -> Iterator:
    target = el.get("target") or ""
    note = standoff.target_note(w, target)
    if note is not None:  # a note kept in standOff: a footnote, the words stay text
        standoff.queue(w, note)
        yield from w.inside(el)
        return
    if not re.match(r"https?://", target) or not plain(el).strip():
        yield from w.inside(el)
        return
    w.out.open_bracket("[")
    yield from w.inside(el)
    w.out.close_bracket(f"]({target.replace(')', '%29').replace(' ', '%20')})")


def pointer(w: Walker, el) -> None:
    target = el.get("target") or el.get("cRef") or ""
    note = standoff.target_note(w, target)
    if note is not None:  # a note kept in standOff: its footnote marker
        w.out.literal(f"[^{standoff.queue(w, note)}]")
    elif re.match(r"https?://[^\s<>]+$", target):
        w.out.literal(f"<{target}>")  # an autolink
    elif target:
        w.out.text(f"<{target}>")  # shown as written, escaped


def footnote(w: Walker, el) -> Iterator:
    if el.get("place") == "inline":
        yield from bracketed(w, el)
        return
    notes = w.state.setdefault("notes", [])
    notes.append(el)
    w.out.literal(f"[^{len(notes)}]")


MARKDOWN = {
    **TEXT,
    **{n: emphasis for n in ("hi", "emph", "foreign", "term", "mentioned", "soCalled")},
    "title": emphasis,
    "head": heading,
    "speaker": strong,
    "ref": link,
    "ptr": pointer,
    "note": footnote,
}


def to_markdown(tree, with_header: bool = False) -> str:
    """The reading text of a TEI document as Markdown."""
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    sink = MarkdownSink()
    walker = Walker(MARKDOWN, inline, sink)
    walker.state["standoff"] = standoff.standoff_notes(root)
    if with_header:
        citation_block(walker, root)
    walker.walk(root)
    standoff.queue_annotations(walker)
    notes = walker.state.get("notes", [])
    done = 0
    while done < len(notes):  # a note may hold notes
        sink.block()
        sink.open_bracket(f"[^{done + 1}]: ")
        sink.enter_inline()
        walker.contents(notes[done])
        sink.leave_inline()
        done += 1
    return sink.value() + "\n"
