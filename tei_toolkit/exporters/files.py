"""Exporting files: inputs -> outputs, one result per input. The CLI only reports these."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic, ToolkitError, error, warning
from ..tei import XMLSyntaxProblem, parse, write_atomic
from .page import export_index
from .registry import Options, get

INDEX_NAME = "index.html"


@dataclass
class ExportResult:
    source: Path
    output: Path | None = None  # the file written; None when the export is in ``text``
    text: str | None = None  # the export, when no output file was asked for
    diagnostic: Diagnostic | None = None  # why this input was not exported


def render(
    fmt: str, tree, with_header: bool = False, behaviours=None, remote_images: bool = False
) -> str:
    """The export of one TEI tree in format ``fmt`` (a name in the registry)."""
    options = Options(with_header, behaviours, remote_images)
    return get(fmt).render(tree, options)


def expand(inputs) -> list[Path]:
    """Files as given; a folder stands for the .xml files in it."""
    paths: list[Path] = []
    for item in map(Path, inputs):
        if item.is_dir():
            paths += sorted(p for p in item.iterdir() if p.suffix == ".xml" and p.is_file())
        else:
            paths.append(item)
    return paths


def export_files(
    fmt: str,
    inputs,
    output=None,
    *,
    with_header: bool = False,
    index: bool | None = None,
    behaviours=None,
    remote_images: bool = False,
) -> tuple[list[ExportResult], list[Diagnostic]]:
    """Export each input; several inputs (or an existing folder as output) go to a folder.

    Returns one result per input, and notes about the run (the index page).
    """
    suffix = get(fmt).suffix
    paths = expand(inputs)
    if not paths:
        raise ToolkitError("no TEI files to export (a folder holds none ending in .xml)")
    to_folder = output is not None and (
        len(paths) > 1 or Path(output).is_dir() or str(output).endswith(os.sep)
    )
    if output is None and len(paths) > 1:
        raise ToolkitError("several inputs: give an output folder with -o DIR")
    results: list[ExportResult] = []
    trees: list = []
    taken: dict[Path, Path] = {}
    notes: list[Diagnostic] = []  # parser warnings (a DTD or xi:include left alone...)
    for path in paths:
        target = Path(output) / (path.stem + suffix) if to_folder else output
        result = ExportResult(path, target)
        results.append(result)
        if target is not None and target in taken:
            result.diagnostic = error(
                "export:name-clash",
                f"{target} is also the export of {taken[target]}; rename one of the inputs",
                file=str(path),
            )
            continue
        try:
            tree = parse(path, notes=notes, duplicate_ids=True)
            data = render(fmt, tree, with_header, behaviours, remote_images)
            if target is None:
                result.text = data
            else:
                write_atomic(target, data.encode("utf-8"), inputs=paths)
                taken[target] = path
                trees.append((target.name, tree))
        except XMLSyntaxProblem as exc:
            result.diagnostic = exc.diagnostic
        except ToolkitError as exc:
            result.diagnostic = error(exc.code, exc.message, file=exc.file or str(path))
    if fmt == "html" and to_folder and (index if index is not None else len(paths) > 1):
        notes += _write_index(Path(output), trees, taken, paths)
    return results, notes


def _write_index(folder: Path, trees, taken, paths) -> list[Diagnostic]:
    target = folder / INDEX_NAME
    if target in taken:
        return [
            warning(
                "export:index-skipped",
                f"not writing {target}: a record's page has that name",
                file=str(taken[target]),
            )
        ]
    write_atomic(target, export_index(trees).encode("utf-8"), inputs=paths)
    return []
