"""Plain-text behaviours for editorial markup (the reading-text policy of
docs/EXPORT.md): supplied text in brackets, deletions in double brackets, gaps as the
source showed them, notes numbered for the end, and of a choice or an apparatus the
primary reading with any other whose words differ in brackets after it."""

from __future__ import annotations

from collections.abc import Iterator

from .header import plain
from .walker import Walker, children_named, same_words, split_choice


def bracketed(w: Walker, el) -> Iterator:
    """``[text]``; space inside the brackets is kept, as the source had it (``[ sic ]``)."""
    w.out.literal("[")
    w.out.enter_inline()
    yield from w.inside(el)
    w.out.leave_inline()
    w.out.literal("]")


def deleted(w: Walker, el) -> Iterator:
    """A deletion: kept, in double brackets, so it never runs into the text that
    replaced it (``⟦yesterday⟧today``)."""
    w.out.open_bracket("⟦")
    yield from w.inside(el)
    w.out.close_bracket("⟧")


def gap(w: Walker, el) -> Iterator:
    rend, desc = el.get("rend"), plain(el)
    if rend:
        w.out.literal(rend)
    elif desc:
        w.out.literal("[")
        yield from w.inside(el)
        w.out.literal("]")
    else:
        w.out.literal("[…]")


def note(w: Walker, el) -> Iterator:
    if el.get("place") == "inline":
        yield from bracketed(w, el)
        return
    notes = w.state.setdefault("notes", [])
    notes.append(el)
    w.out.literal(f"[{len(notes)}]")


def choice(w: Walker, el) -> Iterator:
    primary, others = split_choice(el)
    if primary is None:
        yield from w.inside(el)
        return
    yield primary
    shown = plain(primary)
    for alt in others:  # another reading is kept only when its words differ
        if not same_words(shown, plain(alt)):
            w.out.space()
            w.out.open_bracket()
            yield alt
            w.out.close_bracket()


def app(w: Walker, el) -> Iterator:
    lemma = children_named(el, "lem")
    readings = children_named(el, "rdg", "rdgGrp")
    if not lemma:
        yield from w.inside(el)
        return
    yield lemma[0]
    shown = plain(lemma[0])
    for rdg in readings:
        if not same_words(shown, plain(rdg)):
            w.out.space()
            w.out.open_bracket()
            yield rdg
            w.out.close_bracket()
