"""odd2odd's merge: apply a customization's mode="change" to a source specification.

A changed child replaces the source's children of the same name, except for the
parts TEI merges item by item: ``attList`` (attDef by ident), ``classes``
(memberOf by key), ``constraintSpec`` (by ident) and, inside an attDef,
``valList`` with mode="change" (valItem by ident).
"""

from __future__ import annotations

import copy

from lxml import etree

from .source import is_tei, local, t

_KEEP = ("mode",)


def merge_spec(base: etree._Element, change: etree._Element) -> etree._Element:
    new = copy.deepcopy(base)
    for key, value in change.attrib.items():
        if key not in _KEEP:
            new.set(key, value)
    replaced: set[str] = set()
    added: list[etree._Element] = []
    for child in change:
        if not is_tei(child):
            continue
        name = local(child)
        if name == "attList":
            lift_attdef_constraints(new)
            merge_attlist(new, child)
        elif name == "classes":
            merge_classes(new, child)
        elif name == "constraintSpec":
            _merge_by_ident(new, child, "constraintSpec", added)
        else:
            _replace_children(new, child, name, replaced)
    # odd2odd puts the customization's constraints before the source's (pattern numbers)
    first = new.find(t("constraintSpec"))
    for cs in added:
        if first is not None:
            first.addprevious(cs)
        else:
            new.append(cs)
    return new


def _replace_children(new: etree._Element, child: etree._Element, name: str, done: set[str]):
    if name not in done:
        done.add(name)
        for old in new.findall(t(name)):
            new.remove(old)
    new.append(copy.deepcopy(child))


def _merge_by_ident(
    new: etree._Element, child: etree._Element, tag: str, added: list[etree._Element]
) -> None:
    ident = child.get("ident")
    old = next((c for c in new.findall(t(tag)) if c.get("ident") == ident), None)
    if old is not None:
        new.remove(old)
    if child.get("mode") != "delete":
        added.append(copy.deepcopy(child))


def merge_classes(new: etree._Element, change: etree._Element) -> None:
    classes = new.find(t("classes"))
    if classes is None or change.get("mode", "replace") == "replace":
        if classes is not None:
            new.remove(classes)
        classes = etree.SubElement(new, t("classes"))
    for m in change.findall(t("memberOf")):
        key = m.get("key")
        for old in [c for c in classes.findall(t("memberOf")) if c.get("key") == key]:
            classes.remove(old)
        if m.get("mode") != "delete":
            kept = copy.deepcopy(m)
            kept.attrib.pop("mode", None)
            classes.append(kept)


def lift_attdef_constraints(new: etree._Element) -> None:
    """What odd2odd does to a spec whose attList an ODD changes: a copy of each attDef's
    constraintSpec becomes the spec's own (so a deleted attribute's constraints stay, and
    a kept one's run twice); the pattern ids and numbers follow from it."""
    attlist = new.find(t("attList"))
    if attlist is None:
        return
    lifted = [
        copy.deepcopy(c)
        for ad in attlist.iter(t("attDef"))
        for c in ad.findall(t("constraintSpec"))
    ]
    anchor = attlist
    for cs in lifted:
        anchor.addprevious(cs)


def find_attdef(attlist: etree._Element, ident: str | None) -> etree._Element | None:
    for ad in attlist.iter(t("attDef")):
        if ad.get("ident") == ident:
            return ad
    return None


def merge_attlist(new: etree._Element, change: etree._Element) -> None:
    attlist = new.find(t("attList"))
    if attlist is None:
        attlist = etree.SubElement(new, t("attList"))
    for ad in change.iter(t("attDef")):
        ident = ad.get("ident")
        mode = ad.get("mode") or "add"
        old = find_attdef(attlist, ident)
        if mode == "change":
            if old is not None and old.get("mode") != "delete":
                merged = merge_attdef(old, ad)
                old.getparent().replace(old, merged)
            else:
                attlist.append(copy.deepcopy(ad))
            continue
        replacement = copy.deepcopy(ad)
        if mode != "delete":
            replacement.set("mode", "add")
        if old is not None:
            old.getparent().replace(old, replacement)
        else:
            attlist.append(replacement)


def merge_attdef(base: etree._Element, change: etree._Element) -> etree._Element:
    """An attDef with the change's attributes and children laid over the base's."""
    new = copy.deepcopy(base)
    for key, value in change.attrib.items():
        if key != "mode":
            new.set(key, value)
    replaced: set[str] = set()
    for child in change:
        if not is_tei(child):
            continue
        name = local(child)
        old_vl = new.find(t("valList"))
        if name == "valList" and child.get("mode") is None:
            continue  # as the TEI Stylesheets do: a change takes a valList only with @mode
        if name == "valList" and child.get("mode") == "change" and old_vl is not None:
            merge_vallist(old_vl, child)
        else:
            _replace_children(new, child, name, replaced)
    return new


def merge_vallist(old: etree._Element, change: etree._Element) -> None:
    for key, value in change.attrib.items():
        if key != "mode":
            old.set(key, value)
    for item in change.findall(t("valItem")):
        ident = item.get("ident")
        for o in [v for v in old.findall(t("valItem")) if v.get("ident") == ident]:
            old.remove(o)
        if item.get("mode") != "delete":
            old.append(copy.deepcopy(item))
