"""jing-style messages: what was found, and what the schema expected there."""

from __future__ import annotations

from .. import datatypes as D
from .derive import split_tag
from .names import XML_NS
from .patterns import (
    AFTER,
    ATTRIBUTE,
    CHOICE,
    DATA,
    ELEMENT,
    GROUP,
    INTERLEAVE,
    LIST,
    ONE_OR_MORE,
    TEXT,
    VALUE,
    Pattern,
    alternatives,
    nc_contains,
    nc_names,
    nc_wild,
)  # fmt: skip

_MAX = 40


def render(names, nsmap: dict | None) -> tuple[list[str], str]:
    """Names as jing writes them: with the document's prefixes where it has them, else
    ns:local, and the declarations that says (" (with xmlns:ns=...)")."""
    nsmap = nsmap or {}
    default = nsmap.get(None) or ""
    bound: dict[str, str] = {}
    for prefix, uri in sorted(nsmap.items(), key=lambda kv: kv[0] or ""):
        if prefix:
            bound.setdefault(uri, prefix)
    need = sorted({ns for ns, _ in names if ns and ns not in (default, XML_NS) and ns not in bound})
    extra = {ns: "ns" if len(need) == 1 else f"ns{i + 1}" for i, ns in enumerate(need)}
    out = []
    for ns, local in names:
        if ns == XML_NS:
            out.append(f"xml:{local}")
        elif ns == default or not ns:
            out.append(local)
        else:
            out.append(f"{bound.get(ns) or extra[ns]}:{local}")
    suffix = " ".join(f'xmlns:{prefix}="{uri}"' for uri, prefix in extra.items())
    return out, f" (with {suffix})" if suffix else ""


def shown(ns: str, local: str, nsmap: dict | None = None) -> str:
    return render([(ns, local)], nsmap)[0][0]


def _tag(el, key: str | None = None) -> str:
    ns, local = split_tag(key or el.tag)
    if key is None:
        return f"{el.prefix}:{local}" if el.prefix else local
    if not ns:
        return local
    return shown(ns, local, {k: v for k, v in el.nsmap.items() if k})


def _listing(names: list[str], wild: bool) -> str:
    names = sorted(set(names))
    quoted = [f'"{n}"' for n in names[:_MAX]]
    if len(names) > _MAX:
        quoted.append(f"... ({len(names) - _MAX} more)")
    if wild:
        quoted.append("any element")
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


class Messages:
    def __init__(self, schema):
        self.schema = schema
        self._firsts: dict[int, tuple[frozenset, bool, bool, bool]] = {}

    def firsts(self, p: Pattern) -> tuple[frozenset, bool, bool, bool]:
        """(element names, any wildcard, text allowed, data allowed) that can come next."""
        hit = self._firsts.get(p.id)
        if hit is not None:
            return hit
        k = p.kind
        names: set = set()
        wild = text = data = False
        if k == ELEMENT:
            names.update(nc_names(p.args[0]))
            wild = nc_wild(p.args[0])
        elif k == TEXT:
            text = True
        elif k in (DATA, VALUE, LIST):
            data = True
        else:
            if k == CHOICE:
                parts = list(alternatives(p))
            elif k == GROUP:
                parts = [p.args[0], p.args[1]] if p.args[0].nullable else [p.args[0]]
            elif k == INTERLEAVE:
                parts = list(p.args)
            elif k in (ONE_OR_MORE, AFTER):
                parts = [p.args[0]]
            else:
                parts = []
            for q in parts:
                n, w, t, d = self.firsts(q)
                names |= n
                wild, text, data = wild or w, text or t, data or d
        hit = (frozenset(names), wild, text, data)
        if len(self._firsts) > 100_000:
            self._firsts.clear()
        self._firsts[p.id] = hit
        return hit

    def _expected(self, p: Pattern, el, *, parent=None) -> str:
        names, wild, text, _data = self.firsts(p)
        nsmap = (parent if parent is not None else el).nsmap
        parts = []
        if any(a.kind == AFTER and a.args[0].nullable for a in alternatives(p)):
            parts.append("the element end-tag")
        if text:
            parts.append("text")
        rendered, suffix = render(sorted(names, key=lambda n: n[1]), nsmap)
        listed = _listing(rendered, wild)
        if listed:
            parts.append("element " + listed)
        if not parts:
            return ""
        if len(parts) == 1:
            return "; expected " + parts[0] + suffix
        return "; expected " + ", ".join(parts[:-1]) + " or " + parts[-1] + suffix

    def not_yet(self, el, state: Pattern) -> str:
        names, wild, _text, _data = self.firsts(state)
        shown_names, suffix = render(sorted(names, key=lambda n: n[1]), el.nsmap)
        if len(shown_names) == 1 and not wild:
            missing = f'missing required element "{shown_names[0]}"'
        else:
            missing = f"missing required element {_listing(shown_names, wild)}"
        return f'element "{_tag(el)}" not allowed yet; {missing}{suffix}'

    def unknown(self, el, state: Pattern, root: bool) -> tuple[str, str]:
        where = "anywhere"
        return (
            "rng:unknown-element",
            f'element "{_tag(el)}" not allowed {where}{self._expected(state, el)}',
        )

    def not_here(self, el, state: Pattern, root: bool) -> str:
        where = "here"
        return f'element "{_tag(el)}" not allowed {where}{self._expected(state, el)}'

    def incomplete(self, el, state: Pattern) -> str:
        parts = [a.args[0] for a in alternatives(state) if a.kind == AFTER]
        names: set = set()
        wild = text = False
        for q in parts:
            n, w, t, _d = self.firsts(q)
            names |= n
            wild, text = wild or w, text or t
        shown_names, suffix = render(sorted(names, key=lambda n: n[1]), el.nsmap)
        if len(shown_names) == 1 and not wild:
            return (
                f'element "{_tag(el)}" incomplete; missing required element "{shown_names[0]}"'
                + suffix
            )
        if not shown_names and text:
            return f'element "{_tag(el)}" incomplete; missing required text'
        listed = _listing(shown_names, wild)
        return f'element "{_tag(el)}" incomplete; expected element {listed}{suffix}'

    def attribute(self, el, p: Pattern, key: str, value: str) -> tuple[str, str]:
        ns, local = split_tag(key)
        allowed = self.attributes(p)
        name = _tag(el, key)
        for nc, content in allowed:
            if _nc_has(nc, ns, local):
                want = self.describe(content)
                return (
                    "rng:bad-attribute-value",
                    f'value of attribute "{name}" is invalid'
                    + (f"; must be {want}" if want else ""),
                )
        listed = sorted({shown(n, lo, el.nsmap) for nc, _ in allowed for n, lo in nc_names(nc)})
        if not allowed:
            return (
                "rng:unknown-attribute",
                f'found attribute "{name}", but no attributes allowed here',
            )
        return (
            "rng:unknown-attribute",
            f'attribute "{name}" not allowed here; expected attribute '
            + (_listing(listed, False) or "of another name"),
        )

    def attributes(self, p: Pattern) -> list[tuple[tuple, Pattern]]:
        out: list[tuple[tuple, Pattern]] = []
        seen: set[int] = set()
        stack = [p]
        while stack:
            q = stack.pop()
            if q.id in seen:
                continue
            seen.add(q.id)
            if q.kind == ATTRIBUTE:
                out.append((q.args[0], q.args[1]))
            elif q.kind in (CHOICE, GROUP, INTERLEAVE):
                stack.extend(q.args[:2])
            elif q.kind in (ONE_OR_MORE, AFTER):
                stack.append(q.args[0])
        return out

    def missing_attributes(self, el, p: Pattern) -> str:
        names = sorted({shown(ns, lo, el.nsmap) for nc in _required(p) for ns, lo in nc_names(nc)})
        if len(names) == 1:
            return f'element "{_tag(el)}" missing required attribute "{names[0]}"'
        return (
            f'element "{_tag(el)}" missing required attributes; expected {_listing(names, False)}'
        )

    def describe(self, p: Pattern) -> str:
        values = []
        kinds = []
        for a in alternatives(p):
            if a.kind == VALUE:
                values.append(f'"{a.args[2]}"')
            elif a.kind == DATA:
                kinds.append(D.describe(a.args[1]))
            elif a.kind == LIST:
                kinds.append("a list of values")
        if values and not kinds:
            return "equal to " + ", ".join(values[:_MAX])
        return ", ".join(kinds + values[:_MAX])

    def text(self, el, state: Pattern) -> str:
        return f"text not allowed here{self._expected(state, el)}"

    def bad_text(self, el, state: Pattern, text: str) -> tuple[str, str]:
        content = [a.args[0] for a in alternatives(state) if a.kind == AFTER]
        want = ", ".join(filter(None, (self.describe(c) for c in content)))
        _names, _wild, allows_text, data = self.firsts(state)
        if data:
            return (
                "rng:bad-text-value",
                f'character content of element "{_tag(el)}" invalid'
                + (f"; must be {want}" if want else ""),
            )
        return ("rng:unexpected-text", f'text not allowed in element "{_tag(el)}"')


_nc_has = nc_contains


def _required(p: Pattern) -> list:
    """Name classes of the attributes ``p`` cannot do without."""
    out: list = []
    stack = [p]
    while stack:
        q = stack.pop()
        if q.kind == ATTRIBUTE:
            out.append(q.args[0])
        elif q.kind == CHOICE and not q.nullable:
            stack.extend(alternatives(q))
        elif q.kind in (GROUP, INTERLEAVE):
            stack.extend(q.args[:2])
        elif q.kind in (ONE_OR_MORE, AFTER):
            stack.append(q.args[0])
    return out
