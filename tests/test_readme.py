"""Every ```python block of the README and the docs runs, from the repository root."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
FILES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)
# Python written any other way would be shown in the docs but never run: refuse it.
UNRUN = re.compile(
    r"^```\s*(?:py|python3|pycon|ipython|\{code-block\}\s*python|\{code-cell\}.*|\{doctest\})\s*$",
    re.MULTILINE,
)


def _blocks() -> list[tuple[str, str]]:
    found = []
    for path in FILES:
        for number, match in enumerate(BLOCK.finditer(path.read_text("utf-8")), 1):
            found.append((f"{path.relative_to(ROOT)}#{number}", match.group(1)))
    return found


@pytest.mark.parametrize(("where", "code"), _blocks(), ids=[w for w, _ in _blocks()])
def test_example_runs(where: str, code: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # examples name files as tests/data/..., relative to the root
    exec(compile(code, where, "exec"), {"__name__": "__example__"})


def test_every_python_example_is_run() -> None:
    """No page shows Python in a block this module does not execute."""
    assert ROOT / "docs" / "index.md" in FILES
    hidden = [
        f"{path.relative_to(ROOT)}: {match.group(0).strip()}"
        for path in FILES
        for match in UNRUN.finditer(path.read_text("utf-8"))
    ]
    assert hidden == []


def test_api_reference_covers_every_public_name() -> None:
    """docs/api.md documents each name of ``mturk_models.__all__``, directly or by its module."""
    import importlib

    import mturk_models

    text = (ROOT / "docs" / "api.md").read_text("utf-8")
    direct = set(re.findall(r"^\.\. auto\w+:: mturk_models\.(\w+)\s*$", text, re.MULTILINE))
    covered = set(direct)
    for module in re.findall(r"^\.\. automodule:: (mturk_models\.\w+)\s*$", text, re.MULTILINE):
        covered.update(getattr(importlib.import_module(module), "__all__", ()))
    missing = sorted(set(mturk_models.__all__) - covered - {"__version__"})
    assert missing == []
