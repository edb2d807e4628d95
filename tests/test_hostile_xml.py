"""Hostile XML: every document in tests/hostile/ (and a few generated ones) ends quickly
with a clear diagnostic, reads no file, makes no connection, and leaks nothing.

Checked through the library (tei.parse), the register loader behind `convert --register`,
and the `validate` and `export` commands when they are installed.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import click
import pytest
from lxml import etree

from tei_toolkit import tei, xmlparse
from tei_toolkit.cli import cli, main
from tei_toolkit.tei import XMLSyntaxProblem, parse, parse_bytes

HOSTILE = Path(__file__).parent / "hostile"
SECRETS = ("root:x:0:0", "root:*:0:0", "/bin/bash", "/bin/sh", "nologin", "daemon:")
# How quickly each hostile document ends is measured in benchmarks/bench_hostile.py; here a
# refusal is checked by its diagnostic (an expanded bomb would not give one).

# file -> the diagnostic code that refuses it, or the warnings it is accepted with
REFUSED = {
    "xxe-file-url.xml": "xml:external-entity",
    "xxe-plain-path.xml": "xml:external-entity",
    "xxe-public-id.xml": "xml:external-entity",
    "xxe-parameter-entity.xml": "xml:external-entity",
    "xxe-parameter-oob.xml": "xml:external-entity",
    "xxe-nested-in-internal.xml": "xml:entity-expansion",
    "billion-laughs.xml": "xml:entity-expansion",
    "billion-laughs-attribute.xml": "xml:entity-expansion",
    "entity-loop.xml": "xml:entity-expansion",
    "quadratic-blowup.xml": "xml:entity-expansion",
    "remote-dtd-entity.xml": "xml:undefined-entity",
    "external-dtd-subset.xml": "xml:undefined-entity",
    "undefined-html-entity.xml": "xml:undefined-entity",
    "invalid-utf8.xml": "xml:encoding",
    "utf16-declared-utf8-bytes.xml": "xml:syntax",
    "utf8-truncated.xml": "xml:syntax",
    "not-xml.xml": "xml:syntax",
    "empty.xml": "xml:syntax",
}
ACCEPTED = {
    "remote-dtd.xml": {"xml:dtd-ignored"},
    "external-dtd-defaults.xml": {"xml:dtd-ignored"},
    "xinclude-passwd.xml": {"xml:xinclude-ignored"},
    "xinclude-remote.xml": {"xml:xinclude-ignored"},
    "internal-entity-plain.xml": {"xml:internal-entity"},
    "stylesheet-pi.xml": set(),
    "utf8-bom.xml": set(),
    "utf16le-bom.xml": set(),
    "utf16be-bom.xml": set(),
    "utf16-no-declaration.xml": set(),
    "latin1-declared.xml": set(),
}


def assert_no_leak(*outputs) -> None:
    for out in outputs:
        text = out.decode("utf-8", "replace") if isinstance(out, bytes) else str(out)
        for secret in SECRETS:
            assert secret not in text, f"leaked {secret!r}"


def test_every_hostile_file_has_an_expectation():
    assert sorted(p.name for p in HOSTILE.glob("*.xml")) == sorted({**REFUSED, **ACCEPTED})


def test_the_attacks_are_real():
    """A careless parser does read /etc/passwd through these files: the tests test something."""
    if "root:" not in Path("/etc/passwd").read_text(errors="replace"):
        pytest.skip("no /etc/passwd with a root entry here")
    careless = etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=True)
    leaked = etree.tostring(etree.parse(str(HOSTILE / "xxe-file-url.xml"), careless))
    assert b"root:" in leaked
    xi = etree.parse(str(HOSTILE / "xinclude-passwd.xml"))
    xi.xinclude()
    assert b"root:" in etree.tostring(xi)


# --- the library -----------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_quickly_with_a_clear_diagnostic(name):
    with pytest.raises(XMLSyntaxProblem) as caught:
        parse(HOSTILE / name)
    diagnostic = caught.value.diagnostic
    assert diagnostic.code == REFUSED[name]
    assert diagnostic.file == str(HOSTILE / name) and diagnostic.line
    assert "XML_PARSE_HUGE" not in diagnostic.message  # libxml2's advice is not for users
    assert_no_leak(str(caught.value))


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_accepted_without_reading_anything(name):
    notes = []
    tree = parse(HOSTILE / name, notes=notes)
    assert {n.code for n in notes} == ACCEPTED[name]
    assert_no_leak(tei.serialize(tree), *map(str, notes))
    assert etree.QName(tree.getroot()).localname == "TEI"


def test_external_dtd_contributes_nothing():
    tree = parse(HOSTILE / "external-dtd-defaults.xml")
    assert all(p.get("rend") is None for p in tree.iter(tei.tei("p")))  # no ATTLIST default


def test_xinclude_stays_an_element():
    tree = parse(HOSTILE / "xinclude-passwd.xml")
    includes = tree.getroot().findall(".//{http://www.w3.org/2001/XInclude}include")
    assert len(includes) == 1 and includes[0].get("href") == "/etc/passwd"


def test_plain_internal_entities_are_expanded():
    tree = parse(HOSTILE / "internal-entity-plain.xml")
    p = tree.getroot().find(".//tei:body/tei:p", tei.NS)
    assert p.text == "Edited by the Editors." and p.get("rend") == "the Editors"
    assert b"<!DOCTYPE" not in tei.serialize(tree) and b"&ed;" not in tei.serialize(tree)


def test_encodings_are_read_right():
    for name in ("utf8-bom.xml", "utf16le-bom.xml", "utf16be-bom.xml", "utf16-no-declaration.xml"):
        text = "".join(parse(HOSTILE / name).getroot().itertext())
        assert "Caf\u00e9, \u201cquoted\u201d, \u4e2d\u6587." in text, name
    assert "Caf\u00e9 cr\u00e8me." in "".join(
        parse(HOSTILE / "latin1-declared.xml").getroot().itertext()
    )


def test_entity_expansion_has_our_own_ceiling(monkeypatch):
    """Even where libxml2 would let it through, our limit refuses a large total expansion."""
    monkeypatch.setattr(xmlparse, "MAX_ENTITY_EXPANSION", 50)
    doc = b'<!DOCTYPE r [<!ENTITY e "0123456789">]><r>' + b"&e;" * 6 + b"</r>"
    with pytest.raises(XMLSyntaxProblem) as caught:
        parse_bytes(doc, "q.xml")
    assert caught.value.diagnostic.code == "xml:entity-expansion"
    assert parse_bytes(doc.replace(b"&e;" * 6, b"&e;" * 5), "q.xml").getroot().text == (
        "0123456789" * 5
    )


def test_long_entity_text_is_refused():
    doc = b'<!DOCTYPE r [<!ENTITY e "' + b"x" * (tei.MAX_ENTITY_TEXT + 1) + b'">]><r/>'
    with pytest.raises(XMLSyntaxProblem) as caught:
        parse_bytes(doc)
    assert caught.value.diagnostic.code == "xml:entity-expansion"


def generated():
    """Documents too big to commit: lxml's limits must stop them, quickly."""
    yield (
        "deep-nesting",
        b"<TEI>" + b"<div>" * 100_000 + b"</div>" * 100_000 + b"</TEI>",
        "xml:too-deep",
    )
    yield "huge-attribute", b'<TEI rend="' + b"A" * 11_000_000 + b'"/>', "xml:too-large"
    yield "huge-text", b"<TEI>" + b"A" * 11_000_000 + b"</TEI>", "xml:too-large"
    yield "huge-name", b"<" + b"T" * 11_000_000 + b"/>", "xml:too-large"
    yield (
        "many-attributes",
        b"<TEI " + b" ".join(b'a%d="x"' % i for i in range(200_000)) + b"/>",
        None,
    )


@pytest.mark.parametrize("name,data,code", [pytest.param(*g, id=g[0]) for g in generated()])
def test_generated_monsters(name, data, code):
    if code is None:  # allowed by the parser
        parse_bytes(data, name)
    else:
        with pytest.raises(XMLSyntaxProblem) as caught:
            parse_bytes(data, name)
        assert caught.value.diagnostic.code == code


# --- no network, ever ----------------------------------------------------------------


class Listener:
    """A local TCP server that records every connection made to it."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.hits = 0
        self.stop = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.hits += 1
            conn.close()

    def close(self):
        self.stop = True
        self.thread.join()
        self.sock.close()


def test_no_connection_is_ever_made(tmp_path):
    listener = Listener()
    try:
        for src in sorted(HOSTILE.glob("*.xml")):
            data = src.read_bytes()
            if b"127.0.0.1:9/" not in data:
                continue
            copy = tmp_path / src.name
            copy.write_bytes(data.replace(b"127.0.0.1:9/", f"127.0.0.1:{listener.port}/".encode()))
            try:
                parse(copy)
            except XMLSyntaxProblem:
                pass
        time.sleep(0.3)
        assert listener.hits == 0
    finally:
        listener.close()


# --- the command line ------------------------------------------------------------------


def run_inprocess(capsys, *args) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as caught:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return caught.value.code, out, err


def commands() -> list:
    """The commands that read XML, with the arguments that make them read one file."""
    found = []
    names = cli.list_commands(click.Context(cli))
    if "validate" in names:
        found.append(pytest.param(lambda path, out: ["validate", path], id="validate"))
    if "export" in names:
        found.append(pytest.param(lambda path, out: ["export", path, "-o", out], id="export"))
    return found or [
        pytest.param(
            None, marks=pytest.mark.skip(reason="neither validate nor export is installed yet")
        )
    ]


@pytest.mark.parametrize("command", commands())
@pytest.mark.parametrize("name", sorted(REFUSED))
def test_commands_refuse_hostile_files(capsys, tmp_path, command, name):
    out_path = tmp_path / "out"
    code, out, err = run_inprocess(capsys, *command(HOSTILE / name, out_path))
    assert code in (1, 2), err
    assert REFUSED[name] in out + err
    assert "Traceback" not in err
    leftovers = (
        list(out_path.rglob("*"))
        if out_path.is_dir()
        else ([out_path] if out_path.exists() else [])
    )
    assert_no_leak(out, err, *(p.read_bytes() for p in leftovers if p.is_file()))


@pytest.mark.parametrize("command", commands())
@pytest.mark.parametrize(
    "name",
    [
        "xinclude-passwd.xml",
        "remote-dtd.xml",
        "external-dtd-defaults.xml",
        "internal-entity-plain.xml",
    ],
)
def test_commands_read_nothing_a_document_names(capsys, tmp_path, command, name):
    out_path = tmp_path / "out"
    code, out, err = run_inprocess(capsys, *command(HOSTILE / name, out_path))
    assert "Traceback" not in err and code in (0, 1), err
    written = (
        [p.read_bytes() for p in out_path.rglob("*") if p.is_file()]
        if out_path.is_dir()
        else ([out_path.read_bytes()] if out_path.exists() else [])
    )
    assert_no_leak(out, err, *written)
    assert b"from-the-dtd" not in b"".join(written) and "from-the-dtd" not in out


@pytest.mark.parametrize(
    "name",
    ["xxe-file-url.xml", "billion-laughs.xml", "xxe-parameter-oob.xml", "quadratic-blowup.xml"],
)
def test_hostile_register_is_refused(capsys, tmp_path, name):
    record = tmp_path / "rec.txt"
    record.write_text("A title\n\nA paragraph about Stalin.\n", encoding="utf-8")
    out_path = tmp_path / "rec.xml"
    code, out, err = run_inprocess(
        capsys, "convert", record, "--register", HOSTILE / name, "-o", out_path, "--no-check"
    )
    assert code == 2, err
    assert REFUSED[name] in err and "Traceback" not in err
    assert not out_path.exists()
    assert_no_leak(out, err)


def test_end_to_end_in_a_subprocess(tmp_path):
    """The installed program, not just the library: one line, exit 2, nothing leaked."""
    record = tmp_path / "rec.txt"
    record.write_text("A title\n\nA paragraph.\n", encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tei_toolkit",
            "convert",
            record,
            "--register",
            HOSTILE / "xxe-file-url.xml",
            "--no-check",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len([ln for ln in result.stderr.splitlines() if "error" in ln]) == 1
    assert "xml:external-entity" in result.stderr
    assert_no_leak(result.stdout, result.stderr)


def test_export_shows_the_parser_warnings(capsys, tmp_path):
    code, out, err = run_inprocess(capsys, "export", "text", HOSTILE / "xinclude-passwd.xml")
    assert code == 0 and "[xml:xinclude-ignored]" in err
    assert_no_leak(out, err)


def test_validate_shows_the_parser_warnings(capsys):
    code, out, err = run_inprocess(capsys, "validate", HOSTILE / "xinclude-passwd.xml")
    assert "[xml:xinclude-ignored]" in out + err
    assert_no_leak(out, err)
