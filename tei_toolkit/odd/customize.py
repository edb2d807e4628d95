"""odd2odd: a schemaSpec and its source -> the set of specifications of one schema."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lxml import etree

from ..diagnostics import Diagnostic, warning
from ..validators.cache import file_sha256, schemas_dir
from .merge import merge_spec
from .source import SPEC_KINDS, XML_NS, OddError, Source, index_specs, is_tei, local, parse_odd, t

_REFS = {"elementRef": "elementSpec", "classRef": "classSpec", "macroRef": "macroSpec"}
_REFS["dataRef"] = "dataSpec"
DEFAULT_EXCEPTIONS = "http://www.tei-c.org/ns/1.0 teix:egXML"
SHIPPED_RELEASES = ("4.8.0",)


@dataclass
class Schema:
    """What odd2relax needs: merged specs in order, and the schemaSpec's settings."""

    ident: str
    specs: dict[str, etree._Element]
    start: list[str]
    ns: str
    prefix: str
    odd_path: str
    edition: str
    default_exceptions: str = DEFAULT_EXCEPTIONS
    exceptions_nsmap: dict = field(default_factory=dict)
    att_filters: dict[str, tuple[set[str] | None, set[str]]] = field(default_factory=dict)
    includes: list[str] = field(default_factory=list)
    constraints: list[etree._Element] = field(default_factory=list)  # outside any spec
    notes: list[Diagnostic] = field(default_factory=list)
    lang: str = "en"  # the ODD's language where the schemaSpec is: constraints in others drop

    def kind(self, ident: str) -> str | None:
        spec = self.specs.get(ident)
        return local(spec) if spec is not None else None


def p5subset_path() -> Path:
    return schemas_dir() / "p5subset.xml"


@lru_cache(maxsize=4)
def _load_source(path: str, sha: str) -> Source:
    tree = parse_odd(path)
    root = tree.getroot()
    if root.find(f".//{t('schemaSpec')}/{t('moduleRef')}") is not None:
        # a customization used as a source: compile it first (chained ODDs)
        schema = customize(path)
        src = Source(path=path, specs={}, modules={}, edition=schema.edition)
        for ident, spec in schema.specs.items():
            src.specs[ident] = spec
            src.modules.setdefault(spec.get("module") or "", []).append(ident)
        return src
    return index_specs(root, path)


def load_source(path: str | Path) -> Source:
    return _load_source(str(path), file_sha256(path))


def _source_path(value: str | None, odd: Path, line: int | None) -> Path:
    if value is None or value in ("tei:current", "tei:4.8.0", "tei:latest"):
        path = p5subset_path()
        if not path.is_file():
            raise OddError(f"the TEI source {path} is not installed", file=str(odd), line=line)
        return path
    if value.startswith("tei:"):
        raise OddError(
            f"schemaSpec/@source={value!r}: only TEI P5 {', '.join(SHIPPED_RELEASES)} is "
            "shipped; give the path of a local p5subset.xml instead",
            file=str(odd),
            line=line,
        )
    if re.match(r"[a-z]+://", value) and not value.startswith("file://"):
        raise OddError(
            f"schemaSpec/@source={value!r} is not local (no network access); "
            "download it and give its path",
            file=str(odd),
            line=line,
        )
    path = (odd.parent / value.removeprefix("file://")).resolve()
    if not path.is_file():
        raise OddError(f"schemaSpec/@source: no such file {path}", file=str(odd), line=line)
    return path


def _find_schemaspec(root: etree._Element, ident: str | None, odd: str) -> etree._Element:
    specs = list(root.iter(t("schemaSpec")))
    if ident is not None:
        specs = [s for s in specs if s.get("ident") == ident]
    if not specs:
        raise OddError("no <schemaSpec> in this file: is it an ODD?", file=odd)
    return specs[0]


def _expand_groups(
    spec: etree._Element, groups: dict[str, etree._Element], odd: str, notes: list[Diagnostic]
) -> list:
    out: list[etree._Element] = []

    def walk(parent: etree._Element, seen: tuple[str, ...]) -> None:
        for child in parent:
            if not is_tei(child):
                continue
            name = local(child)
            if name == "specGrpRef":
                target = (child.get("target") or "").strip()
                if not target.startswith("#"):
                    raise OddError(
                        f"specGrpRef target {target!r}: only references into this file "
                        "(#id) are supported",
                        file=odd,
                        line=child.sourceline,
                    )
                key = target[1:]
                if key in seen:
                    raise OddError(f"specGrp {key!r} refers to itself", file=odd)
                if key not in groups:
                    notes.append(
                        warning(
                            "odd:missing-specgrp",
                            f"specGrpRef target={target!r}: no specGrp has that xml:id; ignored",
                            file=odd,
                            line=child.sourceline,
                        )
                    )
                    continue
                walk(groups[key], (*seen, key))
            elif name == "specGrp":
                walk(child, seen)
            else:
                out.append(child)

    walk(spec, ())
    return out


def language_of(el: etree._Element) -> str:
    """The xml:lang in scope at ``el`` (English when none is)."""
    found = el.xpath("ancestor-or-self::*[@xml:lang][1]/@xml:lang")
    return str(found[0]) if found else "en"


def _idents(value: str | None) -> set[str] | None:
    return set(value.split()) if value is not None else None


def customize(odd_path: str | Path, schema_ident: str | None = None) -> Schema:
    """Resolve an ODD's schemaSpec against its source into one Schema."""
    odd = Path(odd_path)
    root = parse_odd(odd).getroot()
    spec_el = _find_schemaspec(root, schema_ident, str(odd))
    source = load_source(_source_path(spec_el.get("source"), odd, spec_el.sourceline))
    groups = {g.get(f"{{{XML_NS}}}id"): g for g in root.iter(t("specGrp"))}
    notes: list[Diagnostic] = []
    items = _expand_groups(spec_el, {k: v for k, v in groups.items() if k}, str(odd), notes)
    schema = Schema(
        ident=spec_el.get("ident") or odd.stem,
        specs={},
        start=(spec_el.get("start") or "TEI").split(),
        ns=spec_el.get("ns", "http://www.tei-c.org/ns/1.0"),
        prefix=spec_el.get("prefix", ""),
        odd_path=str(odd),
        edition=source.edition,
        default_exceptions=spec_el.get("defaultExceptions", DEFAULT_EXCEPTIONS),
        exceptions_nsmap={k: v for k, v in spec_el.nsmap.items() if k},
        lang=language_of(spec_el),
    )
    schema.notes.extend(notes)
    selected = schema.specs
    for item in items:
        name = local(item)
        if name == "moduleRef":
            _module_ref(item, source, schema, str(odd))
        elif name in _REFS:
            key = item.get("key")
            found = source.specs.get(key or "")
            if found is None or local(found) != _REFS[name]:
                raise OddError(
                    f"{name} key={key!r}: no {_REFS[name]} of that ident in the source",
                    file=str(odd),
                    line=item.sourceline,
                )
            selected[key] = found
            if name == "classRef" and (item.get("include") or item.get("except")):
                schema.att_filters[key] = (
                    _idents(item.get("include")),
                    _idents(item.get("except")) or set(),
                )
    for item in items:
        if local(item) in SPEC_KINDS:
            _apply_spec(item, selected, source, schema)
        elif local(item) == "constraintSpec":
            schema.constraints.append(item)
    return schema


def _module_ref(item: etree._Element, source: Source, schema: Schema, odd: str) -> None:
    url = item.get("url")
    if url:
        if re.match(r"[a-z]+://", url) and not url.startswith("file://"):
            raise OddError(
                f"moduleRef url={url!r} is not local (no network access): download the "
                "RELAX NG schema and give its path",
                file=odd,
                line=item.sourceline,
            )
        path = (Path(odd).parent / url.removeprefix("file://")).resolve()
        if not path.is_file():
            raise OddError(f"moduleRef url: no such file {path}", file=odd, line=item.sourceline)
        schema.includes.append(str(path))
        return
    key = item.get("key")
    if key not in source.modules:
        raise OddError(
            f"moduleRef key={key!r}: the source has no such module", file=odd, line=item.sourceline
        )
    include, exclude = _idents(item.get("include")), _idents(item.get("except")) or set()
    for ident in source.modules[key]:
        spec = source.specs[ident]
        if local(spec) == "elementSpec" and (
            (include is not None and ident not in include) or ident in exclude
        ):
            continue
        schema.specs[ident] = spec
    named = (include or set()) | exclude
    for ident in sorted(named - set(source.modules[key])):
        schema.notes.append(
            warning(
                "odd:unknown-element",
                f"moduleRef key={key!r} names {ident!r}, which is not in that module",
                file=odd,
                line=item.sourceline,
            )
        )


def _apply_spec(item: etree._Element, selected: dict, source: Source, schema: Schema) -> None:
    ident = item.get("ident")
    mode = item.get("mode") or "add"
    if not ident:
        raise OddError(f"{local(item)} without @ident", file=schema.odd_path, line=item.sourceline)
    if mode == "delete":
        selected.pop(ident, None)
    elif mode in ("add", "replace"):
        new = copy.deepcopy(item)
        new.attrib.pop("mode", None)
        selected[ident] = new
    elif mode == "change":
        base = selected.get(ident)
        if base is None:
            schema.notes.append(
                warning(
                    "odd:change-unselected",
                    f'{local(item)} ident="{ident}" mode="change": it is not in the schema '
                    "(no moduleRef or elementRef selects it); the change is ignored",
                    file=schema.odd_path,
                    line=item.sourceline,
                )
            )
            return
        selected[ident] = merge_spec(base, item)
    else:
        raise OddError(
            f'{local(item)} ident="{ident}": unknown mode {mode!r}',
            file=schema.odd_path,
            line=item.sourceline,
        )
