"""Worker processes: the same diagnostics, in the same order, whatever --jobs says."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tei_toolkit.validators import validate_paths, workers

SUITE = Path(__file__).resolve().parent / "validation"


def test_jobs_give_identical_diagnostics_in_process():
    """RELAX NG + corpus checks (duplicates need the files before, in order)."""
    kwargs = dict(engine="relaxng", use_xml_model=False, check_ids=True, check_refs=True)
    one = validate_paths([SUITE], jobs=1, **kwargs)
    two = validate_paths([SUITE], jobs=2, **kwargs)
    assert one == two
    assert any(d.code.startswith("rng:") for d in one)


def test_jobs_give_identical_output_from_the_cli(tmp_path):
    """The default engines (RELAX NG + Schematron: Saxon starts in each worker)."""
    outs = []
    for jobs in ("1", "2"):
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "tei_toolkit",
                "validate",
                str(SUITE),
                "--jobs",
                jobs,
                "--format",
                "json",
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert proc.returncode == 1, proc.stderr
        outs.append(json.loads(proc.stdout))
    assert outs[0] == outs[1]
    codes = {d["code"] for f in outs[0]["files"] for d in f["diagnostics"]}
    assert any(c.startswith("sch:") for c in codes) and any(c.startswith("rng:") for c in codes)


def test_no_workers_for_one_file_or_small_batches():
    assert workers.choose_jobs(None, 1) == 1
    assert workers.choose_jobs(8, 1) == 1
    assert workers.choose_jobs(None, workers.MIN_FILES - 1) == 1
    # a process that already runs Saxon does not fork (see workers.fork_safe)
    assert workers.choose_jobs(3, 2) == (2 if workers.fork_safe() else 1)
