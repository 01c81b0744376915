"""``mturk-models score``: Workers' qualification test answers scored with the test's AnswerKey."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from typing import Any

from ..documents.answer_key import AnswerKey, parse_answer_key
from ..documents.answers import parse_answers
from ..documents.questions import QuestionForm, parse_question
from ..exceptions import MTurkModelsError
from ._common import EXIT_CODES, EXIT_FAILED, EXIT_OK, Context, add_command
from ._sources import InputError, load_json, open_input

EPILOG = f"""\
Each ANSWERS file holds saved QualificationRequests, as boto3 or 'aws mturk
list-qualification-requests --output json' gives them: a ListQualificationRequests page
({{"QualificationRequests": [...]}}), one QualificationRequest ({{"WorkerId": ..., "Answer": ...}}),
a list of these, or JSON Lines of them; or a QuestionFormAnswers XML document (one Worker's
answers, named by the file). One line is printed per Worker:
  WORKER<TAB>VALUE
--explain adds each question's selections, the option that matched (or the default score) and
its points, then the summed score. --test checks the key against its test first and prints
the findings on standard error (they do not change the exit code).

examples:
  mturk-models score --key key.xml requests.json
  mturk-models score --test test.xml --key key.xml --explain answers/*.xml
  aws mturk list-qualification-requests --qualification-type-id ID \\
      | mturk-models score --key key.xml -

{EXIT_CODES}"""


def register(subparsers: Any) -> None:
    """Add ``score`` and its options to the command line."""
    parser = add_command(
        subparsers,
        "score",
        "score saved qualification test answers with the test's AnswerKey",
        "Compute the Qualification value MTurk grants each Worker for their test answers.",
        EPILOG,
    )
    parser.add_argument("files", nargs="+", metavar="ANSWERS", help="answer files; - is stdin")
    parser.add_argument("--key", required=True, metavar="KEY", help="the AnswerKey XML file")
    parser.add_argument(
        "--test", metavar="TEST", help="the test's QuestionForm XML file, to check the key against"
    )
    parser.add_argument("--explain", action="store_true", help="print how each question was scored")
    parser.set_defaults(run=run)


def _read_document(name: str, ctx: Context) -> bytes | None:
    try:
        source = open_input(name, ctx.stdin)
        try:
            return source.stream.read()
        finally:
            source.close()
    except (InputError, OSError) as exc:
        ctx.reporter.error(name, exc)
        return None


def _requests(value: Any, where: str) -> Iterator[tuple[str, Any]]:
    """(who, answer XML) for each QualificationRequest in a JSON value; InputError otherwise."""
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield from _requests(item, f"{where}[{index}]")
        return
    if not isinstance(value, dict):
        raise InputError(
            f"{where}: expected a QualificationRequest object, got {type(value).__name__}"
        )
    if "QualificationRequests" in value:
        yield from _requests(value["QualificationRequests"], f"{where}.QualificationRequests")
        return
    if "Answer" not in value:
        keys = ", ".join(sorted(map(str, value))[:5]) or "no keys"
        raise InputError(f"{where}: not a QualificationRequest (no Answer member; it has {keys})")
    who = value.get("WorkerId") or value.get("QualificationRequestId") or where
    yield str(who), value["Answer"]


def _answers_of(name: str, data: bytes) -> Iterator[tuple[str, Any]]:
    text = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text[:1] == b"<":
        yield ("<stdin>" if name == "-" else name), data
        return
    try:
        values = [load_json(data)]
    except InputError:
        lines = [line for line in data.splitlines() if line.strip()]
        if len(lines) < 2:
            raise
        values = []
        for number, line in enumerate(lines, 1):
            try:
                values.append(load_json(line))
            except InputError as exc:
                raise InputError(f"line {number}: {exc}") from exc
    for value in values:
        yield from _requests(value, "")


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Score every Worker's answers; exit 1 if an input could not be read or scored."""
    key_data = _read_document(args.key, ctx)
    if key_data is None:
        return EXIT_FAILED
    try:
        key: AnswerKey = parse_answer_key(key_data)
    except MTurkModelsError as exc:
        ctx.reporter.error(args.key, exc)
        return EXIT_FAILED
    if args.test:
        test_data = _read_document(args.test, ctx)
        if test_data is None:
            return EXIT_FAILED
        try:
            test = parse_question(test_data)
        except MTurkModelsError as exc:
            ctx.reporter.error(args.test, exc)
            return EXIT_FAILED
        if not isinstance(test, QuestionForm):
            ctx.reporter.error(args.test, InputError("a qualification test is a QuestionForm"))
            return EXIT_FAILED
        for finding in key.check(test):
            ctx.stderr.write(f"{args.key}: {finding.message} [{finding.code}]\n")
    failed = 0
    scored = 0
    for name in args.files:
        data = _read_document(name, ctx)
        if data is None:
            failed += 1
            continue
        try:
            requests = list(_answers_of(name, data))
        except InputError as exc:
            ctx.reporter.error(name, exc)
            failed += 1
            continue
        for who, answer in requests:
            try:
                if not isinstance(answer, (str, bytes)):
                    raise InputError(
                        f"Answer should be the answers' XML text, got {type(answer).__name__}"
                    )
                explained = key.explain(parse_answers(answer))
            except (MTurkModelsError, InputError) as exc:
                ctx.reporter.error(f"{name}: {who}", exc)
                failed += 1
                continue
            scored += 1
            ctx.stdout.write(f"{who}\t{explained.value}\n")
            if args.explain:
                for line in str(explained).splitlines():
                    ctx.stdout.write(f"  {line}\n")
    ctx.reporter.note(
        f"{scored} Worker{'s' if scored != 1 else ''} scored"
        + (f"; {failed} input{'s' if failed != 1 else ''} failed" if failed else "")
    )
    return EXIT_FAILED if failed else EXIT_OK
