"""tei-toolkit export"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import click

from ..diagnostics import ExitCode, Severity, ToolkitError
from ..exporters import export_files
from ..exporters.behaviours import with_behaviours
from ..exporters.files import Mapper
from ..exporters.registry import EXPORTERS, by_suffix, formats
from ..scale import runner
from ..scale.local import choose_jobs, map_ordered
from .progress import Bar


@click.command()
@click.argument("args", metavar="[FORMAT] TEI...", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Output file (one input) or folder (several inputs). Default: stdout.",
)
@click.option(
    "--with-header", is_flag=True, help="text, json: start the text with a short citation block."
)
@click.option(
    "--index/--no-index",
    default=None,
    help="html: also write index.html listing the pages by date "
    "(default: when several files go to a folder).",
)
@click.option(
    "--behaviours",
    "behaviours_file",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="A JSON object: TEI element name -> an HTML tag, [before, after] or null "
    "(leave out); replaces the built-in rendering of those elements (docs/EXPORT.md).",
)
@click.option(
    "--remote-images",
    is_flag=True,
    help="html: show graphic/@url on the web as images (the page then loads them); "
    "default: a link, and only images beside the page are shown.",
)
@click.option("--title", help="html: the corpus site's title (its index page). Default: Records.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Worker processes (default: one per core for batches of 32 files or more, "
    "else 1). The output does not depend on it.",
)
@click.option(
    "--cluster",
    metavar="ADDRESS",
    help="Run the batch on Dask: tcp://HOST:8786, or local:N (N local processes); the "
    "workers write into -o, a folder they share. Needs tei-toolkit[dask].",
)
@click.option("-q", "--quiet", is_flag=True, help="Only print errors.")
def export(
    args, output, with_header, index, behaviours_file, remote_images, title, jobs, cluster, quiet
):
    """Export TEI as an HTML page, a plain reading text, JSON entities or Markdown.

    FORMAT is one of: FORMATS. Without it, the suffix of -o decides, else html.

    \b
    tei-toolkit export text record.xml             # reading text on stdout
    tei-toolkit export html record.xml -o record.html
    tei-toolkit export html build/tei/ -o site/ --title "My letters"   # a corpus site
    tei-toolkit export json record.xml             # entities with offsets into the text
    tei-toolkit export html build/tei/ -o site/ -j 4   # on 4 processes

    Exit codes: 0 ok; 2 bad input or usage (an input that could not be exported: the
    others are); 130 interrupted (the outputs written so far are complete); 70 internal.
    """
    fmt, inputs = _format_and_inputs(args, output)
    behaviours = _read_behaviours(behaviours_file) if behaviours_file else None
    if cluster and output is None:
        raise click.UsageError("--cluster: give the output folder with -o DIR")
    try:
        with ExitStack() as stack:
            mapper = stack.enter_context(_mapper(jobs, cluster, len(inputs)))
            bar = Bar("exporting", None) if not quiet and sys.stderr.isatty() else None
            if bar is not None:
                stack.callback(bar.stop)
            results, notes = export_files(
                fmt,
                inputs,
                output,
                with_header=with_header,
                index=index,
                behaviours=behaviours,
                remote_images=remote_images,
                title=title,
                mapper=mapper,
                progress=bar.update if bar is not None else None,
            )
    except KeyboardInterrupt:  # click would turn it into "Aborted!", exit 2
        click.echo("tei-toolkit: interrupted; the outputs written so far are complete", err=True)
        raise SystemExit(130) from None
    failed = False
    for result in results:
        if result.diagnostic is not None:
            click.echo(str(result.diagnostic), err=True)
            failed = True
        elif result.text is not None:
            click.echo(result.text, nl=False)
    for note in notes:
        if not quiet or note.severity is Severity.ERROR:
            click.echo(str(note), err=True)
    if failed:
        raise SystemExit(int(ExitCode.USAGE))


assert export.help is not None
export.help = export.help.replace(
    "FORMATS", "; ".join(f"{e.name} ({e.suffix}: {e.summary})" for e in EXPORTERS.values())
)


@contextmanager
def _mapper(jobs: int | None, cluster: str | None, n_args: int) -> Iterator[Mapper | None]:
    """Where the files are exported: here (None), on -j processes, or on a cluster."""
    if cluster:
        with runner.export_mapper(cluster, echo=_note) as mapper:
            yield mapper
        return

    def local(fn, items, extra):
        n = choose_jobs(jobs, len(items))
        return map(fn, items, [extra] * len(items)) if n <= 1 else map_ordered(fn, items, extra, n)

    yield local


def _note(line: str) -> None:
    if sys.stderr.isatty():  # the dashboard link, in a terminal only
        click.echo(line, err=True)


def _format_and_inputs(args: tuple[str, ...], output: Path | None) -> tuple[str, list[Path]]:
    if args[0] in formats():
        fmt, inputs = args[0], args[1:]
    else:
        exporter = by_suffix(output.suffix) if output else None
        fmt = exporter.name if exporter else "html"
        inputs = args
    if not inputs:
        raise click.UsageError("no TEI file given")
    return fmt, [Path(a) for a in inputs]


def _read_behaviours(path: Path) -> dict:
    """A behaviour table from JSON: strings and pairs only, so it holds no code."""
    try:
        table = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ToolkitError(
            f"{path}: not a JSON behaviour table ({exc})", code="export:behaviour"
        ) from None
    if not isinstance(table, dict):
        raise ToolkitError(
            f"{path}: a behaviour table is a JSON object (element name -> behaviour)",
            code="export:behaviour",
        )
    with_behaviours({}, table, html=True)  # refuse a bad entry once, before any file
    return table
