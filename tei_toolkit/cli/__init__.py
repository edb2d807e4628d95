"""The command line: parse options, call the library, report. click lives only in this
package (one module per command) and in report.py."""

from __future__ import annotations

import sys

import click

from .. import __version__, outputs
from ..diagnostics import ExitCode, ToolkitError
from ..report import printable
from .errors import exit_code_for

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
    """Entry point: no traceback reaches a user unless --debug is given.

    A signal ends the run as a shell expects (130 for Ctrl-C, 143 for SIGTERM, 129 for
    SIGHUP), after removing every temporary file: previous outputs stay intact."""
    args = sys.argv[1:] if argv is None else list(argv)
    debug = "--debug" in args
    outputs.install_signal_handlers()
    try:
        rc = cli.main(args=args, prog_name="tei-toolkit", standalone_mode=False)
    except ToolkitError as exc:
        click.echo(f"tei-toolkit: error: {printable(str(exc))}", err=True)
        rc = int(exit_code_for(exc))
    except click.exceptions.Abort:
        click.echo("tei-toolkit: interrupted", err=True)
        rc = 130
    except click.ClickException as exc:
        exc.show()
        rc = int(ExitCode.USAGE)
    except KeyboardInterrupt:
        click.echo("tei-toolkit: interrupted", err=True)
        rc = 130
    except outputs.Interrupted as exc:
        click.echo(f"tei-toolkit: stopped by {exc}", err=True)
        rc = exc.status
    except BrokenPipeError:
        _quiet_stdout()
        rc = 0
    except Exception as exc:  # a bug: one line, unless asked for more
        if debug:
            outputs.cleanup()
            raise
        click.echo(
            f"tei-toolkit: internal error: {type(exc).__name__}: {printable(str(exc))} "
            "(rerun with --debug for a traceback)",
            err=True,
        )
        rc = int(ExitCode.INTERNAL)
    finally:
        outputs.cleanup()
    sys.exit(int(rc or 0))


def _quiet_stdout() -> None:
    """After EPIPE (`| head`), make the interpreter's final flush of stdout silent."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
