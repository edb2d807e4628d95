"""``Node`` tree -> patterns: grammars, defines, combine, include overrides (sections 4.7,
4.10-4.19). Non-element defines are expanded in place; each element is its own define."""

from __future__ import annotations

from .. import datatypes as D
from .datatypes import check_datatype
from .names import XMLNS_NS, Where, is_ncname
from .patterns import ElementDef, NameClass, Pattern, Patterns
from .syntax import NAME_CLASSES, PATTERNS, Node, qname


class _Define:
    __slots__ = ("name", "parts", "combine", "plain", "where", "state", "value")

    def __init__(self, name: str, where: Where):
        self.name = name
        self.parts: list[tuple[Node, _Grammar]] = []
        self.combine: str | None = None
        self.plain = 0  # how many have no combine attribute
        self.where = where
        self.state = 0  # 0 not built, 1 building, 2 built
        self.value: Pattern | None = None


class _Grammar:
    def __init__(self, parent: _Grammar | None, where: Where):
        self.parent = parent
        self.where = where
        self.defines: dict[str, _Define] = {}
        self.start = _Define("#start", where)


class Builder:
    def __init__(self) -> None:
        self.pats = Patterns()
        self.problems: list[tuple[str, Where]] = []
        self.where: dict[int, Where] = {}
        self.elements: list[ElementDef] = []
        self._todo: list[tuple[ElementDef, Node, _Grammar | None]] = []
        self._grammars: list[_Grammar] = []
        self._quiet = False

    def fail(self, message: str, where: Where) -> None:
        self.problems.append((message, where))

    def build(self, root: Node) -> Pattern:
        start = self.pattern(root, None)
        while self._todo:
            edef, node, scope = self._todo.pop()
            edef.content = self._content(node, scope)
        # every define is checked, even one nothing refers to (but a loop there is harmless)
        self._quiet = True
        for g in self._grammars:
            for d in g.defines.values():
                self._value(d)
        while self._todo:
            edef, node, scope = self._todo.pop()
            edef.content = self._content(node, scope)
        return start

    # ------------------------------------------------------------ patterns
    def _at(self, p: Pattern, node: Node) -> Pattern:
        self.where.setdefault(p.id, node.where)
        return p

    def pattern(self, node: Node, scope: _Grammar | None) -> Pattern:
        if node.name not in PATTERNS:
            self.fail(f'element "{node.name}" is not a pattern here', node.where)
            return self.pats.not_allowed
        return self._at(getattr(self, "_p_" + node.name)(node, scope), node)

    def _group_of(self, node: Node, kids: list[Node], scope, combine="group") -> Pattern:
        if not kids:
            self.fail(f'element "{node.name}" needs at least one pattern', node.where)
            return self.pats.not_allowed
        out = self.pattern(kids[0], scope)
        join = getattr(self.pats, combine)
        for k in kids[1:]:
            out = join(out, self.pattern(k, scope))
        return out

    def _p_group(self, node, scope):
        return self._group_of(node, node.kids, scope)

    def _p_interleave(self, node, scope):
        return self._group_of(node, node.kids, scope, "interleave")

    def _p_choice(self, node, scope):
        return self._group_of(node, node.kids, scope, "choice")

    def _p_optional(self, node, scope):
        return self.pats.choice(self._group_of(node, node.kids, scope), self.pats.empty)

    def _p_zeroOrMore(self, node, scope):
        inner = self.pats.one_or_more(self._group_of(node, node.kids, scope))
        return self.pats.choice(inner, self.pats.empty)

    def _p_oneOrMore(self, node, scope):
        return self.pats.one_or_more(self._group_of(node, node.kids, scope))

    def _p_list(self, node, scope):
        return self.pats.list_(self._group_of(node, node.kids, scope))

    def _p_mixed(self, node, scope):
        return self.pats.interleave(self._group_of(node, node.kids, scope), self.pats.text)

    def _leaf(self, node: Node, p: Pattern) -> Pattern:
        if node.kids:
            self.fail(f'element "{node.name}" must be empty', node.where)
        return p

    def _p_empty(self, node, scope):
        return self._leaf(node, self.pats.empty)

    def _p_text(self, node, scope):
        return self._leaf(node, self.pats.text)

    def _p_notAllowed(self, node, scope):
        return self._leaf(node, self.pats.not_allowed)

    def _p_value(self, node, scope):
        lib, type_ = (node.lib, node.attrs["type"]) if "type" in node.attrs else ("", "token")
        if not self._datatype(lib, type_, (), node):
            return self.pats.not_allowed
        value = node.text
        if lib == D.XSD_DT and type_ in ("QName", "NOTATION"):
            resolved = qname(node, value.strip(), default_ns=node.ns)
            if resolved is None:
                self.fail(f'bad value "{value}" for datatype "{type_}"', node.where)
                return self.pats.not_allowed
            return self.pats.value(lib, type_, "{{{}}}{}".format(*resolved), node.ns)
        if lib == D.XSD_DT and not D.data_ok(lib, type_, (), value):
            self.fail(f'bad value "{value}" for datatype "{type_}"', node.where)
        return self.pats.value(lib, type_, value, node.ns)

    def _p_data(self, node, scope):
        if "type" not in node.attrs:
            self.fail('element "data" needs a "type" attribute', node.where)
            return self.pats.not_allowed
        lib, type_ = node.lib, node.attrs["type"]
        params, except_ = [], None
        for i, kid in enumerate(node.kids):
            if kid.name == "param" and except_ is None:
                if "name" not in kid.attrs:
                    self.fail('element "param" needs a "name" attribute', kid.where)
                params.append((kid.attrs.get("name", ""), kid.text))
            elif kid.name == "except" and i == len(node.kids) - 1:
                except_ = self._group_of(kid, kid.kids, scope, "choice")
            else:
                self.fail(f'element "{kid.name}" not allowed in "data"', kid.where)
        if not self._datatype(lib, type_, tuple(params), node):
            return self.pats.not_allowed
        return self.pats.data(lib, type_, tuple(params), except_)

    def _datatype(self, lib: str, type_: str, params: tuple, node: Node) -> bool:
        problem = check_datatype(lib, type_, params)
        if problem:
            self.fail(problem, node.where)
        return not problem

    def _p_element(self, node, scope):
        nc, rest = self._named(node, attribute=False)
        edef = ElementDef(f"e{len(self.elements)}", node.where)
        self.elements.append(edef)
        if not rest:
            self.fail('element "element" needs a content pattern', node.where)
        self._todo.append((edef, _Rest(node, rest), scope))
        if nc is None:
            edef.content = self.pats.not_allowed
            return self.pats.not_allowed
        return self.pats.element(nc, edef)

    def _content(self, node, scope) -> Pattern:
        if not node.kids:
            return self.pats.not_allowed
        return self._group_of(node, node.kids, scope)

    def _p_attribute(self, node, scope):
        nc, rest = self._named(node, attribute=True)
        if len(rest) > 1:
            self.fail('element "attribute" has more than one pattern', node.where)
        content = self.pattern(rest[0], scope) if rest else self.pats.text
        if nc is None:
            return self.pats.not_allowed
        return self.pats.attribute(nc, content)

    def _named(self, node: Node, *, attribute: bool) -> tuple[NameClass | None, list[Node]]:
        kids = node.kids
        if "name" in node.attrs:
            default = node.attrs.get("ns", "") if attribute else node.ns
            name = qname(node, node.attrs["name"], default_ns=default)
            if name is None:
                self.fail(f'bad name "{node.attrs["name"]}"', node.where)
                return None, kids
            nc: NameClass | None = ("name", *name)
        elif (
            kids
            and kids[0].name in NAME_CLASSES
            and (kids[0].name != "choice" or all(k.name in NAME_CLASSES for k in kids[0].kids))
        ):
            nc, kids = self.name_class(kids[0], None), kids[1:]
        else:
            self.fail(f'element "{node.name}" has no name or name class', node.where)
            return None, kids
        if attribute and nc is not None and _xmlns(nc):
            self.fail("attribute name xmlns or in the xmlns namespace is not allowed", node.where)
        return nc, kids

    def name_class(self, node: Node, inside: str | None) -> NameClass | None:
        name = node.name
        if name == "name":
            if node.kids:
                self.fail('element "name" must hold only a name', node.where)
            resolved = qname(node, node.text, default_ns=node.ns)
            if resolved is None:
                self.fail(f'bad name "{node.text}"', node.where)
                return None
            return ("name", *resolved)
        if name == "choice":
            if not node.kids:
                self.fail('element "choice" needs at least one name class', node.where)
                return None
            out = self.name_class(node.kids[0], inside)
            for k in node.kids[1:]:
                other = self.name_class(k, inside)
                out = None if out is None or other is None else ("choice", out, other)
            return out
        if name in ("anyName", "nsName"):
            if inside == "anyName" and name == "anyName" or inside == "nsName":
                self.fail(f'"{name}" not allowed inside the except of "{inside}"', node.where)
                return None
            exc: NameClass | None = None
            for i, k in enumerate(node.kids):
                if k.name != "except" or i:
                    self.fail(f'element "{k.name}" not allowed in "{name}"', k.where)
                    return None
                if not k.kids:
                    self.fail('element "except" needs at least one name class', k.where)
                    return None
                exc = self.name_class(k.kids[0], name)
                for kk in k.kids[1:]:
                    more = self.name_class(kk, name)
                    exc = None if exc is None or more is None else ("choice", exc, more)
                if exc is None:
                    return None
            return ("any", exc) if name == "anyName" else ("ns", node.ns, exc)
        self.fail(f'element "{name}" is not a name class', node.where)
        return None

    # ------------------------------------------------------------ grammars
    def _p_grammar(self, node, scope):
        g = _Grammar(scope, node.where)
        self._grammars.append(g)
        self._collect(g, node.kids, None)
        if not g.start.parts:
            self.fail("grammar has no start pattern", node.where)
            return self.pats.not_allowed
        return self._value(g.start)

    def _p_externalRef(self, node, scope):
        if node.kids:
            self.fail('element "externalRef" must be empty', node.where)
        if node.loaded is None:
            return self.pats.not_allowed
        return self.pattern(node.loaded, scope)

    def _p_ref(self, node, scope, parent=False):
        if node.kids:
            self.fail(f'element "{node.name}" must be empty', node.where)
        name = node.attrs.get("name")
        target = scope.parent if parent and scope is not None else scope
        if name is None:
            self.fail(f'element "{node.name}" needs a "name" attribute', node.where)
            return self.pats.not_allowed
        if target is None:
            where = "parent grammar" if parent else "grammar"
            self.fail(f'reference to "{name}" outside a {where}', node.where)
            return self.pats.not_allowed
        if not is_ncname(name):
            self.fail(f'bad reference name "{name}"', node.where)
            return self.pats.not_allowed
        found = target.defines.get(name)
        if found is None:
            self.fail(f'reference to undefined pattern "{name}"', node.where)
            return self.pats.not_allowed
        return self._value(found)

    def _p_parentRef(self, node, scope):
        return self._p_ref(node, scope, parent=True)

    def _value(self, d: _Define) -> Pattern:
        if d.state == 2:
            return d.value or self.pats.not_allowed
        if d.state == 1:
            if not self._quiet:
                self.fail(f'bad recursion: "{d.name}" refers to itself outside an element', d.where)
            return self.pats.not_allowed
        d.state = 1
        out: Pattern | None = None
        join = self.pats.interleave if d.combine == "interleave" else self.pats.choice
        for node, scope in d.parts:
            p = self._group_of(node, node.kids, scope)
            out = p if out is None else join(out, p)
        d.state, d.value = 2, out
        return out or self.pats.not_allowed

    def _collect(
        self, g: _Grammar, kids: list[Node], skip: set | None, seen: set | None = None
    ) -> None:
        """Add the start and defines of ``kids`` to ``g`` (``skip``: names overridden)."""
        for kid in kids:
            if kid.name == "div":
                self._collect(g, kid.kids, skip, seen)
            elif kid.name == "include":
                self._include(g, kid, skip, seen)
            elif kid.name in ("start", "define"):
                key = "#start" if kid.name == "start" else kid.attrs.get("name")
                if key is None or (kid.name == "define" and not is_ncname(key)):
                    self.fail(
                        f'bad define name "{key}"' if key else 'element "define" needs a "name"',
                        kid.where,
                    )
                    continue
                if skip is not None and key in skip:
                    if seen is not None:
                        seen.add(key)
                    continue
                self._add(g, key, kid)
            else:
                self.fail(f'element "{kid.name}" not allowed in a grammar', kid.where)

    def _add(self, g: _Grammar, key: str, node: Node) -> None:
        if key == "#start":
            d = g.start
            if len(node.kids) != 1:
                self.fail('element "start" needs exactly one pattern', node.where)
        else:
            d = g.defines.get(key) or g.defines.setdefault(key, _Define(key, node.where))
        combine = node.attrs.get("combine")
        if combine is None:
            d.plain += 1
            if d.plain > 1:
                what = "start" if key == "#start" else f'"{key}"'
                self.fail(f"multiple definitions of {what} without a combine attribute", node.where)
        elif combine not in ("choice", "interleave"):
            self.fail(f'bad combine value "{combine}"', node.where)
        elif d.combine not in (None, combine):
            self.fail(f'conflicting combine values for "{key}"', node.where)
        else:
            d.combine = combine
        d.parts.append((node, g))

    def _include(self, g: _Grammar, node: Node, skip: set | None, outer: set | None) -> None:
        overrides: set = set()
        for kid in _flat(node.kids):
            if kid.name == "start":
                overrides.add("#start")
            elif kid.name == "define" and "name" in kid.attrs:
                overrides.add(kid.attrs["name"])
            elif kid.name not in ("start", "define"):
                self.fail(f'element "{kid.name}" not allowed in "include"', kid.where)
        if node.loaded is not None:
            seen: set = set()
            self._collect(g, node.loaded.kids, overrides | (skip or set()), seen)
            if outer is not None:
                outer |= seen
            for name in sorted(overrides - seen):
                if True:
                    what = "start" if name == "#start" else f'"{name}"'
                    self.fail(
                        f"included grammar has no definition of {what} to replace", node.where
                    )
        self._collect(g, [k for k in node.kids if k.name in ("start", "define", "div")], skip)


def _flat(kids: list[Node]) -> list[Node]:
    out: list[Node] = []
    for k in kids:
        out.extend(_flat(k.kids) if k.name == "div" else [k])
    return out


class _Rest(Node):
    """An element's content children, as a node of their own."""

    def __init__(self, node: Node, rest: list[Node]):
        super().__init__("element", node.attrs, node.where, node.ns, node.lib, node.nsmap, "")
        self.kids = rest


def _xmlns(nc: NameClass | None) -> bool:
    """Does the name class name xmlns, or the xmlns namespace, anywhere (spec 4.16)?"""
    if nc is None:
        return False
    if nc[0] == "name":
        return nc[1] == XMLNS_NS or (nc[1] == "" and nc[2] == "xmlns")
    if nc[0] == "ns":
        return nc[1] == XMLNS_NS or _xmlns(nc[2])
    if nc[0] == "any":
        return _xmlns(nc[1])
    return _xmlns(nc[1]) or _xmlns(nc[2])
