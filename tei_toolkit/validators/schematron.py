"""ISO Schematron without Java: our compiler to XSLT 3.0, run by SaxonC-HE.

    for diagnostic in iter_schematron(tree, filename="letter.xml"):
        print(diagnostic)

The default schema is TEI P5's tei_all Schematron rules (``schemas/tei_all.sch``);
``schema_path`` takes a project's own ``.sch`` (queryBinding xslt/xslt2/xslt3).
Each schema is compiled once per process (``compile_schematron`` caches it);
``schematron_compile.py`` explains the translation, ``schematron_locate.py``
how a firing is turned back into a line and column.

Diagnostics: a failed ``sch:assert`` or a successful ``sch:report`` gives code
``sch:<id>`` (the assert's, else the rule's, else the pattern's @id), severity
from ``@role`` (none, "error", "fatal": error; "warning", "nonfatal": warning;
"info": info), and the assertion text with ``sch:value-of``/``sch:name``
evaluated and whitespace normalised.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from ..diagnostics import Diagnostic, ExitCode, Severity, ToolkitError
from .cache import default_schema, schemas_dir
from .sandbox import SAXON_ALLOWED_PROTOCOLS, Policy
from .schematron_compile import Check, CompiledSchema, compile_schema
from .schematron_locate import Location, Locator
from .schematron_plain import PlainRules

_ROLE_SEVERITY = {
    "fatal": Severity.ERROR,
    "error": Severity.ERROR,
    "critical": Severity.ERROR,
    "warning": Severity.WARNING,
    "warn": Severity.WARNING,
    "nonfatal": Severity.WARNING,
    "non-fatal": Severity.WARNING,
    "caution": Severity.WARNING,
    "info": Severity.INFO,
    "information": Severity.INFO,
    "informational": Severity.INFO,
    "hint": Severity.INFO,
    "note": Severity.INFO,
}


def schematron_available() -> bool:
    """True when the XSLT engine (saxonche) can be imported."""
    try:
        import saxonche  # noqa: F401
    except ImportError:
        return False
    return True


def iter_schematron(
    tree,
    *,
    filename: str | None = None,
    schema_path: str | Path | None = None,
    policy: Policy | None = None,
) -> Iterator[Diagnostic]:
    """Yield a Diagnostic for every failed assert and successful report in ``tree``.

    ``policy``: who named the schema (default: the user); see sandbox.py."""
    yield from compile_schematron(schema_path, policy=policy).iter_errors(tree, filename=filename)


def severity_of(role: str | None) -> Severity:
    if not role:
        return Severity.ERROR
    return _ROLE_SEVERITY.get(role.strip().lower(), Severity.ERROR)


class Schematron:
    """A compiled schema, ready to check any number of documents."""

    def __init__(
        self, compiled: CompiledSchema, schema_file: str | None = None, *, plain: bool = True
    ):
        self.compiled = compiled
        self.schema_file = schema_file
        self._lock = threading.Lock()  # one Saxon executable, not shared across threads
        self.plain = PlainRules(compiled, compiled.namespaces) if plain else None
        # Saxon compiles the stylesheet when a document first needs it; at once when
        # some rule is not plain, so that an error in the schema is reported at once
        # (but for the shipped schemas, which compile).
        self._compiled = None
        shipped = schema_file is not None and Path(schema_file).parent == schemas_dir()
        if self.plain is None or not (self.plain.complete or shipped):
            self._compiled = _compile_xslt(compiled, schema_file)

    @property
    def _executable(self):
        if self._compiled is None:
            self._compiled = _compile_xslt(self.compiled, self.schema_file)
        return self._compiled

    def iter_errors(self, tree, *, filename: str | None = None) -> Iterator[Diagnostic]:
        root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
        if filename is None:
            filename = root.getroottree().docinfo.URL
        try:
            firings = self.plain.run(root) if self.plain is not None else None
            output = self._run(root) if firings is None else ""
        except _SaxonFailure as exc:
            yield Diagnostic(
                Severity.ERROR,
                "sch:evaluation",
                f"the Schematron rules could not be run on this document: {exc}",
                file=filename,
            )
            return
        if not output and not firings:
            return
        locator = Locator(root, _source_text(root, filename))
        found = []
        for index, node, attribute, message in firings or ():
            where = locator.locate_node(node, attribute)
            found.append(self._diagnostic(index, message, where, filename))
        for line in output.splitlines():
            index, _, rest = line.partition("\t")
            path, _, message = rest.partition("\t")
            found.append(self._diagnostic(index, message, locator.locate(path), filename))
        # Document order reads best; within a position, schema order is kept.
        found.sort(key=lambda d: (d.line is None, d.line or 0, d.column or 0))
        yield from found

    def _run(self, root: etree._Element) -> str:
        from saxonche import PySaxonApiError

        # The root element only: a DOCTYPE would make Saxon fetch the DTD.
        text = etree.tostring(root, encoding="unicode", with_tail=False)
        with self._lock:
            try:
                node = _processor().parse_xml(xml_text=text)
                return self._executable.transform_to_string(xdm_node=node) or ""
            except PySaxonApiError as exc:
                raise _SaxonFailure(_first_line(str(exc))) from None

    def _diagnostic(
        self, index: str, message: str, where: Location, filename: str | None
    ) -> Diagnostic:
        failed = index.startswith("E")
        check: Check = self.compiled.checks[int(index.lstrip("E"))]
        if failed:  # the rule could not run here: that says nothing about the document
            message = f"rule for {check.context!r} could not be evaluated here: {message}"
            severity = Severity.WARNING
        else:
            severity = severity_of(check.role)
        return Diagnostic(
            severity,
            f"sch:{check.code}",
            message or check.test,
            file=filename,
            line=where.line,
            column=where.column,
            path=where.path,
        )


class _SaxonFailure(Exception):
    pass


_processor_instance = None
_cache: dict[tuple, Schematron] = {}


def _processor():
    """The one SaxonC processor of this process, created on first use."""
    global _processor_instance
    if _processor_instance is None:
        try:
            from saxonche import PySaxonProcessor
        except ImportError:
            raise ToolkitError(
                "Schematron validation needs the saxonche package (pip install saxonche)",
                code="sch:unavailable",
                exit_code=ExitCode.USAGE,
            ) from None
        processor = PySaxonProcessor(license=False)
        # No schema reaches the network, whatever its expressions compute (sandbox.py).
        processor.set_configuration_property(
            "http://saxon.sf.net/feature/allowedProtocols", SAXON_ALLOWED_PROTOCOLS
        )
        # The documented nesting limit (256) must not trip the JDK's default of 100.
        # (0 = no limit: our own parser has already refused anything deeper than 256.)
        processor.set_configuration_property(
            "http://saxon.sf.net/feature/parserProperty?uri="
            "http://www.oracle.com/xml/jaxp/properties/maxElementDepth",
            "0",
        )
        _processor_instance = processor
    return _processor_instance


def compile_schematron(
    schema_path: str | Path | None = None,
    *,
    phase: str | None = None,
    policy: Policy | None = None,
) -> Schematron:
    """Compile a .sch file (default: TEI's tei_all rules); cached per content and policy."""
    path = Path(schema_path) if schema_path is not None else default_schema("sch")
    policy = policy or Policy.user(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ToolkitError(
            f"cannot read Schematron schema: {exc.strerror}", code="sch:schema", file=str(path)
        ) from None
    key = (str(path.resolve()), hashlib.sha256(data).hexdigest(), phase, policy)
    if key not in _cache:
        _cache[key] = Schematron(compile_schema(path, phase=phase, policy=policy), str(path))
    return _cache[key]


def _compile_xslt(compiled: CompiledSchema, schema_file: str | None):
    from saxonche import PySaxonApiError

    compiler = _processor().new_xslt30_processor()
    try:
        return compiler.compile_stylesheet(stylesheet_text=compiled.xslt)
    except PySaxonApiError as exc:
        problem = _first_line(str(exc))
    # Saxon's line numbers point into the generated stylesheet: find the pattern.
    for number in range(len(compiled.patterns)):
        try:
            compiler.compile_stylesheet(stylesheet_text=compiled.pattern_xslt(number))
        except PySaxonApiError as exc:
            problem = f"in pattern {compiled.pattern_label(number)!r}: {_first_line(str(exc))}"
            break
    raise ToolkitError(
        f"cannot compile the Schematron schema: {problem}", code="sch:schema", file=schema_file
    )


def _first_line(text: str) -> str:
    """Saxon's message without its pointer into the generated stylesheet."""
    text = re.sub(
        r"(?: at char \d+)?(?: in xsl:\S+)?(?: on line \d+)?(?: column \d+)? of \S*?:(?=\s)",
        ":",
        " ".join(text.split()),
    )
    return text or "unknown Saxon error"


def _source_text(root: etree._Element, filename: str | None) -> str | None:
    """The document's text, for columns: read back from its file when there is one."""
    url = root.getroottree().docinfo.URL or filename
    if not url or url.startswith(("http:", "https:", "ftp:")):
        return None
    path = Path(url[7:] if url.startswith("file://") else url)
    try:
        data = path.read_bytes()
    except OSError:
        return None
    encoding = root.getroottree().docinfo.encoding or "utf-8"
    try:
        return data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return None


__all__ = [
    "iter_schematron",
    "schematron_available",
    "compile_schematron",
    "Schematron",
    "severity_of",
]
