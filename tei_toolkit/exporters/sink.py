"""What a behaviour may ask of its output: the sink protocols.

Behaviours write through these methods only, never through a sink's attributes, so a new
output (Markdown, say) is a class with these methods plus a table of behaviours.
"""

from __future__ import annotations

from typing import Any, Protocol


class Sink(Protocol):
    """Every output: the document's text, and text the exporter adds."""

    def text(self, s: str) -> None:
        """Text of the document (the sink applies its whitespace policy)."""

    def literal(self, s: str) -> None:
        """Text the exporter adds as it is: brackets, labels, numbers."""


class TextOut(Sink, Protocol):
    """The plain-text output (text.TextSink)."""

    @property
    def empty(self) -> bool: ...

    def space(self) -> None: ...

    def line(self) -> None: ...

    def block(self) -> None: ...

    def glue(self) -> None: ...

    def join(self) -> None: ...

    def enter_inline(self) -> None: ...

    def leave_inline(self) -> None: ...

    def open_bracket(self, s: str = "[") -> None: ...

    def close_bracket(self, s: str = "]") -> None: ...

    def begin(self, el: Any) -> Any: ...

    def end(self, span: Any) -> None: ...


class HtmlOut(Sink, Protocol):
    """The HTML output (html_sink.HtmlSink): elements opened and closed in order."""

    @property
    def in_phrasing(self) -> bool: ...

    @property
    def in_link(self) -> bool: ...

    def open(self, tag: str, cls: str | None = None, src: Any = None, **attrs: Any) -> Any: ...

    def flow(self, tag: str, cls: str | None = None, src: Any = None, **attrs: Any) -> Any: ...

    def close(self) -> None: ...

    def leaf(self, tag: str, text: str, cls: str | None = None, **attrs: Any) -> Any: ...

    def unique(self, ident: str) -> str: ...

    def trim_end(self) -> None: ...
