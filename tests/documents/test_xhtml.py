"""FormattedContent XHTML: the API reference's example, every rule broken once, positions and
counts in messages, archived documents, round trips, and "any text gives a model or our error".

Sources: API reference 2017-01-17, "Formatted Content: XHTML" (the Tic-Tac-Toe example below is
its own); FormattedContentXHTMLSubset.xsd (2006-07-14) as Amazon's Java SDK shipped it. Made
here: the short fragments below.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError
from tests.conftest import data_path

from mturk_models import (
    CreateHITRequest,
    FormattedContent,
    FreeTextAnswerSpecification,
    Overview,
    Question,
    QuestionForm,
    QuestionParseError,
    Selection,
    SelectionAnswerSpecification,
    TextContent,
    TitleContent,
    parse_question,
)
from mturk_models.documents.questions import QUESTION_FORM_NAMESPACE, QUESTION_FORM_NAMESPACE_2005

# The example of "Formatted Content: XHTML", as the page gives it (with &nbsp;).
TIC_TAC_TOE = """
<table border="1">
  <tr>
    <td></td>
    <td align="center">1</td>
    <td align="center">2</td>
    <td align="center">3</td>
  </tr>
  <tr>
    <td align="right">A</td>
    <td align="center"><b>X</b></td>
    <td align="center">&nbsp;</td>
    <td align="center"><b>O</b></td>
  </tr>
  <tr>
    <td align="right">B</td>
    <td align="center">&nbsp;</td>
    <td align="center"><b>O</b></td>
    <td align="center">&nbsp;</td>
  </tr>
  <tr>
    <td align="right">C</td>
    <td align="center">&nbsp;</td>
    <td align="center">&nbsp;</td>
    <td align="center"><b>X</b></td>
  </tr>
  <tr>
    <td align="center" colspan="4">It is <b>X</b>'s turn.</td>
  </tr>
</table>
"""

TIC_TAC_TOE_FORM = f"""<QuestionForm xmlns="{QUESTION_FORM_NAMESPACE}"><Overview>
<Text>
  This HIT asks you some questions about a game of Tic-Tac-Toe
  currently in progress.  Your answers will help decide the next move.
</Text>
<Title>The Current Board</Title>
<Text>
  The following table shows the board as it currently stands.
</Text>
<FormattedContent><![CDATA[{TIC_TAC_TOE}]]></FormattedContent>
</Overview><Question><QuestionIdentifier>nextmove</QuestionIdentifier><QuestionContent>
<Text>What are the coordinates of the best move for player "X" in this game?</Text>
</QuestionContent><AnswerSpecification><FreeTextAnswer/></AnswerSpecification></Question>
</QuestionForm>"""


def error_of(xhtml: str) -> dict[str, Any]:
    with pytest.raises(ValidationError) as info:
        FormattedContent(xhtml=xhtml)
    (error,) = info.value.errors()
    assert error["loc"] == ("xhtml",)
    return dict(error)


def test_the_reference_example_passes() -> None:
    assert FormattedContent(xhtml=TIC_TAC_TOE).xhtml == TIC_TAC_TOE
    form = parse_question(TIC_TAC_TOE_FORM, strict=True)
    assert isinstance(form, QuestionForm)
    overview = form.items[0]
    assert isinstance(overview, Overview)
    assert [type(c) for c in overview.content] == [
        TextContent,
        TitleContent,
        TextContent,
        FormattedContent,
    ]
    assert parse_question(form.to_xml(), strict=True) == form


# Each rule broken once: the fragment, the error code, and what the message must say.
BROKEN = [
    # well-formed in MTurk's wrapper
    ("<p>Hello", "xhtml_malformed", r"^<p> is never closed .* at line 1, column 1$"),
    ("<b><i>x</b></i>", "xhtml_malformed", r"^</b> does not close <i>.* line 1, column 8"),
    ("x</p>", "xhtml_malformed", r"^</p> has no start tag at line 1, column 2$"),
    ("<p align=center>x</p>", "xhtml_malformed", r"values must be in quotes at line 1, column 10"),
    ('<p align="left" align="right">x</p>', "xhtml_malformed", r"duplicate attribute"),
    ("Tom & Jerry", "xhtml_malformed", r"^a bare & \(write &amp; for one\) at line 1, column 5$"),
    ("1 < 2", "xhtml_malformed", r"a bare < \(write &lt; for one\) at line 1, column 3$"),
    ("<p>]]></p>", "xhtml_malformed", r"\]\]> cannot appear in text"),
    (
        "<!DOCTYPE p><p>x</p>",
        "xml_unsafe",
        r"DOCTYPE declarations are refused \(DOCTYPE p\) at line 1, column 1$",
    ),
    ('<?xml version="1.0"?><p>x</p>', "xhtml_malformed", r"XML or text declaration"),
    ("x</FormattedContent>", "xhtml_malformed", r"closes the element MTurk wraps the content in"),
    ("<x:p xmlns:x='urn:x'>x</x:p>", "xhtml_element", r"XHTML elements only; this one is in urn:x"),
    ("<y:p>x</y:p>", "xhtml_malformed", r"unbound prefix"),
    ("&hearts2;", "xhtml_entity", r"^&hearts2; is not a character reference XHTML defines at"),
    ("&NBSP;", "xhtml_entity", r"names are case-sensitive: &nbsp;"),
    ("&#0;", "xhtml_malformed", r"reference to invalid character number"),
    # JavaScript, CSS, ids, div and span, comments
    ("<script>alert(1)</script>", "xhtml_element", r"^<script> is not allowed: JavaScript is not"),
    ("<p onclick='go()'>x</p>", "xhtml_attribute", r"onclick: JavaScript \(event handler"),
    ("<style>p {}</style>", "xhtml_element", r"^<style> is not allowed: CSS is not allowed"),
    ("<p class='note'>x</p>", "xhtml_attribute", r"attribute class: CSS is not allowed"),
    ("<p style='color: red'>x</p>", "xhtml_attribute", r"attribute style: CSS is not allowed"),
    ("<p id='intro'>x</p>", "xhtml_attribute", r"attribute id: element ids are not allowed"),
    ("<div>x</div>", "xhtml_element", r"^<div> is not allowed: MTurk does not support <div>"),
    ("<p><span>x</span></p>", "xhtml_element", r"^<span> is not allowed: .* line 1, column 4$"),
    ("<p>a<!-- note -->b</p>", "xhtml_comment", r"comments .* at line 1, column 5$"),
    ("<?php echo 1 ?>", "xhtml_processing_instruction", r"\(<\?php \.\.\.\?>\) are not allowed"),
    # tags and attributes of the table
    ("<form>x</form>", "xhtml_element", r"^<form> is not allowed: it is not one of the XHTML"),
    ("<P>x</P>", "xhtml_element", r"tag names are lowercase in XHTML \(<p>\)"),
    ("<p ALIGN='left'>x</p>", "xhtml_attribute", r"names are lowercase in XHTML \(align\)"),
    ("<p width='5'>x</p>", "xhtml_attribute", r"^<p> does not take attribute width: <p> takes "),
    ("<br lang='en'/>", "xhtml_attribute", r"<br> takes title at"),
    ("<p xml:lang='en'>x</p>", "xhtml_attribute", r"attribute xml:lang: <p> takes align, dir"),
    ("<s>x</s>", "xhtml_element", r"^<s> is not allowed: it is not among the tags MTurk docu"),
    # required attributes
    ("<img src='https://x.org/a.png'/>", "xhtml_attribute_required", r"<img> needs the alt"),
    ("<img alt='a cat'/>", "xhtml_attribute_required", r"^<img> needs the src attribute"),
    ("<map id='m'><area alt='a'/></map>", "xhtml_attribute_required", r"<map> needs the name"),
    ("<map name='m'><area alt='a'/></map>", "xhtml_attribute_required", r"<map> needs the id"),
    ("<map name='m' id='m'><area/></map>", "xhtml_attribute_required", r"<area> needs the alt"),
    # URLs of links and images
    ("<a href='javascript:go()'>x</a>", "xhtml_url", r"^href of <a> cannot be a script URL"),
    ("<a href=' JavaScript:go()'>x</a>", "xhtml_url", r"cannot be a script URL"),
    ("<img alt='' src='data:image/png;base64,AA'/>", "xhtml_url", r"src of <img> should be an "),
    ("<a href='#top'>x</a>", "xhtml_url", r"absolute URL starting with http://.*got '#top'"),
    ("<a href='page2.html'>x</a>", "xhtml_url", r"got 'page2.html'"),
    ("<a href='HTTPS://example.com/'>x</a>", "xhtml_url", r"as MTurk's schema spells them"),
    ("<a href='mailto:me@example.com'>x</a>", "xhtml_url", r"mailto://"),
    ("<map name='m' id='m'><area alt='a' href='vbscript:x'/></map>", "xhtml_url", r"script"),
    ("<q cite='javascript:go()'>x</q>", "xhtml_url", r"^cite of <q> cannot be a script URL"),
    ("<img alt='' src='http://x.org/a' longdesc='data:,x'/>", "xhtml_url", r"longdesc of <img>"),
    # attribute values of the schema's types
    ("<p align='middle'>x</p>", "xhtml_attribute_value", r"^align of <p> should be left, center"),
    ("<table border='1px'><tr><td/></tr></table>", "xhtml_attribute_value", r"got '1px'"),
    ("<img alt='' src='http://x.org/a' width='10em'/>", "xhtml_attribute_value", r"percentage"),
    ("<font color='rgb(0,0,0)'>x</font>", "xhtml_attribute_value", r"color name or #RRGGBB"),
    ("<p dir='up'>x</p>", "xhtml_attribute_value", r"^dir of <p> should be ltr or rtl"),
    ("<p lang='english language'>x</p>", "xhtml_attribute_value", r"language code"),
    ("<a tabindex='40000'>x</a>", "xhtml_attribute_value", r"0 to 32767"),
    ("<a accesskey='ab'>x</a>", "xhtml_attribute_value", r"a single character"),
    ("<a target='new window'>x</a>", "xhtml_attribute_value", r"_blank, _self"),
    ("<ol start='-1'><li>x</li></ol>", "xhtml_attribute_value", r"a number such as 2"),
    ("<ins datetime='2023-02-29T12:00:00Z'>x</ins>", "xhtml_attribute_value", r"date and time"),
    ("<del datetime='yesterday'>x</del>", "xhtml_attribute_value", r"date and time"),
    ("<td headers='h1'>x</td>", "xhtml_nesting", r"<td> belongs in <tr>"),
    (
        "<table><tr><td headers='h1'>x</td></tr></table>",
        "xhtml_attribute_value",
        r"headers of <td> and <th> should name ids of <map> elements .* got 'h1'",
    ),
    (
        "<map name='a' id='m'><area alt=''/></map><map name='b' id='m'><area alt=''/></map>",
        "xhtml_attribute_value",
        r"id 'm' is used twice",
    ),
    # where each element goes
    ("<li>x</li>", "xhtml_nesting", r"^<li> belongs in <ul> or <ol>, not in FormattedContent"),
    ("<dd>x</dd>", "xhtml_nesting", r"^<dd> belongs in <dl>"),
    ("<area alt=''/>", "xhtml_nesting", r"^<area> belongs in <map>"),
    ("<table><td>x</td></table>", "xhtml_nesting", r"^<td> belongs in <tr>, not in <table>"),
    ("<ul><p>x</p></ul>", "xhtml_nesting", r"^<p> cannot go in <ul>, which takes <li> only"),
    ("<ul>items</ul>", "xhtml_nesting", r"^<ul> takes <li> only; got text 'items'"),
    ("<ul>\n</ul>", "xhtml_nesting", r"^<ul> needs at least one <li>"),
    ("<ul><li>a</li>b</ul>", "xhtml_nesting", r"^<ul> takes <li> only; got text 'b'"),
    ("<table><tr>&nbsp;<td/></tr></table>", "xhtml_nesting", r"<tr> takes <td> and <th> only"),
    ("<ol></ol>", "xhtml_nesting", r"^<ol> needs at least one <li>"),
    ("<dl></dl>", "xhtml_nesting", r"^<dl> needs at least one <dd> or <dt>"),
    ("<table></table>", "xhtml_nesting", r"^<table> needs at least one <tbody> or <tr>"),
    ("<table><tr></tr></table>", "xhtml_nesting", r"^<tr> needs at least one <td> or <th>"),
    ("<map name='m' id='m'></map>", "xhtml_nesting", r"^<map> needs at least one <area>"),
    ("<map name='m' id='m'><p>x</p></map>", "xhtml_nesting", r"<p> cannot go in <map>"),
    ("<p><p>x</p></p>", "xhtml_nesting", r"^<p> cannot go in <p>, which takes text and inline"),
    ("<b><table><tr><td/></tr></table></b>", "xhtml_nesting", r"<table> cannot go in <b>"),
    ("<a href='http://a.org/'><a name='x'>y</a></a>", "xhtml_nesting", r"but <a>"),
    ("<pre><sub>2</sub></pre>", "xhtml_nesting", r"^<sub> cannot go in <pre>"),
    ("<br>x</br>", "xhtml_nesting", r"^<br> takes nothing \(it is an empty element\)"),
    ("<hr><b/></hr>", "xhtml_nesting", r"^<b> cannot go in <hr>, which takes nothing"),
    (
        "<table><tr><td/></tr><thead><tr><td/></tr></thead></table>",
        "xhtml_nesting",
        r"^<thead> comes too late in <table>",
    ),
    (
        "<table><thead><tr><td/></tr></thead><thead><tr><td/></tr></thead><tr><td/></tr></table>",
        "xhtml_nesting",
        r"^<table> takes at most one <thead>",
    ),
    (
        "<table><tbody><tr><td/></tr></tbody><tr><td/></tr></table>",
        "xhtml_nesting",
        r"^<table> takes <tr> or <tbody> elements, not both",
    ),
    (
        "<table><col/><colgroup/><tr><td/></tr></table>",
        "xhtml_nesting",
        r"^<table> takes <colgroup> or <col> elements, not both",
    ),
]


@pytest.mark.parametrize(
    ("xhtml", "code", "message"), BROKEN, ids=[f"{i}-{c}" for i, (_, c, _) in enumerate(BROKEN)]
)
def test_each_rule(xhtml: str, code: str, message: str) -> None:
    error = error_of(xhtml)
    assert error["type"] == code
    assert re.search(message, error["msg"]), error["msg"]
    assert "at line " in error["msg"]


ACCEPTED = [
    "",
    "Plain text with &amp; &lt; &gt; &quot; &apos; &#169; &#xA9; &copy; &eacute;",
    "<h1 align='center'>Title</h1><h6>Small</h6><hr noshade='noshade' size='2' width='50%'/>",
    "<p title='t' lang='en-US' dir='ltr'><b>b</b><i>i</i><u>u</u><em>e</em><strong>s</strong>"
    "<code>c</code><cite>c</cite><q cite='http://example.com/q'>q</q><sub>1</sub><sup>2</sup>"
    "<big>B</big><small>s</small><font color='#f00' face='Arial' size='+1'>f</font><br/></p>",
    "<dl><dt>Term</dt><dd>Definition with <b>markup</b><p>and a paragraph</p></dd></dl>",
    "<ul type='square' compact='compact'><li>one</li><li value='3'><ol start='2' type='a'>"
    "<li>nested</li></ol></li></ul>",
    "<table align='center' bgcolor='white' border='0' cellpadding='2' cellspacing='0' "
    "frame='box' rules='all' summary='s' width='100%'><colgroup span='2' width='2*'>"
    "<col width='40'/></colgroup><thead><tr><th scope='col' abbr='N'>Name</th></tr></thead>"
    "<tfoot><tr><td>foot</td></tr></tfoot><tbody valign='top'><tr bgcolor='#EEEEEE'>"
    "<td colspan='2' rowspan='1' nowrap='nowrap' align='char' char='.' charoff='1'>1.5"
    "</td></tr></tbody><tbody><tr><td/></tr></tbody></table>",
    "<img src='https://example.com/a.png' alt='A' width='64' height='64' border='0' "
    "hspace='2' vspace='+2' align='middle' usemap='#m' longdesc='desc.html'/>"
    "<map name='m' id='m' title='map'><area alt='x' shape='rect' coords='0,0, 10,10%' "
    "href='ftp://example.com/f' target='_blank'/><area alt='' nohref='nohref'/></map>"
    "<table><tr><td headers='m'>x</td></tr></table>",
    "<a href='mailto://someone@example.com' name='top' rel='help nofollow' hreflang='fr' "
    "charset='utf-8' type='text/html' shape='circle' coords='5,5,5' tabindex='1' "
    "accesskey='k' target='frame1'>mail</a> <a href=' https://example.com/?a=1&amp;b=2 '>q</a>",
    "<a href='news://n.example/'>n</a><a href='nntp://n.example/'>n</a>"
    "<a href='gopher://g.example/'>g</a><a href='telnet://t.example/'>t</a>",
    "<blockquote cite='#note'><p>Quote</p></blockquote><center>c</center>"
    "<ins cite='http://example.com/' datetime='2024-02-29T23:59:59.5+05:30'>new</ins>"
    "<del datetime='2000-01-01T24:00:00Z'>old</del>",
    "<pre width='80'>  code <a href='http://example.com/'>link</a> <b>bold</b>\n  more</pre>",
    "<p><![CDATA[ raw & &unknown; ]]></p>",
    "<h:p xmlns:h='http://www.w3.org/1999/xhtml'>prefixed XHTML</h:p>",
    "<p>\r\nCR LF and\ttab</p>",
]


@pytest.mark.parametrize("xhtml", ACCEPTED)
def test_accepted_content(xhtml: str) -> None:
    assert FormattedContent(xhtml=xhtml).xhtml == xhtml
    assert Selection(selection_identifier="s", formatted_content=xhtml).formatted_content == xhtml


def test_position_counts_and_context() -> None:
    # &eacute; and &nbsp; are replaced before parsing; positions are still in the text given.
    error = error_of("<p>caf&eacute;&nbsp;ol&eacute;\n  <b>bold</i></p>\n<div/>")
    assert error["msg"] == (
        "</i> does not close <b>, the innermost open element (tags must nest properly) at "
        "line 2, column 10"
    )
    # After a malformed spot the parse stops; before it, every problem counts.
    error = error_of("<span>a</span>\n<p class='x'>b</p>\n<img src='http://x.org/i'/>")
    assert error["type"] == "xhtml_element"
    assert error["msg"].endswith("at line 1, column 1 (and 2 more problems)")
    assert error["ctx"]["line"] == 1
    assert error["ctx"]["column"] == 1
    assert error["ctx"]["more"] == 2
    assert error["ctx"]["element"] == "span"
    # A refused element's children are not placed by it, but their attributes are checked.
    error = error_of("<div><li>x</li><p class='c'>y</p></div>")
    assert error["msg"].endswith("at line 1, column 1 (and 1 more problem)")
    # The first problem in the text is reported, whichever check found it.
    error = error_of("<p>x</p>&bogus;<script/>")
    assert (error["type"], error["ctx"]["column"]) == ("xhtml_entity", 9)
    error = error_of("<script/>&bogus;")
    assert error["type"] == "xhtml_element"
    assert error["msg"].endswith("column 1 (and 1 more problem)")


@pytest.mark.parametrize(
    "xhtml",
    [
        '<q cite="java&#9;script:alert(1)">x</q>',
        '<img src="http://x.org/i" alt="" longdesc="jav&#x0A;ascript:x"/>',
        '<img src="http://x.org/i" alt="" usemap=" JaVa&#13;Script:x"/>',
        '<q cite="data&#9;:text/html,x">x</q>',
    ],
)
def test_script_urls_with_tabs_or_newlines_are_refused(xhtml: str) -> None:
    """Browsers drop tab, CR and LF anywhere in a URL: java&#9;script: is javascript:."""
    assert error_of(xhtml)["type"] == "xhtml_url"


def test_a_refused_child_is_reported_not_its_parent_left_empty() -> None:
    for xhtml, element in [
        ("<ul><LI>one</LI><LI>two</LI></ul>", "LI"),
        ("<table><TR><td>x</td></TR></table>", "TR"),
        ("<dl><DT>t</DT></dl>", "DT"),
        ("<ul><span>x</span></ul>", "span"),
    ]:
        error = error_of(xhtml)
        assert (error["type"], error["ctx"]["element"]) == ("xhtml_element", element)


def test_numbers_too_long_for_int_are_attribute_errors() -> None:
    error = error_of('<a href="http://x.org/" tabindex="' + "1" * 5000 + '">x</a>')
    assert (error["type"], error["ctx"]["attribute"]) == ("xhtml_attribute_value", "tabindex")
    FormattedContent(xhtml='<a href="http://x.org/" tabindex="0032767">x</a>')
    assert error_of('<a href="http://x.org/" tabindex="32768">x</a>')["type"] == (
        "xhtml_attribute_value"
    )
    year = "1" * 5000  # ends in 1111: not a leap year, so no 29 February
    assert error_of(f'<del datetime="{year}-02-29T00:00:00Z">x</del>')["type"] == (
        "xhtml_attribute_value"
    )
    FormattedContent(xhtml=f'<del datetime="{year}-02-28T00:00:00Z">x</del>')


def test_cdata_cannot_hide_markup() -> None:
    """MTurk shows the block as HTML, where <![CDATA[ ends at the first >."""
    error = error_of("<p><![CDATA[><img src=x onerror=alert(1)>]]></p>")
    assert error["type"] == "xhtml_cdata"
    FormattedContent(xhtml="<p><![CDATA[ a & b; 2 * 3 ]]></p>")


def test_positions_count_lone_carriage_returns_as_line_ends() -> None:
    error = error_of("<p>a</p>\r<p>b</p>\r<x/>")
    assert (error["ctx"]["line"], error["ctx"]["column"]) == (3, 1)


def test_values_from_the_content_do_not_disturb_the_message() -> None:
    error = error_of("<p align='{line} {column} {more}'>x</p>")
    assert error["msg"] == (
        "align of <p> should be left, center, right or justify; got '{line} {column} {more}' "
        "at line 1, column 1"
    )


def test_attack_payloads_inside_content_are_refused() -> None:
    for path in sorted(data_path("attacks").glob("*.xml")):
        with pytest.raises(ValidationError) as info:
            FormattedContent(xhtml=path.read_text("utf-8"))
        # Refused as hostile XML, as whole documents are (not as a mere syntax error).
        assert info.value.errors()[0]["type"] == "xml_unsafe", path.name


# --- inside question documents and requests ---------------------------------------------------

SCHEMA_ONLY = [
    "<s>old</s> <strike>older</strike>",
    "<br clear='all'/>",
    "<dl compact='compact'><dt>t</dt></dl>",
    "<img src='http://example.com/a.png' alt='a' name='pic'/>",
    "<pre xml:space='preserve'>x</pre>",
    "<map name='m' id='m'><area alt='a' accesskey='a' tabindex='2'/></map>",
]


# A QuestionForm needs one Question at least: the forms below carry this one.
QUESTION = Question(
    question_identifier="q",
    question_content=(TextContent(text="Why?"),),
    answer_specification=FreeTextAnswerSpecification(),
)
QUESTION_XML = (
    "<Question><QuestionIdentifier>q</QuestionIdentifier><QuestionContent><Text>Why?</Text>"
    "</QuestionContent><AnswerSpecification><FreeTextAnswer/></AnswerSpecification></Question>"
)


def overview_form(xhtml: str, namespace: str = QUESTION_FORM_NAMESPACE_2005) -> str:
    cdata = xhtml.replace("]]>", "]]]]><![CDATA[>")
    return (
        f'<QuestionForm xmlns="{namespace}"><Overview><FormattedContent><![CDATA[{cdata}]]>'
        f"</FormattedContent></Overview>{QUESTION_XML}</QuestionForm>"
    )


@pytest.mark.parametrize("xhtml", SCHEMA_ONLY)
def test_what_only_the_schema_allows_loads_from_archives(xhtml: str) -> None:
    """MTurk's schema accepts these, its API reference leaves them out: archived documents with
    them load, new HITs are refused."""
    form = parse_question(overview_form(xhtml))
    assert isinstance(form, QuestionForm)
    assert parse_question(form.to_xml()) == form
    with pytest.raises(QuestionParseError, match=r"FormattedContent\[1\] breaks a rule: .*not"):
        parse_question(overview_form(xhtml), strict=True)
    with pytest.raises(ValidationError):
        FormattedContent(xhtml=xhtml)


def test_archived_documents_still_follow_the_schema() -> None:
    with pytest.raises(QuestionParseError, match=r"Overview\[1\]/FormattedContent\[1\] breaks"):
        parse_question(overview_form("<script>alert(1)</script>"))


def test_selection_formatted_content_is_checked() -> None:
    with pytest.raises(ValidationError) as info:
        Selection(selection_identifier="a", formatted_content="<div>A</div>")
    (error,) = info.value.errors()
    assert (error["type"], error["loc"]) == ("xhtml_element", ("formatted_content",))
    selection = (
        "<Selection><SelectionIdentifier>a</SelectionIdentifier><FormattedContent><![CDATA["
        "<p>A</FormattedContent>]]></FormattedContent></Selection>"
    )
    form = (
        f'<QuestionForm xmlns="{QUESTION_FORM_NAMESPACE}"><Question><QuestionIdentifier>q'
        "</QuestionIdentifier><QuestionContent><Text>Q?</Text></QuestionContent>"
        "<AnswerSpecification><SelectionAnswer><Selections>"
        f"{selection}</Selections></SelectionAnswer></AnswerSpecification></Question>"
        "</QuestionForm>"
    )
    with pytest.raises(QuestionParseError, match=r"Selection\[1\] breaks a rule at "):
        parse_question(form)


def test_create_hit_request_refuses_what_mturk_would() -> None:
    form = QuestionForm(
        items=(Overview(content=(FormattedContent(xhtml="<p>ok</p>"),)), QUESTION)
    ).to_xml()
    kwargs = {
        "Title": "t",
        "Description": "d",
        "Reward": "0.10",
        "LifetimeInSeconds": 3600,
        "AssignmentDurationInSeconds": 600,
        "Question": form.replace("<p>ok</p>", "<p>ok</b>"),
    }
    with pytest.raises(ValidationError) as info:
        CreateHITRequest.model_validate(kwargs)
    (error,) = info.value.errors()
    assert error["type"] == "question_document"
    assert "</b> does not close <p>" in error["msg"]
    kwargs["Question"] = form
    assert CreateHITRequest.model_validate(kwargs).question == form


# --- round trips and robustness ----------------------------------------------------------------


@pytest.mark.parametrize("xhtml", [TIC_TAC_TOE, *ACCEPTED])
def test_valid_content_round_trips_through_a_question_form(xhtml: str) -> None:
    form = QuestionForm(
        items=(
            Overview(content=(FormattedContent(xhtml=xhtml),)),
            Question(
                question_identifier="q",
                question_content=(FormattedContent(xhtml=xhtml),),
                answer_specification=SelectionAnswerSpecification(
                    selections=(Selection(selection_identifier="a", formatted_content=xhtml),)
                ),
            ),
            Question(
                question_identifier="r",
                question_content=(TextContent(text="Why?"),),
                answer_specification=FreeTextAnswerSpecification(),
            ),
        )
    )
    assert parse_question(form.to_xml(), strict=True) == form


MARKUP = st.sampled_from(
    [
        "<p>", "</p>", "<b>", "</b>", "<br/>", "<ul>", "<li>", "</li>", "</ul>", "<table>",
        "<tr>", "<td>", "</td>", "</tr>", "</table>", "<a href='", "http://x.org/", "'>",
        "</a>", "&nbsp;", "&amp;", "&", "<", ">", "]]>", "<!--", "-->", "<![CDATA[", "<?x ",
        "?>", "<img alt='' src='", "'/>", "<div>", "</FormattedContent>", "&#", ";", "x",
        " ", "\n", "é", "\U0001f600", '"', "=", "<p align='", "center",
    ]
)  # fmt: skip


@given(st.text() | st.lists(MARKUP, max_size=30).map("".join), st.booleans())
def test_any_text_gives_content_or_a_validation_error(text: str, archived: bool) -> None:
    context = {"mturk_models.archived": True} if archived else None
    try:
        content = FormattedContent.model_validate({"xhtml": text}, context=context)
    except ValidationError as exc:
        (error,) = exc.errors()
        assert error["type"].startswith("xhtml_") or error["type"] == "xml_character"
        assert error["type"] == "xml_character" or " at line " in error["msg"]
        return
    # What is accepted also survives the QuestionForm document, CDATA and all.
    form = QuestionForm(items=(Overview(content=(content,)), QUESTION))
    assert parse_question(form.to_xml(), strict=not archived) == form
