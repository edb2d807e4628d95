"""TEI -> HTML elements: the sink and the table of behaviours. page.py builds the page.

The output is an lxml tree serialized by lxml, so every piece of text and every attribute
is escaped by the serializer; no string of the document is ever pasted into markup.
@style and @rendition are never copied (a page must not load anything), and a link target
that could run code (javascript:, data:...) is not made a link.
"""

from __future__ import annotations

from collections.abc import Iterator

from . import text
from .behaviours import with_behaviours
from .header import ENTITY_KINDS, plain, resolve, safe_url
from .html_blocks import list_, sp, table
from .html_ids import is_note_block
from .html_sink import DATETIME, HI_TAGS, ID_UNSAFE, HtmlSink, html_id
from .walker import NOT_TEXT, Walker, children_named, name_of, same_words, split_choice, xml_id

# --- behaviour makers ---------------------------------------------------------------


def flow(tag: str, cls: str | None = None):
    def behaviour(w: Walker, el) -> Iterator:
        if w.in_running_text(el):  # part of a sentence: stays in it
            w.out.open("span", cls or f"tei-{name_of(el)}", el)
        else:
            w.out.flow(tag, cls or f"tei-{name_of(el)}", el)
        yield from w.inside(el)
        w.out.close()

    return behaviour


def phrase(tag: str, cls: str | None = None):
    def behaviour(w: Walker, el) -> Iterator:
        w.out.open(tag, cls or f"tei-{name_of(el)}", el)
        yield from w.inside(el)
        w.out.close()

    return behaviour


def fallback(w: Walker, el) -> Iterator:
    """An element we do not know: its text stays, in a span (inside running text) or a
    div (between blocks) named after it."""
    name = name_of(el)
    cls = f"tei-{name}" if name != "*" else "tei-other"
    w.out.open("span" if w.out.in_phrasing or _in_running_text(el) else "div", cls, el)
    yield from w.inside(el)
    w.out.close()


def _in_running_text(el) -> bool:
    parent = el.getparent()
    if parent is None:
        return False
    return bool((parent.text or "").strip()) or any((c.tail or "").strip() for c in parent)


def skip(w: Walker, el) -> None:
    """Not reading text: the header is shown by page.py, the register feeds the index."""


def bracketed(cls: str, title: str):
    def behaviour(w: Walker, el) -> Iterator:
        reason = el.get("reason")
        w.out.open("span", cls, el, title=f"{title} ({reason})" if reason else title)
        w.out.literal("[")
        yield from w.inside(el)
        w.out.literal("]")
        w.out.close()

    return behaviour


# --- behaviours ---------------------------------------------------------------------


def div(w: Walker, el) -> Iterator:
    heads = children_named(el, "head")
    if not heads or w.out.in_phrasing:
        yield from flow("div", f"tei-{name_of(el)}")(w, el)
        return
    level = w.state.get("level", 2)
    w.state["level"] = min(level + 1, 6)
    w.out.open("section", f"tei-{name_of(el)}", el)
    yield from w.inside(el)
    w.out.close()
    w.state["level"] = level


def head(w: Walker, el) -> Iterator:
    parent = el.getparent()
    is_heading = (
        parent is not None
        and name_of(parent).startswith("div")
        and not w.out.in_phrasing
        and "level" in w.state
    )
    if is_heading:
        w.out.open(f"h{w.state['level']}", "tei-head", el)
    else:
        w.out.flow("p", "tei-head", el)
    yield from w.inside(el)
    w.out.close()


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
    yield from text.gap(w, el)
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


def hi(w: Walker, el) -> Iterator:
    rend = (el.get("rend") or "").lower().split()
    tag = next((HI_TAGS[r] for r in rend if r in HI_TAGS), "span")
    w.out.open(tag, "hi " + " ".join(ID_UNSAFE.sub("", r) for r in rend).strip(), el)
    yield from w.inside(el)
    w.out.close()


def lb(w: Walker, el) -> None:
    if el.get("break") != "no":
        w.out.open("br")
        w.out.close()


def pb(w: Walker, el) -> None:
    n = el.get("n")
    w.out.open("span", "pb", el, title="page break")
    if n:
        w.out.literal(f"[p. {n}]")
    w.out.close()


def anchor(w: Walker, el) -> None:
    if xml_id(el):
        w.out.open("span", f"tei-{name_of(el)}", el)
        w.out.close()


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
    href = _href(w, target)
    if not target:
        return
    if href is None or w.out.in_link:
        w.out.leaf("span", target, "tei-ptr")
    else:
        w.out.leaf("a", target, "tei-ptr", href=href)


def graphic(w: Walker, el) -> None:
    href = safe_url(el.get("url"))  # linked, never loaded: the page stays offline
    if href and not w.out.in_link:
        w.out.leaf("a", "[image]", "tei-graphic", href=href)


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
    mentions.append((key, kind, entry, plain(el), link.get("id")))
    yield from w.inside(el)
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


def quote(w: Walker, el) -> Iterator:
    parent = el.getparent()
    if (
        children_named(el, "p", "lg", "l", "list", "table", "sp")
        or parent is None
        or name_of(parent).startswith("div")
        or name_of(parent) in ("body", "sp", "cit")
    ):
        yield from flow("blockquote", f"tei-{name_of(el)}")(w, el)
        return
    quoted = plain(el)
    marked = quoted[:1] in "“‘\"'«„‚‹" and quoted[-1:] in "”’\"'»“‘›"
    w.out.open("span", f"q tei-{name_of(el)}", el)
    w.out.literal("" if marked else "“")
    yield from w.inside(el)
    w.out.literal("" if marked else "”")
    w.out.close()


def item(w: Walker, el) -> Iterator:
    """An item outside a list (list_ renders its own items as li)."""
    w.out.flow("div", "tei-item", el)
    yield from w.inside(el)
    w.out.close()


BLOCKS = {
    "TEI": "div",
    "teiCorpus": "div",
    "p": "p",
    "ab": "p",
    "lg": "div",
    "l": "p",
    "opener": "div",
    "closer": "div",
    "postscript": "div",
    "trailer": "div",
    "epigraph": "div",
    "argument": "div",
    "byline": "p",
    "dateline": "p",
    "docTitle": "div",
    "titlePart": "p",
    "docAuthor": "p",
    "docDate": "p",
    "docImprint": "p",
    "titlePage": "div",
    "salute": "p",
    "signed": "p",
    "address": "div",
    "addrLine": "p",
    "figure": "figure",
    "figDesc": "p",
    "castList": "div",
    "castItem": "p",
    "listBibl": "div",
    "floatingText": "div",
    "text": "div",
    "front": "div",
    "back": "div",
    "body": "div",
    "group": "div",
    "stage": "p",
    "cit": "div",
    "fw": "div",
    "spGrp": "div",
    "u": "p",
    "bibl": "div",
    "listPerson": "div",
    "listPlace": "div",
    "listOrg": "div",
    "person": "div",
    "place": "div",
    "org": "div",
}
INLINE = (
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
    "expan",
    "subst",
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
    "speaker",
    "gloss",
    "mentioned",
    "soCalled",
    "role",
    "roleDesc",
)

HTML = {
    **{name: flow(tag) for name, tag in BLOCKS.items()},
    **{name: phrase("span") for name in INLINE},
    **{name: skip for name in NOT_TEXT},
    **{name: entity for name in (*ENTITY_KINDS, "name", "rs", "date", "time")},
    **{
        name: div
        for name in ("div", "div0", "div1", "div2", "div3", "div4", "div5", "div6", "div7")
    },
    **{name: anchor for name in ("anchor", "milestone", "cb")},
    "head": head,
    "sp": sp,
    "note": note,
    "gap": gap,
    "choice": choice,
    "hi": hi,
    "lb": lb,
    "pb": pb,
    "ref": ref,
    "ptr": ptr,
    "graphic": graphic,
    "quote": quote,
    "q": quote,
    "said": quote,
    "list": list_,
    "item": item,
    "table": table,
    "supplied": bracketed("supplied", "supplied by the editor"),
    "emph": phrase("em"),
    "foreign": phrase("i"),
    "term": phrase("dfn"),
    "title": phrase("cite"),
    "abbr": phrase("abbr"),
    "add": phrase("ins"),
    "del": phrase("del"),
}


def html_walker(sink: HtmlSink, register: dict, behaviours=None) -> Walker:
    """The HTML walker; ``behaviours`` is a user table on top of HTML (behaviours.py)."""
    walker = Walker(with_behaviours(HTML, behaviours, html=True), fallback, sink)
    walker.enter, walker.leave = sink.enter, sink.leave
    walker.state["register"] = register
    return walker
