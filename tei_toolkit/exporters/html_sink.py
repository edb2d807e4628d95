"""The HTML sink: builds lxml HTML elements and knows what may go where.

Text goes into the tree as text, so lxml's serializer escapes it; nothing is pasted into
markup.
"""

from __future__ import annotations

import re

from lxml import etree

from .html_ids import IdPlan, placeholder
from .lang import bcp47
from .rendition import classes
from .walker import xml_lang

# HTML elements that may hold only phrasing content: a block inside one becomes a span.
PHRASING = frozenset(
    {
        "p",
        "span",
        "a",
        "em",
        "strong",
        "b",
        "i",
        "u",
        "s",
        "sup",
        "sub",
        "small",
        "cite",
        "abbr",
        "time",
        "dfn",
        "q",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "dt",
        "label",
        "code",
        "mark",
        "caption",
    }
)
CONTEXT = 70  # characters of context kept either side of a mention

# Where a span may not stand (an id that found no element is then dropped).
NO_SPAN = frozenset({"ul", "ol", "dl", "table", "tbody", "thead", "tr", "html", "head"})
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
ID_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")
LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
DATETIME = re.compile(
    r"^(?:\d{4}(?:-\d{2}(?:-\d{2})?)?|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?"
    r"|\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$"
)
HI_TAGS = {
    **dict.fromkeys(("italic", "italics", "it", "i", "ital", "emph", "emphasis"), "i"),
    **dict.fromkeys(("bold", "b", "strong", "bolditalic"), "b"),
    **dict.fromkeys(("underline", "ul", "u", "underlined"), "u"),
    **dict.fromkeys(("sup", "superscript", "super", "sup."), "sup"),
    **dict.fromkeys(("sub", "subscript"), "sub"),
    **dict.fromkeys(("strikethrough", "strike", "overstrike", "line-through"), "s"),
}
# @rend values drawn by the page's CSS (class "hi VALUE"), not by an HTML tag.
HI_STYLED = frozenset(
    {
        "smallcaps", "smcap", "smcaps", "sc", "small-caps", "caps", "allcaps", "uppercase",
        "gothic", "blackletter", "fraktur", "spaced", "letterspaced", "large", "larger",
        "small", "smaller", "overline", "roman", "normal", "upright", "plain", "center",
        "centre", "right", "left", "indent", "block", "inline", "red", "blue", "colour",
        "color", "double-underline", "doubleunderline", "wavy-underline", "monospace",
        "typewriter", "hyphen", "initial", "dropcap", "underdot",
    }
)  # fmt: skip


def clean(s: str) -> str:
    """Code points HTML forbids (C1 controls, noncharacters) become U+FFFD."""
    return _FORBIDDEN.sub("\ufffd", s)


def html_id(prefix: str, value: str) -> str:
    return prefix + (ID_UNSAFE.sub("_", value) or "x")


class HtmlSink:
    """Builds HTML elements under ``root``; knows whether only phrasing content fits."""

    def __init__(self, root, plan: IdPlan | None = None, renditions: dict | None = None):
        self.stack = [root]
        self.last = [root[-1] if len(root) else None]  # last child of each open element
        self.phrasing = 0
        self.links = 0
        self.plan = plan
        self.ids: set[str] = set(plan.used) if plan else set()  # page ids avoid kept ones
        self.placed: set[str] = set()  # kept xml:ids now in the page
        self._marks: dict = {}
        self.renditions = renditions or {}  # tagsDecl CSS by xml:id (rendition.py)
        # a few words either side of each mention, for a corpus site's name index
        self.context = False
        self.context_on = False
        self._recent = ""
        self._waiting: list[list] = []

    # --- kept xml:ids (html_ids.py): on the element made from the TEI one, else a span

    def enter(self, src) -> None:
        ident = self.plan.of.get(src) if self.plan else None
        if ident is not None and ident not in self.placed:
            mark = placeholder()
            self.current.append(mark)
            self.last[-1] = mark
            self._marks[src] = mark

    def leave(self, src) -> None:
        mark = self._marks.pop(src, None)
        if mark is None:
            return
        ident = self.plan.of[src] if self.plan else None
        parent = mark.getparent()
        if ident is None or ident in self.placed or parent.tag in NO_SPAN:
            self._drop(mark)
            return
        span = etree.Element("span", id=ident)
        span.tail, mark.tail = mark.tail, None
        parent.replace(mark, span)
        self.placed.add(ident)
        if self.last[-1] is mark:
            self.last[-1] = span

    def claim(self, src) -> None:
        """``src``'s id is placed later, elsewhere (a note's id goes on its endnote)."""
        mark = self._marks.pop(src, None)
        if mark is not None:
            self._drop(mark)

    def _drop(self, mark) -> None:
        parent, previous = mark.getparent(), mark.getprevious()
        if mark.tail:
            if previous is not None:
                previous.tail = (previous.tail or "") + mark.tail
            else:
                parent.text = (parent.text or "") + mark.tail
        for level, last in enumerate(self.last):
            if last is mark:
                self.last[level] = previous
        parent.remove(mark)

    @property
    def in_phrasing(self) -> bool:
        """Only phrasing content fits here (inside p, span, a heading...)."""
        return self.phrasing > 0

    @property
    def in_link(self) -> bool:
        """Inside an ``a``: no link may open here."""
        return self.links > 0

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
        self.last[-1] = el
        self.last.append(None)
        if src is not None and self.renditions and src.get("rendition"):
            cls = " ".join([cls or "", *classes(src.get("rendition"), self.renditions)]).strip()
        if cls:
            el.set("class", cls)
        if src is not None and "id" not in attrs and self.plan is not None:
            kept = self.plan.of.get(src)
            if kept is not None and kept not in self.placed:
                el.set("id", kept)
                self.placed.add(kept)
        if src is not None and xml_lang(src):  # a code we cannot read: "" (unknown), so
            el.set("lang", bcp47(xml_lang(src)) or "")  # the page's language is not claimed
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
        self.last.pop()
        self.phrasing -= el.tag in PHRASING
        self.links -= el.tag == "a"

    # --- context of mentions: the last CONTEXT characters written, and the next ones

    def context_start(self) -> list | None:
        """[text before, text after] a mention that starts here (after: filled later)."""
        return [self._recent, ""] if self.context_on else None

    def context_end(self, around: list | None) -> None:
        if around is not None:
            self._waiting.append(around)

    def _feed(self, s: str) -> None:
        self._recent = (self._recent + s)[-CONTEXT:]
        if self._waiting:
            for around in self._waiting:
                around[1] += s
            self._waiting = [a for a in self._waiting if len(a[1]) < CONTEXT]

    def text(self, s: str) -> None:
        if not s:
            return
        if self.context_on:
            self._feed(s)
        s, last = clean(s), self.last[-1]  # not len(): lxml counts children one by one
        if last is not None:
            last.tail = (last.tail or "") + s
        else:
            self.current.text = (self.current.text or "") + s

    literal = text

    def trim_end(self) -> None:
        """Drop the white space the last text written here ends with."""
        last = self.last[-1]
        if last is not None:
            if last.tail:
                last.tail = last.tail.rstrip(" \t\r\n")
        elif self.current.text:
            self.current.text = self.current.text.rstrip(" \t\r\n")

    def leaf(self, tag: str, text: str, cls: str | None = None, **attrs):
        el = self.open(tag, cls, **attrs)
        self.text(text)
        self.close()
        return el
