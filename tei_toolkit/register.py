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
from typing import Any

from .diagnostics import InputError
from .kinds import KINDS, REGISTER_TYPES
from .tei import E, local_name, tei, xml_attr
from .xmlparse import parse

TYPES = REGISTER_TYPES
COLUMNS = ("id", "type", "name", "variants", "wikidata", "viaf", "geonames", "note")
AUTHORITIES = ("wikidata", "viaf", "geonames")
# type -> (list element, entry element, name element)
TEI_NAMES = {k.type: (k.list, k.entry, k.tag) for k in KINDS}
NAME_TYPE = {v[2]: k for k, v in TEI_NAMES.items()}
ENTRY_TYPE = {v[1]: k for k, v in TEI_NAMES.items()}
HEADER = "\t".join(COLUMNS)
NCNAME = re.compile(r"^[A-Za-z_][\w.\-]*$")


class RegisterError(InputError):
    """A register that cannot be read, or a row that cannot be used."""

    def __init__(self, message: str, *, code: str = "input:register", **kwargs):
        super().__init__(message, code=code, **kwargs)


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
        # surface -> the entries with that name, first added first (it is the one matched)
        self._names: dict[str, list[Entry]] = {}
        self._surnames: dict[str, list[Entry]] = {}  # last word of a person's name
        self.version = 0  # counts changes: what is built from the register rebuilds
        for entry in self.entries.values():
            self._index_names(entry)

    def _keys(self, entry: Entry) -> tuple[list[str], list[str]]:
        names = [surface_key(n) for n in entry.names()]
        surnames = [n.split()[-1] for n in names if n] if entry.type == "person" else []
        return names, surnames

    def _index_names(self, entry: Entry) -> None:
        names, surnames = self._keys(entry)
        for index, keys in ((self._names, names), (self._surnames, surnames)):
            for key in dict.fromkeys(keys):
                index.setdefault(key, []).append(entry)

    def _unindex_names(self, entry: Entry) -> None:
        names, surnames = self._keys(entry)
        for index, keys in ((self._names, names), (self._surnames, surnames)):
            for key in dict.fromkeys(keys):
                rest = [e for e in index.get(key, ()) if e.id != entry.id]
                if rest:
                    index[key] = rest
                else:
                    index.pop(key, None)

    def add(self, entry: Entry) -> None:
        """Add ``entry``; an entry with the same id is replaced, names and all."""
        old = self.entries.get(entry.id)
        if old is not None:
            self._unindex_names(old)
        self.entries[entry.id] = entry
        self._index_names(entry)
        self.version += 1

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
        found = self._names.get(surface_key(surface))
        return found[0] if found else None

    def is_person_name(self, surface: str) -> bool:
        """``surface`` is a person's name or variant, or the last word of one ("Kohl"
        for "Helmut Kohl")."""
        key = surface_key(surface)
        return any(e.type == "person" for e in self._names.get(key, self._surnames.get(key, ())))

    def surfaces(self) -> dict[str, Entry]:
        """Every name and variant -> its entry (what the name rules match)."""
        return {key: found[0] for key, found in self._names.items()}

    # --- reading ---------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | os.PathLike) -> Register:
        path = Path(path)
        if not path.is_file():
            raise RegisterError("register not found", file=str(path))
        if path.suffix.lower() in (".xml", ".tei"):
            return cls.from_tei(parse(path).getroot(), str(path))
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise RegisterError(f"cannot read the register: {exc}", file=str(path)) from None
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
            raise RegisterError(
                f"the register has no column {', '.join(sorted(missing))} "
                f"(expected: {' '.join(COLUMNS)})",
                file=source,
            )
        reg = cls(source=source)
        for n, row in enumerate(reader, 2):
            get = lambda k, row=row: (row.get(k) or "").strip()  # noqa: E731
            if (get("id"), get("type"), get("name")) == ("id", "type", "name"):
                continue  # a header row again (rows appended with their header: `>>`)
            ident, typ = get("id"), get("type").lower()
            if not NCNAME.match(ident) or typ not in TYPES or not get("name"):
                raise RegisterError(
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
                    wikidata=ids.get("wikidata", ""),
                    viaf=ids.get("viaf", ""),
                    geonames=ids.get("geonames", ""),
                    note=" ".join("".join(note.itertext()).split()) if note is not None else "",
                    provisional=el.get("cert") == "low",
                )
            )
        return reg

    # --- writing ---------------------------------------------------------------------
    def to_tsv(self) -> str:
        out = [HEADER]
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
    found = ctx.entities if ctx is not None else {}
    wanted: dict[str, tuple[str, Any]] = {}  # id -> (type, first element pointing to it)
    elements = (el for part in root if part.tag != _STANDOFF for el in part.iter(*_POINTING))
    for el in elements:
        pointers = (el.get("ref") or el.get("who") or "").split()
        for p in pointers:
            if p.startswith("#") and p[1:] not in wanted:
                typ = el.get("type", "") if el.tag == _NAME else _POINTING[el.tag]
                if typ in ("person", "place", "org"):
                    wanted[p[1:]] = (typ, el)
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
_NAME = tei("name")  # a header's name as written ("The Chargé ... (Kohler)"), @type says which
_POINTING = {**{tei(tag): typ for tag, typ in NAME_TYPE.items()}, tei("sp"): "person", _NAME: ""}
_STANDOFF = tei("standOff")


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
    "Register",
    "build_standoff",
    "default_register",
    "surface_key",
]
