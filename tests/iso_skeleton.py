"""The reference Schematron implementation for tests and benchmarks: the ISO skeleton
XSLT that ships in the lxml wheel, run by saxonche on tei_all.sch."""

from __future__ import annotations

from pathlib import Path

import lxml

from tei_toolkit.validators import schematron as engine
from tei_toolkit.validators.cache import default_schema

SKELETON = Path(lxml.__file__).parent / "isoschematron/resources/xsl/iso-schematron-xslt1"


def skeleton_stylesheet():
    """(Saxon processor, compiled SVRL-producing stylesheet for tei_all.sch)."""
    proc = engine._processor()
    xslt = proc.new_xslt30_processor()
    # The XSLT 1 skeleton refuses queryBinding="xslt2"; Saxon runs the XPath 2 anyway.
    text = (
        default_schema("sch")
        .read_text(encoding="utf-8")
        .replace('queryBinding="xslt2"', 'queryBinding="xslt"')
    )
    doc = proc.parse_xml(xml_text=text)
    for step in ("iso_dsdl_include.xsl", "iso_abstract_expand.xsl", "iso_svrl_for_xslt1.xsl"):
        out = xslt.compile_stylesheet(stylesheet_file=str(SKELETON / step)).transform_to_string(
            xdm_node=doc
        )
        doc = proc.parse_xml(xml_text=out)
    return proc, xslt.compile_stylesheet(stylesheet_text=out)
