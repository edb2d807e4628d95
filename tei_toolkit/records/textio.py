"""Reading plain-text records in whatever state the web left them.

``decode`` turns bytes into text and says how it did it; ``clean`` removes what XML
cannot carry. Both report through Diagnostics and refuse only what is not text at all.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import unicodedata
from pathlib import Path

from ..diagnostics import Diagnostic, ToolkitError, warning

# Characters XML 1.0 forbids (C0 controls except tab/LF/CR, surrogates, U+FFFE/FFFF),
# plus C1 controls, which are allowed but never meant in a web page. VT and FF are
# handled apart: they separate lines, so they become line breaks.
_FORBIDDEN = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_PAGE_BREAKS = re.compile("[\x0b\x0c]")
# Zero-width space, word joiner and a stray BOM are copy-and-paste debris. ZWNJ and ZWJ
# are kept: Persian, Indic scripts and emoji need them.
_INVISIBLE = re.compile("[\u200b\u2060\ufeff]")
_LINE_ENDS = re.compile("\r\n|[\r\u0085\u2028]")

_SIGNATURES = (  # leading bytes of formats people mistake for text records
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (a .docx or .odt?)"),
    (b"\xd0\xcf\x11\xe0", "a Microsoft Office file (.doc?)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip file"),
    (b"BZh", "a bzip2 file"),
    (b"\xfd7zXZ", "an xz file"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"SQLite format 3", "a database"),
)


def decode(data: bytes, name: str) -> tuple[str, list[Diagnostic]]:
    """Bytes -> text. A byte-order mark is believed; then UTF-16 without one, UTF-8,
    mostly-UTF-8 with stray legacy bytes, and finally the likeliest of cp1252, latin-1
    and Mac Roman, each with a warning naming what was used. Binary data is refused."""
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return _decode_wide(data[len(bom) :], enc, "byte-order mark found", name)
    declared = data.startswith(codecs.BOM_UTF8)
    if declared:
        data = data[len(codecs.BOM_UTF8) :]
    else:
        wide = _bomless_utf16(data)
        if wide:
            return _decode_wide(data, wide, "no byte-order mark, but laid out as UTF-16", name)
    _refuse_binary(data, name)
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        return _decode_damaged(data, exc, name, declared)


def _decode_wide(data: bytes, enc: str, why: str, name: str) -> tuple[str, list[Diagnostic]]:
    unit = 4 if "32" in enc else 2
    notes = [warning("input:encoding", f"read as {enc.upper()} ({why})", file=name)]
    cut = len(data) % unit
    if cut:
        data = data[:-cut]
        notes.append(
            warning(
                "input:truncated",
                f"ends in the middle of a {enc.upper()} "
                f"character (cut off?); dropped the last {cut} byte(s)",
                file=name,
            )
        )
    try:  # lone surrogates survive decoding here and are removed, with a warning, by clean()
        text = data.decode(enc, errors="surrogatepass")
    except UnicodeDecodeError:
        raise ToolkitError(
            f"says it is {enc.upper()} but is not; re-save it as UTF-8",
            code="input:encoding",
            file=name,
        ) from None
    _refuse_binary(text[:4096].encode("utf-8", "surrogatepass"), name)
    return text, notes


def _bomless_utf16(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when every other byte is zero, as in UTF-16 Latin text."""
    head = data[:4096]
    half = len(head) // 2
    if half < 8:
        return None
    zeros_even = head[0::2].count(0) / half
    zeros_odd = head[1::2].count(0) / half
    if zeros_odd > 0.3 and zeros_even < 0.02:
        return "utf-16-le"
    if zeros_even > 0.3 and zeros_odd < 0.02:
        return "utf-16-be"
    return None


def _refuse_binary(data: bytes, name: str) -> None:
    for magic, kind in _SIGNATURES:
        if data.startswith(magic):
            raise ToolkitError(
                f"looks like {kind}, not a text record", code="input:binary", file=name
            )
    if _looks_binary(data):
        raise ToolkitError(
            "looks like a binary file, not a text record", code="input:binary", file=name
        )


def _looks_binary(data: bytes) -> bool:
    """Control bytes (NUL above all) in the head, middle or tail: a few stray ones are
    damage that clean() removes; many are not text."""
    size = len(data)
    samples = [data[:8192]]
    if size > 3 * 8192:
        samples += [data[size // 2 : size // 2 + 8192], data[-8192:]]
    for sample in samples:
        nul = sample.count(0)
        controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
        room = max(len(sample), 256)  # short files: one stray byte is not 5 %
        if nul / room > 0.01 or controls / room > 0.05:
            return True
    return False


def _decode_damaged(
    data: bytes, exc: UnicodeDecodeError, name: str, declared: bool
) -> tuple[str, list[Diagnostic]]:
    """Not valid UTF-8: cut off inside a character, mixed with legacy bytes, or legacy.
    ``declared``: a UTF-8 byte-order mark said it was UTF-8."""
    good, bad = _utf8_census(data)
    incomplete = exc.reason == "unexpected end of data" and exc.end == len(data)
    if incomplete and (good > 0 or len(data) - exc.start > 1):
        try:
            text = data[: exc.start].decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return text, [
                warning(
                    "input:truncated",
                    "ends in the middle of a UTF-8 character "
                    "(cut off?); dropped the last "
                    f"{len(data) - exc.start} byte(s)",
                    file=name,
                )
            ]
    if declared or 0 < good >= bad:
        # An encoded surrogate (ED A0 80) has UTF-8's shape, so the census misses it.
        bad = max(bad, exc.end - exc.start)
        text = data.decode("utf-8", errors="tei-toolkit-cp1252")
        return text, [
            warning(
                "input:encoding",
                f"mixed encodings: mostly UTF-8, but {bad} "
                "byte(s) are not (first at offset "
                f"{exc.start}); read those as cp1252",
                file=name,
            )
        ]
    label, text = _guess_legacy(data)
    return text, [
        warning(
            "input:encoding",
            f"not valid UTF-8 (first bad byte at offset {exc.start}); read as {label}",
            file=name,
        )
    ]


_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}"
    rb"|[\xf0-\xf4][\x80-\xbf]{3}"
)


_HIGH_BYTES = bytes(range(0x80, 0x100))


def _utf8_census(data: bytes) -> tuple[int, int]:
    """(valid multi-byte UTF-8 sequences, other non-ASCII bytes)."""
    sequences = _UTF8_SEQUENCE.findall(data)
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    return len(sequences), high - sum(map(len, sequences))


def _cp1252_bytes(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):  # registered for decoding only
        raise exc
    bad = exc.object[exc.start : exc.end]
    return "".join(_one_cp1252(b) for b in bad), exc.end


def _one_cp1252(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)  # undefined in cp1252: latin-1's C1 control, removed by clean()


codecs.register_error("tei-toolkit-cp1252", _cp1252_bytes)


def _guess_legacy(data: bytes) -> tuple[str, str]:
    """(label, text) for a single-byte file: the decoding whose non-ASCII characters sit
    most plausibly among their neighbours. Ties go to cp1252, the web's usual legacy."""
    candidates = {}
    try:
        candidates["cp1252"] = data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    candidates["latin-1"] = data.decode("latin-1")
    candidates["mac-roman"] = data.decode("mac_roman")
    scores = {enc: _plausibility(text) for enc, text in candidates.items()}
    best = max(candidates, key=lambda enc: (scores[enc], enc == "cp1252", enc == "latin-1"))
    if best in ("cp1252", "latin-1") and not any(0x80 <= b < 0xA0 for b in data):
        return (
            "latin-1 (ISO-8859-1; cp1252 / Windows-1252 reads these bytes the same way)",
            candidates["latin-1"],
        )
    labels = {
        "cp1252": "cp1252 (Windows-1252)",
        "latin-1": "latin-1 (ISO-8859-1)",
        "mac-roman": "Mac Roman",
    }
    return labels[best], candidates[best]


_OPENING = "\u201c\u2018\u00ab\u201e\u201a"
_CLOSING = "\u201d\u2019\u00bb"
_RARE = set(
    "\u2202\u2211\u220f\u03c0\u222b\u03a9\u221a\u2248\u2206\u25ca\u2260\u2264\u2265"
    "\u221e\u2044\u2021\u02c6\u02dc\u00af\u02d8\u02d9\u02da\u00b8\u02dd\u02db\u02c7"
    "\u00a8\u00b4\u0192\u00ac\u00a6\u00a4\uf8ff\u0131"
)


def _plausibility(text: str, limit: int = 20_000) -> int:
    score = 0
    for n, match in enumerate(re.finditer("[^\x00-\x7f]", text)):
        if n == limit:  # enough evidence; keeps a 50 MB file fast
            break
        i, c = match.start(), match.group()
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < len(text) else " "
        cat = unicodedata.category(c)
        if cat == "Cc":
            score -= 5
        elif c in _RARE:
            score -= 3 if prev.isalpha() or nxt.isalpha() else 1
        elif c.islower():
            score += 2 if prev.isalpha() or nxt.isalpha() else 0
        elif c.isupper():
            if prev.islower():
                score -= 3  # "cafŽ": a capital inside a lower-case word
            elif nxt.isupper() and (text[i + 2 : i + 3] or " ").islower():
                score -= 2  # "ÒHello": two capitals opening a lower-case word
            elif not (prev.isalpha() or nxt.isalpha()):
                score -= 1  # a lone accented capital
            else:
                score += 1
        elif c in _OPENING:
            score += -1 if prev.isalnum() else 1
        elif c in _CLOSING:
            score += 1 if not nxt.isalnum() or (c == "\u2019" and prev.isalpha()) else -1
        elif cat.startswith("P"):
            score += 1 if not (prev.isalpha() and nxt.isalpha()) or c in "\u2013\u2014" else 0
    return score


def clean(text: str, name: str) -> tuple[str, list[Diagnostic]]:
    """Normalise line ends and remove what XML cannot carry, saying so. Idempotent."""
    notes: list[Diagnostic] = []
    text = _LINE_ENDS.sub("\n", text).replace("\u2029", "\n\n")
    found = _FORBIDDEN.findall(text) + _PAGE_BREAKS.findall(text)
    if found:
        kinds = ", ".join(sorted({f"U+{ord(c):04X}" for c in found})[:5])
        notes.append(
            warning(
                "input:control-chars",
                f"removed {len(found)} control character(s) XML cannot hold "
                f"({kinds}); form feeds and vertical tabs became line breaks",
                file=name,
            )
        )
        text = _PAGE_BREAKS.sub("\n", _FORBIDDEN.sub("", text))
    text = unicodedata.normalize("NFC", text)
    invisible = len(_INVISIBLE.findall(text))
    if invisible:
        notes.append(
            warning("input:zero-width", f"removed {invisible} zero-width character(s)", file=name)
        )
        text = _INVISIBLE.sub("", text)
    text = text.replace("\t", " ").replace("\u00a0", " ")
    return text, notes


def read_text(path: str | Path) -> tuple[str, list[Diagnostic]]:
    """Read a record file; a missing, unreadable, empty or binary file is a ToolkitError."""
    path = Path(path)
    name = str(path)
    if path.is_dir():
        raise ToolkitError(
            "is a directory, expected a text record", code="input:directory", file=name
        )
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode):  # /dev/zero, a FIFO, a terminal: no end
                raise ToolkitError(
                    "is not a regular file (a device or pipe); give a text record, or - "
                    "for standard input",
                    code="input:not-a-file",
                    file=name,
                )
            limit = max_record_bytes()
            if st.st_size > limit:
                raise ToolkitError(
                    f"is {st.st_size / 1e6:.0f} MB, over the limit for a text record "
                    f"({limit / 1e6:.0f} MB; set TEI_TOOLKIT_MAX_RECORD_MB to change it)",
                    code="input:too-large",
                    file=name,
                )
            data = fh.read(limit + 1)
    except FileNotFoundError:
        raise ToolkitError("no such file", code="input:missing", file=name) from None
    except OSError as exc:
        raise ToolkitError(
            f"cannot read: {exc.strerror}", code="input:unreadable", file=name
        ) from None
    return decode_and_clean(data, name)


DEFAULT_MAX_RECORD_MB = 100


def max_record_bytes() -> int:
    """The largest text record read (``TEI_TOOLKIT_MAX_RECORD_MB``, default 100 MB)."""
    try:
        mb = float(os.environ.get("TEI_TOOLKIT_MAX_RECORD_MB", DEFAULT_MAX_RECORD_MB))
    except ValueError:
        mb = DEFAULT_MAX_RECORD_MB
    return int(mb * 1_000_000)


def decode_and_clean(data: bytes, name: str) -> tuple[str, list[Diagnostic]]:
    if not data.strip():
        raise ToolkitError("is empty: nothing to convert", code="input:empty", file=name)
    text, notes = decode(data, name)
    text, more = clean(text, name)
    if not text.strip():
        raise ToolkitError("is empty: nothing to convert", code="input:empty", file=name)
    return text, notes + more
