"""Validate files, folders and globs: choose the schema, run the engines, stream Diagnostics.

Schema choice, per document: ``schema`` if given; else the document's
``<?xml-model?>`` processing instruction when it names a local file (or the TEI
release tei_all, which we ship); else the shipped tei_all RELAX NG plus TEI's
Schematron rules. ``engine`` forces one engine (relaxng | schematron | xsd).
"""

from __future__ import annotations

import glob
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic, ToolkitError, error
from . import cache, results
from .outcome import FileOutcome

if TYPE_CHECKING:
    from .corpus import CorpusChecks

ENGINES = ("relaxng", "schematron", "xsd")
_BY_SUFFIX = {".rng": "relaxng", ".rnc": "relaxng", ".xsd": "xsd", ".sch": "schematron"}
_XML_SUFFIXES = (".xml", ".tei")


@dataclass
class Options:
    schema: Path | None = None
    engine: str | None = None
    use_xml_model: bool = True
    xml_model: str = "project"  # policy for schemas a document names (models.py)
    check_ids: bool = False
    check_refs: bool = False
    register: Path | None = None
    run_key: str | None = None  # the result cache's key for this run; None: no cache
    on_file: Callable[[str], None] | None = field(default=None, repr=False)


def expand_paths(paths: Iterable[str]) -> tuple[list[Path], list[Diagnostic]]:
    """Files, folders (recursively: *.xml, *.tei) and globs -> sorted unique files."""
    files: list[Path] = []
    problems: list[Diagnostic] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                f for f in p.rglob("*") if f.suffix.lower() in _XML_SUFFIXES and f.is_file()
            )
            if not found:
                problems.append(
                    error("input:empty-folder", "no .xml files in this folder", file=raw)
                )
            files.extend(found)
        elif p.exists():
            files.append(p)
        elif glob.has_magic(raw):
            hits = sorted(Path(h) for h in glob.glob(raw, recursive=True) if Path(h).is_file())
            if not hits:
                problems.append(error("input:no-match", "the pattern matches no file", file=raw))
            files.extend(hits)
        else:
            problems.append(error("input:not-found", "no such file or folder", file=raw))
    seen, out = set(), []
    real = _Real()
    for f in files:
        key = real(f)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out, problems


def _assemble(outcome: FileOutcome, corpus: CorpusChecks | None, name: str) -> Iterator[Diagnostic]:
    """One file's diagnostics in their fixed order; duplicates need the files before it."""
    if outcome.failure is not None:
        raise outcome.failure
    yield from outcome.diagnostics
    if corpus is not None:
        yield from corpus.duplicates(outcome.ids, name)
        yield from outcome.pointers


def iter_validate(
    paths: Iterable[str | Path],
    *,
    schema: str | Path | None = None,
    engine: str | None = None,
    use_xml_model: bool = True,
    xml_model: str = "project",
    check_ids: bool = False,
    check_refs: bool = False,
    register: str | Path | None = None,
    on_file: Callable[[str], None] | None = None,
    jobs: int | None = None,
    exclude: Iterable[str | Path] = (),
    use_cache: bool = False,
) -> Iterator[Diagnostic]:
    """Diagnostics for every file under ``paths``, file by file, in order.

    Input problems (missing file, empty folder) come first with codes ``input:*``.
    ``on_file`` is called with each file name before its diagnostics (progress bars).
    ``use_cache``: reuse the results of files unchanged since a previous run (results.py).
    ``jobs``: worker processes (None: one per core for batches of ``workers.MIN_FILES``
    files or more, else 1); the output is the same whatever the number.
    """
    if engine is not None and engine not in ENGINES:
        raise ToolkitError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    opts = Options(
        schema=Path(schema) if schema else None,
        engine=engine,
        use_xml_model=use_xml_model,
        xml_model=xml_model,
        check_ids=check_ids,
        check_refs=check_refs,
        register=Path(register) if register else None,
        on_file=on_file,
    )
    if opts.schema is not None and not opts.schema.is_file():
        raise ToolkitError("schema file not found", file=str(opts.schema))
    if use_cache and not cache.cache_disabled():
        opts.run_key = results.run_key(opts)
    files, problems = expand_paths(str(p) for p in paths)
    skip = {Path(p).resolve() for p in exclude}
    real = _Real()
    if skip:
        files = [f for f in files if real(f) not in skip]  # e.g. the run's own report
    yield from problems
    corpus = None
    if check_ids or check_refs:
        from .corpus import CorpusChecks, load_register  # lxml: not for a cached re-run

        reg = load_register(opts.register) if opts.register else set()
        corpus = CorpusChecks(check_ids=check_ids, check_refs=check_refs, register=reg)
    # A re-run reads each unchanged file's outcome here, once; only the rest is checked.
    done = {} if opts.run_key is None else _from_cache(files, opts, real)
    todo = [f for f in files if f not in done]
    checked: Iterator[FileOutcome] = _checked(todo, opts, corpus, jobs) if todo else iter(())
    for f in files:
        outcome = done.get(f) or next(checked)
        if on_file is not None:
            on_file(str(f))
        yield from _assemble(outcome, corpus, str(f))


def _checked(todo: list[Path], opts: Options, corpus, jobs: int | None) -> Iterator[FileOutcome]:
    """The outcomes of checking ``todo``, in its order, in workers or here."""
    # imported here: a re-run whose files are all cached never loads the engines or the
    # worker pool (~20 ms)
    from . import workers
    from .check import _prepare_batch, check_file

    if len(todo) > 1:
        _prepare_batch(todo, opts)
    n_jobs = workers.choose_jobs(jobs, len(todo))
    if n_jobs == 1 and workers.fork_safe() and any(_large(f) for f in todo):
        # One worker process all the same: libxml2 holds the interpreter for seconds on a
        # large file, and a parent that only waits answers Ctrl-C and SIGTERM at once.
        return workers.map_ordered(check_file, todo, opts, corpus, 1)
    if n_jobs > 1:
        return workers.map_ordered(check_file, todo, opts, corpus, n_jobs)
    return (_serial(check_file, f, opts, corpus) for f in todo)


# Above this size a file is checked in a worker process even in a one-job run.
_LARGE = 256 * 1024


def _large(path: Path) -> bool:
    try:
        return path.stat().st_size > _LARGE
    except OSError:
        return False


class _Real:
    """Resolved paths, each folder resolved once (a file that is a link is followed):
    resolving costs a system call per component of the path."""

    def __init__(self):
        self._folders: dict[Path, Path] = {}

    def __call__(self, path: Path) -> Path:
        if path.name in ("", ".", "..") or path.is_symlink():
            return path.resolve()
        folder = self._folders.get(path.parent)
        if folder is None:
            folder = self._folders[path.parent] = path.parent.resolve()
        return folder / path.name


def _from_cache(files: list[Path], opts: Options, real: _Real) -> dict[Path, FileOutcome]:
    """The outcomes the result cache holds for files unchanged since they were stored."""
    assert opts.run_key is not None
    found = {}
    for path in files:
        resolved = real(path)
        digest = results.digest_of(path, resolved)
        if digest is None:
            continue
        key = results.key_for(opts.run_key, path, digest, resolved)
        hit = results.outcome(key, str(path))
        if hit is not None:
            found[path] = hit
    return found


def _serial(check, path: Path, opts: Options, corpus) -> FileOutcome:
    try:
        return check(path, opts, corpus)
    except ToolkitError as exc:
        return FileOutcome(failure=exc)


def validate_paths(paths: Iterable[str | Path], **kwargs) -> list[Diagnostic]:
    """``iter_validate`` as a list."""
    return list(iter_validate(paths, **kwargs))


def count_files(paths: Iterable[str | Path]) -> int:
    return len(expand_paths(str(p) for p in paths)[0])
