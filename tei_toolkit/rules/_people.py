"""Person names: capitalised words the lexicons do not know, read as a person when the
evidence says so (a title, initials, a label, a surname seen before, a verb after)."""

from __future__ import annotations

import re

from ._given import GIVEN_NAMES
from ._lexicon import (
    MONTHS,
    NAME_PARTICLES,
    NOT_AFTER_TITLE,
    NOT_NAMES,
    OFFICE_WORDS,
    ORG_HEADS,
    PATRONYMIC,
    TITLES,
    WORK_WORDS,
    is_demonym,
)
from ._orgs import OrgReader
from ._reader import (
    INVERTED_INITIALS,
    LOWER_TITLE_BEFORE,
    Found,
    _slavic_surname,
    _title_like,
)
from ._romance import PARTICLE_AFTER_TITLE, ROMANCE, lone_word
from ._tokens import POSSESSIVE, _norm, slug

# The most capitalised words one person's name has ("Maria Luisa de la Fuente" is 4 with
# its connectors); a longer run is read from each word on, so this bound keeps the reading
# of a run linear in its length.
MAX_NAME_WORDS = 6


# The spelling of a foreign name in German text: a "c" outside "ch"/"ck", French endings,
# "Mac"/"Mc"/"O'" ("Conant", "MacArthur", "Bidault", "Pineau"); no German noun is spelt so
# but loanwords ("Computer", "Café"), which take an article
FOREIGN_SHAPE = re.compile(r"^(?:Ma?c[A-Z]|O['’][A-Z])|c(?![hk])|(?:ault|eau|eaux|oux)s?$")
GERMAN_ARTICLE_BEFORE = re.compile(
    r"(?<!\w)(?:der|die|das|den|dem|des|ein|eine|einen|einem|einer|eines|zum|zur|im|am|vom|beim)\s$",
    re.I,
)
# A generational suffix after a full name: ", Jr.", " Sr.", ", III"
SUFFIX = re.compile(r",?\s(?:Jr|JR|Sr|SR)\.|,?\s(?:Jr|JR|Sr|SR)\b(?![\w'’])|,\s(?:II|III|IV)\b")
# A line that is a letter's heading: "Marx To Engels", "D'Alton to Evatt"
LETTER_HEADING = re.compile(r"^[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+)? [Tt]o [A-Z][\w'’.-]+$")
# Heads of an office's name that are no titles: the capitalised words before them belong to
# the office, not to the name before it ("George Kolt National Intelligence Officer")
OFFICE_NOUNS = frozenset(
    "officer officers spokesman coordinator administrator staffer analyst specialist".split()
)
# Abbreviated titles that only a surname follows: after them a common word is a surname
SURNAME_TITLES = frozenset("mr mrs ms dr messrs mme mlle prof".split())
# A capital inside a word: cables' abbreviations ("AmEmb"), except the prefixes of surnames
CAMEL = re.compile(r"[a-z][A-Z]")
CAMEL_NAME = re.compile(r"^(?:Mc|Mac|Fitz|O['’]|D['’]|De|Di|Da|Du|La|Le|Van|Von|Ter|St)[A-Z]")
# A capitalised word before one of these nouns modifies it, as an adjective or a place does;
# a person's name seldom stands there ("Commie countries", "the Nabatiya question")
GROUP_NOUN = re.compile(
    r"\s(?:countries|states|nations|peoples|troops|forces|regimes|bloc|camp|authorities"
    r"|question|problem|issue|area|region|border|frontier|sector|territory|territories)\b"
)


# endings of German nouns, which surnames seldom have ("Walter Stiftung" is no person)
GERMAN_NOUN_ENDINGS = ("ung", "heit", "keit", "schaft", "tion", "ismus", "tät", "ium", "zeitung")


def linked_first(word: str) -> bool:
    """Words that open names without standing for one person ("Saint", "San", "El")."""
    return word.lower() in NAME_PARTICLES or word.lower() in ("saint", "san", "santa", "st.")


class PersonReader(OrgReader):
    def person_at(self, i: int, titled: bool) -> int | None:
        run, j = self.run, i
        titled = titled or self.lower_title_before(i)
        inits = 0
        while j < len(run) and run[j].kind == "init":
            j, inits = j + 1, inits + 1
        names: list[int] = []
        if (
            run[j : j + 1]
            and self.lex.find(run[j].text)
            and (j + 1 >= len(run) or self.low(j + 1) in self.lex.common)
            and not (inits and self.town_surname(j))
        ):
            return None  # "Korea Embassies": a place before a common noun
        while (
            j < len(run)
            and (
                self.name_word(j)
                or run[j].kind in ("init", "lower")
                and names
                and j + 1 < len(run)
                and self.name_word(j + 1)
                and (run[j].kind == "init" or self.low(j) in NAME_PARTICLES)
                and not self.conjunction(j)
            )
            and (not self.is_title(j) or self.title_surname(j, names))
            and (self.lexicon_at(j) is None or self.town_surname(j))
            and self.org_at(j) is None
        ):
            if run[j].kind in ("init", "lower"):
                j += 1
                continue
            w = POSSESSIVE.sub("", self.low(j))
            if (
                is_demonym(w)
                or w in MONTHS
                or w in NOT_NAMES
                or w in ORG_HEADS
                or w in WORK_WORDS
                or "-" in w
                and any(is_demonym(part) for part in w.split("-"))
            ):
                break
            if len(names) == MAX_NAME_WORDS:
                return None  # a title-case heading or a list, not one person's name
            names.append(j)
            j += 1
            if POSSESSIVE.search(run[j - 1].text):
                break
        if not names:
            return None
        for k in range(2, len(names)):  # "George Kolt National Intelligence Officer"
            if any(POSSESSIVE.sub("", self.low(n)) in OFFICE_NOUNS for n in names[k : k + 3]):
                names, j = names[:k], names[k]
                break
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
        if len(names) >= 2 and self.given_name(i) and not self.after_the(i):
            return last  # "Walter Ulbricht", "Clemens Dutt": a given name and a surname
        if (
            titled
            and words[0] not in NOT_AFTER_TITLE
            and (self.title_before(i) or self.surname_title_before(i))  # "Mr. Hill", "Mrs. Bell"
            and not (last + 1 < len(run) and self.low(last + 1) == "of")  # "Deputy Heads of"
        ):
            return last  # "Secretary of State Rusk", "Ambassador Hill": a common word as name
        if (
            len(names) >= 2
            and rare
            and (words[0] in rare or not self.sentence_initial(i))
            and not self.after_the(i)
        ):
            return last
        w = words[0]
        if len(names) == 1:
            surface = POSSESSIVE.sub("", run[i].text)
            if _norm(surface.title() if surface.isupper() else surface) in self.surnames:
                return i
            if (
                self.glossed(i)
                or self.inverted(i)
                and (w not in self.lex.common or self.text[run[i].start - 1 : run[i].start] == "(")
            ):
                # "Filippov [Stalin]", "KISSINGER, HENRY A." (not "Works, Fifth Ed."); in
                # brackets even a common word: a cable's classifier "(FORD, A.W.)"
                return i
            if (
                self.is_label(i)
                and len(w) > 1
                and (w not in self.lex.common or self.label_colon(i))
            ):
                return i
            if run[i].kind == "cap" and len(w) > 2 and self.bracketed_after_title(i):
                return i  # "... Embassy in the United Kingdom (Root)": the office-holder
            if w in self.lex.common or self.quoted(i) or run[i].kind != "cap" or len(w) < 2:
                return None
            if self.salutation(i):
                return None
            if CAMEL.search(surface) and not CAMEL_NAME.match(surface):
                return None  # "AmEmb", "DeptTel", "ReEmbtel": a cable's abbreviation
            if surface in self.ctx.memory.places or self.after_place(i):
                return None  # the record read it as a place before ("the Nabatiya question"),
                # or it follows one ("Barnstaple, Devon]")
            if GROUP_NOUN.match(self.text, run[i].end):
                return None  # "Commie countries", "the Nabatiya question": a modifier
            if self.designator(i):
                return None
            if self.sentence_initial(i) and self.ctx.language not in (None, "en"):
                return None  # "Enfin", "Franchir": the language's words, not the lexicon's
            if self.sentence_initial(i):
                possessive = bool(POSSESSIVE.search(run[i].text))
                return (
                    i
                    if possessive
                    or self.verb_follows(i)
                    or _slavic_surname(w)
                    and "-" not in w
                    or self.letter_heading(i)
                    else None
                )
            if _slavic_surname(w) or self.verb_follows(i):
                return i
            if self.after_the(i):
                return None  # "the Contensts", "the Tsaidam": not how a person is named
            if self.ctx.language in ROMANCE:
                verdict = lone_word(self.text, run[i].start, run[i].end, w)
                if verdict is not None:
                    return i if verdict else None
            # a rare capitalised word mid-sentence: a person, unless a locative
            # preposition says it is a place (see place_at)
            return None if self.locative(i) else i
        if len(names) >= 2 and self.is_label(i):
            return last
        return None

    def noun_not_name(self, i: int, titled: bool) -> bool:
        """In German a capitalised word is a noun unless something says it is a name: a
        title before it, initials, a surname the record gave, a speaker's label."""
        if not self.nouns or titled or self.run[i].kind == "init" or self.lower_title_before(i):
            return False
        if self.given_name(i):
            return False  # "Walter Ulbricht sagte", "Franz Amrehn": a given name opens it
        surface = POSSESSIVE.sub("", self.run[i].text)
        if FOREIGN_SHAPE.search(surface) and not GERMAN_ARTICLE_BEFORE.search(
            self.text, max(0, self.run[i].start - 8), self.run[i].start
        ):
            return False  # "Conant", "MacArthur", "Bidault": spelt as no German noun is
        return _norm(surface) not in self.surnames and not self.is_label(i)

    def title_surname(self, j: int, names: list[int]) -> bool:
        """ "W. L. Mackenzie King", "Martin Luther King": a title's word that ends a name of
        two words (or initials and a word) and the run is a surname, not a title."""
        return (
            bool(names)
            and j == len(self.run) - 1
            and self.low(j) in ("king", "bishop", "prince", "marshall")
            and (len(names) >= 2 or names[0] > 0 and self.run[names[0] - 1].kind == "init")
        )

    def given_name(self, i: int) -> bool:
        """A given name of the hand list before a capitalised word of no lexicon ("Willy
        Brandt", "Helmut Schmidt"): a person's name opens here."""
        run = self.run
        return (
            run[i].kind == "cap"
            and POSSESSIVE.sub("", self.low(i)) in GIVEN_NAMES
            and i + 1 < len(run)
            and run[i + 1].kind == "cap"
            and self.text[run[i].end : run[i + 1].start] == " "
            and self.lexicon_at(i + 1) is None
            and not is_demonym(self.low(i + 1))
            and not (self.nouns and self.low(i + 1).endswith(GERMAN_NOUN_ENDINGS))
        )

    def letter_heading(self, i: int) -> bool:
        """ "Marx To Engels", "D'Alton to Evatt": a letter's heading, its writer and its
        addressee (a line of its own)."""
        start, end = self.lines.bounds(self.run[i].start)
        return bool(LETTER_HEADING.match(self.text[start:end].strip()))

    def conjunction(self, j: int) -> bool:
        """ "Aznar y Ana Palacio": the "y" before a given name joins two people ("Ortega y
        Gasset" is one)."""
        return (
            self.low(j) in ("y", "e", "et", "und")
            and j + 1 < len(self.run)
            and POSSESSIVE.sub("", self.low(j + 1)) in GIVEN_NAMES
        )

    def town_surname(self, j: int) -> bool:
        """A town of the gazetteer after initials is a surname ("John F. Kennedy", "A.
        Lincoln"): a name after initials is a person's."""
        hit = self.lexicon_at(j)
        return (
            j > 0
            and (
                self.run[j - 1].kind == "init"
                and not self.list_label(j - 1)
                or self.run[j - 1].kind == "cap"  # "Bernardino León", "George Washington"
                and POSSESSIVE.sub("", self.low(j - 1)) in GIVEN_NAMES
                and self.text[self.run[j - 1].end : self.run[j].start] == " "
            )
            and hit is not None
            and hit[0] == j
            and hit[1] == "gazetteer"
            and hit[2].kind == "city"
        )

    def list_label(self, k: int) -> bool:
        """ "B. HANOI 142", "A. STATE 12345": a list's letter at the start of a line before a
        word in capitals, not an initial ("J. Stalin" at a line's start is one)."""
        t = self.run[k]
        if len(t.text) != 2 or k + 1 >= len(self.run):
            return False
        nxt = self.run[k + 1]
        line_start = self.lines.bounds(t.start)[0]
        word = self.lines.source[nxt.start : nxt.end]
        return not self.text[line_start : t.start].strip() and word.isupper() and len(word) > 2

    def known_after_initials(self, i: int) -> Found | None:
        """ "J. Andropov", "A.M. ALEKSANDROV": initials before a person of the register are
        part of the name."""
        k = i
        while k < len(self.run) and self.run[k].kind == "init":
            k += 1
        hit = self.lexicon_at(k) if k < len(self.run) and k > i else None
        if not hit or hit[1] != "register" or hit[2].type != "person":
            return None
        j, source, item = hit
        return self.from_lexicon(i, j, source, item)

    def known_after(self, j: int, found: Found) -> Found | None:
        """ "Vyacheslav Mikhailovich Molotov": given names before a person of the register
        are part of the name, which takes the register's id."""
        k = j + 1
        hit = self.lexicon_at(k) if k < len(self.run) else None
        if not hit or hit[1] != "register" or hit[2].type != "person":
            return None
        end = self.end_of(hit[0])
        return Found(found.start, end, "person", hit[2].id, True, "names:register")

    def office_word(self, i: int) -> bool:
        """A common word of an office after a title and "of" ("Secretary of State Rusk",
        "Minister of Foreign Affairs Gromyko") or before a title ("Deputy Foreign Minister
        Korniyenko"), with a word after it."""
        if (
            i + 1 < len(self.run)
            and self.low(i) in OFFICE_WORDS
            and any(t.kind == "lower" for t in self.run[max(0, i - 2) : i])
        ):
            return True  # "Secretario de Estado Alexander Haig"
        return (
            i + 1 < len(self.run)
            and self.run[i].kind == "cap"
            and self.low(i) in self.lex.common
            and self.lexicon_at(i) is None
            and (
                any(t.kind == "lower" for t in self.run[max(0, i - 3) : i])
                or self.is_title(i + 1)  # "Deputy Foreign Minister Korniyenko"
            )
        )

    def title_before(self, i: int) -> bool:
        """The word before token ``i`` (a space apart) is a title or an office's word."""
        k = i - 1
        return (
            k >= 0
            and not POSSESSIVE.search(self.run[k].text)  # "Secretary's Files": the office's
            and self.text[self.run[k].end : self.run[i].start] == " "
            and (self.is_title(k) or self.office_word(k))
        )

    def title_run(self) -> bool:
        """Two or more capitalised words, one of them shaped like a transliterated title
        word: the whole run is a cited work's title ("Pamiatniki Istoricheskoi Mysli")."""
        if self._title_run is None:  # the same answer for every token of the run
            words = [POSSESSIVE.sub("", w) for t, w in zip(self.run, self.lows) if t.kind == "cap"]
            self._title_run = len(words) >= 2 and any(map(_title_like, words))
        return self._title_run

    def lower_title_before(self, i: int) -> bool:
        """An abbreviated title before the name ("c. Ulanfu", "com. Tsedenbal", "Cde.
        Wieslaw"), which the tokenizer leaves outside the name's run."""
        m = LOWER_TITLE_BEFORE.search(self.text, max(0, self.run[i].start - 8), self.run[i].start)
        return bool(m and m.group(1).lower() + "." in TITLES)

    def surname_title_before(self, i: int) -> bool:
        """ "Mr. Hill", "Mrs. Bell", "Dr. Land": a title that only a surname follows (not
        "my hon. Friend", "the hon. Gentleman")."""
        m = LOWER_TITLE_BEFORE.search(self.text, max(0, self.run[i].start - 8), self.run[i].start)
        return bool(m and m.group(1).lower() in SURNAME_TITLES)

    def patronymic(self, i: int, j: int):
        """First name and patronymic ("Aleksandr Stepanovich", "Leonid Ilyich"): the
        person whose initials the record gave ("A. S. Dubček"), as (id, known), or None."""
        if j != i + 1 or self.run[i].kind != "cap" or self.run[j].kind != "cap":
            return None
        patronymic = POSSESSIVE.sub("", self.low(j))
        if len(patronymic) < 6 or not patronymic.endswith(PATRONYMIC):
            return None
        key = (self.run[i].text[0] + self.run[j].text[0]).upper()
        return self.ctx.memory.initials.get(key)

    def person(self, i: int, j: int) -> Found:
        start, end = self.run[i].start, self.end_of(j)
        m = PARTICLE_AFTER_TITLE.search(self.text, max(0, start - 24), start)
        if m:
            start = m.start(1)  # "M. de Freycinet": the particle is the surname's
        linked = self.patronymic(i, j)
        if linked:
            return Found(start, end, "person", linked[0], linked[1], "names:patronymic")
        m = INVERTED_INITIALS.match(self.text, self.run[j].end)
        if m and j == len(self.run) - 1 and self.run[i].kind != "init":
            end = m.end() - (1 if self.text[m.end() - 1] == " " else 0)
        suffix = SUFFIX.match(self.text, end)
        if suffix and i < j:  # "Thomas P. O'Neill, Jr.": the suffix is the name's
            end = suffix.end()
        surname = _norm(POSSESSIVE.sub("", self.run[j].text))
        surname = surname.title() if surname.isupper() else surname
        pid = self.surnames.get(surname) or "prov-" + slug(surname)
        self.surnames.setdefault(surname, pid)
        first = _norm(POSSESSIVE.sub("", self.run[i].text))
        if i < j and self.run[i].kind in ("cap", "upper") and not linked_first(first):
            # "Kim Il Sung" ... "Kim", "Zhou Enlai" ... "Zhou": the first word alone is the
            # same person (surname first), as a first name alone would be
            self.surnames.setdefault(first.title() if first.isupper() else first, pid)
        if self.run[i].kind == "init":
            self.note_initials(i, pid, False)
        if i == j:
            self.ctx.memory.alone.add(surname)
        return Found(start, end, "person", pid, False, "names:person")
