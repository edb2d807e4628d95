"""People the header names (docs/ENCODING.md): translators and transcribers as persName
linked like the body's names, senders and addressees as written with @ref to the person
in them; every pointer resolves to the record's standOff."""

from __future__ import annotations

from tei_toolkit.convert import convert_text
from tei_toolkit.tei import NS

MARXISTS = """V. I.   Lenin

Written: 3 May 1921
Source: Collected Works, Volume 45, Moscow, 1970, page 12.
Translated: Jane Q. Harrow
Transcription\\Markup: P. Lindqvist

Dear Comrade,

Thank you for the papers, which Mrs. Harrow sent on to me.
"""

FRUS = """711.00/7–1452: Telegram

The Ambassador in the Soviet Union (Farrington) to the Secretary of State

Please report on the talks at once.
"""


def _xp(tree, path):
    return tree.xpath(path, namespaces=NS)


def _standoff_ids(tree) -> set[str]:
    return {i.split(".", 1)[1] for i in _xp(tree, "//tei:standOff//@xml:id")}


def test_translators_and_transcribers_are_persons_linked_like_the_text():
    tree = convert_text(MARXISTS, "mia.txt", date="2026-01-01").tree
    resp = {
        _xp(r, "string(tei:resp)"): _xp(r, "tei:persName")[0]
        for r in _xp(tree, "//tei:titleStmt/tei:respStmt")
    }
    assert resp["Translated by"].text == "Jane Q. Harrow"
    assert resp["Transcribed by"].text == "P. Lindqvist"
    body_ref = _xp(tree, "//tei:body//tei:persName[.='Harrow']/@ref")
    assert body_ref == [resp["Translated by"].get("ref")]  # one person, one id
    refs = {r.get("ref").split(".", 1)[1] for r in resp.values()}
    assert refs <= _standoff_ids(tree)


def test_a_sender_keeps_its_words_and_points_to_the_person_in_them():
    tree = convert_text(FRUS, "frus.txt", date="2026-01-01").tree
    [sent] = _xp(tree, "//tei:correspAction[@type='sent']/tei:name")
    assert sent.text == "The Ambassador in the Soviet Union (Farrington)"
    assert sent.get("type") == "person" and sent.get("ref").endswith("prov-farrington")
    assert sent.get("ref").split(".", 1)[1] in _standoff_ids(tree)
    [received] = _xp(tree, "//tei:correspAction[@type='received']/tei:name")
    assert received.get("ref") is None  # "the Secretary of State": no name in it


def test_a_one_word_sender_is_a_person_of_the_standoff():
    text = "212 Brankovic to Officer\n\nCablegram 77 LONDON, 3 March 1951\n\nPlease reply.\n"
    tree = convert_text(text, "dafp.txt", date="2026-01-01").tree
    [sent] = _xp(tree, "//tei:correspAction[@type='sent']/tei:name")
    assert sent.get("type") == "person" and sent.get("ref").split(".", 1)[1] in _standoff_ids(tree)
    [received] = _xp(tree, "//tei:correspAction[@type='received']/tei:name")
    assert received.get("ref") is None  # "Officer": a common word


def test_two_translators_are_two_persons():
    text = MARXISTS.replace(
        "Translated: Jane Q. Harrow", "Translated: Jane Harrow and Paul Lindqvist"
    )
    tree = convert_text(text, "mia.txt", date="2026-01-01").tree
    names = _xp(tree, "//tei:respStmt[tei:resp='Translated by']/tei:persName/text()")
    assert names == ["Jane Harrow", "Paul Lindqvist"]


def test_the_archive_of_a_document_number_line_is_an_organisation():
    text = "No. 12 NAI DFA/5/100\n\nDublin, 3 May 1930\n\nI have the honour to report.\n"
    tree = convert_text(text, "difp.txt", date="2026-01-01").tree
    [note] = _xp(tree, "//tei:bibl[@type='document']/tei:note[@type='archive']")
    assert _xp(note, "string(tei:orgName)") == "NAI"
    assert _xp(tree, "string(//tei:idno[@type='archive'])") == "NAI DFA/5/100"
