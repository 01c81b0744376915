"""Hypothesis strategies for mturk-models data, for your own property-based tests.

Needs ``hypothesis`` (``pip install mturk-models[tests]``). Every strategy builds valid models.

>>> from hypothesis import given, settings
>>> from mturk_models.answers import parse_answers
>>> @settings(max_examples=20, deadline=None)
... @given(question_form_answers())
... def test_round_trip(answers):
...     assert parse_answers(answers.to_xml()) == answers
>>> test_round_trip()
"""

from __future__ import annotations

from hypothesis import strategies as st

from .answers import FreeTextAnswer, QuestionFormAnswers, SelectionAnswer, UploadedFileAnswer

__all__ = [
    "answer_texts",
    "free_text_answers",
    "question_form_answers",
    "question_identifiers",
    "selection_answers",
    "uploaded_file_answers",
]

# --- answers ---

# XML 1.0 forbids C0 controls other than tab, LF and CR, lone surrogates, U+FFFE and U+FFFF.
_NOT_XML = "".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r") + "\ufffe\uffff"
_XML_CHARACTERS = st.characters(codec="utf-8", exclude_characters=_NOT_XML)  # utf-8: no surrogates
# Pieces that break naive writers and readers: markup, references, the CDATA end, line ends.
_TRICKY = st.sampled_from(
    ["<", ">", "&", "&amp;", "&#13;", "]]>", "\r", "\r\n", "\n", "\t", " ", "  ", '"', "'", "😀"]
)
_XML_WHITESPACE = " \t\r\n"


def answer_texts() -> st.SearchStrategy[str]:
    """Free text as a Worker may send it: any character XML 1.0 allows, markup, CRs, spaces."""
    return st.lists(st.one_of(st.text(_XML_CHARACTERS, max_size=12), _TRICKY), max_size=6).map(
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
