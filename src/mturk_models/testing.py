"""Hypothesis strategies for the models of mturk-models, for your own property-based tests.

This module needs `Hypothesis <https://hypothesis.readthedocs.io>`_, which is not a runtime
dependency: install it with the ``tests`` extra (``python -m pip install ".[tests]"`` in the clone
you installed from) or on its own (``python -m pip install hypothesis``). Importing this module
without Hypothesis raises ImportError.

Every strategy draws valid values only: each generated model passes its own validation, and its
boto3 shape (``model.to_boto3()``, plain JSON values) validates back into an equal model. Two
families:

* model strategies (``assignments()``, ``hits()``, ``qualification_requirements()``,
  ``locales()``, the response envelopes) give model instances;
* ``boto3_*`` strategies give the plain dicts boto3 returns: PascalCase keys, ``Reward`` as a
  string, timestamps as aware ``datetime`` objects in the machine's zone (``tzlocal()``, as boto3
  gives them) or another zone. Use them to test code that wraps boto3 responses.

Usage in a test module::

    from hypothesis import given

    from mturk_models import Assignment
    from mturk_models.testing import assignments, boto3_assignments

    @given(boto3_assignments())
    def test_summary_accepts_any_boto3_assignment(raw):
        assignment = Assignment.model_validate(raw)
        assert my_summary(assignment)  # your code under test

    @given(assignments(status="Approved"))
    def test_approved_assignments_have_an_approval_time(assignment):
        assert assignment.approval_time is not None

Answer strategies (``question_form_answers()``, ``free_text_answers()``, ``selection_answers()``,
``uploaded_file_answers()``, ``answer_texts()``, ``question_identifiers()``) give answer
documents with text that breaks naive XML writers (markup, ``]]>``, CRs, surrounding spaces):

>>> from hypothesis import given, settings
>>> from mturk_models.documents.answers import parse_answers
>>> @settings(max_examples=20, deadline=None)
... @given(question_form_answers())
... def test_round_trip(answers):
...     assert parse_answers(answers.to_xml()) == answers
>>> test_round_trip()
"""

from __future__ import annotations

import enum
import html
import types
import typing
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta, timezone, tzinfo
from decimal import Decimal
from enum import Enum
from functools import cache
from itertools import pairwise
from types import UnionType
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

import annotated_types
import pycountry
from dateutil.tz import gettz, tzlocal, tzutc
from hypothesis import strategies as st
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ._base import Structure
from ._types import XML_WHITESPACE as _XML_WHITESPACE
from .api._page import Page, Response
from .api._preflight import Request
from .api._request_fields import Long
from .api.assignments import Assignment, GetAssignmentResponse, ListAssignmentsForHITResponse
from .api.bonuses import BonusPayment, ListBonusPaymentsRequest, ListBonusPaymentsResponse
from .api.events import EventNotification, NotificationEvent
from .api.hits import HIT, MAX_QUALIFICATION_REQUIREMENTS, GetHITResponse, ListHITsResponse
from .api.notifications import (
    NOTIFICATION_VERSIONS,
    NotificationSpecification,
    SendTestEventNotificationRequest,
    UpdateNotificationSettingsRequest,
)
from .api.qualifications import (
    ADULT,
    COMPARATOR_VALUE_COUNTS,
    MASTERS_ENVIRONMENTS,
    MASTERS_PRODUCTION,
    MASTERS_SANDBOX,
    NUMBER_HITS_APPROVED,
    PERCENT_ASSIGNMENTS_APPROVED,
    PRESENCE_COMPARATORS,
    WORKER_LOCALE,
    CreateQualificationTypeRequest,
    Locale,
    Qualification,
    QualificationRequest,
    QualificationRequirement,
    QualificationType,
    UpdateQualificationTypeRequest,
)
from .api.requests import (
    CreateHITRequest,
    CreateHITTypeRequest,
    CreateHITWithHITTypeRequest,
    HITLayoutParameter,
)
from .api.reviews import (
    ASSIGNMENT_REVIEW_POLICY,
    HIT_REVIEW_POLICY,
    MAX_QUESTION_IDS,
    ParameterMapEntry,
    PolicyParameter,
    ReviewActionDetail,
    ReviewPolicy,
    ReviewReport,
    ReviewResultDetail,
    parameter_range,
)
from .api.workers import NotifyWorkersFailureStatus, WorkerBlock
from .archives.batch import ApprovalRate, BatchResultRow
from .documents.answer_key import (
    AnswerKey,
    AnswerKeyQuestion,
    AnswerOption,
    PercentageMapping,
    QualificationValueMapping,
    RangeMapping,
    ScaleMapping,
    SummedScoreRange,
)
from .documents.answers import (
    FreeTextAnswer,
    QuestionFormAnswers,
    SelectionAnswer,
    UploadedFileAnswer,
)
from .documents.crowd import TASK_ANSWERS
from .documents.questions import (
    AnswerFormatRegex,
    ApplicationContent,
    ApplicationParameter,
    BinaryContent,
    Constraints,
    EmbeddedBinaryContent,
    ExternalQuestion,
    FileUploadAnswerSpecification,
    FormattedContent,
    FreeTextAnswerSpecification,
    HTMLQuestion,
    IsNumeric,
    Length,
    ListContent,
    Overview,
    Question,
    QuestionForm,
    Selection,
    SelectionAnswerSpecification,
    StyleSuggestion,
    TextContent,
    TitleContent,
)
from .enums import (
    ActionsGuarded,
    AssignmentStatus,
    Comparator,
    EventType,
    HITReviewStatus,
    HITStatus,
    NotificationTransport,
    NotifyWorkersFailureCode,
    QualificationStatus,
    QualificationTypeStatus,
    ReviewActionStatus,
)

__all__ = [
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

M = TypeVar("M", bound=Structure)
R = TypeVar("R", bound=Request)

_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
_UTC = timezone.utc
_MIN_TIME = datetime(2005, 1, 1)  # MTurk opened in November 2005
_MAX_TIME = datetime(2040, 12, 31)
_INT32 = st.integers(min_value=-(2**31), max_value=2**31 - 1)  # botocore's Integer shape
_SYSTEM_TYPES = (
    MASTERS_PRODUCTION,
    MASTERS_SANDBOX,
    NUMBER_HITS_APPROVED,
    PERCENT_ASSIGNMENTS_APPROVED,
    ADULT,
)


def _optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


# --- scalars ----------------------------------------------------------------------------------


def entity_ids(min_size: int = 1, max_size: int = 64) -> st.SearchStrategy[str]:
    """IDs such as AssignmentId and HITId: 1 to 64 of ``A-Z0-9`` (botocore's EntityId)."""
    return st.text(_ID_ALPHABET, min_size=min_size, max_size=max_size)


def worker_ids() -> st.SearchStrategy[str]:
    """Worker IDs: ``A`` then 1 to 63 of ``A-Z0-9`` (botocore's CustomerId)."""
    return st.text(_ID_ALPHABET, min_size=1, max_size=63).map("A".__add__)


def currency_amounts(max_value: Decimal = Decimal("10000.00")) -> st.SearchStrategy[Decimal]:
    """USD amounts with exactly two decimals, from ``0.00`` to ``max_value``."""
    cents = int(max_value * 100)
    return st.integers(min_value=0, max_value=cents).map(lambda c: Decimal(c).scaleb(-2))


def utc_datetimes() -> st.SearchStrategy[datetime]:
    """Aware UTC datetimes between 2005 and 2040, as the models hold them."""
    return st.datetimes(min_value=_MIN_TIME, max_value=_MAX_TIME, timezones=st.just(_UTC))


def boto3_timezones() -> st.SearchStrategy[tzinfo]:
    """The zones boto3 timestamps come in: ``tzlocal()`` (boto3's own), UTC and a few others.

    The others cover daylight saving time (Los Angeles, Sydney), half-hour offsets (Kolkata)
    and a fixed offset.
    """
    named = [gettz(name) for name in ("America/Los_Angeles", "Asia/Kolkata", "Australia/Sydney")]
    zones: list[tzinfo] = [tzlocal(), tzutc(), timezone(timedelta(hours=-3))]
    zones.extend(zone for zone in named if zone is not None)
    return st.sampled_from(zones)


# --- Locale -----------------------------------------------------------------------------------


@cache
def _locale_table() -> tuple[tuple[str, tuple[str, ...]], ...]:
    table = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        found = pycountry.subdivisions.get(country_code=country.alpha_2) or ()  # type: ignore[no-untyped-call]
        subs = sorted(
            code for sub in found if len(code := sub.code.partition("-")[2]) == 2
        )  # CountryParameters are two characters: longer ISO 3166-2 codes cannot be sent
        table.append((country.alpha_2, tuple(subs)))
    return tuple(table)


@st.composite
def locales(draw: st.DrawFn, *, subdivision: bool | None = None) -> Locale:
    """Valid Locales: an ISO 3166-1 country and, sometimes, one of its ISO 3166-2 subdivisions.

    ``subdivision=True`` always draws one (from countries that have two-character codes),
    ``False`` never does, ``None`` (the default) sometimes does.
    """
    table = _locale_table()
    if subdivision:
        table = tuple(row for row in table if row[1])
    country, subs = draw(st.sampled_from(table))
    sub = None
    if subs and subdivision is not False and (subdivision or draw(st.booleans())):
        sub = draw(st.sampled_from(subs))
    return Locale(country=country, subdivision=sub)


# --- QualificationRequirement -----------------------------------------------------------------


def _non_locale_type_ids() -> st.SearchStrategy[str]:
    return st.sampled_from(_SYSTEM_TYPES) | entity_ids(max_size=30).filter(
        lambda type_id: type_id != WORKER_LOCALE
    )


@st.composite
def qualification_requirements(
    draw: st.DrawFn, *, comparators: Iterable[Comparator | str] | None = None
) -> QualificationRequirement:
    """Valid QualificationRequirements, for every comparator kind (or only ``comparators``).

    The values follow the comparator: one IntegerValue for LessThan and its kin; one
    IntegerValue or one LocaleValue for EqualTo/NotEqualTo; 1-15 IntegerValues or 1-30
    LocaleValues for In/NotIn; none for Exists/DoesNotExist. LocaleValues come with the
    Worker_Locale type only. ActionsGuarded and the deprecated RequiredToPreview are never set
    together.
    """
    allowed = list(Comparator) if comparators is None else [Comparator(c) for c in comparators]
    comparator = draw(st.sampled_from(allowed))
    counts = COMPARATOR_VALUE_COUNTS[comparator]  # the table QualificationRequirement checks
    integer_values: tuple[int, ...] | None = None
    locale_values: tuple[Locale, ...] | None = None
    if counts.integers[1] == counts.locales[1] == 0:
        type_id = draw(_non_locale_type_ids() | st.just(WORKER_LOCALE))
    elif counts.locales[1] and (not counts.integers[1] or draw(st.booleans())):
        type_id = WORKER_LOCALE
        low, high = counts.locales
        locale_values = tuple(draw(st.lists(locales(), min_size=low, max_size=high)))
    else:
        type_id = draw(_non_locale_type_ids())
        low, high = counts.integers
        integer_values = tuple(draw(st.lists(_INT32, min_size=low, max_size=high)))
    guard = draw(st.sampled_from(["actions", "preview", "none"]))
    return QualificationRequirement(
        qualification_type_id=type_id,
        comparator=comparator,
        integer_values=integer_values,
        locale_values=locale_values,
        actions_guarded=draw(st.sampled_from(ActionsGuarded)) if guard == "actions" else None,
        required_to_preview=draw(st.booleans()) if guard == "preview" else None,
    )


# --- HIT and Assignment -----------------------------------------------------------------------


def _short_text() -> st.SearchStrategy[str]:
    return st.text(max_size=40)


@st.composite
def hits(draw: st.DrawFn) -> HIT:
    """Valid HITs; each field is present or absent (the API returns partial HITs)."""
    optional_fields: dict[str, st.SearchStrategy[Any]] = {
        "hit_type_id": entity_ids(),
        "hit_group_id": entity_ids(),
        "hit_layout_id": entity_ids(),
        "creation_time": utc_datetimes(),
        "title": _short_text(),
        "description": _short_text(),
        "question": _short_text(),
        "keywords": _short_text(),
        "hit_status": st.sampled_from(HITStatus),
        "max_assignments": st.integers(min_value=1, max_value=1_000_000_000),
        "reward": currency_amounts(),
        "auto_approval_delay_in_seconds": st.integers(min_value=0, max_value=2_592_000),
        "expiration": utc_datetimes(),
        "assignment_duration_in_seconds": st.integers(min_value=30, max_value=31_536_000),
        "requester_annotation": _short_text(),
        "qualification_requirements": st.lists(
            qualification_requirements(), max_size=MAX_QUALIFICATION_REQUIREMENTS
        ).map(tuple),
        "hit_review_status": st.sampled_from(HITReviewStatus),
        "number_of_assignments_pending": st.integers(min_value=0, max_value=1000),
        "number_of_assignments_available": st.integers(min_value=0, max_value=1000),
        "number_of_assignments_completed": st.integers(min_value=0, max_value=1000),
    }
    values = {name: draw(_optional(strategy)) for name, strategy in optional_fields.items()}
    return HIT.model_validate({"hit_id": draw(entity_ids()), **values})


@st.composite
def assignments(
    draw: st.DrawFn, *, status: AssignmentStatus | str | None = None, hit_id: str | None = None
) -> Assignment:
    """Valid Assignments with consistent times (accept <= submit <= approval or rejection).

    ``status`` fixes the AssignmentStatus (otherwise drawn); an Approved assignment has an
    ApprovalTime, a Rejected one a RejectionTime, a Submitted one neither. ``hit_id`` fixes the
    HITId (as for the pages of one ListAssignmentsForHIT call).
    """
    chosen = (
        AssignmentStatus(status) if status is not None else draw(st.sampled_from(AssignmentStatus))
    )
    accept = draw(utc_datetimes())
    submit = accept + timedelta(seconds=draw(st.integers(min_value=0, max_value=86_400)))
    decided = submit + timedelta(seconds=draw(st.integers(min_value=0, max_value=2_592_000)))
    # model_validate by attribute name: the mypy plugin does not see validate_by_name for
    # the fields with explicit HIT* aliases.
    return Assignment.model_validate(
        {
            "assignment_id": draw(entity_ids()),
            "worker_id": draw(worker_ids()),
            "hit_id": hit_id if hit_id is not None else draw(entity_ids()),
            "assignment_status": chosen,
            "accept_time": accept,
            "submit_time": submit,
            "auto_approval_time": submit
            + timedelta(days=draw(st.integers(min_value=0, max_value=30))),
            "approval_time": decided if chosen is AssignmentStatus.APPROVED else None,
            "rejection_time": decided if chosen is AssignmentStatus.REJECTED else None,
            "deadline": draw(_optional(utc_datetimes())),
            "answer": draw(_optional(st.text(max_size=200))),
            "requester_feedback": draw(_optional(_short_text())),
        }
    )


# --- response envelopes -----------------------------------------------------------------------


@st.composite
def get_assignment_responses(draw: st.DrawFn) -> GetAssignmentResponse:
    """Valid GetAssignment responses: an Assignment and its HIT (same HITId)."""
    hit = draw(hits())
    assignment = draw(assignments(hit_id=hit.hit_id))
    return GetAssignmentResponse.model_validate({"assignment": assignment, "hit": hit})


def get_hit_responses() -> st.SearchStrategy[GetHITResponse]:
    """Valid GetHIT responses."""
    return hits().map(lambda hit: GetHITResponse.model_validate({"hit": hit}))


@st.composite
def list_assignments_for_hit_responses(
    draw: st.DrawFn, *, max_assignments: int = 5, last: bool | None = None
) -> ListAssignmentsForHITResponse:
    """Valid pages of ListAssignmentsForHIT: assignments of one HIT, NumResults matching.

    ``last=True`` gives a final page (no NextToken), ``False`` a page with a NextToken,
    ``None`` either.
    """
    hit_id = draw(entity_ids())
    found = draw(st.lists(assignments(hit_id=hit_id), max_size=max_assignments))
    return ListAssignmentsForHITResponse(
        next_token=draw(_next_tokens(last)), num_results=len(found), assignments=tuple(found)
    )


def _next_tokens(last: bool | None) -> st.SearchStrategy[str | None]:
    """A page's NextToken: none on a last page (``last=True``), one on others, either for None."""
    token = st.text(min_size=1, max_size=255)
    return st.none() if last else token if last is False else st.none() | token


@st.composite
def list_hits_responses(
    draw: st.DrawFn, *, max_hits: int = 5, last: bool | None = None
) -> ListHITsResponse:
    """Valid pages of ListHITs (and ListReviewableHITs): HITs, NumResults matching.

    ``last`` as for :func:`list_assignments_for_hit_responses`.
    """
    found = draw(st.lists(hits(), max_size=max_hits))
    return ListHITsResponse.model_validate(
        {"next_token": draw(_next_tokens(last)), "num_results": len(found), "hits": tuple(found)}
    )


# --- boto3-shaped dicts -----------------------------------------------------------------------


def _in_zone(value: Any, zone: tzinfo) -> Any:
    """``value`` as boto3 gives it: datetimes in ``zone``, enums as their ``str`` values."""
    if isinstance(value, datetime):
        return value.astimezone(zone)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {key: _in_zone(item, zone) for key, item in value.items()}
    if isinstance(value, list):
        return [_in_zone(item, zone) for item in value]
    return value


def _boto3(models: st.SearchStrategy[M]) -> st.SearchStrategy[dict[str, Any]]:
    return st.tuples(models, boto3_timezones()).map(
        lambda pair: _in_zone(pair[0].model_dump(by_alias=True, exclude_none=True), pair[1])
    )


def boto3_assignments() -> st.SearchStrategy[dict[str, Any]]:
    """Assignments as boto3 returns them: PascalCase dicts, datetimes in tzlocal() or other zones.

    ``Assignment.model_validate(d)`` of each gives back the model it was dumped from.
    """
    return _boto3(assignments())


def boto3_hits() -> st.SearchStrategy[dict[str, Any]]:
    """HITs as boto3 returns them (Reward as a string such as ``"0.50"``, zoned datetimes)."""
    return _boto3(hits())


def boto3_get_assignment_responses() -> st.SearchStrategy[dict[str, Any]]:
    """GetAssignment responses as boto3 returns them (without ResponseMetadata)."""
    return _boto3(get_assignment_responses())


def boto3_list_assignments_for_hit_responses(
    *, max_assignments: int = 5, last: bool | None = None
) -> st.SearchStrategy[dict[str, Any]]:
    """ListAssignmentsForHIT pages as boto3 returns them (without ResponseMetadata)."""
    return _boto3(list_assignments_for_hit_responses(max_assignments=max_assignments, last=last))


# --- archives ---------------------------------------------------------------------------------
# Legacy XML API responses and Requester website batch CSVs (mturk_models.archives.legacy, .batch).

_XML_CHARACTERS = st.characters(
    blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"
) | st.sampled_from("\t\n\r")
_COLUMN_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789_-."


def xml_texts(*, min_size: int = 0, max_size: int = 40) -> st.SearchStrategy[str]:
    """Text that XML 1.0 can carry, markup characters included.

    Any character but surrogates, U+FFFE/U+FFFF and the control characters other than tab, line
    feed and carriage return.
    """
    return st.text(_XML_CHARACTERS, min_size=min_size, max_size=max_size)


def _whole_seconds() -> st.SearchStrategy[datetime]:
    return utc_datetimes().map(lambda value: value.replace(microsecond=0))


_HIT_TEXT = ("Title", "Description", "Question", "Keywords", "RequesterAnnotation")


@st.composite
def legacy_hits(draw: st.DrawFn) -> HIT:
    """HITs that a legacy XML response can hold.

    :func:`hits` with XML-legal text, no empty requirement list (legacy XML cannot say "empty"),
    and sometimes the legacy-only NumberOfSimilarHITs in the extras.
    """
    data = draw(hits()).to_boto3()
    if not data.get("QualificationRequirements", True):
        del data["QualificationRequirements"]  # no elements: legacy XML cannot say "empty list"
    for key in _HIT_TEXT:
        if key in data:
            data[key] = draw(xml_texts())
    similar = draw(_optional(st.integers(min_value=0, max_value=10_000)))
    if similar is not None:
        data["NumberOfSimilarHITs"] = similar
    return HIT.model_validate(data)


@st.composite
def legacy_assignments(draw: st.DrawFn, *, hit_id: str | None = None) -> Assignment:
    """Assignments that a legacy XML response can hold (:func:`assignments`, XML-legal text)."""
    data = draw(assignments(hit_id=hit_id)).to_boto3()
    if "Answer" in data:
        data["Answer"] = draw(xml_texts(max_size=200))
    if "RequesterFeedback" in data:
        data["RequesterFeedback"] = draw(xml_texts())
    return Assignment.model_validate(data)


def bonus_payments() -> st.SearchStrategy[BonusPayment]:
    """Valid BonusPayments (XML-legal Reason, so they fit legacy responses too)."""
    return st.builds(
        lambda worker, amount, assignment, reason, granted: BonusPayment.model_validate(
            {
                "WorkerId": worker,
                "BonusAmount": amount,
                "AssignmentId": assignment,
                "Reason": reason,
                "GrantTime": granted,
            }
        ),
        worker_ids(),
        currency_amounts(),
        entity_ids(),
        _optional(xml_texts()),
        _optional(utc_datetimes()),
    )


@st.composite
def list_bonus_payments_responses(
    draw: st.DrawFn, *, max_payments: int = 5, last: bool | None = None
) -> ListBonusPaymentsResponse:
    """Valid pages of ListBonusPayments: BonusPayments, NumResults matching.

    ``last`` as for :func:`list_assignments_for_hit_responses`.
    """
    found = draw(st.lists(bonus_payments(), max_size=max_payments))
    return ListBonusPaymentsResponse(
        next_token=draw(_next_tokens(last)), num_results=len(found), bonus_payments=tuple(found)
    )


def approval_rates() -> st.SearchStrategy[ApprovalRate]:
    """Approval rates as batch CSVs print them: a percent and approved <= total counts."""
    return st.builds(
        lambda percent, counts: ApprovalRate(
            percent=percent, approved=min(counts), total=max(counts)
        ),
        st.integers(min_value=0, max_value=100),
        st.tuples(st.integers(0, 100_000), st.integers(0, 100_000)),
    )


def batch_column_names(*, max_size: int = 4) -> st.SearchStrategy[list[str]]:
    """Distinct Input.*/Answer.* column names (without the prefix), as form fields name them."""
    name = st.text(_COLUMN_ALPHABET, min_size=1, max_size=12).filter(
        lambda text: text != "taskAnswers"
    )
    return st.lists(name, max_size=max_size, unique=True)


def crowd_task_answers() -> st.SearchStrategy[list[dict[str, Any]]]:
    """Decoded crowd-form ``taskAnswers``: lists of task objects.

    The objects hold text, integers, booleans, nulls and crowd choice groups such as
    ``{"high": true, "low": false}``.
    """
    scalar = st.none() | st.booleans() | st.integers(-(2**53), 2**53) | xml_texts(max_size=20)
    group = st.dictionaries(xml_texts(min_size=1, max_size=8), st.booleans(), max_size=3)
    task = st.dictionaries(xml_texts(max_size=10), scalar | group, max_size=4)
    return st.lists(task, max_size=2)


@st.composite
def batch_result_rows(
    draw: st.DrawFn,
    *,
    input_names: list[str] | None = None,
    answer_names: list[str] | None = None,
) -> BatchResultRow:
    """Rows of a batch results CSV that survive ``write_batch_csv`` and ``read_batch_csv``.

    Timestamps are whole seconds (the format has no fractions), text fields are non-empty when
    present (an empty cell reads as "no value"). ``input_names`` and ``answer_names`` fix the
    ``Input.*`` and ``Answer.*`` columns (so that several rows share one header); otherwise they
    are drawn.
    """
    texts = xml_texts(min_size=1)
    hit_id = draw(entity_ids())
    hit: dict[str, Any] = {"HITId": hit_id}
    optional_hit: dict[str, st.SearchStrategy[Any]] = {
        "HITTypeId": entity_ids(),
        "Title": texts,
        "Description": texts,
        "Keywords": texts,
        "Reward": currency_amounts(),
        "CreationTime": _whole_seconds(),
        "MaxAssignments": st.integers(min_value=1, max_value=1_000_000_000),
        "RequesterAnnotation": texts,
        "AssignmentDurationInSeconds": st.integers(min_value=30, max_value=31_536_000),
        "AutoApprovalDelayInSeconds": st.integers(min_value=0, max_value=2_592_000),
        "Expiration": _whole_seconds(),
        "NumberOfSimilarHITs": st.integers(min_value=0, max_value=10_000),
        "LifetimeInSeconds": st.integers(min_value=0, max_value=31_536_000),
    }
    for key, strategy in optional_hit.items():
        value = draw(_optional(strategy))
        if value is not None:
            hit[key] = value
    status = draw(st.sampled_from(AssignmentStatus))
    assignment: dict[str, Any] = {
        "AssignmentId": draw(entity_ids()),
        "WorkerId": draw(worker_ids()),
        "HITId": hit_id,
        "AssignmentStatus": status,
    }
    for key in ("AcceptTime", "SubmitTime", "AutoApprovalTime", "ApprovalTime", "RejectionTime"):
        value = draw(_optional(_whole_seconds()))
        if value is not None:
            assignment[key] = value
    feedback = draw(_optional(texts))
    if feedback is not None:
        assignment["RequesterFeedback"] = feedback
    inputs = draw(batch_column_names()) if input_names is None else input_names
    answers = draw(batch_column_names()) if answer_names is None else answer_names
    if answer_names is None and draw(st.booleans()):
        answers = [*answers, TASK_ANSWERS]
    decision = draw(st.sampled_from(["none", "approve", "reject"]))
    return BatchResultRow.model_validate(
        {
            "hit": hit,
            "assignment": assignment,
            "inputs": {name: draw(xml_texts()) for name in inputs},
            "answers": {
                name: draw(crowd_task_answers() if name == TASK_ANSWERS else xml_texts())
                for name in answers
            },
            "work_time_in_seconds": draw(_optional(st.integers(0, 31_536_000))),
            "lifetime_approval_rate": draw(_optional(approval_rates())),
            "last_30_days_approval_rate": draw(_optional(approval_rates())),
            "last_7_days_approval_rate": draw(_optional(approval_rates())),
            "approve": decision == "approve",
            "reject": draw(texts) if decision == "reject" else None,
        }
    )


# --- answers ---

# XML 1.0 forbids C0 controls other than tab, LF and CR, lone surrogates, U+FFFE and U+FFFF.
_NOT_XML = "".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r") + "\ufffe\uffff"
_ANSWER_CHARACTERS = st.characters(
    codec="utf-8", exclude_characters=_NOT_XML
)  # utf-8: no surrogates
# Pieces that break naive writers and readers: markup, references, the CDATA end, line ends.
_TRICKY = st.sampled_from(
    ["<", ">", "&", "&amp;", "&#13;", "]]>", "\r", "\r\n", "\n", "\t", " ", "  ", '"', "'", "😀"]
)


def answer_texts() -> st.SearchStrategy[str]:
    """Free text as a Worker may send it: any character XML 1.0 allows, markup, CRs, spaces."""
    return st.lists(st.one_of(st.text(_ANSWER_CHARACTERS, max_size=12), _TRICKY), max_size=6).map(
        "".join
    )


def question_identifiers() -> st.SearchStrategy[str]:
    """QuestionIdentifiers (and selection identifiers, file keys): not empty, not padded."""
    return answer_texts().map(lambda text: text.strip(_XML_WHITESPACE)).filter(bool)


@st.composite
def free_text_answers(draw: st.DrawFn) -> FreeTextAnswer:
    """:class:`~mturk_models.FreeTextAnswer` values, the empty text included."""
    return FreeTextAnswer(
        question_identifier=draw(question_identifiers()), text=draw(answer_texts())
    )


@st.composite
def selection_answers(draw: st.DrawFn) -> SelectionAnswer:
    """:class:`~mturk_models.SelectionAnswer` values: none, one or several selections, with or
    without an "other" text."""
    return SelectionAnswer(
        question_identifier=draw(question_identifiers()),
        selection_identifiers=tuple(draw(st.lists(question_identifiers(), max_size=4))),
        other_selection_text=draw(st.none() | answer_texts()),
    )


@st.composite
def uploaded_file_answers(draw: st.DrawFn) -> UploadedFileAnswer:
    """:class:`~mturk_models.UploadedFileAnswer` values (sizes up to MTurk's 2,000,000,000)."""
    return UploadedFileAnswer(
        question_identifier=draw(question_identifiers()),
        uploaded_file_key=draw(question_identifiers()),
        uploaded_file_size_in_bytes=draw(st.integers(min_value=0, max_value=2_000_000_000)),
    )


@st.composite
def question_form_answers(draw: st.DrawFn, max_answers: int = 8) -> QuestionFormAnswers:
    """:class:`~mturk_models.QuestionFormAnswers` of mixed kinds; identifiers may repeat."""
    answers = draw(
        st.lists(
            st.one_of(free_text_answers(), selection_answers(), uploaded_file_answers()),
            max_size=max_answers,
        )
    )
    if len(answers) > 1 and draw(st.booleans()):  # an HTML form with a repeated field name
        shared = answers[0].question_identifier
        answers[-1] = answers[-1].model_copy(update={"question_identifier": shared})
    return QuestionFormAnswers(answers=tuple(answers))


# --- HIT definitions --------------------------------------------------------------------------

_XML_CHARS = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cn")) | st.sampled_from(
    "\t\n\r"
)
B = TypeVar("B", bound=BaseModel)
_REGEXES = (r"\S", r"^[0-9]{5}$", r"^[A-Za-z ]+$", r"^\d+(\.\d{1,2})?$", r"@")


def _models(cls: type[B], **fields: st.SearchStrategy[Any]) -> st.SearchStrategy[B]:
    """Models built from strategies by attribute name (``st.builds`` would pass the aliases of
    the model's signature too)."""
    return st.fixed_dictionaries(fields).map(cls.model_validate)


@cache
def _xml_text(min_size: int = 0, max_size: int = 40) -> st.SearchStrategy[str]:
    """Text that XML 1.0 can carry (tabs, CR and LF included)."""
    return st.text(_XML_CHARS, min_size=min_size, max_size=max_size)


@cache
def _urls(schemes: tuple[str, ...] = ("https",)) -> st.SearchStrategy[str]:
    host = st.from_regex(r"[a-z0-9]{1,10}(\.[a-z0-9]{1,10}){0,2}\.(com|org|net)", fullmatch=True)
    path = st.text("abcdefghijklmnopqrstuvwxyz0123456789-_./?=&%", max_size=30)
    return st.builds(
        lambda scheme, h, p: f"{scheme}://{h}/{p}", st.sampled_from(schemes), host, path
    )


def external_questions() -> st.SearchStrategy[ExternalQuestion]:
    """Valid ExternalQuestions: an https URL and a frame height of 0 or more pixels."""
    return _models(
        ExternalQuestion,
        external_url=_urls(),
        frame_height=st.integers(min_value=0, max_value=5000),
    )


_SUBMIT_FORM = (
    '<form name="mturk_form" method="post" id="mturk_form" '
    'action="https://www.mturk.com/mturk/externalSubmit">'
    '<input type="hidden" value="" name="assignmentId" id="assignmentId"/>'
    '<textarea name="{field}"></textarea><input type="submit" id="submitButton"/></form>'
)
_CROWD_FORM = (
    '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>'
    '<crowd-form answer-format="flatten-objects"><crowd-input name="{field}"></crowd-input>'
    "</crowd-form>"
)


@st.composite
def html_questions(draw: st.DrawFn) -> HTMLQuestion:
    """Valid HTMLQuestions whose page can be submitted (an externalSubmit form with an
    assignmentId field, or a crowd-form), with text that exercises CDATA (``]]>``, CR).
    """
    text = html.escape(draw(_xml_text()))
    field = draw(st.from_regex(r"[a-z][a-z0-9_]{0,15}", fullmatch=True))
    form = draw(st.sampled_from((_SUBMIT_FORM, _CROWD_FORM))).format(field=field)
    script = '<script>var end = "]]>";</script>' if draw(st.booleans()) else ""
    page = f"<!DOCTYPE html><html><body><p>{text}</p>{script}{form}</body></html>"
    # model_validate by attribute name: the mypy plugin does not see validate_by_name for
    # fields with explicit aliases (HTMLContent, DataURL).
    return HTMLQuestion.model_validate(
        {"html_content": page, "frame_height": draw(st.integers(0, 5000))}
    )


@cache
def _formatted_xhtml() -> st.SearchStrategy[str]:
    """XHTML that MTurk's FormattedContent subset accepts: text, inline markup (``&nbsp;``
    included), paragraphs, lists and tables."""
    text = _xml_text(max_size=20).map(html.escape)
    link = st.builds(lambda url, t: f'<a href="{html.escape(url)}">{t}</a>', _urls(), text)
    inline = st.one_of(
        text,
        text.map(lambda t: f"<b>{t}</b>"),
        text.map(lambda t: f"<i>{t}</i>&nbsp;"),
        link,
        st.just("<br/>"),
    )
    line = st.lists(inline, max_size=3).map("".join)
    cells = st.lists(line.map(lambda t: f"<td>{t}</td>"), min_size=1, max_size=3).map("".join)
    block = st.one_of(
        line,
        line.map(lambda t: f'<p align="center">{t}</p>'),
        st.lists(line.map(lambda t: f"<li>{t}</li>"), min_size=1, max_size=3).map(
            lambda items: f"<ul>{''.join(items)}</ul>"
        ),
        st.lists(cells.map(lambda t: f"<tr>{t}</tr>"), min_size=1, max_size=3).map(
            lambda rows: f'<table border="1">{"".join(rows)}</table>'
        ),
    )
    return st.lists(block, min_size=1, max_size=3).map("".join)


@cache
def _content_items(applications: bool = True) -> st.SearchStrategy[Any]:
    binary = _models(
        BinaryContent,
        mime_type=st.sampled_from(("image", "audio", "video")),
        mime_sub_type=_optional(_xml_text(1, 10)),
        data_url=_urls(("http", "https")),
        alt_text=_xml_text(),
    )
    params = st.lists(
        _models(ApplicationParameter, name=_xml_text(1, 10), value=_xml_text()), max_size=2
    ).map(tuple)
    embedded = _models(
        EmbeddedBinaryContent,
        mime_type=_xml_text(1, 10),
        mime_sub_type=_xml_text(1, 10),
        data_url=_urls(("http", "https")),
        alt_text=_xml_text(),
        width=st.integers(1, 2000).map(str),
        height=st.integers(1, 2000).map(str),
        parameters=params,
    )
    application_content = _models(
        ApplicationContent,
        application=st.just("flash"),
        url=_urls(),
        width=st.integers(1, 2000).map(str),
        height=st.integers(1, 2000).map(str),
        parameters=params,
    ).flatmap(
        lambda flash: (
            st.sampled_from([flash])
            | _xml_text(1, 20).map(
                lambda name: flash.model_copy(
                    update={"application": "java_applet", "applet_filename": name}
                )
            )
        )
    )
    return st.one_of(
        _models(TitleContent, text=_xml_text()),
        _models(TextContent, text=_xml_text()),
        _models(ListContent, items=st.lists(_xml_text(), min_size=1, max_size=3).map(tuple)),
        _models(FormattedContent, xhtml=_formatted_xhtml()),
        binary,
        embedded,
        *([application_content] if applications else []),
    )


@cache
def _bounds(low: int, high: int) -> st.SearchStrategy[tuple[int | None, int | None]]:
    def pick(pair: tuple[int, int], keep: tuple[bool, bool]) -> tuple[int | None, int | None]:
        a, b = sorted(pair)
        return (a if keep[0] else None, b if keep[1] else None)

    values = st.integers(low, high)
    return st.builds(pick, st.tuples(values, values), st.tuples(st.booleans(), st.booleans()))


@st.composite
def _free_text_specs(draw: st.DrawFn) -> FreeTextAnswerSpecification:
    constraints = None
    if draw(st.booleans()):
        numeric = draw(_optional(_bounds(-(2**31), 2**31 - 1)))
        length = draw(_optional(_bounds(1, 500)))
        regexes = draw(st.lists(st.sampled_from(_REGEXES), max_size=2))
        constraints = Constraints(
            is_numeric=IsNumeric(min_value=numeric[0], max_value=numeric[1]) if numeric else None,
            length=Length(min_length=length[0], max_length=length[1]) if length else None,
            answer_format_regex=tuple(
                AnswerFormatRegex(
                    regex=r,
                    error_text=draw(_optional(_xml_text())),
                    flags=draw(st.sampled_from((None, "i"))),
                )
                for r in regexes
            ),
        )
    return FreeTextAnswerSpecification(
        constraints=constraints,
        default_text=draw(_optional(_xml_text())),
        number_of_lines_suggestion=draw(_optional(st.integers(1, 20))),
    )


def _form_identifiers(max_size: int) -> st.SearchStrategy[str]:
    """Question and selection identifiers: XML text, not padded (the models strip them)."""
    return _xml_text(1, max_size).map(lambda text: text.strip(_XML_WHITESPACE)).filter(bool)


@st.composite
def _selection_specs(draw: st.DrawFn) -> SelectionAnswerSpecification:
    identifiers = draw(st.lists(_form_identifiers(8), min_size=1, max_size=5, unique=True))
    selections = []
    for identifier in identifiers:
        kind = draw(st.sampled_from(("text", "formatted_content", "binary")))
        content: dict[str, Any] = {}
        if kind == "binary":
            content["binary"] = BinaryContent.model_validate(
                {"mime_type": "image", "data_url": draw(_urls()), "alt_text": draw(_xml_text())}
            )
        elif kind == "formatted_content":
            content[kind] = draw(_formatted_xhtml())
        else:
            content[kind] = draw(_xml_text())
        selections.append(Selection(selection_identifier=identifier, **content))
    other = draw(_optional(_free_text_specs()))
    # Neither count may exceed the choices offered (the selections, plus "other").
    low, high = draw(_bounds(1, len(selections) + (other is not None)))
    return SelectionAnswerSpecification(
        min_selection_count=low,
        max_selection_count=high,
        style_suggestion=draw(_optional(st.sampled_from(StyleSuggestion))),
        selections=tuple(selections),
        other_selection=other,
    )


@st.composite
def _file_upload_specs(draw: st.DrawFn) -> FileUploadAnswerSpecification:
    low, high = sorted(
        draw(st.tuples(st.integers(1, 2_000_000_000), st.integers(1, 2_000_000_000)))
    )
    return FileUploadAnswerSpecification(min_file_size_in_bytes=low, max_file_size_in_bytes=high)


@cache
def _content_lists(applications: bool) -> st.SearchStrategy[tuple[Any, ...]]:
    return st.lists(_content_items(applications), min_size=1, max_size=3).map(tuple)


@st.composite
def question_forms(
    draw: st.DrawFn, *, schema_version: str | None = None, max_items: int = 4
) -> QuestionForm:
    """Valid QuestionForms: Overview and Question items in any order, every content kind and
    answer kind, unique question identifiers, consistent bounds. FileUploadAnswer and Application
    (retired by MTurk in 2017) appear only with ``schema_version="2005-10-01"`` (drawn when
    ``schema_version`` is None); ``"2017-11-06"`` gives forms fit for new HITs.
    """
    version = schema_version or draw(st.sampled_from(("2017-11-06", "2005-10-01")))
    kinds: list[st.SearchStrategy[Any]] = [_free_text_specs(), _selection_specs()]
    if version == "2005-10-01":
        kinds.append(_file_upload_specs())
    content = _content_lists(applications=version == "2005-10-01")
    identifiers = draw(st.lists(_form_identifiers(10), min_size=1, max_size=max_items, unique=True))
    items: list[Overview | Question] = []
    for identifier in identifiers:
        if draw(st.booleans()):
            items.append(Overview(content=draw(content)))
        items.append(
            Question(
                question_identifier=identifier,
                display_name=draw(_optional(_xml_text())),
                is_required=draw(_optional(st.booleans())),
                question_content=draw(content),
                answer_specification=draw(st.one_of(kinds)),
            )
        )
    return QuestionForm.model_validate({"items": tuple(items), "schema_version": version})


def _presence_for_masters(requirement: QualificationRequirement) -> bool:
    return requirement.qualification_type_id not in MASTERS_ENVIRONMENTS or (
        requirement.comparator in PRESENCE_COMPARATORS
    )


def _percent_in_range(requirement: QualificationRequirement) -> QualificationRequirement:
    """An approval-rate requirement's values moved into 0..100, as requests need them."""
    values = requirement.integer_values
    if requirement.qualification_type_id != PERCENT_ASSIGNMENTS_APPROVED or not values:
        return requirement
    return requirement.model_copy(update={"integer_values": tuple(abs(v) % 101 for v in values)})


def _field_limits(model: type[BaseModel], field: str) -> tuple[int | None, int | None]:
    """The least and most of a field (``ge``/``le``, ``min_length``/``max_length``), read from
    its metadata, where its limits are declared once; also inside ``X | None``."""
    low: int | None = None
    high: int | None = None
    info = model.model_fields[field]
    pending: list[Any] = [*info.metadata, info.annotation]
    while pending:
        item = pending.pop()
        origin = get_origin(item)
        if origin is Annotated or origin is Union or origin is UnionType:
            pending.extend(get_args(item))
        elif isinstance(item, FieldInfo):
            pending.extend(item.metadata)
        else:  # annotated-types' Ge, Le, MinLen, MaxLen; pydantic's StringConstraints
            for name in ("ge", "min_length"):
                if isinstance(value := getattr(item, name, None), int):
                    low = value
            for name in ("le", "max_length"):
                if isinstance(value := getattr(item, name, None), int):
                    high = value
    return low, high


def _request_integers(field: str) -> st.SearchStrategy[int]:
    low, high = _field_limits(CreateHITRequest, field)
    return st.integers(low, high)


def _request_text(field: str) -> st.SearchStrategy[str]:
    low, high = _field_limits(CreateHITRequest, field)
    return st.text(min_size=low or 0, max_size=high)


def _hit_type_kwargs() -> dict[str, st.SearchStrategy[Any]]:
    return {
        "AutoApprovalDelayInSeconds": _optional(
            _request_integers("auto_approval_delay_in_seconds")
        ),
        "AssignmentDurationInSeconds": _request_integers("assignment_duration_in_seconds"),
        "Reward": currency_amounts().map(str),
        "Title": _request_text("title"),
        "Keywords": _optional(_request_text("keywords")),
        "Description": _request_text("description"),
        "QualificationRequirements": _optional(
            st.lists(
                qualification_requirements().filter(_presence_for_masters).map(_percent_in_range),
                max_size=_field_limits(CreateHITRequest, "qualification_requirements")[1],
            ).map(tuple)
        ),
    }


def _policy_parameters(key: str, values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return _models(PolicyParameter, key=st.just(key), values=values.map(lambda v: (str(v),)))


@cache
def _review_policies(name: str) -> st.SearchStrategy[ReviewPolicy]:
    """Valid policies: the documented parameters of ``name``, each once, values in range."""
    text = st.text(max_size=10)

    def integer(key: str) -> st.SearchStrategy[PolicyParameter]:
        low, high = parameter_range(name, key)  # the table the checks use
        return _policy_parameters(key, st.integers(low, high))

    if name == ASSIGNMENT_REVIEW_POLICY:
        entries = st.lists(
            _models(
                ParameterMapEntry,
                key=_optional(text),
                values=_optional(st.lists(text, max_size=3).map(tuple)),
            ),
            min_size=1,
            max_size=3,
        ).map(tuple)
        required = [_models(PolicyParameter, key=st.just("AnswerKey"), map_entries=entries)]
        optional = [
            integer("ApproveIfKnownAnswerScoreIsAtLeast"),
            _policy_parameters("ApproveReason", text),
            integer("RejectIfKnownAnswerScoreIsLessThan"),
            _policy_parameters("RejectReason", text),
            integer("ExtendIfKnownAnswerScoreIsLessThan"),
            integer("ExtendMaximumAssignments"),
            integer("ExtendMinimumTimeInSeconds"),
        ]
    else:
        # A comma separates question IDs inside one Value: IDs without one, each Value one ID.
        question_id = st.text(
            st.characters(exclude_characters=",", exclude_categories=["Cs"]), max_size=10
        )
        ids = st.lists(question_id, min_size=1, max_size=MAX_QUESTION_IDS).map(tuple)
        required = [
            _models(
                PolicyParameter, key=st.sampled_from(["QuestionIds", "QuestionIDs"]), values=ids
            ),
            integer("QuestionAgreementThreshold"),
        ]
        extend = st.tuples(
            integer("ExtendIfHITAgreementScoreIsLessThan"),
            integer("ExtendMaximumAssignments"),
            integer("ExtendMinimumTimeInSeconds"),
        )
        optional = [
            _policy_parameters("DisregardAssignmentIfRejected", st.sampled_from("TF")),
            integer("DisregardAssignmentIfKnownAnswerScoreIsLessThan"),
            integer("ApproveIfWorkerAgreementScoreIsAtLeast"),
            integer("RejectIfWorkerAgreementScoreIsLessThan"),
            _policy_parameters("RejectReason", text),
            extend,
        ]

    @st.composite
    def parameters(draw: st.DrawFn) -> tuple[PolicyParameter, ...]:
        chosen = [draw(strategy) for strategy in required]
        for strategy in optional:
            if draw(st.booleans()):
                drawn = draw(strategy)
                chosen.extend(drawn if isinstance(drawn, tuple) else [drawn])
        return tuple(draw(st.permutations(chosen)))

    return _models(ReviewPolicy, policy_name=st.just(name), parameters=parameters())


@st.composite
def _hit_kwargs(draw: st.DrawFn) -> dict[str, Any]:
    values: dict[str, Any] = {
        "MaxAssignments": draw(_optional(_request_integers("max_assignments"))),
        "LifetimeInSeconds": draw(_request_integers("lifetime_in_seconds")),
        "RequesterAnnotation": draw(_optional(_request_text("requester_annotation"))),
        "UniqueRequestToken": draw(_optional(_request_text("unique_request_token"))),
        "AssignmentReviewPolicy": draw(_optional(_review_policies(ASSIGNMENT_REVIEW_POLICY))),
        "HITReviewPolicy": draw(_optional(_review_policies(HIT_REVIEW_POLICY))),
    }
    if draw(st.booleans()):
        documents = (
            external_questions() | html_questions() | question_forms(schema_version="2017-11-06")
        )
        values["Question"] = draw(documents).to_xml()
    else:
        values["HITLayoutId"] = draw(entity_ids())
        values["HITLayoutParameters"] = draw(
            _optional(st.lists(hit_layout_parameters(), max_size=3).map(tuple))
        )
    return values


def _drop_none(values: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value is not None}


@st.composite
def create_hit_requests(draw: st.DrawFn) -> CreateHITRequest:
    """Valid CreateHIT requests: every limit respected, Question (an ExternalQuestion,
    HTMLQuestion or QuestionForm document) or HITLayoutId, Masters only with Exists or
    DoesNotExist. ``req.to_boto3()`` is what ``client.create_hit(**kwargs)`` takes.
    """
    values = {key: draw(strategy) for key, strategy in _hit_type_kwargs().items()}
    return CreateHITRequest.model_validate(_drop_none({**values, **draw(_hit_kwargs())}))


@st.composite
def create_hit_type_requests(draw: st.DrawFn) -> CreateHITTypeRequest:
    """Valid CreateHITType requests (see :func:`create_hit_requests`)."""
    values = {key: draw(strategy) for key, strategy in _hit_type_kwargs().items()}
    return CreateHITTypeRequest.model_validate(_drop_none(values))


@st.composite
def create_hit_with_hit_type_requests(draw: st.DrawFn) -> CreateHITWithHITTypeRequest:
    """Valid CreateHITWithHITType requests (see :func:`create_hit_requests`)."""
    values = {"HITTypeId": draw(entity_ids()), **draw(_hit_kwargs())}
    return CreateHITWithHITTypeRequest.model_validate(_drop_none(values))


# --- requests of every operation ----------------------------------------------------------------
# One strategy for every request model, built from its fields: the type of each field picks the
# strategy and its constraints (Ge/Le, MinLen/MaxLen, the ID patterns) bound it, so the limits are
# stated once, in the models. The few rules across fields are applied per model afterwards.

_TEXT_CHARS = st.characters(exclude_categories=("Cs", "Cc")) | st.sampled_from("\t\n\r")


def _constraints(annotation: Any, metadata: Iterable[Any] = ()) -> dict[str, Any]:
    """The Ge/Le/MinLen/MaxLen/pattern constraints of a field, from all its Annotated layers
    (the tightest bound wins where layers repeat one)."""
    found: dict[str, Any] = {}
    tighter = {"ge": max, "min_length": max, "le": min, "max_length": min}

    def visit(items: Iterable[Any]) -> None:
        for item in items:
            if isinstance(item, FieldInfo):
                visit(item.metadata)
            elif isinstance(item, annotated_types.GroupedMetadata):
                visit(iter(item))
            for name in ("ge", "le", "min_length", "max_length", "pattern"):
                value = getattr(item, name, None)
                if value is None:
                    continue
                pick = tighter.get(name)
                found[name] = pick(found[name], value) if pick and name in found else value

    visit(metadata)
    stack = [annotation]
    while stack:
        current = stack.pop()
        if typing.get_origin(current) is typing.Annotated:
            visit(typing.get_args(current)[1:])
            stack.append(typing.get_args(current)[0])
        elif typing.get_origin(current) in (typing.Union, types.UnionType):
            stack.extend(typing.get_args(current))
    return found


def _base_type(annotation: Any) -> Any:
    """The type under ``Annotated`` and ``X | None``."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation


def _free_text(limits: dict[str, Any]) -> st.SearchStrategy[str]:
    return st.text(
        _TEXT_CHARS,
        min_size=max(1, limits.get("min_length", 1)),
        max_size=limits.get("max_length", 40),
    ).filter(str.strip)


def _value_strategy(annotation: Any, limits: dict[str, Any]) -> st.SearchStrategy[Any]:
    base = _base_type(annotation)
    if base is bool:
        return st.booleans()
    if base is int:
        return st.integers(limits.get("ge", -(2**31)), limits.get("le", 2**31 - 1))
    if base is Decimal:
        return currency_amounts()
    if base is datetime:
        return utc_datetimes()
    if isinstance(base, type) and issubclass(base, enum.Enum):
        return st.sampled_from(list(base))
    if base is NotificationSpecification:
        return notification_specifications()
    if typing.get_origin(base) is tuple:
        item = typing.get_args(base)[0]
        return st.lists(
            _value_strategy(item, _constraints(item)),
            min_size=limits.get("min_length", 0),
            max_size=min(limits.get("max_length", 3), 5),
        ).map(tuple)
    pattern = limits.get("pattern")
    if pattern == "^A[A-Z0-9]+$":
        return worker_ids()
    if pattern == "^[A-Z0-9]+$":
        return entity_ids()
    return _free_text(limits)


_NOTIFICATION_DESTINATIONS: dict[NotificationTransport, st.SearchStrategy[str]] = {
    NotificationTransport.EMAIL: st.from_regex(
        r"[a-z0-9.]{1,10}@[a-z0-9]{1,10}\.(com|org)", fullmatch=True
    ),
    NotificationTransport.SQS: st.from_regex(
        r"https://sqs\.[a-z]{2}-[a-z]{4,7}-[1-3]\.amazonaws\.com/[0-9]{12}/[A-Za-z0-9_-]{1,20}",
        fullmatch=True,
    ),
    NotificationTransport.SNS: st.from_regex(
        r"arn:aws:sns:[a-z]{2}-[a-z]{4,7}-[1-3]:[0-9]{12}:[A-Za-z0-9_-]{1,20}", fullmatch=True
    ),
}


@st.composite
def notification_specifications(
    draw: st.DrawFn, *, ping: bool = False
) -> NotificationSpecification:
    """Valid notification specifications: the Destination in the form its Transport needs, a
    documented Version, one or more event types (Ping only when ``ping``, as only
    SendTestEventNotification takes it)."""
    transport = draw(st.sampled_from(list(NotificationTransport)))
    events = [e for e in EventType if ping or e is not EventType.PING]
    return NotificationSpecification(
        destination=draw(_NOTIFICATION_DESTINATIONS[transport]),
        transport=transport,
        version=draw(st.sampled_from(NOTIFICATION_VERSIONS)),
        event_types=tuple(draw(st.lists(st.sampled_from(events), min_size=1, max_size=4))),
    )


def _qualification_test(update: bool) -> Callable[[st.DrawFn, dict[str, Any]], dict[str, Any]]:
    def fix(draw: st.DrawFn, values: dict[str, Any]) -> dict[str, Any]:
        test_limits = _constraints(Long)
        if draw(st.booleans()):
            if draw(st.booleans()):  # a test with the key that fits it (no check() findings)
                form, key = draw(qualification_tests())
                values["answer_key"] = key.to_xml()
            else:
                form = draw(question_forms(schema_version="2017-11-06", max_items=2))
                values["answer_key"] = None
            values["test"] = form.to_xml()
            values["test_duration_in_seconds"] = draw(st.integers(1, test_limits["le"]))
            values["auto_granted"] = draw(st.sampled_from((None, False)))
        else:
            values["test"] = values["answer_key"] = values["test_duration_in_seconds"] = None
        if values.get("auto_granted") is not True:
            values["auto_granted_value"] = None
        return values

    return fix


def _hit_or_assignment(draw: st.DrawFn, values: dict[str, Any]) -> dict[str, Any]:
    if values.get("hit_id") is None and values.get("assignment_id") is None:
        values[draw(st.sampled_from(("hit_id", "assignment_id")))] = draw(entity_ids())
    return values


def _notification_settings(draw: st.DrawFn, values: dict[str, Any]) -> dict[str, Any]:
    if values.get("notification") is None and values.get("active") is None:
        values["active"] = draw(st.booleans())
    return values


def _test_notification(draw: st.DrawFn, values: dict[str, Any]) -> dict[str, Any]:
    values["notification"] = draw(notification_specifications(ping=True))
    return values


_REQUEST_RULES: dict[type[Request], Callable[[st.DrawFn, dict[str, Any]], dict[str, Any]]] = {
    CreateQualificationTypeRequest: _qualification_test(update=False),
    UpdateQualificationTypeRequest: _qualification_test(update=True),
    ListBonusPaymentsRequest: _hit_or_assignment,
    UpdateNotificationSettingsRequest: _notification_settings,
    SendTestEventNotificationRequest: _test_notification,
}
_CREATE_HIT_STRATEGIES: dict[type[Request], Callable[[], st.SearchStrategy[Any]]] = {
    CreateHITRequest: create_hit_requests,
    CreateHITTypeRequest: create_hit_type_requests,
    CreateHITWithHITTypeRequest: create_hit_with_hit_type_requests,
}


@cache
def operation_requests(model: type[R]) -> st.SearchStrategy[R]:
    """Valid requests of any operation's request model (``operation_requests(SendBonusRequest)``).

    Each field's strategy follows its type and constraints; required members are always drawn,
    optional ones sometimes; the rules across fields hold (a Test with its duration, HITId or
    AssignmentId, a Destination of the Transport's form). ``req.to_boto3()`` is what the boto3
    method takes. The CreateHIT models use :func:`create_hit_requests` and its siblings.
    """
    if model in _CREATE_HIT_STRATEGIES:
        return typing.cast("st.SearchStrategy[R]", _CREATE_HIT_STRATEGIES[model]())
    fields: dict[str, st.SearchStrategy[Any]] = {}
    for name, info in model.model_fields.items():
        value = _value_strategy(info.annotation, _constraints(info.annotation, info.metadata))
        fields[name] = value if info.is_required() else _optional(value)
    rule = _REQUEST_RULES.get(model)

    @st.composite
    def build(draw: st.DrawFn) -> R:
        values = draw(st.fixed_dictionaries(fields))
        if rule is not None:
            values = rule(draw, values)
        return model.model_validate(_drop_none(values))

    return build()


# --- qualification tests: AnswerKey documents ---------------------------------------------------

_SCORES = st.integers(-20, 20)


@st.composite
def _answer_key_questions(draw: st.DrawFn) -> AnswerKeyQuestion:
    identifiers = st.lists(_form_identifiers(8), min_size=1, max_size=3, unique=True)
    # Not st.builds: it would also fill the models' required parameters by alias.
    options = st.tuples(identifiers, _SCORES).map(
        lambda pair: AnswerOption(selection_identifiers=tuple(pair[0]), answer_score=pair[1])
    )
    return AnswerKeyQuestion(
        question_identifier=draw(_form_identifiers(10)),
        answer_options=tuple(draw(st.lists(options, min_size=1, max_size=4))),
        default_score=draw(_optional(_SCORES)),
    )


@st.composite
def _summed_score_ranges(draw: st.DrawFn) -> tuple[SummedScoreRange, ...]:
    bounds = sorted(draw(st.lists(st.integers(-100, 100), min_size=2, max_size=8, unique=True)))
    ranges = []
    for low, high in zip(bounds[::2], bounds[1::2], strict=False):  # odd one out dropped
        ranges.append(
            SummedScoreRange(
                inclusive_lower_bound=low,
                inclusive_upper_bound=high,
                qualification_value=draw(st.integers(0, 100)),
            )
        )
    return tuple(ranges)


def qualification_value_mappings(
    maximum: st.SearchStrategy[int] | None = None,
) -> st.SearchStrategy[QualificationValueMapping]:
    """Valid QualificationValueMappings: a percentage (of ``maximum``, when given), a scale
    (multipliers with a fractional part included) or non-overlapping ranges."""
    maximums = maximum if maximum is not None else st.integers(1, 1000)
    percentage = maximums.map(
        lambda top: QualificationValueMapping(
            percentage_mapping=PercentageMapping(maximum_summed_score=top)
        )
    )
    multipliers = st.floats(-10, 10, allow_nan=False, allow_infinity=False)
    scale = multipliers.map(
        lambda factor: QualificationValueMapping(
            scale_mapping=ScaleMapping(summed_score_multiplier=factor)
        )
    )
    ranges = st.tuples(_summed_score_ranges(), st.integers(0, 100)).map(
        lambda pair: QualificationValueMapping(
            range_mapping=RangeMapping(
                summed_score_ranges=pair[0], out_of_range_qualification_value=pair[1]
            )
        )
    )
    return st.one_of(percentage, scale, ranges)


@st.composite
def answer_keys(draw: st.DrawFn) -> AnswerKey:
    """Valid AnswerKeys on their own (not matched to a test: see ``qualification_tests()``)."""
    return AnswerKey(
        questions=tuple(draw(st.lists(_answer_key_questions(), min_size=1, max_size=4))),
        qualification_value_mapping=draw(_optional(qualification_value_mappings())),
    )


def _selection_subsets(names: list[str], low: int, high: int) -> st.SearchStrategy[frozenset[str]]:
    def first(size: int) -> st.SearchStrategy[frozenset[str]]:
        return st.permutations(names).map(lambda order: frozenset(order[:size]))

    return st.integers(low, high).flatmap(first)


@st.composite
def qualification_tests(draw: st.DrawFn) -> tuple[QuestionForm, AnswerKey]:
    """A Test (QuestionForm of selection questions) and an AnswerKey that ``check()`` passes:
    every question keyed, every option a distinct set of the question's selections that Workers
    can pick, a PercentageMapping's maximum equal to the best summed score, ranges that neither
    overlap nor leave gaps."""
    identifiers = draw(st.lists(_form_identifiers(10), min_size=1, max_size=4, unique=True))
    items = []
    keyed = []
    for identifier in identifiers:
        spec = draw(_selection_specs())
        names = [s.selection_identifier for s in spec.selections]
        low = 1 if spec.min_selection_count is None else spec.min_selection_count
        high = 1 if spec.max_selection_count is None else spec.max_selection_count
        if low > len(names) or low > high:  # no option could ever match: let Workers pick one
            spec = spec.model_copy(update={"min_selection_count": 1, "max_selection_count": 1})
            low = high = 1
        high = min(high, len(names))
        subsets = _selection_subsets(names, low, high)
        sets = draw(st.lists(subsets, min_size=1, max_size=4, unique=True))
        options = tuple(
            AnswerOption(selection_identifiers=tuple(sorted(chosen)), answer_score=draw(_SCORES))
            for chosen in sets
        )
        items.append(
            Question(
                question_identifier=identifier,
                question_content=(TextContent(text="?"),),
                answer_specification=spec,
            )
        )
        keyed.append(
            AnswerKeyQuestion(
                question_identifier=identifier,
                answer_options=options,
                default_score=draw(_optional(_SCORES)),
            )
        )
    key = AnswerKey(questions=tuple(keyed))
    highest = key.score_bounds[1]
    kinds = ["none", "scale", "range"] + (["percentage"] if highest > 0 else [])
    kind = draw(st.sampled_from(kinds))
    mapping = None
    if kind == "percentage":
        mapping = draw(
            qualification_value_mappings(st.just(highest)).filter(
                lambda m: m.percentage_mapping is not None
            )
        )
    elif kind == "scale":
        mapping = draw(qualification_value_mappings().filter(lambda m: m.scale_mapping is not None))
    elif kind == "range":
        cuts = sorted(draw(st.lists(st.integers(-60, 60), min_size=1, max_size=4, unique=True)))
        edges = [*cuts, cuts[-1] + draw(st.integers(0, 20)) + 1]
        scopes = tuple(
            SummedScoreRange(
                inclusive_lower_bound=low,
                inclusive_upper_bound=next_low - 1,
                qualification_value=draw(st.integers(0, 100)),
            )
            for low, next_low in pairwise(edges)
        )
        mapping = QualificationValueMapping(
            range_mapping=RangeMapping(
                summed_score_ranges=scopes,
                out_of_range_qualification_value=draw(st.integers(0, 100)),
            )
        )
    form = QuestionForm(items=tuple(items))
    return form, key.model_copy(update={"qualification_value_mapping": mapping})


def review_policies() -> st.SearchStrategy[ReviewPolicy]:
    """Valid review policies, of both kinds CreateHIT takes: ``ScoreMyKnownAnswers/2011-09-01``
    (an AssignmentReviewPolicy) and ``SimplePlurality/2011-09-01`` (a HITReviewPolicy), with
    their required parameters, some optional ones, each once and in range, in any order.

    >>> from hypothesis import find
    >>> find(review_policies(), lambda p: p.policy_name.startswith("Simple")).policy_name
    'SimplePlurality/2011-09-01'
    """
    return _review_policies(ASSIGNMENT_REVIEW_POLICY) | _review_policies(HIT_REVIEW_POLICY)


def hit_layout_parameters() -> st.SearchStrategy[HITLayoutParameter]:
    """Valid HITLayoutParameters: a placeholder's name and any text as its value.

    >>> from hypothesis import find
    >>> find(hit_layout_parameters(), lambda p: p.value != "").to_boto3()
    {'Name': '', 'Value': '0'}
    """
    return _models(HITLayoutParameter, name=st.text(max_size=20), value=st.text())


# --- the rest of the 2017-01-17 API: structures and operation outputs --------------------------
# ``full=True`` draws every member (lists of two or more items), as a fully populated response.


def _present(full: bool, strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return strategy if full else _optional(strategy)


def _several(strategy: st.SearchStrategy[Any], full: bool, max_items: int) -> Any:
    return st.lists(strategy, min_size=2 if full else 0, max_size=max(max_items, 2)).map(tuple)


@st.composite
def qualification_types(draw: st.DrawFn, *, full: bool = False) -> QualificationType:
    """Valid QualificationTypes; never a Test with AutoGranted true (the reference's rule)."""
    values = {
        "QualificationTypeId": draw(_present(full, entity_ids())),
        "CreationTime": draw(_present(full, utc_datetimes())),
        "Name": draw(_present(full, _short_text())),
        "Description": draw(_present(full, _short_text())),
        "Keywords": draw(_present(full, _short_text())),
        "QualificationTypeStatus": draw(_present(full, st.sampled_from(QualificationTypeStatus))),
        "Test": draw(_present(full, st.text(max_size=200))),
        "TestDurationInSeconds": draw(_present(full, st.integers(0, 31_536_000))),
        "AnswerKey": draw(_present(full, st.text(max_size=200))),
        "RetryDelayInSeconds": draw(_present(full, st.integers(0, 31_536_000))),
        "IsRequestable": draw(_present(full, st.booleans())),
        "AutoGranted": draw(_present(full, st.booleans())),
        "AutoGrantedValue": draw(_present(full, _INT32)),
    }
    if values["Test"] is not None and values["AutoGranted"]:
        values["AutoGranted"] = False
    return QualificationType.model_validate(_drop_none(values))


@st.composite
def qualifications(
    draw: st.DrawFn, *, full: bool = False, locale: bool | None = None
) -> Qualification:
    """Valid Qualifications: an IntegerValue, or a LocaleValue on Worker_Locale, never both.

    ``locale=True`` always draws a Worker_Locale Qualification, ``False`` never, ``None`` either.
    """
    is_locale = draw(st.booleans()) if locale is None else locale
    values = {
        "QualificationTypeId": WORKER_LOCALE
        if is_locale
        else draw(_present(full, _non_locale_type_ids())),
        "WorkerId": draw(_present(full, worker_ids())),
        "GrantTime": draw(_present(full, utc_datetimes())),
        "IntegerValue": None if is_locale else draw(_present(full, _INT32)),
        "LocaleValue": draw(_present(full, locales(subdivision=full or None)))
        if is_locale
        else None,
        "Status": draw(_present(full, st.sampled_from(QualificationStatus))),
    }
    return Qualification.model_validate(_drop_none(values))


@st.composite
def qualification_requests(draw: st.DrawFn, *, full: bool = False) -> QualificationRequest:
    """Valid QualificationRequests (Test and Answer as arbitrary text, parsed only on demand)."""
    values = {
        "QualificationRequestId": draw(_present(full, st.text(min_size=1, max_size=40))),
        "QualificationTypeId": draw(_present(full, entity_ids())),
        "WorkerId": draw(_present(full, worker_ids())),
        "Test": draw(_present(full, st.text(max_size=200))),
        "Answer": draw(_present(full, st.text(max_size=200))),
        "SubmitTime": draw(_present(full, utc_datetimes())),
    }
    return QualificationRequest.model_validate(_drop_none(values))


def worker_blocks(*, full: bool = False) -> st.SearchStrategy[WorkerBlock]:
    """Valid WorkerBlocks."""
    return st.builds(
        lambda worker, reason: WorkerBlock.model_validate(
            _drop_none({"WorkerId": worker, "Reason": reason})
        ),
        _present(full, worker_ids()),
        _present(full, _short_text()),
    )


def notify_workers_failure_statuses(
    *, full: bool = False
) -> st.SearchStrategy[NotifyWorkersFailureStatus]:
    """Valid NotifyWorkersFailureStatuses."""
    return st.builds(
        lambda code, message, worker: NotifyWorkersFailureStatus.model_validate(
            _drop_none(
                {
                    "NotifyWorkersFailureCode": code,
                    "NotifyWorkersFailureMessage": message,
                    "WorkerId": worker,
                }
            )
        ),
        _present(full, st.sampled_from(NotifyWorkersFailureCode)),
        _present(full, _short_text()),
        _present(full, worker_ids()),
    )


@st.composite
def review_action_details(draw: st.DrawFn, *, full: bool = False) -> ReviewActionDetail:
    """Valid ReviewActionDetails: an ErrorCode only on a Failed action (the reference's rule)."""
    values = {
        "ActionId": draw(_present(full, entity_ids())),
        "ActionName": draw(_present(full, st.sampled_from(("Approve", "Reject", "Extend")))),
        "TargetId": draw(_present(full, entity_ids())),
        "TargetType": draw(_present(full, st.sampled_from(("HIT", "Assignment")))),
        "Status": draw(_present(full, st.sampled_from(ReviewActionStatus))),
        "CompleteTime": draw(_present(full, utc_datetimes())),
        "Result": draw(_present(full, _short_text())),
        "ErrorCode": draw(_present(full, _short_text())),
    }
    if values["ErrorCode"] is not None and values["Status"] is not None:
        values["Status"] = ReviewActionStatus.FAILED
    return ReviewActionDetail.model_validate(_drop_none(values))


def review_result_details(*, full: bool = False) -> st.SearchStrategy[ReviewResultDetail]:
    """Valid ReviewResultDetails."""
    return st.builds(
        lambda action, subject, kind, question, key, value: ReviewResultDetail.model_validate(
            _drop_none(
                {
                    "ActionId": action,
                    "SubjectId": subject,
                    "SubjectType": kind,
                    "QuestionId": question,
                    "Key": key,
                    "Value": value,
                }
            )
        ),
        _present(full, entity_ids()),
        _present(full, entity_ids()),
        _present(full, st.sampled_from(("HIT", "Assignment"))),
        _present(full, entity_ids()),
        _present(full, st.sampled_from(("AgreementScore", "KnownAnswerScore", "PluralityAnswer"))),
        _present(full, _short_text()),
    )


def review_reports(*, full: bool = False, max_items: int = 3) -> st.SearchStrategy[ReviewReport]:
    """Valid ReviewReports: lists of results and actions."""
    return st.builds(
        lambda results, actions: ReviewReport.model_validate(
            _drop_none({"ReviewResults": results, "ReviewActions": actions})
        ),
        _present(full, _several(review_result_details(full=full), full, max_items)),
        _present(full, _several(review_action_details(full=full), full, max_items)),
    )


Out = TypeVar("Out", bound=Response)


def _item_strategies(full: bool) -> dict[type[Any], st.SearchStrategy[Any]]:
    return {
        HIT: hits(),
        Assignment: assignments(),
        BonusPayment: bonus_payments(),
        QualificationType: qualification_types(full=full),
        Qualification: qualifications(full=full),
        QualificationRequest: qualification_requests(full=full),
        WorkerBlock: worker_blocks(full=full),
        NotifyWorkersFailureStatus: notify_workers_failure_statuses(full=full),
        ReviewReport: review_reports(full=full),
        ReviewPolicy: _review_policies(ASSIGNMENT_REVIEW_POLICY)
        | _review_policies(HIT_REVIEW_POLICY),
    }


def _bare(annotation: Any) -> Any:
    """``annotation`` without Optional, Annotated and tuple[...]."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated or origin is tuple:
            annotation = get_args(annotation)[0]
        elif origin in (Union, UnionType):
            annotation = next(a for a in get_args(annotation) if a is not type(None))
        else:
            return annotation


@st.composite
def responses(draw: st.DrawFn, model: type[Out], *, full: bool = False, max_items: int = 3) -> Out:
    """Valid outputs of any operation: ``responses(ListQualificationTypesResponse)``.

    Every member is drawn from the strategy of its structure (``qualification_types()``,
    ``hits()``, ...); a page's ``NumResults`` equals its number of items. ``full=True`` fills
    every member, with at least two items in each list. ``ResponseMetadata`` is left out, as
    in the boto3 shape that ``model.to_boto3()`` gives back.
    """
    items = _item_strategies(full)
    values: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name in ("response_metadata", "num_results"):
            continue
        alias = info.alias or name
        inner = _bare(info.annotation)
        if name == "next_token":
            strategy: st.SearchStrategy[Any] = st.text(min_size=1, max_size=255)
        elif inner in items and get_origin(_bare_optional(info.annotation)) is tuple:
            strategy = _several(items[inner], full, max_items)
        elif inner in items:
            strategy = items[inner]
        elif inner is Decimal:
            strategy = currency_amounts()
        elif alias.endswith("Id"):
            strategy = entity_ids()
        else:
            strategy = _urls()
        values[alias] = draw(_present(full, strategy))
    if issubclass(model, Page):
        found = values.get(model.items_alias())
        values["NumResults"] = draw(_present(full, st.just(len(found or ()))))
    return model.model_validate(_drop_none(values))


def _bare_optional(annotation: Any) -> Any:
    """``annotation`` without Optional and Annotated (a tuple stays a tuple)."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, UnionType):
            annotation = next(a for a in get_args(annotation) if a is not type(None))
        else:
            return annotation


# --- event notifications ----------------------------------------------------------------------


def notification_events() -> st.SearchStrategy[NotificationEvent]:
    """Events of an MTurk notification: any EventType, a UTC time, the IDs it concerns."""
    return st.builds(
        NotificationEvent,
        event_type=st.sampled_from(EventType),
        event_timestamp=utc_datetimes(),
        hit_type_id=entity_ids(),
        hit_id=entity_ids(),
        assignment_id=_optional(entity_ids()),
    )


def event_notifications() -> st.SearchStrategy[EventNotification]:
    """MTurk notification documents: one to ten events, an EventDocId, EventDocVersion
    2014-08-15."""
    return st.builds(
        EventNotification,
        events=st.lists(notification_events(), min_size=1, max_size=10).map(tuple),
        event_doc_id=st.text("0123456789abcdef", min_size=40, max_size=40),
        source_account=st.text("0123456789", min_size=12, max_size=12),
        customer_id=worker_ids(),
        event_doc_version=st.just("2014-08-15"),
    )
