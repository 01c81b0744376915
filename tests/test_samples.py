"""Real boto3/CLI data: the recorded samples in tests/data and the bundled demo sample."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from importlib.resources import files

from tests.conftest import load_jsonl

from mturk_models import (
    Assignment,
    AssignmentStatus,
    GetAssignmentResponse,
    ListAssignmentsForHITResponse,
    iter_assignments,
)

UTC = timezone.utc


def test_every_boto3_sample_wraps_and_round_trips() -> None:
    raw = load_jsonl("boto3_01.jsonl")
    assert len(raw) == 3
    for item in raw:
        assignment = Assignment.model_validate(item)
        assert assignment.model_extra == {}
        dumped = assignment.model_dump(by_alias=True, exclude_none=True, mode="json")
        assert set(dumped) == set(item)
        assert dumped["Answer"] == item["Answer"]  # the raw XML, byte for byte
        assert Assignment.model_validate(dumped) == assignment


def test_boto3_sample_values() -> None:
    first, second, third = (Assignment.model_validate(i) for i in load_jsonl("boto3_01.jsonl"))
    assert first.assignment_id == "3YZ8UPK3VUK9D38RJKOSRZUCFEFUCR"
    assert first.worker_id == "A3LT7W355XOAKF"
    assert first.hit_id == "3F6045TU7DM69TFRJMD84TAZ7K7999"
    assert first.assignment_status is AssignmentStatus.APPROVED
    # "2021-09-17T12:47:31-07:00" (amti wrote the local Pacific offset)
    assert first.accept_time == datetime(2021, 9, 17, 19, 47, 31, tzinfo=UTC)
    assert first.submit_time == datetime(2021, 9, 17, 20, 28, tzinfo=UTC)
    assert first.approval_time == datetime(2021, 9, 18, 6, 44, 8, tzinfo=UTC)
    assert first.auto_approval_time == datetime(2021, 9, 18, 20, 28, tzinfo=UTC)
    assert first.rejection_time is None
    assert first.answer is not None
    assert first.answer.startswith('<?xml version="1.0" encoding="ASCII"?><QuestionFormAnswers')
    assert second.worker_id == "A12R2U6TBB3OOG"
    assert third.assignment_id == "3NKQQ8O39Z3JIVE5JGJ3B5CU0ERUDR"
    assert third.answer is not None
    assert "&#13;&#13;" in third.answer
    assert {a.hit_id for a in (first, second, third)} == {"3F6045TU7DM69TFRJMD84TAZ7K7999"}


def test_samples_as_one_list_assignments_page() -> None:
    page = {"Assignments": load_jsonl("boto3_01.jsonl"), "NumResults": 3}
    assert ListAssignmentsForHITResponse.model_validate(page).num_results == 3
    ids = [a.worker_id for a in iter_assignments([page])]
    assert ids == ["A3LT7W355XOAKF", "A12R2U6TBB3OOG", "AWVLT2L5AP873"]


def test_bundled_get_assignment_sample() -> None:
    text = files("mturk_models").joinpath("_data/get_assignment.json").read_text("utf-8")
    raw = json.loads(text)
    response = GetAssignmentResponse.model_validate(raw)
    assert response.assignment is not None
    assert response.hit is not None
    assert response.assignment.assignment_id == "3NKQQ8O39Z3JIVE5JGJ3B5CU0ERUDR"
    assert response.assignment.worker_id == "AWVLT2L5AP873"
    assert response.hit.hit_id == response.assignment.hit_id == "3F6045TU7DM69TFRJMD84TAZ7K7999"
    assert response.assignment.accept_time == datetime(2021, 9, 17, 21, 5, 47, tzinfo=UTC)
    # the bundled Assignment is line 3 of the recorded file, verbatim
    assert raw["Assignment"] == load_jsonl("boto3_01.jsonl")[2]
