"""CreateHIT requests: the behaviours that mutation testing found no test for.

Each test pins what a user relies on and what no other test noticed when it changed: the
message of the Question size warning (which names the size, the limit and the risk), the
parser's reason carried verbatim in a Question error, and the member named by
``check_environment``'s warning.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from pydantic import ValidationError

from mturk_models import (
    CreateHITRequest,
    CreateHITTypeRequest,
    HTMLQuestion,
    QualificationEnvironmentWarning,
    QuestionParseError,
    QuestionSizeWarning,
    masters,
    parse_question,
)

EXTERNAL = (
    '<ExternalQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/'
    '2006-07-14/ExternalQuestion.xsd"><ExternalURL>https://example.com/task</ExternalURL>'
    "<FrameHeight>0</FrameHeight></ExternalQuestion>"
)
VALID_TYPE: dict[str, Any] = {
    "Title": "Tag an image",
    "Description": "Pick the tag that fits the image best",
    "Reward": "0.05",
    "AssignmentDurationInSeconds": 600,
}
VALID: dict[str, Any] = {**VALID_TYPE, "LifetimeInSeconds": 3600, "Question": EXTERNAL}


def _question_of(size: int) -> str:
    """An HTMLQuestion document of exactly ``size`` bytes as UTF-8."""
    empty = HTMLQuestion(html_content="<crowd-form></crowd-form>", frame_height=0).to_xml()
    room = size - len(empty.encode("utf-8"))
    html = f"<crowd-form>{'x' * room}</crowd-form>"
    question = HTMLQuestion(html_content=html, frame_height=0).to_xml()
    assert len(question.encode("utf-8")) == size
    return question


def test_the_size_warning_is_one_sentence_naming_size_limit_and_risk() -> None:
    """The whole message: the measured size, the documented limit, and that MTurk may refuse
    it (the warning is all a user sees of a Question that may fail at MTurk)."""
    with pytest.warns(QuestionSizeWarning) as caught:
        CreateHITRequest.model_validate({**VALID, "Question": _question_of(70_001)})
    [warning] = caught
    message = str(warning.message)
    assert re.fullmatch(
        r"Question is 70,001 bytes as UTF-8, over the 65,535 bytes the API reference states "
        r"\(larger HTMLQuestions have been accepted, but MTurk may refuse it\)",
        message,
    ), message


@pytest.mark.parametrize(
    "question",
    [
        "<QuestionForm/>",
        "not a document",
        "<x>unknown root</x>",
    ],
)
def test_a_question_error_names_the_documents_and_carries_the_parsers_reason(
    question: str,
) -> None:
    """The message says which documents a Question may be, then gives the parser's own reason
    verbatim (nothing added, nothing cut)."""
    with pytest.raises(QuestionParseError) as parsed:
        parse_question(question, strict=True)
    with pytest.raises(ValidationError) as info:
        CreateHITRequest.model_validate({**VALID, "Question": question})
    [error] = info.value.errors()
    assert error["type"] == "question_document"
    assert error["msg"] == (
        "Question should be an ExternalQuestion, HTMLQuestion or QuestionForm document: "
        f"{parsed.value}"
    )


@pytest.mark.parametrize("model", [CreateHITRequest, CreateHITTypeRequest])
def test_check_environment_names_the_requirement_by_its_member(model: Any) -> None:
    """The warning of ``check_environment`` locates the requirement as the request member
    ``QualificationRequirements`` and its index, as the validation-time check does."""
    data = VALID if model is CreateHITRequest else VALID_TYPE
    requirements = [masters("production"), masters("sandbox")]
    request = model.model_validate({**data, "QualificationRequirements": requirements})
    with pytest.warns(QualificationEnvironmentWarning) as caught:
        found = request.check_environment("production")
    assert found == [requirements[1].qualification_type_id]
    [warning] = caught
    assert str(warning.message).startswith("QualificationRequirements.1 uses the sandbox Masters")
    with pytest.warns(QualificationEnvironmentWarning) as caught:
        found = request.check_environment("sandbox")
    assert found == [requirements[0].qualification_type_id]
    assert str(caught[0].message).startswith("QualificationRequirements.0 uses the production")


@pytest.mark.parametrize("spelling", ["alias", "attribute"])
def test_question_or_layout_error_carries_both_members_as_given(spelling: str) -> None:
    """The error's input shows what was given for each of the two members, by their botocore
    keys whichever spelling the caller used, so that "both" and "neither" can be seen in it."""
    layout = "3LAYOUT"
    if spelling == "alias":
        data = {**VALID, "HITLayoutId": layout}
    else:
        data = {k: v for k, v in VALID.items() if k != "Question"}
        data |= {"question": EXTERNAL, "hit_layout_id": layout}
    with pytest.raises(ValidationError) as info:
        CreateHITRequest.model_validate(data)
    [error] = info.value.errors()
    assert error["type"] == "question_or_layout"
    assert error["input"] == {"Question": EXTERNAL, "HITLayoutId": layout}
    neither = {k: v for k, v in VALID.items() if k != "Question"}
    with pytest.raises(ValidationError) as info:
        CreateHITRequest.model_validate(neither)
    [error] = info.value.errors()
    assert error["input"] == {"Question": None, "HITLayoutId": None}


def test_layout_parameters_error_carries_the_parameters_and_says_what_is_missing() -> None:
    params = [{"Name": "image", "Value": "https://example.com/1.png"}]
    with pytest.raises(ValidationError) as info:
        CreateHITRequest.model_validate({**VALID, "HITLayoutParameters": params})
    [error] = info.value.errors()
    assert error["type"] == "layout_parameters_without_layout"
    assert error["loc"] == ("HITLayoutParameters",)
    assert error["input"] == params
    assert error["msg"] == (
        "HITLayoutParameters can only be used with HITLayoutId; got HITLayoutParameters "
        "without a HITLayoutId"
    )
