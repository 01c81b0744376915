"""QualificationType, Qualification and QualificationRequest: real data, rules, nested documents."""

from __future__ import annotations

import json
import warnings
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from mturk_models import (
    NUMBER_HITS_APPROVED,
    WORKER_LOCALE,
    CreateQualificationTypeResponse,
    ListQualificationTypesResponse,
    ListWorkersWithQualificationTypeResponse,
    Qualification,
    QualificationRequest,
    QualificationStatus,
    QualificationType,
    QualificationTypeStatus,
    QuestionForm,
    QuestionParseError,
    ResponseDataWarning,
)
from mturk_models.testing import (
    html_questions,
    qualification_requests,
    qualification_types,
    qualifications,
    question_forms,
)

DATA = Path(__file__).parent.parent / "data"


def load(name: str) -> Any:
    return json.loads((DATA / name).read_text("utf-8"))


# --- real data --------------------------------------------------------------------------------


def test_a_real_create_qualification_type_output() -> None:
    raw = load("create_qualification_type_01.json")
    response = CreateQualificationTypeResponse.model_validate(raw)
    qtype = response.qualification_type
    assert qtype is not None
    source = raw["QualificationType"]
    assert qtype.qualification_type_id == source["QualificationTypeId"]
    assert qtype.name == source["Name"]
    assert qtype.description == source["Description"]
    assert qtype.auto_granted is False
    assert qtype.is_requestable is True
    assert qtype.qualification_type_status is QualificationTypeStatus.ACTIVE
    # The AWS CLI prints timestamps as epoch seconds: read as the same instant, in UTC.
    assert qtype.creation_time == datetime.fromtimestamp(1521756718, timezone.utc)
    assert qtype.creation_time is not None
    assert qtype.creation_time.tzinfo is timezone.utc
    assert qtype.parse_test() is None
    again = CreateQualificationTypeResponse.model_validate(response.to_boto3())
    assert again == response


def test_a_real_output_with_a_broken_id_is_refused() -> None:
    raw = load("create_qualification_type_01.json")
    raw["QualificationType"]["QualificationTypeId"] = "32r8qd8bq9ummszk1cnaldnhi99cd6"
    with pytest.raises(ValidationError, match="QualificationTypeId") as info:
        CreateQualificationTypeResponse.model_validate(raw)
    assert info.value.errors()[0]["type"] == "string_pattern_mismatch"


# --- QualificationType ------------------------------------------------------------------------


def test_a_test_with_auto_granted_true_is_refused() -> None:
    with pytest.raises(ValidationError) as info:
        QualificationType.model_validate({"Test": "<QuestionForm/>", "AutoGranted": True})
    (error,) = info.value.errors()
    assert error["type"] == "qualification_type_test_auto_granted"


@pytest.mark.parametrize(
    "values",
    [
        {"Test": "<QuestionForm/>", "AutoGranted": False},
        {"AutoGranted": True, "AutoGrantedValue": 1},
        {"Test": "<QuestionForm/>"},
    ],
)
def test_a_test_or_auto_granted_alone_is_valid(values: dict[str, Any]) -> None:
    QualificationType.model_validate(values)


@settings(max_examples=20)
@given(question_forms())
def test_parse_test_reads_the_question_form(form: QuestionForm) -> None:
    qtype = QualificationType.model_validate({"Test": form.to_xml()})
    assert qtype.parse_test() == form
    request = QualificationRequest.model_validate({"Test": form.to_xml()})
    assert request.parse_test() == form


@settings(max_examples=5)
@given(html_questions())
def test_a_test_that_is_not_a_question_form_is_a_question_parse_error(question: Any) -> None:
    with pytest.raises(QuestionParseError, match="QuestionForm"):
        QualificationType.model_validate({"Test": question.to_xml()}).parse_test()
    with pytest.raises(QuestionParseError, match="QuestionForm"):
        QualificationRequest.model_validate({"Test": question.to_xml()}).parse_test()


def test_a_test_that_is_not_xml_is_a_question_parse_error() -> None:
    with pytest.raises(QuestionParseError):
        QualificationType.model_validate({"Test": "not xml"}).parse_test()


# --- QualificationRequest ---------------------------------------------------------------------


def test_parse_answers_reads_a_real_answer_document() -> None:
    answer = (DATA / "qfa_02.xml").read_text("utf-8")
    request = QualificationRequest.model_validate(
        {"QualificationRequestId": "1", "WorkerId": "AZ3456EXAMPLE", "Answer": answer}
    )
    answers = request.parse_answers()
    assert len(answers.answers) == 4
    assert QualificationRequest().parse_answers().to_dict() == {}


def test_qualification_request_id_is_any_string() -> None:
    # botocore types it as a plain String; nothing stricter is stated.
    assert QualificationRequest(QualificationRequestId="req-1 x").qualification_request_id


# --- Qualification: one kind of value --------------------------------------------------------


@pytest.mark.parametrize(
    "values",
    [
        {"QualificationTypeId": NUMBER_HITS_APPROVED, "IntegerValue": 95},
        {"QualificationTypeId": WORKER_LOCALE, "LocaleValue": {"Country": "US"}},
        {"LocaleValue": {"Country": "US"}},  # the type is unknown: nothing to compare with
        {},
    ],
)
def test_a_qualification_with_one_kind_of_value_does_not_warn(values: dict[str, Any]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        Qualification.model_validate(values)


@pytest.mark.parametrize(
    "values",
    [
        {"IntegerValue": 1, "LocaleValue": {"Country": "US"}},
        {"QualificationTypeId": WORKER_LOCALE, "IntegerValue": 1},
        {"QualificationTypeId": NUMBER_HITS_APPROVED, "LocaleValue": {"Country": "US"}},
    ],
)
def test_the_wrong_kind_of_value_warns_and_is_kept(values: dict[str, Any]) -> None:
    with pytest.warns(ResponseDataWarning, match="Qualification"):
        qualification = Qualification.model_validate(values)
    assert qualification.to_boto3() == values


def test_qualification_values_are_32_bit_integers() -> None:
    with pytest.raises(ValidationError) as info:
        Qualification.model_validate({"IntegerValue": 2**31})
    assert info.value.errors()[0]["type"] == "int32_range"
    with pytest.raises(ValidationError):
        Qualification.model_validate({"IntegerValue": True})


def test_a_real_example_of_the_reference() -> None:
    # The Qualification data structure page's example (2017-01-17 reference).
    qualification = Qualification.model_validate(
        {
            "QualificationTypeId": "789RVWYBAZW00EXAMPLE",
            "WorkerId": "AZ3456EXAMPLE",
            "GrantTime": "2005-01-31T23:59:59Z",
            "IntegerValue": 95,
        }
    )
    assert qualification.grant_time == datetime(2005, 1, 31, 23, 59, 59, tzinfo=timezone.utc)
    assert qualification.status is None
    assert Qualification.model_validate({"Status": "Revoked"}).status is QualificationStatus.REVOKED


# --- round trips ------------------------------------------------------------------------------


MODELS = st.one_of(
    qualification_types(),
    qualification_types(full=True),
    qualifications(),
    qualifications(full=True),
    qualification_requests(),
    qualification_requests(full=True),
)


@given(MODELS)
def test_round_trip_through_boto3_and_json(model: Any) -> None:
    assert type(model).model_validate(model.to_boto3()) == model
    assert type(model).model_validate_json(model.model_dump_json()) == model


def test_unknown_keys_are_kept() -> None:
    qtype = QualificationType.model_validate({"Name": "n", "NewMember": [1]})
    assert qtype.model_extra == {"NewMember": [1]}
    assert qtype.to_boto3() == {"Name": "n", "NewMember": [1]}


# --- paging -----------------------------------------------------------------------------------


def test_iter_items_refuses_a_non_page_and_locates_errors_by_page() -> None:
    good = {"QualificationTypes": [{"Name": "a"}], "NumResults": 1}
    with pytest.raises(ValidationError) as info:
        list(ListQualificationTypesResponse.iter_items([good, ["not", "a", "page"]]))
    (error,) = info.value.errors()
    assert error["type"] == "qualification_types_page_type"
    assert error["loc"] == (1,)
    bad = {"QualificationTypes": [{"Name": "a"}, {"CreationTime": "yesterday"}]}
    with pytest.raises(ValidationError) as info:
        list(ListQualificationTypesResponse.iter_items([good, good, bad]))
    assert info.value.errors()[0]["loc"][:4] == (2, "QualificationTypes", 1, "CreationTime")
    with pytest.raises(ValidationError) as info:
        list(ListWorkersWithQualificationTypeResponse.iter_items([{"WorkerId": "A1"}]))
    assert info.value.errors()[0]["type"] == "qualifications_page_keys"
