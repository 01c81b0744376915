"""Review policies: ReviewPolicy and its parameters, and the rules a request checks them by.

The three structures travel both ways (CreateHIT sends them, ListReviewPolicyResultsForHIT gives
them back), so they are :class:`~mturk_models._base.Structure` models: unknown keys are kept when
received and refused inside a request. :func:`review_policy_rule` is the rule a request declares
for a review-policy member.

Sources (API reference 2017-01-17; the 2014-08-15 legacy pages say the same except where noted):

* "Assignment Review Policies" (ApiReference_AssignmentReviewPolicies), ScoreMyKnownAnswers:
  AnswerKey (MapEntry, required); ApproveIfKnownAnswerScoreIsAtLeast,
  RejectIfKnownAnswerScoreIsLessThan and ExtendIfKnownAnswerScoreIsLessThan 0 to 101;
  ExtendMaximumAssignments 2 to 25; ExtendMinimumTimeInSeconds 60 to 31,536,000 (the legacy page
  says 3,600); ApproveReason and RejectReason strings.
* "HIT Review Policies" (ApiReference_HITReviewPolicies), SimplePlurality: QuestionIds and
  QuestionAgreementThreshold required; DisregardAssignmentIfRejected "T or F";
  ExtendIfHITAgreementScoreIsLessThan 1 to 100, and when it is given ExtendMaximumAssignments and
  ExtendMinimumTimeInSeconds (60 to 31,536,000; legacy 3,600) are required; the other scores
  integers without bounds; RejectReason a string.
* "HIT Review Policy" data structure (ApiReference_HITReviewPolicyDataStructureArticle): MapEntry
  is the type of AnswerKey only; a MapEntry Key "can be up to 255 bytes in length"; its example
  spells the key ``QuestionIDs`` ("Add upto 15 questions"), as do the Review Policy Use Cases,
  so both spellings are accepted and at most 15 IDs. The IDs may also come as one
  comma-separated Value ("Q1,Q2"); such a Value names several questions, so the 15 count the
  IDs, not the Values.
* The integer parameters without a documented range ("Type: Integer", "Constraints: none") are
  32-bit integers, botocore's Integer shape and the integers of MTurk's API everywhere else: a
  value beyond -2,147,483,648 to 2,147,483,647 is refused.

DisregardAssignmentIfRejected is marked required but every example of AWS leaves it out, so its
absence is not an error.
"""

from __future__ import annotations

import difflib
import re
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

from pydantic import BaseModel, Field, model_validator
from pydantic_core import InitErrorDetails

from .._base import Structure, refuse_in_fast_path
from .._errors import init_error
from .._types import INT32_MAX, INT32_MIN, EntityId, PaginationToken, Seq, Text, UtcDatetime
from ..enums import ReviewActionStatus, ReviewPolicyLevel
from ..exceptions import ResponseDataWarning
from ._page import Response
from ._preflight import RawRequest, Rule, member
from ._request_fields import Boolean, PagedRequest

__all__ = [
    "ASSIGNMENT_REVIEW_POLICY",
    "HIT_REVIEW_POLICY",
    "MAX_QUESTION_IDS",
    "ListReviewPolicyResultsForHITRequest",
    "ListReviewPolicyResultsForHITResponse",
    "ParameterMapEntry",
    "PolicyParameter",
    "ReviewActionDetail",
    "ReviewPolicy",
    "ReviewReport",
    "ReviewResultDetail",
    "parameter_range",
    "review_policy_errors",
    "review_policy_rule",
]

ASSIGNMENT_REVIEW_POLICY: Final = "ScoreMyKnownAnswers/2011-09-01"
"""The one assignment-level review policy (API reference, HIT Review Policy data structure:
"SimplePlurality/2011-09-01 or ScoreMyKnownAnswers/2011-09-01"; Assignment Review Policies)."""
HIT_REVIEW_POLICY: Final = "SimplePlurality/2011-09-01"
"""The one HIT-level review policy (API reference, HIT Review Policies)."""
MAX_QUESTION_IDS: Final = 15
"""SimplePlurality QuestionIDs: "Add upto 15 questions" (HIT Review Policy data structure)."""
MAX_ANSWER_KEY_ID_BYTES: Final = 255
"""AnswerKey MapEntry Key: "Can be up to 255 bytes in length" (HIT Review Policy data structure)."""

_POLICY_OF_MEMBER: Final = {
    "AssignmentReviewPolicy": ASSIGNMENT_REVIEW_POLICY,
    "HITReviewPolicy": HIT_REVIEW_POLICY,
}
"""The policy each review-policy member of CreateHIT takes (HIT Review Policy data structure)."""


class ParameterMapEntry(Structure):
    """A key and its values inside a review policy parameter.

    >>> ParameterMapEntry(key="q1", values=("yes",)).to_boto3()
    {'Key': 'q1', 'Values': ['yes']}
    """

    key: Text | None = Field(
        default=None,
        description="The QuestionID from the HIT that is used to identify which question "
        "requires Mechanical Turk to score as part of the ScoreMyKnownAnswers/2011-09-01 "
        "Review Policy.",
    )
    values: Seq[Text] | None = Field(
        default=None,
        description="The list of answers to the question specified in the MapEntry Key element.",
    )


class PolicyParameter(Structure):
    """A name and values of a review policy parameter.

    >>> PolicyParameter(key="ApproveIfKnownAnswerScoreIsAtLeast", values=("80",)).key
    'ApproveIfKnownAnswerScoreIsAtLeast'
    """

    key: Text | None = Field(
        default=None, description="Name of the parameter from the list of Review Polices."
    )
    values: Seq[Text] | None = Field(
        default=None, description="The list of values of the Parameter."
    )
    map_entries: Seq[ParameterMapEntry] | None = Field(
        default=None, description="List of ParameterMapEntry objects."
    )


class ReviewPolicy(Structure):
    """A review policy for a HIT or its assignments.

    >>> ReviewPolicy(policy_name="SimplePlurality/2011-09-01").to_boto3()
    {'PolicyName': 'SimplePlurality/2011-09-01'}
    """

    policy_name: Text = Field(
        description="Name of a Review Policy: SimplePlurality/2011-09-01 or "
        "ScoreMyKnownAnswers/2011-09-01."
    )
    parameters: Seq[PolicyParameter] | None = Field(
        default=None, description="Name of the parameter from the Review policy."
    )


_INTEGER = re.compile(r"-?[0-9]+")


@dataclass(frozen=True)
class _Rule:
    kind: Literal["integer", "text", "boolean", "question_ids", "answer_key"]
    low: int | None = None
    high: int | None = None


_SCORE = _Rule("integer", 0, 101)
_EXTEND_TIME = _Rule("integer", 60, 31_536_000)
_TEXT = _Rule("text")
_ANY_INTEGER = _Rule("integer", INT32_MIN, INT32_MAX)

_PARAMETERS: Final[Mapping[str, Mapping[str, _Rule]]] = {
    "ScoreMyKnownAnswers/2011-09-01": {
        "AnswerKey": _Rule("answer_key"),
        "ApproveIfKnownAnswerScoreIsAtLeast": _SCORE,
        "ApproveReason": _TEXT,
        "RejectIfKnownAnswerScoreIsLessThan": _SCORE,
        "RejectReason": _TEXT,
        "ExtendIfKnownAnswerScoreIsLessThan": _SCORE,
        "ExtendMaximumAssignments": _Rule("integer", 2, 25),
        "ExtendMinimumTimeInSeconds": _EXTEND_TIME,
    },
    "SimplePlurality/2011-09-01": {
        "QuestionIds": _Rule("question_ids"),
        "QuestionAgreementThreshold": _ANY_INTEGER,
        "DisregardAssignmentIfRejected": _Rule("boolean"),
        "DisregardAssignmentIfKnownAnswerScoreIsLessThan": _ANY_INTEGER,
        "ExtendIfHITAgreementScoreIsLessThan": _Rule("integer", 1, 100),
        "ExtendMaximumAssignments": _ANY_INTEGER,
        "ExtendMinimumTimeInSeconds": _EXTEND_TIME,
        "ApproveIfWorkerAgreementScoreIsAtLeast": _ANY_INTEGER,
        "RejectIfWorkerAgreementScoreIsLessThan": _ANY_INTEGER,
        "RejectReason": _TEXT,
    },
}
_SPELLINGS: Final = {"QuestionIDs": "QuestionIds"}
"""Other documented spellings of a key, mapped to the one of the parameter table."""
_REQUIRED: Final[Mapping[str, tuple[str, ...]]] = {
    "ScoreMyKnownAnswers/2011-09-01": ("AnswerKey",),
    "SimplePlurality/2011-09-01": ("QuestionIds", "QuestionAgreementThreshold"),
}
_REQUIRED_WITH: Final[Mapping[str, Mapping[str, tuple[str, ...]]]] = {
    "ScoreMyKnownAnswers/2011-09-01": {},
    "SimplePlurality/2011-09-01": {
        "ExtendIfHITAgreementScoreIsLessThan": (
            "ExtendMaximumAssignments",
            "ExtendMinimumTimeInSeconds",
        ),
    },
}


def parameter_range(policy: str, key: str) -> tuple[int, int]:
    """The range of the integer parameter ``key`` of ``policy``, from the one table the checks
    use (a documented range, or the 32-bit range where none is documented).

    >>> parameter_range("ScoreMyKnownAnswers/2011-09-01", "ExtendMaximumAssignments")
    (2, 25)
    """
    rule = _PARAMETERS[policy][key]
    if rule.kind != "integer" or rule.low is None or rule.high is None:
        raise ValueError(f"{key} of {policy} is not an integer parameter")
    return rule.low, rule.high


def _items(data: object) -> list[Any] | None:
    if isinstance(data, Sequence) and not isinstance(data, (str, bytes)):
        return list(data)
    return None


def _allowed(policy: str) -> str:
    names = list(_PARAMETERS[policy])
    if policy == "SimplePlurality/2011-09-01":
        names[0] = "QuestionIds (or QuestionIDs)"
    return ", ".join(names)


def _value_errors(
    policy: str, key: str, rule: _Rule, param: object, loc: tuple[Any, ...]
) -> list[InitErrorDetails]:
    values = member(param, PolicyParameter, "values")
    entries = member(param, PolicyParameter, "map_entries")
    if rule.kind == "answer_key":
        errors = []
        if values is not None:
            errors.append(
                init_error(
                    "review_policy_parameter",
                    f"{key} of {policy} takes MapEntries (question IDs and their answers), "
                    f"not Values; got Values {values!r}",
                    (*loc, "Values"),
                    values,
                )
            )
        listed = _items(entries)
        if not listed:
            errors.append(
                init_error(
                    "review_policy_parameter",
                    f"{key} of {policy} needs at least one MapEntry (a question ID and its "
                    f"answers); got {entries!r}",
                    (*loc, "MapEntries") if entries is not None else loc,
                    entries,
                )
            )
            return errors
        for k, entry in enumerate(listed):
            qid = member(entry, ParameterMapEntry, "key")
            if isinstance(qid, str) and len(qid.encode()) > MAX_ANSWER_KEY_ID_BYTES:
                errors.append(
                    init_error(
                        "review_policy_value",
                        f"{key} question ID {qid[:20]!r}... should be at most "
                        f"{MAX_ANSWER_KEY_ID_BYTES} bytes; got {len(qid.encode())} bytes",
                        (*loc, "MapEntries", k, "Key"),
                        qid,
                    )
                )
        return errors
    errors = []
    if entries is not None:
        errors.append(
            init_error(
                "review_policy_parameter",
                f"{key} of {policy} takes Values, not MapEntries (only AnswerKey of "
                f"ScoreMyKnownAnswers/2011-09-01 does); got MapEntries {entries!r}",
                (*loc, "MapEntries"),
                entries,
            )
        )
    listed = _items(values)
    if listed is None:
        if values is None:
            errors.append(
                init_error(
                    "review_policy_value",
                    f"{key} of {policy} needs Values; got none",
                    loc,
                    values,
                )
            )
        return errors  # not a list: the field's own type error says it
    if rule.kind == "question_ids":
        # "Q1,Q2" in one Value names two questions: count the IDs, not the Values.
        count = sum(len(v.split(",")) if isinstance(v, str) else 1 for v in listed)
        if not listed or count > MAX_QUESTION_IDS:
            errors.append(
                init_error(
                    "review_policy_value",
                    f"{key} takes 1 to {MAX_QUESTION_IDS} question IDs (each Value one ID or "
                    f"several separated by commas); got {count}",
                    (*loc, "Values"),
                    values,
                )
            )
        return errors
    if len(listed) != 1:
        errors.append(
            init_error(
                "review_policy_value",
                f"{key} takes exactly one value; got {len(listed)}",
                (*loc, "Values"),
                values,
            )
        )
        return errors
    value = listed[0]
    vloc = (*loc, "Values", 0)
    if not isinstance(value, str):
        return errors  # the field's own type error says it
    if rule.kind == "boolean" and value not in ("T", "F"):
        errors.append(
            init_error(
                "review_policy_value",
                f"{key} should be 'T' or 'F'; got {value!r}",
                vloc,
                value,
            )
        )
    elif rule.kind == "integer":
        if not _INTEGER.fullmatch(value):
            errors.append(
                init_error(
                    "review_policy_value",
                    f"{key} should be an integer written as a string, such as '80'; got {value!r}",
                    vloc,
                    value,
                )
            )
        elif rule.low is not None and rule.high is not None and not _within(value, rule):
            errors.append(
                init_error(
                    "review_policy_value",
                    f"{key} of {policy} should be {rule.low:,} to {rule.high:,}; got "
                    f"{_shown_integer(value)}",
                    vloc,
                    value,
                )
            )
    return errors


def _within(value: str, rule: _Rule) -> bool:
    """``value`` (an integer's digits) within the rule's range; a value longer than any bound
    is outside without being converted (``int()`` refuses over 4,300 digits)."""
    assert rule.low is not None
    assert rule.high is not None
    digits = value.lstrip("-").lstrip("0")
    if len(digits) > max(len(str(abs(rule.low))), len(str(abs(rule.high)))):
        return False
    return rule.low <= int(value) <= rule.high


def _shown_integer(value: str) -> str:
    return value if len(value) <= 24 else f"{value[:20]}... ({len(value):,} characters)"


def review_policy_errors(alias: str, policy: str, parameters: object) -> list[InitErrorDetails]:
    """Every violation in the Parameters of ``policy`` (one of the two documented names), each
    located under ``(alias, "Parameters", ...)``; ``[]`` for an unknown policy name."""
    rules = _PARAMETERS.get(policy)
    if rules is None:
        return []
    errors: list[InitErrorDetails] = []
    listed = _items(parameters) if parameters is not None else []
    if listed is None:
        return errors  # not a list: the field's own type error says it
    seen: dict[str, int] = {}
    for i, param in enumerate(listed):
        if not isinstance(param, (Mapping, BaseModel)):
            continue  # the field's own type error says it
        loc: tuple[Any, ...] = (alias, "Parameters", i)
        key = member(param, PolicyParameter, "key")
        if key is None:
            errors.append(
                init_error(
                    "review_policy_parameter",
                    f"A {policy} parameter needs a Key; allowed: {_allowed(policy)}",
                    loc,
                    param,
                )
            )
            continue
        if not isinstance(key, str):
            continue  # the field's own type error says it
        name = _SPELLINGS.get(key, key) if policy == "SimplePlurality/2011-09-01" else key
        rule = rules.get(name)
        if rule is None:
            close = difflib.get_close_matches(key, [*rules, *_SPELLINGS], n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            errors.append(
                init_error(
                    "review_policy_parameter",
                    f"{policy} has no parameter {key!r}; allowed: {_allowed(policy)}{hint}",
                    (*loc, "Key"),
                    key,
                )
            )
            continue
        if name in seen:
            errors.append(
                init_error(
                    "review_policy_parameter",
                    f"Parameter {key!r} is given twice (first at Parameters[{seen[name]}]); "
                    "give each parameter once",
                    (*loc, "Key"),
                    key,
                )
            )
            continue
        seen[name] = i
        errors.extend(_value_errors(policy, key, rule, param, loc))
    for name in _REQUIRED[policy]:
        if name not in seen:
            errors.append(
                init_error(
                    "review_policy_required",
                    f"{policy} requires the parameter {name}; got none",
                    (alias, "Parameters"),
                    parameters,
                )
            )
    for trigger, needed in _REQUIRED_WITH[policy].items():
        if trigger in seen:
            for name in needed:
                if name not in seen:
                    errors.append(
                        init_error(
                            "review_policy_required",
                            f"{trigger} requires {name} as well; got no {name}",
                            (alias, "Parameters", seen[trigger], "Key"),
                            trigger,
                        )
                    )
    return errors


def review_policy_rule(field: str, policy: str | None = None) -> Rule:
    """The rule for a request's review-policy member ``field`` (an attribute name): the policy
    name the member takes, then the policy's Parameters (:func:`review_policy_errors`).

    ``policy`` defaults to the one the member's botocore key takes (AssignmentReviewPolicy:
    ScoreMyKnownAnswers/2011-09-01, HITReviewPolicy: SimplePlurality/2011-09-01). The policy is
    judged in the form it is sent (``to_boto3()``) when it validates on its own, so that what
    pydantic converts (bytes, a set) cannot slip past; else as given, leaving its malformed parts
    to their own field errors.
    """

    def rule(raw: RawRequest, model: BaseModel | None) -> list[InitErrorDetails]:
        alias = raw.alias(field)
        expected = policy or _POLICY_OF_MEMBER[alias]
        validated = raw.valid_member(field, model)
        given = raw.member(field) if validated is None else validated.to_boto3()
        if not isinstance(given, (Mapping, BaseModel)):
            return []  # absent, or not an object: the field's own error says it
        name = member(given, ReviewPolicy, "policy_name")
        if isinstance(name, str) and name != expected:
            return [
                init_error(
                    "review_policy_name",
                    f"{alias} takes the policy {expected}; got {name!r}",
                    (alias, "PolicyName"),
                    name,
                )
            ]
        if name != expected:
            return []
        return review_policy_errors(alias, expected, member(given, ReviewPolicy, "parameters"))

    rule.__qualname__ = rule.__name__ = f"review_policy_rule({field!r})"
    return rule


# --- requests -----------------------------------------------------------------------------------


class ListReviewPolicyResultsForHITRequest(PagedRequest):
    """The parameters of ``client.list_review_policy_results_for_hit(**kwargs)``, checked.

    PolicyLevels are Assignment or HIT (botocore's ReviewPolicyLevel); MaxResults 1 to 100,
    NextToken 1 to 255 characters.

    >>> ListReviewPolicyResultsForHITRequest(hit_id="3F6045TU7DM69TFRJMD84TAZ7K7999",
    ...     policy_levels=["HIT"], retrieve_results=True).to_boto3()["PolicyLevels"]
    ['HIT']
    """

    hit_id: EntityId = Field(
        alias="HITId",
        description="The unique identifier of the HIT to retrieve review results for.",
    )
    policy_levels: Seq[ReviewPolicyLevel] | None = Field(
        default=None,
        description="The Policy Level(s) to retrieve review results for: HIT or Assignment. If "
        "omitted, the default behavior is to retrieve all data for both policy levels.",
    )
    retrieve_actions: Boolean | None = Field(
        default=None,
        description="Whether to retrieve a list of the actions taken executing the Review "
        "Policies and their outcomes.",
    )
    retrieve_results: Boolean | None = Field(
        default=None,
        description="Whether to retrieve a list of the results computed by the Review Policies.",
    )


# --- Review results: what ListReviewPolicyResultsForHIT returns ----------------------------------
# Descriptions: API reference 2017-01-17 (ReviewReport, ReviewActionDetail, ReviewResultDetail
# data structures), as botocore's member documentation carries them.


class ReviewActionDetail(Structure):
    """One action a review policy took or intends to take on a HIT or an assignment.

    Rule (ReviewActionDetail data structure, ErrorCode: "Present only when the Results have a
    FAILED Status"): an ErrorCode on an action whose Status is known and not Failed warns
    (:class:`~mturk_models.ResponseDataWarning`) and is kept.

    >>> a = ReviewActionDetail.model_validate(
    ...     {"ActionId": "3ABCEXAMPLE", "ActionName": "Approve", "Status": "Succeeded",
    ...      "CompleteTime": "2017-01-17T12:00:00Z"}
    ... )
    >>> a.status.value, a.complete_time.isoformat()
    ('Succeeded', '2017-01-17T12:00:00+00:00')
    """

    action_id: EntityId | None = Field(
        default=None, description="The unique identifier for the action."
    )
    action_name: Text | None = Field(
        default=None,
        description="The nature of the action itself. The Review Policy examines the HIT and "
        "Assignments, emits results, and decides which other actions are necessary.",
    )
    target_id: EntityId | None = Field(
        default=None, description="The specific HITId or AssignmentID targeted by the action."
    )
    target_type: Text | None = Field(default=None, description="The type of object in TargetId.")
    status: ReviewActionStatus | None = Field(
        default=None,
        description="The current disposition of the action: Intended, Succeeded, Failed or "
        "Cancelled.",
    )
    complete_time: UtcDatetime | None = Field(
        default=None, description="The date when the action was completed."
    )
    result: Text | None = Field(
        default=None, description="A description of the outcome of the review."
    )
    error_code: Text | None = Field(
        default=None, description="Present only when the action has a Failed Status."
    )

    @model_validator(mode="after")
    def _error_code_only_on_failure(self) -> ReviewActionDetail:
        status = self.status
        if (
            self.error_code is not None
            and status is not None
            and status is not ReviewActionStatus.FAILED
        ):
            refuse_in_fast_path()  # the warning is given once, by the full validation
            warnings.warn(
                f"A ReviewActionDetail with Status {status.value} has an ErrorCode; the API "
                f"reference gives one only to Failed actions (kept as sent)",
                ResponseDataWarning,
                stacklevel=2,
            )
        return self


class ReviewResultDetail(Structure):
    """One result a review policy emitted about a HIT or an assignment (a Key and its Value).

    >>> ReviewResultDetail.model_validate(
    ...     {"SubjectId": "3ABCEXAMPLE", "SubjectType": "Assignment", "Key": "KnownAnswerScore",
    ...      "Value": "100"}
    ... ).value
    '100'
    """

    action_id: EntityId | None = Field(
        default=None, description="A unique identifier of the Review action result."
    )
    subject_id: EntityId | None = Field(
        default=None,
        description="The HITId or AssignmentId about which this result was taken. HIT-level "
        "policies often emit results about both the HIT and its Assignments; Assignment-level "
        "policies generally only about the Assignment.",
    )
    subject_type: Text | None = Field(
        default=None, description="The type of the object from the SubjectId field."
    )
    question_id: EntityId | None = Field(
        default=None,
        description="The QuestionId the result describes. Absent for a HIT, the result describes "
        "the HIT (its agreement score); absent for an Assignment, the Worker's performance on "
        "the HIT.",
    )
    key: Text | None = Field(
        default=None, description="Identifies the particular piece of reviewed information."
    )
    value: Text | None = Field(
        default=None, description="The value of Key provided by the review policies selected."
    )


class ReviewReport(Structure):
    """The results and actions of a review policy for a HIT or its assignments.

    >>> report = ReviewReport.model_validate({"ReviewResults": [{"Key": "AgreementScore"}]})
    >>> report.review_results[0].key
    'AgreementScore'
    """

    review_results: Seq[ReviewResultDetail] | None = Field(
        default=None,
        description="A list of ReviewResults objects for each action specified in the Review "
        "Policy.",
    )
    review_actions: Seq[ReviewActionDetail] | None = Field(
        default=None,
        description="A list of ReviewAction objects for each action specified in the Review "
        "Policy.",
    )


class ListReviewPolicyResultsForHITResponse(Response):
    """What ``client.list_review_policy_results_for_hit(HITId=...)`` returns.

    Not a :class:`~mturk_models.api._page.Page`: the operation has a ``NextToken`` but no
    ``NumResults``, no list of items and no botocore paginator. Each call returns the two policies
    and two reports of one HIT, and the next token continues the reports' results and actions;
    ``next_token`` is declared here with the same meaning as on a page.

    >>> r = ListReviewPolicyResultsForHITResponse.model_validate(
    ...     {"HITId": "3ABCEXAMPLE",
    ...      "HITReviewPolicy": {"PolicyName": "SimplePlurality/2011-09-01"},
    ...      "HITReviewReport": {"ReviewResults": [{"Key": "AgreementScore", "Value": "100"}]}}
    ... )
    >>> r.hit_review_policy.policy_name, r.hit_review_report.review_results[0].value
    ('SimplePlurality/2011-09-01', '100')
    """

    hit_id: EntityId | None = Field(
        default=None,
        alias="HITId",
        description="The HITId of the HIT for which results have been returned.",
    )
    assignment_review_policy: ReviewPolicy | None = Field(
        default=None,
        description="The Assignment-level Review Policy; it contains only the PolicyName element.",
    )
    hit_review_policy: ReviewPolicy | None = Field(
        default=None,
        alias="HITReviewPolicy",
        description="The HIT-level Review Policy; it contains only the PolicyName element.",
    )
    assignment_review_report: ReviewReport | None = Field(
        default=None,
        description="The ReviewResult and ReviewAction elements for the HIT's Assignments.",
    )
    hit_review_report: ReviewReport | None = Field(
        default=None,
        alias="HITReviewReport",
        description="The ReviewResult and ReviewAction elements for the HIT.",
    )
    next_token: PaginationToken | None = Field(
        default=None,
        description="If the previous response was incomplete (because there is more data to "
        "retrieve), the token that retrieves the next set of results.",
    )
