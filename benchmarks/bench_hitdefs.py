"""HIT definitions: the CreateHIT pre-flight and parse_question, against peers in the same run.

Run ``python benchmarks/bench_hitdefs.py`` (package installed, or ``PYTHONPATH=src``);
``--quick`` (or ``MTURK_BENCH_QUICK=1``) runs a tenth of the work.

Peers:

* CreateHIT kwargs: botocore's own ``ParamValidator`` (what boto3 runs before every call: types,
  required members, minimums) and a plain Pydantic model with the same members and no custom
  validators. ``CreateHITRequest`` also parses the Question document, so the requests are
  measured with each question kind.
* Question documents: ``xml.etree.ElementTree.fromstring`` (a bare parse, no checks) and
  ``xmltodict.parse`` (the usual way people read them), on a QuestionForm of 20 questions.
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


def _rate(fn: Callable[[], object], n: int) -> float:
    fn()
    start = time.perf_counter()
    for _ in range(n):
        fn()
    return n / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the work")
    args = parser.parse_args()
    quick = args.quick or os.environ.get("MTURK_BENCH_QUICK") == "1"
    n = 300 if quick else 3_000

    shape = botocore.session.get_session().get_service_model("mturk")
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


if __name__ == "__main__":
    main()
