"""XPath 2.0 expressions that mean the same in XPath 1.0 ("plain"), and their forms.

TEI's Schematron is written for XPath 2.0; libxml2 evaluates XPath 1.0. Where an
expression parses in both, the two can still differ: XPath 1.0 turns a node into a
number where 2.0 raises an error for a value that is not one, compares two strings
with ``<`` as numbers where 2.0 compares them as strings, and gives a string function
the first of several nodes where 2.0 raises an error. ``plain`` accepts only what is
the same in both -- steps, predicates, unions, ``and``/``or``/``not``, ``=`` and ``!=``,
string functions on single values (``.``, ``..``, ``@a``, literals, calls), counts and
lengths compared with numbers, ``current()`` -- and rewrites the value comparisons
(``@type eq 'x'``, ``count(x) gt 1``) whose operands are single values. Anything else
(variables, sequences, arithmetic, numbers from nodes, XPath 2.0 functions and
keywords) is refused: the caller then leaves the rule to Saxon.
"""

from __future__ import annotations

import re

from lxml import etree

from .schematron_index import _split

# XPath 1.0 functions whose value is the same in XPath 2.0 (given single-node arguments)
_SINGLE_ARGUMENTS = {
    "string-length",
    "normalize-space",
    "contains",
    "starts-with",
    "substring-before",
    "substring-after",
    "concat",
    "translate",
    "string",
    "name",
    "local-name",
    "namespace-uri",
}
_ANY_ARGUMENTS = {"not", "boolean", "count", "true", "false", "text", "current"}
_OPERATORS = {"or", "and"}  # the operators XPath 1.0 writes as words
_STRING = re.compile(r"'[^']*'|\"[^\"]*\"")
_CALL = re.compile(r"([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)\s*\(")
_NUMBER = re.compile(r"(?<![\w.:-])(?:\d+(?:\.\d*)?|\.\d+)")
_KEYWORD = re.compile(
    r"(?:(?<=\s)|(?<=\)))(?:if|then|else|for|let|some|every|in|satisfies|return|instance|"
    r"cast|castable|treat|to|idiv|div|mod|intersect|except|union|as|is|eq|ne|lt|le|gt|ge)"
    r"(?=[\s(])"
)
_VALUE_COMPARISON = re.compile(r"\s(eq|ne|lt|le|gt|ge)\s+('[^']*'|\"[^\"]*\"|\d+(?![\w.]))")
_SYMBOL = {"eq": "=", "ne": "!=", "lt": "<", "le": "<=", "gt": ">", "ge": ">="}
_SINGLE = re.compile(r"\s*(?:\.|\.\.|(?:\.\./)?@[A-Za-z_][\w.:-]*|'[^']*'|\"[^\"]*\")\s*\Z")


def plain(expression: str) -> str | None:
    """``expression`` as XPath 1.0 with the same value as under 2.0, or None."""
    expression = _IN_LIST.sub(_in_list, expression)
    rewritten = _value_comparisons(expression)
    if rewritten is None:
        return None
    expression = rewritten
    bare = _STRING.sub("''", expression)
    if re.search(r"[${}+]|\(:|!(?!=)|=>|\|\||<<|>>", bare) or _KEYWORD.search(bare):
        return None
    if re.search(r"(?<=[\s)])-|[\w)\].']\s*\*", bare):  # subtraction, multiplication
        return None
    for m in _CALL.finditer(bare):
        name = m.group(1)
        if name in _OPERATORS:
            continue  # "or (...)": a parenthesis, not a call
        if name not in _SINGLE_ARGUMENTS and name not in _ANY_ARGUMENTS:
            return None
        if name in _SINGLE_ARGUMENTS and not all(
            _SINGLE.match(a) or _CALL.match(a.strip()) for a in _arguments(bare, m.end()) if a
        ):
            return None
    for m in re.finditer(r"\(", bare):  # (a, b): a sequence
        call = re.search(r"[\w.-]+\s*\Z", bare[: m.start()])
        grouping = call is None or call.group(0).strip() in _OPERATORS
        if grouping and len(_arguments(bare, m.end())) > 1:
            return None
    for m in _NUMBER.finditer(bare):  # only counts and lengths compared with a number
        if not _counted(bare[: m.start()]):
            return None
    for m in re.finditer(r"[<>]", bare):  # order comparisons: of numbers only
        if not _NUMBER.match(bare, len(bare[: m.end()]) + _spaces(bare, m.end())):
            return None
    return expression


_IN_LIST = re.compile(
    r"(?<![\w.:/-])(@[A-Za-z_][\w.:-]*)\s*(!?=)\s*\(\s*((?:'[^']*'|\"[^\"]*\")"
    r"(?:\s*,\s*(?:'[^']*'|\"[^\"]*\"))*)\s*\)"
)


def _in_list(m: re.Match) -> str:
    """``@a = ('x', 'y')`` as ``(@a = 'x' or @a = 'y')``: a comparison with a sequence
    is true when one with an item is, in XPath 2.0 as in this form in 1.0."""
    items = _STRING.findall(m.group(3))
    return "(" + " or ".join(f"{m.group(1)} {m.group(2)} {item}" for item in items) + ")"


def _value_comparisons(expression: str) -> str | None:
    """``A eq B`` as ``A = B`` where both sides are single values, so that the two
    mean the same: an attribute or a string function compared with a string, or a
    count or length compared with a number. None for any other value comparison."""
    out, at = [], 0
    for m in _VALUE_COMPARISON.finditer(expression):
        before = expression[: m.start()]
        number = m[2][0].isdigit()
        if number and not _counted(before + " = "):
            return None
        if not number and not (
            re.search(r"(?<![\w.:/-])@[\w.:-]+\s*\Z", before) or _single_call(before)
        ):
            return None
        if not number and m[1] not in ("eq", "ne"):
            return None
        out.append(expression[at : m.start()] + f" {_SYMBOL[m[1]]} {m[2]}")
        at = m.end()
    return "".join(out) + expression[at:]


def _single_call(before: str) -> bool:
    """Does ``before`` end with a call of a function whose value is one string?"""
    start = _opening(before.rstrip())
    if start is None:
        return False
    return (
        re.search(
            r"(?<![\w.:-])(?:normalize-space|string|name|local-name|substring-before|"
            r"substring-after|translate|concat)\s*\Z",
            before[:start],
        )
        is not None
    )


def _opening(text: str) -> int | None:
    """Where the '(' matching ``text``'s final ')' is, or None."""
    if not text.endswith(")"):
        return None
    depth, i = 0, len(text) - 1
    while i >= 0:
        if text[i] == ")":
            depth += 1
        elif text[i] == "(":
            depth -= 1
            if depth == 0:
                return i
        i -= 1
    return None


def _spaces(text: str, at: int) -> int:
    n = at
    while n < len(text) and text[n] in " =\t\r\n":
        n += 1
    return n - at


def _counted(before: str) -> bool:
    """Does ``before`` end with ``count(...) OP`` or ``string-length(...) OP``?"""
    m = re.search(r"\)\s*(?:!=|<=|>=|=|<|>)\s*\Z", before)
    i = _opening(before[: m.start() + 1]) if m else None
    if i is None:
        return False
    return re.search(r"(?<![\w.:-])(?:count|string-length)\s*\Z", before[:i]) is not None


def _arguments(text: str, start: int) -> list[str]:
    """The top-level arguments of the call whose '(' ends just before ``start``."""
    depth, i = 1, start
    while i < len(text) and depth:
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        i += 1
    return [a for a in _split(text[start : i - 1], ",")]


def needed(check) -> str:
    """A plain condition that holds wherever ``check`` fires: its own test when plain;
    for a report whose test is a path, the path without the predicates that call
    ``current()`` (it selects more nodes); else ``true()``."""
    test = check.get("test") or "false()"
    report = etree.QName(check).localname == "report"
    if plain(test) is not None:
        return f"not({plain(test)})" if not report else f"({plain(test)})"
    if not report or "current()" not in test or "$" in test:
        return "true()"
    out, depth, start, quote = [], 0, 0, ""
    for i, ch in enumerate(test):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "[":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                out.append((start, i + 1))
    kept, at = [], 0
    for a, b in out:
        if "current()" in test[a:b]:
            kept.append(test[at:a])
            at = b
    wider = "".join(kept) + test[at:]
    # only steps, unions, and, or (widening a part widens the whole): no function
    if "(" in re.sub(r"\b(?:node|text)\(\)", "", wider) or re.search(r"[=<>!]", wider):
        return "true()"
    return f"({plain(wider)})" if plain(wider) is not None else "true()"
