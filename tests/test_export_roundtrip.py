"""text -> TEI -> text: for records tei-toolkit converted, `export text` gives back the
body of the source word for word (whitespace normalised). The body is what the record
reader calls the body; title, date, summary and footer go to the header."""

from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED, sample_params

from tei_toolkit.exporters import to_text
from tei_toolkit.records import read_record, read_text
from tei_toolkit.tei import parse

convert_files = pytest.importorskip("tei_toolkit.pipeline").convert_files


def source_body(path: Path) -> str:
    text, _ = read_text(path)
    record, _ = read_record(text, str(path))
    return " ".join("\n\n".join(block.text for block in record.body).split())


def converted(path: Path, tmp_path: Path):
    out = tmp_path / (path.stem + ".xml")
    [result] = convert_files([path], out, date="2000-01-01", check=False)
    assert result.error is None, result.error
    return parse(out)


def assert_same_words(expected: str, got: str) -> None:
    if expected != got:  # show where, not two pages of text
        a, b = expected.split(), got.split()
        i = next(i for i, (x, y) in enumerate(zip(a + [""], b + [""])) if x != y)
        pytest.fail(
            f"first difference at word {i}: source {' '.join(a[i : i + 8])!r} / "
            f"export {' '.join(b[i : i + 8])!r}"
        )


def body_of_export(text: str) -> str:
    """The export's words of the body: footnotes placed at their markers (FRUS) come
    back as ``[n]`` there and under "Notes" at the end; the source body has neither."""
    body, sep, _notes = text.partition("\n\nNotes\n\n[1] ")
    return " ".join(re.sub(r"\[\d+\]", "", body if sep else text).split())


@pytest.mark.parametrize("path", sample_params())
def test_round_trip_sample(path, tmp_path):
    assert_same_words(source_body(path), body_of_export(to_text(converted(path, tmp_path))))


def test_round_trip_reference_record(tmp_path):
    seed = SEED if SEED.exists() else Path(__file__).parent.parent / "corpus" / SEED.name
    if not seed.exists():
        pytest.skip("reference record not in tests/golden yet")
    assert_same_words(source_body(seed), " ".join(to_text(converted(seed, tmp_path)).split()))


def test_round_trip_through_the_cli(tmp_path):
    """The commands a user runs: convert, then export text."""
    if not SEED.exists():
        pytest.skip("reference record not in tests/golden yet")
    xml = tmp_path / "record.xml"
    cli = [sys.executable, "-m", "tei_toolkit"]
    run = subprocess.run(
        cli + ["convert", str(SEED), "-o", str(xml), "--no-check", "-q"],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    run = subprocess.run(cli + ["export", "text", str(xml)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert_same_words(source_body(SEED), " ".join(run.stdout.split()))


EDGE_RECORDS = {
    "brackets-and-gaps": "Skip to content\n\nMarch 1, 1950\n\nA Test Record\n\nA [sic] B "
    "[…] C [...] D [illegible] E Com[rade] F [email protected] G ?Pravda? "
    "H ] I [ J … K ... L\n\nSummary here.\n\nDocument Information\n",
    "speakers-and-lines": "Skip to content\n\nMay 2, 1960\n\nTalk\n\nKOHL. I am glad.\n"
    "A second line.\n\nGorbachev: “Yes.”\n\nIvanov, from the side: "
    "“No.”\n\nSummary.\n\nDocument Information\n",
    "markup-like": "Skip to content\n\nJune 3, 1970\n\n<script>alert(1)</script>\n\n"
    'Text with <b>tags</b> & "><img src=x onerror=alert(1)> and <!-- c -->.'
    "\n\nSummary.\n\nDocument Information\n",
}


@pytest.mark.parametrize("name", sorted(EDGE_RECORDS))
def test_round_trip_edge_records(name, tmp_path):
    src = tmp_path / f"{name}.txt"
    src.write_text(EDGE_RECORDS[name], encoding="utf-8")
    assert_same_words(source_body(src), " ".join(to_text(converted(src, tmp_path)).split()))


# Records nobody has seen: blocks of random tokens mixing every bracket, quote, speaker and
# markup-like convention of the records. Seeded, so a failure is reproducible.
TOKENS = (
    "the Stalin Moscow said weapons [sic] [January 5, 1944] Com[rade] […] [...] "
    "[illegible] ?Pravda? “quoted” ” “ … ... & < > <b>x</b> 12:30 1945 Mao Zedong, "
    "Beijing [email\u00a0protected] ] [ — – 'tis don’t Ivanov: KOHL. «x» \u00a0 a.m. "
    "[Signature] [handwritten: yes] (x) {y} * # 100% $5 <!-- &amp;"
).split(" ")
LABELS = ("Stalin:", "Choibalsan:", "BREZHNEV.", "Kohl.", "M. Kovalev:", "Ivanov, from the side:")


def random_record(rng: random.Random, n: int) -> str:
    blocks = []
    for _ in range(rng.randint(1, 6)):
        words = [rng.choice(TOKENS) for _ in range(rng.randint(1, 40))]
        if rng.random() < 0.3:
            words.insert(0, rng.choice(LABELS))
        text = " ".join(words)
        blocks.append(text.replace(" ", "\n", 2) if rng.random() < 0.2 else text)
    return (
        f"Skip to content\n\nMarch {rng.randint(1, 28)}, 1950\n\nRecord {n}\n\n"
        + "\n\n".join(blocks)
        + "\n\nA summary.\n\nDocument Information\n"
    )


@pytest.mark.parametrize("seed", range(4))
def test_round_trip_unseen_records(seed, tmp_path):
    rng = random.Random(seed)
    sources = []
    for n in range(15):
        src = tmp_path / f"r{seed}-{n}.txt"
        src.write_text(random_record(rng, n), encoding="utf-8")
        sources.append(src)
    results = convert_files(sources, tmp_path / "out", date="2000-01-01", check=False)
    for src, result in zip(sources, results):
        assert result.error is None, result.error
        got = " ".join(to_text(parse(result.target)).split())
        assert_same_words(source_body(src), got)
