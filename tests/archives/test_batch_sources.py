"""Batch results CSV: what the reader and the writer promise beyond the real samples (each found
by mutation testing): error codes and line numbers, line ends (CRLF, LF, CR only), sources that
are paths, text, binary or duck-typed files, files that are not UTF-8 (cp1252, UTF-16) and a
machine whose locale is not UTF-8, the options of a reader built directly, ``write_options``
for every shape of file, and the writer's errors.
"""

from __future__ import annotations

import csv
import io
import locale
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic_core import PydanticCustomError
from tests.archives.test_batch_contract import error_of, read_text, sample_text, with_cells
from tests.conftest import data_path

from mturk_models import ArchiveError, BatchResultRow, read_batch_csv, write_batch_csv
from mturk_models.archives import batch
from mturk_models.archives.batch import BatchCSVReader

HEADER = "HITId,AssignmentId,WorkerId"
ROW = "3AQN9REUTFGXCRWFEFHJDNP7O0YDYH,3K5TEWLKGVB0DR7SP0MMGVI17KFVIX,A2KSI8CMZVTBYU"
LATIN = "Input.note"


def rows_of(text: str, **options: Any) -> list[BatchResultRow]:
    return read_text(text, **options)


def reader_of(text: str, **options: Any) -> BatchCSVReader:
    reader = read_batch_csv(io.StringIO(text, newline=""), **options)
    list(reader)
    return reader


# --- errors keep their code and their line ----------------------------------------------------


@pytest.mark.parametrize(
    ("column", "value", "code"),
    [
        ("Reward", "€0.50", "batch_reward"),
        ("NumberOfSimilarHITs", "many", "batch_integer"),
        ("LifetimeInSeconds", "1.5", "batch_integer"),
        ("Approve", "yes", "batch_approve"),
    ],
)
def test_a_cell_error_keeps_the_rule_code_as_its_cause(column: str, value: str, code: str) -> None:
    if column == "Approve":  # the sample's rows omit the review columns
        error = error_of(f"{HEADER},Approve,Reject\r\n{ROW},{value},\r\n")
    else:
        error = error_of(with_cells(**{column: value}))
    assert error.location == f"line 2, column {column}"
    assert isinstance(error.__cause__, PydanticCustomError)
    assert error.__cause__.type == code
    assert repr(value) in str(error)


def test_an_empty_file_is_an_error_at_line_1() -> None:
    for source in (io.StringIO(""), io.BytesIO(b"")):
        with pytest.raises(ArchiveError, match="empty") as info:
            list(read_batch_csv(source))
        assert info.value.line == 1
        assert info.value.location == "line 1"


class _FailingText:
    """A text file whose decoding fails while its line ``bad`` is read (as a TextIOWrapper
    opened with the wrong encoding fails at the block that holds the bad bytes)."""

    def __init__(self, lines: list[str], bad: int) -> None:
        self._lines = iter(lines)
        self._calls = 0
        self._bad = bad

    def readline(self) -> str:
        self._calls += 1
        if self._calls == self._bad:
            raise UnicodeDecodeError("cp1252", b"\x81", 0, 1, "character maps to <undefined>")
        return next(self._lines, "")


@pytest.mark.parametrize("bad", [1, 2, 3, 4])
def test_a_text_file_that_fails_to_decode_is_located_at_the_line_being_read(bad: int) -> None:
    lines = [f"{HEADER}\r\n", *(f"{ROW}\r\n" for _ in range(4))]
    with pytest.raises(ArchiveError, match="cp1252") as info:
        list(read_batch_csv(_FailingText(lines, bad)))  # type: ignore[arg-type]
    assert info.value.line == bad
    assert info.value.location == f"line {bad}"
    assert "b'\\x81'" in str(info.value)
    assert isinstance(info.value.__cause__, UnicodeDecodeError)


def test_a_cp1252_text_handle_opened_as_utf8_is_refused_at_its_first_line(tmp_path: Path) -> None:
    path = tmp_path / "cp1252.csv"
    path.write_bytes(f"{HEADER},{LATIN}\r\n{ROW},café\r\n".encode("cp1252"))
    with path.open(encoding="utf-8", newline="") as handle, pytest.raises(ArchiveError) as info:
        list(read_batch_csv(handle))
    assert info.value.line == 1
    assert "utf-8" in str(info.value)
    assert "b'\\xe9'" in str(info.value)


@pytest.mark.parametrize("source", ["path", "binary"])
def test_a_cp1252_file_names_its_bytes_line_and_column(source: str, tmp_path: Path) -> None:
    data = f"{HEADER},{LATIN}\r\n{ROW},café\r\n".encode("cp1252")
    path = tmp_path / "cp1252.csv"
    path.write_bytes(data)
    given = path if source == "path" else io.BytesIO(data)
    with pytest.raises(ArchiveError) as info:
        list(read_batch_csv(given))  # type: ignore[arg-type]
    # The last column of the header: named, not counted.
    assert info.value.location == f"line 2, column {LATIN}"
    assert "b'\\xe9'" in str(info.value)


def test_a_lone_0x80_byte_is_named_as_a_byte_that_is_not_utf8() -> None:
    data = f"{HEADER},{LATIN}\r\n{ROW},a\x80b\r\n".encode("latin-1")
    with pytest.raises(ArchiveError) as info:
        list(read_batch_csv(io.BytesIO(data)))
    assert info.value.location == f"line 2, column {LATIN}"
    assert "b'\\x80'" in str(info.value)
    assert "surrogate" not in str(info.value)


def test_a_cell_beyond_the_header_is_located_by_its_number() -> None:
    data = f"{HEADER}\r\n{ROW},\xe9\r\n".encode("latin-1")
    with pytest.raises(ArchiveError) as info:
        list(read_batch_csv(io.BytesIO(data)))
    assert info.value.location == "line 2, column #4"


def test_a_lone_surrogate_in_text_is_named() -> None:
    with pytest.raises(ArchiveError) as info:
        rows_of(f"{HEADER},{LATIN}\r\n{ROW},a\ud800b\r\n")
    assert info.value.location == f"line 2, column {LATIN}"
    assert "ud800" in str(info.value)
    assert "not UTF-8" not in str(info.value)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "cp1252"])
def test_a_header_that_is_not_utf8_is_an_error_at_line_1(encoding: str, tmp_path: Path) -> None:
    path = tmp_path / "batch.csv"
    path.write_bytes(f"{HEADER},Answer.é\r\n{ROW},x\r\n".encode(encoding))
    with pytest.raises(ArchiveError, match="UTF-8") as info:
        list(read_batch_csv(path))
    assert info.value.line == 1
    if sys.version_info >= (3, 11) or encoding == "cp1252":
        assert info.value.location.startswith("line 1, column ")
    else:  # Python 3.10's csv refuses the NUL of UTF-16 before a cell is decoded
        assert info.value.location == "line 1"
        assert "UTF-16" in str(info.value)


# --- a machine whose locale is not UTF-8 --------------------------------------------------------


@pytest.fixture
def ascii_locale() -> Iterator[None]:
    """The C locale, whose default encoding is ASCII (as cp1252 is on Windows)."""
    if sys.flags.utf8_mode:
        pytest.skip("Python's UTF-8 mode ignores the locale's encoding")
    previous = locale.setlocale(locale.LC_CTYPE)
    try:
        locale.setlocale(locale.LC_CTYPE, "C")
    except locale.Error:
        pytest.skip("no C locale")
    try:
        if io.TextIOWrapper(io.BytesIO()).encoding.lower().replace("-", "") == "utf8":
            pytest.skip("the C locale's encoding is UTF-8 on this system")
        yield
    finally:
        locale.setlocale(locale.LC_CTYPE, previous)


def test_paths_and_binary_files_are_utf8_whatever_the_locale(
    ascii_locale: None, tmp_path: Path
) -> None:
    data = f"{HEADER},{LATIN}\r\n{ROW},café\r\n".encode()
    path = tmp_path / "in.csv"
    path.write_bytes(data)
    for source in (path, io.BytesIO(data)):
        (row,) = read_batch_csv(source)  # type: ignore[arg-type]
        assert row.inputs == {"note": "café"}
    target = tmp_path / "out.csv"
    write_batch_csv([row], target, columns=[*HEADER.split(","), LATIN])
    assert "café".encode() in target.read_bytes()


# --- line ends ---------------------------------------------------------------------------------


@pytest.mark.parametrize("ending", ["\r\n", "\n", "\r"])
@pytest.mark.parametrize("final", [True, False])
def test_every_line_end_is_read_and_written_back(ending: str, final: bool) -> None:
    text = ending.join([HEADER, ROW, ROW.replace("A2KSI8", "A3KSI8")]) + (ending if final else "")
    reader = reader_of(text)
    assert [row.assignment.worker_id for row in read_text(text)] == [
        "A2KSI8CMZVTBYU",
        "A3KSI8CMZVTBYU",
    ]
    assert reader.write_options == {
        "delimiter": ",",
        "quote_all": False,
        "lineterminator": ending,
        "short_rows": False,
        "final_line_end": final,
    }
    out = io.StringIO(newline="")
    write_batch_csv(read_text(text), out, columns=HEADER.split(","), **reader.write_options)
    assert out.getvalue() == text


def test_a_binary_file_keeps_its_crlf_and_the_line_ends_inside_cells() -> None:
    text = f'{HEADER},Answer.essay\r\n{ROW},"one\r\ntwo\rthree"\r\n'
    reader = read_batch_csv(io.BytesIO(text.encode()))
    (row,) = reader
    assert row.answers == {"essay": "one\r\ntwo\rthree"}
    assert reader.write_options["lineterminator"] == "\r\n"


QUOTED = '"HITId","AssignmentId","WorkerId"'
LF_FULL = {"lineterminator": "\n", "short_rows": False, "final_line_end": True}


@pytest.mark.parametrize(
    ("text", "options"),
    [
        (HEADER, {"lineterminator": "\r\n", "short_rows": True, "final_line_end": False}),
        (HEADER + "\n", {"lineterminator": "\n", "short_rows": True, "final_line_end": True}),
        (QUOTED + "\r\n", {"lineterminator": "\r\n", "short_rows": True, "final_line_end": True}),
        (f"{HEADER}\n{ROW}", {**LF_FULL, "final_line_end": False}),
        (f"{HEADER},Approve,Reject\n{ROW}\n", {**LF_FULL, "short_rows": True}),
        (f"{HEADER},Approve,Reject\n{ROW},X,\n", LF_FULL),
    ],
)
def test_write_options_describe_the_file(text: str, options: dict[str, Any]) -> None:
    quote_all = text.startswith('"')
    assert reader_of(text).write_options == {"delimiter": ",", "quote_all": quote_all, **options}


@pytest.mark.parametrize("text", [HEADER, f"{HEADER}\r\n\r\n", f"{HEADER}\n\n{ROW}\n\n"])
def test_write_options_are_bools_even_without_rows(text: str) -> None:
    options = reader_of(text).write_options
    assert [type(options[name]) for name in ("quote_all", "short_rows", "final_line_end")] == [
        bool,
        bool,
        bool,
    ]


def test_a_header_only_file_is_written_back_as_it_was() -> None:
    reader = reader_of(QUOTED)
    assert reader.write_options["quote_all"] is True
    out = io.StringIO(newline="")
    write_batch_csv([], out, columns=list(reader.header or ()), **reader.write_options)
    assert out.getvalue() == QUOTED


# --- sources -------------------------------------------------------------------------------------


class _ReadOnlyBinary:
    """A binary file with ``read`` and ``mode`` only (no ``readable``): duck-typed file objects,
    Python 3.10's SpooledTemporaryFile."""

    mode = "rb"

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)
        self.reads: list[int] = []

    def read(self, size: int = -1) -> bytes:
        self.reads.append(size)
        return self._data.read(size)


def test_a_binary_file_without_readable_is_read_as_utf8() -> None:
    data = data_path("batch_02.csv").read_bytes()
    source = _ReadOnlyBinary(data)
    assert list(read_batch_csv(source)) == list(read_batch_csv(data_path("batch_02.csv")))  # type: ignore[arg-type]
    assert all(size > 0 for size in source.reads)  # read in blocks, never all at once
    small = _ReadOnlyBinary(f"{HEADER},{LATIN}\r\n{ROW},café\r\n".encode())
    (row,) = read_batch_csv(small)  # type: ignore[arg-type]
    assert row.inputs == {"note": "café"}


def test_a_reader_built_directly_has_the_documented_defaults() -> None:
    reader = BatchCSVReader(data_path("batch_02.csv"))
    assert reader.delimiter is None
    loaded = list(reader)
    assert loaded == list(read_batch_csv(data_path("batch_02.csv")))
    assert all(row.raw_answers is None for row in loaded)  # fold=False
    assert reader.errors == []
    # errors="raise" and anonymized_worker_ids=False: an anonymised WorkerId raises.
    with pytest.raises(ArchiveError) as info:
        list(BatchCSVReader(io.StringIO(with_cells(WorkerId="worker-17"), newline="")))
    assert info.value.location == "line 2, column WorkerId"


@pytest.mark.parametrize("delimiter", ["X", "|", ";"])
def test_a_given_delimiter_is_kept_before_reading(delimiter: str) -> None:
    row = ROW.replace("X", "Z")  # identifiers without the letter X, which may separate
    text = HEADER.replace(",", delimiter) + "\r\n" + row.replace(",", delimiter) + "\r\n"
    reader = BatchCSVReader(io.StringIO(text, newline=""), delimiter=delimiter)
    assert reader.delimiter == delimiter
    assert [row.assignment.worker_id for row in reader] == ["A2KSI8CMZVTBYU"]


def test_a_header_that_is_csv_under_one_delimiter_only_is_split_by_it() -> None:
    # '"p";q,r,s,t' is CSV with ';' (2 columns); with ',' a quote is followed by ';' (not CSV),
    # although a lenient reader would make 4 columns of it.
    reader = read_batch_csv(io.StringIO('"p";q,r,s,t\r\n', newline=""))
    with pytest.raises(ArchiveError, match="required columns") as info:
        list(reader)
    assert reader.delimiter == ";"
    assert info.value.location == "line 1"
    assert "2 columns" in str(info.value)


@pytest.mark.parametrize(("width", "more"), [(5, False), (6, False), (7, True)])
def test_the_header_summary_shows_six_columns_then_an_ellipsis(width: int, more: bool) -> None:
    header = ",".join(f"c{n}" for n in range(width))
    error = error_of(header + "\r\n")
    assert (", ...)" in str(error)) is more
    assert f"c{min(width, 6) - 1}" in str(error)


# --- the column table ----------------------------------------------------------------------------


def test_the_column_table_helpers_build_the_columns_they_name() -> None:
    # The table is built at import; these build columns the same way, so that a change to the
    # helpers shows here and not only in a fresh interpreter.
    reward = batch._of("hit", "Reward", "Other", read=batch._reward, write=batch._dollars)
    assert reward == [
        batch._Column("Reward", "hit", "Reward", batch._reward, batch._dollars),
        batch._Column("Other", "hit", "Other", batch._reward, batch._dollars),
    ]
    plain = batch._of("assignment", "WorkerId")
    assert plain == [batch._Column("WorkerId", "assignment", "WorkerId")]
    assert plain[0].read is batch._as_is
    assert plain[0].write is batch._text
    approve = batch._own("Approve", "approve", read=batch._approve, write=batch._mark)
    assert approve == batch._Column("Approve", "row", "approve", batch._approve, batch._mark)
    assert batch._own("Reject", "reject") == batch._Column("Reject", "row", "reject")
    assert [c for c in batch._TABLE if c.name in ("Reward", "Approve")] == [*reward[:1], approve]


# --- writing -------------------------------------------------------------------------------------


@pytest.mark.parametrize("title", ["X", "XXXX", "None", "False", "0", " "])
def test_any_text_cell_is_written_as_it_is(title: str) -> None:
    row = read_text(sample_text())[0]
    changed = row.model_copy(update={"hit": row.hit.model_copy(update={"title": title})})
    out = io.StringIO(newline="")
    write_batch_csv([changed], out)
    records = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert records[1][records[0].index("Title")] == title


def test_every_unknown_column_of_a_later_row_is_listed() -> None:
    rows = read_text(sample_text())
    extra = rows[1].model_copy(update={"inputs": {**rows[1].inputs, "x": "1", "y": "2"}})
    with pytest.raises(ArchiveError) as info:
        write_batch_csv([rows[0], extra], io.StringIO())
    assert info.value.location == "row 2"
    assert "Input.x, Input.y" in str(info.value)


def _folded_row() -> BatchResultRow:
    text = f"{HEADER},Answer.mood.happy.on,Answer.mood.sad.on\r\n{ROW},true,false\r\n"
    (row,) = read_text(text, fold=True)
    assert row.answers == {"mood": "happy"}
    return row


def test_a_folded_row_whose_answers_changed_is_refused_at_its_row() -> None:
    row = _folded_row()
    changed = row.model_copy(update={"answers": {"mood": "sad"}})
    with pytest.raises(ArchiveError) as info:
        write_batch_csv([row, changed], io.StringIO())
    assert info.value.location == "row 2"
    assert "raw_answers=None" in str(info.value)
    assert "Answer.*" in str(info.value)


def test_raw_answers_that_cannot_be_folded_are_refused_with_the_cause() -> None:
    row = _folded_row()
    broken = row.model_copy(update={"raw_answers": {"taskAnswers": "[{"}})
    with pytest.raises(ArchiveError) as info:
        write_batch_csv([row, broken], io.StringIO())
    assert info.value.location == "row 2"
    assert "raw_answers" in str(info.value)
    cause = info.value.__cause__
    assert isinstance(cause, ArchiveError)
    # A row being written has a number, not a line of a file: the cause names its column only.
    assert cause.line is None
    assert cause.location == "column Answer.taskAnswers"
    assert str(info.value).startswith(
        "batch CSV row 2: its raw_answers cannot be folded: column Answer.taskAnswers: "
    )
    assert "line 2" not in str(info.value)
    assert "None" not in str(info.value)


def test_a_none_answer_points_at_raw_answers() -> None:
    row = read_text(sample_text())[0]
    empty = row.model_copy(update={"answers": {"tags": None}})
    with pytest.raises(ArchiveError) as info:
        write_batch_csv([empty], io.StringIO())
    assert info.value.location == "row 1, column Answer.tags"
    assert "raw_answers" in str(info.value)
