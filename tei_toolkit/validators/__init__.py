"""Validators: each yields Diagnostics; the iterators are the primitives.

    check_tree(tree)                  the converter's self-check (tei_all RNG [+ Schematron])
    iter_validate(paths, ...)         Diagnostics for files, folders, globs
    validate_paths(paths, ...)        the same, as a list
    iter_tree(tree, ...)              Diagnostics for one in-memory tree
"""
from __future__ import annotations

from ..diagnostics import Diagnostic
from .relaxng import iter_relaxng


def check_tree(tree, *, filename: str | None = None, schematron: bool = False) -> list[Diagnostic]:
    """Validate an in-memory lxml tree against the shipped tei_all RELAX NG.

    Fast on a cold process (the grammar is pruned to the document's elements, see
    grammar.prune). With ``schematron=True`` TEI's Schematron rules run too.
    """
    out = list(iter_relaxng(tree, filename=filename))
    if schematron:
        from .engines import iter_schematron_rules
        out.extend(iter_schematron_rules(tree, filename=filename))
    return out


__all__ = ["check_tree", "iter_relaxng"]
