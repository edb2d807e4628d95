"""Exporting files: inputs -> outputs, one result per input. The CLI only reports these.

A batch is planned first (every output name, clashes refused before any work), then
each file is one ``export_one`` call: a pure function of the file and the job, so it can
run here, on forked processes (``-j``) or on a Dask cluster (``--cluster``), and the
results come back in input order. Where a worker does not write its own outputs, it
returns them and they are written here, in order: an interrupted run leaves no partial
file, and the output does not depend on where the work ran.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, ToolkitError, error
from ..outputs import Protected, write_atomic
from ..xmlparse import XMLSyntaxProblem, parse
from .page import render_page
from .registry import Options, get
from .site import SiteRecord, write_site

INDEX_NAME = "index.html"

# fn(item, extra) for each item, results in item order (scale.local.map_ordered, or a
# cluster's); the default runs them here, one after the other.
Mapper = Callable[[Callable[[Any, Any], Any], Sequence[Any], Any], Iterable[Any]]


@dataclass
class ExportResult:
    source: Path
    output: Path | None = None  # the file written; None when the export is in ``text``
    text: str | None = None  # the export, when no output file was asked for
    diagnostic: Diagnostic | None = None  # why this input was not exported


@dataclass(frozen=True)
class ExportJob:
    """What every file of a batch is exported with."""

    fmt: str
    with_header: bool = False
    behaviours: dict | None = None
    remote_images: bool = False
    site: bool = False  # a corpus site: each page with its TEI, text and JSON beside it
    inputs: Protected = field(default_factory=Protected)  # the batch's inputs, never written over


@dataclass
class Exported:
    """One file's export: its result, what the site index needs, its outputs."""

    result: ExportResult
    record: SiteRecord | None = None
    notes: list[Diagnostic] = field(default_factory=list)
    files: list[tuple[Path, bytes]] = field(default_factory=list)  # still to be written


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


def _serial(fn: Callable[[Any, Any], Any], items: Sequence[Any], extra: Any) -> Iterator[Any]:
    return (fn(item, extra) for item in items)


def export_files(
    fmt: str,
    inputs,
    output=None,
    *,
    with_header: bool = False,
    index: bool | None = None,
    behaviours=None,
    remote_images: bool = False,
    title: str | None = None,
    mapper: Mapper | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list[ExportResult], list[Diagnostic]]:
    """Export each input; several inputs (or an existing folder as output) go to a folder.

    HTML into a folder with an index (the default for several inputs) is a corpus site
    (site.py): each page also gets its record's TEI, text and JSON beside it.
    ``mapper`` runs the files elsewhere (``-j``, ``--cluster``; a cluster's workers write
    their outputs themselves, scale/tasks.export_chunk). Returns one result per input, and notes about
    the run (parser warnings, the index page). ``progress(done, total)`` after each file.
    """
    results: list[ExportResult] = []
    notes: list[Diagnostic] = []
    job, site, work, taken = plan_export(fmt, inputs, output, index=index)
    job = dataclasses.replace(
        job,
        with_header=with_header,
        behaviours=behaviours,
        remote_images=remote_images,
    )
    records: list[SiteRecord] = []
    done = iter((mapper or _serial)(export_one, [w for w in work if w[2] is None], job))
    for path, target, clash in work:
        item = Exported(ExportResult(path, target, diagnostic=clash)) if clash else next(done)
        for out, data in item.files:
            try:
                write_atomic(out, data, inputs=job.inputs)
            except ToolkitError as exc:
                item.result.diagnostic = error(exc.code, exc.message, file=exc.file or str(out))
                item.record = None
                break
        item.files = []
        results.append(item.result)
        notes += item.notes
        if item.record is not None:
            records.append(item.record)
        if progress is not None:
            progress(len(results), len(work))
    for _ in done:  # none is left: finishing the iterator lets a worker pool end gracefully
        pass
    if site:
        notes += write_site(Path(output), records, title or "Records", job.inputs, taken)
    return results, notes


def plan_export(
    fmt: str, inputs, output, *, index: bool | None = None
) -> tuple[ExportJob, bool, list[tuple[Path, Path | None, Diagnostic | None]], dict]:
    """Every input's output name, decided before any work: (job, site?, [(input, output,
    clash)], output -> input). A second input with an output already taken is a clash."""
    suffix = get(fmt).suffix
    paths = expand(inputs)
    if not paths:
        raise ToolkitError("no TEI files to export (a folder holds none ending in .xml)")
    to_folder = output is not None and (
        len(paths) > 1 or Path(output).is_dir() or str(output).endswith(os.sep)
    )
    if output is None and len(paths) > 1:
        raise ToolkitError("several inputs: give an output folder with -o DIR")
    site = bool(fmt == "html" and to_folder and (index if index is not None else len(paths) > 1))
    work: list[tuple[Path, Path | None, Diagnostic | None]] = []
    taken: dict[Path, Path] = {}
    for path in paths:
        target = Path(output) / (path.stem + suffix) if to_folder else output
        writes = ([target, *_companions(target)] if site else [target]) if target else []
        clash = next((t for t in writes if t in taken), None)
        if clash is not None:
            diagnostic = error(
                "export:name-clash",
                f"{clash} is also the export of {taken[clash]}; rename one of the inputs",
                file=str(path),
            )
            work.append((path, target, diagnostic))
            continue
        taken.update({t: path for t in writes})
        work.append((path, target, None))
    job = ExportJob(fmt, site=site, inputs=Protected(paths))
    return job, site, work, taken


def export_one(item: tuple[Path, Path | None, Any], job: ExportJob) -> Exported:
    """Export one file (``item`` is a planned (input, output, _)); never raises a
    ToolkitError: a file that cannot be exported is a result with its diagnostic."""
    path, target = item[0], item[1]
    done = Exported(ExportResult(path, target))
    try:
        tree = parse(path, notes=done.notes, duplicate_ids=True)
        if job.site and target is not None:
            done.record = _site_record(path, target, tree, job, done.files)
        else:
            data = render(job.fmt, tree, job.with_header, job.behaviours, job.remote_images)
            if target is None:
                done.result.text = data
            else:
                done.files.append((target, data.encode("utf-8")))
    except XMLSyntaxProblem as exc:
        done.result.diagnostic, done.record, done.files = exc.diagnostic, None, []
    except ToolkitError as exc:
        done.result.diagnostic = error(exc.code, exc.message, file=exc.file or str(path))
        done.record, done.files = None, []
    return done


def _companions(target: Path) -> list[Path]:
    """The files a site writes beside a record's page: its TEI, text and JSON."""
    return [target.with_suffix(s) for s in (".xml", ".txt", ".json")]


def _site_record(path: Path, target: Path, tree, job: ExportJob, files: list) -> SiteRecord:
    tei, txt, js = _companions(target)
    links = [("Index", INDEX_NAME), ("TEI source", tei.name), ("Text", txt.name), ("JSON", js.name)]
    page = render_page(
        tree, job.behaviours, remote_images=job.remote_images, site_links=links, context=True
    )
    files.append((target, page.html.encode("utf-8")))
    if not (tei.exists() and tei.resolve() == path.resolve()):
        files.append((tei, path.read_bytes()))
    files.append((txt, render("text", tree, False, job.behaviours).encode("utf-8")))
    files.append((js, render("json", tree, False, job.behaviours).encode("utf-8")))
    return SiteRecord.of(target.name, page, tree.getroot())
