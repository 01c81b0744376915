"""Every operation output: generated round trips, empty outputs, HIT.parse_question()."""

from __future__ import annotations

import warnings
from typing import Any

import botocore.session
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

import mturk_models
from mturk_models import HIT, QuestionParseError, ResponseDataWarning
from mturk_models.api._page import Page, Response
from mturk_models.testing import external_questions, html_questions, question_forms, responses


def outputs() -> list[type[Any]]:
    service = botocore.session.get_session().get_service_model("mturk")
    names = sorted(
        {service.operation_model(op).output_shape.name for op in service.operation_names}
    )
    found = [getattr(mturk_models, name) for name in names]
    return [model for model in found if issubclass(model, Response)]


def test_most_outputs_are_responses() -> None:
    assert len(outputs()) >= 34


@pytest.mark.parametrize("model", outputs(), ids=lambda model: model.__name__)
@settings(max_examples=10)
@given(data=st.data())
def test_generated_outputs_round_trip(model: type[Any], data: Any) -> None:
    full = data.draw(st.booleans())
    response = data.draw(responses(model, full=full))
    assert model.model_validate(response.to_boto3()) == response
    assert model.model_validate_json(response.model_dump_json()) == response
    if isinstance(response, Page) and response.num_results is not None:
        assert response.num_results == len(response.items())


@pytest.mark.parametrize(
    "model",
    [m for m in outputs() if set(m.model_fields) == {"response_metadata"}],
    ids=lambda model: model.__name__,
)
def test_empty_outputs_still_read_response_metadata(model: type[Any]) -> None:
    response = model.model_validate(
        {"ResponseMetadata": {"RequestId": "r1", "HTTPStatusCode": 200, "RetryAttempts": 0}}
    )
    assert response.response_metadata.request_id == "r1"
    assert response.response_metadata.http_status_code == 200
    assert model.model_validate({}) == model()


def test_the_empty_outputs_are_botocore_empty_outputs() -> None:
    service = botocore.session.get_session().get_service_model("mturk")
    shapes = [service.operation_model(op).output_shape for op in service.operation_names]
    expected = sorted(shape.name for shape in shapes if not shape.members)
    empty = [m.__name__ for m in outputs() if set(m.model_fields) == {"response_metadata"}]
    assert empty == expected
    assert len(empty) == 17


@settings(max_examples=20)
@given(external_questions() | html_questions() | question_forms())
def test_hit_parse_question(document: Any) -> None:
    hit = HIT.model_validate({"HITId": "3ABC", "Question": document.to_xml()})
    assert hit.parse_question() == document


def test_hit_parse_question_without_a_question_and_with_a_broken_one() -> None:
    assert HIT.model_validate({"HITId": "3ABC"}).parse_question() is None
    with pytest.raises(QuestionParseError):
        HIT.model_validate({"Question": "<NotAQuestion/>"}).parse_question()


# --- any input gives a result or our error -------------------------------------------------

NEW_STRUCTURES = [
    mturk_models.NotificationSpecification,
    mturk_models.NotifyWorkersFailureStatus,
    mturk_models.Qualification,
    mturk_models.QualificationRequest,
    mturk_models.QualificationType,
    mturk_models.ReviewActionDetail,
    mturk_models.ReviewReport,
    mturk_models.ReviewResultDetail,
    mturk_models.WorkerBlock,
]

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=12)
    | st.datetimes()
    | st.decimals(allow_nan=True)
)


def _values(model: type[Any]) -> st.SearchStrategy[Any]:
    """Mappings with the model's own keys (and others) holding any JSON-ish values."""
    keys = [info.alias or name for name, info in model.model_fields.items()]
    anything = st.recursive(
        _SCALARS,
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(st.sampled_from([*keys, "Country", "Key", "x"]), inner, max_size=3)
        ),
        max_leaves=8,
    )
    return st.dictionaries(st.sampled_from([*keys, "Other"]), anything, max_size=6) | anything


@pytest.mark.parametrize("model", [*NEW_STRUCTURES, *outputs()], ids=lambda model: model.__name__)
@settings(max_examples=15)
@given(data=st.data())
def test_any_input_gives_a_model_or_a_validation_error(model: type[Any], data: Any) -> None:
    value = data.draw(_values(model))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResponseDataWarning)
        try:
            result = model.model_validate(value)
        except ValidationError:
            return
    assert isinstance(result, model)
    result.to_boto3()  # what validated can be given back
