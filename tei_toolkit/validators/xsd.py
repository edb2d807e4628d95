"""XML Schema validation with xmlschema, the built schema pickled in the user cache.

Building tei_all.xsd takes xmlschema ~54 s; the pickled result loads in ~0.4 s. The
cache key is the SHA-256 of every .xsd file beside the schema (tei_all.xsd imports
xml.xsd, teix.xsd, dcr.xsd), so editing any of them rebuilds. The first run on a new
schema pays the build; ``tei-toolkit validate --engine xsd`` says so on stderr.

Safety: the pickle is signed with this user's key (cache.write_signed) and loaded only
when the signature holds, so a cache file someone else wrote is rebuilt, never run. No
schema fetches anything from the network (``allow="local"``); a schema a document named
reads only files in its own folder (``allow="sandbox"``); XML entities are defused.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from collections.abc import Iterator
from pathlib import Path

from ..diagnostics import Diagnostic, ToolkitError, error
from . import cache

_LOADED: dict[str, object] = {}


def _key(path: Path) -> str:
    h = hashlib.sha256()
    for f in sorted(path.parent.glob("*.xsd")):
        h.update(f.name.encode())
        h.update(cache.file_sha256(f).encode())
    h.update(path.name.encode())
    import xmlschema

    h.update(xmlschema.__version__.encode())
    return h.hexdigest()[:40]


def load_xsd(schema_path: str | Path | None = None, *, trusted: bool = True):
    """The xmlschema.XMLSchema for ``schema_path`` (default: shipped tei_all.xsd), cached.

    ``trusted`` False (a schema a document named): it may read only files beside it."""
    import xmlschema

    path = Path(schema_path) if schema_path is not None else cache.default_schema("xsd")
    if not path.is_file():
        raise ToolkitError("XML Schema not found", file=str(path))
    allow = "local" if trusted else "sandbox"
    key = _key(path) + ("" if trusted else "-sandbox")
    if key in _LOADED:
        return _LOADED[key]
    blob = cache.read_signed("xsd", key + ".pickle")
    schema = None
    if blob is not None:
        try:
            schema = pickle.loads(blob)  # signed by us: see the module docstring
        except Exception:  # a cache from another version: rebuild
            schema = None
    if schema is None:
        if path.stat().st_size > 200_000 or path.name == "tei_all.xsd":
            print(
                f"tei-toolkit: building {path.name} once (about a minute); cached in "
                f"{cache.cache_dir()}",
                file=sys.stderr,
            )
        try:
            schema = xmlschema.XMLSchema(str(path), allow=allow, defuse="always")
        except (xmlschema.XMLSchemaException, OSError) as exc:
            message = " ".join(str(exc).split())[:300]
            raise ToolkitError(
                f"cannot read XML Schema: {message}", code="xsd:schema", file=str(path)
            ) from None
        try:
            blob = pickle.dumps(schema, pickle.HIGHEST_PROTOCOL)
            cache.write_signed("xsd", key + ".pickle", blob)
        except Exception:
            pass
    _LOADED[key] = schema
    return schema


def iter_xsd(
    tree,
    *,
    filename: str | None = None,
    schema_path: str | Path | None = None,
    trusted: bool = True,
) -> Iterator[Diagnostic]:
    """Yield a Diagnostic for each XML Schema error in ``tree``."""
    schema = load_xsd(schema_path, trusted=trusted)
    for err in schema.iter_errors(tree):
        elem = getattr(err, "elem", None)
        line = getattr(elem, "sourceline", None) if elem is not None else None
        reason = (err.reason or err.message or "invalid").strip().rstrip(".")
        yield error(
            "xsd:invalid", reason, file=filename, line=line, path=getattr(err, "path", None)
        )
