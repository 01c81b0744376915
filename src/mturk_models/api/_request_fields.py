"""Field types, small rules and the paging members that the request models of every area share.

botocore's ``ParamValidator`` checks a request's required members, its Python types and the
``min`` of strings, lists and integers; it checks no ``max``, no pattern and no enum. These types
add what botocore's service model (mturk 2017-01-17) states but does not check:

* ``Integer`` members are 32-bit and ``Long`` members 64-bit signed integers (the shape types
  ``integer`` and ``long``, which every AWS SDK maps to ``int32``/``int64``); booleans are
  ``Boolean``. Requests take them strictly, as botocore does: ``"5"`` is not an Integer and ``1``
  is not a Boolean.
* ``ResultSize`` (MaxResults): 1 to 100; ``PaginationToken`` (NextToken): 1 to 255 characters.

and the rules of text members that the API reference states for several operations:

* RequesterFeedback (ApproveAssignment, RejectAssignment): "Can be up to 1024 characters
  (including multi-byte characters)" and "cannot contain ASCII characters 0-8, 11, 12, or 14-31"
  (API reference 2017-01-17, both pages);
* a message the operation says you "must include" (RejectAssignment's RequesterFeedback,
  SendBonus's Reason) holds at least one character besides whitespace.
"""

from __future__ import annotations

import re
from typing import Annotated, Final

from pydantic import AfterValidator, Field, Strict
from pydantic_core import PydanticCustomError

from .._types import INT32_MAX, INT32_MIN, PaginationToken
from ._preflight import Request

__all__ = [
    "INT64_MAX",
    "INT64_MIN",
    "MAX_REQUESTER_FEEDBACK",
    "MAX_RESULTS",
    "NOT_BLANK",
    "Boolean",
    "Integer",
    "Long",
    "Message",
    "PagedRequest",
    "RequesterFeedback",
    "ResultSize",
]

INT64_MIN: Final = -(2**63)
INT64_MAX: Final = 2**63 - 1
MAX_RESULTS: Final = 100
"""ResultSize (MaxResults of every List operation): 1 to 100 (botocore ``ResultSize``)."""
MAX_REQUESTER_FEEDBACK: Final = 1_024
"""RequesterFeedback: "Can be up to 1024 characters (including multi-byte characters)"."""

Boolean = Annotated[bool, Strict()]
"""botocore's ``Boolean``: ``True`` or ``False`` only."""

Integer = Annotated[int, Strict(), Field(ge=INT32_MIN, le=INT32_MAX)]
"""botocore's ``Integer``: a 32-bit signed ``int`` (not a bool, not a string of digits)."""

Long = Annotated[int, Strict(), Field(ge=INT64_MIN, le=INT64_MAX)]
"""botocore's ``Long``: a 64-bit signed ``int``."""

ResultSize = Annotated[int, Strict(), Field(ge=1, le=MAX_RESULTS)]
"""botocore's ``ResultSize`` (MaxResults): 1 to 100."""

_FEEDBACK_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _feedback_characters(value: str) -> str:
    found = _FEEDBACK_FORBIDDEN.search(value)
    if found is not None:
        raise PydanticCustomError(
            "requester_feedback_characters",
            "RequesterFeedback cannot contain ASCII characters 0-8, 11, 12 or 14-31 (MTurk "
            "answers InvalidParameterValue); got {character} at position {position}",
            {"character": repr(found.group()), "position": found.start()},
        )
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError(
            "message_blank",
            "This message must hold at least one character besides whitespace; got {value}",
            {"value": repr(value)},
        )
    return value


NOT_BLANK: Final = AfterValidator(_not_blank)
"""Refuses a message that is empty or only whitespace (code ``message_blank``)."""

Message = Annotated[str, NOT_BLANK]
"""A message the operation requires (SendBonus's Reason): not empty, not only whitespace."""

RequesterFeedback = Annotated[
    str, Field(max_length=MAX_REQUESTER_FEEDBACK), AfterValidator(_feedback_characters)
]
"""RequesterFeedback: at most 1,024 characters, none of ASCII 0-8, 11, 12, 14-31."""


class PagedRequest(Request):
    """The paging members every List operation shares (NextToken, MaxResults)."""

    next_token: PaginationToken | None = Field(
        default=None,
        description="The pagination token a previous page returned, to retrieve the next page "
        "(1 to 255 characters).",
    )
    max_results: ResultSize | None = Field(
        default=None,
        description="The maximum number of results to return in a single call (1 to 100).",
    )
