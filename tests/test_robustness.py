"""Any input gives a model or a pydantic ValidationError (ours), never another exception."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from dateutil.tz import tzlocal
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from mturk_models import (
    HIT,
    Assignment,
    GetAssignmentResponse,
    ListAssignmentsForHITResponse,
    Locale,
    QualificationRequirement,
    iter_assignments,
)

MODELS: list[type[BaseModel]] = [
    Assignment,
    HIT,
    QualificationRequirement,
    Locale,
    GetAssignmentResponse,
    ListAssignmentsForHITResponse,
]

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.decimals()
    | st.text(max_size=20)
    | st.binary(max_size=5)
    | st.datetimes(
        timezones=st.none()
        | st.sampled_from([timezone.utc, tzlocal(), timezone(timedelta(hours=14))])
    )
    | st.sampled_from(["2021-09-17T12:47:31-07:00", "1631910480", "0.50", "US", "In", "A1"])
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)


def keys_of(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


@st.composite
def documents(draw: st.DrawFn) -> tuple[type[BaseModel], dict[str, Any]]:
    model = draw(st.sampled_from(MODELS))
    keys = st.sampled_from(keys_of(model)) | st.text(max_size=8)
    return model, draw(st.dictionaries(keys, VALUES, max_size=6))


@given(documents())
def test_any_document_gives_a_model_or_a_validation_error(
    case: tuple[type[BaseModel], Any],
) -> None:
    model, data = case
    try:
        result: Any = model.model_validate(data)
    except ValidationError as exc:
        result = exc
    assert isinstance(result, model | ValidationError)


@given(st.lists(VALUES | st.dictionaries(st.just("Assignments"), VALUES), max_size=3))
def test_any_pages_give_assignments_or_a_validation_error(pages: list[Any]) -> None:
    try:
        result: Any = list(iter_assignments(pages))
    except ValidationError as exc:
        result = exc
    assert isinstance(result, list | ValidationError)


@given(
    st.datetimes(
        min_value=datetime(1, 1, 1),
        max_value=datetime(9999, 12, 31),
        timezones=st.sampled_from([timezone(timedelta(hours=-23)), timezone(timedelta(hours=23))]),
    )
)
def test_extreme_aware_datetimes(value: datetime) -> None:
    try:
        result: Any = Assignment.model_validate({"SubmitTime": value}).submit_time
    except ValidationError as exc:
        result = exc.errors()[0]["type"]
    assert result == "utc_datetime_range" or result == value
