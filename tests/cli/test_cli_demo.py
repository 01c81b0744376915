"""The ``demo`` command, in-process and as ``python -m mturk_models demo``."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from mturk_models.cli import main

SRC = Path(__file__).parent.parent.parent / "src"
IDS = ["3NKQQ8O39Z3JIVE5JGJ3B5CU0ERUDR", "AWVLT2L5AP873", "3F6045TU7DM69TFRJMD84TAZ7K7999"]


def test_demo_in_process() -> None:
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["demo"]) == 0
    text = out.getvalue()
    for value in IDS:
        assert value in text
    assert "Approved" in text
    assert "2021-09-17 21:05:47+00:00" in text  # AcceptTime, in UTC
    assert "Work time" in text


def test_python_dash_m_demo() -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-m", "mturk_models", "demo"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    for value in IDS:
        assert value in result.stdout
    assert result.stderr == ""


def test_no_command_prints_help_and_fails(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "demo" in capsys.readouterr().err


def test_demo_shows_each_answer_kind_through_the_export_cells() -> None:
    """One dispatch on the answer kind (export's): the demo shows what the rows would hold."""
    from mturk_models import (
        FreeTextAnswer,
        QuestionFormAnswers,
        SelectionAnswer,
        UploadedFileAnswer,
    )
    from mturk_models.cli.demo import _write_answers

    answers = QuestionFormAnswers(
        answers=(
            FreeTextAnswer(question_identifier="note", text="two\nlines"),
            FreeTextAnswer(question_identifier="empty", text=""),
            SelectionAnswer(question_identifier="color", selection_identifiers=("red", "blue")),
            SelectionAnswer(question_identifier="other", other_selection_text="teal"),
            SelectionAnswer(question_identifier="none"),
            UploadedFileAnswer(
                question_identifier="file",
                uploaded_file_key="k/1",
                uploaded_file_size_in_bytes=1234,
            ),
        )
    )
    out = io.StringIO()
    _write_answers(out, answers)
    shown = {line.split()[0]: line.split(maxsplit=2)[2] for line in out.getvalue().splitlines()[4:]}
    assert shown == {
        "note": "two\\nlines",
        "empty": '""',
        "color": "red, blue",
        "other": "(nothing selected) (other: teal)",
        "none": "(nothing selected)",
        "file": "k/1 (size: 1,234)",
    }
