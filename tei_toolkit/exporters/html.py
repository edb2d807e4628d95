"""TEI -> HTML elements: the sink and the table of behaviours. page.py builds the page.

The output is an lxml tree serialized by lxml, so every piece of text and every attribute
is escaped by the serializer; no string of the document is ever pasted into markup.
@style is never copied and tagsDecl CSS only as far as rendition.py lets it (a page must
not load anything); a link target that could run code (javascript:, data:...) is not made
a link.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import text
from .behaviours import with_behaviours
from .header import ENTITY_KINDS, plain
from .html_blocks import list_, sp, table
from .html_edit import app, choice, gap, note
from .html_links import entity, graphic, idno, ptr, ref
from .html_make import bracketed, fallback, flow, phrase, skip
from .html_sink import HI_STYLED, HI_TAGS, ID_UNSAFE, HtmlSink
from .walker import NOT_TEXT, Walker, children_named, name_of, xml_id

RENDS = re.compile(r"[\s;,()]+")

# --- behaviours ---------------------------------------------------------------------


def div(w: Walker, el) -> Iterator:
    heads = children_named(el, "head")
    if not heads or w.out.in_phrasing:
        yield from flow("div", f"tei-{name_of(el)}")(w, el)
        return
    level = w.state.get("level", 2)
    w.state["level"] = min(level + 1, 6)
    section = w.out.open("section", f"tei-{name_of(el)}", el)
    toc = w.state.setdefault("toc", [])
    if not section.get("id"):
        section.set("id", w.out.unique(f"sec-{len(toc) + 1}"))
    depth = w.state.get("depth", 0)
    toc.append((depth, section.get("id"), text.inline_text(heads[0])))
    w.state["depth"] = depth + 1
    yield from w.inside(el)
    w.state["depth"] = depth
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


def hi(w: Walker, el) -> Iterator:
    """Highlighting: @rend's HTML tag (italic -> i, bold -> b, sup...), a class the page
    styles (smallcaps, gothic, spaced...) or, with no @rend or one we do not know,
    italic: what print does with emphasis. @rendition's CSS comes with its class."""
    rend = [r for r in RENDS.split((el.get("rend") or "").lower()) if r]
    tag = next((HI_TAGS[r] for r in rend if r in HI_TAGS), None)
    if tag is None:
        styled = any(r in HI_STYLED for r in rend) or bool(el.get("rendition"))
        tag = "span" if styled else "i"
    w.out.open(tag, ("hi " + " ".join(ID_UNSAFE.sub("", r) for r in rend)).strip(), el)
    yield from w.inside(el)
    w.out.close()


def lb(w: Walker, el) -> None:
    """A line break; none at the very start of a paragraph or line (no blank line)."""
    parent = el.getparent()
    leading = parent is not None and not (parent.text or "").strip()
    if leading and el.getprevious() is None:
        return
    if el.get("break") != "no":
        w.out.open("br")
        w.out.close()


_LAST_NUMBER = re.compile(r"(\d+)\D*$")
DIVS = frozenset({"div", "div1", "div2", "div3", "div4", "div5", "div6", "div7", "body"})


def verse_line(w: Walker, el) -> Iterator:
    """A verse line; every fifth carries its number (from @n, "1.1.39" -> 39, else counted
    in its division)."""
    numbered = _LAST_NUMBER.search(el.get("n") or "")
    if numbered:
        number = int(numbered.group(1))
    else:
        div = next((a for a in el.iterancestors() if name_of(a) in DIVS), None)
        counts = w.state.setdefault("line_counts", {})
        number = counts[div] = counts.get(div, 0) + 1
    if w.in_running_text(el):
        w.out.open("span", "tei-l", el)
    else:
        w.out.flow("p", "tei-l", el)
    if number % 5 == 0:
        w.out.leaf("span", str(number), "lineno")
    yield from w.inside(el)
    w.out.close()


def role(w: Walker, el) -> Iterator:
    """A cast list's role, kept apart from the description after it ("Othello, a Moor")."""
    following = el.getnext()
    w.out.open("span", "tei-role", el)
    yield from w.inside(el)
    if following is not None and name_of(following) == "roleDesc":
        w.out.trim_end()
        w.out.literal(",")
        if not el.tail:
            w.out.text(" ")
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
    "l": verse_line,
    "role": role,
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
    "idno": idno,
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
    "add": phrase("ins", "tei-add"),
    "del": phrase("del", "tei-del"),
    "unclear": bracketed("unclear", "unclear in the source"),
    "app": app,
}


def html_walker(
    sink: HtmlSink, register: dict, behaviours=None, remote_images: bool = False
) -> Walker:
    """The HTML walker; ``behaviours`` is a user table on top of HTML (behaviours.py)."""
    walker = Walker(with_behaviours(HTML, behaviours, html=True), fallback, sink)
    walker.state["remote_images"] = remote_images
    walker.enter, walker.leave = sink.enter, sink.leave
    walker.state["register"] = register
    return walker
