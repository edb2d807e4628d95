"""The plain-text sink: collapsed XML whitespace, separators written only between text,
and the spans (offsets) of the elements the JSON export reports."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_XML_SPACE = re.compile(r"[ \t\r\n]+")
_SEPARATORS = {1: " ", 2: "\n", 3: "\n\n"}


@dataclass
class Span:
    """Where an element's text landed in the output: [start, end) in code points."""

    el: Any
    start: int | None = None
    end: int | None = None


@dataclass
class TextSink:
    """Collects text with collapsed whitespace and pending separators.

    A separator (space, line break, blank line) is written only when more text follows,
    so no output starts or ends with one and offsets never point at it.
    """

    SEPARATORS = _SEPARATORS  # what a pending space / line break / blank line writes

    parts: list[str] = field(default_factory=list)
    length: int = 0
    pending: int = 0  # 0 nothing, 1 space, 2 line break, 3 blank line
    glued: bool = False  # the last thing written was an opening bracket
    inline: int = 0  # inside a bracketed note or supplied text: blocks become spaces
    waiting: list[Span] = field(default_factory=list)
    last: str = ""

    def text(self, s: str) -> None:
        if not s:
            return
        body = _XML_SPACE.sub(" ", s)
        if body.startswith(" "):
            self.space()
        body = body.strip(" ")
        if body:
            self.literal(body)
        if s[-1] in " \t\r\n":
            self.space()

    def literal(self, s: str) -> None:
        """Write ``s`` as it is, after whatever separator is pending."""
        if not s:
            return
        if self.pending and self.length:
            sep = self.SEPARATORS[self.pending]
            if not (sep == " " and self.last == "\n"):
                self._put(sep)
        self.pending = 0
        self.glued = False
        for span in self.waiting:
            span.start = self.length
        self.waiting.clear()
        self._put(s)

    def _put(self, s: str) -> None:
        self.parts.append(s)
        self.length += len(s)
        self.last = s[-1]

    def open_bracket(self, s: str = "[") -> None:
        self.literal(s)
        self.glued = True

    def close_bracket(self, s: str = "]") -> None:
        space = self.pending == 1
        self.pending = 0
        self.literal(s)
        if space:
            self.pending = 1

    def glue(self) -> None:
        """No separator before what comes next (after a label, an opening bracket)."""
        self.glued = True

    def join(self) -> None:
        """Drop the pending separator: a word continues (``lb break="no"``)."""
        self.pending = 0

    def enter_inline(self) -> None:
        """Inside a bracketed note or supplied text: blocks become spaces."""
        self.inline += 1

    def leave_inline(self) -> None:
        self.inline -= 1

    @property
    def empty(self) -> bool:
        return not self.length

    def space(self) -> None:
        if not self.glued:
            self.pending = max(self.pending, 1)

    def line(self) -> None:
        self.pending = max(self.pending, 1 if self.inline else 2)

    def block(self) -> None:
        self.pending = max(self.pending, 1 if self.inline else 3)

    def begin(self, el) -> Span:
        span = Span(el)
        self.waiting.append(span)
        return span

    def end(self, span: Span) -> None:
        if span in self.waiting:  # nothing was written inside: an empty span here
            self.waiting.remove(span)
            span.start = self.length
        span.end = self.length

    def value(self) -> str:
        return "".join(self.parts)
