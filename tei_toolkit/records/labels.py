"""Labelled lines at the head of a document ("From: ...", "Betreff: ...", "Дата: ..."):
the labels readers know, in several languages, and what each one fills in a Record."""

from __future__ import annotations

from ..model import Record
from . import datelines
from .common import add_classification, label_of

SENDER_LABELS = {"from", "fm", "von", "de", "от", "от кого", "absender", "expéditeur", "remitente"}
ADDRESSEE_LABELS = {
    "to",
    "an",
    "à",
    "a",
    "para",
    "кому",
    "destinataire",
    "memorandum for",
    "attention",
}
SUBJECT_LABELS = {
    "subject",
    "subj",
    "re",
    "betreff",
    "betr",
    "objet",
    "asunto",
    "тема",
    "о",
    "事由",
    "主题",
}
DATE_LABELS = {"date", "dated", "datum", "fecha", "дата", "日期", "date and time", "written"}
CLASS_LABELS = {"classification", "status", "grif", "гриф", "einstufung"}
NUMBER_LABELS = {"no", "nr", "number", "№", "ref", "reference", "file", "az", "aktenzeichen"}

KNOWN_LABELS = (
    SENDER_LABELS | ADDRESSEE_LABELS | SUBJECT_LABELS | DATE_LABELS | CLASS_LABELS | NUMBER_LABELS
)


def metadata_label(lab: tuple[str, str], idx: int, lines: list[tuple[int, str]]) -> bool:
    """A labelled line is the document's metadata when its label is a known one, or when
    it stands among other labelled lines (a heading block); "Stalin: “Correct.”" alone is
    a speaker's turn."""
    label, value = lab
    if label.lower().strip(" .") in KNOWN_LABELS:
        return True
    if not _short_value(value):
        return False
    near = [lines[j][1] for j in (idx - 1, idx + 1) if 0 <= j < len(lines)]
    return any((near_lab := label_of(line)) and _short_value(near_lab[1]) for line in near)


def _short_value(value: str) -> bool:
    """A field's value, not a sentence someone says: short, not quoted, no full stop."""
    return (
        len(value) <= 45 and value[:1] not in "“\"«„‘'" and not value.endswith((".", "!", "?", "…"))
    )


def take_label(record: Record, label: str, value: str) -> bool:
    key = label.lower().strip(" .")
    if key in SUBJECT_LABELS and value:
        record.title = record.title or value
    elif key in SENDER_LABELS and value:
        record.sender = record.sender or value
    elif key in ADDRESSEE_LABELS and value:
        record.addressee = record.addressee or value
    elif key in DATE_LABELS and value:
        if record.date is None and (datelines.normalize(value) or datelines.first_date(value)):
            record.date = value if datelines.normalize(value) else datelines.first_date(value)[0]  # type: ignore[index]
    elif key in CLASS_LABELS and value:
        add_classification(record, value)
    elif key in NUMBER_LABELS and value:
        record.idnos.append(("number", value))
    elif len(value) <= 80 and len(key.split()) <= 4:
        pass  # another short labelled line of the heading ("Sent: ...", "Location: ...")
    else:
        return False
    record.fields.setdefault(label, value)
    record.apparatus.append(("heading", None, f"{label}: {value}" if value else label))
    return True
