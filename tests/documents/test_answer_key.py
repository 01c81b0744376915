"""AnswerKey documents: reading, writing, scoring as the API reference's "AnswerKey" page says,
and the checks against the test.

Data: tests/data/answer_keys/ (two real key/test pairs, see tests/data/SOURCES.md), the
reference's own example key (nextmove/favoritefruit) written below, tests/data/attacks/.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import math
from fractions import Fraction
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError
from tests.conftest import data_path

from mturk_models import (
    ANSWER_KEY_NAMESPACE,
    AnswerKey,
    AnswerKeyParseError,
    AnswerKeyQuestion,
    AnswerOption,
    CreateQualificationTypeRequest,
    FreeTextAnswer,
    MTurkModelsError,
    PercentageMapping,
    QualificationValueMapping,
    QuestionForm,
    QuestionFormAnswers,
    RangeMapping,
    RequestWarning,
    ScaleMapping,
    SelectionAnswer,
    SummedScoreRange,
    UnsafeXMLError,
    UpdateQualificationTypeRequest,
    parse_answer_key,
    parse_question,
)
from mturk_models.testing import answer_keys, qualification_tests

NS = ANSWER_KEY_NAMESPACE

# The reference's example, as printed on the "AnswerKey" page (schema URL filled in).
REFERENCE_KEY = f"""<AnswerKey xmlns="{NS}">
  <Question>
    <QuestionIdentifier>nextmove</QuestionIdentifier>
    <AnswerOption>
      <SelectionIdentifier>D</SelectionIdentifier>
      <AnswerScore>5</AnswerScore>
    </AnswerOption>
  </Question>
  <Question>
    <QuestionIdentifier>favoritefruit</QuestionIdentifier>
    <AnswerOption>
      <SelectionIdentifier>apples</SelectionIdentifier>
      <AnswerScore>10</AnswerScore>
    </AnswerOption>
  </Question>
  <QualificationValueMapping>
    <PercentageMapping>
      <MaximumSummedScore>15</MaximumSummedScore>
    </PercentageMapping>
  </QualificationValueMapping>
</AnswerKey>"""


def picked(**selections: Any) -> QuestionFormAnswers:
    """Answers: a tuple of selection identifiers, or a str for a free-text answer."""
    answers: list[Any] = []
    for qid, value in selections.items():
        if isinstance(value, str):
            answers.append(FreeTextAnswer(question_identifier=qid, text=value))
        else:
            answers.append(SelectionAnswer(question_identifier=qid, selection_identifiers=value))
    return QuestionFormAnswers(answers=tuple(answers))


def key(*questions: AnswerKeyQuestion, mapping: Any = None) -> AnswerKey:
    wrapped = None
    if isinstance(mapping, PercentageMapping):
        wrapped = QualificationValueMapping(percentage_mapping=mapping)
    elif isinstance(mapping, ScaleMapping):
        wrapped = QualificationValueMapping(scale_mapping=mapping)
    elif isinstance(mapping, RangeMapping):
        wrapped = QualificationValueMapping(range_mapping=mapping)
    return AnswerKey(questions=questions, qualification_value_mapping=wrapped)


def question(qid: str, *options: tuple[tuple[str, ...], int], default: int | None = None) -> Any:
    return AnswerKeyQuestion(
        question_identifier=qid,
        answer_options=tuple(
            AnswerOption(selection_identifiers=ids, answer_score=score) for ids, score in options
        ),
        default_score=default,
    )


def ranges(*scopes: tuple[int, int, int], out: int = 0) -> RangeMapping:
    return RangeMapping(
        summed_score_ranges=tuple(
            SummedScoreRange(
                inclusive_lower_bound=lo, inclusive_upper_bound=hi, qualification_value=v
            )
            for lo, hi, v in scopes
        ),
        out_of_range_qualification_value=out,
    )


# --- reading and writing -----------------------------------------------------------------------


def test_the_reference_example_reads_element_by_element() -> None:
    parsed = parse_answer_key(REFERENCE_KEY)
    assert [q.question_identifier for q in parsed.questions] == ["nextmove", "favoritefruit"]
    assert parsed.questions[0].answer_options[0].selection_identifiers == ("D",)
    assert parsed.questions[0].answer_options[0].answer_score == 5
    assert parsed.questions[1].answer_options[0].selection_identifiers == ("apples",)
    assert parsed.questions[1].default_score is None
    mapping = parsed.qualification_value_mapping
    assert mapping is not None
    assert mapping.percentage_mapping is not None
    assert mapping.percentage_mapping.maximum_summed_score == 15
    assert parse_answer_key(parsed.to_xml()) == parsed


@pytest.mark.parametrize("number", ["01", "02"])
def test_real_keys_read_round_trip_and_pass_the_check_against_their_test(number: str) -> None:
    parsed = parse_answer_key(data_path(f"answer_keys/key_{number}.xml").read_bytes())
    test = parse_question(data_path(f"answer_keys/test_{number}.xml").read_bytes())
    assert isinstance(test, QuestionForm)
    assert parse_answer_key(parsed.to_xml()) == parsed
    assert parsed.check(test) == []


def test_real_key_01_has_no_mapping_and_scores_the_sum() -> None:
    parsed = parse_answer_key(data_path("answer_keys/key_01.xml").read_bytes())
    assert parsed.qualification_value_mapping is None
    assert parsed.score(picked(q1=("q1_a3",), q2=("q2_a4",), q3=("q3_a1",))) == 2


def test_real_key_02_scores_a_percentage_of_six() -> None:
    parsed = parse_answer_key(data_path("answer_keys/key_02.xml").read_bytes())
    right = {"Q1": "d", "Q2": "c", "Q3": "b", "Q4": "b", "Q5": "d", "Q6": "b"}
    assert parsed.score(picked(**{q: (s,) for q, s in right.items()})) == 100
    four = dict(right, Q1="a", Q2="a")
    assert parsed.score(picked(**{q: (s,) for q, s in four.items()})) == 67  # 66.67 rounds up


def test_every_mapping_round_trips_through_xml() -> None:
    for mapping in (
        PercentageMapping(maximum_summed_score=-3),
        ScaleMapping(summed_score_multiplier=0.1),
        ScaleMapping(summed_score_multiplier=-2e-7),
        ranges((1, 2, 3), (5, 4, 0), out=-1),
    ):
        built = key(question("q", (("a", "b"), -5), default=7), mapping=mapping)
        assert parse_answer_key(built.to_xml()) == built


@given(answer_keys())
def test_to_xml_round_trips(built: AnswerKey) -> None:
    assert parse_answer_key(built.to_xml()) == built
    assert parse_answer_key(built.to_xml().encode("utf-16")) == built


def test_identifiers_are_stripped_of_xml_whitespace_as_answers_are() -> None:
    xml = REFERENCE_KEY.replace(">D<", ">\n  D\t<")
    assert parse_answer_key(xml).questions[0].answer_options[0].selection_identifiers == ("D",)


def test_prefixed_namespace_and_declaration_are_read() -> None:
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><ak:AnswerKey xmlns:ak="{NS}"><ak:Question>'
        "<ak:QuestionIdentifier>q</ak:QuestionIdentifier><ak:AnswerOption>"
        "<ak:SelectionIdentifier>a</ak:SelectionIdentifier><ak:AnswerScore>+3</ak:AnswerScore>"
        "</ak:AnswerOption><ak:DefaultScore> -1 </ak:DefaultScore></ak:Question></ak:AnswerKey>"
    )
    parsed = parse_answer_key(xml.encode())
    assert parsed.questions[0].answer_options[0].answer_score == 3
    assert parsed.questions[0].default_score == -1


def _document(question_xml: str, mapping_xml: str = "") -> str:
    return f'<AnswerKey xmlns="{NS}">{question_xml}{mapping_xml}</AnswerKey>'


GOOD_Q = (
    "<Question><QuestionIdentifier>q</QuestionIdentifier><AnswerOption>"
    "<SelectionIdentifier>a</SelectionIdentifier><AnswerScore>1</AnswerScore></AnswerOption>"
    "</Question>"
)


@pytest.mark.parametrize(
    ("xml", "where"),
    [
        (f'<AnswerKey xmlns="{NS}"/>', "AnswerKey"),  # Question: 1 or more
        (
            _document(GOOD_Q.replace("<QuestionIdentifier>q</QuestionIdentifier>", "")),
            "Question[1]",
        ),
        (
            _document(
                GOOD_Q.replace("<AnswerOption>", "<AnswerOption><AnswerScore>1</AnswerScore>")
            ),
            "SelectionIdentifier[1]",
        ),  # AnswerScore before SelectionIdentifier: out of order
        (
            _document(
                "<Question><QuestionIdentifier>q</QuestionIdentifier></Question>"
            ),  # AnswerOption: 1 or more
            "Question[1]",
        ),
        (
            _document(GOOD_Q.replace("<SelectionIdentifier>a</SelectionIdentifier>", "")),
            "AnswerOption[1]",
        ),  # SelectionIdentifier: 1 or more
        (_document(GOOD_Q.replace(">1<", ">1.5<")), "AnswerScore[1]"),  # xs:int
        (_document(GOOD_Q.replace(">1<", ">2147483648<")), "AnswerOption[1]"),  # beyond xs:int
        (_document(GOOD_Q.replace(">1<", ">٣<")), "AnswerScore[1]"),  # not ASCII digits
        (
            _document(
                GOOD_Q.replace("</Question>", "<DefaultScore>1</DefaultScore>" * 2 + "</Question>")
            ),
            "Question[1]",
        ),  # DefaultScore: 0 or 1
        (
            _document(GOOD_Q, "<QualificationValueMapping/>"),
            "QualificationValueMapping[1]",
        ),
        (
            _document(
                GOOD_Q,
                "<QualificationValueMapping><PercentageMapping><MaximumSummedScore>1"
                "</MaximumSummedScore></PercentageMapping><ScaleMapping><SummedScoreMultiplier>1"
                "</SummedScoreMultiplier></ScaleMapping></QualificationValueMapping>",
            ),
            "QualificationValueMapping[1]",
        ),  # exactly one mapping
        (
            _document(
                GOOD_Q,
                "<QualificationValueMapping><PercentageMapping><MaximumSummedScore>0"
                "</MaximumSummedScore></PercentageMapping></QualificationValueMapping>",
            ),
            "PercentageMapping[1]",
        ),  # division by zero
        (
            _document(
                GOOD_Q,
                "<QualificationValueMapping><ScaleMapping><SummedScoreMultiplier>INF"
                "</SummedScoreMultiplier></ScaleMapping></QualificationValueMapping>",
            ),
            "SummedScoreMultiplier[1]",
        ),  # "a decimal value"
        (
            _document(
                GOOD_Q,
                "<QualificationValueMapping><RangeMapping><SummedScoreRange><InclusiveLowerBound>1"
                "</InclusiveLowerBound><InclusiveUpperBound>2</InclusiveUpperBound>"
                "<QualificationValue>3</QualificationValue></SummedScoreRange></RangeMapping>"
                "</QualificationValueMapping>",
            ),
            "RangeMapping[1]",
        ),  # OutOfRangeQualificationValue: exactly 1
        (
            _document(
                GOOD_Q,
                "<QualificationValueMapping><RangeMapping><OutOfRangeQualificationValue>0"
                "</OutOfRangeQualificationValue></RangeMapping></QualificationValueMapping>",
            ),
            "RangeMapping[1]",
        ),  # SummedScoreRange: 1 or more
        (_document(GOOD_Q.replace("<Question>", "<Question>text")), "Question[1]"),
        (_document(GOOD_Q.replace("<Question>", "<Question><Extra/>")), "Extra[1]"),
        (
            _document(GOOD_Q.replace("<Question>", '<Question><o:X xmlns:o="urn:o"/>')),
            "Question[1]",
        ),
        (_document(GOOD_Q.replace(">q<", "><b>q</b><")), "QuestionIdentifier[1]"),
        (f'<AnswerKey xmlns="urn:other">{GOOD_Q}</AnswerKey>', "AnswerKey"),
        (f"<AnswerKey>{GOOD_Q}</AnswerKey>", "AnswerKey"),
        (f'<QuestionForm xmlns="{NS}"/>', "QuestionForm"),
    ],
)
def test_each_schema_rule_broken_is_an_error_naming_the_element(xml: str, where: str) -> None:
    with pytest.raises(AnswerKeyParseError) as caught:
        parse_answer_key(xml)
    assert caught.value.location is not None
    assert caught.value.location.endswith(where)
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, MTurkModelsError)


def test_malformed_xml_says_line_and_column() -> None:
    with pytest.raises(AnswerKeyParseError) as caught:
        parse_answer_key(f'<AnswerKey xmlns="{NS}">\n  <Question>\n</AnswerKey>')
    assert (caught.value.line, caught.value.column) == (3, 2)


def test_not_a_document_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="str or bytes"):
        parse_answer_key(None)  # type: ignore[arg-type]


@pytest.mark.parametrize("path", sorted(data_path("attacks").glob("*.xml")), ids=lambda p: p.name)
def test_hostile_xml_is_refused(path: Any) -> None:
    with pytest.raises(UnsafeXMLError):
        parse_answer_key(path.read_bytes())


@given(st.one_of(st.text(max_size=300), st.binary(max_size=300)))
def test_any_input_gives_a_key_or_the_library_error(data: str | bytes) -> None:
    with contextlib.suppress(MTurkModelsError):
        assert isinstance(parse_answer_key(data), AnswerKey)


@given(answer_keys(), st.data())
def test_mutated_keys_give_a_key_or_the_library_error(
    built: AnswerKey, data: st.DataObject
) -> None:
    text = built.to_xml()
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 20)))
    mutated = text[:start] + data.draw(st.text(max_size=10)) + text[end:]
    with contextlib.suppress(MTurkModelsError):
        parse_answer_key(mutated)


# --- model rules -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "code"),
    [
        (lambda: AnswerOption(selection_identifiers=(), answer_score=1), "too_short"),
        (lambda: AnswerOption(selection_identifiers=(" ",), answer_score=1), "empty_identifier"),
        (lambda: AnswerOption(selection_identifiers=("a",), answer_score=2**31), "int32_range"),
        (lambda: AnswerKeyQuestion(question_identifier="q", answer_options=()), "too_short"),
        (lambda: AnswerKey(questions=()), "too_short"),
        (lambda: PercentageMapping(maximum_summed_score=0), "maximum_summed_score_zero"),
        (lambda: ScaleMapping(summed_score_multiplier=math.nan), "finite_number"),
        (lambda: QualificationValueMapping(), "qualification_value_mapping_choice"),
        (
            lambda: QualificationValueMapping(
                percentage_mapping=PercentageMapping(maximum_summed_score=1),
                scale_mapping=ScaleMapping(summed_score_multiplier=1),
            ),
            "qualification_value_mapping_choice",
        ),
        (
            lambda: RangeMapping(summed_score_ranges=(), out_of_range_qualification_value=0),
            "too_short",
        ),
        (
            lambda: AnswerKey.model_validate({"Question": (question("q", (("a",), 1)),), "x": 1}),
            "extra_forbidden",
        ),
    ],
)
def test_model_rules_have_stable_codes(build: Any, code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        build()
    assert caught.value.errors()[0]["type"] == code


def test_models_are_frozen_and_hashable() -> None:
    parsed = parse_answer_key(REFERENCE_KEY)
    assert hash(parsed) == hash(parse_answer_key(REFERENCE_KEY))
    with pytest.raises(ValidationError):
        parsed.questions = ()  # type: ignore[misc]


# --- scoring: every phrase of the reference's scoring section ---------------------------------


def test_reference_example_values() -> None:
    parsed = parse_answer_key(REFERENCE_KEY)
    assert parsed.score(picked(nextmove=("D",), favoritefruit=("apples",))) == 100  # 15/15
    assert parsed.score(picked(nextmove=("D",), favoritefruit=("pears",))) == 33  # 5/15
    assert parsed.score(picked(nextmove=("C",), favoritefruit=("apples",))) == 67  # 10/15
    assert parsed.score(picked(nextmove=("C",), favoritefruit=("pears",))) == 0


def test_the_worker_must_select_all_of_the_selections_and_no_others() -> None:
    both = key(question("q", (("A", "B"), 15), (("A",), 10), (("B",), 10), default=5))
    assert both.score(picked(q=("A", "B"))) == 15
    assert both.score(picked(q=("B", "A"))) == 15  # order does not matter
    assert both.score(picked(q=("A",))) == 10
    assert both.score(picked(q=("A", "B", "C"))) == 5  # one more: no option matches
    assert both.score(picked(q=("C",))) == 5


def test_an_answer_score_may_be_negative() -> None:
    assert key(question("q", (("wrong",), -3), (("right",), 2))).score(picked(q=("wrong",))) == -3


def test_default_score_when_no_option_matches_and_zero_when_absent() -> None:
    assert key(question("q", (("a",), 1), default=-4)).score(picked(q=("b",))) == -4
    assert key(question("q", (("a",), 1))).score(picked(q=("b",))) == 0


def test_no_mapping_means_the_sum_is_the_value() -> None:
    built = key(question("q1", (("a",), 7)), question("q2", (("b",), -2), default=4))
    assert built.score(picked(q1=("a",), q2=("b",))) == 5
    assert built.score(picked(q1=("a",), q2=("x",))) == 11


def test_percentage_divides_by_the_maximum_times_100_rounded_to_the_nearest_integer() -> None:
    built = key(
        question("q", (("a",), 1), (("b",), 2)), mapping=PercentageMapping(maximum_summed_score=3)
    )
    assert built.score(picked(q=("a",))) == 33  # 33.33
    assert built.score(picked(q=("b",))) == 67  # 66.67


def test_percentage_half_rounds_up() -> None:
    built = key(
        question("q", (("a",), 1), (("n",), -1)), mapping=PercentageMapping(maximum_summed_score=8)
    )
    assert built.score(picked(q=("a",))) == 13  # 12.5
    assert built.score(picked(q=("n",))) == -12  # -12.5: toward positive infinity


def test_scale_multiplies_the_sum_and_rounds_a_fraction_half_up() -> None:
    def scaled(factor: float, points: int) -> int:
        return key(
            question("q", (("a",), points)), mapping=ScaleMapping(summed_score_multiplier=factor)
        ).score(picked(q=("a",)))

    assert scaled(3, 5) == 15  # the reference's example multiplier
    assert scaled(2.5, 3) == 8  # 7.5
    assert scaled(0.1, 3) == 0  # 0.30000000000000004 computed exactly from the double: 0.3...
    assert scaled(-1.5, 3) == -4  # -4.5 rounds up to -4
    assert scaled(0.5, 1) == 1


def test_range_gives_the_value_of_the_range_holding_the_sum_bounds_included() -> None:
    built = key(
        question("q", *(((str(n),), n) for n in range(12))),
        mapping=ranges((5, 7, 5), (8, 10, 10), out=0),
    )
    values = {n: built.score(picked(q=(str(n),))) for n in range(12)}
    assert values == {0: 0, 1: 0, 2: 0, 3: 0, 4: 0, 5: 5, 6: 5, 7: 5, 8: 10, 9: 10, 10: 10, 11: 0}


def test_overlapping_ranges_take_the_first_in_document_order() -> None:
    built = key(question("q", (("a",), 6)), mapping=ranges((5, 7, 1), (6, 9, 2)))
    assert built.score(picked(q=("a",))) == 1
    flipped = key(question("q", (("a",), 6)), mapping=ranges((6, 9, 2), (5, 7, 1)))
    assert flipped.score(picked(q=("a",))) == 2


def test_unanswered_free_text_and_other_answers_get_the_default_score() -> None:
    built = key(question("q", (("a",), 5), default=1), question("r", (("b",), 3)))
    assert built.score(picked(r=("b",))) == 4  # q not answered
    assert built.score(picked(q="a", r=("b",))) == 4  # free text "a" is not the selection a
    other = QuestionFormAnswers(
        answers=(
            SelectionAnswer(
                question_identifier="q", selection_identifiers=("a",), other_selection_text="x"
            ),
        )
    )
    assert built.score(other) == 1  # "other" is a selection beyond the option
    assert built.score(QuestionFormAnswers()) == 1


def test_answers_sharing_an_identifier_pool_their_selections() -> None:
    built = key(question("q", (("a", "b"), 5)))
    split = QuestionFormAnswers(
        answers=(
            SelectionAnswer(question_identifier="q", selection_identifiers=("a",)),
            SelectionAnswer(question_identifier="q", selection_identifiers=("b",)),
        )
    )
    assert built.score(split) == 5


def test_a_question_keyed_twice_adds_both_scores() -> None:
    assert key(question("q", (("a",), 2)), question("q", (("a",), 3))).score(picked(q=("a",))) == 5


def test_score_takes_xml_and_qualification_requests() -> None:
    parsed = parse_answer_key(REFERENCE_KEY)
    answers = picked(nextmove=("D",), favoritefruit=("apples",))
    assert parsed.score(answers.to_xml()) == 100
    assert parsed.score(answers.to_xml().encode()) == 100
    assert parsed.score(SimpleNamespace(answer=answers.to_xml(), worker_id="A1")) == 100
    with pytest.raises(TypeError, match="QualificationRequest"):
        parsed.score(42)
    with pytest.raises(TypeError, match="no answers"):
        parsed.score(SimpleNamespace(answer=None))


def test_score_takes_the_qualification_request_model_and_its_pages() -> None:
    from mturk_models import ListQualificationRequestsResponse, QualificationRequest

    parsed = parse_answer_key(REFERENCE_KEY)
    right = picked(nextmove=("D",), favoritefruit=("apples",)).to_xml()
    half = picked(nextmove=("D",), favoritefruit=("oranges",)).to_xml()
    request = QualificationRequest.model_validate(
        {"QualificationRequestId": "3QR", "WorkerId": "A1", "Answer": right}
    )
    assert parsed.score(request) == 100
    assert parsed.explain(request).value == 100
    page = {
        "QualificationRequests": [
            {"WorkerId": "A1", "Answer": right},
            {"WorkerId": "A2", "Answer": half},
            {"WorkerId": "A3"},  # requested without taking a test
        ]
    }
    items = list(ListQualificationRequestsResponse.iter_items([page]))
    assert [parsed.score(item) for item in items[:2]] == [100, 33]  # 5 of 15 points
    with pytest.raises(TypeError, match="no answers"):
        parsed.score(items[2])


def test_explain_says_which_option_matched_and_the_points() -> None:
    built = key(
        question("q1", (("a",), 1), (("b",), 4)),
        question("q2", (("c",), 2), default=-1),
        mapping=PercentageMapping(maximum_summed_score=6),
    )
    explained = built.explain(picked(q1=("b",), q2=("x", "y")))
    assert [(q.question_identifier, q.option, q.points) for q in explained.questions] == [
        ("q1", 2, 4),
        ("q2", None, -1),
    ]
    assert explained.questions[1].selections == ("x", "y")
    assert (explained.summed_score, explained.mapping, explained.value) == (3, "percentage", 50)
    text = str(explained)
    assert "q1" in text
    assert "option 2" in text
    assert "default score" in text
    assert "50" in text
    with pytest.raises(AttributeError):
        explained.value = 1  # type: ignore[misc]
    assert key(question("q", (("a",), 1))).explain(QuestionFormAnswers()).mapping is None


def _straightforward(test_key: AnswerKey, chosen: dict[str, Any]) -> int:
    """An independent computation of the reference's text, for the property below."""
    total = 0
    for q in test_key.questions:
        answer = chosen.get(q.question_identifier)
        points = q.default_score if q.default_score is not None else 0
        if isinstance(answer, tuple):
            for option in q.answer_options:
                if sorted(set(option.selection_identifiers)) == sorted(set(answer)):
                    points = option.answer_score
                    break
        total += points
    mapping = test_key.qualification_value_mapping
    if mapping is None:
        return total
    if mapping.percentage_mapping is not None:
        exact = Fraction(total, mapping.percentage_mapping.maximum_summed_score) * 100
    elif mapping.scale_mapping is not None:
        exact = Fraction(total) * Fraction(mapping.scale_mapping.summed_score_multiplier)
    else:
        assert mapping.range_mapping is not None
        for scope in mapping.range_mapping.summed_score_ranges:
            if scope.inclusive_lower_bound <= total <= scope.inclusive_upper_bound:
                return scope.qualification_value
        return mapping.range_mapping.out_of_range_qualification_value
    down = math.floor(exact)
    return down + 1 if exact - down >= Fraction(1, 2) else down


@given(qualification_tests(), st.data())
def test_scores_equal_a_straightforward_computation(pair: Any, data: st.DataObject) -> None:
    test, test_key = pair
    assert test_key.check(test) == []
    chosen: dict[str, Any] = {}
    for q in test.questions:
        names = [s.selection_identifier for s in q.answer_specification.selections]
        options = [
            tuple(o.selection_identifiers)
            for k in test_key.questions
            for o in k.answer_options
            if k.question_identifier == q.question_identifier
        ]
        kind = data.draw(st.sampled_from(["none", "option", "subset", "text"]))
        if kind == "option":
            chosen[q.question_identifier] = data.draw(st.sampled_from(options))
        elif kind == "subset":
            chosen[q.question_identifier] = tuple(
                data.draw(st.lists(st.sampled_from(names), max_size=len(names), unique=True))
            )
        elif kind == "text":
            chosen[q.question_identifier] = "free text"
    answers = picked(**dict(chosen.items())) if chosen else QuestionFormAnswers()
    assert test_key.score(answers) == _straightforward(test_key, chosen)
    assert test_key.score(answers.to_xml()) == test_key.score(answers)


# --- checks against the test ------------------------------------------------------------------

FORM = """<QuestionForm xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2017-11-06/QuestionForm.xsd">
<Question><QuestionIdentifier>pick</QuestionIdentifier><QuestionContent><Text>?</Text></QuestionContent>
<AnswerSpecification><SelectionAnswer><Selections>
<Selection><SelectionIdentifier>a</SelectionIdentifier><Text>A</Text></Selection>
<Selection><SelectionIdentifier>b</SelectionIdentifier><Text>B</Text></Selection>
</Selections></SelectionAnswer></AnswerSpecification></Question>
<Question><QuestionIdentifier>many</QuestionIdentifier><QuestionContent><Text>?</Text></QuestionContent>
<AnswerSpecification><SelectionAnswer><MinSelectionCount>1</MinSelectionCount><MaxSelectionCount>2</MaxSelectionCount><Selections>
<Selection><SelectionIdentifier>x</SelectionIdentifier><Text>X</Text></Selection>
<Selection><SelectionIdentifier>y</SelectionIdentifier><Text>Y</Text></Selection>
<Selection><SelectionIdentifier>z</SelectionIdentifier><Text>Z</Text></Selection>
</Selections></SelectionAnswer></AnswerSpecification></Question>
<Question><QuestionIdentifier>why</QuestionIdentifier><QuestionContent><Text>?</Text></QuestionContent>
<AnswerSpecification><FreeTextAnswer/></AnswerSpecification></Question>
</QuestionForm>"""


def codes(built: AnswerKey) -> list[str]:
    form = parse_question(FORM)
    assert isinstance(form, QuestionForm)
    return [f.code for f in built.check(form)]


GOOD = (question("pick", (("a",), 1)), question("many", (("x", "y"), 2)))


def test_a_key_that_fits_its_test_has_no_findings_but_the_unkeyed_free_text_question() -> None:
    assert codes(key(*GOOD)) == ["test_question_not_keyed"]


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        (question("gone", (("a",), 1)), "key_question_not_in_test"),
        (question("why", (("a",), 1)), "key_question_not_selection"),
        (question("pick", (("c",), 1)), "key_selection_not_in_question"),
        (question("pick", (("a", "b"), 1)), "answer_option_selection_count"),  # max 1 by default
        (question("many", (("x", "y", "z"), 1)), "answer_option_selection_count"),
        (question("many", (("x",), 1), (("x",), 2)), "answer_option_duplicate"),
    ],
)
def test_each_key_finding(extra: AnswerKeyQuestion, code: str) -> None:
    found = codes(key(*GOOD, extra, question("why", (("a",), 0))))
    assert code in found


def test_a_question_keyed_twice_is_a_finding() -> None:
    assert "key_question_duplicate" in codes(key(*GOOD, GOOD[0]))


@pytest.mark.parametrize(
    ("maximum", "code"),
    [
        (3, None),
        (4, "maximum_summed_score_unreachable"),
        (2, "maximum_summed_score_exceeded"),
        (-3, "maximum_summed_score_negative"),
    ],
)
def test_maximum_summed_score_against_the_best_answers(maximum: int, code: str | None) -> None:
    found = codes(key(*GOOD, mapping=PercentageMapping(maximum_summed_score=maximum)))
    assert [c for c in found if c.startswith("maximum")] == ([code] if code else [])


def test_default_scores_count_toward_the_best_answers() -> None:
    best = key(
        question("pick", (("a",), 1), default=5),
        GOOD[1],
        mapping=PercentageMapping(maximum_summed_score=7),
    )
    assert best.score_bounds == (1, 7)
    assert not [c for c in codes(best) if c.startswith("maximum")]


@pytest.mark.parametrize(
    ("scopes", "expected"),
    [
        (((0, 1, 0), (2, 3, 1)), []),
        (((0, 1, 0), (1, 3, 1)), ["range_overlap"]),
        (((0, 10, 0), (2, 3, 1), (5, 6, 2)), ["range_overlap", "range_overlap"]),
        (((0, 1, 0), (3, 4, 1)), ["range_gap"]),
        (((3, 4, 1), (0, 1, 0)), ["range_gap"]),  # document order does not matter
        (((2, 1, 0), (3, 4, 1)), ["range_empty"]),
    ],
)
def test_ranges_that_overlap_leave_gaps_or_hold_nothing(scopes: Any, expected: list[str]) -> None:
    found = codes(key(*GOOD, mapping=ranges(*scopes)))
    assert [c for c in found if c.startswith("range")] == expected


def test_findings_name_the_question() -> None:
    form = parse_question(FORM)
    assert isinstance(form, QuestionForm)
    findings = key(question("pick", (("c",), 1))).check(form)
    assert {f.question_identifier for f in findings} == {"pick", "many", "why"}
    assert all(f.message for f in findings)


def test_every_documented_code_is_produced_somewhere() -> None:
    doc = AnswerKey.check.__doc__ or ""
    documented = set(doc.replace(",", " ").replace("``", " ").replace(".", " ").split())
    produced = {
        "key_question_not_in_test",
        "key_question_not_selection",
        "key_selection_not_in_question",
        "key_question_duplicate",
        "answer_option_duplicate",
        "answer_option_selection_count",
        "test_question_not_keyed",
        "maximum_summed_score_unreachable",
        "maximum_summed_score_exceeded",
        "maximum_summed_score_negative",
        "range_empty",
        "range_overlap",
        "range_gap",
    }
    assert produced <= documented


def test_options_and_selections_are_compared_as_sets() -> None:
    built = key(question("q", (("a", "b", "a"), 1)))
    for order in itertools.permutations("ab"):
        assert built.score(picked(q=order)) == 1


# --- command line: mturk-models score ---------------------------------------------------------


def score_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    from mturk_models.cli import main

    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse: --help, usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


KEY_02 = str(data_path("answer_keys/key_02.xml"))
TEST_02 = str(data_path("answer_keys/test_02.xml"))
RIGHT_02 = {"Q1": ("d",), "Q2": ("c",), "Q3": ("b",), "Q4": ("b",), "Q5": ("d",), "Q6": ("b",)}


def test_cli_scores_a_list_qualification_requests_page(
    capsys: pytest.CaptureFixture[str], tmp_path: Any
) -> None:
    page = {
        "QualificationRequests": [
            {"WorkerId": "A1", "Answer": picked(**RIGHT_02).to_xml()},
            {"WorkerId": "A2", "Answer": picked(Q1=("d",), Q2=("c",)).to_xml()},
        ],
        "NumResults": 2,
    }
    path = tmp_path / "requests.json"
    path.write_text(json.dumps(page), "utf-8")
    code, out, err = score_cli(capsys, "score", "--test", TEST_02, "--key", KEY_02, str(path))
    assert code == 0
    assert out.splitlines() == ["A1\t100", "A2\t33"]
    assert "2 Workers scored" in err


def test_cli_reads_json_lines_xml_files_and_explains(
    capsys: pytest.CaptureFixture[str], tmp_path: Any
) -> None:
    lines = tmp_path / "requests.jsonl"
    rows = [{"WorkerId": f"W{n}", "Answer": picked(Q1=("d",)).to_xml()} for n in range(2)]
    lines.write_text("\n".join(json.dumps(row) for row in rows) + "\n", "utf-8")
    document = tmp_path / "worker.xml"
    document.write_text(picked(**RIGHT_02).to_xml(), "utf-8")
    code, out, _ = score_cli(
        capsys, "score", "--key", KEY_02, str(lines), str(document), "--explain"
    )
    assert code == 0
    assert "W0\t17" in out
    assert f"{document}\t100" in out
    assert "summed score: 6" in out
    assert "Q1: d -> option 4, +1" in out


def test_cli_reports_bad_inputs_and_goes_on(
    capsys: pytest.CaptureFixture[str], tmp_path: Any
) -> None:
    good = tmp_path / "good.json"
    good.write_text(
        json.dumps(
            [
                {"WorkerId": "A1", "Answer": picked(Q1=("d",)).to_xml()},
                {"WorkerId": "A2", "Answer": "<broken"},
            ]
        ),
        "utf-8",
    )
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"AssignmentId": "x"}), "utf-8")
    code, out, err = score_cli(
        capsys, "score", "--key", KEY_02, str(good), str(other), str(tmp_path / "missing.json")
    )
    assert code == 1
    assert out.splitlines() == ["A1\t17"]
    assert "A2" in err
    assert "other.json" in err
    assert "missing.json" in err
    assert "Traceback" not in err


def test_cli_key_and_test_problems(capsys: pytest.CaptureFixture[str], tmp_path: Any) -> None:
    broken = tmp_path / "key.xml"
    broken.write_text(f'<AnswerKey xmlns="{NS}"/>', "utf-8")
    answers = tmp_path / "a.xml"
    answers.write_text(picked(Q1=("d",)).to_xml(), "utf-8")
    code, _, err = score_cli(capsys, "score", "--key", str(broken), str(answers))
    assert code == 1
    assert "Question" in err
    keyed = tmp_path / "k.xml"
    keyed.write_text(key(question("Q1", (("zz",), 1))).to_xml(), "utf-8")
    code, out, err = score_cli(
        capsys, "score", "--key", str(keyed), "--test", TEST_02, str(answers)
    )
    assert code == 0
    assert "[key_selection_not_in_question]" in err
    assert "[test_question_not_keyed]" in err
    assert out.splitlines() == [f"{answers}\t0"]


def test_cli_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert score_cli(capsys, "score", "x.json")[0] == 2  # --key missing
    assert score_cli(capsys, "score", "--key", KEY_02)[0] == 2  # no answers
    code, out, _ = score_cli(capsys, "score", "--help")
    assert code == 0
    assert "examples:" in out


# --- the qualification-type requests run check() --------------------------------------------

TEST_01 = data_path("answer_keys/test_01.xml").read_text("utf-8")
KEY_01 = data_path("answer_keys/key_01.xml").read_text("utf-8")


def _request(kind: Any, **members: Any) -> Any:
    base: dict[str, Any] = {"Test": TEST_01, "AnswerKey": KEY_01, "TestDurationInSeconds": 600}
    if kind is CreateQualificationTypeRequest:
        base.update(Name="Fluency test", Description="Pick the best sentence")
        base.update(QualificationTypeStatus="Active")
    else:
        base.update(QualificationTypeId="3TL87MO8CLOFYXKXL2DD6F6RPQ2U4O")
    base.update(members)
    return kind.model_validate({k: v for k, v in base.items() if v is not None})


BOTH = [CreateQualificationTypeRequest, UpdateQualificationTypeRequest]


@pytest.mark.parametrize("kind", BOTH)
def test_a_key_that_fits_its_test_passes_the_requests(kind: Any) -> None:
    request = _request(kind)
    assert request.to_boto3()["AnswerKey"] == KEY_01
    model = _request(kind, AnswerKey=parse_answer_key(KEY_01))  # a model becomes its XML
    assert parse_answer_key(model.to_boto3()["AnswerKey"]) == parse_answer_key(KEY_01)


@pytest.mark.parametrize("kind", BOTH)
@pytest.mark.parametrize(
    ("change", "code"),
    [
        (("q1_a3", "q1_a9"), "key_selection_not_in_question"),
        (("<QuestionIdentifier>q2<", "<QuestionIdentifier>q9<"), "key_question_not_in_test"),
    ],
)
def test_findings_the_reference_states_are_errors(kind: Any, change: Any, code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        _request(kind, AnswerKey=KEY_01.replace(*change))
    assert [(e["type"], e["loc"]) for e in caught.value.errors()] == [(code, ("AnswerKey",))]


def test_overlapping_ranges_are_an_error_and_reported_with_the_other_errors() -> None:
    mapping = (
        "<QualificationValueMapping><RangeMapping>"
        + "".join(
            f"<SummedScoreRange><InclusiveLowerBound>{lo}</InclusiveLowerBound>"
            f"<InclusiveUpperBound>{hi}</InclusiveUpperBound><QualificationValue>{v}"
            "</QualificationValue></SummedScoreRange>"
            for lo, hi, v in ((0, 2, 0), (2, 3, 1))
        )
        + "<OutOfRangeQualificationValue>0</OutOfRangeQualificationValue></RangeMapping>"
        "</QualificationValueMapping>"
    )
    overlapping = KEY_01.replace("</AnswerKey>", mapping + "</AnswerKey>")
    with pytest.raises(ValidationError) as caught:
        _request(CreateQualificationTypeRequest, AnswerKey=overlapping, Name=None)
    assert {e["type"] for e in caught.value.errors()} == {"missing", "range_overlap"}


def test_other_findings_are_warnings() -> None:
    unscored = KEY_01[: KEY_01.index("    <Question>\n        <QuestionIdentifier>q3")]
    with pytest.warns(RequestWarning, match="test_question_not_keyed"):
        request = _request(CreateQualificationTypeRequest, AnswerKey=unscored + "</AnswerKey>")
    assert "q3" not in request.to_boto3()["AnswerKey"]


def test_a_key_that_breaks_the_schema_is_an_answer_key_document_error() -> None:
    with pytest.raises(ValidationError) as caught:
        _request(UpdateQualificationTypeRequest, AnswerKey=f'<AnswerKey xmlns="{NS}"/>')
    assert [e["type"] for e in caught.value.errors()] == ["answer_key_document"]
