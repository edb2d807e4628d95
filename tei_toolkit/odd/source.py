"""Reading ODD files: a safe parser, the spec index of a source, and ODD errors with lines."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..diagnostics import ExitCode, ToolkitError

TEI_NS = "http://www.tei-c.org/ns/1.0"
RNG_NS = "http://relaxng.org/ns/structure/1.0"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"
TEIX_NS = "http://www.tei-c.org/ns/Examples"
XML_NS = "http://www.w3.org/XML/1998/namespace"
SPEC_KINDS = ("elementSpec", "classSpec", "macroSpec", "dataSpec")


class OddError(ToolkitError):
    """An ODD that cannot be compiled: says which file and line."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None):
        where = f"line {line}: " if line else ""
        super().__init__(where + message, code="odd", exit_code=ExitCode.USAGE, file=file)
        self.line = line


def t(name: str) -> str:
    """Clark name of a TEI element."""
    return f"{{{TEI_NS}}}{name}"


def local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def is_tei(el: etree._Element, *names: str) -> bool:
    if not isinstance(el.tag, str):
        return False
    q = etree.QName(el)
    return q.namespace == TEI_NS and (not names or q.localname in names)


def parse_odd(path: str | Path) -> etree._ElementTree:
    """Parse an ODD: no DTD, no entities, no network; line numbers kept."""
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=True,
        remove_comments=True,
        collect_ids=False,
    )
    try:
        return etree.parse(str(path), parser)
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if exc.position else None
        raise OddError(f"not well-formed XML: {exc.msg}", file=str(path), line=line) from exc
    except OSError as exc:
        raise OddError(f"cannot read: {exc}", file=str(path)) from exc


@dataclass
class Source:
    """Every specification of a source ODD, by ident, in document order."""

    path: str
    specs: dict[str, etree._Element]
    modules: dict[str, list[str]]  # module -> idents of its specs, in order
    edition: str

    def module_of(self, ident: str) -> str | None:
        spec = self.specs.get(ident)
        return spec.get("module") if spec is not None else None


def index_specs(root: etree._Element, path: str) -> Source:
    specs: dict[str, etree._Element] = {}
    modules: dict[str, list[str]] = {}
    for el in root.iter(*(t(k) for k in SPEC_KINDS)):
        ident = el.get("ident")
        if not ident or el.get("mode") == "delete":
            continue
        if ident not in specs:
            modules.setdefault(el.get("module") or "", []).append(ident)
        specs[ident] = el
    edition = " ".join(" ".join("".join(e.itertext()).split()) for e in root.iter(t("edition")))
    return Source(path=path, specs=specs, modules=modules, edition=edition[:200])
