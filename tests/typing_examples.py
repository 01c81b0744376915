"""Code as users write it, checked by mypy --strict (pyproject: [tool.mypy] files), not run.

Building models by attribute name must type-check for fields with explicit aliases too
(``hit_id`` for ``HITId``): the pydantic mypy plugin must see ``validate_by_name``.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from mturk_models import (
    HIT,
    Assignment,
    CreateHITTypeResponse,
    CreateHITWithHITTypeRequest,
    EventNotification,
    ExternalQuestion,
    FreeTextAnswer,
    MTurkClient,
    MTurkRequestError,
    QuestionFormAnswers,
    SendBonusRequest,
    SendBonusResponse,
    masters,
    parse_event_notification,
)

assignment = Assignment(hit_id="3F6045TU7DM69TFRJMD84TAZ7K7999", worker_id="A3LT7W355XOAKF")
question = ExternalQuestion(external_url="https://example.com/task", frame_height=0)
request = CreateHITWithHITTypeRequest(
    hit_type_id="3ABCDEF", lifetime_in_seconds=3600, question=question.to_xml()
)
answers = QuestionFormAnswers(answers=(FreeTextAnswer(question_identifier="q1", text="yes"),))


def a_batch(mturk: MTurkClient) -> None:
    """The client: every argument and every return type known to mypy."""
    created: CreateHITTypeResponse = mturk.create_hit_type(
        title="Tag an image",
        description="Choose the labels that fit",
        reward=Decimal("0.05"),
        assignment_duration_in_seconds=600,
        qualification_requirements=[masters("sandbox")],
    )
    assert created.hit_type_id is not None
    mturk.create_hit_with_hit_type(
        HITTypeId=created.hit_type_id, LifetimeInSeconds=3600, HITLayoutId="3LAYOUT"
    )
    hits: Iterator[HIT] = mturk.iter_hits(max_results=100)
    for hit in hits:
        assignments: Iterator[Assignment] = mturk.iter_assignments_for_hit(
            hit_id=hit.hit_id or "", assignment_statuses=["Submitted"]
        )
        for a in assignments:
            mturk.approve_assignment(assignment_id=a.assignment_id or "")
    bonus = SendBonusRequest(
        worker_id="A1", bonus_amount=Decimal("1.00"), assignment_id="3ABC", reason="Thanks"
    )
    try:
        paid: SendBonusResponse = mturk.send_bonus(bonus)
    except MTurkRequestError as error:
        code: str | None = error.turk_error_code
        del code
    else:
        del paid


notification: EventNotification = parse_event_notification(b'{"Events": []}')
