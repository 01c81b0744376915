"""Bonuses: the BonusPayment structure, the ListBonusPayments response envelope, and the
SendBonus and ListBonusPayments requests.

Request rules beyond botocore's own checks (sources in ``docs/requests.md``):

* BonusAmount: botocore's CurrencyAmount pattern ``^[0-9]+(\\.)?[0-9]{0,2}$`` ("Do not include
  currency symbols or currency codes"), read as a ``Decimal`` and sent as a two-decimal string.
* Reason: required, and a message ("You must include a message that explains the reason for the
  bonus payment"), so not only whitespace.
* WorkerId (CustomerId), AssignmentId and HITId (EntityId) patterns; UniqueRequestToken 1 to 64.
* ListBonusPayments: HITId or AssignmentId ("Either the HITId parameter or the AssignmentId
  parameter must be specified", botocore's member documentation).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from pydantic import BaseModel, Field
from pydantic_core import InitErrorDetails

from .._base import Structure
from .._errors import init_error
from .._types import (
    CurrencyAmount,
    EntityId,
    IdempotencyToken,
    Seq,
    Text,
    UtcDatetime,
    WorkerId,
)
from ._page import Page
from ._preflight import RawRequest, Request
from ._request_fields import Message, PagedRequest

__all__ = [
    "BonusPayment",
    "ListBonusPaymentsRequest",
    "ListBonusPaymentsResponse",
    "SendBonusRequest",
    "SendBonusResponse",
    "hit_or_assignment_rule",
]
from ._page import Response


class BonusPayment(Structure):
    """A bonus paid to a Worker for an assignment, as ListBonusPayments returns it.

    >>> b = BonusPayment.model_validate(
    ...     {"WorkerId": "AGDRU4D1VTQLB", "BonusAmount": "0.04",
    ...      "AssignmentId": "180E4LY5TVT3R8QIIGL8GNEZWCF0UF", "GrantTime": "2010-09-17T20:16:40Z"}
    ... )
    >>> b.bonus_amount, b.grant_time.isoformat()
    (Decimal('0.04'), '2010-09-17T20:16:40+00:00')
    """

    worker_id: WorkerId | None = Field(
        default=None, description="The ID of the Worker to whom the bonus was paid."
    )
    bonus_amount: CurrencyAmount | None = Field(
        default=None, description="The amount of the bonus (USD)."
    )
    assignment_id: EntityId | None = Field(
        default=None, description="The ID of the assignment associated with this bonus payment."
    )
    reason: Text | None = Field(
        default=None, description="The Reason text given when the bonus was granted, if any."
    )
    grant_time: UtcDatetime | None = Field(
        default=None, description="The date and time of when the bonus was granted."
    )


class ListBonusPaymentsResponse(Page[BonusPayment]):
    """One page of ``client.list_bonus_payments(...)`` (or a legacy GetBonusPayments result).

    >>> ListBonusPaymentsResponse.model_validate({"NumResults": 0, "BonusPayments": []}).num_results
    0
    """

    __items__: ClassVar[str] = "bonus_payments"

    bonus_payments: Seq[BonusPayment] | None = Field(
        default=None, description="A successful request returns a list of BonusPayment objects."
    )


# --- requests -----------------------------------------------------------------------------------


class SendBonusRequest(Request):
    """The parameters of ``client.send_bonus(**kwargs)``, checked before sending.

    >>> req = SendBonusRequest(worker_id="AGDRU4D1VTQLB", bonus_amount="5",
    ...     assignment_id="180E4LY5TVT3R8QIIGL8GNEZWCF0UF", reason="Great work")
    >>> req.bonus_amount, req.to_boto3()["BonusAmount"]
    (Decimal('5.00'), '5.00')
    """

    worker_id: WorkerId = Field(description="The ID of the Worker being paid the bonus.")
    bonus_amount: CurrencyAmount = Field(
        description="The bonus in US dollars, as a string of digits with at most two decimals "
        '(for example, "5" represents $5.00 USD and "101.42" represents $101.42 USD); no '
        "currency symbols or currency codes.",
    )
    assignment_id: EntityId = Field(
        description="The ID of the assignment for which this bonus is paid."
    )
    reason: Message = Field(
        description="A message that explains the reason for the bonus payment. The Worker "
        "receiving the bonus can see this message (required, not blank).",
    )
    unique_request_token: IdempotencyToken | None = Field(
        default=None,
        description="A unique identifier for this request, which allows you to retry the call "
        "on error without granting multiple bonuses (1 to 64 characters).",
    )


def hit_or_assignment_rule(raw: RawRequest, model: BaseModel | None) -> Iterable[InitErrorDetails]:
    """ListBonusPayments needs HITId or AssignmentId (code ``hit_or_assignment``)."""
    if raw.member("hit_id") is None and raw.member("assignment_id") is None:
        yield init_error(
            "hit_or_assignment",
            'ListBonusPayments needs HITId or AssignmentId (botocore: "Either the HITId '
            'parameter or the AssignmentId parameter must be specified"); got neither',
            (),
            raw.data,
        )


class ListBonusPaymentsRequest(PagedRequest):
    """The parameters of ``client.list_bonus_payments(**kwargs)``, checked before sending.

    >>> ListBonusPaymentsRequest(hit_id="3F6045TU7DM69TFRJMD84TAZ7K7999").to_boto3()
    {'HITId': '3F6045TU7DM69TFRJMD84TAZ7K7999'}
    """

    __rules__ = (hit_or_assignment_rule,)

    hit_id: EntityId | None = Field(
        default=None,
        alias="HITId",
        description="The ID of the HIT associated with the bonus payments to retrieve: every "
        "bonus of every assignment of the HIT. HITId or AssignmentId is required.",
    )
    assignment_id: EntityId | None = Field(
        default=None,
        description="The ID of the assignment associated with the bonus payments to retrieve. "
        "HITId or AssignmentId is required.",
    )


class SendBonusResponse(Response):
    """What ``client.send_bonus(...)`` returns: only ``ResponseMetadata``."""
