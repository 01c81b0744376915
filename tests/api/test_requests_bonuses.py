"""The requests of the bonus operations: money, the reason, and HITId or AssignmentId."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from mturk_models import ListBonusPaymentsRequest, SendBonusRequest

VALID = {
    "WorkerId": "AGDRU4D1VTQLB",
    "BonusAmount": "0.50",
    "AssignmentId": "3YZ8UPK3VUK9D38RJKOSRZUCFEFUCR",
    "Reason": "Great work",
}


def errors(model: type[BaseModel], data: dict[str, Any]) -> list[tuple[str, tuple[Any, ...]]]:
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    return [(e["type"], tuple(e["loc"])) for e in info.value.errors()]


@pytest.mark.parametrize(
    ("given", "amount", "sent"),
    [
        ("5", Decimal("5.00"), "5.00"),
        ("101.42", Decimal("101.42"), "101.42"),
        ("0.5", Decimal("0.50"), "0.50"),
        ("5.", Decimal("5.00"), "5.00"),
        (5, Decimal("5.00"), "5.00"),
        (Decimal("2.25"), Decimal("2.25"), "2.25"),
    ],
)
def test_bonus_amount_is_a_decimal_sent_with_two_decimals(
    given: Any, amount: Decimal, sent: str
) -> None:
    request = SendBonusRequest.model_validate({**VALID, "BonusAmount": given})
    assert request.bonus_amount == amount
    assert request.to_boto3()["BonusAmount"] == sent


@pytest.mark.parametrize("given", ["$5", "5.001", "-1", "5 USD", "5,00", "", ".5", "1e3", "NaN"])
def test_bonus_amount_follows_botocore_s_currency_pattern(given: str) -> None:
    assert errors(SendBonusRequest, {**VALID, "BonusAmount": given}) == [
        ("currency_amount", ("BonusAmount",))
    ]


@pytest.mark.parametrize("given", [None, [], {"Amount": "5"}])
def test_bonus_amount_of_another_type(given: Any) -> None:
    found = errors(SendBonusRequest, {**VALID, "BonusAmount": given})
    assert [loc for _, loc in found] == [("BonusAmount",)]


def test_a_reason_is_required_and_says_something() -> None:
    without = {k: v for k, v in VALID.items() if k != "Reason"}
    assert errors(SendBonusRequest, without) == [("missing", ("Reason",))]
    assert errors(SendBonusRequest, {**VALID, "Reason": "  "}) == [("message_blank", ("Reason",))]


@pytest.mark.parametrize(
    ("member", "value", "code"),
    [
        ("WorkerId", "BGDRU4D1VTQLB", "string_pattern_mismatch"),
        ("WorkerId", "A", "string_pattern_mismatch"),
        ("AssignmentId", "a1", "string_pattern_mismatch"),
        ("UniqueRequestToken", "", "string_too_short"),
        ("UniqueRequestToken", "t" * 65, "string_too_long"),
    ],
)
def test_ids_and_token(member: str, value: Any, code: str) -> None:
    assert errors(SendBonusRequest, {**VALID, member: value}) == [(code, (member,))]


def test_list_bonus_payments_needs_a_hit_or_an_assignment() -> None:
    assert errors(ListBonusPaymentsRequest, {"MaxResults": 10}) == [("hit_or_assignment", ())]
    ListBonusPaymentsRequest(hit_id="3F6045TU7DM69TFRJMD84TAZ7K7999")
    ListBonusPaymentsRequest(assignment_id="3YZ8UPK3VUK9D38RJKOSRZUCFEFUCR")
    both = ListBonusPaymentsRequest(
        hit_id="3F6045TU7DM69TFRJMD84TAZ7K7999", assignment_id="3YZ8UPK3VUK9D38RJKOSRZUCFEFUCR"
    )
    assert set(both.to_boto3()) == {"HITId", "AssignmentId"}


def test_the_rule_reads_attribute_names_too() -> None:
    assert ListBonusPaymentsRequest.model_validate({"hit_id": "3F6045TU7DM69TFRJMD84TAZ7K7999"})


def test_the_rule_comes_with_the_field_errors() -> None:
    found = errors(ListBonusPaymentsRequest, {"MaxResults": 0, "HitId": "X1"})
    assert sorted(found) == sorted(
        [
            ("greater_than_equal", ("MaxResults",)),
            ("extra_forbidden", ("HitId",)),
            ("hit_or_assignment", ()),
        ]
    )
