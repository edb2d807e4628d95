"""odd2relax: a resolved Schema -> one RELAX NG grammar (XML syntax)."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from .attributes import Attributes
from .content import ContentBuilder, R, prune, rng
from .customize import Schema
from .source import RNG_NS, TEI_NS, local

XSD_DATATYPES = "http://www.w3.org/2001/XMLSchema-datatypes"
_T = f"{{{TEI_NS}}}"
VARIANTS = {
    "alternation": ("choice", None),
    "sequence": ("group", None),
    "sequenceOptional": ("group", "optional"),
    "sequenceOptionalRepeatable": ("group", "zeroOrMore"),
    "sequenceRepeatable": ("group", "oneOrMore"),
}
_EMPTY_VARIANT = {"sequence": "empty", "sequenceOptional": "empty"}
_EMPTY_VARIANT["sequenceOptionalRepeatable"] = "empty"


def build_grammar(schema: Schema, header: str = "") -> etree._Element:
    content = ContentBuilder(schema)
    atts = Attributes(schema, content)
    grammar = etree.Element(R + "grammar", nsmap={None: RNG_NS})
    grammar.set("ns", schema.ns)
    grammar.set("datatypeLibrary", XSD_DATATYPES)
    if header:
        grammar.append(etree.Comment(header))
    for path in schema.includes:
        inc = rng("include", href=Path(path).as_uri())
        if _has_start(path):
            inc.append(rng("start", rng("notAllowed")))
        grammar.append(inc)
    for ident, spec in schema.specs.items():
        kind = local(spec)
        if kind == "elementSpec":
            grammar.append(_element(ident, spec, content, atts))
        elif kind in ("macroSpec", "dataSpec"):
            body = spec.find(_T + "content")
            pats = content.convert(body, ident) if body is not None else []
            grammar.append(rng("define", *pats, name=ident))
        elif kind == "classSpec" and spec.get("type") == "model":
            grammar.extend(_model_class(ident, content))
    grammar.extend(content.any_defines.values())
    grammar.extend(atts.defines)
    refs = [
        rng("ref", name=content.name_of(s))
        for s in schema.start
        if schema.kind(s) in ("elementSpec", "macroSpec")
    ]
    grammar.append(rng("start", rng("choice", *refs) if len(refs) != 1 else refs[0]))
    prune(grammar)
    return grammar


def _has_start(path: str) -> bool:
    try:
        root = etree.parse(path, etree.XMLParser(no_network=True, resolve_entities=False))
    except (OSError, etree.XMLSyntaxError):
        return False
    return root.getroot().find(R + "start") is not None


def _element(ident: str, spec: etree._Element, content: ContentBuilder, atts: Attributes):
    alt = spec.find(_T + "altIdent")
    name = (alt.text or "").strip() if alt is not None else ident
    element = rng("element", name=name)
    if spec.get("ns"):
        element.set("ns", spec.get("ns", ""))
    body = spec.find(_T + "content")
    if body is not None:
        element.extend(content.convert(body, ident))
    element.extend(_balanced(atts.patterns(ident)))
    return rng("define", element, name=content.name_of(ident))


def _balanced(items: list[etree._Element], width: int = 8) -> list[etree._Element]:
    """Nest long runs in groups of ``width``: jing recurses once per member of a group."""
    while len(items) > width:
        items = [
            rng("group", *items[i : i + width]) if len(items[i : i + width]) > 1 else items[i]
            for i in range(0, len(items), width)
        ]
    return items


def _model_class(ident: str, content: ContentBuilder) -> list[etree._Element]:
    members = content.members(ident)
    defines = []
    if members:
        refs = [rng("ref", name=content.name_of(m)) for m in members]
        defines.append(rng("define", rng("choice", *refs), name=ident))
    else:
        defines.append(rng("define", rng("notAllowed"), name=ident))
    for variant, (tag, wrap) in VARIANTS.items():
        if not members:
            body = rng(_EMPTY_VARIANT.get(variant, "notAllowed"))
        else:
            items = [rng("ref", name=content.name_of(m)) for m in members]
            if wrap:
                items = [rng(wrap, i) for i in items]
            body = rng(tag, *items)
        defines.append(rng("define", body, name=f"{ident}_{variant}"))
    return defines
