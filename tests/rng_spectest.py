"""Read James Clark's RELAX NG conformance suite (spectest.xml) into test cases."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree


@dataclass
class Case:
    number: int
    section: str
    line: int
    correct: bool
    schema: bytes
    files: dict[str, bytes] = field(default_factory=dict)  # virtual path -> bytes
    valid: list[bytes] = field(default_factory=list)
    invalid: list[bytes] = field(default_factory=list)

    @property
    def location(self) -> str:
        return f"/spectest/case{self.number}/schema.rng"

    def loader(self, location: str) -> bytes:
        if location == self.location:
            return self.schema
        if location in self.files:
            return self.files[location]
        raise OSError(f"no resource {location}")


def _content(el) -> bytes:
    kids = [c for c in el if isinstance(c.tag, str)]
    if kids:
        return etree.tostring(kids[0], encoding="utf-8")
    return (el.text or "").encode("utf-8")


def _resources(el, folder: str, out: dict[str, bytes]) -> None:
    for child in el:
        if child.tag == "resource":
            out[f"{folder}/{child.get('name')}"] = _content(child)
        elif child.tag == "dir":
            _resources(child, f"{folder}/{child.get('name')}", out)


def read_cases(path: Path) -> list[Case]:
    parser = etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=True)
    root = etree.parse(str(path), parser).getroot()
    cases = []
    for n, tc in enumerate(root.iter("testCase"), 1):
        section = tc.findtext("section") or ""
        schema_el = tc.find("correct")
        correct = schema_el is not None
        if schema_el is None:
            schema_el = tc.find("incorrect")
        case = Case(n, section, tc.sourceline or 0, correct, _content(schema_el))
        _resources(tc, f"/spectest/case{n}", case.files)
        case.valid = [_content(v) for v in tc.findall("valid")]
        case.invalid = [_content(v) for v in tc.findall("invalid")]
        cases.append(case)
    return cases
