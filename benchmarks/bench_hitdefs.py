"""HIT definitions and requests: the pre-flight of every operation and parse_question, against
peers in the same run.

Run ``python benchmarks/bench_hitdefs.py`` (package installed, or ``PYTHONPATH=src``);
``--quick`` (or ``MTURK_BENCH_QUICK=1``) runs a tenth of the work.

Peers:

* CreateHIT kwargs: botocore's own ``ParamValidator`` (what boto3 runs before every call: types,
  required members, minimums) and a plain Pydantic model with the same members and no custom
  validators. ``CreateHITRequest`` also parses the Question document, so the requests are
  measured with each question kind.
* Question documents: ``xml.etree.ElementTree.fromstring`` (a bare parse, no checks) and
  ``xmltodict.parse`` (the usual way people read them), on a QuestionForm of 20 questions.
* The other 36 operations: one representative request each (every member given where it can
  be), ``<Operation>Request.model_validate`` against botocore's ``ParamValidator`` for that
  operation. Each rate is the best of five interleaved rounds, so that a busy machine hurts both
  sides alike. CreateQualificationType and UpdateQualificationType carry a Test (a QuestionForm
  parsed and checked) and an AnswerKey, so they are not comparable with botocore's type checks.
"""

from __future__ import annotations

import argparse
import os
import time
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

import botocore.session
import xmltodict
from botocore.validate import ParamValidator
from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_pascal

import mturk_models
from mturk_models import (
    Constraints,
    CreateHITRequest,
    ExternalQuestion,
    FreeTextAnswerSpecification,
    HTMLQuestion,
    IsNumeric,
    Question,
    QuestionForm,
    Selection,
    SelectionAnswerSpecification,
    TextContent,
    approval_rate_at_least,
    locale_in,
    parse_question,
)


class PlainCreateHIT(BaseModel):
    """The lower-bound peer: CreateHIT's members with plain types and no custom validators."""

    model_config = ConfigDict(alias_generator=to_pascal, validate_by_name=True, extra="forbid")

    max_assignments: int | None = None
    auto_approval_delay_in_seconds: int | None = None
    lifetime_in_seconds: int
    assignment_duration_in_seconds: int
    reward: str
    title: str
    keywords: str | None = None
    description: str
    question: str | None = None
    requester_annotation: str | None = None
    qualification_requirements: list[dict[str, Any]] | None = None
    unique_request_token: str | None = None


def _form(questions: int) -> QuestionForm:
    items = []
    for i in range(questions):
        if i % 2:
            spec: Any = SelectionAnswerSpecification(
                selections=tuple(
                    Selection(selection_identifier=f"s{j}", text=f"Choice {j}") for j in range(5)
                )
            )
        else:
            spec = FreeTextAnswerSpecification(
                constraints=Constraints(is_numeric=IsNumeric(min_value=0, max_value=100))
            )
        items.append(
            Question(
                question_identifier=f"q{i}",
                question_content=(TextContent(text=f"Question number {i}?"),),
                answer_specification=spec,
            )
        )
    return QuestionForm(items=tuple(items))


def _requests() -> dict[str, dict[str, Any]]:
    base = {
        "Title": "Tag an image",
        "Description": "Pick the tag that fits the image best",
        "Keywords": "image, tag",
        "Reward": "0.05",
        "MaxAssignments": 3,
        "LifetimeInSeconds": 86_400,
        "AssignmentDurationInSeconds": 600,
        "QualificationRequirements": [
            approval_rate_at_least(95).to_boto3(),
            locale_in("US", "CA", "GB").to_boto3(),
        ],
        "UniqueRequestToken": "batch-17-item-42",
    }
    page = (
        '<crowd-form><crowd-image-classifier name="tag" src="https://example.com/1.jpg" '
        "categories=\"['cat', 'dog']\"></crowd-image-classifier></crowd-form>"
    )
    external = ExternalQuestion(external_url="https://example.com/task?i=1", frame_height=0)
    html = HTMLQuestion.model_validate({"html_content": page, "frame_height": 0})
    return {
        "ExternalQuestion": {**base, "Question": external.to_xml()},
        "HTMLQuestion": {**base, "Question": html.to_xml()},
        "QuestionForm(20)": {**base, "Question": _form(20).to_xml()},
    }


_FORM = (
    '<QuestionForm xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/'
    '2017-11-06/QuestionForm.xsd"><Question><QuestionIdentifier>q1</QuestionIdentifier>'
    "<QuestionContent><Text>2 + 2?</Text></QuestionContent><AnswerSpecification>"
    "<FreeTextAnswer/></AnswerSpecification></Question></QuestionForm>"
)
_KEY = (
    '<AnswerKey xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/'
    '2005-10-01/AnswerKey.xsd"><Question><QuestionIdentifier>q1</QuestionIdentifier>'
    "<AnswerOption><SelectionIdentifier>a</SelectionIdentifier><AnswerScore>1</AnswerScore>"
    "</AnswerOption></Question></AnswerKey>"
)
_W, _A, _H, _Q = (
    "AGDRU4D1VTQLB",
    "3YZ8UPK3VUK9D38RJKOSRZUCFEFUCR",
    "3F6045TU7DM69TFRJMD84TAZ7K7999",
    "3TL87MO8CLOFYXKXL2DD6F6RPQ2U4O",
)
_SPEC = {
    "Destination": "https://sqs.us-east-1.amazonaws.com/123456789012/mturk_events",
    "Transport": "SQS",
    "Version": "2006-05-05",
    "EventTypes": ["AssignmentSubmitted", "HITReviewable"],
}
_PAGE = {"NextToken": "p2", "MaxResults": 100}
OPERATIONS: dict[str, dict[str, Any]] = {
    "AcceptQualificationRequest": {"QualificationRequestId": "3QR1", "IntegerValue": 90},
    "ApproveAssignment": {"AssignmentId": _A, "RequesterFeedback": "Thanks!"},
    "AssociateQualificationWithWorker": {
        "QualificationTypeId": _Q,
        "WorkerId": _W,
        "IntegerValue": 95,
        "SendNotification": False,
    },
    "CreateAdditionalAssignmentsForHIT": {
        "HITId": _H,
        "NumberOfAdditionalAssignments": 5,
        "UniqueRequestToken": "extend-17",
    },
    "CreateQualificationType": {
        "Name": "Arithmetic test",
        "Keywords": "math, test",
        "Description": "Answer one question",
        "QualificationTypeStatus": "Active",
        "RetryDelayInSeconds": 3600,
        "Test": _FORM,
        "AnswerKey": _KEY,
        "TestDurationInSeconds": 600,
    },
    "CreateWorkerBlock": {"WorkerId": _W, "Reason": "Copied answers"},
    "DeleteHIT": {"HITId": _H},
    "DeleteQualificationType": {"QualificationTypeId": _Q},
    "DeleteWorkerBlock": {"WorkerId": _W, "Reason": "Blocked by mistake"},
    "DisassociateQualificationFromWorker": {
        "WorkerId": _W,
        "QualificationTypeId": _Q,
        "Reason": "Expired",
    },
    "GetAccountBalance": {},
    "GetAssignment": {"AssignmentId": _A},
    "GetFileUploadURL": {"AssignmentId": _A, "QuestionIdentifier": "photo"},
    "GetHIT": {"HITId": _H},
    "GetQualificationScore": {"QualificationTypeId": _Q, "WorkerId": _W},
    "GetQualificationType": {"QualificationTypeId": _Q},
    "ListAssignmentsForHIT": {**_PAGE, "HITId": _H, "AssignmentStatuses": ["Submitted"]},
    "ListBonusPayments": {**_PAGE, "HITId": _H},
    "ListHITs": _PAGE,
    "ListHITsForQualificationType": {**_PAGE, "QualificationTypeId": _Q},
    "ListQualificationRequests": {**_PAGE, "QualificationTypeId": _Q},
    "ListQualificationTypes": {**_PAGE, "Query": "math", "MustBeRequestable": True},
    "ListReviewPolicyResultsForHIT": {
        **_PAGE,
        "HITId": _H,
        "PolicyLevels": ["Assignment", "HIT"],
        "RetrieveActions": True,
        "RetrieveResults": True,
    },
    "ListReviewableHITs": {**_PAGE, "HITTypeId": "3HITTYPE", "Status": "Reviewable"},
    "ListWorkerBlocks": _PAGE,
    "ListWorkersWithQualificationType": {**_PAGE, "QualificationTypeId": _Q, "Status": "Granted"},
    "NotifyWorkers": {
        "Subject": "A new batch",
        "MessageText": "Our next batch is up.",
        "WorkerIds": [_W, "A3LT7W355XOAKF"],
    },
    "RejectAssignment": {"AssignmentId": _A, "RequesterFeedback": "Empty answers."},
    "RejectQualificationRequest": {"QualificationRequestId": "3QR1", "Reason": "Late"},
    "SendBonus": {"WorkerId": _W, "BonusAmount": "1.50", "AssignmentId": _A, "Reason": "Careful"},
    "SendTestEventNotification": {
        "Notification": {**_SPEC, "EventTypes": ["Ping"]},
        "TestEventType": "Ping",
    },
    "UpdateExpirationForHIT": {"HITId": _H, "ExpireAt": "2026-01-01T00:00:00Z"},
    "UpdateHITReviewStatus": {"HITId": _H, "Revert": True},
    "UpdateHITTypeOfHIT": {"HITId": _H, "HITTypeId": "3HITTYPE"},
    "UpdateNotificationSettings": {"HITTypeId": "3HITTYPE", "Notification": _SPEC, "Active": True},
    "UpdateQualificationType": {
        "QualificationTypeId": _Q,
        "Description": "New description",
        "Test": _FORM,
        "TestDurationInSeconds": 300,
    },
}
WITH_DOCUMENTS = frozenset({"CreateQualificationType", "UpdateQualificationType"})


def _best_rates(fns: dict[str, Callable[[], object]], n: int, rounds: int = 5) -> dict[str, float]:
    """The best rate of each function over ``rounds`` interleaved rounds of ``n`` calls."""
    best = dict.fromkeys(fns, 0.0)
    for _ in range(rounds):
        for name, fn in fns.items():
            best[name] = max(best[name], _rate(fn, n))
    return best


def _operations(shape: Any, n: int) -> None:
    validator = ParamValidator()
    print(f"The other 36 operations, best of 5 rounds of {n} validations (per second)")
    print(f"  {'operation':36} {'ours':>9} {'botocore':>9} {'ratio':>6}")
    ratios = []
    for operation, kwargs in OPERATIONS.items():
        model = getattr(mturk_models, f"{operation}Request")
        input_shape = shape.operation_model(operation).input_shape
        assert not validator.validate(kwargs, input_shape).has_errors(), operation
        rates = _best_rates(
            {
                "ours": lambda m=model, kw=kwargs: m.model_validate(kw),
                "botocore": lambda kw=kwargs, s=input_shape: validator.validate(kw, s),
            },
            n,
        )
        ratio = rates["ours"] / rates["botocore"]
        note = "  (XML documents)" if operation in WITH_DOCUMENTS else ""
        if not note:
            ratios.append(ratio)
        print(f"  {operation:36} {rates['ours']:9.0f} {rates['botocore']:9.0f} {ratio:6.2f}{note}")
    below = sum(r < 0.5 for r in ratios)
    print(
        f"  without XML documents: ratio min {min(ratios):.2f}, median "
        f"{sorted(ratios)[len(ratios) // 2]:.2f}; {below} of {len(ratios)} below 0.5"
    )


def _rate(fn: Callable[[], object], n: int) -> float:
    fn()
    start = time.perf_counter()
    for _ in range(n):
        fn()
    return n / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the work")
    parser.add_argument(
        "--operations-only", action="store_true", help="only the table of the 36 operations"
    )
    args = parser.parse_args()
    quick = args.quick or os.environ.get("MTURK_BENCH_QUICK") == "1"
    n = 300 if quick else 3_000

    shape = botocore.session.get_session().get_service_model("mturk")
    if args.operations_only:
        _operations(shape, n)
        return
    create_hit = shape.operation_model("CreateHIT").input_shape
    validator = ParamValidator()
    print(f"CreateHIT kwargs, {n} validations each (per second; ratio to botocore's validator)")
    for kind, kwargs in _requests().items():
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            ours = _rate(lambda kw=kwargs: CreateHITRequest.model_validate(kw), n)
        boto = _rate(lambda kw=kwargs: validator.validate(kw, create_hit), n)
        plain = _rate(lambda kw=kwargs: PlainCreateHIT.model_validate(kw), n)
        print(
            f"  {kind:18} CreateHITRequest {ours:9.0f}/s  botocore {boto:9.0f}/s  "
            f"plain pydantic {plain:9.0f}/s  ours/botocore {ours / boto:5.2f}  "
            f"ours/plain {ours / plain:5.2f}"
        )

    xml = _form(20).to_xml()
    print(f"QuestionForm of 20 questions ({len(xml)} bytes), {n} parses each")
    ours = _rate(lambda: parse_question(xml), n)
    tree = _rate(lambda: ET.fromstring(xml), n)
    todict = _rate(lambda: xmltodict.parse(xml), n)
    print(
        f"  parse_question {ours:8.0f}/s  ElementTree {tree:8.0f}/s  xmltodict {todict:8.0f}/s  "
        f"ours/xmltodict {ours / todict:5.2f}  ours/ElementTree {ours / tree:5.2f}"
    )
    _operations(shape, n)


if __name__ == "__main__":
    main()
