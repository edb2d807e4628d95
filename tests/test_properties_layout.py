"""Property-based tests on the digital-archive layout: records assembled from the parts
such pages have (site chrome, date line, title, funding line, body, summary, the labels
before and after "Document Information", citation, rights, labelled fields with or
without values, cut off anywhere) always convert to TEI that validates, keep their body
words, and put each labelled value in the header only when it is a real value."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tei_toolkit.convert import convert_text
from tei_toolkit.diagnostics import Severity
from tei_toolkit.exporters import to_text
from tei_toolkit.records import read_record
from tei_toolkit.validators import check_tree

DATES = ["January 22, 1944", "March 1953", "1962", "1950s", "c. 1950", "1962-10-31", "1945-1946"]
BODY = [
    "Stalin: “Correct. Completely right.”",
    "BREZHNEV. We reviewed the issues.",
    "On [January 22, 1944] Choibalsan met Molotov in Moscow at 11pm.",
    "Copy Nº 1\n[handwritten: A-O 1649/12-25-89]",
    "[…] c. Tsedenbal informed […]",
    "To: Minister Duk Shin Choi",
    "Received: 1.XI 62. at 15.00",
    "Mao Zedong.",
    "(1) 这是毛泽东给斯大林的电报。",
    "He said “yes [and then.",
    "Ambassador of the USSR in the MPR [Signature] V[asily]. Pisarev",
]
PRE_FOOTER = [
    "Author(s):",
    "Associated People & Organizations",
    "Associated Places",
    "Associated Topics",
    "Subjects Discussed",
    "Stalin, Joseph, 1879-1953",
    "China",
]
CITATIONS = [
    "APRF: F. 39, Op. 1, D. 31, L. 34. Translated by Sergey Radchenko.",
    "Lkhamsurengiin Bat Ochir, “Stalin naryn 1940-uud”, ?Khudulmur?, No 148. "
    "pp. 166-167. Original Translated by Sergey Radchenko",
    "Obtained by Pavel Zacek.",
    "TsAMO RF, fond 5, opis 918795, delo 124, list 429.",
]
RIGHTS = [
    "The History and Public Policy Program welcomes reuse of Digital Archive materials "
    "for research and educational purposes.",
    "To enquire about this document's rights status, please contact the History and "
    "Public Policy Program at [email protected].",
]
FIELDS = [
    "Source",
    "Rights",
    "Original Uploaded Date",
    "2011-11-20",
    "Record ID",
    "112103",
    "Original Classification",
    "Top Secret",
    "Original Archive",
    "Archive of the President of the Russian Federation (APRF)",
    "Type",
    "Telegram",
    "Language",
    "Russian",
    "Donors",
    "Leon Levy Foundation",
    "Translated by",
    "",
]


@st.composite
def records(draw) -> str:
    parts = []
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from(["Skip to content", "Search in"])))
    parts.append(draw(st.sampled_from(DATES)))
    parts.append(
        draw(
            st.sampled_from(
                [
                    "Stalin’s Conversation with Choibalsan",
                    "Cable, Mao Zedong to Filippov [Stalin]",
                    "Telegram from Yugoslav Embassy in Havana",
                ]
            )
        )
    )
    if draw(st.booleans()):
        parts.append("This document was made possible with support from Leon Levy Foundation")
    parts += draw(st.lists(st.sampled_from(BODY), min_size=0, max_size=6))
    parts.append("A summary sentence about the record.")
    parts += draw(st.lists(st.sampled_from(PRE_FOOTER), max_size=4))
    if draw(st.booleans()):
        parts.append("Document Information")
        parts += draw(st.lists(st.sampled_from(CITATIONS + RIGHTS + FIELDS), max_size=12))
    separator = draw(st.sampled_from(["\n\n", "\n\n\n", "\n"]))
    text = separator.join(parts)
    return text[: draw(st.integers(min_value=len(parts[0]) + 1, max_value=len(text)))]


@settings(
    max_examples=400,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(records())
def test_archive_pages_convert_to_valid_tei_and_keep_their_body(text):
    conversion = convert_text(text, "page.txt", date="2026-01-01", check=False)
    errors = [str(d) for d in check_tree(conversion.tree) if d.severity is Severity.ERROR]
    assert not errors
    record, _ = read_record(text, "page.txt")
    body = "".join("".join(b.text.split()) for b in record.body)
    assert "".join(to_text(conversion.tree).split()) == body
    ids = conversion.tree.xpath("//*[local-name()='idno'][@type='record']/text()")
    assert all(i == "112103" for i in ids)  # a label's value, never another label
