"""Sphinx configuration: Markdown pages (MyST) and an API reference from the docstrings."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent.parent / "src"))

project = "mturk-models"
author = "mturk-models developers"
copyright = "2026, mturk-models developers"  # Sphinx's setting name

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build"]
myst_heading_anchors = 3
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_typehints_format = "short"
autodoc_default_options = {"members": True, "show-inheritance": True}
nitpicky = False
html_theme = "furo"
html_title = "mturk-models"
suppress_warnings = ["myst.header"]


def _is_model(obj: object) -> bool:
    from pydantic import BaseModel

    return isinstance(obj, type) and issubclass(obj, BaseModel)


def _model_signature(
    app: Any, what: str, name: str, obj: object, options: Any, signature: Any, annotation: Any
) -> tuple[str, Any] | None:
    """A model's constructor takes boto3's keys (or the attribute names): say ``(**data)``."""
    if what == "class" and _is_model(obj):
        return "(**data)", annotation
    return None


def _model_fields(app: Any, what: str, name: str, obj: Any, options: Any, lines: list[str]) -> None:
    """Append a table of the fields (attribute, boto3 key, description) to each model."""
    if what != "class" or not _is_model(obj) or not obj.model_fields:
        return
    lines += ["", ".. list-table::", "   :header-rows: 1", "   :widths: 25 25 50", ""]
    lines += ["   * - attribute", "     - key", "     - description"]
    for attribute, field in obj.model_fields.items():
        description = " ".join((field.description or "").split())
        key = field.alias or attribute
        lines += [f"   * - ``{attribute}``", f"     - ``{key}``", f"     - {description}"]
    lines.append("")


def _pydantic_internal(
    app: Any, what: str, name: str, obj: object, skip: bool, options: Any
) -> bool | None:
    """Leave out what every model inherits from pydantic (``model_config``, ``model_fields``,
    ``model_validate``...): pydantic documents those, and the field tables say the rest."""
    from pydantic import BaseModel

    if name in dir(BaseModel) and not name.startswith("__"):
        return True
    return None


def setup(app: Any) -> None:
    app.connect("autodoc-skip-member", _pydantic_internal)
    app.connect("autodoc-process-signature", _model_signature)
    app.connect("autodoc-process-docstring", _model_fields)
