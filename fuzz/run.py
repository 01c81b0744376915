"""Fuzz every public entry point with mutated real files from ``tests/data/``.

The entry points: the document readers (answers, questions, AnswerKeys and ``AnswerKey.score``),
the archives (legacy XML responses, batch CSV), crowd answers, event notifications (every
delivery form, and Lambda events), ``model_validate`` of the structures and of every operation's
response and request model, ``iter_assignments``, ``to_rows`` and the command line. Seeds are the
real files and, for the operations without one, values of the ``mturk_models.testing`` strategies.

The promise checked: any input gives a result or the library's own error
(:class:`mturk_models.MTurkModelsError` or :class:`pydantic.ValidationError`; for the command line,
exit status 0, 1 or 2 and never "internal error"), and a result's text is never silently changed
(values round-trip through their own serialisation, ``to_boto3()`` holds every member of a model's
input, a request's ``to_boto3()`` passes botocore's own validation, and parsed answers agree with
the standard library's XML parser on the same document).

Run it with ``nox -s fuzz`` (or ``python fuzz/run.py --inputs 20000 --seed 1``). The run is
deterministic for a seed. Each distinct finding is printed once with its entry point, the exception
(or broken promise) and a shrunk reproducer; the exit status is 1 when there is any.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import csv
import functools
import io
import json
import random
import re
import signal
import sys
import tempfile
import time
import traceback
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

import mturk_models as mm
from mturk_models import MTurkModelsError, MTurkModelsWarning
from mturk_models.api._page import Response
from mturk_models.api._preflight import Request
from mturk_models.cli import main as cli_main
from mturk_models.testing import operation_requests, responses

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
QFA = "{" + mm.QUESTION_FORM_ANSWERS_NAMESPACE + "}"
OURS = (MTurkModelsError, ValidationError)
SLOW_SECONDS = 5.0


class Broken(Exception):
    """A promise broken by a result (a round trip or a comparison that does not hold).

    ``target`` names the finding when one cause shows in many entry points (every model's
    round trip through JSON, say), so that it is reported once.
    """

    def __init__(self, message: str, target: str | None = None) -> None:
        super().__init__(message)
        self.target = target


class Slow(BaseException):
    """One input took more than ``SLOW_SECONDS`` of CPU time (a BaseException: no ``except``
    swallows it). CPU time, not wall time: a busy machine does not make an input slow."""


# --- seeds: real files and values derived from them -----------------------------------------------


def _read(name: str) -> bytes:
    return (DATA / name).read_bytes()


def _task_answers_cells() -> list[str]:
    cells = []
    for name in ("batch_04.csv", "batch_07.csv"):
        with (DATA / name).open(encoding="utf-8", newline="") as handle:
            cells += [row["Answer.taskAnswers"] for row in csv.DictReader(handle)][:3]
    return cells


def _csv_mappings() -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for name in ("batch_01.csv", "batch_03.csv", "batch_06.csv"):
        with (DATA / name).open(encoding="utf-8", newline="") as handle:
            found += [dict(row) for row in csv.DictReader(handle)][:2]
    for cell in _task_answers_cells():
        found += json.loads(cell)[:1]
    return found


def _questions() -> list[str]:
    found = []
    for name in ("legacy_02.xml", "legacy_07.xml"):
        root = ET.fromstring(_read(name))
        found += [q.text or "" for q in root.iter("Question")]
    text = (DATA / "seeds" / "003_bd5cddda1b911dea.txt").read_text("utf-8")
    start, end = text.index("<QuestionForm"), text.index("</QuestionForm>")
    found.append(text[start : end + len("</QuestionForm>")])
    page = (
        "<!DOCTYPE html><html><body><form name='mturk_form' method='post' id='mturk_form' "
        "action='https://www.mturk.com/mturk/externalSubmit'><input type='hidden' "
        "name='assignmentId' id='assignmentId' value=''/><textarea name='comment'></textarea>"
        "<input type='submit'/></form></body></html>"
    )
    found.append(mm.HTMLQuestion(html_content=page, frame_height=450).to_xml())
    return found


def _boto3_lines() -> list[dict[str, Any]]:
    lines = (DATA / "boto3_01.jsonl").read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _hit_dicts() -> list[dict[str, Any]]:
    found = []
    for name in ("legacy_02.xml", "legacy_07.xml"):
        response = mm.parse_legacy_response(_read(name))
        found.append(response.to_boto3()["HIT"])
    return found


def _create_hit_requests(hits: list[dict[str, Any]]) -> list[dict[str, Any]]:
    question = _questions()[0]
    base = {
        "Title": "Tag an image",
        "Description": "Pick the tag that fits the image best",
        "Reward": "0.05",
        "LifetimeInSeconds": 3600,
        "AssignmentDurationInSeconds": 600,
        "Question": question,
    }
    with_quals = dict(base, QualificationRequirements=hits[0]["QualificationRequirements"])
    return [base, with_quals, dict(base, Question=_questions()[-2], Keywords="image, tag")]


def _python_value(node: Any, zone: Any) -> Any:
    """A value of a printed boto3 response (Python's repr: literals, ``datetime.datetime(...)``,
    ``tzlocal()`` read as ``zone``)."""
    import ast
    from datetime import datetime

    if isinstance(node, ast.Dict):
        return {
            _python_value(k, zone): _python_value(v, zone)
            for k, v in zip(node.keys, node.values, strict=True)
        }
    if isinstance(node, ast.List):
        return [_python_value(item, zone) for item in node.elts]
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Call) and ast.unparse(node.func) == "tzlocal":
        return zone
    if isinstance(node, ast.Call) and ast.unparse(node.func) == "datetime.datetime":
        arguments = [_python_value(a, zone) for a in node.args]
        keywords = {k.arg: _python_value(k.value, zone) for k in node.keywords if k.arg}
        return datetime(*arguments, **keywords)
    raise ValueError(f"not a printed boto3 value: {ast.dump(node)[:80]}")


def _real_responses() -> dict[str, list[dict[str, Any]]]:
    """The saved real outputs under ``tests/data/responses/`` (and the first one, beside it)."""
    import ast
    from datetime import timedelta, timezone

    responses = DATA / "responses"
    get_hit = json.loads((responses / "get_hit_01.json").read_text("utf-8"))
    printed = (responses / "create_qualification_type_02.txt").read_text("utf-8")
    # The printing machine's zone: its CreationTime 15:07:14 is the Date header's 23:07:14 GMT.
    zone = timezone(timedelta(hours=-8))
    created = _python_value(ast.parse(printed.strip(), mode="eval").body, zone)
    # As saved, and without the RequiredToPreview members that the HIT model refuses beside
    # ActionsGuarded (a finding): mutations of a valid real response reach deeper.
    trimmed = copy.deepcopy(get_hit)
    for requirement in trimmed["HIT"]["QualificationRequirements"]:
        requirement.pop("RequiredToPreview", None)
    return {
        "GetHITResponse": [get_hit, trimmed],
        "CreateQualificationTypeResponse": [
            json.loads((DATA / "create_qualification_type_01.json").read_text("utf-8")),
            created,
        ],
        "ListReviewableHITsResponse": [
            {
                "NextToken": "NEXT_TOKEN_VALUE",
                "NumResults": 1,
                "HITs": [{"HITId": "388FBO7JZT48TG61MZMH91GBEYPYNF"}],
            }
        ],
        "GetAccountBalanceResponse": [{"AvailableBalance": "10000.00"}],
    }


def _examples(strategy: Any, count: int) -> list[Any]:
    """``count`` values of a Hypothesis strategy, the same ones on every run (derandomized)."""
    from hypothesis import HealthCheck, given, settings

    found: list[Any] = []

    @settings(
        max_examples=count,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def collect(value: Any) -> None:
        if len(found) < count:
            found.append(value)

    collect()
    return found


def _public(base: type[Any], suffix: str) -> dict[str, type[Any]]:
    """Every public model of a kind (responses, requests), by name."""
    found = {}
    for name in mm.__all__:
        value = getattr(mm, name)
        if name.endswith(suffix) and isinstance(value, type) and issubclass(value, base):
            found[name] = value
    return found


RESPONSES = _public(Response, "Response")
REQUESTS = _public(Request, "Request")


def _generated(models: dict[str, type[Any]], strategy: Callable[..., Any]) -> dict[str, list[Any]]:
    """Per model, the boto3 shape of a few generated valid values."""
    # Derandomized Hypothesis starts from the simplest values: keep three of the later ones.
    return {
        name: [value.to_boto3() for value in _examples(strategy(model), 12)[-3:]]
        for name, model in models.items()
    }


@functools.cache
def _generated_seeds() -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
    """Generated valid outputs and requests of every operation (made once: Hypothesis is slow)."""
    outputs = _generated(RESPONSES, lambda model: responses(model, full=True))
    return outputs, _generated(REQUESTS, operation_requests)


def _notification_seeds() -> dict[str, list[Any]]:
    envelope = json.loads((DATA / "notifications" / "sns_notification_01.json").read_text("utf-8"))
    lambda_sqs = json.loads(
        (DATA / "notifications" / "lambda_sqs_event_01.json").read_text("utf-8")
    )
    document = envelope["Message"]
    sqs_sns = {"messageId": "m1", "body": json.dumps(envelope), "eventSource": "aws:sqs"}
    lambda_sns = {"Records": [{"EventSource": "aws:sns", "EventVersion": "1.0", "Sns": envelope}]}
    boto3_sqs = {"Messages": [{"MessageId": "m1", "Body": document}]}
    return {
        "notification_messages": [
            envelope,
            json.loads(document),
            sqs_sns,
            lambda_sqs["Records"][0],
        ],
        "notification_documents": [document.encode("utf-8"), json.dumps(envelope).encode("utf-8")],
        "notification_events": [lambda_sqs, lambda_sns, boto3_sqs],
    }


def _scored_answers() -> list[bytes]:
    """Answers to the real qualification tests: every question answered, some wrongly."""
    found = []
    for test in ("answer_keys/test_01.xml", "answer_keys/test_02.xml"):
        form = mm.parse_question(_read(test))
        parts = []
        for index, question in enumerate(getattr(form, "questions", ())):
            selections = [s.selection_identifier for s in question.answer_specification.selections]
            chosen = selections[index % len(selections)]
            parts.append(
                f"<Answer><QuestionIdentifier>{question.question_identifier}</QuestionIdentifier>"
                f"<SelectionIdentifier>{chosen}</SelectionIdentifier></Answer>"
            )
        found.append(
            (
                f'<QuestionFormAnswers xmlns="{mm.QUESTION_FORM_ANSWERS_NAMESPACE}">'
                + "".join(parts)
                + "</QuestionFormAnswers>"
            ).encode("utf-8")
        )
    return found


# --- mutations ------------------------------------------------------------------------------------

XML_FRAGMENTS = [
    "<Answer>",
    "</Answer>",
    "<FreeText>x</FreeText>",
    "<SelectionIdentifier>a</SelectionIdentifier>",
    "<QuestionIdentifier> q </QuestionIdentifier>",
    "<![CDATA[<b>&amp;]]>",
    "&amp;",
    "&#13;",
    "&#xD;",
    "&#0;",
    "&#xD800;",
    "&#x10FFFF;",
    "&#99999999999;",
    "&lt;",
    "&foo;",
    "<!-- c -->",
    "<?pi x?>",
    '<!DOCTYPE a [<!ENTITY e "x">]>',
    '<!ENTITY % p SYSTEM "http://x/">',
    '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd"/>',
    'xmlns="urn:other"',
    ' xmlns:a="urn:a" a:b="c"',
    "\r\n",
    "\r",
    "\t",
    "\x00",
    "\x0b",
    "\ufeff",
    "\ufffe",
    "</QuestionFormAnswers>",
    "<QuestionFormAnswers>",
]
ENCODINGS = [
    '<?xml version="1.0" encoding="UTF-16"?>',
    '<?xml version="1.0" encoding="ISO-8859-1"?>',
    '<?xml version="1.0" encoding="utf8"?>',
    '<?xml version="1.0" encoding="ascii"?>',
    '<?xml version="1.0" encoding="bogus-42"?>',
    '<?xml version="1.1"?>',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    "<?xml version='1.0' encoding='EBCDIC-CP-US'?>",
]
CSV_FRAGMENTS = [
    '"',
    '""',
    ",",
    ",,",
    "\r\n",
    "\n",
    "\r",
    '"\n"',
    "\x00",
    "=1+1",
    ";",
    "\t",
    "\ufeff",
]
JSON_FRAGMENTS = [
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    '"',
    '\\"',
    '"\\ud800"',
    "\\udc00",
    "\\u0000",
    "1e999",
    "-1e999",
    "NaN",
    "Infinity",
    "-0",
    "1" * 5000,
    "0.1e-400",
    "null",
    "true",
    '{"a":{"b":[]}}',
    '"\\u00e9"',
]
HUGE_NUMBERS = ["9" * 40, "1" * 4400, "1e308", "1e309", "-0.0", "0x10", "1_000", "²", "٣"]
SURROGATES = ["\ud800", "\udfff", "\udc80\udc81", "\U0001f600", "\u0085", "\u2028"]
BOMS = [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff"]
SCALARS: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    2**64,
    10**4400,
    1.5,
    float("inf"),
    float("nan"),
    -0.0,
    "",
    " ",
    "\ud800",
    "x" * 10000,
    "2021-09-17T12:47:31-07:00",
    "1631910480",
    "0.50",
    "$1.00",
    "A1",
    "Approved",
    "In",
    "US",
    [],
    {},
    [None],
    {"": None},
]


def _pos(rng: random.Random, length: int) -> int:
    return rng.randint(0, length) if length else 0


def _mutate_text(rng: random.Random, text: str, fragments: list[str]) -> str:
    choice = rng.randrange(10)
    at = _pos(rng, len(text))
    if choice == 0 and text:  # truncate
        return text[:at]
    if choice == 1:  # insert a fragment
        return text[:at] + rng.choice(fragments) + text[at:]
    if choice == 2:  # lone surrogates and other odd code points
        return text[:at] + rng.choice(SURROGATES) + text[at:]
    if choice == 3:  # huge or odd numbers in place of a digit run
        digits = [i for i, c in enumerate(text) if c.isdigit()]
        if digits:
            i = rng.choice(digits)
            return text[:i] + rng.choice(HUGE_NUMBERS) + text[i + 1 :]
        return text + rng.choice(HUGE_NUMBERS)
    if choice == 4:  # deep nesting
        depth = rng.choice([50, 500, 5000, 50000])
        opener, closer = rng.choice([("<a>", "</a>"), ("[", "]"), ('{"a":', "}"), ('"', '"')])
        return text[:at] + opener * depth + closer * depth + text[at:]
    if choice == 5:  # an encoding declaration in front, or in place of the existing one
        declaration = rng.choice(ENCODINGS)
        if text.startswith("<?xml"):
            end = text.find("?>")
            return declaration + text[end + 2 :] if end >= 0 else declaration + text
        return declaration + text
    if choice == 6 and text:  # duplicate a slice
        end = min(len(text), at + rng.randint(1, 200))
        return text[:end] + text[at:end] + text[end:]
    if choice == 7 and text:  # delete a slice
        return text[:at] + text[at + rng.randint(1, 50) :]
    if choice == 8 and text:  # replace one character
        i = min(at, len(text) - 1)
        return (
            text[:i]
            + chr(rng.choice([0, 9, 10, 13, 32, 34, 38, 39, 60, 62, 0xA0, 0xFFFD]))
            + text[i + 1 :]
        )
    return text + rng.choice(fragments)


def _mutate_bytes(rng: random.Random, data: bytes, fragments: list[str]) -> bytes:
    choice = rng.randrange(6)
    at = _pos(rng, len(data))
    if choice == 0 and data:  # flip bits of one byte
        i = min(at, len(data) - 1)
        return data[:i] + bytes([data[i] ^ (1 << rng.randrange(8))]) + data[i + 1 :]
    if choice == 1 and data:  # a random byte
        i = min(at, len(data) - 1)
        return data[:i] + bytes([rng.randrange(256)]) + data[i + 1 :]
    if choice == 2:  # truncate
        return data[:at]
    if choice == 3:  # a byte order mark
        return rng.choice(BOMS) + data
    if choice == 4:  # re-encode the whole text
        encoding = rng.choice(["utf-16", "utf-16-le", "latin-1", "cp1252", "utf-32"])
        return data.decode("utf-8", "replace").encode(encoding, "replace")
    return data[:at] + rng.choice(fragments).encode("utf-8", "surrogatepass") + data[at:]


def mutate_document(rng: random.Random, seed: bytes, fragments: list[str]) -> str | bytes:
    """Some mutations of a document: as text (lone surrogates allowed) or as bytes."""
    rounds = rng.choice([1, 1, 2, 3, 5])
    if rng.random() < 0.5:
        text = seed.decode("utf-8", "replace")
        for _ in range(rounds):
            text = _mutate_text(rng, text, fragments)
        return text
    data = seed
    for _ in range(rounds):
        data = _mutate_bytes(rng, data, fragments)
    return data


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if len(prefix) > 30:  # deep nesting made by an earlier round: its top is enough
        return
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


def mutate_structure(rng: random.Random, seed: Any) -> Any:
    """Change a JSON-like value: replace, delete, add or nest one member; or mutate a string."""
    value = copy.deepcopy(seed)
    for _ in range(rng.choice([1, 1, 2, 3])):
        paths = list(_paths(value))
        path = rng.choice(paths)
        if not path:
            continue
        parent = value
        for step in path[:-1]:
            parent = parent[step]
        key = path[-1]
        choice = rng.randrange(6)
        if choice == 0:
            parent[key] = copy.deepcopy(rng.choice(SCALARS))
        elif choice == 1:
            del parent[key]
        elif choice == 2 and isinstance(parent, dict):
            parent[rng.choice(["Extra", "HITId", "hit_id", "answer", "Assignment", key + " "])] = (
                copy.deepcopy(rng.choice(SCALARS))
            )
        elif choice == 3:
            nested: Any = parent[key]
            for _ in range(rng.choice([2, 50, 300])):
                nested = [nested] if rng.random() < 0.5 else {"a": nested}
            parent[key] = nested
        elif isinstance(parent[key], str):
            fragments = XML_FRAGMENTS if "<" in parent[key] else JSON_FRAGMENTS + CSV_FRAGMENTS
            mutated = mutate_document(rng, parent[key].encode("utf-8", "surrogatepass"), fragments)
            if isinstance(mutated, bytes):
                mutated = mutated.decode("utf-8", "surrogateescape")
            parent[key] = mutated
        elif isinstance(parent[key], (int, float)) and not isinstance(parent[key], bool):
            number = parent[key]
            text = _repr(number) if isinstance(number, int) else str(number)
            parent[key] = rng.choice([-number, number * 10**30, text])
    return value


def other_containers(rng: random.Random, value: Any, depth: int = 0) -> Any:
    """The same value with some lists as the other containers pydantic converts to a sequence:
    tuples, dict views, sets and frozensets (where the items hash), deques. Below 20 levels
    (deep nesting made by another mutation) the value is left as it is."""
    import collections

    if depth > 20:
        return value
    if isinstance(value, dict):
        return {key: other_containers(rng, item, depth + 1) for key, item in value.items()}
    if not isinstance(value, list):
        return value
    items = [other_containers(rng, item, depth + 1) for item in value]
    choice = rng.randrange(5)
    if choice == 0:
        return tuple(items)
    if choice == 1:
        return dict(enumerate(items)).values()
    if choice == 2:
        return collections.deque(items)
    if choice == 3:
        try:
            return rng.choice([set, frozenset])(items)
        except TypeError:  # unhashable items (dicts): a tuple instead
            return tuple(items)
    return items


def mutate_json_text(rng: random.Random, seed: Any) -> Any:
    """The JSON text of a value, mutated as text, decoded again when it still decodes."""
    text = json.dumps(seed, default=str)
    for _ in range(rng.choice([1, 2])):
        text = _mutate_text(rng, text, JSON_FRAGMENTS)
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return seed


# --- the entry points and their promises ----------------------------------------------------------


def _expect(condition: bool, message: str) -> None:
    if not condition:
        raise Broken(message)


def _reference_answers(document: str | bytes) -> list[tuple[str, Any]] | None:
    """What the standard library's parser reads in the same document (None: not comparable)."""
    try:
        root = ET.fromstring(document)
    except (ET.ParseError, ValueError, LookupError, RecursionError):
        return None
    if root.tag != QFA + "QuestionFormAnswers":
        return None
    found: list[tuple[str, Any]] = []
    for answer in root.findall(QFA + "Answer"):
        free = answer.find(QFA + "FreeText")
        if free is not None:
            found.append(("free_text", "".join(free.itertext())))
            continue
        selections = answer.findall(QFA + "SelectionIdentifier")
        other = answer.find(QFA + "OtherSelectionText")
        uploaded = answer.find(QFA + "UploadedFileKey") is not None
        # An Answer with no answer element reads as a selection of nothing (a checkbox group
        # left empty), as the schema allows zero SelectionIdentifiers.
        if not uploaded:
            texts = ["".join(s.itertext()).strip(" \t\r\n") for s in selections]
            found.append(
                ("selection", (texts, None if other is None else "".join(other.itertext())))
            )
    return found


def _ours(answers: mm.QuestionFormAnswers) -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    for answer in answers.answers:
        if isinstance(answer, mm.FreeTextAnswer):
            found.append(("free_text", answer.text))
        elif isinstance(answer, mm.SelectionAnswer):
            found.append(
                ("selection", (list(answer.selection_identifiers), answer.other_selection_text))
            )
    return found


def check_answers(document: str | bytes) -> None:
    answers = mm.parse_answers(document)
    _expect(mm.parse_answers(answers.to_xml()) == answers, "parse_answers(a.to_xml()) != a")
    reference = _reference_answers(document)
    if reference is not None:
        _expect(_ours(answers) == reference, "answer text differs from xml.etree's reading")


def check_question(document: str | bytes, strict: bool) -> None:
    question = mm.parse_question(document, strict=strict)
    _expect(mm.parse_question(question.to_xml()) == question, "parse_question(q.to_xml()) != q")


def check_answer_key(document: str | bytes) -> None:
    key = mm.parse_answer_key(document)
    _expect(mm.parse_answer_key(key.to_xml()) == key, "parse_answer_key(k.to_xml()) != k")
    _expect(isinstance(key.score(mm.QuestionFormAnswers()), int), "score() is not an int")


def check_legacy(document: str | bytes) -> None:
    response = mm.parse_legacy_response(document)
    again = type(response).model_validate(response.to_boto3())
    _expect(again == response, "legacy model != model_validate(model.to_boto3())")


def _rows(source: str | bytes, fold: bool) -> list[mm.BatchResultRow]:
    handle: io.StringIO | io.BytesIO = (
        io.StringIO(source, newline="") if isinstance(source, str) else io.BytesIO(source)
    )
    return list(mm.read_batch_csv(handle, fold=fold))


def check_batch(source: str | bytes, fold: bool) -> None:
    rows = _rows(source, fold)
    out = io.StringIO(newline="")
    mm.write_batch_csv(rows, out)
    again = _rows(out.getvalue(), fold)
    _expect(again == rows, "read_batch_csv(write_batch_csv(rows)) != rows")


def check_task_answers(text: str | bytes) -> None:
    decoded = mm.decode_task_answers(text)
    again = mm.decode_task_answers(json.dumps(decoded, ensure_ascii=False))
    _expect(again == decoded, "decode_task_answers(json.dumps(result)) != result")


def check_fold(mapping: Any, prefix: str) -> None:
    if isinstance(mapping, dict):  # what the signature takes; the values are anything JSON gives
        mm.fold_choices(mapping, prefix=prefix)


MODELS: dict[str, type[Any]] = {
    "Assignment": mm.Assignment,
    "HIT": mm.HIT,
    "GetAssignmentResponse": mm.GetAssignmentResponse,
    "GetHITResponse": mm.GetHITResponse,
    "ListAssignmentsForHITResponse": mm.ListAssignmentsForHITResponse,
    "QualificationRequirement": mm.QualificationRequirement,
    "CreateHITRequest": mm.CreateHITRequest,
}


def _step(what: str, call: Callable[[], Any]) -> Any:
    """A step of a round trip: any exception there is a broken promise about the result."""
    try:
        return call()
    except Exception as exc:
        raise Broken(f"{what} raised {type(exc).__name__}: {exc}", "model round trip") from exc


def _spelling(key: Any) -> Any:
    """A member's name as botocore spells it and as its snake_case attribute, made the same."""
    return key.replace("_", "").lower() if isinstance(key, str) else key


def lost_member(given: Any, back: Any, path: str = "") -> str | None:
    """The path of a member of ``given`` (a model's input) that ``back`` (its ``to_boto3()``)
    does not hold, or of a list whose length changed; None when nothing is lost. A member given
    as None, or by its attribute name, counts as held."""
    if isinstance(given, dict) and isinstance(back, dict):
        spelled = {_spelling(key): key for key in back}
        for key, item in given.items():
            if item is None:
                continue
            if _spelling(key) not in spelled:
                return f"{path}/{key}"
            found = lost_member(item, back[spelled[_spelling(key)]], f"{path}/{key}")
            if found:
                return found
    elif isinstance(given, list) and isinstance(back, list):
        if len(given) != len(back):
            return f"{path} ({len(given)} items, {len(back)} back)"
        for index, (item, again) in enumerate(zip(given, back, strict=True)):
            found = lost_member(item, again, f"{path}/{index}")
            if found:
                return found
    return None


def check_model(name: str, data: Any) -> None:
    """A valid model survives boto3's shape unchanged, nothing of its input is lost, and its
    JSON text is stable."""
    model = ALL_MODELS[name]
    value = model.model_validate(data)
    boto3 = _step("to_boto3() of a valid model", value.to_boto3)
    lost = lost_member(data, boto3)
    if lost is not None:
        raise Broken(f"to_boto3() of a valid {name} lost {lost}", "nothing lost")
    again = _step("model_validate(to_boto3())", lambda: model.model_validate(boto3))
    if again != value:
        raise Broken("model_validate(m.to_boto3()) != m", "model round trip")
    dumped = _step("model_dump_json() of a valid model", value.model_dump_json)
    again = _step(
        "model_validate_json(model_dump_json())", lambda: model.model_validate_json(dumped)
    )
    if again.model_dump_json() != dumped:
        raise Broken(
            "the JSON of model_validate_json(m.model_dump_json()) differs", "model round trip"
        )


ALL_MODELS: dict[str, type[Any]] = {**MODELS, **RESPONSES, **REQUESTS}


def check_response(name: str, data: Any) -> None:
    """An operation's output: the promise of :func:`check_model`."""
    check_model(name, data)


def _botocore_input_shapes() -> dict[str, Any]:
    import botocore.session

    service = botocore.session.get_session().get_service_model("mturk")
    return {
        operation + "Request": service.operation_model(operation).input_shape
        for operation in service.operation_names
    }


INPUT_SHAPES = _botocore_input_shapes()


def check_request(name: str, data: Any) -> None:
    """A request the model accepts is one botocore accepts, and it survives its boto3 shape."""
    from botocore.validate import ParamValidator

    model = REQUESTS[name]
    value = model.model_validate(data)
    plain = _step("to_boto3() of a valid request", value.to_boto3)
    report = ParamValidator().validate(plain, INPUT_SHAPES[name])
    if report.has_errors():
        raise Broken(
            "to_boto3() of a valid request fails botocore's ParamValidator: "
            + report.generate_report()[:200],
            "request to_boto3() vs botocore",
        )
    again = _step("model_validate(to_boto3()) of a request", lambda: model.model_validate(plain))
    if again != value:
        raise Broken("model_validate(r.to_boto3()) != r", "request round trip")


def check_notification(message: Any) -> None:
    """A notification read from any delivery survives its own document."""
    notification = mm.parse_event_notification(message)
    plain = _step("to_boto3() of a notification", notification.to_boto3)
    again = _step(
        "parse_event_notification(json.dumps(n.to_boto3()))",
        lambda: mm.parse_event_notification(json.dumps(plain)),
    )
    if again != notification:
        raise Broken("parse_event_notification(json.dumps(n.to_boto3())) != n", "notification")


def check_notifications(event: Any) -> None:
    for notification in mm.iter_event_notifications(event):
        check_notification(notification.to_boto3())


SCORED_KEYS = ("answer_keys/key_01.xml", "answer_keys/key_02.xml")


def check_score(answers: str | bytes, key_name: str) -> None:
    """A real AnswerKey scores any answers: an int, within its bounds when it maps nothing."""
    key = mm.parse_answer_key(_read(key_name))
    score = key.score(answers)
    _expect(isinstance(score, int) and not isinstance(score, bool), "score() is not an int")
    if key.qualification_value_mapping is None:
        low, high = key.score_bounds
        _expect(low <= score <= high, f"score() {score} outside score_bounds {low}..{high}")


def check_model_json(name: str, text: str) -> None:
    ALL_MODELS[name].model_validate_json(text)


def check_iter(pages: Any) -> None:
    list(mm.iter_assignments(pages))


def check_to_rows(items: Any, long: bool, fold: bool) -> None:
    list(mm.to_rows(items, long=long, fold=fold))


def check_cli(content: str | bytes, suffix: str, output: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"input{suffix}"
        if isinstance(content, str):
            content = content.encode("utf-8", "surrogatepass")
        source.write_bytes(content)
        stdout, stderr = io.StringIO(), io.StringIO()
        argv = ["answers", str(source), "-o", str(Path(folder) / f"out.{output}")]
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                status = cli_main(argv)
            except SystemExit as exc:  # argparse
                status = exc.code if isinstance(exc.code, int) else 2
        _expect(status in (0, 1, 2), f"exit status {status}")
        _expect("internal error" not in stderr.getvalue(), stderr.getvalue().strip()[:300])


# --- the run --------------------------------------------------------------------------------------


@dataclass
class Case:
    """One input for one entry point: ``call(*args)``; ``data`` is what the shrinker may cut."""

    target: str
    call: Callable[..., None]
    data: Any
    extra: tuple[Any, ...] = ()

    def run(self, data: Any = None) -> None:
        self.call(self.data if data is None else data, *self.extra)


@dataclass
class Finding:
    key: tuple[str, str, str]
    case: Case
    message: str
    count: int = 1
    data: Any = None


@dataclass
class Generator:
    rng: random.Random
    seeds: dict[str, list[Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        boto3 = _boto3_lines()
        hits = _hit_dicts()
        legacy = [_read(f"legacy_0{n}.xml") for n in range(1, 9)]
        batch = [_read(f"batch_0{n}.csv") for n in range(1, 8)]
        self.seeds = {
            "answers": [_read(f"qfa_0{n}.xml") for n in range(1, 6)],
            "questions": [q.encode("utf-8") for q in _questions()],
            "answer_keys": [_read(f"answer_keys/key_0{n}.xml") for n in range(1, 3)],
            "legacy": legacy,
            "batch": batch,
            "task_answers": [c.encode("utf-8") for c in _task_answers_cells()],
            "mappings": _csv_mappings(),
            "Assignment": boto3,
            "HIT": hits,
            "GetAssignmentResponse": [{"Assignment": boto3[0], "HIT": hits[0]}],
            "GetHITResponse": [{"HIT": hit} for hit in hits],
            "ListAssignmentsForHITResponse": [
                {"Assignments": boto3, "NumResults": len(boto3), "NextToken": "t"}
            ],
            "QualificationRequirement": hits[0]["QualificationRequirements"],
            "CreateHITRequest": _create_hit_requests(hits),
            "scored_answers": _scored_answers(),
            **_notification_seeds(),
            "cli": [
                *[(line, ".xml") for line in legacy],
                *[(b, ".csv") for b in batch],
                ((DATA / "boto3_01.jsonl").read_bytes(), ".jsonl"),
                (json.dumps({"Assignments": boto3}).encode(), ".json"),
            ],
        }
        outputs, inputs = _generated_seeds()
        for name, found in outputs.items():
            self.seeds[name] = self.seeds.get(name, []) + copy.deepcopy(found)
        for name, found in _real_responses().items():
            self.seeds[name] = found + self.seeds[name]
        for name, found in inputs.items():
            self.seeds[name] = self.seeds.get(name, []) + copy.deepcopy(found)

    def seed_cases(self) -> Iterator[Case]:
        """Every seed as it is: the real files must keep the promise before any mutation."""
        for seed in self.seeds["answers"]:
            yield Case("parse_answers", check_answers, seed)
        for seed in self.seeds["questions"]:
            yield Case("parse_question", check_question, seed, (False,))
        for seed in self.seeds["answer_keys"]:
            yield Case("parse_answer_key", check_answer_key, seed)
        for seed in self.seeds["legacy"]:
            yield Case("parse_legacy_response", check_legacy, seed)
        for seed in self.seeds["batch"]:
            yield Case("read_batch_csv", check_batch, seed, (False,))
            yield Case("read_batch_csv", check_batch, seed.decode("utf-8"), (True,))
        for seed in self.seeds["task_answers"]:
            yield Case("decode_task_answers", check_task_answers, seed)
        for name in MODELS:
            for seed in self.seeds[name]:
                yield Case(f"{name}.model_validate", _named(check_model, name), seed)
        for content, suffix in self.seeds["cli"]:
            yield Case("cli answers", check_cli, content, (suffix, "csv"))
        for name in RESPONSES:
            for seed in self.seeds[name]:
                yield Case(f"{name}.model_validate", _named(check_response, name), seed)
        for name in REQUESTS:
            for seed in self.seeds[name]:
                yield Case(f"{name}.model_validate", _named(check_request, name), seed)
        for seed in self.seeds["notification_messages"] + self.seeds["notification_documents"]:
            yield Case("parse_event_notification", check_notification, seed)
        for seed in self.seeds["notification_events"]:
            yield Case("iter_event_notifications", check_notifications, seed)
        for seed, key_name in zip(self.seeds["scored_answers"], SCORED_KEYS, strict=True):
            yield Case("AnswerKey.score", check_score, seed, (key_name,))

    def _structured(self, name: str) -> Any:
        seed = self.rng.choice(self.seeds[name])
        if self.rng.random() < 0.75:
            return mutate_structure(self.rng, seed)
        return mutate_json_text(self.rng, seed)

    def case(self, index: int) -> Case:
        rng = self.rng
        kind = index % 24
        if kind >= 16:
            return self._newer_case(kind)
        if kind in (0, 1):
            seed = rng.choice(self.seeds["answers"])
            return Case("parse_answers", check_answers, mutate_document(rng, seed, XML_FRAGMENTS))
        if kind == 2:
            seed = rng.choice(self.seeds["questions"])
            document = mutate_document(rng, seed, XML_FRAGMENTS)
            return Case("parse_question", check_question, document, (rng.random() < 0.5,))
        if kind == 3:
            seed = rng.choice(self.seeds["legacy"])
            document = mutate_document(rng, seed, XML_FRAGMENTS)
            return Case("parse_legacy_response", check_legacy, document)
        if kind in (4, 5):
            seed = rng.choice(self.seeds["batch"])
            source = mutate_document(rng, seed, CSV_FRAGMENTS + JSON_FRAGMENTS)
            return Case("read_batch_csv", check_batch, source, (rng.random() < 0.5,))
        if kind == 6:
            seed = rng.choice(self.seeds["task_answers"])
            text = mutate_document(rng, seed, JSON_FRAGMENTS)
            return Case("decode_task_answers", check_task_answers, text)
        if kind == 7:
            mapping = self._structured("mappings")
            prefix = rng.choice(["", "Answer.", "Input."])
            return Case("fold_choices", check_fold, mapping, (prefix,))
        if kind in (8, 9, 10):
            name = rng.choice(list(MODELS))
            if rng.random() < 0.2:
                text = json.dumps(rng.choice(self.seeds[name]), default=str)
                for _ in range(rng.choice([1, 2, 3])):
                    text = _mutate_text(rng, text, JSON_FRAGMENTS)
                return Case(f"{name}.model_validate_json", _named(check_model_json, name), text)
            data = self._structured(name)
            return Case(f"{name}.model_validate", _named(check_model, name), data)
        if kind == 11:
            pages = self._structured("ListAssignmentsForHITResponse")
            if rng.random() < 0.5:
                pages = [pages, self._structured("ListAssignmentsForHITResponse")]
            return Case("iter_assignments", check_iter, pages)
        if kind == 12:
            items = self._export_items()
            return Case("to_rows", check_to_rows, items, (rng.random() < 0.5, rng.random() < 0.5))
        if kind == 13 and index % 64 == 13:  # the command line is slow: one input in 64
            content, suffix = rng.choice(self.seeds["cli"])
            fragments = XML_FRAGMENTS + CSV_FRAGMENTS + JSON_FRAGMENTS
            mutated = mutate_document(rng, content, fragments)
            suffix = suffix if rng.random() < 0.8 else rng.choice([".json", ".txt", ".csv", ""])
            output = rng.choice(["csv", "jsonl", "json"])
            return Case("cli answers", check_cli, mutated, (suffix, output))
        if kind == 14:
            seed = rng.choice(self.seeds["answer_keys"])
            document = mutate_document(rng, seed, XML_FRAGMENTS)
            return Case("parse_answer_key", check_answer_key, document)
        seed = rng.choice(self.seeds["answers"])
        return Case("parse_answers", check_answers, mutate_document(rng, seed, XML_FRAGMENTS))

    def _newer_case(self, kind: int) -> Case:
        """Notifications, AnswerKey.score, every response and every request model."""
        rng = self.rng
        if kind == 16:
            message = self._structured("notification_messages")
            return Case("parse_event_notification", check_notification, message)
        if kind == 17:
            seed = rng.choice(self.seeds["notification_documents"])
            document = mutate_document(rng, seed, JSON_FRAGMENTS)
            return Case("parse_event_notification", check_notification, document)
        if kind == 18:
            event = self._structured("notification_events")
            return Case("iter_event_notifications", check_notifications, event)
        if kind == 19:
            index = rng.randrange(len(SCORED_KEYS))
            answers = mutate_document(rng, self.seeds["scored_answers"][index], XML_FRAGMENTS)
            return Case("AnswerKey.score", check_score, answers, (SCORED_KEYS[index],))
        if kind in (20, 21):
            name = rng.choice(list(RESPONSES))
            data = self._structured(name)
            return Case(f"{name}.model_validate", _named(check_response, name), data)
        name = rng.choice(list(REQUESTS))
        data = self._structured(name)
        if rng.random() < 0.3:
            data = other_containers(rng, data)
        return Case(f"{name}.model_validate", _named(check_request, name), data)

    def _export_items(self) -> list[Any]:
        """Valid models carrying mutated answers: what to_rows gets from the other entry points."""
        items: list[Any] = []
        for _ in range(self.rng.randint(1, 3)):
            data = copy.deepcopy(self.rng.choice(self.seeds["Assignment"]))
            if "Answer" in data:
                answer = mutate_document(self.rng, data["Answer"].encode(), XML_FRAGMENTS)
                if isinstance(answer, bytes):
                    answer = answer.decode("utf-8", "replace")
                data["Answer"] = answer
            with contextlib.suppress(Exception):  # findings of model_validate, not of to_rows
                items.append(mm.Assignment.model_validate(data))
        if self.rng.random() < 0.5:
            source = mutate_document(self.rng, self.rng.choice(self.seeds["batch"]), CSV_FRAGMENTS)
            with contextlib.suppress(Exception):  # findings of read_batch_csv, not of to_rows
                items += _rows(source, fold=False)[:3]
        return items


def _named(function: Callable[..., None], name: str) -> Callable[[Any], None]:
    def call(data: Any) -> None:
        function(name, data)

    call.__name__ = function.__name__
    return call


def _alarm(signum: int, frame: Any) -> None:
    raise Slow


def outcome(case: Case, data: Any = None) -> tuple[tuple[str, str, str], str] | None:
    """None when the promise holds; otherwise (a key that names the finding, a message)."""
    caught: list[warnings.WarningMessage] = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            if hasattr(signal, "setitimer"):
                signal.setitimer(signal.ITIMER_PROF, SLOW_SECONDS)
            try:
                case.run(data)
            finally:
                if hasattr(signal, "setitimer"):
                    signal.setitimer(signal.ITIMER_PROF, 0)
    except OURS:
        pass
    except Broken as exc:
        what = str(exc).split(" raised ")[0] + (
            " raised " + type(exc.__cause__).__name__ if exc.__cause__ else ""
        )
        where = _where(exc.__cause__) if exc.__cause__ else what[:120]
        inner = re.findall(r"\w+(?:Error|Exception)\b", str(exc.__cause__ or ""))
        where += f" ({inner[-1]})" if inner else ""
        return (
            exc.target or case.target,
            "broken promise: " + what[:120],
            where,
        ), f"{case.target}: {exc}"[:400]
    except Slow:
        return (case.target, "slow", f">{SLOW_SECONDS}s"), f"took more than {SLOW_SECONDS} s of CPU"
    except RecursionError as exc:
        return (case.target, "RecursionError", _where(exc)), "RecursionError"
    except Exception as exc:
        return (case.target, type(exc).__name__, _where(exc)), f"{type(exc).__name__}: {exc}"[:300]
    for warning in caught:
        if not issubclass(warning.category, MTurkModelsWarning):
            name = warning.category.__name__
            where = f"{Path(warning.filename).name}:{warning.lineno}"
            return (case.target, name, where), f"{name}: {warning.message}"[:300]
    return None


def _where(exc: BaseException) -> str:
    """The innermost frame inside the package (where the exception escaped from our code)."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "mturk_models" in f.filename]
    frame = (ours or frames)[-1]
    return f"{Path(frame.filename).name}:{frame.lineno}"


def _smaller(data: Any) -> Iterator[Any]:
    """Candidates smaller than a structure: members cut, or members made smaller."""
    if isinstance(data, dict):
        for key in list(data):
            yield {k: v for k, v in data.items() if k != key}
        for key, value in data.items():
            for smaller in _smaller(value):
                yield {**data, key: smaller}
    elif isinstance(data, list):
        for index in range(len(data)):
            yield data[:index] + data[index + 1 :]
        for index, value in enumerate(data):
            for smaller in _smaller(value):
                yield [*data[:index], smaller, *data[index + 1 :]]
    elif isinstance(data, (str, bytes)) and len(data) > 1:
        yield data[: len(data) // 2]
        yield data[:1]


def _shrink_sequence(data: Any, fails: Callable[[Any], bool], budget: int) -> Any:
    """Cut whole lines, then ever smaller chunks, keeping each cut that still fails."""
    lines = data.splitlines(keepends=True)
    index = 0
    while index < len(lines) and budget > 0 and len(lines) > 1:
        budget -= 1
        candidate = lines[:index] + lines[index + 1 :]
        if fails(data[:0].join(candidate)):
            lines = candidate
        else:
            index += 1
    data = data[:0].join(lines) if lines else data
    chunk = max(1, len(data) // 2)
    while budget > 0:
        start = 0
        while start < len(data) and budget > 0:
            budget -= 1
            candidate = data[:start] + data[start + chunk :]
            if candidate and fails(candidate):
                data = candidate
            else:
                start += chunk
        if chunk == 1:
            break
        chunk //= 2
    return data


def shrink(case: Case, key: tuple[str, str, str], budget: int) -> Any:
    """A smaller input with the same finding (greedy; at most ``budget`` tries)."""

    def fails(candidate: Any) -> bool:
        found = outcome(case, candidate)
        return found is not None and found[0] == key

    if isinstance(case.data, (str, bytes)):
        return _shrink_sequence(case.data, fails, budget)
    best = case.data
    improved = True
    while improved and budget > 0:
        improved = False
        for candidate in _smaller(best):
            budget -= 1
            if budget <= 0:
                break
            if fails(candidate):
                best = candidate
                improved = True
                break
    return best


def _repr(value: Any) -> str:
    """repr() that also shows integers longer than Python's 4300-digit limit for str()."""
    limit = getattr(sys, "get_int_max_str_digits", lambda: 0)()
    if limit:
        sys.set_int_max_str_digits(0)
    try:
        return repr(value)
    finally:
        if limit:
            sys.set_int_max_str_digits(limit)


def _reproducer(finding: Finding) -> str:
    text = _repr(finding.data)
    if len(text) > 600:
        text = text[:300] + f" ...[{len(text) - 600} characters]... " + text[-300:]
    extra = "".join(f", {_repr(argument)}" for argument in finding.case.extra)
    return f"{finding.case.call.__name__}({text}{extra})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=20000, help="how many inputs (20000)")
    parser.add_argument("--seed", type=int, default=0, help="the random seed (0)")
    parser.add_argument("--target", default="", help="only entry points whose name contains this")
    parser.add_argument("--shrink", type=int, default=3000, help="tries to shrink each finding")
    arguments = parser.parse_args(argv)

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 1000))
    if hasattr(signal, "SIGPROF"):
        signal.signal(signal.SIGPROF, _alarm)
    generator = Generator(random.Random(arguments.seed))
    findings: dict[tuple[str, str, str], Finding] = {}
    counts: dict[str, int] = {}
    started = time.monotonic()
    cases = [(-1, case) for case in generator.seed_cases()]
    for index, case in [*cases, *((i, None) for i in range(arguments.inputs))]:
        case = case or generator.case(index)
        if arguments.target not in case.target:
            continue
        counts[case.target] = counts.get(case.target, 0) + 1
        if index and index % 5000 == 0:
            print(f"... {index} inputs, {time.monotonic() - started:.0f} s", flush=True)
        found = outcome(case)
        if found is None:
            continue
        key, message = found
        if key in findings:
            findings[key].count += 1
            continue
        finding = Finding(key, case, message)
        finding.data = shrink(case, key, arguments.shrink)
        findings[key] = finding
        print(f"FINDING {len(findings)} (input {index}): {key[0]}: {key[1]} at {key[2]}")
        print(f"  {message}")
        print(f"  reproducer: {_reproducer(finding)}", flush=True)

    elapsed = time.monotonic() - started
    total = sum(counts.values())
    print(f"\n{total} inputs in {elapsed:.0f} s (seed {arguments.seed}):")
    for target, count in sorted(counts.items()):
        print(f"  {target}: {count}")
    print(f"{len(findings)} distinct findings")
    for finding in findings.values():
        print(f"  {finding.key[0]}: {finding.key[1]} at {finding.key[2]} (x{finding.count})")
    return 1 if findings else 0


if __name__ == "__main__":
    raise SystemExit(main())
