"""Property-based tests: for any text, convert never crashes, gives TEI that validates,
and the plain-text export keeps every non-space character of the body.

"The body" is what the record reader puts in the body (title, date, summary and footer
go to the header), after ``clean`` has removed what XML cannot hold. Deterministic:
derandomized, no example database, so CI sees the same 2,000 examples every run.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tei_toolkit.convert import convert_text
from tei_toolkit.diagnostics import Severity
from tei_toolkit.exporters import to_text
from tei_toolkit.records import read_record
from tei_toolkit.records.textio import clean
from tei_toolkit.tei import parse_bytes, serialize
from tei_toolkit.validators import check_tree

# What web copies of archival records are made of, and what breaks parsers of them.
FRAGMENTS = [
    "[",
    "]",
    "[[",
    "]]",
    "(",
    ")",
    "\u201c",
    "\u201d",
    "\u2018",
    "\u2019",
    '"',
    "'",
    "\u00ab",
    "\u00bb",
    ":",
    "\n",
    "\n\n",
    "\n\n\n",
    "\r\n",
    "\r",
    " ",
    "  ",
    "\t",
    "\u00a0",
    "\u200b",
    "\ufeff",
    "\u200c",
    "\x00",
    "\x01",
    "\x0b",
    "\x0c",
    "\x1b",
    "\x7f",
    "\x85",
    "\x9b",
    "\u2028",
    "\u2029",
    "\ufffe",
    "\ud800",
    "?Khudulmur?",
    "?word?",
    "??",
    "?",
    "[email\u00a0protected]",
    "[email protected]",
    "[\u2026]",
    "[...]",
    "\u2026",
    "...",
    "[sic, also Qinghai]",
    "[sic]",
    "[I]",
    "Com[rade]",
    "[Signature]",
    "[handwritten: yes]",
    "[January 22, 1944]",
    "January 22, 1944",
    "22 January 1944",
    "1944",
    "10:30 a.m.",
    "Stalin:",
    "Choibalsan:",
    "STALIN.",
    "Molotov said:",
    "Mr. Harriman:",
    "\u4e2d\u6587",
    "\u6bdb\u6cfd\u4e1c\uff1a",
    "\u3002",
    "\u0645\u0631\u062d\u0628\u0627",
    "\U0001f600",
    "e\u0301",
    "<",
    ">",
    "&",
    "&amp;",
    "]]>",
    "<!--",
    "<?xml",
    "Document Information",
    "Summary",
    "Source:",
    "Original Archive: APRF",
    "Record ID: 112103",
    "Translated by Sergey Radchenko",
    "Mongolia",
    "Ulaanbaatar",
    "Comrade",
    "the",
    "and",
    "-",
    "\u2014",
    "*",
    "#",
    "/",
]
texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=40).map(
    "".join
)

SETTINGS = settings(
    max_examples=2000,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def non_space(text: str) -> str:
    return "".join(c for c in text if not c.isspace())


def body_of(text: str) -> str:
    cleaned, _ = clean(text, "p")
    record, _ = read_record(cleaned, "p")
    return "\n\n".join(block.text for block in record.body)


@SETTINGS
@given(texts)
def test_any_text_converts_to_valid_tei_and_keeps_its_words(text):
    conversion = convert_text(text, "prop.txt", date="2026-01-01", check=False)
    errors = [d for d in check_tree(conversion.tree) if d.severity is Severity.ERROR]
    assert not errors, [str(d) for d in errors]
    assert non_space(to_text(conversion.tree)) == non_space(body_of(text))
    data = serialize(conversion.tree)
    assert serialize(parse_bytes(data)) == data  # our own output passes our own parser


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_clean_is_idempotent_and_leaves_nothing_xml_forbids(text):
    once, _ = clean(text, "p")
    twice, notes = clean(once, "p")
    assert twice == once and not notes
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff\r\t]", once)
