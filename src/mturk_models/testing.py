"""Hypothesis strategies for the models of mturk-models, for your own property-based tests.

This module needs `Hypothesis <https://hypothesis.readthedocs.io>`_, which is not a runtime
dependency: install it with the ``tests`` extra (``pip install "mturk-models[tests]"``) or on its
own (``pip install hypothesis``). Importing this module without Hypothesis raises ImportError.

Every strategy draws valid values only: each generated model passes its own validation, and its
boto3 shape (``model.to_boto3()``) validates back into an equal model. Two families:

* model strategies (``assignments()``, ``hits()``, ``qualification_requirements()``,
  ``locales()``, the three response envelopes) give model instances;
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
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta, timezone, tzinfo
from decimal import Decimal
from functools import cache
from typing import Any, TypeVar

import pycountry
from dateutil.tz import gettz, tzlocal, tzutc
from hypothesis import strategies as st

from ._base import ResponseModel
from .assignment import Assignment
from .batch import TASK_ANSWERS, ApprovalRate, BatchResultRow
from .bonus import BonusPayment
from .enums import ActionsGuarded, AssignmentStatus, Comparator, HITReviewStatus, HITStatus
from .hit import HIT, MAX_QUALIFICATION_REQUIREMENTS
from .locale import Locale
from .qualification import (
    ADULT,
    MASTERS_PRODUCTION,
    MASTERS_SANDBOX,
    MAX_IN_INTEGER_VALUES,
    MAX_IN_LOCALE_VALUES,
    NUMBER_HITS_APPROVED,
    PERCENT_ASSIGNMENTS_APPROVED,
    WORKER_LOCALE,
    QualificationRequirement,
)
from .responses import GetAssignmentResponse, GetHITResponse, ListAssignmentsForHITResponse

__all__ = [
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
    "crowd_task_answers",
    "currency_amounts",
    "entity_ids",
    "get_assignment_responses",
    "get_hit_responses",
    "hits",
    "legacy_assignments",
    "legacy_hits",
    "list_assignments_for_hit_responses",
    "locales",
    "qualification_requirements",
    "utc_datetimes",
    "worker_ids",
    "xml_texts",
]

M = TypeVar("M", bound=ResponseModel)

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
_RELATIONAL = (
    Comparator.LESS_THAN,
    Comparator.LESS_THAN_OR_EQUAL_TO,
    Comparator.GREATER_THAN,
    Comparator.GREATER_THAN_OR_EQUAL_TO,
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
    integer_values: tuple[int, ...] | None = None
    locale_values: tuple[Locale, ...] | None = None
    if comparator in (Comparator.EXISTS, Comparator.DOES_NOT_EXIST):
        type_id = draw(_non_locale_type_ids() | st.just(WORKER_LOCALE))
    else:
        set_comparator = comparator in (Comparator.IN, Comparator.NOT_IN)
        use_locales = comparator not in _RELATIONAL and draw(st.booleans())
        if use_locales:
            type_id = WORKER_LOCALE
            most = MAX_IN_LOCALE_VALUES if set_comparator else 1
            locale_values = tuple(draw(st.lists(locales(), min_size=1, max_size=most)))
        else:
            type_id = draw(_non_locale_type_ids())
            most = MAX_IN_INTEGER_VALUES if set_comparator else 1
            integer_values = tuple(draw(st.lists(_INT32, min_size=1, max_size=most)))
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
    has_next = draw(st.booleans()) if last is None else not last
    token = draw(st.text(min_size=1, max_size=255)) if has_next else None
    return ListAssignmentsForHITResponse(
        next_token=token, num_results=len(found), assignments=tuple(found)
    )


# --- boto3-shaped dicts -----------------------------------------------------------------------


def _in_zone(value: Any, zone: tzinfo) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(zone)
    if isinstance(value, dict):
        return {key: _in_zone(item, zone) for key, item in value.items()}
    if isinstance(value, list):
        return [_in_zone(item, zone) for item in value]
    return value


def _boto3(models: st.SearchStrategy[M]) -> st.SearchStrategy[dict[str, Any]]:
    return st.tuples(models, boto3_timezones()).map(
        lambda pair: _in_zone(pair[0].to_boto3(), pair[1])
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
# Legacy XML API responses and Requester website batch CSVs (mturk_models.legacy, .batch).

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
