"""The JSON Lines reader of the command line: pydantic-core first, the json module's word final.

``read_json_line`` must give exactly what ``json.loads`` gives (value or exception) for any line
without its line end: pydantic-core's reader is only a faster way to the same value.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pydantic_core
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mturk_models.cli import _sources
from mturk_models.cli._sources import read_json_line


def _same(left: Any, right: Any) -> bool:
    """Equal values of equal types all the way down (NaN equal to NaN, 1 unequal to 1.0)."""
    if type(left) is not type(right):
        return False
    if isinstance(left, float):
        return (math.isnan(left) and math.isnan(right)) or (
            left == right and math.copysign(1, left) == math.copysign(1, right)
        )
    if isinstance(left, list):
        return len(left) == len(right) and all(map(_same, left, right))
    if isinstance(left, dict):
        return list(left) == list(right) and all(_same(left[k], right[k]) for k in left)
    return bool(left == right)


def _outcome(read: Any, line: bytes) -> tuple[str, Any]:
    try:
        return "value", read(line)
    except Exception as exc:
        return "error", (type(exc), str(exc))


def _loads_line(line: bytes) -> Any:
    """What the reader promises: json.loads of the line without its line end."""
    return json.loads(line.rstrip(b"\r\n"))


def _agree(record: bytes) -> None:
    for line in (record, record + b"\n", record + b"\r\n"):  # as a file's lines come
        ours, theirs = _outcome(read_json_line, line), _outcome(_loads_line, line)
        assert ours[0] == theirs[0], (line, ours, theirs)
        if ours[0] == "value":
            assert _same(ours[1], theirs[1]), (line, ours, theirs)
        else:
            assert ours[1] == theirs[1]


_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(10**60), max_value=10**60)
    | st.floats()
    | st.text(),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(), inner, max_size=5),
    max_leaves=20,
)


@given(_VALUES, st.booleans())
def test_any_json_value_reads_as_the_json_module_reads_it(value: Any, ascii_only: bool) -> None:
    text = json.dumps(value, ensure_ascii=ascii_only)
    _agree(text.encode("utf-8", "surrogatepass"))


_NUMBER = st.from_regex(r"\A-?(0|[1-9][0-9]{0,30})(\.[0-9]{1,30})?([eE][+-]?[0-9]{1,3})?\Z")


@given(_NUMBER)
def test_numbers_in_any_spelling_read_alike(number: str) -> None:
    """Decimal spellings that are not the shortest form of a float round alike."""
    _agree(number.encode())
    _agree(f'{{"n": [{number}]}}'.encode())


@given(st.binary(max_size=60))
def test_any_bytes_give_the_json_modules_value_or_error(line: bytes) -> None:
    _agree(line)


@given(
    st.sampled_from(['{"a": 1}', "[1, 2]", '"x"', "null", "NaN", "-Infinity"]),
    st.binary(max_size=4),
)
def test_near_misses_give_the_json_modules_value_or_error(text: str, noise: bytes) -> None:
    _agree(text.encode() + noise)
    _agree(noise + text.encode())


@pytest.mark.parametrize(
    "line",
    [
        b"\xef\xbb\xbf[1]",  # a BOM: json.loads reads it, pydantic-core does not
        b'"\\ud800"',  # a lone surrogate escaped
        b'"\xed\xa0\x80"',  # a lone surrogate encoded: json.loads reads it (surrogatepass)
        b"[" * 300 + b"]" * 300,  # deeper than pydantic-core reads
        b"[" * 100_000 + b"]" * 100_000,  # deeper than json.loads reads: its RecursionError
        b'{"b": 1, "a": 2, "b": 3}',  # a repeated key: the last value, the first position
        b"1e400",
        b"-0",
        b"-0.0",
        b"NaN",
        b'"a\tb"',  # a raw control character: refused by both
        b"[1] x",
        b"\xff",
        b"",
    ],
)
def test_lines_where_the_readers_differ_read_as_json_loads_reads_them(line: bytes) -> None:
    _agree(line)


def test_pydantic_core_reads_an_ordinary_line(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[bytes] = []
    real = pydantic_core.from_json

    def counted(line: bytes) -> Any:
        calls.append(line)
        return real(line)

    monkeypatch.setattr(_sources, "from_json", counted)
    assert read_json_line(b'{"AssignmentId": "3A", "NumResults": 1}') == {
        "AssignmentId": "3A",
        "NumResults": 1,
    }
    assert calls == [b'{"AssignmentId": "3A", "NumResults": 1}']
