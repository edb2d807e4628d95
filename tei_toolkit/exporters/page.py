"""The HTML pages: one self-contained edition page per TEI document, and the corpus index.

A page has the citation block (from the teiHeader), the summary, the text, the notes and
an index of the people, places and organisations it names: each entry links back to its
mentions and out to its authority records. CSS is embedded; no script, no network.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote

import lxml.html
from lxml import etree

from .. import __version__
from .header import (
    WHOLE_PARTS,
    Header,
    plain,
    read_header,
    read_register,
    safe_url,
    source_parts,
)
from .html import html_walker
from .html_edit import backlinks, note_id
from .html_ids import IdPlan
from .html_links import index_id
from .html_sink import HtmlSink
from .lang import bcp47
from .page_css import CSS, DARK_AND_PRINT
from .rendition import read_renditions, stylesheet
from .standoff import queue_annotations, standoff_notes
from .text import inline_text
from .walker import Walker, name_of

TOC_MIN = 5  # a table of contents for more headed divisions than this

KINDS = (
    ("person", "People"),
    ("place", "Places"),
    ("org", "Organisations"),
    ("other", "Other names"),
)


def _skeleton(title: str, lang: str | None, extra_css: str = ""):
    html = etree.Element("html", lang=bcp47(lang) or "und")
    head = etree.SubElement(html, "head")
    etree.SubElement(head, "meta", charset="utf-8")
    etree.SubElement(head, "meta", name="viewport", content="width=device-width, initial-scale=1")
    etree.SubElement(head, "meta", name="color-scheme", content="light dark")
    etree.SubElement(head, "title").text = title
    etree.SubElement(head, "meta", name="generator", content=f"tei-toolkit {__version__}")
    etree.SubElement(head, "style").text = CSS + extra_css + DARK_AND_PRINT
    return html, etree.SubElement(html, "body")


def _serialize(html) -> str:
    return (
        lxml.html.tostring(
            html, doctype="<!DOCTYPE html>", encoding="unicode", method="html", pretty_print=False
        )
        + "\n"
    )


@dataclass
class Page:
    """A rendered page and what a corpus site needs from it."""

    html: str
    header: Header
    title: str
    text: str  # the words of the text section, for the site's search index
    mentions: list = field(default_factory=list)  # Mention per name in the text


@dataclass
class Mention:
    key: str  # "#id" of the register entry, or "kind:name"
    kind: str
    name: str  # the register's name, or the text
    links: list  # authority links [(label, url)]
    anchor: str  # the HTML id of the mention in its page
    left: str
    text: str
    right: str
    geo: tuple[float, float] | None = None  # the place's own point (location/geo)


def to_html(tree, behaviours=None, *, remote_images: bool = False) -> str:
    """One self-contained HTML5 page for a TEI document.

    ``behaviours``: the user's own table (element name -> behaviour), see behaviours.py.
    ``remote_images``: show graphic/@url on the web as images (the page then fetches)."""
    return render_page(tree, behaviours, remote_images=remote_images).html


def render_page(
    tree, behaviours=None, *, remote_images: bool = False, site_links=None, context: bool = False
) -> Page:
    """The page, and (``context``) its mentions with a few words either side.
    ``site_links``: [(label, href)] shown at the top (the record's TEI, text, JSON...)."""
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    head = read_header(root)
    title = inline_text(head.title) if head.title is not None else ""
    renditions = read_renditions(root)
    html, body = _skeleton(title or "Untitled TEI document", head.lang, stylesheet(renditions))
    sink = HtmlSink(body, IdPlan(root), renditions)
    sink.context = context
    w = html_walker(sink, read_register(root), behaviours, remote_images)
    w.state["standoff"] = standoff_notes(root)
    if site_links:
        sink.open("nav", "site-nav", aria_label="This record")
        for i, (label, href) in enumerate(site_links):
            sink.text(" · " if i else "")
            sink.leaf("a", label, href=_relative(href))
        sink.close()
    _citation(w, head, title)
    sink.open("main")
    sink.context_on = context  # the site's name pages: mentions in summary and text
    if head.summary:
        _section(w, "summary", "Summary")
        w.walk_each(head.summary)
        sink.close()
    text_section = _section(w, "text", "Text")
    w.state["level"] = 2
    w.walk(root)
    sink.context_on = False
    sink.close()
    if len(w.state.get("toc", [])) > TOC_MIN:
        text_section.addprevious(_contents(w.state["toc"]))
    queue_annotations(w)
    _notes(w)
    _index(w)
    sink.close()
    sink.open("footer")
    sink.text(f"Exported from TEI by tei-toolkit {__version__}.")
    sink.close()
    mentions = [
        Mention(_site_key(key, entry), kind, entry.name if entry else text,
                entry.links if entry else [], ident, around[0], text, around[1],
                entry.geo if entry else None)
        for key, kind, entry, text, ident, around in w.state.get("mentions", [])
        if around is not None
    ]  # fmt: skip
    words = " ".join(" ".join(text_section.itertext()).split()) if context else ""
    return Page(_serialize(html), head, title, words, mentions)


def _site_key(key: str, entry) -> str:
    """The corpus-wide key of a name: its register id when the entry has one (each
    record's entry has its own xml:id), so the site lists one person once."""
    register_key = getattr(entry, "register_key", None)
    return f"register:{register_key}" if register_key else key


def _section(w: Walker, ident: str, heading: str):
    section = w.out.open("section", ident, id=ident)
    on, w.out.context_on = w.out.context_on, False  # a heading is no mention's context
    w.out.leaf("h2", heading)
    w.out.context_on = on
    return section


def _contents(toc: list[tuple[int, str, str]]):
    """The table of contents: a nested list of the headed divisions (front, body, back)."""
    nav = etree.Element("nav", {"class": "toc", "id": "toc", "aria-label": "Contents"})
    etree.SubElement(nav, "h2").text = "Contents"
    lists = [etree.SubElement(nav, "ol")]
    for depth, ident, heading in toc:
        depth = min(depth, len(lists))  # at most one level deeper than the last entry
        while len(lists) - 1 > depth:
            lists.pop()
        if len(lists) - 1 < depth:
            parent_li = lists[-1][-1] if len(lists[-1]) else etree.SubElement(lists[-1], "li")
            lists.append(etree.SubElement(parent_li, "ol"))
        li = etree.SubElement(lists[-1], "li")
        etree.SubElement(li, "a", href=f"#{ident}").text = heading or "(untitled)"
    return nav


def _citation(w: Walker, head: Header, title: str) -> None:
    sink = w.out
    sink.open("header")
    sink.open("h1")
    if title:
        w.contents(head.title)
    else:
        sink.text("Untitled TEI document")
    sink.close()
    if head.date is not None:
        sink.open("p", "date")
        w.walk(head.date)
        sink.close()
    fields = [
        ("Title", [head.title]),
        ("Date", [head.date]),
        ("Author", head.authors),
        ("Editor", head.editors),
        ("Source", [head.source]),
        ("Translated by", head.translators),
        ("Publisher", [head.publisher]),
        ("Funder", head.funders),
        ("Rights", head.rights),
        ("Licence", [head.licence_url]),
        ("Record ID", [head.record_id]),
    ]
    fields = [
        (label, [v for v in values if v is not None and (isinstance(v, str) or plain(v))])
        for label, values in fields
    ]
    if any(values for _, values in fields):
        sink.open("dl", "citation")
        for label, values in fields:
            if values:
                sink.leaf("dt", label)
                sink.open("dd")
                _field(w, label, values)
                sink.close()
        sink.close()
    sink.close()


def _field(w: Walker, label: str, values: list) -> None:
    for i, value in enumerate(values):
        if label == "Licence":
            w.out.leaf("a", value, href=value)
        elif isinstance(value, str):
            w.out.text(value)
        elif label in ("Author", "Editor", "Translated by", "Funder"):
            w.out.open("span", "field")  # phrasing: a name's blocks stay in the line
            w.walk(value)  # a name here links to the index like one in the text
            w.out.close()
        elif label == "Rights":
            w.out.flow("p", None)
            w.contents(value)
            w.out.close()
        else:
            w.out.open("span", "field")
            parts = source_parts(value) if label == "Source" else []
            for joined, part in parts:  # a structured source, part by part
                w.out.text(joined)
                w.walk(part) if name_of(part) in WHOLE_PARTS else w.contents(part)
            if not parts:
                w.contents(value)
            w.out.close()
        if i < len(values) - 1 and label != "Rights":
            w.out.text("; ")


def _notes(w: Walker) -> None:
    notes = w.state.get("notes", [])
    if not notes:
        return
    _section(w, "notes", "Notes")
    w.out.open("ol", "notes")
    done = 0
    while done < len(notes):  # notes inside notes are appended while we render
        done += 1
        note = notes[done - 1]
        ident = note_id(w, note, done)
        kept = note in w.state.get("standoff", {})  # pointed at by a ptr/ref, or none
        cls = "annotation" if note in w.state.get("annotations", ()) else None
        if ident == f"note-{done}":
            w.out.open("li", cls, id=ident)
        else:
            w.out.open("li", cls, note)  # the note's kept xml:id
        w.contents(note)
        backlinks(w, note, [] if kept else [f"noteref-{done}"])
        w.out.close()
    w.out.close()
    w.out.close()


def _index(w: Walker) -> None:
    """People, places, organisations: the register's entries and every name the text marks."""
    entries: dict[str, dict] = {}
    for ident, entry in w.state["register"].items():
        entries[f"#{ident}"] = {
            "name": entry.name,
            "kind": entry.kind,
            "links": entry.links,
            "mentions": [],
        }
    for key, kind, entry, text, mention_id, _ in w.state.get("mentions", []):
        slot = entries.setdefault(
            key,
            {
                "name": entry.name if entry else text,
                "kind": kind,
                "links": entry.links if entry else [],
                "mentions": [],
            },
        )
        slot["mentions"].append((mention_id, text))
    if not entries:
        return
    _section(w, "index", "Index")
    for kind, heading in KINDS:
        group = sorted(
            ((k, e) for k, e in entries.items() if e["kind"] == kind),
            key=lambda item: (item[1]["name"].casefold(), item[0]),
        )
        if not group:
            continue
        w.out.leaf("h3", heading)
        w.out.open("ul", "index")
        for key, entry in group:
            _entry(w, key, entry)
        w.out.close()
    w.out.close()


def _entry(w: Walker, key: str, entry: dict) -> None:
    sink = w.out
    li = sink.open("li", "entry")
    li.set("id", index_id(w, key))
    sink.leaf("span", entry["name"] or key, "name")
    if entry["links"]:
        sink.open("span", "authorities")
        for i, (label, url) in enumerate(entry["links"]):
            sink.text(" (" if i == 0 else ", ")
            sink.leaf("a", label, "authority", href=url)
        sink.text(")")
        sink.close()
    if entry["mentions"]:
        sink.text(" ")
        sink.open("span", "mentions")
        sink.text("mentions:")
        for n, (mention_id, text) in enumerate(entry["mentions"], start=1):
            sink.text(" ")
            sink.leaf("a", str(n), "backref", href=f"#{mention_id}", title=f"mention {n}: {text}")
        sink.close()
    sink.close()


def _relative(href: str) -> str:
    """A usable, harmless href: a scheme that could run code is quoted into a path."""
    if safe_url(href):
        return quote(href, safe="/#:?=&%~+,;@!$'()*")
    return quote(href, safe="/%")


def export_index(records, title: str = "Records") -> str:
    """The corpus index page: records by date with title and summary, linking to each page.

    ``records`` is an iterable of ``(href, tree)``: the page's address relative to the
    index, and the TEI document it was made from.
    """
    rows = []
    for href, tree in records:
        head = read_header(tree)
        rows.append(
            (
                head.when or "",
                inline_text(head.title) if head.title is not None else "",
                inline_text(head.date) if head.date is not None else "",
                " ".join(inline_text(p) for p in head.summary),
                href,
            )
        )
    rows.sort(key=lambda r: (r[0] == "", r[0], r[1].casefold(), r[4]))
    html, body = _skeleton(title, "en")
    sink = HtmlSink(body)
    sink.open("header")
    sink.leaf("h1", title)
    sink.close()
    sink.open("main")
    sink.open("ol", "records")
    for _when, record_title, date, summary, href in rows:
        sink.open("li", "record")
        sink.open("h2")
        sink.leaf("a", record_title or href, href=_relative(href))
        sink.close()
        if date:
            sink.leaf("p", date, "date")
        if summary:
            sink.leaf("p", summary, "summary")
        sink.close()
    sink.close()
    sink.close()
    return _serialize(html)
