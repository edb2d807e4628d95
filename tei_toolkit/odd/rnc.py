"""RELAX NG XML syntax -> RELAX NG compact syntax (ISO/IEC 19757-2 Annex C).

A writer from the pattern tree, for the grammars ``relaxng.build_grammar`` makes and
for any other full-syntax RELAX NG: every pattern and name class, ``ns`` and
``datatypeLibrary`` inheritance, QName names, ``combine``, ``include`` with overrides,
``div``, nested ``grammar``. Annotations (foreign elements and attributes, comments
inside the grammar) are left out: the Schematron is written beside the schema anyway.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from .source import RNG_NS

XSD_DATATYPES = "http://www.w3.org/2001/XMLSchema-datatypes"
XML_NS = "http://www.w3.org/XML/1998/namespace"
KEYWORDS = frozenset(
    "attribute default datatypes div element empty external grammar include inherit list "
    "mixed namespace notAllowed parent start string text token".split()
)
_R = f"{{{RNG_NS}}}"
_BINARY = {"group": ",", "choice": "|", "interleave": "&"}
_POSTFIX = {"optional": "?", "zeroOrMore": "*", "oneOrMore": "+"}
_NAME_CLASSES = {"name", "anyName", "nsName", "choice"}


def literal(text: str) -> str:
    """A compact-syntax string literal (\\x{...} escapes for what cannot appear as is)."""
    text = text.replace("\\", "\\x{5C}").replace("\n", "\\x{A}").replace("\r", "\\x{D}")
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return " ~ ".join(f'"{part}"' if part else "'\"'" for part in _split_quotes(text))


def _split_quotes(text: str) -> list[str]:
    out: list[str] = []
    for i, part in enumerate(text.split('"')):
        if i:
            out.append("")  # a '"' between pieces
        if part:
            out.append(part)
    return out


def identifier(name: str) -> str:
    return f"\\{name}" if name in KEYWORDS else name


def _children(el: etree._Element) -> list[etree._Element]:
    """RELAX NG child elements (annotations and comments dropped)."""
    return [c for c in el if isinstance(c.tag, str) and c.tag.startswith(_R)]


def _kind(el: etree._Element) -> str:
    return el.tag[len(_R) :]


@dataclass
class _Writer:
    namespaces: dict[str, str] = field(default_factory=dict)  # uri -> prefix
    libraries: dict[str, str] = field(default_factory=dict)  # uri -> prefix
    default_ns: str | None = None

    # -- names -----------------------------------------------------------------------------
    def prefix(self, uri: str, hint: str | None = None) -> str:
        if uri == XML_NS:
            return "xml"
        if uri not in self.namespaces:
            taken = set(self.namespaces.values()) | {"xml", "xsd"}
            name = hint if hint and hint not in taken and hint not in KEYWORDS else None
            n = 1
            while name is None or name in taken:
                name, n = f"ns{n}", n + 1
            self.namespaces[uri] = name
        return self.namespaces[uri]

    def qname(self, el: etree._Element, name: str, ns: str, *, attribute: bool) -> str:
        if ":" in name:  # a QName: its prefix is an XML namespace declaration in scope
            pfx, local = name.split(":", 1)
            uri = el.nsmap.get(pfx)
            if uri is None:
                raise ValueError(f"line {el.sourceline}: undeclared prefix in {name!r}")
            return f"{self.prefix(uri, pfx)}:{local}"
        if (attribute and ns == "") or (not attribute and ns == (self.default_ns or "")):
            return identifier(name)
        if ns == "":
            return f"{self.prefix('', 'local')}:{name}"
        return f"{self.prefix(ns, _hint(el, ns))}:{name}"

    def datatype(self, el: etree._Element, type_: str) -> str:
        lib = _inherited(el, "datatypeLibrary") or ""
        if lib == "":
            return type_  # string, token: compact syntax keywords
        if lib == XSD_DATATYPES:
            return f"xsd:{type_}"
        if lib not in self.libraries:
            self.libraries[lib] = f"dt{len(self.libraries) + 1}"
        return f"{self.libraries[lib]}:{type_}"

    def name_class(self, el: etree._Element, *, attribute: bool) -> str:
        kind = _kind(el)
        if kind == "name":
            ns = el.get("ns", _inherited(el, "ns") or "")
            return self.qname(el, (el.text or "").strip(), ns, attribute=attribute)
        if kind == "anyName":
            return "*" + self._except_nc(el, attribute)
        if kind == "nsName":
            ns = _inherited(el, "ns") or ""
            return f"{self.prefix(ns, _hint(el, ns))}:*" + self._except_nc(el, attribute)
        if kind == "choice":
            return (
                "("
                + " | ".join(self.name_class(c, attribute=attribute) for c in _children(el))
                + ")"
            )
        raise ValueError(f"line {el.sourceline}: not a name class: {kind}")

    def _except_nc(self, el: etree._Element, attribute: bool) -> str:
        exc = el.find(_R + "except")
        if exc is None:
            return ""
        parts = [self.name_class(c, attribute=attribute) for c in _children(exc)]
        return " - (" + " | ".join(parts) + ")"

    # -- patterns: (text, kind), kind "atom" | "postfix" | a binary operator ------------------
    def pattern(self, el: etree._Element) -> tuple[str, str]:
        kind = _kind(el)
        if kind in ("empty", "text", "notAllowed"):
            return kind, "atom"
        if kind == "ref":
            return identifier(el.get("name", "").strip()), "atom"
        if kind == "parentRef":
            return f"parent {identifier(el.get('name', '').strip())}", "atom"
        if kind == "externalRef":
            return f"external {literal(el.get('href', ''))}", "atom"
        if kind in _BINARY:
            return self.sequence(_children(el), _BINARY[kind])
        if kind in _POSTFIX:
            text, inner = self.sequence(_children(el), ",")
            if inner != "atom":
                text = f"({text})"
            return text + _POSTFIX[kind], "postfix"
        if kind in ("mixed", "list"):
            return f"{kind} {{ {self.body(_children(el))} }}", "atom"
        if kind in ("element", "attribute"):
            return self.named(el, kind), "atom"
        if kind == "value":
            type_ = el.get("type")
            text = literal(el.text or "")
            if type_ is None:
                return text, "atom"
            return f"{self.datatype(el, type_.strip())} {text}", "atom"
        if kind == "data":
            return self.data(el), "atom"
        if kind == "grammar":
            return "grammar {\n" + self.grammar_body(el, "  ") + "}", "atom"
        raise ValueError(f"line {el.sourceline}: unknown RELAX NG element {kind}")

    def sequence(self, items: list[etree._Element], op: str) -> tuple[str, str]:
        parts = [self.pattern(c) for c in items]
        if not parts:
            return "empty", "atom"
        if len(parts) == 1:
            return parts[0]
        texts = [t if k in ("atom", "postfix") else f"({t})" for t, k in parts]
        return (", " if op == "," else f" {op} ").join(texts), op

    def body(self, items: list[etree._Element]) -> str:
        return self.sequence(items, ",")[0]

    def named(self, el: etree._Element, kind: str) -> str:
        attribute = kind == "attribute"
        kids = _children(el)
        if el.get("name") is not None:
            ns = el.get("ns", "") if attribute else _inherited(el, "ns") or ""
            name = self.qname(el, el.get("name", "").strip(), ns, attribute=attribute)
        else:
            name = self.name_class(kids[0], attribute=attribute)
            kids = kids[1:]
        content = self.body(kids) if kids else ("text" if attribute else "empty")
        return f"{kind} {name} {{ {content} }}"

    def data(self, el: etree._Element) -> str:
        text = self.datatype(el, el.get("type", "").strip())
        params = [
            f"{identifier(p.get('name', ''))} = {literal(p.text or '')}"
            for p in el.findall(_R + "param")
        ]
        if params:
            text += " { " + " ".join(params) + " }"
        exc = el.find(_R + "except")
        if exc is not None:
            text += " - (" + self.sequence(_children(exc), "|")[0] + ")"
        return text

    # -- grammar content -------------------------------------------------------------------
    def grammar_body(self, el: etree._Element, indent: str) -> str:
        lines = []
        for c in _children(el):
            kind = _kind(c)
            if kind in ("start", "define"):
                name = "start" if kind == "start" else identifier(c.get("name", "").strip())
                op = {"choice": "|=", "interleave": "&="}.get(c.get("combine", ""), "=")
                lines.append(f"{indent}{name} {op} {self.body(_children(c))}\n")
            elif kind == "div":
                lines.append(f"{indent}div {{\n{self.grammar_body(c, indent + '  ')}{indent}}}\n")
            elif kind == "include":
                inner = self.grammar_body(c, indent + "  ")
                block = f" {{\n{inner}{indent}}}" if inner else ""
                lines.append(f"{indent}include {literal(c.get('href', ''))}{block}\n")
            else:
                raise ValueError(f"line {c.sourceline}: {kind} is not allowed in a grammar")
        return "".join(lines)


def _inherited(el: etree._Element | None, attr: str) -> str | None:
    while el is not None:
        if isinstance(el.tag, str) and el.get(attr) is not None:
            return el.get(attr)
        el = el.getparent()
    return None


def _hint(el: etree._Element, uri: str) -> str | None:
    """A prefix the schema itself binds to ``uri``, to keep the output readable."""
    return next((p for p, u in el.nsmap.items() if u == uri and p), None)


def to_rnc(root: etree._Element, header: str | None = None) -> str:
    """The compact syntax of a RELAX NG schema (a ``grammar`` or any single pattern)."""
    writer = _Writer(default_ns=root.get("ns") if root.get("ns") is not None else None)
    if _kind(root) == "grammar":
        body = writer.grammar_body(root, "")
    else:
        body = writer.pattern(root)[0] + "\n"
    head = [f"# {line}".rstrip() for line in (header or "").strip().splitlines()]
    if writer.default_ns is not None:
        head.append(f"default namespace = {literal(writer.default_ns)}")
    head += [f"namespace {p} = {literal(u)}" for u, p in writer.namespaces.items()]
    head += [f"datatypes {p} = {literal(u)}" for u, p in writer.libraries.items()]
    return "\n".join(head) + ("\n\n" if head else "") + body
