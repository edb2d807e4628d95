"""XML Schema datatypes as RELAX NG uses them, checked in Python for explanations.

The verdict comes from libxml2; these checks only decide which attribute value or
text to blame, and what to say about it. They follow XSD 1.0 as jing does (hour 24
is not a time, year 0000 is not a year).
"""

from __future__ import annotations

import hashlib
import re
from functools import cache, lru_cache

from . import cache as disk_cache

XSD_DT = "http://www.w3.org/2001/XMLSchema-datatypes"

# As jing has them: zones +14:00 .. -13:00, a leap second, a bare fraction point.
_TZ = r"(Z|\+((0\d|1[0-3]):[0-5]\d|14:00)|-((0\d|1[0-2]):[0-5]\d|13:00))?"
_YEAR = r"-?([1-9]\d{3,}|0(?!000)\d{3})"
_TIME = r"([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d*)?"
_NAME_START = r"[^\W\d]|_"
_NCNAME = rf"(?:{_NAME_START})[\w.\-\u00b7\u0300-\u036f\u203f\u2040]*"

_LEXICAL = {
    "boolean": r"true|false|1|0",
    "decimal": r"[+-]?(\d+(\.\d*)?|\.\d+)",
    "integer": r"[+-]?\d+",
    "nonNegativeInteger": r"\+?\d+|-0+",
    "positiveInteger": r"\+?0*[1-9]\d*",
    "nonPositiveInteger": r"-\d+|\+?0+",
    "negativeInteger": r"-0*[1-9]\d*",
    "long": r"[+-]?\d+",
    "int": r"[+-]?\d+",
    "short": r"[+-]?\d+",
    "byte": r"[+-]?\d+",
    "unsignedLong": r"\+?\d+",
    "unsignedInt": r"\+?\d+",
    "unsignedShort": r"\+?\d+",
    "unsignedByte": r"\+?\d+",
    "double": r"[+-]?(\d+(\.\d*)?|\.\d+)([Ee][+-]?\d+)?|INF|-INF|NaN",
    "float": r"[+-]?(\d+(\.\d*)?|\.\d+)([Ee][+-]?\d+)?|INF|-INF|NaN",
    "NCName": _NCNAME,
    "ID": _NCNAME,
    "IDREF": _NCNAME,
    "ENTITY": _NCNAME,
    "Name": rf"(?:{_NAME_START}|:)[\w.\-:\u00b7\u0300-\u036f\u203f\u2040]*",
    "QName": rf"({_NCNAME}:)?{_NCNAME}",
    "NMTOKEN": r"[\w.\-:\u00b7\u0300-\u036f\u203f\u2040]+",
    "language": r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*",
    "date": rf"{_YEAR}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]){_TZ}",
    "dateTime": rf"{_YEAR}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T{_TIME}{_TZ}",
    "time": rf"{_TIME}{_TZ}",
    "gYear": rf"{_YEAR}{_TZ}",
    "gYearMonth": rf"{_YEAR}-(0[1-9]|1[0-2]){_TZ}",
    "gMonth": rf"--(0[1-9]|1[0-2]){_TZ}",
    "gMonthDay": rf"--(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]){_TZ}",
    "gDay": rf"---(0[1-9]|[12]\d|3[01]){_TZ}",
    "duration": r"-?P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?",
}
_LISTS = {"IDREFS": "IDREF", "NMTOKENS": "NMTOKEN", "ENTITIES": "ENTITY"}
_PRESERVE = {"string"}
_REPLACE = {"normalizedString"}
_INTEGERS = {
    "integer",
    "nonNegativeInteger",
    "positiveInteger",
    "nonPositiveInteger",
    "negativeInteger",
    "long",
    "int",
    "short",
    "byte",
    "unsignedLong",
    "unsignedInt",
    "unsignedShort",
    "unsignedByte",
}
_RANGES = {"long": 2**63, "int": 2**31, "short": 2**15, "byte": 2**7}
_URANGES = {
    "unsignedLong": 2**64,
    "unsignedInt": 2**32,
    "unsignedShort": 2**16,
    "unsignedByte": 2**8,
}

DESCRIBE = {
    "date": "a date (YYYY-MM-DD)",
    "dateTime": "a date and time (YYYY-MM-DDThh:mm:ss)",
    "time": "a time (hh:mm:ss, hours 00-23)",
    "gYear": "a year (YYYY)",
    "gYearMonth": "a year and month (YYYY-MM)",
    "gMonth": "a month (--MM)",
    "gMonthDay": "a month and day (--MM-DD)",
    "gDay": "a day (---DD)",
    "duration": "a duration (e.g. P1Y2M)",
    "language": "a language tag (e.g. en, de-AT)",
    "NCName": "a name without spaces or colons, not starting with a digit",
    "ID": "a unique identifier (letters, digits, . - _; not starting with a digit)",
    "anyURI": "a URI",
    "boolean": "true or false",
    "nonNegativeInteger": "a whole number >= 0",
    "positiveInteger": "a whole number > 0",
    "integer": "a whole number",
    "decimal": "a number",
    "double": "a number",
    "float": "a number",
    "Name": "an XML name",
    "token": "a token",
}


@cache
def _rx(pattern: str):
    return re.compile(rf"(?:{pattern})\Z")


@lru_cache(maxsize=256)
def _user_pattern(pattern: str):
    # Translating an XSD regex costs ~70 ms (elementpath sizes Unicode blocks), paid
    # again by every process and worker: keep the translation in the disk cache.
    key = (
        "xsd-"
        + hashlib.sha256(pattern.encode("utf-8")).hexdigest()[:32]
        + f"-v{disk_cache.CACHE_VERSION}.txt"
    )
    hit = disk_cache.read("re", key)
    if hit is not None:
        text = hit.decode("utf-8")
        return re.compile(text) if text else None
    try:
        from elementpath.regex import translate_pattern

        text = translate_pattern(pattern, anchors=False) + r"\Z"
        compiled = re.compile(text)
    except Exception:  # an XSD regex we cannot translate: do not blame anyone with it
        text, compiled = "", None
    disk_cache.write("re", key, text.encode("utf-8"))
    return compiled


def _collapse(s: str) -> str:
    return " ".join(s.split())


def _days_ok(value: str, type_: str) -> bool:
    m = re.match(
        r"(-?\d{4,})-(\d\d)-(\d\d)" if type_ in ("date", "dateTime") else r"--(\d\d)-(\d\d)", value
    )
    if not m:
        return True
    if type_ in ("date", "dateTime"):
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if year < 0:  # jing counts 1 BCE (-0001) as the leap year 0
            year += 1
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    else:
        year, month, day, leap = 0, int(m.group(1)), int(m.group(2)), True
    limit = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return day <= limit


def lexical_ok(type_: str, value: str) -> bool:
    """Is ``value`` (already whitespace-normalised) in the lexical space of ``type_``?"""
    if type_ in _LISTS:
        items = value.split()
        return bool(items) and all(lexical_ok(_LISTS[type_], v) for v in items)
    if type_ == "anyURI":
        return not re.search(r"[\x00-\x1f]", value) and value.count("#") <= 1
    rx = _LEXICAL.get(type_)
    if rx is None:
        return True
    if not _rx(rx).match(value):
        return False
    if type_ in ("date", "dateTime", "gMonthDay"):
        return _days_ok(value, type_)
    if type_ in _RANGES:
        return -_RANGES[type_] <= int(value) < _RANGES[type_]
    if type_ in _URANGES:
        return 0 <= int(value) < _URANGES[type_]
    return True


def _number(value: str):
    try:
        return float(value)
    except ValueError:
        return None


def data_ok(lib: str, type_: str, params: tuple, raw: str) -> bool:
    """Does ``raw`` match <data type=type_> with ``params`` (except patterns aside)?"""
    if lib != XSD_DT:
        return True  # the built-in library: string and token accept anything
    value = (
        raw
        if type_ in _PRESERVE
        else (
            raw.replace("\t", " ").replace("\n", " ").replace("\r", " ")
            if type_ in _REPLACE
            else _collapse(raw)
        )
    )
    if not lexical_ok(type_, value):
        return False
    for name, arg in params:
        if name == "pattern":
            rx = _user_pattern(arg)
            if rx is not None and not rx.match(value):
                return False
        elif name in ("length", "minLength", "maxLength"):
            size = len(value.split()) if type_ in _LISTS else len(value)
            n = int(arg)
            if (
                (name == "length" and size != n)
                or (name == "minLength" and size < n)
                or (name == "maxLength" and size > n)
            ):
                return False
        elif name in ("minInclusive", "maxInclusive", "minExclusive", "maxExclusive"):
            v, a = _number(value), _number(arg)
            if v is None or a is None:
                continue
            if (
                (name == "minInclusive" and v < a)
                or (name == "maxInclusive" and v > a)
                or (name == "minExclusive" and v <= a)
                or (name == "maxExclusive" and v >= a)
            ):
                return False
    return True


def value_ok(lib: str, type_: str, expected: str, raw: str) -> bool:
    """Does ``raw`` equal the <value> ``expected`` under ``type_``'s whitespace rule?"""
    if type_ == "string":
        return raw == expected
    a, b = _collapse(raw), _collapse(expected)
    if lib == XSD_DT and type_ in _INTEGERS | {"decimal", "double", "float"}:
        x, y = _number(a), _number(b)
        return x is not None and x == y
    if lib == XSD_DT and type_ == "boolean":
        return {"1": "true", "0": "false"}.get(a, a) == {"1": "true", "0": "false"}.get(b, b)
    return a == b


def describe(type_: str) -> str:
    return DESCRIBE.get(type_, f"a valid {type_}")
