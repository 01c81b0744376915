"""The ``mturk-models`` command line (argparse, standard library only)."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from importlib.resources import files
from typing import TextIO

from . import __version__
from .answers import QuestionFormAnswers
from .responses import GetAssignmentResponse

__all__ = ["main"]


def _load_sample() -> GetAssignmentResponse:
    text = files("mturk_models").joinpath("_data/get_assignment.json").read_text("utf-8")
    return GetAssignmentResponse.model_validate(json.loads(text))


def _demo(out: TextIO) -> int:
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
    return 0


_SHOWN_ANSWERS = 12
_VALUE_WIDTH = 44


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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mturk-models",
        description="Typed, validated Amazon Mechanical Turk data from the command line.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("demo", help="wrap the bundled real GetAssignment sample and summarise it")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "demo":
        return _demo(sys.stdout)
    parser.print_help(sys.stderr)
    return 2
