"""Responses of the legacy MTurk XML API (2005-2019) loaded into the same models as boto3 data.

:func:`parse_legacy_response` reads a saved response of the retired REST/SOAP API (versions
2012-03-25 and 2014-08-15 and their predecessors) and returns what the current API returns for the
same data:

==============================================  ===============================================
legacy document                                 result
==============================================  ===============================================
GetAssignmentResult                             :class:`~mturk_models.GetAssignmentResponse`
GetAssignmentsForHITResult                      :class:`~mturk_models.ListAssignmentsForHITResponse`
GetHITResponse (its ``<HIT>``), GetHITResult    :class:`~mturk_models.GetHITResponse`
CreateHITResponse (its ``<HIT>``)               :class:`~mturk_models.GetHITResponse`
SearchHITsResult, GetReviewableHITsResult       :class:`~mturk_models.ListHITsResponse`
GetBonusPaymentsResult                          :class:`~mturk_models.ListBonusPaymentsResponse`
a bare ``<Assignment>`` or ``<HIT>``            :class:`~mturk_models.Assignment` or
                                                :class:`~mturk_models.HIT`
==============================================  ===============================================

The ``<...Response>`` wrapper with its ``<OperationRequest>``, the ``<Request><IsValid>`` block
and a SOAP envelope are all optional. Any other root is refused, whole, with the list of the roots
read (a document is never loaded in part). Elements without a namespace and elements in an MTurk
requester namespace (``http://mechanicalturk.amazonaws.com/AWSMechanicalTurkRequester/...``) are
read; any other namespace is an error.

Mapping rules:

* ``Reward`` and ``BonusAmount`` are Price structures (Amount, CurrencyCode, FormattedPrice); they
  become the same ``Decimal`` as boto3's CurrencyAmount. Only ``USD`` exists on MTurk; another
  currency is an :class:`~mturk_models.exceptions.ArchiveError` naming it. FormattedPrice is the
  display form of Amount (``$1.00``) and is not kept.
* Repeated singular ``QualificationRequirement``, ``IntegerValue`` and ``LocaleValue`` elements
  become boto3's plural lists; ``RequiredToPreview`` ``0``/``1`` becomes a bool.
* ``Answer`` and ``Question`` keep the embedded document as the raw string, whether it was saved
  XML-escaped (as the API sent it), as CDATA, or printed as nested markup with its own XML
  declaration (as the API reference pages print it, which is not well-formed XML as a whole).
  The document is first given to the safe reader as it is, so a DOCTYPE is refused before
  anything else; only when that reader finds such nested markup is the decoded text scanned,
  once and in linear time, by a scanner that knows comments, CDATA sections, processing
  instructions and quoted values, and the nested documents are read as text, character for
  character (line ends included). Text elsewhere, in any encoding the declaration names, is
  never touched.
* Elements the current API does not have (``NumberOfSimilarHITs``, ``TotalNumResults``,
  ``PageNumber``, anything unknown) are kept in the model's extras under their legacy element name
  (PascalCase, like every unknown boto3 key): ``hit.model_extra["NumberOfSimilarHITs"] == 1``.
  The counters named above become ints; other unknown elements keep their text, or a dict of their
  children (a list for repeated children).
* ``OperationRequest`` becomes ``response_metadata`` (``{"RequestId": ...}``). A ``<Request>``
  block whose ``IsValid`` is not ``True`` (or that holds ``Errors``) makes the response an error
  response: its Errors are raised as an ArchiveError. ``<Request><IsValid>True</IsValid>
  </Request>`` alone says nothing a loaded result does not, and is not kept; a Request that holds
  more (with ResponseGroup=Request, the echoed request: ``<CreateHITRequest>...``) is kept whole in
  the extras of the model that holds it, under ``Request`` (``hit.model_extra["Request"]``).

Parsing goes through the library's one safe XML reader (no DTD, no entities, no external
references); errors name the element path (``GetHITResponse/HIT/Reward/CurrencyCode``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar, Union

from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticCustomError

from .._base import ARCHIVED
from .._errors import summarize
from .._types import parse_currency
from ..api.assignments import Assignment, GetAssignmentResponse, ListAssignmentsForHITResponse
from ..api.bonuses import BonusPayment, ListBonusPaymentsResponse
from ..api.hits import HIT, GetHITResponse, ListHITsResponse
from ..api.qualifications import Locale, QualificationRequirement
from ..documents._xml import Element, parse_tree, prepare
from ..exceptions import ArchiveError, UnsafeXMLError

__all__ = ["LEGACY_NAMESPACE_PREFIX", "LegacyResponse", "parse_legacy_response"]

LEGACY_NAMESPACE_PREFIX = "http://mechanicalturk.amazonaws.com/AWSMechanicalTurkRequester/"
"""Namespaces starting with this (one per API version) are the legacy API's own."""

_SOAP_NAMESPACES = frozenset(
    {"http://schemas.xmlsoap.org/soap/envelope/", "http://www.w3.org/2003/05/soap-envelope"}
)

LegacyResponse = Union[  # noqa: UP007 - a runtime alias, documented by autodoc
    GetAssignmentResponse,
    GetHITResponse,
    ListAssignmentsForHITResponse,
    ListHITsResponse,
    ListBonusPaymentsResponse,
    Assignment,
    HIT,
]
"""Everything :func:`parse_legacy_response` can return."""

_WHAT = "legacy response"
_M = TypeVar("_M", bound=BaseModel)

# Legacy-only counters kept as ints in the extras.
_INTEGER_EXTRAS = frozenset({"NumberOfSimilarHITs", "TotalNumResults", "PageNumber"})
# Fields whose text is kept exactly; every other text field is stripped of surrounding blanks.
_FREE_TEXT = frozenset(
    {
        "Answer",
        "Question",
        "Title",
        "Description",
        "Keywords",
        "RequesterAnnotation",
        "RequesterFeedback",
        "Reason",
    }
)


def _fail(path: str, message: str) -> ArchiveError:
    return ArchiveError(f"{_WHAT}, {path}: {message}", location=path)


# --- embedded documents -------------------------------------------------------------------------
# The API reference pages print Answer and Question documents as nested markup with their own XML
# declaration, which is not well-formed XML as a whole. Such documents are found by a linear scan
# of the decoded text that knows comments, CDATA sections, processing instructions, declarations
# and quoted attribute values, and are escaped into text; the scan runs only after the safe reader
# has seen the document (so a DOCTYPE is refused first) and only when that reader needs it.

_DOC_ROOTS = frozenset({"QuestionFormAnswers", "QuestionForm", "HTMLQuestion", "ExternalQuestion"})
_HOLDERS = frozenset({"Answer", "Question"})
_NAME = re.compile(r"[^\s/>=<\"'!?]+")
_DECLARATION_STOP = re.compile(r"[\"'\[\]>]")
_TAG_STOP = re.compile(r"[\"'>]")
_XML_SPACE = " \t\r\n"
_DECLARED = re.compile(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z][A-Za-z0-9._:-]*)[\"']")


def _line_at(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _escape(text: str) -> str:
    """Markup as text: the parser gives back exactly these characters (CR included)."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def _quoted_end(text: str, start: int, stop: re.Pattern[str], brackets: bool) -> int | None:
    """Index past the ``>`` that ends the markup at ``start``, skipping quoted values (and, in a
    declaration, its ``[...]`` internal subset); None when the text ends first. Linear."""
    depth = 0
    position = start
    while True:
        found = stop.search(text, position)
        if found is None:
            return None
        char = found.group()
        position = found.end()
        if char in "\"'":
            close = text.find(char, position)
            if close < 0:
                return None
            position = close + 1
        elif char == "[":
            depth += 1
        elif char == "]":
            depth = max(depth - 1, 0)
        elif depth == 0 or not brackets:
            return position


def _markup_end(text: str, start: int) -> int | None:
    """Index past the markup construct that starts with ``<`` at ``start`` (None if unfinished)."""
    for opener, closer in (("<!--", "-->"), ("<![CDATA[", "]]>"), ("<?", "?>")):
        if text.startswith(opener, start):
            end = text.find(closer, start + len(opener))
            return None if end < 0 else end + len(closer)
    if text.startswith("<!", start):
        return _quoted_end(text, start + 2, _DECLARATION_STOP, brackets=True)
    return _quoted_end(text, start + 1, _TAG_STOP, brackets=False)


def _local_name(name: str) -> str:
    return name.rpartition(":")[2]


def _starts_document(text: str, start: int) -> bool:
    """Whether the content at ``start`` begins an embedded document (declaration or root)."""
    position = start
    while position < len(text) and text[position] in _XML_SPACE:
        position += 1
    if text.startswith("<?xml", position):
        return text[position + 5 : position + 6] in (*_XML_SPACE, "?")
    name = _NAME.match(text, position + 1) if text.startswith("<", position) else None
    return name is not None and _local_name(name.group()) in _DOC_ROOTS


def _embedded_end(text: str, start: int, outer: str, where: str) -> int:
    """Index of the ``</outer>`` that closes the embedded document starting at ``start``."""
    stack: list[str] = []  # the open elements of the embedded document
    root: str | None = None

    def unclosed() -> ArchiveError:
        if root is None:
            return _fail(where, "the embedded document has no root element")
        return _fail(where, f"the embedded document has no closing </{(stack or [root])[-1]}>")

    def not_followed() -> ArchiveError:
        return _fail(
            where, f"the embedded document </{root}> is not followed by the closing </{outer}>"
        )

    position = start
    while True:
        opening = text.find("<", position)
        between = text[position : opening if opening >= 0 else len(text)]
        if not stack and root is not None and between.strip(_XML_SPACE):
            raise not_followed()
        if opening < 0:
            raise unclosed()
        if text.startswith("</", opening):
            close = text.find(">", opening)
            name = text[opening + 2 : close].strip(_XML_SPACE)
            if close < 0 or (stack and name != stack[-1]):
                raise unclosed()
            if not stack:
                if root is None:
                    raise unclosed()
                if _local_name(name) != outer:
                    raise not_followed()
                return opening
            stack.pop()
            position = close + 1
            continue
        markup_end = _markup_end(text, opening)
        is_tag = text[opening + 1 : opening + 2] not in ("!", "?")
        name_match = _NAME.match(text, opening + 1) if is_tag else None
        name = name_match.group() if name_match else ""
        if markup_end is None:
            if is_tag and root is None:
                raise _fail(where, f"the start tag of the embedded <{name}> is not closed")
            raise unclosed()
        if is_tag:
            if root is not None and not stack:
                raise not_followed()
            root = root or name
            if text[markup_end - 2] != "/":
                stack.append(name)
        position = markup_end


def _escape_embedded(text: str) -> str | None:
    """``text`` with each document printed unescaped in <Answer>/<Question> turned into text.

    None when there is none (the text is then used as it is).
    """
    pieces: list[str] = []
    done = position = 0
    while (opening := text.find("<", position)) >= 0:
        end = _markup_end(text, opening)
        if end is None:
            break  # unfinished markup: the parser reports it, with its position
        position = end
        if text[opening + 1 : opening + 2] in ("!", "?", "/") or text[end - 2] == "/":
            continue
        name = _NAME.match(text, opening + 1)
        outer = _local_name(name.group()) if name else ""
        if outer not in _HOLDERS or not _starts_document(text, end):
            continue
        where = f"<{outer}> at line {_line_at(text, opening)}"
        close = _embedded_end(text, end, outer, where)
        pieces += [text[done:end], _escape(text[end:close])]
        done = position = close
    if not pieces:
        return None
    pieces.append(text[done:])
    return "".join(pieces)


def _decoded(data: str | bytes) -> str | None:
    """The document as text, decoded as the safe reader decodes it (None if it cannot be)."""
    if isinstance(data, str):
        return data
    try:
        prepared = prepare(data)
        if isinstance(prepared, str):
            return prepared
        declared = _DECLARED.match(prepared)
        return prepared.decode(declared.group(1).decode("ascii") if declared else "utf-8")
    except (ValueError, LookupError):  # UnicodeDecodeError is a ValueError
        return None


def _may_embed(text: str) -> bool:
    """A quick test (substring searches) that skips the scan when no document can be embedded."""
    return text.find("<?xml", 1) >= 0 or any(root in text for root in _DOC_ROOTS)


def _holds_markup(root: Element) -> bool:
    """Whether an <Answer> or <Question> holds elements (a document printed without declaration)."""
    return any(
        isinstance(element.tag, str)
        and _local_name(element.tag.rpartition("}")[2]) in _HOLDERS
        and len(element)
        for element in root.iter()
    )


def _read(data: str | bytes) -> Element:
    """The document's root element; embedded documents printed as markup are read as text."""
    first_error: ArchiveError | None = None
    root: Element | None = None
    try:
        root = parse_tree(data, error=ArchiveError, what=_WHAT)
    except UnsafeXMLError:
        raise
    except ArchiveError as exc:
        first_error = exc
    if root is not None and not _holds_markup(root):
        return root
    text = _decoded(data)
    escaped = _escape_embedded(text) if text is not None and _may_embed(text) else None
    if escaped is None:
        if first_error is not None:
            raise first_error
        assert root is not None
        return root
    return parse_tree(escaped, error=ArchiveError, what=_WHAT)


# --- element helpers ----------------------------------------------------------------------------


def _local(element: Element, path: str) -> str:
    tag = element.tag
    if not isinstance(tag, str):  # pragma: no cover - comments and PIs are not kept by the parser
        raise _fail(path, "unexpected node")
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        if not namespace.startswith(LEGACY_NAMESPACE_PREFIX):
            raise _fail(
                f"{path}/{name}" if path else name,
                f"element {name!r} is in namespace {namespace!r}; legacy responses use no "
                f"namespace or {LEGACY_NAMESPACE_PREFIX}...",
            )
        return name
    return tag


def _children(element: Element, path: str) -> list[tuple[str, Element, str]]:
    """The child elements as (local name, element, path); repeated names get ``[n]``."""
    named = [(_local(child, path), child) for child in element]
    counts = Counter(name for name, _ in named)
    seen: Counter[str] = Counter()
    out = []
    for name, child in named:
        seen[name] += 1
        suffix = f"[{seen[name]}]" if counts[name] > 1 else ""
        out.append((name, child, f"{path}/{name}{suffix}"))
    return out


def _text(element: Element, path: str, name: str) -> str:
    if len(element):
        child = _local(element[0], path)
        raise _fail(path, f"<{name}> should hold text; found a child element <{child}>")
    text = element.text or ""
    return text if name in _FREE_TEXT else text.strip()


_MAX_DEPTH = 64
"""How deeply elements the current API does not know may nest (real responses: 2 or 3)."""


def _generic(element: Element, path: str, name: str, depth: int = 1) -> Any:
    """An element the current API does not know, kept whole.

    Plain text stays a string (an int for the legacy counters). An element with attributes or
    child elements becomes a dict: children by name (a list when repeated), attributes under
    ``"@name"`` and text that is not only blanks (also text between children) under
    ``"#text"``. Nesting deeper than 64 levels is refused with the path, not a RecursionError.
    """
    if depth > _MAX_DEPTH:
        raise _fail(
            path,
            f"unknown elements nest more than {_MAX_DEPTH} levels deep; a legacy response "
            "holds no such structure",
        )
    if not len(element) and not element.attrib:
        return _leaf(element, path, name)
    data: dict[str, Any] = {f"@{key}": value for key, value in element.attrib.items()}
    groups: dict[str, list[Any]] = {}
    for child_name, child, child_path in _children(element, path):
        groups.setdefault(child_name, []).append(_generic(child, child_path, child_name, depth + 1))
    for key, values in groups.items():
        _once(data, key, values[0] if len(values) == 1 else values, path)
    if len(element):
        pieces = [element.text or "", *(child.tail or "" for child in element)]
        text: Any = "".join(pieces) if any(piece.strip() for piece in pieces) else ""
    else:
        text = _leaf(element, path, name)
    if text != "":
        _once(data, "#text", text, path)
    return data


def _leaf(element: Element, path: str, name: str) -> Any:
    text = _text(element, path, name)
    if name in _INTEGER_EXTRAS:
        try:
            return int(text)
        except ValueError:
            raise _fail(path, f"<{name}> should be an integer; got {text!r}") from None
    return text


def _validate(model: type[_M], data: dict[str, Any], path: str) -> _M:
    try:
        return model.model_validate(data, context={ARCHIVED: True})  # built element by element
    except ValidationError as exc:
        summary = summarize(exc)
        where = "/".join([path, *summary.loc])
        raise ArchiveError(f"{_WHAT}, {where}: {summary.message}", location=where) from exc


def _request(element: Element, path: str) -> dict[str, Any] | None:
    """A ``<Request>`` block: its Errors raised; what it holds besides ``IsValid`` kept.

    ``<Request><IsValid>True</IsValid></Request>`` says only that the response is not an error
    response, which a result already says: it gives None. A Request that echoes the request
    (ResponseGroup=Request: the operation's parameters) gives all of it, IsValid included, as
    a dict to keep in the extras under ``Request``.
    """
    valid = None
    errors: list[str] = []
    others = False
    for name, child, child_path in _children(element, path):
        if name == "IsValid":
            valid = _text(child, child_path, name)
        elif name == "Errors":
            errors += _errors(child, child_path)
        else:
            others = True
    if valid != "True" or errors:
        detail = "; ".join(errors) or f"IsValid is {valid!r}"
        raise _fail(path, f"the saved response reports a failed request: {detail}")
    if not others and not element.attrib:
        return None
    kept: dict[str, Any] = _generic(element, path, "Request")
    return kept


def _errors(element: Element, path: str) -> list[str]:
    found = []
    for name, child, child_path in _children(element, path):
        if name == "Error":
            fields = _generic(child, child_path, name)
            if isinstance(fields, dict):
                found.append(f"{fields.get('Code', '?')}: {fields.get('Message', '')}".strip())
            else:
                found.append(str(fields))
    return found


def _once(data: dict[str, Any], key: str, value: Any, path: str) -> None:
    if key in data:
        raise _fail(path, f"<{key}> appears more than once")
    data[key] = value


# --- structures ---------------------------------------------------------------------------------


def _price(element: Element, path: str) -> Decimal:
    amount = currency = None
    for name, child, child_path in _children(element, path):
        if name == "Amount":
            amount = (_text(child, child_path, name), child_path)
        elif name == "CurrencyCode":
            currency = (_text(child, child_path, name), child_path)
        elif name != "FormattedPrice":
            raise _fail(
                child_path, f"a Price has Amount, CurrencyCode and FormattedPrice; got <{name}>"
            )
    if amount is None:
        raise _fail(path, "a Price needs an <Amount>")
    if currency is not None and currency[0] != "USD":
        raise _fail(
            currency[1],
            f"MTurk pays in US dollars only; the CurrencyCode should be 'USD'; got {currency[0]!r}",
        )
    try:
        return parse_currency(amount[0])
    except PydanticCustomError as exc:
        raise _fail(amount[1], str(exc)) from exc


def _locale(element: Element, path: str) -> Locale:
    data: dict[str, Any] = {}
    for name, child, child_path in _children(element, path):
        _once(data, name, _generic(child, child_path, name), child_path)
    return _validate(Locale, data, path)


def _qualification_requirement(element: Element, path: str) -> QualificationRequirement:
    data: dict[str, Any] = {}
    for name, child, child_path in _children(element, path):
        if name == "IntegerValue":
            data.setdefault("IntegerValues", []).append(_text(child, child_path, name))
        elif name == "LocaleValue":
            data.setdefault("LocaleValues", []).append(_locale(child, child_path))
        else:
            _once(data, name, _generic(child, child_path, name), child_path)
    return _validate(QualificationRequirement, data, path)


def _aliases(model: type[BaseModel]) -> frozenset[str]:
    return frozenset(field.alias or name for name, field in model.model_fields.items())


_ASSIGNMENT_FIELDS = _aliases(Assignment)
_HIT_FIELDS = _aliases(HIT)
_BONUS_FIELDS = _aliases(BonusPayment)


def _structure(
    element: Element,
    path: str,
    model: type[_M],
    fields: frozenset[str],
    special: dict[str, Callable[[Element, str], Any]] | None = None,
) -> _M:
    data: dict[str, Any] = {}
    special = special or {}
    for name, child, child_path in _children(element, path):
        if name == "Request":
            request = _request(child, child_path)
            if request is not None:
                _once(data, name, request, child_path)
        elif name == "QualificationRequirement" and model is HIT:
            requirement = _qualification_requirement(child, child_path)
            data.setdefault("QualificationRequirements", []).append(requirement)
        elif name in special:
            _once(data, name, special[name](child, child_path), child_path)
        elif name in fields:
            _once(data, name, _text(child, child_path, name), child_path)
        else:
            _once(data, name, _generic(child, child_path, name), child_path)
    return _validate(model, data, path)


def _assignment(element: Element, path: str) -> Assignment:
    return _structure(element, path, Assignment, _ASSIGNMENT_FIELDS)


def _hit(element: Element, path: str) -> HIT:
    return _structure(element, path, HIT, _HIT_FIELDS, {"Reward": _price})


def _bonus_payment(element: Element, path: str) -> BonusPayment:
    return _structure(element, path, BonusPayment, _BONUS_FIELDS, {"BonusAmount": _price})


# --- results ------------------------------------------------------------------------------------

_Item = tuple[str, Callable[[Element, str], Any], bool]  # (boto3 key, reader, repeated)

_RESULTS: dict[str, tuple[type[BaseModel], dict[str, _Item]]] = {
    "GetAssignmentResult": (
        GetAssignmentResponse,
        {"Assignment": ("Assignment", _assignment, False), "HIT": ("HIT", _hit, False)},
    ),
    "GetHITResult": (GetHITResponse, {"HIT": ("HIT", _hit, False)}),
    "GetAssignmentsForHITResult": (
        ListAssignmentsForHITResponse,
        {"Assignment": ("Assignments", _assignment, True)},
    ),
    "SearchHITsResult": (ListHITsResponse, {"HIT": ("HITs", _hit, True)}),
    "GetReviewableHITsResult": (ListHITsResponse, {"HIT": ("HITs", _hit, True)}),
    "GetBonusPaymentsResult": (
        ListBonusPaymentsResponse,
        {"BonusPayment": ("BonusPayments", _bonus_payment, True)},
    ),
}


# The <...Response> wrappers read, and the result element each holds. GetHITResponse and
# CreateHITResponse hold the HIT directly (CreateHIT's output is boto3's CreateHITResponse, whose
# only member, HIT, is GetHITResponse's too).
_RESPONSES: dict[str, frozenset[str]] = {
    **{f"{result[: -len('Result')]}Response": frozenset({result}) for result in _RESULTS},
    "GetHITResponse": frozenset({"HIT", "GetHITResult"}),
    "CreateHITResponse": frozenset({"HIT"}),
}
_KNOWN_ROOTS = ", ".join(["Assignment", "HIT", *sorted(_RESULTS), *sorted(_RESPONSES)])


def _result(element: Element, path: str, name: str, metadata: dict[str, Any] | None) -> Any:
    if name == "HIT":  # GetHITResponse and CreateHITResponse hold the HIT directly
        hit_data: dict[str, Any] = {"HIT": _hit(element, path), "ResponseMetadata": metadata}
        return GetHITResponse.model_validate(hit_data, context={ARCHIVED: True})
    if name not in _RESULTS:
        supported = ", ".join(sorted(_RESULTS))
        raise _fail(path, f"unsupported legacy result <{name}>; supported: {supported}")
    model, items = _RESULTS[name]
    data: dict[str, Any] = {key: [] for key, _, repeated in items.values() if repeated}
    for child_name, child, child_path in _children(element, path):
        if child_name == "Request":
            request = _request(child, child_path)
            if request is not None:
                _once(data, child_name, request, child_path)
        elif child_name in items:
            key, read, repeated = items[child_name]
            if repeated:
                data[key].append(read(child, child_path))
            else:
                _once(data, key, read(child, child_path), child_path)
        elif child_name == "NumResults":
            _once(data, child_name, _text(child, child_path, child_name), child_path)
        else:
            _once(data, child_name, _generic(child, child_path, child_name), child_path)
    if metadata is not None:
        data["ResponseMetadata"] = metadata
    return _validate(model, data, path)


def _operation_request(element: Element, path: str) -> dict[str, Any]:
    metadata: dict[str, Any] = {}
    for name, child, child_path in _children(element, path):
        if name == "Errors":
            errors = "; ".join(_errors(child, child_path))
            raise _fail(child_path, f"the saved response reports a failed request: {errors}")
        metadata[name] = _generic(child, child_path, name)
    return metadata


def _unwrap_soap(root: Element) -> Element:
    tag = root.tag
    if isinstance(tag, str) and tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        if namespace in _SOAP_NAMESPACES and name == "Envelope":
            for child in root:
                if child.tag == f"{{{namespace}}}Body":
                    if len(child) != 1:
                        raise _fail("Envelope/Body", f"expected one response; found {len(child)}")
                    return child[0]
            raise _fail("Envelope", "a SOAP envelope without a Body")
    return root


def parse_legacy_response(xml: str | bytes) -> LegacyResponse:
    """Load a saved legacy XML API response into the models boto3 data loads into.

    See the module documentation for the documents accepted and the mapping. Raises
    :class:`~mturk_models.exceptions.ArchiveError` naming the element path for anything that
    cannot be loaded (``UnsafeXMLError``, an ArchiveError too, for hostile XML).

    >>> hit = parse_legacy_response(
    ...     "<HIT><HITId>GR4R3HY3YGBZXDCAPJWZ</HITId><Reward><Amount>0.10</Amount>"
    ...     "<CurrencyCode>USD</CurrencyCode><FormattedPrice>$0.10</FormattedPrice></Reward>"
    ...     "<NumberOfSimilarHITs>0</NumberOfSimilarHITs></HIT>"
    ... )
    >>> hit.reward, hit.model_extra
    (Decimal('0.10'), {'NumberOfSimilarHITs': 0})
    """
    if not isinstance(xml, (str, bytes)):
        raise TypeError(f"parse_legacy_response takes str or bytes; got {type(xml).__name__}")
    root = _unwrap_soap(_read(xml))
    name = _local(root, "")
    if name == "Assignment":
        return _assignment(root, name)
    if name == "HIT":
        return _hit(root, name)
    if name.endswith("Result"):
        result: LegacyResponse = _result(root, name, name, None)
        return result
    if not name.endswith("Response"):
        raise _fail(name, f"unknown root element <{name}>; the roots read are {_KNOWN_ROOTS}")
    metadata: dict[str, Any] | None = None
    payload: list[tuple[str, Element, str]] = []
    for child_name, child, child_path in _children(root, name):
        if child_name == "OperationRequest":
            metadata = _operation_request(child, child_path)
        elif child_name == "Errors":  # <ErrorResponse> / <Response>: the request failed
            errors = "; ".join(_errors(child, child_path)) or "no error given"
            raise _fail(child_path, f"the saved response reports a failed request: {errors}")
        else:
            payload.append((child_name, child, child_path))
    if name not in _RESPONSES:
        raise _fail(
            name,
            f"unknown legacy response <{name}>; it is refused whole rather than read in part "
            f"(the roots read are {_KNOWN_ROOTS})",
        )
    if len(payload) != 1:
        found = ", ".join(f"<{n}>" for n, _, _ in payload) or "nothing"
        raise _fail(name, f"expected exactly one result element; found {found}")
    child_name, child, child_path = payload[0]
    if child_name not in _RESPONSES[name]:
        expected = " or ".join(f"<{result}>" for result in sorted(_RESPONSES[name]))
        raise _fail(child_path, f"<{name}> holds {expected}; found <{child_name}>")
    response: LegacyResponse = _result(child, child_path, child_name, metadata)
    return response
