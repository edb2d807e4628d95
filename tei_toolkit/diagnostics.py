"""The one error vocabulary: every warning, validation error and fatal error."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.IntEnum):
    INFO = 0
    WARNING = 1
    ERROR = 2

    def __str__(self) -> str:  # "error", as compilers print it
        return self.name.lower()


@dataclass(frozen=True)
class Diagnostic:
    """A message with a stable code and, where known, a source position.

    ``code`` is stable and machine-readable ("rng:missing-element",
    "sch:<rule id>", "convert:unclosed-quote", "xml:syntax"); ``message`` is
    plain language. ``path`` is an XPath-like location in an XML document.
    """

    severity: Severity
    code: str
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    path: str | None = None

    def location(self) -> str:
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        return f"{self.location()}: {self.severity}: {self.message} [{self.code}]"

    def as_dict(self) -> dict:
        return {
            "severity": str(self.severity),
            "code": self.code,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
        }


# The catalogue of diagnostic codes: every code the toolkit emits, with what it means.
# A code is "family:name"; docs/DIAGNOSTICS.md lists them and a test checks that every
# code written in the source is here. Schematron codes are the schema's own: "sch:" + the
# id of the assertion or rule (their meaning is the schema's message).
CODES: dict[str, str] = {
    # reading XML
    "xml:syntax": "The file is not well-formed XML.",
    "xml:encoding": "Bytes that are not valid in the document's declared encoding.",
    "xml:undefined-entity": "An entity reference that XML does not define and no DTD is read for.",
    "xml:entity-expansion": "Entities refused: a bomb, a loop, markup or too long a text.",
    "xml:external-entity": "An entity naming a file or URL (never read).",
    "xml:internal-entity": "A short plain-text internal entity, expanded.",
    "xml:dtd-ignored": "A DOCTYPE that names an external DTD (never loaded).",
    "xml:xinclude-ignored": "An XInclude (never followed).",
    "xml:too-deep": "Elements nested deeper than the safety limit.",
    "xml:too-large": "A text node, attribute or name larger than the safety limit.",
    "xml:duplicate-id": "An xml:id used twice in one document (read anyway, for export).",
    # reading text records and other inputs
    "input": "An input that cannot be used (the message says why).",
    "input:missing": "No such file.",
    "input:not-found": "No such file or folder.",
    "input:no-match": "A pattern that matches no file.",
    "input:directory": "A folder where a file was expected.",
    "input:empty-folder": "A folder with no file of the expected kind.",
    "input:not-a-file": "A device, FIFO or socket where a regular file was expected.",
    "input:unreadable": "A file that cannot be read (permissions, I/O).",
    "input:empty": "An empty record.",
    "input:binary": "A binary file (PDF, image, archive, word processor) given as text.",
    "input:is-xml": "An XML file given to convert (use validate or export).",
    "input:too-large": "A record larger than the record size limit.",
    "input:encoding": "A record not in UTF-8, read in the encoding detected.",
    "input:truncated": "A record that ends in the middle of a character.",
    "input:control-chars": "Control characters removed from a record.",
    "input:zero-width": "Zero-width characters removed from a record.",
    "input:register": "A register that cannot be read or has a bad row.",
    # writing outputs
    "output:unwritable": "An output that cannot be written, or would overwrite an input.",
    "usage:layout": "An unknown record layout named with --layout.",
    # converting
    "convert:reader": "Which record reader was used, and why.",
    "convert:generic-layout": "No archive layout recognised: read with the generic reader.",
    "convert:no-footer": "A digital-archive page without its document-information footer.",
    "convert:footer-text": "Unlabelled text in the footer, kept as a note.",
    "convert:footnotes": "Footnote markers glued to words taken off the text; notes kept.",
    "convert:release-stamps": "CIA release stamps moved from the body to the header.",
    "convert:empty-body": "A record with no body text.",
    "convert:hidden-email": 'An e-mail address the website hid ("[email protected]").',
    "convert:lost-quotes": "Question marks standing for lost quotation marks (choice/orig+reg).",
    "convert:unclosed-quote": "A quotation that does not close in its paragraph.",
    "convert:unbalanced-bracket": "A square bracket that does not close.",
    "convert:overlap": "Two rules marked overlapping text; the earlier rule's mark is kept.",
    "convert:invalid-output": "The converter's output failed its own TEI check (not written).",
    "convert:unchecked": "The output could not be checked (no validator available).",
    # validating: RELAX NG
    "rng:unexpected-element": "An element not allowed at this place.",
    "rng:unknown-element": "An element that the schema does not define (or a wrong namespace).",
    "rng:missing-element": "A required element is missing or comes too late.",
    "rng:unexpected-text": "Text where the schema allows only elements.",
    "rng:bad-text-value": "Element text that does not match its datatype or value.",
    "rng:unknown-attribute": "An attribute the element does not allow.",
    "rng:missing-attribute": "A required attribute is missing.",
    "rng:bad-attribute-value": "An attribute value that does not match its datatype or list.",
    "rng:duplicate-id": "An ID (TEI: xml:id) used twice in one document (IDs inside egXML are not IDs).",
    "rng:unresolved-idref": "An IDREF that names no ID of the document.",
    # validating: Schematron, XML Schema, schemas
    "sch:schema": "A Schematron schema that cannot be read or compiled.",
    "sch:refused": "A Schematron schema that asks for what the sandbox forbids.",
    "sch:unavailable": "Schematron cannot run here (the XSLT engine is missing).",
    "sch:evaluation": "A Schematron test that cannot be evaluated on this document.",
    "xsd:schema": "An XML Schema that cannot be read or compiled.",
    "xsd:invalid": "An XML Schema validation error.",
    "schema": "A schema that cannot be read or compiled (the message says why).",
    "validate:schema": "A schema problem reported for the document that names it.",
    "validate:xml-model": "A schema named by xml-model not used (missing, or not allowed).",
    "validate:xml-model-refused": "An xml-model instruction refused by the trust policy.",
    "corpus:duplicate-id": "An xml:id used twice in the corpus.",
    "corpus:unresolved-ref": "A #id pointer that resolves nowhere.",
    # ODD customizations
    "odd": "An ODD that cannot be read or compiled (the message says why).",
    "odd:unknown-element": "A moduleRef that names an element not in that module.",
    "odd:change-unselected": "An ODD that changes a specification its modules do not select.",
    "odd:missing-specgrp": "A specGrpRef to no specGrp.",
    # exporting
    "export:format": "An unknown export format.",
    "export:behaviour": "A behaviour table that cannot be used.",
    "export:name-clash": "Two inputs that would write the same output file.",
    "export:index-skipped": "A corpus page not written: a record's export has its name.",
    "internal": "A bug in tei-toolkit.",
}

FAMILIES: dict[str, str] = {
    "sch": "A Schematron assertion or report: the code is the schema's own id.",
}


def describe(code: str) -> str:
    """What a diagnostic code means, in one line (the catalogue, or its family)."""
    if code in CODES:
        return CODES[code]
    family = code.split(":", 1)[0]
    return FAMILIES.get(family, code)


def info(code: str, message: str, **where) -> Diagnostic:
    return Diagnostic(Severity.INFO, code, message, **where)


def warning(code: str, message: str, **where) -> Diagnostic:
    return Diagnostic(Severity.WARNING, code, message, **where)


def error(code: str, message: str, **where) -> Diagnostic:
    return Diagnostic(Severity.ERROR, code, message, **where)


def has_errors(diagnostics) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


class ExitCode(enum.IntEnum):
    """Documented process exit codes (README, "Exit codes"). Never a count."""

    OK = 0
    INVALID = 1  # validation found errors / the converter produced invalid TEI
    USAGE = 2  # bad options, missing or unreadable input, bad input file
    INTERNAL = 70  # a bug in tei-toolkit (EX_SOFTWARE); --debug shows the traceback


class ToolkitError(Exception):
    """The root of the toolkit's fatal errors: one line, no traceback.

    Subclasses say what went wrong (input, schema, output, internal) and also derive
    from the stdlib type a caller would catch. The library never picks an exit code:
    ``cli.exit_code_for`` maps the class to one (``exit_code`` given here overrides it,
    for the few errors whose code is not their class's).
    """

    def __init__(
        self,
        message: str,
        *,
        code: str = "input",
        exit_code: ExitCode | None = None,
        file: str | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.code = code
        self.exit_code = exit_code
        self.file = file

    def __str__(self) -> str:
        return f"{self.file}: {self.message}" if self.file else self.message


class InputError(ToolkitError, ValueError):
    """A file to read is missing, unreadable, empty, binary or not what it should be."""


class SchemaError(ToolkitError, ValueError):
    """A schema cannot be read, compiled or used (or asks for what it may not do)."""

    def __init__(self, message: str, *, code: str = "schema", **kwargs):
        super().__init__(message, code=code, **kwargs)


class OutputError(ToolkitError, OSError):
    """An output cannot be written, or would overwrite an input."""

    def __init__(self, message: str, *, code: str = "output:unwritable", **kwargs):
        super().__init__(message, code=code, **kwargs)


class InternalError(ToolkitError, RuntimeError):
    """A bug in tei-toolkit."""
