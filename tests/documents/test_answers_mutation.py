"""parse_answers: the behaviours that mutation testing found no test for.

Every test goes through :func:`parse_answers` and the public models only, so that it holds
whichever reader (the fast one for MTurk's shape, or the general one) reads a document.
"""

from __future__ import annotations

import pickle
import pickletools

import pytest

from mturk_models import (
    QUESTION_FORM_ANSWERS_NAMESPACE,
    AnswerNotFoundError,
    FreeTextAnswer,
    MalformedAnswerError,
    QuestionFormAnswers,
    SelectionAnswer,
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


# --- found by the full mutation run of documents/answers.py ------------------------------------

XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
NBSP = "\u00a0"


def _refusal(body: str, root: str = "<QuestionFormAnswers>") -> MalformedAnswerError:
    """The error parse_answers raises for a document with these Answer elements."""
    with pytest.raises(MalformedAnswerError) as info:
        parse_answers(f"{root}{body}</QuestionFormAnswers>")
    return info.value


@pytest.mark.parametrize("root", [f'<QuestionFormAnswers xmlns="{NS}">', "<QuestionFormAnswers>"])
@pytest.mark.parametrize(
    ("body", "rule", "element"),
    [
        (
            "<FreeText>a</FreeText>",
            "QuestionFormAnswers holds only Answer elements",
            "FreeText",
        ),
        (
            "<Answer><Answer/></Answer>",
            "this element cannot be inside Answer",
            "Answer",
        ),
        (
            "<Answer><QuestionIdentifier>q</QuestionIdentifier>"
            "<QuestionIdentifier>r</QuestionIdentifier></Answer>",
            "an Answer holds one QuestionIdentifier",
            "QuestionIdentifier",
        ),
        (
            "<Answer><FreeText>a</FreeText><QuestionIdentifier>q</QuestionIdentifier></Answer>",
            "the QuestionIdentifier comes first in an Answer",
            "QuestionIdentifier",
        ),
        (
            "<Answer><QuestionIdentifier>q</QuestionIdentifier>"
            "<OtherSelectionText>o</OtherSelectionText>"
            "<SelectionIdentifier>s</SelectionIdentifier></Answer>",
            "OtherSelectionText comes after every SelectionIdentifier",
            "SelectionIdentifier",
        ),
        (
            "<Answer><QuestionIdentifier>q</QuestionIdentifier>"
            "<SelectionIdentifier> \n</SelectionIdentifier></Answer>",
            "the SelectionIdentifier is empty",
            "SelectionIdentifier",
        ),
        (
            "<Answer><QuestionIdentifier>q</QuestionIdentifier>"
            "<OtherSelectionText>o</OtherSelectionText>"
            "<OtherSelectionText>p</OtherSelectionText></Answer>",
            "an Answer holds one OtherSelectionText",
            "OtherSelectionText",
        ),
        (
            "<Answer><QuestionIdentifier>q</QuestionIdentifier>"
            "<UploadedFileSizeInBytes>1</UploadedFileSizeInBytes>"
            "<UploadedFileSizeInBytes>2</UploadedFileSizeInBytes></Answer>",
            "an Answer holds one UploadedFileSizeInBytes",
            "UploadedFileSizeInBytes",
        ),
        (
            "<Answer><QuestionIdentifier>q</QuestionIdentifier>"
            "<UploadedFileKey>k</UploadedFileKey>"
            "<UploadedFileSizeInBytes>1</UploadedFileSizeInBytes></Answer>",
            "UploadedFileSizeInBytes comes before UploadedFileKey",
            "UploadedFileSizeInBytes",
        ),
        (
            "<Answer><QuestionIdentifier>q</QuestionIdentifier>"
            "<UploadedFileSizeInBytes>1</UploadedFileSizeInBytes>"
            "<UploadedFileKey>k</UploadedFileKey><UploadedFileKey>l</UploadedFileKey></Answer>",
            "an Answer holds one UploadedFileKey",
            "UploadedFileKey",
        ),
        (
            "<Answer><QuestionIdentifier>q</QuestionIdentifier>"
            "<UploadedFileSizeInBytes>1</UploadedFileSizeInBytes>"
            "<UploadedFileKey>\t</UploadedFileKey></Answer>",
            "the UploadedFileKey is empty",
            "UploadedFileKey",
        ),
    ],
)
def test_each_schema_rule_is_stated_first_in_its_error(
    root: str, body: str, rule: str, element: str
) -> None:
    """The message of a schema refusal opens with the rule broken, then says where."""
    error = _refusal(body, root)
    assert str(error).startswith(f"{rule} (element {element} at line 1, column ")
    assert error.element == element


def test_an_answer_carries_no_schema_instance_attributes() -> None:
    """Only the root may carry xsi: attributes (schemaLocation and the like); an Answer that
    carries one is refused, naming it."""
    root = f"<QuestionFormAnswers {XSI} xsi:schemaLocation='x y'>"
    body = "<Answer xsi:type='t'><QuestionIdentifier>q</QuestionIdentifier></Answer>"
    with pytest.raises(MalformedAnswerError) as info:
        parse_answers(f"<QuestionFormAnswers {XSI}>{body}</QuestionFormAnswers>")
    assert info.value.element == "Answer"
    assert "{http://www.w3.org/2001/XMLSchema-instance}type" in str(info.value)
    assert parse_answers(f"{root}</QuestionFormAnswers>") == QuestionFormAnswers()


def test_an_element_in_the_namespace_under_a_root_without_one_is_refused() -> None:
    """Every element shares the root's namespace, also when the root has none and a later
    element declares the documented one."""
    error = _refusal(f'<Answer xmlns="{NS}"><QuestionIdentifier>q</QuestionIdentifier></Answer>')
    assert str(error).startswith("every element must be in the namespace of the root element")
    assert error.element == "Answer"


@pytest.mark.parametrize("where", ["root", "answer"])
def test_only_xml_whitespace_may_stand_between_elements(where: str) -> None:
    """A no-break space is text, not XML whitespace: between elements it is refused."""
    body = "<Answer><QuestionIdentifier>q</QuestionIdentifier></Answer>"
    body = f"{NBSP}{body}" if where == "root" else body.replace("<Answer>", f"<Answer>{NBSP}")
    error = _refusal(body)
    assert str(error).startswith(f"text {NBSP!r} directly in this element")


def test_stray_text_is_shown_whole_and_stripped_of_xml_whitespace_only() -> None:
    """The refusal shows the stray text as the document means it: references replaced, in one
    piece, without the XML whitespace around it but with a no-break space kept."""
    error = _refusal(
        " \u00a0x&amp;y&#65;\n<Answer><QuestionIdentifier>q</QuestionIdentifier></Answer>"
    )
    assert str(error).startswith(f"text {NBSP + 'x&yA'!r} directly in this element")
    assert error.element == "QuestionFormAnswers"


def test_an_xinclude_element_is_named_in_its_refusal() -> None:
    document = (
        "<QuestionFormAnswers><Answer><QuestionIdentifier>q</QuestionIdentifier>"
        '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="x"/></Answer>'
        "</QuestionFormAnswers>"
    )
    with pytest.raises(UnsafeXMLError) as info:
        parse_answers(document)
    assert "({http://www.w3.org/2001/XInclude}include)" in str(info.value)


@pytest.mark.parametrize("root", [f'<QuestionFormAnswers xmlns="{NS}">', "<QuestionFormAnswers>"])
def test_identifiers_keep_a_no_break_space(root: str) -> None:
    """QuestionIdentifiers and SelectionIdentifiers lose XML whitespace only: a no-break space
    around them is part of them."""
    document = (
        f"{root}<Answer><QuestionIdentifier> \u00a0c\u00a0\t</QuestionIdentifier>"
        "<SelectionIdentifier>\n\u00a0red\u00a0 </SelectionIdentifier>"
        "</Answer></QuestionFormAnswers>"
    )
    answers = parse_answers(document)
    assert [answer.question_identifier for answer in answers] == ["\u00a0c\u00a0"]
    assert answers["\u00a0c\u00a0"].value == ["\u00a0red\u00a0"]


@pytest.mark.parametrize("root", [f'<QuestionFormAnswers xmlns="{NS}">', "<QuestionFormAnswers>"])
def test_a_file_size_with_a_no_break_space_is_refused(root: str) -> None:
    """The size is digits with XML whitespace around them; a no-break space is not one."""
    body = (
        "<Answer><QuestionIdentifier>f</QuestionIdentifier>"
        "<UploadedFileSizeInBytes>\u00a07 </UploadedFileSizeInBytes>"
        "<UploadedFileKey>k</UploadedFileKey></Answer>"
    )
    error = _refusal(body, root)
    assert error.element == "UploadedFileSizeInBytes"
    assert str(error).startswith("the file size must be a whole number of bytes")


def test_answers_sharing_an_identifier_give_every_value_in_to_dict() -> None:
    """Three answers sharing one identifier give one flat list of the three values."""
    answers = QuestionFormAnswers(
        answers=[
            FreeTextAnswer(question_identifier="tag", text="cat"),
            FreeTextAnswer(question_identifier="tag", text="dog"),
            FreeTextAnswer(question_identifier="other", text="x"),
            FreeTextAnswer(question_identifier="tag", text="eel"),
            FreeTextAnswer(question_identifier="tag", text="fox"),
        ]
    )
    assert answers.to_dict() == {"tag": ["cat", "dog", "eel", "fox"], "other": "x"}


def test_a_lookup_in_no_answers_says_there_are_none() -> None:
    with pytest.raises(AnswerNotFoundError) as info:
        QuestionFormAnswers()["q1"]
    assert str(info.value).endswith("; there are no answers")
    assert info.value.args[1] == "q1"


DOCUMENTS = {
    "mturk": (
        f'<?xml version="1.0" encoding="ASCII"?><QuestionFormAnswers xmlns="{NS}">'
        "<Answer><QuestionIdentifier>t</QuestionIdentifier><FreeText>a</FreeText></Answer>"
        "<Answer><QuestionIdentifier>s</QuestionIdentifier>"
        "<SelectionIdentifier>x</SelectionIdentifier></Answer>"
        "<Answer><QuestionIdentifier>f</QuestionIdentifier>"
        "<UploadedFileSizeInBytes>3</UploadedFileSizeInBytes>"
        "<UploadedFileKey>k</UploadedFileKey></Answer></QuestionFormAnswers>"
    ),
}
# The same answers in shapes MTurk does not write: a prefix, no namespace.
DOCUMENTS["prefixed"] = (
    DOCUMENTS["mturk"]
    .replace(f'xmlns="{NS}"', f'xmlns:a="{NS}"')
    .replace("<", "<a:")
    .replace("<a:/", "</a:")
    .replace("<a:?xml", "<?xml")
)
DOCUMENTS["no namespace"] = DOCUMENTS["mturk"].replace(f' xmlns="{NS}"', "")

EVERY_FIELD = {
    "t": {"question_identifier", "kind", "text"},
    "s": {"question_identifier", "kind", "selection_identifiers", "other_selection_text"},
    "f": {"question_identifier", "kind", "uploaded_file_key", "uploaded_file_size_in_bytes"},
}


@pytest.mark.parametrize("shape", sorted(DOCUMENTS))
def test_parsed_models_have_every_field_set(shape: str) -> None:
    """A parsed model has every field set, as if each had been given, whatever the reader."""
    answers = parse_answers(DOCUMENTS[shape])
    assert answers == parse_answers(DOCUMENTS["mturk"])
    assert answers.model_fields_set == {"answers"}
    assert {a.question_identifier: a.model_fields_set for a in answers} == EVERY_FIELD
    dumped = answers.model_dump(exclude_unset=True, by_alias=False)
    assert [sorted(a) for a in dumped["answers"]] == [sorted(EVERY_FIELD[q]) for q in "tsf"]


def _sets_in(data: bytes) -> int:
    """How many set objects a pickle builds."""
    return sum(op.name == "EMPTY_SET" for op, _, _ in pickletools.genops(data))


@pytest.mark.parametrize("shape", sorted(DOCUMENTS))
def test_pickles_carry_the_set_fields_only_when_some_are_unset(shape: str) -> None:
    """The pickle of a model with every field set is its values only; a model with fields
    left at their defaults carries which fields were set, and gets them back."""
    answers = parse_answers(DOCUMENTS[shape])
    assert _sets_in(pickle.dumps(answers, protocol=5)) == 0
    for answer in answers:
        assert _sets_in(pickle.dumps(answer, protocol=5)) == 0
    partial = SelectionAnswer(question_identifier="s")
    document = QuestionFormAnswers(answers=[partial])
    assert _sets_in(pickle.dumps(partial, protocol=5)) == 1
    assert _sets_in(pickle.dumps(document, protocol=5)) == 1
    assert _sets_in(pickle.dumps(QuestionFormAnswers(), protocol=5)) == 1
    assert pickle.loads(pickle.dumps(partial)).model_fields_set == {"question_identifier"}
    assert pickle.loads(pickle.dumps(QuestionFormAnswers())).model_fields_set == set()


def test_a_declaration_is_read_up_to_its_own_end_only() -> None:
    """The encoding is the declaration's: text later in the document that looks like a UTF-8
    declaration does not make ISO-8859-1 bytes read as UTF-8."""
    document = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>'
        f'<QuestionFormAnswers xmlns="{NS}"><Answer><QuestionIdentifier>q</QuestionIdentifier>'
        '<FreeText>caf\u00c3\u00a9 encoding="UTF-8"?&gt;</FreeText></Answer>'
        "<Answer><QuestionIdentifier>r</QuestionIdentifier>"
        '<FreeText>encoding="UTF-8"?></FreeText></Answer></QuestionFormAnswers>'
    ).encode("latin-1")
    answers = parse_answers(document)
    assert answers["q"].value == 'caf\u00c3\u00a9 encoding="UTF-8"?>'
    assert answers["r"].value == 'encoding="UTF-8"?>'
