"""One file's checks: parse it, choose its schemas, run the engines, keep the result.

``batch.py`` walks the files; this module does what one file needs, in a worker or in
the calling process. It is imported only when some file is to be checked (a re-run
whose files are all in the result cache never loads the engines).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..diagnostics import Diagnostic, ToolkitError, error
from ..xmlparse import XMLSyntaxProblem, parse_bytes, repeated_id
from . import results, stream
from .batch import _BY_SUFFIX, ENGINES, Options, _assemble
from .corpus import CorpusChecks, id_occurrences
from .models import Use, plan_models
from .outcome import FileOutcome
from .relaxng import schema as rng_schema
from .sandbox import Policy


def _prepare_batch(files: list[Path], opts: Options) -> None:
    """Read and check the batch's RELAX NG schema once, before workers fork."""
    if opts.engine not in (None, "relaxng"):
        return
    if (
        opts.schema is not None
        and _BY_SUFFIX.get(opts.schema.suffix.lower(), "relaxng") != "relaxng"
    ):
        return
    rng_schema(opts.schema).prepare()


def _plan(tree, path: Path, opts: Options) -> tuple[list[Use], list[Diagnostic]]:
    """The schemas to run on this document (``schema`` None: the shipped default)."""
    if opts.schema is not None:
        engine = opts.engine or _BY_SUFFIX.get(opts.schema.suffix.lower(), "relaxng")
        return [Use(engine, opts.schema, trusted=True)], []
    policy = opts.xml_model if opts.use_xml_model else "off"
    plan, notes = plan_models(tree, path, policy, opts.engine)
    if plan:
        return plan, notes
    if opts.engine:
        return [Use(opts.engine, None, trusted=True)], notes
    default = [Use("relaxng", None, trusted=True)]
    if _schematron() is not None:
        default.append(Use("schematron", None, trusted=True))
    return default, notes


def _schematron():
    # imported when a Schematron check runs: saxonche is optional, and loading it starts a
    # JVM-free but heavy native library (and a process that has loaded it must not fork)
    try:
        from .schematron import iter_schematron, schematron_available
    except ImportError:
        return None
    return iter_schematron if schematron_available() else None


def run_engine(
    engine: str,
    tree,
    *,
    filename: str | None,
    schema: Path | None,
    source: bytes | None = None,
    policy: Policy | None = None,
) -> Iterator[Diagnostic]:
    """Diagnostics of one engine on one tree. ``policy``: who named the schema."""
    if engine == "relaxng":
        yield from rng_schema(schema).iter_errors(tree, filename=filename, source=source)
    elif engine == "schematron":
        iter_sch = _schematron()
        if iter_sch is None:
            raise ToolkitError("the schematron engine needs saxonche (pip install saxonche)")
        yield from iter_sch(tree, filename=filename, schema_path=schema, policy=policy)
    elif engine == "xsd":
        from .xsd import iter_xsd  # xmlschema's import costs ~0.3 s: only when asked for

        trusted = policy is None or policy.trusted
        yield from iter_xsd(tree, filename=filename, schema_path=schema, trusted=trusted)
    else:
        raise ToolkitError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")


_XMLID = re.compile(r"xml:id : attribute value (.*) is not an NCName")


def _syntax(diag: Diagnostic) -> Diagnostic:
    # libxml2's parser rejects a bad xml:id itself; it is a datatype error, as jing says.
    m = _XMLID.search(diag.message)
    if m:
        return error(
            "rng:bad-attribute-value",
            f'value "{m.group(1)}" of attribute xml:id is invalid; expected a name '
            "without spaces or colons, not starting with a digit",
            file=diag.file,
            line=diag.line,
            column=diag.column,
        )
    return diag


def check_file(path: Path, opts: Options, corpus: CorpusChecks | None = None) -> FileOutcome:
    """Everything about one file that does not depend on the other files of the run."""
    if stream.should_stream(path, corpus):  # large, maybe RELAX NG only: no tree
        streamed = stream.check(path, opts, _plan)
        if streamed is not None:
            return streamed
    out = FileOutcome()
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        out.diagnostics.append(error("input:unreadable", f"cannot read: {exc.strerror}", file=name))
        return out
    key = results.file_key(opts.run_key, path, data) if opts.run_key else None
    if key is not None:
        hit = results.outcome(key, name)
        if hit is not None:
            return hit
    notes: list[Diagnostic] = []
    try:
        # DTD/xi:include left alone; a repeated xml:id is parsed: whether it is an ID
        # is the schema's to say (inside egXML it is not), and RELAX NG says it
        tree = parse_bytes(data, name, notes=notes, duplicate_ids=True, id_table=False)
    except XMLSyntaxProblem as exc:
        out.diagnostics.extend(notes)
        out.diagnostics.append(_syntax(exc.diagnostic))
        return out
    plan, planned = _plan(tree, path, opts)
    if not any(use.engine == "relaxng" for use in plan):  # RELAX NG reports repeated IDs
        notes[:0] = repeated_id(tree, name)
    out.diagnostics.extend(notes)
    out.diagnostics.extend(planned)
    for use in plan:
        policy = Policy(
            trusted=use.trusted,
            project=use.project,
            base=use.origin or use.schema,
            origin=use.origin,
        )
        try:
            out.diagnostics.extend(
                run_engine(
                    use.engine,
                    tree,
                    filename=name,
                    schema=use.schema,
                    source=data,
                    policy=policy,
                )
            )
        except ToolkitError as exc:
            if use.trusted and opts.schema is not None:  # the user's schema: fatal
                raise
            # A schema this document named: that document's problem, the batch goes on.
            problem = getattr(exc, "message", None) or str(exc)
            out.diagnostics.append(
                error(
                    getattr(exc, "code", None) or "validate:schema",
                    f"schema {use.schema.name if use.schema else 'tei_all'} named by "
                    f"<?xml-model?> cannot be used: {problem}",
                    file=name,
                    line=use.line,
                )
            )
    if corpus is not None:
        out.ids = id_occurrences(tree) if corpus.check_ids else []
        out.pointers = corpus.pointers(tree, name)
    if key is not None:
        depends: dict[str, str] = {}
        for use in plan:
            if not use.trusted:  # a schema the document named: it may change on its own
                depends.update(results.schema_depends(use.origin or use.schema))
        results.store(key, name, results.Entry(out.diagnostics, out.ids, out.pointers, depends))
    return out


def iter_file(
    path: Path, opts: Options, corpus: CorpusChecks | None = None
) -> Iterator[Diagnostic]:
    """Every Diagnostic for one file (syntax, schema, corpus)."""
    yield from _assemble(check_file(path, opts, corpus), corpus, str(path))
