"""Exporter speed (numbers only, no assertion).

1. The reference record and a large synthetic document.
2. The 39 ELTeC novels of ../shared/corpora, exported by this version and, side by side in
   the same run, by the version before the rendering work of issue 12 (commit BASELINE,
   checked out as a temporary git worktree). Each version runs in its own process on
   trees parsed the same way (plain lxml, ids not collected), alternately, twice; the
   faster of the two runs counts. Skipped without ../shared/corpora or without git.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tei_toolkit.exporters import to_html, to_json, to_text
from tei_toolkit.tei import parse, parse_bytes

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "tests" / "golden" / "stalin-choibalsan-1944" / "expected.xml"
FIXTURE = ROOT / "tests" / "export" / "ourstyle-entities.xml"
NOVELS = ROOT.parent / "shared" / "corpora" / "eltec-eng"
# The last commit before the rendering work (ids and links, hi, contents, plays...).
BASELINE = "db60422"
FORMATS = ("html", "text", "json")

# Run in a child process with PYTHONPATH set to one version's tree: seconds per format,
# per novel, as JSON on stdout.
CHILD = r"""
import json, sys, time
from lxml import etree
import tei_toolkit
from tei_toolkit.exporters import to_html, to_json, to_text
parser = etree.XMLParser(resolve_entities=False, no_network=True, collect_ids=False,
                         huge_tree=True)
out = {"module": tei_toolkit.__file__, "times": {}, "failed": []}
for path in sys.argv[1:]:
    tree = etree.parse(path, parser)
    row = {}
    for name, fn in (("html", to_html), ("text", to_text), ("json", to_json)):
        start = time.perf_counter()
        try:
            fn(tree)
        except Exception as e:  # an old version may not export every novel
            out["failed"].append([path, name, type(e).__name__])
            row = None
            break
        row[name] = time.perf_counter() - start
    if row is not None:
        out["times"][path] = row
print(json.dumps(out))
"""


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


def single_documents() -> None:
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


def run_version(tree: Path, novels: list[Path]) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, *map(str, novels)],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        cwd=tempfile.gettempdir(),
        timeout=1800,
    )
    if done.returncode:
        raise RuntimeError(done.stderr[-2000:])
    return json.loads(done.stdout)


def best(runs: list[dict]) -> dict[str, dict[str, float]]:
    """The faster of the runs, per novel and format."""
    out: dict[str, dict[str, float]] = {}
    for run in runs:
        for path, row in run["times"].items():
            slot = out.setdefault(path, dict(row))
            for name, t in row.items():
                slot[name] = min(slot[name], t)
    return out


def side_by_side(folder: Path = NOVELS) -> None:
    novels = sorted(folder.glob("*.xml"))
    if not novels:
        print(f"\nnovels side by side: skipped ({folder} is not here)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "baseline"
        made = subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(old), BASELINE],
            capture_output=True,
            text=True,
        )
        if made.returncode:
            print(f"\nnovels side by side: skipped (no git worktree of {BASELINE}: "
                  f"{made.stderr.strip()[:200]})")  # fmt: skip
            return
        try:
            runs: dict[str, list[dict]] = {"before": [], "now": []}
            for _ in range(2):
                runs["before"].append(run_version(old, novels))
                runs["now"].append(run_version(ROOT, novels))
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)],
                capture_output=True,
            )
    before, now = best(runs["before"]), best(runs["now"])
    common = sorted(set(before) & set(now))
    print(f"\n{len(novels)} ELTeC novels: {BASELINE} (before the rendering work) vs this tree")
    print(f"  modules: {runs['before'][0]['module']} | {runs['now'][0]['module']}")
    failed = {(Path(p).name, f, e) for r in runs["before"] for p, f, e in r["failed"]}
    if failed:
        print(f"  {BASELINE} failed on {len(failed)}: {sorted(failed)[:5]}")
    print(
        f"  {'format':<8}{'before s':>10}{'now s':>10}{'now/before':>12}   ({len(common)} novels)"
    )
    for name in FORMATS:
        b = sum(before[p][name] for p in common)
        n = sum(now[p][name] for p in common)
        print(f"  {name:<8}{b:>10.2f}{n:>10.2f}{n / b:>11.2f}x")
    b = sum(sum(before[p].values()) for p in common)
    n = sum(sum(now[p].values()) for p in common)
    print(f"  {'all':<8}{b:>10.2f}{n:>10.2f}{n / b:>11.2f}x")


def main(argv: list[str]) -> None:
    """``bench_export.py [NOVELS_FOLDER]`` (default ../shared/corpora/eltec-eng)."""
    single_documents()
    side_by_side(Path(argv[0]) if argv else NOVELS)


if __name__ == "__main__":
    main(sys.argv[1:])
