"""MTurkClient against a real boto3 client and botocore's Stubber: no network, fake credentials."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import boto3
import botocore.session
import pytest
from botocore import xform_name
from botocore.stub import ANY, Stubber
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

import mturk_models
from mturk_models import (
    MASTERS_PRODUCTION,
    MASTERS_SANDBOX,
    Environment,
    MTurkAPIError,
    MTurkClient,
    MTurkRequestError,
    MTurkServiceFault,
    QualificationEnvironmentWarning,
    SendBonusRequest,
)
from mturk_models.api._page import Page
from mturk_models.client import PRODUCTION_ENDPOINT, SANDBOX_ENDPOINT, environment_of
from mturk_models.testing import operation_requests, responses

ROOT = Path(__file__).resolve().parent.parent
SERVICE = botocore.session.get_session().get_service_model("mturk")
OPERATIONS = list(SERVICE.operation_names)
PAGINATORS = botocore.session.get_session().get_paginator_model("mturk")._paginator_config
TOKEN_METHODS = {
    "create_hit",
    "create_hit_with_hit_type",
    "send_bonus",
    "create_additional_assignments_for_hit",
}
METADATA = {"RequestId": "11111111-2222-3333-4444-555555555555", "HTTPStatusCode": 200}
BONUS = {
    "WorkerId": "AGDRU4D1VTQLB",
    "BonusAmount": "1.50",
    "AssignmentId": "3YZ8UPK3VUK9D38RJKOSRZUCFEFUCR",
    "Reason": "Thank you",
}


@cache
def boto3_client(endpoint: str | None) -> Any:
    """One boto3 client per endpoint (building one takes a while); each test stubs it anew."""
    kwargs = {} if endpoint is None else {"endpoint_url": endpoint}
    return boto3.client(
        "mturk",
        region_name="us-east-1",
        aws_access_key_id="x",
        aws_secret_access_key="x",
        **kwargs,
    )


@contextmanager
def stubbed(endpoint: str | None = "https://mturk.example.com") -> Iterator[tuple[Any, Stubber]]:
    client = boto3_client(endpoint)
    with Stubber(client) as stubber:
        yield client, stubber
        stubber.assert_no_pending_responses()


def models(operation: str) -> tuple[Any, Any]:
    return (
        getattr(mturk_models, f"{operation}Request"),
        getattr(mturk_models, f"{operation}Response"),
    )


def expected_params(method: str, request: Any) -> dict[str, Any]:
    params = request.to_boto3()
    if method in TOKEN_METHODS and "UniqueRequestToken" not in params:
        params["UniqueRequestToken"] = ANY
    return params


def by_name(request: Any) -> dict[str, Any]:
    """The request as snake_case keyword arguments (nested structures by name too)."""
    return {
        name: getattr(request, name)
        for name in type(request).model_fields
        if getattr(request, name) is not None
    }


# --- every operation --------------------------------------------------------------------------


def test_the_client_has_every_operation_and_paginator() -> None:
    boto3_methods = {xform_name(op) for op in OPERATIONS}
    assert len(boto3_methods) == 39
    assert all(callable(getattr(MTurkClient, m)) for m in boto3_methods)
    iterators = {"iter_" + xform_name(op).removeprefix("list_") for op in PAGINATORS}
    assert len(iterators) == 9
    assert all(callable(getattr(MTurkClient, m)) for m in iterators)


@pytest.mark.parametrize("operation", OPERATIONS)
@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_method_sends_the_request_and_returns_the_response(
    operation: str, data: st.DataObject
) -> None:
    request_cls, response_cls = models(operation)
    method = xform_name(operation)
    request = data.draw(operation_requests(request_cls), label="request")
    source = data.draw(responses(response_cls), label="response")
    raw = {**source.model_dump(by_alias=True, exclude_none=True), "ResponseMetadata": METADATA}
    params = expected_params(method, request)
    with stubbed() as (client, stubber):
        mturk = MTurkClient(client)
        calls = [
            lambda: getattr(mturk, method)(request),
            lambda: getattr(mturk, method)(request.to_boto3()),
            lambda: getattr(mturk, method)(**request.to_boto3()),
            lambda: getattr(mturk, method)(**by_name(request)),
        ]
        for call in calls:
            stubber.add_response(method, raw, params)
            result = call()
            assert isinstance(result, response_cls)
            assert result.model_copy(update={"response_metadata": None}) == source
            dumped = result.model_dump(by_alias=True)
            assert dumped["ResponseMetadata"]["RequestId"] == METADATA["RequestId"]


@pytest.mark.parametrize("operation", OPERATIONS)
def test_an_invalid_request_makes_no_call(operation: str) -> None:
    method = xform_name(operation)
    with stubbed() as (client, stubber):
        mturk = MTurkClient(client)
        with pytest.raises(ValidationError) as info:
            getattr(mturk, method)({"NoSuchMember": "x"})
        assert any(e["type"] == "extra_forbidden" for e in info.value.errors())
        # Nothing was queued, and nothing reached botocore: the Stubber saw no call.
        stubber.assert_no_pending_responses()


def test_a_broken_rule_makes_no_call() -> None:
    with stubbed() as (client, _), pytest.raises(ValidationError) as info:
        MTurkClient(client).send_bonus(**{**BONUS, "BonusAmount": "1.005"})
    assert info.value.errors()[0]["loc"] == ("BonusAmount",)


def test_a_request_and_keywords_together_are_refused() -> None:
    with stubbed() as (client, _):
        mturk = MTurkClient(client)
        with pytest.raises(TypeError, match="not both"):
            mturk.send_bonus(SendBonusRequest.model_validate(BONUS), reason="x")  # type: ignore[call-overload]
        with pytest.raises(TypeError, match="takes a SendBonusRequest"):
            mturk.send_bonus(mturk_models.GetHITRequest(hit_id="3ABC"))  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="one request"):
            mturk.get_hit({"HITId": "3ABC"}, {"HITId": "3ABC"})  # type: ignore[call-overload]


class Recording:
    """A boto3 client that notes the UniqueRequestToken of every call it passes on."""

    def __init__(self, client: Any, tokens: list[str]) -> None:
        self.client = client
        self.meta = client.meta
        self.tokens = tokens

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.client, name)

        def call(**kwargs: Any) -> Any:
            self.tokens.append(kwargs["UniqueRequestToken"])
            return method(**kwargs)

        return call


# --- tokens -----------------------------------------------------------------------------------


@pytest.mark.parametrize("method", sorted(TOKEN_METHODS))
def test_a_fresh_token_is_filled_in(method: str) -> None:
    seen: list[str] = []
    with stubbed() as (client, stubber):
        mturk = MTurkClient(Recording(client, seen))
        example = _examples[method]
        for _ in range(2):
            stubber.add_response(method, {}, {**example, "UniqueRequestToken": ANY})
            getattr(mturk, method)(**example)
    assert len(seen) == 2
    assert seen[0] != seen[1]
    assert all(1 <= len(token) <= 64 for token in seen)


_examples: dict[str, dict[str, Any]] = {
    "send_bonus": BONUS,
    "create_additional_assignments_for_hit": {
        "HITId": "3F6045TU7DM69TFRJMD84TAZ7K7999",
        "NumberOfAdditionalAssignments": 2,
    },
    "create_hit_with_hit_type": {
        "HITTypeId": "3HITTYPE",
        "LifetimeInSeconds": 3600,
        "MaxAssignments": 1,
        "HITLayoutId": "3LAYOUT",
    },
    "create_hit": {
        "Title": "Tag an image",
        "Description": "Choose the labels that fit",
        "Reward": "0.05",
        "AssignmentDurationInSeconds": 600,
        "LifetimeInSeconds": 3600,
        "HITLayoutId": "3LAYOUT",
    },
}


def test_a_given_token_is_kept() -> None:
    with stubbed() as (client, stubber):
        stubber.add_response("send_bonus", {}, {**BONUS, "UniqueRequestToken": "mine"})
        MTurkClient(client).send_bonus(**BONUS, UniqueRequestToken="mine")


# --- environments -----------------------------------------------------------------------------


def test_the_environment_comes_from_the_endpoint() -> None:
    sandbox = MTurkClient.sandbox(aws_access_key_id="x", aws_secret_access_key="x")
    production = MTurkClient.production(aws_access_key_id="x", aws_secret_access_key="x")
    assert sandbox.boto3_client.meta.endpoint_url == SANDBOX_ENDPOINT
    assert production.boto3_client.meta.endpoint_url == PRODUCTION_ENDPOINT
    assert sandbox.boto3_client.meta.region_name == "us-east-1"
    assert sandbox.environment is Environment.SANDBOX
    assert production.environment is Environment.PRODUCTION
    with stubbed(endpoint=None) as (client, _):  # boto3's default endpoint is production's
        assert environment_of(client) is Environment.PRODUCTION
    with stubbed() as (client, _):
        assert MTurkClient(client).environment is None
        assert MTurkClient(client, environment="Sandbox").environment is Environment.SANDBOX
    assert environment_of(object()) is None


@pytest.mark.parametrize(
    ("endpoint", "wrong"),
    [(SANDBOX_ENDPOINT, MASTERS_PRODUCTION), (PRODUCTION_ENDPOINT, MASTERS_SANDBOX)],
)
def test_the_wrong_environments_masters_is_an_error_and_no_call(endpoint: str, wrong: str) -> None:
    requirement = {"QualificationTypeId": wrong, "Comparator": "Exists"}
    with stubbed(endpoint) as (client, _), warnings.catch_warnings():
        warnings.simplefilter("error", QualificationEnvironmentWarning)
        with pytest.raises(ValidationError) as info:
            MTurkClient(client).create_hit_type(
                title="t",
                description="d",
                reward="0.10",
                assignment_duration_in_seconds=60,
                qualification_requirements=[requirement],
            )
    errors = info.value.errors()
    assert [e["type"] for e in errors] == ["qualification_environment"]
    assert errors[0]["loc"] == ("QualificationRequirements", 0, "QualificationTypeId")


def test_the_right_environments_masters_is_sent() -> None:
    requirement = {"QualificationTypeId": MASTERS_SANDBOX, "Comparator": "Exists"}
    params = {
        "Title": "t",
        "Description": "d",
        "Reward": "0.10",
        "AssignmentDurationInSeconds": 60,
        "QualificationRequirements": [requirement],
    }
    with stubbed(SANDBOX_ENDPOINT) as (client, stubber):
        stubber.add_response("create_hit_type", {"HITTypeId": "3TYPE"}, params)
        assert MTurkClient(client).create_hit_type(**params).hit_type_id == "3TYPE"


# --- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "cls"), [("RequestError", MTurkRequestError), ("ServiceFault", MTurkServiceFault)]
)
def test_mturk_errors_become_typed_exceptions(code: str, cls: type[MTurkAPIError]) -> None:
    with stubbed() as (client, stubber):
        stubber.add_client_error(
            "get_hit",
            service_error_code=code,
            service_message="Hit 3ABC does not exist.",
            http_status_code=400,
            response_meta={"RequestId": "req-1"},
            modeled_fields={
                "Message": "Hit 3ABC does not exist.",
                "TurkErrorCode": "HITDoesNotExist",
            },
            expected_params={"HITId": "3ABC"},
        )
        with pytest.raises(cls) as info:
            MTurkClient(client).get_hit(hit_id="3ABC")
    error = info.value
    assert isinstance(error, mturk_models.MTurkModelsError)
    assert error.operation == "get_hit"
    assert error.error_code == code
    assert error.turk_error_code == "HITDoesNotExist"
    assert error.message == "Hit 3ABC does not exist."
    assert error.request_id == "req-1"
    assert error.http_status_code == 400
    assert type(error.__cause__).__name__ == code  # botocore's modeled ClientError, kept


def test_an_error_without_turk_error_code() -> None:
    with stubbed() as (client, stubber):
        stubber.add_client_error("get_account_balance", "ServiceFault", "Try again")
        with pytest.raises(MTurkServiceFault) as info:
            MTurkClient(client).get_account_balance()
    assert info.value.turk_error_code is None
    assert info.value.message == "Try again"


def test_other_botocore_errors_pass_through_unchanged() -> None:
    with stubbed() as (client, stubber):
        stubber.add_client_error("get_hit", "ThrottlingException", "Rate exceeded")
        with pytest.raises(botocore.exceptions.ClientError) as info:
            MTurkClient(client).get_hit(hit_id="3ABC")
    assert not isinstance(info.value, MTurkAPIError)
    assert info.value.response["Error"]["Code"] == "ThrottlingException"


def test_a_wrong_type_is_refused_before_botocore() -> None:
    # The request model refuses first: neither botocore's validator nor the Stubber sees it.
    with stubbed() as (client, _), pytest.raises(ValidationError):
        MTurkClient(client).get_hit(hit_id=3)  # type: ignore[arg-type]


def test_mturk_errors_while_paging_become_typed_exceptions() -> None:
    with stubbed() as (client, stubber):
        stubber.add_client_error("list_hits", "RequestError", "Bad token")
        with pytest.raises(MTurkRequestError) as info:
            list(MTurkClient(client).iter_hits())
    assert info.value.operation == "list_hits"


# --- paginators -------------------------------------------------------------------------------


def three_pages(draw: Any, response_cls: Any, items: str) -> list[dict[str, Any]]:
    pages = []
    for number in range(3):
        page = draw(responses(response_cls, max_items=3), label=f"page {number}")
        raw = page.model_dump(by_alias=True, exclude_none=True)
        raw.pop("NextToken", None)
        if number < 2:
            raw["NextToken"] = f"token-{number + 1}"
        raw["NumResults"] = len(raw.get(items, []))
        pages.append(raw)
    return pages


@pytest.mark.parametrize("operation", sorted(PAGINATORS))
@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_each_iterator_yields_every_item_of_three_pages(
    operation: str, data: st.DataObject
) -> None:
    request_cls, response_cls = models(operation)
    method = xform_name(operation)
    items = PAGINATORS[operation]["result_key"]
    request = data.draw(operation_requests(request_cls), label="request")
    params = request.to_boto3()
    params.pop("NextToken", None)
    page_size = params.pop("MaxResults", None)
    pages = three_pages(data.draw, response_cls, items)
    with stubbed() as (client, stubber):
        for number, page in enumerate(pages):
            expected = dict(params)
            if page_size is not None:
                expected["MaxResults"] = page_size
            if number:
                expected["NextToken"] = f"token-{number}"
            stubber.add_response(method, page, expected)
        iterator = getattr(MTurkClient(client), "iter_" + method.removeprefix("list_"))(
            **{k: v for k, v in request.to_boto3().items() if k != "NextToken"}
        )
        found = list(iterator)
    wanted = [
        item
        for page in pages
        for item in getattr(response_cls.model_validate(page), field_of(response_cls, items)) or ()
    ]
    assert found == wanted


def field_of(response_cls: Any, alias: str) -> str:
    return next(n for n, f in response_cls.model_fields.items() if f.alias == alias)


def test_iterators_are_lazy() -> None:
    # One page queued, a NextToken on it: the second page is asked for only if iterated on.
    with stubbed() as (client, stubber):
        page = {"NumResults": 1, "HITs": [{"HITId": "3A"}], "NextToken": "t"}
        stubber.add_response("list_hits", page, {})
        iterator = MTurkClient(client).iter_hits()
        assert next(iterator).hit_id == "3A"


def test_a_next_token_in_a_request_starts_the_paginator_there() -> None:
    with stubbed() as (client, stubber):
        stubber.add_response(
            "list_worker_blocks",
            {"NumResults": 1, "WorkerBlocks": [{"WorkerId": "A1", "Reason": "r"}]},
            {"NextToken": "start-here", "MaxResults": 10},
        )
        found = list(
            MTurkClient(client).iter_worker_blocks({"NextToken": "start-here", "MaxResults": 10})
        )
    assert [b.worker_id for b in found] == ["A1"]


def test_page_models_are_pages_where_h7_made_them_so() -> None:
    # Every paginated response is read through the model; Pages through iter_items.
    assert any(issubclass(models(op)[1], Page) for op in PAGINATORS)


# --- the generated code and its types ---------------------------------------------------------


def _load_generator() -> Any:
    spec = importlib.util.spec_from_file_location(
        "generate_client", ROOT / "scripts" / "generate_client.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(importlib.util.find_spec("ruff") is None, reason="ruff is not installed")
def test_regenerating_the_client_gives_the_committed_text() -> None:
    committed = (ROOT / "src" / "mturk_models" / "client.py").read_text("utf-8")
    assert _load_generator().render() == committed


MISTYPED = """
from mturk_models import MTurkClient

def run(mturk: MTurkClient) -> None:
    mturk.send_bonus(worker_id="A1", bonus_amount="1.00", assignment_id=3, reason="r")
    mturk.get_hit(hit_idd="3ABC")
    reveal_type(mturk.get_hit(hit_id="3ABC"))
    reveal_type(mturk.iter_hits())
"""


@pytest.mark.skipif(
    shutil.which("mypy") is None and importlib.util.find_spec("mypy") is None,
    reason="mypy is not installed",
)
def test_mypy_reports_a_wrong_type_and_a_misspelt_keyword(tmp_path: Path) -> None:
    source = tmp_path / "mistyped.py"
    source.write_text(MISTYPED, "utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--cache-dir",
            str(tmp_path / "cache"),
            "--config-file",
            str(ROOT / "pyproject.toml"),
            str(source),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    out = done.stdout
    assert done.returncode == 1, out
    lines: dict[int, str] = {}
    for line in out.splitlines():
        if "mistyped.py:" in line:
            number = int(line.split(":")[1])
            lines[number] = lines.get(number, "") + line + "\n"
    assert "error" in lines[5]  # assignment_id=3: not a str
    assert "send_bonus" in lines[5]
    assert "error" in lines[6]  # hit_idd: no such keyword
    assert "get_hit" in lines[6]
    assert "GetHITResponse" in lines[7]
    assert "Iterator[mturk_models.api.hits.HIT]" in lines[8]
