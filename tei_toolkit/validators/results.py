"""A result cache for CI re-runs: a file whose bytes, schemas and tool are unchanged is
not validated again.

The key is the SHA-256 of: the file's bytes and resolved path, the tool's version, the
run's options (engine, schema policy, corpus checks), the user's schema and register (by
content), and the shipped schemas (by content). The entry records every schema file the
run used (a schema a document named, and each file its schema includes) with its
SHA-256; a hit is used only when each still has that digest. So editing the file, any
schema it met or the register, or upgrading tei-toolkit, always validates again: the cache
cannot make an invalid file pass.

Entries are JSON (never code) in the private cache folder (cache.py), under
``results/``. ``--no-cache`` or ``TEI_TOOLKIT_CACHE=off`` turns it off.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from .._version import __version__
from ..diagnostics import Diagnostic, Severity
from . import cache
from .models import include_closure
from .outcome import FileOutcome

KIND = "results"
DIGESTS = "digests"  # file digests by path and status (digest_of)


@dataclass
class Entry:
    diagnostics: list[Diagnostic]
    ids: list[tuple[str, int | None]]
    pointers: list[Diagnostic]
    depends: dict[str, str] = field(default_factory=dict)  # schema file -> sha256


def run_key(opts) -> str:
    """What every file of a run shares in its key (computed once per run)."""
    h = hashlib.sha256()
    h.update(__version__.encode())
    h.update(cache.CACHE_VERSION.encode())
    for name in ("engine", "use_xml_model", "xml_model", "check_ids", "check_refs"):
        h.update(f"{name}={getattr(opts, name, None)!r};".encode())
    for path in (opts.schema, opts.register):
        h.update(b"-" if path is None else _closure_digest(Path(path)).encode())
    for kind in ("rng", "sch", "xsd"):  # every shipped release: xml-model may pick any
        for release in cache.RELEASES:
            shipped = cache.release_schema(release, kind)
            digest = digest_of(shipped) if shipped is not None else None  # 5.6 MB: remembered
            h.update(digest.hex().encode() if digest is not None else b"-")
    return h.hexdigest()


def file_key(run: str, path: Path, data: bytes) -> str:
    return key_for(run, path, hashlib.sha256(data).digest())


def key_for(run: str, path: Path, digest: bytes, real: Path | None = None) -> str:
    """``file_key`` from the SHA-256 digest of the file's bytes (a file read in chunks);
    ``real``: the path resolved, when the caller has it."""
    h = hashlib.sha256(run.encode())
    h.update(str(real or path.resolve()).encode())
    h.update(digest)
    return h.hexdigest()


def digest_of(path: Path, real: Path | None = None) -> bytes | None:
    """The SHA-256 of a file's bytes (None if unreadable), read in chunks.

    A re-run need not read every file again: the digest is remembered with the file's
    status (device, inode, size, and modification and change times, in nanoseconds).
    Any write to a file changes its change time, which no program can set back, so
    while the status is the same the bytes are. A file changed in the two seconds
    before it was read is not remembered (its next change could share the stamp)."""
    try:
        before = _status(path)
        memo = hashlib.sha256(str(real or path.resolve()).encode()).hexdigest() + ".json"
        blob = cache.read(DIGESTS, memo)
        if blob is not None:
            raw = json.loads(blob)
            if raw.get("status") == before and isinstance(raw.get("sha256"), str):
                return bytes.fromhex(raw["sha256"])
        with path.open("rb") as f:  # in chunks: a large file is never held whole
            digest = hashlib.file_digest(f, "sha256").digest()
        if _status(path) == before and time.time_ns() - before[4] > 2_000_000_000:
            record = {"status": before, "sha256": digest.hex()}
            cache.write(DIGESTS, memo, json.dumps(record).encode())
        return digest
    except (OSError, ValueError, TypeError):
        return None


def _status(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def load(key: str, name: str) -> Entry | None:
    """The cached outcome for ``key`` if every schema file it used is unchanged."""
    blob = cache.read(KIND, key + ".json")
    if blob is None:
        return None
    try:
        raw = json.loads(blob)
        for dep, sha in raw["depends"].items():
            if _digest(Path(dep)) != sha:
                return None
        return Entry(
            [_diagnostic(d, name) for d in raw["diagnostics"]],
            [(i, line) for i, line in raw["ids"]],
            [_diagnostic(d, name) for d in raw["pointers"]],
            raw["depends"],
        )
    except (ValueError, KeyError, TypeError):
        return None  # not one of ours, or from another version: validate again


def outcome(key: str, name: str) -> FileOutcome | None:
    """``load`` as the outcome of checking the file, or None."""
    hit = load(key, name)
    return None if hit is None else FileOutcome(hit.diagnostics, hit.ids, hit.pointers)


def store(key: str, name: str, entry: Entry) -> None:
    raw = {
        "diagnostics": [_plain(d, name) for d in entry.diagnostics],
        "ids": entry.ids,
        "pointers": [_plain(d, name) for d in entry.pointers],
        "depends": entry.depends,
    }
    cache.write(KIND, key + ".json", json.dumps(raw).encode("utf-8"))


def schema_depends(schema: Path | None) -> dict[str, str]:
    """Each file of a schema's include closure, with its digest."""
    if schema is None:
        return {}
    return {str(p): _digest(p) for p in _closure(schema)}


def _closure_digest(path: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(_closure(path)):
        h.update(str(p).encode())
        h.update(_digest(p).encode())
    return h.hexdigest()


def _closure(schema: Path) -> list[Path]:
    return include_closure(schema)


def _digest(path: Path) -> str:
    try:
        return cache.file_sha256(path)
    except OSError:
        return "missing"


def _plain(d: Diagnostic, name: str) -> dict:
    out = d.as_dict()
    if out["file"] == name:
        out["file"] = None  # the file itself: filled in again as it is named next time
        out["self"] = True
    return out


def _diagnostic(raw: dict, name: str) -> Diagnostic:
    return Diagnostic(
        Severity[raw["severity"].upper()],
        raw["code"],
        raw["message"],
        file=name if raw.get("self") else raw["file"],
        line=raw["line"],
        column=raw["column"],
        path=raw["path"],
    )
