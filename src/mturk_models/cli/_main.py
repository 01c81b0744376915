"""The ``mturk-models`` command line: ``answers``, ``validate-hit``, ``schema``, ``demo``.

Built on the standard library's :mod:`argparse`, on purpose: the library's only dependencies are
pydantic, python-dateutil, defusedxml and pycountry, and a command line that needs four
subcommands, a few flags, ``--help`` with examples (``RawDescriptionHelpFormatter`` epilogs) and
exit code 2 on usage errors gets all of that from argparse. Click or Typer would add a dependency
(and Typer's startup cost) to every install for no feature the commands use. Tables and the
progress bar are a few lines of plain text formatting for the same reason.

Exit codes: 0 everything read or valid; 1 any input failed (bad file, unreadable path, a record or
request that does not validate; the good inputs are still processed), or the output could not be
written (a full disk); 2 usage error (unknown option, missing argument); 130 interrupted. Errors
are printed one per line on stderr, without a traceback unless ``--debug`` is given.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import io
import json
import os
import shutil
import stat
import sys
import time
import traceback
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from decimal import Decimal
from importlib.resources import files
from typing import Any, BinaryIO, TextIO, cast

from pydantic import BaseModel, ValidationError

from .. import __version__
from .._errors import shown
from ..api.responses import GetAssignmentResponse
from ..documents.answers import QuestionFormAnswers
from ..exceptions import MTurkModelsWarning
from ._sources import (
    FORMATS,
    Input,
    InputError,
    Item,
    Problem,
    detect_format,
    load_json,
    open_input,
    read_items,
)

__all__ = ["main"]

_PROG = "mturk-models"
_EXIT_OK, _EXIT_FAILED, _EXIT_USAGE = 0, 1, 2
_JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
"""Pydantic writes JSON Schema draft 2020-12; saying so lets editors pick the right validator."""
_PROGRESS_MIN_BYTES = 8 * 1024 * 1024
"""Below this total input size no progress bar is drawn: reading takes well under a second."""

_EXIT_CODES = """\
exit codes:
  0  success: every input read (answers), every request valid (validate-hit)
  1  an input failed: unreadable path, unknown format, a record or request that does not
     validate (the other inputs are still processed and each failure is reported); or the
     output could not be written (a full disk)
  2  usage error: unknown command or option, missing argument
  130  interrupted (Ctrl-C)"""

_MAIN_EPILOG = f"""\
examples:
  mturk-models demo                                  wrap a bundled real GetAssignment response
  mturk-models answers assignments.jsonl             answers as a table in the terminal
  aws mturk list-assignments-for-hit --hit-id 3F6045TU7DM69TFRJMD84TAZ7K7999 \\
      | mturk-models answers - --format csv > answers.csv
  mturk-models validate-hit create_hit.json          check a HIT before creating it
  mturk-models schema Assignment                     JSON Schema of a model

Run 'mturk-models COMMAND --help' for the options of a command.

{_EXIT_CODES}"""

_ANSWERS_EPILOG = f"""\
input formats (told from the content; --from names one when needed):
  json   a boto3 / AWS CLI response saved as JSON: GetAssignment, a ListAssignmentsForHIT page,
         a list of pages, a bare assignment or a list of them
  jsonl  JSON Lines: one assignment (or page) per line, as amti save-batch writes it
  xml    a legacy XML API response (GetAssignmentsForHIT, GetAssignment), or a bare
         QuestionFormAnswers document
  csv    a Requester website batch results CSV

output: a table when standard output is a terminal; otherwise --format (default csv, or the
extension of -o FILE). Wide rows (default) hold one assignment each, with AssignmentId,
WorkerId, HITId, status, times and one column per question identifier; --long gives one row
per (assignment, question, value).

examples:
  mturk-models answers results/*.jsonl
  mturk-models answers assignments.jsonl --format csv -o answers.csv
  mturk-models answers Batch_4369243_batch_results.csv --long --format jsonl
  aws mturk list-assignments-for-hit --hit-id HITID | mturk-models answers - -o answers.csv
  mturk-models answers --from xml saved_response.txt

{_EXIT_CODES}"""

_VALIDATE_EPILOG = f"""\
Each FILE holds the JSON that 'aws mturk create-hit --cli-input-json file://FILE' takes: the
request members with boto3's PascalCase keys. The operation is told from the keys (HITTypeId
means create-hit-with-hit-type; no Question, HITLayoutId or LifetimeInSeconds means
create-hit-type); --operation names it. Every violation is printed as
  FILE: Field.Path: message [code]

examples:
  mturk-models validate-hit hits/*.json
  mturk-models validate-hit --operation create_hit_type hit_type.json
  mturk-models validate-hit --json create_hit.json | jq '.[] | select(.valid | not)'

{_EXIT_CODES}"""

_SCHEMA_EPILOG = """\
MODEL is a model's class name (case does not matter), for example Assignment, HIT,
QualificationRequirement, Locale, GetAssignmentResponse, ListAssignmentsForHITResponse.
Without MODEL the names are listed. Keys in the schema are boto3's (PascalCase).

examples:
  mturk-models schema
  mturk-models schema Assignment > assignment.schema.json
  mturk-models schema QualificationRequirement --mode serialization"""


class _Reporter:
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
            traceback.print_exception(type(exc), exc, exc.__traceback__, file=self.stderr)
        for line in error_lines(exc):
            self.stderr.write(f"{where or _PROG}: {line}\n")
        self.stderr.flush()

    def note(self, message: str) -> None:
        """An informational line on stderr, silenced by ``--quiet``."""
        if not self.quiet:
            self.stderr.write(f"{message}\n")
            self.stderr.flush()


class _OutputError(Exception):
    """The output could not be written (a full disk, an I/O error): not a bug, not an input."""

    def __init__(self, name: str, error: OSError) -> None:
        super().__init__(f"cannot write to {name}: {error.strerror or error}")
        self.name = name


_STDOUT = "standard output"


def _discard_stdout() -> None:
    """Point standard output at the null device, so the flush at exit cannot fail again."""
    with contextlib.suppress(AttributeError, OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _location(loc: Iterable[int | str]) -> str:
    path = ""
    for step in loc:
        if isinstance(step, int):
            path += f"[{step}]"
        else:
            path += f".{step}" if path else str(step)
    return path


def _got(value: Any) -> str:
    return shown(value, 60)


def validation_errors(exc: ValidationError) -> list[dict[str, str]]:
    """The errors of a pydantic ``ValidationError`` as ``{"loc", "msg", "type"}`` dicts.

    ``loc`` is a path such as ``QualificationRequirements[0].Comparator`` (boto3's keys); the
    message names the value when pydantic's own message does not.
    """
    found = []
    for error in exc.errors(include_url=False):
        message = _one_line(error["msg"])
        value = error.get("input")
        if (
            error["type"] != "missing"
            and isinstance(value, (str, int, float, bool))
            and "got" not in message
            and _got(value) not in message
        ):
            message = f"{message}; got {_got(value)}"
        found.append({"loc": _location(error["loc"]), "msg": message, "type": error["type"]})
    return found


def _line(error: dict[str, str]) -> str:
    text = f"{error['msg']} [{error['type']}]"
    return f"{error['loc']}: {text}" if error["loc"] else text


def error_lines(exc: BaseException) -> list[str]:
    """The one-line messages of an error (one per error of a ``ValidationError``)."""
    if isinstance(exc, ValidationError):
        return [_line(error) for error in validation_errors(exc)]
    return [_one_line(str(exc)) or type(exc).__name__]


# --- answers ----------------------------------------------------------------------------------


class _Progress:
    """A one-line progress bar on stderr, redrawn at most ten times a second."""

    def __init__(self, stream: TextIO, total: int) -> None:
        self.stream = stream
        self.total = total
        self.last = 0.0

    def update(self, done: int, count: int) -> None:
        now = time.monotonic()
        if now - self.last < 0.1:
            return
        self.last = now
        share = min(done / self.total, 1.0) if self.total else 1.0
        bar = "#" * int(share * 30)
        self.stream.write(
            f"\r[{bar:<30}] {share:4.0%}  {done / 1e6:,.1f}/{self.total / 1e6:,.1f} MB  "
            f"{count:,} assignments"
        )
        self.stream.flush()

    def clear(self) -> None:
        """Erase the bar (before an error line, and at the end); the next update redraws it."""
        self.stream.write("\r\x1b[K")
        self.stream.flush()
        self.last = 0.0

    close = clear


class _AnswersRun:
    """One ``answers`` run: reads every input, reports its problems, counts, draws progress."""

    def __init__(self, args: argparse.Namespace, reporter: _Reporter, stdin: Any) -> None:
        self.args = args
        self.reporter = reporter
        self.stdin = stdin
        self.assignments = 0
        self.files_failed = 0
        self.done_bytes = 0
        self.progress: _Progress | None = None

    def start_progress(self, passes: int) -> None:
        """Draw a progress bar if stderr is a terminal and the inputs are large files."""
        inputs = self.args.files
        if self.reporter.quiet or not self.reporter.stderr.isatty() or "-" in inputs:
            return
        total = 0
        for name in inputs:
            with contextlib.suppress(OSError):
                total += os.stat(name).st_size
        if total >= _PROGRESS_MIN_BYTES:
            self.progress = _Progress(self.reporter.stderr, total * passes)

    def rows(self, *, long: bool, report: bool = True) -> Iterator[dict[str, Any]]:
        """The export rows of every good assignment of every input, in order.

        With ``report=False`` (a first pass that only collects the columns) problems are
        skipped silently: the second pass reports them, once.
        """
        from ..export import to_rows

        for where, item in self._items(report):
            try:
                rows = list(to_rows([item], long=long))
            except ValueError as exc:  # ExportError: an Answer that does not parse
                if report:
                    self._report(where, exc)
                continue
            if report:
                self.assignments += 1
            yield from rows
        if report and self.progress is not None:
            self.progress.close()

    def _items(self, report: bool) -> Iterator[tuple[str, Item]]:
        for name in self.args.files:
            label = "<stdin>" if name == "-" else name
            failed = self.reporter.failures
            source: Input | None = None
            try:
                source = open_input(name, self.stdin)
                fmt = self.args.source_format or detect_format(source.head)
                detected = self.args.source_format is None
                for record in read_items(source, fmt, detected=detected):
                    where = f"{label}: {record.where}" if record.where else label
                    if isinstance(record, Problem):
                        if report:
                            self._report(where, record.error)
                        continue
                    if self.progress is not None:
                        self.progress.update(self.done_bytes + source.consumed, self.assignments)
                    yield where, record.item
            except (InputError, OSError) as exc:
                if report:
                    self._report(label, exc)
            finally:
                if source is not None:
                    self.done_bytes += source.consumed
                    source.close()
            if self.reporter.failures > failed:
                self.files_failed += 1

    def _report(self, where: str, exc: BaseException) -> None:
        if self.progress is not None:
            self.progress.clear()
        self.reporter.error(where, exc)


def _cell(value: Any) -> str:
    """A value as table text: one line, ``None`` empty, lists joined."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ").replace("+00:00", "Z")
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return _one_line(str(value)) if isinstance(value, str) else str(value)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)].rstrip() + "…"


def print_table(rows: Sequence[dict[str, Any]], out: TextIO, width: int) -> None:
    """Rows as an aligned table fitted to ``width``, or one block per row if too wide."""
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    names = list(columns)
    if not names:
        return
    cells = [[_cell(row.get(name)) for name in names] for row in rows]
    widths = [min(max([len(n), *(len(c[i]) for c in cells)]), 50) for i, n in enumerate(names)]
    gap = 2
    if len(names) * (6 + gap) > width:
        _print_records(names, cells, out, width)
        return
    # Shrink free text first (a cell with a space), IDs and times last: they are what one scans.
    texty = [any(" " in c[i] for c in cells) for i in range(len(names))]
    while sum(widths) + gap * (len(widths) - 1) > width:
        shrinkable = [i for i in range(len(widths)) if texty[i] and widths[i] > 10]
        pool = shrinkable or range(len(widths))
        widest = max(pool, key=widths.__getitem__)
        widths[widest] -= 1
    line = " " * gap
    out.write(
        line.join(_clip(n, w).ljust(w) for n, w in zip(names, widths, strict=True)).rstrip() + "\n"
    )
    rule = _rule(out)
    out.write(line.join(rule * w for w in widths) + "\n")
    for texts in cells:
        out.write(
            line.join(_clip(c, w).ljust(w) for c, w in zip(texts, widths, strict=True)).rstrip()
            + "\n"
        )


def _rule(out: TextIO) -> str:
    """The line drawing character: ``─``, or ``-`` where the output's encoding has no ``─``."""
    try:
        "─".encode(getattr(out, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return "-"
    return "─"


def _print_records(names: list[str], cells: list[list[str]], out: TextIO, width: int) -> None:
    key_width = min(max(len(n) for n in names), max(width // 2, 20))
    value_width = max(width - key_width - 2, 10)
    rule = _rule(out)
    for number, row in enumerate(cells, 1):
        out.write(f"{rule * 2} {number} " + rule * max(width - len(str(number)) - 5, 0) + "\n")
        for name, cell in zip(names, row, strict=True):
            out.write(f"{_clip(name, key_width):<{key_width}}  {_clip(cell, value_width)}".rstrip())
            out.write("\n")


def _json_default(value: Any) -> Any:
    """As :func:`mturk_models.write_jsonl` writes values, so json and jsonl output agree."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (tuple, set, frozenset)):
        return list(value)
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    return str(value)


def _output_format(args: argparse.Namespace, out: TextIO) -> str:
    if args.format:
        return str(args.format)
    if args.output:
        for suffix in ("jsonl", "json", "csv"):
            if args.output.lower().endswith(f".{suffix}"):
                return suffix
        return "csv"
    return "table" if out.isatty() else "csv"


class _Encoded:
    """Text written to standard output's bytes in an encoding of our choice.

    The machine formats (CSV, JSON Lines, JSON) are UTF-8 with their own line ends, whatever
    the console's code page (cp1252 on Windows) or its newline translation (which turns CSV's
    ``\\r\\n`` into ``\\r\\r\\n``) would make of them: the same bytes as ``-o FILE``. The table
    is for a person: the terminal's encoding and line ends, a character it cannot show
    replaced by ``?`` rather than failing the run.
    """

    def __init__(self, buffer: BinaryIO, encoding: str, errors: str, newline: str) -> None:
        self.encoding = encoding
        self._buffer = buffer
        self._encoder = codecs.getincrementalencoder(encoding)(errors)
        self._newline = newline

    def write(self, text: str) -> int:
        translated = text.replace("\n", self._newline) if self._newline != "\n" else text
        self._buffer.write(self._encoder.encode(translated))
        return len(text)

    def flush(self) -> None:
        self._buffer.flush()


def _stdout_for(out: TextIO, fmt: str) -> TextIO:
    """Standard output set up for ``fmt`` (see :class:`_Encoded`); a stream without bytes as is."""
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        return out
    out.flush()  # whatever was written as text goes first
    if fmt == "table":
        encoded = _Encoded(buffer, out.encoding or "utf-8", "replace", os.linesep)
    else:
        encoded = _Encoded(buffer, "utf-8", "strict", "\n")
    return cast(TextIO, encoded)


def _same_file(output: str, inputs: Sequence[str], stdin: Any) -> str | None:
    """The input that ``output`` would overwrite, if any (opening it for writing empties it).

    Standard input counts when it is a regular file (``< FILE``): the same device and inode.
    """
    for name in inputs:
        with contextlib.suppress(OSError, ValueError):
            if name == "-":
                given = os.fstat(stdin.fileno())
                target = os.stat(output)
                if stat.S_ISREG(given.st_mode) and os.path.samestat(given, target):
                    return "<stdin>"
            elif os.path.samefile(output, name):
                return name
    return None


def _answers(args: argparse.Namespace, reporter: _Reporter, out: TextIO, stdin: Any) -> int:
    from ..export import LONG_COLUMNS, WIDE_COLUMNS, write_csv, write_jsonl

    run = _AnswersRun(args, reporter, stdin)
    fmt = _output_format(args, out)
    target: TextIO = out if args.output else _stdout_for(out, fmt)
    if args.output:
        clash = _same_file(args.output, args.files, stdin)
        if clash is not None:
            reporter.error(args.output, InputError(f"is also an input ({clash}); not overwritten"))
            return _EXIT_FAILED
        try:
            target = open(args.output, "w", encoding="utf-8", newline="")  # noqa: SIM115
        except OSError as exc:
            reporter.error(args.output, InputError(f"cannot write: {exc.strerror or exc}"))
            return _EXIT_FAILED
    columns: list[str] | None = None
    if fmt == "csv":
        if args.long:
            columns = list(LONG_COLUMNS)
        elif "-" not in args.files and all(os.path.isfile(name) for name in args.files):
            # The wide header needs every question of every input: a first, silent pass over
            # the files collects the columns, so the rows can then stream. (Standard input and
            # pipes, such as bash's <(...), cannot be read twice: their rows are held until the
            # header is known.)
            run.start_progress(passes=2)
            seen: dict[str, None] = dict.fromkeys(WIDE_COLUMNS)  # the header of no rows too
            for row in run.rows(long=False, report=False):
                seen.update(dict.fromkeys(row))
            columns = list(seen)
    if run.progress is None:
        run.start_progress(passes=1)
    try:
        rows = run.rows(long=args.long)
        if fmt == "table":
            print_table(list(rows), target, shutil.get_terminal_size().columns)
        elif fmt == "csv":
            if columns is None:  # wide rows from standard input
                held = list(rows)
                write_csv(held, target, columns=None if held else WIDE_COLUMNS, sample=len(held))
            else:
                write_csv(rows, target, columns=columns)
        elif fmt == "jsonl":
            write_jsonl(rows, target)
        else:
            _write_json(rows, target)
        target.flush()  # a full disk shows here, reported, rather than at exit
        if args.output:
            target.close()
    except BrokenPipeError:
        raise
    except OSError as exc:  # the inputs' own read errors are reported where they are read
        raise _OutputError(args.output or _STDOUT, exc) from exc
    finally:
        if args.output:
            with contextlib.suppress(OSError):  # closed above, or already failing
                target.close()
    inputs = len(args.files)
    reporter.note(
        f"{run.assignments:,} assignment{'s' if run.assignments != 1 else ''} from "
        f"{inputs} input{'s' if inputs != 1 else ''}"
        + (f"; {run.files_failed} with errors" if run.files_failed else "")
    )
    return _EXIT_FAILED if reporter.failures else _EXIT_OK


def _write_json(rows: Iterable[dict[str, Any]], out: TextIO) -> None:
    """A JSON array, written row by row (nothing held in memory)."""
    out.write("[")
    for number, row in enumerate(rows):
        out.write(",\n  " if number else "\n  ")
        out.write(json.dumps(row, ensure_ascii=False, default=_json_default))
    out.write("\n]\n")


# --- validate-hit -----------------------------------------------------------------------------

_OPERATIONS = ("create_hit", "create_hit_with_hit_type", "create_hit_type")


def _request_models() -> dict[str, type[BaseModel]]:
    from ..api.requests import CreateHITRequest, CreateHITTypeRequest, CreateHITWithHITTypeRequest

    return {
        "create_hit": CreateHITRequest,
        "create_hit_with_hit_type": CreateHITWithHITTypeRequest,
        "create_hit_type": CreateHITTypeRequest,
    }


def guess_operation(keys: Iterable[str], models: dict[str, type[BaseModel]]) -> str:
    """The operation whose request fits ``keys`` best: fewest unknown keys, then fewest missing.

    Ties go to ``create_hit``, the most common. So ``HITTypeId`` means CreateHITWithHITType, and a
    request with neither ``Question``/``HITLayoutId`` nor ``LifetimeInSeconds`` is CreateHITType.
    """
    given = set(keys)

    def misfit(operation: str) -> tuple[int, int]:
        fields = models[operation].model_fields
        known = {field.alias or name for name, field in fields.items()}
        required = {field.alias or name for name, field in fields.items() if field.is_required()}
        return len(given - known), len(required - given)

    return min(models, key=misfit)


def _check_request(
    name: str, args: argparse.Namespace, stdin: Any, models: dict[str, type[BaseModel]]
) -> dict[str, Any]:
    """One request file checked: ``{"file", "operation", "valid", "errors", "warnings"}``."""
    result: dict[str, Any] = {"file": "<stdin>" if name == "-" else name}
    result.update(operation=args.operation, valid=False, errors=[], warnings=[])
    try:
        source = open_input(name, stdin)
        try:
            data = load_json(source.stream.read())
        finally:
            source.close()
        if not isinstance(data, dict):
            kind = type(data).__name__
            raise InputError(f"a request is a JSON object of request members, got {kind}")
    except (InputError, OSError) as exc:
        result["errors"] = [{"loc": "", "msg": _one_line(str(exc)), "type": "input"}]
        return result
    operation = args.operation or guess_operation(data, models)
    result["operation"] = operation
    context = {"environment": args.environment} if args.environment else None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", MTurkModelsWarning)
        try:
            models[operation].model_validate(data, context=context)
        except ValidationError as exc:
            result["errors"] = validation_errors(exc)
    result["errors"] += _cli_json_types(data)
    result["warnings"] = [
        {"msg": _one_line(str(w.message)), "type": w.category.__name__}
        for w in caught
        if issubclass(w.category, MTurkModelsWarning)
    ]
    result["valid"] = not result["errors"] and not (args.strict and result["warnings"])
    return result


def _cli_json_types(data: dict[str, Any]) -> list[dict[str, str]]:
    """JSON types the AWS CLI refuses although the models, made for Python values, take them.

    A request file is what ``aws mturk ... --cli-input-json`` reads, and botocore checks its
    types: Reward is a string (``0.5`` as a JSON number fails there) and IntegerValues are
    numbers (``"95"`` fails). The models accept both, for Decimal rewards and archived XML.
    """
    errors = []
    reward = data.get("Reward")
    if reward is not None and not isinstance(reward, str):
        errors.append(
            {
                "loc": "Reward",
                "msg": 'Reward should be a JSON string such as "0.50" (the AWS CLI and '
                f"botocore refuse a number); got {_got(reward)}",
                "type": "json_type",
            }
        )
    requirements = data.get("QualificationRequirements")
    for index, requirement in enumerate(requirements if isinstance(requirements, list) else ()):
        values = requirement.get("IntegerValues") if isinstance(requirement, dict) else None
        for position, value in enumerate(values if isinstance(values, list) else ()):
            if isinstance(value, str):
                errors.append(
                    {
                        "loc": _location(
                            ("QualificationRequirements", index, "IntegerValues", position)
                        ),
                        "msg": "IntegerValues should be JSON numbers (the AWS CLI and botocore "
                        f"refuse strings); got {_got(value)}",
                        "type": "json_type",
                    }
                )
    return errors


def _validate_hits(args: argparse.Namespace, reporter: _Reporter, out: TextIO, stdin: Any) -> int:
    models = _request_models()
    results = [_check_request(name, args, stdin, models) for name in args.files]
    failed = [result for result in results if not result["valid"]]
    if args.json:
        out.write(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    else:
        for result in results:
            for error in result["errors"]:
                out.write(f"{result['file']}: {_line(error)}\n")
            for warning in result["warnings"]:
                out.write(f"{result['file']}: warning: {warning['msg']} [{warning['type']}]\n")
    reporter.failures += len(failed)
    count = len(results)
    warned = sum(len(result["warnings"]) for result in results)
    reporter.note(
        f"{count - len(failed)} of {count} request{'s' if count != 1 else ''} valid"
        + (f"; {len(failed)} failed" if failed else "")
        + (f"; {warned} warning{'s' if warned != 1 else ''}" if warned else "")
    )
    return _EXIT_FAILED if failed else _EXIT_OK


# --- schema -----------------------------------------------------------------------------------


def public_models() -> dict[str, type[BaseModel]]:
    """Every public pydantic model of the package, by class name."""
    import mturk_models

    found = {}
    for name in mturk_models.__all__:
        value = getattr(mturk_models, name)
        if isinstance(value, type) and issubclass(value, BaseModel):
            found[name] = value
    return found


def _schema(args: argparse.Namespace, reporter: _Reporter, out: TextIO) -> int:
    models = public_models()
    if args.model is None:
        out.write("\n".join(sorted(models)) + "\n")
        return _EXIT_OK
    by_folded = {name.casefold(): model for name, model in models.items()}
    model = by_folded.get(args.model.casefold())
    if model is None:
        reporter.error(
            "",
            InputError(f"unknown model {args.model!r}; choose one of: {', '.join(sorted(models))}"),
        )
        return _EXIT_FAILED
    schema = {"$schema": _JSON_SCHEMA_DIALECT}
    schema.update(model.model_json_schema(by_alias=True, mode=args.mode))
    out.write(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
    return _EXIT_OK


# --- demo -------------------------------------------------------------------------------------


def _load_sample() -> GetAssignmentResponse:
    text = files("mturk_models").joinpath("_data/get_assignment.json").read_text("utf-8")
    return GetAssignmentResponse.model_validate(json.loads(text))


def _demo(out: TextIO) -> int:
    response = _load_sample()
    assignment = response.assignment
    assert assignment is not None  # the bundled sample has one
    out.write("GetAssignment response (bundled real sample), wrapped by mturk-models\n\n")
    rows: list[tuple[str, object]] = [
        ("AssignmentId", assignment.assignment_id),
        ("WorkerId", assignment.worker_id),
        ("HITId", assignment.hit_id),
        ("Status", assignment.assignment_status.value if assignment.assignment_status else None),
        ("Accepted (UTC)", assignment.accept_time),
        ("Submitted (UTC)", assignment.submit_time),
        ("Approved (UTC)", assignment.approval_time),
    ]
    if assignment.accept_time and assignment.submit_time:
        rows.append(("Work time", assignment.submit_time - assignment.accept_time))
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        out.write(f"  {label:<{width}}  {value}\n")
    out.write(f"  {'Answer':<{width}}  {len(assignment.answer or '')} characters of XML\n")
    _write_answers(out, assignment.parse_answers())
    return _EXIT_OK


_SHOWN_ANSWERS = 12
_VALUE_WIDTH = 44


def _shown(value: object) -> str:
    """A value on one line: line breaks visible, long text cut with an ellipsis."""
    if isinstance(value, dict):
        text = f"{value['uploaded_file_key']} ({value['uploaded_file_size_in_bytes']:,} bytes)"
    elif isinstance(value, list):
        text = ", ".join(value) or "(nothing selected)"
    else:
        text = repr(value)[1:-1] if value else '""'
    return text if len(text) <= _VALUE_WIDTH else text[: _VALUE_WIDTH - 1] + "…"


def _write_answers(out: TextIO, answers: QuestionFormAnswers) -> None:
    kinds = Counter(answer.kind for answer in answers)
    summary = ", ".join(f"{count} {kind}" for kind, count in kinds.items())
    out.write(f"\nParsed answers (parse_answers): {len(answers)} ({summary})\n\n")
    shown = answers.answers[:_SHOWN_ANSWERS]
    width = max((len(answer.question_identifier) for answer in shown), default=10)
    out.write(f"  {'QuestionIdentifier':<{width}}  {'kind':<13}  value\n")
    for answer in shown:
        out.write(
            f"  {answer.question_identifier:<{width}}  {answer.kind:<13}  {_shown(answer.value)}\n"
        )
    if len(answers) > len(shown):
        out.write(f"  ... and {len(answers) - len(shown)} more\n")


# --- the parser -------------------------------------------------------------------------------


def _common() -> argparse.ArgumentParser:
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


def _command(
    commands: Any, name: str, summary: str, description: str, epilog: str
) -> argparse.ArgumentParser:
    """A subcommand with ``--quiet``/``--debug`` and an epilog printed as written."""
    parser: argparse.ArgumentParser = commands.add_parser(
        name,
        help=summary,
        description=description,
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[_common()],
    )
    return parser


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=_PROG,
        description="Typed, validated Amazon Mechanical Turk data from the command line.",
        epilog=_MAIN_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[_common()],
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")

    answers = _command(
        commands,
        "answers",
        "read saved assignments (JSON, JSON Lines, legacy XML, batch CSV) into a table",
        "Read saved assignments and write their answers as a table, CSV or JSON.",
        _ANSWERS_EPILOG,
    )
    answers.add_argument("files", nargs="+", metavar="FILE", help="input files; - reads stdin")
    answers.add_argument(
        "--from",
        dest="source_format",
        choices=FORMATS,
        help="input format of every FILE (default: told from each file's content)",
    )
    answers.add_argument(
        "-f",
        "--format",
        choices=("table", "csv", "jsonl", "json"),
        help="output format (default: table on a terminal, else csv or the -o extension)",
    )
    answers.add_argument(
        "--long",
        action="store_true",
        help="one row per (assignment, question, value) instead of one per assignment",
    )
    answers.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead of standard output"
    )

    validate = _command(
        commands,
        "validate-hit",
        "check CreateHIT / CreateHITType / CreateHITWithHITType request JSON files",
        "Check HIT request JSON files against every documented MTurk rule.",
        _VALIDATE_EPILOG,
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help="request JSON files; - is stdin")
    validate.add_argument(
        "--operation",
        choices=_OPERATIONS,
        help="the operation the files are for (default: told from the keys of each file)",
    )
    validate.add_argument(
        "--environment",
        choices=("production", "sandbox"),
        help="warn about qualification types of the other environment (the Masters IDs differ)",
    )
    validate.add_argument(
        "--strict", action="store_true", help="count warnings as failures (exit code 1)"
    )
    validate.add_argument(
        "--json", action="store_true", help="print the results as JSON on standard output"
    )

    schema = _command(
        commands,
        "schema",
        "print the JSON Schema of a model",
        "Print the JSON Schema of a model, for editors and other languages.",
        _SCHEMA_EPILOG,
    )
    schema.add_argument("model", nargs="?", metavar="MODEL", help="model name; omit to list them")
    schema.add_argument(
        "--mode",
        choices=("validation", "serialization"),
        default="validation",
        help="schema of the input accepted (default) or of the output produced",
    )

    _command(
        commands,
        "demo",
        "wrap the bundled real GetAssignment sample and summarise it",
        "Wrap a bundled real GetAssignment response and print a summary.",
        "examples:\n  mturk-models demo",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 1 an input failed, 2 usage)."""
    parser = _parser()
    args = parser.parse_args(argv)
    # Closed standard streams (``>&-``, ``2>&-``; some daemons and job runners) are None.
    stderr: TextIO = sys.stderr if sys.stderr is not None else io.StringIO()
    reporter = _Reporter(
        stderr, quiet=getattr(args, "quiet", False), debug=getattr(args, "debug", False)
    )
    out = sys.stdout
    if out is None:
        if args.command != "answers" or not args.output:
            hint = "; write to a file with -o FILE" if args.command == "answers" else ""
            stderr.write(f"{_PROG}: standard output is closed, so nothing can be written{hint}\n")
            return _EXIT_USAGE
        out = io.StringIO()  # never written: the rows go to -o FILE
    # A closed standard input (``<&-``, some daemons) is None: "-" then reads as empty.
    stdin = sys.stdin.buffer if sys.stdin is not None else io.BytesIO()
    try:
        code = _run(args, reporter, out, stdin)
    except KeyboardInterrupt:
        reporter.stderr.write(f"{_PROG}: interrupted\n")
        return 130
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly; the pipeline's status is the reader's.
        _discard_stdout()
        return _EXIT_FAILED
    except _OutputError as exc:  # a full disk: what was written stays, the rest is not
        if exc.name == _STDOUT:
            _discard_stdout()
        if reporter.debug:
            traceback.print_exception(type(exc), exc, exc.__traceback__, file=reporter.stderr)
        reporter.stderr.write(f"{_PROG}: {exc}\n")
        return _EXIT_FAILED
    except Exception as exc:  # a bug: one line, and the traceback only with --debug
        if reporter.debug:
            raise
        reporter.stderr.write(
            f"{_PROG}: internal error: {type(exc).__name__}: {_one_line(str(exc))} "
            "(rerun with --debug for the traceback, and please report it)\n"
        )
        return _EXIT_FAILED
    if code is None:
        parser.print_help(stderr)
        return _EXIT_USAGE
    return code


def _run(args: argparse.Namespace, reporter: _Reporter, out: TextIO, stdin: Any) -> int | None:
    """Run the command; ``None`` without one. Errors writing standard output raise _OutputError."""
    if args.command == "answers":
        return _answers(args, reporter, out, stdin)  # reports its own output's errors
    try:
        if args.command == "validate-hit":
            code = _validate_hits(args, reporter, out, stdin)
        elif args.command == "schema":
            code = _schema(args, reporter, out)
        elif args.command == "demo":
            code = _demo(out)
        else:
            return None
        out.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:  # these commands read their inputs before writing anything
        raise _OutputError(_STDOUT, exc) from exc
    return code
