"""The two QuestionForm readers give the same result, and the tree under them is defusedxml's.

``parse_question`` reads a QuestionForm in its usual shape with a fast reader (one validation of
the whole form) and hands anything else, every error included, to the general reader, which
validates each part and locates the error. These properties compare the two on generated forms,
pretty-printed ones, damaged and mutated ones, and the recorded documents: the same model (equal,
with the same fields set at every depth) or the same error (class, message, location, line,
column). ``parse_tree`` (a secure expat pass, then ElementTree's C parser) is compared with the
``defusedxml.ElementTree`` reader it replaced.

Data: tests/data/seeds/003_*.txt (a recorded QuestionForm), tests/data/answer_keys/test_*.xml,
and every .xml file of tests/data for the tree comparison.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import defusedxml
import defusedxml.ElementTree as defused_et
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel
from tests.conftest import DATA

from mturk_models import (
    QUESTION_FORM_NAMESPACE,
    QUESTION_FORM_NAMESPACE_2005,
    QuestionForm,
    QuestionParseError,
    UnsafeXMLError,
    parse_question,
)
from mturk_models.documents import questions
from mturk_models.documents._xml import XINCLUDE_NAMESPACES, parse_tree, prepare
from mturk_models.testing import question_forms

# --- helpers -------------------------------------------------------------------------------------


def snapshot(value: Any) -> Any:
    """A model as plain data, with its type and fields set at every depth."""
    if isinstance(value, BaseModel):
        return (
            type(value).__name__,
            sorted(value.model_fields_set),
            {name: snapshot(getattr(value, name)) for name in type(value).model_fields},
        )
    if isinstance(value, tuple):
        return tuple(map(snapshot, value))
    return value


def outcome(xml: str | bytes, *, strict: bool, fast: bool) -> Any:
    """What a reader gives: ("ok", snapshot) or the error's class, message and position."""
    try:
        document = questions._parse_question(xml, strict=strict, fast=fast)
    except QuestionParseError as exc:
        return (type(exc).__name__, str(exc), exc.location, exc.line, exc.column)
    return ("ok", snapshot(document))


def same_outcome(xml: str | bytes) -> Any:
    """Both readers' outcome, asserted equal, for the archived and the strict reading."""
    for strict in (False, True):
        general = outcome(xml, strict=strict, fast=False)
        assert outcome(xml, strict=strict, fast=True) == general, xml
    return general


def pretty(xml: str) -> str:
    """The document with line breaks and indents between elements, as editors write it (text
    and CDATA sections unchanged)."""
    parts = re.split(r"(<!\[CDATA\[.*?\]\]>)", xml, flags=re.S)

    def space(tag: re.Match[str]) -> str:
        start = not tag.group(1).startswith("</") and not tag.group(1).endswith("/>")
        return tag.group(1) if start and tag.group(2) == "/" else tag.group(1) + "\n  "

    for i in range(0, len(parts), 2):
        parts[i] = re.sub(r"(</?[A-Za-z][^<>]*>)(?=<([A-Za-z/]))", space, parts[i])
    return "".join(parts)


def recorded_form() -> str:
    text = (DATA / "seeds" / "003_bd5cddda1b911dea.txt").read_text("utf-8")
    match = re.search(r"<Question>\s*(<QuestionForm.*?</QuestionForm>)\s*</Question>", text, re.S)
    assert match is not None
    return match.group(1)


def form(body: str, namespace: str = QUESTION_FORM_NAMESPACE) -> str:
    return f'<QuestionForm xmlns="{namespace}">{body}</QuestionForm>'


def question(answer: str, content: str = "<Text>Why?</Text>", head: str = "") -> str:
    return (
        f"<Question><QuestionIdentifier>q1</QuestionIdentifier>{head}"
        f"<QuestionContent>{content}</QuestionContent>"
        f"<AnswerSpecification>{answer}</AnswerSpecification></Question>"
    )


SELECTION = (
    "<SelectionAnswer><Selections><Selection><SelectionIdentifier>a</SelectionIdentifier>"
    "<Text>A</Text></Selection></Selections></SelectionAnswer>"
)

# --- the fast reader is the one that reads usual forms --------------------------------------------


def test_usual_forms_never_reach_the_general_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    def general(self: Any, root: Any) -> Any:
        raise AssertionError("the general reader read a usual form")

    monkeypatch.setattr(questions._Reader, "form", general)
    xml = recorded_form()
    assert isinstance(parse_question(xml), QuestionForm)
    assert isinstance(parse_question(pretty(xml)), QuestionForm)
    assert isinstance(parse_question(form(question(SELECTION))), QuestionForm)


def test_errors_and_rare_elements_go_to_the_general_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[str] = []
    general = questions._Reader.form

    def counted(self: Any, root: Any) -> Any:
        read.append(root.tag)
        return general(self, root)

    monkeypatch.setattr(questions._Reader, "form", counted)
    with pytest.raises(QuestionParseError, match="QuestionIdentifier values must be unique"):
        parse_question(form(question("<FreeTextAnswer/>") * 2))  # a broken rule: read again
    upload = (
        "<FileUploadAnswer><MaxFileSizeInBytes>9</MaxFileSizeInBytes>"
        "<MinFileSizeInBytes>0</MinFileSizeInBytes></FileUploadAnswer>"
    )
    assert isinstance(
        parse_question(form(question(upload), QUESTION_FORM_NAMESPACE_2005)), QuestionForm
    )
    assert len(read) == 2


# --- the same result from both readers ------------------------------------------------------------


@given(question_forms())
def test_generated_forms_read_the_same(generated: QuestionForm) -> None:
    xml = generated.to_xml()
    assert same_outcome(xml)[0] == "ok"
    assert same_outcome(pretty(xml).encode("utf-8"))[0] == "ok"


FRAGMENTS = [
    "",
    "x",
    " ",
    "&#13;",
    "<Text>t</Text>",
    "<Title>t</Title>",
    "<List><ListItem>i</ListItem></List>",
    "<List></List>",
    "<FormattedContent><![CDATA[<p>x</p>]]></FormattedContent>",
    "<FormattedContent><![CDATA[<script>x</script>]]></FormattedContent>",
    "<FreeTextAnswer/>",
    SELECTION,
    "<Selection><SelectionIdentifier>a</SelectionIdentifier><Text>A</Text></Selection>",
    "<OtherSelection/>",
    "<SelectionIdentifier>s</SelectionIdentifier>",
    "<QuestionIdentifier>q</QuestionIdentifier>",
    "<DisplayName>d</DisplayName>",
    "<IsRequired>1</IsRequired>",
    "<IsRequired>yes</IsRequired>",
    "<MinSelectionCount>2</MinSelectionCount>",
    "<MaxSelectionCount>x</MaxSelectionCount>",
    "<StyleSuggestion>dropdown</StyleSuggestion>",
    "<StyleSuggestion>wheel</StyleSuggestion>",
    "<NumberOfLinesSuggestion>0</NumberOfLinesSuggestion>",
    "<DefaultText>d</DefaultText>",
    "<Constraints/>",
    '<IsNumeric minValue="5" maxValue="1"/>',
    '<IsNumeric minValue="١"/>',
    '<Length maxLength="3" other="1"/>',
    '<AnswerFormatRegex errorText="e"/>',
    '<AnswerFormatRegex regex="[0-9]+" flags="i"/>',
    "<Binary><MimeType><Type>image</Type></MimeType><DataURL>https://e.com/a.png</DataURL>"
    "<AltText>a</AltText></Binary>",
    "<Binary><MimeType><Type>smell</Type></MimeType><DataURL>ftp://e</DataURL>"
    "<AltText>a</AltText></Binary>",
    "<EmbeddedBinary/>",
    "<Application/>",
    '<Text xmlns="urn:other">t</Text>',
    "<Overview><Text>o</Text></Overview>",
    "<Overview/>",
    "<!-- a comment -->",
    "<?pi data?>",
]


@given(question_forms(max_items=3), st.data())
def test_damaged_forms_read_the_same(generated: QuestionForm, data: Any) -> None:
    """Any stretch of the document replaced by an element, text or nothing: both readers give the
    same model or the same located error."""
    xml = generated.to_xml()
    tags = [m.end() for m in re.finditer(r">", xml)]
    for _ in range(data.draw(st.integers(1, 3))):
        start = data.draw(st.sampled_from(tags))
        end = data.draw(st.sampled_from([t for t in tags if t >= start]))
        if end >= len(xml):
            break
        xml = xml[:start] + data.draw(st.sampled_from(FRAGMENTS)) + xml[end:]
        tags = [m.end() for m in re.finditer(r">", xml)]
    same_outcome(xml)


@given(question_forms(max_items=3), st.data())
def test_renamed_and_moved_elements_read_the_same(generated: QuestionForm, data: Any) -> None:
    xml = pretty(generated.to_xml()) if data.draw(st.booleans()) else generated.to_xml()
    names = sorted(set(re.findall(r"<([A-Za-z]+)[ >/]", xml)))
    name = data.draw(st.sampled_from(names))
    other = data.draw(st.sampled_from([*names, "Unknown", "q:Text"]))
    count = data.draw(st.integers(1, 2))
    renamed = re.sub(rf"<(/?){name}([ >/])", rf"<\g<1>{other}\2", xml, count=count)
    same_outcome(renamed)
    elements = list(re.finditer(rf"<{name}[ >].*?</{name}>|<{name}/>", xml, re.DOTALL))
    if elements:
        chosen = data.draw(st.sampled_from(elements))
        where = data.draw(st.sampled_from([m.end() for m in re.finditer(r">", xml)]))
        copy = xml[:where] + chosen.group() + xml[where:]
        same_outcome(copy)
        same_outcome(xml[: chosen.start()] + xml[chosen.end() :])


@given(question_forms(max_items=3), st.data())
def test_small_edits_between_elements_read_the_same(generated: QuestionForm, data: Any) -> None:
    """Text, whitespace or a comment between two elements, or an element repeated right after
    itself: both readers agree (the fast reader checks each element's text and tail, and
    counts)."""
    xml = generated.to_xml()
    if data.draw(st.booleans()):
        xml = pretty(xml)
    ends = list(re.finditer(r"<([A-Za-z]+)[^<>]*?(?:/>|>(?:[^<]|<!\[CDATA\[.*?\]\]>)*?</\1>)", xml))
    chosen = data.draw(st.sampled_from(ends))
    insert = data.draw(st.sampled_from(["x", " ", "\n", "&#13;", "&#160;", "<!-- c -->", "again"]))
    if insert == "again":
        insert = chosen.group()
    where = data.draw(st.sampled_from([chosen.start(), chosen.end()]))
    same_outcome(xml[:where] + insert + xml[where:])


BINARY = (
    "<Binary><MimeType><Type>image</Type><SubType>png</SubType></MimeType>"
    "<DataURL>https://example.com/a.png</DataURL><AltText>a cat</AltText></Binary>"
)
EVERY_PART = form(
    "<Overview><Title>Hello</Title><Text>Read this.</Text></Overview>"
    + question(
        '<FreeTextAnswer><Constraints><IsNumeric minValue="1" maxValue="9"/>'
        '<Length minLength="1" maxLength="2"/><AnswerFormatRegex regex="[0-9]"/>'
        '<AnswerFormatRegex regex="[1-9]" errorText="one digit" flags="i"/></Constraints>'
        "<DefaultText>5</DefaultText><NumberOfLinesSuggestion>1</NumberOfLinesSuggestion>"
        "</FreeTextAnswer>",
        content="<Title>T</Title><Text>t</Text><List><ListItem>a</ListItem><ListItem>b</ListItem>"
        "</List><FormattedContent><![CDATA[<p><b>x</b></p>]]></FormattedContent>" + BINARY,
        head="<DisplayName>First</DisplayName><IsRequired>true</IsRequired>",
    )
    + question(
        "<SelectionAnswer><MinSelectionCount>1</MinSelectionCount>"
        "<MaxSelectionCount>2</MaxSelectionCount><StyleSuggestion>checkbox</StyleSuggestion>"
        "<Selections><Selection><SelectionIdentifier>a</SelectionIdentifier><Text>A</Text>"
        f"</Selection><Selection><SelectionIdentifier>b</SelectionIdentifier>{BINARY}"
        "</Selection><Selection><SelectionIdentifier>c</SelectionIdentifier>"
        "<FormattedContent><![CDATA[<i>C</i>]]></FormattedContent></Selection>"
        "<OtherSelection><DefaultText>other</DefaultText></OtherSelection></Selections>"
        "</SelectionAnswer>"
    ).replace("q1", "q2")
)


def test_every_part_is_read_by_the_fast_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    assert same_outcome(EVERY_PART)[0] == "ok"
    monkeypatch.setattr(questions._Reader, "form", None)
    assert isinstance(parse_question(EVERY_PART), QuestionForm)


ELEMENTS = list(re.finditer(r"<([A-Za-z]+)[ />]", EVERY_PART))


@pytest.mark.parametrize("start", [m.start() for m in ELEMENTS])
def test_each_element_with_text_around_or_repeated_reads_the_same(start: int) -> None:
    """Every element of a form that has every part the fast reader reads: text before it and
    after it, the element repeated, left out, and with text inside."""
    name = re.match(r"<([A-Za-z]+)", EVERY_PART[start:])
    assert name is not None
    tag = name.group(1)
    end = EVERY_PART.find(f"</{tag}>", start)
    end = EVERY_PART.index(">", start) + 1 if end < 0 else end + len(tag) + 3
    element = EVERY_PART[start:end]
    inner = EVERY_PART.index(">", start) + 1
    for edited in (
        EVERY_PART[:start] + "x" + EVERY_PART[start:],
        EVERY_PART[:end] + "&#160;" + EVERY_PART[end:],
        EVERY_PART[:end] + element + EVERY_PART[end:],
        EVERY_PART[:start] + EVERY_PART[end:],
        EVERY_PART[:inner] + "x" + EVERY_PART[inner:],
        EVERY_PART[:inner] + "<Text/>" + EVERY_PART[inner:],
    ):
        same_outcome(edited)


@pytest.mark.parametrize(
    "xml",
    [
        form(question("<FreeTextAnswer/>", head="<IsRequired> true </IsRequired>")),
        form(question("<FreeTextAnswer/>", head="<IsRequired>0</IsRequired>")),
        form(question("<FreeTextAnswer/>", head="<DisplayName><b/></DisplayName>")),
        form(question("<FreeTextAnswer>x</FreeTextAnswer>")),
        form(question("<FreeTextAnswer/>x")),
        form(question("<FreeTextAnswer/><FreeTextAnswer/>")),
        form(question("")),
        form(question(SELECTION, content="")),
        form(question(SELECTION, content="<Text>a</Text><Title>b</Title><List><ListItem/></List>")),
        form(
            question(
                "<FreeTextAnswer><NumberOfLinesSuggestion>"
                + "9" * 5000
                + "</NumberOfLinesSuggestion></FreeTextAnswer>"
            )
        ),
        form(
            question(
                '<FreeTextAnswer><Constraints><IsNumeric minValue=" +3 "/><Length minLength="0"/>'
                '<AnswerFormatRegex regex="a"/><AnswerFormatRegex regex="b"/></Constraints>'
                "</FreeTextAnswer>"
            )
        ),
        form(
            question(
                '<FreeTextAnswer><Constraints><AnswerFormatRegex regex="a"/><Length/></Constraints>'
                "</FreeTextAnswer>"
            )
        ),
        form(
            question(
                "<FreeTextAnswer><Constraints><IsNumeric>1</IsNumeric></Constraints></FreeTextAnswer>"
            )
        ),
        form(
            question(
                "<FreeTextAnswer><Constraints><IsNumeric><x/></IsNumeric></Constraints></FreeTextAnswer>"
            )
        ),
        form(
            question(
                '<FreeTextAnswer><Constraints><IsNumeric xmlns:o="urn:o" o:minValue="1"/>'
                "</Constraints></FreeTextAnswer>"
            )
        ),
        form(question(SELECTION.replace("<Selections>", "<Selections><OtherSelection/>"))),
        form(question(SELECTION.replace("</Selections>", "<OtherSelection/></Selections>"))),
        form(question(SELECTION.replace("<Selections>", "<Selections>t"))),
        form(question(SELECTION.replace("<Text>A</Text>", ""))),
        form(question(SELECTION.replace("<SelectionIdentifier>a</SelectionIdentifier>", ""))),
        form(
            question(
                SELECTION.replace(
                    "<Selections>", "<MaxSelectionCount>9</MaxSelectionCount><Selections>"
                )
            )
        ),
        form(
            question(
                SELECTION.replace(
                    "<Text>A</Text>",
                    "<Binary><MimeType><Type> image </Type><SubType>png</SubType></MimeType>"
                    "<DataURL> https://e.com/a.png </DataURL><AltText>a</AltText></Binary>",
                )
            )
        ),
        form(
            question(
                SELECTION.replace(
                    "<Text>A</Text>",
                    "<Binary><MimeType><SubType>png</SubType></MimeType><DataURL>https://e.com/a.png</DataURL><AltText>a</AltText></Binary>",
                )
            )
        ),
        form(
            question(
                SELECTION.replace(
                    "<Text>A</Text>",
                    "<Binary><DataURL>https://e.com/a.png</DataURL><AltText>a</AltText></Binary>",
                )
            )
        ),
        form(
            question(
                "<FreeTextAnswer/>",
                content="<Binary><MimeType><Type>image</Type></MimeType>"
                "<DataURL>https://e.com/a.png&#13;\n </DataURL><AltText>a</AltText></Binary>",
            )
        ),
        form(
            question(
                SELECTION.replace(
                    "<Text>A</Text>",
                    "<Binary><MimeType><Type>image </Type></MimeType>"
                    "<DataURL>https://e.com/a.png </DataURL><AltText>a</AltText></Binary>",
                )
            )
        ),
        form(question("<FreeTextAnswer/>", content="<List/>")),
        form(question("<FreeTextAnswer/>", head="<IsRequired>yes</IsRequired>")),
        form(
            question(
                '<FreeTextAnswer><Constraints><IsNumeric minValue="\u0661"/></Constraints>'
                "</FreeTextAnswer>"
            )
        ),
        form(
            question(
                "<FreeTextAnswer><NumberOfLinesSuggestion>1_0</NumberOfLinesSuggestion>"
                "</FreeTextAnswer>"
            )
        ),
        form(
            question(
                SELECTION.replace(
                    "<Selections>", "<MinSelectionCount> 1 </MinSelectionCount><Selections>"
                )
            )
        ),
        form(question("<FreeTextAnswer/>") + "<Overview><Title>t</Title></Overview>"),
        form("<Overview><Title>t</Title></Overview>"),
        form(""),
        form("text" + question("<FreeTextAnswer/>")),
        form(question("<FreeTextAnswer/>") + "tail"),
        form(question("<FreeTextAnswer/>") + '<Question xmlns="urn:other"/>'),
        form(
            question("<FreeTextAnswer/>").replace("<QuestionIdentifier>q1", "<QuestionIdentifier> ")
        ),
        form(
            question(
                "<FreeTextAnswer/>",
                content="<FormattedContent><![CDATA[<p>a</p>]]></FormattedContent>",
            )
        ),
        form(
            question(
                "<FreeTextAnswer/>",
                content='<FormattedContent><![CDATA[<p onclick="x">a</p>]]></FormattedContent>',
            )
        ),
        form(
            question(
                "<FreeTextAnswer/>",
                content="<FormattedContent><![CDATA[<!DOCTYPE p>]]></FormattedContent>",
            )
        ),
        form(
            question(
                "<FreeTextAnswer/>",
                content="<Binary><MimeType><Type>image</Type></MimeType><DataURL>http://e.com/a.png</DataURL><AltText>a</AltText></Binary>",
            )
        ),
    ],
)
def test_edge_cases_read_the_same(xml: str) -> None:
    same_outcome(xml)


def test_recorded_documents_read_the_same() -> None:
    assert same_outcome(recorded_form())[0] == "ok"
    for path in sorted((DATA / "answer_keys").glob("test_*.xml")):
        same_outcome(path.read_bytes())


def test_hostile_markup_in_formatted_content_stays_unsafe() -> None:
    xml = form(
        question(
            "<FreeTextAnswer/>",
            content='<FormattedContent><![CDATA[<!DOCTYPE p [<!ENTITY a "b">]><p/>]]>'
            "</FormattedContent>",
        )
    )
    with pytest.raises(UnsafeXMLError, match="DOCTYPE"):
        parse_question(xml)


# --- the tree under the readers: what defusedxml.ElementTree gave ---------------------------------


def defused_outcome(data: str | bytes) -> Any:
    """The tree or the error of the defusedxml reader that parse_tree replaced, as parse_tree
    words it."""
    try:
        root = defused_et.fromstring(
            prepare(data),
            forbid_dtd=True,
            forbid_entities=True,
            forbid_external=True,
        )
    except defusedxml.DefusedXmlException:
        return ("UnsafeXMLError",)
    except ET.ParseError as exc:
        return ("QuestionParseError", exc.position)
    except ValueError:
        return ("QuestionParseError", None)
    xinclude = tuple(f"{{{namespace}}}" for namespace in XINCLUDE_NAMESPACES)
    if any(str(e.tag).startswith(xinclude) for e in root.iter()):
        return ("UnsafeXMLError",)
    return ("ok", ET.tostring(root))


def tree_outcome(data: str | bytes) -> Any:
    try:
        root = parse_tree(data, error=QuestionParseError, what="question document")
    except UnsafeXMLError:
        return ("UnsafeXMLError",)
    except QuestionParseError as exc:
        return ("QuestionParseError", None if exc.line is None else (exc.line, exc.column))
    return ("ok", ET.tostring(root))


SEEDS = [path.read_bytes() for path in sorted(Path(DATA).rglob("*.xml"))]
SPLICES = [
    b"<!DOCTYPE a>",
    b'<!DOCTYPE a [<!ENTITY e "x">]>',
    b'<!DOCTYPE a SYSTEM "file:///etc/passwd">',
    b"&e;",
    b"&#13;",
    b"&#0;",
    b"<![CDATA[",
    b"]]>",
    b"<x/>",
    b"</",
    b"\xff",
    b'<i:include xmlns:i="http://www.w3.org/2001/XInclude" href="f"/>',
    b' xmlns:i="http://www.w3.org/2003/XInclude"',
    b"<?xml version='1.0' encoding='utf-16'?>",
]


@given(st.sampled_from(SEEDS), st.data())
def test_parse_tree_reads_what_defusedxml_read(seed: bytes, data: Any) -> None:
    """The same tree, or the same refusal, or the same malformation at the same line and
    column, for bytes and for text."""
    document = seed
    for _ in range(data.draw(st.integers(0, 3))):
        at = data.draw(st.integers(0, len(document)))
        cut = data.draw(st.integers(0, 3))
        document = document[:at] + data.draw(st.sampled_from(SPLICES)) + document[at + cut :]
    assert tree_outcome(document) == defused_outcome(document)
    text = document.decode("latin-1")
    assert tree_outcome(text) == defused_outcome(text)


def test_a_declared_but_unused_xinclude_namespace_is_no_refusal() -> None:
    declared = form(question("<FreeTextAnswer/>")).replace(
        "<Question>", '<Question xmlns:i="http://www.w3.org/2001/XInclude">'
    )
    assert same_outcome(declared)[0] == "ok"
    used = declared.replace("<FreeTextAnswer/>", '<FreeTextAnswer><i:include href="f"/>')
    used = used.replace("</AnswerSpecification>", "</FreeTextAnswer></AnswerSpecification>")
    with pytest.raises(UnsafeXMLError, match="XInclude"):
        parse_question(used)
