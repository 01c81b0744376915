"""The one safe XML reader (documents/_xml.py) as every entry point sees it.

Each file in tests/data/attacks/ goes to every reader that takes XML: parse_answers,
parse_question (as the whole document, and inside a QuestionForm's FormattedContent, where the
XHTML checker reads it), parse_legacy_response and the command line's ``answers --from xml``.
Every one refuses it as UnsafeXMLError, quickly, with one wording.
"""

from __future__ import annotations

import codecs
import contextlib
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from mturk_models import (
    QUESTION_FORM_NAMESPACE,
    AnswerKeyParseError,
    ArchiveError,
    DocumentError,
    FormattedContent,
    MalformedAnswerError,
    QuestionParseError,
    UnsafeXMLError,
    parse_answer_key,
    parse_answers,
    parse_legacy_response,
    parse_question,
)
from mturk_models._errors import shown
from mturk_models.documents import _xml
from mturk_models.testing import question_forms

DATA = Path(__file__).parent.parent / "data"
ATTACKS = sorted((DATA / "attacks").glob("*.xml"))
QUESTION = (
    "<Question><QuestionIdentifier>q</QuestionIdentifier><QuestionContent><Text>Why?</Text>"
    "</QuestionContent><AnswerSpecification><FreeTextAnswer/></AnswerSpecification></Question>"
)


def in_formatted_content(attack: str) -> str:
    """The attack as the XHTML of a QuestionForm's FormattedContent (read by the XHTML check)."""
    cdata = attack.replace("]]>", "]]]]><![CDATA[>")
    return (
        f'<QuestionForm xmlns="{QUESTION_FORM_NAMESPACE}"><Overview><FormattedContent>'
        f"<![CDATA[{cdata}]]></FormattedContent></Overview>{QUESTION}</QuestionForm>"
    )


def as_html_question(attack: str) -> str:
    """The attack's prolog in front of an HTMLQuestion document."""
    prolog = attack[: attack.index("<QuestionFormAnswers")]
    html = attack[len(prolog) :]
    namespace = "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/"
    return (
        f'{prolog}<HTMLQuestion xmlns="{namespace}HTMLQuestion.xsd"><HTMLContent>'
        f"{html.replace('&', '&amp;').replace('<', '&lt;')}</HTMLContent>"
        "<FrameHeight>0</FrameHeight></HTMLQuestion>"
    )


def legacy_assignment(attack: str) -> str:
    """The attack's prolog in front of a legacy GetAssignmentResponse."""
    prolog = attack[: attack.index("<QuestionFormAnswers")]
    return f"{prolog}<GetAssignmentResponse><Assignment/></GetAssignmentResponse>"


READERS: dict[str, Callable[[str], object]] = {
    "parse_answers": parse_answers,
    "parse_question": parse_question,
    "parse_question_formatted_content": lambda text: parse_question(in_formatted_content(text)),
    "parse_legacy_response": parse_legacy_response,
}


@pytest.mark.parametrize("path", ATTACKS, ids=[p.stem for p in ATTACKS])
@pytest.mark.parametrize("reader", list(READERS), ids=list(READERS))
def test_every_attack_is_refused_by_every_reader(path: Path, reader: str) -> None:
    text = path.read_text("utf-8")
    started = time.perf_counter()
    with pytest.raises(UnsafeXMLError, match=r" are refused \(") as caught:
        READERS[reader](text)
    assert time.perf_counter() - started < 1.0
    assert isinstance(caught.value, DocumentError)


@pytest.mark.parametrize("path", [p for p in ATTACKS if "xinclude" not in p.stem])
def test_declarations_before_other_roots_are_refused(path: Path) -> None:
    text = path.read_text("utf-8")
    with pytest.raises(UnsafeXMLError, match=r"^DOCTYPE declarations are refused \(DOCTYPE "):
        parse_question(as_html_question(text))
    with pytest.raises(UnsafeXMLError, match=r"^DOCTYPE declarations are refused \(DOCTYPE "):
        parse_legacy_response(legacy_assignment(text))


@pytest.mark.parametrize("path", ATTACKS, ids=[p.stem for p in ATTACKS])
def test_every_attack_is_refused_by_the_command_line(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from mturk_models.cli import main

    assert main(["answers", "--from", "xml", str(path), "-f", "jsonl"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert " are refused (" in err
    assert "internal error" not in err


def test_one_wording_for_a_doctype_everywhere() -> None:
    """The same sentence from the answer reader (expat), parse_tree (defusedxml) and the XHTML
    check: the declaration is named, no parser object or interned code leaks."""
    document = (DATA / "attacks" / "doctype_only.xml").read_text("utf-8")
    messages = []
    for reader in READERS.values():
        with pytest.raises(UnsafeXMLError) as caught:
            reader(document)
        messages.append(re.sub(r" at line \d+(, column \d+)?", "", str(caught.value)))
    assert {m.rpartition(": ")[2] for m in messages} == {
        "DOCTYPE declarations are refused (DOCTYPE QuestionFormAnswers)"
    }


def test_xinclude_is_unsafe_for_every_reader() -> None:
    """It used to be a schema error for parse_question and parse_legacy_response."""
    xinclude = '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd"/>'
    namespace = "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2006-07-14/"
    question = (
        f'<ExternalQuestion xmlns="{namespace}ExternalQuestion.xsd">{xinclude}'
        "<ExternalURL>https://example.com</ExternalURL><FrameHeight>0</FrameHeight>"
        "</ExternalQuestion>"
    )
    for call in (
        lambda: parse_question(question),
        lambda: parse_legacy_response(f"<HIT>{xinclude}</HIT>"),
        lambda: parse_answers(f"<QuestionFormAnswers>{xinclude}</QuestionFormAnswers>"),
        lambda: parse_question(in_formatted_content(f"<p>{xinclude}</p>")),
    ):
        with pytest.raises(UnsafeXMLError, match=r"^(.*: )?XInclude elements are refused"):
            call()


def test_unsafe_formatted_content_is_a_validation_error_of_its_own_code() -> None:
    with pytest.raises(ValidationError) as caught:
        FormattedContent(xhtml='<p>x</p>\n<!ENTITY a "b">')
    (error,) = caught.value.errors()
    assert error["type"] == "xml_unsafe"
    assert error["msg"] == "entity declarations are refused (ENTITY a) at line 2, column 1"


# --- encodings -----------------------------------------------------------------------------------

DOCUMENT = "<QuestionFormAnswers/>"
BAD_ENCODINGS = [
    b' <?xml version="1.0" encoding="bogus"?><a/>',
    codecs.BOM_UTF8 + b'<?xml version="1.0" encoding="bogus"?><a/>',
    '<?xml version="1.0" encoding="bogus"?><a/>'.encode("utf-16-le"),
    '<?xml version="1.0" encoding="bogus"?><a/>'.encode("utf-16-be"),
    '<?xml version="1.0" encoding="bogus"?><a/>'.encode("utf-16"),
    '<?xml version="1.0" encoding="bogus"?><a/>'.encode("utf-32"),
    b'<?xml version="1.0" encoding="base64"?><a/>',
    b'<?xml version="1.0" encoding="rot13"?><a/>',
    b'<?xml version="1.0" encoding="hex"?><a/>',
    b'<?xml version="1.0" encoding="a b"?><a/>',
    b'<?xml version="1.0" encoding="9x"?><a/>',
    b'<?xml version="1.0" encoding=""?><a/>',
    # A declaration longer than any fixed window: its encoding is still checked.
    b'<?xml version="1.0" encoding="x' + b"1" * 169 + b'"?><a/>',
    b'<?xml version="1.0"' + b" " * 300 + b'encoding="bogus"?><a/>',
    ('<?xml version="1.0"' + " " * 300 + 'encoding="bogus"?><a/>').encode("utf-16"),
]
ERRORS: dict[str, tuple[Callable[[bytes], object], type[DocumentError]]] = {
    "parse_answers": (parse_answers, MalformedAnswerError),
    "parse_question": (parse_question, QuestionParseError),
    "parse_legacy_response": (parse_legacy_response, ArchiveError),
    "parse_answer_key": (parse_answer_key, AnswerKeyParseError),
}


@pytest.mark.parametrize("data", BAD_ENCODINGS)
@pytest.mark.parametrize("reader", list(ERRORS))
def test_an_unknown_or_non_text_encoding_is_our_error_naming_it(data: bytes, reader: str) -> None:
    call, error = ERRORS[reader]
    with pytest.raises(error) as caught:
        call(data)
    declared = re.search(rb'encoding="([^"]*)"', data.replace(b"\0", b"")) or re.search(
        rb'encoding="([^"]*)"', data.decode("utf-32", "ignore").encode()
    )
    assert declared is not None
    assert shown(declared.group(1).decode()) in str(caught.value)  # long names shortened
    assert not isinstance(caught.value, UnsafeXMLError)


def test_a_str_document_is_read_whatever_its_declaration_says() -> None:
    """A str is already decoded: its declaration is not used, so it cannot be wrong."""
    assert len(parse_answers('<?xml version="1.0" encoding="bogus"?><QuestionFormAnswers/>')) == 0


@pytest.mark.parametrize(
    ("head", "codec"),
    [
        (b"<a/>", None),
        (b"\xef\xbb\xbf<a/>", None),
        (" <a/>".encode("utf-16"), "utf-16"),
        ("<a/>".encode("utf-16-le"), "utf-16-le"),
        ("<a/>".encode("utf-16-be"), "utf-16-be"),
        ("<a/>".encode("utf-32"), "utf-32"),
        ("<a/>".encode("utf-32-le"), "utf-32-le"),
        ("<a/>".encode("utf-32-be"), "utf-32-be"),
        (b"", None),
        (b"\0", "utf-16-be"),  # too short to tell; expat then reports it
    ],
)
def test_sniff_encoding(head: bytes, codec: str | None) -> None:
    assert _xml.sniff_encoding(head) == codec


# --- located errors -----------------------------------------------------------------------------


def test_malformed_documents_give_line_and_column_once() -> None:
    for call, error in ERRORS.values():
        with pytest.raises(error) as caught:
            call(b'<?xml version="1.0"?>\n  <a =></a>')
        assert (caught.value.line, caught.value.column) == (2, 5)
        assert str(caught.value).count("line") == 1


def test_question_errors_carry_the_element_path() -> None:
    namespace = "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2006-07-14/"
    document = (
        f'<ExternalQuestion xmlns="{namespace}ExternalQuestion.xsd"><ExternalURL>'
        "https://example.com</ExternalURL><FrameHeight>tall</FrameHeight></ExternalQuestion>"
    )
    with pytest.raises(QuestionParseError) as caught:
        parse_question(document)
    assert caught.value.location == "ExternalQuestion/FrameHeight[1]"


@pytest.mark.parametrize(
    "body",
    [
        "<Question><QuestionIdentifier>q</QuestionIdentifier><Bogus/></Question>",
        "<Overview><Bogus/></Overview>",
    ],
)
def test_one_location_per_message(body: str) -> None:
    with pytest.raises(QuestionParseError) as caught:
        parse_question(f'<QuestionForm xmlns="{QUESTION_FORM_NAMESPACE}">{body}</QuestionForm>')
    message = str(caught.value)
    assert message.count("QuestionForm/") == 1
    assert caught.value.location is not None
    assert caught.value.location in message


def test_children_give_one_path_convention() -> None:
    root = _xml.parse_tree(
        "<r xmlns:p='urn:p'><a/><p:a/><b/><a/></r>", error=QuestionParseError, what="test"
    )
    assert [(namespace, path) for namespace, _, _, path in _xml.children(root, "r")] == [
        ("", "r/a[1]"),
        ("urn:p", "r/a[2]"),
        ("", "r/b[1]"),
        ("", "r/a[3]"),
    ]


# --- JSON given as answers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '[{"comments": "ok"}]',
        ' {"Assignment": {"Answer": "<QuestionFormAnswers/>"}}',
        b'[{"a": 1}]',
        '"<QuestionFormAnswers/>"',
    ],
)
def test_json_gets_a_hint(text: str | bytes) -> None:
    with pytest.raises(MalformedAnswerError, match="decode_task_answers") as caught:
        parse_answers(text)
    assert "parse_answers()" in str(caught.value)


# --- any input: a result or our error -----------------------------------------------------------

# The real question documents of the corpus: the ExternalQuestions of two legacy responses.
QUESTIONS = [
    parse_legacy_response((DATA / name).read_bytes()).hit.question.encode()  # type: ignore[union-attr]
    for name in ("legacy_02.xml", "legacy_07.xml")
]
TOKENS = [
    b"<",
    b">",
    b"&",
    b"&amp;",
    b"&#0;",
    b"<!DOCTYPE x>",
    b'<?xml version="1.0" encoding="bogus"?>',
    b'encoding="utf-16"',
    b"<![CDATA[",
    b"]]>",
    b'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude"/>',
    b"\x00",
    b"\xff\xfe",
    b"</Question>",
    b"<Overview>",
]


@st.composite
def mutated_questions(draw: st.DrawFn) -> bytes:
    """A real question document, or a generated QuestionForm, with a few bytes changed."""
    forms = question_forms(max_items=2).map(lambda form: form.to_xml().encode())
    data = bytearray(draw(st.sampled_from(QUESTIONS) | forms))
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(data)))
        token = draw(st.sampled_from(TOKENS) | st.binary(min_size=1, max_size=3))
        if draw(st.booleans()):
            data[position:position] = token
        else:
            del data[position : position + draw(st.integers(1, 20))]
    return bytes(data)


def test_there_are_real_question_documents() -> None:
    assert QUESTIONS


@given(mutated_questions())
def test_mutated_real_questions_give_a_question_or_our_error(data: bytes) -> None:
    with contextlib.suppress(QuestionParseError):
        parse_question(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    with contextlib.suppress(QuestionParseError):
        parse_question(text)


@given(st.binary() | st.text().map(str.encode))
def test_any_bytes_give_a_question_or_our_error(data: bytes) -> None:
    with contextlib.suppress(QuestionParseError):
        parse_question(data)


@given(st.text())
def test_escaping_is_the_standard_librarys(text: str) -> None:
    """escape_text and quote_attribute write what xml.sax.saxutils writes (which the library
    does not import: it brings urllib.request, http.client and ssl with it)."""
    from xml.sax.saxutils import escape, quoteattr

    assert _xml.escape_text(text) == escape(text)
    assert _xml.quote_attribute(text) == quoteattr(text)
