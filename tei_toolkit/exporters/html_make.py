"""Behaviour makers for the HTML table: an element as a block, a phrase, a bracketed
span; the fallback that keeps any element's text."""

from __future__ import annotations

from collections.abc import Iterator

from .walker import Walker, name_of

# --- behaviour makers ---------------------------------------------------------------


def flow(tag: str, cls: str | None = None):
    def behaviour(w: Walker, el) -> Iterator:
        if w.in_running_text(el):  # part of a sentence: stays in it
            w.out.open("span", cls or f"tei-{name_of(el)}", el)
        else:
            w.out.flow(tag, cls or f"tei-{name_of(el)}", el)
        yield from w.inside(el)
        w.out.close()

    return behaviour


def phrase(tag: str, cls: str | None = None):
    def behaviour(w: Walker, el) -> Iterator:
        w.out.open(tag, cls or f"tei-{name_of(el)}", el)
        yield from w.inside(el)
        w.out.close()

    return behaviour


def fallback(w: Walker, el) -> Iterator:
    """An element we do not know: its text stays, in a span (inside running text) or a
    div (between blocks) named after it."""
    name = name_of(el)
    cls = f"tei-{name}" if name != "*" else "tei-other"
    w.out.open("span" if w.out.in_phrasing or _in_running_text(el) else "div", cls, el)
    yield from w.inside(el)
    w.out.close()


def _in_running_text(el) -> bool:
    parent = el.getparent()
    if parent is None:
        return False
    return bool((parent.text or "").strip()) or any((c.tail or "").strip() for c in parent)


def skip(w: Walker, el) -> None:
    """Not reading text: the header is shown by page.py, the register feeds the index."""


def bracketed(cls: str, title: str):
    def behaviour(w: Walker, el) -> Iterator:
        reason = el.get("reason")
        w.out.open("span", cls, el, title=f"{title} ({reason})" if reason else title)
        w.out.literal("[")
        yield from w.inside(el)
        w.out.literal("]")
        w.out.close()

    return behaviour
