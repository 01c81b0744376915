"""Notifications: the NotificationSpecification structure and the UpdateNotificationSettings and
SendTestEventNotification requests.

The rules of a NotificationSpecification in a request (:func:`notification_rule`; sources in
``docs/requests.md``):

* Destination, Transport, Version and EventTypes are required (botocore).
* The Destination's form follows the Transport (botocore: "When Transport is Email, the
  Destination is your email address. When Transport is SQS, the Destination is your queue URL.
  When Transport is SNS, the Destination is the ARN of your topic."): an email address, an SQS
  queue URL (``https://sqs.<region>.amazonaws.com/<12-digit account>/<queue name>``), an SNS
  topic ARN (``arn:aws:sns:<region>:<12-digit account>:<topic name>``).
* Version: botocore's member documentation says "Valid value is 2006-05-05"; the API reference
  2017-01-17 (Notification data structure) says "Valid Values: 2014-08-15" and uses it in its
  example. The sources disagree, so both are accepted; anything else is refused.
* Transport: botocore's enum is Email | SQS | SNS; the same reference page lists SQS | SNS.
  Email is accepted (botocore documents it).
* EventTypes: one or more (the reference: "The array of one or more events"), each an
  EventType; Ping "is only valid for the SendTestEventNotification operation".
* UpdateNotificationSettings needs Notification or Active ("You must specify either the
  Notification parameter or the Active parameter").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any, Final

from pydantic import BaseModel, Field, TypeAdapter, ValidationError
from pydantic_core import InitErrorDetails

from .._base import Structure
from .._errors import init_error, shown
from .._types import EntityId, Seq, Text
from ..enums import EventType, NotificationTransport
from ._page import Response
from ._preflight import RawRequest, Request, Rule, member
from ._request_fields import Boolean

__all__ = [
    "NOTIFICATION_VERSIONS",
    "NotificationSpecification",
    "SendTestEventNotificationRequest",
    "SendTestEventNotificationResponse",
    "UpdateNotificationSettingsRequest",
    "UpdateNotificationSettingsResponse",
    "notification_or_active_rule",
    "notification_rule",
]

NOTIFICATION_VERSIONS: Final = ("2006-05-05", "2014-08-15")
"""The notification Versions the sources document: botocore says 2006-05-05, the API reference's
Notification data structure says 2014-08-15."""

_DESTINATIONS: Final = {
    NotificationTransport.EMAIL: (
        re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+"),
        "an email address",
    ),
    NotificationTransport.SQS: (
        re.compile(r"https?://[A-Za-z0-9.-]+/[0-9]{12}/[A-Za-z0-9_-]{1,80}(\.fifo)?"),
        "an SQS queue URL such as https://sqs.us-east-1.amazonaws.com/123456789012/my_queue",
    ),
    NotificationTransport.SNS: (
        re.compile(r"arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?"),
        "an SNS topic ARN such as arn:aws:sns:us-east-1:123456789012:my_topic",
    ),
}


class NotificationSpecification(Structure):
    """A HIT event notification for a HIT type: where, how and for which events.

    As a structure it keeps unknown keys; inside a request its unknown keys are refused and the
    rules of :func:`notification_rule` apply.

    >>> NotificationSpecification(destination="arn:aws:sns:us-east-1:123456789012:mturk",
    ...     transport="SNS", version="2006-05-05", event_types=["AssignmentSubmitted"]
    ... ).transport.value
    'SNS'
    """

    destination: Text | None = Field(
        default=None,
        description="The target for notification messages; its form follows the Transport: your "
        "email address (Email), your queue URL (SQS), the ARN of your topic (SNS).",
    )
    transport: NotificationTransport | None = Field(
        default=None,
        description="The method Amazon Mechanical Turk uses to send the notification: Email | "
        "SQS | SNS.",
    )
    version: Text | None = Field(
        default=None,
        description="The version of the Notification API to use: 2006-05-05 (botocore) or "
        "2014-08-15 (API reference).",
    )
    event_types: Seq[EventType] | None = Field(
        default=None,
        description="The list of events that should cause notifications to be sent. The Ping "
        "event is only valid for the SendTestEventNotification operation.",
    )


@cache
def _adapter(annotation: Any) -> TypeAdapter[Any]:
    return TypeAdapter(annotation)


def _valid(value: object, annotation: Any) -> Any:
    """``value`` as its type validates it (bytes become text, ...), or None when it does not
    (its own error reports it): the rules judge what is sent, not what was typed."""
    if value is None:
        return None
    try:
        return _adapter(annotation).validate_python(value)
    except ValidationError:
        return None


def _specification_errors(
    spec: object, loc: tuple[Any, ...], *, ping: bool
) -> list[InitErrorDetails]:
    if not isinstance(spec, (Mapping, NotificationSpecification)):
        return []  # absent, or not an object: the field's own error says it
    errors: list[InitErrorDetails] = []
    fields = NotificationSpecification.model_fields
    raw = {field: member(spec, NotificationSpecification, field) for field in fields}
    for field, value in raw.items():
        info = fields[field]
        if value is None and not info.is_required():  # a required field's own error says it
            errors.append({"type": "missing", "loc": (*loc, info.alias or field), "input": None})
    transport = _valid(raw["transport"], NotificationTransport)
    destination = _valid(raw["destination"], str)
    if transport is not None and destination is not None:
        pattern, form = _DESTINATIONS[transport]
        if not pattern.fullmatch(destination):
            errors.append(
                init_error(
                    "notification_destination",
                    f"With Transport {transport.value}, Destination should be {form}; got "
                    f"{shown(destination)}",
                    (*loc, "Destination"),
                    raw["destination"],
                )
            )
    version = _valid(raw["version"], str)
    if version is not None and version not in NOTIFICATION_VERSIONS:
        errors.append(
            init_error(
                "notification_version",
                f"Version should be {' or '.join(NOTIFICATION_VERSIONS)} (botocore documents the "
                f"first, the API reference the second); got {shown(version)}",
                (*loc, "Version"),
                raw["version"],
            )
        )
    events = raw["event_types"]
    if isinstance(events, (list, tuple)):
        if not events:
            errors.append(
                init_error(
                    "notification_event_types",
                    "EventTypes should name one or more events; got none",
                    (*loc, "EventTypes"),
                    events,
                )
            )
        if not ping:
            errors.extend(
                init_error(
                    "notification_ping",
                    "The Ping event is only valid for the SendTestEventNotification operation; "
                    "got Ping in EventTypes",
                    (*loc, "EventTypes", i),
                    event,
                )
                for i, event in enumerate(events)
                if _valid(event, EventType) is EventType.PING
            )
    return errors


def notification_rule(field: str, *, ping: bool) -> Rule:
    """The rules of the NotificationSpecification in ``field`` (see the module docstring);
    ``ping`` says whether EventTypes may hold Ping (SendTestEventNotification only)."""

    def rule(raw: RawRequest, model: BaseModel | None) -> Iterable[InitErrorDetails]:
        return _specification_errors(raw.member(field), (raw.alias(field),), ping=ping)

    return rule


def notification_or_active_rule(
    raw: RawRequest, model: BaseModel | None
) -> Iterable[InitErrorDetails]:
    """UpdateNotificationSettings needs Notification or Active (code ``notification_or_active``)."""
    if raw.member("notification") is None and raw.member("active") is None:
        yield init_error(
            "notification_or_active",
            'UpdateNotificationSettings needs Notification or Active ("You must specify either '
            'the Notification parameter or the Active parameter"); got neither',
            (),
            raw.data,
        )


class UpdateNotificationSettingsRequest(Request):
    """The parameters of ``client.update_notification_settings(**kwargs)``, checked.

    >>> UpdateNotificationSettingsRequest(hit_type_id="3HITTYPE", notification={
    ...     "Destination": "https://sqs.us-east-1.amazonaws.com/123456789012/mturk",
    ...     "Transport": "SQS", "Version": "2006-05-05", "EventTypes": ["AssignmentSubmitted"]},
    ...     active=True).to_boto3()["Notification"]["Transport"]
    'SQS'
    """

    __rules__ = (notification_or_active_rule, notification_rule("notification", ping=False))

    hit_type_id: EntityId = Field(
        alias="HITTypeId",
        description="The ID of the HIT type whose notification specification is being updated.",
    )
    notification: NotificationSpecification | None = Field(
        default=None,
        description="The notification specification for the HIT type (no Ping event).",
    )
    active: Boolean | None = Field(
        default=None,
        description="Specifies whether notifications are sent for HITs of this HIT type, "
        "according to the notification specification. Notification or Active is required.",
    )


class SendTestEventNotificationRequest(Request):
    """The parameters of ``client.send_test_event_notification(**kwargs)``, checked.

    >>> SendTestEventNotificationRequest(notification={"Destination": "me@example.com",
    ...     "Transport": "Email", "Version": "2014-08-15", "EventTypes": ["Ping"]},
    ...     test_event_type="Ping").to_boto3()["TestEventType"]
    'Ping'
    """

    __rules__ = (notification_rule("notification", ping=True),)

    notification: NotificationSpecification = Field(
        description="The notification specification to test, as UpdateNotificationSettings "
        "would take it (Ping allowed)."
    )
    test_event_type: EventType = Field(
        description="The event to simulate to test the notification specification; it is sent "
        "even if the specification does not include the event type."
    )


# --- what the operations return ---------------------------------------------------------------


class SendTestEventNotificationResponse(Response):
    """What ``client.send_test_event_notification(...)`` returns: only ``ResponseMetadata``."""


class UpdateNotificationSettingsResponse(Response):
    """What ``client.update_notification_settings(...)`` returns: only ``ResponseMetadata``."""
