"""CreateHIT, CreateHITType and CreateHITWithHITType requests: botocore conformance, every limit,
the cross-field rules, all violations at once, warnings, and boto3's own validation."""

from __future__ import annotations

import sys
import warnings
from collections import deque
from decimal import Decimal
from typing import Any

import boto3
import botocore.session
import pytest
from botocore.stub import Stubber
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

import mturk_models
from mturk_models import (
    MASTERS_PRODUCTION,
    MASTERS_SANDBOX,
    PERCENT_ASSIGNMENTS_APPROVED,
    WORKER_LOCALE,
    CreateHITRequest,
    CreateHITTypeRequest,
    CreateHITWithHITTypeRequest,
    ExternalQuestion,
    HITLayoutParameter,
    HTMLQuestion,
    HTMLQuestionWarning,
    Locale,
    ParameterMapEntry,
    PolicyParameter,
    QualificationEnvironmentWarning,
    QualificationRequirement,
    QuestionSizeWarning,
    ReviewPolicy,
    approval_rate_at_least,
    masters,
)
from mturk_models.testing import (
    create_hit_requests,
    create_hit_type_requests,
    create_hit_with_hit_type_requests,
)

SERVICE = botocore.session.get_session().get_service_model("mturk")
EXTERNAL = (
    '<ExternalQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/'
    '2006-07-14/ExternalQuestion.xsd"><ExternalURL>https://example.com/task</ExternalURL>'
    "<FrameHeight>0</FrameHeight></ExternalQuestion>"
)
VALID: dict[str, Any] = {
    "Title": "Tag an image",
    "Description": "Pick the tag that fits the image best",
    "Reward": "0.05",
    "LifetimeInSeconds": 3600,
    "AssignmentDurationInSeconds": 600,
    "Question": EXTERNAL,
}
VALID_TYPE = {k: v for k, v in VALID.items() if k not in ("LifetimeInSeconds", "Question")}
VALID_WITH_TYPE = {"HITTypeId": "3HITTYPEID", "LifetimeInSeconds": 3600, "Question": EXTERNAL}


def errors_of(model: type[BaseModel], data: dict[str, Any], **kwargs: Any) -> list[Any]:
    with pytest.raises(ValidationError) as info:
        model.model_validate(data, **kwargs)
    return info.value.errors()


def one_error(data: dict[str, Any], model: type[BaseModel] = CreateHITRequest) -> Any:
    found = errors_of(model, data)
    assert len(found) == 1, found
    return found[0]


# --- botocore conformance -----------------------------------------------------------------------

SHAPES = [
    (CreateHITRequest, SERVICE.operation_model("CreateHIT").input_shape),
    (CreateHITTypeRequest, SERVICE.operation_model("CreateHITType").input_shape),
    (CreateHITWithHITTypeRequest, SERVICE.operation_model("CreateHITWithHITType").input_shape),
]
BASES = {CreateHITRequest: VALID, CreateHITTypeRequest: VALID_TYPE}
BASES[CreateHITWithHITTypeRequest] = VALID_WITH_TYPE


def _aliases(model: type[BaseModel]) -> dict[str, str]:
    return {info.alias or name: name for name, info in model.model_fields.items()}


def _nested_models(model: type[BaseModel], shape: Any) -> list[tuple[type[BaseModel], Any]]:
    """(model, shape) pairs for every structure reachable from ``shape``."""
    found = [(model, shape)]
    for alias, name in _aliases(model).items():
        member = shape.members[alias]
        target = member.member if member.type_name == "list" else member
        if target.type_name == "structure":
            annotation = model.model_fields[name].annotation
            inner = next(m for m in _model_classes(annotation))
            found.extend(_nested_models(inner, target))
    return found


def _model_classes(annotation: Any) -> list[type[BaseModel]]:
    import typing

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _model_classes(arg)]


ALL_SHAPES = [pair for model, shape in SHAPES for pair in _nested_models(model, shape)]


@pytest.mark.parametrize(("model", "shape"), ALL_SHAPES, ids=lambda x: getattr(x, "name", x))
def test_every_botocore_member_is_an_alias(model: type[BaseModel], shape: Any) -> None:
    assert set(_aliases(model)) == set(shape.members)


@pytest.mark.parametrize(("model", "shape"), ALL_SHAPES, ids=lambda x: getattr(x, "name", x))
def test_required_members_are_required(model: type[BaseModel], shape: Any) -> None:
    required = {a for a, n in _aliases(model).items() if model.model_fields[n].is_required()}
    assert required == set(shape.required_members)


def test_nested_request_structures_are_covered() -> None:
    names = {model.__name__ for model, _ in ALL_SHAPES}
    assert {"ReviewPolicy", "PolicyParameter", "ParameterMapEntry", "HITLayoutParameter"} <= names
    assert {"QualificationRequirement", "Locale"} <= names


def _string_limits() -> list[tuple[type[BaseModel], str, str, Any]]:
    cases = []
    for model, shape in SHAPES:
        for name, member in shape.members.items():
            meta = member.metadata
            if member.type_name != "string":
                continue
            if "max" in meta:
                cases.append((model, name, "max", "A" * (meta["max"] + 1)))
            if meta.get("min", 0) >= 1:
                cases.append((model, name, "min", ""))
            if "pattern" in meta:
                cases.append((model, name, "pattern", "a!"))
    return cases


@pytest.mark.parametrize(
    ("model", "member", "rule", "value"),
    _string_limits(),
    ids=[f"{m.__name__}-{name}-{rule}" for m, name, rule, _ in _string_limits()],
)
def test_botocore_string_limits_are_enforced(
    model: type[BaseModel], member: str, rule: str, value: str
) -> None:
    data = {**BASES[model], member: value}
    if member == "HITLayoutId":
        data.pop("Question")
    error = one_error(data, model)
    assert error["loc"] == (member,)


def test_string_limit_cases_cover_the_patterns() -> None:
    members = {(m.__name__, name, rule) for m, name, rule, _ in _string_limits()}
    assert ("CreateHITRequest", "Reward", "pattern") in members
    assert ("CreateHITRequest", "UniqueRequestToken", "max") in members
    assert ("CreateHITWithHITTypeRequest", "HITTypeId", "pattern") in members


def test_botocore_itself_accepts_what_mturk_refuses() -> None:
    # The reason this pre-flight exists: botocore checks no enum and no pattern.
    validator = botocore.validate.ParamValidator()
    shape = SERVICE.operation_model("CreateHIT").input_shape
    bad = {
        **VALID,
        "Reward": "$0.10",
        "UniqueRequestToken": "x",
        "QualificationRequirements": [
            {"QualificationTypeId": WORKER_LOCALE, "Comparator": "Equals", "IntegerValues": [1, 2]}
        ],
    }
    assert not validator.validate(bad, shape).has_errors()
    assert {e["type"] for e in errors_of(CreateHITRequest, bad)} == {"currency_amount", "enum"}


# --- each documented limit broken once ----------------------------------------------------------

LIMITS = [
    # (member, value, code, message) -- limits: see the citations in mturk_models.api.requests
    ("Title", "x" * 129, "string_too_long", "at most 128 characters"),
    ("Title", "", "string_too_short", "at least 1 character"),
    ("Description", "x" * 2001, "string_too_long", "at most 2000 characters"),
    ("Keywords", "x" * 1001, "string_too_long", "at most 1000 characters"),
    ("RequesterAnnotation", "x" * 256, "string_too_long", "at most 255 characters"),
    ("UniqueRequestToken", "x" * 65, "string_too_long", "at most 64 characters"),
    ("UniqueRequestToken", "", "string_too_short", "at least 1 character"),
    ("LifetimeInSeconds", 29, "greater_than_equal", "greater than or equal to 30"),
    ("LifetimeInSeconds", 31_536_001, "less_than_equal", "less than or equal to 31536000"),
    ("AssignmentDurationInSeconds", 29, "greater_than_equal", "greater than or equal to 30"),
    ("AssignmentDurationInSeconds", 31_536_001, "less_than_equal", "31536000"),
    ("AutoApprovalDelayInSeconds", -1, "greater_than_equal", "greater than or equal to 0"),
    ("AutoApprovalDelayInSeconds", 2_592_001, "less_than_equal", "2592000"),
    ("MaxAssignments", 0, "greater_than_equal", "greater than or equal to 1"),
    ("MaxAssignments", 1_000_000_001, "less_than_equal", "1000000000"),
    ("LifetimeInSeconds", "3600", "int_type", "valid integer"),
    ("MaxAssignments", True, "int_type", "valid integer"),
    ("Reward", "$0.10", "currency_amount", "no sign or currency symbol"),
    ("Reward", "0.105", "currency_amount", "at most two decimals"),
]


@pytest.mark.parametrize(
    ("member", "value", "code", "message"), LIMITS, ids=[f"{m[0]}-{m[2]}" for m in LIMITS]
)
def test_each_limit(member: str, value: Any, code: str, message: str) -> None:
    error = one_error({**VALID, member: value})
    assert (error["type"], error["loc"]) == (code, (member,))
    assert message in error["msg"]


def test_the_limits_hold_exactly_at_the_boundaries() -> None:
    edge = {
        **VALID,
        "Title": "x" * 128,
        "Description": "x" * 2000,
        "Keywords": "x" * 1000,
        "RequesterAnnotation": "x" * 255,
        "UniqueRequestToken": "x" * 64,
        "LifetimeInSeconds": 31_536_000,
        "AssignmentDurationInSeconds": 30,
        "AutoApprovalDelayInSeconds": 2_592_000,
        "MaxAssignments": 1_000_000_000,
        "Reward": "0.00",
        "QualificationRequirements": [approval_rate_at_least(90)] * 10,
    }
    assert CreateHITRequest.model_validate(edge).to_boto3()["AutoApprovalDelayInSeconds"] == (
        2_592_000
    )
    low = {
        **VALID,
        "AutoApprovalDelayInSeconds": 0,
        "MaxAssignments": 1,
        "Reward": "1",
        "LifetimeInSeconds": 30,
        "AssignmentDurationInSeconds": 31_536_000,
    }
    assert CreateHITRequest.model_validate(low).to_boto3()["Reward"] == "1.00"


def _req(**fields: Any) -> dict[str, Any]:
    return {"QualificationTypeId": "000000000000000000L0", "Comparator": "Exists", **fields}


REQUIREMENT_RULES = [
    (_req(Comparator="Equals"), "enum", ("QualificationRequirements", 0, "Comparator")),
    (
        _req(Comparator="EqualTo", IntegerValues=[1, 2]),
        "equality_value_count",
        ("QualificationRequirements", 0),
    ),
    (_req(IntegerValues=[1]), "comparator_no_values", ("QualificationRequirements", 0)),
    (
        _req(QualificationTypeId=WORKER_LOCALE, Comparator="EqualTo", IntegerValues=[1]),
        "integer_values_worker_locale",
        ("QualificationRequirements", 0),
    ),
    (
        _req(
            QualificationTypeId=WORKER_LOCALE,
            Comparator="EqualTo",
            LocaleValues=[{"Country": "usa"}],
        ),
        "string_too_long",
        ("QualificationRequirements", 0, "LocaleValues", 0, "Country"),
    ),
    (
        _req(QualificationTypeId=MASTERS_PRODUCTION, Comparator="EqualTo", IntegerValues=[1]),
        "masters_comparator",
        ("QualificationRequirements", 0, "Comparator"),
    ),
    (
        _req(
            QualificationTypeId=PERCENT_ASSIGNMENTS_APPROVED,
            Comparator="GreaterThan",
            IntegerValues=[101],
        ),
        "approval_rate_range",
        ("QualificationRequirements", 0, "IntegerValues", 0),
    ),
    (
        _req(
            QualificationTypeId=PERCENT_ASSIGNMENTS_APPROVED, Comparator="In", IntegerValues=[0, -1]
        ),
        "approval_rate_range",
        ("QualificationRequirements", 0, "IntegerValues", 1),
    ),
]


@pytest.mark.parametrize(("requirement", "code", "loc"), REQUIREMENT_RULES)
def test_comparator_rules_inside_a_request(
    requirement: dict[str, Any], code: str, loc: Any
) -> None:
    error = one_error({**VALID, "QualificationRequirements": [requirement]})
    assert (error["type"], error["loc"]) == (code, loc)


def test_masters_message_and_presence_comparators() -> None:
    bad = _req(QualificationTypeId=MASTERS_SANDBOX, Comparator="GreaterThan", IntegerValues=[1])
    error = one_error({**VALID, "QualificationRequirements": [bad]})
    assert error["msg"] == (
        "A Masters qualification requirement must use Exists or DoesNotExist; got 'GreaterThan'"
    )
    for comparator in ("Exists", "DoesNotExist"):
        ok = _req(QualificationTypeId=MASTERS_PRODUCTION, Comparator=comparator)
        CreateHITRequest.model_validate({**VALID, "QualificationRequirements": [ok]})


def test_approval_rate_bounds_and_message() -> None:
    for values in ([0], [100], [0, 50, 100]):
        ok = _req(
            QualificationTypeId=PERCENT_ASSIGNMENTS_APPROVED, Comparator="In", IntegerValues=values
        )
        CreateHITRequest.model_validate({**VALID, "QualificationRequirements": [ok]})
    model = QualificationRequirement(
        qualification_type_id=PERCENT_ASSIGNMENTS_APPROVED,
        comparator="GreaterThan",
        integer_values=(150,),
    )  # a stored requirement is what MTurk accepted: the response model keeps it
    error = one_error({**VALID, "QualificationRequirements": [model]})
    assert error["msg"] == (
        "Worker_PercentAssignmentsApproved is a percentage: its IntegerValues should be "
        "0 to 100; got 150"
    )


def test_at_most_ten_qualification_requirements() -> None:
    error = one_error({**VALID, "QualificationRequirements": [_req()] * 11})
    assert (error["type"], error["loc"]) == ("too_long", ("QualificationRequirements",))
    assert "at most 10 items" in error["msg"]


# --- cross-field rules -------------------------------------------------------------------------


def test_question_or_layout_exactly_one() -> None:
    both = one_error({**VALID, "HITLayoutId": "3LAYOUT"})
    assert both["type"] == "question_or_layout"
    assert both["msg"] == "Exactly one of Question and HITLayoutId is required; got both"
    neither = one_error({k: v for k, v in VALID.items() if k != "Question"})
    assert neither["msg"].endswith("got neither")
    layout = {k: v for k, v in VALID.items() if k != "Question"} | {"HITLayoutId": "3LAYOUT"}
    assert CreateHITRequest.model_validate(layout).question is None
    error = one_error({"HITTypeId": "3T", "LifetimeInSeconds": 60}, CreateHITWithHITTypeRequest)
    assert error["type"] == "question_or_layout"


def test_layout_parameters_only_with_a_layout() -> None:
    params = [{"Name": "image", "Value": "https://example.com/1.png"}]
    error = one_error({**VALID, "HITLayoutParameters": params})
    assert (error["type"], error["loc"]) == (
        "layout_parameters_without_layout",
        ("HITLayoutParameters",),
    )
    layout = {k: v for k, v in VALID.items() if k != "Question"}
    req = CreateHITRequest.model_validate(
        {**layout, "HITLayoutId": "3L", "HITLayoutParameters": params}
    )
    assert req.hit_layout_parameters == (
        HITLayoutParameter(name="image", value=params[0]["Value"]),
    )


@pytest.mark.parametrize(
    ("member", "name", "expected"),
    [
        ("AssignmentReviewPolicy", "SimplePlurality/2011-09-01", "ScoreMyKnownAnswers/2011-09-01"),
        ("HITReviewPolicy", "ScoreMyKnownAnswers/2011-09-01", "SimplePlurality/2011-09-01"),
    ],
)
def test_review_policy_names(member: str, name: str, expected: str) -> None:
    error = one_error({**VALID, member: {"PolicyName": name}})
    assert (error["type"], error["loc"]) == ("review_policy_name", (member, "PolicyName"))
    assert error["msg"] == f"{member} takes the policy {expected}; got {name!r}"
    policy = {"PolicyName": expected, "Parameters": POLICY_EXAMPLES[member]}
    req = CreateHITRequest.model_validate({**VALID, member: policy})
    assert req.to_boto3()[member] == policy


# --- review policy parameters -----------------------------------------------------------------

# The examples of the API reference (HIT Review Policy data structure; Review Policy Use Cases).
ANSWER_KEY = {
    "Key": "AnswerKey",
    "MapEntries": [
        {"Key": "QuestionId1", "Values": ["B"]},
        {"Key": "QuestionId2", "Values": ["A"]},
    ],
}
POLICY_EXAMPLES: dict[str, list[dict[str, Any]]] = {
    "AssignmentReviewPolicy": [
        ANSWER_KEY,
        {"Key": "ApproveIfKnownAnswerScoreIsAtLeast", "Values": ["79"]},
        {"Key": "ExtendIfKnownAnswerScoreIsLessThan", "Values": ["79"]},
        {"Key": "ExtendMaximumAssignments", "Values": ["3"]},
    ],
    "HITReviewPolicy": [
        {"Key": "QuestionIDs", "Values": [f"questionid{i}" for i in range(1, 16)]},
        {"Key": "QuestionAgreementThreshold", "Values": ["100"]},
        {"Key": "DisregardAssignmentIfKnownAnswerScoreIsLessThan", "Values": ["80"]},
    ],
}
CATEGORIZATION = [  # Review Policy Use Cases, "Categorization and Tagging"
    {"Key": "QuestionIDs", "Values": ["questionID1"]},
    {"Key": "QuestionAgreementThreshold", "Values": ["100"]},
    {"Key": "ExtendMaximumAssignments", "Values": ["3"]},
    {"Key": "ExtendMinimumTimeInSeconds", "Values": ["3600"]},
]
FULL_HIT_POLICY = [
    {"Key": "QuestionIds", "Values": ["q1", "q2"]},
    {"Key": "QuestionAgreementThreshold", "Values": ["49"]},
    {"Key": "DisregardAssignmentIfRejected", "Values": ["T"]},
    {"Key": "ExtendIfHITAgreementScoreIsLessThan", "Values": ["100"]},
    {"Key": "ExtendMaximumAssignments", "Values": ["10"]},
    {"Key": "ExtendMinimumTimeInSeconds", "Values": ["60"]},
    {"Key": "ApproveIfWorkerAgreementScoreIsAtLeast", "Values": ["100"]},
    {"Key": "RejectIfWorkerAgreementScoreIsLessThan", "Values": ["0"]},
    {"Key": "RejectReason", "Values": ["Disagreed with the others"]},
]
FULL_ASSIGNMENT_POLICY = [
    ANSWER_KEY,
    {"Key": "ApproveIfKnownAnswerScoreIsAtLeast", "Values": ["101"]},
    {"Key": "ApproveReason", "Values": ["Thanks"]},
    {"Key": "RejectIfKnownAnswerScoreIsLessThan", "Values": ["0"]},
    {"Key": "RejectReason", "Values": ["Known answers wrong"]},
    {"Key": "ExtendIfKnownAnswerScoreIsLessThan", "Values": ["80"]},
    {"Key": "ExtendMaximumAssignments", "Values": ["25"]},
    {"Key": "ExtendMinimumTimeInSeconds", "Values": ["31536000"]},
]
ASSIGNMENT = "ScoreMyKnownAnswers/2011-09-01"
HIT = "SimplePlurality/2011-09-01"


def _policy(member: str, parameters: list[dict[str, Any]]) -> dict[str, Any]:
    name = ASSIGNMENT if member == "AssignmentReviewPolicy" else HIT
    return {**VALID, member: {"PolicyName": name, "Parameters": parameters}}


@pytest.mark.parametrize(
    ("member", "parameters"),
    [
        *POLICY_EXAMPLES.items(),
        ("HITReviewPolicy", CATEGORIZATION),
        ("HITReviewPolicy", FULL_HIT_POLICY),
        ("AssignmentReviewPolicy", FULL_ASSIGNMENT_POLICY),
    ],
)
def test_documented_policy_parameters_pass(member: str, parameters: list[dict[str, Any]]) -> None:
    req = CreateHITRequest.model_validate(_policy(member, parameters))
    assert req.to_boto3()[member]["Parameters"] == parameters


def test_unknown_policy_parameter_names_the_allowed_ones() -> None:
    error = one_error(
        _policy("AssignmentReviewPolicy", [ANSWER_KEY, {"Key": "Bogus", "Values": ["x"]}])
    )
    assert error["type"] == "review_policy_parameter"
    assert error["loc"] == ("AssignmentReviewPolicy", "Parameters", 1, "Key")
    assert error["msg"] == (
        "ScoreMyKnownAnswers/2011-09-01 has no parameter 'Bogus'; allowed: AnswerKey, "
        "ApproveIfKnownAnswerScoreIsAtLeast, ApproveReason, RejectIfKnownAnswerScoreIsLessThan, "
        "RejectReason, ExtendIfKnownAnswerScoreIsLessThan, ExtendMaximumAssignments, "
        "ExtendMinimumTimeInSeconds"
    )
    # A HIT-level key is unknown at assignment level, and a typo gets a suggestion.
    params = [
        *POLICY_EXAMPLES["HITReviewPolicy"],
        {"Key": "QuestionAgreementTreshold", "Values": ["1"]},
    ]
    error = one_error(_policy("HITReviewPolicy", params))
    assert error["msg"].startswith(
        "SimplePlurality/2011-09-01 has no parameter 'QuestionAgreementTreshold'; "
        "allowed: QuestionIds (or QuestionIDs), "
    )
    assert error["msg"].endswith("; did you mean 'QuestionAgreementThreshold'?")


def test_policy_parameter_without_a_key() -> None:
    error = one_error(_policy("AssignmentReviewPolicy", [ANSWER_KEY, {"Values": ["80"]}]))
    assert (error["type"], error["loc"]) == (
        "review_policy_parameter",
        ("AssignmentReviewPolicy", "Parameters", 1),
    )
    assert error["msg"].startswith(
        "A ScoreMyKnownAnswers/2011-09-01 parameter needs a Key; allowed: AnswerKey, "
    )


def test_duplicate_policy_parameter() -> None:
    params = [*POLICY_EXAMPLES["HITReviewPolicy"], {"Key": "QuestionIds", "Values": ["q9"]}]
    error = one_error(_policy("HITReviewPolicy", params))
    assert (error["type"], error["loc"]) == (
        "review_policy_parameter",
        ("HITReviewPolicy", "Parameters", 3, "Key"),
    )
    assert error["msg"] == (
        "Parameter 'QuestionIds' is given twice (first at Parameters[0]); give each parameter once"
    )


@pytest.mark.parametrize(
    ("member", "key", "value", "rule"),
    [
        ("AssignmentReviewPolicy", "ApproveIfKnownAnswerScoreIsAtLeast", "102", "0 to 101"),
        ("AssignmentReviewPolicy", "RejectIfKnownAnswerScoreIsLessThan", "-1", "0 to 101"),
        ("AssignmentReviewPolicy", "ExtendIfKnownAnswerScoreIsLessThan", "102", "0 to 101"),
        ("AssignmentReviewPolicy", "ExtendMaximumAssignments", "1", "2 to 25"),
        ("AssignmentReviewPolicy", "ExtendMaximumAssignments", "26", "2 to 25"),
        ("AssignmentReviewPolicy", "ExtendMinimumTimeInSeconds", "59", "60 to 31,536,000"),
        ("HITReviewPolicy", "ExtendMinimumTimeInSeconds", "31536001", "60 to 31,536,000"),
        ("HITReviewPolicy", "ExtendIfHITAgreementScoreIsLessThan", "0", "1 to 100"),
        ("HITReviewPolicy", "ExtendIfHITAgreementScoreIsLessThan", "101", "1 to 100"),
    ],
)
def test_policy_parameter_ranges(member: str, key: str, value: str, rule: str) -> None:
    params = [p for p in POLICY_EXAMPLES[member] if p["Key"] != key]
    params.append({"Key": key, "Values": [value]})
    if member == "HITReviewPolicy":
        extend = {
            "ExtendIfHITAgreementScoreIsLessThan": "50",
            "ExtendMaximumAssignments": "3",
            "ExtendMinimumTimeInSeconds": "3600",
        }
        params[3:3] = [{"Key": k, "Values": [v]} for k, v in extend.items() if k != key]
    error = one_error(_policy(member, params))
    name = ASSIGNMENT if member == "AssignmentReviewPolicy" else HIT
    index = next(i for i, p in enumerate(params) if p["Key"] == key)
    assert error["type"] == "review_policy_value"
    assert error["loc"] == (member, "Parameters", index, "Values", 0)
    assert error["msg"] == f"{key} of {name} should be {rule}; got {value}"


@pytest.mark.parametrize("value", ["79.5", "eighty", "", " 80", "٨٠"])
def test_policy_integer_values(value: str) -> None:
    params = [ANSWER_KEY, {"Key": "ApproveIfKnownAnswerScoreIsAtLeast", "Values": [value]}]
    error = one_error(_policy("AssignmentReviewPolicy", params))
    assert (error["type"], error["loc"]) == (
        "review_policy_value",
        ("AssignmentReviewPolicy", "Parameters", 1, "Values", 0),
    )
    assert error["msg"] == (
        "ApproveIfKnownAnswerScoreIsAtLeast should be an integer written as a string, such as "
        f"'80'; got {value!r}"
    )


@pytest.mark.parametrize("value", ["true", "t", "1", "False"])
def test_policy_boolean_is_t_or_f(value: str) -> None:
    params = [
        *POLICY_EXAMPLES["HITReviewPolicy"],
        {"Key": "DisregardAssignmentIfRejected", "Values": [value]},
    ]
    error = one_error(_policy("HITReviewPolicy", params))
    assert (error["type"], error["loc"]) == (
        "review_policy_value",
        ("HITReviewPolicy", "Parameters", 3, "Values", 0),
    )
    assert error["msg"] == f"DisregardAssignmentIfRejected should be 'T' or 'F'; got {value!r}"


def test_policy_scalar_takes_one_value() -> None:
    params = [ANSWER_KEY, {"Key": "ApproveReason", "Values": ["a", "b"]}]
    error = one_error(_policy("AssignmentReviewPolicy", params))
    assert (error["type"], error["loc"]) == (
        "review_policy_value",
        ("AssignmentReviewPolicy", "Parameters", 1, "Values"),
    )
    assert error["msg"] == "ApproveReason takes exactly one value; got 2"
    error = one_error(_policy("AssignmentReviewPolicy", [ANSWER_KEY, {"Key": "RejectReason"}]))
    assert (error["type"], error["loc"]) == (
        "review_policy_value",
        ("AssignmentReviewPolicy", "Parameters", 1),
    )
    assert error["msg"] == "RejectReason of ScoreMyKnownAnswers/2011-09-01 needs Values; got none"


@pytest.mark.parametrize("count", [0, 16])
def test_question_ids_count(count: int) -> None:
    params = [
        {"Key": "QuestionIDs", "Values": [f"q{i}" for i in range(count)]},
        {"Key": "QuestionAgreementThreshold", "Values": ["100"]},
    ]
    error = one_error(_policy("HITReviewPolicy", params))
    assert (error["type"], error["loc"]) == (
        "review_policy_value",
        ("HITReviewPolicy", "Parameters", 0, "Values"),
    )
    assert error["msg"].startswith("QuestionIDs takes 1 to 15 question IDs")
    assert error["msg"].endswith(f"; got {count}")


@pytest.mark.parametrize(
    ("values", "count"),
    [
        ([",".join(f"q{i}" for i in range(16))], 16),
        (["q1,q2,q3", *(f"q{i}" for i in range(4, 17))], 16),
        ([",".join(f"q{i}" for i in range(8)), ",".join(f"q{i}" for i in range(8, 17))], 17),
    ],
)
def test_question_ids_in_comma_separated_values_are_counted(values: list[str], count: int) -> None:
    """More than 15 QuestionIds in comma-separated Values is refused like 16 Values."""
    params = [
        {"Key": "QuestionIds", "Values": values},
        {"Key": "QuestionAgreementThreshold", "Values": ["100"]},
    ]
    error = one_error(_policy("HITReviewPolicy", params))
    assert (error["type"], error["loc"]) == (
        "review_policy_value",
        ("HITReviewPolicy", "Parameters", 0, "Values"),
    )
    assert error["msg"].endswith(f"; got {count}")
    fifteen = [",".join(f"q{i}" for i in range(15))]
    ok = [{"Key": "QuestionIds", "Values": fifteen}, params[1]]
    CreateHITRequest.model_validate(_policy("HITReviewPolicy", ok))


SIMPLE_PLURALITY_INTEGERS = [
    "QuestionAgreementThreshold",
    "DisregardAssignmentIfKnownAnswerScoreIsLessThan",
    "ExtendMaximumAssignments",
    "ApproveIfWorkerAgreementScoreIsAtLeast",
    "RejectIfWorkerAgreementScoreIsLessThan",
]


@pytest.mark.parametrize("key", SIMPLE_PLURALITY_INTEGERS)
@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("2147483647", True),
        ("-2147483648", True),
        ("0002147483647", True),
        ("2147483648", False),
        ("-2147483649", False),
        ("9" * 5000, False),  # int() refuses over 4,300 digits: still an error, not a crash
    ],
)
def test_policy_integers_are_32_bit(key: str, value: str, ok: bool) -> None:
    params = [
        {"Key": "QuestionIds", "Values": ["q1"]},
        {"Key": "QuestionAgreementThreshold", "Values": ["50"]},
    ]
    params = [p for p in params if p["Key"] != key] + [{"Key": key, "Values": [value]}]
    data = _policy("HITReviewPolicy", params)
    if ok:
        CreateHITRequest.model_validate(data)
        return
    error = one_error(data)
    assert (error["type"], error["loc"]) == (
        "review_policy_value",
        ("HITReviewPolicy", "Parameters", len(params) - 1, "Values", 0),
    )
    assert "-2,147,483,648 to 2,147,483,647" in error["msg"]
    assert len(error["msg"]) < 300


def test_map_entries_only_for_answer_key() -> None:
    entries = [{"Key": "q", "Values": ["a"]}]
    params = [ANSWER_KEY, {"Key": "ApproveReason", "Values": ["ok"], "MapEntries": entries}]
    error = one_error(_policy("AssignmentReviewPolicy", params))
    assert (error["type"], error["loc"]) == (
        "review_policy_parameter",
        ("AssignmentReviewPolicy", "Parameters", 1, "MapEntries"),
    )
    assert error["msg"] == (
        "ApproveReason of ScoreMyKnownAnswers/2011-09-01 takes Values, not MapEntries (only "
        f"AnswerKey of ScoreMyKnownAnswers/2011-09-01 does); got MapEntries {entries!r}"
    )


def test_answer_key_takes_map_entries() -> None:
    error = one_error(_policy("AssignmentReviewPolicy", [{**ANSWER_KEY, "Values": ["B"]}]))
    assert (error["type"], error["loc"]) == (
        "review_policy_parameter",
        ("AssignmentReviewPolicy", "Parameters", 0, "Values"),
    )
    assert error["msg"] == (
        "AnswerKey of ScoreMyKnownAnswers/2011-09-01 takes MapEntries (question IDs and their "
        "answers), not Values; got Values ['B']"
    )
    error = one_error(_policy("AssignmentReviewPolicy", [{"Key": "AnswerKey", "MapEntries": []}]))
    assert (error["type"], error["loc"]) == (
        "review_policy_parameter",
        ("AssignmentReviewPolicy", "Parameters", 0, "MapEntries"),
    )
    assert error["msg"] == (
        "AnswerKey of ScoreMyKnownAnswers/2011-09-01 needs at least one MapEntry (a question ID "
        "and its answers); got []"
    )


def test_answer_key_question_id_at_most_255_bytes() -> None:
    ok = {"Key": "AnswerKey", "MapEntries": [{"Key": "é" * 127, "Values": ["a"]}]}
    CreateHITRequest.model_validate(_policy("AssignmentReviewPolicy", [ok]))
    qid = "é" * 128
    bad = {"Key": "AnswerKey", "MapEntries": [{"Key": "q"}, {"Key": qid, "Values": ["a"]}]}
    error = one_error(_policy("AssignmentReviewPolicy", [bad]))
    assert (error["type"], error["loc"]) == (
        "review_policy_value",
        ("AssignmentReviewPolicy", "Parameters", 0, "MapEntries", 1, "Key"),
    )
    assert error["msg"] == (
        f"AnswerKey question ID {qid[:20]!r}... should be at most 255 bytes; got 256 bytes"
    )


@pytest.mark.parametrize(
    ("member", "parameters", "missing"),
    [
        ("AssignmentReviewPolicy", None, ["AnswerKey"]),
        ("AssignmentReviewPolicy", [{"Key": "ApproveReason", "Values": ["x"]}], ["AnswerKey"]),
        ("HITReviewPolicy", [], ["QuestionIds", "QuestionAgreementThreshold"]),
        ("HITReviewPolicy", CATEGORIZATION[1:], ["QuestionIds"]),
        ("HITReviewPolicy", CATEGORIZATION[:1], ["QuestionAgreementThreshold"]),
    ],
)
def test_required_policy_parameters(
    member: str, parameters: list[dict[str, Any]] | None, missing: list[str]
) -> None:
    data = _policy(member, parameters or [])
    if parameters is None:
        del data[member]["Parameters"]
    found = errors_of(CreateHITRequest, data)
    name = ASSIGNMENT if member == "AssignmentReviewPolicy" else HIT
    assert [(e["type"], e["loc"], e["msg"]) for e in found] == [
        (
            "review_policy_required",
            (member, "Parameters"),
            f"{name} requires the parameter {key}; got none",
        )
        for key in missing
    ]


def test_extend_if_hit_agreement_requires_maximum_and_time() -> None:
    params = [
        *POLICY_EXAMPLES["HITReviewPolicy"],
        {"Key": "ExtendIfHITAgreementScoreIsLessThan", "Values": ["50"]},
    ]
    found = errors_of(CreateHITRequest, _policy("HITReviewPolicy", params))
    loc = ("HITReviewPolicy", "Parameters", 3, "Key")
    assert [(e["type"], e["loc"], e["msg"]) for e in found] == [
        (
            "review_policy_required",
            loc,
            f"ExtendIfHITAgreementScoreIsLessThan requires {other} as well; got no {other}",
        )
        for other in ("ExtendMaximumAssignments", "ExtendMinimumTimeInSeconds")
    ]


def test_policy_errors_come_with_the_other_errors() -> None:
    data = _policy("AssignmentReviewPolicy", [ANSWER_KEY, {"Key": "Bogus", "Values": ["x"]}])
    data["HITReviewPolicy"] = {"PolicyName": HIT, "Parameters": [{"Key": "QuestionIds"}]}
    data["Title"] = ""
    found = errors_of(CreateHITRequest, data)
    assert sorted(e["type"] for e in found) == [
        "review_policy_parameter",
        "review_policy_required",
        "review_policy_value",
        "string_too_short",
    ]


def test_policy_parameters_of_model_instances() -> None:
    policy = ReviewPolicy(
        policy_name=ASSIGNMENT,
        parameters=(
            PolicyParameter(
                key="AnswerKey", map_entries=(ParameterMapEntry(key="q", values=("a",)),)
            ),
            PolicyParameter(key="ExtendMaximumAssignments", values=("30",)),
        ),
    )
    error = one_error({**VALID, "AssignmentReviewPolicy": policy})
    assert error["loc"] == ("AssignmentReviewPolicy", "Parameters", 1, "Values", 0)


@pytest.mark.parametrize(
    "parameters",
    [
        "nope",
        [ANSWER_KEY, "nope"],
        [ANSWER_KEY, {"Key": 5, "Values": ["1"]}],
        [ANSWER_KEY, {"Key": "ApproveReason", "Values": "x"}],
        [ANSWER_KEY, {"Key": "ApproveReason", "Values": [5]}],
    ],
)
def test_malformed_policy_parameters_are_left_to_the_field_errors(parameters: Any) -> None:
    found = errors_of(CreateHITRequest, _policy("AssignmentReviewPolicy", parameters))
    assert found
    assert not [e for e in found if e["type"].startswith("review_policy")]


# --- unknown keys ----------------------------------------------------------------------------


def test_unknown_key_suggests_the_closest() -> None:
    error = one_error({**VALID, "Rewrd": "0.10"})
    assert (error["type"], error["loc"]) == ("extra_forbidden", ("Rewrd",))
    assert error["msg"] == "Unknown key 'Rewrd'; did you mean 'Reward'?"
    assert one_error({**VALID, "Zzzzz": 1})["msg"] == "Unknown key 'Zzzzz'"


def test_each_unknown_key_is_one_error() -> None:
    found = errors_of(CreateHITRequest, {**VALID, "Titel": "a", "Descripton": "b"})
    assert sorted(e["msg"] for e in found) == [
        "Unknown key 'Descripton'; did you mean 'Description'?",
        "Unknown key 'Titel'; did you mean 'Title'?",
    ]


def test_unknown_keys_in_nested_requirements_and_locales() -> None:
    requirement = {
        "QualificationTypeId": WORKER_LOCALE,
        "Comparator": "In",
        "LocaleValues": [{"Country": "US"}, {"Country": "CA", "Contry": "CA"}],
        "ActionGuarded": "Accept",
    }
    found = errors_of(CreateHITRequest, {**VALID, "QualificationRequirements": [requirement]})
    by_loc = {".".join(map(str, e["loc"])): e["msg"] for e in found}
    assert by_loc == {
        "QualificationRequirements.0.LocaleValues.1.Contry": (
            "Unknown key 'Contry'; did you mean 'Country'?"
        ),
        "QualificationRequirements.0.ActionGuarded": (
            "Unknown key 'ActionGuarded'; did you mean 'ActionsGuarded'?"
        ),
    }
    # The response models themselves keep unknown keys (AWS may add some): unchanged.
    assert Locale.model_validate({"Country": "CA", "Contry": "CA"}).model_extra == {"Contry": "CA"}


def test_unknown_keys_in_model_instances_inside_a_request() -> None:
    extra = QualificationRequirement.model_validate({**_req(), "Foo": 1})
    error = one_error({**VALID, "QualificationRequirements": [extra]})
    assert error["loc"] == ("QualificationRequirements", 0, "Foo")
    locale = Locale.model_validate({"Country": "US", "Subdivison": "WA"})
    req = QualificationRequirement(
        qualification_type_id=WORKER_LOCALE, comparator="EqualTo", locale_values=(locale,)
    )
    error = one_error({**VALID, "QualificationRequirements": [req]})
    assert error["msg"] == "Unknown key 'Subdivison'; did you mean 'Subdivision'?"


def test_unknown_keys_in_request_structures() -> None:
    parameters = [*CATEGORIZATION, {"Key": "RejectReason", "Values": ["x"], "Valu": ["1"]}]
    policy = {"PolicyName": "SimplePlurality/2011-09-01", "Parameters": parameters}
    error = one_error({**VALID, "HITReviewPolicy": policy})
    assert error["loc"] == ("HITReviewPolicy", "Parameters", 4, "Valu")
    assert error["msg"] == "Unknown key 'Valu'; did you mean 'Values'?"


# --- all at once --------------------------------------------------------------------------------


def test_every_independent_violation_is_reported_at_once() -> None:
    bad = {
        **VALID,
        "Title": "x" * 129,  # 1
        "Reward": "$0.10",  # 2
        "LifetimeInSeconds": 10,  # 3
        "Rewrd": "1",  # 4
        "HITLayoutId": "3LAYOUT",  # 5: both Question and HITLayoutId
        "HITReviewPolicy": {"PolicyName": "Nope"},  # 6
        "QualificationRequirements": [
            _req(Comparator="Equals"),  # 7
            _req(QualificationTypeId=MASTERS_PRODUCTION, Comparator="EqualTo", IntegerValues=[1]),
            {**_req(), "LocaleValues": [{"Contry": "US", "Country": "US"}]},  # 9, 10
        ],
    }
    # 8: masters_comparator; 9: LocaleValues on a non-locale type; 10: Contry.
    found = errors_of(CreateHITRequest, bad)
    assert sorted(e["type"] for e in found) == sorted(
        [
            "string_too_long",
            "currency_amount",
            "greater_than_equal",
            "extra_forbidden",
            "question_or_layout",
            "review_policy_name",
            "enum",
            "masters_comparator",
            "locale_values_type",
            "extra_forbidden",
        ]
    )


@given(st.lists(st.sampled_from(range(6)), min_size=1, max_size=6, unique=True))
def test_n_violations_give_n_errors(picked: list[int]) -> None:
    mutations: list[tuple[str, Any]] = [
        ("Title", ""),
        ("Description", "x" * 2001),
        ("Reward", "0.105"),
        ("MaxAssignments", 0),
        ("Keywords", "k" * 1001),
        ("Titl", "typo"),
    ]
    data = dict(VALID)
    for index in picked:
        key, value = mutations[index]
        data[key] = value
    assert len(errors_of(CreateHITRequest, data)) == len(picked)


# --- the Question string -----------------------------------------------------------------------


def test_question_models_become_their_xml() -> None:
    question = ExternalQuestion(external_url="https://example.com/task", frame_height=0)
    req = CreateHITRequest.model_validate({**VALID, "Question": question})
    assert req.question == EXTERNAL
    assert req.to_boto3()["Question"] == EXTERNAL


def test_question_size_limit_in_utf8_bytes_warns() -> None:
    """Over 65,535 bytes as UTF-8 (not characters) is a QuestionSizeWarning, not an error:
    larger HTMLQuestions have been created and answered."""
    text = "é" * 32_700  # 65,400 bytes of text: the document is just over 65,535 bytes
    page = f"<crowd-form><p>{text}</p></crowd-form>"
    big = HTMLQuestion.model_validate({"html_content": page, "frame_height": 0}).to_xml()
    assert len(big) < 65_535 < len(big.encode("utf-8"))
    with pytest.warns(QuestionSizeWarning, match=r"over the 65,535 bytes") as caught:
        request = CreateHITRequest.model_validate({**VALID, "Question": big})
    assert request.to_boto3()["Question"] == big
    assert [w.category for w in caught] == [QuestionSizeWarning]
    fits = HTMLQuestion.model_validate({"html_content": page[:-20_000], "frame_height": 0})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        CreateHITRequest.model_validate({**VALID, "Question": fits})


@pytest.mark.parametrize("extra", ["", "é"])
def test_question_size_limit_exactly(extra: str) -> None:
    """65,535 bytes pass quietly and 65,536 warn, however the bytes are made of characters."""

    def page(text: str) -> str:
        html = f"<crowd-form>{extra}{text}</crowd-form>"
        return HTMLQuestion(html_content=html, frame_height=0).to_xml()

    room = 65_535 - len(page("").encode("utf-8"))
    exact = page("x" * room)
    assert len(exact.encode("utf-8")) == 65_535
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        CreateHITRequest.model_validate({**VALID, "Question": exact})
    over = page("x" * (room + 1))
    with pytest.warns(QuestionSizeWarning, match=r"Question is 65,536 bytes"):
        CreateHITRequest.model_validate({**VALID, "Question": over})


def test_a_large_question_that_breaks_another_rule_still_fails() -> None:
    """The warning replaces only the size rule: a large invalid document is still an error."""
    big = "<x>" + "y" * 70_000 + "</x>"
    with pytest.warns(QuestionSizeWarning):
        error = one_error({**VALID, "Question": big})
    assert error["type"] == "question_document"


def test_html_question_elements_in_schema_order() -> None:
    form = HTMLQuestion(html_content="<p>x</p>", frame_height=0).to_xml()
    start, end = form.index("<HTMLContent>"), form.index("</HTMLContent>") + len("</HTMLContent>")
    swapped = (
        form[:start]
        + "<FrameHeight>0</FrameHeight>"
        + form[start:end]
        + form[end:].replace("<FrameHeight>0</FrameHeight>", "", 1)
    )
    error = one_error({**VALID, "Question": swapped})
    assert error["type"] == "question_document"
    assert "out of order; the schema's order is HTMLContent, FrameHeight" in error["msg"]
    missing = form.replace("<FrameHeight>0</FrameHeight>", "")
    assert one_error({**VALID, "Question": missing})["type"] == "question_document"


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("not xml", "not well-formed XML"),
        (
            "<ExternalQuestion><ExternalURL>https://a.com</ExternalURL></ExternalQuestion>",
            "namespace",
        ),
        (EXTERNAL.replace("https://", "http://"), "https:// URL"),
        (EXTERNAL.replace("ExternalQuestion", "Questionnaire"), "root should be"),
        ("<!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>", "refused"),
    ],
)
def test_question_must_be_a_valid_document(question: str, reason: str) -> None:
    error = one_error({**VALID, "Question": question})
    assert error["type"] == "question_document"
    assert reason in error["msg"]


FORM_2005 = (
    '<QuestionForm xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/'
    '2005-10-01/QuestionForm.xsd"><Question><QuestionIdentifier>f</QuestionIdentifier>'
    "<QuestionContent><Text>Upload</Text>{content}</QuestionContent><AnswerSpecification>"
    "{answer}</AnswerSpecification></Question></QuestionForm>"
)
UPLOAD = (
    "<FileUploadAnswer><MaxFileSizeInBytes>100</MaxFileSizeInBytes><MinFileSizeInBytes>0"
    "</MinFileSizeInBytes></FileUploadAnswer>"
)
APPLET = (
    "<Application><JavaApplet><AppletPath>https://example.com/</AppletPath><AppletFilename>a"
    "</AppletFilename><Width>1</Width><Height>1</Height></JavaApplet></Application>"
)


@pytest.mark.parametrize(
    ("content", "answer", "where"),
    [
        ("", UPLOAD, "FileUploadAnswer in question 'f'"),
        (APPLET, "<FreeTextAnswer/>", "Application in question 'f'"),
        (APPLET, UPLOAD, "Application in question 'f', FileUploadAnswer in question 'f'"),
    ],
)
def test_retired_elements_are_refused_for_new_hits(content: str, answer: str, where: str) -> None:
    error = one_error({**VALID, "Question": FORM_2005.format(content=content, answer=answer)})
    assert error["type"] == "question_retired_element"
    assert error["msg"] == (
        "QuestionForm uses elements MTurk no longer supports (since 12 December 2017: "
        f"FileUploadAnswer and Application): {where}"
    )
    form = FORM_2005.format(content="", answer="<FreeTextAnswer/>")
    assert CreateHITRequest.model_validate({**VALID, "Question": form}).question == form


def test_html_question_that_cannot_be_submitted_warns() -> None:
    page = HTMLQuestion.model_validate({"html_content": "<p>No form</p>", "frame_height": 0})
    with pytest.warns(HTMLQuestionWarning, match="no <form> and no <crowd-form>"):
        CreateHITRequest.model_validate({**VALID, "Question": page})


# --- environments ------------------------------------------------------------------------------


def test_sandbox_masters_in_production_warns() -> None:
    data = {**VALID, "QualificationRequirements": [masters("sandbox")]}
    with pytest.warns(QualificationEnvironmentWarning, match="sandbox Masters .* for production"):
        CreateHITRequest.model_validate(data, context={"environment": "production"})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        CreateHITRequest.model_validate(data, context={"environment": "sandbox"})
        req = CreateHITRequest.model_validate(data)  # no environment: no opinion
    with pytest.warns(QualificationEnvironmentWarning):
        assert req.check_environment("production") == [MASTERS_SANDBOX]


def test_production_masters_in_sandbox_warns() -> None:
    data = {**VALID, "QualificationRequirements": [masters("production")]}
    with pytest.warns(QualificationEnvironmentWarning, match="production Masters"):
        CreateHITTypeRequest.model_validate(
            {k: v for k, v in data.items() if k in VALID_TYPE or k == "QualificationRequirements"},
            context={"environment": "sandbox"},
        )


def test_unknown_environment_is_an_error() -> None:
    req = CreateHITRequest.model_validate(VALID)
    with pytest.raises(ValueError, match=r"should be 'production' or 'sandbox'.*got 'staging'"):
        req.check_environment("staging")


# --- names, round trips and boto3's own validation ---------------------------------------------


def test_building_by_attribute_name() -> None:
    req = CreateHITRequest.model_validate(
        {
            "title": "T",
            "description": "D",
            "reward": "0.5",
            "lifetime_in_seconds": 60,
            "assignment_duration_in_seconds": 60,
            "hit_layout_id": "3LAYOUT",
            "hit_layout_parameters": [HITLayoutParameter(name="a", value="b")],
            "assignment_review_policy": ReviewPolicy(
                policy_name="ScoreMyKnownAnswers/2011-09-01",
                parameters=(
                    PolicyParameter(key="AnswerKey", map_entries=(ParameterMapEntry(key="q"),)),
                ),
            ),
        }
    )
    assert req.to_boto3() == {
        "Title": "T",
        "Description": "D",
        "Reward": "0.50",
        "LifetimeInSeconds": 60,
        "AssignmentDurationInSeconds": 60,
        "HITLayoutId": "3LAYOUT",
        "HITLayoutParameters": [{"Name": "a", "Value": "b"}],
        "AssignmentReviewPolicy": {
            "PolicyName": "ScoreMyKnownAnswers/2011-09-01",
            "Parameters": [{"Key": "AnswerKey", "MapEntries": [{"Key": "q"}]}],
        },
    }


@given(create_hit_requests())
def test_generated_requests_round_trip(req: CreateHITRequest) -> None:
    assert CreateHITRequest.model_validate(req.to_boto3()) == req


@given(create_hit_type_requests())
def test_generated_hit_type_requests_round_trip(req: CreateHITTypeRequest) -> None:
    assert CreateHITTypeRequest.model_validate(req.to_boto3()) == req


@given(create_hit_with_hit_type_requests())
def test_generated_with_hit_type_requests_round_trip(req: CreateHITWithHITTypeRequest) -> None:
    assert CreateHITWithHITTypeRequest.model_validate(req.to_boto3()) == req


@pytest.fixture(scope="module")
def client() -> Any:
    return boto3.client(
        "mturk",
        region_name="us-east-1",
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="secret",
    )


def _stubbed_call(client: Any, operation: str, kwargs: dict[str, Any], response: Any) -> None:
    with Stubber(client) as stub:
        stub.add_response(operation, response, expected_params=kwargs)
        getattr(client, operation)(**kwargs)  # botocore validates the parameters first
        stub.assert_no_pending_responses()


@given(req=create_hit_requests())
def test_boto3_accepts_create_hit(client: Any, req: CreateHITRequest) -> None:
    _stubbed_call(client, "create_hit", req.to_boto3(), {"HIT": {"HITId": "3HIT"}})


@given(req=create_hit_type_requests())
def test_boto3_accepts_create_hit_type(client: Any, req: CreateHITTypeRequest) -> None:
    _stubbed_call(client, "create_hit_type", req.to_boto3(), {"HITTypeId": "3TYPE"})


@given(req=create_hit_with_hit_type_requests())
def test_boto3_accepts_create_hit_with_hit_type(
    client: Any, req: CreateHITWithHITTypeRequest
) -> None:
    _stubbed_call(client, "create_hit_with_hit_type", req.to_boto3(), {"HIT": {"HITId": "3HIT"}})


# --- single mutations ----------------------------------------------------------------------------

MUTATIONS: list[tuple[str, Any, str]] = [
    ("Title", "t" * 129, "string_too_long"),
    ("Description", "", "string_too_short"),
    ("Keywords", "k" * 1001, "string_too_long"),
    ("RequesterAnnotation", "r" * 256, "string_too_long"),
    ("UniqueRequestToken", "u" * 65, "string_too_long"),
    ("LifetimeInSeconds", 29, "greater_than_equal"),
    ("AssignmentDurationInSeconds", 31_536_001, "less_than_equal"),
    ("AutoApprovalDelayInSeconds", 2_592_001, "less_than_equal"),
    ("MaxAssignments", 0, "greater_than_equal"),
    ("Reward", "0.001", "currency_amount"),
    ("QualificationRequirements", [_req()] * 11, "too_long"),
    ("QualificationRequirements", [_req(IntegerValues=[5])], "comparator_no_values"),
    ("HITReviewPolicy", {"PolicyName": "x"}, "review_policy_name"),
    ("Reward!", "typo", "extra_forbidden"),
]


# 15 mutations x a sixth of the profile's examples each: every mutation runs, the suite stays fast.
@pytest.mark.parametrize(("member", "value", "code"), MUTATIONS, ids=[m[2] for m in MUTATIONS])
@settings(max_examples=max(10, settings.default.max_examples // 6))
@given(req=create_hit_requests())
def test_each_single_mutation_is_caught(
    member: str, value: Any, code: str, req: CreateHITRequest
) -> None:
    found = errors_of(CreateHITRequest, {**req.to_boto3(), member: value})
    assert [e["type"] for e in found] == [code]


@given(req=create_hit_requests())
def test_adding_the_other_of_question_and_layout_is_caught(req: CreateHITRequest) -> None:
    data = req.to_boto3()
    if "Question" in data:
        data["HITLayoutId"] = "3LAYOUT"
    else:
        data["Question"] = EXTERNAL
    assert [e["type"] for e in errors_of(CreateHITRequest, data)] == ["question_or_layout"]


# --- any input gives a request or a ValidationError ----------------------------------------------

_JUNK = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5) | st.floats(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=8,
)
_KEYS = sorted({alias for model, _ in ALL_SHAPES for alias in _aliases(model)} | {"Rewrd", "title"})


@given(
    st.dictionaries(
        st.sampled_from(_KEYS),
        _JUNK | st.lists(st.dictionaries(st.sampled_from(_KEYS), _JUNK), max_size=2),
    )
    | _JUNK
)
def test_any_input_gives_a_request_or_a_validation_error(data: Any) -> None:
    for model in (CreateHITRequest, CreateHITTypeRequest, CreateHITWithHITTypeRequest):
        errors: list[Any] = []
        try:
            model.model_validate(data)
        except ValidationError as exc:
            errors = exc.errors()
        assert all(e["type"] and e["msg"] for e in errors)


def test_one_shot_iterables_of_requirements_are_checked_too() -> None:
    bad = {**_req(), "Extra": 1}
    error = one_error({**VALID, "QualificationRequirements": (r for r in [_req(), bad])})
    assert error["loc"] == ("QualificationRequirements", 1, "Extra")
    masters_eq = _req(
        QualificationTypeId=MASTERS_PRODUCTION, Comparator="EqualTo", IntegerValues=[1]
    )
    error = one_error({**VALID, "QualificationRequirements": iter([masters_eq])})
    assert error["type"] == "masters_comparator"


def test_not_an_object() -> None:
    for data in (None, [], "Title"):
        found = errors_of(CreateHITRequest, data)  # type: ignore[arg-type]
        assert [e["type"] for e in found] == ["model_type"]


# --- review 1: fixes -----------------------------------------------------------------------------


def with_masters(type_id: str) -> dict[str, Any]:
    return {
        **VALID,
        "QualificationRequirements": [masters().to_boto3() | {"QualificationTypeId": type_id}],
    }


def test_environment_warning_points_at_the_caller() -> None:
    """Review 1, item 11: the warning names this file and line, not the validator's."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        line = sys._getframe().f_lineno + 1
        CreateHITRequest.model_validate(
            with_masters(MASTERS_SANDBOX), context={"environment": "production"}
        )
    assert [w.category for w in caught] == [QualificationEnvironmentWarning]
    assert (caught[0].filename, caught[0].lineno) == (__file__, line)
    req = CreateHITRequest.model_validate(with_masters(MASTERS_PRODUCTION))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        line = sys._getframe().f_lineno + 1
        req.check_environment("sandbox")
    assert (caught[0].filename, caught[0].lineno) == (__file__, line)


def test_html_warning_points_at_the_caller_and_module_filters_work() -> None:
    """Review 1, items 3 and 11: an unreadable page warns (at the caller's line), never fails."""
    page = HTMLQuestion(html_content="<![ foo [ bar ]]>", frame_height=0)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        line = sys._getframe().f_lineno + 1
        req = CreateHITRequest.model_validate({**VALID, "Question": page})
    assert req.question == page.to_xml()
    assert [w.category for w in caught] == [HTMLQuestionWarning]
    assert "html_unreadable" not in str(caught[0].message)
    assert "could not be read as HTML" in str(caught[0].message)
    assert (caught[0].filename, caught[0].lineno) == (__file__, line)
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.filterwarnings("ignore", category=HTMLQuestionWarning, module=__name__)
        with warnings.catch_warnings(record=True) as caught:
            CreateHITRequest.model_validate({**VALID, "Question": page})
    assert caught == []


def test_unknown_environment_in_context_lists_the_allowed_values() -> None:
    found = errors_of(CreateHITRequest, VALID, context={"environment": "prod"})
    assert [e["type"] for e in found] == ["environment"]
    assert (
        "'environment' should be 'production' or 'sandbox' (any case); got 'prod'"
        in found[0]["msg"]
    )
    with pytest.warns(QualificationEnvironmentWarning, match="in a request for production"):
        CreateHITRequest.model_validate(
            with_masters(MASTERS_SANDBOX), context={"environment": "Production"}
        )


@pytest.mark.parametrize(("first", "second"), [("Title", "title"), ("title", "Title")])
def test_both_spellings_of_a_key_is_a_duplicate(first: str, second: str) -> None:
    data = {k: v for k, v in VALID.items() if k != "Title"} | {first: "Tag", second: "Tag"}
    error = one_error(data)
    assert error["type"] == "duplicate_key"
    assert (
        "Duplicate key 'title': 'Title' names the same field; give only one of them" in error["msg"]
    )


def test_duplicate_key_inside_a_qualification_requirement() -> None:
    req = masters().to_boto3() | {"comparator": "Exists"}
    error = one_error({**VALID, "QualificationRequirements": [req]})
    assert error["type"] == "duplicate_key"
    assert error["loc"] == ("QualificationRequirements", 0, "comparator")
    assert "'Comparator' names the same field" in error["msg"]


def test_request_rules_reuse_the_shared_constants() -> None:
    """Review 1, item 13: one comparator set, declared once."""
    from mturk_models.api import qualifications as qualification
    from mturk_models.api import requests

    for duplicate in ("_CENT", "_PRESENCE", "_MASTERS"):
        assert not hasattr(requests, duplicate), duplicate
    assert not hasattr(qualification, "_PRESENCE")


@pytest.mark.parametrize("reward", ["0.00", "0", "0.", Decimal(0), 0])
def test_a_zero_reward_is_accepted(reward: Any) -> None:
    """No API page states a minimum Reward, AWS's own Python sample creates a HIT with "0.00",
    and the HIT model reads 0.00 back: a request must not refuse it."""
    request = CreateHITRequest.model_validate({**VALID, "Reward": reward})
    assert request.to_boto3()["Reward"] == "0.00"
    hit = mturk_models.HIT.model_validate({"Reward": request.to_boto3()["Reward"]})
    assert hit.reward == Decimal(0)


@pytest.mark.parametrize(
    "values",
    [["200"], [200.0], deque([200]), (200,)],
)
def test_approval_rate_is_judged_on_the_validated_values(values: Any) -> None:
    """What pydantic converts ("200", 200.0, a deque) must not slip past the request rules."""
    bad = _req(
        QualificationTypeId=PERCENT_ASSIGNMENTS_APPROVED,
        Comparator="GreaterThan",
        IntegerValues=values,
    )
    error = one_error({**VALID, "QualificationRequirements": [bad]})
    assert (error["type"], error["loc"]) == (
        "approval_rate_range",
        ("QualificationRequirements", 0, "IntegerValues", 0),
    )


@pytest.mark.parametrize(
    ("type_id", "comparator"),
    [(MASTERS_PRODUCTION.encode(), "EqualTo"), (MASTERS_PRODUCTION, b"EqualTo")],
)
def test_masters_rule_is_judged_on_the_validated_values(type_id: Any, comparator: Any) -> None:
    bad = _req(QualificationTypeId=type_id, Comparator=comparator, IntegerValues=[1])
    error = one_error({**VALID, "QualificationRequirements": [bad]})
    assert (error["type"], error["input"]) == ("masters_comparator", "EqualTo")


def test_huge_numbers_are_validation_errors_not_crashes() -> None:
    for reward in (Decimal("1E+1000000"), "1" * 1_000_001):
        request = CreateHITRequest.model_validate({**VALID, "Reward": reward})
        assert request.to_boto3()["Reward"].endswith(".00")
    huge = _req(Comparator="GreaterThan", IntegerValues=[10**5000])
    error = one_error({**VALID, "QualificationRequirements": [huge]})
    assert error["type"] == "int32_range"
    assert error["msg"].endswith("got an integer of about 5,001 digits")


# --- every cross-field rule, by botocore key and by attribute name -------------------------------

_LAYOUT = {k: v for k, v in VALID.items() if k != "Question"} | {"HITLayoutId": "3LAYOUT"}
_MASTERS_EQUAL = _req(
    QualificationTypeId=MASTERS_PRODUCTION, Comparator="EqualTo", IntegerValues=[1]
)
_RATE_150 = _req(
    QualificationTypeId=PERCENT_ASSIGNMENTS_APPROVED, Comparator="GreaterThan", IntegerValues=[150]
)
CROSS_FIELD_RULES = [
    # (attribute name, botocore key, value, base request, code)
    (
        "hit_review_policy",
        "HITReviewPolicy",
        {"PolicyName": ASSIGNMENT},
        VALID,
        "review_policy_name",
    ),
    (
        "hit_review_policy",
        "HITReviewPolicy",
        {"PolicyName": HIT, "Parameters": [{"Key": "QuestionIds", "Values": ["q"]}]},
        VALID,
        "review_policy_required",
    ),
    (
        "assignment_review_policy",
        "AssignmentReviewPolicy",
        {"PolicyName": HIT},
        VALID,
        "review_policy_name",
    ),
    (
        "assignment_review_policy",
        "AssignmentReviewPolicy",
        {"PolicyName": ASSIGNMENT, "Parameters": [{**ANSWER_KEY, "Values": ["x"]}]},
        VALID,
        "review_policy_parameter",
    ),
    (
        "hit_layout_parameters",
        "HITLayoutParameters",
        [{"Name": "a", "Value": "b"}],
        VALID,
        "layout_parameters_without_layout",
    ),
    (
        "qualification_requirements",
        "QualificationRequirements",
        [_MASTERS_EQUAL],
        VALID,
        "masters_comparator",
    ),
    (
        "qualification_requirements",
        "QualificationRequirements",
        [_RATE_150],
        VALID,
        "approval_rate_range",
    ),
    ("hit_layout_id", "HITLayoutId", "3LAYOUT", VALID, "question_or_layout"),
    ("question", "Question", EXTERNAL, _LAYOUT, "question_or_layout"),
]


@pytest.mark.parametrize("spelling", ["name", "key"])
@pytest.mark.parametrize(
    ("name", "key", "value", "base", "code"),
    CROSS_FIELD_RULES,
    ids=[f"{case[0]}-{case[4]}" for case in CROSS_FIELD_RULES],
)
def test_each_cross_field_rule_in_both_spellings(
    spelling: str, name: str, key: str, value: Any, base: dict[str, Any], code: str
) -> None:
    """Each rule runs whether the member is given as boto3's key or as the attribute name (the
    error is located at the key the rule names)."""
    member = name if spelling == "name" else key
    found = errors_of(CreateHITRequest, {**base, member: value})
    assert [e["type"] for e in found] == [code]


@pytest.mark.parametrize("spelling", ["qualification_requirements", "QualificationRequirements"])
def test_environment_warning_in_both_spellings(spelling: str) -> None:
    data = {**VALID, spelling: [masters("sandbox")]}
    with pytest.warns(QualificationEnvironmentWarning):
        CreateHITRequest.model_validate(data, context={"environment": "production"})


@pytest.mark.parametrize("spelling", ["qualification_requirements", "QualificationRequirements"])
def test_unknown_keys_inside_requirements_in_both_spellings(spelling: str) -> None:
    requirement = {**_req(), "Extra": 1}
    error = one_error({**VALID, spelling: [requirement]})
    assert (error["type"], error["loc"]) == ("extra_forbidden", (spelling, 0, "Extra"))


def test_reraised_field_errors_carry_the_users_input() -> None:
    """The wrap validator re-raises pydantic's errors: their input is what the user gave."""
    title = "x" * 129
    requirement = _req(Comparator="Equals")
    found = {
        e["loc"]: e["input"]
        for e in errors_of(
            CreateHITRequest, {**VALID, "Title": title, "QualificationRequirements": [requirement]}
        )
    }
    assert found[("Title",)] is title
    assert found[("QualificationRequirements", 0, "Comparator")] == "Equals"
    data = {k: v for k, v in VALID.items() if k != "Title"}
    (missing,) = errors_of(CreateHITRequest, data)
    assert missing["input"] is data


def test_request_strategies_read_the_limits_from_the_fields() -> None:
    """The strategies take each limit from the field's metadata, where it is declared once."""
    from mturk_models.testing import _field_limits

    assert _field_limits(CreateHITRequest, "lifetime_in_seconds") == (30, 31_536_000)
    assert _field_limits(CreateHITRequest, "auto_approval_delay_in_seconds") == (0, 2_592_000)
    assert _field_limits(CreateHITRequest, "max_assignments") == (1, 1_000_000_000)
    assert _field_limits(CreateHITRequest, "keywords") == (None, 1_000)
    assert _field_limits(CreateHITRequest, "unique_request_token") == (1, 64)
    assert _field_limits(CreateHITRequest, "qualification_requirements") == (None, 10)


@given(create_hit_requests())
def test_generated_requests_reach_the_limits_only_within_them(req: CreateHITRequest) -> None:
    data = req.to_boto3()
    assert 30 <= data["LifetimeInSeconds"] <= 31_536_000
    assert 1 <= len(data["Title"]) <= 128
    assert len(data.get("QualificationRequirements", ())) <= 10


def test_the_policy_table_answers_for_integer_parameters_only() -> None:
    from mturk_models.api.reviews import parameter_range, review_policy_errors

    assert parameter_range(HIT, "QuestionAgreementThreshold") == (-(2**31), 2**31 - 1)
    assert parameter_range(ASSIGNMENT, "ExtendMinimumTimeInSeconds") == (60, 31_536_000)
    with pytest.raises(ValueError, match="ApproveReason"):
        parameter_range(ASSIGNMENT, "ApproveReason")
    assert review_policy_errors("HITReviewPolicy", "Unknown/2020-01-01", [{"Key": "x"}]) == []
