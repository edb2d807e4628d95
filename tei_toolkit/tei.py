"""TEI namespace, element factory, hardened parsing, serialization, atomic writes."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from lxml import etree

from .diagnostics import Diagnostic, ExitCode, ToolkitError, error

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


def _parser() -> etree.XMLParser:
    # No DTD loading, no entity substitution, no network, no huge trees: a
    # document can neither read local files nor make us expand a bomb.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )


class XMLSyntaxProblem(Exception):
    """Raised by parse(): carries a ready ``xml:syntax`` (or ``xml:forbidden``) Diagnostic."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


def parse_bytes(data: bytes, filename: str | None = None) -> etree._ElementTree:
    """Parse XML safely; raise XMLSyntaxProblem with file:line:col on any problem."""
    try:
        root = etree.fromstring(data, _parser(), base_url=filename)
    except etree.XMLSyntaxError as exc:
        line, col = exc.position if exc.position else (None, None)
        msg = exc.msg or str(exc)
        raise XMLSyntaxProblem(error("xml:syntax", f"not well-formed XML: {msg}",
                                     file=filename, line=line, column=col)) from None
    tree = root.getroottree()
    doctype = tree.docinfo.internalDTD
    if doctype is not None and any(True for _ in doctype.iterentities()):
        raise XMLSyntaxProblem(error(
            "xml:forbidden-entity",
            "the document declares entities in its DOCTYPE; tei-toolkit does not expand "
            "entities (they can read local files or blow up memory)",
            file=filename, line=1, column=1))
    return tree


def parse(path: str | os.PathLike) -> etree._ElementTree:
    """Read and parse an XML file; unreadable files raise ToolkitError."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise ToolkitError("is a directory, expected an XML file", file=str(path)) from None
    except FileNotFoundError:
        raise ToolkitError("no such file", file=str(path)) from None
    except OSError as exc:
        raise ToolkitError(f"cannot read: {exc.strerror}", file=str(path)) from None
    return parse_bytes(data, str(path))


def serialize(tree_or_el) -> bytes:
    """UTF-8 XML with declaration, two-space indentation preserved as built."""
    return etree.tostring(tree_or_el, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_atomic(path: str | os.PathLike, data: bytes, *, inputs=()) -> None:
    """Write via a temporary file in the same folder, then rename: never a partial file.

    Refuses to overwrite any of ``inputs`` (the files the output was made from).
    """
    path = Path(path)
    for src in inputs:
        try:
            if path.exists() and os.path.samefile(path, src):
                raise ToolkitError("output path is the input file; refusing to overwrite it",
                                   file=str(path))
        except FileNotFoundError:
            continue
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


__all__ = ["TEI_NS", "XML_NS", "NS", "NSMAP", "tei", "xml_attr", "E", "local_name", "parse",
           "parse_bytes", "serialize", "write_atomic", "XMLSyntaxProblem", "ExitCode"]
