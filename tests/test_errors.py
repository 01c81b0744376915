"""The exception family (drawn in exceptions.py, all exported), builders' errors, and the private
function that sums up a pydantic ValidationError for the readers' own errors."""

from __future__ import annotations

import re
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

import mturk_models
from mturk_models import (
    InputError,
    MTurkModelsError,
    QuestionParseError,
    approval_rate_at_least,
    exceptions,
    hits_approved_at_least,
    locale_in,
    locale_not_in,
    masters,
    parse_question,
)
from mturk_models._errors import summarize


class Pair(BaseModel):
    a: int
    b: int


def errors_of(data: object) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        Pair.model_validate(data)
    return info.value


def test_first_error_with_value_and_count() -> None:
    summary = summarize(errors_of({"a": "x", "b": "y"}))
    assert summary.loc == ("a",)
    assert summary.error["type"] == "int_parsing"
    assert summary.message.endswith("; got 'x' (and 1 more error)")
    assert summarize(errors_of({"a": 1, "b": "y"})).message.endswith("; got 'y'")
    assert summarize(errors_of({})).message == "Field required; got {} (and 1 more error)"


def test_long_values_are_shortened() -> None:
    message = summarize(errors_of({"a": "x" * 500, "b": 1})).message
    assert message.endswith("; got '" + "x" * 76 + "...")


def test_question_documents_use_the_same_summary() -> None:
    xml = (
        '<QuestionForm xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/'
        '2017-11-06/QuestionForm.xsd"><Question><QuestionIdentifier>q1</QuestionIdentifier>'
        "<QuestionContent><Text>Q?</Text></QuestionContent><AnswerSpecification>"
        "<SelectionAnswer><StyleSuggestion>slider</StyleSuggestion><Selections><Selection>"
        "<SelectionIdentifier>a</SelectionIdentifier><Text>A</Text></Selection></Selections>"
        "</SelectionAnswer></AnswerSpecification></Question></QuestionForm>"
    )
    with pytest.raises(QuestionParseError, match=r"at StyleSuggestion: .*; got 'slider'"):
        parse_question(xml)


# --- the exception family ---------------------------------------------------------------------


def _exception_classes() -> list[type[BaseException]]:
    return [
        value
        for value in vars(exceptions).values()
        if isinstance(value, type)
        and issubclass(value, BaseException)
        and value.__module__ == exceptions.__name__
    ]


def test_every_exception_class_is_drawn_in_the_tree_and_exported() -> None:
    tree = exceptions.__doc__ or ""
    classes = _exception_classes()
    assert len(classes) >= 10
    for cls in classes:
        assert re.search(rf"(── |^    ){cls.__name__}\b", tree, re.MULTILINE), cls.__name__
        assert cls.__name__ in exceptions.__all__, cls.__name__
        assert getattr(mturk_models, cls.__name__) is cls, cls.__name__
        assert cls.__name__ in mturk_models.__all__, cls.__name__


def test_every_error_is_the_librarys_and_every_warning_too() -> None:
    for cls in _exception_classes():
        if issubclass(cls, Warning):
            assert issubclass(cls, exceptions.MTurkModelsWarning), cls
        else:
            assert issubclass(cls, exceptions.MTurkModelsError), cls
            if issubclass(cls, exceptions.MTurkAPIError):
                # MTurk's own refusal of a call that was sent: not a bad value of the caller's.
                assert not issubclass(cls, (ValueError, KeyError)), cls
            elif cls is not exceptions.MTurkModelsError:  # the base alone is neither
                assert issubclass(cls, (ValueError, KeyError)), cls


def test_the_tree_draws_each_class_under_its_base() -> None:
    tree = exceptions.__doc__ or ""
    lines = [line for line in tree.splitlines() if "── " in line]
    for line in lines:
        name = line.split("── ", 1)[1].split()[0]
        cls = getattr(exceptions, name)
        depth = line.index("── ") // 4
        parent = None
        for above in reversed(lines[: lines.index(line)]):
            if above.index("── ") // 4 == depth - 1:
                parent = getattr(exceptions, above.split("── ", 1)[1].split()[0])
                break
        base = parent or (
            exceptions.MTurkModelsWarning
            if issubclass(cls, Warning)
            else exceptions.MTurkModelsError
        )
        assert issubclass(cls, base), (name, base)


# --- builders raise the library's own error ---------------------------------------------------


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda: approval_rate_at_least(101), "approval_rate_range"),
        (lambda: approval_rate_at_least(-1), "approval_rate_range"),
        (lambda: approval_rate_at_least(True), "approval_rate_range"),
        (lambda: approval_rate_at_least(95.5), "approval_rate_range"),
        (lambda: hits_approved_at_least(-1), "hits_approved_range"),
        (lambda: hits_approved_at_least(2**31), "hits_approved_range"),
        (lambda: hits_approved_at_least(10**5000), "hits_approved_range"),
        (lambda: masters("prod"), "masters_environment"),
        (lambda: masters([]), "masters_environment"),
        (lambda: locale_in(("US", "WA", "x")), "locale_spec_tuple"),
        (lambda: locale_not_in("US", ()), "locale_spec_tuple"),
        (lambda: locale_in(840), "locale_spec_type"),
    ],
)
def test_builders_raise_input_error_with_a_code(call: Any, code: str) -> None:
    with pytest.raises(InputError) as info:
        call()
    assert info.value.code == code
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, MTurkModelsError)
    assert type(info.value) is InputError  # not a bare ValueError, not pydantic's


def test_builder_edges_that_are_valid() -> None:
    assert hits_approved_at_least(0).integer_values == (0,)
    assert hits_approved_at_least(2**31 - 1).integer_values == (2**31 - 1,)
    assert approval_rate_at_least(0).integer_values == (0,)
    assert approval_rate_at_least(100).integer_values == (100,)
    assert masters("SANDBOX").qualification_type_id == masters("sandbox").qualification_type_id
