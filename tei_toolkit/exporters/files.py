"""Exporting files: inputs -> outputs, one result per input. The CLI only reports these."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic, ToolkitError, error
from ..outputs import write_atomic
from ..xmlparse import XMLSyntaxProblem, parse
from .page import render_page
from .registry import Options, get
from .site import SiteRecord, correspondents, write_site

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
    title: str | None = None,
) -> tuple[list[ExportResult], list[Diagnostic]]:
    """Export each input; several inputs (or an existing folder as output) go to a folder.

    HTML into a folder with an index (the default for several inputs) is a corpus site
    (site.py): each page also gets its record's TEI, text and JSON beside it.
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
    site = fmt == "html" and to_folder and (index if index is not None else len(paths) > 1)
    results: list[ExportResult] = []
    records: list[SiteRecord] = []
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
            if site and target is not None:
                records.append(_site_record(path, target, tree, behaviours, remote_images, paths))
                taken.update({t: path for t in _companions(path, target)})
                taken[target] = path
                continue
            data = render(fmt, tree, with_header, behaviours, remote_images)
            if target is None:
                result.text = data
            else:
                write_atomic(target, data.encode("utf-8"), inputs=paths)
                taken[target] = path
        except XMLSyntaxProblem as exc:
            result.diagnostic = exc.diagnostic
        except ToolkitError as exc:
            result.diagnostic = error(exc.code, exc.message, file=exc.file or str(path))
    if site:
        notes += write_site(Path(output), records, title or "Records", paths, taken)
    return results, notes


def _companions(path: Path, target: Path) -> list[Path]:
    """The files a site writes beside a record's page: its TEI, text and JSON."""
    return [target.with_suffix(s) for s in (".xml", ".txt", ".json")]


def _site_record(path: Path, target: Path, tree, behaviours, remote_images, paths) -> SiteRecord:
    tei, txt, js = _companions(path, target)
    links = [("Index", INDEX_NAME), ("TEI source", tei.name), ("Text", txt.name), ("JSON", js.name)]
    page = render_page(
        tree, behaviours, remote_images=remote_images, site_links=links, context=True
    )
    write_atomic(target, page.html.encode("utf-8"), inputs=paths)
    if not (tei.exists() and tei.resolve() == path.resolve()):
        write_atomic(tei, path.read_bytes(), inputs=paths)
    write_atomic(txt, render("text", tree, False, behaviours).encode("utf-8"), inputs=paths)
    write_atomic(js, render("json", tree, False, behaviours).encode("utf-8"), inputs=paths)
    senders, addressees = correspondents(tree.getroot())
    return SiteRecord(target.name, page, senders, addressees)
