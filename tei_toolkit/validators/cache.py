"""Where compiled schemas are kept between runs, and the shipped schema files.

The cache lives in ``$TEI_TOOLKIT_CACHE``, else ``$XDG_CACHE_HOME/tei-toolkit``, else
``~/.cache/tei-toolkit``. Entries are keyed by the schema's SHA-256, so an edited
schema never meets a stale entry; deleting the folder is always safe. A cache that
cannot be written (read-only home, CI sandbox) is silently skipped.

Folders are created 0700, and a folder that another user could write (or owns) is not
used. Entries that would run code when loaded (pickles) are signed with a key kept
outside the cache (``read_signed``/``write_signed``): a cache restored from elsewhere
or written by someone else is never loaded, only rebuilt.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import stat
from functools import lru_cache
from pathlib import Path

# Bump when the pruned-grammar text or pickled objects would change shape.
CACHE_VERSION = "4"


def cache_dir() -> Path:
    env = os.environ.get("TEI_TOOLKIT_CACHE")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "tei-toolkit"


def cache_disabled() -> bool:
    """``TEI_TOOLKIT_CACHE`` set to nothing, "off", "0" or "no" turns every cache off."""
    return os.environ.get("TEI_TOOLKIT_CACHE", "x").strip().lower() in ("", "off", "0", "no")


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


def _private(folder: Path) -> bool:
    """True if ``folder`` is ours and no one else can write into it."""
    try:
        st = folder.lstat()
    except OSError:
        return False
    if not stat.S_ISDIR(st.st_mode) or st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return False
    return not hasattr(os, "getuid") or st.st_uid == os.getuid()


def _folder(root: Path, kind: str, *, create: bool) -> Path | None:
    folder = root / kind
    if create:
        try:
            root.mkdir(mode=0o700, parents=True, exist_ok=True)
            folder.mkdir(mode=0o700, exist_ok=True)
        except OSError:
            return None
    return folder if _private(root) and _private(folder) else None


def read(kind: str, key: str) -> bytes | None:
    if cache_disabled():
        return None
    folder = _folder(cache_dir(), kind, create=False)
    if folder is None:
        return None
    try:
        return (folder / key).read_bytes()
    except OSError:
        return None


def write(kind: str, key: str, data: bytes) -> None:
    if cache_disabled():
        return
    folder = _folder(cache_dir(), kind, create=True)
    if folder is None:
        return
    try:
        import tempfile  # here: a run that only reads the cache never writes (~5 ms)

        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, folder / key)
    except OSError:
        pass


def _key_file() -> Path:
    xdg = os.environ.get("XDG_CONFIG_HOME")
    return (Path(xdg) if xdg else Path.home() / ".config") / "tei-toolkit" / "cache.key"


@lru_cache(maxsize=1)
def _signing_key() -> bytes | None:
    """This user's secret for signing cache entries, made on first use (0600, 0700 folder)."""
    path = _key_file()
    folder = _folder(path.parent.parent, path.parent.name, create=True)
    if folder is None:
        return None
    try:
        st = path.lstat()
        if stat.S_ISREG(st.st_mode) and not st.st_mode & 0o077 and st.st_size == 32:
            return path.read_bytes()
        return None  # a key someone else could read or replace is no key
    except FileNotFoundError:
        pass
    except OSError:
        return None
    key = os.urandom(32)  # what secrets.token_bytes returns; the module costs ~4 ms
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(key)
    except OSError:
        return None
    return key


def read_signed(kind: str, key: str) -> bytes | None:
    """An entry written by ``write_signed`` with this user's key, else None."""
    secret = _signing_key()
    blob = read(kind, key) if secret else None
    if secret is None or blob is None or len(blob) < 32:
        return None
    tag, data = blob[:32], blob[32:]
    expected = hmac.new(secret, data, hashlib.sha256).digest()
    return data if hmac.compare_digest(tag, expected) else None


def write_signed(kind: str, key: str, data: bytes) -> None:
    secret = _signing_key()
    if secret is not None:
        write(kind, key, hmac.new(secret, data, hashlib.sha256).digest() + data)


@lru_cache(maxsize=1)
def schemas_dir() -> Path:
    """The shipped TEI schemas: the repository's schemas/ or the installed copy."""
    here = Path(__file__).resolve().parent.parent
    # the installed copy first: site-packages/schemas may belong to another package
    for candidate in (here / "data" / "schemas", here.parent / "schemas", here / "data"):
        if (candidate / "tei_all.rng").is_file():
            return candidate
    return here.parent / "schemas"


# The TEI releases shipped (schemas/README.md): release -> stem of its files (.rng, .sch,
# .xsd). 4.8.0 is compiled by tei_toolkit.odd from p5subset.xml; tei_all.* is the
# Consortium's 4.3.0. Newest first.
RELEASES = {"4.8.0": "tei_all-4.8.0", "4.3.0": "tei_all"}
# The release validated against when nothing else is named.
DEFAULT_RELEASE = "4.8.0"


def release_schema(release: str, kind: str = "rng") -> Path | None:
    """The shipped tei_all of ``release`` in ``kind`` (rng, sch, xsd), if shipped."""
    stem = RELEASES.get(release)
    path = schemas_dir() / f"{stem}.{kind}" if stem else None
    return path if path is not None and path.is_file() else None


def shipped_releases(kind: str = "rng") -> list[str]:
    """The releases shipped in ``kind``, newest first."""
    return [r for r in RELEASES if release_schema(r, kind) is not None]


def default_schema(kind: str = "rng") -> Path:
    """The default release's tei_all in ``kind``; else the newest release that has one."""
    for release in (DEFAULT_RELEASE, *RELEASES):
        path = release_schema(release, kind)
        if path is not None:
            return path
    return schemas_dir() / f"tei_all.{kind}"


def default_release(kind: str = "rng") -> str:
    """The release ``default_schema(kind)`` belongs to."""
    path = default_schema(kind)
    return next((r for r, stem in RELEASES.items() if path.name == f"{stem}.{kind}"), "unknown")
