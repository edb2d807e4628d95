"""tei-toolkit register: the editor's register of people, places and organisations."""

from __future__ import annotations

from pathlib import Path

import click

from ..outputs import write_atomic
from ..register import Register, default_register
from ..tei import serialize


@click.group()
def register():
    """Work with the register (corpus/register.tsv or a TEI file)."""


@register.command("export")
@click.option(
    "--register",
    "register_path",
    type=click.Path(path_type=Path),
    help="Register (TSV or TEI). Default: the shipped corpus/register.tsv.",
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="Write the TEI here. Default: stdout."
)
def export(register_path, output):
    """Write the register as TEI (listPerson / listPlace / listOrg in a standOff)."""
    reg = Register.load(register_path) if register_path else default_register()
    data = serialize(reg.to_tei())
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        write_atomic(output, data, inputs=[register_path] if register_path else [])
        click.echo(f"{output}: {len(reg)} entries", err=True)
