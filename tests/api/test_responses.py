"""Response envelopes, ResponseMetadata, base configs, and lazy paging with iter_assignments."""

from __future__ import annotations

from collections.abc import Iterator
from types import MappingProxyType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import Field, ValidationError

from mturk_models import (
    Assignment,
    GetAssignmentResponse,
    GetHITResponse,
    ListAssignmentsForHITResponse,
    ListBonusPaymentsResponse,
    ListHITsResponse,
    iter_assignments,
)
from mturk_models._base import RequestModel, Structure
from mturk_models.api._page import ResponseMetadata
from mturk_models.testing import (
    boto3_list_assignments_for_hit_responses,
    get_assignment_responses,
    get_hit_responses,
    list_assignments_for_hit_responses,
    list_bonus_payments_responses,
    list_hits_responses,
)

METADATA = {
    "RequestId": "2b0d6b0c-6c39-4b5b-9a55-3f1c1b8f0d7e",
    "HTTPStatusCode": 200,
    "HTTPHeaders": {"content-type": "application/x-amz-json-1.1"},
    "RetryAttempts": 0,
}


def page(*ids: str, token: str | None = None) -> dict[str, Any]:
    found: dict[str, Any] = {
        "Assignments": [{"AssignmentId": i, "HITId": "3HIT"} for i in ids],
        "NumResults": len(ids),
        "ResponseMetadata": METADATA,
    }
    if token:
        found["NextToken"] = token
    return found


# --- envelopes --------------------------------------------------------------------------------


def test_get_assignment_response_with_metadata() -> None:
    response = GetAssignmentResponse.model_validate(
        {"Assignment": {"AssignmentId": "3A"}, "HIT": {"HITId": "3H"}, "ResponseMetadata": METADATA}
    )
    assert response.assignment == Assignment(assignment_id="3A")
    assert response.hit is not None
    assert response.hit.hit_id == "3H"
    assert response.response_metadata == ResponseMetadata.model_validate(METADATA)
    assert response.response_metadata is not None
    assert response.response_metadata.request_id == METADATA["RequestId"]
    assert response.to_boto3()["ResponseMetadata"] == METADATA


def test_get_hit_response() -> None:
    response = GetHITResponse.model_validate({"HIT": {"HITId": "3H", "Reward": "1"}})
    assert response.hit is not None
    assert response.to_boto3() == {"HIT": {"HITId": "3H", "Reward": "1.00"}}


def test_list_response() -> None:
    response = ListAssignmentsForHITResponse.model_validate(page("3A", "3B", token="tok"))
    assert response.next_token == "tok"
    assert response.num_results == 2
    assert [a.assignment_id for a in response.assignments or ()] == ["3A", "3B"]


@pytest.mark.parametrize(
    ("model", "data", "code", "loc"),
    [
        (ListAssignmentsForHITResponse, {"NextToken": ""}, "string_too_short", ("NextToken",)),
        (
            ListAssignmentsForHITResponse,
            {"NextToken": "x" * 256},
            "string_too_long",
            ("NextToken",),
        ),
        (ListAssignmentsForHITResponse, {"Assignments": {}}, "tuple_type", ("Assignments",)),
        (GetAssignmentResponse, {"Assignment": []}, "model_type", ("Assignment",)),
        (GetHITResponse, {"HIT": {"HITId": "bad id"}}, "string_pattern_mismatch", ("HIT", "HITId")),
        (GetHITResponse, {"ResponseMetadata": "ok"}, "model_type", ("ResponseMetadata",)),
    ],
)
def test_envelope_errors(model: Any, data: dict[str, Any], code: str, loc: tuple[Any, ...]) -> None:
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    error = info.value.errors()[0]
    assert (error["type"], error["loc"]) == (code, loc)


def test_unknown_keys_kept_at_every_level() -> None:
    response = GetAssignmentResponse.model_validate(
        {"Assignment": {"AssignmentId": "3A", "Extra": 1}, "HIT": {}, "Top": [1]}
    )
    assert response.model_extra == {"Top": [1]}
    assert response.assignment is not None
    assert response.assignment.model_extra == {"Extra": 1}
    assert response.to_boto3() == {
        "Assignment": {"AssignmentId": "3A", "Extra": 1},
        "HIT": {},
        "Top": [1],
    }


@given(
    get_assignment_responses()
    | get_hit_responses()
    | list_assignments_for_hit_responses()
    | list_hits_responses()
    | list_bonus_payments_responses()
)
def test_envelopes_round_trip(response: Any) -> None:
    model = type(response)
    assert model.model_validate(response.model_dump(by_alias=True, exclude_none=True)) == response
    assert model.model_validate(
        {**response.to_boto3(), "ResponseMetadata": METADATA}
    ).response_metadata == ResponseMetadata.model_validate(METADATA)


# --- the two base configurations --------------------------------------------------------------


class _Request(RequestModel):
    hit_type_id: str = Field(alias="HITTypeId", description="x")
    max_results: int | None = Field(default=None, description="y")


class _Response(Structure):
    hit_type_id: str | None = Field(default=None, alias="HITTypeId", description="x")


def test_request_models_forbid_unknown_keys() -> None:
    with pytest.raises(ValidationError) as info:
        _Request.model_validate({"HITTypeId": "3T", "Unknown": 1})
    assert info.value.errors()[0]["type"] == "extra_forbidden"
    request = _Request.model_validate({"hit_type_id": "3T"})
    assert request.to_boto3() == {"HITTypeId": "3T"}
    with pytest.raises(ValidationError, match="frozen"):
        request.max_results = 3  # type: ignore[misc]


def test_response_models_keep_unknown_keys() -> None:
    response = _Response.model_validate({"HITTypeId": "3T", "Unknown": 1})
    assert response.model_extra == {"Unknown": 1}
    assert _Response(hit_type_id="3T").to_boto3() == {"HITTypeId": "3T"}  # type: ignore[call-arg]


# --- iter_assignments -------------------------------------------------------------------------


def test_iterates_pages_in_order() -> None:
    pages = [page("3A", "3B", token="t1"), page("3C", token="t2"), page()]
    assert [a.assignment_id for a in iter_assignments(pages)] == ["3A", "3B", "3C"]


def test_is_lazy() -> None:
    pulled: list[int] = []

    def pages() -> Iterator[dict[str, Any]]:
        for number in range(1, 1000):
            pulled.append(number)
            yield page(f"3A{number}")

    stream = iter_assignments(pages())
    assert pulled == []  # nothing read before the first assignment is asked for
    assert next(stream).assignment_id == "3A1"
    assert pulled == [1]
    assert next(stream).assignment_id == "3A2"
    assert pulled == [1, 2]


def test_error_in_a_later_page_comes_only_when_it_is_reached() -> None:
    def pages() -> Iterator[dict[str, Any]]:
        yield page("3A", "3B")
        raise RuntimeError("page 2 must not be fetched yet")

    stream = iter_assignments(pages())
    assert [next(stream).assignment_id, next(stream).assignment_id] == ["3A", "3B"]
    with pytest.raises(RuntimeError, match="page 2"):
        next(stream)


def test_single_page_and_wrapped_pages() -> None:
    assert [a.assignment_id for a in iter_assignments(page("3A"))] == ["3A"]
    wrapped = ListAssignmentsForHITResponse.model_validate(page("3B"))
    assert [a.assignment_id for a in iter_assignments(wrapped)] == ["3B"]
    mixed = [wrapped, page("3C"), MappingProxyType(page("3D"))]
    assert [a.assignment_id for a in iter_assignments(mixed)] == ["3B", "3C", "3D"]


def test_empty_pages_and_missing_assignments() -> None:
    assert list(iter_assignments([])) == []
    assert list(iter_assignments([{}, {"NumResults": 0, "ResponseMetadata": METADATA}])) == []
    assert list(iter_assignments([{"Assignments": None}])) == []


@pytest.mark.parametrize(
    ("bad", "kind"),
    [([{"AssignmentId": "3A"}], "list"), ("page", "str"), (None, "NoneType"), (42, "int")],
)
def test_non_mapping_page_is_a_clear_error(bad: Any, kind: str) -> None:
    stream = iter_assignments([page("3A"), bad])
    assert next(stream).assignment_id == "3A"
    with pytest.raises(ValidationError) as info:
        next(stream)
    (error,) = info.value.errors()
    assert error["type"] == "assignments_page_type"
    assert error["loc"] == (1,)
    assert error["msg"] == (
        "Page 1 should be a ListAssignmentsForHIT response (a mapping with 'Assignments'); "
        f"got {kind}"
    )


@pytest.mark.parametrize(
    "bad",
    [
        {"AssignmentId": "3A", "WorkerId": "A1"},  # an assignment instead of a page
        {"Assignment": {}, "HIT": {}},  # a GetAssignment response
    ],
)
def test_mapping_that_is_not_a_page_is_refused(bad: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as info:
        list(iter_assignments([bad]))
    (error,) = info.value.errors()
    assert error["type"] == "assignments_page_keys"
    assert error["msg"].startswith("Page 0 has no 'Assignments' but has ")


def test_invalid_assignment_error_names_page_and_position() -> None:
    pages = [page("3A"), page("3B", "bad-id")]
    with pytest.raises(ValidationError) as info:
        list(iter_assignments(pages))
    (error,) = info.value.errors()
    assert error["loc"] == (1, "Assignments", 1, "AssignmentId")
    assert error["type"] == "string_pattern_mismatch"
    assert "ListAssignmentsForHITResponse.iter_items" in str(info.value)


@given(st.lists(boto3_list_assignments_for_hit_responses(), max_size=4))
def test_iter_matches_wrapping_each_page(pages: list[dict[str, Any]]) -> None:
    expected = [
        a for p in pages for a in ListAssignmentsForHITResponse.model_validate(p).assignments or ()
    ]
    assert list(iter_assignments(pages)) == expected
    assert list(iter_assignments(iter(pages))) == expected


# --- every list response is a Page ------------------------------------------------------------


def test_iter_assignments_is_the_page_method() -> None:
    assert iter_assignments == ListAssignmentsForHITResponse.iter_items
    assert ListAssignmentsForHITResponse.items_alias() == "Assignments"


@pytest.mark.parametrize(
    ("model", "alias", "item", "code"),
    [
        (ListHITsResponse, "HITs", {"HITId": "3H"}, "hits_page_keys"),
        (
            ListBonusPaymentsResponse,
            "BonusPayments",
            {"WorkerId": "A1", "BonusAmount": "0.04"},
            "bonus_payments_page_keys",
        ),
    ],
)
def test_other_list_responses_page_the_same_way(
    model: Any, alias: str, item: dict[str, Any], code: str
) -> None:
    pages = [{alias: [item, item], "NextToken": "t"}, {alias: [item], "ResponseMetadata": METADATA}]
    found = list(model.iter_items(pages))
    assert len(found) == 3
    assert found[0] == model.model_validate(pages[0]).items()[0]
    assert model.model_validate({}).items() == ()
    with pytest.raises(ValidationError) as info:
        list(model.iter_items([pages[0], item]))
    (error,) = info.value.errors()
    assert (error["type"], error["loc"]) == (code, (1,))


@given(st.lists(list_hits_responses() | list_bonus_payments_responses(), max_size=3))
def test_items_of_wrapped_pages_are_the_items(pages: list[Any]) -> None:
    for page in pages:
        model = type(page)
        assert list(model.iter_items([page.to_boto3(), page])) == [*page.items(), *page.items()]
