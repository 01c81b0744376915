"""parse_answers, the answer models and QuestionFormAnswers.

Variants of the recorded documents are built inline from tests/data files; the attack payloads
are the files in tests/data/attacks/.
"""

from __future__ import annotations

import codecs
import csv
import json
import pickle
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import Phase, example, find, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from mturk_models import (
    QUESTION_FORM_ANSWERS_NAMESPACE,
    AnswerNotFoundError,
    AnswerParseError,
    Assignment,
    CrowdAnswerError,
    FreeTextAnswer,
    MalformedAnswerError,
    MTurkModelsError,
    QuestionFormAnswers,
    SelectionAnswer,
    UnsafeXMLError,
    UploadedFileAnswer,
    parse_answers,
)
from mturk_models.documents import answers as answers_module
from mturk_models.documents._xml import parse_tree
from mturk_models.exceptions import ArchiveError
from mturk_models.testing import answer_texts, question_form_answers

NS = QUESTION_FORM_ANSWERS_NAMESPACE
DATA = Path(__file__).parent.parent / "data"


def data_path(name: str) -> Path:
    return DATA / name


def load_jsonl(name: str) -> list[Any]:
    return [json.loads(line) for line in data_path(name).read_text("utf-8").splitlines() if line]


def wrap(body: str, root: str = f'<QuestionFormAnswers xmlns="{NS}">') -> str:
    """A document with the given Answer elements."""
    name = root[1:].split()[0].rstrip(">")
    return f"{root}{body}</{name}>"


def answer(body: str, qid: str = "q1") -> str:
    return wrap(f"<Answer><QuestionIdentifier>{qid}</QuestionIdentifier>{body}</Answer>")


def both_paths(xml: str | bytes) -> QuestionFormAnswers:
    """parse_answers, checked against the general (events) reader on the same input."""
    result = parse_answers(xml)
    assert answers_module._parse(xml, answers_module._read_events) == result
    return result


# --- the recorded documents -------------------------------------------------------------------


def test_qfa_01_html_form_ascii_with_references() -> None:
    raw = data_path("qfa_01.xml").read_bytes()
    assert raw.startswith(b'<?xml version="1.0" encoding="ASCII"?>')
    answers = both_paths(raw)
    assert len(answers) == 38
    assert {a.kind for a in answers} == {"free_text"}
    assert answers["instruction_quality_q1"].text == "1.0"
    text = answers["instruction_quality_q2"].text
    assert text.startswith("I think the output should also be in bold so it's easier to see. \r\r")
    assert "\r\rLike, Completion D: likes elephants.\r\rwould be in bold." in text
    assert answers["positive_example_quality_q2"].text == ""  # <FreeText/>
    assert answers["negative_example_quality_q2"].text == ""
    values = answers.to_dict()
    assert list(values)[:2] == ["instruction_quality_q1", "instruction_quality_q2"]
    assert any("<br>" in value for value in values.values())  # &lt;br&gt; from a hidden input
    assert "['Completion D']" in values.values()


def test_qfa_02_every_kind_with_indentation() -> None:
    answers = both_paths(data_path("qfa_02.xml").read_bytes())
    assert [a.kind for a in answers] == ["free_text", "free_text", "selection", "uploaded_file"]
    assert answers["001"] == FreeTextAnswer(question_identifier="001", text="2013-14-02")
    assert answers["002"].text == "646-246-5999"
    assert answers["003"] == SelectionAnswer(
        question_identifier="003", selection_identifiers=("C1",)
    )
    upload = answers["004"]
    assert isinstance(upload, UploadedFileAnswer)
    assert upload.uploaded_file_size_in_bytes == 315012
    assert upload.uploaded_file_key == (
        "A2Z5DGE9WH1YMC/2OM6OQ1SNQQ7QE68WZHKFNR1FW7Q67/2YRFYQS1CSTMONWZ4QVIF1EYFYOLOD/004/"
        "chimpton2.jpg"
    )
    assert answers.to_dict() == {
        "001": "2013-14-02",
        "002": "646-246-5999",
        "003": ["C1"],
        "004": {
            "uploaded_file_key": upload.uploaded_file_key,
            "uploaded_file_size_in_bytes": 315012,
        },
    }


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "qfa_03.xml",
            {"tags": "asd", "text_in_image": "asd", "is_pattern": "yes", "is_map": "yes"},
        ),
        ("qfa_04.xml", {"Q1HasEvents": "no"}),  # one Answer: no dict-versus-list trap
        ("qfa_05.xml", {"tweet": "This is my tweet!", "Submit": "Submit"}),  # a named button
    ],
)
def test_other_recorded_documents(name: str, expected: dict[str, str]) -> None:
    answers = both_paths(data_path(name).read_bytes())
    assert answers.to_dict() == expected
    assert all(isinstance(a, FreeTextAnswer) for a in answers)


def test_boto3_answer_strings() -> None:
    for record in load_jsonl("boto3_01.jsonl"):
        assignment = Assignment.model_validate(record)
        answers = assignment.parse_answers()
        assert answers == both_paths(record["Answer"])
        assert len(answers) == 38
        assert {a.kind for a in answers} == {"free_text"}
    first = Assignment.model_validate(load_jsonl("boto3_01.jsonl")[2]).parse_answers()
    assert first == parse_answers(data_path("qfa_01.xml").read_text("ascii"))
    texts = [
        a.text for record in load_jsonl("boto3_01.jsonl") for a in parse_answers(record["Answer"])
    ]
    assert any(t.endswith(" ") and t.strip() for t in texts)  # a trailing space is kept


@pytest.mark.parametrize(
    ("legacy", "qfa"),
    [
        ("legacy_01.xml", "qfa_02.xml"),
        ("legacy_03.xml", "qfa_03.xml"),
        ("legacy_05.xml", "qfa_04.xml"),
        ("legacy_06.xml", "qfa_05.xml"),
    ],
)
def test_legacy_answer_strings(legacy: str, qfa: str) -> None:
    root = parse_tree(data_path(legacy).read_bytes(), error=ArchiveError, what="legacy response")
    found = [element.text for element in root.iter("Answer") if element.text]
    assert found
    for text in found:
        assert both_paths(text) == parse_answers(data_path(qfa).read_bytes())


def test_legacy_answer_string_of_the_api_reference() -> None:
    page = data_path("seeds/003_bd5cddda1b911dea.txt").read_text("utf-8")
    start = page.index("<Answer>\n") + len("<Answer>\n")
    document = page[start : page.index("</QuestionFormAnswers>") + len("</QuestionFormAnswers>")]
    assert document.startswith("      <?xml")  # indentation before the declaration
    assert both_paths(document).to_dict() == {"Question100": "Move to X."}
    assert parse_answers(document.encode()) == parse_answers(document)


def test_batch_csv_crowd_task_answers() -> None:
    seen = 0
    for name in ("batch_04.csv", "batch_07.csv"):
        with (DATA / name).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                answers = both_paths(
                    QuestionFormAnswers(
                        answers=(
                            FreeTextAnswer(
                                question_identifier="taskAnswers", text=row["Answer.taskAnswers"]
                            ),
                        )
                    ).to_xml()
                )
                tasks = answers.crowd_answers()
                assert len(tasks) == 1
                if tasks[0]:  # batch_04 holds one empty submission, [{}]
                    assert tasks[0]["confidence-0"] in (
                        {"high": True, "low": False},
                        {"high": False, "low": True},
                    )
                    seen += 1
    assert seen == 13


@pytest.mark.parametrize("name", [f"qfa_0{i}.xml" for i in range(1, 6)])
def test_recorded_documents_take_the_fast_reader(name: str) -> None:
    # The fast reader must recognise what MTurk actually sends; if it stopped doing so, every
    # document would silently go through the slower general reader.
    text = answers_module.prepare(data_path(name).read_text("utf-8"))
    assert isinstance(text, str)
    assert answers_module._read_canonical(text) == parse_answers(text)


def test_parsed_answers_share_field_sets_safely() -> None:
    first, second = parse_answers(data_path("qfa_03.xml").read_bytes()).answers[:2]
    assert first.model_fields_set == {"question_identifier", "kind", "text"}
    changed = first.model_copy(update={"text": "changed"})
    assert changed.text == "changed"
    assert second.model_fields_set == {"question_identifier", "kind", "text"}
    assert first.model_fields_set is not changed.model_fields_set


# --- answer kinds -----------------------------------------------------------------------------


def test_selections_in_order_and_other_text() -> None:
    answers = both_paths(
        answer(
            "<SelectionIdentifier>b</SelectionIdentifier>"
            "<SelectionIdentifier> a </SelectionIdentifier>"
            "<OtherSelectionText> my own </OtherSelectionText>"
        )
    )
    assert answers["q1"] == SelectionAnswer(
        question_identifier="q1", selection_identifiers=("b", "a"), other_selection_text=" my own "
    )
    assert answers.to_dict() == {"q1": ["b", "a", " my own "]}


def test_other_selection_text_alone() -> None:
    result = both_paths(answer("<OtherSelectionText>none fit</OtherSelectionText>"))["q1"]
    assert isinstance(result, SelectionAnswer)
    assert result.selection_identifiers == ()
    assert result.other_selection_text == "none fit"


def test_answer_with_only_its_identifier_is_an_empty_selection() -> None:
    result = both_paths(answer(""))["q1"]
    assert result == SelectionAnswer(question_identifier="q1")
    assert result.value == []


@pytest.mark.parametrize(
    "body",
    [
        "<UploadedFileSizeInBytes>12</UploadedFileSizeInBytes><UploadedFileKey>k/1</UploadedFileKey>",
        "<UploadedFileSizeInBytes> 12 </UploadedFileSizeInBytes>"
        "<UploadedFileKey> k/1 </UploadedFileKey>",
        "<UploadedFileSizeInBytes>+0012</UploadedFileSizeInBytes><UploadedFileKey>k/1</UploadedFileKey>",
    ],
)
def test_uploaded_file(body: str) -> None:
    assert both_paths(answer(body))["q1"] == UploadedFileAnswer(
        question_identifier="q1", uploaded_file_key="k/1", uploaded_file_size_in_bytes=12
    )


@pytest.mark.parametrize(
    ("body", "message", "element"),
    [
        (
            "<FreeText>x</FreeText><QuestionIdentifier>q1</QuestionIdentifier>",
            "the QuestionIdentifier comes first in an Answer",
            "QuestionIdentifier",
        ),
        (
            "<SelectionIdentifier>a</SelectionIdentifier>"
            "<QuestionIdentifier>q1</QuestionIdentifier>",
            "the QuestionIdentifier comes first in an Answer",
            "QuestionIdentifier",
        ),
        (
            "<QuestionIdentifier>q1</QuestionIdentifier><SelectionIdentifier>a</SelectionIdentifier>"
            "<OtherSelectionText>o</OtherSelectionText><SelectionIdentifier>b</SelectionIdentifier>",
            "OtherSelectionText comes after every SelectionIdentifier",
            "SelectionIdentifier",
        ),
        (
            "<QuestionIdentifier>q1</QuestionIdentifier><UploadedFileKey>k</UploadedFileKey>"
            "<UploadedFileSizeInBytes>1</UploadedFileSizeInBytes>",
            "UploadedFileSizeInBytes comes before UploadedFileKey",
            "UploadedFileSizeInBytes",
        ),
    ],
)
def test_elements_in_schema_order(body: str, message: str, element: str) -> None:
    """The schema fixes the order inside an Answer, and MTurk guarantees the schema."""
    with pytest.raises(MalformedAnswerError, match=message) as caught:
        parse_answers(wrap(f"<Answer>{body}</Answer>"))
    assert caught.value.element == element


def test_free_text_is_kept_exactly() -> None:
    text = "  two  spaces\n\tand a tab, a CR&#13;, a CRLF&#13;\n, &lt;b&gt; &amp;amp; é 😀  "
    result = both_paths(answer(f"<FreeText>{text}</FreeText>", qid="  \n q1 \t"))
    assert result["q1"].text == ("  two  spaces\n\tand a tab, a CR\r, a CRLF\r\n, <b> &amp; é 😀  ")


def test_raw_carriage_returns_are_line_feeds_as_in_xml() -> None:
    assert both_paths(answer("<FreeText>a\r\nb\rc</FreeText>"))["q1"].text == "a\nb\nc"


def test_references_and_spaces_in_identifiers() -> None:
    document = answer(
        "<SelectionIdentifier> a&amp;b </SelectionIdentifier>"
        "<SelectionIdentifier>&#x41;</SelectionIdentifier>",
        qid="&lt;q&gt;",
    )
    assert both_paths(document)["<q>"].selection_identifiers == ("a&b", "A")  # type: ignore[union-attr]
    upload = answer(
        "<UploadedFileSizeInBytes>\n7\n</UploadedFileSizeInBytes>"
        "<UploadedFileKey>k&#13;</UploadedFileKey>"
    )
    assert both_paths(upload)["q1"].uploaded_file_key == "k"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("&#38;lt;b&#38;amp;", "&lt;b&amp;"),  # a reference's result is not read again
        ("&#x26;gt;", "&gt;"),
        ("&amp;#38;", "&#38;"),
        ("&amp;#13;&#13;", "&#13;\r"),
        ("&#38;#13;", "&#13;"),
        ("&lt;&#60;&#x3C;&amp;lt;", "<<<&lt;"),
    ],
)
def test_references_are_replaced_once(text: str, expected: str) -> None:
    document = answer(f"<FreeText>{text}</FreeText>")
    assert both_paths(document)["q1"].text == expected  # type: ignore[union-attr]
    other = answer(f"<OtherSelectionText>{text}</OtherSelectionText>")
    assert both_paths(other)["q1"].other_selection_text == expected  # type: ignore[union-attr]


def test_cdata_and_comments_inside_text() -> None:
    result = both_paths(answer("<FreeText>a<![CDATA[<b> & ]]>c<!-- note -->d</FreeText>"))
    assert result["q1"].text == "a<b> & cd"


@pytest.mark.parametrize("document", [None, "", "   \n\t ", b"", b"  \r\n", "\ufeff  "])
def test_no_answer_gives_empty_answers(document: str | bytes | None) -> None:
    result = parse_answers(document)
    assert len(result) == 0
    assert result.to_dict() == {}
    assert list(result) == []


def test_empty_root_is_empty_answers() -> None:
    assert len(both_paths(f'<QuestionFormAnswers xmlns="{NS}"/>')) == 0
    assert len(both_paths("<QuestionFormAnswers></QuestionFormAnswers>")) == 0


# --- namespaces -------------------------------------------------------------------------------

PLAIN = (
    "<Answer><QuestionIdentifier>q1</QuestionIdentifier><FreeText>x</FreeText></Answer>"
    "<Answer><QuestionIdentifier>q2</QuestionIdentifier>"
    "<SelectionIdentifier>s</SelectionIdentifier></Answer>"
)


def test_default_prefixed_and_no_namespace_read_alike() -> None:
    default = both_paths(wrap(PLAIN))
    prefixed = re.sub(r"<(/?)(\w+)", r"<\1ns0:\2", PLAIN)
    assert both_paths(wrap(prefixed, f'<ns0:QuestionFormAnswers xmlns:ns0="{NS}">')) == default
    assert both_paths(wrap(PLAIN, "<QuestionFormAnswers>")) == default
    schema = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="x y"'
    assert both_paths(wrap(PLAIN, f'<QuestionFormAnswers xmlns="{NS}" {schema}>')) == default
    assert both_paths(wrap(PLAIN, f"<QuestionFormAnswers xmlns='{NS}'>")) == default


@pytest.mark.parametrize(
    "root",
    [
        '<QuestionFormAnswers xmlns="http://example.com/other">',
        '<QuestionFormAnswers xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/'
        '2017-11-06/QuestionForm.xsd">',
        "<QuestionForm>",
        f'<Answers xmlns="{NS}">',
    ],
)
def test_another_root_is_refused(root: str) -> None:
    with pytest.raises(
        MalformedAnswerError, match="root element must be QuestionFormAnswers"
    ) as info:
        parse_answers(wrap(PLAIN, root))
    assert info.value.line == 1
    assert info.value.column == 0


def test_root_that_is_an_answer_element_is_refused() -> None:
    with pytest.raises(MalformedAnswerError, match=r"root element .* \(element Answer at line 1"):
        parse_answers("<Answer><QuestionIdentifier>q</QuestionIdentifier></Answer>")


def test_elements_must_share_the_root_namespace() -> None:
    document = wrap('<Answer xmlns=""><QuestionIdentifier>q</QuestionIdentifier></Answer>')
    with pytest.raises(MalformedAnswerError, match="namespace of the root element"):
        parse_answers(document)


# --- encodings --------------------------------------------------------------------------------

NON_ASCII = answer("<FreeText>café – 日本 😀</FreeText>")


@pytest.mark.parametrize(
    "data",
    [
        NON_ASCII,
        NON_ASCII.encode("utf-8"),
        codecs.BOM_UTF8 + NON_ASCII.encode("utf-8"),
        '<?xml version="1.0" encoding="UTF-8"?>' + NON_ASCII,
        ('<?xml version="1.0" encoding="UTF-8" standalone="no"?>' + NON_ASCII).encode(),
        ('<?xml version="1.0" encoding="UTF-16"?>' + NON_ASCII).encode("utf-16"),
        ('<?xml version="1.0" encoding="UTF-16"?>' + NON_ASCII).encode("utf-16-be"),
        ('<?xml version="1.0" encoding="UTF-16"?>' + NON_ASCII).encode("utf-16-le"),
        ('<?xml version="1.0" encoding="UTF-32"?>' + NON_ASCII).encode("utf-32"),
        ('<?xml version="1.0" encoding="UTF-32"?>' + NON_ASCII).encode("utf-32-le"),
        ('<?xml version="1.0" encoding="UTF-32"?>' + NON_ASCII).encode("utf-32-be"),
        ('<?xml version="1.0" encoding="ASCII"?>' + NON_ASCII).encode("ascii", "xmlcharrefreplace"),
        ('<?xml version="1.0" encoding="US-ASCII"?>' + NON_ASCII).encode(
            "ascii", "xmlcharrefreplace"
        ),
        ('<?xml version="1.0" encoding="windows-1252"?>' + NON_ASCII).encode(
            "windows-1252", "xmlcharrefreplace"
        ),
        ('<?xml version="1.0" encoding="Shift_JIS"?>' + NON_ASCII).encode(
            "shift_jis", "xmlcharrefreplace"
        ),
        ('<?xml version="1.0" encoding="GB18030"?>' + NON_ASCII).encode("gb18030"),
        "\n\t  " + '<?xml version="1.0" encoding="UTF-8"?>' + NON_ASCII,
        b"\r\n   " + ('<?xml version="1.0" encoding="UTF-8"?>' + NON_ASCII).encode(),
        NON_ASCII + "\n   ",
        ("\r\n  " + '<?xml version="1.0" encoding="UTF-16"?>' + NON_ASCII).encode("utf-16"),
        ("\n" + '<?xml version="1.0" encoding="UTF-16"?>' + NON_ASCII).encode("utf-16-le"),
        ("\t" + '<?xml version="1.0" encoding="UTF-16"?>' + NON_ASCII).encode("utf-16-be"),
        # Names of UTF-8 that expat does not know; pyexpat took them for single-byte codecs.
        ('<?xml version="1.0" encoding="utf8"?>' + NON_ASCII).encode(),
        ('<?xml version="1.0" encoding="UTF8"?>' + NON_ASCII).encode(),
        ('<?xml version="1.0" encoding="U8"?>' + NON_ASCII).encode(),
        ('<?xml version="1.0" encoding="utf_8"?>' + NON_ASCII).encode(),
        (' <?xml version="1.0" encoding="utf8"?>' + NON_ASCII).encode(),
        ('<?xml version="1.0" encoding="ISO-2022-JP"?>' + NON_ASCII).encode(
            "iso-2022-jp", "xmlcharrefreplace"
        ),
        # UTF-32 with whitespace before the document, with and without a byte order mark.
        (" \n" + '<?xml version="1.0" encoding="UTF-32"?>' + NON_ASCII).encode("utf-32"),
        (" \n" + '<?xml version="1.0" encoding="UTF-32"?>' + NON_ASCII).encode("utf-32-le"),
        (" \n" + '<?xml version="1.0" encoding="UTF-32"?>' + NON_ASCII).encode("utf-32-be"),
        ("\t" + NON_ASCII).encode("utf-32-le"),
    ],
)
def test_encodings(data: str | bytes) -> None:
    assert parse_answers(data)["q1"].text == "café – 日本 😀"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'<?xml version="1.0" encoding="no-such-codec"?><QuestionFormAnswers/>', "cannot be read"),
        (b'<?xml version="1.0" encoding="rot13"?><QuestionFormAnswers/>', "cannot be read"),
        (
            b'<?xml version="1.0" encoding="UTF-8"?>'
            + answer("<FreeText>\xff</FreeText>").encode("latin-1"),
            "not well-formed",
        ),
        (
            b'<?xml version="1.0" encoding="ASCII"?>'
            + answer("<FreeText>\xe9</FreeText>").encode("latin-1"),
            "cannot be read: 'ascii' codec can't decode byte 0xe9",
        ),
        (b"\xff\xfe\x00", "cannot be read"),
        (codecs.BOM_UTF32_LE + b"<\x00\x00", "cannot be read"),
    ],
)
def test_undecodable_documents(data: bytes, message: str) -> None:
    with pytest.raises(MalformedAnswerError, match=message):
        parse_answers(data)


@pytest.mark.parametrize(
    "data",
    [
        b' <?xml version="1.0" encoding="bogus"?><a/>',
        codecs.BOM_UTF8 + b'<?xml version="1.0" encoding="bogus"?><a/>',
        '<?xml version="1.0" encoding="bogus"?><a/>'.encode("utf-16-le"),
        b'<?xml version="1.0" encoding="base64"?><a/>',
    ],
)
def test_an_unknown_encoding_is_named_not_a_lookup_error(data: bytes) -> None:
    """These raised LookupError, which the command line reported as an internal error."""
    with pytest.raises(MalformedAnswerError, match=r"encoding '(bogus|base64)'"):
        parse_answers(data)


def test_json_is_told_where_to_go() -> None:
    with pytest.raises(MalformedAnswerError, match=r"JSON, not XML: .*decode_task_answers\(\)"):
        parse_answers('[{"comments": "ok"}]')


def test_surrogates_in_str_are_refused() -> None:
    with pytest.raises(MalformedAnswerError, match="cannot be read"):
        parse_answers(answer("<FreeText>\ud800</FreeText>"))


def test_other_types_are_a_type_error() -> None:
    with pytest.raises(TypeError, match="str or bytes, not int"):
        parse_answers(12)  # type: ignore[arg-type]


# --- malformed documents: every rule, with its element and position ---------------------------

CASES = [
    (
        "no_identifier",
        answer("<FreeText>x</FreeText>", qid="").replace(
            "<QuestionIdentifier></QuestionIdentifier>", ""
        ),
        "the Answer has no QuestionIdentifier",
        "Answer",
    ),
    (
        "empty_identifier",
        answer("<FreeText>x</FreeText>", qid=" \n "),
        "QuestionIdentifier is empty",
        "QuestionIdentifier",
    ),
    (
        "two_identifiers",
        answer("<QuestionIdentifier>q2</QuestionIdentifier>"),
        "one QuestionIdentifier",
        "QuestionIdentifier",
    ),
    (
        "size_not_integer",
        answer(
            "<UploadedFileSizeInBytes>12a</UploadedFileSizeInBytes><UploadedFileKey>k</UploadedFileKey>"
        ),
        "at most 18 digits; got '12a'",
        "UploadedFileSizeInBytes",
    ),
    (
        "size_negative",
        answer(
            "<UploadedFileSizeInBytes>-5</UploadedFileSizeInBytes><UploadedFileKey>k</UploadedFileKey>"
        ),
        "whole number",
        "UploadedFileSizeInBytes",
    ),
    (
        "size_arabic_digits",
        answer(
            "<UploadedFileSizeInBytes>١٢</UploadedFileSizeInBytes><UploadedFileKey>k</UploadedFileKey>"
        ),
        "whole number",
        "UploadedFileSizeInBytes",
    ),
    (
        "size_huge",
        answer(
            f"<UploadedFileSizeInBytes>{'9' * 5000}</UploadedFileSizeInBytes>"
            "<UploadedFileKey>k</UploadedFileKey>"
        ),
        "at most 18 digits",
        "UploadedFileSizeInBytes",
    ),
    (
        "size_float",
        answer(
            "<UploadedFileSizeInBytes>1e3</UploadedFileSizeInBytes><UploadedFileKey>k</UploadedFileKey>"
        ),
        "whole number",
        "UploadedFileSizeInBytes",
    ),
    (
        "size_without_key",
        answer("<UploadedFileSizeInBytes>1</UploadedFileSizeInBytes>"),
        "both UploadedFileSizeInBytes and UploadedFileKey",
        "Answer",
    ),
    (
        "key_without_size",
        answer("<UploadedFileKey>k</UploadedFileKey>"),
        "both UploadedFileSizeInBytes and UploadedFileKey",
        "Answer",
    ),
    (
        "two_keys",
        answer("<UploadedFileKey>k</UploadedFileKey><UploadedFileKey>k</UploadedFileKey>"),
        "one UploadedFileKey",
        "UploadedFileKey",
    ),
    (
        "two_sizes",
        answer(
            "<UploadedFileSizeInBytes>1</UploadedFileSizeInBytes><UploadedFileSizeInBytes>1</UploadedFileSizeInBytes>"
        ),
        "one UploadedFileSizeInBytes",
        "UploadedFileSizeInBytes",
    ),
    (
        "empty_key",
        answer(
            "<UploadedFileSizeInBytes>1</UploadedFileSizeInBytes>"
            "<UploadedFileKey> </UploadedFileKey>"
        ),
        "UploadedFileKey is empty",
        "UploadedFileKey",
    ),
    (
        "unknown_element",
        answer("<Comment>x</Comment>"),
        "not a QuestionFormAnswers element",
        f"{{{NS}}}Comment",
    ),
    (
        "free_text_and_selection",
        answer("<FreeText>x</FreeText><SelectionIdentifier>a</SelectionIdentifier>"),
        "one kind of answer",
        "SelectionIdentifier",
    ),
    (
        "selection_and_free_text",
        answer("<SelectionIdentifier>a</SelectionIdentifier><FreeText>x</FreeText>"),
        "one kind of answer",
        "FreeText",
    ),
    (
        "free_text_and_upload",
        answer("<FreeText>x</FreeText><UploadedFileKey>k</UploadedFileKey>"),
        "one kind of answer",
        "UploadedFileKey",
    ),
    (
        "other_and_upload",
        answer("<OtherSelectionText>x</OtherSelectionText><UploadedFileKey>k</UploadedFileKey>"),
        "one kind of answer",
        "UploadedFileKey",
    ),
    (
        "two_free_texts",
        answer("<FreeText>x</FreeText><FreeText>y</FreeText>"),
        "one FreeText",
        "FreeText",
    ),
    (
        "two_other_texts",
        answer(
            "<OtherSelectionText>x</OtherSelectionText><OtherSelectionText>y</OtherSelectionText>"
        ),
        "one OtherSelectionText",
        "OtherSelectionText",
    ),
    (
        "empty_selection",
        answer("<SelectionIdentifier/>"),
        "SelectionIdentifier is empty",
        "SelectionIdentifier",
    ),
    (
        "element_in_free_text",
        answer("<FreeText>a <b>bold</b></FreeText>"),
        "FreeText holds only text",
        f"{{{NS}}}b",
    ),
    (
        "known_element_in_free_text",
        answer("<FreeText><FreeText>x</FreeText></FreeText>"),
        "FreeText holds only text",
        "FreeText",
    ),
    (
        "text_in_answer",
        answer("stray<FreeText>x</FreeText>"),
        "text 'stray' directly in this element",
        "Answer",
    ),
    ("text_in_root", wrap("stray"), "text 'stray' directly in this element", "QuestionFormAnswers"),
    (
        "value_outside_answer",
        wrap("<FreeText>x</FreeText>"),
        "holds only Answer elements",
        "FreeText",
    ),
    ("answer_in_answer", answer("<Answer/>"), "cannot be inside Answer", "Answer"),
    (
        "attribute_on_answer",
        wrap('<Answer id="1"><QuestionIdentifier>q</QuestionIdentifier></Answer>'),
        "carries no attributes; got id",
        "Answer",
    ),
    (
        "attribute_on_root",
        wrap(PLAIN, f'<QuestionFormAnswers xmlns="{NS}" version="2">'),
        "carries no attributes; got version",
        "QuestionFormAnswers",
    ),
]


@pytest.mark.parametrize(
    ("case", "document", "message", "element"), CASES, ids=[c[0] for c in CASES]
)
def test_malformed_answer_names_element_and_position(
    case: str, document: str, message: str, element: str
) -> None:
    with pytest.raises(MalformedAnswerError, match=re.escape(message)) as info:
        parse_answers(document)
    error = info.value
    assert error.element == element
    assert error.line == 1
    assert isinstance(error.column, int)
    assert str(error).endswith(f"(element {element} at line 1, column {error.column})")
    assert document[error.column] == "<"  # the column points at the element's start tag
    assert isinstance(error, AnswerParseError)
    assert isinstance(error, ValueError)
    with pytest.raises(MalformedAnswerError, match=re.escape(message)):
        parse_answers(document.encode("utf-8"))


def test_schema_errors_carry_the_element_path() -> None:
    document = wrap(
        "<Answer><QuestionIdentifier>a</QuestionIdentifier></Answer>"
        "<Answer><QuestionIdentifier>b</QuestionIdentifier>"
        "<FreeText>x</FreeText><FreeText>y</FreeText></Answer>"
    )
    with pytest.raises(MalformedAnswerError) as info:
        parse_answers(document)
    assert info.value.location == "QuestionFormAnswers/Answer[2]/FreeText[2]"
    assert info.value.element == "FreeText"


def test_position_on_later_lines() -> None:
    document = (
        f'<QuestionFormAnswers xmlns="{NS}">\n  <Answer>\n    <FreeText>x</FreeText>\n'
        "  </Answer>\n</QuestionFormAnswers>"
    )
    with pytest.raises(
        MalformedAnswerError, match=r"no QuestionIdentifier \(element Answer at line 2, column 2\)"
    ):
        parse_answers(document)


@pytest.mark.parametrize(
    ("document", "line", "column"),
    [
        ("<QuestionFormAnswers><Answer>", 1, 29),
        ("<QuestionFormAnswers>\n<Answer></Answr></QuestionFormAnswers>", 2, 10),
        ('<QuestionFormAnswers><Answer a="1" a="2"/></QuestionFormAnswers>', 1, 35),
        ("<QuestionFormAnswers>&undefined;</QuestionFormAnswers>", 1, 21),
        ("<QuestionFormAnswers>&#0;</QuestionFormAnswers>", 1, 21),
        ("<QuestionFormAnswers>]]></QuestionFormAnswers>", 1, 23),
        ("<QuestionFormAnswers/><QuestionFormAnswers/>", 1, 22),
        ("<ns0:QuestionFormAnswers/>", 1, 0),
        ("not xml", 1, 0),
        ("\x00", 1, 0),
    ],
)
def test_not_well_formed(document: str, line: int, column: int) -> None:
    with pytest.raises(MalformedAnswerError, match="not well-formed XML") as info:
        parse_answers(document)
    assert (info.value.line, info.value.column) == (line, column)
    assert info.value.__cause__ is not None


def test_deep_nesting_is_an_answer_error() -> None:
    with pytest.raises(MalformedAnswerError):
        parse_answers(answer("<FreeText>" + "<a>" * 100_000 + "</a>" * 100_000 + "</FreeText>"))


# --- safety -----------------------------------------------------------------------------------

ATTACKS = sorted((DATA / "attacks").glob("*.xml"))


def test_all_attack_files_are_here() -> None:
    assert {path.stem for path in ATTACKS} >= {
        "billion_laughs",
        "quadratic_blowup",
        "external_entity",
        "external_dtd",
        "parameter_entity",
        "unparsed_entity",
        "xinclude",
        "xinclude_answer",
        "doctype_only",
    }


@pytest.mark.parametrize("path", ATTACKS, ids=[p.stem for p in ATTACKS])
@pytest.mark.parametrize("as_text", [False, True], ids=["bytes", "str"])
def test_attacks_are_refused(path: Path, as_text: bool) -> None:
    data: str | bytes = path.read_text("utf-8") if as_text else path.read_bytes()
    with pytest.raises(UnsafeXMLError, match="refused") as info:
        parse_answers(data)
    assert isinstance(info.value, AnswerParseError)
    assert isinstance(info.value, MTurkModelsError)


def test_attack_in_utf16_is_refused() -> None:
    data = (DATA / "attacks" / "external_entity.xml").read_text("utf-8")
    with pytest.raises(UnsafeXMLError):
        parse_answers(data.replace("UTF-8", "UTF-16").encode("utf-16"))


# --- QuestionFormAnswers behaviour --------------------------------------------------------------

DUPLICATES = answer("<FreeText>red</FreeText>", qid="color").replace(
    "</QuestionFormAnswers>",
    "<Answer><QuestionIdentifier>size</QuestionIdentifier><FreeText>L</FreeText></Answer>"
    "<Answer><QuestionIdentifier>color</QuestionIdentifier><FreeText>blue</FreeText></Answer>"
    "</QuestionFormAnswers>",
)


def test_duplicates_are_kept_lookup_gives_the_first() -> None:
    answers = both_paths(DUPLICATES)
    assert len(answers) == 3
    assert [a.question_identifier for a in answers] == ["color", "size", "color"]
    assert answers["color"].text == "red"
    assert answers.get("color") is answers["color"]
    assert [a.text for a in answers.get_all("color")] == ["red", "blue"]
    assert answers.to_dict() == {"color": ["red", "blue"], "size": "L"}
    assert "color" in answers
    assert "weight" not in answers
    assert FreeTextAnswer(question_identifier="size", text="L") not in answers.get_all("color")
    assert FreeTextAnswer(question_identifier="size", text="L") in answers
    assert FreeTextAnswer(question_identifier="size", text="XL") not in answers
    assert 3 not in answers


def test_missing_identifier_is_a_key_error_naming_it() -> None:
    answers = parse_answers(DUPLICATES)
    with pytest.raises(AnswerNotFoundError) as info:
        answers["weight"]
    error = info.value
    assert isinstance(error, KeyError)
    assert isinstance(error, MTurkModelsError)
    assert error.identifier == "weight"
    assert str(error) == (
        "no answer has the QuestionIdentifier 'weight'; the identifiers are 'color', 'size'"
    )
    assert answers.get("weight") is None
    assert answers.get("weight", "n/a") == "n/a"
    assert answers.get_all("weight") == ()
    with pytest.raises(KeyError, match="there are no answers"):
        parse_answers(None)["q1"]
    copy = pickle.loads(pickle.dumps(error))
    assert (str(copy), copy.identifier) == (str(error), "weight")


def test_long_identifier_lists_are_cut() -> None:
    many = QuestionFormAnswers(
        answers=tuple(FreeTextAnswer(question_identifier=f"q{i}", text="") for i in range(30))
    )
    with pytest.raises(AnswerNotFoundError, match=r"'q9', \.\.\.$"):
        many["x"]


def test_answers_are_immutable_and_hashable() -> None:
    answers = parse_answers(data_path("qfa_02.xml").read_bytes())
    with pytest.raises(ValidationError, match="frozen"):
        answers.answers = ()  # type: ignore[misc]
    with pytest.raises(ValidationError, match="frozen"):
        answers["001"].text = "x"  # type: ignore[union-attr,misc]
    assert isinstance(answers.answers, tuple)
    assert hash(answers) == hash(parse_answers(data_path("qfa_02.xml").read_text("utf-8")))


def test_parsed_models_equal_validated_models_in_every_respect() -> None:
    parsed = parse_answers(data_path("qfa_02.xml").read_bytes())
    rebuilt = QuestionFormAnswers.model_validate(parsed.model_dump())
    assert parsed == rebuilt
    assert repr(parsed) == repr(rebuilt)
    assert parsed.model_dump() == rebuilt.model_dump()
    assert parsed.model_dump_json() == rebuilt.model_dump_json()
    for mine, theirs in zip(parsed, rebuilt, strict=True):
        assert list(mine.__dict__) == list(type(mine).model_fields)
        assert mine.__pydantic_fields_set__ >= theirs.__pydantic_fields_set__
    assert parsed.model_copy(update={"answers": ()}) == QuestionFormAnswers()
    assert pickle.loads(pickle.dumps(parsed)) == parsed


def _same_state(mine: Any, theirs: Any) -> None:
    """Equal, of the same class, with the same fields given, extra and private state."""
    assert type(mine) is type(theirs)
    assert mine == theirs
    assert mine.__dict__ == theirs.__dict__
    assert list(mine.__dict__) == list(theirs.__dict__)
    assert mine.model_fields_set == theirs.model_fields_set
    assert (mine.__pydantic_extra__, theirs.__pydantic_extra__) == (None, None)
    assert (mine.__pydantic_private__, theirs.__pydantic_private__) == (None, None)
    assert hash(mine) == hash(theirs)


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_answers_pickle_with_their_whole_state(protocol: int) -> None:
    built = [
        QuestionFormAnswers(),
        QuestionFormAnswers(answers=()),
        QuestionFormAnswers(answers=[FreeTextAnswer(question_identifier="q", text="x")]),
        QuestionFormAnswers.model_construct(),
        parse_answers(data_path("qfa_02.xml").read_bytes()),
        parse_answers(data_path("qfa_01.xml").read_bytes()),
    ]
    singles = [
        FreeTextAnswer(question_identifier="q", text="x"),  # kind not given
        FreeTextAnswer(question_identifier="q", kind="free_text", text="x"),
        SelectionAnswer(question_identifier="s"),
        UploadedFileAnswer(
            question_identifier="u", uploaded_file_key="k", uploaded_file_size_in_bytes=0
        ),
        *built[-1],
    ]
    for model in [*built, *singles]:
        _same_state(pickle.loads(pickle.dumps(model, protocol)), model)
    for mine, theirs in zip(pickle.loads(pickle.dumps(built, protocol)), built, strict=True):
        _same_state(mine, theirs)
        for answer, original in zip(mine, theirs, strict=True):
            _same_state(answer, original)
    # a restored model is a model like any other: copies, dumps, validation
    restored = pickle.loads(pickle.dumps(built[4], protocol))
    assert restored.model_copy(update={"answers": ()}) == QuestionFormAnswers()
    assert QuestionFormAnswers.model_validate(restored.model_dump()) == restored
    assert restored.to_xml() == built[4].to_xml()


@given(question_form_answers(max_answers=4))
def test_pickle_round_trip(answers: QuestionFormAnswers) -> None:
    _same_state(pickle.loads(pickle.dumps(answers)), answers)


def test_boto3_shape_dump_and_validate() -> None:
    answers = parse_answers(data_path("qfa_02.xml").read_bytes())
    dumped: dict[str, Any] = answers.model_dump()
    assert dumped["Answers"][0] == {
        "QuestionIdentifier": "001",
        "Kind": "free_text",
        "Text": "2013-14-02",
    }
    assert dumped["Answers"][2]["SelectionIdentifiers"] == ["C1"]
    assert QuestionFormAnswers.model_validate(dumped) == answers
    by_name = answers.model_dump(by_alias=False)
    assert QuestionFormAnswers.model_validate(by_name) == answers
    size = QuestionFormAnswers.model_json_schema()["$defs"]["UploadedFileAnswer"]["properties"][
        "UploadedFileSizeInBytes"
    ]
    assert size["description"].startswith("The size of the uploaded file in bytes")
    assert (size["minimum"], size["maximum"]) == (0, 10**18 - 1)


# --- building models directly validates -------------------------------------------------------


def test_identifiers_are_stripped_and_must_not_be_empty() -> None:
    assert FreeTextAnswer(question_identifier="\t q \n", text=" t ").question_identifier == "q"
    with pytest.raises(ValidationError) as info:
        FreeTextAnswer(question_identifier=" \r\n", text="")
    assert info.value.errors()[0]["type"] == "empty_identifier"
    assert "at least one character besides whitespace; got ' \\r\\n'" in str(info.value)
    with pytest.raises(ValidationError, match="empty_identifier"):
        SelectionAnswer(question_identifier="q", selection_identifiers=("a", " "))
    with pytest.raises(ValidationError, match="empty_identifier"):
        UploadedFileAnswer(
            question_identifier="q", uploaded_file_key="", uploaded_file_size_in_bytes=1
        )


@pytest.mark.parametrize("character", ["\x00", "\x08", "\x1f", "\ufffe", "\uffff", "\ud800"])
def test_characters_xml_cannot_carry_are_refused(character: str) -> None:
    with pytest.raises(ValidationError) as info:
        FreeTextAnswer(question_identifier="q", text=f"a{character}b")
    error = info.value.errors()[0]
    assert error["type"] == "xml_character"
    assert f"U+{ord(character):04X} (at index 1)" in error["msg"]
    with pytest.raises(ValidationError, match="xml_character"):
        SelectionAnswer(question_identifier=f"q{character}")
    with pytest.raises(ValidationError, match="xml_character"):
        SelectionAnswer(question_identifier="q", other_selection_text=character)


def test_size_must_be_a_count() -> None:
    with pytest.raises(ValidationError, match="greater_than_equal"):
        UploadedFileAnswer(
            question_identifier="q", uploaded_file_key="k", uploaded_file_size_in_bytes=-1
        )
    zero = UploadedFileAnswer(
        question_identifier="q", uploaded_file_key="k", uploaded_file_size_in_bytes=0
    )
    assert both_paths(QuestionFormAnswers(answers=(zero,)).to_xml())["q"] == zero


def test_size_is_at_most_what_the_readers_read_back() -> None:
    largest = UploadedFileAnswer(
        question_identifier="q", uploaded_file_key="k", uploaded_file_size_in_bytes=10**18 - 1
    )
    assert both_paths(QuestionFormAnswers(answers=(largest,)).to_xml())["q"] == largest
    with pytest.raises(ValidationError, match="less_than_equal"):
        UploadedFileAnswer(
            question_identifier="q", uploaded_file_key="k", uploaded_file_size_in_bytes=10**18
        )


def test_unknown_fields_and_wrong_kinds_are_refused() -> None:
    with pytest.raises(ValidationError, match="extra_forbidden"):
        FreeTextAnswer(question_identifier="q", text="", colour="red")  # type: ignore[call-arg]
    with pytest.raises(ValidationError, match="union_tag_invalid"):
        QuestionFormAnswers.model_validate(
            {"answers": [{"kind": "video", "question_identifier": "q"}]}
        )


# --- to_xml -----------------------------------------------------------------------------------


def test_to_xml_escapes_and_declares_the_namespace() -> None:
    answers = QuestionFormAnswers(
        answers=(
            FreeTextAnswer(question_identifier="a&b<c>", text=" x ]]> &amp; <y>\r\n\r z 😀 "),
            SelectionAnswer(
                question_identifier="s",
                selection_identifiers=("1", "<2>"),
                other_selection_text="\r",
            ),
            SelectionAnswer(question_identifier="none"),
            UploadedFileAnswer(
                question_identifier="f", uploaded_file_key="k&1", uploaded_file_size_in_bytes=5
            ),
        )
    )
    xml = answers.to_xml()
    assert xml.startswith(
        f'<?xml version="1.0" encoding="UTF-8"?><QuestionFormAnswers xmlns="{NS}"><Answer>'
    )
    assert "<QuestionIdentifier>a&amp;b&lt;c&gt;</QuestionIdentifier>" in xml
    assert "<FreeText> x ]]&gt; &amp;amp; &lt;y&gt;&#13;\n&#13; z 😀 </FreeText>" in xml
    assert "<OtherSelectionText>&#13;</OtherSelectionText>" in xml
    assert "<Answer><QuestionIdentifier>none</QuestionIdentifier></Answer>" in xml
    assert (
        "<UploadedFileSizeInBytes>5</UploadedFileSizeInBytes><UploadedFileKey>k&amp;1</UploadedFileKey>"
        in xml
    )
    assert "\r" not in xml
    assert both_paths(xml) == answers
    assert both_paths(xml.encode("utf-8")) == answers


def test_to_xml_of_no_answers() -> None:
    assert parse_answers(QuestionFormAnswers().to_xml()) == QuestionFormAnswers()


@given(question_form_answers())
def test_round_trip_through_xml(answers: QuestionFormAnswers) -> None:
    xml = answers.to_xml()
    assert both_paths(xml) == answers
    assert parse_answers(xml.encode("utf-8")) == answers
    utf16 = xml.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    assert parse_answers(utf16) == answers


@given(question_form_answers(max_answers=4))
def test_round_trip_through_json(answers: QuestionFormAnswers) -> None:
    assert QuestionFormAnswers.model_validate_json(answers.model_dump_json()) == answers


# --- any input gives a result or our error ----------------------------------------------------


def _result_or_our_error(data: str | bytes) -> None:
    try:
        result = parse_answers(data)
    except AnswerParseError as exc:
        with pytest.raises(type(exc)):  # the general reader agrees
            answers_module._parse(data, answers_module._read_events)
        return
    assert isinstance(result, QuestionFormAnswers)
    assert answers_module._parse(data, answers_module._read_events) == result


@given(st.text())
@example(
    "<QuestionFormAnswers><Answer><QuestionIdentifier>x</QuestionIdentifier></Answer></QuestionFormAnswers>"
)
@example("<QuestionFormAnswers>\x00</QuestionFormAnswers>")
@example("<?xml version='1.0' encoding='bogus'?><QuestionFormAnswers/>")
def test_any_text_gives_answers_or_answer_parse_error(text: str) -> None:
    _result_or_our_error(text)


@given(st.binary())
@example(b"\xff\xfe \x00\x00\xd8")  # UTF-16 with leading whitespace, then a lone surrogate
@example(b"\xff\xfe<\x00")
@example(b"\x00\x00\xfe\xff")
@example(b'<?xml version="1.0" encoding="utf-32"?>')
def test_any_bytes_give_answers_or_answer_parse_error(data: bytes) -> None:
    _result_or_our_error(data)


REAL = [data_path(f"qfa_0{i}.xml").read_bytes() for i in range(1, 6)]
TOKENS = [
    b"<",
    b">",
    b"/",
    b"&",
    b"&amp;",
    b"&#13;",
    b"&#x0;",
    b"\x00",
    b"\xff",
    b" ",
    b"\n",
    b"<!DOCTYPE x>",
    b"<Answer>",
    b"</Answer>",
    b"<FreeText/>",
    b"<SelectionIdentifier>",
    b"</FreeText>",
    b"<UploadedFileSizeInBytes>",
    b"<QuestionIdentifier>",
    b"ns0:",
    b'xmlns=""',
    b"<![CDATA[",
    b"]]>",
    b"<!--",
    b"-->",
    b"\xef\xbb\xbf",
    b'encoding="UTF-16"',
]


@st.composite
def mutated_documents(draw: st.DrawFn) -> bytes:
    """A recorded document with a few bytes replaced, deleted or inserted."""
    data = bytearray(draw(st.sampled_from(REAL)))
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        token = draw(st.sampled_from(TOKENS) | st.binary(min_size=1, max_size=3))
        if action == "insert":
            data[position:position] = token
        elif action == "delete":
            del data[position : position + draw(st.integers(1, 20))]
        else:
            data[position : position + len(token)] = token
    return bytes(data)


@given(mutated_documents())
def test_mutated_real_documents_give_answers_or_answer_parse_error(data: bytes) -> None:
    _result_or_our_error(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    _result_or_our_error(text)


@st.composite
def documents_in_other_shapes(draw: st.DrawFn) -> tuple[str, QuestionFormAnswers]:
    """Generated answers written with a prefix, without a namespace, indented, with comments."""
    answers = draw(question_form_answers(max_answers=4))
    xml = answers.to_xml()
    style = draw(st.sampled_from(["prefix", "no namespace", "indented", "comments", "cdata"]))
    if style == "prefix":
        xml = re.sub(r"<(/?)([A-Z]\w*)", r"<\1p:\2", xml).replace(' xmlns="', ' xmlns:p="')
    elif style == "no namespace":
        xml = xml.replace(f' xmlns="{NS}"', "")
    elif style == "indented":
        xml = re.sub(
            r"(<(?:/QuestionFormAnswers|Answer|/Answer|QuestionIdentifier)>)", r"\n  \1", xml
        )
    elif style == "comments":
        xml = xml.replace("<Answer>", "<!-- a --><Answer><?pi x?>")
    else:
        xml = xml.replace("<FreeText>", "<FreeText><![CDATA[]]>")
    return xml, answers


@given(documents_in_other_shapes())
def test_other_shapes_read_like_the_canonical_one(case: tuple[str, QuestionFormAnswers]) -> None:
    xml, answers = case
    assert both_paths(xml) == answers


# --- every kind of reference, read alike by both readers ----------------------------------------

_NAMED = {"<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;"}
_MUST_REFER = frozenset("<&>\r")  # never literal: markup, "]]>" and CR (read back as LF)
_ELEMENT_TEXT = re.compile(r">([^<]+)<")


_WRITTEN = {"&lt;": "<", "&gt;": ">", "&amp;": "&", "&#13;": "\r"}


def _unescape(segment: str) -> str:
    """The text of an element as to_xml() writes it (three named entities and &#13;)."""
    return re.sub("&(?:lt|gt|amp|#13);", lambda found: _WRITTEN[found.group()], segment)


@st.composite
def references(draw: st.DrawFn, character: str) -> str:
    """One character written as itself, a named entity, or a decimal or hexadecimal character
    reference (lower or upper case hex digits, leading zeros)."""
    forms = [f"&#{ord(character)};", f"&#x{ord(character):x};", f"&#x{ord(character):04X};"]
    forms.append(f"&#{ord(character):07d};")
    if character in _NAMED:
        forms.append(_NAMED[character])
    if character not in _MUST_REFER:
        forms.append(character)
    return draw(st.sampled_from(forms))


# The kinds of reference the generated documents are checked to hold (see reference_kinds).
REFERENCE_KINDS = (
    "decimal",
    "hex",
    "astral",
    "&#13;",
    "&quot;",
    "&apos;",
    "&gt;",
    "&lt;",
    "&amp;",
    "in identifier",
)
_REFERENCE = re.compile(r"&(?:#([0-9]+)|#x([0-9a-fA-F]+)|(quot|apos|gt|lt|amp));")


def reference_kinds(written: str) -> set[str]:
    """The kinds of reference in a written text (decimal, hex, astral, &#13;, named)."""
    kinds = set()
    for found in _REFERENCE.finditer(written):
        decimal, hexadecimal, name = found.groups()
        if name:
            kinds.add(f"&{name};")
            continue
        kinds.add("decimal" if decimal else "hex")
        code = int(decimal) if decimal else int(hexadecimal, 16)
        if code > 0xFFFF:
            kinds.add("astral")
        if code == 13:
            kinds.add("&#13;")
    return kinds


_VALUE_TAGS = ("FreeText", "OtherSelectionText")
_IDENTIFIER_TAGS = ("QuestionIdentifier", "SelectionIdentifier", "UploadedFileKey")
# Where an indented document has a line break and spaces: before every tag but the end tags
# of the elements that hold text.
_INDENTED = re.compile(
    r"(<(?:/QuestionFormAnswers|Answer|/Answer|QuestionIdentifier|FreeText|SelectionIdentifier"
    r"|OtherSelectionText|UploadedFileSizeInBytes|UploadedFileKey)[>/])"
)


@st.composite
def documents_with_references(
    draw: st.DrawFn, *, identifiers: bool
) -> tuple[str, QuestionFormAnswers, set[str]]:
    """Generated answers whose element text is rewritten with every kind of reference: the
    five named entities, decimal, hexadecimal, astral and &#13;, in free text and "other"
    text, and (when ``identifiers``) in QuestionIdentifiers, SelectionIdentifiers and keys,
    which may then also be padded with whitespace, written or referenced (readers strip it).
    Free and "other" texts always get a few of ``"'<>&``, a CR, an astral and an accented
    character, so that every kind is met often (the test after this one checks that each is).

    The document is compact, as MTurk writes it, or indented (whitespace between tags), with
    MTurk's ASCII declaration, the UTF-8 one or none. Returns the document, the answers it
    holds and the kinds of reference written in it (:data:`REFERENCE_KINDS`).
    """
    answers = draw(question_form_answers(max_answers=4))
    extra = draw(st.text("\"'<>&\r\U0001f600\u00e9", min_size=1, max_size=6))
    rewritten_answers = []
    for number, item in enumerate(answers):
        update: dict[str, Any] = {}
        if isinstance(item, FreeTextAnswer):
            update["text"] = item.text + extra
        elif isinstance(item, SelectionAnswer) and item.other_selection_text is not None:
            update["other_selection_text"] = extra + item.other_selection_text
        if not identifiers:  # identifiers as MTurk writes them: the fast reader's shape
            update["question_identifier"] = f"q{number}"
            if isinstance(item, SelectionAnswer):
                chosen = item.selection_identifiers
                update["selection_identifiers"] = tuple(f"s{i}" for i in range(len(chosen)))
            elif isinstance(item, UploadedFileAnswer):
                update["uploaded_file_key"] = f"k{number}"
        rewritten_answers.append(item.model_copy(update=update))
    answers = QuestionFormAnswers(answers=tuple(rewritten_answers))
    xml = answers.to_xml()
    pieces = []
    kinds: set[str] = set()
    done = 0
    for found in _ELEMENT_TEXT.finditer(xml, xml.index("<QuestionFormAnswers")):
        tag = xml[xml.rindex("<", 0, found.start()) + 1 : found.start()]
        if tag in _VALUE_TAGS or (identifiers and tag in _IDENTIFIER_TAGS):
            text = _unescape(found.group(1))
            rewritten = "".join(draw(references(c)) for c in text)
            if tag in _IDENTIFIER_TAGS:
                padding = st.lists(st.sampled_from([" ", "\t", "\n", "&#32;", "&#x9;", "&#13;"]))
                rewritten = "".join(draw(padding)) + rewritten + "".join(draw(padding))
                if "&" in rewritten:
                    kinds.add("in identifier")
            kinds |= reference_kinds(rewritten)
            pieces += [xml[done : found.start(1)], rewritten]
            done = found.end(1)
    pieces.append(xml[done:])
    xml = "".join(pieces)
    if draw(st.booleans()):
        xml = _INDENTED.sub(r"\n    \1", xml)
    declaration = draw(st.sampled_from(["ASCII", "UTF-8", None]))
    if declaration is None:
        xml = xml[xml.index("?>") + 2 :]
    else:
        xml = xml.replace('encoding="UTF-8"', f'encoding="{declaration}"', 1)
    return xml, answers, kinds


@pytest.mark.parametrize(
    ("kind", "identifiers"),
    [(kind, False) for kind in REFERENCE_KINDS if kind != "in identifier"]
    + [(kind, True) for kind in REFERENCE_KINDS],
)
def test_the_generated_documents_hold_every_kind_of_reference(kind: str, identifiers: bool) -> None:
    """The equivalence properties below meet every kind of reference, in every place (as
    MTurk writes them, identifiers carry none)."""
    xml, _, kinds = find(
        documents_with_references(identifiers=identifiers),
        lambda case: kind in case[2],
        settings=settings(max_examples=2000, database=None, phases=[Phase.generate]),
    )
    assert kind in kinds
    assert kind in reference_kinds(xml) or kind == "in identifier"


def _read_alike(xml: str, answers: QuestionFormAnswers) -> None:
    """Both readers give ``answers``, on the document as str and as bytes in ASCII (every
    character outside it a reference, as MTurk writes them; the declaration, when there is
    one, names ASCII or UTF-8, of which ASCII is a subset)."""
    assert both_paths(xml) == answers
    assert both_paths(xml.encode("ascii", "xmlcharrefreplace")) == answers


@given(documents_with_references(identifiers=False))
def test_the_fast_reader_decodes_every_reference(
    case: tuple[str, QuestionFormAnswers, set[str]],
) -> None:
    xml, answers, _ = case
    fast = answers_module._read_canonical(xml)
    assert fast == answers  # the document keeps MTurk's shape: the fast reader reads it
    assert answers_module._parse(xml, answers_module._read_events) == answers
    _read_alike(xml, answers)


@given(documents_with_references(identifiers=True))
def test_both_readers_agree_on_references_anywhere(
    case: tuple[str, QuestionFormAnswers, set[str]],
) -> None:
    xml, answers, _ = case
    _read_alike(xml, answers)
    fast = answers_module._read_canonical(xml)
    assert fast is None or fast == answers


@pytest.mark.parametrize(
    ("written", "text"),
    [
        ("&quot;&apos;&gt;&lt;&amp;", "\"'><&"),
        ("&#34;&#x27;&#62;&#x3C;", "\"'><"),
        ("&#x1F600;&#128512;&#xd;&#13;", "\U0001f600\U0001f600\r\r"),
        ("a&quot;b&apos;c", "a\"b'c"),
    ],
)
def test_named_and_numeric_references_in_the_fast_reader(written: str, text: str) -> None:
    document = answer(f"<FreeText>{written}</FreeText>")
    fast = answers_module._read_canonical(document)
    assert fast is not None
    assert fast["q1"].text == text  # type: ignore[union-attr]
    assert both_paths(document)["q1"].text == text  # type: ignore[union-attr]
    other = answer(f"<OtherSelectionText>{written}</OtherSelectionText>")
    assert both_paths(other)["q1"].other_selection_text == text  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "reference",
    ["&#0;", "&#x0;", "&#1;", "&#xD800;", "&#xDFFF;", "&#xFFFE;", "&#65535;", "&#x110000;"],
)
@pytest.mark.parametrize("element", ["FreeText", "OtherSelectionText", "QuestionIdentifier"])
def test_invalid_references_are_refused_by_both_readers(reference: str, element: str) -> None:
    body = f"<{element}>caf&#233; {reference}</{element}>"
    document = answer(body) if element != "QuestionIdentifier" else wrap(f"<Answer>{body}</Answer>")
    ascii_document = f'<?xml version="1.0" encoding="ASCII"?>{document}'
    for data in (document, ascii_document.encode("ascii")):
        with pytest.raises(MalformedAnswerError, match="reference to invalid character"):
            parse_answers(data)
        with pytest.raises(MalformedAnswerError, match="reference to invalid character"):
            answers_module._parse(data, answers_module._read_events)


@st.composite
def ascii_documents(draw: st.DrawFn) -> tuple[bytes, QuestionFormAnswers]:
    """Generated answers written as MTurk writes them today: declared ASCII, every character
    outside ASCII a decimal (or hexadecimal) character reference, line breaks as &#13;."""
    answers = draw(question_form_answers(max_answers=6))
    xml = answers.to_xml().replace('encoding="UTF-8"', 'encoding="ASCII"')
    data = xml.encode("ascii", "xmlcharrefreplace")
    if draw(st.booleans()):
        data = re.sub(rb"&#([0-9]+);", lambda m: b"&#x%x;" % int(m.group(1)), data)
    return data, answers


@given(ascii_documents())
def test_ascii_documents_with_references_read_alike(
    case: tuple[bytes, QuestionFormAnswers],
) -> None:
    data, answers = case
    assert both_paths(data) == answers
    assert both_paths(data.decode("ascii")) == answers


@pytest.mark.parametrize("declared", ["ASCII", "US-ASCII", "ascii"])
def test_a_byte_above_127_in_an_ascii_document_stays_refused(declared: str) -> None:
    """ASCII bytes are checked as the str they decode to; other bytes as they are, so expat
    still refuses what the declared encoding cannot hold (the str has no encoding to break)."""
    xml = f'<?xml version="1.0" encoding="{declared}"?>' + answer("<FreeText>café</FreeText>")
    with pytest.raises(MalformedAnswerError):
        parse_answers(xml.encode("utf-8"))
    with pytest.raises(MalformedAnswerError):
        answers_module._parse(xml.encode("utf-8"), answers_module._read_events)
    assert both_paths(xml).answers[0].text == "café"
    assert both_paths(xml.replace("é", "&#233;").encode("ascii")).answers[0].text == "café"


@pytest.mark.parametrize(
    ("written", "text"),
    [
        ("caf&#233; &#26481;&#20140; &#128512;&#13;&#13;ok", "café 東京 😀\r\rok"),
        ("&#x1F600;&#X41;", None),  # "&#X" is not a reference: refused by both
        ("a\r\n&#233;\r&#13;\n", "a\né\n\r\n"),
        ("&amp;&#233;&lt;&#38;lt;&#x26;amp;", "&é<&lt;&amp;"),
        ("&#0000233;&#x000E9;", "éé"),
        ("x" * 9000 + "&#233;" + "y" * 9000, "x" * 9000 + "é" + "y" * 9000),
    ],
)
def test_character_references_in_the_fast_reader(written: str, text: str | None) -> None:
    free = wrap(
        "".join(
            f"<Answer><QuestionIdentifier>q{n}</QuestionIdentifier><FreeText>{written}</FreeText>"
            "</Answer>"
            for n in (1, 2)
        )
    )
    other = answer(
        f"<SelectionIdentifier>s</SelectionIdentifier><OtherSelectionText>{written}"
        "</OtherSelectionText>"
    )
    for document in (free, other):
        if text is None:
            with pytest.raises(MalformedAnswerError):
                both_paths(document)
            continue
        fast = answers_module._read_canonical(document)
        assert fast is not None
        assert both_paths(document) == fast
        assert [a.value for a in fast] in ([text, text], [["s", text]])


@given(answer_texts())
def test_free_text_survives_any_content(text: str) -> None:
    answers = QuestionFormAnswers(answers=(FreeTextAnswer(question_identifier="q", text=text),))
    assert parse_answers(answers.to_xml())["q"].text == text


# --- Assignment and crowd ---------------------------------------------------------------------


def test_assignment_parse_answers() -> None:
    assert Assignment(Answer=None).parse_answers() == QuestionFormAnswers()  # type: ignore[call-arg]
    assignment = Assignment.model_validate({"Answer": data_path("qfa_04.xml").read_text("utf-8")})
    assert assignment.parse_answers()["Q1HasEvents"].text == "no"
    with pytest.raises(MalformedAnswerError):
        Assignment.model_validate({"Answer": "<oops"}).parse_answers()


def test_crowd_answers() -> None:
    text = '[{"confidence":{"high":true,"low":false},"comments":"ok"}]'
    answers = both_paths(
        QuestionFormAnswers(
            answers=(FreeTextAnswer(question_identifier="taskAnswers", text=text),)
        ).to_xml()
    )
    assert answers.crowd_answers() == [
        {"confidence": {"high": True, "low": False}, "comments": "ok"}
    ]


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ((), r"exactly one free-text answer named taskAnswers; this document has 0 \(none\)"),
        (
            (SelectionAnswer(question_identifier="taskAnswers"),),
            r"has 1 \(selection\)",
        ),
        (
            (
                FreeTextAnswer(question_identifier="taskAnswers", text="[]"),
                FreeTextAnswer(question_identifier="taskAnswers", text="[]"),
            ),
            r"has 2 \(free_text, free_text\)",
        ),
        (
            (FreeTextAnswer(question_identifier="taskAnswers", text="[{"),),
            "not valid JSON at line 1, column 3",
        ),
        (
            (FreeTextAnswer(question_identifier="taskAnswers", text="[1]"),),
            "item 0 must be a JSON object",
        ),
    ],
)
def test_crowd_answers_errors(answers: tuple[Any, ...], message: str) -> None:
    with pytest.raises(CrowdAnswerError, match=message):
        QuestionFormAnswers(answers=answers).crowd_answers()


def test_demo_prints_the_parsed_answers(capsys: pytest.CaptureFixture[str]) -> None:
    from mturk_models.cli import main

    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "Parsed answers (parse_answers): 38 (38 free_text)" in out
    assert (
        "  instruction_quality_q2       free_text      I think the output should also be in" in out
    )
    assert 'positive_example_quality_q2  free_text      ""' in out
    assert "... and 26 more" in out
    assert max(len(line) for line in out.splitlines()) <= 100


@pytest.mark.parametrize(
    "tail",
    ["<Bogus/>", "<SelectionIdentifier>a</SelectionIdentifier>" + " " * 200_000 + "<Bogus/>"],
)
def test_long_whitespace_runs_do_not_backtrack(tail: str) -> None:
    # A document that almost has MTurk's shape, with very long whitespace runs: quadratic
    # backtracking in the fast reader would make this test hang instead of failing.
    spaces = " " * 200_000
    document = answer(f"{spaces}{tail}{spaces}")
    with pytest.raises(MalformedAnswerError, match="Bogus"):
        parse_answers(document)
    assert answers_module._read_canonical(document) is None
