"""The pre-flight base every request model shares: unknown keys from the field types, one-shot
iterables, all errors at once, declared rules, the typed context and to_boto3()."""

from __future__ import annotations

import typing
import warnings
from collections import deque
from decimal import Decimal
from functools import partial
from typing import Any, ClassVar

import botocore.session
import botocore.validate
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, Field, ValidationError

import mturk_models
from mturk_models import (
    WORKER_LOCALE,
    CreateHITRequest,
    CreateHITTypeRequest,
    CreateHITWithHITTypeRequest,
    Environment,
    Locale,
    MTurkModelsWarning,
    QualificationEnvironmentWarning,
    QualificationRequirement,
    masters,
)
from mturk_models._base import Structure
from mturk_models._errors import init_error
from mturk_models._types import CurrencyAmount, Seq
from mturk_models.api._preflight import RawRequest, Request, RequestContext, Rule, member
from mturk_models.testing import (
    create_hit_requests,
    create_hit_type_requests,
    create_hit_with_hit_type_requests,
    operation_requests,
)

VALID_TYPE: dict[str, Any] = {
    "Title": "Tag an image",
    "Description": "Pick the tag that fits the image best",
    "Reward": "0.05",
    "AssignmentDurationInSeconds": 600,
}


def errors_of(model: type[BaseModel], data: Any, **kwargs: Any) -> list[Any]:
    with pytest.raises(ValidationError) as info:
        model.model_validate(data, **kwargs)
    return info.value.errors()


# --- a request of the tests' own: the base names no field -------------------------------------


class Part(Structure):
    name: str = Field(alias="PartName")
    sizes: Seq[int] | None = None


class Box(Structure):
    label: str | None = None
    parts: Seq[Part] | None = None


def _label_needs_parts(raw: RawRequest, model: BaseModel | None) -> list[Any]:
    box = raw.member("box")
    if isinstance(box, dict) and member(box, Box, "label") and member(box, Box, "parts") is None:
        return [init_error("label_without_parts", "A label needs parts", (raw.alias("box"),), box)]
    return []


def _environment_seen(raw: RawRequest, model: BaseModel | None) -> list[Any]:
    SEEN.append(raw.context.environment)
    return []


SEEN: list[Environment | None] = []


class Seal(Request):
    """A nested model that forbids unknown keys itself: pydantic reports them, the pre-flight
    adds the suggestion."""

    code: str = Field(alias="SealCode")


class ShipRequest(Request):
    amount: CurrencyAmount = Field(alias="Amount")
    box: Box | None = None
    boxes: Seq[Box] | None = None
    note: str | None = None
    seals: Seq[Seal] | None = None

    __rules__: ClassVar[tuple[Rule, ...]] = (_label_needs_parts, _environment_seen)


def test_builds_by_key_or_name_and_gives_plain_json() -> None:
    by_key = ShipRequest.model_validate({"Amount": "1.5", "Box": {"Label": "x", "Parts": []}})
    by_name = ShipRequest.model_validate(
        {"amount": Decimal("1.5"), "box": Box(label="x", parts=())}
    )
    assert by_key == by_name
    assert by_key.to_boto3() == {"Amount": "1.50", "Box": {"Label": "x", "Parts": []}}


def test_unknown_keys_are_found_at_any_depth_from_the_field_types() -> None:
    data = {
        "Amount": "1",
        "Nte": "typo",
        "Boxes": [{"Label": "a", "Parts": [{"PartName": "p", "Sizs": [1]}]}, {"Lable": "b"}],
    }
    found = errors_of(ShipRequest, data)
    assert {(e["type"], e["loc"], e["msg"]) for e in found} == {
        ("extra_forbidden", ("Nte",), "Unknown key 'Nte'; did you mean 'Note'?"),
        (
            "extra_forbidden",
            ("Boxes", 0, "Parts", 0, "Sizs"),
            "Unknown key 'Sizs'; did you mean 'Sizes'?",
        ),
        ("extra_forbidden", ("Boxes", 1, "Lable"), "Unknown key 'Lable'; did you mean 'Label'?"),
    }
    # The structures themselves keep unknown keys when they are received.
    assert Box.model_validate({"Label": "a", "Lable": "b"}).model_extra == {"Lable": "b"}


def test_unknown_keys_of_model_instances_inside_a_request() -> None:
    part = Part.model_validate({"PartName": "p", "Colour": "red"})
    found = errors_of(ShipRequest, {"Amount": "1", "Box": Box(parts=(part,))})
    assert [(e["type"], e["loc"]) for e in found] == [
        ("extra_forbidden", ("Box", "Parts", 0, "Colour"))
    ]


@pytest.mark.parametrize(
    "container",
    [
        lambda items: (i for i in items),
        lambda items: iter(items),
        lambda items: deque(items),
        lambda items: tuple(items),
        lambda items: dict(enumerate(items)).values(),
    ],
    ids=["generator", "iterator", "deque", "tuple", "dict_values"],
)
def test_one_shot_iterables_are_read_once_and_checked(container: Any) -> None:
    boxes = [{"Label": "a", "Parts": container([{"PartName": "p", "Sise": [1]}])}]
    found = errors_of(ShipRequest, {"Amount": "1", "Boxes": container(boxes)})
    assert [(e["type"], e["loc"]) for e in found] == [
        ("extra_forbidden", ("Boxes", 0, "Parts", 0, "Sise"))
    ]
    good = [{"PartName": "p", "Sizes": container([3])}]
    request = ShipRequest.model_validate({"Amount": "1", "Boxes": container([{"Parts": good}])})
    assert request.to_boto3()["Boxes"] == [{"Parts": [{"PartName": "p", "Sizes": [3]}]}]


def test_sets_and_frozensets_are_materialised_too() -> None:
    request = ShipRequest.model_validate(
        {"Amount": "1", "Box": {"Parts": [{"PartName": "p", "Sizes": {3}}]}}
    )
    assert request.to_boto3()["Box"]["Parts"][0]["Sizes"] == [3]
    request = ShipRequest.model_validate({"Amount": "1", "Boxes": frozenset({Box(label="x")})})
    assert request.to_boto3()["Boxes"] == [{"Label": "x"}]


def test_field_errors_unknown_keys_and_rules_come_at_once() -> None:
    found = errors_of(ShipRequest, {"Amount": "$1", "Box": {"Label": "x"}, "Bxo": 1})
    assert sorted(e["type"] for e in found) == [
        "currency_amount",
        "extra_forbidden",
        "label_without_parts",
    ]


def test_duplicate_spellings_are_refused_at_any_depth() -> None:
    found = errors_of(ShipRequest, {"Amount": "1", "amount": "2"})
    assert [(e["type"], e["loc"]) for e in found] == [("duplicate_key", ("amount",))]
    found = errors_of(
        ShipRequest, {"Amount": "1", "Box": {"Label": "x", "label": "y", "Parts": []}}
    )
    assert [(e["type"], e["loc"]) for e in found] == [("duplicate_key", ("Box", "label"))]


def test_reraised_errors_keep_the_users_input() -> None:
    """The input of a re-raised field error is the value the user gave: the very object, where
    no one-shot iterable had to be read; the list read from it, where one was."""
    parts = [{"PartName": 5}]
    box = {"Label": "x", "Parts": parts}
    data = {"Amount": "0.001", "Box": box}
    found = {e["loc"]: e for e in errors_of(ShipRequest, data)}
    assert found[("Amount",)]["input"] == "0.001"
    assert found[("Box", "Parts", 0, "PartName")]["input"] == 5
    # A missing member: pydantic's input is the whole request, which is the user's mapping.
    good = [{"PartName": "p"}]
    with pytest.raises(ValidationError) as info:
        ShipRequest.model_validate({"Box": {"Parts": (p for p in good)}})
    (missing,) = info.value.errors()
    assert missing["type"] == "missing"
    assert missing["input"]["Box"]["Parts"] == good  # the generator, read once, as a list
    user = {"Box": {"Parts": [{"PartName": "p"}]}}
    (missing,) = errors_of(ShipRequest, user)
    assert missing["input"] is user


def test_rules_see_the_typed_context() -> None:
    SEEN.clear()
    ShipRequest.model_validate({"Amount": "1"}, context={"environment": "Sandbox"})
    ShipRequest.model_validate({"Amount": "1"}, context=RequestContext(Environment.PRODUCTION))
    ShipRequest.model_validate({"Amount": "1"})
    assert SEEN == [Environment.SANDBOX, Environment.PRODUCTION, None]
    found = errors_of(ShipRequest, {"Amount": "1"}, context={"environment": "prod"})
    assert [e["type"] for e in found] == ["environment"]


def test_rules_are_not_run_on_what_is_not_an_object() -> None:
    for data in (None, [], "Amount"):
        assert [e["type"] for e in errors_of(ShipRequest, data)] == ["model_type"]


def test_an_instance_validates_as_itself() -> None:
    request = ShipRequest(amount=Decimal(1))
    assert ShipRequest.model_validate(request) is request


# --- the two cases of the issue, on the real models -------------------------------------------


@pytest.mark.parametrize(
    "container",
    [lambda x: (i for i in x), set, frozenset, lambda x: dict.fromkeys(x).keys(), tuple, deque],
    ids=["generator", "set", "frozenset", "dict_keys", "tuple", "deque"],
)
def test_locale_values_with_a_misspelt_key_in_any_container(container: Any) -> None:
    """CreateHITType once took LocaleValues as a generator of dicts with a misspelt key."""

    class Key(dict[str, str]):  # hashable, so that sets and dict keys can hold it
        def __hash__(self) -> int:  # type: ignore[override]
            return hash(tuple(self.items()))

    locales = [Key(Country="US"), Key(Contry="CA", Country="CA")]
    requirement = {"QualificationTypeId": WORKER_LOCALE, "Comparator": "In"}
    data = {
        **VALID_TYPE,
        "QualificationRequirements": [{**requirement, "LocaleValues": container(locales)}],
    }
    found = errors_of(CreateHITTypeRequest, data)
    assert [(e["type"], e["loc"][-1]) for e in found] == [("extra_forbidden", "Contry")]
    assert found[0]["loc"][:3] == ("QualificationRequirements", 0, "LocaleValues")


def test_policy_parameters_given_as_a_set_are_checked() -> None:
    class Param(dict[str, Any]):
        def __hash__(self) -> int:  # type: ignore[override]
            return id(self)

    parameters = {Param(Key="QuestionIds", Values=["q1"]), Param(Key="Bogus", Values=["1"])}
    policy = {"PolicyName": "SimplePlurality/2011-09-01", "Parameters": parameters}
    data = {
        **VALID_TYPE,
        "LifetimeInSeconds": 3600,
        "HITLayoutId": "3LAYOUT",
        "HITReviewPolicy": policy,
    }
    found = errors_of(CreateHITRequest, data)
    assert sorted(e["type"] for e in found) == ["review_policy_parameter", "review_policy_required"]


def test_environment_rule_warns_only_for_a_valid_request() -> None:
    data = {**VALID_TYPE, "QualificationRequirements": [masters("sandbox")]}
    with pytest.warns(QualificationEnvironmentWarning):
        CreateHITTypeRequest.model_validate(data, context={"environment": "production"})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        errors_of(
            CreateHITTypeRequest, {**data, "Title": ""}, context={"environment": "production"}
        )


def test_structures_inside_requests_are_the_received_ones() -> None:
    """Locale and QualificationRequirement are the same classes a response gives."""
    annotation = CreateHITTypeRequest.model_fields["qualification_requirements"].annotation
    assert "QualificationRequirement" in repr(annotation)
    assert issubclass(QualificationRequirement, Structure)
    assert issubclass(Locale, Structure)


# --- the invariant: whatever a request model accepts, botocore's validator accepts its output ---
#
# Each row: the request model, its botocore operation, and a strategy of valid requests (or None:
# inputs are then generated from botocore's input shape alone). A new request model is one row.

INVARIANT: list[Any] = [
    pytest.param(CreateHITRequest, "CreateHIT", create_hit_requests, id="CreateHIT"),
    pytest.param(
        CreateHITTypeRequest, "CreateHITType", create_hit_type_requests, id="CreateHITType"
    ),
    pytest.param(
        CreateHITWithHITTypeRequest,
        "CreateHITWithHITType",
        create_hit_with_hit_type_requests,
        id="CreateHITWithHITType",
    ),
]
# The other 36 operations: every public request model, with its generic valid-request strategy.
INVARIANT += [
    pytest.param(
        model,
        model.__name__.removesuffix("Request"),
        partial(operation_requests, model),
        id=model.__name__.removesuffix("Request"),
    )
    for model in (getattr(mturk_models, name) for name in mturk_models.__all__)
    if isinstance(model, type)
    and issubclass(model, Request)
    and model not in (CreateHITRequest, CreateHITTypeRequest, CreateHITWithHITTypeRequest)
]

SERVICE = botocore.session.get_session().get_service_model("mturk")
VALIDATOR = botocore.validate.ParamValidator()


class _HashableDict(dict[Any, Any]):
    """A mapping that sets and dict keys can hold (by identity), as a user's own class might."""

    def __hash__(self) -> int:  # type: ignore[override]
        return id(self)


_JUNK = st.none() | st.booleans() | st.integers() | st.text(max_size=4) | st.floats()


def _scalars(shape: Any) -> st.SearchStrategy[Any]:
    """Values for a botocore scalar shape: valid ones and the near misses pydantic converts."""
    meta = shape.metadata
    if shape.type_name == "string":
        low, high = meta.get("min", 0), meta.get("max", 80)
        options = [st.text(min_size=low, max_size=min(high, 80))]
        if shape.enum:
            options.append(st.sampled_from(shape.enum))
        if "pattern" in meta:
            options.append(
                st.from_regex(meta["pattern"], fullmatch=True).filter(
                    lambda s: low <= len(s) <= high
                )
            )
        options.append(st.binary(max_size=4))
        return st.one_of(options)
    if shape.type_name in ("integer", "long"):
        ints = st.integers(min_value=-(2**33), max_value=2**33) | st.integers(0, 200)
        return ints | ints.map(str) | ints.map(float) | st.booleans()
    if shape.type_name == "boolean":
        return st.booleans() | st.sampled_from(["true", "false", 0, 1, "yes"])
    if shape.type_name == "timestamp":
        return st.datetimes() | st.integers(0, 2**31).map(str)
    return _JUNK


def _shape_values(shape: Any, depth: int = 0) -> st.SearchStrategy[Any]:
    """Plain values in the form of a botocore shape (or near it) for the messy wrapper below."""
    if shape.type_name == "structure":
        members = {
            name: _shape_values(member, depth + 1)
            for name, member in shape.members.items()
            if depth < 4
        }
        required = {k: v for k, v in members.items() if k in shape.required_members}
        optional = {k: v for k, v in members.items() if k not in shape.required_members}
        return st.fixed_dictionaries(required, optional=optional)
    if shape.type_name == "list":
        return st.lists(_shape_values(shape.member, depth + 1), max_size=3)
    return _scalars(shape)


def _chance(draw: st.DrawFn, n: int) -> bool:
    """True about once in ``n`` draws (not at an end of a range, where Hypothesis aims often)."""
    return bool(draw(st.sampled_from(range(n))) == 1)


@st.composite
def _messy(draw: st.DrawFn, value: Any, shape: Any, model: type[BaseModel] | None) -> Any:
    """``value`` as a user may give it: lists as any container pydantic converts, keys by
    attribute name, nested structures as model instances (with unknown keys, sometimes)."""
    if shape.type_name == "list" and isinstance(value, list):
        items = [draw(_messy(v, shape.member, model)) for v in value]
        kind = draw(
            st.sampled_from(
                [
                    "list",
                    "tuple",
                    "generator",
                    "iterator",
                    "set",
                    "frozenset",
                    "deque",
                    "keys",
                    "values",
                ]
            )
        )
        hashable = [_HashableDict(i) if isinstance(i, dict) else i for i in items]
        try:
            hash(tuple(hashable))
        except TypeError:
            kind = "list" if kind in ("set", "frozenset", "keys") else kind
        return {
            "list": lambda: items,
            "tuple": lambda: tuple(items),
            "generator": lambda: (i for i in items),
            "iterator": lambda: iter(items),
            "set": lambda: set(hashable),
            "frozenset": lambda: frozenset(hashable),
            "deque": lambda: deque(items),
            "keys": lambda: dict.fromkeys(hashable).keys(),
            "values": lambda: dict(enumerate(items)).values(),
        }[kind]()
    if shape.type_name == "structure" and isinstance(value, dict) and model is not None:
        fields = {info.alias or name: (name, info) for name, info in model.model_fields.items()}
        out: dict[str, Any] = {}
        for key, item in value.items():
            found = fields.get(key)
            inner = _model_in(found[1].annotation) if found else None
            member_shape = shape.members.get(key)
            new = draw(_messy(item, member_shape, inner)) if member_shape is not None else item
            by_name = found is not None and _chance(draw, 5)
            out[found[0] if by_name and found else key] = new
        if _chance(draw, 40):
            out[
                draw(st.sampled_from(["Extra", "Contry", "Valu", "title", "qualification_type_id"]))
            ] = draw(_JUNK)
        if issubclass(model, Structure) and _chance(draw, 4):
            try:
                return model.model_validate(out)  # a model instance, unknown keys and all
            except ValidationError:
                return out
        return _HashableDict(out) if draw(st.booleans()) else out
    return value


@st.composite
def _request_inputs(
    draw: st.DrawFn, model: type[BaseModel], operation: str, valid: Any | None
) -> dict[str, Any]:
    shape = SERVICE.operation_model(operation).input_shape
    if valid is not None and not _chance(draw, 4):
        data = draw(valid()).to_boto3()
        if shape.members and _chance(draw, 4):  # a member replaced by a value of its shape
            name = draw(st.sampled_from(sorted(shape.members)))
            data[name] = draw(_shape_values(shape.members[name], 1))
    else:
        data = draw(_shape_values(shape))
    messy = draw(_messy(data, shape, model))
    return dict(messy)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


@pytest.mark.parametrize(("model", "operation", "valid"), INVARIANT)
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data())
def test_what_a_request_model_accepts_botocore_accepts(
    model: type[Request], operation: str, valid: Any, data: st.DataObject
) -> None:
    """Issue: whatever model_validate accepts, to_boto3() passes botocore's ParamValidator for the
    operation, whatever containers the input used; and it validates back into an equal model."""
    raw = data.draw(_request_inputs(model, operation, valid))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MTurkModelsWarning)
        try:
            request = model.model_validate(raw)
        except ValidationError:
            event("refused")
            return
    event("accepted")
    params = request.to_boto3()
    report = VALIDATOR.validate(params, SERVICE.operation_model(operation).input_shape)
    assert not report.has_errors(), report.generate_report()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MTurkModelsWarning)
        assert model.model_validate(params) == request


def test_every_request_model_is_in_the_invariant() -> None:
    """A request model that is public must be in INVARIANT (one row each)."""
    import mturk_models

    public = {
        name
        for name in mturk_models.__all__
        if isinstance(cls := getattr(mturk_models, name), type) and issubclass(cls, Request)
    }
    assert public == {param.values[0].__name__ for param in INVARIANT}
    for param in INVARIANT:
        assert param.values[1] in SERVICE.operation_names


def test_warnings_skip_every_folder_of_the_package() -> None:
    """REVIEW 4.4: the frames skipped are the top-level package's (api/, documents/, ...), not
    only the folder of the module that warns."""
    import os

    import mturk_models
    from mturk_models import _errors

    top = os.path.dirname(os.path.abspath(mturk_models.__file__)) + os.sep
    assert top in _errors._SKIPPED_DIRS
    assert not any(path.endswith(f"api{os.sep}") for path in _errors._SKIPPED_DIRS)


def test_unknown_keys_of_nested_models_that_forbid_them_get_a_suggestion() -> None:
    found = errors_of(ShipRequest, {"Amount": "1", "Seals": [{"SealCode": "a"}, {"SealCod": "b"}]})
    assert {(e["type"], e["loc"], e["msg"]) for e in found} == {
        ("missing", ("Seals", 1, "SealCode"), "Field required"),
        (
            "extra_forbidden",
            ("Seals", 1, "SealCod"),
            "Unknown key 'SealCod'; did you mean 'SealCode'?",
        ),
    }


def test_member_reads_mappings_and_instances_and_nothing_else() -> None:
    assert member({"PartName": "p"}, Part, "name") == "p"
    assert member({"name": "p"}, Part, "name") == "p"
    assert member(Part(name="p"), Part, "name") == "p"
    assert member(["PartName"], Part, "name") is None


def test_a_fixed_length_tuple_is_not_a_sequence_of_items() -> None:
    from mturk_models.api._preflight import _item_of, _model_at

    assert _item_of(tuple[int, str]) == (False, None)
    assert _item_of(Seq[int] | None) == (True, int)
    assert _model_at(ShipRequest, ("Boxes", 0, "Parts", 0)) is Part
    assert _model_at(ShipRequest, ("Nowhere", 0)) is None
    assert _model_at(ShipRequest, ("Note", "Deeper")) is None


def test_hit_with_hit_type_has_no_requirements_to_check() -> None:
    request = CreateHITWithHITTypeRequest.model_validate(
        {"HITTypeId": "3T", "LifetimeInSeconds": 60, "HITLayoutId": "3L"}
    )
    assert request.check_environment("sandbox") == []
    with pytest.raises(ValueError, match="staging"):
        request.check_environment("staging")
