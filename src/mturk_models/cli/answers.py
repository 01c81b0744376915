"""``mturk-models answers``: saved assignments (JSON, JSON Lines, XML, batch CSV) as rows."""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import stat
from collections.abc import Iterator, Sequence
from typing import Any, TextIO

from ..exceptions import ExportError
from ..export import LONG_COLUMNS, WIDE_COLUMNS, WRITE_BUFFER, to_rows, write_csv, write_jsonl
from ._common import (
    EXIT_CODES,
    EXIT_FAILED,
    EXIT_OK,
    STDOUT,
    Context,
    OutputError,
    Reporter,
    UsageError,
    add_command,
)
from ._output import Progress, print_table, stdout_for, write_json
from ._sources import (
    FORMATS,
    Input,
    InputError,
    Item,
    Problem,
    detect_format,
    open_input,
    read_items,
)

EPILOG = f"""\
input formats (told from the content; --from names one when needed):
  json   a boto3 / AWS CLI response saved as JSON: GetAssignment, a ListAssignmentsForHIT page,
         a list of pages, a bare assignment or a list of them
  jsonl  JSON Lines: one assignment (or page) per line, as amti save-batch writes it
  xml    a legacy XML API response (GetAssignmentsForHIT, GetAssignment), or a bare
         QuestionFormAnswers document
  csv    a Requester website batch results CSV

output: a table when standard output is a terminal; otherwise --format (default csv, or the
extension of -o FILE: .csv, .jsonl or .json; another extension is a usage error; -o - is
standard output). Wide rows (default) hold one assignment each, with AssignmentId,
WorkerId, HITId, status, times and one column per question identifier; --long gives one row
per (assignment, question, value).

examples:
  mturk-models answers results/*.jsonl
  mturk-models answers assignments.jsonl --format csv -o answers.csv
  mturk-models answers Batch_4369243_batch_results.csv --long --format jsonl
  aws mturk list-assignments-for-hit --hit-id HITID | mturk-models answers - -o answers.csv
  mturk-models answers --from xml saved_response.txt

{EXIT_CODES}"""

_PROGRESS_MIN_BYTES = 8 * 1024 * 1024
"""Below this total input size no progress bar is drawn: reading takes well under a second."""


def register(subparsers: Any) -> None:
    """Add ``answers`` and its options to the command line."""
    parser = add_command(
        subparsers,
        "answers",
        "read saved assignments (JSON, JSON Lines, legacy XML, batch CSV) into a table",
        "Read saved assignments and write their answers as a table, CSV or JSON.",
        EPILOG,
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="input files; - reads stdin")
    parser.add_argument(
        "--from",
        dest="source_format",
        choices=FORMATS,
        help="input format of every FILE (default: told from each file's content)",
    )
    parser.add_argument(
        "-f",
        "--format",
        choices=("table", "csv", "jsonl", "json"),
        help="output format (default: table on a terminal, else csv or the -o extension)",
    )
    parser.add_argument(
        "--long",
        action="store_true",
        help="one row per (assignment, question, value) instead of one per assignment",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE (.csv, .jsonl or .json) instead of standard output; - is stdout",
    )
    parser.add_argument(
        "--delimiter",
        metavar="CHAR",
        help="field separator of batch CSV files (default: told from the header: , ; or tab)",
    )
    parser.add_argument(
        "--anonymized-worker-ids",
        action="store_true",
        help="batch CSV files whose WorkerIds were anonymised: keep them as written",
    )
    parser.set_defaults(run=run)


class _AnswersRun:
    """One ``answers`` run: reads every input, reports its problems, counts, draws progress."""

    def __init__(self, args: argparse.Namespace, reporter: Reporter, stdin: Any) -> None:
        self.args = args
        self.reporter = reporter
        self.stdin = stdin
        self.assignments = 0
        self.files_failed = 0
        self.done_bytes = 0
        self.progress: Progress | None = None

    def start_progress(self) -> None:
        """Draw a progress bar if stderr is a terminal and the inputs are large files."""
        inputs = self.args.files
        if self.reporter.quiet or not self.reporter.stderr.isatty() or "-" in inputs:
            return
        total = 0
        for name in inputs:
            with contextlib.suppress(OSError):
                total += os.stat(name).st_size
        if total >= _PROGRESS_MIN_BYTES:
            self.progress = Progress(self.reporter.stderr, total)

    def rows(self, *, long: bool) -> Iterator[dict[str, Any]]:
        """The rows of every good assignment of every input, in order; each problem is
        reported, each assignment counted, and the progress bar closed at the end."""
        for where, item in self._items():
            try:
                rows = list(to_rows(item, long=long))
            except ExportError as exc:  # an Answer that does not parse
                self._report(where, exc)
                continue
            self.assignments += 1
            yield from rows
        if self.progress is not None:
            self.progress.close()

    def _items(self) -> Iterator[tuple[str, Item]]:
        for name in self.args.files:
            label = "<stdin>" if name == "-" else name
            failed = self.reporter.failures
            source: Input | None = None
            try:
                source = open_input(name, self.stdin)
                fmt = self.args.source_format or detect_format(source.head)
                detected = self.args.source_format is None
                batch = {
                    "delimiter": self.args.delimiter,
                    "anonymized_worker_ids": self.args.anonymized_worker_ids,
                }
                for record in read_items(source, fmt, detected=detected, batch=batch):
                    where = f"{label}: {record.where}" if record.where else label
                    if isinstance(record, Problem):
                        self._report(where, record.error)
                        continue
                    if self.progress is not None:
                        self.progress.update(self.done_bytes + source.consumed, self.assignments)
                    yield where, record.item
            except (InputError, OSError) as exc:
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


_FILE_FORMATS = ("csv", "jsonl", "json")
"""The formats ``-o FILE`` is told from by its extension (``--format table`` writes a table)."""


def _output_format(args: argparse.Namespace, out: TextIO) -> str:
    """``--format``, else the extension of ``-o FILE``, else table on a terminal, else csv.

    An extension this command cannot write (``-o answers.xlsx``) is a usage error rather than
    CSV under a name that says otherwise; a FILE without an extension is CSV.
    """
    if args.format:
        return str(args.format)
    if args.output:
        suffix = os.path.splitext(str(args.output))[1].lower()
        if suffix[1:] in _FILE_FORMATS:
            return suffix[1:]
        if suffix:
            writes = ", ".join(f".{name}" for name in _FILE_FORMATS)
            raise UsageError(
                f"cannot write {suffix} files (-o {args.output}); it writes {writes} "
                "(or name a format with --format)"
            )
        return "csv"
    return "table" if out.isatty() else "csv"


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


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Read every input and write its rows; report each problem (exit 1) and go on."""
    reporter, out, stdin = ctx.reporter, ctx.stdout, ctx.stdin
    if args.output == "-":  # -o - is standard output, as for the inputs
        args.output = None
    answers_run = _AnswersRun(args, reporter, stdin)
    fmt = _output_format(args, out)
    target: TextIO = out if args.output else stdout_for(out, fmt)
    if args.output:
        clash = _same_file(args.output, args.files, stdin)
        if clash is not None:
            reporter.error(args.output, InputError(f"is also an input ({clash}); not overwritten"))
            return EXIT_FAILED
        try:
            target = open(  # noqa: SIM115
                args.output, "w", encoding="utf-8", newline="", buffering=WRITE_BUFFER
            )
        except OSError as exc:
            reporter.error(args.output, InputError(f"cannot write: {exc.strerror or exc}"))
            return EXIT_FAILED
    answers_run.start_progress()
    try:
        rows = answers_run.rows(long=args.long)
        if fmt == "table":
            print_table(list(rows), target, shutil.get_terminal_size().columns)
        elif fmt == "csv" and args.long:
            write_csv(rows, target, columns=LONG_COLUMNS)
        elif fmt == "csv":
            # The wide header needs every question of every input: the rows are spooled to a
            # temporary file while their columns are collected, one pass over the inputs.
            if not write_csv(rows, target, sample=None):
                write_csv([], target, columns=WIDE_COLUMNS)  # no rows: the header alone
        elif fmt == "jsonl":
            write_jsonl(rows, target)
        else:
            write_json(rows, target)
        target.flush()  # a full disk shows here, reported, rather than at exit
        if args.output:
            target.close()
    except BrokenPipeError:
        raise
    except OSError as exc:  # the inputs' own read errors are reported where they are read
        raise OutputError(args.output or STDOUT, exc) from exc
    finally:
        if args.output:
            with contextlib.suppress(OSError):  # closed above, or already failing
                target.close()
    inputs = len(args.files)
    reporter.note(
        f"{answers_run.assignments:,} assignment{'s' if answers_run.assignments != 1 else ''} "
        f"from {inputs} input{'s' if inputs != 1 else ''}"
        + (f"; {answers_run.files_failed} with errors" if answers_run.files_failed else "")
    )
    return EXIT_FAILED if reporter.failures else EXIT_OK
