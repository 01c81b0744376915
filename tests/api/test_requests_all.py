"""Every operation's request model against botocore: names, members, a real boto3 client, the
invariant (what a model accepts, botocore accepts) and a differential test with botocore's own
validator over generated inputs for all 39 operations."""

from __future__ import annotations

import collections
import typing
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from decimal import Decimal
from enum import Enum
from typing import Any

import boto3
import botocore.session
import pytest
from botocore import xform_name
from botocore.stub import Stubber
from botocore.validate import ParamValidator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

import mturk_models
from mturk_models.api._preflight import Request
from mturk_models.exceptions import RequestWarning
from mturk_models.testing import operation_requests

SERVICE = botocore.session.get_session().get_service_model("mturk")
OPERATIONS = list(SERVICE.operation_names)
MODELS: dict[str, type[Request]] = {
    name.removesuffix("Request"): getattr(mturk_models, name)
    for name in mturk_models.__all__
    if name.endswith("Request")
    and isinstance(getattr(mturk_models, name), type)
    and issubclass(getattr(mturk_models, name), Request)
}
VALIDATOR = ParamValidator()

WORKER = "AGDRU4D1VTQLB"
ASSIGNMENT = "3YZ8UPK3VUK9D38RJKOSRZUCFEFUCR"
HIT = "3F6045TU7DM69TFRJMD84TAZ7K7999"
QTYPE = "3TL87MO8CLOFYXKXL2DD6F6RPQ2U4O"
QUESTION_FORM = (
    '<QuestionForm xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/'
    '2017-11-06/QuestionForm.xsd"><Question><QuestionIdentifier>q1</QuestionIdentifier>'
    "<QuestionContent><Text>2 + 2?</Text></QuestionContent><AnswerSpecification>"
    "<SelectionAnswer><Selections><Selection><SelectionIdentifier>a</SelectionIdentifier>"
    "<Text>4</Text></Selection><Selection><SelectionIdentifier>b</SelectionIdentifier>"
    "<Text>5</Text></Selection></Selections></SelectionAnswer></AnswerSpecification>"
    "</Question></QuestionForm>"
)
ANSWER_KEY = (
    '<AnswerKey xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/'
    '2005-10-01/AnswerKey.xsd"><Question><QuestionIdentifier>q1</QuestionIdentifier>'
    "<AnswerOption><SelectionIdentifier>a</SelectionIdentifier><AnswerScore>1</AnswerScore>"
    "</AnswerOption></Question></AnswerKey>"
)
SQS = "https://sqs.us-east-1.amazonaws.com/123456789012/mturk_events"
NOTIFICATION = {
    "Destination": SQS,
    "Transport": "SQS",
    "Version": "2006-05-05",
    "EventTypes": ["AssignmentSubmitted", "HITReviewable"],
}

# One valid request of each of the 36 operations, every member given where it can be.
VALID: dict[str, dict[str, Any]] = {
    "AcceptQualificationRequest": {"QualificationRequestId": "3QR1EXAMPLE", "IntegerValue": 90},
    "ApproveAssignment": {
        "AssignmentId": ASSIGNMENT,
        "RequesterFeedback": "Thank you!",
        "OverrideRejection": False,
    },
    "AssociateQualificationWithWorker": {
        "QualificationTypeId": QTYPE,
        "WorkerId": WORKER,
        "IntegerValue": 95,
        "SendNotification": False,
    },
    "CreateAdditionalAssignmentsForHIT": {
        "HITId": HIT,
        "NumberOfAdditionalAssignments": 5,
        "UniqueRequestToken": "extend-17",
    },
    "CreateQualificationType": {
        "Name": "Arithmetic test",
        "Keywords": "math, test",
        "Description": "Answer one question",
        "QualificationTypeStatus": "Active",
        "RetryDelayInSeconds": 3600,
        "Test": QUESTION_FORM,
        "AnswerKey": ANSWER_KEY,
        "TestDurationInSeconds": 600,
        "AutoGranted": False,
    },
    "CreateWorkerBlock": {"WorkerId": WORKER, "Reason": "Copied answers"},
    "DeleteHIT": {"HITId": HIT},
    "DeleteQualificationType": {"QualificationTypeId": QTYPE},
    "DeleteWorkerBlock": {"WorkerId": WORKER, "Reason": "Blocked by mistake"},
    "DisassociateQualificationFromWorker": {
        "WorkerId": WORKER,
        "QualificationTypeId": QTYPE,
        "Reason": "Expired",
    },
    "GetAccountBalance": {},
    "GetAssignment": {"AssignmentId": ASSIGNMENT},
    "GetFileUploadURL": {"AssignmentId": ASSIGNMENT, "QuestionIdentifier": "photo"},
    "GetHIT": {"HITId": HIT},
    "GetQualificationScore": {"QualificationTypeId": QTYPE, "WorkerId": WORKER},
    "GetQualificationType": {"QualificationTypeId": QTYPE},
    "ListAssignmentsForHIT": {
        "HITId": HIT,
        "NextToken": "p2",
        "MaxResults": 100,
        "AssignmentStatuses": ["Submitted", "Approved", "Rejected"],
    },
    "ListBonusPayments": {
        "HITId": HIT,
        "AssignmentId": ASSIGNMENT,
        "NextToken": "p2",
        "MaxResults": 1,
    },
    "ListHITs": {"NextToken": "p2", "MaxResults": 50},
    "ListHITsForQualificationType": {"QualificationTypeId": QTYPE, "MaxResults": 10},
    "ListQualificationRequests": {"QualificationTypeId": QTYPE, "NextToken": "x" * 255},
    "ListQualificationTypes": {
        "Query": "arithmetic",
        "MustBeRequestable": True,
        "MustBeOwnedByCaller": True,
        "MaxResults": 20,
    },
    "ListReviewPolicyResultsForHIT": {
        "HITId": HIT,
        "PolicyLevels": ["Assignment", "HIT"],
        "RetrieveActions": True,
        "RetrieveResults": False,
        "MaxResults": 5,
    },
    "ListReviewableHITs": {"HITTypeId": "3HITTYPE", "Status": "Reviewing", "MaxResults": 100},
    "ListWorkerBlocks": {"MaxResults": 1},
    "ListWorkersWithQualificationType": {
        "QualificationTypeId": QTYPE,
        "Status": "Granted",
        "NextToken": "p2",
    },
    "NotifyWorkers": {
        "Subject": "A new batch",
        "MessageText": "Our next batch is up.",
        "WorkerIds": [WORKER, "A3LT7W355XOAKF"],
    },
    "RejectAssignment": {"AssignmentId": ASSIGNMENT, "RequesterFeedback": "Empty answers."},
    "RejectQualificationRequest": {"QualificationRequestId": "3QR1EXAMPLE", "Reason": "Late"},
    "SendBonus": {
        "WorkerId": WORKER,
        "BonusAmount": "1.50",
        "AssignmentId": ASSIGNMENT,
        "Reason": "Careful work",
        "UniqueRequestToken": "bonus-1",
    },
    "SendTestEventNotification": {
        "Notification": {**NOTIFICATION, "EventTypes": ["Ping"]},
        "TestEventType": "Ping",
    },
    "UpdateExpirationForHIT": {"HITId": HIT, "ExpireAt": "2026-01-01T00:00:00Z"},
    "UpdateHITReviewStatus": {"HITId": HIT, "Revert": True},
    "UpdateHITTypeOfHIT": {"HITId": HIT, "HITTypeId": "3HITTYPE"},
    "UpdateNotificationSettings": {
        "HITTypeId": "3HITTYPE",
        "Notification": NOTIFICATION,
        "Active": True,
    },
    "UpdateQualificationType": {
        "QualificationTypeId": QTYPE,
        "Description": "New description",
        "QualificationTypeStatus": "Inactive",
        "Test": QUESTION_FORM,
        "TestDurationInSeconds": 300,
        "RetryDelayInSeconds": 0,
    },
}
NEW_OPERATIONS = sorted(VALID)
CREATE_HIT_OPERATIONS = ("CreateHIT", "CreateHITType", "CreateHITWithHITType")


def input_shape(operation: str) -> Any:
    return SERVICE.operation_model(operation).input_shape


def botocore_errors(operation: str, params: Any) -> str:
    """botocore's own report on ``params`` for ``operation`` (empty when it accepts them).

    botocore's validator itself raises on some values it cannot send (a float timestamp whose
    year dateutil cannot compute raises RuntimeError): that is a refusal too.
    """
    try:
        report = VALIDATOR.validate(params, input_shape(operation))
    except (ValueError, OverflowError, RuntimeError) as exc:
        return f"botocore raised {type(exc).__name__}: {exc}"
    return str(report.generate_report()) if report.has_errors() else ""


def method(operation: str) -> str:
    """boto3's method name of an operation (``GetHIT`` is ``get_hit``)."""
    return str(xform_name(operation))


CLIENT = boto3.client(
    "mturk", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
)
# Each operation's properties run a third of the profile's examples: 39 operations share them.
PER_OPERATION = settings(
    max_examples=max(10, settings.default.max_examples // 3),
    suppress_health_check=[HealthCheck.too_slow],
)


@contextmanager
def stubbed() -> Iterator[tuple[Any, Stubber]]:
    with Stubber(CLIENT) as stubber:
        yield CLIENT, stubber
        stubber.assert_no_pending_responses()


def validate_quietly(model: type[Request], data: Any) -> Request:
    """``model.model_validate(data)`` with the warnings about ignored members silenced."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RequestWarning)
        return model.model_validate(data)


# --- one model per operation, named and shaped as botocore's input ------------------------------


def test_every_operation_has_its_request_model() -> None:
    assert sorted(MODELS) == sorted(OPERATIONS)
    assert len(MODELS) == 39
    for operation, model in MODELS.items():
        assert model.__name__ == input_shape(operation).name


def test_the_table_of_valid_requests_covers_the_36_new_operations() -> None:
    assert sorted(set(OPERATIONS) - set(CREATE_HIT_OPERATIONS)) == NEW_OPERATIONS


def _aliases(model: type[BaseModel]) -> dict[str, str]:
    return {info.alias or name: name for name, info in model.model_fields.items()}


@pytest.mark.parametrize("operation", OPERATIONS)
def test_members_and_required_members_are_botocore_s(operation: str) -> None:
    model, shape = MODELS[operation], input_shape(operation)
    assert set(_aliases(model)) == set(shape.members)
    required = {a for a, n in _aliases(model).items() if model.model_fields[n].is_required()}
    assert required == set(shape.required_members)


def test_the_notification_structure_is_botocore_s() -> None:
    shape = SERVICE.shape_for("NotificationSpecification")
    assert set(_aliases(mturk_models.NotificationSpecification)) == set(shape.members)


@pytest.mark.parametrize("operation", NEW_OPERATIONS)
def test_enum_members_take_exactly_botocore_s_values(operation: str) -> None:
    model, shape = MODELS[operation], input_shape(operation)
    for alias, name in _aliases(model).items():
        member = shape.members[alias]
        target = member.member if member.type_name == "list" else member
        values = getattr(target, "enum", None)
        if not values:
            continue
        annotation = model.model_fields[name].annotation
        enums = [
            arg for arg in _flatten(annotation) if isinstance(arg, type) and issubclass(arg, Enum)
        ]
        assert enums, (operation, alias)
        assert sorted(e.value for e in enums[0]) == sorted(values)


def _flatten(annotation: Any) -> Iterator[Any]:
    yield annotation
    for arg in typing.get_args(annotation):
        yield from _flatten(arg)


# --- a valid request of each operation through a real boto3 client ------------------------------


@pytest.mark.parametrize("operation", NEW_OPERATIONS)
def test_a_valid_request_goes_through_boto3(operation: str) -> None:
    request = MODELS[operation].model_validate(VALID[operation])
    kwargs = request.to_boto3()
    assert botocore_errors(operation, kwargs) == ""
    with stubbed() as (client, stubber):
        stubber.add_response(method(operation), {}, expected_params=kwargs)
        getattr(client, method(operation))(**kwargs)


@pytest.mark.parametrize("operation", NEW_OPERATIONS)
def test_to_boto3_gives_back_what_was_given(operation: str) -> None:
    kwargs = MODELS[operation].model_validate(VALID[operation]).to_boto3()
    expected = dict(VALID[operation])
    if operation == "SendBonus":
        assert kwargs["BonusAmount"] == "1.50"
    assert kwargs == expected


@pytest.mark.parametrize("operation", NEW_OPERATIONS)
def test_building_by_attribute_name_is_the_same_request(operation: str) -> None:
    model = MODELS[operation]
    names = _aliases(model)
    by_name = {names[key]: value for key, value in VALID[operation].items()}
    assert model.model_validate(by_name) == model.model_validate(VALID[operation])


@pytest.mark.parametrize("operation", NEW_OPERATIONS)
def test_an_unknown_key_is_refused_with_a_suggestion(operation: str) -> None:
    data = {**VALID[operation], "Extra": 1}
    with pytest.raises(ValidationError) as info:
        MODELS[operation].model_validate(data)
    assert [(e["type"], e["loc"]) for e in info.value.errors()] == [("extra_forbidden", ("Extra",))]


@pytest.mark.parametrize("operation", [op for op in NEW_OPERATIONS if VALID[op]])
def test_a_misspelt_key_suggests_the_member(operation: str) -> None:
    key = next(iter(VALID[operation]))
    data = {**VALID[operation], key.lower() + "x": VALID[operation][key]}
    with pytest.raises(ValidationError) as info:
        MODELS[operation].model_validate(data)
    unknown = [e for e in info.value.errors() if e["type"] == "extra_forbidden"]
    assert len(unknown) == 1
    assert repr(key) in unknown[0]["msg"]


@pytest.mark.parametrize("operation", NEW_OPERATIONS)
def test_requests_are_frozen_and_hashable(operation: str) -> None:
    request = MODELS[operation].model_validate(VALID[operation])
    assert hash(request) == hash(MODELS[operation].model_validate(VALID[operation]))
    with pytest.raises(ValidationError):
        request.model_copy().__setattr__("x", 1)  # frozen and extra-forbidding


# --- the invariant: whatever a model accepts, botocore accepts its to_boto3() -------------------


def _containers(value: Any, data: st.DataObject) -> Any:
    """``value`` with its lists given as the containers pydantic converts, at every depth."""
    if isinstance(value, dict):
        return {key: _containers(item, data) for key, item in value.items()}
    if isinstance(value, list):
        items = [_containers(item, data) for item in value]
        kind = data.draw(st.sampled_from(["list", "tuple", "generator", "deque", "keys", "set"]))
        hashable = all(isinstance(item, (str, int)) for item in items)
        if kind == "tuple":
            return tuple(items)
        if kind == "generator":
            return (item for item in items)
        if kind == "deque":
            return collections.deque(items)
        if kind == "keys" and hashable and len(set(items)) == len(items):
            return dict.fromkeys(items).keys()
        if kind == "set" and hashable and len(set(items)) == len(items) and len(items) <= 1:
            return set(items)  # a set keeps the order only of at most one item
        return items
    return value


def _by_name(model: type[BaseModel], value: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    """Some members under their attribute names instead of their botocore keys."""
    names = _aliases(model)
    return {(names[key] if data.draw(st.booleans()) else key): item for key, item in value.items()}


@pytest.mark.parametrize("operation", OPERATIONS)
@PER_OPERATION
@given(data=st.data())
def test_what_a_model_accepts_botocore_accepts(operation: str, data: st.DataObject) -> None:
    model = MODELS[operation]
    request = data.draw(operation_requests(model))
    kwargs = request.to_boto3()
    assert botocore_errors(operation, kwargs) == ""
    again = model.model_validate(_by_name(model, _containers(kwargs, data), data))
    assert again.to_boto3() == kwargs
    assert botocore_errors(operation, again.to_boto3()) == ""


@pytest.mark.parametrize("operation", NEW_OPERATIONS)
@PER_OPERATION
@given(data=st.data())
def test_generated_requests_go_through_boto3(operation: str, data: st.DataObject) -> None:
    kwargs = data.draw(operation_requests(MODELS[operation])).to_boto3()
    with stubbed() as (client, stubber):
        stubber.add_response(method(operation), {}, expected_params=kwargs)
        getattr(client, method(operation))(**kwargs)


# --- differential: botocore's ParamValidator and the models on the same generated inputs --------

_JSON_SCALARS = st.one_of(
    st.booleans(),
    st.integers(-(2**40), 2**40),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=5),
)
_JSON = st.recursive(
    _JSON_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
_MONEY = {"Reward", "BonusAmount"}


def _mutate(value: dict[str, Any], shape: Any, data: st.DataObject) -> dict[str, Any]:
    """One change botocore may or may not refuse: a member dropped, added, emptied, or given a
    value of another JSON type (at the top level or one structure down)."""
    out = dict(value)
    kind = data.draw(st.sampled_from(["drop", "add", "replace", "empty", "zero", "nested"]))
    members = list(shape.members)
    if kind == "drop" and out:
        out.pop(data.draw(st.sampled_from(sorted(out))))
    elif kind == "add":
        key = data.draw(st.sampled_from([*members, "Extra", "hitid", "maxResults"]))
        replacement = data.draw(_JSON)
        if key not in _MONEY:
            out[key] = replacement
    elif kind == "replace" and members:
        key = data.draw(st.sampled_from(members))
        replacement = data.draw(_JSON)
        if (
            key in _MONEY
            and isinstance(replacement, (int, float))
            and not isinstance(replacement, bool)
        ):
            return out  # a number for money is a documented convenience of the models
        out[key] = replacement
    elif kind == "empty" and members:
        key = data.draw(st.sampled_from(members))
        out[key] = {"list": [], "string": "", "structure": {}}.get(shape.members[key].type_name, 0)
    elif kind == "zero" and members:
        key = data.draw(st.sampled_from(members))
        value = data.draw(st.sampled_from([0, -1, "", []]))
        if not (key in _MONEY and isinstance(value, int)):  # numbers for money: a convenience
            out[key] = value
    elif kind == "nested":
        structures = [k for k in out if shape.members[k].type_name == "structure"]
        if structures:
            key = data.draw(st.sampled_from(structures))
            if isinstance(out[key], dict):
                out[key] = _mutate(out[key], shape.members[key], data)
    return out


@pytest.mark.parametrize("operation", OPERATIONS)
@PER_OPERATION
@given(data=st.data())
def test_differential_against_botocore(operation: str, data: st.DataObject) -> None:
    """Where botocore refuses, the model refuses; where the model accepts, botocore accepts its
    output. (The models accept more Python than botocore only by design: ``None`` for an absent
    member, a number or Decimal for money, any iterable for a list; the mutations here stay in
    JSON, and numbers are not put where money goes.)"""
    model = MODELS[operation]
    shape = input_shape(operation)
    kwargs = data.draw(operation_requests(model)).to_boto3()
    mutated = _mutate(kwargs, shape, data)
    botocore_refuses = botocore_errors(operation, mutated) != ""
    try:
        accepted = validate_quietly(model, mutated)
    except ValidationError:
        return
    assert not botocore_refuses, (mutated, botocore_errors(operation, mutated))
    assert botocore_errors(operation, accepted.to_boto3()) == ""


@pytest.mark.parametrize("operation", NEW_OPERATIONS)
@PER_OPERATION
@given(data=_JSON)
def test_any_input_gives_a_request_or_a_validation_error(operation: str, data: Any) -> None:
    try:
        request = validate_quietly(MODELS[operation], data)
    except ValidationError:
        return
    assert botocore_errors(operation, request.to_boto3()) == ""


def test_none_stands_for_an_absent_member() -> None:
    request = mturk_models.ListHITsRequest.model_validate({"NextToken": None, "MaxResults": 10})
    assert request.to_boto3() == {"MaxResults": 10}
    assert botocore_errors("ListHITs", {"NextToken": None, "MaxResults": 10}) != ""


def test_timestamps_are_sent_in_utc() -> None:
    local = datetime(2026, 1, 1, 9, 0, tzinfo=timezone.utc).astimezone()
    request = mturk_models.UpdateExpirationForHITRequest(hit_id=HIT, expire_at=local)
    assert request.expire_at == datetime(2026, 1, 1, 9, 0, tzinfo=timezone.utc)
    assert botocore_errors("UpdateExpirationForHIT", request.to_boto3()) == ""


def test_money_is_a_decimal_and_sent_as_two_decimals() -> None:
    request = mturk_models.SendBonusRequest.model_validate({**VALID["SendBonus"], "BonusAmount": 5})
    assert request.bonus_amount == Decimal("5.00")
    assert request.to_boto3()["BonusAmount"] == "5.00"
