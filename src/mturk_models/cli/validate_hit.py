"""``mturk-models validate-hit``: CreateHIT / CreateHITType / CreateHITWithHITType request files."""

from __future__ import annotations

import argparse
import json
import warnings
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError

from ..exceptions import MTurkModelsWarning
from ._common import (
    EXIT_CODES,
    EXIT_FAILED,
    EXIT_OK,
    Context,
    add_command,
    error_line,
    got,
    location,
    one_line,
    validation_errors,
)
from ._sources import InputError, load_json, open_input

EPILOG = f"""\
Each FILE holds the JSON that 'aws mturk create-hit --cli-input-json file://FILE' takes: the
request members with boto3's PascalCase keys. The operation is told from the keys (HITTypeId
means create-hit-with-hit-type; no Question, HITLayoutId or LifetimeInSeconds means
create-hit-type); --operation names it. Every violation is printed as
  FILE: Field.Path: message [code]

examples:
  mturk-models validate-hit hits/*.json
  mturk-models validate-hit --operation create_hit_type hit_type.json
  mturk-models validate-hit --json create_hit.json | jq '.[] | select(.valid | not)'

{EXIT_CODES}"""

_REQUESTS = {
    "create_hit": "CreateHITRequest",
    "create_hit_with_hit_type": "CreateHITWithHITTypeRequest",
    "create_hit_type": "CreateHITTypeRequest",
}
"""The operations, as ``--operation`` names them, and the public names of their request models
(looked up when a file is checked: ``--help`` and the other commands never build them)."""


def register(subparsers: Any) -> None:
    """Add ``validate-hit`` and its options to the command line."""
    parser = add_command(
        subparsers,
        "validate-hit",
        "check CreateHIT / CreateHITType / CreateHITWithHITType request JSON files",
        "Check HIT request JSON files against every documented MTurk rule.",
        EPILOG,
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="request JSON files; - is stdin")
    parser.add_argument(
        "--operation",
        choices=tuple(_REQUESTS),
        help="the operation the files are for (default: told from the keys of each file)",
    )
    parser.add_argument(
        "--environment",
        choices=("production", "sandbox"),
        help="warn about qualification types of the other environment (the Masters IDs differ)",
    )
    parser.add_argument(
        "--strict", action="store_true", help="count warnings as failures (exit code 1)"
    )
    parser.add_argument(
        "--json", action="store_true", help="print the results as JSON on standard output"
    )
    parser.set_defaults(run=run)


def _request_models() -> dict[str, type[BaseModel]]:
    import mturk_models  # the public names: wherever a model lives in the package

    return {operation: getattr(mturk_models, name) for operation, name in _REQUESTS.items()}


def guess_operation(keys: Iterable[str], models: dict[str, type[BaseModel]]) -> str:
    """The operation whose request fits ``keys`` best: fewest unknown keys, then fewest missing.

    Ties go to ``create_hit``, the most common. So ``HITTypeId`` means CreateHITWithHITType, and a
    request with neither ``Question``/``HITLayoutId`` nor ``LifetimeInSeconds`` is CreateHITType.
    """
    given = set(keys)

    def misfit(operation: str) -> tuple[int, int]:
        fields = models[operation].model_fields
        known = {field.alias or name for name, field in fields.items()}
        required = {field.alias or name for name, field in fields.items() if field.is_required()}
        return len(given - known), len(required - given)

    return min(models, key=misfit)


def _check_request(
    name: str, args: argparse.Namespace, stdin: Any, models: dict[str, type[BaseModel]]
) -> dict[str, Any]:
    """One request file checked: ``{"file", "operation", "valid", "errors", "warnings"}``."""
    result: dict[str, Any] = {"file": "<stdin>" if name == "-" else name}
    result.update(operation=args.operation, valid=False, errors=[], warnings=[])
    try:
        source = open_input(name, stdin)
        try:
            data = load_json(source.stream.read())
        finally:
            source.close()
        if not isinstance(data, dict):
            kind = type(data).__name__
            raise InputError(f"a request is a JSON object of request members, got {kind}")
    except (InputError, OSError) as exc:
        result["errors"] = [{"loc": "", "msg": one_line(str(exc)), "type": "input"}]
        return result
    operation = args.operation or guess_operation(data, models)
    result["operation"] = operation
    context = {"environment": args.environment} if args.environment else None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", MTurkModelsWarning)
        try:
            models[operation].model_validate(data, context=context)
        except ValidationError as exc:
            result["errors"] = validation_errors(exc)
    result["errors"] += _cli_json_types(data)
    result["warnings"] = [
        {"msg": one_line(str(w.message)), "type": w.category.__name__}
        for w in caught
        if issubclass(w.category, MTurkModelsWarning)
    ]
    result["valid"] = not result["errors"] and not (args.strict and result["warnings"])
    return result


def _cli_json_types(data: dict[str, Any]) -> list[dict[str, str]]:
    """JSON types the AWS CLI refuses although the models, made for Python values, take them.

    A request file is what ``aws mturk ... --cli-input-json`` reads, and botocore checks its
    types: Reward is a string (``0.5`` as a JSON number fails there) and IntegerValues are
    numbers (``"95"`` fails). The models accept both, for Decimal rewards and archived XML.
    """
    errors = []
    reward = data.get("Reward")
    if reward is not None and not isinstance(reward, str):
        errors.append(
            {
                "loc": "Reward",
                "msg": 'Reward should be a JSON string such as "0.50" (the AWS CLI and '
                f"botocore refuse a number); got {got(reward)}",
                "type": "json_type",
            }
        )
    requirements = data.get("QualificationRequirements")
    for index, requirement in enumerate(requirements if isinstance(requirements, list) else ()):
        values = requirement.get("IntegerValues") if isinstance(requirement, dict) else None
        for position, value in enumerate(values if isinstance(values, list) else ()):
            if isinstance(value, str):
                errors.append(
                    {
                        "loc": location(
                            ("QualificationRequirements", index, "IntegerValues", position)
                        ),
                        "msg": "IntegerValues should be JSON numbers (the AWS CLI and botocore "
                        f"refuse strings); got {got(value)}",
                        "type": "json_type",
                    }
                )
    return errors


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Check every request file; print each violation; exit 1 if any file is not valid."""
    models = _request_models()
    results = [_check_request(name, args, ctx.stdin, models) for name in args.files]
    failed = [result for result in results if not result["valid"]]
    out = ctx.stdout
    if args.json:
        out.write(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    else:
        for result in results:
            for error in result["errors"]:
                out.write(f"{result['file']}: {error_line(error)}\n")
            for warning in result["warnings"]:
                out.write(f"{result['file']}: warning: {warning['msg']} [{warning['type']}]\n")
    ctx.reporter.failures += len(failed)
    count = len(results)
    warned = sum(len(result["warnings"]) for result in results)
    ctx.reporter.note(
        f"{count - len(failed)} of {count} request{'s' if count != 1 else ''} valid"
        + (f"; {len(failed)} failed" if failed else "")
        + (f"; {warned} warning{'s' if warned != 1 else ''}" if warned else "")
    )
    return EXIT_FAILED if failed else EXIT_OK
