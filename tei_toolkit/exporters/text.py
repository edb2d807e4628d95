"""TEI -> plain reading text. The policy is in docs/EXPORT.md; in short: the words of the
document in order, speaker labels kept, editorial insertions in brackets as the source
had them, gaps as the source showed them, inline notes in place, other notes at the end.
This module holds the structure (blocks, lines, speeches, lists, tables), the TEXT table
and the entry points; the editorial behaviours are in text_edit.py.

XML whitespace (space, tab, newline) is collapsed inside a paragraph; other spaces
(no-break space) are kept. Paragraphs are separated by a blank line.
"""

from __future__ import annotations

from collections.abc import Iterator

from . import standoff
from .behaviours import with_behaviours
from .header import ENTITY_KINDS, WHOLE_PARTS, plain, read_header, source_parts
from .standoff import queue_annotations, standoff_notes, target_note
from .text_edit import app, bracketed, choice, deleted, gap, note
from .text_sink import Span, TextSink
from .walker import NOT_TEXT, Walker, children_named, name_of

OPENING_QUOTES = "“‘\"'«„‚‹"
CLOSING_QUOTES = "”’\"'»“‘›"


# --- behaviours ---------------------------------------------------------------------


def inline(w: Walker, el) -> Iterator:
    yield from w.inside(el)


def skip(w: Walker, el) -> None:
    """Not reading text (header, register, images); see NOT_TEXT."""


def block(w: Walker, el) -> Iterator:
    if w.in_running_text(el):  # a block element inside a sentence stays in the sentence
        yield from w.inside(el)
        return
    w.out.block()
    yield from w.inside(el)
    w.out.block()


def line(w: Walker, el) -> Iterator:
    w.out.line()
    yield from w.inside(el)
    w.out.line()


def entity(w: Walker, el) -> Iterator:
    span = w.out.begin(el)
    yield from w.inside(el)
    w.out.end(span)
    w.state.setdefault("spans", []).append(span)


def lb(w: Walker, el) -> None:
    if el.get("break") == "no":
        w.out.join()  # a word continues across the line end
    else:
        w.out.line()


def sp(w: Walker, el) -> Iterator:
    """``Name: text`` on one line when the label ends in punctuation, else the label on a
    line of its own (drama)."""
    w.out.block()
    after_label = False
    if el.text and el.text.strip():
        w.out.text(el.text)
    for child in el:
        kind = name_of(child)
        if kind == "speaker":
            yield child
            label = plain(child)
            after_label = True
            if label and label[-1] in ":.;,-–—":
                w.out.space()
            else:
                w.out.line()
        elif kind in ("p", "ab") and after_label:
            yield from w.inside(child)  # the speech goes on from its label
            after_label = False
        else:
            after_label = False
            yield child
        if child.tail and child.tail.strip():
            w.out.text(child.tail)
    w.out.block()


def quoted(w: Walker, el) -> Iterator:
    """q, said, inline quote: quotation marks added unless the text already has them."""
    if children_named(el, "p", "lg", "l", "list", "table", "sp") or not w.in_running_text(el):
        w.out.block()
        yield from w.inside(el)
        w.out.block()
        return
    text = plain(el)
    marked = text[:1] in OPENING_QUOTES and text[-1:] in CLOSING_QUOTES
    if not marked:
        w.out.open_bracket("“")
    yield from w.inside(el)
    if not marked:
        w.out.close_bracket("”")


def item(w: Walker, el) -> Iterator:
    previous = el.getprevious()
    if previous is None or name_of(previous) != "label":
        w.out.line()
        w.out.open_bracket("- ")
    yield from w.inside(el)
    w.out.line()


def label(w: Walker, el) -> Iterator:
    w.out.line()
    yield from w.inside(el)
    w.out.space()


def row(w: Walker, el) -> Iterator:
    w.out.line()
    first = True
    for cell in el:
        if not isinstance(cell.tag, str):
            continue
        if not first:
            w.out.close_bracket(" |")
            w.out.space()
        first = False
        yield cell
    w.out.line()


def ptr(w: Walker, el) -> None:
    target = el.get("target") or el.get("cRef")
    note = target_note(w, target)
    if note is not None:  # a note kept in standOff: its marker, the note at the end
        w.out.literal(f"[{standoff.queue(w, note)}]")
    elif target:
        w.out.literal(f"<{target}>")


def ref(w: Walker, el) -> Iterator:
    note = target_note(w, el.get("target"))
    if note is not None:
        standoff.queue(w, note)
    yield from w.inside(el)


BLOCKS = (
    "p",
    "ab",
    "div",
    "div1",
    "div2",
    "div3",
    "div4",
    "div5",
    "div6",
    "div7",
    "head",
    "lg",
    "list",
    "table",
    "figure",
    "opener",
    "closer",
    "postscript",
    "trailer",
    "epigraph",
    "argument",
    "byline",
    "dateline",
    "docTitle",
    "docAuthor",
    "docDate",
    "docImprint",
    "titlePage",
    "titlePart",
    "castList",
    "listBibl",
    "floatingText",
    "text",
    "front",
    "back",
    "body",
    "group",
    "camera",
    "sound",
    "move",
    "view",
    "spGrp",
    "u",
    "div0",
    "castGroup",
    "listPerson",
    "listPlace",
    "listOrg",
    "listEvent",
)
# Blocks between blocks; inside a sentence they stay in it (block() checks).
CONTEXTUAL = ("bibl", "stage", "salute", "signed", "address", "cit", "fw", "biblStruct")
LINES = ("l", "addrLine", "castItem", "role", "roleDesc")
INLINE = (
    "hi",
    "emph",
    "foreign",
    "term",
    "mentioned",
    "soCalled",
    "gloss",
    "title",
    "seg",
    "w",
    "pc",
    "c",
    "num",
    "measure",
    "unclear",
    "sic",
    "corr",
    "orig",
    "reg",
    "abbr",
    "expan",
    "add",
    "subst",
    "speaker",
    "lem",
    "rdg",
    "damage",
    "restore",
    "surplus",
    "secl",
    "mod",
    "retrace",
    "ex",
    "am",
    "distinct",
)
EMPTY = (
    "pb",
    "cb",
    "milestone",
    "anchor",
    "graphic",
    "binaryObject",
    "space",
    "index",
    "alt",
    "link",
    "linkGrp",
    "join",
    "span",
    "spanGrp",
    "interp",
    "interpGrp",
)

TEXT = {
    **{name: block for name in BLOCKS},
    **{name: line for name in LINES},
    **{name: block for name in CONTEXTUAL},
    **{name: inline for name in INLINE},
    **{name: skip for name in EMPTY + tuple(NOT_TEXT)},
    **{name: entity for name in (*ENTITY_KINDS, "name", "rs", "date", "time")},
    "supplied": bracketed,
    "del": deleted,
    "lb": lb,
    "gap": gap,
    "note": note,
    "choice": choice,
    "app": app,
    "sp": sp,
    "q": quoted,
    "said": quoted,
    "quote": quoted,
    "item": item,
    "label": label,
    "row": row,
    "cell": inline,
    "ptr": ptr,
    "ref": ref,
}


def render_text(tree, with_header: bool = False, behaviours=None) -> tuple[str, list[Span]]:
    """The reading text and the spans of every entity in it (``behaviours``: a user table
    on top of TEXT, see behaviours.py)."""
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    sink = TextSink()
    walker = Walker(with_behaviours(TEXT, behaviours, html=False), inline, sink)
    walker.state["standoff"] = standoff_notes(root)
    if with_header:
        citation_block(walker, root)
    walker.walk(root)
    queue_annotations(walker)
    notes = walker.state.get("notes", [])
    done = 0
    while done < len(notes):  # a note may hold notes: render until none is left
        if done == 0:
            sink.block()
            sink.literal("Notes")
        sink.block()
        sink.literal(f"[{done + 1}]")
        sink.space()
        sink.enter_inline()
        walker.contents(notes[done])
        sink.leave_inline()
        done += 1
    return sink.value(), walker.state.get("spans", [])


def citation_block(w: Walker, root) -> None:
    """A short citation: title, date, source, translator, funder, record id, licence, and
    the record's summary (profileDesc/abstract)."""
    head = read_header(root)
    fields = [
        ("", [head.title]),
        ("Date", [head.date]),
        ("Author", head.authors),
        ("Source", [head.source]),
        ("Translated by", head.translators),
        ("Funder", head.funders),
        ("Record ID", [head.record_id]),
        ("Rights", head.rights[:1]),
        ("Licence", [head.licence_url]),
        ("Summary", head.summary),
    ]
    for label_text, values in fields:
        values = [v for v in values if v is not None and (isinstance(v, str) or plain(v))]
        if not values:
            continue
        w.out.line()
        if label_text:
            w.out.literal(f"{label_text}: ")
            w.out.glue()
        for i, value in enumerate(values):
            if i:
                w.out.literal(";")
                w.out.space()
            parts = source_parts(value) if label_text == "Source" else []
            if isinstance(value, str):
                w.out.literal(value)
            elif parts:  # a structured source, part by part
                for joined, part in parts:
                    if joined.strip():
                        w.out.literal(joined.strip())
                    if joined:
                        w.out.space()
                    w.walk(part) if name_of(part) in WHOLE_PARTS else w.contents(part)
            else:
                w.contents(value)
    if not w.out.empty:
        w.out.block()
        w.out.literal("----")
        w.out.block()


def inline_text(el) -> str:
    """The text of one element (a title, a summary paragraph) by the same policy."""
    sink = TextSink()
    Walker(TEXT, inline, sink).contents(el)
    return sink.value()


def to_text(tree, with_header: bool = False, behaviours=None) -> str:
    """The plain reading text of a TEI document (see docs/EXPORT.md for the policy)."""
    return render_text(tree, with_header, behaviours)[0]
