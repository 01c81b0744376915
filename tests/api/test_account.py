"""GetAccountBalance (Decimal money) and GetFileUploadURL."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from pydantic import ValidationError

from mturk_models import GetAccountBalanceResponse, GetFileUploadURLResponse
from mturk_models.testing import responses


def test_balances_are_decimal_dollars() -> None:
    response = GetAccountBalanceResponse.model_validate(
        {"AvailableBalance": "10000.00", "OnHoldBalance": "0"}
    )
    assert response.available_balance == Decimal("10000.00")
    assert response.on_hold_balance == Decimal("0.00")
    assert response.to_boto3() == {"AvailableBalance": "10000.00", "OnHoldBalance": "0.00"}


@pytest.mark.parametrize("amount", ["-1.00", "$5.00", "1.005", "ten"])
def test_a_balance_breaking_botocore_currency_amount_is_refused(amount: str) -> None:
    with pytest.raises(ValidationError) as info:
        GetAccountBalanceResponse.model_validate({"AvailableBalance": amount})
    assert info.value.errors()[0]["type"] == "currency_amount"


def test_file_upload_url_alias() -> None:
    response = GetFileUploadURLResponse.model_validate({"FileUploadURL": "https://example.com/f"})
    assert response.file_upload_url == "https://example.com/f"
    assert "FileUploadURL" in response.to_boto3()


@given(responses(GetAccountBalanceResponse) | responses(GetFileUploadURLResponse, full=True))
def test_round_trip_through_boto3_and_json(model: GetAccountBalanceResponse) -> None:
    assert type(model).model_validate(model.to_boto3()) == model
    assert type(model).model_validate_json(model.model_dump_json()) == model
