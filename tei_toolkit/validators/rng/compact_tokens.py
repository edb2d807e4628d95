"""The tokens of the RELAX NG compact syntax (section 4 of the specification): escapes
(backslash-x escapes) replaced first, comments dropped, literals unquoted, lines counted."""

from __future__ import annotations

import re

KEYWORDS = {
    "attribute", "default", "datatypes", "div", "element", "empty", "external", "grammar",
    "include", "inherit", "list", "mixed", "namespace", "notAllowed", "parent", "start",
    "string", "text", "token",
}  # fmt: skip
_NC = r"[A-Za-z_\u00c0-\ufffd][\w.\-\u00b7-\ufffd]*"
_TOKEN = re.compile(
    rf"""(?P<ws>[ \t\r\n]+)|(?P<comment>\#[^\r\n]*)
    |(?P<lit>\"\"\"(?:.|\n)*?\"\"\"|'''(?:.|\n)*?'''|"[^"\r\n]*"|'[^'\r\n]*')
    |(?P<nsname>{_NC}:\*)|(?P<cname>{_NC}:{_NC})|(?P<id>\\?{_NC})
    |(?P<p>\|=|&=|>>|[{{}}()\[\],|&?*+\-=~])""",
    re.X,
)
_ESCAPE = re.compile(r"\\x+\{([0-9A-Fa-f]{1,6})\}")


class CompactError(Exception):
    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.message = message
        self.line = line


def tokenize(text: str) -> list[tuple[str, str, int]]:
    """(kind, value, line): kinds lit, id (qid: a quoted identifier), cname, nsname, p."""
    # Escapes are replaced first (section 4.1), but newlines they make are not counted.
    text = _ESCAPE.sub(
        lambda m: "\uffff" if int(m.group(1), 16) in (10, 13) else chr(int(m.group(1), 16)),
        text,
    )
    out: list[tuple[str, str, int]] = []
    at, line = 0, 1
    while at < len(text):
        m = _TOKEN.match(text, at)
        if m is None:
            raise CompactError(f'unexpected character "{text[at]}"', line)
        kind = m.lastgroup or ""
        value = m.group()
        if kind == "lit":
            quote = 3 if value[:3] in ('"""', "'''") else 1
            out.append(("lit", value[quote:-quote].replace("\uffff", "\n"), line))
        elif kind == "id" and value.startswith("\\"):
            out.append(("qid", value[1:], line))
        elif kind not in ("ws", "comment"):
            out.append((kind, value, line))
        line += value.count("\n")
        at = m.end()
    out.append(("eof", "", line))
    return out
