"""The ``mturk-models`` command line: ``answers``, ``validate`` (alias ``validate-hit``),
``score``, ``schema``, ``demo``.

Nothing in the package imports this folder; the console script ``mturk-models`` and
``python -m mturk_models`` call :func:`main`. One module per command holds its ``EPILOG``, its
``register(subparsers)`` (ending in ``set_defaults(run=run)``, so argparse dispatches) and its
``run(args, ctx)``; :mod:`._common` and :mod:`._output` hold what they share, :mod:`._sources`
the input detection. Adding a command is a module and one line in :data:`COMMANDS`.

A run imports only the module of its command (``answers`` never loads the question forms, the
answer keys or the request models that ``score`` and ``validate`` need): :func:`main` finds the
command among the first words of the command line and builds a parser with that command alone.
Anything else (``--help``, no command, an unknown one) gets the full parser, so help, usage and
errors read the same either way.

Built on the standard library's :mod:`argparse`, on purpose: the library's only dependencies are
pydantic, python-dateutil, defusedxml, pycountry and regex, and a command line that needs five
subcommands, a few flags, ``--help`` with examples (``RawDescriptionHelpFormatter`` epilogs) and
exit code 2 on usage errors gets all of that from argparse. Click or Typer would add a dependency
(and Typer's startup cost) to every install for no feature the commands use.

Exit codes: 0 everything read or valid; 1 any input failed (bad file, unreadable path, a record or
request that does not validate; the good inputs are still processed), or the output could not be
written (a full disk); 2 usage error (unknown option or model, missing argument, an output
extension the command cannot write); 130 interrupted; 141 the reader of standard output went
away (``| head``), as SIGPIPE would end any other writer. Errors are printed one per line on
stderr, without a traceback unless ``--debug`` is given.
"""

from __future__ import annotations

import argparse
import importlib
import io
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import Any, TextIO

from ._common import (
    EXIT_BROKEN_PIPE,
    EXIT_CODES,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    PROG,
    STDOUT,
    Context,
    OutputError,
    Reporter,
    UsageError,
    common_options,
    one_line,
)
from ._output import discard_stdout

__all__ = ["COMMANDS", "main"]

COMMANDS = ("answers", "validate", "score", "schema", "demo")
"""The command modules' names, in the order ``--help`` lists them."""

ALIASES = {"validate-hit": "validate"}
"""The other names of commands (each command module's ``register()`` declares its own)."""

_LEADING_FLAGS = ("-q", "--quiet", "--debug")
"""The common options that may come before the command; none takes a value."""

_MAIN_EPILOG = f"""\
examples:
  mturk-models demo                                  wrap a bundled real GetAssignment response
  mturk-models answers assignments.jsonl             answers as a table in the terminal
  aws mturk list-assignments-for-hit --hit-id 3F6045TU7DM69TFRJMD84TAZ7K7999 \\
      | mturk-models answers - --format csv > answers.csv
  mturk-models validate create_hit.json              check a HIT before creating it
  mturk-models validate --operation send-bonus bonus.json   check any other request
  mturk-models score --key key.xml requests.json     qualification test values, as MTurk grants
  mturk-models schema Assignment                     JSON Schema of a model

Run 'mturk-models COMMAND --help' for the options of a command.

{EXIT_CODES}"""


def command_module(name: str) -> ModuleType:
    """The module of the command ``name`` (one of :data:`COMMANDS`), imported on first use."""
    return importlib.import_module(f".{name}", __name__)


def _command_in(argv: Sequence[str]) -> str | None:
    """The command a command line runs, when its first words name it plainly: only the flags
    of :func:`common_options` (or an abbreviation of ``--quiet``, ``--debug``) may come before."""
    for word in argv:
        name = ALIASES.get(word, word)
        if name in COMMANDS:
            return name
        long_prefix = word.startswith("--") and len(word) > 2  # argparse takes --qu, --deb
        if not any(
            word == flag or (long_prefix and flag.startswith(word)) for flag in _LEADING_FLAGS
        ):
            return None  # --help, --version, "--", a typo: the full parser says what it means
    return None


class _VersionAction(argparse.Action):
    """``--version``: the package version, read (from the installed metadata) only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        kwargs.setdefault("help", "show program's version number and exit")
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        from .. import __version__

        if sys.stdout is not None:  # on standard output, as argparse's own version action
            sys.stdout.write(f"{parser.prog} {__version__}\n")
        parser.exit()


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser: the common options, then each command's ``register()``; with
    ``only``, that command's alone (the others' modules are not imported)."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Typed, validated Amazon Mechanical Turk data from the command line.",
        epilog=_MAIN_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common_options()],
    )
    parser.add_argument("--version", action=_VersionAction)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for name in COMMANDS if only is None else (only,):
        command_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 1 an input failed, 2 usage)."""
    words = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(_command_in(words))
    args = parser.parse_args(words)
    # Closed standard streams (``>&-``, ``2>&-``; some daemons and job runners) are None.
    stderr: TextIO = sys.stderr if sys.stderr is not None else io.StringIO()
    reporter = Reporter(
        stderr, quiet=getattr(args, "quiet", False), debug=getattr(args, "debug", False)
    )
    out = sys.stdout
    if out is None:
        if getattr(args, "output", None) in (None, "-"):  # only answers has -o FILE
            hint = "; write to a file with -o FILE" if args.command == "answers" else ""
            stderr.write(f"{PROG}: standard output is closed, so nothing can be written{hint}\n")
            return EXIT_USAGE
        out = io.StringIO()  # never written: the rows go to -o FILE
    if args.command is None:
        parser.print_help(stderr)
        return EXIT_USAGE
    # A closed standard input (``<&-``, some daemons) is None: "-" then reads as empty.
    stdin = sys.stdin.buffer if sys.stdin is not None else io.BytesIO()
    ctx = Context(stdin=stdin, stdout=out, stderr=stderr, reporter=reporter)
    try:
        try:
            code: int = args.run(args, ctx)
            out.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:  # reading errors are reported where they happen: this is output
            raise OutputError(STDOUT, exc) from exc
    except UsageError as exc:  # found by the command, reported as argparse reports its own
        args.command_parser.error(str(exc))  # exits with status 2
    except KeyboardInterrupt:
        stderr.write(f"{PROG}: interrupted\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, with the status SIGPIPE would give
        # (141), so that ``set -o pipefail`` sees what it sees for any other writer.
        discard_stdout()
        return EXIT_BROKEN_PIPE
    except OutputError as exc:  # a full disk: what was written stays, the rest is not
        if exc.name == STDOUT:
            discard_stdout()
        if reporter.debug:
            import traceback  # only for --debug: every other run is spared its import

            traceback.print_exception(type(exc), exc, exc.__traceback__, file=stderr)
        stderr.write(f"{PROG}: {exc}\n")
        return EXIT_FAILED
    except Exception as exc:  # a bug: one line, and the traceback only with --debug
        if reporter.debug:
            raise
        stderr.write(
            f"{PROG}: internal error: {type(exc).__name__}: {one_line(str(exc))} "
            "(rerun with --debug for the traceback, and please report it)\n"
        )
        return EXIT_FAILED
    return code
