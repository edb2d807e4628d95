"""Where compiled schemas are kept between runs, and the shipped schema files.

The cache lives in ``$TEI_TOOLKIT_CACHE``, else ``$XDG_CACHE_HOME/tei-toolkit``, else
``~/.cache/tei-toolkit``. Entries are keyed by the schema's SHA-256, so an edited
schema never meets a stale entry; deleting the folder is always safe. A cache that
cannot be written (read-only home, CI sandbox) is silently skipped.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import lru_cache
from pathlib import Path

# Bump when the pruned-grammar text or pickled objects would change shape.
CACHE_VERSION = "3"


def cache_dir() -> Path:
    env = os.environ.get("TEI_TOOLKIT_CACHE")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "tei-toolkit"


def cache_disabled() -> bool:
    return os.environ.get("TEI_TOOLKIT_CACHE", None) == ""


@lru_cache(maxsize=64)
def _sha_cached(path: str, mtime_ns: int, size: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@lru_cache(maxsize=256)
def resolved(path: str) -> str:
    """The absolute, symlink-free form of ``path`` (asked once per file per run)."""
    return str(Path(path).resolve())


def file_sha256(path: str | os.PathLike) -> str:
    st = os.stat(path)
    return _sha_cached(resolved(os.fspath(path)), st.st_mtime_ns, st.st_size)


def read(kind: str, key: str) -> bytes | None:
    if cache_disabled():
        return None
    try:
        return (cache_dir() / kind / key).read_bytes()
    except OSError:
        return None


def write(kind: str, key: str, data: bytes) -> None:
    if cache_disabled():
        return
    folder = cache_dir() / kind
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, folder / key)
    except OSError:
        pass


@lru_cache(maxsize=1)
def schemas_dir() -> Path:
    """The shipped TEI schemas: the repository's schemas/ or the installed copy."""
    here = Path(__file__).resolve().parent.parent
    # the installed copy first: site-packages/schemas may belong to another package
    for candidate in (here / "data" / "schemas", here.parent / "schemas", here / "data"):
        if (candidate / "tei_all.rng").is_file():
            return candidate
    return here.parent / "schemas"


# The TEI release validated against by default (schemas/README.md). tei_all.* without a
# release is 4.3.0 (and the XSD); tei_all-4.8.0.* is compiled by tei_toolkit.odd. Still
# 4.3.0: the Schematron fixtures (tests/test_schematron.py) pin 4.3.0's rule ids.
DEFAULT_RELEASE = "4.3.0"


def default_schema(kind: str = "rng") -> Path:
    release = schemas_dir() / f"tei_all-{DEFAULT_RELEASE}.{kind}"
    return release if release.is_file() else schemas_dir() / f"tei_all.{kind}"
