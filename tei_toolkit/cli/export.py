"""tei-toolkit export"""

from __future__ import annotations

from pathlib import Path

import click

from ..diagnostics import ExitCode, Severity

FORMATS = ("html", "text", "json")
SUFFIX_FORMATS = {".html": "html", ".htm": "html", ".txt": "text", ".json": "json"}


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
@click.option("-q", "--quiet", is_flag=True, help="Only print errors.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Worker processes (default: one per core for 32 files or more). Same output.",
)
@click.option(
    "--cluster",
    metavar="ADDRESS",
    help="Render on Dask: tcp://HOST:8786 or local:N (needs tei-toolkit[dask]).",
)
def export(args, output, with_header, index, quiet, jobs, cluster):
    """Export TEI as an HTML page, a plain reading text, or JSON entities.

    FORMAT is html, text or json; without it, the suffix of -o decides (.html, .txt,
    .json), else html.

    \b
    tei-toolkit export text record.xml             # reading text on stdout
    tei-toolkit export html record.xml -o record.html
    tei-toolkit export html build/tei/ -o site/    # a page per record + index.html
    tei-toolkit export json record.xml             # entities with offsets into the text
    """
    fmt, inputs = _format_and_inputs(args, output)
    from ..scale.export import export_files as export_spread

    results, notes = export_spread(
        fmt, inputs, output, with_header=with_header, index=index, jobs=jobs, cluster=cluster
    )
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


def _format_and_inputs(args: tuple[str, ...], output: Path | None) -> tuple[str, list[Path]]:
    if args[0] in FORMATS:
        fmt, inputs = args[0], args[1:]
    else:
        fmt = SUFFIX_FORMATS.get(output.suffix.lower(), "html") if output else "html"
        inputs = args
    if not inputs:
        raise click.UsageError("no TEI file given")
    return fmt, [Path(a) for a in inputs]
