"""A real boto3 client, no network: botocore's Stubber serves generated responses.

What boto3 hands back (tzlocal datetimes, ResponseMetadata) must wrap into models equal to the
ones the responses were generated from.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timezone
from typing import Any

import boto3
import pytest
from botocore.exceptions import ParamValidationError
from botocore.stub import Stubber
from dateutil.tz import tzlocal
from hypothesis import given
from hypothesis import strategies as st

from mturk_models import (
    GetAssignmentResponse,
    GetHITResponse,
    ListAssignmentsForHITResponse,
    iter_assignments,
)
from mturk_models.testing import (
    get_assignment_responses,
    get_hit_responses,
    list_assignments_for_hit_responses,
)

METADATA = {"RequestId": "00000000-0000-0000-0000-000000000000", "HTTPStatusCode": 200}


@contextmanager
def stubbed() -> Iterator[tuple[Any, Stubber]]:
    client = boto3.client(
        "mturk",
        region_name="us-east-1",
        aws_access_key_id="x",
        aws_secret_access_key="x",
    )
    with Stubber(client) as stubber:
        yield client, stubber
        stubber.assert_no_pending_responses()


def as_boto3(model: Any) -> dict[str, Any]:
    """The model dumped by alias, timestamps in the machine's zone as boto3 returns them."""

    def local(value: Any) -> Any:
        if hasattr(value, "astimezone"):
            return value.astimezone(tzlocal())
        if isinstance(value, dict):
            return {key: local(item) for key, item in value.items()}
        if isinstance(value, list):
            return [local(item) for item in value]
        return value

    return {
        **local(model.model_dump(by_alias=True, exclude_none=True)),
        "ResponseMetadata": METADATA,
    }


@given(get_assignment_responses())
def test_get_assignment(source: GetAssignmentResponse) -> None:
    assert source.assignment is not None
    with stubbed() as (client, stubber):
        stubber.add_response(
            "get_assignment", as_boto3(source), {"AssignmentId": source.assignment.assignment_id}
        )
        raw = client.get_assignment(AssignmentId=source.assignment.assignment_id)
    wrapped = GetAssignmentResponse.model_validate(raw)
    assert wrapped.response_metadata is not None
    assert wrapped.response_metadata.to_boto3() == METADATA
    assert wrapped.model_copy(update={"response_metadata": None}) == source
    assert wrapped.assignment is not None
    assert wrapped.assignment.submit_time is not None
    assert wrapped.assignment.submit_time.tzinfo is timezone.utc
    assert isinstance(raw["Assignment"]["SubmitTime"].tzinfo, tzlocal)


@given(get_hit_responses())
def test_get_hit(source: GetHITResponse) -> None:
    assert source.hit is not None
    with stubbed() as (client, stubber):
        stubber.add_response("get_hit", as_boto3(source), {"HITId": source.hit.hit_id})
        raw = client.get_hit(HITId=source.hit.hit_id)
    wrapped = GetHITResponse.model_validate(raw)
    assert wrapped.model_copy(update={"response_metadata": None}) == source


@given(list_assignments_for_hit_responses())
def test_list_assignments_for_hit(source: ListAssignmentsForHITResponse) -> None:
    with stubbed() as (client, stubber):
        stubber.add_response("list_assignments_for_hit", as_boto3(source), {"HITId": "3HIT"})
        raw = client.list_assignments_for_hit(HITId="3HIT")
    wrapped = ListAssignmentsForHITResponse.model_validate(raw)
    assert wrapped.model_copy(update={"response_metadata": None}) == source


@st.composite
def paged(draw: st.DrawFn) -> list[ListAssignmentsForHITResponse]:
    """Two to four pages: every page but the last carries the token of the next."""
    count = draw(st.integers(min_value=2, max_value=4))
    pages = [
        draw(list_assignments_for_hit_responses(max_assignments=3, last=True)) for _ in range(count)
    ]
    return [
        page.model_copy(
            update={"next_token": f"token-{number + 1}" if number < count - 1 else None}
        )
        for number, page in enumerate(pages)
    ]


@given(paged())
def test_paginator_through_iter_assignments(pages: list[ListAssignmentsForHITResponse]) -> None:
    with stubbed() as (client, stubber):
        for number, page in enumerate(pages):
            expected: dict[str, Any] = {"HITId": "3HIT", "MaxResults": 100}
            if number:
                expected["NextToken"] = f"token-{number}"
            stubber.add_response("list_assignments_for_hit", as_boto3(page), expected)
        paginator = client.get_paginator("list_assignments_for_hit")
        result = list(
            iter_assignments(paginator.paginate(HITId="3HIT", PaginationConfig={"PageSize": 100}))
        )
    assert result == [a for page in pages for a in page.assignments or ()]
    assert all(a.accept_time is None or a.accept_time.tzinfo is timezone.utc for a in result)


def test_stubber_refuses_what_botocore_would_not_return() -> None:
    # The guard rail of this module: Stubber validates stubs against the service model, so
    # the generated responses above are responses botocore itself accepts.
    with (
        stubbed() as (_client, stubber),
        pytest.raises(ParamValidationError, match='Unknown parameter in HIT: "NotAMember"'),
    ):
        stubber.add_response("get_hit", {"HIT": {"NotAMember": 1}})
