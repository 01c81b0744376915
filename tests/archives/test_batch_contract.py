"""Batch results CSV: the promises of the reader's errors and sources that the sample tests do not
reach (each found by mutation testing): which column an error names, which hint it gives and
when, the zone timestamps are written in, and file objects that are neither io text nor io
binary classes.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
from typing import Any

import pytest
from tests.conftest import data_path

from mturk_models import ArchiveError, BatchResultRow, read_batch_csv, write_batch_csv
from mturk_models._errors import shown

SAMPLE = "batch_02.csv"


def sample_text() -> str:
    return data_path(SAMPLE).read_bytes().decode("utf-8")


def read_text(text: str, **options: Any) -> list[BatchResultRow]:
    return list(read_batch_csv(io.StringIO(text, newline=""), **options))


def with_cells(**cells: str) -> str:
    """The sample with the first data row's cells changed, by column name."""
    records = list(csv.reader(io.StringIO(sample_text(), newline="")))
    header = records[0]
    for name, value in cells.items():
        records[1][header.index(name)] = value
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(records)
    return out.getvalue()


def error_of(text: str, **options: Any) -> ArchiveError:
    with pytest.raises(ArchiveError) as info:
        read_text(text, **options)
    return info.value


# --- which column an error names, and its sentence ----------------------------------------------


@pytest.mark.parametrize("column", ["NumberOfSimilarHITs", "LifetimeInSeconds"])
def test_a_non_integer_count_names_its_column_in_a_sentence(column: str) -> None:
    error = error_of(with_cells(**{column: "many"}))
    message = str(error)
    assert error.line == 2
    assert re.search(rf"line 2, column {column}: [A-Z][a-z ]", message), message
    assert message.endswith("got 'many'"), message


@pytest.mark.parametrize(
    ("column", "value"),
    [("MaxAssignments", "x"), ("AssignmentDurationInSeconds", "-5"), ("HITTypeId", "lower")],
)
def test_an_invalid_hit_cell_names_its_column(column: str, value: str) -> None:
    error = error_of(with_cells(**{column: value}))
    assert f"line 2, column {column}: " in str(error)
    assert error.location == f"line 2, column {column}"


def test_only_a_worker_id_error_suggests_the_anonymised_option() -> None:
    worker = str(error_of(with_cells(WorkerId="worker-17")))
    assert "column WorkerId" in worker
    assert "if the file's WorkerIds were anonymised" in worker
    assert worker.endswith("read it with anonymized_worker_ids=True, which keeps them as they are)")
    for column, value in [("AssignmentStatus", "Pending"), ("HITId", "lower")]:
        message = str(error_of(with_cells(**{column: value})))
        assert "anonymized_worker_ids" not in message, message


def test_anonymised_rows_still_locate_other_assignment_errors() -> None:
    error = error_of(
        with_cells(WorkerId="worker-17", AssignmentStatus="Pending"), anonymized_worker_ids=True
    )
    assert error.location == "line 2, column AssignmentStatus"
    assert "anonymized_worker_ids" not in str(error)


# --- the header hints -----------------------------------------------------------------------------


def test_exactly_the_command_line_tools_columns_are_named_as_its_file() -> None:
    message = str(error_of("hitid\thittypeid\tassignmentid\tworkerid\n"))
    assert "Command Line Tools (getResults)" in message
    assert message.endswith("differ from the Requester website's batch results file"), message


@pytest.mark.parametrize(
    ("header", "delimiter", "separators"),
    [
        ("HITId\tAssignmentId\tWorkerId", ",", "tabs"),
        ("HITId\tAssignmentId\tWorkerId", ";", "tabs"),
        ("HITId,AssignmentId,WorkerId", ";", "','"),
        ("HITId;AssignmentId,WorkerId", "\t", "';' or ','"),
        ("HITId;AssignmentId\tWorkerId", ",", "';' or tabs"),
    ],
)
def test_a_one_column_header_names_the_separators_it_holds(
    header: str, delimiter: str, separators: str
) -> None:
    message = str(error_of(header + "\n", delimiter=delimiter))
    assert f"with the delimiter {delimiter!r}" in message
    assert message.endswith(
        f"; the file seems to be separated by {separators} (pass delimiter=...)"
    ), message


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_a_one_column_header_without_other_separators_only_names_the_option(
    delimiter: str,
) -> None:
    message = str(error_of("whatever\n", delimiter=delimiter))
    assert "seems to be separated" not in message
    assert message.endswith(
        f"the header came out as one column with the delimiter {delimiter!r} (pass delimiter=...)"
    ), message


def test_a_header_of_other_columns_ends_with_the_columns_it_has() -> None:
    message = str(error_of("a,b\n1,2\n"))
    assert message.endswith("(it has 2 columns: 'a', 'b')"), message


# --- writing: the zone of the timestamps ----------------------------------------------------------


def test_timestamps_are_written_in_the_zone_asked_for() -> None:
    rows = read_text(sample_text())
    eastern, pacific = io.StringIO(), io.StringIO()
    write_batch_csv(rows, eastern, zone="America/New_York")
    write_batch_csv(rows, pacific)
    assert " EST " in eastern.getvalue() or " EDT " in eastern.getvalue()
    assert " PST " not in eastern.getvalue()
    assert " PDT " not in eastern.getvalue()
    assert eastern.getvalue() != pacific.getvalue()
    assert read_text(eastern.getvalue()) == rows  # the same instants, another zone


# --- sources that are neither io text nor io binary classes ---------------------------------------


def test_a_spooled_binary_file_is_read_as_utf8_bytes() -> None:
    expected = list(read_batch_csv(data_path(SAMPLE)))
    with tempfile.SpooledTemporaryFile(mode="w+b") as spooled:
        spooled.write(data_path(SAMPLE).read_bytes())
        spooled.seek(0)
        assert list(read_batch_csv(spooled)) == expected  # type: ignore[arg-type]


def test_a_spooled_text_file_and_a_duck_typed_text_reader_are_read_as_text() -> None:
    expected = list(read_batch_csv(data_path(SAMPLE)))
    with tempfile.SpooledTemporaryFile(mode="w+", newline="") as spooled:
        spooled.write(sample_text())
        spooled.seek(0)
        assert list(read_batch_csv(spooled)) == expected  # type: ignore[arg-type]

    class Lines:
        """Only what csv needs: text lines, and no ``mode`` attribute."""

        def __init__(self, text: str) -> None:
            self._text = io.StringIO(text, newline="")

        def readline(self) -> str:
            return self._text.readline()

    assert list(read_batch_csv(Lines(sample_text()))) == expected  # type: ignore[arg-type]


# --- cell errors as sentences, header and width messages -----------------------------------------


@pytest.mark.parametrize(("column", "value"), [("Reward", "€0.50"), ("Approve", "yes")])
def test_a_bad_reward_or_approve_cell_is_a_sentence_ending_with_the_value(
    column: str, value: str
) -> None:
    text = (  # the sample's rows omit Approve and Reject: give them
        with_review_columns(sample_text(), value)
        if column == "Approve"
        else with_cells(**{column: value})
    )
    message = str(error_of(text))
    assert re.search(rf"column {column}: [A-Z][a-z ]", message), message
    assert message.endswith(f"got {value!r}"), message


def with_review_columns(text: str, approve: str) -> str:
    records = list(csv.reader(io.StringIO(text, newline="")))
    header = records[0]
    if "Approve" not in header:
        header += ["Approve", "Reject"]
    for record in records[1:]:
        record += [""] * (len(header) - len(record))
    records[1][header.index("Approve")] = approve
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(records)
    return out.getvalue()


@pytest.mark.parametrize(
    ("header", "lacking"),
    [
        ("HITId,AssignmentId", "the required column WorkerId "),
        ("HITId,Title", "the required columns AssignmentId, WorkerId "),
        ("Title", "the required columns HITId, AssignmentId, WorkerId "),
    ],
)
def test_the_missing_required_columns_are_counted_and_listed(header: str, lacking: str) -> None:
    message = str(error_of(header + "\n"))
    assert f"the header lacks {lacking}(" in message, message


def test_the_header_summary_counts_columns_and_shortens_long_names() -> None:
    one = str(error_of("Title\n"))
    assert "(it has 1 column: 'Title')" in one
    long_name = "Answer." + "x" * 60
    many = str(error_of(f"a,{long_name},c,d,e,f,g\n"))
    assert f"(it has 7 columns: 'a', {shown(long_name, 40)}, 'c', 'd', 'e', 'f', ...)" in many
    assert long_name not in many


def test_a_row_of_the_wrong_width_names_the_columns_it_may_omit() -> None:
    header = "HITId,AssignmentId,WorkerId"
    plain = str(error_of(f"{header}\n1,2\n"))
    assert plain.endswith("the row has 2 fields; the header has 3"), plain
    reviewed = str(error_of(f"{header},Approve,Reject\n1,2\n"))
    assert reviewed.endswith(
        "the row has 2 fields; the header has 5 (rows may omit only the trailing Approve, Reject)"
    ), reviewed


# --- writing: paths, locations, answers ----------------------------------------------------------


def test_writing_to_a_path_writes_what_a_text_handle_gets(tmp_path: Any) -> None:
    rows = read_text(sample_text())
    target = tmp_path / "out.csv"
    options: dict[str, Any] = {"zone": "America/Chicago", "short_rows": True}
    handle = io.StringIO(newline="")
    write_batch_csv(rows, handle, **options)
    write_batch_csv(rows, target, **options)
    assert target.read_bytes() == handle.getvalue().encode("utf-8")
    # The same with the columns in another order, given explicitly.
    header = next(csv.reader(io.StringIO(handle.getvalue(), newline="")))
    chosen = header[::-1]
    handle = io.StringIO(newline="")
    write_batch_csv(rows, handle, columns=chosen, **options)
    write_batch_csv(rows, target, columns=chosen, **options)
    assert target.read_bytes() == handle.getvalue().encode("utf-8")
    assert next(csv.reader(io.StringIO(target.read_text("utf-8"), newline=""))) == chosen
    assert " CST " in handle.getvalue() or " CDT " in handle.getvalue()


def test_a_later_row_with_new_columns_is_located_at_its_row() -> None:
    rows = read_text(sample_text())
    extra = rows[2].model_copy(update={"inputs": {**rows[2].inputs, "new": "x"}})
    with pytest.raises(ArchiveError) as info:
        write_batch_csv([rows[0], rows[1], extra], io.StringIO())
    assert info.value.location == "row 3"
    assert str(info.value).endswith("pass columns=[...] naming every column")


def test_structured_answers_are_written_as_utf8_json_and_none_is_located() -> None:
    row = read_text(sample_text())[0]
    tagged = row.model_copy(update={"answers": {"tags": ["café", "naïve"], "n": 1}})
    out = io.StringIO(newline="")
    write_batch_csv([tagged], out, quote_all=False)
    assert '"[""café"",""naïve""]"' in out.getvalue()
    assert read_text(out.getvalue())[0].answers == {"tags": '["café","naïve"]', "n": "1"}
    empty = row.model_copy(update={"answers": {"tags": None}})
    with pytest.raises(ArchiveError) as info:
        write_batch_csv([row, empty], io.StringIO())
    assert info.value.location == "row 2, column Answer.tags"
