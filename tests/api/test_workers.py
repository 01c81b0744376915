"""WorkerBlock, NotifyWorkersFailureStatus and the outputs of the Worker operations."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from mturk_models import (
    ListWorkerBlocksResponse,
    NotifyWorkersFailureCode,
    NotifyWorkersFailureStatus,
    NotifyWorkersResponse,
    WorkerBlock,
)
from mturk_models.testing import notify_workers_failure_statuses, responses, worker_blocks


def test_worker_block_members() -> None:
    block = WorkerBlock.model_validate({"WorkerId": "AZ3456EXAMPLE", "Reason": "Spam"})
    assert (block.worker_id, block.reason) == ("AZ3456EXAMPLE", "Spam")


@pytest.mark.parametrize("worker", ["", "BZ3456", "az3456", "A" + "1" * 64])
def test_a_worker_id_breaking_botocore_customer_id_is_refused(worker: str) -> None:
    with pytest.raises(ValidationError, match="WorkerId"):
        WorkerBlock.model_validate({"WorkerId": worker})


def test_notify_workers_failures() -> None:
    response = NotifyWorkersResponse.model_validate(
        {
            "NotifyWorkersFailureStatuses": [
                {
                    "NotifyWorkersFailureCode": "HardFailure",
                    "NotifyWorkersFailureMessage": "Worker not found",
                    "WorkerId": "AZ3456EXAMPLE",
                }
            ],
            "ResponseMetadata": {"RequestId": "r1", "HTTPStatusCode": 200},
        }
    )
    (failure,) = response.notify_workers_failure_statuses or ()
    assert failure.notify_workers_failure_code is NotifyWorkersFailureCode.HARD_FAILURE
    assert response.response_metadata is not None
    assert response.response_metadata.request_id == "r1"
    with pytest.raises(ValidationError) as info:
        NotifyWorkersFailureStatus.model_validate({"NotifyWorkersFailureCode": "Failure"})
    assert info.value.errors()[0]["type"] == "enum"


def test_list_worker_blocks_pages() -> None:
    pages = [
        {"WorkerBlocks": [{"WorkerId": "A1"}, {"WorkerId": "A2"}], "NextToken": "t"},
        ListWorkerBlocksResponse.model_validate({"WorkerBlocks": [{"WorkerId": "A3"}]}),
        {"NumResults": 0},  # an empty last page
    ]
    assert [b.worker_id for b in ListWorkerBlocksResponse.iter_items(pages)] == ["A1", "A2", "A3"]


@given(
    st.one_of(
        worker_blocks(),
        worker_blocks(full=True),
        notify_workers_failure_statuses(),
        notify_workers_failure_statuses(full=True),
        responses(ListWorkerBlocksResponse),
        responses(NotifyWorkersResponse, full=True),
    )
)
def test_round_trip_through_boto3_and_json(model: Any) -> None:
    assert type(model).model_validate(model.to_boto3()) == model
    assert type(model).model_validate_json(model.model_dump_json()) == model
