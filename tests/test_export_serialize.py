"""serialize() writes an indented copy and leaves the caller's tree as it was (issue 10)."""

from lxml import etree

from tei_toolkit.tei import parse_bytes, serialize

SOURCE = (
    b'<?xml-model href="tei_all.rng"?>\n'
    b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>'
    b"<title>T</title></titleStmt></fileDesc></teiHeader>"
    b"<text><body><p>one <hi>two</hi> three</p><p>four</p></body></text></TEI>"
)


def _snapshot(tree) -> list[tuple[str, str | None, str | None]]:
    return [(str(el.tag), el.text, el.tail) for el in tree.getroot().iter()]


def test_serialize_leaves_the_tree_unchanged():
    tree = parse_bytes(SOURCE)
    before = _snapshot(tree)
    out = serialize(tree)
    assert _snapshot(tree) == before  # no indentation whitespace was added to the input
    assert b"\n  <teiHeader>" in out  # the output itself is indented
    assert b"<p>one <hi>two</hi> three</p>" in out  # mixed content untouched


def test_serialize_keeps_the_prolog_and_is_stable():
    tree = parse_bytes(SOURCE)
    out = serialize(tree)
    assert b"<?xml-model" in out
    assert serialize(tree) == out
    assert serialize(parse_bytes(out)) == out


def test_serialize_of_an_element_leaves_it_unchanged():
    el = etree.fromstring(b"<a><b><c/></b></a>")
    serialize(el)
    assert etree.tostring(el) == b"<a><b><c/></b></a>"
