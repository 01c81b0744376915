"""The requests of the qualification operations: 32-bit values, text limits, and the rules of a
qualification test (a QuestionForm with its duration, an AnswerKey only with it, no AutoGranted)."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from mturk_models import (
    AcceptQualificationRequestRequest,
    AssociateQualificationWithWorkerRequest,
    CreateQualificationTypeRequest,
    ListQualificationTypesRequest,
    ListWorkersWithQualificationTypeRequest,
    QuestionForm,
    RequestWarning,
    UpdateQualificationTypeRequest,
    parse_question,
)

QTYPE = "3TL87MO8CLOFYXKXL2DD6F6RPQ2U4O"
FORM_NS = (
    "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2017-11-06/QuestionForm.xsd"
)
FORM_NS_2005 = (
    "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/QuestionForm.xsd"
)
KEY_NS = "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/AnswerKey.xsd"


def form(text: str = "2 + 2?", namespace: str = FORM_NS, answer: str = "<FreeTextAnswer/>") -> str:
    return (
        f'<QuestionForm xmlns="{namespace}"><Question><QuestionIdentifier>q1</QuestionIdentifier>'
        f"<QuestionContent><Text>{text}</Text></QuestionContent><AnswerSpecification>{answer}"
        "</AnswerSpecification></Question></QuestionForm>"
    )


TEST = form()
ANSWER_KEY = (
    f'<AnswerKey xmlns="{KEY_NS}"><Question><QuestionIdentifier>q1</QuestionIdentifier>'
    "<AnswerOption><SelectionIdentifier>a</SelectionIdentifier><AnswerScore>1</AnswerScore>"
    "</AnswerOption></Question></AnswerKey>"
)
CREATE = {"Name": "Arithmetic", "Description": "One sum", "QualificationTypeStatus": "Active"}
UPDATE = {"QualificationTypeId": QTYPE}


def errors(model: type[BaseModel], data: dict[str, Any]) -> list[tuple[str, tuple[Any, ...]]]:
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    return [(e["type"], tuple(e["loc"])) for e in info.value.errors()]


# --- 32-bit integers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (2**31, "less_than_equal"),
        (-(2**31) - 1, "greater_than_equal"),
        ("95", "int_type"),
        (True, "int_type"),
        (95.0, "int_type"),
    ],
)
@pytest.mark.parametrize(
    ("model", "base"),
    [
        (AssociateQualificationWithWorkerRequest, {"QualificationTypeId": QTYPE, "WorkerId": "A1"}),
        (AcceptQualificationRequestRequest, {"QualificationRequestId": "3QR1"}),
    ],
)
def test_integer_values_are_32_bit(
    model: type[BaseModel], base: dict[str, Any], value: Any, code: str
) -> None:
    assert errors(model, {**base, "IntegerValue": value}) == [(code, ("IntegerValue",))]


@pytest.mark.parametrize("value", [2**31 - 1, -(2**31), 0])
def test_integer_value_bounds_hold_exactly(value: int) -> None:
    data = {"QualificationTypeId": QTYPE, "WorkerId": "A1", "IntegerValue": value}
    assert AssociateQualificationWithWorkerRequest.model_validate(data).integer_value == value


def test_auto_granted_value_is_32_bit() -> None:
    data = {**CREATE, "AutoGranted": True, "AutoGrantedValue": 2**31}
    assert errors(CreateQualificationTypeRequest, data) == [
        ("less_than_equal", ("AutoGrantedValue",))
    ]


# --- text and numbers of a qualification type ---------------------------------------------------


def test_description_and_keywords_limits() -> None:
    CreateQualificationTypeRequest.model_validate(
        {**CREATE, "Description": "d" * 2000, "Keywords": "k" * 1000}
    )
    data = {**CREATE, "Description": "d" * 2001, "Keywords": "k" * 1001}
    assert errors(CreateQualificationTypeRequest, data) == [
        ("string_too_long", ("Keywords",)),
        ("string_too_long", ("Description",)),
    ]


@pytest.mark.parametrize("model", [CreateQualificationTypeRequest, UpdateQualificationTypeRequest])
def test_retry_delay_is_non_negative(model: type[BaseModel]) -> None:
    base = CREATE if model is CreateQualificationTypeRequest else UPDATE
    model.model_validate({**base, "RetryDelayInSeconds": 0})
    assert errors(model, {**base, "RetryDelayInSeconds": -1}) == [
        ("greater_than_equal", ("RetryDelayInSeconds",))
    ]


def test_durations_are_64_bit() -> None:
    data = {**CREATE, "Test": TEST, "TestDurationInSeconds": 2**63}
    assert errors(CreateQualificationTypeRequest, data) == [
        ("less_than_equal", ("TestDurationInSeconds",))
    ]


def test_status_is_active_or_inactive() -> None:
    assert errors(CreateQualificationTypeRequest, {**CREATE, "QualificationTypeStatus": "On"}) == [
        ("enum", ("QualificationTypeStatus",))
    ]


def test_list_qualification_types_needs_must_be_requestable() -> None:
    assert errors(ListQualificationTypesRequest, {"Query": "math"}) == [
        ("missing", ("MustBeRequestable",))
    ]


def test_qualification_status_is_granted_or_revoked() -> None:
    data = {"QualificationTypeId": QTYPE, "Status": "Pending"}
    assert errors(ListWorkersWithQualificationTypeRequest, data) == [("enum", ("Status",))]


# --- the Test document --------------------------------------------------------------------------


@pytest.mark.parametrize("model", [CreateQualificationTypeRequest, UpdateQualificationTypeRequest])
def test_a_question_form_model_becomes_its_xml(model: type[BaseModel]) -> None:
    base = CREATE if model is CreateQualificationTypeRequest else UPDATE
    document = parse_question(TEST)
    assert isinstance(document, QuestionForm)
    request = model.model_validate({**base, "Test": document, "TestDurationInSeconds": 60})
    assert parse_question(request.to_boto3()["Test"]) == document  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "test",
    [
        "<not xml",
        "plain text",
        '<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/'
        '2011-11-11/HTMLQuestion.xsd"><HTMLContent><![CDATA[<p>x</p>]]></HTMLContent>'
        "<FrameHeight>0</FrameHeight></HTMLQuestion>",
        '<ExternalQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas'
        '/2006-07-14/ExternalQuestion.xsd"><ExternalURL>https://example.com/</ExternalURL>'
        "<FrameHeight>0</FrameHeight></ExternalQuestion>",
        f'<QuestionForm xmlns="{FORM_NS}"/>',
        '<!DOCTYPE x [<!ENTITY a "b">]><QuestionForm/>',
    ],
)
def test_a_test_must_be_a_question_form(test: str) -> None:
    data = {**CREATE, "Test": test, "TestDurationInSeconds": 60}
    assert errors(CreateQualificationTypeRequest, data) == [("test_document", ("Test",))]


def test_a_test_is_at_most_65535_bytes_of_utf8() -> None:
    padding = 65_535 - len(form("").encode())
    CreateQualificationTypeRequest.model_validate(
        {**CREATE, "Test": form("x" * padding), "TestDurationInSeconds": 60}
    )
    # The same number of characters, one of them two bytes long: one byte over.
    over = form("é" + "x" * (padding - 1))
    data = {**CREATE, "Test": over, "TestDurationInSeconds": 60}
    assert errors(CreateQualificationTypeRequest, data) == [("test_size", ("Test",))]


def test_retired_elements_are_refused_in_a_test() -> None:
    upload = (
        "<FileUploadAnswer><MaxFileSizeInBytes>100</MaxFileSizeInBytes>"
        "<MinFileSizeInBytes>1</MinFileSizeInBytes></FileUploadAnswer>"
    )
    data = {
        **CREATE,
        "Test": form(namespace=FORM_NS_2005, answer=upload),
        "TestDurationInSeconds": 60,
    }
    assert errors(CreateQualificationTypeRequest, data) == [("test_retired_element", ("Test",))]


# --- the AnswerKey document ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer_key",
    [
        "<AnswerKey/>",  # no namespace
        f'<QuestionFormAnswers xmlns="{KEY_NS}"/>',
        "not xml",
        '<!DOCTYPE x SYSTEM "file:///etc/passwd"><AnswerKey/>',
    ],
)
def test_an_answer_key_must_be_an_answer_key_document(answer_key: str) -> None:
    data = {**CREATE, "Test": TEST, "TestDurationInSeconds": 60, "AnswerKey": answer_key}
    assert errors(CreateQualificationTypeRequest, data) == [("answer_key_document", ("AnswerKey",))]


def test_an_answer_key_is_at_most_65535_bytes() -> None:
    comment = "<!--" + "x" * 65_535 + "-->"
    data = {
        **CREATE,
        "Test": TEST,
        "TestDurationInSeconds": 60,
        "AnswerKey": ANSWER_KEY.replace("</AnswerKey>", comment + "</AnswerKey>"),
    }
    assert errors(CreateQualificationTypeRequest, data) == [("answer_key_size", ("AnswerKey",))]


# --- the rules across the test's members --------------------------------------------------------


@pytest.mark.parametrize("model", [CreateQualificationTypeRequest, UpdateQualificationTypeRequest])
def test_a_test_needs_its_duration(model: type[BaseModel]) -> None:
    base = CREATE if model is CreateQualificationTypeRequest else UPDATE
    assert errors(model, {**base, "Test": TEST}) == [
        ("test_without_duration", ("TestDurationInSeconds",))
    ]


@pytest.mark.parametrize("model", [CreateQualificationTypeRequest, UpdateQualificationTypeRequest])
def test_a_test_cannot_come_with_auto_granted_true(model: type[BaseModel]) -> None:
    base = CREATE if model is CreateQualificationTypeRequest else UPDATE
    data = {**base, "Test": TEST, "TestDurationInSeconds": 60, "AutoGranted": True}
    assert errors(model, data) == [("test_with_auto_granted", ("AutoGranted",))]
    model.model_validate({**data, "AutoGranted": False})


@pytest.mark.parametrize("model", [CreateQualificationTypeRequest, UpdateQualificationTypeRequest])
def test_an_answer_key_needs_a_test(model: type[BaseModel]) -> None:
    base = CREATE if model is CreateQualificationTypeRequest else UPDATE
    assert errors(model, {**base, "AnswerKey": ANSWER_KEY}) == [
        ("answer_key_without_test", ("AnswerKey",))
    ]


def test_an_update_changes_the_duration_only_with_the_test() -> None:
    assert errors(UpdateQualificationTypeRequest, {**UPDATE, "TestDurationInSeconds": 60}) == [
        ("test_duration_without_test", ("TestDurationInSeconds",))
    ]


def test_the_rules_read_attribute_names_too() -> None:
    data = {"name": "n", "description": "d", "qualification_type_status": "Active", "test": TEST}
    assert errors(CreateQualificationTypeRequest, data) == [
        ("test_without_duration", ("TestDurationInSeconds",))
    ]


def test_every_violation_at_once() -> None:
    data = {
        **CREATE,
        "Description": "d" * 2001,
        "Test": TEST,
        "AutoGranted": True,
        "AutoGrantedValue": "1",
        "Tset": TEST,
    }
    assert sorted(errors(CreateQualificationTypeRequest, data)) == sorted(
        [
            ("string_too_long", ("Description",)),
            ("int_type", ("AutoGrantedValue",)),
            ("extra_forbidden", ("Tset",)),
            ("test_without_duration", ("TestDurationInSeconds",)),
            ("test_with_auto_granted", ("AutoGranted",)),
        ]
    )


# --- warnings for members MTurk ignores ---------------------------------------------------------


@pytest.mark.parametrize("auto_granted", [None, False])
def test_auto_granted_value_without_auto_granted_warns(auto_granted: bool | None) -> None:
    data = {**CREATE, "AutoGrantedValue": 5, "AutoGranted": auto_granted}
    with pytest.warns(RequestWarning, match="AutoGranted"):
        CreateQualificationTypeRequest.model_validate(data)


def test_a_duration_without_a_test_warns_on_create() -> None:
    with pytest.warns(RequestWarning, match="TestDurationInSeconds"):
        CreateQualificationTypeRequest.model_validate({**CREATE, "TestDurationInSeconds": 60})


def test_the_warning_points_at_the_caller() -> None:
    with pytest.warns(RequestWarning) as record:
        CreateQualificationTypeRequest.model_validate({**CREATE, "AutoGrantedValue": 5})
    assert record[0].filename == __file__


def test_no_warning_when_the_request_is_refused() -> None:
    data = {**CREATE, "AutoGrantedValue": 5, "Description": 7}
    assert errors(CreateQualificationTypeRequest, data) == [("string_type", ("Description",))]
