"""The private helper that sums up a pydantic ValidationError for the readers' own errors."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError

from mturk_models import QuestionParseError, parse_question
from mturk_models._errors import summarize


class Pair(BaseModel):
    a: int
    b: int


def errors_of(data: object) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        Pair.model_validate(data)
    return info.value


def test_first_error_with_value_and_count() -> None:
    summary = summarize(errors_of({"a": "x", "b": "y"}))
    assert summary.loc == ("a",)
    assert summary.error["type"] == "int_parsing"
    assert summary.message.endswith("; got 'x' (and 1 more error)")
    assert summarize(errors_of({"a": 1, "b": "y"})).message.endswith("; got 'y'")
    assert summarize(errors_of({})).message == "Field required; got {} (and 1 more error)"


def test_long_values_are_shortened() -> None:
    message = summarize(errors_of({"a": "x" * 500, "b": 1})).message
    assert message.endswith("; got '" + "x" * 76 + "...")


def test_question_documents_use_the_same_summary() -> None:
    xml = (
        '<QuestionForm xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/'
        '2017-11-06/QuestionForm.xsd"><Question><QuestionIdentifier>q1</QuestionIdentifier>'
        "<QuestionContent><Text>Q?</Text></QuestionContent><AnswerSpecification>"
        "<SelectionAnswer><StyleSuggestion>slider</StyleSuggestion><Selections><Selection>"
        "<SelectionIdentifier>a</SelectionIdentifier><Text>A</Text></Selection></Selections>"
        "</SelectionAnswer></AnswerSpecification></Question></QuestionForm>"
    )
    with pytest.raises(QuestionParseError, match=r"at StyleSuggestion: .*; got 'slider'"):
        parse_question(xml)
