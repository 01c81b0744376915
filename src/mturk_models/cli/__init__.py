"""The ``mturk-models`` command line. Nothing in the package imports this folder."""

from __future__ import annotations

from ._main import main

__all__ = ["main"]
