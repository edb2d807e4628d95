"""TEI -> JSON: the entities of a document as standoff annotation of its plain text.

Offsets are Python string indices (Unicode code points) into exactly the string
``to_text(tree)`` returns, which the JSON carries as "text": ``text[start:end]`` is the
entity's text. Entities in notes point into the notes part at the end of the text.
"""

from __future__ import annotations

import json

from .header import ENTITY_KINDS, read_header, read_register, resolve
from .text import inline_text, render_text
from .walker import name_of

FORMAT = "tei-toolkit/entities"
VERSION = 1


def _kind(el, entry) -> str:
    name = name_of(el)
    if name in ("date", "time"):
        return name
    if entry is not None:
        return entry.kind
    typed = (el.get("type") or "").lower()
    return ENTITY_KINDS.get(name) or {
        "person": "person",
        "place": "place",
        "org": "org",
        "organisation": "org",
        "organization": "org",
    }.get(typed, "other")


def _normalized(el, entry) -> str | None:
    """The machine value: ISO date/time from @when (or its range), the register's name."""
    name = name_of(el)
    if name in ("date", "time"):
        if el.get("when"):
            return el.get("when")
        low = el.get("from") or el.get("notBefore")
        high = el.get("to") or el.get("notAfter")
        return f"{low or '..'}/{high or '..'}" if low or high else None
    return entry.name if entry is not None else None


def span_text(text: str, span) -> str:
    return text[span.start : span.end]


def to_json(tree, with_header: bool = False, behaviours=None) -> dict:
    """Entities with type, text, @ref, normalized value and offsets into to_text()."""
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    text, spans = render_text(root, with_header, behaviours)
    register = read_register(root)
    head = read_header(root)
    entities = []
    for span in sorted(spans, key=lambda s: (s.start or 0, -(s.end or 0))):
        el = span.el
        ref = el.get("ref") or el.get("key")
        entry = None
        if name_of(el) not in ("date", "time"):
            _, entry = resolve(ref, register, span_text(text, span), _kind(el, None))
        item = {
            "type": _kind(el, entry),
            "element": name_of(el),
            "text": text[span.start : span.end],
            "start": span.start,
            "end": span.end,
            "ref": el.get("ref"),
            "normalized": _normalized(el, entry),
        }
        if el.get("cert"):
            item["cert"] = el.get("cert")
        if entry is not None:
            item["id"] = entry.key
            if not ref:
                item["resolved_by"] = "name"
            item["authority"] = [{"source": label, "url": url} for label, url in entry.links]
        entities.append(item)
    return {
        "format": FORMAT,
        "version": VERSION,
        "title": inline_text(head.title) if head.title is not None else None,
        "date": head.when,
        "record_id": head.record_id,
        "lang": head.lang,
        "offsets": "unicode code points into 'text'",
        "text": text,
        "entities": entities,
    }


__all__ = ["to_json"]


def to_json_string(tree, with_header: bool = False, behaviours=None) -> str:
    return json.dumps(to_json(tree, with_header, behaviours), ensure_ascii=False, indent=2) + "\n"
