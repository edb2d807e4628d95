"""Entity markup scored on whole records: the reference record against the shared gold,
and samples against gold files annotated for this project by the tei-toolkit team
(tests/gold/, same guidelines; see tests/gold/README.md). Scored by tests/scoring.py, so
the targets are checked without ../shared too; where the shared scorer is present, the
two must agree."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
from pathlib import Path

import pytest

from tei_toolkit.convert import convert_text
from tei_toolkit.register import Register, default_register
from tests.scoring import load_gold, pooled, score

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "score_entities.py"
GOLD = ROOT / "tests" / "gold"
SAMPLES = SHARED / "samples" / "other"


def _record(gold: Path) -> Path:
    """The record of a gold file: in corpus/, or beside the gold file (records that are
    not part of the corpus, e.g. the FRUS telegram, public domain), or -- for copyrighted
    records that are not copied into the project -- in ../shared/samples/other/."""
    name = gold.name.replace(".entities.jsonl", ".txt")
    for path in (ROOT / "corpus" / name, GOLD / name):
        if path.exists():
            return path
    return SAMPLES / name


# (record, gold, F1 target with the shipped register, F1 target without a register).
# Targets sit below the measured values (tests/gold/README.md); 001-frus and 043 were
# annotated after the rules were written, 001-frus is outside the corpus and the register;
# 006 (NSA reader, copyrighted) is read from ../shared/samples and skipped without it.
TARGETS = {
    "stalin-choibalsan-1944": (0.97, 0.95),
    "001-telegram-shtykov-first-deputy-minister-1950-11-29": (0.90, 0.85),
    "010-memo-kgb-directorate-r-cssr-fmvd-1989-10-24": (0.90, 0.85),
    "043-telephone-gorbachev-kohl-1989-11-11-partial": (0.97, 0.97),
    "001-frus-1949v05-d319-kohler-telegram": (0.94, 0.94),
    "006-nsa-reader-prague-spring-doc81-brezhnev-dubcek-partial": (0.97, 0.97),
}
CASES = [
    (_record(g), g, *TARGETS.get(g.name.replace(".entities.jsonl", ""), (0.80, 0.80)))
    for g in sorted(GOLD.glob("*.entities.jsonl"))
]


def _convert(record: Path, register):
    if not record.exists():
        pytest.skip(f"{record} absent (a copyrighted record, not copied; ../shared/samples)")
    return convert_text(
        record.read_text(encoding="utf-8"), record.name, register=register, check=False
    ).tree


@pytest.mark.parametrize(
    "record,gold,target", [pytest.param(r, g, t, id=r.stem[:30]) for r, g, t, _ in CASES]
)
def test_micro_f1_with_shipped_register(record, gold, target):
    result = score(_convert(record, default_register()), load_gold(gold))
    assert result["F1"] >= target, result
    assert result["wrong_values"] == []  # every date and time value right
    assert not result["split_keys"] and not result["merged_refs"], result


@pytest.mark.parametrize(
    "record,gold,target", [pytest.param(r, g, t, id=r.stem[:30]) for r, g, _, t in CASES]
)
def test_micro_f1_without_register(record, gold, target):
    """Unseen names: the heuristics and gazetteer alone."""
    result = score(_convert(record, Register()), load_gold(gold))
    assert result["F1"] >= target, result


@pytest.mark.parametrize(
    "record,gold", [pytest.param(r, g, id=r.stem[:30]) for r, g, _, _ in CASES]
)
def test_our_scoring_agrees_with_the_shared_scorer(tmp_path, record, gold):
    if not SCORER.exists():
        pytest.skip("../shared/tools/score_entities.py absent")
    spec = importlib.util.spec_from_file_location("score_entities", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    tree = _convert(record, default_register())
    out = tmp_path / "out.xml"
    tree.write(str(out), encoding="utf-8")
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        module.main(["score", str(out), str(gold), "--json"])
    shared = json.loads(buf.getvalue())
    assert round(score(tree, load_gold(gold))["F1"], 3) == shared["micro"]["F1"]


# Sets of records from other archives (tests/gold/*/SOURCES.md), annotated before the rules
# were tuned on them; pooled micro-F1 floors 0.02 below the committed scores (shipped
# register, empty register). tests/gold/README.md gives the scores before and after, and the
# held-out sets' first scores (their errors were looked at only after they were taken:
# heldout3's after the rules of its round were final).
SETS = {
    "dev": (0.98, 0.98),
    "dev2": (0.92, 0.92),
    "heldout": (0.96, 0.96),
    "heldout2": (0.93, 0.93),
    "heldout3": (0.92, 0.92),
    "heldout4": (0.89, 0.89),  # scored blind once (0.764), then tuned on (its SOURCES.md)
    "heldout5": (0.74, 0.74),  # blind 0.570 (frozen rules), then tuned on: 0.764
    "heldout6": (0.93, 0.92),  # blind 0.820 (frozen rules), then tuned on: 0.953 / 0.947
    "heldout7": (0.86, 0.85),  # blind 0.778 (frozen rules), then tuned on: 0.887
    "heldout8": (0.85, 0.85),  # blind 0.761 (frozen rules), then tuned on: 0.877 / 0.877
    "heldout9": (0.88, 0.86),  # blind 0.786 / 0.772 (frozen rules), then tuned on: 0.913 / 0.894
    "heldout10": (0.85, 0.85),  # blind 0.778 / 0.778 (after heldout9's round), then 0.873
}


@pytest.mark.parametrize("name", SETS)
@pytest.mark.parametrize("shipped", [True, False], ids=["shipped-register", "no-register"])
def test_pooled_micro_f1_of_a_set(name, shipped):
    folder = GOLD / name
    pairs = []
    for gold in sorted(folder.glob("*.entities.jsonl")):
        record = gold.with_name(gold.name.replace(".entities.jsonl", ".txt"))
        register = default_register() if shipped else Register()
        pairs.append((_convert(record, register), load_gold(gold)))
    assert len(pairs) >= 2
    floor = SETS[name][0 if shipped else 1]
    assert pooled(pairs) >= floor


def test_set_golds_match_their_records():
    """Every gold mention of the sets is the text at its offsets (guidelines: file format)."""
    for gold in sorted(GOLD.glob("*/*.entities.jsonl")):
        doc = gold.with_name(gold.name.replace(".entities.jsonl", ".txt")).read_text("utf-8")
        for m in load_gold(gold):
            assert doc[m["start"] : m["end"]] == m["text"], (gold.name, m)
