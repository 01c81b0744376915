"""Answers: the QuestionFormAnswers document of an Assignment, parsed into typed answers.

:func:`parse_answers` reads the ``Answer`` string that GetAssignment and ListAssignmentsForHIT
return (namespace :data:`QUESTION_FORM_ANSWERS_NAMESPACE`) into a :class:`QuestionFormAnswers`
of :class:`FreeTextAnswer`, :class:`SelectionAnswer` and :class:`UploadedFileAnswer`.

Safety: every document is read in full by the library's one safe XML reader
(:mod:`mturk_models.documents._xml`) through
:func:`~mturk_models.documents._xml.secure_parser`, before any value is taken from it. That is a
bare pyexpat parser carrying exactly the handlers that ``defusedxml``
installs with ``forbid_dtd``, ``forbid_entities`` and ``forbid_external``: any DOCTYPE, entity
declaration or external reference raises :class:`~mturk_models.exceptions.UnsafeXMLError` as
soon as expat meets it, and parameter entities are never parsed. It is the same expat parser
with the same handlers that ``defusedxml.ElementTree.fromstring`` drives, without building an
ElementTree, so the guarantees are exactly defusedxml's; there is no option to switch them
off. XInclude elements are refused too (:class:`~mturk_models.exceptions.UnsafeXMLError`); no
reader of the library ever processes them.

Speed: a handler-free expat pass costs what a bare parse costs, and Python handlers called for
every element cost several times more. So after the checking pass, a document in the shape MTurk
writes (declaration, root in the documented namespace, Answer elements with only the known
children, text without markup) is read by one anchored regular expression per Answer, and
its models are built without re-validating what expat and the expression have already checked
(models that users build always validate). Character references (MTurk's ASCII documents carry
one for every character outside ASCII) are decoded by expat itself: the texts that hold them
are read again, all in one small document, so their decoding is the general reader's by
construction, and costs one parse per document instead of a Python call per reference.
Every other document (a prefix such as ``ns0:``, no namespace, comments, CDATA, anything
malformed) is read from expat's events by Python handlers that record where each element
starts; that reader holds every schema rule and raises the
:class:`~mturk_models.exceptions.MalformedAnswerError` naming the element, its line and its
column. The tests check that both readers give equal results on generated and mutated
documents.

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
from collections.abc import Callable, Iterator
from typing import Annotated, Any, Literal, NoReturn, TypeVar

from pydantic import BaseModel, Field

from .._base import Document
from .._errors import shown
from .._types import XML_WHITESPACE as _WS
from .._types import Count, Seq
from ..exceptions import (
    AnswerNotFoundError,
    CrowdAnswerError,
    MalformedAnswerError,
    UnsafeXMLError,
)
from ._xml import (
    XINCLUDE_NAMESPACES,
    AnswerIdentifier,
    ExpatError,
    XmlText,
    at_line,
    expat_reason,
    prepare,
    secure_parser,
    unsafe_xinclude,
)

_T = TypeVar("_T")
_M = TypeVar("_M", bound=BaseModel)

__all__ = [
    "QUESTION_FORM_ANSWERS_NAMESPACE",
    "Answer",
    "FreeTextAnswer",
    "QuestionFormAnswers",
    "SelectionAnswer",
    "UploadedFileAnswer",
    "parse_answers",
]

_MAX_FILE_SIZE = 10**18 - 1  # the readers' limit: 18 digits (MTurk caps uploads far lower)

QUESTION_FORM_ANSWERS_NAMESPACE = (
    "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/"
    "QuestionFormAnswers.xsd"
)
"""The namespace of QuestionFormAnswers documents (API reference, "Schema locations")."""


def _restore(cls: type[_M], fields: dict[str, Any], fields_set: set[str] | None) -> _M:
    """Unpickle an answer model or :class:`QuestionFormAnswers` (see ``__reduce__``)."""
    model = _NEW(cls)
    _SET(model, "__dict__", fields)
    _SET_FIELDS_SET(model, set(fields) if fields_set is None else fields_set)
    _SET_EXTRA(model, None)
    _SET_PRIVATE(model, None)
    return model


class _Pickled(Document):
    """Pickles as its field values only (the answer models and QuestionFormAnswers).

    pydantic's own pickling calls ``__getstate__`` and ``__setstate__``, Python functions that
    copy four attributes, for every answer of every document: about 10 us to pickle and 10 us to
    unpickle a document of six answers, several times what a dict of the same values costs.
    These models have no extra fields and no private attributes, so the field values and
    (only when it is not every field) the set of fields given are the whole state.
    """

    def __reduce__(self) -> tuple[Any, ...]:
        fields = self.__dict__
        fields_set = self.__pydantic_fields_set__
        return (
            _restore,
            (type(self), fields, None if len(fields_set) == len(fields) else fields_set),
        )


class _AnswerBase(_Pickled):
    """Fields and behaviour shared by the three answer kinds (parts of a document, so they
    have no ``to_xml()`` of their own)."""

    question_identifier: AnswerIdentifier = Field(
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
    text: XmlText = Field(
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
    selection_identifiers: Seq[AnswerIdentifier] = Field(
        default=(),
        description="The identifiers of the selections the Worker chose, in document order "
        "(SelectionIdentifier elements).",
    )
    other_selection_text: XmlText | None = Field(
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
    uploaded_file_key: AnswerIdentifier = Field(
        description="The key MTurk gave the uploaded file (Worker ID/HIT ID/Assignment ID/"
        "question/file name); GetFileUploadURL turns it into a download URL."
    )
    uploaded_file_size_in_bytes: Count = Field(
        le=_MAX_FILE_SIZE,
        description="The size of the uploaded file in bytes (at most 18 digits, as the "
        "readers take it).",
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


def _restore_answers(
    answers: tuple[tuple[type[_M], dict[str, Any], set[str] | None], ...],
    fields_set: set[str] | None,
) -> QuestionFormAnswers:
    """Unpickle a :class:`QuestionFormAnswers` and its answers in one call."""
    new, set_fields_set, set_extra, set_private = _NEW, _SET_FIELDS_SET, _SET_EXTRA, _SET_PRIVATE
    every_field = _EVERY_FIELD
    restored = []
    for cls, fields, answer_fields_set in answers:
        answer = new(cls)
        _SET(answer, "__dict__", fields)
        set_fields_set(answer, every_field[cls] if answer_fields_set is None else answer_fields_set)
        set_extra(answer, None)
        set_private(answer, None)
        restored.append(answer)
    return _restore(QuestionFormAnswers, {"answers": tuple(restored)}, fields_set)


class QuestionFormAnswers(_Pickled):
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

    answers: Seq[Answer] = Field(
        default=(),
        description="The Answer elements of the document, in document order.",
    )

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle the answers' values in one piece: one Python call per document each way,
        instead of one per answer (see ``_Pickled``)."""
        answers = []
        for answer in self.answers:
            fields = answer.__dict__
            fields_set = answer.__pydantic_fields_set__
            answers.append(
                (type(answer), fields, None if len(fields_set) == len(fields) else fields_set)
            )
        fields_set = self.__pydantic_fields_set__
        return (_restore_answers, (tuple(answers), None if len(fields_set) == 1 else fields_set))

    def __iter__(self) -> Iterator[FreeTextAnswer | SelectionAnswer | UploadedFileAnswer]:  # type: ignore[override]
        return iter(self.answers)

    def __len__(self) -> int:
        return len(self.answers)

    def __contains__(self, item: object) -> bool:
        """``"q1" in answers`` tests for a QuestionIdentifier; an answer object tests for itself."""
        if isinstance(item, str):
            return any(answer.question_identifier == item for answer in self.answers)
        return item in self.answers

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
        with UTF-8 to write it to a file. Characters that XML 1.0 cannot carry never reach
        this point: the answer models refuse them when they are built.

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
#
# parse_answers: expat (secure_parser, no content handlers) checks the whole document first;
# then _read_canonical takes the values of a document in MTurk's shape, or returns None. Any
# other document, and any document that fails the check, goes to _parse with _read_events,
# which reads expat's events with every schema rule and the positions for the error messages
# (and raises the check's error again for a document that failed it). See the module docstring.

_EMPTY = QuestionFormAnswers()
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
# pyexpat interns names through this table: element names become codes 2 * element + 1 in the
# namespace and 2 * element without one; unknown names stay strings.
_CODES: dict[str, Any] = {}
for _index, _local in enumerate(_ELEMENTS):
    _CODES[_local] = 2 * _index
    _CODES[f"{QUESTION_FORM_ANSWERS_NAMESPACE} {_local}"] = 2 * _index + 1
_GROUP = {_FREE: _FREE, _SEL: _SEL, _OTHER: _SEL, _SIZE: _SIZE, _KEY: _SIZE}
_XSI = "http://www.w3.org/2001/XMLSchema-instance "
_SIZE_PATTERN = re.compile(r"\+?0*[0-9]{1,18}")
_SIZE_RULE = "the file size must be a whole number of bytes, at most 18 digits"
_UPLOAD = "a file upload answer holds both UploadedFileSizeInBytes and UploadedFileKey"
_MIXED = (
    "an Answer holds one kind of answer: FreeText, or SelectionIdentifier and "
    "OtherSelectionText, or UploadedFileSizeInBytes and UploadedFileKey"
)
_ROOT_MESSAGE = (
    "the root element must be QuestionFormAnswers in the namespace "
    f"{QUESTION_FORM_ANSWERS_NAMESPACE} or in no namespace"
)
_NEW = object.__new__
_SET = object.__setattr__
# The setters of BaseModel's slots: calling them directly is faster than object.__setattr__.
_SET_FIELDS_SET = BaseModel.__dict__["__pydantic_fields_set__"].__set__
# The fields set of every parsed answer of one kind is one shared set: pydantic never changes a
# frozen model's set in place (model_copy copies it first), and sharing saves the fast reader an
# allocation per answer. The tests check that model_copy leaves the shared sets alone.
_ANSWERS_FIELDS = {"answers"}
_FREE_TEXT_FIELDS = {"question_identifier", "kind", "text"}
_SELECTION_FIELDS = {"question_identifier", "kind", "selection_identifiers", "other_selection_text"}
_UPLOAD_FIELDS = {
    "question_identifier",
    "kind",
    "uploaded_file_key",
    "uploaded_file_size_in_bytes",
}
_EVERY_FIELD: dict[type[BaseModel], set[str]] = {
    FreeTextAnswer: _FREE_TEXT_FIELDS,
    SelectionAnswer: _SELECTION_FIELDS,
    UploadedFileAnswer: _UPLOAD_FIELDS,
}
_SET_EXTRA = BaseModel.__dict__["__pydantic_extra__"].__set__
_SET_PRIVATE = BaseModel.__dict__["__pydantic_private__"].__set__


def _trusted(cls: type[_M], fields: dict[str, Any]) -> _M:
    """Build a model from values the parser has produced and checked.

    This is what ``model_construct`` does, without its per-field Python work; ``fields`` is in
    the order of the model's fields. Models built by users always validate.
    """
    model = _NEW(cls)
    _SET(model, "__dict__", fields)
    _SET_FIELDS_SET(model, set(fields))
    _SET_EXTRA(model, None)
    _SET_PRIVATE(model, None)
    return model


def _free_text(qid: str, text: str) -> FreeTextAnswer:
    return _trusted(FreeTextAnswer, {"question_identifier": qid, "kind": "free_text", "text": text})


def _selection(qid: str, chosen: tuple[str, ...], other: str | None) -> SelectionAnswer:
    fields = {
        "question_identifier": qid,
        "kind": "selection",
        "selection_identifiers": chosen,
        "other_selection_text": other,
    }
    return _trusted(SelectionAnswer, fields)


def _upload(qid: str, key: str, size: int) -> UploadedFileAnswer:
    fields = {
        "question_identifier": qid,
        "kind": "uploaded_file",
        "uploaded_file_key": key,
        "uploaded_file_size_in_bytes": size,
    }
    return _trusted(UploadedFileAnswer, fields)


# --- the canonical shape: expat checks, one regular expression per Answer reads ----------------

_S = "[ \t\r\n]*"
_NS_VALUE = re.escape(QUESTION_FORM_ANSWERS_NAMESPACE)
# One Answer in MTurk's shape. A group that starts with a tag is a marker (findall gives "" for a
# group that did not take part); the last group is the whole Answer, to check that the Answers
# found cover the document's body with nothing between them.
# An identifier (QuestionIdentifier, SelectionIdentifier, UploadedFileKey) as MTurk writes it: no
# whitespace around it, no reference, no CR, so the loop takes it as it is. Any other identifier
# is read (stripped, references replaced) by the general reader.
_PLAIN_ID = "[^<& \t\r\n](?:[^<&\r]*[^<& \t\r\n])?"
_ID = f"({_PLAIN_ID})"
_ANSWER_SHAPE = re.compile(
    # Whitespace is matched only right before a tag, never twice in a row, so that a document
    # that almost has this shape fails in linear time (no two runs share the same spaces).
    rf"(<Answer>{_S}<QuestionIdentifier>{_ID}</QuestionIdentifier>(?:"
    rf"{_S}(<FreeText>([^<]*)</FreeText>|<FreeText/>)"
    rf"|{_S}<UploadedFileSizeInBytes>([0-9]{{1,18}})</UploadedFileSizeInBytes>"
    rf"{_S}<UploadedFileKey>{_ID}</UploadedFileKey>"
    rf"|(?:{_S}<SelectionIdentifier>{_ID}</SelectionIdentifier>"
    rf"((?:{_S}<SelectionIdentifier>{_PLAIN_ID}</SelectionIdentifier>)*))?"
    rf"(?:{_S}(<OtherSelectionText>)([^<]*)</OtherSelectionText>)?"
    rf"){_S}</Answer>{_S})"
)
_HEAD_SHAPE = re.compile(
    rf"(?:<\?xml[^>]*\?>)?{_S}<QuestionFormAnswers xmlns=(?:\"{_NS_VALUE}\"|'{_NS_VALUE}')>{_S}"
)
_END_TAG = "</QuestionFormAnswers>"
# The two heads MTurk writes (ASCII today, UTF-8 before), as _HEAD_SHAPE reads them; they have
# the same length.
_MTURK_HEADS = tuple(
    f'<?xml version="1.0" encoding="{name}"?><QuestionFormAnswers xmlns="'
    f'{QUESTION_FORM_ANSWERS_NAMESPACE}">'
    for name in ("ASCII", "UTF-8")
)
_MTURK_HEAD_LENGTH = len(_MTURK_HEADS[0])
_SELECTION_SHAPE = re.compile(f"<SelectionIdentifier>({_PLAIN_ID})</SelectionIdentifier>")
# The declarations MTurk writes (ASCII today, UTF-8 before), and any other encoding declaration
# whose bytes decode as UTF-8 (ASCII is a subset of it).
_UTF8_DECLARATIONS = (
    b'<?xml version="1.0" encoding="ASCII"?>',
    b'<?xml version="1.0" encoding="UTF-8"?>',
    b'<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
)
_UTF8_DECLARED = re.compile(rb"encoding\s*=\s*[\"'](?:utf-?8|(?:us-)?ascii)[\"']", re.IGNORECASE)


def _content(raw: str) -> str:
    """Element text as expat reports it, for text without character references other than
    ``&#13;``: line ends normalised, then ``&#13;`` and the five predefined entities replaced.

    Text with any other character reference is decoded by :func:`_decode` instead. Entities
    are replaced in one pass in effect: ``&amp;`` last, so ``&amp;lt;`` stays ``&lt;``.
    """
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    if "&" in raw:
        # Textarea line breaks, the common case; "\r" contains no "&", so this is safe.
        raw = raw.replace("&#13;", "\r")
        if "&" in raw:  # the five entities only: "&amp;" last, so "&amp;lt;" stays "&lt;"
            raw = raw.replace("&lt;", "<").replace("&gt;", ">")
            if "&" in raw:  # most escaped text (markup typed by Workers) is done here
                raw = raw.replace("&quot;", '"').replace("&apos;", "'").replace("&amp;", "&")
    return raw


def _decode(pieces: list[str]) -> list[str] | None:
    """The texts of elements that carry character references, decoded by expat in one pass.

    Each piece is the raw text of one element of a document the safe reader has just read in
    full (so every reference in it is valid, and it holds no markup, hence no DOCTYPE): the
    pieces are read again as the children of one small document, so expat's decoding is, by
    construction, the general reader's. Its text buffer is made large enough for every piece
    (decoded text is never longer in UTF-8 than four bytes per character written), so the end
    of each child flushes exactly one piece. One parse for all the pieces of a document costs
    less than one ``re.sub`` with a Python replacement function, whatever the number of
    references. ``None`` (never seen) if the pieces did not come back one for one.
    """
    parser = secure_parser()
    parser.buffer_text = True
    size = 4 * sum(map(len, pieces))
    if size > parser.buffer_size:
        parser.buffer_size = size
    decoded: list[str] = []
    parser.CharacterDataHandler = decoded.append
    parser.EndElementHandler = len  # only to flush the buffer at the end of each piece
    parser.Parse(f"<p><b>{'</b><b>'.join(pieces)}</b></p>", True)
    return decoded if len(decoded) == len(pieces) else None


def _read_canonical(text: str) -> QuestionFormAnswers | None:
    """The answers of a document in MTurk's shape (checked by expat before); None otherwise.

    This loop runs for every answer of every document, so it builds the models inline, as
    :func:`_trusted` does (filling the instance dictionary in field order). Text without ``&``
    or CR is taken as it is; text whose only character references are ``&#13;`` is read by
    :func:`_content` (a few ``str.replace``); text with any other character reference (what
    MTurk writes for every character outside ASCII) is collected and decoded at the end by
    :func:`_decode`, one expat pass for the whole document.
    """
    if text.startswith(_MTURK_HEADS) and text[_MTURK_HEAD_LENGTH : _MTURK_HEAD_LENGTH + 1] == "<":
        start = _MTURK_HEAD_LENGTH  # what MTurk writes: no regular expression needed
    else:
        head = _HEAD_SHAPE.match(text)
        if head is None:
            return None
        start = head.end()
    end = len(text.rstrip(_WS)) - len(_END_TAG)
    if end < start or not text.startswith(_END_TAG, end):
        return None
    answers: list[FreeTextAnswer | SelectionAnswer | UploadedFileAnswer] = []
    add = answers.append
    new = _NEW
    set_fields_set, set_extra, set_private = _SET_FIELDS_SET, _SET_EXTRA, _SET_PRIVATE
    free_text_fields, selection_fields, upload_fields = (
        _FREE_TEXT_FIELDS,
        _SELECTION_FIELDS,
        _UPLOAD_FIELDS,
    )
    free_text, selection, upload = FreeTextAnswer, SelectionAnswer, UploadedFileAnswer
    covered = start
    content, split_selections = _content, _SELECTION_SHAPE.findall
    pending: list[str] = []  # texts with character references, for _decode
    targets: list[tuple[dict[str, Any], str]] = []  # the field each of them goes to
    for (
        whole,
        qid,
        free_tag,
        free,
        size,
        key,
        first,
        more,
        other_tag,
        other,
    ) in _ANSWER_SHAPE.findall(text, start, end):
        covered += len(whole)
        answer: Any
        if free_tag:
            answer = new(free_text)
            fields = answer.__dict__
            fields["question_identifier"] = qid
            fields["kind"] = "free_text"
            if "&" in free or "\r" in free:
                if free.count("&#") != free.count("&#13;"):
                    pending.append(free)
                    targets.append((fields, "text"))
                else:
                    free = content(free)
            fields["text"] = free
            set_fields_set(answer, free_text_fields)
        elif size:
            answer = new(upload)
            fields = answer.__dict__
            fields["question_identifier"] = qid
            fields["kind"] = "uploaded_file"
            fields["uploaded_file_key"] = key
            fields["uploaded_file_size_in_bytes"] = int(size)
            set_fields_set(answer, upload_fields)
        else:
            selections: tuple[str, ...] = ()
            if first:
                selections = (first, *split_selections(more)) if more else (first,)
            answer = new(selection)
            fields = answer.__dict__
            fields["question_identifier"] = qid
            fields["kind"] = "selection"
            fields["selection_identifiers"] = selections
            if other_tag and ("&" in other or "\r" in other):
                if other.count("&#") != other.count("&#13;"):
                    pending.append(other)
                    targets.append((fields, "other_selection_text"))
                else:
                    other = content(other)
            fields["other_selection_text"] = other if other_tag else None
            set_fields_set(answer, selection_fields)
        set_extra(answer, None)
        set_private(answer, None)
        add(answer)
    if covered != end:
        return None
    if pending:
        decoded = _decode(pending)
        if decoded is None:  # pragma: no cover - see _decode
            return None
        for (fields, name), value in zip(targets, decoded, strict=True):
            fields[name] = value
    result: QuestionFormAnswers = new(QuestionFormAnswers)
    result.__dict__["answers"] = tuple(answers)
    set_fields_set(result, _ANSWERS_FIELDS)
    set_extra(result, None)
    set_private(result, None)
    return result


# --- every other document: expat's events, with positions ----------------------------------


class _Start(dict[Any, str]):
    """A start tag: its attributes, plus the code of its name, its position and (once
    :func:`_assemble` has met it) its path, ``QuestionFormAnswers/Answer[2]/FreeText[1]``."""

    __slots__ = ("code", "column", "line", "path")

    def __init__(self, attributes: dict[Any, str], code: Any, line: int, column: int) -> None:
        super().__init__(attributes)
        self.code = code
        self.line = line
        self.column = column
        self.path = ""  # pragma: no mutate (always set by _assemble before it is read)


class _Stop(Exception):
    """An element that is not part of the schema: stop reading, the events so far explain it."""


def _name(code: Any) -> str:
    """The name of an element or attribute code, ``{namespace}local`` outside the schema."""
    if isinstance(code, int):
        return _ELEMENTS[code >> 1]
    uri, _, local = str(code).rpartition(" ")
    return f"{{{uri}}}{local}" if uri else local


def _fail(start: _Start, message: str) -> NoReturn:
    element = _name(start.code)
    raise MalformedAnswerError(
        f"{message} (element {element} at line {start.line}, column {start.column})",
        element=element,
        location=start.path or element,
        line=start.line,
        column=start.column,
    )


def _check_start(start: _Start, depth: int) -> None:
    """Refuse an element where the schema has no place for it, or one with attributes."""
    code = start.code
    if not isinstance(code, int):
        _fail(start, _ROOT_MESSAGE if depth == 1 else "this is not a QuestionFormAnswers element")
    element = code >> 1
    if depth == 1 and element != _ROOT:
        _fail(start, _ROOT_MESSAGE)
    if depth == 2 and element != _ANSWER:
        _fail(start, "QuestionFormAnswers holds only Answer elements")
    if depth == 3 and element in (_ROOT, _ANSWER):
        _fail(start, "this element cannot be inside Answer")
    unexpected = [_name(n) for n in start if depth > 1 or not str(n).startswith(_XSI)]
    if unexpected:
        _fail(start, f"the element carries no attributes; got {', '.join(unexpected)}")


def _assemble(events: list[Any]) -> QuestionFormAnswers:
    """Check a document's events against the schema and build the answers.

    Events: a :class:`_Start` per start tag, the name code per end tag, a str per run of text;
    expat has checked that tags nest, so each end tag closes the last open start tag.
    """
    answers: list[FreeTextAnswer | SelectionAnswer | UploadedFileAnswer] = []
    depth = 0
    ns = -1  # 1 when the elements are in the namespace, 0 when not; every element agrees
    opened: list[Any] = [None, None, None, None]  # the start tag open at each depth
    siblings: list[dict[str, int]] = [{}, {}, {}, {}, {}]  # names met so far, by depth
    texts: list[str] = []
    # The Answer being read: its kind (_FREE, _SEL or _SIZE; None before any value), values.
    kind: int | None = None
    qid: str | None = None
    free: str | None = None
    other: str | None = None
    key: str | None = None
    selections: list[str] = []
    size = -1
    for event in events:
        cls = event.__class__
        if cls is str:
            if depth == 3:
                texts.append(event)
            elif event.strip(_WS):
                _fail(opened[depth], f"text {shown(event.strip(_WS))} directly in this element")
        elif cls is _Start:
            # The path, as every reader writes it: the root, then name[n] among its siblings.
            local = _name(event.code).rpartition("}")[2]
            if depth:
                seen = siblings[depth]
                seen[local] = number = seen.get(local, 0) + 1
                event.path = f"{opened[depth].path}/{local}[{number}]"
            else:
                event.path = local
            siblings[depth + 1] = {}
            if str(event.code).startswith(XINCLUDE_NAMESPACES):
                unsafe_xinclude(_name(event.code), line=event.line, column=event.column)
            depth += 1
            if depth > 3:
                _fail(event, f"{_name(opened[3].code)} holds only text, not elements")
            _check_start(event, depth)
            if event.code & 1 != ns:
                if ns >= 0:
                    _fail(event, "every element must be in the namespace of the root element")
                ns = event.code & 1
            opened[depth] = event
        elif depth == 3:  # the end of a value element
            element = event >> 1
            text = "".join(texts)
            texts = []
            depth = 2
            if element == _QID:
                if qid is not None:
                    _fail(opened[3], "an Answer holds one QuestionIdentifier")
                if kind is not None:
                    _fail(opened[3], "the QuestionIdentifier comes first in an Answer")
                qid = text.strip(_WS)
                if not qid:
                    _fail(opened[3], "the QuestionIdentifier is empty")
                continue
            group = _GROUP[element]
            if kind is None:
                kind = group
            elif kind != group:
                _fail(opened[3], _MIXED)
            if element == _FREE:
                if free is not None:
                    _fail(opened[3], "an Answer holds one FreeText")
                free = text
            elif element == _SEL:
                if other is not None:
                    _fail(opened[3], "OtherSelectionText comes after every SelectionIdentifier")
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
                if key is not None:
                    _fail(opened[3], "UploadedFileSizeInBytes comes before UploadedFileKey")
                if _SIZE_PATTERN.fullmatch(text) is None:
                    _fail(opened[3], f"{_SIZE_RULE}; got {shown(text)}")
                size = int(text)
            else:
                if key is not None:
                    _fail(opened[3], "an Answer holds one UploadedFileKey")
                key = text.strip(_WS)
                if not key:
                    _fail(opened[3], "the UploadedFileKey is empty")
        elif depth == 2:  # the end of an Answer
            if qid is None:
                _fail(opened[2], "the Answer has no QuestionIdentifier")
            if kind == _FREE:
                answers.append(_free_text(qid, free or ""))
            elif kind == _SIZE:
                if size < 0 or key is None:
                    _fail(opened[2], _UPLOAD)
                answers.append(_upload(qid, key, size))
            else:
                answers.append(_selection(qid, tuple(selections), other))
            kind = qid = free = other = key = None
            selections = []
            size = -1
            depth = 1
        else:  # the end of the root
            depth = 0
    # Reading stops only at an element outside the schema (_read_events), whose start the loop
    # has just refused; otherwise expat has seen every element closed.
    return _trusted(QuestionFormAnswers, {"answers": tuple(answers)})


def _read_events(data: str | bytes) -> QuestionFormAnswers:
    events: list[Any] = []
    parser = secure_parser(" ", intern=dict(_CODES))
    parser.buffer_text = True

    def start(code: Any, attributes: dict[Any, str]) -> None:
        line, column = parser.CurrentLineNumber, parser.CurrentColumnNumber
        events.append(_Start(attributes, code, line, column))
        if not isinstance(code, int):
            raise _Stop

    parser.StartElementHandler = start
    parser.EndElementHandler = events.append
    parser.CharacterDataHandler = events.append
    try:
        with contextlib.suppress(_Stop):
            parser.Parse(data, True)
    except UnsafeXMLError as exc:  # a DOCTYPE or an entity: say on which line
        raise at_line(exc, parser) from None
    return _assemble(events)


def _utf8_text(data: bytes) -> str | None:
    """The document as str when its bytes are UTF-8 (or ASCII, a subset), else None."""
    if not data.startswith(_UTF8_DECLARATIONS) and data.startswith(b"<?xml"):
        declaration = data[: data.find(b"?>")]
        if b"encoding" in declaration and _UTF8_DECLARED.search(declaration) is None:
            return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def parse_answers(xml: str | bytes | None) -> QuestionFormAnswers:
    """Parse a QuestionFormAnswers document (an Assignment's ``Answer``) into typed answers.

    ``None``, ``""`` and whitespace give an empty :class:`QuestionFormAnswers`. ``bytes`` may
    be in any encoding their XML declaration names (UTF-8 with or without BOM, UTF-16 with a
    BOM, ASCII with character references, Shift_JIS, ...). The documented namespace, the same
    namespace with a prefix, and no namespace at all are read alike. Whitespace around the
    document is ignored; identifiers and file keys are stripped, free text never is.

    Raises :class:`~mturk_models.UnsafeXMLError` for a DTD, entity declaration or external
    reference, and :class:`~mturk_models.MalformedAnswerError` (with ``element``, ``line`` and
    ``column`` when known) for anything else that is not a valid answer document. Both are
    :class:`~mturk_models.AnswerParseError` and :class:`ValueError`; no other exception escapes
    for ``str``, ``bytes`` or ``None`` (other types raise :class:`TypeError`).

    >>> answers = parse_answers(
    ...     "<QuestionFormAnswers><Answer><QuestionIdentifier>color</QuestionIdentifier>"
    ...     "<SelectionIdentifier>red</SelectionIdentifier>"
    ...     "<SelectionIdentifier>blue</SelectionIdentifier></Answer></QuestionFormAnswers>"
    ... )
    >>> answers["color"].selection_identifiers
    ('red', 'blue')
    """
    try:
        # Documents that start with "<" need nothing from prepare().
        text: str | None = None
        if isinstance(xml, str):
            data: str | bytes = xml if xml[:1] == "<" else prepare(xml)
            text = data if isinstance(data, str) else None
        elif isinstance(xml, bytes):
            data = xml if xml[:1] == b"<" else prepare(xml)
            text = data if isinstance(data, str) else _utf8_text(data)
        if text:
            # The safe reader checks the whole document. ASCII bytes (what MTurk writes) are read
            # as the str they decode to, which pyexpat hands to expat as UTF-8: the same
            # characters whatever the declaration says, and expat reads UTF-8 faster than the
            # ASCII it is declared in. Other bytes are read as they are (an encoding="ASCII"
            # document with a byte above 127 stays refused).
            secure_parser().Parse(
                text if data.__class__ is bytes and data.isascii() else data, True
            )
            found = _read_canonical(text)
            if found is not None:
                return found
    except (ExpatError, ValueError, LookupError, UnsafeXMLError):
        pass  # the general reader below reads it again and raises the right error
    return _parse(xml, _read_events)


_JSON_STARTS = ("[", "{", '"', b"[", b"{", b'"')
_JSON_HINT = (
    "the answer document is JSON, not XML: decode a crowd-form taskAnswers value with "
    "decode_task_answers(), and read the Answer of a boto3 response with "
    "Assignment.model_validate(response['Assignment']).parse_answers()"
)


def _parse(
    xml: str | bytes | None, read: Callable[[str | bytes], QuestionFormAnswers]
) -> QuestionFormAnswers:
    """Decode, read with ``read`` and turn every failure into our errors (the general path)."""
    if xml is None:
        return _EMPTY
    if not isinstance(xml, (str, bytes)):
        raise TypeError(f"parse_answers reads str or bytes, not {type(xml).__name__}")
    try:
        data = prepare(xml)  # decodes what expat cannot read itself
        if not data:
            return _EMPTY
        if data[:1] in _JSON_STARTS:
            raise MalformedAnswerError(_JSON_HINT)
        return read(data)
    except (UnsafeXMLError, MalformedAnswerError):
        raise
    except ExpatError as exc:
        raise MalformedAnswerError(
            f"the answer document is not well-formed XML at line {exc.lineno}, column "
            f"{exc.offset}: {expat_reason(exc.code)}",
            line=exc.lineno,
            column=exc.offset,
        ) from exc
    except (ValueError, LookupError, RecursionError) as exc:  # UnicodeError is a ValueError
        raise MalformedAnswerError(f"the answer document cannot be read: {exc}") from exc
