"""Answers: the QuestionFormAnswers document of an Assignment, parsed into typed answers.

:func:`parse_answers` reads the ``Answer`` string that GetAssignment and ListAssignmentsForHIT
return (namespace :data:`QUESTION_FORM_ANSWERS_NAMESPACE`) into a :class:`QuestionFormAnswers`
of :class:`FreeTextAnswer`, :class:`SelectionAnswer` and :class:`UploadedFileAnswer`.

Safety: the document is read by the library's one safe XML reader (:mod:`mturk_models._xml`),
through :func:`~mturk_models._xml.secure_parser`: a bare pyexpat parser carrying exactly the
handlers that ``defusedxml`` installs with ``forbid_dtd``, ``forbid_entities`` and
``forbid_external`` (any DOCTYPE, entity declaration or external reference raises
:class:`~mturk_models.exceptions.UnsafeXMLError` before it is used; parameter entities are never
parsed). That is the same pyexpat parser and the same handlers that
``defusedxml.ElementTree.fromstring`` uses, without building an ElementTree; the guarantees are
therefore exactly defusedxml's, and there is no option to switch them off.

Speed: the parse streams. Element names are interned to small integer codes (pyexpat's
``intern`` dictionary), and the handlers are C-level list methods, so expat calls no Python
function per element; one loop then checks the event list against the schema and builds the
answers without re-validating what the parser has already checked. Whenever that fast pass
meets anything unexpected, the document is read again by a second pass with Python handlers that
records positions, and that pass raises the :class:`~mturk_models.exceptions.MalformedAnswerError`
naming the element, its line and its column. Both passes share the same schema checks.

>>> answers = parse_answers(
...     '<QuestionFormAnswers xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas'
...     '/2005-10-01/QuestionFormAnswers.xsd"><Answer><QuestionIdentifier>q1</QuestionIdentifier>'
...     "<FreeText>yes</FreeText></Answer></QuestionFormAnswers>"
... )
>>> answers["q1"].text, answers.to_dict()
('yes', {'q1': 'yes'})
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Iterator
from typing import Annotated, Any, ClassVar, Literal, NoReturn, TypeVar, cast
from xml.parsers.expat import ExpatError

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from ._base import _CONFIG
from ._types import Count, Seq
from ._xml import decode_declared, prepare, secure_parser
from .exceptions import (
    AnswerNotFoundError,
    CrowdAnswerError,
    MalformedAnswerError,
    UnsafeXMLError,
)

_T = TypeVar("_T")

__all__ = [
    "QUESTION_FORM_ANSWERS_NAMESPACE",
    "Answer",
    "FreeTextAnswer",
    "QuestionFormAnswers",
    "SelectionAnswer",
    "UploadedFileAnswer",
    "parse_answers",
]

QUESTION_FORM_ANSWERS_NAMESPACE = (
    "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/"
    "QuestionFormAnswers.xsd"
)
"""The namespace of QuestionFormAnswers documents (API reference, "Schema locations")."""

_WS = " \t\r\n"
# XML 1.0 "Char": everything else (C0 controls but tab/LF/CR, lone surrogates, U+FFFE, U+FFFF)
# cannot appear in a document, not even as a character reference.
_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _legal(value: str) -> str:
    found = _ILLEGAL.search(value)
    if found is not None:
        raise PydanticCustomError(
            "xml_illegal_character",
            "XML 1.0 cannot carry the character {character} (at index {index}), so an answer "
            "cannot hold it; got {value}",
            {"character": f"U+{ord(found.group()):04X}", "index": found.start(), "value": value},
        )
    return value


def _identifier(value: str) -> str:
    stripped = value.strip(_WS)
    if not stripped:
        raise PydanticCustomError(
            "empty_identifier",
            "An identifier must hold at least one character besides whitespace; got {value!r}",
            {"value": value},
        )
    return _legal(stripped)


Identifier = Annotated[str, AfterValidator(_identifier)]
"""A QuestionIdentifier, SelectionIdentifier or UploadedFileKey: XML whitespace (space, tab,
CR, LF) around it is stripped, it is not empty and holds only characters XML 1.0 allows."""

AnswerText = Annotated[str, AfterValidator(_legal)]
"""Free text exactly as sent (never stripped); only characters that XML 1.0 allows."""


class _AnswerBase(BaseModel):
    """Fields and behaviour shared by the three answer kinds."""

    model_config: ClassVar[ConfigDict] = ConfigDict(**_CONFIG, extra="forbid")

    question_identifier: Identifier = Field(
        description="The identifier of the question this answer is for, as specified in the "
        "QuestionIdentifier of the question (for HTML forms: the form field's name)."
    )


class FreeTextAnswer(_AnswerBase):
    """A free-text answer: a text field, a text area, or any field of an HTML form.

    >>> FreeTextAnswer(question_identifier=" comments ", text=" Fine. ")
    FreeTextAnswer(question_identifier='comments', kind='free_text', text=' Fine. ')
    """

    kind: Literal["free_text"] = Field(
        default="free_text", description="The tag of this answer kind."
    )
    text: AnswerText = Field(
        alias="FreeText",
        description="The text the Worker entered, exactly as sent (whitespace and line breaks "
        "kept; an empty <FreeText/> is the empty string).",
    )

    @property
    def value(self) -> str:
        """The plain value :meth:`QuestionFormAnswers.to_dict` uses: the text."""
        return self.text


class SelectionAnswer(_AnswerBase):
    """A selection answer: the chosen SelectionIdentifiers, in order, and any "other" text.

    An Answer that holds only its QuestionIdentifier is, by the schema, a selection answer with
    nothing selected.

    >>> SelectionAnswer(question_identifier="color", selection_identifiers=["red", "blue"]).value
    ['red', 'blue']
    """

    kind: Literal["selection"] = Field(default="selection", description="The tag of this kind.")
    selection_identifiers: Seq[Identifier] = Field(
        default=(),
        description="The identifiers of the selections the Worker chose, in document order "
        "(SelectionIdentifier elements).",
    )
    other_selection_text: AnswerText | None = Field(
        default=None,
        description='The text the Worker typed into the "other" field of the selection '
        "(OtherSelectionText), exactly as sent; None when absent.",
    )

    @property
    def value(self) -> list[str]:
        """The plain value for :meth:`QuestionFormAnswers.to_dict`: the selection identifiers,
        then the "other" text when there is one."""
        chosen = list(self.selection_identifiers)
        if self.other_selection_text is not None:
            chosen.append(self.other_selection_text)
        return chosen


class UploadedFileAnswer(_AnswerBase):
    """A file upload (FileUploadAnswer): the key of the file MTurk stored and its size.

    The schema calls the size a positive integer; the library accepts 0 as well, because a
    FileUploadAnswer's MinFileSizeInBytes may be 0.

    >>> UploadedFileAnswer(
    ...     question_identifier="photo", uploaded_file_key="A2Z5/2OM6/2YRF/004/x.jpg",
    ...     uploaded_file_size_in_bytes=315012,
    ... ).value["uploaded_file_size_in_bytes"]
    315012
    """

    kind: Literal["uploaded_file"] = Field(
        default="uploaded_file", description="The tag of this answer kind."
    )
    uploaded_file_key: Identifier = Field(
        description="The key MTurk gave the uploaded file (Worker ID/HIT ID/Assignment ID/"
        "question/file name); GetFileUploadURL turns it into a download URL."
    )
    uploaded_file_size_in_bytes: Count = Field(
        description="The size of the uploaded file in bytes."
    )

    @property
    def value(self) -> dict[str, str | int]:
        """The plain value for :meth:`QuestionFormAnswers.to_dict`: key and size."""
        return {
            "uploaded_file_key": self.uploaded_file_key,
            "uploaded_file_size_in_bytes": self.uploaded_file_size_in_bytes,
        }


Answer = Annotated[
    FreeTextAnswer | SelectionAnswer | UploadedFileAnswer, Field(discriminator="kind")
]
"""One answer: a :class:`FreeTextAnswer`, :class:`SelectionAnswer` or
:class:`UploadedFileAnswer`, told apart by ``kind``."""


class QuestionFormAnswers(BaseModel):
    """The answers of one assignment, in document order; look one up by its QuestionIdentifier.

    Iterating gives the answers; ``len()`` counts them; ``answers["q1"]`` gives the answer
    whose QuestionIdentifier is ``q1`` and raises :class:`~mturk_models.AnswerNotFoundError`
    (a :class:`KeyError`) when there is none. Several answers may share one identifier (an HTML
    form with repeated field names): all are kept, ``answers["q1"]`` and :meth:`get` give the
    first in document order, and :meth:`get_all` gives every one.

    >>> answers = QuestionFormAnswers(answers=[
    ...     FreeTextAnswer(question_identifier="tag", text="cat"),
    ...     FreeTextAnswer(question_identifier="tag", text="dog"),
    ... ])
    >>> len(answers), answers["tag"].text, [a.text for a in answers.get_all("tag")]
    (2, 'cat', ['cat', 'dog'])
    """

    model_config: ClassVar[ConfigDict] = ConfigDict(**_CONFIG, extra="forbid")

    answers: Seq[Answer] = Field(
        default=(),
        description="The Answer elements of the document, in document order.",
    )

    def __iter__(self) -> Iterator[FreeTextAnswer | SelectionAnswer | UploadedFileAnswer]:  # type: ignore[override]
        return iter(self.answers)

    def __len__(self) -> int:
        return len(self.answers)

    def __contains__(self, identifier: object) -> bool:
        return any(answer.question_identifier == identifier for answer in self.answers)

    def __getitem__(self, identifier: str) -> FreeTextAnswer | SelectionAnswer | UploadedFileAnswer:
        for answer in self.answers:
            if answer.question_identifier == identifier:
                return answer
        known = list(dict.fromkeys(answer.question_identifier for answer in self.answers))
        listed = ", ".join(repr(name) for name in known[:10]) + (", ..." if len(known) > 10 else "")
        raise AnswerNotFoundError(
            f"no answer has the QuestionIdentifier {identifier!r}; "
            + (f"the identifiers are {listed}" if known else "there are no answers"),
            identifier,
        )

    def get(
        self, identifier: str, default: _T | None = None
    ) -> FreeTextAnswer | SelectionAnswer | UploadedFileAnswer | _T | None:
        """The first answer with this QuestionIdentifier, or ``default``.

        >>> parse_answers("").get("q1", "no answer")
        'no answer'
        """
        for answer in self.answers:
            if answer.question_identifier == identifier:
                return answer
        return default

    def get_all(
        self, identifier: str
    ) -> tuple[FreeTextAnswer | SelectionAnswer | UploadedFileAnswer, ...]:
        """Every answer with this QuestionIdentifier, in document order (empty when none).

        >>> parse_answers(None).get_all("q1")
        ()
        """
        return tuple(a for a in self.answers if a.question_identifier == identifier)

    def to_dict(self) -> dict[str, Any]:
        """Plain values per QuestionIdentifier, in document order, for analysis code.

        A free-text answer gives its text (``str``); a selection answer a ``list`` of its
        selection identifiers, followed by the "other" text when there is one; a file upload a
        ``dict`` with ``uploaded_file_key`` and ``uploaded_file_size_in_bytes``. An identifier
        that several answers share gives the ``list`` of their values, in document order.

        >>> QuestionFormAnswers(answers=[
        ...     FreeTextAnswer(question_identifier="q1", text="yes"),
        ...     SelectionAnswer(question_identifier="q2", selection_identifiers=["b"]),
        ... ]).to_dict()
        {'q1': 'yes', 'q2': ['b']}
        """
        result: dict[str, Any] = {}
        repeated: set[str] = set()
        for answer in self.answers:
            name = answer.question_identifier
            if name not in result:
                result[name] = answer.value
            elif name in repeated:
                result[name].append(answer.value)
            else:
                result[name] = [result[name], answer.value]
                repeated.add(name)
        return result

    def to_xml(self) -> str:
        """The answers as a QuestionFormAnswers document, as MTurk writes it (no whitespace).

        Text is escaped so that :func:`parse_answers` gives back an equal object: ``&``,
        ``<`` and ``>`` as entities, and carriage returns as ``&#13;`` (a raw CR would be read
        back as a line feed). The document is a ``str`` with a UTF-8 declaration: encode it
        with UTF-8 to write it to a file.

        >>> xml = QuestionFormAnswers(
        ...     answers=[FreeTextAnswer(question_identifier="q1", text="a < b\\r\\n")]
        ... ).to_xml()
        >>> xml[xml.index("<FreeText>") :]
        '<FreeText>a &lt; b&#13;\\n</FreeText></Answer></QuestionFormAnswers>'
        """
        parts = [
            f'<?xml version="1.0" encoding="UTF-8"?>'
            f'<QuestionFormAnswers xmlns="{QUESTION_FORM_ANSWERS_NAMESPACE}">'
        ]
        add = parts.append
        for answer in self.answers:
            add(f"<Answer><QuestionIdentifier>{_escape(answer.question_identifier)}")
            add("</QuestionIdentifier>")
            if isinstance(answer, FreeTextAnswer):
                add(f"<FreeText>{_escape(answer.text)}</FreeText>")
            elif isinstance(answer, SelectionAnswer):
                for chosen in answer.selection_identifiers:
                    add(f"<SelectionIdentifier>{_escape(chosen)}</SelectionIdentifier>")
                if answer.other_selection_text is not None:
                    add(
                        f"<OtherSelectionText>{_escape(answer.other_selection_text)}"
                        "</OtherSelectionText>"
                    )
            else:
                add(
                    f"<UploadedFileSizeInBytes>{answer.uploaded_file_size_in_bytes}"
                    f"</UploadedFileSizeInBytes><UploadedFileKey>"
                    f"{_escape(answer.uploaded_file_key)}</UploadedFileKey>"
                )
            add("</Answer>")
        add("</QuestionFormAnswers>")
        return "".join(parts)

    def crowd_answers(self) -> list[dict[str, Any]]:
        """The decoded ``taskAnswers`` of a crowd-form submission: one object per task.

        Raises :class:`~mturk_models.CrowdAnswerError` when there is no ``taskAnswers``
        free-text answer, or when its text is not a JSON array of objects. Fold crowd radio and
        checkbox groups with :func:`mturk_models.fold_choices`.

        >>> QuestionFormAnswers(answers=[FreeTextAnswer(
        ...     question_identifier="taskAnswers", text='[{"confidence":{"high":true,"low":false}}]'
        ... )]).crowd_answers()
        [{'confidence': {'high': True, 'low': False}}]
        """
        from .crowd import decode_task_answers

        found = self.get_all("taskAnswers")
        if len(found) != 1 or not isinstance(found[0], FreeTextAnswer):
            kinds = ", ".join(answer.kind for answer in found) or "none"
            raise CrowdAnswerError(
                "a crowd-form submission has exactly one free-text answer named taskAnswers; "
                f"this document has {len(found)} ({kinds})"
            )
        tasks: list[dict[str, Any]] = decode_task_answers(found[0].text)
        return tasks


_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})


def _escape(text: str) -> str:
    return text.translate(_ESCAPES)


# --- parsing ----------------------------------------------------------------------------------

_EMPTY = QuestionFormAnswers()

# Element names are interned to integer codes: code = _BASE + 2 * element + (1 if in namespace).
# The codes sit just below sys.maxsize, so ``events.insert(code, attributes)`` (the start
# handler) appends, while a name that is not in the table stays a str and makes insert raise
# TypeError, which stops the fast pass.
_ELEMENTS = (
    "QuestionFormAnswers",
    "Answer",
    "QuestionIdentifier",
    "FreeText",
    "SelectionIdentifier",
    "OtherSelectionText",
    "UploadedFileSizeInBytes",
    "UploadedFileKey",
)
_ROOT, _ANSWER, _QID, _FREE, _SEL, _OTHER, _SIZE, _KEY = range(len(_ELEMENTS))
_BASE = (sys.maxsize - 2 * len(_ELEMENTS) - 2) & ~1
_CODES: dict[str, Any] = {}
for _index, _local in enumerate(_ELEMENTS):
    _CODES[_local] = _BASE + 2 * _index
    _CODES[f"{QUESTION_FORM_ANSWERS_NAMESPACE} {_local}"] = _BASE + 2 * _index + 1
_UTF32_STARTS = (b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00", b"<\x00\x00\x00", b"\x00\x00\x00<")
_XSI = "http://www.w3.org/2001/XMLSchema-instance "
_SIZE_PATTERN = re.compile(r"\+?[0-9]+")
_NEW = object.__new__
_SET = object.__setattr__


class _Retry(Exception):
    """The fast pass met something it does not explain; the checked pass reads again."""


class _Start(dict[str, str]):
    """A start event of the checked pass: the attributes, plus the name code and position."""

    __slots__ = ("code", "column", "line")

    def __init__(self, attributes: dict[str, str], code: Any, line: int, column: int) -> None:
        super().__init__(attributes)
        self.code = code
        self.line = line
        self.column = column


_M = TypeVar("_M", bound=BaseModel)


def _trusted(cls: type[_M], fields: dict[str, Any]) -> _M:
    """Build a model from values the parser has produced and checked (what ``model_construct``
    does, without its per-field work). Public construction always validates."""
    model = _NEW(cls)
    _SET(model, "__dict__", fields)
    _SET(model, "__pydantic_fields_set__", set(fields))
    _SET(model, "__pydantic_extra__", None)
    _SET(model, "__pydantic_private__", None)
    return model


def _name(code: Any) -> str:
    """The element name a code stands for (``ns0:`` prefixes are not kept by expat)."""
    if isinstance(code, int):
        return _ELEMENTS[(code - _BASE) >> 1]
    uri, _, local = str(code).rpartition(" ")
    return f"{{{uri}}}{local}" if uri else local


def _fail(start: Any, message: str) -> NoReturn:
    """Raise the MalformedAnswerError for an element of the checked pass (_Retry in the fast)."""
    if not isinstance(start, _Start):
        raise _Retry
    element = _name(start.code)
    raise MalformedAnswerError(
        f"{message} (element {element} at line {start.line}, column {start.column})",
        element=element,
        line=start.line,
        column=start.column,
    )


def _assemble(events: list[Any]) -> QuestionFormAnswers:
    """Check the events of one document against the schema and build the answers.

    Events: a dict for each start tag (a :class:`_Start` in the checked pass), an int code for
    each end tag, a str for each run of text. expat has already checked that tags nest. In the
    fast pass every failure raises :class:`_Retry`; in the checked pass it raises the
    :class:`MalformedAnswerError` for the element concerned.
    """
    answers: list[Any] = []
    depth = 0
    ns = -1  # the namespace flag (1: in the namespace) of the first end tag; all must share it
    opened: list[Any] = [None, None, None, None]  # the start event open at each depth
    texts: list[str] = []
    # The Answer being read: its kind (one of _FREE, _SEL, _SIZE, or None yet) and values.
    kind: int | None = None
    qid = free = other = key = None
    selections: list[str] = []
    size = -1
    for event in events:
        cls = event.__class__
        if cls is str:
            if depth == 3:
                texts.append(event)
            elif event.strip(_WS):
                where = "QuestionFormAnswers" if depth == 1 else "Answer"
                _fail(opened[depth], f"text {event.strip(_WS)[:40]!r} directly inside {where}")
        elif cls is int:
            element = (event - _BASE) >> 1
            if (event & 1) != ns:
                if ns >= 0:
                    _fail(opened[depth], "every element must be in the namespace of the root")
                ns = event & 1
            if depth == 3:
                text = texts[0] if len(texts) == 1 else "".join(texts)
                texts = []
                if element == _QID:
                    if qid is not None:
                        _fail(opened[3], "an Answer holds one QuestionIdentifier")
                    qid = text.strip(_WS)
                    if not qid:
                        _fail(opened[3], "the QuestionIdentifier is empty")
                    depth = 2
                    continue
                group = _GROUP.get(element)
                if group is None:
                    _fail(opened[3], "this element cannot be inside Answer")
                if kind is None:
                    kind = group
                elif kind != group:
                    _fail(opened[3], _MIXED)
                if element == _FREE:
                    if free is not None:
                        _fail(opened[3], "an Answer holds one FreeText")
                    free = text
                elif element == _SEL:
                    text = text.strip(_WS)
                    if not text:
                        _fail(opened[3], "the SelectionIdentifier is empty")
                    selections.append(text)
                elif element == _OTHER:
                    if other is not None:
                        _fail(opened[3], "an Answer holds one OtherSelectionText")
                    other = text
                elif element == _SIZE:
                    text = text.strip(_WS)
                    if size >= 0:
                        _fail(opened[3], "an Answer holds one UploadedFileSizeInBytes")
                    if _SIZE_PATTERN.fullmatch(text) is None:
                        _fail(opened[3], f"the file size must be an integer; got {text!r}")
                    size = int(text)
                else:  # _KEY
                    if key is not None:
                        _fail(opened[3], "an Answer holds one UploadedFileKey")
                    key = text.strip(_WS)
                    if not key:
                        _fail(opened[3], "the UploadedFileKey is empty")
            elif depth == 2:
                if element != _ANSWER:
                    _fail(opened[2], "QuestionFormAnswers holds only Answer elements")
                if qid is None:
                    _fail(opened[2], "the Answer has no QuestionIdentifier")
                if kind == _FREE:
                    fields: dict[str, Any] = {
                        "question_identifier": qid,
                        "kind": "free_text",
                        "text": free,
                    }
                    answers.append(_trusted(FreeTextAnswer, fields))
                    free = None
                elif kind == _SIZE:
                    if size < 0 or key is None:
                        _fail(opened[2], _UPLOAD)
                    fields = {
                        "question_identifier": qid,
                        "kind": "uploaded_file",
                        "uploaded_file_key": key,
                        "uploaded_file_size_in_bytes": size,
                    }
                    answers.append(_trusted(UploadedFileAnswer, fields))
                    size = -1
                    key = None
                else:
                    fields = {
                        "question_identifier": qid,
                        "kind": "selection",
                        "selection_identifiers": tuple(selections),
                        "other_selection_text": other,
                    }
                    answers.append(_trusted(SelectionAnswer, fields))
                    selections = []
                    other = None
                qid = None
                kind = None
            elif element != _ROOT:
                _fail(opened[1], _ROOT_MESSAGE)
            depth -= 1
        else:  # a start tag
            depth += 1
            if depth > 3:
                _fail(event, f"{_label(opened[3])} holds only text, not elements")
            if isinstance(event, _Start):
                _check_place(event, depth)
            if event and (depth > 1 or any(not str(n).startswith(_XSI) for n in event)):
                _fail(event, _attribute_message(event))
            opened[depth] = event
    if depth:
        # Only the checked pass can stop early; a complete document always closes its root.
        _fail(opened[depth], "the document ends inside this element")
    return _trusted(QuestionFormAnswers, {"answers": tuple(answers)})


def _known(code: Any) -> bool:
    return isinstance(code, int)


def _check_place(start: _Start, depth: int) -> None:
    """In the checked pass, refuse an element where the schema has no place for it."""
    if not _known(start.code):
        _fail(
            start,
            _ROOT_MESSAGE if depth == 1 else "this is not an element of QuestionFormAnswers",
        )
    element = (start.code - _BASE) >> 1
    if depth == 1 and element != _ROOT:
        _fail(start, _ROOT_MESSAGE)
    if depth == 2 and element != _ANSWER:
        _fail(start, "QuestionFormAnswers holds only Answer elements")
    if depth == 3 and element in (_ROOT, _ANSWER):
        _fail(start, "this element cannot be inside Answer")


_GROUP = {_FREE: _FREE, _SEL: _SEL, _OTHER: _SEL, _SIZE: _SIZE, _KEY: _SIZE}
_UPLOAD = "a file upload answer holds both UploadedFileSizeInBytes and UploadedFileKey"
_MIXED = (
    "an Answer holds one kind of answer: FreeText, or SelectionIdentifier and "
    "OtherSelectionText, or UploadedFileSizeInBytes and UploadedFileKey"
)


def _label(start: Any) -> str:
    """The element name of a start event (only the checked pass knows it)."""
    return _name(start.code) if isinstance(start, _Start) else "an element"


_ROOT_MESSAGE = (
    "the root element must be QuestionFormAnswers in the namespace "
    f"{QUESTION_FORM_ANSWERS_NAMESPACE} or in no namespace"
)


def _attribute_message(start: Any) -> str:
    names = ", ".join(_name(name) for name in start)
    return f"QuestionFormAnswers elements carry no attributes; got {names}"


def _parse_fast(data: str | bytes) -> QuestionFormAnswers:
    """The fast pass: C-level handlers fill one event list; raises _Retry when in doubt."""
    events: list[Any] = []
    parser = secure_parser(" ", intern=dict(_CODES))
    parser.buffer_text = True
    parser.buffer_size = 65536
    parser.StartElementHandler = cast(Any, events.insert)
    parser.EndElementHandler = events.append
    parser.CharacterDataHandler = events.append
    try:
        parser.Parse(data, True)
    except TypeError:  # a start tag whose name is not in the table
        raise _Retry from None
    return _assemble(events)


def _parse_checked(data: str | bytes) -> QuestionFormAnswers:
    """The checked pass: Python handlers record every start tag's position."""
    events: list[Any] = []
    parser = secure_parser(" ", intern=dict(_CODES))
    parser.buffer_text = True

    def start(name: Any, attributes: dict[str, str]) -> None:
        events.append(
            _Start(attributes, name, parser.CurrentLineNumber, parser.CurrentColumnNumber)
        )
        if not _known(name):
            raise _Retry  # stop here: _assemble explains the last event

    parser.StartElementHandler = start
    parser.EndElementHandler = events.append
    parser.CharacterDataHandler = events.append
    with contextlib.suppress(_Retry):
        parser.Parse(data, True)
    return _assemble(events)


def parse_answers(xml: str | bytes | None) -> QuestionFormAnswers:
    """Parse a QuestionFormAnswers document (an Assignment's ``Answer``) into typed answers.

    ``None``, ``""`` and whitespace give an empty :class:`QuestionFormAnswers`. ``bytes`` may
    be in any encoding their XML declaration names (UTF-8 with or without BOM, UTF-16 with a
    BOM, ASCII with character references, ...). The documented namespace, the same namespace
    with a prefix, and no namespace at all are read alike. Whitespace around the document is
    ignored; identifiers and file keys are stripped, free text never is.

    Raises :class:`~mturk_models.UnsafeXMLError` for a DTD, entity declaration or external
    reference, and :class:`~mturk_models.MalformedAnswerError` (with ``element``, ``line`` and
    ``column``) for anything else that is not a valid answer document. Both are
    :class:`~mturk_models.AnswerParseError` and :class:`ValueError`; no other exception escapes
    for ``str``, ``bytes`` or ``None`` input (``TypeError`` for other types).

    >>> answers = parse_answers(
    ...     "<QuestionFormAnswers><Answer><QuestionIdentifier>color</QuestionIdentifier>"
    ...     "<SelectionIdentifier>red</SelectionIdentifier>"
    ...     "<SelectionIdentifier>blue</SelectionIdentifier></Answer></QuestionFormAnswers>"
    ... )
    >>> answers["color"].selection_identifiers
    ('red', 'blue')
    """
    if xml is None:
        return _EMPTY
    if not isinstance(xml, (str, bytes)):
        raise TypeError(f"parse_answers reads str or bytes, not {type(xml).__name__}")
    try:
        data = prepare(xml)
        if not data:
            return _EMPTY
        if isinstance(data, bytes) and data.startswith(_UTF32_STARTS):
            data = decode_declared(data)
        try:
            return _parse_fast(data)
        except ValueError as exc:
            # pyexpat reads single-byte codecs only; decode the others in Python.
            if not isinstance(data, bytes) or "multi-byte" not in str(exc):
                raise
            data = decode_declared(data)
            return _parse_fast(data)
    except _Retry:
        return _parse_checked(data)
    except (UnsafeXMLError, MalformedAnswerError):
        raise
    except ExpatError as exc:
        raise MalformedAnswerError(
            f"the answer document is not well-formed XML: {exc}",
            line=exc.lineno,
            column=exc.offset,
        ) from exc
    except (ValueError, LookupError, RecursionError) as exc:  # UnicodeError is a ValueError
        raise MalformedAnswerError(f"the answer document cannot be read: {exc}") from exc
