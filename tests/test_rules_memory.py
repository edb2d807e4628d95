"""What the rules remember within a record, and where that memory ends (issue 10's bugs:
relative dates and surnames leaking from the header into the body; the worklist walking
the sections in another order than the converter; the register's speaker branch)."""

from __future__ import annotations

from tei_toolkit.convert import convert_text, id_prefix
from tei_toolkit.model import Block, Record
from tei_toolkit.register import Entry, Register
from tei_toolkit.rules import Context, find_marks, mark_record, record_context
from tei_toolkit.tei import NS
from tei_toolkit.worklist import find_mentions

# A Wilson Center page dated to the month: the summary (in the header) names a day.
RECORD = """Skip to content

March 1950

Telegram from Shtykov to Moscow

The delegation arrived. On the next day the talks began with Comrade Kovalev.

We met Kovalev again.

A telegram of March 3, 1950, about talks with Comrade Petrukhin.

Document Information


AVPRF, fond 5.
"""


def _dates(tree) -> list[str | None]:
    return [d.get("when") for d in tree.getroot().iterfind(".//tei:body//tei:date", NS)]


def test_a_summary_date_does_not_anchor_the_body():
    conversion = convert_text(RECORD, "r.txt", check=False)
    assert conversion.record.summary and "March 3, 1950" in conversion.record.summary
    # before the fix "the next day" in the body was 1950-03-04 (the summary's date + 1)
    assert "1950-03-04" not in _dates(conversion.tree)


def test_memory_is_per_section():
    record = Record(
        title="Conversation",
        summary="Comrade Petrukhin reported on March 3, 1950.",
        body=[Block("On the next day Petrukhin left.", 5)],
    )
    ctx = record_context(record)
    marked = mark_record(record, ctx)
    body = next(m for m in marked if m.section == "body")
    assert not [m for m in body.marks if m.tag == "date"]
    # within the body, a date does anchor the next block
    record.body = [Block("We met on March 3, 1950.", 5), Block("On the next day we left.", 7)]
    marked = mark_record(record, record_context(record))
    later = [m for m in marked if m.section == "body"][1]
    assert [m.attr_dict()["when"] for m in later.marks if m.tag == "date"] == ["1950-03-04"]


def test_setting_the_section_starts_a_new_memory():
    ctx = Context()
    find_marks("On March 3, 1950 we met.", ctx)
    assert ctx.memory.last_date == "1950-03-03"
    ctx.section = "body"  # the same section: memory kept
    assert ctx.memory.last_date == "1950-03-03"
    ctx.section = "summary"
    assert ctx.memory.last_date is None


def test_worklist_and_converter_see_the_same_names():
    conversion = convert_text(RECORD, "r.txt", check=False)
    refs = sorted(
        el.get("ref")
        for tag in ("persName", "placeName", "orgName")
        for el in conversion.tree.getroot().iterfind(f".//tei:{tag}", NS)
        if el.get("ref")  # not the standOff's names
    )
    mentions = find_mentions(RECORD, "r.txt", None)
    prefix = "#" + id_prefix("r.txt") + "."  # the record's own ids (convert.scope_ids)
    cited = {prefix + m.id for m in mentions}
    assert set(refs) <= cited
    assert prefix + "prov-kovalev" in refs


def test_register_speaker_branch():
    register = Register()
    register.add(Entry("kohl", "person", "Helmut Kohl"))
    ctx = Context(register=register)
    marks = find_marks("Kohl. I am glad to hear you, Mr. General Secretary.", ctx)
    assert [m.tag for m in marks if m.start == 0][:1] == ["speaker"]
    # a word the register does not know as a person opens no turn
    assert not [m for m in find_marks("Bonn. I am glad.", ctx) if m.tag == "speaker"]


def test_register_speaker_turn_in_the_converter():
    register = Register()
    register.add(Entry("kohl", "person", "Helmut Kohl"))
    text = "Telephone conversation\n\nKohl. I am glad to hear you.\n"
    tree = convert_text(text, "k.txt", register=register, check=False).tree
    assert tree.getroot().find(".//tei:body//tei:sp/tei:speaker", NS) is not None


def test_readding_an_entry_replaces_its_names():
    register = Register()
    register.add(Entry("kovalev", "person", "Ivan Kovalev", ("Kovalev",)))
    register.add(Entry("kovalev", "person", "M. Kovalev"))
    assert register.lookup("Ivan Kovalev") is None  # before the fix: the old entry
    assert register.lookup("M. Kovalev").name == "M. Kovalev"
    assert "Ivan Kovalev" not in register.surfaces()


def test_a_shared_name_goes_back_to_the_other_entry():
    register = Register()
    register.add(Entry("a", "place", "Georgia"))
    register.add(Entry("b", "place", "Georgia", ("Sakartvelo",)))
    assert register.lookup("Georgia").id == "a"
    register.add(Entry("a", "place", "Georgia, US"))
    assert register.lookup("Georgia").id == "b"
