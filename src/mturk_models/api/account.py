"""The account: the requests of GetAccountBalance and GetFileUploadURL.

GetAccountBalance takes no parameters (any key is refused). GetFileUploadURL reads a file a Worker
uploaded for a FileUploadAnswer question; MTurk retired FileUploadAnswer for new QuestionForms on
12 December 2017, and the operation still serves older HITs until they are disposed of.
"""

from __future__ import annotations

from pydantic import Field

from .._types import EntityId
from ._preflight import Request

__all__ = ["GetAccountBalanceRequest", "GetFileUploadURLRequest"]


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
