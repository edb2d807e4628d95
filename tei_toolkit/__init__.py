"""tei-toolkit: plain-text records to TEI P5; validation; HTML, text and JSON export.

The library API (the CLI is a thin layer over it)::

    from tei_toolkit import convert_text, iter_errors, is_valid, to_html, to_text

    conversion = convert_text(Path("record.txt").read_text())   # .tree, .diagnostics
    for diagnostic in iter_errors(conversion.tree):              # tei_all RNG + Schematron
        print(diagnostic)
    is_valid(tree, schema="project.rng")                         # no error
    validate_paths(["tei/"], check_ids=True)                     # files, folders, globs

Every fatal error is a ``ToolkitError`` (``InputError``, ``SchemaError``,
``OutputError``, ``InternalError``, ``ValidationError``). Names are loaded on first use,
so ``import tei_toolkit`` stays cheap; type checkers see the real signatures.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from ._version import __version__

if TYPE_CHECKING:  # what the lazy names below resolve to, for type checkers and IDEs
    from .convert import Conversion, convert_text
    from .diagnostics import (
        Diagnostic,
        ExitCode,
        InputError,
        InternalError,
        OutputError,
        SchemaError,
        Severity,
        ToolkitError,
    )
    from .exporters import export_index, to_html, to_json, to_text
    from .pipeline import convert_files
    from .records import read_record
    from .records.textio import read_text
    from .register import Register
    from .tei import parse, serialize
    from .validators import (
        ValidationError,
        check_tree,
        is_valid,
        iter_errors,
        iter_validate,
        validate,
        validate_paths,
    )

_API = {
    "Conversion": "convert",
    "convert_text": "convert",
    "convert_files": "pipeline",
    "read_text": "records.textio",
    "read_record": "records",
    "check_tree": "validators",
    "is_valid": "validators",
    "iter_errors": "validators",
    "iter_validate": "validators",
    "validate": "validators",
    "validate_paths": "validators",
    "ValidationError": "validators",
    "to_html": "exporters",
    "to_text": "exporters",
    "to_json": "exporters",
    "export_index": "exporters",
    "Register": "register",
    "Diagnostic": "diagnostics",
    "Severity": "diagnostics",
    "ExitCode": "diagnostics",
    "ToolkitError": "diagnostics",
    "InputError": "diagnostics",
    "SchemaError": "diagnostics",
    "OutputError": "diagnostics",
    "InternalError": "diagnostics",
    "parse": "tei",
    "serialize": "tei",
}
__all__ = [
    "__version__",
    "Conversion",
    "convert_text",
    "convert_files",
    "read_text",
    "read_record",
    "check_tree",
    "is_valid",
    "iter_errors",
    "iter_validate",
    "validate",
    "validate_paths",
    "ValidationError",
    "to_html",
    "to_text",
    "to_json",
    "export_index",
    "Register",
    "Diagnostic",
    "Severity",
    "ExitCode",
    "ToolkitError",
    "InputError",
    "SchemaError",
    "OutputError",
    "InternalError",
    "parse",
    "serialize",
]


def __getattr__(name: str):
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'tei_toolkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
