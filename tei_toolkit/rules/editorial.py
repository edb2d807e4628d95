"""Editorial interventions and site artefacts: brackets, lost quotation marks, hidden
e-mail addresses. See docs/ENCODING.md for the table these rules implement."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostics import warning
from ..model import Mark
from .base import Context

HIDDEN_EMAIL = re.compile(r"\[email(?:\u00a0|\s)protected\]")
BRACKETS = re.compile(r"\[([^\[\]\n]*)\]")
GAP = re.compile(r"^\s*(?:…|\.\s?\.\s?\.|\.\.\.\.?)\s*$")
# Bracketed text that describes the document rather than restoring its words.
DESCRIPTIVE = re.compile(
    r"^(?:sic\b|handwrit|hand-writ|illegible|signature|signed|stamp|seal|notation|note\b|"
    r"translator|editor|ed\.|text missing|page\b|crossed|underlin|margin|unclear|"
    r"original|in the original|remainder|rest of|omitted|missing|deleted|blank|"
    r"[A-Z][a-z]+-language\b|[a-z]+ing in\b)",
    re.I,
)
LOST_QUOTES = re.compile(r"(?<![\w?])\?([A-Z][^?\s]{0,40}(?: [^?\s]{1,40}){0,5})\?(?![\w?])")


def hidden_email(text: str, ctx: Context) -> Iterator[Mark]:
    """``[email protected]``: the website replaced an e-mail address; keep what it shows."""
    for m in HIDDEN_EMAIL.finditer(text):
        ctx.diagnostics.append(
            warning(
                "convert:hidden-email",
                'the website hid an e-mail address here ("[email '
                'protected]"); kept as a site artefact, the address itself is not in the text',
                file=ctx.filename,
                line=ctx.line,
            )
        )
        yield Mark(
            m.start(),
            m.end(),
            "seg",
            (("type", "site-artefact"), ("subtype", "email-protected")),
            "hidden_email",
        )


def brackets(text: str, ctx: Context) -> Iterator[Mark]:
    """``[...]``: omissions -> gap, descriptions -> note, insertions -> supplied."""
    for m in BRACKETS.finditer(text):
        inner = m.group(1)
        if HIDDEN_EMAIL.fullmatch(m.group(0)) or not inner.strip():
            continue
        if GAP.match(inner):
            yield Mark(
                m.start(),
                m.end(),
                "gap",
                (("reason", "omitted"), ("rend", " ".join(m.group(0).split()))),
                "brackets",
                empty=True,
            )
        elif DESCRIPTIVE.match(inner.strip()):
            yield Mark(
                m.start(),
                m.end(),
                "note",
                (("type", "editorial"), ("place", "inline")),
                "brackets",
                strip=(1, 1),
            )
        else:
            yield Mark(m.start(), m.end(), "supplied", (), "brackets", strip=(1, 1))
    rest = BRACKETS.sub("", text)
    if "[" in rest or "]" in rest:
        ctx.diagnostics.append(
            warning(
                "convert:unbalanced-bracket",
                "a square bracket is not closed (or not opened) in this paragraph; kept as text",
                file=ctx.filename,
                line=ctx.line,
            )
        )


def lost_quotes(text: str, ctx: Context) -> Iterator[Mark]:
    """``?Khudulmur?``: question marks the website put in place of quotation marks."""
    if "?" not in text:  # most blocks: a substring test is far cheaper than the regex scan
        return
    for m in LOST_QUOTES.finditer(text):
        ctx.diagnostics.append(
            warning(
                "convert:lost-quotes",
                f"{m.group(0)!r}: question marks stand for lost quotation "
                "marks; encoded as choice/orig + reg",
                file=ctx.filename,
                line=ctx.line,
            )
        )
        yield Mark(
            m.start(),
            m.end(),
            "choice",
            (),
            "lost_quotes",
            append=(("reg", f"\u201c{m.group(1)}\u201d"),),
        )
        yield Mark(m.start(), m.end(), "orig", (), "lost_quotes")


def quote_balance(text: str, ctx: Context) -> Iterator[Mark]:
    """Unbalanced curly quotes are kept as they are; the editor is told."""
    if text.count("\u201c") != text.count("\u201d"):
        ctx.diagnostics.append(
            warning(
                "convert:unclosed-quote",
                f"{text.count(chr(0x201C))} opening and "
                f"{text.count(chr(0x201D))} closing quotation marks in this paragraph; kept as "
                "they are",
                file=ctx.filename,
                line=ctx.line,
            )
        )
    return iter(())
