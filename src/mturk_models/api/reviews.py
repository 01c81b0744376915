"""The Parameters of the two review policies, checked against the API reference.

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
  so both spellings are accepted and at most 15 IDs.

DisregardAssignmentIfRejected is marked required but every example of AWS leaves it out, so its
absence is not an error.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

from pydantic import BaseModel
from pydantic_core import InitErrorDetails

from .._errors import init_error, raw_member

__all__ = ["MAX_QUESTION_IDS", "review_policy_errors"]

MAX_QUESTION_IDS: Final = 15
"""SimplePlurality QuestionIDs: "Add upto 15 questions" (HIT Review Policy data structure)."""
MAX_ANSWER_KEY_ID_BYTES: Final = 255
"""AnswerKey MapEntry Key: "Can be up to 255 bytes in length" (HIT Review Policy data structure)."""

_INTEGER = re.compile(r"-?[0-9]+")


@dataclass(frozen=True)
class _Rule:
    kind: Literal["integer", "text", "boolean", "question_ids", "answer_key"]
    low: int | None = None
    high: int | None = None


_SCORE = _Rule("integer", 0, 101)
_EXTEND_TIME = _Rule("integer", 60, 31_536_000)
_TEXT = _Rule("text")
_ANY_INTEGER = _Rule("integer")

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
    values = raw_member(param, "values", "Values")
    entries = raw_member(param, "map_entries", "MapEntries")
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
            qid = raw_member(entry, "key", "Key")
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
        if not 1 <= len(listed) <= MAX_QUESTION_IDS:
            errors.append(
                init_error(
                    "review_policy_value",
                    f"{key} takes 1 to {MAX_QUESTION_IDS} question IDs; got {len(listed)}",
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
        elif (
            rule.low is not None
            and rule.high is not None
            and not (rule.low <= int(value) <= rule.high)
        ):
            errors.append(
                init_error(
                    "review_policy_value",
                    f"{key} of {policy} should be {rule.low} to {rule.high:,}; got {value}",
                    vloc,
                    value,
                )
            )
    return errors


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
        key = raw_member(param, "key", "Key")
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
