"""File upload answers whose size is zero, read by both answer readers.

The schema (QuestionFormAnswers 2005-10-01) gives a file upload answer exactly one
``UploadedFileSizeInBytes`` followed by one ``UploadedFileKey``. The library reads a size of 0
(a FileUploadAnswer's MinFileSizeInBytes may be 0), so 0 must count as a size that was read:
a second size after it is an error, never a value that silently replaces the first.
"""

from __future__ import annotations

import pytest

from mturk_models import (
    QUESTION_FORM_ANSWERS_NAMESPACE,
    MalformedAnswerError,
    UploadedFileAnswer,
    parse_answers,
)
from mturk_models.documents import answers as answers_module

HEAD = (  # the head MTurk writes
    '<?xml version="1.0" encoding="ASCII"?>'
    f'<QuestionFormAnswers xmlns="{QUESTION_FORM_ANSWERS_NAMESPACE}">'
)


def document(body: str) -> str:
    """A document in MTurk's shape holding one Answer to the question ``photo``."""
    return (
        f"{HEAD}<Answer><QuestionIdentifier>photo</QuestionIdentifier>{body}</Answer>"
        "</QuestionFormAnswers>"
    )


def size(text: str) -> str:
    return f"<UploadedFileSizeInBytes>{text}</UploadedFileSizeInBytes>"


KEY = "<UploadedFileKey>A2Z5/2OM6/photo/x.jpg</UploadedFileKey>"


@pytest.mark.parametrize("zero", ["0", "000", "+0", " 0 "])
def test_a_zero_size_is_read_by_both_readers(zero: str) -> None:
    xml = document(size(zero) + KEY)
    expected = UploadedFileAnswer(
        question_identifier="photo",
        uploaded_file_key="A2Z5/2OM6/photo/x.jpg",
        uploaded_file_size_in_bytes=0,
    )
    assert parse_answers(xml)["photo"] == expected
    assert parse_answers(xml.encode("ascii"))["photo"] == expected
    assert answers_module._parse(xml, answers_module._read_events)["photo"] == expected


def test_the_fast_reader_takes_a_zero_size_in_mturks_shape() -> None:
    xml = document(size("0") + KEY)
    fast = answers_module._read_canonical(xml)
    assert fast is not None
    assert fast == parse_answers(xml)
    assert fast["photo"].value == {
        "uploaded_file_key": "A2Z5/2OM6/photo/x.jpg",
        "uploaded_file_size_in_bytes": 0,
    }


@pytest.mark.parametrize("zero", ["0", "000", "+0"])
@pytest.mark.parametrize("second", ["0", "7", "315012"])
@pytest.mark.parametrize(
    "body",
    [
        "{zero}{second}{key}",  # two sizes, then the key
        "{zero}{second}",  # two sizes and no key
        "{zero}{key}{second}",  # a second size after the key
    ],
    ids=["sizes_then_key", "sizes_without_key", "size_after_key"],
)
def test_a_second_size_after_a_zero_size_is_refused(zero: str, second: str, body: str) -> None:
    xml = document(body.format(zero=size(zero), second=size(second), key=KEY))
    # The fast reader does not take a document outside the schema's shape ...
    assert answers_module._read_canonical(xml) is None
    # ... and the general reader refuses it, at the second size, whichever way it is given.
    for given in (xml, xml.encode("ascii")):
        with pytest.raises(MalformedAnswerError) as info:
            parse_answers(given)
        error = info.value
        assert error.element == "UploadedFileSizeInBytes"
        assert error.location == "QuestionFormAnswers/Answer[1]/UploadedFileSizeInBytes[2]"
        assert error.line == 1
        assert xml.find(size(second), xml.find(size(zero)) + 1) == error.column
    with pytest.raises(MalformedAnswerError) as info:
        answers_module._parse(xml, answers_module._read_events)
    assert info.value.location == "QuestionFormAnswers/Answer[1]/UploadedFileSizeInBytes[2]"


def test_a_zero_size_in_one_answer_does_not_count_in_the_next() -> None:
    # Each Answer starts with no size read: a zero in the first does not refuse the second's size.
    xml = (
        f"{HEAD}<Answer><QuestionIdentifier>a</QuestionIdentifier>{size('0')}{KEY}</Answer>"
        f"<Answer><QuestionIdentifier>b</QuestionIdentifier>{size('5')}{KEY}</Answer>"
        "</QuestionFormAnswers>"
    )
    for answers in (parse_answers(xml), answers_module._parse(xml, answers_module._read_events)):
        assert [a.value["uploaded_file_size_in_bytes"] for a in answers] == [0, 5]
