"""The requests of the assignment operations: each documented rule and an input that breaks it."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from mturk_models import (
    ApproveAssignmentRequest,
    GetAssignmentRequest,
    ListAssignmentsForHITRequest,
    RejectAssignmentRequest,
)

ASSIGNMENT = "3YZ8UPK3VUK9D38RJKOSRZUCFEFUCR"


def errors(model: type[BaseModel], data: dict[str, Any]) -> list[tuple[str, tuple[Any, ...]]]:
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    return [(e["type"], tuple(e["loc"])) for e in info.value.errors()]


@pytest.mark.parametrize("model", [ApproveAssignmentRequest, RejectAssignmentRequest])
def test_requester_feedback_is_at_most_1024_characters(model: type[BaseModel]) -> None:
    # "Can be up to 1024 characters (including multi-byte characters)": characters, not bytes.
    ok = model.model_validate({"AssignmentId": ASSIGNMENT, "RequesterFeedback": "é" * 1024})
    assert len(ok.requester_feedback) == 1024  # type: ignore[attr-defined]
    too_long = {"AssignmentId": ASSIGNMENT, "RequesterFeedback": "x" * 1025}
    assert errors(model, too_long) == [("string_too_long", ("RequesterFeedback",))]


FORBIDDEN = [*range(9), 11, 12, *range(14, 32)]


@pytest.mark.parametrize("model", [ApproveAssignmentRequest, RejectAssignmentRequest])
@pytest.mark.parametrize("code_point", FORBIDDEN)
def test_requester_feedback_cannot_hold_ascii_controls(
    model: type[BaseModel], code_point: int
) -> None:
    data = {"AssignmentId": ASSIGNMENT, "RequesterFeedback": f"Bad{chr(code_point)}work"}
    assert errors(model, data) == [("requester_feedback_characters", ("RequesterFeedback",))]


@pytest.mark.parametrize("model", [ApproveAssignmentRequest, RejectAssignmentRequest])
def test_tab_line_feed_and_carriage_return_are_allowed(model: type[BaseModel]) -> None:
    text = "Line one\r\nLine two\tend"
    request = model.model_validate({"AssignmentId": ASSIGNMENT, "RequesterFeedback": text})
    assert request.to_boto3()["RequesterFeedback"] == text  # type: ignore[attr-defined]


def test_rejecting_needs_feedback() -> None:
    assert errors(RejectAssignmentRequest, {"AssignmentId": ASSIGNMENT}) == [
        ("missing", ("RequesterFeedback",))
    ]


@pytest.mark.parametrize("blank", ["", " ", "\n\t "])
def test_rejecting_needs_feedback_that_says_something(blank: str) -> None:
    data = {"AssignmentId": ASSIGNMENT, "RequesterFeedback": blank}
    assert errors(RejectAssignmentRequest, data) == [("message_blank", ("RequesterFeedback",))]


def test_approving_needs_no_feedback_and_may_have_an_empty_one() -> None:
    assert ApproveAssignmentRequest(assignment_id=ASSIGNMENT).to_boto3() == {
        "AssignmentId": ASSIGNMENT
    }
    request = ApproveAssignmentRequest(assignment_id=ASSIGNMENT, requester_feedback="")
    assert request.to_boto3()["RequesterFeedback"] == ""


@pytest.mark.parametrize("value", ["true", 1, 0, "False", "yes"])
def test_override_rejection_is_a_boolean(value: Any) -> None:
    data = {"AssignmentId": ASSIGNMENT, "OverrideRejection": value}
    assert errors(ApproveAssignmentRequest, data) == [("bool_type", ("OverrideRejection",))]


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("", "string_too_short"),
        ("x" * 65, "string_too_long"),
        ("3yz8", "string_pattern_mismatch"),
        ("3YZ8-UPK", "string_pattern_mismatch"),
        (123, "string_type"),
    ],
)
def test_assignment_ids_are_botocore_entity_ids(value: Any, code: str) -> None:
    assert errors(GetAssignmentRequest, {"AssignmentId": value}) == [(code, ("AssignmentId",))]


def test_assignment_statuses_are_submitted_approved_or_rejected() -> None:
    data = {"HITId": "3F6045TU7DM69TFRJMD84TAZ7K7999", "AssignmentStatuses": ["Approved", "Done"]}
    assert errors(ListAssignmentsForHITRequest, data) == [("enum", ("AssignmentStatuses", 1))]


@pytest.mark.parametrize(
    ("member", "value", "code"),
    [
        ("MaxResults", 0, "greater_than_equal"),
        ("MaxResults", 101, "less_than_equal"),
        ("MaxResults", "10", "int_type"),
        ("MaxResults", True, "int_type"),
        ("NextToken", "", "string_too_short"),
        ("NextToken", "x" * 256, "string_too_long"),
    ],
)
def test_paging_members(member: str, value: Any, code: str) -> None:
    data = {"HITId": "3F6045TU7DM69TFRJMD84TAZ7K7999", member: value}
    assert errors(ListAssignmentsForHITRequest, data) == [(code, (member,))]


def test_paging_bounds_hold_exactly() -> None:
    for size in (1, 100):
        ListAssignmentsForHITRequest(hit_id="3F6045TU7DM69TFRJMD84TAZ7K7999", max_results=size)
    for token in ("x", "x" * 255):
        ListAssignmentsForHITRequest(hit_id="3F6045TU7DM69TFRJMD84TAZ7K7999", next_token=token)


def test_every_violation_at_once() -> None:
    data = {"AssignmentId": "bad id", "RequesterFeedback": "\x00" + "x" * 1100, "Feedback": "x"}
    found = errors(RejectAssignmentRequest, data)
    assert sorted(found) == sorted(
        [
            ("string_pattern_mismatch", ("AssignmentId",)),
            ("string_too_long", ("RequesterFeedback",)),
            ("extra_forbidden", ("Feedback",)),
        ]
    )
