"""Where inputs and outputs live: local paths, or fsspec URLs (s3://, gs://, memory://...).

Local paths (and file:// URLs) go through outputs.write_atomic: a temporary file in the
same folder, then a rename. On an object store a single PUT is already atomic (an
object appears whole or not at all), so the bytes are written in one call; other
fsspec file systems get a temporary name and a move.
"""

from __future__ import annotations

import os
import posixpath
import re
import uuid
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, ToolkitError
from ..outputs import write_atomic

_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_OBJECT_STORES = {"s3", "s3a", "gs", "gcs", "az", "abfs", "abfss", "adl", "oss", "r2"}
INSTALL_HINT = "this needs the Dask extra: pip install 'tei-toolkit[dask]'"


def is_url(location: object) -> bool:
    return (
        isinstance(location, str)
        and bool(_URL.match(location))
        and not location.startswith("file://")
    )


def local(location: object) -> Path:
    text = str(location)
    return Path(text[len("file://") :] if text.startswith("file://") else text)


def filesystem(url: str) -> tuple[Any, str]:
    try:
        import fsspec  # type: ignore[import-untyped]
    except ImportError:
        raise ToolkitError(f"{url}: {INSTALL_HINT}") from None
    try:
        fs, path = fsspec.core.url_to_fs(url)
    except (ValueError, ImportError) as exc:
        raise ToolkitError(f"cannot open {url}: {exc}", file=url) from None
    return fs, path


def protocol(fs: Any) -> str:
    proto = fs.protocol
    return proto[0] if isinstance(proto, tuple | list) else str(proto)


def url_of(fs: Any, path: str) -> str:
    return fs.unstrip_protocol(path)


def join(folder: str, name: str) -> str:
    if is_url(folder):
        return folder.rstrip("/") + "/" + name
    return str(local(folder) / name)


def stem(location: str) -> str:
    name = posixpath.basename(location.rstrip("/")) if is_url(location) else local(location).name
    return name.rsplit(".", 1)[0] if "." in name else name


def read_bytes(location: str) -> bytes:
    if not is_url(location):
        return local(location).read_bytes()
    fs, path = filesystem(location)
    try:
        return fs.cat_file(path)
    except FileNotFoundError:
        raise ToolkitError("no such file", code="input:missing", file=location) from None
    except OSError as exc:
        raise ToolkitError(f"cannot read: {exc}", code="input:unreadable", file=location) from None


def read_record(location: str) -> tuple[str, list[Diagnostic]]:
    """A record's text, as pipeline._read_source gives it for a local file."""
    from ..pipeline import _read_source, refuse_xml
    from ..records import decode_and_clean

    if not is_url(location):
        return _read_source(local(location))
    data = read_bytes(location)
    refuse_xml(data, location, posixpath.splitext(location)[1])
    return decode_and_clean(data, location)


def write(location: str, data: bytes, inputs: tuple = ()) -> None:
    """Write ``data`` so that a reader sees the old file or the new one, never a part."""
    if not is_url(location):
        write_atomic(local(location), data, inputs=tuple(local(i) for i in inputs))
        return
    fs, path = filesystem(location)
    try:
        parent = posixpath.dirname(path)
        if parent:
            fs.makedirs(parent, exist_ok=True)
        if protocol(fs) in _OBJECT_STORES:
            fs.pipe_file(path, data)
            return
        tmp = f"{parent}/.{posixpath.basename(path)}.{uuid.uuid4().hex}.tmp"
        fs.pipe_file(tmp, data)
        fs.mv(tmp, path)
    except OSError as exc:
        raise ToolkitError(
            f"cannot write: {exc}", code="output:unwritable", file=location
        ) from None


def modified(location: str) -> float | None:
    """Modification time (seconds), None if the file does not exist or says nothing."""
    if not is_url(location):
        try:
            return os.stat(local(location)).st_mtime
        except OSError:
            return None
    fs, path = filesystem(location)
    try:
        info = fs.info(path)
    except (FileNotFoundError, OSError):
        return None
    for key in ("mtime", "LastModified", "last_modified", "updated", "created"):
        value = info.get(key)
        if value is None:
            continue
        if hasattr(value, "timestamp"):
            return float(value.timestamp())
        try:
            return float(value)
        except (TypeError, ValueError):
            continue
    return 0.0  # exists, age unknown


def list_records(folder: str, suffixes: tuple[str, ...]) -> list[str]:
    """The files of a folder URL with one of ``suffixes``, sorted (one level)."""
    fs, path = filesystem(folder)
    try:
        entries = fs.ls(path, detail=True)
    except FileNotFoundError:
        raise ToolkitError("no such file or folder", code="input:missing", file=folder) from None
    names = sorted(
        e["name"] for e in entries if e.get("type") == "file" and e["name"].endswith(suffixes)
    )
    return [url_of(fs, n) for n in names]


def is_folder(location: str) -> bool:
    if not is_url(location):
        return local(location).is_dir()
    fs, path = filesystem(location)
    try:
        return bool(fs.isdir(path))
    except OSError:
        return False


def up_to_date(source, target) -> bool:
    """The output exists and is not older than the record."""
    if target is None or str(source) == "-":
        return False
    done = modified(str(target))
    made = modified(str(source))
    return done is not None and made is not None and done >= made


def drop_up_to_date(sources: list, targets: list) -> tuple[list, list, int]:
    """--resume: leave out the records whose output exists and is not older than them.

    Outputs are written atomically, so one that exists is complete."""
    keep_s, keep_t, skipped = [], [], 0
    for source, target in zip(sources, targets):
        if up_to_date(source, target):
            skipped += 1
            continue
        keep_s.append(source)
        keep_t.append(target)
    return keep_s, keep_t, skipped


def sweep_temporaries(targets: list[str]) -> int:
    """Remove the temporary files a worker killed in the middle of a write left behind
    (outputs.write_atomic's ``.<name>.<random>.tmp`` beside each output). Local folders only:
    on an object store a write is one PUT and leaves nothing."""
    by_folder: dict[Path, set[str]] = {}
    for t in targets:
        if not is_url(t):
            path = local(t)
            by_folder.setdefault(path.parent, set()).add(path.name)
    removed = 0
    for folder, names in by_folder.items():
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            n = entry.name
            if n.startswith(".") and n.endswith(".tmp") and n[1:-4].rsplit(".", 1)[0] in names:
                try:
                    os.unlink(entry.path)
                    removed += 1
                except OSError:
                    pass
    return removed
