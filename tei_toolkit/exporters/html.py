"""TEI -> HTML elements: the sink and the table of behaviours. page.py builds the page.

The output is an lxml tree serialized by lxml, so every piece of text and every attribute
is escaped by the serializer; no string of the document is ever pasted into markup.
@style and @rendition are never copied (a page must not load anything), and a link target
that could run code (javascript:, data:...) is not made a link.
"""
from __future__ import annotations

import re

from lxml import etree

from .header import ENTITY_KINDS, plain, resolve, safe_url
from .walker import (NOT_TEXT, Walker, children_named, name_of, same_words, split_choice,
                     xml_id, xml_lang)

# HTML elements that may hold only phrasing content: a block inside one becomes a span.
PHRASING = frozenset({"p", "span", "a", "em", "strong", "b", "i", "u", "s", "sup", "sub",
                      "small", "cite", "abbr", "time", "dfn", "q", "h1", "h2", "h3", "h4", "h5",
                      "h6", "dt", "label", "code", "mark", "caption"})
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")
_LANG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
_DATETIME = re.compile(r"^(?:\d{4}(?:-\d{2}(?:-\d{2})?)?|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?"
                       r"|\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$")
HI_TAGS = {"italic": "i", "italics": "i", "it": "i", "i": "i", "bold": "b", "b": "b",
           "underline": "u", "ul": "u", "sup": "sup", "superscript": "sup", "sub": "sub",
           "subscript": "sub", "strikethrough": "s", "strike": "s", "smallcaps": "span"}


def clean(s: str) -> str:
    """Code points HTML forbids (C1 controls, noncharacters) become U+FFFD."""
    return _FORBIDDEN.sub("\ufffd", s)


def html_id(prefix: str, value: str) -> str:
    return prefix + (_ID_UNSAFE.sub("_", value) or "x")


class HtmlSink:
    """Builds HTML elements under ``root``; knows whether only phrasing content fits."""

    def __init__(self, root):
        self.stack = [root]
        self.phrasing = 0
        self.links = 0
        self.ids: set[str] = set()

    @property
    def current(self):
        return self.stack[-1]

    def unique(self, ident: str) -> str:
        base, n = ident, 1
        while ident in self.ids:
            n += 1
            ident = f"{base}-{n}"
        self.ids.add(ident)
        return ident

    def open(self, tag: str, cls: str | None = None, src=None, **attrs):
        el = etree.SubElement(self.current, tag)
        if cls:
            el.set("class", cls)
        if src is not None and "id" not in attrs and xml_id(src):
            attrs["id"] = html_id("tei-", xml_id(src))
        if src is not None and xml_lang(src) and _LANG.match(xml_lang(src)):
            el.set("lang", xml_lang(src))
        for key, value in attrs.items():
            if value is not None:
                value = self.unique(value) if key == "id" else clean(str(value))
                el.set(key.rstrip("_").replace("_", "-"), value)
        self.stack.append(el)
        self.phrasing += tag in PHRASING
        self.links += tag == "a"
        return el

    def flow(self, tag: str, cls: str | None = None, src=None, **attrs):
        """A block element, or a span shown as a block where only phrasing fits."""
        if self.phrasing:
            return self.open("span", f"{cls or tag} block".strip(), src, **attrs)
        return self.open(tag, cls, src, **attrs)

    def close(self) -> None:
        el = self.stack.pop()
        self.phrasing -= el.tag in PHRASING
        self.links -= el.tag == "a"

    def text(self, s: str) -> None:
        if not s:
            return
        s, cur = clean(s), self.current
        if len(cur):
            cur[-1].tail = (cur[-1].tail or "") + s
        else:
            cur.text = (cur.text or "") + s

    literal = text

    def leaf(self, tag: str, text: str, cls: str | None = None, **attrs):
        el = self.open(tag, cls, **attrs)
        self.text(text)
        self.close()
        return el


# --- behaviour makers ---------------------------------------------------------------

def flow(tag: str, cls: str | None = None):
    def behaviour(w: Walker, el) -> None:
        if w.in_running_text(el):  # part of a sentence: stays in it
            w.out.open("span", cls or f"tei-{name_of(el)}", el)
        else:
            w.out.flow(tag, cls or f"tei-{name_of(el)}", el)
        w.contents(el)
        w.out.close()
    return behaviour


def phrase(tag: str, cls: str | None = None):
    def behaviour(w: Walker, el) -> None:
        w.out.open(tag, cls or f"tei-{name_of(el)}", el)
        w.contents(el)
        w.out.close()
    return behaviour


def fallback(w: Walker, el) -> None:
    """An element we do not know: its text stays, in a span (inside running text) or a
    div (between blocks) named after it."""
    name = name_of(el)
    cls = f"tei-{name}" if name != "*" else "tei-other"
    w.out.open("span" if w.out.phrasing or _in_running_text(el) else "div", cls, el)
    w.contents(el)
    w.out.close()


def _in_running_text(el) -> bool:
    parent = el.getparent()
    if parent is None:
        return False
    return bool((parent.text or "").strip()) or any((c.tail or "").strip() for c in parent)


def skip(w: Walker, el) -> None:
    """Not reading text: the header is shown by page.py, the register feeds the index."""


def bracketed(cls: str, title: str):
    def behaviour(w: Walker, el) -> None:
        reason = el.get("reason")
        w.out.open("span", cls, el, title=f"{title} ({reason})" if reason else title)
        w.out.literal("[")
        w.contents(el)
        w.out.literal("]")
        w.out.close()
    return behaviour


# --- behaviours ---------------------------------------------------------------------

def div(w: Walker, el) -> None:
    heads = children_named(el, "head")
    if not heads or w.out.phrasing:
        flow("div", f"tei-{name_of(el)}")(w, el)
        return
    level = w.state.get("level", 2)
    w.state["level"] = min(level + 1, 6)
    w.out.open("section", f"tei-{name_of(el)}", el)
    w.contents(el)
    w.out.close()
    w.state["level"] = level


def head(w: Walker, el) -> None:
    parent = el.getparent()
    is_heading = (parent is not None and name_of(parent).startswith("div")
                  and not w.out.phrasing and "level" in w.state)
    if is_heading:
        w.out.open(f"h{w.state['level']}", "tei-head", el)
    else:
        w.out.flow("p", "tei-head", el)
    w.contents(el)
    w.out.close()


def sp(w: Walker, el) -> None:
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
                w.contents(child)
                w.out.close()
        elif kind in ("p", "ab") and label is not None:
            w.out.flow("p", None, child)
            _speaker_label(w, label)
            w.out.text(" ")
            w.contents(child)
            w.out.close()
            label = None
        else:
            if label is not None:
                w.out.flow("p", None)
                _speaker_label(w, label)
                w.out.close()
                label = None
            w.walk(child)
        if child.tail and child.tail.strip():
            w.out.text(child.tail)
    if label is not None:
        _speaker_label(w, label)
    w.out.close()


def _speaker_label(w: Walker, el) -> None:
    w.out.open("b", "speaker", el)
    w.contents(el)
    w.out.close()


def note(w: Walker, el) -> None:
    if el.get("place") == "inline":
        bracketed("note editorial", "editorial note")(w, el)
        return
    notes = w.state.setdefault("notes", [])
    notes.append(el)
    n = len(notes)
    if w.out.links:
        w.out.leaf("sup", str(n), "noteref", id=f"noteref-{n}")
        return
    w.out.open("a", "noteref", href=f"#note-{n}", id=f"noteref-{n}")
    w.out.leaf("sup", str(n))
    w.out.close()


def gap(w: Walker, el) -> None:
    reason, desc = el.get("reason"), plain(el)
    title = "gap" + (f" ({reason})" if reason else "")
    w.out.open("span", "gap", el, title=title)
    if el.get("rend"):
        w.out.literal(el.get("rend"))
    elif desc:
        w.out.literal("[")
        w.contents(el)
        w.out.literal("]")
    else:
        w.out.literal("[…]")
    w.out.close()


def choice(w: Walker, el) -> None:
    primary, others = split_choice(el)
    if primary is None:
        w.contents(el)
        return
    shown = plain(primary)
    same = [plain(o) for o in others if same_words(shown, plain(o))]
    w.out.open("span", "choice", el, title=" / ".join(same) or None)
    w.walk(primary)
    for alt in others:
        if not same_words(shown, plain(alt)):
            w.out.text(" ")
            w.out.open("span", f"alt tei-{name_of(alt)}")
            w.out.literal("[")
            w.contents(alt)
            w.out.literal("]")
            w.out.close()
    w.out.close()


def hi(w: Walker, el) -> None:
    rend = (el.get("rend") or "").lower().split()
    tag = next((HI_TAGS[r] for r in rend if r in HI_TAGS), "span")
    w.out.open(tag, "hi " + " ".join(_ID_UNSAFE.sub("", r) for r in rend).strip(), el)
    w.contents(el)
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
        return "#" + html_id("tei-", first[1:])
    return safe_url(first)


def ref(w: Walker, el) -> None:
    href = _href(w, el.get("target"))
    if href is None or w.out.links:
        phrase("span", "tei-ref")(w, el)
        return
    w.out.open("a", "tei-ref", el, href=href)
    w.contents(el)
    if not plain(el):
        w.out.literal(el.get("target"))
    w.out.close()


def ptr(w: Walker, el) -> None:
    target = el.get("target") or el.get("cRef")
    href = _href(w, target)
    if not target:
        return
    if href is None or w.out.links:
        w.out.leaf("span", target, "tei-ptr")
    else:
        w.out.leaf("a", target, "tei-ptr", href=href)


def graphic(w: Walker, el) -> None:
    href = safe_url(el.get("url"))  # linked, never loaded: the page stays offline
    if href and not w.out.links:
        w.out.leaf("a", "[image]", "tei-graphic", href=href)


def entity(w: Walker, el) -> None:
    """A name, date or time; a name becomes a link to its entry in the page's index."""
    name = name_of(el)
    if name in ("date", "time"):
        when = el.get("when")
        if when and _DATETIME.match(when):
            w.out.open("time", f"tei-{name}", el, datetime=when)
        else:
            w.out.open("span", f"tei-{name}", el, data_when=when)
        w.contents(el)
        w.out.close()
        return
    pointer, entry = resolve(el.get("ref") or el.get("key"), w.state.get("register", {}))
    kind = entry.kind if entry else ENTITY_KINDS.get(name) or _typed(el)
    key = pointer or f"{kind}:{plain(el).casefold()}"
    mentions = w.state.setdefault("mentions", [])
    mention_id = f"m-{len(mentions) + 1}"
    cls = f"entity {kind}" + (" uncertain" if el.get("cert") == "low" else "")
    if w.out.links:
        link = w.out.open("span", cls, el, id=mention_id)
    else:
        link = w.out.open("a", cls, el, href="#" + index_id(w, key), id=mention_id)
    mentions.append((key, kind, entry, plain(el), link.get("id")))
    w.contents(el)
    w.out.close()


def _typed(el) -> str:
    kind = (el.get("type") or "").lower()
    return {"person": "person", "place": "place", "org": "org", "organisation": "org",
            "organization": "org"}.get(kind, "other")


def index_id(w: Walker, key: str) -> str:
    """The HTML id of an index entry ("#stalin" -> "idx-stalin"), unique per key."""
    ids = w.state.setdefault("index_ids", {})
    if key not in ids:
        ids[key] = w.out.unique(html_id("idx-", key[1:] if key.startswith("#") else key))
    return ids[key]


def quote(w: Walker, el) -> None:
    parent = el.getparent()
    if (children_named(el, "p", "lg", "l", "list", "table", "sp") or parent is None
            or name_of(parent).startswith("div") or name_of(parent) in ("body", "sp", "cit")):
        flow("blockquote", f"tei-{name_of(el)}")(w, el)
        return
    text = plain(el)
    marked = text[:1] in "“‘\"'«„‚‹" and text[-1:] in "”’\"'»“‘›"
    w.out.open("span", f"q tei-{name_of(el)}", el)
    w.out.literal("" if marked else "“")
    w.contents(el)
    w.out.literal("" if marked else "”")
    w.out.close()


def item(w: Walker, el) -> None:
    """An item outside a list (list_ renders its own items as li)."""
    w.out.flow("div", "tei-item", el)
    w.contents(el)
    w.out.close()


def list_(w: Walker, el) -> None:
    """ul/ol with each label joined to the item after it; any other child in an li."""
    ordered = (el.get("type") or el.get("rend") or "") in ("ordered", "numbered")
    w.out.flow("div", "tei-list", el)
    for h in children_named(el, "head"):
        head(w, h)
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
            _flush(w, pending)
            if kind == "item":
                w.contents(child)
            else:
                w.walk(child)
            w.out.close()
        if child.tail and child.tail.strip():
            pending.append(child.tail)
    if pending:
        w.out.flow("li", "tei-item")
        _flush(w, pending)
        w.out.close()
    w.out.close()
    w.out.close()


def _flush(w: Walker, pending: list) -> None:
    for piece in pending:
        if isinstance(piece, str):
            w.out.text(piece)
        else:
            w.out.open("span", "tei-label", piece)
            w.contents(piece)
            w.out.close()
            w.out.text(" ")
    pending.clear()


def table(w: Walker, el) -> None:
    in_phrase = bool(w.out.phrasing)
    tags = ("span", "span", "span") if in_phrase else ("table", "tr", "td")
    w.out.open(tags[0], "tei-table" + (" block" if in_phrase else ""), el)
    heads = children_named(el, "head")
    if heads:
        w.out.open("span" if in_phrase else "caption", "tei-head")
        for h in heads:
            w.contents(h)
        w.out.close()
    w.out.open("span" if in_phrase else "tbody", None)
    for child in el:
        kind = name_of(child)
        if kind == "row":
            w.out.open(tags[1], "tei-row", child)
            for cell in child:
                if isinstance(cell.tag, str):
                    tag = "th" if cell.get("role") == "label" and not in_phrase else tags[2]
                    w.out.open(tag, "tei-cell", cell,
                               colspan=_span(cell.get("cols")), rowspan=_span(cell.get("rows")))
                    if name_of(cell) == "cell":
                        w.contents(cell)
                    else:
                        w.walk(cell)
                    w.out.close()
            w.out.close()
        elif kind != "head" and (isinstance(child.tag, str) or (child.tail or "").strip()):
            w.out.open(tags[1], "tei-row")
            w.out.open(tags[2], "tei-cell")
            w.walk(child)
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


BLOCKS = {"TEI": "div", "teiCorpus": "div", "p": "p", "ab": "p", "lg": "div", "l": "p", "opener": "div", "closer": "div",
          "postscript": "div", "trailer": "div", "epigraph": "div", "argument": "div",
          "byline": "p", "dateline": "p", "docTitle": "div", "titlePart": "p",
          "docAuthor": "p", "docDate": "p", "docImprint": "p", "titlePage": "div",
          "salute": "p", "signed": "p", "address": "div", "addrLine": "p",
          "figure": "figure", "figDesc": "p", "castList": "div", "castItem": "p",
          "listBibl": "div", "floatingText": "div", "text": "div", "front": "div",
          "back": "div", "body": "div", "group": "div", "stage": "p", "cit": "div", "fw": "div",
          "spGrp": "div", "u": "p", "bibl": "div", "listPerson": "div", "listPlace": "div",
          "listOrg": "div", "person": "div", "place": "div", "org": "div"}
INLINE = ("seg", "w", "pc", "c", "num", "measure", "unclear", "sic", "corr", "orig", "reg",
          "expan", "subst", "lem", "rdg", "damage", "restore", "surplus", "secl", "mod",
          "retrace", "ex", "am", "speaker", "gloss", "mentioned", "soCalled", "role", "roleDesc")

HTML = {
    **{name: flow(tag) for name, tag in BLOCKS.items()},
    **{name: phrase("span") for name in INLINE},
    **{name: skip for name in NOT_TEXT},
    **{name: entity for name in (*ENTITY_KINDS, "name", "rs", "date", "time")},
    **{name: div for name in ("div", "div0", "div1", "div2", "div3", "div4", "div5", "div6",
                              "div7")},
    **{name: anchor for name in ("anchor", "milestone", "cb")},
    "head": head, "sp": sp, "note": note, "gap": gap, "choice": choice, "hi": hi, "lb": lb,
    "pb": pb, "ref": ref, "ptr": ptr, "graphic": graphic, "quote": quote, "q": quote,
    "said": quote, "list": list_, "item": item, "table": table,
    "supplied": bracketed("supplied", "supplied by the editor"),
    "emph": phrase("em"), "foreign": phrase("i"), "term": phrase("dfn"),
    "title": phrase("cite"), "abbr": phrase("abbr"), "add": phrase("ins"), "del": phrase("del"),
}


def html_walker(sink: HtmlSink, register: dict) -> Walker:
    walker = Walker(HTML, fallback, sink)
    walker.state["register"] = register
    return walker
