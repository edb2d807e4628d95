"""What the exporters read outside the body: the citation fields of the teiHeader and the
register of people, places and organisations the entity @ref values point to.

Paths use ``{*}`` so TEI without a namespace (older P4-style files) is read the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lxml import etree

from .walker import name_of, xml_id, xml_lang

ENTITY_KINDS = {"persName": "person", "placeName": "place", "geogName": "place", "orgName": "org"}
REGISTER_KINDS = {"person": "person", "personGrp": "person", "place": "place", "org": "org"}
REGISTER_NAMES = ("persName", "placeName", "orgName", "geogName", "name")
# idno/@type -> label, URL pattern, how to find the identifier in the value
AUTHORITIES = {
    "wikidata": ("Wikidata", "https://www.wikidata.org/wiki/{}", re.compile(r"\bQ\d+\b")),
    "viaf": ("VIAF", "https://viaf.org/viaf/{}", re.compile(r"\d+")),
    "geonames": ("GeoNames", "https://www.geonames.org/{}", re.compile(r"\d+")),
}
AUTHORITY_HOSTS = {
    "www.wikidata.org": "Wikidata",
    "wikidata.org": "Wikidata",
    "viaf.org": "VIAF",
    "www.geonames.org": "GeoNames",
    "geonames.org": "GeoNames",
    "sws.geonames.org": "GeoNames",
}
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]")


def plain(el) -> str:
    """All the text of an element, whitespace collapsed (for names and identifiers)."""
    if el is None:
        return ""
    return " ".join("".join(el.itertext()).split())


def safe_url(value: str | None) -> str | None:
    """The URL if following it cannot run code: http(s), mailto, or a relative link."""
    if not value:
        return None
    url = value.strip()
    try:
        scheme = urlsplit(_CONTROL.sub("", url)).scheme.lower()
    except ValueError:
        return None
    if scheme and scheme not in SAFE_SCHEMES:
        return None
    return url


def authority_link(kind: str, value: str) -> tuple[str, str] | None:
    """(label, url) for an idno: Wikidata/VIAF/GeoNames ids become their page's URL."""
    value = value.strip()
    known = AUTHORITIES.get(kind.lower())
    if known:
        label, pattern, found = known[0], known[1], known[2].search(value)
        if found:
            return label, pattern.format(found.group(0))
    if value.lower().startswith(("http://", "https://")) and safe_url(value):
        host = urlsplit(value).hostname or ""
        return AUTHORITY_HOSTS.get(host, kind or host or "link"), value
    return None


@dataclass
class Entry:
    """One person, place or organisation of the register."""

    key: str
    kind: str
    name: str
    links: list[tuple[str, str]] = field(default_factory=list)
    # the editor's register id (idno[@type="register"]): the same entity in every record
    register_key: str | None = None
    geo: tuple[float, float] | None = None  # (latitude, longitude) from location/geo


class Register(dict):
    """Entries by xml:id, and by each of their names (preferred and variants)."""

    def __init__(self):
        super().__init__()
        self.names: dict[str, dict[str, Entry]] = {}

    def add(self, entry: Entry, names) -> None:
        self[entry.key] = entry
        for name in names:
            self.names.setdefault(" ".join(name.split()).casefold(), {})[entry.key] = entry

    def by_name(self, text: str, kind: str | None = None) -> Entry | None:
        """The one entry of that kind with this name; None when none or several have it."""
        found = [
            e
            for e in self.names.get(" ".join(text.split()).casefold(), {}).values()
            if kind in (None, "other", e.kind)
        ]
        return found[0] if len(found) == 1 else None


def read_register(tree) -> Register:
    """Every person/place/org with an xml:id anywhere in the document, by id."""
    register = Register()
    for el in tree.iter():
        kind = REGISTER_KINDS.get(name_of(el))
        ident = xml_id(el) if kind else None
        if not ident:
            continue
        names = [c for c in el if name_of(c) in REGISTER_NAMES]
        preferred = next(
            (n for n in names if n.get("type") in ("preferred", "main", "reg", "full")),
            names[0] if names else None,
        )
        entry = Entry(ident, kind or "other", plain(preferred) or ident, geo=_geo(el))
        for idno in el.iter("{*}idno"):
            link = authority_link(idno.get("type") or "", plain(idno))
            if link and link not in entry.links:
                entry.links.append(link)
            if idno.get("type") == "register" and plain(idno):
                entry.register_key = plain(idno)
        register.add(entry, [plain(n) for n in names])
    return register


_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")


def _geo(el) -> tuple[float, float] | None:
    """A place's own point: its first ``location/geo`` read as "latitude longitude" (the
    TEI default), when both numbers are in range."""
    geo = el.find("{*}location/{*}geo")
    numbers = _NUMBER.findall(plain(geo)) if geo is not None else []
    if len(numbers) != 2:
        return None
    lat, lon = float(numbers[0]), float(numbers[1])
    return (lat, lon) if -90 <= lat <= 90 and -180 <= lon <= 180 else None


def resolve(
    ref: str | None, register: dict[str, Entry], text: str | None = None, kind: str | None = None
) -> tuple[str | None, Entry | None]:
    """The first pointer of @ref that the register knows, else the first pointer. A name
    without @ref is looked up by its text (a header's translator is the register's)."""
    pointers = (ref or "").split()
    for pointer in pointers:
        if pointer.startswith("#") and pointer[1:] in register:
            return pointer, register[pointer[1:]]
    if not pointers and text and isinstance(register, Register):
        entry = register.by_name(text, kind)
        if entry is not None:
            return f"#{entry.key}", entry
    return (pointers[0] if pointers else None), None


@dataclass
class Header:
    """The header elements exporters show; each exporter renders them with its own table."""

    title: etree._Element | None = None
    date: etree._Element | None = None
    when: str | None = None
    authors: list = field(default_factory=list)
    translators: list = field(default_factory=list)
    editors: list = field(default_factory=list)
    funders: list = field(default_factory=list)
    source: etree._Element | None = None
    publisher: etree._Element | None = None
    rights: list = field(default_factory=list)
    licence_url: str | None = None
    record_id: str | None = None
    summary: list = field(default_factory=list)
    lang: str | None = None


def _first(root, *paths):
    for path in paths:
        found = root.find(path)
        if found is not None:
            return found
    return None


def read_header(tree) -> Header:
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    head = Header()
    hdr = root if name_of(root) == "teiHeader" else root.find(".//{*}teiHeader")
    head.lang = _language(root, hdr)
    if hdr is None:
        return head
    stmt = hdr.find("{*}fileDesc/{*}titleStmt")
    if stmt is not None:
        titles = stmt.findall("{*}title")
        head.title = next(
            (t for t in titles if t.get("type") == "main"), titles[0] if titles else None
        )
        head.authors = stmt.findall("{*}author")
        head.editors = stmt.findall("{*}editor")
        head.funders = stmt.findall("{*}funder")
        for resp in stmt.findall("{*}respStmt"):
            if "transl" in plain(resp.find("{*}resp")).lower():
                head.translators += [c for c in resp if name_of(c) != "resp"]
    pub = hdr.find("{*}fileDesc/{*}publicationStmt")
    if pub is not None:
        head.publisher = _first(pub, "{*}publisher", "{*}distributor", "{*}authority")
        licences = pub.findall("{*}availability/{*}licence")
        for lic in licences:
            head.licence_url = head.licence_url or safe_url(lic.get("target"))
            paras = lic.findall("{*}p")
            head.rights += paras or [lic]
        if not licences:
            head.rights = pub.findall("{*}availability/{*}p")
        idnos = pub.findall("{*}idno")
        record = next((i for i in idnos if i.get("type") == "record"), idnos[0] if idnos else None)
        head.record_id = plain(record) or None
    src = hdr.find("{*}fileDesc/{*}sourceDesc")
    if src is not None:
        bibls = [c for c in src if isinstance(c.tag, str)]
        head.source = next(
            (b for b in bibls if b.get("type") == "citation"), bibls[0] if bibls else None
        )
    head.date = work_date(hdr)
    if head.date is not None:
        head.when = (
            head.date.get("when")
            or head.date.get("notBefore")
            or head.date.get("from")
            or _year(plain(head.date))
        )
    abstract = hdr.find("{*}profileDesc/{*}abstract")
    if abstract is not None:
        head.summary = abstract.findall("{*}p") or [abstract]
    return head


# Parts of a structured bibliography or header statement: read part by part.
CONTAINERS = frozenset(
    {
        "biblFull", "biblStruct", "bibl", "titleStmt", "editionStmt", "publicationStmt",
        "seriesStmt", "notesStmt", "sourceDesc", "respStmt", "monogr", "analytic", "series",
        "imprint", "address", "availability", "msIdentifier", "msDesc", "author", "editor",
    }
)  # fmt: skip


def element_only(el) -> bool:
    """Only elements (and whitespace) inside: nothing says how its parts read together."""
    return (
        len(el) > 0 and not (el.text or "").strip() and not any((c.tail or "").strip() for c in el)
    )


# Parts of a source rendered as elements (a name links, a title is a title); any other
# part (an addrLine, an edition statement) only by its contents, so it stays in the line.
WHOLE_PARTS = frozenset(
    {*ENTITY_KINDS, "name", "rs", "date", "time", "title", "hi", "emph", "foreign", "ref",
     "ptr", "idno", "abbr", "num"}
)  # fmt: skip


def source_parts(el) -> list[tuple[str, etree._Element]]:
    """A structured source (biblFull, biblStruct, a bibl of elements) as its parts, each
    with the separator to write before it: ". " between the top-level parts, ", " inside
    one, " " after a ``resp`` or a part that ends in punctuation. [] when ``el`` has text
    of its own (a bibl written as a sentence reads as it is)."""
    if not element_only(el):
        return []
    out: list[tuple[str, etree._Element]] = []

    def leaves(node) -> list[etree._Element]:
        found = []
        for child in node:
            if not isinstance(child.tag, str) or not plain(child):
                continue
            if name_of(child) in CONTAINERS and element_only(child):
                found += leaves(child)
            else:
                found.append(child)
        return found

    for group in (leaves(c) if name_of(c) in CONTAINERS else [c] for c in el):
        for i, leaf in enumerate(x for x in group if isinstance(x.tag, str) and plain(x)):
            if out:
                before = plain(out[-1][1])
                joined = ". " if i == 0 else ", "
                if name_of(out[-1][1]) == "resp" or before[-1:] in ".,;:!?":
                    joined = " "
                out.append((joined, leaf))
            else:
                out.append(("", leaf))
    return out


DIGITAL = frozenset({"digitalSource", "digital", "electronic", "digitised", "digitized"})
_YEAR = re.compile(r"\b(1\d{3}|20\d{2})\b")


def _year(text: str) -> str | None:
    found = _YEAR.search(text)
    return found.group(1) if found else None


def work_date(hdr):
    """The date of the work, not of its digital edition: profileDesc/creation, a letter's
    date of sending (correspDesc), a manuscript's origDate, else the earliest date of a
    source in sourceDesc that is not itself digital (ELTeC's bibl[@type=digitalSource], a
    biblFull's publicationStmt)."""
    found = _first(
        hdr,
        "{*}profileDesc/{*}creation//{*}date",
        "{*}profileDesc/{*}creation//{*}origDate",
        "{*}profileDesc/{*}creation[@when]",  # the value on creation: its words are the text's
        "{*}profileDesc/{*}creation[@from]",
        "{*}profileDesc/{*}correspDesc/{*}correspAction[@type='sent']/{*}date",
        "{*}fileDesc/{*}sourceDesc//{*}origDate",
    )
    if found is not None:
        return found
    src = hdr.find("{*}fileDesc/{*}sourceDesc")
    if src is None:
        return None
    dates = []
    for date in src.iter("{*}date"):
        around = [a for a in date.iterancestors() if a is not src]
        if any(a.get("type") in DIGITAL or name_of(a) == "publicationStmt" for a in around):
            continue
        if name_of(date.getparent()) in ("licence", "availability", "change"):
            continue
        dates.append(date)
    dated = [(d.get("when") or _year(plain(d)) or "9999", i, d) for i, d in enumerate(dates)]
    return min(dated)[2] if dated else None


def _language(root, hdr) -> str | None:
    text = root.find(".//{*}text")
    for el in (root, text):
        if el is not None and xml_lang(el):
            return xml_lang(el)
    language = hdr.find(".//{*}langUsage/{*}language") if hdr is not None else None
    return language.get("ident") if language is not None else None
