"""``mturk-models schema``: the JSON Schema of a public model, or the list of their names."""

from __future__ import annotations

import argparse
import difflib
import json
from typing import Any

from pydantic import BaseModel

from ._common import EXIT_OK, Context, UsageError, add_command

EPILOG = """\
MODEL is a model's class name (case does not matter), for example Assignment, HIT,
QualificationRequirement, Locale, GetAssignmentResponse, ListAssignmentsForHITResponse.
Without MODEL the names are listed; an unknown MODEL is a usage error (exit 2) that suggests
the nearest names. Keys in the schema are boto3's (PascalCase).

examples:
  mturk-models schema
  mturk-models schema Assignment > assignment.schema.json
  mturk-models schema QualificationRequirement --mode serialization"""

_JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
"""Pydantic writes JSON Schema draft 2020-12; saying so lets editors pick the right validator."""


def register(subparsers: Any) -> None:
    """Add ``schema`` and its options to the command line."""
    parser = add_command(
        subparsers,
        "schema",
        "print the JSON Schema of a model",
        "Print the JSON Schema of a model, for editors and other languages.",
        EPILOG,
    )
    parser.add_argument("model", nargs="?", metavar="MODEL", help="model name; omit to list them")
    parser.add_argument(
        "--mode",
        choices=("validation", "serialization"),
        default="validation",
        help="schema of the input accepted (default) or of the output produced",
    )
    parser.set_defaults(run=run)


def public_models() -> dict[str, type[BaseModel]]:
    """Every public pydantic model of the package, by class name."""
    import mturk_models

    found = {}
    for name in mturk_models.__all__:
        value = getattr(mturk_models, name)
        if isinstance(value, type) and issubclass(value, BaseModel):
            found[name] = value
    return found


def _unknown(given: str, by_folded: dict[str, str]) -> str:
    """The message for a model name that is not one: the nearest names, or all of them."""
    folded = given.casefold()
    near = [name for name in sorted(by_folded) if name.startswith(folded)]  # GetAssignment...
    near += difflib.get_close_matches(folded, by_folded, n=3, cutoff=0.6)
    near = list(dict.fromkeys(near))[:3]
    if near:
        shown = [repr(by_folded[name]) for name in near]
        names = shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} or {shown[-1]}"
        return f"unknown model {given!r}; did you mean {names}?"
    listed = ", ".join(sorted(by_folded.values()))
    return f"unknown model {given!r}; choose one of: {listed}"


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print the model names, or the JSON Schema of the model named."""
    models = public_models()
    if args.model is None:
        ctx.stdout.write("\n".join(sorted(models)) + "\n")
        return EXIT_OK
    by_folded = {name.casefold(): name for name in models}
    name = by_folded.get(args.model.casefold())
    if name is None:
        raise UsageError(_unknown(args.model, by_folded))
    model = models[name]
    schema = {"$schema": _JSON_SCHEMA_DIALECT}
    schema.update(model.model_json_schema(by_alias=True, mode=args.mode))
    ctx.stdout.write(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK
