"""Validators: each yields Diagnostics; the iterators are the primitives.

iter_errors(tree, schema=...)  Diagnostics for one in-memory tree (xmlschema's iter_errors)
validate(tree, schema=...)     the same, raising ValidationError on the first run with errors
is_valid(tree, schema=...)     no error (warnings and notes do not count)
check_tree(tree)               the converter's self-check (tei_all RELAX NG [+ Schematron])
iter_validate(paths, ...)      Diagnostics for files, folders and globs, file by file
validate_paths(paths, ...)     the same, as a list
iter_relaxng(tree, ...)        RELAX NG only, one in-memory tree
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .api import ValidationError, check_tree, is_valid, iter_errors, validate
    from .batch import ENGINES, iter_validate, validate_paths
    from .relaxng import iter_relaxng

# Names -> the module that defines them, imported on first use: the command line
# imports this package to walk files, and a re-run served by the result cache never
# needs the engines (their modules cost ~15 ms of a ~100 ms run).
_LAZY = {
    "ValidationError": "api",
    "check_tree": "api",
    "is_valid": "api",
    "iter_errors": "api",
    "validate": "api",
    "ENGINES": "batch",
    "iter_validate": "batch",
    "validate_paths": "batch",
    "iter_relaxng": "relaxng",
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "ENGINES",
    "ValidationError",
    "check_tree",
    "is_valid",
    "iter_errors",
    "iter_relaxng",
    "iter_validate",
    "validate",
    "validate_paths",
]
