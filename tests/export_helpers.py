"""Helpers for the exporter tests: fixture cases, TEI wrapping, word counting."""

from __future__ import annotations

import copy
import re
from collections import Counter
from pathlib import Path

from lxml import etree

from tei_toolkit.exporters.header import plain
from tei_toolkit.exporters.walker import same_words, split_choice
from tei_toolkit.tei import TEI_NS, parse_bytes

HERE = Path(__file__).resolve().parent / "export"
FOREIGN = sorted(p for p in HERE.glob("*.xml") if p.name != "injection.xml")
WORD = re.compile(r"[^\W_]+")


def read_cases(path: Path) -> list[tuple[str, str, str]]:
    """(title, input, expected) from a file of ``## title`` / input / ``.`` / expected / ``.``."""
    cases, title, parts, current = [], None, [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if title is None:
            if line.startswith("## "):
                title, parts, current = line[3:].strip(), [], []
            continue
        if line == ".":
            parts.append("\n".join(current))
            current = []
            if len(parts) == 2:
                cases.append((title, parts[0], parts[1]))
                title = None
        else:
            current.append(line)
    return cases


def tei_body(fragment: str, lang: str = "en"):
    """A TEI document whose body is ``fragment``."""
    xml = (
        f'<TEI xmlns="{TEI_NS}" xml:lang="{lang}"><teiHeader><fileDesc><titleStmt>'
        f"<title>Case</title></titleStmt></fileDesc></teiHeader><text><body>{fragment}"
        f"</body></text></TEI>"
    )
    return parse_bytes(xml.encode("utf-8"))


def _remove_keeping_tail(el) -> None:
    """Remove ``el``; its tail joins the text before it (no space: a joined word)."""
    parent, previous = el.getparent(), el.getprevious()
    if el.tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def body_words(tree) -> Counter:
    """Every word of the document outside the teiHeader and the standOff register.

    The documented policy is applied first: a word broken by lb[@break="no"] is one word;
    a choice reading that differs from the source form only in punctuation is not counted
    twice (``?Khudulmur?`` / ``“Khudulmur”``).
    """
    root = copy.deepcopy(tree.getroot())
    for el in list(root.iter("{*}teiHeader", "{*}standOff")):
        if el.getparent() is not None:
            el.getparent().remove(el)
    for el in list(root.iter("{*}lb")):
        if el.get("break") == "no":
            _remove_keeping_tail(el)
    for el in list(root.iter("{*}choice")):
        primary, others = split_choice(el)
        for alt in others:
            if same_words(plain(primary), plain(alt)):
                _remove_keeping_tail(alt)
    counted: Counter = Counter()
    for node in root.iter():
        if isinstance(node.tag, str) and node.text:
            counted.update(WORD.findall(node.text.casefold()))
        if node is not root and node.tail:
            counted.update(WORD.findall(node.tail.casefold()))
    return counted


def words(text: str) -> Counter:
    return Counter(WORD.findall(text.casefold()))


def missing_words(tree, exported: str) -> Counter:
    """Words of the TEI body that the export lost (a multiset difference)."""
    return body_words(tree) - words(exported)


def body_sequence(tree) -> list[str]:
    """The words of the body in document order, as a reader of the main text meets them:
    endnotes (moved to the end) and the other readings of choice/app left out, a word
    broken by lb[@break="no"] joined. Every export must show these words in this order
    (with more words around them: notes, alternatives, labels)."""
    root = copy.deepcopy(tree.getroot())
    for el in list(root.iter("{*}teiHeader", "{*}standOff", "{*}note")):
        if el.getparent() is not None and not (el.tag.endswith("note") and _inline(el)):
            _remove_keeping_tail(el)
    for el in list(root.iter("{*}lb")):
        if el.get("break") == "no":
            _remove_keeping_tail(el)
    for el in list(root.iter("{*}choice")):
        primary, others = split_choice(el)
        for alt in others:
            _remove_keeping_tail(alt)
    for el in list(root.iter("{*}app")):
        for rdg in [c for c in el if isinstance(c.tag, str) and not c.tag.endswith("lem")]:
            if any(c.tag.endswith("lem") for c in el):
                _remove_keeping_tail(rdg)
    seq: list[str] = []
    for event, node in etree.iterwalk(root, events=("start", "end")):
        if event == "start" and isinstance(node.tag, str) and node.text:
            seq += WORD.findall(node.text.casefold())
        elif event == "end" and node is not root and node.tail:
            seq += WORD.findall(node.tail.casefold())
    return seq


def _inline(note) -> bool:
    return note.get("place") == "inline"


def first_out_of_order(expected: list[str], got: list[str]) -> int | None:
    """Index in ``expected`` of the first word not found, in order, in ``got`` (None: all
    found). Words are matched in the joined letters of ``got``, so a word that inline
    markup splits in the TEI (``inter<hi>est</hi>ed``) matches the exported "interested",
    and two words the TEI writes with nothing between them match when run together."""
    joined = "".join(got)
    at = 0
    for i, word in enumerate(expected):
        found = joined.find(word, at)
        if found < 0:
            return i
        at = found + len(word)
    return None
