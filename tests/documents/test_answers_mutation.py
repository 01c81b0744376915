"""parse_answers: the behaviours that mutation testing found no test for.

Every test goes through :func:`parse_answers` and the public models only, so that it holds
whichever reader (the fast one for MTurk's shape, or the general one) reads a document.
"""

from __future__ import annotations

import pytest

from mturk_models import (
    QUESTION_FORM_ANSWERS_NAMESPACE,
    AnswerNotFoundError,
    FreeTextAnswer,
    MalformedAnswerError,
    QuestionFormAnswers,
    UnsafeXMLError,
    parse_answers,
)

NS = QUESTION_FORM_ANSWERS_NAMESPACE


def test_every_unexpected_attribute_is_named() -> None:
    """An element with attributes is refused, and the error lists each of them."""
    document = (
        '<QuestionFormAnswers><Answer a="1" b="2"><QuestionIdentifier>q</QuestionIdentifier>'
        "</Answer></QuestionFormAnswers>"
    )
    with pytest.raises(MalformedAnswerError) as info:
        parse_answers(document)
    assert "got a, b " in str(info.value)
    assert (info.value.element, info.value.line, info.value.column) == ("Answer", 1, 21)


@pytest.mark.parametrize("root", [f'<QuestionFormAnswers xmlns="{NS}">', "<QuestionFormAnswers>"])
@pytest.mark.parametrize("first", ["0", "5"])
def test_a_second_file_size_is_refused_even_after_a_zero_size(root: str, first: str) -> None:
    """An Answer holds one UploadedFileSizeInBytes: a second one is refused, also when the
    first is 0 (a valid size, which must still count as present)."""
    document = (
        f"{root}<Answer><QuestionIdentifier>photo</QuestionIdentifier>"
        f"<UploadedFileSizeInBytes>{first}</UploadedFileSizeInBytes>"
        "<UploadedFileSizeInBytes>7</UploadedFileSizeInBytes>"
        "<UploadedFileKey>A1/photo.jpg</UploadedFileKey></Answer></QuestionFormAnswers>"
    )
    with pytest.raises(MalformedAnswerError) as info:
        parse_answers(document)
    assert info.value.element == "UploadedFileSizeInBytes"
    assert "holds one UploadedFileSizeInBytes" in str(info.value)


def test_a_declared_single_byte_encoding_is_honoured_even_when_the_bytes_are_utf8() -> None:
    """Bytes declared ISO-8859-1 are read as ISO-8859-1, also when they happen to be valid
    UTF-8 too: b"caf\\xc3\\xa9" is "cafÃ©", as expat reads it, not "café"."""
    document = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>'
        f'<QuestionFormAnswers xmlns="{NS}"><Answer><QuestionIdentifier>q</QuestionIdentifier>'
        "<FreeText>caf\u00c3\u00a9</FreeText></Answer></QuestionFormAnswers>"
    ).encode("latin-1")
    assert b"caf\xc3\xa9" in document
    assert parse_answers(document)["q"].value == "caf\u00c3\u00a9"


def test_an_xinclude_element_is_refused_with_its_position() -> None:
    document = (
        "<QuestionFormAnswers>\n <Answer><QuestionIdentifier>q</QuestionIdentifier>\n"
        '  <xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="x"/></Answer>'
        "</QuestionFormAnswers>"
    )
    with pytest.raises(UnsafeXMLError) as info:
        parse_answers(document)
    assert (info.value.line, info.value.column) == (3, 2)


@pytest.mark.parametrize(("count", "elided"), [(10, False), (11, True)])
def test_a_missing_identifier_lists_at_most_ten_known_ones(count: int, elided: bool) -> None:
    """The lookup error lists the document's identifiers, the first ten, then "..." only when
    there are more."""
    answers = QuestionFormAnswers(
        answers=[FreeTextAnswer(question_identifier=f"q{i}", text="") for i in range(count)]
    )
    with pytest.raises(AnswerNotFoundError) as info:
        answers["missing"]
    message = str(info.value)
    assert ("'q9'" in message, "'q10'" in message) == (True, False)
    assert message.endswith(", ...") is elided


def test_an_unknown_element_is_named_as_outside_the_schema_with_its_path() -> None:
    document = (
        "<QuestionFormAnswers><Answer><QuestionIdentifier>q</QuestionIdentifier><Extra/>"
        "</Answer></QuestionFormAnswers>"
    )
    with pytest.raises(MalformedAnswerError) as info:
        parse_answers(document)
    assert str(info.value) == (
        "this is not a QuestionFormAnswers element (element Extra at line 1, column 71)"
    )
    assert info.value.location == "QuestionFormAnswers/Answer[1]/Extra[1]"


@pytest.mark.parametrize("kind", [str, bytes])
@pytest.mark.parametrize(
    ("raw", "read"), [("a\r\nb\rc", "a\nb\nc"), ("a\r\nb\rc&#13;d", "a\nb\nc\rd")]
)
def test_raw_line_ends_in_other_text_are_read_as_xml_reads_them(
    kind: type, raw: str, read: str
) -> None:
    """A raw CR or CRLF in a document in MTurk's own shape is a line feed, as XML defines
    (only the character reference &#13; gives a CR), in the "other" text of a selection too."""
    document = (
        f'<?xml version="1.0" encoding="ASCII"?><QuestionFormAnswers xmlns="{NS}"><Answer>'
        "<QuestionIdentifier>c</QuestionIdentifier><SelectionIdentifier>x</SelectionIdentifier>"
        f"<OtherSelectionText>{raw}</OtherSelectionText></Answer></QuestionFormAnswers>"
    )
    data = document if kind is str else document.encode("ascii")
    assert parse_answers(data)["c"].value == ["x", read]


def test_an_element_outside_the_roots_namespace_is_refused_with_its_position() -> None:
    document = (
        f'<QuestionFormAnswers xmlns="{NS}"><Answer xmlns="">'
        "<QuestionIdentifier>c</QuestionIdentifier></Answer></QuestionFormAnswers>"
    )
    with pytest.raises(MalformedAnswerError) as info:
        parse_answers(document)
    assert str(info.value) == (
        "every element must be in the namespace of the root element (element Answer at line 1, "
        "column 129)"
    )


@pytest.mark.parametrize("root", [f'<QuestionFormAnswers xmlns="{NS}">', "<QuestionFormAnswers>"])
def test_a_file_key_is_stripped_of_xml_whitespace_only(root: str) -> None:
    """Identifiers and file keys lose the XML whitespace around them, nothing more: a
    no-break space is part of the key."""
    document = (
        f"{root}<Answer><QuestionIdentifier>f</QuestionIdentifier>"
        "<UploadedFileSizeInBytes>3</UploadedFileSizeInBytes>"
        "<UploadedFileKey> \u00a0k\u00a0\n</UploadedFileKey></Answer></QuestionFormAnswers>"
    )
    assert parse_answers(document)["f"].value["uploaded_file_key"] == "\u00a0k\u00a0"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "<QuestionIdentifier> </QuestionIdentifier>",
            "the QuestionIdentifier is empty (element QuestionIdentifier at line 1, column 29)",
        ),
        (
            "<QuestionIdentifier>q</QuestionIdentifier><FreeText>a</FreeText>"
            "<FreeText>b</FreeText>",
            "an Answer holds one FreeText (element FreeText at line 1, column 93)",
        ),
    ],
)
def test_an_answer_breaking_a_schema_rule_is_told_which(body: str, message: str) -> None:
    with pytest.raises(MalformedAnswerError) as info:
        parse_answers(f"<QuestionFormAnswers><Answer>{body}</Answer></QuestionFormAnswers>")
    assert str(info.value) == message


def test_an_unknown_element_in_the_namespace_is_located_by_its_local_name() -> None:
    document = (
        f'<QuestionFormAnswers xmlns="{NS}"><Answer><QuestionIdentifier>q</QuestionIdentifier>'
        "<Extra/></Answer></QuestionFormAnswers>"
    )
    with pytest.raises(MalformedAnswerError) as info:
        parse_answers(document)
    assert info.value.location == "QuestionFormAnswers/Answer[1]/Extra[1]"
