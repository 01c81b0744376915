"""Assignment: aliases, timestamps, status enum, raw answer, unknown keys."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

import pytest
from dateutil.tz import tzlocal
from hypothesis import given
from pydantic import ValidationError
from tests.conftest import expect_error

from mturk_models import (
    Assignment,
    AssignmentStatus,
    GetAssignmentResponse,
    InputError,
    ListAssignmentsForHITResponse,
    assignments_in,
    to_utc,
)
from mturk_models.testing import assignments, boto3_assignments

TIMES = [
    "AutoApprovalTime",
    "AcceptTime",
    "SubmitTime",
    "ApprovalTime",
    "RejectionTime",
    "Deadline",
]

ATTRS = [
    "auto_approval_time",
    "accept_time",
    "submit_time",
    "approval_time",
    "rejection_time",
    "deadline",
]

RAW: dict[str, Any] = {
    "AssignmentId": "3YZ8UPK3VUK9D38RJKOSRZUCFEFUCR",
    "WorkerId": "A3LT7W355XOAKF",
    "HITId": "3F6045TU7DM69TFRJMD84TAZ7K7999",
    "AssignmentStatus": "Rejected",
    **{
        key: datetime(2021, 9, 17, 12, minute, tzinfo=tzlocal()) for minute, key in enumerate(TIMES)
    },
    "Answer": "<QuestionFormAnswers/> ",
    "RequesterFeedback": "Please read the instructions.",
}


def test_boto3_dict_wraps_and_dumps_back() -> None:
    assignment = Assignment.model_validate(RAW)
    assert assignment.assignment_status is AssignmentStatus.REJECTED
    assert assignment.answer == "<QuestionFormAnswers/> "  # kept verbatim
    for name in ATTRS:
        value = getattr(assignment, name)
        assert value.tzinfo is timezone.utc
    assert assignment.deadline == RAW["Deadline"]
    assert assignment.model_dump(by_alias=True, exclude_none=True) == RAW


def test_build_by_name() -> None:
    assignment = Assignment(assignment_id="3A", worker_id="A1", hit_id="3H")  # type: ignore[call-arg]
    assert assignment.to_boto3() == {"AssignmentId": "3A", "WorkerId": "A1", "HITId": "3H"}


def test_status_lists_allowed_values() -> None:
    expect_error(
        Assignment,
        {"AssignmentStatus": "Returned"},
        "enum",
        "Input should be 'Submitted', 'Approved' or 'Rejected'",
        loc=("AssignmentStatus",),
    )


def test_every_time_field_is_utc() -> None:
    for key in TIMES:
        expect_error(Assignment, {key: "soon"}, "utc_datetime", "got 'soon'", loc=(key,))


def test_empty_answer_is_kept() -> None:
    assert Assignment.model_validate({"Answer": ""}).answer == ""


def test_unknown_keys_are_kept() -> None:
    assignment = Assignment.model_validate({"AssignmentId": "3A", "WorkTimeInSeconds": 42})
    assert assignment.model_extra == {"WorkTimeInSeconds": 42}
    assert assignment.to_boto3()["WorkTimeInSeconds"] == 42


def test_several_errors_are_all_reported() -> None:
    with pytest.raises(ValueError, match="3 validation errors for Assignment") as info:
        Assignment.model_validate({"AssignmentId": "x", "WorkerId": "x", "AcceptTime": "x"})
    assert "WorkerId" in str(info.value)


@given(assignments())
def test_boto3_round_trip(assignment: Assignment) -> None:
    dumped = assignment.model_dump(by_alias=True, exclude_none=True)
    assert Assignment.model_validate(dumped) == assignment
    assert Assignment.model_validate_json(assignment.model_dump_json()) == assignment


@given(boto3_assignments())
def test_boto3_shaped_assignments_wrap(raw: dict[str, Any]) -> None:
    assignment = Assignment.model_validate(raw)
    # Compared in UTC: aware datetimes in different zones compare by instant, except in a
    # repeated hour (PEP 495: a time in a DST fold never equals one in another zone).
    in_utc = {
        k: v.astimezone(timezone.utc) if isinstance(v, datetime) else v for k, v in raw.items()
    }
    assert assignment.model_dump(by_alias=True, exclude_none=True) == in_utc
    for key in TIMES:
        value = assignment.to_boto3().get(key)  # plain values: ISO 8601 in UTC
        assert value is None or (isinstance(value, str) and value.endswith("Z"))
        assert value is None or to_utc(value) == in_utc[key]


@given(assignments(status="Approved"))
def test_status_argument(assignment: Assignment) -> None:
    assert assignment.assignment_status is AssignmentStatus.APPROVED
    assert assignment.approval_time is not None
    assert assignment.rejection_time is None


# --- assignments_in ---------------------------------------------------------------------------


def test_assignments_in_every_holder() -> None:
    one = Assignment(assignment_id="3A")  # type: ignore[call-arg]
    two = Assignment(assignment_id="3B")  # type: ignore[call-arg]
    page = ListAssignmentsForHITResponse(assignments=(one, two))
    got = GetAssignmentResponse(assignment=two)
    assert list(assignments_in(one)) == [one]
    assert list(assignments_in(got)) == [two]
    assert list(assignments_in(GetAssignmentResponse())) == []
    assert list(assignments_in(page)) == [one, two]
    assert list(assignments_in([page, got, one])) == [one, two, two, one]
    assert list(assignments_in(iter([page]))) == [one, two]
    assert list(assignments_in([])) == []


def test_assignments_in_boto3_dicts() -> None:
    page = {"Assignments": [{"AssignmentId": "3A"}], "NumResults": 1}
    got = {"Assignment": {"AssignmentId": "3B"}, "HIT": {"HITId": "3H"}}
    ids = [a.assignment_id for a in assignments_in([page, got, {"AssignmentId": "3C"}])]
    assert ids == ["3A", "3B", "3C"]
    assert [a.assignment_id for a in assignments_in(page)] == ["3A"]


def test_assignments_in_is_lazy() -> None:
    def pages() -> Iterator[dict[str, Any]]:
        yield {"Assignments": [{"AssignmentId": "3A"}]}
        raise RuntimeError("not yet")

    stream = assignments_in(pages())
    assert next(stream).assignment_id == "3A"
    with pytest.raises(RuntimeError):
        next(stream)


@pytest.mark.parametrize("bad", ["3A", b"3A", 42, None, [["nested"]], [object()]])
def test_assignments_in_refuses_what_holds_no_assignments(bad: Any) -> None:
    with pytest.raises(InputError) as info:
        list(assignments_in(bad))
    assert info.value.code == "assignments_in_type"


def test_assignments_in_validates_dicts() -> None:
    with pytest.raises(ValidationError) as info:
        list(assignments_in([{"Assignments": [{"AssignmentId": "bad id"}]}]))
    assert info.value.errors()[0]["loc"] == ("Assignments", 0, "AssignmentId")
