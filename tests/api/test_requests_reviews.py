"""ListReviewPolicyResultsForHIT: policy levels and flags."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from mturk_models import ListReviewPolicyResultsForHITRequest

HIT = "3F6045TU7DM69TFRJMD84TAZ7K7999"


def test_policy_levels_are_assignment_or_hit() -> None:
    request = ListReviewPolicyResultsForHITRequest(hit_id=HIT, policy_levels=("HIT", "Assignment"))
    assert request.to_boto3()["PolicyLevels"] == ["HIT", "Assignment"]
    with pytest.raises(ValidationError) as info:
        ListReviewPolicyResultsForHITRequest.model_validate({"HITId": HIT, "PolicyLevels": ["Hit"]})
    assert [(e["type"], e["loc"]) for e in info.value.errors()] == [("enum", ("PolicyLevels", 0))]


@pytest.mark.parametrize("member", ["RetrieveActions", "RetrieveResults"])
@pytest.mark.parametrize("value", ["T", 1, "true"])
def test_flags_are_booleans(member: str, value: Any) -> None:
    with pytest.raises(ValidationError) as info:
        ListReviewPolicyResultsForHITRequest.model_validate({"HITId": HIT, member: value})
    assert [(e["type"], e["loc"]) for e in info.value.errors()] == [("bool_type", (member,))]
