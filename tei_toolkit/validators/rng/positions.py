"""Where an error is: jing's line and column, found from lxml's start-tag lines and the
document's text (in memory, or read line by line from the file when streaming)."""

from __future__ import annotations

import re
from array import array


def before_on_line(el) -> int:
    """How many elements with el's tag start earlier on el's line (to find its tag)."""
    line, tag, count = el.sourceline, el.tag, 0
    node = el
    while node is not None:
        prev = node.getprevious()
        if prev is None:
            node = node.getparent()
            if node is None or node.sourceline < line:
                break
            count += node.tag == tag
            continue
        node = prev
        if not isinstance(prev.tag, str):
            continue
        if end_line(prev) < line:
            break
        count += sum(1 for d in prev.iter(tag) if d.sourceline == line)
    return count


def tag_end_column(text: str, el, end: bool, skip: int = 0, *, opening: bool = False) -> int | None:
    """1-based column after the '>' of ``el``'s start tag (or end tag) on this line;
    ``skip``: how many earlier start tags of the same name are on the line."""
    local = el.tag.rpartition("}")[2]
    qname = f"{el.prefix}:{local}" if el.prefix else local
    if end:
        m = re.search(r"</" + re.escape(qname) + r"\s*>", text)
        if m:
            return m.start() + 2 if opening else m.end() + 1
        m = re.search(r"<" + re.escape(qname) + r"(?:\s[^<>]*)?/>", text)  # an empty element
        return m.end() + 1 if m else None
    rx = re.compile(r"<" + re.escape(qname) + r"""(?=[\s/>])(?:[^<>"']|"[^"]*"|'[^']*')*>""")
    for i, m in enumerate(rx.finditer(text)):
        if i == skip:
            return m.start() + 2 if opening else m.end() + 1
    m = re.search(r""">""", text)  # a start tag over several lines ends on this one
    return m.end() + 1 if m else None


def end_line(el) -> int:
    """The line of an element's end tag (lxml keeps only start-tag lines)."""
    extra = 0
    while len(el):
        last = el[-1]
        extra += (last.tail or "").count("\n")
        if not isinstance(last.tag, str):
            return (last.sourceline or 0) + extra
        el = last
    return (el.sourceline or 0) + (el.text or "").count("\n") + extra


class SourceLines:
    """The lines of a document held in memory, as FileLines counts them (a line ends at
    "\n", as libxml2's line numbers do): the line starts are found only as far as the
    lines asked for (errors are mostly near the top, in the header)."""

    def __init__(self, source: bytes):
        self._source = source
        self._starts = array("Q", [0])

    def line(self, number: int) -> str | None:
        starts, source = self._starts, self._source
        while len(starts) <= number and starts[-1] <= len(source):
            at = source.find(b"\n", starts[-1])
            starts.append(len(source) + 1 if at < 0 else at + 1)
        if not 0 < number < len(starts) or starts[number - 1] >= len(source):
            return None
        text = source[starts[number - 1] : max(starts[number] - 1, starts[number - 1])]
        return text.decode("utf-8", "replace").rstrip("\r")


class FileLines:
    """The lines of a document on disk, read one at a time: the offsets of the line
    starts (8 bytes a line) are found on the first call, i.e. only if there is an error."""

    def __init__(self, path: str):
        self.path = path
        self._starts: array | None = None

    def _index(self) -> array:
        starts = array("Q", [0])
        offset = 0
        with open(self.path, "rb") as f:
            while chunk := f.read(1 << 20):
                at = chunk.find(b"\n")
                while at >= 0:
                    starts.append(offset + at + 1)
                    at = chunk.find(b"\n", at + 1)
                offset += len(chunk)
        return starts

    def line(self, number: int) -> str | None:
        if self._starts is None:
            self._starts = self._index()
        if not 0 < number <= len(self._starts):
            return None
        with open(self.path, "rb") as f:
            f.seek(self._starts[number - 1])
            return f.readline().decode("utf-8", "replace").rstrip("\r\n")
