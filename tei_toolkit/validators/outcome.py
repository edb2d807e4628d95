"""What checking one file gives, shared by the local batch, its workers and Dask tasks."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostics import Diagnostic, ToolkitError


@dataclass
class FileOutcome:
    """What one file gives: its diagnostics, and the corpus checks' raw material."""

    diagnostics: list[Diagnostic] = field(default_factory=list)  # syntax, notes, engines
    ids: list[tuple[str, int | None]] = field(default_factory=list)  # for duplicates
    pointers: list[Diagnostic] = field(default_factory=list)  # corpus:unresolved-ref
    failure: ToolkitError | None = None  # a fatal error, raised when its turn comes
