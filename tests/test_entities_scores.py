"""Entity markup scored on whole records: the reference record against the shared gold,
and two samples against gold files annotated for this project by the entities engineer
(tests/gold/, same guidelines). Scored with the shared scorer when it is present."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from tei_toolkit.convert import convert_text
from tei_toolkit.register import Register, default_register

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "score_entities.py"
CASES = [(ROOT / "corpus" / "stalin-choibalsan-1944.txt",
          SHARED / "gold" / "stalin-choibalsan-1944.entities.jsonl", 0.97)]
CASES += [(ROOT / "corpus" / (g.name.replace(".entities.jsonl", ".txt")), g, 0.90)
          for g in sorted((ROOT / "tests" / "gold").glob("*.entities.jsonl"))]


def _scorer():
    if not SCORER.exists():
        pytest.skip("../shared/tools/score_entities.py absent")
    spec = importlib.util.spec_from_file_location("score_entities", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _score(tmp_path, record: Path, gold: Path, register) -> dict:
    scorer = _scorer()
    conv = convert_text(record.read_text(encoding="utf-8"), record.name, register=register,
                        check=False)
    out = tmp_path / "out.xml"
    conv.tree.write(str(out), encoding="utf-8")
    import contextlib
    import io
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        scorer.main(["score", str(out), str(gold), "--json"])
    return json.loads(buf.getvalue())


@pytest.mark.parametrize("record,gold,target", [
    pytest.param(r, g, t, id=r.stem[:30]) for r, g, t in CASES])
def test_micro_f1_with_shipped_register(tmp_path, record, gold, target):
    if not gold.exists():
        pytest.skip(f"{gold} absent")
    result = _score(tmp_path, record, gold, default_register())
    assert result["micro"]["F1"] >= target, result
    ok, total = result["values_right"].split("/")
    assert ok == total, result  # every date and time value right
    assert not result["keys_split_over_refs"] and not result["refs_shared_by_keys"], result


@pytest.mark.parametrize("record,gold", [
    pytest.param(r, g, id=r.stem[:30]) for r, g, _ in CASES])
def test_micro_f1_without_register(tmp_path, record, gold):
    """Unseen names: the heuristics and gazetteer alone."""
    if not gold.exists():
        pytest.skip(f"{gold} absent")
    result = _score(tmp_path, record, gold, Register())
    assert result["micro"]["F1"] >= 0.85, result
