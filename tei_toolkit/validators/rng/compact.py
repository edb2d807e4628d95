"""RELAX NG compact syntax (.rnc) -> the XML syntax's element tree, for ``syntax.Reader``.

The translation follows the compact syntax specification (OASIS, 2002, section 4):
declarations become ``ns``, ``xmlns:*`` and ``datatypeLibrary`` on the elements,
operators become group / choice / interleave, ``*`` ``+`` ``?`` zeroOrMore / oneOrMore
/ optional, an unprefixed name in an attribute's name class gets ``ns=""``. Annotations
(``[...]``, ``>> x [...]``, ``##`` comments, annotation elements in a grammar) are
dropped, as the XML reader drops foreign elements. Every element carries the line of
its construct, so the Reader's problems point into the .rnc file. Nothing is read
here: ``include`` and ``external`` stay hrefs for the Reader to load, as for .rng.
"""

from __future__ import annotations

from lxml import etree

from .compact_tokens import KEYWORDS, CompactError, TokenStream, tokenize
from .names import RNG_NS, XSD_DT

_R = f"{{{RNG_NS}}}"
# The prefix of the translated elements: one no compact schema uses (so that it never
# shadows a prefix the schema declares, which QNames in values resolve through).
_OWN = {"tkx-rnc": RNG_NS}


class _Parser(TokenStream):
    def __init__(self, text: str):
        super().__init__(tokenize(text))
        self.nsmap: dict[str, str] = {}
        self.default_ns: str | None = None
        self.libs = {"xsd": XSD_DT}

    # ------------------------------------------------------------ elements
    def el(self, tag: str, line: int, /, *kids: etree._Element, **attrs: str) -> etree._Element:
        e = etree.Element(_R + tag, attrs, nsmap=_OWN)
        e.sourceline = line
        e.extend(kids)
        return e

    # ------------------------------------------------------------ top level
    def top(self) -> etree._Element:
        self.decls()
        kind, v, line = self.peek()
        grammar_start = (kind in ("id", "qid", "cname") and self._is_grammar_item()) or (
            kind == "id" and v in ("start", "div", "include")
        )
        if kind == "eof" or grammar_start:
            root = self.el("grammar", line, *self.grammar_content(top=True))
        else:
            root = self.pattern()
            if self.peek()[0] != "eof":
                raise self.fail(f'unexpected "{self.peek()[1]}" after the pattern')
        # declarations as the XML syntax has them, on a new root carrying the nsmap
        nsmap = {**_OWN, **{k: v for k, v in self.nsmap.items() if k != "xml"}}
        out = etree.Element(root.tag, dict(root.attrib), nsmap=nsmap)
        out.sourceline = root.sourceline
        out.text = root.text
        out.extend(list(root))
        if self.default_ns is not None and "ns" not in out.attrib:
            out.set("ns", self.default_ns)
        return out

    def _is_grammar_item(self) -> bool:
        """An identifier followed by an assignment or an annotation's "[" (a define or
        an annotation element), after any leading annotations."""
        j = 0
        while self.is_p("[", j):
            depth, j = 1, j + 1
            while depth and self.peek(j)[0] != "eof":
                depth += self.is_p("[", j) - self.is_p("]", j)
                j += 1
        kind, v, _ = self.peek(j)
        if kind == "id" and v in ("start", "div", "include"):
            return True
        return kind in ("id", "qid", "cname") and any(
            self.is_p(op, j + 1) for op in ("=", "|=", "&=", "[")
        )

    def decls(self) -> None:
        while True:
            self.skip_annotations()
            if self.is_kw("namespace"):
                self.next()
                prefix = self.identifier_or_keyword()
                self.expect("=")
                self._namespace(prefix, self._ns_literal())
            elif self.is_kw("default") and self.peek(1)[1] == "namespace":
                self.next()
                self.next()
                named = None if self.is_p("=") else self.identifier_or_keyword()
                self.expect("=")
                uri = self._ns_literal()
                self.default_ns = uri
                if named is not None:
                    self._namespace(named, uri)
            elif self.is_kw("datatypes"):
                self.next()
                prefix = self.identifier_or_keyword()
                self.expect("=")
                self.libs[prefix] = self.literal()
            else:
                return

    def _ns_literal(self) -> str:
        if self.is_kw("inherit"):
            self.next()
            return self.default_ns or ""
        return self.literal()

    def _namespace(self, prefix: str, uri: str) -> None:
        if prefix == "xml":
            return
        self.nsmap[prefix] = uri

    # ------------------------------------------------------------ grammar content
    def grammar_content(self, *, top: bool = False, include: bool = False) -> list:
        items: list[etree._Element] = []
        while True:
            self.skip_annotations()
            kind, v, line = self.peek()
            if kind == "eof" if top else (kind == "p" and v == "}"):
                return items
            if kind == "id" and v == "start":
                self.next()
                combine = self._assign()
                items.append(self.el("start", line, self.pattern(), **combine))
            elif kind == "id" and v == "div":
                self.next()
                self.expect("{")
                items.append(self.el("div", line, *self.grammar_content(include=include)))
                self.expect("}")
            elif kind == "id" and v == "include" and not include:
                self.next()
                href = self.literal()
                attrs = self._inherit()
                kids = []
                if self.is_p("{"):
                    self.next()
                    kids = self.grammar_content(include=True)
                    self.expect("}")
                items.append(self.el("include", line, *kids, href=href, **attrs))
            elif kind in ("id", "qid", "cname") and self.is_p("[", 1):
                self.next()  # an annotation element: dropped
                self._skip_brackets()
            elif kind in ("id", "qid") and not (kind == "id" and v in KEYWORDS):
                self.next()
                combine = self._assign()
                items.append(self.el("define", line, self.pattern(), name=v, **combine))
            else:
                raise CompactError(f'expected a definition, found "{v or "end of file"}"', line)

    def _assign(self) -> dict[str, str]:
        kind, v, line = self.next()
        if kind == "p" and v == "=":
            return {}
        if kind == "p" and v in ("|=", "&="):
            return {"combine": "choice" if v == "|=" else "interleave"}
        raise CompactError(f'expected "=", "|=" or "&=", found "{v or "end of file"}"', line)

    def _inherit(self) -> dict[str, str]:
        if self.is_kw("inherit"):
            self.next()
            self.expect("=")
            prefix = self.identifier_or_keyword()
            if prefix not in self.nsmap:
                raise self.fail(f'namespace prefix "{prefix}" is not declared')
            return {"ns": self.nsmap[prefix]}
        return {"ns": self.default_ns} if self.default_ns is not None else {}

    # ------------------------------------------------------------ patterns
    def pattern(self) -> etree._Element:
        line = self.peek()[2]
        items = [self.particle()]
        op = self.peek()[1] if self.peek()[0] == "p" else ""
        if op not in (",", "|", "&"):
            return items[0]
        while self.is_p(op):
            self.next()
            items.append(self.particle())
        kind, v, _ = self.peek()
        if kind == "p" and v in (",", "|", "&"):
            raise self.fail(f'"{op}" and "{v}" mixed without parentheses')
        name = {",": "group", "|": "choice", "&": "interleave"}[op]
        return self.el(name, line, *items)

    def particle(self) -> etree._Element:
        self.skip_annotations()
        p = self.primary()
        kind, v, line = self.peek()
        if kind == "p" and v in ("?", "*", "+"):
            self.next()
            name = {"?": "optional", "*": "zeroOrMore", "+": "oneOrMore"}[v]
            p = self.el(name, line, p)
        self.skip_annotations()
        return p

    def primary(self) -> etree._Element:
        self.skip_annotations()
        kind, v, line = self.next()
        if kind == "id":
            if v in ("element", "attribute"):
                self.skip_annotations()
                kind2, name, _ = self.peek()
                if kind2 in ("id", "qid", "cname") and self.is_p("{", 1):
                    # a plain name: the name attribute (a prefix resolves through the
                    # nsmap; an "ns" attribute would change what the content inherits)
                    self.next()
                    if kind2 == "cname":
                        self._uri(name.split(":", 1)[0], line)
                    self.expect("{")
                    body = self.pattern()
                    self.expect("}")
                    return self.el(v, line, body, name=name)
                nc = self.name_class(attribute=v == "attribute")
                self.expect("{")
                body = self.pattern()
                self.expect("}")
                return self.el(v, line, nc, body)
            if v in ("list", "mixed"):
                self.expect("{")
                body = self.pattern()
                self.expect("}")
                return self.el(v, line, body)
            if v in ("empty", "text", "notAllowed"):
                return self.el(v, line)
            if v == "parent":
                return self.el("parentRef", line, name=self.identifier_or_keyword())
            if v == "external":
                href = self.literal()
                return self.el("externalRef", line, href=href, **self._inherit())
            if v == "grammar":
                self.expect("{")
                content = self.grammar_content()
                self.expect("}")
                return self.el("grammar", line, *content)
            if v in ("string", "token"):
                return self._datatype(v, "", line)
            if v in KEYWORDS:
                raise CompactError(f'keyword "{v}" cannot be a pattern (write \\{v})', line)
            return self.el("ref", line, name=v)
        if kind == "qid":
            return self.el("ref", line, name=v)
        if kind == "cname":
            prefix, local = v.split(":", 1)
            if prefix not in self.libs:
                raise CompactError(f'datatype prefix "{prefix}" is not declared', line)
            return self._datatype(local, self.libs[prefix], line)
        if kind == "lit":
            self.i -= 1
            value = self.el("value", line, type="token", datatypeLibrary="")
            value.text = self.literal()
            return value
        if kind == "p" and v == "(":
            p = self.pattern()
            self.expect(")")
            return p
        raise CompactError(f'expected a pattern, found "{v or "end of file"}"', line)

    def _datatype(self, type_: str, lib: str, line: int) -> etree._Element:
        if self.peek()[0] == "lit":
            value = self.el("value", line, type=type_, datatypeLibrary=lib)
            value.text = self.literal()
            return value
        data = self.el("data", line, type=type_, datatypeLibrary=lib)
        if self.is_p("{"):
            self.next()
            while not self.is_p("}"):
                self.skip_annotations()
                pline = self.peek()[2]
                name = self.identifier_or_keyword()
                self.expect("=")
                param = self.el("param", pline, name=name)
                param.text = self.literal()
                data.append(param)
            self.expect("}")
        if self.is_p("-"):
            self.next()
            data.append(self.el("except", line, self.particle()))
        return data

    # ------------------------------------------------------------ name classes
    def name_class(self, *, attribute: bool) -> etree._Element:
        line = self.peek()[2]
        items = [self.nc_primary(attribute)]
        while self.is_p("|"):
            self.next()
            items.append(self.nc_primary(attribute))
        return items[0] if len(items) == 1 else self.el("choice", line, *items)

    def nc_primary(self, attribute: bool) -> etree._Element:
        self.skip_annotations()
        kind, v, line = self.next()
        if kind == "p" and v == "(":
            nc = self.name_class(attribute=attribute)
            self.expect(")")
            return nc
        if kind == "p" and v == "*":
            return self._except(self.el("anyName", line), attribute)
        if kind == "nsname":
            prefix = v[:-2]
            return self._except(self.el("nsName", line, ns=self._uri(prefix, line)), attribute)
        if kind in ("id", "qid"):
            name = self.el("name", line)
            name.text = v
            if attribute:
                name.set("ns", "")
            elif self.default_ns is not None:  # not what an enclosing nsName says
                name.set("ns", self.default_ns)
            self.skip_annotations()
            return name
        if kind == "cname":
            prefix, local = v.split(":", 1)
            name = self.el("name", line, ns=self._uri(prefix, line))
            name.text = local
            self.skip_annotations()
            return name
        raise CompactError(f'expected a name class, found "{v or "end of file"}"', line)

    def _except(self, nc: etree._Element, attribute: bool) -> etree._Element:
        self.skip_annotations()
        if self.is_p("-"):
            line = self.next()[2]
            nc.append(self.el("except", line, self.nc_primary(attribute)))
        return nc

    def _uri(self, prefix: str, line: int) -> str:
        if prefix == "xml":
            return "http://www.w3.org/XML/1998/namespace"
        if prefix not in self.nsmap:
            raise CompactError(f'namespace prefix "{prefix}" is not declared', line)
        return self.nsmap[prefix]


def to_xml(text: str) -> etree._Element:
    """The RELAX NG XML syntax of a compact schema; CompactError(message, line) if it is
    not one."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return _Parser(text).top()
