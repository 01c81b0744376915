"""``mturk-models demo``: the bundled real GetAssignment response, wrapped and summarised."""

from __future__ import annotations

import argparse
import json
from collections import Counter
from importlib.resources import files
from typing import Any, TextIO

from ..api.assignments import GetAssignmentResponse
from ..documents.answers import Answer, QuestionFormAnswers
from ..export import answer_cells
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


def _shown(answer: Answer) -> str:
    """An answer on one line, from its export cells: its values (line breaks visible), then
    what export writes under a derived name (``(other: ...)``, ``(size: ...)``), cut with an
    ellipsis. Which cells an answer kind has is export's to say, not the command line's."""
    name = answer.question_identifier
    cells = answer_cells(answer)
    values = [_text(value) for question, value in cells if question == name and value is not None]
    text = ", ".join(values) if values else "(nothing selected)"
    text += "".join(
        f" ({question[len(name) + 1 :]}: {_text(value)})"
        for question, value in cells
        if question != name
    )
    return text if len(text) <= _VALUE_WIDTH else text[: _VALUE_WIDTH - 1] + "…"


def _text(value: object) -> str:
    if isinstance(value, str):
        return repr(value)[1:-1] if value else '""'
    return f"{value:,}" if isinstance(value, int) else str(value)


def _write_answers(out: TextIO, answers: QuestionFormAnswers) -> None:
    kinds = Counter(answer.kind for answer in answers)
    summary = ", ".join(f"{count} {kind}" for kind, count in kinds.items())
    out.write(f"\nParsed answers (parse_answers): {len(answers)} ({summary})\n\n")
    shown = answers.answers[:_SHOWN_ANSWERS]
    width = max((len(answer.question_identifier) for answer in shown), default=10)
    out.write(f"  {'QuestionIdentifier':<{width}}  {'kind':<13}  value\n")
    for answer in shown:
        out.write(f"  {answer.question_identifier:<{width}}  {answer.kind:<13}  {_shown(answer)}\n")
    if len(answers) > len(shown):
        out.write(f"  ... and {len(answers) - len(shown)} more\n")
