"""Schematron preprocessing, in the standard order: ``sch:include`` (local files only,
as the policy allows), abstract rules (``sch:extends``), abstract patterns (``is-a``
with ``sch:param``), then the phase's active patterns. ``schematron_compile`` turns
the result into XSLT.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

from lxml import etree

from ..diagnostics import SchemaError
from .sandbox import Policy, Refused

SCH_NS = "http://purl.oclc.org/dsdl/schematron"
_S = f"{{{SCH_NS}}}"


def load(path: Path, seen: frozenset = frozenset(), *, policy: Policy) -> etree._Element:
    path = path.resolve()
    inside = policy.project is not None and path.is_relative_to(policy.project)
    compiled = not seen and policy.origin is not None  # compiled from an ODD: in our cache
    if not policy.trusted and not (inside or compiled):
        raise Refused(
            "a schema named by a document may include only files inside the document's "
            "project folder",
            file=str(path),
        )
    if path in seen:
        raise SchemaError("sch:include loops back to this file", code="sch:schema", file=str(path))
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.parse(str(path), parser).getroot()
    except OSError:
        raise SchemaError(
            "cannot read Schematron schema", code="sch:schema", file=str(path)
        ) from None
    except etree.XMLSyntaxError as exc:
        raise SchemaError(
            f"Schematron schema is not well-formed XML: {exc}", code="sch:schema", file=str(path)
        ) from None
    if root.tag == "{http://relaxng.org/ns/structure/1.0}grammar" and not seen:
        root = _embedded(root)
    for inc in list(root.iter(f"{_S}include", f"{_S}extends")):
        href = inc.get("href")
        if not href:
            continue
        file_part, _, fragment = href.partition("#")
        if re.match(r"[a-zA-Z][\w+.-]*:", file_part) and not file_part.startswith("file:"):
            raise Refused(f"sch:include of {file_part}: only local files", file=str(path))
        local = Path(file_part.removeprefix("file://"))
        target = load(path.parent / local, seen | {path}, policy=policy) if file_part else root
        if fragment:
            found = target.xpath("//*[@id=$id]", id=fragment)
            if not found:
                raise SchemaError(
                    f"sch:include: no element with id {fragment!r} in {href}",
                    code="sch:schema",
                    file=str(path),
                )
            target = found[0]
        if inc.tag == f"{_S}extends":  # 2016: extends@href pulls in an abstract rule's body
            _replace(inc, [copy.deepcopy(c) for c in target])
        else:
            _replace(inc, [copy.deepcopy(target)])
    return root


def _embedded(grammar: etree._Element) -> etree._Element:
    """The Schematron embedded in a RELAX NG schema (as TEI's ODD processor writes it):
    its sch:ns, sch:let and sch:pattern elements, gathered into one sch:schema."""
    schema = etree.Element(f"{_S}schema", nsmap={"sch": SCH_NS})
    schema.set("queryBinding", "xslt2")
    for el in grammar.iter(f"{_S}ns", f"{_S}pattern", f"{_S}let", f"{_S}diagnostics"):
        parent = el.getparent()
        if parent is not None and etree.QName(parent).namespace == SCH_NS:
            continue  # copied with its pattern or rule
        schema.append(copy.deepcopy(el))
    return schema


def _replace(el: etree._Element, new: list) -> None:
    parent = el.getparent()
    at = parent.index(el)
    tail = el.tail
    parent.remove(el)
    for offset, item in enumerate(new):
        parent.insert(at + offset, item)
    if new and tail:
        new[-1].tail = (new[-1].tail or "") + tail


def expand_abstract_rules(root: etree._Element) -> None:
    abstract = {r.get("id"): r for r in root.iter(f"{_S}rule") if r.get("abstract") == "true"}
    for _ in range(20):  # abstract rules may extend abstract rules
        pending = list(root.iter(f"{_S}extends"))
        if not pending:
            break
        for ext in pending:
            name = ext.get("rule")
            if name not in abstract:
                raise SchemaError(f"sch:extends names no abstract rule {name!r}", code="sch:schema")
            _replace(ext, [copy.deepcopy(c) for c in abstract[name]])
    else:
        raise SchemaError("sch:extends nests too deeply (a cycle?)", code="sch:schema")
    for rule in abstract.values():
        rule.getparent().remove(rule)


def expand_abstract_patterns(root: etree._Element) -> None:
    abstract = {p.get("id"): p for p in root.iter(f"{_S}pattern") if p.get("abstract") == "true"}
    for pattern in list(root.iter(f"{_S}pattern")):
        base_id = pattern.get("is-a")
        if not base_id:
            continue
        if base_id not in abstract:
            raise SchemaError(
                f"pattern is-a {base_id!r}: no such abstract pattern", code="sch:schema"
            )
        params = {p.get("name"): p.get("value", "") for p in pattern.iter(f"{_S}param")}
        concrete = copy.deepcopy(abstract[base_id])
        for attr in ("abstract", "id"):
            concrete.attrib.pop(attr, None)
        for attr in ("id", "role", "documents"):
            if pattern.get(attr):
                concrete.set(attr, pattern.get(attr))
        _substitute_params(concrete, params)
        _replace(pattern, [concrete])
    for pattern in abstract.values():
        pattern.getparent().remove(pattern)


def _substitute_params(el: etree._Element, params: dict[str, str]) -> None:
    if not params:
        return
    names = sorted(params, key=len, reverse=True)
    rx = re.compile(r"\$(" + "|".join(re.escape(n) for n in names) + r")(?![\w.-])")
    for node in el.iter():
        if not isinstance(node.tag, str):
            continue
        for key, value in node.attrib.items():
            if "$" in value:
                node.set(key, rx.sub(lambda m: params[m.group(1)], value))


def active_patterns(root: etree._Element, phase: str | None) -> list:
    patterns = [p for p in root.iter(f"{_S}pattern") if p.get("abstract") != "true"]
    phase = phase or root.get("defaultPhase")
    if not phase or phase == "#ALL":
        return patterns
    for ph in root.iter(f"{_S}phase"):
        if ph.get("id") == phase:
            active = {a.get("pattern") for a in ph.iter(f"{_S}active")}
            return [p for p in patterns if p.get("id") in active]
    raise SchemaError(f"no Schematron phase {phase!r}", code="sch:schema")
