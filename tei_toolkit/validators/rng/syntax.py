"""RELAX NG XML syntax (or compact syntax, via compact.py) -> a checked tree of ``Node``s
(sections 3 and 4.1-4.9).

Foreign elements and attributes are dropped, whitespace normalised, the
datatype library and ``ns`` inherited, names resolved to (uri, local),
``include`` and ``externalRef`` read (local files only, loops refused).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from . import compact
from .names import RNG_NS, XML_NS, SchemaError, Where, is_ncname

Loader = Callable[[str], bytes]  # absolute location -> bytes (raise OSError if absent)

PATTERNS = {
    "element", "attribute", "group", "interleave", "choice", "optional", "zeroOrMore",
    "oneOrMore", "list", "mixed", "ref", "parentRef", "empty", "text", "value", "data",
    "notAllowed", "externalRef", "grammar",
}  # fmt: skip
NAME_CLASSES = {"name", "anyName", "nsName", "choice"}
_ATTRS = {
    "element": {"name"}, "attribute": {"name"}, "ref": {"name"}, "parentRef": {"name"},
    "value": {"type"}, "data": {"type"}, "externalRef": {"href"}, "include": {"href"},
    "start": {"combine"}, "define": {"name", "combine"}, "param": {"name"},
}  # fmt: skip
_KEEP_TEXT = {"value", "param", "name"}
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:(?:[^%\s<>\"{}|\\^`#]|%[0-9A-Fa-f]{2})+\Z")
_URI_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")


class Node:
    __slots__ = ("name", "attrs", "kids", "text", "where", "ns", "lib", "nsmap", "base", "loaded")

    def __init__(self, name, attrs, where, ns, lib, nsmap, base):
        self.name: str = name
        self.attrs: dict[str, str] = attrs
        self.kids: list[Node] = []
        self.text = ""
        self.where: Where = where
        self.ns: str = ns  # the inherited ns attribute
        self.lib: str = lib  # the inherited datatypeLibrary
        self.nsmap: dict = nsmap
        self.base: str = base
        self.loaded: Node | None = None  # the root of an include / externalRef


def local_loader(location: str) -> bytes:
    """Only local files: a URL with a scheme other than file: is refused."""
    if _URI_SCHEME.match(location) and not location.startswith("file:"):
        raise OSError(f"only local schema files are read, not {location}")
    if location.startswith("file:"):
        location = re.sub(r"^file:(//)?", "", location)
    return Path(location).read_bytes()


def resolve(base: str, href: str) -> str:
    if _URI_SCHEME.match(href) and not re.match(r"[A-Za-z]:[\\/]", href):
        return href
    return os.path.normpath(os.path.join(os.path.dirname(base), href))


class Reader:
    def __init__(self, loader: Loader = local_loader):
        self.loader = loader
        self.problems: list[tuple[str, Where]] = []
        self._open: list[str] = []
        self.files: list[str] = []  # every file read, for caches to check

    def fail(self, message: str, where: Where) -> None:
        self.problems.append((message, where))

    def read(self, location: str, ns: str = "", from_: Where | None = None) -> Node | None:
        if location in self._open:
            self.fail(f'recursive reference to "{location}"', from_ or (location, 0, 0))
            return None
        try:
            data = self.loader(location)
            self.files.append(location)
        except OSError as exc:
            self.fail(f"cannot read {location}: {exc}", from_ or (location, 0, 0))
            return None
        if location.lower().endswith(".rnc"):  # the compact syntax
            try:
                root = compact.to_xml(data.decode("utf-8"))
            except UnicodeDecodeError:
                self.fail("a compact schema must be UTF-8", from_ or (location, 0, 0))
                return None
            except compact.CompactError as exc:
                self.fail(exc.message, (location, exc.line, 0))
                return None
        else:
            try:
                parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
                root = etree.fromstring(data, parser, base_url=location)
            except etree.XMLSyntaxError as exc:
                self.fail(f"not well-formed: {exc}", (location, exc.lineno or 0, exc.offset or 0))
                return None
        self._open.append(location)
        try:
            if root.tag != f"{{{RNG_NS}}}" + etree.QName(root).localname or (
                etree.QName(root).localname not in PATTERNS
            ):
                self.fail(
                    f'root element "{root.tag}" is not a RELAX NG pattern', self._at(location, root)
                )
                return None
            return self._node(root, location, ns, "", pattern=True)
        finally:
            self._open.pop()

    @staticmethod
    def _at(location: str, el) -> Where:
        return (location, el.sourceline or 0, 0)

    def _node(self, el, base: str, ns: str, lib: str, *, pattern: bool) -> Node | None:
        local = etree.QName(el).localname
        where = self._at(base, el)
        allowed = _ATTRS.get(local, set())
        attrs: dict[str, str] = {}
        for key, value in el.attrib.items():
            if key.startswith("{"):
                if key.startswith(f"{{{RNG_NS}}}"):
                    self.fail(f'attribute "{key}" not allowed on "{local}"', where)
                continue  # foreign attributes are annotations
            if key in ("ns", "datatypeLibrary") or key in allowed:
                attrs[key] = value if key == "ns" else value.strip(" \t\r\n")
            else:
                self.fail(f'attribute "{key}" not allowed on "{local}"', where)
        if "ns" in attrs:
            ns = attrs["ns"]
        if "datatypeLibrary" in attrs:
            lib = attrs["datatypeLibrary"]
            if lib and not _URI.match(lib):
                self.fail(f'datatypeLibrary "{lib}" is not an absolute URI', where)
        node = Node(local, attrs, where, ns, lib, dict(el.nsmap), el.base or base)
        node.nsmap["xml"] = XML_NS
        text = [el.text or ""]
        for child in el:
            text.append(child.tail or "")
            if not isinstance(child.tag, str):
                continue
            if etree.QName(child).namespace != RNG_NS:
                continue  # foreign element: an annotation
            kid = self._node(child, base, ns, lib, pattern=True)
            if kid is not None:
                node.kids.append(kid)
        joined = "".join(text)
        if local in _KEEP_TEXT:
            node.text = joined if local == "value" else joined.strip(" \t\r\n")
            if any(isinstance(c.tag, str) for c in el):
                self.fail(f'element "{local}" cannot contain elements', where)
        elif joined.strip(" \t\r\n"):
            self.fail(f'text not allowed in element "{local}"', where)
        if local in ("externalRef", "include"):
            self._load_href(node)
        return node

    def _load_href(self, node: Node) -> None:
        href = node.attrs.get("href")
        if href is None:
            self.fail(f'element "{node.name}" needs an "href" attribute', node.where)
            return
        if "#" in href:
            self.fail(f'href "{href}" must not have a fragment identifier', node.where)
            return
        target = resolve(node.base, href)
        inherit = node.attrs.get("ns", node.ns) if node.name == "externalRef" else node.ns
        loaded = self.read(target, inherit, node.where)
        if loaded is None:
            return
        if "ns" not in loaded.attrs and node.name == "externalRef":
            loaded.attrs["ns"] = inherit
        if node.name == "include" and loaded.name != "grammar":
            self.fail(f'included file "{href}" is not a grammar', node.where)
            return
        node.loaded = loaded


def qname(node: Node, text: str, *, default_ns: str) -> tuple[str, str] | None:
    """Resolve a QName written in the schema; None when its prefix is not declared."""
    prefix, colon, local = text.partition(":")
    if not colon:
        return (default_ns, text) if is_ncname(text) else None
    uri = node.nsmap.get(prefix)
    if uri is None or not is_ncname(local) or not is_ncname(prefix):
        return None
    return (uri, local)


def raise_if(problems: list[tuple[str, Where]]) -> None:
    if problems:
        raise SchemaError(problems)
