"""What every command shares: exit codes, the :class:`Context`, error lines, the subparser.

A command module (``answers``, ``validate``, ``schema``, ``demo``) imports from here and from
:mod:`._output`, never from the package's ``__init__`` (which imports the commands).
"""

from __future__ import annotations

import argparse
import signal
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO, TextIO

from pydantic import ValidationError

from .._errors import shown

PROG = "mturk-models"
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
EXIT_BROKEN_PIPE = 128 + signal.SIGPIPE if hasattr(signal, "SIGPIPE") else EXIT_FAILED
"""The status of a process that SIGPIPE ended (141), as ``yes | head`` leaves ``yes``; 1 where
there is no SIGPIPE (Windows)."""

EXIT_CODES = """\
exit codes:
  0  success: every input read (answers), every request valid (validate)
  1  an input failed: unreadable path, unknown format, a record or request that does not
     validate (the other inputs are still processed and each failure is reported); or the
     output could not be written (a full disk)
  2  usage error: unknown command, option or model, missing argument, an output
     extension that cannot be written
  130  interrupted (Ctrl-C)
  141  the reader of standard output went away (| head): stopped quietly, as SIGPIPE would"""
"""The epilog paragraph every command's ``--help`` ends with."""

STDOUT = "standard output"


class Reporter:
    """Errors on stderr, one line each; notes unless ``--quiet``; tracebacks with ``--debug``."""

    def __init__(self, stderr: TextIO, *, quiet: bool, debug: bool) -> None:
        self.stderr = stderr
        self.quiet = quiet
        self.debug = debug
        self.failures = 0

    def error(self, where: str, exc: BaseException) -> None:
        """Report ``exc`` located at ``where``, one line per validation error."""
        self.failures += 1
        if self.debug:
            import traceback  # only with --debug: every other run is spared its import

            traceback.print_exception(type(exc), exc, exc.__traceback__, file=self.stderr)
        for line in error_lines(exc):
            self.stderr.write(f"{where or PROG}: {line}\n")
        self.stderr.flush()

    def note(self, message: str) -> None:
        """An informational line on stderr, silenced by ``--quiet``."""
        if not self.quiet:
            self.stderr.write(f"{message}\n")
            self.stderr.flush()


@dataclass
class Context:
    """What a command's ``run(args, ctx)`` reads from and writes to.

    ``stdin`` is binary (inputs are told by their bytes); ``stdout`` is text, set up per output
    format by :func:`._output.stdout_for`; problems go through ``reporter`` (on stderr).
    """

    stdin: BinaryIO
    stdout: TextIO
    stderr: TextIO
    reporter: Reporter


class UsageError(Exception):
    """The command line asks for something the command cannot do: exit 2, with the usage."""


class OutputError(Exception):
    """The output could not be written (a full disk, an I/O error): not a bug, not an input."""

    def __init__(self, name: str, error: OSError) -> None:
        super().__init__(f"cannot write to {name}: {error.strerror or error}")
        self.name = name


def one_line(text: str) -> str:
    """``text`` with every run of whitespace, line breaks included, made one space."""
    return " ".join(text.split())


def location(loc: Iterable[int | str]) -> str:
    """A pydantic error location as a path: ``QualificationRequirements[0].Comparator``."""
    path = ""
    for step in loc:
        if isinstance(step, int):
            path += f"[{step}]"
        else:
            path += f".{step}" if path else str(step)
    return path


def got(value: Any) -> str:
    """A value as error messages show it (cut to 60 characters)."""
    return shown(value, 60)


@dataclass(frozen=True)
class Violation:
    """One broken rule: where (``QualificationRequirements[0].Comparator``, or ``""``), the
    message, and its stable code (pydantic's error type, or the command's own: ``input``)."""

    loc: str
    msg: str
    type: str

    def line(self) -> str:
        """``Loc: message [code]``, as the commands print it."""
        text = f"{self.msg} [{self.type}]"
        return f"{self.loc}: {text}" if self.loc else text


def validation_errors(exc: ValidationError) -> list[Violation]:
    """The errors of a pydantic ``ValidationError``, one :class:`Violation` each.

    ``loc`` is a path such as ``QualificationRequirements[0].Comparator`` (boto3's keys); the
    message names the value when pydantic's own message does not.
    """
    found = []
    for error in exc.errors(include_url=False):
        message = one_line(error["msg"])
        value = error.get("input")
        if (
            error["type"] != "missing"
            and isinstance(value, (str, int, float, bool))
            and "got" not in message
            and got(value) not in message
        ):
            message = f"{message}; got {got(value)}"
        found.append(Violation(location(error["loc"]), message, error["type"]))
    return found


def error_lines(exc: BaseException) -> list[str]:
    """The one-line messages of an error (one per error of a ``ValidationError``)."""
    if isinstance(exc, ValidationError):
        return [violation.line() for violation in validation_errors(exc)]
    return [one_line(str(exc)) or type(exc).__name__]


def common_options() -> argparse.ArgumentParser:
    """``--quiet`` and ``--debug``, accepted before and after the command."""
    common = argparse.ArgumentParser(add_help=False)
    group = common.add_argument_group("output control")
    group.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=argparse.SUPPRESS,
        help="print errors only: no summary, no progress bar",
    )
    group.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="print a traceback with each error",
    )
    return common


def add_command(
    subparsers: Any,
    name: str,
    summary: str,
    description: str,
    epilog: str,
    aliases: Sequence[str] = (),
) -> argparse.ArgumentParser:
    """A subcommand with ``--quiet``/``--debug`` and an epilog printed as written."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        name,
        aliases=list(aliases),
        help=summary,
        description=description,
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common_options()],
    )
    parser.set_defaults(command_parser=parser)  # for usage errors found by run()
    return parser
