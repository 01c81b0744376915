"""A real boto3 client, no network: botocore's Stubber serves generated responses.

What boto3 hands back (tzlocal datetimes, ResponseMetadata) must wrap into models equal to the
ones the responses were generated from.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from functools import cache
from typing import Any

import boto3
import botocore.session
import pytest
from botocore import xform_name
from botocore.exceptions import ParamValidationError
from botocore.stub import Stubber
from dateutil.tz import tzlocal
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

import mturk_models
from mturk_models import (
    NUMBER_HITS_APPROVED,
    WORKER_LOCALE,
    ActionsGuarded,
    GetAssignmentResponse,
    GetHITResponse,
    ListAssignmentsForHITResponse,
    iter_assignments,
)
from mturk_models.api._page import Page
from mturk_models.testing import (
    currency_amounts,
    get_assignment_responses,
    get_hit_responses,
    list_assignments_for_hit_responses,
    locales,
    qualification_requirements,
    qualification_types,
    qualifications,
    review_action_details,
    utc_datetimes,
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


# --- every operation: a fully populated response generated from botocore's service model -------
# The generator walks the output shape: every member, lists of three items, strings that match
# the member's pattern. Shapes with rules of their own come from the library's strategies
# (a Locale from ISO 3166, requirements whose values fit their comparator, a Qualification with
# one kind of value), so that three items cover every member between them.


@cache
def service() -> Any:
    return botocore.session.get_session().get_service_model("mturk")


def _dump(model: Any) -> Any:
    return model.to_boto3()


def _requirement_variants() -> st.SearchStrategy[list[dict[str, Any]]]:
    # An integer requirement with RequiredToPreview and a locale one with ActionsGuarded (the
    # two pairs exclude each other), then any requirement.
    integer = st.builds(
        lambda value, preview: {
            "QualificationTypeId": NUMBER_HITS_APPROVED,
            "Comparator": "GreaterThan",
            "IntegerValues": [value],
            "RequiredToPreview": preview,
        },
        st.integers(min_value=0, max_value=10_000),
        st.booleans(),
    )
    locale = st.builds(
        lambda places, guarded: {
            "QualificationTypeId": WORKER_LOCALE,
            "Comparator": "In",
            "LocaleValues": [place.to_boto3() for place in places],
            "ActionsGuarded": guarded,
        },
        st.lists(locales(subdivision=True), min_size=1, max_size=3),
        st.sampled_from([guarded.value for guarded in ActionsGuarded]),
    )
    return st.tuples(integer, locale, qualification_requirements().map(_dump)).map(list)


def _qualification_variants() -> st.SearchStrategy[list[dict[str, Any]]]:
    return st.tuples(
        qualifications(full=True, locale=False),
        qualifications(full=True, locale=True),
        qualifications(full=True),
    ).map(lambda qs: [q.to_boto3() for q in qs])


OVERRIDES: dict[str, Callable[[], st.SearchStrategy[Any]]] = {
    "Locale": lambda: locales(subdivision=True).map(_dump),
    "QualificationRequirementList": _requirement_variants,
    "QualificationList": _qualification_variants,
    "Qualification": lambda: qualifications(full=True).map(_dump),
    "QualificationType": lambda: qualification_types(full=True).map(_dump),
    "ReviewActionDetail": lambda: review_action_details(full=True).map(_dump),
}


def shape_values(shape: Any) -> st.SearchStrategy[Any]:
    """Values of a botocore shape, every member present, in the form boto3 returns them."""
    if shape.name in OVERRIDES:
        return OVERRIDES[shape.name]()
    kind = shape.type_name
    if kind == "structure":
        return st.fixed_dictionaries(
            {name: shape_values(member) for name, member in shape.members.items()}
        )
    if kind == "list":
        return st.lists(shape_values(shape.member), min_size=3, max_size=3)
    if kind == "timestamp":
        return utc_datetimes().map(lambda t: t.astimezone(tzlocal()))
    if kind == "boolean":
        return st.booleans()
    if kind in ("integer", "long"):
        return st.integers(min_value=0, max_value=2**31 - 1)
    assert kind == "string", shape.name
    meta = shape.metadata
    if meta.get("enum"):
        return st.sampled_from(meta["enum"])
    if shape.name == "CurrencyAmount":
        return currency_amounts().map(lambda amount: f"{amount:.2f}")
    if "pattern" in meta:
        low, high = meta.get("min", 1), meta.get("max", 64)
        return st.from_regex(meta["pattern"], fullmatch=True).filter(
            lambda text: low <= len(text) <= high
        )
    return st.text(min_size=meta.get("min", 0), max_size=min(meta.get("max", 30), 30))


def minimal_input(shape: Any) -> Any:
    """The required members of an input shape, with values botocore's validator accepts."""
    kind = shape.type_name
    if kind == "structure":
        return {name: minimal_input(shape.members[name]) for name in shape.required_members}
    if kind == "list":
        return [minimal_input(shape.member)]
    if kind in ("integer", "long"):
        return max(shape.metadata.get("min", 1), 1)
    if kind == "boolean":
        return True
    if kind == "timestamp":
        return datetime(2030, 1, 1, tzinfo=timezone.utc)
    if shape.metadata.get("enum"):
        return shape.metadata["enum"][0]
    return "A" + "1" * max(shape.metadata.get("min", 1) - 1, 1)


def members_seen(shape: Any, value: Any, seen: set[tuple[str, str]]) -> None:
    if shape.type_name == "structure":
        for name, item in value.items():
            if name in shape.members:
                seen.add((shape.name, name))
                members_seen(shape.members[name], item, seen)
    elif shape.type_name == "list":
        for item in value:
            members_seen(shape.member, item, seen)


def all_members(
    shape: Any, found: set[tuple[str, str]] | None = None, skip: frozenset[Any] = frozenset()
) -> set[tuple[str, str]]:
    """Every (structure, member) reachable from ``shape``, not descending into ``skip``."""
    found = set() if found is None else found
    if shape.type_name == "structure":
        for name, member in shape.members.items():
            if (shape.name, name) not in found and (shape.name, name) not in skip:
                found.add((shape.name, name))
                all_members(member, found, skip)
    elif shape.type_name == "list":
        all_members(shape.member, found, skip)
    return found


# Members that exclude each other in one value: a single Qualification (GetQualificationScore)
# holds an IntegerValue or a LocaleValue, never both; lists of three hold both kinds.
EXCLUSIVE = frozenset({("Qualification", "IntegerValue"), ("Qualification", "LocaleValue")})


@pytest.fixture(scope="module")
def client() -> Any:
    return boto3.client(
        "mturk", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )


def _instant(value: Any) -> datetime | None:
    """An aware datetime, or the one an ISO 8601 string with an offset names; else None."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value
    return None


def same_instants(left: Any, right: Any) -> bool:
    """Equal data; timestamps (datetimes or ISO 8601 strings) compared as aware instants."""
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(same_instants(left[k], right[k]) for k in left)
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(map(same_instants, left, right))
    if isinstance(left, datetime) or isinstance(right, datetime):
        left_instant, right_instant = _instant(left), _instant(right)
        return left_instant is not None and left_instant == right_instant
    if isinstance(left, bool) or isinstance(right, bool):  # True == 1, but not here
        return left is right
    return bool(left == right)


@pytest.mark.parametrize("operation", service().operation_names)
@settings(max_examples=5, phases=[Phase.explicit, Phase.generate])
@given(data=st.data())
def test_every_operation_wraps_and_gives_the_same_data_back(
    client: Any, operation: str, data: Any
) -> None:
    op = service().operation_model(operation)
    body = data.draw(shape_values(op.output_shape))
    model = getattr(mturk_models, op.output_shape.name)
    method = xform_name(operation)
    with Stubber(client) as stubber:
        stubber.add_response(method, {**body, "ResponseMetadata": METADATA})
        raw = getattr(client, method)(**minimal_input(op.input_shape))
    wrapped = model.model_validate(raw)
    assert wrapped.model_extra == {}  # every key was a member: nothing kept as unknown
    back = wrapped.to_boto3()
    assert same_instants(back, raw)
    expected = all_members(op.output_shape, skip=EXCLUSIVE)
    seen: set[tuple[str, str]] = set()
    members_seen(op.output_shape, raw, seen)
    assert expected <= seen  # fully populated: every member of every nested shape


def test_the_generated_responses_cover_every_data_structure() -> None:
    reachable: set[str] = set()
    for operation in service().operation_names:
        output = service().operation_model(operation).output_shape
        reachable |= {output.name} | {shape for shape, _ in all_members(output)}
    structures = {
        name for name in service().shape_names if service().shape_for(name).type_name == "structure"
    }
    inputs = {service().operation_model(op).input_shape.name for op in service().operation_names}
    # What no output carries: the error shapes, the inputs, and the structures only sent.
    sent_only = {"NotificationSpecification", "HITLayoutParameter"}
    assert structures - inputs - {"RequestError", "ServiceFault"} - sent_only <= reachable


# --- paging: iter_items over a Stubber-driven paginator of three pages ----------------------


def paginated() -> list[str]:
    return sorted(botocore.session.get_session().get_paginator_model("mturk")._paginator_config)


def test_nine_operations_have_a_paginator() -> None:
    assert len(paginated()) == 9


def pages() -> list[Any]:
    """The paginated operations; an output that is not yet a Page is an expected failure."""
    return [
        pytest.param(
            operation,
            marks=pytest.mark.xfail(
                strict=True, reason=f"{operation}Response is not a Page yet (no iter_items)"
            ),
        )
        if not issubclass(getattr(mturk_models, f"{operation}Response"), Page)
        else operation
        for operation in paginated()
    ]


@pytest.mark.parametrize("operation", pages())
@settings(max_examples=5, phases=[Phase.explicit, Phase.generate])
@given(data=st.data())
def test_iter_items_over_a_paginator(client: Any, operation: str, data: Any) -> None:
    op = service().operation_model(operation)
    model = getattr(mturk_models, op.output_shape.name)
    alias = model.items_alias()
    config = botocore.session.get_session().get_paginator_model("mturk")
    assert alias == config.get_paginator(operation)["result_key"]
    pages = [data.draw(shape_values(op.output_shape)) for _ in range(3)]
    pages[0]["NextToken"], pages[1]["NextToken"] = "token-1", "token-2"
    del pages[2]["NextToken"]
    method = xform_name(operation)
    with Stubber(client) as stubber:
        for page in pages:
            stubber.add_response(method, {**page, "ResponseMetadata": METADATA})
        paginator = client.get_paginator(method)
        result = list(model.iter_items(paginator.paginate(**minimal_input(op.input_shape))))
        stubber.assert_no_pending_responses()
    item_model = type(model.model_validate({alias: pages[0][alias]}).items()[0])
    assert result == [item_model.model_validate(item) for page in pages for item in page[alias]]
    assert len(result) == 9


def _many_pages(model: Any, item: dict[str, Any], count: int) -> Iterator[dict[str, Any]]:
    alias = model.items_alias()
    for number in range(count // 100):
        yield {alias: [item] * 100, "NumResults": 100, "NextToken": f"t{number}"}


FLAT_ITEMS: dict[str, dict[str, Any]] = {
    "ListAssignmentsForHIT": {"AssignmentId": "3A", "WorkerId": "A1"},
    "ListBonusPayments": {"WorkerId": "A1", "BonusAmount": "0.50"},
    "ListHITs": {"HITId": "3H", "Reward": "0.50"},
    "ListHITsForQualificationType": {"HITId": "3H"},
    "ListQualificationRequests": {"QualificationRequestId": "1", "WorkerId": "A1"},
    "ListQualificationTypes": {"QualificationTypeId": "3Q", "Name": "q"},
    "ListReviewableHITs": {"HITId": "3H"},
    "ListWorkerBlocks": {"WorkerId": "A1", "Reason": "r"},
    "ListWorkersWithQualificationType": {"WorkerId": "A1", "IntegerValue": 1},
}


def test_flat_items_cover_the_paginators() -> None:
    assert sorted(FLAT_ITEMS) == paginated()


@pytest.mark.parametrize("operation", pages())
def test_iter_items_memory_is_flat(operation: str) -> None:
    # 100,000 items from a generator of pages: only one page is held at a time, so the peak
    # stays far below what the items would take if they were kept (tens of megabytes).
    model = getattr(mturk_models, f"{operation}Response")
    tracemalloc.start()
    try:
        count = sum(1 for _ in model.iter_items(_many_pages(model, FLAT_ITEMS[operation], 100_000)))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 100_000
    assert peak < 2_000_000
