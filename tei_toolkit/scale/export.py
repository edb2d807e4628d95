"""export on several processes or a Dask cluster: exporters.files.export_files, the
rendering spread out, the same results, notes and files in the same order.

Each file is rendered by the exporters' own ``parse`` + ``render``; the index page,
which needs every record, is made here from the headers the workers send back
(a copy of each TEI header: small, and all that the index reads).
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, ExitCode, ToolkitError, error
from ..exporters import files
from ..tei import XMLSyntaxProblem, etree, parse, parse_bytes, write_atomic
from . import local, storage


def _header_only(tree) -> bytes:
    """The root, its teiHeader and an empty <text> with its attributes (its language)."""
    root = tree.getroot()
    shell = etree.Element(root.tag, attrib=dict(root.attrib), nsmap=root.nsmap)
    for child in root:
        if not isinstance(child.tag, str):
            continue
        name = etree.QName(child).localname
        if name == "teiHeader":
            shell.append(copy.deepcopy(child))
        elif name == "text":
            shell.append(etree.Element(child.tag, attrib=dict(child.attrib)))
    return etree.tostring(shell)


def export_one(
    item: tuple[str, str | None], settings: tuple[str, bool, bool]
) -> tuple[files.ExportResult, list[Diagnostic], bytes | None]:
    """One file: (result, parser notes, header for the index). ``write_here``: write the
    output on this worker (a cluster), else keep it in the result (the parent writes)."""
    fmt, with_header, write_here = settings
    source, target = item
    result = files.ExportResult(Path(source), Path(target) if target else None)
    notes: list[Diagnostic] = []
    header = None
    try:
        tree = parse(source, notes=notes)
        data = files.render(fmt, tree, with_header)
        if target is not None and write_here:
            storage.write(target, data.encode("utf-8"), inputs=(source,))
        else:
            result.text = data
        header = _header_only(tree)
    except XMLSyntaxProblem as exc:
        result.diagnostic = exc.diagnostic
    except ToolkitError as exc:
        result.diagnostic = error(exc.code, exc.message, file=exc.file or source)
    except Exception as exc:  # a bug: this file fails, the others go on
        result.diagnostic = error(
            "internal",
            f"internal error: {type(exc).__name__}: {exc} (rerun with -j 1 --debug for a traceback)",
            file=source,
        )
    return result, notes, header


def export_chunk(items: list, settings: tuple[str, bool, bool]) -> list:
    return [export_one(item, settings) for item in items]


def export_files(
    fmt: str,
    inputs,
    output=None,
    *,
    with_header: bool = False,
    index: bool | None = None,
    jobs: int | None = None,
    cluster: str | None = None,
) -> tuple[list[files.ExportResult], list[Diagnostic]]:
    """exporters.files.export_files with ``jobs`` processes or on ``cluster``."""
    paths = files.expand(inputs) if fmt in files.SUFFIXES else []
    if cluster is None and local.choose_jobs(jobs, len(paths)) <= 1:
        return files.export_files(fmt, inputs, output, with_header=with_header, index=index)
    if fmt not in files.SUFFIXES:
        raise ToolkitError(f"unknown export format {fmt!r}; use html, text or json")
    if not paths:
        raise ToolkitError("no TEI files to export (a folder holds none ending in .xml)")
    targets = [Path(output) / (p.stem + files.SUFFIXES[fmt]) for p in paths]
    if len(set(targets)) != len(targets) or output is None:
        # a name clash is decided file by file as they succeed: the plain batch decides
        return files.export_files(fmt, inputs, output, with_header=with_header, index=index)
    items = [(str(p), str(t)) for p, t in zip(paths, targets)]
    results: list[files.ExportResult] = []
    notes: list[Diagnostic] = []
    trees = []
    for (source, target), (result, found, header) in zip(
        items, _run(items, (fmt, with_header, cluster is not None), jobs, cluster)
    ):
        notes += found
        if result.diagnostic is None and result.text is not None:
            try:
                write_atomic(target, result.text.encode("utf-8"), inputs=paths)
                result.text = None
            except ToolkitError as exc:
                result.text = None
                result.diagnostic = error(exc.code, exc.message, file=exc.file or source)
        results.append(result)
        if result.diagnostic is None and header is not None:
            trees.append((Path(target).name, parse_bytes(header, target)))
    bug = next(
        (r.diagnostic for r in results if r.diagnostic and r.diagnostic.code == "internal"), None
    )
    if bug is not None:  # as in the plain batch, where the exception ends the run: exit 70
        raise ToolkitError(bug.message, code="internal", exit_code=ExitCode.INTERNAL, file=bug.file)
    taken = {Path(t): Path(s) for (s, t), r in zip(items, results) if r.diagnostic is None}
    if fmt == "html" and (index if index is not None else len(paths) > 1):
        notes += files._write_index(Path(output), trees, taken, paths)
    return results, notes


def _run(items: list, settings: tuple, jobs: int | None, cluster: str | None) -> Iterator[Any]:
    if cluster is not None:
        from . import runner

        with runner.connect(cluster) as client:
            yield from runner.map_ordered(client, export_chunk, items, settings)
        storage.sweep_temporaries([t for _, t in items])
        return
    n = local.choose_jobs(jobs, len(items))
    yield from local.map_ordered(functools.partial(_one, settings=settings), items, None, n)


def _one(item, _extra, *, settings):
    return export_one(item, settings)
