"""The BonusPayment structure and the ListBonusPayments response envelope."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from .._base import Structure
from .._types import Count, CurrencyAmount, EntityId, PaginationToken, Seq, UtcDatetime, WorkerId

__all__ = ["BonusPayment", "ListBonusPaymentsResponse"]


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
    reason: str | None = Field(
        default=None, description="The Reason text given when the bonus was granted, if any."
    )
    grant_time: UtcDatetime | None = Field(
        default=None, description="The date and time of when the bonus was granted."
    )


class ListBonusPaymentsResponse(Structure):
    """One page of ``client.list_bonus_payments(...)`` (or a legacy GetBonusPayments result).

    >>> ListBonusPaymentsResponse.model_validate({"NumResults": 0, "BonusPayments": []}).num_results
    0
    """

    next_token: PaginationToken | None = Field(
        default=None,
        description="If the response was incomplete, the token that retrieves the next page.",
    )
    num_results: Count | None = Field(
        default=None, description="The number of bonus payments on this page."
    )
    bonus_payments: Seq[BonusPayment] | None = Field(
        default=None, description="A successful request returns a list of BonusPayment objects."
    )
    response_metadata: dict[str, Any] | None = Field(
        default=None,
        description="boto3's ResponseMetadata (RequestId, HTTPStatusCode, HTTPHeaders, "
        "RetryAttempts).",
    )
