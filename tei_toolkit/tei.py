"""TEI namespace, element factory and serialization; parsing is in xmlparse (re-exported)."""

from __future__ import annotations

import copy

from lxml import etree

from .xmlparse import (  # the public parse lives beside the TEI helpers (__all__)
    MAX_ENTITY_EXPANSION,
    MAX_ENTITY_TEXT,
    XMLSyntaxProblem,
    parse,
    parse_bytes,
)

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NSMAP = {None: TEI_NS}
NS = {"tei": TEI_NS}


def tei(tag: str) -> str:
    """Clark name of a TEI element: tei("p") -> "{http://www.tei-c.org/ns/1.0}p"."""
    return f"{{{TEI_NS}}}{tag}"


def xml_attr(name: str) -> str:
    return f"{{{XML_NS}}}{name}"


def E(tag: str, *children, **attrs) -> etree._Element:
    """Build a TEI element: E("p", "text", E("hi", "x"), rend="it").

    Attribute names use "_" for ":" (xml_id -> xml:id); None values are skipped.
    """
    el = etree.Element(tei(tag), nsmap=NSMAP)
    for key, value in attrs.items():
        if value is None:
            continue
        name = xml_attr(key[4:]) if key.startswith("xml_") else key
        el.set(name, str(value))
    for child in children:
        if child is None:
            continue
        if isinstance(child, str):
            if len(el):
                el[-1].tail = (el[-1].tail or "") + child
            else:
                el.text = (el.text or "") + child
        else:
            el.append(child)
    return el


def local_name(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


# Elements whose content is text (mixed content): never indented, because whitespace
# added there would become part of the text.
MIXED_CONTENT = frozenset(
    {
        "p",
        "ab",
        "head",
        "l",
        "speaker",
        "title",
        "note",
        "supplied",
        "seg",
        "choice",
        "orig",
        "reg",
        "sic",
        "corr",
        "abbr",
        "expan",
        "persName",
        "placeName",
        "orgName",
        "name",
        "date",
        "time",
        "resp",
        "author",
        "editor",
        "biblScope",
        "idno",
        "term",
        "language",
        "change",
        "label",
        "desc",
        "funder",
        "publisher",
        "item",
        "cell",
        "quote",
        "q",
        "said",
        "hi",
        "foreign",
        "emph",
        "ref",
        "catDesc",
        "gap",
        "unclear",
        "add",
        "del",
        "rs",
        "roleName",
        "forename",
        "surname",
        "addName",
        "settlement",
        "country",
        "region",
        "geogName",
        "pubPlace",
        "distributor",
        "edition",
        "meeting",
        "extent",
        "measure",
    }
)


def indent(el: etree._Element, level: int = 0) -> None:
    """Indent element-only content by two spaces; leave mixed content exactly as it is."""
    if not isinstance(el.tag, str) or local_name(el) in MIXED_CONTENT or not len(el):
        return
    if (el.text or "").strip() or any((child.tail or "").strip() for child in el):
        return
    pad = "\n" + "  " * (level + 1)
    el.text = pad
    for child in el:
        child.tail = pad
        indent(child, level + 1)
    el[-1].tail = "\n" + "  " * level


def serialize(tree_or_el) -> bytes:
    """UTF-8 XML with declaration; element-only content indented, mixed content untouched.

    The indentation goes on a copy (with the prolog's comments and processing
    instructions): the caller's tree is not changed."""
    copied = copy.deepcopy(tree_or_el)
    indent(copied.getroot() if hasattr(copied, "getroot") else copied)
    return etree.tostring(copied, xml_declaration=True, encoding="UTF-8") + b"\n"


__all__ = [
    "TEI_NS",
    "XML_NS",
    "NS",
    "NSMAP",
    "tei",
    "xml_attr",
    "E",
    "local_name",
    "parse",
    "parse_bytes",
    "serialize",
    "XMLSyntaxProblem",
    "MAX_ENTITY_TEXT",
    "MAX_ENTITY_EXPANSION",
]
