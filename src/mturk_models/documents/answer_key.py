"""AnswerKey documents: the answers of a qualification test, and the score MTurk computes from them.

A qualification type with a ``Test`` (a QuestionForm) may carry an ``AnswerKey``: MTurk then
scores each Worker's test itself and grants the Qualification with the computed value. The
document is XML in the namespace :data:`ANSWER_KEY_NAMESPACE` (API reference 2017-01-17,
"AnswerKey", for the structure and the counts; the AnswerKey schema 2005-10-01 for the element
types, read from Go bindings generated from it since the XSD itself is no longer served)::

    AnswerKey
      Question                      1 or more
        QuestionIdentifier          1          a question of the test
        AnswerOption                1 or more
          SelectionIdentifier       1 or more  selections of that question
          AnswerScore               1          xs:int, may be negative
        DefaultScore                0 or 1     xs:int, 0 when absent
      QualificationValueMapping     0 or 1     exactly one of:
        PercentageMapping
          MaximumSummedScore        1          xs:int
        ScaleMapping
          SummedScoreMultiplier     1          xs:double
        RangeMapping
          SummedScoreRange          1 or more
            InclusiveLowerBound     1          xs:int
            InclusiveUpperBound     1          xs:int
            QualificationValue      1          xs:int
          OutOfRangeQualificationValue 1       xs:int

:func:`parse_answer_key` reads it through the library's one safe XML reader
(:mod:`mturk_models.documents._xml`: DOCTYPEs, entities, external references and XInclude are
refused as :class:`~mturk_models.exceptions.UnsafeXMLError`); :meth:`AnswerKey.to_xml` writes it
back; :meth:`AnswerKey.score` computes the Qualification value a Worker's answers get,
:meth:`AnswerKey.explain` shows how, and :meth:`AnswerKey.check` compares the key with its test.

>>> key = parse_answer_key(
...     '<AnswerKey xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/'
...     '2005-10-01/AnswerKey.xsd"><Question><QuestionIdentifier>q1</QuestionIdentifier>'
...     '<AnswerOption><SelectionIdentifier>yes</SelectionIdentifier><AnswerScore>1</AnswerScore>'
...     '</AnswerOption></Question></AnswerKey>')
>>> key.questions[0].answer_options[0].answer_score
1
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Final, NoReturn

from pydantic import Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from .._base import Document
from .._errors import shown, summarize
from .._types import XML_WHITESPACE, Int32, Seq
from ..exceptions import AnswerKeyParseError
from ._xml import AnswerIdentifier, Element, escape_text, parse_tree, split_name
from .answers import QuestionFormAnswers, SelectionAnswer, parse_answers
from .questions import Finding, QuestionForm, SelectionAnswerSpecification

__all__ = [
    "ANSWER_KEY_NAMESPACE",
    "AnswerKey",
    "AnswerKeyQuestion",
    "AnswerOption",
    "PercentageMapping",
    "QualificationValueMapping",
    "QuestionScore",
    "RangeMapping",
    "ScaleMapping",
    "ScoreExplanation",
    "SummedScoreRange",
    "parse_answer_key",
]

ANSWER_KEY_NAMESPACE: Final = (
    "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/AnswerKey.xsd"
)
"""The AnswerKey namespace: the only schema version of the document."""


# --- the document ------------------------------------------------------------------------------


class AnswerOption(Document):
    """A combination of selections and the points it earns: the Worker must pick all of them and
    no others.

    >>> AnswerOption(selection_identifiers=("apples",), answer_score=10).answer_score
    10
    """

    selection_identifiers: Seq[AnswerIdentifier] = Field(
        alias="SelectionIdentifier",
        min_length=1,
        description="Identifiers of selections in the test's question (one or more); the Worker "
        "must select all of them, and no others, to earn the score.",
    )
    answer_score: Int32 = Field(
        description="The number added to the Worker's test score when the answer matches this "
        "option; may be negative."
    )

    @property
    def selection_set(self) -> frozenset[str]:
        """The selections as a set: what a Worker's selections are compared with."""
        return frozenset(self.selection_identifiers)


class AnswerKeyQuestion(Document):
    """The key of one test question: its answer options and the score when none matches.

    >>> AnswerKeyQuestion(question_identifier="q1", answer_options=(
    ...     AnswerOption(selection_identifiers=("a",), answer_score=1),)).default_score is None
    True
    """

    question_identifier: AnswerIdentifier = Field(
        description="The QuestionIdentifier of the test question this key scores."
    )
    answer_options: Seq[AnswerOption] = Field(
        alias="AnswerOption",
        min_length=1,
        description="One per combination of selections that affects the score (one or more).",
    )
    default_score: Int32 | None = Field(
        default=None,
        description="Added to the test score when no answer option matches the Worker's answer "
        "exactly; 0 when absent.",
    )


class PercentageMapping(Document):
    """The value is the summed score as a percentage of ``maximum_summed_score``, rounded.

    >>> PercentageMapping(maximum_summed_score=15).maximum_summed_score
    15
    """

    maximum_summed_score: Int32 = Field(
        description="The maximum score of the test: the value is sum / maximum * 100, rounded "
        "to the nearest integer."
    )

    @model_validator(mode="after")
    def _not_zero(self) -> PercentageMapping:
        if self.maximum_summed_score == 0:
            raise PydanticCustomError(
                "maximum_summed_score_zero",
                "MaximumSummedScore divides the summed score, so it cannot be 0; got 0",
            )
        return self


class ScaleMapping(Document):
    """The value is the summed score multiplied by ``summed_score_multiplier``, rounded.

    >>> ScaleMapping(summed_score_multiplier=2.5).summed_score_multiplier
    2.5
    """

    summed_score_multiplier: float = Field(
        allow_inf_nan=False,
        description="The decimal multiplier (xs:double; INF and NaN are not decimal values).",
    )


class SummedScoreRange(Document):
    """A range of summed scores, bounds included, and the Qualification value it gives.

    >>> SummedScoreRange(inclusive_lower_bound=5, inclusive_upper_bound=7,
    ...                  qualification_value=5).qualification_value
    5
    """

    inclusive_lower_bound: Int32 = Field(description="The lowest summed score of the range.")
    inclusive_upper_bound: Int32 = Field(description="The highest summed score of the range.")
    qualification_value: Int32 = Field(
        description="The Qualification value when the summed score falls within the range."
    )

    def __contains__(self, summed: object) -> bool:
        return isinstance(summed, int) and (
            self.inclusive_lower_bound <= summed <= self.inclusive_upper_bound
        )


class RangeMapping(Document):
    """Qualification values by range of summed scores, and the value outside every range.

    >>> RangeMapping(summed_score_ranges=(SummedScoreRange(inclusive_lower_bound=0,
    ...     inclusive_upper_bound=9, qualification_value=1),),
    ...     out_of_range_qualification_value=0).out_of_range_qualification_value
    0
    """

    summed_score_ranges: Seq[SummedScoreRange] = Field(
        alias="SummedScoreRange",
        min_length=1,
        description="The ranges (one or more); they should not overlap (the reference leaves "
        "overlapping ranges undefined).",
    )
    out_of_range_qualification_value: Int32 = Field(
        description="The Qualification value when the summed score is in no range."
    )


class QualificationValueMapping(Document):
    """How the summed score becomes the Qualification value: exactly one of three mappings.

    >>> QualificationValueMapping(
    ...     percentage_mapping=PercentageMapping(maximum_summed_score=15)).mapping
    PercentageMapping(maximum_summed_score=15)
    """

    percentage_mapping: PercentageMapping | None = Field(
        default=None, description="The value as a percentage of a maximum score."
    )
    scale_mapping: ScaleMapping | None = Field(
        default=None, description="The value as the summed score times a multiplier."
    )
    range_mapping: RangeMapping | None = Field(
        default=None, description="The value by range of summed scores."
    )

    @model_validator(mode="after")
    def _one(self) -> QualificationValueMapping:
        mappings = (self.percentage_mapping, self.scale_mapping, self.range_mapping)
        given = [m for m in mappings if m is not None]
        if len(given) != 1:
            raise PydanticCustomError(
                "qualification_value_mapping_choice",
                "QualificationValueMapping takes exactly one of PercentageMapping, ScaleMapping "
                "and RangeMapping; got {count}",
                {"count": len(given)},
            )
        return self

    @property
    def mapping(self) -> PercentageMapping | ScaleMapping | RangeMapping:
        """The one mapping given."""
        found = self.percentage_mapping or self.scale_mapping or self.range_mapping
        assert found is not None  # the validator requires exactly one
        return found


# --- scoring results ---------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionScore:
    """How one keyed question was scored: the Worker's selections, the option that matched
    (its position from 1, or ``None`` for the default score) and the points."""

    question_identifier: str
    selections: tuple[str, ...]
    option: int | None
    points: int

    def __str__(self) -> str:
        chosen = ", ".join(self.selections) if self.selections else "no selection"
        how = f"option {self.option}" if self.option is not None else "default score"
        return f"{self.question_identifier}: {chosen} -> {how}, {self.points:+d}"


@dataclass(frozen=True)
class ScoreExplanation:
    """The score of one Worker's answers, question by question, then the sum and the value.

    ``mapping`` names the QualificationValueMapping used (``"percentage"``, ``"scale"``,
    ``"range"``) or is ``None`` when the summed score is the value.
    """

    questions: tuple[QuestionScore, ...]
    summed_score: int
    mapping: str | None
    value: int

    def __str__(self) -> str:
        lines = [str(q) for q in self.questions]
        lines.append(f"summed score: {self.summed_score}")
        how = f" ({self.mapping} mapping)" if self.mapping else " (no mapping: the summed score)"
        lines.append(f"qualification value: {self.value}{how}")
        return "\n".join(lines)


def round_half_up(value: Fraction) -> int:
    """The nearest integer; halves go up, toward positive infinity (Java's ``Math.round``).

    >>> round_half_up(Fraction(5, 2)), round_half_up(Fraction(-5, 2)), round_half_up(Fraction(2, 3))
    (3, -2, 1)
    """
    return math.floor(value + Fraction(1, 2))


# --- AnswerKey ---------------------------------------------------------------------------------


class AnswerKey(Document):
    """The answer key of a qualification test: each keyed question, and the value mapping.

    >>> key = AnswerKey(questions=(AnswerKeyQuestion(question_identifier="fruit",
    ...     answer_options=(AnswerOption(selection_identifiers=("apples",), answer_score=10),)),),
    ...     qualification_value_mapping=QualificationValueMapping(
    ...         percentage_mapping=PercentageMapping(maximum_summed_score=20)))
    >>> from mturk_models import QuestionFormAnswers, SelectionAnswer
    >>> key.score(QuestionFormAnswers(answers=(SelectionAnswer(question_identifier="fruit",
    ...     selection_identifiers=("apples",)),)))
    50
    """

    questions: Seq[AnswerKeyQuestion] = Field(
        alias="Question",
        min_length=1,
        description="One per question of the test that the key scores (one or more).",
    )
    qualification_value_mapping: QualificationValueMapping | None = Field(
        default=None,
        description="How the summed score becomes the Qualification value; without it the "
        "summed score is the value.",
    )

    def to_xml(self) -> str:
        """The AnswerKey document, which :func:`parse_answer_key` reads back equal."""
        body = "".join(map(_question_xml, self.questions))
        if self.qualification_value_mapping is not None:
            body += _el("QualificationValueMapping", _mapping_xml(self.qualification_value_mapping))
        return f'<AnswerKey xmlns="{ANSWER_KEY_NAMESPACE}">{body}</AnswerKey>'

    def explain(self, answers: Any) -> ScoreExplanation:
        """Score ``answers`` and say how: per question the option that matched (or the default
        score) and its points, then the summed score and the Qualification value.

        ``answers`` is what :meth:`score` takes.
        """
        form_answers = _answers(answers)
        scored = []
        for question in self.questions:
            selections, matchable = _selections(form_answers, question.question_identifier)
            option = _match(question, frozenset(selections)) if matchable else None
            if option is None:
                points = question.default_score or 0
            else:
                points = question.answer_options[option - 1].answer_score
            scored.append(QuestionScore(question.question_identifier, selections, option, points))
        summed = sum(q.points for q in scored)
        mapping = self.qualification_value_mapping
        name = None if mapping is None else _MAPPING_NAMES[type(mapping.mapping)]
        return ScoreExplanation(tuple(scored), summed, name, self.value_of(summed))

    def score(self, answers: Any) -> int:
        """The Qualification value MTurk grants for these answers.

        ``answers`` is a :class:`~mturk_models.QuestionFormAnswers`, its XML (``str`` or
        ``bytes``), or any object whose ``answer`` attribute holds that XML (a
        ``QualificationRequest``). Per keyed question, the AnswerScore of the first
        AnswerOption whose SelectionIdentifiers equal the Worker's selections exactly, else
        the DefaultScore (0 when absent); the sum; then the QualificationValueMapping. Where
        the reference leaves a case open, the choice is documented in the "Qualification
        tests" guide (half-way values round up; the first range in document order wins; an
        unanswered, free-text or "other" answer earns the default score).
        """
        return self.explain(answers).value

    def value_of(self, summed_score: int) -> int:
        """The Qualification value for a summed score, through the mapping if there is one.

        >>> AnswerKey(questions=(AnswerKeyQuestion(question_identifier="q", answer_options=(
        ...     AnswerOption(selection_identifiers=("a",), answer_score=1),)),),
        ...     qualification_value_mapping=QualificationValueMapping(
        ...         scale_mapping=ScaleMapping(summed_score_multiplier=1.5))).value_of(3)
        5
        """
        if self.qualification_value_mapping is None:
            return summed_score
        mapping = self.qualification_value_mapping.mapping
        if isinstance(mapping, PercentageMapping):
            return round_half_up(Fraction(summed_score * 100, mapping.maximum_summed_score))
        if isinstance(mapping, ScaleMapping):
            return round_half_up(summed_score * Fraction(mapping.summed_score_multiplier))
        for scope in mapping.summed_score_ranges:
            if summed_score in scope:
                return scope.qualification_value
        return mapping.out_of_range_qualification_value

    def check(self, test: QuestionForm) -> list[Finding]:
        """Compare the key with its test; a list of findings, empty when none.

        Codes (the "Qualification tests" guide says where each rule comes from):
        ``key_question_not_in_test``, ``key_question_not_selection``,
        ``key_selection_not_in_question``, ``key_question_duplicate``, ``answer_option_duplicate``,
        ``answer_option_selection_count``, ``test_question_not_keyed``,
        ``maximum_summed_score_unreachable``, ``maximum_summed_score_exceeded``,
        ``maximum_summed_score_negative``, ``range_empty``, ``range_overlap``, ``range_gap``.
        """
        return list(_check(self, test))

    @property
    def score_bounds(self) -> tuple[int, int]:
        """The lowest and highest summed score the key can give (each question's lowest and
        highest option or default score, added up).

        >>> AnswerKey(questions=(AnswerKeyQuestion(question_identifier="q", answer_options=(
        ...     AnswerOption(selection_identifiers=("a",), answer_score=-2),), default_score=3),)
        ... ).score_bounds
        (-2, 3)
        """
        low = high = 0
        for question in self.questions:
            scores = [o.answer_score for o in question.answer_options]
            scores.append(question.default_score or 0)
            low += min(scores)
            high += max(scores)
        return low, high


_MAPPING_NAMES: Final = {
    PercentageMapping: "percentage",
    ScaleMapping: "scale",
    RangeMapping: "range",
}


def _answers(answers: Any) -> QuestionFormAnswers:
    if isinstance(answers, QuestionFormAnswers):
        return answers
    if isinstance(answers, (str, bytes)):
        return parse_answers(answers)
    document = getattr(answers, "answer", None)
    if isinstance(document, (str, bytes)):
        return parse_answers(document)
    if hasattr(answers, "answer") and document is None:
        raise TypeError(
            f"this {type(answers).__name__} has no answers to score (its 'answer' is None: the "
            "Worker took no test)"
        )
    raise TypeError(
        "score() takes a QuestionFormAnswers, its XML, or an object whose 'answer' attribute "
        f"holds that XML (a QualificationRequest); got {type(answers).__name__}"
    )


def _selections(answers: QuestionFormAnswers, identifier: str) -> tuple[tuple[str, ...], bool]:
    """The Worker's selections for a question, and whether they can match an option at all.

    Every answer with the identifier counts (their selections are pooled); a free-text or
    upload answer, or an "other" text, is something selected beyond the options, so no option
    can match.
    """
    chosen: list[str] = []
    matchable = True
    for answer in answers.get_all(identifier):
        if isinstance(answer, SelectionAnswer):
            chosen.extend(answer.selection_identifiers)
            if answer.other_selection_text is not None:
                matchable = False
        else:
            matchable = False
    return tuple(chosen), matchable


def _match(question: AnswerKeyQuestion, chosen: frozenset[str]) -> int | None:
    for number, option in enumerate(question.answer_options, 1):
        if option.selection_set == chosen:
            return number
    return None


# --- checks ------------------------------------------------------------------------------------


def _check(key: AnswerKey, test: QuestionForm) -> Iterator[Finding]:
    questions = {q.question_identifier: q for q in test.questions}
    seen: set[str] = set()
    for keyed in key.questions:
        qid = keyed.question_identifier
        if qid in seen:
            yield Finding(
                "key_question_duplicate",
                f"The key scores question {qid!r} twice; each Question element adds its score",
                qid,
            )
        seen.add(qid)
        question = questions.get(qid)
        if question is None:
            yield Finding(
                "key_question_not_in_test",
                f"The key scores question {qid!r}, which the test does not have; the test's "
                f"questions are {sorted(questions)!r}",
                qid,
            )
            continue
        spec = question.answer_specification
        if not isinstance(spec, SelectionAnswerSpecification):
            yield Finding(
                "key_question_not_selection",
                f"The key scores question {qid!r}, which takes a {spec.kind.replace('_', '-')} "
                "answer, not selections: no answer option can match, and every Worker gets "
                "the default score",
                qid,
            )
            continue
        yield from _check_options(keyed, spec)
    for qid in questions:
        if qid not in seen:
            yield Finding(
                "test_question_not_keyed",
                f"The test's question {qid!r} is not in the key, so it adds nothing to the score",
                qid,
            )
    mapping = key.qualification_value_mapping
    if mapping is not None and mapping.percentage_mapping is not None:
        yield from _check_percentage(key, mapping.percentage_mapping)
    if mapping is not None and mapping.range_mapping is not None:
        yield from _check_ranges(mapping.range_mapping)


def _check_options(
    keyed: AnswerKeyQuestion, spec: SelectionAnswerSpecification
) -> Iterator[Finding]:
    qid = keyed.question_identifier
    known = [s.selection_identifier for s in spec.selections]
    low = 1 if spec.min_selection_count is None else spec.min_selection_count
    high = 1 if spec.max_selection_count is None else spec.max_selection_count
    sets: dict[frozenset[str], int] = {}
    for number, option in enumerate(keyed.answer_options, 1):
        for selection in option.selection_identifiers:
            if selection not in known:
                yield Finding(
                    "key_selection_not_in_question",
                    f"Answer option {number} of question {qid!r} names selection "
                    f"{selection!r}, which the question does not have; its selections are "
                    f"{known!r}",
                    qid,
                )
        count = len(option.selection_set)
        if not low <= count <= high:
            yield Finding(
                "answer_option_selection_count",
                f"Answer option {number} of question {qid!r} needs {count} selections, but "
                f"Workers pick {low} to {high}: no Worker can match it",
                qid,
            )
        first = sets.setdefault(option.selection_set, number)
        if first != number:
            yield Finding(
                "answer_option_duplicate",
                f"Answer options {first} and {number} of question {qid!r} have the same "
                f"selections; option {number} never matches",
                qid,
            )


def _check_percentage(key: AnswerKey, mapping: PercentageMapping) -> Iterator[Finding]:
    maximum = mapping.maximum_summed_score
    highest = key.score_bounds[1]
    if maximum < 0:
        yield Finding(
            "maximum_summed_score_negative",
            f"MaximumSummedScore is {maximum}: a positive summed score gives a negative percentage",
        )
    elif highest < maximum:
        yield Finding(
            "maximum_summed_score_unreachable",
            f"MaximumSummedScore is {maximum}, but the best answers sum to {highest}: no Worker "
            f"can score more than {key.value_of(highest)}%",
        )
    elif highest > maximum:
        yield Finding(
            "maximum_summed_score_exceeded",
            f"MaximumSummedScore is {maximum}, but the best answers sum to {highest}: a Worker "
            f"can score {key.value_of(highest)}%, over 100",
        )


def _check_ranges(mapping: RangeMapping) -> Iterator[Finding]:
    ranges = list(enumerate(mapping.summed_score_ranges, 1))
    for number, scope in ranges:
        if scope.inclusive_lower_bound > scope.inclusive_upper_bound:
            yield Finding(
                "range_empty",
                f"SummedScoreRange {number} runs from {scope.inclusive_lower_bound} down to "
                f"{scope.inclusive_upper_bound}: no summed score falls within it",
            )
    usable = sorted(
        (s.inclusive_lower_bound, s.inclusive_upper_bound, n)
        for n, s in ranges
        if s.inclusive_lower_bound <= s.inclusive_upper_bound
    )
    if not usable:
        return
    _, reach, widest = usable[0]  # the highest upper bound so far, and its range
    for low, high, number in usable[1:]:
        if low <= reach:
            first, second = sorted((widest, number))
            yield Finding(
                "range_overlap",
                f"SummedScoreRanges {first} and {second} overlap (both hold {low}); the "
                "reference leaves the value undefined, and this library takes the first range "
                "in document order",
            )
        elif low > reach + 1:
            yield Finding(
                "range_gap",
                f"No SummedScoreRange holds the summed scores {reach + 1} to {low - 1} (between "
                f"ranges {widest} and {number}): they get the OutOfRangeQualificationValue "
                f"{mapping.out_of_range_qualification_value}",
            )
        if high > reach:
            reach, widest = high, number


# --- writer ------------------------------------------------------------------------------------


def _text(value: str) -> str:
    return escape_text(value).replace("\r", "&#13;")


def _el(name: str, inner: str) -> str:
    return f"<{name}>{inner}</{name}>"


def _question_xml(question: AnswerKeyQuestion) -> str:
    inner = _el("QuestionIdentifier", _text(question.question_identifier))
    for option in question.answer_options:
        selections = "".join(
            _el("SelectionIdentifier", _text(s)) for s in option.selection_identifiers
        )
        inner += _el("AnswerOption", selections + _el("AnswerScore", str(option.answer_score)))
    if question.default_score is not None:
        inner += _el("DefaultScore", str(question.default_score))
    return _el("Question", inner)


def _mapping_xml(mapping: QualificationValueMapping) -> str:
    found = mapping.mapping
    if isinstance(found, PercentageMapping):
        return _el("PercentageMapping", _el("MaximumSummedScore", str(found.maximum_summed_score)))
    if isinstance(found, ScaleMapping):
        return _el(
            "ScaleMapping", _el("SummedScoreMultiplier", repr(found.summed_score_multiplier))
        )
    inner = ""
    for scope in found.summed_score_ranges:
        inner += _el(
            "SummedScoreRange",
            _el("InclusiveLowerBound", str(scope.inclusive_lower_bound))
            + _el("InclusiveUpperBound", str(scope.inclusive_upper_bound))
            + _el("QualificationValue", str(scope.qualification_value)),
        )
    inner += _el("OutOfRangeQualificationValue", str(found.out_of_range_qualification_value))
    return _el("RangeMapping", inner)


# --- reader ------------------------------------------------------------------------------------

_PREFIX: Final = "{" + ANSWER_KEY_NAMESPACE + "}"
_Found = dict[str, list[tuple[Element, str]]]


def _fail(message: str, path: str) -> NoReturn:
    raise AnswerKeyParseError(message, location=path)


def _children(el: Element, path: str) -> Iterator[tuple[str, Element, str]]:
    if el.text and el.text.strip(XML_WHITESPACE):
        _fail(f"{path} cannot contain text; got {el.text.strip(XML_WHITESPACE)[:40]!r}", path)
    counts: dict[str, int] = {}
    for child in el:
        if not isinstance(child.tag, str):  # pragma: no cover - fromstring drops comments and PIs
            continue
        if child.tail and child.tail.strip(XML_WHITESPACE):
            _fail(
                f"{path} cannot contain text; got {child.tail.strip(XML_WHITESPACE)[:40]!r}", path
            )
        if not child.tag.startswith(_PREFIX):
            _fail(
                f"element {child.tag!r} in {path} is not in the AnswerKey namespace "
                f"{ANSWER_KEY_NAMESPACE}",
                path,
            )
        name = child.tag[len(_PREFIX) :]
        counts[name] = counts.get(name, 0) + 1
        yield name, child, f"{path}/{name}[{counts[name]}]"


def _sequence(el: Element, path: str, spec: Sequence[tuple[str, int, int]]) -> _Found:
    """The children of ``el`` in the schema's sequence: (name, min, max) each."""
    order = {name: i for i, (name, _, _) in enumerate(spec)}
    found: _Found = {name: [] for name, _, _ in spec}
    last = -1
    names = ", ".join(name for name, _, _ in spec)
    for name, child, where in _children(el, path):
        if name not in order:
            _fail(f"unexpected element {name} at {where}; {path} takes {names}", where)
        if order[name] < last:
            _fail(
                f"element {name} at {where} is out of order; the schema's order is {names}", where
            )
        last = order[name]
        found[name].append((child, where))
    for name, low, high in spec:
        count = len(found[name])
        if not low <= count <= high:
            rule = f"exactly {low}" if low == high else f"{low} or more"
            _fail(f"{path} takes {rule} {name}; got {count}", path)
    return found


def _text_of(el: Element, path: str) -> str:
    if len(el):
        _fail(f"{path} takes text, not elements", path)
    return el.text or ""


def _one(found: _Found, name: str) -> str:
    return _text_of(*found[name][0])


def _all(found: _Found, name: str) -> tuple[str, ...]:
    return tuple(_text_of(el, where) for el, where in found[name])


def _where(found: _Found, name: str) -> str:
    return found[name][0][1]


# [0-9], not \\d: no Arabic-Indic digits; xs:int has at most 10 digits, 20 leaves room for
# leading zeros while keeping int() far from its 4,300-digit limit.
_INTEGER: Final = re.compile(r"[+-]?[0-9]{1,20}")
_DOUBLE: Final = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]{1,5})?")


def _integer(found: _Found, name: str) -> int:
    text = _one(found, name).strip(XML_WHITESPACE)
    path = _where(found, name)
    if not _INTEGER.fullmatch(text):
        _fail(f"{path} should be an integer (xs:int); got {shown(text)}", path)
    return int(text)


def _double(found: _Found, name: str) -> float:
    text = _one(found, name).strip(XML_WHITESPACE)
    path = _where(found, name)
    value = float(text) if _DOUBLE.fullmatch(text) else math.nan
    if not math.isfinite(value):
        _fail(f"{path} should be a decimal number; got {shown(text)}", path)
    return value


def _build(cls: type[Any], path: str, **values: Any) -> Any:
    try:
        return cls.model_validate(values)
    except ValidationError as exc:
        summary = summarize(exc)
        where = ".".join(summary.loc)
        raise AnswerKeyParseError(
            f"{path} breaks a rule{' at ' + where if where else ''}: {summary.message}",
            location=path,
        ) from exc


def _question(el: Element, path: str) -> AnswerKeyQuestion:
    found = _sequence(
        el,
        path,
        [("QuestionIdentifier", 1, 1), ("AnswerOption", 1, sys.maxsize), ("DefaultScore", 0, 1)],
    )
    options = []
    for option_el, option_path in found["AnswerOption"]:
        parts = _sequence(
            option_el, option_path, [("SelectionIdentifier", 1, sys.maxsize), ("AnswerScore", 1, 1)]
        )
        options.append(
            _build(
                AnswerOption,
                option_path,
                selection_identifiers=_all(parts, "SelectionIdentifier"),
                answer_score=_integer(parts, "AnswerScore"),
            )
        )
    return _build(  # type: ignore[no-any-return]
        AnswerKeyQuestion,
        path,
        question_identifier=_one(found, "QuestionIdentifier"),
        answer_options=tuple(options),
        default_score=_integer(found, "DefaultScore") if found["DefaultScore"] else None,
    )


def _mapping(el: Element, path: str) -> QualificationValueMapping:
    kinds = list(_children(el, path))
    if len(kinds) != 1:
        _fail(
            f"{path} takes exactly one of PercentageMapping, ScaleMapping and RangeMapping; got "
            f"{len(kinds)} elements",
            path,
        )
    name, child, where = kinds[0]
    if name == "PercentageMapping":
        found = _sequence(child, where, [("MaximumSummedScore", 1, 1)])
        value: Any = _build(
            PercentageMapping, where, maximum_summed_score=_integer(found, "MaximumSummedScore")
        )
        field = "percentage_mapping"
    elif name == "ScaleMapping":
        found = _sequence(child, where, [("SummedScoreMultiplier", 1, 1)])
        value = _build(
            ScaleMapping, where, summed_score_multiplier=_double(found, "SummedScoreMultiplier")
        )
        field = "scale_mapping"
    elif name == "RangeMapping":
        found = _sequence(
            child,
            where,
            [("SummedScoreRange", 1, sys.maxsize), ("OutOfRangeQualificationValue", 1, 1)],
        )
        ranges = []
        for range_el, range_path in found["SummedScoreRange"]:
            bounds = _sequence(
                range_el,
                range_path,
                [
                    ("InclusiveLowerBound", 1, 1),
                    ("InclusiveUpperBound", 1, 1),
                    ("QualificationValue", 1, 1),
                ],
            )
            ranges.append(
                _build(
                    SummedScoreRange,
                    range_path,
                    inclusive_lower_bound=_integer(bounds, "InclusiveLowerBound"),
                    inclusive_upper_bound=_integer(bounds, "InclusiveUpperBound"),
                    qualification_value=_integer(bounds, "QualificationValue"),
                )
            )
        value = _build(
            RangeMapping,
            where,
            summed_score_ranges=tuple(ranges),
            out_of_range_qualification_value=_integer(found, "OutOfRangeQualificationValue"),
        )
        field = "range_mapping"
    else:
        _fail(
            f"unexpected element {name} at {where}; {path} takes PercentageMapping, ScaleMapping "
            "or RangeMapping",
            where,
        )
    return _build(QualificationValueMapping, path, **{field: value})  # type: ignore[no-any-return]


def parse_answer_key(xml: str | bytes) -> AnswerKey:
    """Read an AnswerKey document into its model.

    The root must be ``AnswerKey`` in :data:`ANSWER_KEY_NAMESPACE`, its elements in the
    schema's order and numbers. Hostile XML raises
    :class:`~mturk_models.exceptions.UnsafeXMLError`; anything else that is not an AnswerKey
    raises :class:`~mturk_models.exceptions.AnswerKeyParseError` naming the element path
    (``location``) and, for malformed XML, the ``line`` and ``column``.

    >>> parse_answer_key(AnswerKey(questions=(AnswerKeyQuestion(question_identifier="q1",
    ...     answer_options=(AnswerOption(selection_identifiers=("a",), answer_score=1),)),)
    ... ).to_xml()).questions[0].question_identifier
    'q1'
    """
    if not isinstance(xml, (str, bytes)):
        raise TypeError(
            f"parse_answer_key() takes the AnswerKey document as str or bytes; got "
            f"{type(xml).__name__}"
        )
    # DOCTYPEs, entities, external references and XInclude raise UnsafeXMLError; malformed
    # XML raises AnswerKeyParseError with its line and column.
    root = parse_tree(xml, error=AnswerKeyParseError, what="AnswerKey document")
    if root.tag != _PREFIX + "AnswerKey":
        namespace, local = split_name(root.tag)
        if local != "AnswerKey":
            _fail(f"an AnswerKey document's root should be AnswerKey; got {shown(local)}", local)
        _fail(
            f"AnswerKey should be in namespace {ANSWER_KEY_NAMESPACE}; got "
            f"{shown(namespace) if namespace else 'no namespace'}",
            "AnswerKey",
        )
    found = _sequence(
        root, "AnswerKey", [("Question", 1, sys.maxsize), ("QualificationValueMapping", 0, 1)]
    )
    questions = tuple(_question(el, where) for el, where in found["Question"])
    mapping = (
        _mapping(*found["QualificationValueMapping"][0])
        if found["QualificationValueMapping"]
        else None
    )
    return _build(  # type: ignore[no-any-return]
        AnswerKey, "AnswerKey", questions=questions, qualification_value_mapping=mapping
    )
