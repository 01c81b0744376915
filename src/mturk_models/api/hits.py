"""The HIT structure, as GetHIT, CreateHIT, ListHITs and ListReviewableHITs return it."""

from __future__ import annotations

from pydantic import Field

from .._base import Structure
from .._types import Count, CurrencyAmount, EntityId, Seconds, Seq, UtcDatetime
from ..enums import HITReviewStatus, HITStatus
from .qualifications import QualificationRequirement

__all__ = ["HIT", "MAX_QUALIFICATION_REQUIREMENTS"]

MAX_QUALIFICATION_REQUIREMENTS = 10
"""A HIT can have between zero and ten QualificationRequirements (API reference, HIT)."""


class HIT(Structure):
    """A HIT: everything a Worker needs to accept and complete it.

    Every field is optional because the API returns partial HITs (ListReviewableHITs gives only
    ``HITId``); keys that AWS adds later are kept in ``model_extra``. Text fields are not length
    checked here: MTurk enforced the limits when the HIT was created, and archived HITs from
    older API versions must still load (the limits are checked by ``CreateHITRequest``).

    >>> hit = HIT.model_validate({"HITId": "3F6045TU7DM69TFRJMD84TAZ7K7999", "Reward": "0.5"})
    >>> hit.reward, hit.to_boto3()["Reward"]
    (Decimal('0.50'), '0.50')
    """

    hit_id: EntityId | None = Field(
        default=None, alias="HITId", description="A unique identifier for the HIT."
    )
    hit_type_id: EntityId | None = Field(
        default=None, alias="HITTypeId", description="The ID of the HIT type of this HIT."
    )
    hit_group_id: EntityId | None = Field(
        default=None, alias="HITGroupId", description="The ID of the HIT Group of this HIT."
    )
    hit_layout_id: EntityId | None = Field(
        default=None, alias="HITLayoutId", description="The ID of the HIT Layout of this HIT."
    )
    creation_time: UtcDatetime | None = Field(
        default=None, description="The date and time the HIT was created."
    )
    title: str | None = Field(default=None, description="The title of the HIT.")
    description: str | None = Field(default=None, description="A general description of the HIT.")
    question: str | None = Field(
        default=None,
        description="The data the Worker completing the HIT uses to produce the results: a "
        "QuestionForm, HTMLQuestion or ExternalQuestion document.",
    )
    keywords: str | None = Field(
        default=None,
        description="One or more words or phrases that describe the HIT, separated by commas.",
    )
    hit_status: HITStatus | None = Field(
        default=None, alias="HITStatus", description="The status of the HIT and its assignments."
    )
    max_assignments: Count | None = Field(
        default=None,
        description="The number of times the HIT can be accepted and completed before the HIT "
        "becomes unavailable.",
    )
    reward: CurrencyAmount | None = Field(
        default=None, description="The amount of money the Requester pays a Worker (USD)."
    )
    auto_approval_delay_in_seconds: Seconds | None = Field(
        default=None,
        description="The time, in seconds, after the Worker submits an assignment for the HIT "
        "that the results are automatically approved.",
    )
    expiration: UtcDatetime | None = Field(
        default=None, description="The date and time the HIT expires."
    )
    assignment_duration_in_seconds: Seconds | None = Field(
        default=None,
        description="The length of time, in seconds, that a Worker has to complete the HIT "
        "after accepting it.",
    )
    requester_annotation: str | None = Field(
        default=None,
        description="An arbitrary data field the Requester who created the HIT can use; visible "
        "only to the creator of the HIT.",
    )
    qualification_requirements: Seq[QualificationRequirement] | None = Field(
        default=None,
        max_length=MAX_QUALIFICATION_REQUIREMENTS,
        description="Conditions that a Worker's Qualifications must meet in order to accept the "
        "HIT. A HIT can have between zero and ten Qualification requirements.",
    )
    hit_review_status: HITReviewStatus | None = Field(
        default=None, alias="HITReviewStatus", description="The review status of the HIT."
    )
    number_of_assignments_pending: Count | None = Field(
        default=None,
        description="The number of assignments for this HIT that are being previewed or have "
        "been accepted by Workers, but have not yet been submitted, returned, or abandoned.",
    )
    number_of_assignments_available: Count | None = Field(
        default=None,
        description="The number of assignments for this HIT that are available for Workers to "
        "accept.",
    )
    number_of_assignments_completed: Count | None = Field(
        default=None,
        description="The number of assignments for this HIT that have been approved or rejected.",
    )
