"""The models against botocore's own service model for mturk, read from the installed botocore.

Everything here is derived from botocore's metadata at run time (members, enums, patterns,
lengths, required members), so a botocore release that changes the API fails this module.
"""

from __future__ import annotations

import enum
import re
import string
import types
import typing
from datetime import datetime, timezone
from decimal import Decimal
from functools import cache
from typing import Any, Union

import botocore.session
import pytest
from dateutil.tz import tzlocal
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

import mturk_models
from mturk_models._base import Structure
from mturk_models.api._page import Page, Response


@cache
def service() -> Any:
    return botocore.session.get_session().get_service_model("mturk")


def shape(name: str) -> Any:
    return service().shape_for(name)


ERROR_SHAPES = frozenset({"RequestError", "ServiceFault"})
"""botocore's error shapes: boto3 raises them as ClientError; they are no model of ours."""

OUTPUTS = frozenset(
    service().operation_model(op).output_shape.name for op in service().operation_names
)
INPUTS = frozenset(
    service().operation_model(op).input_shape.name for op in service().operation_names
)


def registry() -> list[str]:
    """Every structure shape of the model but the error shapes and the operation inputs.

    Derived from botocore, not written by hand: a shape botocore adds is a failing test here.
    The inputs are request models, checked against botocore with their pre-flight rules.
    """
    return sorted(
        name
        for name in service().shape_names
        if shape(name).type_name == "structure" and name not in ERROR_SHAPES | INPUTS
    )


MODELS: dict[str, type[BaseModel]] = {
    name: model
    for name in registry()
    if isinstance(model := getattr(mturk_models, name, None), type) and issubclass(model, BaseModel)
}

# Fields that are not botocore members, each with the reason.
EXTRAS = {name: {"ResponseMetadata"} for name in OUTPUTS}  # boto3 adds it to every response

# Models still on their old base: strict expected failures, to be removed when they move.
PENDING_BASE: set[str] = set()

# Structures kept sparse on purpose: their required members are checked by the request
# pre-flight that sends them (they never come back in an output).
REQUIRED_BY_PREFLIGHT = {"NotificationSpecification"}

# Where we are stricter than botocore, on purpose (documented in the field descriptions).
STRICTER = {
    # botocore: plain String. Every qualification type ID MTurk issues is an EntityId.
    ("QualificationRequirement", "QualificationTypeId"),
}

# A valid value for members whose validity needs more than botocore's metadata
# (Locale codes must also exist in ISO 3166).
KNOWN_VALID = {
    ("Locale", "Country"): "US",
    ("Locale", "Subdivision"): "WA",
}

# Minimal valid documents where the required members carry rules beyond botocore's metadata;
# the others are derived from botocore (:func:`base`).
BASE: dict[str, dict[str, Any]] = {
    "QualificationRequirement": {
        "QualificationTypeId": "00000000000000000040",
        "Comparator": "Exists",
    },
    "Locale": {"Country": "US"},
}


def _minimal(member: Any) -> Any:
    if member.type_name == "list":
        return [_minimal(member.member)]
    if member.metadata.get("enum"):
        return member.metadata["enum"][0]
    return "A1"


def base(model_name: str) -> dict[str, Any]:
    """The required members of ``model_name``, with valid values."""
    if model_name in BASE:
        return dict(BASE[model_name])
    found = shape(model_name)
    return {name: _minimal(found.members[name]) for name in found.required_members}


def test_the_registry_holds_every_data_structure_and_output() -> None:
    assert len(registry()) == 98 - 2 - 39  # 18 data structures and 39 outputs
    assert set(registry()) >= OUTPUTS


@pytest.mark.parametrize("model_name", registry())
def test_every_shape_is_a_public_model_of_that_name(model_name: str) -> None:
    assert model_name in mturk_models.__all__
    assert model_name in MODELS


def _base_params() -> list[Any]:
    return [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason="not on its base yet"))
        if name in PENDING_BASE
        else name
        for name in registry()
    ]


@pytest.mark.parametrize("model_name", _base_params())
def test_outputs_are_responses_and_structures_are_structures(model_name: str) -> None:
    model = MODELS[model_name]
    if model_name in OUTPUTS:
        assert issubclass(model, Response)
    else:
        assert issubclass(model, Structure)
        assert not issubclass(model, Response)


def _paginated() -> list[Any]:
    config = botocore.session.get_session().get_paginator_model("mturk")._paginator_config
    return [
        pytest.param(
            operation,
            result["result_key"],
            marks=pytest.mark.xfail(strict=True, reason="not a Page yet"),
        )
        if f"{operation}Response" in PENDING_BASE
        else (operation, result["result_key"])
        for operation, result in sorted(config.items())
    ]


@pytest.mark.parametrize(("operation", "result_key"), _paginated())
def test_paginated_outputs_are_pages_of_the_paginator_result_key(
    operation: str, result_key: str
) -> None:
    model = MODELS[f"{operation}Response"]
    assert issubclass(model, Page)
    assert model.items_alias() == result_key
    assert {"NextToken", "NumResults"} <= set(shape(f"{operation}Response").members)


def members() -> list[tuple[str, str]]:
    return [(model, member) for model in MODELS for member in shape(model).members]


def field_for(model: type[BaseModel], alias: str) -> tuple[str, Any]:
    for name, info in model.model_fields.items():
        if (info.alias or name) == alias:
            return name, info
    raise AssertionError(f"{model.__name__} has no field with alias {alias}")


def core_type(annotation: Any) -> Any:
    """Strip Optional, Annotated and tuple[...] down to the element type."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        elif origin is tuple:
            annotation = typing.get_args(annotation)[0]
        else:
            return annotation


def errors_for(model: type[BaseModel], data: dict[str, Any], alias: str) -> list[dict[str, Any]]:
    try:
        model.model_validate(data)
    except ValidationError as exc:
        return [e for e in exc.errors() if e["loc"][:1] == (alias,)]
    return []


def document(model_name: str, alias: str, value: Any) -> dict[str, Any]:
    data = base(model_name)
    if model_name == "Locale" and alias == "Subdivision" and value is not None:
        data["Country"] = "US"
    data[alias] = value
    return data


# --- members and aliases ----------------------------------------------------------------------


@pytest.mark.parametrize("model_name", MODELS)
def test_every_member_is_a_field_alias_and_nothing_more(model_name: str) -> None:
    model = MODELS[model_name]
    aliases = {info.alias or name for name, info in model.model_fields.items()}
    assert aliases - EXTRAS.get(model_name, set()) == set(shape(model_name).members)


@pytest.mark.parametrize("model_name", MODELS)
def test_required_members_are_required(model_name: str) -> None:
    model = MODELS[model_name]
    required = {
        info.alias or name for name, info in model.model_fields.items() if info.is_required()
    }
    if model_name in REQUIRED_BY_PREFLIGHT:
        assert required == set()
        return
    assert required == set(shape(model_name).required_members)
    for member in shape(model_name).required_members:
        data = base(model_name)
        del data[member]
        assert [e["type"] for e in errors_for(model, data, member)] == ["missing"]


@pytest.mark.parametrize("model_name", MODELS)
def test_every_field_has_a_description(model_name: str) -> None:
    for name, info in MODELS[model_name].model_fields.items():
        assert info.description, f"{model_name}.{name}"


@pytest.mark.parametrize(("model_name", "member"), members())
def test_member_types(model_name: str, member: str) -> None:
    member_shape = shape(model_name).members[member]
    _, info = field_for(MODELS[model_name], member)
    inner = core_type(info.annotation)
    kind = member_shape.type_name
    if kind == "structure":
        assert inner is MODELS[member_shape.name]
    elif kind == "list":
        element = member_shape.member
        if element.type_name == "structure":
            assert inner is MODELS[element.name]
        elif element.metadata.get("enum"):
            assert issubclass(inner, enum.Enum)
        else:
            assert inner is {"string": str, "integer": int}[element.type_name]
    elif kind == "timestamp":
        assert inner is datetime
    elif kind in ("integer", "long"):
        assert inner is int
    elif kind == "boolean":
        assert inner is bool
    elif member_shape.metadata.get("enum"):
        assert issubclass(inner, enum.Enum)
    else:
        assert kind == "string"
        assert inner in (str, Decimal)


# --- enums ------------------------------------------------------------------------------------


def _enum_shape(model_name: str, member: str) -> Any:
    """The enum shape of a member: the member itself, or the element of a list of enums."""
    found = shape(model_name).members[member]
    return found.member if found.type_name == "list" else found


def enum_members() -> list[tuple[str, str]]:
    return [(m, n) for m, n in members() if _enum_shape(m, n).metadata.get("enum")]


@pytest.mark.parametrize(("model_name", "member"), enum_members())
def test_enums_equal_botocore(model_name: str, member: str) -> None:
    allowed = list(_enum_shape(model_name, member).metadata["enum"])
    listed = shape(model_name).members[member].type_name == "list"
    model = MODELS[model_name]
    _, info = field_for(model, member)
    enum_class = core_type(info.annotation)
    assert [item.value for item in enum_class] == allowed
    for value in allowed:
        given_value = [value] if listed else value
        assert errors_for(model, document(model_name, member, given_value), member) == []
    wrong = ["NotAValue"] if listed else "NotAValue"
    (error,) = errors_for(model, document(model_name, member, wrong), member)
    assert error["type"] == "enum"
    for value in allowed:
        assert repr(value) in error["msg"]


# --- patterns, lengths, ranges ----------------------------------------------------------------


def constrained_members() -> list[tuple[str, str]]:
    found = []
    for model_name, member in members():
        meta = shape(model_name).members[member].metadata
        if {"pattern", "min", "max"} & set(meta):
            found.append((model_name, member))
    return found


def _fill(pattern: str | None, length: int) -> str | None:
    """A string of ``length`` characters matching ``pattern`` (built from a few candidates)."""
    if length < 0:
        return None
    for first in ("", "A", "1"):
        for char in "A0a.Z9_":
            text = (first + char * length)[:length] if length else ""
            if len(text) == length and (pattern is None or re.fullmatch(pattern, text)):
                return text
    return None


def _non_match(pattern: str, length: int) -> str | None:
    for char in "a!- ~$":
        text = char * max(length, 1)
        if not re.fullmatch(pattern, text):
            return text
    return None


def test_there_are_constrained_members_to_check() -> None:
    # EntityId, CustomerId, CurrencyAmount, CountryParameters and PaginationToken at least.
    assert len(constrained_members()) >= 10


@pytest.mark.parametrize(("model_name", "member"), constrained_members())
def test_bounds_are_enforced(model_name: str, member: str) -> None:
    member_shape = shape(model_name).members[member]
    meta = member_shape.metadata
    model = MODELS[model_name]
    if member_shape.type_name in ("integer", "long"):
        for bound, step in (("min", -1), ("max", 1)):
            if bound in meta:
                inside = document(model_name, member, meta[bound])
                outside = document(model_name, member, meta[bound] + step)
                assert errors_for(model, inside, member) == []
                assert errors_for(model, outside, member)
        return
    pattern = meta.get("pattern")
    if "max" in meta:
        valid = KNOWN_VALID.get((model_name, member)) or _fill(pattern, meta["max"])
        assert valid is not None
        assert errors_for(model, document(model_name, member, valid), member) == []
        too_long = _fill(pattern, meta["max"] + 1)
        assert too_long is not None
        errs = errors_for(model, document(model_name, member, too_long), member)
        assert [e["type"] for e in errs] == ["string_too_long"]
    if meta.get("min", 0) > 0:
        too_short = _fill(pattern, meta["min"] - 1)
        if too_short is not None:
            errs = errors_for(model, document(model_name, member, too_short), member)
            assert errs, f"{member}: {too_short!r} is shorter than botocore's min"
            assert errs[0]["type"] in {"string_too_short", "string_pattern_mismatch"}


def pattern_members() -> list[tuple[str, str]]:
    return [(m, n) for m, n in constrained_members() if "pattern" in shape(m).members[n].metadata]


@pytest.mark.parametrize(("model_name", "member"), pattern_members())
@given(data=st.data())
def test_strings_matching_botocore_pattern_pass(model_name: str, member: str, data: Any) -> None:
    meta = shape(model_name).members[member].metadata
    low, high = meta.get("min", 1), meta.get("max", 64)
    text = data.draw(
        st.from_regex(meta["pattern"], fullmatch=True).filter(lambda t: low <= len(t) <= high)
    )
    assert errors_for(MODELS[model_name], document(model_name, member, text), member) == []


@pytest.mark.parametrize(("model_name", "member"), pattern_members())
@given(data=st.data())
def test_strings_breaking_botocore_pattern_fail(model_name: str, member: str, data: Any) -> None:
    meta = shape(model_name).members[member].metadata
    pattern = meta["pattern"]
    low, high = meta.get("min", 1), meta.get("max", 64)
    text = data.draw(
        st.text(string.printable, min_size=low, max_size=high).filter(
            lambda t: not re.fullmatch(pattern, t)
        )
    )
    errs = errors_for(MODELS[model_name], document(model_name, member, text), member)
    assert errs, f"{member}: {text!r} breaks {pattern} but was accepted"
    assert errs[0]["type"] in {"string_pattern_mismatch", "currency_amount"}


@pytest.mark.parametrize(("model_name", "member"), pattern_members())
def test_pattern_boundaries(model_name: str, member: str) -> None:
    meta = shape(model_name).members[member].metadata
    pattern = meta["pattern"]
    bad = _non_match(pattern, meta.get("min", 2))
    assert bad is not None
    assert errors_for(MODELS[model_name], document(model_name, member, bad), member)


@pytest.mark.parametrize(("model_name", "member"), sorted(STRICTER))
def test_stricter_than_botocore_is_still_true(model_name: str, member: str) -> None:
    # If botocore ever constrains these members, revisit the documented decision.
    assert not shape(model_name).members[member].metadata


# --- timestamps -------------------------------------------------------------------------------


def timestamp_members() -> list[tuple[str, str]]:
    return [(m, n) for m, n in members() if shape(m).members[n].type_name == "timestamp"]


@pytest.mark.parametrize(("model_name", "member"), timestamp_members())
def test_timestamps_are_utc(model_name: str, member: str) -> None:
    local = datetime(2021, 9, 17, 12, 47, 31, tzinfo=tzlocal())
    model = MODELS[model_name].model_validate(document(model_name, member, local))
    name, _ = field_for(MODELS[model_name], member)
    value = getattr(model, name)
    assert value == local
    assert value.tzinfo is timezone.utc
