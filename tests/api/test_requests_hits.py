"""The requests of the HIT operations (other than CreateHIT and its siblings)."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from mturk_models import (
    CreateAdditionalAssignmentsForHITRequest,
    DeleteHITRequest,
    ListReviewableHITsRequest,
    UpdateExpirationForHITRequest,
    UpdateHITReviewStatusRequest,
    UpdateHITTypeOfHITRequest,
)

HIT = "3F6045TU7DM69TFRJMD84TAZ7K7999"


def errors(model: type[BaseModel], data: dict[str, Any]) -> list[tuple[str, tuple[Any, ...]]]:
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    return [(e["type"], tuple(e["loc"])) for e in info.value.errors()]


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (0, "greater_than_equal"),
        (-3, "greater_than_equal"),
        (2**31, "less_than_equal"),
        ("5", "int_type"),
        (5.0, "int_type"),
        (True, "int_type"),
    ],
)
def test_additional_assignments_are_at_least_one_32_bit_integer(value: Any, code: str) -> None:
    data = {"HITId": HIT, "NumberOfAdditionalAssignments": value}
    assert errors(CreateAdditionalAssignmentsForHITRequest, data) == [
        (code, ("NumberOfAdditionalAssignments",))
    ]


def test_additional_assignments_bounds_hold_exactly() -> None:
    for n in (1, 2**31 - 1):
        CreateAdditionalAssignmentsForHITRequest(hit_id=HIT, number_of_additional_assignments=n)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2026-01-01T00:00:00-08:00", datetime(2026, 1, 1, 8, tzinfo=timezone.utc)),
        (datetime(2026, 1, 1), datetime(2026, 1, 1, tzinfo=timezone.utc)),
        (0, datetime(1970, 1, 1, tzinfo=timezone.utc)),
    ],
)
def test_expire_at_is_any_timestamp_sent_in_utc(given: Any, expected: datetime) -> None:
    request = UpdateExpirationForHITRequest.model_validate({"HITId": HIT, "ExpireAt": given})
    assert request.expire_at == expected
    assert request.to_boto3()["ExpireAt"].endswith("Z")


@pytest.mark.parametrize("given", ["tomorrow", "", None, True])
def test_expire_at_must_be_a_timestamp(given: Any) -> None:
    found = errors(UpdateExpirationForHITRequest, {"HITId": HIT, "ExpireAt": given})
    assert [loc for _, loc in found] == [("ExpireAt",)]


def test_reviewable_status_is_reviewable_or_reviewing() -> None:
    assert errors(ListReviewableHITsRequest, {"Status": "Assignable"}) == [("enum", ("Status",))]


@pytest.mark.parametrize("value", ["true", 1])
def test_revert_is_a_boolean(value: Any) -> None:
    assert errors(UpdateHITReviewStatusRequest, {"HITId": HIT, "Revert": value}) == [
        ("bool_type", ("Revert",))
    ]


def test_ids_are_entity_ids() -> None:
    assert errors(UpdateHITTypeOfHITRequest, {"HITId": "hit", "HITTypeId": "type"}) == [
        ("string_pattern_mismatch", ("HITId",)),
        ("string_pattern_mismatch", ("HITTypeId",)),
    ]
    assert errors(DeleteHITRequest, {}) == [("missing", ("HITId",))]


def test_hit_id_spelt_hitid_is_refused_with_the_right_key() -> None:
    with pytest.raises(ValidationError) as info:
        DeleteHITRequest.model_validate({"HitId": HIT})
    messages = [e["msg"] for e in info.value.errors() if e["type"] == "extra_forbidden"]
    assert messages
    assert "'HITId'" in messages[0]
