"""The id policy of an HTML page, and where its internal links point.

- An element's ``xml:id`` is its HTML id, as it is, so a link from another edition
  (``page.html#N1``) lands where the TEI says. Only when the value is one the page uses
  for itself (``text``, ``notes``, ``note-3``, ``m-12``, ``idx-...``; see ``RESERVED``)
  does it get the prefix ``tei-``; a value repeated in the document (invalid TEI,
  exported with a warning) gets ``-2``, ``-3``... on its later copies.
- Every element with an ``xml:id`` leaves that id in the page: on the HTML element made
  from it, or on an empty ``span`` where it starts when no element is made from it.
- A ``ref``/``ptr`` whose target is ``#X`` links to X's HTML id; it gets an id of its own
  (its xml:id, else ``ref-N``) so that a note it points to links back to it.
- What the page does not show (the teiHeader, facsimile, standOff except its notes and
  the register's entries, which are the index's) is no link target, and a pointer there is
  no referrer: no link lands nowhere.
"""

from __future__ import annotations

import re

from lxml import etree

from .header import REGISTER_KINDS
from .standoff import standoff_notes
from .walker import NOT_TEXT, name_of, xml_id

# The page's own ids (page.py, html.py): an xml:id equal to one of these, or shaped
# like the numbered ones, is prefixed with "tei-".
RESERVED = frozenset({"summary", "text", "notes", "index", "toc", "top", "main", "source"})
RESERVED_SHAPES = re.compile(r"^(?:note-\d+|noteref-\d+|ref-\d+|sec-\d+|m-\d+|idx-.*|tei-.*)$")
_SPACE = re.compile(r"\s+")


def _local_target(value: str | None) -> str | None:
    """ "#N1" -> "N1"; anything else (another document, a URL) -> None."""
    if not value:
        return None
    first = value.split()[0]
    return first[1:] if first.startswith("#") and len(first) > 1 else None


class IdPlan:
    """Decided before the walk: the HTML id of every element with an xml:id, and which
    links point at each of them (links may point forward)."""

    def __init__(self, root):
        self.of: dict = {}  # element -> its HTML id
        self.by_value: dict[str, str] = {}  # xml:id value -> HTML id of its first bearer
        self.used: set[str] = set()
        self.repeated: list[str] = []
        self.referrers: dict[str, list] = {}  # HTML id -> ref/ptr elements linking to it
        self.hidden: set[str] = set()  # HTML ids of what the page does not show
        unseen = set()
        for area in root.iter(*(f"{{*}}{name}" for name in NOT_TEXT)):
            shown = set(standoff_notes(area)) if name_of(area) == "standOff" else set()
            for note in list(shown):
                shown.update(note.iter())
            unseen.update(  # a register entry is shown: as its entry in the page's index
                el for el in area.iter() if el not in shown and name_of(el) not in REGISTER_KINDS
            )
        for el in root.iter("*"):
            value = xml_id(el)
            if value is None:
                continue
            ident = _SPACE.sub("_", value) or "x"
            if ident in RESERVED or RESERVED_SHAPES.match(ident):
                ident = "tei-" + ident
            if ident in self.used:
                self.repeated.append(value)
                base, n = ident, 2
                while f"{base}-{n}" in self.used:
                    n += 1
                ident = f"{base}-{n}"
            self.used.add(ident)
            self.of[el] = ident
            self.by_value.setdefault(value, ident)
            if el in unseen:
                self.hidden.add(ident)
        refs = 0
        for el in root.iter("{*}ref", "{*}ptr", "ref", "ptr"):
            target = self.target(el.get("target"))
            if target is None or el in unseen:
                continue
            self.referrers.setdefault(target, []).append(el)
            if el not in self.of:
                refs += 1
                self.of[el] = f"ref-{refs}"
                self.used.add(self.of[el])

    def target(self, value: str | None) -> str | None:
        """The HTML id a ``#X`` pointer lands on, or None (not in this document)."""
        local = _local_target(value)
        ident = self.by_value.get(local) if local is not None else None
        return None if ident in self.hidden else ident

    def reserve(self, ident: str) -> bool:
        """Does the page's own id clash with a kept xml:id? (It never should.)"""
        return ident in self.used


def is_note_block(el) -> bool:
    """A note that stands between blocks (a notes section in the back, a note after a
    paragraph), not one inside a sentence: rendered in place rather than as an endnote."""
    parent = el.getparent()
    if parent is None or name_of(parent) not in {
        "div", "div1", "div2", "div3", "div4", "div5", "div6", "div7", "back", "front",
        "body", "listBibl", "noteGrp",
    }:  # fmt: skip
        return False
    return not ((parent.text or "").strip() or any((c.tail or "").strip() for c in parent))


def placeholder() -> etree._Element:
    """Marks where an element began, until we know whether its id found a home."""
    return etree.Comment("id")
