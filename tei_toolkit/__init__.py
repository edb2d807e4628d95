"""tei-toolkit: plain-text records to TEI P5; validation; HTML, text and JSON export.

The library API (the CLI is a thin layer over it)::

    from tei_toolkit import convert_text, check_tree, validate_paths, to_html, to_text

Names are loaded on first use, so ``import tei_toolkit`` stays cheap.
"""

from __future__ import annotations

import importlib

from ._version import __version__

_API = {
    "convert_text": "convert",
    "convert_files": "pipeline",
    "read_text": "records",
    "read_record": "records",
    "check_tree": "validators",
    "is_valid": "validators",
    "iter_validate": "validators",
    "validate_paths": "validators",
    "to_html": "exporters",
    "to_text": "exporters",
    "to_json": "exporters",
    "export_index": "exporters",
    "Register": "register",
    "Diagnostic": "diagnostics",
    "Severity": "diagnostics",
    "ToolkitError": "diagnostics",
    "ExitCode": "diagnostics",
    "parse": "tei",
    "serialize": "tei",
}
__all__ = ["__version__", *_API]


def __getattr__(name: str):
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'tei_toolkit' has no attribute {name!r}")
    return getattr(importlib.import_module(f".{module}", __name__), name)
