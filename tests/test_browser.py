"""The HTML pages in a real browser: headless Chromium (Debian's `chromium`, installed by
scripts/install_chromium.sh) loads the page from a file:// URL.

Two ways in, both without extra packages: ``--dump-dom`` for the rendered DOM, and the
DevTools protocol over ``--remote-debugging-pipe`` (JSON messages on file descriptors 3
and 4, so no websocket client is needed) to click an entity link like a reader and see
where the page jumps.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import time
from pathlib import Path

import lxml.html
import pytest
from conftest import SEED
from export_helpers import HERE

from tei_toolkit.exporters import to_html
from tei_toolkit.tei import parse

BROWSER = next(
    (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)),
    None,
)
pytestmark = pytest.mark.skipif(
    BROWSER is None,
    reason="no Chromium on this machine: run scripts/install_chromium.sh "
    "(needs root and Debian's apt); the browser test cannot run without it",
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--mute-audio",
    "--window-size=1000,800",
]


def write_page(source: Path, folder: Path) -> Path:
    page = folder / (source.stem + ".html")
    page.write_text(to_html(parse(source)), encoding="utf-8")
    return page


def dump_dom(page: Path, profile: Path):
    run = subprocess.run(
        [BROWSER, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return lxml.html.document_fromstring(run.stdout)


def test_rendered_dom_of_a_record(tmp_path):
    doc = dump_dom(write_page(HERE / "ourstyle-entities.xml", tmp_path), tmp_path / "profile")
    assert doc.findtext(".//title") == "Record of a Conversation between Stalin and Choibalsan"
    assert doc.findtext(".//h1") == "Record of a Conversation between Stalin and Choibalsan"
    speakers = [b.text_content() for b in doc.xpath("//div[@class='sp']//b[@class='speaker']")]
    assert speakers == ["Stalin:", "Choibalsan:"]
    ids = set(doc.xpath("//@id"))
    links = doc.xpath("//main//a[contains(@class, 'entity')]")
    assert links and all(a.get("href")[1:] in ids for a in links)
    assert all(doc.get_element_by_id(a.get("href")[1:]).tag == "li" for a in links)


def test_reference_record_renders(tmp_path):
    if not SEED.exists():
        pytest.skip("reference record not in tests/golden")
    from tei_toolkit.pipeline import convert_files

    [result] = convert_files([SEED], tmp_path / "record.xml", date="2000-01-01", check=False)
    assert result.error is None
    doc = dump_dom(write_page(tmp_path / "record.xml", tmp_path), tmp_path / "profile")
    assert doc.findtext(".//title") == "Stalin’s Conversation with Choibalsan"
    speakers = [b.text_content() for b in doc.xpath("//div[@class='sp']//b[@class='speaker']")]
    assert speakers[:4] == ["Choibalsan:", "Choibalsan:", "Stalin:", "Ivanov, from the side:"]
    assert [s.text_content() for s in doc.find_class("supplied")][:2] == [
        "[January 22, 1944]",
        "[Stalin said:]",
    ]
    ids = set(doc.xpath("//@id"))
    for link in doc.xpath("//main//a[contains(@class, 'entity')]"):
        assert link.get("href")[1:] in ids


def test_markup_like_text_stays_text_in_the_browser(tmp_path):
    doc = dump_dom(write_page(HERE / "injection.xml", tmp_path), tmp_path / "profile")
    assert not doc.xpath("//script | //img | //svg | //iframe")
    assert not [a for a in doc.xpath("//@*") if a.attrname.startswith("on")]
    assert "<script>alert(1)</script>" in doc.text_content()
    assert doc.findtext(".//title") == "<script>alert(1)</script> title"


class DevTools:
    """The DevTools protocol over --remote-debugging-pipe: Chromium reads commands from fd 3
    and writes answers and events to fd 4, each a JSON text ended by a NUL byte."""

    def __init__(self, profile: Path):
        to_browser_r, self._write = os.pipe()
        self._read, from_browser_w = os.pipe()
        os.set_inheritable(to_browser_r, True)
        os.set_inheritable(from_browser_w, True)

        def wire():  # in the child, before exec: the pipe ends become fds 3 and 4
            os.dup2(to_browser_r, 3)
            os.dup2(from_browser_w, 4)

        self.proc = subprocess.Popen(
            [
                BROWSER,
                *FLAGS,
                f"--user-data-dir={profile}",
                "--remote-debugging-pipe",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(3, 4),
            preexec_fn=wire,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next = 0
        self.events: list[dict] = []

    def send(
        self,
        method: str,
        params: dict | None = None,
        session: str | None = None,
        timeout: float = 30,
    ) -> dict:
        self._next += 1
        message = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._receive(timeout)
            if reply.get("id") == self._next:
                assert "error" not in reply, reply["error"]
                return reply.get("result", {})
            self.events.append(reply)

    def wait_event(self, method: str, timeout: float = 30) -> dict:
        for event in self.events:
            if event.get("method") == method:
                self.events.remove(event)
                return event
        while True:
            event = self._receive(timeout)
            if event.get("method") == method:
                return event
            self.events.append(event)

    def _receive(self, timeout: float) -> dict:
        deadline = time.monotonic() + timeout
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._read], [], [], max(left, 0))
            if not ready:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self._read, 1 << 16)
            if not chunk:
                raise ConnectionError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(message)

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=5)
        except (TimeoutError, ConnectionError, OSError, AssertionError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._write)
        os.close(self._read)


@pytest.fixture
def devtools(tmp_path):
    tools = DevTools(tmp_path / "profile")
    yield tools
    tools.close()


def open_page(tools: DevTools, url: str) -> str:
    target = tools.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = tools.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
        "sessionId"
    ]
    tools.send("Page.enable", session=session)
    tools.send("Page.navigate", {"url": url}, session=session)
    tools.wait_event("Page.loadEventFired")
    return session


def evaluate(tools: DevTools, session: str, expression: str):
    result = tools.send(
        "Runtime.evaluate",
        {"expression": expression, "returnByValue": True, "awaitPromise": True},
        session=session,
    )
    assert "exceptionDetails" not in result, result
    return result["result"].get("value")


def click(tools: DevTools, session: str, selector: str) -> None:
    """A real mouse click in the middle of the element, as a reader would."""
    box = evaluate(
        tools,
        session,
        f"""(() => {{
        const el = document.querySelector({json.dumps(selector)});
        el.scrollIntoView({{block: "center"}});
        const r = el.getBoundingClientRect();
        return {{x: r.left + r.width / 2, y: r.top + r.height / 2}};
    }})()""",
    )
    for kind in ("mousePressed", "mouseReleased"):
        tools.send(
            "Input.dispatchMouseEvent",
            {"type": kind, "x": box["x"], "y": box["y"], "button": "left", "clickCount": 1},
            session=session,
        )
    evaluate(tools, session, "new Promise(r => setTimeout(r, 200))")


def test_entity_link_jumps_to_its_index_entry_and_back(devtools, tmp_path):
    page = write_page(HERE / "ourstyle-entities.xml", tmp_path)
    session = open_page(devtools, page.as_uri())
    assert (
        evaluate(devtools, session, "document.title")
        == "Record of a Conversation between Stalin and Choibalsan"
    )
    assert evaluate(devtools, session, "document.querySelectorAll('.sp .speaker').length") == 2

    mention = evaluate(devtools, session, "document.querySelector('#text a.entity.person').id")
    click(devtools, session, "#text a.entity.person")
    where = evaluate(
        devtools,
        session,
        """(() => {
        const t = document.querySelector(':target');
        return {hash: location.hash, id: t && t.id, tag: t && t.tagName,
                top: t && Math.round(t.getBoundingClientRect().top), y: window.scrollY,
                name: t && t.querySelector('.name').textContent};
    })()""",
    )
    assert where["hash"] == "#choibalsan" and where["tag"] == "LI"
    assert where["name"] == "Khorloogiin Choibalsan"
    assert where["y"] > 0 and 0 <= where["top"] < 400  # scrolled to the entry

    click(devtools, session, "#choibalsan a.backref")
    back = evaluate(
        devtools,
        session,
        "({hash: location.hash, text: document.querySelector(':target').textContent})",
    )
    assert back == {"hash": f"#{mention}", "text": "Choibalsan"}


def corpus_site(tmp_path: Path) -> Path:
    """The site `make demo` builds: corpus/ converted, exported as a site."""
    from conftest import CORPUS

    from tei_toolkit.exporters import export_files
    from tei_toolkit.pipeline import convert_files

    results = convert_files(sorted(CORPUS.glob("*.txt")), tmp_path / "tei", check=False)
    tei = [r.target for r in results if r.error is None]
    assert len(tei) >= 5
    done, _ = export_files("html", tei, f"{tmp_path / 'site'}/", title="The corpus")
    assert not [r.diagnostic for r in done if r.diagnostic]
    return tmp_path / "site"


def test_site_search_finds_a_body_word_from_file_url(devtools, tmp_path):
    site = corpus_site(tmp_path)
    texts = {p.with_suffix(".html").name: p.read_text(encoding="utf-8") for p in site.glob("*.txt")}
    counts: dict[str, set] = {}
    for name, text in texts.items():
        body = text.split("\n\n", 1)[-1]
        for word in set(body.split()):
            if word.isalpha() and len(word) > 6:
                counts.setdefault(word.lower(), set()).add(name)
    word, (record,) = next((w, n) for w, n in sorted(counts.items()) if len(n) == 1)
    session = open_page(devtools, (site / "index.html").as_uri())
    assert evaluate(devtools, session, "document.getElementById('search').hidden") is False
    evaluate(devtools, session, "document.getElementById('q').focus()")
    devtools.send("Input.insertText", {"text": word}, session=session)
    evaluate(devtools, session, "new Promise(r => setTimeout(r, 300))")
    hrefs = evaluate(
        devtools,
        session,
        "[...document.querySelectorAll('#search-results a')].map(a => a.getAttribute('href'))",
    )
    assert hrefs == [record], (word, hrefs)


def test_site_index_works_without_javascript(tmp_path):
    """What a reader without JavaScript gets is the page as written: every record listed,
    the pictures drawn, the search form hidden (only the script shows it)."""
    site = corpus_site(tmp_path)
    doc = lxml.html.fromstring((site / "index.html").read_text(encoding="utf-8"))
    assert doc.get_element_by_id("search").get("hidden") is not None
    pages = {p.name for p in site.glob("*.html")} - {
        "index.html",
        "people.html",
        "places.html",
        "organisations.html",
    }
    assert set(doc.xpath("//ol[@class='records']//a/@href")) == pages
    assert doc.xpath("//figure[@class='chart']//svg//circle")  # the timeline, drawn already
    assert doc.xpath("//script/@src") == ["search-index.js", "search.js"]
