"""validate on a Dask cluster: validators.batch.iter_validate with the per-file work
(check_file: parse, schema plan, engines) done by the workers.

The corpus checks that need the files before (duplicate ids) are done here, in input
order, exactly as the local batch does them (batch._assemble), so the report is the
same, byte for byte. Workers read the files by path: a folder they all see (a shared
file system), as on a SLURM cluster.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..diagnostics import Diagnostic, ToolkitError
from ..validators import batch, cache, results
from ..validators.corpus import CorpusChecks, load_register
from . import runner, tasks


def iter_validate(
    paths: Iterable[str | Path],
    *,
    cluster: str,
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
    """The Diagnostics of batch.iter_validate, in the same order (``jobs`` is ignored)."""
    if engine is not None and engine not in batch.ENGINES:
        raise ToolkitError(f"unknown engine {engine!r}; choose one of {', '.join(batch.ENGINES)}")
    opts = batch.Options(
        schema=Path(schema) if schema else None,
        engine=engine,
        use_xml_model=use_xml_model,
        xml_model=xml_model,
        check_ids=check_ids,
        check_refs=check_refs,
        register=Path(register) if register else None,
    )
    if opts.schema is not None and not opts.schema.is_file():
        raise ToolkitError("schema file not found", file=str(opts.schema))
    files, problems = batch.expand_paths(str(p) for p in paths)
    skip = {Path(p).resolve() for p in exclude}
    files = [f for f in files if f.resolve() not in skip]  # e.g. the run's own report
    if use_cache and not cache.cache_disabled():
        opts.run_key = results.run_key(opts)
    yield from problems
    corpus = None
    if check_ids or check_refs:
        reg = load_register(opts.register) if opts.register else set()
        corpus = CorpusChecks(check_ids=check_ids, check_refs=check_refs, register=reg)
    if not files:
        return
    with runner.connect(cluster) as client:
        outcomes = runner.map_ordered(
            client, tasks.validate_chunk, [str(f) for f in files], opts, corpus
        )
        for f, outcome in zip(files, outcomes):
            if on_file is not None:
                on_file(str(f))
            yield from batch._assemble(outcome, corpus, str(f))
