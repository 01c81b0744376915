"""The fuzzer (``fuzz/run.py``): it drives every public entry point, its seeds keep the promise,
it is deterministic, and it tells a finding from the library's own errors.

The fuzzing itself runs with ``nox -s fuzz``; these tests only check the harness.
"""

from __future__ import annotations

import importlib.util
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from pydantic import ValidationError

import mturk_models as mm

RUN = Path(__file__).resolve().parent.parent / "fuzz" / "run.py"


@pytest.fixture(scope="module")
def fuzz() -> Iterator[ModuleType]:
    spec = importlib.util.spec_from_file_location("fuzz_run", RUN)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fuzz_run"] = module  # dataclasses look their module up while being made
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules["fuzz_run"]


@pytest.fixture(scope="module")
def generator(fuzz: ModuleType) -> Any:
    return fuzz.Generator(random.Random(0))


def test_every_public_entry_point_is_driven(fuzz: ModuleType, generator: Any) -> None:
    targets = {case.target for case in generator.seed_cases()}
    targets |= {generator.case(index).target for index in range(24 * 64)}
    expected = {
        "parse_answers",
        "parse_question",
        "parse_answer_key",
        "AnswerKey.score",
        "parse_legacy_response",
        "read_batch_csv",
        "decode_task_answers",
        "fold_choices",
        "iter_assignments",
        "to_rows",
        "cli answers",
        "parse_event_notification",
        "iter_event_notifications",
    }
    outputs = {n for n in mm.__all__ if n.endswith("Response") and n != "LegacyResponse"}
    requests = {n for n in mm.__all__ if n.endswith("Request") and n != "QualificationRequest"}
    assert len(outputs) == len(requests) == 39  # every operation of the 2017-01-17 API
    expected |= {f"{name}.model_validate" for name in outputs | requests}
    assert expected <= targets, sorted(expected - targets)
    assert set(fuzz.INPUT_SHAPES) == requests  # botocore's input shape of every request


def test_the_seeds_keep_the_promise(fuzz: ModuleType, generator: Any) -> None:
    # The real files and the generated values, unmutated: nothing the fuzzer would report.
    findings = [(case.target, fuzz.outcome(case)) for case in generator.seed_cases()]
    assert [f for f in findings if f[1] is not None] == []


def test_the_run_is_the_same_for_a_seed(fuzz: ModuleType) -> None:
    one, two = fuzz.Generator(random.Random(5)), fuzz.Generator(random.Random(5))
    first = [fuzz._repr(one.case(i).data)[:300] for i in range(300)]
    assert first == [fuzz._repr(two.case(i).data)[:300] for i in range(300)]


def _raise(exception: BaseException) -> Any:
    def call(data: Any) -> None:
        raise exception

    return call


def test_our_errors_are_not_findings_and_anything_else_is(fuzz: ModuleType) -> None:
    try:
        mm.HIT.model_validate({"HITId": "not an id"})
    except ValidationError as exc:
        ours = exc
    assert fuzz.outcome(fuzz.Case("ours", _raise(ours), None)) is None
    assert fuzz.outcome(fuzz.Case("ours", _raise(mm.MTurkModelsError("x")), None)) is None
    key, _ = fuzz.outcome(fuzz.Case("leak", _raise(KeyError("HITId")), None))
    assert key[:2] == ("leak", "KeyError")
    key, _ = fuzz.outcome(fuzz.Case("leak", _raise(ValueError("bare")), None))
    assert key[:2] == ("leak", "ValueError")
    key, message = fuzz.outcome(fuzz.Case("promise", _raise(fuzz.Broken("differs")), None))
    assert key[1].startswith("broken promise")
    assert "differs" in message


def test_a_request_is_checked_against_botocore(fuzz: ModuleType) -> None:
    valid = {"WorkerId": "A1", "BonusAmount": "0.50", "AssignmentId": "3ABC", "Reason": "Thanks"}
    fuzz.check_request("SendBonusRequest", valid)
    with pytest.raises(ValidationError):
        fuzz.check_request("SendBonusRequest", {**valid, "Unknown": 1})


def test_other_containers_keep_the_items(fuzz: ModuleType) -> None:
    rng = random.Random(3)
    value = {"A": [1, 2, 3], "B": [{"C": ["x", "y"]}], "D": "text"}
    kinds = set()
    for _ in range(50):
        changed = fuzz.other_containers(rng, value)
        kinds.add(type(changed["A"]).__name__)
        assert sorted(changed["A"]) == [1, 2, 3]
        assert changed["D"] == "text"
        (inner,) = list(changed["B"])
        assert sorted(inner["C"]) == ["x", "y"]
    assert {"tuple", "dict_values", "deque", "list"} <= kinds
    assert kinds & {"set", "frozenset"}
    deep: Any = [1]
    for _ in range(2000):  # nesting another mutation makes: left as it is below 20 levels
        deep = {"a": [deep]}
    fuzz.other_containers(rng, deep)


def test_the_printed_python_reader_takes_only_literals(fuzz: ModuleType) -> None:
    import ast
    from datetime import datetime, timezone

    printed = "{'T': datetime.datetime(2017, 1, 2, tzinfo=tzlocal()), 'L': [1, None]}"
    tree = ast.parse(printed, mode="eval").body
    assert fuzz._python_value(tree, timezone.utc) == {
        "T": datetime(2017, 1, 2, tzinfo=timezone.utc),
        "L": [1, None],
    }
    with pytest.raises(ValueError, match="not a printed boto3 value"):
        fuzz._python_value(ast.parse("__import__('os')", mode="eval").body, timezone.utc)


def test_a_lost_member_is_named(fuzz: ModuleType) -> None:
    given = {"HIT": {"HITId": "A1", "Extra": [1, {"Deep": "x"}], "Gone": None}}
    assert fuzz.lost_member(given, {"HIT": {"HITId": "A1", "Extra": [1, {"Deep": "x"}]}}) is None
    assert fuzz.lost_member({"HIT": {"hit_id": "A1"}}, {"HIT": {"HITId": "A1"}}) is None
    assert fuzz.lost_member(given, {"HIT": {"HITId": "A1"}}) == "/HIT/Extra"
    back = {"HIT": {"HITId": "A1", "Extra": [1, {}]}}
    assert fuzz.lost_member(given, back) == "/HIT/Extra/1/Deep"
    assert fuzz.lost_member({"L": [1, 2]}, {"L": [1]}) == "/L (2 items, 1 back)"
