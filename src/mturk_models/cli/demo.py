"""``mturk-models demo``: the bundled real GetAssignment response, wrapped and summarised."""

from __future__ import annotations

import argparse
import json
from collections import Counter
from importlib.resources import files
from typing import Any, TextIO

from ..api.responses import GetAssignmentResponse
from ..documents.answers import QuestionFormAnswers
from ._common import EXIT_OK, Context, add_command

EPILOG = "examples:\n  mturk-models demo"

_SHOWN_ANSWERS = 12
_VALUE_WIDTH = 44


def register(subparsers: Any) -> None:
    """Add ``demo`` to the command line."""
    parser = add_command(
        subparsers,
        "demo",
        "wrap the bundled real GetAssignment sample and summarise it",
        "Wrap a bundled real GetAssignment response and print a summary.",
        EPILOG,
    )
    parser.set_defaults(run=run)


def _load_sample() -> GetAssignmentResponse:
    text = files("mturk_models").joinpath("_data/get_assignment.json").read_text("utf-8")
    return GetAssignmentResponse.model_validate(json.loads(text))


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print the sample's assignment and its parsed answers."""
    out = ctx.stdout
    response = _load_sample()
    assignment = response.assignment
    assert assignment is not None  # the bundled sample has one
    out.write("GetAssignment response (bundled real sample), wrapped by mturk-models\n\n")
    rows: list[tuple[str, object]] = [
        ("AssignmentId", assignment.assignment_id),
        ("WorkerId", assignment.worker_id),
        ("HITId", assignment.hit_id),
        ("Status", assignment.assignment_status.value if assignment.assignment_status else None),
        ("Accepted (UTC)", assignment.accept_time),
        ("Submitted (UTC)", assignment.submit_time),
        ("Approved (UTC)", assignment.approval_time),
    ]
    if assignment.accept_time and assignment.submit_time:
        rows.append(("Work time", assignment.submit_time - assignment.accept_time))
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        out.write(f"  {label:<{width}}  {value}\n")
    out.write(f"  {'Answer':<{width}}  {len(assignment.answer or '')} characters of XML\n")
    _write_answers(out, assignment.parse_answers())
    return EXIT_OK


def _shown(value: object) -> str:
    """A value on one line: line breaks visible, long text cut with an ellipsis."""
    if isinstance(value, dict):
        text = f"{value['uploaded_file_key']} ({value['uploaded_file_size_in_bytes']:,} bytes)"
    elif isinstance(value, list):
        text = ", ".join(value) or "(nothing selected)"
    else:
        text = repr(value)[1:-1] if value else '""'
    return text if len(text) <= _VALUE_WIDTH else text[: _VALUE_WIDTH - 1] + "…"


def _write_answers(out: TextIO, answers: QuestionFormAnswers) -> None:
    kinds = Counter(answer.kind for answer in answers)
    summary = ", ".join(f"{count} {kind}" for kind, count in kinds.items())
    out.write(f"\nParsed answers (parse_answers): {len(answers)} ({summary})\n\n")
    shown = answers.answers[:_SHOWN_ANSWERS]
    width = max((len(answer.question_identifier) for answer in shown), default=10)
    out.write(f"  {'QuestionIdentifier':<{width}}  {'kind':<13}  value\n")
    for answer in shown:
        out.write(
            f"  {answer.question_identifier:<{width}}  {answer.kind:<13}  {_shown(answer.value)}\n"
        )
    if len(answers) > len(shown):
        out.write(f"  ... and {len(answers) - len(shown)} more\n")
