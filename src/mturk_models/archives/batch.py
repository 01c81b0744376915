"""Batch results CSV files of the MTurk Requester website, read and written as typed rows.

The format has no official reference; what is read here was observed on real downloads (see
``tests/data/SOURCES.md``):

* 27 fixed columns (:data:`BATCH_COLUMNS`), then ``Input.*`` (the batch's input CSV), then
  ``Answer.*`` (the Worker's form fields), then ``Approve`` and ``Reject``.
* Unmodified downloads: UTF-8, CRLF, every field quoted, data rows two fields shorter than the
  header (Approve and Reject absent), and no line end after the last row. Files edited in a
  spreadsheet or pandas: minimal quoting, LF, all fields present, ``Approve`` = ``X`` or
  ``Reject`` = a reason; Excel in many locales separates fields with ``;`` (detected).
* Timestamps like ``Mon Mar 15 23:03:02 PDT 2021`` (:func:`parse_batch_timestamp`), rewards like
  ``$0.50``, approval rates like ``100% (20/20)`` (:class:`ApprovalRate`), NumberOfSimilarHITs and
  LifetimeInSeconds usually empty.

An empty cell means "no value" (``None``) for every fixed column. NumberOfSimilarHITs and
LifetimeInSeconds, which the current API does not have, are kept in the HIT's extras under their
column names when they hold a value. Columns the format does not define are kept in
:attr:`BatchResultRow.extra_columns`; nothing is dropped.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import tzinfo
from typing import IO, Any, Literal, TypeVar, cast

from pydantic import Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from .._base import Record
from .._errors import shown, summarize
from .._types import Seconds, parse_currency
from ..api.assignments import Assignment
from ..api.hits import HIT
from ..documents.crowd import TASK_ANSWERS, decode_task_answers, fold_choices
from ..exceptions import ArchiveError, CrowdAnswerError
from ._batch_time import BATCH_TIMEZONES, format_batch_timestamp, parse_batch_timestamp

__all__ = [
    "BATCH_ASSIGNMENT_COLUMNS",
    "BATCH_COLUMNS",
    "BATCH_HIT_COLUMNS",
    "BATCH_TIMEZONES",
    "ApprovalRate",
    "BatchCSVReader",
    "BatchResultRow",
    "format_batch_timestamp",
    "parse_batch_timestamp",
    "read_batch_csv",
    "write_batch_csv",
]

# --- the columns --------------------------------------------------------------------------------
# One table says, for each fixed column, which model holds its value, under which key, and how a
# cell is read and written; the reader, the writer and the error locations derive from it.

Zone = str | tzinfo
_Owner = Literal["hit", "assignment", "row"]


def _reward(value: str) -> Any:
    if value.startswith("$"):
        return parse_currency(value[1:])
    if value[:1].isdigit():  # as spreadsheets rewrite it: 0.5
        return parse_currency(value)
    raise PydanticCustomError(
        "batch_reward",
        "A batch Reward should be US dollars such as '$0.50'; got {value}",
        {"value": repr(value)},
    )


def _approve(value: str) -> bool:
    if value in ("X", "x"):
        return True
    raise PydanticCustomError(
        "batch_approve",
        "The Approve column should be empty or X; got {value}",
        {"value": repr(value)},
    )


def _integer(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise PydanticCustomError(
            "batch_integer", "Input should be an integer; got {value}", {"value": repr(value)}
        ) from None


def _as_is(value: str) -> str:
    return value  # the model validates it


def _text(value: Any, zone: Zone) -> str:
    return str(value)


def _timestamp(value: Any, zone: Zone) -> str:
    return format_batch_timestamp(value, zone)


def _dollars(value: Any, zone: Zone) -> str:
    return f"${value}"


def _mark(value: Any, zone: Zone) -> str:
    return "X"


@dataclass(frozen=True)
class _Column:
    """A fixed column: where its value goes, and how a (non-empty) cell is read and written.

    ``key`` is the key in the owner's input: the botocore member, which is the column name, for
    the HIT and the Assignment (NumberOfSimilarHITs and LifetimeInSeconds land in the HIT's
    extras under it); the field name for the row's own columns.
    """

    name: str
    owner: _Owner
    key: str
    read: Callable[[str], Any] = _as_is
    write: Callable[[Any, Zone], str] = _text


def _of(owner: _Owner, *names: str, **conversions: Any) -> list[_Column]:
    return [_Column(name, owner, name, **conversions) for name in names]


def _own(name: str, key: str, **conversions: Any) -> _Column:
    return _Column(name, "row", key, **conversions)


_STAMP = {"read": parse_batch_timestamp, "write": _timestamp}
_TABLE: tuple[_Column, ...] = (
    *_of("hit", "HITId", "HITTypeId", "Title", "Description", "Keywords"),
    *_of("hit", "Reward", read=_reward, write=_dollars),
    *_of("hit", "CreationTime", **_STAMP),
    *_of("hit", "MaxAssignments", "RequesterAnnotation", "AssignmentDurationInSeconds"),
    *_of("hit", "AutoApprovalDelayInSeconds"),
    *_of("hit", "Expiration", **_STAMP),
    *_of("hit", "NumberOfSimilarHITs", "LifetimeInSeconds", read=_integer),
    *_of("assignment", "AssignmentId", "WorkerId", "AssignmentStatus"),
    *_of("assignment", "AcceptTime", "SubmitTime", "AutoApprovalTime", "ApprovalTime", **_STAMP),
    *_of("assignment", "RejectionTime", **_STAMP),
    *_of("assignment", "RequesterFeedback"),
    _own("WorkTimeInSeconds", "work_time_in_seconds"),
    _own("LifetimeApprovalRate", "lifetime_approval_rate"),
    _own("Last30DaysApprovalRate", "last_30_days_approval_rate"),
    _own("Last7DaysApprovalRate", "last_7_days_approval_rate"),
    _own("Approve", "approve", read=_approve, write=_mark),
    _own("Reject", "reject"),
)
_COLUMNS = {column.name: column for column in _TABLE}
_COLUMN_OF: dict[tuple[str, str], str] = {(c.owner, c.key): c.name for c in _TABLE}
_REVIEW_COLUMNS = ("Approve", "Reject")

BATCH_HIT_COLUMNS: tuple[str, ...] = tuple(c.name for c in _TABLE if c.owner == "hit")
"""The HIT's columns, in the order of the website's download."""

BATCH_ASSIGNMENT_COLUMNS: tuple[str, ...] = tuple(c.name for c in _TABLE if c.owner == "assignment")
"""The Assignment's columns, in the order of the website's download."""

BATCH_COLUMNS: tuple[str, ...] = tuple(c.name for c in _TABLE if c.name not in _REVIEW_COLUMNS)
"""The 27 fixed columns, in order; ``Input.*``, ``Answer.*``, Approve and Reject follow."""

REQUIRED_COLUMNS: tuple[str, ...] = ("HITId", "AssignmentId", "WorkerId")
"""Columns without which a file is not a batch results file."""

_INPUT = "Input."
_ANSWER = "Answer."
_RULE_COLUMNS = {"batch_approve_and_reject": "Reject", "batch_hit_id_mismatch": "HITId"}


# --- approval rates -----------------------------------------------------------------------------

_RATE = re.compile(r"(\d{1,3})% \((\d+)/(\d+)\)")


class ApprovalRate(Record):
    """A Worker's approval rate as the batch CSV prints it: ``100% (20/20)``.

    ``percent`` is the rate the website printed (0 to 100), ``approved`` and ``total`` the counts
    behind it. ``str()`` gives the CSV form back.

    >>> rate = ApprovalRate.model_validate("98% (49/50)")
    >>> rate.percent, rate.approved, rate.total, str(rate)
    (98, 49, 50, '98% (49/50)')
    """

    percent: int = Field(ge=0, le=100, description="The approval rate in percent, as printed.")
    approved: int = Field(ge=0, description="The number of the Worker's approved assignments.")
    total: int = Field(ge=0, description="The number of the Worker's reviewed assignments.")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if isinstance(value, str):
            match = _RATE.fullmatch(value.strip())
            if match is None:
                raise PydanticCustomError(
                    "approval_rate",
                    "An approval rate should look like '100% (20/20)'; got {value}",
                    {"value": repr(value)},
                )
            percent, approved, total = match.groups()
            return {"percent": percent, "approved": approved, "total": total}
        return value

    @model_validator(mode="after")
    def _counts(self) -> ApprovalRate:
        if self.approved > self.total:
            raise PydanticCustomError(
                "approval_rate_counts",
                "An approval rate cannot count more approved ({approved}) than reviewed "
                "({total}) assignments",
                {"approved": self.approved, "total": self.total},
            )
        return self

    def __str__(self) -> str:
        return f"{self.percent}% ({self.approved}/{self.total})"


# --- rows ---------------------------------------------------------------------------------------


class BatchResultRow(Record):
    """One row of a batch results CSV: the HIT, the Assignment and the batch's own columns.

    >>> row = BatchResultRow.model_validate(
    ...     {"hit": {"HITId": "302U8RURJ04D3PI759V2HM1G13KNVM"},
    ...      "assignment": {"AssignmentId": "3DHE4R9OCXE0JQ1DKX3YDHRZJ2D2GD",
    ...                     "HITId": "302U8RURJ04D3PI759V2HM1G13KNVM"},
    ...      "answers": {"category.label": "neutral"}, "lifetime_approval_rate": "100% (20/20)"}
    ... )
    >>> row.answers["category.label"], row.lifetime_approval_rate.percent
    ('neutral', 100)
    """

    hit: HIT = Field(
        description="The HIT columns (HITId ... LifetimeInSeconds); NumberOfSimilarHITs and "
        "LifetimeInSeconds, when set, are in the HIT's extras."
    )
    assignment: Assignment = Field(
        description="The Assignment columns (AssignmentId ... RequesterFeedback). ``answer`` is "
        "None: the file carries the answers as columns (see ``answers``)."
    )
    inputs: dict[str, str] = Field(
        default_factory=dict,
        description="The Input.* columns (the batch's input data), without the prefix, in order.",
    )
    answers: dict[str, Any] = Field(
        default_factory=dict,
        description="The Answer.* columns without the prefix, in order: text as written, except "
        "a crowd-form taskAnswers column, which is decoded (decode_task_answers) to its list of "
        "objects. With fold=True, choice groups are folded (fold_choices).",
    )
    raw_answers: dict[str, str] | None = Field(
        default=None,
        description="The Answer.* cells exactly as read, without the prefix, when the row was "
        "read with fold=True (None otherwise). Folding renames and merges columns, so "
        "write_batch_csv writes these cells, after checking that folding them still gives "
        "``answers``: a round trip gives the original answer columns back.",
    )
    work_time_in_seconds: Seconds | None = Field(
        default=None,
        description="WorkTimeInSeconds: the time between the Worker accepting and submitting.",
    )
    lifetime_approval_rate: ApprovalRate | None = Field(
        default=None, description="LifetimeApprovalRate: the Worker's approval rate over all time."
    )
    last_30_days_approval_rate: ApprovalRate | None = Field(
        default=None, description="Last30DaysApprovalRate: the approval rate of the last 30 days."
    )
    last_7_days_approval_rate: ApprovalRate | None = Field(
        default=None, description="Last7DaysApprovalRate: the approval rate of the last 7 days."
    )
    approve: bool = Field(
        default=False,
        description="The Approve column: True when it holds an X (the upload approves this "
        "assignment).",
    )
    reject: str | None = Field(
        default=None,
        description="The Reject column: the reason given to the Worker when the upload rejects "
        "this assignment.",
    )
    extra_columns: dict[str, str] = Field(
        default_factory=dict,
        description="Columns the format does not define, by header name, in order (never "
        "dropped; written back after the fixed columns).",
    )

    @model_validator(mode="after")
    def _consistent(self) -> BatchResultRow:
        hit_id, assignment_hit = self.hit.hit_id, self.assignment.hit_id
        if assignment_hit is not None and hit_id != assignment_hit:
            raise PydanticCustomError(
                "batch_hit_id_mismatch",
                "The assignment's HITId {assignment_hit} differs from the row's HITId {hit_id}",
                {"assignment_hit": repr(assignment_hit), "hit_id": repr(hit_id)},
            )
        if self.approve and self.reject:
            raise PydanticCustomError(
                "batch_approve_and_reject",
                "A row can be approved (Approve X) or rejected (Reject with a reason), not both; "
                "got Reject {reason}",
                {"reason": repr(self.reject)},
            )
        return self


# --- reading ------------------------------------------------------------------------------------

Source = str | os.PathLike[str] | IO[str] | IO[bytes]

DELIMITERS: tuple[str, ...] = (",", ";", "\t")
"""The field separators :func:`read_batch_csv` recognises: the website writes ``,``; Excel in many
locales (where ``,`` is the decimal separator) saves CSV with ``;``; tab-separated copies exist."""

# The Command Line Tools' getResults wrote tab-separated ``.results`` files with other, lower-case
# columns (hitid, hittypeid, ..., assignmentid, workerid, ..., Answer.*); recognised to say so.
_CLT_COLUMNS = frozenset({"hitid", "hittypeid", "assignmentid", "workerid"})


def _row_error(line: int, column: str | None, message: str) -> ArchiveError:
    where = f"line {line}" + (f", column {column}" if column else "")
    return ArchiveError(f"batch CSV, {where}: {message}", location=where, line=line)


def _header_hint(header: Sequence[str], delimiter: str) -> str:
    """Why a header that lacks the required columns is probably not read as meant."""
    lowered = frozenset(name.strip().lower() for name in header)
    if lowered >= _CLT_COLUMNS:
        return (
            "; this is the tab-separated .results file of the MTurk Command Line Tools "
            "(getResults), whose columns (hitid, assignmentid, workerid, ...) differ from the "
            "Requester website's batch results file"
        )
    if len(header) == 1:
        found = [
            name
            for char, name in ((";", "';'"), ("\t", "tabs"), (",", "','"))
            if char != delimiter and char in header[0]
        ]
        return (
            f"; the header came out as one column with the delimiter {delimiter!r}"
            + (f"; the file seems to be separated by {' or '.join(found)}" if found else "")
            + " (pass delimiter=...)"
        )
    return ""


class _Layout:
    """Where each column of one file goes."""

    def __init__(self, header: list[str], delimiter: str) -> None:
        seen: set[str] = set()
        for name in header:
            if name in seen:
                raise _row_error(1, name, f"the header names the column {name!r} twice")
            seen.add(name)
        missing = [name for name in REQUIRED_COLUMNS if name not in seen]
        if missing:
            raise _row_error(
                1,
                None,
                "not a batch results file: the header lacks the required column"
                + ("s " if len(missing) > 1 else " ")
                + ", ".join(missing)
                + f" (it has {len(header)} column{'s' if len(header) != 1 else ''}: "
                + ", ".join(shown(name, 40) for name in header[:6])
                + (", ..." if len(header) > 6 else "")
                + ")"
                + _header_hint(header, delimiter),
            )
        self.header = tuple(header)
        self.width = len(header)
        self.min_width = self.width - _trailing_review(header)
        self.optional = header[self.min_width :]


class _Lines(Iterator[str]):
    """The physical lines of a text file, as csv.reader reads them.

    Drops a byte-order mark before the first line (``open(path)`` without ``utf-8-sig`` keeps
    it), lets the reader look at the first line before csv does, and remembers how the first and
    the last line end, so that the writer can reproduce the file.
    """

    def __init__(self, handle: IO[str]) -> None:
        self._handle = handle
        self._pushed: str | None = None
        self.first: str | None = None
        self.first_ending = ""  # pragma: no mutate
        self.last_ending = ""  # pragma: no mutate

    def __next__(self) -> str:
        if self._pushed is not None:
            line, self._pushed = self._pushed, None
            return line
        line = self._handle.readline()
        if not line:
            raise StopIteration
        if self.first is None:
            line = line.removeprefix("\ufeff")
            self.first, self.first_ending = line, _ending(line)
        self.last_ending = _ending(line)
        return line

    def peek(self) -> str | None:
        """The first line, read without consuming it (None for an empty file)."""
        try:
            line = next(self)
        except StopIteration:
            return None
        self._pushed = line
        return line


def _ending(line: str) -> str:
    if line.endswith("\r\n"):
        return "\r\n"
    if line.endswith(("\n", "\r")):
        return line[-1]
    return ""


def _split_header(line: str, delimiter: str) -> list[str] | None:
    try:
        return next(csv.reader([line], strict=True, delimiter=delimiter), [])
    except csv.Error:
        return None  # not CSV with this delimiter


def _detect_delimiter(first_line: str) -> str:
    """The delimiter under which the header names the required columns.

    When none does, the one that splits the header into the most columns (``,`` on a tie), so
    that the error lists the columns as the file has them.
    """
    splits = {delimiter: _split_header(first_line, delimiter) for delimiter in DELIMITERS}
    for delimiter, header in splits.items():
        if header is not None and set(REQUIRED_COLUMNS) <= set(header):
            return delimiter
    return max(DELIMITERS, key=lambda delimiter: len(splits[delimiter] or ()))


class BatchCSVReader(Iterable[BatchResultRow]):
    """The rows of one batch results file, read lazily (see :func:`read_batch_csv`).

    ``header`` is set once the header line has been read; ``errors`` lists the rows that failed
    (only in ``errors="collect"`` mode; ``"raise"`` raises the first instead); ``delimiter`` is
    the field separator used (given, or detected from the header). Once the file has been read
    to its end, ``write_options`` holds the options of :func:`write_batch_csv` that write the
    file's own style back. A reader made from a path can be iterated again; one made from a file
    object reads it once.

    >>> reader = BatchCSVReader("tests/data/batch_05.csv", errors="collect")
    >>> sum(row.approve for row in reader), reader.errors, len(reader.header)
    (10, [], 45)
    >>> reader.write_options["lineterminator"], reader.write_options["quote_all"]
    ('\\n', False)
    """

    def __init__(
        self,
        source: Source,
        *,
        errors: Literal["raise", "collect"] = "raise",
        fold: bool = False,
        anonymized_worker_ids: bool = False,
        delimiter: str | None = None,
    ) -> None:
        if errors not in ("raise", "collect"):
            raise ValueError(f"errors should be 'raise' or 'collect'; got {errors!r}")
        if delimiter is not None and (len(delimiter) != 1 or delimiter in '"\r\n'):
            raise ValueError(
                f"delimiter should be one character other than a quote or a line end; got "
                f"{delimiter!r}"
            )
        self._source = source
        self._collect = errors == "collect"
        self._fold = fold
        self._anonymized = anonymized_worker_ids
        self._delimiter = delimiter
        self.errors: list[ArchiveError] = []
        self.header: tuple[str, ...] | None = None
        self.delimiter: str | None = delimiter
        self.write_options: dict[str, Any] = {}

    def __iter__(self) -> Iterator[BatchResultRow]:
        self.errors.clear()  # a path can be read again: report the failures of this pass
        self.write_options = {}
        source = self._source
        if isinstance(source, (str, os.PathLike)):
            with open(source, encoding="utf-8", errors=_UNDECODED, newline="") as handle:
                yield from self._read(handle)
        elif isinstance(source, io.TextIOBase) or not _is_binary(source):
            yield from self._read(cast(IO[str], source))
        else:
            binary = cast(IO[bytes], source)
            if not hasattr(binary, "readable"):  # Python 3.10's SpooledTemporaryFile, duck types
                binary = cast(IO[bytes], io.BufferedReader(_ReadOnly(binary)))
            wrapper = io.TextIOWrapper(binary, encoding="utf-8", errors=_UNDECODED, newline="")
            try:
                yield from self._read(wrapper)
            finally:
                wrapper.detach()  # the caller's file stays open: it is theirs to close

    def _read(self, handle: IO[str]) -> Iterator[BatchResultRow]:
        lines = _Lines(handle)
        first = self._next_line(lines.peek, 1)
        delimiter = self._delimiter or (_detect_delimiter(first) if first else ",")
        self.delimiter = delimiter
        reader = csv.reader(lines, strict=True, delimiter=delimiter)
        previous_line = 0
        layout: _Layout | None = None
        short_rows = False
        while True:
            limit = csv.field_size_limit(_FIELD_LIMIT)  # process-wide: restored right after
            try:
                record = self._next_line(lambda: next(reader), previous_line + 1)
            except StopIteration:
                break
            except csv.Error as exc:
                # Python 3.10's csv refuses NUL characters (3.11 reads them): UTF-16 files hold
                # one in every ASCII character.
                hint = " (a UTF-16 file? save the file as UTF-8)" if "NUL" in str(exc) else ""
                raise _row_error(previous_line + 1, None, f"not valid CSV: {exc}{hint}") from exc
            finally:
                csv.field_size_limit(limit)
            line, previous_line = previous_line + 1, reader.line_num
            if not record:  # a blank line holds no data
                continue
            undecoded = _undecoded(record, line, layout.header if layout else ())
            if undecoded is not None:
                if layout is None or not self._collect:
                    raise undecoded
                self.errors.append(undecoded)
                continue
            if layout is None:
                layout = _Layout(record, delimiter)
                self.header = layout.header
                continue
            short_rows = short_rows or len(record) < layout.width
            try:
                yield self._row(layout, record, line)
            except ArchiveError as exc:
                if not self._collect:
                    raise
                self.errors.append(exc)
        if layout is None:
            raise _row_error(
                1, None, "the file is empty: a batch results file starts with a header"
            )
        self.write_options = {
            "delimiter": delimiter,
            "quote_all": (lines.first or "").startswith('"'),
            "lineterminator": lines.first_ending or "\r\n",
            "short_rows": short_rows or previous_line <= 1,
            "final_line_end": bool(lines.last_ending),
        }

    @staticmethod
    def _next_line(read: Callable[[], _T], line: int) -> _T:
        try:
            return read()
        except UnicodeDecodeError as exc:  # a text handle opened with another encoding
            raise _row_error(
                line,
                None,
                f"the file cannot be decoded as {exc.encoding}: the bytes "
                f"{exc.object[exc.start : exc.end]!r} are invalid ({exc.reason}) at or after "
                "this line (a text file decodes in blocks); open it with the file's "
                "encoding, or pass the path or a binary file (read as UTF-8, located exactly)",
            ) from exc

    def _row(self, layout: _Layout, record: list[str], line: int) -> BatchResultRow:
        if not layout.min_width <= len(record) <= layout.width:
            raise _row_error(
                line,
                None,
                f"the row has {len(record)} fields; the header has {layout.width}"
                + (
                    f" (rows may omit only the trailing {', '.join(layout.optional)})"
                    if layout.optional
                    else ""
                ),
            )
        hit: dict[str, Any] = {}
        assignment: dict[str, Any] = {}
        row: dict[str, Any] = {"hit": hit, "assignment": assignment}
        inputs: dict[str, str] = {}
        answers: dict[str, Any] = {}
        extra: dict[str, str] = {}
        owners = {"hit": hit, "assignment": assignment, "row": row}
        for name, value in zip(layout.header, record, strict=False):
            column = _COLUMNS.get(name)
            try:
                if column is not None:
                    if value:  # an empty cell is no value
                        owners[column.owner][column.key] = column.read(value)
                elif name.startswith(_INPUT):
                    inputs[name[len(_INPUT) :]] = value
                elif name.startswith(_ANSWER):
                    answers[name[len(_ANSWER) :]] = value
                else:
                    extra[name] = value
            except PydanticCustomError as exc:
                raise _row_error(line, name, str(exc)) from exc
        if "HITId" in hit:
            assignment["HITId"] = hit["HITId"]
        for name in REQUIRED_COLUMNS:
            if name not in hit and name not in assignment:
                raise _row_error(line, name, f"the required column {name} is empty")
        if self._anonymized:
            row["assignment"] = self._assignment_keeping_worker_id(assignment, line)
        if inputs:
            row["inputs"] = inputs
        if self._fold:
            row["raw_answers"] = dict(answers)
        if answers:
            row["answers"] = _decode_answers(answers, self._fold, line)
        if extra:
            row["extra_columns"] = extra
        try:
            return BatchResultRow.model_validate(row)
        except ValidationError as exc:
            raise _located(exc, line, self._anonymized) from exc

    @staticmethod
    def _assignment_keeping_worker_id(assignment: dict[str, Any], line: int) -> Assignment:
        """The Assignment with its WorkerId exactly as in the file, whatever its form."""
        worker_id = assignment.pop("WorkerId")
        try:
            validated = Assignment.model_validate(assignment)
        except ValidationError as exc:
            raise _located(exc, line, True, ("assignment",)) from exc
        return validated.model_copy(update={"worker_id": worker_id})


def _located(
    exc: ValidationError, line: int, anonymized: bool, prefix: tuple[str, ...] = ()
) -> ArchiveError:
    """A row's ValidationError as an ArchiveError naming the column."""
    summary = summarize(exc)
    loc = (*prefix, *summary.loc)
    column: str | None = None
    if len(loc) > 1 and loc[0] in ("hit", "assignment"):
        column = _COLUMN_OF.get((loc[0], loc[1]), loc[1])
    elif loc:
        column = _COLUMN_OF.get(("row", loc[0]))
    column = column or _RULE_COLUMNS.get(summary.error["type"])
    message = summary.message
    if column == "WorkerId" and not anonymized:
        message += (
            " (if the file's WorkerIds were anonymised, read it with "
            "anonymized_worker_ids=True, which keeps them as they are)"
        )
    return _row_error(line, column, message)


_T = TypeVar("_T")


def _decode_answers(answers: dict[str, Any], fold: bool, line: int | None) -> dict[str, Any]:
    """Decode a crowd-form taskAnswers column and, on request, fold choice groups.

    A failure is an error at ``line`` of the file read, or (``None``: a row being written,
    which has no line yet) at its column only.
    """
    column = _ANSWER + TASK_ANSWERS
    try:
        text = answers.get(TASK_ANSWERS)
        if text:  # an empty cell stays "" (no submission to decode)
            tasks = decode_task_answers(text)
            answers[TASK_ANSWERS] = [fold_choices(task) for task in tasks] if fold else tasks
        if fold:
            column = "Answer.*"
            return fold_choices(answers)
    except CrowdAnswerError as exc:
        if line is None:
            raise ArchiveError(f"column {column}: {exc}", location=f"column {column}") from exc
        raise _row_error(line, column, str(exc)) from exc
    return answers


_FIELD_LIMIT = 2**31 - 1  # csv's default 131072 refuses real taskAnswers; C long on every OS
_UNDECODED = "surrogateescape"  # bytes that are not UTF-8 are reported by line and column
_SURROGATE = re.compile("[\ud800-\udfff]+")


def _undecoded(record: list[str], line: int, header: Sequence[str]) -> ArchiveError | None:
    """A cell holding surrogates: bytes that were not UTF-8, or text that is not characters."""
    if "".join(record).isascii():
        return None
    for number, value in enumerate(record, 1):
        found = _SURROGATE.search(value)
        if found:
            column = header[number - 1] if number <= len(header) else f"#{number}"
            if all("\udc80" <= char <= "\udcff" for char in found.group()):
                raw = found.group().encode("utf-8", "surrogateescape")
                return _row_error(
                    line,
                    column,
                    f"the file is not UTF-8: the bytes {raw!r} cannot be decoded (save the file "
                    "as UTF-8)",
                )
            return _row_error(
                line,
                column,
                f"the text holds a lone surrogate ({found.group()[0].encode('unicode_escape')!r}"
                "), which is not a character: the text was decoded wrongly before it reached "
                "the reader (pass the path or a binary file)",
            )
    return None


class _ReadOnly(io.RawIOBase):
    """A binary file with ``read`` only (no ``readable()``), as io's buffered reader needs it."""

    def __init__(self, source: IO[bytes]) -> None:
        self._source = source

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._source.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _is_binary(source: IO[str] | IO[bytes]) -> bool:
    if isinstance(source, (io.RawIOBase, io.BufferedIOBase)):
        return True
    return "b" in str(getattr(source, "mode", ""))


def read_batch_csv(
    source: Source,
    *,
    errors: Literal["raise", "collect"] = "raise",
    fold: bool = False,
    anonymized_worker_ids: bool = False,
    delimiter: str | None = None,
) -> BatchCSVReader:
    """Read a batch results CSV lazily, one :class:`BatchResultRow` at a time.

    ``source`` is a path, a text file (open it with ``newline=""``) or a binary file; a
    byte-order mark before the header is dropped. Rows are parsed as you iterate, in constant
    memory. A row that cannot be loaded raises an :class:`~mturk_models.exceptions.ArchiveError`
    naming its line and column (``errors="raise"``, the default), or is skipped and recorded in
    the reader's ``errors`` list (``errors="collect"``): no row is dropped without being
    reported. A file that is not a batch results file (missing HITId, AssignmentId or WorkerId
    column), not CSV or not UTF-8 raises in both modes.

    * ``fold=True`` folds flattened crowd columns (``confidence.high.on`` = ``true``) into one
      answer per group.
    * ``anonymized_worker_ids=True`` reads files whose WorkerIds were replaced (by hashes,
      numbers, ...) before they were shared: each WorkerId is kept exactly as written, and only
      its pattern check (``A`` then capital letters and digits) is skipped. Without it such a
      row is an error that suggests this option.
    * ``delimiter`` is the field separator; by default it is detected from the header among
      :data:`DELIMITERS` (``,``; ``;`` as Excel writes CSV in many locales; tab).

    >>> reader = read_batch_csv("tests/data/batch_02.csv")
    >>> row = next(iter(reader))
    >>> row.hit.reward, row.assignment.submit_time.isoformat(), row.answers["category.label"]
    (Decimal('0.01'), '2021-03-02T04:50:54+00:00', 'surprise')
    """
    return BatchCSVReader(
        source,
        errors=errors,
        fold=fold,
        anonymized_worker_ids=anonymized_worker_ids,
        delimiter=delimiter,
    )


# --- writing ------------------------------------------------------------------------------------


def _columns_for(row: BatchResultRow) -> list[str]:
    return [
        *BATCH_COLUMNS,
        *row.extra_columns,
        *(_INPUT + name for name in row.inputs),
        *(_ANSWER + name for name in (row.answers if row.raw_answers is None else row.raw_answers)),
        *_REVIEW_COLUMNS,
    ]


def _answer_cells(row: BatchResultRow, number: int) -> Iterator[tuple[str, str]]:
    """The Answer.* cells of a row: its raw cells when it was folded, else its answers."""
    where = f"row {number}"
    if row.raw_answers is not None:
        try:
            refolded = _decode_answers(dict(row.raw_answers), True, None)
        except ArchiveError as exc:
            raise ArchiveError(
                f"batch CSV {where}: its raw_answers cannot be folded: {exc}", location=where
            ) from exc
        if refolded != row.answers:
            raise ArchiveError(
                f"batch CSV {where}: the row was read with fold=True and its answers no longer "
                "match its raw_answers (the Answer.* cells written); change raw_answers, or "
                "set raw_answers=None to write the answers as they are",
                location=where,
            )
        for name, value in row.raw_answers.items():
            yield _ANSWER + name, value
        return
    for name, value in row.answers.items():
        if value is None:
            raise ArchiveError(
                f"batch CSV {where}, column {_ANSWER}{name}: the answer is None, which a batch "
                "file cannot hold (an empty cell reads back as ''); folded rows are written "
                "from their raw_answers",
                location=f"{where}, column {_ANSWER}{name}",
            )
        if isinstance(value, str):
            yield _ANSWER + name, value
        else:
            yield _ANSWER + name, json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _cells(row: BatchResultRow, zone: Zone, number: int) -> dict[str, str]:
    values: dict[_Owner, dict[str, Any]] = {
        "hit": row.hit.model_dump(by_alias=True, exclude_none=True),
        "assignment": row.assignment.model_dump(by_alias=True, exclude_none=True),
        "row": {column.key: getattr(row, column.key) for column in _TABLE if column.owner == "row"},
    }
    cells: dict[str, str] = {}
    for column in _TABLE:
        value = values[column.owner].get(column.key)
        if value is not None and value is not False and value != "":  # else an empty cell
            cells[column.name] = column.write(value, zone)
    cells.update(row.extra_columns)
    cells.update((_INPUT + name, value) for name, value in row.inputs.items())
    cells.update(_answer_cells(row, number))
    return cells


def write_batch_csv(
    rows: Iterable[BatchResultRow],
    target: str | os.PathLike[str] | IO[str],
    *,
    columns: Sequence[str] | None = None,
    quote_all: bool = True,
    lineterminator: str = "\r\n",
    short_rows: bool = True,
    zone: Zone = "America/Los_Angeles",
    delimiter: str = ",",
    final_line_end: bool = False,
) -> int:
    """Write rows in the website's batch results format; returns the number of rows written.

    By default the output is what the website's download looks like: every field quoted, CRLF
    between lines and none after the last row, timestamps in US Pacific time, and rows without a
    review decision two fields shorter than the header (Approve and Reject omitted;
    ``short_rows=False`` writes them empty). ``quote_all=False, lineterminator="\\n",
    final_line_end=True`` gives the spreadsheet-edited form. A reader's ``write_options`` (set
    once it has read its file) are these options as the file it read has them:
    ``write_batch_csv(rows, target, **reader.write_options)`` writes that file back byte for
    byte.

    The header is ``columns`` or, by default, the 27 fixed columns, the first row's extra,
    ``Input.*`` and ``Answer.*`` columns, then Approve and Reject. Rows are streamed; a later row
    with a column the header does not have is an :class:`~mturk_models.exceptions.ArchiveError`
    (it would be lost); a missing one is written empty. Only the batch columns are written: HIT
    and Assignment fields the format has no column for (``question``, ``deadline``, ...) are not.
    Timestamps are written in whole seconds (sub-seconds are truncated, see
    :func:`format_batch_timestamp`). Rows read with ``fold=True`` are written from their
    ``raw_answers``, so the original Answer.* columns come back; an answer that is None (which
    a cell cannot hold) is an :class:`~mturk_models.exceptions.ArchiveError`, never ``"null"``.

    >>> import io
    >>> rows = list(read_batch_csv("tests/data/batch_02.csv"))
    >>> out = io.StringIO()
    >>> write_batch_csv(rows, out)
    12
    >>> list(read_batch_csv(io.StringIO(out.getvalue()))) == rows
    True
    """
    style = _Style(delimiter, quote_all, lineterminator, final_line_end)
    if isinstance(target, (str, os.PathLike)):
        with open(target, "w", encoding="utf-8", newline="") as handle:
            return _write(rows, handle, columns, style, short_rows, zone)
    return _write(rows, target, columns, style, short_rows, zone)


def _write(
    rows: Iterable[BatchResultRow],
    handle: IO[str],
    columns: Sequence[str] | None,
    style: _Style,
    short_rows: bool,
    zone: Zone,
) -> int:
    writer = _CSVWriter(handle, style)
    header: list[str] | None = list(columns) if columns is not None else None
    known: frozenset[str] = frozenset(header or ())
    review_tail = 0  # pragma: no mutate
    count = 0
    for row in rows:
        if header is None:
            header = _columns_for(row)
        if count == 0:
            known = frozenset(header)
            writer.writerow(header)
            review_tail = _trailing_review(header)
        cells = _cells(row, zone, count + 1)
        unknown = [name for name in cells if name not in known]
        if unknown:
            raise ArchiveError(
                f"batch CSV row {count + 1}: the column(s) {', '.join(unknown)} are not in the "
                "header; pass columns=[...] naming every column",
                location=f"row {count + 1}",
            )
        values = [cells.get(name, "") for name in header]
        if short_rows and review_tail and not any(values[len(values) - review_tail :]):
            values = values[: len(values) - review_tail]
        writer.writerow(values)
        count += 1
    if count == 0 and header is not None:
        writer.writerow(header)
    writer.close()
    return count


@dataclass(frozen=True)
class _Style:
    delimiter: str
    quote_all: bool
    lineterminator: str
    final_line_end: bool


class _CSVWriter:
    """csv.writer that quotes every field holding CR or LF, and ends the last line as asked.

    The standard writer's minimal quoting only looks for the terminator's own characters, so
    a lone CR in a field written with LF line ends would split the record when read back; and it
    ends every row with the terminator, while the website's download has none after the last.
    Each row is written with CRLF into a buffer, and its terminator only once the next row (or
    ``close()`` with ``final_line_end``) comes.
    """

    def __init__(self, handle: IO[str], style: _Style) -> None:
        quoting: Literal[0, 1, 2, 3] = csv.QUOTE_ALL if style.quote_all else csv.QUOTE_MINIMAL
        self._handle = handle
        self._style = style
        self._pending = False
        self._buffer = io.StringIO()
        self._writer = csv.writer(
            self._buffer, delimiter=style.delimiter, quoting=quoting, lineterminator="\r\n"
        )

    def writerow(self, values: Sequence[str]) -> None:
        self._buffer.seek(0)
        self._buffer.truncate()
        self._writer.writerow(values)
        if self._pending:
            self._handle.write(self._style.lineterminator)
        self._handle.write(self._buffer.getvalue()[:-2])
        self._pending = True

    def close(self) -> None:
        if self._pending and self._style.final_line_end:
            self._handle.write(self._style.lineterminator)
        self._pending = False  # pragma: no mutate


def _trailing_review(header: Sequence[str]) -> int:
    count = 0
    for name in reversed(header):
        if name not in _REVIEW_COLUMNS:
            break
        count += 1
    return count
