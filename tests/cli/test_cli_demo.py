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
