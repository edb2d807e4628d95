"""A compiled RELAX NG schema: read, simplified, checked (sections 4 and 7)."""

from __future__ import annotations

from .. import cache
from . import store
from .build import Builder
from .derive import Deriver
from .ids import IdTypes
from .names import SchemaError
from .patterns import DATA, ELEMENT, VALUE, Pattern, Patterns, nc_contains, walk
from .restrict import Checker
from .syntax import Loader, Reader, local_loader


class Schema:
    def __init__(self, pats: Patterns, start: Pattern, location: str):
        self.pats = pats
        self.start = start
        self.location = location
        self.deriver = Deriver(pats)
        reachable = list(walk([start]))
        self.elements = [p for p in reachable if p.kind == ELEMENT]
        self.has_qnames = any(
            p.kind in (DATA, VALUE) and p.args[1] in ("QName", "NOTATION") for p in reachable
        )
        self.deriver.has_qnames = self.has_qnames
        self.id_types = IdTypes(reachable)
        self.deriver.id_kinds = self.id_types.kind
        self._contents: dict[tuple[str, str], list[Pattern]] = {}

    def contents_of(self, ns: str, local: str) -> list[Pattern]:
        """The content patterns of every element pattern that allows this name."""
        key = (ns, local)
        hit = self._contents.get(key)
        if hit is None:
            hit = [
                p.args[2].content
                for p in self.elements
                if p.args[2].content is not None and nc_contains(p.args[0], ns, local)
            ]
            if len(self._contents) > 10_000:
                self._contents.clear()
            self._contents[key] = hit
        return hit


def load_cached(location: str) -> Schema:
    """``load`` for a local schema file, through the disk cache (JSON, see store)."""
    try:
        key = f"{cache.file_sha256(location)}-v{cache.CACHE_VERSION}-f{store.FORMAT}.json"
    except OSError:
        return load(location)
    hit = cache.read("rngc", key)
    if hit is not None:
        found = store.load(hit, _fresh)
        if found is not None:
            return Schema(found[0], found[1], location)
    reader_files: list[str] = []
    schema = load(location, files=reader_files)
    try:
        files = {f: cache.file_sha256(f) for f in reader_files}
    except OSError:
        return schema
    cache.write("rngc", key, store.dump(schema.pats, schema.start, files))
    return schema


def _fresh(files: dict) -> bool:
    try:
        return bool(files) and all(cache.file_sha256(f) == h for f, h in files.items())
    except OSError:
        return False


def load(location: str, loader: Loader = local_loader, files: list | None = None) -> Schema:
    """Read and check the schema at ``location``; SchemaError lists every problem found."""
    reader = Reader(loader)
    root = reader.read(location)
    if files is not None:
        files.extend(reader.files)
    if root is None or reader.problems:
        raise SchemaError(reader.problems or [("cannot read the schema", (location, 0, 0))])
    builder = Builder()
    start = builder.build(root)
    if builder.problems:
        raise SchemaError(builder.problems)
    problems = Checker(builder.where, root.where).check(start)
    if problems:
        raise SchemaError(problems)
    return Schema(builder.pats, start, location)
