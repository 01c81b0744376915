"""MTurk event notifications: the document and every way it is delivered.

``notifications/lambda_sqs_event_01.json`` is made for this project: a Lambda SQS event in the
form AWS documents, whose ``body`` is the real document of ``sns_notification_01.json``.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import load_json

from mturk_models import (
    EventNotification,
    EventType,
    NotificationError,
    iter_event_notifications,
    parse_event_notification,
)
from mturk_models.testing import event_notifications

SNS = load_json("notifications/sns_notification_01.json")
CONFIRMATION = load_json("notifications/sns_subscription_confirmation_01.json")
LAMBDA_SQS = load_json("notifications/lambda_sqs_event_01.json")
DOCUMENT = SNS["Message"]

PING = json.dumps(
    {
        "Events": [{"EventType": "Ping", "EventTimestamp": "2026-01-02T03:04:05Z"}],
        "EventDocId": "0123456789abcdef0123456789abcdef01234567",
        "SourceAccount": "123456789012",
        "CustomerId": "A1EXAMPLE",
        "EventDocVersion": "2014-08-15",
    }
)


def sqs_record(body: str) -> dict[str, Any]:
    return {"messageId": "m1", "body": body, "eventSource": "aws:sqs", "awsRegion": "us-east-1"}


def sns_record(envelope: dict[str, Any]) -> dict[str, Any]:
    return {"EventSource": "aws:sns", "EventVersion": "1.0", "Sns": envelope}


def test_the_real_document_reads_every_member() -> None:
    raw = json.loads(DOCUMENT)
    n = parse_event_notification(DOCUMENT)
    assert n.event_doc_id == raw["EventDocId"]
    assert n.source_account == raw["SourceAccount"]
    assert n.customer_id == raw["CustomerId"]
    assert n.event_doc_version == raw["EventDocVersion"]
    assert n.events is not None
    assert len(n.events) == len(raw["Events"]) == 2
    for event, given_event in zip(n.events, raw["Events"], strict=True):
        assert event.event_type is EventType.ASSIGNMENT_SUBMITTED
        assert event.event_timestamp == datetime(2019, 8, 9, 21, 17, 16, tzinfo=timezone.utc)
        assert event.hit_id == given_event["HITId"]
        assert event.hit_type_id == given_event["HITTypeId"]
        assert event.assignment_id == given_event["AssignmentId"]
    assert json.loads(n.model_dump_json(exclude_none=True)) == raw


def wrappings(document: str) -> dict[str, object]:
    envelope = {**SNS, "Message": document}
    return {
        "document str": document,
        "document bytes": document.encode(),
        "document bytes with BOM": b"\xef\xbb\xbf" + document.encode(),
        "document dict": json.loads(document),
        "SNS envelope dict (HTTP/S, email-JSON)": envelope,
        "SNS envelope text": json.dumps(envelope),
        "boto3 SQS message, raw": {"MessageId": "m", "ReceiptHandle": "r", "Body": document},
        "boto3 SQS message, SNS-wrapped": {"MessageId": "m", "Body": json.dumps(envelope)},
        "Lambda SQS record, raw": sqs_record(document),
        "Lambda SQS record, SNS-wrapped": sqs_record(json.dumps(envelope)),
        "Lambda SNS record": sns_record(envelope),
        "Lambda SNS record's Sns": envelope,
    }


@pytest.mark.parametrize("name", list(wrappings(DOCUMENT)))
def test_every_wrapping_reads_the_same_notification(name: str) -> None:
    expected = EventNotification.model_validate_json(DOCUMENT)
    assert parse_event_notification(wrappings(DOCUMENT)[name]) == expected


@pytest.mark.parametrize("name", list(wrappings(PING)))
def test_the_test_event_ping_parses_in_every_wrapping(name: str) -> None:
    n = parse_event_notification(wrappings(PING)[name])
    assert n.events is not None
    assert [e.event_type for e in n.events] == [EventType.PING]


def test_a_parsed_notification_is_returned_as_it_is() -> None:
    n = parse_event_notification(DOCUMENT)
    assert parse_event_notification(n) is n


def test_unknown_keys_are_kept() -> None:
    raw = json.loads(DOCUMENT)
    raw["NewMember"] = 1
    raw["Events"][0]["Extra"] = "x"
    n = parse_event_notification(raw)
    assert n.model_extra == {"NewMember": 1}
    assert n.events is not None
    assert n.events[0].model_extra == {"Extra": "x"}
    assert json.loads(n.model_dump_json(exclude_none=True)) == raw


def test_a_lambda_sqs_event_yields_one_notification_per_record() -> None:
    found = list(iter_event_notifications(LAMBDA_SQS))
    assert found == [EventNotification.model_validate_json(DOCUMENT)]


def test_a_lambda_sns_event_and_a_receive_message_response_are_read_too() -> None:
    envelope = {**SNS, "Message": PING}
    sns_event = {"Records": [sns_record(SNS), sns_record(envelope)]}
    ids = [n.event_doc_id for n in iter_event_notifications(sns_event)]
    assert ids == [json.loads(DOCUMENT)["EventDocId"], json.loads(PING)["EventDocId"]]
    received = {"Messages": [{"Body": DOCUMENT}, {"Body": json.dumps(envelope)}]}
    assert len(list(iter_event_notifications(received))) == 2


def test_a_bad_record_stops_the_iteration_naming_its_index() -> None:
    event = {"Records": [sqs_record(DOCUMENT), sqs_record("{broken"), sqs_record(DOCUMENT)]}
    it = iter_event_notifications(event)
    assert next(it).event_doc_id is not None
    with pytest.raises(NotificationError, match=r"Records\[1\]") as info:
        next(it)
    assert info.value.code == "json"


@pytest.mark.parametrize(
    ("message", "code"),
    [
        (CONFIRMATION, "subscription_confirmation"),
        (json.dumps(CONFIRMATION), "subscription_confirmation"),
        (sqs_record(json.dumps(CONFIRMATION)), "subscription_confirmation"),
        ({**CONFIRMATION, "Type": "UnsubscribeConfirmation"}, "subscription_confirmation"),
        ("{broken", "json"),
        ("", "json"),
        (b"\xff\xfe", "encoding"),
        ("[1, 2]", "not_an_object"),
        ("null", "not_an_object"),
        (42, "not_an_object"),
        ({"Type": "Notification", "Message": "plain text from another service"}, "json"),
        ({"Type": "Notification", "Message": '{"alarm": "CPU"}'}, "not_a_notification"),
        ({"Records": []}, "batch"),
        (LAMBDA_SQS, "batch"),
        ({"Messages": []}, "batch"),
        ({}, "not_a_notification"),
        ({"HITId": "3ABC"}, "not_a_notification"),
        ({"Events": [{"EventType": "NoSuchEvent"}]}, "document"),
        ({"Events": [{"EventTimestamp": "yesterday"}]}, "document"),
        ({"Events": "AssignmentSubmitted"}, "document"),
        ({"Body": {"Body": {"Body": {"Body": DOCUMENT}}}}, "too_deep"),
        ("[" * 100_000, "json"),
        ('{"Events": [], "EventDocId": "\\ud800"}', "text"),
        ({"Events": [], "CustomerId": "A\udfff"}, "text"),
        # In an unknown key, nested in an event: refused when read, not later when written.
        ({"Events": [{"EventType": "Ping", "Note": ["\ud800"]}]}, "text"),
        ({"Events": [], "Extra": {"\udc00": 1}}, "text"),
    ],
)
def test_what_is_not_a_notification_is_our_error_naming_it(message: object, code: str) -> None:
    with pytest.raises(NotificationError) as info:
        parse_event_notification(message)
    assert info.value.code == code
    assert isinstance(info.value, ValueError)


def test_a_subscription_confirmation_says_how_to_confirm() -> None:
    with pytest.raises(NotificationError, match="SubscribeURL"):
        parse_event_notification(CONFIRMATION)


@pytest.mark.parametrize("event", [None, [], "x", {"Records": "x"}, {"records": []}])
def test_iter_needs_a_batch(event: object) -> None:
    with pytest.raises(NotificationError) as info:
        list(iter_event_notifications(event))
    assert info.value.code == "not_a_batch"


@given(event_notifications())
def test_generated_notifications_round_trip_in_every_wrapping(n: EventNotification) -> None:
    document = n.model_dump_json(by_alias=True, exclude_none=True)
    for message in wrappings(document).values():
        assert parse_event_notification(message) == n


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["Events", "Type", "Message", "Body", "body", "Sns", "EventType", "x"]),
            inner,
            max_size=4,
        )
    ),
    max_leaves=12,
)


@given(st.one_of(_json, _json.map(json.dumps), st.binary(max_size=40), st.text(max_size=40)))
def test_any_input_gives_a_notification_or_our_error(message: object) -> None:
    try:
        result = parse_event_notification(message)
    except NotificationError:
        return
    assert isinstance(result, EventNotification)


# --- aws-lambda-powertools' parser takes EventNotification as its model unchanged -------------

parser = pytest.importorskip("aws_lambda_powertools.utilities.parser")
envelopes = pytest.importorskip("aws_lambda_powertools.utilities.parser.envelopes")


def test_powertools_sqs_envelope() -> None:
    found = parser.parse(event=LAMBDA_SQS, model=EventNotification, envelope=envelopes.SqsEnvelope)
    assert found == [parse_event_notification(DOCUMENT)]


def lambda_sns_record(message: str) -> dict[str, Any]:
    # Lambda's SNS record: the envelope under "Sns" with the members powertools requires.
    return sns_record(
        {
            **SNS,
            "Message": message,
            "MessageAttributes": {},
            "SigningCertUrl": SNS["SigningCertURL"],
            "UnsubscribeUrl": SNS["UnsubscribeURL"],
        }
    ) | {"EventSubscriptionArn": SNS["TopicArn"] + ":fd8f816c-7e93-4815-922b-ad1d1f8cb98b"}


def test_powertools_sns_envelope() -> None:
    event = {"Records": [lambda_sns_record(DOCUMENT), lambda_sns_record(PING)]}
    found = parser.parse(event=event, model=EventNotification, envelope=envelopes.SnsEnvelope)
    assert found == [parse_event_notification(DOCUMENT), parse_event_notification(PING)]
    assert found == list(iter_event_notifications(event))


def test_powertools_sns_over_sqs_envelope() -> None:
    body = json.dumps(SNS)
    event = {"Records": [{**LAMBDA_SQS["Records"][0], "body": body}]}
    found = parser.parse(event=event, model=EventNotification, envelope=envelopes.SnsSqsEnvelope)
    assert found == [parse_event_notification(DOCUMENT)]
    assert found == list(iter_event_notifications(event))
