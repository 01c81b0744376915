"""Batch results CSV: every real sample loads with the right values, round trips, and fails clearly.

Variants made here (in memory, not files): tests/data/batch_*.csv with one thing changed each (a
missing column, an unknown zone, a bad reward, a short row, a wrong Approve value, ...).
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import re
import zoneinfo
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError
from pydantic_core import PydanticCustomError
from tests.conftest import data_path

from mturk_models import (
    ApprovalRate,
    ArchiveError,
    AssignmentStatus,
    BatchResultRow,
    format_batch_timestamp,
    parse_batch_timestamp,
    read_batch_csv,
    write_batch_csv,
)
from mturk_models.archives.batch import BATCH_COLUMNS, BATCH_TIMEZONES
from mturk_models.testing import batch_column_names, batch_result_rows, utc_datetimes

UTC = timezone.utc
COUNTS = {1: 20, 2: 12, 3: 5, 4: 8, 5: 12, 6: 10, 7: 6}


def rows(name: str) -> list[BatchResultRow]:
    return list(read_batch_csv(data_path(name)))


def text_of(name: str) -> str:
    return data_path(name).read_bytes().decode("utf-8")  # line ends as in the file


def read_text(text: str, **options: object) -> list[BatchResultRow]:
    return list(read_batch_csv(io.StringIO(text, newline=""), **options))  # type: ignore[arg-type]


# --- the real samples -------------------------------------------------------------------------


@pytest.mark.parametrize(("number", "count"), COUNTS.items())
def test_every_sample_loads(number: int, count: int) -> None:
    loaded = rows(f"batch_{number:02d}.csv")
    assert len(loaded) == count
    for row in loaded:
        assert row.assignment.hit_id == row.hit.hit_id
        assert row.assignment.answer is None
        assert row.hit.reward is not None


def test_batch_01_values() -> None:
    first = rows("batch_01.csv")[0]
    hit, assignment = first.hit, first.assignment
    assert hit.hit_id == "302U8RURJ04D3PI759V2HM1G13KNVM"
    assert hit.hit_type_id == "3OF98WC37FBAJ6PMT5HED0L0NF9SML"
    assert hit.title == "Classification regarding with Facial Expression"
    assert hit.keywords == "categorize, image"
    assert hit.reward == Decimal("0.01")
    assert hit.creation_time == datetime(2021, 3, 16, 6, 3, 2, tzinfo=UTC)  # 23:03:02 PDT
    assert hit.max_assignments == 3
    assert hit.requester_annotation == "BatchId:4369243;OriginalHitTemplateId:928390873;"
    assert hit.assignment_duration_in_seconds == 3600
    assert hit.auto_approval_delay_in_seconds == 259200
    assert hit.expiration == datetime(2021, 3, 23, 6, 3, 2, tzinfo=UTC)
    assert hit.model_extra == {}  # NumberOfSimilarHITs and LifetimeInSeconds are empty
    assert assignment.assignment_id == "3DHE4R9OCXE0JQ1DKX3YDHRZJ2D2GD"
    assert assignment.worker_id == "A2IP1TOC651QGU"
    assert assignment.assignment_status is AssignmentStatus.SUBMITTED
    assert assignment.accept_time == datetime(2021, 3, 16, 6, 4, 41, tzinfo=UTC)
    assert assignment.submit_time == datetime(2021, 3, 16, 6, 8, 19, tzinfo=UTC)
    assert assignment.auto_approval_time == datetime(2021, 3, 19, 6, 8, 19, tzinfo=UTC)
    assert assignment.approval_time is None
    assert assignment.rejection_time is None
    assert assignment.requester_feedback is None
    assert first.work_time_in_seconds == 218
    assert first.lifetime_approval_rate == ApprovalRate(percent=100, approved=20, total=20)
    assert first.last_7_days_approval_rate == ApprovalRate(percent=0, approved=0, total=0)
    assert first.inputs == {
        "image_url": "https://s3-ap-northeast-1.amazonaws.com/projects.crowd4u.org/s1811552/"
        "results/disgust/disgust_27.jpg",
        "label": "disgust",
    }
    assert first.answers == {"category.label": "neutral"}
    assert first.approve is False
    assert first.reject is None
    assert first.extra_columns == {}


def test_batch_02_pst() -> None:
    first = rows("batch_02.csv")[0]
    assert first.hit.creation_time == datetime(2021, 3, 2, 4, 48, 54, tzinfo=UTC)  # 20:48:54 PST


def test_batch_03_rejected_row_and_mixed_zones() -> None:
    loaded = rows("batch_03.csv")
    approved, rejected = loaded[0], loaded[1]
    assert approved.assignment.assignment_status is AssignmentStatus.APPROVED
    # One row, two zones: submitted in PST, auto-approval after the DST change in PDT.
    assert approved.assignment.submit_time == datetime(2020, 3, 6, 7, 29, 44, tzinfo=UTC)
    assert approved.assignment.auto_approval_time == datetime(2020, 3, 9, 7, 29, 44, tzinfo=UTC)
    assert approved.hit.reward == Decimal("0.50")
    assert approved.answers["opt1.420"] == "true"
    assert approved.answers["slider_values"].startswith("9,23,34,")
    assert approved.answers["slider_values"].endswith(",")
    assert approved.inputs == {}
    assert rejected.assignment.assignment_status is AssignmentStatus.REJECTED
    assert rejected.assignment.rejection_time == datetime(2020, 3, 6, 1, 3, 11, tzinfo=UTC)
    assert rejected.assignment.requester_feedback == (
        "We have detected that you were not taking the test seriously or misinterpreted the "
        "instructions."
    )
    assert rejected.lifetime_approval_rate == ApprovalRate(percent=0, approved=0, total=1)


def test_batch_05_requester_edited_file() -> None:
    loaded = rows("batch_05.csv")
    assert [row.approve for row in loaded].count(True) + sum(
        1 for row in loaded if row.reject
    ) == len(loaded)
    rejected = [row for row in loaded if row.reject]
    assert rejected
    assert {row.reject for row in rejected} == {"spammer"}
    # Same assignments as the unmodified download of the same batch.
    original = {row.assignment.assignment_id: row for row in rows("batch_04.csv")}
    for row in loaded:
        if row.assignment.assignment_id in original:
            before = original[row.assignment.assignment_id]
            assert row.assignment == before.assignment
            assert row.answers == before.answers


def test_batch_06_and_07_values() -> None:
    first = rows("batch_06.csv")[0]
    assert first.hit.reward == Decimal("0.25")
    assert first.answers["category.labels"] == "[]"
    assert first.answers["confidence.high.on"] == "true"
    assert first.answers["others"] == "Cleaning,Household maintenance"
    assert first.assignment.approval_time == datetime(2021, 4, 14, 18, 47, 37, tzinfo=UTC)
    seventh = rows("batch_07.csv")
    assert any("\u2019" in str(row.answers) for row in seventh)


def test_bytes_file_and_path_string_read_alike() -> None:
    path = data_path("batch_07.csv")
    with path.open("rb") as handle:
        from_bytes = list(read_batch_csv(handle))
    assert from_bytes == list(read_batch_csv(str(path))) == rows("batch_07.csv")
    bom = io.BytesIO(b"\xef\xbb\xbf" + path.read_bytes())
    assert list(read_batch_csv(bom)) == from_bytes


def test_reader_is_lazy_and_exposes_header() -> None:
    reader = read_batch_csv(data_path("batch_01.csv"))
    assert reader.header is None
    iterator = iter(reader)
    next(iterator)
    assert reader.header is not None
    assert reader.header[: len(BATCH_COLUMNS)] == BATCH_COLUMNS
    assert reader.header[-2:] == ("Approve", "Reject")


# --- writing ----------------------------------------------------------------------------------


SAMPLES = sorted(path.name for path in data_path(".").glob("batch_*.csv"))


@pytest.mark.parametrize("name", SAMPLES)
def test_write_with_the_readers_options_gives_every_sample_back_byte_for_byte(name: str) -> None:
    reader = read_batch_csv(data_path(name))
    loaded = list(reader)
    out = io.StringIO(newline="")
    assert write_batch_csv(loaded, out, **reader.write_options) == len(loaded)
    assert out.getvalue() == data_path(name).read_bytes().decode("utf-8")


def test_the_default_style_is_the_websites_complete_download() -> None:
    # batch_07 is a complete download (so is the original of batch_02): no line end after the
    # last row. The other samples are cut after a row and keep that row's CRLF.
    out = io.StringIO(newline="")
    write_batch_csv(rows("batch_07.csv"), out)
    assert out.getvalue() == text_of("batch_07.csv")
    assert not text_of("batch_07.csv").endswith("\n")
    reader = read_batch_csv(data_path("batch_07.csv"))
    list(reader)
    assert reader.write_options == {
        "delimiter": ",",
        "quote_all": True,
        "lineterminator": "\r\n",
        "short_rows": True,
        "final_line_end": False,
    }


def test_write_reproduces_spreadsheet_edited_file() -> None:
    out = io.StringIO(newline="")
    write_batch_csv(
        rows("batch_05.csv"),
        out,
        quote_all=False,
        lineterminator="\n",
        short_rows=False,
        final_line_end=True,
    )
    assert out.getvalue() == data_path("batch_05.csv").read_bytes().decode("utf-8")


def test_write_options_are_set_only_once_the_file_is_read() -> None:
    reader = read_batch_csv(data_path("batch_05.csv"))
    assert reader.write_options == {}
    iterator = iter(reader)
    next(iterator)
    assert reader.write_options == {}
    list(iterator)
    assert reader.write_options["lineterminator"] == "\n"
    assert reader.write_options["short_rows"] is False
    assert reader.write_options["final_line_end"] is True


def test_write_to_path_and_explicit_columns(tmp_path: Path) -> None:
    loaded = rows("batch_02.csv")
    target = tmp_path / "out.csv"
    assert write_batch_csv(loaded, target) == len(loaded)
    assert list(read_batch_csv(target)) == loaded
    with pytest.raises(ArchiveError, match=r"row 1: the column\(s\) Input.image_url"):
        write_batch_csv(loaded, io.StringIO(), columns=list(BATCH_COLUMNS))
    out = io.StringIO()
    assert write_batch_csv([], out, columns=["HITId", "AssignmentId", "WorkerId"]) == 0
    assert out.getvalue() == '"HITId","AssignmentId","WorkerId"'


def test_write_refuses_a_later_row_with_new_columns() -> None:
    first = rows("batch_02.csv")[0]
    second = rows("batch_01.csv")[0]  # has Input.label as well
    with pytest.raises(ArchiveError, match=r"row 2: the column\(s\) Input.label are not in"):
        write_batch_csv([first, second], io.StringIO())


# --- timestamps -------------------------------------------------------------------------------


def test_timestamps_in_every_zone_of_the_table() -> None:
    for zone, info in BATCH_TIMEZONES.items():
        if len(zone) < 3:
            continue
        parsed = parse_batch_timestamp(f"Mon Mar 15 23:03:02 {zone} 2021")
        offset = info.utcoffset(None)
        assert offset is not None
        assert parsed == datetime(2021, 3, 15, 23, 3, 2, tzinfo=UTC) - offset


def test_other_complete_forms_with_a_zone() -> None:
    assert parse_batch_timestamp("2021-03-15 23:03:02 PDT") == datetime(
        2021, 3, 16, 6, 3, 2, tzinfo=UTC
    )
    assert parse_batch_timestamp("2021-03-15T23:03:02-07:00") == datetime(
        2021, 3, 16, 6, 3, 2, tzinfo=UTC
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("Mon Mar 15 23:03:02 CET 2021", r"Unknown time zone abbreviation 'CET'"),
        ("2021-03-15 23:03:02 IST", r"Unknown time zone abbreviation 'IST'"),
        ("2021-03-15 23:03:02", r"needs a time zone"),
        ("Tue Mar 15 23:03:02 PDT 2021", r"2021-03-15 is a Mon, not a Tue"),
        ("Mon Foo 15 23:03:02 PDT 2021", r"Unknown month 'Foo'"),
        ("Mon Feb 30 23:03:02 PST 2021", r"Not a valid date"),
        ("yesterday", r"should look like 'Mon Mar 15 23:03:02 PDT 2021'"),
    ],
)
def test_bad_timestamps(value: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_batch_timestamp(value)


def test_timestamps_dateutil_cannot_compute_are_batch_errors() -> None:
    """dateutil raises decimal.InvalidOperation on 40-digit seconds: a located row error."""
    value = "Mon Mar 01 20:" + "9" * 40 + " PST 2021"
    with pytest.raises(PydanticCustomError, match=r"Not a timestamp \(a number in it is too"):
        parse_batch_timestamp(value)
    text = text_of("batch_02.csv").replace("Mon Mar 01 20:52:25 PST 2021", value, 1)
    with pytest.raises(ArchiveError, match=r"line \d, column \w+Time: Not a timestamp"):
        read_text(text)
    reader = read_batch_csv(io.StringIO(text), errors="collect")
    good = list(reader)
    assert len(good) == len(rows("batch_02.csv")) - 1
    assert [error.location for error in reader.errors] == ["line 4, column AcceptTime"]
    text = text_of("batch_03.csv").replace("Mon Mar 02 22:08:57 PST 2020", value, 1)
    reader = read_batch_csv(io.StringIO(text), errors="collect")
    assert len(list(reader)) == len(rows("batch_03.csv")) - 1
    assert [error.location for error in reader.errors] == ["line 2, column CreationTime"]


def test_unknown_zone_in_file_is_located() -> None:
    text = text_of("batch_02.csv")
    lines = text.split("\r\n")
    lines[3] = lines[3].replace("Mon Mar 01 20:52:25 PST 2021", "Mon Mar 01 20:52:25 JST 2021")
    with pytest.raises(
        ArchiveError, match=r"line 4, column AcceptTime: Unknown time zone .*'JST'"
    ) as info:
        read_text("\r\n".join(lines))
    assert info.value.line == 4
    assert info.value.location == "line 4, column AcceptTime"


@given(utc_datetimes())
def test_timestamp_round_trip(value: datetime) -> None:
    whole = value.replace(microsecond=0)
    assert parse_batch_timestamp(format_batch_timestamp(whole)) == whole
    assert parse_batch_timestamp(format_batch_timestamp(whole, "UTC")) == whole
    assert parse_batch_timestamp(format_batch_timestamp(whole, "America/New_York")) == whole


def test_format_refuses_zones_the_format_cannot_carry() -> None:
    moment = datetime(2021, 3, 16, 6, 3, 2, tzinfo=UTC)
    with pytest.raises(ValueError, match=r"abbreviation 'CET'"):
        format_batch_timestamp(moment, "Europe/Berlin")
    with pytest.raises(ValueError, match=r"Unknown time zone 'Nowhere/City'"):
        format_batch_timestamp(moment, "Nowhere/City")
    assert format_batch_timestamp(moment.replace(tzinfo=None)) == "Mon Mar 15 23:03:02 PDT 2021"
    assert format_batch_timestamp(moment, timezone(timedelta(0), "UTC")).endswith("UTC 2021")


# --- approval rates ---------------------------------------------------------------------------


def test_approval_rate_rules() -> None:
    assert str(ApprovalRate.model_validate(" 0% (0/0) ")) == "0% (0/0)"
    with pytest.raises(ValidationError, match=r"should look like '100% \(20/20\)'; got '100%'"):
        ApprovalRate.model_validate("100%")
    with pytest.raises(ValidationError) as info:
        ApprovalRate.model_validate("100% (21/20)")
    assert info.value.errors()[0]["type"] == "approval_rate_counts"
    with pytest.raises(ValidationError) as info:
        ApprovalRate.model_validate("101% (20/20)")
    assert info.value.errors()[0]["type"] == "less_than_equal"


def test_row_rules() -> None:
    base = {"hit": {"HITId": "3H"}, "assignment": {"AssignmentId": "3A", "HITId": "3H"}}
    with pytest.raises(ValidationError) as info:
        BatchResultRow.model_validate({**base, "approve": True, "reject": "no"})
    assert info.value.errors()[0]["type"] == "batch_approve_and_reject"
    with pytest.raises(ValidationError) as info:
        BatchResultRow.model_validate({**base, "assignment": {"HITId": "3OTHER"}})
    assert info.value.errors()[0]["type"] == "batch_hit_id_mismatch"
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        BatchResultRow.model_validate({**base, "surprise": 1})


# --- bad files --------------------------------------------------------------------------------


def test_missing_required_columns_is_a_clear_error() -> None:
    text = text_of("batch_02.csv").replace('"WorkerId"', '"Worker"', 1)
    with pytest.raises(ArchiveError, match=r"line 1: not a batch results file: .* column WorkerId"):
        read_text(text)
    with pytest.raises(ArchiveError, match=r"columns HITId, AssignmentId, WorkerId"):
        read_text("a,b\n1,2\n")
    with pytest.raises(ArchiveError, match=r"the file is empty"):
        read_text("")


def test_duplicate_header_and_wrong_row_widths() -> None:
    text = text_of("batch_02.csv")
    header, first, *_rest = text.split("\r\n")
    with pytest.raises(ArchiveError, match=r"line 1, column Title: .*twice"):
        read_text(header.replace('"Description"', '"Title"') + "\r\n" + first)
    with pytest.raises(ArchiveError, match=r"line 2: the row has 28 fields; the header has 31 .*"):
        read_text(header + "\r\n" + first.rsplit(",", 1)[0])
    with pytest.raises(ArchiveError, match=r"line 2: the row has 32 fields; the header has 31"):
        read_text(header + "\r\n" + first + ',"","","x"')
    assert len(read_text(header + "\r\n" + first + ',""')) == 1  # Approve present, Reject not


def test_bad_cells_are_located() -> None:
    text = text_of("batch_02.csv")
    cases = [
        (
            '"$0.01"',
            '"€0.01"',
            r"line 2, column Reward: .*US dollars such as '\$0.50'; got '€0.01'",
        ),
        ('"$0.01"', '"$0.001"', r"line 2, column Reward: A currency amount should match"),
        ('"100% (3/3)"', '"lots"', r"line 2, column LifetimeApprovalRate: .*'lots'"),
        ('"Submitted"', '"Pending"', r"line 2, column AssignmentStatus: Input should be"),
        ('"11"', '"-11"', r"line 2, column WorkTimeInSeconds: Input should be greater than"),
        ('"A1P5FJPAEO3RP7"', '"a1p5"', r"line 2, column WorkerId: String should match"),
        ('"3G2UL9A02EH58Y9DEWB7XHVIXP0672"', '""', r"line 2, column AssignmentId: .*is empty"),
    ]
    for old, new, message in cases:
        with pytest.raises(ArchiveError, match=message):
            read_text(text.replace(old, new, 1))


def test_similar_hits_and_lifetime_are_kept_in_hit_extras() -> None:
    text = text_of("batch_02.csv").replace('PST 2021","","",', 'PST 2021","4","86400",', 1)
    first = read_text(text)[0]
    assert first.hit.model_extra == {"NumberOfSimilarHITs": 4, "LifetimeInSeconds": 86400}
    broken = text_of("batch_02.csv").replace('PST 2021","","",', 'PST 2021","four","",', 1)
    with pytest.raises(ArchiveError, match=r"column NumberOfSimilarHITs: .*integer; got 'four'"):
        read_text(broken)


def test_approve_and_reject_columns() -> None:
    text = text_of("batch_05.csv")
    with pytest.raises(ArchiveError, match=r"column Approve: .*empty or X; got 'yes'"):
        read_text(text.replace(",X,\n", ",yes,\n", 1))
    lowercase = read_text(text.replace(",X,\n", ",x,\n", 1))
    assert lowercase == rows("batch_05.csv")
    with pytest.raises(ArchiveError, match=r"line \d+, column Reject: .*not both"):
        read_text(text.replace(",X,\n", ",X,late\n", 1))


def test_extra_columns_are_kept_and_written_back() -> None:
    text = text_of("batch_05.csv")
    header, first, *_ = text.split("\n")
    edited = header.replace("Input.video1", "Notes,Input.video1") + "\n"
    edited += first.replace(",https://github.com", ",checked,https://github.com", 1) + "\n"
    (row,) = read_text(edited)
    assert row.extra_columns == {"Notes": "checked"}
    out = io.StringIO()
    write_batch_csv([row], out)
    assert read_text(out.getvalue()) == [row]


def test_collect_mode_reports_every_bad_row_and_keeps_good_ones() -> None:
    text = text_of("batch_02.csv")
    lines = text.split("\r\n")
    lines[2] = lines[2].replace('"$0.01"', '"0.01 USD"')
    lines[5] = lines[5].replace("PST 2021", "XST 2021", 1)
    reader = read_batch_csv(io.StringIO("\r\n".join(lines), newline=""), errors="collect")
    good = list(reader)
    assert len(good) == 12 - 2
    assert [(error.line, error.location) for error in reader.errors] == [
        (3, "line 3, column Reward"),
        (6, "line 6, column CreationTime"),
    ]
    with pytest.raises(ArchiveError, match="line 3, column Reward"):
        read_text("\r\n".join(lines))
    with pytest.raises(ValueError, match="errors should be 'raise' or 'collect'"):
        read_batch_csv("x.csv", errors="ignore")  # type: ignore[arg-type]


def test_line_numbers_count_physical_lines_of_multiline_records() -> None:
    text = text_of("batch_02.csv")
    header, first, second, *_ = text.split("\r\n")
    multiline = first.replace('"surprise"', '"sur\r\nprise"')
    broken = second.replace('"$0.01"', '"x"')
    with pytest.raises(ArchiveError, match=r"^batch CSV, line 4, column Reward"):
        read_text("\r\n".join([header, multiline, broken]))


def test_not_csv_and_not_utf8() -> None:
    header = text_of("batch_02.csv").split("\r\n")[0]
    with pytest.raises(ArchiveError, match=r"line 2: not valid CSV"):
        read_text(header + '\r\n"3A","unterminated')
    data = (header + "\r\n").encode() + b'"\xff\xfe"\r\n'
    with pytest.raises(ArchiveError, match=r"line 2, column HITId: the file is not UTF-8: .*xff"):
        list(read_batch_csv(io.BytesIO(data)))
    reader = read_batch_csv(
        io.BytesIO(data + text_of("batch_02.csv").split("\r\n")[1].encode()), errors="collect"
    )
    assert len(list(reader)) == 1
    assert [error.line for error in reader.errors] == [2]


# --- round trips ------------------------------------------------------------------------------


@given(batch_result_rows())
def test_one_row_round_trip(row: BatchResultRow) -> None:
    out = io.StringIO(newline="")
    write_batch_csv([row], out)
    assert read_text(out.getvalue()) == [row]


@given(st.data())
def test_rows_round_trip_in_both_styles(data: st.DataObject) -> None:
    inputs = data.draw(batch_column_names())
    answers = data.draw(batch_column_names())
    drawn = data.draw(
        st.lists(batch_result_rows(input_names=inputs, answer_names=answers), max_size=4)
    )
    for options in ({}, {"quote_all": False, "lineterminator": "\n", "short_rows": False}):
        out = io.StringIO(newline="")
        write_batch_csv(
            drawn, out, columns=None if drawn else ["HITId", "AssignmentId", "WorkerId"], **options
        )  # type: ignore[arg-type]
        assert read_text(out.getvalue()) == drawn


@given(st.text(max_size=400))
def test_any_text_gives_rows_or_archive_error(text: str) -> None:
    header = text_of("batch_02.csv").split("\r\n")[0]
    with contextlib.suppress(ArchiveError):
        list(read_batch_csv(io.StringIO(header + "\r\n" + text, newline="")))


# --- crowd answers ----------------------------------------------------------------------------


def test_task_answers_are_decoded_with_the_crowd_helper() -> None:
    first = rows("batch_04.csv")[0]
    (task,) = first.answers["taskAnswers"]
    assert task["comments"] == "The videos are many compared to the amount that is being paid."
    assert task["confidence-0"] == {"high": True, "low": False}
    assert task["reasons-0"]["remove dirt"] is True
    assert any(
        "\u2019" in str(value) for row in rows("batch_07.csv") for value in row.answers.values()
    )


def test_fold_on_request() -> None:
    folded = next(iter(read_batch_csv(data_path("batch_04.csv"), fold=True)))
    (task,) = folded.answers["taskAnswers"]
    assert task["confidence-0"] == "high"
    assert task["how-0"] == "both"
    assert task["reasons-0"] == "remove dirt"
    flattened = next(iter(read_batch_csv(data_path("batch_06.csv"), fold=True)))
    assert flattened.answers == {
        "category.labels": "[]",
        "confidence": "high",
        "others": "Cleaning,Household maintenance",
        "why": "both",
    }
    radios = next(iter(read_batch_csv(data_path("batch_03.csv"), fold=True)))
    assert (radios.answers["opt1"], radios.answers["opt3"]) == ("420", "42069")


def test_bad_task_answers_are_located() -> None:
    text = text_of("batch_04.csv")
    broken = text.replace('"[{""comments""', '"[{oops""comments""', 1)
    expected = r"line 2, column Answer.taskAnswers: taskAnswers is not valid JSON at line 1"
    with pytest.raises(ArchiveError, match=expected):
        read_text(broken)
    header, first, *_ = text_of("batch_06.csv").split("\r\n")
    # A column named like a choice group: the group is not folded, both answers are kept.
    clash = header.replace('"Answer.others"', '"Answer.confidence"')
    (kept,) = read_text(clash + "\r\n" + first, fold=True)
    assert kept.answers["confidence"] == kept.raw_answers["confidence"]  # type: ignore[index]
    assert kept.answers["confidence.high.on"] == "true"
    start = text.index('"[{""comments""')
    empty = text[:start] + '""' + text[text.index(']"', start) + 2 :]
    assert read_text(empty)[0].answers["taskAnswers"] == ""


# --- review fixes -----------------------------------------------------------------------------


@pytest.mark.parametrize("number", range(1, 8))
def test_folded_rows_write_back_their_original_answer_columns(number: int) -> None:
    name = f"batch_0{number}.csv"
    folded = list(read_batch_csv(data_path(name), fold=True))
    out = io.StringIO(newline="")
    write_batch_csv(folded, out)
    assert read_text(out.getvalue()) == rows(name)
    assert list(read_batch_csv(io.StringIO(out.getvalue(), newline=""), fold=True)) == folded
    assert "null" not in out.getvalue().split("\r\n", 1)[1].replace("Answer.", "")


def test_a_group_with_nothing_chosen_is_written_as_its_cells_not_null() -> None:
    row = list(read_batch_csv(data_path("batch_06.csv"), fold=True))[3]
    assert row.answers["confidence"] is None
    assert row.raw_answers is not None
    assert "confidence.high.on" in row.raw_answers
    out = io.StringIO(newline="")
    write_batch_csv([row], out)
    (back,) = read_text(out.getvalue())
    assert back.answers == row.raw_answers
    assert back.answers["confidence.high.on"] == "false"


def test_changed_folded_answers_are_refused_not_lost() -> None:
    row = next(iter(read_batch_csv(data_path("batch_06.csv"), fold=True)))
    changed = row.model_copy(update={"answers": {**row.answers, "confidence": "low"}})
    with pytest.raises(ArchiveError, match=r"row 1: .*fold=True.*no longer match.*raw_answers"):
        write_batch_csv([changed], io.StringIO())
    plain = changed.model_copy(update={"raw_answers": None, "answers": {"why": None}})
    with pytest.raises(ArchiveError, match=r"row 1, column Answer.why: the answer is None"):
        write_batch_csv([plain], io.StringIO())


def test_a_text_handle_with_the_wrong_encoding_is_located(tmp_path: Path) -> None:
    path = tmp_path / "cp1252.csv"
    lines = text_of("batch_02.csv").split("\r\n")
    path.write_bytes(
        "\r\n".join([lines[0], lines[1].replace("surprise", "caf\u00e9")]).encode("cp1252")
    )
    with (
        open(path, encoding="utf-8", newline="") as handle,
        pytest.raises(
            ArchiveError,
            match=r"line \d+: the file cannot be decoded as utf-8: .*xe9.* at or after",
        ),
    ):
        list(read_batch_csv(handle))
    reader = read_batch_csv(path, errors="collect")  # a path reads as UTF-8, exactly located
    assert list(reader) == []
    assert [error.location for error in reader.errors] == ["line 2, column Input.image_url"]


@pytest.mark.parametrize(
    "value", ["Fri Dec 31 23:00:00 PST 9999", "9999-12-31T23:00:00-08:00", "0001-01-01T00:00+05:00"]
)
def test_timestamps_outside_utc_years_are_batch_errors(value: str) -> None:
    with pytest.raises(PydanticCustomError, match=r"outside the years 1 to 9999"):
        parse_batch_timestamp(value)
    text = text_of("batch_02.csv").replace("Mon Mar 01 20:52:25 PST 2021", value, 1)
    with pytest.raises(ArchiveError, match=r"line \d, column \w+Time: The time falls outside"):
        read_text(text)


def test_format_refuses_times_out_of_range_in_the_zone() -> None:
    with pytest.raises(ValueError, match=r"outside the years 1 to 9999 in the zone"):
        format_batch_timestamp(datetime(1, 1, 1, 3, tzinfo=UTC))


def test_format_truncates_sub_seconds_as_documented() -> None:
    moment = datetime(2021, 3, 16, 6, 3, 2, 999_000, tzinfo=UTC)
    assert parse_batch_timestamp(format_batch_timestamp(moment)) == moment.replace(microsecond=0)
    (row,) = rows("batch_02.csv")[:1]
    precise = row.model_copy(
        update={"assignment": row.assignment.model_copy(update={"submit_time": moment})}
    )
    out = io.StringIO(newline="")
    write_batch_csv([precise], out)
    (back,) = read_text(out.getvalue())
    assert back.assignment.submit_time == moment.replace(microsecond=0)


def test_large_cells_are_read_and_the_csv_limit_is_restored() -> None:
    import csv

    text = text_of("batch_04.csv")
    comment = "x" * 300_000
    big = text.replace("The videos are many compared", comment, 1)
    limit = csv.field_size_limit()
    (first, *_) = read_text(big)
    assert first.answers["taskAnswers"][0]["comments"].startswith(comment)
    assert csv.field_size_limit() == limit


@given(st.data())
def test_writing_folded_rows_gives_the_same_file(data: st.DataObject) -> None:
    answers = data.draw(
        st.lists(st.sampled_from(["c.a", "c.b", "c.a.on", "d", "d.x", "taskAnswers"]), unique=True)
    )
    values = st.sampled_from(["true", "false", "on", "", "x", '[{"g": {"a": true}}]'])
    drawn = data.draw(
        st.lists(batch_result_rows(input_names=[], answer_names=[]), min_size=1, max_size=2)
    )
    rows_in = [
        row.model_copy(update={"answers": {name: data.draw(values) for name in answers}})
        for row in drawn
    ]
    first = io.StringIO(newline="")
    write_batch_csv(rows_in, first)
    try:
        folded = read_text(first.getvalue(), fold=True)
    except ArchiveError:
        return  # a clash fold_choices refuses, or taskAnswers that are not crowd JSON
    second = io.StringIO(newline="")
    write_batch_csv(folded, second)
    assert second.getvalue() == first.getvalue()


# --- anonymised WorkerIds ---------------------------------------------------------------------
# Variant: batch_02 with every WorkerId replaced by its SHA-256 hex digest, the form the
# anonymising scripts that researchers publish with their data produce (hashlib.sha256(id)).


def anonymised(text: str, loaded: list[BatchResultRow]) -> tuple[str, dict[str, str]]:
    mapping = {}
    for row in loaded:
        worker = row.assignment.worker_id
        assert worker is not None
        mapping[worker] = hashlib.sha256(worker.encode()).hexdigest()
    for worker, digest in mapping.items():
        text = text.replace(f'"{worker}"', f'"{digest}"')
    return text, mapping


def test_anonymised_worker_ids_are_refused_unless_asked_with_a_hint() -> None:
    text, _ = anonymised(text_of("batch_02.csv"), rows("batch_02.csv"))
    with pytest.raises(ArchiveError, match="anonymized_worker_ids=True") as info:
        read_text(text)
    assert info.value.location == "line 2, column WorkerId"


def test_anonymised_worker_ids_are_kept_exactly_when_asked() -> None:
    original = rows("batch_02.csv")
    text, mapping = anonymised(text_of("batch_02.csv"), original)
    loaded = read_text(text, anonymized_worker_ids=True)
    assert [row.assignment.worker_id for row in loaded] == [
        mapping[row.assignment.worker_id or ""] for row in original
    ]
    # Everything else is what the original file gives.
    for mine, theirs in zip(loaded, original, strict=True):
        assert mine.assignment.model_copy(update={"worker_id": None}) == (
            theirs.assignment.model_copy(update={"worker_id": None})
        )
        assert mine.answers == theirs.answers
    out = io.StringIO(newline="")
    write_batch_csv(loaded, out, final_line_end=True)
    assert out.getvalue() == text
    # Other IDs and rules are still checked; an empty WorkerId is still an error.
    bad_assignment = text.replace('"3G2UL9A02EH58Y9DEWB7XHVIXP0672"', '"not-an-id"', 1)
    with pytest.raises(ArchiveError, match=r"line 2, column AssignmentId"):
        read_text(bad_assignment, anonymized_worker_ids=True)
    empty = text.replace(f'"{next(iter(mapping.values()))}"', '""', 1)
    with pytest.raises(ArchiveError, match=r"column WorkerId: the required column WorkerId"):
        read_text(empty, anonymized_worker_ids=True)


def test_valid_worker_ids_read_alike_with_and_without_the_option() -> None:
    assert list(read_batch_csv(data_path("batch_03.csv"), anonymized_worker_ids=True)) == rows(
        "batch_03.csv"
    )


# --- byte-order marks, delimiters and other tools' files --------------------------------------


def test_a_bom_on_a_text_handle_is_dropped(tmp_path: Path) -> None:
    # What an unmodified download opened with open(path) (not utf-8-sig) gives: the BOM is the
    # first character, before the quoted header.
    path = tmp_path / "with_bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + data_path("batch_02.csv").read_bytes())
    with path.open(encoding="utf-8") as handle:
        assert list(read_batch_csv(handle)) == rows("batch_02.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        assert list(read_batch_csv(handle)) == rows("batch_02.csv")
    assert list(read_batch_csv(path)) == rows("batch_02.csv")
    assert read_text("\ufeff" + text_of("batch_05.csv")) == rows("batch_05.csv")


def resaved(name: str, delimiter: str) -> str:
    """A sample written again with another delimiter, as a spreadsheet saves it."""
    records = list(csv.reader(io.StringIO(text_of(name), newline="")))
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(records)
    return out.getvalue()


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_other_delimiters_are_detected_and_written_back(delimiter: str) -> None:
    text = resaved("batch_05.csv", delimiter)
    reader = read_batch_csv(io.StringIO(text, newline=""))
    assert list(reader) == rows("batch_05.csv")
    assert reader.delimiter == delimiter
    out = io.StringIO(newline="")
    write_batch_csv(rows("batch_05.csv"), out, **reader.write_options)
    assert out.getvalue() == text
    assert read_text(text, delimiter=delimiter) == rows("batch_05.csv")


def test_a_header_that_comes_out_as_one_column_says_so() -> None:
    text = resaved("batch_05.csv", ";")
    with pytest.raises(ArchiveError, match=r"one column .*separated by ';'.*delimiter=") as info:
        read_text(text, delimiter=",")
    assert info.value.line == 1
    with pytest.raises(ArchiveError, match=r"one column"):
        read_text("just one column\n1\n")
    with pytest.raises(ValueError, match="delimiter should be one character"):
        read_batch_csv("x.csv", delimiter=";;")


def test_the_command_line_tools_results_file_is_named() -> None:
    with pytest.raises(ArchiveError, match=r"Command Line Tools \(getResults\)") as info:
        list(read_batch_csv(data_path("clt_01.results")))
    assert info.value.location == "line 1"


# --- robustness -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "column", ["CreationTime", "AcceptTime", "Reward", "Answer.category.label"]
)
@pytest.mark.parametrize("surrogate", [chr(0xD800), chr(0xDFFF), chr(0xDC80)])
def test_surrogates_in_a_text_stream_are_located_errors(column: str, surrogate: str) -> None:
    loaded = list(csv.reader(io.StringIO(text_of("batch_02.csv"), newline="")))
    index = loaded[0].index(column)
    loaded[2][index] = loaded[2][index][:3] + surrogate + loaded[2][index][3:]
    out = io.StringIO(newline="")
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(loaded)
    with pytest.raises(ArchiveError) as info:
        read_text(out.getvalue())
    assert info.value.location == f"line 3, column {column}"
    assert str(info.value)  # the message can be built and printed
    reader = read_batch_csv(io.StringIO(out.getvalue(), newline=""), errors="collect")
    assert len(list(reader)) == 11
    assert [error.line for error in reader.errors] == [3]


def test_a_surrogate_in_a_timestamp_gives_a_printable_error() -> None:
    with pytest.raises(PydanticCustomError) as info:
        parse_batch_timestamp("Mon\ud800 Mar 01 20:48:54 PST 2021")
    assert "\\ud800" in str(info.value)


MUTATIONS = st.sampled_from(
    ["", ",", ";", "\t", '"', "\r", "\n", "\r\n", "\ufeff", "\x00", "\ud800", "\udc80", "$", "X"]
)


@given(st.sampled_from(SAMPLES), st.data())
def test_mutated_samples_give_rows_or_archive_error(name: str, data: st.DataObject) -> None:
    text = text_of(name)
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 3))
        text = text[:at] + data.draw(MUTATIONS | st.text(max_size=3)) + text[at + cut :]
    for source in (io.StringIO(text, newline=""), io.BytesIO(text.encode("utf-8", "replace"))):
        with contextlib.suppress(ArchiveError):
            list(read_batch_csv(source, errors=data.draw(st.sampled_from(["raise", "collect"]))))


@given(st.binary(max_size=400))
def test_any_bytes_give_rows_or_archive_error(data: bytes) -> None:
    header = data_path("batch_02.csv").read_bytes().split(b"\r\n")[0]
    for source in (data, header + b"\r\n" + data):
        with contextlib.suppress(ArchiveError):
            list(read_batch_csv(io.BytesIO(source)))


def test_a_blank_line_between_rows_is_skipped_and_reading_goes_on() -> None:
    header, *records = text_of("batch_02.csv").split("\r\n")
    text = "\r\n".join([header, records[0], "", records[1], "", "", *records[2:]])
    loaded = read_text(text)
    assert loaded == rows("batch_02.csv")
    # Line numbers still count the blank lines.
    broken = text.replace('"$0.01"', '"x"')
    with pytest.raises(ArchiveError, match=r"^batch CSV, line 2, column Reward"):
        read_text(broken)
    reader = read_batch_csv(io.StringIO(broken, newline=""), errors="collect")
    list(reader)
    assert [error.line for error in reader.errors][:3] == [2, 4, 7]


def test_a_reward_without_dollar_sign_as_spreadsheets_write_it() -> None:
    text = text_of("batch_05.csv")
    stripped = re.sub(r",\$(\d)", r",\1", text)
    assert stripped != text
    assert "$" not in stripped.split("\n")[1]
    assert read_text(stripped) == rows("batch_05.csv")
    with pytest.raises(ArchiveError, match="column Reward"):
        read_text(re.sub(r",\$(\d)", r",USD \1", text))


def test_batch_result_rows_are_immutable() -> None:
    row = rows("batch_02.csv")[0]
    with pytest.raises(ValidationError, match="frozen"):
        row.approve = True  # type: ignore[misc]
    with pytest.raises(ValidationError, match="frozen"):
        row.lifetime_approval_rate.percent = 1  # type: ignore[misc,union-attr]
    assert hash(row.lifetime_approval_rate) == hash(ApprovalRate.model_validate("100% (3/3)"))


# --- the zone table, pinned to literal offsets and to the IANA zones --------------------------

PINNED_OFFSETS = {
    "UTC": 0, "GMT": 0, "Z": 0,
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6,
    "PST": -8, "PDT": -7, "AKST": -9, "AKDT": -8, "HST": -10, "HDT": -9,
}  # fmt: skip
IANA = {
    "EST": ("America/New_York", 1), "EDT": ("America/New_York", 7),
    "CST": ("America/Chicago", 1), "CDT": ("America/Chicago", 7),
    "MST": ("America/Denver", 1), "MDT": ("America/Denver", 7),
    "PST": ("America/Los_Angeles", 1), "PDT": ("America/Los_Angeles", 7),
    "AKST": ("America/Anchorage", 1), "AKDT": ("America/Anchorage", 7),
    "HST": ("Pacific/Honolulu", 1), "HDT": ("America/Adak", 7),
}  # fmt: skip


def test_the_zone_table_has_the_pinned_offsets() -> None:
    assert set(BATCH_TIMEZONES) == set(PINNED_OFFSETS)
    for name, hours in PINNED_OFFSETS.items():
        assert BATCH_TIMEZONES[name].utcoffset(None) == timedelta(hours=hours), name


@pytest.mark.parametrize(("abbreviation", "zone"), IANA.items())
def test_each_abbreviation_is_its_us_zone(abbreviation: str, zone: tuple[str, int]) -> None:
    name, month = zone
    local = datetime(2021, month, 15, 12, 0, 0, tzinfo=zoneinfo.ZoneInfo(name))
    assert local.tzname() == abbreviation
    offset = local.utcoffset()
    assert offset == timedelta(hours=PINNED_OFFSETS[abbreviation])
    # A timestamp written with the abbreviation reads back as that instant.
    stamp = f"{local:%a %b %d %H:%M:%S} {abbreviation} 2021"
    assert parse_batch_timestamp(stamp) == local.astimezone(UTC)
    assert format_batch_timestamp(local, name) == stamp


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        ("Mon Mar 15 23:03:02 CST 2021", datetime(2021, 3, 16, 5, 3, 2, tzinfo=UTC)),
        ("Mon Mar 15 23:03:02 MST 2021", datetime(2021, 3, 16, 6, 3, 2, tzinfo=UTC)),
        ("Mon Mar 15 23:03:02 AKDT 2021", datetime(2021, 3, 16, 7, 3, 2, tzinfo=UTC)),
        ("Mon Mar 15 23:03:02 HST 2021", datetime(2021, 3, 16, 9, 3, 2, tzinfo=UTC)),
        ("Mon Mar 15 23:03:02 HDT 2021", datetime(2021, 3, 16, 8, 3, 2, tzinfo=UTC)),
    ],
)
def test_zone_abbreviations_give_literal_instants(stamp: str, expected: datetime) -> None:
    assert parse_batch_timestamp(stamp) == expected


def test_am_and_pm_timestamps_in_other_forms() -> None:
    assert parse_batch_timestamp("Mar 15, 2021 11:03:02 AM PDT") == datetime(
        2021, 3, 15, 18, 3, 2, tzinfo=UTC
    )
    assert parse_batch_timestamp("Mar 15, 2021 11:03:02 PM PDT") == datetime(
        2021, 3, 16, 6, 3, 2, tzinfo=UTC
    )
    assert parse_batch_timestamp("3/15/2021 12:03:02 AM PST") == datetime(
        2021, 3, 15, 8, 3, 2, tzinfo=UTC
    )


def test_format_takes_an_aware_non_utc_datetime_as_its_instant() -> None:
    tokyo = datetime(2021, 3, 16, 15, 3, 2, tzinfo=timezone(timedelta(hours=9)))
    assert format_batch_timestamp(tokyo) == "Mon Mar 15 23:03:02 PDT 2021"
    assert format_batch_timestamp(tokyo, "UTC") == "Tue Mar 16 06:03:02 UTC 2021"
    chicago = datetime(2021, 1, 4, 8, 0, 0, tzinfo=zoneinfo.ZoneInfo("America/Chicago"))
    assert format_batch_timestamp(chicago, "America/Chicago") == "Mon Jan 04 08:00:00 CST 2021"
    assert format_batch_timestamp(chicago) == "Mon Jan 04 06:00:00 PST 2021"


STYLES = st.fixed_dictionaries(
    {
        "delimiter": st.sampled_from([",", ";", "\t"]),
        "quote_all": st.booleans(),
        "lineterminator": st.sampled_from(["\r\n", "\n"]),
        "short_rows": st.booleans(),
        "final_line_end": st.booleans(),
    }
)


@given(st.data(), STYLES)
def test_any_style_reads_back_and_its_options_write_the_same_bytes(
    data: st.DataObject, style: dict[str, object]
) -> None:
    inputs = data.draw(batch_column_names())
    answers = data.draw(batch_column_names())
    drawn = data.draw(
        st.lists(batch_result_rows(input_names=inputs, answer_names=answers), max_size=3)
    )
    columns = None if drawn else ["HITId", "AssignmentId", "WorkerId"]
    first = io.StringIO(newline="")
    write_batch_csv(drawn, first, columns=columns, **style)  # type: ignore[arg-type]
    reader = read_batch_csv(io.StringIO(first.getvalue(), newline=""))
    assert list(reader) == drawn
    assert reader.delimiter == style["delimiter"]
    again = io.StringIO(newline="")
    write_batch_csv(drawn, again, columns=columns, **reader.write_options)
    assert again.getvalue() == first.getvalue()
