"""Closed sets of values, named and spelled as in the MTurk API (2017-01-17).

Each enum's members equal botocore's service model for mturk; the test suite checks that.

>>> from mturk_models import AssignmentStatus
>>> AssignmentStatus("Approved") is AssignmentStatus.APPROVED
True
"""

from __future__ import annotations

import reprlib
import sys
from typing import Any

if sys.version_info >= (3, 11):  # pragma: no cover - depends on the interpreter
    from enum import EnumType
    from enum import StrEnum as _StrEnum
else:  # pragma: no cover - depends on the interpreter
    from enum import Enum
    from enum import EnumMeta as EnumType

    class _StrEnum(str, Enum):
        """Backport of :class:`enum.StrEnum` for Python 3.10."""

        def __str__(self) -> str:
            return str(self.value)


class _Lookup(EnumType):
    """Looking a member up by a container fails at once, without the repr the enum module builds.

    ``enum`` formats ``"%r is not a valid X"`` for every failed lookup: for a list nested a
    thousand deep (which pydantic hands over as it stands) that repr is a RecursionError.
    """

    def __call__(cls, value: Any, *args: Any, **kwargs: Any) -> Any:
        if not args and not kwargs and isinstance(value, (list, tuple, dict, set, frozenset)):
            raise ValueError(f"{reprlib.repr(value)} is not a valid {cls.__qualname__}")
        return super().__call__(value, *args, **kwargs)


class StrEnum(_StrEnum, metaclass=_Lookup):
    """The base of the library's enums: a :class:`enum.StrEnum` whose lookups never recurse."""


__all__ = [
    "ActionsGuarded",
    "AssignmentStatus",
    "Comparator",
    "Environment",
    "EventType",
    "HITReviewStatus",
    "HITStatus",
    "NotificationTransport",
    "NotifyWorkersFailureCode",
    "QualificationStatus",
    "QualificationTypeStatus",
    "ReviewActionStatus",
    "ReviewPolicyLevel",
    "ReviewableHITStatus",
]


class AssignmentStatus(StrEnum):
    """The status of an assignment."""

    SUBMITTED = "Submitted"
    APPROVED = "Approved"
    REJECTED = "Rejected"


class HITStatus(StrEnum):
    """The status of a HIT and its assignments."""

    ASSIGNABLE = "Assignable"
    UNASSIGNABLE = "Unassignable"
    REVIEWABLE = "Reviewable"
    REVIEWING = "Reviewing"
    DISPOSED = "Disposed"


class HITReviewStatus(StrEnum):
    """The review status of a HIT."""

    NOT_REVIEWED = "NotReviewed"
    MARKED_FOR_REVIEW = "MarkedForReview"
    REVIEWED_APPROPRIATE = "ReviewedAppropriate"
    REVIEWED_INAPPROPRIATE = "ReviewedInappropriate"


class Comparator(StrEnum):
    """How a QualificationRequirement compares a Worker's qualification value."""

    LESS_THAN = "LessThan"
    LESS_THAN_OR_EQUAL_TO = "LessThanOrEqualTo"
    GREATER_THAN = "GreaterThan"
    GREATER_THAN_OR_EQUAL_TO = "GreaterThanOrEqualTo"
    EQUAL_TO = "EqualTo"
    NOT_EQUAL_TO = "NotEqualTo"
    EXISTS = "Exists"
    DOES_NOT_EXIST = "DoesNotExist"
    IN = "In"
    NOT_IN = "NotIn"


class ActionsGuarded(StrEnum):
    """What a Worker who fails a requirement may not do (botocore: ``HITAccessActions``)."""

    ACCEPT = "Accept"
    PREVIEW_AND_ACCEPT = "PreviewAndAccept"
    DISCOVER_PREVIEW_AND_ACCEPT = "DiscoverPreviewAndAccept"


class ReviewableHITStatus(StrEnum):
    """The status filter of ListReviewableHITs."""

    REVIEWABLE = "Reviewable"
    REVIEWING = "Reviewing"


class QualificationStatus(StrEnum):
    """The status of a Worker's qualification."""

    GRANTED = "Granted"
    REVOKED = "Revoked"


class QualificationTypeStatus(StrEnum):
    """The status of a qualification type."""

    ACTIVE = "Active"
    INACTIVE = "Inactive"


class EventType(StrEnum):
    """The events a notification can be sent for."""

    ASSIGNMENT_ACCEPTED = "AssignmentAccepted"
    ASSIGNMENT_ABANDONED = "AssignmentAbandoned"
    ASSIGNMENT_RETURNED = "AssignmentReturned"
    ASSIGNMENT_SUBMITTED = "AssignmentSubmitted"
    ASSIGNMENT_REJECTED = "AssignmentRejected"
    ASSIGNMENT_APPROVED = "AssignmentApproved"
    HIT_CREATED = "HITCreated"
    HIT_EXPIRED = "HITExpired"
    HIT_REVIEWABLE = "HITReviewable"
    HIT_EXTENDED = "HITExtended"
    HIT_DISPOSED = "HITDisposed"
    PING = "Ping"


class NotificationTransport(StrEnum):
    """How a notification is delivered."""

    EMAIL = "Email"
    SQS = "SQS"
    SNS = "SNS"


class NotifyWorkersFailureCode(StrEnum):
    """Why NotifyWorkers could not reach a Worker."""

    SOFT_FAILURE = "SoftFailure"
    HARD_FAILURE = "HardFailure"


class ReviewActionStatus(StrEnum):
    """The status of a review action."""

    INTENDED = "Intended"
    SUCCEEDED = "Succeeded"
    FAILED = "Failed"
    CANCELLED = "Cancelled"


class ReviewPolicyLevel(StrEnum):
    """The level a review policy applies to."""

    ASSIGNMENT = "Assignment"
    HIT = "HIT"


class Environment(StrEnum):
    """Which MTurk endpoint a request is meant for (the library's own enum, not the API's).

    Any case is accepted (``"Production"``); anything else is a ``ValueError`` listing the values.

    >>> Environment("Sandbox") is Environment.SANDBOX
    True
    """

    PRODUCTION = "production"
    SANDBOX = "sandbox"

    @classmethod
    def _missing_(cls, value: object) -> Environment:
        if isinstance(value, str):
            for member in cls:
                if member.value == value.lower():
                    return member
        allowed = " or ".join(repr(member.value) for member in cls)
        raise ValueError(f"environment should be {allowed} (any case); got {value!r}")
