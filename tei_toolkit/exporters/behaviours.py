"""User-supplied behaviour tables, on the model of CETEIcean's ``addBehaviors``.

A table maps a TEI element name to one of:

- a function ``f(walker, element)`` (a behaviour, see walker.py; Python callers only);
- ``None``: the element is left out, with everything in it;
- a string: an HTML tag to render the element with (``"b"``, ``"aside"``...; only tags
  from ``USER_TAGS``). In the text export a block tag starts a paragraph, any other tag
  keeps the element in the sentence;
- a pair of strings ``[before, after]``: text written around the element's content (in
  both exports; in HTML inside a ``span`` named after the element).

Strings and pairs can come from a JSON file (``export --behaviours FILE``): such a table
holds no code. An entry replaces the built-in behaviour for that element only.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..diagnostics import ToolkitError
from .walker import Behaviour, Walker, name_of

UserSpec = Any  # Behaviour | str | tuple[str, str] | list[str] | None

BLOCK_TAGS = frozenset(
    {"div", "p", "section", "aside", "blockquote", "pre", "h2", "h3", "h4", "h5", "h6"}
)
USER_TAGS = BLOCK_TAGS | frozenset(
    {
        "span", "b", "i", "em", "strong", "u", "s", "sup", "sub", "small", "mark", "code",
        "cite", "q", "abbr", "dfn", "kbd", "var", "del", "ins", "samp",
    }
)  # fmt: skip


def _error(message: str) -> ToolkitError:
    return ToolkitError(message, code="export:behaviour")


def _hide(w: Walker, el) -> None:
    """Left out by the user's table."""


def _html_tag(tag: str) -> Behaviour:
    def behaviour(w: Walker, el) -> Iterator:
        if tag in BLOCK_TAGS:
            w.out.flow(tag, f"tei-{name_of(el)}", el)
        else:
            w.out.open(tag, f"tei-{name_of(el)}", el)
        yield from w.inside(el)
        w.out.close()

    return behaviour


def _text_tag(tag: str) -> Behaviour:
    def behaviour(w: Walker, el) -> Iterator:
        block = tag in BLOCK_TAGS and not w.in_running_text(el)
        if block:
            w.out.block()
        yield from w.inside(el)
        if block:
            w.out.block()

    return behaviour


def _around(before: str, after: str, html: bool) -> Behaviour:
    def behaviour(w: Walker, el) -> Iterator:
        if html:
            w.out.open("span", f"tei-{name_of(el)}", el)
        w.out.literal(before)
        yield from w.inside(el)
        w.out.literal(after)
        if html:
            w.out.close()

    return behaviour


def compile_spec(name: str, spec: UserSpec, *, html: bool) -> Behaviour:
    if spec is None or spec is False:
        return _hide
    if isinstance(spec, str):
        if spec not in USER_TAGS:
            raise _error(
                f"behaviour for {name!r}: {spec!r} is not an HTML tag a table may use "
                f"({', '.join(sorted(USER_TAGS))})"
            )
        return _html_tag(spec) if html else _text_tag(spec)
    if isinstance(spec, (list, tuple)) and len(spec) == 2 and all(isinstance(s, str) for s in spec):
        return _around(spec[0], spec[1], html)
    if callable(spec):
        return spec
    raise _error(
        f"behaviour for {name!r}: expected a function, null, an HTML tag or [before, after]"
    )


def with_behaviours(
    base: Mapping[str, Behaviour], user: Mapping[str, UserSpec] | None, *, html: bool
) -> Mapping[str, Behaviour]:
    """``base`` with the user's entries put in its place (base is not changed)."""
    if not user:
        return base
    if not isinstance(user, Mapping):
        raise _error("a behaviour table maps element names to behaviours")
    table = dict(base)
    for name, spec in user.items():
        table[str(name)] = compile_spec(str(name), spec, html=html)
    return table
