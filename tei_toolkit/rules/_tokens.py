"""Cutting text into the capitalised tokens and runs that names are made of."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

from ._lexicon import CONNECTORS, TITLES, common_words

UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĲĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽА-ЯЁΑ-Ω"
# Only the tokens a name can be made of; lower-case words are never tokenised (speed):
# connectors between two capitalised words are recovered from the gap between them.
TOKEN = re.compile(
    rf"(?=[{UPPER}\d])"  # lets the regex engine skip ahead to candidate characters
    r"(?:(?P<ord>\d{1,3}(?:st|nd|rd|th)\b)"
    rf"|(?P<init>[{UPPER}][a-z]?\.(?:\s?[{UPPER}][a-z]?\.)*)"
    rf"|(?P<word>[{UPPER}][^\W\d_]*(?:[’'\-][^\W\d_]+)*))"
)
CONNECTOR_GAP = re.compile(r" (?:(?:" + "|".join(sorted(CONNECTORS)) + r") )+")
POSSESSIVE = re.compile(r"[’']s$")


class Tok(NamedTuple):
    start: int
    end: int
    text: str
    kind: str  # init | cap | upper | lower | other


# Cyrillic letters in Latin (a simple transliteration: ids are ASCII, and "Хрущев" must not
# become the same id as "Громыко")
_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяієїґў",
        "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch _ y _ e iu ia i e i g u".split(),
    )
)


def slug(text: str) -> str:
    text = "".join(_CYRILLIC.get(c, c) for c in text.lower())
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", s.lower()).strip("_") or "x"


def _word_kind(w: str) -> str:
    if len(w) > 1 and w[1].isupper() or len(w) > 2 and w[2].isupper():
        upper = sum(map(str.isupper, w))
        return "upper" if upper > 1 and upper * 2 > len(w) - w.count("-") else "cap"
    return "cap"


# Capitalised words that only open sentences; dropping them early saves time.
STARTERS = frozenset(
    "The He She It They We I In On At As If But And This That These Those "
    "There Here When While After Before Although Our His Her Their My Your "
    "Its A An Of To For From With By Then So Yes No".split()
)


# A word set in spaced capitals ("C O N F I D E N T I A L"): letters, not initials.
LETTER_SPACED = re.compile(r"(?<![\w.])(?:[A-Z] ){3,}[A-Z](?![\w.])")


def tokenize(text: str) -> list[Tok]:
    out = []
    spaced = [(m.start(), m.end()) for m in LETTER_SPACED.finditer(text)]
    starts = [a for a, _b in spaced]
    for m in TOKEN.finditer(text):
        s = m.start()
        k = bisect.bisect_right(starts, s) - 1
        if k >= 0 and s < spaced[k][1]:
            continue
        kind = m.lastgroup
        if s and (text[s - 1].isalnum() or text[s - 1] in "’'-." and kind != "word"):
            continue  # inside a word ("iPhone") or a number
        w, end = m.group(), m.end()
        if kind == "word" and text.startswith("-\n", end):
            broken = HYPHEN_BREAK.match(text, end)  # "For-\n    eign Office" (a printed page)
            if broken:
                w, end = w + broken.group(1), broken.end()
        if kind == "word" and "-" in w and (cut_at := AFFIX.search(w)):
            w, end = w[: cut_at.start()], s + cut_at.start()  # "Ho Chi Minh-style purity"
        if w in STARTERS:
            continue
        cut = w.find(".") + 1
        if kind == "init" and cut > 2 and w[:cut].lower() in TITLES and w[cut : cut + 1].isspace():
            # "Mr. D. D. Maclean": the title is a token of its own, not an initial
            out.append(Tok(s, s + cut, w[:cut], "init"))
            rest = len(w[cut:]) - len(w[cut:].lstrip())
            out.append(Tok(s + cut + rest, m.end(), w[cut + rest :], "init"))
            continue
        if kind == "init" and DOTTED_ACRONYM.fullmatch(w) and not _name_after(text, m.end()):
            kind = "upper"  # "C.I.G.", "U.S.S.R.": an acronym, not three initials
        out.append(Tok(s, end, w, _word_kind(w) if kind == "word" else kind or "other"))
    return out


# an English adjective made of a name ("Minh-style", "Soviet-backed"): the name is before it
AFFIX = re.compile(
    r"-(?:style|type|like|era|led|backed|based|born|made|run|controlled|sponsored|inspired"
    r"|oriented|dominated|occupied|owned|friendly|minded|line|ist|ists)$"
)
# a word hyphenated over a line end, its second half in lower case
HYPHEN_BREAK = re.compile(r"-\n[ \t]*([a-z][^\W\d_]*)\b")


DOTTED_ACRONYM = re.compile(r"(?:[A-Z]\.){3,}")
NEXT_NAME = re.compile(r"\s([A-Z][a-z]+)")


def _name_after(text: str, end: int) -> bool:
    """A rare capitalised word after the letters: they are initials ("J.R.R. Tolkien"),
    not an acronym ("N.I.A. Directive", "C.I.G. would")."""
    m = NEXT_NAME.match(text, end)
    return bool(m and m.group(1).lower() not in common_words())


def _runs(text: str, toks: list[Tok]) -> Iterator[list[Tok]]:
    """Maximal runs of capitalised tokens joined by single spaces (connectors inside)."""
    run: list[Tok] = []
    for t in toks:
        if run:
            a = run[-1].end
            gap = text[a : t.start]
            if (
                gap in (" ", "\u00a0", "")
                or gap == "\n"
                and _wrapped(text, a, t.end)
                or gap in ("’ ", "' ")
                and run[-1].text.endswith("s")  # "Workers’ Party": a plural's apostrophe
                or gap == "] "
                and len(run) <= 2
                and text[run[0].start - 1 : run[0].start] == "["  # "[Georges] Bidault"
            ):
                run.append(t)
                continue
            m = CONNECTOR_GAP.fullmatch(gap)
            if m:
                for w in re.finditer(r"[a-z]+", gap):
                    run.append(Tok(a + w.start(), a + w.end(), w.group(), "lower"))
                run.append(t)
                continue
            yield _trim(run)
        run = [t]
    if run:
        yield _trim(run)


# A line this long that ends in a letter was wrapped by the page, not ended by its writer.
WRAPPED_LINE = 30


def _wrapped(text: str, end: int, next_end: int) -> bool:
    """The line break at ``end`` wraps a sentence ("between Zhou\nEnlai and"): the line is
    long and ends in a letter, and the next line's first word is not a label ("Time:")."""
    start = text.rfind("\n", 0, end) + 1
    return (
        end - start >= WRAPPED_LINE
        and text[end - 1 : end].isalpha()
        and text[next_end : next_end + 1] != ":"
        and not LIST_ITEM.match(text, end + 1)  # "Mr. John F. Root, ...": a list's next item
    )


LIST_ITEM = re.compile(r"\s*(?:Mr|Mrs|Ms|Dr|Miss|Hon|Sir|Lord|Gen|Col|Amb)\.?\s")


def _trim(run: list[Tok]) -> list[Tok]:
    while run and run[-1].kind in ("lower", "ord"):
        run = run[:-1]
    return run


def _norm(s: str) -> str:
    return " ".join(s.replace("\u2019", "'").split())
