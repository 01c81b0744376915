"""decode_task_answers and fold_choices, on the recorded batch CSV files and on broken input."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mturk_models import (
    AnswerParseError,
    CrowdAnswerError,
    FreeTextAnswer,
    QuestionFormAnswers,
    decode_task_answers,
    fold_choices,
)

DATA = Path(__file__).parent.parent / "data"
_SURROGATES = re.compile(r"[\ud800-\udfff]")


def rows(name: str) -> list[dict[str, Any]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --- decode_task_answers ----------------------------------------------------------------------


def test_decode_batch_04_task_answers() -> None:
    tasks = decode_task_answers(rows("batch_04.csv")[0]["Answer.taskAnswers"])
    assert len(tasks) == 1
    task = tasks[0]
    assert task["comments"] == "The videos are many compared to the amount that is being paid."
    assert task["confidence-0"] == {"high": True, "low": False}
    assert task["reasons-0"]["remove dirt"] is True


def test_decode_non_ascii_and_empty_submission() -> None:
    texts = [row["Answer.taskAnswers"] for row in rows("batch_07.csv")]
    assert any("\u2019" in text for text in texts)
    assert all(len(decode_task_answers(text)) == 1 for text in texts)
    assert decode_task_answers(rows("batch_04.csv")[2]["Answer.taskAnswers"]) == [{}]
    assert decode_task_answers(texts[0].encode("utf-8")) == decode_task_answers(texts[0])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "not valid JSON at line 1, column 1: Expecting value"),
        ('[{"a": 1}', "not valid JSON at line 1, column 10"),
        ("[{'a': 1}]", "not valid JSON at line 1, column 3"),
        ("[NaN]", "NaN is not JSON"),
        ('[{"a": Infinity}]', "Infinity is not JSON"),
        ('[{"a": 1e999}]', "the number 1e999 is too large for a float"),
        ('[{"a": -1E+400}]', "the number -1E\\+400 is too large"),
        ('{"a": 1}', "must be a JSON array of objects, one per task; got a dict"),
        ('"text"', "got a str"),
        ("null", "got a NoneType"),
        ('[{"a": 1}, [1, 2]]', "item 1 must be a JSON object; got list"),
        ("[1]", "item 0 must be a JSON object; got int 1"),
        (b"[\xff]", "cannot be read as JSON"),
        ("[" * 100_000 + "]" * 100_000, "cannot be read as JSON"),
    ],
)
def test_decode_errors(text: str | bytes, message: str) -> None:
    with pytest.raises(CrowdAnswerError, match=message) as info:
        decode_task_answers(text)
    assert isinstance(info.value, AnswerParseError)
    assert isinstance(info.value, ValueError)
    assert info.value.__cause__ is not None or "got" in message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[{"t":"\\ud800"}]', r"lone surrogate U\+D800 \(an unpaired \\ud800 escape\)"),
        ('[{"t":"\\uDFFF x"}]', r"lone surrogate U\+DFFF \(an unpaired \\udfff escape\)"),
        ('[{"\\ud83d": 1}]', r"U\+D83D \(an unpaired"),  # in a key
        ('[{"t":"\\ude00\\ud83d"}]', r"U\+D83D|U\+DE00"),  # the pair the wrong way round
        ('[{"t":"\ud800"}]', "lone surrogate U\\+D800 at line 1, column 8, which is not Unicode"),
        ('[{"t": "ok",\n "u": "\udfff"}]', "U\\+DFFF at line 2, column 8"),
        ('["\ud800', "lone surrogate U\\+D800 at line 1"),  # before any JSON error
        (b'[{"t":"\xed\xa0\x80"}]', "lone surrogate U\\+D800 at line 1, column 8"),
        ('[{"t":"\ud800"}]'.encode("utf-16", "surrogatepass"), "lone surrogate U\\+D800"),
    ],
)
def test_lone_surrogates_are_not_text(text: str | bytes, message: str) -> None:
    with pytest.raises(CrowdAnswerError, match=message):
        decode_task_answers(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ('[{"t":"\\ud83d\\ude00"}]', "\U0001f600"),  # a pair is one character
        ('[{"t":"\\\\ud800"}]', "\\ud800"),  # an escaped backslash, then text
        ('[{"t":"\U0001f600 \\u00e9"}]', "\U0001f600 \u00e9"),
    ],
)
def test_surrogate_pairs_and_lookalikes_are_text(text: str, value: str) -> None:
    assert decode_task_answers(text) == [{"t": value}]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('[{"a": 1, "a": 2}]', "'a'"),
        ('[{"a": 1, "a": 1}]', "'a'"),  # even with the same value
        ('[{"c": {"high": true, "low": false, "high": false}}]', "'high'"),  # nested
        ('[{"t": 1}, {"b": 0, "\\u0062": 1}]', "'b'"),  # an escape spelling the same key
        ('[{"' + "k" * 100 + '": 1, "' + "k" * 100 + '": 2}]', "'" + "k" * 40 + "'"),
    ],
)
def test_duplicate_keys_are_an_error(text: str, key: str) -> None:
    with pytest.raises(CrowdAnswerError, match=f"has the key {key} twice in one object"):
        decode_task_answers(text)


def test_same_key_in_different_objects_is_fine() -> None:
    text = '[{"a": 1, "c": {"a": 2}}, {"a": 3}]'
    assert decode_task_answers(text) == [{"a": 1, "c": {"a": 2}}, {"a": 3}]


@given(st.text() | st.binary())
def test_any_text_gives_tasks_or_crowd_answer_error(text: str | bytes) -> None:
    try:
        tasks = decode_task_answers(text)
    except CrowdAnswerError:
        return
    assert isinstance(tasks, list)
    assert all(isinstance(task, dict) for task in tasks)
    json.dumps(tasks, ensure_ascii=False).encode("utf-8")  # only Unicode text comes out


@given(
    st.lists(st.text(st.characters(categories=["Cs", "Ll", "So"]), max_size=4), max_size=3),
    st.booleans(),
)
def test_decoded_strings_are_always_unicode_text(strings: list[str], escaped: bool) -> None:
    text = json.dumps([{string: string} for string in strings], ensure_ascii=escaped)
    if escaped:  # a high surrogate escape right before a low one is a pair: one character
        strings = [
            string.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
            for string in strings
        ]
    if any(_SURROGATES.search(string) for string in strings):
        with pytest.raises(CrowdAnswerError, match="lone surrogate"):
            decode_task_answers(text)
    else:
        assert decode_task_answers(text) == [{string: string} for string in strings]


def test_crowd_answers_of_a_parsed_document() -> None:
    text = rows("batch_07.csv")[0]["Answer.taskAnswers"]
    answers = QuestionFormAnswers(
        answers=(FreeTextAnswer(question_identifier="taskAnswers", text=text),)
    )
    assert answers.crowd_answers() == json.loads(text)


# --- fold_choices: crowd objects ---------------------------------------------------------------


def test_fold_batch_04_crowd_objects() -> None:
    task = decode_task_answers(rows("batch_04.csv")[0]["Answer.taskAnswers"])[0]
    folded = fold_choices(task)
    assert folded["comments"] == task["comments"]  # plain values are kept
    assert folded["confidence-0"] == "high"
    assert folded["confidence-1"] == "low"
    assert folded["how-0"] == "both"
    assert folded["reasons-0"] == "remove dirt"
    assert list(folded) == list(task)  # the order of the task is kept


def test_fold_checkbox_group_with_several_or_no_choices() -> None:
    task = decode_task_answers(rows("batch_07.csv")[0]["Answer.taskAnswers"])[0]
    folded = fold_choices(task)
    assert task["reasons-0"]["do not like dirtiness"]
    assert task["reasons-0"]["remove dirt"]
    assert folded["reasons-0"] == ("do not like dirtiness", "remove dirt")  # several: a tuple
    assert fold_choices({"g": {"a": False, "b": False}}) == {"g": None}  # none: None


@pytest.mark.parametrize(
    ("value", "folded"),
    [
        ({"high": {"on": True}, "low": {"on": False}}, "high"),
        ({"agree": {"on": True}}, "agree"),
        ({"on": True}, "on"),
        ({"label": True, "other": False}, "label"),  # label among other options: a choice
    ],
)
def test_fold_crowd_object_spellings(value: dict[str, Any], folded: Any) -> None:
    assert fold_choices({"g": value}) == {"g": folded}


@pytest.mark.parametrize(
    "value",
    [
        {},
        {"height": 400, "width": 600},  # crowd-bounding-box inputImageProperties
        {"high": True, "note": "text"},
        {"high": 1, "low": 0},  # numbers are not flags
        {"labels": ["remove dirt"]},  # crowd-classifier-multi-select
        {"high": {"on": {"deeper": True}}},
        {"high": {"on": True, "extra": 1}},
        # crowd forms send JSON booleans: text in a crowd object is never a flag
        {"yes": "true", "no": "false"},
        {"yes": "on", "no": "false"},
        {"yes": " TRUE ", "no": "False"},
        {"high": {"on": "true"}, "low": {"on": False}},
        # crowd-classifier output: a group whose only option is label is an answer
        {"label": "False"},
        {"label": "True"},
        {"label": True},
        {"label": {"on": False}},
        [{"label": "a"}],
        "plain",
        None,
    ],
)
def test_other_values_are_kept(value: Any) -> None:
    assert fold_choices({"g": value}) == {"g": value}


# --- fold_choices: flattened batch CSV columns ---------------------------------------------------


def test_fold_batch_03_flattened_radio_columns() -> None:
    row = rows("batch_03.csv")[0]
    assert (row["Answer.opt1.420"], row["Answer.opt1.42069"], row["Answer.opt1.69"]) == (
        "true",
        "false",
        "false",
    )
    folded = fold_choices(row, prefix="Answer.")
    assert folded["opt1"] == "420"
    assert folded["opt3"] == "42069"
    assert folded["opt4"] == "69"
    assert folded["set_number"] == "296"
    assert folded["srcc_flag"] == "pass"
    assert not any(key.startswith(("Input.", "HITId", "Answer.")) for key in folded)
    assert list(folded)[:4] == ["opt1", "opt2", "opt3", "opt4"]


def test_fold_batch_06_crowd_checkbox_columns() -> None:
    row = rows("batch_06.csv")[0]
    assert row["Answer.confidence.high.on"] == "true"
    folded = fold_choices(row, prefix="Answer.")
    assert folded == {
        "category.labels": row["Answer.category.labels"],
        "confidence": "high",
        "others": row["Answer.others"],
        "why": "both",
    }


def test_fold_batch_01_label_is_not_a_choice() -> None:
    row = rows("batch_01.csv")[0]
    assert fold_choices(row, prefix="Answer.") == {"category.label": row["Answer.category.label"]}


def test_crowd_classifier_labels_are_kept() -> None:
    text = '[{"claim":{"label":"False"},"c2":{"label":"True"},"c3":{"label":"neutral"}}]'
    task = decode_task_answers(text)[0]
    assert fold_choices(task) == task
    row = {"Answer.claim.label": "False", "Answer.c2.label": "true", "Answer.c3.label.on": "on"}
    assert fold_choices(row, prefix="Answer.") == {
        "claim.label": "False",
        "c2.label": "true",
        "c3.label.on": "on",
    }


def test_fold_without_prefix_keeps_every_key() -> None:
    folded = fold_choices({"HITId": "3X", "Answer.q.a": "true", "Answer.q.b": "false"})
    assert folded == {"HITId": "3X", "Answer.q": "a"}


@pytest.mark.parametrize(
    ("mapping", "folded"),
    [
        ({"c.a.on": "true", "c.b.on": "true"}, {"c": ("a", "b")}),
        ({"c.a.on": "false", "c.b.on": "false"}, {"c": None}),
        ({"c.a": True, "c.b": False}, {"c": "a"}),
        ({"agree.on": "true"}, {"agree": "on"}),
        ({"c.a": "on"}, {"c": "a"}),
        ({"c.a": ""}, {"c.a": ""}),  # an empty text field named with a dot stays text
        ({"c.a": "yes"}, {"c.a": "yes"}),
        ({"c.": "true", ".a": "true"}, {"c.": "true", ".a": "true"}),
        ({"agree": "true"}, {"agree": "true"}),  # no dot: a plain field
        ({"x.a": None}, {"x.a": None}),  # a missing CSV cell
        # only the exact texts "true", "false" and "on" are flags: no case folding, no stripping
        ({"c.a": "True"}, {"c.a": "True"}),
        ({"c.a": "FALSE"}, {"c.a": "FALSE"}),
        ({"c.a": " true"}, {"c.a": " true"}),
        ({"c.a": "on "}, {"c.a": "on "}),
        ({"c.a": "On"}, {"c.a": "On"}),
        ({"c.a": "1"}, {"c.a": "1"}),
        ({"c.a": 1}, {"c.a": 1}),
        ({"c.a.on": "TRUE", "c.b.on": "false"}, {"c.a.on": "TRUE", "c": None}),
        # a group whose only option is label is crowd-classifier output, never a choice
        ({"claim.label": "true"}, {"claim.label": "true"}),
        ({"claim.label": "false"}, {"claim.label": "false"}),
        ({"claim.label": True}, {"claim.label": True}),
        ({"claim": "x", "claim.label": "true"}, {"claim": "x", "claim.label": "true"}),
        ({"c.label": "true", "c.other": "false"}, {"c": "label"}),  # label among others: a choice
    ],
)
def test_flattened_rules(mapping: dict[str, Any], folded: dict[str, Any]) -> None:
    assert fold_choices(mapping) == folded


def test_fold_is_idempotent_on_real_rows() -> None:
    for name in ("batch_03.csv", "batch_06.csv"):
        for row in rows(name):
            once = fold_choices(row, prefix="Answer.")
            assert fold_choices(once) == once


@pytest.mark.parametrize(
    ("mapping", "folded"),
    [
        ({"c": "plain", "c.a": "true"}, {"c": "plain", "c.a": "true"}),
        ({"c.a": "true", "c": "plain"}, {"c.a": "true", "c": "plain"}),
        ({"c.a.on": "true", "c": {"x": True}}, {"c.a.on": "true", "c": "x"}),
        # the case: a question agree beside a question agree.strongly answered "true"
        ({"agree": "yes", "agree.strongly": "true"}, {"agree": "yes", "agree.strongly": "true"}),
        # the other groups still fold
        (
            {"agree": "", "agree.strongly": "on", "why.a": "true", "why.b": "false"},
            {"agree": "", "agree.strongly": "on", "why": "a"},
        ),
        # a group kept unfolded keeps its keys, which may in turn be named like a group
        (
            {"c": "x", "c.a": "true", "c.a.b": "true", "c.a.c": "false"},
            {"c": "x", "c.a": "true", "c.a.b": "true", "c.a.c": "false"},
        ),
    ],
)
def test_group_named_like_a_key_keeps_both(mapping: dict[str, Any], folded: dict[str, Any]) -> None:
    """Folding never puts two answers under one name, and never refuses them: both are kept."""
    assert fold_choices(mapping) == folded


@pytest.mark.parametrize(
    ("mapping", "text_flags", "folded"),
    [
        ({"c.a": "true", "c.b": "false"}, True, {"c": "a"}),
        ({"c.a": "true", "c.b": "false"}, False, {"c.a": "true", "c.b": "false"}),
        ({"c.a": True, "c.b": False}, False, {"c": "a"}),
        ({"g": {"a": True, "b": False}}, False, {"g": "a"}),
    ],
)
def test_text_flags_false_counts_json_booleans_only(
    mapping: dict[str, Any], text_flags: bool, folded: dict[str, Any]
) -> None:
    """In a decoded crowd object a flag is a JSON boolean; the text "true" was typed."""
    assert fold_choices(mapping, text_flags=text_flags) == folded


def test_keys_must_be_strings() -> None:
    with pytest.raises(CrowdAnswerError, match="choice keys are strings; got None"):
        fold_choices({None: ["extra", "cells"]})  # type: ignore[dict-item]


_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.sampled_from(["true", "false", "on", "True", " true", "FALSE", "x", ""]),
    lambda children: st.dictionaries(
        st.sampled_from(["a", "b", "on", "label"]), children, max_size=4
    ),
    max_leaves=8,
)
_KEYS = st.text("ab.on", max_size=8) | st.lists(
    st.sampled_from(["a", "b", "on", "label", ""]), min_size=1, max_size=3
).map(".".join)


@given(st.dictionaries(_KEYS, _VALUES, max_size=6))
def test_any_mapping_folds_and_keeps_every_answer(mapping: dict[str, Any]) -> None:
    folded = fold_choices(mapping)  # string keys never raise: a clash keeps both keys
    assert len(folded) <= len(mapping)
    for key, value in mapping.items():
        if key in folded and not isinstance(value, dict):
            assert folded[key] == value
        if isinstance(value, str) and value not in ("true", "false", "on"):
            assert folded[key] == value  # text is never a flag
        if isinstance(value, dict) and (
            list(value) == ["label"] or any(isinstance(item, str) for item in value.values())
        ):
            assert folded[key] == value  # neither is a crowd choice group
