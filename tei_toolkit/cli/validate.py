"""tei-toolkit validate"""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path

import click

from ..diagnostics import ExitCode, Severity
from ..outputs import AtomicText
from ..report import FORMATS, FileResult, Report, printable
from ..validators.batch import ENGINES, expand_paths, iter_validate
from ..validators.cache import DEFAULT_RELEASE, RELEASES, release_schema, schemas_dir
from ..validators.models import POLICIES
from .progress import Bar


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--schema",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Your own schema: .rng, .xsd or .sch (default: the document's "
    "<?xml-model?>, else the shipped tei_all RELAX NG + Schematron).",
)
@click.option(
    "--odd",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Your ODD customization: compiled once (cached by content) to RELAX NG + Schematron.",
)
@click.option(
    "--tei",
    "tei_release",
    type=click.Choice(sorted(RELEASES)),
    help=f"The TEI release whose tei_all to use (default: {DEFAULT_RELEASE}, or the release "
    "a document's <?xml-model?> names).",
)
@click.option("--engine", type=click.Choice(ENGINES), help="Run only this engine.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Output format (junit, sarif, github for CI).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the report to this file instead of stdout.",
)
@click.option("-q", "--quiet", is_flag=True, help="Only errors; no summary, no progress bar.")
@click.option("--no-xml-model", is_flag=True, help="Ignore <?xml-model?> instructions.")
@click.option(
    "--xml-model",
    "xml_model",
    type=click.Choice([p for p in POLICIES if p != "off"]),
    default="project",
    show_default=True,
    help="Schemas a document names: 'project' uses local ones inside its project folder "
    "(sandboxed) and TEI Consortium URLs; 'tei' only TEI Consortium URLs (docs/SECURITY.md).",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Validate every file again, even one unchanged since the last run (the result "
    "cache; TEI_TOOLKIT_CACHE=off does the same).",
)
@click.option("--check-ids", is_flag=True, help="xml:id must be unique across all files.")
@click.option(
    "--check-refs", is_flag=True, help="Every #id in @ref/@corresp/@who/@target must resolve."
)
@click.option(
    "--register",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Register file whose xml:ids pointers may resolve to (with --check-refs).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Worker processes (default: one per core for batches of 32 files or "
    "more, else 1). The output does not depend on it.",
)
@click.option(
    "--cluster",
    metavar="ADDRESS",
    help="Validate on Dask: tcp://HOST:8786 or local:N (needs tei-toolkit[dask]); "
    "the workers must see the files. The report is the same.",
)
def validate(
    paths,
    schema,
    odd,
    tei_release,
    engine,
    fmt,
    output,
    quiet,
    no_xml_model,
    xml_model,
    no_cache,
    check_ids,
    check_refs,
    register,
    jobs,
    cluster=None,
):
    """Validate TEI files, folders (recursively) or globs.

    \b
    tei-toolkit validate letter.xml
    tei-toolkit validate corpus/ --check-ids --check-refs --register people.xml
    tei-toolkit validate 'tei/**/*.xml' --format junit -o report.xml
    tei-toolkit validate tei/ --schema myproject.rng --engine relaxng

    \b
    Exit codes: 0 all files valid; 1 some file invalid (or not well-formed);
    2 usage error, or an input file or folder missing or unreadable.
    """
    files, _ = expand_paths(str(p) for p in paths)
    if output is not None:
        # The report is never one of the files it reports on (nor the register, nor the
        # schema); it is written whole at the end, so an interrupted run keeps the old one.
        # A previous report found in a folder is skipped; a file named on the command
        # line, or any TEI document, is never replaced.
        named = [Path(p) for p in paths if Path(p).is_file()]
        found = [f for f in files if not _same(f, output) or _is_tei(f)]
        protected = [*named, *found, *(p for p in (register, schema) if p is not None)]
        sink = AtomicText(output, inputs=protected)
    # The bar starts on the first file, before any report line (those then pass through
    # its display) and after worker processes are forked (its refresh thread is not).
    pair = _schema_pair(schema, odd, tei_release, engine)
    extra: dict[str, list] = {}
    if pair is not None:  # RELAX NG through the run below, Schematron collected first
        schema = pair[0] if engine != "schematron" else pair[1]
        if engine is None:
            extra = _schematron_pass(paths, pair[1], no_xml_model)
    bar = _progress(len(files)) if fmt == "text" and not quiet and not output else None
    with sink if output is not None else nullcontext(sys.stdout) as stream:
        report = Report(fmt, stream, quiet=quiet)
        bad_input = _run(
            report,
            paths,
            bar,
            schema=schema,
            engine=engine,
            use_xml_model=not no_xml_model,
            xml_model=xml_model,
            check_ids=check_ids,
            check_refs=check_refs,
            register=register,
            jobs=jobs,
            exclude=[output] if output is not None else [],
            use_cache=not no_cache,
            cluster=cluster,
            extra=extra,
        )
        summary = report.finish()
    if bad_input:
        raise SystemExit(int(ExitCode.USAGE))
    raise SystemExit(int(ExitCode.INVALID if summary.invalid else ExitCode.OK))


def _run(report: Report, paths, bar, extra=None, **options) -> bool:
    """Feed the report file by file; True if some input could not be read."""
    current: FileResult | None = None
    bad_input = False
    extra = extra or {}
    source = iter_validate
    if options.get("cluster"):
        from functools import partial

        from ..scale.validate import iter_validate as on_cluster

        source = partial(on_cluster, cluster=options["cluster"])
    options.pop("cluster", None)

    def on_file(name: str) -> None:
        nonlocal current
        if current is not None:
            current.diagnostics.extend(extra.get(current.file, ()))
            report.add(current)
        current = FileResult(name)
        if bar is not None:
            bar.advance()

    try:
        for d in source(paths, on_file=on_file, **options):
            if d.code.startswith("input:"):
                bad_input = True
                click.echo(printable(f"tei-toolkit: error: {d.file}: {d.message}"), err=True)
            elif current is not None:
                if d.severity is Severity.INFO and report.fmt == "text" and report.quiet:
                    continue
                current.diagnostics.append(d)
        if current is not None:
            current.diagnostics.extend(extra.get(current.file, ()))
            report.add(current)
    finally:
        if bar is not None:
            bar.stop()
    return bad_input


def _is_tei(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return b"http://www.tei-c.org/ns/1.0" in head


def _same(a, b) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


def _progress(total: int):
    """A progress bar on stderr, only on a terminal and only for batches."""
    if not sys.stderr.isatty():
        return None
    return Bar("validating", total) if total > 20 else None


# --- --odd / --tei: a compiled pair (.rng, .sch) used as the user's schema ---------------
def _schema_pair(schema, odd, tei_release, engine):
    if odd is not None and (schema is not None or tei_release is not None):
        raise click.UsageError("--odd cannot be combined with --schema or --tei")
    if tei_release is not None and schema is not None:
        raise click.UsageError("--tei cannot be combined with --schema")
    if engine == "xsd" and odd is not None:
        raise click.UsageError("--odd gives RELAX NG and Schematron, not XSD")
    if engine == "xsd" and tei_release is not None:
        xsd = release_schema(tei_release, "xsd")
        if xsd is None:
            raise click.UsageError(f"TEI {tei_release} has no XSD shipped in {schemas_dir()}")
        return xsd, xsd
    if odd is not None:
        from ..odd import schema_for

        return schema_for(odd)
    if tei_release is not None:
        rng, sch = release_schema(tei_release, "rng"), release_schema(tei_release, "sch")
        if rng is None or sch is None:
            raise click.UsageError(f"TEI {tei_release} is not shipped in {schemas_dir()}")
        return rng, sch
    return None


def _schematron_pass(paths, sch: Path, no_xml_model: bool) -> dict[str, list]:
    """The Schematron diagnostics of every file (code input:* left to the main run)."""
    out: dict[str, list] = {}
    current = None

    def on_file(name: str) -> None:
        nonlocal current
        current = out.setdefault(name, [])

    for d in iter_validate(
        paths, schema=sch, engine="schematron", use_xml_model=False, on_file=on_file
    ):
        if current is not None and not d.code.startswith(("input:", "xml:")):
            current.append(d)
    return out
