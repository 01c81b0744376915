"""AnswerFormatRegex checked with JavaScript's meaning, and the answer checks of ``_checks``."""

from __future__ import annotations

import time
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mturk_models import (
    Constraints,
    FreeTextAnswerSpecification,
    IsNumeric,
    Question,
    QuestionForm,
    Selection,
    SelectionAnswer,
    SelectionAnswerSpecification,
    TextContent,
)
from mturk_models.documents._jsregex import JSRegexError, compile_js


def one_question_form(spec: Any, **fields: Any) -> QuestionForm:
    """A form of one question ``q`` with the answer specification ``spec``."""
    question = Question(
        question_identifier="q",
        question_content=(TextContent(text="Q?"),),
        answer_specification=spec,
        **fields,
    )
    return QuestionForm(items=(question,))


def regex_form(regex: str, flags: str | None = None) -> QuestionForm:
    rule = {"regex": regex, "flags": flags}
    return one_question_form(
        FreeTextAnswerSpecification(constraints=Constraints(answer_format_regex=(rule,)))
    )


def codes(regex: str, answer: str, flags: str | None = None) -> list[str]:
    form = regex_form(regex, flags)
    return [f.code for f in form.check([SimpleNamespace(question_identifier="q", text=answer)])]


# Each of these passed (or failed) in Python's re where JavaScript's RegExp.test says otherwise.
@pytest.mark.parametrize(
    ("regex", "flags", "answer", "expected"),
    [
        (r"^\d{3}$", None, "123\n", ["answer_regex"]),  # $ only at the very end
        (r"^\d+$", None, "١٢٣", ["answer_regex"]),  # \d is ASCII
        (r"^\w+$", None, "é", ["answer_regex"]),  # \w is ASCII
        (r"\bx", None, "éx", []),  # \b is ASCII: é is no word character
        (r"^a.b$", None, "a\rb", ["answer_regex"]),  # . excludes line terminators
        (r"^a.b$", None, "a\u2028b", ["answer_regex"]),
        (r"^a.b$", "s", "a\rb", []),
        (r"^a\Z", None, "a", ["answer_regex"]),  # \Z is the letter Z
        (r"^a\Z", None, "aZ", []),
        (r"^\A\a\U\N$", None, "AaUN", []),
        (r"(?i)^a$", None, "a", ["answer_regex_unsupported"]),
        (r"(?P<n>a)", None, "a", ["answer_regex_unsupported"]),
        ("^a$", "xyz", "a", ["answer_regex_unsupported"]),
        ("^a$", "u", "a", ["answer_regex_unsupported"]),
        ("^a$", "v", "a", ["answer_regex_unsupported"]),
        ("a", "y", "ba", ["answer_regex"]),  # sticky: from index 0 only
        ("a", "gd", "ba", []),
        (r"^a\s$", None, "a\ufeff", []),  # JavaScript's whitespace, not str.isspace()
        (r"^a\s$", None, "a\x1c", ["answer_regex"]),
        (r"^a\s$", None, "a\x85", ["answer_regex"]),
        ("^b", "m", "a\rb", []),  # with m, ^ and $ also at \r, \u2028, \u2029
        ("a$", "m", "a\u2029b", []),
        ("^b", None, "a\nb", ["answer_regex"]),
    ],
)
def test_javascript_meaning(
    regex: str, flags: str | None, answer: str, expected: list[str]
) -> None:
    assert codes(regex, answer, flags) == expected


# (regex, flags, answer, RegExp(regex, flags).test(answer)), each checked in Node.js 20.
JAVASCRIPT = [
    (r"^\d{5}(-\d{4})?$", "", "12345-6789", True),
    (r"^\d{5}(-\d{4})?$", "", "12345\n", False),
    (r"^[A-Z]+$", "i", "abc", True),
    (r"^[\w.]+@[\w.]+$", "", "a.b@c.d", True),
    (r"^[\w.]+@[\w.]+$", "", "ä@c.d", False),
    (r"^\S+$", "", "a\u00a0b", False),
    (r"^[^\s]+$", "", "a\ufeffb", False),
    (r"^.$", "", "😀", False),  # two UTF-16 code units
    (r"^..$", "", "😀", True),
    (r"(?<n>a)\k<n>", "", "aa", True),
    (r"(?<year>\d{4})-\k<year>", "", "2024-2025", False),
    (r"(a)|\1b", "", "b", True),  # a group that took no part matches the empty string
    (r"\1(a)", "", "a", True),
    (r"(a\1)b", "", "ab", True),  # inside its own group, a reference matches the empty string
    (r"(?<n>a\k<n>)", "", "a", True),
    (r"((a)\2)", "", "aa", True),
    (r"\11", "", "\t", True),  # octal: there is no group 11
    (r"\8", "", "8", True),
    (r"[\b]", "", "\b", True),
    (r"\cJ", "", "\n", True),
    (r"\c1", "", "\\c1", True),
    (r"\u{3}", "", "uuu", True),
    (r"\x4", "", "x4", True),
    (r"\p{L}", "", "p{L}", True),
    (r"a{,3}", "", "a{,3}", True),
    (r"a{2}", "", "a{2}", False),
    (r"x{e<=1}", "", "x{e<=1}", True),
    (r"[^]", "", "\n", True),
    (r"[]", "", "x", False),
    (r"[\W\d]", "", "5", True),
    (r"[^\W\d]", "", "5", False),
    (r"[^\W\d]", "", "_", True),
    (r"[\d-z]", "", "-", True),
    (r"[a-]", "", "-", True),
    (r"[[]", "", "[", True),
    (r"]}", "", "]}", True),
    (r"^(?=a)*b", "", "b", True),
    (r"(?<=a+)b", "", "aab", True),
    (r"(?<!a)b", "", "ab", False),
    (r"\bé", "", "é", False),
    (r"\Bé", "", "é", True),
    (r"\w", "i", "\u017f", False),  # ſ: \w stays ASCII ignoring case
    (r"^é$", "i", "É", True),
    (r"^\s$", "", "\u3000", True),
    (r"^.$", "s", "\u2028", True),
    (r"a.c", "", "a\u2029c", False),
    (r"^$", "", "", True),
]


@pytest.mark.parametrize(("regex", "flags", "answer", "result"), JAVASCRIPT)
def test_cross_check_with_javascript(regex: str, flags: str, answer: str, result: bool) -> None:
    assert compile_js(regex, flags).test(answer, timeout=1) is result


@pytest.mark.parametrize(
    ("regex", "flags", "why"),
    [
        ("(?i)a", "", "invalid group"),
        ("(?P<n>a)", "", "invalid group"),
        ("(?#x)", "", "invalid group"),
        ("(?x)a", "", "invalid group"),
        ("(?<n>a)(?<n>b)", "", "duplicate capture group name"),
        ("(?<1>a)", "", "invalid capture group name"),
        ("a**", "", "nothing to repeat"),
        ("a++", "", "nothing to repeat"),
        ("a{2}{3}", "", "nothing to repeat"),
        ("{2}", "", "nothing to repeat"),
        ("^*", "", "nothing to repeat"),
        (r"\b+", "", "nothing to repeat"),
        ("(?<=a)+", "", "nothing to repeat"),
        ("a{2,1}", "", "numbers out of order"),
        ("[z-a]", "", "range out of order"),
        ("(a", "", "unterminated group"),
        ("a)", "", "unmatched"),
        ("[a", "", "unterminated character class"),
        ("a\\", "", "at end of pattern"),
        (r"(?<n>a)\k<m>", "", "invalid named reference"),
        (r"(?<n>a)[\k]", "", "character class"),
        ("a", "ii", "repeated flag"),
        ("a", "I", "invalid flag"),
        ("a", "u", "not emulated"),
        ("a{99999999999}", "", "repeat count too big"),  # valid in JavaScript, too big here
    ],
)
def test_javascript_syntax_errors(regex: str, flags: str, why: str) -> None:
    with pytest.raises(JSRegexError, match=why):
        compile_js(regex, flags)


def test_unsupported_finding_names_the_reason() -> None:
    form = regex_form("(?i)^a$")
    (finding,) = form.check([SimpleNamespace(question_identifier="q", text="a")])
    assert finding.code == "answer_regex_unsupported"
    assert "invalid group '(?i)'" in finding.message


def test_catastrophic_backtracking_times_out() -> None:
    start = time.perf_counter()
    assert codes("^(a+)+$", "a" * 40 + "b") == ["answer_regex"]  # no hang in regex either
    form = regex_form("^(a|a)+$")
    findings = form.check([SimpleNamespace(question_identifier="q", text="a" * 40 + "b")])
    assert time.perf_counter() - start < 2
    assert [f.code for f in findings] == ["answer_regex_timeout"]
    assert "within 0.1 s: the pattern backtracks catastrophically" in findings[0].message


def test_translations_are_cached() -> None:
    assert compile_js(r"^\d+$", "") is compile_js(r"^\d+$", "")


@given(
    st.text(
        st.sampled_from(list("ab^$.|()[]{}?*+-\\,<>=!:0123456789dDwWsSbBkuxcPAZ\n é")), max_size=20
    ),
    st.sampled_from(["", "i", "m", "s", "y", "gim", "u", "q", "ii"]),
    st.text(max_size=20),
)
def test_any_regex_and_answer_give_findings(regex: str, flags: str, answer: str) -> None:
    if not regex:
        return
    findings = codes(regex, answer, flags or None)
    assert set(findings) <= {"answer_regex", "answer_regex_unsupported", "answer_regex_timeout"}


# --- the other answer checks ---------------------------------------------------------------------


def test_regex_finding_quotes_a_long_answer_shortened() -> None:
    form = regex_form("^a$")
    (finding,) = form.check([SimpleNamespace(question_identifier="q", text="b" * 100_000)])
    assert finding.code == "answer_regex"
    assert finding.message.endswith("... (100000 characters)")
    assert len(finding.message) < 200


def pick_form(**fields: Any) -> QuestionForm:
    spec = SelectionAnswerSpecification(
        selections=(
            Selection(selection_identifier="y", text="Yes"),
            Selection(selection_identifier="n", text="No"),
        ),
        **fields,
    )
    return one_question_form(spec, is_required=True)


def test_an_empty_other_text_is_no_selection() -> None:
    form = pick_form(other_selection=FreeTextAnswerSpecification())
    answer = SelectionAnswer(
        question_identifier="q", selection_identifiers=("y",), other_selection_text=""
    )
    assert form.check([answer]) == []  # one selection, as max_selection_count (1) allows
    empty = SelectionAnswer(
        question_identifier="q", selection_identifiers=(), other_selection_text=""
    )
    assert [f.code for f in form.check([empty])] == ["answer_required"]


def test_a_repeated_selection_counts_once() -> None:
    form = pick_form(max_selection_count=1)
    answer = SelectionAnswer(question_identifier="q", selection_identifiers=("y", "y"))
    findings = form.check([answer])
    assert [f.code for f in findings] == ["selection_duplicate"]
    assert findings[0].message == "Answer to 'q' selects 'y' more than once"
    unknown = SelectionAnswer(question_identifier="q", selection_identifiers=("x", "x", "n"))
    assert [f.code for f in form.check([unknown])] == [
        "selection_duplicate",
        "selection_unknown",
        "selection_count",
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [("١٢", "١٢"), ("\u00a012", "\u00a012"), ("12\u2003", "12\u2003"), (" \t12\r\n", 12)],
)
def test_is_numeric_is_ascii_digits_between_xml_whitespace(text: str, value: object) -> None:
    form = QuestionForm(
        items=(
            Question(
                question_identifier="n",
                question_content=(TextContent(text="N?"),),
                answer_specification=FreeTextAnswerSpecification(
                    constraints=Constraints(is_numeric=IsNumeric())
                ),
            ),
        )
    )
    answer = SimpleNamespace(question_identifier="n", text=text)
    assert form.values([answer]) == {"n": value}
    assert [f.code for f in form.check([answer])] == ([] if value == 12 else ["answer_not_numeric"])
