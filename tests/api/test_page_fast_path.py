"""iter_items validates pages on a fast path (``mturk_models._base.FastPath``): a copy of the
schema without Structure's unknown-keys check, which refuses unknown keys instead, then the full
validation for whatever it refuses. These tests hold it to the full validation's own result,
errors and warnings, for every paginated operation."""

from __future__ import annotations

import warnings
from decimal import Decimal
from enum import IntEnum
from typing import Any

import botocore.session
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError
from tests.api.test_boto3_stubber import METADATA, shape_values

import mturk_models
from mturk_models import (
    WORKER_LOCALE,
    ListHITsResponse,
    ListWorkersWithQualificationTypeResponse,
    ResponseDataWarning,
)
from mturk_models._base import (
    _FAST_PATH,
    _KNOWN_KEYS,
    _no_unknown_keys,
    _without_known_keys,
    refuse_in_fast_path,
)
from mturk_models._types import _int32 as int32_validator
from mturk_models.api._page import Page, _fast_path, _pages_adapter

OPERATIONS = sorted(botocore.session.get_session().get_paginator_model("mturk")._paginator_config)


def page_model(operation: str) -> type[Page[Any]]:
    model: type[Page[Any]] = getattr(mturk_models, f"{operation}Response")
    return model


def boto3_pages(operation: str) -> st.SearchStrategy[dict[str, Any]]:
    """Pages as boto3 returns them: every member filled, ResponseMetadata, no unknown keys."""
    output = botocore.session.get_session().get_service_model("mturk")
    shape = output.operation_model(operation).output_shape
    return shape_values(shape).map(lambda page: {**page, "ResponseMetadata": METADATA})


def same(left: Any, right: Any) -> None:
    """``left`` and ``right`` are the same data: same types, fields, fields set, unknown keys."""
    assert type(left) is type(right)
    if isinstance(left, BaseModel):
        assert left.model_fields_set == right.model_fields_set
        assert left.model_extra == right.model_extra
        for name in type(left).model_fields:
            same(getattr(left, name), getattr(right, name))
    elif isinstance(left, (tuple, list)):
        assert len(left) == len(right)
        for a, b in zip(left, right, strict=True):
            same(a, b)
    elif isinstance(left, dict):
        assert list(left) == list(right)
        for key in left:
            same(left[key], right[key])
    else:
        assert left == right
        if hasattr(left, "tzinfo"):
            assert left.tzinfo is right.tzinfo or left.utcoffset() == right.utcoffset()


def full(operation: str, page: Any) -> Any:
    return _pages_adapter(page_model(operation)).validate_python({0: page})[0]


def outcome(validate: Any, page: Any) -> Any:
    try:
        return validate({0: page})[0]
    except ValidationError as exc:
        return exc.errors(include_url=False)


@pytest.mark.parametrize("operation", OPERATIONS)
@settings(max_examples=8, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_boto3_pages_take_the_fast_path_and_give_the_full_result(operation: str, data: Any) -> None:
    page = data.draw(boto3_pages(operation))
    fast = _fast_path(page_model(operation)).attempt(page)
    assert fast is not None
    same(fast, full(operation, page))


@pytest.mark.parametrize("operation", OPERATIONS)
@settings(max_examples=8, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_unknown_keys_at_any_depth_leave_the_fast_path_and_are_kept(
    operation: str, data: Any
) -> None:
    page = data.draw(boto3_pages(operation))
    alias = page_model(operation).items_alias()
    holders = [page, page["ResponseMetadata"], *page[alias]]
    for item in page[alias]:  # nested structures too: a HIT's QualificationRequirements, ...
        holders += [v for value in item.values() if isinstance(value, list) for v in value]
        holders += [value for value in item.values() if isinstance(value, dict)]
    holder = data.draw(st.sampled_from([h for h in holders if isinstance(h, dict)]))
    holder["AddedByAwsLater"] = data.draw(st.integers() | st.text(max_size=5) | st.none())
    model = page_model(operation)
    assert _fast_path(model).attempt(page) is None
    items = list(model.iter_items([page]))
    same(items, list(full(operation, page).items()))
    assert [item.model_dump() for item in items] == [
        item.model_dump() for item in model.model_validate(page).items()
    ]


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=6,
)


@pytest.mark.parametrize("operation", OPERATIONS)
@settings(max_examples=15, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_change_to_a_page_gives_the_full_result_or_the_full_errors(
    operation: str, data: Any
) -> None:
    page = data.draw(boto3_pages(operation))
    alias = page_model(operation).items_alias()
    item = data.draw(st.sampled_from(page[alias]))
    key = data.draw(st.sampled_from(sorted(item)) | st.text(max_size=12))
    item[key] = data.draw(_JSON)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResponseDataWarning)
        got = outcome(lambda pages: {0: list(page_model(operation).iter_items(pages[0]))}, page)
        expected = outcome(_pages_adapter(page_model(operation)).validate_python, page)
    if isinstance(expected, list):
        assert got == expected
    else:
        same(got, list(expected.items()))


def qualification(**changes: Any) -> dict[str, Any]:
    return {"QualificationTypeId": "3TL87MO8CLOFYXKXNRLMZZEXAMPLE", "WorkerId": "A1", **changes}


@pytest.mark.parametrize("unknown_key_later", [False, True])
def test_a_warning_is_given_once_whichever_path_validates(unknown_key_later: bool) -> None:
    # The Qualification warns (both kinds of value); the fast path leaves it to the full
    # validation rather than warn and then, refusing a later unknown key, warn again.
    both = qualification(IntegerValue=1, LocaleValue={"Country": "US"})
    later = qualification(IntegerValue=2, **({"Extra": 1} if unknown_key_later else {}))
    page = {"Qualifications": [both, later]}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        found = list(ListWorkersWithQualificationTypeResponse.iter_items([page]))
    assert [w.category for w in caught] == [ResponseDataWarning]
    assert [q.integer_value for q in found] == [1, 2]


def test_refuse_in_fast_path_refuses_only_inside_the_first_attempt() -> None:
    refuse_in_fast_path()  # outside: nothing happens
    token = _FAST_PATH.set(True)
    try:
        with pytest.raises(ValueError, match="full validation"):
            refuse_in_fast_path()
    finally:
        _FAST_PATH.reset(token)
    # after a page that left the fast path, the flag is down again
    page = {"Qualifications": [qualification(IntegerValue=1, LocaleValue={"Country": "US"})]}
    with pytest.warns(ResponseDataWarning):
        list(ListWorkersWithQualificationTypeResponse.iter_items([page]))
    assert _FAST_PATH.get() is False


def _functions(schema: Any) -> list[Any]:
    if isinstance(schema, list):
        return [f for item in schema for f in _functions(item)]
    if not isinstance(schema, dict):
        return []
    function = schema.get("function")
    found = [function["function"]] if isinstance(function, dict) else []
    return found + [
        f
        for key, value in schema.items()
        if key not in ("function", "cls", "serialization", "metadata")
        for f in _functions(value)
    ]


def test_the_fast_schema_is_a_copy_without_the_unknown_keys_check() -> None:
    schema = _pages_adapter(ListHITsResponse).core_schema
    before = repr(schema)
    fast = _without_known_keys(schema)
    assert _KNOWN_KEYS in _functions(schema)
    assert _KNOWN_KEYS not in _functions(fast)
    assert _no_unknown_keys in _functions(fast)  # every structure refuses unknown keys instead
    assert repr(schema) == before  # the model's own schema is left as it was
    assert _KNOWN_KEYS in _functions(ListHITsResponse.__pydantic_core_schema__)


def test_misplaced_keys_are_still_refused_with_the_full_error() -> None:
    page = {"HITs": [{"HITId": "3A"}, {"HITID": "3B"}]}
    with pytest.raises(ValidationError) as info:
        list(ListHITsResponse.iter_items([page]))
    assert [(e["type"], e["loc"]) for e in info.value.errors()] == [
        ("member_spelling", (0, "HITs", 1))
    ]
    assert "ListHITsResponse.iter_items" in str(info.value)


def test_locale_rules_hold_on_the_fast_path() -> None:
    bad = qualification(QualificationTypeId=WORKER_LOCALE, LocaleValue={"Country": "XX"})
    with pytest.raises(ValidationError) as info:
        list(ListWorkersWithQualificationTypeResponse.iter_items([{"Qualifications": [bad]}]))
    assert [e["type"] for e in info.value.errors()] == ["locale_country"]


class Level(IntEnum):
    HIGH = 90


class Score(int):
    pass


INT32_INPUTS = [95, 0, -(2**31), 2**31 - 1, Level.HIGH, Score(7), True, False, 2**31, -(2**31) - 1]
INT32_INPUTS += ["95", " 95", "2147483648", 1.0, 1.5, None, "x", Decimal("3"), float("nan")]


@pytest.mark.parametrize("value", INT32_INPUTS, ids=repr)
def test_int32_values_in_strict_mode_give_the_full_result_or_the_full_errors(value: Any) -> None:
    # The fast path checks Int32 values in pydantic-core's strict mode instead of calling the
    # validator that refuses bools: whatever strict mode refuses goes to the full validation.
    requirement = {"QualificationTypeId": "3A", "Comparator": "EqualTo", "IntegerValues": [value]}
    pages = {
        "ListHITs": {"HITs": [{"HITId": "3H", "QualificationRequirements": [requirement]}]},
        "ListWorkersWithQualificationType": {"Qualifications": [qualification(IntegerValue=value)]},
        "ListQualificationTypes": {"QualificationTypes": [{"AutoGrantedValue": value}]},
    }
    for operation, page in pages.items():
        model = page_model(operation)
        got = outcome(lambda pages, model=model: {0: list(model.iter_items(pages[0]))}, page)
        expected = outcome(_pages_adapter(model).validate_python, page)
        if isinstance(expected, list):
            assert got == expected
        else:
            same(got, list(expected.items()))


def test_the_fast_schema_checks_int32_without_its_validator() -> None:
    schema = _pages_adapter(ListHITsResponse).core_schema
    assert int32_validator in _functions(schema)
    assert int32_validator in _functions(_without_known_keys(schema))
    assert int32_validator not in _functions(
        _without_known_keys(schema, frozenset({int32_validator}))
    )
