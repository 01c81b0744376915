"""Question documents (ExternalQuestion, HTMLQuestion, QuestionForm) as models, with XML both ways.

A HIT's ``Question`` is an XML string in one of three documented schemas (API reference 2017-01-17,
"Schema locations"); each root must be in its schema's namespace:

* ``ExternalQuestion`` (``2006-07-14/ExternalQuestion.xsd``): ``ExternalURL`` then
  ``FrameHeight``.
* ``HTMLQuestion`` (``2011-11-11/HTMLQuestion.xsd``): ``HTMLContent`` then ``FrameHeight``.
* ``QuestionForm`` (``2017-11-06/QuestionForm.xsd``, or the older ``2005-10-01`` one that still
  has ``FileUploadAnswer`` and ``Application``): ``Overview`` and ``Question`` items in any order.

:func:`parse_question` reads any of them through the library's one safe XML reader
(:mod:`mturk_models.documents._xml`); each model's ``to_xml()`` writes the document back.

>>> q = parse_question(ExternalQuestion(external_url="https://example.com/task", frame_height=0)
...     .to_xml())
>>> q.external_url, q.frame_height
('https://example.com/task', 0)
"""

from __future__ import annotations

import re
import sys
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from html.parser import HTMLParser
from typing import Annotated, Any, ClassVar, Final, Literal, TypeVar
from urllib.parse import urlsplit

from pydantic import AfterValidator, Field, ValidationError, ValidationInfo, field_validator
from pydantic import model_validator as _model_validator
from pydantic_core import PydanticCustomError

from .._base import Document
from .._errors import shown, summarize
from .._types import XML_WHITESPACE as _XML_SPACE
from .._types import Int32, Seq
from ..enums import StrEnum
from ..exceptions import QuestionNotFoundError, QuestionParseError, UnsafeXMLError
from ._checks import (
    Finding,
    answer_values,
    check_answers,
    free_text_findings,
    selection_findings,
    upload_findings,
)
from ._xhtml import check_xhtml
from ._xml import (
    AnswerIdentifier,
    Element,
    XmlText,
    children,
    escape_text,
    parse_tree,
    quote_attribute,
    split_name,
)

__all__ = [
    "EXTERNAL_QUESTION_NAMESPACE",
    "HTML_QUESTION_NAMESPACE",
    "QUESTION_FORM_NAMESPACE",
    "QUESTION_FORM_NAMESPACE_2005",
    "AnswerFormatRegex",
    "ApplicationContent",
    "ApplicationParameter",
    "BinaryContent",
    "Constraints",
    "EmbeddedBinaryContent",
    "ExternalQuestion",
    "FileUploadAnswerSpecification",
    "Finding",
    "FormattedContent",
    "FreeTextAnswerSpecification",
    "HTMLQuestion",
    "IsNumeric",
    "Length",
    "ListContent",
    "Overview",
    "Question",
    "QuestionDocument",
    "QuestionForm",
    "Selection",
    "SelectionAnswerSpecification",
    "StyleSuggestion",
    "TextContent",
    "TitleContent",
    "parse_question",
]

_SCHEMAS: Final = "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/"
QUESTION_FORM_NAMESPACE: Final = _SCHEMAS + "2017-11-06/QuestionForm.xsd"
"""The current QuestionForm namespace (no FileUploadAnswer, no Application)."""
QUESTION_FORM_NAMESPACE_2005: Final = _SCHEMAS + "2005-10-01/QuestionForm.xsd"
"""The original QuestionForm namespace (with FileUploadAnswer and Application)."""
HTML_QUESTION_NAMESPACE: Final = _SCHEMAS + "2011-11-11/HTMLQuestion.xsd"
"""The HTMLQuestion namespace."""
EXTERNAL_QUESTION_NAMESPACE: Final = _SCHEMAS + "2006-07-14/ExternalQuestion.xsd"
"""The ExternalQuestion namespace."""

_FORM_VERSIONS: Final = {
    QUESTION_FORM_NAMESPACE: "2017-11-06",
    QUESTION_FORM_NAMESPACE_2005: "2005-10-01",
}
MAX_FILE_SIZE_IN_BYTES: Final = 2_000_000_000
"""FileUploadAnswer sizes: 0 to 2,000,000,000 bytes (API reference 2014-08-15, QuestionForm; the
2005-10-01 XSD says positiveInteger, but FileUploadAnswer only appears in archived forms now, so
the documented range is accepted)."""

# Validation context key: read documents as MTurk once accepted them (http ExternalURLs).
_ARCHIVED: Final = "mturk_models.archived"

# --- text ---------------------------------------------------------------------------------------

NonEmptyXmlText = Annotated[XmlText, Field(min_length=1)]
"""Text that XML 1.0 can carry, at least one character (an AnswerFormatRegex)."""

_PATTERN_URL = re.compile(r"(http|https)://.*", re.DOTALL)


def _url(value: str) -> str:
    # URLType of QuestionForm-2005-10-01.xsd: anyURI matching (http|https)://.*
    if not _PATTERN_URL.fullmatch(value):
        raise PydanticCustomError(
            "question_url",
            "A URL in a QuestionForm should start with http:// or https://; got {value}",
            {"value": repr(value)},
        )
    return value


Url = Annotated[XmlText, AfterValidator(_url)]


def _text(value: str) -> str:
    """Escape text for an element; CR as a character reference so parsers keep it."""
    return escape_text(value).replace("\r", "&#13;")


def _cdata(value: str) -> str:
    """Wrap text in CDATA, splitting ``]]>`` across two sections and keeping CR as ``&#13;``."""
    body = value.replace("]]>", "]]]]><![CDATA[>").replace("\r", "]]>&#13;<![CDATA[")
    return f"<![CDATA[{body}]]>"


def _el(name: str, inner: str, **attrs: object) -> str:
    attributes = "".join(f" {key}={quote_attribute(str(val))}" for key, val in attrs.items())
    return f"<{name}{attributes}>{inner}</{name}>"


def _opt(name: str, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _el(name, "true" if value else "false")
    return _el(name, _text(str(value)))


# --- the base of every question model ------------------------------------------------------


class _Part(Document):
    """A question document or a part of one: ``to_xml()``, no boto3 shape of its own."""

    def to_boto3(self) -> dict[str, Any]:
        """Deprecated: a question document is not a boto3 value; use ``to_xml()``.

        Question documents travel to boto3 as XML text (CreateHIT's ``Question``), so the
        PascalCase dictionary this returned was never something boto3 accepts. Kept for one
        release, warning, and returning what it returned before.
        """
        warnings.warn(
            f"{type(self).__name__}.to_boto3() is deprecated and will be removed: a question "
            "document goes to boto3 as XML text; use to_xml()",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.model_dump(by_alias=True, exclude_none=True, mode="json")


# --- ExternalQuestion and HTMLQuestion ---------------------------------------------------------

FrameHeight = Annotated[int, Field(ge=0)]


_WHITESPACE = re.compile(r"\s")


class ExternalQuestion(_Part):
    """A HIT shown from the requester's own https web page in a frame.

    >>> ExternalQuestion(external_url="https://example.com/hit", frame_height=400).to_xml()[:16]
    '<ExternalQuestio'
    """

    external_url: XmlText = Field(
        alias="ExternalURL",
        description="The URL of your web form, to be displayed in a frame in the Worker's web "
        "browser; MTurk refuses URLs that are not https.",
    )
    frame_height: FrameHeight = Field(
        description="The height of the frame in pixels; 0 lets the frame fill the window."
    )

    @field_validator("external_url")
    @classmethod
    def _https(cls, value: str, info: ValidationInfo) -> str:
        parts = urlsplit(value)
        archived = _archived(info)
        allowed = ("https", "http") if archived else ("https",)
        if parts.scheme not in allowed or not parts.netloc or value != value.strip():
            raise PydanticCustomError(
                "external_url_https",
                "ExternalURL should be an absolute https:// URL (MTurk refuses http); got {value}",
                {"value": repr(value)},
            )
        space = None if archived else _WHITESPACE.search(value)
        if space is not None:
            raise PydanticCustomError(
                "external_url_whitespace",
                "ExternalURL should not contain whitespace (percent-encode a space as %20); got "
                "{char} at index {index} of {value}",
                {"char": repr(space.group()), "index": space.start(), "value": repr(value)},
            )
        return value

    def to_xml(self) -> str:
        """The ExternalQuestion document, ready for CreateHIT's ``Question``."""
        inner = _el("ExternalURL", _text(self.external_url)) + _el(
            "FrameHeight", str(self.frame_height)
        )
        return _el("ExternalQuestion", inner, xmlns=EXTERNAL_QUESTION_NAMESPACE)


class HTMLQuestion(_Part):
    """A HIT whose HTML page MTurk hosts; the HTML must post a form back to MTurk.

    >>> page = ('<form method="post" action="https://www.mturk.com/mturk/externalSubmit">'
    ...         '<input type="hidden" name="assignmentId"></form>')
    >>> HTMLQuestion(html_content=page, frame_height=0).check()
    []
    """

    html_content: XmlText = Field(
        alias="HTMLContent",
        description="The HTML of the question: a complete page with a form that submits to "
        "MTurk's externalSubmit endpoint with the assignmentId field, or a crowd-form.",
    )
    frame_height: FrameHeight = Field(
        description="The height of the frame in pixels; 0 lets the frame fill the window."
    )

    def to_xml(self) -> str:
        """The HTMLQuestion document; the HTML goes in CDATA (``]]>`` split correctly)."""
        inner = _el("HTMLContent", _cdata(self.html_content)) + _el(
            "FrameHeight", str(self.frame_height)
        )
        return _el("HTMLQuestion", inner, xmlns=HTML_QUESTION_NAMESPACE)

    def check(self) -> list[Finding]:
        """Say what keeps Workers from submitting: no form posting to externalSubmit, or no
        ``assignmentId`` field (a ``crowd-form`` handles both). An empty list means none found.

        The check reads the HTML statically: a form built entirely by JavaScript cannot be seen,
        so this reports findings instead of raising.
        """
        return _check_html(self.html_content)


class _PageScan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[str] = []
        self.crowd_form = False
        self.assignment_field = False
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        if tag == "form":
            self.forms.append(values.get("action", ""))
        elif tag == "crowd-form":
            self.crowd_form = True
        elif tag in ("input", "button", "textarea", "select"):
            if values.get("name") == "assignmentId" or values.get("id") == "assignmentId":
                self.assignment_field = True
        elif tag == "script":
            self._in_script = True
            self.scripts.append(values.get("src", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


_SUBMIT = "/mturk/externalSubmit"


def _check_html(html: str) -> list[Finding]:
    scan = _PageScan()
    try:
        scan.feed(html)
        scan.close()
    except (AssertionError, ValueError) as exc:
        # html.parser gives up on some malformed markup (such as "<![ foo [") with an
        # AssertionError; the page may still render, so this is a finding, not an error.
        line, column = scan.getpos()
        return [
            Finding(
                "html_unreadable",
                f"HTMLContent could not be read as HTML at line {line}, column {column + 1} "
                f"({type(exc).__name__}: {exc or 'malformed markup'}): its submit form cannot be "
                "checked",
            )
        ]
    if scan.crowd_form:
        return []
    script = "\n".join(scan.scripts)
    findings: list[Finding] = []
    if not scan.forms:
        findings.append(
            Finding(
                "html_no_form",
                "HTMLContent has no <form> and no <crowd-form>: Workers cannot submit the HIT",
            )
        )
        return findings
    if not any(_SUBMIT in action for action in scan.forms) and _SUBMIT not in script:
        findings.append(
            Finding(
                "html_submit_endpoint",
                "No form of HTMLContent submits to MTurk's externalSubmit endpoint "
                f"(https://www.mturk.com{_SUBMIT}); got form actions {scan.forms!r}",
            )
        )
    if not (scan.assignment_field or "turkSetAssignmentID" in script or "assignmentId" in script):
        findings.append(
            Finding(
                "html_no_assignment_id",
                "HTMLContent has no assignmentId form field (nor a turkSetAssignmentID() call "
                "that fills one): MTurk cannot match the submission to its assignment",
            )
        )
    return findings


# --- QuestionForm content ------------------------------------------------------------------------


class StyleSuggestion(StrEnum):
    """How a SelectionAnswer should be displayed (QuestionForm schema)."""

    RADIOBUTTON = "radiobutton"
    CHECKBOX = "checkbox"
    LIST = "list"
    DROPDOWN = "dropdown"
    COMBOBOX = "combobox"
    MULTICHOOSER = "multichooser"


class TitleContent(_Part):
    """A title inside an Overview or a QuestionContent.

    >>> TitleContent(text="Spot the cat").text
    'Spot the cat'
    """

    kind: Literal["title"] = Field(default="title", description="Content kind tag.")
    text: XmlText = Field(description="The title, displayed in a large font.")


class TextContent(_Part):
    """A paragraph of plain text.

    >>> TextContent(text="Is there a cat?").kind
    'text'
    """

    kind: Literal["text"] = Field(default="text", description="Content kind tag.")
    text: XmlText = Field(description="A block of text, displayed as a paragraph.")


class ListContent(_Part):
    """A bulleted list.

    >>> ListContent(items=("one", "two")).items
    ('one', 'two')
    """

    kind: Literal["list"] = Field(default="list", description="Content kind tag.")
    items: Seq[XmlText] = Field(min_length=1, description="The ListItem texts, in order.")


def _formatted_xhtml(value: str, info: ValidationInfo) -> str:
    check_xhtml(value, archived=_archived(info))
    return value


Xhtml = Annotated[XmlText, AfterValidator(_formatted_xhtml)]
"""FormattedContent: XHTML that MTurk's FormattedContent schema accepts (rules in
:mod:`mturk_models.documents._xhtml` and docs/hit-definitions.md)."""


class FormattedContent(_Part):
    """XHTML in MTurk's FormattedContent subset, written as CDATA.

    The XHTML is checked as MTurk checks it: well-formed once wrapped in ``<FormattedContent>``,
    only the documented tags and attributes, no JavaScript, CSS, ids or comments, links and
    images by absolute http(s)/ftp/... URLs, each element where XHTML puts it. HTML's named
    character references such as ``&nbsp;`` are accepted.

    >>> FormattedContent(xhtml="<p><b>Bold</b>&nbsp;text</p>").xhtml
    '<p><b>Bold</b>&nbsp;text</p>'
    """

    kind: Literal["formatted_content"] = Field(
        default="formatted_content", description="Content kind tag."
    )
    xhtml: Xhtml = Field(
        description="XHTML in MTurk's FormattedContent subset (API reference, Formatted "
        "Content: XHTML): no JavaScript, CSS, ids, div, span or comments; tags closed and "
        "nested; absolute URLs in links and images."
    )


class BinaryContent(_Part):
    """An image, audio or video file shown by URL.

    >>> BinaryContent(mime_type="image", data_url="https://example.com/a.png",
    ...               alt_text="a cat").mime_sub_type is None
    True
    """

    kind: Literal["binary"] = Field(default="binary", description="Content kind tag.")
    mime_type: Literal["image", "audio", "video"] = Field(
        description="The MimeType Type of the file: image, audio or video."
    )
    mime_sub_type: XmlText | None = Field(
        default=None, description="The MimeType SubType, such as gif."
    )
    data_url: Url = Field(alias="DataURL", description="The URL of the file.")
    alt_text: XmlText = Field(description="Text shown when the file cannot be displayed.")


class ApplicationParameter(_Part):
    """A name and value passed to an embedded application.

    >>> ApplicationParameter(name="level", value="3").value
    '3'
    """

    name: XmlText = Field(description="The parameter's name.")
    value: XmlText = Field(description="The parameter's value.")


class EmbeddedBinaryContent(_Part):
    """A file displayed inside the page by a browser plug-in.

    >>> EmbeddedBinaryContent(mime_type="video", mime_sub_type="mp4", alt_text="clip",
    ...     data_url="https://example.com/a.mp4", width="640", height="480").width
    '640'
    """

    kind: Literal["embedded_binary"] = Field(
        default="embedded_binary", description="Content kind tag."
    )
    mime_type: XmlText = Field(description="The EmbeddedMimeType Type.")
    mime_sub_type: XmlText = Field(description="The EmbeddedMimeType SubType.")
    data_url: Url = Field(alias="DataURL", description="The URL of the file.")
    alt_text: XmlText = Field(description="Text shown when the file cannot be displayed.")
    width: XmlText = Field(description="The width of the display area.")
    height: XmlText = Field(description="The height of the display area.")
    parameters: Seq[ApplicationParameter] = Field(
        default=(), description="The ApplicationParameter elements."
    )


class ApplicationContent(_Part):
    """A Flash movie or Java applet: only in the 2005-10-01 schema (retired by MTurk in 2017).

    >>> ApplicationContent(application="flash", url="https://example.com/a.swf",
    ...                    width="400", height="300").applet_filename is None
    True
    """

    kind: Literal["application"] = Field(default="application", description="Content kind tag.")
    application: Literal["flash", "java_applet"] = Field(
        description="Flash (FlashMovieURL) or JavaApplet (AppletPath and AppletFilename)."
    )
    url: Url = Field(description="The FlashMovieURL or the AppletPath.")
    applet_filename: XmlText | None = Field(
        default=None, description="The AppletFilename; only and always for a JavaApplet."
    )
    width: XmlText = Field(description="The width of the application.")
    height: XmlText = Field(description="The height of the application.")
    parameters: Seq[ApplicationParameter] = Field(
        default=(), description="The ApplicationParameter elements."
    )

    @_model_validator(mode="after")
    def _filename(self) -> ApplicationContent:
        if (self.application == "java_applet") != (self.applet_filename is not None):
            raise PydanticCustomError(
                "application_filename",
                "AppletFilename goes with a JavaApplet and only with it; got application "
                "{application} and AppletFilename {filename}",
                {"application": self.application, "filename": repr(self.applet_filename)},
            )
        return self


ContentItem = Annotated[
    TitleContent
    | TextContent
    | ListContent
    | FormattedContent
    | BinaryContent
    | ApplicationContent
    | EmbeddedBinaryContent,
    Field(discriminator="kind"),
]
"""One element of a ContentType (Overview, QuestionContent)."""

# --- answer specifications ---------------------------------------------------------------------


def _ordered(low: int | None, high: int | None, code: str, what: str) -> None:
    if low is not None and high is not None and low > high:
        raise PydanticCustomError(
            code,
            "{what}: the minimum {low} is greater than the maximum {high}",
            {"what": what, "low": low, "high": high},
        )


class IsNumeric(_Part):
    """The answer must be a whole number, optionally within bounds.

    MTurk's schema types the bounds as ``xs:int`` and no source allows decimals, so an answer
    such as ``"1.5"`` or ``"1e3"`` does not conform: ``QuestionForm.check`` reports it
    (``answer_not_numeric``) and ``QuestionForm.values`` keeps its text. Signs and surrounding
    whitespace are allowed (``" -3 "``).

    >>> IsNumeric(min_value=1, max_value=10).max_value
    10
    """

    min_value: Int32 | None = Field(default=None, description="The smallest allowed value.")
    max_value: Int32 | None = Field(default=None, description="The largest allowed value.")

    @_model_validator(mode="after")
    def _bounds(self) -> IsNumeric:
        _ordered(self.min_value, self.max_value, "is_numeric_bounds", "IsNumeric")
        return self


class Length(_Part):
    """The answer's length in characters must be within bounds.

    >>> Length(max_length=200).min_length is None
    True
    """

    min_length: Annotated[int, Field(ge=0)] | None = Field(
        default=None, description="The fewest characters allowed (a nonNegativeInteger)."
    )
    max_length: Annotated[int, Field(ge=1)] | None = Field(
        default=None, description="The most characters allowed (a positiveInteger)."
    )

    @_model_validator(mode="after")
    def _bounds(self) -> Length:
        _ordered(self.min_length, self.max_length, "length_bounds", "Length")
        return self


class AnswerFormatRegex(_Part):
    """A regular expression the answer must match (checked by the Worker's browser).

    >>> AnswerFormatRegex(regex=r"^\\d{5}$", error_text="Five digits").flags is None
    True
    """

    regex: NonEmptyXmlText = Field(
        description="The regular expression (JavaScript syntax) the answer must match."
    )
    error_text: XmlText | None = Field(
        default=None, description="The message shown when the answer does not match."
    )
    flags: XmlText | None = Field(default=None, description="Regex flags, such as i.")


class Constraints(_Part):
    """The constraints of a free-text answer.

    >>> Constraints(is_numeric=IsNumeric(min_value=0)).length is None
    True
    """

    is_numeric: IsNumeric | None = Field(default=None, description="A numeric answer.")
    length: Length | None = Field(default=None, description="Bounds on the answer's length.")
    answer_format_regex: Seq[AnswerFormatRegex] = Field(
        default=(), description="Regular expressions the answer must match, all of them."
    )


class FreeTextAnswerSpecification(_Part):
    """A text field (the FreeTextAnswer element of an AnswerSpecification).

    >>> FreeTextAnswerSpecification(number_of_lines_suggestion=3).kind
    'free_text'
    """

    kind: Literal["free_text"] = Field(default="free_text", description="Answer kind tag.")
    constraints: Constraints | None = Field(
        default=None, description="Numeric, length and regex constraints."
    )
    default_text: XmlText | None = Field(
        default=None, description="Text shown in the field before the Worker types."
    )
    number_of_lines_suggestion: Annotated[int, Field(ge=1)] | None = Field(
        default=None, description="How many lines tall the field should be."
    )

    answer_kind: ClassVar[str] = "free_text"
    """The kind of answer this specification takes (as ``QuestionForm.check`` names it)."""

    def findings(self, answer: Any, question_identifier: str) -> list[Finding]:
        """What is wrong with a free-text ``answer`` to this specification (empty: nothing).

        >>> from types import SimpleNamespace as Answer
        >>> spec = FreeTextAnswerSpecification(constraints=Constraints(length=Length(max_length=3)))
        >>> [f.code for f in spec.findings(Answer(text="four"), "q1")]
        ['answer_length']
        """
        return free_text_findings(self, getattr(answer, "text", None) or "", question_identifier)


class Selection(_Part):
    """One choice of a SelectionAnswer: an identifier and text, binary or formatted content.

    >>> Selection(selection_identifier="yes", text="Yes").binary is None
    True
    """

    selection_identifier: AnswerIdentifier = Field(
        description="The identifier the answer carries when the Worker picks this choice."
    )
    text: XmlText | None = Field(default=None, description="The choice as plain text.")
    binary: BinaryContent | None = Field(default=None, description="The choice as a file.")
    formatted_content: Xhtml | None = Field(
        default=None, description="The choice as FormattedContent XHTML (checked as MTurk does)."
    )

    @_model_validator(mode="after")
    def _one_content(self) -> Selection:
        absent = (self.text is None) + (self.binary is None) + (self.formatted_content is None)
        if absent != 2:
            raise PydanticCustomError(
                "selection_content",
                "Selection {identifier} needs exactly one of Text, Binary and FormattedContent; "
                "got {count}",
                {"identifier": repr(self.selection_identifier), "count": 3 - absent},
            )
        return self


class SelectionAnswerSpecification(_Part):
    """A multiple-choice answer (the SelectionAnswer element).

    >>> spec = SelectionAnswerSpecification(selections=(
    ...     Selection(selection_identifier="y", text="Yes"),
    ...     Selection(selection_identifier="n", text="No")), style_suggestion="radiobutton")
    >>> spec.style_suggestion
    <StyleSuggestion.RADIOBUTTON: 'radiobutton'>
    """

    kind: Literal["selection"] = Field(default="selection", description="Answer kind tag.")
    min_selection_count: Annotated[int, Field(ge=0)] | None = Field(
        default=None, description="The fewest choices the Worker must pick (default 1)."
    )
    max_selection_count: Annotated[int, Field(ge=1)] | None = Field(
        default=None, description="The most choices the Worker may pick (default 1)."
    )
    style_suggestion: StyleSuggestion | None = Field(
        default=None, description="How to display the choices."
    )
    selections: Seq[Selection] = Field(min_length=1, description="The choices, in order.")
    other_selection: FreeTextAnswerSpecification | None = Field(
        default=None, description="A free-text 'other' choice."
    )

    answer_kind: ClassVar[str] = "selection"
    """The kind of answer this specification takes (as ``QuestionForm.check`` names it)."""

    def findings(self, answer: Any, question_identifier: str) -> list[Finding]:
        """What is wrong with a selection ``answer`` to this specification (empty: nothing)."""
        return selection_findings(self, answer, question_identifier)

    @_model_validator(mode="after")
    def _rules(self) -> SelectionAnswerSpecification:
        _ordered(
            self.min_selection_count,
            self.max_selection_count,
            "selection_count_bounds",
            "MinSelectionCount/MaxSelectionCount",
        )
        # API reference, QuestionForm, SelectionAnswer: the counts are numbers of selections the
        # Worker makes among the choices offered; the "other" choice counts as one.
        offered = len(self.selections) + (self.other_selection is not None)
        for name, count in (
            ("MinSelectionCount", self.min_selection_count),
            ("MaxSelectionCount", self.max_selection_count),
        ):
            if count is not None and count > offered:
                raise PydanticCustomError(
                    "selection_count_over_choices",
                    "{name} {count} is more than the {offered} choices the question offers "
                    "(Selections, plus OtherSelection when present)",
                    {"name": name, "count": count, "offered": offered},
                )
        _unique(
            (s.selection_identifier for s in self.selections),
            "selection_identifier_unique",
            "SelectionIdentifier",
        )
        return self


class FileUploadAnswerSpecification(_Part):
    """A file upload (FileUploadAnswer; only in the 2005-10-01 schema, retired by MTurk in 2017).

    >>> FileUploadAnswerSpecification(min_file_size_in_bytes=0,
    ...     max_file_size_in_bytes=1_000_000).kind
    'file_upload'
    """

    kind: Literal["file_upload"] = Field(default="file_upload", description="Answer kind tag.")
    max_file_size_in_bytes: Annotated[int, Field(ge=0, le=MAX_FILE_SIZE_IN_BYTES)] = Field(
        description="The largest file accepted, 0 to 2,000,000,000 bytes."
    )
    min_file_size_in_bytes: Annotated[int, Field(ge=0, le=MAX_FILE_SIZE_IN_BYTES)] = Field(
        description="The smallest file accepted, 0 to 2,000,000,000 bytes."
    )

    answer_kind: ClassVar[str] = "upload"
    """The kind of answer this specification takes (as ``QuestionForm.check`` names it)."""

    def findings(self, answer: Any, question_identifier: str) -> list[Finding]:
        """What is wrong with an uploaded-file ``answer`` to this specification."""
        return upload_findings(self, answer, question_identifier)

    @_model_validator(mode="after")
    def _bounds(self) -> FileUploadAnswerSpecification:
        _ordered(
            self.min_file_size_in_bytes,
            self.max_file_size_in_bytes,
            "file_size_bounds",
            "MinFileSizeInBytes/MaxFileSizeInBytes",
        )
        return self


AnswerSpecification = Annotated[
    FreeTextAnswerSpecification | SelectionAnswerSpecification | FileUploadAnswerSpecification,
    Field(discriminator="kind"),
]
"""The three kinds of AnswerSpecification."""


def _unique(values: Iterable[str], code: str, what: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise PydanticCustomError(
                code,
                "{what} values must be unique; {value} appears twice",
                {"what": what, "value": repr(value)},
            )
        seen.add(value)


class Overview(_Part):
    """Content shown between questions (instructions, images).

    >>> Overview(content=(TitleContent(text="Instructions"),)).kind
    'overview'
    """

    kind: Literal["overview"] = Field(default="overview", description="Item kind tag.")
    content: Seq[ContentItem] = Field(min_length=1, description="The content, in order.")


class Question(_Part):
    """One question of a QuestionForm: an identifier, content, and what answer it takes.

    >>> q = Question(question_identifier="q1", question_content=(TextContent(text="Why?"),),
    ...              answer_specification=FreeTextAnswerSpecification())
    >>> q.is_required is None
    True
    """

    kind: Literal["question"] = Field(default="question", description="Item kind tag.")
    question_identifier: AnswerIdentifier = Field(
        description="The identifier the Worker's answer carries; unique within the form."
    )
    display_name: XmlText | None = Field(
        default=None, description="A name for the question, shown in MTurk's preview."
    )
    is_required: bool | None = Field(
        default=None, description="Whether the Worker must answer (default false)."
    )
    question_content: Seq[ContentItem] = Field(
        min_length=1, description="What the Worker sees: text, lists, images and so on."
    )
    answer_specification: AnswerSpecification = Field(
        description="The kind of answer: FreeTextAnswer, SelectionAnswer or FileUploadAnswer."
    )


FormItem = Annotated[Overview | Question, Field(discriminator="kind")]


class QuestionForm(_Part):
    """A form MTurk renders from Overview and Question items, in any order.

    >>> form = QuestionForm(items=(Question(question_identifier="q1",
    ...     question_content=(TextContent(text="Your age?"),),
    ...     answer_specification=FreeTextAnswerSpecification(
    ...         constraints=Constraints(is_numeric=IsNumeric(min_value=18)))),))
    >>> parse_question(form.to_xml()) == form
    True
    """

    items: Seq[FormItem] = Field(min_length=1, description="The Overview and Question items.")
    schema_version: Literal["2017-11-06", "2005-10-01"] = Field(
        default="2017-11-06",
        description="The QuestionForm schema: 2017-11-06 (current, no FileUploadAnswer and no "
        "Application) or 2005-10-01.",
    )

    @_model_validator(mode="after")
    def _rules(self) -> QuestionForm:
        if not any(isinstance(item, Question) for item in self.items):
            # API reference 2017-01-17, QuestionForm Structure: the root "contains optional
            # Overview elements and one or more Question elements" (the XSD's choice alone
            # would allow Overviews only).
            raise PydanticCustomError(
                "question_form_without_question",
                "A QuestionForm needs at least one Question; got {count} Overview item(s) only",
                {"count": len(self.items)},
            )
        _unique(
            (q.question_identifier for q in self.questions),
            "question_identifier_unique",
            "QuestionIdentifier",
        )
        retired = self.retired_elements
        if self.schema_version == "2017-11-06" and retired:
            raise PydanticCustomError(
                "retired_element_schema",
                "The 2017-11-06 QuestionForm schema has no FileUploadAnswer and no Application "
                "(MTurk retired both on 12 December 2017); got {where}",
                {"where": ", ".join(retired)},
            )
        return self

    @property
    def retired_elements(self) -> tuple[str, ...]:
        """Where the form uses FileUploadAnswer or Application, which MTurk retired in 2017.

        >>> QuestionForm(items=(Overview(content=(ApplicationContent(application="flash",
        ...     url="https://example.com/a.swf", width="1", height="1"),)),
        ...     Question(question_identifier="q1", question_content=(TextContent(text="Why?"),),
        ...         answer_specification=FreeTextAnswerSpecification())),
        ...     schema_version="2005-10-01").retired_elements
        ('Application in Overview 1',)
        """
        found = []
        for number, item in enumerate(self.items, 1):
            if isinstance(item, Question):
                where, content = f"question {item.question_identifier!r}", item.question_content
            else:
                where, content = f"Overview {number}", item.content
            if any(isinstance(c, ApplicationContent) for c in content):
                found.append(f"Application in {where}")
            if isinstance(item, Question) and isinstance(
                item.answer_specification, FileUploadAnswerSpecification
            ):
                found.append(f"FileUploadAnswer in {where}")
        return tuple(found)

    @property
    def questions(self) -> tuple[Question, ...]:
        """The Question items, in document order."""
        return tuple(item for item in self.items if isinstance(item, Question))

    @property
    def namespace(self) -> str:
        """The XML namespace of this form's schema version."""
        return next(ns for ns, v in _FORM_VERSIONS.items() if v == self.schema_version)

    def question(self, identifier: str) -> Question:
        """The question with this identifier.

        Raises :class:`~mturk_models.QuestionNotFoundError` (a :class:`KeyError`) naming the
        identifier and the form's identifiers when there is none.

        >>> form = QuestionForm(items=(Question(question_identifier="q1",
        ...     question_content=(TextContent(text="Why?"),),
        ...     answer_specification=FreeTextAnswerSpecification()),))
        >>> form.question("q1").question_identifier
        'q1'
        >>> form.question("q9")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        mturk_models.exceptions.QuestionNotFoundError: no question 'q9' in this QuestionForm; ...
        """
        for q in self.questions:
            if q.question_identifier == identifier:
                return q
        known = [q.question_identifier for q in self.questions]
        listed = ", ".join(repr(name) for name in known[:10]) + (", ..." if len(known) > 10 else "")
        raise QuestionNotFoundError(
            f"no question {identifier!r} in this QuestionForm; its questions are {listed}",
            identifier,
        )

    def to_xml(self) -> str:
        """The QuestionForm document in the namespace of its ``schema_version``."""
        return _el("QuestionForm", "".join(map(_item_xml, self.items)), xmlns=self.namespace)

    def check(self, answers: Iterable[Any]) -> list[Finding]:
        """Check a Worker's answers against the form: a list of findings, empty when all hold.

        ``answers`` are the answer models of ``parse_answers`` (or anything with
        ``question_identifier`` and ``text``, ``selection_identifiers`` and
        ``other_selection_text``, or ``uploaded_file_key``). MTurk does not guarantee that
        answers conform to the form, so nothing is raised: each finding names the question, the
        rule and the value.

        >>> from types import SimpleNamespace as Answer
        >>> form = QuestionForm(items=(Question(question_identifier="age", is_required=True,
        ...     question_content=(TextContent(text="Age?"),),
        ...     answer_specification=FreeTextAnswerSpecification(
        ...         constraints=Constraints(is_numeric=IsNumeric(min_value=18)))),))
        >>> [f.code for f in form.check([Answer(question_identifier="age", text="12")])]
        ['answer_numeric_range']
        """
        return check_answers(self, answers)

    def values(self, answers: Iterable[Any]) -> dict[str, Any]:
        """The answers as typed values, by question identifier.

        IsNumeric free text gives an ``int`` when it is a whole number (an exact ``Decimal`` past
        the 4,300 digits ``int()`` converts) and its ``str`` otherwise, as ``check`` reports it;
        other free text a ``str``, a selection the tuple of its selection identifiers (then the
        other-selection text, if any), an upload the answer itself.

        >>> from types import SimpleNamespace as Answer
        >>> form = QuestionForm(items=(Question(question_identifier="age",
        ...     question_content=(TextContent(text="Age?"),),
        ...     answer_specification=FreeTextAnswerSpecification(
        ...         constraints=Constraints(is_numeric=IsNumeric()))),))
        >>> form.values([Answer(question_identifier="age", text=" 42 ")])
        {'age': 42}
        """
        return answer_values(self, answers)


QuestionDocument = ExternalQuestion | HTMLQuestion | QuestionForm
"""What :func:`parse_question` returns."""

# --- QuestionForm writer -----------------------------------------------------------------------


def _params(params: Sequence[ApplicationParameter]) -> str:
    return "".join(
        _el("ApplicationParameter", _opt("Name", p.name) + _opt("Value", p.value)) for p in params
    )


def _binary_xml(b: BinaryContent) -> str:
    mime = _opt("Type", b.mime_type) + _opt("SubType", b.mime_sub_type)
    return _el(
        "Binary", _el("MimeType", mime) + _opt("DataURL", b.data_url) + _opt("AltText", b.alt_text)
    )


def _content_xml(item: ContentItem) -> str:
    if isinstance(item, (TitleContent, TextContent)):
        return _opt(item.kind.capitalize(), item.text)
    if isinstance(item, ListContent):
        return _el("List", "".join(_opt("ListItem", i) for i in item.items))
    if isinstance(item, FormattedContent):
        return _el("FormattedContent", _cdata(item.xhtml))
    if isinstance(item, BinaryContent):
        return _binary_xml(item)
    if isinstance(item, EmbeddedBinaryContent):
        mime = _opt("Type", item.mime_type) + _opt("SubType", item.mime_sub_type)
        inner = (
            _el("EmbeddedMimeType", mime)
            + _opt("DataURL", item.data_url)
            + _opt("AltText", item.alt_text)
            + _opt("Width", item.width)
            + _opt("Height", item.height)
            + _params(item.parameters)
        )
        return _el("EmbeddedBinary", inner)
    if item.application == "flash":
        inner = _opt("FlashMovieURL", item.url)
        name = "Flash"
    else:
        inner = _opt("AppletPath", item.url) + _opt("AppletFilename", item.applet_filename)
        name = "JavaApplet"
    inner += _opt("Width", item.width) + _opt("Height", item.height) + _params(item.parameters)
    return _el("Application", _el(name, inner))


def _free_text_xml(spec: FreeTextAnswerSpecification) -> str:
    inner = ""
    c = spec.constraints
    if c is not None:
        parts = ""
        if c.is_numeric is not None:
            bounds = {"minValue": c.is_numeric.min_value, "maxValue": c.is_numeric.max_value}
            parts += _el("IsNumeric", "", **{k: v for k, v in bounds.items() if v is not None})
        if c.length is not None:
            bounds = {"minLength": c.length.min_length, "maxLength": c.length.max_length}
            parts += _el("Length", "", **{k: v for k, v in bounds.items() if v is not None})
        for r in c.answer_format_regex:
            attrs = {"regex": r.regex, "errorText": r.error_text, "flags": r.flags}
            parts += _el(
                "AnswerFormatRegex", "", **{k: v for k, v in attrs.items() if v is not None}
            )
        inner += _el("Constraints", parts)
    return (
        inner
        + _opt("DefaultText", spec.default_text)
        + _opt("NumberOfLinesSuggestion", spec.number_of_lines_suggestion)
    )


def _selection_xml(s: Selection) -> str:
    if s.binary is not None:
        content = _binary_xml(s.binary)
    elif s.formatted_content is not None:
        content = _el("FormattedContent", _cdata(s.formatted_content))
    else:
        content = _opt("Text", s.text)
    return _el("Selection", _opt("SelectionIdentifier", s.selection_identifier) + content)


def _answer_xml(spec: AnswerSpecification) -> str:
    if isinstance(spec, FreeTextAnswerSpecification):
        inner = _el("FreeTextAnswer", _free_text_xml(spec))
    elif isinstance(spec, SelectionAnswerSpecification):
        selections = "".join(map(_selection_xml, spec.selections))
        if spec.other_selection is not None:
            selections += _el("OtherSelection", _free_text_xml(spec.other_selection))
        style = spec.style_suggestion
        inner = _el(
            "SelectionAnswer",
            _opt("MinSelectionCount", spec.min_selection_count)
            + _opt("MaxSelectionCount", spec.max_selection_count)
            + _opt("StyleSuggestion", style.value if style else None)
            + _el("Selections", selections),
        )
    else:
        inner = _el(
            "FileUploadAnswer",
            _opt("MaxFileSizeInBytes", spec.max_file_size_in_bytes)
            + _opt("MinFileSizeInBytes", spec.min_file_size_in_bytes),
        )
    return _el("AnswerSpecification", inner)


def _item_xml(item: Overview | Question) -> str:
    if isinstance(item, Overview):
        return _el("Overview", "".join(map(_content_xml, item.content)))
    inner = (
        _opt("QuestionIdentifier", item.question_identifier)
        + _opt("DisplayName", item.display_name)
        + _opt("IsRequired", item.is_required)
        + _el("QuestionContent", "".join(map(_content_xml, item.question_content)))
        + _answer_xml(item.answer_specification)
    )
    return _el("Question", inner)


# --- reader --------------------------------------------------------------------------------------

M = TypeVar("M", bound=Document)


def _element_of(path: str) -> str:
    """The element a path ends at, without its position: one location per message.

    >>> _element_of("QuestionForm/Question[2]/QuestionContent[1]")
    'QuestionContent'
    """
    return path.rpartition("/")[2].partition("[")[0]


def _xml_names(cls: type[Document], loc: tuple[str, ...]) -> list[str]:
    """A validation error's location in the document's words: fields by their element names.

    The field that holds an element's own text (Title, Text, FormattedContent) has no name of
    its own in the document: the element's path already says where.
    """
    fields = cls.model_fields
    own_text = _OWN_TEXT.get(cls)
    return [
        (fields[part].alias or part) if part in fields else part for part in loc if part != own_text
    ]


_OWN_TEXT: Final[dict[type[Document], str]] = {
    TitleContent: "text",
    TextContent: "text",
    FormattedContent: "xhtml",
}


def _archived(info: ValidationInfo) -> bool:
    return bool(isinstance(info.context, dict) and info.context.get(_ARCHIVED))


class _Reader:
    """Reads one document's elements, all in one namespace, with paths for messages."""

    def __init__(self, namespace: str, context: dict[str, Any] | None) -> None:
        self.ns = namespace
        self.prefix = "{" + namespace + "}"
        self.context = context

    def children(self, el: Element, path: str) -> Iterator[tuple[str, Element, str]]:
        """The children as (name, element, path), each in the document's namespace."""
        if el.text and el.text.strip(_XML_SPACE):
            raise QuestionParseError(
                f"{path} cannot contain text; got {shown(el.text.strip(_XML_SPACE))}",
                location=path,
            )
        for namespace, name, child, where in children(el, path):
            if child.tail and child.tail.strip(_XML_SPACE):
                raise QuestionParseError(
                    f"{path} cannot contain text; got {shown(child.tail.strip(_XML_SPACE))}",
                    location=path,
                )
            if namespace != self.ns:
                raise QuestionParseError(
                    f"element {name} at {where} is in "
                    f"{'namespace ' + repr(namespace) if namespace else 'no namespace'}"
                    f", not in the document's namespace {self.ns}",
                    location=where,
                )
            yield name, child, where

    def sequence(
        self, el: Element, path: str, spec: Sequence[tuple[str, int, int]]
    ) -> dict[str, list[tuple[Element, str]]]:
        """Children of ``el`` following the schema's ``sequence``: (name, min, max) each."""
        order = {name: i for i, (name, _, _) in enumerate(spec)}
        found: dict[str, list[tuple[Element, str]]] = {name: [] for name, _, _ in spec}
        last = -1
        for name, child, where in self.children(el, path):
            if name not in order:
                expected = ", ".join(n for n, _, _ in spec)
                raise QuestionParseError(
                    f"unexpected element {name} at {where}; {_element_of(path)} takes {expected}",
                    location=where,
                )
            if order[name] < last:
                raise QuestionParseError(
                    f"element {name} at {where} is out of order; the schema's order is "
                    + ", ".join(n for n, _, _ in spec),
                    location=where,
                )
            last = order[name]
            found[name].append((child, where))
        for name, low, high in spec:
            count = len(found[name])
            if not low <= count <= high:
                rule = f"exactly {low}" if low == high else f"{low} to {high}"
                raise QuestionParseError(f"{path} takes {rule} {name}; got {count}", location=path)
        return found

    def text(self, el: Element, path: str) -> str:
        if len(el):
            name = split_name(el[0].tag)[1]
            raise QuestionParseError(f"{path} takes text, not elements; got {name}", location=path)
        return el.text or ""

    def opt(self, found: dict[str, list[tuple[Element, str]]], name: str) -> str | None:
        items = found[name]
        return self.text(*items[0]) if items else None

    def one(self, found: dict[str, list[tuple[Element, str]]], name: str) -> str:
        return self.text(*found[name][0])

    def build(self, cls: type[M], path: str, **values: Any) -> M:
        try:
            return cls.model_validate(values, context=self.context)
        except ValidationError as exc:
            summary = summarize(exc)
            if summary.error["type"] == "xml_unsafe":  # hostile markup in FormattedContent
                raise UnsafeXMLError(f"{path}: {summary.error['msg']}", location=path) from exc
            where = "/".join(_xml_names(cls, summary.loc))
            raise QuestionParseError(
                f"{path} breaks a rule{' at ' + where if where else ''}: {summary.message}",
                location=path,
            ) from exc

    # QuestionForm parts

    def content(self, el: Element, path: str) -> tuple[Any, ...]:
        items: list[Any] = []
        for name, child, where in self.children(el, path):
            items.append(self.content_item(name, child, where, path))
        if not items:
            raise QuestionParseError(
                f"{path} needs at least one content element; got none", location=path
            )
        return tuple(items)

    def content_item(self, name: str, el: Element, path: str, parent: str) -> Any:
        if name in ("Title", "Text"):
            return self.build(
                TitleContent if name == "Title" else TextContent, path, text=self.text(el, path)
            )
        if name == "List":
            found = self.sequence(el, path, [("ListItem", 1, sys.maxsize)])
            return self.build(
                ListContent, path, items=tuple(self.text(*i) for i in found["ListItem"])
            )
        if name == "FormattedContent":
            return self.build(FormattedContent, path, xhtml=self.text(el, path))
        if name == "Binary":
            return self.binary(el, path)
        if name == "EmbeddedBinary":
            return self.embedded(el, path)
        if name == "Application":
            return self.application(el, path)
        raise QuestionParseError(
            f"unexpected element {name} at {path}; {_element_of(parent)} takes Title, Text, List, "
            "FormattedContent, Binary, Application or EmbeddedBinary",
            location=path,
        )

    def binary(self, el: Element, path: str) -> BinaryContent:
        found = self.sequence(el, path, [("MimeType", 1, 1), ("DataURL", 1, 1), ("AltText", 1, 1)])
        mime_el, mime_path = found["MimeType"][0]
        mime = self.sequence(mime_el, mime_path, [("Type", 1, 1), ("SubType", 0, 1)])
        return self.build(
            BinaryContent,
            path,
            mime_type=self.one(mime, "Type").strip(_XML_SPACE),
            mime_sub_type=self.opt(mime, "SubType"),
            data_url=self.one(found, "DataURL").strip(_XML_SPACE),
            alt_text=self.one(found, "AltText"),
        )

    def parameters(self, found: dict[str, list[tuple[Element, str]]]) -> tuple[Any, ...]:
        out = []
        for el, path in found["ApplicationParameter"]:
            pair = self.sequence(el, path, [("Name", 1, 1), ("Value", 1, 1)])
            out.append(
                self.build(
                    ApplicationParameter,
                    path,
                    name=self.one(pair, "Name"),
                    value=self.one(pair, "Value"),
                )
            )
        return tuple(out)

    def embedded(self, el: Element, path: str) -> EmbeddedBinaryContent:
        spec = [
            ("EmbeddedMimeType", 1, 1),
            ("DataURL", 1, 1),
            ("AltText", 1, 1),
            ("Width", 1, 1),
            ("Height", 1, 1),
            ("ApplicationParameter", 0, sys.maxsize),
        ]
        found = self.sequence(el, path, spec)
        mime_el, mime_path = found["EmbeddedMimeType"][0]
        mime = self.sequence(mime_el, mime_path, [("Type", 1, 1), ("SubType", 1, 1)])
        return self.build(
            EmbeddedBinaryContent,
            path,
            mime_type=self.one(mime, "Type"),
            mime_sub_type=self.one(mime, "SubType"),
            data_url=self.one(found, "DataURL").strip(_XML_SPACE),
            alt_text=self.one(found, "AltText"),
            width=self.one(found, "Width"),
            height=self.one(found, "Height"),
            parameters=self.parameters(found),
        )

    def application(self, el: Element, path: str) -> ApplicationContent:
        kinds = self.sequence(el, path, [("Flash", 0, 1), ("JavaApplet", 0, 1)])
        if len(kinds["Flash"]) + len(kinds["JavaApplet"]) != 1:
            raise QuestionParseError(
                f"{path} takes exactly one of Flash and JavaApplet", location=path
            )
        if kinds["Flash"]:
            inner, where = kinds["Flash"][0]
            head = [("FlashMovieURL", 1, 1)]
        else:
            inner, where = kinds["JavaApplet"][0]
            head = [("AppletPath", 1, 1), ("AppletFilename", 1, 1)]
        spec = [*head, ("Width", 1, 1), ("Height", 1, 1), ("ApplicationParameter", 0, sys.maxsize)]
        found = self.sequence(inner, where, spec)
        flash = bool(kinds["Flash"])
        return self.build(
            ApplicationContent,
            where,
            application="flash" if flash else "java_applet",
            url=self.one(found, "FlashMovieURL" if flash else "AppletPath").strip(_XML_SPACE),
            applet_filename=None if flash else self.one(found, "AppletFilename"),
            width=self.one(found, "Width"),
            height=self.one(found, "Height"),
            parameters=self.parameters(found),
        )

    def integer(self, value: str | None, path: str) -> int | None:
        if value is None:
            return None
        text = value.strip(_XML_SPACE)
        if not re.fullmatch(r"[+-]?[0-9]+", text):  # \d would take Arabic-Indic digits
            raise QuestionParseError(
                f"{path} should be an integer; got {shown(value)}", location=path
            )
        try:
            return int(text)
        except ValueError as exc:  # more digits than int() converts (sys.get_int_max_str_digits)
            raise QuestionParseError(
                f"{path} should be an integer of at most {sys.get_int_max_str_digits()} digits; "
                f"got one of {len(text.lstrip('+-'))} digits",
                location=path,
            ) from exc

    def boolean(self, value: str | None, path: str) -> bool | None:
        if value is None:
            return None
        text = value.strip(_XML_SPACE)
        if text not in ("true", "false", "1", "0"):
            raise QuestionParseError(
                f"{path} should be true, false, 1 or 0; got {shown(value)}", location=path
            )
        return text in ("true", "1")

    def free_text(self, el: Element, path: str) -> FreeTextAnswerSpecification:
        spec = [("Constraints", 0, 1), ("DefaultText", 0, 1), ("NumberOfLinesSuggestion", 0, 1)]
        found = self.sequence(el, path, spec)
        constraints = None
        if found["Constraints"]:
            c_el, c_path = found["Constraints"][0]
            c_spec = [("IsNumeric", 0, 1), ("Length", 0, 1), ("AnswerFormatRegex", 0, sys.maxsize)]
            c = self.sequence(c_el, c_path, c_spec)
            constraints = self.build(
                Constraints,
                c_path,
                is_numeric=self.bounds(
                    c, "IsNumeric", IsNumeric, {"minValue": "min_value", "maxValue": "max_value"}
                ),
                length=self.bounds(
                    c, "Length", Length, {"minLength": "min_length", "maxLength": "max_length"}
                ),
                answer_format_regex=tuple(self.regex(*r) for r in c["AnswerFormatRegex"]),
            )
        lines_path = f"{path}/NumberOfLinesSuggestion"
        return self.build(
            FreeTextAnswerSpecification,
            path,
            constraints=constraints,
            default_text=self.opt(found, "DefaultText"),
            number_of_lines_suggestion=self.integer(
                self.opt(found, "NumberOfLinesSuggestion"), lines_path
            ),
        )

    def attributes(self, el: Element, path: str, allowed: Sequence[str]) -> dict[str, str]:
        if len(el) or (el.text and el.text.strip(_XML_SPACE)):
            raise QuestionParseError(
                f"{path} takes only attributes ({', '.join(allowed)})", location=path
            )
        unknown = sorted(set(el.attrib) - set(allowed))
        if unknown:
            raise QuestionParseError(
                f"unexpected attribute {shown(unknown[0])} on {path}; it takes "
                f"{', '.join(allowed)}",
                location=path,
            )
        return dict(el.attrib)

    def bounds(
        self,
        found: dict[str, list[tuple[Element, str]]],
        name: str,
        cls: type[IsNumeric] | type[Length],
        fields: Mapping[str, str],
    ) -> Any:
        """An IsNumeric or Length element: each attribute read into the field it names."""
        if not found[name]:
            return None
        el, path = found[name][0]
        attrs = self.attributes(el, path, tuple(fields))
        values = {
            field: self.integer(attrs.get(attribute), f"{path}/@{attribute}")
            for attribute, field in fields.items()
        }
        return self.build(cls, path, **values)

    def regex(self, el: Element, path: str) -> AnswerFormatRegex:
        attrs = self.attributes(el, path, ("regex", "errorText", "flags"))
        if "regex" not in attrs:
            raise QuestionParseError(f"{path} needs a regex attribute", location=path)
        return self.build(
            AnswerFormatRegex,
            path,
            regex=attrs["regex"],
            error_text=attrs.get("errorText"),
            flags=attrs.get("flags"),
        )

    def selection_answer(self, el: Element, path: str) -> SelectionAnswerSpecification:
        spec = [
            ("MinSelectionCount", 0, 1),
            ("MaxSelectionCount", 0, 1),
            ("StyleSuggestion", 0, 1),
            ("Selections", 1, 1),
        ]
        found = self.sequence(el, path, spec)
        sel_el, sel_path = found["Selections"][0]
        sels = self.sequence(
            sel_el, sel_path, [("Selection", 1, sys.maxsize), ("OtherSelection", 0, 1)]
        )
        selections = []
        for s_el, s_path in sels["Selection"]:
            s_spec = [
                ("SelectionIdentifier", 1, 1),
                ("Text", 0, 1),
                ("Binary", 0, 1),
                ("FormattedContent", 0, 1),
            ]
            s = self.sequence(s_el, s_path, s_spec)
            selections.append(
                self.build(
                    Selection,
                    s_path,
                    selection_identifier=self.one(s, "SelectionIdentifier"),
                    text=self.opt(s, "Text"),
                    binary=self.binary(*s["Binary"][0]) if s["Binary"] else None,
                    formatted_content=self.opt(s, "FormattedContent"),
                )
            )
        other = self.free_text(*sels["OtherSelection"][0]) if sels["OtherSelection"] else None
        style = self.opt(found, "StyleSuggestion")
        return self.build(
            SelectionAnswerSpecification,
            path,
            min_selection_count=self.integer(
                self.opt(found, "MinSelectionCount"), f"{path}/MinSelectionCount"
            ),
            max_selection_count=self.integer(
                self.opt(found, "MaxSelectionCount"), f"{path}/MaxSelectionCount"
            ),
            style_suggestion=style.strip(_XML_SPACE) if style is not None else None,
            selections=tuple(selections),
            other_selection=other,
        )

    def file_upload(self, el: Element, path: str) -> FileUploadAnswerSpecification:
        spec = [("MaxFileSizeInBytes", 1, 1), ("MinFileSizeInBytes", 1, 1)]
        found = self.sequence(el, path, spec)
        return self.build(
            FileUploadAnswerSpecification,
            path,
            max_file_size_in_bytes=self.integer(
                self.one(found, "MaxFileSizeInBytes"), f"{path}/MaxFileSizeInBytes"
            ),
            min_file_size_in_bytes=self.integer(
                self.one(found, "MinFileSizeInBytes"), f"{path}/MinFileSizeInBytes"
            ),
        )

    def answer_specification(self, el: Element, path: str) -> Any:
        kinds = list(self.children(el, path))
        if len(kinds) != 1:
            raise QuestionParseError(
                f"{path} takes exactly one of FreeTextAnswer, SelectionAnswer and "
                f"FileUploadAnswer; got {len(kinds)} elements",
                location=path,
            )
        name, child, where = kinds[0]
        if name == "FreeTextAnswer":
            return self.free_text(child, where)
        if name == "SelectionAnswer":
            return self.selection_answer(child, where)
        if name == "FileUploadAnswer":
            return self.file_upload(child, where)
        raise QuestionParseError(
            f"unexpected element {name} at {where}; AnswerSpecification takes FreeTextAnswer, "
            "SelectionAnswer or FileUploadAnswer",
            location=where,
        )

    def question(self, el: Element, path: str) -> Question:
        spec = [
            ("QuestionIdentifier", 1, 1),
            ("DisplayName", 0, 1),
            ("IsRequired", 0, 1),
            ("QuestionContent", 1, 1),
            ("AnswerSpecification", 1, 1),
        ]
        found = self.sequence(el, path, spec)
        return self.build(
            Question,
            path,
            question_identifier=self.one(found, "QuestionIdentifier"),
            display_name=self.opt(found, "DisplayName"),
            is_required=self.boolean(self.opt(found, "IsRequired"), f"{path}/IsRequired"),
            question_content=self.content(*found["QuestionContent"][0]),
            answer_specification=self.answer_specification(*found["AnswerSpecification"][0]),
        )

    def form(self, root: Element) -> QuestionForm:
        items: list[Overview | Question] = []
        for name, child, where in self.children(root, "QuestionForm"):
            if name == "Overview":
                items.append(self.build(Overview, where, content=self.content(child, where)))
            elif name == "Question":
                items.append(self.question(child, where))
            else:
                raise QuestionParseError(
                    f"unexpected element {name} at {where}; QuestionForm takes Overview and "
                    "Question",
                    location=where,
                )
        if not items:
            raise QuestionParseError(
                "QuestionForm needs at least one Question; got none", location="QuestionForm"
            )
        return self.build(
            QuestionForm, "QuestionForm", items=tuple(items), schema_version=_FORM_VERSIONS[self.ns]
        )

    def framed(self, root: Element, kind: type[M], first: str, field: str) -> M:
        """An ExternalQuestion or HTMLQuestion: ``first`` (read into ``field``), FrameHeight."""
        found = self.sequence(root, kind.__name__, [(first, 1, 1), ("FrameHeight", 1, 1)])
        height_path = f"{kind.__name__}/FrameHeight[1]"
        value = self.one(found, first)
        if kind is ExternalQuestion:
            value = value.strip(_XML_SPACE)  # xs:anyURI collapses (XML) whitespace
        height = self.integer(self.one(found, "FrameHeight"), height_path)
        return self.build(kind, kind.__name__, **{field: value, "frame_height": height})


# --- the fast reader of QuestionForms ----------------------------------------------------------


class _Unusual(Exception):
    """Something the fast reader leaves to :class:`_Reader`: an error, or a rare element."""


def _no_text(el: Element) -> None:
    """The rule of every container element: no text but XML whitespace."""
    text = el.text
    if text and text.strip(_XML_SPACE):
        raise _Unusual


def _leaf(el: Element) -> str:
    """A text-only element's text (``_Reader.text``)."""
    if len(el):
        raise _Unusual
    return el.text or ""


def _slots(
    el: Element, order: Mapping[str, int], repeat: int = -2
) -> tuple[list[Element | None], list[Element]]:
    """The children of ``el`` following a schema sequence, by their place in it.

    ``order`` maps each element's full tag to its place; every element occurs at most once but
    the one at place ``repeat``, which may repeat and is returned in the second list. An
    unknown element (another namespace included), one out of order or repeated, and text in
    ``el`` or between its children are :class:`_Unusual`. Minimum counts are the caller's.
    """
    text = el.text
    if text and text.strip(_XML_SPACE):
        raise _Unusual
    found: list[Element | None] = [None] * len(order)
    many: list[Element] = []
    last = -1
    get = order.get
    for child in el:
        place = get(child.tag, -1)
        if place == repeat:
            if place < last:
                raise _Unusual
            many.append(child)
        elif place <= last:  # unknown (-1), out of order, or a second one
            raise _Unusual
        else:
            found[place] = child
        tail = child.tail
        if tail and tail.strip(_XML_SPACE):
            raise _Unusual
        last = place
    return found, many


def _integer(value: str | None) -> int | None:
    """``_Reader.integer`` where it succeeds."""
    if value is None:
        return None
    text = value.strip(_XML_SPACE)
    if _INTEGER.fullmatch(text) is None:
        raise _Unusual
    try:
        return int(text)
    except ValueError as exc:  # more digits than int() converts
        raise _Unusual from exc


_INTEGER = re.compile(r"[+-]?[0-9]+")
_BOOLEANS: Final = {"true": True, "1": True, "false": False, "0": False}


def _attributes(el: Element, allowed: frozenset[str]) -> dict[str, str]:
    """``_Reader.attributes`` where it succeeds: no content, only the allowed attributes."""
    if len(el) or (el.text and el.text.strip(_XML_SPACE)):
        raise _Unusual
    attributes = el.attrib
    if not allowed.issuperset(attributes):
        raise _Unusual
    return attributes


_NUMERIC_ATTRIBUTES: Final = frozenset({"minValue", "maxValue"})
_LENGTH_ATTRIBUTES: Final = frozenset({"minLength", "maxLength"})
_REGEX_ATTRIBUTES: Final = frozenset({"regex", "errorText", "flags"})


def _order(namespace: str, *names: str) -> dict[str, int]:
    return {f"{{{namespace}}}{name}": place for place, name in enumerate(names)}


class _FastForm:
    """Reads a QuestionForm in its usual shape straight from the tree, then validates it once.

    :class:`_Reader` builds and validates every part on its own, with the element's path ready
    for a message; on a form of 20 questions that is about 130 ``model_validate`` calls and a
    path string for every element, most of its time. This reader takes the same values from
    the same elements under the same rules (the schema's order and counts, no text in container
    elements, every element in the document's namespace, integers and booleans as the general
    reader reads them) into one nested input, which ``QuestionForm.model_validate`` checks with
    every validator the parts have. It keeps no paths: anything that is not plainly right,
    including every validation error, raises :class:`_Unusual`, and :func:`parse_question` then
    reads the document again with :class:`_Reader`, which raises the located error. So a
    document gives the same model (equal, with the same fields set) or the same error whichever
    reader reads it. Application, EmbeddedBinary and FileUploadAnswer (2005 schema, retired)
    are left to the general reader.
    """

    def __init__(self, namespace: str) -> None:
        def tag(name: str) -> str:
            return f"{{{namespace}}}{name}"

        self.version = _FORM_VERSIONS[namespace]
        self.question_tag, self.overview_tag = tag("Question"), tag("Overview")
        self.question = _order(
            namespace,
            "QuestionIdentifier",
            "DisplayName",
            "IsRequired",
            "QuestionContent",
            "AnswerSpecification",
        )
        self.content_kinds = {
            tag("Title"): "title",
            tag("Text"): "text",
            tag("List"): "list",
            tag("FormattedContent"): "formatted_content",
            tag("Binary"): "binary",
        }
        self.list_items = _order(namespace, "ListItem")
        self.binary_parts = _order(namespace, "MimeType", "DataURL", "AltText")
        self.mime_parts = _order(namespace, "Type", "SubType")
        self.free_text_tag, self.selection_tag = tag("FreeTextAnswer"), tag("SelectionAnswer")
        self.free_text_parts = _order(
            namespace, "Constraints", "DefaultText", "NumberOfLinesSuggestion"
        )
        self.constraint_parts = _order(namespace, "IsNumeric", "Length", "AnswerFormatRegex")
        self.selection_answer_parts = _order(
            namespace, "MinSelectionCount", "MaxSelectionCount", "StyleSuggestion", "Selections"
        )
        self.selections_parts = _order(namespace, "Selection", "OtherSelection")
        self.selection_parts = _order(
            namespace, "SelectionIdentifier", "Text", "Binary", "FormattedContent"
        )

    def read(self, root: Element) -> dict[str, Any]:
        """The input of ``QuestionForm.model_validate``, or :class:`_Unusual`."""
        _no_text(root)
        items: list[dict[str, Any]] = []
        question_tag, overview_tag = self.question_tag, self.overview_tag
        for child in root:
            tag = child.tag
            if tag == question_tag:
                items.append(self.read_question(child))
            elif tag == overview_tag:
                items.append({"kind": "overview", "content": self.content(child)})
            else:
                raise _Unusual
            tail = child.tail
            if tail and tail.strip(_XML_SPACE):
                raise _Unusual
        if not items:
            raise _Unusual
        return {"items": items, "schema_version": self.version}

    @staticmethod
    def validate(data: dict[str, Any], context: dict[str, Any] | None) -> QuestionForm:
        """The form :meth:`read` took, validated, or :class:`_Unusual` for a broken rule."""
        try:
            form = QuestionForm.model_validate(data, context=context)
        except ValidationError as exc:
            raise _Unusual from exc
        _unset_kinds(form)
        return form

    def read_question(self, el: Element) -> dict[str, Any]:
        (identifier, name, required, content, answer), _ = _slots(el, self.question)
        if identifier is None or content is None or answer is None:
            raise _Unusual
        is_required = None
        if required is not None:
            is_required = _BOOLEANS.get(_leaf(required).strip(_XML_SPACE))
            if is_required is None:
                raise _Unusual
        return {
            "kind": "question",
            "question_identifier": _leaf(identifier),
            "display_name": None if name is None else _leaf(name),
            "is_required": is_required,
            "question_content": self.content(content),
            "answer_specification": self.answer(answer),
        }

    def content(self, el: Element) -> list[dict[str, Any]]:
        _no_text(el)
        items: list[dict[str, Any]] = []
        kinds = self.content_kinds
        for child in el:
            kind = kinds.get(child.tag)
            if kind == "title" or kind == "text":
                items.append({"kind": kind, "text": _leaf(child)})
            elif kind == "formatted_content":
                items.append({"kind": kind, "xhtml": _leaf(child)})
            elif kind == "list":
                _, entries = _slots(child, self.list_items, 0)
                if not entries:
                    raise _Unusual
                items.append({"kind": kind, "items": tuple(map(_leaf, entries))})
            elif kind == "binary":
                binary = self.binary(child)
                binary["kind"] = kind
                items.append(binary)
            else:
                raise _Unusual
            tail = child.tail
            if tail and tail.strip(_XML_SPACE):
                raise _Unusual
        if not items:
            raise _Unusual
        return items

    def binary(self, el: Element) -> dict[str, Any]:
        (mime, url, alt), _ = _slots(el, self.binary_parts)
        if mime is None or url is None or alt is None:
            raise _Unusual
        (kind, sub_kind), _ = _slots(mime, self.mime_parts)
        if kind is None:
            raise _Unusual
        return {
            "mime_type": _leaf(kind).strip(_XML_SPACE),
            "mime_sub_type": None if sub_kind is None else _leaf(sub_kind),
            "data_url": _leaf(url).strip(_XML_SPACE),
            "alt_text": _leaf(alt),
        }

    def answer(self, el: Element) -> dict[str, Any]:
        _no_text(el)
        if len(el) != 1:
            raise _Unusual
        child = el[0]
        tail = child.tail
        if tail and tail.strip(_XML_SPACE):
            raise _Unusual
        tag = child.tag
        if tag == self.free_text_tag:
            spec = self.free_text(child)
            spec["kind"] = "free_text"
            return spec
        if tag == self.selection_tag:
            return self.selection_answer(child)
        raise _Unusual

    def free_text(self, el: Element) -> dict[str, Any]:
        (constraints, default, lines), _ = _slots(el, self.free_text_parts)
        return {
            "constraints": None if constraints is None else self.constraints(constraints),
            "default_text": None if default is None else _leaf(default),
            "number_of_lines_suggestion": None if lines is None else _integer(_leaf(lines)),
        }

    def constraints(self, el: Element) -> dict[str, Any]:
        (numeric, length, _), regexes = _slots(el, self.constraint_parts, 2)
        is_numeric = length_bounds = None
        if numeric is not None:
            attributes = _attributes(numeric, _NUMERIC_ATTRIBUTES)
            is_numeric = {
                "min_value": _integer(attributes.get("minValue")),
                "max_value": _integer(attributes.get("maxValue")),
            }
        if length is not None:
            attributes = _attributes(length, _LENGTH_ATTRIBUTES)
            length_bounds = {
                "min_length": _integer(attributes.get("minLength")),
                "max_length": _integer(attributes.get("maxLength")),
            }
        formats = []
        for regex in regexes:
            attributes = _attributes(regex, _REGEX_ATTRIBUTES)
            if "regex" not in attributes:
                raise _Unusual
            formats.append(
                {
                    "regex": attributes["regex"],
                    "error_text": attributes.get("errorText"),
                    "flags": attributes.get("flags"),
                }
            )
        return {
            "is_numeric": is_numeric,
            "length": length_bounds,
            "answer_format_regex": tuple(formats),
        }

    def selection_answer(self, el: Element) -> dict[str, Any]:
        (low, high, style, choices), _ = _slots(el, self.selection_answer_parts)
        if choices is None:
            raise _Unusual
        (_, other), entries = _slots(choices, self.selections_parts, 0)
        if not entries:
            raise _Unusual
        selections = []
        parts = self.selection_parts
        for entry in entries:
            (identifier, text, binary, formatted), _ = _slots(entry, parts)
            if identifier is None:
                raise _Unusual
            selections.append(
                {
                    "selection_identifier": _leaf(identifier),
                    "text": None if text is None else _leaf(text),
                    "binary": None if binary is None else self.binary(binary),
                    "formatted_content": None if formatted is None else _leaf(formatted),
                }
            )
        return {
            "kind": "selection",
            "min_selection_count": None if low is None else _integer(_leaf(low)),
            "max_selection_count": None if high is None else _integer(_leaf(high)),
            "style_suggestion": None if style is None else _leaf(style).strip(_XML_SPACE),
            "selections": tuple(selections),
            "other_selection": None if other is None else self.free_text(other),
        }


def _unset_kinds(form: QuestionForm) -> None:
    """Take ``kind`` out of the fields set of the parts it was given to.

    The fast reader names each variant of a discriminated union by its ``kind`` (a nested input
    must); the general reader builds the variants themselves and never gives ``kind``, which
    stays a default. Afterwards the two readers' models have the same fields set too.
    """
    for item in form.items:
        item.__pydantic_fields_set__.discard("kind")
        if isinstance(item, Question):
            item.answer_specification.__pydantic_fields_set__.discard("kind")
            content = item.question_content
        else:
            content = item.content
        for part in content:
            part.__pydantic_fields_set__.discard("kind")


_FAST_FORMS: Final = {namespace: _FastForm(namespace) for namespace in _FORM_VERSIONS}


_ROOTS: Final = {
    "ExternalQuestion": (EXTERNAL_QUESTION_NAMESPACE,),
    "HTMLQuestion": (HTML_QUESTION_NAMESPACE,),
    "QuestionForm": (QUESTION_FORM_NAMESPACE, QUESTION_FORM_NAMESPACE_2005),
}


def parse_question(xml: str | bytes, *, strict: bool = False) -> QuestionDocument:
    """Read a HIT's ``Question`` document into its model.

    The root must be ExternalQuestion, HTMLQuestion or QuestionForm in its documented namespace.
    By default documents are read as MTurk accepted them when they were made, so archived HITs
    load (2009 ExternalQuestions with http URLs); ``strict=True`` applies today's rules for new
    HITs (https only), as :class:`~mturk_models.CreateHITRequest` does. Anything else raises
    :class:`~mturk_models.QuestionParseError` naming the element and the rule.

    >>> parse_question('<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/'
    ...     'AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd"><HTMLContent>'
    ...     '<![CDATA[<p>hi</p>]]></HTMLContent><FrameHeight>0</FrameHeight></HTMLQuestion>'
    ... ).html_content
    '<p>hi</p>'
    """
    return _parse_question(xml, strict=strict, fast=True)


def _parse_question(xml: str | bytes, *, strict: bool, fast: bool) -> QuestionDocument:
    """:func:`parse_question`; ``fast=False`` reads every QuestionForm with the general reader
    (the tests compare the two)."""
    if not isinstance(xml, (str, bytes)):
        raise TypeError(
            f"parse_question() takes the question document as str or bytes; got "
            f"{type(xml).__name__}"
        )
    root = parse_tree(xml, error=QuestionParseError, what="question document")
    namespace, _, local = root.tag[1:].partition("}") if root.tag.startswith("{") else ("", "", "")
    local = local or root.tag
    if local not in _ROOTS:
        raise QuestionParseError(
            f"a question document's root should be ExternalQuestion, HTMLQuestion or "
            f"QuestionForm; got {shown(local)}"
        )
    if namespace not in _ROOTS[local]:
        raise QuestionParseError(
            f"{local} should be in namespace {' or '.join(_ROOTS[local])}; "
            f"got {shown(namespace) if namespace else 'no namespace'}"
        )
    context = None if strict else {_ARCHIVED: True}
    reader = _Reader(namespace, context)
    if local == "ExternalQuestion":
        return reader.framed(root, ExternalQuestion, "ExternalURL", "external_url")
    if local == "HTMLQuestion":
        return reader.framed(root, HTMLQuestion, "HTMLContent", "html_content")
    if fast:
        fast_form = _FAST_FORMS[namespace]
        try:
            data = fast_form.read(root)
        except _Unusual:  # an error or a rare element: the general reader reads the tree
            return reader.form(root)
        # The tree goes before the models come: with fewer objects alive at once the cyclic
        # garbage collector runs less often (it cost a fifth of the time with both alive).
        del root
        try:
            return fast_form.validate(data, context)
        except _Unusual:  # a rule broken: read again by the general reader, which locates it
            root = parse_tree(xml, error=QuestionParseError, what="question document")
    return reader.form(root)
