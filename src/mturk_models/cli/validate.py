"""``mturk-models validate`` (alias ``validate-hit``): request files of any MTurk operation."""

from __future__ import annotations

import argparse
import difflib
import json
import re
import typing
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from pydantic import BaseModel, ValidationError

import mturk_models

from ..api._preflight import Request
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
Each FILE holds the JSON that 'aws mturk <operation> --cli-input-json file://FILE' takes: the
request members with boto3's PascalCase keys (what --generate-cli-skeleton prints, filled in).
The file names its operation with a top-level "Operation" key ("SendBonus", "send-bonus" or
"send_bonus"), or --operation names it for every file; otherwise it is told from the keys
(HITTypeId means create-hit-with-hit-type, and so on; a file that fits several operations
equally is an error). Every violation is printed as
  FILE: Field.Path: message [code]

examples:
  mturk-models validate hits/*.json
  mturk-models validate --operation send-bonus bonus.json
  aws mturk send-bonus --generate-cli-skeleton > bonus.json   (fill it in, then validate it)
  mturk-models validate --json requests/*.json | jq '.[] | select(.valid | not)'

{EXIT_CODES}"""

OPERATION_KEY = "Operation"
"""The top-level key of a request file that names its operation."""

_CREATE_HIT_FIRST = ("CreateHIT", "CreateHITWithHITType", "CreateHITType")
"""Tie-break for files told from their keys: the HIT operations, most common first."""


@cache
def request_models() -> dict[str, type[BaseModel]]:
    """Every operation's request model by botocore's operation name, found from the request
    classes the package exports (``SendBonusRequest`` is SendBonus's)."""
    found: dict[str, type[BaseModel]] = {}
    for name in mturk_models.__all__:
        value = getattr(mturk_models, name)
        if name.endswith("Request") and isinstance(value, type) and issubclass(value, Request):
            found[name.removesuffix("Request")] = value
    return found


def snake_name(operation: str) -> str:
    """boto3's method name of an operation: ``ListHITsForQualificationType`` is
    ``list_hits_for_qualification_type``, ``GetFileUploadURL`` is ``get_file_upload_url``."""
    words = operation.replace("HITs", "Hits").replace("HIT", "Hit").replace("URL", "Url")
    return re.sub(r"(?<!^)(?=[A-Z])", "_", words).lower()


def _spelling_key(text: str) -> str:
    return text.replace("-", "").replace("_", "").lower()


def operation_named(text: str) -> str | None:
    """The operation ``text`` names in any of its spellings (``SendBonus``, ``send-bonus``,
    ``send_bonus``), or None."""
    spellings = {_spelling_key(name): name for name in request_models()}
    return spellings.get(_spelling_key(text))


def _operation_option(text: str) -> str:
    found = operation_named(text)
    if found is None:
        close = difflib.get_close_matches(text, list(request_models()), n=3, cutoff=0.5)
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        raise argparse.ArgumentTypeError(f"unknown MTurk operation {text!r}{hint}")
    return found


def register(subparsers: Any) -> None:
    """Add ``validate`` (and its alias ``validate-hit``) and its options to the command line."""
    parser = add_command(
        subparsers,
        "validate",
        "check request JSON files of any MTurk operation (alias: validate-hit)",
        "Check request JSON files against every documented MTurk rule of their operation.",
        EPILOG,
        aliases=["validate-hit"],
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="request JSON files; - is stdin")
    parser.add_argument(
        "--operation",
        type=_operation_option,
        metavar="OPERATION",
        help="the operation of every file (SendBonus, send-bonus or send_bonus; default: the "
        'file\'s "Operation" key, else told from its keys)',
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


def guess_operation(keys: Iterable[str], models: dict[str, type[BaseModel]]) -> list[str]:
    """The operations whose requests fit ``keys`` best: fewest unknown keys, then fewest missing
    required members. One operation, or several that fit equally (the HIT operations first,
    CreateHIT the most common, so that HIT files are told apart as before)."""
    given = set(keys)

    def misfit(operation: str) -> tuple[int, int]:
        fields = models[operation].model_fields
        known = {field.alias or name for name, field in fields.items()}
        required = {field.alias or name for name, field in fields.items() if field.is_required()}
        return len(given - known), len(required - given)

    best = min(misfit(operation) for operation in models)
    fitting = [operation for operation in models if misfit(operation) == best]
    hits = [operation for operation in _CREATE_HIT_FIRST if operation in fitting]
    return hits[:1] or fitting


def _operation_of(data: dict[str, Any], option: str | None) -> str:
    """The operation of a request file: its "Operation" key, the option, or told from its keys;
    an :class:`InputError` when it names none, or another than the option."""
    models = request_models()
    named = data.pop(OPERATION_KEY, None)
    if named is not None:
        operation = operation_named(named) if isinstance(named, str) else None
        if operation is None:
            raise InputError(f'"{OPERATION_KEY}" names no MTurk operation: {got(named)}')
        if option is not None and option != operation:
            raise InputError(
                f'the file\'s "{OPERATION_KEY}" is {operation} but --operation says {option}'
            )
        return operation
    if option is not None:
        return option
    candidates = guess_operation(data, models)
    if len(candidates) > 1:
        raise InputError(
            f"the keys fit {len(candidates)} operations equally ({', '.join(candidates[:5])}"
            f'{", ..." if len(candidates) > 5 else ""}); name it with an "{OPERATION_KEY}" key '
            "or --operation"
        )
    return candidates[0]


@dataclass(frozen=True)
class Caution:
    """A warning a request raised (an ``MTurkModelsWarning``): its message and class name."""

    msg: str
    type: str


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


def _check_request(name: str, args: argparse.Namespace, stdin: Any) -> RequestReport:
    """One request file checked against the model of its operation."""
    option = args.operation
    report = RequestReport(
        "<stdin>" if name == "-" else name,
        snake_name(option) if option else None,
        strict=args.strict,
    )
    try:
        source = open_input(name, stdin)
        try:
            data = load_json(source.stream.read())
        finally:
            source.close()
        if not isinstance(data, dict):
            kind = type(data).__name__
            raise InputError(f"a request is a JSON object of request members, got {kind}")
        operation = _operation_of(data, option)
    except (InputError, OSError) as exc:
        report.errors.append(Violation("", one_line(str(exc)), "input"))
        return report
    report.operation = snake_name(operation)
    model = request_models()[operation]
    context = {"environment": args.environment} if args.environment else None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", MTurkModelsWarning)
        try:
            model.model_validate(data, context=context)
        except ValidationError as exc:
            report.errors += validation_errors(exc)
    report.errors += _cli_json_types(data, model)
    report.warnings += [
        Caution(one_line(str(w.message)), w.category.__name__)
        for w in caught
        if issubclass(w.category, MTurkModelsWarning)
    ]
    return report


def _is_money(annotation: Any) -> bool:
    if annotation is Decimal:
        return True
    return any(_is_money(arg) for arg in typing.get_args(annotation))


def _cli_json_types(data: dict[str, Any], model: type[BaseModel]) -> list[Violation]:
    """JSON types the AWS CLI refuses although the models, made for Python values, take them.

    A request file is what ``aws mturk ... --cli-input-json`` reads, and botocore checks its
    types: money (Reward, BonusAmount) is a string (``0.5`` as a JSON number fails there) and
    IntegerValues are numbers (``"95"`` fails). The models accept both, for Decimal amounts and
    archived XML.
    """
    errors: list[Violation] = []
    for name, info in model.model_fields.items():
        key = info.alias or name
        value = data.get(key)
        if _is_money(info.annotation) and value is not None and not isinstance(value, str):
            errors.append(
                Violation(
                    key,
                    f'{key} should be a JSON string such as "0.50" (the AWS CLI and botocore '
                    f"refuse a number); got {got(value)}",
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
    reports = [_check_request(name, args, ctx.stdin) for name in args.files]
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
