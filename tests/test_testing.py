"""Properties of the public strategies in mturk_models.testing."""

from __future__ import annotations

from datetime import timezone
from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mturk_models import HIT, Assignment, Comparator, Locale, QualificationRequirement
from mturk_models.testing import (
    assignments,
    boto3_assignments,
    boto3_get_assignment_responses,
    boto3_hits,
    boto3_list_assignments_for_hit_responses,
    currency_amounts,
    entity_ids,
    get_assignment_responses,
    get_hit_responses,
    hits,
    list_assignments_for_hit_responses,
    locales,
    qualification_requirements,
    utc_datetimes,
    worker_ids,
)

MODELS = (
    assignments()
    | hits()
    | qualification_requirements()
    | locales()
    | get_assignment_responses()
    | get_hit_responses()
    | list_assignments_for_hit_responses()
)


def datetimes_in(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [d for item in value.values() for d in datetimes_in(item)]
    if isinstance(value, list | tuple):
        return [d for item in value for d in datetimes_in(item)]
    return [value] if hasattr(value, "utcoffset") else []


@given(MODELS)
def test_every_model_round_trips_through_boto3_shape(model: Any) -> None:
    cls = type(model)
    assert cls.model_validate(model.model_dump(by_alias=True, exclude_none=True)) == model
    assert cls.model_validate_json(model.model_dump_json()) == model


@given(MODELS)
def test_timestamps_are_always_aware_utc(model: Any) -> None:
    for value in datetimes_in(model.model_dump()):
        assert value.tzinfo is timezone.utc


@given(
    boto3_assignments()
    | boto3_hits()
    | boto3_get_assignment_responses()
    | boto3_list_assignments_for_hit_responses()
)
def test_boto3_dicts_carry_zoned_datetimes_and_string_rewards(raw: dict[str, Any]) -> None:
    for value in datetimes_in(raw):
        assert value.tzinfo is not None
    hit = raw.get("HIT", raw)
    if "Reward" in hit:
        assert isinstance(hit["Reward"], str)


@given(get_assignment_responses())
def test_get_assignment_responses_are_consistent(response: Any) -> None:
    assert response.assignment.hit_id == response.hit.hit_id


@given(list_assignments_for_hit_responses(last=True))
def test_list_pages(page: Any) -> None:
    assert page.next_token is None
    assert page.num_results == len(page.assignments)
    assert len({a.hit_id for a in page.assignments}) <= 1


@given(assignments())
def test_assignment_times_are_ordered(assignment: Assignment) -> None:
    assert assignment.accept_time <= assignment.submit_time  # type: ignore[operator]
    decided = assignment.approval_time or assignment.rejection_time
    assert decided is None or assignment.submit_time <= decided  # type: ignore[operator]


@given(entity_ids(), worker_ids(), currency_amounts(), utc_datetimes())
def test_scalars(entity_id: str, worker_id: str, amount: Decimal, when: Any) -> None:
    assert Assignment.model_validate({"AssignmentId": entity_id, "WorkerId": worker_id})
    assert HIT.model_validate({"Reward": amount}).reward == amount
    assert amount.as_tuple().exponent == -2
    assert when.tzinfo is timezone.utc


@given(locales(subdivision=True))
def test_locales_with_subdivision(locale: Locale) -> None:
    assert locale.subdivision is not None


@given(locales(subdivision=False))
def test_locales_without_subdivision(locale: Locale) -> None:
    assert locale.subdivision is None


@given(st.data())
def test_every_comparator_is_generated(data: st.DataObject) -> None:
    for comparator in Comparator:
        found = data.draw(qualification_requirements(comparators=[comparator]))
        assert isinstance(found, QualificationRequirement)
        assert found.comparator is comparator
