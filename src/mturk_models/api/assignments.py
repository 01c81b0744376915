"""The Assignment structure: one Worker's work on one HIT, with the raw Answer document."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from .._base import Structure
from .._types import EntityId, UtcDatetime, WorkerId
from ..enums import AssignmentStatus

if TYPE_CHECKING:
    from ..documents.answers import QuestionFormAnswers

__all__ = ["Assignment"]


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
    answer: str | None = Field(
        default=None,
        description="The Worker's answers in a QuestionFormAnswers document; may be empty if "
        "the Worker provided no answers.",
    )
    requester_feedback: str | None = Field(
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
