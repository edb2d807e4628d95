"""JSON export: entities as standoff annotation of the plain text."""

from __future__ import annotations

import json

import pytest
from export_helpers import FOREIGN, HERE, tei_body

from tei_toolkit.exporters import to_json, to_json_string, to_text
from tei_toolkit.tei import parse

OURS = HERE / "ourstyle-entities.xml"


@pytest.mark.parametrize("path", FOREIGN, ids=lambda p: p.name)
def test_offsets_point_into_the_exact_text(path):
    tree = parse(path)
    data = to_json(tree)
    assert data["text"] == to_text(tree)
    for entity in data["entities"]:
        assert data["text"][entity["start"] : entity["end"]] == entity["text"]
        assert entity["text"].strip() == entity["text"]


def test_entities_of_our_encoding():
    data = to_json(parse(OURS))
    by_text = {(e["type"], e["text"]): e for e in data["entities"]}
    stalin = by_text[("person", "Stalin")]
    assert stalin["ref"] == "#stalin" and stalin["id"] == "stalin"
    assert stalin["normalized"] == "Joseph Stalin"
    assert {"source": "Wikidata", "url": "https://www.wikidata.org/wiki/Q855"} in stalin[
        "authority"
    ]
    assert by_text[("date", "January 22, 1944")]["normalized"] == "1944-01-22"
    assert by_text[("time", "11pm")]["normalized"] == "23:00:00"
    assert by_text[("place", "Moscow")]["normalized"] == "Moscow"
    assert by_text[("org", "Mongolian People’s Revolutionary Army")]["id"] == "mpra"
    assert by_text[("person", "Ospan")]["cert"] == "low"
    assert [e["start"] for e in data["entities"]] == sorted(e["start"] for e in data["entities"])
    assert data["title"].startswith("Record of a Conversation")
    assert data["date"] == "1944-01-22" and data["record_id"] == "112103"


def test_unresolved_and_typed_names():
    data = to_json(
        tei_body(
            '<p><name type="place">Ur</name>, <rs type="person" ref="#nobody">'
            'he</rs> and <date from="1940" to="1949">the forties</date></p>'
        )
    )
    assert [(e["type"], e["text"], e["normalized"]) for e in data["entities"]] == [
        ("place", "Ur", None),
        ("person", "he", None),
        ("date", "the forties", "1940/1949"),
    ]


def test_entities_in_notes_point_into_the_notes():
    data = to_json(tei_body("<p>x<note>said by <persName>Eve</persName></note></p>"))
    [eve] = data["entities"]
    assert data["text"][eve["start"] : eve["end"]] == "Eve"
    assert eve["start"] > data["text"].index("Notes")


def test_with_header_offsets_follow_the_header():
    tree = parse(OURS)
    data = to_json(tree, with_header=True)
    assert data["text"] == to_text(tree, with_header=True)
    for entity in data["entities"]:
        assert data["text"][entity["start"] : entity["end"]] == entity["text"]


def test_json_string_round_trips():
    data = json.loads(to_json_string(parse(OURS)))
    assert data["format"] == "tei-toolkit/entities" and data["version"] == 1
