"""The pre-flight base every request model shares: unknown keys from the field types, one-shot
iterables, all errors at once, declared rules, the typed context and to_boto3()."""

from __future__ import annotations

import warnings
from collections import deque
from decimal import Decimal
from typing import Any, ClassVar

import pytest
from pydantic import BaseModel, Field, ValidationError

from mturk_models import (
    WORKER_LOCALE,
    CreateHITRequest,
    CreateHITTypeRequest,
    Environment,
    Locale,
    QualificationEnvironmentWarning,
    QualificationRequirement,
    masters,
)
from mturk_models._base import Structure
from mturk_models._errors import init_error
from mturk_models._types import CurrencyAmount, Seq
from mturk_models.api._preflight import RawRequest, Request, RequestContext, Rule, member

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


class ShipRequest(Request):
    amount: CurrencyAmount = Field(alias="Amount")
    box: Box | None = None
    boxes: Seq[Box] | None = None
    note: str | None = None

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
    assert Box.model_validate({"Lable": "b"}).model_extra == {"Lable": "b"}


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
