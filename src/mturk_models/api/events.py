"""MTurk's event notifications: the document MTurk sends and the readers of every delivery form.

(The notification settings, ``NotificationSpecification`` and its operations, are in
``api/notifications.py``; the messages MTurk sends because of them are here.)

MTurk sends a JSON document for one or more events of a HIT type (API reference 2017-01-17,
"Notification Handling Using Amazon SQS" and "... Amazon SNS"; the same document since the
2014-08-15 EventDocVersion)::

    {"Events": [{"EventType": "AssignmentSubmitted", "EventTimestamp": "2019-08-09T21:17:16Z",
                 "HITId": "...", "AssignmentId": "...", "HITTypeId": "..."}],
     "EventDocId": "...", "SourceAccount": "...", "CustomerId": "...",
     "EventDocVersion": "2014-08-15"}

It reaches you in one of these wrappings, all read by :func:`parse_event_notification`:

* SQS: the document is the message body (boto3 ``receive_message``'s ``Body``, a Lambda SQS
  record's ``body``);
* SNS: an envelope ``{"Type": "Notification", "Message": "<the document as a JSON string>",
  "TopicArn": ..., ...}`` (HTTP/S and email-JSON subscriptions get it as the request body, a
  Lambda SNS record as its ``Sns`` member, an SQS queue subscribed to the topic as the body);
* the document itself, as text, bytes or a dict.

An SNS ``SubscriptionConfirmation`` (the first message of every new subscription), a message of
another service, a Lambda event given where one record is expected, or broken JSON is a
:class:`~mturk_models.NotificationError` with a ``code`` naming what was received; nothing is
skipped silently. EventDocId identifies the message: "In rare cases, you may receive two
different SQS messages for the same event", detected by remembering the EventDocIds seen.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any, Final

from pydantic import Field, ValidationError

from .._base import Structure
from .._types import EntityId, Seq, Text, UtcDatetime
from ..enums import EventType
from ..exceptions import NotificationError

__all__ = [
    "EventNotification",
    "NotificationEvent",
    "iter_event_notifications",
    "parse_event_notification",
]

_DOCUMENT_KEYS: Final = frozenset({"Events", "EventDocId", "EventDocVersion"})
_SNS_NOT_NOTIFICATIONS: Final = frozenset({"SubscriptionConfirmation", "UnsubscribeConfirmation"})
_MAX_DEPTH: Final = 2  # an SQS body holding an SNS envelope: at most two wrappings


class NotificationEvent(Structure):
    """One event of an MTurk notification: what happened, when, to which HIT and assignment.

    >>> e = NotificationEvent.model_validate({"EventType": "AssignmentSubmitted",
    ...     "EventTimestamp": "2019-08-09T21:17:16Z", "HITId": "3ABC"})
    >>> e.event_type.value, e.event_timestamp.isoformat()
    ('AssignmentSubmitted', '2019-08-09T21:17:16+00:00')
    """

    event_type: EventType | None = Field(
        default=None,
        description="A value corresponding to the EventType value in the notification "
        "specification data structure.",
    )
    event_timestamp: UtcDatetime | None = Field(
        default=None,
        description="A dateTime in the Coordinated Universal Time time zone, such as "
        "2005-01-31T23:59:59Z.",
    )
    hit_type_id: EntityId | None = Field(
        default=None, alias="HITTypeId", description="The HIT type ID for the event."
    )
    hit_id: EntityId | None = Field(
        default=None, alias="HITId", description="The HIT ID for the event."
    )
    assignment_id: EntityId | None = Field(
        default=None, description="The assignment ID for the event, if applicable."
    )


class EventNotification(Structure):
    """The document of one MTurk notification message: its events and the message's identity.

    >>> n = EventNotification.model_validate_json(
    ...     '{"Events": [{"EventType": "Ping", "EventTimestamp": "2026-01-02T03:04:05Z"}],'
    ...     ' "EventDocId": "d1", "EventDocVersion": "2014-08-15"}')
    >>> [e.event_type.value for e in n.events], n.event_doc_id
    (['Ping'], 'd1')
    """

    events: Seq[NotificationEvent] | None = Field(
        default=None, description="A list of Event structures: one or more events."
    )
    event_doc_id: Text | None = Field(
        default=None,
        description="A unique identifier for the Mechanical Turk event. In rare cases, you may "
        "receive two different messages for the same event, which can be detected by tracking "
        "the EventDocId values you have already seen.",
    )
    source_account: Text | None = Field(
        default=None,
        description="The AWS account that sent the message (MTurk's documents carry it; the API "
        "reference does not describe it).",
    )
    customer_id: Text | None = Field(default=None, description="Your Customer Id.")
    event_doc_version: Text | None = Field(
        default=None,
        description="The requested version that is passed in the call to "
        "UpdateNotificationSettings, such as 2014-08-15.",
    )


def _what(value: object) -> str:
    """A short description of a value for an error message, never the whole value."""
    if isinstance(value, Mapping):
        keys = sorted(str(k) for k in value)
        shown = ", ".join(repr(k) for k in keys[:6]) + (", ..." if len(keys) > 6 else "")
        return f"an object with keys {shown}" if keys else "an empty object"
    if isinstance(value, (str, bytes, bytearray)):
        text = value[:40] if isinstance(value, str) else bytes(value[:40])
        return f"{type(value).__name__} {text!r}{'...' if len(value) > 40 else ''}"
    return type(value).__name__


def _loads(text: str | bytes | bytearray, where: str) -> Any:
    if isinstance(text, (bytes, bytearray)):
        try:
            text = bytes(text).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise NotificationError(
                f"{where} should be UTF-8 JSON; byte {exc.start} is not UTF-8", "encoding"
            ) from exc
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError is a ValueError
        detail = str(exc) if not isinstance(exc, RecursionError) else "nested too deeply"
        raise NotificationError(
            f"{where} should be JSON; got {_what(text)} ({detail})", "json"
        ) from exc


def _document(data: Mapping[Any, Any], where: str) -> EventNotification:
    try:
        # A lone surrogate (from a \\ud800 escape), in a member or in an unknown key, is refused
        # by the validation itself (error type text_surrogate): the code is then "text".
        notification = EventNotification.model_validate(data)
    except (ValidationError, RecursionError) as exc:
        if isinstance(exc, RecursionError):
            detail = "nested too deeply"
        else:
            first = exc.errors()[0]
            loc = ".".join(str(p) for p in first["loc"]) or "the document"
            detail = f"{exc.error_count()} error(s), first at {loc}: {first['msg']}"
        surrogate = isinstance(exc, ValidationError) and any(
            error["type"] == "text_surrogate" for error in exc.errors()
        )
        raise NotificationError(
            f"{where} is not a valid MTurk notification document: {detail}",
            "text" if surrogate else "document",
        ) from exc
    return notification


def _read(message: object, where: str, depth: int) -> EventNotification:
    if depth > _MAX_DEPTH:
        raise NotificationError(
            f"{where} wraps a message more than {_MAX_DEPTH} times; an MTurk notification is at "
            "most an SQS body holding an SNS envelope holding the document",
            "too_deep",
        )
    if isinstance(message, EventNotification):
        return message
    if isinstance(message, (str, bytes, bytearray)):
        return _read(_loads(message, where), where, depth)
    if not isinstance(message, Mapping):
        raise NotificationError(
            f"{where} should be a JSON object (a notification, an SNS envelope or an SQS "
            f"message); got {_what(message)}",
            "not_an_object",
        )
    keys = set(message)
    if keys & _DOCUMENT_KEYS:
        return _document(message, where)
    kind = message.get("Type")
    if isinstance(kind, str) and kind in _SNS_NOT_NOTIFICATIONS:
        raise NotificationError(
            f"{where} is an SNS {kind}, not an MTurk notification: confirm the subscription by "
            "visiting its SubscribeURL (or calling SNS ConfirmSubscription with its Token)",
            "subscription_confirmation",
        )
    if kind == "Notification" and "Message" in message:
        return _read(message["Message"], f"{where}'s SNS Message", depth + 1)
    if "Sns" in message and isinstance(message["Sns"], Mapping):  # a Lambda SNS record
        return _read(message["Sns"], f"{where}'s Sns", depth)
    for body in ("Body", "body"):  # boto3 receive_message / a Lambda SQS record
        if body in message:
            return _read(message[body], f"{where}'s {body}", depth + 1)
    if "Records" in message or "Messages" in message:
        raise NotificationError(
            f"{where} is a batch of messages ({'Records' if 'Records' in message else 'Messages'})"
            "; read it with iter_event_notifications(), which yields one notification per "
            "message",
            "batch",
        )
    raise NotificationError(
        f"{where} is not an MTurk notification (no Events, EventDocId or EventDocVersion), an "
        f"SNS envelope or an SQS message; got {_what(message)}",
        "not_a_notification",
    )


def parse_event_notification(message: object) -> EventNotification:
    """Read one MTurk notification from any of its delivery forms (see the module docstring).

    ``message`` is the document (a str, bytes or dict), an SNS envelope (an HTTP/S or email-JSON
    delivery, a Lambda SNS record or its ``Sns``), or an SQS message (boto3 ``receive_message``'s
    message with ``Body``, or a Lambda SQS record with ``body``, raw or holding an SNS envelope).
    Raises :class:`~mturk_models.NotificationError` for anything else.

    >>> doc = ('{"Events": [{"EventType": "AssignmentSubmitted", "HITId": "3ABC",'
    ...        ' "EventTimestamp": "2019-08-09T21:17:16Z"}], "EventDocVersion": "2014-08-15"}')
    >>> sns = {"Type": "Notification", "Message": doc}
    >>> parse_event_notification({"Body": json.dumps(sns)}).events[0].hit_id
    '3ABC'
    """
    return _read(message, "The message", 0)


def iter_event_notifications(event: object) -> Iterator[EventNotification]:
    """Yield the notification of each record of a Lambda SQS or SNS event, in order.

    Also reads boto3 ``receive_message``'s whole response (its ``Messages``). A record that is
    not an MTurk notification raises :class:`~mturk_models.NotificationError` naming its index
    when the iteration reaches it; nothing is skipped.

    >>> doc = '{"Events": [], "EventDocId": "d1"}'
    >>> lambda_event = {"Records": [{"eventSource": "aws:sqs", "body": doc}]}
    >>> [n.event_doc_id for n in iter_event_notifications(lambda_event)]
    ['d1']
    """
    if not isinstance(event, Mapping) or not (
        isinstance(event.get("Records"), list) or isinstance(event.get("Messages"), list)
    ):
        raise NotificationError(
            "iter_event_notifications() takes a Lambda SQS or SNS event (with a 'Records' list) "
            f"or boto3 receive_message's response (with a 'Messages' list); got {_what(event)}; "
            "read a single message with parse_event_notification()",
            "not_a_batch",
        )
    member = "Records" if isinstance(event.get("Records"), list) else "Messages"
    for index, record in enumerate(event[member]):
        yield _read(record, f"{member}[{index}]", 0)
