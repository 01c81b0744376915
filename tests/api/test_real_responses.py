"""Real saved outputs of MTurk operations (``tests/data/responses/``, sources in SOURCES.md).

Each file is kept as it was published: a boto3 response saved as JSON, a response as Python
printed it (``repr``, with ``datetime`` objects), a response as a JavaScript console printed it,
and the sample response of the API reference. The functions below read the printed forms into the
values boto3 gave; then every output must wrap into its response model, give the same data back
from ``to_boto3()`` (timestamps as the same instants, in UTC) and lose nothing.
"""

from __future__ import annotations

import ast
import copy
import json
import re
from datetime import datetime, timedelta, timezone, tzinfo
from decimal import Decimal
from email.utils import parsedate_to_datetime
from typing import Any

import pytest
from tests.conftest import data_path, load_json

from mturk_models import (
    HIT,
    ActionsGuarded,
    CreateQualificationTypeResponse,
    GetAccountBalanceResponse,
    GetHITResponse,
    HTMLQuestion,
    ListReviewableHITsResponse,
    QualificationTypeStatus,
)


def read_text(name: str) -> str:
    return data_path(f"responses/{name}").read_text("utf-8")


# --- reading the printed forms ----------------------------------------------------------------


def printed_python(text: str, zone: tzinfo) -> Any:
    """A boto3 response as ``print(response)`` wrote it: literals, ``datetime.datetime(...)``
    and ``tzlocal()``, which is read as ``zone`` (the printing machine's zone)."""

    def value(node: ast.expr) -> Any:
        if isinstance(node, ast.Dict):
            return {value(k): value(v) for k, v in zip(node.keys, node.values, strict=True)}
        if isinstance(node, ast.List):
            return [value(item) for item in node.elts]
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "tzlocal":
            return zone
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "datetime.datetime":
            arguments = [value(a) for a in node.args]
            keywords = {k.arg: value(k.value) for k in node.keywords if k.arg}
            return datetime(*arguments, **keywords)
        raise AssertionError(f"not a printed boto3 value: {ast.dump(node)}")

    return value(ast.parse(text.strip(), mode="eval").body)


def printed_javascript(text: str) -> Any:
    """An object as a JavaScript console (or the API reference) prints it: bare keys, strings in
    single quotes, numbers kept exactly (as Decimal)."""
    quoted = re.sub(r"([{,]\s*)([A-Za-z_]\w*)\s*:", r'\1"\2":', text)
    quoted = re.sub(r"'([^'\\]*)'", r'"\1"', quoted)
    return json.loads(quoted, parse_float=Decimal)


def test_the_printed_forms_read_as_boto3_values() -> None:
    zone = timezone(timedelta(hours=-8))
    printed = "{'A': datetime.datetime(2017, 1, 2, 3, 4, 5, tzinfo=tzlocal()), 'B': [True, None]}"
    assert printed_python(printed, zone) == {
        "A": datetime(2017, 1, 2, 11, 4, 5, tzinfo=timezone.utc),
        "B": [True, None],
    }
    assert printed_javascript("{ A: 'x y', \"B\":\n 1.50, C: [ { D: 2 } ] }") == {
        "A": "x y",
        "B": Decimal("1.50"),
        "C": [{"D": 2}],
    }
    with pytest.raises(AssertionError, match="not a printed boto3 value"):
        printed_python("{'A': open('x')}", zone)


# --- what every saved output must do ----------------------------------------------------------


def same_data(given: Any, back: Any, where: str = "") -> None:
    """``back`` (``to_boto3()``) holds exactly ``given``: the same keys at every level, the same
    values, timestamps as the same instants (boto3 gives datetimes, ``to_boto3`` ISO text in
    UTC, the AWS CLI epoch seconds), amounts as the same decimal."""
    if isinstance(given, dict):
        assert isinstance(back, dict), where
        assert set(back) == set(given), f"{where}: keys {set(given) ^ set(back)} lost or added"
        for key in given:
            same_data(given[key], back[key], f"{where}/{key}")
    elif isinstance(given, list):
        assert isinstance(back, list), where
        assert len(back) == len(given), where
        for index, (a, b) in enumerate(zip(given, back, strict=True)):
            same_data(a, b, f"{where}/{index}")
    elif isinstance(given, datetime) or (isinstance(back, str) and _is_timestamp(back)):
        assert _instant(back) == _instant(given), where
    elif isinstance(given, Decimal):
        assert Decimal(back) == given, where
    else:
        assert back == given, where
        assert type(back) is type(given), where


def _is_timestamp(text: str) -> bool:
    return (
        re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)", text) is not None
    )


def _instant(value: Any) -> datetime:
    if isinstance(value, datetime):
        assert value.tzinfo is not None
        return value
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value, timezone.utc)
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def wraps_and_gives_it_back(model: Any, raw: dict[str, Any]) -> Any:
    """The whole promise for one saved output; returns the wrapped response."""
    yaml = pytest.importorskip("yaml")
    response = model.model_validate(raw)
    back = response.to_boto3()
    same_data(raw, back)
    assert model.model_validate(back) == response
    assert model.model_validate_json(response.model_dump_json()) == response
    assert yaml.safe_load(yaml.safe_dump(back)) == back
    return response


# --- GetHIT: a whole boto3 response, saved by amti -------------------------------------------


GET_HIT = load_json("responses/get_hit_01.json")


def test_a_real_get_hit_response_gives_every_member_back() -> None:
    # MTurk returns RequiredToPreview false beside ActionsGuarded on every requirement: the
    # reference's "should not be used in combination" is a weak rule, never an error here.
    raw = GET_HIT
    response = wraps_and_gives_it_back(GetHITResponse, raw)
    hit = response.hit
    assert isinstance(hit, HIT)
    source = raw["HIT"]
    assert hit.hit_id == source["HITId"]
    assert hit.hit_group_id == source["HITGroupId"]
    assert hit.reward == Decimal("1.00")
    assert hit.requester_annotation == source["RequesterAnnotation"]
    # amti saved the timestamps with the machine's offset (-07:00): the same instants, in UTC.
    assert hit.creation_time == datetime(2021, 9, 17, 19, 47, 27, tzinfo=timezone.utc)
    assert hit.expiration == datetime(2021, 9, 18, 19, 47, 27, tzinfo=timezone.utc)
    # The same Locale requirement twice, as MTurk returned it: both kept, in order.
    requirements = hit.qualification_requirements
    assert requirements is not None
    assert [r.qualification_type_id for r in requirements] == [
        "00000000000000000071",
        "000000000000000000L0",
        "00000000000000000071",
    ]
    assert [(r.required_to_preview, r.actions_guarded) for r in requirements] == [
        (False, ActionsGuarded.ACCEPT)
    ] * 3
    assert response.response_metadata is not None
    assert response.response_metadata.request_id == raw["ResponseMetadata"]["RequestId"]
    question = hit.parse_question()
    assert isinstance(question, HTMLQuestion)
    assert question.frame_height == 450


def test_unknown_keys_in_a_real_response_are_kept() -> None:
    raw = copy.deepcopy(GET_HIT)
    raw["Extra"] = {"Nested": [1, "two"]}
    raw["HIT"]["HITFutureMember"] = "kept"
    raw["HIT"]["QualificationRequirements"][0]["Unknown"] = True
    wraps_and_gives_it_back(GetHITResponse, raw)


# --- CreateQualificationType: a printed boto3 response, and an AWS CLI output ----------------


def printing_zone(printed: dict[str, Any], local: datetime) -> timezone:
    """The zone of the machine that printed a response: its local ``CreationTime`` against the
    response's own HTTP ``date`` header (the same second, in GMT)."""
    sent = parsedate_to_datetime(printed["ResponseMetadata"]["HTTPHeaders"]["date"])
    return timezone(local.replace(tzinfo=timezone.utc) - sent)


def test_a_printed_create_qualification_type_response_gives_every_member_back() -> None:
    text = read_text("create_qualification_type_02.txt")
    first = printed_python(text, timezone.utc)
    local = first["QualificationType"]["CreationTime"].replace(tzinfo=None)
    zone = printing_zone(first, local)
    assert zone.utcoffset(None) == timedelta(hours=-8)  # printed in California, in November
    raw = printed_python(text, zone)
    response = wraps_and_gives_it_back(CreateQualificationTypeResponse, raw)
    qtype = response.qualification_type
    assert qtype is not None
    assert qtype.creation_time == datetime(2017, 11, 10, 23, 7, 14, tzinfo=timezone.utc)
    assert qtype.auto_granted is True
    assert qtype.auto_granted_value == 1
    assert qtype.retry_delay_in_seconds == 123
    assert qtype.qualification_type_status is QualificationTypeStatus.ACTIVE
    assert response.response_metadata is not None
    assert response.response_metadata.http_status_code == 200


def test_the_aws_cli_create_qualification_type_output_gives_every_member_back() -> None:
    raw = load_json("create_qualification_type_01.json")
    response = wraps_and_gives_it_back(CreateQualificationTypeResponse, raw)
    assert response.qualification_type is not None


# --- ListReviewableHITs: a page as the JavaScript SDK printed it ----------------------------


def test_a_printed_list_reviewable_hits_page_gives_every_member_back() -> None:
    raw = printed_javascript(read_text("list_reviewable_hits_01.txt"))
    response = wraps_and_gives_it_back(ListReviewableHITsResponse, raw)
    assert response.num_results == 1
    assert response.next_token == "NEXT_TOKEN_VALUE"
    (hit,) = ListReviewableHITsResponse.iter_items([raw])
    # ListReviewableHITs returns HITs that carry their HITId only.
    assert hit == HIT(hit_id="388FBO7JZT48TG61MZMH91GBEYPYNF")


# --- GetAccountBalance: the API reference's sample response ----------------------------------


def test_the_reference_sample_account_balance_reads_as_the_same_amount() -> None:
    raw = printed_javascript(read_text("get_account_balance_01.txt"))
    assert raw == {"AvailableBalance": Decimal("10000.00")}  # a JSON number, not a string
    response = wraps_and_gives_it_back(GetAccountBalanceResponse, raw)
    assert response.available_balance == Decimal("10000.00")
    assert response.to_boto3() == {"AvailableBalance": "10000.00"}  # boto3's shape: a string


# --- MTurk's refusals: two real error bodies through botocore and MTurkClient ---------------


ERRORS = [
    ("reject_assignment", {"assignment_id": "3ABC", "requester_feedback": "Not complete"}),
    ("get_hit", {"hit_id": "3PR3LXCWSFNV4OJWZBHIMQOIJVSX9G"}),
]


@pytest.mark.parametrize(("index", "call"), list(enumerate(ERRORS)), ids=[e[0] for e in ERRORS])
def test_a_real_mturk_error_body_becomes_the_typed_error(
    index: int, call: tuple[str, dict[str, Any]]
) -> None:
    boto3 = pytest.importorskip("boto3")
    from botocore.awsrequest import AWSResponse

    from mturk_models import MTurkClient, MTurkRequestError

    body = data_path("responses/request_errors_01.jsonl").read_bytes().splitlines()[index]
    given = json.loads(body)

    class Raw:
        def stream(self, **_: Any) -> Any:
            yield body

    def answer(request: Any, **_: Any) -> AWSResponse:  # MTurk's answer; nothing is sent
        headers = {"x-amzn-RequestId": "req-1", "Content-Type": "application/x-amz-json-1.1"}
        return AWSResponse(request.url, 400, headers, Raw())

    client = boto3.client(
        "mturk", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    client.meta.events.register("before-send.mturk", answer)
    method, arguments = call
    with pytest.raises(MTurkRequestError) as info:
        getattr(MTurkClient(client), method)(**arguments)
    error = info.value
    assert error.operation == method
    assert error.error_code == given["__type"] == "RequestError"
    assert error.message == given["Message"]
    assert error.turk_error_code == given["TurkErrorCode"]
    assert error.request_id == "req-1"
    assert error.http_status_code == 400
