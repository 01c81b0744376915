"""Workers: the requests of the Worker operations (blocks and notifications by email).

Request rules beyond botocore's own checks (sources in ``docs/requests.md``):

* WorkerId: botocore's CustomerId (``A`` then ``A-Z0-9``, at most 64 characters).
* NotifyWorkers: 1 to 100 WorkerIds ("You can specify up to 100 Worker IDs"), Subject at most
  200 characters, MessageText at most 4,096 (API reference 2017-01-17, NotifyWorkers).
* CreateWorkerBlock: Reason required (botocore).
* Every List request: MaxResults 1 to 100, NextToken 1 to 255 characters.
"""

from __future__ import annotations

from typing import Final

from pydantic import Field

from .._base import Structure
from .._types import Seq, Text, WorkerId
from ..enums import NotifyWorkersFailureCode
from ._page import Page, Response
from ._preflight import Request
from ._request_fields import PagedRequest

__all__ = [
    "MAX_MESSAGE_TEXT",
    "MAX_NOTIFY_WORKERS",
    "MAX_SUBJECT",
    "CreateWorkerBlockRequest",
    "CreateWorkerBlockResponse",
    "DeleteWorkerBlockRequest",
    "DeleteWorkerBlockResponse",
    "ListWorkerBlocksRequest",
    "ListWorkerBlocksResponse",
    "NotifyWorkersFailureStatus",
    "NotifyWorkersRequest",
    "NotifyWorkersResponse",
    "WorkerBlock",
]

MAX_NOTIFY_WORKERS: Final = 100
"""NotifyWorkers: "You can specify up to 100 Worker IDs" a call."""
MAX_SUBJECT: Final = 200
"""NotifyWorkers Subject: "Can include up to 200 characters"."""
MAX_MESSAGE_TEXT: Final = 4_096
"""NotifyWorkers MessageText: "Can include up to 4,096 characters"."""


class CreateWorkerBlockRequest(Request):
    """The parameters of ``client.create_worker_block(**kwargs)``, checked before sending.

    >>> CreateWorkerBlockRequest(worker_id="AGDRU4D1VTQLB", reason="Spam answers").to_boto3()
    {'WorkerId': 'AGDRU4D1VTQLB', 'Reason': 'Spam answers'}
    """

    worker_id: WorkerId = Field(description="The ID of the Worker to block.")
    reason: str = Field(
        description="A message explaining the reason for blocking the Worker, to keep track of "
        "your Workers; the Worker does not see it (required).",
    )


class DeleteWorkerBlockRequest(Request):
    """The parameters of ``client.delete_worker_block(**kwargs)``, checked before sending.

    >>> DeleteWorkerBlockRequest(WorkerId="AGDRU4D1VTQLB").worker_id
    'AGDRU4D1VTQLB'
    """

    worker_id: WorkerId = Field(description="The ID of the Worker to unblock.")
    reason: str | None = Field(
        default=None,
        description="A message that explains the reason for unblocking the Worker. The Worker "
        "does not see this message.",
    )


class ListWorkerBlocksRequest(PagedRequest):
    """The parameters of ``client.list_worker_blocks(**kwargs)``, checked before sending.

    >>> ListWorkerBlocksRequest(next_token="abc").to_boto3()
    {'NextToken': 'abc'}
    """


class NotifyWorkersRequest(Request):
    """The parameters of ``client.notify_workers(**kwargs)``, checked before sending.

    MTurk sends the email only to Workers whose work you have approved or rejected before.

    >>> NotifyWorkersRequest(subject="New batch", message_text="A new batch is up.",
    ...     worker_ids=("AGDRU4D1VTQLB",)).to_boto3()["WorkerIds"]
    ['AGDRU4D1VTQLB']
    """

    subject: str = Field(
        max_length=MAX_SUBJECT,
        description="The subject line of the email message to send (at most 200 characters).",
    )
    message_text: str = Field(
        max_length=MAX_MESSAGE_TEXT,
        description="The text of the email message to send (at most 4,096 characters).",
    )
    worker_ids: Seq[WorkerId] = Field(
        min_length=1,
        max_length=MAX_NOTIFY_WORKERS,
        description="The IDs of the Workers to notify: 1 to 100 a call.",
    )


# --- what the operations return ---------------------------------------------------------------


class WorkerBlock(Structure):
    """A Worker who has been blocked, and the reason.

    >>> WorkerBlock.model_validate({"WorkerId": "AZ3456EXAMPLE", "Reason": "Spam"}).to_boto3()
    {'WorkerId': 'AZ3456EXAMPLE', 'Reason': 'Spam'}
    """

    worker_id: WorkerId | None = Field(
        default=None, description="The ID of the Worker who has been blocked."
    )
    reason: Text | None = Field(
        default=None, description="A message explaining the reason the Worker was blocked."
    )


class NotifyWorkersFailureStatus(Structure):
    """A Worker that NotifyWorkers could not notify, with the kind of failure and why.

    >>> s = NotifyWorkersFailureStatus.model_validate(
    ...     {"NotifyWorkersFailureCode": "HardFailure", "WorkerId": "AZ3456EXAMPLE"}
    ... )
    >>> s.notify_workers_failure_code.value
    'HardFailure'
    """

    notify_workers_failure_code: NotifyWorkersFailureCode | None = Field(
        default=None, description="The kind of failure: SoftFailure or HardFailure."
    )
    notify_workers_failure_message: Text | None = Field(
        default=None, description="A message detailing the reason the Worker could not be notified."
    )
    worker_id: WorkerId | None = Field(default=None, description="The ID of the Worker.")


class CreateWorkerBlockResponse(Response):
    """What ``client.create_worker_block(...)`` returns: only ``ResponseMetadata``."""


class DeleteWorkerBlockResponse(Response):
    """What ``client.delete_worker_block(WorkerId=...)`` returns: only ``ResponseMetadata``."""


class ListWorkerBlocksResponse(Page[WorkerBlock]):
    """One page of ``client.list_worker_blocks()``.

    >>> page = {"NumResults": 1, "WorkerBlocks": [{"WorkerId": "AZ3456EXAMPLE"}]}
    >>> [b.worker_id for b in ListWorkerBlocksResponse.iter_items([page])]
    ['AZ3456EXAMPLE']
    """

    __items__ = "worker_blocks"

    worker_blocks: Seq[WorkerBlock] | None = Field(
        default=None,
        description="The list of WorkerBlocks: the IDs of the blocked Workers and the reasons.",
    )


class NotifyWorkersResponse(Response):
    """What ``client.notify_workers(...)`` returns: the Workers it could not notify, if any."""

    notify_workers_failure_statuses: Seq[NotifyWorkersFailureStatus] | None = Field(
        default=None,
        description="The failures MTurk met when notifying the Workers, one "
        "NotifyWorkersFailureStatus for each Worker not notified.",
    )
