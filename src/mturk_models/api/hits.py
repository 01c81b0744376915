"""HITs: the HIT structure, as GetHIT, CreateHIT, ListHITs and ListReviewableHITs return it,
the GetHIT and ListHITs responses, and the requests of the HIT operations (CreateHIT and its
siblings are in ``requests``).

Request rules beyond botocore's own checks (sources in ``docs/requests.md``):

* HITId, HITTypeId, QualificationTypeId: botocore's EntityId (1 to 64 of ``A-Z0-9``).
* CreateAdditionalAssignmentsForHIT: NumberOfAdditionalAssignments at least 1 (the operation
  "increases the maximum number of assignments"), a 32-bit Integer; UniqueRequestToken 1 to 64.
* ListReviewableHITs: Status Reviewable or Reviewing (botocore's ReviewableHITStatus).
* UpdateExpirationForHIT: ExpireAt a timestamp (a datetime, epoch seconds or ISO 8601; naive
  means UTC), sent as ISO 8601 in UTC.
* Every List request: MaxResults 1 to 100, NextToken 1 to 255 characters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, ClassVar

from pydantic import Field

from .._base import Structure
from .._types import (
    Count,
    CurrencyAmount,
    EntityId,
    IdempotencyToken,
    Seconds,
    Seq,
    Text,
    UtcDatetime,
)
from ..enums import HITReviewStatus, HITStatus, ReviewableHITStatus
from ._page import Page, Response
from ._preflight import Request
from ._request_fields import Boolean, Integer, PagedRequest
from .qualifications import QualificationRequirement

if TYPE_CHECKING:
    from ..documents.questions import QuestionDocument

__all__ = [
    "HIT",
    "MAX_QUALIFICATION_REQUIREMENTS",
    "CreateAdditionalAssignmentsForHITRequest",
    "CreateAdditionalAssignmentsForHITResponse",
    "CreateHITResponse",
    "CreateHITTypeResponse",
    "CreateHITWithHITTypeResponse",
    "DeleteHITRequest",
    "DeleteHITResponse",
    "GetHITRequest",
    "GetHITResponse",
    "ListHITsForQualificationTypeRequest",
    "ListHITsForQualificationTypeResponse",
    "ListHITsRequest",
    "ListHITsResponse",
    "ListReviewableHITsRequest",
    "ListReviewableHITsResponse",
    "UpdateExpirationForHITRequest",
    "UpdateExpirationForHITResponse",
    "UpdateHITReviewStatusRequest",
    "UpdateHITReviewStatusResponse",
    "UpdateHITTypeOfHITRequest",
    "UpdateHITTypeOfHITResponse",
]

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
    title: Text | None = Field(default=None, description="The title of the HIT.")
    description: Text | None = Field(default=None, description="A general description of the HIT.")
    question: Text | None = Field(
        default=None,
        description="The data the Worker completing the HIT uses to produce the results: a "
        "QuestionForm, HTMLQuestion or ExternalQuestion document.",
    )
    keywords: Text | None = Field(
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
    requester_annotation: Text | None = Field(
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

    def parse_question(self) -> QuestionDocument | None:
        """Parse ``question`` into its document model; ``None`` when the HIT carries no Question.

        The document is read as MTurk accepted it when the HIT was made (see
        :func:`mturk_models.parse_question`): a QuestionForm, HTMLQuestion or ExternalQuestion.
        Raises :class:`~mturk_models.QuestionParseError` when it cannot be read.

        >>> HIT(HITId="3ABC").parse_question() is None
        True
        """
        from ..documents.questions import parse_question  # documents/ never imports api/

        return None if self.question is None else parse_question(self.question)


# --- requests -----------------------------------------------------------------------------------


class CreateAdditionalAssignmentsForHITRequest(Request):
    """The parameters of ``client.create_additional_assignments_for_hit(**kwargs)``, checked.

    MTurk also refuses to take a HIT created with fewer than 10 assignments to 10 or more, and to
    extend HITs created before July 22, 2015: both depend on the HIT, which a request cannot see.

    >>> CreateAdditionalAssignmentsForHITRequest(hit_id="3F6045TU7DM69TFRJMD84TAZ7K7999",
    ...     number_of_additional_assignments=2).to_boto3()["NumberOfAdditionalAssignments"]
    2
    """

    hit_id: EntityId = Field(alias="HITId", description="The ID of the HIT to extend.")
    number_of_additional_assignments: Annotated[Integer, Field(ge=1)] = Field(
        description="The number of additional assignments to request for this HIT (at least 1).",
    )
    unique_request_token: IdempotencyToken | None = Field(
        default=None,
        description="A unique identifier for this request, which allows you to retry the call "
        "on error without extending the HIT multiple times (1 to 64 characters).",
    )


class DeleteHITRequest(Request):
    """The parameters of ``client.delete_hit(**kwargs)``, checked before sending.

    >>> DeleteHITRequest(HITId="3F6045TU7DM69TFRJMD84TAZ7K7999").hit_id
    '3F6045TU7DM69TFRJMD84TAZ7K7999'
    """

    hit_id: EntityId = Field(alias="HITId", description="The ID of the HIT to be deleted.")


class GetHITRequest(Request):
    """The parameters of ``client.get_hit(**kwargs)``, checked before sending.

    >>> GetHITRequest(hit_id="3F6045TU7DM69TFRJMD84TAZ7K7999").to_boto3()
    {'HITId': '3F6045TU7DM69TFRJMD84TAZ7K7999'}
    """

    hit_id: EntityId = Field(alias="HITId", description="The ID of the HIT to be retrieved.")


class ListHITsRequest(PagedRequest):
    """The parameters of ``client.list_hits(**kwargs)``, checked before sending.

    >>> ListHITsRequest(max_results=100).to_boto3()
    {'MaxResults': 100}
    """


class ListHITsForQualificationTypeRequest(PagedRequest):
    """The parameters of ``client.list_hits_for_qualification_type(**kwargs)``, checked.

    >>> ListHITsForQualificationTypeRequest(qualification_type_id="3TL87MO8CLOFYXKXL2DD6F6RPQ2U4O"
    ...     ).to_boto3()
    {'QualificationTypeId': '3TL87MO8CLOFYXKXL2DD6F6RPQ2U4O'}
    """

    qualification_type_id: EntityId = Field(
        description="The ID of the Qualification type to use when querying HITs."
    )


class ListReviewableHITsRequest(PagedRequest):
    """The parameters of ``client.list_reviewable_hits(**kwargs)``, checked before sending.

    >>> ListReviewableHITsRequest(status="Reviewing").to_boto3()
    {'Status': 'Reviewing'}
    """

    hit_type_id: EntityId | None = Field(
        default=None,
        alias="HITTypeId",
        description="The ID of the HIT type of the HITs to consider for the query. If not "
        "specified, all HITs for the Reviewer are considered.",
    )
    status: ReviewableHITStatus | None = Field(
        default=None,
        description="Can be either Reviewable or Reviewing. Reviewable is the default value.",
    )


class UpdateExpirationForHITRequest(Request):
    """The parameters of ``client.update_expiration_for_hit(**kwargs)``, checked before sending.

    A time in the past expires the HIT immediately.

    >>> UpdateExpirationForHITRequest(hit_id="3F6045TU7DM69TFRJMD84TAZ7K7999",
    ...     expire_at="2026-01-01T00:00:00-08:00").to_boto3()["ExpireAt"]
    '2026-01-01T08:00:00Z'
    """

    hit_id: EntityId = Field(alias="HITId", description="The HIT to update.")
    expire_at: UtcDatetime = Field(
        description="The date and time at which you want the HIT to expire (naive means UTC)."
    )


class UpdateHITReviewStatusRequest(Request):
    """The parameters of ``client.update_hit_review_status(**kwargs)``, checked before sending.

    >>> UpdateHITReviewStatusRequest(hit_id="3F6045TU7DM69TFRJMD84TAZ7K7999", revert=True
    ...     ).to_boto3()["Revert"]
    True
    """

    hit_id: EntityId = Field(alias="HITId", description="The ID of the HIT to update.")
    revert: Boolean | None = Field(
        default=None,
        description="False (the default) moves a HIT from Reviewable to Reviewing; true moves "
        "it from Reviewing back to Reviewable.",
    )


class UpdateHITTypeOfHITRequest(Request):
    """The parameters of ``client.update_hit_type_of_hit(**kwargs)``, checked before sending.

    >>> UpdateHITTypeOfHITRequest(hit_id="3F6045TU7DM69TFRJMD84TAZ7K7999",
    ...     hit_type_id="3HITTYPE").to_boto3()["HITTypeId"]
    '3HITTYPE'
    """

    hit_id: EntityId = Field(alias="HITId", description="The HIT to update.")
    hit_type_id: EntityId = Field(alias="HITTypeId", description="The ID of the new HIT type.")


class GetHITResponse(Response):
    """What ``client.get_hit(HITId=...)`` returns.

    >>> GetHITResponse.model_validate({"HIT": {"HITId": "3ABC"}}).hit.hit_id
    '3ABC'
    """

    hit: HIT | None = Field(
        default=None, alias="HIT", description="Contains the requested HIT data."
    )


class ListHITsResponse(Page[HIT]):
    """One page of ``client.list_hits()`` or ``client.list_reviewable_hits()`` (same shape).

    The legacy SearchHITs and GetReviewableHITs results load into it too.

    >>> page = ListHITsResponse.model_validate({"NumResults": 1, "HITs": [{"HITId": "3ABC"}]})
    >>> [hit.hit_id for hit in page.hits]
    ['3ABC']
    """

    __items__: ClassVar[str] = "hits"

    hits: Seq[HIT] | None = Field(
        default=None, alias="HITs", description="The list of HIT elements returned by the query."
    )


# --- The outputs of the HIT operations ----------------------------------------------------------
# Descriptions: API reference 2017-01-17, as botocore's member documentation carries them.

_CREATED_HIT = (
    "Contains the newly created HIT data (the HIT data structure as it appears in responses)."
)
_HITS = "The list of HIT elements returned by the query."


class CreateHITResponse(Response):
    """What ``client.create_hit(...)`` returns: the new HIT."""

    hit: HIT | None = Field(default=None, alias="HIT", description=_CREATED_HIT)


class CreateHITWithHITTypeResponse(Response):
    """What ``client.create_hit_with_hit_type(...)`` returns: the new HIT."""

    hit: HIT | None = Field(default=None, alias="HIT", description=_CREATED_HIT)


class CreateHITTypeResponse(Response):
    """What ``client.create_hit_type(...)`` returns: the ID of the HIT type.

    >>> CreateHITTypeResponse.model_validate({"HITTypeId": "3ABCEXAMPLE"}).hit_type_id
    '3ABCEXAMPLE'
    """

    hit_type_id: EntityId | None = Field(
        default=None, alias="HITTypeId", description="The ID of the newly registered HIT type."
    )


class ListReviewableHITsResponse(Page[HIT]):
    """One page of ``client.list_reviewable_hits(...)``: HITs with only ``HITId`` filled in.

    >>> page = {"NumResults": 1, "HITs": [{"HITId": "3ABCEXAMPLE"}]}
    >>> [h.hit_id for h in ListReviewableHITsResponse.iter_items([page])]
    ['3ABCEXAMPLE']
    """

    __items__ = "hits"

    hits: Seq[HIT] | None = Field(default=None, alias="HITs", description=_HITS)


class ListHITsForQualificationTypeResponse(Page[HIT]):
    """One page of ``client.list_hits_for_qualification_type(QualificationTypeId=...)``."""

    __items__ = "hits"

    hits: Seq[HIT] | None = Field(default=None, alias="HITs", description=_HITS)


class CreateAdditionalAssignmentsForHITResponse(Response):
    """What ``client.create_additional_assignments_for_hit(...)`` returns: ``ResponseMetadata``."""


class DeleteHITResponse(Response):
    """What ``client.delete_hit(HITId=...)`` returns: only ``ResponseMetadata``."""


class UpdateExpirationForHITResponse(Response):
    """What ``client.update_expiration_for_hit(...)`` returns: only ``ResponseMetadata``."""


class UpdateHITReviewStatusResponse(Response):
    """What ``client.update_hit_review_status(...)`` returns: only ``ResponseMetadata``."""


class UpdateHITTypeOfHITResponse(Response):
    """What ``client.update_hit_type_of_hit(...)`` returns: only ``ResponseMetadata``."""
