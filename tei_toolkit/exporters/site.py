"""A corpus site: the index (title, counts, records by year, a timeline, a map of the
places and a correspondence network drawn as SVG at export time, client-side search), and pages of
the people, places and organisations named across the records, each mention in context.

Search works from file:// and any static host: the index is a script (search-index.js)
that the page loads with the search script (search.js); without JavaScript the page
still lists every record and the search form stays hidden.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..diagnostics import Diagnostic, warning
from ..outputs import write_atomic
from .header import Header
from .html_sink import HtmlSink, html_id
from .page import Mention, Page, _relative, _serialize, _skeleton
from .site_map import map_svg, spots
from .site_svg import network_svg, timeline_svg
from .walker import name_of

NAME_PAGES = (
    ("person", "people.html", "People"),
    ("place", "places.html", "Places"),
    ("org", "organisations.html", "Organisations"),
)
SITE_FILES = ("index.html", "search.js", "search-index.js") + tuple(p for _, p, _ in NAME_PAGES)
_WORD = re.compile(r"[^\W_]+")
_SPACE = re.compile(r"\s+")

SEARCH_JS = """(function () {
  "use strict";
  var form = document.getElementById("search"), data = window.TEI_SEARCH;
  if (!form || !data) { return; }
  form.hidden = false;
  var input = form.querySelector("input"), out = document.getElementById("search-results");
  var WORD = /[\\p{L}\\p{N}]+/gu, keys = Object.keys(data.words);
  function docsOf(word) {
    var found = {};
    (data.words[word] || []).forEach(function (d) { found[d] = 1; });
    if (!data.words[word] && word.length >= 3) {
      keys.forEach(function (k) {
        if (k.lastIndexOf(word, 0) === 0) { data.words[k].forEach(function (d) { found[d] = 1; }); }
      });
    }
    return found;
  }
  function show() {
    var words = input.value.toLowerCase().match(WORD) || [], hits = null;
    out.textContent = "";
    if (!words.length) { return; }
    words.forEach(function (w) {
      var docs = docsOf(w);
      hits = hits === null ? docs : Object.keys(hits).reduce(function (a, d) {
        if (docs[d]) { a[d] = 1; } return a; }, {});
    });
    var list = Object.keys(hits).map(Number).sort(function (a, b) { return a - b; });
    var note = document.createElement("p");
    note.textContent = list.length + (list.length === 1 ? " record" : " records");
    out.appendChild(note);
    var ol = document.createElement("ol");
    list.forEach(function (d) {
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = data.docs[d][0]; a.textContent = data.docs[d][1];
      li.appendChild(a); ol.appendChild(li);
    });
    out.appendChild(ol);
  }
  input.addEventListener("input", show);
  form.addEventListener("submit", function (e) { e.preventDefault(); show(); });
})();
"""

SITE_CSS = """
.counts { color: #555; } .year h2 { margin-top: 1.5rem; } figure.chart { margin: 1rem 0; }
figure.chart svg { width: 100%; min-width: 640px; height: auto; }
figure.chart { overflow-x: auto; } /* on a phone: scroll the picture, keep its words legible */
figure.chart a circle { fill: #5a3e85; }
svg .axis { stroke: #777; } svg text { font: 11px sans-serif; fill: #333; }
svg .edge { stroke: #999; stroke-width: 1; } svg .node { fill: #2f6f8f; }
svg .sea { fill: #eef3f6; stroke: #9ab; } svg .grid { stroke: #b9c6cf; stroke-width: .5; }
svg .land { fill: #e4dfcf; stroke: #b8ae92; stroke-width: .6; }
figure.chart a circle.place { fill: #b0413e; fill-opacity: .75; stroke: #fff; }
svg .label { font-weight: bold; } svg .halo { stroke: #fff; stroke-width: 3px; }
@media (prefers-color-scheme: dark) {
  svg text { fill: #ddd; } svg .sea { fill: #1c2a33; stroke: #456; }
  svg .land { fill: #3a3a32; stroke: #5a5748; }
  svg .grid { stroke: #345; } svg .halo { stroke: #111; }
}
#search input { font: inherit; padding: .3rem; width: min(30rem, 90%); }
.names .context { color: #444; } .names mark { background: #fff2a8; }
.site-nav { font-size: .9rem; background: #f4f1ea; padding: .3rem .6rem; }
"""


@dataclass
class SiteRecord:
    """What the index needs of one page: plain data (it travels from worker processes),
    so ``page`` keeps its words and mentions but not its HTML or header elements."""

    href: str  # the record's page, relative to the index
    page: Page
    senders: list[str] = field(default_factory=list)
    addressees: list[str] = field(default_factory=list)
    when: str | None = None  # the record's date, normalised (sorting, the timeline)
    date: str | None = None  # the record's date as its header writes it

    @classmethod
    def of(cls, href: str, page: Page, root) -> SiteRecord:
        senders, addressees = correspondents(root)
        date = page.header.date
        shown = " ".join("".join(date.itertext()).split()) if date is not None else None
        slim = replace(page, html="", header=Header())
        return cls(href, slim, senders, addressees, page.header.when, shown)

    @property
    def year(self) -> str | None:
        when = self.when or ""
        return when[:4] if when[:4].isdigit() else None


def correspondents(root) -> tuple[list[str], list[str]]:
    """Senders and addressees named in the header's correspDesc."""
    sent: list[str] = []
    received: list[str] = []
    for action in root.iter("{*}correspAction"):
        kind = action.get("type")
        names = [
            _SPACE.sub(" ", "".join(n.itertext())).strip()
            for n in action
            if name_of(n) in ("persName", "orgName", "name")
        ]
        if kind == "sent":
            sent += [n for n in names if n]
        elif kind == "received":
            received += [n for n in names if n]
    return sent, received


def write_site(
    folder: Path, records: list[SiteRecord], title: str, inputs, taken: dict
) -> list[Diagnostic]:
    """index.html and its companions; a file a record's export already took is skipped."""
    files = {
        "index.html": index_page(records, title),
        "search.js": SEARCH_JS,
        "search-index.js": search_index(records),
    }
    for kind, name, heading in NAME_PAGES:
        files[name] = names_page(records, kind, f"{heading} — {title}")
    notes = []
    for name, data in files.items():
        target = folder / name
        if target in taken:
            notes.append(
                warning(
                    "export:index-skipped",
                    f"not writing {target}: a record's export has that name",
                    file=str(taken[target]),
                )
            )
            continue
        write_atomic(target, data.encode("utf-8"), inputs=inputs)
    return notes


def search_index(records: list[SiteRecord]) -> str:
    words: dict[str, list[int]] = {}
    for n, record in enumerate(records):
        # first-seen order, not a set's: the same corpus gives the same bytes every run
        for word in dict.fromkeys(_WORD.findall(record.page.text.casefold())):
            words.setdefault(word, []).append(n)
    data = {"docs": [[_relative(r.href), r.page.title or r.href] for r in records], "words": words}
    return "window.TEI_SEARCH = " + json.dumps(data, ensure_ascii=False) + ";\n"


def index_page(records: list[SiteRecord], title: str) -> str:
    html, body = _skeleton(title, "en", SITE_CSS)
    sink = HtmlSink(body)
    sink.open("header")
    sink.leaf("h1", title)
    names = {kind: {m.key for r in records for m in r.page.mentions if m.kind == kind}
             for kind, _, _ in NAME_PAGES}  # fmt: skip
    words = sum(len(_WORD.findall(r.page.text)) for r in records)
    sink.leaf(
        "p",
        f"{len(records)} records, {words:,} words; {len(names['person'])} people, "
        f"{len(names['place'])} places, {len(names['org'])} organisations named.",
        "counts",
    )
    sink.open("nav", "site-nav", aria_label="Indexes")
    for i, (kind, page, heading) in enumerate(NAME_PAGES):
        sink.text(" · " if i else "")
        sink.leaf("a", f"{heading} ({len(names[kind])})", href=page)
    sink.close()
    sink.close()
    sink.open("main")
    sink.open("form", None, id="search", role="search", hidden="hidden")
    sink.open("label", None, for_="q")
    sink.text("Search the texts ")
    sink.close()
    sink.open("input", None, id="q", type="search", name="q", autocomplete="off")
    sink.close()
    sink.open("div", None, id="search-results", aria_live="polite")
    sink.close()
    sink.close()
    dated = [r for r in records if r.year]
    if dated:
        _figure(sink, timeline_svg(dated), "Timeline: the records by date")
    places = spots(records, name_anchors(records, "place"))
    if places:
        _figure(
            sink, map_svg(places), "Map: the places named in the records (larger: in more records)"
        )
    letters = [r for r in records if r.senders and r.addressees]
    if letters:
        _figure(sink, network_svg(letters), "Correspondence: who wrote to whom")
    by_year: dict[str, list[SiteRecord]] = {}
    for record in sorted(records, key=lambda r: (r.when or "9999", r.href)):
        by_year.setdefault(record.year or "Undated", []).append(record)
    for year, group in by_year.items():
        sink.open("section", "year", id=html_id("y-", year))
        sink.leaf("h2", f"{year} ({len(group)})")
        sink.open("ol", "records")
        for record in group:
            sink.open("li", "record")
            sink.leaf("a", record.page.title or record.href, href=_relative(record.href))
            if record.date:
                sink.leaf("span", " — " + record.date, "date")
            sink.close()
        sink.close()
        sink.close()
    sink.close()
    sink.open("script", None, src_="search-index.js")
    sink.close()
    sink.open("script", None, src_="search.js")
    sink.close()
    return _serialize(html)


def _figure(sink: HtmlSink, svg, caption: str) -> None:
    sink.open("figure", "chart")
    sink.current.append(svg)
    sink.last[-1] = svg
    sink.leaf("figcaption", caption)
    sink.close()


def _words(text: str, n: int, last: bool) -> str:
    parts = text.split()
    return " ".join(parts[-n:] if last else parts[:n])


def name_entries(
    records: list[SiteRecord], kind: str
) -> list[tuple[str, str, list[tuple[SiteRecord, Mention]]]]:
    """The names of this kind in the order of their page: [(key, anchor, mentions)]."""
    entries: dict[str, list[tuple[SiteRecord, Mention]]] = {}
    for record in records:
        for m in record.page.mentions:
            if m.kind == kind:
                entries.setdefault(m.key, []).append((record, m))
    order = sorted(entries.items(), key=lambda e: (e[1][0][1].name.casefold(), e[0]))
    ids: set[str] = set()
    out = []
    for key, found in order:
        base = anchor = html_id("n-", key.lstrip("#"))
        n = 1
        while anchor in ids:
            n += 1
            anchor = f"{base}-{n}"
        ids.add(anchor)
        out.append((key, anchor, found))
    return out


def name_anchors(records: list[SiteRecord], kind: str) -> dict[str, str]:
    return {key: anchor for key, anchor, _ in name_entries(records, kind)}


def names_page(records: list[SiteRecord], kind: str, title: str) -> str:
    """Every mention of every name of this kind, in context, linked to record and place."""
    entries = name_entries(records, kind)
    html, body = _skeleton(title, "en", SITE_CSS)
    sink = HtmlSink(body)
    sink.open("nav", "site-nav")
    sink.leaf("a", "Index", href="index.html")
    sink.close()
    sink.leaf("h1", title)
    sink.open("main", "names")
    for _, anchor, found in entries:
        first = found[0][1]
        sink.open("section", "name", id=anchor)
        sink.leaf("h2", f"{first.name} ({len(found)})")
        links = next((m.links for _, m in found if m.links), [])
        if links:
            sink.open("p", "authorities")
            for i, (label, url) in enumerate(links):
                sink.text(", " if i else "")
                sink.leaf("a", label, "authority", href=url)
            sink.close()
        sink.open("ol", "mentions")
        for record, m in found:
            sink.open("li")
            sink.leaf(
                "a", record.page.title or record.href, href=_relative(f"{record.href}#{m.anchor}")
            )
            sink.text(": ")
            sink.open("span", "context")
            before, after = _words(m.left, 8, True), _words(m.right, 8, False)
            # a space either side only where the text has one ("Kohl, the", not "Kohl , the")
            sink.text("…" + before + (" " if before and m.left[-1:].isspace() else ""))
            sink.leaf("mark", m.text)
            sink.text((" " if after and m.right[:1].isspace() else "") + after + "…")
            sink.close()
            sink.close()
        sink.close()
        sink.close()
    if not entries:
        sink.leaf("p", "No names of this kind are marked in the records.")
    sink.close()
    return _serialize(html)
