"""Every shared sample converts to valid TEI, and its header fields are the record's own.

The samples live in ../shared (read-only, absent on some machines: the tests skip). The
Wilson Center records are also shipped in corpus/, so the header table is checked there."""

from __future__ import annotations

from pathlib import Path

import pytest

from tei_toolkit.convert import convert_text
from tei_toolkit.diagnostics import Severity
from tei_toolkit.records import read_text
from tei_toolkit.tei import NS
from tests.conftest import CORPUS, SHARED, sample_params


@pytest.mark.parametrize("path", sample_params())
def test_sample_converts_to_valid_tei(path: Path):
    text, _ = read_text(path)
    conversion = convert_text(text, str(path), date="2026-01-01", check=True)
    errors = [d for d in conversion.diagnostics if d.severity is Severity.ERROR]
    assert errors == []
    assert conversion.tree.xpath("//tei:body//tei:p", namespaces=NS)


# file prefix -> header values the record itself gives (XPath -> expected text or count)
EXPECTED = {
    "001-telegram": {
        "//tei:titleStmt/tei:title": "Telegram from Shtykov to the USSR First Deputy Minister "
        "of Foreign Affairs",
        "//tei:creation/tei:date/@when": "1950-11-29",
        "//tei:titleStmt/tei:funder": "Leon Levy Foundation",
        "//tei:titleStmt/tei:respStmt/tei:persName": "James F. Person",
        "//tei:bibl[@type='parsed']/tei:idno[@type='archive']": "TsAMO RF, fond 5, opis 918795, delo 124, list 429",
        "count(//tei:licence/tei:p)": 2,
        "count(//tei:publicationStmt/tei:idno)": 0,
    },
    "004-cable": {
        "//tei:titleStmt/tei:respStmt/tei:persName": "Sergey Radchenko",
        "//tei:bibl[@type='parsed']/tei:idno[@type='archive']": "APRF: F. 39, Op. 1, D. 31, L. 34",
        "//tei:abstract/tei:p": "Mao says that his poor health requires him to delay his trip "
        "further.",
    },
    "007-telegram": {
        "//tei:publicationStmt/tei:idno[@type='record']": "112103",
        "//tei:publicationStmt/tei:date[@type='uploaded']/@when": "2011-11-20",
        "//tei:keywords/tei:term[@type='type']": "Telegram",
        "count(//tei:bibl[@type='parsed']/tei:idno[@type='archive'])": 2,
        "count(//tei:titleStmt/tei:respStmt)": 0,
    },
    "010-memo": {
        "//tei:titleStmt/tei:respStmt[tei:resp='Obtained by']/tei:name": "Pavel Zacek",
        "//tei:abstract/tei:p": "The proposed time for the meeting is inconvenient.",
    },
    "015-telegram": {
        "//tei:titleStmt/tei:funder": "Leon Levy Foundation",
        "count(//tei:sourceDesc/tei:bibl)": 0,
        "count(//tei:abstract)": 0,
    },
    "021-letter": {
        "//tei:titleStmt/tei:funder": "Syngman Rhee Institute, Yonsei University",
        "//tei:creation/tei:date/@when": "1957-06-29",
    },
    "027-cpsu": {
        "//tei:titleStmt/tei:title": "Transcript of CPSU CC Politburo Session on Afghanistan",
        "//tei:bibl[@type='parsed']/tei:idno[@type='archive']": "TsKhSD, f. 89, per. 25, dok. 2",
        "count(//tei:sp)": 3,
    },
    "033-record": {
        "//tei:creation/tei:date/@when": "1954-11-29",
        "count(//tei:licence/tei:p)": 1,
    },
    "043-telephone": {
        "count(//tei:sp)": 2,
    },
    "048-cable": {
        "count(//tei:body//tei:p[@xml:lang='zh'])": 4,
        "count(//tei:langUsage/tei:language[@ident='zh'])": 1,
    },
}


def _value(tree, path):
    result = tree.xpath(path, namespaces=NS)
    if isinstance(result, float):
        return int(result)
    assert result, f"nothing at {path}"
    first = result[0]
    return first if isinstance(first, str) else " ".join("".join(first.itertext()).split())


# The shared samples of other archives (../shared/samples/other; skipped without it):
# what their readers take from the record itself.
OTHER = {
    "001-frus": {
        "//tei:titleStmt/tei:title": "The Chargé in the Soviet Union (Kohler) to the Secretary of State",
        # the file number's date: on creation itself (no date is written in the record)
        "//tei:creation/@when": "1949-01-30",
        "//tei:creation/@cert": "medium",
        "//tei:correspAction[@type='sent']/tei:name": "The Chargé in the Soviet Union (Kohler)",
        "//tei:correspAction[@type='received']/tei:name": "the Secretary of State",
        "//tei:bibl[@type='document']/tei:idno[@type='file']": "840.20/1–3049",
        "//tei:bibl[@type='document']/tei:idno[@type='telegram']": "233",
        "count(//tei:body//tei:note[@type='footnote'][@place='foot'])": 4,  # at the markers
        "//tei:notesStmt/tei:note[@type='precedence']": "us urgent",
        "count(//tei:body//tei:p[starts-with(., 'Sent Department')])": 0,
    },
    "006-nsa": {
        "//tei:titleStmt/tei:title": "Transcript of Leonid Brezhnev's Telephone Conversation "
        "with Alexander Dubček, August 13,1968",
        "//tei:creation/@when": "1968-08-13",  # the date is the title's, marked there
        "//tei:bibl[@type='document']/tei:idno[@type='document']": "81",
    },
}


@pytest.mark.parametrize("prefix", sorted(OTHER))
def test_other_archives_header_fields(prefix: str):
    found = sorted((SHARED / "samples" / "other").glob(f"{prefix}*.txt"))
    if not found:
        pytest.skip("../shared/samples/other absent")
    text, _ = read_text(found[0])
    tree = convert_text(text, str(found[0]), date="2026-01-01", check=True).tree
    for xpath, expected in OTHER[prefix].items():
        assert _value(tree, xpath) == expected, xpath


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_header_fields(prefix: str):
    [path] = sorted(CORPUS.glob(f"{prefix}*.txt"))
    text, _ = read_text(path)
    tree = convert_text(text, str(path), date="2026-01-01", check=False).tree
    for xpath, expected in EXPECTED[prefix].items():
        assert _value(tree, xpath) == expected, xpath
