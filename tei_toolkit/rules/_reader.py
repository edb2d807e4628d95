"""The reading of one run of capitalised tokens: what the lexicons say of it, and the
small tests of context (sentence start, quotes, a locative before, a label) that the
organisation and person readers use."""

from __future__ import annotations

import bisect
import re
import unicodedata
from typing import NamedTuple

from ._lexicon import (
    DESCRIBED_HEADS,
    MONTHS,
    NOT_NAMES,
    ORG_ACRONYMS,
    PERSON_VERBS,
    RUSSIAN_SURNAME,
    SEATS_OF_GOVERNMENT,
    TITLE_ENDINGS,
    TITLES,
    is_demonym,
)
from ._lexindex import Lexicon
from ._tokens import HYPHEN_BREAK, POSSESSIVE, Tok, _norm
from .base import Context

SENTENCE_END = re.compile(r"(?:^|[.!?…:;][\"”’)\]]*\s+|\n\s*|[“\"(«„]\s*)$")
# "Antonov, A. I.", "Kissinger, Henry A." (an index's or a TAGS line's inverted name)
INVERTED_INITIALS = re.compile(
    r",\s?(?:[A-Z][a-z]{2,}\s)?(?:[A-Z][a-z]?\.\s?){1,3}(?![A-Z][a-z]?\.)(?!\s?[A-Z]?[a-z])"
)
GREETINGS = frozenset("dear my lieber liebe querido querida cher chère caro cara".split())
# "Washington, D.C.", "Austin, TX": a city with its district (part of the place's name) or
# its state; either way a place, even after a title
DISTRICT_AFTER = re.compile(r",\s?(?:(?P<dc>D\.\s?C\.)|[A-Z]{2}\b)")
GLOSS = re.compile(r"\s?\[([^\[\]]{2,40})\]")
LOCATIVE = re.compile(
    r"\b(?:in|at|near|into|via|towards?|across|through|around|outside|"
    r"inside|reached|entered|occupied)\s+(?:the\s+)?$"
    r"|\b(?:MP|M\.P\.|[Mm]ember|[Ss]enator|[Dd]eputy|[Rr]epresentative)\s+(?:for|from)\s+$"
)
PLACE_COMMA_BEFORE = re.compile(r"([^\W\d_][\w'’-]*), $")
NEXT_WORD = re.compile(r"\s(?:also\s|then\s|had\s|has\s)?([a-z]+)")
SPEAKER_AFTER = re.compile(r"[.:]")
# after a name: a number ("Embtel 228") or an abbreviation's full stop before a number or a
# lower-case word ("Prot. 5", "Prot. no") -- a document designator, not a person
DESIGNATOR_AFTER = re.compile(r"\.?\s(?:No\.?\s)?\d|\.\s[a-z]")
LOWER_TITLE_BEFORE = re.compile(r"(?<![\w.])([A-Za-z][a-z]{0,4})\.\s$")
# "the Nabatiya question", "the Kashmir issue": a rare word before these nouns is a place
REGION_NOUN_AFTER = re.compile(r"\s(?:question|issue|problem|area|region|border|frontier|sector)\b")
# a verb after a seat of government: the building acts, so it stands for the government
ACTS_AFTER = re.compile(r"\s(?:also\s|again\s|then\s)?([a-z]+(?:ed|es|s)|[a-z]+)\b")
NOT_AGENT_BEFORE = re.compile(
    r"(?:\b(?:in|at|to|from|into|inside|outside|near|of|within|"
    r"around|through|behind|over)\s(?:the\s)?|[’']s\s)$"
)


class Found(NamedTuple):
    start: int
    end: int
    type: str  # person | place | org | ignore
    id: str
    known: bool  # in the register
    rule: str


class TextLines:
    """The lines of one text, for the rules that look at a token's whole line; each
    line is measured once (a text without line breaks is one long line: looking it up
    per token would cost the line's length each time)."""

    def __init__(self, text: str, source: str | None = None) -> None:
        self.text = text
        self.source = text if source is None else source  # before restore_case
        self.lead = len(text) - len(text.lstrip())  # where the first word starts
        self._breaks: list[int] | None = None
        self._upper: dict[int, bool] = {}
        self._upper_source: dict[int, bool] = {}

    def bounds(self, pos: int) -> tuple[int, int]:
        """Start and end of the line holding ``pos``."""
        if self._breaks is None:
            self._breaks = [m.start() for m in re.finditer("\n", self.text)]
        k = bisect.bisect_left(self._breaks, pos)
        start = self._breaks[k - 1] + 1 if k else 0
        end = self._breaks[k] if k < len(self._breaks) else len(self.text)
        return start, end

    def mostly_upper(self, pos: int) -> bool:
        """At least half the words of the line holding ``pos`` are set in capitals."""
        start, end = self.bounds(pos)
        answer = self._upper.get(start)
        if answer is None:
            words = WORDS.findall(self.text, start, end)
            answer = self._upper[start] = sum(1 for w in words if w.isupper()) * 2 >= len(words)
        return answer

    def mostly_upper_source(self, pos: int) -> bool:
        """The line holding ``pos`` was set in capitals before its case was restored
        (measured once per line, as ``mostly_upper``: a long line is asked often)."""
        start, end = self.bounds(pos)
        answer = self._upper_source.get(start)
        if answer is None:
            words = WORDS.findall(self.source, start, end)
            answer = bool(words) and sum(1 for w in words if w.isupper()) * 2 >= len(words)
            self._upper_source[start] = answer
        return answer


WORDS = re.compile(r"[^\W\d_]{2,}")


class ReaderBase:
    """One run of capitalised tokens, with the lexicons and the record's context."""

    def __init__(
        self,
        text: str,
        run: list[Tok],
        lex: Lexicon,
        ctx: Context,
        lines: TextLines,
        nouns: bool = False,
    ) -> None:
        self.text, self.run, self.lex, self.ctx, self.lines = text, run, lex, ctx, lines
        self.nouns = nouns  # the language capitalises its nouns (German)
        self.surnames: dict[str, str] = ctx.memory.surnames
        self._lex: dict[int, object] = {}
        self._org: dict[int, int | None] = {}
        self._heads: dict[int, int | None] = {}  # see OrgReader.head_from
        self._ext: dict[int, int] = {}  # see OrgReader.extend_of
        self._title_run: bool | None = None
        # the rules ask for a token's lower-case form many times over (speed)
        self.lows = [t.text.lower() for t in run]

    def span(self, i: int, j: int) -> str:
        text = self.text[self.run[i].start : self.run[j].end]
        return HYPHEN_BREAK.sub(r"\1", text) if "-\n" in text else text  # "For-\n eign"

    def low(self, i: int) -> str:
        return self.lows[i]

    # --- lexicons ----------------------------------------------------------------------
    def lexicon_at(self, i: int):
        if i not in self._lex:
            self._lex[i] = self._lexicon_at(i)
        return self._lex[i]

    def _lexicon_at(self, i: int):
        run = self.run
        if run[i].kind == "lower" or self.org_acronym(i):
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
            if found and found[0] == "gazetteer" and i == j and self.low(i) in NOT_NAMES:
                return None  # "Mon cher": a word of the language, not the state of Myanmar
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
        if w in DESCRIBED_HEADS or w in MONTHS:
            return True  # "the US Government", "visit Moscow November 3": the place
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
        district = DISTRICT_AFTER.match(self.text, end)
        if district and district["dc"]:
            end = district.end()  # "Washington, D.C.": the city with its district
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

    def org_acronym(self, i: int) -> bool:
        """An archive's or a government's acronym in capitals ("NARA", "GOA", "SAPMO")."""
        t = self.run[i].text
        if not t.replace("-", "").isalpha() or sum(map(str.isupper, t)) < 2:
            return False
        return all(POSSESSIVE.sub("", p).lower() in ORG_ACRONYMS for p in t.split("-"))

    def end_of(self, j: int) -> int:
        t = self.run[j]
        m = POSSESSIVE.search(t.text)
        return t.end - (len(m.group()) if m else 0)

    def is_title(self, i: int) -> bool:
        w = POSSESSIVE.sub("", self.lows[i])
        end = self.run[i].end  # "Hon." is a title, "Pak Hon Yong" a name
        if w.startswith(("ex-", "former-")):  # "Ex-President Herbert Hoover"
            w = w.split("-", 1)[1]
        return w in TITLES or w + "." in TITLES and self.text[end : end + 1] == "."

    def seen_alone(self, k: int) -> bool:
        """A word this record has already marked as a one-word person ("c. Ulanfu")."""
        return POSSESSIVE.sub("", self.run[k].text) in self.ctx.memory.alone

    def designator(self, i: int) -> bool:
        """A word before a number or an abbreviation's full stop ("Embtel 228", "Prot.
        5"): a document reference, not a person."""
        word = self.run[i].text
        return (
            i == len(self.run) - 1
            and not any(c in word for c in "'’")  # "O'Riordan 1": a footnote after a name
            and bool(DESIGNATOR_AFTER.match(self.text, self.run[i].end))
        )

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
        line = self.text[max(self.lines.bounds(t.start)[0], t.start - 80) : t.start]
        return any(w in TITLES for w in re.findall(r"[^\W\d_]+\.?", line[-80:].lower()))

    def name_word(self, j: int) -> bool:
        """A capitalised word, or an ALL-CAPS word that reads as a name (ZAKHAROV, MAO
        ZEDONG) rather than an acronym (APRF, CWIHP, TsAMO)."""
        t = self.run[j]
        if t.kind == "cap":
            return True
        if t.kind != "upper" or not t.text.isalpha() or not t.text.isupper():
            return False
        if t.text.title() in self.surnames:
            return True  # "(KIM)" after "KIM Il Sung"
        vowels = sum(1 for c in t.text if c in "AEIOUY")
        if vowels * 10 < len(t.text) * 3:
            return False
        beside = [k for k in (j - 1, j + 1) if 0 <= k < len(self.run) and self.run[k].kind == "cap"]
        if any(self.lows[k] in self.lex.common for k in beside):
            return False  # "CODIAC Aims": an acronym before a common word, not "Georges BIDAULT"
        near = [
            k
            for k in (j - 1, j + 1)
            if 0 <= k < len(self.run) and self.run[k].kind == "upper" and len(self.run[k].text) >= 3
        ]
        run = self.run
        after = (  # given names after it: two words, or one with a hyphen ("Ki-yeong")
            j + 1 in beside
            and j + 1 < len(run)
            and (
                "-" in run[j + 1].text
                or j + 2 < len(run)
                and run[j + 2].kind == "cap"
                and not self.is_title(j + 2)
            )
        )
        # "KIM Il Sung", "CHANG Ki-yeong": a surname in capitals before given names
        return len(t.text) >= 5 or bool(near) and len(t.text) >= 3 or after and len(t.text) >= 2

    def locative(self, i: int) -> bool:
        m = LOCATIVE.search(self.text, max(0, self.run[i].start - 24), self.run[i].start)
        return bool(m)

    def place_at(self, i: int) -> bool:
        """An unknown rare word after "in", "near", "at"... is taken for a place."""
        run, t = self.run, self.run[i]
        w = POSSESSIVE.sub("", t.text).lower()
        return (
            t.kind == "cap"
            and len(w) > 1  # "approved in S": an office's symbol
            and (i + 1 == len(run) or run[i + 1].kind == "lower")
            and w not in self.lex.common
            and not is_demonym(w)
            and not any(is_demonym(part) for part in w.split("-"))  # "Soviet-American"
            and w not in NOT_NAMES
            and w not in MONTHS
            and not self.quoted(i)
            and (
                self.locative(i)
                or bool(REGION_NOUN_AFTER.match(self.text, t.end))
                or self.after_place(i)
            )
        )

    def after_place(self, i: int) -> bool:
        """ "Barnstaple, Devon]": a rare word after a place and a comma, closing the phrase,
        is the region the place is in."""
        start, end = self.run[i].start, self.run[i].end
        m = PLACE_COMMA_BEFORE.search(self.text, max(0, start - 40), start)
        return bool(
            m
            and m.group(1) in self.ctx.memory.places
            and (end == len(self.text) or self.text[end] in "])\n;.")
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
        if t.start > self.lines.lead:
            return False
        after = self.text[self.run[-1].end : self.run[-1].end + 1]
        return bool(SPEAKER_AFTER.match(after))

    def salutation(self, i: int) -> bool:
        """A letter's salutation or closing, a short line ending in a comma ("A Chara,",
        "Mise, le meas,", "Dear Comrade,"): its capitalised words are not names."""
        start, end = self.lines.bounds(self.run[i].start)
        line = self.text[start:end].strip()
        if not (line.endswith(",") and len(line.split()) <= 3):
            return False
        # "Dear Fred,": a rare word after the greeting is the addressee's name
        w = POSSESSIVE.sub("", self.run[i].text).lower()
        return not (
            i > 0
            and self.low(i - 1) in GREETINGS
            and w not in self.lex.common
            and w not in NOT_NAMES
        )

    def slash_code(self, i: int) -> bool:
        """An acronym joined to another by a slash ("SA/AD/CR", "AD/CR"): an office's or an
        official's symbol, not a name, unless the lexicons know the acronym ("US/UK")."""
        t = self.run[i]
        if t.kind != "upper":
            return False
        before, after = self.text[t.start - 2 : t.start], self.text[t.end : t.end + 2]
        joined = (
            before[-1:] == "/" and before[:1].isupper() or after[:1] == "/" and after[1:].isupper()
        )
        return joined and self.lex.find(t.text) is None

    def label_colon(self, i: int) -> bool:
        """A colon after the label ("Brown: ..."), not a comma ("Accordingly, ...")."""
        return self.text[self.run[-1].end : self.run[-1].end + 1] == ":"

    def after_the(self, i: int) -> bool:
        """The word after the article "the": a person is not named so without a title."""
        start = self.run[i].start
        return self.text[max(0, start - 4) : start].lower() == "the "

    def glossed(self, i: int) -> bool:
        m = GLOSS.match(self.text, self.run[i].end)
        return bool(m and self.lex.find(m.group(1).strip()))

    def inverted(self, i: int) -> bool:
        return bool(INVERTED_INITIALS.match(self.text, self.run[i].end))

    def note_initials(self, i: int, ident: str, known: bool) -> None:
        """ "A. S. Dubček": initials "AS" -> the person's id (None once two people share
        them), for a later first name and patronymic ("Aleksandr Stepanovich")."""
        seen = self.ctx.memory.initials
        key = _initials(self.run[i].text)
        if len(key) == 2:
            seen[key] = (ident, known) if seen.get(key, (ident, known)) == (ident, known) else None


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
