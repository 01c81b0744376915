"""Saved MTurk results read for the command line: the format told from the content, streamed.

Formats (``--from`` names them when the content is ambiguous):

* ``json``: one JSON value as boto3 or ``aws mturk ... --output json`` gives it: a GetAssignment
  response (``{"Assignment": ..., "HIT": ...}``), a ListAssignmentsForHIT page
  (``{"Assignments": [...], "NextToken": ...}``), a bare assignment (``{"AssignmentId": ...}``),
  or a list of any of these (the pages of a paginator, saved with ``json.dump(list(pages))``).
* ``jsonl``: JSON Lines, one such value per line; what ``amti save-batch`` and most scripts write
  (``assignments.jsonl``). Read line by line: memory holds one line at a time.
* ``xml``: a saved legacy XML API response (GetAssignmentsForHIT, GetAssignment, ...), or a bare
  QuestionFormAnswers document (one Answer string saved to a file).
* ``csv``: a Requester website batch results CSV ("Download CSV").

Detection looks at the first bytes only: ``<`` is XML, ``{`` or ``[`` is JSON (JSON Lines when the
first line is a complete JSON value and more follows, or when the first line is not, but most of
the lines after it are: a bad first record is then reported and the others read), a first line
naming ``AssignmentId`` is a batch CSV. JSON and JSON Lines may also be UTF-16 (with a BOM, or
told by its NUL bytes), as Windows PowerShell's ``>`` saves them; a UTF-16 batch CSV is told as
a CSV and refused with what to do (save it as UTF-8). Bad records are yielded as
:class:`Problem` objects, located, and reading goes on with the next record: nothing is dropped
without a report.
"""

from __future__ import annotations

import io
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import ValidationError
from pydantic_core import from_json

from ..api.assignments import (
    Assignment,
    GetAssignmentResponse,
    ListAssignmentsForHITResponse,
    assignments_in,
)
from ..archives.batch import BatchResultRow, read_batch_csv
from ..documents._xml import sniff_encoding
from ..documents.answers import parse_answers
from ..exceptions import InputError, MTurkModelsError

__all__ = [
    "FORMATS",
    "Input",
    "InputError",
    "Problem",
    "Record",
    "detect_format",
    "load_json",
    "open_input",
    "read_items",
]

_HEAD = 64 * 1024
_XML_ROOT = re.compile(r"<(?![?!])(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")
_BOM = b"\xef\xbb\xbf"

Item = Assignment | BatchResultRow
"""What reading yields: a typed assignment, or a batch CSV row (assignment, HIT and answers)."""


@dataclass(frozen=True)
class Record:
    """A good record and where it is in its input (``line 3``, ``Assignments[2]``, or ``""``)."""

    where: str
    item: Item


@dataclass(frozen=True)
class Problem:
    """A record that could not be read: where it is in its input, and why."""

    where: str
    error: Exception


class _Stream(io.RawIOBase):
    """A binary stream that first replays the bytes already read for detection, counting bytes."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = head
        self._rest = rest
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def close_source(self) -> None:
        """Close the file read from."""
        self._rest.close()

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self._head:
            size = min(len(view), len(self._head))
            view[:size] = self._head[:size]
            self._head = self._head[size:]
        else:
            chunk = self._rest.read(len(view))
            size = len(chunk)
            view[:size] = chunk
        self.consumed += size
        return size


@dataclass
class Input:
    """One opened input: its display name, its first bytes, and the stream of all its bytes."""

    name: str
    head: bytes
    stream: io.BufferedReader
    raw: _Stream

    @property
    def consumed(self) -> int:
        """Bytes read from the input so far (for progress reports)."""
        return self.raw.consumed

    def close(self) -> None:
        """Close the underlying file (never stdin)."""
        if self.name != "-":
            self.raw.close_source()


def open_input(name: str, stdin: BinaryIO | None = None) -> Input:
    """Open a path, or standard input for ``-``, and read its first bytes for detection."""
    if name == "-":
        rest = stdin if stdin is not None else sys.stdin.buffer
    else:
        path = Path(name)
        try:
            if path.is_dir():
                raise InputError("is a directory, not a file")
            rest = path.open("rb")
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}") from exc
    try:
        head = rest.read(_HEAD)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from exc
    raw = _Stream(head, rest)
    return Input(name, head, io.BufferedReader(raw, _HEAD), raw)


def detect_format(head: bytes) -> str:
    """Tell the format of an input from its first bytes; raise :class:`InputError` if unknown."""
    text = head[len(_BOM) :] if head.startswith(_BOM) else head
    codec = sniff_encoding(text)  # UTF-16 (Windows PowerShell's ">" writes it), or UTF-32
    if codec is not None:
        decoded = text.decode(codec, "ignore").lstrip("\ufeff")
        if decoded.lstrip().startswith("<"):
            return "xml"  # XML declares its own encoding
        text = decoded.encode("utf-8")  # JSON, JSON Lines, a CSV: told as in UTF-8 below
    stripped = text.lstrip()
    if not stripped:
        raise InputError("is empty")
    first = stripped[:1]
    if first == b"<":
        return "xml"
    if first in b"[{":
        line, newline, rest = stripped.partition(b"\n")
        if newline:
            try:
                json.loads(line)
            except (ValueError, RecursionError):  # RecursionError: nested too deeply
                later = rest.split(b"\n")
                if len(head) >= _HEAD:
                    later.pop()  # the head may end inside a line
                # A bad first line followed by lines of values: JSON Lines, line 1 reported.
                return "jsonl" if _mostly_values(later) else "json"  # else: pretty-printed
            return "jsonl"  # a whole value on the first line: JSON Lines (maybe of one line)
        return "json"  # one line longer than the head: read whole (JSON Lines fall back there)
    header = stripped.partition(b"\n")[0]
    # Batch results (, or ; or tab separated), or the Command Line Tools' .results file, which
    # the batch reader recognises to say what it is.
    if b"assignmentid" in header.lower() and any(char in header for char in b",;\t"):
        return "csv"
    raise InputError(
        "cannot tell the format: not JSON, JSON Lines, XML or a batch results CSV "
        "(a CSV needs an AssignmentId column); name it with --from"
    )


def read_items(
    source: Input, fmt: str, *, detected: bool = False, batch: Mapping[str, Any] | None = None
) -> Iterator[Record | Problem]:
    """Yield the assignments (or batch rows) of ``source`` read as ``fmt``, and the problems.

    ``detected=True`` says the format was guessed from the head: then a "JSON" input that turns
    out to hold several values (JSON Lines whose first line is longer than the head) is read as
    JSON Lines instead of failing. ``batch`` holds keyword arguments of ``read_batch_csv`` for
    CSV input (``delimiter``, ``anonymized_worker_ids``).
    """
    reader = _READERS.get(fmt)
    if reader is None:  # pragma: no cover - argparse restricts the choices
        raise InputError(f"unknown input format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if fmt == "csv":
        return _read_csv_input(source, detected, batch)
    return reader(source, detected)


def _read_json(source: Input, detected: bool) -> Iterator[Record | Problem]:
    data = source.stream.read()
    try:
        value = load_json(data)
    except InputError as exc:
        cause = exc.__cause__
        # JSON Lines after all: several values (the first line longer than the head), or
        # lines of values after a bad first one, beyond what detection saw.
        if (
            detected
            and isinstance(cause, json.JSONDecodeError)
            and (
                _several_values(cause)
                or _mostly_values(_utf8_lines(io.BytesIO(data), data), skip=1)
            )
        ):
            yield from _read_jsonl(_utf8_lines(io.BytesIO(data), data))
            return
        raise
    yield from _interpret(value, "")


def _several_values(error: json.JSONDecodeError) -> bool:
    """Whether the text ``error`` is about holds a whole JSON value and then more.

    Told by decoding, not by the error's wording (which changes between Pythons): a value
    ends before the error's position and only more text follows.
    """
    text = error.doc
    start = len(text) - len(text.lstrip())
    try:
        _, end = json.JSONDecoder().raw_decode(text, start)
    except (ValueError, RecursionError):
        return False
    return end <= error.pos and bool(text[end:].strip())


def _read_json_lines(source: Input, detected: bool) -> Iterator[Record | Problem]:
    yield from _read_jsonl(_utf8_lines(source.stream, source.head))


def _read_xml_input(source: Input, detected: bool) -> Iterator[Record | Problem]:
    yield from _read_xml(source.stream.read())


def _read_csv_input(
    source: Input, detected: bool, options: Mapping[str, Any] | None = None
) -> Iterator[Record | Problem]:
    codec = sniff_encoding(source.head)  # a BOM, or NUL bytes between the letters
    if codec is not None:
        kind = "UTF-32" if "32" in codec else "UTF-16"
        yield Problem("", InputError(_WIDE_CSV.format(kind=kind)))
        return
    yield from _read_csv(source.stream, options or {})


_READERS: dict[str, Callable[[Input, bool], Iterator[Record | Problem]]] = {
    "json": _read_json,
    "jsonl": _read_json_lines,
    "xml": _read_xml_input,
    "csv": _read_csv_input,
}
FORMATS = tuple(_READERS)
"""The input formats, as ``--from`` names them."""


_WIDE_CSV = "batch CSV, line 1: the file is {kind}, not UTF-8 (save the file as UTF-8)"


def _mostly_values(lines: Iterable[bytes], *, skip: int = 0) -> bool:
    """Whether more of ``lines`` are each a whole, non-empty JSON object or array than are not.

    So they are JSON Lines, some of them bad, rather than one document over several lines: there
    every line but the last element of an array ends in a comma or a bracket, and a non-empty
    object or array never stands alone on a line. The first ``_SAMPLE_LINES`` lines decide.
    """
    good = bad = 0
    for line in islice(lines, skip, skip + _SAMPLE_LINES):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except (ValueError, RecursionError):
            bad += 1
            continue
        if isinstance(value, (dict, list)) and value:
            good += 1
        else:
            bad += 1
    return good > bad


_SAMPLE_LINES = 1000


def load_json(data: bytes) -> Any:
    """Decode a whole JSON document; :class:`InputError` with line and column if it is not."""
    try:
        return json.loads(data)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text: {exc.reason} at byte {exc.start}") from exc
    except (ValueError, RecursionError) as exc:  # a number longer than int() reads; too deep
        raise InputError(f"not readable as JSON: {exc}") from exc


def _utf8_lines(stream: BinaryIO, head: bytes) -> Iterable[bytes]:
    """The lines of a JSON Lines input as bytes; UTF-16 or UTF-32 input (a BOM, or NULs) is
    transcoded."""
    codec = sniff_encoding(head)
    if codec is None:
        return stream
    return _transcode(stream, codec)


def _transcode(stream: BinaryIO, codec: str) -> Iterator[bytes]:
    try:
        for line in io.TextIOWrapper(stream, encoding=codec, newline="\n"):
            yield line.encode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not {codec.upper()} text: {exc.reason}") from exc


def _read_jsonl(stream: Iterable[bytes]) -> Iterator[Record | Problem]:
    for number, line in enumerate(stream, 1):
        if not line or line.isspace():  # a blank line (isspace copies nothing, strip would)
            continue
        where = f"line {number}"
        try:
            value = read_json_line(line)
        except json.JSONDecodeError as exc:
            yield Problem(where, InputError(f"not valid JSON at column {exc.colno}: {exc.msg}"))
            continue
        except UnicodeDecodeError as exc:
            yield Problem(where, InputError(f"not UTF-8 text: {exc.reason} at byte {exc.start}"))
            continue
        except (ValueError, RecursionError) as exc:  # a number longer than int() reads; too deep
            yield Problem(where, InputError(f"not readable as JSON: {exc}"))
            continue
        yield from _interpret(value, where)


def read_json_line(line: bytes) -> Any:
    """One JSON Lines record: exactly what :func:`json.loads` makes of the line without its
    line end (so an error at its end stays on its line), value or exception.

    pydantic-core's JSON reader, faster than the ``json`` module, reads first (a line end is
    whitespace to it); whatever it refuses (bad JSON, and also what the ``json`` module accepts
    but it does not: a BOM, a lone surrogate, deep nesting) is read again by
    :func:`json.loads`, whose value or error is the answer. Where both read a line, they give
    the same value (a property test holds them equal).
    """
    try:
        return from_json(line)
    except ValueError:
        return json.loads(line.rstrip(b"\r\n"))


def _join(where: str, step: str) -> str:
    if not where:
        return step
    return f"{where}{step}" if step.startswith("[") else f"{where}: {step}"


def _interpret(value: Any, where: str) -> Iterator[Record | Problem]:
    """The assignments of one boto3/CLI JSON value, each validated on its own.

    Arrays are walked with a stack of their own, not by recursion: an array nested as deeply
    as the JSON decoder accepts gives its assignments (or none), never a RecursionError.
    """
    if not isinstance(value, list):  # a line of JSON Lines: one object, no walk
        yield from _interpret_value(value, where)
        return
    stack = [iter([(value, where)])]
    while stack:
        found = next(stack[-1], None)
        if found is None:
            stack.pop()
        elif isinstance(found[0], list):
            stack.append(_elements(*found))
        else:
            yield from _interpret_value(*found)


def _elements(values: list[Any], where: str) -> Iterator[tuple[Any, str]]:
    for index, element in enumerate(values):
        yield element, _join(where, f"[{index}]")


def _interpret_value(value: Any, where: str) -> Iterator[Record | Problem]:
    """The assignments of one JSON value that is not an array."""
    if not isinstance(value, Mapping):
        kind = type(value).__name__
        yield Problem(where, InputError(f"expected a JSON object or array, got {kind}"))
        return
    if "Assignments" in value:
        # A ListAssignmentsForHIT page: each assignment validated on its own, so that a bad one
        # is reported with its position and the others are still read.
        assignments = value["Assignments"]
        if not isinstance(assignments, list):
            kind = type(assignments).__name__
            yield Problem(where, InputError(f"Assignments: expected a JSON array, got {kind}"))
            return
        for index, element in enumerate(assignments):
            yield _validate(element, _join(where, f"Assignments[{index}]"))
    elif "AssignmentId" in value and "Assignment" not in value:
        yield _validate(value, where)  # an assignment, as assignments_in reads one
    elif "Assignment" in value:
        # A GetAssignment response, read as the library reads it.
        try:
            found = [Record(where, assignment) for assignment in assignments_in(value)]
        except ValidationError as exc:
            yield Problem(where, exc)
            return
        if not found:  # {"Assignment": null}: a response, but nothing to export
            yield Problem(where, InputError("a GetAssignment response without its Assignment"))
        yield from found
    else:
        keys = ", ".join(sorted(map(str, value))[:5]) or "none"
        yield Problem(
            where,
            InputError(
                "a JSON object without Assignments, Assignment or AssignmentId is not "
                f"assignment data (its keys: {keys})"
            ),
        )


def _validate(data: Any, where: str) -> Record | Problem:
    try:
        return Record(where, Assignment.model_validate(data))
    except ValidationError as exc:
        return Problem(where, exc)


def _read_xml(data: bytes) -> Iterator[Record | Problem]:
    if _root_name(data[:_HEAD]) == "QuestionFormAnswers":
        yield _answer_document(data)
        return
    from ..archives.legacy import parse_legacy_response  # only XML needs the legacy reader

    try:
        result = parse_legacy_response(data)
    except MTurkModelsError as exc:
        yield Problem("", exc)
        return
    if isinstance(result, ListAssignmentsForHITResponse):
        for index, assignment in enumerate(assignments_in(result)):
            yield Record(f"Assignment[{index}]", assignment)
    elif isinstance(result, (Assignment, GetAssignmentResponse)):
        yield from (Record("", assignment) for assignment in assignments_in(result))
    else:
        kind = type(result).__name__
        yield Problem("", InputError(f"holds no assignments (it is a legacy {kind})"))


def _root_name(head: bytes) -> str | None:
    """The local name of the first element, read from the first bytes (UTF-8, -16 or -32)."""
    text = head.decode(sniff_encoding(head) or "utf-8", errors="ignore")
    found = _XML_ROOT.search(text)
    return found.group(1) if found else None


def _answer_document(body: bytes) -> Record | Problem:
    """A bare QuestionFormAnswers document: an assignment with only its Answer.

    The answer parser reads the bytes in the encoding the XML declaration names; the assignment
    keeps the document it writes back (the same answers, as text).
    """
    try:
        answers = parse_answers(body)
    except MTurkModelsError as exc:
        return Problem("", exc)
    return Record("", Assignment(answer=answers.to_xml()))


def _read_csv(stream: io.BufferedReader, options: Mapping[str, Any]) -> Iterator[Record | Problem]:
    reported = 0
    try:
        reader = read_batch_csv(stream, errors="collect", **options)
    except ValueError as exc:  # a delimiter that cannot be one
        yield Problem("", InputError(str(exc)))
        return
    try:
        for row in reader:
            # A bad row is recorded before the next good one is yielded: report it in order.
            for error in reader.errors[reported:]:
                yield Problem("", error)
            reported = len(reader.errors)
            yield Record("", row)
    except MTurkModelsError as exc:  # not a batch file at all, not CSV, not UTF-8
        yield Problem("", exc)
    for error in reader.errors[reported:]:
        yield Problem("", error)
