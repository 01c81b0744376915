"""UpdateNotificationSettings and SendTestEventNotification: the NotificationSpecification rules."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from mturk_models import (
    NotificationSpecification,
    SendTestEventNotificationRequest,
    UpdateNotificationSettingsRequest,
)

SQS = "https://sqs.us-east-1.amazonaws.com/123456789012/mturk_events"
SNS = "arn:aws:sns:us-east-1:123456789012:mturk-events"
EMAIL = "requester@example.com"
SPEC = {
    "Destination": SQS,
    "Transport": "SQS",
    "Version": "2006-05-05",
    "EventTypes": ["HITExpired"],
}


def errors(model: type[BaseModel], data: dict[str, Any]) -> list[tuple[str, tuple[Any, ...]]]:
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    return [(e["type"], tuple(e["loc"])) for e in info.value.errors()]


def update(**spec: Any) -> dict[str, Any]:
    return {"HITTypeId": "3HITTYPE", "Notification": {**SPEC, **spec}}


@pytest.mark.parametrize(
    ("transport", "destination"),
    [
        ("SQS", SQS),
        ("SQS", "https://sqs.eu-west-1.amazonaws.com/123456789012/q.fifo"),
        ("SQS", "https://queue.amazonaws.com/123456789012/legacy-queue"),
        ("SNS", SNS),
        ("SNS", "arn:aws-cn:sns:cn-north-1:123456789012:t"),
        ("Email", EMAIL),
    ],
)
def test_destinations_of_each_transport(transport: str, destination: str) -> None:
    data = update(Transport=transport, Destination=destination)
    assert UpdateNotificationSettingsRequest.model_validate(data).notification is not None


@pytest.mark.parametrize(
    ("transport", "destination"),
    [
        ("SQS", SNS),  # the example: an SNS ARN while the transport says SQS
        ("SQS", EMAIL),
        ("SQS", "https://sqs.us-east-1.amazonaws.com/mturk_events"),
        ("SQS", "mturk_events"),
        ("SNS", SQS),
        ("SNS", "arn:aws:sqs:us-east-1:123456789012:q"),
        ("SNS", "mturk-events"),
        ("Email", SNS),
        ("Email", "requester"),
        ("Email", ""),
    ],
)
def test_the_destination_follows_the_transport(transport: str, destination: str) -> None:
    data = update(Transport=transport, Destination=destination)
    assert errors(UpdateNotificationSettingsRequest, data) == [
        ("notification_destination", ("Notification", "Destination"))
    ]


@pytest.mark.parametrize("version", ["2006-05-05", "2014-08-15"])
def test_both_documented_versions_are_accepted(version: str) -> None:
    UpdateNotificationSettingsRequest.model_validate(update(Version=version))


@pytest.mark.parametrize("version", ["2017-01-17", "", "2006-05-05 "])
def test_other_versions_are_refused(version: str) -> None:
    assert errors(UpdateNotificationSettingsRequest, update(Version=version)) == [
        ("notification_version", ("Notification", "Version"))
    ]


def test_one_or_more_event_types() -> None:
    assert errors(UpdateNotificationSettingsRequest, update(EventTypes=[])) == [
        ("notification_event_types", ("Notification", "EventTypes"))
    ]
    assert errors(UpdateNotificationSettingsRequest, update(EventTypes=["HITDone"])) == [
        ("enum", ("Notification", "EventTypes", 0))
    ]


def test_ping_only_for_the_test_operation() -> None:
    data = update(EventTypes=["HITCreated", "Ping"])
    assert errors(UpdateNotificationSettingsRequest, data) == [
        ("notification_ping", ("Notification", "EventTypes", 1))
    ]
    test = {"Notification": {**SPEC, "EventTypes": ["Ping"]}, "TestEventType": "Ping"}
    assert SendTestEventNotificationRequest.model_validate(test).test_event_type == "Ping"


def test_every_member_of_a_specification_is_required() -> None:
    found = errors(UpdateNotificationSettingsRequest, {"HITTypeId": "3H", "Notification": {}})
    assert sorted(found) == sorted(
        ("missing", ("Notification", key))
        for key in ("Destination", "Transport", "Version", "EventTypes")
    )


def test_notification_or_active() -> None:
    assert errors(UpdateNotificationSettingsRequest, {"HITTypeId": "3H"}) == [
        ("notification_or_active", ())
    ]
    assert UpdateNotificationSettingsRequest(hit_type_id="3H", active=False).to_boto3() == {
        "HITTypeId": "3H",
        "Active": False,
    }


def test_unknown_keys_inside_the_specification_are_refused() -> None:
    data = update()
    data["Notification"] = {**data["Notification"], "EventType": ["HITExpired"]}
    found = errors(UpdateNotificationSettingsRequest, data)
    assert ("extra_forbidden", ("Notification", "EventType")) in found


def test_a_specification_model_with_extra_keys_is_refused_inside_a_request() -> None:
    spec = NotificationSpecification.model_validate({**SPEC, "Extra": 1})
    assert spec.model_extra == {"Extra": 1}  # a structure keeps what AWS adds ...
    data = {"HITTypeId": "3H", "Notification": spec}
    assert errors(UpdateNotificationSettingsRequest, data) == [  # ... a request refuses it
        ("extra_forbidden", ("Notification", "Extra"))
    ]


def test_a_specification_model_is_checked_like_a_mapping() -> None:
    spec = NotificationSpecification.model_validate({**SPEC, "Destination": SNS})
    data = {"HITTypeId": "3H", "Notification": spec}
    assert errors(UpdateNotificationSettingsRequest, data) == [
        ("notification_destination", ("Notification", "Destination"))
    ]


def test_event_types_from_a_generator() -> None:
    data = update(EventTypes=(e for e in ["HITExpired", "HITReviewable"]))
    request = UpdateNotificationSettingsRequest.model_validate(data)
    assert request.to_boto3()["Notification"]["EventTypes"] == ["HITExpired", "HITReviewable"]


def test_a_ping_from_a_generator_is_still_refused() -> None:
    data = update(EventTypes=(e for e in ["Ping"]))
    assert errors(UpdateNotificationSettingsRequest, data) == [
        ("notification_ping", ("Notification", "EventTypes", 0))
    ]


def test_every_violation_at_once() -> None:
    data = {
        "HITTypeId": "bad",
        "Notification": {"Destination": SNS, "Transport": "SQS", "Version": "1", "EventTypes": []},
    }
    assert sorted(errors(UpdateNotificationSettingsRequest, data)) == sorted(
        [
            ("string_pattern_mismatch", ("HITTypeId",)),
            ("notification_destination", ("Notification", "Destination")),
            ("notification_version", ("Notification", "Version")),
            ("notification_event_types", ("Notification", "EventTypes")),
        ]
    )


def test_the_test_event_type_is_an_event_type() -> None:
    data = {"Notification": SPEC, "TestEventType": "Pong"}
    assert errors(SendTestEventNotificationRequest, data) == [("enum", ("TestEventType",))]


def test_the_rules_judge_what_is_sent() -> None:
    """Bytes become text: the rules see the text, so what is accepted validates back alike."""
    data = update(Destination=b"", Version=b"2006-05-05", EventTypes=[b"Ping"])
    found = errors(UpdateNotificationSettingsRequest, data)
    assert sorted(found) == [
        ("notification_destination", ("Notification", "Destination")),
        ("notification_ping", ("Notification", "EventTypes", 0)),
    ]
