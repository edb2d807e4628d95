"""Library errors -> process exit codes: the one place they are mapped (README, "Exit codes")."""

from __future__ import annotations

from ..diagnostics import (
    ExitCode,
    InputError,
    InternalError,
    OutputError,
    SchemaError,
    ToolkitError,
)

_BY_CLASS: tuple[tuple[type[ToolkitError], ExitCode], ...] = (
    (InternalError, ExitCode.INTERNAL),
    (InputError, ExitCode.USAGE),
    (SchemaError, ExitCode.USAGE),
    (OutputError, ExitCode.USAGE),
)


def exit_code_for(exc: ToolkitError) -> ExitCode:
    """The exit code of a fatal library error: its own if it names one, else its class's."""
    if exc.exit_code is not None:
        return ExitCode(exc.exit_code)
    kind = getattr(exc, "kind", None)  # an error that crossed a process boundary
    for cls, code in _BY_CLASS:
        if isinstance(exc, cls) or kind == cls.__name__:
            return code
    return ExitCode.USAGE
