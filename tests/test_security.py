"""A document can never read, fetch, write or run anything (docs/SECURITY.md).

Each attack file is written by the test into a project folder of its own (a git
repository, so its project folder is known). Every attack must fail closed: nothing read
(a secret file's contents never appear), nothing fetched (a local HTTP server on
127.0.0.1 sees no request), nothing written (a marker file never appears), and the
user gets a diagnostic naming the document and the refused feature, while the other
files of the batch are still validated.
"""

from __future__ import annotations

import http.server
import os
import pickle
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tei_toolkit.validators import cache, validate_paths
from tei_toolkit.validators.sandbox import Policy, Refused, check_xpath

pytest.importorskip("saxonche")

TEI = (
    '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t</title>'
    "</titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc>"
    "</fileDesc></teiHeader><text><body><p>x</p></body></text></TEI>"
)
SCH = "http://purl.oclc.org/dsdl/schematron"
SECRET = "s3cret-contents-7f1c"


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 - the stdlib's name
        _Recorder.hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"<x/>")

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    (root / ".git").mkdir(parents=True)
    (tmp_path / "secret.txt").write_text(SECRET)  # outside the project
    (root / "clean.xml").write_text(TEI)
    return root


def _doc(folder: Path, name: str, href: str, typens: str = SCH) -> Path:
    path = folder / name
    path.write_text(
        f'<?xml version="1.0"?>\n<?xml-model href="{href}" schematypens="{typens}"?>\n{TEI}'
    )
    return path


def _sch(body: str, *, top: str = "", ns: str = "") -> str:
    return (
        f'<sch:schema xmlns:sch="{SCH}" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" '
        f'queryBinding="xslt2" {ns}>{top}<sch:pattern><sch:rule context="/*">'
        f'<sch:report test="true()">{body}</sch:report></sch:rule></sch:pattern></sch:schema>'
    )


def _attacks(url: str, marker: Path) -> dict[str, str]:
    secret = marker.parent.parent / "secret.txt"
    return {
        "unparsed-text": _sch(f"<sch:value-of select=\"unparsed-text('{secret.as_uri()}')\"/>"),
        "doc-outside": _sch(f"<sch:value-of select=\"string(doc('{secret.as_uri()}'))\"/>"),
        "doc-computed": _sch("<sch:value-of select=\"doc(concat('../', 'secret.txt'))\"/>"),
        "env": _sch("<sch:value-of select=\"environment-variable('HOME')\"/>"),
        "env-list": _sch('<sch:value-of select="available-environment-variables()"/>'),
        "env-eqname": _sch(
            '<sch:value-of select="Q{http://www.w3.org/2005/xpath-functions}'
            "environment-variable('HOME')\"/>"
        ),
        "env-prefix": _sch(
            "<sch:value-of select=\"f:environment-variable('HOME')\"/>",
            ns='xmlns:f="http://www.w3.org/2005/xpath-functions"',
        ),
        "env-funcref": _sch("<sch:value-of select=\"environment-variable#1('HOME')\"/>"),
        "lookup": _sch(
            "<sch:value-of select=\"function-lookup(xs:QName('fn:environment-variable'), 1)"
            "('HOME')\"/>"
        ),
        "network": _sch(f"<sch:value-of select=\"unparsed-text('{url}/leak')\"/>"),
        "network-context": _sch("x").replace('context="/*"', f"context=\"doc('{url}/ctx')/*\""),
        "transform": _sch(
            "<sch:value-of select=\"transform(map{'stylesheet-text': '&lt;x/&gt;'})\"/>"
        ),
        "parse-xml": _sch("<sch:value-of select=\"parse-xml('&lt;x/&gt;')\"/>"),
        "include": _sch("x", top=f'<xsl:include href="{url}/inc.xsl"/>'),
        "import": _sch("x", top='<xsl:import href="other.xsl"/>'),
        "result-document": _sch(
            "x",
            top=(
                '<xsl:function name="f:w" xmlns:f="urn:f"><xsl:result-document '
                f'href="{marker.as_uri()}">pwned</xsl:result-document></xsl:function>'
            ),
        ),
        "let-content": _sch("x").replace(
            "<sch:pattern>",
            f'<sch:let name="w"><xsl:result-document href="{marker.as_uri()}">p'
            "</xsl:result-document></sch:let><sch:pattern>",
        ),
        "evaluate": _sch(
            "x",
            top=(
                '<xsl:function name="f:e" xmlns:f="urn:f"><xsl:evaluate '
                "xpath=\"'1'\"/></xsl:function>"
            ),
        ),
        "extension": _sch(
            '<sch:value-of select="saxon:system-id()"/>', ns='xmlns:saxon="http://saxon.sf.net/"'
        ),
        "sch-include-outside": _sch("x").replace(
            "<sch:pattern>", f'<sch:include href="{secret}"/><sch:pattern>'
        ),
    }


def test_every_schematron_attack_fails_closed(project, server):
    marker = project / "pwned.txt"
    attacks = _attacks(server, marker)
    docs = []
    for name, schema in attacks.items():
        (project / f"{name}.sch").write_text(schema)
        docs.append(_doc(project, f"{name}.xml", f"{name}.sch"))
    env = {**os.environ, "TEI_TOOLKIT_CACHE": ""}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tei_toolkit",
            "validate",
            *map(str, docs),
            str(project / "clean.xml"),
        ],
        capture_output=True,
        text=True,
        cwd=project,
        env=env,
        timeout=300,
    )
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "Traceback" not in out
    assert SECRET not in out and os.environ.get("HOME", "/root") + "\n" not in out
    assert not marker.exists()
    assert _Recorder.hits == []
    for doc in docs:  # each attack is an error of its own document, at the PI's line
        assert f"{doc.name}:2: error:" in out, (doc.name, out)
    assert "clean.xml" not in out  # the batch went on and the clean file passed
    assert f"{len(docs)} of {len(docs) + 1} files invalid" in out


def test_user_schema_may_read_beside_it_but_never_the_network_or_environment(tmp_path, server):
    (tmp_path / "codes.xml").write_text("<codes><code>x</code></codes>")
    ok = _sch("<sch:value-of select=\"doc('codes.xml')//code\"/>")
    (tmp_path / "ok.sch").write_text(ok)
    doc = tmp_path / "d.xml"
    doc.write_text(TEI)
    found = validate_paths([doc], schema=tmp_path / "ok.sch")
    assert [d.message for d in found] == ["x"]  # doc() beside the schema works
    (tmp_path / "net.sch").write_text(_sch(f"<sch:value-of select=\"doc('{server}/u')\"/>"))
    found = validate_paths([doc], schema=tmp_path / "net.sch")
    assert _Recorder.hits == []
    assert all("could not be evaluated" in d.message for d in found), found
    (tmp_path / "env.sch").write_text(_sch("<sch:value-of select=\"environment-variable('X')\"/>"))
    with pytest.raises(Refused):
        validate_paths([doc], schema=tmp_path / "env.sch")


@pytest.mark.parametrize(
    "expr",
    [
        "environment-variable('HOME')",
        "fn:environment-variable ('HOME')",
        "(: comment :) available-environment-variables()",
        "for $f in environment-variable#1 return $f('x')",
        "'x' => unparsed-text()",
        "function-lookup(QName('http://www.w3.org/2005/xpath-functions', 'doc'), 1)",
        "load-xquery-module('x')",
        "collection()",
        "saxon:eval('1')",
        "Q{http://saxon.sf.net/}eval('1')",
    ],
)
def test_forbidden_functions_are_refused_wherever_they_hide(expr):
    with pytest.raises(Refused):
        check_xpath(expr, {"saxon": "http://saxon.sf.net/"}, Policy(trusted=False))


@pytest.mark.parametrize(
    "expr",
    [
        "count(//tei:p) > 0 and matches(@when, '^\\d{4}$')",
        "'environment-variable(' = string(.)",  # in a string: not a call
        "not(current()/@xml:id = //@ref/substring-after(., '#'))",
        "every $n in tokenize(@n, ' ') satisfies $n castable as xs:integer",
        "self::node() instance of element(tei:p)",
    ],
)
def test_ordinary_xpath_passes(expr):
    check_xpath(expr, {"tei": "http://www.tei-c.org/ns/1.0"}, Policy(trusted=False))


def test_xml_model_outside_the_project_or_remote_is_refused(project, server, tmp_path):
    docs = [
        _doc(project, "passwd.xml", "file:///etc/passwd"),
        _doc(project, "up.xml", "../secret.txt"),
        _doc(project, "remote.xml", f"{server}/schema.rng", "http://relaxng.org/ns/structure/1.0"),
    ]
    (project / "evil.xsd").write_text(
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
        f'<xs:import namespace="urn:x" schemaLocation="{server}/x.xsd"/></xs:schema>'
    )
    docs.append(_doc(project, "xsd.xml", "evil.xsd", "http://www.w3.org/2001/XMLSchema"))
    found = validate_paths([*docs, project / "clean.xml"])
    refused = {Path(d.file).name for d in found if d.code == "validate:xml-model-refused"}
    assert refused == {"passwd.xml", "up.xml", "xsd.xml"}
    assert all(d.line == 2 for d in found if d.code == "validate:xml-model-refused")
    assert _Recorder.hits == []
    assert not any(d.file and d.file.endswith("clean.xml") for d in found)


def test_the_standard_tei_header_validates(tmp_path):
    url = "http://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng"
    doc = tmp_path / "std.xml"
    doc.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<?xml-model href="{url}" type="application/xml" '
        'schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
        f'<?xml-model href="{url}" type="application/xml"\n\tschematypens="{SCH}"?>\n'
        + TEI.replace("<p>x</p>", '<p><ref target="#nowhere">x</ref></p>')
    )
    found = validate_paths([doc, tmp_path / "missing.xml"])
    assert [d.code for d in found if d.severity >= 2] == ["input:not-found"]
    bad = tmp_path / "bad.xml"
    bad.write_text(doc.read_text().replace("<p>p</p>", "<bogus/>"))
    assert any(d.code.startswith("rng") for d in validate_paths([bad]))


def test_a_forged_cache_pickle_is_never_loaded(tmp_path, monkeypatch):
    monkeypatch.setenv("TEI_TOOLKIT_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    cache._signing_key.cache_clear()
    marker = tmp_path / "ran"

    class Boom:
        def __reduce__(self):
            return (Path.touch, (marker,))

    cache.write("xsd", "k.pickle", pickle.dumps(Boom()))
    assert cache.read_signed("xsd", "k.pickle") is None  # unsigned: refused
    cache.write_signed("xsd", "k.pickle", b"data")
    assert cache.read_signed("xsd", "k.pickle") == b"data"
    blob = (tmp_path / "cache" / "xsd" / "k.pickle").read_bytes()
    (tmp_path / "cache" / "xsd" / "k.pickle").write_bytes(blob[:32] + pickle.dumps(Boom()))
    assert cache.read_signed("xsd", "k.pickle") is None  # tampered: refused
    assert not marker.exists()
    assert (tmp_path / "cache").stat().st_mode & 0o077 == 0
    os.chmod(tmp_path / "cache", 0o777)  # a folder others can write is not used
    assert cache.read("xsd", "k.pickle") is None
    cache._signing_key.cache_clear()


def test_legal_depth_is_validated_by_every_engine(tmp_path):
    """Nesting up to the parser's documented limit (256) is legal input, not an error."""
    inner = "<div><head>h</head><p>x</p></div>"
    for _ in range(240):
        inner = f"<div>{inner}</div>"
    doc = tmp_path / "deep.xml"
    doc.write_text(TEI.replace("<p>x</p>", inner))
    found = validate_paths([doc])
    assert not [d for d in found if d.severity >= 2], found[:3]
