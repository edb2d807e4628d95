"""TEI -> HTML page, plain reading text, JSON entities.

One walker (walker.py), one table of behaviours per output (text.TEXT, html.HTML), and a
fallback that keeps the text of any element a table does not know. The exporters read any
TEI, not only what tei-toolkit produced; docs/EXPORT.md has the policies.
"""

from __future__ import annotations

from .files import ExportResult, export_files, render
from .jsonexport import to_json, to_json_string
from .page import export_index, to_html
from .registry import EXPORTERS, Exporter, Options, register
from .text import to_text

__all__ = [
    "to_html",
    "to_text",
    "to_json",
    "to_json_string",
    "export_index",
    "export_files",
    "render",
    "ExportResult",
    "EXPORTERS",
    "Exporter",
    "Options",
    "register",
]
