"""The exporter registry: format name -> file suffix and renderer.

The CLI (its FORMAT choices and the suffix of -o), files.py and the tests all read this
table. A new exporter is one module with a ``render(tree, options) -> str`` and one
``register(Exporter(...))`` line here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..diagnostics import ToolkitError
from .jsonexport import to_json_string
from .markdown import to_markdown
from .page import to_html
from .text import to_text


@dataclass(frozen=True)
class Options:
    """What a user may ask of any exporter (an exporter ignores what it does not use)."""

    with_header: bool = False
    behaviours: Mapping[str, Any] | None = None  # a user table, see behaviours.py
    remote_images: bool = False  # html: graphic/@url on the web shown (fetched) as images


@dataclass(frozen=True)
class Exporter:
    name: str
    suffix: str  # of the file written for one input
    render: Callable[[Any, Options], str]  # (TEI tree, options) -> the file's text
    summary: str
    other_suffixes: tuple[str, ...] = ()  # also mean this format on -o (".htm")


EXPORTERS: dict[str, Exporter] = {}


def register(exporter: Exporter) -> Exporter:
    EXPORTERS[exporter.name] = exporter
    return exporter


def get(name: str) -> Exporter:
    try:
        return EXPORTERS[name]
    except KeyError:
        raise ToolkitError(
            f"unknown export format {name!r}; use {', '.join(EXPORTERS)}", code="export:format"
        ) from None


def by_suffix(suffix: str) -> Exporter | None:
    """The exporter whose files end in ``suffix`` (".html", ".htm", ".txt"...)."""
    suffix = suffix.lower()
    for exporter in EXPORTERS.values():
        if suffix == exporter.suffix or suffix in exporter.other_suffixes:
            return exporter
    return None


def formats() -> tuple[str, ...]:
    return tuple(EXPORTERS)


register(
    Exporter(
        "html",
        ".html",
        lambda tree, o: to_html(tree, o.behaviours, remote_images=o.remote_images),
        "an edition page (a folder also gets index.html)",
        (".htm",),
    )
)
register(
    Exporter(
        "text",
        ".txt",
        lambda tree, o: to_text(tree, o.with_header, o.behaviours) + "\n",
        "the plain reading text",
    )
)
register(
    Exporter(
        "json",
        ".json",
        lambda tree, o: to_json_string(tree, o.with_header, o.behaviours),
        "entities with offsets into the reading text",
    )
)
register(Exporter("markdown", ".md", lambda t, o: to_markdown(t, o.with_header), "CommonMark"))
