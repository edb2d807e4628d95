"""TEI -> HTML page, plain reading text, JSON entities. One walker (walker.py), one table
of behaviours per output, a fallback that keeps the text of any element it does not know."""
from __future__ import annotations

from .text import to_text

__all__ = ["to_text"]
