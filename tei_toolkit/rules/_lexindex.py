"""The register's names and the gazetteer in one lookup, built once per register."""

from __future__ import annotations

from ..register import Register
from ._lexicon import (
    common_words,
    gazetteer,
)
from ._tokens import POSSESSIVE, Tok, _norm
from .base import Context


class Lexicon:
    """Register surfaces and gazetteer in one lookup; built once per register."""

    def __init__(self, register: Register | None) -> None:
        self.register = register
        self.reg = register.surfaces() if register is not None else {}
        self.version = register.version if register is not None else 0
        self.gaz = gazetteer()
        self.common = common_words()
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
        self._first: dict[str, list] | None = None  # see first_word_place

    def first_word_place(self, word: str):
        """The one gazetteer place whose name of several words starts with ``word``
        ("Buenos" -> Buenos Aires), or None (none, or more than one)."""
        if self._first is None:
            first: dict[str, list] = {}
            for name, place in self.gaz.items():
                if " " in name and place.kind in ("city", "country"):
                    first.setdefault(name.split()[0], []).append(place)
            self._first = first
        places = {p.key: p for p in self._first.get(word.title(), [])}
        return next(iter(places.values())) if len(places) == 1 else None

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
        if initial:  # "U.S." is a name of the lexicon; "J. Stalin" starts with "J."
            whole = self.span.get(first, 0)
            first = first[: first.index(".") + 1]
            if whole:
                return max(whole, self.span.get(first, 0))
        width = self.span.get(first) or self.span.get(first.title(), 0)
        if not width:
            first = POSSESSIVE.sub("", first)
            width = 1 if first in self.span or first.title() in self.span else 0
        if not width and "ß" in first:
            return self._width(first.replace("ß", "ss"), initial)
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
        if "ß" in s:  # "Rußland": the spelling before 1996 (and Swiss usage) of "Russland"
            return self._find(s.replace("ß", "ss"))
        return None


_LEXICONS: dict[int, Lexicon] = {}


def _lexicon(ctx: Context) -> Lexicon:
    key = id(ctx.register)
    lex = _LEXICONS.get(key)
    if lex is None or lex.register is not ctx.register or lex.version != _version(ctx.register):
        lex = _LEXICONS[key] = Lexicon(ctx.register)
    return lex


def _version(register: Register | None) -> int:
    return register.version if register is not None else 0
