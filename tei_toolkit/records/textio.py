"""Reading plain-text records in whatever state the web left them."""
from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from ..diagnostics import Diagnostic, ToolkitError, warning

# Characters XML 1.0 forbids (C0 controls except tab/LF/CR, surrogates, U+FFFE/FFFF),
# plus C1 controls, which are allowed but never meant in a web page.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")  # zero-width characters


def decode(data: bytes, name: str) -> tuple[str, list[Diagnostic]]:
    """Bytes -> text. UTF-8 (with or without BOM) and UTF-16 with BOM are taken as they
    are; otherwise cp1252 (which covers latin-1's printable range) with a warning.
    Binary data is refused."""
    notes: list[Diagnostic] = []
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="strict"), notes
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[2:].decode(enc), [warning(
                    "input:encoding", f"read as {enc.upper()} (byte-order mark found)", file=name)]
            except UnicodeDecodeError:
                raise ToolkitError(f"starts with a {enc.upper()} byte-order mark but is not "
                                   f"valid {enc.upper()}", code="input:encoding", file=name) from None
    if _looks_binary(data):
        raise ToolkitError("looks like a binary file, not a text record", code="input:binary",
                           file=name)
    try:
        return data.decode("utf-8"), notes
    except UnicodeDecodeError as exc:
        where = exc.start
    try:
        text = data.decode("cp1252")
        enc = "cp1252"
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        enc = "latin-1"
    notes.append(warning("input:encoding",
                         f"not valid UTF-8 (first bad byte at offset {where}); read as {enc}",
                         file=name))
    return text, notes


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls / len(head) > 0.05


def clean(text: str, name: str) -> tuple[str, list[Diagnostic]]:
    """Normalise line ends and remove what XML cannot carry, saying so."""
    notes: list[Diagnostic] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    found = _FORBIDDEN.findall(text)
    if found:
        kinds = ", ".join(sorted({f"U+{ord(c):04X}" for c in found})[:5])
        notes.append(warning("input:control-chars",
                             f"removed {len(found)} control character(s) XML cannot hold ({kinds})",
                             file=name))
        text = _FORBIDDEN.sub("", text)
    if _INVISIBLE.search(text):
        n = len(_INVISIBLE.findall(text))
        notes.append(warning("input:zero-width", f"removed {n} zero-width character(s)", file=name))
        text = _INVISIBLE.sub("", text)
    text = text.replace("\t", " ").replace("\u00a0", " ")
    return text, notes


def read_text(path: str | Path) -> tuple[str, list[Diagnostic]]:
    """Read a record file; a missing, unreadable, empty or binary file is a ToolkitError."""
    path = Path(path)
    name = str(path)
    if path.is_dir():
        raise ToolkitError("is a directory, expected a text record", code="input:directory",
                           file=name)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ToolkitError("no such file", code="input:missing", file=name) from None
    except OSError as exc:
        raise ToolkitError(f"cannot read: {exc.strerror}", code="input:unreadable",
                           file=name) from None
    return decode_and_clean(data, name)


def decode_and_clean(data: bytes, name: str) -> tuple[str, list[Diagnostic]]:
    text, notes = decode(data, name)
    text, more = clean(text, name)
    if not text.strip():
        raise ToolkitError("is empty: nothing to convert", code="input:empty", file=name)
    return text, notes + more
