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
