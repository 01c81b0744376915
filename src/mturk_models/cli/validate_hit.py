"""``mturk-models validate-hit``: CreateHIT / CreateHITType / CreateHITWithHITType request files."""

from __future__ import annotations

import argparse
import json
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

import mturk_models

from ..exceptions import MTurkModelsWarning
from ._common import (
    EXIT_CODES,
    EXIT_FAILED,
    EXIT_OK,
    Context,
    Violation,
    add_command,
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
(looked up in ``mturk_models``, so a model moving between ``api`` modules changes nothing here)."""


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


@dataclass
class RequestReport:
    """One request file checked: its operation, what is wrong, and whether it passes.

    ``valid`` is false with any error, and with any warning under ``--strict``. ``as_json()``
    is one element of ``--json`` output.
    """

    file: str
    operation: str | None
    errors: list[Violation] = field(default_factory=list)
    warnings: list[Caution] = field(default_factory=list)
    strict: bool = False

    @property
    def valid(self) -> bool:
        """No error, and no warning either with ``--strict``."""
        return not self.errors and not (self.strict and self.warnings)

    def as_json(self) -> dict[str, Any]:
        """``{"file", "operation", "valid", "errors", "warnings"}``, as ``--json`` prints it."""
        return {
            "file": self.file,
            "operation": self.operation,
            "valid": self.valid,
            "errors": [asdict(error) for error in self.errors],
            "warnings": [asdict(warning) for warning in self.warnings],
        }

    def lines(self) -> Iterator[str]:
        """The report as text: ``FILE: Loc: message [code]``, then ``FILE: warning: ...``."""
        for error in self.errors:
            yield f"{self.file}: {error.line()}\n"
        for warning in self.warnings:
            yield f"{self.file}: warning: {warning.msg} [{warning.type}]\n"


@dataclass(frozen=True)
class Caution:
    """A warning a request raised (an ``MTurkModelsWarning``): its message and class name."""

    msg: str
    type: str


def _check_request(
    name: str, args: argparse.Namespace, stdin: Any, models: dict[str, type[BaseModel]]
) -> RequestReport:
    """One request file checked against the model of its operation."""
    report = RequestReport("<stdin>" if name == "-" else name, args.operation, strict=args.strict)
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
        report.errors.append(Violation("", one_line(str(exc)), "input"))
        return report
    report.operation = args.operation or guess_operation(data, models)
    context = {"environment": args.environment} if args.environment else None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", MTurkModelsWarning)
        try:
            models[report.operation].model_validate(data, context=context)
        except ValidationError as exc:
            report.errors += validation_errors(exc)
    report.errors += _cli_json_types(data)
    report.warnings += [
        Caution(one_line(str(w.message)), w.category.__name__)
        for w in caught
        if issubclass(w.category, MTurkModelsWarning)
    ]
    return report


def _cli_json_types(data: dict[str, Any]) -> list[Violation]:
    """JSON types the AWS CLI refuses although the models, made for Python values, take them.

    A request file is what ``aws mturk ... --cli-input-json`` reads, and botocore checks its
    types: Reward is a string (``0.5`` as a JSON number fails there) and IntegerValues are
    numbers (``"95"`` fails). The models accept both, for Decimal rewards and archived XML.
    """
    errors: list[Violation] = []
    reward = data.get("Reward")
    if reward is not None and not isinstance(reward, str):
        errors.append(
            Violation(
                "Reward",
                'Reward should be a JSON string such as "0.50" (the AWS CLI and '
                f"botocore refuse a number); got {got(reward)}",
                "json_type",
            )
        )
    requirements = data.get("QualificationRequirements")
    for index, requirement in enumerate(requirements if isinstance(requirements, list) else ()):
        values = requirement.get("IntegerValues") if isinstance(requirement, dict) else None
        for position, value in enumerate(values if isinstance(values, list) else ()):
            if isinstance(value, str):
                errors.append(
                    Violation(
                        location(("QualificationRequirements", index, "IntegerValues", position)),
                        "IntegerValues should be JSON numbers (the AWS CLI and botocore "
                        f"refuse strings); got {got(value)}",
                        "json_type",
                    )
                )
    return errors


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Check every request file; print each violation; exit 1 if any file is not valid."""
    models = _request_models()
    reports = [_check_request(name, args, ctx.stdin, models) for name in args.files]
    failed = [report for report in reports if not report.valid]
    out = ctx.stdout
    if args.json:
        results = [report.as_json() for report in reports]
        out.write(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    else:
        for report in reports:
            for line in report.lines():
                out.write(line)
    ctx.reporter.failures += len(failed)
    count = len(reports)
    warned = sum(len(report.warnings) for report in reports)
    ctx.reporter.note(
        f"{count - len(failed)} of {count} request{'s' if count != 1 else ''} valid"
        + (f"; {len(failed)} failed" if failed else "")
        + (f"; {warned} warning{'s' if warned != 1 else ''}" if warned else "")
    )
    return EXIT_FAILED if failed else EXIT_OK
