"""Typed, validated Pydantic models for Amazon Mechanical Turk data.

>>> from mturk_models import Assignment
>>> Assignment.model_validate({"AssignmentId": "3YZ8UPK3VUK9D38RJKOSRZUCFEFUCR"}).assignment_id
'3YZ8UPK3VUK9D38RJKOSRZUCFEFUCR'
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from ._types import to_utc
from .answers import (
    QUESTION_FORM_ANSWERS_NAMESPACE,
    Answer,
    FreeTextAnswer,
    QuestionFormAnswers,
    SelectionAnswer,
    UploadedFileAnswer,
    parse_answers,
)
from .assignment import Assignment
from .batch import (
    ApprovalRate,
    BatchCSVReader,
    BatchResultRow,
    format_batch_timestamp,
    parse_batch_timestamp,
    read_batch_csv,
    write_batch_csv,
)
from .bonus import BonusPayment, ListBonusPaymentsResponse
from .crowd import decode_task_answers, fold_choices
from .enums import (
    ActionsGuarded,
    AssignmentStatus,
    Comparator,
    Environment,
    EventType,
    HITReviewStatus,
    HITStatus,
    NotificationTransport,
    NotifyWorkersFailureCode,
    QualificationStatus,
    QualificationTypeStatus,
    ReviewableHITStatus,
    ReviewActionStatus,
    ReviewPolicyLevel,
)
from .exceptions import (
    AnswerNotFoundError,
    AnswerParseError,
    ArchiveError,
    CrowdAnswerError,
    ExportError,
    MalformedAnswerError,
    MTurkModelsError,
    QuestionParseError,
    UnsafeXMLError,
)
from .export import (
    LONG_COLUMNS,
    WIDE_COLUMNS,
    to_dataframe,
    to_rows,
    wide_columns,
    write_csv,
    write_jsonl,
)
from .hit import HIT
from .legacy import LegacyResponse, parse_legacy_response
from .locale import Locale
from .qualification import (
    ADULT,
    MASTERS_PRODUCTION,
    MASTERS_SANDBOX,
    NUMBER_HITS_APPROVED,
    PERCENT_ASSIGNMENTS_APPROVED,
    WORKER_LOCALE,
    QualificationRequirement,
    adult_content,
    approval_rate_at_least,
    hits_approved_at_least,
    locale_in,
    locale_not_in,
    masters,
)
from .responses import (
    GetAssignmentResponse,
    GetHITResponse,
    ListAssignmentsForHITResponse,
    ListHITsResponse,
    iter_assignments,
)

try:
    __version__ = version("mturk-models")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0+unknown"

__all__ = [
    "ADULT",
    "HIT",
    "LONG_COLUMNS",
    "MASTERS_PRODUCTION",
    "MASTERS_SANDBOX",
    "NUMBER_HITS_APPROVED",
    "PERCENT_ASSIGNMENTS_APPROVED",
    "QUESTION_FORM_ANSWERS_NAMESPACE",
    "WIDE_COLUMNS",
    "WORKER_LOCALE",
    "ActionsGuarded",
    "Answer",
    "AnswerNotFoundError",
    "AnswerParseError",
    "ApprovalRate",
    "ArchiveError",
    "Assignment",
    "AssignmentStatus",
    "BatchCSVReader",
    "BatchResultRow",
    "BonusPayment",
    "Comparator",
    "CrowdAnswerError",
    "Environment",
    "EventType",
    "ExportError",
    "FreeTextAnswer",
    "GetAssignmentResponse",
    "GetHITResponse",
    "HITReviewStatus",
    "HITStatus",
    "LegacyResponse",
    "ListAssignmentsForHITResponse",
    "ListBonusPaymentsResponse",
    "ListHITsResponse",
    "Locale",
    "MTurkModelsError",
    "MalformedAnswerError",
    "NotificationTransport",
    "NotifyWorkersFailureCode",
    "QualificationRequirement",
    "QualificationStatus",
    "QualificationTypeStatus",
    "QuestionFormAnswers",
    "QuestionParseError",
    "ReviewActionStatus",
    "ReviewPolicyLevel",
    "ReviewableHITStatus",
    "SelectionAnswer",
    "UnsafeXMLError",
    "UploadedFileAnswer",
    "__version__",
    "adult_content",
    "approval_rate_at_least",
    "decode_task_answers",
    "fold_choices",
    "format_batch_timestamp",
    "hits_approved_at_least",
    "iter_assignments",
    "locale_in",
    "locale_not_in",
    "masters",
    "parse_answers",
    "parse_batch_timestamp",
    "parse_legacy_response",
    "read_batch_csv",
    "to_dataframe",
    "to_rows",
    "to_utc",
    "wide_columns",
    "write_batch_csv",
    "write_csv",
    "write_jsonl",
]
