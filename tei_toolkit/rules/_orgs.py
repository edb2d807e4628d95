"""Organisation names: a head word after capitalised words ("Zabaikalskii Military
District"), a head with "of ..." ("Ministry of Foreign Affairs"), bodies named alone
("Politburo"), acronyms ("TsAMO RF"); the addresses of cables ("AMEMBASSY MOSCOW", the post
of "PAGE 01 BUENOS 01024") and places named by a demonym ("Argentine Republic")."""

from __future__ import annotations

import re

from ._lexicon import (
    BODY_NAMES,
    DESCRIBED_HEADS,
    EVENT_NOUNS,
    MEETINGS,
    MISSION_HEADS,
    MONTHS,
    NOT_NAMES,
    OF_TAIL_HEADS,
    OF_WORDS,
    ORDINALS,
    ORG_HEADS,
    ORG_PREFIX_HEADS,
    PERIODICAL_HEADS,
    PLACE_HEADS,
    ROMANCE_HEADS,
    SENTENCE_VERBS,
    SITE_FIRST,
    SITE_HEADS,
    TITLES,
    is_demonym,
)
from ._reader import Found, ReaderBase
from ._tokens import POSSESSIVE, slug

# "Mr. ", "Dr. " just before a word: a person's surname, which no "and" joins to an org
TITLE_ABBREVIATION = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Messrs|Prof)\.\s$")


# a programme's or a system's name before its noun is no organisation ("the AHIP system")
PROGRAMME_AFTER = re.compile(
    r"\s(?:program|programme|programs|system|systems|project|scheme|computer|network)\b"
)


# Words of the State Department's release stamp ("Declassified/Released US Department of
# State EO Systematic Review 20 Mar 2014"): never part of the name before them.
STAMP_WORDS = frozenset(("eo", "e.o.", "declassified", "released"))
ORDINAL_TITLES = frozenset(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split()
)


class OrgReader(ReaderBase):
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
        if (self.is_title(i) and not self.adjective_title(i)) or self.low(i) in NOT_NAMES:
            return None
        if run[i].kind == "init" and not self.dotted_place(i):
            return None  # initials open a person's name; "U.S. Delegation" opens an org
        if self.low(i) in SENTENCE_VERBS and self.sentence_initial(i):
            return None  # "Sent Department 233": a verb, then the head alone
        body = POSSESSIVE.sub("", self.low(i))
        if body in BODY_NAMES:
            j = i + 1  # "Commonwealth Relations Office", "Congress Party": a longer name
            while j < len(run) and run[j].kind == "cap" and self.low(j) not in ORG_HEADS:
                j += 1
            if j < len(run) and run[j].kind == "cap" and body == self.low(i):
                return self.extend_of(j)
            if body == "congress":
                if self.meeting_before(i):
                    return None  # "the Second Congress", "the Party Congress": a meeting
                return i  # "the Congress"; "the Congress of the MPRP" is a party's meeting
            return self.extend_of(i)  # "the Politburo", "Politburo of the CC"
        if run[i].kind == "ord":
            j = i + 1
        elif run[i].kind not in ("cap", "upper") and not self.dotted_place(i):
            return None
        else:  # the first word: only a prefix head ("Ministry of ...") is a head here
            w = self.low(i)
            if w in ROMANCE_HEADS and i + 1 < len(run) and run[i + 1].kind == "cap":
                j = i + 1  # "Junta Militar", "Fuerza Aérea Argentina", "Naciones Unidas"
                while j + 1 < len(run) and run[j + 1].kind == "cap" and not self.is_title(j + 1):
                    j += 1
                return self.extend_of(j)  # "Fundación Carnegie para la Paz Internacional"
            if w in ORG_PREFIX_HEADS:
                return self.at_head(i, i)
            if w in MONTHS or POSSESSIVE.search(w) and POSSESSIVE.sub("", w) != "people":
                return None
            j = i + 1
        head = self.head_from(j)
        if head is None and j == i + 1 and j < len(run) and self.low(j) == "pact":
            found = self.lex.find(run[i].text)  # "Warsaw Pact", "Baghdad Pact": alliances
            if found and found[0] == "gazetteer" and found[1].kind == "city":
                return j  # (a treaty named otherwise, "Atlantic Pact", is no organisation)
        return None if head is None else self.at_head(i, head)

    def adjective_title(self, i: int) -> bool:
        """ "General Assembly", "Chief Directorate", "Second Air Force": a title word before
        a head noun is the body's adjective ("General Goodpaster", "Second Secretary Smith"
        are a title and a name)."""
        if i + 1 >= len(self.run) or self.run[i + 1].kind != "cap":
            return False
        if self.low(i) in ORDINAL_TITLES:  # "Second Air Force", "First Army" (a head ahead)
            return self.head_from(i + 1) is not None
        return (
            self.low(i) in ("general", "chief") and POSSESSIVE.sub("", self.low(i + 1)) in ORG_HEADS
        )

    def at_head(self, i: int, j: int) -> int | None:
        """The end of the organisation name from ``i`` whose head word is at ``j``."""
        run, w = self.run, self.low(j)
        base = POSSESSIVE.sub("", w)
        head = j
        if j + 1 < len(run) and re.fullmatch(r"[A-Z]|[IVX]+|\d+", run[j + 1].text):
            j += 1  # a designator: "Directorate R"
        if w in ORG_PREFIX_HEADS or base in OF_TAIL_HEADS and j > i:
            j = self.extend_of(j)
        while (  # "Harvard University Library": a head after the head
            j == head
            and j + 1 < len(run)
            and run[j + 1].kind == "cap"
            and POSSESSIVE.sub("", self.low(j + 1)) in ORG_HEADS
            and not POSSESSIVE.search(run[j].text)
            and not self.second_name(j + 1)
        ):
            j = head = j + 1
        if j == head and base in MISSION_HEADS and j + 1 < len(run):
            found = self.lexicon_at(j + 1)  # "US Embassy Moscow"
            if found and (found[1] == "gazetteer" or found[2].type == "place"):
                j = found[0]
        if (
            j == head == i + 1
            and base in BODY_NAMES - {"commonwealth"}  # "British Commonwealth": its name
            and is_demonym(self.low(i))
        ):
            return None  # "Soviet Politburo": an adjective, then the name alone
        if base in DESCRIBED_HEADS and (
            all(is_demonym(self.low(k)) or self.place_word(k) for k in range(i, head))
            or (hit := self.lexicon_at(i)) is not None  # "the United States Government"
            and hit[0] == head - 1
            and (hit[1] == "gazetteer" or hit[2].type == "place")
        ):
            return None  # "the Polish Government", "the US Government": a description
        if j + 1 < len(run) and run[j + 1].kind == "cap" and self.low(j + 1) in MEETINGS:
            return None  # "the Polish Party Congress", "Party Plenum": a meeting, an event
        if all(
            POSSESSIVE.sub("", self.low(k)) in ORG_HEADS | OF_WORDS | {"and"}
            for k in range(i, j + 1)
        ):
            return None  # "all Embassies and Legations": head nouns alone describe, not name
        return None if j == i or (head == i and j == head) else j

    def dotted_place(self, i: int) -> bool:
        """ "U.S.", "U.K.", "U. S." (a typescript's spacing): a place of the lexicon written
        with full stops."""
        text = self.run[i].text
        found = self.lex.find(text)
        if not found and " " in text:
            found = self.lex.find(text.replace(" ", ""))
        return bool(found) and (found[0] == "gazetteer" or found[1].type == "place")

    def place_word(self, k: int) -> bool:
        found = self.lex.find(POSSESSIVE.sub("", self.run[k].text))
        return bool(found) and (found[0] == "gazetteer" or found[1].type == "place")

    def meeting_before(self, i: int) -> bool:
        """An ordinal or "Party" before "Congress": a party's congress, a meeting."""
        before = self.text[max(0, self.run[i].start - 40) : self.run[i].start].lower().split()
        return bool(before) and (before[-1] in ORDINALS or before[-1].rstrip("’'s") == "party")

    def second_name(self, k: int) -> bool:
        """ "Central Intelligence Agency Office of Central Reference": a head with its own
        "of ..." after a head opens a second name."""
        return (
            self.low(k) in ORG_PREFIX_HEADS
            and k + 1 < len(self.run)
            and self.low(k + 1) in OF_WORDS
        )

    def head_from(self, j: int) -> int | None:
        """The head word an organisation name reaches from word ``j`` (not its first
        word), or None where the name is broken first (a place head, a month, a title, a
        possessive, the end of the run). The answer does not depend on where the name
        starts, so it is kept for every word passed: each run is walked once."""
        run, passed, result = self.run, [], None
        while True:
            if j in self._heads:
                result = self._heads[j]
                break
            if j >= len(run) or not self.walkable(j) or j and self.style_break(j - 1, j):
                break
            w = self.low(j)
            base = POSSESSIVE.sub("", w)
            if base in ORG_HEADS or base == "soviet" and j and self.low(j - 1) == "supreme":
                result = j  # ("the Supreme Soviet": a parliament, not the people's adjective)
                break
            place_head = base in PLACE_HEADS and not (  # "Suez Canal Company", "Black Sea Fleet"
                j + 1 < len(run) and POSSESSIVE.sub("", self.low(j + 1)) in ORG_HEADS
            )
            if (
                place_head
                or w in MONTHS
                or w in TITLES
                or run[j].kind == "ord"
                or POSSESSIVE.search(w)
                and base != "people"
            ):
                break
            passed.append(j)
            j += 1
        for k in passed:
            self._heads[k] = result
        if j < len(run):
            self._heads[j] = result
        return result

    def style_break(self, a: int, b: int) -> bool:
        """Words ``a`` and ``b`` are set differently, one in capitals (not a short acronym)
        and one in title case: two names or a heading and a name ("DAILY DIGEST Office of
        Current Intelligence CENTRAL INTELLIGENCE AGENCY"), not "CPSU Central Committee"."""
        ka, kb = self.run[a].kind, self.run[b].kind
        if {ka, kb} != {"upper", "cap"}:
            return False
        upper = self.run[a] if ka == "upper" else self.run[b]
        return len(upper.text) >= 5 and upper.text.isupper()

    def walkable(self, j: int) -> bool:
        """Word ``j`` can continue an organisation name: capitalised, or "and"/"of"
        between two capitalised words ("Committee of State Security")."""
        run = self.run
        return run[j].kind in ("cap", "upper") or (
            self.low(j) in ("and", "of")
            and j + 1 < len(run)
            and run[j + 1].kind == "cap"
            and run[j - 1].kind == "cap"
            and not self.lex.find(run[j - 1].text)
            and POSSESSIVE.sub("", run[j - 1].text) not in self.surnames  # "Mr. Gardiner and"
            and not TITLE_ABBREVIATION.search(
                self.text, max(0, run[j - 1].start - 6), run[j - 1].start
            )
        )

    def extend_of(self, j: int) -> int:
        """ "Ministry" + "of (the) Foreign Affairs" (+ "of the USSR") -> the last index."""
        if j not in self._ext:
            self._ext[j] = self._extend_of(j)
        return self._ext[j]

    def _extend_of(self, j: int) -> int:
        run, end = self.run, j
        while True:
            k = end + 1
            if k >= len(run) or self.low(k) not in OF_WORDS:
                return end
            k += 1
            if k < len(run) and self.low(k) in ("the", "la", "el", "los", "las", "le", "les"):
                k += 1
            last = None
            while (
                k < len(run)
                and run[k].kind in ("cap", "upper")
                and not self.is_title(k)
                and self.low(k) not in STAMP_WORDS  # "of State EO Systematic Review"
                and not self.slash_code(k)
                and not (last is not None and self.style_break(last, k))
            ):
                if self.low(k) in PERIODICAL_HEADS and last is not None:
                    break  # "Department of State Bulletin": a periodical named after it
                if (
                    self.low(k) in ORG_PREFIX_HEADS
                    and last is not None
                    and k + 1 < len(run)
                    and self.low(k + 1) == "of"
                ):
                    break  # "Department of State Division of ...": a second name begins
                last = k
                k += 1
                if (
                    k < len(run)
                    and self.low(k) == "and"
                    and k + 1 < len(run)
                    and run[k + 1].kind == "cap"
                ):
                    k += 1
            if last is None or POSSESSIVE.sub("", self.low(last)) in EVENT_NOUNS:
                return end
            end = last

    def post(self, i: int) -> Found:
        """A post's address in a cable: "AMEMBASSY MOSCOW", "SECSTATE WASHDC", "USDEL
        SECRETARY" (the words after it up to a precedence word, a number, the run's end)."""
        j, run = i, self.run
        while (
            j + 1 < len(run)
            and "\n" not in self.lines.source[run[j].end : run[j + 1].start]
            and (
                run[j + 1].kind in ("cap", "upper")
                or self.low(j + 1) == "the"
                and j + 2 < len(run)
                and run[j + 2].kind in ("cap", "upper")
            )
        ):
            j += 1
        name = self.span(i, j)
        return Found(
            self.run[i].start, self.end_of(j), "org", "prov-" + slug(name), False, "names:post"
        )

    def post_number(self, i: int) -> Found | None:
        """ "PAGE 01 BUENOS 01024", "REF: MONTEVIDEO 0524": the post in a cable's number is
        the place, named by its first word when it has more ("BUENOS" for Buenos Aires)."""
        t = self.run[i]
        if (
            len(self.run) != 1
            or t.kind != "cap"
            or not re.match(r"\s\d{4,6}\b", self.text[t.end : t.end + 8])
            or not self.lines.mostly_upper_source(t.start)
        ):
            return None
        place = self.lex.first_word_place(t.text)
        if place is None:
            return None
        return Found(t.start, t.end, "place", "prov-" + place.key, False, "names:cable-number")

    def demonym_place(self, i: int) -> Found | None:
        """ "Argentine Republic", "Korean Peninsula": a people's adjective and a place head."""
        run = self.run
        if (
            i + 1 < len(run)
            and run[i + 1].kind == "cap"
            and is_demonym(self.low(i))
            and POSSESSIVE.sub("", self.low(i + 1)) in PLACE_HEADS
        ):
            name = POSSESSIVE.sub("", self.span(i, i + 1))
            return Found(
                run[i].start,
                self.end_of(i + 1),
                "place",
                "prov-" + slug(name),
                False,
                "names:demonym-place",
            )
        return None

    def site(self, i: int) -> Found | None:
        """A named building or site: "Gleystt Mansion", "M Building", "Casa Rosada"; a region
        named by its head ("Quang Tri Province")."""
        run, last = self.run, None
        if self.low(i) in SITE_FIRST and i + 1 < len(run) and self._site_word(i + 1):
            last = i + 1
        else:
            j = i
            while j < len(run) and j - i < 4 and self._site_word(j):
                base = POSSESSIVE.sub("", self.low(j))
                if j > i and (base in SITE_HEADS or base in PLACE_HEADS):  # "Quang Tri Province"
                    last = j
                    break
                j += 1
        if last is None:
            return None
        last = self.site_of(last)  # "Great Hall of the People"
        name = POSSESSIVE.sub("", self.span(i, last))
        return Found(
            run[i].start, self.end_of(last), "place", "prov-" + slug(name), False, "names:site"
        )

    def site_of(self, j: int) -> int:
        """ "Hall" + "of the People": the last index of the site's "of" phrase (no "and")."""
        run, k = self.run, j + 1
        if k >= len(run) or self.low(k) not in OF_WORDS:
            return j
        k += 1
        if k < len(run) and self.low(k) == "the":
            k += 1
        end = j
        while k < len(run) and run[k].kind in ("cap", "upper") and self._site_word(k):
            end, k = k, k + 1
        return end

    def _site_word(self, j: int) -> bool:
        if self.low(j) == "house" and j + 1 < len(self.run) and self.low(j + 1) in OF_WORDS:
            return False  # "House of Commons", "House of Representatives": a body
        w = self.low(j)
        return (
            self.run[j].kind in ("cap", "upper")
            and not self.is_title(j)
            and not is_demonym(w)
            and w not in MONTHS
            and w not in NOT_NAMES
        )

    def acronym_ok(self, i: int) -> bool:
        """An ALL-CAPS word is an organisation's acronym unless it sits in a heading or is
        an English word of five letters or more ("DAILY DIGEST")."""
        t = self.run[i]
        if (
            t.text.lower() in NOT_NAMES
            or is_demonym(POSSESSIVE.sub("", t.text.lower()))  # "THE ARABS"
            or re.search(r"-\n\s*$", self.text[max(0, t.start - 20) : t.start])  # "DEVELOP-\nMENT"
            or len(t.text) >= 5
            and t.text.lower() in self.lex.common
            or re.fullmatch(r"[IVXLC]+", t.text)
            and self.text[max(0, t.start - 4) : t.start] != "the "  # "the CC"
            or re.search(r"\d\s*$", self.text[max(0, t.start - 4) : t.start])
            or len(t.text) <= 3
            and re.match(r"\s\d+\b(?![a-z])", self.text[t.end : t.end + 8])
            or re.match(r"-\d", self.text[t.end : t.end + 2])  # "MIG-21", "SS-20": a model
            or len(t.text) >= 4
            and PROGRAMME_AFTER.match(self.text, t.end)  # "the CODIAC program"
        ):
            return False  # "200 PPSh": a count of things
        return not self.lines.mostly_upper(t.start)
