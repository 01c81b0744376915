"""The public surface: ``mturk_models.__all__`` and ``mturk_models.testing.__all__`` pinned."""

from __future__ import annotations

import ast
import importlib
import json
import pickle
import pkgutil
import types
from pathlib import Path

import pytest
from tests.conftest import fresh_python

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
    "AcceptQualificationRequestResponse",
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
    "ApproveAssignmentResponse",
    "ArchiveError",
    "Assignment",
    "AssignmentStatus",
    "AssociateQualificationWithWorkerRequest",
    "AssociateQualificationWithWorkerResponse",
    "BatchCSVReader",
    "BatchResultRow",
    "BinaryContent",
    "BonusPayment",
    "Comparator",
    "Constraints",
    "CreateAdditionalAssignmentsForHITRequest",
    "CreateAdditionalAssignmentsForHITResponse",
    "CreateHITRequest",
    "CreateHITResponse",
    "CreateHITTypeRequest",
    "CreateHITTypeResponse",
    "CreateHITWithHITTypeRequest",
    "CreateHITWithHITTypeResponse",
    "CreateQualificationTypeRequest",
    "CreateQualificationTypeResponse",
    "CreateWorkerBlockRequest",
    "CreateWorkerBlockResponse",
    "CrowdAnswerError",
    "DeleteHITRequest",
    "DeleteHITResponse",
    "DeleteQualificationTypeRequest",
    "DeleteQualificationTypeResponse",
    "DeleteWorkerBlockRequest",
    "DeleteWorkerBlockResponse",
    "DisassociateQualificationFromWorkerRequest",
    "DisassociateQualificationFromWorkerResponse",
    "DocumentError",
    "EmbeddedBinaryContent",
    "Environment",
    "EventNotification",
    "EventType",
    "ExportError",
    "ExternalQuestion",
    "FileUploadAnswerSpecification",
    "Finding",
    "FormattedContent",
    "FreeTextAnswer",
    "FreeTextAnswerSpecification",
    "GetAccountBalanceRequest",
    "GetAccountBalanceResponse",
    "GetAssignmentRequest",
    "GetAssignmentResponse",
    "GetFileUploadURLRequest",
    "GetFileUploadURLResponse",
    "GetHITRequest",
    "GetHITResponse",
    "GetQualificationScoreRequest",
    "GetQualificationScoreResponse",
    "GetQualificationTypeRequest",
    "GetQualificationTypeResponse",
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
    "ListHITsForQualificationTypeResponse",
    "ListHITsRequest",
    "ListHITsResponse",
    "ListQualificationRequestsRequest",
    "ListQualificationRequestsResponse",
    "ListQualificationTypesRequest",
    "ListQualificationTypesResponse",
    "ListReviewPolicyResultsForHITRequest",
    "ListReviewPolicyResultsForHITResponse",
    "ListReviewableHITsRequest",
    "ListReviewableHITsResponse",
    "ListWorkerBlocksRequest",
    "ListWorkerBlocksResponse",
    "ListWorkersWithQualificationTypeRequest",
    "ListWorkersWithQualificationTypeResponse",
    "Locale",
    "MTurkAPIError",
    "MTurkClient",
    "MTurkModelsError",
    "MTurkModelsWarning",
    "MTurkRequestError",
    "MTurkServiceFault",
    "MalformedAnswerError",
    "NotificationError",
    "NotificationEvent",
    "NotificationSpecification",
    "NotificationTransport",
    "NotifyWorkersFailureCode",
    "NotifyWorkersFailureStatus",
    "NotifyWorkersRequest",
    "NotifyWorkersResponse",
    "Overview",
    "ParameterMapEntry",
    "PercentageMapping",
    "PolicyParameter",
    "Qualification",
    "QualificationEnvironmentWarning",
    "QualificationRequest",
    "QualificationRequirement",
    "QualificationStatus",
    "QualificationType",
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
    "RejectAssignmentResponse",
    "RejectQualificationRequestRequest",
    "RejectQualificationRequestResponse",
    "RequestWarning",
    "ResponseDataWarning",
    "ReviewActionDetail",
    "ReviewActionStatus",
    "ReviewPolicy",
    "ReviewPolicyLevel",
    "ReviewReport",
    "ReviewResultDetail",
    "ReviewableHITStatus",
    "ScaleMapping",
    "ScoreExplanation",
    "Selection",
    "SelectionAnswer",
    "SelectionAnswerSpecification",
    "SendBonusRequest",
    "SendBonusResponse",
    "SendTestEventNotificationRequest",
    "SendTestEventNotificationResponse",
    "StyleSuggestion",
    "SummedScoreRange",
    "TextContent",
    "TitleContent",
    "UnsafeXMLError",
    "UpdateExpirationForHITRequest",
    "UpdateExpirationForHITResponse",
    "UpdateHITReviewStatusRequest",
    "UpdateHITReviewStatusResponse",
    "UpdateHITTypeOfHITRequest",
    "UpdateHITTypeOfHITResponse",
    "UpdateNotificationSettingsRequest",
    "UpdateNotificationSettingsResponse",
    "UpdateQualificationTypeRequest",
    "UpdateQualificationTypeResponse",
    "UploadedFileAnswer",
    "WorkerBlock",
    "__version__",
    "adult_content",
    "approval_rate_at_least",
    "assignments_in",
    "decode_task_answers",
    "fold_choices",
    "format_batch_timestamp",
    "hits_approved_at_least",
    "iter_assignments",
    "iter_event_notifications",
    "locale_in",
    "locale_not_in",
    "masters",
    "parse_answer_key",
    "parse_answers",
    "parse_batch_timestamp",
    "parse_event_notification",
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
    "event_notifications",
    "external_questions",
    "free_text_answers",
    "get_assignment_responses",
    "get_hit_responses",
    "hit_layout_parameters",
    "hits",
    "html_questions",
    "legacy_assignments",
    "legacy_hits",
    "list_assignments_for_hit_responses",
    "list_bonus_payments_responses",
    "list_hits_responses",
    "locales",
    "notification_events",
    "notification_specifications",
    "notify_workers_failure_statuses",
    "operation_requests",
    "qualification_requests",
    "qualification_requirements",
    "qualification_tests",
    "qualification_types",
    "qualification_value_mappings",
    "qualifications",
    "question_form_answers",
    "question_forms",
    "question_identifiers",
    "responses",
    "review_action_details",
    "review_policies",
    "review_reports",
    "review_result_details",
    "selection_answers",
    "uploaded_file_answers",
    "utc_datetimes",
    "worker_blocks",
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
    assert fresh_python(code).strip() == str(len(TESTING))


def test_importing_the_package_loads_no_submodule() -> None:
    """The names load on first use (PEP 562), so ``import mturk_models`` builds no model."""
    code = "import sys, mturk_models; print([m for m in sys.modules if m.startswith('mturk_')])"
    assert fresh_python(code).strip() == "['mturk_models']"


def test_every_name_of_all_resolves_in_a_fresh_interpreter() -> None:
    """Each name, first touched in any order, as an attribute and by ``from ... import``."""
    code = (
        "import json, mturk_models\n"
        "names = sorted(mturk_models.__all__, reverse=True)\n"
        "found = [n for n in names if getattr(mturk_models, n) is not None]\n"
        "from mturk_models import MTurkClient, to_utc, __version__\n"
        "namespace = {}\n"
        "exec('from mturk_models import *', namespace)\n"
        "print(json.dumps([found, sorted(n for n in namespace if n != '__builtins__')]))\n"
    )
    found, starred = json.loads(fresh_python(code))
    assert sorted(found) == sorted(PUBLIC)
    assert starred == sorted(PUBLIC)


def test_the_lazy_table_is_what_type_checkers_read() -> None:
    """The imports under ``TYPE_CHECKING`` (what mypy, IDEs and Sphinx see) name the same
    module for each name as the table ``__getattr__`` loads from, and cover ``__all__``."""
    tree = ast.parse(Path(mturk_models.__file__).read_text("utf-8"))
    (guarded,) = (
        node
        for node in tree.body
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
    )
    imported = {
        alias.name: node.module
        for node in guarded.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert imported == mturk_models._MODULE_OF
    assert set(imported) | {"__version__"} == set(PUBLIC)


@pytest.mark.parametrize("name", [n for n in PUBLIC if n != "__version__"])
def test_each_name_is_the_object_of_its_module(name: str) -> None:
    module = importlib.import_module(f"mturk_models.{mturk_models._MODULE_OF[name]}")
    assert getattr(mturk_models, name) is getattr(module, name)


def test_unknown_names_are_attribute_errors() -> None:
    with pytest.raises(AttributeError, match="Asignment"):
        _ = mturk_models.Asignment  # type: ignore[attr-defined]
    assert not hasattr(mturk_models, "parse_answer")
    with pytest.raises(ImportError):
        exec("from mturk_models import Asignment", {})


def test_dir_lists_every_public_name() -> None:
    assert set(PUBLIC) <= set(dir(mturk_models))


def test_public_classes_and_functions_pickle_by_reference() -> None:
    """Pickle finds each class and function where it is defined (worker processes need it)."""
    for name in PUBLIC:
        value = getattr(mturk_models, name)
        if isinstance(value, (type, types.FunctionType)):
            assert pickle.loads(pickle.dumps(value)) is value, name
    assignment = mturk_models.Assignment.model_validate(
        {"AssignmentId": "3YZ8UPK3VUK9D38RJKOSRZUCFEFUCR", "WorkerId": "A1EXAMPLE7T2XA"}
    )
    assert pickle.loads(pickle.dumps(assignment)) == assignment


MODULES = sorted(
    module.name
    for module in pkgutil.walk_packages(mturk_models.__path__, "mturk_models.")
    if not module.name.endswith("__main__")
)


def test_the_module_list_is_complete() -> None:
    assert {"mturk_models.cli.answers", "mturk_models.api.hits", "mturk_models.testing"} <= set(
        MODULES
    )


@pytest.mark.parametrize("module", MODULES)
def test_each_module_imports_alone(module: str) -> None:
    """No import cycle hides behind the lazy package: every module imports first, alone."""
    assert fresh_python(f"import {module}; print({module}.__name__)").strip() == module
