"""ReviewReport, ReviewResultDetail, ReviewActionDetail and ListReviewPolicyResultsForHIT."""

from __future__ import annotations

import warnings
from datetime import datetime, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from mturk_models import (
    ListReviewPolicyResultsForHITResponse,
    ResponseDataWarning,
    ReviewActionDetail,
    ReviewActionStatus,
    ReviewReport,
)
from mturk_models.testing import (
    responses,
    review_action_details,
    review_reports,
    review_result_details,
)

RESULTS = {
    "HITId": "3ABCEXAMPLE",
    "HITReviewPolicy": {"PolicyName": "SimplePlurality/2011-09-01"},
    "HITReviewReport": {
        "ReviewResults": [
            {
                "ActionId": "3ACTEXAMPLE",
                "SubjectId": "3ABCEXAMPLE",
                "SubjectType": "HIT",
                "QuestionId": "Q1",
                "Key": "AgreementScore",
                "Value": "100",
            }
        ],
        "ReviewActions": [
            {
                "ActionId": "3ACTEXAMPLE",
                "ActionName": "Approve",
                "TargetId": "3ASSIGNMENTEXAMPLE",
                "TargetType": "Assignment",
                "Status": "Failed",
                "CompleteTime": "2017-01-17T12:00:00-08:00",
                "Result": "not approved",
                "ErrorCode": "AWS.MechanicalTurk.InvalidAssignmentState",
            }
        ],
    },
    "NextToken": "next",
}


def test_review_policy_results() -> None:
    response = ListReviewPolicyResultsForHITResponse.model_validate(RESULTS)
    assert response.hit_id == "3ABCEXAMPLE"
    assert response.hit_review_policy is not None
    assert response.hit_review_policy.policy_name == "SimplePlurality/2011-09-01"
    report = response.hit_review_report
    assert report is not None
    (action,) = report.review_actions or ()
    assert action.status is ReviewActionStatus.FAILED
    assert action.complete_time == datetime(2017, 1, 17, 20, tzinfo=timezone.utc)
    assert response.next_token == "next"
    assert ListReviewPolicyResultsForHITResponse.model_validate(response.to_boto3()) == response


def test_an_error_code_on_an_action_that_did_not_fail_warns_and_is_kept() -> None:
    with pytest.warns(ResponseDataWarning, match="Succeeded"):
        action = ReviewActionDetail.model_validate({"Status": "Succeeded", "ErrorCode": "E"})
    assert action.error_code == "E"


@pytest.mark.parametrize(
    "values", [{"Status": "Failed", "ErrorCode": "E"}, {"ErrorCode": "E"}, {"Status": "Intended"}]
)
def test_an_error_code_on_a_failed_or_unknown_status_does_not_warn(values: dict[str, Any]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ReviewActionDetail.model_validate(values)


def test_ids_follow_botocore_entity_id() -> None:
    with pytest.raises(ValidationError) as info:
        ReviewReport.model_validate({"ReviewResults": [{"SubjectId": "not-an-id"}]})
    assert info.value.errors()[0]["loc"] == ("ReviewResults", 0, "SubjectId")


@given(
    st.one_of(
        review_action_details(),
        review_action_details(full=True),
        review_result_details(),
        review_result_details(full=True),
        review_reports(),
        review_reports(full=True),
        responses(ListReviewPolicyResultsForHITResponse, full=True),
    )
)
def test_round_trip_through_boto3_and_json(model: Any) -> None:
    assert type(model).model_validate(model.to_boto3()) == model
    assert type(model).model_validate_json(model.model_dump_json()) == model
