"""Batch timestamps the format cannot carry are the library's InputError, with a code."""

from __future__ import annotations

import io
from datetime import datetime, timezone

import pytest

from mturk_models import InputError, read_batch_csv, write_batch_csv
from mturk_models.archives._batch_time import format_batch_timestamp

EARLY = "HITId,AssignmentId,WorkerId,AcceptTime\r\n3H,3A,A1,Mon Mar 1 20:52:31 PST 0021\r\n"


def test_an_instant_before_standard_time_is_refused_in_a_us_zone_and_written_in_utc() -> None:
    rows = list(read_batch_csv(io.StringIO(EARLY)))
    with pytest.raises(InputError) as caught:
        write_batch_csv(rows, io.StringIO())
    assert caught.value.code == "batch_zone_abbreviation"
    assert "'LMT'" in str(caught.value)
    out = io.StringIO()
    assert write_batch_csv(rows, out, zone="UTC") == 1
    (again,) = read_batch_csv(io.StringIO(out.getvalue()))
    assert again.assignment.accept_time == rows[0].assignment.accept_time


@pytest.mark.parametrize(
    ("zone", "code"),
    [("Nowhere/City", "batch_zone_unknown"), ("Europe/Berlin", "batch_zone_abbreviation")],
)
def test_a_zone_batch_files_cannot_name_is_an_input_error(zone: str, code: str) -> None:
    with pytest.raises(InputError) as caught:
        format_batch_timestamp(datetime(2021, 3, 16, tzinfo=timezone.utc), zone)
    assert caught.value.code == code


def test_an_instant_outside_the_years_is_an_input_error() -> None:
    with pytest.raises(InputError) as caught:
        format_batch_timestamp(datetime(1, 1, 1, tzinfo=timezone.utc), "America/New_York")
    assert caught.value.code == "batch_time_range"
