"""HTML behaviours that point somewhere: ref, ptr, graphic, and names, dates and times
(a name links to its entry in the page's index). A link never leads to a target that
is not in the page (html_ids.py) or could run code (header.safe_url)."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from . import standoff
from .header import ENTITY_KINDS, authority_link, plain, resolve, safe_url
from .html_make import phrase
from .html_sink import DATETIME, html_id
from .standoff import target_note
from .walker import Walker, children_named, name_of


def _href(w: Walker, target: str | None) -> str | None:
    if not target:
        return None
    first = target.split()[0]
    if first.startswith("#"):
        if first[1:] in w.state.get("register", {}):
            return "#" + index_id(w, first)
        kept = w.out.plan.target(first) if w.out.plan else None
        return "#" + kept if kept else None  # not in this document: no dangling link
    return safe_url(first)


def ref(w: Walker, el) -> Iterator:
    note = target_note(w, el.get("target"))
    if note is not None:
        standoff.queue(w, note)  # a note kept in standOff: an endnote, this ref links to it
    href = _href(w, el.get("target"))
    if href is None or w.out.in_link:
        yield from phrase("span", "tei-ref")(w, el)
        return
    w.out.open("a", "tei-ref", el, href=href)
    yield from w.inside(el)
    if not plain(el):  # an empty ref: its @n ("*", "1") as a note marker, else the target
        if el.get("n"):
            w.out.leaf("sup", el.get("n"))
        else:
            w.out.literal(el.get("target"))
    w.out.close()


def ptr(w: Walker, el) -> None:
    target = el.get("target") or el.get("cRef")
    note = target_note(w, target)
    if note is not None:  # a pointer to a note kept in standOff: that note's marker
        n, href = standoff.queue(w, note), _href(w, target)
        if href is None or w.out.in_link:
            w.out.leaf("sup", str(n), "noteref")
        else:
            w.out.open("a", "noteref", el, href=href)  # the ptr's id: the note links back
            w.out.leaf("sup", str(n))
            w.out.close()
        return
    href = _href(w, target)
    if not target:
        return
    if href is None or w.out.in_link:
        w.out.leaf("span", target, "tei-ptr")
    else:
        w.out.leaf("a", target, "tei-ptr", href=href)


def idno(w: Walker, el) -> Iterator:
    """An identifier: a link to its authority's record (Wikidata, VIAF, GeoNames, or its
    own http(s) URL) when it names one, its text kept; else its text."""
    link = authority_link(el.get("type") or "", plain(el))
    if link is None or w.out.in_link:
        yield from phrase("span", "tei-idno")(w, el)
        return
    w.out.open("a", "tei-idno", el, href=link[1], title=link[0])
    yield from w.inside(el)
    w.out.close()


def graphic(w: Walker, el) -> None:
    """An image beside the page (a relative URL inside its folder) is shown, with the
    figure's figDesc as its alt text; a remote one only when the user asked for remote
    images (the page must not fetch from the network by default): else a link."""
    url = (el.get("url") or "").strip()
    href = safe_url(url)
    if not href:
        return
    parent = el.getparent()
    desc = children_named(parent, "figDesc") if parent is not None else []
    alt = plain(desc[0]) if desc else plain(el.find("{*}desc"))
    remote = urlsplit(url).scheme in ("http", "https")
    if local_path(url) or (remote and w.state.get("remote_images")):
        w.out.open("img", "tei-graphic", el, src_=url, alt=alt, loading="lazy")
        w.out.close()
    elif not w.out.in_link:
        w.out.leaf("a", f"[image: {alt}]" if alt else "[image]", "tei-graphic", href=href)


def local_path(url: str) -> bool:
    """A relative URL that stays in the page's folder tree (no scheme, no "/", no "..")."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("/", "\\")) or "\\" in url:
        return False
    return bool(parts.path) and ".." not in parts.path.split("/")


def entity(w: Walker, el) -> Iterator:
    """A name, date or time; a name becomes a link to its entry in the page's index."""
    name = name_of(el)
    if name in ("date", "time"):
        when = el.get("when")
        if when and DATETIME.match(when):
            w.out.open("time", f"tei-{name}", el, datetime=when)
        else:
            w.out.open("span", f"tei-{name}", el, data_when=when)
        yield from w.inside(el)
        w.out.close()
        return
    kind = ENTITY_KINDS.get(name) or _typed(el)
    pointer, entry = resolve(
        el.get("ref") or el.get("key"), w.state.get("register", {}), plain(el), kind
    )
    kind = entry.kind if entry else kind
    key = pointer or f"{kind}:{plain(el).casefold()}"
    mentions = w.state.setdefault("mentions", [])
    mention_id = f"m-{len(mentions) + 1}"
    cls = f"entity {kind}" + (" uncertain" if el.get("cert") == "low" else "")
    if w.out.in_link:
        link = w.out.open("span", cls, el, id=mention_id)
    else:
        link = w.out.open("a", cls, el, href="#" + index_id(w, key), id=mention_id)
    around = w.out.context_start()
    yield from w.inside(el)
    w.out.context_end(around)
    mentions.append((key, kind, entry, plain(el), link.get("id"), around))
    w.out.close()


def _typed(el) -> str:
    kind = (el.get("type") or "").lower()
    return {
        "person": "person",
        "place": "place",
        "org": "org",
        "organisation": "org",
        "organization": "org",
    }.get(kind, "other")


def index_id(w: Walker, key: str) -> str:
    """The HTML id of an index entry ("#stalin" -> "idx-stalin"), unique per key."""
    ids = w.state.setdefault("index_ids", {})
    if key not in ids:
        kept = w.out.plan.target(key) if w.out.plan and key.startswith("#") else None
        if kept and kept not in w.out.placed:  # a register entry keeps its xml:id
            w.out.placed.add(kept)
            ids[key] = kept
        else:
            ids[key] = w.out.unique(html_id("idx-", key[1:] if key.startswith("#") else key))
    return ids[key]
