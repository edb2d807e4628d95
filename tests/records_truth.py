"""Title and creation-date accuracy of the converter on the collected truth set.

tests/fixtures/records/truth.tsv holds each record's true title and date, written down by
reading the record. ``python -m tests.records_truth [--shared DIR]`` prints the scores;
tests/test_records_truth.py asserts the targets."""

from __future__ import annotations

import csv
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from tei_toolkit.convert import convert_text
from tei_toolkit.diagnostics import Severity
from tei_toolkit.records import read_text
from tei_toolkit.tei import NS

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "records"
SHARED = ROOT.parent / "shared"


@dataclass
class Truth:
    file: str
    group: str
    url: str
    title: str
    date: str

    def path(self, shared: Path = SHARED) -> Path:
        if self.file.startswith("shared:"):
            return shared / self.file[len("shared:") :]
        if self.file.startswith("corpus:"):
            return ROOT / "corpus" / self.file[len("corpus:") :]
        return FIXTURES / self.file


def load_truth() -> list[Truth]:
    lines = [
        ln for ln in (FIXTURES / "truth.tsv").read_text("utf-8").splitlines() if ln and ln[0] != "#"
    ]
    return [Truth(**row) for row in csv.DictReader(lines, delimiter="\t")]


def norm(text: str) -> str:
    text = unicodedata.normalize("NFC", " ".join(text.split())).casefold()
    text = re.sub(r"\(\s+", "(", text).replace("[", "").replace("]", "")
    return text.strip(" .,:;\"'“”")


@dataclass
class Outcome:
    truth: Truth
    title: str | None
    date: str | None
    valid: bool

    @property
    def title_ok(self) -> bool:
        if self.truth.title == "-":
            return self.title is None
        return self.title is not None and norm(self.title) == norm(self.truth.title)

    @property
    def date_ok(self) -> bool:
        if self.truth.date == "-":
            return self.date is None
        return self.date is not None and self.date.startswith(self.truth.date)


def run(truth: Truth, shared: Path = SHARED) -> Outcome:
    text, _ = read_text(truth.path(shared))
    conv = convert_text(text, truth.file, date="2026-01-01", check=True)
    tree = conv.tree
    title = tree.xpath("string(//tei:titleStmt/tei:title[@type='main'])", namespaces=NS)
    title = None if title.startswith("Untitled record") else title
    # the value is on creation itself when the date's words are marked in the text
    when = tree.xpath(
        "//tei:profileDesc/tei:creation/tei:date | //tei:profileDesc/tei:creation[@when or @from]",
        namespaces=NS,
    )
    date = None
    if when:
        d = when[0]
        date = d.get("when") or (
            f"{d.get('from')}/{d.get('to')}" if d.get("from") else d.get("notBefore")
        )
    valid = not any(x.severity is Severity.ERROR for x in conv.diagnostics)
    return Outcome(truth, title, date, valid)


def main(argv: list[str]) -> int:
    shared = Path(argv[argv.index("--shared") + 1]) if "--shared" in argv else SHARED
    outcomes = [run(t, shared) for t in load_truth() if t.path(shared).exists()]
    for group in dict.fromkeys(o.truth.group for o in outcomes):
        mine = [o for o in outcomes if o.truth.group == group]
        dated = [o for o in mine if o.truth.date != "-"]
        print(
            f"{group}: {len(mine)} records; titles {sum(o.title_ok for o in mine)}/{len(mine)}; "
            f"dates {sum(o.date_ok for o in dated)}/{len(dated)} (of records stating one); "
            f"both {sum(o.title_ok and o.date_ok for o in mine)}/{len(mine)}; "
            f"valid {sum(o.valid for o in mine)}/{len(mine)}"
        )
    if "-v" in argv:
        for o in outcomes:
            if not (o.title_ok and o.date_ok):
                print(f"  {o.truth.file}: title={o.title!r} date={o.date!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
