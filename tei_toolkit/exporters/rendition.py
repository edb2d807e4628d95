"""tagsDecl/rendition CSS, made safe for a page that must load nothing.

``<rendition xml:id="r-it" scheme="css">font-style: italic</rendition>`` becomes the CSS
rule ``.rend-r-it { font-style: italic }`` and every element whose ``@rendition`` points
at it gets the class. Only declarations of typographic properties are kept; a value that
could load or run anything (``url(``, ``@import``, ``expression``, escapes) drops the
declaration.
"""

from __future__ import annotations

import re

from .walker import xml_id

_PROPERTY = re.compile(
    r"^(?:font(?:-(?:style|weight|variant|size|family|stretch))?|text-(?:decoration(?:-\w+)?|"
    r"transform|align|indent|shadow)|letter-spacing|word-spacing|vertical-align|color|"
    r"background-color|(?:margin|padding)(?:-(?:top|right|bottom|left))?|display|"
    r"border(?:-(?:top|right|bottom|left))?(?:-(?:style|width|color))?|line-height|"
    r"white-space|float|clear|width|quotes)$"
)
_VALUE = re.compile(r"^[\w\s#%.,+\-'\"()!]*$")
_UNSAFE = re.compile(r"url\(|expression|image|@|\\|/\*|javascript|<|>|[{}]", re.IGNORECASE)
_CLASS = re.compile(r"[^A-Za-z0-9_-]+")


def safe_css(text: str) -> str:
    """The declarations of ``text`` a page may carry, as ``prop: value; ...``."""
    kept = []
    for decl in text.split(";"):
        prop, sep, value = decl.partition(":")
        prop, value = prop.strip().lower(), " ".join(value.split())
        if sep and _PROPERTY.match(prop) and _VALUE.match(value) and not _UNSAFE.search(value):
            kept.append(f"{prop}: {value}")
    return "; ".join(kept)


def class_of(ident: str) -> str:
    return "rend-" + (_CLASS.sub("_", ident) or "x")


def read_renditions(root) -> dict[str, str]:
    """xml:id -> safe CSS, for the CSS renditions of the header's tagsDecl."""
    found: dict[str, str] = {}
    for el in root.iter("{*}rendition"):
        ident, scheme = xml_id(el), (el.get("scheme") or "css").lower()
        if ident and scheme == "css":
            css = safe_css("".join(el.itertext()))
            if css:
                found[ident] = css
    return found


def stylesheet(renditions: dict[str, str]) -> str:
    return "".join(f"\n.{class_of(i)} {{ {css} }}" for i, css in sorted(renditions.items()))


def classes(value: str | None, renditions: dict[str, str]) -> list[str]:
    """The classes for an element's ``@rendition`` ("#r1 #r2"), those the page defines."""
    if not value or not renditions:
        return []
    return [class_of(v[1:]) for v in value.split() if v.startswith("#") and v[1:] in renditions]
