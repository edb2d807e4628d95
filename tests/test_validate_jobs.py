"""Worker processes: the same diagnostics, in the same order, whatever --jobs says."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tei_toolkit.tei import XMLSyntaxProblem, parse
from tei_toolkit.validators import validate_paths, workers
from tei_toolkit.validators.relaxng import element_names, names_of, scan, scan_names

SUITE = Path(__file__).resolve().parent / "validation"


def test_jobs_give_identical_diagnostics_in_process():
    """RELAX NG + corpus checks (duplicates need the files before, in order)."""
    kwargs = dict(engine="relaxng", use_xml_model=False, check_ids=True, check_refs=True)
    one = validate_paths([SUITE], jobs=1, **kwargs)
    two = validate_paths([SUITE], jobs=2, **kwargs)
    assert one == two
    assert any(d.code.startswith("rng:") for d in one)


def test_jobs_give_identical_output_from_the_cli(tmp_path):
    """The default engines (RELAX NG + Schematron: Saxon starts in each worker)."""
    outs = []
    for jobs in ("1", "2"):
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "tei_toolkit",
                "validate",
                str(SUITE),
                "--jobs",
                jobs,
                "--format",
                "json",
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert proc.returncode == 1, proc.stderr
        outs.append(json.loads(proc.stdout))
    assert outs[0] == outs[1]
    codes = {d["code"] for f in outs[0]["files"] for d in f["diagnostics"]}
    assert any(c.startswith("sch:") for c in codes) and any(c.startswith("rng:") for c in codes)


def test_no_workers_for_one_file_or_small_batches():
    assert workers.choose_jobs(None, 1) == 1
    assert workers.choose_jobs(8, 1) == 1
    assert workers.choose_jobs(None, workers.MIN_FILES - 1) == 1
    # a process that already runs Saxon does not fork (see workers.fork_safe)
    assert workers.choose_jobs(3, 2) == (2 if workers.fork_safe() else 1)


def test_the_name_scan_covers_the_parsed_names():
    for f in sorted(SUITE.glob("[vi]*/*.xml")):
        try:
            tree = parse(f)
        except XMLSyntaxProblem:
            continue
        assert element_names(tree) <= scan_names(f.read_bytes()), f


# Attributes the scan must not miss: values holding > = and quotes, newlines around =,
# single quotes, a prefix bound to two namespaces, xml:*, attributes on any element.
_TRICKY = b"""<?xml version="1.0"?>
<!-- a comment with x="y" and <fake a='b'> -->
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en" xmlns:a="urn:a1">
 <teiHeader rend = 'x>y' type="a=b" n="'"><fileDesc a:k="1"
   subtype
   =
   "z"/></teiHeader>
 <text xml:id="t1"><body><p xmlns:a="urn:a2" a:k="2" a:m='"'>x = "y" <hi rend="r"/>&amp;q="w"</p>
 <egXML xmlns="http://www.tei-c.org/ns/Examples" xml:space="preserve" foo.bar-baz="1"/></body></text>
</TEI>"""


def test_the_attribute_scan_covers_the_parsed_attributes():
    """The scan finds every attribute name lxml finds (namespace-qualified), suite-wide."""
    checked = 0
    for f in sorted(SUITE.glob("[vi]*/*.xml")):
        try:
            tree = parse(f)
        except XMLSyntaxProblem:
            continue
        elements, attributes = names_of(tree)
        found_elements, found_attributes = scan(f.read_bytes())
        assert elements <= found_elements and attributes <= found_attributes, f
        checked += 1
    assert checked > 60
    from lxml import etree

    elements, attributes = names_of(etree.ElementTree(etree.fromstring(_TRICKY)))
    found_elements, found_attributes = scan(_TRICKY)
    assert elements <= found_elements and attributes <= found_attributes
    xml = "http://www.w3.org/XML/1998/namespace"
    assert {
        (xml, "lang"),
        (xml, "id"),
        (xml, "space"),
        ("urn:a1", "k"),
        ("urn:a2", "k"),
        ("urn:a2", "m"),
        ("", "subtype"),
        ("", "foo.bar-baz"),
    } <= attributes
    assert not any(ns == "" and local.startswith("xmlns") for ns, local in found_attributes)
    # UTF-16 documents are scanned too
    utf16 = _TRICKY.decode().replace('version="1.0"', 'version="1.0" encoding="UTF-16"')
    wide_elements, wide_attributes = scan(utf16.encode("utf-16"))
    assert wide_elements >= found_elements and wide_attributes >= found_attributes
