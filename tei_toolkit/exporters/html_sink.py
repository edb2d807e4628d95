"""The HTML sink: builds lxml HTML elements and knows what may go where.

Text goes into the tree as text, so lxml's serializer escapes it; nothing is pasted into
markup.
"""

from __future__ import annotations

import re

from lxml import etree

from .walker import xml_id, xml_lang

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
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
ID_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")
LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
DATETIME = re.compile(
    r"^(?:\d{4}(?:-\d{2}(?:-\d{2})?)?|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?"
    r"|\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$"
)
HI_TAGS = {
    "italic": "i",
    "italics": "i",
    "it": "i",
    "i": "i",
    "bold": "b",
    "b": "b",
    "underline": "u",
    "ul": "u",
    "sup": "sup",
    "superscript": "sup",
    "sub": "sub",
    "subscript": "sub",
    "strikethrough": "s",
    "strike": "s",
    "smallcaps": "span",
}


def clean(s: str) -> str:
    """Code points HTML forbids (C1 controls, noncharacters) become U+FFFD."""
    return _FORBIDDEN.sub("\ufffd", s)


def html_id(prefix: str, value: str) -> str:
    return prefix + (ID_UNSAFE.sub("_", value) or "x")


class HtmlSink:
    """Builds HTML elements under ``root``; knows whether only phrasing content fits."""

    def __init__(self, root):
        self.stack = [root]
        self.last = [root[-1] if len(root) else None]  # last child of each open element
        self.phrasing = 0
        self.links = 0
        self.ids: set[str] = set()

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
        if cls:
            el.set("class", cls)
        if src is not None and "id" not in attrs and xml_id(src):
            attrs["id"] = html_id("tei-", xml_id(src))
        if src is not None and xml_lang(src) and LANG_TAG.match(xml_lang(src)):
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
        self.last.pop()
        self.phrasing -= el.tag in PHRASING
        self.links -= el.tag == "a"

    def text(self, s: str) -> None:
        if not s:
            return
        s, last = clean(s), self.last[-1]  # not len(): lxml counts children one by one
        if last is not None:
            last.tail = (last.tail or "") + s
        else:
            self.current.text = (self.current.text or "") + s

    literal = text

    def leaf(self, tag: str, text: str, cls: str | None = None, **attrs):
        el = self.open(tag, cls, **attrs)
        self.text(text)
        self.close()
        return el
