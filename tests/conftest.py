"""Shared test set-up: Hypothesis profiles, the test-data loader and helpers (error checks, a
machine time zone, a fresh interpreter)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from pydantic import ValidationError

DATA = Path(__file__).parent / "data"

settings.register_profile(
    "quick", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "thorough", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# Mutation testing runs the tests that reach a function once per mutant of it: a few examples,
# the same ones every run, so that a mutant's status does not depend on the draw.
settings.register_profile(
    "mutation",
    max_examples=15,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
# HYPOTHESIS_PROFILE=thorough selects the long run, HYPOTHESIS_PROFILE=mutation the one for
# mutation testing; the quick one keeps the suite fast.
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))


def data_path(name: str) -> Path:
    """Path of a file under tests/data."""
    return DATA / name


def load_json(name: str) -> Any:
    """A JSON file under tests/data."""
    return json.loads(data_path(name).read_text("utf-8"))


def load_jsonl(name: str) -> list[Any]:
    """A JSON Lines file under tests/data, one value per line."""
    lines = data_path(name).read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(autouse=True)
def _fresh_caches_under_mutmut() -> None:
    """Under mutmut only: forget the requirement shapes already found valid, and the currency
    amounts already read.

    ``api/qualifications.py`` checks each shape of QualificationRequirement once and keeps the
    valid ones, and ``parse_currency`` keeps each amount it has read; mutmut fills these caches
    in its parent process, before it switches a mutant on, so a mutant of the check or of the
    reader would never run on an input seen there and would falsely survive.
    mutmut sets ``MUTANT_UNDER_TEST``; without it (every ordinary run) this does nothing.
    """
    if "MUTANT_UNDER_TEST" in os.environ:
        from mturk_models import _types
        from mturk_models.api import qualifications

        qualifications._VALID_SHAPES.clear()
        _types._CURRENCY_READ.clear()  # the amounts already read, the same way


@pytest.fixture
def data_dir() -> Path:
    return DATA


def expect_error(
    model: Any, data: Any, code: str, match: str, loc: tuple[str | int, ...] | None = None
) -> dict[str, Any]:
    """Validate ``data`` with ``model`` and check the single error's code, message and location."""
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    errors = info.value.errors()
    assert len(errors) == 1, errors
    error = errors[0]
    assert error["type"] == code, error
    assert re.search(match, error["msg"]), error["msg"]
    if loc is not None:
        assert error["loc"] == loc, error["loc"]
    return dict(error)


@contextmanager
def machine_zone(spec: str) -> Iterator[None]:
    """Run with the process's local zone set to ``spec`` (what tzlocal() reads)."""
    saved = os.environ.get("TZ")
    os.environ["TZ"] = spec
    time.tzset()
    try:
        yield
    finally:
        if saved is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = saved
        time.tzset()


def fresh_python(code: str) -> str:
    """What ``code`` prints in a new interpreter, this checkout's package first on the path."""
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent / "src")},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout
