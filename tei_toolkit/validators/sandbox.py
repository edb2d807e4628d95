"""What a Schematron schema may make Saxon do: the trust model of docs/SECURITY.md, enforced.

A schema is compiled by our own compiler into XSLT, and that stylesheet -- not the schema
text -- is what is checked before Saxon ever sees it:

* only the XSLT instructions the compiler itself emits, plus ``xsl:key`` and
  ``xsl:function`` and the plain instructions a function body needs, may appear: no
  ``xsl:result-document`` (writes files), ``xsl:include``/``import``/``use-package``
  (reads stylesheets), ``xsl:evaluate`` (XPath built at run time), ``xsl:message``
  with ``terminate``, or any extension instruction or attribute;
* every XPath expression (each attribute of an XSLT instruction, each ``{...}`` of an
  attribute value template) may call only pure functions, named in an allow-list:
  no ``environment-variable``, ``available-environment-variables``, ``transform``,
  ``load-xquery-module``, ``function-lookup`` (which would reach the others by name),
  ``parse-xml`` (a DOCTYPE inside would be fetched), or any extension function;
* functions that read a resource (``doc``, ``document``, ``unparsed-text``, ...) are
  allowed to a schema the **user** named; a schema a **document** named may call them
  only with a string literal that resolves inside the document's project folder.

Saxon itself is configured to reach ``file:`` URIs only (``allowedProtocols``), so no
schema, trusted or not, can use the network whatever its expressions compute.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from lxml import etree

from ..diagnostics import ToolkitError

XSL_NS = "http://www.w3.org/1999/XSL/Transform"
FN_NS = "http://www.w3.org/2005/xpath-functions"
MATH_NS = "http://www.w3.org/2005/xpath-functions/math"
MAP_NS = "http://www.w3.org/2005/xpath-functions/map"
ARRAY_NS = "http://www.w3.org/2005/xpath-functions/array"
XSD_NS = "http://www.w3.org/2001/XMLSchema"

# XSLT instructions a compiled Schematron stylesheet may contain.
ALLOWED_XSL = frozenset(
    "stylesheet transform output mode template apply-templates with-param param variable "
    "try catch value-of text if choose when otherwise for-each sequence copy-of copy "
    "element attribute key function iterate next-iteration break on-empty on-non-empty "
    "where-populated analyze-string matching-substring non-matching-substring "
    "for-each-group sort perform-sort number namespace comment processing-instruction "
    "map map-entry array array-member fallback".split()
)

# XPath 3.1 / XSLT 3.0 functions that only compute: no resource, no environment.
_PURE_FN = frozenset(
    """
    abs adjust-date-to-timezone adjust-dateTime-to-timezone adjust-time-to-timezone
    analyze-string apply avg base-uri boolean ceiling codepoint-equal codepoints-to-string
    collation-key compare concat contains contains-token count current-date current-dateTime
    current-time data dateTime day-from-date day-from-dateTime days-from-duration deep-equal
    default-collation default-language distinct-values document-uri empty encode-for-uri
    ends-with error escape-html-uri exactly-one exists false filter floor fold-left
    fold-right for-each for-each-pair format-date format-dateTime format-integer
    format-number format-time generate-id has-children head hours-from-dateTime
    hours-from-duration hours-from-time id idref implicit-timezone in-scope-prefixes
    index-of innermost insert-before iri-to-uri json-to-xml lang last local-name
    local-name-from-QName lower-case matches max min minutes-from-dateTime
    minutes-from-duration minutes-from-time month-from-date month-from-dateTime
    months-from-duration name namespace-uri namespace-uri-for-prefix namespace-uri-from-QName
    nilled node-name normalize-space normalize-unicode not number one-or-more outermost
    parse-ietf-date parse-json path position prefix-from-QName QName random-number-generator
    remove replace resolve-QName resolve-uri reverse root round round-half-to-even
    seconds-from-dateTime seconds-from-duration seconds-from-time serialize sort
    starts-with static-base-uri string string-join string-length string-to-codepoints
    subsequence substring substring-after substring-before sum tail timezone-from-date
    timezone-from-dateTime timezone-from-time tokenize trace translate true unordered
    upper-case xml-to-json year-from-date year-from-dateTime years-from-duration zero-or-one
    function-name function-arity
    current current-group current-grouping-key key regex-group system-property
    element-available function-available type-available unparsed-entity-uri
    unparsed-entity-public-id accumulator-before accumulator-after copy-of snapshot
    current-merge-group current-merge-key available-system-properties
    """.split()
)
# Functions that read a resource named by their first argument.
READERS = frozenset(
    "doc doc-available document unparsed-text unparsed-text-lines unparsed-text-available "
    "json-doc collection uri-collection".split()
)
_PURE_MATH = frozenset("pi exp exp10 log log10 pow sqrt sin cos tan asin acos atan atan2".split())
_PURE_MAP = frozenset("merge size keys contains get find put entry remove for-each".split())
_PURE_ARRAY = frozenset(
    "size get put append subarray remove insert-before head tail reverse join "
    "for-each filter fold-left fold-right for-each-pair sort flatten".split()
)
# Names followed by "(" that are syntax, not function calls.
_KEYWORDS = frozenset(
    "if switch typeswitch node text comment processing-instruction element attribute "
    "schema-element schema-attribute document-node namespace-node item function map array "
    "empty-sequence".split()
    # Operators may be followed by "(" too. No function of the fn namespace (where an
    # unprefixed name would resolve) has one of these names, so none can hide here.
    + "and or div mod idiv union intersect except return satisfies then else in eq ne lt "
    "le gt ge is to of as case default".split()
)

_TOKEN = re.compile(
    r"""(?P<str>"(?:[^"]|"")*"|'(?:[^']|'')*')
      | (?P<comment>\(:)
      | (?P<var>\$\s*(?:Q\{[^}]*\}[\w.-]+|[\w.-]+(?::[\w.-]+)?))
      | (?P<name>Q\{[^}]*\}[\w.-]+|[^\W\d][\w.-]*(?::[^\W\d][\w.-]*)?)
      | (?P<other>\S)""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Policy:
    """Who named the schema, and where it may read from when it is not trusted."""

    trusted: bool  # named by the user (--schema, --odd), or one of ours
    project: Path | None = None  # reads allowed under here (untrusted)
    base: Path | None = None  # the schema file: relative URIs resolve against it
    origin: Path | None = None  # the ODD (checked by models.py) the schema was compiled from

    @classmethod
    def user(cls, base: Path | None = None) -> Policy:
        return cls(trusted=True, base=base)


class Refused(ToolkitError):
    """A schema asks for something the trust model forbids."""

    def __init__(self, message: str, *, line: int | None = None, file: str | None = None):
        where = f" (line {line})" if line else ""
        super().__init__(message + where, code="sch:refused", file=file)
        self.line = line


def check_stylesheet(
    stylesheet: etree._Element, policy: Policy, *, file: str | None = None
) -> None:
    """Raise Refused unless every instruction and expression of ``stylesheet`` is allowed."""
    own = declared_functions(stylesheet)
    for el in stylesheet.iter():
        if not isinstance(el.tag, str):
            continue
        qname = etree.QName(el)
        line = el.sourceline
        if qname.namespace == XSL_NS:
            if qname.localname not in ALLOWED_XSL:
                raise Refused(
                    f"xsl:{qname.localname} is not allowed in a Schematron schema",
                    line=line,
                    file=file,
                )
            if qname.localname == "message" or el.get("terminate"):
                raise Refused("xsl:message is not allowed", line=line, file=file)
            for name, value in el.attrib.items():
                attr = etree.QName(name)
                if attr.namespace not in (None, "http://www.w3.org/XML/1998/namespace"):
                    raise Refused(
                        f"extension attribute {name} is not allowed", line=line, file=file
                    )
                check_xpath(value, el.nsmap, policy, line=line, file=file, own_functions=own)
        else:
            for name, value in el.attrib.items():
                if etree.QName(name).namespace == XSL_NS:
                    raise Refused(f"attribute {name} is not allowed", line=line, file=file)
                for expr in _avt_parts(value):
                    check_xpath(expr, el.nsmap, policy, line=line, file=file, own_functions=own)


SCH_NS = "http://purl.oclc.org/dsdl/schematron"
_SCH_XPATH_ATTRS = ("context", "test", "select", "value", "path", "subject")


def check_schema(
    schema: etree._Element, nsmap: dict, policy: Policy, *, file: str | None = None
) -> None:
    """The same check on the Schematron source, so a refusal names the schema's own line.

    ``nsmap`` is the one the compiler binds (sch:ns plus the schema's declarations)."""
    own = declared_functions(schema, nsmap)
    for el in schema.iter(f"{{{SCH_NS}}}*"):
        for name in _SCH_XPATH_ATTRS:
            value = el.get(name)
            if value:
                check_xpath(value, nsmap, policy, line=el.sourceline, file=file, own_functions=own)
    for el in schema.iter(f"{{{XSL_NS}}}*"):
        local = etree.QName(el).localname
        if local not in ALLOWED_XSL:
            raise Refused(
                f"xsl:{local} is not allowed in a Schematron schema",
                line=el.sourceline,
                file=file,
            )


def declared_functions(root: etree._Element, nsmap: dict | None = None) -> frozenset[str]:
    """Clark names of the xsl:function declarations in ``root`` (their bodies are checked)."""
    names = set()
    for fn in root.iter(f"{{{XSL_NS}}}function"):
        ns, local = _resolve(fn.get("name") or "", {**(nsmap or {}), **fn.nsmap})
        if ns and ns != FN_NS:
            names.add(f"{{{ns}}}{local}")
    return frozenset(names)


def check_xpath(
    expr: str,
    nsmap: dict,
    policy: Policy,
    *,
    line: int | None = None,
    file: str | None = None,
    own_functions: frozenset[str] = frozenset(),
) -> None:
    """Raise Refused if ``expr`` calls (or names) a function outside the allow-list."""
    tokens = list(_tokens(expr))
    for i, (kind, text) in enumerate(tokens):
        if kind != "name":
            continue
        nxt = tokens[i + 1][1] if i + 1 < len(tokens) else ""
        if nxt not in ("(", "#"):
            continue
        if nxt == "(" and text in _KEYWORDS:
            continue
        ns, local = _resolve(text, nsmap)
        if ns is None:
            raise Refused(f"unknown function prefix in {text}()", line=line, file=file)
        if _pure(ns, local) or f"{{{ns}}}{local}" in own_functions:
            continue
        if ns == FN_NS and local in READERS:
            if policy.trusted:
                continue
            literal = _literal_argument(tokens, i)
            if nxt == "(" and literal is not None and _inside(literal, policy):
                continue
            raise Refused(
                f"{local}() may not read this resource: a schema named by a document reads "
                "only files inside the document's project folder, named by a string literal",
                line=line,
                file=file,
            )
        raise Refused(f"function {text}() is not allowed in a schema", line=line, file=file)


def _pure(ns: str, local: str) -> bool:
    if ns == FN_NS:
        return local in _PURE_FN
    if ns == MATH_NS:
        return local in _PURE_MATH
    if ns == MAP_NS:
        return local in _PURE_MAP
    if ns == ARRAY_NS:
        return local in _PURE_ARRAY
    return ns == XSD_NS  # constructor functions: xs:integer("1")


def _tokens(expr: str):
    i, n = 0, len(expr)
    while i < n:
        if expr[i].isspace():
            i += 1
            continue
        m = _TOKEN.match(expr, i)
        if m is None:  # pragma: no cover - \S matches any other character
            return
        kind = m.lastgroup
        if kind == "comment":  # (: ... :), nested
            depth, j = 1, m.end()
            while j < n and depth:
                if expr.startswith("(:", j):
                    depth, j = depth + 1, j + 2
                elif expr.startswith(":)", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            i = j
            continue
        assert kind is not None
        yield kind, m.group(kind)
        i = m.end()


def _resolve(name: str, nsmap: dict) -> tuple[str | None, str]:
    if name.startswith("Q{"):
        uri, _, local = name[2:].partition("}")
        return uri, local
    prefix, _, local = name.rpartition(":")
    if not prefix:
        return FN_NS, local
    if prefix == "fn":
        return nsmap.get("fn", FN_NS), local
    return nsmap.get(prefix), local


def _literal_argument(tokens: list, at: int) -> str | None:
    """The argument of ``name(...)`` at ``at`` when it is one string literal."""
    if at + 3 < len(tokens) and tokens[at + 2][0] == "str" and tokens[at + 3][1] == ")":
        raw = tokens[at + 2][1]
        return raw[1:-1].replace(raw[0] * 2, raw[0])
    return None


def _inside(uri: str, policy: Policy) -> bool:
    if policy.project is None or policy.base is None:
        return False
    parsed = urlparse(uri)
    if parsed.scheme not in ("", "file") or parsed.netloc:
        return False
    target = (policy.base.parent / unquote(parsed.path)).resolve()
    return target.is_relative_to(policy.project.resolve())


def _avt_parts(value: str) -> list[str]:
    """The expressions inside an attribute value template ({{ and }} are literal braces)."""
    out, depth, start, i = [], 0, 0, 0
    while i < len(value):
        c = value[i]
        if depth == 0 and c == "{":
            if value.startswith("{{", i):
                i += 2
                continue
            depth, start = 1, i + 1
        elif depth and c == "{":
            depth += 1
        elif depth and c == "}":
            depth -= 1
            if depth == 0:
                out.append(value[start:i])
        i += 1
    if depth:
        out.append(value[start:])
    return out


SAXON_ALLOWED_PROTOCOLS = "file"
