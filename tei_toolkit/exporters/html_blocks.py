"""HTML behaviours for structures with their own child rules: speaker turns, lists and
tables (a ul holds only li, a table only rows), each also drawn with spans inside a
sentence, where HTML allows no blocks."""

from __future__ import annotations

from collections.abc import Iterator

from .header import plain
from .walker import Walker, children_named, name_of


def sp(w: Walker, el) -> Iterator:
    """Speaker label inside the first paragraph when it ends in punctuation (``Name:``)."""
    w.out.flow("div", "sp", el, data_who=el.get("who"))
    if el.text and el.text.strip():
        w.out.text(el.text)
    label = None
    for child in el:
        kind = name_of(child)
        if kind == "speaker":
            text = plain(child)
            if text and text[-1] in ":.;,-–—":
                label = child
            else:
                w.out.flow("p", "speaker", child)
                yield from w.inside(child)
                w.out.close()
        elif kind in ("p", "ab") and label is not None:
            w.out.flow("p", None, child)
            yield from _speaker_label(w, label)
            w.out.text(" ")
            yield from w.inside(child)
            w.out.close()
            label = None
        else:
            if label is not None:
                w.out.flow("p", None)
                yield from _speaker_label(w, label)
                w.out.close()
                label = None
            yield child
        if child.tail and child.tail.strip():
            w.out.text(child.tail)
    if label is not None:
        yield from _speaker_label(w, label)
    w.out.close()


def _speaker_label(w: Walker, el) -> Iterator:
    w.out.open("b", "speaker", el)
    yield from w.inside(el)
    w.out.close()


def list_(w: Walker, el) -> Iterator:
    """ul/ol with each label joined to the item after it; any other child in an li."""
    ordered = (el.get("type") or el.get("rend") or "") in ("ordered", "numbered")
    w.out.flow("div", "tei-list", el)
    for h in children_named(el, "head"):
        w.out.flow("p", "tei-head", h)
        yield from w.inside(h)
        w.out.close()
    w.out.flow("ol" if ordered else "ul", None)
    pending = [el.text] if el.text and el.text.strip() else []
    for child in el:
        kind = name_of(child)
        if kind == "head":
            pass
        elif kind == "label":
            pending.append(child)
        elif isinstance(child.tag, str):
            w.out.flow("li", "tei-item" if kind == "item" else f"tei-{kind}", child)
            yield from _flush(w, pending)
            if kind == "item":
                yield from w.inside(child)
            else:
                yield child
            w.out.close()
        if child.tail and child.tail.strip():
            pending.append(child.tail)
    if pending:
        w.out.flow("li", "tei-item")
        yield from _flush(w, pending)
        w.out.close()
    w.out.close()
    w.out.close()


def _flush(w: Walker, pending: list) -> Iterator:
    for piece in pending:
        if isinstance(piece, str):
            w.out.text(piece)
        else:
            w.out.open("span", "tei-label", piece)
            yield from w.inside(piece)
            w.out.close()
            w.out.text(" ")
    pending.clear()


def table(w: Walker, el) -> Iterator:
    in_phrase = bool(w.out.in_phrasing)
    tags = ("span", "span", "span") if in_phrase else ("table", "tr", "td")
    w.out.open(tags[0], "tei-table" + (" block" if in_phrase else ""), el)
    heads = children_named(el, "head")
    if heads:
        w.out.open("span" if in_phrase else "caption", "tei-head")
        for h in heads:
            yield from w.inside(h)
        w.out.close()
    w.out.open("span" if in_phrase else "tbody", None)
    for child in el:
        kind = name_of(child)
        if kind == "row":
            w.out.open(tags[1], "tei-row", child)
            for cell in child:
                if isinstance(cell.tag, str):
                    label = "label" in (cell.get("role"), child.get("role"))
                    tag = "th" if label and not in_phrase else tags[2]
                    w.out.open(
                        tag,
                        "tei-cell",
                        cell,
                        colspan=_span(cell.get("cols")),
                        rowspan=_span(cell.get("rows")),
                    )
                    if name_of(cell) == "cell":
                        yield from w.inside(cell)
                    else:
                        yield cell
                    w.out.close()
            w.out.close()
        elif kind != "head" and (isinstance(child.tag, str) or (child.tail or "").strip()):
            w.out.open(tags[1], "tei-row")
            w.out.open(tags[2], "tei-cell")
            yield child
            w.out.close()
            w.out.close()
        if child.tail and child.tail.strip() and kind in ("row", "head"):
            w.out.open(tags[1], "tei-row")
            w.out.leaf(tags[2], child.tail, "tei-cell")
            w.out.close()
    w.out.close()
    w.out.close()


def _span(value: str | None) -> str | None:
    return value if value and value.isdigit() and value != "0" else None
