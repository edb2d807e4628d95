"""tei-toolkit entities: the editor's worklist of names found in records."""

from __future__ import annotations

from pathlib import Path

import click

from ..records import read_text
from ..register import HEADER, Register, default_register
from ..worklist import append_rows, find_mentions, worklist


@click.command()
@click.argument("records", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "tsv"]),
    default="table",
    show_default=True,
    help="A table to read, or TSV in the register's columns.",
)
@click.option(
    "--register",
    "register_path",
    type=click.Path(path_type=Path),
    help="Register (TSV or TEI). Default: the shipped corpus/register.tsv.",
)
@click.option("--unknown-only", is_flag=True, help="Only names the register does not know.")
@click.option("--no-header", is_flag=True, help="TSV rows without the header row (for >>).")
@click.option(
    "--append-to",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Add the rows whose id it lacks to this register TSV (safely: no second header, "
    "no duplicate ids, the file replaced whole).",
)
def entities(records, fmt, register_path, unknown_only, no_header, append_to):
    """List the people, places and organisations found in RECORDS, with counts.

    \b
    tei-toolkit entities corpus/*.txt
    tei-toolkit entities new.txt --unknown-only --append-to corpus/register.tsv
    tei-toolkit entities new.txt --unknown-only --format tsv --no-header >> corpus/register.tsv
    """
    register = Register.load(register_path) if register_path else default_register()
    mentions, provisional = [], {}
    for path in records:
        text, _ = read_text(path)
        mentions += find_mentions(text, path.name, register, provisional)
    rows = worklist(mentions, register, provisional)
    if unknown_only:
        rows = [r for r in rows if not r.known]
    if append_to is not None:
        added = append_rows(append_to, rows, inputs=records)
        click.echo(
            f"{append_to}: {added} row(s) added, {len(rows) - added} already there", err=True
        )
        return
    if fmt == "tsv":
        if not no_header:
            click.echo(HEADER)
        for r in rows:
            click.echo(r.as_register_row())
        return
    _table(rows, len(records))


def _table(rows, n_records: int) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Names in {n_records} record(s)")
    for col in ("id", "type", "in register", "count", "forms", "rules"):
        table.add_column(col, justify="right" if col == "count" else "left")
    for r in rows:
        forms = ", ".join(
            f"{f} ({n})" if n > 1 else f for f, n in sorted(r.forms.items(), key=lambda kv: -kv[1])
        )
        table.add_row(
            r.id,
            r.type,
            "yes" if r.known else "[yellow]no[/]",
            str(r.count),
            forms,
            ", ".join(x.split(":")[-1] for x in r.rules),
        )
    Console().print(table)
    unknown = sum(1 for r in rows if not r.known)
    click.echo(
        f"{len(rows)} names, {unknown} not in the register"
        + (" (add them with --unknown-only --format tsv)" if unknown else "")
    )


__all__ = ["entities"]
