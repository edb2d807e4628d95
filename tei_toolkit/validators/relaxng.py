"""RELAX NG validation with our own engine (validators/rng): every error, as jing reports.

The derivative engine (rng.validate) gives the verdict and every error, with jing's
recovery, in time linear in the document (docs/VALIDATE.md, "How RELAX NG is fast").
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

from ..diagnostics import Diagnostic, SchemaError
from . import cache
from .rng.schema import Schema as _Engine
from .rng.schema import load_cached as _load_engine
from .rng.validate import validate_tree

_LOCK = threading.Lock()


class RelaxNGSchema:
    """One RELAX NG schema file, read, simplified and checked once (lazily)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            self.sha256 = cache.file_sha256(self.path)
        except OSError as exc:
            raise SchemaError(f"cannot read schema {self.path}: {exc.strerror}") from None
        self._engine: _Engine | None = None

    @property
    def engine(self) -> _Engine:
        """The schema read, simplified and checked as the specification requires."""
        if self._engine is None:
            with _LOCK:
                if self._engine is None:
                    self._engine = _load_engine(str(self.path))
        return self._engine

    def prepare(self) -> None:
        """Before a batch: read and check the schema once (forked workers inherit it)."""
        self.engine  # noqa: B018 (loads it)

    def iter_errors(
        self, tree, *, filename: str | None = None, source: bytes | None = None
    ) -> Iterator[Diagnostic]:
        """Every RELAX NG error in ``tree``, in document order (nothing if valid)."""
        yield from validate_tree(self.engine, tree, filename, source)


_SCHEMAS: dict[tuple[str, str], RelaxNGSchema] = {}


def schema(path: str | Path | None = None) -> RelaxNGSchema:
    """The (cached) RelaxNGSchema for ``path``; default: the shipped tei_all.rng."""
    path = Path(path) if path is not None else cache.default_schema("rng")
    key = cache.resolved(str(path))
    try:
        sha = cache.file_sha256(path)
    except OSError as exc:
        raise SchemaError(f"cannot read schema {path}: {exc.strerror}") from None
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
