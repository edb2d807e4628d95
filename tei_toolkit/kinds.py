"""The entity kinds, declared once: what each is called in the register, in TEI and in
exports. The register, the name rules, the worklist and the exporters read this table;
adding a kind (a ship, an event) is one row here."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EntityKind:
    type: str  # the register's type column and the export kind: "person"
    tag: str  # the TEI name element in text: "persName"
    entry: str  # the TEI entry element in a standOff list: "person"
    list: str  # the TEI list element: "listPerson"
    heading: str  # the heading of an index of names: "People"


KINDS: tuple[EntityKind, ...] = (
    EntityKind("person", "persName", "person", "listPerson", "People"),
    EntityKind("place", "placeName", "place", "listPlace", "Places"),
    EntityKind("org", "orgName", "org", "listOrg", "Organisations"),
)
BY_TYPE: dict[str, EntityKind] = {k.type: k for k in KINDS}
BY_TAG: dict[str, EntityKind] = {k.tag: k for k in KINDS}
BY_ENTRY: dict[str, EntityKind] = {k.entry: k for k in KINDS}
# the register's types: the kinds, and "ignore" (a surface the rules must not mark)
REGISTER_TYPES: tuple[str, ...] = (*BY_TYPE, "ignore")

__all__ = ["BY_ENTRY", "BY_TAG", "BY_TYPE", "KINDS", "REGISTER_TYPES", "EntityKind"]
