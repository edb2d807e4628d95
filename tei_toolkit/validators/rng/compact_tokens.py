"""The tokens of the RELAX NG compact syntax (section 4 of the specification) and the
parser's stream of them: backslash-x escapes replaced first, comments dropped, literals
unquoted, lines counted; annotations skipped on request."""

from __future__ import annotations

import functools
import re

KEYWORDS = {
    "attribute", "default", "datatypes", "div", "element", "empty", "external", "grammar",
    "include", "inherit", "list", "mixed", "namespace", "notAllowed", "parent", "start",
    "string", "text", "token",
}  # fmt: skip
_NC = r"[A-Za-z_\u00c0-\ufffd][\w.\-\u00b7-\ufffd]*"
_TOKEN_RX = rf"""(?P<ws>[ \t\r\n]+)|(?P<comment>\#[^\r\n]*)
    |(?P<lit>\"\"\"(?:.|\n)*?\"\"\"|'''(?:.|\n)*?'''|"[^"\r\n]*"|'[^'\r\n]*')
    |(?P<nsname>{_NC}:\*)|(?P<cname>{_NC}:{_NC})|(?P<id>\\?{_NC})
    |(?P<p>\|=|&=|>>|[{{}}()\[\],|&?*+\-=~])"""


@functools.cache
def _token() -> re.Pattern:
    """Compiled on first use: the name ranges make it ~40 ms, every run of the CLI paid it."""
    return re.compile(_TOKEN_RX, re.X)


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
        m = _token().match(text, at)
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


class TokenStream:
    """The parser's view of the tokens: look ahead, take, expect; annotations skipped."""

    def __init__(self, toks: list[tuple[str, str, int]]):
        self.toks = toks
        self.i = 0

    def peek(self, ahead: int = 0) -> tuple[str, str, int]:
        return self.toks[min(self.i + ahead, len(self.toks) - 1)]

    def next(self) -> tuple[str, str, int]:
        tok = self.peek()
        self.i += 1
        return tok

    def is_p(self, value: str, ahead: int = 0) -> bool:
        kind, v, _ = self.peek(ahead)
        return kind == "p" and v == value

    def is_kw(self, value: str) -> bool:
        kind, v, _ = self.peek()
        return kind == "id" and v == value

    def expect(self, value: str) -> None:
        kind, v, line = self.next()
        if kind != "p" or v != value:
            raise CompactError(f'expected "{value}", found "{v or "end of file"}"', line)

    def fail(self, message: str) -> CompactError:
        return CompactError(message, self.peek()[2])

    def literal(self) -> str:
        kind, v, line = self.next()
        if kind != "lit":
            raise CompactError(f'expected a string literal, found "{v or "end of file"}"', line)
        parts = [v]
        while self.is_p("~"):
            self.next()
            kind, v, line = self.next()
            if kind != "lit":
                raise CompactError('expected a string literal after "~"', line)
            parts.append(v)
        return "".join(parts)

    def identifier_or_keyword(self) -> str:
        kind, v, line = self.next()
        if kind not in ("id", "qid"):
            raise CompactError(f'expected a name, found "{v or "end of file"}"', line)
        return v

    def skip_annotations(self) -> None:
        """``[ ... ]`` (nested) before a construct; ``>> name [ ... ]`` after one."""
        while True:
            if self.is_p("["):
                self._skip_brackets()
            elif self.is_p(">>"):
                self.next()
                if self.peek()[0] not in ("id", "qid", "cname"):
                    raise self.fail('expected an annotation element after ">>"')
                self.next()
                self._skip_brackets()
            else:
                return

    def _skip_brackets(self) -> None:
        self.expect("[")
        depth = 1
        while depth:
            kind, v, line = self.next()
            if kind == "eof":
                raise CompactError('unclosed "[" of an annotation', line)
            if kind == "p" and v == "[":
                depth += 1
            elif kind == "p" and v == "]":
                depth -= 1
