"""NotificationSpecification: botocore's required members (in requests), enums, round trips."""

from __future__ import annotations

import pytest
from hypothesis import given
from pydantic import ValidationError

from mturk_models import (
    EventType,
    NotificationSpecification,
    NotificationTransport,
    UpdateNotificationSettingsRequest,
)
from mturk_models.testing import notification_specifications

SPEC = {
    "Destination": "arn:aws:sns:us-east-1:123456789012:mturk",
    "Transport": "SNS",
    "Version": "2006-05-05",
    "EventTypes": ["AssignmentSubmitted", "HITReviewable"],
}


def test_members() -> None:
    spec = NotificationSpecification.model_validate(SPEC)
    assert spec.transport is NotificationTransport.SNS
    assert spec.event_types == (EventType.ASSIGNMENT_SUBMITTED, EventType.HIT_REVIEWABLE)
    assert NotificationSpecification.model_validate(spec.to_boto3()) == spec


@pytest.mark.parametrize("member", sorted(SPEC))
def test_every_member_is_required_in_a_request(member: str) -> None:
    # The structure is sparse; the request that sends it requires botocore's four members.
    data = {key: value for key, value in SPEC.items() if key != member}
    assert NotificationSpecification.model_validate(data).model_extra == {}
    with pytest.raises(ValidationError) as info:
        UpdateNotificationSettingsRequest.model_validate(
            {"HITTypeId": "3HITTYPEEXAMPLE", "Notification": data}
        )
    assert any(error["loc"][:2] == ("Notification", member) for error in info.value.errors())


def test_an_unknown_event_type_is_refused() -> None:
    with pytest.raises(ValidationError) as info:
        NotificationSpecification.model_validate({**SPEC, "EventTypes": ["HITSubmitted"]})
    assert info.value.errors()[0]["loc"] == ("EventTypes", 0)


@given(notification_specifications())
def test_round_trip_through_boto3_and_json(spec: NotificationSpecification) -> None:
    assert NotificationSpecification.model_validate(spec.to_boto3()) == spec
    assert NotificationSpecification.model_validate_json(spec.model_dump_json()) == spec
