"""Wrapping boto3 ListAssignmentsForHIT pages with iter_assignments: speed against plain Pydantic,
and peak memory for 1k vs 100k assignments streamed from a generator of pages.

Run ``python benchmarks/bench_wrap.py`` (package installed, or ``PYTHONPATH=src``); ``--quick``
(or ``MTURK_BENCH_QUICK=1``) runs a tenth of the work. The assignments are shaped as boto3 returns
them: PascalCase keys, timestamps as aware ``datetime`` objects in ``tzlocal()``, pages of 100.

Peers, measured in the same run on the same pages:

* ``plain``: a Pydantic model with the same field types (``str``, ``datetime``, the enum), the same
  aliases and configuration, and no custom validators: the target is ``mturk-models >= 0.5x``;
* ``plain+constraints``: the same, with botocore's length and pattern constraints on the IDs.

For context, the run also times botocore's own JSON parser building the same pages from the
response body (``botocore.parsers``, the code boto3 runs before handing the page over), and prints
what wrapping adds to that.

A second table covers the nine list operations of the API: for each, pages of 100 items with
every member filled, parsed from the JSON body by botocore's own parser (the pages boto3 hands
over), then wrapped by the operation's ``iter_items``. It prints both rates in items/s and what
wrapping adds to botocore's parse (target: at most 10%), as the median of per-round ratios over
``--rounds`` interleaved rounds of CPU time after a warm-up, and the floor: what pydantic-core
alone adds when it builds the same models with every Python validator left out (no rules, no
UTC conversion). ``--operations`` prints only that table; ``--profile ListHITs`` prints where
one operation's wrapping spends its time (cProfile).

``TZ`` decides what ``tzlocal()`` costs: zones with daylight saving time ask the C library for
every timestamp. Try ``TZ=America/Los_Angeles python benchmarks/bench_wrap.py``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

from dateutil.tz import tzlocal
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter
from pydantic.alias_generators import to_pascal

from mturk_models import AssignmentStatus, iter_assignments
from mturk_models._types import EntityId, WorkerId

PAGE_SIZE = 100
TARGET = 0.5
_CONFIG = ConfigDict(
    alias_generator=to_pascal,
    validate_by_name=True,
    validate_by_alias=True,
    serialize_by_alias=True,
    frozen=True,
    extra="allow",
)


class PlainAssignment(BaseModel):
    """The peer: Assignment's fields with plain types and no custom validators."""

    model_config = _CONFIG

    assignment_id: str | None = None
    worker_id: str | None = None
    hit_id: str | None = Field(default=None, alias="HITId")
    assignment_status: AssignmentStatus | None = None
    auto_approval_time: datetime | None = None
    accept_time: datetime | None = None
    submit_time: datetime | None = None
    approval_time: datetime | None = None
    rejection_time: datetime | None = None
    deadline: datetime | None = None
    answer: str | None = None
    requester_feedback: str | None = None


class ConstrainedAssignment(PlainAssignment):
    """The peer with botocore's ID constraints (declarative, still no custom validators)."""

    assignment_id: EntityId | None = None
    worker_id: WorkerId | None = None
    hit_id: EntityId | None = Field(default=None, alias="HITId")


ANSWER = (
    '<?xml version="1.0" encoding="ASCII"?><QuestionFormAnswers xmlns="http://mechanicalturk.'
    'amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/QuestionFormAnswers.xsd"><Answer>'
    "<QuestionIdentifier>q1</QuestionIdentifier><FreeText>yes</FreeText></Answer>"
    "</QuestionFormAnswers>"
)


def _local(instant: datetime) -> datetime:
    return datetime.fromtimestamp(instant.timestamp(), tzlocal())


def boto3_page(number: int) -> dict[str, Any]:
    """One ListAssignmentsForHIT page as boto3 returns it.

    botocore parses every timestamp with ``datetime.fromtimestamp(value, tzlocal())``: a fresh
    ``tzlocal()`` object for each one, as here.
    """
    start = datetime(2021, 9, 17, 12, tzinfo=timezone.utc) + timedelta(hours=number)
    assignments = []
    for index in range(PAGE_SIZE):
        accept = start + timedelta(seconds=index * 37)
        submit = accept + timedelta(minutes=12)
        assignments.append(
            {
                "AssignmentId": f"3YZ8UPK3VUK9D38RJKOS{number:06d}{index:04d}",
                "WorkerId": f"A3LT7W355X{index:04d}",
                "HITId": f"3F6045TU7DM69TFRJMD8{number:010d}",
                "AssignmentStatus": "Approved" if index % 3 else "Submitted",
                "AutoApprovalTime": _local(submit + timedelta(days=3)),
                "AcceptTime": _local(accept),
                "SubmitTime": _local(submit),
                "ApprovalTime": _local(submit + timedelta(hours=5)),
                "Deadline": _local(accept + timedelta(hours=1)),
                "Answer": ANSWER,
            }
        )
    return {
        "Assignments": assignments,
        "NumResults": PAGE_SIZE,
        "NextToken": f"token-{number + 1}",
        "ResponseMetadata": {"RequestId": "r", "HTTPStatusCode": 200, "RetryAttempts": 0},
    }


def plain_iter(adapter: TypeAdapter[list[Any]]) -> Callable[[Iterable[Any]], Iterator[Any]]:
    def run(pages: Iterable[Any]) -> Iterator[Any]:
        for page in pages:
            yield from adapter.validate_python(page["Assignments"])

    return run


PEERS: dict[str, Callable[[Iterable[Any]], Iterator[Any]]] = {
    "mturk-models iter_assignments": iter_assignments,
    "plain": plain_iter(TypeAdapter(list[PlainAssignment])),
    "plain+constraints": plain_iter(TypeAdapter(list[ConstrainedAssignment])),
}


def consume(stream: Iterator[Any]) -> int:
    count = 0
    for _ in stream:
        count += 1
    return count


def _in_form(page: dict[str, Any], form: str) -> dict[str, Any]:
    """The page with its timestamps in another form (the benchmark's pages use tzlocal())."""

    def convert(value: Any) -> Any:
        if not isinstance(value, datetime) or form == "tzlocal":
            return value
        utc = value.astimezone(timezone.utc)
        return utc if form == "utc" else utc.astimezone(CLI_ZONE).isoformat()

    return {
        **page,
        "Assignments": [{k: convert(v) for k, v in a.items()} for a in page["Assignments"]],
    }


CLI_ZONE = timezone(timedelta(hours=-7))
FORMS = {
    "tzlocal": "datetimes in tzlocal(), as boto3 returns them (the target)",
    "utc": "datetimes already in UTC",
    "iso": "ISO strings with an offset, as the AWS CLI prints them",
}


def throughput(total: int, repeats: int, form: str) -> dict[str, float]:
    """Best assignments/s of each peer; the pages are built once and shared."""
    pool = [_in_form(boto3_page(number), form) for number in range(10)]
    pages = total // PAGE_SIZE

    def stream() -> Iterator[dict[str, Any]]:
        for number in range(pages):
            yield pool[number % len(pool)]

    best = dict.fromkeys(PEERS, 0.0)
    for _ in range(repeats):
        for name, run in PEERS.items():  # interleaved, so machine noise hits every peer
            gc.collect()
            started = time.perf_counter()
            count = consume(run(stream()))
            elapsed = time.perf_counter() - started
            assert count == pages * PAGE_SIZE
            best[name] = max(best[name], count / elapsed)
    return best


def _response(page: dict[str, Any]) -> dict[str, Any]:
    """The HTTP response botocore parses into ``page``: JSON with epoch-second timestamps."""
    body = {
        "NextToken": page["NextToken"],
        "NumResults": page["NumResults"],
        "Assignments": [
            {k: v.timestamp() if isinstance(v, datetime) else v for k, v in a.items()}
            for a in page["Assignments"]
        ],
    }
    return {
        "status_code": 200,
        "headers": {"x-amzn-requestid": "r"},
        "body": json.dumps(body).encode(),
    }


def botocore_rate(total: int, repeats: int) -> float:
    """Best assignments/s of botocore's own JSON parser building the benchmark's pages."""
    import botocore.session
    from botocore.parsers import create_parser

    model = botocore.session.get_session().get_service_model("mturk")
    shape = model.operation_model("ListAssignmentsForHIT").output_shape
    parser = create_parser(model.metadata["protocol"])
    pool = [_response(boto3_page(number)) for number in range(10)]
    pages = max(1, total // PAGE_SIZE // 10)  # botocore is slow: a tenth of the pages is enough
    best = 0.0
    for _ in range(repeats):
        gc.collect()
        started = time.perf_counter()
        for number in range(pages):
            parser.parse(pool[number % len(pool)], shape)
        best = max(best, pages * PAGE_SIZE / (time.perf_counter() - started))
    return best


def peak_memory(total: int) -> int:
    """Peak traced bytes while streaming ``total`` assignments from a generator of pages."""

    def stream() -> Iterator[dict[str, Any]]:
        for number in range(total // PAGE_SIZE):
            yield boto3_page(number)

    gc.collect()
    tracemalloc.start()
    tracemalloc.reset_peak()
    count = consume(iter_assignments(stream()))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == total
    return peak


# --- every list operation ------------------------------------------------------------------

OPERATION_TARGET = 0.10  # wrapping adds at most 10% to botocore's parse


def _item(shape: Any, number: int) -> Any:
    """A JSON value of ``shape`` with every member filled (timestamps as epoch seconds)."""
    name, kind = shape.name, shape.type_name
    if name == "Locale":
        return {"Country": "US", "Subdivision": "WA"}
    if name == "QualificationRequirement":
        return {
            "QualificationTypeId": "000000000000000000L0",
            "Comparator": "GreaterThanOrEqualTo",
            "IntegerValues": [95],
            "ActionsGuarded": "Accept",
        }
    if name == "Qualification":
        return {
            "QualificationTypeId": "3TL87MO8CLOFYXKXNRLMZZEXAMPLE",
            "WorkerId": f"A3LT7W355X{number:04d}",
            "GrantTime": 1631880000 + number,
            "IntegerValue": number % 100,
            "Status": "Granted",
        }
    if kind == "structure":
        return {key: _item(member, number) for key, member in shape.members.items()}
    if kind == "list":
        return [_item(shape.member, number) for _ in range(2)]
    if kind == "timestamp":
        return 1631880000 + number * 37
    if kind == "boolean":
        return False  # AutoGranted false: a QualificationType with a Test stays valid
    if kind in ("integer", "long"):
        return number % 1000
    if shape.metadata.get("enum"):
        return shape.metadata["enum"][number % len(shape.metadata["enum"])]
    if name == "CurrencyAmount":
        return f"{number % 100}.{number % 97:02d}"
    if name == "EntityId":
        return f"3F6045TU7DM69TFRJMD8{number:010d}"
    if name == "CustomerId":
        return f"A3LT7W355X{number:04d}"
    return "Some text of a realistic length, a sentence or so." if name != "String" else "text"


def _operation_bodies(operation: str) -> tuple[Any, Any, str, list[dict[str, Any]]]:
    """botocore's parser, the output shape, the items' key and ten HTTP responses of 100 items."""
    import botocore.session
    from botocore.parsers import create_parser

    model = botocore.session.get_session().get_service_model("mturk")
    shape = model.operation_model(operation).output_shape
    key = next(name for name, member in shape.members.items() if member.type_name == "list")
    parser = create_parser(model.metadata["protocol"])
    bodies = []
    for number in range(10):
        items = [_item(shape.members[key].member, number * 1000 + i) for i in range(PAGE_SIZE)]
        body = {key: items, "NumResults": PAGE_SIZE, "NextToken": f"token-{number + 1}"}
        bodies.append({"status_code": 200, "headers": {}, "body": json.dumps(body).encode()})
    return parser, shape, key, bodies


def _iterate(operation: str, key: str) -> Callable[[Iterable[Any]], Iterator[Any]]:
    """The operation's ``iter_items`` (or, for an output that is not a Page, page by page)."""
    import mturk_models

    model = getattr(mturk_models, f"{operation}Response")
    iterate: Callable[[Iterable[Any]], Iterator[Any]] | None = getattr(model, "iter_items", None)
    if iterate is not None:
        return iterate
    field = next(name for name, info in model.model_fields.items() if info.alias == key)

    def by_page(stream: Iterable[Any]) -> Iterator[Any]:
        for page in stream:
            yield from getattr(model.model_validate(page), field)

    return by_page


def _without_python(schema: Any) -> Any:
    """A copy of a core schema with every Python function left out (a plain function becomes
    ``any``): the same models, fields, aliases and constraints, built by pydantic-core alone,
    with none of the library's rules and no conversion of timestamps to UTC."""
    if isinstance(schema, list):
        return [_without_python(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    kind = schema.get("type", "")
    if isinstance(schema.get("function"), dict) and kind.startswith("function-"):
        if kind == "function-plain":
            return {"type": "any"}
        return _without_python(schema["schema"])
    opaque = ("cls", "serialization", "metadata", "config", "ref")
    return {k: v if k in opaque else _without_python(v) for k, v in schema.items()}


class _Operation:
    """One list operation's pages and its timings: botocore's parse, iter_items, and the floor
    (the same page models built by pydantic-core without any Python validator)."""

    def __init__(self, operation: str, pages: int) -> None:
        from pydantic_core import SchemaValidator

        import mturk_models

        self.name = operation
        self.parser, self.shape, key, self.bodies = _operation_bodies(operation)
        parsed = [self.parser.parse(body, self.shape) for body in self.bodies]
        self.pages = [parsed[number % len(parsed)] for number in range(pages)]
        self.iterate = _iterate(operation, key)
        model = getattr(mturk_models, f"{operation}Response")
        self.floor = SchemaValidator(_without_python(model.__pydantic_core_schema__))
        self.items = next(name for name, info in model.model_fields.items() if info.alias == key)
        self.times: dict[str, list[float]] = {"parse": [], "wrap": [], "floor": []}

    def warm_up(self) -> None:
        """Build the validators and touch every code path once, outside the timing."""
        for body in self.bodies[:2]:
            self.parser.parse(body, self.shape)
        consume(self.iterate(iter(self.pages[:2])))
        self.run_floor(self.pages[:2])

    def run_floor(self, pages: list[dict[str, Any]]) -> int:
        validate, items = self.floor.validate_python, self.items
        return consume(item for page in pages for item in getattr(validate(page), items))

    def time(self, side: str) -> None:
        parse, shape, bodies = self.parser.parse, self.shape, self.bodies
        gc.collect()
        started = time.process_time()
        if side == "parse":
            for number in range(len(self.pages)):
                parse(bodies[number % len(bodies)], shape)
            count = len(self.pages) * PAGE_SIZE
        elif side == "wrap":
            count = consume(self.iterate(iter(self.pages)))
        else:
            count = self.run_floor(self.pages)
        self.times[side].append(time.process_time() - started)
        assert count == len(self.pages) * PAGE_SIZE

    def adds(self, side: str) -> float:
        """The median over rounds of ``side``'s time / parse time (each round times both)."""
        return statistics.median(
            t / p for t, p in zip(self.times[side], self.times["parse"], strict=True)
        )

    def rate(self, side: str) -> float:
        return len(self.pages) * PAGE_SIZE / statistics.median(self.times[side])


def print_operations_table(total: int, repeats: int) -> None:
    """Every list operation: items/s of botocore's parse and of iter_items, and what wrapping
    adds to the parse, as the median over ``repeats`` rounds of the per-round ratio.

    Rounds interleave the operations (each round in another order, and the three timings in a
    rotating order), so that the load of a shared machine falls on every side of every ratio;
    times are the process's CPU time, which other processes' load does not inflate. The last
    column is the floor: what pydantic-core alone adds when it builds the same models with
    every Python validator left out (no rules, timestamps not converted to UTC).
    """
    import botocore.session

    paginators = botocore.session.get_session().get_paginator_model("mturk")._paginator_config
    pages = max(1, total // PAGE_SIZE)
    operations = [_Operation(name, pages) for name in sorted(paginators)]
    for operation in operations:
        operation.warm_up()
    sides = ["parse", "wrap", "floor"]
    for round_ in range(repeats):
        shift = round_ % len(operations)
        for operation in operations[shift:] + operations[:shift]:
            turn = round_ % len(sides)
            for side in sides[turn:] + sides[:turn]:
                operation.time(side)
    print(
        f"  every list operation: {pages * PAGE_SIZE:,} items with every member, pages of 100; "
        f"CPU time, median of {repeats} interleaved rounds"
    )
    print(
        f"    {'operation':<34} {'botocore parse':>15} {'iter_items':>12} {'wrap adds':>10}"
        f" {'floor adds':>11}"
    )
    worst = 0.0
    for operation in operations:
        adds = operation.adds("wrap")
        worst = max(worst, adds)
        print(
            f"    {operation.name:<34} {operation.rate('parse'):>11,.0f} /s "
            f"{operation.rate('wrap'):>10,.0f} /s {adds:>9.1%} {operation.adds('floor'):>11.1%}"
        )
    verdict = "meets" if worst <= OPERATION_TARGET else "MISSES"
    print(
        f"    worst: wrapping adds {worst:.1%} to botocore's parse ({verdict} the target of "
        f"{OPERATION_TARGET:.0%}); floor: pydantic-core alone, the same models without any "
        "Python validator"
    )


def profile_operation(operation: str, total: int, lines: int = 25) -> None:
    """cProfile of ``operation``'s iter_items over ``total`` items, the costliest functions
    first (by their own time)."""
    import cProfile
    import pstats

    subject = _Operation(operation, max(1, total // PAGE_SIZE))
    subject.warm_up()
    profiler = cProfile.Profile()
    profiler.enable()
    consume(subject.iterate(iter(subject.pages)))
    profiler.disable()
    print(f"  profile of {operation}.iter_items, {len(subject.pages) * PAGE_SIZE:,} items:")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the work")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--rounds", type=int, default=5, help="rounds of the list operations' table (median)"
    )
    parser.add_argument("--operations", action="store_true", help="only the list operations' table")
    parser.add_argument(
        "--profile", metavar="OPERATION", help="cProfile one list operation's iter_items"
    )
    args = parser.parse_args(argv)
    quick = args.quick or os.environ.get("MTURK_BENCH_QUICK") == "1"
    total = 10_000 if quick else 100_000
    memory_sizes = (1_000, 10_000) if quick else (1_000, 100_000)
    if args.profile:
        profile_operation(args.profile, total // 10)
        return 0
    if args.operations:
        print(f"bench_wrap: python {sys.version.split()[0]}, TZ={os.environ.get('TZ', '(unset)')}")
        print_operations_table(total // 2, args.rounds)
        return 0

    print(f"bench_wrap: {total:,} boto3-shaped assignments, pages of {PAGE_SIZE}, tzlocal()")
    print(f"  python {sys.version.split()[0]}, TZ={os.environ.get('TZ', '(unset)')}")
    ratio = 0.0
    rates: dict[str, float] = {}
    for form, title in FORMS.items():
        best = throughput(total, args.repeats, form)
        ours = best["mturk-models iter_assignments"]
        print(f"  timestamps as {title}:")
        for name, rate in best.items():
            print(f"    {name:<32} {rate:>10,.0f} assignments/s  ours/peer {ours / rate:5.2f}")
        if form == "tzlocal":
            ratio = ours / best["plain"]
            rates = best
    verdict = "meets" if ratio >= TARGET else "MISSES"
    print(
        f"  ratio to plain Pydantic on boto3's tzlocal() datetimes: {ratio:.2f} "
        f"({verdict} the target of {TARGET})"
    )

    parse = botocore_rate(total, args.repeats)
    ours, plain = rates["mturk-models iter_assignments"], rates["plain"]
    end_to_end = (1 / parse + 1 / plain) / (1 / parse + 1 / ours)
    print(
        f"  context: botocore's own parser builds these pages from JSON at {parse:,.0f} "
        f"assignments/s; wrapping adds {parse / ours:.0%} to that (plain Pydantic "
        f"{parse / plain:.0%}), so parse+wrap runs at {end_to_end:.2f}x the speed of parse+plain"
    )

    print_operations_table(total // 2, args.rounds)

    small, large = (peak_memory(size) for size in memory_sizes)
    growth = large / small
    print(
        f"  peak memory (tracemalloc): {memory_sizes[0]:,} -> {small / 1024:,.0f} KiB, "
        f"{memory_sizes[1]:,} -> {large / 1024:,.0f} KiB (x{growth:.2f}; flat means ~1)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
