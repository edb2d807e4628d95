"""Text set wholly in capitals (cables: "RECEIVED BY BREZHNEV IN HIS KREMLIN OFFICE") read
as if it were set in ordinary case, so that the name rules can use the case of a word as
they do in prose.

``restore_case`` returns a *view* of the text of the same length, offset for offset: in each
line mostly set in capitals, a word the lexicons or the English word list know as a common
word is put in lower case, a rare word, a title, a demonym, a place or a register name in
title case, an acronym stays in capitals. Words around an organisation's head word are
given capitals as the name would have them ("THE FOREIGN MINISTRY" -> "the Foreign
Ministry"), and so is the word after a title ("AMBASSADOR HILL" -> "Ambassador Hill").
Line breaks inside a sentence become spaces, since cables are wrapped by the machine. The
marks found on the view are marks on the text."""

from __future__ import annotations

import re

from ._given import GIVEN_NAMES
from ._lexicon import (
    BODY_NAMES,
    CABLE_WORDS,
    MONTHS,
    NOT_NAMES,
    ORG_PREFIX_HEADS,
    PERSON_VERBS,
    SPEECH_VERBS,
    STATE_FORMS,
    STRONG_ORG_HEADS,
    TITLES,
    is_demonym,
)
from ._lexindex import Lexicon
from ._reader import WORDS

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+)*")
LINE = re.compile(r"[^\n]*\n?")
PARTICLES = frozenset("de del della di da das dos du van von ter ten".split())
# English words of one to three letters: in capitals any other short word is an acronym
# ("EA", "NEA", "PRC"), whatever the long list of common words says.
SHORT_WORDS = frozenset(
    """a i am an as at be by do go he if in is it me my no of on or so to up us we add ago
    aid aim air all and any are arm art ask ate bad bag bar bed big bit box boy but buy can
    car cut day did die dog dry due eat end era eye far few fly for fun gas get got gun had
    has hat her hid him his hit hot how ice ill its job key kid lay led leg let lie lot low
    man map may men met mix new nor not now off oil old one our out own pay per put ran raw
    red rid run sat saw say sea see set she sit six sky son sum sun tax ten the tie tip too
    top try two use via war was way who why win yes yet you""".split()
)
# words that end the capitals given around an organisation's head word
STOP = (
    NOT_NAMES
    | PERSON_VERBS
    | frozenset(
        """all any some very no not will would shall should may might more most other such its
    to up out off so than too only own same few each both either neither nor""".split()
    )
)


def restore_case(text: str, lex: Lexicon) -> str:
    """The view of ``text`` in ordinary case (``text`` itself when no line is in capitals)."""
    if not _caps(text):
        return text
    out: list[str] = []
    for m in LINE.finditer(text):
        line = m.group()
        if not line:
            break
        upper = _mostly_upper(line)
        if out and not upper and out[-1].endswith(" ") and text[m.start() - 1] == "\n":
            out[-1] = out[-1][:-1] + "\n"  # a line in capitals runs on only into capitals
            # ("TOM D'ALTON" / "High Commissioner": a signature, then the office)
        out.append(_line(line, lex) if upper else line)
    view = "".join(out)
    for m in CUT_WORD.finditer(text):  # on the text in capitals; the view has its offsets
        if _cut_common(m, lex):
            view = view[: m.start()] + m.group().lower() + view[m.end() :]
    return view


# A word in capitals broken at a line's end by a hyphen ("CONTIN-\nGENCY", "AMBASSA-\nDORS")
CUT_WORD = re.compile(r"\b([^\W\d_]{2,})-\n(\s*)([^\W\d_]+)")


def _cut_common(m: re.Match, lex: Lexicon) -> bool:
    """Both halves in capitals, together a common word: the view has them in lower case
    (the hyphen and the line break stay)."""
    head, _, tail = m.groups()
    whole = (head + tail).lower()
    return head.isupper() and tail.isupper() and (whole in lex.common or _base(whole) in lex.common)


CAPS_WORD = re.compile(r"\b[^\W\da-z]{2,}\b")


def _caps(text: str) -> bool:
    """A line mostly in capitals (a quick test first: most blocks have no word in them)."""
    if CAPS_WORD.search(text) is None:
        return False
    return any(_mostly_upper(line) for line in text.splitlines())


def _mostly_upper(line: str) -> bool:
    words = WORDS.findall(line)
    return len(words) >= 1 and sum(1 for w in words if w.isupper()) * 4 >= len(words) * 3


def _line(line: str, lex: Lexicon) -> str:
    words = list(WORD.finditer(line))
    forms = [_form(w.group(), lex, line[w.end() : w.end() + 1]) for w in words]
    lows = [w.group().lower() for w in words]
    _phrases(line, words, forms, lex)
    tags = TAGS_LINE.match(line)
    for k, w in enumerate(words):
        if tags and _tags_name(w.group(), lex) and not _in_brackets(line, w.start()):
            forms[k] = _title(w.group())  # "TAGS: OVIP, SCHULTZ, AND CASEY": a visitor
        elif _code(line, w.start(), w.end(), lex) or tags and not _in_brackets(line, w.start()):
            forms[k] = lows[k]  # routing codes ("SS-25", "S/S-O") and TAGS codes
        elif tags and len(w.group()) > 1:
            forms[k] = _title(w.group())  # "TAGS: OVIP (KISSINGER, HENRY A.)": a name
        elif _acronym_after_the(line, words, lows, forms, k):
            forms[k] = w.group()  # "THE UNGA": a short rare word after "the" is an acronym
    for m in INVERTED_IN_BRACKETS.finditer(line):  # "(FORD, A.W.)": a cable's classifier
        for k, w in enumerate(words):
            if w.start() == m.start("surname"):
                forms[k] = _title(w.group())
    for k, w in enumerate(words):
        if not w.group().isupper():
            forms[k] = w.group()
            continue
        base = _base(lows[k])
        if base in STATE_FORMS and k + 1 < len(words) and lows[k + 1] == "of":
            forms[k] = _title(w.group())  # "THE REPUBLIC OF CUBA": a state's long name
        if base in STRONG_ORG_HEADS or base in BODY_NAMES:
            forms[k] = _title(w.group())
            _org_words(line, words, lows, forms, k)
        gap = line[words[k - 1].end() : w.start()] if k else ""
        if k and gap in (" ", ". ") and _base(lows[k - 1]) in TITLES | _abbreviated_titles():
            if not lows[k - 1].endswith(("'s", "’s")) and lows[k] not in STOP:
                if forms[k].islower() or forms[k].isupper() and len(forms[k]) == 4:
                    forms[k] = _title(w.group())
        if (  # "TOM D'ALTON": a given name before a rare word opens a name
            forms[k].islower()
            and lows[k] in GIVEN_NAMES
            and k + 1 < len(words)
            and forms[k + 1] == _title(words[k + 1].group()) != words[k + 1].group()
        ):
            forms[k] = _title(w.group())
        if k and forms[k].islower() and _after_initials(line, words, k, lex):
            forms[k] = _title(w.group())  # "FROM L. K. WHITE": a surname after initials
        if (  # "TITO SAID": a verb of speech after a word of four letters names a person
            len(w.group()) == 4
            and forms[k].isupper()
            and k + 1 < len(words)
            and lows[k + 1] in SPEECH_VERBS
        ):
            forms[k] = _title(w.group())
        if lows[k] in PARTICLES and _before_name(words, lows, k, line):
            j = k
            while j < len(words) and (lows[j] in PARTICLES | {"la", "le", "los", "las"} or j == k):
                forms[j] = _title(words[j].group())
                j += 1
            if j < len(words):
                forms[j] = _title(words[j].group())
    for k, w in enumerate(words):
        if _pronoun_us(line, words, lows, k):
            forms[k] = "us"  # "SOURCES HAVE TOLD US THAT": the pronoun, not the country
        elif (
            3 <= len(w.group()) <= 4 and forms[k].isupper() and _beside_name(line, words, forms, k)
        ):
            forms[k] = _title(w.group())  # "THE CASA ROSADA": part of a name, not an acronym
    for k, w in enumerate(words):  # "... BORDABERRY. EARLIER ON": a sentence opens, as in prose
        if forms[k].islower() and w.group().isupper() and _sentence_start(line, w.start()):
            forms[k] = _title(w.group())
    chars = list(line)
    for w, form in zip(words, forms):
        if len(form) == w.end() - w.start():
            chars[w.start() : w.end()] = form
    view = "".join(chars)
    # a line break after a letter, a comma or a title's full stop continues the sentence
    if view.endswith("\n") and re.search(r"(?:[^\W\d_]|,|\b(?:MRS?|DR|GEN|MME)\.)\n$", line):
        view = view[:-1] + " "
    return view


TAGS_LINE = re.compile(r"\s*TAGS\s*:")
# An inverted name with its initials in brackets ("E.O. 12065: GDS 1/5/85 (FORD, A.W.)")
INVERTED_IN_BRACKETS = re.compile(
    r"\((?P<surname>[A-Z][A-Z'’-]+),\s?(?:[A-Z]{2,}\s)?(?:[A-Z]\.\s?){1,3}\)"
)
# A TAGS code: four letters of a subject family (PFOR, ECON, MARR, OVIP, KPRP, SNAR, TPHY,
# AORG, CASC) or a country's two letters (UR, US)
TAGS_CODE = re.compile(r"[ACEKMOPST][A-Z]{3}|[A-Z]{2}")


def _tags_name(word: str, lex: Lexicon) -> bool:
    """A word of a TAGS line that is no code: the name of the person the tag is on."""
    return (
        len(word) >= 4
        and not TAGS_CODE.fullmatch(word)
        and word.lower() not in STOP
        and word.lower() not in lex.common
    )


OBJECT_BEFORE = frozenset(
    """told tell tells give gave gives let lets join joined informed inform asked ask to with
    for of by from among between against""".split()
)


def _pronoun_us(line: str, words: list, lows: list[str], k: int) -> bool:
    """ "US" after a verb or a preposition and before a function word or the end."""
    if words[k].group() != "US" or k == 0 or lows[k - 1] not in OBJECT_BEFORE:
        return False
    after = lows[k + 1] if k + 1 < len(words) else ""
    return not after or after in STOP or after in SHORT_WORDS


def _beside_name(line: str, words: list, forms: list[str], k: int) -> bool:
    """A rare word in capitals (not a title) a space before or after word ``k``."""
    for j in (k - 1, k + 1):
        if not 0 <= j < len(words):
            continue
        a, b = sorted((j, k))
        word = words[j].group()
        if (
            line[words[a].end() : words[b].start()] == " "
            and len(word) > 4
            and forms[j] == _title(word) != word
            and _base(word.lower()) not in TITLES
            and _base(word.lower()) not in MONTHS  # "THE 28 AUGUST NSC MEETING"
            and not is_demonym(_base(word.lower()))
        ):
            return True
    return False


def _initial(line: str, words: list, j: int) -> bool:
    w = words[j]
    return len(w.group()) == 1 and w.group().isupper() and line[w.end() : w.end() + 1] == "."


def _after_initials(line: str, words: list, k: int, lex: Lexicon) -> bool:
    """Word ``k`` follows initials ("L. K. WHITE", "A.I. ALEKSEYEV"); one initial at the
    start of a line is a list's letter ("B. JUNTA REQUESTS"), and a dotted name is no
    initials ("U.S. SIDE")."""
    if not _initial(line, words, k - 1) or line[words[k - 1].end() : words[k].start()] not in (
        ". ",
        ".",
    ):
        return False
    i = k - 1
    while i > 0 and _initial(line, words, i - 1):
        i -= 1
    if i < k - 1 and lex.find(line[words[i].start() : words[k - 1].end() + 1]):
        return False
    return i < k - 1 or bool(line[: words[k - 1].start()].strip())


def _sentence_start(line: str, pos: int) -> bool:
    return bool(re.search(r"[^\W\d_]{2}[.!?]\s+$", line[max(0, pos - 8) : pos]))


def _acronym_after_the(line: str, words: list, lows: list[str], forms: list[str], k: int) -> bool:
    word = words[k].group()
    return (
        k > 0
        and lows[k - 1] == "the"
        and line[words[k - 1].end() : words[k].start()] == " "
        and 3 < len(word) <= 5
        and word.isalpha()
        and forms[k] == _title(word)
        and lows[k] not in STOP
        and not (k + 1 < len(words) and forms[k + 1] == _title(words[k + 1].group()))
    )


def _code(line: str, start: int, end: int, lex: Lexicon) -> bool:
    """A word joined to a number ("SS-25", "CIAE-00"), a short one to a colon ("S:JPCOVEY"),
    any to a slash ("S/S-O", "OC/T", "FRANCO/US") unless the lexicons know it ("US"): an
    office or routing code of a cable, or half of a compound, not a name."""
    before, after = line[start - 1 : start], line[end : end + 2]
    if re.match(r"-\d", after):
        return True
    if "/" in (before, after[:1]):
        return lex.find(line[start:end]) is None
    return end - start <= 3 and ":" in (before, after[:1])


def _in_brackets(line: str, pos: int) -> bool:
    return line.rfind("(", 0, pos) > line.rfind(")", 0, pos)


def _abbreviated_titles() -> frozenset[str]:
    return frozenset(t.rstrip(".") for t in TITLES if t.endswith("."))


def _base(low: str) -> str:
    return re.sub(r"['’]s$", "", low)


def _title(word: str) -> str:
    """ "FROMENT-MEURICE" -> "Froment-Meurice", "PERON'S" -> "Peron's"."""
    return "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))


def _phrases(line: str, words: list, forms: list[str], lex: Lexicon) -> None:
    """Names of two or three words the lexicons know: "NEW YORK", "THE HAGUE"."""
    for k in range(len(words) - 1):
        for n in (3, 2):
            group = words[k : k + n]
            if len(group) < n or any(
                line[a.end() : b.start()] != " " for a, b in zip(group, group[1:])
            ):
                continue
            phrase = " ".join(_title(w.group()) for w in group)
            found = lex.find(phrase)
            if found is not None and _known_name(found, "", lex):
                for j in range(k, k + n):  # "THE HAGUE" -> "the Hague" (the article)
                    word = words[j].group()
                    forms[j] = word.lower() if j == k and word == "THE" else _title(word)
                break


def _form(word: str, lex: Lexicon, after: str = "") -> str:
    """The case a word set in capitals would have in prose."""
    if not word.isupper() or len(word) == 1 and after == ".":
        return word  # "A.M. ALEKSANDROV": initials stay
    low = word.lower()
    base = _base(low)
    if base in PARTICLES:
        return low  # capitals only before a name (_before_name)
    if base in CABLE_WORDS:
        return low
    if base in TITLES or base + "." in TITLES or is_demonym(base) or base in MONTHS:
        return _title(word)
    found = lex.find(re.sub(r"['’]S$", "", word))
    if found is not None and _known_name(found, base, lex):
        return word if len(base) <= 3 else _title(word)
    if len(base) <= 2 or len(base) == 3 and base not in lex.common:
        return low if base in SHORT_WORDS or base in STOP else word  # "EA", "PRC"
    if "-" in base and all(p in lex.common for p in base.split("-")):
        return low  # "HIGH-LEVEL"
    if base in lex.common or base in STOP or _derived(base, lex.common, after):
        return low
    if len(base) == 4:
        return word  # an acronym ("UNGA", "CPSU"), unless a title or a verb says a name
    return _title(word)


# Endings that make words of a common word ("ARRESTEES", "DETAINEES"), which the word list
# may lack; not "-er", "-s", "-ing": "KISSINGER", "BROOKS" are names
DERIVED = ("ees", "ee", "ments", "ness", "tions")


def _derived(base: str, common, after: str) -> bool:
    """A common word with an ending, or cut short at the end of a line ("ASSISTANC")."""
    for ending in DERIVED:
        if base.endswith(ending) and len(base) - len(ending) >= 4:
            if base[: -len(ending)] in common or base[: -len(ending)] + "e" in common:
                return True
    return after in ("\n", "") and len(base) >= 6 and any(base + c in common for c in "est")


def _known_name(found: tuple, base: str, lex: Lexicon) -> bool:
    """A register name, or a gazetteer place that is not also a common word (a town
    called "Hope"), unless it is a country or a capital city."""
    source, item = found
    if source == "register":
        return item.type != "ignore"
    return base not in lex.common or item.kind in ("country", "continent", "variant")


def _org_words(line: str, words: list, lows: list[str], forms: list[str], k: int) -> None:
    """Capitals for the words of an organisation's name around its head word ``k``: up to
    three words before it ("CENTRAL INTELLIGENCE AGENCY") and, after a head that takes
    "of", the words of its "of" phrase ("MINISTRY OF FOREIGN AFFAIRS")."""
    j = k - 1
    while j >= 0 and k - j <= 3 and line[words[j].end() : words[j + 1].start()] == " ":
        low = lows[j]
        if low in STOP or low.endswith(("'s", "’s")) or low in PARTICLES:
            break
        if forms[j].islower():
            forms[j] = _title(words[j].group())
        j -= 1
    if _base(lows[k]) not in ORG_PREFIX_HEADS:
        return
    j = k + 1
    while j < len(words) and lows[j] in ("of", "the", "for", "and"):
        j += 1
    n = 0
    while j < len(words) and n < 4 and line[words[j - 1].end() : words[j].start()] == " ":
        low = lows[j]
        if low in STOP or low.endswith("ed") and len(low) > 4:
            break
        if forms[j].islower():
            forms[j] = _title(words[j].group())
        j, n = j + 1, n + 1


def _before_name(words: list, lows: list[str], k: int, line: str) -> bool:
    """ "DE LA PLAZA": a particle (and "LA" after it) before a word in capitals, all
    joined by single spaces."""
    j = k + 1
    while j < len(words) and lows[j] in PARTICLES | {"la", "le", "los", "las"}:
        j += 1
    return (
        j < len(words)
        and lows[j] not in STOP
        and all(line[a.end() : b.start()] == " " for a, b in zip(words[k:j], words[k + 1 : j + 1]))
    )
