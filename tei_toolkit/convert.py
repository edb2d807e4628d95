"""Record + marks -> TEI tree (header and body), checked against tei_all."""

from __future__ import annotations

import datetime as _dt
import os
import re
from dataclasses import dataclass, field, replace

from lxml import etree

from . import __version__
from .diagnostics import Diagnostic, info
from .header import block_language, build_header, record_date_attrs, source_title
from .inline import fill
from .model import Mark, Record
from .records import read_record
from .records.textio import clean
from .register import Register, build_standoff
from .rules import Context, Marked, find_marks, mark_record, record_context
from .tei import NSMAP, E, tei, xml_attr

XML_ID = xml_attr("id")


@dataclass
class Conversion:
    """The result of converting one record."""

    tree: etree._ElementTree
    record: Record
    diagnostics: list[Diagnostic] = field(default_factory=list)


def conversion_date(date: str | None = None) -> str:
    """The date written into revisionDesc: --date, else SOURCE_DATE_EPOCH, else today (UTC)."""
    if date:
        return _dt.date.fromisoformat(date).isoformat()
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), _dt.UTC).date().isoformat()
    return _dt.datetime.now(_dt.UTC).date().isoformat()


def convert_text(
    text: str,
    name: str = "<input>",
    *,
    date: str | None = None,
    register: Register | None = None,
    check: bool = True,
    title: str | None = None,
    record_date: str | None = None,
) -> Conversion:
    """Convert the text of a record; ``check`` validates the result against tei_all.

    ``date`` is the conversion date (revisionDesc); ``title`` and ``record_date`` replace
    the title and the date the reader found in the record (the editor knows better).

    ``text`` may come from anywhere: what XML cannot hold is removed (with a warning)
    first, so no text makes the tree builder fail."""
    text, cleaned = clean(text, name)
    record, notes = read_record(text, name)
    notes = cleaned + notes
    if title is not None:
        record.title = title
    if record_date is not None:
        record.date = record_date
    created = record_date_attrs(record.date)  # the date line, normalised once
    ctx = record_context(record, register, name, created=created)
    # every section marked once, header first; build_header finds its sections' marks
    marked = mark_record(record, ctx, title=record.title or source_title(record))
    root = etree.Element(tei("TEI"), nsmap=NSMAP)
    root.set(xml_attr("lang"), "en")
    root.append(
        build_header(
            record,
            ctx,
            version=__version__,
            date=conversion_date(date),
            source_name=os.path.basename(name),
            created=created,
        )
    )
    body = [m for m in marked if m.section == "body"]
    body = with_reader_marks(body, [b.marks for b in record.body if b.text], ctx)
    root.append(E("text", E("body", _body(body, ctx))))
    standoff = build_standoff(root, register, ctx)
    if standoff is not None:
        root.append(standoff)
    scope_ids(root, id_prefix(name))
    conversion = Conversion(root.getroottree(), record, notes + ctx.diagnostics)
    if check:
        conversion.diagnostics += check_output(conversion.tree, name)
    return conversion


def id_prefix(name: str) -> str:
    """The record's own prefix for its xml:ids: its file name made an XML name
    ("001-telegram.txt" -> "r001-telegram"); "<input>" -> "input"."""
    stem = os.path.splitext(os.path.basename(name))[0]
    stem = re.sub(r"[^\w.-]+", "-", stem, flags=re.ASCII).strip("-.") or "input"
    return stem if re.match(r"[A-Za-z_]", stem) else "r" + stem


def scope_ids(root: etree._Element, prefix: str) -> None:
    """Make every xml:id of the record ``PREFIX.id`` and every ``#id`` pointer follow it.

    A folder of records is one corpus: the register's people, places and organisations
    are listed in each record that names them, so their bare ids would repeat across
    files. The register's own id stays with each entry as ``idno[@type="register"]``,
    which is what ties the records' entries together (docs/ENCODING.md)."""
    renamed: dict[str, str] = {}
    for el in root.iter(tei("person"), tei("place"), tei("org")):
        key = el.get(XML_ID)
        if key is not None:
            el.insert(_after_names(el), E("idno", key, type="register"))
    for el in root.iter():
        key = el.get(XML_ID) if isinstance(el.tag, str) else None
        if key is not None:
            renamed[key] = el.attrib[XML_ID] = f"{prefix}.{key}"
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for attr, value in el.attrib.items():
            if "#" in value and attr != XML_ID:
                tokens = value.split()
                new = [_repoint(t, renamed) for t in tokens]
                if new != tokens:
                    el.set(attr, " ".join(new))


def _repoint(token: str, renamed: dict[str, str]) -> str:
    if token.startswith("#") and token[1:] in renamed:
        return "#" + renamed[token[1:]]
    return token


def _after_names(el: etree._Element) -> int:
    """Where an idno goes in a register entry: after its names, before its idnos/note."""
    names = (tei("persName"), tei("placeName"), tei("orgName"))
    return sum(1 for child in el if child.tag in names)


def with_reader_marks(blocks: list[Marked], reader: list[tuple[Mark, ...]], ctx: Context):
    """The body blocks with the reader's own marks added (``Block.marks``). A reader's mark
    wins: a rule's mark that crosses it, or swallows a zero-width one, is dropped (the same
    span proposed twice, silently; anything else with a ``convert:overlap`` note)."""
    out = []
    for block, own in zip(blocks, reader):
        if not own:
            out.append(block)
            continue
        own = tuple(_with_inner_marks(m, ctx) for m in own)
        kept = []
        for mark in block.marks:
            loser = next((r for r in own if _conflict(mark, r)), None)
            if loser is None:
                kept.append(mark)
            elif (loser.start, loser.end) != (mark.start, mark.end):
                ctx.diagnostics.append(
                    info(
                        "convert:overlap",
                        f"{mark.tag} {block.text[mark.start : mark.end]!r} ({mark.rule}) "
                        f"overlaps the reader's {loser.tag}; the reader's is kept",
                        file=ctx.filename,
                        line=block.line,
                    )
                )
        marks = sorted([*kept, *own], key=lambda m: (m.start, m.end > m.start, -m.end))
        out.append(Marked(block.section, block.line, block.text, marks))
    return out + blocks[len(out) :]


def _with_inner_marks(mark: Mark, ctx: Context) -> Mark:
    """A reader's mark that carries words (a footnote): the rules mark them too."""
    if not mark.text:
        return mark
    section = ctx.section
    ctx.section, ctx.line = "note", None
    inner = tuple(find_marks(mark.text, ctx))
    ctx.section = section
    return replace(mark, inner=inner)


def _conflict(rule: Mark, reader: Mark) -> bool:
    if reader.start == reader.end:  # a point: only a mark that hides its text loses
        hides = rule.empty or rule.strip != (0, 0)
        return hides and rule.start < reader.start < rule.end
    inside = rule.start <= reader.start and reader.end <= rule.end and not rule.empty
    apart = rule.end <= reader.start or reader.end <= rule.start
    return not (inside or apart) or (rule.start, rule.end) == (reader.start, reader.end)


def _body(blocks: list[Marked], ctx: Context) -> etree._Element:
    div = E("div", type="record")
    for block in blocks:
        div.append(_block(block))
    if not len(div):
        # an empty body still needs one paragraph to be valid TEI
        div.append(E("p"))
        ctx.diagnostics.append(
            info("convert:empty-body", "the record has no body text", file=ctx.filename)
        )
    return div


def _block(block: Marked) -> etree._Element:
    text, marks = block.text, block.marks
    lang = block_language(text)
    label = next((m for m in marks if m.tag == "speaker" and m.start == 0), None)
    if label is None:
        return fill(E("p", xml_lang=lang), text, marks)
    who = next(
        (m.attr_dict().get("ref") for m in marks if m.tag == "persName" and m.end <= label.end),
        None,
    )
    sp = E("sp", who=who)
    inner = [m for m in marks if m is not label]
    fill(etree.SubElement(sp, tei("speaker")), text, inner, 0, label.end)
    rest = label.end + (len(text[label.end :]) - len(text[label.end :].lstrip()))
    sp.append(fill(E("p", xml_lang=lang), text, inner, rest, len(text)))
    return sp


def check_output(tree, name: str) -> list[Diagnostic]:
    """Validate the converter's own output against tei_all (the toolkit checks itself)."""
    try:
        from .validators import check_tree
    except ImportError:
        return [info("convert:unchecked", "validator not available; output not checked", file=name)]
    return list(check_tree(tree, filename=name))
