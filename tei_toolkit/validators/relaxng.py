"""RELAX NG validation with our own engine (validators/rng): every error, as jing reports.

The derivative engine (rng.validate) gives the verdict and every error, with jing's
recovery, in time linear in the document (docs/VALIDATE.md has the measurements that
chose it over libxml2, which stops at the first error under a parent and is quadratic
in sibling elements carrying attributes). ``compiled`` (libxml2 on a grammar pruned to
a document's names, grammar.prune) is kept for callers that want libxml2's verdict.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from ..diagnostics import Diagnostic, error
from . import cache
from . import grammar as G
from .rng.names import SchemaError
from .rng.schema import Schema as _Engine
from .rng.schema import load_cached as _load_engine
from .rng.validate import validate_tree

_LOCK = threading.Lock()
_MAX_GRAMMARS = 128
# Past this many element names a union grammar starts to approach the compile cliff.
_MAX_UNION = 260


def element_names(tree) -> frozenset[tuple[str, str]]:
    """(namespace, local name) of every element in ``tree``."""
    return names_of(tree)[0]


def _split(tag: str) -> tuple[str, str]:
    if tag[0] == "{":
        ns, _, local = tag[1:].partition("}")
        return ns, local
    return "", tag


def names_of(tree) -> tuple[frozenset, frozenset]:
    """(element names, attribute names) in ``tree``, each as (namespace, local name).

    Attribute names are those of the RELAX NG data model: namespace declarations
    are not attributes; ``xml:id`` is (http://www.w3.org/XML/1998/namespace, id).
    """
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    tags: set = set()
    keys: set = set()
    for el in root.iter(etree.Element):  # elements only: no comments, no PIs
        tags.add(el.tag)
        keys.update(el.keys())
    return frozenset(map(_split, tags)), frozenset(map(_split, keys))


_TAG = re.compile(rb"<([^\s/>!?:]+)(?::([^\s/>:]+))?")
_XMLNS = re.compile(rb"""xmlns(?::([^\s=]+))?\s*=\s*(?:"([^"]*)"|'([^']*)')""")
# Attribute names: an attribute is always `S Name S? =`. The pattern runs over the
# REVERSED bytes (`=`, then the name backwards, then a space), so that the regex engine
# can jump from one `=` to the next instead of trying every position. A match starts
# at `=` and holds no other `=`, so a false hit (in text, a comment or a value) can
# never swallow the `=` of a real attribute: the scan misses none (tested suite-wide).
_ATTR_REVERSED = re.compile(rb"""=\s*([^\s<>=/"'&;]+)\s""")
_XML_NS = "http://www.w3.org/XML/1998/namespace"


def _prefixes(data: bytes) -> dict[bytes, set[str]]:
    uris: dict[bytes, set[str]] = {b"xml": {_XML_NS}}
    for m in _XMLNS.finditer(data):
        uri = m.group(2) if m.group(2) is not None else m.group(3) or b""
        uris.setdefault(m.group(1) or b"", set()).add(uri.decode("utf-8", "replace"))
    return uris


def scan(data: bytes) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """A quick guess at a document's (element names, attribute names), from its bytes.

    No parsing: start tags, ``name =`` pairs and ``xmlns`` declarations. Each
    prefix is mapped to every namespace the document binds it to. The guess may
    hold extra names (harmless: a grammar pruned to a superset is still exact)
    or miss some (then that document gets its own grammar, see ``compiled``).
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data[:4]:
        try:  # UTF-16: scan its UTF-8 form (other non-ASCII encodings just miss)
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            pass
    uris = _prefixes(data)
    elements_uris = dict(uris)
    elements_uris.setdefault(b"", {""})
    elements = set()
    for first, second in set(_TAG.findall(data)):
        prefix, local = (first, second) if second else (b"", first)
        name = local.decode("utf-8", "replace")
        for uri in elements_uris.get(prefix, ()):
            elements.add((uri, name))
    attributes = set()
    for raw in {found[::-1] for found in _ATTR_REVERSED.findall(data[::-1])}:
        prefix, colon, local = raw.partition(b":")
        if not colon:  # an unprefixed attribute is in no namespace
            if raw != b"xmlns":
                attributes.add(("", raw.decode("utf-8", "replace")))
        elif prefix != b"xmlns":
            name = local.decode("utf-8", "replace")
            for uri in uris.get(prefix, ()):
                attributes.add((uri, name))
    return elements, attributes


def scan_names(data: bytes) -> set[tuple[str, str]]:
    """The element names of ``scan``."""
    return scan(data)[0]


def scan_attribute_names(data: bytes) -> set[tuple[str, str]]:
    """The attribute names of ``scan``."""
    return scan(data)[1]


class RelaxNGSchema:
    """One RELAX NG schema file, compiled lazily per set of element and attribute names."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            self.sha256 = cache.file_sha256(self.path)
        except OSError as exc:
            raise G.GrammarError(f"cannot read schema {self.path}: {exc.strerror}") from None
        self._grammar: G.Grammar | None = None
        # keyed by (element names, attribute names)
        self._compiled: OrderedDict[tuple[frozenset, frozenset], etree.RelaxNG] = OrderedDict()
        self._union: tuple[frozenset, frozenset] = (frozenset(), frozenset())
        self._batch: tuple[frozenset, frozenset, etree.RelaxNG] | None = None
        self._engine: _Engine | None = None

    @property
    def engine(self) -> _Engine:
        """The schema read, simplified and checked as the specification requires."""
        if self._engine is None:
            with _LOCK:
                if self._engine is None:
                    try:
                        self._engine = _load_engine(str(self.path))
                    except SchemaError as exc:
                        raise G.GrammarError(_schema_problems(exc)) from None
        return self._engine

    @property
    def grammar(self) -> G.Grammar:
        if self._grammar is None:
            self._grammar = G.load(self.path)
        return self._grammar

    def pruned_text(self, names: frozenset, attributes: frozenset) -> str:
        """The grammar pruned to these element and attribute names, normalized, as text."""
        listing = (
            "\n".join(sorted("{{{}}}{}".format(*n) for n in names))
            + "\n@\n"
            + "\n".join(sorted("{{{}}}{}".format(*n) for n in attributes))
        )
        digest = hashlib.sha256(listing.encode())
        key = f"{self.sha256}-{digest.hexdigest()[:32]}-v{cache.CACHE_VERSION}a.rng"
        hit = cache.read("rng", key)
        if hit is not None:
            return hit.decode("utf-8")
        text = G.serialize(G.normalize(G.prune(self.grammar, names, attributes)))
        cache.write("rng", key, text.encode("utf-8"))
        return text

    def compiled(
        self, names: frozenset, attributes: frozenset, *, grow: bool = False
    ) -> etree.RelaxNG:
        """A validator exact for any document whose element names are within ``names``
        and whose attribute names are within ``attributes``.

        With ``grow`` (batches), a grammar compiled for supersets is reused, and a
        new one is compiled for the union of the names seen so far while it is small.
        """
        batch = self._batch
        if batch is not None and names <= batch[0] and attributes <= batch[1]:
            return batch[2]
        key = (names, attributes)
        with _LOCK:
            hit = self._compiled.get(key)
            if hit is not None:
                self._compiled.move_to_end(key)
                return hit
            if grow:
                for (known, known_attrs), rng in reversed(self._compiled.items()):
                    if names <= known and attributes <= known_attrs:
                        return rng
                union = self._union[0] | names
                if len(union) <= _MAX_UNION:
                    self._union = (union, self._union[1] | attributes)
                    key = names, attributes = self._union
            try:
                rng = etree.RelaxNG(
                    etree.fromstring(self.pruned_text(names, attributes).encode("utf-8"))
                )
            except etree.RelaxNGParseError as exc:
                raise G.GrammarError(f"libxml2 cannot compile {self.path}: {exc}") from None
            self._compiled[key] = rng
            while len(self._compiled) > _MAX_GRAMMARS:
                self._compiled.popitem(last=False)
            return rng

    def prepare(self, names=(), attributes=()) -> None:
        """Before a batch: read and check the schema once (the names are not needed)."""
        self.engine  # noqa: B018 (loads it)

    def iter_errors(
        self, tree, *, filename: str | None = None, source: bytes | None = None, grow: bool = False
    ) -> Iterator[Diagnostic]:
        """Every RELAX NG error in ``tree``, in document order (nothing if valid)."""
        yield from validate_tree(self.engine, tree, filename, source)


def _schema_problems(exc: SchemaError, limit: int = 20) -> str:
    lines = []
    for message, (file, line, _col) in exc.problems[:limit]:
        lines.append(f"{file}:{line}: {message}" if line else f"{file}: {message}")
    more = len(exc.problems) - limit
    if more > 0:
        lines.append(f"... and {more} more problems")
    return "incorrect RELAX NG schema: " + "; ".join(lines)


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


def iter_relaxng(
    tree,
    *,
    filename: str | None = None,
    schema_path: str | Path | None = None,
    source: bytes | None = None,
) -> Iterator[Diagnostic]:
    """Yield a Diagnostic for each RELAX NG error in ``tree`` (nothing if valid).

    ``source`` (the document's bytes) lets messages carry a column.
    """
    yield from schema(schema_path).iter_errors(tree, filename=filename, source=source)


# ---------------------------------------------------------------- libxml2 fallback
_PATTERNS = [
    (
        re.compile(r"Did not expect element (\S+) there"),
        "rng:unexpected-element",
        "element {0} not allowed here",
    ),
    (
        re.compile(r"Expecting element (\S+), got (\S+)"),
        "rng:unexpected-element",
        "element {1} not allowed here; expected element {0}",
    ),
    (
        re.compile(r"Expecting an element (\S+), got nothing"),
        "rng:missing-element",
        "missing required element {0}",
    ),
    (
        re.compile(r"Element (\S+) has extra content: text"),
        "rng:unexpected-text",
        "text not allowed in element {0}",
    ),
    (
        re.compile(r"Element (\S+) has extra content: (\S+)"),
        "rng:unexpected-element",
        "element {1} not allowed in element {0}",
    ),
    (
        re.compile(r"Invalid attribute (\S+) for element (\S+)"),
        "rng:unknown-attribute",
        "attribute {0} not allowed on element {1}",
    ),
    (
        re.compile(r"Element (\S+) failed to validate attributes"),
        "rng:bad-attribute",
        "element {0} has a missing, unknown or invalid attribute",
    ),
    (
        re.compile(r"Type (\S+) doesn't allow value '(.*)'"),
        "rng:bad-value",
        "value {1!r} is not a valid {0}",
    ),
]


def _from_libxml2(log, tree, filename) -> Iterator[Diagnostic]:
    specific = [e for e in log if "failed to validate content" not in e.message]
    for entry in specific or log:
        for rx, found, template in _PATTERNS:
            m = rx.search(entry.message)
            if m:
                code, message = found, template.format(*m.groups())
                break
        else:
            code, message = "rng:invalid", entry.message.rstrip(".")
        yield error(
            code,
            message,
            file=filename,
            line=entry.line or None,
            path=getattr(entry, "path", None) or None,
        )
