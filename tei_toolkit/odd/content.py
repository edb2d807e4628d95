"""TEI's content-model language (and embedded rng:*) -> RELAX NG patterns."""

from __future__ import annotations

import copy

from lxml import etree

from .customize import Schema
from .source import RNG_NS, TEI_NS, TEIX_NS, OddError, is_tei, local

R = f"{{{RNG_NS}}}"
_EXPAND: tuple[str, ...] = ("alternation", "sequence", "sequenceOptional")
_EXPAND += ("sequenceOptionalRepeatable", "sequenceRepeatable")


def rng(tag_: str, *children: etree._Element, **attrs: str) -> etree._Element:
    el = etree.Element(R + tag_, **attrs)
    el.extend(children)
    return el


def _occurs(node: etree._Element, odd: str) -> tuple[int, int | None]:
    def num(attr: str) -> int | None:
        v = node.get(attr)
        if v is None:
            return 1
        if v == "unbounded":
            return None
        try:
            return int(v)
        except ValueError:
            raise OddError(
                f"@{attr}={v!r} is not a number",
                file=node.getroottree().docinfo.URL,
                line=node.sourceline,
            ) from None

    lo, hi = num("minOccurs"), num("maxOccurs")
    return lo or 0, hi


def repeat(items: list[etree._Element], lo: int, hi: int | None) -> list[etree._Element]:
    """items{lo,hi} as RELAX NG (hi None: unbounded)."""
    if not items or hi == 0:
        return []

    def one() -> etree._Element:
        return items[0] if len(items) == 1 else rng("group", *items)

    def fresh() -> etree._Element:
        return copy.deepcopy(one())

    if (lo, hi) == (1, 1):
        return list(items)
    if hi is None:
        head = [fresh() for _ in range(max(lo - 1, 0))]
        return head + [rng("oneOrMore" if lo >= 1 else "zeroOrMore", fresh())]
    out = [fresh() for _ in range(lo)]
    optional = None
    for _ in range(hi - lo):  # nested optionals: a?, (a, a?)? ...
        optional = rng("optional", fresh(), *([optional] if optional is not None else []))
    if optional is not None:
        out.append(optional)
    return out


class ContentBuilder:
    """Turns content, datatype and dataSpec bodies into RELAX NG for one Schema."""

    def __init__(self, schema: Schema):
        self.schema = schema
        self.any_defines: dict[tuple, etree._Element] = {}
        self._members: dict[str, list[str]] | None = None

    def name_of(self, ident: str) -> str:
        """The define name of a spec (elements carry the schema's prefix)."""
        spec = self.schema.specs.get(ident)
        if spec is not None and local(spec) == "elementSpec":
            return (spec.get("prefix") or self.schema.prefix) + ident
        return ident

    def convert(self, node: etree._Element, owner: str) -> list[etree._Element]:
        out: list[etree._Element] = []
        for child in node:
            out.extend(self.one(child, owner))
        return out

    def one(self, node: etree._Element, owner: str) -> list[etree._Element]:
        if not isinstance(node.tag, str):
            return []
        q = etree.QName(node)
        if q.namespace == RNG_NS:
            return [self._rng_copy(node, owner)]
        if q.namespace != TEI_NS:
            return []
        name = q.localname
        odd = self.schema.odd_path
        lo, hi = _occurs(node, odd)
        if name in ("content", "datatype"):
            return self.convert(node, owner)
        if name == "sequence":
            tag = "group" if node.get("preserveOrder") != "false" else "interleave"
            inner = self.convert(node, owner)
            return repeat([rng(tag, *inner)] if inner else [], lo, hi)
        if name == "alternate":
            inner = self.convert(node, owner)
            return repeat([rng("choice", *inner)] if inner else [], lo, hi)
        if name in ("elementRef", "macroRef", "dataRef") and node.get("key"):
            key = node.get("key", "")
            if key not in self.schema.specs:
                return []
            return repeat([rng("ref", name=self.name_of(key))], lo, hi)
        if name == "classRef":
            return repeat(self._class_ref(node), lo, hi)
        if name == "dataRef":
            return repeat([self._data(node)], lo, hi)
        if name == "textNode":
            return [rng("text")]
        if name == "empty":
            return [rng("empty")]
        if name == "anyElement":
            return repeat([self._any(node, owner)], lo, hi)
        if name == "valList":
            return [self.values(node, None)]
        if name in ("constraintSpec", "desc", "gloss", "remarks", "exemplum", "listRef"):
            return []
        raise OddError(
            f"<{name}> is not allowed in a content model",
            file=node.getroottree().docinfo.URL,
            line=node.sourceline,
        )

    def values(self, vallist: etree._Element, datatype: list[etree._Element] | None):
        vals = []
        for item in vallist.iter(f"{{{TEI_NS}}}valItem"):
            value = rng("value")
            value.text = item.get("ident", "")
            vals.append(value)
        kind = vallist.get("type", "open")
        if kind == "closed" or not datatype:
            return rng("choice", *vals) if vals else rng("notAllowed")
        if kind == "semi":
            return rng("choice", *vals, *datatype)
        return datatype[0] if len(datatype) == 1 else rng("group", *datatype)

    def _class_ref(self, node: etree._Element) -> list[etree._Element]:
        key = node.get("key", "")
        if self.schema.kind(key) != "classSpec":
            return []
        include, exclude = node.get("include"), node.get("except")
        if include or exclude:
            members = self.members(key)
            keep = [
                m
                for m in members
                if (include is None or m in include.split()) and m not in (exclude or "").split()
            ]
            refs = [rng("ref", name=self.name_of(m)) for m in keep]
            return [rng("choice", *refs)] if refs else [rng("notAllowed")]
        expand = node.get("expand")
        if expand and expand not in _EXPAND:
            raise OddError(
                f"classRef expand={expand!r}: expected one of {', '.join(_EXPAND)}",
                file=self.schema.odd_path,
                line=node.sourceline,
            )
        return [rng("ref", name=key + (f"_{expand}" if expand else ""))]

    def members(self, class_ident: str) -> list[str]:
        """Elements and model classes of the schema that are members of a class."""
        if self._members is None:
            self._members = {}
            for ident, spec in self.schema.specs.items():
                classes = spec.find(f"{{{TEI_NS}}}classes")
                if classes is None or local(spec) not in ("elementSpec", "classSpec"):
                    continue
                if local(spec) == "classSpec" and spec.get("type") != "model":
                    continue
                for m in classes.iter(f"{{{TEI_NS}}}memberOf"):
                    owners = self._members.setdefault(m.get("key", ""), [])
                    if ident not in owners:
                        owners.append(ident)
        return self._members.get(class_ident, [])

    def _data(self, node: etree._Element) -> etree._Element:
        data = rng("data", type=node.get("name", "string"))
        lib = node.get("ref") or node.get("datatypeLibrary")
        if lib:
            data.set("datatypeLibrary", lib)
        for facet in node:
            if is_tei(facet, "dataFacet"):
                p = rng("param", name=facet.get("name", ""))
                p.text = facet.get("value", "")
                data.append(p)
            elif isinstance(facet.tag, str) and etree.QName(facet).namespace == RNG_NS:
                data.append(self._rng_copy(facet, ""))
        if node.get("restriction"):
            p = rng("param", name="pattern")
            p.text = node.get("restriction")
            data.append(p)
        return data

    def _any(self, node: etree._Element, owner: str) -> etree._Element:
        require = tuple((node.get("require") or "").split())
        exclude = tuple((node.get("except") or self.schema.default_exceptions).split())
        key = (require, () if require else exclude)
        if key not in self.any_defines:
            name = f"anyElement_{owner}_{len(self.any_defines) + 1}"
            if require:
                nc = rng("choice", *(rng("nsName", ns=ns) for ns in require))
                if len(require) == 1:
                    nc = nc[0]
            else:
                nc = rng("anyName")
                ex = [self._except_name(e, node) for e in exclude]
                if ex:
                    nc.append(rng("except", *ex))
            element = rng(
                "element",
                nc,
                rng("zeroOrMore", rng("attribute", rng("anyName"))),
                rng("zeroOrMore", rng("choice", rng("text"), rng("ref", name=name))),
            )
            self.any_defines[key] = rng("define", element, name=name)
        return rng("ref", name=self.any_defines[key].get("name", ""))

    def _except_name(self, token: str, node: etree._Element) -> etree._Element:
        if ":" in token and not token.startswith(("http:", "https:", "urn:")):
            prefix, lname = token.split(":", 1)
            ns = node.nsmap.get(prefix) or self.schema.exceptions_nsmap.get(prefix)
            ns = ns or (TEIX_NS if prefix == "teix" else None)
            if ns is None:
                raise OddError(
                    f"anyElement: prefix {prefix!r} of {token!r} is not declared",
                    file=node.getroottree().docinfo.URL,
                    line=node.sourceline,
                )
            el = rng("name", ns=ns)
            el.text = lname
            return el
        return rng("nsName", ns=token)

    def _rng_copy(self, node: etree._Element, owner: str) -> etree._Element:
        el = etree.Element(node.tag, dict(node.attrib))
        el.text = node.text
        for child in node:
            if not isinstance(child.tag, str):
                continue
            if etree.QName(child).namespace == RNG_NS:
                sub = self._rng_copy(child, owner)
                sub.tail = child.tail
                el.append(sub)
            else:
                el.extend(self.one(child, owner))
        return el


def prune(grammar: etree._Element) -> None:
    """Drop refs to patterns not defined, then the containers left empty (as odd2odd does)."""
    defined = {d.get("name") for d in grammar.iter(R + "define")}
    for ref in list(grammar.iter(R + "ref")):
        if ref.get("name") not in defined:
            ref.getparent().remove(ref)
    _collapse(grammar)


def _collapse(el: etree._Element) -> None:
    for child in list(el):
        if isinstance(child.tag, str) and child.tag.startswith(R):
            _collapse(child)
    name = el.tag[len(R) :] if isinstance(el.tag, str) and el.tag.startswith(R) else ""
    has_pattern = any(isinstance(c.tag, str) and c.tag.startswith(R) for c in el)
    if name in ("group", "choice", "interleave", "optional", "zeroOrMore", "oneOrMore", "list"):
        if not has_pattern:
            el.getparent().remove(el)
    elif name == "element":
        rest = [c for c in el if isinstance(c.tag, str) and c.tag.startswith(R)]
        if not el.get("name"):
            rest = rest[1:]
        if not rest:
            el.append(rng("empty"))
    elif name == "attribute":
        if not has_pattern:
            el.append(rng("text"))
    elif name in ("define", "start") and not has_pattern:
        el.append(rng("empty"))
