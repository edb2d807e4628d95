"""Plain-text export: the behaviour cases, TEI we did not make, the round trip."""

from __future__ import annotations

import subprocess
import sys

import pytest
from export_helpers import FOREIGN, HERE, missing_words, read_cases, tei_body

from tei_toolkit.exporters import to_text
from tei_toolkit.tei import parse

CASES = read_cases(HERE / "text-cases.txt")


def test_case_file_is_read():
    assert len(CASES) >= 20


@pytest.mark.parametrize(
    "fragment,expected", [(c[1], c[2]) for c in CASES], ids=[c[0] for c in CASES]
)
def test_text_case(fragment, expected):
    assert to_text(tei_body(fragment)) == expected


@pytest.mark.parametrize("path", FOREIGN, ids=lambda p: p.name)
def test_foreign_tei_keeps_all_its_words(path):
    tree = parse(path)
    assert not missing_words(tree, to_text(tree))


def test_foreign_text_has_no_markup_or_stray_whitespace():
    for path in FOREIGN:
        text = to_text(parse(path))
        assert text == text.strip()
        assert "\n\n\n" not in text and "  " not in text
        assert "<TEI" not in text


def test_with_header_adds_a_citation_block():
    tree = parse(HERE / "ourstyle-entities.xml")
    plain, headed = to_text(tree), to_text(tree, with_header=True)
    head, sep, body = headed.partition("\n\n----\n\n")
    assert sep and body == plain
    assert head.splitlines()[0] == "Record of a Conversation between Stalin and Choibalsan"
    assert "Date: January 22, 1944" in head
    assert "Translated by: Sergey Radchenko" in head
    assert "Record ID: 112103" in head
    assert "Source: Archive of the President" in head


def test_our_encoding_gives_the_source_text():
    text = to_text(parse(HERE / "ourstyle-entities.xml"))
    assert text.splitlines()[0] == (
        "On [January 22, 1944] Choibalsan met Stalin in Moscow at 11pm."
    )
    assert "Stalin: “Help Ospan. Com[rade] Choibalsan will see to it [...] soon.”" in text
    assert "Army [sic, also MPRA].” […]" in text
    assert text.endswith("Published in ?Khudulmur?; write to [email protected]…")


def test_cli_text_to_stdout():
    run = subprocess.run(
        [sys.executable, "-m", "tei_toolkit", "export", "text", str(HERE / "letter.xml")],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout == to_text(parse(HERE / "letter.xml")) + "\n"
