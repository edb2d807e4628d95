"""The editor's brackets and a name: a gloss ("Filippov [Stalin]"), a name the editor
completed ("Kim [Il Sung]"), supplied words inside a name ("[Georges] Bidault")."""

from __future__ import annotations

import re

from ._lexicon import ORG_HEADS
from ._lexindex import Lexicon
from ._reader import Found
from ._tokens import POSSESSIVE, _norm


def _gloss_links(text: str, found: list[Found], surnames: dict[str, str]) -> list[Found]:
    """ "Filippov [Stalin]": the name before an editor's gloss gets the gloss's id, and so
    do its other mentions ("Cde. Wieslaw [Gomulka] ... Cde. Wieslaw")."""
    out = list(found)
    linked: dict[str, Found] = {}
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        between = text[a.end : b.start]
        if (
            (a.type == "person" or a.rule == "names:acronym" and not a.known)  # "BRF [Felber]"
            and b.type == "person"
            and (between in ("[", " [") or GLOSS_TITLE.fullmatch(between))
            and text[b.end : b.end + 1] == "]"
            and not a.known
            and b.id
        ):
            linked[a.id] = b
            out[k] = a._replace(type="person", id=b.id, known=b.known, rule="names:gloss")
            surface = _norm(POSSESSIVE.sub("", text[a.start : a.end]))
            if surnames.get(surface) == a.id:
                surnames[surface] = b.id  # the record's later mentions
    return [
        f._replace(id=linked[f.id].id, known=linked[f.id].known, rule="names:gloss")
        if f.id in linked and f.type == "person"
        else f
        for f in out
    ]


GLOSS_TITLE = re.compile(r" ?\[[A-Z][a-zäöüé]+\.? ")  # "BRF [Bundesrat Felber]": a title first


def defined_abbreviations(text: str, found: list[Found], defined: dict) -> list[Found]:
    """ "Vice-président Loukianov (LO)", "Gavril Popov (PO)": the record defines an
    abbreviation for a name; the abbreviation's mentions, here and in the blocks after
    (``defined``, the section's memory), are that person or body."""
    for f in found:
        m = DEFINED.match(text, f.end)
        if m and f.type in ("person", "org") and _abbreviates(m.group(1), text[f.start : f.end]):
            defined.setdefault(m.group(1), (f.type, f.id, f.known))
    if not defined:
        return found
    out: list[Found] = []
    for f in found:
        alias = defined.get(text[f.start : f.end])
        if alias and f.rule == "names:acronym":
            f = f._replace(type=alias[0], id=alias[1], known=alias[2], rule="names:defined")
        out.append(f)
    taken = [(f.start, f.end) for f in out]
    for m in re.finditer(r"\b(" + "|".join(map(re.escape, defined)) + r")\b", text):
        if not any(s <= m.start() < e for s, e in taken):  # "LO" (a common word's letters)
            typ, ident, known = defined[m.group(1)]
            out.append(Found(m.start(), m.end(), typ, ident, known, "names:defined"))
    return sorted(out, key=lambda f: f.start)


DEFINED = re.compile(r" \(([A-Z]{2,5})\)")


def _abbreviates(abbr: str, name: str) -> bool:
    """ "LO" for Loukianov, "CHE" for Chevardnadze (the surname's first letters), "ESM"
    for Economic Survey Mission (the words' initials); not a party after a name ("(CDU)")."""
    words = [w for w in re.findall(r"[^\W\d_]+", name) if w[:1].isupper()]
    if not words:
        return False
    initials = "".join(w[0] for w in words).upper()
    return words[-1].upper().startswith(abbr) or initials == abbr


def _supplied_rest(text: str, found: list[Found], lex: Lexicon) -> list[Found]:
    """ "Kim [Il Sung]": the editor completed a name the register knows whole (a gloss
    names someone else's name: "Filippov [Stalin]")."""
    out: list[Found] = []
    for f in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.type == f.type == "person"
            and text[prev.end : f.start] == " ["
            and text[f.end : f.end + 1] == "]"
        ):
            whole = text[prev.start : prev.end] + " " + text[f.start : f.end]
            hit = lex.find(whole)
            if hit and hit[0] == "register" and hit[1].type == "person":
                out[-1] = Found(prev.start, f.end + 1, "person", hit[1].id, True, "names:register")
                continue
        first = FIRST_BEFORE_BRACKET.search(text, max(0, f.start - 30), f.start)
        if (
            first
            and f.type == "person"
            and not f.known
            and " " in text[f.start : f.end]
            and text[f.end : f.end + 1] == "]"
        ):  # "Kim [Il Sung]": the editor completed a one-word name (a gloss is one word)
            merged = f._replace(start=first.start(), end=f.end + 1, rule="names:supplied")
            if prev is not None and (prev.start, prev.type) == (first.start(), "person"):
                if not prev.known:
                    out[-1] = merged
                    continue
            elif prev is None or prev.end <= first.start():
                out.append(merged)
                continue
        out.append(f)
    return out


FIRST_BEFORE_BRACKET = re.compile(r"(?<![\w.])[A-Z][a-z]{1,12} \[$")


def org_glosses(text: str, found: list[Found]) -> list[Found]:
    """ "Headquarters [Tsentr]": a one-word gloss of an organisation's head word (the
    original's name for it) is no person."""
    return [
        f
        for f in found
        if not (
            f.type == "person"
            and not f.known
            and text[f.end : f.end + 1] == "]"
            and (m := HEAD_BEFORE_BRACKET.search(text, max(0, f.start - 30), f.start))
            and m.group(1).lower() in ORG_HEADS
        )
    ]


HEAD_BEFORE_BRACKET = re.compile(r"([A-Z][a-z]+) \[$")


def _with_brackets(text: str, f: Found) -> Found:
    """A name that begins or ends inside the editor's brackets takes the brackets in
    ("[Georges] Bidault"), so that the supplied words nest inside the name."""
    inner = text[f.start : f.end]
    start, end = f.start, f.end
    if text[start - 1 : start] == "[" and "]" in inner and "[" not in inner.split("]")[0]:
        start -= 1
    if text[end : end + 1] == "]" and "[" in inner and "]" not in inner.rsplit("[", 1)[1]:
        end += 1
    return f._replace(start=start, end=end) if (start, end) != (f.start, f.end) else f
