"""``<?xml-model?>``: which schema a document names, and whether it may be used.

The trust model (docs/SECURITY.md): a schema the *user* names is trusted; a schema a
*document* names is not. Policies for the latter (``validate --xml-model``):

``project`` (default)
    TEI Consortium URLs map to the shipped TEI schemas; a local schema is used only when
    it (and everything it includes) lies inside the document's project folder, and it
    runs sandboxed (sandbox.py). Anything else is refused with an error on that file.
``tei``
    Only TEI Consortium URLs are honoured (the pre-commit hook's default: a pull request
    cannot bring its own permissive schema); other models are reported and skipped.
``off``
    ``<?xml-model?>`` is ignored (``--no-xml-model``).

The project folder of a document is the nearest folder above it holding ``.git``; else the
current folder, when the document is inside it; else the document's own folder.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlparse

from ..diagnostics import Diagnostic, ToolkitError, error, info, warning
from . import cache

POLICIES = ("project", "tei", "off")
RNG_NS = "http://relaxng.org/ns/structure/1.0"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"
XSD_NS = "http://www.w3.org/2001/XMLSchema"
TEI_NS = "http://www.tei-c.org/ns/1.0"
TYPENS = {
    RNG_NS: "relaxng",
    SCH_NS: "schematron",
    XSD_NS: "xsd",
    "http://www.ascc.net/xml/schematron": "schematron",
    TEI_NS: "odd",
}
BY_SUFFIX = {".rng": "relaxng", ".xsd": "xsd", ".sch": "schematron", ".rnc": "relaxng"}
BY_SUFFIX[".odd"] = "odd"  # compiled (tei_toolkit.odd) to RELAX NG + Schematron
_SHIPPED = {"tei_all.rng": "rng", "tei_all.xsd": "xsd", "tei_all.sch": "sch"}
_RELEASE = re.compile(r"/(?:Vault/P5|P5)/(\d+\.\d+\.\d+)/")


@dataclass(frozen=True)
class Model:
    """One ``<?xml-model?>`` instruction."""

    href: str
    engine: str | None
    line: int | None


@dataclass(frozen=True)
class Use:
    """A schema to run on the document: engine, path, and whether the user trusts it."""

    engine: str
    schema: Path | None  # None: the shipped default for that engine
    trusted: bool
    project: Path | None = None
    line: int | None = None  # of the <?xml-model?> that named it
    origin: Path | None = None  # the ODD the schema was compiled from (its results depend on it)


def xml_models(tree) -> list[Model]:
    """Each ``<?xml-model?>`` before the root element, in document order."""
    pis = []
    node = tree.getroot().getprevious()
    while node is not None:
        if getattr(node, "target", None) == "xml-model":
            pis.append(node)
        node = node.getprevious()
    out = []
    for pi in reversed(pis):
        attrs = dict(re.findall(r'([\w:-]+)\s*=\s*["\']([^"\']*)["\']', pi.text or ""))
        href = attrs.get("href", "").strip()
        if not href:
            continue
        engine = TYPENS.get(attrs.get("schematypens", ""))
        if engine is None:
            engine = BY_SUFFIX.get(Path(urlparse(href).path).suffix.lower())
        out.append(Model(href, engine, pi.sourceline))
    return out


def project_root(doc: Path) -> Path:
    """Where a document's own schemas may live (see the module docstring)."""
    doc = doc.resolve()
    for folder in doc.parents:
        if (folder / ".git").exists():
            return folder
    cwd = Path(os.getcwd()).resolve()
    return cwd if doc.is_relative_to(cwd) else doc.parent


def plan_models(
    tree, doc: Path, policy: str, engine: str | None
) -> tuple[list[Use], list[Diagnostic]]:
    """The schemas this document's ``xml-model`` instructions lead to, and notes about them."""
    uses: list[Use] = []
    notes: list[Diagnostic] = []
    if policy == "off":
        return uses, notes
    name = str(doc)
    for model in xml_models(tree):
        kind = model.engine or "relaxng"
        if engine and kind != engine and (kind != "odd" or engine == "xsd"):
            continue
        where = {"file": name, "line": model.line}
        parsed = urlparse(model.href)
        if parsed.scheme in ("http", "https"):
            use, note = _remote(model, parsed, kind, where)
        elif policy == "tei":
            use, note = (
                None,
                info(
                    "validate:xml-model",
                    f"schema {model.href} named by <?xml-model?> not used (--xml-model tei: "
                    "only TEI Consortium schemas)",
                    **where,
                ),
            )
        elif parsed.scheme not in ("", "file") or (parsed.scheme == "file" and parsed.netloc):
            use, note = (
                None,
                error(
                    "validate:xml-model-refused",
                    f"schema {model.href} refused: a document may name only local schemas or "
                    "TEI Consortium URLs",
                    **where,
                ),
            )
        else:
            use, note = _local(model, doc, unquote(parsed.path), kind, where)
        if note is not None:
            notes.append(note)
        for one in use if isinstance(use, list) else [use]:
            if one is not None and one not in uses and (engine is None or one.engine == engine):
                uses.append(one)
    return uses, notes


def _tei_host(host: str | None) -> bool:
    host = (host or "").lower().rstrip(".")
    return host == "tei-c.org" or host.endswith(".tei-c.org")


def named_release(path: str) -> str | None:
    """The TEI release a Consortium URL path names: ``/Vault/P5/4.3.0/...`` is 4.3.0;
    ``/release/...`` (the current release) is the newest we ship; else None."""
    m = _RELEASE.search(path)
    if m:
        return m.group(1)
    if path.startswith("/release/"):
        return next(iter(cache.RELEASES))
    return None


def _remote(model: Model, parsed, kind: str, where) -> tuple[Use | None, Diagnostic | None]:
    name = parsed.path.rsplit("/", 1)[-1]
    if not _tei_host(parsed.hostname) or (name not in _SHIPPED and not name.endswith(".rng")):
        return None, info(
            "validate:xml-model",
            f"schema {model.href} is not local and not a TEI Consortium schema we ship "
            f"(no network access); using the shipped tei_all {cache.default_release()}",
            **where,
        )
    if name == "tei_all.rng" and kind == "schematron":
        name = "tei_all.sch"  # the Schematron embedded in tei_all.rng, extracted
    if name not in _SHIPPED:
        return None, info(
            "validate:xml-model",
            f"TEI schema {name} is not shipped; using the shipped tei_all "
            f"{cache.default_release()}",
            **where,
        )
    ext = _SHIPPED[name]
    release = named_release(parsed.path)
    schema = cache.release_schema(release, ext) if release else None
    if schema is not None:
        return Use(kind, schema, trusted=True), None
    used = cache.default_release(ext)
    note = None
    if release is not None:
        shipped = ", ".join(cache.shipped_releases(ext))
        note = info(
            "validate:xml-model",
            f"TEI release {release} is not shipped as {name} (shipped: {shipped}); "
            f"using release {used}",
            **where,
        )
    return Use(kind, cache.default_schema(ext), trusted=True), note


def _local(model: Model, doc: Path, href: str, kind: str, where):
    project = project_root(doc)
    target = (doc.parent / href).resolve()
    if not target.is_relative_to(project):
        return None, error(
            "validate:xml-model-refused",
            f"schema {model.href} refused: it lies outside the document's project folder {project}",
            **where,
        )
    if not target.is_file():
        return None, warning(
            "validate:xml-model",
            f"schema {model.href} named by <?xml-model?> not found; using the shipped tei_all",
            **where,
        )
    outside = _outside_includes(target, project) if kind in ("relaxng", "xsd", "odd") else None
    if outside is not None:
        return None, error(
            "validate:xml-model-refused",
            f"schema {model.href} refused: it includes {outside}, which is not a local file "
            "inside the document's project folder",
            **where,
        )
    if kind == "odd":
        return _compiled_odd(model, target, project, where)
    return Use(kind, target, trusted=False, project=project, line=model.line), None


def _compiled_odd(model: Model, odd: Path, project: Path, where):
    """The RELAX NG and Schematron compiled from a local ODD (cached by content)."""
    try:
        # here: only an ODD named by xml-model needs the ODD compiler (~6 ms to import)
        from .. import odd as compiler

        rng, sch = compiler.schema_for(odd)
    except ToolkitError as exc:
        return None, error(
            "validate:schema",
            f"ODD {model.href} named by <?xml-model?> cannot be compiled: {exc.message}",
            **where,
        )
    return [
        Use(e, p, trusted=False, project=project, line=model.line, origin=odd)
        for e, p in (("relaxng", rng), ("schematron", sch))
    ], None


_INCLUDES = {
    f"{{{RNG_NS}}}include",
    f"{{{RNG_NS}}}externalRef",
    f"{{{XSD_NS}}}include",
    f"{{{XSD_NS}}}import",
    f"{{{XSD_NS}}}redefine",
    f"{{{XSD_NS}}}override",
}


# what an ODD reads besides itself: its source (a chained ODD) and external RELAX NG modules
_ODD_REFS = {f"{{{TEI_NS}}}schemaSpec": "source", f"{{{TEI_NS}}}moduleRef": "url"}


def _walk_includes(schema: Path, limit: int = 1000):
    """(href, local path or None when remote) for each include of ``schema``'s closure,
    the schema itself first (href "")."""
    from lxml import etree  # here: a re-run from the result cache never needs it (~8 ms)

    yield "", schema
    todo, seen = [schema], {schema}
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    while todo and len(seen) < limit:
        path = todo.pop()
        try:
            root = etree.parse(str(path), parser).getroot()
        except (OSError, etree.XMLSyntaxError):
            continue  # the engine reports an unreadable schema itself
        for el in root.iter(*_INCLUDES, *_ODD_REFS):
            href = (el.get("href") or el.get("schemaLocation") or "").strip()
            if el.tag in _ODD_REFS:
                href = (el.get(_ODD_REFS[el.tag]) or "").strip()
            if not href or (el.tag in _ODD_REFS and href.startswith("tei:")):
                continue  # "tei:4.8.0": a shipped release, not a file
            parsed = urlparse(href)
            if parsed.scheme not in ("", "file") or parsed.netloc:
                yield href, None
                continue
            target = (path.parent / unquote(parsed.path)).resolve()
            yield href, target
            if target not in seen:
                seen.add(target)
                todo.append(target)


def _outside_includes(schema: Path, project: Path) -> str | None:
    """The first href in ``schema``'s include closure that is remote or outside ``project``."""
    for href, target in _walk_includes(schema):
        if target is None or not target.is_relative_to(project):
            return href
    return None


@lru_cache(maxsize=256)
def _closure(schema: str, mtime_ns: int) -> tuple[Path, ...]:
    return tuple(dict.fromkeys(t for _, t in _walk_includes(Path(schema)) if t is not None))


def include_closure(schema: Path) -> list[Path]:
    """The schema file and every local file its includes reach."""
    schema = schema.resolve()
    try:
        mtime = schema.stat().st_mtime_ns
    except OSError:
        return [schema]
    return list(_closure(str(schema), mtime))
