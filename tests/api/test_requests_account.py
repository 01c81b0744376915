"""GetAccountBalance takes nothing; GetFileUploadURL an assignment and a question."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from mturk_models import GetAccountBalanceRequest, GetFileUploadURLRequest


def test_get_account_balance_takes_no_parameters() -> None:
    assert GetAccountBalanceRequest.model_validate({}).to_boto3() == {}
    with pytest.raises(ValidationError) as info:
        GetAccountBalanceRequest.model_validate({"MaxResults": 1})
    assert [e["type"] for e in info.value.errors()] == ["extra_forbidden"]


def test_get_file_upload_url_needs_both_members() -> None:
    with pytest.raises(ValidationError) as info:
        GetFileUploadURLRequest.model_validate({})
    assert sorted(e["loc"] for e in info.value.errors()) == [
        ("AssignmentId",),
        ("QuestionIdentifier",),
    ]


def test_not_an_object() -> None:
    with pytest.raises(ValidationError):
        GetAccountBalanceRequest.model_validate(["not", "a", "mapping"])
