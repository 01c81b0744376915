"""The output of ListReviewPolicyResultsForHIT (private; exported from :mod:`mturk_models`).

It lives apart from :mod:`.reviews` because it holds the ``ReviewPolicy`` structure, which is
defined with the requests that carry it and which imports :mod:`.reviews` itself.
"""

from __future__ import annotations

from pydantic import Field

from .._types import EntityId, PaginationToken
from ._page import Response
from .reviews import ReviewPolicy, ReviewReport

__all__ = ["ListReviewPolicyResultsForHITResponse"]


class ListReviewPolicyResultsForHITResponse(Response):
    """What ``client.list_review_policy_results_for_hit(HITId=...)`` returns.

    Not a :class:`~mturk_models.api._page.Page`: the operation has a ``NextToken`` but no
    ``NumResults``, no list of items and no botocore paginator. Each call returns the two policies
    and two reports of one HIT, and the next token continues the reports' results and actions;
    ``next_token`` is declared here with the same meaning as on a page.

    >>> r = ListReviewPolicyResultsForHITResponse.model_validate(
    ...     {"HITId": "3ABCEXAMPLE",
    ...      "HITReviewPolicy": {"PolicyName": "SimplePlurality/2011-09-01"},
    ...      "HITReviewReport": {"ReviewResults": [{"Key": "AgreementScore", "Value": "100"}]}}
    ... )
    >>> r.hit_review_policy.policy_name, r.hit_review_report.review_results[0].value
    ('SimplePlurality/2011-09-01', '100')
    """

    hit_id: EntityId | None = Field(
        default=None,
        alias="HITId",
        description="The HITId of the HIT for which results have been returned.",
    )
    assignment_review_policy: ReviewPolicy | None = Field(
        default=None,
        description="The Assignment-level Review Policy; it contains only the PolicyName element.",
    )
    hit_review_policy: ReviewPolicy | None = Field(
        default=None,
        alias="HITReviewPolicy",
        description="The HIT-level Review Policy; it contains only the PolicyName element.",
    )
    assignment_review_report: ReviewReport | None = Field(
        default=None,
        description="The ReviewResult and ReviewAction elements for the HIT's Assignments.",
    )
    hit_review_report: ReviewReport | None = Field(
        default=None,
        alias="HITReviewReport",
        description="The ReviewResult and ReviewAction elements for the HIT.",
    )
    next_token: PaginationToken | None = Field(
        default=None,
        description="If the previous response was incomplete (because there is more data to "
        "retrieve), the token that retrieves the next set of results.",
    )
