"""Large files checked by RELAX NG alone are streamed, not parsed into a tree.

A 200 MB TEI file parsed whole takes ~20x its size in memory (lxml's tree plus the
engine's walk); streamed through the engine (rng.validate.validate_file) it takes
about 2x: the open elements, the IDs, the schema. Streaming applies when every engine
the file needs is RELAX NG (Schematron and the corpus checks need the tree), the file
is large, and its prolog has no DOCTYPE (entities need the tree-building parser's
checks). Anything else, and a file that turns out not to be well-formed (reported by
the tree path, as for any file), goes the ordinary way: ``check`` returns None.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from lxml import etree

from ..diagnostics import Diagnostic, warning
from ..xmlparse import XINCLUDE_NS, XMLSyntaxProblem, parse_bytes
from . import results
from .models import Use
from .outcome import FileOutcome
from .relaxng import schema as rng_schema
from .rng.validate import validate_file

# Above this size a file that only RELAX NG checks is streamed.
STREAM_ABOVE = 16 * 1024 * 1024
_HEAD = 1 << 20  # the prolog and the root's start tag must be in the first MB

_PROLOG_ITEM = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->)", re.S)
_START_TAG = re.compile(rb"""\s*<([^\s/>!?]+)(?:[^<>"']|"[^"]*"|'[^']*')*?(/?)>""")


def should_stream(path: Path, corpus) -> bool:
    if corpus is not None:
        return False
    try:
        return path.stat().st_size > STREAM_ABOVE
    except OSError:
        return False


def _prolog(path: Path) -> bytes | None:
    """The prolog and the root element (empty) as a small document, or None when the
    prolog holds a DOCTYPE or the root's start tag is not in the first MB."""
    with path.open("rb") as f:
        head = f.read(_HEAD)
    at = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    while True:
        m = _PROLOG_ITEM.match(head, at)
        if m is None:
            break
        at = m.end()
    m = _START_TAG.match(head, at)
    if m is None:
        return None
    if m.group(2):
        return head[: m.end()]
    return head[: m.end()] + b"</" + m.group(1) + b">"


def _scan(path: Path) -> tuple[bytes, bool]:
    """The file's SHA-256 digest, and whether it names the XInclude namespace."""
    h = hashlib.sha256()
    needle = XINCLUDE_NS.encode()
    found = False
    tail = b""
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
            if not found:
                found = needle in tail + chunk
                tail = chunk[-len(needle) :]
    return h.digest(), found


def check(path: Path, opts, plan_of) -> FileOutcome | None:
    """The FileOutcome of a streamed RELAX NG check, or None: check the ordinary way.

    ``plan_of(tree, path, opts)`` gives the (uses, notes) of the document, from a tree
    that holds only its prolog and root element (the xml-model instructions are there).
    """
    name = str(path)
    try:
        small = _prolog(path)
        if small is None:
            return None
        notes: list[Diagnostic] = []
        tree = parse_bytes(small, name, notes=notes)
        plan, planned = plan_of(tree, path, opts)
        if not plan or any(use.engine != "relaxng" for use in plan):
            return None
        digest, xinclude = _scan(path)
    except (OSError, XMLSyntaxProblem):
        return None
    key = results.key_for(opts.run_key, path, digest) if opts.run_key else None
    if key is not None:
        hit = results.outcome(key, name)
        if hit is not None:
            return hit
    out = FileOutcome()
    out.diagnostics.extend(notes)
    if xinclude:
        out.diagnostics.append(
            warning(
                "xml:xinclude-ignored",
                "xi:include is not processed (tei-toolkit never reads files or URLs a document "
                "names); the xi:include elements stay as they are",
                file=name,
            )
        )
    out.diagnostics.extend(planned)
    try:
        for use in plan:
            out.diagnostics.extend(_run(use, path, name))
    except etree.XMLSyntaxError:
        return None  # the tree path reports it, as for any file that is not well-formed
    if key is not None:
        depends: dict[str, str] = {}
        for use in plan:
            if not use.trusted:
                depends.update(results.schema_depends(use.schema))
        results.store(key, name, results.Entry(out.diagnostics, [], [], depends))
    return out


def _run(use: Use, path: Path, name: str):
    return validate_file(rng_schema(use.schema).engine, str(path), name)
