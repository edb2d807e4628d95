"""Our Schematron engine against a reference: the ISO Schematron skeleton.

The reference is the ISO skeleton XSLT that ships inside the lxml wheel
(iso_dsdl_include -> iso_abstract_expand -> iso_svrl_for_xslt1), run by the same
SaxonC; it turns tei_all.sch into an SVRL-producing stylesheet, independently of
our compiler. Both must report the same findings (message, node, severity) on the
fixtures and on generated documents.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from tei_toolkit.tei import E, parse
from tei_toolkit.validators import schematron as engine
from tei_toolkit.validators.schematron_locate import readable_path
from tests.iso_skeleton import skeleton_stylesheet

pytestmark = pytest.mark.skipif(not engine.schematron_available(), reason="saxonche not installed")

SVRL = "{http://purl.oclc.org/dsdl/svrl}"
FIXTURES = sorted((Path(__file__).parent / "schematron" / "tei_all").glob("*.xml"))


@pytest.fixture(scope="module")
def oracle():
    proc, executable = skeleton_stylesheet()

    def run(tree: etree._ElementTree) -> Counter:
        node = proc.parse_xml(xml_text=etree.tostring(tree.getroot(), encoding="unicode"))
        svrl = etree.fromstring(executable.transform_to_string(xdm_node=node).encode())
        found = Counter()
        for f in svrl.iter(f"{SVRL}failed-assert", f"{SVRL}successful-report"):
            # The skeleton's locations for attribute contexts are broken ("/@from").
            hits = tree.xpath(f.get("location")) if not f.get("location").startswith("/@") else []
            where = readable_path(hits[0]) if hits and isinstance(hits[0], etree._Element) else None
            message = " ".join(f.findtext(f"{SVRL}text").split())
            found[(message, where, engine.severity_of(f.get("role")))] += 1
        return found

    return run


def ours(tree) -> Counter:
    return Counter(
        (d.message, None if "/@" in (d.path or "") else d.path, d.severity)
        for d in engine.iter_schematron(tree)
    )


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_fixture_agrees_with_iso_skeleton(oracle, path):
    tree = parse(path)
    assert ours(tree) == oracle(tree)


# -- generated documents: elements and attribute combinations the rules look at -------

_REF = st.sampled_from(["#a", "#b", "#a #b", "#nowhere", "#a  #b "])


def _attrs(*names):
    return st.fixed_dictionaries({}, optional={n: _REF for n in names})


def _leaf(tag, *names, text=None):
    text = st.sampled_from(["", "x"]) if text is None else text
    return st.builds(lambda a, t: E(tag, t or None, **a), _attrs(*names), text)


_LEAVES = st.one_of(
    _leaf("date", "when", "notBefore", "notAfter", "from", "to", "calendar"),
    _leaf("ptr", "target", "cRef", text=st.just("")),
    _leaf("ref", "target", "cRef", "targetLang"),
    _leaf("span", "from", "to", "target"),
    _leaf("relation", "name", "ref", "active", "passive", "mutual", text=st.just("")),
    _leaf("link", "target", text=st.just("")),
    _leaf("join", "target", text=st.just("")),
    _leaf("seg", "type", "subtype"),
    _leaf("measure", "unit", "unitRef"),
    _leaf("addSpan", "spanTo", text=st.just("")),
    _leaf("anchor", "xml_id", text=st.just("")),
    _leaf("shift", "new", text=st.just("")),
    st.builds(lambda: E("anchor", xml_id="a")),
)


def _container(children):
    def make(tag, kids, attrs):
        return E(tag, *kids, **attrs)

    return st.one_of(
        st.builds(
            make,
            st.sampled_from(
                ["p", "lg", "l", "subst", "relatedItem", "list", "dimensions", "s", "ab", "note"]
            ),
            st.lists(children, max_size=4),
            _attrs("type", "target"),
        ),
        st.builds(
            lambda kids: E("list", E("label", "t"), *kids, type="gloss"),
            st.lists(children, max_size=2),
        ),
    )


_BODY = st.recursive(_LEAVES, _container, max_leaves=12)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_BODY, min_size=1, max_size=5))
def test_generated_documents_agree_with_iso_skeleton(oracle, parts):
    tree = etree.ElementTree(E("TEI", E("text", E("body", *parts))))
    assert ours(tree) == oracle(tree)
