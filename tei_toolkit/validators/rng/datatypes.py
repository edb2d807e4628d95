"""Which datatypes and parameters a schema may use (spec 4.16), and checking values."""

from __future__ import annotations

from .. import datatypes as D

_STRINGS = {
    "string", "normalizedString", "token", "language", "Name", "NCName", "NMTOKEN",
    "ID", "IDREF", "ENTITY", "anyURI", "QName", "NOTATION", "hexBinary", "base64Binary",
}  # fmt: skip
_LISTS = {"IDREFS", "NMTOKENS", "ENTITIES"}
_DECIMALS = {
    "decimal", "integer", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger",
    "negativeInteger", "long", "int", "short", "byte", "unsignedLong", "unsignedInt",
    "unsignedShort", "unsignedByte",
}  # fmt: skip
_ORDERED = {
    "float", "double", "duration", "dateTime", "time", "date", "gYearMonth", "gYear",
    "gMonthDay", "gDay", "gMonth",
}  # fmt: skip
_LENGTHS = {"length", "minLength", "maxLength", "pattern"}
_RANGES = {"pattern", "minInclusive", "maxInclusive", "minExclusive", "maxExclusive"}


def _facets(type_: str) -> set[str] | None:
    if type_ in _STRINGS or type_ in _LISTS:
        return _LENGTHS
    if type_ in _DECIMALS:
        return _RANGES | {"totalDigits"} | ({"fractionDigits"} if type_ == "decimal" else set())
    if type_ in _ORDERED:
        return _RANGES
    if type_ == "boolean":
        return {"pattern"}
    return None


def check_datatype(lib: str, type_: str, params: tuple) -> str | None:
    """A message if ``lib``/``type_``/``params`` is not a datatype jing knows, else None."""
    if lib == "":
        if type_ not in ("string", "token"):
            return f'datatype "{type_}" not recognized in the built-in library'
        if params:
            return f'datatype "{type_}" of the built-in library takes no parameters'
        return None
    if lib != D.XSD_DT:
        return f'datatype library "{lib}" not recognized'
    allowed = _facets(type_)
    if allowed is None:
        return f'datatype "{type_}" not recognized'
    names = [n for n, _ in params]
    for name, arg in params:
        if name not in allowed:
            return f'parameter "{name}" not allowed for datatype "{type_}"'
        if name != "pattern" and names.count(name) > 1:
            return f'duplicate parameter "{name}"'
        if name in ("length", "minLength", "maxLength", "totalDigits", "fractionDigits"):
            if not D.lexical_ok("nonNegativeInteger", arg.strip()):
                return f'bad value "{arg}" for parameter "{name}"'
        elif name != "pattern" and not D.data_ok(D.XSD_DT, type_, (), arg):
            return f'bad value "{arg}" for parameter "{name}"'
    if "length" in names and ("minLength" in names or "maxLength" in names):
        return 'parameter "length" cannot be combined with "minLength" or "maxLength"'
    return None
