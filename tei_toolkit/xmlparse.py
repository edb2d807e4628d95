"""Hardened XML parsing: no DTDs, external entities, XInclude or network; bombs refused
by code; problems as one-line errors with their position."""

from __future__ import annotations

import os
import re
from pathlib import Path

from lxml import etree

from .diagnostics import Diagnostic, InputError, ToolkitError, error, warning

_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

# Safety limits for entities declared inside a document (see _check_entities).
MAX_ENTITY_TEXT = 1_000  # characters of one internal entity's replacement text
MAX_ENTITY_EXPANSION = 1_000_000  # characters all references together may add

XINCLUDE_NS = "http://www.w3.org/2001/XInclude"


def _parser(collect_ids: bool = True) -> etree.XMLParser:
    # No DTD loading, no entity substitution, no network, lxml's default size limits
    # (huge_tree=False: nesting <= 256, text nodes and attributes <= 10 MB). libxml2
    # also stops entity amplification; _check_entities adds our own, stricter policy.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        huge_tree=False,
        remove_blank_text=False,
        collect_ids=collect_ids,
    )


class XMLSyntaxProblem(ToolkitError):
    """Raised by parse(): carries a ready ``xml:*`` Diagnostic.

    A ToolkitError (exit code 2), so a caller that does not turn it into a diagnostic
    still gives the user one line, never a traceback.
    """

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message, code=diagnostic.code, file=diagnostic.file)
        self.diagnostic = diagnostic

    def __str__(self) -> str:  # "FILE:LINE:COL: message [code]", for "tei-toolkit: error: ..."
        d = self.diagnostic
        return f"{d.location()}: {d.message} [{d.code}]"


# libxml2's messages for its safety limits, reworded for people (code, message).
_LIMITS = (
    (
        "amplification",
        "xml:entity-expansion",
        "entity expansion stopped: the document's entities would expand to far more text "
        "than the document holds (an entity bomb)",
    ),
    (
        "entity reference loop",
        "xml:entity-expansion",
        "entity expansion stopped: the document's entities refer to each other in a loop",
    ),
    (
        "excessive depth",
        "xml:too-deep",
        "elements are nested more than 256 deep, tei-toolkit's safety limit",
    ),
    (
        "huge",
        "xml:too-large",
        "a text node, attribute or name is larger than 10 MB, tei-toolkit's safety limit",
    ),
    (
        "invalid bytes in character encoding",
        "xml:encoding",
        "bytes that are not valid in the document's encoding (UTF-8 unless its XML "
        "declaration says otherwise); re-save the file as UTF-8",
    ),
    ("document is empty", "xml:syntax", "the file is empty: not an XML document"),
    (
        "not defined",
        "xml:undefined-entity",
        "{raw}: XML itself defines only &amp; &lt; &gt; &quot; &apos;, and tei-toolkit never "
        "loads DTDs; write the character itself or a character reference (&#160;)",
    ),
)


def _syntax_problem(exc: etree.LxmlError, filename: str | None) -> XMLSyntaxProblem:
    position = getattr(exc, "position", None)
    line, col = position if position else (None, None)
    raw = (getattr(exc, "msg", None) or str(exc)).splitlines()[0].strip()
    raw = re.sub(r",? line \d+, column \d+.*$", "", raw)
    for needle, code, message in _LIMITS:
        if needle in raw.lower():
            return XMLSyntaxProblem(
                error(code, message.replace("{raw}", raw), file=filename, line=line, column=col)
            )
    return XMLSyntaxProblem(
        error("xml:syntax", f"not well-formed XML: {raw}", file=filename, line=line, column=col)
    )


def parse_bytes(
    data: bytes,
    filename: str | None = None,
    *,
    notes: list[Diagnostic] | None = None,
    duplicate_ids: bool = False,
    id_table: bool = True,
) -> etree._ElementTree:
    """Parse XML safely; raise XMLSyntaxProblem with file:line:col on any problem.

    Never reads a file or URL the document names: no DTD, no external entity, no
    XInclude. Internal entities whose text is plain and short are expanded; any other
    entity declaration refuses the document. Warnings (a DTD or xi:include left alone,
    entities expanded) are appended to ``notes`` when given. ``duplicate_ids``: a
    repeated xml:id (well-formed, only invalid) is parsed, with a warning, not refused.
    ``id_table=False`` (with ``duplicate_ids``): libxml2 keeps no table of the xml:ids
    (~20 % of the parse) and says nothing of repeated ones; ``repeated_id`` gives the
    warning for a caller that wants it (a RELAX NG check reports them itself).
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    found: list[Diagnostic] = []
    root = None
    if duplicate_ids and not id_table:
        try:
            root = etree.fromstring(data, _parser(collect_ids=False), base_url=filename)
        except (etree.LxmlError, ValueError):
            pass  # the usual parse below says what is wrong, in its own words
    try:
        if root is None:
            root = etree.fromstring(data, _parser(), base_url=filename)
    except (etree.LxmlError, ValueError) as exc:
        repeated = re.search(r"\bID (\S+) already defined", str(exc)) if duplicate_ids else None
        if repeated is None:
            raise _syntax_problem(exc, filename) from None
        try:
            root = etree.fromstring(data, _parser(collect_ids=False), base_url=filename)
        except (etree.LxmlError, ValueError) as again:
            raise _syntax_problem(again, filename) from None
        line = exc.position[0] if isinstance(exc, etree.XMLSyntaxError) else None
        found.append(_repeated(repeated.group(1), filename, line))
    if root is None:
        raise XMLSyntaxProblem(error("xml:syntax", "no root element", file=filename))
    tree = root.getroottree()
    _check_doctype(tree, filename, found)
    _check_entities(tree, filename, found)
    if any(True for _ in root.iter(f"{{{XINCLUDE_NS}}}*")):
        found.append(
            warning(
                "xml:xinclude-ignored",
                "xi:include is not processed (tei-toolkit never reads files or URLs a document "
                "names); the xi:include elements stay as they are",
                file=filename,
            )
        )
    if notes is not None:
        notes.extend(found)
    return tree


def repeated_id(tree, filename: str | None) -> list[Diagnostic]:
    """The warning parse_bytes gives for the first xml:id used twice (for a tree parsed
    with ``id_table=False``), or nothing."""
    seen: set[str] = set()
    for el in tree.getroot().iter():
        value = el.get(_XML_ID) if el.tag.__class__ is str else None
        if value is None:
            continue
        if value in seen:
            return [_repeated(value, filename, el.sourceline)]
        seen.add(value)
    return []


def _repeated(value: str, filename: str | None, line: int | None) -> Diagnostic:
    return warning(
        "xml:duplicate-id",
        f"xml:id {value} is used more than once: well-formed, but invalid TEI",
        file=filename,
        line=line,
    )


def _check_doctype(tree, filename, found) -> None:
    info_ = tree.docinfo
    if info_.system_url or info_.public_id:
        where = info_.system_url or info_.public_id
        found.append(
            warning(
                "xml:dtd-ignored",
                f"the DOCTYPE names an external DTD ({where}); tei-toolkit never loads DTDs, "
                "so it is ignored",
                file=filename,
                line=1,
            )
        )


def _check_entities(tree, filename, found) -> None:
    """Refuse external, nested or oversized entities; expand short plain-text ones."""
    dtd = tree.docinfo.internalDTD
    if dtd is None:
        return  # no DOCTYPE: libxml2 refused any entity but XML's five while parsing
    declared = {}
    for ent in dtd.iterentities() if dtd is not None else ():
        content = ent.content or ""
        if ent.system_url:
            _refuse(
                "xml:external-entity",
                f"the DOCTYPE declares entity '{ent.name}' as a file or URL "
                f"({ent.system_url}); tei-toolkit never reads files or URLs a document "
                "names",
                filename,
            )
        if any(c in content for c in "&%<"):
            _refuse(
                "xml:entity-expansion",
                f"entity '{ent.name}' contains markup or other entity references; "
                "tei-toolkit expands only plain-text entities (nested entities are how "
                "entity bombs are built)",
                filename,
            )
        if len(content) > MAX_ENTITY_TEXT:
            _refuse(
                "xml:entity-expansion",
                f"entity '{ent.name}' is {len(content):,} characters long; tei-toolkit "
                f"expands entities of at most {MAX_ENTITY_TEXT:,}",
                filename,
            )
        declared[ent.name] = content
    refs = list(tree.getroot().iter(etree.Entity))
    undefined = sorted({r.name for r in refs if r.name not in declared})
    if undefined:
        _refuse(
            "xml:undefined-entity",
            "uses entities that are not declared in the document ("
            + ", ".join(f"&{n};" for n in undefined[:5])
            + "); tei-toolkit never loads DTDs: write the characters themselves or "
            "character references (&#x2014;)",
            filename,
        )
    total = sum(len(declared[r.name]) for r in refs)
    if total > MAX_ENTITY_EXPANSION:
        _refuse(
            "xml:entity-expansion",
            f"entity references would add {total:,} characters; tei-toolkit's limit is "
            f"{MAX_ENTITY_EXPANSION:,} (a quadratic-blowup document?)",
            filename,
        )
    for ref in refs:
        _replace_with_text(ref, declared[ref.name])
    if declared:
        # attribute values were expanded by the parser but still serialize as "&name;":
        # set them again as plain text, then drop the DOCTYPE that no longer applies
        for el in tree.getroot().iter("*"):
            for key, value in el.attrib.items():
                el.set(key, value)
        tree.docinfo.clear()
        found.append(
            warning(
                "xml:internal-entity",
                f"expanded {len(refs)} reference(s) to the plain-text entities declared in the "
                "DOCTYPE (" + ", ".join(sorted(declared)[:5]) + ")",
                file=filename,
                line=1,
            )
        )


def _refuse(code: str, message: str, filename) -> None:
    raise XMLSyntaxProblem(error(code, message, file=filename, line=1, column=1))


def _replace_with_text(node, text: str) -> None:
    parent = node.getparent()
    glue = text + (node.tail or "")
    previous = node.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + glue
    else:
        parent.text = (parent.text or "") + glue
    parent.remove(node)


def parse(
    path: str | os.PathLike,
    *,
    notes: list[Diagnostic] | None = None,
    duplicate_ids: bool = False,
) -> etree._ElementTree:
    """Read and parse an XML file safely (see parse_bytes); unreadable files raise
    ToolkitError, XML problems XMLSyntaxProblem (a ToolkitError too)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError(
            "is a directory, expected an XML file", code="input:directory", file=str(path)
        ) from None
    except FileNotFoundError:
        raise InputError("no such file", code="input:missing", file=str(path)) from None
    except OSError as exc:
        raise InputError(
            f"cannot read: {exc.strerror}", code="input:unreadable", file=str(path)
        ) from None
    return parse_bytes(data, str(path), notes=notes, duplicate_ids=duplicate_ids)
