"""The command line: parse options, call the library, report. click lives only in this
package (one module per command) and in report.py."""

from __future__ import annotations

import importlib
import sys

import click

from .. import __version__, outputs
from ..diagnostics import ExitCode, ToolkitError
from ..report import printable
from .errors import exit_code_for

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
# The commands, one module each (cli/NAME.py defines the click command NAME), in the order
# --help lists them. A command's module is imported when it runs: `validate` does not load
# the converter's rules, nor `convert` the validators' engines.
COMMANDS = ("convert", "entities", "register", "validate", "export", "odd")


class _Commands(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        if name not in self.commands:
            module = importlib.import_module(f"{__name__}.{name}")
            self.add_command(getattr(module, name), name)
        return self.commands[name]


@click.group(cls=_Commands, context_settings=CONTEXT)
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
