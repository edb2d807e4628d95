"""tei-toolkit convert"""

from __future__ import annotations

import datetime
from pathlib import Path

import click

from ..diagnostics import ExitCode, Severity, has_errors
from ..pipeline import convert_files
from ..records import LAYOUTS, using_layout
from .errors import exit_code_for


def _iso_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date of the form YYYY-MM-DD") from None


@click.command()
@click.argument("records", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Output file (one record) or folder (several records). Default: stdout.",
)
@click.option(
    "--date",
    metavar="YYYY-MM-DD",
    callback=lambda ctx, param, value: _iso_date(value),
    help="Date of the revisionDesc change (default: SOURCE_DATE_EPOCH or today).",
)
@click.option(
    "--register",
    "register_path",
    type=click.Path(path_type=Path),
    help="Register of people, places, organisations (TSV or TEI).",
)
@click.option("--no-check", is_flag=True, help="Do not validate the output against tei_all.")
@click.option(
    "--layout",
    type=click.Choice(list(LAYOUTS)),
    help="Read the records with this reader instead of the one detected from the text.",
)
@click.option("-q", "--quiet", is_flag=True, help="Only print errors.")
@click.pass_context
def convert(ctx, records, output, date, register_path, no_check, quiet, layout):
    """Convert plain-text records to TEI P5.

    \b
    tei-toolkit convert record.txt                 # TEI on stdout
    pbpaste | tei-toolkit convert - > record.xml   # "-" reads standard input
    tei-toolkit convert record.txt -o record.xml
    tei-toolkit convert corpus/*.txt -o build/tei/ # one .xml per record
    """
    ctx.with_resource(using_layout(layout))  # the reader --layout names, for every record
    results = convert_files(
        records,
        output,
        date=date,
        register_path=register_path,
        check=not no_check,
        debug=(ctx.obj or {}).get("debug", False),
    )
    failed = False
    for result in results:
        shown = [d for d in result.diagnostics if not quiet or d.severity is Severity.ERROR]
        for diagnostic in shown:
            click.echo(str(diagnostic), err=True)
        if result.error is not None:
            click.echo(f"tei-toolkit: error: {result.error}", err=True)
            failed = True
        if has_errors(result.diagnostics):
            failed = True
        if result.xml is not None:
            click.echo(result.xml.decode("utf-8"), nl=False)
    if failed:
        bad = {exit_code_for(r.error) for r in results if r.error is not None}
        code = (
            ExitCode.INTERNAL
            if ExitCode.INTERNAL in bad
            else ExitCode.USAGE
            if bad == {ExitCode.USAGE}
            else ExitCode.INVALID
        )
        raise SystemExit(int(code))
