"""Notes kept outside the text (``standOff/listAnnotation``, the pattern of many letter
editions: ``<ptr target="#n1"/>`` in the text, ``<note xml:id="n1">`` in standOff).

Both exporters read them the same way: a note that a ``ptr`` or ``ref`` in the text points
at becomes an endnote where that pointer is (a ``ptr`` is its numbered marker; a second
pointer to it reuses the number); the notes nothing in the text reaches are read after
the others, under the same heading, as annotations (no marker to go back to).
"""

from __future__ import annotations

from .walker import Walker, name_of, xml_id

# Where a standOff note is an annotation (a note inside a register entry describes it).
NOTE_LISTS = frozenset({"standOff", "listAnnotation", "noteGrp"})


def standoff_notes(root) -> dict:
    """note element -> its xml:id (or None), in document order, for every annotation note
    of standOff (directly in it, a listAnnotation or a noteGrp)."""
    return {
        note: xml_id(note)
        for area in root.iter("{*}standOff")
        for note in area.iter("{*}note")
        if name_of(note.getparent()) in NOTE_LISTS
    }


def target_note(w: Walker, target: str | None):
    """The standOff note a ``#X`` pointer names, if any."""
    by_id = w.state.get("standoff_ids")
    if by_id is None:
        by_id = w.state["standoff_ids"] = {
            ident: note for note, ident in w.state.get("standoff", {}).items() if ident
        }
    first = (target or "").split()[0] if (target or "").strip() else ""
    return by_id.get(first[1:]) if first.startswith("#") else None


def queue(w: Walker, note) -> int:
    """The note's number among the endnotes, queued the first time it is pointed at."""
    numbers = w.state.setdefault("note_numbers", {})
    if note not in numbers:
        notes = w.state.setdefault("notes", [])
        notes.append(note)
        numbers[note] = len(notes)
    w.state.get("annotations", set()).discard(note)  # pointed at after all: a marker leads here
    return numbers[note]


def queue_annotations(w: Walker) -> None:
    """After the text: the standOff notes it never pointed at, as annotations."""
    numbers = w.state.setdefault("note_numbers", {})
    notes = w.state.setdefault("notes", [])
    annotations = w.state.setdefault("annotations", set())
    for note in w.state.get("standoff", {}):
        if note not in numbers:
            notes.append(note)
            numbers[note] = len(notes)
            annotations.add(note)
