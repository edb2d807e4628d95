"""Checks across the files of a run: unique xml:id, resolvable #id pointers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..diagnostics import Diagnostic, ToolkitError, error
from ..tei import XML_NS
from ..xmlparse import XMLSyntaxProblem, parse

XML_ID = f"{{{XML_NS}}}id"
POINTER_ATTRS = ("ref", "corresp", "who", "target")


def ids_of(tree) -> dict[str, int | None]:
    """xml:id -> line of its first occurrence."""
    out: dict[str, int | None] = {}
    for el in tree.iter():
        value = el.get(XML_ID) if isinstance(el.tag, str) else None
        if value is not None and value not in out:
            out[value] = el.sourceline
    return out


def id_occurrences(tree) -> list[tuple[str, int | None]]:
    """(xml:id, line) of every element that has one, in document order."""
    return [
        (el.get(XML_ID), el.sourceline)
        for el in tree.iter()
        if isinstance(el.tag, str) and el.get(XML_ID) is not None
    ]


def load_register(path: str | Path) -> set[str]:
    """The xml:ids declared in a register file (any XML: TEI listPerson, listPlace ...)."""
    try:
        tree = parse(path)
    except XMLSyntaxProblem as exc:
        raise ToolkitError(
            f"the register is not well-formed XML: {exc.diagnostic.message}", file=str(path)
        ) from None
    return set(ids_of(tree))


class CorpusChecks:
    """Feed it each document of a run in turn; it yields corpus diagnostics as it goes."""

    def __init__(
        self, *, check_ids: bool = False, check_refs: bool = False, register: set[str] | None = None
    ):
        self.check_ids = check_ids
        self.check_refs = check_refs
        self.register = register or set()
        self._seen: dict[str, tuple[str | None, int | None]] = {}

    def feed(self, tree, filename: str | None) -> Iterator[Diagnostic]:
        yield from self.duplicates(id_occurrences(tree) if self.check_ids else [], filename)
        yield from self.pointers(tree, filename)

    def pointers(self, tree, filename: str | None) -> list[Diagnostic]:
        """The per-document half: pointers that resolve nowhere (workers can do it)."""
        return list(self._pointers(tree, filename, ids_of(tree))) if self.check_refs else []

    def duplicates(self, occurrences, filename: str | None) -> Iterator[Diagnostic]:
        """The cross-document half, fed in file order: ids already seen in the run."""
        if not self.check_ids:
            return
        for value, line in occurrences:
            first = self._seen.get(value)
            if first is None:
                self._seen[value] = (filename, line)
                continue
            where = f"{first[0] or '<input>'}:{first[1]}"
            yield error(
                "corpus:duplicate-id",
                f'xml:id "{value}" is already used at {where}; ids must be unique '
                "across the corpus",
                file=filename,
                line=line,
            )

    def _pointers(self, tree, filename, local: dict) -> Iterator[Diagnostic]:
        for el in tree.iter():
            if not isinstance(el.tag, str):
                continue
            for attr in POINTER_ATTRS:
                value = el.get(attr)
                if not value:
                    continue
                for token in value.split():
                    if not token.startswith("#"):
                        continue
                    target = token[1:]
                    if target in local or target in self.register:
                        continue
                    hint = "" if self.register else " (give the register with --register)"
                    yield error(
                        "corpus:unresolved-ref",
                        f'@{attr}="{token}" points to no xml:id in this document '
                        f"or the register{hint}",
                        file=filename,
                        line=el.sourceline,
                    )
