"""Only for non-editable installs (pip install .): the wheel carries the shipped schemas
and register under tei_toolkit/data/, where the package looks when it is not run from a
source tree. Everything else is in pyproject.toml."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildPyWithData(build_py):
    def run(self):
        super().run()
        data = Path(self.build_lib) / "tei_toolkit" / "data"
        (data / "schemas").mkdir(parents=True, exist_ok=True)
        for path in (ROOT / "schemas").iterdir():
            if path.suffix in (".rng", ".xsd", ".sch") or path.name in (
                "LICENSE-TEI.txt",
                "LICENSE-TEI-4.8.0.txt",
                "p5subset.xml",
            ):
                shutil.copy2(path, data / "schemas" / path.name)
        shutil.copy2(ROOT / "corpus" / "register.tsv", data / "register.tsv")


setup(cmdclass={"build_py": BuildPyWithData})
