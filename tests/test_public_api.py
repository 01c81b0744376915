"""The public surface: ``mturk_models.__all__`` and ``mturk_models.testing.__all__`` pinned."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import mturk_models
import mturk_models.testing

PUBLIC = [
    "ADULT",
    "ANSWER_KEY_NAMESPACE",
    "ASSIGNMENT_REVIEW_POLICY",
    "EXTERNAL_QUESTION_NAMESPACE",
    "HIT",
    "HIT_REVIEW_POLICY",
    "HTML_QUESTION_NAMESPACE",
    "LONG_COLUMNS",
    "MASTERS_PRODUCTION",
    "MASTERS_SANDBOX",
    "MAX_QUESTION_BYTES",
    "NUMBER_HITS_APPROVED",
    "PERCENT_ASSIGNMENTS_APPROVED",
    "QUESTION_FORM_ANSWERS_NAMESPACE",
    "QUESTION_FORM_NAMESPACE",
    "QUESTION_FORM_NAMESPACE_2005",
    "WIDE_COLUMNS",
    "WORKER_LOCALE",
    "AcceptQualificationRequestRequest",
    "ActionsGuarded",
    "Answer",
    "AnswerFormatRegex",
    "AnswerKey",
    "AnswerKeyParseError",
    "AnswerKeyQuestion",
    "AnswerNotFoundError",
    "AnswerOption",
    "AnswerParseError",
    "ApplicationContent",
    "ApplicationParameter",
    "ApprovalRate",
    "ApproveAssignmentRequest",
    "ArchiveError",
    "Assignment",
    "AssignmentStatus",
    "AssociateQualificationWithWorkerRequest",
    "BatchCSVReader",
    "BatchResultRow",
    "BinaryContent",
    "BonusPayment",
    "Comparator",
    "Constraints",
    "CreateAdditionalAssignmentsForHITRequest",
    "CreateHITRequest",
    "CreateHITTypeRequest",
    "CreateHITWithHITTypeRequest",
    "CreateQualificationTypeRequest",
    "CreateWorkerBlockRequest",
    "CrowdAnswerError",
    "DeleteHITRequest",
    "DeleteQualificationTypeRequest",
    "DeleteWorkerBlockRequest",
    "DisassociateQualificationFromWorkerRequest",
    "DocumentError",
    "EmbeddedBinaryContent",
    "Environment",
    "EventType",
    "ExportError",
    "ExternalQuestion",
    "FileUploadAnswerSpecification",
    "Finding",
    "FormattedContent",
    "FreeTextAnswer",
    "FreeTextAnswerSpecification",
    "GetAccountBalanceRequest",
    "GetAssignmentRequest",
    "GetAssignmentResponse",
    "GetFileUploadURLRequest",
    "GetHITRequest",
    "GetHITResponse",
    "GetQualificationScoreRequest",
    "GetQualificationTypeRequest",
    "HITLayoutParameter",
    "HITReviewStatus",
    "HITStatus",
    "HTMLQuestion",
    "HTMLQuestionWarning",
    "InputError",
    "IsNumeric",
    "LegacyResponse",
    "Length",
    "ListAssignmentsForHITRequest",
    "ListAssignmentsForHITResponse",
    "ListBonusPaymentsRequest",
    "ListBonusPaymentsResponse",
    "ListContent",
    "ListHITsForQualificationTypeRequest",
    "ListHITsRequest",
    "ListHITsResponse",
    "ListQualificationRequestsRequest",
    "ListQualificationTypesRequest",
    "ListReviewPolicyResultsForHITRequest",
    "ListReviewableHITsRequest",
    "ListWorkerBlocksRequest",
    "ListWorkersWithQualificationTypeRequest",
    "Locale",
    "MTurkModelsError",
    "MTurkModelsWarning",
    "MalformedAnswerError",
    "NotificationSpecification",
    "NotificationTransport",
    "NotifyWorkersFailureCode",
    "NotifyWorkersRequest",
    "Overview",
    "ParameterMapEntry",
    "PercentageMapping",
    "PolicyParameter",
    "QualificationEnvironmentWarning",
    "QualificationRequirement",
    "QualificationStatus",
    "QualificationTypeStatus",
    "QualificationValueMapping",
    "Question",
    "QuestionDocument",
    "QuestionForm",
    "QuestionFormAnswers",
    "QuestionNotFoundError",
    "QuestionParseError",
    "QuestionScore",
    "QuestionSizeWarning",
    "RangeMapping",
    "RejectAssignmentRequest",
    "RejectQualificationRequestRequest",
    "RequestWarning",
    "ReviewActionStatus",
    "ReviewPolicy",
    "ReviewPolicyLevel",
    "ReviewableHITStatus",
    "ScaleMapping",
    "ScoreExplanation",
    "Selection",
    "SelectionAnswer",
    "SelectionAnswerSpecification",
    "SendBonusRequest",
    "SendTestEventNotificationRequest",
    "StyleSuggestion",
    "SummedScoreRange",
    "TextContent",
    "TitleContent",
    "UnsafeXMLError",
    "UpdateExpirationForHITRequest",
    "UpdateHITReviewStatusRequest",
    "UpdateHITTypeOfHITRequest",
    "UpdateNotificationSettingsRequest",
    "UpdateQualificationTypeRequest",
    "UploadedFileAnswer",
    "__version__",
    "adult_content",
    "approval_rate_at_least",
    "assignments_in",
    "decode_task_answers",
    "fold_choices",
    "format_batch_timestamp",
    "hits_approved_at_least",
    "iter_assignments",
    "locale_in",
    "locale_not_in",
    "masters",
    "parse_answer_key",
    "parse_answers",
    "parse_batch_timestamp",
    "parse_legacy_response",
    "parse_question",
    "read_batch_csv",
    "to_dataframe",
    "to_rows",
    "to_utc",
    "wide_columns",
    "write_batch_csv",
    "write_csv",
    "write_jsonl",
]

TESTING = [
    "answer_keys",
    "answer_texts",
    "approval_rates",
    "assignments",
    "batch_column_names",
    "batch_result_rows",
    "bonus_payments",
    "boto3_assignments",
    "boto3_get_assignment_responses",
    "boto3_hits",
    "boto3_list_assignments_for_hit_responses",
    "boto3_timezones",
    "create_hit_requests",
    "create_hit_type_requests",
    "create_hit_with_hit_type_requests",
    "crowd_task_answers",
    "currency_amounts",
    "entity_ids",
    "external_questions",
    "free_text_answers",
    "get_assignment_responses",
    "get_hit_responses",
    "hits",
    "html_questions",
    "legacy_assignments",
    "legacy_hits",
    "list_assignments_for_hit_responses",
    "list_bonus_payments_responses",
    "list_hits_responses",
    "locales",
    "notification_specifications",
    "operation_requests",
    "qualification_requirements",
    "qualification_tests",
    "qualification_value_mappings",
    "question_form_answers",
    "question_forms",
    "question_identifiers",
    "selection_answers",
    "uploaded_file_answers",
    "utc_datetimes",
    "worker_ids",
    "xml_texts",
]


def ruff_order(name: str) -> tuple[int, str]:
    """The "isort-style" order of ruff's RUF022: CONSTANTS, then Classes, then functions."""
    group = 0 if name.isupper() else 1 if name[0].isupper() else 2
    return group, name


def test_all_is_pinned_and_sorted() -> None:
    assert mturk_models.__all__ == PUBLIC
    assert mturk_models.__all__ == sorted(mturk_models.__all__, key=ruff_order)
    assert mturk_models.testing.__all__ == sorted(mturk_models.testing.__all__)


def test_every_public_name_is_importable() -> None:
    for name in mturk_models.__all__:
        assert getattr(mturk_models, name) is not None, name
    namespace: dict[str, object] = {}
    exec("from mturk_models import *", namespace)
    assert set(PUBLIC) - {"__version__"} <= set(namespace)


def test_testing_all_is_pinned() -> None:
    assert mturk_models.testing.__all__ == TESTING
    for name in TESTING:
        assert callable(getattr(mturk_models.testing, name))


def test_testing_does_not_need_pytest() -> None:
    code = (
        "import sys; sys.modules['pytest'] = None; "
        "import mturk_models.testing as t; print(len(t.__all__))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(Path(mturk_models.__file__).parent.parent)},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(len(TESTING))
