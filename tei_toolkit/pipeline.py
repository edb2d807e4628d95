"""The main job over files: read, convert, check, write atomically. Library-level, no click."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from .convert import convert_text
from .diagnostics import Diagnostic, ExitCode, ToolkitError, has_errors
from .records import decode_and_clean, read_text
from .tei import serialize, write_atomic


@dataclass
class FileResult:
    source: Path
    target: Path | None = None
    xml: bytes | None = None  # set when the output goes to stdout
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: ToolkitError | None = None


def load_register(path: Path | None):
    """The register given with --register, else the shipped default (None if unavailable)."""
    try:
        from . import register
    except ImportError:
        return None
    if path is not None:
        return register.Register.load(path)
    default = getattr(register, "default_register", None)
    return default() if default else None


def plan_outputs(sources: list[Path], output: Path | None) -> list[Path | None]:
    """Where each record goes: stdout (None), the -o file, or -o DIR/<stem>.xml."""
    to_dir = output is not None and (
        output.is_dir() or len(sources) > 1 or str(output).endswith(("/", "\\"))
    )
    if output is None:
        if len(sources) > 1:
            raise ToolkitError("several records need an output folder: -o DIR")
        return [None]
    if to_dir:
        if output.exists() and not output.is_dir():
            raise ToolkitError(
                "several records need an output folder, and this is a file", file=str(output)
            )
        targets = [output / (s.stem + ".xml") for s in sources]
        seen: dict[Path, Path] = {}
        for source, target in zip(sources, targets):
            if target in seen:
                raise ToolkitError(f"{seen[target]} and {source} would both be written to {target}")
            seen[target] = source
        return targets
    return [output]


def _read_source(source: Path) -> tuple[str, list[Diagnostic]]:
    """A record file, or standard input for "-" (as pandoc does)."""
    if str(source) == "-":
        return decode_and_clean(sys.stdin.buffer.read(), "<stdin>")
    return read_text(source)


def convert_files(
    sources,
    output: Path | None,
    *,
    date: str | None = None,
    register_path: Path | None = None,
    check: bool = True,
    debug: bool = False,
) -> list[FileResult]:
    """Convert each source; one bad file does not stop the others, not even one that
    trips a bug (reported as an internal error unless ``debug``, which re-raises)."""
    sources = [Path(s) for s in sources]
    targets = plan_outputs(sources, Path(output) if output is not None else None)
    register = load_register(Path(register_path) if register_path else None)
    results = []
    for source, target in zip(sources, targets):
        result = FileResult(source, target)
        try:
            text, notes = _read_source(source)
            result.diagnostics += notes
            name = "<stdin>" if str(source) == "-" else str(source)
            conversion = convert_text(text, name, date=date, register=register, check=check)
            result.diagnostics += conversion.diagnostics
            if has_errors(conversion.diagnostics):
                result.error = ToolkitError(
                    "the converter produced invalid TEI (see the errors above); nothing written",
                    code="convert:invalid-output",
                    exit_code=ExitCode.INVALID,
                    file=str(source),
                )
            else:
                data = serialize(conversion.tree)
                if target is None:
                    result.xml = data
                else:
                    write_atomic(
                        target, data, inputs=[*sources, *([register_path] if register_path else [])]
                    )
        except ToolkitError as exc:
            result.error = exc
        except Exception as exc:  # a bug: report it, go on with the other files
            if debug:
                raise
            result.error = ToolkitError(
                f"internal error: {type(exc).__name__}: {exc} (rerun with --debug for a traceback)",
                code="internal",
                exit_code=ExitCode.INTERNAL,
                file=str(source),
            )
        results.append(result)
    return results
