"""tei-toolkit convert"""

from __future__ import annotations

import datetime
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import click

from ..diagnostics import ExitCode, Severity, ToolkitError, has_errors
from ..pipeline import ConvertOptions, FileResult, iter_convert, plan
from ..records import LAYOUTS, reader_of, using_layout
from .errors import exit_code_for
from .progress import Bar

# A batch summary fits one screen: this many codes, this many failed records in full.
_MAX_CODES = 12
_MAX_FAILURES = 20


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
@click.option("--title", help="The record's title, instead of the one the reader found.")
@click.option(
    "--date",
    "record_date",
    metavar="YYYY-MM-DD",
    callback=lambda ctx, param, value: _iso_date(value),
    help="The record's date (profileDesc/creation), instead of the one the reader found.",
)
@click.option(
    "--conversion-date",
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
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Worker processes (default: one per core for batches of 32 records or more, "
    "else 1). The output does not depend on it.",
)
@click.option(
    "--cluster",
    metavar="ADDRESS",
    help="Run the batch on Dask: tcp://HOST:8786, or local:N (N local processes). "
    "Inputs and -o may then be fsspec URLs. Needs tei-toolkit[dask].",
)
@click.option(
    "--resume",
    is_flag=True,
    help="Skip records whose output exists and is newer than the record (finish a run "
    "that was interrupted).",
)
@click.option(
    "--layout",
    type=click.Choice(list(LAYOUTS)),
    help="Read the records with this reader instead of the one detected from the text.",
)
@click.option("-q", "--quiet", is_flag=True, help="Only print errors.")
@click.option("-v", "--verbose", is_flag=True, help="List every diagnostic of a batch.")
@click.pass_context
def convert(
    ctx,
    records,
    output,
    title,
    record_date,
    conversion_date,
    register_path,
    no_check,
    jobs,
    cluster,
    resume,
    layout,
    quiet,
    verbose,
):
    """Convert plain-text records to TEI P5.

    RECORDS are .txt files, folders (their *.txt files) or "-" (standard input).

    \b
    tei-toolkit convert record.txt                 # TEI on stdout
    pbpaste | tei-toolkit convert - > record.xml   # "-" reads standard input
    tei-toolkit convert record.txt -o record.xml --title "Letter to Kim" --date 1950-11-29
    tei-toolkit convert corpus/ -o build/tei/ -j 4 # one .xml per record
    tei-toolkit convert corpus/ -o build/tei/ --cluster local:4

    A batch shows a progress bar in a terminal and ends with a one-screen summary:
    records converted and the output folder, the readers used, errors and warnings,
    the diagnostics by code; -v lists them all. Exit codes: 0 ok; 1 some output was
    invalid TEI (not written); 2 bad input or usage; 70 internal error.
    """
    ctx.with_resource(using_layout(layout))  # the reader --layout names, for every record
    options = ConvertOptions(
        date=conversion_date,
        title=title,
        record_date=record_date,
        register_path=str(register_path) if register_path else None,
        check=not no_check,
        debug=(ctx.obj or {}).get("debug", False),
    )
    if cluster:
        from ..scale import runner

        sources, targets = runner.plan_convert(records, output)
    else:
        sources, targets = plan(records, output)
    if len(sources) > 1 and (title is not None or record_date is not None):
        raise ToolkitError("--title and --date describe one record: give one file")
    skipped = 0
    if resume and not cluster:  # on a cluster the workers check their own files
        from ..scale.storage import drop_up_to_date

        sources, targets, skipped = drop_up_to_date(sources, targets)
    if cluster:
        results_iter = runner.convert(sources, targets, options, cluster, echo=_note, resume=resume)
    else:
        results_iter = iter_convert(sources, targets, options, jobs=jobs)
    batch = len(sources) + skipped > 1
    try:
        tally = _collect(results_iter, len(sources), batch and not quiet, verbose, quiet, batch)
    except KeyboardInterrupt:  # click would turn it into "Aborted!", exit 2
        click.echo("tei-toolkit: interrupted; the outputs written so far are complete", err=True)
        raise SystemExit(130) from None
    if batch and not quiet:
        _summary(tally, output, verbose, skipped + tally.skipped)
    _exit(tally)


@dataclass
class _Tally:
    """What the summary and the exit code need; not the results (a batch may be millions)."""

    records: int = 0
    skipped: int = 0
    failed: int = 0
    exit_codes: set = field(default_factory=set)
    counts: Counter = field(default_factory=Counter)  # (severity, code) -> diagnostics
    in_records: Counter = field(default_factory=Counter)  # (severity, code) -> records
    readers: Counter = field(default_factory=Counter)  # reader name -> records
    by_severity: Counter = field(default_factory=Counter)  # severity -> records with one

    def add(self, result: FileResult) -> bool:
        if result.skipped:
            self.skipped += 1
            return False
        self.records += 1
        failing = result.error is not None or has_errors(result.diagnostics)
        self.failed += failing
        if result.error is not None:
            self.exit_codes.add(exit_code_for(result.error))
        keys = [(d.severity, d.code) for d in result.diagnostics]
        self.counts.update(keys)
        self.in_records.update(set(keys))
        self.by_severity.update({d.severity for d in result.diagnostics})
        self.readers[reader_of(result.diagnostics) or "none"] += 1
        return failing

    def total(self, severity: Severity) -> str:
        """ "21 warnings in 15 records" """
        n = sum(count for key, count in self.counts.items() if key[0] is severity)
        records = self.by_severity[severity]
        label = f"{n} {severity}{'s' if n != 1 else ''}"
        return label + (f" in {records} record{'s' if records != 1 else ''}" if n else "")


def _collect(results_iter, total: int, bar_wanted: bool, verbose: bool, quiet: bool, batch: bool):
    """Print per-record lines as results come (all of them for one record or -v)."""
    bar = Bar("converting", total) if bar_wanted and sys.stderr.isatty() else None
    tally = _Tally()
    try:
        for result in results_iter:
            failing = tally.add(result)
            full = verbose or not batch
            if full:
                shown = [d for d in result.diagnostics if not quiet or d.severity is Severity.ERROR]
            elif failing and tally.failed <= _MAX_FAILURES:  # a batch: the first failures in full
                shown = [d for d in result.diagnostics if d.severity is Severity.ERROR]
            else:  # the rest is counted
                shown = []
            for diagnostic in shown:
                _echo(bar, str(diagnostic))
            if result.error is not None and (full or tally.failed <= _MAX_FAILURES):
                _echo(bar, f"tei-toolkit: error: {result.error}")
            if result.xml is not None:
                click.echo(result.xml.decode("utf-8"), nl=False)
            if bar is not None:
                bar.advance()
    finally:
        if bar is not None:
            bar.stop()
    return tally


def _echo(bar, line: str) -> None:
    if bar is not None and bar.started:
        bar.progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
    else:
        click.echo(line, err=True)


def _note(line: str) -> None:
    if sys.stderr.isatty():  # the dashboard link; a log keeps the same lines as a local run
        click.echo(line, err=True)


def _summary(tally: _Tally, output, verbose: bool, skipped: int = 0) -> None:
    where = f" to {output}" if output is not None else ""
    click.echo(
        f"converted {tally.records - tally.failed} of {tally.records} records{where}"
        + (f"; {tally.failed} failed" if tally.failed else "")
        + (f"; {skipped} already up to date (--resume)" if skipped else ""),
        err=True,
    )
    if tally.failed > _MAX_FAILURES and not verbose:
        click.echo(f"  ({tally.failed - _MAX_FAILURES} more failures not shown: -v)", err=True)
    used = sorted(tally.readers.items(), key=lambda kv: (-kv[1], kv[0]))
    if used:
        click.echo("readers: " + ", ".join(f"{name} {n}" for name, n in used), err=True)
    click.echo(f"{tally.total(Severity.ERROR)}; {tally.total(Severity.WARNING)}", err=True)
    if not tally.counts:
        return
    rows = sorted(tally.counts.items(), key=lambda kv: (-kv[0][0], -kv[1], kv[0][1]))
    click.echo("diagnostics by code" + ("" if verbose else " (-v lists them all)") + ":", err=True)
    width = max(len(code) for (_, code), _ in rows[:_MAX_CODES])
    for key, n in rows[:_MAX_CODES]:
        many = tally.in_records[key]
        where_found = f"in {many} record" + ("s" if many != 1 else "")
        click.echo(f"  {n:>7}  {str(key[0]):<7}  {key[1]:<{width}}  {where_found}", err=True)
    if len(rows) > _MAX_CODES:
        rest = sum(n for _, n in rows[_MAX_CODES:])
        click.echo(f"  {rest:>7}  more, of {len(rows) - _MAX_CODES} other codes", err=True)


def _exit(tally: _Tally) -> None:
    if tally.failed:
        bad = tally.exit_codes
        code = (
            ExitCode.INTERNAL
            if ExitCode.INTERNAL in bad
            else ExitCode.USAGE
            if bad == {ExitCode.USAGE}
            else ExitCode.INVALID
        )
        raise SystemExit(int(code))
