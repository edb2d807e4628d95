"""constraintSpec -> one ISO Schematron schema (what extract-isosch makes of an ODD)."""

from __future__ import annotations

import copy

from lxml import etree

from .customize import Schema, language_of
from .source import SCH_NS, TEI_NS, is_tei, local

S = f"{{{SCH_NS}}}"
_T = f"{{{TEI_NS}}}"
BASE_NS = {
    "tei": TEI_NS,
    "xs": "http://www.w3.org/2001/XMLSchema",
    "rng": "http://relaxng.org/ns/structure/1.0",
    "rna": "http://relaxng.org/ns/compatibility/annotations/1.0",
    "sch": SCH_NS,
    "sch1x": "http://www.ascc.net/xml/schematron",
}
SCHEMES = ("schematron", "isoschematron")


def _constraints(spec: etree._Element):
    """(attDef ident or None, constraintSpec) of a spec and of its own attDefs."""
    for child in spec:
        if is_tei(child, "constraintSpec"):
            yield None, child
    attlist = spec.find(_T + "attList")
    if attlist is not None:
        for ad in attlist.iter(_T + "attDef"):
            for cs in ad.findall(_T + "constraintSpec"):
                yield ad.get("ident"), cs


def _default_context(spec: etree._Element, att: str | None) -> str:
    ident = spec.get("ident", "")
    if local(spec) == "elementSpec":
        ns = spec.get("ns")
        base = f"tei:{ident}" if not ns or ns == TEI_NS else f"*:{ident}"
        return f"{base}/@{att}" if att else base
    return f"tei:*[@{att}]" if att else "tei:*"


def _sch_copy(el: etree._Element) -> etree._Element:
    """A Schematron element re-made in the sch namespace, without the ODD's namespaces."""
    if not isinstance(el.tag, str):
        return copy.copy(el)
    if etree.QName(el).namespace != SCH_NS:
        return copy.deepcopy(el)
    new = etree.Element(S + local(el), dict(el.attrib))
    new.text = el.text
    for child in el:
        sub = _sch_copy(child)
        sub.tail = child.tail
        new.append(sub)
    return new


def used_classes(schema: Schema) -> set[str]:
    """Classes some element of the schema belongs to, directly or through other classes."""
    used: set[str] = set()
    todo = [i for i, s in schema.specs.items() if local(s) == "elementSpec"]
    while todo:
        spec = schema.specs[todo.pop()]
        for m in spec.iter(_T + "memberOf"):
            key = m.get("key", "")
            if key in schema.specs and key not in used:
                used.add(key)
                todo.append(key)
    return used


_KIND_RANK = {"classSpec": 0, "elementSpec": 1}


def _in_stylesheet_order(schema: Schema) -> list[tuple[str, etree._Element]]:
    """The specs in the order odd2odd leaves them, so that pattern numbers (part of each
    diagnostic code) are the Stylesheets' own: module tei, then core, then the other
    modules as the schemaSpec selects them; in a module, classes before elements."""
    modules: dict[str, int] = {"tei": 0, "core": 1}
    for spec in schema.specs.values():
        modules.setdefault(spec.get("module") or "", len(modules))
    ranked = sorted(
        enumerate(schema.specs.items()),
        key=lambda item: (
            modules[item[1][1].get("module") or ""],
            _KIND_RANK.get(local(item[1][1]), 2),
            item[0],
        ),
    )
    return [pair for _, pair in ranked]


def build_schematron(schema: Schema) -> etree._Element:
    root = etree.Element(S + "schema", nsmap={None: SCH_NS})
    root.set("queryBinding", "xslt2")
    title = etree.SubElement(root, S + "title")
    title.text = f"ISO Schematron rules of {schema.ident}"
    prefixes = dict(BASE_NS)
    patterns: list[etree._Element] = []
    n = 0
    used = used_classes(schema)
    found: list[tuple[etree._Element | None, str | None, etree._Element]] = []
    for ident, spec in _in_stylesheet_order(schema):
        if local(spec) == "classSpec" and ident not in used:
            continue  # odd2odd drops classes no element belongs to
        found.extend((spec, att, cs) for att, cs in _constraints(spec))
    found.extend((None, None, cs) for cs in schema.constraints)
    for spec, att, cs in found:
        if cs.get("scheme") not in SCHEMES:
            continue
        # the Stylesheets number every Schematron constraintSpec, also those they drop
        n += 1
        constraint = cs.find(_T + "constraint")
        if constraint is None or language_of(cs) != schema.lang:
            continue
        kids = [k for k in constraint if isinstance(k.tag, str)]
        for k in kids:
            if k.tag == S + "ns" and k.get("prefix"):
                prefixes.setdefault(k.get("prefix", ""), k.get("uri", ""))
        body = [k for k in kids if k.tag in (S + "rule", S + "assert", S + "report")]
        others = [k for k in kids if k.tag not in (S + "ns", S + "pattern") and k not in body]
        for pattern in (k for k in kids if k.tag == S + "pattern"):
            n += 1
            new = _sch_copy(pattern)
            new.set("id", new.get("id") or f"schematron-pattern-{schema.ident}-{n}")
            patterns.append(new)
        if not body and not others:
            continue
        parts = [spec.get("ident") if spec is not None else None, att, cs.get("ident")]
        pid = "-".join(p for p in parts if p)
        pattern = etree.Element(S + "pattern")
        if body:
            pattern.set("id", f"schematron-constraint-{schema.ident}-{pid}-{n}")
        pattern.extend(_sch_copy(x) for x in others)
        rule: etree._Element | None = None
        for k in body:
            if k.tag == S + "rule":
                pattern.append(_sch_copy(k))
                rule = None
            else:
                if rule is None:
                    context = _default_context(spec, att) if spec is not None else "/"
                    rule = etree.SubElement(pattern, S + "rule", context=context)
                rule.append(_sch_copy(k))
        patterns.append(pattern)
    patterns.extend(_deprecations(schema))
    patterns.extend(_param_lists(schema))
    for prefix, uri in prefixes.items():
        etree.SubElement(root, S + "ns", prefix=prefix, uri=uri)
    root.extend(patterns)
    etree.cleanup_namespaces(root)
    return root


def _report(context: str, test: str, text: str) -> etree._Element:
    pattern = etree.Element(S + "pattern")
    rule = etree.SubElement(pattern, S + "rule", context=context)
    report = etree.SubElement(rule, S + "report", test=test, role="nonfatal")
    report.text = text
    return pattern


def _deprecations(schema: Schema) -> list[etree._Element]:
    """The Stylesheets' warnings for elements and attributes with @validUntil."""
    out: list[etree._Element] = []
    for ident, spec in _in_stylesheet_order(schema):
        if local(spec) != "elementSpec":
            continue
        context = _default_context(spec, None)
        until = spec.get("validUntil")
        if until:
            pattern = _report(context, "true()", "WARNING: use of deprecated element — The ")
            report = pattern[0][0]
            etree.SubElement(
                report, S + "name"
            ).tail = f" element will be removed from the TEI on {until}."
            out.append(pattern)
        for ad in spec.iterfind(f"{_T}attList//{_T}attDef[@validUntil]"):
            att = ad.get("ident", "")
            text = (
                f"WARNING: use of deprecated attribute — @{att} of the {ident} element will "
                f"be removed from the TEI on {ad.get('validUntil')}."
            )
            out.append(_report(context, f"@{att}", text))
    return out


def _param_lists(schema: Schema) -> list[etree._Element]:
    """The Stylesheets' checks of processing-model parameters (model/@behaviour)."""
    spec = schema.specs.get("model")
    if spec is None or local(spec) != "elementSpec":
        return []
    out: list[etree._Element] = []
    for item in spec.iter(_T + "valItem"):
        params = [p.get("ident", "") for p in item.iter(_T + "paramSpec")]
        if not params:
            continue
        behaviour = item.get("ident", "")
        pattern = etree.Element(S + "pattern", id=f"teipm-model-paramList-{len(out) + 1}")
        rule = etree.SubElement(
            pattern, S + "rule", context=f"tei:param[parent::tei:model/@behaviour='{behaviour}']"
        )
        test = "  or  ".join(f"@name='{p}'" for p in params)
        assertion = etree.SubElement(rule, S + "assert", role="error", test=test)
        assertion.text = "Parameter name '"
        v1 = etree.SubElement(assertion, S + "value-of", select="@name")
        v1.tail = "' (on "
        v2 = etree.SubElement(assertion, S + "value-of", select="ancestor::tei:elementSpec/@ident")
        v2.tail = f") not allowed. Must be drawn from the list: {', '.join(params)}"
        out.append(pattern)
    return out
