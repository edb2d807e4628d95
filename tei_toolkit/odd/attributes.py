"""Attributes: class inheritance flattened onto each element, attDef -> rng:attribute."""

from __future__ import annotations

import copy

from lxml import etree

from .content import ContentBuilder, repeat, rng
from .customize import Schema
from .merge import merge_attdef
from .source import SPEC_KINDS, TEI_NS, XML_NS, is_tei, local

_T = f"{{{TEI_NS}}}"


class Attributes:
    """Effective attDefs of each spec: its classes' (transitively), then its own."""

    def __init__(self, schema: Schema, content: ContentBuilder):
        self.schema = schema
        self.content = content
        self._memo: dict[str, dict[str, etree._Element]] = {}
        self._defined: dict[int, str] = {}  # id(attDef) -> the define holding its pattern
        self._keep: list[etree._Element] = []  # attDefs made here stay alive (ids unique)
        self.defines: list[etree._Element] = []
        self._names: set[str] = set()

    def effective(self, ident: str, _stack: tuple[str, ...] = ()) -> dict[str, etree._Element]:
        if ident in self._memo:
            return self._memo[ident]
        spec = self.schema.specs[ident]
        result: dict[str, etree._Element] = {}
        classes = spec.find(_T + "classes")
        if classes is not None:
            for m in classes.iter(_T + "memberOf"):
                key = m.get("key", "")
                sup = self.schema.specs.get(key)
                if sup is None or local(sup) != "classSpec" or sup.get("type") != "atts":
                    continue
                if key in _stack or key == ident:
                    continue
                for name, ad in self.effective(key, (*_stack, ident)).items():
                    result.setdefault(name, ad)
        attlist = spec.find(_T + "attList")
        if attlist is not None:
            for ad in attlist.iter(_T + "attDef"):
                name = ad.get("ident", "")
                mode = ad.get("mode") or "add"
                if mode == "delete":
                    result.pop(name, None)
                elif mode == "change":
                    if name in result:
                        result[name] = merge_attdef(result[name], ad)
                    elif (
                        ad.find(_T + "datatype") is not None or ad.find(_T + "valList") is not None
                    ):
                        result[name] = ad
                else:
                    result[name] = ad
        filt = self.schema.att_filters.get(ident)
        if filt is not None:
            include, exclude = filt
            result = {
                k: v
                for k, v in result.items()
                if (include is None or k in include) and k not in exclude
            }
        self._memo[ident] = result
        return result

    def patterns(self, ident: str) -> list[etree._Element]:
        """rng:attribute patterns (each optional unless required) for an element."""
        out: list[etree._Element] = []
        spec = self.schema.specs[ident]
        choices = _choice_groups(spec)
        done: set[str] = set()
        for name, ad in self.effective(ident).items():
            if name in done:
                continue
            group = choices.get(name)
            if group:
                alts = [self.attribute(self.effective(ident)[n], required=True) for n in group]
                done.update(group)
                out.append(rng("optional", rng("choice", *alts)))
                continue
            out.append(self._ref(ident, ad))
        return out

    def _ref(self, ident: str, ad: etree._Element) -> etree._Element:
        """A ref to one define per attDef: class attributes are written once, not per element."""
        name = self._defined.get(id(ad))
        if name is None:
            owner = ad.getparent()
            while owner is not None and local(owner) not in SPEC_KINDS:
                owner = owner.getparent()
            base = owner.get("ident", ident) if owner is not None else ident
            name = f"{base}.attribute.{ad.get('ident', '').replace(':', '')}"
            name = f"{name}_{len(self.defines)}" if name in self._names else name
            self._names.add(name)
            self._defined[id(ad)] = name
            self._keep.append(ad)
            self.defines.append(rng("define", self.attribute(ad), name=name))
        return rng("ref", name=name)

    def attribute(self, ad: etree._Element, required: bool | None = None) -> etree._Element:
        alt = ad.find(_T + "altIdent")
        name = (alt.text or "").strip() if alt is not None else ad.get("ident", "")
        attr = rng("attribute", name=name)
        if ad.get("ns"):
            attr.set("ns", ad.get("ns", ""))
        elif name.startswith("xml:"):
            attr.set("name", name[4:])
            attr.set("ns", XML_NS)
        attr.extend(self.value(ad, name))
        if required is None:
            required = ad.get("usage") == "req"
        return attr if required else rng("optional", attr)

    def value(self, ad: etree._Element, name: str) -> list[etree._Element]:
        datatype = ad.find(_T + "datatype")
        vallist = ad.find(_T + "valList")
        inner: list[etree._Element] = []
        lo: int = 1
        hi: int | None = 1
        if datatype is not None:
            inner = self.content.convert(datatype, name)
            lo = int(datatype.get("minOccurs", "1"))
            mx = datatype.get("maxOccurs", "1")
            hi = None if mx == "unbounded" else int(mx)
        if vallist is not None:
            inner = [self.content.values(vallist, inner)]
        if not inner:
            return [rng("text")]
        if (lo, hi) == (1, 1):
            return inner
        return [rng("list", *repeat(inner, lo, hi))]


def _choice_groups(spec: etree._Element) -> dict[str, list[str]]:
    """attList org="choice": each member name -> the names it excludes, with itself."""
    out: dict[str, list[str]] = {}
    for attlist in spec.iter(_T + "attList"):
        if attlist.get("org") != "choice":
            continue
        names = [ad.get("ident", "") for ad in attlist if is_tei(ad, "attDef")]
        for n in names:
            out[n] = names
    return out


__all__ = ["Attributes", "copy"]
