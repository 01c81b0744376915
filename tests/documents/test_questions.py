"""Question documents: parsing real and made-up documents, every rule broken once, XML round
trips, the HTMLQuestion submit check, and QuestionForm.check against parsed answers.

Data: the ExternalQuestions inside tests/data/legacy_02.xml and legacy_07.xml (escaped text of
<Question>), the QuestionForm of the GetAssignment sample in tests/data/seeds/003_*.txt, and the
XSDs in tests/data/schemas/. Made here: the inline documents below.
"""

from __future__ import annotations

import contextlib
import re
import xml.etree.ElementTree as ET
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError
from tests.conftest import data_path

from mturk_models import (
    EXTERNAL_QUESTION_NAMESPACE,
    HTML_QUESTION_NAMESPACE,
    QUESTION_FORM_NAMESPACE,
    QUESTION_FORM_NAMESPACE_2005,
    ApplicationContent,
    BinaryContent,
    Constraints,
    ExternalQuestion,
    FileUploadAnswerSpecification,
    FreeTextAnswer,
    FreeTextAnswerSpecification,
    HTMLQuestion,
    IsNumeric,
    Length,
    ListContent,
    MTurkModelsError,
    Overview,
    Question,
    QuestionForm,
    QuestionFormAnswers,
    QuestionNotFoundError,
    QuestionParseError,
    Selection,
    SelectionAnswer,
    SelectionAnswerSpecification,
    StyleSuggestion,
    TextContent,
    UnsafeXMLError,
    UploadedFileAnswer,
    parse_answers,
    parse_question,
)
from mturk_models._base import Document
from mturk_models.documents.questions import MAX_FILE_SIZE_IN_BYTES
from mturk_models.testing import external_questions, html_questions, question_forms

XS = "{http://www.w3.org/2001/XMLSchema}"


def legacy_questions(name: str) -> list[str]:
    root = ET.parse(data_path(name)).getroot()
    return [q.text or "" for q in root.iter("Question")]


def seed_question_form() -> str:
    text = data_path("seeds/003_bd5cddda1b911dea.txt").read_text("utf-8")
    match = re.search(r"<Question>\s*(<QuestionForm.*?</QuestionForm>)\s*</Question>", text, re.S)
    assert match is not None
    return match.group(1)


def form_xml(body: str, namespace: str = QUESTION_FORM_NAMESPACE) -> str:
    return f'<QuestionForm xmlns="{namespace}">{body}</QuestionForm>'


def question_xml(answer: str, identifier: str = "q1", extra: str = "") -> str:
    return (
        f"<Question><QuestionIdentifier>{identifier}</QuestionIdentifier>{extra}"
        f"<QuestionContent><Text>Q?</Text></QuestionContent>"
        f"<AnswerSpecification>{answer}</AnswerSpecification></Question>"
    )


def form_xml_2005(body: str) -> str:
    return form_xml(body, QUESTION_FORM_NAMESPACE_2005)


FREE = "<FreeTextAnswer/>"


# --- real documents --------------------------------------------------------------------------


LEGACY_URLS = {
    "legacy_02.xml": ("http://www.google.com", 500),
    "legacy_07.xml": ("http://s3.amazonaws.com/mpercival.com/newtweet.html?id=foo", 400),
}


@pytest.mark.parametrize("path", sorted(data_path(".").glob("legacy_*.xml")), ids=lambda p: p.name)
def test_every_legacy_question_parses(path: Any) -> None:
    documents = legacy_questions(path.name)
    assert len(documents) == (1 if path.name in LEGACY_URLS else 0)
    for xml in documents:
        question = parse_question(xml)
        assert isinstance(question, ExternalQuestion)
        assert (question.external_url, question.frame_height) == LEGACY_URLS[path.name]
        assert parse_question(question.to_xml()) == question
        # 2009-2014 HITs used http; MTurk refuses it for new HITs, and strict parsing says so.
        with pytest.raises(QuestionParseError, match=r"https:// URL \(MTurk refuses http\)"):
            parse_question(xml, strict=True)


def test_seed_question_form_parses() -> None:
    form = parse_question(seed_question_form())
    assert isinstance(form, QuestionForm)
    assert form.schema_version == "2005-10-01"
    (question,) = form.questions
    assert question.question_identifier == "Question100"
    assert question.display_name == "My Question"
    assert question.is_required is True
    (binary,) = question.question_content
    assert isinstance(binary, BinaryContent)
    assert (binary.mime_type, binary.mime_sub_type) == ("image", "gif")
    assert binary.data_url == "http://tictactoe.amazon.com/game/01523/board.gif"
    assert binary.alt_text == 'The game board, with "X" to move.'
    assert question.answer_specification == FreeTextAnswerSpecification()
    assert parse_question(form.to_xml()) == form


def test_seed_answer_checks_against_its_form() -> None:
    form = parse_question(seed_question_form())
    assert isinstance(form, QuestionForm)
    text = data_path("seeds/003_bd5cddda1b911dea.txt").read_text("utf-8")
    match = re.search(r"<Answer>\s*(<\?xml.*?</QuestionFormAnswers>)", text, re.S)
    assert match is not None
    answers = parse_answers(match.group(1))
    assert form.check(answers) == []
    assert form.values(answers) == {"Question100": "Move to X."}


# --- namespaces and roots ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("xml", "message"),
    [
        ("<ExternalQuestion/>", "ExternalQuestion should be in namespace .*2006-07-14"),
        (
            f'<HTMLQuestion xmlns="{EXTERNAL_QUESTION_NAMESPACE}"/>',
            "HTMLQuestion should be in namespace .*2011-11-11/HTMLQuestion.xsd",
        ),
        (f'<QuestionForm xmlns="{HTML_QUESTION_NAMESPACE}"/>', "2017-11-06.* or .*2005-10-01"),
        (f'<Questions xmlns="{QUESTION_FORM_NAMESPACE}"/>', "root should be ExternalQuestion"),
        ("<QuestionForm", "not well-formed XML at line 1"),
        (b"\xff\xfe<\x00", "question document"),
    ],
)
def test_roots_and_namespaces(xml: str | bytes, message: str) -> None:
    with pytest.raises(QuestionParseError, match=message):
        parse_question(xml)


def test_hostile_xml_is_refused() -> None:
    bomb = (
        '<!DOCTYPE q [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><QuestionForm>&b;</QuestionForm>'
    )
    with pytest.raises(UnsafeXMLError):
        parse_question(bomb)


def test_both_question_form_namespaces_parse() -> None:
    for namespace, version in (
        (QUESTION_FORM_NAMESPACE, "2017-11-06"),
        (QUESTION_FORM_NAMESPACE_2005, "2005-10-01"),
    ):
        form = parse_question(form_xml(question_xml(FREE), namespace))
        assert isinstance(form, QuestionForm)
        assert form.schema_version == version
        assert f'xmlns="{namespace}"' in form.to_xml()


# --- ExternalQuestion ----------------------------------------------------------------------


def test_external_question_rules() -> None:
    with pytest.raises(ValidationError) as info:
        ExternalQuestion(external_url="http://example.com", frame_height=0)
    assert info.value.errors()[0]["type"] == "external_url_https"
    for bad in ("https://", "example.com/x", " https://example.com"):
        with pytest.raises(ValidationError, match="absolute https:// URL"):
            ExternalQuestion(external_url=bad, frame_height=0)
    with pytest.raises(ValidationError) as info:
        ExternalQuestion(external_url="https://example.com", frame_height=-1)
    assert info.value.errors()[0]["type"] == "greater_than_equal"


def test_external_question_document_rules() -> None:
    head = f'<ExternalQuestion xmlns="{EXTERNAL_QUESTION_NAMESPACE}">'
    url = "<ExternalURL>https://example.com</ExternalURL>"
    cases = [
        (f"{head}{url}<FrameHeight>tall</FrameHeight></ExternalQuestion>", "should be an integer"),
        (f"{head}{url}</ExternalQuestion>", "takes exactly 1 FrameHeight; got 0"),
        (
            f"{head}<FrameHeight>1</FrameHeight>{url}</ExternalQuestion>",
            "ExternalURL at ExternalQuestion/ExternalURL\\[1\\] is out of order",
        ),
        (f"{head}{url}<FrameHeight>-5</FrameHeight></ExternalQuestion>", "greater than or equal"),
        (f"{head}{url}<Height>1</Height></ExternalQuestion>", "unexpected element Height"),
        (f"{head}text{url}<FrameHeight>1</FrameHeight></ExternalQuestion>", "cannot contain text"),
    ]
    for xml, message in cases:
        with pytest.raises(QuestionParseError, match=message):
            parse_question(xml)


def test_external_question_whitespace_around_values() -> None:
    xml = (
        f'<ExternalQuestion xmlns="{EXTERNAL_QUESTION_NAMESPACE}">\n\t<ExternalURL> '
        "https://example.com/a?b=1&amp;c=2 </ExternalURL>\n<FrameHeight> 0 </FrameHeight>\n"
        "</ExternalQuestion>"
    )
    question = parse_question(xml, strict=True)
    assert question == ExternalQuestion(
        external_url="https://example.com/a?b=1&c=2", frame_height=0
    )
    assert "&amp;c=2" in question.to_xml()


# --- HTMLQuestion --------------------------------------------------------------------------------

SUBMIT = (
    '<form method="post" action="https://www.mturk.com/mturk/externalSubmit">'
    '<input type="hidden" name="assignmentId" value=""><input name="x"></form>'
)


def html_question(page: str) -> HTMLQuestion:
    return HTMLQuestion.model_validate({"html_content": page, "frame_height": 450})


def test_html_cdata_split_and_carriage_returns() -> None:
    page = f"<script>var s = ']]>'; var t = ']]]]>';</script>\r\n<p>a\rb</p>{SUBMIT}"
    question = html_question(page)
    xml = question.to_xml()
    assert xml.count("<![CDATA[") == 5  # two ]]> splits, two CRs
    assert "]]]]><![CDATA[>" in xml
    assert parse_question(xml) == question


def test_html_question_parses_documented_form() -> None:
    xml = (
        f'<HTMLQuestion xmlns="{HTML_QUESTION_NAMESPACE}">\n  <HTMLContent><![CDATA[\n'
        "<!DOCTYPE html>\n<html><body>"
        f"{SUBMIT}</body></html>\n]]>\n  </HTMLContent>\n  <FrameHeight>450</FrameHeight>\n"
        "</HTMLQuestion>"
    )
    question = parse_question(xml)
    assert isinstance(question, HTMLQuestion)
    assert question.frame_height == 450
    assert question.html_content.strip().startswith("<!DOCTYPE html>")
    assert question.check() == []


@pytest.mark.parametrize(
    ("page", "codes"),
    [
        ("<p>No form at all</p>", ["html_no_form"]),
        (
            '<form action="https://example.com/post"><input name="a"></form>',
            ["html_submit_endpoint", "html_no_assignment_id"],
        ),
        (
            '<form action="https://www.mturk.com/mturk/externalSubmit"><input name="a"></form>',
            ["html_no_assignment_id"],
        ),
        (
            '<form action="https://example.com"><input name="assignmentId"></form>',
            ["html_submit_endpoint"],
        ),
        ("<crowd-form><crowd-input name='a'></crowd-input></crowd-form>", []),
        (
            "<script src='https://s3.amazonaws.com/mturk-public/externalHIT_v1.js'></script>"
            "<form method='post' id='mturk_form' "
            "action='https://workersandbox.mturk.com/mturk/externalSubmit'>"
            "<textarea name='w'></textarea></form><script>turkSetAssignmentID()</script>",
            [],
        ),
        (
            "<form id='f'><input type='hidden' id='assignmentId' name='assignmentId'></form>"
            "<script>document.getElementById('f').action = turkSubmitTo + "
            "'/mturk/externalSubmit';</script>",
            [],
        ),
    ],
)
def test_html_submit_check(page: str, codes: list[str]) -> None:
    findings = html_question(page).check()
    assert [f.code for f in findings] == codes
    assert all(f.message for f in findings)


# --- QuestionForm rules, each broken once --------------------------------------------------


def free(**constraints: Any) -> FreeTextAnswerSpecification:
    return FreeTextAnswerSpecification(constraints=Constraints(**constraints))


def question(identifier: str = "q1", spec: Any = None, **fields: Any) -> Question:
    return Question(
        question_identifier=identifier,
        question_content=(TextContent(text="Q?"),),
        answer_specification=spec or FreeTextAnswerSpecification(),
        **fields,
    )


def yes_no(**fields: Any) -> SelectionAnswerSpecification:
    return SelectionAnswerSpecification(
        selections=(
            Selection(selection_identifier="y", text="Yes"),
            Selection(selection_identifier="n", text="No"),
        ),
        **fields,
    )


RULES = [
    (lambda: QuestionForm(items=(question("a"), question("a"))), "question_identifier_unique"),
    (lambda: QuestionForm(items=()), "too_short"),
    (lambda: question(identifier=""), "empty_identifier"),
    (lambda: question(identifier=" \n\t"), "empty_identifier"),
    (lambda: question(identifier="a\x00"), "xml_character"),
    (lambda: IsNumeric(min_value=5, max_value=1), "is_numeric_bounds"),
    (lambda: IsNumeric(min_value=-(2**31) - 1), "int32_range"),
    (lambda: Length(min_length=5, max_length=1), "length_bounds"),
    (lambda: Length(max_length=0), "greater_than_equal"),
    (lambda: Length(min_length=-1), "greater_than_equal"),
    (lambda: yes_no(min_selection_count=3, max_selection_count=2), "selection_count_bounds"),
    (lambda: yes_no(max_selection_count=0), "greater_than_equal"),
    (lambda: yes_no(max_selection_count=3), "selection_count_over_choices"),
    (lambda: yes_no(min_selection_count=3, max_selection_count=3), "selection_count_over_choices"),
    (
        lambda: QuestionForm(items=(Overview(content=(TextContent(text="Hi"),)),)),
        "question_form_without_question",
    ),
    (lambda: yes_no(style_suggestion="slider"), "enum"),
    (
        lambda: SelectionAnswerSpecification(
            selections=(
                Selection(selection_identifier="y", text="Yes"),
                Selection(selection_identifier="y", text="Yep"),
            )
        ),
        "selection_identifier_unique",
    ),
    (lambda: SelectionAnswerSpecification(selections=()), "too_short"),
    (lambda: Selection(selection_identifier="y"), "selection_content"),
    (
        lambda: Selection(selection_identifier="y", text="a", formatted_content="b"),
        "selection_content",
    ),
    (
        lambda: FileUploadAnswerSpecification(
            min_file_size_in_bytes=1, max_file_size_in_bytes=MAX_FILE_SIZE_IN_BYTES + 1
        ),
        "less_than_equal",
    ),
    (
        lambda: FileUploadAnswerSpecification(min_file_size_in_bytes=-1, max_file_size_in_bytes=9),
        "greater_than_equal",
    ),
    (
        lambda: FileUploadAnswerSpecification(min_file_size_in_bytes=9, max_file_size_in_bytes=8),
        "file_size_bounds",
    ),
    (
        lambda: QuestionForm(
            items=(
                question(
                    spec=FileUploadAnswerSpecification(
                        min_file_size_in_bytes=1, max_file_size_in_bytes=9
                    )
                ),
            )
        ),
        "retired_element_schema",
    ),
    (
        lambda: QuestionForm(
            items=(
                Overview(
                    content=(
                        ApplicationContent(
                            application="flash", url="https://x", width="1", height="1"
                        ),
                    )
                ),
                question(),
            )
        ),
        "retired_element_schema",
    ),
    (
        lambda: BinaryContent.model_validate(
            {"mime_type": "image", "data_url": "ftp://x", "alt_text": ""}
        ),
        "question_url",
    ),
    (
        lambda: BinaryContent.model_validate(
            {"mime_type": "text", "data_url": "https://x", "alt_text": ""}
        ),
        "literal_error",
    ),
    (
        lambda: ApplicationContent(
            application="java_applet", url="https://x", width="1", height="1"
        ),
        "application_filename",
    ),
    (lambda: ListContent(items=()), "too_short"),
    (lambda: Overview(content=()), "too_short"),
]


@pytest.mark.parametrize(
    ("build", "code"), RULES, ids=[f"{i}-{c}" for i, (_, c) in enumerate(RULES)]
)
def test_each_question_form_rule(build: Any, code: str) -> None:
    with pytest.raises(ValidationError) as info:
        build()
    errors = info.value.errors()
    assert [e["type"] for e in errors] == [code]


def test_rule_messages_name_the_values() -> None:
    with pytest.raises(ValidationError, match="QuestionIdentifier values must be unique; 'a'"):
        QuestionForm(items=(question("a"), question("a")))
    with pytest.raises(ValidationError, match="IsNumeric: the minimum 5 is greater than the max"):
        IsNumeric(min_value=5, max_value=1)
    with pytest.raises(ValidationError, match=r"character U\+0000 \(at index 1\)"):
        TextContent(text="a\x00")
    with pytest.raises(
        ValidationError, match=r"2017-11-06 .* got FileUploadAnswer in question 'q1'"
    ):
        QuestionForm(
            items=(
                question(
                    spec=FileUploadAnswerSpecification(
                        min_file_size_in_bytes=1, max_file_size_in_bytes=9
                    )
                ),
            )
        )


def test_file_upload_in_the_2005_schema() -> None:
    spec = FileUploadAnswerSpecification(min_file_size_in_bytes=0, max_file_size_in_bytes=9)
    form = QuestionForm(items=(question(spec=spec),), schema_version="2005-10-01")
    assert "<MaxFileSizeInBytes>9</MaxFileSizeInBytes><MinFileSizeInBytes>0" in form.to_xml()
    assert parse_question(form.to_xml()) == form


# --- QuestionForm documents -----------------------------------------------------------------------

# Every content and answer kind; Application needs the 2005-10-01 schema.
FULL = form_xml_2005(
    "<Overview><Title>Instructions</Title><Text>Read carefully.</Text>"
    "<List><ListItem>one</ListItem><ListItem>two</ListItem></List>"
    "<FormattedContent><![CDATA[<p><b>Bold</b></p>]]></FormattedContent>"
    "<EmbeddedBinary><EmbeddedMimeType><Type>video</Type><SubType>mp4</SubType></EmbeddedMimeType>"
    "<DataURL>https://example.com/a.mp4</DataURL><AltText>clip</AltText><Width>640</Width>"
    "<Height>480</Height><ApplicationParameter><Name>autoplay</Name><Value>no</Value>"
    "</ApplicationParameter></EmbeddedBinary>"
    "<Application><JavaApplet><AppletPath>https://example.com/</AppletPath>"
    "<AppletFilename>a.class</AppletFilename><Width>1</Width><Height>1</Height></JavaApplet>"
    "</Application></Overview>"
    + question_xml(
        '<FreeTextAnswer><Constraints><IsNumeric minValue="18" maxValue="120"/>'
        '<Length minLength="1" maxLength="3"/>'
        '<AnswerFormatRegex regex="^\\d+$" errorText="Digits only" flags="i"/></Constraints>'
        "<DefaultText>18</DefaultText><NumberOfLinesSuggestion>1</NumberOfLinesSuggestion>"
        "</FreeTextAnswer>",
        "age",
        "<DisplayName>Age</DisplayName><IsRequired>1</IsRequired>",
    )
    + question_xml(
        "<SelectionAnswer><MinSelectionCount>1</MinSelectionCount>"
        "<MaxSelectionCount>2</MaxSelectionCount><StyleSuggestion>checkbox</StyleSuggestion>"
        "<Selections><Selection><SelectionIdentifier>cat</SelectionIdentifier><Text>Cat</Text>"
        "</Selection><Selection><SelectionIdentifier>dog</SelectionIdentifier>"
        "<Binary><MimeType><Type>image</Type></MimeType><DataURL>https://example.com/d.png"
        "</DataURL><AltText>Dog</AltText></Binary></Selection>"
        "<Selection><SelectionIdentifier>eel</SelectionIdentifier>"
        "<FormattedContent><![CDATA[<i>Eel</i>]]></FormattedContent></Selection>"
        '<OtherSelection><Constraints><Length maxLength="10"/></Constraints></OtherSelection>'
        "</Selections></SelectionAnswer>",
        "pets",
    )
    + "<Overview><Binary><MimeType><Type>audio</Type><SubType>mpeg</SubType></MimeType>"
    "<DataURL>http://example.com/a.mp3</DataURL><AltText>sound</AltText></Binary>"
    "<Application><Flash><FlashMovieURL>https://example.com/a.swf</FlashMovieURL>"
    "<Width>1</Width><Height>1</Height></Flash></Application></Overview>"
)


def test_full_question_form() -> None:
    form = parse_question(FULL)
    assert isinstance(form, QuestionForm)
    assert [type(i).__name__ for i in form.items] == [
        "Overview",
        "Question",
        "Question",
        "Overview",
    ]
    assert [type(c).__name__ for c in form.items[0].content] == [  # type: ignore[union-attr]
        "TitleContent",
        "TextContent",
        "ListContent",
        "FormattedContent",
        "EmbeddedBinaryContent",
        "ApplicationContent",
    ]
    age = form.question("age")
    assert (age.display_name, age.is_required) == ("Age", True)
    spec = age.answer_specification
    assert isinstance(spec, FreeTextAnswerSpecification)
    assert spec.constraints is not None
    assert spec.constraints.is_numeric == IsNumeric(min_value=18, max_value=120)
    assert spec.constraints.answer_format_regex[0].error_text == "Digits only"
    pets = form.question("pets").answer_specification
    assert isinstance(pets, SelectionAnswerSpecification)
    assert pets.style_suggestion is StyleSuggestion.CHECKBOX
    assert pets.selections[2].formatted_content == "<i>Eel</i>"
    assert pets.other_selection is not None
    assert parse_question(form.to_xml()) == form
    with pytest.raises(KeyError, match="no question 'nope'"):
        form.question("nope")
    with pytest.raises(QuestionNotFoundError) as caught:
        form.question("nope")
    assert caught.value.identifier == "nope"
    assert isinstance(caught.value, MTurkModelsError)


def test_overview_after_questions_and_the_old_fixed_order() -> None:
    overview = "<Overview><Text>Intro</Text></Overview>"
    for body in (
        overview + question_xml(FREE),
        question_xml(FREE) + overview + question_xml(FREE, "q2"),
    ):
        form = parse_question(form_xml(body, QUESTION_FORM_NAMESPACE_2005))
        assert isinstance(form, QuestionForm)
        assert len(form.items) == body.count("<Overview>") + body.count("<Question>")


PARSE_ERRORS = [
    (form_xml(""), "needs at least one Question"),
    (form_xml("<Intro/>"), "unexpected element Intro at QuestionForm/Intro\\[1\\]"),
    (form_xml(question_xml(FREE) + question_xml(FREE)), "QuestionIdentifier values must be unique"),
    (
        form_xml(question_xml(FREE).replace("<QuestionContent>", "<QuestionContent><Video/>")),
        "unexpected element Video",
    ),
    (form_xml(question_xml(FREE).replace("<Text>Q?</Text>", "")), "at least one content element"),
    (
        form_xml(question_xml(FREE, extra="<IsRequired>yes</IsRequired>")),
        "IsRequired should be true, false, 1 or 0",
    ),
    (
        form_xml(
            question_xml(FREE, extra="<DisplayName>x</DisplayName>")
            .replace("<DisplayName>x</DisplayName>", "")
            .replace(
                "</QuestionIdentifier>",
                "</QuestionIdentifier><QuestionContent><Text>a</Text>"
                "</QuestionContent><DisplayName>x</DisplayName>",
                1,
            )
        ),
        "out of order",
    ),
    (form_xml(question_xml(FREE + FREE)), "takes exactly one of FreeTextAnswer"),
    (form_xml(question_xml("<Essay/>")), "unexpected element Essay"),
    (
        form_xml(
            question_xml(
                '<FreeTextAnswer><Constraints><IsNumeric min="1"/></Constraints></FreeTextAnswer>'
            )
        ),
        "unexpected attribute 'min'",
    ),
    (
        form_xml(
            question_xml(
                '<FreeTextAnswer><Constraints><IsNumeric minValue="one"/>'
                "</Constraints></FreeTextAnswer>"
            )
        ),
        "@minValue should be an integer",
    ),
    (
        form_xml(
            question_xml(
                "<FreeTextAnswer><Constraints><AnswerFormatRegex/></Constraints></FreeTextAnswer>"
            )
        ),
        "needs a regex attribute",
    ),
    (
        form_xml(
            question_xml(
                '<FreeTextAnswer><Constraints><Length maxLength="1">x</Length>'
                "</Constraints></FreeTextAnswer>"
            )
        ),
        "takes only attributes",
    ),
    (
        form_xml(question_xml("<SelectionAnswer><Selections/></SelectionAnswer>")),
        "takes 1 to .* Selection; got 0",
    ),
    (
        form_xml(
            question_xml(
                "<SelectionAnswer><StyleSuggestion>slider</StyleSuggestion>"
                "<Selections><Selection><SelectionIdentifier>a</SelectionIdentifier>"
                "<Text>A</Text></Selection></Selections></SelectionAnswer>"
            )
        ),
        r"SelectionAnswer\[1\] breaks a rule at StyleSuggestion: Input should be 'radiobutton'",
    ),
    (
        form_xml(
            question_xml(
                "<FileUploadAnswer><MinFileSizeInBytes>1</MinFileSizeInBytes>"
                "<MaxFileSizeInBytes>9</MaxFileSizeInBytes></FileUploadAnswer>"
            ),
            QUESTION_FORM_NAMESPACE_2005,
        ),
        "out of order",
    ),
    (
        form_xml(question_xml(FREE).replace("<Text>Q?</Text>", "<Text><b>Q</b></Text>")),
        "takes text, not elements",
    ),
    (
        form_xml(question_xml(FREE).replace("<Text>Q?</Text>", '<Text xmlns="urn:other">Q</Text>')),
        "not in the document's namespace",
    ),
    (
        form_xml(
            question_xml(FREE).replace(
                "<Text>Q?</Text>", "<Application><Flash/><JavaApplet/></Application>"
            )
        ),
        "takes exactly one of Flash and JavaApplet",
    ),
]


@pytest.mark.parametrize(
    ("xml", "message"), PARSE_ERRORS, ids=[str(i) for i in range(len(PARSE_ERRORS))]
)
def test_question_form_parse_errors(xml: str, message: str) -> None:
    with pytest.raises(QuestionParseError, match=message):
        parse_question(xml)


# --- XSD cross-checks --------------------------------------------------------------------------


def test_models_follow_the_xsd() -> None:
    xsd = ET.parse(data_path("schemas/QuestionForm-2005-10-01.xsd")).getroot()

    def enumeration(element_name: str) -> list[str]:
        for el in xsd.iter(f"{XS}element"):
            if el.get("name") == element_name and el.find(f".//{XS}enumeration") is not None:
                return [e.get("value", "") for e in el.iter(f"{XS}enumeration")]
        raise AssertionError(element_name)

    assert enumeration("StyleSuggestion") == [s.value for s in StyleSuggestion]
    assert enumeration("Type") == ["image", "audio", "video"]
    for name in ("MaxFileSizeType", "MinFileSizeType"):
        simple = next(e for e in xsd.iter(f"{XS}simpleType") if e.get("name") == name)
        restriction = simple.find(f"{XS}restriction")
        assert restriction is not None
        # The XSD says positiveInteger; the API reference says 0 to 2,000,000,000, which the
        # models accept (FileUploadAnswer only appears in archived forms now).
        assert restriction.get("base") == "xs:positiveInteger"
        bound = restriction.find(f"{XS}maxInclusive")
        assert bound is not None
        assert int(bound.get("value", "0")) == MAX_FILE_SIZE_IN_BYTES
    content = next(e for e in xsd.iter(f"{XS}complexType") if e.get("name") == "ContentType")
    choice = content.find(f"{XS}choice")
    assert choice is not None
    names = {e.get("name") for e in choice}
    assert names == {
        "Title",
        "Text",
        "List",
        "FormattedContent",
        "Binary",
        "Application",
        "EmbeddedBinary",
    }
    assert xsd.get("targetNamespace") == QUESTION_FORM_NAMESPACE_2005
    external = ET.parse(data_path("schemas/ExternalQuestion-2006-07-14.xsd")).getroot()
    assert external.get("targetNamespace") == EXTERNAL_QUESTION_NAMESPACE


# --- round trips and robustness ------------------------------------------------------------------


@given(question_forms())
def test_question_forms_round_trip(form: QuestionForm) -> None:
    assert parse_question(form.to_xml()) == form


@given(html_questions())
def test_html_questions_round_trip(question: HTMLQuestion) -> None:
    assert parse_question(question.to_xml(), strict=True) == question
    assert question.check() == []


@given(external_questions())
def test_external_questions_round_trip(question: ExternalQuestion) -> None:
    assert parse_question(question.to_xml(), strict=True) == question


@given(st.text() | st.binary())
def test_any_input_gives_a_document_or_our_error(data: str | bytes) -> None:
    with contextlib.suppress(QuestionParseError):
        parse_question(data)


@given(question_forms(max_items=2), st.data())
def test_damaged_documents_give_a_document_or_our_error(form: QuestionForm, data: Any) -> None:
    xml = form.to_xml()
    start = data.draw(st.integers(0, len(xml) - 1))
    end = data.draw(st.integers(start, min(len(xml), start + 40)))
    damaged = xml[:start] + data.draw(st.sampled_from(["", "<x/>", "</", "&", "1"])) + xml[end:]
    with contextlib.suppress(QuestionParseError):
        parse_question(damaged)


# --- QuestionForm.check ------------------------------------------------------------------------

CHECK_FORM = parse_question(FULL)
assert isinstance(CHECK_FORM, QuestionForm)


def answers_xml(*answers: str) -> str:
    ns = "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/"
    return f'<QuestionFormAnswers xmlns="{ns}QuestionFormAnswers.xsd">{"".join(answers)}' + (
        "</QuestionFormAnswers>"
    )


def free_answer(identifier: str, text: str) -> str:
    return f"<Answer><QuestionIdentifier>{identifier}</QuestionIdentifier><FreeText>{text}" + (
        "</FreeText></Answer>"
    )


def selection_answer(identifier: str, *chosen: str, other: str | None = None) -> str:
    body = "".join(f"<SelectionIdentifier>{c}</SelectionIdentifier>" for c in chosen)
    if other is not None:
        body += f"<OtherSelectionText>{other}</OtherSelectionText>"
    return f"<Answer><QuestionIdentifier>{identifier}</QuestionIdentifier>{body}</Answer>"


def test_conforming_answers_have_no_findings() -> None:
    answers = parse_answers(answers_xml(free_answer("age", "42"), selection_answer("pets", "cat")))
    assert CHECK_FORM.check(answers) == []
    assert CHECK_FORM.values(answers) == {"age": 42, "pets": ("cat",)}


@pytest.mark.parametrize(
    ("answers", "codes"),
    [
        ([selection_answer("pets", "cat")], ["answer_required"]),
        ([free_answer("age", "")], ["answer_required"]),
        ([free_answer("age", "x1")], ["answer_not_numeric", "answer_regex"]),
        ([free_answer("age", "17")], ["answer_numeric_range"]),
        ([free_answer("age", "1000")], ["answer_numeric_range", "answer_length"]),
        ([free_answer("age", "42"), free_answer("name", "x")], ["answer_unknown_question"]),
        ([free_answer("age", "42"), free_answer("age", "43")], ["answer_duplicate"]),
        ([free_answer("age", "42"), selection_answer("pets", "cow")], ["selection_unknown"]),
        (
            [free_answer("age", "42"), selection_answer("pets", "cat", "dog", "eel")],
            ["selection_count"],
        ),
        ([free_answer("age", "42"), selection_answer("pets", other="x" * 11)], ["answer_length"]),
        ([free_answer("age", "42"), free_answer("pets", "cat")], ["answer_kind"]),
        ([selection_answer("age", "y")], ["answer_kind"]),
    ],
)
def test_each_answer_rule(answers: list[str], codes: list[str]) -> None:
    findings = CHECK_FORM.check(parse_answers(answers_xml(*answers)))
    assert [f.code for f in findings] == codes
    assert all(f.question_identifier and f.message for f in findings)


def test_finding_messages() -> None:
    findings = CHECK_FORM.check(parse_answers(answers_xml(free_answer("age", "17"))))
    assert [str(f) for f in findings] == ["Answer to 'age' should be between 18 and 120; got 17"]
    findings = CHECK_FORM.check(
        [SelectionAnswer(question_identifier="pets", selection_identifiers=("cow",))]
    )
    assert findings[0].message == (
        "Answer to 'pets' selects 'cow', which is not one of its selections ['cat', 'dog', 'eel']"
    )
    assert findings[1].code == "answer_required"


def test_other_selection_and_uploads() -> None:
    form = QuestionForm(
        items=(
            question("pick", yes_no(min_selection_count=0, max_selection_count=2)),
            question(
                "file",
                FileUploadAnswerSpecification(min_file_size_in_bytes=10, max_file_size_in_bytes=20),
            ),
        ),
        schema_version="2005-10-01",
    )
    other = SelectionAnswer(
        question_identifier="pick", selection_identifiers=(), other_selection_text="x"
    )
    upload = UploadedFileAnswer(
        question_identifier="file", uploaded_file_key="k", uploaded_file_size_in_bytes=30
    )
    assert [f.code for f in form.check([other, upload])] == [
        "other_selection_unexpected",
        "file_size",
    ]
    assert form.values([other, upload]) == {"pick": ("x",), "file": upload}


def test_regex_flags_and_unsupported_regexes() -> None:
    form = QuestionForm(
        items=(
            question("a", free(answer_format_regex=({"regex": "^abc$", "flags": "i"},))),
            question("b", free(answer_format_regex=({"regex": "(?<=a", "error_text": "x"},))),
        )
    )
    answers = [
        FreeTextAnswer(question_identifier="a", text="ABC"),
        FreeTextAnswer(question_identifier="b", text="b"),
    ]
    assert [f.code for f in form.check(answers)] == ["answer_regex_unsupported"]


def test_numeric_values_are_typed() -> None:
    form = QuestionForm(items=(question("n", free(is_numeric=IsNumeric())), question("t")))
    duck = [
        SimpleNamespace(question_identifier="n", text="2.5"),
        SimpleNamespace(question_identifier="t", text="42"),
        SimpleNamespace(question_identifier="x", text="?"),
    ]
    values = form.values(duck)
    # IsNumeric means a whole number: "2.5" does not conform, so its text is kept (and check()
    # reports it), as for any other answer that is not a whole number.
    assert values == {"n": "2.5", "t": "42", "x": "?"}
    assert [f.code for f in form.check(duck[:1])] == ["answer_not_numeric"]


def test_check_accepts_the_answers_of_a_real_assignment() -> None:
    # qfa_02.xml (2014): FreeText, a selection and a file upload; a form that fits it.
    form = QuestionForm(
        items=(
            question("001", free(length=Length(max_length=10))),
            question("002", free(answer_format_regex=({"regex": r"^\d{3}-\d{3}-\d{4}$"},))),
            question(
                "003",
                SelectionAnswerSpecification(
                    selections=(Selection(selection_identifier="C1", text="One"),)
                ),
            ),
            question(
                "004",
                FileUploadAnswerSpecification(
                    min_file_size_in_bytes=1, max_file_size_in_bytes=1_000_000
                ),
            ),
        ),
        schema_version="2005-10-01",
    )
    answers = parse_answers(data_path("qfa_02.xml").read_bytes())
    assert form.check(answers) == []
    assert form.values(answers)["003"] == ("C1",)


def test_declarations_bytes_and_byte_order_marks() -> None:
    external = ExternalQuestion(external_url="https://example.com/é", frame_height=0)
    declared = '<?xml version="1.0" encoding="UTF-8"?>\n' + external.to_xml()
    assert parse_question(declared) == external
    assert parse_question(b"\xef\xbb\xbf" + declared.encode("utf-8")) == external
    latin = '<?xml version="1.0" encoding="ISO-8859-1"?>' + external.to_xml()
    assert parse_question(latin.encode("latin-1")) == external
    assert parse_question("\n  " + external.to_xml()) == external


@pytest.mark.parametrize(
    ("encoding", "codec", "content"),
    [
        ("Shift_JIS", "shift_jis", "日本"),
        ("utf8", "utf-8", "café 日本"),
        ("windows-1252", "windows-1252", "café"),
        ("UTF-32", "utf-32", "café 日本"),
        ("UTF-32", "utf-32-be", "café 日本"),
    ],
)
def test_question_documents_in_any_declared_encoding(
    encoding: str, codec: str, content: str
) -> None:
    form = HTMLQuestion(html_content=f"<p>{content}</p>", frame_height=0)
    text = f' <?xml version="1.0" encoding="{encoding}"?>' + form.to_xml()
    assert parse_question(text.encode(codec)) == form


@given(
    question_forms(schema_version="2017-11-06", max_items=2),
    st.sampled_from(["duplicate", "upload"]),
)
def test_single_mutations_of_generated_forms_are_caught(form: QuestionForm, mutation: str) -> None:
    items = list(form.items)
    if mutation == "duplicate":
        items.append(form.questions[0])
        code = "question_identifier_unique"
    else:
        upload = FileUploadAnswerSpecification(min_file_size_in_bytes=0, max_file_size_in_bytes=1)
        items.append(question("\x7f-new", upload))
        code = "retired_element_schema"
    with pytest.raises(ValidationError) as info:
        QuestionForm(items=tuple(items), schema_version=form.schema_version)
    assert [e["type"] for e in info.value.errors()] == [code]


@given(question_forms(max_items=2))
def test_mutated_documents_of_generated_forms_are_caught(form: QuestionForm) -> None:
    xml = form.to_xml()
    first = form.questions[0]
    duplicate = (
        form.to_xml().replace("</QuestionForm>", "")
        + QuestionForm(items=(first,), schema_version=form.schema_version).to_xml().split(">", 1)[1]
    )
    with pytest.raises(QuestionParseError, match="QuestionIdentifier values must be unique"):
        parse_question(duplicate)
    wrong_namespace = xml.replace(form.namespace, HTML_QUESTION_NAMESPACE, 1)
    with pytest.raises(QuestionParseError, match="QuestionForm should be in namespace"):
        parse_question(wrong_namespace)


@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=80))
def test_html_check_never_raises(page: str) -> None:
    findings = html_question(page).check()
    assert all(f.code.startswith("html_") for f in findings)


# --- review 1: fixes -----------------------------------------------------------------------------

LONG = "9" * 5_000  # more digits than int() converts by default (sys.get_int_max_str_digits)


def test_long_numeric_answer_gives_a_finding_not_a_crash() -> None:
    """Review 1, item 1: int() refuses > 4,300 digits; the check compares without it."""
    bounded = QuestionForm(items=(question("n", free(is_numeric=IsNumeric(max_value=10))),))
    findings = bounded.check([SimpleNamespace(question_identifier="n", text=LONG)])
    assert [f.code for f in findings] == ["answer_numeric_range"]
    assert "should be at most 10; got 999" in findings[0].message
    assert "(5000 characters)" in findings[0].message
    negative = bounded.check([SimpleNamespace(question_identifier="n", text="-" + LONG)])
    assert negative == []
    unbounded = QuestionForm(items=(question("n", free(is_numeric=IsNumeric())),))
    answer = SimpleNamespace(question_identifier="n", text=f" {LONG} ")
    assert unbounded.check([answer]) == []
    value = unbounded.values([answer])["n"]
    assert isinstance(value, __import__("decimal").Decimal)
    assert value == __import__("decimal").Decimal(LONG)


@pytest.mark.parametrize(
    ("document", "where"),
    [
        (
            f'<ExternalQuestion xmlns="{EXTERNAL_QUESTION_NAMESPACE}"><ExternalURL>'
            f"https://example.com</ExternalURL><FrameHeight>{LONG}</FrameHeight>"
            "</ExternalQuestion>",
            "ExternalQuestion/FrameHeight",
        ),
        (
            form_xml(
                question_xml(
                    f'<FreeTextAnswer><Constraints><IsNumeric minValue="{LONG}"/></Constraints>'
                    "</FreeTextAnswer>"
                )
            ),
            "IsNumeric[1]/@minValue",
        ),
    ],
    ids=["FrameHeight", "IsNumeric-minValue"],
)
def test_integer_of_many_digits_is_a_parse_error(document: str, where: str) -> None:
    """Review 1, item 1: a 5,000-digit integer in a document is our error naming the path."""
    with pytest.raises(
        QuestionParseError, match=r"should be an integer of at most \d+ digits"
    ) as e:
        parse_question(document)
    assert where in str(e.value)
    assert "got one of 5000 digits" in str(e.value)


@pytest.mark.parametrize("html", ["<![ foo [ bar ]]>", "<p>Hi</p>\n<form><![ x [ y ]]></form>"])
def test_unreadable_html_is_a_finding(html: str) -> None:
    """Review 1, item 3: html.parser's AssertionError becomes a finding, never an exception."""
    findings = HTMLQuestion(html_content=html, frame_height=0).check()
    assert [f.code for f in findings] == ["html_unreadable"]
    line = html.count("\n") + 1
    assert f"could not be read as HTML at line {line}, column" in findings[0].message


def test_parse_question_refuses_what_is_not_text() -> None:
    for bad in (None, 42, ["<a/>"]):
        with pytest.raises(
            TypeError, match=r"parse_question\(\) takes the question document as str"
        ):
            parse_question(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "url", ["https://example.com/a b", "https://example.com/\ta", "https://e.com/\n"]
)
def test_external_url_refuses_whitespace(url: str) -> None:
    with pytest.raises(ValidationError) as info:
        ExternalQuestion(external_url=url, frame_height=0)
    assert info.value.errors()[0]["type"] in ("external_url_whitespace", "external_url_https")
    if url.strip() == url:
        assert info.value.errors()[0]["type"] == "external_url_whitespace"
        assert "percent-encode a space as %20" in str(info.value)


def test_external_url_with_a_space_reads_only_as_archived() -> None:
    xml = (
        f'<ExternalQuestion xmlns="{EXTERNAL_QUESTION_NAMESPACE}"><ExternalURL>'
        "https://example.com/a b</ExternalURL><FrameHeight>0</FrameHeight></ExternalQuestion>"
    )
    archived = parse_question(xml)
    assert isinstance(archived, ExternalQuestion)
    assert archived.external_url == "https://example.com/a b"
    with pytest.raises(QuestionParseError, match="should not contain whitespace"):
        parse_question(xml, strict=True)


@pytest.mark.parametrize("text", ["1.5", "1e3", "0x10", "1,000", "--1"])
def test_is_numeric_means_a_whole_number(text: str) -> None:
    form = QuestionForm(items=(question("n", free(is_numeric=IsNumeric())),))
    answer = SimpleNamespace(question_identifier="n", text=text)
    findings = form.check([answer])
    assert [f.code for f in findings] == ["answer_not_numeric"]
    assert f"should be a whole number (IsNumeric); got {text!r}" in findings[0].message
    assert form.values([answer]) == {"n": text}
    assert form.values([SimpleNamespace(question_identifier="n", text=" -7 ")]) == {"n": -7}


@pytest.mark.parametrize(
    ("value", "code"), [(True, "int32_bool"), (2**31, "int32_range"), (-(2**31) - 1, "int32_range")]
)
def test_is_numeric_bounds_are_strict_32_bit(value: Any, code: str) -> None:
    with pytest.raises(ValidationError) as info:
        IsNumeric(min_value=value)
    assert info.value.errors()[0]["type"] == code
    assert IsNumeric(min_value=-(2**31), max_value=2**31 - 1).max_value == 2**31 - 1


# --- values the reader must not change ----------------------------------------------------------


def test_only_ascii_digits_are_integers() -> None:
    html = HTMLQuestion(html_content="<crowd-form></crowd-form>", frame_height=12).to_xml()
    arabic = html.replace("<FrameHeight>12</FrameHeight>", "<FrameHeight>١٢</FrameHeight>")
    with pytest.raises(QuestionParseError, match=r"FrameHeight\[1\] should be an integer"):
        parse_question(arabic)


def test_only_xml_whitespace_is_stripped() -> None:
    """str.strip() would also drop NBSP and other Unicode spaces, which are data."""
    picture = BinaryContent.model_validate(
        {"mime_type": "image", "data_url": "https://a.example/x\u00a0", "alt_text": "x"}
    )
    form = QuestionForm(items=(Overview(content=(picture,)), question()))
    assert parse_question(form.to_xml()) == form
    external = ExternalQuestion(external_url="https://a.example/x", frame_height=0).to_xml()
    padded = external.replace("https://a.example/x", " https://a.example/x\u00a0 ")
    with pytest.raises(QuestionParseError, match=r"at ExternalURL: .*'https://a.example/x\\xa0'"):
        parse_question(padded)
    text_in_form = form.to_xml().replace("<Overview>", "<Overview>\u00a0")
    with pytest.raises(QuestionParseError, match="cannot contain text"):
        parse_question(text_in_form)


def test_identifiers_are_stripped_like_the_answers_identifiers() -> None:
    form = QuestionForm(items=(question(" \n q1 \t", spec=yes_no()),))
    assert form.items[0].question_identifier == "q1"  # type: ignore[union-attr]
    padded = (
        form.to_xml()
        .replace(
            "<QuestionIdentifier>q1</QuestionIdentifier>",
            "<QuestionIdentifier>\n  q1\n</QuestionIdentifier>",
        )
        .replace(
            "<SelectionIdentifier>y</SelectionIdentifier>",
            "<SelectionIdentifier> y </SelectionIdentifier>",
        )
    )
    parsed = parse_question(padded)
    assert parsed == form
    answers = parse_answers(
        QuestionFormAnswers(
            answers=(SelectionAnswer(question_identifier=" q1 ", selection_identifiers=(" y",)),)
        ).to_xml()
    )
    assert parsed.check(answers) == []  # type: ignore[union-attr]
    assert parsed.values(answers) == {"q1": ("y",)}  # type: ignore[union-attr]


# --- selection counts, forms without questions, the Document base --------------------------------


def test_the_other_selection_counts_as_a_choice() -> None:
    spec = yes_no(min_selection_count=3, max_selection_count=3, other_selection=free())
    assert spec.max_selection_count == 3


def test_selection_counts_over_the_choices_are_refused_when_parsed() -> None:
    body = (
        "<SelectionAnswer><MaxSelectionCount>3</MaxSelectionCount><Selections><Selection>"
        "<SelectionIdentifier>y</SelectionIdentifier><Text>Yes</Text></Selection>"
        "</Selections></SelectionAnswer>"
    )
    with pytest.raises(QuestionParseError, match="MaxSelectionCount 3 is more than the 1") as info:
        parse_question(form_xml(question_xml(body)))
    assert (
        info.value.location == "QuestionForm/Question[1]/AnswerSpecification[1]/SelectionAnswer[1]"
    )


def test_a_form_of_overviews_only_is_refused_when_parsed() -> None:
    with pytest.raises(QuestionParseError, match="needs at least one Question"):
        parse_question(form_xml("<Overview><Text>Intro</Text></Overview>"))


@given(question_forms())
def test_generated_forms_are_documents_with_a_question(form: QuestionForm) -> None:
    assert isinstance(form, Document)
    assert form.questions


@pytest.mark.parametrize(
    "document",
    [
        ExternalQuestion(external_url="https://example.com/x", frame_height=0),
        HTMLQuestion(html_content="<p>x</p>", frame_height=0),
        TextContent(text="x"),
    ],
)
def test_to_boto3_of_question_documents_is_deprecated(document: Any) -> None:
    with pytest.warns(DeprecationWarning, match=r"use to_xml\(\)"):
        shape = document.to_boto3()
    assert shape == document.model_dump(by_alias=True, exclude_none=True, mode="json")


def test_checks_live_on_the_answer_specifications() -> None:
    answer = SimpleNamespace(
        question_identifier="q1", selection_identifiers=("y", "y"), other_selection_text=None
    )
    assert [f.code for f in yes_no().findings(answer, "q1")] == ["selection_duplicate"]
    assert yes_no().answer_kind == "selection"
    assert free().answer_kind == "free_text"
