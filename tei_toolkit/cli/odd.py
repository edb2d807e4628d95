"""tei-toolkit odd compile"""

from __future__ import annotations

import time
from pathlib import Path

import click

from ..odd import compact_syntax, compile_odd
from ..outputs import write_atomic


@click.group()
def odd() -> None:
    """Compile ODD customizations (TEI P5 4.8.0 source shipped; no Java needed)."""


@odd.command("compile")
@click.argument("odd_file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The RELAX NG file to write (default: beside the ODD, NAME.rng): XML syntax, or "
    "compact syntax if it ends in .rnc. The ISO Schematron goes beside it, with the suffix .sch.",
)
@click.option("-q", "--quiet", is_flag=True, help="No notes and no summary.")
def compile_cmd(odd_file: Path, output: Path | None, quiet: bool) -> None:
    """Compile an ODD to RELAX NG (XML or compact syntax) plus ISO Schematron.

    \b
    tei-toolkit odd compile project.odd -o schema/project.rng
      (writes schema/project.rng and schema/project.sch)
    tei-toolkit odd compile project.odd -o schema/project.rnc
      (compact syntax: schema/project.rnc and schema/project.sch)

    \b
    Exit codes: 0 compiled; 2 the ODD is missing, not well-formed or not a valid
    customization (the message gives its line).
    """
    started = time.perf_counter()
    compiled = compile_odd(odd_file)
    rng_path = output or odd_file.with_suffix(".rng")
    sch_path = rng_path.with_suffix(".sch")
    grammar = compact_syntax(compiled) if rng_path.suffix.lower() == ".rnc" else compiled.rng
    write_atomic(rng_path, grammar, inputs=(odd_file,))
    write_atomic(sch_path, compiled.sch, inputs=(odd_file,))
    if quiet:
        return
    for note in compiled.notes:
        click.echo(str(note), err=True)
    schema = compiled.schema
    n_el = sum(1 for s in schema.specs.values() if s.tag.endswith("}elementSpec"))
    click.echo(
        f"{rng_path}, {sch_path}: schema {schema.ident}, {n_el} elements, "
        f"in {time.perf_counter() - started:.2f} s",
        err=True,
    )
