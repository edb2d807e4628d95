"""Exporter speed: the reference record and a large synthetic document (numbers only)."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from tei_toolkit.exporters import to_html, to_json, to_text
from tei_toolkit.tei import parse, parse_bytes

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "tests" / "golden" / "stalin-choibalsan-1944" / "expected.xml"
FIXTURE = ROOT / "tests" / "export" / "ourstyle-entities.xml"


def synthetic(paragraphs: int):
    """A record of ``paragraphs`` speaker turns, each with names, a date and brackets."""
    register = "".join(
        f'<person xml:id="p{i}"><persName>Person {i}</persName>'
        f'<idno type="wikidata">Q{i + 1}</idno></person>'
        for i in range(50)
    )
    turn = (
        '<sp who="#p{n}"><speaker>Speaker {n}:</speaker><p>“On <date when="1944-01-22">'
        'January 22, 1944</date> <persName ref="#p{n}">Person {n}</persName> met '
        '<persName ref="#p{m}">Person {m}</persName> in <placeName>Moscow</placeName> '
        '<supplied>again</supplied> <gap reason="omitted" rend="[…]"/> and said '
        '<note type="editorial" place="inline">sic</note> many things.”</p></sp>'
    )
    body = "".join(turn.format(n=i % 50, m=(i * 7) % 50) for i in range(paragraphs))
    xml = (
        f'<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en"><teiHeader><fileDesc>'
        f"<titleStmt><title>Synthetic</title></titleStmt></fileDesc></teiHeader><text><body>"
        f"<div>{body}</div></body></text><standOff><listPerson>{register}</listPerson>"
        f"</standOff></TEI>"
    )
    return parse_bytes(xml.encode())


def timed(fn, tree, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(tree)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    cases = [
        (
            "reference record" if REFERENCE.exists() else "entities fixture",
            parse(REFERENCE if REFERENCE.exists() else FIXTURE),
            20,
        )
    ]
    for n in (1000, 10000):
        cases.append((f"synthetic, {n} turns", synthetic(n), 3 if n > 1000 else 5))
    print(f"{'document':<26}{'elements':>9}{'html ms':>10}{'text ms':>10}{'json ms':>10}")
    for name, tree, repeat in cases:
        size = sum(1 for _ in tree.iter())
        times = [timed(fn, tree, repeat) * 1000 for fn in (to_html, to_text, to_json)]
        print(f"{name:<26}{size:>9}" + "".join(f"{t:>10.1f}" for t in times))


if __name__ == "__main__":
    main()
