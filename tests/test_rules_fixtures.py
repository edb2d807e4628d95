"""Fixture files of the entity rules: many small cases "input -> expected marks"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tei_toolkit.register import Register
from tei_toolkit.rules import Context, find_marks

HERE = Path(__file__).parent / "fixtures" / "rules"
REGISTER = Register.load(HERE / "register.tsv")
TAGS = re.compile(r"^# tags:(.*)$", re.M)


def families() -> dict[str, set[str]]:
    """Every fixture file beside this test, with the tags it checks (its "# tags:" line):
    a new rule needs only a new fixture file."""
    out = {}
    for path in sorted(HERE.glob("*.txt")):
        m = TAGS.search(path.read_text(encoding="utf-8"))
        assert m, f"{path.name} has no '# tags:' line"
        out[path.stem] = set(m.group(1).split())
    return out


FAMILIES = families()


def read_cases(path: Path):
    """Cases separated as: title / "." / input lines / "." / expected lines / "."."""
    lines = path.read_text(encoding="utf-8").splitlines()
    i, cases = 0, []
    while i < len(lines):
        if not lines[i].strip() or lines[i].startswith("#"):
            i += 1
            continue
        j = lines.index(".", i + 2)
        k = lines.index(".", j + 1)
        cases.append(
            pytest.param(
                lines[i], "\n".join(lines[i + 2 : j]), lines[j + 1 : k], id=f"{path.stem}:{i + 1}"
            )
        )
        i = k + 1
    return cases


def show(text: str, mark) -> str:
    attrs = " ".join(f"{k}={v}" for k, v in mark.attrs if k != "resp")
    span = text[mark.start : mark.end].replace("\n", "\\n")  # a line break as \n
    return f'{mark.tag} "{span}" {attrs}'.rstrip()


def test_every_rule_module_has_fixtures():
    assert {"dates", "times", "names", "speech", "editorial"} <= set(FAMILIES)


@pytest.mark.parametrize("family", FAMILIES)
def test_fixture_file_has_cases(family):
    assert read_cases(HERE / f"{family}.txt")


@pytest.mark.parametrize(
    "title,text,expected", [c for family in FAMILIES for c in read_cases(HERE / f"{family}.txt")]
)
def test_rule_fixture(request, title, text, expected):
    family = request.node.callspec.id.split(":")[0]
    anchor = re.search(r"\[(\d{4}-\d{2}-\d{2})\]$", title)
    ctx = Context(record_date=anchor.group(1) if anchor else None, register=REGISTER)
    marks = find_marks(text, ctx)
    got = [show(text, m) for m in marks if m.tag in FAMILIES[family]]
    assert got == expected, title


def test_date_format_names_are_unique():
    """A format's name keys where its matches may start: a second format of the same name
    (a new language's, say) would silently move the first one's starts."""
    from tei_toolkit.rules import dates

    names = [name for name, _, _ in dates.FORMATS]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
