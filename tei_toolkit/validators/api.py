"""The validators' library API: one in-memory tree (see the package's docstring)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..diagnostics import Diagnostic, ToolkitError, has_errors
from .check import _schematron, run_engine
from .models import BY_SUFFIX
from .relaxng import iter_relaxng
from .sandbox import Policy


class ValidationError(ToolkitError, ValueError):
    """A tree has validation errors; ``diagnostics`` lists all of them."""

    def __init__(self, diagnostics: list[Diagnostic]):
        errors = [d for d in diagnostics if d.severity >= 2]
        first = errors[0] if errors else None
        super().__init__(
            f"{len(errors)} validation error(s); first: {first}" if first else "invalid",
            code=first.code if first else "invalid",
            file=None,
        )
        self.diagnostics = diagnostics


def iter_errors(
    tree,
    *,
    schema: str | Path | None = None,
    engine: str | None = None,
    filename: str | None = None,
) -> Iterator[Diagnostic]:
    """Every Diagnostic of an lxml tree against ``schema`` (.rng/.xsd/.sch, trusted as the
    user's own) or, by default, the shipped tei_all RELAX NG plus TEI's Schematron rules."""
    path = Path(schema) if schema is not None else None
    if engine is not None:
        engines = [engine]
    elif path is not None:
        engines = [BY_SUFFIX.get(path.suffix.lower(), "relaxng")]
    else:
        engines = ["relaxng", "schematron"]
    for name in engines:
        yield from run_engine(name, tree, filename=filename, schema=path, policy=Policy.user(path))


def validate(tree, **options) -> None:
    """Raise ValidationError (with every diagnostic) if ``iter_errors`` finds an error."""
    found = list(iter_errors(tree, **options))
    if has_errors(found):
        raise ValidationError(found)


def check_tree(tree, *, filename: str | None = None, schematron: bool = True) -> list[Diagnostic]:
    """Validate an in-memory lxml tree against the shipped tei_all RELAX NG.

    The schema is read once per process (from the disk cache after the first run).
    ``schematron=True`` (the default) adds TEI's Schematron rules.
    """
    out = list(iter_relaxng(tree, filename=filename))
    if schematron:
        iter_sch = _schematron()
        if iter_sch is not None:
            out.extend(iter_sch(tree, filename=filename))
    return out


def is_valid(tree, **options) -> bool:
    """True when ``iter_errors`` finds no error (warnings and notes do not count)."""
    return not has_errors(iter_errors(tree, **options))
