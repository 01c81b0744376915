"""The response envelopes of GetAssignment, GetHIT and ListAssignmentsForHIT, and lazy paging."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from pydantic import ConfigDict, Field, TypeAdapter, ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

from .._base import Structure
from .._types import Count, PaginationToken, Seq
from .assignments import Assignment
from .hits import HIT

__all__ = [
    "GetAssignmentResponse",
    "GetHITResponse",
    "ListAssignmentsForHITResponse",
    "ListHITsResponse",
    "iter_assignments",
]

_METADATA = "boto3's ResponseMetadata (RequestId, HTTPStatusCode, HTTPHeaders, RetryAttempts)."


class GetAssignmentResponse(Structure):
    """What ``client.get_assignment(AssignmentId=...)`` returns.

    >>> r = GetAssignmentResponse.model_validate({"Assignment": {}, "HIT": {}})
    >>> r.assignment is not None and r.hit is not None
    True
    """

    assignment: Assignment | None = Field(default=None, description="The assignment.")
    hit: HIT | None = Field(default=None, alias="HIT", description="The HIT of the assignment.")
    response_metadata: dict[str, Any] | None = Field(default=None, description=_METADATA)


class GetHITResponse(Structure):
    """What ``client.get_hit(HITId=...)`` returns.

    >>> GetHITResponse.model_validate({"HIT": {"HITId": "3ABC"}}).hit.hit_id
    '3ABC'
    """

    hit: HIT | None = Field(
        default=None, alias="HIT", description="Contains the requested HIT data."
    )
    response_metadata: dict[str, Any] | None = Field(default=None, description=_METADATA)


class ListAssignmentsForHITResponse(Structure):
    """One page of ``client.list_assignments_for_hit(HITId=...)``.

    >>> page = ListAssignmentsForHITResponse.model_validate({"NumResults": 0, "Assignments": []})
    >>> page.assignments
    ()
    """

    next_token: PaginationToken | None = Field(
        default=None,
        description="If the response was incomplete, the token that retrieves the next page.",
    )
    num_results: Count | None = Field(
        default=None, description="The number of assignments on the page."
    )
    assignments: Seq[Assignment] | None = Field(
        default=None, description="The Assignment data structures returned by this call."
    )
    response_metadata: dict[str, Any] | None = Field(default=None, description=_METADATA)


_ENVELOPE_KEYS = frozenset({"Assignments", "NextToken", "NumResults", "ResponseMetadata"})
# Pages are validated as ``{index: page}`` so that an error's location starts with the page's
# position in the stream: ``(3, "Assignments", 41, "SubmitTime")``.
_PAGES: TypeAdapter[dict[int, ListAssignmentsForHITResponse]] = TypeAdapter(
    dict[int, ListAssignmentsForHITResponse],
    config=ConfigDict(title="iter_assignments"),
)


def _page_error(
    index: int, page: object, code: str, message: str, **context: Any
) -> ValidationError:
    error = PydanticCustomError(code, message, {"index": index, **context})
    return ValidationError.from_exception_data(
        "iter_assignments", [InitErrorDetails(type=error, loc=(index,), input=page)]
    )


def iter_assignments(
    pages: Iterable[Mapping[str, Any] | ListAssignmentsForHITResponse]
    | Mapping[str, Any]
    | ListAssignmentsForHITResponse,
) -> Iterator[Assignment]:
    """Yield the assignments of boto3 pages one by one, holding only one page at a time.

    ``pages`` is any iterable of ListAssignmentsForHIT responses (the output of
    ``client.get_paginator("list_assignments_for_hit").paginate(...)``, a generator, a list of
    saved pages, or already wrapped :class:`ListAssignmentsForHITResponse` objects); a single
    page is accepted too. Pages are read only as the assignments are consumed. Each page is
    validated as a whole (``NextToken`` and ``NumResults`` included), which is faster than one
    assignment at a time.

    Raises :class:`pydantic.ValidationError` (a ``ValueError``) when a page is invalid; the
    error's location starts with the page's index. A page that is not a mapping
    (``assignments_page_type``), or a mapping without ``Assignments`` that carries other keys,
    such as a single assignment passed by mistake (``assignments_page_keys``), is refused rather
    than skipped, so no assignment is silently lost.

    >>> page = {"Assignments": [{"AssignmentId": "3A"}, {"AssignmentId": "3B"}]}
    >>> [a.assignment_id for a in iter_assignments([page, page])]
    ['3A', '3B', '3A', '3B']
    """
    if isinstance(pages, (Mapping, ListAssignmentsForHITResponse)):
        pages = (pages,)
    for index, page in enumerate(pages):
        if isinstance(page, ListAssignmentsForHITResponse):
            yield from page.assignments or ()
            continue
        if not isinstance(page, Mapping):
            raise _page_error(
                index,
                page,
                "assignments_page_type",
                "Page {index} should be a ListAssignmentsForHIT response (a mapping with "
                "'Assignments'); got {type}",
                type=type(page).__name__,
            )
        if "Assignments" not in page and not page.keys() <= _ENVELOPE_KEYS:
            raise _page_error(
                index,
                page,
                "assignments_page_keys",
                "Page {index} has no 'Assignments' but has {keys}; pass ListAssignmentsForHIT "
                "responses, not assignments or other responses",
                keys=", ".join(sorted(map(str, page.keys()))[:5]),
            )
        yield from _PAGES.validate_python({index: page})[index].assignments or ()


class ListHITsResponse(Structure):
    """One page of ``client.list_hits()`` or ``client.list_reviewable_hits()`` (same shape).

    The legacy SearchHITs and GetReviewableHITs results load into it too.

    >>> page = ListHITsResponse.model_validate({"NumResults": 1, "HITs": [{"HITId": "3ABC"}]})
    >>> [hit.hit_id for hit in page.hits]
    ['3ABC']
    """

    next_token: PaginationToken | None = Field(
        default=None,
        description="If the previous response was incomplete (because there is more data to "
        "retrieve), the token that retrieves the next page.",
    )
    num_results: Count | None = Field(
        default=None, description="The number of HITs on this page of the list results."
    )
    hits: Seq[HIT] | None = Field(
        default=None, alias="HITs", description="The list of HIT elements returned by the query."
    )
    response_metadata: dict[str, Any] | None = Field(default=None, description=_METADATA)
