"""HTML behaviours for editorial markup: notes (endnotes with a marker, or read in place,
linked both ways), gaps, choice, apparatus."""

from __future__ import annotations

from collections.abc import Iterator

from . import text_edit
from .header import plain
from .html_ids import is_note_block
from .html_make import bracketed
from .walker import Walker, children_named, name_of, same_words, split_choice


def note(w: Walker, el) -> Iterator:
    if el.get("place") == "inline":
        yield from bracketed("note editorial", "editorial note")(w, el)
        return
    if is_note_block(el):  # a notes section, a note between paragraphs: in place
        yield from block_note(w, el)
        return
    w.out.claim(el)  # its id goes on the endnote
    notes = w.state.setdefault("notes", [])
    notes.append(el)
    n = len(notes)
    if w.out.in_link:
        w.out.leaf("sup", str(n), "noteref", id=f"noteref-{n}")
        return
    w.out.open("a", "noteref", href=f"#{note_id(w, el, n)}", id=f"noteref-{n}")
    w.out.leaf("sup", str(n))
    w.out.close()


def note_id(w: Walker, el, n: int) -> str:
    """The HTML id of the n-th endnote: the note's own xml:id when it has one."""
    plan = w.out.plan
    return (plan.of.get(el) if plan else None) or f"note-{n}"


def backlinks(w: Walker, el, extra: list[str] = ()) -> None:  # type: ignore[assignment]
    """ "↩" links to the markers of note ``el`` and to every ref pointing at it."""
    plan = w.out.plan
    targets = list(extra)
    if plan is not None and el in plan.of:
        targets += [plan.of[r] for r in plan.referrers.get(plan.of[el], [])]
    for i, target in enumerate(targets):
        w.out.text(" ")
        label = "↩" if len(targets) == 1 else f"↩{i + 1}"
        w.out.leaf("a", label, "backref", href=f"#{target}", title="back to the text")


def block_note(w: Walker, el) -> Iterator:
    w.out.flow("div", "note block-note", el)
    if el.get("n"):
        w.out.leaf("span", el.get("n"), "note-label")
        w.out.text(" ")
    yield from w.inside(el)
    backlinks(w, el)
    w.out.close()


def gap(w: Walker, el) -> Iterator:
    """The text export's gap ("[…]", or the source's own characters) in a titled span."""
    reason = el.get("reason")
    w.out.open("span", "gap", el, title="gap" + (f" ({reason})" if reason else ""))
    yield from text_edit.gap(w, el)
    w.out.close()


def choice(w: Walker, el) -> Iterator:
    primary, others = split_choice(el)
    if primary is None:
        yield from w.inside(el)
        return
    shown = plain(primary)
    same = [plain(o) for o in others if same_words(shown, plain(o))]
    w.out.open("span", "choice", el, title=" / ".join(same) or None)
    yield primary
    for alt in others:
        if not same_words(shown, plain(alt)):
            w.out.text(" ")
            w.out.open("span", f"alt tei-{name_of(alt)}")
            w.out.literal("[")
            yield from w.inside(alt)
            w.out.literal("]")
            w.out.close()
    w.out.close()


def app(w: Walker, el) -> Iterator:
    """An apparatus entry: the lemma in the text; the readings after it, shown on demand
    (hover or focus, see the page CSS) and in print."""
    lemma = children_named(el, "lem")
    readings = children_named(el, "rdg", "rdgGrp")
    if not lemma:
        yield from w.inside(el)
        return
    w.out.open("span", "app", el)
    yield lemma[0]
    if readings:
        w.out.open("span", "readings", tabindex="0", title="other readings")
        for rdg in readings:
            w.out.open("span", "rdg", rdg)
            wit = " ".join(v.lstrip("#") for v in (rdg.get("wit") or "").split())
            if wit:
                w.out.leaf("span", wit, "wit")
                w.out.text(" ")
            yield from w.inside(rdg)
            w.out.close()
        w.out.close()
    w.out.close()
