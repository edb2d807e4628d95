"""The command line: parse options, call the library, report. click lives only in this
package (one module per command) and in report.py."""

from __future__ import annotations

import sys

import click

from .. import __version__
from ..diagnostics import ExitCode, ToolkitError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="tei-toolkit")
@click.option("--debug", is_flag=True, help="Show a traceback on internal errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Convert plain-text archival records to TEI P5, validate TEI, export it.

    \b
    Exit codes: 0 success; 1 invalid TEI (validation errors, or the converter's own
    output failed its check); 2 usage error or bad input (missing, empty, binary,
    unreadable file); 70 internal error (a bug: rerun with --debug and report it).
    """
    ctx.obj = {"debug": debug}


# --- commands are registered below; each lives in its own section -----------------
from . import convert as _convert_cmd  # noqa: E402

cli.add_command(_convert_cmd.convert)
from . import entities as _entities_cmd  # noqa: E402

cli.add_command(_entities_cmd.entities)
from . import register as _register_cmd  # noqa: E402

cli.add_command(_register_cmd.register)
from . import validate as _validate_cmd  # noqa: E402

cli.add_command(_validate_cmd.validate)
from . import export as _export_cmd  # noqa: E402

cli.add_command(_export_cmd.export)
from . import odd as _odd_cmd  # noqa: E402

cli.add_command(_odd_cmd.odd)


def main(argv=None) -> None:
    """Entry point: no traceback reaches a user unless --debug is given."""
    args = sys.argv[1:] if argv is None else list(argv)
    debug = "--debug" in args
    try:
        rc = cli.main(args=args, prog_name="tei-toolkit", standalone_mode=False)
    except ToolkitError as exc:
        click.echo(f"tei-toolkit: error: {exc}", err=True)
        sys.exit(int(exc.exit_code))
    except click.exceptions.Abort:
        click.echo("tei-toolkit: aborted", err=True)
        sys.exit(int(ExitCode.USAGE))
    except click.ClickException as exc:
        exc.show()
        sys.exit(int(ExitCode.USAGE))
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # a bug: one line, unless asked for more
        if debug:
            raise
        click.echo(
            f"tei-toolkit: internal error: {type(exc).__name__}: {exc} "
            "(rerun with --debug for a traceback)",
            err=True,
        )
        sys.exit(int(ExitCode.INTERNAL))
    sys.exit(int(rc or 0))
