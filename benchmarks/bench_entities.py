"""Entity markup throughput: marks/s and records/s for the rules alone and for conversion
with markup (no validation) on the reference record, and on a cable set in capitals (the
case-restored view of rules/_truecase is built for every block). Reports numbers, asserts
nothing."""

from __future__ import annotations

import time
from pathlib import Path

from tei_toolkit.convert import convert_text
from tei_toolkit.records import read_record
from tei_toolkit.register import default_register
from tei_toolkit.rules import Context, find_marks
from tei_toolkit.rules.dates import normalize

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "stalin-choibalsan-1944.txt"
CABLE = ROOT / "tests" / "gold" / "dev2" / "1976buenos01024.txt"
ENTITY_TAGS = {"persName", "placeName", "orgName", "date", "time"}


def rules_once(record, register) -> int:
    ctx = Context(register=register, record_date=(normalize(record.date or "") or {}).get("when"))
    blocks = [record.title] + [b.text for b in record.body] + [record.summary, record.citation]
    n = 0
    for block in blocks:
        if block:
            n += sum(1 for m in find_marks(block, ctx) if m.tag in ENTITY_TAGS)
    return n


def timed(fn, seconds: float = 2.0) -> tuple[int, float]:
    """Runs and CPU seconds (process time: fair on a machine shared with other jobs)."""
    fn()  # warm caches (gazetteer, register)
    runs, start = 0, time.process_time()
    while time.process_time() - start < seconds:
        fn()
        runs += 1
    return runs, time.process_time() - start


def main() -> None:
    text = SEED.read_text(encoding="utf-8")
    register = default_register()
    record, _ = read_record(text, SEED.name)
    marks = rules_once(record, register)
    runs, secs = timed(lambda: rules_once(record, register))
    print(
        f"rules only:   {runs / secs:8.0f} records/s  {marks * runs / secs:9.0f} entity marks/s "
        f"({marks} marks per record, register of {len(register)} entries)"
    )
    runs, secs = timed(lambda: convert_text(text, SEED.name, register=register, check=False))
    print(
        f"conversion:   {runs / secs:8.0f} records/s with markup, without validation "
        f"({1000 * secs / runs:.2f} ms CPU per record, one core)"
    )
    if CABLE.exists():
        cable = CABLE.read_text(encoding="utf-8")
        cable_record, _ = read_record(cable, CABLE.name)
        marks = rules_once(cable_record, register)
        runs, secs = timed(lambda: rules_once(cable_record, register))
        print(
            f"rules, cable in capitals: {runs / secs:8.0f} records/s "
            f"({marks} marks per record, {len(cable)} characters)"
        )


if __name__ == "__main__":
    main()
