"""HIT: aliases, sparse responses, rewards, counts, requirement limit, enums, unknown keys."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from tests.conftest import expect_error

from mturk_models import HIT, HITReviewStatus, HITStatus, QualificationRequirement, masters
from mturk_models.testing import boto3_hits, hits

FULL: dict[str, Any] = {
    "HITId": "3F6045TU7DM69TFRJMD84TAZ7K7999",
    "HITTypeId": "3D3Q3LS1LN5O6QYZZIT3P5PEVQBN9R",
    "HITGroupId": "3S5LMUD2JG9YJ3K4X6Q7H3NFV8XW2B",
    "HITLayoutId": "3N2ZGHUIQ9C9YXJ8Q3Z8V2UNX2RZBE",
    "CreationTime": datetime(2021, 9, 17, 12, 0, tzinfo=timezone.utc),
    "Title": "Rate task instructions",
    "Description": "Read the instructions and rate them.",
    "Question": "<HTMLQuestion>...</HTMLQuestion>",
    "Keywords": "rating, instructions",
    "HITStatus": "Reviewable",
    "MaxAssignments": 3,
    "Reward": "0.50",
    "AutoApprovalDelayInSeconds": 86400,
    "Expiration": datetime(2021, 9, 24, 12, 0, tzinfo=timezone.utc),
    "AssignmentDurationInSeconds": 3600,
    "RequesterAnnotation": "batch 7",
    "QualificationRequirements": [masters().to_boto3()],
    "HITReviewStatus": "NotReviewed",
    "NumberOfAssignmentsPending": 0,
    "NumberOfAssignmentsAvailable": 0,
    "NumberOfAssignmentsCompleted": 3,
}


def test_full_hit_round_trips_values_included() -> None:
    hit = HIT.model_validate(FULL)
    assert hit.hit_id == FULL["HITId"]
    assert hit.hit_status is HITStatus.REVIEWABLE
    assert hit.hit_review_status is HITReviewStatus.NOT_REVIEWED
    assert hit.reward == Decimal("0.50")
    assert hit.qualification_requirements == (masters(),)
    assert hit.model_dump(by_alias=True, exclude_none=True) == FULL


def test_build_by_attribute_name() -> None:
    hit = HIT(hit_id="3ABC", hit_status=HITStatus.ASSIGNABLE, max_assignments=2)  # type: ignore[call-arg]
    assert hit.to_boto3() == {"HITId": "3ABC", "HITStatus": "Assignable", "MaxAssignments": 2}


def test_sparse_hit_from_list_reviewable_hits() -> None:
    hit = HIT.model_validate({"HITId": "3ABC"})
    assert hit.to_boto3() == {"HITId": "3ABC"}
    assert hit.title is None


def test_at_most_ten_requirements() -> None:
    ten = [masters().to_boto3()] * 10
    assert (
        len(HIT.model_validate({"QualificationRequirements": ten}).qualification_requirements or ())
        == 10
    )
    expect_error(
        HIT,
        {"QualificationRequirements": [*ten, masters().to_boto3()]},
        "too_long",
        "at most 10 items",
        loc=("QualificationRequirements",),
    )


def test_bad_requirement_is_located() -> None:
    bad = {"QualificationTypeId": "00000000000000000040", "Comparator": "GreaterThan"}
    expect_error(
        HIT,
        {"QualificationRequirements": [masters().to_boto3(), bad]},
        "relational_integer_count",
        "GreaterThan takes exactly 1 IntegerValue; got 0",
        loc=("QualificationRequirements", 1),
    )


@pytest.mark.parametrize(
    ("key", "value", "allowed"),
    [
        (
            "HITStatus",
            "Open",
            "'Assignable', 'Unassignable', 'Reviewable', 'Reviewing' or 'Disposed'",
        ),
        ("HITStatus", "assignable", "'Assignable'"),
        ("HITReviewStatus", "Done", "'NotReviewed', 'MarkedForReview', 'ReviewedAppropriate' or"),
    ],
)
def test_enum_lists_allowed_values(key: str, value: str, allowed: str) -> None:
    expect_error(HIT, {key: value}, "enum", f"Input should be {allowed}", loc=(key,))


def test_unknown_keys_are_kept_and_dumped() -> None:
    hit = HIT.model_validate({"HITId": "3ABC", "NumberOfSimilarHITs": 4, "NewKey": {"A": 1}})
    assert hit.model_extra == {"NumberOfSimilarHITs": 4, "NewKey": {"A": 1}}
    assert hit.to_boto3() == {"HITId": "3ABC", "NumberOfSimilarHITs": 4, "NewKey": {"A": 1}}


def test_frozen_and_hashable() -> None:
    hit = HIT.model_validate(FULL)
    with pytest.raises(ValueError, match="frozen"):
        hit.title = "x"  # type: ignore[misc]
    assert hash(hit) == hash(HIT.model_validate(FULL))
    assert isinstance(hit.qualification_requirements, tuple)
    assert isinstance(hit.qualification_requirements[0], QualificationRequirement)


def test_json_dump() -> None:
    text = HIT.model_validate(FULL).model_dump_json(exclude_none=True)
    assert '"CreationTime":"2021-09-17T12:00:00Z"' in text
    assert '"Reward":"0.50"' in text
    assert HIT.model_validate_json(text) == HIT.model_validate(FULL)


@given(hits())
def test_boto3_round_trip(hit: HIT) -> None:
    assert HIT.model_validate(hit.model_dump(by_alias=True, exclude_none=True)) == hit
    assert HIT.model_validate_json(hit.model_dump_json()) == hit


@given(boto3_hits())
def test_boto3_shaped_hits_wrap_with_utc_times(raw: dict[str, Any]) -> None:
    hit = HIT.model_validate(raw)
    for value in (hit.creation_time, hit.expiration):
        assert value is None or value.tzinfo is timezone.utc
    for key in ("CreationTime", "Expiration"):
        if key in raw:
            dumped = hit.model_dump(by_alias=True)[key]
            assert dumped == raw[key].astimezone(timezone.utc)  # compared in UTC: PEP 495 folds
            assert hit.to_boto3()[key] == dumped.isoformat().replace("+00:00", "Z")
