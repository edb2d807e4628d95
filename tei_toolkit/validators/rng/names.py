"""Namespace constants and the schema diagnostics type, shared by the rng modules."""

from __future__ import annotations

import unicodedata

from ...diagnostics import SchemaError as ToolkitSchemaError

RNG_NS = "http://relaxng.org/ns/structure/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XMLNS_NS = "http://www.w3.org/2000/xmlns"
XSD_DT = "http://www.w3.org/2001/XMLSchema-datatypes"
TEI_NS = "http://www.tei-c.org/ns/1.0"

Where = tuple  # (file, line, column)


class SchemaError(ToolkitSchemaError):
    """An incorrect RELAX NG schema; ``problems`` are (message, (file, line, column)).

    The message lists the first problems, each pointing into the schema file.
    """

    LIMIT = 20

    def __init__(self, problems: list[tuple[str, Where]]):
        self.problems = problems
        lines = []
        for message, (file, line, _col) in problems[: self.LIMIT]:
            lines.append(f"{file}:{line}: {message}" if line else f"{file}: {message}")
        if len(problems) > self.LIMIT:
            lines.append(f"... and {len(problems) - self.LIMIT} more problems")
        super().__init__("incorrect RELAX NG schema: " + "; ".join(lines), code="schema")


class Memo(dict):
    """A dict that forgets everything when it holds ``limit`` entries (bounded memory)."""

    def __init__(self, limit: int = 200_000):
        super().__init__()
        self.limit = limit

    def put(self, key, value):
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value


_NAME_START = {"Ll", "Lu", "Lo", "Lt", "Nl"}
_NAME_MORE = _NAME_START | {"Mc", "Me", "Mn", "Lm", "Nd"}


def is_ncname(s: str) -> bool:
    """An XML NCName (letters, digits, combining marks, . - _ ; no colon)."""
    if not s or not (s[0] == "_" or unicodedata.category(s[0]) in _NAME_START):
        return False
    return all(c in "._-\u00b7" or unicodedata.category(c) in _NAME_MORE for c in s[1:])
