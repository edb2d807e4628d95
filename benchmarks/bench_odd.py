"""ODD compile time: tei_all and tei_lite from the shipped p5subset.xml (TEI P5 4.8.0),
cold (a fresh process: p5subset parsed, specs merged, RELAX NG + Schematron written) and
cached (``schema_for`` on an ODD already compiled: a content hash and two file lookups),
and the compact-syntax writer on top.
Reports, never asserts. For comparison, the TEI Stylesheets 7.57.0 through SaxonC take
about 5.3 s (tei_all) and 2.2 s (tei_lite) on the project's machine."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "schemas"))

import build_odd  # noqa: E402

EXEMPLARS = [
    p / "shared" / "tei" / "4.8.0" / "exemplars" for p in (ROOT.parent, ROOT.parent.parent)
]

COLD = """
import sys, time
t0 = time.perf_counter(); c0 = time.process_time()
from tei_toolkit.odd import compact_syntax, compile_odd
t1 = time.perf_counter()
c = compile_odd(sys.argv[1])
t2 = time.perf_counter(); c2 = time.process_time()
rnc = compact_syntax(c)
t3 = time.perf_counter()
print(f"{t1 - t0:.3f} {t2 - t1:.3f} {len(c.rng)} {len(c.sch)} {c2 - c0:.3f} {t3 - t2:.3f}")
"""


def odds(tmp: Path) -> dict[str, Path]:
    found = next((e for e in EXEMPLARS if (e / "tei_lite.odd").is_file()), None)
    if found is not None:
        return {"tei_all": found / "tei_all.odd", "tei_lite": found / "tei_lite.odd"}
    path = tmp / "tei_all.odd"
    path.write_text(build_odd.TEI_ALL_ODD, encoding="utf-8")
    print("(../shared/tei/4.8.0/exemplars not here: tei_lite skipped)")
    return {"tei_all": path}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, PYTHONPATH=str(ROOT), TEI_TOOLKIT_CACHE=str(Path(tmp) / "c"))
        for name, odd in odds(Path(tmp)).items():
            runs, cpu, rnc = [], [], []
            for _ in range(3):
                out = subprocess.run(
                    [sys.executable, "-c", COLD, str(odd)],
                    capture_output=True,
                    text=True,
                    env=env,
                    check=True,
                ).stdout.split()
                runs.append(float(out[1]))
                cpu.append(float(out[4]))
                rnc.append(float(out[5]))
            print(
                f"{name}: cold compile {min(runs):.2f} s wall, {min(cpu):.2f} s CPU (best of 3; import "
                f"{float(out[0]):.2f} s more), RELAX NG {int(out[2]) // 1024} KiB, "
                f"Schematron {int(out[3]) // 1024} KiB; compact syntax (.rnc) {min(rnc):.2f} s more"
            )
            os.environ["TEI_TOOLKIT_CACHE"] = env["TEI_TOOLKIT_CACHE"]
            from tei_toolkit import odd as odd_pkg

            odd_pkg.schema_for(odd)  # fill the cache folder
            odd_pkg._schema_for.cache_clear()  # a new process: only the files remain
            started = time.perf_counter()
            for _ in range(20):
                odd_pkg._schema_for.cache_clear()
                odd_pkg.schema_for(odd)
            print(f"{name}: cached {1000 * (time.perf_counter() - started) / 20:.1f} ms")


if __name__ == "__main__":
    main()
