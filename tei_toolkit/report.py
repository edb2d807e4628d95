"""Diagnostics -> text (rich on a terminal) | JSON | JUnit XML | GitHub annotations | SARIF.

A ``Report`` is fed file by file (``add``) and written at the end (``finish``);
the text format streams as it goes, the machine formats are one document each.
rich is imported only for terminal output.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import IO
from urllib.parse import quote

from . import __version__
from .diagnostics import Diagnostic, Severity, describe

FORMATS = ("text", "json", "junit", "github", "sarif")
TOOL_URI = "https://github.com/tei-toolkit/tei-toolkit"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


@dataclass
class FileResult:
    file: str
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)


@dataclass
class Summary:
    files: int
    invalid: int
    errors: int
    warnings: int

    def line(self) -> str:
        if not self.files:
            return "no files validated"
        if not self.invalid:
            return f"{self.files} file{'s' * (self.files != 1)} valid" + (
                f" ({self.warnings} warning{'s' * (self.warnings != 1)})" if self.warnings else ""
            )
        return (
            f"{self.invalid} of {self.files} file{'s' * (self.files != 1)} invalid: "
            f"{self.errors} error{'s' * (self.errors != 1)}"
            + (f", {self.warnings} warning{'s' * (self.warnings != 1)}" if self.warnings else "")
        )


def summarize(results: list[FileResult]) -> Summary:
    counts = Counter(d.severity for r in results for d in r.diagnostics)
    return Summary(
        files=len(results),
        invalid=sum(not r.valid for r in results),
        errors=counts[Severity.ERROR],
        warnings=counts[Severity.WARNING],
    )


class Report:
    def __init__(
        self,
        fmt: str = "text",
        out: IO[str] | None = None,
        *,
        quiet: bool = False,
        color: bool | None = None,
        sources: bool | None = None,
    ):
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}")
        self.fmt = fmt
        self.out = out or sys.stdout
        self.quiet = quiet
        tty = hasattr(self.out, "isatty") and self.out.isatty()
        self.color = tty if color is None else color
        self.sources = self.color if sources is None else sources
        self.results: list[FileResult] = []
        self._console = None

    # -- feeding ------------------------------------------------------------------
    def add(self, result: FileResult) -> None:
        self.results.append(result)
        if self.fmt == "text":
            self._text_file(result)
        elif self.fmt == "github":
            for d in result.diagnostics:
                if not self.quiet or d.severity is Severity.ERROR:
                    self.out.write(github_line(d) + "\n")

    def finish(self) -> Summary:
        summary = summarize(self.results)
        if self.fmt == "json":
            self.out.write(json.dumps(to_json(self.results, summary), indent=2) + "\n")
        elif self.fmt == "junit":
            self.out.write(to_junit(self.results).decode("utf-8"))
        elif self.fmt == "sarif":
            self.out.write(json.dumps(to_sarif(self.results), indent=2) + "\n")
        elif self.fmt == "text" and not self.quiet:
            self._echo(summary.line(), style="bold red" if summary.invalid else "bold green")
        self.out.flush()
        return summary

    # -- text -----------------------------------------------------------------------
    def console(self):
        if self._console is None:
            from rich.console import Console

            self._console = Console(
                file=self.out,
                highlight=False,
                soft_wrap=True,
                force_terminal=self.color,
                no_color=not self.color,
            )
        return self._console

    def _echo(self, text: str, style: str | None = None) -> None:
        if self.color:
            self.console().print(text, style=style, markup=False)
        else:
            self.out.write(text + "\n")

    def _text_file(self, result: FileResult) -> None:
        shown = [d for d in result.diagnostics if not self.quiet or d.severity is Severity.ERROR]
        if not shown:
            return
        if not self.color:
            for d in shown:
                self.out.write(printable(str(d)) + "\n")
            return
        from rich.text import Text

        con = self.console()
        con.print(Text(printable(result.file), style="bold underline"))
        lines = _source_lines(result.file) if self.sources else None
        for d in shown:
            style = {Severity.ERROR: "red", Severity.WARNING: "yellow"}.get(d.severity, "blue")
            where = f"{d.line or '-'}:{d.column}" if d.column else f"{d.line or '-'}"
            row = Text("  ")
            row.append(f"{where:>8}  ", style="dim")
            row.append(f"{d.severity}", style=f"bold {style}")
            row.append(f"  {printable(d.message)}  ")
            row.append(f"[{d.code}]", style="dim")
            con.print(row)
            if lines and d.line and 0 < d.line <= len(lines):
                src = lines[d.line - 1].rstrip("\n")
                con.print(Text(f"{'':>12}| " + printable(src.expandtabs(4)[:200]), style="dim"))
                if d.column:
                    con.print(Text(f"{'':>12}| " + " " * (d.column - 1) + "^", style=style))


def _source_lines(path: str) -> list[str] | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return fh.readlines()
    except OSError:
        return None


# -- machine formats ----------------------------------------------------------------
def to_json(results: list[FileResult], summary: Summary | None = None) -> dict:
    summary = summary or summarize(results)
    return {
        "tool": {"name": "tei-toolkit", "version": __version__},
        "summary": {
            "files": summary.files,
            "invalid": summary.invalid,
            "errors": summary.errors,
            "warnings": summary.warnings,
        },
        "files": [
            {"file": r.file, "valid": r.valid, "diagnostics": [d.as_dict() for d in r.diagnostics]}
            for r in results
        ],
    }


def github_line(d: Diagnostic) -> str:
    """A GitHub Actions workflow command (shows as an annotation on the diff)."""
    kind = {Severity.ERROR: "error", Severity.WARNING: "warning"}.get(d.severity, "notice")
    props = []
    if d.file:
        props.append(f"file={_gh_prop(d.file)}")
    if d.line:
        props.append(f"line={d.line}")
    if d.column:
        props.append(f"col={d.column}")
    props.append(f"title={_gh_prop(d.code)}")
    return f"::{kind} {','.join(props)}::{_gh_data(d.message)}"


def _gh_data(s: str) -> str:
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return printable(s)


def printable(text: str) -> str:
    """Text safe on a terminal: control characters (ESC from a file name, say) escaped."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


def _gh_prop(s: str) -> str:
    return _gh_data(s).replace(":", "%3A").replace(",", "%2C")


def to_junit(results: list[FileResult]) -> bytes:
    """JUnit XML: one testcase per file, one <failure> per file with errors."""
    from lxml import etree  # here: most reports are text, and lxml costs ~8 ms to import

    failures = sum(not r.valid for r in results)
    suites = etree.Element(
        "testsuites",
        name="tei-toolkit validate",
        tests=str(len(results)),
        failures=str(failures),
        errors="0",
    )
    suite = etree.SubElement(
        suites,
        "testsuite",
        name="tei-toolkit validate",
        tests=str(len(results)),
        failures=str(failures),
        errors="0",
        skipped="0",
    )
    for r in results:
        case = etree.SubElement(suite, "testcase", name=r.file, classname="tei-toolkit.validate")
        errors = [d for d in r.diagnostics if d.severity is Severity.ERROR]
        if errors:
            fail = etree.SubElement(
                case,
                "failure",
                type=errors[0].code,
                message=f"{len(errors)} error{'s' * (len(errors) != 1)}: {errors[0].message}",
            )
            fail.text = "\n".join(str(d) for d in r.diagnostics)
        elif r.diagnostics:
            out = etree.SubElement(case, "system-out")
            out.text = "\n".join(str(d) for d in r.diagnostics)
    return etree.tostring(suites, xml_declaration=True, encoding="UTF-8", pretty_print=True)


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def to_sarif(results: list[FileResult]) -> dict:
    """SARIF 2.1.0: one run, one rule per diagnostic code, one result per diagnostic."""
    codes = sorted({d.code for r in results for d in r.diagnostics})
    index = {c: i for i, c in enumerate(codes)}
    rules = [
        {"id": c, "name": c.replace(":", "-"), "shortDescription": {"text": describe(c)}}
        for c in codes
    ]
    out = []
    for r in results:
        for d in r.diagnostics:
            region: dict[str, int] = {}
            if d.line:
                region["startLine"] = d.line
                if d.column:
                    region["startColumn"] = d.column
            physical: dict[str, object] = {"artifactLocation": {"uri": _uri(d.file or r.file)}}
            if region:
                physical["region"] = region
            loc: dict[str, object] = {"physicalLocation": physical}
            res: dict[str, object] = {
                "ruleId": d.code,
                "ruleIndex": index[d.code],
                "level": _SARIF_LEVEL[d.severity],
                "message": {"text": d.message},
                "locations": [loc],
            }
            if d.path:
                loc["logicalLocations"] = [{"fullyQualifiedName": d.path, "kind": "element"}]
            out.append(res)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "tei-toolkit",
                        "version": __version__,
                        "informationUri": TOOL_URI,
                        "rules": rules,
                    }
                },
                "artifacts": [{"location": {"uri": _uri(r.file)}} for r in results],
                "results": out,
            }
        ],
    }


def _uri(path: str) -> str:
    return quote(path.replace("\\", "/"), safe="/:._-~")
