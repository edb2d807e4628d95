"""RELAX NG validation: libxml2 decides the verdict, on a grammar pruned per document.

libxml2 needs ~17 s to compile tei_all; the grammar pruned to the element names a
document (or a batch) uses compiles in milliseconds and gives the same verdict
(see grammar.prune). When libxml2 says "invalid", ``explain`` walks the document
against the full grammar to say what was expected where, as jing does.
"""
from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Iterator

from lxml import etree

from ..diagnostics import Diagnostic, error
from . import cache, grammar as G

_LOCK = threading.Lock()
_MAX_GRAMMARS = 128
# Past this many element names a union grammar starts to approach the compile cliff.
_MAX_UNION = 260


def element_names(tree) -> frozenset[tuple[str, str]]:
    """(namespace, local name) of every element in ``tree``."""
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    out = set()
    for el in root.iter():
        tag = el.tag
        if isinstance(tag, str):
            if tag[0] == "{":
                ns, _, local = tag[1:].partition("}")
                out.add((ns, local))
            else:
                out.add(("", tag))
    return frozenset(out)


_TAG = re.compile(rb"<([^\s/>!?:]+)(?::([^\s/>:]+))?")
_XMLNS = re.compile(rb"""xmlns(?::([^\s=]+))?\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_XML_NS = "http://www.w3.org/XML/1998/namespace"


def scan_names(data: bytes) -> set[tuple[str, str]]:
    """A quick guess at a document's element names, from its bytes (no parsing).

    Each prefix is mapped to every namespace the document binds it to. The guess
    may hold extra names (harmless: a grammar pruned to a superset is still exact)
    or miss some (then that document gets its own grammar, see ``compiled``).
    """
    uris: dict[bytes, set[str]] = {b"xml": {_XML_NS}}
    for m in _XMLNS.finditer(data):
        uri = (m.group(2) if m.group(2) is not None else m.group(3) or b"")
        uris.setdefault(m.group(1) or b"", set()).add(uri.decode("utf-8", "replace"))
    uris.setdefault(b"", {""})
    out = set()
    for m in _TAG.finditer(data):
        prefix, local = (m.group(1), m.group(2)) if m.group(2) else (b"", m.group(1))
        name = local.decode("utf-8", "replace")
        for uri in uris.get(prefix, ()):
            out.add((uri, name))
    return out


class RelaxNGSchema:
    """One RELAX NG schema file, compiled lazily per set of element names."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            self.sha256 = cache.file_sha256(self.path)
        except OSError as exc:
            raise G.GrammarError(f"cannot read schema {self.path}: {exc.strerror}") from None
        self._grammar: G.Grammar | None = None
        self._compiled: OrderedDict[frozenset, etree.RelaxNG] = OrderedDict()
        self._union: frozenset = frozenset()
        self._batch: tuple[frozenset, etree.RelaxNG] | None = None

    @property
    def grammar(self) -> G.Grammar:
        if self._grammar is None:
            self._grammar = G.load(self.path)
        return self._grammar

    def pruned_text(self, names: frozenset) -> str:
        digest = hashlib.sha256("\n".join(sorted("{%s}%s" % n for n in names)).encode())
        key = f"{self.sha256}-{digest.hexdigest()[:32]}-v{cache.CACHE_VERSION}.rng"
        hit = cache.read("rng", key)
        if hit is not None:
            return hit.decode("utf-8")
        text = G.serialize(G.prune(self.grammar, names))
        cache.write("rng", key, text.encode("utf-8"))
        return text

    def compiled(self, names: frozenset, *, grow: bool = False) -> etree.RelaxNG:
        """A validator exact for any document whose element names are within ``names``.

        With ``grow`` (batches), a grammar compiled for a superset is reused, and a
        new one is compiled for the union of the names seen so far while it is small.
        """
        batch = self._batch
        if batch is not None and names <= batch[0]:
            return batch[1]
        with _LOCK:
            hit = self._compiled.get(names)
            if hit is not None:
                self._compiled.move_to_end(names)
                return hit
            if grow:
                for known, rng in reversed(self._compiled.items()):
                    if names <= known:
                        return rng
                union = self._union | names
                if len(union) <= _MAX_UNION:
                    names = self._union = union
            try:
                rng = etree.RelaxNG(etree.fromstring(self.pruned_text(names).encode("utf-8")))
            except etree.RelaxNGParseError as exc:
                raise G.GrammarError(f"libxml2 cannot compile {self.path}: {exc}") from None
            self._compiled[names] = rng
            while len(self._compiled) > _MAX_GRAMMARS:
                self._compiled.popitem(last=False)
            return rng

    def prepare(self, names) -> None:
        """Compile once for a whole batch: every document within ``names`` uses it."""
        names = frozenset(names)
        if not names or len(names) > _MAX_UNION:
            return  # past the compile cliff: documents get grammars of their own
        rng = self.compiled(names)
        with _LOCK:
            self._batch = (names, rng)
            self._union = self._union | names

    def iter_errors(self, tree, *, filename: str | None = None, source: bytes | None = None,
                    grow: bool = False) -> Iterator[Diagnostic]:
        rng = self.compiled(element_names(tree), grow=grow)
        if rng.validate(tree):
            return
        log = list(rng.error_log)
        from .explain import explain  # the slow path: only for invalid documents
        found = list(explain(self.grammar, tree, filename=filename, source=source,
                             hint_lines={e.line for e in log if e.line}))
        if found:
            yield from found
            return
        yield from _from_libxml2(log, tree, filename)


_SCHEMAS: dict[tuple[str, str], RelaxNGSchema] = {}


def schema(path: str | Path | None = None) -> RelaxNGSchema:
    """The (cached) RelaxNGSchema for ``path``; default: the shipped tei_all.rng."""
    path = Path(path) if path is not None else cache.default_schema("rng")
    key = cache.resolved(str(path))
    try:
        sha = cache.file_sha256(path)
    except OSError as exc:
        raise G.GrammarError(f"cannot read schema {path}: {exc.strerror}") from None
    found = _SCHEMAS.get((key, sha))
    if found is None:
        found = _SCHEMAS[(key, sha)] = RelaxNGSchema(path)
    return found


def iter_relaxng(tree, *, filename: str | None = None, schema_path: str | Path | None = None,
                 source: bytes | None = None) -> Iterator[Diagnostic]:
    """Yield a Diagnostic for each RELAX NG error in ``tree`` (nothing if valid).

    ``source`` (the document's bytes) lets messages carry a column.
    """
    yield from schema(schema_path).iter_errors(tree, filename=filename, source=source)


# ---------------------------------------------------------------- libxml2 fallback
_PATTERNS = [
    (re.compile(r"Did not expect element (\S+) there"), "rng:unexpected-element",
     "element {0} not allowed here"),
    (re.compile(r"Expecting element (\S+), got (\S+)"), "rng:unexpected-element",
     "element {1} not allowed here; expected element {0}"),
    (re.compile(r"Expecting an element (\S+), got nothing"), "rng:missing-element",
     "missing required element {0}"),
    (re.compile(r"Element (\S+) has extra content: text"), "rng:unexpected-text",
     "text not allowed in element {0}"),
    (re.compile(r"Element (\S+) has extra content: (\S+)"), "rng:unexpected-element",
     "element {1} not allowed in element {0}"),
    (re.compile(r"Invalid attribute (\S+) for element (\S+)"), "rng:unknown-attribute",
     "attribute {0} not allowed on element {1}"),
    (re.compile(r"Element (\S+) failed to validate attributes"), "rng:bad-attribute",
     "element {0} has a missing, unknown or invalid attribute"),
    (re.compile(r"Type (\S+) doesn't allow value '(.*)'"), "rng:bad-value",
     "value {1!r} is not a valid {0}"),
]


def _from_libxml2(log, tree, filename) -> Iterator[Diagnostic]:
    specific = [e for e in log if "failed to validate content" not in e.message]
    for entry in specific or log:
        for rx, code, template in _PATTERNS:
            m = rx.search(entry.message)
            if m:
                message = template.format(*m.groups())
                break
        else:
            code, message = "rng:invalid", entry.message.rstrip(".")
        yield error(code, message, file=filename, line=entry.line or None,
                    path=getattr(entry, "path", None) or None)
