"""Assignments as flat rows for analysis: CSV, JSON Lines, pandas, crowd-kit.

:func:`to_rows` turns assignments, from boto3, legacy XML or batch CSVs, into plain dicts, lazily
(one assignment in memory at a time), in one of two forms:

* **wide** (default): one row per assignment. Columns :data:`WIDE_COLUMNS` (ids, status, times
  as aware UTC datetimes, ``WorkTimeInSeconds``), then ``Input.<name>`` for a batch CSV row's
  inputs, then ``Answer.<question>`` for each answer;
* **long** (``long=True``): one row per (assignment, question, value), columns
  :data:`LONG_COLUMNS`: ``assignment``, ``task`` (the HITId), ``worker``, ``question``,
  ``label``. This is the table crowd-kit and similar aggregation libraries take (select one
  question, then pass ``task``, ``worker`` and ``label``).

Answer values:

* free text: the text, exactly as sent (``<FreeText/>`` and an empty batch CSV cell are
  ``""`` in the wide form and give no long row);
* selections: each SelectionIdentifier is a value; the "other" text is question
  ``<question>.other``; nothing selected gives an empty (None) wide cell and no long row;
* file uploads: question ``<question>`` is the file key, ``<question>.size`` its size in bytes;
* crowd-form submissions (a single ``taskAnswers``): the decoded task object's keys are the
  questions (with several tasks, ``<index>.<key>``); nested objects become dotted questions;
* ``fold=True`` (default) folds crowd radio/checkbox groups into the chosen option(s) with
  :func:`~mturk_models.fold_choices`, in crowd JSON (JSON booleans only) and in the Worker's
  own flattened ``name.option`` = ``true`` fields (free text of an HTML form, batch CSV cells),
  also when other identifiers of the assignment repeat. Selections, uploads and the names made
  here (``<question>.other``, ``<question>.size``) are never flags, and a group named like
  another answer is not folded: both are kept. Folding never drops an answer;
* a question with several values (checkboxes, a multi-selection, repeated identifiers) gives
  several long rows, and one wide cell with the values joined by ``separator`` (``"|"``), in
  document order.
* one name never stands for two answers: a question's identifier keeps its name, and a name
  made for another answer (``<question>.other``, ``<question>.size``, a nested crowd key
  ``a.b``, a crowd-form ``taskAnswers`` key beside an answer column of that name) that equals
  it is numbered ``<name>#2`` (``#3``, ...). Nothing is mixed into another column or dropped.

Streaming and columns: the wide form's columns depend on the answers. :func:`write_csv` takes
its header from ``columns=`` or, by default, from the rows it buffers first (``sample``, 1,000
rows: memory stays bounded); a later row with a new column is an
:class:`~mturk_models.exceptions.ExportError`, never a silently dropped value. For a source you
can read twice, :func:`wide_columns` makes a first pass that collects every column; for any
source, ``write_csv(..., sample=None)`` spools the rows to a temporary file while it collects
them (one pass, one row in memory).
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime, timezone
from decimal import Decimal
from itertools import compress, islice
from typing import IO, TYPE_CHECKING, Any

from pydantic import BaseModel
from pydantic_core import PydanticSerializationError, to_json

from .api.assignments import (
    Assignment,
    GetAssignmentResponse,
    ListAssignmentsForHITResponse,
    assignments_in,
)
from .archives.batch import BatchResultRow
from .documents.answers import (
    Answer,
    FreeTextAnswer,
    QuestionFormAnswers,
    SelectionAnswer,
    parse_answers,
)
from .documents.crowd import TASK_ANSWERS, fold_choices, fold_pairs
from .exceptions import AnswerParseError, ExportError

if TYPE_CHECKING:  # pragma: no cover - pandas is optional
    import pandas

__all__ = [
    "LONG_COLUMNS",
    "WIDE_COLUMNS",
    "ExportItem",
    "to_dataframe",
    "to_rows",
    "wide_columns",
    "write_csv",
    "write_jsonl",
]

ExportItem = Assignment | BatchResultRow | GetAssignmentResponse | ListAssignmentsForHITResponse
"""What :func:`to_rows` takes: assignments, batch CSV rows, GetAssignment responses and
ListAssignmentsForHIT pages (each page gives its assignments)."""

WIDE_COLUMNS: tuple[str, ...] = (
    "AssignmentId",
    "WorkerId",
    "HITId",
    "AssignmentStatus",
    "AcceptTime",
    "SubmitTime",
    "AutoApprovalTime",
    "ApprovalTime",
    "RejectionTime",
    "WorkTimeInSeconds",
)
"""The fixed leading columns of the wide form (the answer and input columns follow)."""

LONG_COLUMNS: tuple[str, ...] = ("assignment", "task", "worker", "question", "label")
"""The columns of the long form: AssignmentId, HITId, WorkerId, question, value."""

_Pair = tuple[str, Any]
_Sourced = tuple[str, Any, str]  # (question, value, the answer it comes from)


# --- answers as (question, value) pairs ---------------------------------------------------------


def _flatten(question: str, value: Any) -> Iterator[_Pair]:
    if isinstance(value, Mapping):
        if not value:
            yield question, None
        for key, item in value.items():
            yield from _flatten(f"{question}.{key}", item)
    elif isinstance(value, (list, tuple)):
        if not value:
            yield question, None
        for item in value:
            yield from _flatten(question, item)
    else:
        yield question, value


def _sourced(question: str, value: Any, source: str) -> Iterator[_Sourced]:
    for name, item in _flatten(question, value):
        yield name, item, source


def _task_pairs(tasks: Sequence[Mapping[str, Any]], fold: bool) -> Iterator[_Sourced]:
    """The keys of crowd-form task objects; their source names taskAnswers, so a key never
    shares a column with an answer column of the same name unnoticed. In crowd JSON a flag is
    a JSON boolean: the text ``"true"`` is what a Worker typed, never folded."""
    several = len(tasks) > 1
    for index, task in enumerate(tasks):
        folded = fold_choices(task, text_flags=False) if fold else task
        for key, value in folded.items():
            name = f"{index}.{key}" if several else key
            source = f"{TASK_ANSWERS}[{index}].{key}" if several else f"{TASK_ANSWERS}.{key}"
            yield from _sourced(name, value, source)


def _folded(pairs: list[_Sourced], flags: list[bool], fold: bool) -> list[_Sourced]:
    """Flattened ``name.option`` flags folded (:func:`~mturk_models.fold_choices`' rules).

    Only the pairs whose ``flags`` entry is true may be flags: the Worker's own form fields
    (free text of an HTML or external form, a batch CSV cell). A selection, an upload and the
    names this module makes up (``<question>.other``, ``<question>.size``) never are.
    """
    if not fold or "." not in "".join(
        pair[0] for pair, flag in zip(pairs, flags, strict=True) if flag
    ):
        return pairs  # no group to fold (the usual case: checked first, it is cheap)
    folded: list[_Sourced] = []
    named = [(name, value) for name, value, _ in pairs]
    for name, value, positions in fold_pairs(named, flags):
        first = pairs[positions[0]]
        if name == first[0]:  # kept as it is
            folded.append(first)
        else:  # a folded group: the options chosen, under the group's own name
            folded += _sourced(name, value, name)
    return folded


def _assignment_pairs(answers: QuestionFormAnswers, fold: bool) -> list[_Sourced]:
    found = list(answers)
    crowd = len(found) == 1 and isinstance(found[0], FreeTextAnswer)
    if crowd and found[0].question_identifier == TASK_ANSWERS:
        return list(_task_pairs(answers.crowd_answers(), fold))
    pairs: list[_Sourced] = []
    flags: list[bool] = []
    for answer in found:
        name = answer.question_identifier
        # a form field's text may be a choice flag; a selection or an upload never is
        flag = answer.__class__ is FreeTextAnswer
        for question, value in answer_cells(answer):
            pairs.append((question, value, name))
            flags.append(flag)
    return _folded(pairs, flags, fold)


def answer_cells(answer: Answer) -> list[_Pair]:
    """The (question, value) pairs of one answer, as the rows hold them; the one dispatch on
    the answer's kind (the command line's ``demo`` shows answers through it too).

    Free text is its text; a selection gives each SelectionIdentifier, then its "other" text
    as ``<question>.other`` (nothing at all: one ``None``); a file upload gives its key, then
    its size as ``<question>.size``.
    """
    name = answer.question_identifier
    if isinstance(answer, FreeTextAnswer):
        return [(name, answer.text)]
    if isinstance(answer, SelectionAnswer):
        chosen = answer.selection_identifiers
        cells: list[_Pair] = [(name, selection) for selection in chosen]
        if answer.other_selection_text is not None:
            cells.append((f"{name}.other", answer.other_selection_text))
        elif not chosen:
            cells.append((name, None))
        return cells
    return [  # an UploadedFileAnswer: the union is closed
        (name, answer.uploaded_file_key),
        (f"{name}.size", answer.uploaded_file_size_in_bytes),
    ]


def _row_pairs(row: BatchResultRow, fold: bool) -> list[_Sourced]:
    tasks: list[_Sourced] = []
    plain: list[_Sourced] = []
    flags: list[bool] = []
    for name, value in row.answers.items():
        if name == TASK_ANSWERS and isinstance(value, list):
            tasks += _task_pairs(value, fold)
        elif isinstance(value, str) or value is None:
            plain.append((name, value, name))  # a cell as the CSV holds it
            flags.append(True)
        else:  # already folded: a tuple of choices, or a nested object
            flattened = list(_sourced(name, value, name))
            plain += flattened
            flags += [False] * len(flattened)
    return tasks + _folded(plain, flags, fold)


_MODELS = (Assignment, BatchResultRow, GetAssignmentResponse, ListAssignmentsForHITResponse)
_TAKES = (
    "to_rows takes Assignment, BatchResultRow, GetAssignmentResponse or "
    "ListAssignmentsForHITResponse objects, boto3's own responses (client.get_assignment(...), "
    "a list_assignments_for_hit page, a paginator), or an iterable of any of these"
)


def _items(items: Iterable[ExportItem] | ExportItem | Mapping[str, Any]) -> Iterator[Any]:
    """``items`` as an iterator of single items: one model or one boto3 response is one item."""
    if isinstance(items, (*_MODELS, Mapping)):
        return iter((items,))
    if isinstance(items, (str, bytes, bytearray, BaseModel)) or not isinstance(items, Iterable):
        kind = type(items).__name__
        hint = (
            " (read a saved file first: json.load, read_batch_csv, parse_legacy_response)"
            if isinstance(items, (str, bytes, bytearray))
            else ""
        )
        raise ExportError(f"{_TAKES}; got {kind}{hint}")
    return iter(items)


def _assignments(
    items: Iterable[ExportItem] | ExportItem | Mapping[str, Any],
) -> Iterator[Assignment | BatchResultRow]:
    for index, item in enumerate(_items(items)):
        if item.__class__ is Assignment or isinstance(item, (Assignment, BatchResultRow)):
            yield item
        elif isinstance(item, (GetAssignmentResponse, ListAssignmentsForHITResponse)):
            yield from assignments_in(item)
        elif isinstance(item, Mapping):
            yield from _from_boto3(item, index)
        else:
            raise ExportError(f"item {index}: {_TAKES}; got {type(item).__name__}")


def _from_boto3(data: Mapping[str, Any], index: int) -> Iterator[Assignment]:
    """The assignments of a boto3 response (or of an assignment), as
    :func:`~mturk_models.assignments_in` reads it: told by its members.

    A ListAssignmentsForHIT page holds ``Assignments``, a GetAssignment response ``Assignment``,
    an assignment ``AssignmentId``; the model validates it (a ``ValidationError`` names what is
    wrong). Any other mapping is refused with its keys, never read as no assignments (or as an
    assignment of no fields, which is what ``assignments_in`` would make of it).
    """
    if "AssignmentId" not in data and "Assignments" not in data and "Assignment" not in data:
        keys = ", ".join(sorted(map(str, data))[:6]) or "none"
        raise ExportError(
            f"item {index}: a mapping without Assignments, Assignment or AssignmentId holds no "
            f"assignments (its keys: {keys}); {_TAKES}"
        )
    return assignments_in(data)


def _unreadable(assignment: Assignment, exc: AnswerParseError) -> ExportError:
    return ExportError(f"assignment {assignment.assignment_id}: its answers cannot be read: {exc}")


def _answers_of(assignment: Assignment) -> QuestionFormAnswers:
    """The parsed answers of an assignment; a document that does not parse is an ExportError."""
    try:
        return parse_answers(assignment.answer)
    except AnswerParseError as exc:
        raise _unreadable(assignment, exc) from exc


def _pairs(
    item: Assignment | BatchResultRow, fold: bool, answers: QuestionFormAnswers | None = None
) -> list[_Pair]:
    """The (question, value) pairs of one assignment; one name never stands for two answers.

    ``answers`` are the assignment's answers when they have been parsed already.
    """
    assignment = item.assignment if isinstance(item, BatchResultRow) else item
    try:
        if isinstance(item, BatchResultRow):
            found = _row_pairs(item, fold)
        else:
            found = _assignment_pairs(_answers_of(item) if answers is None else answers, fold)
    except ExportError:
        raise
    except AnswerParseError as exc:  # a crowd-form submission whose text is not crowd JSON
        raise _unreadable(assignment, exc) from exc
    return _distinct(found)


def _distinct(found: list[_Sourced]) -> list[_Pair]:
    """The pairs with one name per answer: a name two answers would share is numbered.

    A question's own identifier keeps its name; a name made for another answer (``c.other``
    beside a question ``c.other``, a crowd key beside an answer column of that name) becomes
    ``<name>#2`` (``#3``, ... if that is taken too), so no value is mixed into another
    question's column and none is dropped.
    """
    pairs = [(name, value) for name, value, source in found if name == source]
    if len(pairs) == len(found):  # the usual case: no name made for another answer
        return pairs
    own = {name for name, _, source in found if name == source}
    used = {name for name, _, _ in found}
    names: dict[tuple[str, str], str] = {}
    holders: dict[str, str] = {}
    pairs = []
    for name, value, source in found:
        final = names.get((name, source))
        if final is None:
            final = name
            if (name in own and name != source) or holders.get(name, source) != source:
                number = 2
                while f"{name}#{number}" in used:
                    number += 1
                final = f"{name}#{number}"
                used.add(final)
            holders[final] = source
            names[(name, source)] = final
        pairs.append((final, value))
    return pairs


# --- rows ---------------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (int, float, Decimal)):
        return str(value)
    return json.dumps(value, ensure_ascii=False, default=str)


def _fixed(item: Assignment | BatchResultRow) -> dict[str, Any]:
    assignment = item.assignment if isinstance(item, BatchResultRow) else item
    accept, submit = assignment.accept_time, assignment.submit_time
    work = item.work_time_in_seconds if isinstance(item, BatchResultRow) else None
    if work is None and accept is not None and submit is not None:
        work = int((submit - accept).total_seconds())
    status = assignment.assignment_status
    return {
        "AssignmentId": assignment.assignment_id,
        "WorkerId": assignment.worker_id,
        "HITId": assignment.hit_id,
        "AssignmentStatus": status.value if status is not None else None,
        "AcceptTime": accept,
        "SubmitTime": submit,
        "AutoApprovalTime": assignment.auto_approval_time,
        "ApprovalTime": assignment.approval_time,
        "RejectionTime": assignment.rejection_time,
        "WorkTimeInSeconds": work,
    }


def _wide(
    item: Assignment | BatchResultRow,
    fold: bool,
    separator: str,
    answer_prefix: str,
    input_prefix: str,
) -> dict[str, Any]:
    if isinstance(item, BatchResultRow):
        return _general_wide(item, None, fold, separator, answer_prefix, input_prefix)
    answers = _answers_of(item)
    plain = _plain_wide(item, answers, fold, separator, answer_prefix)
    if plain is not None:
        return plain
    return _general_wide(item, answers, fold, separator, answer_prefix, input_prefix)


def _general_wide(
    item: Assignment | BatchResultRow,
    answers: QuestionFormAnswers | None,
    fold: bool,
    separator: str,
    answer_prefix: str,
    input_prefix: str,
) -> dict[str, Any]:
    """The wide row of any assignment or batch row (``answers``: an assignment's, parsed)."""
    row = _fixed(item)
    if isinstance(item, BatchResultRow):
        for name, text in item.inputs.items():
            _put(row, f"{input_prefix}{name}", text, item)
    several: set[str] = set()
    for question, value in _pairs(item, fold, answers):
        column = answer_prefix + question
        if column not in row:
            row[column] = value
        elif column in several or (column not in _FIXED and not column.startswith(input_prefix)):
            several.add(column)
            row[column] = _join(row[column], value, separator)
        else:
            _put(row, column, value, item)  # raises: the name of a fixed or input column
    return row


def _plain_wide(
    assignment: Assignment,
    answers: QuestionFormAnswers,
    fold: bool,
    separator: str,
    answer_prefix: str,
) -> dict[str, Any] | None:
    """The wide row of an assignment whose answers need none of the general path's care, built
    straight from the parsed answers; ``None`` when the general path is needed.

    That is: free texts and selections without "other" text only (no ``.other`` or ``.size``
    names made up), no name that may be a folded choice (``group.option`` with ``fold``), no
    crowd-form submission, and no column twice (an identifier repeated, or named like a fixed
    column): exactly the rows the general path makes of such answers, one dict and no
    intermediate pairs. Most MTurk answer documents are of this kind.
    """
    found = answers.answers
    if len(found) == 1 and found[0].question_identifier == TASK_ANSWERS:
        return None
    row = _fixed(assignment)
    expected = len(row) + len(found)
    for answer in found:
        name = answer.question_identifier
        if type(answer) is FreeTextAnswer:
            if fold and "." in name:
                return None
            row[answer_prefix + name] = answer.text
        elif type(answer) is SelectionAnswer and answer.other_selection_text is None:
            chosen = answer.selection_identifiers
            row[answer_prefix + name] = separator.join(chosen) if chosen else None
        else:
            return None
    return row if len(row) == expected else None


_FIXED = frozenset(WIDE_COLUMNS)


def _join(previous: Any, value: Any, separator: str) -> Any:
    if value is None:
        return previous
    if previous is None:
        return _text(value)
    return f"{_text(previous)}{separator}{_text(value)}"


def _put(row: dict[str, Any], column: str, value: Any, item: Assignment | BatchResultRow) -> None:
    if column in row:
        assignment = item.assignment if isinstance(item, BatchResultRow) else item
        raise ExportError(
            f"assignment {assignment.assignment_id}: the column {column!r} would be written "
            "twice (an answer or input named like a fixed column); use an answer_prefix or "
            "input_prefix"
        )
    row[column] = value


def _long(item: Assignment | BatchResultRow, fold: bool) -> Iterator[dict[str, Any]]:
    assignment = item.assignment if isinstance(item, BatchResultRow) else item
    for question, value in _pairs(item, fold):
        if value is None or value == "":  # an empty answer is no label (``<FreeText/>``, a cell)
            continue
        yield {
            "assignment": assignment.assignment_id,
            "task": assignment.hit_id,
            "worker": assignment.worker_id,
            "question": question,
            "label": value,
        }


def to_rows(
    items: Iterable[ExportItem] | ExportItem | Mapping[str, Any],
    *,
    long: bool = False,
    fold: bool = True,
    separator: str = "|",
    answer_prefix: str = "Answer.",
    input_prefix: str = "Input.",
) -> Iterator[dict[str, Any]]:
    """Flat rows for analysis, one assignment at a time (see the module documentation).

    Wide rows (default) carry the ids, status, times (aware UTC datetimes), work time in seconds,
    the inputs of batch CSV rows and one column per question; ``long=True`` gives one row per
    (assignment, question, value) with the columns ``assignment, task, worker, question,
    label``. An answer that does not parse raises :class:`~mturk_models.exceptions.ExportError`
    naming the assignment.

    ``items`` is an iterable of :data:`ExportItem` objects or of boto3's own responses (dicts
    of a ListAssignmentsForHIT page, a GetAssignment response, an assignment, such as a
    paginator's pages), or a single one of either: ``to_rows(client.get_assignment(...))``.
    boto3 data is validated as the model its members say it is (a
    :class:`pydantic.ValidationError` says what is wrong); anything else, such as a mapping
    without ``Assignments``, ``Assignment`` or ``AssignmentId`` or a string, is an
    :class:`~mturk_models.exceptions.ExportError` that says what to pass.

    >>> from mturk_models import Assignment
    >>> answer = (
    ...     "<QuestionFormAnswers><Answer><QuestionIdentifier>color</QuestionIdentifier>"
    ...     "<SelectionIdentifier>red</SelectionIdentifier>"
    ...     "<SelectionIdentifier>blue</SelectionIdentifier></Answer></QuestionFormAnswers>"
    ... )
    >>> a = Assignment(assignment_id="3A", worker_id="AW1", hit_id="3H", answer=answer)
    >>> next(to_rows([a]))["Answer.color"]
    'red|blue'
    >>> [row["label"] for row in to_rows([a], long=True)]
    ['red', 'blue']
    """
    for item in _assignments(items):
        if long:
            yield from _long(item, fold)
        else:
            yield _wide(item, fold, separator, answer_prefix, input_prefix)


def wide_columns(
    items: Iterable[ExportItem] | ExportItem | Mapping[str, Any],
    *,
    fold: bool = True,
    answer_prefix: str = "Answer.",
    input_prefix: str = "Input.",
) -> list[str]:
    """Every column the wide rows of ``items`` have, in first-seen order (a first pass).

    For sources you can read twice (a list, a file you open again), so that :func:`write_csv`
    gets the full header without buffering: ``write_csv(to_rows(load()), path,
    columns=wide_columns(load()))``. Memory holds the column names only.

    >>> from mturk_models import Assignment
    >>> wide_columns([Assignment(assignment_id="3A")])[-1]
    'WorkTimeInSeconds'
    """
    seen: dict[str, None] = dict.fromkeys(WIDE_COLUMNS)
    for row in to_rows(items, fold=fold, answer_prefix=answer_prefix, input_prefix=input_prefix):
        seen.update(dict.fromkeys(row))
    return list(seen)


# --- writers ------------------------------------------------------------------------------------


def _open(target: str | os.PathLike[str] | IO[str]) -> tuple[IO[str], bool]:
    if isinstance(target, (str, os.PathLike)):
        return open(target, "w", encoding="utf-8", newline="", buffering=WRITE_BUFFER), True
    return target, False


WRITE_BUFFER = 1 << 20
"""Bytes buffered before a file opened here is written to: a row of free-text answers is often
longer than the default 8 KiB, which would cost a system call per row."""


def write_csv(
    rows: Iterable[Mapping[str, Any]],
    target: str | os.PathLike[str] | IO[str],
    *,
    columns: Sequence[str] | None = None,
    sample: int | None = 1000,
) -> int:
    """Write rows (from :func:`to_rows`) as CSV with the standard library; returns the count.

    The header is ``columns``, or the columns of the first ``sample`` rows in first-seen order
    (those rows are buffered; the rest stream). A row with a column outside the header raises
    :class:`~mturk_models.exceptions.ExportError` (nothing is dropped); a missing one is
    written empty. ``sample=None`` takes every column of every row instead: the rows go to a
    temporary file (:mod:`tempfile`'s folder) as they come, then follow the header, so memory
    holds one row whatever their number, and the disk holds the rows once more until the
    function returns. Cells: ``None`` is empty, booleans ``true``/``false``, datetimes ISO 8601.
    The text is what :func:`csv.writer` writes (excel dialect: quotes only where needed, ``\\r\\n``
    line ends; a NUL character is written as it is, on every Python). Open a file target with
    ``newline=""``. No rows and no ``columns`` write nothing: there is no header to take
    (``columns=WIDE_COLUMNS`` or :func:`wide_columns` give one).

    >>> import io
    >>> out = io.StringIO()
    >>> write_csv([{"a": 1, "b": None}, {"a": True}], out)
    2
    >>> out.getvalue()
    'a,b\\r\\n1,\\r\\ntrue,\\r\\n'
    >>> out = io.StringIO()
    >>> write_csv([{"a": 1}, {"b": "x, y"}], out, sample=None)
    2
    >>> out.getvalue()
    'a,b\\r\\n1,\\r\\n,"x, y"\\r\\n'
    """
    iterator = iter(rows)
    handle, owned = _open(target)
    try:
        if columns is None and sample is None:
            return _write_spooled(iterator, handle)
        buffered: list[Mapping[str, Any]] = []
        if columns is None:
            buffered = list(islice(iterator, max(sample or 1, 1)))
            seen: dict[str, None] = {}
            for row in buffered:
                seen.update(dict.fromkeys(row))
            header = list(seen)
            origin = f"the columns of the first {len(buffered)} rows"
        else:
            header = list(columns)
            origin = "the columns given"
        known = dict.fromkeys(header).keys()
        write = handle.write
        count = 0
        if header:
            write(_header_line(header))
        for row in _chain(buffered, iterator):
            count += 1
            if not row.keys() <= known:
                extra = ", ".join(repr(k) for k in row if k not in known)
                raise ExportError(
                    f"row {count} has the column(s) {extra}, which are not among {origin}; "
                    "pass columns=wide_columns(...), a larger sample or sample=None"
                )
            write(_csv_line([v if v.__class__ is str else _text(v) for v in map(row.get, header)]))
        return count
    finally:
        if owned:
            handle.close()


def _write_spooled(rows: Iterator[Mapping[str, Any]], handle: IO[str]) -> int:
    """``write_csv(sample=None)``: every row to a temporary file while the header grows, then
    the header and the rows.

    The header only grows, at its end (first-seen order), so a row is spooled with the columns
    known when it comes, in their final places; only the rows spooled before the last new
    column are shorter than the header, and only they are read back and padded with empty
    cells. The others are copied as they are.
    """
    names: list[str] = []
    known = dict.fromkeys(names).keys()
    count = short = 0  # rows spooled; rows spooled before the header took its last column
    try:
        spool = tempfile.TemporaryFile(  # noqa: SIM115 - closed by the with below
            "w+", encoding="utf-8", newline="", buffering=WRITE_BUFFER
        )
    except OSError as exc:
        raise _spool_error(exc) from exc
    with spool:
        write = spool.write
        for row in rows:
            if not row.keys() <= known:
                names += [name for name in row if name not in known]
                known = dict.fromkeys(names).keys()
                short = count
            count += 1
            line = _csv_line([v if v.__class__ is str else _text(v) for v in map(row.get, names)])
            try:
                write(line)
            except OSError as exc:
                raise _spool_error(exc) from exc
        try:
            spool.seek(0)  # writes what is still buffered
        except OSError as exc:
            raise _spool_error(exc) from exc
        if names:
            handle.write(_header_line(names))
        if short:
            width = len(names)
            for cells in islice(csv.reader(spool), short):
                handle.write(_csv_line(cells + [""] * (width - len(cells))))
        shutil.copyfileobj(spool, handle)
    return count


def _header_line(names: Sequence[Any]) -> str:
    """The header record; a name that is not a string is written as :func:`csv.writer` writes
    it (``None`` empty, anything else ``str()``)."""
    return _csv_line(
        [name if name.__class__ is str else "" if name is None else str(name) for name in names]
    )


def _spool_error(exc: OSError) -> OSError:
    """The error of the temporary file, saying so (a full temporary folder is not the target's
    fault)."""
    where = f"the temporary file in {tempfile.gettempdir()}"
    return OSError(exc.errno, f"{exc.strerror or exc} ({where}; set TMPDIR to another folder)")


def _csv_line(cells: Sequence[str]) -> str:
    """One CSV record, exactly as :func:`csv.writer` (excel dialect) writes it, faster.

    A cell is quoted when it holds a comma, a double quote (doubled) or a line break; a record
    of one empty cell is ``""``. ``str.__contains__`` finds these characters many times faster
    than the csv module's per-character loop, and most text (free-text answers) needs no
    quotes. Unlike the csv module before Python 3.11, a NUL character is written as it is
    rather than refused.
    """
    if len(cells) == 1 and not cells[0]:
        return '""\r\n'
    return (
        ",".join(
            [
                _quoted(cell)
                if ('"' in cell or "," in cell or "\n" in cell or "\r" in cell)
                else cell
                for cell in cells
            ]
        )
        + "\r\n"
    )


def _chain(
    first: list[Mapping[str, Any]], rest: Iterator[Mapping[str, Any]]
) -> Iterator[Mapping[str, Any]]:
    first.reverse()
    while first:  # hand the buffered rows over one by one, releasing each
        yield first.pop()
    yield from rest


def _quoted(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"'


def json_default(value: Any) -> Any:
    """How :func:`write_jsonl` (and the command line's JSON output) write a non-JSON value.

    Datetimes become ISO 8601 strings, Decimals strings (every digit kept), tuples arrays;
    anything else is a ``TypeError``, never a silent ``str()``.
    """
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


_JSON_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=json_default)
"""One encoder for every row: ``json.dumps`` with options makes a new one for each call."""
_PLAIN_JSON = frozenset({str, int, bool, type(None)})
_PLAIN_JSON_OR_TIME = _PLAIN_JSON | {datetime}
_STR = frozenset({str})
_INT_OR_TIME = frozenset({int, datetime}).__contains__
_LONG_INT = 1 << 2048
"""617 digits: an int this large or larger may be refused by Python's int-to-str limit (640
digits at its lowest setting), which the json module applies (ValueError) and pydantic-core
does not."""


def json_line(row: Mapping[str, Any]) -> str:
    """One row as :func:`write_jsonl` writes it: compact JSON (no spaces), text as it is.

    The values are written as :func:`json_default` says. A dict whose keys are strings and whose
    values are exactly ``str``, ``int``, ``bool``, ``None`` or ``datetime`` (every row of
    :func:`to_rows`) is written by pydantic-core's serialiser, which escapes text faster than
    the ``json`` module, after each datetime becomes its ``isoformat()`` (so UTC stays
    ``+00:00``): the text is the one the ``json`` module writes with the same options, which
    writes every other row (and a row whose text cannot be encoded as UTF-8, or with an int of
    more than 2,048 bits, whose digits it may refuse: :func:`sys.set_int_max_str_digits`).

    >>> from datetime import datetime, timezone
    >>> json_line({"n": 1, "at": datetime(2021, 4, 23, tzinfo=timezone.utc), "t": "é"})
    '{"n":1,"at":"2021-04-23T00:00:00+00:00","t":"é"}'
    """
    if type(row) is dict and set(map(type, row)) <= _STR:
        types = list(map(type, row.values()))
        kinds = set(types)
        if kinds <= _PLAIN_JSON_OR_TIME:
            plain = dict(row) if datetime in kinds else row
            for key, value in compress(row.items(), map(_INT_OR_TIME, types)):  # few, found in C
                if value.__class__ is datetime:
                    plain[key] = value.isoformat()
                elif not -_LONG_INT < value < _LONG_INT:
                    break  # a long int: the json module writes it, or raises ValueError
            else:
                try:
                    return to_json(plain).decode()
                except PydanticSerializationError:  # a lone surrogate: as the json module says
                    pass
    return _JSON_ENCODER.encode(row)


def write_jsonl(rows: Iterable[Mapping[str, Any]], target: str | os.PathLike[str] | IO[str]) -> int:
    """Write rows (from :func:`to_rows`) as JSON Lines, one object per line; returns the count.

    Compact JSON (no spaces after ``,`` and ``:``, as pandas writes JSON Lines); datetimes
    become ISO 8601 strings, text is written as UTF-8 (not escaped).

    >>> import io
    >>> out = io.StringIO()
    >>> write_jsonl([{"label": "ok", "n": None}], out)
    1
    >>> out.getvalue()
    '{"label":"ok","n":null}\\n'
    """
    handle, owned = _open(target)
    count = 0
    encode, write = json_line, handle.write
    try:
        for row in rows:
            write(encode(row) + "\n")
            count += 1
    finally:
        if owned:
            handle.close()
    return count


def to_dataframe(
    items: Iterable[ExportItem] | ExportItem | Mapping[str, Any],
    *,
    long: bool = False,
    fold: bool = True,
    separator: str = "|",
    answer_prefix: str = "Answer.",
    input_prefix: str = "Input.",
) -> pandas.DataFrame:
    """The rows of :func:`to_rows` as a pandas DataFrame (``python -m pip install pandas``).

    In the wide form the five time columns are timezone-aware ``datetime64[us, UTC]``, also
    when every cell is empty (all ``NaT``). pandas is imported only here;
    without it this raises ImportError saying how to install it.

    >>> from mturk_models import Assignment
    >>> to_dataframe([Assignment(assignment_id="3A", worker_id="AW1")])["WorkerId"].tolist()
    ['AW1']
    """
    try:
        import pandas as pd
    except ImportError as exc:
        raise ImportError(
            "to_dataframe needs pandas, an optional dependency: python -m pip install pandas"
        ) from exc
    rows = to_rows(
        items,
        long=long,
        fold=fold,
        separator=separator,
        answer_prefix=answer_prefix,
        input_prefix=input_prefix,
    )
    found = list(rows)
    frame = pd.DataFrame(found, columns=list(LONG_COLUMNS) if long else None)
    if long:
        return frame
    if frame.empty:
        frame = pd.DataFrame(columns=list(WIDE_COLUMNS))
    for column in _TIME_COLUMNS:  # also when every cell is empty (object dtype otherwise)
        frame[column] = _utc_microseconds(pd, [row[column] for row in found], frame.index)
    return frame


def _utc_microseconds(pd: Any, times: list[datetime | None], index: Any) -> Any:
    """A ``datetime64[us, UTC]`` Series that never passes through nanoseconds.

    pandas 2's ``to_datetime`` and its ``datetime64[us, UTC]`` constructor convert to
    nanoseconds first, which hold only the years 1677 to 2262; a NumPy array in microseconds
    holds 1 to 9999, as :class:`~datetime.datetime` does, and pandas 2.0 to 3 keep its unit.
    """
    import numpy

    naive = [
        numpy.datetime64("NaT", "us")
        if value is None
        else numpy.datetime64(_naive_utc(value), "us")
        for value in times
    ]
    return pd.Series(numpy.array(naive, dtype="datetime64[us]"), index=index).dt.tz_localize("UTC")


def _naive_utc(value: datetime) -> datetime:
    return value.astimezone(timezone.utc).replace(tzinfo=None) if value.tzinfo else value


_TIME_COLUMNS = ("AcceptTime", "SubmitTime", "AutoApprovalTime", "ApprovalTime", "RejectionTime")
