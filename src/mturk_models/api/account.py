"""The account: the requests of GetAccountBalance and GetFileUploadURL.

GetAccountBalance takes no parameters (any key is refused). GetFileUploadURL reads a file a Worker
uploaded for a FileUploadAnswer question; MTurk retired FileUploadAnswer for new QuestionForms on
12 December 2017, and the operation still serves older HITs until they are disposed of.
"""

from __future__ import annotations

from pydantic import Field

from .._types import CurrencyAmount, EntityId, Text
from ._page import Response
from ._preflight import Request

__all__ = [
    "GetAccountBalanceRequest",
    "GetAccountBalanceResponse",
    "GetFileUploadURLRequest",
    "GetFileUploadURLResponse",
]


class GetAccountBalanceRequest(Request):
    """The parameters of ``client.get_account_balance()``: none.

    >>> GetAccountBalanceRequest().to_boto3()
    {}
    """


class GetFileUploadURLRequest(Request):
    """The parameters of ``client.get_file_upload_url(**kwargs)``, checked before sending.

    >>> GetFileUploadURLRequest(assignment_id="3YZ8UPK3VUK9D38RJKOSRZUCFEFUCR",
    ...     question_identifier="photo").to_boto3()["QuestionIdentifier"]
    'photo'
    """

    assignment_id: EntityId = Field(
        description="The ID of the assignment that contains the question with a FileUploadAnswer."
    )
    question_identifier: str = Field(
        description="The identifier of the question with a FileUploadAnswer, as specified in the "
        "QuestionForm of the HIT."
    )


# --- what the operations return ---------------------------------------------------------------


class GetAccountBalanceResponse(Response):
    """What ``client.get_account_balance()`` returns: the available and on-hold balances (USD).

    >>> r = GetAccountBalanceResponse.model_validate(
    ...     {"AvailableBalance": "10000.00", "OnHoldBalance": "0.5"}
    ... )
    >>> r.available_balance, r.to_boto3()["OnHoldBalance"]
    (Decimal('10000.00'), '0.50')
    """

    available_balance: CurrencyAmount | None = Field(
        default=None,
        description="The Prepaid HITs balance of the account (USD), or the remaining AWS "
        "Billing usage when AWS Billing is enabled (GetAccountBalance).",
    )
    on_hold_balance: CurrencyAmount | None = Field(
        default=None,
        description="The balance on hold (USD); the API reference only calls it a currency amount.",
    )


class GetFileUploadURLResponse(Response):
    """What ``client.get_file_upload_url(AssignmentId=..., QuestionIdentifier=...)`` returns.

    >>> GetFileUploadURLResponse.model_validate({"FileUploadURL": "https://example.com/f"}).to_boto3()
    {'FileUploadURL': 'https://example.com/f'}
    """

    file_upload_url: Text | None = Field(
        default=None,
        alias="FileUploadURL",
        description="A temporary URL for the file that the Worker uploaded for the answer.",
    )
