"""The main job over files: read, convert, check, write atomically. Library-level, no click.

``convert_file`` is the unit of work: one record in, one ``FileResult`` out. The local
batch (``iter_convert``, optionally on several processes) and the Dask runner
(``tei_toolkit.scale``) both call it, so a record converts the same wherever it runs.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .convert import convert_text
from .diagnostics import Diagnostic, ExitCode, ToolkitError, has_errors
from .outputs import Protected, write_atomic
from .records import decode_and_clean, read_text
from .tei import serialize

RECORD_SUFFIX = ".txt"  # what a folder given as input stands for
_XML_START = re.compile(r"\s*(<\?xml[\s?]|<!DOCTYPE\s|<TEI[\s>/]|<teiCorpus[\s>/])")


@dataclass
class FileResult:
    source: Path | str  # str: a URL, or a path as a Dask worker was given it
    target: Path | str | None = None
    xml: bytes | None = None  # set when the output goes to stdout
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: ToolkitError | None = None
    skipped: bool = False  # --resume: the output was already up to date

    def __reduce__(self):  # ToolkitError's keyword fields do not survive plain pickling
        state = (self.source, self.target, self.xml, self.diagnostics, _freeze(self.error))
        return (_rebuild, (*state, self.skipped))


class RemoteError(ToolkitError):
    """A ToolkitError that crossed a process boundary: same fields, same text."""

    def __init__(
        self,
        text: str,
        message: str,
        code: str,
        exit_code: int | None,
        file: str | None,
        kind: str = "ToolkitError",
    ):
        super().__init__(
            message,
            code=code,
            exit_code=None if exit_code is None else ExitCode(exit_code),
            file=file,
        )
        self.text = text
        self.kind = kind  # the original class's name: cli.errors maps it to an exit code

    def __str__(self) -> str:
        return self.text

    def __reduce__(self):
        return (RemoteError, _freeze(self))


def _freeze(exc: ToolkitError | None):
    if exc is None:
        return None
    code = None if exc.exit_code is None else int(exc.exit_code)
    kind = getattr(exc, "kind", type(exc).__name__)
    return (str(exc), exc.message, exc.code, code, exc.file, kind)


def _rebuild(source, target, xml, diagnostics, error, skipped=False) -> FileResult:
    failure = RemoteError(*error) if error else None
    return FileResult(source, target, xml, diagnostics, failure, skipped)


@dataclass(frozen=True)
class ConvertOptions:
    """What every record of a batch is converted with (picklable: sent to workers)."""

    date: str | None = None  # the conversion date (revisionDesc); None: SOURCE_DATE_EPOCH/today
    title: str | None = None  # overrides the title the reader found
    record_date: str | None = None  # overrides the record's own date
    register_path: str | None = None
    check: bool = True
    debug: bool = False


def fix_date(options: ConvertOptions) -> ConvertOptions:
    """One conversion date for the whole batch, taken here: not from each worker's clock
    or environment (a batch that runs past midnight, a worker without SOURCE_DATE_EPOCH)."""
    from .convert import conversion_date

    return dataclasses.replace(options, date=conversion_date(options.date))


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


def _register(path: str | None):
    """One register per process (a worker converts many records with it), reloaded
    when its file changes."""
    stamp = None
    if path:
        try:
            st = Path(path).stat()
            stamp = (st.st_mtime_ns, st.st_size)
        except OSError:
            stamp = None
    return _cached_register(path, stamp)


@functools.lru_cache(maxsize=4)
def _cached_register(path: str | None, stamp):
    return load_register(Path(path) if path else None)


def expand_sources(inputs: Iterable) -> list[Path]:
    """Files as given ("-" is standard input); a folder stands for its *.txt files and
    those of its subfolders (as ``validate`` takes a folder's XML), sorted."""
    sources: list[Path] = []
    for item in inputs:
        path = Path(item)
        if str(item) != "-" and path.is_dir():
            found = sorted(p for p in path.rglob(f"*{RECORD_SUFFIX}") if p.is_file())
            if not found:
                raise ToolkitError(
                    f"no {RECORD_SUFFIX} records in this folder",
                    code="input:empty-folder",
                    file=str(path),
                )
            sources += found
        else:
            sources.append(path)
    return sources


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
        targets: list[Path | None] = [output / (s.stem + ".xml") for s in sources]
        seen: dict[Path | None, Path] = {}
        for source, target in zip(sources, targets):
            if target in seen:
                raise ToolkitError(f"{seen[target]} and {source} would both be written to {target}")
            seen[target] = source
        return targets
    return [output]


def refuse_xml(data: bytes | str, name: str, suffix: str = "") -> None:
    """TEI given to convert would be wrapped as text: say what to do instead."""
    head = data[:512] if isinstance(data, str) else data[:512].decode("utf-8", "replace")
    head = head.lstrip("\ufeff \t\r\n")
    named_xml = suffix.lower() in (".xml", ".tei") and head.startswith("<")
    if named_xml or _XML_START.match(head):
        raise ToolkitError(
            "this is already XML: use `tei-toolkit validate` or `tei-toolkit export` on it "
            "(convert reads plain-text records)",
            code="input:is-xml",
            file=name,
        )


def _read_source(source: Path) -> tuple[str, list[Diagnostic]]:
    """A record file, or standard input for "-" (as pandoc does)."""
    if str(source) == "-":
        data = sys.stdin.buffer.read()
        refuse_xml(data, "<stdin>")
        return decode_and_clean(data, "<stdin>")
    text, notes = read_text(source)
    refuse_xml(text, str(source), source.suffix)
    return text, notes


def convert_file(
    source,
    target,
    options: ConvertOptions,
    *,
    read: Callable[[Any], tuple[str, list[Diagnostic]]] | None = None,
    write: Callable[[Any, bytes], None] | None = None,
    inputs: Protected | tuple = (),
) -> FileResult:
    """Convert one record. ``target`` None: the TEI is kept in the result (stdout).

    ``read``/``write`` replace local files (the Dask runner passes fsspec ones);
    ``write`` None with a target writes atomically here, refusing to overwrite ``inputs``.
    One bad file never raises: its error is in the result (a bug too, unless ``debug``).
    """
    result = FileResult(source, target)
    try:
        text, notes = (read or _read_source)(source)
        result.diagnostics += notes
        name = "<stdin>" if str(source) == "-" else str(source)
        conversion = convert_text(
            text,
            name,
            date=options.date,
            register=_register(options.register_path),
            check=options.check,
            **_overrides(options),
        )
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
            elif write is not None:
                write(target, data)
            else:
                write_atomic(target, data, inputs=inputs or (source,))
    except ToolkitError as exc:
        result.error = exc
    except Exception as exc:  # a bug: report it, go on with the other files
        if options.debug:
            raise
        result.error = internal_error(exc, source)
    return result


def internal_error(exc: Exception, source) -> ToolkitError:
    """A bug met on one file, as that file's error (the batch goes on)."""
    return ToolkitError(
        f"internal error: {type(exc).__name__}: {exc} (rerun with --debug for a traceback)",
        code="internal",
        exit_code=ExitCode.INTERNAL,
        file=str(source),
    )


def _overrides(options: ConvertOptions) -> dict:
    # Only passed when given, so a convert_text without them (tests replace it) still works.
    out = {}
    if options.title is not None:
        out["title"] = options.title
    if options.record_date is not None:
        out["record_date"] = options.record_date
    return out


def plan(inputs: Iterable, output) -> tuple[list[Path], list[Path | None]]:
    """Sources (folders expanded) and their targets; a usage problem is a ToolkitError."""
    sources = expand_sources(inputs)
    targets = plan_outputs(sources, Path(output) if output is not None else None)
    return sources, targets


def iter_convert(
    sources: list[Path],
    targets: list[Path | None],
    options: ConvertOptions,
    *,
    jobs: int | None = 1,
) -> Iterator[FileResult]:
    """Results in input order; ``jobs`` > 1 converts on forked processes (outputs are
    written here, in order, so an interrupted run leaves no partial file)."""
    from .scale.local import choose_jobs, map_ordered

    options = fix_date(options)
    n_jobs = choose_jobs(jobs, len(sources))
    protected = Protected(sources)
    if n_jobs <= 1 or options.debug:
        for source, target in zip(sources, targets):
            yield convert_file(source, target, options, inputs=protected)
        return
    pairs = list(zip(sources, targets))
    for (_source, target), result in zip(
        pairs, map_ordered(_convert_in_memory, pairs, options, n_jobs)
    ):
        if result.error is None and target is not None and result.xml is not None:
            try:
                write_atomic(target, result.xml, inputs=protected)
                result.xml = None
            except ToolkitError as exc:
                result.xml, result.error = None, exc
        yield result


def _convert_in_memory(pair: tuple[Path, Path | None], options: ConvertOptions) -> FileResult:
    source, target = pair
    result = convert_file(source, None, options)
    result.target = target
    return result


def convert_files(
    sources,
    output: Path | None,
    *,
    date: str | None = None,
    register_path: Path | None = None,
    check: bool = True,
    debug: bool = False,
    title: str | None = None,
    record_date: str | None = None,
    jobs: int | None = 1,
) -> list[FileResult]:
    """Convert each source; one bad file does not stop the others, not even one that
    trips a bug (reported as an internal error unless ``debug``, which re-raises)."""
    found, targets = plan(sources, output)
    options = ConvertOptions(
        date=date,
        title=title,
        record_date=record_date,
        register_path=str(register_path) if register_path else None,
        check=check,
        debug=debug,
    )
    return list(iter_convert(found, targets, options, jobs=jobs))
