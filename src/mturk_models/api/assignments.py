"""Assignments: the Assignment structure (one Worker's work on one HIT, with the raw Answer
document), the GetAssignment and ListAssignmentsForHIT responses with lazy paging, and the
requests of the assignment operations.

Request rules beyond botocore's own checks (sources in ``docs/requests.md``):

* AssignmentId and HITId: botocore's EntityId (1 to 64 of ``A-Z0-9``).
* RequesterFeedback: at most 1,024 characters, none of ASCII 0-8, 11, 12, 14-31 (API reference
  2017-01-17, ApproveAssignment and RejectAssignment); RejectAssignment requires it ("You must
  include a feedback message with the rejection"), so it must hold more than whitespace.
* AssignmentStatuses: Submitted, Approved or Rejected (botocore's AssignmentStatus).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Union

from pydantic import Field

from .._base import Structure
from .._types import EntityId, Seq, Text, UtcDatetime, WorkerId
from ..enums import AssignmentStatus
from ..exceptions import InputError
from ._page import Page, Response
from ._preflight import Request
from ._request_fields import NOT_BLANK, Boolean, PagedRequest, RequesterFeedback
from .hits import HIT

if TYPE_CHECKING:
    from ..documents.answers import QuestionFormAnswers

__all__ = [
    "ApproveAssignmentRequest",
    "ApproveAssignmentResponse",
    "Assignment",
    "GetAssignmentRequest",
    "GetAssignmentResponse",
    "ListAssignmentsForHITRequest",
    "ListAssignmentsForHITResponse",
    "RejectAssignmentRequest",
    "RejectAssignmentResponse",
    "assignments_in",
    "iter_assignments",
]


class Assignment(Structure):
    """A single assignment of a HIT to a Worker, as GetAssignment and ListAssignmentsForHIT give it.

    ``answer`` keeps the QuestionFormAnswers XML exactly as sent. Timestamps are aware UTC.

    >>> a = Assignment.model_validate(
    ...     {"AssignmentId": "3YZ8UPK3VUK9D38RJKOSRZUCFEFUCR", "WorkerId": "A3LT7W355XOAKF",
    ...      "AssignmentStatus": "Approved", "SubmitTime": "2021-09-17T13:28:00-07:00"}
    ... )
    >>> a.submit_time.isoformat(), a.assignment_status.value
    ('2021-09-17T20:28:00+00:00', 'Approved')
    """

    assignment_id: EntityId | None = Field(
        default=None, description="A unique identifier for the assignment."
    )
    worker_id: WorkerId | None = Field(
        default=None, description="The ID of the Worker who accepted the HIT."
    )
    hit_id: EntityId | None = Field(default=None, alias="HITId", description="The ID of the HIT.")
    assignment_status: AssignmentStatus | None = Field(
        default=None, description="The status of the assignment."
    )
    auto_approval_time: UtcDatetime | None = Field(
        default=None,
        description="If results have been submitted, the date and time the results are "
        "considered Approved automatically unless approved or rejected before.",
    )
    accept_time: UtcDatetime | None = Field(
        default=None, description="The date and time the Worker accepted the assignment."
    )
    submit_time: UtcDatetime | None = Field(
        default=None,
        description="If the Worker has submitted results, the date and time the assignment was "
        "submitted.",
    )
    approval_time: UtcDatetime | None = Field(
        default=None,
        description="If the Requester has approved the results, the date and time of approval.",
    )
    rejection_time: UtcDatetime | None = Field(
        default=None,
        description="If the Requester has rejected the results, the date and time of rejection.",
    )
    deadline: UtcDatetime | None = Field(
        default=None,
        description="The deadline for the assignment, derived from the HIT's deadline "
        "specification and the time the Worker accepted the HIT.",
    )
    answer: Text | None = Field(
        default=None,
        description="The Worker's answers in a QuestionFormAnswers document; may be empty if "
        "the Worker provided no answers.",
    )
    requester_feedback: Text | None = Field(
        default=None,
        description="The feedback given with ApproveAssignment or RejectAssignment, if any.",
    )

    def parse_answers(self) -> QuestionFormAnswers:
        """Parse ``answer`` into typed answers (see :func:`mturk_models.parse_answers`).

        An assignment without an Answer gives an empty :class:`~mturk_models.QuestionFormAnswers`.

        >>> Assignment(Answer=None).parse_answers().to_dict()
        {}
        """
        from ..documents.answers import (
            parse_answers,  # answers does not import this module; no cycle
        )

        return parse_answers(self.answer)


# --- requests -----------------------------------------------------------------------------------

_ASSIGNMENT_ID = (
    "The ID of the assignment. The assignment must correspond to a HIT created by the Requester."
)
_FEEDBACK = (
    "A message for the Worker, which the Worker can see in the Status section of the web site "
    "(at most 1,024 characters; no ASCII control characters other than tab, line feed and "
    "carriage return)."
)


class ApproveAssignmentRequest(Request):
    """The parameters of ``client.approve_assignment(**kwargs)``, checked before sending.

    >>> ApproveAssignmentRequest(assignment_id="3YZ8UPK3VUK9D38RJKOSRZUCFEFUCR",
    ...                          requester_feedback="Thanks!").to_boto3()["RequesterFeedback"]
    'Thanks!'
    """

    assignment_id: EntityId = Field(description=_ASSIGNMENT_ID)
    requester_feedback: RequesterFeedback | None = Field(default=None, description=_FEEDBACK)
    override_rejection: Boolean | None = Field(
        default=None,
        description="A flag indicating that an assignment should be approved even if it was "
        "previously rejected. Defaults to False.",
    )


class RejectAssignmentRequest(Request):
    """The parameters of ``client.reject_assignment(**kwargs)``, checked before sending.

    RequesterFeedback is required and must say something: "You must include a feedback message
    with the rejection" (API reference 2017-01-17, RejectAssignment).

    >>> RejectAssignmentRequest(assignment_id="3YZ8UPK3VUK9D38RJKOSRZUCFEFUCR",
    ...     requester_feedback="The answer does not match the image.").assignment_id
    '3YZ8UPK3VUK9D38RJKOSRZUCFEFUCR'
    """

    assignment_id: EntityId = Field(description=_ASSIGNMENT_ID)
    requester_feedback: Annotated[RequesterFeedback, NOT_BLANK] = Field(
        description=_FEEDBACK + " Required: the Worker learns why the work was rejected."
    )


class GetAssignmentRequest(Request):
    """The parameters of ``client.get_assignment(**kwargs)``, checked before sending.

    >>> GetAssignmentRequest(AssignmentId="3YZ8UPK3VUK9D38RJKOSRZUCFEFUCR").to_boto3()
    {'AssignmentId': '3YZ8UPK3VUK9D38RJKOSRZUCFEFUCR'}
    """

    assignment_id: EntityId = Field(description="The ID of the Assignment to be retrieved.")


class ListAssignmentsForHITRequest(PagedRequest):
    """The parameters of ``client.list_assignments_for_hit(**kwargs)``, checked before sending.

    >>> ListAssignmentsForHITRequest(hit_id="3F6045TU7DM69TFRJMD84TAZ7K7999", max_results=100,
    ...     assignment_statuses=["Submitted", "Approved"]).to_boto3()["AssignmentStatuses"]
    ['Submitted', 'Approved']
    """

    hit_id: EntityId = Field(alias="HITId", description="The ID of the HIT.")
    assignment_statuses: Seq[AssignmentStatus] | None = Field(
        default=None,
        description="The status of the assignments to return: Submitted | Approved | Rejected.",
    )


class GetAssignmentResponse(Response):
    """What ``client.get_assignment(AssignmentId=...)`` returns.

    >>> r = GetAssignmentResponse.model_validate({"Assignment": {}, "HIT": {}})
    >>> r.assignment is not None and r.hit is not None
    True
    """

    assignment: Assignment | None = Field(default=None, description="The assignment.")
    hit: HIT | None = Field(default=None, alias="HIT", description="The HIT of the assignment.")


class ListAssignmentsForHITResponse(Page[Assignment]):
    """One page of ``client.list_assignments_for_hit(HITId=...)``.

    >>> page = ListAssignmentsForHITResponse.model_validate({"NumResults": 0, "Assignments": []})
    >>> page.assignments
    ()
    """

    __items__: ClassVar[str] = "assignments"

    assignments: Seq[Assignment] | None = Field(
        default=None, description="The Assignment data structures returned by this call."
    )


iter_assignments = ListAssignmentsForHITResponse.iter_items
"""Yield the assignments of ListAssignmentsForHIT pages one by one (see :meth:`Page.iter_items`).

``pages`` is any iterable of ListAssignmentsForHIT responses (the output of
``client.get_paginator("list_assignments_for_hit").paginate(...)``, a generator, a list of saved
pages, or already wrapped :class:`ListAssignmentsForHITResponse` objects); a single page is
accepted too. A page that is not a mapping (``assignments_page_type``), or a mapping without
``Assignments`` that carries other keys (``assignments_page_keys``), is refused rather than
skipped.

>>> page = {"Assignments": [{"AssignmentId": "3A"}, {"AssignmentId": "3B"}]}
>>> [a.assignment_id for a in iter_assignments([page, page])]
['3A', '3B', '3A', '3B']
"""


AssignmentSource = Union[  # noqa: UP007 - a runtime alias, documented by autodoc
    Assignment, GetAssignmentResponse, ListAssignmentsForHITResponse, Mapping[str, Any]
]
"""What holds assignments: an Assignment, a GetAssignment response, a ListAssignmentsForHIT page,
or the boto3 dict of any of them."""


def assignments_in(
    source: AssignmentSource | Iterable[AssignmentSource],
) -> Iterator[Assignment]:
    """Yield the assignments that ``source`` holds, lazily, in order.

    ``source`` is an :class:`Assignment`, a :class:`GetAssignmentResponse` (its assignment, if
    any), a :class:`ListAssignmentsForHITResponse` page (its assignments), the boto3 dict of any
    of these (recognised by its members: ``Assignments`` for a page, ``Assignment`` for a
    GetAssignment response, otherwise read as an Assignment), or an iterable of them (a list,
    a generator, a boto3 paginator). Dicts are validated as they are reached; a wrong one is a
    :class:`pydantic.ValidationError`. Anything else is an :class:`~mturk_models.InputError`
    (``assignments_in_type``).

    >>> page = {"Assignments": [{"AssignmentId": "3A"}, {"AssignmentId": "3B"}]}
    >>> [a.assignment_id for a in assignments_in([page, Assignment(assignment_id="3C")])]
    ['3A', '3B', '3C']
    """
    if isinstance(source, _HOLDERS):
        yield from _held(source, None)
    elif isinstance(source, Iterable) and not isinstance(source, (str, bytes, bytearray)):
        for index, item in enumerate(source):
            yield from _held(item, index)
    else:
        raise _not_a_source(source, None)


def _held(item: object, index: int | None) -> Iterator[Assignment]:
    if isinstance(item, Assignment):
        yield item
    elif isinstance(item, GetAssignmentResponse):
        if item.assignment is not None:
            yield item.assignment
    elif isinstance(item, ListAssignmentsForHITResponse):
        yield from item.items()
    elif isinstance(item, Mapping):
        if ListAssignmentsForHITResponse.items_alias() in item:
            yield from ListAssignmentsForHITResponse.model_validate(item).items()
        elif _GET_ASSIGNMENT_MEMBER in item:
            yield from _held(GetAssignmentResponse.model_validate(item), index)
        else:
            yield Assignment.model_validate(item)
    else:
        raise _not_a_source(item, index)


_HOLDERS = (Assignment, GetAssignmentResponse, ListAssignmentsForHITResponse, Mapping)
_GET_ASSIGNMENT_MEMBER = GetAssignmentResponse.model_fields["assignment"].alias or "Assignment"


def _not_a_source(item: object, index: int | None) -> InputError:
    where = "" if index is None else f" (item {index})"
    return InputError(
        "assignments_in takes an Assignment, a GetAssignmentResponse, a ListAssignmentsForHIT "
        f"page, the boto3 dict of one, or an iterable of them; got {type(item).__name__}{where}",
        code="assignments_in_type",
    )


class ApproveAssignmentResponse(Response):
    """What ``client.approve_assignment(AssignmentId=...)`` returns: only ``ResponseMetadata``."""


class RejectAssignmentResponse(Response):
    """What ``client.reject_assignment(...)`` returns: only ``ResponseMetadata``."""
