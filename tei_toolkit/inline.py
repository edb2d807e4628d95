"""Marks -> elements. The only place that does lxml's .text/.tail bookkeeping."""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from .model import Mark
from .tei import tei, xml_attr


def _set_attrs(el: etree._Element, attrs) -> None:
    for name, value in attrs:
        el.set(xml_attr(name[4:]) if name.startswith("xml:") else name, value)


# Names broken by a line end ("Zhou<lb/>Enlai"): the line break stays in the text after the
# lb too, so that the name's text reads as two words ("Zhou Enlai"), not one.
NAME_TAGS = frozenset({"persName", "placeName", "orgName", "date", "time"})


def append_text(parent: etree._Element, text: str, keep_newline: bool = False) -> None:
    """Append text at the end of ``parent``; a newline becomes ``<lb/>`` (and stays as
    whitespace after it when ``keep_newline``)."""
    if not text:
        return
    if "\n" not in text:  # the common case, without a split (speed)
        _append_plain(parent, text)
        return
    first, *rest = text.split("\n")
    _append_plain(parent, first)
    for part in rest:
        etree.SubElement(parent, tei("lb"))
        _append_plain(parent, "\n" + part if keep_newline else part)


def _append_plain(parent: etree._Element, text: str) -> None:
    if not text:
        return
    try:
        last = parent[-1]  # not len(parent): lxml counts children one by one
    except IndexError:
        parent.text = (parent.text or "") + text
    else:
        last.tail = (last.tail or "") + text


def fill(
    parent: etree._Element, text: str, marks: Sequence[Mark], start: int = 0, end: int | None = None
) -> etree._Element:
    """Write ``text[start:end]`` into ``parent``, wrapping each mark's span in its element.

    ``marks`` must be non-crossing and sorted outer-first (rules.find_marks does that);
    marks outside [start, end) are ignored.
    """
    end = len(text) if end is None else end
    inside = [m for m in marks if start <= m.start and m.end <= end]
    pos, i = start, 0
    while i < len(inside):
        mark = inside[i]
        j = i + 1
        while j < len(inside) and inside[j].start < mark.end:
            j += 1  # marks nested in this one
        append_text(parent, text[pos : mark.start])
        el = etree.SubElement(parent, tei(mark.tag))
        _set_attrs(el, mark.attrs)
        if mark.empty:
            fill(el, mark.text, mark.inner) if mark.inner else append_text(el, mark.text)
        elif j == i + 1:  # nothing nested (most entities): no recursion needed (speed)
            inner = text[mark.start + mark.strip[0] : mark.end - mark.strip[1]]
            append_text(el, inner, mark.tag in NAME_TAGS)
        else:
            fill(el, text, inside[i + 1 : j], mark.start + mark.strip[0], mark.end - mark.strip[1])
        for tag, content in mark.append:
            etree.SubElement(el, tei(tag)).text = content
        pos, i = mark.end, j
    append_text(parent, text[pos:end])
    return parent
