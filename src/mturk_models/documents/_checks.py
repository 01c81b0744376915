"""Answers checked against their QuestionForm (``QuestionForm.check`` and ``QuestionForm.values``).

This module sits below :mod:`mturk_models.documents.questions` and never imports it: each answer
specification class there calls the check of its kind (``findings()``), which is one of
:func:`free_text_findings`, :func:`selection_findings` and :func:`upload_findings` here, and
names the answer kind it takes (``answer_kind``); :class:`Finding` lives here too.

MTurk documents that answer data "is not guaranteed ... to conform to the answer specifications
described in a QuestionForm" (API reference, QuestionFormAnswers), so these functions return
findings instead of raising. Answers are read by duck typing, so the answer models of
:mod:`mturk_models.documents.answers` and any look-alike work: every answer has
``question_identifier`` and one of ``text`` (free text), ``selection_identifiers`` with
``other_selection_text`` (selection) or ``uploaded_file_key`` with
``uploaded_file_size_in_bytes`` (upload).

Finding codes: ``answer_unknown_question``, ``answer_duplicate``, ``answer_required``,
``answer_kind``, ``answer_not_numeric``, ``answer_numeric_range``, ``answer_length``,
``answer_regex``, ``answer_regex_unsupported``, ``answer_regex_timeout``, ``selection_unknown``,
``selection_duplicate``, ``selection_count``, ``other_selection_unexpected``, ``file_size``.

AnswerFormatRegex patterns are JavaScript's, translated by
:mod:`mturk_models.documents._jsregex` and run by the ``regex`` module with a time limit
(``REGEX_TIMEOUT`` seconds per answer and pattern), as Workers' answers may be built to make a
pattern backtrack for hours.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .._types import XML_WHITESPACE as _XML_SPACE
from ._jsregex import JSRegexError, compile_js

__all__ = [
    "Finding",
    "answer_kind",
    "answer_values",
    "check_answers",
    "free_text_findings",
    "selection_findings",
    "upload_findings",
]


@dataclass(frozen=True)
class Finding:
    """One thing wrong with a document or an answer: a stable code, a sentence, and where.

    >>> Finding("answer_required", "Question 'q1' is required but has no answer", "q1").code
    'answer_required'
    """

    code: str
    message: str
    question_identifier: str | None = None

    def __str__(self) -> str:
        return self.message


_WHOLE = re.compile(r"[+-]?[0-9]+")  # ASCII digits only: "١٢" is not 12
REGEX_TIMEOUT = 0.1  # seconds one AnswerFormatRegex may take on one answer


def answer_kind(answer: Any) -> str:
    """The kind of an answer, by duck typing: ``free_text``, ``selection`` or ``upload``."""
    if getattr(answer, "uploaded_file_key", None) is not None:
        return "upload"
    if getattr(answer, "selection_identifiers", None) is not None:
        return "selection"
    return "free_text"


def _number(text: str) -> int | Decimal | None:
    """The whole number in ``text`` (IsNumeric answers are whole numbers), or None.

    A number with more digits than ``int()`` converts (``sys.get_int_max_str_digits()``, 4,300 by
    default) is given as an exact ``Decimal``: converting it to int would take quadratic time.
    """
    value = text.strip(_XML_SPACE)
    if not _WHOLE.fullmatch(value):
        return None
    try:
        return int(value)
    except ValueError:
        return Decimal(value)


_SHOWN = 80  # characters of an answer quoted in a finding


def _shown(text: str, *, quote: bool = True) -> str:
    shown = repr(text) if quote else text
    if len(shown) <= _SHOWN:
        return shown
    return f"{shown[: _SHOWN - 3]}... ({len(text)} characters)"


def _range(low: int | None, high: int | None) -> str:
    if low is None:
        return f"at most {high}"
    if high is None:
        return f"at least {low}"
    return f"between {low} and {high}"


def free_text_findings(spec: Any, text: str, qid: str) -> list[Finding]:
    """The findings for free text against a FreeTextAnswerSpecification's constraints."""
    findings: list[Finding] = []
    c = spec.constraints
    if c is None:
        return findings
    if c.is_numeric is not None:
        number = _number(text)
        low, high = c.is_numeric.min_value, c.is_numeric.max_value
        if number is None:
            findings.append(
                Finding(
                    "answer_not_numeric",
                    f"Answer to {qid!r} should be a whole number (IsNumeric); got {_shown(text)}",
                    qid,
                )
            )
        elif (low is not None and number < low) or (high is not None and number > high):
            findings.append(
                Finding(
                    "answer_numeric_range",
                    f"Answer to {qid!r} should be {_range(low, high)}; got "
                    f"{_shown(text.strip(_XML_SPACE), quote=False)}",
                    qid,
                )
            )
    if c.length is not None:
        low, high = c.length.min_length, c.length.max_length
        if (low is not None and len(text) < low) or (high is not None and len(text) > high):
            findings.append(
                Finding(
                    "answer_length",
                    f"Answer to {qid!r} should have {_range(low, high)} characters; got "
                    f"{len(text)}",
                    qid,
                )
            )
    for rule in c.answer_format_regex:
        try:
            pattern = compile_js(rule.regex, rule.flags or "")
        except JSRegexError as exc:
            findings.append(
                Finding(
                    "answer_regex_unsupported",
                    f"AnswerFormatRegex {rule.regex!r} of {qid!r} cannot be checked: {exc}",
                    qid,
                )
            )
            continue
        try:
            matched = pattern.test(text, timeout=REGEX_TIMEOUT)
        except TimeoutError:
            findings.append(
                Finding(
                    "answer_regex_timeout",
                    f"Answer to {qid!r} could not be checked against {rule.regex!r} within "
                    f"{REGEX_TIMEOUT} s: the pattern backtracks catastrophically on this answer",
                    qid,
                )
            )
            continue
        if not matched:
            why = f" ({rule.error_text})" if rule.error_text else ""
            findings.append(
                Finding(
                    "answer_regex",
                    f"Answer to {qid!r} should match {rule.regex!r}{why}; got {_shown(text)}",
                    qid,
                )
            )
    return findings


def selection_findings(spec: Any, answer: Any, qid: str) -> list[Finding]:
    """The findings for a selection answer against a SelectionAnswerSpecification."""
    findings: list[Finding] = []
    chosen = tuple(answer.selection_identifiers or ())
    times = Counter(chosen)  # in first-seen order
    # an empty OtherSelectionText is no selection (as for _answered)
    other = getattr(answer, "other_selection_text", None) or None
    known = {s.selection_identifier for s in spec.selections}
    for identifier, n in times.items():
        if n > 1:
            findings.append(
                Finding(
                    "selection_duplicate",
                    f"Answer to {qid!r} selects {identifier!r} more than once",
                    qid,
                )
            )
        if identifier not in known:
            findings.append(
                Finding(
                    "selection_unknown",
                    f"Answer to {qid!r} selects {identifier!r}, which is not one of its "
                    f"selections {sorted(known)!r}",
                    qid,
                )
            )
    if other is not None:
        if spec.other_selection is None:
            findings.append(
                Finding(
                    "other_selection_unexpected",
                    f"Answer to {qid!r} has OtherSelectionText, but the question has no "
                    "OtherSelection",
                    qid,
                )
            )
        else:
            findings.extend(free_text_findings(spec.other_selection, other, qid))
    count = len(times) + (other is not None)
    low = 1 if spec.min_selection_count is None else spec.min_selection_count
    high = 1 if spec.max_selection_count is None else spec.max_selection_count
    if not low <= count <= high:
        findings.append(
            Finding(
                "selection_count",
                f"Answer to {qid!r} should make {low} to {high} selections; got {count}",
                qid,
            )
        )
    return findings


def upload_findings(spec: Any, answer: Any, qid: str) -> list[Finding]:
    """The findings for an uploaded file against a FileUploadAnswerSpecification."""
    size = getattr(answer, "uploaded_file_size_in_bytes", None)
    low, high = spec.min_file_size_in_bytes, spec.max_file_size_in_bytes
    if size is not None and not low <= size <= high:
        return [
            Finding(
                "file_size",
                f"Uploaded file for {qid!r} should be {low} to {high} bytes; got {size}",
                qid,
            )
        ]
    return []


def _answered(answer: Any) -> bool:
    kind = answer_kind(answer)
    if kind == "free_text":
        return bool((getattr(answer, "text", None) or "").strip())
    if kind == "selection":
        return bool(answer.selection_identifiers) or bool(
            getattr(answer, "other_selection_text", None)
        )
    return True


def _check_one(question: Any, answer: Any) -> list[Finding]:
    qid = question.question_identifier
    spec = question.answer_specification
    if not _answered(answer):
        return []  # an empty answer fits any question; required ones are reported by the caller
    kind, expected = answer_kind(answer), spec.answer_kind
    if kind != expected:
        return [
            Finding(
                "answer_kind",
                f"Question {qid!r} takes a {expected.replace('_', ' ')} answer; got a "
                f"{kind.replace('_', ' ')} answer",
                qid,
            )
        ]
    findings: list[Finding] = spec.findings(answer, qid)
    return findings


def check_answers(form: Any, answers: Iterable[Any]) -> list[Finding]:
    """Findings for ``answers`` against ``form`` (see the module docstring)."""
    questions = {q.question_identifier: q for q in form.questions}
    findings: list[Finding] = []
    seen: dict[str, Any] = {}
    for answer in answers:
        qid = str(answer.question_identifier)
        question = questions.get(qid)
        if question is None:
            findings.append(
                Finding(
                    "answer_unknown_question",
                    f"Answer for {qid!r}, which is not a question of the form",
                    qid,
                )
            )
            continue
        if qid in seen:
            findings.append(
                Finding("answer_duplicate", f"Question {qid!r} is answered more than once", qid)
            )
            continue
        seen[qid] = answer
        findings.extend(_check_one(question, answer))
    for qid, question in questions.items():
        if question.is_required and (qid not in seen or not _answered(seen[qid])):
            findings.append(
                Finding("answer_required", f"Question {qid!r} is required but has no answer", qid)
            )
    return findings


def answer_values(form: Any, answers: Iterable[Any]) -> dict[str, Any]:
    """Typed values by question identifier (see ``QuestionForm.values``)."""
    questions = {q.question_identifier: q for q in form.questions}
    values: dict[str, Any] = {}
    for answer in answers:
        qid = str(answer.question_identifier)
        kind = answer_kind(answer)
        if kind == "upload":
            values[qid] = answer
        elif kind == "selection":
            other = getattr(answer, "other_selection_text", None)
            chosen = tuple(answer.selection_identifiers or ())
            values[qid] = (*chosen, other) if other is not None else chosen
        else:
            text = getattr(answer, "text", None) or ""
            spec: Any = questions[qid].answer_specification if qid in questions else None
            constraints = getattr(spec, "constraints", None)
            numeric = (
                getattr(spec, "answer_kind", None) == "free_text"
                and constraints is not None
                and constraints.is_numeric is not None
            )
            number = _number(text) if numeric else None
            values[qid] = text if number is None else number
    return values
