"""The requests of the Worker operations: blocks and NotifyWorkers' limits."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from mturk_models import (
    CreateWorkerBlockRequest,
    DeleteWorkerBlockRequest,
    ListWorkerBlocksRequest,
    NotifyWorkersRequest,
)

VALID = {"Subject": "Hello", "MessageText": "A new batch is up.", "WorkerIds": ["AGDRU4D1VTQLB"]}


def errors(model: type[BaseModel], data: dict[str, Any]) -> list[tuple[str, tuple[Any, ...]]]:
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    return [(e["type"], tuple(e["loc"])) for e in info.value.errors()]


def workers(n: int) -> list[str]:
    return [f"A{i:05d}" for i in range(n)]


def test_one_to_a_hundred_workers() -> None:
    assert len(NotifyWorkersRequest.model_validate({**VALID, "WorkerIds": workers(100)}).worker_ids)
    assert errors(NotifyWorkersRequest, {**VALID, "WorkerIds": workers(101)}) == [
        ("too_long", ("WorkerIds",))
    ]
    assert errors(NotifyWorkersRequest, {**VALID, "WorkerIds": []}) == [
        ("too_short", ("WorkerIds",))
    ]


def test_subject_and_message_limits() -> None:
    NotifyWorkersRequest.model_validate({**VALID, "Subject": "s" * 200, "MessageText": "m" * 4096})
    found = errors(NotifyWorkersRequest, {**VALID, "Subject": "s" * 201, "MessageText": "m" * 4097})
    assert found == [("string_too_long", ("Subject",)), ("string_too_long", ("MessageText",))]


def test_each_worker_id_is_a_customer_id() -> None:
    found = errors(NotifyWorkersRequest, {**VALID, "WorkerIds": ["AGDRU4D1VTQLB", "worker-2"]})
    assert found == [("string_pattern_mismatch", ("WorkerIds", 1))]


def test_worker_ids_from_a_generator_or_a_set() -> None:
    ids = workers(3)
    from_generator = NotifyWorkersRequest.model_validate({**VALID, "WorkerIds": iter(ids)})
    assert from_generator.to_boto3()["WorkerIds"] == ids
    from_set = NotifyWorkersRequest.model_validate({**VALID, "WorkerIds": {ids[0]}})
    assert from_set.to_boto3()["WorkerIds"] == ids[:1]


def test_a_hundred_and_one_workers_from_a_generator_are_refused() -> None:
    data = {**VALID, "WorkerIds": (w for w in workers(101))}
    assert errors(NotifyWorkersRequest, data) == [("too_long", ("WorkerIds",))]


def test_blocking_needs_a_reason_unblocking_does_not() -> None:
    assert errors(CreateWorkerBlockRequest, {"WorkerId": "AGDRU4D1VTQLB"}) == [
        ("missing", ("Reason",))
    ]
    assert DeleteWorkerBlockRequest(worker_id="AGDRU4D1VTQLB").to_boto3() == {
        "WorkerId": "AGDRU4D1VTQLB"
    }


def test_list_worker_blocks_paging() -> None:
    assert errors(ListWorkerBlocksRequest, {"MaxResults": 500}) == [
        ("less_than_equal", ("MaxResults",))
    ]
